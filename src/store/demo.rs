//! A generated demo cell, opened in a temporary folder so that a new user
//! can look around without touching their own notebooks.

use std::io;

use super::{Files, OpenError, Session, open};
use crate::demo::{self, DemoSpec};
use crate::model::Settings;

/// Writes a 12-member demo cell for 2020 into a new temporary folder and
/// opens it with the user's `settings` (language, text size); the folder
/// goes when the returned `TempDir` is dropped.
pub fn open_demo(settings: &Settings) -> Result<(Session, tempfile::TempDir), OpenError> {
    let dir = tempfile::Builder::new()
        .prefix("sophandau-demo-")
        .tempdir()
        .map_err(|error| OpenError {
            root: std::env::temp_dir(),
            error,
        })?;
    let failed = |error: io::Error| OpenError {
        root: dir.path().to_path_buf(),
        error,
    };
    let files = Files::new(dir.path());
    files.create_dirs().map_err(failed)?;
    let cell = demo::generate(DemoSpec {
        members: 12,
        years: 1,
        first_year: 2020,
        seed: 2020,
    });
    for notebook in &cell.notebooks {
        files.save_both(notebook).map_err(failed)?;
    }
    files.save_meetings(&cell.meetings).map_err(failed)?;
    let mut session = open(dir.path())?;
    let mut settings = settings.clone();
    settings.cell_name = cell.cell_name;
    settings.owner = None;
    if let Err(e) = session.workspace.set_settings(settings) {
        return Err(failed(io::Error::other(e.to_string())));
    }
    Ok((session, dir))
}
