"""Helpers of the hostile suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def read_only_run(folder: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """`glossator ARGS` in a process of its own with `folder` read-only: a read-only bind mount
    in a mount namespace of its own when run as root (root ignores file permissions; the mount
    goes with the process), else the write permissions taken off and put back after."""
    command = [sys.executable, "-m", "glossator.cli", *args]
    if os.geteuid() == 0:
        script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
        return subprocess.run(
            ["unshare", "-m", "sh", "-c", script, "sh", str(folder), *command],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")] if not p.is_symlink()}
    try:
        for path, mode in modes.items():
            path.chmod(mode & ~0o222)
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
