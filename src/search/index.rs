//! The index: for each member's year, the distinct words of its records
//! (folded, and exact), sorted, each with the records that hold it. A
//! query word matches every word it begins, so results can follow the
//! user's typing; a record matches when it holds every query word.
//!
//! Kept in parts, one per member and year, so a change to one notebook
//! rebuilds only its part (`applied`, `sync`), never the whole index.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::fold::{Word, fold_char_into, is_word_char, query_words};
use super::records::{Kind, Target, records};
use crate::model::{Area, MemberId, Notebook, Year, YearBook};
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
    pub member: MemberId,
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

/// One member's year.
struct Part {
    docs: Vec<Doc>,
    /// Sorted by folded, then exact form.
    words: Vec<Posting>,
}

struct Member {
    name: String,
    /// The member's change count the parts were built at.
    change: u64,
    years: BTreeMap<Year, Part>,
}

/// The search index of a workspace's notebooks.
#[derive(Default)]
pub struct Index {
    members: HashMap<MemberId, Member>,
    /// Members in the order hits are listed: by name, the Vietnamese way.
    order: Vec<MemberId>,
}

impl Part {
    fn build(book: &YearBook) -> Part {
        let mut docs = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<(String, Vec<u32>)> = Vec::new();
        let mut exact = String::new();
        for (d, record) in records(book).into_iter().enumerate() {
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
        Part { docs, words }
    }

    /// The words a folded query word begins.
    fn range(&self, folded: &str) -> Range<usize> {
        let start = self.words.partition_point(|w| &*w.folded < folded);
        let len = self.words[start..].partition_point(|w| w.folded.starts_with(folded));
        start..start + len
    }

    /// Calls `found` with each record holding every query word, and
    /// whether it holds each as spelled. `all` and `exact` are scratch.
    fn search(
        &self,
        query: &[Word],
        scratch: &mut (Vec<u8>, Vec<u8>),
        mut found: impl FnMut(&Doc, bool),
    ) {
        let (all, exact) = scratch;
        all.clear();
        all.resize(self.docs.len(), 0);
        exact.clear();
        exact.resize(self.docs.len(), 0);
        for (i, q) in query.iter().enumerate() {
            let i = i as u8;
            let mut any = false;
            for w in &self.words[self.range(&q.folded)] {
                let spelled = w.exact.starts_with(&q.exact);
                for &d in w.docs.iter() {
                    let d = d as usize;
                    if all[d] == i {
                        all[d] = i + 1;
                        any = true;
                    }
                    if spelled && exact[d] == i {
                        exact[d] = i + 1;
                    }
                }
            }
            if !any {
                return;
            }
        }
        let n = query.len() as u8;
        for (d, doc) in self.docs.iter().enumerate() {
            if all[d] == n {
                found(doc, exact[d] == n);
            }
        }
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
        docs + words
    }
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
                .map(|(year, book)| (*year, Part::build(book)))
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
                m.years.insert(year, Part::build(book));
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
    }

    /// Whether the index stands where the workspace does.
    pub fn is_current(&self, workspace: &Workspace) -> bool {
        self.members.len() == workspace.notebooks().count()
            && workspace.notebooks().all(|nb| {
                self.members
                    .get(&nb.id)
                    .is_some_and(|m| m.change == workspace.change_count(nb.id))
            })
    }

    /// The records holding every word of `query` (each word may be the
    /// start of a longer one), within `filter`: those matching as spelled
    /// first, then the folded ones; each in the order of members by name,
    /// the latest year first, then the book's order. At most `limit`
    /// hits are returned; `total` counts all.
    pub fn search(&self, query: &str, filter: &Filter, limit: usize) -> Found {
        let mut words = query_words(query);
        words.truncate(MAX_QUERY_WORDS);
        let mut found = Found::default();
        if words.is_empty() {
            return found;
        }
        let mut folded_only = Vec::new();
        let mut scratch = (Vec::new(), Vec::new());
        for id in &self.order {
            if filter.member.is_some_and(|m| m != *id) {
                continue;
            }
            let Some(member) = self.members.get(id) else {
                continue;
            };
            for (year, part) in member.years.iter().rev() {
                if filter.year.is_some_and(|y| y != *year) {
                    continue;
                }
                part.search(&words, &mut scratch, |doc, exact| {
                    if filter.kind.is_some_and(|k| k != doc.target.kind())
                        || filter.area.is_some_and(|a| Some(a) != doc.area)
                    {
                        return;
                    }
                    found.total += 1;
                    let list = if exact {
                        &mut found.hits
                    } else {
                        &mut folded_only
                    };
                    if list.len() < limit {
                        list.push(Hit {
                            member: *id,
                            year: *year,
                            target: doc.target.clone(),
                            area: doc.area,
                            exact,
                        });
                    }
                });
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
            .map(|p| p.docs.len())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
            + self.members.capacity() * std::mem::size_of::<(MemberId, Member)>()
            + self.order.capacity() * std::mem::size_of::<MemberId>()
    }
}
