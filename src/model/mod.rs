//! The data a member's notebook holds, as plain serde types.
//!
//! Nothing here touches the disk or the screen: a reader should be able to
//! understand the whole saved format from this module alone. Collections are
//! `Vec`s kept in one canonical order (see each type's `sort_key`) or
//! `BTreeMap`s, so that the same notebook always serialises to the same bytes.

mod meeting;
mod notebook;
mod rules;
mod settings;
mod shared_text;
mod terms;
mod year;

pub use meeting::{Absence, Guest, Meeting};
pub use notebook::{MemberId, Notebook, Profile, Sex, Standing};
pub use rules::{
    ConditionCheck, CriterionSpec, ExcellentCap, FormSpec, LevelCondition, PointScale, Rating,
    RuleSet, Score, SectionKind, SectionSpec, SetApart, SetApartRule, SickLeaveCap, Theme,
};
pub use settings::{
    BackupPolicy, Language, Role, Settings, TextSize, ThemeChoice, ToneRule, TypingMode,
};
pub use shared_text::{Text, interning};
pub use terms::{Area, EntryKind, Level, Period, Status};
pub use year::{
    Answer, CellDecision, CellPart, CellReview, Commitment, Entry, ProgressRecord, Registration,
    Remark, SelfReview, YearBook,
};

/// A calendar date without time or zone (ngày tháng năm).
pub type Date = jiff::civil::Date;

/// A year of the notebook (năm), e.g. 2020.
pub type Year = i16;

/// The years a notebook may hold: what starting a year accepts, and what a
/// file read from disk must keep to.
pub const YEARS: std::ops::RangeInclusive<Year> = 1930..=2200;

/// The study theme the year is tied to when nothing else is chosen.
pub const DEFAULT_THEME_ID: &str = "2020";
