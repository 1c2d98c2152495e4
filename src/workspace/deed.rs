//! What an undoable step did, in the user's terms: the kind of change and
//! what it touched (a commitment's content, an entry's title, a period), so
//! that undo and redo can say what they took back. Words are the UI's
//! (`i18n`); this is only the data.

use super::{Action, WorkspaceData};
use crate::model::{Period, Year};

/// The kinds of change a user makes, one per kind of `Action`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeedKind {
    Settings,
    Theme,
    CreateNotebook,
    RemoveNotebook,
    Profile,
    StartYear,
    RemoveYear,
    YearTheme,
    RegistrationDate,
    AddCommitment,
    EditCommitment,
    RemoveCommitment,
    MoveCommitment,
    SetProgress,
    ClearProgress,
    AddEntry,
    EditEntry,
    RemoveEntry,
    SelfReview,
    AddRemark,
    EditRemark,
    RemoveRemark,
    CellDecision,
    Meeting,
    RemoveMeeting,
    Import,
    SettleConflict,
}

/// What one step did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deed {
    pub kind: DeedKind,
    /// What it touched, as the user wrote it (a commitment's content, an
    /// entry's title, a member's name), cut short; may be empty.
    pub about: String,
    /// The period of a progress record.
    pub period: Option<Period>,
    pub year: Option<Year>,
}

/// How much of a text names the thing.
const ABOUT_CHARS: usize = 40;

fn short(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(ABOUT_CHARS) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_owned(),
    }
}

impl Deed {
    /// What `action` does to `data` (read before it is applied, so that a
    /// removed commitment can still be named).
    pub fn of(action: &Action, data: &WorkspaceData) -> Deed {
        use DeedKind as K;
        let book = || {
            let (member, year) = (action.member()?, action.year()?);
            data.notebooks.get(&member)?.years.get(&year)
        };
        let commitment = |id| {
            book()
                .and_then(|b| b.commitment(id))
                .map(|c| short(&c.content))
        };
        let entry = |id| book().and_then(|b| b.entry(id)).map(|e| short(&e.title));
        let member = |id| data.notebooks.get(&id).map(|n| short(&n.profile.full_name));
        let (kind, about, period) = match action {
            Action::ChangeSettings { .. } => (K::Settings, None, None),
            Action::SaveUserTheme { theme, .. } => (K::Theme, Some(short(&theme.title)), None),
            Action::CreateNotebook { profile, .. } => {
                (K::CreateNotebook, Some(short(&profile.full_name)), None)
            }
            Action::RemoveNotebook { member: m } => (K::RemoveNotebook, member(*m), None),
            Action::SetProfile { profile, .. } => {
                (K::Profile, Some(short(&profile.full_name)), None)
            }
            Action::StartYear { .. } => (K::StartYear, None, None),
            Action::RemoveYear { .. } => (K::RemoveYear, None, None),
            Action::SetYearTheme { .. } => (K::YearTheme, None, None),
            Action::SetRegistrationDate { .. } => (K::RegistrationDate, None, None),
            Action::AddCommitment { commitment: c, .. } => {
                (K::AddCommitment, Some(short(&c.content)), None)
            }
            Action::EditCommitment { commitment: c, .. } => {
                (K::EditCommitment, Some(short(&c.content)), None)
            }
            Action::RemoveCommitment { id, .. } => (K::RemoveCommitment, commitment(*id), None),
            Action::MoveCommitment { id, .. } => (K::MoveCommitment, commitment(*id), None),
            Action::SetProgress { record, .. } => (
                K::SetProgress,
                commitment(record.commitment),
                Some(record.period),
            ),
            Action::ClearProgress {
                commitment: c,
                period,
                ..
            } => (K::ClearProgress, commitment(*c), Some(*period)),
            Action::AddEntry { entry: e, .. } => (K::AddEntry, Some(short(&e.title)), None),
            Action::EditEntry { entry: e, .. } => (K::EditEntry, Some(short(&e.title)), None),
            Action::RemoveEntry { id, .. } => (K::RemoveEntry, entry(*id), None),
            Action::SetSelfReview { .. } => (K::SelfReview, None, None),
            Action::AddRemark { remark, .. } => (K::AddRemark, Some(short(&remark.text)), None),
            Action::EditRemark { remark, .. } => (K::EditRemark, Some(short(&remark.text)), None),
            Action::RemoveRemark { .. } => (K::RemoveRemark, None, None),
            Action::SetCellDecision { member: m, .. } => (K::CellDecision, member(*m), None),
            Action::SetMeeting { .. } => (K::Meeting, None, None),
            Action::RemoveMeeting { .. } => (K::RemoveMeeting, None, None),
            Action::Import { file, .. } => (K::Import, Some(file.clone()), None),
            Action::SettleConflict { member: m, .. } => (K::SettleConflict, member(*m), None),
        };
        Deed {
            kind,
            about: about.unwrap_or_default(),
            period,
            year: action.year(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_on_a_character() {
        let long = "Tuyên truyền cho gia đình và hàng xóm về khối đại đoàn kết toàn dân tộc";
        let cut = short(long);
        assert!(cut.ends_with('…'));
        assert_eq!(cut.chars().count(), ABOUT_CHARS + 1);
        assert_eq!(short("  Ngắn  "), "Ngắn");
    }
}
