"""The docs folder MkDocs reads (build/docs), written so that a build that fails leaves it as it
was and a rebuild writes only what changed.

Generated files are put into a staging folder beside it (`build/.docs.*`), each only when its
content differs from the docs folder's copy; the build's worker processes put their own pages,
so no page travels back to the parent process. When everything has been generated and the
corpus passed the check, `commit` moves the staged files into the docs folder (one rename each)
and removes what is no longer generated. A staging folder left by a build that was killed is
removed by the next one.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from .problems import InputError

MARKER = ".glossator-staging"


class DocsStage:
    """Put files into a staging folder beside `docs`; commit them into `docs`."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs
        _refuse_links(docs)
        docs.parent.mkdir(parents=True, exist_ok=True)
        remove_killed(docs)
        _remove_links(docs)  # so that no page is compared through one
        self.staging = Path(tempfile.mkdtemp(prefix=f".{docs.name}.", dir=docs.parent))
        (self.staging / MARKER).write_text(f"{os.getpid()}\n")

    def put(self, name: str, content: bytes) -> None:
        """Stage the file `name` (a relative POSIX path) unless the docs folder holds the same
        bytes already. A link in the docs folder is never read: it counts as different."""
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or not path.parts or name == MARKER:
            raise ValueError(f"not a docs path: {name!r}")
        if _same(self.docs / name, content):
            return
        target = self.staging / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        except OSError as error:  # reported for the file of the docs folder it would become
            raise OSError(error.errno, error.strerror, str(self.docs / name)) from None

    def commit(self, wanted: set[str]) -> int:
        """Make the docs folder hold exactly the `wanted` files: the staged ones moved in, those
        already there kept, every other file (and every link) removed. Returns the number of
        files written. InputError, with nothing moved, when the docs folder or the folder holding
        it is a link (made one while the pages were made); InputError too when a page went missing
        because a folder of it was swapped meanwhile."""
        _refuse_links(self.docs)
        _remove_links(self.docs)
        moved = 0
        for folder, _, names in os.walk(self.staging):
            here = Path(folder)
            for name in names:
                relative = (here / name).relative_to(self.staging).as_posix()
                if relative == MARKER:
                    continue
                target = self.docs / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.replace(here / name, target)
                except OSError as error:
                    if error.errno != errno.EXDEV:
                        raise OSError(error.errno, error.strerror, str(target)) from None
                    shutil.copyfile(here / name, target)  # build/docs is another file system
                moved += 1
        present: set[str] = set()

        def keep(relative: str) -> bool:
            if relative in wanted:
                present.add(relative)
                return True
            return False

        _sweep(str(self.docs), "", keep)
        missing = sorted(wanted - present)
        self.discard()
        if missing:  # a folder of it was swapped while the pages were made
            raise InputError(
                f"{self.docs}: {missing[0]} (and {len(missing) - 1} more) went missing while the "
                "pages were made; run the build again"
            )
        return moved

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _refuse_links(docs: Path) -> None:
    for path in (docs, docs.parent):
        if path.is_symlink():
            raise InputError(f"{path}: is a symbolic link; refused (remove it, the build recreates it)")


def _remove_links(docs: Path) -> None:
    """Every link in the docs folder (to a file or a folder) removed, never followed."""
    if docs.is_dir():
        _sweep(str(docs), "", lambda relative: True)


def _sweep(folder: str, prefix: str, keep: Callable[[str], bool]) -> bool:
    """Remove every link under `folder` and every file whose relative path `keep` refuses, and
    the folders left empty; whether anything is left. One scandir per folder, no stat per file."""
    left = False
    with os.scandir(folder) as entries:
        for entry in list(entries):
            relative = prefix + entry.name
            if entry.is_symlink():
                os.unlink(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                if _sweep(entry.path, relative + "/", keep):
                    left = True
                else:
                    os.rmdir(entry.path)
            elif keep(relative):
                left = True
            else:
                os.unlink(entry.path)
    return left


def _same(path: Path, content: bytes) -> bool:
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(content):
            return False
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as file:
            return file.read() == content
    except OSError:
        return False


def remove_killed(docs: Path) -> None:
    """The staging folders beside `docs` of builds that were killed: only those holding the
    marker, with the id of a process that no longer runs."""
    for folder in docs.parent.glob(f".{docs.name}.*"):
        try:
            if folder.is_symlink() or not (folder / MARKER).is_file():
                continue
            pid = int((folder / MARKER).read_text().strip())
        except (OSError, ValueError):
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
