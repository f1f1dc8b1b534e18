"""A paragraph's inline Markdown as DeepL's XML and back, so that links, emphasis, code, block
markers and names that must not be translated survive machine translation intact.

The paragraph is parsed by `markdown.parse` (nesting included). What DeepL must not see becomes a
numbered placeholder: link targets (`<a n="0">link text</a>`), code spans, autolinks and line
breaks (`<c n="1"/>`). Emphasis, strong and strikethrough become `<i>`, `<b>`, `<del>`, which
DeepL moves with the words; names to keep are wrapped in `<k>` (ignored); a table's `|` is `<s/>`.

`from_xml` reads the answer strictly: a placeholder dropped, duplicated or unknown, a tag moved
across another, or an unknown tag raises `MarkupError` saying which. The Markdown it writes is
parsed again and must give the answer's tree; escaping is added (and, as a last resort,
emphasis DeepL placed where Markdown cannot express it is dropped) until it does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape, unescape

from .markdown import Break, Code, Element, Node, Text, parse

IGNORE_TAGS = ("k", "c")
MARKUP_VERSION = "2"

_BLOCK = re.compile(r"^(#{1,6} |[-*+] |\d{1,3}[.)] |> )")
_TAG_OF = {"em": "i", "strong": "b", "del": "del"}
_DELIMITER = {"i": "*", "b": "**", "del": "~~"}
_FULL_ESCAPE = set("\\`*_[]<&~")


class MarkupError(ValueError):
    """DeepL's answer does not carry the tags it was sent; the message says what is wrong."""


@dataclass
class Prepared:
    """A paragraph ready for DeepL, and what is needed to turn the answer back into Markdown.

    `slots[n]` is the Markdown behind placeholder n (`kinds[n]`: "link" for the part after a
    link's text, "code", "autolink" or "break" for a whole `<c n/>`); `forms` maps a character
    to how the source wrote it (`$` -> `\\$`, `&` -> `&amp;`); `delimiters` the source's
    emphasis delimiters by tag and depth in the same tag (`i0` -> `_` when it wrote `_x_`)."""

    xml: str
    prefix: str = ""
    slots: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)
    delimiters: dict[str, str] = field(default_factory=dict)

    def _slot(self, kind: str, raw: str) -> int:
        self.slots.append(raw)
        self.kinds.append(kind)
        return len(self.slots) - 1


# --- to DeepL ---------------------------------------------------------------------------------


def to_xml(text: str, keep: list[str] | tuple[str, ...] = ()) -> Prepared:
    """The paragraph as DeepL XML. `keep`: names wrapped in <k> (not translated)."""
    prefix = ""
    block = _BLOCK.match(text)
    if block:
        prefix, text = block.group(0), text[block.end() :]
    prepared = Prepared("", prefix)
    prepared.xml = _xml(parse(text), text, prepared, _names(tuple(keep)))
    return prepared


def _xml(
    nodes: tuple[Node, ...], source: str, prepared: Prepared, names: re.Pattern | None, within: str = ""
) -> str:
    """`within`: the emphasis tags around `nodes`, outermost first (`bi` in <b><i>)."""
    out: list[str] = []
    words: list[str] = []  # consecutive text, so that a name to keep is found across an escape
    for node in nodes:
        if isinstance(node, Text):
            if not node.literal and len(node.text) == 1:
                prepared.forms.setdefault(node.text, source[node.start : node.end])
            if node.literal or node.text != "|":
                words.append(node.text)
                continue
        out.append(_text_xml("".join(words), names))
        words = []
        if isinstance(node, Text):  # an escaped pipe is text, not a table's column break
            out.append("|")
            continue
        if isinstance(node, Code | Break) or (isinstance(node, Element) and node.autolink):
            kind = "code" if isinstance(node, Code) else "break" if isinstance(node, Break) else "autolink"
            out.append(f'<c n="{prepared._slot(kind, source[node.start : node.end])}"/>')
        elif node.kind == "link":
            number = prepared._slot("link", node.dest)
            out.append(f'<a n="{number}">{_xml(node.children, source, prepared, names, within)}</a>')
        else:
            name = _TAG_OF[node.kind]
            prepared.delimiters.setdefault(f"{name}{within.count(name)}", node.markup)
            inner = _xml(node.children, source, prepared, names, within + name)
            out.append(f"<{name}>{inner}</{name}>")
    out.append(_text_xml("".join(words), names))
    return "".join(out)


@lru_cache(maxsize=64)
def _names(keep: tuple[str, ...]) -> re.Pattern | None:
    names = sorted({n for n in keep if n}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


def _text_xml(text: str, names: re.Pattern | None) -> str:
    """Escaped text, each name to keep wrapped in <k>, each table pipe an empty <s/>."""
    if not text:
        return ""
    if names is None:
        return escape(text, quote=False).replace("|", "<s/>")
    out, last = [], 0
    for match in names.finditer(text):
        out.append(escape(text[last : match.start()], quote=False))
        out.append(f"<k>{escape(match.group(0), quote=False)}</k>")
        last = match.end()
    out.append(escape(text[last:], quote=False))
    return "".join(out).replace("|", "<s/>")


# --- back from DeepL --------------------------------------------------------------------------

_ANY_TAG = re.compile(r'<(/?)([a-z]+)((?:\s+n="\d+")?)\s*(/?)>')


@dataclass
class _Tag:
    name: str  # i, b, del, a (link, with `number`), k (kept name)
    children: list[_Item]
    number: int = -1
    at: int = 0  # where it opened in the answer, for messages


@dataclass(frozen=True)
class _Slot:
    number: int


_PIPE = _Slot(-1)
_Item = str | _Slot | _Tag


def from_xml(xml: str, prepared: Prepared) -> str:
    """The Markdown for DeepL's answer. Raises MarkupError if its tags are not the ones sent."""
    items = _normalize(_read(xml, prepared), in_link=False)
    # DeepL may put emphasis where Markdown cannot say it (`*„Wort“*dort`): then without the
    # emphasis that does not parse back, one at a time, else without any.
    tags = [id(tag) for tag in _emphasis(items)]
    versions = [(0, items), (1, items)]
    versions += [(1, _normalize(_flatten(items, {tag}), in_link=False)) for tag in tags]
    versions.append((1, _normalize(_flatten(items, set(tags)), in_link=False)))
    for level, version in versions:
        markdown = _markdown(version, prepared, level)
        if _parsed_shape(markdown) == _shape(version, prepared):
            return prepared.prefix + markdown
    raise MarkupError("the answer's tags cannot be written as Markdown")  # pragma: no cover


def _read(xml: str, prepared: Prepared) -> list[_Item]:
    """The answer as a tree of text, placeholders and tags, checked tag by tag."""
    root = _Tag("", [])
    stack = [root]
    used: Counter[int] = Counter()
    last = 0
    for start in _positions(xml, "<"):
        if start < last:
            continue
        match = _ANY_TAG.match(xml, start)
        _text(stack[-1], xml[last:start])
        closing, name, number = _check_tag(xml, start, match, prepared)
        last = match.end()
        if name == "c":
            used[number] += 1
            stack[-1].children.append(_Slot(number))
        elif name == "s":
            stack[-1].children.append(_PIPE)
        elif not closing:
            if number >= 0:
                used[number] += 1
            opened = _Tag(name, [], number, start)
            stack[-1].children.append(opened)
            stack.append(opened)
        elif len(stack) == 1:
            raise MarkupError(f"</{name}> at character {start} closes no open tag")
        elif stack[-1].name != name:
            raise MarkupError(
                f"</{name}> at character {start} closes <{stack[-1].name}> (opened at character "
                f"{stack[-1].at}): a tag was moved across another"
            )
        else:
            stack.pop()
    _text(stack[-1], xml[last:])
    if len(stack) > 1:
        raise MarkupError(f"<{stack[-1].name}> at character {stack[-1].at} is never closed")
    wrong = [
        f"placeholder {n} {'dropped' if used[n] == 0 else 'duplicated'}"
        for n in range(len(prepared.slots))
        if used[n] != 1
    ]
    if wrong:
        raise MarkupError("; ".join(wrong))
    return root.children


def _positions(text: str, char: str):
    start = text.find(char)
    while start != -1:
        yield start
        start = text.find(char, start + 1)


def _text(parent: _Tag, xml_text: str) -> None:
    if xml_text:
        parent.children.append(unescape(xml_text))


def _check_tag(xml: str, start: int, match: re.Match | None, prepared: Prepared) -> tuple[bool, str, int]:
    """(closing, name, placeholder number or -1) of the tag at `start`, or MarkupError."""
    snippet = xml[start : start + 20].split(">")[0] + ">"
    if match is None:
        raise MarkupError(f"unknown tag {snippet!r} at character {start}")
    slash, name, attribute, selfclosing = match.groups()
    closing = bool(slash)
    number = int(attribute.split('"')[1]) if attribute else -1
    expected = {
        "c": (False, True, True),  # (closing allowed, needs a number, self-closing)
        "s": (False, False, True),
        "a": (True, not closing, False),
        "b": (True, False, False),
        "i": (True, False, False),
        "del": (True, False, False),
        "k": (True, False, False),
    }.get(name)
    if expected is None or (closing and not expected[0]) or bool(attribute) != expected[1]:
        raise MarkupError(f"unknown tag {match.group(0)!r} at character {start}")
    if bool(selfclosing) != expected[2]:
        raise MarkupError(f"unknown tag {match.group(0)!r} at character {start}")
    if number >= 0:
        kind = prepared.kinds[number] if number < len(prepared.kinds) else None
        if kind is None or (kind == "link") != (name == "a"):
            raise MarkupError(f"unknown placeholder {number} in {match.group(0)!r} at character {start}")
    return closing, name, number


def _normalize(items: list[_Item], *, in_link: bool) -> list[_Item]:
    """Kept names unwrapped, emphasis without white space at its edges (Markdown would not read
    `** x**` as strong), empty emphasis dropped, neighbouring texts and equal tags merged."""
    out: list[_Item] = []
    for item in items:
        if isinstance(item, _Tag) and item.name == "k":
            out += _normalize(item.children, in_link=in_link)
            continue
        if isinstance(item, _Tag):
            if item.name == "a" and in_link:
                raise MarkupError(f"link placeholder {item.number} was put inside another link")
            children = _normalize(item.children, in_link=in_link or item.name == "a")
            if item.name != "a":
                lead, children, trail = _edges(children)
                out.append(lead)
                if children:
                    out.append(_Tag(item.name, children, item.number))
                out.append(trail)
                continue
            item = _Tag(item.name, children, item.number)
        out.append(item)
    return _merge(out)


def _edges(children: list[_Item]) -> tuple[str, list[_Item], str]:
    lead = trail = ""
    if children and isinstance(children[0], str):
        stripped = children[0].lstrip()
        lead = children[0][: len(children[0]) - len(stripped)]
        children = ([stripped] if stripped else []) + children[1:]
    if children and isinstance(children[-1], str):
        stripped = children[-1].rstrip()
        trail = children[-1][len(stripped) :]
        children = children[:-1] + ([stripped] if stripped else [])
    return lead, children, trail


def _merge(items: list[_Item]) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        if item == "":
            continue
        previous = out[-1] if out else None
        if isinstance(item, str) and isinstance(previous, str):
            out[-1] = previous + item
        elif isinstance(item, _Tag) and isinstance(previous, _Tag) and item.name == previous.name != "a":
            out[-1] = _Tag(item.name, _merge(previous.children + item.children))
        else:
            out.append(item)
    return out


def _markdown(items: list[_Item], prepared: Prepared, level: int, within: tuple[str, ...] = ()) -> str:
    """Markdown for the items. Level 0 escapes only what the source escaped, 1 also every
    character that can start inline syntax."""
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(_escape(item, prepared, level))
        elif item is _PIPE:
            out.append("|")
        elif isinstance(item, _Slot):
            out.append(prepared.slots[item.number])
        elif item.name == "a":
            inner = _markdown(item.children, prepared, level, within)
            out.append(f"[{inner}]{prepared.slots[item.number]}")
        else:
            # The source's own delimiter at this depth; the other one inside the same kind.
            depth = within.count(item.name)
            default = _DELIMITER[item.name]
            if depth % 2 and item.name != "del":
                default = default.replace("*", "_")
            mark = prepared.delimiters.get(f"{item.name}{depth}", default)
            inner = _markdown(item.children, prepared, level, (*within, item.name))
            out.append(f"{mark}{inner}{mark}")
    return "".join(out)


def _emphasis(items: list[_Item]) -> list[_Tag]:
    tags = [item for item in items if isinstance(item, _Tag)]
    return [t for t in tags if t.name != "a"] + [e for t in tags for e in _emphasis(t.children)]


def _flatten(items: list[_Item], drop: set[int]) -> list[_Item]:
    """The items without the emphasis tags whose id() is in `drop` (their text stays)."""
    out: list[_Item] = []
    for item in items:
        if isinstance(item, _Tag) and id(item) in drop:
            out += _flatten(item.children, drop)
        elif isinstance(item, _Tag):
            out.append(_Tag(item.name, _flatten(item.children, drop), item.number))
        else:
            out.append(item)
    return out


def _escape(text: str, prepared: Prepared, level: int) -> str:
    forms = prepared.forms
    if level == 0:
        return "".join(forms.get(c, c) for c in text) if forms else text
    return "".join(forms.get(c) or (f"\\{c}" if c in _FULL_ESCAPE else c) for c in text)


# --- the tree a Markdown text stands for, to compare the answer with what was written ----------


def _shape(items: list[_Item], prepared: Prepared) -> tuple:
    out: list[object] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif item is _PIPE:
            out.append("|")
        elif isinstance(item, _Slot):
            kind = prepared.kinds[item.number]
            out.append("\n" if kind == "break" else ("raw", prepared.slots[item.number]))
        elif item.name == "a":
            out.append(("a", prepared.slots[item.number], _shape(item.children, prepared)))
        else:
            out.append((item.name, _shape(item.children, prepared)))
    return _canonical(out)


def _parsed_shape(markdown: str) -> tuple:
    return _node_shape(parse(markdown), markdown)


def _node_shape(nodes: tuple[Node, ...], source: str) -> tuple:
    out: list[object] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Break):
            out.append("\n")
        elif isinstance(node, Code) or node.autolink:
            out.append(("raw", source[node.start : node.end]))
        elif node.kind == "link":
            out.append(("a", node.dest, _node_shape(node.children, source)))
        else:
            out.append((_TAG_OF[node.kind], _node_shape(node.children, source)))
    return _canonical(out)


def _canonical(parts: list[object]) -> tuple:
    """Texts merged with white space collapsed; `<b><i>x</i></b>` the same as `<i><b>x</b></i>`."""
    out: list[object] = []
    for part in parts:
        if isinstance(part, str):
            if out and isinstance(out[-1], str):
                out[-1] += part
            else:
                out.append(part)
            continue
        if part[0] in _DELIMITER:
            names, inner = {part[0]}, part[1]
            while len(inner) == 1 and isinstance(inner[0], tuple) and inner[0][0] == "emphasis":
                names |= set(inner[0][1])
                inner = inner[0][2]
            part = ("emphasis", tuple(sorted(names)), inner)
        out.append(part)
    return tuple(re.sub(r"\s+", " ", p) if isinstance(p, str) else p for p in out if p != "")
