//! The "Xuất file…" dialog: format, scope and destination, then the export
//! itself on a background thread with a progress bar and a stop button, and
//! at the end a way to open the folder.
//!
//! The destination is a plain path field, filled with a sensible default;
//! "Chọn chỗ lưu…" opens the system's file dialog on another thread (rfd),
//! and when the system has none the field is still there to type into.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use eframe::egui::{self, RichText, Ui};

use super::look;
use crate::export::cell_papers::CellPaper;
use crate::export::papers::Paper;
use crate::export::{self, ExportError, Format, Progress, Scope};
use crate::i18n::{self, T};
use crate::model::{Date, Language, MemberId, Year};
use crate::workspace::WorkspaceData;

/// Which notebooks to export, as offered in the dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The shown member, the shown year.
    ThisYear,
    /// The shown member, every year of the notebook.
    AllYears,
    /// Every member of the cell, the shown year.
    WholeCell,
    /// Every member of the cell, every year anyone has a book for.
    WholeCellAllYears,
    /// The shown member's commitment paper of the shown year, as its form.
    CommitmentPaper,
    /// The shown member's self-review paper of the shown year, as its form.
    SelfReviewPaper,
    /// The minutes of the cell's meeting of the shown year.
    Minutes,
    /// The cell's report upward of the shown year.
    Report,
}

/// What the dialog needs to know about the window around it.
pub struct Context<'a> {
    pub lang: Language,
    pub member: MemberId,
    pub name: &'a str,
    pub year: Year,
    /// The member's years with a book, in order.
    pub member_years: Vec<Year>,
    /// How many members have a book for the shown year.
    pub cell_members: usize,
    /// The years anyone in the cell has a book for, in order.
    pub cell_years: Vec<Year>,
    pub cell_name: &'a str,
}

impl Context<'_> {
    fn scope(&self, reach: Reach) -> Scope {
        match reach {
            Reach::ThisYear => Scope::Member {
                id: self.member,
                years: vec![self.year],
            },
            Reach::AllYears => Scope::Member {
                id: self.member,
                years: self.member_years.clone(),
            },
            Reach::WholeCell => Scope::Cell {
                years: vec![self.year],
            },
            Reach::WholeCellAllYears => Scope::Cell {
                years: self.cell_years.clone(),
            },
            Reach::CommitmentPaper => Scope::Paper {
                id: self.member,
                year: self.year,
                paper: Paper::Commitment,
            },
            Reach::SelfReviewPaper => Scope::Paper {
                id: self.member,
                year: self.year,
                paper: Paper::SelfReview,
            },
            Reach::Minutes => Scope::CellPaper {
                year: self.year,
                paper: CellPaper::Minutes,
            },
            Reach::Report => Scope::CellPaper {
                year: self.year,
                paper: CellPaper::Report,
            },
        }
    }

    /// The scopes offered, with their labels: the cell's only when the
    /// workspace holds more than one member's book for the year.
    fn reaches(&self) -> Vec<(Reach, String)> {
        let lang = self.lang;
        let mut reaches = vec![
            (
                Reach::ThisYear,
                i18n::fill(T::ExportThisYear.get(lang), &[&self.name, &self.year]),
            ),
            (
                Reach::AllYears,
                i18n::fill(
                    T::ExportAllYears.get(lang),
                    &[&self.name, &self.member_years.len()],
                ),
            ),
            (
                Reach::CommitmentPaper,
                i18n::fill(
                    T::ExportCommitmentPaper.get(lang),
                    &[&self.name, &self.year],
                ),
            ),
            (
                Reach::SelfReviewPaper,
                i18n::fill(
                    T::ExportSelfReviewPaper.get(lang),
                    &[&self.name, &self.year],
                ),
            ),
        ];
        if self.cell_members > 1 {
            reaches.push((
                Reach::WholeCell,
                i18n::fill(
                    T::ExportWholeCell.get(lang),
                    &[&self.year, &self.cell_members],
                ),
            ));
        }
        if self.cell_members > 1 {
            for (reach, label) in [
                (Reach::Minutes, T::ExportMinutes),
                (Reach::Report, T::ExportReport),
            ] {
                reaches.push((reach, i18n::fill(label.get(lang), &[&self.year])));
            }
        }
        if self.cell_members > 1 && self.cell_years.len() > 1 {
            let span = self.span(&self.cell_years).replace('-', "–");
            reaches.push((
                Reach::WholeCellAllYears,
                i18n::fill(T::ExportWholeCellAllYears.get(lang), &[&span]),
            ));
        }
        reaches
    }

    /// "2020", or "2020-2025" for several years.
    fn span(&self, years: &[Year]) -> String {
        let first = years.first().copied().unwrap_or(self.year);
        let last = years.last().copied().unwrap_or(self.year);
        if first == last {
            first.to_string()
        } else {
            format!("{first}-{last}")
        }
    }

    /// The file name offered: what it holds, readable in a folder list.
    fn file_name(&self, reach: Reach, format: Format) -> String {
        let what = match format {
            Format::Xlsx => "Tổng hợp",
            _ => "Sổ phấn đấu",
        };
        let cell = match self.cell_name.trim() {
            "" => "chi bộ",
            name => name,
        };
        let stem = match reach {
            Reach::ThisYear => format!("{what} {} {}", self.name, self.year),
            Reach::AllYears => format!("{what} {} {}", self.name, self.span(&self.member_years)),
            Reach::WholeCell => format!("{what} {cell} {}", self.year),
            Reach::WholeCellAllYears => format!("{what} {cell} {}", self.span(&self.cell_years)),
            Reach::CommitmentPaper => format!("Bản cam kết {} {}", self.name, self.year),
            Reach::SelfReviewPaper => format!("Bản kiểm điểm {} {}", self.name, self.year),
            Reach::Minutes => format!("Biên bản họp {cell} {}", self.year),
            Reach::Report => format!("Báo cáo xếp loại {cell} {}", self.year),
        };
        format!("{}.{}", file_safe(&stem), format.extension())
    }
}

/// A running export: its progress, and a way to stop it.
fn running(ui: &mut Ui, lang: Language, job: &Job) {
    ui.add(egui::ProgressBar::new(job.progress.fraction()).show_percentage());
    ui.horizontal(|ui| {
        if job.progress.is_cancelled() {
            ui.label(T::ExportStopping.get(lang));
        } else {
            ui.label(T::ExportRunning.get(lang));
            if ui.button(T::ExportStop.get(lang)).clicked() {
                job.progress.cancel();
            }
        }
    });
}

/// Leaves out what Windows forbids in a file name.
fn file_safe(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| !matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .filter(|c| !c.is_control())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The folder offered first: the user's Documents, else home, else here.
pub(super) fn default_folder() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|u| {
            u.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(u.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// An export running on its own thread.
struct Job {
    progress: Arc<Progress>,
    done: Receiver<Result<(), ExportError>>,
    path: PathBuf,
    format: Format,
}

/// How the last export ended.
enum Outcome {
    /// The file written, and why opening it (or its folder) failed.
    Written(PathBuf, Option<String>),
    Failed(String),
}

/// An export the user asked for.
pub struct Order {
    scope: Scope,
    format: Format,
    path: PathBuf,
    /// The user was told the file exists and chose to replace it; else a
    /// file found there at the end (made meanwhile) is left alone.
    overwrite: bool,
}

impl Order {
    /// An order that replaces a regular file at `path`, as the dialog's
    /// «Replace» does.
    pub fn new(scope: Scope, format: Format, path: PathBuf) -> Order {
        Order {
            scope,
            format,
            path,
            overwrite: true,
        }
    }
}

/// What the window should do after the dialog's frame.
pub enum Request {
    /// Write every draft, then start the export with the data as it is.
    Start(Order),
    Close,
}

/// The dialog's state while it is open.
pub struct ExportDialog {
    format: Format,
    reach: Reach,
    /// The destination as shown in the field.
    path: String,
    /// The user typed or picked the destination: keep its folder and name.
    chosen: bool,
    folder: PathBuf,
    /// The file dialog's answer to come, and when it was opened.
    picking: Option<(Receiver<Option<PathBuf>>, std::time::Instant)>,
    /// The system has no file dialog (it answered at once, with nothing).
    no_dialog: bool,
    job: Option<Job>,
    outcome: Option<Outcome>,
    /// A file written since the window last asked, and its format.
    written: Option<(PathBuf, Format)>,
    /// Whether the destination is an existing file, as of when the path
    /// last changed or an export last ended: not looked up every frame.
    exists: Option<(PathBuf, bool)>,
}

impl ExportDialog {
    /// Offers the last export's folder (when it still exists) and format.
    pub fn new(folder: Option<&str>, format: Option<&str>) -> ExportDialog {
        ExportDialog {
            format: format.and_then(Format::parse).unwrap_or(Format::Pdf),
            reach: Reach::ThisYear,
            path: String::new(),
            chosen: false,
            folder: folder
                .map(PathBuf::from)
                .filter(|f| f.is_dir())
                .unwrap_or_else(default_folder),
            picking: None,
            no_dialog: false,
            job: None,
            outcome: None,
            written: None,
            exists: None,
        }
    }

    /// Whether the destination is a file already (asked of the disk only
    /// when the path changed since the last answer, or an export ended).
    fn destination_exists(&mut self, path: &Path) -> bool {
        match &self.exists {
            Some((known, answer)) if known == path => *answer,
            _ => {
                let answer = path.is_file();
                self.exists = Some((path.to_path_buf(), answer));
                answer
            }
        }
    }

    /// The file written by the export that just finished, and its
    /// format, once.
    pub fn take_written(&mut self) -> Option<(PathBuf, Format)> {
        self.written.take()
    }

    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Stops a running export and waits a moment for it, so that closing
    /// the window leaves no half-written file behind.
    pub fn stop(&mut self, wait: std::time::Duration) {
        if let Some(job) = self.job.take() {
            job.progress.cancel();
            let _ = job.done.recv_timeout(wait);
        }
    }

    /// Runs the export on its own thread; `data` is a snapshot (notebooks
    /// are shared, not copied), so the user may go on typing meanwhile.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        data: WorkspaceData,
        order: Order,
        as_of: Date,
        lang: Language,
    ) {
        let Order {
            scope,
            format,
            path,
            overwrite,
        } = order;
        let progress = Arc::new(Progress::new());
        let (tx, rx) = mpsc::channel();
        let shared = Arc::clone(&progress);
        let target = path.clone();
        let waker = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("export".to_owned())
            .spawn(move || {
                let result =
                    export::export_with(&data, &scope, format, &target, overwrite, as_of, &shared);
                let _ = tx.send(result);
                waker.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.outcome = None;
                self.job = Some(Job {
                    progress,
                    done: rx,
                    path,
                    format,
                });
            }
            Err(e) => {
                let why = ExportError::Render(e.to_string()).message(lang);
                self.outcome = Some(Outcome::Failed(why));
            }
        }
    }

    /// Takes the answers of the file dialog and of the export, if any came.
    fn follow(&mut self, lang: Language) {
        if let Some((rx, opened)) = &self.picking {
            match rx.try_recv() {
                Ok(picked) => {
                    // Nobody closes a dialog within half a second: there
                    // was none to show.
                    self.no_dialog = picked.is_none()
                        && opened.elapsed() < std::time::Duration::from_millis(500);
                    self.picking = None;
                    if let Some(p) = picked {
                        self.path = p.display().to_string();
                        self.chosen = true;
                    }
                }
                Err(TryRecvError::Disconnected) => self.picking = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some(job) = &self.job {
            let ended = match job.done.try_recv() {
                Ok(Ok(())) => Some(Outcome::Written(job.path.clone(), None)),
                // Said in the window's words: the button offers to replace.
                Ok(Err(ExportError::Exists(p))) => {
                    Some(Outcome::Failed(T::ExportKeptExisting.fill(lang, &[&p])))
                }
                Ok(Err(e)) => Some(Outcome::Failed(e.message(lang))),
                // The thread ended without a word: it panicked.
                Err(TryRecvError::Disconnected) => {
                    Some(Outcome::Failed(T::ExportCrashed.get(lang).to_owned()))
                }
                Err(TryRecvError::Empty) => None,
            };
            if let Some(outcome) = ended {
                let format = job.format;
                self.job = None;
                if let Outcome::Written(path, None) = &outcome {
                    self.written = Some((path.clone(), format));
                }
                self.exists = None;
                self.outcome = Some(outcome);
            }
        }
    }

    /// The default name follows the format and scope until the user types
    /// or picks a destination of their own.
    fn follow_default(&mut self, cx: &Context) {
        if !self.chosen {
            self.path = self
                .folder
                .join(cx.file_name(self.reach, self.format))
                .display()
                .to_string();
        }
    }

    /// A chosen name keeps its name but takes the format's extension.
    fn change_format(&mut self, format: Format) {
        self.format = format;
        if self.chosen && !self.path.trim().is_empty() {
            self.path = with_extension(Path::new(self.path.trim()), format)
                .display()
                .to_string();
        }
    }

    /// Opens the system's save dialog on its own thread.
    fn pick(&mut self, ctx: &egui::Context, cx: &Context) {
        let (tx, rx) = mpsc::channel();
        let current = PathBuf::from(self.path.trim());
        let folder = current
            .parent()
            .filter(|p| p.is_dir())
            .map_or_else(|| self.folder.clone(), Path::to_path_buf);
        let name = current
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| cx.file_name(self.reach, self.format));
        let format = self.format;
        let lang = cx.lang;
        let title = T::ExportPickTitle.get(lang);
        let waker = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let picked = rfd::FileDialog::new()
                    .set_title(title)
                    .set_directory(folder)
                    .set_file_name(name)
                    .add_filter(format_name(lang, format), &[format.extension()])
                    .save_file();
                let _ = tx.send(picked);
                waker.request_repaint();
            });
        if spawned.is_ok() {
            self.picking = Some((rx, std::time::Instant::now()));
        }
    }

    /// Shows the dialog; returns what the window should do.
    pub fn show(&mut self, ctx: &egui::Context, cx: &Context) -> Option<Request> {
        self.follow(cx.lang);
        let mut request = None;
        let modal = egui::Modal::new(egui::Id::unique("export-dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            request = self.contents(ui, cx);
        });
        if modal.should_close() && !self.running() && request.is_none() {
            request = Some(Request::Close);
        }
        if self.running() || self.picking.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        request
    }

    fn contents(&mut self, ui: &mut Ui, cx: &Context) -> Option<Request> {
        let lang = cx.lang;
        ui.heading(T::ExportTitle.get(lang));
        ui.add_space(4.0);
        let idle = !self.running();
        let submit = ui.add_enabled_ui(idle, |ui| self.choices(ui, cx)).inner;
        let path = PathBuf::from(self.path.trim());
        let exists = self.destination_exists(&path);
        if idle && exists && !matches!(&self.outcome, Some(Outcome::Written(p, _)) if *p == path) {
            ui.colored_label(
                look::warning_colour(ui.visuals().dark_mode),
                T::ExportExists.get(lang),
            );
        }
        ui.add_space(8.0);
        ui.separator();
        if let Some(job) = &self.job {
            running(ui, lang, job);
            return None;
        }
        self.outcome(ui, lang);
        ui.add_space(4.0);
        let mut request = None;
        // Just written: opening it is the main thing now, and writing it
        // again is a plain choice, not the bold button.
        let just_written = matches!(&self.outcome, Some(Outcome::Written(p, _)) if *p == path);
        ui.horizontal(|ui| {
            let (go, main) = match (exists, just_written) {
                (true, true) => (T::ExportAgain, false),
                (true, false) => (T::ExportOverwrite, true),
                (false, _) => (T::ExportGo, true),
            };
            let mut label = RichText::new(go.get(lang));
            if main {
                label = label.family(look::bold_family());
            }
            if ui.button(label).clicked() || submit {
                request = self.check(cx, &path);
            }
            if ui.button(T::ExportClose.get(lang)).clicked() {
                request = Some(Request::Close);
            }
        });
        request
    }

    /// Format, scope and destination; returns whether Enter was pressed
    /// in the destination field (which exports, as the button would).
    fn choices(&mut self, ui: &mut Ui, cx: &Context) -> bool {
        let lang = cx.lang;
        ui.label(RichText::new(T::ExportFormat.get(lang)).family(look::bold_family()));
        for f in Format::ALL {
            if ui.radio(self.format == f, format_name(lang, f)).clicked() {
                self.change_format(f);
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new(T::ExportScope.get(lang)).family(look::bold_family()));
        for (r, label) in cx.reaches() {
            if ui.radio(self.reach == r, label).clicked() {
                self.reach = r;
            }
        }
        self.follow_default(cx);
        ui.add_space(6.0);
        let l = ui.label(RichText::new(T::ExportDestination.get(lang)).family(look::bold_family()));
        let field = ui
            .add(egui::TextEdit::singleline(&mut self.path).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        if field.changed() {
            self.chosen = true;
            self.outcome = None;
        }
        let submit = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let picking = self.picking.is_some();
            if ui
                .add_enabled(!picking, egui::Button::new(T::ExportPick.get(lang)))
                .on_hover_text(T::ExportPickTip.get(lang))
                .clicked()
            {
                self.pick(ui.ctx(), cx);
            }
        });
        if self.picking.is_some() {
            ui.label(T::ExportPicking.get(lang));
        } else if self.no_dialog {
            ui.label(T::ExportNoDialog.get(lang));
        }
        submit
    }

    /// How the last export ended: the file written, with ways to open it,
    /// or why it failed.
    fn outcome(&mut self, ui: &mut Ui, lang: Language) {
        match &self.outcome {
            Some(Outcome::Written(p, open_failed)) => {
                let p = p.clone();
                ui.label(i18n::fill(T::ExportDone.get(lang), &[&p.display()]));
                let mut open = None;
                ui.horizontal_wrapped(|ui| {
                    if let Some(folder) = p.parent()
                        && ui.button(T::ExportOpenFolder.get(lang)).clicked()
                    {
                        open = Some(folder.to_path_buf());
                    }
                    let file =
                        RichText::new(T::ExportOpenFile.get(lang)).family(look::bold_family());
                    if ui.button(file).clicked() {
                        open = Some(p.clone());
                    }
                });
                if let Some(why) = open_failed {
                    ui.colored_label(look::warning_colour(ui.visuals().dark_mode), why.as_str());
                }
                if let Some(target) = open {
                    let failed = open_with_system(&target, lang).err();
                    self.outcome = Some(Outcome::Written(p, failed));
                }
            }
            Some(Outcome::Failed(why)) => {
                ui.colored_label(look::warning_colour(ui.visuals().dark_mode), why);
            }
            None => {}
        }
    }

    /// Refuses a destination that cannot be written, in words; else the
    /// request to start.
    fn check(&mut self, cx: &Context, path: &Path) -> Option<Request> {
        let lang = cx.lang;
        let problem = if path.as_os_str().is_empty() {
            Some(T::ExportNoPath.get(lang).to_owned())
        } else if path.is_dir() {
            Some(T::ExportIsFolder.get(lang).to_owned())
        } else if path.parent().is_some_and(|p| p.is_file()) {
            Some(i18n::fill(
                T::ExportBadFolder.get(lang),
                &[&path
                    .parent()
                    .map_or_else(String::new, |p| p.display().to_string())],
            ))
        } else {
            None
        };
        if let Some(why) = problem {
            self.outcome = Some(Outcome::Failed(why));
            return None;
        }
        // A name typed without an extension gets the format's; a file of
        // that other name was not shown as existing, so it is not replaced.
        let (path, overwrite) = if path.extension().is_none() {
            (with_extension(path, self.format), false)
        } else {
            (path.to_path_buf(), self.destination_exists(path))
        };
        self.path = path.display().to_string();
        Some(Request::Start(Order {
            scope: cx.scope(self.reach),
            format: self.format,
            path,
            overwrite,
        }))
    }
}

/// The path with the format's extension: one of the export formats'
/// extensions is replaced, any other extension kept and added to.
fn with_extension(path: &Path, format: Format) -> PathBuf {
    let ext = format.extension();
    match path.extension().and_then(|e| e.to_str()) {
        Some(e)
            if Format::ALL
                .iter()
                .any(|f| f.extension().eq_ignore_ascii_case(e)) =>
        {
            path.with_extension(ext)
        }
        _ => {
            let mut p = path.as_os_str().to_owned();
            p.push(".");
            p.push(ext);
            PathBuf::from(p)
        }
    }
}

pub fn format_name(lang: Language, format: Format) -> &'static str {
    match format {
        Format::Pdf => T::FormatPdf,
        Format::Docx => T::FormatDocx,
        Format::Xlsx => T::FormatXlsx,
        Format::Markdown => T::FormatMarkdown,
    }
    .get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_follows_the_format() {
        let p = |s: &str, f| with_extension(Path::new(s), f).display().to_string();
        assert_eq!(p("so.XLSX", Format::Pdf), "so.pdf");
        assert_eq!(p("so", Format::Docx), "so.docx");
        assert_eq!(p("bao.cao.2020", Format::Markdown), "bao.cao.2020.md");
    }

    #[test]
    fn file_names_are_safe_on_windows() {
        assert_eq!(file_safe("Sổ: A/B  *C?"), "Sổ AB C");
    }
}

/// Opens a file or a folder in the system's program for it. Where the
/// system has no such program (a Linux without `xdg-open`), says so
/// instead of failing silently: the opener would start nothing.
fn open_with_system(target: &Path, lang: Language) -> Result<(), String> {
    if !has_opener(std::env::var_os("PATH")) {
        return Err(i18n::fill(
            T::ExportNoOpener.get(lang),
            &[&target.display()],
        ));
    }
    opener::open(target).map_err(|e| i18n::fill(T::ExportOpenFailed.get(lang), &[&e]))
}

/// Whether the system has a program that opens files: always on Windows
/// and macOS; elsewhere `xdg-open` (or `wslview` under WSL) on the `PATH`.
#[cfg(all(unix, not(target_os = "macos")))]
fn has_opener(path: Option<std::ffi::OsString>) -> bool {
    path.is_some_and(|p| {
        std::env::split_paths(&p).any(|dir| {
            ["xdg-open", "wslview"]
                .iter()
                .any(|program| dir.join(program).is_file())
        })
    })
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn has_opener(_path: Option<std::ffi::OsString>) -> bool {
    true
}

#[cfg(test)]
mod opening_tests {
    use super::*;

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn an_opener_is_looked_for_on_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let empty = std::env::join_paths([dir.path()]).unwrap();
        assert!(!has_opener(Some(empty.clone())));
        assert!(!has_opener(None));
        std::fs::write(dir.path().join("xdg-open"), "").unwrap();
        assert!(has_opener(Some(empty)));
    }

    #[test]
    fn without_an_opener_the_window_says_so() {
        // A PATH with nothing on it: no program to open the file.
        if has_opener(Some(std::ffi::OsString::new())) {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let why = open_with_system(dir.path(), Language::Vietnamese).unwrap_err();
        assert!(why.contains("không có chương trình"), "{why}");
    }
}
