"""Two commands that write never run at once on one project: the second is refused at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from glossator.lock import project_lock


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "glossator.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [("build",), ("translate",), ("ingest", "-", "--id", "second", "--lang", "de")],
    ids=["build", "translate", "ingest"],
)
def test_a_second_writer_is_refused_while_the_first_runs(project: Path, args: tuple[str, ...]):
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if "build" not in p.parts)
    with project_lock(project, "translate"):
        result = run(*args, "--root", str(project), cwd=project)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("`glossator translate` (process ")
    assert (
        f"is running on this project; wait until it has finished, then run `glossator {args[0]}` again"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    after = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if "build" not in p.parts)
    assert after == before, "the refused command wrote nothing"


def test_the_lock_is_free_again_after_a_run(project: Path):
    with project_lock(project, "build"):
        pass
    result = run("build", "--root", str(project), cwd=project)
    assert result.returncode == 0, result.stderr


def test_no_lock_file_in_a_folder_that_is_no_project(tmp_path: Path):
    result = run("build", "--root", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1 and "no corpus folder" in result.stderr
    assert list(tmp_path.iterdir()) == []
