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

/// The rules of the year-end classification in force for a span of years:
/// the regulation, its guidance, and the forms the member fills in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleSet {
    /// The guidance's number (e.g. "21-HD/BTCTW"): one per rule set.
    pub id: String,
    /// The regulation the guidance carries out (e.g. "132-QĐ/TW"); none
    /// before 2018, when the guidance stood alone.
    #[serde(default)]
    pub regulation: Option<String>,
    /// First and last year the rules apply to.
    pub years: (Year, Year),
    /// The regulation and its guidance, as cited on the forms.
    pub documents: Vec<String>,
    pub levels: Vec<Level>,
    /// Set when members are scored out of 100.
    #[serde(default)]
    pub points: Option<PointScale>,
    /// The cap on "hoàn thành xuất sắc", decided above the cell.
    #[serde(default)]
    pub excellent_cap: Option<ExcellentCap>,
    /// Whether keeping the year's commitments is itself a criterion.
    #[serde(default)]
    pub commitments_are_criterion: bool,
    /// Members left out of the classification or counted apart, and why.
    #[serde(default)]
    pub set_apart: Vec<SetApartRule>,
    /// Members admitted fewer months than this before the year's end write
    /// the self-review but get no level ("đảng viên mới kết nạp chưa đủ 06
    /// tháng").
    #[serde(default)]
    pub new_member_months: Option<u8>,
    /// The best level a member on sick leave this long may get.
    #[serde(default)]
    pub sick_leave_cap: Option<SickLeaveCap>,
    /// The levels as these rules word them, in `Level::ALL` order, where
    /// they differ from today's (e.g. "đủ tư cách, …" before 2018).
    #[serde(default)]
    pub level_names: Vec<String>,
    /// The conditions a level needs beyond its score (Điều 11, QĐ 366).
    #[serde(default)]
    pub conditions: Vec<LevelCondition>,
    /// The self-review forms: one for every member, and where the guidance
    /// has one, another for members holding a leading or managing post.
    #[serde(default)]
    pub forms: Vec<FormSpec>,
    /// What the forms should remind the member of.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl RuleSet {
    /// The self-review form for a member: the leaders' form (02B) when the
    /// member holds a leading or managing post and the rules have one.
    pub fn form_for(&self, leader: bool) -> Option<&FormSpec> {
        self.forms
            .iter()
            .find(|f| f.for_leaders == leader && !f.for_outside_system)
            .or_else(|| {
                self.forms
                    .iter()
                    .find(|f| !f.for_leaders && !f.for_outside_system)
            })
            .or_else(|| self.forms.first())
    }

    /// The form for a member as the profile says: the form for members
    /// outside the political system (2C from 2025) where the rules have
    /// one, else `form_for(leader)`.
    pub fn form_for_member(&self, leader: bool, outside_system: bool) -> Option<&FormSpec> {
        self.forms
            .iter()
            .find(|f| outside_system && f.for_outside_system)
            .or_else(|| self.form_for(leader))
    }

    /// A level as these rules word it.
    pub fn level_name(&self, level: Level) -> Option<&str> {
        let i = Level::ALL.iter().position(|l| *l == level)?;
        self.level_names.get(i).map(String::as_str)
    }

    /// A form by its mark, e.g. "02A-HD KĐ.ĐG".
    pub fn form(&self, id: &str) -> Option<&FormSpec> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// Whether members in this standing are left out of the year's counts.
    pub fn leaves_out(&self, apart: SetApart) -> bool {
        self.set_apart
            .iter()
            .any(|r| r.who == apart && !r.classified)
    }
}

/// The cap on "hoàn thành xuất sắc nhiệm vụ": a share of those rated
/// "hoàn thành tốt nhiệm vụ", counted in the grassroots party organisation
/// (tổ chức cơ sở đảng) and decided there, not in the cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcellentCap {
    /// Percent of those rated "tốt".
    pub percent: u8,
    /// The rule as the documents put it, shown to the cell as information.
    pub note: String,
}

/// "Đảng viên nghỉ ốm tổng thời gian trong năm từ 03 tháng trở lên thì
/// không xếp loại đạt mức 'Hoàn thành tốt nhiệm vụ' trở lên" (HD 21).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SickLeaveCap {
    /// Months of sick leave in the year from which the cap applies.
    pub months: u8,
    /// The best level then allowed.
    pub level: Level,
    pub note: String,
}

/// Why a member is set apart in a year (thuộc diện không xếp loại / tính riêng).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SetApart {
    /// Miễn công tác và sinh hoạt đảng.
    Excused,
    /// Đình chỉ sinh hoạt đảng.
    Suspended,
}

/// How a rule set treats members set apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetApartRule {
    pub who: SetApart,
    /// Whether they are classified at all.
    pub classified: bool,
    pub note: String,
}

/// One condition a level needs (Điều 11, QĐ 366-QĐ/TW).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelCondition {
    /// Stable key, e.g. "on_time".
    pub key: String,
    pub level: Level,
    pub text: String,
    pub check: ConditionCheck,
}

/// How a condition is known to hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConditionCheck {
    /// Every commitment is done, and at most this share of them (percent)
    /// after its deadline.
    AllDone(u8),
    /// Section III answers every shortcoming pointed out before.
    ShortcomingsAnswered,
    /// The member states it in the self-review; the cell checks it.
    Declared,
}

/// A self-review form (mẫu bản kiểm điểm cá nhân) as the guidance prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSpec {
    /// The form's mark, e.g. "02-HD KĐ.ĐG".
    pub id: String,
    /// The mark printed at the top, e.g. "Mẫu 02B-HD KĐ.ĐG 2023".
    #[serde(default)]
    pub mark: String,
    /// For members who hold a leading or managing post (02B).
    #[serde(default)]
    pub for_leaders: bool,
    /// For members not working in the political system (2C, 2025).
    #[serde(default)]
    pub for_outside_system: bool,
    /// The title, e.g. "BẢN KIỂM ĐIỂM CÁ NHÂN".
    pub title: String,
    /// The line under "Năm …", e.g. "(Cá nhân giữ chức vụ lãnh đạo, quản lý)".
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The sections, in the form's order.
    pub sections: Vec<SectionSpec>,
    /// The ratings a rated criterion may take, best first (where the
    /// guidance has a sheet rating each criterion).
    #[serde(default)]
    pub ratings: Vec<Rating>,
}

impl FormSpec {
    /// Every key the form asks for: sections, then their criteria.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().flat_map(|s| {
            std::iter::once(s.key.as_str()).chain(s.criteria.iter().map(|c| c.key.as_str()))
        })
    }

    pub fn section(&self, key: &str) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.key == key)
    }
}

/// One section of a form (e.g. "II. Hạn chế, khuyết điểm và nguyên nhân").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionSpec {
    /// Stable across years, so last year's answer is found by key:
    /// strengths, shortcomings, fixes, explanations, responsibility,
    /// remedies, level.
    pub key: String,
    pub heading: String,
    #[serde(default)]
    pub kind: SectionKind,
    /// Asked only where it applies ("nếu có"): a review is complete
    /// without it.
    #[serde(default)]
    pub optional: bool,
    /// The criteria under it, in order.
    #[serde(default)]
    pub criteria: Vec<CriterionSpec>,
}

/// What a section holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionKind {
    /// Free text (and its criteria, if any).
    #[default]
    Text,
    /// The level the member proposes (tự nhận mức xếp loại).
    Level,
}

/// One criterion of a section (e.g. "1. Về tư tưởng chính trị").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionSpec {
    /// Stable key: ideology, ethics, style, discipline, duties,
    /// commitments, led_unit, example, …
    pub key: String,
    pub heading: String,
    /// Whether the form rates it (xuất sắc / tốt / trung bình / kém).
    #[serde(default)]
    pub rated: bool,
}

/// A rating of one criterion (mức đánh giá từng tiêu chí).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rating {
    /// Xuất sắc.
    Excellent,
    /// Tốt.
    Good,
    /// Trung bình.
    Average,
    /// Kém.
    Poor,
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
