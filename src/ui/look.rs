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

/// The body text size at the first step (1×), in points.
const BODY: f32 = 15.0;

/// Everything the window's look needs in a context: the fonts with the
/// Vietnamese letters, the text size and the theme.
pub fn set_up(ctx: &egui::Context, size: TextSize, theme: ThemeChoice) {
    install_fonts(ctx);
    apply_text_size(ctx, size);
    apply_theme(ctx, theme);
}

/// Sets the text styles once, and draws everything (text, controls,
/// spacing) at the chosen step's factor: egui's zoom, so that radio
/// buttons, tick boxes and charts grow with the letters.
pub fn apply_text_size(ctx: &egui::Context, size: TextSize) {
    let body = BODY;
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(body * 0.85)),
            (TextStyle::Body, FontId::proportional(body)),
            (TextStyle::Button, FontId::proportional(body)),
            (TextStyle::Heading, FontId::new(body * 1.35, bold_family())),
            (TextStyle::Monospace, FontId::monospace(body * 0.9)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(body * 0.6, body * 0.45);
        style.spacing.button_padding = egui::vec2(body * 0.5, body * 0.25);
        style.spacing.interact_size.y = body * 1.6;
        // Tick boxes and radio buttons as large as the letters beside them.
        style.spacing.icon_width = body * 1.1;
        style.spacing.icon_width_inner = body * 0.6;
    });
    // Ctrl+plus, Ctrl+minus and Ctrl+0 are the program's own commands,
    // which step through the sizes and keep the choice.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    if ctx.zoom_factor() != size.factor() {
        ctx.set_zoom_factor(size.factor());
    }
}

pub fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    // Linux reports no system theme; light reads best on office screens.
    ctx.options_mut(|o| o.fallback_theme = egui::Theme::Light);
    ctx.style_mut_of(egui::Theme::Light, |s| readable(&mut s.visuals, false));
    ctx.style_mut_of(egui::Theme::Dark, |s| readable(&mut s.visuals, true));
    ctx.set_theme(match theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    });
}

/// egui's colours, changed where they are hard to read (WCAG AA: 4.5:1
/// for text, 3:1 for the edges of controls): darker text and weak text,
/// an edge on every button and tick box, stripes and a selection that
/// status words still read on.
fn readable(v: &mut egui::Visuals, dark: bool) {
    let gray = Color32::from_gray;
    let (text, weak, edge, stripe, selection) = if dark {
        (
            gray(200),
            gray(170),
            gray(150),
            gray(38),
            Color32::from_rgb(0x1d, 0x3a, 0x55),
        )
    } else {
        (
            gray(40),
            gray(95),
            gray(118),
            gray(242),
            Color32::from_rgb(0xe3, 0xf0, 0xff),
        )
    };
    v.widgets.noninteractive.fg_stroke.color = text;
    v.weak_text_color = Some(weak);
    v.faint_bg_color = stripe;
    v.selection.bg_fill = selection;
    v.selection.stroke.color = if dark { gray(235) } else { gray(20) };
    v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, edge);
    if !dark {
        v.widgets.inactive.weak_bg_fill = gray(238);
        v.widgets.inactive.fg_stroke.color = gray(30);
    }
}

/// The colour that goes with a status, always shown beside its word.
pub fn status_colour(status: Status, dark: bool) -> Color32 {
    match (status, dark) {
        (Status::Done, false) => Color32::from_rgb(0x17, 0x6b, 0x33),
        (Status::Done, true) => Color32::from_rgb(0x5c, 0xc9, 0x7f),
        (Status::InProgress, false) => Color32::from_rgb(0x1d, 0x5f, 0xb0),
        (Status::InProgress, true) => Color32::from_rgb(0x7a, 0xb4, 0xf5),
        (Status::NotStarted, false) => Color32::from_rgb(0x5f, 0x5f, 0x5f),
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

/// A scroll bar that is seen at once, for a screen whose content is often
/// wider than the window (the month grid).
pub fn plain_scroll_bars(ui: &mut egui::Ui) {
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let dark = ui.visuals().dark_mode;
    let handle = if dark {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(135)
    };
    let w = &mut ui.visuals_mut().widgets;
    w.inactive.bg_fill = handle;
    w.hovered.bg_fill = handle;
}

/// The ink of a month's number on its status colour in the year review's
/// strip.
pub fn ink_on_status(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(15)
    } else {
        Color32::WHITE
    }
}

/// The fill of a month not written, in the strip, and its number's ink.
pub fn unwritten_month(dark: bool) -> (Color32, Color32) {
    if dark {
        (Color32::from_gray(60), Color32::from_gray(200))
    } else {
        (Color32::from_gray(225), Color32::from_gray(70))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG's relative luminance of an opaque colour.
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }

    /// WCAG's contrast ratio of two opaque colours (1 to 21).
    fn contrast(a: Color32, b: Color32) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// The window's colours after `readable`, light or dark.
    fn visuals(dark: bool) -> egui::Visuals {
        let mut v = if dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        };
        readable(&mut v, dark);
        v
    }

    /// Every text colour the window uses on every background it is drawn
    /// on reads at WCAG AA (4.5:1), in light and in dark.
    #[test]
    fn every_text_colour_meets_wcag_aa_on_every_background() {
        let mut failures = Vec::new();
        for dark in [false, true] {
            let v = visuals(dark);
            let backgrounds = [
                ("panel", v.panel_fill),
                ("window", v.window_fill),
                ("text field", v.extreme_bg_color),
                ("stripe", v.faint_bg_color),
                ("selection", v.selection.bg_fill),
                ("button", v.widgets.inactive.weak_bg_fill),
            ];
            let mut texts = vec![
                ("text", v.text_color()),
                ("weak text and hints", v.weak_text_color()),
                ("strong text", v.strong_text_color()),
                ("button text", v.widgets.inactive.fg_stroke.color),
                ("selected text", v.selection.stroke.color),
                ("warning", warning_colour(dark)),
                ("accent", accent(dark)),
            ];
            for status in Status::ALL {
                texts.push(("status", status_colour(status, dark)));
            }
            for (bg_name, bg) in backgrounds {
                for (fg_name, fg) in &texts {
                    let ratio = contrast(*fg, bg);
                    if ratio < 4.5 {
                        failures.push(format!(
                            "{} {fg_name} {fg:?} on {bg_name} {bg:?}: {ratio:.2}",
                            if dark { "dark" } else { "light" }
                        ));
                    }
                }
            }
            // The numbers in the year review's month strip.
            for status in Status::ALL {
                let ratio = contrast(ink_on_status(dark), status_colour(status, dark));
                if ratio < 4.5 {
                    failures.push(format!("strip {status:?} dark={dark}: {ratio:.2}"));
                }
            }
            let (fill, ink) = unwritten_month(dark);
            if contrast(ink, fill) < 4.5 {
                failures.push(format!("strip unwritten dark={dark}"));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// The edge of an unticked box or a button stands out from the panel
    /// (WCAG 1.4.11: 3:1 for parts of controls).
    #[test]
    fn unticked_boxes_and_buttons_have_a_visible_edge() {
        for dark in [false, true] {
            let v = visuals(dark);
            let edge = v.widgets.inactive.bg_stroke;
            assert!(edge.width >= 1.0);
            for bg in [v.panel_fill, v.window_fill, v.widgets.inactive.bg_fill] {
                let ratio = contrast(edge.color, bg);
                assert!(ratio >= 3.0, "dark={dark}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
        // #767676 on white is the lightest grey that passes AA.
        let ratio = contrast(Color32::from_gray(0x76), Color32::WHITE);
        assert!((ratio - 4.54).abs() < 0.02, "{ratio}");
    }
}
