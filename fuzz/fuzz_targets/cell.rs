//! Loading the cell's files: a member's cell file (`cell/<id>.ron`) joined
//! to the notebooks and reviewed, the meetings (`cell/meetings.ron`) and
//! what a side received (`exchange/received-*.ron`). Each input is tried
//! as all three; a cell file that loads must write back and load again.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use sophandau::store::{self, Decoded, validate};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes) {
        assert!(
            store::fast_reader_agrees(text),
            "the fast reader read what ron reads differently"
        );
    }
    if let Ok(checked) = validate::read_meetings(bytes) {
        let meetings = checked.value.into_value();
        let text = store::meetings_to_ron(&meetings);
        let again = validate::read_meetings(text.as_bytes()).expect("what we write reads back");
        assert_eq!(again.value, Decoded::Current(meetings));
    }
    let _ = validate::read_received(bytes);
    let Ok(checked) = store::read_cell(bytes) else {
        return;
    };
    let part = checked.value.into_value();
    let text = store::cell_to_ron(&part);
    let again = store::read_cell(text.as_bytes()).expect("what we write reads back");
    assert!(again.repairs.is_empty(), "what we write needs repairs");
    assert_eq!(again.value, Decoded::Current(part.clone()));
    common::join_and_review(part);
});
