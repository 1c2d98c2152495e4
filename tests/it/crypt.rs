//! Encryption at rest: with it on, no readable text of a notebook reaches
//! the disk, the files are plain age files the age crate (and so the `age`
//! tool) opens with the key file and the passphrase alone, a wrong
//! passphrase changes nothing, a new passphrase re-wraps only the key
//! file, a switch cut short converges, and an encrypted file met with
//! encryption off is reported and left alone.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use sophandau::model::{Notebook, Profile};
use sophandau::store::{self, CryptError, Problem, Session, crypt};
use sophandau::workspace::Action;
use uuid::Uuid;

use crate::cli::{run, text};
use crate::common;

const PASSPHRASE: &str = "Mật khẩu của chi bộ 2026";
/// Typed into a member's notebook; never to be found on disk in clear.
const MARKER: &str = "DauVetBiMatXYZ";

/// A workspace of three demo members, encryption turned on, then the
/// marker typed into the first member's profile and saved (so that
/// backups of encrypted versions exist too). Returns the folder and the
/// member.
fn encrypted_cell() -> (tempfile::TempDir, Uuid) {
    crypt::set_test_work_factor(4);
    let dir = tempfile::tempdir().unwrap();
    for seed in 1..=3 {
        common::put_notebook(dir.path(), &common::sample_notebook(seed));
    }
    let mut session = common::open(dir.path());
    let encrypted = session.encrypt(PASSPHRASE).expect("encryption turns on");
    assert!(encrypted >= 3, "{encrypted} files encrypted");
    let member = *session.workspace.data().notebooks.keys().next().unwrap();
    type_marker(&mut session, member, MARKER);
    type_marker(&mut session, member, &format!("{MARKER} lần hai"));
    (dir, member)
}

fn type_marker(session: &mut Session, member: Uuid, text: &str) {
    let profile = Profile {
        workplace: text.to_owned(),
        ..session.workspace.data().notebooks[&member].profile.clone()
    };
    session
        .apply(Action::SetProfile { member, profile })
        .unwrap();
    session.store.flush().unwrap();
}

/// Every regular file under the folder, by path, with its bytes.
fn all_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in fs::read_dir(&at).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The data files and the key file (the lock's files left out: opening
/// rewrites them).
fn data_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = all_files(dir);
    files.retain(|p, _| {
        let name = p.file_name().unwrap().to_string_lossy();
        !name.starts_with(".lock")
    });
    files
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The identity in the key file, opened with the age crate alone.
fn identity_from_key_file(dir: &Path, passphrase: &str) -> age::x25519::Identity {
    use age::secrecy::SecretString;
    let wrapped = fs::read(dir.join("key.age")).unwrap();
    let scrypt = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let text = String::from_utf8(age::decrypt(&scrypt, &wrapped).unwrap()).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .expect("an age identity file");
    line.parse().unwrap()
}

fn notebook_ron(session: &Session, member: Uuid) -> String {
    let notebook: &Notebook = &session.workspace.data().notebooks[&member];
    store::notebook_to_ron(notebook)
}

#[test]
fn with_encryption_on_no_readable_text_reaches_the_disk() {
    let (dir, member) = encrypted_cell();
    let files = all_files(dir.path());
    let backups = files
        .keys()
        .filter(|p| p.starts_with(dir.path().join("backups")))
        .count();
    assert!(backups >= 2, "backups were kept: {backups}");
    for (path, bytes) in &files {
        if path.file_name().is_some_and(|n| n == "workspace.ron") {
            continue;
        }
        assert!(
            !contains(bytes, MARKER),
            "{} holds the marker",
            path.display()
        );
        assert!(
            !contains(bytes, "full_name"),
            "{} is readable",
            path.display()
        );
    }
    // The files are age files the age crate opens with the key file and
    // the passphrase, and hold exactly what the program would write.
    let identity = identity_from_key_file(dir.path(), PASSPHRASE);
    crypt::forget(dir.path());
    store::unlock(dir.path(), PASSPHRASE).unwrap();
    let session = common::open(dir.path());
    let path = session.store.files().notebook_path(member);
    let plain = age::decrypt(&identity, &fs::read(&path).unwrap()).unwrap();
    let plain = String::from_utf8(plain).unwrap();
    assert!(plain.contains(&format!("{MARKER} lần hai")));
    assert!(plain == notebook_ron(&session, member));
    for (path, bytes) in files
        .iter()
        .filter(|(p, _)| p.starts_with(dir.path().join("backups")))
    {
        if path.parent().unwrap().ends_with("workspace") {
            continue;
        }
        age::decrypt(&identity, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

#[test]
fn a_wrong_passphrase_changes_nothing() {
    let (dir, _) = encrypted_cell();
    let before = data_files(dir.path());
    crypt::forget(dir.path());
    // A new start: the folder does not open without the passphrase.
    let refused = store::open(dir.path()).err().expect("refused");
    assert!(
        refused
            .message(sophandau::model::Language::Vietnamese)
            .contains("mật khẩu")
    );
    assert!(matches!(
        store::unlock(dir.path(), "sai mật khẩu"),
        Err(CryptError::WrongPassphrase)
    ));
    assert!(
        CryptError::WrongPassphrase
            .message(sophandau::model::Language::Vietnamese)
            .starts_with("Mật khẩu không đúng")
    );
    assert!(!store::is_unlocked(dir.path()));
    store::unlock(dir.path(), PASSPHRASE).unwrap();
    let mut session = common::open(dir.path());
    assert!(matches!(
        session.decrypt("sai"),
        Err(CryptError::WrongPassphrase)
    ));
    assert!(matches!(
        session.change_passphrase("sai", "mới"),
        Err(CryptError::WrongPassphrase)
    ));
    drop(session);
    assert_eq!(data_files(dir.path()), before);
}

#[test]
fn a_new_passphrase_rewraps_only_the_key_file() {
    let (dir, _) = encrypted_cell();
    let before = data_files(dir.path());
    let mut session = common::open(dir.path());
    session
        .change_passphrase(PASSPHRASE, "mật khẩu mới")
        .unwrap();
    drop(session);
    let after = data_files(dir.path());
    let key = dir.path().join("key.age");
    let changed: Vec<_> = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(changed, vec![key]);
    assert_eq!(before.len(), after.len());
    crypt::forget(dir.path());
    assert!(matches!(
        store::unlock(dir.path(), PASSPHRASE),
        Err(CryptError::WrongPassphrase)
    ));
    store::unlock(dir.path(), "mật khẩu mới").unwrap();
    common::open(dir.path());
}

#[test]
fn on_off_on_keeps_everything() {
    let (dir, member) = encrypted_cell();
    let mut session = common::open(dir.path());
    let decrypted = session.decrypt(PASSPHRASE).unwrap();
    assert!(decrypted >= 5, "{decrypted}");
    assert!(!session.is_encrypted());
    type_marker(&mut session, member, &format!("{MARKER} lần ba"));
    let data = session.workspace.data().clone();
    let ron = notebook_ron(&session, member);
    drop(session);
    assert!(!dir.path().join("key.age").exists());
    for (path, bytes) in all_files(dir.path()) {
        assert!(
            !crypt::is_sealed(&bytes),
            "{} still encrypted",
            path.display()
        );
    }
    let plain = fs::read_to_string(store::Files::new(dir.path()).notebook_path(member)).unwrap();
    assert!(plain == ron, "the plain file is what the program writes");

    let mut session = common::open(dir.path());
    assert!(session.workspace.data() == &data);
    session.encrypt("lần thứ hai").unwrap();
    drop(session);
    crypt::forget(dir.path());
    store::unlock(dir.path(), "lần thứ hai").unwrap();
    let session = common::open(dir.path());
    assert!(session.workspace.data() == &data);
    assert!(session.problems.is_empty(), "{:?}", session.problems);
}

#[test]
fn a_switch_cut_short_opens_and_converges() {
    let (dir, member) = encrypted_cell();
    let identity = identity_from_key_file(dir.path(), PASSPHRASE);
    let session = common::open(dir.path());
    let data = session.workspace.data().clone();
    drop(session);
    // As if encrypting (or decrypting) had stopped half way: the member's
    // notebook and one backup are plain again.
    let files = store::Files::new(dir.path());
    let notebook = files.notebook_path(member);
    let backup = fs::read_dir(files.backup_dir_of(&notebook))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for path in [&notebook, &backup] {
        let plain = age::decrypt(&identity, &fs::read(path).unwrap()).unwrap();
        fs::write(path, plain).unwrap();
    }
    let session = common::open(dir.path());
    assert!(session.workspace.data() == &data);
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    drop(session);
    for (path, bytes) in all_files(dir.path()) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let plain_by_design = name == "workspace.ron"
            || name.starts_with(".lock")
            || path.parent().unwrap().ends_with("backups/workspace");
        if !plain_by_design {
            assert!(crypt::is_sealed(&bytes), "{} left plain", path.display());
        }
    }
}

#[test]
fn an_encrypted_file_with_encryption_off_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let kept = common::sample_notebook(1);
    let foreign = common::sample_notebook(2);
    common::put_notebook(dir.path(), &kept);
    common::put_notebook(dir.path(), &foreign);
    // A notebook encrypted elsewhere, found in a folder without encryption.
    let path = store::Files::new(dir.path()).notebook_path(foreign.id);
    let identity = age::x25519::Identity::generate();
    let sealed = age::encrypt(&identity.to_public(), &fs::read(&path).unwrap()).unwrap();
    fs::write(&path, &sealed).unwrap();

    let mut session = common::open(dir.path());
    assert!(
        session
            .problems
            .iter()
            .any(|p| matches!(p, Problem::Encrypted { file } if *file == path))
    );
    let said = session
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect::<String>();
    assert!(said.contains("đã được mã hoá"), "{said}");
    assert!(session.workspace.data().notebooks.contains_key(&kept.id));
    type_marker(&mut session, kept.id, MARKER);
    drop(session);
    assert_eq!(fs::read(&path).unwrap(), sealed);
    let aside = all_files(dir.path())
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(store::ASIDE_MARK))
        .count();
    assert_eq!(aside, 0);
}

#[test]
fn encryption_and_a_shared_folder_exclude_each_other() {
    let (dir, _) = encrypted_cell();
    let shared = tempfile::tempdir().unwrap();
    let mut session = common::open(dir.path());
    let refused = session
        .share(Some(shared.path().to_path_buf()))
        .unwrap_err();
    assert!(refused.contains("thư mục chung"), "{refused}");
    session.decrypt(PASSPHRASE).unwrap();
    session.share(Some(shared.path().to_path_buf())).unwrap();
    assert!(matches!(
        session.encrypt(PASSPHRASE),
        Err(CryptError::SharedFolder)
    ));
}

#[test]
fn the_command_line_asks_for_the_passphrase() {
    let (dir, _) = encrypted_cell();
    crypt::forget(dir.path());
    let d = dir.path().to_str().unwrap();
    let before = data_files(dir.path());
    let out = run(&["--data-dir", d, "list"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("SOPHANDAU_PASSPHRASE"),
        "{}",
        text(&out)
    );
    let wrong = dir.path().join("sai.txt");
    fs::write(&wrong, "sai\n").unwrap();
    let w = wrong.to_str().unwrap();
    let out = run(&["--data-dir", d, "--passphrase-file", w, "check"]);
    assert!(!out.status.success());
    assert!(text(&out).contains("Mật khẩu không đúng"), "{}", text(&out));
    fs::remove_file(&wrong).unwrap();
    assert_eq!(data_files(dir.path()), before);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sophandau"))
        .args(["--data-dir", d, "list"])
        .env("SOPHANDAU_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(text(&out).lines().count(), 4, "{}", text(&out));
}

#[test]
fn the_command_line_turns_encryption_on_and_off() {
    let dir = tempfile::tempdir().unwrap();
    common::put_notebook(dir.path(), &common::sample_notebook(1));
    let d = dir.path().to_str().unwrap();
    let pass = tempfile::NamedTempFile::new().unwrap();
    fs::write(pass.path(), format!("{PASSPHRASE}\r\n")).unwrap();
    let p = pass.path().to_str().unwrap();
    let out = run(&["--data-dir", d, "encryption", "on"]);
    assert!(!out.status.success());
    let out = run(&["--data-dir", d, "--passphrase-file", p, "encryption", "on"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Đã bật mã hoá"), "{}", text(&out));
    assert!(dir.path().join("key.age").exists());
    let out = run(&["--data-dir", d, "--passphrase-file", p, "check"]);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&["--data-dir", d, "--passphrase-file", p, "encryption", "off"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!dir.path().join("key.age").exists());
    for (path, bytes) in all_files(dir.path()) {
        assert!(!crypt::is_sealed(&bytes), "{}", path.display());
    }
}

#[test]
fn the_unlock_screen_takes_the_passphrase() {
    use eframe::egui;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    let (dir, _) = encrypted_cell();
    crypt::forget(dir.path());
    let before = data_files(dir.path());
    let start = sophandau::ui::Start::detached(dir.path().to_path_buf());
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .with_max_steps(16)
        .with_context_setup(start.context_setup())
        .build_ui_state(
            |ui, start: &mut sophandau::ui::Start| start.frame(ui),
            start,
        );
    h.run();
    h.get_by_label("Sổ được mã hoá");
    // The field has the keyboard from the start.
    assert!(h.get_by_label("Mật khẩu").is_focused());
    h.get_by_label("Mật khẩu").type_text("sai mật khẩu");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label_contains("Mật khẩu không đúng");
    assert!(h.state().app().is_none());
    assert_eq!(data_files(dir.path()), before);
    h.get_by_label("Mật khẩu").click();
    h.run();
    h.get_by_label("Mật khẩu").type_text(PASSPHRASE);
    h.run();
    h.get_by_label("Mở sổ").click();
    // The notebooks come in the background, under a spinner.
    h.run_steps(8);
    let app = h.state().app().expect("the workspace opened");
    assert!(app.session().is_encrypted());
    assert!(h.query_by_label_contains("Mật khẩu không đúng").is_none());
}

#[test]
fn the_window_turns_encryption_on() {
    use eframe::egui;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    crypt::set_test_work_factor(4);
    let dir = tempfile::tempdir().unwrap();
    let notebook = common::sample_notebook(1);
    common::put_notebook(dir.path(), &notebook);
    let app = sophandau::ui::App::detached(common::open(dir.path()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        .with_max_steps(16)
        .with_context_setup(app.context_setup())
        .build_ui_state(|ui, app: &mut sophandau::ui::App| app.frame(ui), app);
    h.run();
    for label in ["Sổ", "Trao đổi sổ…", "Mã hoá"] {
        h.get_by_label(label).click();
        h.run();
    }
    h.get_by_label_contains("Mã hoá đang tắt");
    for label in ["Mật khẩu", "Nhập lại mật khẩu"] {
        h.get_by_label(label).click();
        h.run();
        h.get_by_label(label).type_text(PASSPHRASE);
        h.run();
    }
    h.get_by_label("Bật mã hoá").click();
    h.run();
    h.get_by_label_contains("Đã bật mã hoá");
    h.get_by_label_contains("Mã hoá đang bật");
    assert!(dir.path().join("key.age").is_file());
    let path = store::Files::new(dir.path()).notebook_path(notebook.id);
    assert!(crypt::is_sealed(&fs::read(path).unwrap()));
}

#[test]
fn a_damaged_encrypted_file_is_set_aside_and_its_backup_opened() {
    let (dir, member) = encrypted_cell();
    let path = store::Files::new(dir.path()).notebook_path(member);
    let mut bytes = fs::read(&path).unwrap();
    bytes.truncate(bytes.len() - 100);
    fs::write(&path, &bytes).unwrap();
    let session = common::open(dir.path());
    assert!(
        session
            .problems
            .iter()
            .any(|p| matches!(p, Problem::Recovered { file, .. } if *file == path)),
        "{:?}",
        session.problems
    );
    // The backup brought back is the version before the last save.
    let profile = &session.workspace.data().notebooks[&member].profile;
    assert_eq!(profile.workplace, MARKER);
    drop(session);
    assert!(crypt::is_sealed(&fs::read(&path).unwrap()));
}

/// A workspace of the secretary's, as the window's settings make one.
fn secretary_folder(dir: &Path) {
    let mut session = common::open(dir);
    let settings = sophandau::model::Settings {
        role: sophandau::model::Role::Secretary,
        ..session.workspace.settings().clone()
    };
    session.apply(Action::ChangeSettings { settings }).unwrap();
    session.store.flush().unwrap();
}

#[test]
fn an_exchange_file_encrypted_to_a_passphrase_needs_it() {
    let root = tempfile::tempdir().unwrap();
    let (mdir, cdir) = (root.path().join("m"), root.path().join("c"));
    let notebook = common::sample_notebook(3);
    common::put_notebook(&mdir, &notebook);
    secretary_folder(&cdir);
    let file = root.path().join("nop-so.sophandau");
    let pass = root.path().join("pass.txt");
    fs::write(&pass, "gặp nhau ở chi bộ\n").unwrap();
    let wrong = root.path().join("wrong.txt");
    fs::write(&wrong, "sai\n").unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_owned();
    let id = notebook.id.to_string();
    let out = run(&[
        "--data-dir",
        &s(&mdir),
        "exchange",
        "--member",
        &id,
        "--out",
        &s(&file),
        "--exchange-passphrase-file",
        &s(&pass),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let bytes = fs::read(&file).unwrap();
    assert!(crypt::is_sealed(&bytes));
    assert!(!contains(&bytes, &notebook.profile.full_name));

    let before = data_files(&cdir);
    let out = run(&["--data-dir", &s(&cdir), "import", &s(&file)]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("mã hoá bằng mật khẩu"),
        "{}",
        text(&out)
    );
    let import_with = |p: &Path| {
        let pf = s(p);
        run(&[
            "--data-dir",
            &s(&cdir),
            "import",
            &s(&file),
            "--exchange-passphrase-file",
            &pf,
        ])
    };
    let out = import_with(&wrong);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("mật khẩu của tệp không đúng"),
        "{}",
        text(&out)
    );
    assert_eq!(data_files(&cdir), before);
    let out = import_with(&pass);
    assert!(out.status.success(), "{}", text(&out));
    let session = common::open(&cdir);
    assert!(
        session
            .workspace
            .data()
            .notebooks
            .contains_key(&notebook.id)
    );
}

#[test]
fn the_window_writes_and_reads_an_exchange_file_with_a_passphrase() {
    use eframe::egui;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use crate::ui::click;
    use crate::ui::handover::preview_exchange_files;

    crypt::set_test_work_factor(4);
    let root = tempfile::tempdir().unwrap();
    let (mdir, cdir, out) = (
        root.path().join("m"),
        root.path().join("c"),
        root.path().join("out"),
    );
    fs::create_dir_all(&out).unwrap();
    let notebook = common::sample_notebook(4);
    common::put_notebook(&mdir, &notebook);
    secretary_folder(&cdir);
    let window = |dir: &Path| {
        let mut session = common::open(dir);
        let settings = sophandau::model::Settings {
            export_folder: Some(out.display().to_string()),
            ..session.workspace.settings().clone()
        };
        session.apply(Action::ChangeSettings { settings }).unwrap();
        let app = sophandau::ui::App::detached(session);
        Harness::builder()
            .with_size(egui::vec2(1280.0, 900.0))
            .with_max_steps(16)
            .with_context_setup(app.context_setup())
            .build_ui_state(|ui, app: &mut sophandau::ui::App| app.frame(ui), app)
    };
    let mut h = window(&mdir);
    h.run();
    click(&mut h, "Sổ");
    click(&mut h, "Trao đổi sổ…");
    click(
        &mut h,
        sophandau::i18n::T::ExchangeEncrypt.get(sophandau::model::Language::Vietnamese),
    );
    click(&mut h, "Mật khẩu của tệp trao đổi");
    h.get_by_label("Mật khẩu của tệp trao đổi")
        .type_text("gặp nhau");
    h.run();
    click(&mut h, "Ghi tệp trao đổi");
    h.get_by_label_contains("Đã ghi 1 tệp");
    let file = fs::read_dir(&out).unwrap().next().unwrap().unwrap().path();
    assert!(crypt::is_sealed(&fs::read(&file).unwrap()));
    drop(h);

    let mut h = window(&cdir);
    h.run();
    preview_exchange_files(&mut h, &file.display().to_string());
    h.get_by_label_contains("mã hoá bằng mật khẩu");
    click(&mut h, "Mật khẩu của tệp trao đổi");
    h.get_by_label("Mật khẩu của tệp trao đổi")
        .type_text("gặp nhau");
    h.run();
    click(&mut h, "Xem trước");
    assert!(h.query_by_label_contains("mã hoá bằng mật khẩu").is_none());
    assert!(
        h.query_all_by_label_contains(&notebook.profile.full_name)
            .count()
            > 0
    );
}
