//! Text decoding (BOM, UTF-16, legacy encodings) and segmenting what it yields.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pipeline::extract::{Limits, text};

fuzz_target!(|data: &[u8]| {
    if let Ok(x) = text::extract(data, &Limits::default()) {
        let _ = pipeline::segment::segment("f.txt", &x, &Default::default());
    }
});
