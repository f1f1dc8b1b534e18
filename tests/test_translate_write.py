"""The translation file after `translate`: only the changed paragraphs' lines change; nothing
is written that another YAML reader could misread."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from conftest import add_article
from glossator.textnorm import paragraph_hash

A, B, C = "Erster Absatz.", "Zweiter Absatz.", "Dritter Absatz."


def hand_made(project: Path) -> Path:
    """An article of three paragraphs whose machine translation a person has reformatted:
    comments, a hand-wrapped text, flow-style engines, a blank line."""
    add_article(project, "story", [A, B, C])
    path = project / "corpus" / "story" / "translation.en.yaml"
    path.write_text(
        "# yaml-language-server: $schema=../../scripts/glossator/schemas/translation.schema.json\n"
        "# Machine translation; Anna reviews it next week.\n"
        "article: story\n"
        "language: en\n"
        "paragraphs:\n"
        "  # The lead.\n"
        "  - id: p1\n"
        f'    source_hash: "{paragraph_hash(A)}"\n'
        "    method: deepl\n"
        "    review: unreviewed\n"
        '    text: "[EN-GB] The first\n'
        '      paragraph, wrapped by hand."\n'
        "    engine: {target: EN-GB, glossary: null}\n"
        "  - id: p2\n"
        f'    source_hash: "{paragraph_hash(B)}"\n'
        "    method: deepl\n"
        "    review: unreviewed\n"
        '    text: "[EN-GB] Second paragraph."\n'
        "    engine: {target: EN-GB, glossary: null}\n"
        "\n"
        "  # As the reporter wrote it.\n"
        "  - id: p3\n"
        f"    source_hash: '{paragraph_hash(C)}'\n"
        "    method: deepl\n"
        "    review: unreviewed\n"
        "    text: '[EN-GB] Third paragraph.'\n"
        "    engine: {target: EN-GB, glossary: null}\n",
        "utf-8",
    )
    return path


def block(lines: list[str], paragraph: str) -> range:
    """The line numbers of one paragraph's item, without the blank and comment lines after it."""
    start = lines.index(f"  - id: {paragraph}\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    return range(start, end)


def test_editing_one_source_paragraph_changes_only_its_lines(project, cli, fake_deepl):
    path = hand_made(project)
    before = path.read_text("utf-8")
    assert cli("translate", "--root", project).exit_code == 0
    assert path.read_text("utf-8") == before, "nothing to send: the file is not touched"

    article = project / "corpus" / "story" / "article.yaml"
    article.write_text(article.read_text("utf-8").replace(B, "Zweiter Absatz, korrigiert."), "utf-8")
    result = cli("translate", "--root", project)
    assert result.exit_code == 0, result.output
    assert [c["text"] for c in fake_deepl.calls("/v2/translate")] == [["Zweiter Absatz, korrigiert."]]

    old, new = before.splitlines(keepends=True), path.read_text("utf-8").splitlines(keepends=True)
    old_p2, new_p2 = block(old, "p2"), block(new, "p2")
    changes = [
        op for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes() if op[0] != "equal"
    ]
    assert changes, "the paragraph was rewritten"
    for _, i1, i2, j1, j2 in changes:
        assert set(range(i1, i2)) <= set(old_p2) and set(range(j1, j2)) <= set(new_p2), (
            old[i1:i2],
            new[j1:j2],
        )
    assert old[: old_p2.start] == new[: new_p2.start]
    assert old[old_p2.stop :] == new[new_p2.stop :]
    assert f"    source_hash: '{paragraph_hash('Zweiter Absatz, korrigiert.')}'\n" in new
    assert "    text: '[EN-GB] Zweiter Absatz, korrigiert.'\n" in new


def test_new_file_has_no_anchors_and_quoted_hashes(project, cli, fake_deepl):
    # "Satz Nummer 1550." hashes to 738502728e314950, which YAML 1.2 reads as a float unquoted.
    texts = ["Satz Nummer 1550.", "Satz Nummer 2.", "Satz Nummer 3."]
    assert paragraph_hash(texts[0]) == "738502728e314950"
    add_article(project, "numbers", texts)
    assert cli("translate", "--root", project, "numbers").exit_code == 0
    text = (project / "corpus" / "numbers" / "translation.en.yaml").read_text("utf-8")
    assert not re.search(r"[&*]id\d", text), "one engine mapping per paragraph, never shared"
    assert re.findall(r"source_hash: (.*)", text) == [f"'{paragraph_hash(t)}'" for t in texts]

    import ruamel.yaml

    data = ruamel.yaml.YAML(typ="safe", pure=True).load(text)  # a YAML 1.2 reader
    hashes = [p["source_hash"] for p in data["paragraphs"]]
    assert hashes == [paragraph_hash(t) for t in texts]
    assert [p["engine"] for p in data["paragraphs"]] == [{"target": "EN-GB", "glossary": None}] * 3


def test_new_paragraph_goes_after_its_predecessor(project, cli, fake_deepl):
    path = hand_made(project)
    article = project / "corpus" / "story" / "article.yaml"
    text = article.read_text("utf-8").replace(
        "- id: p3\n", "- id: p4\n  kind: paragraph\n  text: Eingeschoben.\n- id: p3\n"
    )
    article.write_text(text, "utf-8")
    assert cli("translate", "--root", project, "story").exit_code == 0
    ids = re.findall(r"^  - id: (p\d+)$", path.read_text("utf-8"), re.MULTILINE)
    assert ids == ["p1", "p2", "p4", "p3"]
