//! The rules a notebook or `workspace.ron` read from disk must keep, checked
//! right after decoding (the files are meant to be hand-editable and synced,
//! so anything can arrive).
//!
//! A check returns values, not words: what it put right without losing
//! anything (`Repair`: records sorted back into canonical order, exact
//! duplicates dropped, links to commitments that are gone) and what makes the
//! file damaged (`Flaw`). The store turns them into `Problem`s, and a file with
//! any flaw is handled exactly like one that does not parse. The rules are
//! those `Workspace::apply` keeps for every action, so a file this program
//! wrote always passes.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

use super::damage::Damage;
use super::format::{
    DecodeError, Decoded, decode_cell, decode_meetings, decode_notebook, decode_received,
    decode_settings,
};
use crate::exchange::Received;
use crate::model::{
    CellPart, CellReview, Date, Meeting, MemberId, Notebook, Period, Settings, YEARS, Year,
    YearBook,
};
use crate::workspace::MAX_TEXT_CHARS;

/// At most this many flaws are kept per file; a badly broken file would
/// otherwise list thousands.
pub const MAX_FLAWS: usize = 100;

/// The part of a file a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Profile,
    /// The year itself: its number and its study theme.
    Year,
    Registration,
    Commitment,
    Progress,
    Entry,
    SelfReview,
    Remark,
    Decision,
    Settings,
    Theme,
    Meeting,
    Exchange,
}

/// Something that makes a file damaged: it cannot be used as it is, and
/// nothing can be put right without guessing.
#[derive(Clone, Debug, PartialEq)]
pub enum Flaw {
    /// A year outside `model::YEARS`.
    YearOutOfRange(Year),
    /// A month, quarter or half that does not exist (e.g. `Quarter(0)`).
    PeriodOutOfRange {
        year: Year,
        part: Part,
        period: Period,
    },
    /// A date outside the year it belongs to (or the next, for year-end
    /// papers).
    DateOutsideYear { year: Year, part: Part, date: Date },
    /// Two different records with one id.
    DuplicateId { year: Year, part: Part, id: Uuid },
    /// Two different progress records for one commitment and period.
    DuplicateProgress {
        year: Year,
        commitment: Uuid,
        period: Period,
    },
    /// A progress record for a commitment that is not in the year.
    UnknownCommitment { year: Year, commitment: Uuid },
    /// A text longer than `MAX_TEXT_CHARS`.
    TextTooLong {
        year: Option<Year>,
        part: Part,
        chars: usize,
    },
    /// A NUL character inside a text: zeroed bytes from a broken disk or
    /// sync, never typed.
    NulInText { year: Option<Year>, part: Part },
    /// A user theme whose years are reversed or outside `model::YEARS`.
    ThemeYears { id: String, years: (Year, Year) },
}

/// Something put right on load that loses nothing; the file is written
/// back in the right shape on the next save.
#[derive(Clone, Debug, PartialEq)]
pub enum Repair {
    /// Records were out of their canonical order and were sorted.
    Sorted { year: Year, part: Part },
    /// A record appeared twice, exactly the same; one copy was dropped.
    DuplicateDropped { year: Year, part: Part },
    /// An entry named as its evidence a commitment that is no longer in
    /// the year; the link was dropped.
    LinkDropped {
        year: Year,
        entry: Uuid,
        commitment: Uuid,
    },
}

/// What a check found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Findings {
    pub repairs: Vec<Repair>,
    pub flaws: Vec<Flaw>,
}

impl Findings {
    fn flaw(&mut self, flaw: Flaw) {
        if self.flaws.len() < MAX_FLAWS {
            self.flaws.push(flaw);
        }
    }

    fn text(&mut self, year: Option<Year>, part: Part, text: &str) {
        if text.contains('\0') {
            self.flaw(Flaw::NulInText { year, part });
        }
        // Counting chars is only needed when the byte length could be over.
        if text.len() > MAX_TEXT_CHARS {
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                self.flaw(Flaw::TextTooLong { year, part, chars });
            }
        }
    }

    fn texts<'a>(
        &mut self,
        year: Option<Year>,
        part: Part,
        texts: impl IntoIterator<Item = &'a str>,
    ) {
        for t in texts {
            self.text(year, part, t);
        }
    }
}

/// A file decoded and checked: the value, and what was put right.
#[derive(Debug, PartialEq)]
pub struct Checked<T> {
    pub value: Decoded<T>,
    pub repairs: Vec<Repair>,
}

/// Decodes a notebook file and checks it: a file with any flaw is damaged.
pub fn read_notebook(bytes: &[u8]) -> Result<Checked<Notebook>, DecodeError> {
    checked(decode_notebook(bytes)?, notebook)
}

/// Decodes a cell file and checks it: a file with any flaw is damaged.
pub fn read_cell(bytes: &[u8]) -> Result<Checked<CellPart>, DecodeError> {
    checked(decode_cell(bytes)?, cell_part)
}

/// Decodes the meetings file and checks it: a file with any flaw is damaged.
pub fn read_meetings(bytes: &[u8]) -> Result<Checked<BTreeMap<Year, Meeting>>, DecodeError> {
    checked(decode_meetings(bytes)?, meetings)
}

/// Decodes what one side received and checks it.
pub fn read_received(bytes: &[u8]) -> Result<Checked<BTreeMap<MemberId, Received>>, DecodeError> {
    checked(decode_received(bytes)?, received)
}

/// Checks what one side received: the years its records name, and the
/// texts of the conflicts it keeps.
pub fn received(members: &mut BTreeMap<MemberId, Received>) -> Findings {
    let mut found = Findings::default();
    for r in members.values() {
        for key in r.revisions.keys().chain(r.conflicts.iter().map(|c| &c.key)) {
            if let Some(year) = key.year().filter(|y| !YEARS.contains(y)) {
                found.flaw(Flaw::YearOutOfRange(year));
            }
        }
        for c in &r.conflicts {
            found.texts(c.key.year(), Part::Exchange, [c.file.as_str()]);
        }
    }
    found
}

/// Decodes a settings file and checks it: a file with any flaw is damaged.
pub fn read_settings(bytes: &[u8]) -> Result<Checked<Settings>, DecodeError> {
    checked(decode_settings(bytes)?, settings)
}

fn checked<T>(
    mut value: Decoded<T>,
    check: fn(&mut T) -> Findings,
) -> Result<Checked<T>, DecodeError> {
    let found = check(value.value_mut());
    if found.flaws.is_empty() {
        Ok(Checked {
            value,
            repairs: found.repairs,
        })
    } else {
        Err(DecodeError::Damaged(Damage::Invalid(found.flaws)))
    }
}

/// Checks a decoded notebook, repairing in place what loses nothing.
pub fn notebook(nb: &mut Notebook) -> Findings {
    let mut found = Findings::default();
    let p = &nb.profile;
    found.texts(
        None,
        Part::Profile,
        [
            &p.full_name,
            &p.party_post,
            &p.government_post,
            &p.mass_post,
            &p.workplace,
            &p.cell,
            &p.party_committee,
        ]
        .into_iter()
        .map(String::as_str)
        .chain(p.card_number.as_deref()),
    );
    let p = &nb.profile;
    for &year in p.set_apart.keys().chain(p.sick_leave_months.keys()) {
        if !YEARS.contains(&year) {
            found.flaw(Flaw::YearOutOfRange(year));
        }
    }
    for (&year, book) in &mut nb.years {
        if YEARS.contains(&year) {
            year_book(&mut found, year, book);
        } else {
            found.flaw(Flaw::YearOutOfRange(year));
        }
    }
    found
}

fn year_book(found: &mut Findings, year: Year, book: &mut YearBook) {
    let y = Some(year);
    found.text(y, Part::Year, &book.theme_id);
    date_in(found, year, Part::Registration, book.registration.date, 0);
    commitments(found, year, book);
    progress(found, year, book);
    entries(found, year, book);
    if let Some(r) = &book.self_review {
        found.text(y, Part::SelfReview, &r.form);
        for (key, answer) in &r.answers {
            found.texts(y, Part::SelfReview, [key.as_str(), answer.text.as_str()]);
        }
        for key in &r.declared {
            found.text(y, Part::SelfReview, key);
        }
        date_in(found, year, Part::SelfReview, r.written_on, 1);
    }
    cell_review(found, year, &mut book.cell_review);
}

/// Checks the cell's part for a member, year by year.
pub fn cell_part(part: &mut CellPart) -> Findings {
    let mut found = Findings::default();
    for (&year, review) in &mut part.years {
        if YEARS.contains(&year) {
            cell_review(&mut found, year, review);
        } else {
            found.flaw(Flaw::YearOutOfRange(year));
        }
    }
    found
}

/// Checks the cell's meetings: each in its year (or January after), every
/// text within the limits.
pub fn meetings(meetings: &mut BTreeMap<Year, Meeting>) -> Findings {
    let mut found = Findings::default();
    for (&year, m) in meetings.iter() {
        if !YEARS.contains(&year) {
            found.flaw(Flaw::YearOutOfRange(year));
            continue;
        }
        date_in(&mut found, year, Part::Meeting, m.date, 1);
        let y = Some(year);
        found.texts(
            y,
            Part::Meeting,
            [
                &m.starts_at,
                &m.ends_at,
                &m.place,
                &m.chair,
                &m.minute_taker,
                &m.proceedings,
                &m.conclusion,
            ]
            .map(String::as_str),
        );
        for a in &m.absent {
            found.texts(y, Part::Meeting, [a.name.as_str(), &a.reason]);
        }
        for g in &m.guests {
            found.texts(y, Part::Meeting, [g.name.as_str(), &g.post]);
        }
    }
    found
}

fn cell_review(found: &mut Findings, year: Year, review: &mut CellReview) {
    let y = Some(year);
    remarks(found, year, review);
    let d = &review.decision;
    found.texts(
        y,
        Part::Decision,
        [d.secretary.as_str(), &d.decision_number, &d.comments],
    );
    found.texts(
        y,
        Part::Decision,
        d.assessment
            .iter()
            .flat_map(|(k, v)| [k.as_str(), v.as_str()]),
    );
    date_in(found, year, Part::Decision, d.signed_on, 1);
    date_in(found, year, Part::Decision, d.decided_on, 1);
}

fn commitments(found: &mut Findings, year: Year, book: &mut YearBook) {
    for c in &book.commitments {
        found.texts(
            Some(year),
            Part::Commitment,
            [&c.content, &c.measures, &c.product].map(|t| t.as_str()),
        );
        date_in(found, year, Part::Commitment, c.deadline, 0);
    }
    let list = &mut book.commitments;
    unique(found, year, Part::Commitment, list, |c| c.id);
    sort(found, year, Part::Commitment, list, |c| c.sort_key());
}

fn progress(found: &mut Findings, year: Year, book: &mut YearBook) {
    let known: BTreeSet<Uuid> = book.commitments.iter().map(|c| c.id).collect();
    for r in &book.progress {
        if !r.period.is_valid() {
            found.flaw(Flaw::PeriodOutOfRange {
                year,
                part: Part::Progress,
                period: r.period,
            });
        }
        if !known.contains(&r.commitment) {
            found.flaw(Flaw::UnknownCommitment {
                year,
                commitment: r.commitment,
            });
        }
        found.texts(
            Some(year),
            Part::Progress,
            [&r.result, &r.evidence].map(|t| t.as_str()),
        );
    }
    let list = &mut book.progress;
    for (commitment, period) in dedupe(found, year, Part::Progress, list, |r| r.sort_key()) {
        found.flaw(Flaw::DuplicateProgress {
            year,
            commitment,
            period,
        });
    }
    sort(found, year, Part::Progress, list, |r| r.sort_key());
}

fn entries(found: &mut Findings, year: Year, book: &mut YearBook) {
    let known: BTreeSet<Uuid> = book.commitments.iter().map(|c| c.id).collect();
    for e in &mut book.entries {
        found.texts(
            Some(year),
            Part::Entry,
            [&e.title, &e.text].map(|t| t.as_str()),
        );
        date_in(found, year, Part::Entry, Some(e.date), 0);
        // Removing a commitment leaves the entries that named it alone.
        let entry = e.id;
        e.commitments.retain(|c| {
            let keep = known.contains(c);
            if !keep {
                found.repairs.push(Repair::LinkDropped {
                    year,
                    entry,
                    commitment: *c,
                });
            }
            keep
        });
    }
    let list = &mut book.entries;
    unique(found, year, Part::Entry, list, |e| e.id);
    sort(found, year, Part::Entry, list, |e| e.sort_key());
}

fn remarks(found: &mut Findings, year: Year, review: &mut CellReview) {
    for r in &review.remarks {
        if !r.period.is_valid() {
            found.flaw(Flaw::PeriodOutOfRange {
                year,
                part: Part::Remark,
                period: r.period,
            });
        }
        found.texts(
            Some(year),
            Part::Remark,
            [&r.author, &r.text].map(|t| t.as_str()),
        );
    }
    let list = &mut review.remarks;
    unique(found, year, Part::Remark, list, |r| r.id);
    sort(found, year, Part::Remark, list, |r| r.sort_key());
}

/// A date must fall in `year`, or up to `later` years after it.
fn date_in(found: &mut Findings, year: Year, part: Part, date: Option<Date>, later: i16) {
    let Some(date) = date else { return };
    let y = i32::from(date.year());
    if y < i32::from(year) || y > i32::from(year) + i32::from(later) {
        found.flaw(Flaw::DateOutsideYear { year, part, date });
    }
}

/// Drops exact duplicates (a repair) and returns the keys held by two
/// different records.
fn dedupe<T: PartialEq, K: Ord + Copy>(
    found: &mut Findings,
    year: Year,
    part: Part,
    list: &mut Vec<T>,
    key: impl Fn(&T) -> K,
) -> Vec<K> {
    let mut first: BTreeMap<K, usize> = BTreeMap::new();
    let mut keep = vec![true; list.len()];
    let mut clashes = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let k = key(item);
        match first.get(&k) {
            None => {
                first.insert(k, i);
            }
            Some(&j) if list[j] == *item => keep[i] = false,
            Some(_) => clashes.push(k),
        }
    }
    if keep.contains(&false) {
        found.repairs.push(Repair::DuplicateDropped { year, part });
        let mut flags = keep.into_iter();
        list.retain(|_| flags.next().unwrap_or(true));
    }
    clashes
}

fn unique<T: PartialEq>(
    found: &mut Findings,
    year: Year,
    part: Part,
    list: &mut Vec<T>,
    id: impl Fn(&T) -> Uuid,
) {
    for id in dedupe(found, year, part, list, id) {
        found.flaw(Flaw::DuplicateId { year, part, id });
    }
}

fn sort<T, K: Ord>(
    found: &mut Findings,
    year: Year,
    part: Part,
    list: &mut [T],
    key: impl Fn(&T) -> K,
) {
    if !list.is_sorted_by_key(&key) {
        list.sort_by_key(key);
        found.repairs.push(Repair::Sorted { year, part });
    }
}

/// Checks decoded settings.
pub fn settings(s: &mut Settings) -> Findings {
    let mut found = Findings::default();
    found.texts(
        None,
        Part::Settings,
        [&s.cell_name]
            .into_iter()
            .chain(&s.export_folder)
            .chain(&s.export_format)
            .chain(&s.shared_folder)
            .map(String::as_str),
    );
    for t in &s.user_themes {
        let (first, last) = t.years;
        if first > last || !YEARS.contains(&first) || !YEARS.contains(&last) {
            found.flaw(Flaw::ThemeYears {
                id: t.id.clone(),
                years: t.years,
            });
        }
        found.texts(
            None,
            Part::Theme,
            [&t.id, &t.title]
                .into_iter()
                .chain(&t.documents)
                .chain(&t.outline)
                .map(String::as_str),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, EntryKind, ProgressRecord, Remark, Status, Theme};

    fn sample() -> Notebook {
        crate::demo::generate(crate::demo::DemoSpec {
            members: 1,
            years: 2,
            first_year: 2020,
            seed: 9,
        })
        .notebooks
        .remove(0)
    }

    fn book(nb: &mut Notebook) -> &mut YearBook {
        nb.years.get_mut(&2021).unwrap()
    }

    fn flaws(mut nb: Notebook) -> Vec<Flaw> {
        notebook(&mut nb).flaws
    }

    #[test]
    fn a_notebook_this_program_wrote_passes_untouched() {
        let mut nb = sample();
        let before = nb.clone();
        assert_eq!(notebook(&mut nb), Findings::default());
        assert_eq!(nb, before);
    }

    #[test]
    fn periods_out_of_range_are_flaws() {
        for period in [
            Period::Month(0),
            Period::Month(13),
            Period::Quarter(0),
            Period::Quarter(200),
            Period::Half(0),
            Period::Half(3),
        ] {
            let mut nb = sample();
            book(&mut nb).progress[0].period = period;
            assert!(
                flaws(nb).iter().any(|f| matches!(
                    f,
                    Flaw::PeriodOutOfRange { year: 2021, part: Part::Progress, period: p } if *p == period
                )),
                "{period:?}"
            );
            let mut nb = sample();
            let b = book(&mut nb);
            let commitment = b.commitments[0].id;
            b.cell_review.remarks.push(Remark {
                id: Uuid::from_u128(7),
                period,
                commitment: Some(commitment),
                author: "Bí thư".into(),
                date: jiff::civil::date(2021, 5, 1),
                text: "Tốt".into(),
                revision: 1,
            });
            b.cell_review.remarks.sort_by_key(Remark::sort_key);
            assert!(
                flaws(nb).iter().any(|f| matches!(
                    f,
                    Flaw::PeriodOutOfRange {
                        part: Part::Remark,
                        ..
                    }
                )),
                "{period:?}"
            );
        }
    }

    #[test]
    fn years_outside_the_start_year_range_are_flaws() {
        for year in [1929, 2201, 10000, i16::MAX, i16::MIN] {
            let mut nb = sample();
            let b = nb.years.remove(&2021).unwrap();
            nb.years.insert(year, b);
            assert!(flaws(nb).contains(&Flaw::YearOutOfRange(year)), "{year}");
            let mut nb = sample();
            nb.profile
                .set_apart
                .insert(year, crate::model::SetApart::Excused);
            assert!(flaws(nb).contains(&Flaw::YearOutOfRange(year)), "{year}");
        }
        let mut nb = sample();
        let b = nb.years.remove(&2021).unwrap();
        nb.years.insert(*YEARS.end(), b);
        assert!(
            !flaws(nb)
                .iter()
                .any(|f| matches!(f, Flaw::YearOutOfRange(_)))
        );
    }

    #[test]
    fn dates_outside_their_year_are_flaws() {
        let other = jiff::civil::date(2019, 3, 1);
        let next = jiff::civil::date(2022, 1, 10);
        let later = jiff::civil::date(2023, 1, 10);
        type Set = fn(&mut YearBook, Date);
        let cases: [(Part, Set); 6] = [
            (Part::Entry, |b, d| b.entries[0].date = d),
            (Part::Commitment, |b, d| b.commitments[0].deadline = Some(d)),
            (Part::Registration, |b, d| b.registration.date = Some(d)),
            (Part::SelfReview, |b, d| {
                b.self_review.get_or_insert_default().written_on = Some(d)
            }),
            (Part::Decision, |b, d| {
                b.cell_review.decision.signed_on = Some(d)
            }),
            (Part::Decision, |b, d| {
                b.cell_review.decision.decided_on = Some(d)
            }),
        ];
        for (part, set) in cases {
            let mut nb = sample();
            set(book(&mut nb), other);
            book(&mut nb).entries.sort_by_key(Entry::sort_key);
            assert!(
                flaws(nb).contains(&Flaw::DateOutsideYear {
                    year: 2021,
                    part,
                    date: other
                }),
                "{part:?}"
            );
        }
        // Year-end papers may be dated in January of the next year only.
        let (self_review, decision, decided) = (cases[3].1, cases[4].1, cases[5].1);
        for set in [self_review, decision, decided] {
            let mut nb = sample();
            set(book(&mut nb), next);
            assert_eq!(flaws(nb), []);
            let mut nb = sample();
            set(book(&mut nb), later);
            assert_eq!(flaws(nb).len(), 1);
        }
    }

    #[test]
    fn different_records_under_one_id_are_flaws_and_copies_are_dropped() {
        let mut nb = sample();
        let b = book(&mut nb);
        let id = b.commitments[0].id;
        b.commitments[1].id = id;
        assert!(flaws(nb).iter().any(|f| matches!(
            f,
            Flaw::DuplicateId { part: Part::Commitment, id: i, .. } if *i == id
        )));

        let mut nb = sample();
        let b = book(&mut nb);
        let copy = b.entries[0].clone();
        b.entries.insert(0, copy);
        let count = b.entries.len();
        let found = notebook(&mut nb);
        assert_eq!(found.flaws, []);
        assert!(found.repairs.contains(&Repair::DuplicateDropped {
            year: 2021,
            part: Part::Entry
        }));
        assert_eq!(book(&mut nb).entries.len(), count - 1);

        let mut nb = sample();
        let b = book(&mut nb);
        let remark = Remark {
            id: Uuid::from_u128(7),
            period: Period::Year,
            commitment: None,
            author: "Bí thư".into(),
            date: jiff::civil::date(2021, 12, 1),
            text: "Tốt".into(),
            revision: 1,
        };
        let other = Remark {
            text: "Khác".into(),
            ..remark.clone()
        };
        b.cell_review.remarks.extend([remark, other]);
        assert!(flaws(nb).iter().any(|f| matches!(
            f,
            Flaw::DuplicateId {
                part: Part::Remark,
                ..
            }
        )));
    }

    #[test]
    fn two_progress_records_for_one_period_are_a_flaw() {
        let mut nb = sample();
        let b = book(&mut nb);
        let mut twin = b.progress[0].clone();
        twin.result = "Khác hẳn".into();
        b.progress.insert(1, twin);
        assert!(
            flaws(nb)
                .iter()
                .any(|f| matches!(f, Flaw::DuplicateProgress { year: 2021, .. }))
        );
    }

    #[test]
    fn progress_must_point_at_a_commitment_and_entry_links_are_dropped() {
        let ghost = Uuid::from_u128(0xdead);
        let mut nb = sample();
        let b = book(&mut nb);
        b.progress.push(ProgressRecord {
            commitment: ghost,
            period: Period::Month(1),
            status: Status::Done,
            result: Default::default(),
            evidence: Default::default(),
            written_on: jiff::civil::date(2021, 1, 31),
            revision: 1,
        });
        b.progress.sort_by_key(ProgressRecord::sort_key);
        assert!(flaws(nb).contains(&Flaw::UnknownCommitment {
            year: 2021,
            commitment: ghost
        }));

        let mut nb = sample();
        let b = book(&mut nb);
        b.entries[0].commitments.push(ghost);
        let entry = b.entries[0].id;
        let found = notebook(&mut nb);
        assert_eq!(found.flaws, []);
        assert_eq!(
            found.repairs,
            [Repair::LinkDropped {
                year: 2021,
                entry,
                commitment: ghost
            }]
        );
        assert!(!book(&mut nb).entries[0].commitments.contains(&ghost));
    }

    #[test]
    fn long_texts_and_nul_bytes_are_flaws() {
        let mut nb = sample();
        book(&mut nb).entries[0].text = "a".repeat(MAX_TEXT_CHARS + 1).into();
        assert!(flaws(nb).contains(&Flaw::TextTooLong {
            year: Some(2021),
            part: Part::Entry,
            chars: MAX_TEXT_CHARS + 1
        }));
        // Many bytes but few characters is within the limit.
        let mut nb = sample();
        book(&mut nb).entries[0].text = "ệ".repeat(MAX_TEXT_CHARS).into();
        assert_eq!(flaws(nb), []);

        let mut nb = sample();
        nb.profile.workplace = "UBND\0xã".into();
        assert_eq!(
            flaws(nb),
            [Flaw::NulInText {
                year: None,
                part: Part::Profile
            }]
        );
    }

    #[test]
    fn unsorted_records_are_sorted_and_found_again() {
        let mut nb = sample();
        let b = book(&mut nb);
        b.progress.reverse();
        b.commitments.reverse();
        b.entries.reverse();
        let probe = b.progress[0].sort_key();
        assert!(
            b.progress_for(probe.0, probe.1).is_none(),
            "the bug repaired"
        );
        let found = notebook(&mut nb);
        assert_eq!(found.flaws, []);
        for part in [Part::Commitment, Part::Progress, Part::Entry] {
            assert!(found.repairs.contains(&Repair::Sorted { year: 2021, part }));
        }
        assert_eq!(nb, sample());
        assert!(book(&mut nb).progress_for(probe.0, probe.1).is_some());
    }

    #[test]
    fn a_decision_written_before_the_cell_proposed_loads_with_it_empty() {
        let old = "(final_level: Some(Good), secretary: \"Lê Văn Dũng\", signed_on: Some(\"2020-12-28\"), revision: 2)";
        let d: crate::model::CellDecision = ron::from_str(old).unwrap();
        assert_eq!(d.final_level, Some(crate::model::Level::Good));
        assert_eq!((d.proposed_level, d.decided_on), (None, None));
        assert!(d.decision_number.is_empty() && d.is_signed());
    }

    #[test]
    fn flaws_are_capped() {
        let mut nb = sample();
        let b = book(&mut nb);
        let template = b.entries[0].clone();
        b.entries = (0..MAX_FLAWS as u128 * 2)
            .map(|i| Entry {
                id: Uuid::from_u128(i),
                date: jiff::civil::date(1999, 1, 1),
                kind: EntryKind::Other,
                ..template.clone()
            })
            .collect();
        assert_eq!(flaws(nb).len(), MAX_FLAWS);
    }

    #[test]
    fn settings_are_checked() {
        let mut s = Settings {
            cell_name: "Chi bộ\0".into(),
            ..Settings::default()
        };
        s.user_themes.push(Theme {
            id: "x".into(),
            years: (2025, 2021),
            title: "Chuyên đề".into(),
            documents: Vec::new(),
            outline: Vec::new(),
        });
        assert_eq!(
            settings(&mut s).flaws,
            [
                Flaw::NulInText {
                    year: None,
                    part: Part::Settings
                },
                Flaw::ThemeYears {
                    id: "x".into(),
                    years: (2025, 2021)
                },
            ]
        );
        assert_eq!(settings(&mut Settings::default()), Findings::default());
    }
}
