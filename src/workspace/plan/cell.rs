//! Plans for the cell's part of a member's year: remarks and the final
//! decision (xếp loại, ký xác nhận).

use uuid::Uuid;

use super::YearAt;
use crate::model::{CellDecision, Meeting, Remark, Year};
use crate::workspace::edit::Edit;
use crate::workspace::field::Field;
use crate::workspace::{ActionError, WorkspaceData, check};

pub(crate) fn add_remark(at: YearAt, remark: &Remark) -> Result<Vec<Edit>, ActionError> {
    if find_remark(at, remark.id).is_some() {
        return Err(ActionError::DuplicateId);
    }
    check_remark(at, remark)?;
    let mut r = remark.clone();
    r.revision = 1;
    Ok(vec![remark_edit(at, r)])
}

pub(crate) fn edit_remark(at: YearAt, remark: &Remark) -> Result<Vec<Edit>, ActionError> {
    let old = find_remark(at, remark.id).ok_or(ActionError::UnknownRemark)?;
    check_remark(at, remark)?;
    let mut r = remark.clone();
    r.revision = old.revision + 1;
    Ok(vec![remark_edit(at, r)])
}

pub(crate) fn remove_remark(at: YearAt, id: Uuid) -> Result<Vec<Edit>, ActionError> {
    find_remark(at, id).ok_or(ActionError::UnknownRemark)?;
    Ok(vec![Edit::Remark {
        member: at.member,
        year: at.year,
        id,
        value: None,
    }])
}

/// Records the cell's proposed level, the committee's decision and the
/// signature; dated in the year or the one after it, and scored only where
/// the year's rules use points.
pub(crate) fn set_decision(at: YearAt, decision: &CellDecision) -> Result<Vec<Edit>, ActionError> {
    check::text(Field::SecretaryName, &decision.secretary, false)?;
    check::date_in_year_or_next(Field::SignedOn, decision.signed_on, at.year)?;
    check::text(Field::DecisionNumber, &decision.decision_number, false)?;
    check::date_in_year_or_next(Field::DecidedOn, decision.decided_on, at.year)?;
    check::score(decision.score, at.year)?;
    check::text(Field::MeetingComments, &decision.comments, false)?;
    for text in decision.assessment.values() {
        check::text(Field::Assessment, text, false)?;
    }
    if decision.assessment.len() > check::MAX_LIST {
        return Err(ActionError::TooManyEntries(Field::Assessment));
    }
    if decision.votes.values().any(|&n| n > check::MAX_VOTES) {
        return Err(ActionError::TooManyVotes);
    }
    let mut d = decision.clone();
    d.assessment.retain(|_, text| !text.trim().is_empty());
    d.votes.retain(|_, n| *n > 0);
    d.revision = at.book.cell_review.decision.revision + 1;
    Ok(vec![Edit::Decision {
        member: at.member,
        year: at.year,
        value: d,
    }])
}

/// Records the year-end meeting: its date in the year or the next (the
/// meeting is often held in January), its texts within the limits, each
/// absence and guest named.
pub(crate) fn set_meeting(
    data: &WorkspaceData,
    year: Year,
    meeting: &Meeting,
) -> Result<Vec<Edit>, ActionError> {
    check::date_in_year_or_next(Field::MeetingDate, meeting.date, year)?;
    for (field, text) in [
        (Field::MeetingTime, &meeting.starts_at),
        (Field::MeetingTime, &meeting.ends_at),
        (Field::MeetingPlace, &meeting.place),
        (Field::Chair, &meeting.chair),
        (Field::MinuteTaker, &meeting.minute_taker),
        (Field::Proceedings, &meeting.proceedings),
        (Field::Conclusion, &meeting.conclusion),
    ] {
        check::text(field, text, false)?;
    }
    if meeting.absent.len() > check::MAX_LIST {
        return Err(ActionError::TooManyEntries(Field::AbsentName));
    }
    if meeting.guests.len() > check::MAX_LIST {
        return Err(ActionError::TooManyEntries(Field::GuestName));
    }
    for a in &meeting.absent {
        check::text(Field::AbsentName, &a.name, true)?;
        check::text(Field::AbsenceReason, &a.reason, false)?;
    }
    for g in &meeting.guests {
        check::text(Field::GuestName, &g.name, true)?;
        check::text(Field::GuestPost, &g.post, false)?;
    }
    let mut m = meeting.clone();
    m.revision = data.meetings.get(&year).map_or(0, |old| old.revision) + 1;
    Ok(vec![Edit::Meeting {
        year,
        value: Some(Box::new(m)),
    }])
}

pub(crate) fn remove_meeting(data: &WorkspaceData, year: Year) -> Result<Vec<Edit>, ActionError> {
    if !data.meetings.contains_key(&year) {
        return Err(ActionError::UnknownMeeting(year));
    }
    Ok(vec![Edit::Meeting { year, value: None }])
}

/// The text is required, the period in range, the date in the year or
/// the next (remarks on the last quarter come after it), and a commitment
/// it names must exist.
fn check_remark(at: YearAt, r: &Remark) -> Result<(), ActionError> {
    check::text(Field::RemarkText, &r.text, true)?;
    check::text(Field::RemarkAuthor, &r.author, false)?;
    check::period(r.period)?;
    check::date_in_year_or_next(Field::RemarkDate, Some(r.date), at.year)?;
    if let Some(id) = r.commitment {
        at.book
            .commitment(id)
            .ok_or(ActionError::UnknownCommitment)?;
    }
    Ok(())
}

fn find_remark(at: YearAt<'_>, id: Uuid) -> Option<&Remark> {
    at.book.cell_review.remarks.iter().find(|r| r.id == id)
}

fn remark_edit(at: YearAt, r: Remark) -> Edit {
    Edit::Remark {
        member: at.member,
        year: at.year,
        id: r.id,
        value: Some(r),
    }
}
