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
