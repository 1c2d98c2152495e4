//! The frame around the screens: the menus, the status line, the banners
//! (demo, problems found on opening) and the left column (member, profile,
//! year and the year's screens). Like every view, it only pushes intents.

use eframe::egui::{self, RichText, Ui};

use super::command::Command;
use super::intent::Intent;
use super::{Place, Screen, look};
use crate::i18n::{self, T};
use crate::model::{
    Language, MemberId, Notebook, Role, Settings, TextSize, ThemeChoice, ToneRule, TypingMode, Year,
};

/// The first year of the notebooks (Tây Ninh, 2017).
const FIRST_NOTEBOOK_YEAR: Year = 2017;
use crate::store::{Problem, Session};

/// What the frame around the screens shows, borrowed for one frame.
pub struct Shell<'a> {
    pub session: &'a Session,
    pub place: &'a Place,
    /// The members by name.
    pub members: &'a [(MemberId, String)],
    pub problems: &'a [Problem],
    pub message: Option<&'a str>,
    pub in_demo: bool,
    /// Some draft waits to be written.
    pub typing: bool,
    pub this_year: Year,
}

impl Shell<'_> {
    fn lang(&self) -> Language {
        self.session.workspace.settings().language
    }

    fn settings(&self) -> &Settings {
        self.session.workspace.settings()
    }

    pub fn menu_bar(&self, ui: &mut Ui, out: &mut Vec<Intent>) {
        let lang = self.lang();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(T::MenuNotebook.get(lang), |ui| {
                for c in [
                    Command::SaveNow,
                    Command::Export,
                    Command::Exchange,
                    Command::NewNotebook,
                    Command::Quit,
                ] {
                    command_button(ui, lang, c, out);
                }
            });
            ui.menu_button(T::MenuEdit.get(lang), |ui| {
                for c in [Command::Undo, Command::Redo, Command::Search] {
                    command_button(ui, lang, c, out);
                }
            });
            ui.menu_button(T::MenuView.get(lang), |ui| self.view_menu(ui, out));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let ws = &self.session.workspace;
                for (c, can) in [
                    (Command::Redo, ws.can_redo()),
                    (Command::Undo, ws.can_undo()),
                ] {
                    let shortcut = ui.ctx().format_shortcut(&c.shortcuts()[0]);
                    let button = ui
                        .add_enabled(can, egui::Button::new(c.label().get(lang)))
                        .on_hover_text(format!("{} ({shortcut})", c.tooltip().get(lang)));
                    if button.clicked() {
                        out.push(Intent::Run(c));
                    }
                }
            });
        });
    }

    /// Language, text size and appearance.
    fn view_menu(&self, ui: &mut Ui, out: &mut Vec<Intent>) {
        let lang = self.lang();
        let settings = self.settings();
        command_button(ui, lang, Command::ToggleLanguage, out);
        ui.separator();
        ui.label(T::RoleLabel.get(lang));
        for (role, t) in [
            (Role::Member, T::RoleMember),
            (Role::Secretary, T::RoleSecretary),
        ] {
            if ui.radio(settings.role == role, t.get(lang)).clicked() && settings.role != role {
                let mut changed = settings.clone();
                changed.role = role;
                out.push(Intent::ChangeSettings(Box::new(changed)));
                if role == Role::Secretary {
                    out.push(Intent::ShowScreen(Screen::Board));
                }
            }
        }
        ui.separator();
        ui.label(T::TextSize.get(lang));
        for (size, t) in [
            (TextSize::Normal, T::SizeNormal),
            (TextSize::Large, T::SizeLarge),
            (TextSize::Larger, T::SizeLarger),
            (TextSize::Largest, T::SizeLargest),
        ] {
            if ui.radio(settings.text_size == size, t.get(lang)).clicked() {
                let mut changed = settings.clone();
                changed.text_size = size;
                out.push(Intent::ChangeSettings(Box::new(changed)));
            }
        }
        for c in [Command::Bigger, Command::Smaller, Command::ResetSize] {
            command_button(ui, lang, c, out);
        }
        ui.separator();
        command_button(ui, lang, Command::CycleTyping, out);
        ui.label(T::ToneRuleLabel.get(lang));
        for (rule, t) in [
            (ToneRule::Modern, T::ToneRuleModern),
            (ToneRule::Old, T::ToneRuleOld),
        ] {
            if ui.radio(settings.tone_rule == rule, t.get(lang)).clicked() {
                let mut changed = settings.clone();
                changed.tone_rule = rule;
                out.push(Intent::ChangeSettings(Box::new(changed)));
            }
        }
        ui.separator();
        ui.label(T::Appearance.get(lang));
        for (theme, t) in [
            (ThemeChoice::System, T::ThemeSystem),
            (ThemeChoice::Light, T::ThemeLight),
            (ThemeChoice::Dark, T::ThemeDark),
        ] {
            if ui.radio(settings.theme == theme, t.get(lang)).clicked() {
                let mut changed = settings.clone();
                changed.theme = theme;
                out.push(Intent::ChangeSettings(Box::new(changed)));
            }
        }
    }

    /// Whether anything was changed in this session (it can be undone, or
    /// was undone and can be redone).
    fn edited(&self) -> bool {
        let ws = &self.session.workspace;
        ws.can_undo() || ws.can_redo()
    }

    /// The status line; a short part that does not fit moves whole to
    /// the next row instead of breaking mid-sentence (large text, English).
    pub fn status_bar(&self, ui: &mut Ui, out: &mut Vec<Intent>) {
        let lang = self.lang();
        let dark = ui.visuals().dark_mode;
        ui.horizontal_wrapped(|ui| {
            self.typing_picker(ui, out);
            ui.separator();
            whole(
                ui,
                match self.settings().role {
                    Role::Member => T::RoleStatusMember.get(lang),
                    Role::Secretary => T::RoleStatusSecretary.get(lang),
                },
            );
            ui.separator();
            if let Some((done, all)) = self.session.load_progress() {
                ui.spinner();
                whole(
                    ui,
                    i18n::fill(T::LoadingNotebooks.get(lang), &[&done, &all]),
                );
                ui.separator();
            }
            let status = self.session.store.status();
            if let Some(why) = self.session.workspace.read_only() {
                ui.colored_label(look::warning_colour(dark), T::ReadOnly.get(lang))
                    .on_hover_text(why.get(lang));
            } else if let Some(error) = &status.error {
                ui.colored_label(
                    look::warning_colour(dark),
                    i18n::fill(T::SaveFailed.get(lang), &[&error.message(lang)]),
                );
            } else if status.pending > 0 || self.typing {
                whole(ui, T::Saving.get(lang));
            } else if let Some(at) = status.saved_at.filter(|_| self.edited()) {
                let local = at.to_zoned(jiff::tz::TimeZone::system());
                whole(
                    ui,
                    i18n::fill(T::SavedAt.get(lang), &[&local.strftime("%H:%M:%S")]),
                );
            } else {
                // Nothing changed yet in this session: no time to give.
                whole(ui, T::AutoSaved.get(lang));
            }
            if let Some(message) = self.message {
                ui.separator();
                ui.label(message);
            }
        });
    }

    /// The built-in typing (off, Telex, VNI), with its shortcut.
    fn typing_picker(&self, ui: &mut Ui, out: &mut Vec<Intent>) {
        let lang = self.lang();
        let settings = self.settings();
        let shortcut = Command::CycleTyping
            .shortcuts()
            .first()
            .map(|s| ui.ctx().format_shortcut(s))
            .unwrap_or_default();
        let label = ui
            .label(T::TypingLabel.get(lang))
            .on_hover_text(format!("{} ({shortcut})", T::TypingTip.get(lang)));
        let mut mode = settings.typing;
        egui::ComboBox::from_id_salt("typing")
            .selected_text(T::typing_mode(mode).get(lang))
            .show_ui(ui, |ui| {
                for m in [TypingMode::Off, TypingMode::Telex, TypingMode::Vni] {
                    ui.selectable_value(&mut mode, m, T::typing_mode(m).get(lang));
                }
            })
            .response
            .labelled_by(label.id);
        if mode != settings.typing {
            let mut changed = settings.clone();
            changed.typing = mode;
            out.push(Intent::ChangeSettings(Box::new(changed)));
        }
    }

    /// The demo's banner and the problems found on opening, above a screen.
    pub fn banners(&self, ui: &mut Ui, out: &mut Vec<Intent>) {
        let lang = self.lang();
        let warning = look::warning_colour(ui.visuals().dark_mode);
        if self.in_demo {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(warning, T::DemoBanner.get(lang));
                if ui.button(T::LeaveDemo.get(lang)).clicked() {
                    out.push(Intent::LeaveDemo);
                }
            });
            ui.separator();
        }
        if !self.problems.is_empty() {
            ui.colored_label(warning, T::LoadProblems.get(lang));
            let writable = self.session.workspace.read_only().is_none();
            for p in self.problems {
                ui.label(format!("• {}", p.message(lang)));
                if let Some(file) = settled_by_removing(p).filter(|_| writable)
                    && ui
                        .button(T::RemoveSetAside.get(lang))
                        .on_hover_text(T::RemoveSetAsideTip.get(lang))
                        .clicked()
                {
                    out.push(Intent::RemoveSetAside(file.to_path_buf()));
                }
            }
            if ui.button(T::Dismiss.get(lang)).clicked() {
                out.push(Intent::DismissProblems);
            }
            ui.separator();
        }
    }

    /// The left column: whose notebook, the profile, the year and its
    /// screens, and the export.
    pub fn navigation(&self, ui: &mut Ui, out: &mut Vec<Intent>) {
        let secretary = self.settings().role == Role::Secretary;
        if secretary {
            self.screen_link(ui, Screen::Board, T::NavBoard, out);
            self.screen_link(ui, Screen::Meeting, T::NavMeeting, out);
            ui.separator();
        }
        if self.members.len() > 1 {
            let label = ui.label(T::Member.get(self.lang()));
            self.member_combo(ui, ui.available_width() - 8.0, out)
                .labelled_by(label.id);
            ui.separator();
        }
        let ws = &self.session.workspace;
        let Some(nb) = self.place.member.and_then(|m| ws.notebook(m)) else {
            return;
        };
        ui.label(RichText::new(&nb.profile.full_name).family(look::bold_family()));
        self.screen_link(ui, Screen::Profile, T::NavProfile, out);
        ui.separator();
        self.year_combo(ui, nb, out);
        if !nb.years.contains_key(&self.place.year) {
            self.open_year(ui, nb, out);
            return;
        }
        for (screen, label) in self.year_screens() {
            self.screen_link(ui, screen, label, out);
        }
        ui.separator();
        self.export_button(ui, out);
    }

    /// The left column folded into one row above the screen, for a narrow
    /// window or large text: the member, the year, and the screen picked
    /// from a list.
    pub fn navigation_bar(&self, ui: &mut Ui, out: &mut Vec<Intent>) {
        let lang = self.lang();
        let secretary = self.settings().role == Role::Secretary;
        // One row at 2× in 1280 pixels: the fields' names are said to
        // screen readers and on hover, not written beside them.
        ui.horizontal_wrapped(|ui| {
            if self.members.len() > 1 {
                let width = ui.spacing().interact_size.y * 6.5;
                let combo = self.member_combo(ui, width, out);
                named(&combo, T::Member.get(lang));
            }
            let ws = &self.session.workspace;
            let nb = self.place.member.and_then(|m| ws.notebook(m));
            let has_book = nb.is_some_and(|nb| nb.years.contains_key(&self.place.year));
            let mut screens = Vec::new();
            if secretary {
                screens.push((Screen::Board, T::NavBoard));
            }
            if nb.is_some() {
                screens.push((Screen::Profile, T::NavProfile));
            }
            if has_book {
                screens.extend(self.year_screens());
            }
            let mut screen = self.place.screen;
            let shown = screens
                .iter()
                .find(|(s, _)| *s == screen)
                .map_or("", |(_, t)| t.get(lang));
            let combo = egui::ComboBox::from_id_salt("screen")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (s, t) in &screens {
                        ui.selectable_value(&mut screen, *s, t.get(lang));
                    }
                })
                .response;
            named(&combo, T::NavPick.get(lang));
            if screen != self.place.screen {
                out.push(Intent::ShowScreen(screen));
            }
            let Some(nb) = nb else {
                return;
            };
            let mut year = self.place.year;
            let years = self.years(nb);
            let shown = format!("{} {year}", T::Year.get(lang));
            let combo = egui::ComboBox::from_id_salt("year")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for y in years.iter().rev() {
                        ui.selectable_value(&mut year, *y, y.to_string());
                    }
                })
                .response;
            named(&combo, T::Year.get(lang));
            if year != self.place.year {
                out.push(Intent::ShowYear(year));
            }
            if !has_book {
                self.open_year(ui, nb, out);
            }
        });
    }

    /// The screens of a year, in the order of the year's work.
    fn year_screens(&self) -> Vec<(Screen, T)> {
        let mut screens = vec![
            (Screen::Registration, T::NavRegistration),
            (Screen::Progress, T::NavProgress),
            (Screen::Entries, T::NavEntries),
            (Screen::SelfReview, T::NavSelfReview),
            (Screen::Review, T::NavReview),
        ];
        if self.settings().role == Role::Secretary {
            screens.push((Screen::Vetting, T::NavVetting));
        }
        screens
    }

    fn year_combo(&self, ui: &mut Ui, nb: &Notebook, out: &mut Vec<Intent>) {
        let mut year = self.place.year;
        let years = self.years(nb);
        super::widgets::combo(ui, T::Year.get(self.lang()), year.to_string(), |ui| {
            for y in years.iter().rev() {
                ui.selectable_value(&mut year, *y, y.to_string());
            }
        });
        if year != self.place.year {
            out.push(Intent::ShowYear(year));
        }
    }

    fn export_button(&self, ui: &mut Ui, out: &mut Vec<Intent>) {
        let lang = self.lang();
        let export = Command::Export;
        if ui
            .button(export.label().get(lang))
            .on_hover_text(export.tooltip().get(lang))
            .clicked()
        {
            out.push(Intent::Run(export));
        }
    }

    /// The years that can be shown: those with a book, and every year from
    /// the member's joining (or 2017, when the notebooks began) to next
    /// year.
    fn years(&self, nb: &Notebook) -> Vec<Year> {
        let joined = nb
            .profile
            .joined_party
            .map_or(FIRST_NOTEBOOK_YEAR, |d| d.year());
        let first = joined.clamp(FIRST_NOTEBOOK_YEAR, self.this_year);
        let mut years: Vec<Year> = nb.years.keys().copied().collect();
        years.extend(first..=self.this_year + 1);
        years.push(self.place.year);
        years.sort_unstable();
        years.dedup();
        years
    }

    /// The shown year has no book yet: the way to open one, asked once
    /// more before it is made.
    fn open_year(&self, ui: &mut Ui, nb: &Notebook, out: &mut Vec<Intent>) {
        let lang = self.lang();
        let year = self.place.year;
        let asking = egui::Id::unique("open-year");
        let asked = ui.data(|d| d.get_temp::<Year>(asking)) == Some(year);
        if !asked {
            if ui
                .button(i18n::fill(T::OpenYear.get(lang), &[&year]))
                .clicked()
            {
                ui.data_mut(|d| d.insert_temp(asking, year));
            }
            return;
        }
        ui.label(i18n::fill(
            T::OpenYearAsk.get(lang),
            &[&year, &nb.profile.full_name],
        ));
        ui.horizontal_wrapped(|ui| {
            if ui.button(T::OpenYearYes.get(lang)).clicked() {
                ui.data_mut(|d| d.remove::<Year>(asking));
                let ws = &self.session.workspace;
                out.push(Intent::Apply(crate::workspace::Action::StartYear {
                    member: nb.id,
                    year,
                    theme_id: crate::themes::default_for(ws.settings(), year),
                }));
                out.push(Intent::ShowScreen(Screen::Registration));
            }
            if ui.button(T::Cancel.get(lang)).clicked() {
                ui.data_mut(|d| d.remove::<Year>(asking));
            }
        });
    }

    fn screen_link(&self, ui: &mut Ui, screen: Screen, label: T, out: &mut Vec<Intent>) {
        let lang = self.lang();
        if ui
            .selectable_label(self.place.screen == screen, label.get(lang))
            .clicked()
        {
            out.push(Intent::ShowScreen(screen));
        }
    }

    /// The drop-down list of the cell's members, by name.
    fn member_combo(&self, ui: &mut Ui, width: f32, out: &mut Vec<Intent>) -> egui::Response {
        let current = self
            .members
            .iter()
            .find(|(id, _)| Some(*id) == self.place.member)
            .map(|(_, name)| name.clone())
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("member")
            .selected_text(current)
            .width(width)
            .truncate()
            .show_ui(ui, |ui| {
                for (id, name) in self.members {
                    let shown = self.place.member == Some(*id);
                    if ui.selectable_label(shown, name).clicked() && !shown {
                        out.push(Intent::ShowMember(*id));
                    }
                }
            })
            .response
    }
}

/// Gives a field without a written name its name, for screen readers and
/// on hover.
fn named(response: &egui::Response, name: &str) {
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    let _ = response.clone().on_hover_text(name);
}

/// The damaged file set aside that can simply be removed: its notebook
/// opened from a backup, so nothing in use goes with it.
pub fn settled_by_removing(problem: &Problem) -> Option<&std::path::Path> {
    match problem {
        Problem::SetAside {
            file, in_use: true, ..
        } => Some(file),
        Problem::Recovered {
            moved_to: Some(file),
            ..
        } => Some(file),
        _ => None,
    }
}

fn command_button(ui: &mut Ui, lang: Language, command: Command, out: &mut Vec<Intent>) {
    let mut button = egui::Button::new(command.label().get(lang));
    if let Some(shortcut) = command.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui
        .add(button)
        .on_hover_text(command.tooltip().get(lang))
        .clicked()
    {
        out.push(Intent::Run(command));
    }
}

/// A short label of the status line, kept on one row: in a wrapping row
/// it moves whole to the next one when it does not fit.
fn whole(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
}
