//! The cell's year-end meeting (họp chi bộ kiểm điểm, đánh giá, xếp loại
//! đảng viên), secretary only: the meeting's record on the left (date,
//! times, place, chair and minute-taker, the members total, absences with
//! reasons, guests, proceedings, conclusion) and, on the right, each
//! member's summary of comments, vote per level and the cell's proposed
//! level. Everything is saved as typed and undone like any edit: the
//! meeting through `Action::SetMeeting`, each member's part through
//! `Action::SetCellDecision`. Attendance and the vote check come from
//! `review::report`.

use std::collections::BTreeMap;

use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::editing::{Editing, Pending, Record};
use super::intent::Intent;
use super::widgets::{date_input, text_block, text_line};
use super::{Drafts, Place, look};
use crate::i18n::{self, T};
use crate::model::{
    Absence, CellDecision, Guest, Language, Level, Meeting, MemberId, Notebook, Year,
};
use crate::review::board::{Board, BoardRow};
use crate::review::report;
use crate::workspace::{Action, Workspace};

/// The meeting is the cell's, not a member's: its draft names no member.
const CELL: MemberId = MemberId::nil();

/// The largest members total offered (the workspace's own limit on votes).
const MAX_TOTAL: u32 = 10_000;

impl Record for Meeting {
    fn action(&self, _: MemberId, year: Year, _: bool) -> Action {
        Action::SetMeeting {
            year,
            meeting: self.clone(),
        }
    }

    fn missing(&self) -> Option<T> {
        let unnamed = self.absent.iter().any(|a| a.name.trim().is_empty())
            || self.guests.iter().any(|g| g.name.trim().is_empty());
        unnamed.then_some(T::MeetNeedNames)
    }

    fn saved(_: &Notebook, _: Year, _: &Self) -> Option<Self> {
        None
    }

    fn saved_in(workspace: &Workspace, _: MemberId, year: Year, _: &Self) -> Option<Self> {
        workspace.meeting(year).cloned()
    }
}

/// What the meeting said about one member: the cell's decision of the
/// year, of which this screen writes the comments, the vote and the
/// proposed level.
#[derive(Clone, Debug, PartialEq)]
pub struct VoteDraft(pub CellDecision);

impl Record for VoteDraft {
    fn action(&self, member: MemberId, year: Year, _: bool) -> Action {
        Action::SetCellDecision {
            member,
            year,
            decision: self.0.clone(),
        }
    }

    fn saved(notebook: &Notebook, year: Year, _: &Self) -> Option<Self> {
        let book = notebook.years.get(&year)?;
        Some(VoteDraft(book.cell_review.decision.clone()))
    }
}

/// The meeting screen's drafts: the year's meeting, and the members' parts
/// opened so far.
#[derive(Default)]
pub struct MeetingScreen {
    meeting: Option<Editing<Meeting>>,
    votes: BTreeMap<(MemberId, Year), Editing<VoteDraft>>,
}

impl Drafts for MeetingScreen {
    fn each(&mut self, f: &mut dyn FnMut(&mut dyn Pending)) {
        if let Some(m) = &mut self.meeting {
            f(m);
        }
        for v in self.votes.values_mut() {
            f(v);
        }
    }

    fn follow(&mut self, workspace: &Workspace, place: &Place) {
        let year = place.year;
        match &mut self.meeting {
            Some(m) if m.year == year || m.draft.is_pending() => {
                if !m.follow(workspace) {
                    self.meeting = None;
                }
            }
            _ => self.meeting = None,
        }
        if self.meeting.is_none() {
            let saved = workspace.meeting(year).cloned();
            let exists = saved.is_some();
            self.meeting = Some(Editing::new(CELL, year, saved.unwrap_or_default(), exists));
        }
        self.votes
            .retain(|&(_, y), v| (y == year || v.draft.is_pending()) && v.follow(workspace));
    }
}

/// What the screen shows, borrowed for one frame.
pub struct View<'a> {
    pub lang: Language,
    pub year: Year,
    pub workspace: &'a Workspace,
    pub board: &'a Board,
    pub now: f64,
    /// The user went to the minutes from a search: they are marked, and
    /// scrolled to while this is true.
    pub revealed: Option<bool>,
}

impl MeetingScreen {
    pub fn show(&mut self, ui: &mut Ui, v: &View, out: &mut Vec<Intent>) {
        let lang = v.lang;
        ui.heading(i18n::fill(T::MeetTitle.get(lang), &[&v.year]));
        let exists = v.workspace.meeting(v.year).is_some();
        ui.horizontal_wrapped(|ui| {
            if !exists {
                ui.label(i18n::fill(T::MeetNotYet.get(lang), &[&v.year]));
            } else if ui
                .button(i18n::fill(T::MeetRemove.get(lang), &[&v.year]))
                .clicked()
            {
                out.push(Intent::Remove(Action::RemoveMeeting { year: v.year }));
            }
            let export = Command::Export;
            if ui
                .button(T::MeetExport.get(lang))
                .on_hover_text(export.tooltip().get(lang))
                .clicked()
            {
                out.push(Intent::Run(export));
            }
        });
        ui.separator();
        let Self { meeting, votes } = self;
        let Some(editing) = meeting.as_mut().filter(|m| m.year == v.year) else {
            return;
        };
        let attendance = report::attendance(&editing.draft.value, v.board);
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("meeting-record")
                .show(&mut cols[0], |ui| {
                    if record(ui, v, &mut editing.draft.value) {
                        editing.draft.changed(v.now);
                    }
                });
            members(&mut cols[1], v, votes, attendance.present);
        });
    }
}

/// The meeting's own fields; returns whether anything changed.
fn record(ui: &mut Ui, v: &View, m: &mut Meeting) -> bool {
    let lang = v.lang;
    let mut changed = false;
    changed |= date_input(ui, lang, T::FieldMeetingDate.get(lang), &mut m.date);
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.set_width(ui.available_width() / 2.0 - 8.0);
            changed |= text_line(ui, T::MeetStartsAt.get(lang), &mut m.starts_at);
        });
        ui.vertical(|ui| {
            changed |= text_line(ui, T::MeetEndsAt.get(lang), &mut m.ends_at);
        });
    });
    changed |= text_line(ui, T::FieldMeetingPlace.get(lang), &mut m.place);
    changed |= text_line(ui, T::FieldChair.get(lang), &mut m.chair);
    changed |= text_line(ui, T::FieldMinuteTaker.get(lang), &mut m.minute_taker);
    ui.add_space(6.0);
    changed |= total(ui, v, m);
    let a = report::attendance(m, v.board);
    ui.label(i18n::fill(
        T::MeetAttendance.get(lang),
        &[&a.present, &a.total, &a.absent, &a.absent_excused],
    ));
    ui.add_space(6.0);
    changed |= absences(ui, v, m);
    ui.add_space(6.0);
    changed |= guests(ui, lang, m);
    ui.add_space(6.0);
    let top = ui.cursor().min.y;
    changed |= text_block(ui, T::FieldProceedings.get(lang), &mut m.proceedings, 6);
    changed |= text_block(ui, T::FieldConclusion.get(lang), &mut m.conclusion, 4);
    if let Some(scroll) = v.revealed {
        // What search reads of the meeting: its proceedings and conclusion.
        let x = ui.min_rect().x_range();
        let rect = egui::Rect::from_x_y_ranges(x, top..=ui.cursor().min.y);
        super::search::mark_rect(ui, rect, scroll);
    }
    ui.label(RichText::new(T::AutoSaved.get(lang)).weak());
    changed
}

/// The members total: the year's notebooks unless another number is
/// written (a member whose notebook is kept elsewhere still counts).
fn total(ui: &mut Ui, v: &View, m: &mut Meeting) -> bool {
    let lang = v.lang;
    let books = report::members_of_year(v.board);
    let mut changed = false;
    ui.horizontal(|ui| {
        let l = ui.label(T::MeetTotal.get(lang));
        let mut n = m.members_total.unwrap_or(books);
        if ui
            .add(egui::DragValue::new(&mut n).range(0..=MAX_TOTAL))
            .labelled_by(l.id)
            .changed()
        {
            m.members_total = Some(n);
            changed = true;
        }
        let by_books = i18n::fill(T::MeetTotalFromBooks.get(lang), &[&books]);
        if ui
            .selectable_label(m.members_total.is_none(), by_books)
            .clicked()
            && m.members_total.is_some()
        {
            m.members_total = None;
            changed = true;
        }
    });
    changed
}

fn absences(ui: &mut Ui, v: &View, m: &mut Meeting) -> bool {
    let lang = v.lang;
    let mut changed = false;
    ui.label(RichText::new(T::MeetAbsent.get(lang)).family(look::bold_family()));
    let mut remove = None;
    for (i, a) in m.absent.iter_mut().enumerate() {
        ui.push_id(("absent", i), |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("{}.", i + 1));
                let l = ui.label(T::FieldAbsentName.get(lang));
                changed |= ui
                    .add(egui::TextEdit::singleline(&mut a.name).desired_width(170.0))
                    .labelled_by(l.id)
                    .changed();
                if ui.small_button(T::MeetRemoveLine.get(lang)).clicked() {
                    remove = Some(i);
                }
            });
            ui.horizontal(|ui| {
                let l = ui.label(T::FieldAbsenceReason.get(lang));
                changed |= ui
                    .add(egui::TextEdit::singleline(&mut a.reason).desired_width(f32::INFINITY))
                    .labelled_by(l.id)
                    .changed();
            });
        });
    }
    if let Some(i) = remove {
        m.absent.remove(i);
        changed = true;
    }
    // Absent members are picked from the cell, or typed.
    let taken: Vec<MemberId> = m.absent.iter().filter_map(|a| a.member).collect();
    let mut picked: Option<Absence> = None;
    ui.horizontal(|ui| {
        let l = ui.label(T::MeetAddAbsent.get(lang));
        egui::ComboBox::from_id_salt("meeting-add-absent")
            .selected_text("…")
            .show_ui(ui, |ui| {
                for r in v.board.rows.iter().filter(|r| r.has_year) {
                    if !taken.contains(&r.member) && ui.selectable_label(false, &r.name).clicked() {
                        picked = Some(Absence {
                            member: Some(r.member),
                            name: r.name.clone(),
                            reason: String::new(),
                        });
                    }
                }
                if ui
                    .selectable_label(false, T::MeetAbsentOther.get(lang))
                    .clicked()
                {
                    picked = Some(Absence::default());
                }
            })
            .response
            .labelled_by(l.id);
    });
    if let Some(a) = picked {
        m.absent.push(a);
        changed = true;
    }
    changed
}

fn guests(ui: &mut Ui, lang: Language, m: &mut Meeting) -> bool {
    let mut changed = false;
    ui.label(RichText::new(T::MeetGuests.get(lang)).family(look::bold_family()));
    let mut remove = None;
    for (i, g) in m.guests.iter_mut().enumerate() {
        ui.push_id(("guest", i), |ui| {
            ui.horizontal(|ui| {
                let l = ui.label(T::FieldGuestName.get(lang));
                changed |= ui
                    .add(egui::TextEdit::singleline(&mut g.name).desired_width(170.0))
                    .labelled_by(l.id)
                    .changed();
                if ui.small_button(T::MeetRemoveLine.get(lang)).clicked() {
                    remove = Some(i);
                }
            });
            ui.horizontal(|ui| {
                let l = ui.label(T::FieldGuestPost.get(lang));
                changed |= ui
                    .add(egui::TextEdit::singleline(&mut g.post).desired_width(f32::INFINITY))
                    .labelled_by(l.id)
                    .changed();
            });
        });
    }
    if let Some(i) = remove {
        m.guests.remove(i);
        changed = true;
    }
    if ui.button(T::MeetAddGuest.get(lang)).clicked() {
        m.guests.push(Guest::default());
        changed = true;
    }
    changed
}

/// Whether the meeting classifies the member: not set apart, not new, with
/// a book of the year (as the board and the report count).
fn at_meeting(r: &BoardRow) -> bool {
    !matches!(
        report::unclassified(r),
        Some(
            report::Unclassified::SetApart(_)
                | report::Unclassified::NewMember
                | report::Unclassified::NoYear
        )
    )
}

/// Each member's comments, vote and proposed level, one fixed-height row
/// each, drawn only where visible (a cell may have hundreds).
fn members(
    ui: &mut Ui,
    v: &View,
    votes: &mut BTreeMap<(MemberId, Year), Editing<VoteDraft>>,
    present: u32,
) {
    let lang = v.lang;
    ui.label(RichText::new(T::MeetMembers.get(lang)).family(look::bold_family()));
    let rows: Vec<&BoardRow> = v.board.rows.iter().filter(|r| at_meeting(r)).collect();
    if rows.is_empty() {
        ui.label(T::MeetNoMembers.get(lang));
        return;
    }
    let line = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let row_height = line * 5.0 + 12.0;
    egui::ScrollArea::vertical()
        .id_salt("meeting-members")
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for (i, r) in rows[range.clone()].iter().enumerate() {
                let key = (r.member, v.year);
                let editing = match votes.entry(key) {
                    std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::btree_map::Entry::Vacant(e) => {
                        let Some(saved) = v.workspace.notebook(r.member).and_then(|nb| {
                            VoteDraft::saved(nb, v.year, &VoteDraft(CellDecision::default()))
                        }) else {
                            continue;
                        };
                        e.insert(Editing::new(r.member, v.year, saved, true))
                    }
                };
                let number = range.start + i + 1;
                let width = ui.available_width();
                ui.push_id(r.member, |ui| {
                    ui.allocate_ui(egui::vec2(width, row_height), |ui| {
                        ui.set_min_height(row_height);
                        if member_row(
                            ui,
                            lang,
                            number,
                            &r.name,
                            &mut editing.draft.value.0,
                            present,
                        ) {
                            editing.draft.changed(v.now);
                        }
                    });
                });
            }
        });
}

/// Short names of the levels, as the minutes' vote columns print them.
fn short(level: Level) -> &'static str {
    match level {
        Level::Excellent => "HTXSNV",
        Level::Good => "HTTNV",
        Level::Completed => "HTNV",
        Level::NotCompleted => "KHTNV",
    }
}

fn member_row(
    ui: &mut Ui,
    lang: Language,
    number: usize,
    name: &str,
    d: &mut CellDecision,
    present: u32,
) -> bool {
    let mut changed = false;
    ui.label(RichText::new(format!("{number}. {name}")).family(look::bold_family()));
    ui.horizontal(|ui| {
        let l = ui.label(T::MeetProposed.get(lang));
        let shown = d
            .proposed_level
            .map_or(T::MeetNoLevel.get(lang), |x| T::level(x).get(lang));
        egui::ComboBox::from_id_salt("proposed")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for level in [
                    None,
                    Some(Level::Excellent),
                    Some(Level::Good),
                    Some(Level::Completed),
                    Some(Level::NotCompleted),
                ] {
                    let text = level.map_or(T::MeetNoLevel.get(lang), |x| T::level(x).get(lang));
                    if ui
                        .selectable_label(d.proposed_level == level, text)
                        .clicked()
                        && d.proposed_level != level
                    {
                        d.proposed_level = level;
                        changed = true;
                    }
                }
            })
            .response
            .labelled_by(l.id);
    });
    // Wraps on a narrow window; the row's height leaves room for it.
    ui.horizontal_wrapped(|ui| {
        ui.label(T::MeetVotes.get(lang));
        for level in Level::ALL {
            let l = ui
                .label(short(level))
                .on_hover_text(T::level(level).get(lang));
            let mut n = d.votes.get(&level).copied().unwrap_or(0);
            if ui
                .add(egui::DragValue::new(&mut n).range(0..=present.max(1)))
                .labelled_by(l.id)
                .changed()
            {
                d.votes.insert(level, n);
                changed = true;
            }
        }
        let cast: u32 = d.votes.values().sum();
        if report::votes_over_present(&d.votes, present) {
            ui.colored_label(
                look::warning_colour(ui.visuals().dark_mode),
                i18n::fill(T::MeetTooManyVotes.get(lang), &[&cast, &present]),
            );
        }
    });
    ui.horizontal(|ui| {
        let l = ui.label(T::MeetComments.get(lang));
        let edit = ui
            .add(egui::TextEdit::singleline(&mut d.comments).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        if edit.changed() {
            crate::text::nfc_in_place(&mut d.comments);
            changed = true;
        }
    });
    changed
}
