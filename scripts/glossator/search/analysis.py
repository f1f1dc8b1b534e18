"""What a record adds to its indexed text so that pagefind finds it the way a reader searches.

Pagefind stems each bundle's words with that language's Snowball stemmer and matches a query
word as a prefix of indexed words; it does not split compounds, fold umlauts or know British from
American spelling. This module adds the missing forms as extra words (indexed with a low weight,
never shown as the record's text):

- German compounds split against the corpus's own nouns (`Decompounder`): the head and the
  modifier of `Handelsschlupflöcher` are `Schlupflöcher` and `Handel`, so a search for
  `Schlupfloch` finds it. No dictionary and no dependency: a part counts when the corpus uses it
  as a noun of its own (capitalised, at least four letters), and the rest is a known noun too or
  at least five letters long; so the splits grow with the corpus and never invent a word.
- German words with ä, ö, ü or ß also folded (`schlupflocher`), so a query typed without them, or
  a stem that keeps the umlaut while the inflected form loses it, still matches.
- British spellings also in American spelling (`centres` → `centers`, `organise` → `organize`).
- Chinese (and Japanese) runs also as single characters, so a search for any character finds
  them; the search box splits a query's Chinese runs the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
# Joints between the parts of a German compound (Handel-s-schlupfloch, Zeitung-s-bericht).
LINKS = ("", "s", "es", "n", "en", "e", "er")
MIN_PART = 4
MIN_MODIFIER = 5  # a modifier the corpus does not know as a noun must be at least this long
# Nouns the splitter never takes as a part: too short or too common to mean anything alone.
NOT_PARTS = frozenset({"ende", "teil", "zeit", "jahr", "jahre", "jahren", "fall", "sache", "gabe", "gang"})
BRITISH = (
    (re.compile(r"([a-z]{2,}[tb])re(s|d)?$"), r"\1er\2"),  # centre(s) → center(s), fibre → fiber
    (re.compile(r"([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),  # organise → organize
    (re.compile(r"([a-z]{3,})ys(e|es|ed|ing)$"), r"\1yz\2"),  # analyse → analyze
    (re.compile(r"^(colo|labo|favo|hono|behavio|neighbo|rumo|harbo)ur(s|ed|ing)?$"), r"\1r\2"),
)


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Lower case, umlauts and ß folded: `Schlupflöcher` → `schlupflocher`."""
    return word.lower().translate(FOLD)


def words(text: str) -> list[str]:
    """The words of a text (letters only; a hyphen or apostrophe ends a word)."""
    return WORD.findall(text)


def cjk_characters(text: str) -> list[str]:
    """Each character of every Chinese or Japanese run longer than one character."""
    return [char for run in CJK.findall(text) if len(run) > 1 for char in run]


def nouns(text: str) -> Iterable[str]:
    """The folded words of a German text written with a capital (German nouns are), other than
    the first word of a sentence."""
    for sentence in re.split(r"[.!?:;]\s+", text):
        for word in words(sentence)[1:]:
            if word[0].isupper() and len(word) >= MIN_PART and not CJK.match(word):
                yield fold(word)


class Decompounder:
    """Splits German compounds into parts the corpus itself uses as nouns."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = {w for w in vocabulary if len(w) >= MIN_PART and w not in NOT_PARTS}
        self._forms: dict[str, tuple[str, ...]] = {}

    def forms(self, word: str) -> tuple[str, ...]:
        """The extra forms of one German word: folded, and its parts as written and folded."""
        found = self._forms.get(word)
        if found is None:
            lower, folded = word.lower(), fold(word)
            extra = [folded] if folded != lower else []
            if len(word) >= 2 * MIN_PART:
                for part in self.parts(word):
                    extra.append(part)
                    at = folded.find(part)
                    if len(folded) == len(lower) and at >= 0:  # the part as written, umlauts kept
                        extra.append(lower[at : at + len(part)])
            found = self._forms[word] = tuple(extra)
        return found

    def parts(self, word: str) -> list[str]:
        """The parts of `word` (folded), longest head first, each part split again; [] when the
        word is not a compound of known nouns. `Handelsschlupflöcher` → [`schlupflocher`, `handel`]
        when the corpus has `Schlupflöcher` and `Handel`."""
        folded = fold(word)
        for start in range(MIN_PART, len(folded) - MIN_PART + 1):
            head = folded[start:]
            if head not in self.vocabulary or head == folded:
                continue
            modifier = self._modifier(folded[:start])
            if modifier is None and start < MIN_MODIFIER:
                continue  # `kont` + `rolle`: a short unknown modifier is no part
            found = [head, modifier] if modifier else [head]
            found += [p for p in self.parts(head) if p not in found]
            return found
        return []

    def _modifier(self, left: str) -> str | None:
        for link in LINKS:
            stem = left[: len(left) - len(link)] if link else left
            if left.endswith(link) and len(stem) >= MIN_PART and stem in self.vocabulary:
                return stem
        return None


@lru_cache(maxsize=1 << 16)
def british_to_american(word: str) -> str | None:
    lower = word.lower()
    for pattern, replacement in BRITISH:
        american = pattern.sub(replacement, lower)
        if american != lower:
            return american
    return None


_PLAIN = Decompounder(())


def extra_words(text: str, language: str, decompounder: Decompounder | None = None) -> list[str]:
    """The forms of `text`'s words that pagefind would not find by itself, each once, in order
    of first appearance."""
    extra: dict[str, None] = {}
    for word in words(text):
        if language == "de":
            for form in (decompounder or _PLAIN).forms(word):
                extra[form] = None
        elif language == "en":
            american = british_to_american(word)
            if american:
                extra[american] = None
    for char in cjk_characters(text):
        extra[char] = None
    return list(extra)
