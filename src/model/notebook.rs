//! A member's notebook: who the member is, and one year book per year.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CellPart, Date, SetApart, Year, YearBook};

/// The stable id of a member's notebook; also the name of its file.
pub type MemberId = Uuid;

/// Everything one member keeps (sổ của một đảng viên).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notebook {
    pub id: MemberId,
    pub profile: Profile,
    /// One book per year, oldest first.
    #[serde(default)]
    pub years: BTreeMap<Year, YearBook>,
}

impl Notebook {
    pub fn new(id: MemberId, profile: Profile) -> Self {
        Notebook {
            id,
            profile,
            years: BTreeMap::new(),
        }
    }

    /// Gives back the spare room its lists grew while being read, which
    /// is a quarter of their memory on average.
    pub fn shrink_to_fit(&mut self) {
        for book in self.years.values_mut() {
            book.commitments.shrink_to_fit();
            book.progress.shrink_to_fit();
            book.entries.shrink_to_fit();
            book.entries
                .iter_mut()
                .for_each(|e| e.commitments.shrink_to_fit());
        }
    }

    /// The member's own part: the notebook with the cell's part left out
    /// (what `notebooks/<id>.ron` holds, and what the member hands in).
    pub fn own_part(&self) -> Notebook {
        let mut own = self.clone();
        own.years
            .values_mut()
            .for_each(|b| b.cell_review = Default::default());
        own
    }

    /// The cell's part of every year that has one.
    pub fn cell_part(&self) -> CellPart {
        CellPart {
            member: self.id,
            years: self
                .years
                .iter()
                .filter(|(_, book)| !book.cell_review.is_empty())
                .map(|(year, book)| (*year, book.cell_review.clone()))
                .collect(),
        }
    }
}

/// Sex as written on the party forms (giới tính).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sex {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

/// The member's personal details (sơ yếu lý lịch), owned by the member.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Họ và tên.
    pub full_name: String,
    /// Ngày sinh.
    pub birth_date: Option<Date>,
    /// Giới tính.
    pub sex: Option<Sex>,
    /// Ngày vào Đảng.
    pub joined_party: Option<Date>,
    /// Ngày chính thức.
    pub made_official: Option<Date>,
    /// Số thẻ đảng viên, if the member has one yet.
    pub card_number: Option<String>,
    /// Chức vụ Đảng (e.g. "Chi ủy viên").
    pub party_post: String,
    /// Chức vụ chính quyền (e.g. "Trưởng ấp").
    pub government_post: String,
    /// Chức vụ đoàn thể (e.g. "Chi hội trưởng Hội Nông dân").
    pub mass_post: String,
    /// Đơn vị công tác, nơi làm việc.
    pub workplace: String,
    /// Chi bộ.
    pub cell: String,
    /// Đảng bộ cấp trên trực tiếp của chi bộ (e.g. "Đảng bộ xã Tân Phong"),
    /// for the header of the printed papers.
    pub party_committee: String,
    /// Giữ chức vụ lãnh đạo, quản lý: picks the leaders' self-review form.
    pub leader: bool,
    /// Không làm việc trong hệ thống chính trị (retired, private sector):
    /// picks that form where the year has one (2C from 2025).
    pub outside_system: bool,
    /// Years in which the member is excused or suspended.
    pub set_apart: BTreeMap<Year, SetApart>,
    /// Months of sick leave in a year (tổng thời gian nghỉ ốm), where any.
    pub sick_leave_months: BTreeMap<Year, u8>,
    pub revision: u32,
}

/// Whether a member is full or probationary (chính thức / dự bị).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// Đảng viên dự bị, since the day of admission.
    Probationary,
    /// Đảng viên chính thức.
    Full,
}

impl Profile {
    /// The member's standing on a day, from the dates of admission and of
    /// becoming a full member; none before admission (or with no date).
    pub fn standing_on(&self, day: Date) -> Option<Standing> {
        match (self.joined_party, self.made_official) {
            (_, Some(official)) if official <= day => Some(Standing::Full),
            (Some(joined), _) if joined <= day => Some(Standing::Probationary),
            _ => None,
        }
    }
}
