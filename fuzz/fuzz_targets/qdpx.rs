//! REFI-QDA project import (ZIP + project.qde + source texts).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pipeline::interop::qdpx::read(data, 64 << 20);
});
