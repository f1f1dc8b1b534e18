"""`glossator export`: every output parsed as its reader would: corpus.json against its JSON
Schema, the CSV columns, and the Web Annotation selectors found in the article's visible text."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import jsonschema
import pytest

from conftest import REPO
from glossator.markdown import visible_text
from glossator.textnorm import paragraph_hash
from glossator.yamlio import load_yaml

SCHEMA = json.loads((REPO / "scripts/glossator/schemas/export.schema.json").read_text("utf-8"))


@pytest.fixture
def marked_up(project: Path) -> Path:
    """The fixture project with Markdown in the paragraph a claim quotes (translation updated)."""
    article = project / "corpus/demo-article/article.yaml"
    old = "Der Händler Max Muster verkaufte 2024 zehn H100-Chips in Singapur."
    new = "Der Händler *Max Muster* verkaufte 2024 zehn H100-Chips in **Singapur**."
    article.write_text(article.read_text("utf-8").replace(old, new), "utf-8")
    translation = project / "corpus/demo-article/translation.en.yaml"
    text = translation.read_text("utf-8").replace(paragraph_hash(old), paragraph_hash(new))
    translation.write_text(
        text.replace("in Singapore in 2024.", "in [Singapore](https://example.org/sg) in 2024."), "utf-8"
    )
    return project


def export(cli, root: Path, *args: str) -> dict[str, str]:
    out = root.parent / "out"
    result = cli("export", "--root", root, "--to", out, *args)
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text("utf-8") for p in out.iterdir()}


def test_corpus_json_follows_its_schema_and_says_the_version_is_unknown_outside_git(
    marked_up: Path, cli
) -> None:
    files = export(cli, marked_up)
    assert sorted(files) == ["claims.csv", "claims.jsonld", "corpus.json", "entities.csv", "sources.csv"]
    data = json.loads(files["corpus.json"])
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data, SCHEMA)
    assert data["version"] == {"commit": "unknown", "date": "unknown", "modified": None}
    [article] = data["articles"]
    assert (
        article["paragraphs"][0]["visible"]
        == "Der Händler Max Muster verkaufte 2024 zehn H100-Chips in Singapur."
    )
    assert [c["quote"]["original"]["paragraph"] for c in data["claims"]] == ["p1", "p3"]


def test_the_version_is_the_git_commit_in_a_repository(project: Path, cli) -> None:
    def git(*args: str) -> str:
        run = ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args]
        return subprocess.run(run, cwd=project, check=True, capture_output=True, text=True).stdout.strip()

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "corpus")
    data = json.loads(cli("export", "--root", project, "corpus.json").output)
    assert data["version"]["commit"] == git("rev-parse", "HEAD")
    assert data["version"]["date"] == git("log", "-1", "--format=%cI")
    assert data["version"]["modified"] is False
    rows = list(csv.DictReader(io.StringIO(cli("export", "--root", project, "claims.csv").output)))
    assert {r["corpus_commit"] for r in rows} == {git("rev-parse", "HEAD")}


def test_csv_files_have_their_columns_and_one_row_per_item(marked_up: Path, cli) -> None:
    files = export(cli, marked_up)
    claims = list(csv.DictReader(io.StringIO(files["claims.csv"])))
    assert [r["id"] for r in claims] == ["demo-01", "demo-02"]
    assert claims[0]["original_exact"] == "verkaufte 2024 zehn H100-Chips in Singapur"
    assert claims[0]["entities"] == "max-muster; singapore"
    assert claims[0]["sources"] == "demo-article (p1); demo-relay"
    assert claims[0]["corpus_commit"] == "unknown"
    sources = list(csv.DictReader(io.StringIO(files["sources.csv"])))
    assert {r["id"]: r["via"] for r in sources} == {"demo-article": "", "demo-relay": "demo-article"}
    assert sources[0]["reliability"] == "C"
    entities = list(csv.DictReader(io.StringIO(files["entities.csv"])))
    assert entities[1]["names"] == "Singapore (en); Singapur (de)"


def test_a_cell_a_spreadsheet_would_run_is_defused(project: Path, cli) -> None:
    claims = project / "annotations/claims/demo-article.yaml"
    claims.write_text(
        claims.read_text("utf-8").replace("statement: Muster says", "statement: =HYPERLINK(1) says"), "utf-8"
    )
    rows = list(csv.DictReader(io.StringIO(cli("export", "--root", project, "claims.csv").output)))
    assert rows[1]["statement"] == "'=HYPERLINK(1) says the sale was legal."
    data = json.loads(cli("export", "--root", project, "corpus.json").output)
    assert data["claims"][1]["statement"] == "=HYPERLINK(1) says the sale was legal."


def _visible(root: Path, path: str) -> list[str]:
    doc, _ = load_yaml(root / path, path)
    return [visible_text(p["text"]).text for p in doc.data["paragraphs"] if p.get("kind") != "boilerplate"]


def test_web_annotation_selectors_find_their_words_in_the_visible_text(marked_up: Path, cli) -> None:
    collection = json.loads(export(cli, marked_up)["claims.jsonld"])
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 2
    original = _visible(marked_up, "corpus/demo-article/article.yaml")
    english = _visible(marked_up, "corpus/demo-article/translation.en.yaml")
    for annotation in collection["first"]["items"]:
        assert annotation["type"] == "Annotation"
        assert annotation["body"][0]["purpose"] == "describing"
        [de, en] = annotation["target"]
        assert (de["source"]["language"], en["source"]["language"]) == ("de", "en")
        for target, texts in ((de, original), (en, english)):
            selector = target["selector"]
            assert selector["type"] == "TextQuoteSelector"
            whole = selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")
            assert sum(text.count(whole) for text in texts) == 1, whole
    first = collection["first"]["items"][0]["target"]
    assert first[1]["selector"]["exact"] == "sold ten H100 chips in Singapore in 2024"
    assert first[1]["selector"]["prefix"] == "The trader Max Muster "


def test_site_url_names_the_published_pages(project: Path, cli) -> None:
    result = cli("export", "--root", project, "claims.jsonld", "--site-url", "https://o.github.io/r/")
    item = json.loads(result.output)["first"]["items"][0]
    assert item["id"] == "https://o.github.io/r/claims/demo-01.html"  # the claim's own page
    assert item["target"][0]["source"]["id"] == "https://o.github.io/r/articles/demo-article.html"


def test_a_corpus_that_fails_check_is_not_exported(project: Path, cli) -> None:
    claims = project / "annotations/claims/demo-article.yaml"
    claims.write_text(claims.read_text("utf-8").replace("confidence: low", "confidence: sure"), "utf-8")
    result = cli("export", "--root", project, "--to", project.parent / "out")
    assert result.exit_code == 1
    assert "nothing was exported" in result.output
    assert not (project.parent / "out").exists()


def test_printing_needs_one_name(project: Path, cli) -> None:
    result = cli("export", "--root", project)
    assert result.exit_code == 2 and "name one file" in result.output
