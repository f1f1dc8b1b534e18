"""`glossator check`: load the corpus into the model, then run every rule over it.

Schema problems come from loading (corpus.py); the rules here look across files. Each rule
yields problems, so one run reports everything; a problem is an error (fails `check` and the
build) or a warning (shown; fails only with --strict).

The rules for one article (its folder and its claims file) need only that article and the
registries, so they run where the article's files are read (in a worker process, on a large
corpus: see corpus.load_corpus), and the rules across articles after everything is loaded.
"""

from __future__ import annotations

from pathlib import Path

from ..corpus import Files, gc_paused, load_corpus
from ..model import Corpus
from ..problems import Problem
from .articles import check_article_folder
from .claims import check_claims_file, check_locators, unique_claim_ids
from .drafts import draft_sources
from .grading import check_grading
from .outlets import check_outlets
from .places import check_places
from .redirects import check_redirects
from .registry import check_registries
from .relations import check_relations
from .review import check_review, check_translation_review

GLOBAL_RULES = (
    check_registries,
    unique_claim_ids,
    check_locators,
    check_redirects,
    check_relations,
    check_grading,
    check_review,
    draft_sources,
    check_outlets,
)
ARTICLE_RULES = (check_places, check_translation_review)


def global_problems(corpus: Corpus, files: Files) -> list[Problem]:
    """The rules that look across the whole corpus: registries, ids unique everywhere."""
    return [problem for rule in GLOBAL_RULES for problem in rule(corpus, files)]


def article_problems(corpus: Corpus, files: Files, article_id: str) -> list[Problem]:
    """The rules for one article: its folder under corpus/ and its claims file."""
    return [
        *check_article_folder(corpus, files, article_id),
        *check_claims_file(corpus, files, article_id),
        *(problem for rule in ARTICLE_RULES for problem in rule(corpus, files, article_id)),
    ]


def article_ids(corpus: Corpus) -> list[str]:
    """Every article folder and every claims file's name (one may lack the other)."""
    return sorted(set(corpus.article_folders) | set(corpus.claims))


def check_corpus(root: Path, *, articles: bool = True) -> tuple[Corpus, list[Problem]]:
    """Load and check the whole project; every problem found, in file order. With
    `articles=False` the model returned holds the articles' outlines only (faster: see
    corpus.load_corpus)."""
    with gc_paused():
        corpus, files, problems = load_corpus(root, rules=article_problems, articles=articles)
        problems += global_problems(corpus, files)
        return corpus, sorted(set(problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


__all__ = ["article_ids", "article_problems", "check_corpus", "errors", "global_problems"]
