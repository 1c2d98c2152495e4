//! Carrying out what the exchange window asks (`exchange::Request`), at the
//! end of the frame: writing exchange files, reading and merging the ones
//! offered, taking them, and settling differences.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::App;
use super::exchange::{self as window, ExchangeDialog, Previewed, Request};
use super::intent::Intent;
use crate::exchange;
use crate::i18n::T;
use crate::model::{MemberId, Role};
use crate::store;
use crate::workspace::Action;

impl App {
    pub(super) fn open_exchange(&mut self) {
        if self.exchange.is_none() {
            let folder = self.session.workspace.settings().export_folder.clone();
            self.exchange = Some(ExchangeDialog::new(folder.as_deref()));
        }
    }

    pub(super) fn exchange_request(&mut self, request: Request) {
        self.open_exchange();
        match request {
            Request::Write => self.write_exchange(),
            Request::Preview(paths) => self.preview(paths),
            Request::Take => self.take_previewed(),
            Request::Cancel => {
                if let Some(d) = &mut self.exchange {
                    d.previewed.clear();
                    d.outcome.clear();
                }
            }
            Request::Settle {
                member,
                key,
                take_theirs,
            } => {
                let side = self.session.workspace.settings().role;
                let settle = Action::SettleConflict {
                    side,
                    member,
                    key,
                    take_theirs,
                };
                if self.apply(settle) {
                    self.tell(vec![T::ExchangeSettled.get(self.lang()).to_owned()]);
                }
            }
            Request::Share(folder) => self.share(folder),
            Request::Encrypt(passphrase) => {
                let done = self.session.encrypt(&passphrase);
                self.passphrases_told(done.map(|n| T::CryptTurnedOn.fill(self.lang(), &[&n])));
            }
            Request::Decrypt(passphrase) => {
                let done = self.session.decrypt(&passphrase);
                self.passphrases_told(done.map(|n| T::CryptTurnedOff.fill(self.lang(), &[&n])));
            }
            Request::ChangePassphrase { old, new } => {
                let done = self.session.change_passphrase(&old, &new);
                let lang = self.lang();
                self.passphrases_told(done.map(|()| T::CryptChanged.get(lang).to_owned()));
            }
            Request::Close => self.exchange = None,
        }
    }

    /// Forgets the passphrases typed, and says what came of them.
    fn passphrases_told(&mut self, done: Result<String, store::CryptError>) {
        let said = done.unwrap_or_else(|e| e.message(self.lang()));
        if let Some(d) = &mut self.exchange {
            d.passphrases.clear();
        }
        self.tell(vec![said]);
    }

    /// Moves the notebooks to (or back from) a shared folder, then opens
    /// the workspace again to read them from there.
    fn share(&mut self, folder: Option<PathBuf>) {
        let lang = self.lang();
        if let Some(f) = &folder
            && !f.is_dir()
        {
            let why = T::SharedNotAFolder.fill(lang, &[&f.display()]);
            self.tell(vec![why]);
            return;
        }
        let copied = match self.session.share(folder.clone()) {
            Ok(n) => n,
            Err(e) => {
                self.tell(vec![T::SaveFailed.fill(lang, &[&e])]);
                return;
            }
        };
        let root = self.session.store.root().to_path_buf();
        if let Err(e) = self.session.store.release() {
            self.tell(vec![T::SaveFailed.fill(lang, &[&e])]);
            return;
        }
        match store::open(&root) {
            Ok(session) => {
                self.cache.forget();
                self.index = crate::search::Live::start(&session.workspace);
                self.problems = session.problems.clone();
                self.session = session;
                let ctx = self.exchange_ctx.clone();
                if let Some(ctx) = ctx {
                    self.listen(&ctx);
                }
                self.show_member(self.place.member);
                let line = match &folder {
                    Some(f) => T::SharedStarted.fill(lang, &[&f.display(), &copied]),
                    None => T::SharedStopped.get(lang).to_owned(),
                };
                self.tell(vec![line]);
            }
            Err(e) => self.tell(vec![e.message(lang)]),
        }
    }

    fn tell(&mut self, lines: Vec<String>) {
        if let Some(d) = &mut self.exchange {
            d.outcome = lines;
        }
    }

    /// The member whose notebook or review is written.
    fn exchange_member(&self) -> Option<MemberId> {
        let ws = &self.session.workspace;
        match ws.settings().role {
            Role::Member => ws.settings().owner.or(self.place.member),
            Role::Secretary => self.place.member,
        }
        .filter(|m| ws.notebook(*m).is_some())
    }

    fn write_exchange(&mut self) {
        let lang = self.lang();
        let Some(dialog) = &self.exchange else { return };
        let passphrase = dialog.seal.then(|| dialog.file_passphrase.clone());
        let ws = &self.session.workspace;
        let data = ws.data();
        let now = jiff::Timestamp::now();
        let out = PathBuf::from(dialog.out.trim());
        let Some(member) = self.exchange_member() else {
            self.say(T::NothingToExport);
            return;
        };
        let years = |id: MemberId| -> Vec<crate::model::Year> {
            if dialog.year_only {
                vec![self.place.year]
            } else {
                let mut ys: Vec<_> = data.cell_part(id).years.keys().copied().collect();
                ys.extend(
                    data.notebooks
                        .get(&id)
                        .into_iter()
                        .flat_map(|n| n.years.keys().copied()),
                );
                ys.sort_unstable();
                ys.dedup();
                ys
            }
        };
        let name_of = |id: MemberId| {
            data.notebooks
                .get(&id)
                .map_or_else(String::new, |n| n.profile.full_name.clone())
        };
        let what = |id: MemberId| match (ws.settings().role, dialog.year_only) {
            (Role::Member, _) => exchange::file_name(&name_of(id), "nộp sổ"),
            (Role::Secretary, true) => {
                exchange::file_name(&name_of(id), &format!("nhận xét {}", self.place.year))
            }
            (Role::Secretary, false) => exchange::file_name(&name_of(id), "nhận xét"),
        };
        let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        match ws.settings().role {
            Role::Member => {
                let nb = data.notebooks.get(&member).expect("checked above");
                files.push((
                    into(&out, &what(member)),
                    exchange::write_members(&[nb], now),
                ));
            }
            Role::Secretary if dialog.whole_cell => {
                for id in data.notebooks.keys() {
                    let part = data.cell_part(*id);
                    let ys = years(*id);
                    if part.years.keys().any(|y| ys.contains(y)) {
                        files.push((out.join(what(*id)), exchange::write_cell(&[part], &ys, now)));
                    }
                }
            }
            Role::Secretary => {
                let part = data.cell_part(member);
                files.push((
                    into(&out, &what(member)),
                    exchange::write_cell(&[part], &years(member), now),
                ));
            }
        }
        let mut written = Vec::new();
        for (path, bytes) in &files {
            let sealed = passphrase.as_deref().map(|p| exchange::seal(bytes, p));
            let bytes = match &sealed {
                Some(Ok(sealed)) => sealed,
                Some(Err(e)) => return self.tell(vec![e.message(lang)]),
                None => bytes,
            };
            // Written over only when it is a regular file (as an export).
            if let Err(e) = crate::export::write_export(path, bytes, true) {
                self.tell(vec![e.message(lang)]);
                return;
            }
            written.push(path.display().to_string());
        }
        let line = if written.is_empty() {
            T::ExNothingToReturn.get(lang).to_owned()
        } else {
            T::ExchangeWritten.fill(lang, &[&written.len(), &written.join(", ")])
        };
        self.tell(vec![line]);
    }

    /// Reads and merges each file, changing nothing; the window shows the
    /// summaries and waits for "Nhận".
    fn preview(&mut self, paths: Vec<PathBuf>) {
        let lang = self.lang();
        if paths.is_empty() {
            self.tell(vec![T::ExchangeNothingPicked.get(lang).to_owned()]);
            return;
        }
        let passphrase = self.exchange.as_ref().map(|d| d.file_passphrase.clone());
        let ws = &self.session.workspace;
        let role = ws.settings().role;
        let previewed: Vec<Previewed> = paths
            .iter()
            .map(|path| {
                let name = path.display().to_string();
                let outcome = exchange::read_file_with(path, passphrase.as_deref())
                    .and_then(|ex| {
                        let plan = exchange::plan_import(ws.data(), role, &ex, &name)?;
                        Ok((Box::new(ex), plan.summary(lang), !plan.changes_nothing()))
                    })
                    .map_err(|r| r.message(path, lang));
                Previewed {
                    path: path.clone(),
                    outcome,
                }
            })
            .collect();
        if let Some(d) = &mut self.exchange {
            d.incoming = paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("\n");
            d.previewed = previewed;
            d.outcome.clear();
            d.tab = window::Tab::Take;
        }
    }

    /// Takes every previewed file that changes something, each as one
    /// undo step; the workspace is merged against again, so a file taken
    /// first counts for the next.
    fn take_previewed(&mut self) {
        let Some(dialog) = &mut self.exchange else {
            return;
        };
        let previewed = std::mem::take(&mut dialog.previewed);
        let mut taken = 0;
        let mut lines = Vec::new();
        for p in previewed {
            let Ok((ex, _, true)) = p.outcome else {
                continue;
            };
            let import = Action::Import {
                exchange: ex,
                file: p.path.display().to_string(),
            };
            match self.try_apply(import) {
                Ok(()) => taken += 1,
                Err(e) => lines.push(e.message(self.lang())),
            }
        }
        lines.insert(0, T::ExchangeTaken.fill(self.lang(), &[&taken]));
        self.cache.forget();
        self.tell(lines);
    }

    /// Shows the exchange window when it is open; what it asks for joins
    /// the queue.
    pub(super) fn exchange_dialog(&mut self, ctx: &egui::Context) {
        self.exchange_ctx = Some(ctx.clone());
        let Some(dialog) = &mut self.exchange else {
            return;
        };
        let ws = &self.session.workspace;
        let member = self
            .place
            .member
            .and_then(|m| ws.notebook(m))
            .map(|n| (n.id, n.profile.full_name.as_str()));
        let cx = window::Context {
            lang: ws.settings().language,
            role: ws.settings().role,
            data: ws.data(),
            member,
            year: self.place.year,
            shared: ws.settings().shared_folder.as_deref(),
            encrypted: self.session.is_encrypted(),
        };
        if let Some(request) = dialog.show(ctx, &cx) {
            self.intents.push(Intent::Exchange(request));
        }
    }
}

/// `out` itself, or the file `name` inside it when it is a folder.
fn into(out: &Path, name: &str) -> PathBuf {
    if out.is_dir() {
        out.join(name)
    } else {
        out.to_path_buf()
    }
}
