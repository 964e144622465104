"""Dates as UN documents print them: "8 January 2025", in the masthead, the title and the body.

The UN Editorial Manual writes dates day-month-year with the month spelt out; no other form occurs
in letters, so one pattern is enough and anything else is not taken for a date.
"""

from __future__ import annotations

import datetime as dt
import re

from reader import lazy_re

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}

DATE_PATTERN = (
    r"(?P<day>[0-3]?\d)\s+(?P<month>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+(?P<year>(?:19|20)\d\d)"
)
_DATE = lazy_re.compile(DATE_PATTERN, re.IGNORECASE)
_DATE_ONLY = lazy_re.compile(rf"^\s*{DATE_PATTERN}\s*$", re.IGNORECASE)


def _build(match: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    except ValueError:  # "31 February": a misprint is not a date
        return None


def find_date(text: str) -> dt.date | None:
    """The first well-formed date in ``text``."""
    for match in _DATE.finditer(text):
        found = _build(match)
        if found is not None:
            return found
    return None


def parse_date(text: str) -> dt.date | None:
    """``text`` is a date and nothing else (the masthead's date of issue stands on its own)."""
    # _DATE_ONLY starts with \s* then a digit (as str.isspace and str.isdecimal): most texts fail here
    first = text[:1]
    if not (first.isdecimal() or first.isspace()):
        return None
    match = _DATE_ONLY.match(text)
    return _build(match) if match else None
