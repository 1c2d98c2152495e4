//! Plans for the free entries of the notebook (ghi chép).

use uuid::Uuid;

use super::YearAt;
use crate::model::Entry;
use crate::workspace::edit::Edit;
use crate::workspace::field::Field;
use crate::workspace::{ActionError, check};

pub(crate) fn add(at: YearAt, entry: &Entry) -> Result<Vec<Edit>, ActionError> {
    if at.book.entry(entry.id).is_some() {
        return Err(ActionError::DuplicateId);
    }
    check_entry(at, entry)?;
    let mut e = entry.clone();
    e.revision = 1;
    Ok(vec![entry_edit(at, e)])
}

pub(crate) fn edit(at: YearAt, entry: &Entry) -> Result<Vec<Edit>, ActionError> {
    let old = at.book.entry(entry.id).ok_or(ActionError::UnknownEntry)?;
    check_entry(at, entry)?;
    let mut e = entry.clone();
    e.revision = old.revision + 1;
    Ok(vec![entry_edit(at, e)])
}

pub(crate) fn remove(at: YearAt, id: Uuid) -> Result<Vec<Edit>, ActionError> {
    at.book.entry(id).ok_or(ActionError::UnknownEntry)?;
    Ok(vec![Edit::Entry {
        member: at.member,
        year: at.year,
        id,
        value: None,
    }])
}

/// The title is required, the date inside the year, and every commitment
/// the entry is evidence for must exist.
fn check_entry(at: YearAt, e: &Entry) -> Result<(), ActionError> {
    check::text(Field::EntryTitle, &e.title, true)?;
    check::text(Field::EntryText, &e.text, false)?;
    check::date_in_year(Field::EntryDate, Some(e.date), at.year)?;
    if e.commitments
        .iter()
        .any(|id| at.book.commitment(*id).is_none())
    {
        return Err(ActionError::UnknownCommitment);
    }
    Ok(())
}

fn entry_edit(at: YearAt, e: Entry) -> Edit {
    Edit::Entry {
        member: at.member,
        year: at.year,
        id: e.id,
        value: Some(e),
    }
}
