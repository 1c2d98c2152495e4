//! Loading a notebook file (`notebooks/<id>.ron`): the first bytes read
//! for the member's name (`decode_header`, on the whole input and on the
//! first 4 KB and 16 KB as `store::files::read_header` reads them), the
//! fast reader against `ron`, the whole read with migration and
//! validation (with texts interned, as the store reads a batch), then the
//! review. What loads must write back and load again the same.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use sophandau::store::{self, Decoded};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes) {
        assert!(
            store::fast_reader_agrees(text),
            "the fast reader read what ron reads differently"
        );
    }
    // The whole input, and the first 4 KB and 16 KB `read_header` reads.
    let headers: Vec<_> = [bytes.len(), 4 * 1024, 16 * 1024]
        .into_iter()
        .filter(|&cut| cut <= bytes.len())
        .filter_map(|cut| store::decode_header(&bytes[..cut]))
        .collect();
    let Ok(checked) = sophandau::model::interning(|| store::read_notebook(bytes)) else {
        return;
    };
    let current = matches!(checked.value, Decoded::Current(_));
    let nb = checked.value.into_value();
    for (id, profile) in headers.into_iter().filter(|_| current) {
        assert_eq!(id, nb.id, "the header names another member");
        assert_eq!(profile, nb.profile, "the header reads another profile");
    }
    common::review(&nb);
    let text = store::notebook_to_ron(&nb);
    // The cell's part of an older file goes to the cell's own file.
    let mut nb = nb;
    for book in nb.years.values_mut() {
        book.cell_review = Default::default();
    }
    let again = store::read_notebook(text.as_bytes()).expect("what we write reads back");
    assert!(again.repairs.is_empty(), "what we write needs repairs");
    assert_eq!(
        again.value,
        Decoded::Current(nb),
        "what we write reads back otherwise"
    );
});
