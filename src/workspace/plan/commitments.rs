//! Plans for the registered commitments and the progress recorded on them.

use uuid::Uuid;

use super::YearAt;
use crate::model::{Area, Commitment, Period, ProgressRecord, YearBook};
use crate::workspace::edit::Edit;
use crate::workspace::field::Field;
use crate::workspace::{ActionError, check};

/// Adds a commitment at the end of its area, whatever its `order` says.
pub(crate) fn add(at: YearAt, commitment: &Commitment) -> Result<Vec<Edit>, ActionError> {
    if at.book.commitment(commitment.id).is_some() {
        return Err(ActionError::DuplicateId);
    }
    check_commitment(at, commitment)?;
    let mut c = commitment.clone();
    c.order = next_order(at.book, c.area);
    c.revision = 1;
    Ok(vec![commitment_edit(at, c)])
}

/// Rewrites a commitment; one moved to another area goes to its end.
pub(crate) fn edit(at: YearAt, commitment: &Commitment) -> Result<Vec<Edit>, ActionError> {
    let old = at
        .book
        .commitment(commitment.id)
        .ok_or(ActionError::UnknownCommitment)?;
    check_commitment(at, commitment)?;
    let mut c = commitment.clone();
    c.order = if c.area == old.area {
        old.order
    } else {
        next_order(at.book, c.area)
    };
    c.revision = old.revision + 1;
    Ok(vec![commitment_edit(at, c)])
}

/// Removes a commitment with every progress record on it.
pub(crate) fn remove(at: YearAt, id: Uuid) -> Result<Vec<Edit>, ActionError> {
    at.book
        .commitment(id)
        .ok_or(ActionError::UnknownCommitment)?;
    let mut edits: Vec<Edit> = at
        .book
        .progress
        .iter()
        .filter(|p| p.commitment == id)
        .map(|p| progress_edit(at, p.sort_key(), None))
        .collect();
    edits.push(Edit::Commitment {
        member: at.member,
        year: at.year,
        id,
        value: None,
    });
    Ok(edits)
}

/// Moves a commitment to `position` (0-based) within its area, renumbering
/// only the commitments whose place changes.
pub(crate) fn reorder(at: YearAt, id: Uuid, position: usize) -> Result<Vec<Edit>, ActionError> {
    let moved = at
        .book
        .commitment(id)
        .ok_or(ActionError::UnknownCommitment)?;
    let mut area: Vec<&Commitment> = at
        .book
        .commitments
        .iter()
        .filter(|c| c.area == moved.area && c.id != id)
        .collect();
    area.insert(position.min(area.len()), moved);
    Ok(area
        .into_iter()
        .zip(0u32..)
        .filter(|(c, order)| c.order != *order)
        .map(|(c, order)| {
            let mut c = c.clone();
            c.order = order;
            c.revision += 1;
            commitment_edit(at, c)
        })
        .collect())
}

pub(crate) fn set_progress(at: YearAt, record: &ProgressRecord) -> Result<Vec<Edit>, ActionError> {
    at.book
        .commitment(record.commitment)
        .ok_or(ActionError::UnknownCommitment)?;
    check::period(record.period)?;
    check::text(Field::Result, &record.result, false)?;
    check::text(Field::Evidence, &record.evidence, false)?;
    check::date_from_year(Field::ProgressDate, record.written_on, at.year)?;
    let mut r = record.clone();
    r.revision = at
        .book
        .progress_for(r.commitment, r.period)
        .map_or(1, |old| old.revision + 1);
    Ok(vec![progress_edit(at, r.sort_key(), Some(r))])
}

pub(crate) fn clear_progress(
    at: YearAt,
    commitment: Uuid,
    period: Period,
) -> Result<Vec<Edit>, ActionError> {
    at.book
        .commitment(commitment)
        .ok_or(ActionError::UnknownCommitment)?;
    check::period(period)?;
    Ok(vec![progress_edit(at, (commitment, period), None)])
}

fn check_commitment(at: YearAt, c: &Commitment) -> Result<(), ActionError> {
    check::text(Field::CommitmentContent, &c.content, true)?;
    check::text(Field::Measures, &c.measures, false)?;
    check::text(Field::Product, &c.product, false)?;
    check::date_in_year(Field::Deadline, c.deadline, at.year)
}

fn next_order(book: &YearBook, area: Area) -> u32 {
    book.commitments
        .iter()
        .filter(|c| c.area == area)
        .map(|c| c.order + 1)
        .max()
        .unwrap_or(0)
}

fn commitment_edit(at: YearAt, c: Commitment) -> Edit {
    Edit::Commitment {
        member: at.member,
        year: at.year,
        id: c.id,
        value: Some(c),
    }
}

fn progress_edit(at: YearAt, key: (Uuid, Period), value: Option<ProgressRecord>) -> Edit {
    Edit::Progress {
        member: at.member,
        year: at.year,
        key,
        value,
    }
}
