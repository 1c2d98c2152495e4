//! The secretary's desk in the window: switching to the secretary, opening
//! a member from the cell board, writing a remark, setting the cell's
//! level and signing; each read back from the saved file. An edit of the
//! member's own text is refused in this role.

use super::*;
use egui_kittest::kittest::NodeT;
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

/// The label of the chi ủy's assessment of this year's first criterion,
/// e.g. "Chi ủy đánh giá tiêu chí I.1".
fn first_assessment() -> String {
    let form = sophandau::themes::self_review_form(
        this_year(),
        &sophandau::model::Profile::default(),
        None,
    )
    .unwrap();
    let section = &form.sections[0];
    let number = |h: &str| h.split_once('.').map_or(h, |(n, _)| n).trim().to_owned();
    format!(
        "Chi ủy đánh giá tiêu chí {}.{}",
        number(&section.heading),
        number(&section.criteria[0].heading)
    )
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

    // A remark on the period, saved as typed: there is no button to press.
    click(&mut h, "Thêm nhận xét");
    type_into(
        &mut h,
        "Nội dung nhận xét",
        "Cần bổ sung minh chứng cho cam kết.",
    );
    save_now(&mut h);
    let file = saved_cell(&h, member);
    assert!(
        file.contains("Cần bổ sung minh chứng cho cam kết."),
        "{file}"
    );
    click(&mut h, "Lưu và đóng");
    assert!(h.query_by_label("Nội dung nhận xét").is_none());

    // A remark on the commitment.
    click(&mut h, "Nhận xét cam kết này");
    type_into(&mut h, "Nội dung nhận xét", "Đã dự đủ các buổi sinh hoạt.");
    save_now(&mut h);
    let file = saved_cell(&h, member);
    assert!(file.contains("Đã dự đủ các buổi sinh hoạt."), "{file}");
    assert!(file.contains("commitment: Some("), "{file}");

    // The chi ủy's assessment of the form's first criterion.
    type_into(
        &mut h,
        &first_assessment(),
        "Lập trường tư tưởng vững vàng.",
    );
    save_now(&mut h);
    let file = saved_cell(&h, member);
    assert!(file.contains("assessment: {"), "{file}");
    assert!(file.contains("Lập trường tư tưởng vững vàng."), "{file}");

    // The cell's level and the meeting's vote.
    click(&mut h, "Mức chi bộ đề xuất");
    h.step();
    h.step();
    click(&mut h, "Hoàn thành tốt nhiệm vụ");
    for (label, votes) in [
        ("Số phiếu Hoàn thành tốt nhiệm vụ", 7.0),
        ("Số phiếu Hoàn thành nhiệm vụ", 2.0),
    ] {
        h.get_by_label(label).scroll_to_me();
        h.run();
        h.get_by_label(label).set_value_accesskit(votes);
        h.run();
    }
    h.get_by_label("Tổng số phiếu: 9");
    save_now(&mut h);
    let file = saved_cell(&h, member);
    assert!(file.contains("proposed_level: Some(Good)"), "{file}");
    assert!(file.contains("Good: 7"), "{file}");
    assert!(file.contains("Completed: 2"), "{file}");

    // The committee's decision and the signature.
    type_into(&mut h, "Số quyết định", "125-QĐ/ĐU");
    type_into(&mut h, "Bí thư chi bộ ký", "Nguyễn Văn Bình");
    let today = jiff::Zoned::now().date();
    type_into(
        &mut h,
        "Ngày ký (ngày/tháng/năm)",
        &sophandau::text::dmy(today),
    );
    save_now(&mut h);
    let file = saved_cell(&h, member);
    assert!(file.contains("decision_number: \"125-QĐ/ĐU\""), "{file}");
    assert!(file.contains("secretary: \"Nguyễn Văn Bình\""), "{file}");
    assert!(!file.contains("signed_on: None"), "{file}");

    // The member's own text is greyed out for the secretary, with the
    // reason; asked for all the same, the edit is refused.
    click(&mut h, "Lý lịch");
    h.get_by_label_contains("phần của đảng viên chỉ để xem");
    assert!(h.get_by_label("Họ và tên").accesskit_node().is_disabled());
    let mut profile = h
        .state()
        .session()
        .workspace
        .notebook(member)
        .unwrap()
        .profile
        .clone();
    profile.full_name.push_str(" (sửa)");
    h.state_mut()
        .request(Action::SetProfile { member, profile });
    h.run();
    h.get_by_label_contains("Bí thư chi bộ không sửa phần của đảng viên");
    let file = saved(&h, member);
    assert!(!file.contains("(sửa)"), "{file}");
    assert!(file.contains("Trần Văn Hùng"), "{file}");
}

/// Makes the secretary's role the saved one, before the window opens.
fn as_secretary(dir: &Path) {
    let mut session = store::open(dir).unwrap();
    let mut settings = session.workspace.settings().clone();
    settings.role = sophandau::model::Role::Secretary;
    session.apply(Action::ChangeSettings { settings }).unwrap();
    session.store.flush().unwrap();
}

/// The window as the secretary, on the review of `member`'s year.
fn reviewing(dir: &Path, member: Uuid) -> Harness<'static, App> {
    as_secretary(dir);
    let mut h = harness(dir);
    h.state_mut().go_to(member, this_year(), Screen::Vetting);
    h.run();
    h
}

#[test]
fn a_remark_undone_is_gone_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let member = cell(dir.path());
    let mut h = reviewing(dir.path(), member);
    click(&mut h, "Thêm nhận xét");
    type_into(
        &mut h,
        "Nội dung nhận xét",
        "Nhận xét này sẽ được hoàn tác.",
    );
    save_now(&mut h);
    assert!(saved_cell(&h, member).contains("Nhận xét này sẽ được hoàn tác."));

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let file = saved_cell(&h, member);
    assert!(!file.contains("Nhận xét này sẽ được hoàn tác."), "{file}");
    // The editor of a remark no longer there closes.
    assert!(h.query_by_label("Nội dung nhận xét").is_none());
    h.get_by_label("Chưa có nhận xét.");
}

#[test]
fn previous_and_next_go_through_the_members_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let hung = cell(dir.path());
    let binh = {
        let mut session = store::open(dir.path()).unwrap();
        let id = common::create_member(&mut session, "Phạm Thị Bình");
        session
            .apply(Action::StartYear {
                member: id,
                year: this_year(),
                theme_id: "2020".to_owned(),
            })
            .unwrap();
        session.store.flush().unwrap();
        id
    };
    let anh = h_member(dir.path(), "Nguyễn Văn Ánh");
    let mut h = reviewing(dir.path(), binh);
    assert_eq!(h.state().place().member, Some(binh));
    click(&mut h, "Đảng viên sau »");
    assert_eq!(h.state().place().member, Some(hung));
    assert_eq!(h.state().place().screen, Screen::Vetting);
    assert!(
        h.get_by_label("Đảng viên sau »")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut h, "« Đảng viên trước");
    click(&mut h, "« Đảng viên trước");
    assert_eq!(h.state().place().member, Some(anh));
    assert!(
        h.get_by_label("« Đảng viên trước")
            .accesskit_node()
            .is_disabled()
    );
}

/// The id of the member of that name.
fn h_member(dir: &Path, name: &str) -> Uuid {
    let session = store::open(dir).unwrap();
    let id = session
        .workspace
        .notebooks()
        .find(|n| n.profile.full_name == name)
        .map(|n| n.id)
        .unwrap();
    drop(session);
    id
}

#[test]
fn a_double_click_or_enter_on_a_row_opens_the_member() {
    let dir = tempfile::tempdir().unwrap();
    let member = cell(dir.path());
    as_secretary(dir.path());
    // Frames 50 ms apart: two clicks a step apart make a double click
    // (egui's limit is 0.3 s, and a step may run a few passes).
    let mut h = harness_stepping(dir.path(), 0.05);
    assert_eq!(h.state().place().screen, Screen::Board);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Trần Văn Hùng")
        .click();
    h.step();
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Trần Văn Hùng")
        .click();
    h.run();
    assert_eq!(h.state().place().screen, Screen::Vetting);
    assert_eq!(h.state().place().member, Some(member));

    click(&mut h, "Về bảng theo dõi");
    assert_eq!(h.state().place().screen, Screen::Board);
    let anh = h_member_in(&h, "Nguyễn Văn Ánh");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Nguyễn Văn Ánh")
        .click();
    h.run();
    assert_eq!(h.state().place().screen, Screen::Board, "one click selects");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().place().screen, Screen::Vetting);
    assert_eq!(h.state().place().member, Some(anh));
}

fn h_member_in(h: &Harness<'_, App>, name: &str) -> Uuid {
    h.state()
        .session()
        .workspace
        .notebooks()
        .find(|n| n.profile.full_name == name)
        .map(|n| n.id)
        .unwrap()
}

#[test]
fn the_members_screens_are_greyed_out_for_the_secretary() {
    let dir = tempfile::tempdir().unwrap();
    let member = cell(dir.path());
    let mut h = reviewing(dir.path(), member);
    let criterion = first_criterion();
    for (screen, field) in [
        (Screen::Profile, "Họ và tên"),
        (Screen::Registration, "Thêm cam kết"),
        (Screen::Entries, "Thêm ghi chép"),
        (Screen::SelfReview, criterion.as_str()),
    ] {
        h.state_mut().show_screen(screen);
        h.run();
        h.get_by_label_contains("phần của đảng viên chỉ để xem");
        let mut fields = h.get_all_by_label(field).peekable();
        assert!(fields.peek().is_some(), "{screen:?}: {field}");
        assert!(
            fields.all(|f| f.accesskit_node().is_disabled()),
            "{screen:?}: {field}"
        );
    }
    // A period of the progress grid opens to be read, its fields greyed.
    h.state_mut().show_screen(Screen::Progress);
    h.run();
    click(
        &mut h,
        "Sinh hoạt chi bộ đầy đủ, đúng giờ — Tháng 1: Chưa ghi",
    );
    assert!(
        h.get_by_label("Kết quả thực hiện")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut h, "Đóng");
    assert!(h.query_by_label("Kết quả thực hiện").is_none());
    // The cell's own screen is not greyed.
    h.state_mut().show_screen(Screen::Vetting);
    h.run();
    assert!(
        h.query_by_label_contains("phần của đảng viên chỉ để xem")
            .is_none()
    );
    assert!(
        !h.get_by_label("Số quyết định")
            .accesskit_node()
            .is_disabled()
    );
}

/// A member with this year's book, its commitments as given.
fn member_writing(session: &mut sophandau::store::Session, name: &str, texts: &[&str]) -> Uuid {
    let member = common::create_member(session, name);
    let year = this_year();
    session
        .apply(Action::StartYear {
            member,
            year,
            theme_id: "2020".to_owned(),
        })
        .unwrap();
    for text in texts {
        session
            .apply(Action::AddCommitment {
                member,
                year,
                commitment: Commitment {
                    id: Uuid::new_v4(),
                    area: Area::Duties,
                    content: (*text).into(),
                    measures: Default::default(),
                    product: Default::default(),
                    deadline: None,
                    order: 0,
                    revision: 0,
                },
            })
            .unwrap();
    }
    member
}

#[test]
fn copied_text_is_marked_on_the_board_and_listed_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let theme = sophandau::themes::find(&sophandau::model::Settings::default(), "2020")
        .unwrap()
        .title
        .clone();
    let copied = "Tham gia đầy đủ các buổi học tập chuyên đề và viết bài thu hoạch cuối năm";
    let near = "Tham gia đầy đủ các buổi học tập chuyên đề, viết bài thu hoạch vào cuối năm";
    let mut session = store::open(dir.path()).unwrap();
    let hung = member_writing(
        &mut session,
        "Trần Văn Hùng",
        &[copied, "Kèm cặp hai đoàn viên trẻ của ấp làm hồ sơ vay vốn"],
    );
    let anh = member_writing(&mut session, "Nguyễn Văn Ánh", &[near]);
    // Both quote the year's theme, which everyone may: not a copy.
    let quoting = [
        member_writing(
            &mut session,
            "Lê Thị Cúc",
            &[
                &theme,
                "Sửa lại mương nước trước nhà văn hóa ấp trong mùa khô",
            ],
        ),
        member_writing(
            &mut session,
            "Võ Minh Đức",
            &[
                &theme,
                "Vận động bà con phân loại rác tại nguồn ở tổ dân phố",
            ],
        ),
    ];
    session.store.flush().unwrap();
    drop(session);
    let files = sophandau::store::Files::new(dir.path());
    let before: Vec<String> = [hung, anh, quoting[0], quoting[1]]
        .iter()
        .map(|m| fs::read_to_string(files.notebook_path(*m)).unwrap())
        .collect();

    as_secretary(dir.path());
    let mut h = harness(dir.path());
    h.run();
    h.state_mut().wait_for_copies();
    h.run();
    h.get_by_label("≈ 1 — Trần Văn Hùng");
    h.get_by_label("≈ 1 — Nguyễn Văn Ánh");
    for name in ["Lê Thị Cúc", "Võ Minh Đức"] {
        assert!(
            h.query_by_label_contains(&format!("— {name}")).is_none(),
            "{name}"
        );
    }

    // The list: the group's passages side by side, each with its member.
    click(&mut h, "Đoạn văn giống nhau (1 nhóm)…");
    h.get_by_label_contains("Nhóm 1: giống");
    h.get_by_label_contains("2 đảng viên");
    let copied_at = h.get_by_label(copied).rect();
    let near_at = h.get_by_label(near).rect();
    assert!(
        (copied_at.top() - near_at.top()).abs() < 1.0 && copied_at.left() != near_at.left(),
        "side by side: {copied_at:?} {near_at:?}"
    );
    assert!(h.query_by_label(&theme).is_none());

    // From a member's mark, the list narrows to that member's groups.
    click(&mut h, "≈ 1 — Nguyễn Văn Ánh");
    h.get_by_label("Chỉ các nhóm có Nguyễn Văn Ánh");

    // A hint only: nobody's text has changed.
    h.state().session().store.flush().unwrap();
    let after: Vec<String> = [hung, anh, quoting[0], quoting[1]]
        .iter()
        .map(|m| fs::read_to_string(files.notebook_path(*m)).unwrap())
        .collect();
    assert_eq!(before, after);
}
