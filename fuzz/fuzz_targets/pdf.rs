//! PDF extraction as ingest runs it: pdf-extract panics on damaged files by
//! design and `extract_bytes` catches them, so the target restores the default
//! panic hook (libFuzzer's aborts on any panic, caught or not). What it finds:
//! hangs, stack overflows, out-of-memory, and panics that escape.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pipeline::extract::{Format, Limits, extract_bytes};

fuzz_target!(|data: &[u8]| {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    if let Ok(x) = extract_bytes(data, Format::Pdf, &Limits::default()) {
        let _ = pipeline::segment::segment("f.pdf", &x, &Default::default());
    }
});
