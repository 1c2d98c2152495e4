//! Fonts, text sizes and colours.
//!
//! egui's own fonts draw boxes for most Vietnamese letters, and mixing
//! system fonts changes typeface inside a word, so the window always uses
//! the Noto Sans shipped in `assets/fonts/`.

use std::sync::Arc;

use eframe::egui::{self, Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};

use crate::model::{Status, TextSize, ThemeChoice};

/// Installs Noto Sans as the first proportional font, and its bold cut as
/// the `bold` family.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "NotoSans".into(),
        Arc::new(FontData::from_static(crate::fonts::REGULAR)),
    );
    fonts.font_data.insert(
        "NotoSans-Bold".into(),
        Arc::new(FontData::from_static(crate::fonts::BOLD)),
    );
    if let Some(family) = fonts.families.get_mut(&FontFamily::Proportional) {
        family.insert(0, "NotoSans".into());
    }
    if let Some(family) = fonts.families.get_mut(&FontFamily::Monospace) {
        family.push("NotoSans".into());
    }
    fonts.families.insert(
        bold_family(),
        vec!["NotoSans-Bold".into(), "NotoSans".into()],
    );
    ctx.set_fonts(fonts);
}

pub fn bold_family() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// Sets text sizes for the chosen step; older eyes need the larger ones.
pub fn apply_text_size(ctx: &egui::Context, size: TextSize) {
    let body = match size {
        TextSize::Normal => 15.0,
        TextSize::Large => 17.0,
        TextSize::Larger => 20.0,
    };
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(body * 0.8)),
            (TextStyle::Body, FontId::proportional(body)),
            (TextStyle::Button, FontId::proportional(body)),
            (TextStyle::Heading, FontId::new(body * 1.35, bold_family())),
            (TextStyle::Monospace, FontId::monospace(body * 0.9)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(body * 0.6, body * 0.45);
        style.spacing.button_padding = egui::vec2(body * 0.5, body * 0.25);
        style.spacing.interact_size.y = body * 1.6;
    });
}

pub fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    // Linux reports no system theme; light reads best on office screens.
    ctx.options_mut(|o| o.fallback_theme = egui::Theme::Light);
    ctx.set_theme(match theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}

/// The colour that goes with a status, always shown beside its word.
pub fn status_colour(status: Status, dark: bool) -> Color32 {
    match (status, dark) {
        (Status::Done, false) => Color32::from_rgb(0x1b, 0x7a, 0x3a),
        (Status::Done, true) => Color32::from_rgb(0x5c, 0xc9, 0x7f),
        (Status::InProgress, false) => Color32::from_rgb(0x1d, 0x5f, 0xb0),
        (Status::InProgress, true) => Color32::from_rgb(0x7a, 0xb4, 0xf5),
        (Status::NotStarted, false) => Color32::from_rgb(0x70, 0x70, 0x70),
        (Status::NotStarted, true) => Color32::from_rgb(0xb0, 0xb0, 0xb0),
        (Status::NotAchieved, false) => Color32::from_rgb(0xb3, 0x26, 0x1e),
        (Status::NotAchieved, true) => Color32::from_rgb(0xf2, 0x8b, 0x82),
    }
}

pub fn warning_colour(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0xb4, 0x5c)
    } else {
        Color32::from_rgb(0xa3, 0x4a, 0x00)
    }
}

/// Party red, for the title and the theme banner.
pub fn accent(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0x8a, 0x80)
    } else {
        Color32::from_rgb(0xb7, 0x1c, 0x1c)
    }
}
