//! Oversized input, for correctness (time and memory are measured by
//! `benches/hostile.rs`): a 50 MB text in a notebook file is refused as
//! damage, many members open, and a very long word exports in every
//! format. 100,000 levels of nesting: `load::deep_nesting_gets_plain_words`.

use crate::common;

use std::fs;
use std::sync::Arc;

use common::sample_notebook;
use sophandau::export::{Format, Scope, render};
use sophandau::model::{Notebook, Profile};
use sophandau::store::validate::Flaw;
use sophandau::store::{self, Damage, Files, Problem, notebook_to_ron};
use sophandau::workspace::MAX_TEXT_CHARS;

#[test]
fn a_50_mb_text_is_refused_as_damage_and_the_rest_opens() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    let healthy = sample_notebook(2);
    files.save_notebook(&healthy).unwrap();
    let mut huge = sample_notebook(1);
    huge.profile.workplace = "x".repeat(50 * 1024 * 1024);
    let path = files.notebook_path(huge.id);
    fs::write(&path, notebook_to_ron(&huge)).unwrap();
    drop(huge);

    let (workspace, problems) = store::inspect(dir.path()).unwrap();
    let [Problem::Lost { error, .. }] = &problems[..] else {
        panic!("{problems:?}");
    };
    let Damage::Invalid(flaws) = error else {
        panic!("{error:?}");
    };
    assert!(
        flaws
            .iter()
            .any(|f| matches!(f, Flaw::TextTooLong { chars, .. } if *chars > MAX_TEXT_CHARS)),
        "{flaws:?}"
    );
    assert!(
        problems[0]
            .to_string()
            .contains(&path.display().to_string())
    );
    assert_eq!(workspace.notebooks().count(), 1, "the healthy one opens");
}

/// Many tiny notebooks all open, none lost (100,000 are timed by the
/// bench; a debug build here keeps the count modest).
#[test]
fn two_thousand_members_open() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::new(dir.path());
    files.create_dirs().unwrap();
    for i in 0..2_000 {
        let notebook = Notebook::new(
            uuid::Uuid::new_v4(),
            Profile {
                full_name: format!("Đảng viên số {i}"),
                ..Profile::default()
            },
        );
        fs::write(files.notebook_path(notebook.id), notebook_to_ron(&notebook)).unwrap();
    }
    let (workspace, problems) = store::inspect(dir.path()).unwrap();
    assert_eq!(problems, []);
    assert_eq!(workspace.notebooks().count(), 2_000);
}

/// A name that is one word of 100 KB (the most an edit may type) goes
/// into every format without an error; the PDF breaks it across lines.
#[test]
fn a_100_kb_word_exports_in_every_format() {
    let mut data = one_member_2025();
    let (&id, notebook) = data.notebooks.iter_mut().next().unwrap();
    let word = "Nguyễn".repeat(MAX_TEXT_CHARS / 6);
    Arc::make_mut(notebook).profile.full_name = word.clone();
    let scope = Scope::Member {
        id,
        years: vec![2025],
    };
    let as_of = jiff::civil::date(2025, 12, 1);
    for format in [Format::Markdown, Format::Xlsx, Format::Docx, Format::Pdf] {
        let out =
            render(&data, &scope, format, as_of).unwrap_or_else(|e| panic!("{format:?}: {e:?}"));
        assert!(!out.is_empty(), "{format:?}");
    }
    let markdown = render(&data, &scope, Format::Markdown, as_of).unwrap();
    assert!(String::from_utf8(markdown).unwrap().contains(&word));
}

/// A name that is one word of 1 MB (ten times what an edit may type, as a
/// damaged or foreign file could hold) fills its pages in a PDF: every
/// piece of it is there, and the pages it adds are ten times those of a
/// 100 KB word. Line breaking used to grow worse than linearly with an
/// unbroken word (69 s for 1 MB); its running sums of widths keep it to
/// one pass, timed by `cargo bench --bench hostile -- word-pdf`.
#[test]
fn a_1_mb_word_fills_its_pages_in_a_pdf() {
    const SYLLABLE: &str = "Nguyễn";
    let mut data = one_member_2025();
    let id = *data.notebooks.keys().next().unwrap();
    let scope = Scope::Member {
        id,
        years: vec![2025],
    };
    let as_of = jiff::civil::date(2025, 12, 1);
    let mut pages_with = |bytes: usize| {
        let name = SYLLABLE.repeat(bytes / SYLLABLE.len());
        let notebook = data.notebooks.get_mut(&id).unwrap();
        Arc::make_mut(notebook).profile.full_name = name;
        let pdf = render(&data, &scope, Format::Pdf, as_of).unwrap();
        pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap()
    };
    let short = pages_with(SYLLABLE.len()).len();
    let small = pages_with(100_000).len();
    let pages = pages_with(1_000_000);
    let repeats = 1_000_000 / SYLLABLE.len();

    // The word is all there, cut only at line ends (and the footers).
    let n = pages.len();
    let mut text = String::new();
    for (i, page) in pages.iter().enumerate() {
        let footer = format!("Trang {}/{n}", i + 1);
        assert!(page.contains(&footer), "page {} is numbered", i + 1);
        text.extend(page.replace(&footer, "").split_whitespace());
    }
    let found = text.matches(SYLLABLE).count();
    assert!(found >= repeats, "{found} of {repeats} syllables");

    // Linear: ten times the word, ten times the pages it adds.
    let (big, small) = ((n - short) as f64, (small - short) as f64);
    assert!(small >= 10.0, "{small} pages for 100 KB");
    let ratio = big / small;
    assert!((9.5..=10.5).contains(&ratio), "{big} pages against {small}");
}

/// A long word of distinct syllables, each numbered, so that a piece out
/// of place or missing shows: wider than the windows it is shaped in
/// (64 KB), and in the signature's narrow column a block taller than a
/// page, which flows on to the next pages instead of running off the
/// bottom of one. It is in the PDF's text whole and in order in each of
/// its three places: the cover, the profile and the signature.
#[test]
fn a_long_word_is_in_the_pdf_text_whole_and_in_order() {
    const SYLLABLES: [&str; 6] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"];
    let mut word = String::new();
    for i in 0.. {
        if word.len() >= 200_000 {
            break;
        }
        word.push_str(SYLLABLES[i % SYLLABLES.len()]);
        word.push_str(&i.to_string());
    }
    let mut data = one_member_2025();
    let (&id, notebook) = data.notebooks.iter_mut().next().unwrap();
    let notebook = Arc::make_mut(notebook);
    notebook.profile.full_name = word.clone();
    // The secretary signs beside the member, on the name's first row.
    let secretaries: Vec<String> = notebook
        .years
        .values()
        .map(|y| y.cell_review.decision.secretary.clone())
        .filter(|s| !s.is_empty())
        .collect();
    let scope = Scope::Member {
        id,
        years: vec![2025],
    };
    let pdf = render(&data, &scope, Format::Pdf, jiff::civil::date(2025, 12, 1)).unwrap();
    let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
    let n = pages.len();
    // A page holds some 50 lines of at most ~100 characters: none runs
    // off its bottom (the signature's block did, all of it on one page).
    let longest = pages.iter().map(|p| p.chars().count()).max().unwrap();
    assert!(longest < 10_000, "a page with {longest} characters");
    let mut text = String::new();
    for (i, page) in pages.iter().enumerate() {
        let mut page = page.replace(&format!("Trang {}/{n}", i + 1), "");
        for s in &secretaries {
            page = page.replace(s.as_str(), "");
        }
        text.extend(page.split_whitespace());
    }
    assert_eq!(text.matches(word.as_str()).count(), 3, "in {n} pages");
}

/// A demo workspace of one member with a book for 2025.
fn one_member_2025() -> sophandau::workspace::WorkspaceData {
    sophandau::demo::generate(sophandau::demo::DemoSpec {
        members: 1,
        years: 1,
        first_year: 2025,
        seed: 7,
    })
    .into_data()
}

/// The document tree of an export borrows the member's name from the
/// notebook in each of its places (cover, profile, signature): a name of
/// megabytes is held once, not copied three times before the PDF is laid
/// out. Fails if a place copies it.
#[test]
fn the_export_tree_borrows_the_name_in_each_of_its_places() {
    use sophandau::export::doc::{Block, Str};
    let mut data = one_member_2025();
    let notebook = data.notebooks.values_mut().next().unwrap();
    Arc::make_mut(notebook).profile.full_name = "Nguyễn".repeat(1000);
    let notebook = data.notebooks.values().next().unwrap();
    let name = notebook.profile.full_name.as_str();
    let doc = sophandau::export::content::member_notebook(
        &data.settings,
        notebook,
        &[2025],
        jiff::civil::date(2025, 12, 1),
    );
    let borrowed = |s: &Str| matches!(s, Str::Borrowed(b) if std::ptr::eq(*b, name));
    let mut places = 0;
    for block in &doc.blocks {
        match block {
            Block::KeyValues(kv) => {
                for (_, v) in kv.iter().filter(|(_, v)| **v == *name) {
                    assert!(borrowed(v), "a profile line copies the name");
                    places += 1;
                }
            }
            Block::Signatures(signs) => {
                for s in signs.iter().filter(|s| *s.name == *name) {
                    assert!(borrowed(&s.name), "a signature copies the name");
                    places += 1;
                }
            }
            _ => {}
        }
    }
    assert_eq!(places, 3, "cover, profile and signature");
}
