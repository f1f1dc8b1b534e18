"""The glossary file of a language pair (annotations/glossary.<source>-<target>.yaml), and its
version: a hash of its content, part of every translation memory key."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Layout, load_file
from ..problems import InputError


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
        """Changes exactly when the entries change."""
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


def load_glossary(layout: Layout, source: str, target: str) -> Glossary | None:
    """The glossary for the pair, None if there is none. Raises InputError (located problems)
    when the file breaks its schema."""
    path = glossary_path(layout, source, target)
    if not path.exists():
        return None
    loaded, problems = load_file(layout.root, path, "glossary")
    if problems or loaded is None:
        raise InputError(problems)
    return glossary_from_data(loaded.doc.data)
