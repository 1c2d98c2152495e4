//! Carrying out the frame's intents, once, at the end of the frame.
//!
//! Before anything the user asked for happens, every pending draft is
//! written: moving to another year, member, screen or session, closing an
//! editor, undoing or exporting never loses what was just typed.

use eframe::egui;

use super::cache::sorted_members;
use super::command::Command;
use super::editing::{Editing, ProgressDraft};
use super::intent::Intent;
use super::{App, Place, Screen, current_year, export, look, search, shell};
use crate::i18n::{self as text, T};
use crate::model::{Language, MemberId, Settings, TextSize, Theme, TypingMode};
use crate::search::{Kind, Target};
use crate::store;
use crate::workspace::{Action, ActionError};

impl App {
    /// Writes the drafts, then carries out what was asked this frame.
    pub(super) fn drain(&mut self, ctx: &egui::Context, now: f64) {
        let intents = std::mem::take(&mut self.intents);
        if !intents.is_empty() {
            self.write_drafts(now, true);
        }
        let asked = !intents.is_empty();
        for intent in intents {
            self.carry_out(ctx, intent);
        }
        if asked {
            // A setting may have changed, by itself or by undo.
            self.apply_look(ctx);
            // This frame was drawn before; the next shows what changed.
            ctx.request_repaint();
        }
        self.screens.settle();
        self.write_drafts(now, false);
    }

    fn carry_out(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Apply(action) => {
                self.apply(action);
            }
            Intent::Remove(action) => {
                if self.apply(action) {
                    self.say(T::Deleted);
                }
            }
            Intent::Run(command) => self.run_command(ctx, command),
            Intent::ShowMember(member) => self.show_member(Some(member)),
            Intent::ShowYear(year) => self.place.year = year,
            Intent::ShowScreen(screen) => {
                if screen == Screen::NewProfile {
                    self.screens.new_profile.clear();
                }
                self.place.screen = screen;
            }
            Intent::ChangeSettings(settings) => self.change_settings(*settings),
            Intent::SaveTheme(theme) => self.save_theme(*theme),
            Intent::CreateNotebook(profile) => {
                let id = uuid::Uuid::new_v4();
                let create = Action::CreateNotebook {
                    id,
                    profile: *profile,
                };
                if self.apply(create) {
                    self.created(id);
                }
            }
            Intent::OpenDemo => self.open_demo(),
            Intent::LeaveDemo => self.leave_demo(),
            Intent::SwitchEditor => {}
            Intent::StartExport(order) => {
                self.whole_cell();
                self.begin_export(ctx, *order)
            }
            Intent::CloseExport => self.export = None,
            Intent::Exchange(request) => {
                self.whole_cell();
                self.exchange_request(request)
            }
            Intent::DismissProblems => self.problems.clear(),
            Intent::Reveal(reveal) => self.reveal(*reveal),
            Intent::CloseSearch => self.search = None,
            Intent::RemoveSetAside(file) => self.remove_set_aside(&file),
        }
    }

    /// Applies an action; a refusal goes to the status line.
    pub(super) fn apply(&mut self, action: Action) -> bool {
        match self.try_apply(action) {
            Ok(()) => true,
            Err(e) => {
                self.message = Some(e.message(self.lang()));
                false
            }
        }
    }

    /// Applies an action and brings the search index along; a refusal is
    /// the caller's to show.
    pub(super) fn try_apply(&mut self, action: Action) -> Result<(), ActionError> {
        self.session.apply(action.clone())?;
        self.index.applied(&action, &self.session.workspace);
        Ok(())
    }

    pub(super) fn say(&mut self, text: T) {
        self.message = Some(text.get(self.lang()).to_owned());
    }

    /// "Đã hoàn tác: sửa cam kết «…»."
    fn say_deed(&mut self, text: T, deed: &crate::workspace::Deed) {
        let lang = self.lang();
        self.message = Some(text.fill(lang, &[&text::deed(lang, deed)]));
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Undo => {
                let deed = self.session.workspace.next_undo().cloned();
                match deed.filter(|_| self.session.undo()) {
                    Some(deed) => self.say_deed(T::UndoneWhat, &deed),
                    None => self.say(T::NothingToUndo),
                }
            }
            Command::Redo => {
                let deed = self.session.workspace.next_redo().cloned();
                if let Some(deed) = deed.filter(|_| self.session.redo()) {
                    self.say_deed(T::RedoneWhat, &deed);
                }
            }
            Command::SaveNow => {
                if let Err(e) = self.session.store.flush() {
                    self.message = Some(text::fill(T::SaveFailed.get(self.lang()), &[&e]));
                }
            }
            Command::NewNotebook => {
                self.screens.new_profile.clear();
                self.place.screen = Screen::NewProfile;
            }
            Command::Export => self.open_export(),
            Command::Exchange => self.open_exchange(),
            Command::ToggleLanguage => {
                let mut settings = self.session.workspace.settings().clone();
                settings.language = match settings.language {
                    Language::Vietnamese => Language::English,
                    Language::English => Language::Vietnamese,
                };
                self.change_settings(settings);
            }
            Command::Search => match &mut self.search {
                Some(panel) => panel.focus(),
                None => self.search = Some(search::SearchPanel::new()),
            },
            Command::CycleTyping => {
                let mut settings = self.session.workspace.settings().clone();
                settings.typing = match settings.typing {
                    TypingMode::Off => TypingMode::Telex,
                    TypingMode::Telex => TypingMode::Vni,
                    TypingMode::Vni => TypingMode::Off,
                };
                self.change_settings(settings);
            }
            Command::Bigger | Command::Smaller | Command::ResetSize => {
                let mut settings = self.session.workspace.settings().clone();
                settings.text_size = match command {
                    Command::Bigger => settings.text_size.bigger(),
                    Command::Smaller => settings.text_size.smaller(),
                    _ => TextSize::Normal,
                };
                if settings.text_size != self.session.workspace.settings().text_size {
                    self.change_settings(settings);
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Chooses whose notebook is shown: the given one, else the owner, else
    /// the first by name; with no notebook at all, the welcome screen.
    pub(super) fn show_member(&mut self, member: Option<MemberId>) {
        let ws = &self.session.workspace;
        let known = |m: &MemberId| ws.notebook(*m).is_some() || ws.loading().contains_key(m);
        let chosen = member
            .filter(known)
            .or(ws.settings().owner.filter(known))
            .or_else(|| {
                sorted_members(ws.notebooks().collect())
                    .first()
                    .map(|n| n.id)
            })
            .or_else(|| ws.loading().keys().next().copied());
        self.place.member = chosen;
        // A notebook still loading comes next; it is shown once in.
        if let Some(id) = chosen.filter(|m| ws.loading().contains_key(m)) {
            self.session.prefer(id);
            self.awaiting = Some(id);
            if matches!(self.place.screen, Screen::Welcome | Screen::NewProfile) {
                self.place.screen = Screen::Registration;
            }
            return;
        }
        self.awaiting = None;
        let Some(nb) = chosen.and_then(|m| ws.notebook(m)) else {
            self.place.screen = Screen::Welcome;
            return;
        };
        self.place.year = nb
            .years
            .keys()
            .next_back()
            .copied()
            .unwrap_or(current_year());
        if matches!(self.place.screen, Screen::Welcome | Screen::NewProfile) {
            self.place.screen = if nb.years.is_empty() {
                Screen::Profile
            } else {
                Screen::Registration
            };
        }
    }

    /// Goes to a record found by a search: its member, year and screen,
    /// with the record selected (a progress record or an entry opened in
    /// its editor, the rest marked and scrolled to). The cell's meeting
    /// opens the meeting screen of its year, whoever is shown.
    fn reveal(&mut self, reveal: search::Reveal) {
        let Some(member) = reveal.member else {
            self.place.year = reveal.year;
            self.place.screen = Screen::Meeting;
            self.reveal = Some(reveal);
            return;
        };
        self.show_member(Some(member));
        if self.place.member != Some(member) {
            return;
        }
        let year = reveal.year;
        self.place.year = year;
        let ws = &self.session.workspace;
        let secretary = ws.settings().role == crate::model::Role::Secretary;
        self.place.screen = match reveal.target.kind() {
            Kind::Commitment => Screen::Registration,
            Kind::Progress => Screen::Progress,
            Kind::Entry => Screen::Entries,
            Kind::SelfReview => Screen::SelfReview,
            Kind::Remark if secretary => Screen::Vetting,
            Kind::Remark => Screen::Review,
            Kind::Meeting => Screen::Meeting,
        };
        let book = ws.notebook(member).and_then(|nb| nb.years.get(&year));
        let mut asked = Vec::new();
        match (&reveal.target, book) {
            (Target::Progress { commitment, period }, Some(book)) => {
                if let Some(record) = book.progress_for(*commitment, *period) {
                    self.screens.progress.by_quarter =
                        matches!(period, crate::model::Period::Quarter(_));
                    let draft = ProgressDraft {
                        record: record.clone(),
                        chosen: true,
                    };
                    let editing = Editing::new(member, year, draft, true);
                    self.screens.progress.editor.open(editing, &mut asked);
                }
            }
            (Target::Entry(id), Some(book)) => {
                if let Some(entry) = book.entry(*id) {
                    self.screens.entries.kind = None;
                    self.screens.entries.month = None;
                    let editing = Editing::new(member, year, entry.clone(), true);
                    self.screens.entries.editor.open(editing, &mut asked);
                }
            }
            _ => {}
        }
        self.reveal = Some(reveal);
    }

    /// A notebook was created: the first is the user's own; show it.
    fn created(&mut self, id: MemberId) {
        if self.session.workspace.settings().owner.is_none() {
            let mut settings = self.session.workspace.settings().clone();
            settings.owner = Some(id);
            self.change_settings(settings);
        }
        self.place.screen = Screen::Profile;
        self.message = None;
        self.show_member(Some(id));
    }

    pub(super) fn apply_look(&self, ctx: &egui::Context) {
        let settings = self.session.workspace.settings();
        look::apply_text_size(ctx, settings.text_size);
        look::apply_theme(ctx, settings.theme);
    }

    /// Changes the settings through the one way data changes (undoable,
    /// saved by the saver), then shows them.
    fn change_settings(&mut self, settings: Settings) {
        self.apply(Action::ChangeSettings { settings });
    }

    /// Keeps a user's theme and ties the shown year to it: one step, so
    /// one undo takes back both.
    fn save_theme(&mut self, theme: Theme) {
        let Place { member, year, .. } = self.place;
        let ws = &self.session.workspace;
        let use_for = member
            .filter(|m| {
                ws.notebook(*m)
                    .is_some_and(|nb| nb.years.contains_key(&year))
            })
            .map(|m| (m, year));
        self.apply(Action::SaveUserTheme { theme, use_for });
    }

    /// Shows a generated demo cell, opened by the store in a temporary
    /// folder; the user's own session waits aside.
    fn open_demo(&mut self) {
        let settings = self.session.workspace.settings().clone();
        match store::open_demo(&settings) {
            Ok((demo, dir)) => {
                self.cache.forget();
                self.index = crate::search::Live::start(&demo.workspace);
                self.reveal = None;
                let home = std::mem::replace(&mut self.session, demo);
                self.home = Some((home, dir));
                self.place.screen = Screen::Registration;
                self.show_member(None);
            }
            Err(e) => {
                let why = text::fill(T::DemoFailed.get(self.lang()), &[&e.message(self.lang())]);
                self.message = Some(why);
            }
        }
    }

    fn leave_demo(&mut self) {
        if let Some((home, _dir)) = self.home.take() {
            self.cache.forget();
            self.index = crate::search::Live::start(&home.workspace);
            self.reveal = None;
            self.session = home;
            self.place.screen = Screen::Welcome;
            self.show_member(None);
        }
    }

    fn remove_set_aside(&mut self, file: &std::path::Path) {
        match self.session.store.remove_set_aside(file) {
            Ok(removed) => {
                self.problems
                    .retain(|p| shell::settled_by_removing(p) != Some(file));
                let done = T::SetAsideRemoved.get(self.lang());
                self.message = Some(text::fill(done, &[&removed.display()]));
            }
            Err(e) => self.message = Some(e.message(self.lang())),
        }
    }

    fn open_export(&mut self) {
        if self.place.member.is_none() {
            self.say(T::NothingToExport);
            return;
        }
        let settings = self.session.workspace.settings();
        let folder = settings.export_folder.as_deref();
        let format = settings.export_format.as_deref();
        if self.export.is_none() {
            self.export = Some(export::ExportDialog::new(folder, format));
        }
    }

    pub(super) fn begin_export(&mut self, ctx: &egui::Context, order: export::Order) {
        let data = self.session.workspace.data().clone();
        let today = jiff::Zoned::now().date();
        let lang = self.lang();
        if let Some(dialog) = &mut self.export {
            dialog.start(ctx, data, order, today, lang);
        }
    }

    /// Shows the "Xuất file…" dialog when it is open; what it asks for
    /// joins the queue.
    pub(super) fn export_dialog(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.export else {
            return;
        };
        let ws = &self.session.workspace;
        let Some(nb) = self.place.member.and_then(|m| ws.notebook(m)) else {
            self.intents.push(Intent::CloseExport);
            return;
        };
        let year = self.place.year;
        let cell_years: std::collections::BTreeSet<_> = ws
            .notebooks()
            .flat_map(|n| n.years.keys().copied())
            .collect();
        let cx = export::Context {
            lang: ws.settings().language,
            member: nb.id,
            name: &nb.profile.full_name,
            year,
            member_years: nb.years.keys().copied().collect(),
            cell_members: ws
                .notebooks()
                .filter(|n| n.years.contains_key(&year))
                .count(),
            cell_years: cell_years.into_iter().collect(),
            cell_name: &ws.settings().cell_name,
        };
        match dialog.show(ctx, &cx) {
            Some(export::Request::Start(order)) => {
                self.intents.push(Intent::StartExport(Box::new(order)));
            }
            Some(export::Request::Close) => self.intents.push(Intent::CloseExport),
            None => {}
        }
        // The next export starts where this one went, in its format.
        if let Some((path, format)) = dialog.take_written() {
            let folder = path.parent().and_then(|p| p.to_str()).map(str::to_owned);
            let format = Some(format.extension().to_owned());
            let settings = ws.settings();
            if folder.is_some()
                && (folder != settings.export_folder || format != settings.export_format)
            {
                let mut changed = settings.clone();
                changed.export_folder = folder;
                changed.export_format = format;
                self.intents.push(Intent::ChangeSettings(Box::new(changed)));
            }
        }
    }
}
