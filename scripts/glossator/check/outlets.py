"""annotations/outlets.yaml beyond its schema (which `corpus.py` checks on loading): ids given
once, and each name naming one outlet, so that `ingest` knows whose report an article cites."""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Files
from ..model import Corpus
from ..problems import Problem
from .registry import unique_ids


def check_outlets(corpus: Corpus, files: Files) -> Iterator[Problem]:
    loaded = files.outlets
    if loaded is None:
        return
    yield from unique_ids(loaded, "outlets", "outlet")
    first: dict[str, tuple[str, int]] = {}
    for index, item in loaded.items("outlets"):
        for number, name in enumerate(item["names"]):
            key = " ".join(name.split())
            if key in first and first[key][0] != item["id"]:
                line = loaded.doc.locate(("outlets", first[key][1]))[0]
                yield loaded.doc.problem(
                    ("outlets", index, "names", number),
                    f"the name '{key}' is already an outlet's name ('{first[key][0]}', line {line}); "
                    "a name must say which outlet is cited: keep it under one",
                )
            first.setdefault(key, (item["id"], index))
