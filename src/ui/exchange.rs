//! The "Trao đổi" window (DESIGN.md, "Exchange"): a member hands the
//! notebook in to the cell, a secretary returns the cell's review; both
//! take exchange files in, see what each changes before anything does,
//! and settle the records that differ on both sides.
//!
//! Like every view it only asks: its `Request`s go through the frame's
//! queue, which reads, writes and applies.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use eframe::egui::{self, RichText, Ui};

use super::look;
use crate::exchange::{self, Conflict, Exchange, RecordKey};
use crate::i18n::T;
use crate::model::{Language, MemberId, Role, Year};
use crate::workspace::WorkspaceData;

/// What the window asks the frame to do.
pub enum Request {
    /// Write the exchange file (or files) the choices describe.
    Write,
    /// Read and merge these files, to show what they would change.
    Preview(Vec<PathBuf>),
    /// Take the previewed files.
    Take,
    /// Forget the previewed files.
    Cancel,
    /// Keep the members' and the cell's files in this shared folder (or,
    /// with `None`, here again).
    Share(Option<PathBuf>),
    /// Turn encryption at rest on with this passphrase.
    Encrypt(String),
    /// Turn encryption at rest off; the passphrase confirms it.
    Decrypt(String),
    ChangePassphrase {
        old: String,
        new: String,
    },
    /// Settle a record that differs on both sides.
    Settle {
        member: MemberId,
        key: RecordKey,
        take_theirs: bool,
    },
    Close,
}

/// A file read and merged, waiting for "Nhận" or "Hủy".
pub struct Previewed {
    pub path: PathBuf,
    /// The checked file and the summary lines, or why it is refused.
    pub outcome: Result<(Box<Exchange>, Vec<String>, bool), String>,
}

/// A system dialog's answer.
enum Picked {
    Out(Option<PathBuf>),
    In(Option<Vec<PathBuf>>),
    Shared(Option<PathBuf>),
}

/// What the window shows about the workspace.
pub struct Context<'a> {
    pub lang: Language,
    pub role: Role,
    pub data: &'a WorkspaceData,
    /// The member shown, and their name.
    pub member: Option<(MemberId, &'a str)>,
    pub year: Year,
    /// The shared folder in use, if any.
    pub shared: Option<&'a str>,
    /// Whether the workspace's files are encrypted.
    pub encrypted: bool,
}

/// The part of the window shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Send,
    Take,
    Differences,
    Shared,
    Encryption,
}

pub struct ExchangeDialog {
    pub tab: Tab,
    /// Where "Ghi tệp" writes: a file, or a folder for the whole cell.
    pub out: String,
    /// Secretary: one file per member of the cell, into a folder.
    pub whole_cell: bool,
    /// Secretary: only the shown year's review.
    pub year_only: bool,
    /// Files to take in, one per line.
    pub incoming: String,
    /// The shared folder typed or picked.
    pub shared: String,
    pub previewed: Vec<Previewed>,
    /// Encrypt the exchange file written to `file_passphrase`.
    pub seal: bool,
    /// The passphrase agreed in person for exchange files, written or read.
    pub file_passphrase: String,
    /// The passphrases typed on the encryption tab.
    pub passphrases: super::encryption::PassphraseForm,
    /// What the last step did, for the user to read.
    pub outcome: Vec<String>,
    picking: Option<Receiver<Picked>>,
}

impl ExchangeDialog {
    pub fn new(folder: Option<&str>) -> ExchangeDialog {
        let folder = folder.map_or_else(super::export::default_folder, PathBuf::from);
        ExchangeDialog {
            tab: Tab::Send,
            out: folder.display().to_string(),
            whole_cell: false,
            year_only: true,
            incoming: String::new(),
            shared: String::new(),
            previewed: Vec::new(),
            seal: false,
            file_passphrase: String::new(),
            passphrases: Default::default(),
            outcome: Vec::new(),
            picking: None,
        }
    }

    /// The file name offered for what is written.
    pub fn offered_name(&self, cx: &Context) -> String {
        let name = cx.member.map_or("", |(_, n)| n);
        match cx.role {
            Role::Member => exchange::file_name(name, "nộp sổ"),
            Role::Secretary if self.year_only => {
                exchange::file_name(name, &format!("nhận xét {}", cx.year))
            }
            Role::Secretary => exchange::file_name(name, "nhận xét"),
        }
    }

    /// The files typed or picked to take in.
    pub fn incoming_paths(&self) -> Vec<PathBuf> {
        self.incoming
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    }

    fn pick(&mut self, ctx: &egui::Context, lang: Language, save: Option<String>, folder: bool) {
        self.pick_as(ctx, lang, save, folder, false);
    }

    fn pick_as(
        &mut self,
        ctx: &egui::Context,
        lang: Language,
        save: Option<String>,
        folder: bool,
        shared: bool,
    ) {
        let (tx, rx) = mpsc::channel();
        let start = PathBuf::from(self.out.trim());
        let start = if start.is_dir() {
            start
        } else {
            start.parent().map(PathBuf::from).unwrap_or_default()
        };
        let waker = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let dialog = rfd::FileDialog::new()
                    .set_title(T::ExchangeTitle.get(lang))
                    .set_directory(&start);
                let picked = if shared {
                    Picked::Shared(dialog.pick_folder())
                } else if folder {
                    Picked::Out(dialog.pick_folder())
                } else if let Some(name) = save {
                    Picked::Out(
                        dialog
                            .set_file_name(name)
                            .add_filter(".sophandau", &[exchange::EXTENSION])
                            .save_file(),
                    )
                } else {
                    Picked::In(
                        dialog
                            .add_filter(".sophandau", &[exchange::EXTENSION])
                            .pick_files(),
                    )
                };
                let _ = tx.send(picked);
                waker.request_repaint();
            });
        if spawned.is_ok() {
            self.picking = Some(rx);
        }
    }

    /// Takes a system dialog's answer, if it came.
    fn follow(&mut self) -> Option<Request> {
        let rx = self.picking.as_ref()?;
        let picked = match rx.try_recv() {
            Ok(p) => p,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                self.picking = None;
                return None;
            }
        };
        self.picking = None;
        match picked {
            Picked::Out(Some(path)) => self.out = path.display().to_string(),
            Picked::Shared(Some(path)) => self.shared = path.display().to_string(),
            Picked::In(Some(paths)) => {
                self.incoming = paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("\n");
                return Some(Request::Preview(paths));
            }
            Picked::Out(None) | Picked::In(None) | Picked::Shared(None) => {}
        }
        None
    }

    pub fn show(&mut self, ctx: &egui::Context, cx: &Context) -> Option<Request> {
        let mut request = self.follow();
        let modal = egui::Modal::new(egui::Id::unique("exchange-dialog")).show(ctx, |ui| {
            ui.set_width(680.0);
            if let Some(r) = self.contents(ui, ctx, cx) {
                request = Some(r);
            }
        });
        if modal.should_close() && request.is_none() {
            request = Some(Request::Close);
        }
        if self.picking.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        request
    }

    fn contents(&mut self, ui: &mut Ui, ctx: &egui::Context, cx: &Context) -> Option<Request> {
        let lang = cx.lang;
        let mut request = None;
        ui.heading(T::ExchangeTitle.get(lang));
        ui.add_space(6.0);
        let conflicts: Vec<(MemberId, &Conflict)> = cx
            .data
            .received
            .get(&cx.role)
            .into_iter()
            .flat_map(|m| m.iter())
            .flat_map(|(id, r)| r.conflicts.iter().map(move |c| (*id, c)))
            .collect();
        let send = match cx.role {
            Role::Member => T::ExchangeSend,
            Role::Secretary => T::ExchangeReturn,
        };
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.tab, Tab::Send, send.get(lang));
            ui.selectable_value(&mut self.tab, Tab::Take, T::ExchangeTake.get(lang));
            if !conflicts.is_empty() || self.tab == Tab::Differences {
                let label = T::ExchangeConflictsCount.fill(lang, &[&conflicts.len()]);
                ui.selectable_value(&mut self.tab, Tab::Differences, label);
            }
            ui.selectable_value(&mut self.tab, Tab::Shared, T::SharedTab.get(lang));
            let heading = T::EncryptionHeading.get(lang);
            ui.selectable_value(&mut self.tab, Tab::Encryption, heading);
        });
        ui.separator();
        let shown = match self.tab {
            Tab::Send => self.send(ui, ctx, cx),
            Tab::Take => self.take(ui, ctx, cx),
            Tab::Differences => differences(ui, cx, &conflicts),
            Tab::Shared => self.shared_folder(ui, ctx, cx),
            Tab::Encryption => {
                super::encryption::show(ui, lang, cx.encrypted, &mut self.passphrases)
            }
        };
        request = shown.or(request);
        ui.add_space(8.0);
        ui.separator();
        for line in &self.outcome {
            ui.label(line);
        }
        if ui.button(T::ExportClose.get(lang)).clicked() {
            request = Some(Request::Close);
        }
        request
    }

    /// Writing the file: the member's notebook, or the cell's review.
    fn send(&mut self, ui: &mut Ui, ctx: &egui::Context, cx: &Context) -> Option<Request> {
        let lang = cx.lang;
        let about = match cx.role {
            Role::Member => T::ExchangeSendAbout,
            Role::Secretary => T::ExchangeReturnAbout,
        };
        ui.label(about.get(lang));
        ui.add_space(4.0);
        if cx.role == Role::Secretary {
            let name = cx.member.map_or("", |(_, n)| n);
            ui.radio_value(
                &mut self.whole_cell,
                false,
                T::ExchangeForMember.fill(lang, &[&name]),
            );
            ui.radio_value(&mut self.whole_cell, true, T::ExchangeForCell.get(lang));
            ui.checkbox(
                &mut self.year_only,
                T::ExchangeYearOnly.fill(lang, &[&cx.year]),
            );
        }
        ui.checkbox(&mut self.seal, T::ExchangeEncrypt.get(lang));
        if self.seal {
            self.file_passphrase_field(ui, lang);
        }
        let l = ui.label(T::ExchangeOut.get(lang));
        ui.horizontal(|ui| {
            let pick = ui.button(T::ExchangePick.get(lang));
            ui.add(egui::TextEdit::singleline(&mut self.out).desired_width(ui.available_width()))
                .labelled_by(l.id);
            if pick.clicked() && self.picking.is_none() {
                let folder = cx.role == Role::Secretary && self.whole_cell;
                let name = (!folder).then(|| self.offered_name(cx));
                self.pick(ctx, lang, name, folder);
            }
        });
        ui.add_space(4.0);
        let write = RichText::new(T::ExchangeWrite.get(lang)).family(look::bold_family());
        ui.button(write).clicked().then_some(Request::Write)
    }

    /// The masked field of an exchange file's passphrase.
    fn file_passphrase_field(&mut self, ui: &mut Ui, lang: Language) {
        let l = ui.label(T::ExchangeFilePassphrase.get(lang));
        ui.add(
            egui::TextEdit::singleline(&mut self.file_passphrase)
                .password(true)
                .desired_width(320.0),
        )
        .labelled_by(l.id);
    }

    /// Keeping the notebooks in a folder shared with the cell.
    fn shared_folder(&mut self, ui: &mut Ui, ctx: &egui::Context, cx: &Context) -> Option<Request> {
        let lang = cx.lang;
        let mut request = None;
        ui.label(T::SharedAbout.get(lang));
        ui.add_space(4.0);
        match cx.shared {
            Some(folder) => ui.label(T::SharedNow.fill(lang, &[&folder])),
            None => ui.label(T::SharedNone.get(lang)),
        };
        let l = ui.label(T::SharedFolder.get(lang));
        ui.horizontal(|ui| {
            let pick = ui.button(T::SharedPick.get(lang));
            ui.add(
                egui::TextEdit::singleline(&mut self.shared).desired_width(ui.available_width()),
            )
            .labelled_by(l.id);
            if pick.clicked() && self.picking.is_none() {
                self.pick_as(ctx, lang, None, true, true);
            }
        });
        ui.horizontal(|ui| {
            let folder = PathBuf::from(self.shared.trim());
            let go = RichText::new(T::SharedUse.get(lang)).family(look::bold_family());
            if ui
                .add_enabled(!self.shared.trim().is_empty(), egui::Button::new(go))
                .clicked()
            {
                request = Some(Request::Share(Some(folder)));
            }
            if cx.shared.is_some() && ui.button(T::SharedStop.get(lang)).clicked() {
                request = Some(Request::Share(None));
            }
        });
        request
    }

    /// Taking files in: choose, preview, take or cancel.
    fn take(&mut self, ui: &mut Ui, ctx: &egui::Context, cx: &Context) -> Option<Request> {
        let lang = cx.lang;
        let mut request = None;
        ui.label(T::ExchangeTakeAbout.get(lang));
        ui.add_space(4.0);
        let l = ui.label(T::ExchangeIncoming.get(lang));
        ui.horizontal(|ui| {
            let pick = ui.button(T::ExchangePickIn.get(lang));
            ui.add(
                egui::TextEdit::multiline(&mut self.incoming)
                    .desired_rows(1)
                    .desired_width(ui.available_width()),
            )
            .labelled_by(l.id);
            if pick.clicked() && self.picking.is_none() {
                self.pick(ctx, lang, None, false);
            }
        });
        self.file_passphrase_field(ui, lang);
        if ui.button(T::ExchangePreview.get(lang)).clicked() {
            request = Some(Request::Preview(self.incoming_paths()));
        }
        if !self.previewed.is_empty() {
            request = self.previewed_files(ui, lang).or(request);
        }
        request
    }

    /// Each file previewed: its name, then what it would change, or why
    /// it is refused.
    fn previewed_lines(&self, ui: &mut Ui, warn: egui::Color32) {
        for p in &self.previewed {
            ui.label(RichText::new(p.path.display().to_string()).family(look::bold_family()));
            match &p.outcome {
                Ok((_, lines, _)) => {
                    for line in lines {
                        ui.label(line);
                    }
                }
                Err(why) => {
                    ui.colored_label(warn, why);
                }
            }
        }
    }

    fn previewed_files(&self, ui: &mut Ui, lang: Language) -> Option<Request> {
        let mut request = None;
        let warn = look::warning_colour(ui.visuals().dark_mode);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let height = ui.ctx().content_rect().height() * 0.4;
            egui::ScrollArea::vertical()
                .max_height(height)
                .show(ui, |ui| {
                    self.previewed_lines(ui, warn);
                });
            let takes = self
                .previewed
                .iter()
                .any(|p| matches!(&p.outcome, Ok((_, _, true))));
            ui.horizontal(|ui| {
                let take = egui::Button::new(
                    RichText::new(T::ExchangeTakeGo.get(lang)).family(look::bold_family()),
                );
                if ui.add_enabled(takes, take).clicked() {
                    request = Some(Request::Take);
                }
                if ui.button(T::Cancel.get(lang)).clicked() {
                    request = Some(Request::Cancel);
                }
            });
        });
        request
    }
}

/// The records that differ on both sides, each with its two versions.
fn differences(ui: &mut Ui, cx: &Context, conflicts: &[(MemberId, &Conflict)]) -> Option<Request> {
    let lang = cx.lang;
    if conflicts.is_empty() {
        ui.label(T::ExchangeNoConflicts.get(lang));
        return None;
    }
    ui.colored_label(
        look::warning_colour(ui.visuals().dark_mode),
        T::ExchangeConflictsAbout.get(lang),
    );
    let mut request = None;
    let height = ui.ctx().content_rect().height() * 0.5;
    egui::ScrollArea::vertical()
        .max_height(height)
        .show(ui, |ui| {
            for (member, c) in conflicts {
                if let Some(r) = conflict_row(ui, cx, *member, c) {
                    request = Some(r);
                }
            }
        });
    request
}

/// One record that differs: what it is, both versions side by side, and
/// the two ways to settle it.
fn conflict_row(ui: &mut Ui, cx: &Context, member: MemberId, c: &Conflict) -> Option<Request> {
    let lang = cx.lang;
    let mut request = None;
    let name = cx
        .data
        .notebooks
        .get(&member)
        .map_or_else(|| member.to_string(), |n| n.profile.full_name.clone());
    let ours = exchange::local_value(cx.data, member, c.key)
        .map(|v| v.preview())
        .unwrap_or_default();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(format!("{name}: {}", record_label(c.key, lang)))
                .family(look::bold_family()),
        );
        ui.columns(2, |cols| {
            cols[0].label(RichText::new(T::ExchangeOurs.get(lang)).italics());
            cols[0].label(&ours);
            cols[1].label(RichText::new(T::ExchangeTheirs.fill(lang, &[&c.file])).italics());
            cols[1].label(c.theirs.preview());
        });
        ui.horizontal(|ui| {
            let settle = |take_theirs| Request::Settle {
                member,
                key: c.key,
                take_theirs,
            };
            if ui.button(T::ExchangeKeepOurs.get(lang)).clicked() {
                request = Some(settle(false));
            }
            if ui.button(T::ExchangeTakeTheirs.get(lang)).clicked() {
                request = Some(settle(true));
            }
        });
    });
    request
}

/// What a record is, in words: "Năm 2024 – cam kết".
fn record_label(key: RecordKey, lang: Language) -> String {
    let what = match key {
        RecordKey::Profile => return T::ExRecordProfile.get(lang).to_owned(),
        RecordKey::Year(_) => T::ExRecordYear,
        RecordKey::Commitment(..) => T::ExRecordCommitment,
        RecordKey::Progress(..) => T::ExRecordProgress,
        RecordKey::Entry(..) => T::ExRecordEntry,
        RecordKey::SelfReview(_) => T::ExRecordSelfReview,
        RecordKey::Remark(..) => T::ExRecordRemark,
        RecordKey::Decision(_) => T::ExRecordDecision,
    };
    let year = key.year().unwrap_or_default();
    T::ExRecordInYear.fill(lang, &[&year, &what.get(lang)])
}
