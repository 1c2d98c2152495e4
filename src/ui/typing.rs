//! The built-in Vietnamese typing, for every text field at once: at the
//! start of a frame, before any widget reads the input, the keys typed
//! into the focused text field are rewritten by `typing::Composer` into
//! the deletions and text that make the word ("tieengs" → "tiếng"). The
//! fields themselves know nothing of it.
//!
//! The composer only knows what was typed through it: when the cursor
//! moves (a click, an arrow key, another field), it starts afresh. With
//! the mode off, nothing is touched, so a system input method (its
//! preedit and commits) reaches the fields as it sends them.

use eframe::egui::{self, Event, Key, Modifiers};

use crate::model::{ToneRule, TypingMode};
use crate::typing::Composer;

/// Where the composer stands: the field and the cursor it expects.
#[derive(Default)]
pub struct Typing {
    composer: Option<Composer>,
    at: Option<(egui::Id, usize)>,
}

/// Keys that move the cursor or change the text other than by typing.
fn moves(key: Key) -> bool {
    matches!(
        key,
        Key::ArrowLeft
            | Key::ArrowRight
            | Key::ArrowUp
            | Key::ArrowDown
            | Key::Home
            | Key::End
            | Key::PageUp
            | Key::PageDown
            | Key::Delete
            | Key::Backspace
            | Key::Enter
            | Key::Tab
            | Key::Escape
    )
}

fn backspace() -> Event {
    Event::Key {
        key: Key::Backspace,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

impl Typing {
    /// Rewrites this frame's typing into the focused text field.
    pub fn rewrite(&mut self, ctx: &egui::Context, mode: TypingMode, rule: ToneRule) {
        if mode == TypingMode::Off {
            self.composer = None;
            self.at = None;
            return;
        }
        let focused = ctx.memory(|m| m.focused());
        let state = focused.and_then(|id| Some((id, egui::TextEdit::load_state(ctx, id)?)));
        // A selection is replaced by what is typed, as the field does it.
        let field = state.and_then(|(id, s)| {
            let range = s.cursor.char_range()?;
            (range.primary == range.secondary).then_some((id, usize::from(range.primary.index)))
        });
        let composer = self
            .composer
            .get_or_insert_with(|| Composer::new(mode, rule));
        if composer.mode != mode || composer.rule != rule {
            *composer = Composer::new(mode, rule);
        }
        let Some((id, cursor)) = field else {
            composer.reset();
            self.at = None;
            return;
        };
        if self.at != Some((id, cursor)) {
            composer.reset();
        }
        let mut at = Some(cursor);
        ctx.input_mut(|input| {
            let plain = !(input.modifiers.ctrl || input.modifiers.command || input.modifiers.alt);
            let events = std::mem::take(&mut input.events);
            for event in events {
                match event {
                    Event::Text(text) if plain => {
                        for c in text.chars() {
                            let change = composer.type_char(c);
                            for _ in 0..change.delete {
                                input.events.push(backspace());
                            }
                            at = at.map(|a| {
                                a.saturating_sub(change.delete) + change.insert.chars().count()
                            });
                            if !change.insert.is_empty() {
                                input.events.push(Event::Text(change.insert));
                            }
                        }
                    }
                    Event::Key {
                        key: Key::Backspace,
                        pressed: true,
                        modifiers,
                        ..
                    } if modifiers.is_none() => {
                        composer.backspace();
                        at = at.map(|a| a.saturating_sub(1));
                        input.events.push(event);
                    }
                    // A letter's key comes with its text: only keys that
                    // move the cursor or edit otherwise end the word.
                    Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } if moves(key) || !modifiers.is_none() && !modifiers.shift_only() => {
                        composer.reset();
                        at = None;
                        input.events.push(event);
                    }
                    Event::Text(_)
                    | Event::Paste(_)
                    | Event::Ime(_)
                    | Event::Cut
                    | Event::PointerButton { .. } => {
                        composer.reset();
                        at = None;
                        input.events.push(event);
                    }
                    other => input.events.push(other),
                }
            }
        });
        self.at = at.map(|a| (id, a));
    }
}
