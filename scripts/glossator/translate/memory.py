"""The translation memory: every answer DeepL was paid for, keyed by exactly what was sent
(the XML, languages, glossary version). It lives in the repository
(corpus/_memory/), so CI and every clone reuse it, and one paragraph is never billed twice.

The file is JSON Lines. Each request's answers are appended in one write and synced to disk
before they are used: an answer that cannot be turned back into Markdown, a crash or Ctrl-C
never loses what was billed. A line is

    {"billed": 42, "glossary": null, "key": "...", "raw": "<DeepL's XML answer>",
     "source_hash": "...", "target": "EN-GB"}

Lines written before raw answers were kept carry the Markdown in "text" instead of "raw"; they
are still read. A torn line (a power cut in the middle of a write) is skipped on its own, so at
most that paragraph is billed again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..problems import InputError


@dataclass(frozen=True)
class Settings:
    """What a machine translation depends on besides the text."""

    source: str
    target: str
    glossary: str | None

    def key(self, xml: str) -> str:
        """The memory key of a paragraph sent as `xml`: exactly what DeepL was asked. A change
        of the markup code re-sends only the paragraphs whose XML it changes."""
        material = json.dumps(["xml", self.source, self.target, self.glossary, xml], ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]

    def legacy_key(self, text: str) -> str:
        """The key of lines written before raw answers were kept (markup version 1), which
        hold the Markdown: they are still used, so that nothing is paid for twice."""
        material = json.dumps([self.source, self.target, self.glossary, "1", text], ensure_ascii=False)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Answer:
    """What the memory holds for one key: DeepL's raw XML answer, or (lines from before raw
    answers were kept) the Markdown made from it."""

    raw: str | None = None
    text: str | None = None


def _read(line: str) -> tuple[str, Answer] | None:
    try:
        return _from_record(json.loads(line))
    except ValueError:
        return None


def _from_record(record: object) -> tuple[str, Answer] | None:
    if not isinstance(record, dict) or not isinstance(record.get("key"), str):
        return None
    raw, text = record.get("raw"), record.get("text")
    if isinstance(raw, str):
        return record["key"], Answer(raw=raw)
    if isinstance(text, str):
        return record["key"], Answer(text=text)
    return None


class TranslationMemory:
    """Read once, on first use; appended to once per request."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, Answer] | None = None

    @property
    def entries(self) -> dict[str, Answer]:
        if self._entries is None:
            self._entries = {}
            self._refuse_link()
            try:
                with self.path.open(encoding="utf-8", errors="replace") as handle:
                    for line in handle:
                        found = _read(line)  # None: a torn or hand-damaged line, skipped alone
                        if found:
                            self._entries[found[0]] = found[1]
            except FileNotFoundError:
                pass
            except OSError as error:
                raise InputError(
                    f"cannot read the translation memory {self.path}: {error.strerror}"
                ) from None
        return self._entries

    def get(self, key: str) -> Answer | None:
        return self.entries.get(key)

    def _refuse_link(self) -> None:
        """The memory is a regular file of the project: a symbolic link (which could make the
        tool read or append to a file elsewhere) is refused."""
        for path in (self.path, self.path.parent):
            if path.is_symlink():
                raise InputError(
                    f"{path}: is a symbolic link; refused (the translation memory must be a file of the project)"
                )

    def add(self, records: list[dict]) -> None:
        """Append the records in one write and sync it to disk before returning. Each record
        has a "key" and a "raw" answer (or a "text"). A write that fails part way (a full
        disk) is undone: the file is cut back to its length before, so no torn line is left."""
        entries = self.entries
        self._refuse_link()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o666)
        try:
            start = os.lseek(fd, 0, os.SEEK_END)
            if start and os.pread(fd, 1, start - 1) != b"\n":
                lines = "\n" + lines  # after a torn line: keep it on a line of its own
            data = lines.encode("utf-8")
            try:
                written = 0
                while written < len(data):
                    written += os.write(fd, data[written:])
                os.fsync(fd)
            except OSError as error:
                os.ftruncate(fd, start)
                raise OSError(error.errno, error.strerror, str(self.path)) from None
        finally:
            os.close(fd)
        for record in records:
            found = _from_record(record)
            if found:
                entries[found[0]] = found[1]
