"""Normalized paragraph text and the hash that ties a translation to its source paragraph."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC, every run of white space (newlines, no-break spaces) made one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())  # str.split: the white space of \s


def normalize_fragment(text: str) -> str:
    """Like `normalize` but keeps a leading or trailing space: for quote prefixes and suffixes."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text))


def paragraph_hash(text: str) -> str:
    """First 16 hex digits of the SHA-256 of the normalized paragraph."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:16]


def normalize_block(kind: str, text: str) -> str:
    """The normalized form of a paragraph's text: one line (see `textnorm.normalize`), except
    tables (each row normalized) and code (Unicode NFC only, white space kept)."""
    if kind == "table":
        return "\n".join(normalize(line) for line in text.split("\n") if line.strip())
    if kind == "code":
        return unicodedata.normalize("NFC", text)
    return normalize(text)
