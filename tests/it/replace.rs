//! Exports never replace what they should not: only a regular file is
//! ever replaced (a link, a pipe, a folder is refused, even with
//! --force); a file that appears while an export renders is kept unless
//! the user asked to replace; a user's own `X.pdf.part` is never touched;
//! what a killed export left is removed by the next one to the same name;
//! and `check` names the temporary files a killed write left in the data
//! folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use sophandau::demo::{self, DemoSpec};
use sophandau::export::{self, ExportError, Format, Occupant, Scope};
use sophandau::workspace::WorkspaceData;

use crate::cli::text;

fn cell() -> WorkspaceData {
    demo::generate(DemoSpec {
        members: 2,
        years: 1,
        first_year: 2020,
        seed: 5,
    })
    .into_data()
}

fn export_md(data: &WorkspaceData, out: &Path, overwrite: bool) -> Result<(), ExportError> {
    let as_of = jiff::civil::date(2026, 11, 27);
    let scope = Scope::Cell { years: vec![2020] };
    export::export_to(data, &scope, Format::Markdown, out, overwrite, as_of)
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A demo data folder `ws` in `dir`, and a way to run the program on it.
fn workspace(dir: &Path) -> impl Fn(&[&str]) -> Output + use<> {
    let d = dir.join("ws");
    let run = move |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sophandau"))
            .arg("--data-dir")
            .arg(&d)
            .args(args)
            .env_remove("SOPHANDAU_DATA_DIR")
            .output()
            .unwrap()
    };
    assert!(run(&["demo", "--members", "2"]).status.success());
    run
}

/// A user's own file `của tôi.EXT` in `dir`, and a link `link.EXT` to it.
#[cfg(unix)]
fn a_users_file_and_a_link_to_it(dir: &Path, ext: &str) -> (PathBuf, PathBuf) {
    let real = dir.join(format!("của tôi.{ext}"));
    fs::write(&real, "văn bản của người dùng").unwrap();
    let link = dir.join(format!("link.{ext}"));
    std::os::unix::fs::symlink(&real, &link).unwrap();
    (real, link)
}

/// The link is still a link, and the user's file still says what it said.
#[cfg(unix)]
fn the_link_and_the_file_are_as_they_were(real: &Path, link: &Path) {
    let kind = fs::symlink_metadata(link).unwrap().file_type();
    assert!(kind.is_symlink(), "{link:?} is no longer a link");
    assert_eq!(fs::read_to_string(real).unwrap(), "văn bản của người dùng");
}

fn forced(run: &impl Fn(&[&str]) -> Output, out: &Path) -> Output {
    let out = out.to_str().unwrap();
    run(&[
        "export", "--all", "--year", "2020", "--format", "md", "--out", out, "--force",
    ])
}

#[cfg(unix)]
#[test]
fn force_onto_a_symlink_leaves_the_link_and_what_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let run = workspace(dir.path());
    let (real, link) = a_users_file_and_a_link_to_it(dir.path(), "md");
    let out = forced(&run, &link);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("liên kết (symlink), không phải một tệp thường"),
        "{}",
        text(&out)
    );
    the_link_and_the_file_are_as_they_were(&real, &link);
    assert_eq!(fs::read_link(&link).unwrap(), real);
    // A link that points nowhere is refused too, not followed.
    let dangling = dir.path().join("dangling.md");
    std::os::unix::fs::symlink(dir.path().join("nowhere.md"), &dangling).unwrap();
    assert_eq!(forced(&run, &dangling).status.code(), Some(2));
    assert!(!dir.path().join("nowhere.md").exists());
    assert_eq!(
        names(dir.path()),
        ["của tôi.md", "dangling.md", "link.md", "ws"]
    );
}

#[cfg(unix)]
#[test]
fn force_onto_a_pipe_leaves_the_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let run = workspace(dir.path());
    let fifo = dir.path().join("pipe.md");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = forced(&run, &fifo);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("tệp đặc biệt"), "{}", text(&out));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names(dir.path()), ["pipe.md", "ws"]);
}

#[test]
fn force_onto_a_folder_leaves_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = workspace(dir.path());
    let folder = dir.path().join("folder.md");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("inside.txt"), "x").unwrap();
    let out = forced(&run, &folder);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("đó là một thư mục"), "{}", text(&out));
    assert_eq!(names(&folder), ["inside.txt"]);
    assert_eq!(names(dir.path()), ["folder.md", "ws"]);
    // And the English words, for the window in English.
    let err = export_md(&cell(), &folder, true).unwrap_err();
    assert!(matches!(err, ExportError::NotAFile(_, Occupant::Folder)));
    let english = err.message(sophandau::model::Language::English);
    assert!(
        english.contains("it is a folder, not a regular file"),
        "{english}"
    );
}

/// A file made at the target after the first check (while the export
/// rendered) is kept: the last step refuses to replace it, and nothing
/// of the export is left beside it. Asked to replace, a link put there
/// meanwhile is still refused.
#[test]
fn a_file_that_appears_while_rendering_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sổ.pdf");
    // What `export_with` does after rendering, with the file already
    // there: as if made during the rendering.
    fs::write(&out, "made meanwhile").unwrap();
    let err = export::write_export(&out, b"the export", false).unwrap_err();
    assert!(matches!(err, ExportError::Exists(_)), "{err:?}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "made meanwhile");
    assert_eq!(names(dir.path()), ["sổ.pdf"]);
    // The same on a fresh name writes it.
    let fresh = dir.path().join("mới.pdf");
    export::write_export(&fresh, b"the export", false).unwrap();
    assert_eq!(fs::read(&fresh).unwrap(), b"the export");
    assert_eq!(names(dir.path()), ["mới.pdf", "sổ.pdf"]);
    #[cfg(unix)]
    {
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&out, &link).unwrap();
        let err = export::write_export(&link, b"the export", true).unwrap_err();
        assert!(matches!(err, ExportError::NotAFile(_, Occupant::Link)));
        assert_eq!(fs::read_to_string(&out).unwrap(), "made meanwhile");
        assert_eq!(names(dir.path()), ["link.pdf", "mới.pdf", "sổ.pdf"]);
    }
}

#[test]
fn a_users_own_part_file_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("X.md");
    let part = dir.path().join("X.md.part");
    fs::write(&part, "the user's own").unwrap();
    export_md(&cell(), &out, false).unwrap();
    export_md(&cell(), &out, true).unwrap();
    assert_eq!(fs::read_to_string(&part).unwrap(), "the user's own");
    assert_eq!(names(dir.path()), ["X.md", "X.md.part"]);
}

fn age(path: &Path, by: Duration) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - by).unwrap();
}

/// What an export killed while writing leaves (its temporary file, of
/// the name `write_export` gives it) is removed by the next export to
/// that name; a recent one (perhaps an export still writing) and files
/// of other names are kept.
#[test]
fn a_killed_exports_leftover_is_removed_by_the_next_export() {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, old: bool| -> PathBuf {
        let path = dir.path().join(name);
        fs::write(&path, "half").unwrap();
        if old {
            age(&path, Duration::from_secs(3600));
        }
        path
    };
    let killed = put(".X.md.a1B2c3.part", true);
    let running = put(".X.md.d4E5f6.part", false);
    let other_target = put(".Y.md.a1B2c3.part", true);
    let not_ours = put(".X.md.notes.part", true);
    let users = put("X.md.part", true);
    export_md(&cell(), &dir.path().join("X.md"), false).unwrap();
    assert!(!killed.exists(), "the killed export's file is removed");
    for kept in [&running, &other_target, &not_ours, &users] {
        assert_eq!(fs::read_to_string(kept).unwrap(), "half", "{kept:?}");
    }
    assert_eq!(names(dir.path()).len(), 5);
}

#[test]
fn check_names_leftover_temporary_files_and_the_next_open_removes_them() {
    let dir = tempfile::tempdir().unwrap();
    let run = workspace(dir.path());
    let ws = dir.path().join("ws");
    let clean = run(&["check"]);
    assert!(!text(&clean).contains("tệp tạm"), "{}", text(&clean));
    let left = [
        ws.join("notebooks").join(".tmp-Ab12Cd.part"),
        ws.join(".tmp-Ef34Gh.part"),
    ];
    for path in &left {
        fs::write(path, "half").unwrap();
    }
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("Có 2 tệp tạm (tên bắt đầu bằng .tmp-)")
            && said.contains("sẽ được dọn ở lần mở sổ tới"),
        "{said}"
    );
    for path in &left {
        assert!(said.contains(&path.display().to_string()), "{said}");
        assert!(path.exists(), "check changes nothing");
    }
    drop(crate::common::open(&ws));
    assert!(left.iter().all(|p| !p.exists()));
    assert!(!text(&run(&["check"])).contains("tệp tạm"));
}

/// A save that swapped another machine's version out and was stopped
/// before naming it a conflict copy leaves it as a temporary file: the
/// next open keeps it among that member's backups, never deletes it.
#[test]
fn a_whole_notebook_left_as_a_temporary_file_is_kept_among_the_backups() {
    let dir = tempfile::tempdir().unwrap();
    let run = workspace(dir.path());
    let ws = dir.path().join("ws");
    let notebooks = ws.join("notebooks");
    let file = fs::read_dir(&notebooks)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .unwrap();
    let other =
        fs::read_to_string(&file)
            .unwrap()
            .replacen("workplace: \"", "workplace: \"Máy khác — ", 1);
    assert!(other.contains("Máy khác — "));
    let whole = notebooks.join(".tmp-Xy12Zw.part");
    let torn = notebooks.join(".tmp-Qr34St.part");
    fs::write(&whole, &other).unwrap();
    fs::write(&torn, &other[..other.len() / 2]).unwrap();
    let id = file.file_stem().unwrap().to_str().unwrap();
    let backups = ws.join("backups").join(id);
    let before = fs::read_dir(&backups).map_or(0, |d| d.count());
    drop(crate::common::open(&ws));
    assert!(!whole.exists() && !torn.exists());
    let kept: Vec<String> = fs::read_dir(&backups)
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    assert_eq!(kept.len(), before + 1, "{:?}", names(&backups));
    assert!(kept.contains(&other));
    assert!(!text(&run(&["check"])).contains("tệp tạm"));
}

#[cfg(unix)]
#[test]
fn an_exchange_file_forced_onto_a_symlink_leaves_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let run = workspace(dir.path());
    let (real, link) = a_users_file_and_a_link_to_it(dir.path(), "sophandau");
    let listed = text(&run(&["list"]));
    let id = listed
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    let out = run(&[
        "exchange",
        "--cell-review",
        "--member",
        &id,
        "--out",
        link.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("không phải một tệp thường"),
        "{}",
        text(&out)
    );
    the_link_and_the_file_are_as_they_were(&real, &link);
    // Onto a regular file, forced, it is written.
    let plain = dir.path().join("tra.sophandau");
    fs::write(&plain, "cũ").unwrap();
    let args = ["exchange", "--cell-review", "--member", &id, "--out"];
    let out = run(&[&args[..], &[plain.to_str().unwrap(), "--force"]].concat());
    assert!(out.status.success(), "{}", text(&out));
    assert_ne!(fs::read_to_string(&plain).unwrap(), "cũ");
}
