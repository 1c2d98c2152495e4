//! What a user can do to the data, as values (DESIGN.md: "one way for a
//! change to travel"), and the dispatch of each to its plan in `plan/`.

use uuid::Uuid;

use super::edit::Edit;
use super::plan::{self, YearAt};
use super::{ActionError, Reason, WorkspaceData, check};
use crate::exchange::{Exchange, RecordKey};
use crate::model::{
    CellDecision, Commitment, Date, Entry, Meeting, MemberId, Period, Profile, ProgressRecord,
    Remark, Role, SelfReview, Settings, Theme, Year,
};

/// Every change a member or a secretary can make to the notebooks and to
/// the workspace's settings.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Đổi cài đặt: the whole new settings; undo puts the old ones back.
    ChangeSettings { settings: Settings },
    /// Lưu chuyên đề của người dùng: adds the theme, or replaces the user's
    /// theme with the same id, and when `use_for` names a member's year
    /// (which must exist) ties that year to it, all in one undo step.
    SaveUserTheme {
        theme: Theme,
        use_for: Option<(MemberId, Year)>,
    },
    /// Lập sổ mới: a new member's notebook.
    CreateNotebook { id: MemberId, profile: Profile },
    /// Xóa sổ của một đảng viên.
    RemoveNotebook { member: MemberId },
    /// Sửa lý lịch.
    SetProfile { member: MemberId, profile: Profile },
    /// Mở sổ năm mới, tied to a study theme.
    StartYear {
        member: MemberId,
        year: Year,
        theme_id: String,
    },
    /// Xóa cả sổ của một năm.
    RemoveYear { member: MemberId, year: Year },
    /// Chọn chuyên đề của năm.
    SetYearTheme {
        member: MemberId,
        year: Year,
        theme_id: String,
    },
    /// Ghi ngày đăng ký cam kết.
    SetRegistrationDate {
        member: MemberId,
        year: Year,
        date: Option<Date>,
    },
    /// Thêm cam kết; it goes to the end of its area, whatever `order` says.
    AddCommitment {
        member: MemberId,
        year: Year,
        commitment: Commitment,
    },
    /// Sửa cam kết (matched by id).
    EditCommitment {
        member: MemberId,
        year: Year,
        commitment: Commitment,
    },
    /// Xóa cam kết, with its progress records.
    RemoveCommitment {
        member: MemberId,
        year: Year,
        id: Uuid,
    },
    /// Đổi thứ tự: move a commitment to `position` (0-based) within its area.
    MoveCommitment {
        member: MemberId,
        year: Year,
        id: Uuid,
        position: usize,
    },
    /// Ghi kết quả thực hiện of one commitment in one period.
    SetProgress {
        member: MemberId,
        year: Year,
        record: ProgressRecord,
    },
    /// Xóa kết quả of one commitment in one period.
    ClearProgress {
        member: MemberId,
        year: Year,
        commitment: Uuid,
        period: Period,
    },
    /// Thêm ghi chép.
    AddEntry {
        member: MemberId,
        year: Year,
        entry: Entry,
    },
    /// Sửa ghi chép (matched by id).
    EditEntry {
        member: MemberId,
        year: Year,
        entry: Entry,
    },
    /// Xóa ghi chép.
    RemoveEntry {
        member: MemberId,
        year: Year,
        id: Uuid,
    },
    /// Viết (or rewrite) the year-end self-review.
    SetSelfReview {
        member: MemberId,
        year: Year,
        review: SelfReview,
    },
    /// Chi bộ thêm nhận xét.
    AddRemark {
        member: MemberId,
        year: Year,
        remark: Remark,
    },
    /// Chi bộ sửa nhận xét (matched by id).
    EditRemark {
        member: MemberId,
        year: Year,
        remark: Remark,
    },
    /// Chi bộ xóa nhận xét.
    RemoveRemark {
        member: MemberId,
        year: Year,
        id: Uuid,
    },
    /// Chi bộ xếp loại và ký xác nhận.
    SetCellDecision {
        member: MemberId,
        year: Year,
        decision: CellDecision,
    },
    /// Chi bộ ghi (or rewrites) the record of the year-end meeting.
    SetMeeting { year: Year, meeting: Meeting },
    /// Chi bộ xóa biên bản họp of a year.
    RemoveMeeting { year: Year },
    /// Nhận tệp trao đổi: merges the other side's part from a checked
    /// exchange file (`file` names it), as one undo step.
    Import {
        exchange: Box<Exchange>,
        file: String,
    },
    /// Settles a record that differs on both sides after an import: keep
    /// this side's version, or take the one the file brought.
    SettleConflict {
        side: Role,
        member: MemberId,
        key: RecordKey,
        take_theirs: bool,
    },
}

impl Action {
    /// The member whose notebook the action changes; none for a change of
    /// the settings alone.
    pub fn member(&self) -> Option<MemberId> {
        match self {
            Action::ChangeSettings { .. }
            | Action::SetMeeting { .. }
            | Action::RemoveMeeting { .. }
            | Action::Import { .. } => None,
            Action::SettleConflict { member, .. } => Some(*member),
            Action::SaveUserTheme { use_for, .. } => use_for.map(|(member, _)| member),
            Action::CreateNotebook { id, .. } => Some(*id),
            Action::RemoveNotebook { member }
            | Action::SetProfile { member, .. }
            | Action::StartYear { member, .. }
            | Action::RemoveYear { member, .. }
            | Action::SetYearTheme { member, .. }
            | Action::SetRegistrationDate { member, .. }
            | Action::AddCommitment { member, .. }
            | Action::EditCommitment { member, .. }
            | Action::RemoveCommitment { member, .. }
            | Action::MoveCommitment { member, .. }
            | Action::SetProgress { member, .. }
            | Action::ClearProgress { member, .. }
            | Action::AddEntry { member, .. }
            | Action::EditEntry { member, .. }
            | Action::RemoveEntry { member, .. }
            | Action::SetSelfReview { member, .. }
            | Action::AddRemark { member, .. }
            | Action::EditRemark { member, .. }
            | Action::RemoveRemark { member, .. }
            | Action::SetCellDecision { member, .. } => Some(*member),
        }
    }

    /// Who owns what the action changes (DESIGN.md, "Ownership"): the
    /// member (profile, years, commitments, progress, entries,
    /// self-review), the cell (remarks, the cell's decision), or neither
    /// (settings, the user's themes, which notebooks the workspace holds).
    pub fn owner(&self) -> Option<Role> {
        match self {
            // An import takes the other side's part, whichever side this is
            // (`exchange::plan_import` refuses this side's own kind).
            Action::ChangeSettings { .. }
            | Action::CreateNotebook { .. }
            | Action::RemoveNotebook { .. }
            | Action::Import { .. }
            | Action::SettleConflict { .. } => None,
            // Tying a year to a theme is the member's choice of the year.
            Action::SaveUserTheme { use_for, .. } => use_for.map(|_| Role::Member),
            Action::SetProfile { .. }
            | Action::StartYear { .. }
            | Action::RemoveYear { .. }
            | Action::SetYearTheme { .. }
            | Action::SetRegistrationDate { .. }
            | Action::AddCommitment { .. }
            | Action::EditCommitment { .. }
            | Action::RemoveCommitment { .. }
            | Action::MoveCommitment { .. }
            | Action::SetProgress { .. }
            | Action::ClearProgress { .. }
            | Action::AddEntry { .. }
            | Action::EditEntry { .. }
            | Action::RemoveEntry { .. }
            | Action::SetSelfReview { .. } => Some(Role::Member),
            Action::AddRemark { .. }
            | Action::EditRemark { .. }
            | Action::RemoveRemark { .. }
            | Action::SetCellDecision { .. }
            | Action::SetMeeting { .. }
            | Action::RemoveMeeting { .. } => Some(Role::Secretary),
        }
    }

    /// The year of the member's notebook the action changes, if it names one.
    pub fn year(&self) -> Option<Year> {
        match self {
            Action::ChangeSettings { .. }
            | Action::CreateNotebook { .. }
            | Action::RemoveNotebook { .. }
            | Action::SetProfile { .. }
            | Action::Import { .. }
            | Action::SettleConflict { .. } => None,
            Action::SaveUserTheme { use_for, .. } => use_for.map(|(_, year)| year),
            Action::StartYear { year, .. }
            | Action::RemoveYear { year, .. }
            | Action::SetYearTheme { year, .. }
            | Action::SetRegistrationDate { year, .. }
            | Action::AddCommitment { year, .. }
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
            | Action::RemoveRemark { year, .. }
            | Action::SetCellDecision { year, .. }
            | Action::SetMeeting { year, .. }
            | Action::RemoveMeeting { year } => Some(*year),
        }
    }

    /// Checks the action against the data and returns the edits that carry
    /// it out. Text must already be in NFC.
    pub(crate) fn plan(&self, data: &WorkspaceData) -> Result<Vec<Edit>, ActionError> {
        use plan::{cell, commitments, entries, notebook, self_review, settings};
        // First, so that no later step builds a date from a wild year.
        if let Some(year) = self.year() {
            check::year(year)?;
        }
        // The year book an action inside one year works on.
        let at = || match (self.member(), self.year()) {
            (Some(member), Some(year)) => YearAt::find(data, member, year),
            // Only called for actions that name both.
            _ => Err(ActionError::UnknownMember),
        };
        match self {
            Action::ChangeSettings { settings: s } => settings::change(data, s),
            Action::SaveUserTheme { theme, use_for } => settings::save_theme(data, theme, *use_for),
            Action::CreateNotebook { id, profile } => notebook::create(data, *id, profile),
            Action::RemoveNotebook { member } => notebook::remove(data, *member),
            Action::SetProfile { member, profile } => notebook::set_profile(data, *member, profile),
            Action::StartYear {
                member,
                year,
                theme_id,
            } => notebook::start_year(data, *member, *year, theme_id),
            Action::RemoveYear { .. } => notebook::remove_year(at()?),
            Action::SetYearTheme { theme_id, .. } => notebook::set_theme(at()?, theme_id),
            Action::SetRegistrationDate { date, .. } => {
                notebook::set_registration_date(at()?, *date)
            }
            Action::AddCommitment { commitment, .. } => commitments::add(at()?, commitment),
            Action::EditCommitment { commitment, .. } => commitments::edit(at()?, commitment),
            Action::RemoveCommitment { id, .. } => commitments::remove(at()?, *id),
            Action::MoveCommitment { id, position, .. } => {
                commitments::reorder(at()?, *id, *position)
            }
            Action::SetProgress { record, .. } => commitments::set_progress(at()?, record),
            Action::ClearProgress {
                commitment, period, ..
            } => commitments::clear_progress(at()?, *commitment, *period),
            Action::AddEntry { entry, .. } => entries::add(at()?, entry),
            Action::EditEntry { entry, .. } => entries::edit(at()?, entry),
            Action::RemoveEntry { id, .. } => entries::remove(at()?, *id),
            Action::SetSelfReview { review, .. } => self_review::set(at()?, review),
            Action::AddRemark { remark, .. } => cell::add_remark(at()?, remark),
            Action::EditRemark { remark, .. } => cell::edit_remark(at()?, remark),
            Action::RemoveRemark { id, .. } => cell::remove_remark(at()?, *id),
            Action::SetCellDecision { decision, .. } => cell::set_decision(at()?, decision),
            Action::SetMeeting { year, meeting } => cell::set_meeting(data, *year, meeting),
            Action::RemoveMeeting { year } => cell::remove_meeting(data, *year),
            Action::Import { exchange, file } => {
                crate::exchange::plan_import(data, data.settings.role, exchange, file)
                    .map(|plan| plan.edits)
                    .map_err(|why| {
                        ActionError::Refused(Reason::new(
                            why.to_message(std::path::Path::new(file)),
                        ))
                    })
            }
            Action::SettleConflict {
                side,
                member,
                key,
                take_theirs,
            } => crate::exchange::settle_conflict(data, *side, *member, *key, *take_theirs),
        }
    }
}
