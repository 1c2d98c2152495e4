//! A sentence from the table kept with its values until it is shown, so
//! that what is stored (why notebooks are read-only, a load problem) can
//! be shown in whichever language the window has by then.

use std::fmt;

use super::{T, fill, with_detail};
use crate::model::Language;

/// A table sentence, its values for `{0}`, `{1}`, …, and optionally text
/// from elsewhere (a library, the system) shown after it as a detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    text: T,
    values: Vec<Value>,
    detail: Option<String>,
}

/// A value put into a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// The same in every language: a name, a number, a path.
    Plain(String),
    /// A word from the table, in the sentence's language.
    Text(T),
    /// A whole sentence inside another, in the same language.
    Message(Box<Message>),
}

impl Message {
    pub fn new(text: T) -> Message {
        Message {
            text,
            values: Vec::new(),
            detail: None,
        }
    }

    /// Adds the value for the next placeholder.
    #[must_use]
    pub fn with(mut self, value: impl Into<Value>) -> Message {
        self.values.push(value.into());
        self
    }

    /// Adds text that is not in the table, shown last as a detail.
    #[must_use]
    pub fn detail(mut self, detail: impl Into<String>) -> Message {
        self.detail = Some(detail.into());
        self
    }

    /// The id of the sentence, for tests and matching.
    pub fn text(&self) -> T {
        self.text
    }

    /// The message in `language`, values included. The details of the
    /// sentences inside it come last too, after the whole sentence.
    pub fn show(&self, language: Language) -> String {
        let mut details = Vec::new();
        let head = self.show_collecting(language, &mut details);
        with_detail(language, head, &details.join("; "))
    }

    /// The sentence without details; its own and its values' details are
    /// added to `details`, in reading order.
    fn show_collecting(&self, language: Language, details: &mut Vec<String>) -> String {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|v| v.show(language, details))
            .collect();
        details.extend(self.detail.iter().filter(|d| !d.is_empty()).cloned());
        let refs: Vec<&dyn fmt::Display> = values.iter().map(|v| v as _).collect();
        fill(self.text.get(language), &refs)
    }

    /// The messages one after another, separated as a list
    /// ("a; b; c"); `None` for none.
    pub fn list(items: impl IntoIterator<Item = Message>) -> Option<Message> {
        let mut items: Vec<Message> = items.into_iter().collect();
        let last = items.pop()?;
        Some(items.into_iter().rev().fold(last, |rest, item| {
            Message::new(T::ListItems).with(item).with(rest)
        }))
    }
}

impl Value {
    /// Any value that reads the same in both languages.
    pub fn plain(value: impl fmt::Display) -> Value {
        Value::Plain(value.to_string())
    }

    fn show(&self, language: Language, details: &mut Vec<String>) -> String {
        match self {
            Value::Plain(s) => s.clone(),
            Value::Text(t) => t.get(language).to_owned(),
            Value::Message(m) => m.show_collecting(language, details),
        }
    }
}

impl From<T> for Message {
    fn from(text: T) -> Message {
        Message::new(text)
    }
}

impl From<T> for Value {
    fn from(text: T) -> Value {
        Value::Text(text)
    }
}

impl From<Message> for Value {
    fn from(message: Message) -> Value {
        Value::Message(Box::new(message))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Plain(s)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Plain(s.to_owned())
    }
}

impl From<&std::path::Path> for Value {
    fn from(p: &std::path::Path) -> Value {
        Value::Plain(p.display().to_string())
    }
}

/// In Vietnamese, as the command line prints it.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.show(Language::Vietnamese))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::has_vietnamese_letters;

    #[test]
    fn a_stored_message_is_shown_in_the_language_asked_for() {
        let reason = Message::new(T::ErrExportWrite)
            .with(std::path::Path::new("/tmp/a.pdf"))
            .with(T::IoPermissionDenied)
            .detail("Permission denied (os error 13)");
        let en = reason.show(Language::English);
        assert_eq!(
            en,
            "Could not write /tmp/a.pdf: there is no permission to read or write there. \
             Technical detail: Permission denied (os error 13)"
        );
        assert!(!has_vietnamese_letters(&en));
        let vi = reason.to_string();
        assert!(
            vi.starts_with("Không ghi được tệp /tmp/a.pdf: không có quyền"),
            "{vi}"
        );
    }

    #[test]
    fn a_message_inside_a_message_follows_the_language() {
        let inner = Message::new(T::PeriodMonth).with(Value::plain(3));
        let outer = Message::new(T::ExportOpenFailed).with(inner);
        assert_eq!(outer.show(Language::English), "Could not open: Month 3");
        assert_eq!(outer.show(Language::Vietnamese), "Không mở được: Tháng 3");
        assert_eq!(outer.text(), T::ExportOpenFailed);
    }

    #[test]
    fn details_inside_come_after_the_whole_sentence() {
        let inner = Message::new(T::PeriodMonth)
            .with(Value::plain(3))
            .detail("parser says x");
        let outer = Message::new(T::ExportOpenFailed)
            .with(inner)
            .detail("os says y");
        assert_eq!(
            outer.show(Language::English),
            "Could not open: Month 3 Technical detail: parser says x; os says y"
        );
    }

    #[test]
    fn a_list_reads_in_order() {
        let month = |m: u8| Message::new(T::PeriodMonth).with(Value::plain(m));
        let list = Message::list([month(1), month(2), month(3)]).unwrap();
        assert_eq!(list.show(Language::English), "Month 1; Month 2; Month 3");
        assert_eq!(Message::list([month(4)]).unwrap().to_string(), "Tháng 4");
        assert!(Message::list([]).is_none());
    }
}
