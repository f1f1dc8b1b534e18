"""What planning needs to know of each article, read fast.

Deciding that an article has nothing to send needs only its paragraphs' ids, kinds and hashes
and, for its translation, each paragraph's hash, method, review and engine. These "facts" come
from a plain libyaml parse (no node marks, no type resolution, no schema validation) and are
cached in build/cache/translate.json, keyed by each file's size, modification time and inode,
and by a digest of its content: an entry is used without reading the file only while all three
are unchanged and the file was not changed in the last few seconds (a second change within the
file system's clock tick could keep them); otherwise the file is read and its digest decides.
Articles that have work to do are then loaded in full, as `check` loads them
(`load_entry`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .. import __version__
from ..corpus import Layout, load_article
from ..model import Article, Translation
from ..problems import Problem
from ..textnorm import paragraph_hash
from ..yamlio import write_atomic

CACHE = Path("build/cache/translate.json")
_FORMAT = f"2 {__version__}"
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


_NULLS = ("", "~", "null", "Null", "NULL")
_PLAIN = (None, "")  # a plain (unquoted) scalar's style: None from PyYAML, "" from libyaml


def _fields(node: yaml.Node, names: tuple[str, ...]) -> dict[str, yaml.Node]:
    """The value nodes of the keys `names` of a mapping node (aliases are never expanded)."""
    if not isinstance(node, yaml.MappingNode):
        raise TypeError("expected a mapping")
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value in names}


def _string(node: yaml.Node | None) -> str | None:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.style in _PLAIN and node.value in _NULLS):
        return None
    if not isinstance(node, yaml.ScalarNode):
        raise TypeError("expected a string")
    return node.value


def _items(node: yaml.Node, names: tuple[str, ...]) -> list[dict[str, yaml.Node]]:
    if not isinstance(node, yaml.SequenceNode):
        raise TypeError("expected a list")
    return [_fields(item, names) for item in node.value]


def _article_facts(root: yaml.Node) -> list:
    """[language, [[id, kind, hash], ...]] from an article.yaml's node tree."""
    top = _fields(root, ("language", "paragraphs"))
    paragraphs = []
    for p in _items(top["paragraphs"], ("id", "kind", "text")):
        pid, kind, text = (_string(p.get(k)) for k in ("id", "kind", "text"))
        if pid is None or kind is None or text is None:
            raise TypeError("a paragraph without id, kind or text")
        paragraphs.append([pid, kind, paragraph_hash(text)])
    language = _string(top["language"])
    if language is None:
        raise TypeError("no language")
    return [language, paragraphs]


def _translation_rows(root: yaml.Node) -> list:
    """[[id, source_hash, method, review, target, glossary, draft hash], ...] from a
    translation file's node tree."""
    rows = []
    names = ("id", "source_hash", "method", "review", "engine", "draft")
    for p in _items(_fields(root, ("paragraphs",))["paragraphs"], names):
        engine = _fields(p["engine"], ("target", "glossary")) if _present(p.get("engine")) else {}
        draft = _fields(p["draft"], ("source_hash",)) if _present(p.get("draft")) else {}
        row = [_string(p.get(k)) for k in ("id", "source_hash", "method", "review")]
        if None in row:
            raise TypeError("a paragraph without id, source_hash, method or review")
        rows.append(
            [
                *row,
                _string(engine.get("target")),
                _string(engine.get("glossary")),
                _string(draft.get("source_hash")),
            ]
        )
    return rows


def _present(node: yaml.Node | None) -> bool:
    """Whether a value is given (not absent, not null)."""
    return not (node is None or (isinstance(node, yaml.ScalarNode) and _string(node) is None))


class _Composer(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):
    """libyaml's parser building nodes with every scalar left as text: the facts need only
    strings (nulls are told by `_string`), so type resolution is skipped."""

    def resolve(self, kind, value, implicit):
        return kind.__name__

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


def _compose(data: bytes) -> yaml.Node:
    """The node tree of a YAML file (aliases never expanded)."""
    loader = _Composer(data)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is None:
        raise TypeError("an empty file")
    return node


class FactsCache:
    """Facts of files by path. An entry is used as it is while the file's (size, mtime, inode)
    are those it was made with; otherwise the file is read, and the entry is still used if the
    content's digest is the same (a checkout or a copy that changed only the dates)."""

    def __init__(self, layout: Layout) -> None:
        self.path = layout.root / CACHE
        self.entries: dict[str, list] = {}
        self.changed = False
        self.seen: set[str] = set()
        try:
            stored = json.loads(self.path.read_text("utf-8"))
            if stored.get("format") == _FORMAT:
                self.entries = stored["files"]
        except (OSError, ValueError, AttributeError, KeyError):
            pass

    def facts(self, path: Path, shown: str, extract) -> Any:
        """`extract(node tree)` for the file, from the cache when the file is unchanged.
        None when the file is missing, not YAML, or not of the shape `extract` expects."""
        try:
            stat = path.stat()
        except OSError:
            return None
        # A file changed twice within one tick of the file system's clock can keep its stamp:
        # the stamp of a file changed in the last few seconds is not trusted.
        trusted = time.time_ns() - stat.st_mtime_ns > _RACY_NS
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino] if trusted else [None, None, None]
        self.seen.add(shown)
        cached = self.entries.get(shown)
        if cached and trusted and cached[:3] == stamp:
            return cached[4]
        try:
            data = path.read_bytes()
        except OSError:
            return None
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if cached and cached[3] == digest:
            found = cached[4]
        else:
            try:
                found = extract(_compose(data))
            except (yaml.YAMLError, ValueError, TypeError, KeyError, RecursionError):
                found = None
        if found is not None and (cached is None or cached[:4] != [*stamp, digest]):
            self.entries[shown] = [*stamp, digest, found]
            self.changed = True
        return found

    def save(self, *, forget_unseen: bool = False) -> None:
        """Write the cache if it changed; `forget_unseen` (after a run over every article)
        drops the entries of files that were not asked for (deleted articles)."""
        if forget_unseen and set(self.entries) - self.seen:
            self.entries = {k: v for k, v in self.entries.items() if k in self.seen}
            self.changed = True
        if not self.changed:
            return
        with contextlib.suppress(OSError):  # only a cache: the next run reads the files again
            write_atomic(self.path, json.dumps({"format": _FORMAT, "files": self.entries}))


def read_facts(layout: Layout, article_id: str, cache: FactsCache) -> Facts | None:
    """The article's facts, or None when its files cannot be read fast (they are then loaded in
    full, which reports what is wrong)."""
    article = cache.facts(layout.article(article_id), f"corpus/{article_id}/article.yaml", _article_facts)
    if article is None:
        return None
    path = layout.translation(article_id)
    if not path.exists():
        return Facts(article[0], tuple(tuple(p) for p in article[1]), None)
    rows = cache.facts(path, f"corpus/{article_id}/{path.name}", _translation_rows)
    if rows is None:
        return None
    translated = {row[0]: Translated(*row[1:]) for row in rows}
    return Facts(article[0], tuple(tuple(p) for p in article[1]), translated)


def load_entry(
    layout: Layout, article_id: str
) -> tuple[Article | None, Translation | None, dict | None, list[Problem]]:
    """An article and its translation (None if it has none) as the typed model, validated, and
    the translation file's data as read (write.py writes it back)."""
    return load_article(layout.root, article_id)


def translated_from_model(translation: Translation) -> dict[str, Translated]:
    """What planning needs of each paragraph of a loaded translation."""
    return {
        p.id: Translated(
            p.source_hash,
            p.method,
            p.review,
            p.engine.target if p.engine else None,
            p.engine.glossary if p.engine else None,
            p.draft.source_hash if p.draft else None,
        )
        for p in translation.paragraphs.values()
    }
