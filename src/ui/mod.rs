//! The window (eframe, glow). `App` owns the open session and the state of
//! the screens; the screens read the notebook and change it only through
//! actions. Typing goes through drafts (`draft.rs`), written within a
//! second, and everything pending is written when the window closes.

mod command;
mod draft;
mod entries;
mod export;
mod look;
mod profile;
mod progress;
mod registration;
mod review;
mod self_review;
mod text;
mod widgets;

use eframe::egui::{self, RichText, Ui};
use uuid::Uuid;

pub use command::Command;
use draft::Draft;
use text::T;

use crate::demo::{self, DemoSpec};
use crate::model::{
    Commitment, Entry, Language, MemberId, Notebook, Profile, ProgressRecord, SelfReview, Settings,
    Year,
};
use crate::store::{self, Session};
use crate::workspace::Action;

/// Opens the program's window on an open session.
pub fn run(session: Session) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Sổ phấn đấu")
            .with_app_id("sophandau")
            .with_inner_size([1200.0, 800.0])
            .with_min_inner_size([720.0, 480.0]),
        // Noto Sans covers every letter shown; no system font is needed.
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "sophandau",
        options,
        Box::new(|cc| Ok(Box::new(App::new(&cc.egui_ctx, session)))),
    )
}

/// The screens of the member's window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    NewProfile,
    Profile,
    Registration,
    Progress,
    Entries,
    SelfReview,
    Review,
}

/// A record open for editing; at most one at a time.
pub enum Editor {
    Commitment {
        year: Year,
        draft: Draft<Commitment>,
        exists: bool,
    },
    Entry {
        year: Year,
        draft: Draft<Entry>,
        exists: bool,
    },
    Progress {
        year: Year,
        draft: Draft<ProgressRecord>,
        exists: bool,
    },
}

/// What the screens keep between frames (not saved).
pub struct ViewState {
    pub screen: Screen,
    pub member: Option<MemberId>,
    pub year: Year,
    pub by_quarter: bool,
    pub new_profile: Profile,
    pub profile: Option<(MemberId, Draft<Profile>)>,
    pub self_review: Option<(MemberId, Year, Draft<SelfReview>)>,
    pub editor: Option<Editor>,
    /// The user pressed "Done": write the editor's draft, then close it.
    pub close_editor: bool,
    pub entries: entries::EntriesState,
    /// A message for the status line (errors in plain words).
    pub message: Option<String>,
    pub theme_form: Option<review::ThemeForm>,
    /// A theme the user saved this frame, for the settings.
    pub pending_theme: Option<crate::model::Theme>,
    review_cache: Option<(ReviewKey, crate::review::YearFigures)>,
    cell_cache: Option<(CellKey, crate::review::CellFigures)>,
    /// The members by name, as of a workspace generation.
    member_list: Option<(u64, Vec<(MemberId, String)>)>,
}

impl ViewState {
    /// Another workspace is shown: what was worked out for this one, keyed
    /// by its change counters, no longer applies.
    fn forget_caches(&mut self) {
        self.review_cache = None;
        self.cell_cache = None;
        self.member_list = None;
    }
}

type ReviewKey = (MemberId, Year, u64, crate::model::Date);
type CellKey = (Year, u64, crate::model::Date);

/// The running program.
pub struct App {
    session: Session,
    /// The user's own session, kept aside while a demo cell is shown.
    home: Option<(Session, tempfile::TempDir)>,
    view: ViewState,
    problems: Vec<store::Problem>,
    commands: Vec<Command>,
    /// Actions the screens asked for this frame, applied after drawing.
    actions: Vec<Action>,
    deferred_leave_demo: bool,
    /// The "Xuất file…" dialog, while it is open.
    export: Option<export::ExportDialog>,
    /// For measuring start-up: close once the first frame is drawn
    /// (environment variable `SOPHANDAU_QUIT_AFTER_FIRST_FRAME`).
    quit_after_first_frame: bool,
}

impl App {
    pub fn new(ctx: &egui::Context, session: Session) -> App {
        look::install_fonts(ctx);
        ctx.options_mut(|o| o.quit_shortcuts.clear());
        let problems = session.problems.clone();
        let mut app = App {
            session,
            home: None,
            view: ViewState {
                screen: Screen::Welcome,
                member: None,
                year: current_year(),
                by_quarter: false,
                new_profile: Profile::default(),
                profile: None,
                self_review: None,
                editor: None,
                close_editor: false,
                entries: entries::EntriesState::default(),
                message: None,
                theme_form: None,
                pending_theme: None,
                review_cache: None,
                cell_cache: None,
                member_list: None,
            },
            problems,
            commands: Vec::new(),
            actions: Vec::new(),
            deferred_leave_demo: false,
            export: None,
            quit_after_first_frame: std::env::var_os("SOPHANDAU_QUIT_AFTER_FIRST_FRAME").is_some(),
        };
        app.apply_settings(ctx);
        app.pick_member(None);
        let waker = ctx.clone();
        app.session.store.set_waker(move || waker.request_repaint());
        app
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn view(&self) -> &ViewState {
        &self.view
    }

    fn lang(&self) -> Language {
        self.session.workspace.settings().language
    }

    fn apply_settings(&self, ctx: &egui::Context) {
        let settings = self.session.workspace.settings();
        look::apply_text_size(ctx, settings.text_size);
        look::apply_theme(ctx, settings.theme);
    }

    fn change_settings(&mut self, ctx: &egui::Context, change: impl FnOnce(&mut Settings)) {
        let mut settings = self.session.workspace.settings().clone();
        change(&mut settings);
        match self.session.workspace.set_settings(settings) {
            Ok(()) => self.session.store.sync(&mut self.session.workspace),
            Err(e) => self.view.message = Some(e.message(self.lang())),
        }
        self.apply_settings(ctx);
    }

    /// Chooses whose notebook is shown: the given one, else the owner, else
    /// the first by name; with no notebook at all, the welcome screen.
    fn pick_member(&mut self, member: Option<MemberId>) {
        let ws = &self.session.workspace;
        let chosen = member
            .filter(|m| ws.notebook(*m).is_some())
            .or(ws.settings().owner.filter(|m| ws.notebook(*m).is_some()))
            .or_else(|| {
                sorted_members(ws.notebooks().collect())
                    .first()
                    .map(|n| n.id)
            });
        self.view.member = chosen;
        self.view.editor = None;
        match chosen.and_then(|m| ws.notebook(m)) {
            Some(nb) => {
                self.view.year = nb
                    .years
                    .keys()
                    .next_back()
                    .copied()
                    .unwrap_or(current_year());
                if matches!(self.view.screen, Screen::Welcome | Screen::NewProfile) {
                    self.view.screen = if nb.years.is_empty() {
                        Screen::Profile
                    } else {
                        Screen::Registration
                    };
                }
            }
            None => self.view.screen = Screen::Welcome,
        }
    }

    /// Writes every draft that is due (or all pending ones when `force`).
    fn write_drafts(&mut self, now: f64, force: bool) {
        let Some(member) = self.view.member else {
            return;
        };
        let lang = self.lang();
        let session = &mut self.session;
        let view = &mut self.view;
        let due = |pending: bool, is_due: bool| pending && (force || is_due);

        if let Some((m, draft)) = &mut view.profile
            && due(draft.is_pending(), draft.is_due(now))
        {
            let action = Action::SetProfile {
                member: *m,
                profile: draft.value.clone(),
            };
            write_one(session, draft, action, &mut view.message);
        }
        if let Some((m, year, draft)) = &mut view.self_review
            && due(draft.is_pending(), draft.is_due(now))
        {
            let action = Action::SetSelfReview {
                member: *m,
                year: *year,
                review: draft.value.clone(),
            };
            write_one(session, draft, action, &mut view.message);
        }
        let Some(editor) = &mut view.editor else {
            return;
        };
        let message = &mut view.message;
        match editor {
            Editor::Commitment {
                year,
                draft,
                exists,
            } if due(draft.is_pending(), draft.is_due(now)) => {
                let missing = draft.value.content.trim().is_empty();
                let (year, commitment) = (*year, draft.value.clone());
                let action = if *exists {
                    Action::EditCommitment {
                        member,
                        year,
                        commitment,
                    }
                } else {
                    Action::AddCommitment {
                        member,
                        year,
                        commitment,
                    }
                };
                let need = missing.then_some(T::NeedContent.get(lang));
                write_record(session, draft, exists, need, action, message);
            }
            Editor::Entry {
                year,
                draft,
                exists,
            } if due(draft.is_pending(), draft.is_due(now)) => {
                let missing = draft.value.title.trim().is_empty();
                let (year, entry) = (*year, draft.value.clone());
                let action = if *exists {
                    Action::EditEntry {
                        member,
                        year,
                        entry,
                    }
                } else {
                    Action::AddEntry {
                        member,
                        year,
                        entry,
                    }
                };
                let need = missing.then_some(T::NeedTitle.get(lang));
                write_record(session, draft, exists, need, action, message);
            }
            Editor::Progress {
                year,
                draft,
                exists,
            } if due(draft.is_pending(), draft.is_due(now)) => {
                let action = Action::SetProgress {
                    member,
                    year: *year,
                    record: draft.value.clone(),
                };
                write_record(session, draft, exists, None, action, message);
            }
            _ => {}
        }
    }

    /// Brings drafts up to date with the notebook (after undo, redo, or a
    /// change of member or year) while the user has nothing unsaved.
    fn follow_drafts(&mut self) {
        let Some(member) = self.view.member else {
            return;
        };
        let Some(nb) = self.session.workspace.notebook(member) else {
            self.pick_member(None);
            return;
        };
        let view = &mut self.view;
        match &mut view.profile {
            Some((m, draft)) if *m == member => draft.follow(&nb.profile),
            _ => view.profile = Some((member, Draft::new(nb.profile.clone()))),
        }
        let book = nb.years.get(&view.year);
        let review = book.and_then(|b| b.self_review.clone()).unwrap_or_default();
        match &mut view.self_review {
            Some((m, y, draft)) if *m == member && *y == view.year => draft.follow(&review),
            _ => view.self_review = Some((member, view.year, Draft::new(review))),
        }
        let close = match &mut view.editor {
            Some(Editor::Commitment {
                year,
                draft,
                exists,
            }) => follow_record(nb, *year, draft, exists, |b, c: &Commitment| {
                b.commitment(c.id).cloned()
            }),
            Some(Editor::Entry {
                year,
                draft,
                exists,
            }) => follow_record(nb, *year, draft, exists, |b, e: &Entry| {
                b.entry(e.id).cloned()
            }),
            Some(Editor::Progress {
                year,
                draft,
                exists,
            }) => follow_record(nb, *year, draft, exists, |b, p: &ProgressRecord| {
                b.progress_for(p.commitment, p.period).cloned()
            }),
            None => false,
        };
        if close {
            view.editor = None;
        }
    }

    fn any_draft_pending(&self) -> bool {
        let v = &self.view;
        v.profile.as_ref().is_some_and(|(_, d)| d.is_pending())
            || v.self_review
                .as_ref()
                .is_some_and(|(_, _, d)| d.is_pending())
            || match &v.editor {
                Some(Editor::Commitment { draft, .. }) => draft.is_pending(),
                Some(Editor::Entry { draft, .. }) => draft.is_pending(),
                Some(Editor::Progress { draft, .. }) => draft.is_pending(),
                None => false,
            }
    }

    fn next_draft_due(&self, now: f64) -> Option<f64> {
        let v = &self.view;
        [
            v.profile.as_ref().and_then(|(_, d)| d.due_in(now)),
            v.self_review.as_ref().and_then(|(_, _, d)| d.due_in(now)),
            match &v.editor {
                Some(Editor::Commitment { draft, .. }) => draft.due_in(now),
                Some(Editor::Entry { draft, .. }) => draft.due_in(now),
                Some(Editor::Progress { draft, .. }) => draft.due_in(now),
                None => None,
            },
        ]
        .into_iter()
        .flatten()
        .reduce(f64::min)
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let now = ctx.input(|i| i.time);
        let lang = self.lang();
        match command {
            Command::Undo => {
                self.write_drafts(now, true);
                self.view.message = Some(
                    if self.session.undo() {
                        T::UndoneMsg
                    } else {
                        T::NothingToUndo
                    }
                    .get(lang)
                    .to_owned(),
                );
            }
            Command::Redo => {
                self.write_drafts(now, true);
                if self.session.redo() {
                    self.view.message = Some(T::RedoneMsg.get(lang).to_owned());
                }
            }
            Command::SaveNow => {
                self.write_drafts(now, true);
                if let Err(e) = self.session.store.flush() {
                    self.view.message = Some(text::fill(T::SaveFailed.get(lang), &[&e]));
                }
            }
            Command::NewNotebook => {
                self.write_drafts(now, true);
                self.view.new_profile = Profile::default();
                self.view.screen = Screen::NewProfile;
            }
            Command::Export => {
                if self.view.member.is_some() {
                    let settings = self.session.workspace.settings();
                    let folder = settings.export_folder.clone();
                    let format = settings.export_format.clone();
                    self.export.get_or_insert_with(|| {
                        export::ExportDialog::new(folder.as_deref(), format.as_deref())
                    });
                } else {
                    self.view.message = Some(T::NothingToExport.get(lang).to_owned());
                }
            }
            Command::ToggleLanguage => self.change_settings(ctx, |s| {
                s.language = match s.language {
                    Language::Vietnamese => Language::English,
                    Language::English => Language::Vietnamese,
                }
            }),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Keeps a user's theme in the settings and ties the shown year to it.
    fn save_theme(&mut self, ctx: &egui::Context, theme: crate::model::Theme) {
        let id = theme.id.clone();
        self.change_settings(ctx, |s| {
            s.user_themes.retain(|t| t.id != theme.id);
            s.user_themes.push(theme);
        });
        let Some(member) = self.view.member else {
            return;
        };
        let year = self.view.year;
        let current = self
            .session
            .workspace
            .notebook(member)
            .and_then(|n| n.years.get(&year))
            .map(|b| b.theme_id.clone());
        if current.is_some_and(|c| c != id) {
            let action = Action::SetYearTheme {
                member,
                year,
                theme_id: id,
            };
            if let Err(e) = self.session.apply(action) {
                self.view.message = Some(e.message(self.lang()));
            }
        }
    }

    /// Opens a generated demo cell in a temporary folder, keeping the
    /// user's own session aside.
    fn open_demo(&mut self) {
        let result = (|| -> Result<(Session, tempfile::TempDir), String> {
            let dir = tempfile::Builder::new()
                .prefix("sophandau-demo-")
                .tempdir()
                .map_err(|e| e.to_string())?;
            let files = store::Files::new(dir.path());
            files.create_dirs().map_err(|e| e.to_string())?;
            let cell = demo::generate(DemoSpec {
                members: 12,
                years: 1,
                first_year: 2020,
                seed: 2020,
            });
            for notebook in &cell.notebooks {
                files.save_notebook(notebook).map_err(|e| e.to_string())?;
            }
            let mut session = store::open(dir.path()).map_err(|e| e.to_string())?;
            let mut settings = self.session.workspace.settings().clone();
            settings.cell_name = cell.cell_name;
            settings.owner = None;
            session
                .workspace
                .set_settings(settings)
                .map_err(|e| e.to_string())?;
            Ok((session, dir))
        })();
        match result {
            Ok((demo, dir)) => {
                self.view.forget_caches();
                let home = std::mem::replace(&mut self.session, demo);
                self.home = Some((home, dir));
                self.view.screen = Screen::Registration;
                self.pick_member(None);
            }
            Err(e) => self.view.message = Some(e),
        }
    }

    fn leave_demo(&mut self) {
        if let Some((home, _dir)) = self.home.take() {
            self.view.forget_caches();
            self.session = home;
            self.view.screen = Screen::Welcome;
            self.view.profile = None;
            self.view.self_review = None;
            self.pick_member(None);
        }
    }

    fn menu_bar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(T::MenuNotebook.get(lang), |ui| {
                for c in [
                    Command::SaveNow,
                    Command::Export,
                    Command::NewNotebook,
                    Command::Quit,
                ] {
                    self.command_button(ui, c);
                }
            });
            ui.menu_button(T::MenuEdit.get(lang), |ui| {
                for c in [Command::Undo, Command::Redo] {
                    self.command_button(ui, c);
                }
            });
            ui.menu_button(T::MenuView.get(lang), |ui| {
                self.command_button(ui, Command::ToggleLanguage);
                ui.separator();
                ui.label(T::TextSize.get(lang));
                let size = self.session.workspace.settings().text_size;
                for (s, t) in [
                    (crate::model::TextSize::Normal, T::SizeNormal),
                    (crate::model::TextSize::Large, T::SizeLarge),
                    (crate::model::TextSize::Larger, T::SizeLarger),
                ] {
                    if ui.radio(size == s, t.get(lang)).clicked() {
                        let ctx = ui.ctx().clone();
                        self.change_settings(&ctx, |st| st.text_size = s);
                    }
                }
                ui.separator();
                ui.label(T::Appearance.get(lang));
                let theme = self.session.workspace.settings().theme;
                for (th, t) in [
                    (crate::model::ThemeChoice::System, T::ThemeSystem),
                    (crate::model::ThemeChoice::Light, T::ThemeLight),
                    (crate::model::ThemeChoice::Dark, T::ThemeDark),
                ] {
                    if ui.radio(theme == th, t.get(lang)).clicked() {
                        let ctx = ui.ctx().clone();
                        self.change_settings(&ctx, |st| st.theme = th);
                    }
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let can = |c| match c {
                    Command::Undo => self.session.workspace.can_undo(),
                    _ => self.session.workspace.can_redo(),
                };
                for c in [Command::Redo, Command::Undo] {
                    let shortcut = ui.ctx().format_shortcut(&c.shortcuts()[0]);
                    let button = ui
                        .add_enabled(can(c), egui::Button::new(c.label().get(lang)))
                        .on_hover_text(format!("{} ({shortcut})", c.tooltip().get(lang)));
                    if button.clicked() {
                        self.commands.push(c);
                    }
                }
            });
        });
    }

    fn command_button(&mut self, ui: &mut Ui, command: Command) {
        let lang = self.lang();
        let mut button = egui::Button::new(command.label().get(lang));
        if let Some(shortcut) = command.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        if ui
            .add(button)
            .on_hover_text(command.tooltip().get(lang))
            .clicked()
        {
            self.commands.push(command);
        }
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let dark = ui.visuals().dark_mode;
        ui.horizontal_wrapped(|ui| {
            let status = self.session.store.status();
            if let Some(why) = self.session.workspace.read_only() {
                ui.colored_label(look::warning_colour(dark), T::ReadOnly.get(lang))
                    .on_hover_text(why.get(lang));
            } else if let Some(error) = &status.error {
                ui.colored_label(
                    look::warning_colour(dark),
                    text::fill(T::SaveFailed.get(lang), &[error]),
                );
            } else if status.pending > 0 || self.any_draft_pending() {
                ui.label(T::Saving.get(lang));
            } else if let Some(at) = status.saved_at {
                let local = at.to_zoned(jiff::tz::TimeZone::system());
                ui.label(text::fill(
                    T::SavedAt.get(lang),
                    &[&local.strftime("%H:%M:%S")],
                ));
            } else {
                ui.label(T::Saved.get(lang));
            }
            if let Some(message) = &self.view.message {
                ui.separator();
                ui.label(message);
            }
        });
    }

    fn problems_banner(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let dark = ui.visuals().dark_mode;
        ui.colored_label(look::warning_colour(dark), T::LoadProblems.get(lang));
        for p in &self.problems {
            ui.label(format!("• {}", p.message(lang)));
        }
        if ui.button(T::Dismiss.get(lang)).clicked() {
            self.problems.clear();
        }
    }

    fn navigation(&mut self, ui: &mut Ui) {
        // Sorting the names the Vietnamese way is not free: only when
        // the notebooks change.
        let generation = self.session.workspace.generation();
        let members = match self.view.member_list.take() {
            Some((g, list)) if g == generation => list,
            _ => sorted_members(self.session.workspace.notebooks().collect())
                .iter()
                .map(|n| (n.id, n.profile.full_name.clone()))
                .collect(),
        };
        if members.len() > 1 {
            self.member_picker(ui, &members);
        }
        self.view.member_list = Some((generation, members));
        self.year_navigation(ui);
    }

    /// The drop-down list of the cell's members, by name.
    fn member_picker(&mut self, ui: &mut Ui, members: &[(MemberId, String)]) {
        let lang = self.lang();
        let current = members
            .iter()
            .find(|(id, _)| Some(*id) == self.view.member)
            .map(|(_, name)| name.clone())
            .unwrap_or_default();
        let mut picked = None;
        let label = ui.label(T::Member.get(lang));
        egui::ComboBox::from_id_salt("member")
            .selected_text(current)
            .width(ui.available_width() - 8.0)
            .show_ui(ui, |ui| {
                for (id, name) in members {
                    if ui
                        .selectable_label(self.view.member == Some(*id), name)
                        .clicked()
                    {
                        picked = Some(*id);
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if let Some(m) = picked {
            self.write_drafts(ui.input(|i| i.time), true);
            self.pick_member(Some(m));
        }
        ui.separator();
    }

    /// The member's name, profile, year and the year's screens.
    fn year_navigation(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let ws = &self.session.workspace;
        let Some(nb) = self.view.member.and_then(|m| ws.notebook(m)) else {
            return;
        };
        ui.label(RichText::new(&nb.profile.full_name).family(look::bold_family()));
        if ui
            .selectable_label(self.view.screen == Screen::Profile, T::NavProfile.get(lang))
            .clicked()
        {
            self.view.screen = Screen::Profile;
        }
        ui.separator();
        let mut years: Vec<Year> = nb.years.keys().copied().collect();
        for y in [current_year(), self.view.year] {
            if !years.contains(&y) {
                years.push(y);
            }
        }
        years.sort_unstable();
        let mut year = self.view.year;
        widgets::combo(ui, T::Year.get(lang), year.to_string(), |ui| {
            for y in years.iter().rev() {
                ui.selectable_value(&mut year, *y, y.to_string());
            }
        });
        if year != self.view.year {
            self.view.year = year;
            self.view.editor = None;
        }
        if !nb.years.contains_key(&self.view.year) {
            if ui
                .button(text::fill(T::OpenYear.get(lang), &[&self.view.year]))
                .clicked()
            {
                self.actions.push(Action::StartYear {
                    member: nb.id,
                    year: self.view.year,
                    theme_id: crate::themes::default_for(ws.settings(), self.view.year),
                });
                self.view.screen = Screen::Registration;
            }
            return;
        }
        for (screen, label) in [
            (Screen::Registration, T::NavRegistration),
            (Screen::Progress, T::NavProgress),
            (Screen::Entries, T::NavEntries),
            (Screen::SelfReview, T::NavSelfReview),
            (Screen::Review, T::NavReview),
        ] {
            if ui
                .selectable_label(self.view.screen == screen, label.get(lang))
                .clicked()
            {
                self.view.screen = screen;
            }
        }
        ui.separator();
        if ui
            .button(Command::Export.label().get(lang))
            .on_hover_text(Command::Export.tooltip().get(lang))
            .clicked()
        {
            self.commands.push(Command::Export);
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
        if self.quit_after_first_frame {
            ui.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(dialog) = &mut self.export {
            dialog.stop(std::time::Duration::from_secs(3));
        }
        self.write_drafts(f64::MAX, true);
        // Nowhere left to show an error; the saver also retries on drop.
        let _ = self.session.store.flush();
    }
}

impl App {
    /// Shows a member's year on a screen, as if the user navigated there.
    pub fn go_to(&mut self, member: MemberId, year: Year, screen: Screen) {
        self.pick_member(Some(member));
        self.view.year = year;
        self.view.screen = screen;
    }

    pub fn set_progress_by_quarter(&mut self, by_quarter: bool) {
        self.view.by_quarter = by_quarter;
    }

    /// Builds one frame of the window (everything but painting).
    pub fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        if ctx.input(|i| i.viewport().close_requested()) {
            // Nothing typed is lost: write every draft and wait for the disk.
            self.write_drafts(now, true);
            if let Err(e) = self.session.store.flush() {
                self.view.message = Some(text::fill(T::SaveFailed.get(self.lang()), &[&e]));
            }
        }
        for command in Command::ALL {
            if command
                .shortcuts()
                .iter()
                .any(|s| ctx.input_mut(|i| i.consume_shortcut(s)))
            {
                self.commands.push(command);
            }
        }
        self.follow_drafts();

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if !matches!(self.view.screen, Screen::Welcome | Screen::NewProfile) {
            egui::Panel::left("navigation")
                .resizable(false)
                .default_size(230.0)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    self.navigation(ui);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.home.is_some() {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(
                        look::warning_colour(ui.visuals().dark_mode),
                        T::DemoBanner.get(self.lang()),
                    );
                    if ui.button(T::LeaveDemo.get(self.lang())).clicked() {
                        self.deferred_leave_demo = true;
                    }
                });
                ui.separator();
            }
            if !self.problems.is_empty() {
                self.problems_banner(ui);
                ui.separator();
            }
            self.screen(ui, now);
        });

        self.export_dialog(&ctx, now);

        for action in std::mem::take(&mut self.actions) {
            if let Err(e) = self.session.apply(action) {
                self.view.message = Some(e.message(self.lang()));
            }
        }
        if std::mem::take(&mut self.view.close_editor) {
            self.write_drafts(now, true);
            self.view.editor = None;
        } else {
            self.write_drafts(now, false);
        }
        for command in std::mem::take(&mut self.commands) {
            self.run_command(&ctx, command);
        }
        if let Some(theme) = self.view.pending_theme.take() {
            self.save_theme(&ctx, theme);
        }
        if std::mem::take(&mut self.deferred_leave_demo) {
            self.leave_demo();
        }
        if let Some(due) = self.next_draft_due(now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due + 0.02));
        }
    }
}

impl App {
    /// Shows the "Xuất file…" dialog when it is open, and starts or closes
    /// it as asked.
    fn export_dialog(&mut self, ctx: &egui::Context, now: f64) {
        let Some(dialog) = &mut self.export else {
            return;
        };
        let ws = &self.session.workspace;
        let Some(nb) = self.view.member.and_then(|m| ws.notebook(m)) else {
            self.export = None;
            return;
        };
        let year = self.view.year;
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
            cell_years: ws
                .notebooks()
                .flat_map(|n| n.years.keys().copied())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
            cell_name: &ws.settings().cell_name,
        };
        match dialog.show(ctx, &cx) {
            Some(export::Request::Start(order)) => {
                // What is typed but not yet written goes into the file too.
                self.write_drafts(now, true);
                let data = self.session.workspace.data().clone();
                let today = jiff::Zoned::now().date();
                let lang = self.lang();
                if let Some(dialog) = &mut self.export {
                    dialog.start(ctx, data, order, today, lang);
                }
            }
            Some(export::Request::Close) => self.export = None,
            None => {}
        }
        // The next export starts where this one went, in its format.
        if let Some((path, format)) = self.export.as_mut().and_then(|d| d.take_written()) {
            let folder = path.parent().and_then(|p| p.to_str()).map(str::to_owned);
            let format = Some(format.extension().to_owned());
            let settings = self.session.workspace.settings();
            if folder.is_some()
                && (folder != settings.export_folder || format != settings.export_format)
            {
                self.change_settings(ctx, |s| {
                    s.export_folder = folder;
                    s.export_format = format;
                });
            }
        }
    }

    fn screen(&mut self, ui: &mut Ui, now: f64) {
        let lang = self.lang();
        match self.view.screen {
            Screen::Welcome => self.welcome(ui),
            Screen::NewProfile => self.new_profile(ui),
            Screen::Profile => {
                if let Some((_, draft)) = &mut self.view.profile {
                    profile::show(ui, lang, draft, now);
                }
            }
            screen => {
                let Some(nb) = self
                    .view
                    .member
                    .and_then(|m| self.session.workspace.notebook(m))
                else {
                    return;
                };
                let year = self.view.year;
                // The review shows the whole theme inside its own scrolling.
                if screen != Screen::Review || !nb.years.contains_key(&year) {
                    theme_banner(
                        ui,
                        lang,
                        self.session.workspace.settings(),
                        year,
                        nb.years.get(&year).map(|b| b.theme_id.as_str()),
                        false,
                    );
                }
                let Some(book) = nb.years.get(&year) else {
                    ui.label(text::fill(T::NoYearYet.get(lang), &[&year]));
                    return;
                };
                let today = jiff::Zoned::now().date();
                let ctx = Ctx {
                    lang,
                    member: nb.id,
                    year,
                    book,
                    today,
                    now,
                    change: self.session.workspace.change_count(nb.id),
                };
                let actions = match screen {
                    Screen::Registration => registration::show(ui, &ctx, &mut self.view),
                    Screen::Progress => progress::show(ui, &ctx, &mut self.view),
                    Screen::Entries => entries::show(ui, &ctx, &mut self.view),
                    Screen::Review => {
                        let ws = &self.session.workspace;
                        let view = &mut self.view;
                        let key = (nb.id, year, ctx.change, today);
                        if view.review_cache.as_ref().is_none_or(|(k, _)| *k != key) {
                            let figures = crate::review::year_figures(year, book, today);
                            view.review_cache = Some((key, figures));
                        }
                        let cell_key = (year, ws.generation(), today);
                        let several = ws.notebooks().nth(1).is_some();
                        if several && view.cell_cache.as_ref().is_none_or(|(k, _)| *k != cell_key) {
                            let cell = crate::review::cell_figures(year, ws.notebooks(), today);
                            view.cell_cache = Some((cell_key, cell));
                        }
                        let figures = view.review_cache.take();
                        let cell = view.cell_cache.take().filter(|_| several);
                        let actions = match &figures {
                            Some((_, f)) => review::show(
                                ui,
                                &ctx,
                                ws.settings(),
                                f,
                                cell.as_ref().map(|(_, c)| c),
                                view,
                            ),
                            None => Vec::new(),
                        };
                        view.review_cache = figures;
                        view.cell_cache = cell;
                        actions
                    }
                    _ => self_review::show(ui, &ctx, &mut self.view),
                };
                self.actions.extend(actions);
            }
        }
    }

    fn welcome(&mut self, ui: &mut Ui) {
        let lang = self.lang();
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
                self.view.new_profile = Profile::default();
                self.view.screen = Screen::NewProfile;
            }
            ui.add_space(8.0);
            if self.home.is_none()
                && ui
                    .button(T::OpenDemo.get(lang))
                    .on_hover_text(T::OpenDemoTip.get(lang))
                    .clicked()
            {
                self.open_demo();
            }
        });
    }

    fn new_profile(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        ui.heading(T::NewProfileTitle.get(lang));
        ui.label(T::NewProfileText.get(lang));
        ui.add_space(8.0);
        profile::fields(ui, lang, &mut self.view.new_profile);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(T::CreateNotebook.get(lang)).clicked() {
                let id = Uuid::new_v4();
                let action = Action::CreateNotebook {
                    id,
                    profile: self.view.new_profile.clone(),
                };
                match self.session.apply(action) {
                    Ok(_) => {
                        if self.session.workspace.settings().owner.is_none() {
                            let ctx = ui.ctx().clone();
                            self.change_settings(&ctx, |s| s.owner = Some(id));
                        }
                        self.view.screen = Screen::Profile;
                        self.view.message = None;
                        self.pick_member(Some(id));
                    }
                    Err(e) => self.view.message = Some(e.message(self.lang())),
                }
            }
            if self.session.workspace.notebooks().next().is_some()
                && ui.button(T::Cancel.get(lang)).clicked()
            {
                self.view.screen = Screen::Profile;
            }
        });
    }
}

/// What a year screen needs to know, borrowed for one frame.
pub struct Ctx<'a> {
    pub lang: Language,
    pub member: MemberId,
    pub year: Year,
    pub book: &'a crate::model::YearBook,
    pub today: crate::model::Date,
    /// Time of this frame, in seconds, for drafts.
    pub now: f64,
    /// The member's change count, for caches.
    pub change: u64,
}

/// The year's study theme, above every year screen; with `full`, also its
/// documents and core contents.
pub fn theme_banner(
    ui: &mut Ui,
    lang: Language,
    settings: &Settings,
    year: Year,
    theme_id: Option<&str>,
    full: bool,
) {
    let id = theme_id.map_or_else(|| crate::themes::default_for(settings, year), str::to_owned);
    let Some(theme) = crate::themes::find(settings, &id) else {
        return;
    };
    let accent = look::accent(ui.visuals().dark_mode);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(text::fill(T::ThemeOfYear.get(lang), &[&year]))
                .color(accent)
                .small(),
        );
        ui.label(
            RichText::new(&theme.title)
                .family(look::bold_family())
                .color(accent),
        );
        if full {
            for d in &theme.documents {
                ui.label(RichText::new(d).small());
            }
            if !theme.outline.is_empty() {
                ui.label(RichText::new(T::Outline.get(lang)).strong());
                for (i, part) in theme.outline.iter().enumerate() {
                    ui.label(format!("{}. {part}", i + 1));
                }
            }
        }
    });
    ui.add_space(6.0);
}

/// Writes one draft as `action`; returns whether it was written.
fn write_one<V: Clone + PartialEq>(
    session: &mut Session,
    draft: &mut Draft<V>,
    action: Action,
    message: &mut Option<String>,
) -> bool {
    match session.apply_joining(action, draft.step) {
        Ok(step) => {
            draft.written(step);
            true
        }
        Err(e) => {
            draft.hold();
            *message = Some(e.message(session.workspace.settings().language));
            false
        }
    }
}

/// Writes a record's draft. While a required field is empty (`need`), it
/// waits; for a record already in the notebook it also says what is missing.
fn write_record<V: Clone + PartialEq>(
    session: &mut Session,
    draft: &mut Draft<V>,
    exists: &mut bool,
    need: Option<&str>,
    action: Action,
    message: &mut Option<String>,
) {
    if let Some(need) = need {
        draft.hold();
        if *exists {
            *message = Some(need.to_owned());
        }
        return;
    }
    *exists |= write_one(session, draft, action, message);
}

/// Follows a record's draft; returns true when the editor should close
/// because the record it edits is gone (e.g. its adding was undone).
fn follow_record<V: Clone + PartialEq>(
    nb: &Notebook,
    year: Year,
    draft: &mut Draft<V>,
    exists: &mut bool,
    find: impl Fn(&crate::model::YearBook, &V) -> Option<V>,
) -> bool {
    let found = nb.years.get(&year).and_then(|b| find(b, &draft.value));
    match found {
        Some(record) => {
            *exists = true;
            draft.follow(&record);
            false
        }
        None => *exists && !draft.is_pending(),
    }
}

fn sorted_members(mut notebooks: Vec<&Notebook>) -> Vec<&Notebook> {
    notebooks.sort_by_cached_key(|n| crate::text::name_sort_key(&n.profile.full_name));
    notebooks
}

fn current_year() -> Year {
    jiff::Zoned::now().year()
}
