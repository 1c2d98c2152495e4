//! The study themes (chuyên đề) a year is tied to, built in from
//! `assets/themes.ron`.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{DEFAULT_THEME_ID, Year};

/// One study theme under Chỉ thị 05-CT/TW.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Theme {
    pub id: String,
    /// First and last year the theme applies to.
    pub years: (Year, Year),
    pub title: String,
    pub documents: Vec<String>,
    pub outline: Vec<String>,
}

/// The built-in themes, oldest first.
pub fn builtin() -> &'static [Theme] {
    static THEMES: OnceLock<Vec<Theme>> = OnceLock::new();
    THEMES.get_or_init(|| {
        ron::from_str(include_str!("../assets/themes.ron")).expect("assets/themes.ron is valid")
    })
}

pub fn by_id(id: &str) -> Option<&'static Theme> {
    builtin().iter().find(|t| t.id == id)
}

/// The theme a new year book starts with: the year's own theme, else the
/// term theme covering it, else 2020's.
pub fn default_for(year: Year) -> &'static str {
    let covering = |t: &&Theme| t.years.0 <= year && year <= t.years.1;
    builtin()
        .iter()
        .filter(covering)
        .min_by_key(|t| t.years.1 - t.years.0)
        .map_or(DEFAULT_THEME_ID, |t| t.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_get_their_own_theme_then_the_term_then_2020() {
        assert_eq!(default_for(2020), "2020");
        assert_eq!(default_for(2022), "2022");
        assert_eq!(default_for(2023), "2021-2025");
        assert_eq!(default_for(2030), "2020");
        assert!(
            by_id("2020")
                .unwrap()
                .title
                .starts_with("Tăng cường khối đại đoàn kết")
        );
    }
}
