"""Paragraph text (inline Markdown) as HTML with claim marks laid over it.

A thin adapter over `glossator.markdown.to_html`: quotes are found in the visible text
(`quotes.find_quote`), so their offsets are the marks' offsets. Everything is escaped; only
http(s) and mailto links become links; a <mark> never crosses an element.
"""

from __future__ import annotations

from collections.abc import Sequence

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
