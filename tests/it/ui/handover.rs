//! Exchange files in the window: a member hands the notebook in, the
//! secretary previews it (nothing changes yet), takes it, and a bad file
//! is refused with its reason; a file dropped on the window is previewed.

use super::*;
use sophandau::model::{Role, Settings};

/// A workspace whose exports (and exchange files) go to `out`.
pub(crate) fn with_folder(dir: &Path, out: &Path, role: Role) {
    let mut session = store::open(dir).unwrap();
    let settings = Settings {
        role,
        export_folder: Some(out.display().to_string()),
        ..session.workspace.settings().clone()
    };
    session.apply(Action::ChangeSettings { settings }).unwrap();
    session.store.flush().unwrap();
}

fn open_exchange(h: &mut Harness<'_, App>) {
    click(h, "Sổ");
    click(h, "Trao đổi sổ…");
}

/// Opens the exchange window's "take" tab and previews `files` (one a
/// line), as a secretary does.
pub(crate) fn preview_exchange_files(h: &mut Harness<'_, App>, files: &str) {
    open_exchange(h);
    click(h, "Nhận tệp trao đổi");
    type_into(h, "Tệp để nhận (mỗi dòng một tệp)", files);
    click(h, "Xem trước");
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_notebook_handed_in_is_previewed_then_taken_by_the_secretary() {
    let root = tempfile::tempdir().unwrap();
    let (mdir, cdir, out) = (
        root.path().join("m"),
        root.path().join("c"),
        root.path().join("out"),
    );
    fs::create_dir_all(&out).unwrap();
    let (member, _) = prepared(&mdir);
    with_folder(&mdir, &out, Role::Member);
    with_folder(&cdir, &out, Role::Secretary);

    // The member writes the file into the folder offered.
    let mut h = harness(&mdir);
    open_exchange(&mut h);
    click(&mut h, "Ghi tệp trao đổi");
    h.get_by_label_contains("Đã ghi 1 tệp");
    let file = out.join("Trần Văn Hùng nộp sổ.sophandau");
    assert!(
        file.is_file(),
        "{:?}",
        fs::read_dir(&out).unwrap().collect::<Vec<_>>()
    );
    drop(h);

    // The secretary previews a bad file and the good one: nothing changes.
    let bad = out.join("hỏng.sophandau");
    fs::write(&bad, "không phải tệp trao đổi").unwrap();
    let mut h = harness(&cdir);
    preview_exchange_files(&mut h, &format!("{}\n{}", bad.display(), file.display()));
    h.get_by_label_contains("đây không phải tệp trao đổi");
    h.get_by_label_contains("Trần Văn Hùng (đảng viên mới trên máy)");
    assert!(h.state().session().workspace.notebook(member).is_none());

    // "Hủy" forgets the preview; "Nhận" takes the good file.
    click(&mut h, "Hủy");
    assert!(h.query_by_label("Nhận").is_none());
    click(&mut h, "Xem trước");
    click(&mut h, "Nhận");
    h.get_by_label_contains("Đã nhận 1 tệp");
    let session = h.state().session();
    session.store.flush().unwrap();
    assert!(session.workspace.notebook(member).is_some());
    assert!(session.store.files().notebook_path(member).is_file());
}

#[test]
fn a_file_dropped_on_the_window_is_previewed() {
    let root = tempfile::tempdir().unwrap();
    let (mdir, cdir, out) = (
        root.path().join("m"),
        root.path().join("c"),
        root.path().join("out"),
    );
    fs::create_dir_all(&out).unwrap();
    prepared(&mdir);
    let session = store::open(&mdir).unwrap();
    let nb = session.workspace.notebooks().next().unwrap().clone();
    drop(session);
    let file = out.join("an.sophandau");
    fs::write(
        &file,
        sophandau::exchange::write_members(&[&nb], jiff::Timestamp::now()),
    )
    .unwrap();
    with_folder(&cdir, &out, Role::Secretary);

    let mut h = harness(&cdir);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.clone())));
    h.run();
    h.get_by_label_contains("Trần Văn Hùng (đảng viên mới trên máy)");
    click(&mut h, "Nhận");
    assert!(h.state().session().workspace.notebook(nb.id).is_some());
}
