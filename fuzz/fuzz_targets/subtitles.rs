//! WebVTT and SRT parsers.
#![no_main]
use libfuzzer_sys::fuzz_target;
use pipeline::extract::{Limits, subtitles};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    for x in [
        subtitles::extract_vtt(data, &limits),
        subtitles::extract_srt(data, &limits),
    ]
    .into_iter()
    .flatten()
    {
        let _ = pipeline::segment::segment("f.vtt", &x, &Default::default());
    }
});
