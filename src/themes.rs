//! The study themes and classification rules of each year: built in from
//! `assets/themes.ron` and `assets/rules.ron`, with the user's own themes
//! (saved in the workspace settings) winning over built-ins.

use std::sync::OnceLock;

use crate::model::{
    DEFAULT_THEME_ID, FormSpec, Profile, RuleSet, SelfReview, Settings, Theme, Year,
};

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

/// The form a self-review is written in: the one it names if the year's
/// rules have it, else the year's form for the member's profile (a leading
/// or managing post, work outside the political system).
pub fn self_review_form(
    year: Year,
    profile: &Profile,
    review: Option<&SelfReview>,
) -> Option<&'static FormSpec> {
    let rules = rules_for(year);
    review
        .and_then(|r| rules.form(&r.form))
        .or_else(|| rules.form_for_member(profile.leader, profile.outside_system))
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

/// The line that names a year book's theme by its own years, e.g.
/// "Chuyên đề năm 2020: …" above a 2026 book that uses 2020's theme, with
/// a word when the theme is not the year's own. Vietnamese, for the papers.
pub fn theme_line(settings: &Settings, theme_id: &str, year: Year) -> Option<String> {
    let theme = find(settings, theme_id)?;
    let mut line = format!("Chuyên đề năm {}: {}", span(theme), theme.title);
    if !(theme.years.0 <= year && year <= theme.years.1) {
        line += &format!(" (năm {year} chưa có chuyên đề riêng)");
    }
    Some(line)
}

/// A theme's years as said: "2020", or "2021–2025".
pub fn span(theme: &Theme) -> String {
    match theme.years {
        (first, last) if first == last => first.to_string(),
        (first, last) => format!("{first}–{last}"),
    }
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
    fn a_theme_is_named_by_its_own_years() {
        let s = Settings::default();
        let line = theme_line(&s, "2020", 2026).unwrap();
        assert!(line.starts_with("Chuyên đề năm 2020: "), "{line}");
        assert!(
            line.ends_with("(năm 2026 chưa có chuyên đề riêng)"),
            "{line}"
        );
        let own = theme_line(&s, "2020", 2020).unwrap();
        assert!(!own.contains("chưa có"), "{own}");
        let term = theme_line(&s, "2021-2025", 2023).unwrap();
        assert!(term.starts_with("Chuyên đề năm 2021–2025: "), "{term}");
    }

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

    /// The guidance and regulation of each year, as assets/rules.ron cites
    /// them (issue 10).
    #[test]
    fn each_year_answers_its_own_documents() {
        for (year, guidance, regulation) in [
            (2014, "27-HD/BTCTW", None),
            (2017, "27-HD/BTCTW", None),
            (2018, "16-HD/BTCTW", Some("132-QĐ/TW")),
            (2019, "21-HD/BTCTW", Some("132-QĐ/TW")),
            (2022, "21-HD/BTCTW", Some("132-QĐ/TW")),
            (2023, "25-HD/BTCTW", Some("124-QĐ/TW")),
            (2024, "25-HD/BTCTW", Some("124-QĐ/TW")),
            (2025, "43-HD/BTCTW", Some("366-QĐ/TW")),
            (2026, "43-HD/BTCTW", Some("366-QĐ/TW")),
        ] {
            let r = rules_for(year);
            assert_eq!(r.id, guidance, "{year}");
            assert_eq!(r.regulation.as_deref(), regulation, "{year}");
            assert!(r.documents.iter().any(|d| d.contains(guidance)), "{year}");
            if let Some(reg) = regulation {
                assert!(r.documents.iter().any(|d| d.contains(reg)), "{year}");
            }
        }
        // The level words of 2014–2017 ("đủ tư cách …").
        let old = rules_for(2016)
            .level_name(crate::model::Level::Good)
            .unwrap();
        assert!(old.contains("đủ tư cách"));
        assert!(
            rules_for(2020)
                .level_name(crate::model::Level::Good)
                .is_none()
        );
        // No regulation 132 before it existed (08/3/2018).
        assert!(rules_for(2017).documents.iter().all(|d| !d.contains("132")));
        assert_eq!(
            rules_for(2010).id,
            "27-HD/BTCTW",
            "earlier years use the first set"
        );
        // Under 132 the yearly commitment is criterion 6 of the form.
        for year in [2018, 2020, 2023, 2025] {
            assert!(rules_for(year).commitments_are_criterion, "{year}");
        }
    }

    #[test]
    fn rule_sets_cover_the_years_once_and_their_forms_are_whole() {
        let sets = rule_sets();
        for pair in sets.windows(2) {
            assert_eq!(pair[0].years.1 + 1, pair[1].years.0, "{}", pair[1].id);
        }
        for r in sets {
            assert!(
                r.form_for(false).is_some_and(|f| !f.for_leaders),
                "{}",
                r.id
            );
            for f in &r.forms {
                let keys: Vec<&str> = f.keys().collect();
                let unique: std::collections::BTreeSet<&str> = keys.iter().copied().collect();
                assert_eq!(keys.len(), unique.len(), "{} has a key twice", f.id);
                for key in ["strengths", "shortcomings", "remedies", "level"] {
                    assert!(f.section(key).is_some(), "{} lacks {key}", f.id);
                }
            }
            for c in &r.conditions {
                assert!(r.levels.contains(&c.level), "{}", c.key);
            }
        }
    }

    #[test]
    fn the_2020_form_is_mau_02_in_its_order() {
        let member = Profile::default();
        let f = self_review_form(2020, &member, None).unwrap();
        assert_eq!(f.id, "02-HD KĐ.ĐG");
        let heads: Vec<&str> = f
            .sections
            .iter()
            .filter_map(|s| s.heading.split_once(". ").map(|(n, _)| n))
            .collect();
        assert_eq!(heads, ["I", "II", "III", "IV", "V", "VI", "VII"]);
        assert!(f.sections[0].heading.contains("Ưu điểm, kết quả đạt được"));
        assert!(
            f.sections[1]
                .heading
                .contains("Hạn chế, khuyết điểm và nguyên nhân")
        );
        let criteria = &f.sections[0].criteria;
        assert_eq!(criteria.len(), 6);
        assert_eq!(criteria[5].key, "commitments");
        assert!(criteria[0].heading.contains("tư tưởng chính trị"));
    }

    #[test]
    fn the_leaders_form_is_picked_by_the_post() {
        let member = Profile::default();
        let leader = Profile {
            leader: true,
            ..Profile::default()
        };
        assert_eq!(
            self_review_form(2023, &member, None).unwrap().id,
            "02A-HD KĐ.ĐG"
        );
        assert_eq!(
            self_review_form(2023, &leader, None).unwrap().id,
            "02B-HD KĐ.ĐG"
        );
        let b = self_review_form(2024, &leader, None).unwrap();
        assert!(b.keys().any(|k| k == "led_unit"));
        assert!(
            !self_review_form(2024, &member, None)
                .unwrap()
                .keys()
                .any(|k| k == "led_unit")
        );
        // A year with one form gives it to leaders too.
        assert_eq!(
            self_review_form(2020, &leader, None).unwrap().id,
            "02-HD KĐ.ĐG"
        );
        // From 2025 a member outside the political system has form 2C.
        let outside = Profile {
            outside_system: true,
            ..Profile::default()
        };
        assert_eq!(
            self_review_form(2025, &outside, None).unwrap().id,
            "2C-HD KĐ.ĐG"
        );
        assert_eq!(
            self_review_form(2025, &leader, None).unwrap().id,
            "2B-HD KĐ.ĐG"
        );
        assert_eq!(
            self_review_form(2023, &outside, None).unwrap().id,
            "02A-HD KĐ.ĐG"
        );
        // 2023's forms rate each content xuất sắc / tốt / trung bình / kém.
        let a = self_review_form(2023, &member, None).unwrap();
        assert_eq!(a.ratings.len(), 4);
        assert!(a.sections[0].criteria.iter().all(|c| c.rated));
        assert!(
            self_review_form(2020, &member, None)
                .unwrap()
                .ratings
                .is_empty()
        );
        // A review keeps the form it was written in.
        let written = crate::model::SelfReview {
            form: "02A-HD KĐ.ĐG".into(),
            ..Default::default()
        };
        assert_eq!(
            self_review_form(2023, &leader, Some(&written)).unwrap().id,
            "02A-HD KĐ.ĐG"
        );
    }

    #[test]
    fn the_excellent_cap_is_data_and_never_a_violation() {
        for year in [2018, 2020, 2023, 2025] {
            let cap = rules_for(year).excellent_cap.as_ref().unwrap();
            assert_eq!(cap.percent, 20);
            assert!(cap.note.contains("quyết định"), "{year}");
            assert!(!cap.note.contains("vượt mức cho phép"), "{year}");
        }
        assert!(rules_for(2016).excellent_cap.is_none());
    }

    #[test]
    fn each_year_has_its_rules() {
        assert!(rules_for(2020).points.is_none());
        let points = rules_for(2026).points.unwrap();
        assert_eq!((points.general_max, points.tasks_max), (30, 70));
        assert_eq!(points.level(92), crate::model::Level::Excellent);
        assert_eq!(points.level(89), crate::model::Level::Good);
        assert_eq!(points.level(50), crate::model::Level::Completed);
        assert_eq!(points.level(49), crate::model::Level::NotCompleted);
    }
}
