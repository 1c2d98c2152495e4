//! One translation table: every string a user sees, in the window, on the
//! command line or in an error, keyed by id (`T`) with Vietnamese and
//! English side by side (STYLE.md: a second language is a table, not a code
//! change). The command line uses the Vietnamese side.
//!
//! The model carries no display strings; the names of its vocabularies
//! (areas, statuses, levels, entry kinds, periods) are looked up here.
//! Not here: the words old files hold on disk (`store::format`'s migration
//! keeps its own frozen list, so a label can be corrected freely).

use std::fmt::Display;

use unicode_normalization::UnicodeNormalization;

use crate::model::{Area, EntryKind, Language, Level, Period, Rating, SetApart, Standing, Status};
use crate::review::board::{BoardRow, Column, RowState};
use crate::workspace::Field;

/// Defines `T`, its `get` and the list of every id, from lines of
/// `Id => "Vietnamese", "English";`.
macro_rules! texts {
    ($($id:ident => $vi:literal, $en:literal;)*) => {
        /// A visible string, by id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($id),* }

        impl T {
            /// Every id, in table order.
            pub const ALL: &'static [T] = &[$(T::$id),*];

            /// The text in `language`.
            pub fn get(self, language: Language) -> &'static str {
                match (self, language) {
                    $((T::$id, Language::Vietnamese) => $vi,
                      (T::$id, Language::English) => $en,)*
                }
            }
        }
    };
}

mod message;
mod table;

pub use message::{Message, Value};
pub use table::T;

impl T {
    /// Column heads of a calendar, Monday first.
    pub const WEEKDAYS: [T; 7] = [T::Mon, T::Tue, T::Wed, T::Thu, T::Fri, T::Sat, T::Sun];

    /// Ids whose English side is deliberately in another language: the
    /// language switch names the language it switches to.
    pub const NAMES_IN_OTHER_LANGUAGE: [T; 1] = [T::CmdLanguage];

    /// The text in `language` with `{0}`, `{1}`, … replaced by `values`.
    pub fn fill(self, language: Language, values: &[&dyn Display]) -> String {
        fill(self.get(language), values)
    }

    /// A column of the cell board.
    pub fn board_column(column: Column) -> T {
        match column {
            Column::Name => T::ColName,
            Column::Standing => T::ColStanding,
            Column::Registered => T::ColRegistered,
            Column::Commitments => T::ColCount,
            Column::Done => T::ColDoneSoFar,
            Column::Period => T::ColPeriod,
            Column::Overdue => T::ColOverdue,
            Column::Idle => T::ColIdle,
            Column::LastUpdate => T::ColUpdated,
            Column::SelfReview => T::ColSelfReview,
            Column::MemberLevel => T::ColMemberLevel,
            Column::CellLevel => T::ColCellLevel,
            Column::FinalLevel => T::ColFinalLevel,
            Column::Signed => T::ColSigned,
        }
    }

    /// A state the cell board filters by.
    pub fn row_state(state: RowState) -> T {
        match state {
            RowState::Unregistered => T::StateUnregistered,
            RowState::Overdue => T::StateOverdue,
            RowState::NoSelfReview => T::StateNoSelfReview,
            RowState::Unsigned => T::StateUnsigned,
        }
    }

    pub fn area(area: Area) -> T {
        match area {
            Area::PoliticalIdeology => T::AreaPoliticalIdeology,
            Area::EthicsLifestyle => T::AreaEthicsLifestyle,
            Area::Discipline => T::AreaDiscipline,
            Area::WorkingStyle => T::AreaWorkingStyle,
            Area::Duties => T::AreaDuties,
            Area::FixingShortcomings => T::AreaFixingShortcomings,
            Area::Other => T::AreaOther,
        }
    }

    pub fn status(status: Status) -> T {
        match status {
            Status::NotStarted => T::StatusNotStarted,
            Status::InProgress => T::StatusInProgress,
            Status::Done => T::StatusDone,
            Status::NotAchieved => T::StatusNotAchieved,
        }
    }

    pub fn level(level: Level) -> T {
        match level {
            Level::Excellent => T::LevelExcellent,
            Level::Good => T::LevelGood,
            Level::Completed => T::LevelCompleted,
            Level::NotCompleted => T::LevelNotCompleted,
        }
    }

    pub fn rating(rating: Rating) -> T {
        match rating {
            Rating::Excellent => T::RatingExcellent,
            Rating::Good => T::RatingGood,
            Rating::Average => T::RatingAverage,
            Rating::Poor => T::RatingPoor,
        }
    }

    pub fn set_apart(apart: SetApart) -> T {
        match apart {
            SetApart::Excused => T::ApartExcused,
            SetApart::Suspended => T::ApartSuspended,
        }
    }

    pub fn search_kind(kind: crate::search::Kind) -> T {
        use crate::search::Kind;
        match kind {
            Kind::Commitment => T::SearchKindCommitment,
            Kind::Progress => T::SearchKindProgress,
            Kind::Entry => T::SearchKindEntry,
            Kind::SelfReview => T::SearchKindSelfReview,
            Kind::Remark => T::SearchKindRemark,
            Kind::Meeting => T::SearchKindMeeting,
        }
    }

    pub fn typing_mode(mode: crate::model::TypingMode) -> T {
        use crate::model::TypingMode;
        match mode {
            TypingMode::Off => T::TypingOff,
            TypingMode::Telex => T::TypingTelex,
            TypingMode::Vni => T::TypingVni,
        }
    }

    pub fn entry_kind(kind: EntryKind) -> T {
        match kind {
            EntryKind::Study => T::KindStudy,
            EntryKind::Practice => T::KindPractice,
            EntryKind::CellMeeting => T::KindCellMeeting,
            EntryKind::Other => T::KindOther,
        }
    }

    /// A field's name inside a sentence: dates capitalised as on the paper
    /// form, the rest in lower case.
    pub fn field(field: Field) -> T {
        match field {
            Field::ThemeId => T::FieldThemeId,
            Field::RegistrationDate => T::FieldRegistrationDate,
            Field::Result => T::FieldResult,
            Field::Evidence => T::FieldEvidence,
            Field::Strengths => T::FieldStrengths,
            Field::Shortcomings => T::FieldShortcomings,
            Field::Causes => T::FieldCauses,
            Field::Remedies => T::FieldRemedies,
            Field::CommitmentsKept => T::FieldCommitmentsKept,
            Field::ReviewDate => T::FieldReviewDate,
            Field::SecretaryName => T::FieldSecretaryName,
            Field::SignedOn => T::FieldSignedOn,
            Field::FullName => T::FieldFullName,
            Field::PartyPost => T::FieldPartyPost,
            Field::GovernmentPost => T::FieldGovernmentPost,
            Field::MassPost => T::FieldMassPost,
            Field::Workplace => T::FieldWorkplace,
            Field::SelfReviewText => T::FieldSelfReviewText,
            Field::PartyCommittee => T::FieldPartyCommittee,
            Field::DecisionNumber => T::FieldDecisionNumber,
            Field::DecidedOn => T::FieldDecidedOn,
            Field::Cell => T::FieldCell,
            Field::CommitmentContent => T::FieldCommitmentContent,
            Field::Measures => T::FieldMeasures,
            Field::Product => T::FieldProduct,
            Field::Deadline => T::FieldDeadline,
            Field::EntryTitle => T::FieldEntryTitle,
            Field::EntryText => T::FieldEntryText,
            Field::EntryDate => T::FieldEntryDate,
            Field::RemarkText => T::FieldRemarkText,
            Field::RemarkAuthor => T::FieldRemarkAuthor,
            Field::CardNumber => T::FieldCardNumber,
            Field::ProgressDate => T::FieldProgressDate,
            Field::RemarkDate => T::FieldRemarkDate,
            Field::CellName => T::FieldCellName,
            Field::ThemeTitle => T::FieldThemeTitle,
            Field::ThemeDocuments => T::FieldThemeDocuments,
            Field::ThemeOutline => T::FieldThemeOutline,
            Field::ExportFolder => T::FieldExportFolder,
            Field::ExportFormat => T::FieldExportFormat,
            Field::Assessment => T::FieldAssessment,
            Field::MeetingComments => T::FieldMeetingComments,
            Field::MeetingDate => T::FieldMeetingDate,
            Field::MeetingTime => T::FieldMeetingTime,
            Field::MeetingPlace => T::FieldMeetingPlace,
            Field::Chair => T::FieldChair,
            Field::MinuteTaker => T::FieldMinuteTaker,
            Field::AbsentName => T::FieldAbsentName,
            Field::AbsenceReason => T::FieldAbsenceReason,
            Field::GuestName => T::FieldGuestName,
            Field::GuestPost => T::FieldGuestPost,
            Field::Proceedings => T::FieldProceedings,
            Field::Conclusion => T::FieldConclusion,
        }
    }

    /// The reason behind an I/O error, in words a user can act on; the
    /// system's own text (often English) belongs in a `TechnicalDetail`.
    pub fn io_reason(kind: std::io::ErrorKind) -> T {
        use std::io::ErrorKind as K;
        match kind {
            K::NotFound => T::IoNotFound,
            K::PermissionDenied => T::IoPermissionDenied,
            K::AlreadyExists => T::IoAlreadyExists,
            K::StorageFull | K::QuotaExceeded => T::IoStorageFull,
            K::ReadOnlyFilesystem => T::IoReadOnly,
            K::NotADirectory => T::IoNotADirectory,
            K::IsADirectory => T::IoIsADirectory,
            K::InvalidFilename => T::IoInvalidName,
            K::Interrupted => T::IoInterrupted,
            _ => T::IoOther,
        }
    }
}

/// What a cell of the board shows for a row, in `language`; the name
/// carries the marks of members counted apart or too new to classify.
pub fn board_cell(language: Language, row: &BoardRow, column: Column) -> String {
    let yes_no = |b: bool| T::get(if b { T::Yes } else { T::No }, language).to_owned();
    let level = |l: Option<Level>| l.map_or(String::new(), |l| T::level(l).get(language).into());
    let date = |d: Option<crate::model::Date>| d.map_or(String::new(), crate::text::dmy);
    match column {
        Column::Name => {
            let mark = match (row.set_apart, row.new_member) {
                (Some(SetApart::Excused), _) => Some(T::MarkExcused),
                (Some(SetApart::Suspended), _) => Some(T::MarkSuspended),
                (None, true) => Some(T::MarkNewMember),
                (None, false) => None,
            };
            match mark {
                Some(m) => format!("{} ({})", row.name, m.get(language)),
                None => row.name.clone(),
            }
        }
        Column::Standing => match row.standing {
            Some(Standing::Full) => T::StandingFullShort.get(language).into(),
            Some(Standing::Probationary) => T::StandingProbationaryShort.get(language).into(),
            None => String::new(),
        },
        Column::Registered => match row.registered_on {
            Some(d) => crate::text::dmy(d),
            None => yes_no(row.is_registered()),
        },
        Column::Commitments => row.commitments.to_string(),
        Column::Done => format!("{:.0}%", row.done_percent),
        Column::Period => format!("{:.0}%", row.period_percent),
        Column::Overdue => row.overdue.to_string(),
        Column::Idle => row.months_without_progress.to_string(),
        Column::LastUpdate => date(row.last_update),
        Column::SelfReview => yes_no(row.self_review_written),
        Column::MemberLevel => level(row.member_level),
        Column::CellLevel => level(row.cell_level),
        Column::FinalLevel => level(row.final_level),
        Column::Signed => yes_no(row.signed),
    }
}

pub fn area(language: Language, area: Area) -> &'static str {
    T::area(area).get(language)
}

pub fn status(language: Language, status: Status) -> &'static str {
    T::status(status).get(language)
}

pub fn level(language: Language, level: Level) -> &'static str {
    T::level(level).get(language)
}

pub fn rating(language: Language, rating: Rating) -> &'static str {
    T::rating(rating).get(language)
}

pub fn set_apart(language: Language, apart: SetApart) -> &'static str {
    T::set_apart(apart).get(language)
}

pub fn search_kind(language: Language, kind: crate::search::Kind) -> &'static str {
    T::search_kind(kind).get(language)
}

pub fn entry_kind(language: Language, kind: EntryKind) -> &'static str {
    T::entry_kind(kind).get(language)
}

/// "Tháng 3", "Quý IV", "6 tháng đầu năm", "Cả năm"; a number out of range
/// (from a hand-edited file) is shown as it is, never mended silently.
pub fn period(language: Language, period: Period) -> String {
    let fixed = match period {
        Period::Month(m) => return T::PeriodMonth.fill(language, &[&m]),
        Period::Quarter(1) => T::PeriodQuarter1,
        Period::Quarter(2) => T::PeriodQuarter2,
        Period::Quarter(3) => T::PeriodQuarter3,
        Period::Quarter(4) => T::PeriodQuarter4,
        Period::Quarter(q) => return T::PeriodQuarterOutOfRange.fill(language, &[&q]),
        Period::Half(1) => T::PeriodFirstHalf,
        Period::Half(2) => T::PeriodSecondHalf,
        Period::Half(h) => return T::PeriodHalfOutOfRange.fill(language, &[&h]),
        Period::Year => T::PeriodYear,
    };
    fixed.get(language).to_owned()
}

/// A message that wraps text from elsewhere (a library, the system): the
/// table's sentence first, then the foreign text as a technical detail.
/// What an undoable step did, in a few words ("sửa cam kết «…»").
pub fn deed(language: Language, deed: &crate::workspace::Deed) -> String {
    use crate::workspace::DeedKind as K;
    let text = match deed.kind {
        K::Settings => T::DeedSettings,
        K::Theme => T::DeedTheme,
        K::CreateNotebook => T::DeedCreateNotebook,
        K::RemoveNotebook => T::DeedRemoveNotebook,
        K::Profile => T::DeedProfile,
        K::StartYear => T::DeedStartYear,
        K::RemoveYear => T::DeedRemoveYear,
        K::YearTheme => T::DeedYearTheme,
        K::RegistrationDate => T::DeedRegistrationDate,
        K::AddCommitment => T::DeedAddCommitment,
        K::EditCommitment => T::DeedEditCommitment,
        K::RemoveCommitment => T::DeedRemoveCommitment,
        K::MoveCommitment => T::DeedMoveCommitment,
        K::SetProgress => T::DeedSetProgress,
        K::ClearProgress => T::DeedClearProgress,
        K::AddEntry => T::DeedAddEntry,
        K::EditEntry => T::DeedEditEntry,
        K::RemoveEntry => T::DeedRemoveEntry,
        K::SelfReview => T::DeedSelfReview,
        K::AddRemark => T::DeedAddRemark,
        K::EditRemark => T::DeedEditRemark,
        K::RemoveRemark => T::DeedRemoveRemark,
        K::CellDecision => T::DeedCellDecision,
        K::Meeting => T::DeedMeeting,
        K::RemoveMeeting => T::DeedRemoveMeeting,
        K::Import => T::DeedImport,
        K::SettleConflict => T::DeedSettleConflict,
    };
    let when = match (deed.period, deed.year) {
        (Some(p), _) => period(language, p),
        (None, Some(y)) => y.to_string(),
        (None, None) => String::new(),
    };
    let about_year = matches!(
        deed.kind,
        K::StartYear
            | K::RemoveYear
            | K::YearTheme
            | K::RegistrationDate
            | K::SelfReview
            | K::RemoveRemark
            | K::Meeting
            | K::RemoveMeeting
    );
    if about_year {
        text.fill(language, &[&when])
    } else {
        text.fill(language, &[&deed.about, &when])
    }
}

pub fn with_detail(language: Language, message: String, detail: &str) -> String {
    if detail.is_empty() {
        return message;
    }
    format!(
        "{message} {}",
        T::TechnicalDetail.fill(language, &[&detail])
    )
}

/// Fills `{0}`, `{1}`, … in a text with the given values, in one pass, so a
/// value that itself contains "{1}" stays as it is. A placeholder with no
/// value is left in place.
pub fn fill(template: &str, values: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * values.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let value = after[..digits]
            .parse::<usize>()
            .ok()
            .filter(|_| after[digits..].starts_with('}'))
            .and_then(|i| values.get(i));
        match value {
            Some(v) => {
                out.push_str(&v.to_string());
                rest = &after[digits + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `text` has a letter only Vietnamese writes: đ, or after
/// decomposition a breve (ă), circumflex (â ê ô), horn (ơ ư) or one of the
/// five tone marks. Tests use it to find Vietnamese in an English window.
pub fn has_vietnamese_letters(text: &str) -> bool {
    text.nfd().any(|c| {
        matches!(
            c,
            'đ' | 'Đ'
                | '\u{0306}'
                | '\u{0302}'
                | '\u{031B}'
                | '\u{0300}'
                | '\u{0301}'
                | '\u{0303}'
                | '\u{0309}'
                | '\u{0323}'
        )
    })
}

/// The placeholder numbers a text uses, sorted and without repeats.
#[cfg(test)]
fn placeholders(text: &str) -> Vec<usize> {
    let mut found: Vec<usize> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').and_then(|(n, _)| n.parse().ok()))
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests;
