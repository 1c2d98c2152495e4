//! One part of the index: the records of one member's year (or the cell's
//! meeting of a year), the distinct words they hold, folded and exact,
//! sorted, each with the records holding it; and the search of one part.
//!
//! Laid out flat for speed: the words' forms in one string, their records
//! in one list, and the first eight bytes of each form as a number, so
//! that finding the words a query word begins is a binary search over
//! numbers rather than strings. A short prefix ("t", "th") begins much of
//! the vocabulary: for those, the set of records is made once, at build.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::fold::{Word, fold_char_into, is_word_char};
use super::records::{Record, Target};
use crate::model::Area;

/// A record of the part.
pub(super) struct Doc {
    pub target: Target,
    pub area: Option<Area>,
}

/// Where one distinct word's forms are in `Part::text`: folded, then
/// exact, back to back.
struct WordAt {
    text: u32,
    folded_len: u32,
    exact_len: u32,
}

/// The sets of records for the prefixes that begin words held by many.
#[derive(Default)]
struct Prefixes {
    /// Folded prefixes (by `key`), sorted, each with where its set starts
    /// in `sets`.
    folded: Vec<(u64, u32)>,
    /// The same for prefixes as spelled (lower case).
    exact: Vec<(u64, u32)>,
    sets: Vec<u64>,
}

/// One member's year (or the cell's).
pub(super) struct Part {
    pub docs: Vec<Doc>,
    /// The distinct words, sorted by folded, then exact form.
    words: Vec<WordAt>,
    /// `key` of each word's folded form, and of its exact form.
    folded_keys: Vec<u64>,
    exact_keys: Vec<u64>,
    text: String,
    /// Word `i`'s records are `postings[posting_at[i]..posting_at[i + 1]]`.
    posting_at: Vec<u32>,
    postings: Vec<u32>,
    prefixes: Prefixes,
}

/// What a part's search works in, kept from part to part: the records
/// matching every word so far, folded and as spelled, and one word's.
#[derive(Default)]
pub(super) struct Scratch {
    pub all: Vec<u64>,
    pub exact: Vec<u64>,
    word: Vec<u64>,
    word_exact: Vec<u64>,
}

/// A query word as a part compares it: its forms' keys and masks.
pub(super) struct Probe<'a> {
    word: &'a Word,
    folded: Bounds,
    exact: Bounds,
}

/// A form's `key`, the mask of its bytes in a key, and whether the form
/// is longer than a key holds.
#[derive(Clone, Copy)]
struct Bounds {
    key: u64,
    mask: u64,
    long: bool,
}

impl Bounds {
    fn of(form: &str) -> Bounds {
        let len = form.len().min(8);
        Bounds {
            key: key(form),
            mask: if len == 0 {
                0
            } else {
                u64::MAX << (8 * (8 - len))
            },
            long: form.len() > 8,
        }
    }

    /// Whether a key's form may begin with this one: surely, when the
    /// form fits a key.
    fn begins(&self, key: u64) -> bool {
        key & self.mask == self.key
    }
}

impl<'a> Probe<'a> {
    pub fn new(word: &'a Word) -> Probe<'a> {
        Probe {
            word,
            folded: Bounds::of(&word.folded),
            exact: Bounds::of(&word.exact),
        }
    }
}

/// The first eight bytes of a form, big-endian, padded with zeros: keys
/// sort as their forms do, and no word holds a zero byte.
fn key(form: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let len = form.len().min(8);
    bytes[..len].copy_from_slice(&form.as_bytes()[..len]);
    u64::from_be_bytes(bytes)
}

/// A quick hash for the words of one part (FxHash): the index is built
/// from the user's own notebooks, so no one gains from making it slow.
#[derive(Default)]
struct QuickHash(u64);

impl Hasher for QuickHash {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl QuickHash {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The words of the records, each once (lower case, NFC), and which
/// records hold each, as (word, record) pairs in record order.
fn gather(records: &[Record<'_>]) -> (Vec<Box<str>>, Vec<(u32, u32)>) {
    let mut ids: HashMap<Box<str>, u32, BuildHasherDefault<QuickHash>> = HashMap::default();
    let mut last: Vec<u32> = Vec::new();
    let mut pairs = Vec::new();
    let mut buf = String::new();
    for (d, record) in records.iter().enumerate() {
        let d = d as u32;
        for field in &record.fields {
            let nfc;
            let text: &str = if is_nfc_quick(field.chars()) == IsNormalized::Yes {
                field
            } else {
                nfc = field.nfc().collect::<String>();
                &nfc
            };
            for_each_word(text, &mut buf, |w| {
                let id = match ids.get(w) {
                    Some(id) => *id,
                    None => {
                        let id = last.len() as u32;
                        ids.insert(w.into(), id);
                        last.push(u32::MAX);
                        id
                    }
                };
                if last[id as usize] != d {
                    last[id as usize] = d;
                    pairs.push((id, d));
                }
            });
        }
    }
    let mut words: Vec<Box<str>> = vec![Box::default(); last.len()];
    for (w, id) in ids {
        words[id as usize] = w;
    }
    (words, pairs)
}

impl Part {
    pub fn build(records: Vec<Record<'_>>) -> Part {
        let (exact, pairs) = gather(&records);
        let folded: Vec<String> = exact
            .iter()
            .map(|w| {
                let mut f = String::with_capacity(w.len());
                for c in w.chars() {
                    fold_char_into(c, &mut f);
                }
                f
            })
            .collect();
        let n = exact.len();
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (&folded[a], &exact[a]).cmp(&(&folded[b], &exact[b]))
        });
        let mut rank = vec![0u32; n];
        for (r, &id) in order.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        // Each word's records, by counting: the pairs come in record order,
        // so each list comes out sorted.
        let mut posting_at = vec![0u32; n + 1];
        for &(id, _) in &pairs {
            posting_at[rank[id as usize] as usize + 1] += 1;
        }
        for i in 0..n {
            posting_at[i + 1] += posting_at[i];
        }
        let mut fill = posting_at.clone();
        let mut postings = vec![0u32; pairs.len()];
        for &(id, d) in &pairs {
            let r = rank[id as usize] as usize;
            postings[fill[r] as usize] = d;
            fill[r] += 1;
        }
        let mut text = String::with_capacity(exact.iter().map(|w| 2 * w.len()).sum());
        let mut words = Vec::with_capacity(n);
        let (mut folded_keys, mut exact_keys) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for &id in &order {
            let (f, e) = (&folded[id as usize], &exact[id as usize]);
            words.push(WordAt {
                text: text.len() as u32,
                folded_len: f.len() as u32,
                exact_len: e.len() as u32,
            });
            text.push_str(f);
            text.push_str(e);
            folded_keys.push(key(f));
            exact_keys.push(key(e));
        }
        let docs = records
            .into_iter()
            .map(|r| Doc {
                target: r.target,
                area: r.area,
            })
            .collect();
        let mut part = Part {
            docs,
            words,
            folded_keys,
            exact_keys,
            text,
            posting_at,
            postings,
            prefixes: Prefixes::default(),
        };
        part.prefixes = Prefixes::build(&part);
        part
    }

    fn folded(&self, i: usize) -> &str {
        let w = &self.words[i];
        let at = w.text as usize;
        &self.text[at..at + w.folded_len as usize]
    }

    fn exact(&self, i: usize) -> &str {
        let w = &self.words[i];
        let at = (w.text + w.folded_len) as usize;
        &self.text[at..at + w.exact_len as usize]
    }

    fn postings(&self, i: usize) -> &[u32] {
        &self.postings[self.posting_at[i] as usize..self.posting_at[i + 1] as usize]
    }

    /// How many `u64` a set of the part's records takes.
    fn set_len(&self) -> usize {
        self.docs.len().div_ceil(64)
    }

    /// The words a folded query word begins.
    fn range(&self, q: &Probe) -> Range<usize> {
        let b = q.folded;
        let keys = &self.folded_keys;
        let start = keys.partition_point(|&k| k < b.key);
        let len = keys[start..].partition_point(|&k| b.begins(k));
        if !b.long {
            return start..start + len;
        }
        // Longer than a key: narrow by the whole form.
        let folded = q.word.folded.as_str();
        let within = start..start + len;
        let from = first(within.clone(), |i| self.folded(i) >= folded);
        let to = first(from..within.end, |i| !self.folded(i).starts_with(folded));
        from..to
    }

    /// Whether word `i` begins with the query word as spelled.
    fn spelled(&self, i: usize, q: &Probe) -> bool {
        q.exact.begins(self.exact_keys[i])
            && (!q.exact.long || self.exact(i).starts_with(q.word.exact.as_str()))
    }

    /// Puts in `folded` the records holding a word that `q` begins, folded,
    /// and in `exact` those holding one it begins as spelled. False when
    /// no record holds one.
    fn word_sets(&self, q: &Probe, folded: &mut [u64], exact: &mut [u64]) -> bool {
        let range = self.range(q);
        if range.is_empty() {
            return false;
        }
        let set_f = self
            .prefixes
            .set(&self.prefixes.folded, &q.folded, folded.len());
        let set_e = self
            .prefixes
            .set(&self.prefixes.exact, &q.exact, exact.len());
        match set_f {
            Some(set) => folded.copy_from_slice(set),
            None => folded.fill(0),
        }
        match set_e {
            Some(set) => exact.copy_from_slice(set),
            None => exact.fill(0),
        }
        if set_f.is_some() && set_e.is_some() {
            return true;
        }
        for i in range {
            if set_f.is_none() {
                add(folded, self.postings(i));
            }
            if set_e.is_none() && self.spelled(i, q) {
                add(exact, self.postings(i));
            }
        }
        true
    }

    /// Leaves in `scratch.all` the records holding every query word, and
    /// in `scratch.exact` those holding each as spelled. False when none
    /// holds them all.
    pub fn search(&self, query: &[Probe], scratch: &mut Scratch) -> bool {
        let n = self.set_len();
        let Scratch {
            all,
            exact,
            word,
            word_exact,
        } = scratch;
        for v in [&mut *all, &mut *exact, &mut *word, &mut *word_exact] {
            v.clear();
            v.resize(n, 0);
        }
        for (i, q) in query.iter().enumerate() {
            if i == 0 {
                if !self.word_sets(q, all, exact) {
                    return false;
                }
                continue;
            }
            if !self.word_sets(q, word, word_exact) {
                return false;
            }
            let mut any = 0;
            for (a, w) in all.iter_mut().zip(word.iter()) {
                *a &= w;
                any |= *a;
            }
            if any == 0 {
                return false;
            }
            for (x, w) in exact.iter_mut().zip(word_exact.iter()) {
                *x &= w;
            }
        }
        true
    }

    /// How many prefix sets the part keeps, folded and as spelled.
    #[cfg(test)]
    pub fn prefix_sets(&self) -> (usize, usize) {
        (self.prefixes.folded.len(), self.prefixes.exact.len())
    }

    /// The bytes the part takes, roughly (its own allocations).
    pub fn memory(&self) -> usize {
        let docs = self.docs.capacity() * std::mem::size_of::<Doc>()
            + self
                .docs
                .iter()
                .map(|d| match &d.target {
                    Target::SelfReview(key) => key.capacity(),
                    _ => 0,
                })
                .sum::<usize>();
        let words = self.words.capacity() * std::mem::size_of::<WordAt>()
            + (self.folded_keys.capacity() + self.exact_keys.capacity()) * 8
            + self.text.capacity()
            + (self.posting_at.capacity() + self.postings.capacity()) * 4;
        let p = &self.prefixes;
        let prefixes = (p.folded.capacity() + p.exact.capacity()) * 16 + p.sets.capacity() * 8;
        docs + words + prefixes
    }
}

/// The first index of `range` for which `past` holds, given that it
/// holds from some point on.
fn first(range: Range<usize>, past: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if past(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// Adds records to a set.
fn add(set: &mut [u64], docs: &[u32]) {
    for &d in docs {
        set[d as usize / 64] |= 1 << (d % 64);
    }
}

impl Prefixes {
    /// The sets of the prefixes (of at most a key's length) that begin
    /// words held, together, at least as often as the part has records
    /// (and at least `FEW` times): below that, reading the words' own
    /// lists is as quick.
    fn build(part: &Part) -> Prefixes {
        const FEW: usize = 32;
        let least = part.docs.len().max(FEW);
        let n = part.words.len();
        let weights: Vec<usize> = (0..n).map(|i| part.postings(i).len()).collect();
        let mut prefixes = Prefixes::default();
        let folded: Vec<&str> = (0..n).map(|i| part.folded(i)).collect();
        let all: Vec<usize> = (0..n).collect();
        for (prefix, stretch) in heavy(&folded, &all, &weights, least) {
            let at = prefixes.add_set(part, &all[stretch]);
            prefixes.folded.push((key(prefix), at));
        }
        let exact: Vec<&str> = (0..n).map(|i| part.exact(i)).collect();
        let mut by_exact = all;
        by_exact.sort_unstable_by_key(|&i| exact[i]);
        for (prefix, stretch) in heavy(&exact, &by_exact, &weights, least) {
            let at = prefixes.add_set(part, &by_exact[stretch]);
            prefixes.exact.push((key(prefix), at));
        }
        prefixes.folded.sort_unstable();
        prefixes.exact.sort_unstable();
        prefixes
    }

    /// Adds the set of the records holding any of these words; returns
    /// where it starts.
    fn add_set(&mut self, part: &Part, words: &[usize]) -> u32 {
        let at = self.sets.len();
        self.sets.resize(at + part.set_len(), 0);
        for &i in words {
            add(&mut self.sets[at..], part.postings(i));
        }
        at as u32
    }

    /// The set made for a query word's form, if one was.
    fn set(&self, keys: &[(u64, u32)], form: &Bounds, set_len: usize) -> Option<&[u64]> {
        if form.long {
            return None;
        }
        let i = keys.binary_search_by_key(&form.key, |(k, _)| *k).ok()?;
        let at = keys[i].1 as usize;
        self.sets.get(at..at + set_len)
    }
}

/// The prefixes of at most a key's length of `forms` (taken in the order
/// of `sorted`, which sorts them) that begin words weighing together at
/// least `least`, each with the stretch of `sorted` of those words. A
/// prefix is heavy only if the one a character shorter is, so each
/// length looks only inside the last one's heavy stretches.
fn heavy<'a>(
    forms: &[&'a str],
    sorted: &[usize],
    weights: &[usize],
    least: usize,
) -> Vec<(&'a str, Range<usize>)> {
    let mut out = Vec::new();
    let whole: Range<usize> = 0..sorted.len();
    let mut stretches = vec![whole];
    let mut chars = 1;
    while !stretches.is_empty() {
        let mut next = Vec::new();
        for stretch in stretches {
            let mut i = stretch.start;
            while i < stretch.end {
                let form = forms[sorted[i]];
                let end = form
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain(std::iter::once(form.len()))
                    .nth(chars);
                let Some(end) = end.filter(|&e| e <= 8) else {
                    // The shorter prefix itself (it sorts first), or one
                    // longer than a key.
                    i += 1;
                    continue;
                };
                let prefix = &form[..end];
                let mut j = i;
                let mut weight = 0;
                while j < stretch.end && forms[sorted[j]].starts_with(prefix) {
                    weight += weights[sorted[j]];
                    j += 1;
                }
                if weight >= least {
                    out.push((prefix, i..j));
                    next.push(i..j);
                }
                i = j;
            }
        }
        stretches = next;
        chars += 1;
    }
    out
}

/// The Latin letters beyond ASCII that Vietnamese uses (Latin-1 to
/// Latin Extended-B, and Latin Extended Additional).
const LATIN: [std::ops::Range<u32>; 2] = [0x80..0x250, 0x1E00..0x1F00];

/// For each character of `LATIN`: whether it belongs to a word, and its
/// lower case when that is one character. Unicode's own tables, read once:
/// most letters of Vietnamese text are there, and looking each up again
/// was a good part of building the index.
fn latin(c: char) -> Option<(bool, char)> {
    static TABLE: std::sync::OnceLock<Vec<(bool, Option<char>)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        LATIN
            .iter()
            .flat_map(|r| r.clone())
            .map(|u| {
                let c = char::from_u32(u).unwrap_or(' ');
                let mut lower = c.to_lowercase();
                let one = match (lower.next(), lower.next()) {
                    (Some(l), None) => Some(l),
                    _ => None,
                };
                (is_word_char(c), one)
            })
            .collect()
    });
    let u = c as u32;
    let mut at = 0;
    for r in &LATIN {
        if r.contains(&u) {
            let (word, lower) = table[at + (u - r.start) as usize];
            return Some((word, lower?));
        }
        at += r.len();
    }
    None
}

/// Calls `f` with each word of `text`, in lower case.
fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    for c in text.chars() {
        let (word, lower) = if c.is_ascii() {
            (c.is_ascii_alphanumeric(), Some(c.to_ascii_lowercase()))
        } else {
            match latin(c) {
                Some((word, lower)) => (word, Some(lower)),
                None => (is_word_char(c), None),
            }
        };
        if word {
            match lower {
                Some(l) => buf.push(l),
                None => buf.extend(c.to_lowercase()),
            }
        } else if !buf.is_empty() {
            f(buf);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        f(buf);
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a text by Unicode's tables alone.
    fn plain_words(text: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        for c in text.chars() {
            if is_word_char(c) {
                out.last_mut().unwrap().extend(c.to_lowercase());
            } else if !out.last().unwrap().is_empty() {
                out.push(String::new());
            }
        }
        out.retain(|w| !w.is_empty());
        out
    }

    #[test]
    fn the_latin_table_agrees_with_unicode() {
        let mut checked = 0;
        for range in LATIN {
            for u in range {
                let c = char::from_u32(u).unwrap();
                let text = format!("Tr{c}ờng {c}, x{c}");
                let mut words = Vec::new();
                for_each_word(&text, &mut String::new(), |w| words.push(w.to_owned()));
                assert_eq!(words, plain_words(&text), "{c:?} U+{u:04X}");
                checked += 1;
            }
        }
        assert_eq!(checked, 0x250 - 0x80 + 0x100);
    }

    #[test]
    fn keys_sort_as_their_forms_and_bounds_find_prefixes() {
        let mut forms = ["t", "ta", "tai", "tài", "thường", "tz", "u", "abcdefghij"];
        forms.sort_unstable();
        let keys: Vec<u64> = forms.iter().map(|f| key(f)).collect();
        assert!(keys.is_sorted(), "{keys:x?}");
        let t = Bounds::of("t");
        let begun: Vec<&str> = forms.iter().copied().filter(|f| t.begins(key(f))).collect();
        assert_eq!(begun, ["t", "ta", "tai", "thường", "tz", "tài"]);
        assert!(Bounds::of("abcdefghijk").long);
        // "thường" is nine bytes; "nghiêng" eight.
        assert!(Bounds::of("thường").long);
        assert!(!Bounds::of("nghiêng").long);
    }
}
