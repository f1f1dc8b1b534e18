"""One writer at a time: `ingest`, `translate` and `build` hold a lock on the project while they
run, so that two of them never interleave their writes (two translate runs would each pay for
the same paragraphs; two ingests would each rewrite sources.yaml). The lock is the operating
system's (flock): it goes with the process, so a run killed with kill -9 leaves nothing to clean.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from .problems import InputError

LOCK_FILE = Path("build") / "glossator.lock"


@contextlib.contextmanager
def project_lock(root: Path, command: str) -> Iterator[None]:
    """Hold the project's lock for `command`; InputError at once when another command holds it.
    A folder that is no project (no corpus/) gets no lock file: the command refuses it anyway."""
    if not (root / "corpus").is_dir():
        yield
        return
    folder = root / LOCK_FILE.parent
    if folder.is_symlink():
        raise InputError(
            f"{LOCK_FILE.parent}/ is a symbolic link; refused (remove it, the build recreates it)"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as error:
        raise InputError(
            f"cannot create the lock file {LOCK_FILE.as_posix()} ({error.strerror or error}): "
            f"`glossator {command}` writes to the project, so it must be writable; nothing was done"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another command"
            raise InputError(
                f"{holder} is running on this project; wait until it has finished, then run "
                f"`glossator {command}` again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"`glossator {command}` (process {os.getpid()})\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
