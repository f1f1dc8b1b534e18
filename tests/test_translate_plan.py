"""Planning: which articles have work, read fast from a cache that is never trusted past a
change, and validated in full only where there is work to do."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import add_article
from glossator.translate import plan, read

P3 = "Das sei legal, sagte Muster."


def age(project: Path, seconds: float = 60) -> None:
    """Make every corpus file look written `seconds` ago (the cache skips files just written)."""
    past = time.time() - seconds
    for path in (project / "corpus").rglob("*.yaml"):
        os.utime(path, (past, past))


def count_calls(monkeypatch, module, name: str) -> list[str]:
    calls: list[str] = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_nothing_to_do_loads_no_article_in_full(project, cli, fake_deepl, monkeypatch):
    glossary = project / "annotations" / "glossary.de-en.yaml"
    glossary.write_text(
        "# yaml-language-server: $schema=../scripts/glossator/schemas/glossary.schema.json\n"
        "source_language: de\ntarget_language: en\nterms:\n  - {source: Satz, target: sentence}\n",
        "utf-8",
    )
    add_article(project, "second", ["Ein Satz.", "Noch ein Satz."])
    add_article(project, "third", ["Der dritte."])
    assert cli("translate", "--root", project, "second", "third").exit_code == 0
    article = project / "corpus" / "second" / "article.yaml"  # a draft beside a reviewed paragraph
    article.write_text(article.read_text("utf-8").replace("Ein Satz.", "Ein Satz!"), "utf-8")
    translation = project / "corpus" / "second" / "translation.en.yaml"
    translation.write_text(
        translation.read_text("utf-8").replace("review: unreviewed", "review: reviewed", 1)
    )
    assert cli("translate", "--root", project, "--retranslate").exit_code == 0
    full_loads = count_calls(monkeypatch, plan, "load_entry")
    result = cli("translate", "--root", project, "--retranslate")
    assert "Nothing to send" in result.output
    assert full_loads == []


def test_second_run_reads_no_yaml_when_nothing_changed(project, cli, fake_deepl, monkeypatch):
    add_article(project, "second", ["Ein Satz."])
    assert cli("translate", "--root", project).exit_code == 0
    age(project)
    assert cli("translate", "--root", project).exit_code == 0  # fills the cache
    assert (project / "build" / "cache" / "translate.json").exists()
    parses = count_calls(monkeypatch, read, "_compose")
    full_loads = count_calls(monkeypatch, plan, "load_entry")
    result = cli("translate", "--root", project)
    assert "Nothing to send" in result.output
    assert parses == [] and full_loads == []


def test_files_whose_dates_alone_changed_are_not_parsed_again(project, cli, fake_deepl, monkeypatch):
    add_article(project, "second", ["Ein Satz."])
    cli("translate", "--root", project)
    age(project)
    cli("translate", "--root", project)
    age(project, 120)  # a checkout or a copy: new dates, same content
    parses = count_calls(monkeypatch, read, "_compose")
    assert "Nothing to send" in cli("translate", "--root", project).output
    assert parses == []


def test_a_change_of_the_same_size_is_seen(project, cli, fake_deepl):
    add_article(project, "second", ["Ein Satz."])
    cli("translate", "--root", project)
    age(project)
    cli("translate", "--root", project)
    article = project / "corpus" / "second" / "article.yaml"
    text = article.read_text("utf-8")
    article.write_text(text.replace("Ein Satz.", "Ein Satx."), "utf-8")
    assert len(article.read_bytes()) == len(text.encode("utf-8"))
    result = cli("translate", "--root", project)
    assert "Billed characters: 9." in result.output
    assert fake_deepl.calls("/v2/translate")[-1]["text"] == ["Ein Satx."]


def test_a_broken_article_with_nothing_to_do_does_not_block_the_others(project, cli, fake_deepl):
    add_article(project, "second", ["Ein Satz."])
    claims = project / "corpus" / "demo-article" / "article.yaml"
    claims.write_text(
        claims.read_text("utf-8").replace("title: Händler", "title: 5\nx_title: Händler"), "utf-8"
    )
    result = cli("translate", "--root", project)
    assert result.exit_code == 0, result.output
    assert "Billed characters: 9." in result.output


def test_an_article_with_work_is_validated_first(project, cli, fake_deepl):
    add_article(project, "second", ["Ein Satz."])
    article = project / "corpus" / "second" / "article.yaml"
    article.write_text(article.read_text("utf-8").replace("kind: paragraph", "kind: paragraf"), "utf-8")
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "corpus/second/article.yaml:" in result.output
    assert "'paragraf' is not one of the allowed values" in result.output
    assert fake_deepl.requests == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace("paragraphs:\n", "paragraphs:\n\t"),
        lambda text: text.replace("paragraphs:\n", "paragraphs: 7\nrest:\n"),
        lambda text: "\xff" + text,
    ],
    ids=["tab", "not-a-list", "not-utf8"],
)
def test_an_unreadable_article_is_a_located_message(damage, project, cli, fake_deepl):
    add_article(project, "second", ["Ein Satz."])
    article = project / "corpus" / "second" / "article.yaml"
    article.write_bytes(damage(article.read_text("utf-8")).encode("utf-8", "surrogateescape"))
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.startswith("corpus/second/article.yaml:")
    assert fake_deepl.requests == []


def test_dry_run_lists_the_articles_with_work(project, cli, fake_deepl):
    add_article(project, "second", ["Ein Satz."])
    result = cli("translate", "--root", project, "--dry-run")
    lines = result.output.splitlines()
    assert [line.split() for line in lines[1:3]] == [["second", "1", "0", "9"], ["total", "1", "0", "9"]]
    assert "1 other article(s) have nothing to translate." in lines


def test_unknown_id(project, cli, fake_deepl):
    result = cli("translate", "--root", project, "nope")
    assert result.exit_code == 1
    assert "unknown article id(s): nope" in result.output


def test_deleted_articles_leave_the_cache(project, cli, fake_deepl):
    import json
    import shutil

    add_article(project, "second", ["Ein Satz."])
    cli("translate", "--root", project)
    age(project)
    cli("translate", "--root", project)
    cache = project / "build" / "cache" / "translate.json"
    assert "corpus/second/article.yaml" in json.loads(cache.read_text("utf-8"))["files"]
    shutil.rmtree(project / "corpus" / "second")
    cli("translate", "--root", project)
    assert sorted(json.loads(cache.read_text("utf-8"))["files"]) == [
        "corpus/demo-article/article.yaml",
        "corpus/demo-article/translation.en.yaml",
    ]


def test_paragraph_hashes_are_those_of_the_whitespace_rule():
    """The source hash is of the text with every run of white space (as `\\s` in a regular
    expression) made one space and trimmed: the hashes in translation files depend on it."""
    import re
    import sys
    import unicodedata

    from glossator.textnorm import normalize, paragraph_hash

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c)))
    text = f"{spaces} Der  Händler\u00a0verkaufte{spaces}Chips.\n{spaces}"
    assert normalize(text) == re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    assert normalize(text) == "Der Händler verkaufte Chips."
    assert paragraph_hash("Das sei legal, sagte Muster.") == "d733290b78d6f348"


def test_another_target_resends_machine_paragraphs_only(project, cli, fake_deepl):
    add_article(project, "second", ["Ein Satz."])
    cli("translate", "--root", project)
    age(project)
    cli("translate", "--root", project)  # the cache knows both articles now
    result = cli("translate", "--root", project, "--target", "EN-US")
    assert result.exit_code == 0, result.output
    assert "Billed characters: 9." in result.output, "the fixture's manual paragraphs are not sent"
    text = (project / "corpus" / "second" / "translation.en.yaml").read_text("utf-8")
    assert "text: '[EN-US] Ein Satz.'" in text and "target: EN-US" in text
