"""Find a TextQuote (W3C Web Annotation: exact, prefix, suffix) in a text of paragraphs.

Quotes are the words a reader sees: each paragraph's inline Markdown is reduced to its visible
text (`markdown.visible_text`) before the search, so `**Singapur**` is quoted as `Singapur`, a
link by its text, and a Match's offsets are offsets in the visible text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .markdown import visible_text
from .textnorm import normalize, normalize_fragment


@dataclass(frozen=True)
class TextQuote:
    exact: str
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def from_data(cls, data: dict | None) -> TextQuote:
        """The quote of a YAML mapping; an empty one for null (a draft's translation quote
        before the article is translated)."""
        if data is None:
            return cls("")
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
    if not quote.exact:
        return []
    return list(_find_quote(quote, tuple(paragraphs)))


@lru_cache(maxsize=1024)  # the check, the article's page, the claim's page and the downloads ask
def _find_quote(quote: TextQuote, paragraphs: tuple[tuple[str, str], ...]) -> tuple[Match, ...]:
    runs = sorted(set(_ALNUM_RUNS.findall(quote.exact)), key=len, reverse=True)  # rarest first
    if not runs:
        return tuple(find_visible(quote, visible_paragraphs(paragraphs)))
    longest, rest = runs[0], runs[1:]
    held = [
        (pid, markdown)
        for pid, markdown in paragraphs
        if (longest in markdown and all(run in markdown for run in rest))
        or "&" in markdown  # `in` finds a character faster than a regular expression's class
        or "<" in markdown
        or "\x00" in markdown
    ]
    return tuple(find_visible(quote, visible_paragraphs(held)))


# Markup (emphasis, links, code, escapes) stands only between the letters and digits of the
# words a reader sees, never inside a run of them: a paragraph whose source lacks one of a
# quote's runs cannot show the quote, and is not parsed. Only an entity (`&auml;`), an autolink
# (shown percent-decoded, its domain from punycode) or a NUL (shown as U+FFFD) turns source
# characters into other letters: a paragraph with `&`, `<` or NUL is always parsed.
_ALNUM_RUNS = re.compile(r"[^\W_]+")


def visible_paragraphs(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(id, visible text) of (id, Markdown text) pairs: what quotes are matched against."""
    return [(pid, visible_text(markdown).text) for pid, markdown in paragraphs]


def find_in_visible(exact: str, visible: list[tuple[str, str]]) -> list[Match]:
    """Every place of `exact` (no context) in the visible texts."""
    return [match for pid, text in visible for match in _occurrences(exact, pid, text)]


def _occurrences(exact: str, pid: str, text: str) -> Iterator[Match]:
    start = text.find(exact) if exact else -1
    while start != -1:
        yield Match(pid, start, start + len(exact))
        start = text.find(exact, start + 1)


def _cuts_before(text: str, start: int) -> list[int]:
    """Where a prefix may begin, nearest first: at word starts, then the paragraph's start."""
    cuts = [m.start() for m in re.finditer(r"\S+", text[:start])]
    return sorted(set(cuts) | {0}, reverse=True)


def _cuts_after(text: str, end: int) -> list[int]:
    cuts = [end + m.end() for m in re.finditer(r"\S+", text[end:])]
    return sorted(set(cuts) | {len(text)})


def unique_context(match: Match, visible: list[tuple[str, str]], *, most_words: int = 15) -> TextQuote | None:
    """The quote of `match` with the shortest prefix and/or suffix (whole words, counted in
    characters) that makes it the only match in `visible`: no context when the words occur
    once; a prefix is preferred to a suffix of the same length. None when no context of up to
    `most_words` words on each side tells this place from another."""
    text = dict(visible)[match.paragraph]
    exact = text[match.start : match.end]
    befores = ["", *(text[c : match.start] for c in _cuts_before(text, match.start)[:most_words])]
    afters = ["", *(text[match.end : c] for c in _cuts_after(text, match.end)[:most_words])]
    options = sorted((len(b) + len(a), bool(a), b, a) for b in set(befores) for a in set(afters))
    for _, _, before, after in options:
        quote = TextQuote(exact, before, after)
        if find_visible(quote, visible) == [match]:
            return quote
    return None


def find_visible(quote: TextQuote, visible: list[tuple[str, str]]) -> list[Match]:
    """`find_quote` on texts already reduced to their visible text."""
    return [
        match
        for pid, text in visible
        for match in _occurrences(quote.exact, pid, text)
        if text[: match.start].endswith(quote.prefix) and text[match.end :].startswith(quote.suffix)
    ]


_CLOSING = ".,;:!?…"


def _similarity(ratio: float, span: int, quote: int) -> float:
    """How well a span stands for a quote, from difflib's ratio: the F2 score of the characters
    they share, which counts the quote's words found (recall) four times as much as the span's
    extra words (precision). A correction that inserts words ("nach China" → "in die
    Volksrepublik China") so still prefers the span with all the quote's words over a shorter
    span that drops its end."""
    shared = ratio * (span + quote) / 2
    if not shared:
        return 0.0
    recall, precision = shared / quote, shared / span
    return 5 * precision * recall / (4 * precision + recall)


@dataclass(frozen=True)
class Near:
    """A span of a paragraph's visible text that resembles a quote, and how much (0 to 1)."""

    paragraph: str
    start: int
    end: int
    text: str
    score: float


def closest(exact: str, visible: list[tuple[str, str]], *, limit: int = 2) -> list[Near]:
    """The spans (whole words) most like `exact`, best first, at most `limit`, none
    overlapping another; the score is `_similarity` (1.0 = the same text).

    Spans are tried only where the quote's own words point: each word of the paragraph that is
    also a word of the quote votes for the quote starting so many words before it, and spans
    of about the quote's length starting near the best-voted places are scored. That keeps the
    search to a few dozen comparisons per paragraph, and finds every place that resembles the
    quote (so that two similar places are seen as two)."""
    words = [_word_key(w) for w in exact.split()]
    if not words:
        return []
    slack = max(2, len(words) // 3)
    sizes = range(max(1, len(words) - slack), len(words) + slack + 1)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(exact)
    found: list[Near] = []
    for pid, text in visible:
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        scored = []
        for i in _likely_starts(words, [_word_key(text[s:e]) for s, e in tokens], slack):
            for size in sizes:
                if i + size > len(tokens):
                    break
                start, end = tokens[i][0], tokens[i + size - 1][1]
                while end - start > 1 and text[end - 1] in _CLOSING and exact[-1] not in _CLOSING:
                    end -= 1  # words, not the punctuation after them, unless the quote ends so
                matcher.set_seq1(text[start:end])
                score = _similarity(matcher.ratio(), end - start, len(exact))
                scored.append((score, -abs(end - start - len(exact)), start, end))
        mine: list[Near] = []
        for score, _, start, end in sorted(scored, reverse=True):
            if len(mine) == limit:
                break
            if all(end <= n.start or start >= n.end for n in mine):
                mine.append(Near(pid, start, end, text[start:end], round(score, 3)))
        found += mine
    found.sort(key=lambda n: -n.score)  # stable: the earlier paragraph first among equals
    return found[:limit]


def _word_key(word: str) -> str:
    return word.strip(".,;:!?…\"'“”„‚‘’«»()[]").casefold()


def _likely_starts(quote: list[str], tokens: list[str], slack: int) -> list[int]:
    """Token indices where the quote may start: near the places its words vote for."""
    places = {}
    for word_index, key in enumerate(quote):
        places.setdefault(key, []).append(word_index)
    votes: dict[int, int] = {}
    for token_index, key in enumerate(tokens):
        for word_index in places.get(key, ()):
            start = token_index - word_index
            votes[start] = votes.get(start, 0) + 1
    enough = max(1, len(quote) // 4)
    starts: set[int] = set()
    for start, count in votes.items():
        if count >= enough:
            starts.update(range(max(0, start - slack), min(len(tokens), start + slack + 1)))
    return sorted(starts)


def describe_miss(quote: TextQuote, paragraphs: list[tuple[str, str]], *, fixable: bool = True) -> str:
    """Why a quote was not found, with a hint when it nearly was; with `fixable`, where
    `glossator fix-anchors` can mend it (it mends a claim's `quote`, not its further places)."""
    visible = visible_paragraphs(paragraphs)
    fix = " (`glossator fix-anchors` works them out again)" if fixable else ""
    take = " (`glossator fix-anchors` can take it)" if fixable else ""
    if quote.exact and any(quote.exact in text for _, text in visible):
        places = find_in_visible(quote.exact, visible)
        if len(places) == 1:
            return (
                f"the exact text occurs once, in {places[0].paragraph}, but not with this prefix/suffix{fix}"
            )
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
    near = closest(quote.exact, visible, limit=1)
    if near:
        return (
            f"no paragraph contains these exact words; the closest is in {near[0].paragraph} "
            f"(similarity {near[0].score:.2f}): '{near[0].text}'{take}"
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
