//! Small widgets shared by the screens: labelled fields, the date input
//! that reads and writes dd/mm/yyyy, status chips, and the theme banner.

use eframe::egui::{self, Response, RichText, Ui};

use super::look;
use crate::i18n::{self, T};
use crate::model::{Date, Language, Settings, Status, Text, Year};
use crate::text::{Normalize, dmy, parse_dmy};

/// A label above a one-line text field, tied together for screen readers
/// and tests. Returns whether the text changed.
pub fn text_line(ui: &mut Ui, label: &str, value: &mut impl Editable) -> bool {
    let l = ui.label(label);
    let changed = ui
        .add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(l.id)
        .changed();
    composed(value, changed)
}

/// A label, then a drop-down list tied to it (the label reads first, as on
/// a paper form).
pub fn combo<R>(
    ui: &mut Ui,
    label: &str,
    selected: impl Into<egui::WidgetText>,
    contents: impl FnOnce(&mut Ui) -> R,
) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        egui::ComboBox::from_id_salt(label)
            .selected_text(selected)
            .show_ui(ui, contents)
            .response
            .labelled_by(l.id);
    });
}

/// egui cannot draw decomposed marks: compose what was typed or pasted
/// before it is shown again.
fn composed(value: &mut impl Editable, changed: bool) -> bool {
    if changed {
        value.normalize();
    }
    changed
}

/// What the text fields edit: a `String`, or a record's shared `Text`.
pub trait Editable: egui::TextBuffer + Normalize {}

impl Editable for String {}

impl Editable for Text {}

/// Each change makes a new `Text` (a record's text is shared and never
/// changed in place); a keystroke copies the text once.
impl egui::TextBuffer for Text {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        Text::as_str(self)
    }

    fn insert_text(&mut self, text: &str, char_index: egui::text::CharIndex) -> usize {
        let mut owned = self.to_string();
        let inserted = owned.insert_text(text, char_index);
        *self = owned.into();
        inserted
    }

    fn delete_char_range(&mut self, char_range: std::ops::Range<egui::text::CharIndex>) {
        let mut owned = self.to_string();
        owned.delete_char_range(char_range);
        *self = owned.into();
    }

    fn type_id(&self) -> std::any::TypeId {
        std::any::TypeId::of::<Text>()
    }
}

/// A label above a multi-line text field.
pub fn text_block(ui: &mut Ui, label: &str, value: &mut impl Editable, rows: usize) -> bool {
    let l = ui.label(label);
    let changed = ui
        .add(
            egui::TextEdit::multiline(value)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id)
        .changed();
    composed(value, changed)
}

#[derive(Clone, Default)]
struct DateText {
    text: String,
    shown: Option<Date>,
}

/// A date field: type dd/mm/yyyy, or pick from the calendar. An empty field
/// means no date. Returns whether `date` changed.
pub fn date_input(ui: &mut Ui, lang: Language, label: &str, date: &mut Option<Date>) -> bool {
    let id = ui.make_persistent_id(("date", label));
    let mut state: DateText = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    if state.shown != *date || (state.text.is_empty() && date.is_some()) {
        state.text = date.map(dmy).unwrap_or_default();
        state.shown = *date;
    }
    let mut changed = false;
    let l = ui.label(label);
    let bad = ui
        .horizontal(|ui| {
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut state.text)
                        .hint_text(T::DateHint.get(lang))
                        .desired_width(ui.spacing().interact_size.y * 5.5),
                )
                .labelled_by(l.id);
            let parsed = parse_dmy(&state.text);
            let bad = !state.text.trim().is_empty() && parsed.is_none();
            if response.changed() && !bad && parsed != *date {
                *date = parsed;
                state.shown = parsed;
                changed = true;
            }
            if calendar(ui, lang, date) {
                state.text = date.map(dmy).unwrap_or_default();
                state.shown = *date;
                changed = true;
            }
            bad
        })
        .inner;
    if bad {
        ui.colored_label(
            look::warning_colour(ui.visuals().dark_mode),
            T::BadDate.get(lang),
        );
    }
    ui.data_mut(|d| d.insert_temp(id, state));
    changed
}

/// The "Lịch" button and its month calendar, in Vietnamese (Monday first,
/// as Vietnamese calendars are). Returns whether `date` changed.
fn calendar(ui: &mut Ui, lang: Language, date: &mut Option<Date>) -> bool {
    let button = ui.button(T::Calendar.get(lang));
    let month_id = button.id.with("month");
    let mut changed = false;
    egui::Popup::from_toggle_button_response(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let today = jiff::Zoned::now().date();
            let mut shown: Date = ui
                .data(|d| d.get_temp(month_id))
                .unwrap_or_else(|| date.unwrap_or(today).first_of_month());
            ui.horizontal(|ui| {
                let step = |d: Date, months: i64| {
                    d.checked_add(jiff::Span::new().months(months)).unwrap_or(d)
                };
                for (text, tip, months) in [("«", T::PrevYear, -12), ("‹", T::PrevMonth, -1)] {
                    if ui.button(text).on_hover_text(tip.get(lang)).clicked() {
                        shown = step(shown, months);
                    }
                }
                ui.label(RichText::new(format!("{:02}/{}", shown.month(), shown.year())).strong());
                for (text, tip, months) in [("›", T::NextMonth, 1), ("»", T::NextYear, 12)] {
                    if ui.button(text).on_hover_text(tip.get(lang)).clicked() {
                        shown = step(shown, months);
                    }
                }
                let label = ui.label(T::Year.get(lang));
                let mut year = shown.year();
                if ui
                    .add(egui::DragValue::new(&mut year).range(1900..=2100))
                    .labelled_by(label.id)
                    .changed()
                {
                    shown = Date::new(year, shown.month(), 1).unwrap_or(shown);
                }
            });
            egui::Grid::new(month_id.with("days")).show(ui, |ui| {
                for d in T::WEEKDAYS {
                    ui.label(RichText::new(d.get(lang)).strong());
                }
                ui.end_row();
                let blanks = shown.weekday().to_monday_zero_offset();
                for _ in 0..blanks {
                    ui.label("");
                }
                let mut column = blanks;
                for day in 1..=shown.days_in_month() {
                    let d = Date::new(shown.year(), shown.month(), day).unwrap_or(shown);
                    let text = RichText::new(day.to_string());
                    let text = if d == today { text.underline() } else { text };
                    if ui
                        .add(egui::Button::selectable(*date == Some(d), text))
                        .on_hover_text(dmy(d))
                        .clicked()
                    {
                        *date = Some(d);
                        changed = true;
                        ui.close();
                    }
                    column += 1;
                    if column % 7 == 0 {
                        ui.end_row();
                    }
                }
            });
            ui.horizontal(|ui| {
                if ui.button(T::Today.get(lang)).clicked() {
                    *date = Some(today);
                    changed = true;
                    ui.close();
                }
                if date.is_some() && ui.button(T::ClearDate.get(lang)).clicked() {
                    *date = None;
                    changed = true;
                    ui.close();
                }
            });
            ui.data_mut(|d| d.insert_temp(month_id, shown));
        });
    changed
}

/// A status shown as a coloured word, never as colour alone.
pub fn status_chip(ui: &mut Ui, lang: Language, status: Status) -> Response {
    let colour = look::status_colour(status, ui.visuals().dark_mode);
    ui.label(
        RichText::new(i18n::status(lang, status))
            .color(colour)
            .strong(),
    )
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
        let span = crate::themes::span(theme);
        ui.label(
            RichText::new(i18n::fill(T::ThemeOfYear.get(lang), &[&span]))
                .color(accent)
                .small(),
        );
        ui.label(
            RichText::new(&theme.title)
                .family(look::bold_family())
                .color(accent),
        );
        // The review says it in its own words, with a way to add one.
        let own = theme.years.0 <= year && year <= theme.years.1;
        if !own && !full {
            ui.label(i18n::fill(T::ThemeNotOwn.get(lang), &[&year]));
        }
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
