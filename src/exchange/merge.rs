//! Merging an exchange file into the workspace, record by record, by id and
//! revision (DESIGN.md, "Exchange").
//!
//! Each side remembers, per member, the revision of every record it last
//! received from the other side (`Received`). Against that base a record
//! is taken when only the other side changed it, kept when only this side
//! did (or the file is older), removed when the other side removed it and
//! this side had not changed it, and kept in both versions as a conflict
//! when both changed it. Nothing is dropped silently: every decision is
//! counted in the summary shown before the import.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Body, Exchange, Header, Kind, Refusal};
use crate::model::{
    CellDecision, CellPart, Commitment, Entry, MemberId, Notebook, Period, Profile, ProgressRecord,
    Registration, Remark, Role, SelfReview, Year, YearBook,
};
use crate::review::board::fold;
use crate::workspace::WorkspaceData;
use crate::workspace::edit::Edit;

/// One record of either side, as exchange files merge it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RecordKey {
    Profile,
    /// The year's header: its study theme and registration.
    Year(Year),
    Commitment(Year, Uuid),
    Progress(Year, Uuid, Period),
    Entry(Year, Uuid),
    SelfReview(Year),
    Remark(Year, Uuid),
    Decision(Year),
}

impl RecordKey {
    pub fn year(self) -> Option<Year> {
        match self {
            RecordKey::Profile => None,
            RecordKey::Year(y)
            | RecordKey::Commitment(y, _)
            | RecordKey::Progress(y, _, _)
            | RecordKey::Entry(y, _)
            | RecordKey::SelfReview(y)
            | RecordKey::Remark(y, _)
            | RecordKey::Decision(y) => Some(y),
        }
    }
}

/// A record's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RecordValue {
    Profile(Profile),
    Year {
        theme_id: String,
        registration: Registration,
    },
    Commitment(Commitment),
    Progress(ProgressRecord),
    Entry(Entry),
    SelfReview(SelfReview),
    Remark(Remark),
    Decision(CellDecision),
}

impl RecordValue {
    pub fn revision(&self) -> u32 {
        match self {
            RecordValue::Profile(p) => p.revision,
            RecordValue::Year { registration, .. } => registration.revision,
            RecordValue::Commitment(c) => c.revision,
            RecordValue::Progress(p) => p.revision,
            RecordValue::Entry(e) => e.revision,
            RecordValue::SelfReview(r) => r.revision,
            RecordValue::Remark(r) => r.revision,
            RecordValue::Decision(d) => d.revision,
        }
    }
}

/// A record both sides changed since they last exchanged it: this side's
/// version stays in use, the other's is kept here until the owner settles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub key: RecordKey,
    pub theirs: RecordValue,
    /// The exchange file it came in.
    pub file: String,
    pub written_at: Timestamp,
}

/// What this side last received from the other about one member.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Received {
    /// When the last file received was written.
    pub written_at: Option<Timestamp>,
    /// The revision of each record as last received.
    pub revisions: BTreeMap<RecordKey, u32>,
    /// Records that differ on both sides, until settled.
    pub conflicts: Vec<Conflict>,
    /// The other side's versions this side chose not to take when settling
    /// a conflict: the same version coming again is not a conflict again.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub declined: BTreeMap<RecordKey, RecordValue>,
}

/// How many records of a member an import changes, and how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    /// Not here before.
    pub new: usize,
    /// Changed by the other side, taken.
    pub updated: usize,
    /// Removed by the other side, removed here.
    pub removed: usize,
    /// The same on both sides.
    pub same: usize,
    /// Kept as they are here: changed only here, only here, or the file's
    /// version is older.
    pub kept: usize,
    /// Changed on both sides: both versions kept.
    pub conflicts: usize,
}

/// Why part of a file is left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// The cell's part for a member whose notebook is not here.
    NotHere(MemberId),
    /// The cell's part for a year the member's notebook does not have.
    YearMissing(Year),
}

/// What an import does for one member.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberSummary {
    pub member: MemberId,
    pub name: String,
    /// A member not in this workspace before.
    pub new_member: bool,
    pub count: Count,
    pub skipped: Vec<Skipped>,
}

/// An exchange file merged against the workspace, ready to apply: the
/// summary shown first, and the edits that carry it out.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub kind: Kind,
    pub written_at: Timestamp,
    pub members: Vec<MemberSummary>,
    /// Members of the file left out, with the reason.
    pub skipped: Vec<Skipped>,
    pub(crate) edits: Vec<Edit>,
}

impl ImportPlan {
    /// Whether the import would change nothing.
    pub fn changes_nothing(&self) -> bool {
        self.edits.is_empty()
    }

    /// The counts of all members together.
    pub fn total(&self) -> Count {
        let mut t = Count::default();
        for m in &self.members {
            let c = m.count;
            t.new += c.new;
            t.updated += c.updated;
            t.removed += c.removed;
            t.same += c.same;
            t.kept += c.kept;
            t.conflicts += c.conflicts;
        }
        t
    }
}

/// The decision for one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decision {
    Same,
    Take,
    Remove,
    Keep,
    Conflict,
}

fn decide(
    local: Option<&RecordValue>,
    theirs: Option<&RecordValue>,
    base: Option<u32>,
) -> Decision {
    match (local, theirs) {
        (None, None) => Decision::Same,
        (None, Some(_)) => Decision::Take,
        (Some(l), None) if base == Some(l.revision()) => Decision::Remove,
        (Some(_), None) => Decision::Keep,
        (Some(l), Some(t)) if l == t => Decision::Same,
        (Some(l), Some(t)) => {
            let (l, t) = (l.revision(), t.revision());
            match base {
                // Never exchanged: the higher revision is the newer.
                None if t > l => Decision::Take,
                None if t < l => Decision::Keep,
                None => Decision::Conflict,
                // Unchanged here since: theirs, unless the file is older;
                // the same revision with other content was written on
                // another machine from the same base.
                Some(b) if l == b => match t.cmp(&b) {
                    std::cmp::Ordering::Greater => Decision::Take,
                    std::cmp::Ordering::Equal => Decision::Conflict,
                    std::cmp::Ordering::Less => Decision::Keep,
                },
                // Changed here, not there: ours. Unless this side is older
                // than what it received: the receipt was written and the
                // record was not (a crash between the two files).
                Some(b) if t == b => {
                    if l < t {
                        Decision::Take
                    } else {
                        Decision::Keep
                    }
                }
                Some(_) => Decision::Conflict,
            }
        }
    }
}

/// The member's own records of a notebook.
fn member_records(nb: &Notebook) -> BTreeMap<RecordKey, RecordValue> {
    let mut out = BTreeMap::new();
    out.insert(RecordKey::Profile, RecordValue::Profile(nb.profile.clone()));
    for (&y, book) in &nb.years {
        out.insert(
            RecordKey::Year(y),
            RecordValue::Year {
                theme_id: book.theme_id.clone(),
                registration: book.registration.clone(),
            },
        );
        for c in &book.commitments {
            out.insert(
                RecordKey::Commitment(y, c.id),
                RecordValue::Commitment(c.clone()),
            );
        }
        for p in &book.progress {
            out.insert(
                RecordKey::Progress(y, p.commitment, p.period),
                RecordValue::Progress(p.clone()),
            );
        }
        for e in &book.entries {
            out.insert(RecordKey::Entry(y, e.id), RecordValue::Entry(e.clone()));
        }
        if let Some(r) = &book.self_review {
            out.insert(RecordKey::SelfReview(y), RecordValue::SelfReview(r.clone()));
        }
    }
    out
}

/// The cell's records of a member.
fn cell_records(part: &CellPart) -> BTreeMap<RecordKey, RecordValue> {
    let mut out = BTreeMap::new();
    for (&y, review) in &part.years {
        for r in &review.remarks {
            out.insert(RecordKey::Remark(y, r.id), RecordValue::Remark(r.clone()));
        }
        if review.decision != CellDecision::default() {
            out.insert(
                RecordKey::Decision(y),
                RecordValue::Decision(review.decision.clone()),
            );
        }
    }
    out
}

/// Merges a checked exchange file against the workspace, for the side
/// whose role is `role`: nothing changes until the plan's edits are
/// applied (`Action::Import`).
pub fn plan_import(
    data: &WorkspaceData,
    role: Role,
    exchange: &Exchange,
    file: &str,
) -> Result<ImportPlan, Refusal> {
    let kind = exchange.header.kind;
    if kind.owner() == role {
        return Err(Refusal::WrongKind { kind, role });
    }
    let mut plan = ImportPlan {
        kind,
        written_at: exchange.header.written_at,
        members: Vec::new(),
        skipped: Vec::new(),
        edits: Vec::new(),
    };
    let side = role;
    match &exchange.body {
        Body::Members(notebooks) => {
            for nb in notebooks {
                if let Some(here) = data.notebooks.get(&nb.id) {
                    let (a, b) = (fold(&here.profile.full_name), fold(&nb.profile.full_name));
                    if !a.trim().is_empty() && !b.trim().is_empty() && a.trim() != b.trim() {
                        return Err(Refusal::Collides {
                            id: nb.id,
                            here: here.profile.full_name.clone(),
                            there: nb.profile.full_name.clone(),
                        });
                    }
                }
            }
            for nb in notebooks {
                let summary = merge_member(
                    data,
                    side,
                    nb,
                    file,
                    &exchange.header.written_at,
                    &mut plan.edits,
                );
                plan.members.push(summary);
            }
        }
        Body::Cell(parts) => {
            for part in parts {
                let Some(here) = data.notebooks.get(&part.member) else {
                    plan.skipped.push(Skipped::NotHere(part.member));
                    continue;
                };
                let summary = merge_cell(
                    data,
                    side,
                    here,
                    part,
                    (file, &exchange.header),
                    &mut plan.edits,
                );
                plan.members.push(summary);
            }
            if plan.members.is_empty() {
                return Err(Refusal::NotForHere);
            }
        }
    }
    Ok(plan)
}

/// The merge of one member's records, whatever the side.
struct Merge<'a> {
    base: Option<&'a Received>,
    received: Received,
    count: Count,
    file: &'a str,
    written_at: Timestamp,
}

impl<'a> Merge<'a> {
    fn new(base: Option<&'a Received>, file: &'a str, written_at: Timestamp) -> Merge<'a> {
        Merge {
            base,
            received: Received {
                written_at: Some(written_at),
                ..Received::default()
            },
            count: Count::default(),
            file,
            written_at,
        }
    }

    /// Decides every record the file covers (`years`: all when `None`),
    /// and calls `act` for each record to take or remove.
    fn run(
        &mut self,
        local: &BTreeMap<RecordKey, RecordValue>,
        theirs: &BTreeMap<RecordKey, RecordValue>,
        years: Option<&[Year]>,
        mut act: impl FnMut(RecordKey, Option<&RecordValue>, Decision),
    ) {
        let covered =
            |k: &RecordKey| years.is_none_or(|ys| k.year().is_none_or(|y| ys.contains(&y)));
        let mut keys: Vec<RecordKey> = local
            .keys()
            .chain(theirs.keys())
            .filter(|k| covered(k))
            .copied()
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let (l, t) = (local.get(&key), theirs.get(&key));
            // Once a member's part has been received, a record of it kept
            // here and missing from the receipt came from an earlier file
            // too (the receipt is written before the records, and a crash
            // between them leaves the receipt a step ahead): its own
            // revision is its base.
            let base = self.base.and_then(|b| {
                b.revisions
                    .get(&key)
                    .copied()
                    .or_else(|| l.map(RecordValue::revision))
            });
            let declined = self.base.and_then(|b| b.declined.get(&key));
            let decision = match decide(l, t, base) {
                Decision::Conflict if t.is_some() && declined == t => {
                    self.received
                        .declined
                        .insert(key, t.cloned().expect("checked"));
                    Decision::Keep
                }
                d => d,
            };
            if let Some(t) = t {
                self.received.revisions.insert(key, t.revision());
            }
            match decision {
                Decision::Same => self.count.same += 1,
                Decision::Take if l.is_none() => self.count.new += 1,
                Decision::Take => self.count.updated += 1,
                Decision::Remove => self.count.removed += 1,
                Decision::Keep => self.count.kept += 1,
                Decision::Conflict => {
                    self.count.conflicts += 1;
                    self.received.conflicts.push(Conflict {
                        key,
                        theirs: t.cloned().expect("a conflict has their version"),
                        file: self.file.to_owned(),
                        written_at: self.written_at,
                    });
                }
            }
            if matches!(decision, Decision::Take | Decision::Remove) {
                act(key, t, decision);
            }
        }
        if let Some(base) = self.base {
            // Earlier conflicts stay until a file settles them: their
            // record is the same on both sides now, or newer there.
            for c in &base.conflicts {
                let settled = theirs.get(&c.key).is_some_and(|t| {
                    local.get(&c.key) == Some(t) || t.revision() > c.theirs.revision()
                });
                let again = self.received.conflicts.iter().any(|n| n.key == c.key);
                let settled_here = covered(&c.key) && settled;
                if !settled_here && !again {
                    self.received.conflicts.push(c.clone());
                }
            }
            // What the file does not cover is remembered as it was.
            for (key, rev) in &base.revisions {
                if !covered(key) {
                    self.received.revisions.insert(*key, *rev);
                }
            }
            for (key, value) in &base.declined {
                if !covered(key) {
                    self.received.declined.insert(*key, value.clone());
                }
            }
        }
        self.received.conflicts.sort_by_key(|c| c.key);
    }

    fn finish(self, side: Role, member: MemberId, edits: &mut Vec<Edit>) -> Count {
        let changed = self.base != Some(&self.received);
        if changed {
            edits.push(Edit::Received {
                side,
                member,
                value: Some(Box::new(self.received)),
            });
        }
        self.count
    }
}

fn merge_member(
    data: &WorkspaceData,
    side: Role,
    nb: &Notebook,
    file: &str,
    written_at: &Timestamp,
    edits: &mut Vec<Edit>,
) -> MemberSummary {
    let member = nb.id;
    let base = data.received.get(&side).and_then(|m| m.get(&member));
    let mut merge = Merge::new(base, file, *written_at);
    let theirs = member_records(nb);
    let Some(here) = data.notebooks.get(&member) else {
        merge.run(&BTreeMap::new(), &theirs, None, |_, _, _| {});
        edits.push(Edit::Notebook {
            member,
            value: Some(Arc::new(nb.own_part())),
        });
        let count = merge.finish(side, member, edits);
        return MemberSummary {
            member,
            name: nb.profile.full_name.clone(),
            new_member: true,
            count,
            skipped: Vec::new(),
        };
    };
    let local = member_records(here);
    // Years that come or go whole carry their records with them.
    let mut whole_years: Vec<Year> = Vec::new();
    merge.run(&local, &theirs, None, |key, value, decision| {
        if key.year().is_some_and(|y| whole_years.contains(&y)) {
            return;
        }
        if let Some(edit) = member_edit(member, here, Some(nb), key, value, decision) {
            if let RecordKey::Year(y) = key
                && (decision == Decision::Remove || !here.years.contains_key(&y))
            {
                whole_years.push(y);
            }
            edits.push(edit);
        }
    });
    let count = merge.finish(side, member, edits);
    MemberSummary {
        member,
        name: nb.profile.full_name.clone(),
        new_member: false,
        count,
        skipped: Vec::new(),
    }
}

/// The edit that takes or removes one of the member's records.
fn member_edit(
    member: MemberId,
    here: &Notebook,
    theirs: Option<&Notebook>,
    key: RecordKey,
    value: Option<&RecordValue>,
    decision: Decision,
) -> Option<Edit> {
    let take = decision == Decision::Take;
    Some(match (key, value) {
        (RecordKey::Profile, Some(RecordValue::Profile(p))) => Edit::Profile {
            member,
            value: p.clone(),
        },
        (RecordKey::Year(y), _) if !take => Edit::Year {
            member,
            year: y,
            value: None,
        },
        (
            RecordKey::Year(y),
            Some(RecordValue::Year {
                theme_id,
                registration,
            }),
        ) => {
            if here.years.contains_key(&y) {
                Edit::YearHeader {
                    member,
                    year: y,
                    theme_id: theme_id.clone(),
                    registration: registration.clone(),
                }
            } else {
                let mut book: YearBook = theirs?.years.get(&y)?.clone();
                book.cell_review = Default::default();
                Edit::Year {
                    member,
                    year: y,
                    value: Some(Box::new(book)),
                }
            }
        }
        (RecordKey::Commitment(y, id), v) => Edit::Commitment {
            member,
            year: y,
            id,
            value: match v {
                Some(RecordValue::Commitment(c)) if take => Some(c.clone()),
                _ => None,
            },
        },
        (RecordKey::Progress(y, c, p), v) => Edit::Progress {
            member,
            year: y,
            key: (c, p),
            value: match v {
                Some(RecordValue::Progress(r)) if take => Some(r.clone()),
                _ => None,
            },
        },
        (RecordKey::Entry(y, id), v) => Edit::Entry {
            member,
            year: y,
            id,
            value: match v {
                Some(RecordValue::Entry(e)) if take => Some(e.clone()),
                _ => None,
            },
        },
        (RecordKey::SelfReview(y), v) => Edit::SelfReview {
            member,
            year: y,
            value: match v {
                Some(RecordValue::SelfReview(r)) if take => Some(r.clone()),
                _ => None,
            },
        },
        _ => return None,
    })
}

fn merge_cell(
    data: &WorkspaceData,
    side: Role,
    here: &Notebook,
    part: &CellPart,
    (file, header): (&str, &Header),
    edits: &mut Vec<Edit>,
) -> MemberSummary {
    let member = part.member;
    let base = data.received.get(&side).and_then(|m| m.get(&member));
    let mut merge = Merge::new(base, file, header.written_at);
    let mut skipped = Vec::new();
    let mut part = part.clone();
    part.years.retain(|y, _| {
        let kept = here.years.contains_key(y);
        if !kept {
            skipped.push(Skipped::YearMissing(*y));
        }
        kept
    });
    let theirs = cell_records(&part);
    // The years the file covers, even those the cell left empty.
    let years: &[Year] = &header
        .years
        .iter()
        .filter(|y| here.years.contains_key(y))
        .copied()
        .collect::<Vec<_>>();
    let mut local_part = data.cell_part(member);
    local_part.years.retain(|y, _| here.years.contains_key(y));
    let local = cell_records(&local_part);
    merge.run(&local, &theirs, Some(years), |key, value, decision| {
        edits.extend(cell_edit(member, key, value, decision));
    });
    let count = merge.finish(side, member, edits);
    MemberSummary {
        member,
        name: here.profile.full_name.clone(),
        new_member: false,
        count,
        skipped,
    }
}

/// The edit that takes or removes one of the cell's records.
fn cell_edit(
    member: MemberId,
    key: RecordKey,
    value: Option<&RecordValue>,
    decision: Decision,
) -> Option<Edit> {
    let take = decision == Decision::Take;
    Some(match key {
        RecordKey::Remark(year, id) => Edit::Remark {
            member,
            year,
            id,
            value: match value {
                Some(RecordValue::Remark(r)) if take => Some(r.clone()),
                _ => None,
            },
        },
        RecordKey::Decision(year) => Edit::Decision {
            member,
            year,
            value: match value {
                Some(RecordValue::Decision(d)) if take => d.clone(),
                _ => CellDecision::default(),
            },
        },
        _ => return None,
    })
}

/// Settles a conflict kept from an import: keeps this side's version, or
/// takes the other's; either way the conflict is gone, in one undo step.
pub(crate) fn settle_conflict(
    data: &WorkspaceData,
    side: Role,
    member: MemberId,
    key: RecordKey,
    take_theirs: bool,
) -> Result<Vec<Edit>, crate::workspace::ActionError> {
    use crate::workspace::ActionError;
    if side != data.settings.role {
        return Err(ActionError::NotYourPart(data.settings.role));
    }
    let received = data
        .received
        .get(&side)
        .and_then(|m| m.get(&member))
        .ok_or(ActionError::UnknownConflict)?;
    let conflict = received
        .conflicts
        .iter()
        .find(|c| c.key == key)
        .ok_or(ActionError::UnknownConflict)?;
    let here = data
        .notebooks
        .get(&member)
        .ok_or(ActionError::UnknownMember)?;
    let mut edits = Vec::new();
    if take_theirs {
        let value = Some(&conflict.theirs);
        let edit = match key {
            RecordKey::Remark(..) | RecordKey::Decision(_) => {
                cell_edit(member, key, value, Decision::Take)
            }
            _ => member_edit(member, here, None, key, value, Decision::Take),
        };
        edits.extend(edit);
    }
    let mut kept = received.clone();
    kept.conflicts.retain(|c| c.key != key);
    if !take_theirs {
        kept.declined.insert(key, conflict.theirs.clone());
    }
    edits.push(Edit::Received {
        side,
        member,
        value: Some(Box::new(kept)),
    });
    Ok(edits)
}

impl RecordValue {
    /// The record's main text, for showing two versions side by side.
    pub fn preview(&self) -> String {
        let join = |parts: &[&str]| {
            parts
                .iter()
                .filter(|p| !p.trim().is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n")
        };
        match self {
            RecordValue::Profile(p) => join(&[
                &p.full_name,
                &p.party_post,
                &p.government_post,
                &p.mass_post,
                &p.workplace,
            ]),
            RecordValue::Year {
                theme_id,
                registration,
            } => {
                let date = registration.date.map(crate::text::dmy).unwrap_or_default();
                join(&[theme_id, &date])
            }
            RecordValue::Commitment(c) => join(&[&c.content, &c.measures, &c.product]),
            RecordValue::Progress(p) => join(&[&p.result, &p.evidence]),
            RecordValue::Entry(e) => join(&[&e.title, &e.text]),
            RecordValue::SelfReview(r) => {
                let texts: Vec<&str> = r.answers.values().map(|a| a.text.as_str()).collect();
                join(&texts)
            }
            RecordValue::Remark(r) => r.text.to_string(),
            RecordValue::Decision(d) => join(&[&d.comments, &d.secretary, &d.decision_number]),
        }
    }
}

/// This side's version of a record, to show beside the other's.
pub fn local_value(data: &WorkspaceData, member: MemberId, key: RecordKey) -> Option<RecordValue> {
    let nb = data.notebooks.get(&member)?;
    match key {
        RecordKey::Remark(..) | RecordKey::Decision(_) => {
            cell_records(&data.cell_part(member)).remove(&key)
        }
        _ => member_records(nb).remove(&key),
    }
}

/// A sync tool's conflict copy of one of the workspace's files, read and
/// checked: the member's notebook or the cell's part for a member.
#[derive(Clone, Debug, PartialEq)]
pub enum CopyOf {
    Notebook(Box<Notebook>),
    Cell(CellPart),
}

/// Merges a conflict copy (two machines wrote the same file while apart)
/// into the workspace, record by record with no base: the higher revision
/// wins, a record only in the copy is added, a record only here stays, and
/// the same revision with other content is kept as a difference to settle
/// (in `side`'s list). Returns the edits and how many records it takes
/// and keeps as differences.
pub(crate) fn merge_copy(
    data: &WorkspaceData,
    side: Role,
    copy: &CopyOf,
    file: &str,
    written_at: Timestamp,
) -> (Vec<Edit>, Count) {
    let mut edits = Vec::new();
    let member = match copy {
        CopyOf::Notebook(nb) => nb.id,
        CopyOf::Cell(part) => part.member,
    };
    let Some(here) = data.notebooks.get(&member) else {
        if let CopyOf::Notebook(nb) = copy {
            edits.push(Edit::Notebook {
                member,
                value: Some(Arc::new(nb.own_part())),
            });
        }
        let count = Count {
            new: usize::from(!edits.is_empty()),
            ..Count::default()
        };
        return (edits, count);
    };
    let mut merge = Merge::new(None, file, written_at);
    match copy {
        CopyOf::Notebook(nb) => {
            let (local, theirs) = (member_records(here), member_records(nb));
            let mut whole_years: Vec<Year> = Vec::new();
            merge.run(&local, &theirs, None, |key, value, decision| {
                if decision != Decision::Take
                    || key.year().is_some_and(|y| whole_years.contains(&y))
                {
                    return;
                }
                if let Some(edit) = member_edit(member, here, Some(nb), key, value, decision) {
                    if let RecordKey::Year(y) = key
                        && !here.years.contains_key(&y)
                    {
                        whole_years.push(y);
                    }
                    edits.push(edit);
                }
            });
        }
        CopyOf::Cell(part) => {
            let local = cell_records(&data.cell_part(member));
            let mut part = part.clone();
            part.years.retain(|y, _| here.years.contains_key(y));
            merge.run(
                &local,
                &cell_records(&part),
                None,
                |key, value, decision| {
                    if decision == Decision::Take {
                        edits.extend(cell_edit(member, key, value, decision));
                    }
                },
            );
        }
    }
    // A record only here is kept, never removed by a copy.
    let mut count = merge.count;
    count.kept += std::mem::take(&mut count.removed);
    if !merge.received.conflicts.is_empty() {
        let mut kept = data
            .received
            .get(&side)
            .and_then(|m| m.get(&member))
            .cloned()
            .unwrap_or_default();
        for c in merge.received.conflicts {
            kept.conflicts.retain(|o| o.key != c.key);
            kept.conflicts.push(c);
        }
        kept.conflicts.sort_by_key(|c| c.key);
        edits.push(Edit::Received {
            side,
            member,
            value: Some(Box::new(kept)),
        });
    }
    (edits, count)
}

/// The edits that make this side's data what a file read again from disk
/// says, when this side has no changes of its own to it.
pub(crate) fn replace_with(data: &WorkspaceData, copy: &CopyOf) -> Vec<Edit> {
    match copy {
        CopyOf::Notebook(nb) => {
            let own = nb.own_part();
            let here = data.notebooks.get(&own.id).map(|n| n.own_part());
            if here.as_ref() == Some(&own) {
                return Vec::new();
            }
            vec![Edit::Notebook {
                member: own.id,
                value: Some(Arc::new(own)),
            }]
        }
        CopyOf::Cell(part) => {
            let member = part.member;
            let Some(here) = data.notebooks.get(&member) else {
                return Vec::new();
            };
            let mut part = part.clone();
            part.years.retain(|y, _| here.years.contains_key(y));
            let mut local_part = data.cell_part(member);
            local_part.years.retain(|y, _| here.years.contains_key(y));
            let (local, theirs) = (cell_records(&local_part), cell_records(&part));
            let mut edits = Vec::new();
            for (key, value) in &local {
                if !theirs.contains_key(key) {
                    edits.extend(cell_edit(member, *key, Some(value), Decision::Remove));
                }
            }
            for (key, value) in &theirs {
                if local.get(key) != Some(value) {
                    edits.extend(cell_edit(member, *key, Some(value), Decision::Take));
                }
            }
            edits
        }
    }
}
