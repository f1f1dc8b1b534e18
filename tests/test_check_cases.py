"""The check's examples, as check-jsonschema keeps them: each folder under tests/cases/check/
holds whole files laid over the small fixture project. A `negative/` case says in case.yaml what
`glossator check` must report (path:line:column and the start of each message, errors and
warnings alike, in order); a `positive/` case must pass with no problem at all. Adding a case is
adding a folder.

Each case runs the four ways the rules can run: keeping the whole model (the build, export) or
the articles' outlines only (`glossator check`), each in this process and in worker processes
as on a large corpus (where each article's rules run in the worker that read it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from glossator import parallel
from glossator.check import check_corpus

CASES = Path(__file__).parent / "cases" / "check"
NEGATIVE = sorted(p for p in (CASES / "negative").iterdir() if p.is_dir())
POSITIVE = sorted(p for p in (CASES / "positive").iterdir() if p.is_dir())


def apply_case(folder: Path, project: Path) -> dict:
    """Lay the case's files over the project; returns its case.yaml."""
    case = yaml.safe_load((folder / "case.yaml").read_text("utf-8"))
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "case.yaml":
            target = project / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    for name in case.get("delete", []):
        (project / name).unlink()
    return case


MODES = ["model", "outlines", "model-workers", "outlines-workers"]


@pytest.fixture(params=MODES)
def check(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """check_corpus, run one of the four ways."""
    if request.param.endswith("-workers"):
        monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    return lambda root: check_corpus(root, articles=request.param.startswith("model"))


@pytest.mark.parametrize("folder", NEGATIVE, ids=[c.name for c in NEGATIVE])
def test_check_reports_case(folder: Path, project: Path, check) -> None:
    case = apply_case(folder, project)
    _, problems = check(project)
    reported = [str(p) for p in problems]
    assert len(reported) == len(case["expect"]), "\n".join(reported)
    for expected, line in zip(case["expect"], reported, strict=True):
        assert line.startswith(expected), f"expected {expected!r}, got {line!r}"


@pytest.mark.parametrize("folder", POSITIVE, ids=[c.name for c in POSITIVE])
def test_check_accepts_case(folder: Path, project: Path, check) -> None:
    apply_case(folder, project)
    _, problems = check(project)
    assert [str(p) for p in problems] == []


def test_fixture_project_is_clean(project: Path) -> None:
    _, problems = check_corpus(project)
    assert problems == []
