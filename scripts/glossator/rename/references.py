"""Every place in the project's YAML files where an id of a claim, a source or an entity is
defined or referenced, as one table read from the schemas (tests/test_rename.py checks that the
table covers every field the schemas declare as an id, so a new reference field cannot be
forgotten by `rename`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

KINDS = ("claim", "source", "entity")

Path_ = tuple[str | int, ...]


class Field(NamedTuple):
    """A field holding an id: in files following `schema`, at `path` ("*" stands for every item
    of a list), of `kind`, written after `prefix` (a claimant is `entity:<id>`)."""

    schema: str
    path: tuple[str, ...]
    kind: str
    prefix: str = ""
    defines: bool = False


FIELDS = (
    Field("claims", ("claims", "*", "id"), "claim", defines=True),
    Field("claims", ("claims", "*", "claimant"), "source", "source:"),
    Field("claims", ("claims", "*", "claimant"), "entity", "entity:"),
    Field("claims", ("claims", "*", "sources", "*", "source"), "source"),
    Field("claims", ("claims", "*", "entities", "*"), "entity"),
    Field("claims", ("claims", "*", "relations", "*", "claim"), "claim"),
    Field("sources", ("sources", "*", "id"), "source", defines=True),
    Field("sources", ("sources", "*", "via", "*"), "source"),
    Field("sources", ("sources", "*", "entities", "*"), "entity"),
    Field("entities", ("entities", "*", "id"), "entity", defines=True),
    Field("article", ("source",), "source"),
    Field("article", ("paragraphs", "*", "quote_of"), "source"),
)

# Fields whose schema says "id" but that name something `rename` does not rename (an article is
# its folder's name), or that only repeat their file's own name.
NOT_RENAMED = (
    ("article", ("id",)),
    ("claims", ("article",)),
    ("translation", ("article",)),
    ("sources", ("sources", "*", "article")),
)


def occurrences(data: Any, field: Field) -> Iterator[tuple[Path_, str]]:
    """(path, id) of every id the field holds in a file's data (its prefix removed)."""

    def walk(value: Any, rest: tuple[str, ...], at: Path_) -> Iterator[tuple[Path_, str]]:
        if not rest:
            if isinstance(value, str) and value.startswith(field.prefix):
                yield at, value[len(field.prefix) :]
            return
        step, more = rest[0], rest[1:]
        if step == "*":
            for index, item in enumerate(value if isinstance(value, list) else []):
                yield from walk(item, more, (*at, index))
        elif isinstance(value, dict) and step in value:
            yield from walk(value[step], more, (*at, step))

    yield from walk(data, field.path, ())


def fields_for(schema: str, kind: str) -> list[Field]:
    return [f for f in FIELDS if f.schema == schema and f.kind == kind]
