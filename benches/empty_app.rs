//! The yardstick of start-up: an empty eframe app as this program builds
//! its window (glow, the same window options, Noto Sans, one label). With
//! `SOPHANDAU_QUIT_AFTER_FIRST_FRAME` set it closes after its first frame,
//! as `sophandau` does, so `benches/startup.sh` times the two side by side
//! and reads their resident memory.
//!
//! Built by `benches/startup.sh` (`cargo build --release --bench empty_app`).

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

struct Empty {
    quit: bool,
}

impl eframe::App for Empty {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| ui.label("Sổ phấn đấu"));
        if self.quit {
            ui.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Sổ phấn đấu")
            .with_inner_size([1200.0, 800.0]),
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "empty",
        options,
        Box::new(|cc| {
            let mut fonts = FontDefinitions::default();
            fonts.font_data.insert(
                "NotoSans".into(),
                Arc::new(FontData::from_static(sophandau::fonts::REGULAR)),
            );
            if let Some(family) = fonts.families.get_mut(&FontFamily::Proportional) {
                family.insert(0, "NotoSans".into());
            }
            cc.egui_ctx.set_fonts(fonts);
            let quit = std::env::var_os("SOPHANDAU_QUIT_AFTER_FIRST_FRAME").is_some();
            Ok(Box::new(Empty { quit }))
        }),
    )
}
