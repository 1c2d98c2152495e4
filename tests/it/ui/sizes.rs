//! Every text size at 1280 × 800: the window drawn at 1×, 1.25×, 1.5× and
//! 2× keeps its menus, its navigation, the status line and the top of each
//! screen inside the window and apart; the month grid at 1280 pixels shows
//! its names fixed and a way to the later months.

use egui_kittest::kittest::Queryable;
use sophandau::model::TextSize;
use sophandau::store;
use sophandau::ui::Screen;
use sophandau::workspace::Action;

use super::{harness_sized, prepared, this_year};

/// Changes the workspace's settings, saved, before a window opens on it.
fn change_settings(dir: &std::path::Path, change: impl FnOnce(&mut sophandau::model::Settings)) {
    let mut session = store::open(dir).unwrap();
    let mut settings = session.workspace.settings().clone();
    change(&mut settings);
    session.apply(Action::ChangeSettings { settings }).unwrap();
    session.store.flush().unwrap();
}

/// A member's year at `size`, in a window of 1280 × 800 pixels (its size
/// in points is the pixels over the factor).
fn at_size(
    dir: &std::path::Path,
    size: TextSize,
) -> egui_kittest::Harness<'static, sophandau::ui::App> {
    let (_, _) = prepared(dir);
    change_settings(dir, |s| s.text_size = size);
    let f = size.factor();
    harness_sized(dir, egui::vec2(1280.0 / f, 800.0 / f))
}

use eframe::egui;

#[test]
fn every_text_size_fits_at_1280_by_800() {
    for size in TextSize::ALL {
        let dir = tempfile::tempdir().unwrap();
        let mut h = at_size(dir.path(), size);
        h.run();
        assert_eq!(h.ctx.zoom_factor(), size.factor(), "{size:?}");
        let window = h.ctx.content_rect();
        // Below 1.5× the left column is there; from 1.5× it folds into a
        // row with the screen picked from a list.
        let nav = if size.factor() >= 1.5 {
            "Mục"
        } else {
            "Xuất file…"
        };
        for (screen, key) in [
            (Screen::Registration, "Ngày đăng ký"),
            (Screen::Progress, "Theo tháng"),
            (Screen::Entries, "Thêm ghi chép"),
            (Screen::SelfReview, "Hoàn thành 0/1 cam kết"),
            (Screen::Review, "Chuyên đề năm 2020"),
        ] {
            let member = h.state().place().member.unwrap();
            h.state_mut().go_to(member, this_year(), screen);
            h.run();
            let shown: Vec<(&str, egui::Rect)> = [
                "Sổ",
                "Xem",
                "Hoàn tác",
                "Làm lại",
                nav,
                "Vai trò: đảng viên",
                key,
            ]
            .into_iter()
            .map(|label| (label, h.get_by_label(label).rect()))
            .collect();
            for (label, rect) in &shown {
                assert!(
                    window.expand(0.5).contains_rect(*rect),
                    "{size:?} {screen:?}: «{label}» {rect:?} is cut by the window {window:?}"
                );
            }
            // What is below the fold is a scroll away, inside the window.
            if screen == Screen::Review {
                h.get_by_label("Chuẩn bị cuối năm").scroll_to_me();
                h.run();
                let rect = h.get_by_label("Chuẩn bị cuối năm").rect();
                assert!(window.contains_rect(rect), "{size:?}: {rect:?}");
            }
            // The status line's parts are each on one row: one that does
            // not fit moves whole to the next row.
            let role = h.get_by_label("Vai trò: đảng viên").rect();
            // (Some screens say it too: the status line's is the one
            // level with the role or just below it.)
            let saved = h
                .get_all_by_label("Mọi thay đổi được lưu tự động.")
                .map(|n| n.rect())
                .filter(|r| r.top() >= role.top() - 1.0)
                .min_by(|a, b| a.top().total_cmp(&b.top()))
                .unwrap();
            assert!(
                window.expand(0.5).contains_rect(saved) && saved.height() < 1.5 * role.height(),
                "{size:?} {screen:?}: the status {saved:?} breaks mid-sentence (role {role:?})"
            );
            for (i, (a, ra)) in shown.iter().enumerate() {
                for (b, rb) in &shown[i + 1..] {
                    let overlap = ra.intersect(*rb);
                    assert!(
                        overlap.width() <= 0.5 || overlap.height() <= 0.5,
                        "{size:?} {screen:?}: «{a}» {ra:?} overlaps «{b}» {rb:?}"
                    );
                }
            }
        }
    }
}

/// The longest status line (English, the secretary's) at 2×: a part that
/// does not fit goes whole to the next row, never split mid-sentence.
#[test]
fn the_status_line_keeps_each_part_whole_in_english_at_2x() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _) = prepared(dir.path());
    change_settings(dir.path(), |s| {
        s.language = sophandau::model::Language::English;
        s.role = sophandau::model::Role::Secretary;
        s.text_size = TextSize::Largest;
    });
    let f = TextSize::Largest.factor();
    // The window's first size and its smallest, in pixels.
    for width in [1200.0, 720.0] {
        let mut h = harness_sized(dir.path(), egui::vec2(width / f, 800.0 / f));
        h.run();
        let role = h.get_by_label("Role: cell secretary").rect();
        let saved = h
            .get_by_label("Every change is saved automatically.")
            .rect();
        assert!(
            h.ctx.content_rect().contains_rect(saved) && saved.height() < 1.5 * role.height(),
            "{width}: the status {saved:?} breaks mid-sentence (role {role:?})"
        );
    }
}

/// At 2× on a low screen the secretary's board scrolls as one page: its
/// top goes up and out of view, and the rows take the height it left.
#[test]
fn the_board_at_2x_scrolls_as_a_page_to_show_more_rows() {
    let dir = tempfile::tempdir().unwrap();
    super::demo_cell_of(dir.path(), 12, 1);
    let (cell, _) = store::inspect(dir.path()).unwrap();
    let names: Vec<String> = cell
        .notebooks()
        .map(|n| n.profile.full_name.clone())
        .collect();
    change_settings(dir.path(), |s| {
        s.role = sophandau::model::Role::Secretary;
        s.text_size = TextSize::Largest;
    });
    let f = TextSize::Largest.factor();
    let mut h = harness_sized(dir.path(), egui::vec2(1200.0 / f, 800.0 / f));
    h.run();
    let window = h.ctx.content_rect();
    let rows_in_view = |h: &egui_kittest::Harness<'_, sophandau::ui::App>| {
        names
            .iter()
            .filter(|name| {
                h.query_all_by_label(name)
                    .any(|n| window.contains_rect(n.rect()))
            })
            .count()
    };
    let before = rows_in_view(&h);
    for _ in 0..4 {
        h.get_by_label_contains("Bảng theo dõi chi bộ năm")
            .scroll_down();
        h.run();
    }
    let after = rows_in_view(&h);
    assert!(
        after >= 6 && after >= before + 3,
        "{before} rows in view, then {after}"
    );
}

#[test]
fn ctrl_plus_minus_and_zero_step_the_text_size_and_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = at_size(dir.path(), TextSize::Normal);
    h.run();
    let settings = || std::fs::read_to_string(dir.path().join("workspace.ron")).unwrap();
    for (key, want) in [
        (egui::Key::Plus, TextSize::Large),
        (egui::Key::Equals, TextSize::Larger),
        (egui::Key::Plus, TextSize::Largest),
        (egui::Key::Plus, TextSize::Largest),
        (egui::Key::Minus, TextSize::Larger),
        (egui::Key::Num0, TextSize::Normal),
    ] {
        h.key_press_modifiers(egui::Modifiers::COMMAND, key);
        h.run();
        assert_eq!(h.ctx.zoom_factor(), want.factor(), "{key:?}");
        h.state().session().store.flush().unwrap();
        assert!(
            settings().contains(&format!("text_size: {want:?}")),
            "{}",
            settings()
        );
    }
}

/// At 1× in 1280 pixels, the month grid keeps the commitment's name at
/// the left, and the months that do not fit are behind a scroll bar.
#[test]
fn the_month_grid_at_1280_pixels() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = at_size(dir.path(), TextSize::Normal);
    h.run();
    let member = h.state().place().member.unwrap();
    h.state_mut().go_to(member, this_year(), Screen::Progress);
    h.run();
    let window = h.ctx.content_rect();
    let name = "Sinh hoạt chi bộ đầy đủ, đúng giờ";
    let first = h
        .get_by_label(&format!("{name} — Tháng 1: Chưa ghi"))
        .rect();
    assert!(window.contains_rect(first));
    // Tháng 12 is past the right edge: scrolled to, the name stays put.
    let names_x = h.get_by_label_contains("1. Sinh hoạt").rect().left();
    let last = format!("{name} — Tháng 12: Chưa ghi");
    h.get_by_label(&last).scroll_to_me();
    h.run();
    h.run();
    let last_rect = h.get_by_label(&last).rect();
    assert!(
        window.contains_rect(last_rect),
        "{last_rect:?} in {window:?}"
    );
    assert_eq!(
        h.get_by_label_contains("1. Sinh hoạt").rect().left(),
        names_x
    );
    // The header's month names are whole words on one line.
    let header = h.get_by_label("Tháng\u{a0}12").rect();
    assert!(header.height() < 2.0 * first.height(), "{header:?}");
}
