//! The workspace's own settings (`workspace.ron`): who uses this copy of the
//! program and how they like it.

use serde::{Deserialize, Serialize};

use super::{MemberId, Theme};

/// Who keeps this workspace.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Role {
    /// Đảng viên: keeps their own notebook.
    #[default]
    Member,
    /// Bí thư chi bộ: reviews the whole cell.
    Secretary,
}

/// The language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    #[default]
    Vietnamese,
    English,
}

/// Text size steps for readers who need larger letters: everything grows,
/// controls included. The names are those of earlier versions, so their
/// settings files load; each step now means a clear factor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSize {
    /// 1×.
    #[default]
    Normal,
    /// 1.25×.
    Large,
    /// 1.5×.
    Larger,
    /// 2×.
    Largest,
}

impl TextSize {
    pub const ALL: [TextSize; 4] = [
        TextSize::Normal,
        TextSize::Large,
        TextSize::Larger,
        TextSize::Largest,
    ];

    /// How much larger than the first step everything is drawn.
    pub fn factor(self) -> f32 {
        match self {
            TextSize::Normal => 1.0,
            TextSize::Large => 1.25,
            TextSize::Larger => 1.5,
            TextSize::Largest => 2.0,
        }
    }

    /// The next step up, or the largest.
    pub fn bigger(self) -> TextSize {
        let i = TextSize::ALL.iter().position(|s| *s == self).unwrap_or(0);
        TextSize::ALL[(i + 1).min(TextSize::ALL.len() - 1)]
    }

    /// The next step down, or the smallest.
    pub fn smaller(self) -> TextSize {
        let i = TextSize::ALL.iter().position(|s| *s == self).unwrap_or(0);
        TextSize::ALL[i.saturating_sub(1)]
    }
}

/// Light or dark colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system; light where the system does not say.
    #[default]
    System,
    Light,
    Dark,
}

/// The built-in way of typing Vietnamese (bộ gõ), for machines without a
/// Vietnamese input method, or where it misbehaves.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TypingMode {
    /// Tắt: keys reach the fields as the system sends them.
    #[default]
    Off,
    /// Telex: "aa" â, "aw" ă, "ow" ơ, "uw" or "w" ư, "dd" đ; tones s f r x j.
    Telex,
    /// VNI: 6 â ê ô, 7 ơ ư, 8 ă, 9 đ; tones 1–5.
    Vni,
}

/// Where the tone goes in "oa", "oe" and "uy" ending a syllable.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToneRule {
    /// Kiểu mới: on the main vowel ("hoà", "thuỷ").
    #[default]
    Modern,
    /// Kiểu cũ: on the first vowel ("hòa", "thủy").
    Old,
}

/// Which earlier versions of each file are kept in `backups/`: versions
/// across time, not only the last few saves (which cover a minute of
/// typing). Old settings files, with only the first and last field, still
/// load; the others take their defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupPolicy {
    /// The most recent saves kept, whatever their age.
    pub keep_last: usize,
    /// Every save of this many last minutes is kept.
    pub keep_all_minutes: u32,
    /// Beyond those, the last save of each hour for this many hours.
    pub keep_hourly_hours: u32,
    /// Beyond those, the last save of each day for this many days.
    pub keep_daily_days: u32,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            keep_last: 20,
            keep_all_minutes: 5,
            keep_hourly_hours: 24,
            keep_daily_days: 30,
        }
    }
}

/// Settings of one workspace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub role: Role,
    /// Tên chi bộ.
    pub cell_name: String,
    /// The member whose notebook this is, for a member's workspace.
    pub owner: Option<MemberId>,
    pub language: Language,
    pub text_size: TextSize,
    pub theme: ThemeChoice,
    pub backups: BackupPolicy,
    /// Study themes the user added or corrected; they win over built-ins
    /// with the same id.
    pub user_themes: Vec<Theme>,
    /// The folder the last export went to, offered first the next time.
    pub export_folder: Option<String>,
    /// The format of the last export ("pdf", "docx", "xlsx", "md"),
    /// offered first the next time.
    pub export_format: Option<String>,
    /// A folder shared with the cell (a Syncthing, Nextcloud, OneDrive or
    /// Google Drive folder, or a network share) that holds the members'
    /// notebooks and the cell's files instead of this workspace folder.
    /// Settings, backups and the lock stay here, on this machine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_folder: Option<String>,
    /// The built-in Vietnamese typing in every text field.
    pub typing: TypingMode,
    pub tone_rule: ToneRule,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `workspace.ron` written by an earlier version: the backup policy
    /// with its two fields of then, and a text size of then.
    #[test]
    fn settings_of_earlier_versions_load() {
        let old = "(role: Member, cell_name: \"Chi bộ 3\", text_size: Larger, \
                   backups: (keep_last: 7, keep_daily_days: 10))";
        let s: Settings = ron::from_str(old).unwrap();
        assert_eq!(s.text_size, TextSize::Larger);
        assert_eq!(s.backups.keep_last, 7);
        assert_eq!(s.backups.keep_daily_days, 10);
        assert_eq!(
            s.backups.keep_all_minutes,
            BackupPolicy::default().keep_all_minutes
        );
        assert_eq!(
            s.backups.keep_hourly_hours,
            BackupPolicy::default().keep_hourly_hours
        );
    }

    #[test]
    fn text_sizes_step_clearly_and_stop_at_the_ends() {
        let factors: Vec<f32> = TextSize::ALL.iter().map(|s| s.factor()).collect();
        assert_eq!(factors, [1.0, 1.25, 1.5, 2.0]);
        assert_eq!(TextSize::Largest.bigger(), TextSize::Largest);
        assert_eq!(TextSize::Normal.smaller(), TextSize::Normal);
        assert_eq!(TextSize::Large.bigger(), TextSize::Larger);
        assert_eq!(TextSize::Large.smaller(), TextSize::Normal);
    }
}
