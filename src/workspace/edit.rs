//! The primitive, exact changes an action is made of.
//!
//! Each edit names one slot of the data (the settings, a profile, a
//! commitment, a progress cell, …) and the value to put there. Applying an edit returns the edit that
//! puts the old value back, so undo and redo are both just "apply these
//! edits", and both restore the data bit for bit, revision numbers included.

use std::collections::BTreeMap;
use std::sync::Arc;

use uuid::Uuid;

use super::WorkspaceData;
use crate::exchange::Received;
use crate::model::{
    CellDecision, CellReview, Commitment, Entry, Meeting, MemberId, Notebook, Period, Profile,
    ProgressRecord, Registration, Remark, Role, SelfReview, Settings, Year, YearBook,
};

/// One file of the workspace on disk, as the unit that is saved. Files
/// changed together are written in this order: what a side received comes
/// before the records it describes, so that a crash between the two can
/// only leave the record older than its receipt, which the next import of
/// the same file mends (see `exchange::merge`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKey {
    /// `workspace.ron`.
    Settings,
    /// What one side received by exchange file: `exchange/<side>.ron`,
    /// written only by that side's program.
    Received(Role),
    /// The member's own part: `notebooks/<id>.ron`.
    Notebook(MemberId),
    /// The cell's part for a member: `cell/<id>.ron`.
    Cell(MemberId),
    /// The cell's own records (the meetings): `cell/meetings.ron`.
    Meetings,
}

impl FileKey {
    /// The member the file belongs to, if any.
    pub fn member(self) -> Option<MemberId> {
        match self {
            FileKey::Notebook(m) | FileKey::Cell(m) => Some(m),
            FileKey::Settings | FileKey::Meetings | FileKey::Received(_) => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Edit {
    /// The whole settings of the workspace (`workspace.ron`).
    Settings {
        value: Box<Settings>,
    },
    Notebook {
        member: MemberId,
        value: Option<Arc<Notebook>>,
    },
    Profile {
        member: MemberId,
        value: Profile,
    },
    Year {
        member: MemberId,
        year: Year,
        value: Option<Box<YearBook>>,
    },
    YearHeader {
        member: MemberId,
        year: Year,
        theme_id: String,
        registration: Registration,
    },
    Commitment {
        member: MemberId,
        year: Year,
        id: Uuid,
        value: Option<Commitment>,
    },
    Progress {
        member: MemberId,
        year: Year,
        key: (Uuid, Period),
        value: Option<ProgressRecord>,
    },
    Entry {
        member: MemberId,
        year: Year,
        id: Uuid,
        value: Option<Entry>,
    },
    SelfReview {
        member: MemberId,
        year: Year,
        value: Option<SelfReview>,
    },
    Remark {
        member: MemberId,
        year: Year,
        id: Uuid,
        value: Option<Remark>,
    },
    Decision {
        member: MemberId,
        year: Year,
        value: CellDecision,
    },
    /// The cell's record of a year's meeting.
    Meeting {
        year: Year,
        value: Option<Box<Meeting>>,
    },
    /// What one side last received about a member.
    Received {
        side: Role,
        member: MemberId,
        value: Option<Box<Received>>,
    },
}

impl Edit {
    /// The member whose notebook the edit changes; none for the settings.
    pub(crate) fn member(&self) -> Option<MemberId> {
        match self {
            Edit::Settings { .. } | Edit::Meeting { .. } | Edit::Received { .. } => None,
            Edit::Notebook { member, .. }
            | Edit::Profile { member, .. }
            | Edit::Year { member, .. }
            | Edit::YearHeader { member, .. }
            | Edit::Commitment { member, .. }
            | Edit::Progress { member, .. }
            | Edit::Entry { member, .. }
            | Edit::SelfReview { member, .. }
            | Edit::Remark { member, .. }
            | Edit::Decision { member, .. } => Some(*member),
        }
    }

    /// The file the edit changes, which says who writes it (DESIGN.md,
    /// "Ownership"): the member's notebook, the cell's part for a member,
    /// the cell's own records, or the settings.
    pub(crate) fn file(&self) -> FileKey {
        match self {
            Edit::Settings { .. } => FileKey::Settings,
            Edit::Meeting { .. } => FileKey::Meetings,
            Edit::Received { side, .. } => FileKey::Received(*side),
            Edit::Remark { member, .. } | Edit::Decision { member, .. } => FileKey::Cell(*member),
            Edit::Notebook { member, .. }
            | Edit::Profile { member, .. }
            | Edit::Year { member, .. }
            | Edit::YearHeader { member, .. }
            | Edit::Commitment { member, .. }
            | Edit::Progress { member, .. }
            | Edit::Entry { member, .. }
            | Edit::SelfReview { member, .. } => FileKey::Notebook(*member),
        }
    }

    /// Which slot the edit writes: two edits with equal slots overwrite
    /// the same thing.
    pub(crate) fn slot(
        &self,
    ) -> (
        u8,
        Option<MemberId>,
        Option<Year>,
        Option<Uuid>,
        Option<Period>,
    ) {
        let member = self.member();
        match self {
            Edit::Settings { .. } => (0, None, None, None, None),
            Edit::Notebook { .. } => (1, member, None, None, None),
            Edit::Profile { .. } => (2, member, None, None, None),
            Edit::Year { year, .. } => (3, member, Some(*year), None, None),
            Edit::YearHeader { year, .. } => (4, member, Some(*year), None, None),
            Edit::Commitment { year, id, .. } => (5, member, Some(*year), Some(*id), None),
            Edit::Progress { year, key, .. } => (6, member, Some(*year), Some(key.0), Some(key.1)),
            Edit::Entry { year, id, .. } => (7, member, Some(*year), Some(*id), None),
            Edit::SelfReview { year, .. } => (8, member, Some(*year), None, None),
            Edit::Remark { year, id, .. } => (9, member, Some(*year), Some(*id), None),
            Edit::Decision { year, .. } => (10, member, Some(*year), None, None),
            Edit::Meeting { year, .. } => (11, None, Some(*year), None, None),
            Edit::Received { side, member, .. } => {
                (12 + *side as u8, Some(*member), None, None, None)
            }
        }
    }

    /// Puts the edit's value in its slot and returns the edit that undoes it.
    ///
    /// Actions are validated before their edits are made, so the notebook and
    /// year an edit names exist; should they not, nothing changes and the
    /// returned edit is the same no-op.
    pub(crate) fn apply(self, data: &mut WorkspaceData) -> Edit {
        let notebooks = &mut data.notebooks;
        match self {
            Edit::Received {
                side,
                member,
                value,
            } => {
                let all = data.received.entry(side).or_default();
                let old = match value {
                    Some(r) => all.insert(member, *r),
                    None => all.remove(&member),
                };
                if all.is_empty() {
                    data.received.remove(&side);
                }
                Edit::Received {
                    side,
                    member,
                    value: old.map(Box::new),
                }
            }
            Edit::Meeting { year, value } => {
                let old = match value {
                    Some(m) => data.meetings.insert(year, *m),
                    None => data.meetings.remove(&year),
                };
                Edit::Meeting {
                    year,
                    value: old.map(Box::new),
                }
            }
            Edit::Settings { value } => Edit::Settings {
                value: Box::new(std::mem::replace(&mut data.settings, *value)),
            },
            // The cell's part is the cell's: a notebook or year that goes
            // leaves it unjoined, and one that comes back takes it again.
            Edit::Notebook { member, value } => {
                let unjoined = &mut data.unjoined;
                let old = notebooks
                    .remove(&member)
                    .map(|nb| leave_cell_part(member, nb, unjoined));
                if let Some(mut nb) = value {
                    if let Some(parts) = unjoined.get_mut(&member) {
                        let here: Vec<Year> = parts
                            .keys()
                            .filter(|y| nb.years.contains_key(y))
                            .copied()
                            .collect();
                        for year in here {
                            let nb = Arc::make_mut(&mut nb);
                            take_cell_review(member, year, nb.years.get_mut(&year), unjoined);
                        }
                    }
                    notebooks.insert(member, nb);
                }
                Edit::Notebook { member, value: old }
            }
            Edit::Profile { member, value } => match notebooks.get_mut(&member) {
                Some(nb) => {
                    let old = std::mem::replace(&mut Arc::make_mut(nb).profile, value);
                    Edit::Profile { member, value: old }
                }
                None => Edit::Profile { member, value },
            },
            Edit::Year {
                member,
                year,
                value,
            } => {
                let unjoined = &mut data.unjoined;
                let Some(nb) = notebooks.get_mut(&member) else {
                    return Edit::Year {
                        member,
                        year,
                        value,
                    };
                };
                let years = &mut Arc::make_mut(nb).years;
                let old = years.remove(&year).map(|mut book| {
                    let review = std::mem::take(&mut book.cell_review);
                    if !review.is_empty() {
                        unjoined.entry(member).or_default().insert(year, review);
                    }
                    Box::new(book)
                });
                if let Some(book) = value {
                    years.insert(year, *book);
                    take_cell_review(member, year, years.get_mut(&year), unjoined);
                }
                Edit::Year {
                    member,
                    year,
                    value: old,
                }
            }
            inside => inside.apply_in_year(notebooks),
        }
    }

    /// `apply` for the edits inside one year book.
    fn apply_in_year(self, notebooks: &mut BTreeMap<MemberId, Arc<Notebook>>) -> Edit {
        let (Some(member), (_, _, Some(year), _, _)) = (self.member(), self.slot()) else {
            return self;
        };
        let Some(book) = year_mut(notebooks, member, year) else {
            return self;
        };
        use std::mem::replace;
        match self {
            Edit::YearHeader {
                theme_id,
                registration,
                ..
            } => Edit::YearHeader {
                member,
                year,
                theme_id: replace(&mut book.theme_id, theme_id),
                registration: replace(&mut book.registration, registration),
            },
            Edit::Commitment { id, value, .. } => {
                let c = &mut book.commitments;
                let value = put_sorted(c, |c| c.id == id, value, Commitment::sort_key);
                Edit::Commitment {
                    member,
                    year,
                    id,
                    value,
                }
            }
            Edit::Progress { key, value, .. } => {
                let p = &mut book.progress;
                let value = put_sorted(p, |p| p.sort_key() == key, value, ProgressRecord::sort_key);
                Edit::Progress {
                    member,
                    year,
                    key,
                    value,
                }
            }
            Edit::Entry { id, value, .. } => {
                let value = put_sorted(&mut book.entries, |e| e.id == id, value, Entry::sort_key);
                Edit::Entry {
                    member,
                    year,
                    id,
                    value,
                }
            }
            Edit::SelfReview { value, .. } => Edit::SelfReview {
                member,
                year,
                value: replace(&mut book.self_review, value),
            },
            Edit::Remark { id, value, .. } => {
                let r = &mut book.cell_review.remarks;
                let value = put_sorted(r, |r| r.id == id, value, Remark::sort_key);
                Edit::Remark {
                    member,
                    year,
                    id,
                    value,
                }
            }
            Edit::Decision { value, .. } => Edit::Decision {
                member,
                year,
                value: replace(&mut book.cell_review.decision, value),
            },
            // Handled by `apply`; a year edit never reaches here.
            whole @ (Edit::Settings { .. }
            | Edit::Meeting { .. }
            | Edit::Received { .. }
            | Edit::Notebook { .. }
            | Edit::Profile { .. }
            | Edit::Year { .. }) => whole,
        }
    }
}

/// Moves a removed notebook's cell parts to `unjoined`.
fn leave_cell_part(
    member: MemberId,
    mut nb: Arc<Notebook>,
    unjoined: &mut BTreeMap<MemberId, BTreeMap<Year, CellReview>>,
) -> Arc<Notebook> {
    if nb.years.values().all(|b| b.cell_review.is_empty()) {
        return nb;
    }
    let parts = unjoined.entry(member).or_default();
    for (year, book) in &mut Arc::make_mut(&mut nb).years {
        let review = std::mem::take(&mut book.cell_review);
        if !review.is_empty() {
            parts.insert(*year, review);
        }
    }
    nb
}

/// Gives a year that came back the cell's part kept for it, if its own is
/// empty.
fn take_cell_review(
    member: MemberId,
    year: Year,
    book: Option<&mut YearBook>,
    unjoined: &mut BTreeMap<MemberId, BTreeMap<Year, CellReview>>,
) {
    let Some(book) = book.filter(|b| b.cell_review.is_empty()) else {
        return;
    };
    let Some(parts) = unjoined.get_mut(&member) else {
        return;
    };
    if let Some(review) = parts.remove(&year) {
        book.cell_review = review;
    }
    if parts.is_empty() {
        unjoined.remove(&member);
    }
}

fn year_mut(
    notebooks: &mut BTreeMap<MemberId, Arc<Notebook>>,
    member: MemberId,
    year: Year,
) -> Option<&mut YearBook> {
    Arc::make_mut(notebooks.get_mut(&member)?)
        .years
        .get_mut(&year)
}

/// Replaces (or removes, or inserts) the record matching `is_it` in a vector
/// kept sorted by `key`, and returns the record that was there.
fn put_sorted<T, K: Ord>(
    items: &mut Vec<T>,
    is_it: impl Fn(&T) -> bool,
    value: Option<T>,
    key: impl Fn(&T) -> K,
) -> Option<T> {
    let old = items.iter().position(&is_it).map(|i| items.remove(i));
    if let Some(new) = value {
        let k = key(&new);
        let at = items.partition_point(|item| key(item) < k);
        items.insert(at, new);
    }
    old
}
