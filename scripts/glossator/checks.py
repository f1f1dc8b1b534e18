"""Checks across files: ids, references, quotes, hashes, dates. Schema checks come first (corpus.py);
these run on whatever parsed, defensively, so that one run reports every problem."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

from .corpus import (
    Corpus,
    Entry,
    items,
    load_corpus,
    mapping_items,
    reading_paragraphs,
    translated_paragraphs,
)
from .ingest.blocks import normalize_block
from .problems import Problem
from .quotes import TextQuote, describe_miss, find_quote
from .textnorm import paragraph_hash
from .yamlio import Document

ARTICLE_FIELDS_NEEDING_NOTES = ("title", "publisher", "author", "published", "url")
SOURCE_FIELDS_NEEDING_NOTES = ("title", "author", "publisher", "date", "url")


def check_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load and check the whole project; the problems are every one found, in file order."""
    corpus, problems = load_corpus(root)
    problems.extend(_check_all(corpus))
    return corpus, sorted(set(problems))


def _check_all(corpus: Corpus) -> Iterator[Problem]:
    source_ids = yield from _unique_ids(corpus.sources, "sources", "source")
    entity_ids = yield from _unique_ids(corpus.entities, "entities", "entity")
    yield from _check_sources(corpus, source_ids, entity_ids)
    for entry in corpus.entries.values():
        yield from _check_entry(corpus, entry, source_ids)
    claim_ids: dict[str, str] = {}
    for name, doc in corpus.claims.items():
        yield from _check_claims(corpus, name, doc, source_ids, entity_ids, claim_ids)


def _unique_ids(doc: Document | None, key: str, what: str) -> Iterator[Problem]:
    """Yields duplicate-id problems; returns the registry's ids, or None when the file could not
    be read (then references into it are not checked, rather than all reported unknown)."""
    if doc is None:
        return None
    seen: dict[str, int] = {}
    for index, item in items(doc, key):
        value = item.get("id")
        if not isinstance(value, str):
            continue
        if value in seen:
            line = doc.locate((key, seen[value]))[0]
            yield doc.problem(
                (key, index, "id"),
                f"duplicate {what} id '{value}' (first on line {line}); ids must be unique",
            )
        else:
            seen[value] = index
    return set(seen)


REGISTRIES = {"source": "annotations/sources.yaml", "entity": "annotations/entities.yaml"}


def _reference(
    doc: Document, path: tuple, kind: str, known: set[str] | None, ref: object, hint: str = ""
) -> Iterator[Problem]:
    """A problem when `ref` names no entry of the registry. `known` is None when the registry
    could not be read: then nothing is reported rather than every reference."""
    if known is not None and isinstance(ref, str) and ref not in known:
        yield doc.problem(
            path, f"unknown {kind} '{ref}'" + (hint or f" (expected an id from {REGISTRIES[kind]})")
        )


def _real_date(doc: Document, path: tuple, value: object) -> Iterator[Problem]:
    if not isinstance(value, str):
        return
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        dt.date(numbers[0], *(numbers[1:] + [1, 1][: 3 - len(numbers)]))
    except (ValueError, TypeError):
        yield doc.problem(path, f"'{value}' is not a real date (expected YYYY, YYYY-MM or YYYY-MM-DD)")


def _notes_for_empty(
    doc: Document, base: tuple, item: dict, fields: tuple[str, ...], *, absent_too: bool
) -> Iterator[Problem]:
    notes = item.get("notes") if isinstance(item.get("notes"), dict) else {}
    for name in fields:
        empty = item.get(name) is None and (absent_too or name in item)
        if empty and not notes.get(name):
            yield doc.problem(
                (*base, name),
                f"'{name}' is empty but has no note: add notes.{name} saying why it is unknown "
                "(never guess a value)",
            )


def _check_sources(corpus: Corpus, source_ids: set[str], entity_ids: set[str]) -> Iterator[Problem]:
    doc = corpus.sources
    via_of: dict[str, list[str]] = {}
    for index, source in items(doc, "sources"):
        base = ("sources", index)
        yield from _notes_for_empty(doc, base, source, SOURCE_FIELDS_NEEDING_NOTES, absent_too=False)
        yield from _real_date(doc, (*base, "date"), source.get("date"))
        via = [v for v in source.get("via") or [] if isinstance(v, str)]
        via_of[str(source.get("id"))] = via
        for i, ref in enumerate(via):
            yield from _reference(doc, (*base, "via", i), "source", source_ids, ref)
            if ref == source.get("id"):
                yield doc.problem((*base, "via", i), "a source cannot be known via itself")
        for i, ref in enumerate(source.get("entities") or []):
            yield from _reference(doc, (*base, "entities", i), "entity", entity_ids, ref)
        article = source.get("article")
        if isinstance(article, str) and article not in corpus.entries:
            yield doc.problem(
                (*base, "article"), f"unknown article '{article}' (expected a folder name under corpus/)"
            )
    for index, source in items(doc, "sources"):
        if _in_cycle(str(source.get("id")), via_of):
            yield doc.problem(
                ("sources", index, "via"), f"'via' goes round in a circle back to '{source.get('id')}'"
            )


def _in_cycle(start: str, via_of: dict[str, list[str]]) -> bool:
    stack, seen = list(via_of.get(start, [])), set()
    while stack:
        current = stack.pop()
        if current == start:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(via_of.get(current, []))
    return False


def _check_entry(corpus: Corpus, entry: Entry, source_ids: set[str]) -> Iterator[Problem]:
    doc = entry.article
    if doc is None:
        return
    data = doc.data
    if data.get("id") != entry.id:
        yield doc.problem(
            ("id",), f"id '{data.get('id')}' differs from the folder name '{entry.id}'; make them the same"
        )
    yield from _notes_for_empty(doc, (), data, ARTICLE_FIELDS_NEEDING_NOTES, absent_too=True)
    yield from _real_date(doc, ("published",), data.get("published"))
    hint = ": add the article to annotations/sources.yaml"
    yield from _reference(doc, ("source",), "source", source_ids, data.get("source"), hint)
    yield from _check_received(corpus, entry)
    paragraph_hashes: dict[str, str] = {}
    for index, paragraph in items(doc, "paragraphs"):
        base = ("paragraphs", index)
        pid, text = paragraph.get("id"), paragraph.get("text")
        if pid in paragraph_hashes:
            yield doc.problem((*base, "id"), f"duplicate paragraph id '{pid}'")
        if isinstance(text, str):
            if text != normalize_block(str(paragraph.get("kind")), text):
                yield doc.problem(
                    (*base, "text"),
                    "text is not normalized (NFC, single spaces, no leading or trailing space); `glossator ingest` writes it so",
                )
            if paragraph.get("kind") != "boilerplate":
                paragraph_hashes[str(pid)] = paragraph_hash(text)
        if paragraph.get("kind") == "boilerplate" and not paragraph.get("reason"):
            yield doc.problem(base, "boilerplate needs a 'reason' saying why it is left out")
        quoted = paragraph.get("quote_of")
        yield from _reference(doc, (*base, "quote_of"), "source", source_ids, quoted)
    if entry.translation is not None:
        yield from _check_translation(entry, paragraph_hashes)


def _check_received(corpus: Corpus, entry: Entry) -> Iterator[Problem]:
    doc = entry.article
    received = doc.data.get("received")
    if not isinstance(received, dict) or not isinstance(received.get("file"), str):
        return
    path = corpus.layout.article_dir(entry.id) / received["file"]
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        yield doc.problem(
            ("received", "file"), f"the received file {received['file']} is missing from corpus/{entry.id}/"
        )
        return
    if digest != received.get("sha256"):
        yield doc.problem(
            ("received", "sha256"),
            f"the received file does not match its sha256 (file has {digest}); the file as received must never change",
        )


def _check_translation(entry: Entry, source_hashes: dict[str, str]) -> Iterator[Problem]:
    doc = entry.translation
    if doc.data.get("article") != entry.id:
        yield doc.problem(
            ("article",), f"article '{doc.data.get('article')}' differs from the folder name '{entry.id}'"
        )
    seen: set[str] = set()
    for index, paragraph in items(doc, "paragraphs"):
        pid = str(paragraph.get("id"))
        base = ("paragraphs", index)
        if pid in seen:
            yield doc.problem((*base, "id"), f"paragraph '{pid}' is translated twice; keep one")
        seen.add(pid)
        if pid not in source_hashes:
            yield doc.problem(
                (*base, "id"),
                f"'{pid}' is not a paragraph of the article's reading text (boilerplate is not translated)",
            )
            continue
        if paragraph.get("source_hash") != source_hashes[pid]:
            yield doc.problem(
                (*base, "source_hash"),
                f"stale translation: source paragraph {pid} changed since it was translated; "
                f"update the text, then set source_hash: {source_hashes[pid]}",
            )


def _check_claims(corpus, name, doc, source_ids, entity_ids, claim_ids) -> Iterator[Problem]:
    article_id = doc.data.get("article")
    entry = corpus.entries.get(article_id) if isinstance(article_id, str) else None
    if isinstance(article_id, str):
        if article_id != name:
            yield doc.problem(
                ("article",), f"article '{article_id}' differs from the file name '{name}.yaml'"
            )
        if entry is None:
            yield doc.problem(
                ("article",), f"unknown article '{article_id}' (expected a folder name under corpus/)"
            )
    original = reading_paragraphs(entry.article) if entry else []
    translation = translated_paragraphs(entry.translation) if entry else []
    for index, claim in items(doc, "claims"):
        base = ("claims", index)
        claim_id = claim.get("id")
        if isinstance(claim_id, str):
            if claim_id in claim_ids:
                yield doc.problem(
                    (*base, "id"),
                    f"duplicate claim id '{claim_id}' (first at {claim_ids[claim_id]}); claim ids are unique across the corpus",
                )
            claim_ids.setdefault(claim_id, "{}:{}".format(doc.shown, doc.locate((*base, "id"))[0]))
        yield from _check_claimant(doc, base, claim.get("claimant"), source_ids, entity_ids)
        for i, ref in mapping_items(claim.get("sources")):
            yield from _reference(
                doc, (*base, "sources", i, "source"), "source", source_ids, ref.get("source")
            )
        for i, ref in enumerate(claim.get("entities") or []):
            yield from _reference(doc, (*base, "entities", i), "entity", entity_ids, ref)
        yield from _real_date(doc, (*base, "event_date"), claim.get("event_date"))
        quote = claim.get("quote") if isinstance(claim.get("quote"), dict) else {}
        if entry is not None:
            yield from _check_quote(
                doc, (*base, "quote", "original"), quote.get("original"), original, "original", entry.id
            )
            yield from _check_quote(
                doc,
                (*base, "quote", "translation"),
                quote.get("translation"),
                translation,
                "translation",
                entry.id,
            )


def _check_claimant(doc, base, claimant, source_ids, entity_ids) -> Iterator[Problem]:
    if not isinstance(claimant, str) or ":" not in claimant:
        return
    kind, ref = claimant.split(":", 1)
    known = source_ids if kind == "source" else entity_ids
    yield from _reference(doc, (*base, "claimant"), kind, known, ref)


def _check_quote(doc, path, data, paragraphs, which, article_id) -> Iterator[Problem]:
    if not isinstance(data, dict) or not isinstance(data.get("exact"), str):
        return
    quote = TextQuote.from_data(data)
    if which == "translation" and not paragraphs:
        yield doc.problem(
            path,
            f"article '{article_id}' has no translation yet, so the quote cannot be found; translate it first",
        )
        return
    matches = find_quote(quote, paragraphs)
    if not matches:
        yield doc.problem(
            (*path, "exact"),
            f"quote not found in the {which} of '{article_id}': {describe_miss(quote, paragraphs)}; copy the words exactly",
        )
    elif len(matches) > 1:
        where = ", ".join(m.paragraph for m in matches)
        yield doc.problem(
            (*path, "exact"),
            f"quote is ambiguous in the {which}: it occurs {len(matches)} times (in {where}); add a prefix or suffix to say which",
        )
