//! Plans for the notebook as a whole: creating and removing it, the
//! profile, and opening, removing and heading a year.

use super::YearAt;
use crate::model::{Date, MemberId, Notebook, Profile, Registration, Year, YearBook};
use crate::workspace::edit::Edit;
use crate::workspace::field::Field;
use crate::workspace::{ActionError, WorkspaceData, check};

pub(crate) fn create(
    data: &WorkspaceData,
    id: MemberId,
    profile: &Profile,
) -> Result<Vec<Edit>, ActionError> {
    if data.notebooks.contains_key(&id) {
        return Err(ActionError::NotebookExists);
    }
    check_profile(profile)?;
    let mut profile = profile.clone();
    profile.revision = 1;
    Ok(vec![Edit::Notebook {
        member: id,
        value: Some(Notebook::new(id, profile).into()),
    }])
}

pub(crate) fn remove(data: &WorkspaceData, member: MemberId) -> Result<Vec<Edit>, ActionError> {
    super::notebook(data, member)?;
    Ok(vec![Edit::Notebook {
        member,
        value: None,
    }])
}

pub(crate) fn set_profile(
    data: &WorkspaceData,
    member: MemberId,
    profile: &Profile,
) -> Result<Vec<Edit>, ActionError> {
    let notebook = super::notebook(data, member)?;
    check_profile(profile)?;
    let mut profile = profile.clone();
    profile.revision = notebook.profile.revision + 1;
    Ok(vec![Edit::Profile {
        member,
        value: profile,
    }])
}

pub(crate) fn start_year(
    data: &WorkspaceData,
    member: MemberId,
    year: Year,
    theme_id: &str,
) -> Result<Vec<Edit>, ActionError> {
    if super::notebook(data, member)?.years.contains_key(&year) {
        return Err(ActionError::YearExists(year));
    }
    check::text(Field::ThemeId, theme_id, true)?;
    Ok(vec![Edit::Year {
        member,
        year,
        value: Some(Box::new(YearBook::new(theme_id))),
    }])
}

pub(crate) fn remove_year(at: YearAt) -> Result<Vec<Edit>, ActionError> {
    Ok(vec![Edit::Year {
        member: at.member,
        year: at.year,
        value: None,
    }])
}

pub(crate) fn set_theme(at: YearAt, theme_id: &str) -> Result<Vec<Edit>, ActionError> {
    check::text(Field::ThemeId, theme_id, true)?;
    Ok(vec![theme_edit(at, theme_id)])
}

/// The edit that ties a year to a study theme, its registration unchanged.
pub(crate) fn theme_edit(at: YearAt, theme_id: &str) -> Edit {
    Edit::YearHeader {
        member: at.member,
        year: at.year,
        theme_id: theme_id.to_owned(),
        // The theme and the registration are one record of the year's
        // header, merged by this revision when notebooks are exchanged.
        registration: Registration {
            revision: at.book.registration.revision + 1,
            ..at.book.registration.clone()
        },
    }
}

pub(crate) fn set_registration_date(
    at: YearAt,
    date: Option<Date>,
) -> Result<Vec<Edit>, ActionError> {
    check::date_in_year(Field::RegistrationDate, date, at.year)?;
    let mut registration = at.book.registration.clone();
    registration.date = date;
    registration.revision += 1;
    Ok(vec![Edit::YearHeader {
        member: at.member,
        year: at.year,
        theme_id: at.book.theme_id.clone(),
        registration,
    }])
}

fn check_profile(p: &Profile) -> Result<(), ActionError> {
    check::text(Field::FullName, &p.full_name, true)?;
    for (field, text) in [
        (Field::PartyPost, &p.party_post),
        (Field::GovernmentPost, &p.government_post),
        (Field::MassPost, &p.mass_post),
        (Field::Workplace, &p.workplace),
        (Field::Cell, &p.cell),
        (Field::PartyCommittee, &p.party_committee),
    ] {
        check::text(field, text, false)?;
    }
    check::text(
        Field::CardNumber,
        p.card_number.as_deref().unwrap_or(""),
        false,
    )
}
