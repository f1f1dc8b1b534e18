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
_TOKEN = re.compile(r"[\w][\w.-]*\w|\w")


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


def _anchors(text: str) -> set[str]:
    """Tokens written alike across languages: with a digit, or with a capital after the first
    letter, or all capitals (H100, NVIDIA, USA); and capitalised words, which in English and
    German alike include every name."""
    return {t for t in _TOKEN.findall(text) if any(c.isdigit() or c.isupper() for c in t)}


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
    n = len(source[quote[0] : quote[1]].split())
    sizes = range(max(1, int(n * 0.5)), max(2, int(n * 1.7)) + 1)
    best: tuple[float, int, int] | None = None
    for i in range(len(words)):
        for size in sizes:
            if i + size > len(words):
                break
            s, e = words[i][0], words[i + size - 1][1]
            found = _anchors(target[s:e])
            score = 2.0 * len(found & inside) - 2.0 * len(found & outside)
            score -= 4.0 * abs(((s + e) / 2 - region[0]) / tgt_len - centre)
            score -= 2.0 * abs((e - s) - expected) / max(expected, 1.0)
            if best is None or score > best[0]:
                best = (score, s, e)
    if best is None:
        return region
    _, s, e = best
    return s, _trim(target, s, e)


def _trim(text: str, start: int, end: int) -> int:
    """A span does not end in a comma or a colon (a quote's own end punctuation stays)."""
    while end > start + 1 and text[end - 1] in ",;:":
        end -= 1
    return end
