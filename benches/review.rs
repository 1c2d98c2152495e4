//! Computing the year review on a generated `demo --members 200 --years 10`
//! cell: one member-year, and the whole cell for one year.
//!
//! Run with `cargo bench --bench review`. Targets: one member ≤ 1 ms, the
//! whole cell ≤ 50 ms.

#[path = "common/mod.rs"]
mod common;

use std::time::Instant;

use sophandau::demo::{self, DemoSpec};
use sophandau::review;

fn main() {
    let cell = demo::generate(DemoSpec {
        members: 200,
        years: 10,
        first_year: 2020,
        seed: 1,
    });
    let as_of = jiff::civil::date(2026, 11, 27);
    let book = &cell.notebooks[0].years[&2024];
    common::summary(
        "one member-year (2024)",
        (0..1000)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(review::year_figures(2024, book, as_of));
                t.elapsed()
            })
            .collect(),
    );
    common::summary(
        "whole 200-member cell (2024)",
        (0..50)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(review::cell_figures(2024, &cell.notebooks, as_of));
                t.elapsed()
            })
            .collect(),
    );
}
