//! The passphrase screen of an encrypted workspace: shown before the
//! workspace opens, it unlocks the folder's key once for the run, then
//! gives the window over to the program (`App`). A wrong passphrase says
//! so and changes nothing.

use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use super::App;
use crate::i18n::T;
use crate::model::{Language, Settings, TextSize, ThemeChoice};
use crate::store;

/// The window of a program started on an encrypted folder.
pub struct Start {
    root: PathBuf,
    state: State,
}

enum State {
    Locked(Unlock),
    Open(Box<App>),
}

/// The passphrase form.
struct Unlock {
    lang: Language,
    size: TextSize,
    theme: ThemeChoice,
    /// Whether the field has been given the keyboard once.
    focused: bool,
    passphrase: String,
    /// Why the last try failed.
    error: Option<String>,
}

impl Unlock {
    /// Draws the form; returns the passphrase when the user submits it
    /// (the button, or Enter in the field).
    fn show(&mut self, ui: &mut Ui, root: &std::path::Path) -> Option<String> {
        let lang = self.lang;
        let mut submitted = false;
        ui.add_space(48.0);
        ui.vertical_centered(|ui| {
            ui.heading(T::UnlockTitle.get(lang));
            ui.add_space(12.0);
            ui.label(T::UnlockPrompt.fill(lang, &[&root.display()]));
            ui.add_space(8.0);
            let label = ui.label(T::UnlockPassphrase.get(lang));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.passphrase)
                        .password(true)
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            if !self.focused {
                // Ready to type into at once.
                field.request_focus();
                self.focused = true;
            }
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(8.0);
            submitted = ui.button(T::UnlockOpen.get(lang)).clicked() || entered;
            if let Some(error) = &self.error {
                ui.add_space(8.0);
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            }
        });
        (submitted && !self.passphrase.is_empty()).then(|| std::mem::take(&mut self.passphrase))
    }
}

/// The settings as `workspace.ron` (never encrypted) says: the screen
/// speaks the user's language at the user's text size and theme.
fn settings_of(root: &std::path::Path) -> Settings {
    std::fs::read(root.join(store::SETTINGS_FILE))
        .ok()
        .and_then(|bytes| store::read_settings(&bytes).ok())
        .map(|checked| checked.value.into_value())
        .unwrap_or_default()
}

impl Start {
    pub fn new(ctx: &egui::Context, root: PathBuf) -> Start {
        let start = Start::detached(root);
        (start.context_setup())(ctx);
        start
    }

    /// The screen not yet tied to an egui context (see `App::detached`);
    /// the fonts go into the context before its first frame
    /// (`Start::context_setup`).
    pub fn detached(root: PathBuf) -> Start {
        let settings = settings_of(&root);
        Start {
            root,
            state: State::Locked(Unlock {
                lang: settings.language,
                size: settings.text_size,
                theme: settings.theme,
                focused: false,
                passphrase: String::new(),
                error: None,
            }),
        }
    }

    /// Sets up a context for the screen: the fonts, the user's text size
    /// and theme (before its first frame, for a detached screen).
    pub fn context_setup(&self) -> impl FnOnce(&egui::Context) + 'static {
        let (size, theme) = match &self.state {
            State::Locked(form) => (form.size, form.theme),
            State::Open(_) => Default::default(),
        };
        move |ctx| {
            super::look::set_up(ctx, size, theme);
        }
    }

    /// Builds one frame: the form, or the program once the folder is open.
    pub fn frame(&mut self, ui: &mut Ui) {
        let submitted = match &mut self.state {
            State::Open(app) => return app.frame(ui),
            State::Locked(form) => {
                let mut submitted = None;
                egui::CentralPanel::default().show(ui, |ui| {
                    submitted = form.show(ui, &self.root);
                });
                submitted
            }
        };
        if let Some(passphrase) = submitted {
            self.try_open(ui.ctx(), &passphrase);
        }
    }

    /// The program, once the folder is open.
    pub fn app(&self) -> Option<&App> {
        match &self.state {
            State::Open(app) => Some(app),
            State::Locked(_) => None,
        }
    }

    /// Unlocks and opens the folder; on failure the form says why. The
    /// passphrase derivation takes about a second, by design.
    fn try_open(&mut self, ctx: &egui::Context, passphrase: &str) {
        let State::Locked(form) = &mut self.state else {
            return;
        };
        let opened = store::unlock(&self.root, passphrase)
            .map_err(|e| e.message(form.lang))
            .and_then(|()| store::open_in_background(&self.root).map_err(|e| e.message(form.lang)));
        match opened {
            Ok(session) => self.state = State::Open(Box::new(App::new(ctx, session))),
            Err(message) => form.error = Some(message),
        }
    }
}

impl eframe::App for Start {
    fn ui(&mut self, ui: &mut Ui, frame: &mut eframe::Frame) {
        match &mut self.state {
            State::Open(app) => app.ui(ui, frame),
            State::Locked(_) => self.frame(ui),
        }
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        if let State::Open(app) = &mut self.state {
            app.on_exit(gl);
        }
    }
}
