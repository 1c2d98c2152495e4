//! `sophandau exchange` writes exchange files (the member's notebook for
//! the cell, or the cell's review for members); `sophandau import` reads
//! them, shows what they change, and takes them (DESIGN.md, "Exchange").

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sophandau::exchange::{self, Exchange};
use sophandau::i18n::T;
use sophandau::model::{Language, MemberId, Year};
use sophandau::store;
use sophandau::workspace::{Action, WorkspaceData};

const CLI: Language = Language::Vietnamese;

/// What `exchange` was asked for.
pub struct Asked {
    pub member: Option<String>,
    pub cell_review: bool,
    pub year: Option<Year>,
    pub out: PathBuf,
    pub force: bool,
    /// Encrypts the files written to this passphrase (age), if given.
    pub passphrase: Option<String>,
}

/// Writes the exchange files asked for; returns the lines to print.
pub fn write(root: &Path, asked: Asked, notes: &mut Vec<String>) -> Result<Vec<String>, String> {
    let (workspace, problems) = store::inspect(root).map_err(|e| e.message(CLI))?;
    notes.extend(problems.iter().map(|p| format!("• {}", p.message(CLI))));
    let data = workspace.data();
    let now = jiff::Timestamp::now();
    let member = match &asked.member {
        Some(wanted) => Some(find(data, wanted)?),
        None => None,
    };
    let name_of = |id: MemberId| {
        data.notebooks
            .get(&id)
            .map_or_else(|| id.to_string(), |n| n.profile.full_name.clone())
    };
    let mut written = Vec::new();
    if !asked.cell_review {
        let id = match member.or(data.settings.owner) {
            Some(id) => id,
            None if data.notebooks.len() == 1 => *data.notebooks.keys().next().expect("one"),
            None => return Err(T::ExNoMemberGiven.get(CLI).to_owned()),
        };
        let notebook = data
            .notebooks
            .get(&id)
            .ok_or_else(|| T::ErrUnknownMemberNotebook.get(CLI).to_owned())?;
        let path = target(
            &asked.out,
            &exchange::file_name(&notebook.profile.full_name, "nộp sổ"),
        );
        put(
            &path,
            &exchange::write_members(&[notebook], now),
            (asked.force, asked.passphrase.as_deref()),
        )?;
        written.push(path);
    } else {
        let ids: Vec<MemberId> = match member {
            Some(id) => vec![id],
            None => data.notebooks.keys().copied().collect(),
        };
        let parts: Vec<_> = ids
            .iter()
            .map(|id| data.cell_part(*id))
            .filter(|p| member.is_some() || !p.years.is_empty())
            .collect();
        if parts.is_empty() {
            return Err(T::ExNothingToReturn.get(CLI).to_owned());
        }
        let years_of = |ps: &[sophandau::model::CellPart]| -> Vec<Year> {
            match asked.year {
                Some(y) => vec![y],
                None => {
                    let mut ys: Vec<Year> =
                        ps.iter().flat_map(|p| p.years.keys().copied()).collect();
                    ys.sort_unstable();
                    ys.dedup();
                    ys
                }
            }
        };
        let what = match asked.year {
            Some(y) => format!("nhận xét {y}"),
            None => "nhận xét".to_owned(),
        };
        if asked.out.is_dir() {
            for part in &parts {
                let one = std::slice::from_ref(part);
                let path = asked
                    .out
                    .join(exchange::file_name(&name_of(part.member), &what));
                put(
                    &path,
                    &exchange::write_cell(one, &years_of(one), now),
                    (asked.force, asked.passphrase.as_deref()),
                )?;
                written.push(path);
            }
        } else {
            put(
                &asked.out,
                &exchange::write_cell(&parts, &years_of(&parts), now),
                (asked.force, asked.passphrase.as_deref()),
            )?;
            written.push(asked.out.clone());
        }
    }
    Ok(written
        .iter()
        .map(|p| T::ExWritten.fill(CLI, &[&p.display()]))
        .collect())
}

/// `out` itself, or a file named `name` inside it when it is a folder.
fn target(out: &Path, name: &str) -> PathBuf {
    if out.is_dir() {
        out.join(name)
    } else {
        out.to_path_buf()
    }
}

fn put(path: &Path, bytes: &[u8], how: (bool, Option<&str>)) -> Result<(), String> {
    let (force, passphrase) = how;
    if path.exists() && !force {
        return Err(T::ErrExportExists.fill(CLI, &[&path.display()]));
    }
    let sealed;
    let bytes = match passphrase {
        Some(p) => {
            sealed = exchange::seal(bytes, p).map_err(|e| e.message(CLI))?;
            &sealed[..]
        }
        None => bytes,
    };
    // As an export: only a regular file is ever replaced, and a file
    // that appears meanwhile is kept unless forced.
    sophandau::export::write_export(path, bytes, force).map_err(|e| e.message(CLI))
}

fn find(data: &WorkspaceData, wanted: &str) -> Result<MemberId, String> {
    data.find_member(wanted).map_err(|names| {
        if names.is_empty() {
            T::ExNoMatch.fill(CLI, &[&wanted])
        } else {
            T::ExManyMatch.fill(CLI, &[&wanted, &names.join(", ")])
        }
    })
}

/// Checks each file whole, prints what it changes, and (unless a dry run)
/// takes it. A refused file is named with the reason and changes nothing;
/// the others are still taken. Exit 1 when any file was refused.
pub fn import(
    root: &Path,
    files: &[PathBuf],
    passphrase: Option<&str>,
    dry_run: bool,
    say: &mut dyn FnMut(String),
) -> Result<ExitCode, String> {
    let mut session = store::open(root).map_err(|e| e.message(CLI))?;
    if let Some(why) = session.workspace.read_only() {
        return Err(why.get(CLI));
    }
    let mut refused = false;
    for file in files {
        let checked: Result<Exchange, String> =
            exchange::read_file_with(file, passphrase).map_err(|r| r.message(file, CLI));
        let planned = checked.and_then(|ex| {
            let role = session.workspace.settings().role;
            let name = file.display().to_string();
            exchange::plan_import(session.workspace.data(), role, &ex, &name)
                .map(|plan| (ex, plan))
                .map_err(|r| r.message(file, CLI))
        });
        let (ex, plan) = match planned {
            Ok(found) => found,
            Err(why) => {
                say(why);
                refused = true;
                continue;
            }
        };
        say(format!("{}:", file.display()));
        plan.summary(CLI).into_iter().for_each(&mut *say);
        if dry_run || plan.changes_nothing() {
            continue;
        }
        let action = Action::Import {
            exchange: Box::new(ex),
            file: file.display().to_string(),
        };
        match session.apply(action) {
            Ok(_) => say(T::ExImported.fill(CLI, &[&file.display()])),
            Err(e) => {
                say(e.message(CLI));
                refused = true;
            }
        }
    }
    if dry_run {
        say(T::ExDryRun.get(CLI).to_owned());
    }
    session.store.flush()?;
    Ok(if refused {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `share DIR` keeps the notebooks and the cell's files in a shared folder
/// from now on (copying what is here, never replacing what is there);
/// `share --stop` keeps them in the workspace folder again.
pub fn share(root: &Path, folder: Option<PathBuf>) -> Result<String, String> {
    if let Some(f) = &folder
        && !f.is_dir()
    {
        return Err(T::SharedNotAFolder.fill(CLI, &[&f.display()]));
    }
    let mut session = store::open(root).map_err(|e| e.message(CLI))?;
    if let Some(why) = session.workspace.read_only() {
        return Err(why.get(CLI));
    }
    let copied = session.share(folder.clone())?;
    session.store.release()?;
    Ok(match &folder {
        Some(f) => T::SharedStarted.fill(CLI, &[&f.display(), &copied]),
        None => T::SharedStopped.get(CLI).to_owned(),
    })
}
