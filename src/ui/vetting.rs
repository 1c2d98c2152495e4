//! Reviewing one member (secretary): the member's year read-only on the
//! left, the cell's part on the right — remarks per period and per
//! commitment, the level the cell proposes, the committee's decision and
//! the sign-off — with previous and next member. Every change is an
//! action, so it is undoable and saved like the member's own edits.

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

use super::Ctx;
use super::intent::Intent;
use super::look;
use crate::i18n::{self, T};
use crate::model::{CellDecision, Date, Level, MemberId, Period, Remark, Year};
use crate::text::{dmy, parse_dmy};
use crate::workspace::Action;

/// The secretary's drafts on this screen.
#[derive(Default)]
pub struct VettingScreen {
    remark: Option<RemarkForm>,
    decision: DecisionForm,
    /// A date typed that could not be read.
    bad_date: bool,
}

/// A remark being written, new (`id` none) or an edit of one saved.
#[derive(Clone, Debug)]
struct RemarkForm {
    /// The member and year it is written on.
    on: (MemberId, Year),
    id: Option<Uuid>,
    period: Period,
    commitment: Option<Uuid>,
    text: String,
}

/// The cell's decision as typed, with dates as text.
#[derive(Clone, Debug, Default)]
struct DecisionForm {
    /// The member, year and revision it was read from.
    from: Option<(MemberId, Year, u32)>,
    proposed: Option<Level>,
    final_level: Option<Level>,
    number: String,
    decided_on: String,
    secretary: String,
    signed_on: String,
}

impl DecisionForm {
    fn read(d: &CellDecision, from: (MemberId, Year, u32)) -> Self {
        DecisionForm {
            from: Some(from),
            proposed: d.proposed_level,
            final_level: d.final_level,
            number: d.decision_number.clone(),
            decided_on: d.decided_on.map(dmy).unwrap_or_default(),
            secretary: d.secretary.clone(),
            signed_on: d.signed_on.map(dmy).unwrap_or_default(),
        }
    }
}

/// A typed date: empty is none, anything unreadable an error.
fn date_field(text: &str) -> Result<Option<Date>, ()> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_dmy(text).map(Some).ok_or(())
    }
}

impl VettingScreen {
    pub fn show(
        &mut self,
        ui: &mut Ui,
        cx: &Ctx,
        members: &[(MemberId, String)],
        out: &mut Vec<Intent>,
    ) {
        let lang = cx.lang;
        let decision = &cx.book.cell_review.decision;
        let from = (cx.member, cx.year, decision.revision);
        if self.decision.from != Some(from) {
            self.decision = DecisionForm::read(decision, from);
            self.bad_date = false;
        }
        // A remark begun on another member's year, or on a commitment
        // since removed, is not carried over.
        if self.remark.as_ref().is_some_and(|r| {
            r.on != (cx.member, cx.year)
                || r.commitment
                    .is_some_and(|c| cx.book.commitment(c).is_none())
        }) {
            self.remark = None;
        }
        let name = &cx.notebook.profile.full_name;
        ui.heading(i18n::fill(T::VetTitle.get(lang), &[name, &cx.year]));
        self.moves(ui, cx, members, out);
        ui.separator();
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("vet-member")
                .show(&mut cols[0], |ui| member_part(ui, cx));
            egui::ScrollArea::vertical()
                .id_salt("vet-cell")
                .show(&mut cols[1], |ui| {
                    section(ui, T::VetCellPart.get(lang));
                    self.remarks(ui, cx, out);
                    ui.separator();
                    self.decision_form(ui, cx, out);
                });
        });
    }

    fn moves(&self, ui: &mut Ui, cx: &Ctx, members: &[(MemberId, String)], out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let at = members.iter().position(|(id, _)| *id == cx.member);
        let before = at.and_then(|i| i.checked_sub(1)).map(|i| members[i].0);
        let after = at.and_then(|i| members.get(i + 1)).map(|m| m.0);
        ui.horizontal(|ui| {
            if ui.button(T::VetBackToBoard.get(lang)).clicked() {
                out.push(Intent::ShowScreen(super::Screen::Board));
            }
            for (to, label) in [(before, T::VetPrevious), (after, T::VetNext)] {
                if ui
                    .add_enabled(to.is_some(), egui::Button::new(label.get(lang)))
                    .clicked()
                    && let Some(member) = to
                {
                    out.push(Intent::ShowMember(member));
                    out.push(Intent::ShowYear(cx.year));
                    out.push(Intent::ShowScreen(super::Screen::Vetting));
                }
            }
        });
    }

    fn remarks(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        ui.label(RichText::new(T::VetRemarks.get(lang)).family(look::bold_family()));
        let remarks = &cx.book.cell_review.remarks;
        if remarks.is_empty() {
            ui.label(T::VetNoRemarks.get(lang));
        }
        for r in remarks {
            let on = r
                .commitment
                .and_then(|c| cx.figures.commitment(c))
                .map(|c| format!(" · {}. {}", c.number, c.content))
                .unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "{} ({}){on}",
                    crate::i18n::period(lang, r.period),
                    dmy(r.date)
                ))
                .weak(),
            );
            let text = ui.label(&r.text);
            if cx.revealed(&crate::search::Target::Remark(r.id)) {
                super::search::mark(ui, &text, cx.scroll);
            }
            ui.horizontal(|ui| {
                if ui.small_button(T::VetEditRemark.get(lang)).clicked() {
                    self.remark = Some(RemarkForm {
                        on: (cx.member, cx.year),
                        id: Some(r.id),
                        period: r.period,
                        commitment: r.commitment,
                        text: r.text.clone(),
                    });
                }
                if ui.small_button(T::VetRemoveRemark.get(lang)).clicked() {
                    out.push(Intent::Remove(Action::RemoveRemark {
                        member: cx.member,
                        year: cx.year,
                        id: r.id,
                    }));
                }
            });
        }
        match self.remark.take() {
            None => {
                if ui.button(T::VetAddRemark.get(lang)).clicked() {
                    self.remark = Some(RemarkForm {
                        on: (cx.member, cx.year),
                        id: None,
                        period: current_period(cx.year, cx.today),
                        commitment: None,
                        text: String::new(),
                    });
                }
            }
            Some(mut form) => {
                if remark_form(ui, cx, &mut form, &self.decision.secretary, out) {
                    self.remark = Some(form);
                }
            }
        }
    }

    fn decision_form(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let f = &mut self.decision;
        match cx.figures.proposed_level {
            Some(l) => ui.label(i18n::fill(
                T::VetMemberLevel.get(lang),
                &[&T::level(l).get(lang)],
            )),
            None => ui.label(T::VetSelfReviewMissing.get(lang)),
        };
        level_combo(ui, lang, "vet-proposed", T::VetCellLevel, &mut f.proposed);
        level_combo(ui, lang, "vet-final", T::VetFinalLevel, &mut f.final_level);
        for (label, value) in [
            (T::VetDecisionNumber, &mut f.number),
            (T::VetDecidedOn, &mut f.decided_on),
            (T::VetSecretary, &mut f.secretary),
            (T::VetSignedOn, &mut f.signed_on),
        ] {
            let l = ui.label(label.get(lang));
            ui.text_edit_singleline(value).labelled_by(l.id);
        }
        if self.bad_date {
            ui.colored_label(
                look::warning_colour(ui.visuals().dark_mode),
                T::VetBadDate.get(lang),
            );
        }
        if ui.button(T::VetSaveDecision.get(lang)).clicked() {
            let (Ok(decided_on), Ok(signed_on)) =
                (date_field(&f.decided_on), date_field(&f.signed_on))
            else {
                self.bad_date = true;
                return;
            };
            self.bad_date = false;
            let decision = CellDecision {
                proposed_level: f.proposed,
                final_level: f.final_level,
                decision_number: f.number.trim().to_owned(),
                decided_on,
                secretary: f.secretary.trim().to_owned(),
                signed_on,
                ..cx.book.cell_review.decision.clone()
            };
            // Once saved, the new revision reads the form again; a refusal
            // keeps what was typed, with the reason in the status line.
            out.push(Intent::Apply(Action::SetCellDecision {
                member: cx.member,
                year: cx.year,
                decision,
            }));
        }
    }
}

/// The remark being written; false once it is saved or given up.
fn remark_form(
    ui: &mut Ui,
    cx: &Ctx,
    form: &mut RemarkForm,
    author: &str,
    out: &mut Vec<Intent>,
) -> bool {
    let lang = cx.lang;
    let periods = (1..=4)
        .map(Period::Quarter)
        .chain((1..=12).map(Period::Month))
        .chain([Period::Half(1), Period::Half(2), Period::Year]);
    super::widgets::combo(
        ui,
        T::VetRemarkPeriod.get(lang),
        crate::i18n::period(lang, form.period),
        |ui| {
            for p in periods {
                ui.selectable_value(&mut form.period, p, crate::i18n::period(lang, p));
            }
        },
    );
    let whole = T::VetRemarkWhole.get(lang).to_owned();
    let shown = form
        .commitment
        .and_then(|c| cx.figures.commitment(c))
        .map_or(whole.clone(), |c| format!("{}. {}", c.number, c.content));
    super::widgets::combo(ui, T::VetRemarkOn.get(lang), shown, |ui| {
        ui.selectable_value(&mut form.commitment, None, whole);
        for c in &cx.figures.commitments {
            ui.selectable_value(
                &mut form.commitment,
                Some(c.id),
                format!("{}. {}", c.number, c.content),
            );
        }
    });
    let l = ui.label(T::VetRemarkText.get(lang));
    ui.add(egui::TextEdit::multiline(&mut form.text).desired_rows(3))
        .labelled_by(l.id);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button(T::VetSaveRemark.get(lang)).clicked() {
            let old = form
                .id
                .and_then(|id| cx.book.cell_review.remarks.iter().find(|r| r.id == id));
            let remark = Remark {
                id: form.id.unwrap_or_else(Uuid::new_v4),
                period: form.period,
                commitment: form.commitment,
                author: old.map_or_else(|| author.trim().to_owned(), |r| r.author.clone()),
                date: old.map_or_else(|| remark_date(cx.year, cx.today), |r| r.date),
                text: form.text.clone(),
                revision: 0,
            };
            let (member, year) = (cx.member, cx.year);
            out.push(Intent::Apply(match old {
                Some(_) => Action::EditRemark {
                    member,
                    year,
                    remark,
                },
                None => Action::AddRemark {
                    member,
                    year,
                    remark,
                },
            }));
            keep = false;
        }
        if ui.button(T::VetCancel.get(lang)).clicked() {
            keep = false;
        }
    });
    keep
}

/// The member's year, read-only: commitments and where they stand, and
/// the self-review as written.
fn member_part(ui: &mut Ui, cx: &Ctx) {
    let lang = cx.lang;
    section(ui, T::VetReadOnly.get(lang));
    ui.label(RichText::new(T::VetCommitments.get(lang)).family(look::bold_family()));
    for c in &cx.figures.commitments {
        let status = c.final_status.map_or(String::new(), |s| {
            format!(" — {}", crate::i18n::status(lang, s))
        });
        let deadline = c
            .deadline
            .map_or(String::new(), |d| format!(" ({})", dmy(d)));
        ui.label(format!("{}. {}{deadline}{status}", c.number, c.content));
    }
    ui.separator();
    ui.label(RichText::new(T::NavSelfReview.get(lang)).family(look::bold_family()));
    match &cx.book.self_review {
        Some(review) if review.has_text() => {
            for answer in review
                .answers
                .values()
                .filter(|a| !a.text.trim().is_empty())
            {
                ui.label(&answer.text);
                ui.add_space(4.0);
            }
        }
        _ => {
            ui.label(T::VetSelfReviewMissing.get(lang));
        }
    }
}

fn section(ui: &mut Ui, title: &str) {
    ui.label(RichText::new(title).family(look::bold_family()).size(18.0));
}

fn level_combo(
    ui: &mut Ui,
    lang: crate::model::Language,
    id: &str,
    label: T,
    value: &mut Option<Level>,
) {
    let shown = value.map_or(T::NoLevel, T::level).get(lang);
    let l = ui.label(label.get(lang));
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, T::NoLevel.get(lang));
            for level in [
                Level::Excellent,
                Level::Good,
                Level::Completed,
                Level::NotCompleted,
            ] {
                ui.selectable_value(value, Some(level), T::level(level).get(lang));
            }
        })
        .response
        .labelled_by(l.id);
}

/// The quarter under way, or the whole year outside it.
fn current_period(year: Year, today: Date) -> Period {
    if today.year() == year {
        Period::Quarter((today.month() as u8 - 1) / 3 + 1)
    } else {
        Period::Year
    }
}

/// Today, where a remark on the year may be dated (the year or the next);
/// else the year's last day.
fn remark_date(year: Year, today: Date) -> Date {
    if today.year() == year || Some(today.year()) == year.checked_add(1) {
        today
    } else {
        Date::new(year, 12, 31).unwrap_or(today)
    }
}
