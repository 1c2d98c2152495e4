//! `Text`: what a member writes in the records there are many of (progress,
//! entries, commitments, answers, remarks), held so that a large cell fits
//! in little memory.
//!
//! A `Text` is an immutable, shared string: cloning it copies a pointer,
//! an empty one allocates nothing, and while a batch of files is read
//! (`interning`) every text met twice is kept once. Members write the same
//! words again and again (a month's result carried to the next month, the
//! cell's wording of a commitment taken by many members), so a cell's
//! notebooks hold far fewer distinct texts than texts. On disk and in
//! every serde format a `Text` is a plain string, so files are unchanged.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A shared, immutable piece of text; `Deref`s to `str`.
/// The empty text is always `None`, so the derived comparisons are those
/// of the strings.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text(Option<Arc<str>>);

impl Text {
    pub fn new(s: &str) -> Text {
        if s.is_empty() {
            Text(None)
        } else {
            Text(Some(Arc::from(s)))
        }
    }

    pub fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or("")
    }

    /// Whether the two are one allocation: equal texts read in one batch
    /// are. Two empty texts share nothing (they allocate nothing).
    pub fn shares_memory_with(&self, other: &Text) -> bool {
        matches!((&self.0, &other.0), (Some(a), Some(b)) if Arc::ptr_eq(a, b))
    }

    /// A text met while interning is on: shared with an equal one met
    /// before in the same batch.
    fn interned(s: &str) -> Text {
        if s.is_empty() {
            return Text(None);
        }
        INTERNER.with(|cell| match cell.borrow_mut().as_mut() {
            Some(seen) => match seen.get(s) {
                Some(shared) => Text(Some(Arc::clone(shared))),
                None => {
                    let shared: Arc<str> = Arc::from(s);
                    seen.insert(Arc::clone(&shared));
                    Text(Some(shared))
                }
            },
            None => Text::new(s),
        })
    }
}

thread_local! {
    /// The texts read so far in this thread's batch, while one is open.
    static INTERNER: RefCell<Option<HashSet<Arc<str>>>> = const { RefCell::new(None) };
}

/// Runs `read` with interning on in this thread: equal texts it reads share
/// one allocation. The table is dropped when the outermost call returns
/// (the texts stay shared); calls nest.
pub fn interning<R>(read: impl FnOnce() -> R) -> R {
    let outermost = INTERNER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let first = slot.is_none();
        if first {
            *slot = Some(HashSet::new());
        }
        first
    });
    // Dropped on the way out, even if `read` panics.
    struct Close(bool);
    impl Drop for Close {
        fn drop(&mut self) {
            if self.0 {
                INTERNER.with(|cell| cell.borrow_mut().take());
            }
        }
    }
    let _close = Close(outermost);
    read()
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::new(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new(&s)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_owned()
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::interned(s))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_read_in_one_batch_share_their_memory() {
        let read = |s: &str| ron::from_str::<Vec<Text>>(s).unwrap();
        let shared = interning(|| read(r#"["Hoàn thành", "Hoàn thành", "Chưa"]"#));
        assert!(shared[0].shares_memory_with(&shared[1]));
        assert!(!shared[0].shares_memory_with(&shared[2]));
        // Outside a batch, and in the next batch, nothing is shared.
        let alone = read(r#"["Hoàn thành", "Hoàn thành"]"#);
        assert!(!alone[0].shares_memory_with(&alone[1]));
        let next = interning(|| read(r#"["Hoàn thành"]"#));
        assert!(!shared[0].shares_memory_with(&next[0]));
        // Nested batches are one batch.
        let nested = interning(|| (read(r#"["Có"]"#), interning(|| read(r#"["Có"]"#))));
        assert!(nested.0[0].shares_memory_with(&nested.1[0]));
    }

    #[test]
    fn a_text_is_written_and_compared_as_a_plain_string() {
        let t = Text::from("Đọc Báo Nhân Dân \"mỗi ngày\"");
        let ron_text = ron::to_string(&t).unwrap();
        assert_eq!(
            ron_text,
            ron::to_string("Đọc Báo Nhân Dân \"mỗi ngày\"").unwrap()
        );
        assert_eq!(ron::from_str::<Text>(&ron_text).unwrap(), t);
        assert_eq!(t, "Đọc Báo Nhân Dân \"mỗi ngày\"");
        assert_eq!(Text::default(), Text::from(""));
        assert!(Text::from("").0.is_none());
        let copy = t.clone();
        assert!(copy.shares_memory_with(&t));
    }
}
