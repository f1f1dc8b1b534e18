"""Registry entries still marked `draft: true` (drafted by `glossator ingest` from what a page
shows): a warning each, until someone confirms the fields and the grade and removes the mark."""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Files
from ..model import Corpus
from ..problems import Problem


def draft_sources(corpus: Corpus, files: Files) -> Iterator[Problem]:
    if corpus.sources is None or files.sources is None:
        return
    for source in corpus.sources.values():
        item = files.sources.doc.data["sources"][source.where.path[-1]]
        if item.get("draft") is True:
            yield files.sources.doc.problem(
                (*source.where.path, "draft"),
                f"source '{source.id}' is a draft made by ingest from the page: check each field against "
                "the post, grade it, write its label and rationale, then remove `draft: true`",
                severity="warning",
            )
