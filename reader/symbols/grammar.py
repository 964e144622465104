"""The grammar of one UN document symbol: parse, normalise, is_well_formed, url.

A symbol is read part by part (series, subsidiary bodies, session or year, special part, number,
final parts) instead of with one regular expression, so that a shape the UN would never issue
(``S/2376/2025``, ``S/2020-503``) is *reported* as malformed with a reason rather than silently
dropped or "repaired": real letters contain such errors and a reader must see what was written.
``ES-10`` and ``S-13`` are stored as the session (``session_or_year``): that is their place in
the symbol (``A/ES-10/1043``, ``A/RES/S-13/2``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader import lazy_re
from reader.errors import ReaderError
from reader.urls import document_url

SERIES = (
    "A", "S", "E", "ST", "T",
    "CCPR", "CRC", "CEDAW", "CERD", "CAT", "CMW", "CRPD", "CED", "HRI",
    "DP", "TD", "UNEP", "FCCC", "ICCD", "ICEF", "UNW", "SPLOS", "ISBA", "ITLOS",
)  # fmt: skip
SERIES_ALT = "|".join(sorted(SERIES, key=len, reverse=True))

# Special parts written as their own segment ("A/RES/60/251") or with the number ("S/PV.10011").
SLASH_SPECIALS = frozenset({"RES", "PRST", "INF", "NGO", "PET", "DEC"})
DOTTED_SPECIALS = ("PV", "SR", "L", "WP", "CRP", "R")
FINALS = {"add": "Add", "rev": "Rev", "corr": "Corr", "amend": "Amend"}

_SESSION_RE = lazy_re.compile(r"(?:\d{1,4}|(?:ES|S)-\d{1,2})")
_NUMBER_RE = lazy_re.compile(r"\d{1,6}")
_DOTTED_RE = lazy_re.compile(r"(" + "|".join(DOTTED_SPECIALS) + r")\.(\d{1,6})")
_FINAL_RE = lazy_re.compile(r"(?i:(add|rev|corr|amend)\.(\d{1,3})|(summary))")
_BODY_RE = lazy_re.compile(r"[A-Z][A-Za-z]{0,9}(?:\.[A-Za-z0-9]{1,6}){0,3}")
_BRACKET_RE = lazy_re.compile(r"^(.*?)\s*\((\d{4}|[IVXLC]{1,7})\)$")
_LETTER_RE = lazy_re.compile(r"^(.*\d)\s?([A-H])$")
_ROMAN_RE = lazy_re.compile(r"[IVXLC]+")

FIRST_YEAR = 1946
LAST_YEAR = 2099
FIRST_NUMBERED_SESSION = 31  # A/RES/31/1 (1976); before it, "resolution 302 (IV)"
MAX_NUMBER = 99_999  # no series has issued more: S/26999 was the last Council number before 1994


class SymbolError(ReaderError, ValueError):
    """The text is not shaped like a UN document symbol at all (unknown series, no parts)."""


@dataclass(frozen=True, slots=True)
class Symbol:
    """One parsed symbol; a joint symbol keeps its parts in ``components``.

    For a joint symbol the top-level fields are those of the first component (the one undocs.org
    resolves) and ``text`` is the whole joint symbol. ``problems`` is empty for a well-formed symbol.
    """

    text: str  # normalised: no spaces, no "*", joint parts joined with "-", "S/RES/2231 (2015)"
    series: str
    bodies: tuple[str, ...] = ()
    session_or_year: str | None = None  # "79", "2025", "ES-10", "S-13", "III" (bracketed)
    special: str | None = None  # "RES", "PRST", "PV", "L", ...
    number: str | None = None
    letter: str | None = None  # "B" in "A/RES/68/247 B"
    finals: tuple[str, ...] = ()  # "Add.1", "Rev.2", "Summary"
    reissued: bool = False
    bracketed: bool = False  # the session or year is written "(2015)" after the number
    problems: tuple[str, ...] = ()
    components: tuple[Symbol, ...] = field(default=())

    @property
    def parts(self) -> tuple[Symbol, ...]:
        """Each document symbol: the components of a joint symbol, else the symbol itself."""
        return self.components or (self,)

    @property
    def is_joint(self) -> bool:
        return len(self.components) > 1

    @property
    def well_formed(self) -> bool:
        return not self.problems

    @property
    def is_resolution(self) -> bool:
        return self.special == "RES"

    @property
    def url(self) -> str:
        return document_url(self.parts[0].text)

    def __str__(self) -> str:
        return self.text


WS_RE = lazy_re.compile(r"\s+")
_JOINT_SPLIT_RE = lazy_re.compile(r"\s*[-–—]\s*(?=(?:" + SERIES_ALT + r")/)")
_SLASH_WS_RE = lazy_re.compile(r"\s*/\s*")


def parse(symbol: str) -> Symbol:
    """Read a symbol as written (spaces from line breaks, en dashes and "*" are tolerated)."""
    raw = symbol.strip()
    if not raw:
        raise SymbolError("empty document symbol")
    raw = _SLASH_WS_RE.sub("/", raw)
    pieces = _JOINT_SPLIT_RE.split(raw)
    parts = tuple(_parse_one(p, symbol) for p in pieces)
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    problems = tuple(f"{p.text}: {why}" for p in parts for why in p.problems)
    return Symbol(
        text="-".join(p.text for p in parts),
        series=first.series,
        bodies=first.bodies,
        session_or_year=first.session_or_year,
        special=first.special,
        number=first.number,
        letter=first.letter,
        finals=first.finals,
        reissued=any(p.reissued for p in parts),
        bracketed=first.bracketed,
        problems=problems,
        components=parts,
    )


def _parse_one(piece: str, whole: str) -> Symbol:
    reissued = "*" in piece
    text = piece.replace("*", "").strip()
    problems: list[str] = []
    bracket: str | None = None
    m = _BRACKET_RE.match(text)
    if m:
        text, bracket = m.group(1), m.group(2)
    letter: str | None = None
    m = _LETTER_RE.match(text)
    if m and "/RES/" in text:
        text, letter = m.group(1), m.group(2)
    text = WS_RE.sub("", text)
    segs = text.split("/")
    series = segs[0]
    if series not in SERIES or len(segs) < 2:
        raise SymbolError(f"not a UN document symbol: {whole.strip()[:60]!r}")
    if any(not s for s in segs):
        raise SymbolError(f"empty part in document symbol: {whole.strip()[:60]!r}")
    rest = segs[1:]
    n = len(rest)
    i = 0
    bodies: list[str] = []
    while i < n and _is_body(rest[i]):
        bodies.append(rest[i])
        i += 1
    special: str | None = None
    if i < n and rest[i] in SLASH_SPECIALS:
        special = rest[i]
        i += 1
    session: str | None = None
    if i < n - 1 and _SESSION_RE.fullmatch(rest[i]):
        session = rest[i]
        i += 1
    while session is not None and i < n - 1 and _is_body(rest[i]):
        bodies.append(rest[i])  # a country after the session: "A/HRC/WG.6/47/AZE/1"
        i += 1
    if special is None and i < n - 1 and rest[i] in SLASH_SPECIALS:
        special = rest[i]
        i += 1
    number: str | None = None
    if i < n:
        dm = _DOTTED_RE.fullmatch(rest[i])
        if dm:
            if special is not None:
                problems.append(f"two special parts: {special} and {dm.group(1)}")
            special, number = dm.group(1), dm.group(2)
            i += 1
        elif _NUMBER_RE.fullmatch(rest[i]):
            number = rest[i]
            i += 1
            if "D" in bodies and i < n and is_year(rest[i]):
                number = f"{number}/{rest[i]}"  # a treaty-body communication: CCPR/C/135/D/3035/2017
                i += 1
    finals: list[str] = []
    while i < n:
        fm = _FINAL_RE.fullmatch(rest[i])
        if not fm:
            break
        finals.append(_final_text(fm))
        i += 1
    if i < n:
        problems.append(f"unexpected part {rest[i]!r}")
    if number is None and not problems:
        problems.append("no document number")
    canonical_segs = [series]
    for seg in rest:  # written order is kept: "A/RES/60/251" but "E/CN.4/2005/NGO/12"
        fm = _FINAL_RE.fullmatch(seg)
        canonical_segs.append(_final_text(fm) if fm else seg)
    canonical = "/".join(canonical_segs)
    if letter:
        canonical += f" {letter}"
    if bracket is not None:
        if session is not None:
            problems.append(f"both a session {session} and a bracketed {bracket}")
        session = bracket
        canonical += f" ({bracket})"
    problems.extend(_plausibility(series, bodies, special, session, number, bracket is not None))
    return Symbol(
        text=canonical,
        series=series,
        bodies=tuple(bodies),
        session_or_year=session,
        special=special,
        number=number,
        letter=letter,
        finals=tuple(finals),
        reissued=reissued,
        bracketed=bracket is not None,
        problems=tuple(problems),
    )


def _final_text(m: re.Match[str]) -> str:
    return "Summary" if m.group(3) else f"{FINALS[m.group(1).lower()]}.{m.group(2)}"


def _is_body(seg: str) -> bool:
    if seg in SLASH_SPECIALS or _DOTTED_RE.fullmatch(seg) or _FINAL_RE.fullmatch(seg):
        return False
    if _SESSION_RE.fullmatch(seg):
        return False
    return _BODY_RE.fullmatch(seg) is not None


def is_year(value: str) -> bool:
    return value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR


def _plausibility(
    series: str,
    bodies: list[str],
    special: str | None,
    session: str | None,
    number: str | None,
    bracketed: bool,
) -> Iterator[str]:
    """Shapes the UN does not issue: a Council "year" of 2376, an Assembly session 2024, ..."""
    count = int(number.split("/")[0]) if number is not None else None
    if count is not None and count > MAX_NUMBER:
        yield f"number {number} is implausibly large"
    if count == 0:
        yield "number 0"
    if session is None:
        return
    if bracketed:
        if _ROMAN_RE.fullmatch(session):
            if series == "S":
                yield f"a Council resolution carries a year, not session {session}"
        elif not is_year(session):
            yield f"{session} is not a plausible year"
        return
    if session.startswith(("ES-", "S-")):
        return
    value = int(session)
    if series == "S" and not bodies:
        if not is_year(session):
            if number is not None and is_year(number):
                yield f"year {number} written after the number {session} (the UN writes S/{number}/...)"
            else:
                yield f"{session} is not a plausible year for a Security Council document"
    elif series == "A" and not bodies:
        if not 1 <= value <= 99:
            yield f"{session} is not a plausible General Assembly session"
        elif special == "RES" and value < FIRST_NUMBERED_SESSION:
            yield f"Assembly resolutions before session {FIRST_NUMBERED_SESSION} are written 'N (roman)'"
    elif not (1 <= value <= 999 or is_year(session)):
        yield f"{session} is neither a session nor a plausible year"


def normalise(text: str) -> str:
    """The symbol as the UN writes it: no spaces from line breaks, no "*", joints with "-"."""
    return parse(text).text


def is_well_formed(text: str) -> bool:
    """False for anything that is not a symbol and for symbol-shaped text the UN would not issue."""
    try:
        return parse(text).well_formed
    except SymbolError:
        return False


def url(symbol: str) -> str:
    """Where undocs.org serves the document: a joint symbol resolves through its first component."""
    return parse(symbol).url
