//! One year of a member's notebook: the registration of commitments, the
//! progress records, the free entries, the self-review, and the cell's review.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Area, Date, EntryKind, Level, MemberId, Period, Rating, Score, Status, Text, Year};

/// A member's book for one year.
///
/// Every collection is kept sorted by its record's `sort_key`, so that the
/// position of a record follows from the record itself: putting a record back
/// restores exactly the book it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearBook {
    /// The study theme (chuyên đề) the year is tied to.
    pub theme_id: String,
    pub registration: Registration,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    #[serde(default)]
    pub progress: Vec<ProgressRecord>,
    #[serde(default)]
    pub entries: Vec<Entry>,
    #[serde(default)]
    pub self_review: Option<SelfReview>,
    /// The cell's part of the year. It is owned by the cell and kept in a
    /// file of its own (`cell/<id>.ron`, see `CellPart`), so it is never
    /// written with the member's notebook; in memory the two are joined.
    #[serde(skip)]
    pub cell_review: CellReview,
}

impl YearBook {
    pub fn new(theme_id: impl Into<String>) -> Self {
        YearBook {
            theme_id: theme_id.into(),
            registration: Registration::default(),
            commitments: Vec::new(),
            progress: Vec::new(),
            entries: Vec::new(),
            self_review: None,
            cell_review: CellReview::default(),
        }
    }

    pub fn commitment(&self, id: Uuid) -> Option<&Commitment> {
        self.commitments.iter().find(|c| c.id == id)
    }

    pub fn progress_for(&self, commitment: Uuid, period: Period) -> Option<&ProgressRecord> {
        self.progress
            .binary_search_by(|p| p.sort_key().cmp(&(commitment, period)))
            .ok()
            .map(|i| &self.progress[i])
    }

    pub fn entry(&self, id: Uuid) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

/// The registration at the start of the year (đăng ký cam kết).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Registration {
    /// Ngày đăng ký.
    pub date: Option<Date>,
    pub revision: u32,
}

/// One commitment the member registers (nội dung cam kết).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: Uuid,
    pub area: Area,
    /// Nội dung đăng ký.
    pub content: Text,
    /// Giải pháp, biện pháp thực hiện.
    #[serde(default)]
    pub measures: Text,
    /// Sản phẩm cụ thể.
    #[serde(default)]
    pub product: Text,
    /// Thời hạn.
    #[serde(default)]
    pub deadline: Option<Date>,
    /// Position within its area, smallest first.
    pub order: u32,
    #[serde(default)]
    pub revision: u32,
}

impl Commitment {
    pub fn sort_key(&self) -> (Area, u32, Uuid) {
        (self.area, self.order, self.id)
    }
}

/// How one commitment stood in one period (kết quả thực hiện).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgressRecord {
    pub commitment: Uuid,
    pub period: Period,
    pub status: Status,
    /// Kết quả thực hiện.
    #[serde(default)]
    pub result: Text,
    /// Minh chứng.
    #[serde(default)]
    pub evidence: Text,
    /// Ngày ghi.
    pub written_on: Date,
    #[serde(default)]
    pub revision: u32,
}

impl ProgressRecord {
    pub fn sort_key(&self) -> (Uuid, Period) {
        (self.commitment, self.period)
    }
}

/// A free entry in the notebook of study and practice (ghi chép).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: Uuid,
    pub date: Date,
    pub kind: EntryKind,
    pub title: Text,
    #[serde(default)]
    pub text: Text,
    /// Commitments this entry is evidence for.
    #[serde(default)]
    pub commitments: Vec<Uuid>,
    #[serde(default)]
    pub revision: u32,
}

impl Entry {
    pub fn sort_key(&self) -> (Date, Uuid) {
        (self.date, self.id)
    }
}

/// The member's year-end self-review (bản tự kiểm điểm), written in the
/// year's form: an answer per section and criterion of the form, by key
/// (see `FormSpec`), so that a key means the same thing in every year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelfReview {
    /// The form's mark (e.g. "02A-HD KĐ.ĐG"); empty until first written.
    pub form: String,
    /// Answers by section or criterion key; empty answers are left out.
    pub answers: BTreeMap<String, Answer>,
    /// Conditions of the level (keys) the member states hold.
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub declared: BTreeSet<String>,
    /// Tự nhận mức xếp loại.
    pub proposed_level: Option<Level>,
    /// Tự chấm điểm, in years whose rules use points.
    pub score: Option<Score>,
    /// Ngày viết.
    pub written_on: Option<Date>,
    pub revision: u32,
}

impl SelfReview {
    /// The text answered under a key ("" when none).
    pub fn text(&self, key: &str) -> &str {
        self.answers.get(key).map_or("", |a| a.text.as_str())
    }

    /// The rating given under a key.
    pub fn rating(&self, key: &str) -> Option<Rating> {
        self.answers.get(key).and_then(|a| a.rating)
    }

    /// The answer under a key, made if missing.
    pub fn answer_mut(&mut self, key: &str) -> &mut Answer {
        self.answers.entry(key.to_owned()).or_default()
    }

    /// Sets the text under a key, leaving out an answer left empty.
    pub fn set_text(&mut self, key: &str, text: impl Into<Text>) {
        let answer = self.answer_mut(key);
        answer.text = text.into();
        if answer.is_empty() {
            self.answers.remove(key);
        }
    }

    /// Sets the rating under a key, leaving out an answer left empty.
    pub fn set_rating(&mut self, key: &str, rating: Option<Rating>) {
        let answer = self.answer_mut(key);
        answer.rating = rating;
        if answer.is_empty() {
            self.answers.remove(key);
        }
    }

    /// Whether anything at all is written.
    pub fn has_text(&self) -> bool {
        self.answers.values().any(|a| !a.text.trim().is_empty())
    }
}

/// The answer to one section or criterion: its text and, where the form
/// rates it, its rating.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answer {
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.rating.is_none()
    }
}

/// What the cell writes about the member's year; owned by the cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CellReview {
    pub remarks: Vec<Remark>,
    pub decision: CellDecision,
}

impl CellReview {
    /// Nothing written: no remark and an untouched decision.
    pub fn is_empty(&self) -> bool {
        self.remarks.is_empty() && self.decision == CellDecision::default()
    }
}

/// The cell's part for one member, every year of it: what the cell's file
/// for that member (`cell/<id>.ron`) holds, and what the secretary hands
/// back to the member.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CellPart {
    pub member: MemberId,
    pub years: BTreeMap<Year, CellReview>,
}

/// A remark of the cell (nhận xét của chi bộ) on a period, and optionally on
/// one commitment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Remark {
    pub id: Uuid,
    pub period: Period,
    #[serde(default)]
    pub commitment: Option<Uuid>,
    pub author: Text,
    pub date: Date,
    pub text: Text,
    #[serde(default)]
    pub revision: u32,
}

impl Remark {
    pub fn sort_key(&self) -> (Date, Uuid) {
        (self.date, self.id)
    }
}

/// The cell's word on the year: the level it proposes, the level the
/// party committee decides, and the secretary's sign-off (xếp loại và ký
/// xác nhận). Files written before the proposal and the decision's number
/// existed load with them empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CellDecision {
    /// Mức xếp loại chi bộ đề xuất (after the cell's vote).
    pub proposed_level: Option<Level>,
    /// Mức xếp loại cấp ủy quyết định (the final level).
    pub final_level: Option<Level>,
    /// Số quyết định of the party committee, e.g. "125-QĐ/ĐU".
    pub decision_number: String,
    /// Ngày quyết định.
    pub decided_on: Option<Date>,
    /// Điểm chi bộ chấm, in years whose rules use points.
    pub score: Option<Score>,
    /// Chi ủy's assessment (nhận xét, đánh giá của chi ủy) per criterion
    /// of the year's form, by the form's keys; empty texts are left out.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub assessment: BTreeMap<String, String>,
    /// Tóm tắt ý kiến đóng góp at the year-end meeting.
    pub comments: String,
    /// The vote at the meeting: how many members voted for each level.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub votes: BTreeMap<Level, u32>,
    /// Họ tên bí thư chi bộ.
    pub secretary: String,
    /// Ngày ký xác nhận.
    pub signed_on: Option<Date>,
    pub revision: u32,
}

impl CellDecision {
    /// Signed: the secretary's name and the date are both written.
    pub fn is_signed(&self) -> bool {
        self.signed_on.is_some() && !self.secretary.trim().is_empty()
    }
}
