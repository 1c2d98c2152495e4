//! The study themes and classification rules of each year: built in from
//! `assets/themes.ron` and `assets/rules.ron`, with the user's own themes
//! (saved in the workspace settings) winning over built-ins.

use std::sync::OnceLock;

use crate::model::{DEFAULT_THEME_ID, RuleSet, Settings, Theme, Year};

/// The built-in themes, oldest first.
pub fn builtin() -> &'static [Theme] {
    static THEMES: OnceLock<Vec<Theme>> = OnceLock::new();
    THEMES.get_or_init(|| {
        ron::from_str(include_str!("../assets/themes.ron")).expect("assets/themes.ron is valid")
    })
}

/// The built-in rule sets, oldest first.
pub fn rule_sets() -> &'static [RuleSet] {
    static RULES: OnceLock<Vec<RuleSet>> = OnceLock::new();
    RULES.get_or_init(|| {
        ron::from_str(include_str!("../assets/rules.ron")).expect("assets/rules.ron is valid")
    })
}

/// The rules in force for a year; years before the first set use it.
pub fn rules_for(year: Year) -> &'static RuleSet {
    let sets = rule_sets();
    sets.iter()
        .find(|r| r.years.0 <= year && year <= r.years.1)
        .unwrap_or(if year < sets[0].years.0 {
            &sets[0]
        } else {
            &sets[sets.len() - 1]
        })
}

/// A theme by id: the user's version if there is one, else the built-in.
pub fn find<'a>(settings: &'a Settings, id: &str) -> Option<&'a Theme> {
    settings
        .user_themes
        .iter()
        .find(|t| t.id == id)
        .or_else(|| builtin().iter().find(|t| t.id == id))
}

/// The theme a new year book starts with: the year's own theme (the
/// user's first), else the term theme covering it, else 2020's.
pub fn default_for(settings: &Settings, year: Year) -> String {
    let covering = |t: &&Theme| t.years.0 <= year && year <= t.years.1;
    settings
        .user_themes
        .iter()
        .filter(covering)
        .chain(builtin().iter().filter(covering))
        .min_by_key(|t| t.years.1 - t.years.0)
        .map_or(DEFAULT_THEME_ID, |t| t.id.as_str())
        .to_owned()
}

/// Whether the year has a theme of its own (not just the 2020 fallback).
pub fn has_own_theme(settings: &Settings, year: Year) -> bool {
    find(settings, &default_for(settings, year))
        .is_some_and(|t| t.years.0 <= year && year <= t.years.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_get_their_own_theme_then_the_term_then_2020() {
        let s = Settings::default();
        assert_eq!(default_for(&s, 2020), "2020");
        assert_eq!(default_for(&s, 2022), "2022");
        assert_eq!(default_for(&s, 2023), "2021-2025");
        assert_eq!(default_for(&s, 2030), "2020");
        assert!(!has_own_theme(&s, 2030));
        let t = find(&s, "2020").unwrap();
        assert!(t.title.starts_with("Tăng cường khối đại đoàn kết"));
        assert!(t.documents.iter().any(|d| d.contains("108-HD/BTGTW")));
        assert_eq!(t.outline.len(), 3);
    }

    #[test]
    fn user_themes_win_over_built_ins() {
        let mut s = Settings::default();
        s.user_themes.push(Theme {
            id: "2030".into(),
            years: (2030, 2030),
            title: "Chuyên đề của chi bộ".into(),
            documents: vec![],
            outline: vec![],
        });
        s.user_themes.push(Theme {
            id: "2020".into(),
            years: (2020, 2020),
            title: "Sửa lại".into(),
            documents: vec![],
            outline: vec![],
        });
        assert_eq!(default_for(&s, 2030), "2030");
        assert!(has_own_theme(&s, 2030));
        assert_eq!(find(&s, "2020").unwrap().title, "Sửa lại");
    }

    #[test]
    fn each_year_has_its_rules() {
        assert_eq!(rules_for(2020).id, "132-QĐ/TW");
        assert!(rules_for(2020).points.is_none());
        assert_eq!(rules_for(2020).excellent_share_of_good_max, Some(20));
        assert!(rules_for(2023).commitments_are_criterion);
        let points = rules_for(2026).points.unwrap();
        assert_eq!((points.general_max, points.tasks_max), (30, 70));
        assert_eq!(points.level(92), crate::model::Level::Excellent);
        assert_eq!(points.level(89), crate::model::Level::Good);
        assert_eq!(points.level(50), crate::model::Level::Completed);
        assert_eq!(points.level(49), crate::model::Level::NotCompleted);
        assert_eq!(rules_for(2017).id, "132-QĐ/TW");
    }
}
