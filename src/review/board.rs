//! The cell board (bảng theo dõi chi bộ): one row per member for a year,
//! with the figures a secretary checks at a glance, and how the rows are
//! sorted and filtered. The window and `sophandau board` show the same rows.
//!
//! Pure functions of the notebooks and a reference date; nothing here draws.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

use super::{CellFigures, cell_figures, is_new_member, year_figures};
use crate::model::{Date, Level, MemberId, Notebook, SetApart, Standing, Year};

/// One member's row on the board.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRow {
    pub member: MemberId,
    pub name: String,
    /// Chính thức / dự bị on the last day of the year (or today, within it).
    pub standing: Option<Standing>,
    /// Excused or suspended this year, where the year's rules count such
    /// members apart.
    pub set_apart: Option<SetApart>,
    /// Admitted too late in the year to be classified.
    pub new_member: bool,
    /// The year's book is open.
    pub has_year: bool,
    /// Ngày đăng ký; registered means a date or at least one commitment.
    pub registered_on: Option<Date>,
    pub commitments: usize,
    /// Share of commitments done so far, in percent.
    pub done_percent: f32,
    /// Share of commitments reported done in the current quarter.
    pub period_percent: f32,
    pub overdue: usize,
    pub months_without_progress: usize,
    /// The latest date written on a result, entry or self-review.
    pub last_update: Option<Date>,
    pub self_review_written: bool,
    pub member_level: Option<Level>,
    pub cell_level: Option<Level>,
    pub final_level: Option<Level>,
    pub signed: bool,
}

impl BoardRow {
    pub fn is_registered(&self) -> bool {
        self.registered_on.is_some() || self.commitments > 0
    }

    /// Whether the row is in the state.
    pub fn is(&self, state: RowState) -> bool {
        match state {
            RowState::Unregistered => !self.is_registered(),
            RowState::Overdue => self.overdue > 0,
            RowState::NoSelfReview => !self.self_review_written,
            RowState::Unsigned => !self.signed,
        }
    }
}

/// The board of a year: the rows in the order of names, and the cell's
/// figures (the level distribution, members counted apart).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Board {
    pub year: Year,
    pub rows: Vec<BoardRow>,
    pub cell: CellFigures,
}

/// A state the board can be filtered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowState {
    /// Chưa đăng ký.
    Unregistered,
    /// Có cam kết quá hạn.
    Overdue,
    /// Chưa tự kiểm điểm.
    NoSelfReview,
    /// Chưa ký.
    Unsigned,
}

impl RowState {
    pub const ALL: [RowState; 4] = [
        RowState::Unregistered,
        RowState::Overdue,
        RowState::NoSelfReview,
        RowState::Unsigned,
    ];

    /// The name on the command line.
    pub fn key(self) -> &'static str {
        match self {
            RowState::Unregistered => "unregistered",
            RowState::Overdue => "overdue",
            RowState::NoSelfReview => "no-self-review",
            RowState::Unsigned => "unsigned",
        }
    }

    pub fn parse(key: &str) -> Option<RowState> {
        RowState::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A column of the board, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Standing,
    Registered,
    Commitments,
    Done,
    Period,
    Overdue,
    Idle,
    LastUpdate,
    SelfReview,
    MemberLevel,
    CellLevel,
    FinalLevel,
    Signed,
}

impl Column {
    pub const ALL: [Column; 14] = [
        Column::Name,
        Column::Standing,
        Column::Registered,
        Column::Commitments,
        Column::Done,
        Column::Period,
        Column::Overdue,
        Column::Idle,
        Column::LastUpdate,
        Column::SelfReview,
        Column::MemberLevel,
        Column::CellLevel,
        Column::FinalLevel,
        Column::Signed,
    ];

    /// The name on the command line and in CSV headers.
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Standing => "standing",
            Column::Registered => "registered",
            Column::Commitments => "commitments",
            Column::Done => "done",
            Column::Period => "period",
            Column::Overdue => "overdue",
            Column::Idle => "idle-months",
            Column::LastUpdate => "updated",
            Column::SelfReview => "self-review",
            Column::MemberLevel => "member-level",
            Column::CellLevel => "cell-level",
            Column::FinalLevel => "final-level",
            Column::Signed => "signed",
        }
    }

    pub fn parse(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// Works out the board of `year` as of `as_of`, rows in name order.
pub fn board<'a>(
    year: Year,
    notebooks: impl IntoIterator<Item = &'a Notebook>,
    as_of: Date,
) -> Board {
    let rules = crate::themes::rules_for(year);
    let notebooks: Vec<&Notebook> = notebooks.into_iter().collect();
    let mut rows: Vec<BoardRow> = notebooks
        .iter()
        .map(|nb| row(year, nb, as_of, rules))
        .collect();
    rows.sort_by_cached_key(|r| crate::text::name_sort_key(&r.name));
    Board {
        year,
        rows,
        cell: cell_figures(year, notebooks, as_of),
    }
}

fn row(year: Year, nb: &Notebook, as_of: Date, rules: &crate::model::RuleSet) -> BoardRow {
    let seen_on = Date::new(year, 12, 31).map_or(as_of, |end| end.min(as_of));
    let mut r = BoardRow {
        member: nb.id,
        name: nb.profile.full_name.clone(),
        standing: nb.profile.standing_on(seen_on),
        set_apart: nb
            .profile
            .set_apart
            .get(&year)
            .copied()
            .filter(|a| rules.leaves_out(*a)),
        new_member: is_new_member(&nb.profile, year, rules.new_member_months),
        has_year: false,
        registered_on: None,
        commitments: 0,
        done_percent: 0.0,
        period_percent: 0.0,
        overdue: 0,
        months_without_progress: 0,
        last_update: None,
        self_review_written: false,
        member_level: None,
        cell_level: None,
        final_level: None,
        signed: false,
    };
    let Some(book) = nb.years.get(&year) else {
        return r;
    };
    let f = year_figures(year, book, as_of);
    let quarter = match as_of.year().cmp(&year) {
        Ordering::Less => None,
        Ordering::Equal => Some((as_of.month() as usize - 1) / 3),
        Ordering::Greater => Some(3),
    };
    let in_period = quarter.map_or(0, |q| {
        f.commitments
            .iter()
            .filter(|c| {
                c.quarters[q].map(super::GridCell::status) == Some(crate::model::Status::Done)
            })
            .count()
    });
    let decision = &book.cell_review.decision;
    r.has_year = true;
    r.registered_on = book.registration.date;
    r.commitments = f.commitments.len();
    r.done_percent = f.all.percent(f.all.done);
    r.period_percent = f.all.percent(in_period);
    r.overdue = f.overdue;
    r.months_without_progress = f.months_without_progress.len();
    r.last_update = book
        .progress
        .iter()
        .map(|p| p.written_on)
        .chain(book.entries.iter().map(|e| e.date))
        .chain(book.self_review.as_ref().and_then(|s| s.written_on))
        .filter(|d| *d <= as_of)
        .max();
    r.self_review_written = f.readiness.self_review_written;
    r.member_level = f.proposed_level;
    r.cell_level = decision.proposed_level;
    r.final_level = decision.final_level;
    r.signed = decision.is_signed();
    r
}

/// Orders rows by a column; names in Vietnamese order break ties, and an
/// empty value comes after every written one.
pub fn sort(rows: &mut [BoardRow], column: Column, descending: bool) {
    rows.sort_by_cached_key(|r| crate::text::name_sort_key(&r.name));
    if column == Column::Name {
        if descending {
            rows.reverse();
        }
        return;
    }
    rows.sort_by(|a, b| {
        let order = compare(a, b, column);
        if descending { order.reverse() } else { order }
    });
}

fn compare(a: &BoardRow, b: &BoardRow, column: Column) -> Ordering {
    // None last in ascending order: compare (is_none, value).
    fn opt<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
        (a.is_none(), a).cmp(&(b.is_none(), b))
    }
    let level = |l: Option<Level>| l.map(level_rank);
    match column {
        Column::Name => Ordering::Equal,
        Column::Standing => opt(a.standing.map(standing_rank), b.standing.map(standing_rank)),
        Column::Registered => opt(a.registered_on, b.registered_on),
        Column::Commitments => a.commitments.cmp(&b.commitments),
        Column::Done => a.done_percent.total_cmp(&b.done_percent),
        Column::Period => a.period_percent.total_cmp(&b.period_percent),
        Column::Overdue => a.overdue.cmp(&b.overdue),
        Column::Idle => a.months_without_progress.cmp(&b.months_without_progress),
        Column::LastUpdate => opt(a.last_update, b.last_update),
        Column::SelfReview => a.self_review_written.cmp(&b.self_review_written),
        Column::MemberLevel => opt(level(a.member_level), level(b.member_level)),
        Column::CellLevel => opt(level(a.cell_level), level(b.cell_level)),
        Column::FinalLevel => opt(level(a.final_level), level(b.final_level)),
        Column::Signed => a.signed.cmp(&b.signed),
    }
}

/// The best level first.
fn level_rank(level: Level) -> u8 {
    match level {
        Level::Excellent => 0,
        Level::Good => 1,
        Level::Completed => 2,
        Level::NotCompleted => 3,
    }
}

fn standing_rank(standing: Standing) -> u8 {
    match standing {
        Standing::Full => 0,
        Standing::Probationary => 1,
    }
}

/// The rows whose name holds `text` (folding case, tones and đ) and that
/// are in `state`, if one is asked for; their indices, in order.
pub fn filter(rows: &[BoardRow], text: &str, state: Option<RowState>) -> Vec<usize> {
    let wanted = fold(text);
    rows.iter()
        .enumerate()
        .filter(|(_, r)| state.is_none_or(|s| r.is(s)))
        .filter(|(_, r)| wanted.is_empty() || fold(&r.name).contains(&wanted))
        .map(|(i, _)| i)
        .collect()
}

/// Lower case without tones or marks, "đ" as "d", spaces collapsed: so that
/// "nguyen van anh" finds "Nguyễn Văn Ánh".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().flat_map(char::to_lowercase) {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'đ' => out.push('d'),
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> BoardRow {
        let nb = Notebook::new(uuid::Uuid::new_v4(), crate::model::Profile::default());
        let mut r = row(
            2020,
            &nb,
            jiff::civil::date(2020, 6, 1),
            crate::themes::rules_for(2020),
        );
        r.name = name.to_owned();
        r
    }

    #[test]
    fn names_sort_by_given_name_and_empty_values_come_last() {
        let mut rows = vec![
            named("Trần Thị Bình"),
            named("Lê Văn Đức"),
            named("Nguyễn Văn Ánh"),
            named("Lê Văn Dũng"),
        ];
        rows[1].final_level = Some(Level::Good);
        rows[2].final_level = Some(Level::Excellent);
        sort(&mut rows, Column::Name, false);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Nguyễn Văn Ánh",
                "Trần Thị Bình",
                "Lê Văn Dũng",
                "Lê Văn Đức"
            ]
        );
        sort(&mut rows, Column::FinalLevel, false);
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Nguyễn Văn Ánh",
                "Lê Văn Đức",
                "Trần Thị Bình",
                "Lê Văn Dũng"
            ]
        );
    }

    #[test]
    fn filters_fold_tones_and_pick_states() {
        let mut rows = vec![named("Nguyễn Văn Ánh"), named("Đỗ Thị Đào")];
        rows[1].commitments = 3;
        assert_eq!(filter(&rows, "nguyen  van anh", None), [0]);
        assert_eq!(filter(&rows, "DAO", None), [1]);
        assert_eq!(filter(&rows, "", Some(RowState::Unregistered)), [0]);
        assert_eq!(filter(&rows, "dao", Some(RowState::Unregistered)), [0; 0]);
        assert_eq!(filter(&rows, "", Some(RowState::Unsigned)), [0, 1]);
    }

    #[test]
    fn keys_read_back() {
        for c in Column::ALL {
            assert_eq!(Column::parse(c.key()), Some(c));
        }
        for s in RowState::ALL {
            assert_eq!(RowState::parse(s.key()), Some(s));
        }
    }
}
