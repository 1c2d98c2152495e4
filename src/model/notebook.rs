//! A member's notebook: who the member is, and one year book per year.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Date, Year, YearBook};

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
    pub revision: u32,
}
