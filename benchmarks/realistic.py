"""A realistic synthetic Glossator project of N articles, for the benchmarks.

Each article has 12 paragraphs of about 600 characters of varied German-like text (sentences
built from a vocabulary in several shapes, so no two paragraphs are copies; some carry inline
Markdown: links, emphasis, a bold link) and one boilerplate line; the received file
(`received.txt`); `article.yaml` as `glossator ingest` writes it (schema line, quoted hashes
and dates); `translation.en.yaml` with one manual paragraph per reading paragraph and its
`source_hash`; and a claims file of 8 claims quoting exact words that occur once in each
language. The registries hold one source per article, a few shared sources known `via` others,
and a few hundred entities. `mkdocs.yml`, `site_src/`, the glossary and the boilerplate patterns
are copied from a checkout, so the project checks and builds.

The output depends only on N and GENERATOR_VERSION (seeded per article), never on the clock.

    python benchmarks/realistic.py N TARGET_FOLDER [--repo CHECKOUT]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import unicodedata
from pathlib import Path

import yaml

GENERATOR_VERSION = 1
REPO = Path(__file__).resolve().parent.parent
PARAGRAPHS = 12
CLAIMS = 8
ENTITIES = 300
SCHEMAS = "scripts/glossator/schemas"


def _words(text: str) -> list[str]:
    return text.split()


def _phrases(text: str) -> list[str]:
    return text.split("; ")


FIRST = _words("Anna Markus Julia Stefan Lena Thomas Sabine Jonas Petra Lukas Miriam Daniel Wei Li Chen Hui")
LAST = _words("Feldmann Brenner Kaiser Lorenz Vogt Hartmann Wagner Schulte Tan Lim Wong Zhang Ng Koh Weber")
ORG_WORDS = _words("Nordlicht Halbleiter Kranich Systeme Pazifik Rechenwerk Lotus Logistik Orion Datenhallen")
PRODUCTS = _words("H100 H200 A100 B200 MI300 Gaudi3 L40S GH200 HGX DGX")
PLACES = _words("Singapur Malaysia Johor Shenzhen Taipeh Hongkong Penang Dubai Batam Bangkok")
PLACES_EN = _words("Singapore Malaysia Johor Shenzhen Taipei Hong-Kong Penang Dubai Batam Bangkok")
PUBLISHERS = [
    f"{a} {b}" for a in ("Rhein", "Hanse", "Alpen", "Spree", "Elb") for b in ("Kurier", "Zeitung", "Post")
]

DE = {
    "subject": _phrases(
        "die Regierung in Washington; der Hersteller; ein Sprecher des Ministeriums; die "
        "Exportbehörde; das Unternehmen aus Shenzhen; der Zwischenhändler; eine Analystin der "
        "Beratungsfirma; die Zollverwaltung; der Konzern; ein Branchenkenner; die Betreiberin des "
        "Rechenzentrums; der Serverhändler; die Staatsanwaltschaft; ein ehemaliger Mitarbeiter; die "
        "Handelskammer"
    ),
    "verb": [
        tuple(pair.split("/"))
        for pair in _phrases(
            "bestätigt/bestätigen; kritisiert/kritisieren; untersucht/untersuchen; liefert/liefern; "
            "verkauft/verkaufen; prüft/prüfen; meldet/melden; erwartet/erwarten; beschränkt/beschränken; "
            "verlagert/verlagern; finanziert/finanzieren; vermietet/vermieten"
        )
    ],
    "object": _phrases(
        "den Export hochentwickelter Chips; die neuen Beschränkungen; mehrere tausend "
        "Grafikprozessoren; einen Teil der Lieferkette; die Rechenkapazität in {place}; die Verträge "
        "mit Kunden in {place}; die Lieferungen über Tochterfirmen; ganze Serverschränke; die Angaben"
        " der Händler; den Zugang zu {product}-Beschleunigern; die Preise für gemietete Rechenzeit"
    ),
    "adverbial": _phrases(
        "seit dem vergangenen Jahr; nach Angaben aus Branchenkreisen; im dritten Quartal; trotz der "
        "Sanktionen; über Umwege in {place}; ohne erkennbare Unterbrechung; in großem Umfang; nach "
        "einer internen Prüfung; zum wiederholten Mal; bis auf Weiteres"
    ),
    "clause": _phrases(
        "weil die Nachfrage nach Rechenleistung weiter steigt; obwohl die Behörden die Regeln "
        "verschärft haben; während die Preise für Server sinken; da die Kontrollen an den Grenzen "
        "kaum greifen; sobald neue Lieferungen aus {place} eintreffen; nachdem die Regierung neue "
        "Listen veröffentlicht hat"
    ),
    "amount": _phrases(
        "rund {n} Server; etwa {n} Millionen Dollar; gut {p} Prozent der Bestellungen; mindestens {n}"
        " Beschleuniger; knapp {p} Prozent des Umsatzes"
    ),
    "role": _phrases(
        "Sprecherin der Firma; Analyst in {place}; Händler aus {place}; Beraterin des Ministeriums"
    ),
}
EN = {
    "subject": _phrases(
        "the government in Washington; the manufacturer; a ministry spokesman; the export authority; "
        "the company from Shenzhen; the intermediary; an analyst at the consultancy; the customs "
        "administration; the group; an industry insider; the data centre operator; the server dealer;"
        " the prosecutor's office; a former employee; the chamber of commerce"
    ),
    "verb": _phrases(
        "confirms; criticises; examines; delivers; sells; reviews; reports; expects; restricts; "
        "relocates; finances; rents out"
    ),
    "object": _phrases(
        "the export of advanced chips; the new restrictions; several thousand graphics processors; "
        "part of the supply chain; the computing capacity in {place}; the contracts with customers in"
        " {place}; the deliveries through subsidiaries; entire server racks; the dealers' statements;"
        " access to {product} accelerators; the prices of rented computing time"
    ),
    "adverbial": _phrases(
        "since last year; according to industry sources; in the third quarter; despite the sanctions;"
        " by detours through {place}; without any visible interruption; on a large scale; after an "
        "internal review; once again; until further notice"
    ),
    "clause": _phrases(
        "because demand for computing power keeps rising; although the authorities have tightened the"
        " rules; while server prices are falling; as the border controls hardly bite; as soon as new "
        "deliveries arrive from {place}; after the government published new lists"
    ),
    "amount": _phrases(
        "some {n} servers; about {n} million dollars; a good {p} per cent of orders; at least {n} "
        "accelerators; almost {p} per cent of sales"
    ),
    "role": _phrases(
        "the company's spokeswoman; an analyst in {place}; a dealer from {place}; a ministry adviser"
    ),
}
BOILERPLATE = "Jetzt den Newsletter abonnieren und keine Meldung zur Exportkontrolle verpassen."


class _Quoted(str):
    """A string written in quotes: hashes and dates, which a YAML 1.1 or 1.2 reader could take
    for a number or a timestamp."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    pass


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="'"))


def dump(data: object, schema: str, depth: int) -> str:
    line = f"# yaml-language-server: $schema={'../' * depth}{SCHEMAS}/{schema}.schema.json\n"
    return line + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def paragraph_hash(text: str) -> str:
    """As glossator.textnorm.paragraph_hash: SHA-256 of the normalized text, 16 hex digits."""
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().translate(str.maketrans("äöüß", "aous"))))


def entities() -> list[dict]:
    """The shared entity registry: people, organisations, products and places."""
    rng = random.Random(f"entities-{GENERATOR_VERSION}")
    out: list[dict] = []
    people = [(f, last) for f in FIRST for last in LAST]
    rng.shuffle(people)
    for first, last in people[:160]:
        out.append(
            {
                "id": slug(f"{first} {last}"),
                "type": "person",
                "names": [{"name": f"{first} {last}", "language": "en"}],
                "description": f"Named in the corpus as {rng.choice(EN['role']).format(place=rng.choice(PLACES_EN))}.",
            }
        )
    for a in ORG_WORDS:
        for b in ("GmbH", "Holding", "Trading", "Pte", "Capital", "Labs", "Cloud", "Group"):
            out.append(
                {
                    "id": slug(f"{a} {b}"),
                    "type": "organisation",
                    "names": [{"name": f"{a} {b}", "language": "de"}],
                    "aliases": [f"{a}"] if b == "GmbH" else [],
                }
            )
    for p in PRODUCTS:
        out.append(
            {
                "id": slug(f"nvidia {p}"),
                "type": "product",
                "names": [{"name": f"NVIDIA {p}", "language": "en"}],
            }
        )
    for de, en in zip(PLACES, PLACES_EN, strict=True):
        out.append(
            {
                "id": slug(en),
                "type": "place",
                "names": [{"name": en.replace("-", " "), "language": "en"}, {"name": de, "language": "de"}],
                "wikidata": None,
                "notes": {"wikidata": "Not verified yet."},
            }
        )
    for e in out:
        if not e.get("aliases", True):
            del e["aliases"]
    return out[:ENTITIES]


def shared_sources(article_sources: list[str]) -> list[dict]:
    """Sources many claims rest on, some known only through others (`via`)."""
    out = []
    for k in range(6):
        wire = f"wire-report-{k + 1}"
        post = f"x-post-{k + 1}"
        out.append(
            {
                "id": wire,
                "type": "news_report",
                "label": f"Wire agency report no. {k + 1} on chip exports",
                "title": None,
                "author": None,
                "publisher": "Agentur Nord",
                "date": _Quoted(f"2024-0{k + 1}-15"),
                "url": None,
                "language": "en",
                "reliability": {"grade": "B", "rationale": "A wire agency with a long record."},
                "via": [article_sources[k % len(article_sources)]],
                "notes": {
                    "title": "Known only as relayed.",
                    "author": "Not named.",
                    "url": "Not given by the relaying article.",
                },
            }
        )
        out.append(
            {
                "id": post,
                "type": "social_post",
                "label": f"Post on X about rented compute, no. {k + 1}",
                "date": _Quoted(f"2024-1{k % 3}-0{k + 1}"),
                "language": "en",
                "reliability": {"grade": "F", "rationale": "An anonymous account; no basis for judging it."},
                "via": [wire],
            }
        )
    return out


class _Writer:
    """Builds one article's paragraphs in both languages from one seeded random generator."""

    def __init__(self, rng: random.Random, people: list[str]) -> None:
        self.rng, self.people = rng, people

    def _fill(self, text: str) -> str:
        if "{" not in text:
            return text
        r = self.rng
        values = {
            "place": lambda: r.choice(PLACES),
            "product": lambda: r.choice(PRODUCTS),
            "n": lambda: r.randint(12, 9800),
            "p": lambda: r.randint(2, 97),
        }
        return text.format(**{k: f() for k, f in values.items() if "{" + k + "}" in text})

    def sentence(self, v: dict, shape: int, de: bool) -> str:
        r, pick = self.rng, lambda k: self._fill(self.rng.choice(v[k]))
        verb = r.choice(v["verb"])
        finite, infinitive = verb if de else (verb, verb)
        subject, obj, adv = pick("subject"), pick("object"), pick("adverbial")
        person = r.choice(self.people)
        if shape == 0:
            s = f"{subject} {finite} {obj} {adv}"
        elif shape == 1:
            s = f"{adv} {finite} {subject} {obj}" if de else f"{adv}, {subject} {finite} {obj}"
        elif shape == 2:
            s = f"{subject} {finite} {pick('amount')}, {pick('clause')}"
        elif shape == 3:
            said = "sagte" if de else "said"
            s = (
                f"„{subject} {finite} {obj} {adv}“, {said} {person}, {pick('role')}"
                if de
                else f"“{subject} {finite} {obj} {adv}”, {said} {person}, {pick('role')}"
            )
        elif shape == 4:
            s = (
                f"Nach Angaben von {person} {finite} {subject} {pick('amount')}"
                if de
                else f"According to {person}, {subject} {finite} {pick('amount')}"
            )
        else:
            s = (
                f"Ob {subject} {obj} {adv} {infinitive} wird, ist offen"
                if de
                else f"Whether {subject} {finite} {obj} {adv} remains open"
            )
        s = _capital(s) if not s.startswith("„") else "„" + _capital(s[1:])
        return s + "."

    def markup(self, s: str, de: bool, index: int) -> str:
        """A sentence with inline Markdown: a link, emphasis or a bold link."""
        words = s[:-1].split(" ")
        i = self.rng.randrange(1, max(2, len(words) - 2))
        url = f"https://www.beispiel-nachrichten.de/{'de' if de else 'en'}/meldung-{index}"
        kind = self.rng.randrange(3)
        if kind == 0:
            words[i : i + 2] = [f"[{' '.join(words[i : i + 2])}]({url})"]
        elif kind == 1:
            words[i] = f"*{words[i]}*"
        else:
            words[i : i + 2] = [f"**[{' '.join(words[i : i + 2])}]({url})**"]
        return " ".join(words) + "."

    def paragraph(self, de: bool, index: int) -> tuple[str, list[str]]:
        """A paragraph of about 600 characters, and its sentences without markup (quotable)."""
        v = DE if de else EN
        target = 470 + self.rng.randrange(120)
        sentences: list[str] = []
        plain: list[str] = []
        marked = self.rng.random() < 0.4
        while sum(len(s) + 1 for s in sentences) < target:
            s = self.sentence(v, self.rng.randrange(6), de)
            if marked and len(sentences) == 1:
                s = self.markup(s, de, index)
            else:
                plain.append(s)
            sentences.append(s)
        return " ".join(sentences), plain


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _visible(text: str) -> str:
    """The text a reader sees: Markdown link targets and emphasis marks taken out."""
    return re.sub(r"\]\([^)]*\)", "", text).replace("[", "").replace("*", "")


def _unique_quote(candidates: list[str], whole: str, rng: random.Random) -> str | None:
    """Words from a sentence without markup that occur once in the text, raw and as seen."""
    seen = _visible(whole)
    for s in rng.sample(candidates, len(candidates)):
        words = s.rstrip(".").split(" ")
        exact = " ".join(words[: min(len(words), 6 + rng.randrange(6))])
        if whole.count(exact) == 1 and seen.count(exact) == 1:
            return exact
    return None


def article(index: int, people: list[dict], sources: list[str]) -> dict[str, str | bytes]:
    """The files of article number `index`, keyed by their path in the project."""
    rng = random.Random(f"article-{GENERATOR_VERSION}-{index}")
    writer = _Writer(rng, [p["names"][0]["name"] for p in people])
    place, product = rng.choice(PLACES), rng.choice(PRODUCTS)
    title = f"{product}-Chips über {place}: {_capital(rng.choice(DE['subject']))} {rng.choice(DE['verb'])[0]} neue Vorwürfe"
    article_id = f"{slug(f'{product} chips {place}')}-{index + 1:05d}"
    de = [writer.paragraph(True, index) for _ in range(PARAGRAPHS)]
    en = [writer.paragraph(False, index) for _ in range(PARAGRAPHS)]
    received = ("\n\n".join(text for text, _ in de) + "\n\n" + BOILERPLATE + "\n").encode("utf-8")
    publisher = PUBLISHERS[index % len(PUBLISHERS)]
    author = None if index % 3 == 0 else writer.rng.choice(people)["names"][0]["name"]
    date = _Quoted(f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}")
    data = {
        "id": article_id,
        "language": "de",
        "title": title,
        "publisher": publisher,
        "author": author,
        "published": date,
        "url": f"https://www.{slug(publisher)}.de/wirtschaft/{article_id}",
        "source": article_id,
        "received": {
            "file": "received.txt",
            "sha256": _Quoted(hashlib.sha256(received).hexdigest()),
            "original_name": f"{article_id}.txt",
            "format": "text",
        },
        "notes": {"author": "The article names no author."} if author is None else {},
        "paragraphs": [{"id": f"p{i}", "kind": "paragraph", "text": t} for i, (t, _) in enumerate(de, 1)]
        + [
            {
                "id": f"p{PARAGRAPHS + 1}",
                "kind": "boilerplate",
                "text": BOILERPLATE,
                "reason": "newsletter sign-up",
            }
        ],
    }
    if not data["notes"]:
        del data["notes"]
    translation = {
        "article": article_id,
        "language": "en",
        "paragraphs": [
            {
                "id": f"p{i}",
                "source_hash": _Quoted(paragraph_hash(de[i - 1][0])),
                "method": "manual",
                "review": "reviewed" if i % 4 == 0 else "unreviewed",
                "text": t,
            }
            for i, (t, _) in enumerate(en, 1)
        ],
    }
    whole_de, whole_en = "\n".join(t for t, _ in de), "\n".join(t for t, _ in en)
    claims = []
    for k, p in enumerate(sorted(rng.sample(range(PARAGRAPHS), CLAIMS))):
        original, english = _unique_quote(de[p][1], whole_de, rng), _unique_quote(en[p][1], whole_en, rng)
        if original is None or english is None:
            continue
        refs = [{"source": article_id, "locator": f"p{p + 1}"}] + (
            [{"source": rng.choice(sources)}] if k % 3 == 0 else []
        )
        person = rng.choice(people)["id"]
        claim = {
            "id": f"{article_id}-{k + 1:02d}",
            "statement": f"Claim {k + 1} of article {index + 1}: {english}.",
            "quote": {"original": {"exact": original}, "translation": {"exact": english}},
            "claimant": f"entity:{person}" if k % 2 else f"source:{article_id}",
            "type": rng.choice(["event", "statement", "assertion", "prediction", "opinion"]),
            "sources": refs,
            # 'moderate' needs a source graded A-C (check/grading.py): only articles graded C.
            "confidence": rng.choice(
                ["moderate", "low", "not-assessable"] if index % 4 == 0 else ["low", "not-assessable"]
            ),
            "rationale": "One origin, the article itself; nobody here has checked it independently.",
            "status": "unverified",
            "entities": sorted({person, rng.choice(people)["id"]}),
        }
        if k % 2 == 0:
            claim["event_date"] = _Quoted(str(date)[:7])
        claims.append(claim)
    base = f"corpus/{article_id}"
    return {
        f"{base}/received.txt": received,
        f"{base}/article.yaml": dump(data, "article", 2),
        f"{base}/translation.en.yaml": dump(translation, "translation", 2),
        f"annotations/claims/{article_id}.yaml": dump({"article": article_id, "claims": claims}, "claims", 2),
        "source": {
            "id": article_id,
            "type": "news_report",
            "label": title,
            "title": title,
            "author": author,
            "publisher": publisher,
            "date": date,
            "url": data["url"],
            "language": "de",
            "article": article_id,
            "reliability": {"grade": "CDEF"[index % 4], "rationale": "Graded from the publisher's record."},
            "via": [],
            **({"notes": {"author": "The article names no author."}} if author is None else {}),
        },
    }


def new_article_text(index: int) -> str:
    """The received text of an article not in the corpus (for timing one ingest)."""
    rng = random.Random(f"new-article-{GENERATOR_VERSION}-{index}")
    writer = _Writer(rng, [f"{a} {b}" for a in FIRST for b in LAST])
    return "\n\n".join(writer.paragraph(True, index)[0] for _ in range(PARAGRAPHS)) + "\n"


def copy_site_files(repo: Path, root: Path) -> None:
    """What the project needs to build, from a checkout: mkdocs.yml, site_src, glossary, boilerplate."""
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repo / "site_src", root / "site_src", dirs_exist_ok=True)
    (root / "annotations").mkdir(exist_ok=True)
    for name in ("glossary.de-en.yaml", "boilerplate.yaml"):
        shutil.copy(repo / "annotations" / name, root / "annotations" / name)


def generate(root: Path, count: int, repo: Path = REPO) -> None:
    """Write the project of `count` articles into `root` (which must not exist yet)."""
    (root / "corpus").mkdir(parents=True)
    (root / "annotations" / "claims").mkdir(parents=True)
    copy_site_files(repo, root)
    people = [e for e in entities() if e["type"] == "person"]
    article_sources = []
    for index in range(count):
        files = article(index, people, [f"wire-report-{1 + index % 6}", f"x-post-{1 + index % 6}"])
        article_sources.append(files.pop("source"))
        for name, content in files.items():
            path = root / name
            if name.endswith("received.txt"):
                path.parent.mkdir()
                path.write_bytes(content)
            else:
                path.write_text(content, "utf-8")
    registry = article_sources + shared_sources([s["id"] for s in article_sources])
    (root / "annotations" / "sources.yaml").write_text(dump({"sources": registry}, "sources", 1), "utf-8")
    (root / "annotations" / "entities.yaml").write_text(
        dump({"entities": entities()}, "entities", 1), "utf-8"
    )


def ensure(folder: Path, count: int, repo: Path = REPO) -> Path:
    """The project of `count` articles under `folder`, generated once and then reused."""
    root = folder / f"realistic-v{GENERATOR_VERSION}-n{count}"
    if (root / ".complete").exists():
        return root
    staging = folder / f".{root.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    generate(staging, count, repo)
    (staging / ".complete").write_text(f"{GENERATOR_VERSION} {count}\n", "utf-8")
    os.rename(staging, root)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int)
    parser.add_argument("target", type=Path, help="the folder to create (must not exist)")
    parser.add_argument(
        "--repo", type=Path, default=REPO, help="the checkout to copy mkdocs.yml and site_src from"
    )
    args = parser.parse_args()
    generate(args.target, args.count, args.repo)


if __name__ == "__main__":
    main()
