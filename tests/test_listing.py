"""`glossator list` and `glossator stats` on the small fixture project: filters, stale items as
`check` sees them, JSON and the table."""

from __future__ import annotations

import json
from pathlib import Path

from glossator.check import check_corpus


def as_json(cli, *args) -> list | dict:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_list_claims_filters_by_confidence_status_and_article(project: Path, cli) -> None:
    root = ("--root", project)
    assert [c["id"] for c in as_json(cli, "list", "claims", *root)] == ["demo-01", "demo-02"]
    assert [c["id"] for c in as_json(cli, "list", "claims", *root, "--confidence", "low")] == ["demo-01"]
    assert as_json(cli, "list", "claims", *root, "--status", "refuted") == []
    assert len(as_json(cli, "list", "claims", *root, "--article", "demo-article")) == 2
    result = cli("list", "claims", *root, "--article", "nope")
    assert result.exit_code == 1 and "unknown article 'nope'" in result.output


def test_list_sources_and_entities_of_an_article(project: Path, cli) -> None:
    sources = as_json(cli, "list", "sources", "--root", project, "--article", "demo-article")
    assert {s["id"]: s["cited_by"] for s in sources} == {"demo-article": 2, "demo-relay": 1}
    assert {s["id"]: s["via"] for s in sources}["demo-relay"] == ["demo-article"]
    entities = as_json(cli, "list", "entities", "--root", project)
    assert {e["id"]: e["claims"] for e in entities} == {"max-muster": 2, "singapore": 1}


def test_stale_translations_and_quotes_are_listed_as_check_reports_them(project: Path, cli) -> None:
    assert as_json(cli, "list", "articles", "--root", project, "--stale") == []
    article = project / "corpus" / "demo-article" / "article.yaml"
    article.write_text(article.read_text("utf-8").replace("Das sei legal", "Das sei völlig legal"), "utf-8")
    _, problems = check_corpus(project)
    assert any("stale translation" in p.message for p in problems)
    assert any("quote not found" in p.message for p in problems)
    [row] = as_json(cli, "list", "articles", "--root", project, "--stale")
    assert (row["id"], row["stale_translations"], row["stale_quotes"]) == ("demo-article", 1, 1)
    [claim] = as_json(cli, "list", "claims", "--root", project, "--stale")
    assert (claim["id"], claim["stale_quotes"]) == ("demo-02", ["original"])


def test_unreviewed_lists_articles_with_unreviewed_translations(project: Path, cli) -> None:
    assert as_json(cli, "list", "articles", "--root", project, "--unreviewed") == []
    path = project / "corpus" / "demo-article" / "translation.en.yaml"
    path.write_text(path.read_text("utf-8").replace("review: reviewed", "review: unreviewed", 1), "utf-8")
    [row] = as_json(cli, "list", "articles", "--root", project, "--unreviewed")
    assert row["unreviewed"] == 1


def test_filters_that_do_not_apply_are_refused(project: Path, cli) -> None:
    result = cli("list", "sources", "--root", project, "--confidence", "low")
    assert result.exit_code == 2 and "claims only" in result.output


def test_table_has_a_header_and_one_line_per_item(project: Path, cli) -> None:
    result = cli("list", "claims", "--root", project)
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "article", "type"]
    assert [line.split()[0] for line in lines[1:]] == ["demo-01", "demo-02"]


def test_stats_counts_what_the_files_hold(project: Path, cli) -> None:
    counts = as_json(cli, "stats", "--root", project)
    assert counts["articles"] == 1
    assert counts["paragraphs"] == {
        "total": 2,
        "translated": 2,
        "untranslated": 0,
        "unreviewed": 0,
        "stale": 0,
    }
    assert counts["claims"]["total"] == 2
    assert counts["claims"]["confidence"] == {"low": 1, "moderate": 1}
    assert counts["sources"]["reliability"] == {"C": 1, "F": 1}
    assert counts["entities"]["type"] == {"person": 1, "place": 1}
    text = cli("stats", "--root", project).output
    assert "claims: 2" in text and "  confidence: low 1, moderate 1" in text
