//! The primitive, exact changes an action is made of.
//!
//! Each edit names one slot of the data (a profile, a commitment, a progress
//! cell, …) and the value to put there. Applying an edit returns the edit that
//! puts the old value back, so undo and redo are both just "apply these
//! edits", and both restore the data bit for bit, revision numbers included.

use std::collections::BTreeMap;
use std::sync::Arc;

use uuid::Uuid;

use crate::model::{
    CellDecision, Commitment, Entry, MemberId, Notebook, Period, Profile, ProgressRecord,
    Registration, Remark, SelfReview, Year, YearBook,
};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Edit {
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
}

impl Edit {
    pub(crate) fn member(&self) -> MemberId {
        match self {
            Edit::Notebook { member, .. }
            | Edit::Profile { member, .. }
            | Edit::Year { member, .. }
            | Edit::YearHeader { member, .. }
            | Edit::Commitment { member, .. }
            | Edit::Progress { member, .. }
            | Edit::Entry { member, .. }
            | Edit::SelfReview { member, .. }
            | Edit::Remark { member, .. }
            | Edit::Decision { member, .. } => *member,
        }
    }

    /// Which slot the edit writes: two edits with equal slots overwrite
    /// the same thing.
    pub(crate) fn slot(&self) -> (u8, MemberId, Option<Year>, Option<Uuid>, Option<Period>) {
        match self {
            Edit::Notebook { member, .. } => (0, *member, None, None, None),
            Edit::Profile { member, .. } => (1, *member, None, None, None),
            Edit::Year { member, year, .. } => (2, *member, Some(*year), None, None),
            Edit::YearHeader { member, year, .. } => (3, *member, Some(*year), None, None),
            Edit::Commitment {
                member, year, id, ..
            } => (4, *member, Some(*year), Some(*id), None),
            Edit::Progress {
                member, year, key, ..
            } => (5, *member, Some(*year), Some(key.0), Some(key.1)),
            Edit::Entry {
                member, year, id, ..
            } => (6, *member, Some(*year), Some(*id), None),
            Edit::SelfReview { member, year, .. } => (7, *member, Some(*year), None, None),
            Edit::Remark {
                member, year, id, ..
            } => (8, *member, Some(*year), Some(*id), None),
            Edit::Decision { member, year, .. } => (9, *member, Some(*year), None, None),
        }
    }

    /// Puts the edit's value in its slot and returns the edit that undoes it.
    ///
    /// Actions are validated before their edits are made, so the notebook and
    /// year an edit names exist; should they not, nothing changes and the
    /// returned edit is the same no-op.
    pub(crate) fn apply(self, notebooks: &mut BTreeMap<MemberId, Arc<Notebook>>) -> Edit {
        match self {
            Edit::Notebook { member, value } => {
                let old = match value {
                    Some(nb) => notebooks.insert(member, nb),
                    None => notebooks.remove(&member),
                };
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
                let old = notebooks.get_mut(&member).and_then(|nb| {
                    let years = &mut Arc::make_mut(nb).years;
                    match value {
                        Some(book) => years.insert(year, *book),
                        None => years.remove(&year),
                    }
                });
                Edit::Year {
                    member,
                    year,
                    value: old.map(Box::new),
                }
            }
            Edit::YearHeader {
                member,
                year,
                theme_id,
                registration,
            } => match year_mut(notebooks, member, year) {
                Some(book) => Edit::YearHeader {
                    member,
                    year,
                    theme_id: std::mem::replace(&mut book.theme_id, theme_id),
                    registration: std::mem::replace(&mut book.registration, registration),
                },
                None => Edit::YearHeader {
                    member,
                    year,
                    theme_id,
                    registration,
                },
            },
            Edit::Commitment {
                member,
                year,
                id,
                value,
            } => {
                let old = year_mut(notebooks, member, year).and_then(|book| {
                    put_sorted(
                        &mut book.commitments,
                        |c| c.id == id,
                        value,
                        Commitment::sort_key,
                    )
                });
                Edit::Commitment {
                    member,
                    year,
                    id,
                    value: old,
                }
            }
            Edit::Progress {
                member,
                year,
                key,
                value,
            } => {
                let old = year_mut(notebooks, member, year).and_then(|book| {
                    put_sorted(
                        &mut book.progress,
                        |p| p.sort_key() == key,
                        value,
                        ProgressRecord::sort_key,
                    )
                });
                Edit::Progress {
                    member,
                    year,
                    key,
                    value: old,
                }
            }
            Edit::Entry {
                member,
                year,
                id,
                value,
            } => {
                let old = year_mut(notebooks, member, year).and_then(|book| {
                    put_sorted(&mut book.entries, |e| e.id == id, value, Entry::sort_key)
                });
                Edit::Entry {
                    member,
                    year,
                    id,
                    value: old,
                }
            }
            Edit::SelfReview {
                member,
                year,
                value,
            } => {
                let old = year_mut(notebooks, member, year)
                    .and_then(|book| std::mem::replace(&mut book.self_review, value));
                Edit::SelfReview {
                    member,
                    year,
                    value: old,
                }
            }
            Edit::Remark {
                member,
                year,
                id,
                value,
            } => {
                let old = year_mut(notebooks, member, year).and_then(|book| {
                    put_sorted(
                        &mut book.cell_review.remarks,
                        |r| r.id == id,
                        value,
                        Remark::sort_key,
                    )
                });
                Edit::Remark {
                    member,
                    year,
                    id,
                    value: old,
                }
            }
            Edit::Decision {
                member,
                year,
                value,
            } => match year_mut(notebooks, member, year) {
                Some(book) => Edit::Decision {
                    member,
                    year,
                    value: std::mem::replace(&mut book.cell_review.decision, value),
                },
                None => Edit::Decision {
                    member,
                    year,
                    value,
                },
            },
        }
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
