//! The window driven from outside, as a user would drive it: going to a
//! member's screen, ordering the board, asking for an action or an
//! export. For the UI tests and the benches; everything goes through the
//! same paths as the user's own clicks.

use eframe::egui;

use super::{App, Intent, Screen, export, search};
use crate::model::{MemberId, Year};

impl App {
    /// Shows a member's year on a screen, as if the user navigated there.
    pub fn go_to(&mut self, member: MemberId, year: Year, screen: Screen) {
        self.write_drafts(f64::MAX, true);
        self.show_member(Some(member));
        self.place.year = year;
        self.place.screen = screen;
    }

    /// The search panel, when open.
    pub fn search_panel(&self) -> Option<&search::SearchPanel> {
        self.search.as_ref()
    }

    /// Whether the search index is built and in step with the notebooks.
    pub fn search_ready(&mut self) -> bool {
        self.index.get(&self.session.workspace).is_some()
    }

    /// Shows a screen of the shown member, as if the user chose it.
    pub fn show_screen(&mut self, screen: Screen) {
        self.write_drafts(f64::MAX, true);
        self.place.screen = screen;
    }

    /// Orders and filters the cell board, as its controls would.
    pub fn set_board_order(
        &mut self,
        column: crate::review::board::Column,
        descending: bool,
        text: &str,
        state: Option<crate::review::board::RowState>,
    ) {
        let board = &mut self.screens.board;
        board.column = column;
        board.descending = descending;
        board.text = text.to_owned();
        board.state = state;
    }

    /// Asks for an action as a view would: it is carried out at the end
    /// of the next frame, and a refusal is said in the status line.
    pub fn request(&mut self, action: crate::workspace::Action) {
        self.intents.push(Intent::Apply(action));
    }

    /// Waits for the copied text being worked out off the UI thread, so
    /// the next frame shows it.
    pub fn wait_for_copies(&mut self) {
        self.cache.collect_copies(true);
    }

    /// Starts an export on its own thread, as the dialog's button does
    /// (the dialog opens with it): for measuring the window meanwhile.
    pub fn start_export(
        &mut self,
        ctx: &egui::Context,
        scope: crate::export::Scope,
        format: crate::export::Format,
        path: std::path::PathBuf,
    ) {
        if self.export.is_none() {
            self.export = Some(export::ExportDialog::new(None, None));
        }
        self.begin_export(ctx, export::Order::new(scope, format, path));
    }

    /// Whether an export is running.
    pub fn export_running(&self) -> bool {
        self.export
            .as_ref()
            .is_some_and(export::ExportDialog::running)
    }

    pub fn set_progress_by_quarter(&mut self, by_quarter: bool) {
        self.screens.progress.by_quarter = by_quarter;
    }
}
