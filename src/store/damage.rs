//! Why a file read from disk was taken as damaged, and what was put right
//! on load, as sentences of the translation table. The values come from
//! decoding (`format`) and from the checks after it (`validate`).

use crate::i18n::{Message, T, Value};
use crate::model::{Language, Period, YEARS, Year};

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
    /// Encrypted with this workspace's key, but damaged (cut short or
    /// altered); `detail` is the age crate's own words.
    Sealed { detail: String },
}

/// How many flaws a message lists before saying "and N more".
const SHOWN_FLAWS: usize = 3;

impl Damage {
    /// The reason, in the interface's language, without a full stop.
    pub fn message(&self, language: Language) -> String {
        self.to_message().show(language)
    }

    /// The reason as a table sentence; the parser's own words, if any,
    /// come last as a technical detail.
    pub fn to_message(&self) -> Message {
        match self {
            Damage::Empty => T::DamageEmpty.into(),
            Damage::NotText => T::DamageNotText.into(),
            Damage::Syntax { line, col, detail } => Message::new(T::DamageSyntax)
                .with(Value::plain(line))
                .with(Value::plain(col))
                .detail(detail.as_str()),
            Damage::TooDeep { line } => Message::new(T::DamageTooDeep).with(Value::plain(line)),
            Damage::TooBig { megabytes } => {
                Message::new(T::DamageTooBig).with(Value::plain(megabytes))
            }
            Damage::OldDate(text) => Message::new(T::DamageOldDate).with(format!("{text:?}")),
            Damage::Sealed { detail } => Message::new(T::DamageSealed).detail(detail.as_str()),
            Damage::Invalid(flaws) => {
                let mut shown: Vec<Message> = flaws
                    .iter()
                    .take(SHOWN_FLAWS)
                    .map(Flaw::to_message)
                    .collect();
                if flaws.len() > SHOWN_FLAWS {
                    let more = flaws.len() - SHOWN_FLAWS;
                    shown.push(Message::new(T::DamageMoreFlaws).with(Value::plain(more)));
                }
                Message::list(shown).unwrap_or_else(|| T::DamageEmpty.into())
            }
        }
    }
}

impl Part {
    fn name(self) -> T {
        match self {
            Part::Profile => T::PartProfile,
            Part::Year => T::PartYear,
            Part::Registration => T::PartRegistration,
            Part::Commitment => T::PartCommitment,
            Part::Progress => T::PartProgress,
            Part::Entry => T::PartEntry,
            Part::SelfReview => T::PartSelfReview,
            Part::Remark => T::PartRemark,
            Part::Decision => T::PartDecision,
            Part::Settings => T::PartSettings,
            Part::Theme => T::PartTheme,
            Part::Meeting => T::PartMeeting,
            Part::Exchange => T::PartExchange,
        }
    }

    /// The name of a kind of record, plural, for repairs.
    fn records(self) -> T {
        match self {
            Part::Commitment => T::PartsCommitment,
            Part::Progress => T::PartsProgress,
            Part::Entry => T::PartsEntry,
            Part::Remark => T::PartsRemark,
            other => other.name(),
        }
    }
}

/// "năm 2021, một cam kết" / "2021, a commitment"; the year left out for
/// the parts outside any year.
fn place(year: Option<Year>, part: Part) -> Value {
    match year {
        Some(y) => Message::new(T::PlaceInYear)
            .with(Value::plain(y))
            .with(part.name())
            .into(),
        None => part.name().into(),
    }
}

/// "năm 2021" / "2021".
fn in_year(year: Year) -> Message {
    Message::new(T::InYear).with(Value::plain(year))
}

/// A period as written in the file, so a wrong number shows as it is.
fn raw(period: Period) -> String {
    format!("{period:?}")
}

impl Flaw {
    pub fn message(&self, language: Language) -> String {
        self.to_message().show(language)
    }

    pub fn to_message(&self) -> Message {
        let at = |key: T, year: Option<Year>, part: Part| Message::new(key).with(place(year, part));
        match self {
            Flaw::YearOutOfRange(y) => Message::new(T::FlawYearOutOfRange)
                .with(Value::plain(y))
                .with(Value::plain(YEARS.start()))
                .with(Value::plain(YEARS.end())),
            Flaw::PeriodOutOfRange { year, part, period } => {
                at(T::FlawPeriodOutOfRange, Some(*year), *part).with(raw(*period))
            }
            Flaw::DateOutsideYear { year, part, date } => {
                at(T::FlawDateOutsideYear, Some(*year), *part)
                    .with(Value::plain(date))
                    .with(Value::plain(year))
            }
            Flaw::DuplicateId { year, part, id } => {
                at(T::FlawDuplicateId, Some(*year), *part).with(Value::plain(id))
            }
            Flaw::DuplicateProgress {
                year,
                commitment,
                period,
            } => Message::new(T::FlawDuplicateProgress)
                .with(in_year(*year))
                .with(Value::plain(commitment))
                .with(raw(*period)),
            Flaw::UnknownCommitment { year, commitment } => Message::new(T::FlawUnknownCommitment)
                .with(in_year(*year))
                .with(Value::plain(commitment)),
            Flaw::TextTooLong { year, part, chars } => at(T::FlawTextTooLong, *year, *part)
                .with(Value::plain(chars))
                .with(Value::plain(crate::workspace::MAX_TEXT_CHARS)),
            Flaw::NulInText { year, part } => at(T::FlawNulInText, *year, *part),
            Flaw::ThemeYears { id, years: (a, b) } => Message::new(T::FlawThemeYears)
                .with(id.as_str())
                .with(Value::plain(a))
                .with(Value::plain(b)),
        }
    }
}

impl Repair {
    pub fn message(&self, language: Language) -> String {
        self.to_message().show(language)
    }

    pub fn to_message(&self) -> Message {
        match self {
            Repair::Sorted { year, part } => Message::new(T::RepairSorted)
                .with(in_year(*year))
                .with(part.records()),
            Repair::DuplicateDropped { year, part } => Message::new(T::RepairDuplicateDropped)
                .with(in_year(*year))
                .with(part.records()),
            Repair::LinkDropped {
                year, commitment, ..
            } => Message::new(T::RepairLinkDropped)
                .with(in_year(*year))
                .with(Value::plain(commitment)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::has_vietnamese_letters;
    use crate::store::Problem;

    fn every_damage() -> Vec<Damage> {
        let (year, part) = (2024, Part::Commitment);
        let id = uuid::Uuid::nil();
        let flaws = vec![
            Flaw::YearOutOfRange(10000),
            Flaw::PeriodOutOfRange {
                year,
                part,
                period: Period::Quarter(0),
            },
            Flaw::DateOutsideYear {
                year,
                part,
                date: jiff::civil::date(2023, 1, 1),
            },
            Flaw::DuplicateId { year, part, id },
            Flaw::DuplicateProgress {
                year,
                commitment: id,
                period: Period::Month(1),
            },
            Flaw::UnknownCommitment {
                year,
                commitment: id,
            },
            Flaw::TextTooLong {
                year: None,
                part: Part::Profile,
                chars: 200_000,
            },
            Flaw::NulInText { year: None, part },
            Flaw::ThemeYears {
                id: "x".to_owned(),
                years: (2030, 2020),
            },
        ];
        let mut all: Vec<Damage> = flaws
            .iter()
            .map(|f| Damage::Invalid(vec![f.clone()]))
            .collect();
        all.extend([
            Damage::Empty,
            Damage::NotText,
            Damage::Syntax {
                line: 9,
                col: 23,
                detail: "Unexpected end of RON".to_owned(),
            },
            Damage::TooDeep { line: 3 },
            Damage::TooBig { megabytes: 80 },
            Damage::OldDate("31/02/2019".to_owned()),
            Damage::Sealed {
                detail: "Failed to decrypt an encrypted key".to_owned(),
            },
            Damage::Invalid(flaws),
        ]);
        all
    }

    #[test]
    fn every_damage_reads_in_english_without_vietnamese_letters() {
        for damage in every_damage() {
            let (en, vi) = (
                damage.message(Language::English),
                damage.message(Language::Vietnamese),
            );
            assert!(!has_vietnamese_letters(&en), "{damage:?}: {en}");
            assert!(has_vietnamese_letters(&vi), "{damage:?}: {vi}");
            assert!(!en.contains('{') && !vi.contains('{'), "{en} / {vi}");
        }
        for part in [
            Part::Commitment,
            Part::Progress,
            Part::Entry,
            Part::Remark,
            Part::Year,
        ] {
            let repair = Repair::Sorted { year: 2024, part };
            assert!(!has_vietnamese_letters(&repair.message(Language::English)));
        }
    }

    #[test]
    fn the_parsers_words_come_last_as_a_technical_detail() {
        let lost = Problem::Lost {
            file: "notebooks/a.ron".into(),
            error: Damage::Syntax {
                line: 9,
                col: 23,
                detail: "Unexpected end of RON".to_owned(),
            },
            moved_to: None,
        };
        assert_eq!(
            lost.message(Language::English),
            "The file notebooks/a.ron is damaged: it is malformed at line 9, column 23. \
             No backup could be read. Technical detail: Unexpected end of RON"
        );
        assert!(
            lost.to_string()
                .ends_with("Chi tiết kỹ thuật: Unexpected end of RON"),
            "{lost}"
        );
    }
}
