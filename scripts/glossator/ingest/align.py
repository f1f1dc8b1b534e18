"""Which new paragraph is which old one: a sequence alignment over paragraph similarity.

`align(old, new)` pairs paragraphs of two versions of an article so that the pairs keep their
order (a paragraph never jumps over another), the pairs' total similarity is as large as
possible, and a pair is only made when the two texts are similar enough
(`difflib.SequenceMatcher` ratio over their words at least `threshold`). Identical texts always count as more
similar than any edited pair, so an unchanged paragraph is never given up for an edited one.
Pure: strings in, index pairs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

THRESHOLD = 0.6
_EXACT_BONUS = 1.0  # an identical pair is worth more than any two edited ones


@dataclass(frozen=True)
class Pair:
    """`old` and `new` are indices into the two lists; `None` on one side means the paragraph
    was added (old is None) or removed (new is None). `ratio` is 1.0 for identical texts."""

    old: int | None
    new: int | None
    ratio: float = 0.0

    @property
    def unchanged(self) -> bool:
        return self.old is not None and self.new is not None and self.ratio == 1.0


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:], strict=False)) or {(w, "") for w in words}


def similarity(a: str, b: str) -> float:
    """0 to 1; 1.0 only for identical texts. The `SequenceMatcher` ratio over words (fast even
    for long paragraphs), computed only when the texts share enough word pairs to come close."""
    if a == b:
        return 1.0
    return _similarity(a.split(), b.split(), _bigrams(a.split()), _bigrams(b.split()))


def _similarity(a: list[str], b: list[str], pairs_a: set, pairs_b: set) -> float:
    shared = 2 * len(pairs_a & pairs_b) / ((len(pairs_a) + len(pairs_b)) or 1)
    if shared < THRESHOLD / 2:
        return 0.0
    return min(SequenceMatcher(None, a, b, autojunk=False).ratio(), 0.999)


def align(old: list[str], new: list[str], threshold: float = THRESHOLD) -> list[Pair]:
    """Every old and every new paragraph exactly once, in reading order of the new text (removed
    paragraphs stand where they stood among the old ones)."""
    n, m = len(old), len(new)
    scores: dict[tuple[int, int], float] = {}
    old_words, new_words = [t.split() for t in old], [t.split() for t in new]
    old_pairs, new_pairs = [_bigrams(w) for w in old_words], [_bigrams(w) for w in new_words]
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if a == b:
                scores[(i, j)] = 1.0
                continue
            ratio = _similarity(old_words[i], new_words[j], old_pairs[i], new_pairs[j])
            if ratio >= threshold:
                scores[(i, j)] = ratio
    # best[i][j]: the best total for old[i:] and new[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            value = max(best[i + 1][j], best[i][j + 1])
            ratio = scores.get((i, j))
            if ratio is not None:
                value = max(value, best[i + 1][j + 1] + ratio + (_EXACT_BONUS if ratio == 1.0 else 0.0))
            best[i][j] = value
    pairs: list[Pair] = []
    i = j = 0
    while i < n and j < m:
        ratio = scores.get((i, j))
        if ratio is not None and best[i][j] == best[i + 1][j + 1] + ratio + (
            _EXACT_BONUS if ratio == 1.0 else 0.0
        ):
            pairs.append(Pair(i, j, ratio))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append(Pair(i, None))
            i += 1
        else:
            pairs.append(Pair(None, j))
            j += 1
    pairs += [Pair(k, None) for k in range(i, n)] + [Pair(None, k) for k in range(j, m)]
    return pairs
