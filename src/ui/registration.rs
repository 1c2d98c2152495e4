//! Registration of the year's commitments (đăng ký cam kết), grouped by the
//! six areas: add, edit, delete (undo brings it back), reorder.

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

use super::editing::{Editing, Slot};
use super::intent::Intent;
use super::widgets::{combo, date_input, text_block};
use super::{Ctx, look};
use crate::i18n::{self, T};
use crate::model::{Area, Commitment};
use crate::text::dmy;
use crate::workspace::Action;

/// The registration screen: at most one commitment open for editing.
#[derive(Default)]
pub struct Registration {
    pub(super) editor: Slot<Commitment>,
}

impl Registration {
    pub fn show(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let mut date = cx.book.registration.date;
        ui.add_enabled_ui(!cx.locked, |ui| {
            ui.horizontal(|ui| {
                if date_input(ui, lang, T::RegistrationDate.get(lang), &mut date) {
                    out.push(Intent::Apply(Action::SetRegistrationDate {
                        member: cx.member,
                        year: cx.year,
                        date,
                    }));
                }
            });
        });
        let editing = self
            .editor
            .value(cx.member, cx.year)
            .map(|c| (c.id, c.area));
        if cx.book.commitments.is_empty() && editing.is_none() {
            ui.label(T::NoCommitments.get(lang));
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_enabled_ui(!cx.locked, |ui| {
                let mut number = 0;
                for area in Area::ALL {
                    number = self.area(ui, cx, area, number, editing, out);
                }
            });
        });
    }

    /// One area's heading, its commitments and its "add" button; returns the
    /// number of the last commitment shown.
    fn area(
        &mut self,
        ui: &mut Ui,
        cx: &Ctx,
        area: Area,
        mut number: usize,
        editing: Option<(Uuid, Area)>,
        out: &mut Vec<Intent>,
    ) -> usize {
        let lang = cx.lang;
        let in_area: Vec<&Commitment> = cx
            .book
            .commitments
            .iter()
            .filter(|c| c.area == area)
            .collect();
        let new_here = editing
            .is_some_and(|(id, a)| a == area && !cx.book.commitments.iter().any(|c| c.id == id));
        if area == Area::Other && in_area.is_empty() && !new_here {
            return number;
        }
        ui.add_space(8.0);
        ui.label(
            RichText::new(i18n::area(lang, area))
                .family(look::bold_family())
                .size(ui.text_style_height(&egui::TextStyle::Body) * 1.1),
        );
        if in_area.is_empty() && !new_here {
            ui.weak(T::NoneInArea.get(lang));
        }
        for (i, c) in in_area.iter().enumerate() {
            number += 1;
            if editing.is_some_and(|(id, _)| id == c.id) {
                self.editor(ui, cx, out);
                continue;
            }
            self.row(ui, cx, c, number, (i, in_area.len()), out);
        }
        if new_here {
            self.editor(ui, cx, out);
        } else if ui.button(T::AddCommitment.get(lang)).clicked() {
            let blank = Commitment {
                id: Uuid::new_v4(),
                area,
                content: Default::default(),
                measures: Default::default(),
                product: Default::default(),
                deadline: None,
                order: u32::MAX,
                revision: 0,
            };
            let editing = Editing::new(cx.member, cx.year, blank, false);
            self.editor.open(editing, out);
        }
        ui.separator();
        number
    }

    /// A saved commitment; `place` is its index in its area and the
    /// area's count, for moving it up or down.
    fn row(
        &mut self,
        ui: &mut Ui,
        cx: &Ctx,
        c: &Commitment,
        number: usize,
        (index, count): (usize, usize),
        out: &mut Vec<Intent>,
    ) {
        let lang = cx.lang;
        let overdue = cx.figures.commitment(c.id).is_some_and(|f| f.overdue);
        ui.horizontal_wrapped(|ui| {
            let content = ui.label(RichText::new(format!("{number}. {}", c.content)).strong());
            if cx.revealed(&crate::search::Target::Commitment(c.id)) {
                super::search::mark(ui, &content, cx.scroll);
            }
            if overdue {
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
            ui.horizontal_wrapped(|ui| {
                if ui.button(T::EditCommitment.get(lang)).clicked() {
                    let editing = Editing::new(cx.member, cx.year, c.clone(), true);
                    self.editor.open(editing, out);
                }
                let move_to = |position| {
                    Intent::Apply(Action::MoveCommitment {
                        member: cx.member,
                        year: cx.year,
                        id: c.id,
                        position,
                    })
                };
                let up = egui::Button::new(T::MoveUp.get(lang));
                if ui.add_enabled(index > 0, up).clicked() {
                    out.push(move_to(index - 1));
                }
                let down = egui::Button::new(T::MoveDown.get(lang));
                if ui.add_enabled(index + 1 < count, down).clicked() {
                    out.push(move_to(index + 1));
                }
                if ui.button(T::Delete.get(lang)).clicked() {
                    out.push(Intent::Remove(Action::RemoveCommitment {
                        member: cx.member,
                        year: cx.year,
                        id: c.id,
                    }));
                }
            });
        });
    }

    fn editor(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let Some(editing) = self.editor.get(cx.member, cx.year) else {
            return;
        };
        let (mut close, mut cancel) = (false, false);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let c = &mut editing.draft.value;
            let mut changed = false;
            combo(ui, T::Area.get(lang), i18n::area(lang, c.area), |ui| {
                for area in Area::ALL {
                    changed |= ui
                        .selectable_value(&mut c.area, area, i18n::area(lang, area))
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
                editing.draft.changed(cx.now);
            }
            if !editing.exists && editing.draft.value.content.trim().is_empty() {
                ui.weak(T::NeedContent.get(lang));
            }
            ui.horizontal_wrapped(|ui| {
                close = ui.button(T::Done.get(lang)).clicked();
                cancel = !editing.exists && ui.button(T::Cancel.get(lang)).clicked();
            });
        });
        if cancel {
            self.editor.discard(out);
        } else if close {
            self.editor.close(out);
        }
    }
}
