"""Bounds on what ingest takes in, so that no input hangs it or exhausts memory:

- the input file is looked at (fstat) before it is read, and read only up to the limit: a FIFO,
  a device (/dev/zero) or a file over 20 MB is refused without reading it;
- a zip container (DOCX, ODT, EPUB) is opened and its entries counted and decompressed here,
  with a limit on both, before pandoc sees it (a 1 MB zip bomb once unpacked to gigabytes);
- pandoc runs with a time limit, a heap limit and `--sandbox` (it reads no other file);
- control and non-characters are stripped from every text taken from the input, and each
  stripping is reported (a U+0085 in a `<title>` once broke a page's front matter).
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import unicodedata
import zipfile
from typing import Any, BinaryIO

from ..problems import InputError
from ..yamlio import INVISIBLE

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024  # all entries of a DOCX/ODT/EPUB together, decompressed
MAX_ENTRIES = 5000
PANDOC_SECONDS = 120.0
PANDOC_HEAP = "2g"


def _too_big(shown: str, size: int) -> InputError:
    return InputError(
        f"{shown}: the file is {size / 2**20:.1f} MB; ingest takes files up to 20 MB "
        "(split it, or save only the article)"
    )


def read_bounded(handle: BinaryIO, shown: str) -> bytes:
    """At most MAX_BYTES from an open binary stream; InputError if there is more."""
    raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(f"{shown}: more than 20 MB; ingest takes files up to 20 MB (save only the article)")
    return raw


def read_input(source: str) -> tuple[bytes, str]:
    """The bytes of SOURCE (a file, or '-' for standard input) and the name to show. The file is
    opened without blocking and looked at before it is read: only a regular file of at most
    MAX_BYTES is read (a FIFO would block, /dev/zero never ends)."""
    if source == "-":
        return read_bounded(sys.stdin.buffer, "-"), "-"
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(f"{source}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder; give the article's file") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read it: {error.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{source}: is a folder; give the article's file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{source}: is not a regular file (a FIFO, socket or device); give the article's file"
            )
        if info.st_size > MAX_BYTES:
            raise _too_big(source, info.st_size)
        os.set_blocking(fd, True)
        with os.fdopen(os.dup(fd), "rb") as handle:
            return read_bounded(handle, source), source
    except OSError as error:
        raise InputError(f"{source}: cannot read it: {error.strerror}") from None
    finally:
        os.close(fd)


def check_archive(raw: bytes, shown: str) -> None:
    """A DOCX, ODT or EPUB (a zip file) with at most MAX_ENTRIES entries that decompress to at
    most MAX_UNPACKED bytes in all; the sizes the archive declares are not trusted: every entry
    is decompressed here, in chunks, and counted."""
    hint = "it is not an ordinary document (a zip bomb?); save the article in another format"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise InputError(
                    f"{shown}: the archive holds {len(entries)} files, more than {MAX_ENTRIES}; {hint}"
                )
            if sum(e.file_size for e in entries) > MAX_UNPACKED:
                raise InputError(
                    f"{shown}: the archive unpacks to more than {MAX_UNPACKED // 2**20} MB; {hint}"
                )
            total = 0
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_UNPACKED:
                            raise InputError(
                                f"{shown}: the archive unpacks to more than {MAX_UNPACKED // 2**20} MB; {hint}"
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as error:
        raise InputError(f"{shown}: a damaged zip archive ({error}); pandoc cannot read it") from None
    except RuntimeError as error:  # an encrypted entry
        raise InputError(f"{shown}: cannot read the archive: {error}") from None


def run_pandoc(args: list[str], data: bytes, shown: str, fmt: str) -> str:
    """Pandoc's output (text) for `data` on its standard input: at most PANDOC_SECONDS and
    PANDOC_HEAP of memory, reading no other file (--sandbox). InputError when it fails."""
    import pypandoc

    command = [pypandoc.get_pandoc_path(), *args, "--sandbox", "+RTS", f"-M{PANDOC_HEAP}", "-RTS"]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=PANDOC_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(
            f"{shown}: pandoc took longer than {PANDOC_SECONDS:g} seconds to read it as {fmt} and was "
            "stopped; save only the article, or paste its text"
        ) from None
    except OSError as error:
        raise InputError(f"cannot run pandoc: {error.strerror or error}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = lines[-1] if lines else f"exit status {done.returncode}"
        if "heap overflow" in first.lower():
            first = f"it needs more than {PANDOC_HEAP}B of memory"
        raise InputError(f"{shown}: pandoc cannot read it as {fmt}: {first}")
    return done.stdout.decode("utf-8", "replace")


def describe_char(char: str) -> str:
    return f"U+{ord(char):04X}" + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")


def strip_invisible(data: Any, where: str = "") -> tuple[Any, list[str]]:
    """`data` (strings, lists, mappings) with every character `check` refuses in corpus text
    removed (see yamlio.INVISIBLE), and one line per string changed: what was removed, where."""
    if isinstance(data, str):
        found = sorted(set(INVISIBLE.findall(data)))
        if not found:
            return data, []
        what = ", ".join(describe_char(c) for c in found)
        return INVISIBLE.sub("", data), [f"{where or 'text'}: removed {what}"]
    if isinstance(data, list):
        pairs = [strip_invisible(item, f"{where}[{_name(item, i)}]") for i, item in enumerate(data)]
        return [p[0] for p in pairs], [line for p in pairs for line in p[1]]
    if isinstance(data, dict):
        out, lines = {}, []
        for key, value in data.items():
            out[key], found = strip_invisible(value, f"{where}.{key}" if where else str(key))
            lines += found
        return out, lines
    return data, []


def _name(item: Any, index: int) -> str:
    """A list item's id when it has one (paragraphs[p3]), else its index."""
    return item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else str(index)
