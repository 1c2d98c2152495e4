//! The index: for each member's year, the distinct words of its records
//! (folded, and exact), sorted, each with the records that hold it. A
//! query word matches every word it begins, so results can follow the
//! user's typing; a record matches when it holds every query word.
//!
//! Kept in parts, one per member and year, so a change to one notebook
//! rebuilds only its part (`applied`, `sync`), never the whole index. The
//! cell's own records (each year's meeting) have parts of their own, kept
//! by the workspace's meetings change counter.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::fold::{Word, fold_char_into, is_word_char, query_words};
use super::records::{Kind, Record, Target, meeting_record, records};
use crate::model::{Area, Meeting, MemberId, Notebook, Year};
use crate::workspace::{Action, Workspace};

/// At most this many words of a query count; more only narrow further.
const MAX_QUERY_WORDS: usize = 16;

/// What a search is limited to; `None` lets everything through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub member: Option<MemberId>,
    pub year: Option<Year>,
    pub kind: Option<Kind>,
    pub area: Option<Area>,
}

/// One record that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Whose record it is; none for the cell's own (the meeting).
    pub member: Option<MemberId>,
    pub year: Year,
    pub target: Target,
    pub area: Option<Area>,
    /// Every query word matched as spelled (marks and all), not only
    /// folded.
    pub exact: bool,
}

/// What a search found: the first hits in rank order, and how many there
/// were in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

struct Doc {
    target: Target,
    area: Option<Area>,
}

/// One distinct word of a part and the records holding it.
struct Posting {
    folded: Box<str>,
    exact: Box<str>,
    docs: Box<[u32]>,
}

/// Sets of a part's records, one bit each, for the prefixes that begin
/// words held by many records: a short prefix ("t", "th") begins much of
/// the vocabulary, and joining its words' lists at each keystroke would
/// cost far more than reading a set made once.
#[derive(Default)]
struct Prefixes {
    /// Folded prefixes, sorted, each with where its set starts in `sets`.
    folded: Vec<(Box<str>, u32)>,
    /// The same for prefixes as spelled (lower case).
    exact: Vec<(Box<str>, u32)>,
    sets: Vec<u64>,
}

/// One member's year (or the cell's).
struct Part {
    docs: Vec<Doc>,
    /// Sorted by folded, then exact form.
    words: Vec<Posting>,
    prefixes: Prefixes,
}

/// What a part's search works in, kept between parts: the records
/// matching every word so far, folded and as spelled, and one word's.
#[derive(Default)]
struct Scratch {
    all: Vec<u64>,
    exact: Vec<u64>,
    word: Vec<u64>,
    word_exact: Vec<u64>,
}

struct Member {
    name: String,
    /// The member's change count the parts were built at.
    change: u64,
    years: BTreeMap<Year, Part>,
}

/// The cell's own records: each year's meeting.
#[derive(Default)]
struct Cell {
    /// The meetings change count the parts were built at.
    change: u64,
    years: BTreeMap<Year, Part>,
}

/// The search index of a workspace's notebooks and the cell's meetings.
#[derive(Default)]
pub struct Index {
    members: HashMap<MemberId, Member>,
    /// Members in the order hits are listed: by name, the Vietnamese way.
    order: Vec<MemberId>,
    cell: Cell,
}

impl Part {
    fn build(records: Vec<Record<'_>>) -> Part {
        let mut docs = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<(String, Vec<u32>)> = Vec::new();
        let mut exact = String::new();
        for (d, record) in records.into_iter().enumerate() {
            let d = d as u32;
            for field in &record.fields {
                let nfc;
                let text: &str = if is_nfc_quick(field.chars()) == IsNormalized::Yes {
                    field
                } else {
                    nfc = field.nfc().collect::<String>();
                    &nfc
                };
                for_each_word(text, &mut exact, |w| {
                    let id = match ids.get(w) {
                        Some(id) => *id,
                        None => {
                            let id = postings.len() as u32;
                            ids.insert(w.to_owned(), id);
                            postings.push((w.to_owned(), Vec::new()));
                            id
                        }
                    };
                    let list = &mut postings[id as usize].1;
                    if list.last() != Some(&d) {
                        list.push(d);
                    }
                });
            }
            docs.push(Doc {
                target: record.target,
                area: record.area,
            });
        }
        let mut words: Vec<Posting> = postings
            .into_iter()
            .map(|(exact, docs)| {
                let mut folded = String::with_capacity(exact.len());
                for c in exact.chars() {
                    fold_char_into(c, &mut folded);
                }
                Posting {
                    folded: folded.into(),
                    exact: exact.into(),
                    docs: docs.into(),
                }
            })
            .collect();
        words.sort_unstable_by(|a, b| (&a.folded, &a.exact).cmp(&(&b.folded, &b.exact)));
        let prefixes = Prefixes::build(&words, docs.len());
        Part {
            docs,
            words,
            prefixes,
        }
    }

    /// How many `u64` a set of the part's records takes.
    fn set_len(&self) -> usize {
        self.docs.len().div_ceil(64)
    }

    /// The words a folded query word begins.
    fn range(&self, folded: &str) -> Range<usize> {
        let start = self.words.partition_point(|w| &*w.folded < folded);
        let len = self.words[start..].partition_point(|w| w.folded.starts_with(folded));
        start..start + len
    }

    /// Puts in `folded` the records holding a word that `q` begins, folded,
    /// and in `exact` those holding one it begins as spelled. False when
    /// no record holds one.
    fn word_sets(&self, q: &Word, folded: &mut [u64], exact: &mut [u64]) -> bool {
        let range = self.range(&q.folded);
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
        for w in &self.words[range] {
            if set_f.is_none() {
                for &d in w.docs.iter() {
                    folded[d as usize / 64] |= 1 << (d % 64);
                }
            }
            if set_e.is_none() && w.exact.starts_with(&q.exact) {
                for &d in w.docs.iter() {
                    exact[d as usize / 64] |= 1 << (d % 64);
                }
            }
        }
        true
    }

    /// Leaves in `scratch.all` the records holding every query word, and
    /// in `scratch.exact` those holding each as spelled. False when none
    /// holds them all.
    fn search(&self, query: &[Word], scratch: &mut Scratch) -> bool {
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
            let (f, e) = if i == 0 {
                (&mut *all, &mut *exact)
            } else {
                (&mut *word, &mut *word_exact)
            };
            if !self.word_sets(q, f, e) {
                return false;
            }
            if i > 0 {
                let mut any = 0;
                for ((a, x), (w, we)) in all
                    .iter_mut()
                    .zip(exact.iter_mut())
                    .zip(word.iter().zip(word_exact.iter()))
                {
                    *a &= w;
                    *x &= we;
                    any |= *a;
                }
                if any == 0 {
                    return false;
                }
            }
        }
        true
    }

    fn memory(&self) -> usize {
        let docs = self.docs.capacity() * std::mem::size_of::<Doc>()
            + self
                .docs
                .iter()
                .map(|d| match &d.target {
                    Target::SelfReview(key) => key.capacity(),
                    _ => 0,
                })
                .sum::<usize>();
        let words = self.words.capacity() * std::mem::size_of::<Posting>()
            + self
                .words
                .iter()
                .map(|w| w.folded.len() + w.exact.len() + w.docs.len() * 4)
                .sum::<usize>();
        let p = &self.prefixes;
        let prefixes = (p.folded.capacity() + p.exact.capacity())
            * std::mem::size_of::<(Box<str>, u32)>()
            + p.folded
                .iter()
                .chain(&p.exact)
                .map(|(k, _)| k.len())
                .sum::<usize>()
            + p.sets.capacity() * 8;
        docs + words + prefixes
    }
}

impl Prefixes {
    /// The sets of the prefixes that begin words held, together, by at
    /// least as many records as the part has (and at least `FEW`): below
    /// that, reading the words' own lists is as quick.
    fn build(words: &[Posting], docs: usize) -> Prefixes {
        const FEW: usize = 32;
        let least = docs.max(FEW);
        let set_len = docs.div_ceil(64);
        let mut prefixes = Prefixes::default();
        let weights: Vec<usize> = words.iter().map(|w| w.docs.len()).collect();
        let folded: Vec<&str> = words.iter().map(|w| &*w.folded).collect();
        let all: Vec<usize> = (0..words.len()).collect();
        for (key, stretch) in heavy(&folded, &all, &weights, least) {
            let at = prefixes.add_set(set_len, all[stretch].iter().map(|&i| &words[i]));
            prefixes.folded.push((key.into(), at));
        }
        let exact: Vec<&str> = words.iter().map(|w| &*w.exact).collect();
        let mut by_exact = all.clone();
        by_exact.sort_unstable_by_key(|&i| exact[i]);
        for (key, stretch) in heavy(&exact, &by_exact, &weights, least) {
            let at = prefixes.add_set(set_len, by_exact[stretch].iter().map(|&i| &words[i]));
            prefixes.exact.push((key.into(), at));
        }
        prefixes.folded.sort_unstable();
        prefixes.exact.sort_unstable();
        prefixes
    }

    /// Adds the set of the records holding any of `words`; returns where it
    /// starts.
    fn add_set<'a>(&mut self, set_len: usize, words: impl Iterator<Item = &'a Posting>) -> u32 {
        let at = self.sets.len();
        self.sets.resize(at + set_len, 0);
        let set = &mut self.sets[at..];
        for w in words {
            for &d in w.docs.iter() {
                set[d as usize / 64] |= 1 << (d % 64);
            }
        }
        at as u32
    }

    /// The set made for a prefix, if one was.
    fn set(&self, keys: &[(Box<str>, u32)], prefix: &str, set_len: usize) -> Option<&[u64]> {
        let i = keys.binary_search_by(|(k, _)| (**k).cmp(prefix)).ok()?;
        let at = keys[i].1 as usize;
        self.sets.get(at..at + set_len)
    }
}

/// The prefixes of `forms` (taken in the order of `sorted`, which sorts
/// them) that begin words weighing together at least `least`, each with
/// the stretch of `sorted` of those words. A prefix is heavy only if the
/// one a character shorter is, so each length looks only inside the last
/// one's heavy stretches.
fn heavy<'a>(
    forms: &[&'a str],
    sorted: &[usize],
    weights: &[usize],
    least: usize,
) -> Vec<(&'a str, Range<usize>)> {
    let mut out = Vec::new();
    let mut stretches = vec![0..sorted.len()];
    let mut chars = 1;
    while !stretches.is_empty() {
        let mut next = Vec::new();
        for stretch in stretches {
            let mut i = stretch.start;
            while i < stretch.end {
                let form = forms[sorted[i]];
                let Some(end) = form
                    .char_indices()
                    .map(|(b, _)| b)
                    .chain(std::iter::once(form.len()))
                    .nth(chars)
                else {
                    // The shorter prefix itself: it sorts first.
                    i += 1;
                    continue;
                };
                let key = &form[..end];
                let mut j = i;
                let mut weight = 0;
                while j < stretch.end && forms[sorted[j]].starts_with(key) {
                    weight += weights[sorted[j]];
                    j += 1;
                }
                if weight >= least {
                    out.push((key, i..j));
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

/// Calls `f` with each word of `text`, in lower case.
fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    for c in text.chars() {
        if is_word_char(c) {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
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

impl Member {
    fn build(nb: &Notebook, change: u64) -> Member {
        Member {
            name: nb.profile.full_name.clone(),
            change,
            years: nb
                .years
                .iter()
                .map(|(year, book)| (*year, Part::build(records(book))))
                .collect(),
        }
    }
}

impl Cell {
    fn build(meetings: &BTreeMap<Year, Meeting>, change: u64) -> Cell {
        Cell {
            change,
            years: meetings
                .iter()
                .map(|(year, m)| (*year, Part::build(meeting_record(m).into_iter().collect())))
                .collect(),
        }
    }
}

impl Index {
    /// Builds the index of these notebooks, each with the change count it
    /// is seen at (`Workspace::change_count`).
    pub fn build<'a>(notebooks: impl IntoIterator<Item = (&'a Notebook, u64)>) -> Index {
        let mut index = Index::default();
        for (nb, change) in notebooks {
            index.members.insert(nb.id, Member::build(nb, change));
        }
        index.sort();
        index
    }

    /// The index of a workspace as it stands: its notebooks and the cell's
    /// meetings.
    pub fn of(workspace: &Workspace) -> Index {
        let mut index = Index::build(
            workspace
                .notebooks()
                .map(|nb| (nb, workspace.change_count(nb.id))),
        );
        index.set_meetings(
            &workspace.data().meetings,
            workspace.meetings_change_count(),
        );
        index
    }

    /// Indexes the cell's meetings, as seen at a change count
    /// (`Workspace::meetings_change_count`), in place of those before.
    pub fn set_meetings(&mut self, meetings: &BTreeMap<Year, Meeting>, change: u64) {
        self.cell = Cell::build(meetings, change);
    }

    /// Brings the meetings' parts in line with the workspace, when they
    /// changed.
    fn refresh_meetings(&mut self, workspace: &Workspace) {
        let change = workspace.meetings_change_count();
        if self.cell.change != change {
            self.set_meetings(&workspace.data().meetings, change);
        }
    }

    fn sort(&mut self) {
        let mut order: Vec<(MemberId, &str)> = self
            .members
            .iter()
            .map(|(id, m)| (*id, m.name.as_str()))
            .collect();
        order.sort_by_cached_key(|(id, name)| (crate::text::name_sort_key(name), *id));
        self.order = order.into_iter().map(|(id, _)| id).collect();
    }

    /// Brings one member's part in line with the workspace: built again
    /// when it changed, removed when the notebook is gone.
    fn refresh_member(&mut self, workspace: &Workspace, member: MemberId) {
        let change = workspace.change_count(member);
        match workspace.notebook(member) {
            None => {
                if self.members.remove(&member).is_some() {
                    self.sort();
                }
            }
            Some(nb) => {
                if self
                    .members
                    .get(&member)
                    .is_some_and(|m| m.change == change)
                {
                    return;
                }
                let renamed = self
                    .members
                    .get(&member)
                    .is_none_or(|m| m.name != nb.profile.full_name);
                self.members.insert(member, Member::build(nb, change));
                if renamed {
                    self.sort();
                }
            }
        }
    }

    /// Follows an action just applied to `workspace`: when it changed one
    /// year's records and nothing else moved since the index last looked,
    /// only that year's part is built again; otherwise the member's.
    pub fn applied(&mut self, action: &Action, workspace: &Workspace) {
        self.refresh_meetings(workspace);
        let Some(member) = action.member() else {
            return;
        };
        let change = workspace.change_count(member);
        let year = match action {
            Action::AddCommitment { year, .. }
            | Action::EditCommitment { year, .. }
            | Action::RemoveCommitment { year, .. }
            | Action::MoveCommitment { year, .. }
            | Action::SetProgress { year, .. }
            | Action::ClearProgress { year, .. }
            | Action::AddEntry { year, .. }
            | Action::EditEntry { year, .. }
            | Action::RemoveEntry { year, .. }
            | Action::SetSelfReview { year, .. }
            | Action::AddRemark { year, .. }
            | Action::EditRemark { year, .. }
            | Action::RemoveRemark { year, .. } => Some(*year),
            _ => None,
        };
        let book = year.and_then(|y| Some((y, workspace.notebook(member)?.years.get(&y)?)));
        match (self.members.get_mut(&member), book) {
            (Some(m), Some((year, book))) if m.change + 1 == change => {
                m.years.insert(year, Part::build(records(book)));
                m.change = change;
            }
            (Some(m), _) if m.change == change => {}
            _ => self.refresh_member(workspace, member),
        }
    }

    /// Brings every member's part in line with the workspace, by the
    /// change counters: only what changed is built again. Cheap when
    /// nothing did.
    pub fn sync(&mut self, workspace: &Workspace) {
        let gone: Vec<MemberId> = self
            .members
            .keys()
            .filter(|id| workspace.notebook(**id).is_none())
            .copied()
            .collect();
        for id in gone {
            self.refresh_member(workspace, id);
        }
        for nb in workspace.notebooks() {
            self.refresh_member(workspace, nb.id);
        }
        self.refresh_meetings(workspace);
    }

    /// Whether the index stands where the workspace does.
    pub fn is_current(&self, workspace: &Workspace) -> bool {
        self.cell.change == workspace.meetings_change_count()
            && self.members.len() == workspace.notebooks().count()
            && workspace.notebooks().all(|nb| {
                self.members
                    .get(&nb.id)
                    .is_some_and(|m| m.change == workspace.change_count(nb.id))
            })
    }

    /// The parts a filter lets through, in the order hits are listed: the
    /// cell's own records first, then members by name; the latest year
    /// first.
    fn parts<'a>(
        &'a self,
        filter: &'a Filter,
    ) -> impl Iterator<Item = (Option<MemberId>, Year, &'a Part)> + 'a {
        let cell = filter
            .member
            .is_none()
            .then_some(&self.cell.years)
            .into_iter()
            .flat_map(|years| years.iter().rev().map(|(y, p)| (None, *y, p)));
        let members = self
            .order
            .iter()
            .filter(|id| filter.member.is_none_or(|m| m == **id))
            .filter_map(|id| Some((*id, self.members.get(id)?)))
            .flat_map(|(id, m)| m.years.iter().rev().map(move |(y, p)| (Some(id), *y, p)));
        cell.chain(members)
            .filter(|(_, year, _)| filter.year.is_none_or(|y| y == *year))
    }

    /// The records holding every word of `query` (each word may be the
    /// start of a longer one), within `filter`: those matching as spelled
    /// first, then the folded ones; each in the order of `parts`, then the
    /// book's order. At most `limit` hits are returned; `total` counts
    /// all. A member filter leaves the cell's own records out.
    pub fn search(&self, query: &str, filter: &Filter, limit: usize) -> Found {
        let mut words = query_words(query);
        words.truncate(MAX_QUERY_WORDS);
        let mut found = Found::default();
        if words.is_empty() {
            return found;
        }
        let mut folded_only = Vec::new();
        let mut scratch = Scratch::default();
        // Without a kind or area filter, once both lists are full the
        // rest need only be counted.
        let unfiltered = filter.kind.is_none() && filter.area.is_none();
        for (member, year, part) in self.parts(filter) {
            if !part.search(&words, &mut scratch) {
                continue;
            }
            for (at, (&all, &exact)) in scratch.all.iter().zip(&scratch.exact).enumerate() {
                let mut bits = all;
                if unfiltered {
                    found.total += all.count_ones() as usize;
                    if found.hits.len() >= limit {
                        bits = 0;
                    } else if folded_only.len() >= limit {
                        bits = exact;
                    }
                }
                while bits != 0 {
                    let bit = bits.trailing_zeros();
                    bits &= bits - 1;
                    let doc = &part.docs[at * 64 + bit as usize];
                    if !unfiltered {
                        if filter.kind.is_some_and(|k| k != doc.target.kind())
                            || filter.area.is_some_and(|a| Some(a) != doc.area)
                        {
                            continue;
                        }
                        found.total += 1;
                    }
                    let exact = exact & (1 << bit) != 0;
                    let list = if exact {
                        &mut found.hits
                    } else {
                        &mut folded_only
                    };
                    if list.len() < limit {
                        list.push(Hit {
                            member,
                            year,
                            target: doc.target.clone(),
                            area: doc.area,
                            exact,
                        });
                    }
                }
            }
        }
        found.hits.extend(folded_only);
        found.hits.truncate(limit);
        found
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.members
            .values()
            .flat_map(|m| m.years.values())
            .chain(self.cell.years.values())
            .map(|p| p.docs.len())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many prefix sets the parts keep, folded and as spelled.
    #[cfg(test)]
    pub(super) fn prefix_sets(&self) -> (usize, usize) {
        let parts = self
            .members
            .values()
            .flat_map(|m| m.years.values())
            .chain(self.cell.years.values());
        parts.fold((0, 0), |(f, e), p| {
            (f + p.prefixes.folded.len(), e + p.prefixes.exact.len())
        })
    }

    /// The bytes the index takes in memory, roughly (its own allocations).
    pub fn memory(&self) -> usize {
        self.members
            .values()
            .map(|m| {
                m.name.capacity()
                    + m.years.values().map(Part::memory).sum::<usize>()
                    + m.years.len() * std::mem::size_of::<(Year, Part)>()
            })
            .sum::<usize>()
            + self.cell.years.values().map(Part::memory).sum::<usize>()
            + self.members.capacity() * std::mem::size_of::<(MemberId, Member)>()
            + self.order.capacity() * std::mem::size_of::<MemberId>()
    }
}
