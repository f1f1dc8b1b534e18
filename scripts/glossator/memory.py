"""The translation memory: every machine translation ever paid for, keyed by exactly what was
sent (text, languages, glossary version, markup version). It lives in the repository
(corpus/_memory/), so CI and every clone reuse it, and one paragraph is never billed twice.

The file is JSON Lines, appended to and flushed after every request: a run that stops midway
keeps what it paid for, and a torn last line (power cut) is ignored on the next load.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .markup import MARKUP_VERSION


@dataclass(frozen=True)
class Settings:
    source: str
    target: str
    glossary: str | None

    def key(self, text: str) -> str:
        material = json.dumps(
            [self.source, self.target, self.glossary, MARKUP_VERSION, text], ensure_ascii=False
        )
        return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


class TranslationMemory:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, str] = {}
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        record = json.loads(line)
                        self.entries[record["key"]] = record["text"]
                    except (ValueError, KeyError, TypeError):
                        continue  # a torn or hand-damaged line: that paragraph is translated again

    def get(self, key: str) -> str | None:
        return self.entries.get(key)

    def add(self, records: list[dict]) -> None:
        """Append and flush to disk before returning: what was billed is never lost."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        torn = self.path.exists() and self.path.stat().st_size and not self.path.read_bytes().endswith(b"\n")
        with self.path.open("a", encoding="utf-8") as handle:
            if torn:
                handle.write("\n")
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                self.entries[record["key"]] = record["text"]
            handle.flush()
            os.fsync(handle.fileno())
