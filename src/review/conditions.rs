//! The conditions a level needs beyond its score (Điều 11, Quy định
//! 366-QĐ/TW): which hold for a member's year, and the level they allow.
//! The conditions themselves are data in `assets/rules.ron`.

use crate::model::{
    ConditionCheck, Date, Level, LevelCondition, Notebook, SelfReview, Status, Year,
};

/// One condition and whether it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionState {
    pub condition: LevelCondition,
    pub holds: bool,
}

/// The year's conditions for a member, and the level they allow.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelCheck {
    pub states: Vec<ConditionState>,
    /// What the score (or, without points, the proposed level) reaches.
    pub reached: Option<Level>,
    /// The best level at or below `reached` whose conditions all hold,
    /// and no better than `capped_at`.
    pub allowed: Option<Level>,
    /// The best level the member may get whatever the score (long sick
    /// leave), with the rule's words.
    pub capped_at: Option<(Level, String)>,
}

/// Checks the year's conditions on a member's book, with `review` as the
/// year's self-review (the saved one, or a draft being typed); `None` when
/// the year's rules have none.
pub fn level_check(
    notebook: &Notebook,
    year: Year,
    review: Option<&SelfReview>,
) -> Option<LevelCheck> {
    let rules = crate::themes::rules_for(year);
    let sick = notebook.profile.sick_leave_months.get(&year).copied();
    let capped_at = rules
        .sick_leave_cap
        .as_ref()
        .filter(|cap| sick.is_some_and(|m| m >= cap.months))
        .map(|cap| (cap.level, cap.note.clone()));
    if rules.conditions.is_empty() && capped_at.is_none() {
        return None;
    }
    let book = notebook.years.get(&year)?;
    let states: Vec<ConditionState> = rules
        .conditions
        .iter()
        .map(|c| ConditionState {
            condition: c.clone(),
            holds: match c.check {
                ConditionCheck::AllDone(late_max) => all_done(book, late_max),
                ConditionCheck::ShortcomingsAnswered => {
                    shortcomings_answered(notebook, year, review)
                }
                ConditionCheck::Declared => review.is_some_and(|r| r.declared.contains(&c.key)),
            },
        })
        .collect();
    let reached = match (rules.points, review) {
        (Some(scale), Some(r)) => r.score.map(|s| scale.level(s.total())),
        (None, Some(r)) => r.proposed_level,
        _ => None,
    };
    let allowed = reached.map(|reached| allowed_from(reached, &states, capped_at.as_ref()));
    Some(LevelCheck {
        states,
        reached,
        allowed,
        capped_at,
    })
}

/// The best level at or below `reached` whose conditions all hold, and no
/// better than the cap.
fn allowed_from(
    reached: Level,
    states: &[ConditionState],
    capped_at: Option<&(Level, String)>,
) -> Level {
    let allowed = Level::ALL
        .into_iter()
        .filter(|l| *l >= reached)
        .find(|l| {
            states
                .iter()
                .filter(|s| s.condition.level == *l)
                .all(|s| s.holds)
        })
        .unwrap_or(Level::NotCompleted);
    // A worse level is a greater one: the cap lowers, never raises.
    capped_at.map_or(allowed, |(cap, _)| allowed.max(*cap))
}

/// A proposed level that is not the one the score or the year's
/// conditions point to, for a gentle note beside the choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProposalGap {
    pub proposed: Level,
    /// The level the score and the conditions point to.
    pub suggested: Level,
    /// The conditions (or a cap), not the score alone, set `suggested`.
    pub by_conditions: bool,
}

impl ProposalGap {
    /// The member proposes better than the rules allow (rather than
    /// proposing less, out of modesty).
    pub fn above(&self) -> bool {
        // A better level is a smaller one.
        self.proposed < self.suggested
    }
}

/// Compares the level a self-review proposes with what its score (where
/// the year uses points) and the year's conditions allow; `None` when they
/// agree, or when nothing is proposed or nothing can be compared (no score
/// yet, and no conditions).
pub fn proposal_gap(notebook: &Notebook, year: Year, review: &SelfReview) -> Option<ProposalGap> {
    let proposed = review.proposed_level?;
    let rules = crate::themes::rules_for(year);
    let by_score = rules
        .points
        .zip(review.score)
        .map(|(scale, s)| scale.level(s.total()));
    // The conditions are checked against the score's level, or without a
    // score against the proposal itself.
    let allowed = level_check(notebook, year, Some(review)).map(|check| {
        allowed_from(
            by_score.unwrap_or(proposed),
            &check.states,
            check.capped_at.as_ref(),
        )
    });
    let suggested = match (by_score, allowed) {
        (_, Some(allowed)) => allowed,
        (Some(level), None) => level,
        (None, None) => return None,
    };
    (suggested != proposed).then_some(ProposalGap {
        proposed,
        suggested,
        by_conditions: by_score != Some(suggested),
    })
}

/// Every commitment done, and at most `late_max` percent done after its
/// deadline (the day the first "done" was written).
fn all_done(book: &crate::model::YearBook, late_max: u8) -> bool {
    if book.commitments.is_empty() {
        return false;
    }
    let mut late = 0usize;
    for c in &book.commitments {
        let records: Vec<_> = book
            .progress
            .iter()
            .filter(|p| p.commitment == c.id)
            .collect();
        let due = super::due_month(c.deadline.map_or(0, |d| d.year()), c.deadline);
        if super::final_status(&records, due) != Some(Status::Done) {
            return false;
        }
        let done_on: Option<Date> = records
            .iter()
            .filter(|p| p.status == Status::Done)
            .map(|p| p.written_on)
            .min();
        if let (Some(deadline), Some(done)) = (c.deadline, done_on)
            && done > deadline
        {
            late += 1;
        }
    }
    late * 100 <= book.commitments.len() * usize::from(late_max)
}

/// Section III answers what was pointed out before: nothing was, or the
/// member wrote how each was fixed (no "Kết quả khắc phục:" left blank).
fn shortcomings_answered(notebook: &Notebook, year: Year, review: Option<&SelfReview>) -> bool {
    let prefill = super::form::fixes_prefill(notebook, year);
    if prefill.is_empty() {
        return true;
    }
    let fixes = review.map_or("", |r| r.text("fixes"));
    !fixes.trim().is_empty()
        && fixes
            .lines()
            .filter_map(|l| l.trim().strip_prefix("Kết quả khắc phục:"))
            .all(|rest| !rest.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use uuid::Uuid;

    use super::*;
    use crate::model::{
        Answer, Area, Commitment, Period, Profile, ProgressRecord, Score, SelfReview, YearBook,
    };

    /// A 2025 book: `n` commitments due 30/6, each done on `done_on`, and a
    /// self-review scoring `score`.
    fn book(n: u128, done_on: Date, score: u8) -> Notebook {
        let mut b = YearBook::new("2021-2025");
        for i in 1..=n {
            b.commitments.push(Commitment {
                id: Uuid::from_u128(i),
                area: Area::Duties,
                content: format!("Nhiệm vụ {i}").into(),
                measures: Default::default(),
                product: Default::default(),
                deadline: Some(date(2025, 6, 30)),
                order: i as u32,
                revision: 1,
            });
            b.progress.push(ProgressRecord {
                commitment: Uuid::from_u128(i),
                // The record for the deadline's month (or a later one)
                // says it is done; a month's work before it would not.
                period: Period::Month(done_on.month().max(6) as u8),
                status: Status::Done,
                result: Default::default(),
                evidence: Default::default(),
                written_on: done_on,
                revision: 1,
            });
        }
        b.self_review = Some(SelfReview {
            score: Some(Score {
                general: 28,
                tasks: score - 28,
            }),
            ..SelfReview::default()
        });
        let mut nb = Notebook::new(Uuid::from_u128(99), Profile::default());
        nb.years.insert(2025, b);
        nb
    }

    fn saved_check(nb: &Notebook, year: Year) -> Option<LevelCheck> {
        let review = nb.years.get(&year).and_then(|b| b.self_review.as_ref());
        level_check(nb, year, review)
    }

    fn declare(nb: &mut Notebook, key: &str) {
        let r = nb
            .years
            .get_mut(&2025)
            .unwrap()
            .self_review
            .as_mut()
            .unwrap();
        r.declared.insert(key.into());
    }

    fn proposing(nb: &mut Notebook, level: Option<Level>) -> Option<ProposalGap> {
        let r = nb
            .years
            .get_mut(&2025)
            .unwrap()
            .self_review
            .as_mut()
            .unwrap();
        r.proposed_level = level;
        let r = r.clone();
        proposal_gap(nb, 2025, &r)
    }

    #[test]
    fn a_proposal_above_the_score_or_the_conditions_gets_a_note() {
        // 92 points, but "≥ 30% beyond requirement" is not stated: "tốt".
        let mut nb = book(3, date(2025, 5, 20), 92);
        let gap = proposing(&mut nb, Some(Level::Excellent)).unwrap();
        assert_eq!(gap.suggested, Level::Good);
        assert!(gap.above() && gap.by_conditions);
        assert_eq!(proposing(&mut nb, Some(Level::Good)), None);
        assert_eq!(proposing(&mut nb, None), None);
        // 75 points: "tốt" by the score alone; proposing less is noted too,
        // as being below.
        let mut nb = book(3, date(2025, 5, 20), 75);
        let gap = proposing(&mut nb, Some(Level::Completed)).unwrap();
        assert_eq!(gap.suggested, Level::Good);
        assert!(!gap.above() && !gap.by_conditions);
        let gap = proposing(&mut nb, Some(Level::Excellent)).unwrap();
        assert!(gap.above() && !gap.by_conditions);
    }

    #[test]
    fn without_a_score_the_conditions_alone_are_compared() {
        let mut nb = book(3, date(2025, 8, 1), 92);
        let r = nb
            .years
            .get_mut(&2025)
            .unwrap()
            .self_review
            .as_mut()
            .unwrap();
        r.score = None;
        // Done late: even "hoàn thành" does not hold.
        let gap = proposing(&mut nb, Some(Level::Good)).unwrap();
        assert_eq!(gap.suggested, Level::NotCompleted);
        assert!(gap.by_conditions);
    }

    #[test]
    fn a_score_of_ninety_needs_the_conditions_of_excellent() {
        let mut nb = book(3, date(2025, 5, 20), 92);
        let check = saved_check(&nb, 2025).unwrap();
        assert_eq!(check.reached, Some(Level::Excellent));
        // "≥ 30% beyond requirement" not stated: only "tốt" is allowed.
        assert_eq!(check.allowed, Some(Level::Good));
        let beyond = check.states.iter().find(|s| s.condition.key == "xs_beyond");
        assert!(!beyond.unwrap().holds);
        declare(&mut nb, "xs_beyond");
        assert_eq!(
            saved_check(&nb, 2025).unwrap().allowed,
            Some(Level::Excellent)
        );
    }

    #[test]
    fn work_done_late_lowers_the_level_the_score_reached() {
        // All done after the deadline: neither "xuất sắc" nor "tốt".
        let mut nb = book(3, date(2025, 8, 1), 92);
        declare(&mut nb, "xs_beyond");
        let check = saved_check(&nb, 2025).unwrap();
        assert!(
            check
                .states
                .iter()
                .filter(|s| s.condition.level == Level::Excellent)
                .any(|s| !s.holds)
        );
        assert_eq!(
            check.allowed,
            Some(Level::NotCompleted),
            "100% late is over the 20% of 'hoàn thành'"
        );
        // One of five late (20%): "hoàn thành" holds.
        let mut nb = book(5, date(2025, 5, 1), 75);
        let b = nb.years.get_mut(&2025).unwrap();
        b.progress[0].written_on = date(2025, 7, 15);
        assert_eq!(
            saved_check(&nb, 2025).unwrap().allowed,
            Some(Level::Completed)
        );
    }

    #[test]
    fn shortcomings_pointed_out_last_year_must_be_answered() {
        let mut nb = book(3, date(2025, 5, 20), 95);
        declare(&mut nb, "xs_beyond");
        let mut last = YearBook::new("2021-2025");
        last.self_review = Some(SelfReview {
            answers: [(
                "shortcomings".to_owned(),
                Answer {
                    text: "Chậm báo cáo.".into(),
                    rating: None,
                },
            )]
            .into(),
            ..SelfReview::default()
        });
        nb.years.insert(2024, last);
        assert_eq!(saved_check(&nb, 2025).unwrap().allowed, Some(Level::Good));
        let prefill = crate::review::form::fixes_prefill(&nb, 2025);
        let r = nb
            .years
            .get_mut(&2025)
            .unwrap()
            .self_review
            .as_mut()
            .unwrap();
        r.answer_mut("fixes").text = prefill
            .replace("Kết quả khắc phục: ", "Kết quả khắc phục: Đã nộp đúng hạn.")
            .into();
        assert_eq!(
            saved_check(&nb, 2025).unwrap().allowed,
            Some(Level::Excellent)
        );
    }

    #[test]
    fn long_sick_leave_caps_the_level_under_hd_21() {
        let mut nb = book(1, date(2025, 5, 1), 90);
        let mut b = nb.years.remove(&2025).unwrap();
        b.self_review.as_mut().unwrap().proposed_level = Some(Level::Good);
        nb.years.insert(2020, b);
        nb.profile.sick_leave_months.insert(2020, 2);
        assert!(saved_check(&nb, 2020).is_none(), "two months: no cap");
        nb.profile.sick_leave_months.insert(2020, 3);
        let check = saved_check(&nb, 2020).unwrap();
        assert_eq!(check.reached, Some(Level::Good));
        assert_eq!(check.allowed, Some(Level::Completed));
        assert!(check.capped_at.unwrap().1.contains("03 tháng"));
    }

    #[test]
    fn years_without_conditions_have_no_check() {
        let mut nb = book(1, date(2025, 5, 1), 90);
        let b = nb.years.remove(&2025).unwrap();
        nb.years.insert(2020, b);
        assert!(saved_check(&nb, 2020).is_none());
    }
}
