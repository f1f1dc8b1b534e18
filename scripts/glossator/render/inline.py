"""Paragraph text, which is normalized Markdown, as HTML with claim marks laid over it.

Inline Markdown (links, emphasis, strong, code, backslash escapes) becomes elements; every
other character is escaped. Quotes are located in the raw Markdown, so the marks are cut at
every element boundary: a <mark> only ever wraps plain text and never crosses an element.
Only http(s) and mailto links become links; anything else stays text.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..quotes import Match
from .html import esc, tag

_INLINE = re.compile(
    r"(?P<escape>\\[\\`*_{}\[\]()#+\-.!|$<>~])"
    r"|(?P<code>`[^`]+`)"
    r"|\[(?P<link_text>[^\]]+)\]\((?P<url>(?:https?://|mailto:)[^)\s]*)\)"
    r"|\*\*(?P<strong>[^*]+)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s][^*]*)\*(?![\w*])"
    r"|(?<![\w_])_(?P<em2>[^_\s][^_]*)_(?![\w_])"
)


def _syntax(
    text: str,
) -> tuple[list[tuple[int, int]], dict[int, list[str]], dict[int, list[str]], list[tuple[int, int]]]:
    """Hidden ranges (Markdown syntax), tags opening and closing at positions, and link spans."""
    hidden: list[tuple[int, int]] = []
    opens: dict[int, list[str]] = defaultdict(list)
    closes: dict[int, list[str]] = defaultdict(list)
    links: list[tuple[int, int]] = []
    for match in _INLINE.finditer(text):
        start, end = match.span()
        if match.group("escape"):
            hidden.append((start, start + 1))
            continue
        if match.group("link_text"):
            inner_end = start + 1 + len(match.group("link_text"))
            hidden += [(start, start + 1), (inner_end, end)]
            opens[start + 1].append(f'<a href="{esc(match.group("url"))}" rel="nofollow noopener">')
            closes[inner_end].append("</a>")
            links.append((start + 1, inner_end))
            continue
        width = 2 if match.group("strong") else 1
        name = "code" if match.group("code") else "strong" if match.group("strong") else "em"
        hidden += [(start, start + width), (end - width, end)]
        opens[start + width].append(f"<{name}>")
        closes[end - width].append(f"</{name}>")
    return hidden, opens, closes, links


def inline_html(text: str, marks: list[tuple[Match, str]] = (), href_prefix: str = "#claim-") -> str:
    hidden, opens, closes, links = _syntax(text)
    points = {0, len(text)} | set(opens) | set(closes)
    points |= {p for span in hidden for p in span} | {p for m, _ in marks for p in (m.start, m.end)}
    cuts = sorted(points)
    refs: dict[int, list[str]] = defaultdict(list)
    for match, claim_id in marks:
        # A claim link cannot sit inside a link: move it to where the link ends.
        end = next((e for s, e in links if s < match.end < e), match.end)
        refs[end].append(claim_id)
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        out += closes.get(start, []) + [_ref(c, href_prefix) for c in refs.get(start, [])]
        out += opens.get(start, [])
        if any(a <= start and end <= b for a, b in hidden):
            continue
        covering = [cid for m, cid in marks if m.start <= start and end <= m.end]
        piece = esc(text[start:end])
        out.append(
            tag("mark", piece, class_="gl-mark", data_claims=" ".join(covering)) if covering else piece
        )
    out += closes.get(len(text), []) + [_ref(c, href_prefix) for c in refs.get(len(text), [])]
    return "".join(out)


def _ref(claim_id: str, href_prefix: str) -> str:
    return tag("a", esc(claim_id), href=f"{href_prefix}{claim_id}", class_="gl-ref")
