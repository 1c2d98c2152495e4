//! Small widgets shared by the screens: labelled fields, the date input
//! that reads and writes dd/mm/yyyy, and status chips.

use eframe::egui::{self, Response, RichText, Ui};

use super::look;
use super::text::{self, T};
use crate::model::{Date, Language, Status};

/// A label above a one-line text field, tied together for screen readers
/// and tests. Returns whether the text changed.
pub fn text_line(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    let l = ui.label(label);
    let changed = ui
        .add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(l.id)
        .changed();
    composed(value, changed)
}

/// egui cannot draw decomposed marks: compose what was typed or pasted
/// before it is shown again.
fn composed(value: &mut String, changed: bool) -> bool {
    if changed {
        crate::text::nfc_in_place(value);
    }
    changed
}

/// A label above a multi-line text field.
pub fn text_block(ui: &mut Ui, label: &str, value: &mut String, rows: usize) -> bool {
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

/// Formats a date the Vietnamese way: 05/03/2020.
pub fn dmy(date: Date) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// Reads a date typed as d/m/yyyy (also with `-` or `.`).
pub fn parse_dmy(text: &str) -> Option<Date> {
    let mut parts = text
        .trim()
        .split(['/', '-', '.'])
        .map(|p| p.trim().parse::<i16>().ok());
    let (d, m, y) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || !(1000..=9999).contains(&y) {
        return None;
    }
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
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
            let mut picked = date.unwrap_or_else(|| jiff::Zoned::now().date());
            let calendar = ui.add(
                egui_extras::DatePickerButton::new(&mut picked)
                    .id_salt(label)
                    .format(T::Calendar.get(lang))
                    .show_icon(false)
                    .combo_boxes(false),
            );
            if calendar.changed() {
                *date = Some(picked);
                state.text = dmy(picked);
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

/// A status shown as a coloured word, never as colour alone.
pub fn status_chip(ui: &mut Ui, lang: Language, status: Status) -> Response {
    let colour = look::status_colour(status, ui.visuals().dark_mode);
    ui.label(
        RichText::new(text::status(lang, status))
            .color(colour)
            .strong(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_vietnamese_way() {
        let d = jiff::civil::date(2020, 3, 5);
        assert_eq!(dmy(d), "05/03/2020");
        assert_eq!(parse_dmy("5/3/2020"), Some(d));
        assert_eq!(parse_dmy(" 05-03-2020 "), Some(d));
        assert_eq!(parse_dmy("05.03.2020"), Some(d));
        assert_eq!(parse_dmy("31/02/2020"), None);
        assert_eq!(parse_dmy("05/03/20"), None);
        assert_eq!(parse_dmy("hôm qua"), None);
    }
}
