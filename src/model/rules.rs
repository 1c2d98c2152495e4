//! Study themes and classification rules: data attached to years, not code
//! (GLOSSARY.md). The built-in ones come from `assets/`; a user can add a
//! theme for a year that has none, saved in the workspace settings.

use serde::{Deserialize, Serialize};

use super::{Level, Year};

/// A study theme (chuyên đề) under Chỉ thị 05-CT/TW.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    pub id: String,
    /// First and last year the theme applies to.
    pub years: (Year, Year),
    pub title: String,
    /// Văn bản hướng dẫn.
    #[serde(default)]
    pub documents: Vec<String>,
    /// Nội dung cốt lõi.
    #[serde(default)]
    pub outline: Vec<String>,
}

/// A 100-point scale (Quy định 366-QĐ/TW): general criteria plus task
/// results, and the lowest score of each level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointScale {
    pub general_max: u8,
    pub tasks_max: u8,
    pub excellent_min: u8,
    pub good_min: u8,
    pub completed_min: u8,
}

impl PointScale {
    /// The level a total score reaches.
    pub fn level(&self, total: u8) -> Level {
        match total {
            t if t >= self.excellent_min => Level::Excellent,
            t if t >= self.good_min => Level::Good,
            t if t >= self.completed_min => Level::Completed,
            _ => Level::NotCompleted,
        }
    }
}

/// The rules of the year-end classification in force for a span of years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleSet {
    pub id: String,
    /// First and last year the rules apply to.
    pub years: (Year, Year),
    /// The regulation and its guidance, as cited on the forms.
    pub documents: Vec<String>,
    pub levels: Vec<Level>,
    /// Set when members are scored out of 100.
    #[serde(default)]
    pub points: Option<PointScale>,
    /// At most this share (in percent) of those rated "tốt" may be rated
    /// "xuất sắc" in one organisation.
    #[serde(default)]
    pub excellent_share_of_good_max: Option<u8>,
    /// Whether keeping the year's commitments is itself a criterion.
    #[serde(default)]
    pub commitments_are_criterion: bool,
    /// What the forms should remind the member of.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A score on a 100-point scale (điểm): general criteria and task results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub general: u8,
    pub tasks: u8,
}

impl Score {
    pub fn total(self) -> u8 {
        self.general.saturating_add(self.tasks)
    }
}
