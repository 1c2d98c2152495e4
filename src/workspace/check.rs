//! The checks every action shares: texts, years, dates, periods and scores.
//! What belongs to one kind of record (a commitment's fields, say) is
//! checked beside its plan, in `plan/`.

use super::ActionError;
use super::field::Field;
use crate::model::{Date, Period, Score, Year};

/// The longest text one field may hold, in characters (about 60 typed pages):
/// enough for any real entry, small enough that a pasted file cannot make the
/// notebook unusable.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// The most votes one level may get at a meeting: more than any cell has
/// members.
pub const MAX_VOTES: u32 = 10_000;

/// The most lines a list of a record (absences, guests) may hold.
pub const MAX_LIST: usize = 1_000;

/// The first year a notebook may be kept for (the Party was founded in 1930).
pub const FIRST_YEAR: Year = 1930;

/// The last year a notebook may be kept for: far enough for any real use,
/// near enough that every date of the year and the next can be built.
pub const LAST_YEAR: Year = 2200;

/// Refuses an empty text where one is required, a NUL character, and a
/// text over `MAX_TEXT_CHARS`.
pub(crate) fn text(field: Field, text: &str, required: bool) -> Result<(), ActionError> {
    if required && text.trim().is_empty() {
        return Err(ActionError::EmptyText(field));
    }
    if text.contains('\0') {
        return Err(ActionError::NulInText(field));
    }
    // Counting chars is only needed when the byte length could be over.
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        return Err(ActionError::TextTooLong(field));
    }
    Ok(())
}

/// Refuses a year outside `FIRST_YEAR..=LAST_YEAR`.
pub(crate) fn year(year: Year) -> Result<(), ActionError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(ActionError::YearOutOfRange(year))
    }
}

/// Refuses a month, quarter or half out of its range.
pub(crate) fn period(period: Period) -> Result<(), ActionError> {
    if period.is_valid() {
        Ok(())
    } else {
        Err(ActionError::InvalidPeriod)
    }
}

/// Refuses a date outside the year.
pub(crate) fn date_in_year(
    field: Field,
    date: Option<Date>,
    year: Year,
) -> Result<(), ActionError> {
    match date {
        Some(d) if d.year() != year => Err(ActionError::DateOutsideYear { field, year }),
        _ => Ok(()),
    }
}

/// Year-end papers are often signed in January of the next year.
pub(crate) fn date_in_year_or_next(
    field: Field,
    date: Option<Date>,
    year: Year,
) -> Result<(), ActionError> {
    match date {
        Some(d) if d.year() != year && Some(d.year()) != year.checked_add(1) => {
            Err(ActionError::DateOutsideYear { field, year })
        }
        _ => Ok(()),
    }
}

/// Refuses a date before the year: a record of the year may be written
/// late (a notebook caught up afterwards, the demo's past year), never
/// before the year begins.
pub(crate) fn date_from_year(field: Field, date: Date, year: Year) -> Result<(), ActionError> {
    if date.year() < year {
        Err(ActionError::DateBeforeYear { field, year })
    } else {
        Ok(())
    }
}

/// Refuses a score where the year's rules give none, or above the scale.
pub(crate) fn score(score: Option<Score>, year: Year) -> Result<(), ActionError> {
    let Some(score) = score else { return Ok(()) };
    match crate::themes::rules_for(year).points {
        Some(p) if score.general <= p.general_max && score.tasks <= p.tasks_max => Ok(()),
        _ => Err(ActionError::BadScore(year)),
    }
}
