"""The glossary file of a language pair, and its version (a hash of its content)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .corpus import Layout


@dataclass(frozen=True)
class Glossary:
    source_language: str
    target_language: str
    terms: dict[str, str]
    keep: tuple[str, ...]

    @property
    def entries(self) -> dict[str, str]:
        """What DeepL gets: the terms, and each name to keep mapped to itself."""
        return {**{name: name for name in self.keep}, **self.terms}

    @property
    def version(self) -> str:
        """Changes exactly when the entries change; part of every translation memory key."""
        tsv = "\n".join(f"{s}\t{t}" for s, t in sorted(self.entries.items()))
        return hashlib.sha256(tsv.encode("utf-8")).hexdigest()[:12]


def glossary_path(layout: Layout, source: str, target: str) -> Path:
    return layout.annotations / f"glossary.{source.lower()}-{target.split('-')[0].lower()}.yaml"


def glossary_from_data(data: dict) -> Glossary:
    return Glossary(
        data["source_language"],
        data["target_language"],
        {t["source"]: t["target"] for t in data.get("terms") or []},
        tuple(data.get("keep") or ()),
    )
