//! The desk in a real browser (Debian's chromium, driven through
//! chromedriver by fantoccini), used as an editor uses it: open a document,
//! select a passage and code it, find it under its code and in a search
//! typed live, write a memo on a selection. Every page is checked for
//! requests outside the desk, and screenshots of each page go to
//! `target/desk-screenshots/` (the README's come from
//! `tests/screenshots/desk.sh`).

mod common;
use common::Workdir;
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CODEBOOK: &str = "[codebook]\nid = \"t\"\ntitle = \"Displacement\"\nversion = \"1\"\nunit = \"sentence\"\n\n[[code]]\nid = \"housing\"\nname = \"Housing\"\ndescription = \"Where people lived after they fled.\"\nmatch = 'dormitor*'\n\n[[code]]\nid = \"work\"\nname = \"Work and income\"\ndescription = \"Jobs, trade, pensions.\"\n";

struct Killed(Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until `f` holds (the page's script runs after a request).
async fn until<F, Fut>(what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let t = Instant::now();
    while !f().await {
        assert!(t.elapsed() < Duration::from_secs(10), "timed out: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks what `css` selects and waits until the page shows `text`.
async fn click_then_see(c: &Client, css: &str, what: &str, text: &str) {
    click(c, Locator::Css(css)).await;
    until(what, || async { c.source().await.unwrap().contains(text) }).await;
}

async fn shot(c: &Client, name: &str) {
    let dir = common::repo().join("target/desk-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Clicks the element `at` finds.
async fn click(c: &Client, at: Locator<'_>) {
    c.find(at).await.unwrap().click().await.unwrap();
}

/// Selects `text` in the document as a reader would (a DOM range over the
/// sentence that holds it) and lets the page turn it into a passage.
async fn select_text(c: &Client, text: &str) {
    c.execute(
        "const want = arguments[0];
         const s = Array.from(document.querySelectorAll('.s')).find(e => e.textContent.includes(want));
         const t = s.firstChild; const i = t.textContent.indexOf(want);
         const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + want.length);
         const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
         s.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));",
        vec![serde_json::json!(text)],
    )
    .await
    .unwrap();
}

/// axe-core in the page: no serious or critical accessibility violation.
async fn accessible(c: &Client, axe: &str, page: &str) {
    let script = format!(
        "{axe}\nconst done = arguments[arguments.length - 1];\naxe.run(document, {{resultTypes: ['violations']}}).then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.help)));"
    );
    let bad = c.execute_async(&script, vec![]).await.unwrap();
    assert_eq!(bad, serde_json::json!([]), "axe-core on the {page} page");
}

/// Every resource the page loaded came from the desk itself.
async fn only_local(c: &Client, base: &str) {
    let v = c
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);",
            vec![],
        )
        .await
        .unwrap();
    for url in v.as_array().unwrap() {
        let url = url.as_str().unwrap();
        assert!(url.starts_with(base), "a request outside the desk: {url}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_editor_codes_finds_searches_and_annotates_in_a_browser() {
    if !common::have_tool("chromedriver") || !common::have_tool("chromium") {
        return;
    }
    let Some(axe) = common::axe() else { return };
    let axe = std::fs::read_to_string(axe).unwrap();
    let w = Workdir::new();
    w.write(
        "corpus/metadata.csv",
        "file,gender,region\ninterviews/a.txt,female,Ganja\ninterviews/b.txt,male,Barda\n",
    );
    w.write(
        "corpus/interviews/a.txt",
        "Interviewer: Where did you live?\n\nRespondent: We lived in the dormitory for years. My son found work at the market in Ganja. The pension came late.\n\nInterviewer: And now?\n\nRespondent: Now we have a flat.\n",
    );
    w.write(
        "corpus/interviews/b.txt",
        "Respondent: The dormitory had one kitchen for forty families. I sold vegetables at the market. In the dormitory, Will said the roof would hold.\n",
    );
    w.write(
        "codebooks/bundles.toml",
        "[[bundle]]\nname = \"housing\"\ntitle = \"Housing\"\ncodes = [\"housing\"]\nk = 1\n",
    );
    w.write("codebooks/t.toml", CODEBOOK);
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));

    let port = free_port();
    let _driver = Killed(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut desk = w
        .command(&["serve", "--port", "0", "--editor", "Amina"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(desk.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let _desk = Killed(desk);
    let url = url.trim().to_string();
    let base = url.split("/?").next().unwrap().to_string();

    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({"args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1300,1000"]}),
    );
    let t = Instant::now();
    let c = loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if t.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("chromedriver: {e}"),
        }
    };

    // The printed address signs in, then leaves the address bar.
    c.goto(&url).await.unwrap();
    assert_eq!(c.current_url().await.unwrap().as_str(), format!("{base}/"));
    let overview = c.source().await.unwrap();
    assert!(overview.contains("Work and income") && overview.contains("interviews/b.txt"));
    only_local(&c, &base).await;
    accessible(&c, &axe, "overview").await;
    shot(&c, "overview").await;

    // Open a document from the overview.
    click(&c, Locator::LinkText("interviews/a.txt")).await;
    until("the document page", || async {
        c.current_url().await.unwrap().as_str().contains("/doc?id=")
    })
    .await;
    // Select "found work at the market" as a reader would (a DOM range),
    // and let the page turn it into a passage.
    select_text(&c, "found work at the market").await;
    let start = c.find(Locator::Id("start")).await.unwrap();
    let end = c.find(Locator::Id("end")).await.unwrap();
    let (s, e): (usize, usize) = (
        start.prop("value").await.unwrap().unwrap().parse().unwrap(),
        end.prop("value").await.unwrap().unwrap().parse().unwrap(),
    );
    assert_eq!(
        e - s,
        "found work at the market".len(),
        "the selection's offsets"
    );
    let store = w.index();
    let text = store
        .document_text(&store.snapshot().unwrap(), "interviews/a.txt")
        .unwrap()
        .unwrap();
    assert_eq!(
        pipeline::human::char_slice(&text, s, e),
        Some("found work at the market"),
        "the page's offsets are the server's characters"
    );
    c.find(Locator::Css("#code-form select[name=code]"))
        .await
        .unwrap()
        .select_by_value("t:work")
        .await
        .unwrap();
    shot(&c, "document-selection").await;
    click(&c, Locator::Css("#code-form button[type=submit]")).await;
    until("the coded document", || async {
        c.source().await.unwrap().contains("add by Amina")
    })
    .await;
    only_local(&c, &base).await;
    accessible(&c, &axe, "document").await;
    shot(&c, "document").await;

    // Under its code.
    c.goto(&format!("{base}/code?book=t&code=work"))
        .await
        .unwrap();
    let page = c.source().await.unwrap();
    assert!(
        page.contains("1 excerpt(s)") && page.contains("found work at the market"),
        "code page"
    );
    shot(&c, "code").await;

    // In a search typed live (no submit), highlighted.
    c.goto(&format!("{base}/search")).await.unwrap();
    let q = c.find(Locator::Id("q")).await.unwrap();
    q.send_keys("market").await.unwrap();
    until("live results", || async {
        c.find_all(Locator::Css("#results mark"))
            .await
            .map(|m| m.len() == 2)
            .unwrap_or(false)
    })
    .await;
    c.find(Locator::Css("#search-form select[name=code]"))
        .await
        .unwrap()
        .select_by_value("t:work")
        .await
        .unwrap();
    until("results narrowed to the code", || async {
        c.find_all(Locator::Css("#results li.hit"))
            .await
            .map(|m| m.len() == 1)
            .unwrap_or(false)
    })
    .await;
    accessible(&c, &axe, "search").await;
    shot(&c, "search").await;
    // A query error shows where it is.
    c.goto(&format!("{base}/search?q=%28market")).await.unwrap();
    let err = c
        .find(Locator::Css("#results pre.error"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(err.contains('^'), "{err}");

    // A memo on a selection.
    c.goto(&format!("{base}/doc?id=interviews/b.txt"))
        .await
        .unwrap();
    select_text(&c, "one kitchen for forty families").await;
    c.find(Locator::Id("memo-text"))
        .await
        .unwrap()
        .send_keys("Crowding: compare with the Ganja interviews.")
        .await
        .unwrap();
    click(&c, Locator::Css("#memo-form button[type=submit]")).await;
    until("the memo", || async {
        c.source().await.unwrap().contains("Crowding: compare")
    })
    .await;
    let memos = pipeline::human::HumanStore::open(&w.path("corpus"))
        .unwrap()
        .memos()
        .unwrap();
    assert!(
        matches!(&memos[0].target, pipeline::human::MemoTarget::Passage(p) if p.quote == "one kitchen for forty families"),
        "{memos:?}"
    );
    c.goto(&format!("{base}/memos?q=crowding")).await.unwrap();
    assert!(
        c.source()
            .await
            .unwrap()
            .contains("one kitchen for forty families")
    );

    // Tables: heat maps render, CSV is one click away.
    c.goto(&format!("{base}/tables?by=region")).await.unwrap();
    let page = c.source().await.unwrap();
    assert!(page.contains("Code × region") && page.contains("tables.csv?kind=attribute"));
    only_local(&c, &base).await;
    accessible(&c, &axe, "tables").await;
    shot(&c, "tables").await;
    // Each chart as PNG, drawn by the page from the desk's own SVG.
    assert!(page.contains("data-svg=\"/tables.svg?kind=attribute"));
    let png = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.deskSvgToPng('/tables.svg?kind=attribute&by=region')
               .then((b) => b.arrayBuffer().then((a) => done([b.type, Array.from(new Uint8Array(a.slice(0, 8))), b.size])))
               .catch((e) => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(png[0], "image/png", "{png}");
    assert_eq!(
        png[1],
        serde_json::json!([137, 80, 78, 71, 13, 10, 26, 10]),
        "the PNG signature: {png}"
    );
    assert!(png[2].as_u64().unwrap() > 1000, "{png}");

    // Review before publishing: resolve the flag, publish through the gates.
    c.goto(&format!("{base}/review?bundle=housing"))
        .await
        .unwrap();
    let page = c.source().await.unwrap();
    assert!(
        page.contains("<strong>Will</strong>"),
        "the review flag is listed"
    );
    accessible(&c, &axe, "review").await;
    shot(&c, "review").await;
    // Publishing first is refused by the review gate, and the page says so.
    click_then_see(
        &c,
        "form[action='/publish'] button[type=submit]",
        "the review gate's refusal",
        "Not published",
    )
    .await;
    assert!(!w.path("outputs/bundles/housing").exists());
    c.goto(&format!("{base}/review?bundle=housing"))
        .await
        .unwrap();
    click_then_see(
        &c,
        "form[action='/review/decide'] button[value=keep]",
        "the flag resolved",
        "Review flags (0)",
    )
    .await;
    click_then_see(
        &c,
        "form[action='/publish'] button[type=submit]",
        "the bundle published",
        "Published `housing`",
    )
    .await;
    assert!(w.path("outputs/bundles/housing/bundle.html").exists());
    assert!(
        std::fs::read_to_string(w.path("corpus/review.csv"))
            .unwrap()
            .contains("Will")
    );

    // The command line sees the desk's work.
    let out = w.run(&["query", "--code", "t:work", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"], 1);
    c.close().await.unwrap();
}
