//! Progress (theo dõi tiến độ): commitments × months or quarters. Each cell
//! shows its status as a coloured word; pressing it opens the result and
//! evidence of that period. What a cell shows comes from `review`.

use eframe::egui::{self, RichText, Ui};

use super::editing::{Editing, ProgressDraft, Slot};
use super::intent::Intent;
use super::widgets::{date_input, status_chip, text_block};
use super::{Ctx, look};
use crate::i18n::{self, T};
use crate::model::{Commitment, Date, Language, Period, ProgressRecord, Status, Year};
use crate::review::GridCell;
use crate::workspace::Action;

/// The progress screen: by month or by quarter, and at most one period's
/// record open for editing.
#[derive(Default)]
pub struct ProgressScreen {
    pub by_quarter: bool,
    pub(super) editor: Slot<ProgressDraft>,
}

/// Short words for the grid cells; the editor shows the full ones.
fn short(lang: Language, status: Option<Status>) -> &'static str {
    match status {
        None => "–",
        Some(Status::NotStarted) => T::ShortNotStarted.get(lang),
        Some(Status::InProgress) => T::ShortInProgress.get(lang),
        Some(Status::Done) => T::ShortDone.get(lang),
        Some(Status::NotAchieved) => T::ShortNotAchieved.get(lang),
    }
}

impl ProgressScreen {
    pub fn show(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.by_quarter, false, T::ByMonth.get(lang));
            ui.selectable_value(&mut self.by_quarter, true, T::ByQuarter.get(lang));
        });
        if cx.book.commitments.is_empty() {
            ui.label(T::NeedCommitmentsFirst.get(lang));
            return;
        }
        ui.label(T::ProgressHint.get(lang));
        let periods: Vec<Period> = if self.by_quarter {
            (1..=4).map(Period::Quarter).collect()
        } else {
            (1..=12).map(Period::Month).collect()
        };
        let open = self
            .editor
            .value(cx.member, cx.year)
            .map(|d| (d.record.commitment, d.record.period));
        let share = if open.is_some() { 0.45 } else { 0.9 };
        let grid_height = (ui.available_height() * share).max(160.0);
        // The commitments' names stay put while the months scroll
        // sideways, under a scroll bar that is always shown.
        // Every row as high as a cell's button, on both sides.
        let row = ui.spacing().interact_size.y.max(
            ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y,
        );
        egui::ScrollArea::vertical()
            .id_salt("progress-grid")
            .max_height(grid_height)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    self.names(ui, cx, row);
                    ui.scope(|ui| {
                        look::plain_scroll_bars(ui);
                        egui::ScrollArea::horizontal()
                            .id_salt("progress-months")
                            .scroll_bar_visibility(
                                egui::scroll_area::ScrollBarVisibility::AlwaysVisible,
                            )
                            .show(ui, |ui| self.months(ui, cx, row, &periods, open, out));
                    });
                });
            });
        if self.by_quarter {
            ui.label(RichText::new(T::FromMonthsKey.get(lang)).italics());
        }
        ui.separator();
        self.editor(ui, cx, out);
    }

    /// The fixed part of the grid: each commitment's number and name, and
    /// whether it is overdue.
    fn names(&self, ui: &mut Ui, cx: &Ctx, row: f32) {
        let lang = cx.lang;
        let dark = ui.visuals().dark_mode;
        let title_width = (ui.available_width() * 0.3).clamp(row * 5.0, row * 12.0);
        egui::Grid::new("progress-names")
            .striped(true)
            .min_row_height(row)
            .spacing([6.0, 6.0])
            .show(ui, |ui| {
                ui.label(RichText::new(T::Content.get(lang)).strong());
                ui.label("");
                ui.end_row();
                for (n, c) in cx.book.commitments.iter().enumerate() {
                    ui.allocate_ui_with_layout(
                        egui::vec2(title_width, row),
                        egui::Layout::left_to_right(egui::Align::Center),
                        |ui| {
                            ui.set_width(title_width);
                            ui.add(
                                egui::Label::new(format!("{}. {}", n + 1, c.content)).truncate(),
                            )
                            .on_hover_text(&*c.content);
                        },
                    );
                    let figures = cx.figures.commitment(c.id);
                    if figures.is_some_and(|f| f.overdue) {
                        ui.colored_label(look::warning_colour(dark), T::Overdue.get(lang));
                    } else {
                        ui.label("");
                    }
                    ui.end_row();
                }
            });
    }

    /// The periods' part of the grid, a row per commitment.
    fn months(
        &mut self,
        ui: &mut Ui,
        cx: &Ctx,
        row: f32,
        periods: &[Period],
        open: Option<(uuid::Uuid, Period)>,
        out: &mut Vec<Intent>,
    ) {
        let lang = cx.lang;
        egui::Grid::new("progress")
            .striped(true)
            .min_row_height(row)
            .spacing([6.0, 6.0])
            .show(ui, |ui| {
                for p in periods {
                    ui.label(RichText::new(unbroken(&i18n::period(lang, *p))).strong());
                }
                ui.end_row();
                for c in &cx.book.commitments {
                    self.row(ui, cx, c, periods, open, out);
                    ui.end_row();
                }
            });
    }

    /// One commitment's cells.
    fn row(
        &mut self,
        ui: &mut Ui,
        cx: &Ctx,
        c: &Commitment,
        periods: &[Period],
        open: Option<(uuid::Uuid, Period)>,
        out: &mut Vec<Intent>,
    ) {
        let lang = cx.lang;
        let dark = ui.visuals().dark_mode;
        let figures = cx.figures.commitment(c.id);
        for p in periods {
            let shown = figures.and_then(|f| f.grid_cell(*p));
            let status = shown.map(GridCell::status);
            // Twelve months need the short words; four quarters have room
            // for the form's own.
            let word = match status {
                Some(s) if self.by_quarter => i18n::status(lang, s),
                _ => short(lang, status),
            };
            let mut label = RichText::new(word);
            if let Some(s) = status {
                label = label.color(look::status_colour(s, dark)).strong();
            }
            let mut said = status.map_or(T::NotWritten.get(lang).to_owned(), |s| {
                i18n::status(lang, s).to_owned()
            });
            if matches!(shown, Some(GridCell::FromMonths(_))) {
                label = label.italics();
                said = i18n::fill(T::FromMonths.get(lang), &[&said]);
            }
            let name = format!("{} — {}: {said}", c.content, i18n::period(lang, *p));
            let selected = open == Some((c.id, *p));
            let cell = ui
                .add(egui::Button::selectable(selected, label))
                .on_hover_text(&name);
            // Screen readers (and tests) hear the whole cell, not just its
            // short word.
            cell.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if cell.clicked() {
                let own = cx.book.progress_for(c.id, *p);
                let draft = own.map_or_else(
                    || ProgressDraft {
                        record: ProgressRecord {
                            commitment: c.id,
                            period: *p,
                            status: Status::NotStarted,
                            result: Default::default(),
                            evidence: Default::default(),
                            written_on: written_on(cx.year, *p, cx.today),
                            revision: 0,
                        },
                        chosen: false,
                    },
                    |r| ProgressDraft {
                        record: r.clone(),
                        chosen: true,
                    },
                );
                let editing = Editing::new(cx.member, cx.year, draft, own.is_some());
                self.editor.open(editing, out);
            }
        }
    }

    fn editor(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let Some(editing) = self.editor.get(cx.member, cx.year) else {
            return;
        };
        let Some(commitment) = cx.book.commitment(editing.draft.value.record.commitment) else {
            return;
        };
        let (mut close, mut cleared, mut cancel) = (false, false, false);
        egui::ScrollArea::vertical()
            .id_salt("progress-editor")
            .show(ui, |ui| {
                ui.label(
                    RichText::new(i18n::fill(
                        T::ProgressOf.get(lang),
                        &[
                            &commitment.content,
                            &unbroken(&i18n::period(lang, editing.draft.value.record.period)),
                        ],
                    ))
                    .family(look::bold_family()),
                );
                let changed = ui
                    .add_enabled_ui(!cx.locked, |ui| fields(ui, lang, &mut editing.draft.value))
                    .inner;
                if changed {
                    editing.draft.changed(cx.now);
                }
                if !editing.draft.value.chosen && !cx.locked {
                    ui.weak(T::ChooseStatus.get(lang));
                }
                ui.horizontal_wrapped(|ui| {
                    if cx.locked {
                        // Opened to read: nothing to save.
                        cancel = ui.button(T::ReadOnlyClose.get(lang)).clicked();
                        return;
                    }
                    close = ui.button(T::Done.get(lang)).clicked();
                    cleared = editing.exists && ui.button(T::ClearRecord.get(lang)).clicked();
                });
            });
        if cleared {
            let r = &editing.draft.value.record;
            let clear = Action::ClearProgress {
                member: cx.member,
                year: cx.year,
                commitment: r.commitment,
                period: r.period,
            };
            // The record goes; so does whatever was typed into it.
            self.editor.discard(out);
            out.push(Intent::Remove(clear));
        } else if cancel {
            self.editor.discard(out);
        } else if close {
            self.editor.close(out);
        }
    }
}

/// A period's name that never breaks over two lines ("Tháng 1").
fn unbroken(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}

/// A new record's date: the end of its period, or today if that is
/// earlier (but not before the year begins).
fn written_on(year: Year, period: Period, today: Date) -> Date {
    let first = Date::new(year, 1, 1).unwrap_or(today);
    let end = Date::new(year, period.last_month().clamp(1, 12) as i8, 1)
        .map_or(first, |d| d.last_of_month());
    end.min(today).max(first)
}

/// The record's status, result, evidence and date; returns whether any
/// changed.
fn fields(ui: &mut Ui, lang: Language, d: &mut ProgressDraft) -> bool {
    let mut changed = false;
    let r = &mut d.record;
    ui.horizontal_wrapped(|ui| {
        ui.label(T::Status.get(lang));
        for s in Status::ALL {
            if ui
                .radio(d.chosen && r.status == s, i18n::status(lang, s))
                .clicked()
            {
                r.status = s;
                d.chosen = true;
                changed = true;
            }
        }
        if d.chosen {
            status_chip(ui, lang, r.status);
        }
    });
    changed |= text_block(ui, T::Result.get(lang), &mut r.result, 3);
    changed |= text_block(ui, T::Evidence.get(lang), &mut r.evidence, 1);
    let mut written = Some(r.written_on);
    ui.horizontal(|ui| {
        if date_input(ui, lang, T::WrittenOn.get(lang), &mut written) {
            if let Some(d) = written {
                r.written_on = d;
            }
            changed = true;
        }
    });
    changed
}
