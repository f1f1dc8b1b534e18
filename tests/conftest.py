from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossator.cli import main

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE_PROJECT = TESTS / "fixtures" / "project"


def copy_project(source: Path, target: Path) -> Path:
    """A copy of a project, with the repository's mkdocs.yml and site_src so that it builds."""
    shutil.copytree(source, target)
    for name in ("mkdocs.yml",):
        if not (target / name).exists():
            shutil.copy(REPO / name, target / name)
    if not (target / "site_src").exists():
        shutil.copytree(REPO / "site_src", target / "site_src")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small, valid project (one article, two claims) to break in tests."""
    return copy_project(FIXTURE_PROJECT, tmp_path / "project")


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A copy of the committed corpus."""
    target = tmp_path / "repo"
    target.mkdir()
    for name in ("corpus", "annotations", "site_src"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def cli():
    def run(*args: str, input: str | bytes | None = None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run
