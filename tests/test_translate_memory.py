"""The translation memory file: read once per run, appended once per request and synced,
readable across format changes, robust to a torn last line."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import add_article
from glossator.translate import memory as memory_module
from glossator.translate.memory import Settings

P1 = "Der Händler Max Muster verkaufte 2024 zehn H100-Chips in Singapur."
P3 = "Das sei legal, sagte Muster."


def memory_file(project: Path) -> Path:
    return project / "corpus" / "_memory" / "deepl.jsonl"


def untranslated(project: Path) -> Path:
    (project / "corpus" / "demo-article" / "translation.en.yaml").unlink()
    return project


def test_lines_from_before_raw_answers_are_still_used(project, cli, fake_deepl):
    untranslated(project)
    path = memory_file(project)
    path.parent.mkdir(parents=True)
    old = {
        "key": Settings("de", "EN-GB", None).key(P1),
        "source_hash": "x",
        "target": "EN-GB",
        "glossary": None,
    }
    path.write_text(json.dumps({**old, "text": "An older machine translation."}) + "\n", "utf-8")
    result = cli("translate", "--root", project)
    assert result.exit_code == 0, result.output
    assert f"Billed characters: {len(P3)}." in result.output
    assert fake_deepl.calls("/v2/translate")[0]["text"] == [P3]
    text = (project / "corpus" / "demo-article" / "translation.en.yaml").read_text("utf-8")
    assert "text: An older machine translation." in text


def test_every_answer_is_kept_raw_with_what_it_cost(project, cli, fake_deepl):
    untranslated(project)
    cli("translate", "--root", project)
    lines = [json.loads(line) for line in memory_file(project).read_text("utf-8").splitlines()]
    assert lines == [
        {
            "key": Settings("de", "EN-GB", None).key(text),  # the XML sent: the text, as it has no markup
            "raw": "[EN-GB] " + text,
            "billed": len(text),
            "source_hash": source_hash,
            "target": "EN-GB",
            "glossary": None,
        }
        for text, source_hash in ((P1, "4412e77b2c51e982"), (P3, "d733290b78d6f348"))
    ]


def test_a_markup_change_resends_only_the_paragraphs_whose_xml_it_changes(
    project, cli, fake_deepl, monkeypatch
):
    from glossator.translate import plan

    untranslated(project)
    cli("translate", "--root", project)
    real_to_xml = plan.to_xml

    def changed_markup(text, keep=()):
        prepared = real_to_xml(text, keep)
        if text == P3:
            prepared.xml = f"<i>{prepared.xml}</i>"
        return prepared

    monkeypatch.setattr(plan, "to_xml", changed_markup)
    (project / "corpus" / "demo-article" / "translation.en.yaml").unlink()
    result = cli("translate", "--root", project)
    assert result.exit_code == 0, result.output
    assert f"Billed characters: {len(P3)}." in result.output
    assert fake_deepl.calls("/v2/translate")[-1]["text"] == [f"<i>{P3}</i>"]


def test_memory_is_read_once_and_appended_once_per_request(project, cli, fake_deepl, monkeypatch):
    untranslated(project)
    cli("translate", "--root", project)
    add_article(project, "long-article", [f"Satz Nummer {i}." for i in range(120)])
    path = memory_file(project)
    parsed, synced = [], []
    real_read = memory_module._read

    def read(line: str):
        parsed.append(line)
        return real_read(line)

    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.fstat(fd).st_ino == path.stat().st_ino:  # not the other files the run writes
            synced.append(len(path.read_text("utf-8").splitlines()))
        real_fsync(fd)

    monkeypatch.setattr(memory_module, "_read", read)
    monkeypatch.setattr(memory_module.os, "fsync", fsync)
    result = cli("translate", "--root", project, "long-article")
    assert result.exit_code == 0, result.output
    assert len(fake_deepl.calls("/v2/translate")) == 1 + 3
    assert len(parsed) == 2, "the two lines there before the run, read once"
    assert synced == [2 + 50, 2 + 100, 2 + 120], "one synced append per request, whole batches"


def test_torn_last_line_costs_only_its_own_paragraph(project, cli, fake_deepl):
    untranslated(project)
    cli("translate", "--root", project)
    path = memory_file(project)
    lines = path.read_text("utf-8").splitlines()
    path.write_text(lines[0] + "\n" + lines[1][: len(lines[1]) // 2], "utf-8")
    (project / "corpus" / "demo-article" / "translation.en.yaml").unlink()
    result = cli("translate", "--root", project)
    assert f"Billed characters: {len(P3)}." in result.output
    after = path.read_text("utf-8").splitlines()
    assert after[:2] == [lines[0], lines[1][: len(lines[1]) // 2]], "the torn line stays on a line of its own"
    assert json.loads(after[2])["raw"] == "[EN-GB] " + P3
    again = cli("translate", "--root", project)
    assert "Billed characters: 0." in again.output


def test_unwritable_memory_stops_with_a_message(project, cli, fake_deepl):
    untranslated(project)
    memory_file(project).parent.mkdir(parents=True)
    memory_file(project).mkdir()  # a folder where the file should be: neither readable nor writable
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "cannot read the translation memory" in result.output
    assert "Traceback" not in result.output
    assert fake_deepl.requests == []


def test_full_disk_stops_with_a_message(project, cli, fake_deepl, monkeypatch):
    untranslated(project)

    def add(self, records):
        raise OSError(28, "No space left on device", str(self.path))

    monkeypatch.setattr(memory_module.TranslationMemory, "add", add)
    result = cli("translate", "--root", project)
    assert result.exit_code == 1
    assert "deepl.jsonl: No space left on device." in result.output
    assert "Traceback" not in result.output
    assert not (project / "corpus" / "demo-article" / "translation.en.yaml").exists()
