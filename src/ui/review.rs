//! The year review (tổng kết năm): the theme and its outline, readiness for
//! year end, figures by area, progress over the year, each commitment's
//! timeline, the self-review beside the cell's word, the year's rules, and
//! the whole cell's figures. Figures come from `crate::review`, cached
//! until the notebook changes.

use eframe::egui::{self, RichText, Sense, Ui};
use egui_plot::{AxisHints, Bar, BarChart, GridMark, Line, Plot, PlotPoints};

use super::intent::Intent;
use super::widgets::{status_chip, text_block, text_line, theme_banner};
use super::{Ctx, look};
use crate::i18n::{self, T};
use crate::model::{Status, Theme};
use crate::review::{CellFigures, Counts, YearFigures};
use crate::text::dmy;

/// The year review screen: the only thing it keeps is the user's draft of
/// a theme for a year without one.
#[derive(Default)]
pub struct ReviewScreen {
    theme_form: Option<ThemeForm>,
}

/// The user's draft of a theme for a year without one.
#[derive(Clone, Debug, Default)]
struct ThemeForm {
    title: String,
    documents: String,
    outline: String,
    /// Saving was tried without a title.
    needs_title: bool,
}

impl ReviewScreen {
    pub fn show(
        &mut self,
        ui: &mut Ui,
        cx: &Ctx,
        cell: Option<&CellFigures>,
        out: &mut Vec<Intent>,
    ) {
        show(ui, cx, cell, &mut self.theme_form, out);
    }
}

fn show(
    ui: &mut Ui,
    cx: &Ctx,
    cell: Option<&CellFigures>,
    form: &mut Option<ThemeForm>,
    out: &mut Vec<Intent>,
) {
    let lang = cx.lang;
    let (settings, figures) = (cx.settings, cx.figures);
    egui::ScrollArea::vertical()
        .id_salt("review")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            theme_banner(ui, lang, settings, cx.year, Some(&cx.book.theme_id), true);
            theme_form(ui, cx, form, out);
            ui.add_space(6.0);
            readiness(ui, cx, figures);
            ui.separator();
            section(ui, T::FiguresByArea.get(lang));
            area_table(ui, cx, &figures.by_area, &figures.all, "areas");
            let months = if figures.months_without_progress.is_empty() {
                T::NoneWord.get(lang).to_owned()
            } else {
                figures
                    .months_without_progress
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            ui.label(i18n::fill(
                T::FlagsLine.get(lang),
                &[&figures.overdue, &figures.never_updated, &months],
            ));
            ui.separator();
            charts(ui, cx, figures);
            ui.separator();
            section(ui, T::CommitmentTimelines.get(lang));
            strip_key(ui, lang);
            for c in &figures.commitments {
                timeline_row(ui, cx, c);
            }
            ui.separator();
            reviews(ui, cx, figures);
            ui.separator();
            rules(ui, cx);
            if let Some(cell) = cell {
                ui.separator();
                cell_section(ui, cx, cell);
            }
        });
}

fn section(ui: &mut Ui, title: &str) {
    ui.label(RichText::new(title).family(look::bold_family()));
}

fn theme_form(ui: &mut Ui, cx: &Ctx, slot: &mut Option<ThemeForm>, out: &mut Vec<Intent>) {
    let lang = cx.lang;
    let settings = cx.settings;
    let own = crate::themes::has_own_theme(settings, cx.year);
    let Some(form) = slot else {
        let label = if own { T::EditTheme } else { T::AddTheme };
        if !own {
            ui.label(i18n::fill(T::NoThemeForYear.get(lang), &[&cx.year]));
        }
        if ui
            .button(i18n::fill(label.get(lang), &[&cx.year]))
            .clicked()
        {
            let existing = crate::themes::find(settings, &cx.book.theme_id)
                .filter(|_| own)
                .cloned();
            *slot = Some(existing.map_or_else(ThemeForm::default, |t| ThemeForm {
                title: t.title,
                documents: t.documents.join("\n"),
                outline: t.outline.join("\n"),
                needs_title: false,
            }));
        }
        return;
    };
    let (mut save, mut cancel) = (false, false);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        text_line(ui, T::ThemeTitle.get(lang), &mut form.title);
        text_block(ui, T::ThemeDocuments.get(lang), &mut form.documents, 2);
        text_block(ui, T::ThemeOutline.get(lang), &mut form.outline, 3);
        if form.needs_title {
            ui.colored_label(
                look::warning_colour(ui.visuals().dark_mode),
                T::ThemeNeedsTitle.get(lang),
            );
        }
        ui.horizontal_wrapped(|ui| {
            save = ui.button(T::SaveTheme.get(lang)).clicked();
            cancel = ui.button(T::Cancel.get(lang)).clicked();
        });
    });
    if save {
        if form.title.trim().is_empty() {
            form.needs_title = true;
            return;
        }
        out.push(Intent::SaveTheme(Box::new(form.theme(cx, own))));
        *slot = None;
    } else if cancel {
        *slot = None;
    }
}

impl ThemeForm {
    /// The theme as typed: this year's own (or the one being edited).
    fn theme(&self, cx: &Ctx, own: bool) -> Theme {
        let lines = |s: &str| -> Vec<String> {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let id = if own {
            cx.book.theme_id.clone()
        } else {
            cx.year.to_string()
        };
        let years = crate::themes::find(cx.settings, &id)
            .filter(|_| own)
            .map_or((cx.year, cx.year), |t| t.years);
        Theme {
            id,
            years,
            title: self.title.trim().to_owned(),
            documents: lines(&self.documents),
            outline: lines(&self.outline),
        }
    }
}

fn readiness(ui: &mut Ui, cx: &Ctx, f: &YearFigures) {
    let lang = cx.lang;
    let r = f.readiness;
    section(ui, T::Readiness.get(lang));
    let mut items = vec![
        (r.has_commitments, T::CheckRegistered.get(lang).to_owned()),
        (
            r.has_commitments && r.without_final_status == 0,
            i18n::fill(T::CheckFinalStatus.get(lang), &[&r.without_final_status]),
        ),
        (
            r.self_review_written,
            T::CheckSelfReview.get(lang).to_owned(),
        ),
        (r.level_proposed, T::CheckLevel.get(lang).to_owned()),
    ];
    // Where the year's rules set conditions on each level (Điều 11), the
    // level reached must also meet them.
    let review = cx.book.self_review.as_ref();
    if let Some(check) = crate::review::level_check(cx.notebook, cx.year, review)
        && let (Some(reached), Some(allowed)) = (check.reached, check.allowed)
    {
        items.push((
            reached == allowed,
            i18n::fill(
                T::CheckConditions.get(lang),
                &[&i18n::level(lang, reached), &i18n::level(lang, allowed)],
            ),
        ));
    }
    let dark = ui.visuals().dark_mode;
    let all_done = items.iter().all(|(done, _)| *done);
    for (done, label) in items {
        ui.horizontal(|ui| {
            if done {
                ui.colored_label(
                    look::status_colour(Status::Done, dark),
                    T::CheckDone.get(lang),
                );
            } else {
                ui.colored_label(look::warning_colour(dark), T::CheckNotYet.get(lang));
            }
            ui.label(label);
        });
    }
    if all_done && r.is_ready() {
        ui.colored_label(look::status_colour(Status::Done, dark), T::Ready.get(lang));
    } else {
        ui.colored_label(look::warning_colour(dark), T::NotReady.get(lang));
    }
}

fn area_table(
    ui: &mut Ui,
    cx: &Ctx,
    rows: &[(crate::model::Area, Counts)],
    all: &Counts,
    id: &str,
) {
    let lang = cx.lang;
    egui::Grid::new(id)
        .striped(true)
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            for head in [
                T::Area,
                T::ColCommitments,
                T::ColDone,
                T::ColInProgress,
                T::ColNotAchieved,
                T::ColUnrecorded,
                T::ColDoneShare,
            ] {
                ui.label(RichText::new(head.get(lang)).strong());
            }
            ui.end_row();
            let row = |ui: &mut Ui, name: &str, c: &Counts| {
                ui.label(name);
                for n in [
                    c.total,
                    c.done,
                    c.in_progress + c.not_started,
                    c.not_achieved,
                    c.unrecorded,
                ] {
                    ui.label(n.to_string());
                }
                ui.label(format!("{:.0}%", c.percent(c.done)));
                ui.end_row();
            };
            for (area, counts) in rows {
                row(ui, i18n::area(lang, *area), counts);
            }
            row(ui, T::Total.get(lang), all);
        });
}

fn charts(ui: &mut Ui, cx: &Ctx, f: &YearFigures) {
    let lang = cx.lang;
    let dark = ui.visuals().dark_mode;
    // Each chart has one series, named by the title above it: no legend
    // over the data.
    ui.columns(2, |cols| {
        section(&mut cols[0], T::DoneOverYear.get(lang));
        let points: PlotPoints = f
            .done_by_month
            .iter()
            .enumerate()
            .filter_map(|(m, v)| v.map(|v| [m as f64 + 1.0, f64::from(v)]))
            .collect();
        month_plot("done-over-year", lang)
            .include_y(100.0)
            .y_axis_label(T::AxisDoneShare.get(lang))
            .y_axis_formatter(|mark, _| {
                whole(mark.value).map_or_else(String::new, |v| format!("{v}%"))
            })
            .show(&mut cols[0], |plot| {
                plot.line(
                    Line::new(T::ColDoneShare.get(lang), points)
                        .color(look::status_colour(Status::Done, dark))
                        .width(2.5),
                );
            });
        section(&mut cols[1], T::EntriesPerMonth.get(lang));
        let bars = f
            .entries_per_month
            .iter()
            .enumerate()
            .map(|(m, n)| Bar::new(m as f64 + 1.0, *n as f64).width(0.7))
            .collect();
        month_plot("entries-per-month", lang)
            .y_axis_label(T::AxisEntries.get(lang))
            .y_axis_formatter(|mark, _| {
                whole(mark.value).map_or_else(String::new, |v| v.to_string())
            })
            .show(&mut cols[1], |plot| {
                plot.bar_chart(
                    BarChart::new(T::NavEntries.get(lang), bars)
                        .color(look::status_colour(Status::InProgress, dark)),
                );
            });
    });
}

/// A whole number, for the marks of an axis that counts.
fn whole(value: f64) -> Option<i64> {
    let rounded = value.round();
    ((value - rounded).abs() < 1e-6).then_some(rounded as i64)
}

/// A still chart over the twelve months, marked T1 … T12: nothing to drag
/// or zoom, so an unsteady hand cannot lose the view.
fn month_plot(id: &str, lang: crate::model::Language) -> Plot<'static> {
    Plot::new(id)
        .height(180.0)
        .include_x(0.5)
        .include_x(12.5)
        .include_y(0.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label(T::Month.get(lang))
                // Every month named, however narrow the chart.
                .label_spacing(12.0..=16.0)
                .formatter(move |mark, _| match whole(mark.value) {
                    Some(m @ 1..=12) => T::MonthShort.fill(lang, &[&m]),
                    _ => String::new(),
                }),
        ])
        .x_grid_spacer(|_| {
            (1..=12)
                .map(|m| GridMark {
                    value: f64::from(m),
                    step_size: 1.0,
                })
                .collect()
        })
}

/// What the colours of the month strip mean.
fn strip_key(ui: &mut Ui, lang: crate::model::Language) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.label(T::StripKey.get(lang));
        let swatch = egui::vec2(
            ui.spacing().interact_size.y * 0.8,
            ui.spacing().interact_size.y * 0.6,
        );
        let (blank, _) = look::unwritten_month(dark);
        let entries = Status::ALL
            .into_iter()
            .map(|s| (look::status_colour(s, dark), i18n::status(lang, s)))
            .chain([(blank, T::NotWritten.get(lang))]);
        for (colour, word) in entries {
            let (rect, _) = ui.allocate_exact_size(swatch, Sense::hover());
            ui.painter().rect_filled(rect, 3.0, colour);
            ui.label(word);
        }
    });
}

fn timeline_row(ui: &mut Ui, cx: &Ctx, c: &crate::review::CommitmentFigures) {
    let lang = cx.lang;
    let dark = ui.visuals().dark_mode;
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
        if c.overdue {
            ui.colored_label(look::warning_colour(dark), T::Overdue.get(lang));
        }
        if c.never_updated {
            ui.colored_label(look::warning_colour(dark), T::NeverUpdated.get(lang));
        }
    });
    ui.indent(c.id, |ui| {
        if !c.product.is_empty() {
            ui.label(format!("{}: {}", T::Product.get(lang), c.product));
        }
        if let Some(d) = c.deadline {
            ui.label(format!("{}: {}", T::Deadline.get(lang), dmy(d)));
        }
        // The strip: one box per month, its colour the status recorded;
        // the words are in the hover text and in the chip above.
        ui.horizontal(|ui| {
            let size = egui::vec2(
                ui.spacing().interact_size.y * 1.4,
                ui.spacing().interact_size.y,
            );
            for (m, status) in c.timeline.iter().enumerate() {
                let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
                let (blank, blank_ink) = look::unwritten_month(dark);
                let fill = status.map_or(blank, |s| look::status_colour(s, dark));
                ui.painter().rect_filled(rect.shrink(1.0), 3.0, fill);
                let ink = if status.is_some() {
                    look::ink_on_status(dark)
                } else {
                    blank_ink
                };
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    (m + 1).to_string(),
                    egui::TextStyle::Small.resolve(ui.style()),
                    ink,
                );
                response.on_hover_text(format!(
                    "{}: {}",
                    i18n::period(lang, crate::model::Period::Month(m as u8 + 1)),
                    status.map_or(T::NotWritten.get(lang), |s| i18n::status(lang, s))
                ));
            }
        });
    });
}

fn reviews(ui: &mut Ui, cx: &Ctx, f: &YearFigures) {
    let lang = cx.lang;
    let book = cx.book;
    ui.columns(2, |cols| {
        let ui = &mut cols[0];
        section(ui, T::NavSelfReview.get(lang));
        let level = f
            .proposed_level
            .map_or(T::NoLevel.get(lang), |l| i18n::level(lang, l));
        ui.label(format!("{}: {level}", T::ProposedLevel.get(lang)));
        if let Some(r) = &book.self_review {
            if let Some(s) = r.score {
                ui.label(i18n::fill(
                    T::ScoreLine.get(lang),
                    &[&s.general, &s.tasks, &s.total()],
                ));
            }
            self_review_sections(ui, cx, r);
        } else {
            ui.weak(T::NoSelfReviewYet.get(lang));
        }
        let ui = &mut cols[1];
        section(ui, T::CellReview.get(lang));
        let decision = &book.cell_review.decision;
        let level = f
            .final_level
            .map_or(T::NotDecided.get(lang), |l| i18n::level(lang, l));
        ui.label(format!("{}: {level}", T::FinalLevel.get(lang)));
        if let Some(s) = decision.score {
            ui.label(i18n::fill(
                T::ScoreLine.get(lang),
                &[&s.general, &s.tasks, &s.total()],
            ));
        }
        if let (false, Some(d)) = (decision.secretary.is_empty(), decision.signed_on) {
            ui.label(format!("{} — {}", decision.secretary, dmy(d)));
        }
        if book.cell_review.remarks.is_empty() {
            ui.weak(T::NoRemarks.get(lang));
        }
        for r in &book.cell_review.remarks {
            ui.label(
                RichText::new(format!(
                    "{} · {}",
                    i18n::period(lang, r.period),
                    dmy(r.date)
                ))
                .strong(),
            );
            let text = ui.label(&*r.text);
            if cx.revealed(&crate::search::Target::Remark(r.id)) {
                super::search::mark(ui, &text, cx.scroll);
            }
        }
    });
}

/// Every section of the year's form, in order, with what was written (or
/// that nothing was yet), each criterion's text and rating; answers
/// written in an older form come last.
fn self_review_sections(ui: &mut Ui, cx: &Ctx, r: &crate::model::SelfReview) {
    let lang = cx.lang;
    let Some(form) = crate::themes::self_review_form(cx.year, &cx.notebook.profile, Some(r)) else {
        return;
    };
    let answer = |ui: &mut Ui, heading: &str, key: &str| {
        ui.label(RichText::new(heading).strong());
        let text = r.text(key);
        if text.is_empty() {
            ui.weak(T::NotWritten.get(lang));
        } else {
            ui.label(text);
        }
        if let Some(rating) = r.rating(key) {
            ui.label(format!(
                "{} {}",
                T::SelfRating.get(lang),
                i18n::rating(lang, rating)
            ));
        }
    };
    for s in &form.sections {
        if s.kind == crate::model::SectionKind::Level {
            // The level proposed is shown above.
            continue;
        }
        if s.criteria.is_empty() || !r.text(&s.key).is_empty() {
            answer(ui, &s.heading, &s.key);
        } else {
            ui.label(RichText::new(&s.heading).strong());
        }
        for c in &s.criteria {
            ui.indent(&c.key, |ui| answer(ui, &c.heading, &c.key));
        }
    }
    let known: Vec<&str> = form.keys().collect();
    for key in r.answers.keys().filter(|k| !known.contains(&k.as_str())) {
        answer(ui, &i18n::fill(T::EarlierAnswer.get(lang), &[key]), key);
    }
}

fn rules(ui: &mut Ui, cx: &Ctx) {
    let lang = cx.lang;
    let rules = crate::themes::rules_for(cx.year);
    section(ui, &i18n::fill(T::RulesOfYear.get(lang), &[&cx.year]));
    let cap = rules.excellent_cap.iter().map(|c| &c.note);
    let apart = rules.set_apart.iter().map(|a| &a.note);
    let sick = rules.sick_leave_cap.iter().map(|c| &c.note);
    for d in rules
        .documents
        .iter()
        .chain(&rules.notes)
        .chain(cap)
        .chain(apart)
        .chain(sick)
    {
        ui.label(format!("• {d}"));
    }
    if let Some(form) = crate::themes::self_review_form(cx.year, &cx.notebook.profile, None) {
        ui.label(format!(
            "• {}",
            i18n::fill(T::FormMark.get(lang), &[&form.id])
        ));
    }
    for c in &rules.conditions {
        ui.label(format!("• {}: {}", i18n::level(lang, c.level), c.text));
    }
}

fn cell_section(ui: &mut Ui, cx: &Ctx, cell: &CellFigures) {
    let lang = cx.lang;
    section(ui, &i18n::fill(T::WholeCell.get(lang), &[&cx.year]));
    ui.label(i18n::fill(
        T::CellLine.get(lang),
        &[
            &cell.members,
            &cell.registered,
            &cell.self_reviewed,
            &cell.ready,
            &cell.overdue,
        ],
    ));
    area_table(ui, cx, &cell.by_area, &cell.all, "cell-areas");
    let levels = |counts: &std::collections::BTreeMap<crate::model::Level, usize>| {
        crate::model::Level::ALL
            .iter()
            .map(|l| {
                format!(
                    "{}: {}",
                    i18n::level(lang, *l),
                    counts.get(l).copied().unwrap_or(0)
                )
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    ui.label(format!(
        "{}: {}",
        T::ProposedLevel.get(lang),
        levels(&cell.proposed_levels)
    ));
    ui.label(format!(
        "{}: {}",
        T::FinalLevel.get(lang),
        levels(&cell.final_levels)
    ));
    if let Some(share) = cell.excellent_share {
        ui.label(i18n::fill(
            T::ExcellentShareInfo.get(lang),
            &[&share.excellent, &share.good, &share.percent],
        ));
        if share.above_share {
            ui.label(i18n::fill(
                T::ExcellentShareAbove.get(lang),
                &[&share.percent],
            ));
        }
    }
    if cell.new_members > 0 {
        ui.label(i18n::fill(
            T::NewMembersLine.get(lang),
            &[&cell.new_members],
        ));
    }
    if !cell.set_apart.is_empty() {
        let list: Vec<String> = cell
            .set_apart
            .iter()
            .map(|(a, n)| format!("{}: {n}", crate::i18n::set_apart(lang, *a)))
            .collect();
        ui.label(i18n::fill(T::SetApartLine.get(lang), &[&list.join("; ")]));
    }
}
