//! Why a file read from disk was taken as damaged, and what was put right
//! on load, in both languages of the interface. The values come from
//! decoding (`format`) and from the checks after it (`validate`).

use crate::model::{Language, Period, Year};

use super::validate::{Flaw, Part, Repair};

/// Why a file cannot be used as it is.
#[derive(Clone, Debug, PartialEq)]
pub enum Damage {
    /// Nothing but blanks or zero bytes.
    Empty,
    /// Not UTF-8 text.
    NotText,
    /// Not valid RON, or not the shape of the file; `detail` is the
    /// parser's own words (in English).
    Syntax {
        line: usize,
        col: usize,
        detail: String,
    },
    /// Brackets nested deeper than any file of ours.
    TooDeep { line: usize },
    /// Bigger than any notebook could be.
    TooBig { megabytes: u64 },
    /// A date in a first-version file that is not a date.
    OldDate(String),
    /// Read and decoded, but it breaks the rules (see `validate`).
    Invalid(Vec<Flaw>),
}

/// How many flaws a message lists before saying "and N more".
const SHOWN_FLAWS: usize = 3;

impl Damage {
    /// The reason, in the interface's language, without a full stop.
    pub fn message(&self, language: Language) -> String {
        let vi = language == Language::Vietnamese;
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            Damage::Empty => pick("tệp rỗng".into(), "the file is empty".into()),
            Damage::NotText => pick(
                "không phải văn bản UTF-8".into(),
                "it is not UTF-8 text".into(),
            ),
            Damage::Syntax { line, col, detail } => pick(
                format!("sai cấu trúc ở dòng {line}, cột {col} ({detail})"),
                format!("it is malformed at line {line}, column {col} ({detail})"),
            ),
            Damage::TooDeep { line } => pick(
                format!("dấu ngoặc lồng nhau quá sâu ở dòng {line}"),
                format!("brackets are nested too deep at line {line}"),
            ),
            Damage::TooBig { megabytes } => pick(
                format!("tệp quá lớn ({megabytes} MB)"),
                format!("the file is too big ({megabytes} MB)"),
            ),
            Damage::OldDate(text) => pick(
                format!("ngày không hợp lệ: {text:?}"),
                format!("not a date: {text:?}"),
            ),
            Damage::Invalid(flaws) => {
                let mut shown: Vec<String> = flaws
                    .iter()
                    .take(SHOWN_FLAWS)
                    .map(|f| f.message(language))
                    .collect();
                if flaws.len() > SHOWN_FLAWS {
                    let more = flaws.len() - SHOWN_FLAWS;
                    shown.push(pick(
                        format!("và {more} lỗi khác"),
                        format!("and {more} more"),
                    ));
                }
                shown.join("; ")
            }
        }
    }
}

impl Part {
    fn name(self, language: Language) -> &'static str {
        let vi = language == Language::Vietnamese;
        let (v, e) = match self {
            Part::Profile => ("sơ yếu lý lịch", "the profile"),
            Part::Year => ("phần đầu năm", "the year's heading"),
            Part::Registration => ("ngày đăng ký", "the registration"),
            Part::Commitment => ("một cam kết", "a commitment"),
            Part::Progress => ("một kết quả theo dõi", "a progress record"),
            Part::Entry => ("một ghi chép", "an entry"),
            Part::SelfReview => ("bản tự kiểm điểm", "the self-review"),
            Part::Remark => ("một nhận xét", "a remark"),
            Part::Decision => ("phần xếp loại của chi bộ", "the cell's decision"),
            Part::Settings => ("phần cài đặt", "the settings"),
            Part::Theme => ("một chuyên đề", "a study theme"),
        };
        if vi { v } else { e }
    }

    /// The name of a kind of record, plural, for repairs.
    fn records(self, language: Language) -> &'static str {
        let vi = language == Language::Vietnamese;
        let (v, e) = match self {
            Part::Commitment => ("các cam kết", "the commitments"),
            Part::Progress => ("các kết quả theo dõi", "the progress records"),
            Part::Entry => ("các ghi chép", "the entries"),
            Part::Remark => ("các nhận xét", "the remarks"),
            other => return other.name(language),
        };
        if vi { v } else { e }
    }
}

/// "năm 2021, một cam kết" / "2021, a commitment"; the year left out for
/// the parts outside any year.
fn place(year: Option<Year>, part: Part, language: Language) -> String {
    match (year, language) {
        (Some(y), Language::Vietnamese) => format!("năm {y}, {}", part.name(language)),
        (Some(y), Language::English) => format!("{y}, {}", part.name(language)),
        (None, _) => part.name(language).to_owned(),
    }
}

/// A period as written in the file, so a wrong number shows as it is.
fn raw(period: Period) -> String {
    format!("{period:?}")
}

impl Flaw {
    pub fn message(&self, language: Language) -> String {
        let vi = language == Language::Vietnamese;
        let pick = |v: String, e: String| if vi { v } else { e };
        let at = |year: Year, part: Part| place(Some(year), part, language);
        match self {
            Flaw::YearOutOfRange(y) => pick(
                format!("năm {y} nằm ngoài khoảng sổ nhận (1930–2200)"),
                format!("the year {y} is outside what a notebook holds (1930–2200)"),
            ),
            Flaw::PeriodOutOfRange { year, part, period } => pick(
                format!(
                    "{}: kỳ {} không có (tháng 1–12, quý 1–4, nửa năm 1–2)",
                    at(*year, *part),
                    raw(*period)
                ),
                format!(
                    "{}: there is no period {} (months 1–12, quarters 1–4, halves 1–2)",
                    at(*year, *part),
                    raw(*period)
                ),
            ),
            Flaw::DateOutsideYear { year, part, date } => pick(
                format!("{}: ngày {date} không thuộc năm {year}", at(*year, *part)),
                format!("{}: the date {date} is not in {year}", at(*year, *part)),
            ),
            Flaw::DuplicateId { year, part, id } => pick(
                format!("{}: hai bản ghi khác nhau cùng mã {id}", at(*year, *part)),
                format!(
                    "{}: two different records share the id {id}",
                    at(*year, *part)
                ),
            ),
            Flaw::DuplicateProgress {
                year,
                commitment,
                period,
            } => pick(
                format!(
                    "năm {year}: hai kết quả khác nhau cho cam kết {commitment}, kỳ {}",
                    raw(*period)
                ),
                format!(
                    "{year}: two different progress records for commitment {commitment}, period {}",
                    raw(*period)
                ),
            ),
            Flaw::UnknownCommitment { year, commitment } => pick(
                format!(
                    "năm {year}: có kết quả theo dõi của cam kết {commitment} không có trong sổ"
                ),
                format!(
                    "{year}: progress is recorded for a commitment {commitment} that is not in the notebook"
                ),
            ),
            Flaw::TextTooLong { year, part, chars } => pick(
                format!(
                    "{}: một đoạn chữ dài {chars} ký tự, quá mức {} ký tự",
                    place(*year, *part, language),
                    crate::workspace::MAX_TEXT_CHARS
                ),
                format!(
                    "{}: a text of {chars} characters, over the limit of {}",
                    place(*year, *part, language),
                    crate::workspace::MAX_TEXT_CHARS
                ),
            ),
            Flaw::NulInText { year, part } => pick(
                format!(
                    "{}: chữ có ký tự NUL (byte 0), dấu hiệu tệp bị ghi hỏng",
                    place(*year, *part, language)
                ),
                format!(
                    "{}: a text holds a NUL character (a zero byte), a sign of a broken write",
                    place(*year, *part, language)
                ),
            ),
            Flaw::ThemeYears { id, years: (a, b) } => pick(
                format!("chuyên đề «{id}» có khoảng năm {a}–{b} không hợp lệ"),
                format!("the study theme «{id}» has invalid years {a}–{b}"),
            ),
        }
    }
}

impl Repair {
    pub fn message(&self, language: Language) -> String {
        let vi = language == Language::Vietnamese;
        let pick = |v: String, e: String| if vi { v } else { e };
        match self {
            Repair::Sorted { year, part } => pick(
                format!(
                    "năm {year}: {} được xếp lại đúng thứ tự",
                    part.records(language)
                ),
                format!("{year}: {} were put back in order", part.records(language)),
            ),
            Repair::DuplicateDropped { year, part } => pick(
                format!(
                    "năm {year}: bỏ bản trùng y hệt trong {}",
                    part.records(language)
                ),
                format!(
                    "{year}: exact copies among {} were dropped",
                    part.records(language)
                ),
            ),
            Repair::LinkDropped {
                year, commitment, ..
            } => pick(
                format!("năm {year}: bỏ liên kết của một ghi chép tới cam kết {commitment} đã xoá"),
                format!(
                    "{year}: an entry's link to the removed commitment {commitment} was dropped"
                ),
            ),
        }
    }
}
