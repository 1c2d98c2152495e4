//! Registration of the year's commitments (đăng ký cam kết), grouped by the
//! six areas: add, edit, delete (undo brings it back), reorder.

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

use super::draft::Draft;
use super::text::{self, T};
use super::widgets::{combo, date_input, dmy, text_block};
use super::{Ctx, Editor, ViewState, look};
use crate::model::{Area, Commitment, Status, YearBook};
use crate::workspace::Action;

pub fn show(ui: &mut Ui, cx: &Ctx, view: &mut ViewState) -> Vec<Action> {
    let mut actions = Vec::new();
    let lang = cx.lang;
    let mut date = cx.book.registration.date;
    ui.horizontal(|ui| {
        if date_input(ui, lang, T::RegistrationDate.get(lang), &mut date) {
            actions.push(Action::SetRegistrationDate {
                member: cx.member,
                year: cx.year,
                date,
            });
        }
    });
    if cx.book.commitments.is_empty() && view.editor.is_none() {
        ui.label(T::NoCommitments.get(lang));
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        let mut number = 0;
        for area in Area::ALL {
            let in_area: Vec<&Commitment> = cx
                .book
                .commitments
                .iter()
                .filter(|c| c.area == area)
                .collect();
            let editing_new_here = matches!(&view.editor,
                Some(Editor::Commitment { draft, exists: false, .. }) if draft.value.area == area);
            if area == Area::Other && in_area.is_empty() && !editing_new_here {
                continue;
            }
            ui.add_space(8.0);
            ui.label(
                RichText::new(text::area(lang, area))
                    .family(look::bold_family())
                    .size(ui.text_style_height(&egui::TextStyle::Body) * 1.1),
            );
            if in_area.is_empty() && !editing_new_here {
                ui.weak(T::NoneInArea.get(lang));
            }
            for (i, c) in in_area.iter().enumerate() {
                number += 1;
                let editing = matches!(&view.editor,
                    Some(Editor::Commitment { draft, .. }) if draft.value.id == c.id);
                if editing {
                    editor(ui, cx, view);
                    continue;
                }
                commitment_row(ui, cx, c, number, i, in_area.len(), view, &mut actions);
            }
            if editing_new_here {
                editor(ui, cx, view);
            } else if ui.button(T::AddCommitment.get(lang)).clicked() {
                view.editor = Some(Editor::Commitment {
                    year: cx.year,
                    draft: Draft::new(Commitment {
                        id: Uuid::new_v4(),
                        area,
                        content: String::new(),
                        measures: String::new(),
                        product: String::new(),
                        deadline: None,
                        order: u32::MAX,
                        revision: 0,
                    }),
                    exists: false,
                });
            }
            ui.separator();
        }
    });
    actions
}

#[allow(clippy::too_many_arguments)]
fn commitment_row(
    ui: &mut Ui,
    cx: &Ctx,
    c: &Commitment,
    number: usize,
    index: usize,
    count: usize,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let lang = cx.lang;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{number}. {}", c.content)).strong());
        if is_overdue(cx.book, c, cx.today) {
            ui.colored_label(
                look::warning_colour(ui.visuals().dark_mode),
                T::Overdue.get(lang),
            );
        }
    });
    ui.indent(c.id, |ui| {
        for (label, value) in [(T::Measures, &c.measures), (T::Product, &c.product)] {
            if !value.is_empty() {
                ui.label(format!("{}: {value}", label.get(lang)));
            }
        }
        if let Some(d) = c.deadline {
            ui.label(format!("{}: {}", T::Deadline.get(lang), dmy(d)));
        }
        ui.horizontal(|ui| {
            if ui.button(T::EditCommitment.get(lang)).clicked() {
                view.editor = Some(Editor::Commitment {
                    year: cx.year,
                    draft: Draft::new(c.clone()),
                    exists: true,
                });
            }
            let mut move_to = |position| {
                actions.push(Action::MoveCommitment {
                    member: cx.member,
                    year: cx.year,
                    id: c.id,
                    position,
                })
            };
            if ui
                .add_enabled(index > 0, egui::Button::new(T::MoveUp.get(lang)))
                .clicked()
            {
                move_to(index - 1);
            }
            if ui
                .add_enabled(index + 1 < count, egui::Button::new(T::MoveDown.get(lang)))
                .clicked()
            {
                move_to(index + 1);
            }
            if ui.button(T::Delete.get(lang)).clicked() {
                actions.push(Action::RemoveCommitment {
                    member: cx.member,
                    year: cx.year,
                    id: c.id,
                });
                view.message = Some(T::Deleted.get(lang).to_owned());
            }
        });
    });
}

fn editor(ui: &mut Ui, cx: &Ctx, view: &mut ViewState) {
    let lang = cx.lang;
    let Some(Editor::Commitment { draft, exists, .. }) = &mut view.editor else {
        return;
    };
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        let c = &mut draft.value;
        let mut changed = false;
        combo(ui, T::Area.get(lang), text::area(lang, c.area), |ui| {
            for area in Area::ALL {
                changed |= ui
                    .selectable_value(&mut c.area, area, text::area(lang, area))
                    .changed();
            }
        });
        changed |= text_block(ui, T::Content.get(lang), &mut c.content, 2);
        changed |= text_block(ui, T::Measures.get(lang), &mut c.measures, 2);
        changed |= text_block(ui, T::Product.get(lang), &mut c.product, 1);
        ui.horizontal(|ui| {
            changed |= date_input(ui, lang, T::Deadline.get(lang), &mut c.deadline);
        });
        if changed {
            draft.changed(cx.now);
        }
        if !*exists && draft.value.content.trim().is_empty() {
            ui.weak(T::NeedContent.get(lang));
        }
        close = ui.button(T::Done.get(lang)).clicked();
    });
    if close {
        // Pending text is written before the editor goes (see App::ui).
        view.close_editor = true;
    }
}

/// The last status recorded for a commitment, by period order within the year.
pub fn final_status(book: &YearBook, commitment: Uuid) -> Option<Status> {
    book.progress
        .iter()
        .filter(|p| p.commitment == commitment)
        .max_by_key(|p| (p.period.last_month(), p.written_on))
        .map(|p| p.status)
}

/// Past its deadline and not done.
pub fn is_overdue(book: &YearBook, c: &Commitment, today: crate::model::Date) -> bool {
    c.deadline.is_some_and(|d| d < today) && final_status(book, c.id) != Some(Status::Done)
}
