//! How notebooks and settings look on disk: RON, human-readable, with a
//! `schema_version` in every file, and the migrations from older versions.

use std::fmt;

use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};

use crate::model::{Notebook, Settings};

/// The version this program writes.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct NotebookOut<'a> {
    schema_version: u32,
    notebook: &'a Notebook,
}

#[derive(Deserialize)]
struct NotebookIn {
    schema_version: u32,
    notebook: Notebook,
}

#[derive(Serialize)]
struct SettingsOut<'a> {
    schema_version: u32,
    settings: &'a Settings,
}

#[derive(Deserialize)]
struct SettingsIn {
    schema_version: u32,
    settings: Settings,
}

/// Reads only the version of a file whose body does not parse.
#[derive(Deserialize)]
struct Probe {
    /// Files from before versions existed have none: version 0.
    #[serde(default)]
    schema_version: u32,
}

fn pretty() -> PrettyConfig {
    // Unescaped strings keep Vietnamese readable in the file, and writing
    // them is several times faster than escaping every non-ASCII letter.
    // A tab per level instead of four spaces makes files a third smaller
    // (deep records were half indentation) and so faster to read and write.
    PrettyConfig::new().escape_strings(false).indentor("\t")
}

pub fn notebook_to_ron(notebook: &Notebook) -> String {
    let out = NotebookOut {
        schema_version: SCHEMA_VERSION,
        notebook,
    };
    ron::ser::to_string_pretty(&out, pretty()).expect("notebooks always serialise") + "\n"
}

pub fn settings_to_ron(settings: &Settings) -> String {
    let out = SettingsOut {
        schema_version: SCHEMA_VERSION,
        settings,
    };
    ron::ser::to_string_pretty(&out, pretty()).expect("settings always serialise") + "\n"
}

/// A file that was read.
#[derive(Debug, PartialEq)]
pub enum Decoded<T> {
    /// Written by this version.
    Current(T),
    /// Written by an older version and brought up to date in memory.
    Migrated { value: T, from: u32 },
    /// Written by a newer version; readable, but must not be written back.
    Newer { value: T, version: u32 },
}

impl<T> Decoded<T> {
    pub fn into_value(self) -> T {
        match self {
            Decoded::Current(v)
            | Decoded::Migrated { value: v, .. }
            | Decoded::Newer { value: v, .. } => v,
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// Empty, all zero bytes, not text, or not valid RON: the file is damaged.
    Damaged(String),
    /// A newer version wrote it in a shape this version cannot read.
    TooNew(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Damaged(why) => write!(f, "tệp bị hỏng ({why})"),
            DecodeError::TooNew(v) => write!(
                f,
                "tệp do phiên bản mới hơn của chương trình ghi (định dạng {v}); hãy cập nhật chương trình"
            ),
        }
    }
}

fn as_text(bytes: &[u8]) -> Result<&str, DecodeError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| DecodeError::Damaged("không phải văn bản UTF-8".to_owned()))?;
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .is_empty()
    {
        return Err(DecodeError::Damaged("tệp rỗng".to_owned()));
    }
    Ok(text)
}

fn version_of(text: &str, parse_error: ron::error::SpannedError) -> Result<u32, DecodeError> {
    match ron::from_str::<Probe>(text) {
        Ok(Probe { schema_version }) => Ok(schema_version),
        Err(_) => Err(DecodeError::Damaged(parse_error.to_string())),
    }
}

pub fn decode_notebook(bytes: &[u8]) -> Result<Decoded<Notebook>, DecodeError> {
    let text = as_text(bytes)?;
    match ron::from_str::<NotebookIn>(text) {
        Ok(file) if file.schema_version > SCHEMA_VERSION => Ok(Decoded::Newer {
            value: file.notebook,
            version: file.schema_version,
        }),
        Ok(file) => Ok(Decoded::Current(file.notebook)),
        Err(err) => match version_of(text, err.clone())? {
            0 => v0::decode(text)
                .map(|value| Decoded::Migrated { value, from: 0 })
                .map_err(|e| DecodeError::Damaged(e.to_string())),
            v if v > SCHEMA_VERSION => Err(DecodeError::TooNew(v)),
            _ => Err(DecodeError::Damaged(err.to_string())),
        },
    }
}

pub fn decode_settings(bytes: &[u8]) -> Result<Decoded<Settings>, DecodeError> {
    let text = as_text(bytes)?;
    match ron::from_str::<SettingsIn>(text) {
        Ok(file) if file.schema_version > SCHEMA_VERSION => Ok(Decoded::Newer {
            value: file.settings,
            version: file.schema_version,
        }),
        Ok(file) => Ok(Decoded::Current(file.settings)),
        Err(err) => match version_of(text, err.clone())? {
            v if v > SCHEMA_VERSION => Err(DecodeError::TooNew(v)),
            _ => Err(DecodeError::Damaged(err.to_string())),
        },
    }
}

/// Version 0: the first prototype's files, written before `schema_version`
/// existed. One notebook per file with the name and cell at the top, areas
/// and entry kinds as Vietnamese words, dates as "dd/mm/yyyy" text, and no
/// revisions, registration or reviews.
mod v0 {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use uuid::Uuid;

    use crate::model::{self, Area, Commitment, Date, Entry, EntryKind, Profile, Year, YearBook};
    use crate::text::nfc;

    #[derive(Deserialize)]
    struct NotebookV0 {
        id: Uuid,
        name: String,
        #[serde(default)]
        cell: String,
        #[serde(default)]
        years: BTreeMap<Year, YearV0>,
    }

    #[derive(Deserialize)]
    struct YearV0 {
        #[serde(default)]
        commitments: Vec<CommitmentV0>,
        #[serde(default)]
        entries: Vec<EntryV0>,
    }

    #[derive(Deserialize)]
    struct CommitmentV0 {
        id: Uuid,
        area: String,
        content: String,
        #[serde(default)]
        measures: String,
        #[serde(default)]
        product: String,
        #[serde(default)]
        deadline: Option<String>,
    }

    #[derive(Deserialize)]
    struct EntryV0 {
        id: Uuid,
        date: String,
        kind: String,
        title: String,
        #[serde(default)]
        text: String,
    }

    #[derive(Debug)]
    pub struct Error(String);

    impl std::fmt::Display for Error {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    pub fn decode(text: &str) -> Result<model::Notebook, Error> {
        let old: NotebookV0 = ron::from_str(text).map_err(|e| Error(e.to_string()))?;
        let profile = Profile {
            full_name: nfc(&old.name),
            cell: nfc(&old.cell),
            revision: 1,
            ..Profile::default()
        };
        let mut notebook = model::Notebook::new(old.id, profile);
        for (year, old_year) in old.years {
            let mut book = YearBook::new(model::DEFAULT_THEME_ID);
            let mut next_order: BTreeMap<Area, u32> = BTreeMap::new();
            for c in old_year.commitments {
                let area = area_from_name(&c.area);
                let order = next_order.entry(area).or_default();
                book.commitments.push(Commitment {
                    id: c.id,
                    area,
                    content: nfc(&c.content),
                    measures: nfc(&c.measures),
                    product: nfc(&c.product),
                    deadline: c.deadline.as_deref().map(parse_dmy).transpose()?,
                    order: *order,
                    revision: 1,
                });
                *order += 1;
            }
            book.commitments.sort_by_key(Commitment::sort_key);
            for e in old_year.entries {
                book.entries.push(Entry {
                    id: e.id,
                    date: parse_dmy(&e.date)?,
                    kind: kind_from_name(&e.kind),
                    title: nfc(&e.title),
                    text: nfc(&e.text),
                    commitments: Vec::new(),
                    revision: 1,
                });
            }
            book.entries.sort_by_key(Entry::sort_key);
            notebook.years.insert(year, book);
        }
        Ok(notebook)
    }

    fn area_from_name(name: &str) -> Area {
        let name = nfc(name.trim()).to_lowercase();
        Area::ALL
            .into_iter()
            .find(|a| a.name_vi().to_lowercase() == name)
            .unwrap_or(Area::Other)
    }

    fn kind_from_name(name: &str) -> EntryKind {
        let name = nfc(name.trim()).to_lowercase();
        EntryKind::ALL
            .into_iter()
            .find(|k| k.name_vi().to_lowercase() == name)
            .unwrap_or(EntryKind::Other)
    }

    fn parse_dmy(text: &str) -> Result<Date, Error> {
        let bad = || Error(format!("ngày không hợp lệ: {text:?}"));
        let mut parts = text.trim().split('/');
        let mut next = || -> Result<i16, Error> {
            parts
                .next()
                .and_then(|p| p.trim().parse().ok())
                .ok_or_else(bad)
        };
        let (d, m, y) = (next()?, next()?, next()?);
        Date::new(y, m as i8, d as i8).map_err(|_| bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_inputs_are_named_damaged() {
        for bytes in [
            &b""[..],
            b"   \n",
            &[0u8; 64],
            b"(schema_version: 1, notebook: (",
            &[0xff, 0xfe],
        ] {
            assert!(matches!(
                decode_notebook(bytes),
                Err(DecodeError::Damaged(_))
            ));
        }
    }

    #[test]
    fn unreadable_newer_file_says_too_new() {
        let text = b"(schema_version: 9, notebook: (shape_from_the_future: true))";
        assert_eq!(decode_notebook(text), Err(DecodeError::TooNew(9)));
    }
}
