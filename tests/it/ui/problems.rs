//! A damaged notebook stays in view in the window until the user settles
//! it; when its backup opened, the window can remove the damaged copy.

use super::*;

/// One member saved twice (so a backup exists), then the file cut short.
fn damaged(dir: &Path) -> Uuid {
    let mut notebook = common::sample_notebook(7);
    common::put_notebook(dir, &notebook);
    notebook.profile.workplace = "Trường Tiểu học Thạnh Trung".to_owned();
    common::put_notebook(dir, &notebook);
    let path = store::Files::new(dir).notebook_path(notebook.id);
    let text = fs::read(&path).unwrap();
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    notebook.id
}

fn set_aside_count(dir: &Path) -> usize {
    fs::read_dir(dir.join("notebooks"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().contains(store::ASIDE_MARK)
        })
        .count()
}

#[test]
fn a_damaged_notebook_is_reported_until_its_copy_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let member = damaged(dir.path());
    {
        let mut h = harness(dir.path());
        h.get_by_label("Khi mở sổ có điều cần biết:");
        click(&mut h, "Đã hiểu");
        assert!(h.query_by_label("Khi mở sổ có điều cần biết:").is_none());
        assert!(h.state().session().workspace.notebook(member).is_some());
    }
    assert_eq!(set_aside_count(dir.path()), 1);
    // Dismissed is not settled: the next opening says it again.
    let mut h = harness(dir.path());
    h.get_by_label("Khi mở sổ có điều cần biết:");
    click(&mut h, "Xóa tệp hỏng này");
    h.get_by_label_contains("Đã xóa tệp hỏng");
    assert!(h.query_by_label("Xóa tệp hỏng này").is_none());
    assert_eq!(set_aside_count(dir.path()), 0);
    drop(h);
    let h = harness(dir.path());
    assert!(h.query_by_label("Khi mở sổ có điều cần biết:").is_none());
    assert!(h.state().session().workspace.notebook(member).is_some());
}
