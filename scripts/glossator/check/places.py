"""A claim made in several places of one article: every `also_quoted` entry is found, once, in
the original and in the translation, like the claim's `quote`, and is not the same place."""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Files
from ..model import Corpus, Where
from ..problems import Problem
from ..quotes import TextQuote, find_quote
from .claims import has_invalid_paragraphs, locate_quote
from .common import problem


def check_places(corpus: Corpus, files: Files, name: str) -> Iterator[Problem]:
    """The rules for the further quotes of the claims in annotations/claims/<name>.yaml."""
    for claim in corpus.claims.get(name, []):
        article = corpus.articles.get(claim.article)
        if not claim.also_quoted or article is None or has_invalid_paragraphs(corpus, article.id):
            continue
        original = [(p.id, p.text) for p in article.reading]
        translation = corpus.translations.get(article.id)
        translated = [(p.id, p.text) for p in translation.paragraphs.values()] if translation else []
        firsts = {
            "original": find_quote(claim.original, original),
            "translation": find_quote(claim.translation, translated),
        }
        for pair in claim.also_quoted:
            for which, quote, paragraphs in (
                ("original", pair.original, original),
                ("translation", pair.translation, translated),
            ):
                if paragraphs:
                    yield from _one(pair.where.at(which), quote, paragraphs, which, article.id, firsts[which])


def _one(where: Where, quote: TextQuote, paragraphs, which: str, article_id: str, first) -> Iterator[Problem]:
    # fix-anchors mends a claim's `quote`, not its further places: no hint that it would
    matches, problems = locate_quote(where, quote, paragraphs, which, article_id, fixable=False)
    yield from problems
    if len(matches) == 1 and first and matches[0] == first[0]:
        yield problem(
            where.at("exact"),
            f"the same place as the claim's quote ({matches[0].paragraph}); quote another place",
        )
