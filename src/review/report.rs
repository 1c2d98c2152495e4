//! The cell's year-end figures for its papers upward: the minutes of the
//! meeting (biên bản) and the report to the party committee (báo cáo kết
//! quả kiểm điểm, đánh giá, xếp loại chất lượng đảng viên).
//!
//! Everything here is derived from the cell board (`board::board`), so the
//! papers and the board count members the same way: members set apart
//! (excused, suspended) and members admitted too late in the year are not
//! classified, and the cell's level is the one it proposes. Pure functions;
//! nothing here draws or writes.

use std::collections::BTreeMap;

use super::ExcellentShare;
use super::board::{Board, BoardRow};
use crate::model::{Level, Meeting, MemberId, SetApart};

/// Why a member of the cell is not among the classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unclassified {
    /// Miễn công tác và sinh hoạt đảng, or đình chỉ sinh hoạt, where the
    /// year's rules leave such members out.
    SetApart(SetApart),
    /// Admitted too late in the year (the rules' months).
    NewMember,
    /// The year's book was never opened.
    NoYear,
    /// The cell has not proposed a level yet.
    NoLevel,
}

/// One member as the report lists them.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub member: MemberId,
    pub name: String,
    /// The level the cell proposes.
    pub proposed: Option<Level>,
    /// The level the committee decided, once recorded.
    pub decided: Option<Level>,
}

/// A level's line in the report.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LevelLine {
    /// Members the cell proposes at this level.
    pub proposed: usize,
    /// Share of the assessed members, in percent.
    pub percent: f32,
    /// Members the committee has put at this level (as the board counts).
    pub decided: usize,
}

/// The cell's report of a year.
#[derive(Clone, Debug, PartialEq)]
pub struct CellReport {
    pub year: crate::model::Year,
    /// Every member on the board.
    pub members: usize,
    /// Members to be classified: not set apart, not new (the board's
    /// `cell.members` less its `new_members`).
    pub assessed: usize,
    /// Members the cell has given a level.
    pub classified: usize,
    /// Each level, best first (`Level::ALL` order).
    pub levels: Vec<(Level, LevelLine)>,
    /// The members classified, by the cell's level, names in Vietnamese
    /// order.
    pub by_level: Vec<(Level, Vec<Listed>)>,
    /// Members not classified, with the reason, names in order.
    pub not_classified: Vec<(Listed, Unclassified)>,
    /// The cell's "xuất sắc" beside the cap counted above the cell, for
    /// the cell's proposals.
    pub excellent_share: Option<ExcellentShare>,
}

fn listed(r: &BoardRow) -> Listed {
    Listed {
        member: r.member,
        name: r.name.clone(),
        proposed: r.cell_level,
        decided: r.final_level,
    }
}

/// Why a row is not classified, if it is not.
pub fn unclassified(r: &BoardRow) -> Option<Unclassified> {
    if let Some(apart) = r.set_apart {
        Some(Unclassified::SetApart(apart))
    } else if r.new_member {
        Some(Unclassified::NewMember)
    } else if !r.has_year {
        Some(Unclassified::NoYear)
    } else if r.cell_level.is_none() {
        Some(Unclassified::NoLevel)
    } else {
        None
    }
}

/// The report of the board's year. Percentages are of the members
/// assessed (neither set apart nor new), as the committee's tables ask.
pub fn cell_report(board: &Board) -> CellReport {
    let mut by_level: BTreeMap<Level, Vec<Listed>> = BTreeMap::new();
    let mut not_classified = Vec::new();
    for r in &board.rows {
        match (unclassified(r), r.cell_level) {
            (None, Some(level)) => by_level.entry(level).or_default().push(listed(r)),
            (why, _) => not_classified.push((listed(r), why.unwrap_or(Unclassified::NoLevel))),
        }
    }
    let cell = &board.cell;
    let assessed = cell.members.saturating_sub(cell.new_members);
    let classified: usize = by_level.values().map(Vec::len).sum();
    let levels = Level::ALL
        .iter()
        .map(|&level| {
            let proposed = by_level.get(&level).map_or(0, Vec::len);
            let percent = if assessed == 0 {
                0.0
            } else {
                proposed as f32 * 100.0 / assessed as f32
            };
            let decided = cell.final_levels.get(&level).copied().unwrap_or(0);
            (
                level,
                LevelLine {
                    proposed,
                    percent,
                    decided,
                },
            )
        })
        .collect();
    let rules = crate::themes::rules_for(board.year);
    let excellent_share = rules.excellent_cap.as_ref().map(|cap| {
        let count = |l| by_level.get(&l).map_or(0, Vec::len);
        let (excellent, good) = (count(Level::Excellent), count(Level::Good));
        ExcellentShare {
            excellent,
            good,
            percent: cap.percent,
            above_share: excellent * 100 > good * usize::from(cap.percent),
        }
    });
    not_classified.sort_by_key(|(_, why)| *why);
    CellReport {
        year: board.year,
        members: board.rows.len(),
        assessed,
        classified,
        levels,
        by_level: Level::ALL
            .iter()
            .filter_map(|l| by_level.remove(l).map(|v| (*l, v)))
            .collect(),
        not_classified,
        excellent_share,
    }
}

/// Who was at the meeting, as the minutes count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attendance {
    /// Tổng số đảng viên: the number written on the meeting, or else the
    /// members with a book of the year.
    pub total: u32,
    pub present: u32,
    pub absent: u32,
    /// Absences with a stated reason (vắng có lý do).
    pub absent_excused: u32,
}

/// The members with a book of the year: the default total of a meeting.
pub fn members_of_year(board: &Board) -> u32 {
    board.rows.iter().filter(|r| r.has_year).count() as u32
}

pub fn attendance(meeting: &Meeting, board: &Board) -> Attendance {
    let total = meeting
        .members_total
        .unwrap_or_else(|| members_of_year(board));
    let absent = meeting.absent.len() as u32;
    Attendance {
        total,
        present: meeting.present(total),
        absent,
        absent_excused: meeting
            .absent
            .iter()
            .filter(|a| !a.reason.trim().is_empty())
            .count() as u32,
    }
}

/// Votes for a member that are more than the members present: a slip the
/// secretary should see before printing.
pub fn votes_over_present(votes: &BTreeMap<Level, u32>, present: u32) -> bool {
    votes.values().copied().sum::<u32>() > present
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Absence, Notebook, Profile};

    fn row(name: &str) -> BoardRow {
        let nb = Notebook::new(uuid::Uuid::new_v4(), Profile::default());
        let mut b = super::super::board::board(2020, [&nb], jiff::civil::date(2021, 1, 10));
        let mut r = b.rows.remove(0);
        r.name = name.to_owned();
        r.has_year = true;
        r
    }

    #[test]
    fn levels_and_reasons_come_from_the_board_rows() {
        let mut rows = vec![row("A"), row("B"), row("C"), row("D"), row("E")];
        rows[0].cell_level = Some(Level::Excellent);
        rows[1].cell_level = Some(Level::Good);
        rows[2].set_apart = Some(SetApart::Excused);
        rows[2].cell_level = Some(Level::Good);
        rows[3].new_member = true;
        let board = Board {
            year: 2020,
            rows,
            cell: crate::review::CellFigures {
                members: 4,
                new_members: 1,
                ..Default::default()
            },
        };
        let r = cell_report(&board);
        assert_eq!(r.members, 5);
        assert_eq!(r.assessed, 3);
        assert_eq!(r.classified, 2);
        let good = r.levels[1].1;
        assert_eq!(good.proposed, 1);
        assert!((good.percent - 100.0 / 3.0).abs() < 0.01);
        let reasons: Vec<Unclassified> = r.not_classified.iter().map(|(_, u)| *u).collect();
        assert_eq!(
            reasons,
            [
                Unclassified::SetApart(SetApart::Excused),
                Unclassified::NewMember,
                Unclassified::NoLevel
            ]
        );
        let share = r.excellent_share.unwrap();
        assert!(share.above_share, "1 of 1 «tốt» is above 20%");
    }

    #[test]
    fn attendance_defaults_to_the_years_notebooks() {
        let board = Board {
            year: 2020,
            rows: vec![row("A"), row("B"), row("C")],
            cell: Default::default(),
        };
        let mut m = Meeting {
            absent: vec![Absence {
                name: "A".into(),
                reason: "ốm".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let a = attendance(&m, &board);
        assert_eq!(
            (a.total, a.present, a.absent, a.absent_excused),
            (3, 2, 1, 1)
        );
        m.members_total = Some(10);
        assert_eq!(attendance(&m, &board).present, 9);
        m.members_total = Some(0);
        assert_eq!(attendance(&m, &board).present, 0, "never below zero");
        let votes = BTreeMap::from([(Level::Good, 2), (Level::Excellent, 1)]);
        assert!(votes_over_present(&votes, 2));
        assert!(!votes_over_present(&votes, 3));
    }
}
