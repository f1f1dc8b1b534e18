"""Which state of the corpus an export was made from: the git commit and its date when the
project is in a git repository, and whether corpus/ or annotations/ differ from that commit.
Outside git (or without git installed) every field says "unknown": nothing is made up."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

UNKNOWN = "unknown"


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def corpus_version(root: Path) -> dict[str, Any]:
    """{"commit", "date", "modified"}: the commit checked out, its committer date (ISO 8601),
    and whether corpus/ or annotations/ have changes not committed (null when unknown)."""
    found = _git(root, "log", "-1", "--format=%H %cI")
    if not found:
        return {"commit": UNKNOWN, "date": UNKNOWN, "modified": None}
    commit, date = found.split(" ", 1)
    status = _git(root, "status", "--porcelain", "--", "corpus", "annotations")
    return {"commit": commit, "date": date, "modified": None if status is None else bool(status)}
