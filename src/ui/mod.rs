//! The window (eframe, glow): a shell around one screen at a time.
//!
//! Each frame reads the open session, draws the shell (`shell.rs`) and the
//! shown screen, and collects what the user asked for as `Intent`s; the
//! queue is carried out once, at the end of the frame (`queue.rs`), after
//! every draft is written. Screens own their state and drafts behind the
//! `Drafts` trait (`screens.rs`), so the window writes and follows them
//! all alike.
//! Figures come from `review`, cached until the notebooks change
//! (`cache.rs`); no view computes a rule or touches the disk.

mod board;
mod cache;
mod command;
mod copies;
mod draft;
mod driving;
mod editing;
mod encryption;
mod entries;
mod exchange;
mod exchanging;
mod export;
mod intent;
mod look;
mod meeting;
mod profile;
mod progress;
mod queue;
mod registration;
mod review;
mod screens;
mod search;
mod self_review;
mod shell;
mod typing;
mod unlock;
mod vetting;
mod welcome;
mod widgets;

use eframe::egui::{self, Ui};

pub use command::Command;
use editing::Writer;
use intent::Intent;
use screens::{Drafts, Screens};
pub use unlock::Start;

use crate::model::{Date, Language, MemberId, Settings, Year, YearBook};
use crate::review::YearFigures;
use crate::store::{self, Session};

/// Opens the program's window on an open session.
pub fn run(session: Session) -> eframe::Result {
    eframe::run_native(
        "sophandau",
        native_options(),
        Box::new(|cc| Ok(Box::new(App::new(&cc.egui_ctx, session)))),
    )
}

/// Opens the program's window on an encrypted folder not yet unlocked:
/// the passphrase first, then the workspace.
pub fn run_locked(root: std::path::PathBuf) -> eframe::Result {
    eframe::run_native(
        "sophandau",
        native_options(),
        Box::new(|cc| Ok(Box::new(Start::new(&cc.egui_ctx, root)))),
    )
}

fn native_options() -> eframe::NativeOptions {
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Sổ phấn đấu")
            .with_app_id("sophandau")
            .with_inner_size([1200.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        // Noto Sans covers every letter shown; no system font is needed.
        system_font_fallback: false,
        ..Default::default()
    }
}

/// Below this width (in points: 1200 pixels at 1.5× is 800), the left
/// column folds into a row above the screen.
const NARROW: f32 = 900.0;

/// The screens of the window.
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
    /// The secretary's cell board.
    Board,
    /// The secretary reviews one member's year.
    Vetting,
    /// The secretary records the cell's year-end meeting.
    Meeting,
}

impl Screen {
    /// A screen of the member's own part of the notebook.
    pub fn is_members_own(self) -> bool {
        matches!(
            self,
            Screen::Profile
                | Screen::Registration
                | Screen::Progress
                | Screen::Entries
                | Screen::SelfReview
        )
    }
}

/// Where the window stands: whose notebook, which year, which screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub member: Option<MemberId>,
    pub year: Year,
    pub screen: Screen,
}

/// What a year screen needs to know, borrowed for one frame.
pub struct Ctx<'a> {
    pub lang: Language,
    pub member: MemberId,
    pub year: Year,
    /// The member's whole notebook (the profile, last year's book).
    pub notebook: &'a crate::model::Notebook,
    pub book: &'a YearBook,
    /// Where the commitments stand, from `review`.
    pub figures: &'a YearFigures,
    pub settings: &'a Settings,
    pub today: Date,
    /// Time of this frame, in seconds, for drafts.
    pub now: f64,
    /// The member's change count, for caches.
    pub change: u64,
    /// The member's own part is shown to the secretary: read, not changed.
    pub locked: bool,
    /// The record the user went to from a search, when it is in this
    /// year; `scroll` while it should be brought into view.
    pub reveal: Option<&'a crate::search::Target>,
    pub scroll: bool,
}

impl Ctx<'_> {
    /// Whether this record is the one the user went to from a search.
    pub fn revealed(&self, target: &crate::search::Target) -> bool {
        self.reveal == Some(target)
    }
}

/// The running program.
pub struct App {
    session: Session,
    /// The user's own session, kept aside while a demo cell is shown.
    home: Option<(Session, tempfile::TempDir)>,
    place: Place,
    screens: Screens,
    cache: cache::Cache,
    problems: Vec<store::Problem>,
    /// A message for the status line (errors in plain words).
    message: Option<String>,
    /// What the user asked for this frame.
    intents: Vec<Intent>,
    /// The "Xuất file…" dialog, while it is open.
    export: Option<export::ExportDialog>,
    /// The "Trao đổi sổ…" window, while it is open.
    exchange: Option<exchange::ExchangeDialog>,
    /// The window's context, to listen again after the folder reopens.
    exchange_ctx: Option<egui::Context>,
    /// The search index of the open session.
    index: crate::search::Live,
    /// The search panel, while it is open.
    search: Option<search::SearchPanel>,
    /// The record last gone to from a search.
    reveal: Option<search::Reveal>,
    /// The built-in Vietnamese typing.
    typing: typing::Typing,
    /// The member asked for while the notebook was still loading: shown
    /// properly (its latest year) once it is in.
    awaiting: Option<MemberId>,
    /// Frames built so far (the first waits for nothing).
    frames_drawn: u32,
    /// For measuring start-up: close once the first frame is drawn
    /// (environment variable `SOPHANDAU_QUIT_AFTER_FIRST_FRAME`), or the
    /// first with every notebook in (`SOPHANDAU_QUIT_WHEN_LOADED`).
    quit_after_first_frame: bool,
    quit_when_loaded: bool,
    /// Whether fonts, look and repaints are set up in the context.
    attached: bool,
}

impl App {
    pub fn new(ctx: &egui::Context, session: Session) -> App {
        let mut app = App::detached(session);
        app.attach(ctx);
        app
    }

    /// The window not yet tied to an egui context: it ties itself to the
    /// one its first frame is built in (see `frame`). For driving the
    /// window without eframe, as the UI tests do; the context is set up
    /// before that first frame with `context_setup`.
    pub fn detached(session: Session) -> App {
        let problems = session.problems.clone();
        let mut app = App {
            session,
            home: None,
            place: Place {
                member: None,
                year: current_year(),
                screen: Screen::Welcome,
            },
            screens: Screens::default(),
            cache: cache::Cache::default(),
            problems,
            message: None,
            intents: Vec::new(),
            export: None,
            exchange: None,
            exchange_ctx: None,
            index: crate::search::Live::default(),
            search: None,
            reveal: None,
            typing: typing::Typing::default(),
            awaiting: None,
            frames_drawn: 0,
            quit_after_first_frame: std::env::var_os("SOPHANDAU_QUIT_AFTER_FIRST_FRAME").is_some(),
            quit_when_loaded: std::env::var_os("SOPHANDAU_QUIT_WHEN_LOADED").is_some(),
            attached: false,
        };
        app.show_member(None);
        app.board_first();
        app
    }

    /// Sets up a context as `new` does (fonts, text size, theme), for a
    /// detached window to be drawn in: before its first frame, so that
    /// frame already has the Vietnamese letters and the text size.
    pub fn context_setup(&self) -> impl FnOnce(&egui::Context) + 'static {
        let settings = self.session.workspace.settings();
        let (size, theme) = (settings.text_size, settings.theme);
        move |ctx| {
            look::set_up(ctx, size, theme);
        }
    }

    /// Ties the window to its egui context: fonts, look, and repaints
    /// when a save ends or others change the folder.
    fn attach(&mut self, ctx: &egui::Context) {
        (self.context_setup())(ctx);
        ctx.options_mut(|o| o.quit_shortcuts.clear());
        self.listen(ctx);
        self.attached = true;
    }

    /// Repaints after each save, and when others change the folder's files.
    pub(super) fn listen(&mut self, ctx: &egui::Context) {
        let waker = ctx.clone();
        self.session
            .store
            .set_waker(move || waker.request_repaint());
        let waker = ctx.clone();
        self.session.store.watch(move || waker.request_repaint());
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Where the window stands.
    pub fn place(&self) -> Place {
        self.place
    }

    fn lang(&self) -> Language {
        self.session.workspace.settings().language
    }

    /// In the secretary's role, the cell board is the first screen.
    fn board_first(&mut self) {
        let ws = &self.session.workspace;
        let any = ws.notebooks().next().is_some() || !ws.loading().is_empty();
        if ws.settings().role == crate::model::Role::Secretary && any {
            self.place.screen = Screen::Board;
        }
    }

    /// Writes the drafts that are due, or every pending one with `force`.
    fn write_drafts(&mut self, now: f64, force: bool) {
        let mut to = Writer {
            session: &mut self.session,
            message: &mut self.message,
            index: &mut self.index,
        };
        self.screens.write(now, force, &mut to);
    }

    /// Builds one frame of the window (everything but painting).
    pub fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.attached {
            self.attach(&ctx);
        }
        let now = ctx.input(|i| i.time);
        if ctx.input(|i| i.viewport().close_requested()) {
            self.closing();
        }
        let settings = self.session.workspace.settings();
        self.typing
            .rewrite(&ctx, settings.typing, settings.tone_rule);
        for command in Command::ALL {
            if command
                .shortcuts()
                .iter()
                .any(|s| ctx.input_mut(|i| i.consume_shortcut(s)))
            {
                self.intents.push(Intent::Run(command));
            }
        }
        // Exchange files dropped on the window are previewed.
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.intents
                .push(Intent::Exchange(exchange::Request::Preview(dropped)));
        }
        // What others changed on disk (a shared folder) comes in first;
        // the notebooks start loading once the first frame is shown.
        // (Measuring the first frame alone, nothing starts after it.)
        let told = match self.frames_drawn {
            0 => Vec::new(),
            _ if self.quit_after_first_frame => Vec::new(),
            _ => self.session.refresh(),
        };
        self.frames_drawn = self.frames_drawn.saturating_add(1);
        if !told.is_empty() {
            self.cache.forget();
            self.problems.extend(told);
        }
        if let Some(id) = self.awaiting
            && self.session.workspace.notebook(id).is_some()
        {
            self.show_member(Some(id));
        }
        if self.session.load_progress().is_some() {
            // Notebooks come in while loading; show them as they do.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.screens.follow(&self.session.workspace, &self.place);
        self.draw(ui, now);
        self.export_dialog(&ctx);
        self.exchange_dialog(&ctx);
        self.drain(&ctx, now);
        if let Some(r) = &mut self.reveal {
            r.frames_to_scroll = r.frames_to_scroll.saturating_sub(1);
        }
        if let Some(due) = self.screens.next_due(now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due + 0.02));
        }
    }

    /// Whatever works on the whole cell (an export, an exchange) waits
    /// for every notebook to be read.
    fn whole_cell(&mut self) {
        let told = self.session.wait_loaded();
        if !told.is_empty() {
            self.cache.forget();
            self.problems.extend(told);
        }
    }

    /// Nothing typed is lost: every draft is written, and the disk waited
    /// for.
    fn closing(&mut self) {
        self.write_drafts(f64::MAX, true);
        if let Err(e) = self.session.store.flush() {
            self.message = Some(text::fill(T::SaveFailed.get(self.lang()), &[&e]));
        }
    }

    /// The shell and the shown screen.
    fn draw(&mut self, ui: &mut Ui, now: f64) {
        let today = jiff::Zoned::now().date();
        let Self {
            session,
            home,
            place,
            screens,
            cache,
            problems,
            message,
            intents,
            index,
            search,
            reveal,
            ..
        } = self;
        let members = cache.members(&session.workspace);
        let shell = shell::Shell {
            session,
            place,
            members: &members,
            problems,
            message: message.as_deref(),
            in_demo: home.is_some(),
            typing: screens.any_pending(),
            this_year: current_year(),
        };
        egui::Panel::top("menu").show(ui, |ui| shell.menu_bar(ui, intents));
        egui::Panel::bottom("status").show(ui, |ui| shell.status_bar(ui, intents));
        if let Some(panel) = search {
            egui::Panel::right("search")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| {
                    let ready = index.get(&session.workspace);
                    panel.show(ui, &session.workspace, ready, &members, intents);
                });
        }
        if !matches!(place.screen, Screen::Welcome | Screen::NewProfile) {
            // Large text or a narrow window: the left column folds into a
            // row above the screen, so the screen keeps its width.
            if ui.ctx().content_rect().width() < NARROW {
                egui::Panel::top("navigation").show(ui, |ui| {
                    shell.navigation_bar(ui, intents);
                });
            } else {
                egui::Panel::left("navigation")
                    .resizable(false)
                    .default_size(230.0)
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        egui::ScrollArea::vertical()
                            .id_salt("navigation")
                            .show(ui, |ui| shell.navigation(ui, intents));
                    });
            }
        }
        egui::CentralPanel::default().show(ui, |ui| {
            shell.banners(ui, intents);
            let on = Showing {
                session,
                place,
                in_demo: home.is_some(),
                today,
                now,
                reveal: reveal.as_ref(),
            };
            on.screen(ui, screens, cache, &members, intents);
        });
    }
}

/// What the shown screen is drawn from, for one frame.
struct Showing<'a> {
    session: &'a Session,
    place: &'a Place,
    in_demo: bool,
    today: Date,
    now: f64,
    reveal: Option<&'a search::Reveal>,
}

impl Showing<'_> {
    fn screen(
        &self,
        ui: &mut Ui,
        screens: &mut Screens,
        cache: &mut cache::Cache,
        members: &[(MemberId, String)],
        out: &mut Vec<Intent>,
    ) {
        let ws = &self.session.workspace;
        let lang = ws.settings().language;
        let screen = self.place.screen;
        let secretary = ws.settings().role == crate::model::Role::Secretary;
        if matches!(screen, Screen::Board | Screen::Vetting | Screen::Meeting) && !secretary {
            ui.label(T::SecretaryOnly.get(lang));
            return;
        }
        let notebook = self.place.member.and_then(|m| ws.notebook(m));
        let loading = self.place.member.and_then(|m| ws.loading().get(&m));
        if let (Some(profile), false) = (loading, matches!(screen, Screen::Board | Screen::Meeting))
        {
            // Nothing of it can be shown or changed before it is in.
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(text::fill(
                    T::LoadingThisNotebook.get(lang),
                    &[&profile.full_name],
                ));
            });
            return;
        }
        let locked = secretary && screen.is_members_own() && notebook.is_some();
        if locked {
            // `Workspace::apply` refuses the edits anyway; this says so
            // before anyone types.
            ui.colored_label(
                look::warning_colour(ui.visuals().dark_mode),
                T::MembersPartLocked.get(lang),
            );
        }
        let nb = match (screen, notebook) {
            (Screen::Board, _) => {
                let board = cache.board(ws, self.place.year, self.today);
                let copies = cache.copies(ws, self.place.year);
                return screens.board.show(ui, lang, &board, &copies, out);
            }
            (Screen::Meeting, _) => {
                let board = cache.board(ws, self.place.year, self.today);
                let revealed = self.reveal.filter(|r| {
                    r.member.is_none()
                        && r.year == self.place.year
                        && r.target == crate::search::Target::Meeting
                });
                let view = meeting::View {
                    lang,
                    year: self.place.year,
                    workspace: ws,
                    board: &board,
                    now: self.now,
                    revealed: revealed.map(|r| r.frames_to_scroll > 0),
                };
                return screens.meeting.show(ui, &view, out);
            }
            (Screen::NewProfile, _) => {
                let can_cancel = notebook.is_some();
                return screens.new_profile.show(ui, lang, can_cancel, out);
            }
            (Screen::Welcome, _) | (_, None) => {
                return welcome::show(ui, lang, self.in_demo, out);
            }
            (Screen::Profile, Some(nb)) => {
                return screens
                    .profile
                    .show(ui, lang, nb.id, self.place.year, self.now, locked);
            }
            (_, Some(nb)) => nb,
        };
        let year = self.place.year;
        let book = nb.years.get(&year);
        // The review shows the whole theme inside its own scrolling.
        if screen != Screen::Review || book.is_none() {
            let theme = book.map(|b| b.theme_id.as_str());
            widgets::theme_banner(ui, lang, ws.settings(), year, theme, false);
        }
        let Some(book) = book else {
            ui.label(text::fill(T::NoYearYet.get(lang), &[&year]));
            return;
        };
        let change = ws.change_count(nb.id);
        let figures = cache.year(nb.id, year, book, change, self.today);
        let reveal = self
            .reveal
            .filter(|r| r.member == Some(nb.id) && r.year == year);
        let cx = Ctx {
            lang,
            member: nb.id,
            year,
            notebook: nb,
            book,
            figures: &figures,
            settings: ws.settings(),
            today: self.today,
            now: self.now,
            change,
            locked,
            reveal: reveal.map(|r| &r.target),
            scroll: reveal.is_some_and(|r| r.frames_to_scroll > 0),
        };
        match screen {
            Screen::Registration => screens.registration.show(ui, &cx, out),
            Screen::Progress => screens.progress.show(ui, &cx, out),
            Screen::Entries => screens.entries.show(ui, &cx, out),
            Screen::SelfReview => screens.self_review.show(ui, &cx),
            Screen::Vetting => {
                let copied = cache
                    .known_copies(year)
                    .is_some_and(|r| r.flag(nb.id).is_some());
                let around = vetting::Around { members, copied };
                screens.vetting.show(ui, &cx, &around, out);
            }
            _ => {
                let cell = cache.cell(ws, year, self.today);
                screens.review.show(ui, &cx, cell.as_deref(), out);
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
        let loaded = self.quit_when_loaded && self.session.workspace.is_loaded();
        if self.quit_after_first_frame || loaded {
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

fn current_year() -> Year {
    jiff::Zoned::now().year()
}

use crate::i18n::{self as text, T};
