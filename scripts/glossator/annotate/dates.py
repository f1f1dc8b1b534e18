"""Dates as pages write them, read into ISO form (`YYYY-MM-DD`): German ("15. Juli 2025",
"15.07.2025"), English ("July 15, 2025", "15 July 2025", "Jul. 15 2025") and ISO
("2025-07-15"). A date that does not exist (31 February) or text that is no date raises
ValueError saying which; nothing is guessed (no year is added to "15. Juli")."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    # German
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "dezember": 12, "dez": 12,
    # English (where it differs)
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip

_MONTH = r"(?P<month>[A-Za-zäÄ]+)\.?"
_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<num>\d{1,2})-(?P<day>\d{1,2})"),  # 2025-07-15
    re.compile(r"(?P<day>\d{1,2})\.\s*(?P<num>\d{1,2})\.\s*(?P<year>\d{4})"),  # 15.07.2025
    re.compile(
        rf"(?P<day>\d{{1,2}})(?:\.|st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>\d{{4}})"
    ),  # 15. Juli 2025, 15 July 2025
    re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"),  # July 15, 2025
)


def parse_date(text: str) -> str:
    """The ISO form of a date written in full (day, month and year); ValueError otherwise."""
    given = " ".join(text.split()).strip(" ,.")
    for form in _FORMS:
        found = form.fullmatch(given)
        if not found:
            continue
        parts = found.groupdict()
        if parts.get("num") is not None:
            month = int(parts["num"])
        else:
            month = _MONTHS.get(parts["month"].lower())
            if month is None:
                raise ValueError(f"'{text}': '{parts['month']}' is not a month name")
        try:
            return dt.date(int(parts["year"]), month, int(parts["day"])).isoformat()
        except ValueError:
            raise ValueError(f"'{text}' is not a real date") from None
    raise ValueError(f"'{text}' is not a date in a form read here (15. Juli 2025, July 15, 2025, 2025-07-15)")
