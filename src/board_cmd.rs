//! `sophandau board`: the cell board of a year printed as a table or CSV,
//! the same rows the window shows (`review::board`).

use std::path::Path;

use sophandau::i18n::{T, board_cell};
use sophandau::model::{Language, Year};
use sophandau::review::board::{self, Column, RowState};
use sophandau::store;

/// What `board` was asked for on the command line.
pub struct Asked {
    pub year: Year,
    pub sort: Option<String>,
    pub descending: bool,
    pub filter: Option<String>,
    pub csv: bool,
}

/// The lines to print, or why not.
pub fn lines(root: &Path, asked: Asked) -> Result<(Vec<String>, Vec<String>), String> {
    let column = match asked.sort.as_deref() {
        None => Column::Name,
        Some(key) => Column::parse(key).ok_or_else(|| {
            format!(
                "Không có cột «{key}»; hãy dùng một trong: {}.",
                keys(Column::ALL.map(Column::key))
            )
        })?,
    };
    let state = match asked.filter.as_deref() {
        None => None,
        Some(key) => Some(RowState::parse(key).ok_or_else(|| {
            format!(
                "Không có trạng thái «{key}»; hãy dùng một trong: {}.",
                keys(RowState::ALL.map(RowState::key))
            )
        })?),
    };
    if !sophandau::model::YEARS.contains(&asked.year) {
        return Err(format!("Năm {} không hợp lệ.", asked.year));
    }
    let (workspace, problems) = store::inspect(root).map_err(|e| e.to_string())?;
    let notes = problems.iter().map(|p| format!("• {p}")).collect();
    let today = jiff::Zoned::now().date();
    let mut b = board::board(asked.year, workspace.notebooks(), today);
    board::sort(&mut b.rows, column, asked.descending);
    let shown = board::filter(&b.rows, "", state);
    let vi = Language::Vietnamese;
    let table: Vec<Vec<String>> = std::iter::once(
        Column::ALL
            .iter()
            .map(|c| T::board_column(*c).get(vi).to_owned())
            .collect(),
    )
    .chain(shown.iter().map(|&i| {
        Column::ALL
            .iter()
            .map(|c| board_cell(vi, &b.rows[i], *c))
            .collect()
    }))
    .collect();
    let out = if asked.csv {
        csv(&table)
    } else {
        aligned(&table)
    };
    Ok((out, notes))
}

fn keys<const N: usize>(keys: [&str; N]) -> String {
    keys.join(", ")
}

fn csv(table: &[Vec<String>]) -> Vec<String> {
    let field = |f: &String| {
        if f.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", f.replace('"', "\"\""))
        } else {
            f.clone()
        }
    };
    table
        .iter()
        .map(|row| row.iter().map(field).collect::<Vec<_>>().join(","))
        .collect()
}

/// Columns padded to their widest cell, counted in characters.
fn aligned(table: &[Vec<String>]) -> Vec<String> {
    let width = |s: &String| s.chars().count();
    let widths: Vec<usize> = (0..Column::ALL.len())
        .map(|c| table.iter().map(|r| width(&r[c])).max().unwrap_or(0))
        .collect();
    table
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - width(cell))))
                .collect();
            cells.join("  ").trim_end().to_owned()
        })
        .collect()
}
