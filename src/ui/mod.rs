//! The window. For now a placeholder that shows the workspace it opened.

use crate::store::Session;

/// Opens the program's window on an open session.
pub fn run(session: Session) -> eframe::Result {
    let options = eframe::NativeOptions::default();
    eframe::run_native(
        "Sổ phấn đấu",
        options,
        Box::new(|_cc| Ok(Box::new(Placeholder { session }))),
    )
}

struct Placeholder {
    session: Session,
}

impl eframe::App for Placeholder {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        ui.heading("So phan dau");
        ui.label(format!(
            "{} notebooks",
            self.session.workspace.notebooks().count()
        ));
    }
}
