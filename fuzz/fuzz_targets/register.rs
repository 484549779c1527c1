//! The anonymisation register (`register.csv`) and metadata parsers.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = pipeline::anonymise::register::Register::parse(text);
    let _ = pipeline::metadata::Metadata::parse(text);
});
