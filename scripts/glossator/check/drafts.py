"""Registry entries drafted by `glossator ingest` from what a page shows (embedded posts, the
reports of cited outlets): a warning for each still marked `draft: true`, and for each whose
mark was removed while its label or rationale still say it is a draft (the site shows both),
until someone has confirmed it."""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Files
from ..ingest.outlets import DRAFT_RATIONALE as OUTLET_RATIONALE
from ..ingest.registry import DRAFT_LABEL, DRAFT_RATIONALE
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
                "the post or the cited report, grade it, write its label and rationale, then remove `draft: true`",
                severity="warning",
            )
            continue
        for field, value, draft in (
            ("label", source.label, source.label.startswith(DRAFT_LABEL)),
            (
                "reliability",
                source.reliability.rationale,
                source.reliability.rationale in (DRAFT_RATIONALE, OUTLET_RATIONALE),
            ),
        ):
            if draft:
                yield files.sources.doc.problem(
                    (*source.where.path, field) + (("rationale",) if field == "reliability" else ()),
                    f"source '{source.id}' is no longer a draft, but its {field} still says it is: "
                    f"'{value[:60]}'; write what has been confirmed",
                    severity="warning",
                )
