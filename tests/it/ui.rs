//! The member's window, driven headless with egui_kittest by label and role,
//! on a temporary workspace; every flow checks the saved file, not only the
//! screen. kittest also fails on any glyph missing from the fonts and on
//! any input without an accessible name.

use crate::common;
mod desk;
mod english;
mod forms;
pub(crate) mod handover;
mod meeting;
mod moves;
mod problems;
mod search;
mod sizes;

use std::fs;
use std::path::Path;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use sophandau::model::{Area, Commitment};
use sophandau::store;
use sophandau::ui::App;
use sophandau::workspace::Action;
use uuid::Uuid;

pub(crate) fn harness(dir: &Path) -> Harness<'static, App> {
    harness_stepping(dir, 0.25)
}

/// The window with frames `step` seconds apart (kittest's default is 0.25).
fn harness_stepping(dir: &Path, step: f32) -> Harness<'static, App> {
    harness_built(dir, step, egui::vec2(1280.0, 900.0))
}

/// The window at a size in points.
fn harness_sized(dir: &Path, size: egui::Vec2) -> Harness<'static, App> {
    harness_built(dir, 0.25, size)
}

fn harness_built(dir: &Path, step: f32, size: egui::Vec2) -> Harness<'static, App> {
    let app = App::detached(store::open(dir).expect("the workspace opens"));
    Harness::builder()
        .with_size(size)
        // New widgets settle in a second frame, and each save repaints
        // the status line: a few more frames than kittest's default.
        .with_max_steps(16)
        .with_step_dt(step)
        .with_context_setup(app.context_setup())
        .build_ui_state(|ui, app: &mut App| app.frame(ui), app)
}

/// The member's notebook file, once everything pending is written.
fn saved(h: &Harness<'_, App>, member: Uuid) -> String {
    let session = h.state().session();
    session.store.flush().expect("saves");
    fs::read_to_string(session.store.files().notebook_path(member)).unwrap()
}

/// The cell's file for the member, once everything pending is written.
fn saved_cell(h: &Harness<'_, App>, member: Uuid) -> String {
    let session = h.state().session();
    session.store.flush().expect("saves");
    fs::read_to_string(session.store.files().cell_path(member)).unwrap_or_default()
}

fn this_year() -> i16 {
    jiff::Zoned::now().year()
}

/// The heading of the first criterion of this year's self-review form
/// (section I, criterion 1), whose box the tests type into.
fn first_criterion() -> String {
    let form = sophandau::themes::self_review_form(
        this_year(),
        &sophandau::model::Profile::default(),
        None,
    )
    .unwrap();
    form.sections[0].criteria[0].heading.clone()
}

/// A workspace with one member and this year's book with one commitment.
fn prepared(dir: &Path) -> (Uuid, Uuid) {
    let mut session = store::open(dir).unwrap();
    let member = common::create_member(&mut session, "Trần Văn Hùng");
    let year = this_year();
    session
        .apply(Action::StartYear {
            member,
            year,
            theme_id: "2020".to_owned(),
        })
        .unwrap();
    let commitment = Uuid::new_v4();
    session
        .apply(Action::AddCommitment {
            member,
            year,
            commitment: Commitment {
                id: commitment,
                area: Area::Discipline,
                content: "Sinh hoạt chi bộ đầy đủ, đúng giờ".into(),
                measures: Default::default(),
                product: Default::default(),
                deadline: None,
                order: 0,
                revision: 0,
            },
        })
        .unwrap();
    session.store.flush().unwrap();
    (member, commitment)
}

fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

pub(crate) fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

fn save_now(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
}

#[test]
fn first_start_creates_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("Chào đồng chí!");
    click(&mut h, "Lập sổ của tôi");
    type_into(&mut h, "Họ và tên", "Nguyễn Thị Hạnh");
    click(&mut h, "Lập sổ");

    let member = h.state().place().member.expect("a member is chosen");
    assert!(saved(&h, member).contains("full_name: \"Nguyễn Thị Hạnh\""));
    let settings = fs::read_to_string(dir.path().join("workspace.ron")).unwrap();
    assert!(
        settings.contains(&format!("owner: Some(\"{member}\")")),
        "{settings}"
    );

    // The profile screen follows; its fields save as the user types.
    type_into(&mut h, "Đơn vị công tác", "Trạm Y tế xã Long Thuận");
    type_into(&mut h, "Ngày sinh", "05/03/1980");
    save_now(&mut h);
    let file = saved(&h, member);
    assert!(
        file.contains("workplace: \"Trạm Y tế xã Long Thuận\""),
        "{file}"
    );
    assert!(file.contains("birth_date: Some(\"1980-03-05\")"), "{file}");
}

#[test]
fn an_empty_name_is_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "Lập sổ của tôi");
    click(&mut h, "Lập sổ");
    h.get_by_label("Chưa nhập họ và tên.");
    assert!(h.state().session().workspace.notebooks().next().is_none());
}

#[test]
fn a_commitment_in_each_area() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = store::open(dir.path()).unwrap();
    let member = common::create_member(&mut session, "Lê Thị Mai");
    drop(session);
    let mut h = harness(dir.path());
    click(&mut h, &format!("Mở sổ năm {}", this_year()));
    click(&mut h, "Mở sổ");
    h.get_by_label("Đăng ký cam kết");
    for (i, area) in Area::ALL[..6].iter().enumerate() {
        h.get_all_by_label("Thêm cam kết")
            .nth(i)
            .unwrap()
            .scroll_to_me();
        h.run();
        h.get_all_by_label("Thêm cam kết").nth(i).unwrap().click();
        h.run();
        type_into(
            &mut h,
            "Nội dung cam kết",
            &format!(
                "Cam kết số {} về {}",
                i + 1,
                sophandau::i18n::area(sophandau::model::Language::Vietnamese, *area)
            ),
        );
        type_into(&mut h, "Sản phẩm cụ thể", "Báo cáo kết quả");
        click(&mut h, "Lưu và đóng");
    }
    let file = saved(&h, member);
    let notebook = store::decode_notebook(file.as_bytes())
        .unwrap()
        .into_value();
    let book = &notebook.years[&this_year()];
    let areas: Vec<Area> = book.commitments.iter().map(|c| c.area).collect();
    assert_eq!(areas, Area::ALL[..6]);
    assert!(
        book.commitments
            .iter()
            .all(|c| c.product == "Báo cáo kết quả")
    );
    assert!(book.commitments[3].content.contains("Tác phong"));
}

#[test]
fn progress_for_a_month() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Theo dõi tiến độ");
    click(
        &mut h,
        "Sinh hoạt chi bộ đầy đủ, đúng giờ — Tháng 3: Chưa ghi",
    );
    click(&mut h, "Đã hoàn thành");
    type_into(
        &mut h,
        "Kết quả thực hiện",
        "Tham dự đủ 3/3 kỳ sinh hoạt quý I.",
    );
    type_into(&mut h, "Minh chứng", "Biên bản sinh hoạt chi bộ");
    click(&mut h, "Lưu và đóng");
    let file = saved(&h, member);
    assert!(file.contains("period: Month(3)"), "{file}");
    assert!(file.contains("status: Done"));
    assert!(file.contains("Tham dự đủ 3/3 kỳ sinh hoạt quý I."));
    // The cell now says so, in words.
    h.get_by_label("Sinh hoạt chi bộ đầy đủ, đúng giờ — Tháng 3: Đã hoàn thành");
}

#[test]
fn an_entry_is_added_and_found_in_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Ghi chép");
    h.get_by_label_contains("Chưa có ghi chép nào");
    click(&mut h, "Thêm ghi chép");
    type_into(&mut h, "Tiêu đề", "Học tập chuyên đề năm 2020");
    // Typed decomposed (as some input methods do): stored composed.
    type_into(
        &mut h,
        "Nội dung",
        "Tư tưởng Hô\u{300} Chí Minh về đại đoàn kết.",
    );
    click(&mut h, "Sinh hoạt chi bộ đầy đủ, đúng giờ");
    click(&mut h, "Lưu và đóng");
    h.get_by_label_contains("Học tập chuyên đề năm 2020");
    h.get_by_label("1 ghi chép");
    let file = saved(&h, member);
    assert!(file.contains("title: \"Học tập chuyên đề năm 2020\""));
    assert!(file.contains("Tư tưởng Hồ Chí Minh"), "{file}");
    assert!(!file.contains("Ho\u{302}\u{300}"));
    assert!(
        file.contains("commitments: [\n"),
        "linked to the commitment"
    );
}

#[test]
fn self_review_and_proposed_level() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Tự kiểm điểm");
    h.get_by_label("Hoàn thành 0/1 cam kết");
    // From 2025 the rules score out of 100 (Quy định 366-QĐ/TW).
    if this_year() >= 2025 {
        h.get_by_label("Chưa chọn").scroll_to_me();
        h.run();
        // Before any score is entered, no total and no level from it.
        assert!(h.query_by_label_contains("Tổng 0/100").is_none());
        assert!(
            h.query_by_label_contains("Không hoàn thành nhiệm vụ:")
                .is_none()
        );
    }
    type_into(
        &mut h,
        &first_criterion(),
        "Luôn giữ vững lập trường tư tưởng chính trị.",
    );
    click(&mut h, "Hoàn thành tốt nhiệm vụ");
    save_now(&mut h);
    let file = saved(&h, member);
    assert!(file.contains("text: \"Luôn giữ vững lập trường tư tưởng chính trị.\""));
    assert!(file.contains("proposed_level: Some(Good)"), "{file}");
}

#[test]
fn undo_and_redo_reach_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Lý lịch");
    type_into(&mut h, "Chức vụ Đảng", "Chi ủy viên");
    save_now(&mut h);
    assert!(saved(&h, member).contains("party_post: \"Chi ủy viên\""));

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(saved(&h, member).contains("party_post: \"\""));
    // Undo says what it took back.
    h.get_by_label("Đã hoàn tác: sửa lý lịch của Trần Văn Hùng.");

    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert!(saved(&h, member).contains("party_post: \"Chi ủy viên\""));
    h.get_by_label("Đã làm lại: sửa lý lịch của Trần Văn Hùng.");

    // The menu buttons do the same.
    click(&mut h, "Hoàn tác");
    assert!(saved(&h, member).contains("party_post: \"\""));
    click(&mut h, "Làm lại");
    assert!(saved(&h, member).contains("party_post: \"Chi ủy viên\""));
}

#[test]
fn deleting_a_commitment_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Xóa");
    assert!(!saved(&h, member).contains("Sinh hoạt chi bộ đầy đủ"));
    h.get_by_label_contains("Bấm «Hoàn tác»");
    click(&mut h, "Hoàn tác");
    assert!(saved(&h, member).contains("Sinh hoạt chi bộ đầy đủ"));
    h.get_by_label("Đã hoàn tác: xóa cam kết «Sinh hoạt chi bộ đầy đủ, đúng giờ».");
}

#[test]
fn switching_language() {
    let dir = tempfile::tempdir().unwrap();
    prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Xem");
    click(&mut h, "English");
    h.get_by_label("Commitments");
    h.get_by_label("Progress");
    h.state().session().store.flush().unwrap();
    let settings = fs::read_to_string(dir.path().join("workspace.ron")).unwrap();
    assert!(settings.contains("language: English"), "{settings}");
    // Refusals come in the window's language too.
    click(&mut h, "Profile");
    replace_text(&mut h, "Full name", "");
    h.key_press(egui::Key::Backspace);
    h.run();
    save_now(&mut h);
    h.get_by_label_contains("Please fill in the full name.");
    click(&mut h, "View");
    click(&mut h, "Tiếng Việt");
    h.get_by_label("Đăng ký cam kết");
}

#[test]
fn closing_the_window_writes_what_was_just_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Lý lịch");
    h.get_by_label("Chức vụ chính quyền").click();
    h.run();
    h.get_by_label("Chức vụ chính quyền").type_text("Trưởng ấp");
    h.step();
    h.input_mut()
        .viewports
        .get_mut(&egui::ViewportId::ROOT)
        .unwrap()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    let path = store::Files::new(dir.path()).notebook_path(member);
    assert!(
        fs::read_to_string(path)
            .unwrap()
            .contains("government_post: \"Trưởng ấp\"")
    );
}

#[test]
fn a_second_window_on_the_same_folder_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    prepared(dir.path());
    let _first = store::open(dir.path()).unwrap();
    let mut h = harness(dir.path());
    h.get_by_label("Chỉ xem");
    h.get_by_label_contains("Sổ đang được mở ở chương trình khác");
    click(&mut h, "Xóa");
    h.get_by_label_contains("Không sửa được");
}

#[test]
fn demo_cell_can_be_opened_and_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "Xem thử sổ mẫu của một chi bộ");
    h.get_by_label_contains("Đang xem sổ mẫu");
    h.get_by_label("Đăng ký cam kết");
    click(&mut h, "Quay lại sổ của tôi");
    h.get_by_label("Chào đồng chí!");
    assert_eq!(
        fs::read_dir(dir.path().join("notebooks")).unwrap().count(),
        0
    );
}

#[test]
fn the_calendar_picks_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Lý lịch");
    h.get_all_by_label("Lịch").next().unwrap().click();
    h.run();
    h.get_by_label("T2");
    click(&mut h, "Hôm nay");
    save_now(&mut h);
    let today = jiff::Zoned::now().date();
    assert!(saved(&h, member).contains(&format!("birth_date: Some(\"{today}\")")));
    let shown = format!("{:02}/{:02}/{}", today.day(), today.month(), today.year());
    assert!(
        h.query_all_by_value(&shown).next().is_some(),
        "the field shows it"
    );
}

/// A demo cell of five members over 2020, as `sophandau demo` makes it.
fn demo_cell(dir: &Path) {
    demo_cell_of(dir, 5, 1);
}

pub(crate) fn demo_cell_of(dir: &Path, members: usize, years: u16) {
    let files = store::Files::new(dir);
    files.create_dirs().unwrap();
    let cell = sophandau::demo::generate(sophandau::demo::DemoSpec {
        members,
        years,
        first_year: 2020,
        seed: 7,
    });
    for n in &cell.notebooks {
        files.save_both(n).unwrap();
    }
}

#[test]
fn the_2020_review_of_a_demo_member() {
    let dir = tempfile::tempdir().unwrap();
    demo_cell(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Tổng kết năm");
    h.get_by_label_contains("Tăng cường khối đại đoàn kết toàn dân tộc");
    h.get_by_label_contains("Hướng dẫn 108-HD/BTGTW");
    h.get_by_label("Chuẩn bị cuối năm");
    h.get_by_label("Đã viết bản tự kiểm điểm");
    h.get_by_label("Kết quả theo lĩnh vực");
    assert!(
        h.query_all_by_label("Tư tưởng chính trị").count() >= 2,
        "own and cell tables"
    );
    assert_eq!(h.query_all_by_label("Tổng cộng").count(), 2);
    h.get_by_label_contains("Tháng chưa ghi tiến độ");
    h.get_by_label("Tỷ lệ cam kết hoàn thành qua các tháng");
    h.get_by_label("Quy định xếp loại áp dụng cho năm 2020");
    h.get_by_label_contains("Quy định 132-QĐ/TW");
    h.get_by_label("Cả chi bộ, năm 2020");
    h.get_by_label_contains("5 đảng viên · 5 đã đăng ký");

    // The figures on screen are the member's own.
    let member = h.state().place().member.unwrap();
    let ws = &h.state().session().workspace;
    let book = &ws.notebook(member).unwrap().years[&2020];
    let f = sophandau::review::year_figures(2020, book, jiff::Zoned::now().date());
    let total = format!("{:.0}%", f.all.percent(f.all.done));
    assert!(
        h.query_all_by_label(&total).next().is_some(),
        "{total} shown"
    );
    let line = format!(
        "Quá hạn: {} · Chưa cập nhật lần nào: {}",
        f.overdue, f.never_updated
    );
    h.get_by_label_contains(&line);
}

#[test]
fn a_user_theme_for_2027_is_saved_shown_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = store::open(dir.path()).unwrap();
    let member = common::create_member(&mut session, "Phan Thị Yến");
    session
        .apply(Action::StartYear {
            member,
            year: 2027,
            theme_id: "2020".to_owned(),
        })
        .unwrap();
    drop(session);

    let mut h = harness(dir.path());
    click(&mut h, "Năm");
    click(&mut h, "2027");
    click(&mut h, "Tổng kết năm");
    h.get_by_label_contains("Năm 2027 chưa có chuyên đề riêng");
    click(&mut h, "Nhập chuyên đề năm 2027");
    type_into(
        &mut h,
        "Tên chuyên đề",
        "Học tập và làm theo Bác về tinh thần đổi mới, sáng tạo",
    );
    type_into(
        &mut h,
        "Nội dung cốt lõi (mỗi dòng một ý)",
        "Ý thứ nhất\nÝ thứ hai",
    );
    click(&mut h, "Lưu chuyên đề");
    h.get_by_label("Học tập và làm theo Bác về tinh thần đổi mới, sáng tạo");
    let file = saved(&h, member);
    assert!(
        file.contains("theme_id: \"2027\""),
        "the year is tied to it"
    );
    let settings = fs::read_to_string(dir.path().join("workspace.ron")).unwrap();
    assert!(settings.contains("title: \"Học tập và làm theo Bác về tinh thần đổi mới, sáng tạo\""));
    drop(h);

    let mut h = harness(dir.path());
    click(&mut h, "Tổng kết năm");
    h.get_by_label("Học tập và làm theo Bác về tinh thần đổi mới, sáng tạo");
    h.get_by_label("1. Ý thứ nhất");
    h.get_by_label("2. Ý thứ hai");
}

#[test]
fn erasing_a_required_field_keeps_the_saved_text_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Sửa cam kết");
    click(&mut h, "Nội dung cam kết");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.run();
    save_now(&mut h);
    h.get_by_label_contains("Hãy gõ nội dung cam kết");
    assert!(saved(&h, member).contains("content: \"Sinh hoạt chi bộ đầy đủ, đúng giờ\""));
    // Typing again writes the new text.
    type_into(&mut h, "Nội dung cam kết", "Sinh hoạt chi bộ đúng giờ");
    click(&mut h, "Lưu và đóng");
    assert!(saved(&h, member).contains("content: \"Sinh hoạt chi bộ đúng giờ\""));
}

/// Replaces the whole text of a field, as a user selecting all and typing.
pub(crate) fn replace_text(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run();
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Steps frames while a background job runs, until a text shows (within
/// a generous three minutes, for a slow machine).
pub(crate) fn wait_for(h: &mut Harness<'_, App>, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(180);
    while std::time::Instant::now() < deadline {
        h.step();
        if h.query_by_label_contains(text).is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("«{text}» never showed");
}

fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}

#[test]
fn exporting_the_year_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    prepared(dir.path());
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("nộp chi bộ").join("Sổ của tôi.docx");
    let mut h = harness(dir.path());
    click(&mut h, "Đăng ký cam kết");
    // Typed a moment ago and not yet written: it goes into the file too.
    click(&mut h, "Sửa cam kết");
    type_into(&mut h, "Sản phẩm cụ thể", "Sổ ghi chép sinh hoạt");
    click(&mut h, "Xuất file…");
    h.get_by_label("Xuất file");
    click(&mut h, "Word (DOCX) — để sửa");
    h.get_by_label(&format!("Sổ của Trần Văn Hùng, năm {}", this_year()));
    replace_text(&mut h, "Lưu vào", &target.display().to_string());
    click(&mut h, "Xuất");
    wait_for(&mut h, "Đã xuất:");
    let xml = docx_text(&target);
    assert!(xml.contains("Trần Văn Hùng"));
    assert!(xml.contains("Sinh hoạt chi bộ đầy đủ, đúng giờ"));
    assert!(
        xml.contains("Sổ ghi chép sinh hoạt"),
        "the draft was written first"
    );
    h.get_by_label("Mở thư mục");
    h.get_by_label("Mở tệp");
    // Opening the file is the main thing now; exporting again says it
    // replaces the file just written.
    h.get_by_label("Xuất lại (ghi đè tệp vừa xuất)");
    assert!(h.query_by_label("Ghi đè").is_none());
    click(&mut h, "Đóng");
    assert!(h.query_by_label("Lưu vào").is_none());
    // The next export starts in the same folder and format, even after a
    // restart.
    let folder = target.parent().unwrap().display().to_string();
    h.state().session().store.flush().unwrap();
    let settings = fs::read_to_string(dir.path().join("workspace.ron")).unwrap();
    assert!(settings.contains(&folder), "{settings}");
    assert!(
        settings.contains("export_format: Some(\"docx\")"),
        "{settings}"
    );
    click(&mut h, "Xuất file…");
    let offered = h.get_by_label("Lưu vào").value().unwrap_or_default();
    assert!(offered.starts_with(&folder), "{offered}");
    assert!(offered.ends_with(".docx"), "{offered}");
}

#[test]
fn the_export_keyboard_shortcut_and_the_format_follow_the_name() {
    let dir = tempfile::tempdir().unwrap();
    prepared(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Đăng ký cam kết");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    let path = |h: &Harness<'_, App>| h.get_by_label("Lưu vào").value().unwrap_or_default();
    let offered = path(&h);
    assert!(
        offered.ends_with(&format!("Sổ phấn đấu Trần Văn Hùng {}.pdf", this_year())),
        "{offered}"
    );
    click(&mut h, "Excel (XLSX) — để tổng hợp");
    assert!(path(&h).ends_with(&format!("Tổng hợp Trần Văn Hùng {}.xlsx", this_year())));
    // A name the user typed keeps its name; only the extension follows.
    let dir_out = tempfile::tempdir().unwrap();
    let mine = dir_out.path().join("bao-cao.xlsx");
    replace_text(&mut h, "Lưu vào", &mine.display().to_string());
    click(&mut h, "PDF — để in");
    assert_eq!(
        path(&h),
        dir_out.path().join("bao-cao.pdf").display().to_string()
    );
}

#[test]
fn a_whole_cell_export_shows_progress_and_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    demo_cell_of(dir.path(), 40, 1);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("chi-bo-2020.pdf");
    let mut h = harness(dir.path());
    click(&mut h, "Xuất file…");
    assert!(h.query_by_label_contains("Cả chi bộ, mọi năm").is_none());
    click(&mut h, "Cả chi bộ, năm 2020 (40 đảng viên)");
    replace_text(&mut h, "Lưu vào", &target.display().to_string());
    click(&mut h, "Xuất");
    h.get_by_label("Đang xuất…");
    assert!(
        h.query_by_role(egui::accesskit::Role::ProgressIndicator)
            .is_some()
    );
    click(&mut h, "Dừng");
    wait_for(&mut h, "Đã dừng xuất file");
    assert!(!target.exists());
    assert_eq!(
        fs::read_dir(out.path()).unwrap().count(),
        0,
        "no part file left"
    );

    // Started again and left to run, it writes the whole cell.
    click(&mut h, "Xuất");
    wait_for(&mut h, "Đã xuất:");
    let pdf = fs::read(&target).unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
    assert!(pages[0].contains("BÁO CÁO TỔNG HỢP"), "{}", pages[0]);
    assert!(
        pages.len() > 40,
        "every member's notebook: {} pages",
        pages.len()
    );
}

#[test]
fn a_destination_that_cannot_be_written_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    prepared(dir.path());
    let out = tempfile::tempdir().unwrap();
    let a_file = out.path().join("ghi-chu.txt");
    fs::write(&a_file, "giữ nguyên").unwrap();
    let mut h = harness(dir.path());
    click(&mut h, "Xuất file…");
    replace_text(&mut h, "Lưu vào", &out.path().display().to_string());
    // Enter in the field does what the button does.
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label_contains("Đây là một thư mục");
    replace_text(
        &mut h,
        "Lưu vào",
        &a_file.join("so.pdf").display().to_string(),
    );
    click(&mut h, "Xuất");
    h.get_by_label_contains("đó là một tệp, không phải thư mục");
    replace_text(&mut h, "Lưu vào", "");
    h.key_press(egui::Key::Backspace);
    h.run();
    click(&mut h, "Xuất");
    h.get_by_label_contains("Hãy gõ hoặc chọn chỗ lưu tệp.");
    assert_eq!(fs::read_to_string(&a_file).unwrap(), "giữ nguyên");
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn a_renamed_member_is_renamed_in_the_member_list() {
    let dir = tempfile::tempdir().unwrap();
    demo_cell(dir.path());
    let mut h = harness(dir.path());
    click(&mut h, "Lý lịch");
    replace_text(&mut h, "Họ và tên", "Âu Thị Kim Ngân");
    save_now(&mut h);
    assert_eq!(
        h.get_by_label("Đảng viên").value().as_deref(),
        Some("Âu Thị Kim Ngân")
    );
}

#[test]
fn the_whole_cell_over_all_years_as_a_workbook() {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    demo_cell_of(dir.path(), 3, 2);
    let mut h = harness(dir.path());
    click(&mut h, "Xuất file…");
    click(&mut h, "Excel (XLSX) — để tổng hợp");
    click(&mut h, "Cả chi bộ, mọi năm (2020–2021)");
    let offered = h.get_by_label("Lưu vào").value().unwrap_or_default();
    assert!(offered.ends_with(" 2020-2021.xlsx"), "{offered}");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("tong-hop.xlsx");
    replace_text(&mut h, "Lưu vào", &target.display().to_string());
    click(&mut h, "Xuất");
    wait_for(&mut h, "Đã xuất:");
    let book: calamine::Xlsx<_> = calamine::open_workbook(&target).unwrap();
    let sheets = book.sheet_names();
    assert!(sheets.contains(&"Tổng hợp 2020".to_owned()), "{sheets:?}");
    assert!(sheets.contains(&"Tổng hợp 2021".to_owned()), "{sheets:?}");
    assert_eq!(
        sheets.len(),
        2 + 3,
        "a summary per year, a sheet per member"
    );
}
