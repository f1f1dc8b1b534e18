"""Each file in tests/cases/check breaks the fixture project in one way and says what
`glossator check` must report: path:line:column and the start of the message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from glossator.check import check_corpus

CASES = sorted((Path(__file__).parent / "cases" / "check").glob("*.yaml"))


def apply_case(case: dict, project: Path) -> None:
    target = project / case["file"]
    if case.get("delete"):
        target.unlink()
    elif "content" in case:
        target.write_text(case["content"], "utf-8")
    else:
        raw = target.read_bytes()
        old = case["replace"].encode("utf-8")
        assert raw.count(old) == 1, f"the case's 'replace' text must occur once in {case['file']}"
        new = case["with_latin1"].encode("latin-1") if "with_latin1" in case else case["with"].encode("utf-8")
        target.write_bytes(raw.replace(old, new))


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_check_reports_case(case_file: Path, project: Path) -> None:
    case = yaml.safe_load(case_file.read_text("utf-8"))
    apply_case(case, project)
    _, problems = check_corpus(project)
    reported = [str(p) for p in problems]
    assert len(reported) == len(case["expect"]), "\n".join(reported)
    for expected, line in zip(case["expect"], reported, strict=True):
        assert line.startswith(expected), f"expected {expected!r}, got {line!r}"


def test_fixture_project_is_clean(project: Path) -> None:
    _, problems = check_corpus(project)
    assert problems == []
