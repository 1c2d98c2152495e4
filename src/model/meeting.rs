//! The cell's own records of the year (DESIGN.md, `cell/…`): the year-end
//! meeting of review and classification (họp chi bộ kiểm điểm, đánh giá,
//! xếp loại đảng viên). Owned by the cell; what the meeting said about each
//! member (comments, votes, the proposed level) is in that member's
//! `CellDecision`.

use serde::{Deserialize, Serialize};

use super::{Date, MemberId};

/// The year-end meeting of the cell, as its minutes (biên bản) record it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meeting {
    /// Ngày họp.
    pub date: Option<Date>,
    /// Giờ bắt đầu, as written on the minutes (e.g. "14 giờ 00").
    pub starts_at: String,
    /// Giờ kết thúc.
    pub ends_at: String,
    /// Địa điểm (e.g. "Hội trường văn phòng ấp Tân Định").
    pub place: String,
    /// Chủ trì (usually the secretary).
    pub chair: String,
    /// Thư ký (the minute-taker).
    pub minute_taker: String,
    /// Tổng số đảng viên của chi bộ, when it differs from the notebooks
    /// kept here (a member whose notebook is elsewhere still counts).
    pub members_total: Option<u32>,
    /// Đảng viên vắng mặt, each with the reason.
    pub absent: Vec<Absence>,
    /// Đại biểu dự (guests from the party committee above).
    pub guests: Vec<Guest>,
    /// Nội dung, diễn biến: what was read and discussed, in order.
    pub proceedings: String,
    /// Kết luận của chủ trì (the chair's conclusion).
    pub conclusion: String,
    pub revision: u32,
}

/// A member absent from the meeting (vắng mặt) and why (có lý do / không).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Absence {
    /// The member, when their notebook is kept here.
    pub member: Option<MemberId>,
    /// Họ và tên, as the minutes print it.
    pub name: String,
    /// Lý do vắng mặt; empty means without a stated reason.
    pub reason: String,
}

/// A guest at the meeting (đại biểu), e.g. the party committee's member
/// in charge of the cell.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Guest {
    /// Họ và tên.
    pub name: String,
    /// Chức vụ (e.g. "Đảng ủy viên, phụ trách chi bộ").
    pub post: String,
}

impl Meeting {
    /// Members present, given how many members the cell has.
    pub fn present(&self, total: u32) -> u32 {
        total.saturating_sub(self.absent.len() as u32)
    }
}
