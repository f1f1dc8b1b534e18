"""A correction: the article's new paragraphs merged into what annotators made of the old ones.

Pure: the old article.yaml data and the freshly classified paragraphs in, the new article.yaml
data out.
- A paragraph whose text is unchanged keeps its item as it was (id, kind, reason, quote_of and
  any other field an annotator set).
- An edited paragraph (similar enough, see `align.py`) keeps its id and every field but `text`,
  so its translation and the claims quoting it show as stale in `glossator check`.
- A new paragraph gets an id never used before: one above every id ever used, retired ones
  included.
- A removed paragraph's id is added to `retired` and never used again.
- Metadata an annotator filled in stays; an update only fills fields that are empty, or sets
  what was given on the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .align import align

METADATA = ("title", "publisher", "author", "published", "url")
UNKNOWN = "Not given in the received file nor on the command line; fill it in if someone verifies it."


@dataclass
class Changes:
    """What the update did to the paragraphs, by id."""

    kept: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    renumbered: dict[str, str] = field(default_factory=dict)  # classifier's id -> id given


def _number(pid: object) -> int:
    match = re.fullmatch(r"p(\d+)", str(pid))
    return int(match.group(1)) if match else 0


def merge_paragraphs(
    old: list[dict], retired: list[str], new: list[dict]
) -> tuple[list[dict], list[str], Changes]:
    """The new paragraph items (old items reused), the new `retired` list, and what changed."""
    changes = Changes()
    next_number = 1 + max((_number(p.get("id")) for p in old), default=0)
    next_number = max(next_number, 1 + max((_number(r) for r in retired), default=0))
    result: list[dict] = []
    pairs = align([str(p.get("text", "")) for p in old], [p["text"] for p in new])
    for pair in pairs:
        if pair.new is None:
            changes.retired.append(str(old[pair.old].get("id")))
            continue
        fresh = new[pair.new]
        if pair.old is None:
            item = {**fresh, "id": f"p{next_number}"}
            next_number += 1
            changes.added.append(item["id"])
        else:
            item = dict(old[pair.old])
            (changes.kept if pair.unchanged else changes.edited).append(str(item.get("id")))
            item["text"] = fresh["text"]
        changes.renumbered[fresh["id"]] = item["id"]
        result.append(item)
    new_retired = [*retired, *(r for r in changes.retired if r not in retired)]
    return result, new_retired, changes


def merge_metadata(old: dict, given: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """Each metadata field: given on the command line, else what the annotator has, else what
    the new file says."""
    return {k: given.get(k) or old.get(k) or found.get(k) for k in METADATA}


def merge_notes(old: dict, metadata: dict[str, Any]) -> dict:
    """Notes stay; a field still unknown gets the standard note, and the standard note goes
    when this update fills the field in."""
    filled = {k for k, v in metadata.items() if v and not old.get(k)}
    notes = {k: v for k, v in (old.get("notes") or {}).items() if not (v == UNKNOWN and k in filled)}
    notes.update({k: UNKNOWN for k, v in metadata.items() if v is None and k not in notes})
    return notes


def with_keys(data: dict, updates: dict[str, Any], *, after: dict[str, str]) -> dict:
    """`data` with `updates` applied, keys kept in place; a new key goes right after the key
    `after[key]` names (or at the end)."""
    out = dict(data)
    out.update({k: v for k, v in updates.items() if k in out})
    for key, value in updates.items():
        if key in data:
            continue
        anchor = after.get(key)
        if anchor in out:
            keys = list(out)
            position = keys.index(anchor) + 1
            out = {**dict(list(out.items())[:position]), key: value, **dict(list(out.items())[position:])}
        else:
            out[key] = value
    return out
