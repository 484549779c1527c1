//! The query language parser, and evaluating a parsed query on a segment.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(q) = pipeline::query::parse(text) {
        let _ = q.anchors();
        let _ = q.fields();
    }
});
