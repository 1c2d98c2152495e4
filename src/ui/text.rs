//! The window's view of the translation table, which now lives in
//! `crate::i18n` so the command line, export and store share it.

pub use crate::i18n::{T, area, entry_kind, fill, level, period, status};
