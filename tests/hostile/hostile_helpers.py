"""Helpers of the hostile suite."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

# For root without the right to mount (a container): every call that would write under the
# folder fails as on a read-only file system, in the command's own process.
_READ_ONLY_SHIM = r"""
import builtins, errno, io, os, sys
folder = os.path.realpath(sys.argv[1])

def inside(path):
    if isinstance(path, int):
        return False
    real = os.path.realpath(os.fsdecode(path))
    return real == folder or real.startswith(folder + os.sep)

def refuse(path):
    raise OSError(errno.EROFS, "Read-only file system", os.fsdecode(path))

real_os_open, real_io_open = os.open, io.open
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

def os_open(path, flags, *args, **kwargs):
    if flags & WRITE and inside(path):
        refuse(path)
    return real_os_open(path, flags, *args, **kwargs)

def io_open(file, mode="r", *args, **kwargs):
    if not isinstance(file, int) and any(c in mode for c in "wax+") and inside(file):
        refuse(file)
    return real_io_open(file, mode, *args, **kwargs)

def one(real):
    def wrapped(path, *args, **kwargs):
        if inside(path):
            refuse(path)
        return real(path, *args, **kwargs)
    return wrapped

def two(real):
    def wrapped(src, dst, *args, **kwargs):
        if inside(src) or inside(dst):
            refuse(dst)
        return real(src, dst, *args, **kwargs)
    return wrapped

os.open, io.open, builtins.open = os_open, io_open, io_open
for name in ("mkdir", "rmdir", "unlink", "remove", "chmod"):
    setattr(os, name, one(getattr(os, name)))
for name in ("replace", "rename"):
    setattr(os, name, two(getattr(os, name)))
sys.argv = ["glossator", *sys.argv[2:]]
from glossator.cli import main
main()
"""


@cache
def can_mount() -> bool:
    try:
        return subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30).returncode == 0
    except OSError:
        return False


def read_only_run(
    folder: Path, *args: str, timeout: float = 120, how: str = ""
) -> subprocess.CompletedProcess:
    """`glossator ARGS` in a process of its own with `folder` read-only. Not root: the write
    permissions are taken off (and put back after). Root (which ignores permissions): a
    read-only bind mount in a mount namespace of its own, which goes with the process; where
    root may not mount (a container), the writes are refused inside the process (see above)."""
    how = (
        how
        or os.environ.get("GLOSSATOR_TEST_READ_ONLY", "")
        or ("chmod" if os.geteuid() != 0 else "mount" if can_mount() else "shim")
    )
    command = [sys.executable, "-m", "glossator.cli", *args]
    if how == "mount":
        script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
        return subprocess.run(
            ["unshare", "-m", "sh", "-c", script, "sh", str(folder), *command],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    if how == "shim":
        return subprocess.run(
            [sys.executable, "-c", _READ_ONLY_SHIM, str(folder), *args],
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
