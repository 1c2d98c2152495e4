//! Folding Vietnamese text for search: lower case, tones and marks taken
//! off, đ read as d. "ĐẢNG VIÊN", "đảng viên" and "dang vien" fold alike;
//! so do "Ủy ban" and "Uỷ ban", whichever vowel carries the tone.
//!
//! Words are runs of letters and digits. Each word is kept twice: folded,
//! and exact (lower case, NFC), so a query typed with its marks can rank
//! matches spelled the same way first.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of one character to `out`.
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        // Đ and đ do not decompose under NFD.
        'đ' | 'Đ' => out.push('d'),
        _ => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase().filter(|l| !is_combining_mark(*l)));
            }
        }),
    }
}

/// The folded form of a text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// Whether a character belongs to a word: letters, digits, and the marks of
/// decomposed letters.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The words of a text, with their byte ranges.
pub fn words(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    let mut start = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            match (start, is_word_char(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some((s..i, &text[s..i]));
                }
                _ => {}
            }
        }
        None
    })
}

/// A word as search compares it: folded, and exactly as spelled (lower
/// case, NFC).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Word {
    pub folded: String,
    pub exact: String,
}

impl Word {
    pub fn new(word: &str) -> Word {
        let exact: String = if word.is_ascii() {
            word.to_ascii_lowercase()
        } else {
            word.nfc().flat_map(char::to_lowercase).collect()
        };
        Word {
            folded: fold(&exact),
            exact,
        }
    }
}

/// The words of a query, in order, each kept once.
pub fn query_words(query: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for (_, w) in words(query) {
        let word = Word::new(w);
        if !word.folded.is_empty() && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// The byte ranges of `text` that a query's words match: the start of each
/// word whose folded form begins with a query word's folded form, as long
/// as the longest such query word.
pub fn matches(text: &str, query: &[Word]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut folded = String::new();
    for (range, w) in words(text) {
        folded.clear();
        // Where each character of the word ends in the folded form.
        let mut ends = Vec::with_capacity(w.len());
        for (i, c) in w.char_indices() {
            fold_char_into(c, &mut folded);
            ends.push((i + c.len_utf8(), folded.len()));
        }
        let longest = query
            .iter()
            .filter(|q| folded.starts_with(&q.folded))
            .map(|q| q.folded.len())
            .max();
        if let Some(len) = longest {
            let end = ends
                .iter()
                .find(|(_, f)| *f >= len)
                .map_or(w.len(), |(b, _)| *b);
            out.push(range.start..range.start + end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every vowel of the alphabet with every tone, in both cases.
    const VOWELS: [(&str, char); 12] = [
        ("aàảãáạ", 'a'),
        ("ăằẳẵắặ", 'a'),
        ("âầẩẫấậ", 'a'),
        ("eèẻẽéẹ", 'e'),
        ("êềểễếệ", 'e'),
        ("iìỉĩíị", 'i'),
        ("oòỏõóọ", 'o'),
        ("ôồổỗốộ", 'o'),
        ("ơờởỡớợ", 'o'),
        ("uùủũúụ", 'u'),
        ("ưừửữứự", 'u'),
        ("yỳỷỹýỵ", 'y'),
    ];

    #[test]
    fn every_vowel_with_every_tone_folds_in_both_cases() {
        let mut seen = 0;
        for (forms, base) in VOWELS {
            assert_eq!(forms.chars().count(), 6);
            for lower in forms.chars() {
                let upper: String = lower.to_uppercase().collect();
                assert_ne!(upper, lower.to_string(), "{lower} has an upper case");
                assert_eq!(fold(&lower.to_string()), base.to_string(), "{lower}");
                assert_eq!(fold(&upper), base.to_string(), "{upper}");
                // Decomposed, as some input methods send it.
                let nfd: String = lower.to_string().nfd().collect();
                assert_eq!(fold(&nfd), base.to_string(), "{nfd:?}");
                let nfd_upper: String = upper.nfd().collect();
                assert_eq!(fold(&nfd_upper), base.to_string(), "{nfd_upper:?}");
                seen += 1;
            }
        }
        assert_eq!(seen, 72);
    }

    #[test]
    fn consonants_fold_and_d_with_stroke_becomes_d() {
        assert_eq!(fold("Đđ"), "dd");
        let consonants = "bcdđghklmnpqrstvx";
        assert_eq!(fold(consonants), "bcddghklmnpqrstvx");
        assert_eq!(fold(&consonants.to_uppercase()), "bcddghklmnpqrstvx");
    }

    #[test]
    fn the_issues_examples_fold_alike() {
        assert_eq!(fold("tu dưỡng"), "tu duong");
        assert_eq!(fold("ĐẢNG VIÊN"), "dang vien");
        assert_eq!(fold("Ủy ban"), fold("Uỷ ban"));
        assert_eq!(fold("Ủy ban"), "uy ban");
        assert_eq!(fold("Hòa"), fold("hoà"));
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let w: Vec<&str> = words("Học tập, làm theo (2020)—tư tưởng")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["Học", "tập", "làm", "theo", "2020", "tư", "tưởng"]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" ,. ").count(), 0);
    }

    #[test]
    fn matches_mark_folded_and_exact_words_by_their_prefix() {
        let q = query_words("dang vi");
        let text = "Là ĐẢNG VIÊN, đang viết";
        let marked: Vec<&str> = matches(text, &q).into_iter().map(|r| &text[r]).collect();
        assert_eq!(marked, ["ĐẢNG", "VI", "đang", "vi"]);
        assert!(matches("không có gì", &q).is_empty());
    }

    #[test]
    fn query_words_keep_both_forms_once() {
        let q = query_words("Tu dưỡng tu");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].exact, "dưỡng");
        assert_eq!(q[1].folded, "duong");
    }
}
