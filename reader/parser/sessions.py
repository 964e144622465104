"""Session and year lines of the masthead: "Seventy-ninth session" -> 79, "Eightieth year" -> 80.

The UN spells sessions and years of the Council as English ordinal words (with a hyphen between
tens and units), so a small ordinal reader covers them from "First" to "Ninety-ninth"; the
ECOSOC form "2025 session" carries the number in digits.
"""

from __future__ import annotations

import re

from reader import lazy_re

_UNITS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_TEENS = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENTHS = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}

_ORDINAL = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\u2010\u2011 ]?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth"
    r"|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|\d{1,4}(?:st|nd|rd|th)?)"
)
# "Seventy-ninth session", "Eightieth year", "Tenth emergency special session",
# "Resumed seventy-ninth session", "2025 session", "Seventy-ninth session (resumed)"
SESSION_PATTERN = (
    rf"(?:resumed\s+)?{_ORDINAL}(?:\s+(?:regular|special|emergency\s+special|emergency))?"
    r"\s+(?:session|year)(?:\s*\(resumed\))?"
)
_SESSION_ONLY = lazy_re.compile(rf"^{SESSION_PATTERN}$", re.IGNORECASE)
_ORDINAL_RE = lazy_re.compile(_ORDINAL, re.IGNORECASE)


# compiled once, not looked up in re's cache by pattern string at each call
_NUMBERED = lazy_re.compile(r"(\d{1,4})(?:st|nd|rd|th)?")
_HYPHEN_OR_SPACE = lazy_re.compile(r"[- ]")


def ordinal_value(word: str) -> int | None:
    """ "Seventy-ninth" -> 79, "Tenth" -> 10, "2025" -> 2025; None for anything else."""
    word = word.strip().lower().replace("\u2010", "-").replace("\u2011", "-")
    digits = _NUMBERED.fullmatch(word)
    if digits:
        return int(digits.group(1))
    for table in (_UNITS, _TEENS, _TENTHS):
        if word in table:
            return table[word]
    parts = _HYPHEN_OR_SPACE.split(word, maxsplit=1)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def is_session(text: str) -> bool:
    text = text.strip()
    # the pattern ends in "session", "year" or "(resumed)", whose last letters fold to no other
    return text[-1:] in _SESSION_LAST and bool(_SESSION_ONLY.match(text))


_SESSION_LAST = frozenset("nNrR)")


def session_number(text: str) -> int | None:
    """The number a session or year line stands for: the first ordinal in it."""
    match = _ORDINAL_RE.search(text)
    return ordinal_value(match.group(0)) if match else None


def session_kind(text: str) -> str:
    """ "session" (an Assembly or ECOSOC session) or "year" (a year of the Security Council)."""
    return "year" if re.search(r"\byear\b", text, re.IGNORECASE) else "session"
