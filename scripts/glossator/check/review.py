"""Rules for review provenance: who annotated and reviewed a claim, and who reviewed a
translated paragraph. Unknown stays empty with a note; nobody is named by guess."""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Files
from ..model import Corpus
from ..problems import Problem
from .common import notes_for_empty, problem, real_date

REVIEW_FIELDS = ("annotated_by", "annotated_on", "reviewed_by", "reviewed_on", "verified_on")
DATES = ("annotated_on", "reviewed_on", "verified_on")


def check_review(corpus: Corpus, files: Files) -> Iterator[Problem]:
    for claim in corpus.all_claims():
        review = claim.review
        if review is None:
            continue
        raw = _raw(review.where)
        present = tuple(name for name in REVIEW_FIELDS if name in raw)
        yield from notes_for_empty(review.where, review, present, review.notes)
        for name in DATES:
            yield from real_date(review.where.at(name), getattr(review, name))
        if review.reviewed_on and review.annotated_on and review.reviewed_on < review.annotated_on:
            yield problem(review.where.at("reviewed_on"), "'reviewed_on' is before 'annotated_on'")


def check_translation_review(corpus: Corpus, files: Files, article_id: str) -> Iterator[Problem]:
    """Who reviewed each translated paragraph of an article, and when."""
    translation = corpus.translations.get(article_id)
    for paragraph in translation.paragraphs.values() if translation is not None else ():
        yield from real_date(paragraph.where.at("reviewed_on"), paragraph.reviewed_on)
        for name in ("reviewed_by", "reviewed_on"):
            if getattr(paragraph, name) is not None and paragraph.review != "reviewed":
                yield problem(
                    paragraph.where.at(name),
                    f"'{name}' on a paragraph with 'review: {paragraph.review}'; set 'review: reviewed' "
                    "or leave the reviewer out",
                )


def _raw(where) -> dict:
    """The YAML mapping of an item: to tell a field written as null from one left out."""
    value = where.doc.data
    for part in where.path:
        value = value[part]
    return value
