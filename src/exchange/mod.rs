//! Exchange files (`.sophandau`) carry one side's part between a member's
//! machine and the secretary's (DESIGN.md, "Exchange"): the member's own
//! part ("Nộp sổ cho chi bộ") or the cell's part ("Trả nhận xét").
//!
//! A file is a RON header, a marker line, and a RON body. The header names
//! the format and its version, the kind, the members and years inside, the
//! program and the time that wrote it, and the body's length and SHA-256;
//! nothing in a file is executable. A file is checked whole before anything
//! changes (`read`), then merged record by record (`merge`).

mod merge;

use std::fmt;
use std::io::Read as _;
use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::i18n::{Message, T, Value};
use crate::model::{CellPart, Language, MemberId, Notebook, Role, Year};
use crate::store::{Damage, DecodeError, IoFailure, validate};
use crate::text::Normalize;

pub use merge::CopyOf;
pub use merge::{
    Conflict, Count, ImportPlan, MemberSummary, Received, RecordKey, RecordValue, Skipped,
    local_value, plan_import,
};
pub(crate) use merge::{merge_copy, replace_with, settle_conflict};

/// The name every exchange file's header carries.
pub const FORMAT: &str = "sophandau-exchange";
/// The version this program writes and the newest it reads.
pub const VERSION: u32 = 1;
/// The file name's extension.
pub const EXTENSION: &str = "sophandau";
/// The largest file read: far above a member's whole notebook (about
/// 1 MB for ten years) or a whole cell's remarks.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The header must end within this many bytes.
const MAX_HEADER_BYTES: usize = 64 * 1024;
/// The line between the header and the body.
const MARK: &str = "\n// --- nội dung (body) ---\n";
const FIRST_LINE: &str = "// Sổ phấn đấu: tệp trao đổi giữa đảng viên và chi bộ. Không sửa tay: tệp bị sửa sẽ bị từ chối.\n";

/// Which side's part a file carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// The member's own part of their notebook (nộp sổ cho chi bộ).
    MemberPart,
    /// The cell's part for one or more members (trả nhận xét).
    CellReview,
}

impl Kind {
    /// The side whose part the kind carries.
    pub fn owner(self) -> Role {
        match self {
            Kind::MemberPart => Role::Member,
            Kind::CellReview => Role::Secretary,
        }
    }
}

/// The header of an exchange file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub kind: Kind,
    pub members: Vec<MemberId>,
    pub years: Vec<Year>,
    pub program: String,
    pub written_at: Timestamp,
    pub body_bytes: u64,
    pub body_sha256: String,
}

/// What a file carries, checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// Members' own parts: profile and years, without the cell's part.
    Members(Vec<Notebook>),
    /// The cell's part for members.
    Cell(Vec<CellPart>),
}

#[derive(Serialize, Deserialize)]
struct MembersOut {
    notebooks: Vec<Notebook>,
}

#[derive(Serialize, Deserialize)]
struct CellOut {
    parts: Vec<CellPart>,
}

/// An exchange file read and checked whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    pub header: Header,
    pub body: Body,
}

/// Why a file was refused. Nothing was changed.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    Io(IoFailure),
    /// Over `MAX_BYTES`, or a header that claims a body over it.
    TooBig {
        megabytes: u64,
    },
    /// Not a `.sophandau` file at all (no header, another format).
    NotExchange,
    /// Written by a newer program, in a version this one cannot read.
    TooNew {
        version: u32,
    },
    /// The body is shorter than the header says: the file was cut short.
    Truncated {
        expected: u64,
        found: u64,
    },
    /// The body is longer than the header says.
    SizeMismatch {
        expected: u64,
        found: u64,
    },
    /// The body does not match its checksum: changed or damaged.
    Checksum,
    /// The body does not parse, or breaks the rules a notebook keeps.
    Damaged(Damage),
    /// The header's members do not match the body, or an id repeats.
    Ids,
    /// The other side's kind is needed here (a member takes the cell's
    /// part; the cell takes the members' parts).
    WrongKind {
        kind: Kind,
        role: Role,
    },
    /// A notebook with the id of a different member here.
    Collides {
        id: MemberId,
        here: String,
        there: String,
    },
    /// Nothing in the file is for a member this workspace holds.
    NotForHere,
    /// Encrypted to a passphrase (age): none was given, or (`wrong`) the
    /// one given does not open it.
    Encrypted {
        wrong: bool,
    },
}

impl Refusal {
    /// The refusal, naming the file.
    pub fn to_message(&self, file: &Path) -> Message {
        let name = Value::plain(file.display());
        let why = match self {
            Refusal::Io(e) => Message::new(T::ExRefusedIo)
                .with(e.reason())
                .detail(e.detail.clone()),
            Refusal::TooBig { megabytes } => Message::new(T::ExRefusedTooBig)
                .with(Value::plain(megabytes))
                .with(Value::plain(MAX_BYTES / (1024 * 1024))),
            Refusal::NotExchange => T::ExRefusedNotExchange.into(),
            Refusal::TooNew { version } => {
                Message::new(T::ExRefusedTooNew).with(Value::plain(version))
            }
            Refusal::Truncated { expected, found } => Message::new(T::ExRefusedTruncated)
                .with(Value::plain(found))
                .with(Value::plain(expected)),
            Refusal::SizeMismatch { expected, found } => Message::new(T::ExRefusedSize)
                .with(Value::plain(found))
                .with(Value::plain(expected)),
            Refusal::Checksum => T::ExRefusedChecksum.into(),
            Refusal::Damaged(why) => Message::new(T::ExRefusedDamaged).with(why.to_message()),
            Refusal::Ids => T::ExRefusedIds.into(),
            Refusal::WrongKind {
                kind: Kind::MemberPart,
                ..
            } => T::ExRefusedMemberPartHere.into(),
            Refusal::WrongKind {
                kind: Kind::CellReview,
                ..
            } => T::ExRefusedCellReviewHere.into(),
            Refusal::Collides { id, here, there } => Message::new(T::ExRefusedCollides)
                .with(Value::plain(id))
                .with(Value::plain(there))
                .with(Value::plain(here)),
            Refusal::NotForHere => T::ExRefusedNotForHere.into(),
            Refusal::Encrypted { wrong: false } => T::ExRefusedEncrypted.into(),
            Refusal::Encrypted { wrong: true } => T::ExRefusedPassphrase.into(),
        };
        Message::new(T::ExRefused).with(name).with(why)
    }

    pub fn message(&self, file: &Path, language: Language) -> String {
        self.to_message(file).show(language)
    }
}

impl From<DecodeError> for Refusal {
    fn from(e: DecodeError) -> Refusal {
        match e {
            DecodeError::Damaged(why) => Refusal::Damaged(why),
            DecodeError::TooNew(version) => Refusal::TooNew { version },
        }
    }
}

/// The members' own parts as an exchange file's bytes.
pub fn write_members(notebooks: &[&Notebook], now: Timestamp) -> Vec<u8> {
    let out = MembersOut {
        notebooks: notebooks.iter().map(|n| (*n).clone()).collect(),
    };
    let members = notebooks.iter().map(|n| n.id).collect();
    let mut years: Vec<Year> = notebooks
        .iter()
        .flat_map(|n| n.years.keys().copied())
        .collect();
    years.sort_unstable();
    years.dedup();
    assemble(Kind::MemberPart, members, years, &to_ron(&out), now)
}

/// The cell's part for members, of `years`, as an exchange file's bytes.
/// A year the cell left empty is still covered: its remarks removed here
/// are then removed on the member's side too.
pub fn write_cell(parts: &[CellPart], years: &[Year], now: Timestamp) -> Vec<u8> {
    let parts: Vec<CellPart> = parts
        .iter()
        .map(|p| CellPart {
            member: p.member,
            years: p
                .years
                .iter()
                .filter(|(y, _)| years.contains(y))
                .map(|(y, r)| (*y, r.clone()))
                .collect(),
        })
        .collect();
    let members = parts.iter().map(|p| p.member).collect();
    let mut years = years.to_vec();
    years.sort_unstable();
    years.dedup();
    assemble(
        Kind::CellReview,
        members,
        years,
        &to_ron(&CellOut { parts }),
        now,
    )
}

/// The body as text, with the same line ends on every system (ron's
/// default is "\r\n" on Windows), so one cell's files read alike.
fn to_ron<T: Serialize>(value: &T) -> String {
    let pretty = ron::ser::PrettyConfig::new()
        .escape_strings(false)
        .indentor("\t")
        .new_line("\n");
    ron::ser::to_string_pretty(value, pretty).expect("exchange bodies always serialise") + "\n"
}

fn assemble(
    kind: Kind,
    members: Vec<MemberId>,
    years: Vec<Year>,
    body: &str,
    now: Timestamp,
) -> Vec<u8> {
    let header = Header {
        format: FORMAT.to_owned(),
        version: VERSION,
        kind,
        members,
        years,
        program: env!("CARGO_PKG_VERSION").to_owned(),
        written_at: now,
        body_bytes: body.len() as u64,
        body_sha256: sha256_hex(body.as_bytes()),
    };
    let mut out = String::from(FIRST_LINE);
    out.push_str(&to_ron(&header));
    out.push_str(MARK.trim_start_matches('\n'));
    out.push_str(body);
    out.into_bytes()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads an exchange file from disk, refusing anything over `MAX_BYTES`
/// before reading it, and anything that is not a regular file.
pub fn read_file(path: &Path) -> Result<Exchange, Refusal> {
    let meta = std::fs::metadata(path).map_err(|e| Refusal::Io(e.into()))?;
    if !meta.is_file() {
        return Err(Refusal::NotExchange);
    }
    if meta.len() > MAX_BYTES {
        return Err(Refusal::TooBig {
            megabytes: meta.len() / (1024 * 1024),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Refusal::Io(e.into()))?;
    read(&bytes)
}

/// `read_file` of a file that may be encrypted to a passphrase agreed in
/// person (age, scrypt): decrypted with `passphrase` first.
pub fn read_file_with(path: &Path, passphrase: Option<&str>) -> Result<Exchange, Refusal> {
    match read_file(path) {
        Err(Refusal::Encrypted { .. }) => {}
        other => return other,
    }
    let Some(passphrase) = passphrase.filter(|p| !p.is_empty()) else {
        return Err(Refusal::Encrypted { wrong: false });
    };
    let sealed = std::fs::read(path).map_err(|e| Refusal::Io(e.into()))?;
    match crate::store::crypt::open_with_passphrase(&sealed, passphrase) {
        Ok(plain) => read(&plain),
        Err(crate::store::CryptError::WrongPassphrase) => Err(Refusal::Encrypted { wrong: true }),
        Err(_) => Err(Refusal::NotExchange),
    }
}

/// An exchange file's bytes encrypted to a passphrase agreed in person,
/// in the age format (the `age` tool opens it with `age -d`).
pub fn seal(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, crate::store::CryptError> {
    crate::store::crypt::seal_to_passphrase(bytes, passphrase)
}

/// Checks a whole exchange file: header, version, size, checksum, the
/// body's shape, and the same rules as loading a notebook or a cell file.
/// Text comes out in NFC.
pub fn read(bytes: &[u8]) -> Result<Exchange, Refusal> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Refusal::TooBig {
            megabytes: bytes.len() as u64 / (1024 * 1024),
        });
    }
    if crate::store::crypt::is_sealed(bytes) {
        return Err(Refusal::Encrypted { wrong: false });
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head_end = bytes.len().min(MAX_HEADER_BYTES);
    let mark = bytes[..head_end]
        .windows(MARK.len())
        .position(|w| w == MARK.as_bytes())
        .ok_or(Refusal::NotExchange)?;
    let head = std::str::from_utf8(&bytes[..mark]).map_err(|_| Refusal::NotExchange)?;
    let header = read_header(head)?;
    let body = &bytes[mark + MARK.len()..];
    if header.body_bytes > MAX_BYTES {
        return Err(Refusal::TooBig {
            megabytes: header.body_bytes / (1024 * 1024),
        });
    }
    let found = body.len() as u64;
    if found < header.body_bytes {
        return Err(Refusal::Truncated {
            expected: header.body_bytes,
            found,
        });
    }
    if found > header.body_bytes {
        return Err(Refusal::SizeMismatch {
            expected: header.body_bytes,
            found,
        });
    }
    if sha256_hex(body) != header.body_sha256.to_ascii_lowercase() {
        return Err(Refusal::Checksum);
    }
    let text = std::str::from_utf8(body).map_err(|_| Refusal::Damaged(Damage::NotText))?;
    let body = match header.kind {
        Kind::MemberPart => Body::Members(read_members(text)?),
        Kind::CellReview => Body::Cell(read_cells(text)?),
    };
    let ids: Vec<MemberId> = match &body {
        Body::Members(n) => n.iter().map(|n| n.id).collect(),
        Body::Cell(p) => p.iter().map(|p| p.member).collect(),
    };
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    if unique.len() != ids.len() || ids != header.members {
        return Err(Refusal::Ids);
    }
    Ok(Exchange { header, body })
}

fn read_header(head: &str) -> Result<Header, Refusal> {
    #[derive(Deserialize)]
    struct Probe {
        format: String,
        #[serde(default)]
        version: u32,
    }
    let probe: Probe = ron::from_str(head).map_err(|_| Refusal::NotExchange)?;
    if probe.format != FORMAT {
        return Err(Refusal::NotExchange);
    }
    if probe.version > VERSION {
        return Err(Refusal::TooNew {
            version: probe.version,
        });
    }
    ron::from_str(head).map_err(|_| Refusal::NotExchange)
}

fn syntax(e: &ron::error::SpannedError) -> Refusal {
    Refusal::Damaged(Damage::Syntax {
        line: e.span.start.line,
        col: e.span.start.col,
        detail: e.code.to_string(),
    })
}

fn read_members(text: &str) -> Result<Vec<Notebook>, Refusal> {
    let out: MembersOut = ron::from_str(text).map_err(|e| syntax(&e))?;
    let mut notebooks = out.notebooks;
    for nb in &mut notebooks {
        // In NFC first: it can make a text longer than it was.
        nb.normalize();
        let found = validate::notebook(nb);
        if !found.flaws.is_empty() {
            return Err(Refusal::Damaged(Damage::Invalid(found.flaws)));
        }
    }
    Ok(notebooks)
}

fn read_cells(text: &str) -> Result<Vec<CellPart>, Refusal> {
    let out: CellOut = ron::from_str(text).map_err(|e| syntax(&e))?;
    let mut parts = out.parts;
    for part in &mut parts {
        part.normalize();
        let found = validate::cell_part(part);
        if !found.flaws.is_empty() {
            return Err(Refusal::Damaged(Damage::Invalid(found.flaws)));
        }
    }
    Ok(parts)
}

/// "Nguyễn Văn An 2024.sophandau": a file name from a member's name and
/// the years, with characters no file system takes left out.
pub fn file_name(name: &str, what: &str) -> String {
    let clean: String = format!("{name} {what}")
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .collect();
    format!("{}.{EXTENSION}", clean.trim())
}

impl ImportPlan {
    /// The summary shown before an import, a line each: the file, then
    /// each member with the counts, then what is left out.
    pub fn summary(&self, language: Language) -> Vec<String> {
        let when = self
            .written_at
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%H:%M %d/%m/%Y")
            .to_string();
        let kind = match self.kind {
            Kind::MemberPart => T::ExKindMemberPart,
            Kind::CellReview => T::ExKindCellReview,
        };
        let mut lines = vec![T::ExSummaryHead.fill(language, &[&kind.get(language), &when])];
        for m in &self.members {
            let c = m.count;
            let new = if m.new_member {
                T::ExNewMember.get(language)
            } else {
                ""
            };
            lines.push(T::ExSummaryMember.fill(
                language,
                &[
                    &m.name,
                    &new,
                    &c.new,
                    &c.updated,
                    &c.removed,
                    &c.same,
                    &c.kept,
                    &c.conflicts,
                ],
            ));
            for s in &m.skipped {
                lines.push(skipped_line(s, language));
            }
        }
        for s in &self.skipped {
            lines.push(skipped_line(s, language));
        }
        if self.changes_nothing() {
            lines.push(T::ExNothingChanges.get(language).to_owned());
        }
        lines
    }
}

fn skipped_line(s: &Skipped, language: Language) -> String {
    match s {
        Skipped::NotHere(id) => T::ExSkippedNotHere.fill(language, &[id]),
        Skipped::YearMissing(y) => T::ExSkippedYear.fill(language, &[y]),
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::MemberPart => "MemberPart",
            Kind::CellReview => "CellReview",
        })
    }
}
