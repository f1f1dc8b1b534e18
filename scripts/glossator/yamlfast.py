"""The fast way to read a corpus file: yaml-rs (Rust, YAML 1.2), used only where it must give
exactly what the careful reader in yamlio.py (libyaml and PyYAML's nodes) would give.

Reading is the largest part of `check` and of the build's own work, and most of it was PyYAML
making a Python object per node. yaml-rs makes the data directly, about six times faster. It
reads YAML 1.2 while the careful reader reads YAML 1.1 with its own rules, and it expands
aliases and ignores unknown tags where the careful reader refuses them; so a text goes the fast
way only when neither difference can arise:

- no anchor (then no alias can resolve, and an unknown alias is an error), no tag, no merge key,
  no directive, no document marker, no tab, no NEL or Unicode line separator (YAML 1.1 breaks
  lines there), no raw control character or non-character (libyaml refuses those, yaml-rs not),
  no block collections nested on one line (`- - - x`: yaml-rs recurses on them and a deep
  enough text crashes the process, where libyaml stops at its depth limit with a message);
- every key is text, and every value is text, null or a boolean: a number is read the careful
  way (1.1 and 1.2 differ on `017`, `1_000`, `1e3`, `1:20`);
- no string could have been a plain scalar that the careful reader types otherwise (a quoted
  `'404'` and a plain `404` cannot be told apart in the data, so such a file goes the careful way).

Anything else, including every error, is left to the careful reader (`SLOW`), which also locates
problems. tests/test_yamlfast.py compares both readers on every YAML file of the project and the
tests and on texts made to differ; tests/hostile/test_bounded.py feeds the crashing nesting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import yaml_rs

SLOW = object()  # the careful reader must decide

# YAML 1.1 takes NEL and the Unicode separators for line breaks; tabs are read differently (a
# merge key `<<` is refused by the careful reader, which says where).
_BREAKS = ("\t", "\x85", "\u2028", "\u2029")
# Characters libyaml refuses or yamlio reports when they stand in the text as they are; yaml-rs
# takes them silently.
_RAW_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_MARKERS = ("%", "---", "...")  # a directive or a document marker at the start of a line
_LINE_MARKERS = tuple(f"\n{marker}" for marker in _MARKERS)
_NODE_START = frozenset(",[]{}:?-")
# Block collections nested on one line (`- - - x`, `? ? x`): yaml-rs recurses on them and a few
# hundred thousand crash the process; libyaml keeps its own stack.
_COMPACT = re.compile(r"[-?][ \t]+[-?](?:[ \t]|$)", re.M)


def printable(text: str) -> bool:
    """Whether every character but the line feeds is printable (`str.isprintable`): then the
    text holds no control character, no separator but the space, no format character and no
    non-character, so none of what the readers treat differently or yamlio calls invisible. A
    quick loop in C; the regular expressions that find those characters (slow on a class of
    characters) run only on a text that fails it."""
    return text.replace("\n", "").isprintable()


def _unsafe(text: str, clean: bool) -> bool:
    """Whether the text may hold what the readers treat differently (a few `in` tests and finds:
    a regular expression over every position costs more than the parse). `clean`: the text is
    `printable`, so it holds none of the characters looked for here."""
    if text.startswith(_MARKERS) or "<<" in text or any(marker in text for marker in _LINE_MARKERS):
        return True
    if not clean and (any(char in text for char in _BREAKS) or _RAW_REFUSED.search(text)):
        return True
    # No tab is left, so a compact nesting is `- -`, `- ?`, `? -` or `? ?`, or two spaces after one.
    if (
        "- -" in text or "- ?" in text or "? -" in text or "? ?" in text or "-  " in text or "?  " in text
    ) and (_COMPACT.search(text)):
        return True
    for indicator in "&!":  # an anchor or a tag starts a token: after a blank or an indicator
        at = text.find(indicator)
        while at != -1:
            before, after = text[at - 1 : at] or "\n", text[at + 1 : at + 2]
            if (before.isspace() or before in _NODE_START) and after and not after.isspace():
                return True
            at = text.find(indicator, at + 1)
    return False


_LIMITS = yaml_rs.AliasLimits(max_total_replayed_events=0, max_alias_expansions_per_anchor=0)


class FastReader:
    """`load(text)`: the data, or SLOW. `resolvers` are the careful reader's implicit resolvers
    (first character -> [(tag, regexp)]): a string that one of them matches could have been
    written plain and typed otherwise by that reader."""

    def __init__(self, resolvers: Mapping[str | None, Sequence[tuple[str, re.Pattern]]]) -> None:
        self._typed = {first: _any_match(pairs) for first, pairs in resolvers.items() if first and pairs}

    def load(self, text: str, clean: bool | None = None) -> Any:
        """The data of the text, or SLOW. `clean`: whether the text is `printable`, when the
        caller knows."""
        if _unsafe(text, printable(text) if clean is None else clean):
            return SLOW
        try:
            data = yaml_rs.loads(text, parse_datetime=False, alias_limits=_LIMITS)
        except Exception:  # noqa: BLE001 - any refusal goes to the careful reader, which says why
            return SLOW
        return data if self._plain(data) else SLOW

    def _plain(self, data: Any) -> bool:
        """Whether every key is text and every value text (not typed otherwise when plain), null
        or a boolean."""
        stack = [data]
        typed = self._typed
        while stack:
            value = stack.pop()
            if type(value) is str:
                match = typed.get(value[:1])
                if match is not None and match(value):
                    return False
            elif type(value) is dict:
                for key in value:
                    if type(key) is not str:
                        return False
                stack.extend(value)
                stack.extend(value.values())
            elif type(value) is list:
                stack.extend(value)
            elif value is not None and type(value) is not bool:
                return False
        return True


def _any_match(pairs: Sequence[tuple[str, re.Pattern]]) -> Callable[[str], Any]:
    """One `match` for the resolvers of one first character: their patterns joined into one
    when their flags agree (in a verbose pattern each ends with a line break, so that a comment
    in it ends there)."""
    regexps = [regexp for _, regexp in pairs]
    flags = {r.flags for r in regexps}
    if len(regexps) == 1:
        return regexps[0].match
    if len(flags) > 1:
        return lambda value: any(r.match(value) for r in regexps)
    end = "\n" if re.VERBOSE & regexps[0].flags else ""
    return re.compile("|".join(f"(?:{r.pattern}{end})" for r in regexps), regexps[0].flags).match


_TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def top_level_marks(text: str, data: Any) -> dict[tuple, tuple[int, int, int, int]]:
    """Where the document and each of its top-level values stand, from the text alone (a text read
    the fast way has no node tree): path -> (line, column, key line, key column), as the careful
    reader's marks. Only for a block mapping whose keys are plain words at the start of a line and
    whose values are on the key's line or indented below it (or an unindented `- ` list), which
    is every file the tool writes; otherwise, or for any key it cannot place, nothing (the node
    tree is composed when a problem must be located)."""
    if not isinstance(data, dict) or not data:
        return {}
    lines = text.split("\n")
    marks: dict[tuple, tuple[int, int, int, int]] = {}
    keys: list[tuple[str, int]] = []
    for number, line in enumerate(lines):
        found = _TOP_KEY.match(line)
        if found:
            keys.append((found.group(1), number))
        elif line and not line[0].isspace() and line[0] not in "#-":
            return {}  # a line at the margin that is no simple key: let the node tree decide
    if sorted(k for k, _ in keys) != sorted(data) or len({k for k, _ in keys}) != len(keys):
        return {}
    marks[()] = (keys[0][1] + 1, 1, 0, 0)
    for key, number in keys:
        line = lines[number]
        after = line.index(":", len(key)) + 1
        rest = line[after:].lstrip(" \t")
        if rest and not rest.startswith("#"):
            marks[(key,)] = (number + 1, len(line) - len(rest) + 1, number + 1, 1)
            continue
        for below in range(number + 1, len(lines)):
            content = lines[below].lstrip(" ")
            if not content or content.startswith("#"):
                continue
            column = len(lines[below]) - len(content)
            if column > 0 or content == "-" or content.startswith("- "):
                marks[(key,)] = (below + 1, column + 1, number + 1, 1)
            break
    return marks
