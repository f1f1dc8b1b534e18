"""`glossator export`: the corpus for people who use the data without the site, and the site's
downloads: the whole corpus as JSON (schemas/export.schema.json), claims, sources and entities
as CSV, and claims as W3C Web Annotations (JSON-LD). Each is stamped with the corpus version
(git commit and date, or "unknown").

`exports(root, ...)` returns {file name: UTF-8 bytes}; the CLI writes them to a folder or prints one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from ..check import check_corpus, errors
from ..model import Corpus
from ..problems import InputError
from ..rename.redirects import load_redirects
from .annotations import annotation_collection
from .data import corpus_data
from .quotes import Selectors, all_selectors
from .tables import claims_csv, entities_csv, sources_csv
from .version import corpus_version


def _json(value: Any) -> bytes:
    """Indented JSON in UTF-8 (as json.dumps(value, ensure_ascii=False, indent=2), ten times
    faster, and made as bytes: corpus.json is about 200 MB at 5,000 articles)."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


# file name -> how its bytes (UTF-8) are made from (corpus, corpus JSON data, site URL, selectors)
FILES: dict[str, Callable[[Corpus, dict, str | None, Selectors], bytes]] = {
    "corpus.json": lambda corpus, data, site, selectors: _json(data),
    "claims.csv": lambda corpus, data, site, selectors: claims_csv(data).encode("utf-8"),
    "sources.csv": lambda corpus, data, site, selectors: sources_csv(data).encode("utf-8"),
    "entities.csv": lambda corpus, data, site, selectors: entities_csv(data).encode("utf-8"),
    "claims.jsonld": lambda corpus, data, site, selectors: _json(
        annotation_collection(corpus, data["version"], selectors, site_url=site)
    ),
}


def exports(root: Path, names: list[str], *, site_url: str | None = None) -> dict[str, bytes]:
    """The named export files (all when `names` is empty) of a corpus that passes `check`;
    InputError when it does not (an export is published data: it is made from checked data)."""
    corpus, problems = check_corpus(root)
    failing = errors(problems)
    if failing:
        raise InputError(
            failing,
            note=f"{len(failing)} error(s): the corpus fails `glossator check`; nothing was exported.",
        )
    redirects, _, _ = load_redirects(root)
    selectors = all_selectors(corpus)
    data = corpus_data(corpus, corpus_version(root), redirects, selectors)
    return {name: FILES[name](corpus, data, site_url, selectors) for name in (names or list(FILES))}


__all__ = ["FILES", "exports"]
