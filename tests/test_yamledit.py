"""Writing YAML: what did not change keeps its bytes; what is written reads back the same in
YAML 1.1 (PyYAML) and YAML 1.2 (ruamel.yaml, as the yaml-language-server reads it)."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import REPO
from glossator.yamledit import dump_yaml, rewrite_yaml, write_yaml
from glossator.yamlio import parse_yaml

TRANSLATION = """\
# yaml-language-server: $schema=../../scripts/glossator/schemas/translation.schema.json
article: demo
language: en
# the reviewer's comment stays
paragraphs:
  - id: p1
    source_hash: "1313353330555e22"
    method: manual
    review: reviewed
    text: A hand-wrapped
      paragraph.   # and a comment after it
  - id: p2
    source_hash: 27e831d4a9764f3c
    method: deepl
    review: unreviewed
    text: Old machine text.
  # a comment above p3
  - id: p3
    source_hash: c681e01af894b26f
    method: manual
    review: unreviewed
    text: Third.
"""


def load(text: str):
    doc, problems = parse_yaml(text, path=Path("x.yaml"), shown="x.yaml")
    assert problems == []
    return doc.data


def read_12(text: str):
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


def changed_lines(old: str, new: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_unchanged_data_gives_the_same_bytes():
    assert rewrite_yaml(TRANSLATION, load(TRANSLATION)) == TRANSLATION


def test_one_changed_item_changes_only_its_lines():
    data = load(TRANSLATION)
    data["paragraphs"][1] = {
        **data["paragraphs"][1],
        "text": "New machine text.",
        "source_hash": "00112233445566e7",
    }
    new = rewrite_yaml(TRANSLATION, data)
    assert changed_lines(TRANSLATION, new) == [
        "-    source_hash: 27e831d4a9764f3c",
        "+    source_hash: '00112233445566e7'",
        "-    text: Old machine text.",
        "+    text: New machine text.",
    ]
    assert load(new) == data


def test_items_added_and_removed_keep_the_comments_of_others():
    data = load(TRANSLATION)
    p4 = {
        "id": "p4",
        "source_hash": "0000000000000001",
        "method": "deepl",
        "review": "unreviewed",
        "text": "yes",
    }
    data["paragraphs"] = [data["paragraphs"][0], data["paragraphs"][2], p4]
    new = rewrite_yaml(TRANSLATION, data)
    assert load(new) == data
    p2 = TRANSLATION.index("  - id: p2")
    p3 = TRANSLATION.index("  # a comment above p3")
    added = "  - id: p4\n    source_hash: '0000000000000001'\n    method: deepl\n    review: unreviewed\n    text: 'yes'\n"
    assert new == TRANSLATION[:p2] + TRANSLATION[p3:] + added, "p2 gone, every other line as it was"


@pytest.mark.parametrize(
    "value",
    [
        "1313353330555e22",
        "404",
        "null",
        "true",
        "yes",
        "no",
        "on",
        "1.5",
        "0o17",
        "0x1f",
        "2024-11-28",
        "~",
        "",
    ],
)
def test_strings_that_look_like_other_types_are_quoted(value: str):
    text = dump_yaml({"id": value, "list": [value]})
    assert read_12(text) == {"id": value, "list": [value]}
    assert load(text) == {"id": value, "list": [value]}


def test_shared_objects_are_written_out_not_aliased():
    engine = {"target": "EN-GB"}
    text = dump_yaml({"paragraphs": [{"engine": engine}, {"engine": engine}]})
    assert "&" not in text and "*" not in text
    assert load(text)["paragraphs"][1]["engine"] == engine


def test_write_yaml_reports_whether_anything_changed(tmp_path: Path):
    path = tmp_path / "t.yaml"
    path.write_text(TRANSLATION, "utf-8")
    assert write_yaml(path, load(TRANSLATION)) is False
    data = load(TRANSLATION)
    data["language"] = "en-GB"
    assert write_yaml(path, data) is True
    assert changed_lines(TRANSLATION, path.read_text("utf-8")) == ["-language: en", "+language: en-GB"]
    assert [p.name for p in tmp_path.iterdir()] == ["t.yaml"], "no temporary file is left behind"


def test_every_committed_yaml_file_reads_the_same_in_yaml_1_2():
    """Editors use YAML 1.2 readers (yaml-language-server): a value PyYAML reads as a string must
    not turn into a number there."""
    files = sorted((REPO / "corpus").rglob("*.yaml")) + sorted((REPO / "annotations").rglob("*.yaml"))
    files += sorted((REPO / "tests" / "fixtures").rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text("utf-8")
        assert read_12(text) == load(text), path


@pytest.mark.parametrize(
    "old",
    [
        '{"article": "a", "language": "en", "paragraphs": [{"id": "p1", "text": "x"}]}\n',
        "article: a\nlanguage: en\nparagraphs:\n  - &r {id: p1, text: x}\n  - id: p2\n    text: y\n",
        "article: a\nlanguage: en\nparagraphs:\n  - id: p1\n    text: x\n...\n",
        "article: a\nlanguage: en\nparagraphs:\n  - id: p1\n    text: |+\n      one\n\n  - id: p2\n    text: y\n",
        "article: a\nlanguage: en\nparagraphs: [{id: p1, text: x}, {id: p2, text: y}]  # keep\n",
    ],
    ids=["json", "anchor", "document-end", "keep-block", "flow-list"],
)
def test_whatever_the_old_text_the_new_file_reads_as_the_new_data(old: str):
    data = {
        "article": "a",
        "language": "en",
        "paragraphs": [{"id": "p1", "text": "one\n\n" if "|+" in old else "x"}, {"id": "p3", "text": "new"}],
    }
    assert read_12(rewrite_yaml(old, data)) == data
    emptied = {**data, "paragraphs": []}
    assert load(rewrite_yaml(old, emptied)) == emptied


def test_a_comment_above_a_key_goes_with_it():
    old = "article: a\n# the language of the text\nlanguage: en\n# the paragraphs, in order\nparagraphs: []\n"
    new = rewrite_yaml(old, {"article": "a", "paragraphs": []})
    assert new == "article: a\n# the paragraphs, in order\nparagraphs: []\n"


def test_line_endings_and_byte_order_mark_are_kept(tmp_path: Path):
    path = tmp_path / "t.yaml"
    path.write_bytes(("\ufeff" + TRANSLATION.replace("\n", "\r\n")).encode())
    data = load(TRANSLATION)
    data["language"] = "en-GB"
    assert write_yaml(path, data) is True
    raw = path.read_bytes().decode()
    assert raw == "\ufeff" + TRANSLATION.replace("language: en\n", "language: en-GB\n").replace("\n", "\r\n")
