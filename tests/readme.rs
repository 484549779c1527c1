//! The README's examples run as printed: every `pipeline …` line of its code
//! blocks that names no placeholder (`NAME`, `[--flag]`, `…`) runs in a copy of
//! the sample project, in README order, and exits 0 (or 1, "some items
//! failed", for commands that report per-item failures).

mod common;

use common::Workdir;

/// Splits a command line like a shell: spaces, and single or double quotes.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() || any {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() || any {
        out.push(cur);
    }
    out
}

/// The runnable example lines of the README, in order.
fn examples(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        // A comment starts after two spaces and `#`.
        let cmd = line.split("  #").next().unwrap_or("").trim();
        if !cmd.starts_with("pipeline ") {
            continue;
        }
        let placeholder = cmd.contains('[')
            || cmd.contains('…')
            || cmd.contains('|')
            || words(cmd)
                .iter()
                .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()));
        if !placeholder {
            out.push(cmd.to_string());
        }
    }
    out
}

#[test]
fn every_runnable_readme_example_runs_as_printed() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let lines = examples(&readme);
    assert!(
        lines.len() >= 10,
        "the README shows runnable examples: {lines:?}"
    );
    let w = Workdir::with_sample();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    assert_eq!(w.run(&["run", "-q"]).status.code(), Some(0));
    for line in &lines {
        let args = words(line);
        // The hand-coded project of the agreement example: our own export
        // stands in for one made in NVivo.
        if args.iter().any(|a| a == "hand-coded.qdpx") && !w.path("hand-coded.qdpx").exists() {
            let out = w.run(&["export", "--format", "qdpx", "hand-coded.qdpx"]);
            assert_eq!(out.status.code(), Some(0));
        }
        let mut rest: Vec<&str> = args[1..].iter().map(String::as_str).collect();
        // The desk runs until stopped: it must start and print its address.
        if rest[0] == "serve" {
            if !rest.contains(&"--port") {
                rest.extend(["--port", "0"]);
            }
            let mut child = w
                .command(&rest)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let mut url = String::new();
            std::io::BufRead::read_line(
                &mut std::io::BufReader::new(child.stdout.take().unwrap()),
                &mut url,
            )
            .unwrap();
            let _ = child.kill();
            let _ = child.wait();
            assert!(
                url.starts_with("http://127.0.0.1:"),
                "`{line}` printed {url:?}"
            );
            continue;
        }
        let out = w.run(&rest);
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "`{line}` exited {code:?}\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn placeholders_are_not_taken_for_examples() {
    let readme = "```\npipeline bundle NAME\npipeline query [QUERY]\npipeline stats --by region  # ok\n```\n";
    assert_eq!(examples(readme), ["pipeline stats --by region"]);
    assert_eq!(
        words(r#"pipeline review x --register "Zaur Q" --kind person"#),
        [
            "pipeline",
            "review",
            "x",
            "--register",
            "Zaur Q",
            "--kind",
            "person"
        ]
    );
}
