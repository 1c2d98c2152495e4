//! The fixed vocabularies of the notebooks: areas, periods, statuses,
//! entry kinds and the four levels of the year-end classification. Their
//! names as people read them are in the translation table (`crate::i18n`).

use serde::{Deserialize, Serialize};

/// The area a commitment belongs to (lĩnh vực), in the order of the
/// year-end self-review form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Area {
    /// Tư tưởng chính trị.
    PoliticalIdeology,
    /// Đạo đức, lối sống.
    EthicsLifestyle,
    /// Ý thức tổ chức kỷ luật.
    Discipline,
    /// Tác phong, lề lối làm việc; nêu gương.
    WorkingStyle,
    /// Thực hiện chức trách, nhiệm vụ được giao.
    Duties,
    /// Khắc phục hạn chế, khuyết điểm.
    FixingShortcomings,
    /// Nội dung khác.
    Other,
}

impl Area {
    pub const ALL: [Area; 7] = [
        Area::PoliticalIdeology,
        Area::EthicsLifestyle,
        Area::Discipline,
        Area::WorkingStyle,
        Area::Duties,
        Area::FixingShortcomings,
        Area::Other,
    ];
}

/// A stretch of the year that progress is recorded for (kỳ theo dõi).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Period {
    /// Tháng 1–12.
    Month(u8),
    /// Quý 1–4.
    Quarter(u8),
    /// 6 tháng đầu năm (1) or cuối năm (2).
    Half(u8),
    /// Cả năm.
    Year,
}

impl Period {
    /// Whether the number inside is in range (month 1–12, quarter 1–4, half 1–2).
    pub fn is_valid(self) -> bool {
        match self {
            Period::Month(m) => (1..=12).contains(&m),
            Period::Quarter(q) => (1..=4).contains(&q),
            Period::Half(h) => (1..=2).contains(&h),
            Period::Year => true,
        }
    }

    /// The last month the period covers, 1–12 for a valid period; an
    /// out-of-range one saturates rather than overflowing.
    pub fn last_month(self) -> u8 {
        match self {
            Period::Month(m) => m,
            Period::Quarter(q) => q.saturating_mul(3),
            Period::Half(h) => h.saturating_mul(6),
            Period::Year => 12,
        }
    }
}

/// How far a commitment has got (tình trạng thực hiện).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Status {
    /// Chưa thực hiện.
    #[default]
    NotStarted,
    /// Đang thực hiện.
    InProgress,
    /// Đã hoàn thành.
    Done,
    /// Không đạt.
    NotAchieved,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::NotAchieved,
    ];
}

/// What a notebook entry records (loại ghi chép).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum EntryKind {
    /// Học tập.
    #[default]
    Study,
    /// Rèn luyện, làm theo.
    Practice,
    /// Sinh hoạt chi bộ.
    CellMeeting,
    /// Khác.
    Other,
}

impl EntryKind {
    pub const ALL: [EntryKind; 4] = [
        EntryKind::Study,
        EntryKind::Practice,
        EntryKind::CellMeeting,
        EntryKind::Other,
    ];
}

/// The year-end classification (mức xếp loại chất lượng).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Hoàn thành xuất sắc nhiệm vụ.
    Excellent,
    /// Hoàn thành tốt nhiệm vụ.
    Good,
    /// Hoàn thành nhiệm vụ.
    Completed,
    /// Không hoàn thành nhiệm vụ.
    NotCompleted,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Excellent,
        Level::Good,
        Level::Completed,
        Level::NotCompleted,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_know_their_range_and_last_month() {
        assert!(Period::Month(12).is_valid());
        assert!(!Period::Month(13).is_valid());
        assert!(!Period::Quarter(0).is_valid());
        assert_eq!(Period::Quarter(2).last_month(), 6);
        assert_eq!(Period::Half(2).last_month(), 12);
    }

    #[test]
    fn out_of_range_periods_do_not_overflow() {
        assert_eq!(Period::Quarter(200).last_month(), u8::MAX);
        assert_eq!(Period::Half(100).last_month(), u8::MAX);
        assert_eq!(Period::Quarter(0).last_month(), 0);
    }
}
