//! Text being typed, between the keyboard and the notebook.
//!
//! A draft holds a copy of a record while the user edits it. It is written
//! to the notebook (as an action) after a short pause in typing, or at the
//! latest a second after the first unsaved key, so that a crash loses at
//! most about a second of typing; consecutive writes of one draft join one
//! undo step. While nothing is pending, the draft follows the notebook, so
//! undo and redo show at once.

use crate::workspace::StepId;

/// Seconds of quiet after which typing is written.
const PAUSE: f64 = 0.4;
/// Seconds after the first unsaved change by which it is written anyway;
/// with the saver's own wait, a key reaches the disk within a second.
const LATEST: f64 = 0.6;

#[derive(Clone, Debug)]
pub struct Draft<T> {
    pub value: T,
    /// The notebook's version the draft started from or last wrote.
    source: T,
    first_change: Option<f64>,
    last_change: f64,
    /// Writing failed (e.g. a required field is empty): keep the user's
    /// text, and wait for the next change before trying again.
    held: bool,
    /// The undo step this draft's writes join.
    pub step: Option<StepId>,
}

impl<T: Clone + PartialEq> Draft<T> {
    pub fn new(value: T) -> Self {
        Draft {
            source: value.clone(),
            value,
            first_change: None,
            last_change: 0.0,
            held: false,
            step: None,
        }
    }

    /// A draft that shows `value` but stands for the notebook's `source`:
    /// a suggestion, written only once the user changes something.
    pub fn suggesting(value: T, source: T) -> Self {
        Draft {
            source,
            ..Draft::new(value)
        }
    }

    pub fn is_pending(&self) -> bool {
        self.first_change.is_some()
    }

    /// Whether the last write was refused and the text waits for a change.
    pub fn is_held(&self) -> bool {
        self.held
    }

    /// Takes the notebook's version when the user has nothing unsaved.
    pub fn follow(&mut self, model: &T) {
        if !self.is_pending() && !self.held && self.source != *model {
            self.value = model.clone();
            self.source = model.clone();
            self.step = None;
        }
    }

    /// Records that the user changed the value at time `now` (seconds).
    pub fn changed(&mut self, now: f64) {
        self.held = false;
        if self.value == self.source {
            self.first_change = None;
            return;
        }
        self.first_change.get_or_insert(now);
        self.last_change = now;
    }

    /// Whether the value should be written now.
    pub fn is_due(&self, now: f64) -> bool {
        self.first_change
            .is_some_and(|first| now - self.last_change >= PAUSE || now - first >= LATEST)
    }

    /// Seconds until the value falls due, to ask for a repaint then.
    pub fn due_in(&self, now: f64) -> Option<f64> {
        self.first_change.map(|first| {
            (self.last_change + PAUSE - now)
                .min(first + LATEST - now)
                .max(0.0)
        })
    }

    /// The value could not be written; keep it until the user changes it.
    pub fn hold(&mut self) {
        self.first_change = None;
        self.held = true;
    }

    /// The value was written as `step`.
    pub fn written(&mut self, step: StepId) {
        self.source = self.value.clone();
        self.first_change = None;
        self.held = false;
        self.step = Some(step);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_due_after_a_pause_or_a_second_of_typing() {
        let mut d = Draft::new(String::new());
        d.value.push('a');
        d.changed(10.0);
        assert!(!d.is_due(10.2));
        assert!(d.is_due(10.5));
        for i in 0..10 {
            d.value.push('b');
            d.changed(10.0 + f64::from(i) * 0.1);
        }
        assert!(
            d.is_due(10.85),
            "continuous typing is written within a second"
        );
    }

    #[test]
    fn follows_the_notebook_only_when_nothing_is_pending() {
        let mut d = Draft::new("cũ".to_owned());
        d.follow(&"mới".to_owned());
        assert_eq!(d.value, "mới");
        d.value = "đang gõ".to_owned();
        d.changed(1.0);
        d.follow(&"khác".to_owned());
        assert_eq!(d.value, "đang gõ");
    }
}
