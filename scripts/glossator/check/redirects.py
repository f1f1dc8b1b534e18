"""Rules for annotations/redirects.yaml (written by `glossator rename`): each old id leads, after
following the redirects, to an id that exists; no cycle; an old id is not in use again (its
old address would then show two things); an old id is given once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..corpus import Files
from ..model import Corpus
from ..problems import Problem
from ..rename.redirects import PLURAL, final_target, load_redirects, table
from .common import problem


def _existing(corpus: Corpus, kind: str) -> set[str] | None:
    """The ids of `kind` in the model (with those that failed their schema); None when their
    registry could not be read (then nothing is reported, rather than every redirect)."""
    if kind == "claim":
        return {c.id for c in corpus.all_claims()}
    known = corpus.sources if kind == "source" else corpus.entities
    return None if known is None else set(known) | corpus.invalid[kind]


def check_redirects(corpus: Corpus, files: Files) -> Iterator[Problem]:
    redirects, _, problems = load_redirects(Path(corpus.root))
    yield from problems
    for kind in PLURAL:
        existing = _existing(corpus, kind)
        links = table(redirects, kind)
        seen: set[str] = set()
        for redirect in (x for x in redirects if x.kind == kind):
            where = redirect.where
            if redirect.old in seen:
                yield problem(where.at("from"), f"'{redirect.old}' is redirected twice; keep one entry")
                continue
            seen.add(redirect.old)
            target = final_target(links, redirect.old)
            if target is None:
                yield problem(
                    where.at("to"), f"the redirects from '{redirect.old}' go round in a circle; remove one"
                )
            elif existing is not None and target not in existing:
                yield problem(
                    where.at("to"),
                    f"'{redirect.old}' leads to {kind} '{target}', which does not exist; "
                    f"point it at an existing {kind} id",
                )
            if existing is not None and redirect.old in existing:
                yield problem(
                    where.at("from"),
                    f"'{redirect.old}' is in use again as {'an' if kind == 'entity' else 'a'} {kind} id, but its old address is redirected; "
                    "ids are never reused: rename the new one (`glossator rename`)",
                )
