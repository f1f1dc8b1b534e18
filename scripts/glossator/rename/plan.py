"""`glossator rename KIND OLD NEW`: every file is read and every new text computed first; only
when nothing stands in the way are the files written (each atomically, and the ones already
written are put back if a later write fails), so a refused rename touches no file."""

from __future__ import annotations

import copy
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import Layout
from ..parsecache import ParseCache
from ..problems import InputError, Problem
from ..schema import load_schema, schema_line
from ..yamledit import dump_yaml, reads_as, rewrite_yaml
from ..yamlio import Document, load_yaml, write_atomic
from ..yamlsplice import replace_scalars
from . import redirects as r
from .references import FIELDS, occurrences

ID_FORM = "lower-case ASCII letters and digits in words joined by single hyphens, like `derek-aw`"


@dataclass
class Change:
    """One file to write: its text now and after the rename, and how many ids in it change."""

    path: Path
    shown: str
    before: bytes
    after: bytes
    ids: int = 0


@dataclass
class Plan:
    kind: str
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)

    @property
    def references(self) -> int:
        """How many references (and the definition) were rewritten, redirects left out."""
        return sum(c.ids for c in self.changes)


def _files(layout: Layout) -> list[tuple[Path, str]]:
    files = [(layout.sources, "sources"), (layout.entities, "entities")]
    files += [(layout.article(a), "article") for a in layout.article_ids()]
    files += [(path, "claims") for path in layout.claim_files()]
    return [(path, schema) for path, schema in files if os.path.lexists(path)]


def _read(layout: Layout) -> tuple[list[tuple[Document, str, bytes]], list[Problem]]:
    """Every file that may hold an id, parsed; problems for those that cannot be read."""
    cache = ParseCache(layout.root)
    docs, problems = [], []
    for path, schema in _files(layout):
        shown = path.relative_to(layout.root).as_posix()
        doc, found = load_yaml(path, shown, cache, layout.root)
        problems += [p for p in found if p.severity == "error"]
        if doc is not None and not isinstance(doc.data, dict):
            problems.append(Problem(shown, 1, 1, "expected a YAML mapping"))
        elif doc is not None:
            docs.append((doc, schema, path.read_bytes()))
    return docs, problems


def _where(doc: Document, path: tuple) -> str:
    return f"{doc.shown}:{doc.locate(path)[0]}"


def _check_request(kind: str, old: str, new: str, docs: list, links: dict[str, str]) -> None:
    if not re.fullmatch(load_schema("common")["$defs"]["id"]["pattern"], new):
        raise InputError(f"'{new}' is not a valid id: write {ID_FORM}")
    if old == new:
        raise InputError(f"the old and the new id are the same ('{old}'); nothing to rename")
    defined: dict[str, list[str]] = {}
    referenced: list[str] = []
    for doc, schema, _ in docs:
        for f in FIELDS:
            if f.schema != schema or f.kind != kind:
                continue
            for path, value in occurrences(doc.data, f):
                if f.defines:
                    defined.setdefault(value, []).append(_where(doc, path))
                elif value == new:
                    referenced.append(_where(doc, path))
    if old not in defined:
        hint = (
            f"; it was renamed to '{r.final_target(links, old)}' (annotations/redirects.yaml)"
            if old in links
            else "".join(f"; did you mean '{c}'?" for c in difflib.get_close_matches(old, list(defined), n=1))
        )
        raise InputError(f"unknown {kind} '{old}'{hint}")
    if len(defined[old]) > 1:
        raise InputError(
            f"{kind} '{old}' is defined {len(defined[old])} times ({', '.join(defined[old])}); "
            "make the ids unique first (`glossator check` shows where)"
        )
    if new in defined:
        raise InputError(f"{kind} '{new}' exists already ({defined[new][0]}); choose another id")
    if new in links and r.final_target(links, new) != old:
        raise InputError(
            f"'{new}' was {'an' if kind == 'entity' else 'a'} {kind} id before and its old address leads to "
            f"'{r.final_target(links, new)}' (annotations/redirects.yaml); ids are never reused, "
            "choose another"
        )
    if referenced:
        raise InputError(
            f"'{new}' is referenced already although no {kind} has that id ({', '.join(referenced[:5])}); "
            "fix those references first"
        )


def _new_text(doc: Document, raw: bytes, edits: dict[tuple, str], data: Any) -> bytes:
    """The file's bytes with the edited values, every other byte as it was (a file whose layout
    cannot be edited in place is rewritten by yamledit, keeping its unchanged items)."""
    text = replace_scalars(doc.text, edits)
    if text is None or not reads_as(text, data):
        crlf = "\r\n" in doc.text
        text = rewrite_yaml(doc.text.replace("\r\n", "\n"), data)
        text = text.replace("\n", "\r\n") if crlf else text
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    return (bom + text).encode("utf-8")


def _set(data: Any, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _redirects_change(layout: Layout, kind: str, old: str, new: str, loaded) -> Change:
    path = layout.root / r.REDIRECTS
    before = path.read_bytes() if loaded is not None else b""
    data = r.renamed(loaded.doc.data if loaded is not None else None, kind, old, new)
    if loaded is not None:
        text = rewrite_yaml(before.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n"), data)
    else:
        text = schema_line(path, "redirects", layout.root) + "\n" + r.HEADER + dump_yaml(data)
    return Change(path, r.REDIRECTS.as_posix(), before, text.encode("utf-8"))


def plan_rename(root: Path, kind: str, old: str, new: str) -> Plan:
    """What renaming `kind` `old` to `new` writes, file by file. Raises InputError (and has
    written nothing) when the rename cannot be done."""
    layout = Layout(Path(os.path.abspath(root)))
    if not layout.corpus.is_dir():
        raise InputError(f"{root}: no corpus folder; run from the project root or pass --root")
    docs, problems = _read(layout)
    found, loaded, redirect_problems = r.load_redirects(layout.root)
    problems += [p for p in redirect_problems if p.severity == "error"]
    if os.path.lexists(layout.root / r.REDIRECTS) and loaded is None:
        problems.append(Problem(r.REDIRECTS.as_posix(), 0, 0, "cannot be read"))
    if problems:
        raise InputError(
            problems, note="Nothing was renamed: fix these problems first, then run rename again."
        )
    _check_request(kind, old, new, docs, r.table(found, kind))
    plan = Plan(kind, old, new)
    for doc, schema, raw in docs:
        edits = {
            path: f.prefix + new
            for f in FIELDS
            if f.schema == schema and f.kind == kind
            for path, value in occurrences(doc.data, f)
            if value == old
        }
        if edits:
            data = copy.deepcopy(doc.data)
            for path, value in edits.items():
                _set(data, path, value)
            plan.changes.append(
                Change(doc.path, doc.shown, raw, _new_text(doc, raw, edits, data), len(edits))
            )
    plan.changes.append(_redirects_change(layout, kind, old, new, loaded))
    return plan


def apply_plan(plan: Plan) -> None:
    """Write every changed file; if one write fails, put back those already written."""
    for change in plan.changes:
        current = change.path.read_bytes() if change.before else None
        if (current or b"") != change.before:
            raise InputError(
                f"{change.shown}: changed while rename was running; nothing was written, run it again"
            )
    written: list[Change] = []
    try:
        for change in plan.changes:
            write_atomic(change.path, change.after)
            written.append(change)
    except OSError as error:
        for change in written:
            if change.before:
                write_atomic(change.path, change.before)
            else:
                change.path.unlink(missing_ok=True)
        raise InputError(f"{change.shown}: cannot write it ({error.strerror}); nothing was renamed") from None
