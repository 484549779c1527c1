//! Indirect identifiers (DESIGN §10), end to end through the binary:
//! k-anonymity of released attributes, quasi-identifiers in the text as
//! review flags, and whether two bundles can be joined (`link`).

mod common;
use common::Workdir;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

const CODEBOOK: &str = "[codebook]\nid = \"t\"\ntitle = \"Test\"\nversion = \"1\"\nunit = \"paragraph\"\n\n[[code]]\nid = \"housing\"\nname = \"Housing\"\nmatch = 'dormitory'\n\n[[code]]\nid = \"water\"\nname = \"Water\"\nmatch = 'water'\n";

/// Five women of 40–49 and five men of 30–39 from Ganja, and one woman of
/// 41 from Qaraqoyunlu: the only one of her kind on (gender, age band,
/// settlement). Every interview mentions the dormitory.
fn crafted() -> Workdir {
    let w = Workdir::new();
    let mut meta = String::from("file,gender,age,settlement,country\n");
    let people: Vec<(String, &str, u32, &str)> = (0..5)
        .map(|i| (format!("w{i}"), "female", 41 + i, "Ganja"))
        .chain((0..5).map(|i| (format!("m{i}"), "male", 31 + i, "Ganja")))
        .chain(std::iter::once((
            "unique".to_string(),
            "female",
            44,
            "Qaraqoyunlu",
        )))
        .collect();
    for (name, gender, age, settlement) in &people {
        meta.push_str(&format!(
            "interviews/{name}.txt,{gender},{age},{settlement},Azerbaijan\n"
        ));
        w.write(
            &format!("corpus/interviews/{name}.txt"),
            format!(
                "Interviewer: Where do you live?\n\nRespondent: We live in the dormitory, interview {name}. The water is cold.\n"
            ),
        );
    }
    w.write("corpus/metadata.csv", meta);
    w.write("codebooks/t.toml", CODEBOOK);
    w.write(
        "codebooks/bundles.toml",
        "[[bundle]]\nname = \"housing\"\ncodes = [\"housing\"]\nattributes = { gender = \"keep\", age = \"band\", settlement = \"keep\" }\n",
    );
    ingest_and_code(&w);
    w
}

/// `pipeline ingest` then `pipeline code`, both successful.
fn ingest_and_code(w: &Workdir) {
    assert_eq!(w.run(&["ingest", "-q"]).status.code(), Some(0));
    assert_eq!(w.run(&["code", "-q"]).status.code(), Some(0));
}

fn json(w: &Workdir, rel: &str) -> Value {
    serde_json::from_slice(&std::fs::read(w.path(rel)).unwrap()).unwrap()
}

/// Document id → the interview it quotes, and its attributes.
fn documents(bundle: &Value) -> HashMap<String, (String, BTreeMap<String, String>)> {
    bundle["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = e["text"].as_str().unwrap();
            let who = text
                .split("interview ")
                .nth(1)
                .map(|s| s.trim_end_matches(|c: char| !c.is_alphanumeric()))
                .unwrap_or("")
                .split('.')
                .next()
                .unwrap()
                .to_string();
            let attrs = serde_json::from_value(e["attributes"].clone()).unwrap();
            (e["document"].as_str().unwrap().to_string(), (who, attrs))
        })
        .collect()
}

#[test]
fn a_unique_respondent_is_generalised_or_suppressed_until_every_class_has_k() {
    let w = crafted();
    let out = w.run(&["bundle", "housing", "--date", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(0));
    let bundle = json(&w, "outputs/bundles/housing/bundle.json");
    let docs = documents(&bundle);
    assert_eq!(docs.len(), 11);
    // Every combination shown is shared by at least 5 respondents.
    let mut classes: HashMap<&BTreeMap<String, String>, usize> = HashMap::new();
    for (_, attrs) in docs.values() {
        if !attrs.is_empty() {
            *classes.entry(attrs).or_default() += 1;
        }
    }
    assert!(classes.values().all(|&n| n >= 5), "{classes:?}");
    // The unique respondent shows nothing that singles her out: here she is
    // suppressed (the least loss), the ten others keep everything.
    let (unique_id, (_, unique_attrs)) = docs.iter().find(|(_, (who, _))| who == "unique").unwrap();
    assert!(unique_attrs.is_empty(), "{unique_attrs:?}");
    assert!(
        !serde_json::to_string(&bundle)
            .unwrap()
            .contains("Qaraqoyunlu")
    );
    let (_, w0) = docs.values().find(|(who, _)| who == "w0").unwrap();
    assert_eq!(w0["age"], "40–49");
    assert_eq!(w0["settlement"], "Ganja");
    // The report says so, without a value.
    let report = json(&w, "outputs/bundles/housing/anonymisation-report.json");
    let k = &report["k_anonymity"];
    assert_eq!(k["k"], 5);
    assert_eq!(k["smallest_class_before"], 1);
    assert_eq!(k["documents_below_k_before"], 1);
    assert_eq!(k["smallest_class_after"], 5);
    assert_eq!(k["suppressed"], serde_json::json!([unique_id]));
    let report_text =
        std::fs::read_to_string(w.path("outputs/bundles/housing/anonymisation-report.json"))
            .unwrap();
    assert!(!report_text.contains("Ganja") && !report_text.contains("female"));
    // The manifest carries it, the page explains it.
    let manifest = json(&w, "outputs/bundles/housing/manifest.json");
    assert_eq!(manifest["k_anonymity"], *k);
    let html = std::fs::read_to_string(w.path("outputs/bundles/housing/bundle.html")).unwrap();
    assert!(html.contains("at least 5 people interviewed"), "{html}");
    assert!(html.contains(&format!("For {unique_id} they are not shown at all")));
}

#[test]
fn k_of_one_reproduces_the_profile_s_own_generalisation() {
    let w = crafted();
    let out = w.run(&["bundle", "housing", "--k", "1", "--date", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(0));
    let bundle = json(&w, "outputs/bundles/housing/bundle.json");
    for (who, attrs) in documents(&bundle).values() {
        // The unique respondent is a woman of 44, like the women of Ganja.
        let (gender, age) = if who == "unique" || who.starts_with('w') {
            ("female", "40–49")
        } else {
            ("male", "30–39")
        };
        assert_eq!(attrs["gender"], gender);
        assert_eq!(attrs["age"], age);
        if who == "unique" {
            assert!(!attrs["settlement"].is_empty());
        } else {
            assert_eq!(attrs["settlement"], "Ganja");
        }
    }
    let report = json(&w, "outputs/bundles/housing/anonymisation-report.json");
    assert_eq!(report["k_anonymity"]["suppressed"], serde_json::json!([]));
    assert!(
        report["k_anonymity"]["levels"]
            .as_object()
            .unwrap()
            .values()
            .all(|l| l == "as profiled")
    );
    // k = 0 is refused with the reason.
    let out = w.run(&["bundle", "housing", "--k", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("k must be 1 or more"));
}

#[test]
fn a_declared_hierarchy_coarsens_instead_of_suppressing_when_that_loses_less() {
    let w = crafted();
    // Four more women of 50–59 in Ganja: suppressing them loses more than
    // giving every age in bands of 20 (and a file-wide hierarchy for the
    // settlement, not worth using here).
    let mut meta = std::fs::read_to_string(w.path("corpus/metadata.csv")).unwrap();
    for i in 0..4 {
        meta.push_str(&format!(
            "interviews/o{i}.txt,female,5{i},Ganja,Azerbaijan\n"
        ));
        w.write(
            &format!("corpus/interviews/o{i}.txt"),
            format!("Respondent: The dormitory again, interview o{i}. Cold water.\n"),
        );
    }
    w.write("corpus/metadata.csv", meta);
    w.write(
        "codebooks/bundles.toml",
        "[hierarchy]\nsettlement = [\"attr:country\"]\n\n[[bundle]]\nname = \"housing\"\ncodes = [\"housing\"]\nattributes = { gender = \"keep\", age = \"band\", settlement = \"keep\" }\nhierarchy = { age = [\"band:20\"] }\n",
    );
    ingest_and_code(&w);
    let out = w.run(&["bundle", "housing", "--date", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&w, "outputs/bundles/housing/anonymisation-report.json");
    let k = &report["k_anonymity"];
    assert_eq!(k["levels"]["age"], "band of 20", "{k}");
    // One unique respondent is still cheaper to suppress than everyone's
    // settlement given as the country.
    assert_eq!(k["levels"]["settlement"], "as profiled", "{k}");
    assert_eq!(k["suppressed"].as_array().unwrap().len(), 1, "{k}");
    let bundle = json(&w, "outputs/bundles/housing/bundle.json");
    for (who, attrs) in documents(&bundle).values() {
        if who == "unique" {
            assert!(attrs.is_empty());
            continue;
        }
        assert_eq!(attrs["settlement"], "Ganja", "{who}");
        assert!(
            ["40–59", "20–39"].contains(&attrs["age"].as_str()),
            "{who}: {attrs:?}"
        );
    }
    // A step that is not one is refused, naming the file.
    w.write(
        "codebooks/bundles.toml",
        "[[bundle]]\nname = \"housing\"\ncodes = [\"housing\"]\nattributes = { age = \"band\" }\nhierarchy = { age = [\"band:x\"] }\n",
    );
    let out = w.run(&["bundle", "housing"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bundles.toml") && err.contains("band:x"),
        "{err}"
    );
}

/// Excerpt text → (document id, pseudonyms in it), of one bundle.
fn by_text(w: &Workdir, name: &str) -> HashMap<String, String> {
    let bundle = json(w, &format!("outputs/bundles/{name}/bundle.json"));
    bundle["excerpts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = e["text"].as_str().unwrap();
            let key = text.split("interview ").nth(1).unwrap_or(text).to_string();
            (key, e["document"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn bundles_can_be_joined_only_with_link_project() {
    let w = crafted();
    // A person named in two interviews, another in one before her.
    w.write(
        "corpus/interviews/w0.txt",
        "Respondent: In the dormitory Tural Qasımlı helps, interview w0. Nərmin Cəfərova brings tea.\n",
    );
    w.write(
        "corpus/interviews/w1.txt",
        "Respondent: Nərmin Cəfərova brings water to the dormitory, interview w1.\n",
    );
    let profiles = |link: &str| {
        format!(
            "[[bundle]]\nname = \"a\"\ncodes = [\"housing\"]\nlink = \"{link}\"\n\n[[bundle]]\nname = \"b\"\ncodes = [\"water\"]\nlink = \"{link}\"\n"
        )
    };
    ingest_and_code(&w);

    // link = "project": the same document has the same id, the same person
    // the same pseudonym, in both bundles.
    w.write("codebooks/bundles.toml", profiles("project"));
    assert_eq!(
        w.run(&["run", "-q", "--date", "2026-12-01"]).status.code(),
        Some(0)
    );
    let (a, b) = (by_text(&w, "a"), by_text(&w, "b"));
    let shared: Vec<&String> = a.keys().filter(|k| b.contains_key(*k)).collect();
    assert!(shared.len() >= 8, "{a:?} {b:?}");
    assert!(shared.iter().all(|k| a[*k] == b[*k]));
    let text_a = std::fs::read_to_string(w.path("outputs/bundles/a/bundle.json")).unwrap();
    let text_b = std::fs::read_to_string(w.path("outputs/bundles/b/bundle.json")).unwrap();
    let pseudonym = |text: &str, before: &str| {
        let i = text.find(before).unwrap();
        text[..i]
            .rsplit('[')
            .next()
            .unwrap()
            .trim_end_matches(['\u{20}', ']'])
            .to_string()
    };
    assert_eq!(
        pseudonym(&text_a, "] brings water"),
        pseudonym(&text_b, "] brings water")
    );
    let manifest = json(&w, "outputs/bundles/a/manifest.json");
    assert_eq!(manifest["link"]["mode"], "project");
    assert!(
        manifest["link"]["meaning"]
            .as_str()
            .unwrap()
            .contains("join")
    );
    let project_key = std::fs::read(w.path("outputs/keys/pseudonyms.json")).unwrap();

    // link = "bundle": ids and pseudonyms of each bundle's own.
    w.write("codebooks/bundles.toml", profiles("bundle"));
    assert_eq!(
        w.run(&["run", "-q", "--date", "2026-12-01"]).status.code(),
        Some(0)
    );
    let (a, b) = (by_text(&w, "a"), by_text(&w, "b"));
    let shared: Vec<&String> = a.keys().filter(|k| b.contains_key(*k)).collect();
    let differing = shared.iter().filter(|k| a[**k] != b[**k]).count();
    assert!(
        differing * 2 > shared.len(),
        "ids agree too often: {a:?} {b:?}"
    );
    let text_a = std::fs::read_to_string(w.path("outputs/bundles/a/bundle.json")).unwrap();
    let text_b = std::fs::read_to_string(w.path("outputs/bundles/b/bundle.json")).unwrap();
    // Nərmin is the second person of bundle a and the first of bundle b.
    assert_eq!(pseudonym(&text_a, "] brings water"), "Person 2");
    assert_eq!(pseudonym(&text_b, "] brings water"), "Person 1");
    assert!(!text_a.contains("Nərmin") && !text_b.contains("Cəfərova"));
    let manifest = json(&w, "outputs/bundles/b/manifest.json");
    assert_eq!(manifest["link"]["mode"], "bundle");
    assert_eq!(json(&w, "outputs/bundles/b/bundle.json")["link"], "bundle");
    // Their keys are their own, private; the project's key is untouched.
    use std::os::unix::fs::PermissionsExt;
    for name in ["a", "b"] {
        let key = w.path(&format!("outputs/keys/bundles/{name}.json"));
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert_eq!(
        std::fs::metadata(w.path("outputs/keys/bundles"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    assert_eq!(
        std::fs::read(w.path("outputs/keys/pseudonyms.json")).unwrap(),
        project_key
    );
    // Same inputs, same bytes.
    assert_eq!(
        w.run(&["run", "-q", "--date", "2026-12-01"]).status.code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(w.path("outputs/bundles/a/bundle.json")).unwrap(),
        text_a
    );
}

#[test]
fn quasi_identifiers_hold_a_bundle_for_review_and_a_kept_clause_keeps_no_name() {
    let w = crafted();
    w.write(
        "corpus/interviews/w2.txt",
        "Respondent: I was the only female tractor driver in our village, before the dormitory, interview w2.\n\nRespondent: In the dormitory my brother Elçin Qasımlı was taken prisoner in 1993, they told us.\n",
    );
    w.write(
        "corpus/interviews/w3.txt",
        "Respondent: В общежитии (dormitory) мой брат погиб в 1992 году, interview w3.\n\nRespondent: Mən dormitory-də yeganə qadın sürücü idim, interview w3.\n",
    );
    ingest_and_code(&w);
    let out = w.run(&["bundle", "housing", "--date", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(2), "the review gate holds it");
    assert!(!w.path("outputs/bundles/housing").exists());

    let out = w.run(&["--format", "json", "review", "housing"]);
    assert_eq!(out.status.code(), Some(0));
    let listing: Value = serde_json::from_slice(&out.stdout).unwrap();
    let flags: Vec<(String, String)> = listing["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["text"].as_str().unwrap().to_string(),
                f["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |text: &str, reason: &str| {
        assert!(
            flags.iter().any(|(t, r)| t == text && r.contains(reason)),
            "{text} ({reason}) not in {flags:?}"
        );
    };
    has(
        "the only female tractor driver in our village",
        "uniqueness",
    );
    has(
        "my brother Elçin Qasımlı was taken prisoner in 1993",
        "family position",
    );
    has("брат погиб в 1992", "family position");
    has("yeganə qadın sürücü idim", "uniqueness");
    // The report gives the reason, never the text.
    let quasi: Vec<&(String, String)> = flags
        .iter()
        .filter(|(_, r)| r.starts_with("quasi"))
        .collect();
    assert!(quasi.len() >= 4);

    // Every flagged text kept: published; the kept clause keeps no name.
    let mut args = vec!["review".to_string(), "housing".to_string()];
    for (t, _) in &flags {
        args.push("--keep".into());
        args.push(t.clone());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(w.run(&args).status.code(), Some(0));
    let out = w.run(&["bundle", "housing", "--date", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(w.path("outputs/bundles/housing/bundle.json")).unwrap();
    assert!(text.contains("the only female tractor driver"));
    assert!(
        !text.contains("Elçin") && !text.contains("Qasımlı"),
        "{text}"
    );
    assert!(text.contains("my brother [Person"), "{text}");
}
