//! How notebooks and settings look on disk: RON, human-readable, with a
//! `schema_version` in every file, and the migrations from older versions.

use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;

use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};

use super::damage::Damage;
use crate::exchange::Received;
use crate::i18n::{Message, T, Value};
use crate::model::{CellPart, CellReview, Meeting, MemberId, Notebook, Settings, Year, YearBook};

/// The version this program writes. 2: the self-review is written in the
/// year's form, as answers by section and criterion. 3: the cell's part
/// (remarks, levels, sign-off) left the member's notebook for a file of its
/// own, `cell/<id>.ron`, and the cell's meetings are in `cell/meetings.ron`.
pub const SCHEMA_VERSION: u32 = 3;

#[derive(Serialize)]
struct NotebookOut<'a> {
    schema_version: u32,
    notebook: &'a Notebook,
}

#[derive(Deserialize, PartialEq)]
struct NotebookIn {
    schema_version: u32,
    notebook: Notebook,
}

#[derive(Serialize)]
struct CellOut<'a> {
    schema_version: u32,
    member: MemberId,
    years: &'a BTreeMap<Year, CellReview>,
}

#[derive(Deserialize, PartialEq)]
struct CellIn {
    schema_version: u32,
    member: MemberId,
    #[serde(default)]
    years: BTreeMap<Year, CellReview>,
}

#[derive(Serialize)]
struct MeetingsOut<'a> {
    schema_version: u32,
    meetings: &'a BTreeMap<Year, Meeting>,
}

#[derive(Deserialize)]
struct MeetingsIn {
    schema_version: u32,
    #[serde(default)]
    meetings: BTreeMap<Year, Meeting>,
}

#[derive(Serialize)]
struct ReceivedOut<'a> {
    schema_version: u32,
    members: &'a BTreeMap<MemberId, Received>,
}

#[derive(Deserialize)]
struct ReceivedIn {
    schema_version: u32,
    #[serde(default)]
    members: BTreeMap<MemberId, Received>,
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

/// The start of a notebook file: its version, the member's id and profile.
#[derive(Deserialize, PartialEq)]
struct HeaderIn {
    schema_version: u32,
    notebook: NotebookHeader,
}

#[derive(Deserialize, PartialEq)]
struct NotebookHeader {
    id: MemberId,
    profile: crate::model::Profile,
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
    // One line end everywhere: ron's default is "\r\n" on Windows, which
    // the renderer and `decode_header` do not write or read.
    PrettyConfig::new()
        .escape_strings(false)
        .indentor("\t")
        .new_line("\n")
}

pub fn notebook_to_ron(notebook: &Notebook) -> String {
    let out = NotebookOut {
        schema_version: SCHEMA_VERSION,
        notebook,
    };
    ron::ser::to_string_pretty(&out, pretty()).expect("notebooks always serialise") + "\n"
}

/// The cell's part for one member, as `cell/<id>.ron` holds it.
pub fn cell_to_ron(part: &CellPart) -> String {
    let out = CellOut {
        schema_version: SCHEMA_VERSION,
        member: part.member,
        years: &part.years,
    };
    ron::ser::to_string_pretty(&out, pretty()).expect("cell parts always serialise") + "\n"
}

/// The cell's meetings, as `cell/meetings.ron` holds them.
pub fn meetings_to_ron(meetings: &BTreeMap<Year, Meeting>) -> String {
    let out = MeetingsOut {
        schema_version: SCHEMA_VERSION,
        meetings,
    };
    ron::ser::to_string_pretty(&out, pretty()).expect("meetings always serialise") + "\n"
}

/// What one side received by exchange file (`exchange/<side>.ron`).
pub fn received_to_ron(members: &BTreeMap<MemberId, Received>) -> String {
    let out = ReceivedOut {
        schema_version: SCHEMA_VERSION,
        members,
    };
    ron::ser::to_string_pretty(&out, pretty()).expect("exchange records always serialise") + "\n"
}

/// Reads what one side received.
pub fn decode_received(bytes: &[u8]) -> Result<Decoded<BTreeMap<MemberId, Received>>, DecodeError> {
    let text = as_text(bytes)?;
    match ron::from_str::<ReceivedIn>(text) {
        Ok(file) if file.schema_version > SCHEMA_VERSION => Ok(Decoded::Newer {
            value: file.members,
            version: file.schema_version,
        }),
        Ok(file) => Ok(Decoded::Current(file.members)),
        Err(err) => match version_of(text, &err)? {
            v if v > SCHEMA_VERSION => Err(DecodeError::TooNew(v)),
            _ => Err(DecodeError::Damaged(syntax(&err))),
        },
    }
}

pub fn settings_to_ron(settings: &Settings) -> String {
    let out = SettingsOut {
        schema_version: SCHEMA_VERSION,
        settings,
    };
    ron::ser::to_string_pretty(&out, pretty()).expect("settings always serialise") + "\n"
}

/// Renders notebooks to exactly the bytes of `notebook_to_ron`, but keeps
/// the text of each year and reuses it while the year is unchanged: an edit
/// then costs the serialisation of one year, not of the member's whole file.
#[derive(Default)]
pub struct Renderer {
    years: BTreeMap<(MemberId, Year), (YearBook, String)>,
}

impl Renderer {
    pub fn render(&mut self, notebook: &Notebook) -> String {
        let id = notebook.id;
        self.years
            .retain(|(member, year), _| *member != id || notebook.years.contains_key(year));
        let mut out = String::with_capacity(
            1024 + self
                .years
                .range((id, Year::MIN)..=(id, Year::MAX))
                .map(|(_, (_, text))| text.len() + 16)
                .sum::<usize>(),
        );
        let _ = write!(
            out,
            "(\n\tschema_version: {SCHEMA_VERSION},\n\tnotebook: (\n\t\tid: \"{id}\",\n\t\tprofile: "
        );
        push_indented(&mut out, &to_ron(&notebook.profile), 2);
        out.push_str(",\n\t\tyears: {");
        if !notebook.years.is_empty() {
            out.push('\n');
            for (year, book) in &notebook.years {
                let cached = self.years.get(&(id, *year));
                if cached.is_none_or(|(old, _)| old != book) {
                    let mut text = String::new();
                    push_indented(&mut text, &to_ron(book), 3);
                    self.years.insert((id, *year), (book.clone(), text));
                }
                let _ = write!(out, "\t\t\t{year}: ");
                out.push_str(&self.years[&(id, *year)].1);
                out.push_str(",\n");
            }
            out.push_str("\t\t");
        }
        out.push_str("},\n\t),\n)\n");
        out
    }
}

fn to_ron<T: Serialize>(value: &T) -> String {
    ron::ser::to_string_pretty(value, pretty()).expect("notebooks always serialise")
}

/// Appends RON `text` indented by `depth` more tabs: a tab run after every
/// line break that is not inside a string. The serialiser writes strings
/// either plain (`"…"`, then holding no `"` and no `\`) or raw (`r#"…"#`).
fn push_indented(out: &mut String, text: &str, depth: usize) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let len = bytes[i + 1..].iter().position(|&b| b == b'"');
                i = len.map_or(bytes.len(), |len| i + len + 2);
            }
            b'r' if bytes.get(i + 1) == Some(&b'#') => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                let mut close = String::from("\"");
                close.extend(std::iter::repeat_n('#', hashes));
                let body = i + 2 + hashes;
                i = text[body..]
                    .find(&close)
                    .map_or(bytes.len(), |at| body + at + close.len());
            }
            b'\n' => {
                out.push_str(&text[start..=i]);
                out.extend(std::iter::repeat_n('\t', depth));
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[start..]);
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

    pub fn value_mut(&mut self) -> &mut T {
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
    /// Empty, all zero bytes, not text, not valid RON, or breaking the
    /// rules of `validate`: the file is damaged.
    Damaged(Damage),
    /// A newer version wrote it in a shape this version cannot read.
    TooNew(u32),
}

impl DecodeError {
    pub fn to_message(&self) -> Message {
        match self {
            DecodeError::Damaged(why) => Message::new(T::DecodeDamaged).with(why.to_message()),
            DecodeError::TooNew(v) => Message::new(T::DecodeTooNew).with(Value::plain(v)),
        }
    }
}

/// In Vietnamese, as the command line prints it.
impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_message().fmt(f)
    }
}

/// The text of a file: UTF-8, with a byte order mark (Notepad on Windows
/// writes one) dropped.
fn as_text(bytes: &[u8]) -> Result<&str, DecodeError> {
    let text =
        simdutf8::basic::from_utf8(bytes).map_err(|_| DecodeError::Damaged(Damage::NotText))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .is_empty()
    {
        return Err(DecodeError::Damaged(Damage::Empty));
    }
    Ok(text)
}

/// The parser's error as a reason; the hint it gives on deep nesting is
/// meant for developers, so that one gets plain words.
pub(super) fn syntax(e: &ron::error::SpannedError) -> Damage {
    let line = e.span.start.line;
    match e.code {
        ron::Error::ExceededRecursionLimit => Damage::TooDeep { line },
        ref code => Damage::Syntax {
            line,
            col: e.span.start.col,
            detail: code.to_string(),
        },
    }
}

fn version_of(text: &str, parse_error: &ron::error::SpannedError) -> Result<u32, DecodeError> {
    match ron::from_str::<Probe>(text) {
        Ok(Probe { schema_version }) => Ok(schema_version),
        Err(_) => Err(DecodeError::Damaged(syntax(parse_error))),
    }
}

/// Reads a file's value: by the fast reader when the file is as this
/// program writes it, else by `ron` (whose errors are the ones reported).
fn parse<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, ron::error::SpannedError> {
    super::fast::from_str(text).or_else(|_| ron::from_str(text))
}

/// For the fuzzers (`fuzz/`): whether the fast reader, wherever it reads
/// a notebook, a cell file or a notebook's start at all, reads what `ron`
/// reads (its promise; `parse` relies on it).
#[doc(hidden)]
pub fn fast_reader_agrees(text: &str) -> bool {
    fn agrees<'a, T: Deserialize<'a> + PartialEq>(text: &'a str) -> bool {
        let fast = super::fast::from_str::<T>(text).ok();
        fast.is_none_or(|fast| ron::from_str::<T>(text).is_ok_and(|slow| slow == fast))
    }
    agrees::<NotebookIn>(text) && agrees::<CellIn>(text) && agrees::<HeaderIn>(text)
}

pub fn decode_notebook(bytes: &[u8]) -> Result<Decoded<Notebook>, DecodeError> {
    let mut decoded = decode_notebook_text(bytes)?;
    match &mut decoded {
        Decoded::Current(n)
        | Decoded::Migrated { value: n, .. }
        | Decoded::Newer { value: n, .. } => n.shrink_to_fit(),
    }
    Ok(decoded)
}

fn decode_notebook_text(bytes: &[u8]) -> Result<Decoded<Notebook>, DecodeError> {
    let text = as_text(bytes)?;
    match parse::<NotebookIn>(text) {
        Ok(file) if file.schema_version > SCHEMA_VERSION => Ok(Decoded::Newer {
            value: file.notebook,
            version: file.schema_version,
        }),
        // Version 1 parses as today's shape but would drop its self-review.
        Ok(file) if file.schema_version == 1 => v1::decode(text)
            .map(|value| Decoded::Migrated { value, from: 1 })
            .map_err(DecodeError::Damaged),
        // Version 2 parses too, but its cell's part is in the notebook.
        Ok(file) if file.schema_version == 2 => v2::join_cell_part(text, file.notebook)
            .map(|value| Decoded::Migrated { value, from: 2 })
            .map_err(DecodeError::Damaged),
        Ok(file) => Ok(Decoded::Current(file.notebook)),
        Err(err) => match version_of(text, &err)? {
            0 => v0::decode(text)
                .map(|value| Decoded::Migrated { value, from: 0 })
                .map_err(DecodeError::Damaged),
            1 => v1::decode(text)
                .map(|value| Decoded::Migrated { value, from: 1 })
                .map_err(DecodeError::Damaged),
            2 => Err(DecodeError::Damaged(syntax(&err))),
            v if v > SCHEMA_VERSION => Err(DecodeError::TooNew(v)),
            _ => Err(DecodeError::Damaged(syntax(&err))),
        },
    }
}

/// The member's id and profile from the first bytes of a notebook file as
/// this program writes it (the profile comes before the years): the text
/// up to the years, closed. `None` when the start does not read so (a file
/// edited by hand, older, damaged, or a profile longer than `bytes`); the
/// whole file tells once it is read. Only for naming a member early: the
/// notebook read whole is what counts.
pub fn decode_header(bytes: &[u8]) -> Option<(MemberId, crate::model::Profile)> {
    const YEARS: &str = ",\n\t\tyears: {";
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // Cut inside a letter: the whole letters before it.
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let end = text.find(YEARS)?;
    let head = format!("{}))", &text[..end]);
    let file: HeaderIn = parse(&head).ok()?;
    (file.schema_version == SCHEMA_VERSION).then_some((file.notebook.id, file.notebook.profile))
}

/// Reads a cell file (`cell/<id>.ron`). Cell files began with version 3.
pub fn decode_cell(bytes: &[u8]) -> Result<Decoded<CellPart>, DecodeError> {
    let text = as_text(bytes)?;
    match parse::<CellIn>(text) {
        Ok(file) => {
            let part = CellPart {
                member: file.member,
                years: file.years,
            };
            Ok(if file.schema_version > SCHEMA_VERSION {
                Decoded::Newer {
                    value: part,
                    version: file.schema_version,
                }
            } else {
                Decoded::Current(part)
            })
        }
        Err(err) => match version_of(text, &err)? {
            v if v > SCHEMA_VERSION => Err(DecodeError::TooNew(v)),
            _ => Err(DecodeError::Damaged(syntax(&err))),
        },
    }
}

/// Reads the cell's meetings (`cell/meetings.ron`).
pub fn decode_meetings(bytes: &[u8]) -> Result<Decoded<BTreeMap<Year, Meeting>>, DecodeError> {
    let text = as_text(bytes)?;
    match ron::from_str::<MeetingsIn>(text) {
        Ok(file) if file.schema_version > SCHEMA_VERSION => Ok(Decoded::Newer {
            value: file.meetings,
            version: file.schema_version,
        }),
        Ok(file) => Ok(Decoded::Current(file.meetings)),
        Err(err) => match version_of(text, &err)? {
            v if v > SCHEMA_VERSION => Err(DecodeError::TooNew(v)),
            _ => Err(DecodeError::Damaged(syntax(&err))),
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
        Err(err) => match version_of(text, &err)? {
            v if v > SCHEMA_VERSION => Err(DecodeError::TooNew(v)),
            _ => Err(DecodeError::Damaged(syntax(&err))),
        },
    }
}

/// Version 2: the cell's part (remarks, decision) was kept inside each year
/// of the member's notebook. It is read back into the joined notebook, and
/// the store writes it to the cell's own file on the next save.
mod v2 {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use crate::model::{CellReview, Notebook, Year};

    #[derive(Deserialize)]
    struct FileV2 {
        notebook: NotebookV2,
    }

    #[derive(Deserialize)]
    struct NotebookV2 {
        #[serde(default)]
        years: BTreeMap<Year, YearV2>,
    }

    #[derive(Deserialize)]
    struct YearV2 {
        #[serde(default)]
        cell_review: CellReview,
    }

    pub fn join_cell_part(text: &str, mut notebook: Notebook) -> Result<Notebook, super::Damage> {
        let old: FileV2 = ron::from_str(text).map_err(|e| super::syntax(&e))?;
        for (year, y) in old.notebook.years {
            if let Some(book) = notebook.years.get_mut(&year) {
                book.cell_review = y.cell_review;
            }
        }
        Ok(notebook)
    }
}

/// Version 1: the self-review was five free texts. Everything else reads
/// as today; the texts go to the sections of the year's form that ask for
/// them, so nothing is lost: strengths to I, how the commitments were kept
/// to I's criterion on them, shortcomings and causes together to II
/// ("Hạn chế, khuyết điểm và nguyên nhân"), remedies to VI.
mod v1 {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use uuid::Uuid;

    use crate::model::{
        self, Answer, CellReview, Commitment, Date, Entry, Level, Profile, ProgressRecord,
        Registration, Score, SelfReview, Year, YearBook,
    };

    #[derive(Deserialize)]
    struct FileV1 {
        notebook: NotebookV1,
    }

    #[derive(Deserialize)]
    struct NotebookV1 {
        id: Uuid,
        profile: Profile,
        #[serde(default)]
        years: BTreeMap<Year, YearV1>,
    }

    #[derive(Deserialize)]
    struct YearV1 {
        theme_id: String,
        registration: Registration,
        #[serde(default)]
        commitments: Vec<Commitment>,
        #[serde(default)]
        progress: Vec<ProgressRecord>,
        #[serde(default)]
        entries: Vec<Entry>,
        #[serde(default)]
        self_review: Option<SelfReviewV1>,
        #[serde(default)]
        cell_review: CellReview,
    }

    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct SelfReviewV1 {
        strengths: String,
        shortcomings: String,
        causes: String,
        remedies: String,
        commitments_kept: String,
        proposed_level: Option<Level>,
        score: Option<Score>,
        written_on: Option<Date>,
        revision: u32,
    }

    pub fn decode(text: &str) -> Result<model::Notebook, super::Damage> {
        let old: FileV1 = ron::from_str(text).map_err(|e| super::syntax(&e))?;
        let old = old.notebook;
        let leader = old.profile.leader;
        let mut notebook = model::Notebook::new(old.id, old.profile);
        for (year, y) in old.years {
            let book = YearBook {
                theme_id: y.theme_id,
                registration: y.registration,
                commitments: y.commitments,
                progress: y.progress,
                entries: y.entries,
                self_review: y.self_review.map(|r| self_review(year, leader, r)),
                cell_review: y.cell_review,
            };
            notebook.years.insert(year, book);
        }
        Ok(notebook)
    }

    /// The five texts in the sections of the year's form.
    fn self_review(year: Year, leader: bool, old: SelfReviewV1) -> SelfReview {
        let form = crate::themes::rules_for(year)
            .form_for(leader)
            .map(|f| f.id.clone())
            .unwrap_or_default();
        let (s, c) = (old.shortcomings, old.causes);
        let shortcomings = match (s.trim().is_empty(), c.trim().is_empty()) {
            (_, true) => s,
            (true, false) => format!("Nguyên nhân: {c}"),
            (false, false) => format!("{s}\n\nNguyên nhân: {c}"),
        };
        let mut answers = BTreeMap::new();
        for (key, text) in [
            ("strengths", old.strengths),
            ("commitments", old.commitments_kept),
            ("shortcomings", shortcomings),
            ("remedies", old.remedies),
        ] {
            if !text.is_empty() {
                let answer = Answer {
                    text: text.into(),
                    rating: None,
                };
                answers.insert(key.to_owned(), answer);
            }
        }
        SelfReview {
            form,
            answers,
            declared: Default::default(),
            proposed_level: old.proposed_level,
            score: old.score,
            written_on: old.written_on,
            revision: old.revision,
        }
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

    type Error = super::Damage;

    pub fn decode(text: &str) -> Result<model::Notebook, Error> {
        let old: NotebookV0 = ron::from_str(text).map_err(|e| super::syntax(&e))?;
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
                    content: nfc(&c.content).into(),
                    measures: nfc(&c.measures).into(),
                    product: nfc(&c.product).into(),
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
                    title: nfc(&e.title).into(),
                    text: nfc(&e.text).into(),
                    commitments: Vec::new(),
                    revision: 1,
                });
            }
            book.entries.sort_by_key(Entry::sort_key);
            notebook.years.insert(year, book);
        }
        Ok(notebook)
    }

    /// The area words version 0 files hold, exactly as that program wrote
    /// them. Frozen: they are not the labels of `crate::i18n`, which may be
    /// corrected at any time without changing how old files read.
    pub(super) const LEGACY_AREAS: [(&str, Area); 7] = [
        ("Tư tưởng chính trị", Area::PoliticalIdeology),
        ("Đạo đức, lối sống", Area::EthicsLifestyle),
        ("Ý thức tổ chức kỷ luật", Area::Discipline),
        ("Tác phong, lề lối làm việc; nêu gương", Area::WorkingStyle),
        ("Thực hiện chức trách, nhiệm vụ được giao", Area::Duties),
        ("Khắc phục hạn chế, khuyết điểm", Area::FixingShortcomings),
        ("Nội dung khác", Area::Other),
    ];

    /// The entry kind words of version 0 files; frozen like `LEGACY_AREAS`.
    pub(super) const LEGACY_KINDS: [(&str, EntryKind); 4] = [
        ("Học tập", EntryKind::Study),
        ("Rèn luyện", EntryKind::Practice),
        ("Sinh hoạt chi bộ", EntryKind::CellMeeting),
        ("Khác", EntryKind::Other),
    ];

    /// The value whose legacy word matches `name`, ignoring case, spaces
    /// around it and Unicode composition; `fallback` for any other word.
    fn from_legacy<V: Copy>(words: &[(&str, V)], name: &str, fallback: V) -> V {
        let name = nfc(name.trim()).to_lowercase();
        words
            .iter()
            .find(|(word, _)| word.to_lowercase() == name)
            .map_or(fallback, |&(_, value)| value)
    }

    pub(super) fn area_from_name(name: &str) -> Area {
        from_legacy(&LEGACY_AREAS, name, Area::Other)
    }

    pub(super) fn kind_from_name(name: &str) -> EntryKind {
        from_legacy(&LEGACY_KINDS, name, EntryKind::Other)
    }

    /// Dates in version 0 files were written as the window shows them.
    fn parse_dmy(text: &str) -> Result<Date, Error> {
        crate::text::parse_dmy(text).ok_or_else(|| Error::OldDate(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Area, EntryKind};

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
    fn a_read_notebook_keeps_no_spare_room_in_its_lists() {
        let cell = crate::demo::generate(crate::demo::DemoSpec {
            members: 1,
            years: 2,
            first_year: 2020,
            seed: 5,
        });
        let written = notebook_to_ron(&cell.notebooks[0]);
        let read = decode_notebook(written.as_bytes()).unwrap().into_value();
        assert!(read == cell.notebooks[0].own_part());
        for book in read.years.values() {
            assert!(book.progress.len() > 12);
            assert_eq!(book.progress.capacity(), book.progress.len());
            assert_eq!(book.entries.capacity(), book.entries.len());
            assert_eq!(book.commitments.capacity(), book.commitments.len());
        }
    }

    #[test]
    fn renderer_matches_the_serialiser_before_and_after_edits() {
        let cell = crate::demo::generate(crate::demo::DemoSpec {
            members: 2,
            years: 3,
            first_year: 2020,
            seed: 5,
        });
        let mut renderer = Renderer::default();
        // Plain asserts: a whole file in a failure message is unreadable.
        for notebook in &cell.notebooks {
            assert!(renderer.render(notebook) == notebook_to_ron(notebook));
        }
        let mut nb = cell.notebooks[0].clone();
        let awkward = "Dòng một\n\"trích\" \\ r#\"x\"# \n\tcuối";
        nb.years.get_mut(&2021).unwrap().entries[0].text = awkward.into();
        nb.profile.workplace = "years: {},\n)".to_owned();
        assert!(renderer.render(&nb) == notebook_to_ron(&nb));
        nb.years.remove(&2020);
        assert!(renderer.render(&nb) == notebook_to_ron(&nb));
        nb.years.clear();
        assert!(renderer.render(&nb) == notebook_to_ron(&nb));
        assert_eq!(
            decode_notebook(renderer.render(&nb).as_bytes()),
            Ok(Decoded::Current(nb))
        );
    }

    #[test]
    fn legacy_words_map_to_their_area_whatever_the_labels_say() {
        // Literal words, as version 0 wrote them; not looked up in the
        // label table, so correcting a label cannot move old commitments.
        assert_eq!(
            v0::area_from_name("Ý thức tổ chức kỷ luật"),
            Area::Discipline
        );
        assert_eq!(
            v0::area_from_name("  tác phong, lề lối làm việc; nêu gương "),
            Area::WorkingStyle
        );
        // Decomposed (NFD) text, as some editors save it.
        assert_eq!(
            v0::area_from_name(
                "Tu\u{031b} tu\u{031b}o\u{031b}\u{0309}ng chi\u{0301}nh tri\u{0323}"
            ),
            Area::PoliticalIdeology
        );
        assert_eq!(v0::area_from_name("Political ideology"), Area::Other);
        assert_eq!(
            v0::kind_from_name("Sinh hoạt chi bộ"),
            EntryKind::CellMeeting
        );
        assert_eq!(v0::kind_from_name("Học tập"), EntryKind::Study);
        // Every value has exactly one legacy word.
        for area in Area::ALL {
            let words = v0::LEGACY_AREAS.iter().filter(|(_, a)| *a == area);
            assert_eq!(words.count(), 1, "{area:?}");
        }
        for kind in EntryKind::ALL {
            let words = v0::LEGACY_KINDS.iter().filter(|(_, k)| *k == kind);
            assert_eq!(words.count(), 1, "{kind:?}");
        }
        for (word, area) in v0::LEGACY_AREAS {
            assert_eq!(v0::area_from_name(word), area, "{word}");
        }
    }

    /// The fast reader takes every file this program writes, and reads it
    /// as `ron` does; what it does not take, `ron` still reads.
    #[test]
    fn the_fast_reader_reads_what_ron_reads() {
        let cell = crate::demo::generate(crate::demo::DemoSpec {
            members: 3,
            years: 3,
            first_year: 2020,
            seed: 7,
        });
        let fast = |text: &str| super::super::fast::from_str::<NotebookIn>(text).ok();
        let slow = |text: &str| ron::from_str::<NotebookIn>(text).ok();
        let same = |a: Option<NotebookIn>, b: Option<NotebookIn>| {
            a.map(|f| (f.schema_version, f.notebook)) == b.map(|f| (f.schema_version, f.notebook))
        };
        for notebook in &cell.notebooks {
            let text = notebook_to_ron(notebook);
            let read = fast(&text).expect("the fast reader takes what we write");
            assert!(read.notebook.profile == notebook.profile);
            assert!(same(Some(read), slow(&text)));
            let cell_text = cell_to_ron(&notebook.cell_part());
            let part = super::super::fast::from_str::<CellIn>(&cell_text).unwrap();
            assert!(part.years == notebook.cell_part().years);
        }
        let text = notebook_to_ron(&cell.notebooks[0]);
        let name = &cell.notebooks[0].profile.full_name;
        // Hand edits: each is either read alike or left to `ron`.
        let edits = [
            text.replacen("revision: 1", "revision: 01", 1),
            text.replacen("revision: 1", "revision: +1", 1),
            text.replacen("revision: 1", "revision: 1_0", 1),
            text.replacen("revision: 1", "revision: 99999999999", 1),
            text.replacen("revision: 1", "revision: -1", 1),
            text.replacen(name, "Tên \\\"trích\\\"", 1),
            text.replacen(&format!("\"{name}\""), "r#\"Tên \"trích\"\"#", 1),
            text.replacen("profile: (", "profile: Profile(", 1),
            text.replacen("profile: (", "// ghi chú\n\t\tprofile: (", 1),
            text.replacen("sex: Some(", "sex: Some (", 1),
            text.replacen("leader: false", "leader: true", 1),
            text.replacen("leader: false", "leader: 0", 1),
            text.replacen(
                "leader: false,",
                "leader: false, extra: [1, (a: {2: \"x\"})],",
                1,
            ),
            text.replacen("None", "Some(None)", 1),
            text.replacen(",\n", "\n", 3),
            text.replacen("\n", "\r\n", 5),
            text.clone() + "x",
            text.replacen("Month(", "Month (", 1),
            text.replacen("Month(", "Quarter(", 1),
            text.replacen("2020: (", "2020 : (", 1),
            text.replacen("2020: (", "r#2020: (", 1),
            text[..text.len() / 2].to_owned(),
        ];
        for (n, edited) in edits.iter().enumerate() {
            let read = fast(edited);
            if read.is_some() {
                assert!(same(read, slow(edited)), "edit {n} read differently");
            }
        }
        // A raw string, a flipped flag, an unknown field, CRLF lines.
        for n in [6, 10, 12, 15] {
            assert!(fast(&edits[n]).is_some(), "edit {n}");
        }
    }

    #[test]
    fn the_start_of_a_file_names_its_member() {
        let nb = crate::demo::generate(crate::demo::DemoSpec {
            members: 1,
            years: 2,
            first_year: 2020,
            seed: 3,
        })
        .notebooks
        .remove(0);
        let text = notebook_to_ron(&nb);
        let cut = &text.as_bytes()[..text.find("years: {").unwrap() + 40];
        assert_eq!(decode_header(cut), Some((nb.id, nb.profile.clone())));
        assert_eq!(decode_header(&text.as_bytes()[..200]), None);
        assert_eq!(decode_header(text.replace('\n', "\r\n").as_bytes()), None);
    }

    #[test]
    fn unreadable_newer_file_says_too_new() {
        let text = b"(schema_version: 9, notebook: (shape_from_the_future: true))";
        assert_eq!(decode_notebook(text), Err(DecodeError::TooNew(9)));
    }
}
