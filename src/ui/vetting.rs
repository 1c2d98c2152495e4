//! Reviewing one member (secretary): the member's year read-only, each
//! part beside what the cell writes about it — remarks per commitment and
//! per period, the chi ủy's assessment per criterion of the year's form,
//! the level the cell proposes, the meeting's vote, the committee's
//! decision and the sign-off — with previous and next member.
//!
//! The cell's fields are drafts (`Editing`), written as typed like the
//! member's own screens: every change is an action, so it is undoable and
//! saved, and nothing typed is lost when moving to another member.

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

use super::editing::{Current, Editing, Slot};
use super::intent::Intent;
use super::widgets::{combo, date_input, status_chip, text_block, text_line};
use super::{Ctx, Screen, look};
use crate::i18n::{self, T};
use crate::model::{
    CellDecision, Date, FormSpec, Language, Level, MemberId, Period, Remark, SectionKind, Year,
};
use crate::text::dmy;
use crate::workspace::Action;

/// The secretary's drafts on this screen: the cell's decision on the shown
/// year (always open), and at most one remark being written.
#[derive(Default)]
pub struct VettingScreen {
    pub(super) decision: Current<CellDecision>,
    pub(super) remark: Slot<Remark>,
}

/// What the screen is shown with besides the member's year.
pub struct Around<'a> {
    /// The members in the order of the board's names, for previous / next.
    pub members: &'a [(MemberId, String)],
    /// Some passage of this member reads like another member's.
    pub copied: bool,
}

impl VettingScreen {
    pub fn show(&mut self, ui: &mut Ui, cx: &Ctx, around: &Around, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let name = &cx.notebook.profile.full_name;
        ui.heading(i18n::fill(T::VetTitle.get(lang), &[name, &cx.year]));
        moves(ui, cx, around.members, out);
        ui.label(RichText::new(T::AutoSaved.get(lang)).weak());
        if around.copied {
            ui.colored_label(
                look::warning_colour(ui.visuals().dark_mode),
                T::VetCopiesHere.get(lang),
            );
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("vetting")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.commitments(ui, cx, out);
                self.period_remarks(ui, cx, out);
                let Some(d) = self.decision.get(cx.member, cx.year) else {
                    return;
                };
                let mut changed = assessment(ui, cx, &mut d.draft.value);
                changed |= levels(ui, cx, &mut d.draft.value);
                if changed {
                    d.draft.changed(cx.now);
                }
            });
    }

    /// Each commitment with its results, beside the cell's remarks on it.
    fn commitments(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        section(ui, T::VetCommitments.get(lang));
        if cx.figures.commitments.is_empty() {
            ui.label(T::NoCommitments.get(lang));
        }
        for c in &cx.figures.commitments {
            ui.columns(2, |cols| {
                let ui = &mut cols[0];
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{}. {}", c.number, c.content)).strong());
                    if let Some(s) = c.final_status {
                        status_chip(ui, lang, s);
                    }
                    if c.overdue {
                        ui.colored_label(
                            look::warning_colour(ui.visuals().dark_mode),
                            T::Overdue.get(lang),
                        );
                    }
                });
                commitment_details(ui, cx, c.id);
                let ui = &mut cols[1];
                self.remark_list(ui, cx, Some(c.id), out);
                if !self.editing_new(cx, Some(c.id))
                    && ui.button(T::VetRemarkHere.get(lang)).clicked()
                {
                    self.new_remark(cx, Some(c.id), out);
                }
            });
            ui.separator();
        }
    }

    /// The remarks on a period as a whole, and the way to add one.
    fn period_remarks(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        section(ui, T::VetPeriodRemarks.get(lang));
        let any = cx
            .book
            .cell_review
            .remarks
            .iter()
            .any(|r| r.commitment.is_none());
        if !any && !self.editing_new(cx, None) {
            ui.label(T::VetNoRemarks.get(lang));
        }
        self.remark_list(ui, cx, None, out);
        if !self.editing_new(cx, None) && ui.button(T::VetAddRemark.get(lang)).clicked() {
            self.new_remark(cx, None, out);
        }
        ui.separator();
    }

    /// Whether a new remark on `on` (a commitment, or the period as a
    /// whole) is being written.
    fn editing_new(&self, cx: &Ctx, on: Option<Uuid>) -> bool {
        self.remark.value(cx.member, cx.year).is_some_and(|r| {
            r.commitment == on && !cx.book.cell_review.remarks.iter().any(|s| s.id == r.id)
        })
    }

    fn new_remark(&mut self, cx: &Ctx, on: Option<Uuid>, out: &mut Vec<Intent>) {
        let author = self
            .decision
            .get(cx.member, cx.year)
            .map(|d| d.draft.value.secretary.trim().to_owned())
            .unwrap_or_default();
        let remark = Remark {
            id: Uuid::new_v4(),
            period: current_period(cx.year, cx.today),
            commitment: on,
            author: author.into(),
            date: remark_date(cx.year, cx.today),
            text: Default::default(),
            revision: 0,
        };
        self.remark
            .open(Editing::new(cx.member, cx.year, remark, false), out);
    }

    /// The saved remarks on `on`, the one open in its editor, and a new one
    /// being written there.
    fn remark_list(&mut self, ui: &mut Ui, cx: &Ctx, on: Option<Uuid>, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let open = self.remark.value(cx.member, cx.year).map(|r| r.id);
        for r in cx
            .book
            .cell_review
            .remarks
            .iter()
            .filter(|r| r.commitment == on)
        {
            if open == Some(r.id) {
                self.remark_editor(ui, cx, out);
                continue;
            }
            ui.label(
                RichText::new(format!(
                    "{} ({})",
                    i18n::period(lang, r.period),
                    dmy(r.date)
                ))
                .weak(),
            );
            let text = ui.label(&*r.text);
            if cx.revealed(&crate::search::Target::Remark(r.id)) {
                super::search::mark(ui, &text, cx.scroll);
            }
            ui.horizontal(|ui| {
                if ui.small_button(T::VetEditRemark.get(lang)).clicked() {
                    self.remark
                        .open(Editing::new(cx.member, cx.year, r.clone(), true), out);
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
        if self.editing_new(cx, on) {
            self.remark_editor(ui, cx, out);
        }
    }

    /// The remark open for writing: its period and text, saved as typed.
    fn remark_editor(&mut self, ui: &mut Ui, cx: &Ctx, out: &mut Vec<Intent>) {
        let lang = cx.lang;
        let Some(editing) = self.remark.get(cx.member, cx.year) else {
            return;
        };
        let (mut close, mut cancel) = (false, false);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let r = &mut editing.draft.value;
            let mut changed = false;
            combo(
                ui,
                T::VetRemarkPeriod.get(lang),
                i18n::period(lang, r.period),
                |ui| {
                    for p in periods() {
                        changed |= ui
                            .selectable_value(&mut r.period, p, i18n::period(lang, p))
                            .changed();
                    }
                },
            );
            changed |= text_block(ui, T::VetRemarkText.get(lang), &mut r.text, 3);
            if changed {
                editing.draft.changed(cx.now);
            }
            if !editing.exists && editing.draft.value.text.trim().is_empty() {
                ui.weak(T::VetNeedRemarkText.get(lang));
            }
            ui.horizontal(|ui| {
                close = ui.button(T::Done.get(lang)).clicked();
                cancel = !editing.exists && ui.button(T::Cancel.get(lang)).clicked();
            });
        });
        if cancel {
            self.remark.discard(out);
        } else if close {
            self.remark.close(out);
        }
    }
}

/// Back to the board, and the previous and next member by name.
fn moves(ui: &mut Ui, cx: &Ctx, members: &[(MemberId, String)], out: &mut Vec<Intent>) {
    let lang = cx.lang;
    let at = members.iter().position(|(id, _)| *id == cx.member);
    let before = at.and_then(|i| i.checked_sub(1)).map(|i| members[i].0);
    let after = at.and_then(|i| members.get(i + 1)).map(|m| m.0);
    ui.horizontal_wrapped(|ui| {
        if ui.button(T::VetBackToBoard.get(lang)).clicked() {
            out.push(Intent::ShowScreen(Screen::Board));
        }
        for (to, label) in [(before, T::VetPrevious), (after, T::VetNext)] {
            let name = to
                .and_then(|m| members.iter().find(|(id, _)| *id == m))
                .map(|(_, n)| n.as_str());
            let mut button = ui.add_enabled(to.is_some(), egui::Button::new(label.get(lang)));
            if let Some(name) = name {
                button = button.on_hover_text(name);
            }
            if button.clicked()
                && let Some(member) = to
            {
                out.push(Intent::ShowMember(member));
                out.push(Intent::ShowYear(cx.year));
                out.push(Intent::ShowScreen(Screen::Vetting));
            }
        }
    });
}

/// A commitment's measures, product, deadline and each period's result,
/// as the member wrote them.
fn commitment_details(ui: &mut Ui, cx: &Ctx, id: Uuid) {
    let lang = cx.lang;
    let Some(c) = cx.book.commitment(id) else {
        return;
    };
    for (label, value) in [(T::Measures, &c.measures), (T::Product, &c.product)] {
        if !value.trim().is_empty() {
            ui.label(format!("{}: {value}", label.get(lang)));
        }
    }
    if let Some(d) = c.deadline {
        ui.label(format!("{}: {}", T::Deadline.get(lang), dmy(d)));
    }
    for p in cx.book.progress.iter().filter(|p| p.commitment == id) {
        let mut line = i18n::fill(
            T::VetProgressOf.get(lang),
            &[&i18n::period(lang, p.period), &i18n::status(lang, p.status)],
        );
        if !p.result.trim().is_empty() {
            line = format!("{line} — {}", p.result.trim());
        }
        ui.label(RichText::new(line).small());
    }
}

/// The self-review in the year's form, section by section; beside each
/// criterion, the chi ủy's assessment of it. Returns whether the
/// assessment changed.
fn assessment(ui: &mut Ui, cx: &Ctx, d: &mut CellDecision) -> bool {
    let lang = cx.lang;
    section(ui, T::VetAssessment.get(lang));
    let review = cx.book.self_review.as_ref();
    if !review.is_some_and(|r| r.has_text()) {
        ui.label(T::VetSelfReviewMissing.get(lang));
    }
    let Some(spec) = crate::themes::self_review_form(cx.year, &cx.notebook.profile, review) else {
        return false;
    };
    let answer = |key: &str| review.map_or("", |r| r.text(key));
    if !spec.sections.iter().any(|s| !s.criteria.is_empty()) {
        ui.label(T::VetNoCriteria.get(lang));
    }
    let mut changed = false;
    for s in spec.sections.iter().filter(|s| s.kind == SectionKind::Text) {
        ui.add_space(6.0);
        ui.label(RichText::new(&s.heading).strong());
        if s.criteria.is_empty() || !answer(&s.key).is_empty() {
            member_text(ui, lang, answer(&s.key));
        }
        for c in &s.criteria {
            ui.label(RichText::new(&c.heading).family(look::bold_family()));
            ui.columns(2, |cols| {
                cols[0].label(RichText::new(T::VetMemberWrote.get(lang)).weak());
                member_text(&mut cols[0], lang, answer(&c.key));
                if let Some(rating) = review.and_then(|r| r.rating(&c.key)) {
                    cols[0].label(format!(
                        "{} {}",
                        T::SelfRating.get(lang),
                        i18n::rating(lang, rating)
                    ));
                }
                let number = format!(
                    "{}.{}",
                    heading_number(&s.heading),
                    heading_number(&c.heading)
                );
                let label = i18n::fill(T::VetAssessmentOf.get(lang), &[&number]);
                let mut text = d.assessment.get(&c.key).cloned().unwrap_or_default();
                if text_block(&mut cols[1], &label, &mut text, 3) {
                    if text.is_empty() {
                        d.assessment.remove(&c.key);
                    } else {
                        d.assessment.insert(c.key.clone(), text);
                    }
                    changed = true;
                }
            });
        }
    }
    earlier_answers(ui, lang, spec, cx);
    ui.separator();
    changed
}

/// Answers written in an older form than the year's, shown so that
/// nothing the member wrote is hidden.
fn earlier_answers(ui: &mut Ui, lang: Language, spec: &FormSpec, cx: &Ctx) {
    let Some(review) = &cx.book.self_review else {
        return;
    };
    let known: Vec<&str> = spec.keys().collect();
    for (key, answer) in &review.answers {
        if !known.contains(&key.as_str()) && !answer.text.trim().is_empty() {
            ui.label(RichText::new(i18n::fill(T::EarlierAnswer.get(lang), &[key])).strong());
            member_text(ui, lang, &answer.text);
        }
    }
}

/// The number a heading starts with ("1. Về …" gives "1", "II. Kết quả"
/// gives "II"), else the whole heading.
fn heading_number(heading: &str) -> &str {
    heading
        .split_once('.')
        .map(|(n, _)| n.trim())
        .filter(|n| {
            !n.is_empty()
                && (n.chars().all(|c| c.is_ascii_digit())
                    || n.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')))
        })
        .unwrap_or(heading)
}

/// The level the member proposes, beside the cell's: its proposal, the
/// meeting's vote and comments, the committee's decision and the sign-off.
fn levels(ui: &mut Ui, cx: &Ctx, d: &mut CellDecision) -> bool {
    let lang = cx.lang;
    section(ui, T::VetLevelHead.get(lang));
    let mut changed = false;
    ui.columns(2, |cols| {
        member_level(&mut cols[0], cx);
        let ui = &mut cols[1];
        changed |= level_combo(
            ui,
            lang,
            "vet-proposed",
            T::VetCellLevel,
            &mut d.proposed_level,
        );
        ui.add_space(6.0);
        changed |= votes(ui, lang, d);
        ui.add_space(6.0);
        changed |= text_block(ui, T::VetComments.get(lang), &mut d.comments, 2);
        ui.add_space(6.0);
        ui.label(RichText::new(T::VetDecisionHead.get(lang)).strong());
        changed |= level_combo(ui, lang, "vet-final", T::VetFinalLevel, &mut d.final_level);
        changed |= text_line(ui, T::VetDecisionNumber.get(lang), &mut d.decision_number);
        changed |= date_input(ui, lang, T::VetDecidedOn.get(lang), &mut d.decided_on);
        ui.add_space(6.0);
        ui.label(RichText::new(T::VetSignOff.get(lang)).strong());
        changed |= text_line(ui, T::VetSecretary.get(lang), &mut d.secretary);
        changed |= date_input(ui, lang, T::VetSignedOn.get(lang), &mut d.signed_on);
    });
    changed
}

/// What the member proposes in the self-review, and the score where the
/// year uses points.
fn member_level(ui: &mut Ui, cx: &Ctx) {
    let lang = cx.lang;
    match cx.figures.proposed_level {
        Some(l) => ui.label(i18n::fill(
            T::VetMemberLevel.get(lang),
            &[&i18n::level(lang, l)],
        )),
        None => ui.label(T::VetSelfReviewMissing.get(lang)),
    };
    if let Some(score) = cx.book.self_review.as_ref().and_then(|r| r.score) {
        ui.label(i18n::fill(
            T::ScoreSuggests.get(lang),
            &[
                &score.total(),
                &crate::themes::rules_for(cx.year)
                    .points
                    .map_or(String::new(), |p| {
                        i18n::level(lang, p.level(score.total())).to_owned()
                    }),
            ],
        ));
    }
}

/// How many members voted for each level at the meeting.
fn votes(ui: &mut Ui, lang: Language, d: &mut CellDecision) -> bool {
    ui.label(RichText::new(T::VetVotes.get(lang)).strong());
    let mut changed = false;
    egui::Grid::new("vet-votes").num_columns(2).show(ui, |ui| {
        for level in Level::ALL {
            let mut n = d.votes.get(&level).copied().unwrap_or(0);
            let label = i18n::fill(T::VetVotesFor.get(lang), &[&i18n::level(lang, level)]);
            let l = ui.label(label);
            if ui
                .add(egui::DragValue::new(&mut n).range(0..=999))
                .labelled_by(l.id)
                .changed()
            {
                if n == 0 {
                    d.votes.remove(&level);
                } else {
                    d.votes.insert(level, n);
                }
                changed = true;
            }
            ui.end_row();
        }
    });
    let total: u32 = d.votes.values().sum();
    ui.label(i18n::fill(T::VetVotesTotal.get(lang), &[&total]));
    changed
}

fn member_text(ui: &mut Ui, lang: Language, text: &str) {
    if text.trim().is_empty() {
        ui.label(RichText::new(T::VetNotWritten.get(lang)).weak());
    } else {
        ui.label(text);
    }
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(4.0);
    ui.label(
        RichText::new(title)
            .family(look::bold_family())
            .size(egui::TextStyle::Body.resolve(ui.style()).size * 1.2),
    );
}

fn level_combo(ui: &mut Ui, lang: Language, id: &str, label: T, value: &mut Option<Level>) -> bool {
    let shown = value.map_or(T::NoLevel, T::level).get(lang);
    let before = *value;
    let l = ui.label(label.get(lang));
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, T::NoLevel.get(lang));
            for level in Level::ALL {
                ui.selectable_value(value, Some(level), T::level(level).get(lang));
            }
        })
        .response
        .labelled_by(l.id);
    *value != before
}

/// Every period a remark can be on, as the form counts them.
fn periods() -> impl Iterator<Item = Period> {
    (1..=12)
        .map(Period::Month)
        .chain((1..=4).map(Period::Quarter))
        .chain([Period::Half(1), Period::Half(2), Period::Year])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_criterion_is_named_by_its_number() {
        assert_eq!(heading_number("1. Về tư tưởng chính trị"), "1");
        assert_eq!(heading_number("12. Khác"), "12");
        assert_eq!(heading_number("II. Kết quả thực hiện nhiệm vụ"), "II");
        let plain = "Về tư tưởng. Đạo đức";
        assert_eq!(heading_number(plain), plain);
        assert_eq!(heading_number(""), "");
    }

    #[test]
    fn a_remark_is_dated_within_its_year_or_the_next() {
        let today = jiff::civil::date(2026, 5, 2);
        assert_eq!(remark_date(2026, today), today);
        assert_eq!(remark_date(2025, today), today);
        assert_eq!(remark_date(2020, today), jiff::civil::date(2020, 12, 31));
        assert_eq!(current_period(2026, today), Period::Quarter(2));
        assert_eq!(current_period(2020, today), Period::Year);
        assert_eq!(remark_date(i16::MAX, today), today);
    }
}
