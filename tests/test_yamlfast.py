"""The fast reader (yaml-rs) gives exactly what the careful one (libyaml + PyYAML nodes) gives, or
leaves the text to it: on every YAML file of the project and of the tests, and on texts made to
tell YAML 1.1 from 1.2 or to slip an alias, a tag or a control character past it."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator import yamlio
from glossator.yamlfast import _RAW_REFUSED, SLOW, printable, top_level_marks

ROOT = Path(__file__).resolve().parent.parent


def careful(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list]:
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "fast_load", lambda _text, _clean=None: SLOW)
        doc, problems = yamlio.parse_yaml(text, path=Path("x.yaml"), shown="x.yaml")
    return (doc.data if doc else None), problems


def both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object, list]:
    data, problems = careful(text, monkeypatch)
    return yamlio.fast_load(text), data, problems


PROJECT_FILES = sorted(
    path
    for folder in ("corpus", "annotations", "tests")
    for path in (ROOT / folder).rglob("*.yaml")
    if path.is_file() and not path.is_symlink()
)


def test_the_project_has_yaml_files_to_compare() -> None:
    assert len(PROJECT_FILES) > 50


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_project_file_reads_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        text = path.read_text("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return  # a case file that is not UTF-8 on purpose: neither reader sees it
    fast, data, problems = both(text, monkeypatch)
    if fast is not SLOW:
        assert fast == data
        assert not [p for p in problems if "duplicate" in p.message or "alias" in p.message]


def test_an_ordinary_corpus_file_takes_the_fast_way() -> None:
    # Otherwise the speed-up is silently gone (each file would go the careful way).
    for name in ("article.yaml", "translation.en.yaml"):
        texts = [p.read_text("utf-8") for p in (ROOT / "corpus").rglob(name)]
        assert texts and all(yamlio.fast_load(t) is not SLOW for t in texts), name


def test_every_character_looked_for_is_unprintable() -> None:
    # `printable` lets a text skip the searches for these characters: sound only if each of them
    # makes a text unprintable (control characters, separators, non-characters).
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for pattern in (yamlio.INVISIBLE, _RAW_REFUSED):
        found = {m.group(0) for m in pattern.finditer(everything)} - {"\n"}
        assert found and not any(printable(char) for char in found), pattern.pattern
    assert printable("Größe – „Zitat“ 苏菂\nnext line") and not printable("a\tb")


DIFFERING = [
    # YAML 1.1 and 1.2 (or this project's rules) type these plain scalars differently
    "a: 017",
    "a: 1_000",
    "a: 1e3",
    "a: 1:20",
    "a: 0b11",
    "a: 0x1F",
    "a: .inf",
    "a: -.5",
    "a: +12",
    "a: 404",
    "a: yes",
    "a: No",
    "a: y",
    "a: on",
    "a: 2024-12-10",
    "a: 2024-12-10T10:00:00Z",
    "a: ~",
    "a: Null",
    "a: TRUE",
    "a: True",
    "a: =",
    "a: '404'",
    'a: "2024-12-10"',
    "a: 'true'",
    "a: 1313353330555e22",
    "1: a",
    "null: a",
    "true: a",
    "? [a, b]\n: c",
    # what the careful reader refuses or reports
    "x: &a 1\nb: *a",
    "a: [x, *b]",
    "a: !foo bar",
    "a: [1, !foo bar]",
    "a:\n  !foo bar",
    "a: !!str 12",
    "<<: {a: 1}",
    "b: {<<: {a: 1}}",
    "a: 1\na: 2",
    "---\na: 1\n---\nb: 2\n",
    "%YAML 1.1\n---\na: 1",
    "a: 1\n...\n",
    "a: b\x01c",
    "a: b\u00a0c\x01",  # a no-break space (unprintable too) beside the control character
    "- - a",
    "-  - a",
    "- ?  a",
    "? - a\n: b",
    "a:\n  -   ?   b\n    : c",
    "a: b\x7fc",
    "a: b\x85c",
    "a: b\u2028c",
    "a: \ufdd0",
    'a: "b\\x01c"',
    'a: "b\\u0085c"',
    "a:\n\t- b",
    "a: 'b\tc'",
    "a: [b, c",
    "a: 'unclosed",
    # the same in both: the readers must agree exactly
    "a: b\r\nc: d\r\n",
    "a: Größe & Gewicht!\nb: Jetzt abonnieren!\nc: x&y",
    "a: >\n  folded\n  lines\n\n  kept\nb: |-\n  literal\n   indented\nc: |+\n  keep\n\n",
    'a: "double \\"quoted\\" with \\u00e9 and\n  a folded line"',
    "a: 'single ''quoted'''\nb: plain\n  continued line",
    "a: {b: c, d: [e, f]}\ng: []\nh: {}\ni:\nj: ''",
    "a:\n- b: 1.5\n  c: d\n- e",
    "list:\n  - *emphasis* in prose\n  - '*quoted* too'",
    "a: '# not a comment' # a comment\n# another\nb: c#d",
    "a: 苏菂 – „Zitat“ — ‘x’",
]


@pytest.mark.parametrize("text", DIFFERING)
def test_texts_made_to_differ_read_the_same_or_go_the_careful_way(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, data, _ = both(text, monkeypatch)
    if data is None:
        assert fast is SLOW, "the careful reader refuses this text; the fast one must not accept it"
    elif fast is not SLOW:
        assert fast == data


def test_a_schema_problem_in_a_fast_read_file_is_located_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# head\nid: x\nparagraphs:\n  - id: p1\n    text: eins\n  - id: p2\n    text: zwei\n"
    assert yamlio.fast_load(text) is not SLOW
    fast_doc, _ = yamlio.parse_yaml(text, path=Path("a.yaml"), shown="a.yaml")
    with monkeypatch.context() as patch:
        patch.setattr(yamlio, "fast_load", lambda _text, _clean=None: SLOW)
        slow_doc, _ = yamlio.parse_yaml(text, path=Path("a.yaml"), shown="a.yaml")
    for where in [("paragraphs", 1, "text"), ("paragraphs", 1), ("id",), ("missing", "deep")]:
        assert fast_doc.locate(where) == slow_doc.locate(where)
        assert fast_doc.locate(where, at_key=True) == slow_doc.locate(where, at_key=True)
    assert fast_doc.locate(("paragraphs", 1, "text")) == (7, 11)


@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_top_level_marks_from_the_text_are_the_node_trees(path: Path) -> None:
    # A file read the fast way is located without composing its nodes, for the document and its
    # top-level values: where a warning on every article (an unreviewed translation) points.
    try:
        text = path.read_text("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return
    data = yamlio.fast_load(text)
    if data is SLOW:
        return
    marks = top_level_marks(text, data)
    careful = yamlio.Document(path, "x.yaml", data, text)
    for where, (line, column, key_line, key_column) in marks.items():
        assert careful.locate(where) == (line, column), where
        if where:
            assert careful.locate(where, at_key=True) == (key_line, key_column), where


def test_top_level_marks_leave_what_they_cannot_place_to_the_node_tree() -> None:
    assert top_level_marks("a: 1\nb:\nc: 2\n", {"a": "1", "b": None, "c": "2"}) == {
        (): (1, 1, 0, 0),
        ("a",): (1, 4, 1, 1),
        ("c",): (3, 4, 3, 1),
    }
    assert top_level_marks("{a: 1, b: 2}", {"a": 1, "b": 2}) == {}
    assert top_level_marks('"a": 1\n', {"a": 1}) == {}
    assert top_level_marks("# c\nitems:\n  # c\n- x\n", {"items": ["x"]})[("items",)] == (4, 1, 2, 1)
