//! The plan for the member's year-end self-review (bản tự kiểm điểm).

use super::YearAt;
use crate::model::SelfReview;
use crate::workspace::edit::Edit;
use crate::workspace::field::Field;
use crate::workspace::{ActionError, check};

/// Writes or rewrites the self-review; it may be dated in January of the
/// next year, and scored only where the year's rules use points.
pub(crate) fn set(at: YearAt, review: &SelfReview) -> Result<Vec<Edit>, ActionError> {
    check::text(Field::SelfReviewText, &review.form, false)?;
    for (key, answer) in &review.answers {
        check::text(Field::SelfReviewText, key, false)?;
        check::text(field_of(key), &answer.text, false)?;
    }
    for key in &review.declared {
        check::text(Field::SelfReviewText, key, false)?;
    }
    check::date_in_year_or_next(Field::ReviewDate, review.written_on, at.year)?;
    check::score(review.score, at.year)?;
    let mut r = review.clone();
    r.revision = at
        .book
        .self_review
        .as_ref()
        .map_or(1, |old| old.revision + 1);
    Ok(vec![Edit::SelfReview {
        member: at.member,
        year: at.year,
        value: Some(r),
    }])
}

/// The field an answer's errors name: the sections that had fields of
/// their own before the forms, else the self-review's text.
fn field_of(key: &str) -> Field {
    match key {
        "strengths" => Field::Strengths,
        "shortcomings" => Field::Shortcomings,
        "remedies" => Field::Remedies,
        "commitments" => Field::CommitmentsKept,
        _ => Field::SelfReviewText,
    }
}
