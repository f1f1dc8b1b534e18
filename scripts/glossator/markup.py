"""Inline Markdown to DeepL's XML tag handling and back, so that links, emphasis, inline code,
block markers and names that must not be translated survive machine translation intact.

Link targets and code are swapped for numbered placeholders (DeepL never sees them); names to
keep are wrapped in an ignored tag; emphasis becomes tags that DeepL moves with the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape

IGNORE_TAGS = ("k", "c")
MARKUP_VERSION = "1"

_BLOCK = re.compile(r"^(#{1,6} |[-*+] |\d{1,3}[.)] |> )")
_INLINE = re.compile(
    r"(?P<code>`[^`]+`)"
    r"|\[(?P<link_text>[^\]]+)\]\((?P<link_url>[^)\s]+)\)"
    r"|\*\*(?P<bold>[^*]+)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s][^*]*)\*(?![\w*])"
    r"|(?<!\w)_(?P<em2>[^_\s][^_]*)_(?!\w)"
)


@dataclass
class Prepared:
    """A paragraph ready for DeepL, and what is needed to turn the answer back into Markdown."""

    xml: str
    prefix: str = ""
    slots: list[str] = field(default_factory=list)


def _keep_names(text: str, names: list[str]) -> str:
    """Escaped text with each name to keep wrapped in <k>; longest names first."""
    if not names:
        return escape(text, quote=False)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()], quote=False))
        out.append(f"<k>{escape(match.group(0), quote=False)}</k>")
        last = match.end()
    out.append(escape(text[last:], quote=False))
    return "".join(out)


def to_xml(text: str, keep: list[str] | tuple[str, ...] = ()) -> Prepared:
    prefix = ""
    block = _BLOCK.match(text)
    if block:
        prefix, text = block.group(0), text[block.end() :]
    prepared = Prepared("", prefix)
    out, last = [], 0
    for match in _INLINE.finditer(text):
        out.append(_keep_names(text[last : match.start()], list(keep)))
        last = match.end()
        if match.group("code"):
            prepared.slots.append(match.group("code"))
            out.append(f'<c n="{len(prepared.slots) - 1}"/>')
        elif match.group("link_text"):
            prepared.slots.append(match.group("link_url"))
            inner = _keep_names(match.group("link_text"), list(keep))
            out.append(f'<a n="{len(prepared.slots) - 1}">{inner}</a>')
        elif match.group("bold"):
            out.append(f"<b>{_keep_names(match.group('bold'), list(keep))}</b>")
        else:
            out.append(f"<i>{_keep_names(match.group('em') or match.group('em2'), list(keep))}</i>")
    out.append(_keep_names(text[last:], list(keep)))
    # Table cells: the pipes become empty tags that DeepL keeps in place.
    prepared.xml = "".join(out).replace("|", "<s/>")
    return prepared


_TAG = re.compile(r'<(/?)([a-z])(?: n="(\d+)")?\s*(/?)>')


def from_xml(xml: str, prepared: Prepared) -> str:
    """The Markdown for DeepL's answer. Raises ValueError if the answer lost a placeholder."""
    out, last, used = [], 0, set()
    open_links: list[int] = []
    for match in _TAG.finditer(xml):
        out.append(unescape(xml[last : match.start()]))
        last = match.end()
        closing, name, number, selfclosing = match.groups()
        if name == "s":
            out.append("|")
        elif name == "c":
            out.append(prepared.slots[int(number)])
            used.add(int(number))
        elif name == "b":
            out.append("**")
        elif name == "i":
            out.append("*")
        elif name == "a" and not closing:
            open_links.append(int(number))
            out.append("[")
        elif name == "a":
            index = open_links.pop()
            used.add(index)
            out.append(f"]({prepared.slots[index]})")
    out.append(unescape(xml[last:]))
    if used != set(range(len(prepared.slots))):
        raise ValueError("the translation lost a link or code placeholder")
    return prepared.prefix + "".join(out)
