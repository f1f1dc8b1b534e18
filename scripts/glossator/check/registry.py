"""Rules for the shared registries: unique ids, `via` chains, references into each other."""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Files, Loaded
from ..evidence import via_closure
from ..model import Corpus
from ..problems import Problem
from .common import notes_for_empty, problem, real_date, reference

SOURCE_FIELDS_NEEDING_NOTES = ("title", "author", "publisher", "date", "url")


def unique_ids(loaded: Loaded | None, key: str, what: str) -> Iterator[Problem]:
    """Every id given twice in one registry (the model keeps only the first)."""
    if loaded is None:
        return
    seen: dict[str, int] = {}
    for index, item in loaded.items(key):
        value = item.get("id")
        if value in seen:
            line = loaded.doc.locate((key, seen[value]))[0]
            yield loaded.doc.problem(
                (key, index, "id"),
                f"duplicate {what} id '{value}' (first on line {line}); ids must be unique",
            )
        else:
            seen[value] = index


def check_registries(corpus: Corpus, files: Files) -> Iterator[Problem]:
    yield from unique_ids(files.sources, "sources", "source")
    yield from unique_ids(files.entities, "entities", "entity")
    sources = corpus.sources or {}
    for source in sources.values():
        where = source.where
        present = {k for k in SOURCE_FIELDS_NEEDING_NOTES if k in _raw(where)}
        yield from notes_for_empty(where, source, tuple(present), source.notes)
        yield from real_date(where.at("date"), source.date)
        for i, ref in enumerate(source.via):
            yield from reference(corpus, where.at("via", i), "source", ref)
            if ref == source.id:
                yield problem(where.at("via", i), "a source cannot be known via itself")
        for i, ref in enumerate(source.entities):
            yield from reference(corpus, where.at("entities", i), "entity", ref)
        if source.article is not None and not corpus.has_folder(source.article):
            yield problem(
                where.at("article"),
                f"unknown article '{source.article}' (expected a folder name under corpus/)",
            )
        if source.id not in source.via and source.id in via_closure(sources, source.id):
            yield problem(where.at("via"), f"'via' goes round in a circle back to '{source.id}'")


def _raw(where) -> dict:
    """The YAML mapping of an item: to tell a field written as null from one left out."""
    value = where.doc.data
    for part in where.path:
        value = value[part]
    return value
