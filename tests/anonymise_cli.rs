//! Black-box tests of `pipeline anonymise` on the sample project.

mod common;

use common::Workdir;

#[test]
fn preview_of_a_sample_transcript() {
    let w = Workdir::with_sample();
    let out = w.run(&[
        "anonymise",
        "corpus/interviews/az-ganja-01.txt",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = v["text"].as_str().unwrap();
    for secret in [
        "Aşağı Güneyli",
        "Rauf Həsənov",
        "Günel Əliyeva",
        "Leyla xanım",
        "47",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    assert!(text.contains("I am [Age 40–49] now"));
    assert!(text.contains("Baku"), "public places stay");
    let kinds: Vec<&str> = v["replacements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"person") && kinds.contains(&"place") && kinds.contains(&"age"));
    // The same entity gets the same pseudonym in two outputs.
    let a = w.run(&["anonymise", "corpus/interviews/az-ganja-01.txt"]);
    let b = w.run(&["anonymise", "corpus/interviews/az-ganja-01.txt"]);
    assert_eq!(a.stdout, b.stdout, "deterministic");
}

#[test]
fn stdin_voice_tags_and_cyrillic_declensions() {
    let w = Workdir::with_sample();
    let mut child = w
        .command(&["anonymise", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("<v Giorgi Tsiklauri>We talk on the phone, +995 599 12 34 56.\nМы дружим с Гасановой Севиль, write to sevil.hasanova@mail.az\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let body = text.split("\n---- ").next().unwrap();
    for secret in ["Giorgi", "Tsiklauri", "599", "Гасанов", "Севиль", "sevil"] {
        assert!(!body.contains(secret), "{secret} leaked: {body}");
    }
    assert!(
        body.contains("[Phone]") && body.contains("[Email]"),
        "{body}"
    );
}

#[test]
fn interviewers_named_in_metadata_are_replaced() {
    let w = Workdir::with_sample();
    let meta = std::fs::read_to_string(w.path("corpus/metadata.csv")).unwrap();
    std::fs::write(
        w.path("corpus/metadata.csv"),
        meta.replace(",Tamar\n", ",Tamar|Kamala\n"),
    )
    .unwrap();
    w.write("note.txt", "Interviewer Kamala asked. Thank you, kamala.\n");
    let out = w.run(&["anonymise", "note.txt"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text
            .split("\n---- ")
            .next()
            .unwrap()
            .to_lowercase()
            .contains("kamala"),
        "{text}"
    );
}
