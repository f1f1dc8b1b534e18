"""A build killed while MkDocs writes leaves a staging folder (`.site.*`); the next build removes
it, and only it: a folder that merely has such a name is kept. Staging is ignored by git."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[2]
KILLED_BUILD = """
import os, signal, sys
from pathlib import Path
from glossator import build
build._run_mkdocs = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # killed while MkDocs writes
build.build_site(Path(sys.argv[1]), progress=lambda _: None)
"""


def staging(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def test_a_killed_build_leaves_staging_that_the_next_build_removes(project: Path):
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BUILD, str(project)], capture_output=True, timeout=120
    )
    assert killed.returncode == -9
    left = staging(project)
    assert len(left) == 1, "the killed build left its staging folder"
    mine = project / ".site.backup"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep")
    result = subprocess.run(
        [sys.executable, "-m", "glossator.cli", "build", "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert staging(project) == [".site.backup"], "the killed build's staging is gone, the other kept"
    assert (mine / "notes.txt").read_text() == "keep"
    assert not (project / "site" / ".glossator-staging").exists()
    assert (project / "site" / ".glossator-site").is_file()


def test_staging_folders_are_ignored_by_git():
    found = subprocess.run(
        ["git", "-C", str(REPO), "check-ignore", "--no-index", ".site.k2j4x9a/index.html", ".site.old/x"],
        capture_output=True,
        text=True,
    )
    assert found.stdout.split() == [".site.k2j4x9a/index.html", ".site.old/x"]
