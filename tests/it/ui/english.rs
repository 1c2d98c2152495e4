//! An English window shows no Vietnamese of its own: after a load problem
//! and a refused action, every label and value on screen is free of
//! Vietnamese letters, but for the switch back to Vietnamese. Names and
//! texts typed by the user are plain letters here, so that anything
//! Vietnamese found must come from the program.

use super::*;
use egui_kittest::kittest::{NodeT, by};
use sophandau::i18n::has_vietnamese_letters;
use sophandau::model::{Language, Profile, Theme};

/// A workspace in English: one member with this year's book (a plain-letter
/// theme and one commitment), and a second member whose file is cut short.
fn english_workspace(dir: &Path) -> Uuid {
    let mut session = store::open(dir).unwrap();
    let member = create_plain_member(&mut session, "Tran Van Hung");
    let damaged = create_plain_member(&mut session, "Le Thi Lan");
    let year = this_year();
    let theme = Theme {
        id: "plain".to_owned(),
        years: (year, year),
        title: "Plain theme".to_owned(),
        documents: vec!["Guide 1".to_owned()],
        outline: vec!["Study".to_owned()],
    };
    session
        .apply(Action::SaveUserTheme {
            theme,
            use_for: None,
        })
        .unwrap();
    session
        .apply(Action::StartYear {
            member,
            year,
            theme_id: "plain".to_owned(),
        })
        .unwrap();
    let commitment = Commitment {
        id: Uuid::new_v4(),
        area: Area::Discipline,
        content: "Attend every cell meeting".into(),
        measures: Default::default(),
        product: Default::default(),
        deadline: None,
        order: 0,
        revision: 0,
    };
    session
        .apply(Action::AddCommitment {
            member,
            year,
            commitment,
        })
        .unwrap();
    let mut settings = session.workspace.settings().clone();
    settings.language = Language::English;
    settings.cell_name = "Cell One".to_owned();
    session.apply(Action::ChangeSettings { settings }).unwrap();
    session.store.flush().unwrap();
    let ron = fs::read_to_string(dir.join("workspace.ron")).unwrap();
    assert!(ron.contains("language: English"), "{ron}");
    damaged
}

fn create_plain_member(session: &mut store::Session, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    let profile = Profile {
        full_name: name.to_owned(),
        cell: "Cell One".to_owned(),
        ..Profile::default()
    };
    session
        .apply(Action::CreateNotebook { id, profile })
        .unwrap();
    id
}

/// Every label and value of every node in the window.
fn every_text(h: &Harness<'_, App>) -> Vec<String> {
    h.query_all(by())
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn an_english_window_shows_no_vietnamese_after_a_load_problem_and_a_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = english_workspace(dir.path());
    // Another program holds the folder, so the window opens read-only and
    // nothing is repaired behind the test's back.
    let first = store::open(dir.path()).unwrap();
    let file = first.store.files().notebook_path(damaged);
    let text = fs::read(&file).unwrap();
    fs::write(&file, &text[..text.len() / 2]).unwrap();

    let mut h = harness(dir.path());
    h.get_by_label("Read-only");
    h.get_by_label("While opening, the program found:");
    click(&mut h, "Commitments");
    click(&mut h, "Delete");
    h.get_by_label_contains("Cannot change it");

    let texts = every_text(&h);
    assert!(
        texts.iter().any(|t| t.contains("is damaged")),
        "the load problem is on screen: {texts:#?}"
    );
    let vietnamese: Vec<&String> = texts
        .iter()
        .filter(|t| has_vietnamese_letters(t) && t.as_str() != "Tiếng Việt")
        .collect();
    assert!(
        vietnamese.is_empty(),
        "Vietnamese in English: {vietnamese:#?}"
    );
    drop(first);
}
