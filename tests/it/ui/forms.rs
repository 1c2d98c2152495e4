//! The self-review written in its year's form in the window, then printed
//! as that form: the 2020 form (Mẫu 02-HD KĐ.ĐG), section by section.

use super::*;

/// A member with a 2020 book holding one commitment.
fn with_2020(dir: &Path) -> Uuid {
    let mut session = store::open(dir).unwrap();
    let member = common::create_member(&mut session, "Trần Văn Hùng");
    session
        .apply(Action::StartYear {
            member,
            year: 2020,
            theme_id: "2020".to_owned(),
        })
        .unwrap();
    session
        .apply(Action::AddCommitment {
            member,
            year: 2020,
            commitment: Commitment {
                id: Uuid::new_v4(),
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
    member
}

fn to_year(h: &mut Harness<'_, App>, year: i16) {
    h.get_by_label("Năm").click();
    h.step();
    h.step();
    h.get_by_label(&year.to_string()).click();
    h.run();
}

#[test]
fn the_2020_self_review_is_written_in_its_form_and_printed_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let member = with_2020(dir.path());
    let mut h = harness(dir.path());
    to_year(&mut h, 2020);
    click(&mut h, "Tự kiểm điểm");
    h.get_by_label_contains("Theo mẫu 02-HD KĐ.ĐG");
    let form =
        sophandau::themes::self_review_form(2020, &sophandau::model::Profile::default(), None)
            .unwrap();
    let mut written = Vec::new();
    for section in &form.sections {
        let boxes: Vec<&str> = if section.criteria.is_empty() {
            vec![section.heading.as_str()]
        } else {
            section
                .criteria
                .iter()
                .map(|c| c.heading.as_str())
                .collect()
        };
        if section.optional || section.key == "level" {
            continue;
        }
        for (i, label) in boxes.into_iter().enumerate() {
            let text = format!("Nội dung mục {} số {}", section.key, i + 1);
            type_into(&mut h, label, &text);
            written.push(text);
        }
    }
    click(&mut h, "Hoàn thành tốt nhiệm vụ");
    save_now(&mut h);
    let file = saved(&h, member);
    assert!(file.contains("form: \"02-HD KĐ.ĐG\""), "{file}");
    let commitments = file
        .find("\"commitments\": (")
        .expect("criterion 6 is saved");
    assert!(
        file[commitments..]
            .trim_start_matches("\"commitments\": (")
            .trim_start()
            .starts_with("text: \"Nội dung mục strengths số 6\""),
        "{file}"
    );
    assert!(file.contains("proposed_level: Some(Good)"), "{file}");

    // Printed from the export dialog: the paper holds every section's
    // heading and text in order.
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("Bản kiểm điểm 2020.pdf");
    click(&mut h, "Xuất file…");
    click(&mut h, "PDF — để in");
    click(
        &mut h,
        "Bản kiểm điểm cá nhân năm 2020 của Trần Văn Hùng (theo mẫu)",
    );
    replace_text(&mut h, "Lưu vào", &target.display().to_string());
    click(&mut h, "Xuất");
    wait_for(&mut h, "Đã xuất:");
    let pdf = fs::read(&target).unwrap();
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    let starts: Vec<String> = form
        .sections
        .iter()
        .map(|s| {
            s.heading
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut order: Vec<&str> = vec!["Mẫu 02-HD KĐ.ĐG 2019", "BẢN KIỂM ĐIỂM CÁ NHÂN", "Năm 2020"];
    order.push(&starts[0]);
    order.extend(written[..6].iter().map(String::as_str));
    order.push(&starts[1]);
    order.push(&written[6]);
    order.extend(starts[2..6].iter().map(String::as_str));
    order.push(&written[7]);
    order.push(&starts[6]);
    order.push("Hoàn thành tốt nhiệm vụ");
    order.push("NGƯỜI TỰ KIỂM ĐIỂM");
    for want in order {
        let at = text[from..]
            .find(want)
            .unwrap_or_else(|| panic!("«{want}» missing or out of order in {text}"));
        from += at + want.len();
    }
}

/// A member with a 2023 book (form 02A or, with a leading post, 02B).
fn with_2023(dir: &Path, leader: bool) -> Uuid {
    with_year(dir, leader, 2023)
}

fn with_year(dir: &Path, leader: bool, year: i16) -> Uuid {
    let mut session = store::open(dir).unwrap();
    let member = common::create_member(&mut session, "Trần Văn Hùng");
    if leader {
        let mut profile = session.workspace.notebook(member).unwrap().profile.clone();
        profile.leader = true;
        session
            .apply(Action::SetProfile { member, profile })
            .unwrap();
    }
    session
        .apply(Action::StartYear {
            member,
            year,
            theme_id: "2021-2025".to_owned(),
        })
        .unwrap();
    session.store.flush().unwrap();
    member
}

#[test]
fn the_2023_form_rates_each_content_and_follows_the_post() {
    let dir = tempfile::tempdir().unwrap();
    let member = with_2023(dir.path(), false);
    let mut h = harness(dir.path());
    to_year(&mut h, 2023);
    click(&mut h, "Tự kiểm điểm");
    h.get_by_label_contains("Theo mẫu 02A-HD KĐ.ĐG");
    h.get_by_label("(Cá nhân không giữ chức vụ lãnh đạo, quản lý)");
    let good = h
        .get_all_by_label("Tốt")
        .next()
        .expect("a rating per content");
    good.scroll_to_me();
    h.run();
    h.get_all_by_label("Tốt").next().unwrap().click();
    h.run();
    save_now(&mut h);
    let file = saved(&h, member);
    assert!(file.contains("rating: Some(Good)"), "{file}");
    assert!(file.contains("form: \"02A-HD KĐ.ĐG\""), "{file}");

    let dir = tempfile::tempdir().unwrap();
    with_2023(dir.path(), true);
    let mut h = harness(dir.path());
    to_year(&mut h, 2023);
    click(&mut h, "Tự kiểm điểm");
    h.get_by_label_contains("Theo mẫu 02B-HD KĐ.ĐG");
    h.get_by_label_contains("4. Kết quả thực hiện nhiệm vụ của địa phương");
}

/// From 2025 the score alone does not give the level: the conditions of
/// Điều 11 are shown, and the one the member states is saved.
#[test]
fn the_2025_form_shows_the_conditions_of_each_level() {
    let dir = tempfile::tempdir().unwrap();
    let member = with_year(dir.path(), false, 2025);
    let mut h = harness(dir.path());
    to_year(&mut h, 2025);
    click(&mut h, "Tự kiểm điểm");
    h.get_by_label_contains("Theo mẫu 2A-HD KĐ.ĐG");
    h.get_by_label_contains("Điều kiện của từng mức xếp loại");
    h.get_by_label_contains("Có ít nhất 30% nhiệm vụ hoàn thành vượt mức yêu cầu");
    click(&mut h, "Tôi xác nhận");
    save_now(&mut h);
    let file = saved(&h, member);
    assert!(file.contains("\"xs_beyond\""), "{file}");
}

/// Section III starts from last year's section II and the cell's remarks,
/// and is saved with the first change the member makes.
#[test]
fn section_three_starts_from_last_years_shortcomings() {
    let dir = tempfile::tempdir().unwrap();
    let member = with_2020(dir.path());
    let mut session = store::open(dir.path()).unwrap();
    session
        .apply(Action::StartYear {
            member,
            year: 2019,
            theme_id: "2020".to_owned(),
        })
        .unwrap();
    let mut last = sophandau::model::SelfReview::default();
    last.set_text("shortcomings", "Chậm nộp báo cáo tháng.".to_owned());
    session
        .apply(Action::SetSelfReview {
            member,
            year: 2019,
            review: last,
        })
        .unwrap();
    session.store.flush().unwrap();
    drop(session);
    let mut h = harness(dir.path());
    to_year(&mut h, 2020);
    click(&mut h, "Tự kiểm điểm");
    let heading =
        "III. Kết quả khắc phục những hạn chế, khuyết điểm đã được chỉ ra ở các kỳ kiểm điểm trước";
    let shown = h.get_by_label(heading).value().unwrap_or_default();
    assert!(shown.contains("- Chậm nộp báo cáo tháng."), "{shown}");
    assert!(shown.contains("Kết quả khắc phục:"), "{shown}");
    assert!(
        !saved(&h, member).contains("\"fixes\""),
        "a suggestion until the member writes"
    );
    type_into(&mut h, &first_criterion_of(2020), "Giữ vững lập trường.");
    save_now(&mut h);
    let file = saved(&h, member);
    let fixes = file.find("\"fixes\"").expect("section III is saved");
    assert!(file[fixes..].contains("Chậm nộp báo cáo tháng."), "{file}");
}

fn first_criterion_of(year: i16) -> String {
    let form =
        sophandau::themes::self_review_form(year, &sophandau::model::Profile::default(), None)
            .unwrap();
    form.sections[0].criteria[0].heading.clone()
}
