//! Moving away from what is being typed (another year, another screen)
//! writes it first; and every screen of a year tells the same story about
//! where the commitments stand, because all of them read it from `review`.

use super::*;
use sophandau::model::{Period, ProgressRecord, SelfReview, Status};

/// The prepared member with last year's book too, so the year can change.
fn with_last_year(dir: &Path) -> (Uuid, Uuid) {
    let (member, commitment) = prepared(dir);
    let mut session = store::open(dir).unwrap();
    session
        .apply(Action::StartYear {
            member,
            year: this_year() - 1,
            theme_id: "2020".to_owned(),
        })
        .unwrap();
    session.store.flush().unwrap();
    (member, commitment)
}

/// A window whose frames are a hundredth of a second apart, so that a
/// draft is still waiting for its pause several frames after typing.
fn quick_harness(dir: &Path) -> Harness<'static, App> {
    harness_stepping(dir, 0.01)
}

/// Types into a field and draws one frame only, so the draft is still
/// waiting for its pause when the next thing happens.
fn type_quickly(h: &mut Harness<'_, App>, label: &str, text: &str) {
    click(h, label);
    h.get_by_label(label).type_text(text);
    h.step();
}

fn pick_year(h: &mut Harness<'_, App>, year: i16) {
    h.get_by_label("Năm").click();
    h.step();
    h.step();
    h.get_by_label(&year.to_string()).click();
    h.step();
}

#[test]
fn a_self_review_typed_just_before_switching_the_year_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = with_last_year(dir.path());
    let mut h = quick_harness(dir.path());
    click(&mut h, "Tự kiểm điểm");
    type_quickly(
        &mut h,
        &first_criterion(),
        "Gương mẫu trong sinh hoạt chi bộ",
    );
    assert!(
        !saved(&h, member).contains("Gương mẫu"),
        "the draft still waits for its pause"
    );
    pick_year(&mut h, this_year() - 1);
    assert_eq!(h.state().place().year, this_year() - 1);
    assert!(saved(&h, member).contains("text: \"Gương mẫu trong sinh hoạt chi bộ\""));
}

#[test]
fn a_commitment_typed_just_before_switching_the_year_is_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = with_last_year(dir.path());
    let mut h = quick_harness(dir.path());
    click(&mut h, "Sửa cam kết");
    type_quickly(&mut h, "Sản phẩm cụ thể", "Sổ sinh hoạt ghi đủ 12 kỳ");
    assert!(!saved(&h, member).contains("12 kỳ"), "not yet written");
    pick_year(&mut h, this_year() - 1);
    assert!(saved(&h, member).contains("product: \"Sổ sinh hoạt ghi đủ 12 kỳ\""));
    // Back in this year, the editor is as it was left.
    pick_year(&mut h, this_year());
    h.run();
    assert_eq!(h.state().place().year, this_year());
    h.get_by_label("Sản phẩm cụ thể");
}

#[test]
fn done_keeps_an_editor_open_while_its_text_cannot_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    prepared(dir.path());
    let mut h = harness(dir.path());
    h.query_all_by_label("Thêm cam kết").next().unwrap().click();
    h.run();
    type_quickly(
        &mut h,
        "Giải pháp, biện pháp thực hiện",
        "Đọc báo Nhân Dân mỗi sáng",
    );
    click(&mut h, "Lưu và đóng");
    // No content yet: the measures typed are still there to finish.
    assert_eq!(
        h.get_by_label("Giải pháp, biện pháp thực hiện")
            .value()
            .as_deref(),
        Some("Đọc báo Nhân Dân mỗi sáng")
    );
    click(&mut h, "Hủy");
    assert!(h.query_by_label("Giải pháp, biện pháp thực hiện").is_none());
}

/// Last year's book: commitment A (deadline 31/3) recorded done in March
/// and, later the same month, "in progress" for the first quarter; B
/// (deadline 31/3) only in progress. The month's own record decides A's
/// end: done, so only B is overdue, on every screen.
fn overlapping(dir: &Path) -> Uuid {
    let mut session = store::open(dir).unwrap();
    let member = common::create_member(&mut session, "Lê Thị Mai");
    let year = this_year() - 1;
    session
        .apply(Action::StartYear {
            member,
            year,
            theme_id: "2020".to_owned(),
        })
        .unwrap();
    let deadline = jiff::civil::date(year, 3, 31);
    for (content, status) in [
        ("Học tập Nghị quyết Đại hội XIII", Status::Done),
        ("Vận động hội viên đóng quỹ", Status::InProgress),
    ] {
        let id = Uuid::new_v4();
        let commitment = Commitment {
            id,
            area: Area::PoliticalIdeology,
            content: content.into(),
            measures: Default::default(),
            product: Default::default(),
            deadline: Some(deadline),
            order: 0,
            revision: 0,
        };
        session
            .apply(Action::AddCommitment {
                member,
                year,
                commitment,
            })
            .unwrap();
        let record = |period, status, day| ProgressRecord {
            commitment: id,
            period,
            status,
            result: Default::default(),
            evidence: Default::default(),
            written_on: jiff::civil::date(year, 3, day),
            revision: 0,
        };
        for record in [
            record(Period::Month(3), status, 20),
            record(Period::Quarter(1), Status::InProgress, 31),
        ] {
            session
                .apply(Action::SetProgress {
                    member,
                    year,
                    record,
                })
                .unwrap();
        }
    }
    session
        .apply(Action::SetSelfReview {
            member,
            year,
            review: SelfReview::default(),
        })
        .unwrap();
    session.store.flush().unwrap();
    member
}

#[test]
fn every_screen_agrees_on_overlapping_month_and_quarter_records() {
    let dir = tempfile::tempdir().unwrap();
    overlapping(dir.path());
    let mut h = harness(dir.path());
    assert_eq!(h.state().place().year, this_year() - 1);

    click(&mut h, "Đăng ký cam kết");
    assert_eq!(h.query_all_by_label("Quá hạn").count(), 1, "registration");

    click(&mut h, "Theo dõi tiến độ");
    assert_eq!(h.query_all_by_label("Quá hạn").count(), 1, "progress grid");
    h.get_by_label("Học tập Nghị quyết Đại hội XIII — Tháng 3: Đã hoàn thành");
    click(&mut h, "Theo quý");
    h.get_by_label("Học tập Nghị quyết Đại hội XIII — Quý I: Đang thực hiện");

    click(&mut h, "Tự kiểm điểm");
    h.get_by_label("Hoàn thành 1/2 cam kết");

    click(&mut h, "Tổng kết năm");
    assert_eq!(h.query_all_by_label("Quá hạn").count(), 1, "year review");
    h.get_by_label_contains("Quá hạn: 1 ·");
}

#[test]
fn last_year_can_be_opened_after_asking() {
    let dir = tempfile::tempdir().unwrap();
    let (member, _) = prepared(dir.path());
    let mut h = harness(dir.path());
    let last = this_year() - 1;
    pick_year(&mut h, last);
    h.run();
    click(&mut h, &format!("Mở sổ năm {last}"));
    h.get_by_label_contains(&format!("Mở sổ năm {last} cho đồng chí Trần Văn Hùng?"));
    click(&mut h, "Hủy");
    assert!(!saved(&h, member).contains(&format!("{last}: (")));
    click(&mut h, &format!("Mở sổ năm {last}"));
    click(&mut h, "Mở sổ");
    h.get_by_label("Đăng ký cam kết");
    let ws = &h.state().session().workspace;
    assert!(ws.notebook(member).unwrap().years.contains_key(&last));
    // The banner names the theme by its own years (2020's, a term's).
    let settings = sophandau::model::Settings::default();
    let id = sophandau::themes::default_for(&settings, last);
    let theme = sophandau::themes::find(&settings, &id).unwrap();
    let span = sophandau::themes::span(theme);
    h.get_by_label(&format!("Chuyên đề năm {span}"));
}
