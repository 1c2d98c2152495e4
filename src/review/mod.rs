//! The figures of the year review, derived from the notebooks: where each
//! commitment stands, shares by area, entries per month, periods without
//! progress, readiness for year end, and the same for a whole cell.
//!
//! Pure functions of the model and a reference date; the window caches the
//! result and recomputes it only after that member changes.

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::model::{
    Area, Date, Level, Notebook, Period, ProgressRecord, SetApart, Status, Year, YearBook,
};

pub mod board;
mod conditions;
pub mod form;
pub mod report;

pub use conditions::{ConditionState, LevelCheck, ProposalGap, level_check, proposal_gap};

mod copies;
pub use copies::{
    CopyFlag, CopyGroup, CopyOptions, CopyReport, Passage, PassageKind, find_copies,
    find_copies_with,
};

/// How many commitments stand where, in one area or in all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub done: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub not_achieved: usize,
    /// No progress recorded at all.
    pub unrecorded: usize,
}

impl Counts {
    fn add(&mut self, status: Option<Status>) {
        self.total += 1;
        match status {
            Some(Status::Done) => self.done += 1,
            Some(Status::InProgress) => self.in_progress += 1,
            Some(Status::NotStarted) => self.not_started += 1,
            Some(Status::NotAchieved) => self.not_achieved += 1,
            None => self.unrecorded += 1,
        }
    }

    fn merge(&mut self, other: &Counts) {
        self.total += other.total;
        self.done += other.done;
        self.in_progress += other.in_progress;
        self.not_started += other.not_started;
        self.not_achieved += other.not_achieved;
        self.unrecorded += other.unrecorded;
    }

    /// Share of `part` in the total, in percent (0 when there is nothing).
    pub fn percent(&self, part: usize) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            part as f32 * 100.0 / self.total as f32
        }
    }
}

/// One commitment at year end.
#[derive(Clone, Debug, PartialEq)]
pub struct CommitmentFigures {
    pub id: Uuid,
    pub area: Area,
    /// Its number in the registration, from 1.
    pub number: usize,
    pub content: String,
    pub product: String,
    pub deadline: Option<Date>,
    /// Where it stands (`final_status`): done only when a record for the
    /// period holding its deadline, or a later one, says so.
    pub final_status: Option<Status>,
    /// What was recorded for each month (a month's own record, else the
    /// quarter's, half-year's or year's that covers it).
    pub timeline: [Option<Status>; 12],
    /// The progress grid by month: each month's own record.
    pub months: [Option<Status>; 12],
    /// The progress grid by quarter: the quarter's own record, else the
    /// latest month recorded inside it, marked as such.
    pub quarters: [Option<GridCell>; 4],
    /// Past its deadline (as of the review date) and not done.
    pub overdue: bool,
    /// No progress ever recorded.
    pub never_updated: bool,
}

/// The readiness checklist for year end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    pub has_commitments: bool,
    /// Commitments still without a final status (done or not achieved).
    pub without_final_status: usize,
    pub self_review_written: bool,
    pub level_proposed: bool,
}

impl Readiness {
    pub fn is_ready(&self) -> bool {
        self.has_commitments
            && self.without_final_status == 0
            && self.self_review_written
            && self.level_proposed
    }
}

/// The review of one member's year: what every screen of the year shows
/// about where the commitments stand, so that they cannot disagree.
#[derive(Clone, Debug, PartialEq)]
pub struct YearFigures {
    pub year: Year,
    pub commitments: Vec<CommitmentFigures>,
    /// Per area, in the form's order; areas without commitments left out.
    pub by_area: Vec<(Area, Counts)>,
    pub all: Counts,
    pub entries_per_month: [usize; 12],
    /// Months (1–12, up to the review date) in which nothing was recorded
    /// for any commitment.
    pub months_without_progress: Vec<u8>,
    /// Share of commitments done by the end of each month, in percent;
    /// none for the months the review date has not reached.
    pub done_by_month: [Option<f32>; 12],
    pub overdue: usize,
    pub never_updated: usize,
    pub readiness: Readiness,
    pub proposed_level: Option<Level>,
    pub final_level: Option<Level>,
}

impl YearFigures {
    /// One commitment's figures, by id.
    pub fn commitment(&self, id: Uuid) -> Option<&CommitmentFigures> {
        self.commitments.iter().find(|c| c.id == id)
    }
}

/// What one cell of the progress grid shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GridCell {
    /// The period's own record.
    Own(Status),
    /// No record of the quarter's own: the latest of its months.
    FromMonths(Status),
}

impl GridCell {
    pub fn status(self) -> Status {
        match self {
            GridCell::Own(s) | GridCell::FromMonths(s) => s,
        }
    }
}

impl CommitmentFigures {
    /// What the progress grid shows in a period's cell.
    pub fn grid_cell(&self, period: Period) -> Option<GridCell> {
        match period {
            Period::Month(m @ 1..=12) => self.months[usize::from(m) - 1].map(GridCell::Own),
            Period::Quarter(q @ 1..=4) => self.quarters[usize::from(q) - 1],
            _ => None,
        }
    }
}

/// How precisely a period names a month: a month's own record wins.
fn specificity(period: Period) -> u8 {
    match period {
        Period::Month(_) => 3,
        Period::Quarter(_) => 2,
        Period::Half(_) => 1,
        Period::Year => 0,
    }
}

fn covers(period: Period, month: u8) -> bool {
    let last = period.last_month();
    let first = match period {
        Period::Month(m) => m,
        Period::Quarter(q) => q.saturating_mul(3).saturating_sub(2),
        Period::Half(h) => h.saturating_mul(6).saturating_sub(5),
        Period::Year => 1,
    };
    (first..=last).contains(&month)
}

/// The month of `year` a commitment is due: its deadline's month, or
/// December without a deadline (or with one after the year).
pub fn due_month(year: Year, deadline: Option<Date>) -> u8 {
    match deadline {
        Some(d) if d.year() == year => d.month() as u8,
        Some(d) if d.year() < year => 1,
        _ => 12,
    }
}

/// Where a commitment stands. A period's status describes that period's
/// work, so only a record whose period reaches the month it is due (the
/// period holding the deadline, a later one, or the year's) can say it is
/// done or not achieved; among those, the one ending latest decides, the
/// more precise on a tie, then the one written last. Before any such
/// record, the latest record says how the work goes, and a "done" there
/// means only that period's share was done: the commitment is under way.
pub fn final_status(records: &[&ProgressRecord], due: u8) -> Option<Status> {
    let latest = |reaching: bool| {
        records
            .iter()
            .filter(|p| !reaching || p.period.last_month() >= due)
            .max_by_key(|p| (p.period.last_month(), specificity(p.period), p.written_on))
            .map(|p| p.status)
    };
    latest(true).or_else(|| {
        latest(false).map(|s| match s {
            Status::Done | Status::NotAchieved => Status::InProgress,
            other => other,
        })
    })
}

/// What the progress grid shows for one commitment: each month's own
/// record, and each quarter's own record or else its latest month's.
fn grid(records: &[&ProgressRecord]) -> ([Option<Status>; 12], [Option<GridCell>; 4]) {
    let own = |period: Period| {
        records
            .iter()
            .filter(|p| p.period == period)
            .max_by_key(|p| p.written_on)
            .map(|p| p.status)
    };
    let months: [Option<Status>; 12] = std::array::from_fn(|m| own(Period::Month(m as u8 + 1)));
    let quarters = std::array::from_fn(|q| {
        own(Period::Quarter(q as u8 + 1))
            .map(GridCell::Own)
            .or_else(|| {
                let latest = months[q * 3..q * 3 + 3].iter().rev().find_map(|s| *s);
                latest.map(GridCell::FromMonths)
            })
    });
    (months, quarters)
}

/// The last month of `year` that the review date has reached (0 before the
/// year, 12 after it).
fn months_reached(year: Year, as_of: Date) -> u8 {
    match as_of.year().cmp(&year) {
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => as_of.month() as u8,
        std::cmp::Ordering::Greater => 12,
    }
}

/// Computes the review of one year book as of `as_of` (usually today).
pub fn year_figures(year: Year, book: &YearBook, as_of: Date) -> YearFigures {
    let mut by_record: BTreeMap<Uuid, Vec<&ProgressRecord>> = BTreeMap::new();
    for p in &book.progress {
        by_record.entry(p.commitment).or_default().push(p);
    }
    let none = Vec::new();
    let mut area_counts: BTreeMap<Area, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    let mut recorded_months = [false; 12];
    let mut done_by_month = [0.0f32; 12];
    let commitments: Vec<CommitmentFigures> = book
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let records = by_record.get(&c.id).unwrap_or(&none);
            let due = due_month(year, c.deadline);
            let last = final_status(records, due);
            let mut timeline = [None; 12];
            for (m, slot) in timeline.iter_mut().enumerate() {
                let month = m as u8 + 1;
                *slot = records
                    .iter()
                    .filter(|p| covers(p.period, month))
                    .max_by_key(|p| (specificity(p.period), p.written_on))
                    .map(|p| p.status);
            }
            for p in records {
                for (m, seen) in recorded_months.iter_mut().enumerate() {
                    *seen |= covers(p.period, m as u8 + 1);
                }
            }
            for (m, share) in done_by_month.iter_mut().enumerate() {
                let until: Vec<&ProgressRecord> = records
                    .iter()
                    .copied()
                    .filter(|p| p.period.last_month() <= m as u8 + 1)
                    .collect();
                if final_status(&until, due) == Some(Status::Done) {
                    *share += 1.0;
                }
            }
            let (months, quarters) = grid(records);
            area_counts.entry(c.area).or_default().add(last);
            all.add(last);
            CommitmentFigures {
                id: c.id,
                area: c.area,
                number: i + 1,
                content: c.content.to_string(),
                product: c.product.to_string(),
                deadline: c.deadline,
                final_status: last,
                timeline,
                months,
                quarters,
                overdue: c.deadline.is_some_and(|d| d < as_of) && last != Some(Status::Done),
                never_updated: records.is_empty(),
            }
        })
        .collect();
    let reached = months_reached(year, as_of);
    let done_by_month = std::array::from_fn(|m| {
        let share = done_by_month[m] * 100.0 / commitments.len().max(1) as f32;
        (m < usize::from(reached)).then_some(share)
    });
    let mut entries_per_month = [0; 12];
    for e in &book.entries {
        entries_per_month[e.date.month() as usize - 1] += 1;
    }
    let months_without_progress = if commitments.is_empty() {
        Vec::new()
    } else {
        (1..=reached)
            .filter(|m| !recorded_months[*m as usize - 1])
            .collect()
    };
    let review = book.self_review.as_ref();
    let readiness = Readiness {
        has_commitments: !commitments.is_empty(),
        without_final_status: commitments
            .iter()
            .filter(|c| !matches!(c.final_status, Some(Status::Done | Status::NotAchieved)))
            .count(),
        self_review_written: review.is_some_and(|r| form::is_written(year, r)),
        level_proposed: review.is_some_and(|r| r.proposed_level.is_some()),
    };
    YearFigures {
        year,
        overdue: commitments.iter().filter(|c| c.overdue).count(),
        never_updated: commitments.iter().filter(|c| c.never_updated).count(),
        by_area: area_counts.into_iter().collect(),
        all,
        commitments,
        entries_per_month,
        months_without_progress,
        done_by_month,
        readiness,
        proposed_level: review.and_then(|r| r.proposed_level),
        final_level: book.cell_review.decision.final_level,
    }
}

/// The same figures over a whole cell for one year.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CellFigures {
    pub members: usize,
    /// Members with this year's book and at least one commitment.
    pub registered: usize,
    pub self_reviewed: usize,
    pub ready: usize,
    pub by_area: Vec<(Area, Counts)>,
    pub all: Counts,
    pub overdue: usize,
    pub proposed_levels: BTreeMap<Level, usize>,
    pub final_levels: BTreeMap<Level, usize>,
    /// The cell's "xuất sắc" beside the cap counted above the cell, where
    /// the year's rules have one: information, never a violation.
    pub excellent_share: Option<ExcellentShare>,
    /// Members excused or suspended this year, counted apart and left out
    /// of every figure above.
    pub set_apart: BTreeMap<SetApart, usize>,
    /// Members admitted too late in the year to be classified: counted
    /// above, but their levels are left out of the level counts.
    pub new_members: usize,
}

/// The cell's levels beside the cap on "hoàn thành xuất sắc nhiệm vụ",
/// which the grassroots committee counts and decides over all its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExcellentShare {
    pub excellent: usize,
    pub good: usize,
    /// The cap, in percent of those rated "tốt".
    pub percent: u8,
    /// Whether the cell alone proposes more than the cap's share; it may.
    pub above_share: bool,
}

pub fn cell_figures<'a>(
    year: Year,
    notebooks: impl IntoIterator<Item = &'a Notebook>,
    as_of: Date,
) -> CellFigures {
    let mut cell = CellFigures::default();
    let mut areas: BTreeMap<Area, Counts> = BTreeMap::new();
    let rules = crate::themes::rules_for(year);
    for nb in notebooks {
        if let Some(&apart) = nb.profile.set_apart.get(&year)
            && rules.leaves_out(apart)
        {
            *cell.set_apart.entry(apart).or_default() += 1;
            continue;
        }
        cell.members += 1;
        let Some(book) = nb.years.get(&year) else {
            continue;
        };
        let f = year_figures(year, book, as_of);
        cell.registered += usize::from(!f.commitments.is_empty());
        cell.self_reviewed += usize::from(f.readiness.self_review_written);
        cell.ready += usize::from(f.readiness.is_ready());
        cell.overdue += f.overdue;
        cell.all.merge(&f.all);
        for (area, counts) in &f.by_area {
            areas.entry(*area).or_default().merge(counts);
        }
        if is_new_member(&nb.profile, year, rules.new_member_months) {
            cell.new_members += 1;
            continue;
        }
        if let Some(l) = f.proposed_level {
            *cell.proposed_levels.entry(l).or_default() += 1;
        }
        if let Some(l) = f.final_level {
            *cell.final_levels.entry(l).or_default() += 1;
        }
    }
    cell.by_area = areas.into_iter().collect();
    cell.excellent_share = rules.excellent_cap.as_ref().map(|cap| {
        let count = |l| cell.final_levels.get(&l).copied().unwrap_or(0);
        let (excellent, good) = (count(Level::Excellent), count(Level::Good));
        ExcellentShare {
            excellent,
            good,
            percent: cap.percent,
            above_share: excellent * 100 > good * usize::from(cap.percent),
        }
    });
    cell
}

/// Whether a member was admitted fewer than `months` months before the
/// end of the year, and so is not classified that year.
pub fn is_new_member(profile: &crate::model::Profile, year: Year, months: Option<u8>) -> bool {
    let (Some(months), Some(joined)) = (months, profile.joined_party) else {
        return false;
    };
    let Ok(end) = Date::new(year, 12, 31) else {
        return false;
    };
    let span = jiff::Span::new().months(i64::from(months));
    joined <= end && joined.checked_add(span).is_ok_and(|full| full > end)
}

#[cfg(test)]
mod tests;
