//! What a user can do to the data, as values (DESIGN.md: "one way for a
//! change to travel"), and how each one is checked and turned into edits.

use std::fmt;

use uuid::Uuid;

use super::WorkspaceData;
use super::edit::Edit;
use super::field::{Field, Reason};
use crate::model::{
    Area, CellDecision, Commitment, Date, Entry, Language, MemberId, Notebook, Period, Profile,
    ProgressRecord, Remark, Score, SelfReview, Year, YearBook,
};
use crate::text::Normalize;

/// Every change a member or a secretary can make to the notebooks.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
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
}

/// Why an action was refused; `Display` gives the Vietnamese message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionError {
    ReadOnly(Reason),
    UnknownMember,
    NotebookExists,
    UnknownYear(Year),
    YearExists(Year),
    YearOutOfRange(Year),
    UnknownCommitment,
    UnknownEntry,
    UnknownRemark,
    DuplicateId,
    EmptyText(Field),
    TextTooLong(Field),
    DateOutsideYear {
        field: Field,
        year: Year,
    },
    InvalidPeriod,
    /// A score where the year's rules give none, or above the scale.
    BadScore(Year),
}

impl ActionError {
    /// The refusal in the interface's language.
    pub fn message(&self, language: Language) -> String {
        let vi = language == Language::Vietnamese;
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            ActionError::ReadOnly(why) => pick(
                format!("Không sửa được: {why}"),
                format!("Cannot change it: {why}"),
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
                format!("Năm {y} không hợp lệ (chỉ nhận từ 1930 đến 2200)."),
                format!("{y} is not a valid year (1930 to 2200 only)."),
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
            ActionError::EmptyText(field) => {
                let name = field.name(language);
                pick(
                    format!("Chưa nhập {name}."),
                    format!("Please fill in {name}."),
                )
            }
            ActionError::TextTooLong(field) => {
                let name = field.name(language);
                pick(
                    format!(
                        "{name} quá dài (tối đa {MAX_TEXT_CHARS} ký tự); hãy tách thành nhiều mục."
                    ),
                    format!(
                        "{name} is too long (at most {MAX_TEXT_CHARS} characters); split it into several items."
                    ),
                )
            }
            ActionError::DateOutsideYear { field, year } => {
                let name = field.name(language);
                pick(
                    format!("{name} phải nằm trong năm {year}."),
                    format!("{name} must fall in {year}."),
                )
            }
            ActionError::InvalidPeriod => pick(
                "Kỳ theo dõi không hợp lệ.".into(),
                "Not a valid period.".into(),
            ),
            ActionError::BadScore(y) => match crate::themes::rules_for(*y).points {
                Some(p) => pick(
                    format!(
                        "Điểm năm {y}: tiêu chí chung tối đa {}, kết quả nhiệm vụ tối đa {}.",
                        p.general_max, p.tasks_max
                    ),
                    format!(
                        "Scores for {y}: general criteria at most {}, task results at most {}.",
                        p.general_max, p.tasks_max
                    ),
                ),
                None => pick(
                    format!("Năm {y} không xếp loại theo điểm."),
                    format!("{y} is not classified by points."),
                ),
            },
        }
    }
}

/// The Vietnamese message, as the command line prints it.
impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::Vietnamese))
    }
}

impl std::error::Error for ActionError {}

/// The longest text one field may hold, in characters (about 60 typed pages):
/// enough for any real entry, small enough that a pasted file cannot make the
/// notebook unusable.
pub const MAX_TEXT_CHARS: usize = 100_000;

impl Action {
    /// The member whose notebook the action changes.
    pub fn member(&self) -> MemberId {
        match self {
            Action::CreateNotebook { id, .. } => *id,
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
            | Action::SetCellDecision { member, .. } => *member,
        }
    }

    /// Checks the action against the data and returns the edits that carry
    /// it out. Text must already be in NFC.
    pub(crate) fn plan(&self, data: &WorkspaceData) -> Result<Vec<Edit>, ActionError> {
        let member = self.member();
        if let Action::CreateNotebook { id, profile } = self {
            if data.notebooks.contains_key(id) {
                return Err(ActionError::NotebookExists);
            }
            check_profile(profile)?;
            let mut profile = profile.clone();
            profile.revision = 1;
            let notebook = Notebook::new(*id, profile);
            return Ok(vec![Edit::Notebook {
                member,
                value: Some(notebook.into()),
            }]);
        }
        let notebook = data
            .notebooks
            .get(&member)
            .ok_or(ActionError::UnknownMember)?;
        match self {
            Action::CreateNotebook { .. } => unreachable!("handled above"),
            Action::RemoveNotebook { .. } => Ok(vec![Edit::Notebook {
                member,
                value: None,
            }]),
            Action::SetProfile { profile, .. } => {
                check_profile(profile)?;
                let mut profile = profile.clone();
                profile.revision = notebook.profile.revision + 1;
                Ok(vec![Edit::Profile {
                    member,
                    value: profile,
                }])
            }
            Action::StartYear { year, theme_id, .. } => {
                if !(1930..=2200).contains(year) {
                    return Err(ActionError::YearOutOfRange(*year));
                }
                if notebook.years.contains_key(year) {
                    return Err(ActionError::YearExists(*year));
                }
                check_text(Field::ThemeId, theme_id, true)?;
                Ok(vec![Edit::Year {
                    member,
                    year: *year,
                    value: Some(Box::new(YearBook::new(theme_id.clone()))),
                }])
            }
            Action::RemoveYear { year, .. } => {
                year_book(notebook, *year)?;
                Ok(vec![Edit::Year {
                    member,
                    year: *year,
                    value: None,
                }])
            }
            Action::SetYearTheme { year, theme_id, .. } => {
                let book = year_book(notebook, *year)?;
                check_text(Field::ThemeId, theme_id, true)?;
                Ok(vec![Edit::YearHeader {
                    member,
                    year: *year,
                    theme_id: theme_id.clone(),
                    registration: book.registration.clone(),
                }])
            }
            Action::SetRegistrationDate { year, date, .. } => {
                let book = year_book(notebook, *year)?;
                check_date_in_year(Field::RegistrationDate, *date, *year)?;
                let mut registration = book.registration.clone();
                registration.date = *date;
                registration.revision += 1;
                Ok(vec![Edit::YearHeader {
                    member,
                    year: *year,
                    theme_id: book.theme_id.clone(),
                    registration,
                }])
            }
            Action::AddCommitment {
                year, commitment, ..
            } => {
                let book = year_book(notebook, *year)?;
                if book.commitment(commitment.id).is_some() {
                    return Err(ActionError::DuplicateId);
                }
                check_commitment(commitment, *year)?;
                let mut c = commitment.clone();
                c.order = next_order(book, c.area);
                c.revision = 1;
                Ok(vec![commitment_edit(member, *year, c)])
            }
            Action::EditCommitment {
                year, commitment, ..
            } => {
                let book = year_book(notebook, *year)?;
                let old = book
                    .commitment(commitment.id)
                    .ok_or(ActionError::UnknownCommitment)?;
                check_commitment(commitment, *year)?;
                let mut c = commitment.clone();
                c.order = if c.area == old.area {
                    old.order
                } else {
                    next_order(book, c.area)
                };
                c.revision = old.revision + 1;
                Ok(vec![commitment_edit(member, *year, c)])
            }
            Action::RemoveCommitment { year, id, .. } => {
                let book = year_book(notebook, *year)?;
                book.commitment(*id).ok_or(ActionError::UnknownCommitment)?;
                let mut edits: Vec<Edit> = book
                    .progress
                    .iter()
                    .filter(|p| p.commitment == *id)
                    .map(|p| Edit::Progress {
                        member,
                        year: *year,
                        key: p.sort_key(),
                        value: None,
                    })
                    .collect();
                edits.push(Edit::Commitment {
                    member,
                    year: *year,
                    id: *id,
                    value: None,
                });
                Ok(edits)
            }
            Action::MoveCommitment {
                year, id, position, ..
            } => {
                let book = year_book(notebook, *year)?;
                let moved = book.commitment(*id).ok_or(ActionError::UnknownCommitment)?;
                let mut area: Vec<&Commitment> = book
                    .commitments
                    .iter()
                    .filter(|c| c.area == moved.area && c.id != *id)
                    .collect();
                area.insert((*position).min(area.len()), moved);
                Ok(area
                    .into_iter()
                    .zip(0u32..)
                    .filter(|(c, order)| c.order != *order)
                    .map(|(c, order)| {
                        let mut c = c.clone();
                        c.order = order;
                        c.revision += 1;
                        commitment_edit(member, *year, c)
                    })
                    .collect())
            }
            Action::SetProgress { year, record, .. } => {
                let book = year_book(notebook, *year)?;
                book.commitment(record.commitment)
                    .ok_or(ActionError::UnknownCommitment)?;
                if !record.period.is_valid() {
                    return Err(ActionError::InvalidPeriod);
                }
                check_text(Field::Result, &record.result, false)?;
                check_text(Field::Evidence, &record.evidence, false)?;
                let mut r = record.clone();
                r.revision = book
                    .progress_for(r.commitment, r.period)
                    .map_or(1, |old| old.revision + 1);
                Ok(vec![Edit::Progress {
                    member,
                    year: *year,
                    key: r.sort_key(),
                    value: Some(r),
                }])
            }
            Action::ClearProgress {
                year,
                commitment,
                period,
                ..
            } => {
                let book = year_book(notebook, *year)?;
                book.commitment(*commitment)
                    .ok_or(ActionError::UnknownCommitment)?;
                Ok(vec![Edit::Progress {
                    member,
                    year: *year,
                    key: (*commitment, *period),
                    value: None,
                }])
            }
            Action::AddEntry { year, entry, .. } => {
                let book = year_book(notebook, *year)?;
                if book.entry(entry.id).is_some() {
                    return Err(ActionError::DuplicateId);
                }
                check_entry(book, entry, *year)?;
                let mut e = entry.clone();
                e.revision = 1;
                Ok(vec![entry_edit(member, *year, e)])
            }
            Action::EditEntry { year, entry, .. } => {
                let book = year_book(notebook, *year)?;
                let old = book.entry(entry.id).ok_or(ActionError::UnknownEntry)?;
                check_entry(book, entry, *year)?;
                let mut e = entry.clone();
                e.revision = old.revision + 1;
                Ok(vec![entry_edit(member, *year, e)])
            }
            Action::RemoveEntry { year, id, .. } => {
                let book = year_book(notebook, *year)?;
                book.entry(*id).ok_or(ActionError::UnknownEntry)?;
                Ok(vec![Edit::Entry {
                    member,
                    year: *year,
                    id: *id,
                    value: None,
                }])
            }
            Action::SetSelfReview { year, review, .. } => {
                let book = year_book(notebook, *year)?;
                for (field, text) in [
                    (Field::Strengths, &review.strengths),
                    (Field::Shortcomings, &review.shortcomings),
                    (Field::Causes, &review.causes),
                    (Field::Remedies, &review.remedies),
                    (Field::CommitmentsKept, &review.commitments_kept),
                ] {
                    check_text(field, text, false)?;
                }
                check_date_in_year_or_next(Field::ReviewDate, review.written_on, *year)?;
                check_score(review.score, *year)?;
                let mut r = review.clone();
                r.revision = book.self_review.as_ref().map_or(1, |old| old.revision + 1);
                Ok(vec![Edit::SelfReview {
                    member,
                    year: *year,
                    value: Some(r),
                }])
            }
            Action::AddRemark { year, remark, .. } => {
                let book = year_book(notebook, *year)?;
                if find_remark(book, remark.id).is_some() {
                    return Err(ActionError::DuplicateId);
                }
                check_remark(book, remark)?;
                let mut r = remark.clone();
                r.revision = 1;
                Ok(vec![remark_edit(member, *year, r)])
            }
            Action::EditRemark { year, remark, .. } => {
                let book = year_book(notebook, *year)?;
                let old = find_remark(book, remark.id).ok_or(ActionError::UnknownRemark)?;
                check_remark(book, remark)?;
                let mut r = remark.clone();
                r.revision = old.revision + 1;
                Ok(vec![remark_edit(member, *year, r)])
            }
            Action::RemoveRemark { year, id, .. } => {
                let book = year_book(notebook, *year)?;
                find_remark(book, *id).ok_or(ActionError::UnknownRemark)?;
                Ok(vec![Edit::Remark {
                    member,
                    year: *year,
                    id: *id,
                    value: None,
                }])
            }
            Action::SetCellDecision { year, decision, .. } => {
                let book = year_book(notebook, *year)?;
                check_text(Field::SecretaryName, &decision.secretary, false)?;
                check_date_in_year_or_next(Field::SignedOn, decision.signed_on, *year)?;
                check_score(decision.score, *year)?;
                let mut d = decision.clone();
                d.revision = book.cell_review.decision.revision + 1;
                Ok(vec![Edit::Decision {
                    member,
                    year: *year,
                    value: d,
                }])
            }
        }
    }
}

impl Normalize for Action {
    fn normalize(&mut self) {
        match self {
            Action::CreateNotebook { profile, .. } | Action::SetProfile { profile, .. } => {
                profile.normalize()
            }
            Action::StartYear { theme_id, .. } | Action::SetYearTheme { theme_id, .. } => {
                theme_id.normalize()
            }
            Action::AddCommitment { commitment, .. }
            | Action::EditCommitment { commitment, .. } => commitment.normalize(),
            Action::SetProgress { record, .. } => record.normalize(),
            Action::AddEntry { entry, .. } | Action::EditEntry { entry, .. } => entry.normalize(),
            Action::SetSelfReview { review, .. } => review.normalize(),
            Action::AddRemark { remark, .. } | Action::EditRemark { remark, .. } => {
                remark.normalize()
            }
            Action::SetCellDecision { decision, .. } => decision.secretary.normalize(),
            Action::RemoveNotebook { .. }
            | Action::RemoveYear { .. }
            | Action::SetRegistrationDate { .. }
            | Action::RemoveCommitment { .. }
            | Action::MoveCommitment { .. }
            | Action::ClearProgress { .. }
            | Action::RemoveEntry { .. }
            | Action::RemoveRemark { .. } => {}
        }
    }
}

impl Normalize for Profile {
    fn normalize(&mut self) {
        let Profile {
            full_name,
            card_number,
            party_post,
            government_post,
            mass_post,
            workplace,
            cell,
            ..
        } = self;
        for s in [
            full_name,
            party_post,
            government_post,
            mass_post,
            workplace,
            cell,
        ] {
            s.normalize();
        }
        card_number.normalize();
    }
}

impl Normalize for Commitment {
    fn normalize(&mut self) {
        self.content.normalize();
        self.measures.normalize();
        self.product.normalize();
    }
}

impl Normalize for ProgressRecord {
    fn normalize(&mut self) {
        self.result.normalize();
        self.evidence.normalize();
    }
}

impl Normalize for Entry {
    fn normalize(&mut self) {
        self.title.normalize();
        self.text.normalize();
    }
}

impl Normalize for SelfReview {
    fn normalize(&mut self) {
        for s in [
            &mut self.strengths,
            &mut self.shortcomings,
            &mut self.causes,
            &mut self.remedies,
            &mut self.commitments_kept,
        ] {
            s.normalize();
        }
    }
}

impl Normalize for Remark {
    fn normalize(&mut self) {
        self.author.normalize();
        self.text.normalize();
    }
}

fn year_book(notebook: &Notebook, year: Year) -> Result<&YearBook, ActionError> {
    notebook
        .years
        .get(&year)
        .ok_or(ActionError::UnknownYear(year))
}

fn find_remark(book: &YearBook, id: Uuid) -> Option<&Remark> {
    book.cell_review.remarks.iter().find(|r| r.id == id)
}

fn next_order(book: &YearBook, area: Area) -> u32 {
    book.commitments
        .iter()
        .filter(|c| c.area == area)
        .map(|c| c.order + 1)
        .max()
        .unwrap_or(0)
}

fn commitment_edit(member: MemberId, year: Year, c: Commitment) -> Edit {
    Edit::Commitment {
        member,
        year,
        id: c.id,
        value: Some(c),
    }
}

fn entry_edit(member: MemberId, year: Year, e: Entry) -> Edit {
    Edit::Entry {
        member,
        year,
        id: e.id,
        value: Some(e),
    }
}

fn remark_edit(member: MemberId, year: Year, r: Remark) -> Edit {
    Edit::Remark {
        member,
        year,
        id: r.id,
        value: Some(r),
    }
}

fn check_text(field: Field, text: &str, required: bool) -> Result<(), ActionError> {
    if required && text.trim().is_empty() {
        return Err(ActionError::EmptyText(field));
    }
    // Counting chars is only needed when the byte length could be over.
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        return Err(ActionError::TextTooLong(field));
    }
    Ok(())
}

fn check_profile(p: &Profile) -> Result<(), ActionError> {
    check_text(Field::FullName, &p.full_name, true)?;
    for (field, text) in [
        (Field::PartyPost, &p.party_post),
        (Field::GovernmentPost, &p.government_post),
        (Field::MassPost, &p.mass_post),
        (Field::Workplace, &p.workplace),
        (Field::Cell, &p.cell),
    ] {
        check_text(field, text, false)?;
    }
    Ok(())
}

fn check_commitment(c: &Commitment, year: Year) -> Result<(), ActionError> {
    check_text(Field::CommitmentContent, &c.content, true)?;
    check_text(Field::Measures, &c.measures, false)?;
    check_text(Field::Product, &c.product, false)?;
    check_date_in_year(Field::Deadline, c.deadline, year)
}

fn check_entry(book: &YearBook, e: &Entry, year: Year) -> Result<(), ActionError> {
    check_text(Field::EntryTitle, &e.title, true)?;
    check_text(Field::EntryText, &e.text, false)?;
    check_date_in_year(Field::EntryDate, Some(e.date), year)?;
    if e.commitments
        .iter()
        .any(|id| book.commitment(*id).is_none())
    {
        return Err(ActionError::UnknownCommitment);
    }
    Ok(())
}

fn check_remark(book: &YearBook, r: &Remark) -> Result<(), ActionError> {
    check_text(Field::RemarkText, &r.text, true)?;
    check_text(Field::RemarkAuthor, &r.author, false)?;
    if !r.period.is_valid() {
        return Err(ActionError::InvalidPeriod);
    }
    if let Some(id) = r.commitment {
        book.commitment(id).ok_or(ActionError::UnknownCommitment)?;
    }
    Ok(())
}

fn check_score(score: Option<Score>, year: Year) -> Result<(), ActionError> {
    let Some(score) = score else { return Ok(()) };
    match crate::themes::rules_for(year).points {
        Some(p) if score.general <= p.general_max && score.tasks <= p.tasks_max => Ok(()),
        _ => Err(ActionError::BadScore(year)),
    }
}

fn check_date_in_year(field: Field, date: Option<Date>, year: Year) -> Result<(), ActionError> {
    match date {
        Some(d) if d.year() != year => Err(ActionError::DateOutsideYear { field, year }),
        _ => Ok(()),
    }
}

/// Year-end papers are often signed in January of the next year.
fn check_date_in_year_or_next(
    field: Field,
    date: Option<Date>,
    year: Year,
) -> Result<(), ActionError> {
    match date {
        Some(d) if d.year() != year && d.year() != year + 1 => {
            Err(ActionError::DateOutsideYear { field, year })
        }
        _ => Ok(()),
    }
}
