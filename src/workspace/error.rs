//! Why an action was refused (`ActionError`), in Vietnamese and English.
//!
//! The words live here, beside the variants, until the one translation
//! table takes them; the fields they name are in `field.rs`.

use std::fmt;

use super::check::{FIRST_YEAR, LAST_YEAR, MAX_TEXT_CHARS};
use super::field::{Field, Reason};
use crate::model::{Language, Role, Year};

/// Why an action was refused; `Display` gives the Vietnamese message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionError {
    ReadOnly(Reason),
    /// The action changes the other side's part: in this role (the
    /// workspace's), the record belongs to the member or to the cell.
    NotYourPart(Role),
    UnknownMember,
    NotebookExists,
    UnknownYear(Year),
    YearExists(Year),
    /// A year outside `FIRST_YEAR..=LAST_YEAR`.
    YearOutOfRange(Year),
    UnknownCommitment,
    UnknownEntry,
    UnknownRemark,
    DuplicateId,
    EmptyText(Field),
    TextTooLong(Field),
    /// A NUL character (code 0) inside a text: no editor shows it, and
    /// many tools cut the text there.
    NulInText(Field),
    DateOutsideYear {
        field: Field,
        year: Year,
    },
    /// A date before the year it belongs to (records may be written late,
    /// never early).
    DateBeforeYear {
        field: Field,
        year: Year,
    },
    /// A month, quarter or half out of its range (`Quarter(0)`, `Month(13)`).
    InvalidPeriod,
    /// A score where the year's rules give none, or above the scale.
    BadScore(Year),
    /// A study theme whose years are outside the allowed range or reversed.
    ThemeYears,
}

impl ActionError {
    /// The refusal in the interface's language.
    pub fn message(&self, language: Language) -> String {
        let vi = language == Language::Vietnamese;
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            ActionError::ReadOnly(why) => {
                let why = why.get(language);
                pick(
                    format!("Không sửa được: {why}"),
                    format!("Cannot change it: {why}"),
                )
            }
            ActionError::NotYourPart(Role::Secretary) => pick(
                "Bí thư chi bộ không sửa phần của đảng viên (lý lịch, sổ năm, cam kết, kết quả, ghi chép, bản tự kiểm điểm); chỉ ghi nhận xét, xếp loại và ký xác nhận. Muốn sửa sổ của mình, hãy chuyển sang vai trò đảng viên (menu Xem).".into(),
                "The cell secretary cannot change the member's own part (profile, years, commitments, results, entries, self-review); only remarks, levels and the sign-off. To edit your own notebook, switch to the member role (View menu).".into(),
            ),
            ActionError::NotYourPart(Role::Member) => pick(
                "Đảng viên không sửa phần của chi bộ (nhận xét, xếp loại, ký xác nhận). Bí thư chi bộ ghi phần này ở vai trò bí thư (menu Xem).".into(),
                "A member cannot change the cell's part (remarks, levels, sign-off). The cell secretary writes it in the secretary role (View menu).".into(),
            ),
            ActionError::UnknownMember => pick(
                "Không tìm thấy sổ của đảng viên này.".into(),
                "This member's notebook was not found.".into(),
            ),
            ActionError::NotebookExists => pick(
                "Sổ này đã có trong danh sách.".into(),
                "This notebook is already in the list.".into(),
            ),
            ActionError::UnknownYear(y) => pick(
                format!("Chưa mở sổ năm {y}."),
                format!("The {y} notebook has not been started."),
            ),
            ActionError::YearExists(y) => pick(
                format!("Sổ năm {y} đã có."),
                format!("The {y} notebook already exists."),
            ),
            ActionError::YearOutOfRange(y) => pick(
                format!("Năm {y} không hợp lệ (chỉ nhận từ {FIRST_YEAR} đến {LAST_YEAR})."),
                format!("{y} is not a valid year ({FIRST_YEAR} to {LAST_YEAR} only)."),
            ),
            ActionError::UnknownCommitment => pick(
                "Không tìm thấy cam kết này.".into(),
                "This commitment was not found.".into(),
            ),
            ActionError::UnknownEntry => pick(
                "Không tìm thấy ghi chép này.".into(),
                "This entry was not found.".into(),
            ),
            ActionError::UnknownRemark => pick(
                "Không tìm thấy nhận xét này.".into(),
                "This remark was not found.".into(),
            ),
            ActionError::DuplicateId => pick(
                "Mục này đã có (trùng mã).".into(),
                "This item already exists (same id).".into(),
            ),
            ActionError::EmptyText(field)
            | ActionError::TextTooLong(field)
            | ActionError::NulInText(field)
            | ActionError::DateOutsideYear { field, .. }
            | ActionError::DateBeforeYear { field, .. } => {
                self.field_message(field.name(language), vi)
            }
            ActionError::InvalidPeriod => pick(
                "Kỳ theo dõi không hợp lệ.".into(),
                "Not a valid period.".into(),
            ),
            ActionError::BadScore(y) => score_message(*y, vi),
            ActionError::ThemeYears => pick(
                format!(
                    "Năm áp dụng của chuyên đề không hợp lệ (từ {FIRST_YEAR} đến {LAST_YEAR}, năm đầu không sau năm cuối)."
                ),
                format!(
                    "The theme's years are not valid ({FIRST_YEAR} to {LAST_YEAR}, the first not after the last)."
                ),
            ),
        }
    }

    /// The refusals that name a field; `name` is already in the language.
    fn field_message(&self, name: &str, vi: bool) -> String {
        match (self, vi) {
            (ActionError::EmptyText(_), true) => format!("Chưa nhập {name}."),
            (ActionError::EmptyText(_), false) => format!("Please fill in {name}."),
            (ActionError::TextTooLong(_), true) => {
                format!("{name} quá dài (tối đa {MAX_TEXT_CHARS} ký tự); hãy tách thành nhiều mục.")
            }
            (ActionError::TextTooLong(_), false) => format!(
                "{name} is too long (at most {MAX_TEXT_CHARS} characters); split it into several items."
            ),
            (ActionError::NulInText(_), true) => {
                format!("Có ký tự NUL (mã 0) trong {name}; hãy xóa ký tự đó.")
            }
            (ActionError::NulInText(_), false) => {
                format!("There is a NUL character (code 0) in {name}; please remove it.")
            }
            (ActionError::DateOutsideYear { year, .. }, true) => {
                format!("{name} phải nằm trong năm {year}.")
            }
            (ActionError::DateOutsideYear { year, .. }, false) => {
                format!("{name} must fall in {year}.")
            }
            (ActionError::DateBeforeYear { year, .. }, true) => {
                format!("{name} không được trước năm {year}.")
            }
            (ActionError::DateBeforeYear { year, .. }, false) => {
                format!("{name} cannot be before {year}.")
            }
            // Only the variants above name a field.
            (other, _) => format!("{other:?}"),
        }
    }
}

fn score_message(year: Year, vi: bool) -> String {
    match (crate::themes::rules_for(year).points, vi) {
        (Some(p), true) => format!(
            "Điểm năm {year}: tiêu chí chung tối đa {}, kết quả nhiệm vụ tối đa {}.",
            p.general_max, p.tasks_max
        ),
        (Some(p), false) => format!(
            "Scores for {year}: general criteria at most {}, task results at most {}.",
            p.general_max, p.tasks_max
        ),
        (None, true) => format!("Năm {year} không xếp loại theo điểm."),
        (None, false) => format!("{year} is not classified by points."),
    }
}

/// The Vietnamese message, as the command line prints it.
impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::Vietnamese))
    }
}

impl std::error::Error for ActionError {}
