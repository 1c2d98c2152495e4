//! The words of the workspace's refusals (`ActionError`), in Vietnamese and
//! English: the fields an action checks, and why data cannot be changed.

use std::fmt;

use crate::model::Language;

/// Why notebooks cannot be changed (another program holds them, a newer
/// version wrote them), said in both interface languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    vi: String,
    en: String,
}

impl Reason {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Reason {
        Reason {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::Vietnamese => &self.vi,
            Language::English => &self.en,
        }
    }
}

/// In Vietnamese, as the command line prints it.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vi)
    }
}

/// A field of a record, as a refusal names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    ThemeId,
    RegistrationDate,
    Result,
    Evidence,
    Strengths,
    Shortcomings,
    Causes,
    Remedies,
    CommitmentsKept,
    SelfReviewText,
    ReviewDate,
    SecretaryName,
    SignedOn,
    DecisionNumber,
    DecidedOn,
    FullName,
    PartyPost,
    GovernmentPost,
    MassPost,
    Workplace,
    Cell,
    CommitmentContent,
    Measures,
    Product,
    Deadline,
    EntryTitle,
    EntryText,
    EntryDate,
    RemarkText,
    RemarkAuthor,
    CardNumber,
    ProgressDate,
    RemarkDate,
    CellName,
    PartyCommittee,
    ThemeTitle,
    ThemeDocuments,
    ThemeOutline,
    ExportFolder,
    ExportFormat,
}

impl Field {
    /// The field's name inside a sentence: dates capitalised as on the
    /// paper form, the rest in lower case.
    pub fn name(self, language: Language) -> &'static str {
        let (vi, en) = match self {
            Field::ThemeId => ("mã chuyên đề", "the theme's id"),
            Field::RegistrationDate => ("Ngày đăng ký", "The registration date"),
            Field::Result => ("kết quả thực hiện", "the result"),
            Field::Evidence => ("minh chứng", "the evidence"),
            Field::Strengths => ("ưu điểm", "the strengths"),
            Field::Shortcomings => ("hạn chế, khuyết điểm", "the shortcomings"),
            Field::Causes => ("nguyên nhân", "the causes"),
            Field::Remedies => ("biện pháp khắc phục", "the remedies"),
            Field::CommitmentsKept => ("việc thực hiện cam kết", "how the commitments were kept"),
            Field::SelfReviewText => ("nội dung bản kiểm điểm", "the self-review's text"),
            Field::ReviewDate => ("Ngày viết bản kiểm điểm", "The self-review's date"),
            Field::SecretaryName => ("họ tên bí thư", "the secretary's name"),
            Field::SignedOn => ("Ngày ký xác nhận", "The date of signing"),
            Field::DecisionNumber => ("số quyết định", "the decision's number"),
            Field::DecidedOn => ("Ngày quyết định", "The decision's date"),
            Field::FullName => ("họ và tên", "the full name"),
            Field::PartyPost => ("chức vụ Đảng", "the Party post"),
            Field::GovernmentPost => ("chức vụ chính quyền", "the government post"),
            Field::MassPost => ("chức vụ đoàn thể", "the mass organisation post"),
            Field::Workplace => ("đơn vị công tác", "the workplace"),
            Field::Cell => ("chi bộ", "the Party cell"),
            Field::CommitmentContent => ("nội dung cam kết", "the commitment"),
            Field::Measures => ("biện pháp thực hiện", "the measures"),
            Field::Product => ("sản phẩm cụ thể", "the concrete product"),
            Field::Deadline => ("Thời hạn", "The deadline"),
            Field::EntryTitle => ("tiêu đề ghi chép", "the entry's title"),
            Field::EntryText => ("nội dung ghi chép", "the entry's text"),
            Field::EntryDate => ("Ngày ghi chép", "The entry's date"),
            Field::RemarkText => ("nội dung nhận xét", "the remark"),
            Field::RemarkAuthor => ("người nhận xét", "the remark's author"),
            Field::CardNumber => ("số thẻ đảng viên", "the Party card number"),
            Field::ProgressDate => ("Ngày ghi kết quả", "The date of the result"),
            Field::RemarkDate => ("Ngày nhận xét", "The remark's date"),
            Field::PartyCommittee => ("đảng bộ cấp trên", "the party committee above the cell"),
            Field::CellName => ("tên chi bộ", "the cell's name"),
            Field::ThemeTitle => ("tên chuyên đề", "the theme's title"),
            Field::ThemeDocuments => ("văn bản hướng dẫn", "the guiding documents"),
            Field::ThemeOutline => ("nội dung cốt lõi", "the core content"),
            Field::ExportFolder => ("thư mục xuất", "the export folder"),
            Field::ExportFormat => ("định dạng xuất", "the export format"),
        };
        match language {
            Language::Vietnamese => vi,
            Language::English => en,
        }
    }
}
