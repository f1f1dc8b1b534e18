"""Propose where a quote of one language stands in the other: a proposal for a person to check.

Translations are aligned paragraph by paragraph (same id), so the search is in the paragraph
with the quote's id. Inside it, the method is simple and explained to the user:

1. Sentences. When both paragraphs have the same number of sentences, the quote's sentences
   are taken to be the same-numbered sentences of the other text; a quote that is whole
   sentences gets those sentences exactly.
2. The closest span. Otherwise (part of a sentence, or the sentence counts differ), every span
   of whole words in that region is scored: names and numbers of the quote found in it
   (`NVIDIA`, `H100`, `2024`, `Su Di` are written alike in both languages) count for it, names
   and numbers of the rest of the paragraph count against it, and it should stand at about the
   same relative place and have about the expected length (the paragraphs' length ratio).

Nothing here is a translation model: the result must be checked, and `glossator claim` says so.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (not after a digit: "9. Dezember"), before a capital or a quote mark.
_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?…])[\"”“»«']?\s+(?=[„“\"'»«(\[A-ZÄÖÜ0-9])")
_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"\w+")
# Words a span should not begin or end with (it would take a word of the next phrase).
_EDGE_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "das",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "ein",
        "eine",
        "für",
        "im",
        "in",
        "mit",
        "nach",
        "und",
        "von",
        "vor",
        "zu",
        "zum",
        "zur",
    ]
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph's visible text."""
    spans, start = [], 0
    for gap in _SENTENCE_END.finditer(text):
        end = gap.start() + len(gap.group(0).rstrip())
        spans.append((start, end))
        start = gap.end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans or [(0, len(text))]


def _key(token: str) -> str:
    """Names and numbers compared by their first five letters, case aside, so that cognates
    meet: Singapur/Singapore, Chips/chips, NVIDIAs/NVIDIA."""
    return token.casefold()[:5]


def _anchors(text: str) -> set[str]:
    """The keys of the tokens likely written alike across languages: those with a digit or a
    capital (H100, NVIDIA, USA, and the capitalised words, which include every name)."""
    return {_key(t) for t in _TOKEN.findall(text) if any(c.isdigit() or c.isupper() for c in t)}


def _keys(text: str) -> set[str]:
    return {_key(t) for t in _TOKEN.findall(text)}


def _sentence_range(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    first = next(i for i, (s, e) in enumerate(spans) if e > start or i == len(spans) - 1)
    last = next((i for i, (s, e) in enumerate(spans) if e >= end), len(spans) - 1)
    return first, max(first, last)


def propose(source: str, start: int, end: int, target: str) -> tuple[int, int] | None:
    """The span of `target` (visible text) that most likely renders source[start:end]; None
    when the target is empty."""
    if not target.strip():
        return None
    src_spans, tgt_spans = sentences(source), sentences(target)
    first, last = _sentence_range(src_spans, start, end)
    if len(src_spans) == len(tgt_spans):
        whole = (
            source[src_spans[first][0] : start].strip() == ""
            and source[end : src_spans[last][1]].strip() == ""
        )
        region = (tgt_spans[first][0], tgt_spans[last][1])
        if whole:
            return region
        src_region = (src_spans[first][0], src_spans[last][1])
    else:
        region, src_region = (0, len(target)), (0, len(source))
    return _closest_span(source, (start, end), src_region, target, region)


def _closest_span(
    source: str, quote: tuple[int, int], src_region: tuple[int, int], target: str, region: tuple[int, int]
) -> tuple[int, int]:
    src_len = max(1, src_region[1] - src_region[0])
    tgt_len = max(1, region[1] - region[0])
    ratio = tgt_len / src_len
    expected = (quote[1] - quote[0]) * ratio
    centre = ((quote[0] + quote[1]) / 2 - src_region[0]) / src_len
    inside = _anchors(source[quote[0] : quote[1]])
    outside = _anchors(source[src_region[0] : quote[0]] + " " + source[quote[1] : src_region[1]]) - inside
    words = [(m.start(), m.end()) for m in _WORD.finditer(target, region[0], region[1])]
    quoted = source[quote[0] : quote[1]].split()
    n = len(quoted)
    # An edge word is fine where the quote itself has one ("in Singapur" → "in Singapore").
    free = tuple(_edge(w) for w in (quoted[0], quoted[-1]))
    sizes = range(max(1, int(n * 0.5)), max(2, int(n * 1.7)) + 1)
    best: tuple[float, int, int] | None = None
    for i in range(len(words)):
        for size in sizes:
            if i + size > len(words):
                break
            s, e = words[i][0], words[i + size - 1][1]
            found = _keys(target[s:e])
            score = 2.0 * len(found & inside) - 2.0 * len(found & outside)
            edges = (target[s:e].split()[0], target[s:e].split()[-1])
            score -= sum(_edge(w) and not ok for w, ok in zip(edges, free, strict=True))
            score -= 4.0 * abs(((s + e) / 2 - region[0]) / tgt_len - centre)
            score -= 2.0 * abs((e - s) - expected) / max(expected, 1.0)
            if best is None or score > best[0]:
                best = (score, s, e)
    if best is None:
        return region
    _, s, e = best
    return s, _trim(target, s, e, keep=source[quote[1] - 1] in ".!?…")


def _edge(word: str) -> bool:
    return word.strip(",.;:!?").casefold() in _EDGE_WORDS


def _trim(text: str, start: int, end: int, *, keep: bool) -> int:
    """A span does not end in a comma or a colon, nor in a full stop unless the quote does."""
    while end > start + 1 and (text[end - 1] in ",;:" or (not keep and text[end - 1] in ".!?…")):
        end -= 1
    return end
