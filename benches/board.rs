//! Frame-building time of the cell board (egui `Context::run_ui`, no
//! painting) on a generated cell of 500 members over two years, as the
//! secretary sees it: by name, sorted by another column, filtered by text
//! and by state. Also the time to work the board out after a change.
//!
//! Run with `cargo bench --bench board`. Target: median ≤ 1 ms, worst ≤ 4 ms.

use std::time::{Duration, Instant};

use eframe::egui;
use sophandau::demo::{self, DemoSpec};
use sophandau::model::Role;
use sophandau::review::board::{self, Column, RowState};
use sophandau::store::{self, Files};
use sophandau::ui::{App, Screen};
use sophandau::workspace::Action;

const FRAMES: usize = 300;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let cell = demo::generate(DemoSpec {
        members: 500,
        years: 2,
        first_year: 2020,
        seed: 1,
    });
    for n in &cell.notebooks {
        files.save_notebook(n).unwrap();
    }
    let mut session = store::open(dir.path()).unwrap();
    let mut settings = session.workspace.settings().clone();
    settings.role = Role::Secretary;
    session.apply(Action::ChangeSettings { settings }).unwrap();
    let today = jiff::civil::date(2021, 6, 15);
    let t = Instant::now();
    let b = board::board(2021, session.workspace.notebooks(), today);
    println!(
        "board of {} members worked out in {:.2} ms (once per change)",
        b.rows.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let member = cell.notebooks[0].id;
    let ctx = egui::Context::default();
    let mut app = App::new(&ctx, session);
    app.go_to(member, 2021, Screen::Board);
    let cases: [(&str, Column, bool, &str, Option<RowState>); 4] = [
        ("by name", Column::Name, false, "", None),
        ("sorted by % done, descending", Column::Done, true, "", None),
        (
            "filtered by text \"nguyen\"",
            Column::Name,
            false,
            "nguyen",
            None,
        ),
        (
            "overdue, sorted by final level",
            Column::FinalLevel,
            false,
            "",
            Some(RowState::Overdue),
        ),
    ];
    println!("frame build time, {FRAMES} frames each at 1280×800 (after 10 warm-up frames)");
    let mut time = 0.0;
    for (name, column, descending, text, state) in cases {
        app.set_board_order(column, descending, text, state);
        let mut times = Vec::with_capacity(FRAMES);
        for i in 0..FRAMES + 10 {
            time += 1.0 / 60.0;
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(
                    egui::Pos2::ZERO,
                    egui::vec2(1280.0, 800.0),
                )),
                time: Some(time),
                ..Default::default()
            };
            let t = Instant::now();
            let _ = ctx.run_ui(input, |ui| app.frame(ui));
            if i >= 10 {
                times.push(t.elapsed());
            }
        }
        assert_eq!(app.place().screen, Screen::Board);
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{name:<34} median {:>6.3} ms   p99 {:>6.3} ms   worst {:>6.3} ms",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 99 / 100]),
            ms(times[times.len() - 1])
        );
    }
}
