//! The DOCX reader (zip + quick-xml), called directly so that any panic of our
//! code is a crash (ingest would catch it).
#![no_main]
use libfuzzer_sys::fuzz_target;
use pipeline::extract::{Limits, docx};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_inflated_bytes: 64 << 20,
        ..Limits::default()
    };
    if let Ok(x) = docx::extract(data, &limits) {
        let _ = pipeline::segment::segment("f.docx", &x, &Default::default());
    }
});
