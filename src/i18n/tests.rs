use super::*;

#[test]
fn every_key_has_both_languages_with_the_same_placeholders() {
    assert!(T::ALL.len() > 200, "the list of ids is incomplete");
    for &t in T::ALL {
        let (vi, en) = (t.get(Language::Vietnamese), t.get(Language::English));
        assert!(!vi.trim().is_empty(), "{t:?} has no Vietnamese");
        assert!(!en.trim().is_empty(), "{t:?} has no English");
        let used = placeholders(vi);
        assert_eq!(used, placeholders(en), "{t:?}: placeholders differ");
        assert!(
            used.iter().enumerate().all(|(i, &n)| i == n),
            "{t:?}: placeholders skip a number: {used:?}"
        );
    }
}

#[test]
fn english_side_has_no_vietnamese_letters() {
    for &t in T::ALL {
        let en = t.get(Language::English);
        let other = T::NAMES_IN_OTHER_LANGUAGE.contains(&t);
        assert_eq!(
            has_vietnamese_letters(en),
            other,
            "{t:?}: {en:?} (ids named in another language are listed in NAMES_IN_OTHER_LANGUAGE)"
        );
    }
}

#[test]
fn the_check_for_vietnamese_letters_can_fail() {
    for word in ["Tiếng Việt", "đ", "ă", "ơ", "Tuấn", "quả", "Vịnh"] {
        assert!(has_vietnamese_letters(word), "{word}");
    }
    for word in ["Party member's notebook", "Q1 — 2020", "«x» …", "naïve"] {
        assert!(!has_vietnamese_letters(word), "{word}");
    }
}

#[test]
fn vocabularies_have_distinct_names_in_each_language() {
    for language in [Language::Vietnamese, Language::English] {
        let names: Vec<&str> = Area::ALL.iter().map(|&a| area(language, a)).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        let statuses: Vec<&str> = Status::ALL.iter().map(|&s| status(language, s)).collect();
        let levels: Vec<&str> = Level::ALL.iter().map(|&l| level(language, l)).collect();
        for list in [statuses, levels] {
            let mut unique = list.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), list.len(), "{list:?}");
        }
    }
}

#[test]
fn periods_read_as_the_forms_write_them() {
    let vi = |p| period(Language::Vietnamese, p);
    let en = |p| period(Language::English, p);
    assert_eq!(vi(Period::Month(3)), "Tháng 3");
    assert_eq!(vi(Period::Quarter(4)), "Quý IV");
    assert_eq!(vi(Period::Half(1)), "6 tháng đầu năm");
    assert_eq!(vi(Period::Year), "Cả năm");
    assert_eq!(en(Period::Quarter(2)), "Q2");
    assert_eq!(en(Period::Half(2)), "Second half");
    // Out of range (a hand-edited file): shown as it is, not as Q4.
    assert_eq!(en(Period::Quarter(200)), "Quarter 200 (not valid)");
    assert_eq!(vi(Period::Half(0)), "Nửa năm 0 (không hợp lệ)");
}

#[test]
fn fill_replaces_each_placeholder_once() {
    assert_eq!(fill("{0} — {1}", &[&"a", &2]), "a — 2");
    assert_eq!(fill("{0} and {0}", &[&"x"]), "x and x");
    // A value that looks like a placeholder is not filled again.
    assert_eq!(fill("{0}: {1}", &[&"{1}", &"b"]), "{1}: b");
    // Braces that are not placeholders, and missing values, stay.
    assert_eq!(fill("{a} {} {2} {", &[&1]), "{a} {} {2} {");
    assert_eq!(fill("Tháng {0}", &[&12]), "Tháng 12");
}

#[test]
fn foreign_text_comes_after_the_tables_sentence() {
    let m = with_detail(
        Language::Vietnamese,
        T::ErrExportRender.get(Language::Vietnamese).to_owned(),
        "PDF export failed: Overflow",
    );
    assert!(m.starts_with("Không tạo được"), "{m}");
    assert!(
        m.ends_with("Chi tiết kỹ thuật: PDF export failed: Overflow"),
        "{m}"
    );
    assert_eq!(with_detail(Language::English, "A.".into(), ""), "A.");
}

#[test]
fn io_reasons_are_in_the_table() {
    use std::io::ErrorKind;
    assert_eq!(
        T::io_reason(ErrorKind::PermissionDenied).get(Language::Vietnamese),
        "không có quyền ghi hoặc đọc ở đó"
    );
    assert_eq!(T::io_reason(ErrorKind::TimedOut), T::IoOther);
}
