//! Why an action was refused (`ActionError`) and why notebooks cannot be
//! changed at all (`Reason`); the words are in the translation table, one
//! key per refusal.

use std::fmt;

use super::check::{self, FIRST_YEAR, LAST_YEAR, MAX_TEXT_CHARS};
use super::field::Field;
use crate::i18n::{Message, T, Value};
use crate::model::{Language, Role, Year};

/// Why notebooks cannot be changed (another program holds them, a newer
/// version wrote them), kept as a message so that it is shown in whatever
/// language the window has when it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason(Message);

impl Reason {
    pub fn new(message: Message) -> Reason {
        Reason(message)
    }

    pub fn get(&self, language: Language) -> String {
        self.0.show(language)
    }

    pub fn message(&self) -> &Message {
        &self.0
    }
}

impl From<Message> for Reason {
    fn from(message: Message) -> Reason {
        Reason(message)
    }
}

/// In Vietnamese, as the command line prints it.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

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
    /// More votes for a level than `MAX_VOTES`.
    TooManyVotes,
    /// A list (absences, guests) longer than `MAX_LIST`.
    TooManyEntries(Field),
    UnknownMeeting(Year),
    /// An exchange file refused, with the reason naming the file.
    Refused(Reason),
    /// No such conflict is waiting (settled already).
    UnknownConflict,
}

impl ActionError {
    /// The refusal in the interface's language.
    pub fn message(&self, language: Language) -> String {
        self.to_message().show(language)
    }

    /// The refusal as a table sentence with its values.
    pub fn to_message(&self) -> Message {
        let year = |key: T, y: &Year| Message::new(key).with(Value::plain(y));
        let field = |key: T, f: &Field| Message::new(key).with(T::field(*f));
        match self {
            ActionError::ReadOnly(why) => Message::new(T::ErrReadOnly).with(why.message().clone()),
            ActionError::NotYourPart(Role::Secretary) => T::ErrSecretaryNotMembersPart.into(),
            ActionError::NotYourPart(Role::Member) => T::ErrMemberNotCellsPart.into(),
            ActionError::UnknownMember => T::ErrUnknownMemberNotebook.into(),
            ActionError::NotebookExists => T::ErrNotebookExists.into(),
            ActionError::UnknownYear(y) => year(T::ErrUnknownYear, y),
            ActionError::YearExists(y) => year(T::ErrYearExists, y),
            ActionError::YearOutOfRange(y) => year(T::ErrYearOutOfRange, y)
                .with(Value::plain(FIRST_YEAR))
                .with(Value::plain(LAST_YEAR)),
            ActionError::UnknownCommitment => T::ErrUnknownCommitment.into(),
            ActionError::UnknownEntry => T::ErrUnknownEntry.into(),
            ActionError::UnknownRemark => T::ErrUnknownRemark.into(),
            ActionError::DuplicateId => T::ErrDuplicateId.into(),
            ActionError::EmptyText(f) => field(T::ErrEmptyText, f),
            ActionError::TextTooLong(f) => {
                field(T::ErrTextTooLong, f).with(Value::plain(MAX_TEXT_CHARS))
            }
            ActionError::NulInText(f) => field(T::ErrNulInText, f),
            ActionError::DateOutsideYear { field: f, year: y } => {
                field(T::ErrDateOutsideYear, f).with(Value::plain(y))
            }
            ActionError::DateBeforeYear { field: f, year: y } => {
                field(T::ErrDateBeforeYear, f).with(Value::plain(y))
            }
            ActionError::InvalidPeriod => T::ErrInvalidPeriod.into(),
            ActionError::BadScore(y) => score_message(*y),
            ActionError::TooManyVotes => {
                Message::new(T::ErrTooManyVotes).with(Value::plain(check::MAX_VOTES))
            }
            ActionError::TooManyEntries(f) => {
                field(T::ErrTooManyEntries, f).with(Value::plain(check::MAX_LIST))
            }
            ActionError::UnknownMeeting(y) => year(T::ErrUnknownMeeting, y),
            ActionError::Refused(why) => why.message().clone(),
            ActionError::UnknownConflict => T::ErrUnknownConflict.into(),
            ActionError::ThemeYears => Message::new(T::ErrThemeYears)
                .with(Value::plain(FIRST_YEAR))
                .with(Value::plain(LAST_YEAR)),
        }
    }
}

/// The scales of the year's rules, or that the year has none.
fn score_message(year: Year) -> Message {
    match crate::themes::rules_for(year).points {
        Some(p) => Message::new(T::ErrBadScore)
            .with(Value::plain(year))
            .with(Value::plain(p.general_max))
            .with(Value::plain(p.tasks_max)),
        None => Message::new(T::ErrNoScoreInYear).with(Value::plain(year)),
    }
}

/// The Vietnamese message, as the command line prints it.
impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::Vietnamese))
    }
}

impl std::error::Error for ActionError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::has_vietnamese_letters;

    /// One of each variant (two for scores: with and without a scale); the
    /// match below stops compiling when a variant is added, and the count
    /// check then asks for it here.
    fn every_variant() -> Vec<ActionError> {
        let date = |field| ActionError::DateOutsideYear { field, year: 2020 };
        vec![
            ActionError::ReadOnly(Reason::new(Message::new(T::IoReadOnly))),
            ActionError::UnknownMember,
            ActionError::NotebookExists,
            ActionError::UnknownYear(2020),
            ActionError::YearExists(2020),
            ActionError::YearOutOfRange(10000),
            ActionError::UnknownCommitment,
            ActionError::UnknownEntry,
            ActionError::UnknownRemark,
            ActionError::DuplicateId,
            ActionError::EmptyText(Field::FullName),
            ActionError::TextTooLong(Field::EntryText),
            ActionError::NulInText(Field::CellName),
            date(Field::EntryDate),
            ActionError::DateBeforeYear {
                field: Field::ProgressDate,
                year: 2021,
            },
            ActionError::InvalidPeriod,
            ActionError::BadScore(2020),
            ActionError::BadScore(2026),
            ActionError::ThemeYears,
            ActionError::NotYourPart(Role::Secretary),
            ActionError::NotYourPart(Role::Member),
            ActionError::TooManyVotes,
            ActionError::TooManyEntries(Field::GuestName),
            ActionError::UnknownMeeting(2020),
            ActionError::Refused(Reason::new(T::ExRefusedChecksum.into())),
            ActionError::UnknownConflict,
        ]
    }

    fn variant_number(e: &ActionError) -> usize {
        match e {
            ActionError::ReadOnly(_) => 0,
            ActionError::UnknownMember => 1,
            ActionError::NotebookExists => 2,
            ActionError::UnknownYear(_) => 3,
            ActionError::YearExists(_) => 4,
            ActionError::YearOutOfRange(_) => 5,
            ActionError::UnknownCommitment => 6,
            ActionError::UnknownEntry => 7,
            ActionError::UnknownRemark => 8,
            ActionError::DuplicateId => 9,
            ActionError::EmptyText(_) => 10,
            ActionError::TextTooLong(_) => 11,
            ActionError::NulInText(_) => 12,
            ActionError::DateOutsideYear { .. } => 13,
            ActionError::DateBeforeYear { .. } => 14,
            ActionError::InvalidPeriod => 15,
            ActionError::BadScore(_) => 16,
            ActionError::ThemeYears => 17,
            ActionError::NotYourPart(_) => 18,
            ActionError::TooManyVotes => 19,
            ActionError::TooManyEntries(_) => 20,
            ActionError::UnknownMeeting(_) => 21,
            ActionError::Refused(_) => 22,
            ActionError::UnknownConflict => 23,
        }
    }

    #[test]
    fn every_refusal_reads_in_english_without_vietnamese_letters() {
        let all = every_variant();
        let mut seen: Vec<usize> = all.iter().map(variant_number).collect();
        seen.dedup();
        assert_eq!(seen, (0..24).collect::<Vec<_>>(), "a variant is missing");
        for e in &all {
            let en = e.message(Language::English);
            let vi = e.to_string();
            assert!(!has_vietnamese_letters(&en), "{e:?}: {en}");
            assert!(has_vietnamese_letters(&vi), "{e:?}: {vi}");
            assert!(!en.contains('{') && !vi.contains('{'), "{e:?}: {en} / {vi}");
        }
    }

    #[test]
    fn refusals_name_their_field_and_bounds() {
        let e = ActionError::YearOutOfRange(10000);
        assert_eq!(
            e.message(Language::English),
            format!("10000 is not a valid year ({FIRST_YEAR} to {LAST_YEAR} only).")
        );
        let e = ActionError::EmptyText(Field::FullName);
        assert_eq!(e.to_string(), "Chưa nhập họ và tên.");
        assert_eq!(
            e.message(Language::English),
            "Please fill in the full name."
        );
        let e = ActionError::ReadOnly(Reason::new(Message::new(T::IoReadOnly)));
        assert_eq!(
            e.message(Language::English),
            "Cannot change it: the disk is read-only"
        );
        assert_eq!(e.to_string(), "Không sửa được: ổ đĩa chỉ cho đọc");
        let scored = ActionError::BadScore(2020).to_message().text();
        let unscored = ActionError::BadScore(2026).to_message().text();
        assert_ne!(scored, unscored, "both score messages are tested");
    }
}
