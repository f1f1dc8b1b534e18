"""A claim made in several places of one article: every `also_quoted` entry is found, once, in
the original and in the translation, like the claim's `quote`, and is not the same place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..corpus import Files
from ..model import Corpus, Where
from ..problems import Problem
from ..quotes import TextQuote, describe_miss, find_quote
from .common import problem


def check_places(corpus: Corpus, files: Files, name: str) -> Iterator[Problem]:
    """The rules for the further quotes of the claims in annotations/claims/<name>.yaml."""
    for claim in corpus.claims.get(name, []):
        article = corpus.articles.get(claim.article)
        if not claim.also_quoted or article is None or _has_invalid(corpus, article.id):
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
    matches = find_quote(quote, paragraphs)
    if not matches:
        yield problem(
            where.at("exact"),
            f"quote not found in the {which} of '{article_id}': {_miss(quote, paragraphs)}; copy the words exactly",
        )
    elif len(matches) > 1:
        places = ", ".join(m.paragraph for m in matches)
        yield problem(
            where.at("exact"),
            f"quote is ambiguous in the {which}: it occurs {len(matches)} times (in {places}); add a prefix or suffix to say which",
        )
    elif first and matches[0] == first[0]:
        yield problem(
            where.at("exact"),
            f"the same place as the claim's quote ({matches[0].paragraph}); quote another place",
        )


def _miss(quote: TextQuote, paragraphs) -> str:
    """Why a further quote was not found; without the fix-anchors hint, which mends `quote` only."""
    return _FIX_ANCHORS.sub("", describe_miss(quote, paragraphs))


_FIX_ANCHORS = re.compile(r" \(`glossator fix-anchors`[^)]*\)")


def _has_invalid(corpus: Corpus, article_id: str) -> bool:
    prefix = f"{article_id}/"
    return any(i.startswith(prefix) for kind in ("paragraph", "translated") for i in corpus.invalid[kind])
