//! Plans for the workspace's settings (`workspace.ron`) and the user's own
//! study themes, which live there.
//!
//! A settings change is checked only for what it changes, so a value that
//! was already there never blocks an unrelated change (switching the
//! language, say).

use super::YearAt;
use crate::model::{MemberId, Settings, Theme, Year};
use crate::workspace::edit::Edit;
use crate::workspace::field::Field;
use crate::workspace::{ActionError, WorkspaceData, check};

/// Replaces the whole settings; no edit when nothing differs.
pub(crate) fn change(data: &WorkspaceData, settings: &Settings) -> Result<Vec<Edit>, ActionError> {
    let old = &data.settings;
    if settings == old {
        return Ok(Vec::new());
    }
    if settings.cell_name != old.cell_name {
        check::text(Field::CellName, &settings.cell_name, false)?;
    }
    if settings.owner != old.owner
        && let Some(owner) = settings.owner
    {
        super::notebook(data, owner)?;
    }
    for (field, new, old) in [
        (
            Field::ExportFolder,
            &settings.export_folder,
            &old.export_folder,
        ),
        (
            Field::ExportFormat,
            &settings.export_format,
            &old.export_format,
        ),
    ] {
        if new != old {
            check::text(field, new.as_deref().unwrap_or(""), false)?;
        }
    }
    if settings.user_themes != old.user_themes {
        check_themes(&settings.user_themes, &old.user_themes)?;
    }
    Ok(vec![settings_edit(settings.clone())])
}

/// Adds the theme, or replaces the user's theme with its id in place, and
/// ties the named year to it: one step, so one undo takes back both.
pub(crate) fn save_theme(
    data: &WorkspaceData,
    theme: &Theme,
    use_for: Option<(MemberId, Year)>,
) -> Result<Vec<Edit>, ActionError> {
    check_theme(theme)?;
    let mut settings = data.settings.clone();
    match settings.user_themes.iter_mut().find(|t| t.id == theme.id) {
        Some(old) => *old = theme.clone(),
        None => settings.user_themes.push(theme.clone()),
    }
    let mut edits = Vec::new();
    if settings != data.settings {
        edits.push(settings_edit(settings));
    }
    if let Some((member, year)) = use_for {
        let at = YearAt::find(data, member, year)?;
        if at.book.theme_id != theme.id {
            edits.push(super::notebook::theme_edit(at, &theme.id));
        }
    }
    Ok(edits)
}

fn settings_edit(settings: Settings) -> Edit {
    Edit::Settings {
        value: Box::new(settings),
    }
}

/// Checks the themes that are new or changed, and that no two share an id.
fn check_themes(themes: &[Theme], old: &[Theme]) -> Result<(), ActionError> {
    for (i, theme) in themes.iter().enumerate() {
        if !old.contains(theme) {
            check_theme(theme)?;
        }
        if themes[..i].iter().any(|t| t.id == theme.id) {
            return Err(ActionError::DuplicateId);
        }
    }
    Ok(())
}

/// A theme needs an id and a title, years in range and in order, and
/// texts within the limits.
fn check_theme(theme: &Theme) -> Result<(), ActionError> {
    check::text(Field::ThemeId, &theme.id, true)?;
    check::text(Field::ThemeTitle, &theme.title, true)?;
    for line in &theme.documents {
        check::text(Field::ThemeDocuments, line, false)?;
    }
    for line in &theme.outline {
        check::text(Field::ThemeOutline, line, false)?;
    }
    let (first, last) = theme.years;
    if check::year(first).is_err() || check::year(last).is_err() || first > last {
        return Err(ActionError::ThemeYears);
    }
    Ok(())
}
