"""Writing an ingest's outputs all or nothing, as far as a file system allows.

Every output is first written in full to a hidden temporary file (or, for a new article, a
hidden temporary folder) beside its target; only when all of them are written are they renamed
into place, in the order given. A failure while staging leaves nothing behind. A failure
between two renames leaves the earlier outputs in place: the caller orders them so that the
output which makes the article exist (its folder, or its article.yaml on an update) comes last,
and a re-run of the same command finds the job unfinished and completes it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..problems import InputError
from ..yamlio import file_mode, umask


@dataclass
class Output:
    """One file to write (`data`), or one new folder holding `files` (name -> bytes)."""

    path: Path
    shown: str
    data: bytes | None = None
    files: dict[str, bytes] | None = None


def _stage(output: Output) -> Path:
    """The output written in full to a hidden temporary file or folder beside its target; on a
    failure (a full disk) that is removed again before the error goes on."""
    output.path.parent.mkdir(parents=True, exist_ok=True)
    if output.files is not None:
        folder = Path(tempfile.mkdtemp(prefix=f".{output.path.name}.", dir=output.path.parent))
        try:
            folder.chmod(0o777 & ~umask())  # mkdtemp makes 0700; the article folder gets the user's umask
            for name, data in output.files.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(data)
        except BaseException:
            _discard([folder])
            raise
        return folder
    fd, tmp = tempfile.mkstemp(dir=output.path.parent, prefix=f".{output.path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, file_mode(output.path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(output.data or b"")
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _discard([Path(tmp)])
        raise
    return Path(tmp)


def _discard(staged: list[Path]) -> None:
    for path in staged:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def commit(outputs: list[Output]) -> list[str]:
    """Write every output (see the module's contract); the `shown` names of what was written.
    A failure is an InputError saying what was and was not written."""
    staged: list[Path] = []
    try:
        for output in outputs:
            staged.append(_stage(output))
    except OSError as error:
        _discard(staged)
        raise InputError(
            f"cannot write {output.shown}: {error.strerror or error}; nothing was changed"
        ) from None
    done: list[str] = []
    for index, (output, tmp) in enumerate(zip(outputs, staged, strict=True)):
        try:
            os.replace(tmp, output.path)
        except OSError as error:
            _discard(staged[index:])
            written = f" (written: {', '.join(done)})" if done else ""
            raise InputError(
                f"cannot write {output.shown}: {error.strerror or error}{written}; "
                "run the same command again to finish"
            ) from None
        done.append(output.shown)
    return done
