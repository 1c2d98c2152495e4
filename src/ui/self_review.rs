//! The year-end self-review (tự kiểm điểm), written beside the facts: the
//! year's commitments and where each one ended.

use eframe::egui::{self, RichText, Ui};

use super::editing::Current;
use super::widgets::{date_input, status_chip, text_block};
use super::{Ctx, look};
use crate::i18n::{self, T};
use crate::model::{Level, SelfReview};

/// The self-review screen: the shown year's self-review, saved as typed.
#[derive(Default)]
pub struct SelfReviewScreen {
    pub(super) draft: Current<SelfReview>,
}

impl SelfReviewScreen {
    pub fn show(&mut self, ui: &mut Ui, cx: &Ctx) {
        facts(ui, cx);
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(d) = self.draft.get(cx.member, cx.year)
                && form(ui, cx, &mut d.draft.value)
            {
                d.draft.changed(cx.now);
            }
        });
    }
}

/// The year's commitments and where each ended, beside the form.
fn facts(ui: &mut Ui, cx: &Ctx) {
    let lang = cx.lang;
    egui::Panel::right("year-facts")
        .resizable(true)
        .default_size(ui.available_width() * 0.4)
        .show(ui, |ui| {
            ui.label(RichText::new(T::YearFacts.get(lang)).family(look::bold_family()));
            ui.label(i18n::fill(
                T::DoneCount.get(lang),
                &[&cx.figures.all.done, &cx.figures.all.total],
            ));
            egui::ScrollArea::vertical()
                .id_salt("facts")
                .show(ui, |ui| {
                    for c in &cx.figures.commitments {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(format!("{}. {}", c.number, c.content));
                            match c.final_status {
                                Some(s) => {
                                    status_chip(ui, lang, s);
                                }
                                None => {
                                    ui.weak(T::NotWritten.get(lang));
                                }
                            }
                        });
                    }
                });
        });
}

/// The self-review's fields; returns whether any changed.
fn form(ui: &mut Ui, cx: &Ctx, r: &mut SelfReview) -> bool {
    let lang = cx.lang;
    egui::ScrollArea::vertical()
        .id_salt("self-review")
        .show(ui, |ui| {
            // What the year's rules ask of the self-review.
            for note in &crate::themes::rules_for(cx.year).notes {
                ui.label(RichText::new(note).small());
            }
            let mut changed = false;
            for (label, value) in [
                (T::Strengths, &mut r.strengths),
                (T::Shortcomings, &mut r.shortcomings),
                (T::Causes, &mut r.causes),
                (T::Remedies, &mut r.remedies),
                (T::CommitmentsKept, &mut r.commitments_kept),
            ] {
                changed |= text_block(ui, label.get(lang), value, 3);
            }
            ui.label(RichText::new(T::ProposedLevel.get(lang)).strong());
            for (value, label) in Level::ALL
                .into_iter()
                .map(|l| (Some(l), i18n::level(lang, l)))
                .chain([(None, T::NoLevel.get(lang))])
            {
                changed |= ui
                    .radio_value(&mut r.proposed_level, value, label)
                    .changed();
            }
            if let Some(scale) = crate::themes::rules_for(cx.year).points {
                let mut score = r.score.unwrap_or_default();
                let mut touched = false;
                ui.horizontal(|ui| {
                    for (label, value, max) in [
                        (T::ScoreGeneral, &mut score.general, scale.general_max),
                        (T::ScoreTasks, &mut score.tasks, scale.tasks_max),
                    ] {
                        let l = ui.label(label.get(lang));
                        touched |= ui
                            .add(egui::DragValue::new(value).range(0..=max))
                            .labelled_by(l.id)
                            .changed();
                    }
                });
                ui.label(i18n::fill(
                    T::ScoreSuggests.get(lang),
                    &[
                        &score.total(),
                        &i18n::level(lang, scale.level(score.total())),
                    ],
                ));
                if touched {
                    r.score = Some(score);
                    changed = true;
                }
            }
            ui.horizontal(|ui| {
                changed |= date_input(ui, lang, T::WrittenOn.get(lang), &mut r.written_on);
            });
            ui.label(T::AutoSaved.get(lang));
            changed
        })
        .inner
}
