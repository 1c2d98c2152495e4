//! The member's profile (lý lịch): every field of the model, saved as the
//! user types.

use eframe::egui::{self, Ui};

use super::editing::Current;
use super::widgets::{date_input, text_line};
use crate::i18n::T;
use crate::model::{Language, MemberId, Profile, Sex};

/// The profile screen of an existing notebook, saved as typed.
#[derive(Default)]
pub struct ProfileScreen {
    pub(super) draft: Current<Profile>,
}

impl ProfileScreen {
    pub fn show(&mut self, ui: &mut Ui, lang: Language, member: MemberId, now: f64) {
        ui.heading(T::NavProfile.get(lang));
        ui.label(T::AutoSaved.get(lang));
        ui.add_space(6.0);
        // The year plays no part in a profile.
        let Some(d) = self.draft.get(member, 0) else {
            return;
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            if fields(ui, lang, &mut d.draft.value) {
                d.draft.changed(now);
            }
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
            ] {
                changed |= text_line(ui, label.get(lang), value);
                ui.end_row();
            }
        });
    changed
}
