"""`glossator check`: load the corpus into the model, then run every rule over it.

Schema problems come from loading (corpus.py); the rules here look across files. Each rule
yields problems, so one run reports everything; a problem is an error (fails `check` and the
build) or a warning (shown; fails only with --strict).
"""

from __future__ import annotations

from pathlib import Path

from ..corpus import load_corpus
from ..model import Corpus
from ..problems import Problem
from .articles import check_articles
from .claims import check_claims
from .registry import check_registries

RULES = (check_registries, check_articles, check_claims)


def check_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load and check the whole project; every problem found, in file order."""
    corpus, files, problems = load_corpus(root)
    for rule in RULES:
        problems.extend(rule(corpus, files))
    return corpus, sorted(set(problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


__all__ = ["check_corpus", "errors"]
