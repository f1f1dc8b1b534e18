"""Dates as pages write them, read into ISO form; impossible dates refused, nothing guessed."""

from __future__ import annotations

import pytest

from glossator.annotate.dates import parse_date


@pytest.mark.parametrize(
    "text",
    [
        "15. Juli 2025",
        "15 July 2025",
        "July 15, 2025",
        "Jul. 15 2025",
        "2025-07-15",
        "15.07.2025",
        "15th July 2025",
    ],
)
def test_forms_of_one_day(text):
    assert parse_date(text) == "2025-07-15"


def test_german_month_names():
    assert parse_date("9. Dezember 2024") == "2024-12-09"
    assert parse_date("1. März 2024") == "2024-03-01"
    assert parse_date("3. Mai 2023") == "2023-05-03"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31. Februar 2025", "is not a real date"),
        ("2025-02-29", "is not a real date"),
        ("2025-13-01", "is not a real date"),
        ("15. Juli", "not a date in a form read here"),  # no year: none is guessed
        ("gestern", "not a date in a form read here"),
        ("15. Brumaire 2025", "'Brumaire' is not a month name"),
    ],
)
def test_what_is_refused(text, why):
    with pytest.raises(ValueError, match=why):
        parse_date(text)


def test_a_leap_day_is_a_date():
    assert parse_date("29. Februar 2024") == "2024-02-29"
