//! Progress (theo dõi tiến độ): commitments × months or quarters. Each cell
//! shows its status as a coloured word; pressing it opens the result and
//! evidence of that period.

use eframe::egui::{self, RichText, Ui};

use super::draft::Draft;
use super::registration::is_overdue;
use super::text::{self, T};
use super::widgets::{date_input, status_chip, text_block};
use super::{Ctx, Editor, ViewState, look};
use crate::model::{Language, Period, ProgressRecord, Status, YearBook};
use crate::workspace::Action;

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

/// What a cell shows: the record of that period, or else (for a quarter)
/// the latest monthly record inside it.
fn cell_record(book: &YearBook, commitment: uuid::Uuid, period: Period) -> Option<&ProgressRecord> {
    book.progress_for(commitment, period).or(match period {
        Period::Quarter(q) => (1..=3)
            .rev()
            .find_map(|k| book.progress_for(commitment, Period::Month((q - 1) * 3 + k))),
        _ => None,
    })
}

pub fn show(ui: &mut Ui, cx: &Ctx, view: &mut ViewState) -> Vec<Action> {
    let lang = cx.lang;
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.selectable_value(&mut view.by_quarter, false, T::ByMonth.get(lang));
        ui.selectable_value(&mut view.by_quarter, true, T::ByQuarter.get(lang));
    });
    if cx.book.commitments.is_empty() {
        ui.label(T::NeedCommitmentsFirst.get(lang));
        return actions;
    }
    ui.label(T::ProgressHint.get(lang));
    let periods: Vec<Period> = if view.by_quarter {
        (1..=4).map(Period::Quarter).collect()
    } else {
        (1..=12).map(Period::Month).collect()
    };
    let dark = ui.visuals().dark_mode;
    let share = if view.editor.is_some() { 0.45 } else { 0.9 };
    let grid_height = (ui.available_height() * share).max(160.0);
    egui::ScrollArea::both()
        .id_salt("progress-grid")
        .max_height(grid_height)
        .show(ui, |ui| {
            egui::Grid::new("progress")
                .striped(true)
                .spacing([6.0, 6.0])
                .show(ui, |ui| {
                    ui.label(RichText::new(T::Content.get(lang)).strong());
                    ui.label("");
                    for p in &periods {
                        ui.label(RichText::new(text::period(lang, *p)).strong());
                    }
                    ui.end_row();
                    let title_width = ui.spacing().interact_size.y * 12.0;
                    for (n, c) in cx.book.commitments.iter().enumerate() {
                        ui.allocate_ui_with_layout(
                            egui::vec2(title_width, ui.spacing().interact_size.y),
                            egui::Layout::left_to_right(egui::Align::Center),
                            |ui| {
                                ui.set_width(title_width);
                                ui.add(
                                    egui::Label::new(format!("{}. {}", n + 1, c.content))
                                        .truncate(),
                                )
                                .on_hover_text(&c.content);
                            },
                        );
                        if is_overdue(cx.book, c, cx.today) {
                            ui.colored_label(look::warning_colour(dark), T::Overdue.get(lang));
                        } else {
                            ui.label("");
                        }
                        for p in &periods {
                            let record = cell_record(cx.book, c.id, *p);
                            let status = record.map(|r| r.status);
                            let word = short(lang, status);
                            let mut label = RichText::new(word);
                            if let Some(s) = status {
                                label = label.color(look::status_colour(s, dark)).strong();
                            }
                            let selected = matches!(&view.editor,
                                Some(Editor::Progress { draft, .. })
                                    if draft.value.commitment == c.id && draft.value.period == *p);
                            let name = format!(
                                "{} — {}: {}",
                                c.content,
                                text::period(lang, *p),
                                status.map_or(T::NotWritten.get(lang), |s| text::status(lang, s))
                            );
                            let cell = ui
                                .add(egui::Button::selectable(selected, label))
                                .on_hover_text(&name);
                            // Screen readers (and tests) hear the whole cell,
                            // not just its short word.
                            cell.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                            });
                            if cell.clicked() {
                                let own = cx.book.progress_for(c.id, *p);
                                let record = own.cloned().unwrap_or_else(|| ProgressRecord {
                                    commitment: c.id,
                                    period: *p,
                                    status: record.map_or(Status::InProgress, |r| r.status),
                                    result: String::new(),
                                    evidence: String::new(),
                                    written_on: cx.today,
                                    revision: 0,
                                });
                                view.editor = Some(Editor::Progress {
                                    year: cx.year,
                                    draft: Draft::new(record),
                                    exists: own.is_some(),
                                });
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    ui.separator();
    editor(ui, cx, view, &mut actions);
    actions
}

fn editor(ui: &mut Ui, cx: &Ctx, view: &mut ViewState, actions: &mut Vec<Action>) {
    let lang = cx.lang;
    let Some(Editor::Progress { draft, exists, .. }) = &mut view.editor else {
        return;
    };
    let Some(commitment) = cx.book.commitment(draft.value.commitment) else {
        return;
    };
    let (mut close, mut cleared) = (false, false);
    egui::ScrollArea::vertical()
        .id_salt("progress-editor")
        .show(ui, |ui| {
            ui.label(
                RichText::new(text::fill(
                    T::ProgressOf.get(lang),
                    &[&commitment.content, &text::period(lang, draft.value.period)],
                ))
                .family(look::bold_family()),
            );
            let r = &mut draft.value;
            let mut changed = false;
            ui.horizontal_wrapped(|ui| {
                ui.label(T::Status.get(lang));
                for s in Status::ALL {
                    changed |= ui
                        .radio_value(&mut r.status, s, text::status(lang, s))
                        .changed();
                }
                status_chip(ui, lang, r.status);
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
            if changed {
                draft.changed(cx.now);
            }
            ui.horizontal(|ui| {
                close = ui.button(T::Done.get(lang)).clicked();
                if *exists && ui.button(T::ClearRecord.get(lang)).clicked() {
                    actions.push(Action::ClearProgress {
                        member: cx.member,
                        year: cx.year,
                        commitment: draft.value.commitment,
                        period: draft.value.period,
                    });
                    view.message = Some(T::Deleted.get(lang).to_owned());
                    cleared = true;
                }
            });
        });
    if cleared {
        // The record goes; so does whatever was typed into it.
        view.editor = None;
    } else if close {
        view.close_editor = true;
    }
}
