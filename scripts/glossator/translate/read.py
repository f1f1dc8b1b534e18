"""What planning needs to know of each article, read fast.

Deciding that an article has nothing to send needs only its paragraphs' ids, kinds and hashes
and, for its translation, each paragraph's hash, method, review and engine. These "facts" come
from a plain libyaml parse (no node marks, no schema validation) and are cached in
build/cache/translate.json, keyed by each file's size, modification time and inode; an entry is
never trusted past a change of any of them, nor for a file changed in the last few seconds
(a second change within the file system's clock tick could keep all three). Articles that have
work to do are then loaded in full and validated against their schemas (`load_checked`).
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import __version__
from ..corpus import Layout
from ..problems import Problem, relative
from ..schema import check_schema_line, validate
from ..textnorm import paragraph_hash
from ..yamlio import Document, Loader, load_yaml, write_atomic

CACHE = Path("build/cache/translate.json")
_FORMAT = f"1 {__version__}"
_RACY_NS = 3_000_000_000


@dataclass(frozen=True)
class Translated:
    """One paragraph of a translation file, as far as planning cares."""

    source_hash: str
    method: str
    review: str
    target: str | None
    glossary: str | None
    draft_hash: str | None

    @property
    def machine(self) -> bool:
        return self.method == "deepl" and self.review != "reviewed"


@dataclass(frozen=True)
class Facts:
    """An article's language and (id, kind, source hash) of each paragraph in order, and its
    translated paragraphs by id (None when it has no translation file)."""

    language: str
    paragraphs: tuple[tuple[str, str, str], ...]
    translated: dict[str, Translated] | None


def _article_facts(data: Any) -> list | None:
    paragraphs = []
    for p in data["paragraphs"]:
        if not all(isinstance(p.get(k), str) for k in ("id", "kind", "text")):
            return None
        paragraphs.append([p["id"], p["kind"], paragraph_hash(p["text"])])
    return [data["language"], paragraphs] if isinstance(data["language"], str) else None


def translated_from_data(data: Any) -> dict[str, Translated]:
    """Translated paragraphs by id, from a translation file's parsed data. Raises TypeError,
    KeyError or AttributeError when the data does not have the expected shape."""
    out = {}
    for p in data["paragraphs"]:
        engine, draft = p.get("engine") or {}, p.get("draft") or {}
        out[p["id"]] = Translated(
            str(p["source_hash"]),
            p["method"],
            p["review"],
            engine.get("target"),
            engine.get("glossary"),
            draft.get("source_hash"),
        )
    return out


class FactsCache:
    """Facts of files by path, each valid for one (size, mtime, inode) of the file."""

    def __init__(self, layout: Layout) -> None:
        self.path = layout.root / CACHE
        self.entries: dict[str, list] = {}
        self.changed = False
        try:
            stored = json.loads(self.path.read_text("utf-8"))
            if stored.get("format") == _FORMAT:
                self.entries = stored["files"]
        except (OSError, ValueError, AttributeError, KeyError):
            pass

    def facts(self, path: Path, shown: str, extract) -> Any:
        """`extract(parsed data)` for the file, from the cache when the file is unchanged.
        None when the file is missing, not YAML, or not of the shape `extract` expects."""
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        cached = self.entries.get(shown)
        if cached and cached[:3] == stamp:
            return cached[3]
        try:
            found = extract(yaml.load(path.read_bytes(), Loader=Loader))
        except (yaml.YAMLError, OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            found = None
        if found is not None and time.time_ns() - stat.st_mtime_ns > _RACY_NS:
            self.entries[shown] = [*stamp, found]
            self.changed = True
        return found

    def save(self) -> None:
        if not self.changed:
            return
        with contextlib.suppress(OSError):  # only a cache: the next run reads the files again
            write_atomic(self.path, json.dumps({"format": _FORMAT, "files": self.entries}))


def read_facts(layout: Layout, article_id: str, cache: FactsCache) -> Facts | None:
    """The article's facts, or None when its files cannot be read fast (they are then loaded in
    full, which reports what is wrong)."""
    article_path = layout.article(article_id)
    article = cache.facts(article_path, relative(article_path, layout.root), _article_facts)
    if article is None:
        return None
    path = layout.translation(article_id)
    if not path.exists():
        return Facts(article[0], tuple(tuple(p) for p in article[1]), None)
    rows = cache.facts(path, relative(path, layout.root), _translation_rows)
    if rows is None:
        return None
    translated = {row[0]: Translated(*row[1:]) for row in rows}
    return Facts(article[0], tuple(tuple(p) for p in article[1]), translated)


def _translation_rows(data: Any) -> list | None:
    rows = []
    for pid, t in translated_from_data(data).items():
        values = [pid, t.source_hash, t.method, t.review, t.target, t.glossary, t.draft_hash]
        if not all(v is None or isinstance(v, str) for v in values):
            return None
        rows.append(values)
    return rows


def load_checked(path: Path, schema: str, layout: Layout) -> tuple[Document | None, list[Problem]]:
    """The file parsed with node marks and validated against its schema (and schema line)."""
    doc, problems = load_yaml(path, relative(path, layout.root))
    if doc is None:
        return None, problems
    first_line = path.read_text("utf-8").split("\n", 1)[0].lstrip("\ufeff")
    problems = [*problems, *check_schema_line(doc, first_line, schema, layout.root), *validate(doc, schema)]
    return (doc if isinstance(doc.data, dict) else None), problems


def load_entry(layout: Layout, article_id: str) -> tuple[Document | None, Document | None, list[Problem]]:
    """An article and its translation file (None if there is none), validated."""
    article, problems = load_checked(layout.article(article_id), "article", layout)
    translation = None
    if layout.translation(article_id).exists():
        translation, more = load_checked(layout.translation(article_id), "translation", layout)
        problems += more
    return article, translation, problems
