//! The "Mã hoá" tab of the exchange window, beside the shared folder (the
//! other setting of where and how the files are kept): turning encryption
//! at rest on or off, and changing the passphrase. It only asks; the frame
//! carries the request out (`exchanging`).

use eframe::egui::{self, RichText, Ui};

use super::exchange::Request;
use super::look;
use crate::i18n::T;
use crate::model::Language;

/// The passphrases typed, kept only until the request is carried out.
#[derive(Default)]
pub struct PassphraseForm {
    pub current: String,
    pub new: String,
    pub repeat: String,
}

impl PassphraseForm {
    pub fn clear(&mut self) {
        *self = PassphraseForm::default();
    }
}

/// A masked field with its label.
fn field(ui: &mut Ui, label: T, lang: Language, text: &mut String) {
    let l = ui.label(label.get(lang));
    ui.add(
        egui::TextEdit::singleline(text)
            .password(true)
            .desired_width(320.0),
    )
    .labelled_by(l.id);
}

/// The tab; `encrypted`: whether encryption is on now.
pub fn show(
    ui: &mut Ui,
    lang: Language,
    encrypted: bool,
    form: &mut PassphraseForm,
) -> Option<Request> {
    let mut request = None;
    let state = match encrypted {
        true => T::EncryptionIsOn,
        false => T::EncryptionIsOff,
    };
    ui.label(RichText::new(state.get(lang)).family(look::bold_family()));
    ui.label(T::EncryptionNotHidden.get(lang));
    ui.add_space(6.0);
    if encrypted {
        field(ui, T::EncryptionPassphrase, lang, &mut form.current);
        field(ui, T::EncryptionNewPassphrase, lang, &mut form.new);
        field(ui, T::EncryptionRepeat, lang, &mut form.repeat);
    } else {
        field(ui, T::EncryptionPassphrase, lang, &mut form.new);
        field(ui, T::EncryptionRepeat, lang, &mut form.repeat);
    }
    let matching = form.new == form.repeat;
    if !matching {
        ui.label(RichText::new(T::EncryptionMismatch.get(lang)).color(ui.visuals().error_fg_color));
    }
    let ready = matching && !form.new.is_empty();
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if encrypted {
            let change = egui::Button::new(T::EncryptionChange.get(lang));
            if ui
                .add_enabled(ready && !form.current.is_empty(), change)
                .clicked()
            {
                request = Some(Request::ChangePassphrase {
                    old: form.current.clone(),
                    new: form.new.clone(),
                });
            }
            let off = egui::Button::new(T::EncryptionTurnOff.get(lang));
            if ui.add_enabled(!form.current.is_empty(), off).clicked() {
                request = Some(Request::Decrypt(form.current.clone()));
            }
        } else {
            let on = egui::Button::new(T::EncryptionTurnOn.get(lang));
            if ui.add_enabled(ready, on).clicked() {
                request = Some(Request::Encrypt(form.new.clone()));
            }
        }
    });
    request
}
