from __future__ import annotations

from pathlib import Path

import pytest

from glossator.yamlio import load_yaml, parse_yaml, write_atomic


def parse(text: str):
    return parse_yaml(text, path=Path("x.yaml"), shown="x.yaml")


def test_marks_point_at_values():
    doc, problems = parse("a:\n  b:\n    - 1\n    - c: two\n")
    assert problems == []
    assert doc.locate(("a", "b", 1, "c")) == (4, 10)
    assert doc.locate(("a", "b", 7, "zzz")) == (3, 5), (
        "falls back to the nearest existing ancestor (the list)"
    )


def test_dates_stay_text_and_only_true_false_are_booleans():
    doc, _ = parse("date: 2024-11-28\ncountry: NO\nflag: true\nword: yes\n")
    assert doc.data == {"date": "2024-11-28", "country": "NO", "flag": True, "word": "yes"}


def test_duplicate_keys_are_reported():
    _, problems = parse("a: 1\nb: 2\na: 3\n")
    assert [str(p) for p in problems] == [
        "x.yaml:3:1: duplicate key 'a' (first given on line 1); keep one of them"
    ]


def test_comment_only_file_is_empty():
    doc, problems = parse("# yaml-language-server: $schema=x\n\n")
    assert doc is None and "file is empty" in problems[0].message


def test_binary_and_bom(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nb: \x89PNG\n")
    doc, problems = load_yaml(path, "x.yaml")
    assert (
        doc is None and str(problems[0]) == "x.yaml:2:4: not valid UTF-8 (byte 0x89); save the file as UTF-8"
    )
    path.write_bytes("\ufeffa: 1\n".encode())
    doc, problems = load_yaml(path, "x.yaml")
    assert doc.data == {"a": 1} and problems == []


def test_directory_instead_of_file(tmp_path: Path):
    doc, problems = load_yaml(tmp_path, "folder")
    assert doc is None and problems[0].message == "expected a file, found a directory"


def test_write_atomic_leaves_old_file_when_writing_fails(tmp_path: Path):
    path = tmp_path / "f.txt"
    path.write_text("old")

    class Boom(str):
        def encode(self, *args):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomic(path, Boom("new"))
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_alias_bomb_is_refused_at_once():
    """Nine lines of nested aliases stand for a billion nodes; nothing may walk them."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    doc, problems = parse("\n".join(lines) + "\n")
    assert doc is None
    assert str(problems[0]) == (
        "x.yaml:1:5: anchor '&a0': anchors, aliases, tags and merge keys are not allowed; write the value out in full"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n---\nb: 2\n", "x.yaml:2:1: a second YAML document ('---')"),
        ("a: !!python/name:os.system x\n", "x.yaml:1:4: tag 'tag:yaml.org,2002:python/name:os.system'"),
        ("base: {x: 1}\nitem:\n  <<: {y: 2}\n", "x.yaml:3:3: merge key '<<'"),
        ("a: [*undefined]\n", "x.yaml:1:5: alias '*undefined'"),
    ],
)
def test_yaml_features_the_corpus_never_needs_are_refused(text: str, expected: str):
    doc, problems = parse(text)
    assert doc is None and str(problems[0]).startswith(expected)


def test_prose_with_exclamation_marks_and_emphasis_is_not_mistaken_for_tags():
    doc, problems = parse("text: 'Jetzt *sichern*! Wow!'\nmore: a *b* c & d\n")
    assert problems == [] and doc.data["more"] == "a *b* c & d"


def test_a_path_going_up_after_a_link_is_not_inside(tmp_path):
    """`corpus/lnk/..` is the parent of the link's target for the system, not corpus/."""
    from glossator.yamlio import read_bytes

    root, outside = tmp_path / "project", tmp_path / "outside"
    (root / "corpus").mkdir(parents=True)
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.yaml").write_text("secret: yes\n")
    (root / "corpus" / "lnk").symlink_to(outside / "deep", target_is_directory=True)
    data, problems = read_bytes(root / "corpus" / "lnk" / ".." / "secret.yaml", "x", root)
    assert data is None and "outside the project" in problems[0].message
