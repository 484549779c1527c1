//! Replays every input the fuzzers ever crashed on (`fuzz/regressions/TARGET/`)
//! through the same functions the fuzz targets call (`fuzz/fuzz_targets/`), so
//! a fixed crash stays fixed. CI runs this; fuzzing itself is run by hand (see
//! README).

use pipeline::extract::{Format, Limits, docx, extract_bytes, subtitles, text};
use std::path::Path;

fn run(target: &str, data: &[u8]) {
    let limits = Limits::default();
    let seg = |x: &pipeline::extract::Extracted| {
        let _ = pipeline::segment::segment("f", x, &Default::default());
    };
    let utf8 = std::str::from_utf8(data);
    match target {
        "text" => text::extract(data, &limits).iter().for_each(seg),
        "docx" => docx::extract(
            data,
            &Limits {
                max_inflated_bytes: 64 << 20,
                ..limits
            },
        )
        .iter()
        .for_each(seg),
        "pdf" => extract_bytes(data, Format::Pdf, &limits)
            .iter()
            .for_each(seg),
        "subtitles" => {
            subtitles::extract_vtt(data, &limits).iter().for_each(seg);
            subtitles::extract_srt(data, &limits).iter().for_each(seg);
        }
        "codebook" => {
            if let Ok(t) = utf8 {
                let _ = pipeline::codebook::parse(t, Path::new("f.toml"));
                let _ = pipeline::interop::qdc::import_qdc(t);
                let _ = pipeline::codebook::exchange::import_csv(t);
            }
        }
        "register" => {
            if let Ok(t) = utf8 {
                let _ = pipeline::anonymise::register::Register::parse(t);
                let _ = pipeline::metadata::Metadata::parse(t);
            }
        }
        "query" => {
            if let Ok(t) = utf8
                && let Ok(q) = pipeline::query::parse(t)
            {
                let _ = q.anchors();
                let _ = q.fields();
            }
        }
        "qdpx" => {
            let _ = pipeline::interop::qdpx::read(data, 64 << 20);
        }
        other => panic!("fuzz/regressions/{other}: no such fuzz target"),
    }
}

#[test]
fn every_saved_crash_input_now_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let data = std::fs::read(&f).unwrap();
            eprintln!("replaying {}", f.display());
            run(&target, &data);
            replayed += 1;
        }
    }
    eprintln!("{replayed} saved fuzz inputs replayed");
}
