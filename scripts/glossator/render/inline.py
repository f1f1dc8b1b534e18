"""Paragraph text (inline Markdown) as HTML with claim marks laid over it.

A thin adapter over `glossator.markdown.to_html`: quotes are found in the visible text
(`quotes.find_quote`), so their offsets are the marks' offsets. Everything is escaped; only
http(s) and mailto links become links; a <mark> never crosses an element.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..markdown import to_html
from ..quotes import Match


def inline_html(text: str, marks: Sequence[tuple[Match, str]] = (), href_prefix: str = "#claim-") -> str:
    """Safe HTML for `text`; each (match, claim id) gets a <mark> and a reference link to
    `href_prefix + claim id` after it."""
    return to_html(
        text,
        [(match.start, match.end, claim_id) for match, claim_id in marks],
        ref_href=lambda claim_id: f"{href_prefix}{claim_id}",
    )


# The opening tag to_html writes for a mark: its claim ids are escaped ids (no quote, no `<`), and
# corpus text is escaped, so this can only match a mark the writer made.
_MARK = re.compile(r'<mark class="gl-mark" data-claims="([^"<>]*)">')


def tint_marks(html: str, tints: Mapping[str, str]) -> str:
    """Each mark of `html` (from inline_html) with the class of its first claim in `tints` added
    (claim id -> CSS class, e.g. the claim's confidence)."""

    def tinted(match: re.Match[str]) -> str:
        tint = next((tints[c] for c in match.group(1).split() if c in tints), "")
        css = f"gl-mark {tint}" if tint else "gl-mark"
        return f'<mark class="{css}" data-claims="{match.group(1)}">'

    return _MARK.sub(tinted, html)


# Runs of Han characters (with the punctuation between them): Chinese names in German or English
# text, such as 苏菂. A browser and a screen reader need `lang` to pick a font and a voice.
_HAN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f][\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]*"
)
_TEXT = re.compile(r"(?<=>)[^<>]+|^[^<>]+")


def lang_han(html: str) -> str:
    """`html` with each run of Han characters in its text (never in a tag) wrapped in
    <span lang="zh">. The input is HTML whose text is escaped, so a text run holds no `<`."""
    if not _HAN.search(html):
        return html
    return _TEXT.sub(lambda t: _HAN.sub(lambda h: f'<span lang="zh">{h.group(0)}</span>', t.group(0)), html)
