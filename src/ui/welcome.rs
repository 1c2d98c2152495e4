//! The first screens: the welcome (my own notebook, or a look at a demo
//! cell) and the form of a new member's profile.

use eframe::egui::{RichText, Ui};

use super::intent::Intent;
use super::{Screen, profile};
use crate::i18n::T;
use crate::model::{Language, Profile};

/// The welcome screen; `in_demo` hides the way into the demo.
pub fn show(ui: &mut Ui, lang: Language, in_demo: bool, out: &mut Vec<Intent>) {
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        ui.heading(T::WelcomeTitle.get(lang));
        ui.add_space(8.0);
        ui.label(T::WelcomeText.get(lang));
        ui.add_space(16.0);
        if ui
            .button(RichText::new(T::CreateMine.get(lang)).heading())
            .on_hover_text(T::CreateMineTip.get(lang))
            .clicked()
        {
            out.push(Intent::ShowScreen(Screen::NewProfile));
        }
        ui.add_space(8.0);
        if !in_demo
            && ui
                .button(T::OpenDemo.get(lang))
                .on_hover_text(T::OpenDemoTip.get(lang))
                .clicked()
        {
            out.push(Intent::OpenDemo);
        }
    });
}

/// A new member's profile, kept until the notebook is created.
#[derive(Default)]
pub struct NewProfile {
    profile: Profile,
}

impl NewProfile {
    /// Starts the form afresh.
    pub fn clear(&mut self) {
        self.profile = Profile::default();
    }

    /// `can_cancel`: there are notebooks to go back to.
    pub fn show(&mut self, ui: &mut Ui, lang: Language, can_cancel: bool, out: &mut Vec<Intent>) {
        ui.heading(T::NewProfileTitle.get(lang));
        ui.label(T::NewProfileText.get(lang));
        ui.add_space(8.0);
        profile::fields(ui, lang, &mut self.profile);
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(T::CreateNotebook.get(lang)).clicked() {
                out.push(Intent::CreateNotebook(Box::new(self.profile.clone())));
            }
            if can_cancel && ui.button(T::Cancel.get(lang)).clicked() {
                out.push(Intent::ShowScreen(Screen::Profile));
            }
        });
    }
}
