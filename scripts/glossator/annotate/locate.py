"""Find the words a user selected in an article, as `glossator claim` needs them: in the visible
text of the original or of the translation, one place only, within one paragraph.

Each way this can fail is an InputError that says what to do: words found nowhere (with the
closest match), found in several places (with the `--paragraph`/`--occurrence` that picks each,
and the prefix or suffix that will be written for it), or running across two paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..markdown import visible_text
from ..problems import InputError
from ..quotes import Match, closest, find_in_visible, unique_context
from ..textnorm import normalize
from ..yamlio import read_text
from ..yamlsplice import compose, node_at
from .load import ArticleText

SIDES = ("original", "translation")


@dataclass(frozen=True)
class Found:
    side: str  # "original" or "translation"
    match: Match
    words: str


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _candidates(words: str) -> list[str]:
    """The words as typed, then as a reader sees them if they hold Markdown (`**Singapur**`)."""
    plain = normalize(words)
    seen = normalize(visible_text(plain).text)
    return [plain] if seen in ("", plain) else [plain, seen]


def _across(words: str, visible: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The two neighbouring paragraphs the words run across, if they do."""
    for (a, text_a), (b, text_b) in zip(visible, visible[1:], strict=False):
        joined = f"{text_a} {text_b}"
        start = joined.find(words)
        while start != -1:
            if start < len(text_a) < start + len(words) - 1:
                return a, b
            start = joined.find(words, start + 1)
    return None


def find_words(
    text: ArticleText,
    words: str,
    *,
    side: str | None = None,
    paragraph: str | None = None,
    occurrence: int | None = None,
) -> Found:
    """The one place of `words` (in `side`, or the original and then the translation)."""
    sides = [side] if side else list(SIDES)
    if not normalize(words):
        raise InputError("no words given: pass the words as a reader sees them, or a selection (--line ...)")
    for which in sides:
        visible = text.original if which == "original" else text.translation
        if paragraph is not None:
            visible = [(pid, t) for pid, t in visible if pid == paragraph]
            if not visible and (side or which == "translation"):
                shown = text.article_shown if which == "original" else text.translation_shown
                raise InputError(f"{shown}: no paragraph '{paragraph}' in the reading text")
        for candidate in _candidates(words):
            matches = find_in_visible(candidate, visible)
            if matches:
                return _one(text, which, candidate, matches, occurrence)
    _not_found(text, _candidates(words)[-1], sides, paragraph)
    raise AssertionError("unreachable")


def _one(text: ArticleText, side: str, words: str, matches: list[Match], occurrence: int | None) -> Found:
    if occurrence is not None:
        if not 1 <= occurrence <= len(matches):
            raise InputError(f"--occurrence {occurrence}: the words occur {len(matches)} time(s) here")
        return Found(side, matches[occurrence - 1], words)
    if len(matches) == 1:
        return Found(side, matches[0], words)
    visible = text.original if side == "original" else text.translation
    lines = [f"'{_short(words)}' occurs {len(matches)} times in the {side}; say which one:"]
    for number, match in enumerate(matches, 1):
        quote = unique_context(match, visible)
        context = (
            f"prefix '{quote.prefix}'"
            if quote and quote.prefix
            else f"suffix '{quote.suffix}'"
            if quote and quote.suffix
            else "no context tells it apart"
        )
        lines.append(
            f"  --paragraph {match.paragraph} --occurrence {sum(m.paragraph == match.paragraph for m in matches[:number])}"
            f"   (or --occurrence {number}): written with {context}"
        )
    raise InputError("\n".join(lines))


def _not_found(text: ArticleText, words: str, sides: list[str], paragraph: str | None) -> None:
    for which in sides:
        visible = text.original if which == "original" else text.translation
        pair = _across(words, visible)
        if pair:
            raise InputError(
                f"the words run across paragraphs {pair[0]} and {pair[1]} of the {which}; a claim quotes "
                "one paragraph: make one claim per paragraph, or select the words within one"
            )
    where = " or the ".join(sides)
    hint = ""
    for which in sides:
        visible = text.original if which == "original" else text.translation
        near = closest(words, visible, limit=1)
        if near:
            hint = f"; the closest, in {near[0].paragraph} of the {which} (similarity {near[0].score:.2f}), is '{near[0].text}'"
            break
    scope = f" (paragraph {paragraph})" if paragraph else ""
    raise InputError(
        f"'{_short(words)}' is not in the {where} of '{text.id}'{scope}{hint}; "
        "give the words exactly as a reader sees them"
    )


def selection(
    path: Path, shown: str, line: int, start: int, end: int, end_line: int | None, root: Path | None = None
) -> tuple[str, str]:
    """(paragraph id, selected words) of an editor's selection in article.yaml or a
    translation file: 1-based line and columns, `end` the column just after the last selected
    character (as editors count). The selection must lie in one paragraph's `text`."""
    end_line = end_line or line
    text, problems = read_text(path, shown, root)  # refuses a link out of the project
    if text is None:
        raise InputError(problems)
    lines = text.split("\n")
    if not (1 <= line <= end_line <= len(lines)) or start < 1 or (end_line == line and end <= start):
        raise InputError(f"{shown}: the selection {line}:{start} to {end_line}:{end} is not in the file")
    picked = [lines[n - 1] for n in range(line, end_line + 1)]
    picked[-1] = picked[-1][: end - 1]
    picked[0] = picked[0][start - 1 :]
    words = " ".join(p.strip() for p in picked)
    root = compose(text)
    _, items = node_at(root, ("paragraphs",)) if root is not None else (None, None)
    for item in items.value if isinstance(items, yaml.SequenceNode) else []:
        _, id_node = node_at(item, ("id",))
        _, body = node_at(item, ("text",))
        if body is None or id_node is None:
            continue
        first, last = body.start_mark.line + 1, body.end_mark.line + (1 if body.end_mark.column else 0)
        if first <= line and end_line <= last:
            return str(id_node.value), words
    raise InputError(f"{shown}:{line}:{start}: the selection is not inside a paragraph's text")
