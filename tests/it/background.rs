//! Notebooks read in the background (the window's way of opening): once
//! everything is in, the workspace is the one a blocking open gives; a
//! notebook already in can be changed while the others still load, and
//! nothing typed is lost; a damaged file met on the way is handled as
//! always; and what is read early (the names at the start of each file) is
//! never trusted over the file itself.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::put_notebook;
use sophandau::demo::{self, DemoSpec};
use sophandau::model::{Profile, Text};
use sophandau::store::{self, Files, Problem, Session};
use sophandau::workspace::{Action, ActionError};

fn cell(dir: &Path, members: usize) -> Vec<uuid::Uuid> {
    let cell = demo::generate(DemoSpec {
        members,
        years: 2,
        first_year: 2020,
        seed: 11,
    });
    for notebook in &cell.notebooks {
        put_notebook(dir, notebook);
    }
    cell.notebooks.iter().map(|n| n.id).collect()
}

fn wait(session: &mut Session) {
    session.wait_loaded();
    assert!(session.workspace.is_loaded());
    assert_eq!(session.load_progress(), None);
}

#[test]
fn a_background_load_ends_where_a_blocking_one_does() {
    let dir = tempfile::tempdir().unwrap();
    let ids = cell(dir.path(), 12);
    let (blocking, blocking_problems) = store::inspect(dir.path()).unwrap();
    let mut session = store::open_in_background(dir.path()).unwrap();
    // Every member is named at once, from the start of the files.
    let named = session.workspace.notebooks().count() + session.workspace.loading().len();
    assert_eq!(named, ids.len());
    for (id, profile) in session.workspace.loading() {
        let whole = blocking.notebook(*id).unwrap();
        assert_eq!(profile, &whole.profile);
    }
    // Taken in a frame at a time, as the window does.
    while !session.workspace.is_loaded() {
        session.refresh();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert_eq!(session.workspace.data(), blocking.data());
    assert_eq!(session.problems, blocking_problems);
    assert!(blocking_problems.is_empty());
}

#[test]
fn the_notebook_asked_for_comes_first_and_can_be_changed_while_others_load() {
    let dir = tempfile::tempdir().unwrap();
    let ids = cell(dir.path(), 30);
    let last = *ids.iter().max().unwrap();
    let mut session = store::open_in_background(dir.path()).unwrap();
    session.prefer(last);
    // Until it is in, the notebook cannot be changed.
    if session.workspace.notebook(last).is_none() {
        let mut profile = session.workspace.loading()[&last].clone();
        profile.mass_post = "Chi hội trưởng".to_owned();
        let refused = session.apply(Action::SetProfile {
            member: last,
            profile,
        });
        assert!(
            matches!(refused, Err(ActionError::ReadOnly(_))),
            "{refused:?}"
        );
    }
    while session.workspace.notebook(last).is_none() {
        session.refresh();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    // Typed while the others still load (there may be none left on a
    // fast machine; the change must hold either way).
    let mut profile: Profile = session.workspace.notebook(last).unwrap().profile.clone();
    profile.mass_post = "Chi hội trưởng Hội Nông dân".to_owned();
    session
        .apply(Action::SetProfile {
            member: last,
            profile: profile.clone(),
        })
        .unwrap();
    wait(&mut session);
    let kept = |s: &Session| {
        s.workspace
            .notebook(last)
            .unwrap()
            .profile
            .mass_post
            .clone()
    };
    assert_eq!(kept(&session), profile.mass_post);
    session.store.flush().unwrap();
    drop(session);
    let again = common::open(dir.path());
    assert_eq!(kept(&again), profile.mass_post);
    assert_eq!(again.workspace.notebooks().count(), ids.len());
}

#[test]
fn a_damaged_notebook_met_in_the_background_is_set_aside_and_its_backup_used() {
    let dir = tempfile::tempdir().unwrap();
    let ids = cell(dir.path(), 6);
    let files = Files::new(dir.path());
    // A second save keeps the first among the backups.
    let good = fs::read_to_string(files.notebook_path(ids[2])).unwrap();
    files.save_notebook_text(ids[2], &good).unwrap();
    fs::write(
        files.notebook_path(ids[2]),
        "(schema_version: 3, notebook: (",
    )
    .unwrap();
    // And one with no backup at all.
    fs::write(files.notebook_path(ids[4]), [0u8; 64]).unwrap();

    let mut session = store::open_in_background(dir.path()).unwrap();
    wait(&mut session);
    let recovered = session
        .problems
        .iter()
        .filter(|p| matches!(p, Problem::Recovered { .. }))
        .count();
    let lost = session
        .problems
        .iter()
        .filter(|p| matches!(p, Problem::Lost { .. }))
        .count();
    assert_eq!((recovered, lost), (1, 1), "{:?}", session.problems);
    assert!(session.workspace.notebook(ids[2]).is_some());
    assert!(session.workspace.notebook(ids[4]).is_none());
    assert_eq!(
        session.workspace.data().left_out,
        [files.notebook_path(ids[4])]
    );
    assert_eq!(
        fs::read_to_string(files.notebook_path(ids[2])).unwrap(),
        good
    );
    drop(session);
    // What opening in the background did is what a blocking open finds.
    let (blocking, _) = store::inspect(dir.path()).unwrap();
    assert_eq!(blocking.notebooks().count(), ids.len() - 1);
}

#[test]
fn a_notebook_edited_by_hand_wins_over_what_was_read_before() {
    let dir = tempfile::tempdir().unwrap();
    let ids = cell(dir.path(), 4);
    let files = Files::new(dir.path());
    let path = files.notebook_path(ids[1]);
    // Renamed by hand, in the profile at the start of the file, and in a
    // commitment further down.
    let text = fs::read_to_string(&path).unwrap();
    let before = store::inspect(dir.path()).unwrap().0;
    let old = before.notebook(ids[1]).unwrap();
    let old_name = old.profile.full_name.clone();
    let old_content = old.years[&2021].commitments[0].content.clone();
    let edited = text.replacen(&old_name, "Lê Văn Sửa Tay", 1).replacen(
        &*old_content,
        "Nội dung sửa bằng tay",
        1,
    );
    fs::write(&path, edited).unwrap();

    let mut session = store::open_in_background(dir.path()).unwrap();
    let early = session
        .workspace
        .notebook(ids[1])
        .map(|n| n.profile.clone())
        .or_else(|| session.workspace.loading().get(&ids[1]).cloned())
        .unwrap();
    assert_eq!(early.full_name, "Lê Văn Sửa Tay");
    wait(&mut session);
    let nb = session.workspace.notebook(ids[1]).unwrap();
    assert_eq!(nb.profile.full_name, "Lê Văn Sửa Tay");
    assert_eq!(
        nb.years[&2021].commitments[0].content,
        "Nội dung sửa bằng tay"
    );
    // The member is found under the new name, reading that file alone.
    let (workspace, id, _) = store::inspect_member(dir.path(), "Sửa Tay")
        .unwrap()
        .unwrap();
    assert_eq!(id, ids[1]);
    assert_eq!(workspace.notebooks().count(), 1);
    assert_eq!(
        workspace.notebook(id).unwrap().years[&2021].commitments[0].content,
        "Nội dung sửa bằng tay"
    );
    // A start that does not read as this program writes it is read whole.
    let crlf = fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
    fs::write(&path, crlf).unwrap();
    let (listed, problems) = store::list_members(dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let row = listed.iter().find(|m| m.id == ids[1]).unwrap();
    assert_eq!(row.profile.full_name, "Lê Văn Sửa Tay");
    assert_eq!(row.years, [2020, 2021]);
    assert_eq!(listed.len(), ids.len());
    assert!(listed.iter().all(|m| m.years == [2020, 2021]));
}

#[test]
fn the_bytes_read_in_the_background_guard_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let ids = cell(dir.path(), 3);
    let files = Files::new(dir.path());
    let mut session = store::open_in_background(dir.path()).unwrap();
    wait(&mut session);
    // The guard knows the bytes read in the background: a file changed
    // underneath is not written over.
    let path = files.notebook_path(ids[0]);
    let text = fs::read_to_string(&path).unwrap();
    let name = session
        .workspace
        .notebook(ids[0])
        .unwrap()
        .profile
        .full_name
        .clone();
    fs::write(&path, text.replacen(&name, "Người Khác Sửa", 1)).unwrap();
    assert!(!session.store.files().stamps.unchanged(&path).unwrap());
    let other = files.notebook_path(ids[1]);
    assert!(session.store.files().stamps.unchanged(&other).unwrap());
}

/// Replaces a file as a sync tool does: the new bytes under another name,
/// then renamed over it, so a reader sees the old file or the new one.
fn replace_by_hand(path: &Path, text: &str) {
    let aside = path.with_extension("sync-tool");
    fs::write(&aside, text).unwrap();
    fs::rename(&aside, path).unwrap();
}

/// A member with a notebook long enough that reading it takes a while.
fn with_a_long_notebook(dir: &Path, entries: usize) -> uuid::Uuid {
    let mut notebook = common::sample_notebook(7);
    let year = *notebook.years.keys().next().unwrap();
    let book = notebook.years.get_mut(&year).unwrap();
    let sample = book.entries[0].clone();
    book.entries = (0..entries)
        .map(|i| sophandau::model::Entry {
            id: uuid::Uuid::from_u128(0xE17_0000 + i as u128),
            title: format!("{} ({})", sample.title, i + 1).into(),
            ..sample.clone()
        })
        .collect();
    put_notebook(dir, &notebook);
    notebook.id
}

#[test]
fn files_changed_by_others_while_their_members_load_win() {
    let dir = tempfile::tempdir().unwrap();
    let mut ids = cell(dir.path(), 30);
    let long = with_a_long_notebook(dir.path(), 20_000);
    ids.push(long);
    let files = Files::new(dir.path());
    let (before, _) = store::inspect(dir.path()).unwrap();
    let name = |id| before.notebook(id).unwrap().profile.full_name.clone();
    let changed = |id| name(id) + " Sửa";
    let change = |id| {
        let path = files.notebook_path(id);
        let text = fs::read_to_string(&path).unwrap();
        replace_by_hand(&path, &text.replacen(&name(id), &changed(id), 1));
    };
    let mut session = store::open_in_background(dir.path()).unwrap();
    session.store.watch(|| {});
    // The long notebook is read first; it is changed underneath while it
    // is being read, so what is read is the old file, and the change is
    // noticed before that reading is taken in: it must wait for it, not
    // be lost.
    session.prefer(long);
    session.refresh();
    std::thread::sleep(std::time::Duration::from_millis(30));
    change(long);
    // Every other member's file is changed too, one per frame, while the
    // notebooks come in: some before they are read, some once they are in.
    for id in ids.iter().filter(|id| **id != long) {
        change(*id);
        session.refresh();
    }
    let all_changed = |s: &Session| {
        s.workspace.is_loaded()
            && ids.iter().all(|id| {
                s.workspace.notebook(*id).map(|n| &n.profile.full_name) == Some(&changed(*id))
            })
    };
    let start = std::time::Instant::now();
    while !all_changed(&session) {
        assert!(start.elapsed().as_secs() < 20, "the changes never came in");
        std::thread::sleep(std::time::Duration::from_millis(20));
        session.refresh();
    }
    // Nothing was taken for damage, and the files stay the ones written
    // by hand: the program's next save goes on top of them.
    assert!(files.set_aside().is_empty());
    let mut profile = session.workspace.notebook(ids[0]).unwrap().profile.clone();
    profile.mass_post = "Tổ trưởng tổ tự quản".to_owned();
    session
        .apply(Action::SetProfile {
            member: ids[0],
            profile,
        })
        .unwrap();
    session.store.flush().unwrap();
    drop(session);
    let (again, problems) = store::inspect(dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    for id in &ids {
        assert_eq!(again.notebook(*id).unwrap().profile.full_name, changed(*id));
    }
    assert_eq!(
        again.notebook(ids[0]).unwrap().profile.mass_post,
        "Tổ trưởng tổ tự quản"
    );
}

/// Every result and evidence of progress in the workspace, by what it says.
fn progress_texts(ws: &sophandau::workspace::Workspace) -> BTreeMap<String, Vec<Text>> {
    let mut by_words: BTreeMap<String, Vec<Text>> = BTreeMap::new();
    for notebook in ws.notebooks() {
        for book in notebook.years.values() {
            for p in &book.progress {
                for t in [&p.result, &p.evidence]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                {
                    by_words.entry(t.to_string()).or_default().push(t.clone());
                }
            }
        }
    }
    by_words
}

/// How many allocations hold these equal texts.
fn allocations(texts: &[Text]) -> usize {
    let mut kept: Vec<&Text> = Vec::new();
    for t in texts {
        if !kept.iter().any(|k| k.shares_memory_with(t)) {
            kept.push(t);
        }
    }
    kept.len()
}

#[test]
fn equal_texts_of_a_cell_are_kept_once_however_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let ids = cell(dir.path(), 12);
    let (blocking, _) = store::inspect(dir.path()).unwrap();
    let mut background = store::open_in_background(dir.path()).unwrap();
    wait(&mut background);
    // Each loader thread keeps its own table: at most one copy per thread.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for ws in [&blocking, &background.workspace] {
        let texts = progress_texts(ws);
        let repeated = texts.values().filter(|same| same.len() > 1).count();
        assert!(repeated > 10, "the demo cell repeats its wording");
        for (words, same) in &texts {
            let kept = allocations(same);
            assert!(kept <= threads.min(same.len()), "{words:?}: {kept} copies");
        }
    }
    // A text changed in one record leaves its equals elsewhere as they were.
    let (words, same) = progress_texts(&background.workspace)
        .into_iter()
        .find(|(_, same)| same.len() > 1)
        .unwrap();
    let (member, year, mut record) = ids
        .iter()
        .flat_map(|id| {
            let nb = background.workspace.notebook(*id).unwrap();
            nb.years
                .iter()
                .flat_map(move |(y, b)| b.progress.iter().map(move |p| (*id, *y, p)))
        })
        .find(|(_, _, p)| p.result == words || p.evidence == words)
        .map(|(id, y, p)| (id, y, p.clone()))
        .unwrap();
    if record.result == words {
        record.result = format!("{words} (sửa)").into();
    } else {
        record.evidence = format!("{words} (sửa)").into();
    }
    background
        .apply(Action::SetProgress {
            member,
            year,
            record,
        })
        .unwrap();
    let after = progress_texts(&background.workspace);
    assert_eq!(after[&words].len(), same.len() - 1);
    assert_eq!(after[&format!("{words} (sửa)")].len(), 1);
}
