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

/// Text size steps for readers who need larger letters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSize {
    Normal,
    #[default]
    Large,
    Larger,
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

/// How many earlier versions of each notebook file are kept in `backups/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupPolicy {
    /// The most recent saves kept, whatever their age.
    pub keep_last: usize,
    /// Beyond those, the last save of each day is kept for this many days.
    pub keep_daily_days: u32,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        BackupPolicy {
            keep_last: 20,
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
