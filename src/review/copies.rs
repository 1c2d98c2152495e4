//! Copied text: commitments and self-review passages that read the same, or
//! nearly the same, across two or more members of a cell in one year.
//!
//! A hint for the secretary, not a verdict: the member's text is never
//! changed, and the year's common theme sentences (the study theme's title,
//! outline and documents, and any sentence in more than half the members'
//! books) are left out, since everyone may quote them.
//!
//! Texts are compared after folding case, diacritics (đ → d) and spacing, as
//! sets of syllables and syllable pairs (Jaccard similarity). Identical
//! folded texts are merged first; near copies are found with an inverted
//! index over the rarest features of each text (prefix filtering), so the
//! work grows with the number of likely pairs, not with all pairs.

use std::collections::{BTreeMap, HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

use crate::model::{MemberId, Notebook, SelfReview, Settings, Year, YearBook};

/// How alike texts must be, and how long, to be listed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CopyOptions {
    /// The lowest similarity listed, from 0 to 1 (1: identical once folded).
    pub threshold: f32,
    /// Passages shorter than this many words (after the common sentences
    /// are left out) are not compared: short phrases are alike by nature.
    pub min_words: usize,
    /// A sentence counts as common (quoted by everyone) when it is in more
    /// than half the members' books and in at least this many; in a very
    /// small cell two members alike are still worth a look.
    pub common_min_members: usize,
}

impl Default for CopyOptions {
    fn default() -> Self {
        CopyOptions {
            threshold: 0.6,
            min_words: 6,
            common_min_members: 3,
        }
    }
}

/// Which text of the notebook a passage is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PassageKind {
    /// Nội dung đăng ký of a commitment.
    CommitmentContent,
    /// Giải pháp, biện pháp thực hiện of a commitment.
    CommitmentMeasures,
    /// Sản phẩm cụ thể of a commitment.
    CommitmentProduct,
    /// A part of the self-review, by its key (e.g. "strengths").
    SelfReview(String),
}

/// One member's passage in a group of similar texts.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    pub member: MemberId,
    pub year: Year,
    pub kind: PassageKind,
    /// The commitment's id; `None` for the self-review.
    pub record: Option<Uuid>,
    /// The paragraph within the field, from 0 (fields are split at line
    /// breaks so that one copied paragraph in a long text is found).
    pub paragraph: usize,
    /// The paragraph as the member wrote it.
    pub text: String,
}

/// Passages of two or more members that read alike.
#[derive(Clone, Debug, PartialEq)]
pub struct CopyGroup {
    /// The lowest similarity that links the group together (single
    /// linkage): 1 when every passage is the same once folded.
    pub similarity: f32,
    /// In the order of the notebooks given, then by place in the notebook.
    pub passages: Vec<Passage>,
}

/// The board's mark for one member.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CopyFlag {
    /// Groups the member has a passage in.
    pub groups: usize,
    /// The highest similarity of those groups.
    pub highest: f32,
}

/// Copied text in a cell's year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CopyReport {
    /// Most similar first, then the larger groups.
    pub groups: Vec<CopyGroup>,
    /// Members with a passage in some group.
    pub flags: BTreeMap<MemberId, CopyFlag>,
}

impl CopyReport {
    /// The board's mark for a member, if the member has a passage listed.
    pub fn flag(&self, member: MemberId) -> Option<&CopyFlag> {
        self.flags.get(&member)
    }
}

/// Copied text among the members' books of `year`, with default options.
pub fn find_copies<'a>(
    year: Year,
    notebooks: impl IntoIterator<Item = &'a Notebook>,
    settings: &Settings,
) -> CopyReport {
    find_copies_with(year, notebooks, settings, &CopyOptions::default())
}

/// Copied text among the members' books of `year`.
pub fn find_copies_with<'a>(
    year: Year,
    notebooks: impl IntoIterator<Item = &'a Notebook>,
    settings: &Settings,
    options: &CopyOptions,
) -> CopyReport {
    let books: Vec<(MemberId, &YearBook)> = notebooks
        .into_iter()
        .filter_map(|nb| nb.years.get(&year).map(|b| (nb.id, b)))
        .collect();
    let mut words = Interner::default();
    let raws = raw_passages(&books, &mut words);
    let theme = theme_sequences(year, &books, settings, &mut words);
    let common = common_sentences(&raws, books.len(), options.common_min_members);
    let mut texts = distinct_texts(&raws, &common, &theme, options.min_words);
    let edges = similar_pairs(&mut texts, options.threshold);
    let groups = group(&texts, &raws, edges);
    report(year, &books, &raws, groups)
}

/// The self-review's written parts as (key, text): the one place that
/// knows the self-review's shape.
fn self_review_parts(review: &SelfReview) -> Vec<(&str, &str)> {
    review
        .answers
        .iter()
        .map(|(key, answer)| (key.as_str(), answer.text.as_str()))
        .collect()
}

/// Word ids: the same folded word always gets the same id.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(word.to_owned(), id);
        id
    }

    /// The folded words of `text` as ids.
    fn words(&mut self, text: &str, folded: &mut String) -> Vec<u32> {
        fold_into(text, folded);
        folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| self.id(w))
            .collect()
    }
}

/// Lower case without diacritics (đ → d), every run of other characters
/// than letters and digits one space.
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    for c in text.nfd() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' | 'ð' | 'Ð' => 'd',
            c => c,
        };
        for lower in c.to_lowercase() {
            if lower.is_alphanumeric() {
                out.push(lower);
            } else if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        }
    }
}

/// The sentences of a paragraph: split after `.`, `!`, `?` or `…` followed
/// by a space or the end (so "30.6" or "1.5" stay whole).
fn sentences(paragraph: &str) -> impl Iterator<Item = &str> {
    let mut rest = paragraph;
    std::iter::from_fn(move || {
        let rest_trimmed = rest.trim_start();
        if rest_trimmed.is_empty() {
            return None;
        }
        let mut chars = rest_trimmed.char_indices().peekable();
        let mut end = rest_trimmed.len();
        while let Some((i, c)) = chars.next() {
            if matches!(c, '.' | '!' | '?' | '…')
                && chars.peek().is_none_or(|(_, next)| next.is_whitespace())
            {
                end = i + c.len_utf8();
                break;
            }
        }
        let (sentence, after) = rest_trimmed.split_at(end);
        rest = after;
        Some(sentence)
    })
}

/// A paragraph of a member's text, folded into sentences of word ids.
struct Raw<'a> {
    /// Index into the books.
    member: usize,
    kind: PassageKind,
    record: Option<Uuid>,
    paragraph: usize,
    text: &'a str,
    sentences: Vec<Vec<u32>>,
}

fn raw_passages<'a>(books: &[(MemberId, &'a YearBook)], words: &mut Interner) -> Vec<Raw<'a>> {
    let mut raws = Vec::new();
    let mut folded = String::new();
    for (member, (_, book)) in books.iter().enumerate() {
        let mut fields: Vec<(PassageKind, Option<Uuid>, &'a str)> = Vec::new();
        for c in &book.commitments {
            fields.push((PassageKind::CommitmentContent, Some(c.id), &c.content));
            fields.push((PassageKind::CommitmentMeasures, Some(c.id), &c.measures));
            fields.push((PassageKind::CommitmentProduct, Some(c.id), &c.product));
        }
        if let Some(review) = &book.self_review {
            for (key, text) in self_review_parts(review) {
                fields.push((PassageKind::SelfReview(key.to_owned()), None, text));
            }
        }
        for (kind, record, text) in fields {
            let paragraphs = text.lines().map(str::trim).filter(|p| !p.is_empty());
            for (paragraph, text) in paragraphs.enumerate() {
                let sentences = sentences(text)
                    .map(|s| words.words(s, &mut folded))
                    .filter(|s| !s.is_empty())
                    .collect();
                raws.push(Raw {
                    member,
                    kind: kind.clone(),
                    record,
                    paragraph,
                    text,
                    sentences,
                });
            }
        }
    }
    raws
}

/// The theme's sentences (title, outline, documents) as word ids, for the
/// themes the year's books are tied to and the year's default theme.
fn theme_sequences(
    year: Year,
    books: &[(MemberId, &YearBook)],
    settings: &Settings,
    words: &mut Interner,
) -> Vec<Vec<u32>> {
    let mut ids: Vec<String> = books.iter().map(|(_, b)| b.theme_id.clone()).collect();
    ids.push(crate::themes::default_for(settings, year));
    ids.sort();
    ids.dedup();
    let mut folded = String::new();
    let mut sequences = Vec::new();
    for theme in ids
        .iter()
        .filter_map(|id| crate::themes::find(settings, id))
    {
        let texts = std::iter::once(&theme.title)
            .chain(&theme.outline)
            .chain(&theme.documents);
        for text in texts {
            for sentence in text.lines().flat_map(sentences) {
                let seq = words.words(sentence, &mut folded);
                // Too short a piece would cut ordinary words everywhere.
                if seq.len() >= 3 {
                    sequences.push(seq);
                }
            }
        }
    }
    sequences.sort();
    sequences.dedup();
    sequences
}

/// Sentences in more than half the members' books (and in at least
/// `min_members`).
fn common_sentences<'r>(
    raws: &'r [Raw<'_>],
    members: usize,
    min_members: usize,
) -> HashSet<&'r [u32]> {
    let mut seen: HashMap<&[u32], (usize, usize)> = HashMap::new();
    for raw in raws {
        for s in &raw.sentences {
            let (last, count) = seen.entry(s).or_insert((usize::MAX, 0));
            if *last != raw.member {
                *last = raw.member;
                *count += 1;
            }
        }
    }
    seen.into_iter()
        .filter(|(_, (_, count))| *count * 2 > members && *count >= min_members)
        .map(|(s, _)| s)
        .collect()
}

/// One text as compared, and the raw passages that fold to it.
struct Distinct {
    /// Its features (syllables and syllable pairs) as ranks, rarest first
    /// once `similar_pairs` has ranked them.
    features: Vec<u32>,
    raws: Vec<usize>,
}

/// The passages' words without the common sentences and theme quotations,
/// merged when identical; passages left shorter than `min_words` dropped.
fn distinct_texts(
    raws: &[Raw<'_>],
    common: &HashSet<&[u32]>,
    theme: &[Vec<u32>],
    min_words: usize,
) -> Vec<Distinct> {
    let mut by_words: HashMap<Vec<u32>, usize> = HashMap::new();
    let mut texts: Vec<Distinct> = Vec::new();
    let mut feature_ids: HashMap<(u32, u32), u32> = HashMap::new();
    for (i, raw) in raws.iter().enumerate() {
        let mut kept: Vec<u32> = raw
            .sentences
            .iter()
            .filter(|s| !common.contains(s.as_slice()))
            .flatten()
            .copied()
            .collect();
        cut_quotations(&mut kept, theme);
        if kept.len() < min_words.max(1) {
            continue;
        }
        let index = match by_words.get(&kept) {
            Some(&index) => index,
            None => {
                texts.push(Distinct {
                    features: features(&kept, &mut feature_ids),
                    raws: Vec::new(),
                });
                by_words.insert(kept, texts.len() - 1);
                texts.len() - 1
            }
        };
        texts[index].raws.push(i);
    }
    texts
}

/// Removes every place where a theme sentence is quoted word for word.
fn cut_quotations(words: &mut Vec<u32>, theme: &[Vec<u32>]) {
    let mut cut = vec![false; words.len()];
    let mut any = false;
    for seq in theme {
        if seq.len() > words.len() {
            continue;
        }
        for start in 0..=words.len() - seq.len() {
            if words[start..start + seq.len()] == seq[..] {
                cut[start..start + seq.len()].fill(true);
                any = true;
            }
        }
    }
    if any {
        let mut flags = cut.iter();
        words.retain(|_| !flags.next().is_some_and(|&c| c));
    }
}

/// The set of a text's syllables and pairs of neighbouring syllables, as
/// feature ids, sorted.
fn features(words: &[u32], ids: &mut HashMap<(u32, u32), u32>) -> Vec<u32> {
    const ALONE: u32 = u32::MAX;
    let mut id = |key: (u32, u32)| {
        let next = ids.len() as u32;
        *ids.entry(key).or_insert(next)
    };
    let mut set: Vec<u32> = words.iter().map(|&w| id((w, ALONE))).collect();
    set.extend(words.windows(2).map(|p| id((p[0], p[1]))));
    set.sort_unstable();
    set.dedup();
    set
}

/// Replaces each text's feature ids by ranks, the feature in the fewest
/// texts first, and sorts them so; returns the number of features.
fn rank_rarest_first(texts: &mut [Distinct]) -> usize {
    let mut frequency: HashMap<u32, u32> = HashMap::new();
    for text in texts.iter() {
        for &f in &text.features {
            *frequency.entry(f).or_default() += 1;
        }
    }
    let mut by_rarity: Vec<(u32, u32)> = frequency.into_iter().map(|(f, n)| (n, f)).collect();
    by_rarity.sort_unstable();
    let rank: HashMap<u32, u32> = by_rarity
        .iter()
        .enumerate()
        .map(|(rank, &(_, f))| (f, rank as u32))
        .collect();
    for text in texts.iter_mut() {
        for f in &mut text.features {
            *f = rank[f];
        }
        text.features.sort_unstable();
    }
    by_rarity.len()
}

/// Jaccard similarity of two sorted sets.
fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// Pairs of distinct texts at least `threshold` alike, as (similarity, a,
/// b). Texts are taken shortest first; each is looked up in an index of
/// the texts before it by the rarest features of its prefix, the only ones
/// two texts so alike must share (prefix filtering, as in "AllPairs").
fn similar_pairs(texts: &mut [Distinct], threshold: f32) -> Vec<(f64, usize, usize)> {
    let features = rank_rarest_first(texts);
    let t = f64::from(threshold.clamp(0.01, 1.0));
    // Fewest features a text at least `t` alike to one of `n` must share.
    let needed = |n: usize| ((t * n as f64 - 1e-9).ceil() as usize).clamp(1, n.max(1));
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by_key(|&i| texts[i].features.len());
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); features];
    let mut last_probe = vec![usize::MAX; texts.len()];
    let mut pairs = Vec::new();
    for &x in &order {
        let fx = &texts[x].features;
        let n = fx.len();
        if n == 0 {
            continue;
        }
        let prefix = &fx[..n - needed(n) + 1];
        for &f in prefix {
            for &y in &postings[f as usize] {
                let fy = &texts[y].features;
                if last_probe[y] == x || fy.len() < needed(n) {
                    continue;
                }
                last_probe[y] = x;
                let s = jaccard(fx, fy);
                if s >= t - 1e-9 {
                    pairs.push((s, y, x));
                }
            }
        }
        for &f in prefix {
            postings[f as usize].push(x);
        }
    }
    pairs
}

/// A group of raw passages (indices, in notebook order) and its similarity.
struct Linked {
    similarity: f64,
    raws: Vec<usize>,
}

/// Links alike texts (single linkage, most alike first) and keeps the
/// groups that hold passages of two or more members.
fn group(texts: &[Distinct], raws: &[Raw<'_>], mut pairs: Vec<(f64, usize, usize)>) -> Vec<Linked> {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut parent: Vec<usize> = (0..texts.len()).collect();
    let mut lowest = vec![1.0f64; texts.len()];
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (s, a, b) in pairs {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[rb] = ra;
            lowest[ra] = lowest[ra].min(lowest[rb]).min(s);
        }
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, text) in texts.iter().enumerate() {
        let r = root(&mut parent, i);
        members.entry(r).or_default().extend(&text.raws);
    }
    members
        .into_iter()
        .filter_map(|(r, mut group)| {
            group.sort_unstable();
            let first = raws[group[0]].member;
            group
                .iter()
                .any(|&i| raws[i].member != first)
                .then_some(Linked {
                    similarity: lowest[r],
                    raws: group,
                })
        })
        .collect()
}

/// The groups as passages, most similar first, and each member's mark.
fn report(
    year: Year,
    books: &[(MemberId, &YearBook)],
    raws: &[Raw<'_>],
    mut groups: Vec<Linked>,
) -> CopyReport {
    groups.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(b.raws.len().cmp(&a.raws.len()))
            .then(a.raws[0].cmp(&b.raws[0]))
    });
    let mut out = CopyReport::default();
    for linked in groups {
        let similarity = linked.similarity as f32;
        let passages: Vec<Passage> = linked
            .raws
            .iter()
            .map(|&i| {
                let raw = &raws[i];
                Passage {
                    member: books[raw.member].0,
                    year,
                    kind: raw.kind.clone(),
                    record: raw.record,
                    paragraph: raw.paragraph,
                    text: raw.text.to_owned(),
                }
            })
            .collect();
        let mut flagged: Vec<MemberId> = passages.iter().map(|p| p.member).collect();
        flagged.sort_unstable();
        flagged.dedup();
        for member in flagged {
            let flag = out.flags.entry(member).or_insert(CopyFlag {
                groups: 0,
                highest: 0.0,
            });
            flag.groups += 1;
            flag.highest = flag.highest.max(similarity);
        }
        out.groups.push(CopyGroup {
            similarity,
            passages,
        });
    }
    out
}

#[cfg(test)]
mod tests;
