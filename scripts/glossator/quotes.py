"""Find a TextQuote (W3C Web Annotation: exact, prefix, suffix) in a text of paragraphs."""

from __future__ import annotations

from dataclasses import dataclass

from .textnorm import normalize, normalize_fragment


@dataclass(frozen=True)
class TextQuote:
    exact: str
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def from_data(cls, data: dict) -> TextQuote:
        return cls(
            normalize(str(data.get("exact", ""))),
            normalize_fragment(str(data.get("prefix", ""))),
            normalize_fragment(str(data.get("suffix", ""))),
        )


@dataclass(frozen=True)
class Match:
    paragraph: str
    start: int
    end: int


def find_quote(quote: TextQuote, paragraphs: list[tuple[str, str]]) -> list[Match]:
    """Every place in `paragraphs` ((id, text) pairs) where the quote stands, with its prefix
    right before and its suffix right after. A quote never spans two paragraphs."""
    matches = []
    if not quote.exact:
        return matches
    for paragraph_id, text in paragraphs:
        start = text.find(quote.exact)
        while start != -1:
            end = start + len(quote.exact)
            if text[:start].endswith(quote.prefix) and text[end:].startswith(quote.suffix):
                matches.append(Match(paragraph_id, start, end))
            start = text.find(quote.exact, start + 1)
    return matches


def describe_miss(quote: TextQuote, paragraphs: list[tuple[str, str]]) -> str:
    """Why a quote was not found, with a hint when it nearly was."""
    if quote.exact and any(quote.exact in text for _, text in paragraphs):
        return "the exact text occurs, but not with this prefix/suffix"
    folded = quote.exact.casefold()
    for paragraph_id, text in paragraphs:
        if folded in text.casefold():
            return f"found in {paragraph_id} only with different upper/lower case"
    return "no paragraph contains these exact words"
