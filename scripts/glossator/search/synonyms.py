"""Words and phrases the search treats as one, across languages and scripts.

Groups come from three places: the glossary's term pairs (`Exportkontrolle` / `export control`),
every entity's names and aliases (`Singapur` / `Singapore`, `苏菂` / `Su Di`), and
`annotations/synonyms.yaml` for what neither holds (`Rechenzentrum` / `data centre`). Groups that
share a phrase are merged. A record that contains a phrase of a group gets the group's other
phrases as extra indexed words, so a search for any of them finds it.

A phrase matches the text's words in order; a word of five letters or more matches its
inflected forms too (the same word minus its last two letters, plus up to four letters:
`Rechenzentrum` matches `Rechenzentren`, `data centre` matches `data centres`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..corpus import Layout, load_file
from ..model import Entity
from ..problems import InputError
from .analysis import fold, words

SYNONYMS_FILE = "synonyms.yaml"
Phrase = tuple[str, ...]


def _key(word: str) -> str:
    return word if len(word) <= 4 else word[: max(4, len(word) - 2)]


def _matches(pattern: str, word: str) -> bool:
    if len(pattern) <= 4:
        return word == pattern
    return word.startswith(_key(pattern)) and len(word) <= len(pattern) + 4


class Synonyms:
    """Groups of phrases, and the phrases a text should also be found by."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self.groups = _merged([[g for g in group if words(g)] for group in groups])
        self._by_start: dict[str, list[tuple[Phrase, int]]] = defaultdict(list)
        for number, group in enumerate(self.groups):
            for phrase in group:
                folded = tuple(fold(w) for w in words(phrase))
                self._by_start[folded[0][:4]].append((folded, number))

    def extra(self, text: str) -> list[str]:
        """The phrases of every group that `text` mentions, other than those it contains."""
        folded = [fold(w) for w in words(text)]
        found: set[int] = set()
        present: set[Phrase] = set()
        for at, word in enumerate(folded):
            for phrase, number in self._by_start.get(word[:4], ()):
                if len(phrase) <= len(folded) - at and all(
                    _matches(p, w) for p, w in zip(phrase, folded[at:], strict=False)
                ):
                    found.add(number)
                    present.add(phrase)
        return [
            phrase
            for number in sorted(found)
            for phrase in self.groups[number]
            if tuple(fold(w) for w in words(phrase)) not in present
        ]


def _merged(groups: list[list[str]]) -> list[list[str]]:
    """Groups sharing a phrase (compared folded) become one, phrases in first-seen order."""
    parent: dict[str, str] = {}

    def find(phrase: str) -> str:
        while parent.setdefault(phrase, phrase) != phrase:
            phrase = parent[phrase]
        return phrase

    shown: dict[str, str] = {}
    for group in groups:
        keys = [" ".join(fold(w) for w in words(p)) for p in group]
        for key, phrase in zip(keys, group, strict=True):
            shown.setdefault(key, phrase)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    merged: dict[str, list[str]] = defaultdict(list)
    for key, phrase in shown.items():
        merged[find(key)].append(phrase)
    return [group for group in merged.values() if len(group) > 1]


def entity_groups(entities: Iterable[Entity]) -> list[list[str]]:
    return [[n.name for n in entity.names] + list(entity.aliases) for entity in entities]


def load_groups(root: Path) -> list[list[str]]:
    """The glossaries' term pairs and the groups of annotations/synonyms.yaml. Raises InputError
    (located problems) when a file breaks its schema."""
    layout = Layout(root)
    groups: list[list[str]] = []
    for path in layout.glossary_files():
        data = _load(root, path, "glossary")
        groups += [[t["source"], t["target"]] for t in data.get("terms") or []]
    path = layout.annotations / SYNONYMS_FILE
    if path.exists():
        groups += [list(group) for group in _load(root, path, "synonyms")["groups"]]
    return groups


def _load(root: Path, path: Path, schema: str) -> dict:
    loaded, problems = load_file(root, path, schema)
    if problems or loaded is None:
        raise InputError(problems or f"{path.relative_to(root)}: could not be read")
    return loaded.doc.data
