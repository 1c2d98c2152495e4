//! Exporting notebooks to files people print, edit and send up: one
//! document tree (`doc`), built once (`content`), rendered by each format.

pub mod cell_papers;
pub mod content;
pub mod doc;
mod docx;
mod markdown;
pub mod papers;
mod pdf;
mod xlsx;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::i18n::{self, T};
use crate::model::{Date, Language, MemberId, Notebook, Year};
use crate::workspace::WorkspaceData;

/// A file format to export to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PDF, to print (A4).
    Pdf,
    /// Word document, to edit (Word, LibreOffice Writer).
    Docx,
    /// Spreadsheet (Excel, LibreOffice Calc).
    Xlsx,
    /// Plain Markdown text.
    Markdown,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Pdf, Format::Docx, Format::Xlsx, Format::Markdown];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Markdown => "md",
        }
    }

    /// Reads a format name as typed on the command line.
    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_lowercase().as_str() {
            "pdf" => Some(Format::Pdf),
            "docx" | "word" => Some(Format::Docx),
            "xlsx" | "excel" => Some(Format::Xlsx),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Whose notebooks, and which years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One member's notebook over the given years.
    Member { id: MemberId, years: Vec<Year> },
    /// The whole cell: the summary of each year, then every member's
    /// notebook (or detail sheet) over those years.
    Cell { years: Vec<Year> },
    /// One of the two papers of a member's year, as that year's form
    /// (a spreadsheet gets the member's year instead).
    Paper {
        id: MemberId,
        year: Year,
        paper: papers::Paper,
    },
    /// One of the cell's papers of a year: the minutes of the year-end
    /// meeting or the report upward (a spreadsheet gets the paper's
    /// lines and tables on one sheet).
    CellPaper {
        year: Year,
        paper: cell_papers::CellPaper,
    },
}

/// Why an export failed, in plain words.
#[derive(Debug)]
pub enum ExportError {
    UnknownMember,
    NothingInYears(Vec<Year>),
    /// Building the file failed; the text is the library's own (often
    /// English), shown only as a technical detail.
    Render(String),
    /// Writing the file (or making its folder) failed.
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
    Exists(String),
    /// The target is a folder, a link or a special file, never replaced.
    NotAFile(String, Occupant),
    /// The user stopped the export; nothing was written.
    Cancelled,
    /// The minutes of a year whose meeting has not been recorded.
    NoMeeting(Year),
}

impl ExportError {
    /// Why, in the interface's language: a sentence from the table, with
    /// any text from a library or the system after it as a detail.
    pub fn message(&self, language: Language) -> String {
        let text = |t: T| t.get(language).to_owned();
        match self {
            ExportError::UnknownMember => text(T::ErrUnknownMemberNotebook),
            ExportError::NothingInYears(years) if years.is_empty() => text(T::ErrNoYearToExport),
            ExportError::NothingInYears(years) => {
                let list: Vec<String> = years.iter().map(ToString::to_string).collect();
                T::ErrNothingInYears.fill(language, &[&list.join(", ")])
            }
            ExportError::Render(detail) => {
                i18n::with_detail(language, text(T::ErrExportRender), detail)
            }
            ExportError::Write { path, error } => {
                let reason = T::io_reason(error.kind()).get(language);
                let head = T::ErrExportWrite.fill(language, &[&path.display(), &reason]);
                i18n::with_detail(language, head, &error.to_string())
            }
            ExportError::Exists(p) => T::ErrExportExists.fill(language, &[p]),
            ExportError::NotAFile(p, kind) => {
                T::ErrExportNotAFile.fill(language, &[p, &kind.name().get(language)])
            }
            ExportError::Cancelled => text(T::ErrExportCancelled),
            ExportError::NoMeeting(year) => T::ErrNoMeetingToExport.fill(language, &[year]),
        }
    }
}

/// The Vietnamese message, as the command line prints it.
impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Language::Vietnamese))
    }
}

impl std::error::Error for ExportError {}

/// How far an export running in the background has come, and the user's
/// wish to stop it; shared between the export and the window.
///
/// Each format reports the steps it has really done, its last step
/// included: nothing forces the end, so a format that stops reporting
/// shows (and fails its test) instead of jumping to 100 %.
#[derive(Debug, Default)]
pub struct Progress {
    /// Thousandths done; only ever grows.
    permille: AtomicU32,
    cancelled: AtomicBool,
    /// Every share reported, in the order reported, when made by
    /// `recording`.
    log: Option<Mutex<Vec<f32>>>,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    /// A progress that also keeps every share reported, for the tests to
    /// check how a format reports.
    #[doc(hidden)]
    pub fn recording() -> Progress {
        Progress {
            log: Some(Mutex::default()),
            ..Progress::default()
        }
    }

    /// The shares reported so far, in order; empty unless `recording`.
    #[doc(hidden)]
    pub fn reports(&self) -> Vec<f32> {
        self.log.as_ref().map_or_else(Vec::new, |log| {
            log.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone()
        })
    }

    /// The share done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.permille.load(Ordering::Relaxed) as f32 / 1000.0
    }

    /// Asks the export to stop at its next step.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Stops with `Cancelled` when the user asked to.
    pub(crate) fn check(&self) -> Result<(), ExportError> {
        if self.is_cancelled() {
            Err(ExportError::Cancelled)
        } else {
            Ok(())
        }
    }

    /// Records `done` of `total` steps of the phase that spans the shares
    /// `from`..`to` of the whole export, then checks for cancelling.
    pub(crate) fn advance(
        &self,
        from: f32,
        to: f32,
        done: usize,
        total: usize,
    ) -> Result<(), ExportError> {
        // The last step lands exactly on `to`, rounding aside.
        let share = if done >= total {
            to
        } else {
            from + (to - from) * done as f32 / total as f32
        };
        if let Some(log) = &self.log {
            log.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(share);
        }
        self.permille
            .fetch_max((share * 1000.0).round() as u32, Ordering::Relaxed);
        self.check()
    }
}

/// Renders the scope in the format, as the bytes of the file.
pub fn render(
    data: &WorkspaceData,
    scope: &Scope,
    format: Format,
    as_of: Date,
) -> Result<Vec<u8>, ExportError> {
    render_with(data, scope, format, as_of, &Progress::new())
}

/// Share of the whole export spent building the document tree. Each
/// format then reports its own steps up to 1, the whole.
const BUILT: f32 = 0.1;

/// Like `render`, reporting progress and stopping when cancelled.
pub fn render_with(
    data: &WorkspaceData,
    scope: &Scope,
    format: Format,
    as_of: Date,
    progress: &Progress,
) -> Result<Vec<u8>, ExportError> {
    if let Scope::CellPaper { year, paper } = scope {
        let doc = cell_papers::cell_paper(data, *paper, *year, as_of)?;
        progress.advance(0.0, BUILT, 1, 1)?;
        return match format {
            Format::Xlsx => xlsx::render_document(&doc, &format!("Năm {year}"), progress),
            Format::Markdown => {
                let text = markdown::render(&doc);
                progress.advance(BUILT, 1.0, 1, 1)?;
                Ok(text.into_bytes())
            }
            Format::Pdf => pdf::render(&[doc], crate::fonts::REGULAR, crate::fonts::BOLD, progress),
            Format::Docx => docx::render(&doc, progress),
        };
    }
    let src = Source::new(data, scope)?;
    let bytes = match format {
        Format::Xlsx => xlsx::render(
            &src.cell_name,
            &src.members,
            src.years,
            src.summary,
            src.left_out.as_deref(),
            as_of,
            progress,
        )?,
        Format::Markdown => {
            let text = markdown::render(&flatten(src.parts(as_of, progress)?));
            progress.advance(BUILT, 1.0, 1, 1)?;
            text.into_bytes()
        }
        Format::Pdf => pdf::render(
            &src.parts(as_of, progress)?,
            crate::fonts::REGULAR,
            crate::fonts::BOLD,
            progress,
        )?,
        Format::Docx => docx::render(&flatten(src.parts(as_of, progress)?), progress)?,
    };
    Ok(bytes)
}

/// The PDF's pages as laid out, one line per text line or box with its
/// position: what the golden tests compare, to catch layout changes.
#[doc(hidden)]
pub fn pdf_layout(data: &WorkspaceData, scope: &Scope, as_of: Date) -> Result<String, ExportError> {
    if let Scope::CellPaper { year, paper } = scope {
        let doc = cell_papers::cell_paper(data, *paper, *year, as_of)?;
        return pdf::layout_text(&[doc], crate::fonts::REGULAR, crate::fonts::BOLD);
    }
    let src = Source::new(data, scope)?;
    let parts = src.parts(as_of, &Progress::new())?;
    pdf::layout_text(&parts, crate::fonts::REGULAR, crate::fonts::BOLD)
}

/// What a scope exports: whose notebooks, which years, under which cell.
struct Source<'a> {
    settings: &'a crate::model::Settings,
    members: Vec<&'a Notebook>,
    years: &'a [Year],
    /// The cell's summary comes first.
    summary: bool,
    cell_name: String,
    /// For a cell, the line naming the notebooks that could not be read.
    left_out: Option<String>,
    /// Set when the scope is one paper of the member's only year.
    paper: Option<papers::Paper>,
}

impl<'a> Source<'a> {
    fn new(data: &'a WorkspaceData, scope: &'a Scope) -> Result<Source<'a>, ExportError> {
        let settings = &data.settings;
        let mut paper = None;
        let (members, years, summary): (Vec<&Notebook>, &[Year], bool) = match scope {
            Scope::Member { id, years } => {
                let nb = data.notebooks.get(id).ok_or(ExportError::UnknownMember)?;
                (vec![nb.as_ref()], years, false)
            }
            Scope::Paper {
                id,
                year,
                paper: kind,
            } => {
                let nb = data.notebooks.get(id).ok_or(ExportError::UnknownMember)?;
                paper = Some(*kind);
                (vec![nb.as_ref()], std::slice::from_ref(year), false)
            }
            Scope::Cell { years } => (
                data.notebooks.values().map(AsRef::as_ref).collect(),
                years,
                true,
            ),
            Scope::CellPaper { year, .. } => (
                data.notebooks.values().map(AsRef::as_ref).collect(),
                std::slice::from_ref(year),
                true,
            ),
        };
        if !members
            .iter()
            .any(|n| years.iter().any(|y| n.years.contains_key(y)))
        {
            return Err(ExportError::NothingInYears(years.to_vec()));
        }
        let cell_name = if settings.cell_name.is_empty() {
            members
                .first()
                .map(|n| n.profile.cell.clone())
                .unwrap_or_default()
        } else {
            settings.cell_name.clone()
        };
        let left_out = summary
            .then(|| content::left_out_note(&data.left_out))
            .flatten();
        Ok(Source {
            settings,
            members,
            years,
            summary,
            cell_name,
            left_out,
            paper,
        })
    }

    fn parts(
        &self,
        as_of: Date,
        progress: &Progress,
    ) -> Result<Vec<doc::Document<'a>>, ExportError> {
        parts(self, as_of, progress)
    }
}

/// The parts of a scope's document, each starting on a new page: for a
/// cell, each year's summary first, then the members by name.
fn parts<'a>(
    src: &Source<'a>,
    as_of: Date,
    progress: &Progress,
) -> Result<Vec<doc::Document<'a>>, ExportError> {
    let years = src.years;
    let mut sorted: Vec<&Notebook> = src
        .members
        .iter()
        .copied()
        .filter(|nb| years.iter().any(|y| nb.years.contains_key(y)))
        .collect();
    sorted.sort_by_cached_key(|n| crate::text::name_sort_key(&n.profile.full_name));
    let mut parts = Vec::new();
    if let (Some(kind), Some(nb), [year]) = (src.paper, sorted.first(), years) {
        parts.push(papers::paper(kind, src.settings, nb, *year));
        progress.advance(0.0, BUILT, 1, 1)?;
        return Ok(parts);
    }
    if src.summary {
        for &y in years {
            parts.push(content::cell_summary(
                &src.cell_name,
                sorted.iter().copied(),
                y,
                as_of,
                src.left_out.as_deref(),
            ));
        }
    }
    for (i, nb) in sorted.iter().enumerate() {
        parts.push(content::member_notebook(src.settings, nb, years, as_of));
        progress.advance(0.0, BUILT, i + 1, sorted.len())?;
    }
    Ok(parts)
}

/// One document of the parts, a page break between each; titled by the
/// first.
fn flatten(parts: Vec<doc::Document<'_>>) -> doc::Document<'_> {
    let mut out = doc::Document::new(String::new());
    for (i, part) in parts.into_iter().enumerate() {
        if i == 0 {
            out.title = part.title;
        } else {
            out.blocks.push(doc::Block::PageBreak);
        }
        out.blocks.extend(part.blocks);
    }
    out
}

/// Renders and writes the file atomically; an existing file is replaced
/// only when `overwrite`, and only when it is a regular file (see
/// `write_export`).
pub fn export_to(
    data: &WorkspaceData,
    scope: &Scope,
    format: Format,
    out: &Path,
    overwrite: bool,
    as_of: Date,
) -> Result<(), ExportError> {
    export_with(data, scope, format, out, overwrite, as_of, &Progress::new())
}

/// Like `export_to`, reporting progress; a cancelled export writes
/// nothing.
pub fn export_with(
    data: &WorkspaceData,
    scope: &Scope,
    format: Format,
    out: &Path,
    overwrite: bool,
    as_of: Date,
    progress: &Progress,
) -> Result<(), ExportError> {
    // Asked now so that a wrong target fails before a long rendering;
    // asked again at the end, where it counts.
    refuse_target(out, overwrite)?;
    let bytes = render_with(data, scope, format, as_of, progress)?;
    progress.check()?;
    write_export(out, &bytes, overwrite)
}

/// What is at a path an export would write to, when it is not a regular
/// file (which alone an export ever replaces).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occupant {
    Folder,
    Link,
    /// A device, a pipe (FIFO) or a socket.
    Special,
}

impl Occupant {
    fn of(file_type: std::fs::FileType) -> Option<Occupant> {
        if file_type.is_file() {
            None
        } else if file_type.is_dir() {
            Some(Occupant::Folder)
        } else if file_type.is_symlink() {
            Some(Occupant::Link)
        } else {
            Some(Occupant::Special)
        }
    }

    fn name(self) -> T {
        match self {
            Occupant::Folder => T::OccupantFolder,
            Occupant::Link => T::OccupantLink,
            Occupant::Special => T::OccupantSpecial,
        }
    }
}

/// Refuses anything but a regular file at `out` (a link is refused, not
/// followed), and a file at all unless `overwrite`.
fn refuse_target(out: &Path, overwrite: bool) -> Result<(), ExportError> {
    match std::fs::symlink_metadata(out) {
        Ok(meta) => match Occupant::of(meta.file_type()) {
            Some(kind) => Err(ExportError::NotAFile(out.display().to_string(), kind)),
            None if overwrite => Ok(()),
            None => Err(ExportError::Exists(out.display().to_string())),
        },
        Err(_) => Ok(()),
    }
}

/// Writes the bytes at `out` through a temporary file of a unique name
/// beside it (`.<name>.XXXXXX.part`, the user's alone: 0600 on Unix), so
/// a half-written export never replaces a good file and a user's own
/// file of any name is never touched. Without `overwrite`, the last step
/// is a rename that refuses to replace what appeared at `out` meanwhile
/// (`Exists`); with it, only a regular file is ever replaced. A folder
/// made for the export is the user's alone too (0700 on Unix). The
/// second half of `export_with`, apart for the tests.
#[doc(hidden)]
pub fn write_export(out: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    let failed = |path: &Path| {
        let path = path.to_owned();
        move |error| ExportError::Write { path, error }
    };
    let dir = match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    crate::store::create_private_dirs(dir).map_err(failed(dir))?;
    let name = out.file_name().ok_or_else(|| ExportError::Write {
        path: out.to_owned(),
        error: std::io::ErrorKind::InvalidInput.into(),
    })?;
    remove_leftovers(dir, name);
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    let mut part = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(PART_SUFFIX)
        .tempfile_in(dir)
        .map_err(failed(dir))?;
    std::io::Write::write_all(&mut part, bytes).map_err(failed(out))?;
    part.as_file().sync_all().map_err(failed(out))?;
    if overwrite {
        // As late as can be: a link or a device put there meanwhile is
        // still refused.
        refuse_target(out, true)?;
        part.persist(out).map_err(|e| failed(out)(e.error))?;
    } else {
        part.persist_noclobber(out)
            .map_err(|e| match e.error.kind() {
                std::io::ErrorKind::AlreadyExists => ExportError::Exists(out.display().to_string()),
                _ => failed(out)(e.error),
            })?;
    }
    Ok(())
}

const PART_SUFFIX: &str = ".part";

/// How old a temporary file of an export must be to count as left by
/// one that was killed, not one still writing.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes what killed exports to the same name left in `dir`: files
/// named exactly as `write_export` names its temporary files for `name`
/// (the six random letters included), older than `LEFTOVER_AGE`. Nothing
/// else is touched; a failure is no reason not to export.
fn remove_leftovers(dir: &Path, name: &std::ffi::OsStr) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let name = name.as_encoded_bytes();
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let Some(middle) = file_name
            .as_encoded_bytes()
            .strip_prefix(b".")
            .and_then(|rest| rest.strip_prefix(name))
            .and_then(|rest| rest.strip_prefix(b"."))
            .and_then(|rest| rest.strip_suffix(PART_SUFFIX.as_bytes()))
        else {
            continue;
        };
        if middle.len() != 6 || !middle.iter().all(u8::is_ascii_alphanumeric) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .is_some_and(|m| {
                m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age >= LEFTOVER_AGE)
            });
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::has_vietnamese_letters;

    fn every_error() -> Vec<ExportError> {
        vec![
            ExportError::UnknownMember,
            ExportError::NothingInYears(Vec::new()),
            ExportError::NothingInYears(vec![2020, 2021]),
            ExportError::Render("PDF export failed: Overflow".into()),
            ExportError::Write {
                path: PathBuf::from("/tmp/sổ.pdf"),
                error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            },
            ExportError::Exists("out.pdf".into()),
            ExportError::NotAFile("out.pdf".into(), Occupant::Folder),
            ExportError::NotAFile("out.pdf".into(), Occupant::Link),
            ExportError::NotAFile("out.pdf".into(), Occupant::Special),
            ExportError::Cancelled,
            ExportError::NoMeeting(2020),
        ]
    }

    #[test]
    fn english_messages_carry_no_vietnamese_but_the_users_own_path() {
        for e in every_error() {
            let message = e.message(Language::English).replace("sổ", "");
            assert!(!has_vietnamese_letters(&message), "{message}");
        }
    }

    #[test]
    fn foreign_error_text_only_trails_a_vietnamese_sentence() {
        for e in every_error() {
            let message = e.message(Language::Vietnamese);
            let (head, detail) = message
                .split_once(" Chi tiết kỹ thuật: ")
                .unwrap_or((&message, ""));
            assert!(has_vietnamese_letters(head), "{message}");
            assert!(
                !head.contains("failed") && !head.contains("denied"),
                "{message}"
            );
            if matches!(e, ExportError::Render(_) | ExportError::Write { .. }) {
                assert!(!detail.is_empty(), "the raw detail is kept: {message}");
            }
        }
        let write = &every_error()[4];
        assert!(
            write
                .message(Language::Vietnamese)
                .starts_with("Không ghi được tệp /tmp/sổ.pdf: không có quyền"),
            "{}",
            write.message(Language::Vietnamese)
        );
    }
}
