//! Figures checked on small hand-made year books whose answers are known.

use jiff::civil::date;
use uuid::Uuid;

use super::*;
use crate::model::{CellDecision, Commitment, Entry, EntryKind, Profile, SelfReview, YearBook};

fn commitment(n: u128, area: Area, deadline: Option<Date>) -> Commitment {
    Commitment {
        id: Uuid::from_u128(n),
        area,
        content: format!("Cam kết {n}").into(),
        measures: Default::default(),
        product: format!("Sản phẩm {n}").into(),
        deadline,
        order: n as u32,
        revision: 1,
    }
}

fn record(n: u128, period: Period, status: Status, written: Date) -> ProgressRecord {
    ProgressRecord {
        commitment: Uuid::from_u128(n),
        period,
        status,
        result: Default::default(),
        evidence: Default::default(),
        written_on: written,
        revision: 1,
    }
}

/// Three commitments in 2020:
/// 1 (ideology, deadline 31/5): in progress in March, done in May;
/// 2 (ideology, deadline 31/3): in progress in Q1 only: overdue;
/// 3 (duties): never updated.
fn book() -> YearBook {
    let mut b = YearBook::new("2020");
    b.commitments = vec![
        commitment(1, Area::PoliticalIdeology, Some(date(2020, 5, 31))),
        commitment(2, Area::PoliticalIdeology, Some(date(2020, 3, 31))),
        commitment(3, Area::Duties, None),
    ];
    b.progress = vec![
        record(1, Period::Month(3), Status::InProgress, date(2020, 3, 20)),
        record(1, Period::Month(5), Status::Done, date(2020, 5, 25)),
        record(2, Period::Quarter(1), Status::InProgress, date(2020, 3, 30)),
    ];
    b.progress.sort_by_key(ProgressRecord::sort_key);
    for (m, d) in [(1, 5), (1, 20), (3, 2), (12, 1)] {
        b.entries.push(Entry {
            id: Uuid::new_v4(),
            date: date(2020, m, d),
            kind: EntryKind::Study,
            title: "Ghi chép".into(),
            text: Default::default(),
            commitments: vec![],
            revision: 1,
        });
    }
    b
}

#[test]
fn final_status_timeline_and_flags() {
    let f = year_figures(2020, &book(), date(2020, 12, 31));
    let c1 = &f.commitments[0];
    assert_eq!(c1.final_status, Some(Status::Done));
    assert_eq!(c1.timeline[2], Some(Status::InProgress));
    assert_eq!(c1.timeline[3], None, "nothing written for April");
    assert_eq!(c1.timeline[4], Some(Status::Done));
    assert!(!c1.overdue);
    let c2 = &f.commitments[1];
    assert_eq!(
        c2.timeline[..3],
        [Some(Status::InProgress); 3],
        "the quarter covers its months"
    );
    assert!(c2.overdue);
    let c3 = &f.commitments[2];
    assert!(c3.never_updated && c3.final_status.is_none());
    assert_eq!((f.overdue, f.never_updated), (1, 1));
    assert_eq!(c1.number, 1);
    assert_eq!(c1.product, "Sản phẩm 1");
}

#[test]
fn shares_by_area() {
    let f = year_figures(2020, &book(), date(2020, 12, 31));
    let ideology = f
        .by_area
        .iter()
        .find(|(a, _)| *a == Area::PoliticalIdeology)
        .unwrap()
        .1;
    assert_eq!(
        ideology,
        Counts {
            total: 2,
            done: 1,
            in_progress: 1,
            not_started: 0,
            not_achieved: 0,
            unrecorded: 0
        }
    );
    assert_eq!(ideology.percent(ideology.done), 50.0);
    let duties = f
        .by_area
        .iter()
        .find(|(a, _)| *a == Area::Duties)
        .unwrap()
        .1;
    assert_eq!((duties.total, duties.unrecorded), (1, 1));
    assert_eq!(f.by_area.len(), 2, "areas without commitments are left out");
    assert_eq!((f.all.total, f.all.done), (3, 1));
}

#[test]
fn entries_and_months_without_progress() {
    let f = year_figures(2020, &book(), date(2020, 12, 31));
    assert_eq!(f.entries_per_month, [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    // Q1 covers 1–3, May has a record; the rest are empty.
    assert_eq!(f.months_without_progress, [4, 6, 7, 8, 9, 10, 11, 12]);
    // Mid-year, only the months already reached count.
    let june = year_figures(2020, &book(), date(2020, 6, 15));
    assert_eq!(june.months_without_progress, [4, 6]);
    assert_eq!(
        year_figures(2020, &book(), date(2019, 6, 1)).months_without_progress,
        Vec::<u8>::new()
    );
}

#[test]
fn done_share_grows_over_the_year() {
    let f = year_figures(2020, &book(), date(2020, 12, 31));
    assert_eq!(f.done_by_month[3], Some(0.0));
    let third = 100.0 / 3.0;
    assert!((f.done_by_month[4].unwrap() - third).abs() < 0.01);
    assert!((f.done_by_month[11].unwrap() - third).abs() < 0.01);
}

#[test]
fn readiness_checklist() {
    let mut b = book();
    let f = year_figures(2020, &b, date(2020, 12, 31));
    assert_eq!(f.readiness.without_final_status, 2);
    assert!(!f.readiness.self_review_written && !f.readiness.level_proposed);
    assert!(!f.readiness.is_ready());

    let mut r = SelfReview {
        proposed_level: Some(Level::Completed),
        ..SelfReview::default()
    };
    for (key, text) in [
        ("strengths", "Ưu điểm"),
        ("shortcomings", "Hạn chế"),
        ("commitments", "Hoàn thành 1/3"),
    ] {
        r.answer_mut(key).text = text.into();
    }
    b.self_review = Some(r.clone());
    let f = year_figures(2020, &b, date(2020, 12, 31));
    assert!(
        !f.readiness.self_review_written,
        "section VI is not written"
    );
    r.answer_mut("remedies").text = "Khắc phục".into();
    b.self_review = Some(r);
    b.progress.push(record(
        2,
        Period::Month(12),
        Status::NotAchieved,
        date(2020, 12, 20),
    ));
    b.progress
        .push(record(3, Period::Year, Status::Done, date(2020, 12, 20)));
    b.progress.sort_by_key(ProgressRecord::sort_key);
    let f = year_figures(2020, &b, date(2020, 12, 31));
    assert_eq!(f.readiness.without_final_status, 0);
    assert!(f.readiness.is_ready());
    assert_eq!(f.proposed_level, Some(Level::Completed));
}

#[test]
fn a_month_record_beats_the_year_record_that_ends_with_it() {
    let records = [
        record(1, Period::Year, Status::InProgress, date(2020, 12, 31)),
        record(1, Period::Month(12), Status::Done, date(2020, 12, 15)),
    ];
    let refs: Vec<&ProgressRecord> = records.iter().collect();
    assert_eq!(final_status(&refs, 12), Some(Status::Done));
}

#[test]
fn cell_figures_add_members_up_and_check_the_excellent_share() {
    let member = |level: Option<Level>, with_book: bool| {
        let mut nb = Notebook::new(Uuid::new_v4(), Profile::default());
        if with_book {
            let mut b = book();
            b.cell_review.decision = CellDecision {
                final_level: level,
                ..CellDecision::default()
            };
            nb.years.insert(2020, b);
        }
        nb
    };
    let mut notebooks = vec![member(Some(Level::Excellent), true), member(None, false)];
    notebooks.extend((0..4).map(|_| member(Some(Level::Good), true)));
    let cell = cell_figures(2020, &notebooks, date(2020, 12, 31));
    assert_eq!((cell.members, cell.registered), (6, 5));
    assert_eq!(cell.all.total, 15);
    assert_eq!(cell.all.done, 5);
    assert_eq!(cell.overdue, 5);
    assert_eq!(cell.final_levels[&Level::Good], 4);
    // 1 "xuất sắc" beside 4 "tốt" is above 20%: information for the
    // cell, which may propose it; the grassroots committee decides.
    let share = cell.excellent_share.unwrap();
    assert_eq!((share.excellent, share.good, share.percent), (1, 4, 20));
    assert!(share.above_share);
    notebooks.extend((0..1).map(|_| member(Some(Level::Good), true)));
    let cell = cell_figures(2020, &notebooks, date(2020, 12, 31));
    assert!(
        !cell.excellent_share.unwrap().above_share,
        "1 of 5 tốt is 20%"
    );
    // Before 2018 no cap was found: nothing to show.
    assert_eq!(
        cell_figures(2016, &notebooks, date(2016, 12, 31)).excellent_share,
        None
    );
}

#[test]
fn excused_and_suspended_members_are_counted_apart() {
    let member = |apart: Option<SetApart>, level: Level| {
        let mut nb = Notebook::new(Uuid::new_v4(), Profile::default());
        if let Some(a) = apart {
            nb.profile.set_apart.insert(2020, a);
        }
        let mut b = book();
        b.cell_review.decision.final_level = Some(level);
        nb.years.insert(2020, b);
        nb
    };
    let notebooks = [
        member(None, Level::Good),
        member(Some(SetApart::Excused), Level::Good),
        member(Some(SetApart::Suspended), Level::Completed),
        member(None, Level::Excellent),
    ];
    let cell = cell_figures(2020, &notebooks, date(2020, 12, 31));
    assert_eq!((cell.members, cell.registered), (2, 2));
    assert_eq!(cell.final_levels.get(&Level::Good), Some(&1));
    assert_eq!(cell.final_levels.get(&Level::Completed), None);
    assert_eq!(cell.set_apart[&SetApart::Excused], 1);
    assert_eq!(cell.set_apart[&SetApart::Suspended], 1);
    assert_eq!(
        cell.all.total, 6,
        "only the two counted members' commitments"
    );
    // Admitted in August 2020 (under 6 months by the year's end): counted,
    // but not classified; admitted in June: classified.
    let mut late = member(None, Level::Good);
    late.profile.joined_party = Some(date(2020, 8, 1));
    let mut june = member(None, Level::Good);
    june.profile.joined_party = Some(date(2020, 6, 1));
    let cell = cell_figures(2020, [&late, &june], date(2020, 12, 31));
    assert_eq!((cell.members, cell.new_members), (2, 1));
    assert_eq!(cell.final_levels.get(&Level::Good), Some(&1));
    assert!(is_new_member(&late.profile, 2020, Some(6)));
    assert!(!is_new_member(&late.profile, 2021, Some(6)));
    assert!(
        !is_new_member(&late.profile, 2016, None),
        "no such rule found before 2018"
    );
    // Set apart in another year only: counted in 2020.
    let mut other = member(None, Level::Good);
    other.profile.set_apart.insert(2021, SetApart::Excused);
    assert_eq!(cell_figures(2020, [&other], date(2020, 12, 31)).members, 1);
}

/// A month's record and a quarter's ending the same month: the month's
/// own record decides, whichever was written last, and the grid shows
/// each period's own record.
#[test]
fn overlapping_month_and_quarter_records_have_one_answer() {
    let mut b = YearBook::new("2020");
    b.commitments = vec![commitment(1, Area::Duties, Some(date(2020, 3, 31)))];
    b.progress = vec![
        record(1, Period::Month(3), Status::Done, date(2020, 3, 20)),
        record(1, Period::Quarter(1), Status::InProgress, date(2020, 3, 31)),
    ];
    b.progress.sort_by_key(ProgressRecord::sort_key);
    let f = year_figures(2020, &b, date(2020, 6, 1));
    let c = &f.commitments[0];
    assert_eq!(c.final_status, Some(Status::Done));
    assert!(!c.overdue);
    assert_eq!(f.overdue, 0);
    assert_eq!(
        c.grid_cell(Period::Month(3)),
        Some(GridCell::Own(Status::Done))
    );
    assert_eq!(c.grid_cell(Period::Month(2)), None);
    assert_eq!(
        c.grid_cell(Period::Quarter(1)),
        Some(GridCell::Own(Status::InProgress))
    );
    assert_eq!(c.grid_cell(Period::Quarter(2)), None);
    assert_eq!(c.grid_cell(Period::Quarter(0)), None);

    b.progress.retain(|p| p.period != Period::Quarter(1));
    let f = year_figures(2020, &b, date(2020, 6, 1));
    assert_eq!(
        f.commitments[0].grid_cell(Period::Quarter(1)),
        Some(GridCell::FromMonths(Status::Done)),
        "a quarter without its own record shows its latest month"
    );
}

/// One commitment without a deadline (due in December) with these records.
fn whole_year(records: &[(Period, Status, Date)]) -> YearBook {
    let mut b = YearBook::new("2020");
    b.commitments = vec![commitment(1, Area::Duties, None)];
    b.progress = records
        .iter()
        .map(|(p, s, d)| record(1, *p, *s, *d))
        .collect();
    b.progress.sort_by_key(ProgressRecord::sort_key);
    b
}

#[test]
fn a_done_january_does_not_mark_a_whole_year_commitment_done() {
    let january = (Period::Month(1), Status::Done, date(2020, 1, 31));
    let f = year_figures(2020, &whole_year(&[january]), date(2020, 12, 31));
    assert_eq!(f.commitments[0].final_status, Some(Status::InProgress));
    assert_eq!((f.all.done, f.all.in_progress), (0, 1));
    assert!(f.done_by_month.iter().all(|m| *m == Some(0.0)));
    assert_eq!(f.readiness.without_final_status, 1);

    let december = (Period::Month(12), Status::Done, date(2020, 12, 20));
    let f = year_figures(2020, &whole_year(&[january, december]), date(2020, 12, 31));
    assert_eq!(f.commitments[0].final_status, Some(Status::Done));
    assert_eq!(f.done_by_month[10], Some(0.0));
    assert_eq!(f.done_by_month[11], Some(100.0));

    let year = (Period::Year, Status::Done, date(2020, 12, 31));
    let f = year_figures(2020, &whole_year(&[january, year]), date(2020, 12, 31));
    assert_eq!(
        f.commitments[0].final_status,
        Some(Status::Done),
        "the year's record"
    );

    let q4 = (Period::Quarter(4), Status::NotAchieved, date(2020, 12, 31));
    let f = year_figures(2020, &whole_year(&[january, q4]), date(2020, 12, 31));
    assert_eq!(f.commitments[0].final_status, Some(Status::NotAchieved));
}

#[test]
fn a_commitment_done_after_its_deadline_is_done_late_not_overdue() {
    let mut b = YearBook::new("2020");
    b.commitments = vec![commitment(1, Area::Duties, Some(date(2020, 3, 31)))];
    b.progress = vec![record(1, Period::Month(2), Status::Done, date(2020, 2, 28))];
    let f = year_figures(2020, &b, date(2020, 5, 1));
    assert!(f.commitments[0].overdue, "February's work is not March's");
    assert_eq!(f.commitments[0].final_status, Some(Status::InProgress));
    b.progress
        .push(record(1, Period::Month(6), Status::Done, date(2020, 6, 30)));
    let f = year_figures(2020, &b, date(2020, 7, 1));
    assert_eq!(f.commitments[0].final_status, Some(Status::Done));
    assert!(!f.commitments[0].overdue);
}

#[test]
fn months_the_review_date_has_not_reached_are_blank() {
    let f = year_figures(2020, &book(), date(2020, 6, 15));
    assert!(f.done_by_month[..6].iter().all(Option::is_some));
    assert!(f.done_by_month[6..].iter().all(Option::is_none));
    let before = year_figures(2020, &book(), date(2019, 12, 31));
    assert!(before.done_by_month.iter().all(Option::is_none));
}
