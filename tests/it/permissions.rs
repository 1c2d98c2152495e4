//! On Unix, every file the program makes is the user's alone (0600) and
//! every folder it makes is too (0700), whatever the umask: notebooks,
//! cell files, backups, the lock and its owner file, the key file,
//! exchange files and exports (from the command line and the library the
//! window calls), and the folders made for them. Windows has no mode
//! bits: there a new file takes its folder's access list.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sophandau::export::{self, Format, Scope};
use sophandau::model::{Profile, Role, Settings};
use sophandau::store::{Session, crypt};
use sophandau::workspace::Action;

use crate::cli::text;
use crate::common;

/// Every file and folder under `dir` (not `dir` itself), with its mode.
fn modes(dir: &Path) -> Vec<(PathBuf, bool, u32)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let folder = meta.is_dir();
            if folder {
                todo.push(path.clone());
            }
            out.push((path, folder, meta.permissions().mode() & 0o777));
        }
    }
    out
}

fn edit(session: &mut Session, text: &str) {
    let member = *session.workspace.data().notebooks.keys().next().unwrap();
    let profile = Profile {
        workplace: text.to_owned(),
        ..session.workspace.data().notebooks[&member].profile.clone()
    };
    session
        .apply(Action::SetProfile { member, profile })
        .unwrap();
    session.store.flush().unwrap();
}

#[test]
fn every_file_made_is_0600_and_every_folder_0700() {
    crypt::set_test_work_factor(4);
    let top = tempfile::tempdir().unwrap();
    let ws = top.path().join("dữ liệu").join("ws");
    let run = |args: &[&str]| -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_sophandau"))
            .arg("--data-dir")
            .arg(&ws)
            .args(args)
            .env_remove("SOPHANDAU_DATA_DIR")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        out
    };
    run(&["demo", "--members", "3"]);
    let handoff = top.path().to_str().unwrap();
    run(&[
        "exchange",
        "--cell-review",
        "--year",
        "2020",
        "--out",
        handoff,
    ]);
    let cli_out = top.path().join("xuất").join("dòng lệnh").join("chi bộ.pdf");
    run(&[
        "export",
        "--all",
        "--year",
        "2020",
        "--format",
        "pdf",
        "--out",
        cli_out.to_str().unwrap(),
    ]);

    let mut session = common::open(&ws);
    // The demo's folder is a secretary's; a member edits a profile.
    let settings = Settings {
        role: Role::Member,
        ..session.workspace.settings().clone()
    };
    session.apply(Action::ChangeSettings { settings }).unwrap();
    edit(&mut session, "Sửa lần một");
    edit(&mut session, "Sửa lần hai");
    let as_of = jiff::civil::date(2026, 11, 27);
    let scope = Scope::Cell { years: vec![2020] };
    let window_dir = top.path().join("xuất").join("cửa sổ");
    for format in Format::ALL {
        let out = window_dir.join(format!("chi bộ.{}", format.extension()));
        let data = session.workspace.data();
        export::export_to(data, &scope, format, &out, false, as_of).unwrap();
        // Replacing an export keeps it the user's alone too.
        export::export_to(data, &scope, format, &out, true, as_of).unwrap();
    }
    session
        .encrypt("Mật khẩu 2026")
        .expect("encryption turns on");
    edit(&mut session, "Sửa khi đã mã hoá");
    drop(session);

    let found = modes(top.path());
    let named = |name: &str| {
        found
            .iter()
            .any(|(p, _, _)| p.file_name().is_some_and(|n| n == name))
    };
    for must in [
        ".lock",
        ".lock-owner",
        "key.age",
        "workspace.ron",
        "backups",
    ] {
        assert!(named(must), "{must} was made: {found:#?}");
    }
    let backups = fs::read_dir(ws.join("backups")).unwrap().count();
    assert!(backups >= 1, "backups were kept");
    let exchanged = found
        .iter()
        .filter(|(p, _, _)| p.parent() == Some(top.path()) && !p.is_dir())
        .count();
    assert!(exchanged >= 3, "an exchange file a member: {found:#?}");
    assert_eq!(
        fs::read_dir(&window_dir).unwrap().count(),
        Format::ALL.len()
    );
    assert!(cli_out.is_file());
    let wrong: Vec<_> = found
        .iter()
        .filter(|(_, folder, mode)| *mode != if *folder { 0o700 } else { 0o600 })
        .collect();
    assert!(wrong.is_empty(), "not the user's alone: {wrong:#?}");
    assert!(found.len() > 30, "{} files and folders", found.len());
}
