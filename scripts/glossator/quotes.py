"""Find a TextQuote (W3C Web Annotation: exact, prefix, suffix) in a text of paragraphs.

Quotes are the words a reader sees: each paragraph's inline Markdown is reduced to its visible
text (`markdown.visible_text`) before the search, so `**Singapur**` is quoted as `Singapur`, a
link by its text, and a Match's offsets are offsets in the visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markdown import visible_text
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
    """Where a quote stands: a paragraph id and offsets in that paragraph's visible text."""

    paragraph: str
    start: int
    end: int


def find_quote(quote: TextQuote, paragraphs: list[tuple[str, str]]) -> list[Match]:
    """Every place in `paragraphs` ((id, Markdown text) pairs) where the quote stands in the
    visible text, with its prefix right before and its suffix right after. A quote never spans
    two paragraphs."""
    matches = []
    if not quote.exact:
        return matches
    runs = _ALNUM_RUNS.findall(quote.exact)
    for paragraph_id, markdown in paragraphs:
        if not _may_hold(markdown, runs):
            continue
        text = visible_text(markdown).text
        start = text.find(quote.exact)
        while start != -1:
            end = start + len(quote.exact)
            if text[:start].endswith(quote.prefix) and text[end:].startswith(quote.suffix):
                matches.append(Match(paragraph_id, start, end))
            start = text.find(quote.exact, start + 1)
    return matches


# Markup (emphasis, links, code, escapes) stands only between the letters and digits of the
# words a reader sees, never inside a run of them. Only an entity (`&auml;`), an autolink (shown
# percent-decoded, its domain from punycode) or a NUL (shown as U+FFFD) turns source characters
# into other letters.
_ALNUM_RUNS = re.compile(r"[^\W_]+")


def _may_hold(markdown: str, runs: list[str]) -> bool:
    """False only when the paragraph's visible text cannot hold a quote made of these runs of
    letters and digits (one of them is not in its source): the paragraph need not be parsed."""
    if "&" in markdown or "<" in markdown or "\x00" in markdown:
        return True
    return all(run in markdown for run in runs)


def describe_miss(quote: TextQuote, paragraphs: list[tuple[str, str]]) -> str:
    """Why a quote was not found, with a hint when it nearly was."""
    visible = [(pid, visible_text(markdown).text) for pid, markdown in paragraphs]
    if quote.exact and any(quote.exact in text for _, text in visible):
        return "the exact text occurs, but not with this prefix/suffix"
    words = normalize(visible_text(quote.exact).text)
    if words != quote.exact and words and any(words in text for _, text in visible):
        return f"it contains Markdown markup; quote the words a reader sees: '{words}'"
    folded = quote.exact.casefold()
    for paragraph_id, text in visible:
        if folded in text.casefold():
            return f"found in {paragraph_id} only with different upper/lower case"
    plain = quote.exact.translate(_TYPOGRAPHIC)
    for paragraph_id, text in visible:
        start = text.translate(_TYPOGRAPHIC).find(plain)
        if start != -1:
            found = text[start : start + len(plain)]
            return (
                f"found in {paragraph_id} with other quotation marks, apostrophes or dashes; "
                f"copy them from the text: '{found}'"
            )
    return "no paragraph contains these exact words"


# Characters a copy often changes into their plain forms (one for one, so offsets stay).
_TYPOGRAPHIC = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‚": "'",
        "‹": "'",
        "›": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)
