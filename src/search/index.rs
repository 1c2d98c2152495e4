//! The index: for each member's year, the distinct words of its records
//! (folded, and exact), sorted, each with the records that hold it
//! (`part`). A query word matches every word it begins, so results can
//! follow the user's typing; a record matches when it holds every query
//! word.
//!
//! Kept in parts, one per member and year, so a change to one notebook
//! rebuilds only its part (`applied`, `sync`), never the whole index. The
//! cell's own records (each year's meeting) have parts of their own, kept
//! by the workspace's meetings change counter.

use std::collections::{BTreeMap, HashMap};

use super::fold::query_words;
use super::part::{Part, Probe, Scratch};
use super::records::{Kind, Target, meeting_record, records};
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
    /// The members are shared among the machine's cores.
    pub fn build<'a>(notebooks: impl IntoIterator<Item = (&'a Notebook, u64)>) -> Index {
        let notebooks: Vec<(&Notebook, u64)> = notebooks.into_iter().collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let chunk = notebooks.len().div_ceil(threads).max(1);
        let build = |some: &[(&Notebook, u64)]| -> Vec<(MemberId, Member)> {
            some.iter()
                .map(|(nb, change)| (nb.id, Member::build(nb, *change)))
                .collect()
        };
        let members = std::thread::scope(|scope| {
            let mut chunks = notebooks.chunks(chunk);
            let first = chunks.next();
            let others: Vec<_> = chunks
                .map(|some| {
                    let thread = std::thread::Builder::new()
                        .name("search-index-part".to_owned())
                        .spawn_scoped(scope, move || build(some));
                    (some, thread)
                })
                .collect();
            let mut members = first.map(build).unwrap_or_default();
            for (some, thread) in others {
                match thread.map(|t| t.join()) {
                    Ok(Ok(built)) => members.extend(built),
                    Ok(Err(panic)) => std::panic::resume_unwind(panic),
                    // No thread to be had: built here.
                    Err(_) => members.extend(build(some)),
                }
            }
            members
        });
        let mut index = Index {
            members: members.into_iter().collect(),
            ..Index::default()
        };
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
        let words: Vec<Probe> = words.iter().map(Probe::new).collect();
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
            let (pf, pe) = p.prefix_sets();
            (f + pf, e + pe)
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
