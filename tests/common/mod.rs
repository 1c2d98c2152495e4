//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test file uses a different part

use std::path::Path;

use sophandau::demo::{self, DemoSpec};
use sophandau::model::{Notebook, Profile};
use sophandau::store::{self, Session};
use sophandau::workspace::Action;
use uuid::Uuid;

/// A realistic notebook of one member over two years.
pub fn sample_notebook(seed: u64) -> Notebook {
    demo::generate(DemoSpec {
        members: 1,
        years: 2,
        first_year: 2020,
        seed,
    })
    .notebooks
    .remove(0)
}

pub fn open(dir: &Path) -> Session {
    store::open(dir).expect("the workspace opens")
}

/// Creates a member through the action path and returns its id.
pub fn create_member(session: &mut Session, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    session
        .apply(Action::CreateNotebook {
            id,
            profile: Profile {
                full_name: name.to_owned(),
                cell: "Chi bộ Ấp Thạnh Trung".to_owned(),
                ..Profile::default()
            },
        })
        .expect("a new member can be created");
    id
}

/// Writes a notebook straight into a workspace folder, as if saved earlier,
/// as the program would: the member's part to
/// `notebooks/`, and the cell's part, if any, to `cell/`.
pub fn put_notebook(dir: &Path, notebook: &Notebook) {
    let files = store::Files::new(dir);
    files.create_dirs().unwrap();
    files.save_both(notebook).unwrap();
}
