//! The secretary's desk in the window: switching to the secretary, opening
//! a member from the cell board, writing a remark, setting the cell's
//! level and signing; each read back from the saved file. An edit of the
//! member's own text is refused in this role.

use super::*;
use sophandau::ui::Screen;

/// Two members with this year's book; the first holds one commitment.
fn cell(dir: &Path) -> Uuid {
    let (member, _) = prepared(dir);
    let mut session = store::open(dir).unwrap();
    let other = common::create_member(&mut session, "Nguyễn Văn Ánh");
    session
        .apply(Action::StartYear {
            member: other,
            year: this_year(),
            theme_id: "2020".to_owned(),
        })
        .unwrap();
    session.store.flush().unwrap();
    member
}

fn settings_file(h: &Harness<'_, App>) -> String {
    let session = h.state().session();
    session.store.flush().expect("saves");
    fs::read_to_string(session.store.files().settings_path()).unwrap()
}

#[test]
fn the_secretary_reviews_a_member_from_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let member = cell(dir.path());
    let mut h = harness(dir.path());

    // The role is a setting, saved.
    click(&mut h, "Xem");
    click(&mut h, "Bí thư chi bộ (theo dõi, nhận xét)");
    assert!(settings_file(&h).contains("role: Secretary"));
    assert_eq!(h.state().place().screen, Screen::Board);
    h.get_by_label("Vai trò: bí thư chi bộ");

    // The board lists the members by given name; Enter opens the selected.
    let row = |h: &Harness<'_, App>, name: &str| {
        let node = h.get_by_role_and_label(egui::accesskit::Role::Button, name);
        node.rect().min.y
    };
    assert!(row(&h, "Nguyễn Văn Ánh") < row(&h, "Trần Văn Hùng"));
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Trần Văn Hùng")
        .click();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().place().screen, Screen::Vetting);
    assert_eq!(h.state().place().member, Some(member));

    // A remark on the period.
    click(&mut h, "Thêm nhận xét");
    type_into(
        &mut h,
        "Nội dung nhận xét",
        "Cần bổ sung minh chứng cho cam kết.",
    );
    click(&mut h, "Lưu nhận xét");
    let file = saved_cell(&h, member);
    assert!(
        file.contains("Cần bổ sung minh chứng cho cam kết."),
        "{file}"
    );

    // The cell's level, the committee's decision and the signature.
    click(&mut h, "Mức chi bộ đề xuất");
    h.step();
    h.step();
    click(&mut h, "Hoàn thành tốt nhiệm vụ");
    type_into(&mut h, "Số quyết định", "125-QĐ/ĐU");
    type_into(&mut h, "Bí thư chi bộ ký", "Nguyễn Văn Bình");
    let today = jiff::Zoned::now().date();
    type_into(
        &mut h,
        "Ngày ký (ngày/tháng/năm)",
        &sophandau::text::dmy(today),
    );
    click(&mut h, "Lưu xếp loại và chữ ký");
    let file = saved_cell(&h, member);
    assert!(file.contains("proposed_level: Some(Good)"), "{file}");
    assert!(file.contains("decision_number: \"125-QĐ/ĐU\""), "{file}");
    assert!(file.contains("secretary: \"Nguyễn Văn Bình\""), "{file}");
    assert!(!file.contains("signed_on: None"), "{file}");

    // The member's own text is refused to the secretary, with the reason.
    click(&mut h, "Lý lịch");
    type_into(&mut h, "Họ và tên", " (sửa)");
    save_now(&mut h);
    h.get_by_label_contains("Bí thư chi bộ không sửa phần của đảng viên");
    let file = saved(&h, member);
    assert!(!file.contains("(sửa)"), "{file}");
    assert!(file.contains("Trần Văn Hùng"), "{file}");
}
