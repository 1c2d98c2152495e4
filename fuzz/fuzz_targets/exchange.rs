//! Importing an exchange file (`.sophandau`): `exchange::read` checks the
//! file whole, `plan_import` merges it against the cell's data for the side
//! that takes its kind, and `Action::Import` applies it. Every file the
//! import changed must then write back and load again, and undo must give
//! back the data as it was.
//!
//! A mutated body almost never matches the header's SHA-256, so each input
//! is read twice: as it is, and with the header's `body_bytes` and
//! `body_sha256` put right for its body, to reach the parser and the merge.

#![no_main]

mod common;

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use sophandau::exchange::{self, Exchange, Kind};
use sophandau::model::{Language, Role};
use sophandau::store::{self, validate};
use sophandau::workspace::{Action, Workspace, WorkspaceData};

/// The line between an exchange file's header and its body.
const MARK: &[u8] = "\n// --- nội dung (body) ---\n".as_bytes();

fuzz_target!(|bytes: &[u8]| {
    let _ = exchange::read(bytes);
    let Some(fixed) = with_checksum(bytes) else {
        return;
    };
    if let Ok(ex) = exchange::read(&fixed) {
        import(ex);
    }
});

/// The file with its header's size and checksum made to match its body.
fn with_checksum(bytes: &[u8]) -> Option<Vec<u8>> {
    let at = bytes.windows(MARK.len()).position(|w| w == MARK)?;
    let head = std::str::from_utf8(&bytes[..at]).ok()?;
    let body = &bytes[at + MARK.len()..];
    let sha: String = Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut out = String::with_capacity(bytes.len());
    for line in head.split_inclusive('\n') {
        let field = line.trim_start();
        let indent = &line[..line.len() - field.len()];
        let end = if line.ends_with('\n') { ",\n" } else { "," };
        if field.starts_with("body_bytes:") {
            out.push_str(&format!("{indent}body_bytes: {}{end}", body.len()));
        } else if field.starts_with("body_sha256:") {
            out.push_str(&format!("{indent}body_sha256: \"{sha}\"{end}"));
        } else {
            out.push_str(line);
        }
    }
    let mut out = out.into_bytes();
    out.extend_from_slice(MARK);
    out.extend_from_slice(body);
    Some(out)
}

fn import(ex: Exchange) {
    let role = match ex.header.kind {
        Kind::MemberPart => Role::Secretary,
        Kind::CellReview => Role::Member,
    };
    let mut data = common::CELL.clone();
    data.settings.role = role;
    let Ok(plan) = exchange::plan_import(&data, role, &ex, "fuzz.sophandau") else {
        return;
    };
    let _ = plan.summary(Language::Vietnamese);
    let _ = plan.summary(Language::English);
    let mut ws = Workspace::new(data.clone());
    let action = Action::Import {
        exchange: Box::new(ex),
        file: "fuzz.sophandau".to_owned(),
    };
    if ws.apply(action).is_err() {
        return;
    }
    reads_back(&data, ws.data());
    settle_first_conflict(&mut ws, role);
    while ws.undo() {}
    assert!(ws.data() == &data, "undo did not give the data back");
}

/// Settles the first conflict the import left, taking the file's version.
fn settle_first_conflict(ws: &mut Workspace, side: Role) {
    let before = ws.data().clone();
    let first = ws.data().received.get(&side).and_then(|members| {
        members
            .iter()
            .find_map(|(m, r)| r.conflicts.first().map(|c| (*m, c.key)))
    });
    let Some((member, key)) = first else {
        return;
    };
    let action = Action::SettleConflict {
        side,
        member,
        key,
        take_theirs: true,
    };
    if ws.apply(action).is_ok() {
        reads_back(&before, ws.data());
    }
}

/// Every member's files that changed, and what each side received, as
/// the store writes them, must load again (or the next open would find
/// them damaged).
fn reads_back(before: &WorkspaceData, after: &WorkspaceData) {
    for (id, nb) in &after.notebooks {
        if before
            .notebooks
            .get(id)
            .is_some_and(|old| Arc::ptr_eq(old, nb))
        {
            continue;
        }
        let text = store::notebook_to_ron(nb);
        let read = store::read_notebook(text.as_bytes());
        assert!(read.is_ok(), "an imported notebook does not load: {read:?}");
        let part = after.cell_part(*id);
        let read = store::read_cell(store::cell_to_ron(&part).as_bytes());
        assert!(
            read.is_ok(),
            "an imported cell file does not load: {read:?}"
        );
        common::review(nb);
    }
    for members in after.received.values() {
        let text = store::received_to_ron(members);
        let read = validate::read_received(text.as_bytes());
        assert!(read.is_ok(), "what was received does not load: {read:?}");
    }
}
