//! The year-end self-review (tự kiểm điểm), written beside the facts: the
//! year's commitments and where each one ended.

use eframe::egui::{self, RichText, Ui};

use super::editing::{Editing, Pending};
use super::widgets::{date_input, status_chip, text_block};
use super::{Ctx, Drafts, Place, look};
use crate::i18n::{self, T};
use crate::model::{ConditionCheck, FormSpec, Level, SectionKind, SectionSpec, SelfReview};
use crate::search::Target;
use crate::workspace::Workspace;

/// The self-review screen: the shown year's self-review, saved as typed.
#[derive(Default)]
pub struct SelfReviewScreen {
    draft: Option<Editing<SelfReview>>,
}

impl Drafts for SelfReviewScreen {
    fn each(&mut self, f: &mut dyn FnMut(&mut dyn Pending)) {
        if let Some(d) = &mut self.draft {
            f(d);
        }
    }

    /// Follows the shown member's year, once what was typed elsewhere is
    /// written (the window writes every draft before it moves).
    fn follow(&mut self, workspace: &Workspace, place: &Place) {
        let Some(member) = place.member else {
            return;
        };
        match &mut self.draft {
            Some(d) if d.is_for(member, place.year) || d.draft.is_pending() => {
                d.follow(workspace);
            }
            _ => {
                let notebook = workspace.notebook(member);
                let saved = notebook
                    .and_then(|nb| nb.years.get(&place.year))
                    .and_then(|b| b.self_review.clone())
                    .unwrap_or_default();
                // Section III starts from last year's shortcomings and the
                // cell's remarks, to answer point by point.
                let prefill = notebook
                    .map(|nb| crate::review::form::fixes_prefill(nb, place.year))
                    .unwrap_or_default();
                self.draft = Some(if saved.text("fixes").is_empty() && !prefill.is_empty() {
                    let mut value = saved.clone();
                    value.set_text("fixes", prefill);
                    Editing::suggesting(member, place.year, saved, value)
                } else {
                    Editing::new(member, place.year, saved, true)
                });
            }
        }
    }
}

impl SelfReviewScreen {
    pub fn show(&mut self, ui: &mut Ui, cx: &Ctx) {
        facts(ui, cx);
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(d) = self.draft.as_mut().filter(|d| d.is_for(cx.member, cx.year))
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

/// The self-review in the year's form, section by section; returns
/// whether anything changed.
fn form(ui: &mut Ui, cx: &Ctx, r: &mut SelfReview) -> bool {
    let lang = cx.lang;
    let Some(spec) = crate::themes::self_review_form(cx.year, &cx.notebook.profile, Some(r)) else {
        return false;
    };
    egui::ScrollArea::vertical()
        .id_salt("self-review")
        .show(ui, |ui| {
            ui.add_enabled_ui(!cx.locked, |ui| {
                ui.label(
                    RichText::new(format!("{} NĂM {}", spec.title, cx.year))
                        .family(look::bold_family())
                        .size(18.0),
                );
                if let Some(sub) = &spec.subtitle {
                    ui.label(sub);
                }
                ui.label(i18n::fill(T::FormMark.get(lang), &[&spec.id]));
                // What the year's rules ask of the self-review.
                for note in &crate::themes::rules_for(cx.year).notes {
                    ui.label(note);
                }
                let mut changed = false;
                for section in &spec.sections {
                    ui.add_space(6.0);
                    // A section of free text is labelled by its heading; one
                    // with criteria or a level has the heading above them.
                    if !section.criteria.is_empty() || section.kind == SectionKind::Level {
                        ui.label(RichText::new(&section.heading).strong());
                    }
                    changed |= match section.kind {
                        SectionKind::Level => level_part(ui, cx, r),
                        SectionKind::Text => text_part(ui, cx, spec, section, r),
                    };
                }
                changed |= earlier_answers(ui, cx, spec, r);
                ui.horizontal(|ui| {
                    changed |= date_input(ui, lang, T::WrittenOn.get(lang), &mut r.written_on);
                });
                ui.label(T::AutoSaved.get(lang));
                if changed && r.form.is_empty() {
                    r.form = spec.id.clone();
                }
                changed
            })
            .inner
        })
        .inner
}

/// A text box for one key; writes back only what the user changed.
fn answer_box(ui: &mut Ui, cx: &Ctx, label: &str, key: &str, r: &mut SelfReview) -> bool {
    let mut text = r.text(key).to_owned();
    let shown = ui.scope(|ui| text_block(ui, label, &mut text, 3));
    let changed = shown.inner;
    if cx.revealed(&Target::SelfReview(key.to_owned())) {
        super::search::mark(ui, &shown.response, cx.scroll);
    }
    if changed {
        r.set_text(key, text);
    }
    changed
}

/// A text section: its own text (where the form has no criteria, or
/// something was written there before), then each criterion with its text
/// and rating. Section III offers last year's points to answer.
fn text_part(
    ui: &mut Ui,
    cx: &Ctx,
    spec: &FormSpec,
    section: &SectionSpec,
    r: &mut SelfReview,
) -> bool {
    let lang = cx.lang;
    let mut changed = false;
    if section.key == "fixes" && r.text("fixes").is_empty() {
        let prefill = crate::review::form::fixes_prefill(cx.notebook, cx.year);
        if !prefill.is_empty() && ui.button(T::FillFromLastYear.get(lang)).clicked() {
            r.set_text("fixes", prefill);
            changed = true;
        }
    }
    if section.criteria.is_empty() {
        changed |= answer_box(ui, cx, &section.heading, &section.key, r);
    } else if !r.text(&section.key).is_empty() {
        changed |= answer_box(ui, cx, T::SectionText.get(lang), &section.key, r);
    }
    for c in &section.criteria {
        changed |= answer_box(ui, cx, &c.heading, &c.key, r);
        if c.rated && !spec.ratings.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(T::SelfRating.get(lang));
                let mut rating = r.rating(&c.key);
                let mut touched = false;
                for value in &spec.ratings {
                    touched |= ui
                        .radio_value(&mut rating, Some(*value), crate::i18n::rating(lang, *value))
                        .changed();
                }
                if touched {
                    r.set_rating(&c.key, rating);
                    changed = true;
                }
            });
        }
    }
    changed
}

/// Answers the form does not ask for (written in an older form): shown so
/// that nothing is hidden, and editable.
fn earlier_answers(ui: &mut Ui, cx: &Ctx, spec: &FormSpec, r: &mut SelfReview) -> bool {
    let known: Vec<&str> = spec.keys().collect();
    let others: Vec<String> = r
        .answers
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .cloned()
        .collect();
    let mut changed = false;
    for key in others {
        let label = i18n::fill(T::EarlierAnswer.get(cx.lang), &[&key]);
        changed |= answer_box(ui, cx, &label, &key, r);
    }
    changed
}

/// Section VII: the level proposed, the score where the year uses points,
/// and the conditions of each level where the year has them.
fn level_part(ui: &mut Ui, cx: &Ctx, r: &mut SelfReview) -> bool {
    let lang = cx.lang;
    let mut changed = false;
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
        changed |= score_part(ui, cx, scale, r);
    }
    changed |= conditions_part(ui, cx, r);
    proposal_note(ui, cx, r);
    changed
}

/// A gentle word when the level proposed is not the one the score or the
/// year's conditions point to; the choice stays the member's.
fn proposal_note(ui: &mut Ui, cx: &Ctx, r: &SelfReview) {
    let lang = cx.lang;
    let Some(gap) = crate::review::proposal_gap(cx.notebook, cx.year, r) else {
        return;
    };
    let by = if gap.by_conditions {
        T::GapByConditions
    } else {
        T::GapByScore
    };
    let text = if gap.above() {
        T::ProposalAbove
    } else {
        T::ProposalBelow
    };
    ui.colored_label(
        look::warning_colour(ui.visuals().dark_mode),
        text.fill(
            lang,
            &[
                &i18n::level(lang, gap.proposed),
                &by.get(lang),
                &i18n::level(lang, gap.suggested),
            ],
        ),
    );
}

fn score_part(ui: &mut Ui, cx: &Ctx, scale: crate::model::PointScale, r: &mut SelfReview) -> bool {
    let lang = cx.lang;
    let mut score = r.score.unwrap_or_default();
    let mut touched = false;
    ui.horizontal_wrapped(|ui| {
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
    // Nothing to add up before a score is entered.
    if touched || r.score.is_some() {
        ui.label(i18n::fill(
            T::ScoreSuggests.get(lang),
            &[
                &score.total(),
                &i18n::level(lang, scale.level(score.total())),
            ],
        ));
    }
    if touched {
        r.score = Some(score);
    }
    touched
}

/// Điều 11: which conditions hold, ticks for those the member states, and
/// the level they allow.
fn conditions_part(ui: &mut Ui, cx: &Ctx, r: &mut SelfReview) -> bool {
    let lang = cx.lang;
    let Some(check) = crate::review::level_check(cx.notebook, cx.year, Some(r)) else {
        return false;
    };
    let mut changed = false;
    if !check.states.is_empty() {
        ui.label(RichText::new(T::ConditionsTitle.get(lang)).strong());
    }
    for state in &check.states {
        let c = &state.condition;
        ui.horizontal_wrapped(|ui| {
            let mark = if state.holds {
                T::ConditionHolds.get(lang)
            } else {
                T::ConditionNotYet.get(lang)
            };
            ui.label(format!(
                "[{mark}] {} — {}",
                i18n::level(lang, c.level),
                c.text
            ));
            if c.check == ConditionCheck::Declared {
                let mut on = r.declared.contains(&c.key);
                if ui.checkbox(&mut on, T::IStateIt.get(lang)).changed() {
                    if on {
                        r.declared.insert(c.key.clone());
                    } else {
                        r.declared.remove(&c.key);
                    }
                    changed = true;
                }
            }
        });
    }
    if let Some((_, note)) = &check.capped_at {
        ui.label(note);
    }
    if let (Some(reached), Some(allowed)) = (check.reached, check.allowed) {
        ui.label(i18n::fill(
            T::LevelAllowed.get(lang),
            &[&i18n::level(lang, reached), &i18n::level(lang, allowed)],
        ));
    }
    changed
}
