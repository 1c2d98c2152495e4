//! The member's profile (lý lịch): every field of the model, saved as the
//! user types.

use eframe::egui::{self, Ui};

use super::editing::Current;
use super::widgets::{date_input, text_line};
use crate::i18n::T;
use crate::model::{Language, MemberId, Profile, SetApart, Sex, Standing, Year};

/// The profile screen of an existing notebook, saved as typed.
#[derive(Default)]
pub struct ProfileScreen {
    pub(super) draft: Current<Profile>,
}

impl ProfileScreen {
    /// `locked`: the secretary reads the profile, greyed, and cannot
    /// change it.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        lang: Language,
        member: MemberId,
        year: Year,
        now: f64,
        locked: bool,
    ) {
        ui.heading(T::NavProfile.get(lang));
        ui.label(T::AutoSaved.get(lang));
        ui.add_space(6.0);
        // The year plays no part in a profile.
        let Some(d) = self.draft.get(member, 0) else {
            return;
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_enabled_ui(!locked, |ui| {
                let p = &mut d.draft.value;
                if fields(ui, lang, p) | year_fields(ui, lang, year, p) {
                    d.draft.changed(now);
                }
            });
        });
    }
}

/// The profile's fields; returns whether any changed.
pub fn fields(ui: &mut Ui, lang: Language, p: &mut Profile) -> bool {
    let mut changed = false;
    ui.set_max_width(720.0);
    egui::Grid::new("profile")
        .num_columns(2)
        .spacing([16.0, 10.0])
        .show(ui, |ui| {
            changed |= text_line(ui, T::FullName.get(lang), &mut p.full_name);
            ui.end_row();
            changed |= date_input(ui, lang, T::BirthDate.get(lang), &mut p.birth_date);
            ui.end_row();
            ui.label(T::Sex.get(lang));
            ui.horizontal(|ui| {
                for (value, label) in [
                    (Some(Sex::Male), T::Male),
                    (Some(Sex::Female), T::Female),
                    (None, T::NotGiven),
                ] {
                    changed |= ui.radio_value(&mut p.sex, value, label.get(lang)).changed();
                }
            });
            ui.end_row();
            changed |= date_input(ui, lang, T::JoinedParty.get(lang), &mut p.joined_party);
            ui.end_row();
            changed |= date_input(ui, lang, T::MadeOfficial.get(lang), &mut p.made_official);
            ui.end_row();
            let mut card = p.card_number.clone().unwrap_or_default();
            if text_line(ui, T::CardNumber.get(lang), &mut card) {
                p.card_number = Some(card).filter(|c| !c.trim().is_empty());
                changed = true;
            }
            ui.end_row();
            for (label, value) in [
                (T::PartyPost, &mut p.party_post),
                (T::GovPost, &mut p.government_post),
                (T::MassPost, &mut p.mass_post),
                (T::Workplace, &mut p.workplace),
                (T::Cell, &mut p.cell),
                (T::PartyCommittee, &mut p.party_committee),
            ] {
                changed |= text_line(ui, label.get(lang), value);
                ui.end_row();
            }
            ui.label("");
            changed |= ui
                .checkbox(&mut p.leader, T::HoldsLeadingPost.get(lang))
                .changed();
            ui.end_row();
            ui.label("");
            changed |= ui
                .checkbox(&mut p.outside_system, T::OutsideSystem.get(lang))
                .changed();
            ui.end_row();
        });
    changed
}

/// The member's standing and set-apart status in the shown year: the
/// standing follows from the dates above; excused or suspended is chosen.
fn year_fields(ui: &mut Ui, lang: Language, year: Year, p: &mut Profile) -> bool {
    ui.add_space(10.0);
    let end = jiff::civil::Date::new(year, 12, 31).unwrap_or(jiff::civil::Date::MAX);
    let standing = match p.standing_on(end) {
        Some(Standing::Full) => T::StandingFull,
        Some(Standing::Probationary) => T::StandingProbationary,
        None => T::StandingUnknown,
    };
    ui.label(crate::i18n::fill(standing.get(lang), &[&year]));
    let mut apart = p.set_apart.get(&year).copied();
    let mut touched = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(crate::i18n::fill(T::SetApartInYear.get(lang), &[&year]));
        for (value, label) in [
            (None, T::NotSetApart.get(lang)),
            (
                Some(SetApart::Excused),
                crate::i18n::set_apart(lang, SetApart::Excused),
            ),
            (
                Some(SetApart::Suspended),
                crate::i18n::set_apart(lang, SetApart::Suspended),
            ),
        ] {
            touched |= ui.radio_value(&mut apart, value, label).changed();
        }
    });
    if touched {
        match apart {
            Some(a) => p.set_apart.insert(year, a),
            None => p.set_apart.remove(&year),
        };
    }
    let mut sick = p.sick_leave_months.get(&year).copied().unwrap_or(0);
    let sick_changed = ui
        .horizontal(|ui| {
            let l = ui.label(crate::i18n::fill(T::SickLeaveMonths.get(lang), &[&year]));
            ui.add(egui::DragValue::new(&mut sick).range(0..=12))
                .labelled_by(l.id)
                .changed()
        })
        .inner;
    if sick_changed {
        if sick == 0 {
            p.sick_leave_months.remove(&year);
        } else {
            p.sick_leave_months.insert(year, sick);
        }
    }
    touched || sick_changed
}
