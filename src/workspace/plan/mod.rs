//! How each action is checked against the data and turned into edits: one
//! module per part of the notebook, and one for the settings.
//!
//! A plan only reads the data; `Workspace` applies the edits it returns.
//! Revision numbers and positions are set here, never taken from the
//! action, so a view cannot forge them.

pub(super) mod cell;
pub(super) mod commitments;
pub(super) mod entries;
pub(super) mod notebook;
pub(super) mod self_review;
pub(super) mod settings;

use super::{ActionError, WorkspaceData};
use crate::model::{MemberId, Notebook, Year, YearBook};

/// One member's book of one year, as the plans inside a year see it.
#[derive(Clone, Copy)]
pub(super) struct YearAt<'a> {
    pub member: MemberId,
    pub year: Year,
    pub book: &'a YearBook,
}

impl<'a> YearAt<'a> {
    /// The year book, or why there is none.
    pub fn find(
        data: &'a WorkspaceData,
        member: MemberId,
        year: Year,
    ) -> Result<YearAt<'a>, ActionError> {
        let book = notebook(data, member)?
            .years
            .get(&year)
            .ok_or(ActionError::UnknownYear(year))?;
        Ok(YearAt { member, year, book })
    }
}

/// A member's notebook, or why there is none.
pub(super) fn notebook(data: &WorkspaceData, member: MemberId) -> Result<&Notebook, ActionError> {
    data.notebooks
        .get(&member)
        .map(AsRef::as_ref)
        .ok_or(ActionError::UnknownMember)
}
