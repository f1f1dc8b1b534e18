"""`glossator check`: load the corpus into the model, then run every rule over it.

Schema problems come from loading (corpus.py); the rules here look across files. Each rule
yields problems, so one run reports everything; a problem is an error (fails `check` and the
build) or a warning (shown; fails only with --strict).

The rules for one article (its folder and its claims file) need only that article and the
registries, so on a large corpus they run in worker processes forked after loading: the
workers share the loaded model and send back only their problems.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from pathlib import Path

from ..corpus import Files, load_corpus
from ..model import Corpus
from ..problems import Problem
from .articles import check_article_folder
from .claims import check_claims_file, unique_claim_ids
from .registry import check_registries

GLOBAL_RULES = (check_registries, unique_claim_ids)
PARALLEL_FROM = 300  # articles; below this, starting workers costs more than it saves

_shared: tuple[Corpus, Files] | None = None


def _check_articles(ids: list[str]) -> list[Problem]:
    corpus, files = _shared
    problems: list[Problem] = []
    for article_id in ids:
        problems.extend(check_article_folder(corpus, files, article_id))
        problems.extend(check_claims_file(corpus, files, article_id))
    return problems


def _workers(count: int) -> int:
    if count < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)


def check_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load and check the whole project; every problem found, in file order."""
    global _shared
    corpus, files, problems = load_corpus(root)
    for rule in GLOBAL_RULES:
        problems.extend(rule(corpus, files))
    ids = sorted(set(corpus.article_folders) | set(corpus.claims))
    workers = _workers(len(ids))
    _shared = (corpus, files)
    try:
        if workers == 1:
            problems.extend(_check_articles(ids))
        else:
            chunks = [ids[i :: workers * 4] for i in range(workers * 4)]
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for found in pool.imap_unordered(_check_articles, chunks):
                    problems.extend(found)
    finally:
        _shared = None
        gc.unfreeze()
    return corpus, sorted(set(problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


__all__ = ["check_corpus", "errors"]
