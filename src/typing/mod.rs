//! Typing Vietnamese without a system input method: the Telex and VNI
//! rules, turning the keys of a word into the word ("tieengs" → "tiếng",
//! "tie61ng" → "tiếng").
//!
//! A word is rendered again from all of its keys at each key, so marks and
//! tones can come in any order; repeating a mark's or tone's key takes it
//! back and keeps the key as a letter ("aaa" → "aa", "ass" → "as"), and
//! the rest of that word is then typed as is. A word that cannot be
//! Vietnamese (an English word, a number, an address) is left as typed.
//! The tone sits where today's spelling puts it ("hoà", "thuỷ"), or where
//! the older one does ("hòa", "thủy").
//!
//! Not here: how keys reach a text field (the window's `ui::typing`).

#[cfg(test)]
mod tests;

use unicode_normalization::UnicodeNormalization;

use crate::model::{ToneRule, TypingMode};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    None,
    /// â ê ô
    Hat,
    /// ă
    Breve,
    /// ơ ư
    Horn,
    /// đ
    Stroke,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    None,
    /// huyền
    Grave,
    /// hỏi
    Hook,
    /// ngã
    Tilde,
    /// sắc
    Acute,
    /// nặng
    Dot,
}

impl Tone {
    fn combining(self) -> Option<char> {
        match self {
            Tone::None => None,
            Tone::Grave => Some('\u{300}'),
            Tone::Hook => Some('\u{309}'),
            Tone::Tilde => Some('\u{303}'),
            Tone::Acute => Some('\u{301}'),
            Tone::Dot => Some('\u{323}'),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Letter {
    /// The letter in lower case without marks; any other character kept
    /// as it is.
    base: char,
    mark: Mark,
    upper: bool,
    /// An ư made from a lone Telex "w", which a second "w" takes back to
    /// "w".
    from_w: bool,
}

impl Letter {
    fn plain(c: char) -> Letter {
        let lower = c.to_lowercase().next().unwrap_or(c);
        Letter {
            base: lower,
            mark: Mark::None,
            upper: lower != c,
            from_w: false,
        }
    }

    fn is_vowel(&self) -> bool {
        matches!(self.base, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') && self.mark != Mark::Stroke
    }

    /// The letter with its mark, in lower case.
    fn marked(&self) -> char {
        match (self.base, self.mark) {
            ('a', Mark::Hat) => 'â',
            ('a', Mark::Breve) => 'ă',
            ('e', Mark::Hat) => 'ê',
            ('o', Mark::Hat) => 'ô',
            ('o', Mark::Horn) => 'ơ',
            ('u', Mark::Horn) => 'ư',
            ('d', Mark::Stroke) => 'đ',
            (c, _) => c,
        }
    }

    fn write(&self, tone: Tone, out: &mut String) {
        let mut s = String::new();
        s.push(self.marked());
        s.extend(tone.combining());
        for c in s.nfc() {
            if self.upper {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
    }
}

/// A composed letter taken apart: its letter, mark and tone; none for
/// anything that is not a Latin letter.
fn split(c: char) -> Option<(Letter, Tone)> {
    let lower = c.to_lowercase().next()?;
    let upper = lower != c;
    if lower == 'đ' {
        let letter = Letter {
            base: 'd',
            mark: Mark::Stroke,
            upper,
            from_w: false,
        };
        return Some((letter, Tone::None));
    }
    let mut parts = std::iter::once(lower).nfd();
    let base = parts.next().filter(char::is_ascii_lowercase)?;
    let (mut mark, mut tone) = (Mark::None, Tone::None);
    for m in parts {
        match m {
            '\u{302}' => mark = Mark::Hat,
            '\u{306}' => mark = Mark::Breve,
            '\u{31b}' => mark = Mark::Horn,
            '\u{300}' => tone = Tone::Grave,
            '\u{309}' => tone = Tone::Hook,
            '\u{303}' => tone = Tone::Tilde,
            '\u{301}' => tone = Tone::Acute,
            '\u{323}' => tone = Tone::Dot,
            _ => return None,
        }
    }
    let letter = Letter {
        base,
        mark,
        upper,
        from_w: false,
    };
    Some((letter, tone))
}

const ONSETS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];

const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// The vowel groups of Vietnamese syllables, with their marks.
const NUCLEI: [&str; 57] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây",
    "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu", "oo", "ôô",
];

/// Vowel groups no consonant may follow.
const OPEN_ONLY: [&str; 31] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu",
    "ưa", "ua", "uơ", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu",
    "yêu",
];

/// Where the onset ends and the vowel group ends: "qu" and "gi" before a
/// vowel are onsets.
fn parse(ls: &[Letter]) -> (usize, usize) {
    let mut o = ls.iter().position(Letter::is_vowel).unwrap_or(ls.len());
    let vowel_at = |i: usize| ls.get(i).is_some_and(Letter::is_vowel);
    if o == 1
        && vowel_at(2)
        && ((ls[0].base == 'q' && ls[1].base == 'u' && ls[1].mark == Mark::None)
            || (ls[0].base == 'g' && ls[1].base == 'i' && ls[1].mark == Mark::None))
    {
        o = 2;
    }
    let n = o + ls[o..].iter().take_while(|l| l.is_vowel()).count();
    (o, n)
}

/// Whether `group` could be `full` once more marks (and, with `prefix`,
/// more vowels) are typed.
fn could_be(group: &[Letter], full: &str, prefix: bool) -> bool {
    let full: Vec<Letter> = full.chars().filter_map(split).map(|(l, _)| l).collect();
    (group.len() == full.len() || prefix && group.len() < full.len())
        && group
            .iter()
            .zip(&full)
            .all(|(g, f)| g.base == f.base && (g.mark == f.mark || g.mark == Mark::None))
}

fn spelled(ls: &[Letter]) -> String {
    ls.iter().map(Letter::marked).collect()
}

/// Whether the letters could be a Vietnamese syllable, or the start of one.
fn valid(ls: &[Letter], tone: Tone) -> bool {
    if ls.iter().any(|l| !l.base.is_ascii_lowercase()) {
        return false;
    }
    let (o, n) = parse(ls);
    let (onset, group, coda) = (spelled(&ls[..o]), &ls[o..n], spelled(&ls[n..]));
    if group.is_empty() {
        return ONSETS.iter().any(|x| x.starts_with(&onset)) && coda.is_empty();
    }
    // "qu" before its vowel is typed.
    let qu = onset == "q" && spelled(group) == "u" && coda.is_empty();
    if !(ONSETS.contains(&onset.as_str()) || qu) || !CODAS.contains(&coda.as_str()) {
        return false;
    }
    let stop = matches!(coda.as_str(), "c" | "ch" | "p" | "t");
    if stop && !matches!(tone, Tone::Acute | Tone::Dot | Tone::None) {
        return false;
    }
    NUCLEI.iter().any(|full| {
        could_be(group, full, coda.is_empty()) && (coda.is_empty() || !OPEN_ONLY.contains(full))
    })
}

/// The letter of the group that carries the tone.
fn tone_place(ls: &[Letter], rule: ToneRule) -> Option<usize> {
    let (o, n) = parse(ls);
    if n == o {
        return None;
    }
    if let Some(i) = (o..n)
        .rev()
        .find(|i| matches!(ls[*i].mark, Mark::Hat | Mark::Breve | Mark::Horn))
    {
        return Some(i);
    }
    Some(match n - o {
        _ if n < ls.len() => n - 1,
        1 => o,
        2 => {
            let pair = (ls[o].base, ls[o + 1].base);
            let second = matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'));
            if second && rule == ToneRule::Modern {
                o + 1
            } else {
                o
            }
        }
        _ => o + 1,
    })
}

/// One word being typed: its letters and tone so far.
#[derive(Clone, Debug)]
struct Word {
    letters: Vec<Letter>,
    tone: Tone,
    /// A mark or tone was taken back: the rest is typed as is.
    stop: bool,
    /// The keys as typed.
    raw: String,
}

impl Word {
    fn new() -> Word {
        Word {
            letters: Vec::new(),
            tone: Tone::None,
            stop: false,
            raw: String::new(),
        }
    }

    fn literal(&mut self, key: char) {
        self.letters.push(Letter::plain(key));
    }

    /// A key typed as a letter: a composed one keeps its mark and tone.
    fn letter(&mut self, key: char) {
        match split(key) {
            Some((letter, tone)) => {
                self.letters.push(letter);
                if tone != Tone::None {
                    self.tone = tone;
                }
            }
            None => self.literal(key),
        }
    }

    fn group(&self) -> std::ops::Range<usize> {
        let (o, n) = parse(&self.letters);
        o..n
    }

    fn group_ok(&self) -> bool {
        let (o, n) = parse(&self.letters);
        let open = n == self.letters.len();
        NUCLEI
            .iter()
            .any(|full| could_be(&self.letters[o..n], full, open))
    }

    /// Takes back what the key did, and keeps the key as a letter.
    fn undo(&mut self, key: char) {
        self.literal(key);
        self.stop = true;
    }

    fn tone_key(&mut self, tone: Tone, key: char) {
        if self.group().is_empty() {
            self.letter(key);
        } else if self.tone == tone {
            self.tone = Tone::None;
            self.undo(key);
        } else {
            self.tone = tone;
        }
    }

    fn clear_tone(&mut self, key: char) {
        if self.tone == Tone::None {
            self.letter(key);
        } else {
            self.tone = Tone::None;
        }
    }

    /// Sets `mark` on letter `i`; a mark the group cannot take leaves the
    /// key as a letter.
    fn set_mark(&mut self, i: usize, mark: Mark, key: char) {
        if self.letters[i].mark == mark {
            self.letters[i].mark = Mark::None;
            self.undo(key);
            return;
        }
        let before = self.letters[i].mark;
        self.letters[i].mark = mark;
        if !self.group_ok() {
            self.letters[i].mark = before;
            self.letter(key);
        }
    }

    /// â ê ô: on the last vowel of the group among `vowels`.
    fn hat(&mut self, vowels: &[char], key: char) {
        match self
            .group()
            .rev()
            .find(|i| vowels.contains(&self.letters[*i].base))
        {
            Some(i) => self.set_mark(i, Mark::Hat, key),
            None => self.letter(key),
        }
    }

    fn stroke(&mut self, key: char, only_next: bool) {
        let first = self.letters.first().copied();
        let next_to = !only_next || self.letters.len() == 1;
        match first {
            Some(l) if l.base == 'd' && next_to && l.mark == Mark::None => {
                self.letters[0].mark = Mark::Stroke;
            }
            Some(l) if l.base == 'd' && next_to && l.mark == Mark::Stroke => {
                self.letters[0].mark = Mark::None;
                self.undo(key);
            }
            _ => self.letter(key),
        }
    }

    /// ơ ư (and, with `breve`, ă): "uo" takes both horns; a group
    /// starting with u takes it on the u; otherwise the last a, o or u.
    fn horn(&mut self, key: char, breve: bool, horn: bool, lone_w: bool) {
        let g = self.group();
        if g.is_empty() {
            if lone_w && self.letters.iter().all(|l| l.base.is_ascii_lowercase()) {
                self.letters.push(Letter {
                    base: 'u',
                    mark: Mark::Horn,
                    upper: key.is_uppercase(),
                    from_w: true,
                });
            } else {
                self.letter(key);
            }
            return;
        }
        if lone_w && g.len() == 1 && self.letters[g.start].from_w && g.end == self.letters.len() {
            self.letters[g.start] = Letter::plain(key);
            self.stop = true;
            return;
        }
        let base = |i: usize| self.letters[i].base;
        if horn
            && let Some(i) = g
                .clone()
                .find(|i| *i + 1 < g.end && base(*i) == 'u' && base(*i + 1) == 'o')
        {
            let both = self.letters[i].mark == Mark::Horn && self.letters[i + 1].mark == Mark::Horn;
            if both {
                self.letters[i].mark = Mark::None;
                self.letters[i + 1].mark = Mark::None;
                self.undo(key);
            } else {
                self.letters[i].mark = Mark::Horn;
                self.letters[i + 1].mark = Mark::Horn;
            }
            return;
        }
        let find = |c: char| g.clone().rev().find(|i| base(*i) == c);
        let target = if horn && base(g.start) == 'u' {
            Some((g.start, Mark::Horn))
        } else if let Some(i) = find('a').filter(|_| breve) {
            Some((i, Mark::Breve))
        } else if let Some(i) = find('o').filter(|_| horn) {
            Some((i, Mark::Horn))
        } else {
            find('u').filter(|_| horn).map(|i| (i, Mark::Horn))
        };
        match target {
            Some((i, mark)) => self.set_mark(i, mark, key),
            None => self.letter(key),
        }
    }

    fn telex(&mut self, key: char) {
        match key.to_ascii_lowercase() {
            's' => self.tone_key(Tone::Acute, key),
            'f' => self.tone_key(Tone::Grave, key),
            'r' => self.tone_key(Tone::Hook, key),
            'x' => self.tone_key(Tone::Tilde, key),
            'j' => self.tone_key(Tone::Dot, key),
            'z' => self.clear_tone(key),
            'd' => self.stroke(key, true),
            v @ ('a' | 'e' | 'o') => self.hat(&[v], key),
            'w' => self.horn(key, true, true, true),
            _ => self.letter(key),
        }
    }

    fn vni(&mut self, key: char) {
        match key {
            '1' => self.tone_key(Tone::Acute, key),
            '2' => self.tone_key(Tone::Grave, key),
            '3' => self.tone_key(Tone::Hook, key),
            '4' => self.tone_key(Tone::Tilde, key),
            '5' => self.tone_key(Tone::Dot, key),
            '0' => self.clear_tone(key),
            '6' => self.hat(&['a', 'e', 'o'], key),
            '7' => self.horn(key, false, true, false),
            '8' => self.horn(key, true, false, false),
            '9' => self.stroke(key, false),
            _ => self.letter(key),
        }
    }

    fn key(&mut self, key: char, method: TypingMode) {
        self.raw.push(key);
        // Once a mark is taken back, or the word cannot be Vietnamese,
        // keys are letters.
        if self.stop || !valid(&self.letters, self.tone) {
            self.letter(key);
            return;
        }
        match method {
            TypingMode::Telex => self.telex(key),
            TypingMode::Vni => self.vni(key),
            TypingMode::Off => self.letter(key),
        }
    }

    fn render(&self, rule: ToneRule) -> String {
        let mut ls = self.letters.clone();
        // "ươ" ends no syllable: "thuở", "huơ".
        let (o, n) = parse(&ls);
        if n == ls.len()
            && n == o + 2
            && ls[o].base == 'u'
            && ls[o].mark == Mark::Horn
            && ls[o + 1].base == 'o'
            && ls[o + 1].mark == Mark::Horn
        {
            ls[o].mark = Mark::None;
        }
        if !self.stop && !valid(&ls, self.tone) {
            return self.raw.clone();
        }
        let place = tone_place(&ls, rule);
        let mut out = String::new();
        for (i, l) in ls.iter().enumerate() {
            let tone = if Some(i) == place {
                self.tone
            } else {
                Tone::None
            };
            l.write(tone, &mut out);
        }
        out
    }
}

/// The word these keys make.
pub fn render(keys: &str, method: TypingMode, rule: ToneRule) -> String {
    let mut word = Word::new();
    for key in keys.chars() {
        word.key(key, method);
    }
    word.render(rule)
}

/// Whether a character is part of a word as typed (letters, and in VNI
/// the digits that are its marks).
fn in_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// What to do to the text before the cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Characters to delete before the cursor.
    pub delete: usize,
    pub insert: String,
}

/// Follows the keys typed into one text field and says how each changes
/// the text. It knows only what was typed through it; after the cursor
/// moves it starts afresh (`reset`).
#[derive(Clone, Debug)]
pub struct Composer {
    pub mode: TypingMode,
    pub rule: ToneRule,
    keys: String,
    shown: String,
    /// What was typed since the last space, before the current word: an
    /// address or a number there leaves the word as typed.
    token: String,
}

impl Composer {
    pub fn new(mode: TypingMode, rule: ToneRule) -> Composer {
        Composer {
            mode,
            rule,
            keys: String::new(),
            shown: String::new(),
            token: String::new(),
        }
    }

    /// Forgets the word: the cursor moved, or the text changed otherwise.
    pub fn reset(&mut self) {
        self.keys.clear();
        self.shown.clear();
        self.token.clear();
    }

    /// The word shown before the cursor, as far as the composer knows.
    pub fn word(&self) -> &str {
        &self.shown
    }

    /// One character typed; returns how the text changes.
    pub fn type_char(&mut self, c: char) -> Change {
        if !in_word(c) {
            self.token.push_str(&self.shown);
            self.keys.clear();
            self.shown.clear();
            if c.is_whitespace() {
                self.token.clear();
            } else {
                self.token.push(c);
            }
            return Change {
                delete: 0,
                insert: c.to_string(),
            };
        }
        self.keys.push(c);
        let literal = self.mode == TypingMode::Off
            || self
                .token
                .chars()
                .any(|t| t.is_ascii_digit() || "/:@\\_.=?&#%".contains(t));
        let word = if literal {
            self.keys.clone()
        } else {
            render(&self.keys, self.mode, self.rule)
        };
        let same = self
            .shown
            .chars()
            .zip(word.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let change = Change {
            delete: self.shown.chars().count() - same,
            insert: word.chars().skip(same).collect(),
        };
        self.shown = word;
        change
    }

    /// The character before the cursor was deleted: the word goes on from
    /// what is left of it.
    pub fn backspace(&mut self) {
        let mut shown = std::mem::take(&mut self.shown);
        shown.pop();
        self.keys = shown.clone();
        self.shown = shown;
    }
}
