"""`glossator ingest`: every format, HTML clean-up, boilerplate, embedded posts, ids, updates,
and every kind of bad input (one clear line, exit 1, nothing written)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pypandoc
import pytest
import yaml

from conftest import REPO, project_files
from glossator.check import check_corpus, errors

GERMAN = [
    "Die Händler umgehen die Exportkontrollen für große KI-Beschleuniger.",
    "Der Mitbegründer Su Di (苏菂) zeigte in seinen Videos die Chips 🚀 und sprach über Maßnahmen der Regierung.",
    "Nach Angaben der Zeitung wurden die Server über Singapur geliefert, obwohl die Ausfuhr verboten ist.",
]
MARKDOWN = f"# Überschrift über Straßen\n\n{GERMAN[0]}\n\n{GERMAN[1]}\n\n{GERMAN[2]}\n"

HTML_PAGE = """<!doctype html>
<html lang="de"><head><title>Seite | Zeitung</title>
<meta property="og:title" content="Händler umgehen Exportverbote">
<meta property="article:published_time" content="2024-12-10T08:00:00+01:00">
<meta name="author" content="Erika Muster">
<link rel="canonical" href="https://example.org/artikel">
<style>p { color: red }</style><script>alert("head")</script></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<header><p>Zeitungskopf</p></header>
<article><h1>Händler umgehen Exportverbote</h1>
<p>Die Händler umgehen die <em>strengen</em> Exportkontrollen, berichtet die <a href="https://example.org/q">Zeitung</a>.<img src="x.png" onerror="alert('img')"></p>
<p onclick="steal()">Die Chips wurden über Singapur und Malaysia geliefert, obwohl die Ausfuhr verboten ist.</p>
<script>document.write("injected")</script>
<ul><li>Erster Weg über Tochterfirmen</li><li>Zweiter Weg über Rechenzentren</li></ul>
<table><tr><th>Chip</th><th>Menge</th></tr><tr><td>H100</td><td>2000</td></tr></table>
<p>In eigener Sache: Jetzt Abo sichern und weiterlesen! Klicken Sie hier.</p>
<form><input name="q"><button>Suchen</button></form>
<section class="comments"><p>Schreibe einen Kommentar</p><p>Toller Artikel!</p></section>
</article><footer><p>Impressum und Datenschutz</p></footer></body></html>
"""


@pytest.fixture
def corpus_project(corpus_project_with_patterns: Path) -> Path:
    return corpus_project_with_patterns


def make(fmt: str, folder: Path) -> Path:
    """An article file in `fmt`, written by pandoc where pandoc can write it."""
    if fmt == "text":
        path = folder / "artikel.txt"
        path.write_text("\n".join(GERMAN) + "\n", "utf-8")
    elif fmt == "markdown":
        path = folder / "artikel.md"
        path.write_text(MARKDOWN, "utf-8")
    elif fmt == "html":
        path = folder / "artikel.html"
        path.write_text(HTML_PAGE, "utf-8")
    else:
        path = folder / f"artikel.{fmt}"
        pypandoc.convert_text(
            MARKDOWN, fmt, format="markdown", outputfile=str(path), extra_args=["--standalone"]
        )
    return path


def article(project: Path, article_id: str) -> dict:
    return yaml.safe_load((project / "corpus" / article_id / "article.yaml").read_text("utf-8"))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "docx", "odt", "rtf", "epub"])
def test_every_format_becomes_an_entry_that_check_accepts(fmt, corpus_project, tmp_path, cli):
    source = make(fmt, tmp_path)
    result = cli("ingest", "--root", corpus_project, source, "--id", f"test-{fmt}")
    assert result.exit_code == 0, result.output
    data = article(corpus_project, f"test-{fmt}")
    texts = [p["text"] for p in data["paragraphs"]]
    html_sentence = "Die Chips wurden über Singapur und Malaysia geliefert, obwohl die Ausfuhr verboten ist."
    expected = [html_sentence] if fmt == "html" else GERMAN
    for sentence in expected:
        assert sentence in texts, (fmt, texts)
    assert data["language"] == "de"
    assert data["received"]["format"] == fmt
    today = dt.datetime.now(dt.UTC).date()
    assert data["received"]["date"] in {today.isoformat(), (today - dt.timedelta(days=1)).isoformat()}
    received = corpus_project / "corpus" / f"test-{fmt}" / data["received"]["file"]
    assert received.read_bytes() == source.read_bytes()
    assert errors(check_corpus(corpus_project)[1]) == []


def test_html_page_keeps_the_article_and_nothing_executable(corpus_project, tmp_path, cli):
    source = make("html", tmp_path)
    result = cli("ingest", "--root", corpus_project, source)
    assert result.exit_code == 0, result.output
    article_id = "haendler-umgehen-exportverbote-2024-12-10"
    data = article(corpus_project, article_id)
    assert (data["title"], data["published"], data["author"], data["url"], data["language"]) == (
        "Händler umgehen Exportverbote", "2024-12-10", "Erika Muster", "https://example.org/artikel", "de",
    )  # fmt: skip
    kinds = [(p["kind"], p["text"]) for p in data["paragraphs"]]
    assert ("heading", "Händler umgehen Exportverbote") in kinds
    assert (
        "paragraph",
        "Die Händler umgehen die *strengen* Exportkontrollen, berichtet die [Zeitung](https://example.org/q).",
    ) in kinds
    assert ("list-item", "Zweiter Weg über Rechenzentren") in kinds
    assert ("table", "| Chip | Menge |\n| --- | --- |\n| H100 | 2000 |") in kinds
    assert [k for k, t in kinds if t.startswith("In eigener Sache")] == ["boilerplate"]
    everything = yaml.safe_dump(data["paragraphs"], allow_unicode=True)
    for gone in (
        "Startseite",
        "Zeitungskopf",
        "Impressum",
        "Suchen",
        "Toller Artikel",
        "alert",
        "onerror",
        "onclick",
        "injected",
        "<",
        "x.png",
    ):
        assert gone not in everything, gone
    boilerplate = next(p for p in data["paragraphs"] if p["text"].startswith("In eigener Sache"))
    assert f"  {boilerplate['id']}: {boilerplate['reason']}: In eigener Sache" in result.output
    assert errors(check_corpus(corpus_project)[1]) == []


def test_embedded_post_is_kept_as_quotation_and_reported(corpus_project, tmp_path, cli):
    source = tmp_path / "post.txt"
    source.write_text(
        "Ein Bericht über die Videos eines Unternehmers aus Peking und seine Chips.\n"
        "In zwei Videos zeigt der Mitbegründer Su Di die Chips in… pic.twitter.com/YGbJzjNMU5\n"
        "– Byron Wan (@Byron_Wan) , 9. Dezember 2024\n"
        "Schreibe einen Kommentar",
        "utf-8",
    )
    result = cli("ingest", "--root", corpus_project, source, "--id", "post-article", "--lang", "de")
    assert result.exit_code == 0, result.output
    kinds = [p["kind"] for p in article(corpus_project, "post-article")["paragraphs"]]
    assert kinds == ["paragraph", "quote", "attribution", "boilerplate"]
    assert "p2, p3: Byron Wan (@Byron_Wan), 9. Dezember 2024, pic.twitter.com/YGbJzjNMU5" in result.output


def test_seed_article_ingests_with_boilerplate_marked(corpus_project, cli):
    seed = REPO / "corpus" / "wsj-derek-aw-compute-rental" / "received.txt"
    result = cli("ingest", "--root", corpus_project, seed, "--id", "seed-copy")
    assert result.exit_code == 0, result.output
    data = article(corpus_project, "seed-copy")
    assert [p["id"] for p in data["paragraphs"] if p["kind"] == "boilerplate"] == ["p3"]
    assert "Language: de (detected, certainty" in result.output


def test_scaffold_and_source_entry(corpus_project, tmp_path, cli):
    cli(
        "ingest",
        "--root",
        corpus_project,
        make("markdown", tmp_path),
        "--id",
        "scaffolded",
        "--publisher",
        "Zeitung",
    )
    claims = (corpus_project / "annotations" / "claims" / "scaffolded.yaml").read_text("utf-8")
    assert claims.startswith(
        "# yaml-language-server: $schema=../../scripts/glossator/schemas/claims.schema.json\n"
    )
    assert yaml.safe_load(claims) == {"article": "scaffolded", "claims": []}
    assert "#    confidence: low" in claims
    sources = yaml.safe_load((corpus_project / "annotations" / "sources.yaml").read_text("utf-8"))["sources"]
    entry = next(s for s in sources if s["id"] == "scaffolded")
    assert (entry["publisher"], entry["article"], entry["reliability"]["grade"]) == (
        "Zeitung",
        "scaffolded",
        "F",
    )
    assert entry["url"] is None and entry["notes"]["url"]


def test_same_bytes_again_change_nothing(corpus_project, tmp_path, cli):
    source = make("markdown", tmp_path)
    cli("ingest", "--root", corpus_project, source, "--id", "once")
    before = project_files(corpus_project)
    result = cli("ingest", "--root", corpus_project, source, "--id", "once")
    assert result.exit_code == 0
    assert "Nothing changed" in result.output and "'once'" in result.output
    assert project_files(corpus_project) == before


def test_update_replaces_entry_and_keeps_translation_and_claims(project, cli):
    source = project / "new.txt"
    source.write_text(
        "Der Händler Max Muster verkaufte 2024 zehn H100-Chips in Singapur.\nJetzt Abo sichern!\nDas sei völlig legal, sagte Muster.\n",
        "utf-8",
    )
    before = project_files(project)
    refused = cli("ingest", "--root", project, source, "--id", "demo-article", "--lang", "de")
    assert refused.exit_code == 1 and "--update" in refused.output
    assert project_files(project) == before

    result = cli("ingest", "--root", project, source, "--id", "demo-article", "--lang", "de", "--update")
    assert result.exit_code == 0, result.output
    after = project_files(project)
    assert (
        after["corpus/demo-article/translation.en.yaml"] == before["corpus/demo-article/translation.en.yaml"]
    )
    assert after["annotations/claims/demo-article.yaml"] == before["annotations/claims/demo-article.yaml"]
    data = article(project, "demo-article")
    assert [(p["id"], p["kind"]) for p in data["paragraphs"]] == [
        ("p1", "paragraph"), ("p2", "boilerplate"), ("p3", "paragraph"),
    ], "unchanged paragraphs keep their ids; the edited p3 keeps its id"  # fmt: skip
    assert data["paragraphs"][2]["text"] == "Das sei völlig legal, sagte Muster."
    assert data["title"] == "Händler verkauft Chips", "metadata stays"
    assert after["corpus/demo-article/received.txt"] == before["corpus/demo-article/received.txt"]
    assert after["corpus/demo-article/versions/2.txt"] == source.read_bytes()
    problems = [str(p) for p in check_corpus(project)[1]]
    assert [p.split(": ", 1)[1].split(";")[0] for p in problems if "stale" in p] == [
        "stale translation: source paragraph p3 changed since it was translated"
    ]


BAD = {
    "missing": (None, "file not found"),
    "folder": ("folder", "is a folder"),
    "empty": (b"  \n", "the file is empty"),
    "binary": (b"\x00\x01\x02\x03" * 100, "binary file"),
    "bad-zip": (b"PK\x03\x04" + b"\x00" * 200, "pandoc cannot read"),
    "latin-1": ("Die Händler umgehen die Maßnahmen der Regierung.".encode("cp1252"), "it looks like"),
    "huge": (b"a" * (20 * 1024 * 1024 + 1), "up to 20 MB"),
    "no-article-text": (
        b"<html><body><nav>Start</nav><script>x()</script><footer>Impressum</footer></body></html>",
        "no article text",
    ),
    "unclear-language": (b"OK 123 ...", "run again with --lang"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_refused_with_one_line_and_nothing_written(name, corpus_project, tmp_path, cli):
    content, message = BAD[name]
    suffix = ".html" if name == "no-article-text" else ".txt"
    source = tmp_path / f"input{suffix}"
    if content == "folder":
        source.mkdir()
    elif content is not None:
        source.write_bytes(content)
    before = project_files(corpus_project)
    result = cli("ingest", "--root", corpus_project, source, "--id", "bad-input")
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "Traceback" not in result.output
    assert project_files(corpus_project) == before


def test_encoding_option_reads_a_latin_1_file(corpus_project, tmp_path, cli):
    source = tmp_path / "alt.txt"
    source.write_bytes("\n".join(GERMAN[:1] + GERMAN[2:]).encode("cp1252"))
    result = cli("ingest", "--root", corpus_project, source, "--id", "latin", "--encoding", "cp1252")
    assert result.exit_code == 0, result.output
    assert article(corpus_project, "latin")["paragraphs"][0]["text"] == GERMAN[0]


@pytest.mark.parametrize(
    "bad_id", ["../escape", "a/b", "with space", "bell\x07", "Upper-Case", "x" * 81, "..", "a--b"]
)
def test_unsafe_ids_are_refused(bad_id, corpus_project, tmp_path, cli):
    before = project_files(corpus_project)
    result = cli("ingest", "--root", corpus_project, make("text", tmp_path), "--id", bad_id)
    assert result.exit_code == 1
    assert "is not a safe id" in result.output
    assert project_files(corpus_project) == before


def test_standard_input(corpus_project, cli):
    result = cli(
        "ingest", "--root", corpus_project, "-", "--id", "from-stdin", input="\n".join(GERMAN).encode()
    )
    assert result.exit_code == 0, result.output
    assert article(corpus_project, "from-stdin")["received"]["original_name"] == "-"


def test_ids_are_derived_from_title_and_date(corpus_project, tmp_path, cli):
    result = cli(
        "ingest",
        "--root",
        corpus_project,
        make("text", tmp_path),
        "--title",
        "Große Händler: Chips für 苏菂!",
        "--published",
        "2024-12-09",
    )
    assert result.exit_code == 0, result.output
    assert (corpus_project / "corpus" / "grosse-haendler-chips-fuer-2024-12-09").is_dir()


def test_bad_flags(corpus_project, tmp_path, cli):
    source = make("text", tmp_path)
    assert (
        "not a real date"
        in cli("ingest", "--root", corpus_project, source, "--published", "2024-02-30").output
    )
    assert (
        "not an http(s) address" in cli("ingest", "--root", corpus_project, source, "--url", "ftp://x").output
    )


def test_unreadable_file(corpus_project, tmp_path, cli, monkeypatch):
    source = make("text", tmp_path)
    real = os.open

    def refuse(path, *args, **kwargs):
        if str(path) == str(source):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    before = project_files(corpus_project)
    result = cli("ingest", "--root", corpus_project, source)
    assert result.exit_code == 1
    assert result.output.strip() == f"{source}: cannot read it: Permission denied"
    assert project_files(corpus_project) == before


STRUCTURES = Path(__file__).parent / "fixtures" / "ingest" / "structures.html"


def test_blocks_come_from_pandocs_structure(corpus_project, cli):
    """Nested inline markup, nested lists, quotations, a table with spans and multi-paragraph
    cells, a code block with blank lines; images and relative links dropped."""
    result = cli("ingest", "--root", corpus_project, STRUCTURES, "--id", "structures")
    assert result.exit_code == 0, result.output
    paragraphs = [(p["kind"], p["text"]) for p in article(corpus_project, "structures")["paragraphs"]]
    assert paragraphs == [
        ("heading", "Zwischentitel mit *Betonung*"),
        (
            "paragraph",
            "Laut **[dem Bericht der Zeitung](https://example.org/bericht)** liefen die Lieferungen "
            "über *Singapur* und Kuala Lumpur.",
        ),
        ("list-item", "Erster Weg über Tochterfirmen"),
        ("list-item", "Unterpunkt mit `code_name`"),
        ("list-item", "Zweiter Weg, in zwei Absätzen."),
        ("quote", "„Wir halten uns an alle Gesetze“, sagte der Sprecher."),
        (
            "table",
            "| Chip | Menge | |\n| --- | --- | --- |\n| | 2023 | 2024 |\n"
            "| H100 | etwa 2000 (geschätzt) | 3000 \\| mehr |\n| Quelle A; Quelle B | | |",
        ),
        ("code", "```python\ndef f():\n    return 1\n\n\nprint(f())\n```"),
        ("paragraph", "Ein Satz in einem div."),
    ]
    assert errors(check_corpus(corpus_project)[1]) == []


def test_table_and_code_blocks_render_as_a_table_and_one_code_block(corpus_project, cli):
    """The Markdown ingest writes is read back by a CommonMark/GFM parser as the structure it
    came from: a table with its cells (spanned places empty), one code block."""
    from markdown_it import MarkdownIt

    cli("ingest", "--root", corpus_project, STRUCTURES, "--id", "structures")
    texts = {p["kind"]: p["text"] for p in article(corpus_project, "structures")["paragraphs"]}
    parser = MarkdownIt("commonmark").enable("table")
    tokens = [t for t in parser.parse(texts["table"]) if t.type == "inline"]
    cells = [t.content for t in tokens]
    assert cells == ["Chip", "Menge", "", "", "2023", "2024"] + [
        "H100", "etwa 2000 (geschätzt)", "3000 | mehr", "Quelle A; Quelle B", "", "",
    ]  # fmt: skip
    assert "<table>" in parser.render(texts["table"])
    code = [t for t in parser.parse(texts["code"]) if t.type == "fence"]
    assert [(t.info, t.content) for t in code] == [("python", "def f():\n    return 1\n\n\nprint(f())\n")]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "**[fett verlinkt](https://example.org/a_(b))**",
            "**[fett verlinkt](https://example.org/a_%28b%29)**",
        ),
        ("*kursiv mit **fett** darin*", "*kursiv mit **fett** darin*"),
        ("Stern \\* und \\[Klammer\\] und a_b_c", "Stern \\* und \\[Klammer\\] und a_b_c"),
        ("`` code mit ` Backtick ``", "``code mit ` Backtick``"),
        ("Bild ![alt](x.png) weg und <b>roh</b> auch", "Bild weg und roh auch"),
    ],
)
def test_inline_markdown_round_trips(markdown, expected, corpus_project, tmp_path, cli):
    source = tmp_path / "inline.md"
    source.write_text(f"Ein deutscher Satz zum Anfang, damit die Sprache klar ist.\n\n{markdown}\n", "utf-8")
    result = cli("ingest", "--root", corpus_project, source, "--id", "inline", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert article(corpus_project, "inline")["paragraphs"][1]["text"] == expected


@pytest.mark.parametrize("article_id", ["2024", "1313353330555e22", "0x1f", "0o17"])
def test_ids_that_look_like_other_types_stay_strings(article_id, corpus_project, tmp_path, cli):
    result = cli("ingest", "--root", corpus_project, make("text", tmp_path), "--id", article_id)
    assert result.exit_code == 0, result.output
    claims = corpus_project / "annotations" / "claims" / f"{article_id}.yaml"
    assert yaml.safe_load(claims.read_text("utf-8"))["article"] == article_id
    assert article(corpus_project, article_id)["id"] == article_id
    sources = yaml.safe_load((corpus_project / "annotations" / "sources.yaml").read_text("utf-8"))
    assert [s["article"] for s in sources["sources"] if s["id"] == article_id] == [article_id]
    assert errors(check_corpus(corpus_project)[1]) == []
    from ruamel.yaml import YAML

    from glossator.yamlio import Loader

    written = [
        corpus_project / "corpus" / article_id / "article.yaml",
        claims,
        corpus_project / "annotations" / "sources.yaml",
    ]
    for path in written:  # a YAML 1.2 reader (editors, check-jsonschema) reads the same values
        text = path.read_text("utf-8")
        assert YAML(typ="safe", pure=True).load(text) == yaml.load(text, Loader=Loader), path


REGISTRY_ENTRY = {
    "id": "neu",
    "type": "news_report",
    "label": "Neu",
    "language": "de",
    "article": "neu",
    "reliability": {"grade": "F", "rationale": "Not graded yet."},
    "via": [],
}


@pytest.mark.parametrize(
    "text",
    [
        "# a comment\nsources:\n  - id: alt  # kept\n    type: news_report\n    label: Alt\n    reliability: {grade: C, rationale: x}\n",
        "sources:\n- {id: alt, type: news_report, label: Alt, reliability: {grade: C, rationale: x}}\n",
        "sources: []\n",
        "sources:\n  - id: alt\n    type: news_report\n    label: Alt\n    reliability: {grade: C, rationale: x}\nextra: 1\n",
    ],
    ids=["block", "flow", "empty", "not-last"],
)
def test_registry_entry_is_added_keeping_every_other_line(text):
    from glossator.ingest.registry import entry_of, with_entry

    new_text = with_entry(text, REGISTRY_ENTRY, "# schema")
    data = yaml.safe_load(new_text)
    assert data["sources"][-1] == REGISTRY_ENTRY
    assert data["sources"][:-1] == (yaml.safe_load(text)["sources"] or [])
    assert {k: v for k, v in data.items() if k != "sources"} == {
        k: v for k, v in yaml.safe_load(text).items() if k != "sources"
    }
    if "sources: []" not in text and "{id: alt" not in text:
        kept = [line for line in text.splitlines() if line != "extra: 1"]
        assert new_text.splitlines()[: len(kept)] == kept
    assert entry_of(new_text, "neu") == {"article": "neu"}
    assert entry_of(text, "neu") is None


def test_registry_entry_found_when_written_in_flow_style():
    from glossator.ingest.registry import entry_of, free_source_id

    text = "sources:\n- {id: neu, type: news_report, label: x, article: andere, reliability: {grade: C, rationale: x}}\n"
    assert entry_of(text, "neu")["article"] == "andere"
    assert free_source_id(text, "neu") == "article-neu"


def test_plain_text_is_literal(corpus_project, tmp_path, cli):
    """A plain-text file is not Markdown: what would read as markup is escaped."""
    source = tmp_path / "literal.txt"
    source.write_text(
        "Die Preise stiegen um 5 * 3 Prozent, schreibt die Zeitung [laut Bericht].\n"
        "- kein Listenpunkt, sondern ein Gedankenstrich am Anfang der Zeile.\n"
        "Der Nutzer @Byron_Wan schrieb <b>nichts</b> dazu.\n",
        "utf-8",
    )
    result = cli("ingest", "--root", corpus_project, source, "--id", "literal", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert [p["text"] for p in article(corpus_project, "literal")["paragraphs"]] == [
        "Die Preise stiegen um 5 \\* 3 Prozent, schreibt die Zeitung \\[laut Bericht\\].",
        "\\- kein Listenpunkt, sondern ein Gedankenstrich am Anfang der Zeile.",
        "Der Nutzer @Byron_Wan schrieb \\<b>nichts\\</b> dazu.",
    ]


def test_attribution_with_a_hyphen_is_recognised_in_plain_text(corpus_project, tmp_path, cli):
    source = tmp_path / "post.txt"
    source.write_text(
        "Ein Bericht über die Videos eines Unternehmers aus Peking und seine Chips.\n"
        "In zwei Videos zeigt der Mitbegründer Su Di die Chips. pic.twitter.com/YGbJzjNMU5\n"
        "- Byron Wan (@Byron_Wan), 9. Dezember 2024\n",
        "utf-8",
    )
    result = cli("ingest", "--root", corpus_project, source, "--id", "post-hyphen", "--lang", "de")
    assert result.exit_code == 0, result.output
    kinds = [p["kind"] for p in article(corpus_project, "post-hyphen")["paragraphs"]]
    assert kinds == ["paragraph", "quote", "attribution"]
