"""What the rules share: a problem at a place in the model, references, dates, notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from ..model import Corpus, Where
from ..problems import Problem

REGISTRIES = {"source": "annotations/sources.yaml", "entity": "annotations/entities.yaml"}


def problem(where: Where, message: str, *, at_key: bool = False, severity: str = "error") -> Problem:
    return where.doc.problem(where.path, message, at_key=at_key, severity=severity)


def reference(corpus: Corpus, where: Where, kind: str, ref: str | None, hint: str = "") -> Iterator[Problem]:
    """A problem when `ref` names no entry of the registry of `kind` (source, entity). Nothing
    is reported when the registry could not be read at all (rather than every reference), nor
    for an entry that failed its schema (it has its own problem already)."""
    known = corpus.sources if kind == "source" else corpus.entities
    if known is not None and ref is not None and ref not in known and ref not in corpus.invalid[kind]:
        yield problem(
            where, f"unknown {kind} '{ref}'" + (hint or f" (expected an id from {REGISTRIES[kind]})")
        )


def real_date(where: Where, value: str | None) -> Iterator[Problem]:
    """The schema checks the form (YYYY, YYYY-MM, YYYY-MM-DD); this checks the calendar."""
    if value is None:
        return
    try:
        numbers = [int(p) for p in value.split("-")]
        dt.date(numbers[0], *(numbers[1:] + [1, 1][: 3 - len(numbers)]))
    except (ValueError, TypeError):
        yield problem(where, f"'{value}' is not a real date (expected YYYY, YYYY-MM or YYYY-MM-DD)")


def notes_for_empty(
    where: Where, item: object, fields: tuple[str, ...], notes: Mapping[str, str]
) -> Iterator[Problem]:
    """The honesty rule: a field left empty says why in `notes`, so nobody fills it by guessing."""
    for name in fields:
        if getattr(item, name) is None and not notes.get(name):
            yield problem(
                where.at(name),
                f"'{name}' is empty but has no note: add notes.{name} saying why it is unknown (never guess a value)",
            )
