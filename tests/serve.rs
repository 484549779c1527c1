//! `pipeline serve` from the outside, over HTTP on 127.0.0.1: who may read
//! and write, what a hostile text or parameter can do (nothing), and that a
//! write through the desk is what the command line sees.

mod common;
use common::Workdir;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;

const HOSTILE: &str =
    "<script>alert('x')</script> \"quoted\" </textarea><img src=x onerror=alert(1)>";

fn codebook() -> String {
    format!(
        "[codebook]\nid = \"t\"\ntitle = \"Test\"\nversion = \"1\"\nunit = \"sentence\"\n\n[[code]]\nid = \"housing\"\nname = \"Housing\"\nmatch = 'dormitory'\n\n[[code]]\nid = \"work\"\nname = '''{HOSTILE}'''\ndescription = '''{HOSTILE}'''\n"
    )
}

fn workspace() -> Workdir {
    let w = Workdir::new();
    w.write(
        "corpus/metadata.csv",
        "file,gender\ninterviews/a.txt,female\n",
    );
    w.write(
        "corpus/interviews/a.txt",
        format!("Interviewer: Where did you live?\n\nRespondent: We lived in the dormitory. My son found work at the market. {HOSTILE}\n"),
    );
    w.write("codebooks/t.toml", codebook());
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    w
}

/// A running desk; killed when dropped.
struct Desk {
    child: Child,
    addr: String,
    token: String,
}

impl Desk {
    /// `pipeline serve ARGS…` running, and the first line it printed.
    fn spawn(w: &Workdir, args: &[&str]) -> (Child, String) {
        let mut child = w
            .command(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        (child, line)
    }

    fn start(w: &Workdir) -> Desk {
        let (child, line) = Desk::spawn(w, &["serve", "--port", "0", "--editor", "Amina"]);
        let url = line.trim();
        let rest = url.strip_prefix("http://").expect(url);
        let (addr, token) = rest.split_once("/?token=").expect(url);
        Desk {
            child,
            addr: addr.to_string(),
            token: token.to_string(),
        }
    }

    /// Signs in with the token: the session cookie.
    fn session(&self) -> String {
        let r = self.request("GET", &format!("/?token={}", self.token), &[], "");
        assert_eq!(r.status, 303);
        let cookie = r.header("set-cookie").unwrap();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        cookie.split(';').next().unwrap().to_string()
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        if method == "POST" {
            req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        req.push_str(body);
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn get(&self, cookie: &str, path: &str) -> Reply {
        self.request("GET", path, &[("Cookie", cookie)], "")
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The session's CSRF token, read from a page's form.
fn csrf_of(page: &str) -> String {
    let at = page
        .find("name=\"csrf\" value=\"")
        .expect("a form with a csrf token")
        + 19;
    page[at..].split('"').next().unwrap().to_string()
}

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            let enc: String = v
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            format!("{k}={enc}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn store_codings(w: &Workdir) -> usize {
    pipeline::human::HumanStore::open_existing(&w.path("corpus"))
        .unwrap()
        .map_or(0, |s| s.codings().unwrap().len())
}

#[test]
fn nothing_without_the_token_and_no_write_from_another_site() {
    let w = workspace();
    let desk = Desk::start(&w);
    for path in [
        "/",
        "/doc?id=interviews/a.txt",
        "/search?q=dormitory",
        "/tables",
        "/memos",
    ] {
        let r = desk.request("GET", path, &[], "");
        assert_eq!(r.status, 401, "{path} without a session");
        assert!(!r.body.contains("dormitory"), "{path} leaked text");
    }
    let r = desk.request("GET", &format!("/?token={}", "0".repeat(64)), &[], "");
    assert_eq!(r.status, 401, "a wrong token");
    let r = desk.request("GET", "/", &[("Cookie", "pipeline_desk=forged")], "");
    assert_eq!(r.status, 401, "a forged session");
    let r = desk.request(
        "POST",
        "/coding",
        &[],
        "doc=interviews/a.txt&start=0&end=5&code=t:work&action=add&csrf=x",
    );
    assert_eq!(r.status, 401, "a write without a session");

    let cookie = desk.session();
    let page = desk.get(&cookie, "/doc?id=interviews/a.txt");
    assert_eq!(page.status, 200);
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("http"),
        "{csp}"
    );
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let csrf = csrf_of(&page.body);
    let good = form(&[
        ("csrf", &csrf),
        ("doc", "interviews/a.txt"),
        ("start", "40"),
        ("end", "49"),
        ("code", "t:work"),
        ("action", "add"),
    ]);
    let bad_csrf = good.replace(&csrf, &"f".repeat(64));
    let cross = [
        (
            vec![
                ("Cookie", cookie.as_str()),
                ("Origin", "http://evil.example"),
            ],
            good.clone(),
        ),
        (
            vec![
                ("Cookie", cookie.as_str()),
                ("Sec-Fetch-Site", "cross-site"),
            ],
            good.clone(),
        ),
        (vec![("Cookie", cookie.as_str())], bad_csrf),
        (
            vec![("Cookie", cookie.as_str())],
            good.replace(&format!("csrf={csrf}&"), ""),
        ),
    ];
    for (headers, body) in &cross {
        let r = desk.request("POST", "/coding", headers, body);
        assert!(
            matches!(r.status, 403 | 422 | 400),
            "a forged write got {}",
            r.status
        );
    }
    assert_eq!(store_codings(&w), 0, "a refused write was stored");
    let r = desk.request("POST", "/coding", &[("Cookie", &cookie)], &good);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(store_codings(&w), 1);

    // Signing out: a cross-site or token-less sign-out is refused; a real
    // one closes the session on the server, not only in the browser.
    let out = form(&[("csrf", &"f".repeat(64))]);
    let r = desk.request("POST", "/signout", &[("Cookie", &cookie)], &out);
    assert!(matches!(r.status, 403 | 400), "{}", r.status);
    assert_eq!(desk.get(&cookie, "/").status, 200, "still signed in");
    let r = desk.request(
        "POST",
        "/signout",
        &[("Cookie", &cookie)],
        &form(&[("csrf", &csrf)]),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(desk.get(&cookie, "/").status, 401, "the old cookie is dead");
    let r = desk.request("POST", "/coding", &[("Cookie", &cookie)], &good);
    assert_eq!(r.status, 401, "no write after signing out");
}

#[test]
fn hostile_text_renders_inert_and_no_parameter_reaches_outside_the_project() {
    let w = workspace();
    let desk = Desk::start(&w);
    let cookie = desk.session();
    let csrf = csrf_of(&desk.get(&cookie, "/doc?id=interviews/a.txt").body);
    let memo = desk.request(
        "POST",
        "/memo",
        &[("Cookie", &cookie)],
        &form(&[
            ("csrf", &csrf),
            ("kind", "document"),
            ("doc", "interviews/a.txt"),
            ("text", HOSTILE),
        ]),
    );
    assert_eq!(memo.status, 303, "{}", memo.body);
    for path in [
        "/",
        "/doc?id=interviews/a.txt",
        "/code?book=t&code=work",
        "/search?q=market",
        "/search?q=market&view=kwic",
        "/tables",
        "/memos",
        "/memos?q=quoted",
    ] {
        let r = desk.get(&cookie, path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            !r.body.contains("<script>alert")
                && !r.body.contains("<img src=x")
                && !r.body.contains("</textarea><img"),
            "{path} renders hostile text as markup"
        );
        assert!(
            r.body.contains("&lt;script&gt;")
                || path.starts_with("/tables")
                || path == "/search?q=market&view=kwic",
            "{path} lost the text"
        );
    }
    // Charts download as SVG: well-formed, names escaped.
    for kind in ["frequencies", "codes", "documents"] {
        let r = desk.get(&cookie, &format!("/tables.svg?kind={kind}"));
        assert_eq!(r.status, 200, "{kind}");
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("image/svg+xml")
        );
        assert!(
            r.body.contains("<svg") && !r.body.contains("<script>"),
            "{kind}"
        );
        if common::have_tool("xmllint") {
            let path = w.path(&format!("{kind}.svg"));
            std::fs::write(&path, &r.body).unwrap();
            let out = std::process::Command::new("xmllint")
                .arg("--noout")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{kind}.svg: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert!(
        desk.get(&cookie, "/tables.svg?kind=frequencies")
            .body
            .contains("&lt;script&gt;")
    );
    // Parameters name documents and codes of the project, never files.
    for path in [
        "/doc?id=../../../../etc/passwd",
        "/doc?id=/etc/passwd",
        "/doc?id=interviews/../metadata.csv",
        "/code?book=../../etc&code=passwd",
        "/tables?by=../../etc/passwd",
        "/tables.csv?kind=../../etc/passwd",
        "/tables.svg?kind=../../etc/passwd",
    ] {
        let r = desk.get(&cookie, path);
        assert!(matches!(r.status, 400 | 404), "{path} → {}", r.status);
        assert!(!r.body.contains("root:"), "{path} read a file");
    }
    for doc in [
        "../../../../etc/passwd",
        "/etc/passwd",
        "interviews/../metadata.csv",
    ] {
        let r = desk.request(
            "POST",
            "/coding",
            &[("Cookie", &cookie)],
            &form(&[
                ("csrf", &csrf),
                ("doc", doc),
                ("start", "0"),
                ("end", "4"),
                ("code", "t:work"),
                ("action", "add"),
            ]),
        );
        assert_eq!(r.status, 400, "{doc}");
        let r = desk.request(
            "POST",
            "/memo",
            &[("Cookie", &cookie)],
            &form(&[
                ("csrf", &csrf),
                ("kind", "document"),
                ("doc", doc),
                ("text", "x"),
            ]),
        );
        assert_eq!(r.status, 400, "memo on {doc}");
    }
    assert_eq!(store_codings(&w), 0);
}

#[test]
fn a_hand_coding_through_the_desk_is_in_query_results_at_once() {
    let w = workspace();
    let desk = Desk::start(&w);
    let cookie = desk.session();
    let csrf = csrf_of(&desk.get(&cookie, "/doc?id=interviews/a.txt").body);
    let store = w.index();
    let text = store
        .document_text(&store.snapshot().unwrap(), "interviews/a.txt")
        .unwrap()
        .unwrap();
    let at = text.find("found work").unwrap();
    let start = text[..at].chars().count();
    let r = desk.request(
        "POST",
        "/coding",
        &[("Cookie", &cookie)],
        &form(&[
            ("csrf", &csrf),
            ("doc", "interviews/a.txt"),
            ("start", &start.to_string()),
            ("end", &(start + 10).to_string()),
            ("code", "t:work"),
            ("action", "add"),
        ]),
    );
    assert_eq!(r.status, 303, "{}", r.body);
    // No wait and no retry: the POST's answer means the coding is in the
    // index (how fast is the bench's to measure: `cargo bench --bench desk`).
    let out = w.run(&["query", "--code", "t:work", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1, "the hand coding is not in query results");
    assert!(
        v["hits"][0]["text"]
            .as_str()
            .unwrap()
            .contains("found work")
    );

    // The desk's own search and code page show it too.
    assert!(
        desk.get(&cookie, "/search?q=&code=t:work")
            .body
            .contains("found work")
    );
    assert!(
        desk.get(&cookie, "/code?book=t&code=work")
            .body
            .contains("found work")
    );
}

#[test]
fn the_overview_lists_every_file_with_its_status_and_follows_a_new_ingest() {
    let w = workspace();
    w.write("corpus/interviews/broken.docx", "this is not a zip archive");
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(1));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    let desk = Desk::start(&w);
    let cookie = desk.session();
    let page = desk.get(&cookie, "/").body;
    assert!(page.contains("1 not ingested"), "{page}");
    let row = page
        .split("<tr>")
        .find(|r| r.contains("interviews/broken.docx"))
        .expect("the failed file is listed");
    assert!(row.contains("not ingested: "), "{row}");
    assert!(!row.contains("href"), "a failed file has no page: {row}");
    assert!(page.contains("href=\"/doc?id=interviews/a.txt\""), "{page}");
    // Ingested beside the running desk: the next visit lists it.
    w.write(
        "corpus/interviews/b.txt",
        "Interviewer: And then?\n\nRespondent: We moved to the dormitory.\n",
    );
    std::fs::remove_file(w.path("corpus/interviews/broken.docx")).unwrap();
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    let page = desk.get(&cookie, "/").body;
    assert!(page.contains("interviews/b.txt"), "{page}");
    assert!(
        !page.contains("broken.docx") && !page.contains("not ingested"),
        "{page}"
    );
}

#[test]
fn beyond_this_machine_only_with_users() {
    let w = workspace();
    let out = w.run(&["serve", "--bind", "0.0.0.0:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--users"));
}

#[test]
fn a_flag_is_resolved_and_the_bundle_published_from_the_review_page_through_the_gates() {
    let w = workspace();
    w.write(
        "corpus/interviews/b.txt",
        "Respondent: In the dormitory, Will said the roof would hold.\n",
    );
    w.write(
        "corpus/metadata.csv",
        "file,gender\ninterviews/a.txt,female\ninterviews/b.txt,male\n",
    );
    w.write(
        "codebooks/bundles.toml",
        "[[bundle]]\nname = \"housing\"\ncodes = [\"housing\"]\nk = 1\n",
    );
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
    let desk = Desk::start(&w);
    let cookie = desk.session();
    let page = desk.get(&cookie, "/review?bundle=housing");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("<strong>Will</strong>"),
        "the flag is listed"
    );
    assert!(
        page.body.contains("class=\"replacement\""),
        "replacements are marked"
    );
    let csrf = csrf_of(&page.body);

    // The review gate holds the bundle, and the page says why.
    let r = desk.request(
        "POST",
        "/publish",
        &[("Cookie", &cookie)],
        &form(&[("csrf", &csrf), ("bundle", "housing")]),
    );
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("review"), "{}", r.body);
    assert!(!w.path("outputs/bundles/housing").exists());

    // Kept: written where `pipeline review` writes, and the bundle goes out.
    let r = desk.request(
        "POST",
        "/review/decide",
        &[("Cookie", &cookie)],
        &form(&[
            ("csrf", &csrf),
            ("bundle", "housing"),
            ("text", "Will"),
            ("decision", "keep"),
            ("kind", "name"),
        ]),
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let review = std::fs::read_to_string(w.path("corpus/review.csv")).unwrap();
    assert!(review.contains("Will"), "{review}");
    let r = desk.request(
        "POST",
        "/publish",
        &[("Cookie", &cookie)],
        &form(&[("csrf", &csrf), ("bundle", "housing")]),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("Published"), "{}", r.body);
    assert!(w.path("outputs/bundles/housing/bundle.json").exists());
    // The command line agrees: nothing left to review.
    let out = w.run(&["review", "housing"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 unresolved"));
}

#[test]
fn with_users_each_editor_signs_in_and_each_write_is_theirs() {
    let w = workspace();
    // A hash made the documented way: the password on stdin.
    let mut hash = w
        .command(&["serve", "--hash-password"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    hash.stdin
        .take()
        .unwrap()
        .write_all(b"correct horse\n")
        .unwrap();
    let out = hash.wait_with_output().unwrap();
    assert!(out.status.success());
    let hash = String::from_utf8(out.stdout).unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    w.write("desk-users.txt", format!("# editors\nLev:{}", hash));
    let (child, line) = Desk::spawn(
        &w,
        &[
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--users",
            "desk-users.txt",
        ],
    );
    assert!(
        !line.contains("token="),
        "users mode prints no token: {line}"
    );
    let addr = line
        .trim()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let desk = Desk {
        child,
        addr,
        token: String::new(),
    };
    // No session: to the sign-in page.
    assert_eq!(desk.request("GET", "/", &[], "").status, 303);
    assert_eq!(desk.request("GET", "/signin", &[], "").status, 200);
    let wrong = desk.request("POST", "/signin", &[], "name=Lev&password=wrong");
    assert_eq!(wrong.status, 401);
    assert!(wrong.header("set-cookie").is_none());
    let cross = desk.request(
        "POST",
        "/signin",
        &[("Origin", "http://evil.example")],
        "name=Lev&password=correct+horse",
    );
    assert_eq!(cross.status, 403);
    let ok = desk.request("POST", "/signin", &[], "name=Lev&password=correct+horse");
    assert_eq!(ok.status, 303);
    let cookie = ok
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let page = desk.get(&cookie, "/doc?id=interviews/a.txt");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Editor: Lev"));
    let r = desk.request(
        "POST",
        "/coding",
        &[("Cookie", &cookie)],
        &form(&[
            ("csrf", &csrf_of(&page.body)),
            ("doc", "interviews/a.txt"),
            ("start", "40"),
            ("end", "49"),
            ("code", "t:work"),
            ("action", "add"),
        ]),
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let store = pipeline::human::HumanStore::open(&w.path("corpus")).unwrap();
    assert_eq!(store.codings().unwrap()[0].editor, "Lev");
}
