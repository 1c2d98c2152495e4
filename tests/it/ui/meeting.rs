//! The year-end meeting in the window: the secretary opens "Họp chi bộ
//! cuối năm", writes the meeting's place, chair and minute-taker, adds an
//! absent member picked from the cell with a reason, and a member's summary
//! of comments; each is read back from the saved files (`cell/meetings.ron`
//! and the member's `cell/<id>.ron`), and undone.

use super::*;
use sophandau::ui::Screen;

fn meetings_file(h: &Harness<'_, App>) -> String {
    let session = h.state().session();
    session.store.flush().expect("saves");
    fs::read_to_string(session.store.files().meetings_path()).unwrap_or_default()
}

#[test]
fn the_secretary_records_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    demo_cell(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Xem");
    click(&mut h, "Bí thư chi bộ (theo dõi, nhận xét)");
    click(&mut h, "Họp chi bộ cuối năm");
    assert_eq!(h.state().place().screen, Screen::Meeting);
    // The demo is of 2020; the window opens on this year.
    let member = h.state().session().workspace.notebooks().next().unwrap().id;
    h.state_mut().go_to(member, 2020, Screen::Meeting);
    h.run();
    h.get_by_label("Họp chi bộ kiểm điểm, đánh giá, xếp loại đảng viên năm 2020");
    assert_eq!(
        meetings_file(&h),
        "",
        "nothing is written before anything is typed"
    );

    type_into(&mut h, "Địa điểm họp", "Hội trường ấp Thạnh Trung");
    type_into(&mut h, "Chủ trì", "Lê Thanh Tâm");
    type_into(&mut h, "Thư ký", "Trần Thị Mai");
    save_now(&mut h);
    let file = meetings_file(&h);
    assert!(
        file.contains("place: \"Hội trường ấp Thạnh Trung\""),
        "{file}"
    );
    assert!(file.contains("chair: \"Lê Thanh Tâm\""), "{file}");
    assert!(file.contains("minute_taker: \"Trần Thị Mai\""), "{file}");
    h.get_by_label("Có mặt: 5/5 đồng chí; vắng mặt: 0 (có lý do: 0)");

    // An absent member, picked from the cell, with the reason.
    let first = h
        .state()
        .session()
        .workspace
        .notebooks()
        .map(|n| n.profile.full_name.clone())
        .min_by_key(|n| sophandau::text::name_sort_key(n))
        .unwrap();
    click(&mut h, "Thêm người vắng");
    h.get_by_role_and_label(egui::accesskit::Role::Button, first.as_str())
        .click();
    h.run();
    type_into(&mut h, "Lý do vắng mặt", "Ốm, có đơn xin phép");
    save_now(&mut h);
    let file = meetings_file(&h);
    assert!(file.contains(&format!("name: \"{first}\"")), "{file}");
    assert!(file.contains("reason: \"Ốm, có đơn xin phép\""), "{file}");
    h.get_by_label("Có mặt: 4/5 đồng chí; vắng mặt: 1 (có lý do: 1)");

    // The first member's summary of comments, in the cell's file.
    let row = h.query_all_by_label("Tóm tắt ý kiến").next().unwrap();
    row.click();
    h.run();
    h.query_all_by_label("Tóm tắt ý kiến")
        .next()
        .unwrap()
        .type_text(" Cần mạnh dạn hơn.");
    h.run();
    save_now(&mut h);
    let ws = &h.state().session().workspace;
    let with_comment = ws
        .notebooks()
        .find(|n| {
            n.years[&2020]
                .cell_review
                .decision
                .comments
                .contains("Cần mạnh dạn hơn.")
        })
        .map(|n| n.id)
        .expect("a member's comments were written");
    assert!(saved_cell(&h, with_comment).contains("Cần mạnh dạn hơn."));

    // Undo takes the comment back, then the reason.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!saved_cell(&h, with_comment).contains("Cần mạnh dạn hơn."));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(!meetings_file(&h).contains("Ốm, có đơn xin phép"));
}

#[test]
fn a_member_cannot_open_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    demo_cell(dir.path());
    let mut h = harness(dir.path());
    let member = h.state().session().workspace.notebooks().next().unwrap().id;
    h.state_mut().go_to(member, 2020, Screen::Meeting);
    h.run();
    assert!(
        h.query_by_label("Họp chi bộ kiểm điểm, đánh giá, xếp loại đảng viên năm 2020")
            .is_none()
    );
}
