"""Dated events (claims' `event_date`) in time order, and their drawing: one column per month
(per year when the events span more than MONTHS_AT_MOST months), each event a dot linking to its
claim's page, at most DOTS dots a column (the rest counted, linked to the period's list). The
drawing's size depends on the number of periods, never on the number of events.

A date is as precise as it is known ("2024", "2024-11", "2024-11-28") and is shown as written.
When the model carries more about a date (a range, `inferred` with its reason: the editorial
issue), `event_of` reads it: an inferred date is drawn hollow and labelled "inferred".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from markupsafe import Markup, escape

from ..model import Claim

MONTHS_AT_MOST = 36
DOTS = 8
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class Event(NamedTuple):
    date: str  # as written: "2024", "2024-11" or "2024-11-28" (the start of a range)
    end: str | None  # the end of a range, when the model has ranges
    inferred: bool
    reason: str | None
    claim_id: str
    statement: str


def event_of(claim: Claim) -> Event | None:
    value = claim.event_date
    if not value:
        return None
    if isinstance(value, str):
        reason = getattr(claim, "event_date_inferred", None)  # the reason, when inferred
        end = getattr(claim, "event_end", None)
        return Event(
            value, end, bool(reason), reason if isinstance(reason, str) else None, claim.id, claim.statement
        )
    start = getattr(value, "start", None) or getattr(value, "date", None)
    if not start:
        return None
    return Event(
        str(start),
        getattr(value, "end", None),
        bool(getattr(value, "inferred", False)),
        getattr(value, "reason", None),
        claim.id,
        claim.statement,
    )


def events(claims: Iterable[Claim]) -> list[Event]:
    """The dated claims as events, earliest first (a year before its months, a month before its
    days: the less precise date sorts first)."""
    found = [e for e in (event_of(c) for c in claims) if e is not None]
    return sorted(found, key=lambda e: (e.date, e.claim_id))


def by_month(found: list[Event]) -> bool:
    """Whether the events are grouped by month (else by year)."""
    if not found:
        return True
    first, last = int(found[0].date[:4]), int(found[-1].date[:4])
    return (last - first + 1) * 12 <= MONTHS_AT_MOST


def period(event: Event, monthly: bool) -> str:
    """The column an event stands in: "2024-11", or "2024" (also for a date given as a year only
    in a monthly timeline: it is not placed in a month it may not belong to)."""
    return event.date[:7] if monthly and len(event.date) >= 7 else event.date[:4]


def period_name(key: str) -> str:
    if len(key) == 7:
        return f"{MONTH_NAMES[int(key[5:]) - 1]} {key[:4]}"
    return key if len(key) == 4 else key


def groups(found: list[Event]) -> list[tuple[str, list[Event]]]:
    """(period, its events) in time order; a year-only date stands before that year's months."""
    monthly = by_month(found)
    out: dict[str, list[Event]] = {}
    for event in found:
        out.setdefault(period(event, monthly), []).append(event)
    return sorted(out.items())


def svg(
    grouped: list[tuple[str, list[Event]]],
    *,
    event_href: Callable[[Event], str],
    period_href: Callable[[str], str],
    label: str,
) -> Markup:
    """The drawing: one column per period, a dot per event (hollow when inferred), linked."""
    col, top, dot = 64, 16, 14
    rows = min(DOTS, max((len(items) for _, items in grouped), default=1))
    height = top + rows * dot + 34
    width = max(len(grouped), 1) * col
    parts = [
        f'<svg class="gl-timeline-svg" role="group" aria-label="{escape(label)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<line class="gl-axis" x1="0" y1="{height - 30}" x2="{width}" y2="{height - 30}" stroke="#777"/>',
    ]
    for index, (key, items) in enumerate(grouped):
        x = index * col + col // 2
        shown = items if len(items) <= rows else items[: rows - 1]
        for row, event in enumerate(shown):
            y = height - 30 - (row + 1) * dot
            kind = "gl-dot-inferred" if event.inferred else "gl-dot"
            what = f"{event.date}{' (inferred)' if event.inferred else ''}: {event.statement}"
            parts.append(
                f'<a href="{escape(event_href(event))}" aria-label="{escape(what)}"><title>{escape(what)}</title>'
                f'<circle class="{kind}" cx="{x}" cy="{y}" r="5.5" fill="{"none" if event.inferred else "#3949ab"}" '
                f'stroke="#3949ab" stroke-width="2"/></a>'
            )
        more = len(items) - len(shown)
        # The accessible name begins with the words the link shows (axe: label-content-name-mismatch).
        shown_words = f"+{more} {key}" if more else key
        name = f"{shown_words}: {period_name(key)}, {len(items)} event{'' if len(items) == 1 else 's'}"
        parts.append(
            f'<a href="{escape(period_href(key))}" aria-label="{escape(name)}"><title>{escape(name)}</title>'
            + (
                f'<text class="gl-more" x="{x}" y="{top - 2}" text-anchor="middle" font-size="11">+{more}</text>'
                if more
                else ""
            )
            + f'<text class="gl-period" x="{x}" y="{height - 12}" text-anchor="middle" font-size="11">'
            f"{escape(key)}</text></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
