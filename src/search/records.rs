//! The records search covers, read out of a year book or the cell's
//! meeting of the year: what each is (kind, area, where it lives) and its
//! text fields.

use uuid::Uuid;

use crate::model::{Area, Meeting, Period, YearBook};

/// The kinds of record search covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Cam kết: content, measures, product.
    Commitment,
    /// Kết quả thực hiện: result and evidence.
    Progress,
    /// Ghi chép: title and text.
    Entry,
    /// Tự kiểm điểm: one section or criterion's answer.
    SelfReview,
    /// Nhận xét của chi bộ.
    Remark,
    /// Biên bản họp: the cell's year-end meeting, its proceedings and
    /// conclusion. The cell's own, not a member's.
    Meeting,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Commitment,
        Kind::Progress,
        Kind::Entry,
        Kind::SelfReview,
        Kind::Remark,
        Kind::Meeting,
    ];

    /// The word the command line takes and prints.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Commitment => "commitment",
            Kind::Progress => "progress",
            Kind::Entry => "entry",
            Kind::SelfReview => "self-review",
            Kind::Remark => "remark",
            Kind::Meeting => "meeting",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Which record of a year book (or the cell's meeting) a hit is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Commitment(Uuid),
    Progress {
        commitment: Uuid,
        period: Period,
    },
    Entry(Uuid),
    /// The answer under a section or criterion key.
    SelfReview(String),
    Remark(Uuid),
    /// The cell's notes on the member's year: the summary of comments at
    /// the year-end meeting and the chi ủy's assessment.
    CellNote,
    /// The cell's meeting of the year (its minutes), not a member's.
    Meeting,
}

impl Target {
    pub fn kind(&self) -> Kind {
        match self {
            Target::Commitment(_) => Kind::Commitment,
            Target::Progress { .. } => Kind::Progress,
            Target::Entry(_) => Kind::Entry,
            Target::SelfReview(_) => Kind::SelfReview,
            Target::Remark(_) | Target::CellNote => Kind::Remark,
            Target::Meeting => Kind::Meeting,
        }
    }

    /// The record's id as the command line prints it.
    pub fn id(&self) -> String {
        match self {
            Target::Commitment(id) | Target::Entry(id) | Target::Remark(id) => id.to_string(),
            Target::Progress { commitment, period } => {
                let p = match period {
                    Period::Month(m) => format!("m{m}"),
                    Period::Quarter(q) => format!("q{q}"),
                    Period::Half(h) => format!("h{h}"),
                    Period::Year => "year".to_owned(),
                };
                format!("{commitment}/{p}")
            }
            Target::SelfReview(key) => key.clone(),
            Target::CellNote => "cell-note".to_owned(),
            Target::Meeting => "meeting".to_owned(),
        }
    }
}

/// One record's text, as search reads it.
pub struct Record<'a> {
    pub target: Target,
    /// The commitment's area (for progress and remarks, their
    /// commitment's), when there is one.
    pub area: Option<Area>,
    pub fields: Vec<&'a str>,
}

/// Every record of a year book search covers, in the order hits are
/// listed: commitments, progress, entries, self-review, remarks.
pub fn records(book: &YearBook) -> Vec<Record<'_>> {
    let area_of = |id: Uuid| book.commitment(id).map(|c| c.area);
    let mut out = Vec::new();
    for c in &book.commitments {
        out.push(Record {
            target: Target::Commitment(c.id),
            area: Some(c.area),
            fields: vec![&c.content, &c.measures, &c.product],
        });
    }
    for p in &book.progress {
        out.push(Record {
            target: Target::Progress {
                commitment: p.commitment,
                period: p.period,
            },
            area: area_of(p.commitment),
            fields: vec![&p.result, &p.evidence],
        });
    }
    for e in &book.entries {
        out.push(Record {
            target: Target::Entry(e.id),
            area: None,
            fields: vec![&e.title, &e.text],
        });
    }
    if let Some(review) = &book.self_review {
        for (key, answer) in &review.answers {
            out.push(Record {
                target: Target::SelfReview(key.clone()),
                area: None,
                fields: vec![&answer.text],
            });
        }
    }
    for r in &book.cell_review.remarks {
        out.push(Record {
            target: Target::Remark(r.id),
            area: r.commitment.and_then(area_of),
            fields: vec![&r.text],
        });
    }
    let note = cell_note(book);
    if note.iter().any(|t| !t.trim().is_empty()) {
        out.push(Record {
            target: Target::CellNote,
            area: None,
            fields: note,
        });
    }
    out
}

/// The record of the cell's meeting of a year, when its minutes say
/// anything.
pub fn meeting_record(meeting: &Meeting) -> Option<Record<'_>> {
    let fields = meeting_fields(meeting);
    let said = fields.iter().any(|t| !t.trim().is_empty());
    said.then_some(Record {
        target: Target::Meeting,
        area: None,
        fields,
    })
}

/// The meeting's proceedings, then its conclusion.
pub fn meeting_fields(meeting: &Meeting) -> Vec<&str> {
    vec![&meeting.proceedings, &meeting.conclusion]
}

/// The meeting's comments on the member, then each criterion's assessment.
fn cell_note(book: &YearBook) -> Vec<&str> {
    let d = &book.cell_review.decision;
    std::iter::once(d.comments.as_str())
        .chain(d.assessment.values().map(String::as_str))
        .collect()
}

/// The text fields of one record, when the book still holds it (never
/// for the meeting, which no book holds: `meeting_fields`).
pub fn fields<'a>(book: &'a YearBook, target: &Target) -> Option<Vec<&'a str>> {
    Some(match target {
        Target::Commitment(id) => {
            let c = book.commitment(*id)?;
            vec![&c.content, &c.measures, &c.product]
        }
        Target::Progress { commitment, period } => {
            let p = book.progress_for(*commitment, *period)?;
            vec![&p.result, &p.evidence]
        }
        Target::Entry(id) => {
            let e = book.entry(*id)?;
            vec![&e.title, &e.text]
        }
        Target::SelfReview(key) => vec![&book.self_review.as_ref()?.answers.get(key)?.text],
        Target::Remark(id) => {
            let r = book.cell_review.remarks.iter().find(|r| r.id == *id)?;
            vec![&r.text]
        }
        Target::CellNote => cell_note(book),
        Target::Meeting => return None,
    })
}
