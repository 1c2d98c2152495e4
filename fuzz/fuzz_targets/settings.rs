//! Loading `workspace.ron` (the settings): read and validated as the store
//! reads it, then used as the program uses it (the study themes of the
//! years, the settings taken in by a workspace). What loads must write back
//! and load again the same.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use sophandau::model::YEARS;
use sophandau::store::{self, Decoded};
use sophandau::workspace::{Action, Workspace};

fuzz_target!(|bytes: &[u8]| {
    let Ok(checked) = store::read_settings(bytes) else {
        return;
    };
    let settings = checked.value.into_value();
    let text = store::settings_to_ron(&settings);
    let again = store::read_settings(text.as_bytes()).expect("what we write reads back");
    assert!(again.repairs.is_empty(), "what we write needs repairs");
    assert_eq!(again.value, Decoded::Current(settings.clone()));
    let years = settings
        .user_themes
        .iter()
        .flat_map(|t| [t.years.0, t.years.1])
        .chain([*YEARS.start(), 2020, 2026, *YEARS.end()]);
    for year in years {
        let id = sophandau::themes::default_for(&settings, year);
        let _ = sophandau::themes::has_own_theme(&settings, year);
        let _ = sophandau::themes::theme_line(&settings, &id, year);
    }
    for theme in &settings.user_themes {
        let _ = sophandau::themes::span(theme);
    }
    let mut ws = Workspace::new(common::CELL.clone());
    let _ = ws.apply(Action::ChangeSettings { settings });
});
