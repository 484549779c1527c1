//! The TOML codebook parser and validator (with query compilation), and the
//! REFI-QDA / CSV codebook importers.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = pipeline::codebook::parse(text, std::path::Path::new("f.toml"));
    let _ = pipeline::interop::qdc::import_qdc(text);
    let _ = pipeline::codebook::exchange::import_csv(text);
});
