//! Hostile and malformed inputs: each case ends with a clear outcome (ingested,
//! or refused with a reason), never a crash, a hang or unbounded memory; the
//! rest of the batch is ingested.

mod common;

use common::Workdir;
use std::io::Write;

fn docx_with_document(document_xml: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#).unwrap();
        zip.start_file("_rels/.rels", opts).unwrap();
        zip.write_all(br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#).unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document_xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn reasons(w: &Workdir) -> std::collections::BTreeMap<String, (String, String)> {
    w.manifest()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                (
                    f["status"].as_str().unwrap().to_string(),
                    f["reason"].as_str().unwrap_or("").to_string(),
                ),
            )
        })
        .collect()
}

#[test]
fn hostile_files_end_with_a_reason_and_the_batch_goes_on() {
    let w = Workdir::new();
    w.write(
        "corpus/good.txt",
        "Interviewer: Where did you live?\nRespondent: In the dormitory.\n",
    );
    // A zip bomb: 600 MB of zeros in a tiny DOCX.
    {
        let path = w.path("corpus/bomb.docx");
        let file = std::fs::File::create(&path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("_rels/.rels", opts).unwrap();
        zip.write_all(br#"<Relationships><Relationship Type="x/officeDocument" Target="word/document.xml"/></Relationships>"#).unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(b"<w:document><w:body><w:p><w:r><w:t>")
            .unwrap();
        let zeros = vec![b'0'; 1 << 20];
        for _ in 0..600 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
        assert!(
            std::fs::metadata(&path).unwrap().len() < 5 << 20,
            "the bomb is small on disk"
        );
    }
    // External entities and billion laughs: never resolved, never expanded.
    w.write(
        "corpus/xxe.docx",
        docx_with_document(
            r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Safe text &xxe; and &lol3; end.</w:t></w:r></w:p></w:body></w:document>"#,
        ),
    );
    // Deeply nested tables.
    let mut nested = String::from(r#"<w:document xmlns:w="w"><w:body>"#);
    for _ in 0..5000 {
        nested.push_str("<w:tbl><w:tr><w:tc>");
    }
    nested.push_str("<w:p><w:r><w:t>deep cell</w:t></w:r></w:p>");
    for _ in 0..5000 {
        nested.push_str("</w:tc></w:tr></w:tbl>");
    }
    nested.push_str("</w:body></w:document>");
    w.write("corpus/nested.docx", docx_with_document(&nested));
    // NUL bytes, invalid UTF-8 in a would-be UTF-8 file, an empty file.
    w.write("corpus/nul.txt", b"Respondent: we\0 lived\0 here.\n");
    w.write(
        "corpus/bad-utf8.txt",
        b"Respondent: caf\xe9 in Gan\xffja, \xc3\x28 broken.\n",
    );
    w.write("corpus/empty.txt", b"");
    // A directory named like a document, a symlink loop, odd file names.
    w.write(
        "corpus/folder.docx/inside.txt",
        "Respondent: I am inside a folder named like a document.\n",
    );
    std::os::unix::fs::symlink(w.path("corpus"), w.path("corpus/loop")).unwrap();
    w.write("corpus/new\nline.txt", "Respondent: hello.\n");
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"latin1-\xe9.txt");
        std::fs::write(w.path("corpus").join(name), "Respondent: hello.\n").unwrap();
    }
    // A text file far larger than the text limit (one 200 MB line).
    {
        let mut f = std::fs::File::create(w.path("corpus/huge.txt")).unwrap();
        let chunk = "word ".repeat(1 << 18);
        for _ in 0..((200 << 20) / chunk.len()) {
            f.write_all(chunk.as_bytes()).unwrap();
        }
    }

    let out = w.command(&["ingest", "--timeout", "60"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    let r = reasons(&w);
    let status = |p: &str| {
        r.get(p)
            .unwrap_or_else(|| panic!("{p} has no record: {r:?}"))
            .clone()
    };
    assert_eq!(status("good.txt").0, "ok");
    assert!(
        status("bomb.docx").1.contains("possible zip bomb"),
        "{:?}",
        status("bomb.docx")
    );
    assert_eq!(status("xxe.docx").0, "ok");
    assert_eq!(status("nested.docx").0, "ok");
    assert_eq!(status("nul.txt").0, "ok");
    assert_eq!(status("bad-utf8.txt").0, "ok");
    assert!(status("empty.txt").1.contains("empty file"));
    assert_eq!(status("folder.docx/inside.txt").0, "ok");
    assert!(
        status("loop").1.contains("symbolic link loop"),
        "{:?}",
        status("loop")
    );
    assert!(status("new?line.txt").1.contains("line break"), "{r:?}");
    assert!(
        r.iter()
            .any(|(p, (_, reason))| p.starts_with("latin1-") && reason.contains("not valid UTF-8")),
        "{r:?}"
    );
    assert!(
        status("huge.txt").1.contains("too large"),
        "{:?}",
        status("huge.txt")
    );
    // Entities were neither resolved nor expanded.
    let store = w.index();
    let hits = common::search(&store, "safe");
    assert!(
        hits.iter().any(|h| h.text == "Safe text and end."),
        "{hits:?}"
    );
    assert!(
        common::search(&store, "root").is_empty(),
        "/etc/passwd must never be read"
    );
    assert!(common::search(&store, "lol").is_empty());
    assert!(!common::search(&store, "\"deep cell\"").is_empty());
    // Each failure was printed as `path: reason`.
    assert!(
        err.contains(
            "bomb.docx: too large: archive inflates to more than 512 MB (possible zip bomb)"
        ),
        "{err}"
    );
}

/// Runs `pipeline` as the unprivileged user `nobody` when the tests run as
/// root (as in CI), where file permissions would not stop us.
fn as_unprivileged(w: &Workdir, args: &[&str]) -> std::process::Output {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let mut cmd = w.command(args);
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::getuid() } == 0 {
        for dir in ["", "corpus", "codebooks", "outputs"] {
            let p = w.path(dir);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().unwrap();
    eprintln!(
        "$ pipeline {}\nexit {:?}\n{}\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn an_unreadable_file_is_a_failure_with_a_reason() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    w.write(
        "corpus/good.txt",
        "Interviewer: Where did you live?\nRespondent: In the dormitory.\n",
    );
    w.write("corpus/secret.txt", "Respondent: nobody may read this.\n");
    std::fs::set_permissions(
        w.path("corpus/secret.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let out = as_unprivileged(&w, &["ingest"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the batch finishes with a failure"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("secret.txt") && stderr.to_lowercase().contains("permission denied"),
        "{stderr}"
    );
    let r = reasons(&w);
    assert_eq!(r["good.txt"].0, "ok");
    assert_eq!(r["secret.txt"].0, "failed");
    assert!(
        r["secret.txt"]
            .1
            .to_lowercase()
            .contains("permission denied")
    );
}

/// A small file system for `outputs/`: a 6 MB tmpfs where the machine allows
/// mounting (root with CAP_SYS_ADMIN), else a 2 MB file-size limit
/// (RLIMIT_FSIZE) on the pipeline process, which fails writes the same way.
struct SmallDisk {
    mounted: Option<std::path::PathBuf>,
}

impl SmallDisk {
    fn new(outputs: &std::path::Path) -> SmallDisk {
        // PIPELINE_TEST_NO_MOUNT=1 exercises the fallback on machines that can mount.
        let ok = std::env::var_os("PIPELINE_TEST_NO_MOUNT").is_none()
            && std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", "size=6m", "tmpfs"])
                .arg(outputs)
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
        eprintln!(
            "small disk: {}",
            if ok {
                "6 MB tmpfs"
            } else {
                "2 MB RLIMIT_FSIZE (cannot mount here)"
            }
        );
        SmallDisk {
            mounted: ok.then(|| outputs.to_path_buf()),
        }
    }

    fn run(&self, w: &Workdir, args: &[&str]) -> std::process::Output {
        use std::os::unix::process::CommandExt;
        let mut cmd = w.command(args);
        if self.mounted.is_none() {
            // SAFETY: only async-signal-safe calls between fork and exec.
            unsafe {
                cmd.pre_exec(|| {
                    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                    let lim = libc::rlimit {
                        rlim_cur: 2 << 20,
                        rlim_max: 2 << 20,
                    };
                    if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let out = cmd.output().unwrap();
        eprintln!(
            "$ pipeline {}\nexit {:?}\n{}",
            args.join(" "),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        if let Some(p) = &self.mounted {
            let _ = std::process::Command::new("umount").arg(p).status();
        }
    }
}

#[test]
fn a_full_disk_ends_with_a_clear_error_and_the_previous_state() {
    let w = Workdir::with_sample();
    let disk = SmallDisk::new(&w.path("outputs"));
    assert_eq!(disk.run(&w, &["ingest", "-q"]).status.code(), Some(0));
    let before: Vec<(String, String)> = w
        .index()
        .file_records()
        .unwrap()
        .into_iter()
        .map(|r| (r.path, r.hash))
        .collect();
    let manifest_before = std::fs::read(w.path("outputs/ingest-manifest.json")).unwrap();
    // Far more text than the disk holds (7 MB, against 6 MB).
    for i in 0..80 {
        let mut text = String::new();
        for t in 0..3 {
            text.push_str(&format!(
                "Interviewer: Question {t} of file {i}?\n\nRespondent: "
            ));
            for j in 0..3000 {
                text.push_str(&format!("word{i}x{j} "));
            }
            text.push_str("\n\n");
        }
        w.write(&format!("corpus/big/f{i:02}.txt"), text);
    }
    let out = disk.run(&w, &["ingest", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is full; the previous state is intact"),
        "{stderr}"
    );
    let after: Vec<(String, String)> = w
        .index()
        .file_records()
        .unwrap()
        .into_iter()
        .map(|r| (r.path, r.hash))
        .collect();
    assert_eq!(before, after, "the previous index");
    assert_eq!(
        manifest_before,
        std::fs::read(w.path("outputs/ingest-manifest.json")).unwrap(),
        "the previous manifest"
    );
    // Space back: the next run completes.
    std::fs::remove_dir_all(w.path("corpus/big")).unwrap();
    assert_eq!(disk.run(&w, &["ingest", "-q"]).status.code(), Some(0));
}

/// No step opens a network socket: `pipeline run`, a query and both exports
/// run under `strace -f`, and no process of theirs (extractor workers
/// included) creates an internet socket or connects anywhere.
#[test]
fn no_step_opens_a_network_socket() {
    if !common::have_tool("strace") {
        return;
    }
    let w = Workdir::with_sample();
    common::copy_dir(&common::repo().join("codebooks"), &w.path("codebooks"));
    let steps: [&[&str]; 4] = [
        &["run", "--date", "2026-12-01", "-q"],
        &["query", "dormitory", "--context", "1"],
        &["export", "--format", "qdpx", "outputs/p.qdpx"],
        &["export", "--format", "ndjson", "outputs/nd"],
    ];
    for (i, args) in steps.iter().enumerate() {
        let trace = w.path(&format!("trace-{i}.txt"));
        let status = std::process::Command::new("strace")
            .arg("-f")
            .arg("-e")
            .arg("trace=socket,connect")
            .arg("-o")
            .arg(&trace)
            .arg(env!("CARGO_BIN_EXE_pipeline"))
            .args(*args)
            .current_dir(w.dir.path())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "pipeline {} under strace", args.join(" "));
        let calls = std::fs::read_to_string(&trace).unwrap();
        let network: Vec<&str> = calls
            .lines()
            .filter(|l| l.contains("AF_INET") || l.contains("connect("))
            .collect();
        assert!(
            network.is_empty(),
            "pipeline {} touched the network: {network:?}",
            args.join(" ")
        );
    }
}
