//! What the fuzz targets share: a cell's data in memory (the demo cell the
//! seeds were made from, and the golden fixtures), and the steps the
//! program takes on a file once it has read it.

#![allow(dead_code)]

use std::sync::{Arc, LazyLock};

use sophandau::demo::{DemoSpec, generate};
use sophandau::model::{CellPart, Notebook, Year};
use sophandau::review::board::board;
use sophandau::workspace::WorkspaceData;

const GOLDEN_NOTEBOOKS: [&[u8]; 3] = [
    include_bytes!(
        "../../tests/fixtures/golden-cell/notebooks/a1000000-0000-4000-8000-000000000001.ron"
    ),
    include_bytes!(
        "../../tests/fixtures/golden-cell/notebooks/a2000000-0000-4000-8000-000000000002.ron"
    ),
    include_bytes!(
        "../../tests/fixtures/golden-papers/notebooks/b1000000-0000-4000-8000-000000000001.ron"
    ),
];

const GOLDEN_CELLS: [&[u8]; 2] = [
    include_bytes!(
        "../../tests/fixtures/golden-cell/cell/a1000000-0000-4000-8000-000000000001.ron"
    ),
    include_bytes!(
        "../../tests/fixtures/golden-papers/cell/b1000000-0000-4000-8000-000000000001.ron"
    ),
];

/// The demo cell of `sophandau demo --members 5 --years 2 --first-year
/// 2020` (seed 1), with the golden fixtures' members beside it: the ids
/// in the seeds are found here.
pub static CELL: LazyLock<WorkspaceData> = LazyLock::new(|| {
    let mut data = generate(DemoSpec {
        members: 5,
        years: 2,
        first_year: 2020,
        seed: 1,
    })
    .into_data();
    for bytes in GOLDEN_NOTEBOOKS {
        let nb = sophandau::store::read_notebook(bytes)
            .expect("a golden notebook reads")
            .value
            .into_value();
        data.notebooks.insert(nb.id, Arc::new(nb));
    }
    for bytes in GOLDEN_CELLS {
        let part = sophandau::store::read_cell(bytes)
            .expect("a golden cell file reads")
            .value
            .into_value();
        data.join_cell_part(part);
    }
    data
});

/// What the board and the review work out for each year of a notebook,
/// as of mid-year and the year's end: every loaded notebook is shown so.
pub fn review(nb: &Notebook) {
    for &year in nb.years.keys() {
        for (month, day) in [(6, 15), (12, 31)] {
            if let Ok(as_of) = sophandau::model::Date::new(year, month, day) {
                let b = board(year, [nb], as_of);
                assert_eq!(b.rows.len(), 1);
            }
        }
    }
}

/// The cell's part joined to the cell's notebooks, as the store joins a
/// cell file on open, then reviewed.
pub fn join_and_review(part: CellPart) {
    let mut data = CELL.clone();
    let member = part.member;
    // An empty review is not kept: there is nothing in it to lose.
    let years: Vec<Year> = part
        .years
        .iter()
        .filter(|(_, review)| !review.is_empty())
        .map(|(year, _)| *year)
        .collect();
    data.join_cell_part(part);
    if let Some(nb) = data.notebooks.get(&member) {
        review(nb);
    }
    let joined = data.cell_part(member);
    assert!(years.iter().all(|y| joined.years.contains_key(y)));
}
