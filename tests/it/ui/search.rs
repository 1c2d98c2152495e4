//! Ctrl+F: a query typed without marks finds the record, and pressing the
//! hit shows it selected (the cell's meeting minutes: the meeting screen);
//! the built-in Telex typing, key by key, through a real field, down to
//! the saved file.

use super::*;
use sophandau::model::{Entry, EntryKind, ToneRule, TypingMode};

/// The window once the search index, built off the UI thread, is ready.
fn ready(dir: &Path) -> Harness<'static, App> {
    let mut h = harness(dir);
    for _ in 0..200 {
        if h.state_mut().search_ready() {
            return h;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    panic!("the search index was not built");
}

fn add_entry(dir: &Path, member: Uuid, title: &str, text: &str) {
    let mut session = store::open(dir).unwrap();
    let id = Uuid::new_v4();
    session
        .apply(Action::AddEntry {
            member,
            year: this_year(),
            entry: Entry {
                id,
                date: jiff::civil::date(this_year(), 3, 5),
                kind: EntryKind::Study,
                title: title.into(),
                text: text.into(),
                commitments: Vec::new(),
                revision: 0,
            },
        })
        .unwrap();
    session.store.flush().unwrap();
}

#[test]
fn ctrl_f_finds_a_record_typed_without_marks_and_goes_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    add_entry(
        dir.path(),
        member,
        "Học tập tư tưởng Hồ Chí Minh",
        "Đọc lại Di chúc của Người",
    );
    let mut h = ready(dir.path());
    click(&mut h, "Đăng ký cam kết");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert!(h.state().search_panel().is_some());
    // The query field has the focus: typing goes straight into it.
    h.get_by_label("Tìm").type_text("tu tuong ho chi");
    h.run();
    h.get_by_label("Tìm thấy 1 kết quả");
    let hit = h.get_by_label_contains("Học tập tư tưởng Hồ Chí Minh");
    hit.click();
    h.run();
    let place = h.state().place();
    assert_eq!(place.member, Some(member));
    assert_eq!(place.year, this_year());
    assert_eq!(place.screen, sophandau::ui::Screen::Entries);
    // The entry is open in its editor, as if picked from the list.
    assert_eq!(
        h.get_by_label("Tiêu đề").value().as_deref(),
        Some("Học tập tư tưởng Hồ Chí Minh")
    );

    // Another query, a commitment this time: the registration screen.
    h.get_by_label("Tìm").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Tìm").type_text("SINH HOAT CHI BO");
    h.run();
    h.get_by_label_contains("· Cam kết\nSinh hoạt chi bộ đầy đủ")
        .click();
    h.run();
    assert_eq!(
        h.state().place().screen,
        sophandau::ui::Screen::Registration
    );

    // Filtered to progress records, the commitment is gone.
    click(&mut h, "Loại");
    h.get_by_label("Kết quả thực hiện").click();
    h.run();
    assert!(h.query_by_label_contains("· Cam kết\n").is_none());
    assert!(h.query_by_label("Không tìm thấy gì.").is_some());
}

#[test]
fn a_word_of_the_meetings_conclusion_is_found_and_opens_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut session = store::open(dir.path()).unwrap();
    let mut settings = session.workspace.settings().clone();
    settings.role = sophandau::model::Role::Secretary;
    session.apply(Action::ChangeSettings { settings }).unwrap();
    let meeting = sophandau::model::Meeting {
        place: "Hội trường ấp Tân Định".to_owned(),
        proceedings: "Chi bộ kiểm điểm, đánh giá, xếp loại đảng viên.".to_owned(),
        conclusion: "Giao chi ủy chuẩn bị buổi họp mặt tất niên.".to_owned(),
        ..Default::default()
    };
    session
        .apply(Action::SetMeeting {
            year: this_year(),
            meeting,
        })
        .unwrap();
    session.store.flush().unwrap();
    drop(session);

    let mut h = ready(dir.path());
    h.state_mut()
        .go_to(member, this_year(), sophandau::ui::Screen::Registration);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("Tìm").type_text("tat nien");
    h.run();
    h.get_by_label("Tìm thấy 1 kết quả");
    // The cell's name above the snippet of the conclusion.
    let label = format!(
        "Chi bộ · {} · Biên bản họp\n…chi ủy chuẩn bị buổi họp mặt tất niên.",
        this_year()
    );
    let hit = h.get_by_label(&label);
    hit.click();
    h.run();
    let place = h.state().place();
    assert_eq!(place.screen, sophandau::ui::Screen::Meeting);
    assert_eq!(place.year, this_year());
    h.get_by_label(&format!(
        "Họp chi bộ kiểm điểm, đánh giá, xếp loại đảng viên năm {}",
        this_year()
    ));
    assert_eq!(
        h.get_by_label("Kết luận của chủ trì").value().as_deref(),
        Some("Giao chi ủy chuẩn bị buổi họp mặt tất niên.")
    );

    // Narrowed to one member, the cell's minutes are not among the hits.
    click(&mut h, "Đảng viên");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Trần Văn Hùng")
        .click();
    h.run();
    h.get_by_label("Không tìm thấy gì.");
}

/// The 2020 theme in Telex keys, as a member would type it.
const THEME_TELEX: &str = "Tawng cuwowngf khoois ddaij ddoanf keets toanf daan toocj, xaay \
    duwngj DDangr vaf heej thoongs chinhs trij trong sachj, vuwngx manhj theo tuw tuwowngr, \
    ddaoj dduwcs, phong cachs Hoof Chis Minh";

const THEME_2020: &str = "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ \
    thống chính trị trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh";

#[test]
fn the_2020_theme_typed_in_telex_key_by_key_is_saved_with_its_marks() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    // The status bar's picker, saved in the settings.
    click(&mut h, "Bộ gõ");
    click(&mut h, "Telex");
    click(&mut h, "Ghi chép");
    click(&mut h, "Thêm ghi chép");
    click(&mut h, "Tiêu đề");
    for key in THEME_TELEX.chars() {
        // As winit sends a letter: its key, then its text.
        if let Some(k) = egui::Key::from_name(&key.to_uppercase().to_string()) {
            h.event(egui::Event::Key {
                key: k,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            });
        }
        h.get_by_label("Tiêu đề").type_text(&key.to_string());
        h.step();
    }
    h.run();
    assert_eq!(
        h.get_by_label("Tiêu đề").value().as_deref(),
        Some(THEME_2020)
    );
    save_now(&mut h);
    let file = saved(&h, member);
    assert!(file.contains(THEME_2020), "{file}");
    let settings = fs::read_to_string(dir.path().join("workspace.ron")).unwrap();
    assert!(settings.contains("typing: Telex"), "{settings}");

    // The old rule, and the shortcut turning it to VNI and then off.
    let ws = &h.state().session().workspace;
    assert_eq!(ws.settings().tone_rule, ToneRule::Modern);
    let ctrl_shift = egui::Modifiers {
        shift: true,
        ..egui::Modifiers::COMMAND
    };
    h.key_press_modifiers(ctrl_shift, egui::Key::G);
    h.run();
    let typing = h.state().session().workspace.settings().typing;
    assert_eq!(typing, TypingMode::Vni);
    h.key_press_modifiers(ctrl_shift, egui::Key::G);
    h.run();
    let typing = h.state().session().workspace.settings().typing;
    assert_eq!(typing, TypingMode::Off);
}

#[test]
fn with_typing_off_keys_reach_the_field_as_sent() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Ghi chép");
    click(&mut h, "Thêm ghi chép");
    type_into(&mut h, "Tiêu đề", "tieengs Vieetj");
    save_now(&mut h);
    assert!(saved(&h, member).contains("tieengs Vieetj"));
}
