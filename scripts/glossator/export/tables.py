"""Claims, sources and entities as CSV, one row per item, every row stamped with the corpus
version. Lists are joined with "; ". A cell that a spreadsheet would run as a formula (it starts
with =, +, -, @, a tab or a carriage return) is written with a leading apostrophe, as OWASP
advises; the JSON export has every value exactly."""

from __future__ import annotations

import csv
import io
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CLAIM_COLUMNS = (
    "id", "article", "statement", "claimant", "type", "confidence", "status", "rationale",
    "original_exact", "original_prefix", "original_suffix", "original_paragraph",
    "translation_exact", "translation_prefix", "translation_suffix", "translation_paragraph",
    "sources", "entities", "event_date", "note",
)  # fmt: skip
SOURCE_COLUMNS = (
    "id", "type", "label", "title", "author", "publisher", "date", "url", "archive_url", "language",
    "article", "reliability", "reliability_rationale", "via", "entities",
)  # fmt: skip
ENTITY_COLUMNS = ("id", "type", "names", "aliases", "description", "wikidata")
VERSION_COLUMNS = ("corpus_commit", "corpus_date")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _claim_row(claim: dict) -> dict[str, Any]:
    row = {k: claim[k] for k in ("id", "article", "statement", "claimant", "type", "confidence", "status")}
    row.update(rationale=claim["rationale"], entities=claim["entities"], event_date=claim["event_date"])
    row["note"] = claim["note"]
    for which in ("original", "translation"):
        quote = claim["quote"][which]
        for part in ("exact", "prefix", "suffix", "paragraph"):
            row[f"{which}_{part}"] = quote.get(part)
    row["sources"] = [
        s["source"] + (f" ({s['locator']})" if "locator" in s else "") for s in claim["sources"]
    ]
    return row


def _source_row(source: dict) -> dict[str, Any]:
    row = {k: source[k] for k in SOURCE_COLUMNS if k in source and k != "reliability"}
    row["reliability"] = source["reliability"]["grade"]
    row["reliability_rationale"] = source["reliability"]["rationale"]
    return row


def _entity_row(entity: dict) -> dict[str, Any]:
    row = {k: entity[k] for k in ("id", "type", "aliases", "description", "wikidata")}
    row["names"] = [f"{n['name']} ({n['language']})" for n in entity["names"]]
    return row


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]], version: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow((*columns, *VERSION_COLUMNS))
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns] + [version["commit"], version["date"]])
    return out.getvalue()


def claims_csv(data: dict[str, Any]) -> str:
    return _csv(CLAIM_COLUMNS, [_claim_row(c) for c in data["claims"]], data["version"])


def sources_csv(data: dict[str, Any]) -> str:
    return _csv(SOURCE_COLUMNS, [_source_row(s) for s in data["sources"]], data["version"])


def entities_csv(data: dict[str, Any]) -> str:
    return _csv(ENTITY_COLUMNS, [_entity_row(e) for e in data["entities"]], data["version"])
