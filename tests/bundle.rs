//! Black-box tests of `pipeline bundle` and `pipeline run` on the sample project.

mod common;

use common::Workdir;
use std::os::unix::fs::PermissionsExt;

fn sample() -> Workdir {
    let w = Workdir::with_sample();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    w
}

fn files(w: &Workdir, bundle: &str) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> =
        std::fs::read_dir(w.path(&format!("outputs/bundles/{bundle}")))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
    out.sort();
    out
}

#[test]
fn run_publishes_every_profile_without_identifiers() {
    let w = sample();
    let out = w.run(&["run", "--date", "2026-11-28", "-q"]);
    assert_eq!(out.status.code(), Some(0));
    let register = pipeline::anonymise::Register::parse(
        &std::fs::read_to_string(w.path("corpus/register.csv")).unwrap(),
    )
    .unwrap();
    for bundle in ["housing-and-livelihoods", "trust-and-return"] {
        let fs = files(&w, bundle);
        let names: Vec<&str> = fs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "anonymisation-report.json",
                "bundle.html",
                "bundle.json",
                "manifest.json"
            ]
        );
        // The manifest's hashes are the files'.
        let manifest: serde_json::Value = serde_json::from_slice(&fs[3].1).unwrap();
        for f in manifest["files"].as_array().unwrap() {
            let (_, bytes) = fs
                .iter()
                .find(|(n, _)| n == f["name"].as_str().unwrap())
                .unwrap();
            assert_eq!(
                f["sha256"].as_str().unwrap(),
                pipeline::metadata::hex(&<sha2::Sha256 as sha2::Digest>::digest(bytes))
            );
        }
        let json: serde_json::Value = serde_json::from_slice(&fs[2].1).unwrap();
        assert!(json["excerpts"].as_array().unwrap().len() > 10);
        // No registered name, in any spelling the register gives, in any file.
        for (name, bytes) in &fs {
            let text = pipeline::fold::fold(&String::from_utf8_lossy(bytes));
            for e in &register.entities {
                for form in std::iter::once(&e.canonical).chain(&e.aliases) {
                    let f = pipeline::fold::fold(form);
                    if f.chars().count() > 4 {
                        assert!(!text.contains(&f), "{form} in {bundle}/{name}");
                    }
                }
            }
            for secret in ["interviews/", ".docx", ".txt", "Tamar", "+995", "legalaid"] {
                assert!(
                    !String::from_utf8_lossy(bytes).contains(secret),
                    "{secret} in {bundle}/{name}"
                );
            }
        }
    }
    // The key is private.
    let keys = w.path("outputs/keys");
    assert_eq!(
        std::fs::metadata(&keys).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        std::fs::metadata(keys.join("pseudonyms.json"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
}

#[test]
fn bundles_are_byte_identical_across_runs_and_validate() {
    let w = sample();
    assert_eq!(
        w.run(&["run", "-q", "--date", "2026-11-28"]).status.code(),
        Some(0)
    );
    let first = files(&w, "housing-and-livelihoods");
    let out = w
        .command(&["bundle", "housing-and-livelihoods", "-q"])
        .env("SOURCE_DATE_EPOCH", "1795824000")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let second = files(&w, "housing-and-livelihoods");
    assert_eq!(first.len(), second.len());
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(
            a == b,
            "{name} differs between two runs with the same inputs (SOURCE_DATE_EPOCH = 2026-11-28)"
        );
    }
    let has_jsonschema = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_jsonschema {
        if std::env::var("PIPELINE_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("python3 with jsonschema is required");
        }
        eprintln!("skipped: install python3-jsonschema");
        return;
    }
    let schema = common::repo().join("src/bundle/bundle.schema.json");
    let bundle = w.path("outputs/bundles/housing-and-livelihoods/bundle.json");
    let check = std::process::Command::new("python3")
        .args(["-c", "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))"])
        .arg(&schema)
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_register_slip_is_caught_by_the_leak_gate() {
    let w = sample();
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    // A copy-paste slip: the pseudonym column repeats the real name.
    let reg = std::fs::read_to_string(w.path("corpus/register.csv")).unwrap();
    let slip = reg.replace(
        "person,Günel Əliyeva,Gunel Aliyeva|Günel xanım,",
        "person,Günel Əliyeva,Gunel Aliyeva|Günel xanım,Günel Əliyeva",
    );
    assert_ne!(slip, reg);
    let reg = slip;
    std::fs::write(w.path("corpus/register.csv"), reg).unwrap();
    let out = w.run(&["bundle", "housing-and-livelihoods", "--date", "2026-11-28"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("leak: person (Register) in bundle.json, excerpt E0"),
        "{err}"
    );
    assert!(err.contains("nothing was published"), "{err}");
    let left: Vec<_> = std::fs::read_dir(w.path("outputs/bundles"))
        .unwrap()
        .collect();
    assert!(
        left.is_empty(),
        "no bundle folder, no temporary folder left behind"
    );
}

#[test]
fn hostile_text_is_escaped_and_names_are_checked() {
    let w = sample();
    w.write(
        "corpus/interviews/hostile.txt",
        "Interviewer: And the dormitory?\nRespondent: The dormitory <script>alert('x')</script></p><img src=\"http://evil.example/x.png\"> was \"cold\" & damp.\n",
    );
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    let out = w.run(&["bundle", "housing-and-livelihoods", "--date", "2026-11-28"]);
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(
        std::fs::read(w.path("outputs/bundles/housing-and-livelihoods/bundle.html")).unwrap(),
    )
    .unwrap();
    assert!(!html.contains("<script"), "no script element");
    assert!(!html.contains("<img"), "no image element");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;/p&gt;"),
        "escaped"
    );
    assert!(html.contains("&quot;cold&quot; &amp; damp"));
    assert!(
        !html.contains("http://evil"),
        "the URL is replaced by [URL]"
    );
    // No external requests: no src= or href= outside the page itself.
    for attr in ["src=\"", "href=\"http", "@import", "url("] {
        assert!(!html.contains(attr), "{attr}");
    }
    let bad = w.run(&["bundle", "../outside", "--all"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!w.path("outputs/outside").exists());
}
