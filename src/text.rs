//! Text hygiene shared by every layer: Unicode NFC, Vietnamese-aware
//! ordering of names, and dates written the Vietnamese way (dd/mm/yyyy).
//!
//! Input methods and pasted text can arrive decomposed (NFD); egui cannot
//! draw the stacked marks and searches would miss them, so every string is
//! stored composed.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Turns `s` into NFC in place; cheap when it already is.
pub fn nfc_in_place(s: &mut String) {
    if is_nfc_quick(s.chars()) != IsNormalized::Yes {
        *s = s.nfc().collect();
    }
}

/// Returns `s` in NFC.
pub fn nfc(s: &str) -> String {
    let mut owned = s.to_owned();
    nfc_in_place(&mut owned);
    owned
}

/// Formats a date the Vietnamese way: 05/03/2020.
pub fn dmy(date: crate::model::Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// Reads a date typed as d/m/yyyy (also with `-` or `.`).
pub fn parse_dmy(text: &str) -> Option<crate::model::Date> {
    let mut parts = text
        .trim()
        .split(['/', '-', '.'])
        .map(|p| p.trim().parse::<i16>().ok());
    let (d, m, y) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || !(1000..=9999).contains(&y) {
        return None;
    }
    crate::model::Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// Things whose text can be put into NFC.
pub trait Normalize {
    fn normalize(&mut self);
}

impl Normalize for String {
    fn normalize(&mut self) {
        nfc_in_place(self);
    }
}

impl Normalize for crate::model::Text {
    fn normalize(&mut self) {
        if is_nfc_quick(self.chars()) != IsNormalized::Yes {
            *self = self.nfc().collect::<String>().into();
        }
    }
}

impl<T: Normalize> Normalize for Option<T> {
    fn normalize(&mut self) {
        if let Some(inner) = self {
            inner.normalize();
        }
    }
}

/// Sort key of a Vietnamese letter sequence: letters in the Vietnamese
/// alphabet order (a ă â b c d đ e ê …), tones deciding only between
/// otherwise equal words (không dấu, huyền, hỏi, ngã, sắc, nặng).
fn collation_key(word: &str) -> (Vec<u32>, Vec<u8>) {
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    for c in word.nfd().flat_map(char::to_lowercase) {
        match c {
            '\u{306}' | '\u{302}' | '\u{31b}' => {
                let modifier = match c {
                    '\u{306}' => 1,
                    '\u{302}' => 2,
                    _ => 3,
                };
                if let Some(last) = letters.last_mut() {
                    *last += modifier;
                }
            }
            '\u{300}' => tones.push(1),
            '\u{309}' => tones.push(2),
            '\u{303}' => tones.push(3),
            '\u{301}' => tones.push(4),
            '\u{323}' => tones.push(5),
            'đ' => letters.push(u32::from('d') * 4 + 1),
            _ => letters.push(u32::from(c) * 4),
        }
    }
    (letters, tones)
}

/// Sort key for a person's full name the Vietnamese way: by the given name
/// (the last word), then the family and middle names.
pub fn name_sort_key(full_name: &str) -> impl Ord + use<> {
    let trimmed = full_name.trim();
    let (rest, given) = trimmed.rsplit_once(' ').unwrap_or(("", trimmed));
    let (given_letters, given_tones) = collation_key(given);
    let (rest_letters, rest_tones) = collation_key(rest);
    (given_letters, rest_letters, given_tones, rest_tones)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_vietnamese_way() {
        let d = jiff::civil::date(2020, 3, 5);
        assert_eq!(dmy(d), "05/03/2020");
        assert_eq!(parse_dmy("5/3/2020"), Some(d));
        assert_eq!(parse_dmy(" 05-03-2020 "), Some(d));
        assert_eq!(parse_dmy("05.03.2020"), Some(d));
        assert_eq!(parse_dmy("31/02/2020"), None);
        assert_eq!(parse_dmy("05/03/20"), None);
        assert_eq!(parse_dmy("hôm qua"), None);
    }

    #[test]
    fn names_sort_by_given_name_in_vietnamese_order() {
        let mut names = vec![
            "Trần Văn Ước",
            "Nguyễn Thị Đào",
            "Lê Văn Dũng",
            "Phạm Thị Ánh",
            "Bùi An",
            "Võ Thị Ân",
            "Đỗ Văn Uyên",
        ];
        names.sort_by_cached_key(|n| name_sort_key(n));
        assert_eq!(
            names,
            [
                "Bùi An",
                "Phạm Thị Ánh",
                "Võ Thị Ân",
                "Lê Văn Dũng",
                "Nguyễn Thị Đào",
                "Đỗ Văn Uyên",
                "Trần Văn Ước",
            ]
        );
    }

    #[test]
    fn decomposed_vietnamese_becomes_composed() {
        let nfd = "Nguye\u{302}\u{303}n Thi\u{323} Ha\u{323}nh";
        assert_eq!(nfc(nfd), "Nguyễn Thị Hạnh");
    }
}
