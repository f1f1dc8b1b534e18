"""W3C TextQuoteSelectors for a claim's quotes, with prefix and suffix taken from the visible
text of the paragraph the quote stands in (the words a reader sees on the site)."""

from __future__ import annotations

from typing import Any

from .. import model as m
from ..markdown import visible_text
from ..quotes import TextQuote, find_quote

Found = tuple[str, dict[str, str]]  # (paragraph id, TextQuoteSelector)
# claim id -> where its original and translation quotes stand (None: not found exactly once)
Selectors = dict[str, tuple[Found | None, Found | None]]

CONTEXT = 32  # characters of prefix and suffix, at least (more when the annotator gave more)


def selector(quote: TextQuote, paragraphs: list[tuple[str, str]]) -> tuple[str, dict[str, str]] | None:
    """(paragraph id, TextQuoteSelector) for a quote found exactly once; None otherwise. The
    prefix ends with the annotator's prefix and the suffix starts with their suffix, so the
    selector is at least as specific as the claim's own quote."""
    matches = find_quote(quote, paragraphs)
    if len(matches) != 1:
        return None
    match = matches[0]
    text = visible_text(dict(paragraphs)[match.paragraph]).text
    before = max(CONTEXT, len(quote.prefix))
    after = max(CONTEXT, len(quote.suffix))
    found = {"type": "TextQuoteSelector", "exact": text[match.start : match.end]}
    prefix = text[max(0, match.start - before) : match.start]
    suffix = text[match.end : match.end + after]
    if prefix:
        found["prefix"] = prefix
    if suffix:
        found["suffix"] = suffix
    return match.paragraph, found


def claim_selectors(corpus: m.Corpus, claim: m.Claim) -> tuple[Found | None, Found | None]:
    """The selectors of a claim's quote in the original and in the translation."""
    article = corpus.articles.get(claim.article)
    translation = corpus.translations.get(claim.article)
    original = [(p.id, p.text) for p in article.reading] if article else []
    english = [(p.id, p.text) for p in translation.paragraphs.values()] if translation else []
    return selector(claim.original, original), selector(claim.translation, english)


def all_selectors(corpus: m.Corpus, claims: Any = None) -> Selectors:
    """The selectors of every claim (or of `claims`), each quote searched once for all exports."""
    return {c.id: claim_selectors(corpus, c) for c in (corpus.all_claims() if claims is None else claims)}
