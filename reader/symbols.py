"""UN document symbols: a grammar for one symbol and a finder for every reference in a text.

A symbol is read part by part (series, subsidiary bodies, session or year, special part, number,
final parts) instead of with one regular expression, so that a shape the UN would never issue
(``S/2376/2025``, ``S/2020-503``) is *reported* as malformed with a reason rather than silently
dropped or "repaired": real letters contain such errors and a reader must see what was written.

Choices made here (and relied on by the parser and the app):

* A literal resolution symbol (``A/RES/78/234``, ``S/RES/2231 (2015)``) is a ``RefKind.RESOLUTION``,
  exactly like the citation "resolution 2231 (2015)", so all resolution references look alike.
* Every reference that carries a symbol also carries ``components`` (one entry for a single
  symbol, several for a joint symbol), so ``components[0]`` is always what undocs.org resolves.
* Citation spans cover what identifies one document: the item of a list ("2231 (2015)",
  "68/247 B", "116 (c)"), not the keyword before it, so every item of a list gets its own span.
* ``ES-10`` and ``S-13`` are stored as the session (``session_or_year``): that is their place in
  the symbol (``A/ES-10/1043``, ``A/RES/S-13/2``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from reader.errors import ReaderError
from reader.model import Reference, RefKind
from reader.urls import document_url

# --- the grammar ---------------------------------------------------------------------------------

SERIES = (
    "A", "S", "E", "ST", "T",
    "CCPR", "CRC", "CEDAW", "CERD", "CAT", "CMW", "CRPD", "CED", "HRI",
    "DP", "TD", "UNEP", "FCCC", "ICCD", "ICEF", "UNW", "SPLOS", "ISBA", "ITLOS",
)  # fmt: skip
_SERIES_ALT = "|".join(sorted(SERIES, key=len, reverse=True))

# Special parts written as their own segment ("A/RES/60/251") or with the number ("S/PV.10011").
SLASH_SPECIALS = frozenset({"RES", "PRST", "INF", "NGO", "PET", "DEC"})
DOTTED_SPECIALS = ("PV", "SR", "L", "WP", "CRP", "R")
FINALS = {"add": "Add", "rev": "Rev", "corr": "Corr", "amend": "Amend"}

_SESSION_RE = re.compile(r"(?:\d{1,4}|(?:ES|S)-\d{1,2})")
_NUMBER_RE = re.compile(r"\d{1,6}")
_DOTTED_RE = re.compile(r"(" + "|".join(DOTTED_SPECIALS) + r")\.(\d{1,6})")
_FINAL_RE = re.compile(r"(?i:(add|rev|corr|amend)\.(\d{1,3})|(summary))")
_BODY_RE = re.compile(r"[A-Z][A-Za-z]{0,9}(?:\.[A-Za-z0-9]{1,6}){0,3}")
_BRACKET_RE = re.compile(r"^(.*?)\s*\((\d{4}|[IVXLC]{1,7})\)$")
_LETTER_RE = re.compile(r"^(.*\d)\s?([A-H])$")
_ROMAN_RE = re.compile(r"[IVXLC]+")

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


_WS_RE = re.compile(r"\s+")
_JOINT_SPLIT_RE = re.compile(r"\s*[-–—]\s*(?=(?:" + _SERIES_ALT + r")/)")
_SLASH_WS_RE = re.compile(r"\s*/\s*")


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
    text = _WS_RE.sub("", text)
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
            if "D" in bodies and i < n and _is_year(rest[i]):
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


def _is_year(value: str) -> bool:
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
        elif not _is_year(session):
            yield f"{session} is not a plausible year"
        return
    if session.startswith(("ES-", "S-")):
        return
    value = int(session)
    if series == "S" and not bodies:
        if not _is_year(session):
            if number is not None and _is_year(number):
                yield f"year {number} written after the number {session} (the UN writes S/{number}/...)"
            else:
                yield f"{session} is not a plausible year for a Security Council document"
    elif series == "A" and not bodies:
        if not 1 <= value <= 99:
            yield f"{session} is not a plausible General Assembly session"
        elif special == "RES" and value < FIRST_NUMBERED_SESSION:
            yield f"Assembly resolutions before session {FIRST_NUMBERED_SESSION} are written 'N (roman)'"
    elif not (1 <= value <= 999 or _is_year(session)):
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


# --- the finder ----------------------------------------------------------------------------------

# one space, or a line break with the indentation around it that -layout text keeps
_GAP = r"(?:[ \t]{0,40}\n[ \t]{0,40}|\s)"
_SEG = r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+|-(?!(?:" + _SERIES_ALT + r")/)[A-Za-z0-9]+)*"
# a line break after a slash ("A/79/\n729") becomes a space; accept it only before a likely part
_BROKEN = _GAP + r"(?=\d|(?:Add|Rev|Corr|Amend|PV|SR|L|WP|CRP)\.\d|[A-Z][A-Za-z.0-9]*/)"
_ONE = (
    r"(?:" + _SERIES_ALT + r")/" + _SEG + r"(?:/(?:" + _BROKEN + r")?" + _SEG + r")*\*?"
    r"(?:(?:\s[A-H](?=\s?\())?" + _GAP + r"?\((?:1[89]\d\d|20\d\d|[IVXLC]{1,7})\))?"  # "A/RES/2200 A (XXI)"
)
_SYMBOL_RE = re.compile(r"(?<![\w/.\-])" + _ONE + r"(?:" + _GAP + r"?[-–—]" + _GAP + r"?" + _ONE + r")*")
# a symbol inside a URL is a symbol only where the URL is a UN document link
_UNDOCS_RE = re.compile(
    r"(?:undocs\.org/|docs\.un\.org/|documents\.un\.org/\S*?[?&]s=)(?:(?:en|fr|es|ru|ar|zh)/)?(" + _ONE + r")"
)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+")
_TRAILING_BRACKET_RE = re.compile(r"\s*\((?:\d{4}|[IVXLC]+)\)$")

_RES_ITEM = (
    r"(?:(?:ES|S)-\d{1,2}|\d{1,4})/\d{1,4}(?:\s[A-H](?![\w/]))?"
    r"|\d{1,4}(?:\s[A-H])?" + _GAP + r"?\((?:1[89]\d\d|20\d\d|[IVXL]{1,7})\)"
    r"|\d{1,4}(?![\w/]|" + _GAP + r"?\(|[.,]\d)"
)
_LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s*,?\s+and\s+|\s*,?\s+as\s+well\s+as\s+)"
_RES_RE = re.compile(
    r"(?<![\w-])(?i:resolutions?)\s+(?:No\.\s*)?((?:"
    + _RES_ITEM
    + r")(?:"
    + _LIST_SEP
    + r"(?:"
    + _RES_ITEM
    + r"))*)"
)
_RES_ITEM_RE = re.compile(_RES_ITEM)
_DEC_ITEM = r"(?:(?:ES|S)-\d{1,2}|\d{1,4})/\d{1,4}(?:\s?[A-H](?![\w/]))?"
_DEC_RE = re.compile(r"(?<![\w-])(?i:decisions?)\s+(" + _DEC_ITEM + r"(?:" + _LIST_SEP + _DEC_ITEM + r")*)")
_DEC_ITEM_RE = re.compile(_DEC_ITEM)
_AGENDA_ITEM = r"(?:\d{1,3}(?:\s?\((?:[a-z]|[ivx]{1,4})\))?(?![\w/]|[.,]\d)|\((?:[a-z]|[ivx]{1,4})\))"
_AGENDA_RE = re.compile(
    r"(?<![\w-])(?:(?i:(agenda))\s+)?(?i:items?)\s+(\d{1,3}(?:\s?\((?:[a-z]|[ivx]{1,4})\))?(?![\w/]|[.,]\d)"
    r"(?:" + _LIST_SEP + _AGENDA_ITEM + r")*)"
)
_AGENDA_CONTEXT_AFTER_RE = re.compile(r"\s+of\s+the\s+(?:preliminary\s+list|provisional\s+agenda|agenda)")
_AGENDA_ITEM_RE = re.compile(r"(\d{1,3})(?:\s?\(([a-z]|[ivx]{1,4})\))?|\(([a-z]|[ivx]{1,4})\)")

_ORGANS = (
    ("peace and security council", None),  # the African Union's
    ("human rights council", "HRC"),
    ("commission on human rights", "CHR"),
    ("economic and social council", "ECOSOC"),
    ("security council", "SC"),
    ("general assembly", "GA"),
)
_ACRONYMS: dict[str, str | None] = {
    "UNSC": "SC",
    "UNGA": "GA",
    "HRC": "HRC",
    "ECOSOC": "ECOSOC",
    "UN": None,
    "ITS": None,
    "THE": None,
}
_TAIL_WORD_RE = re.compile(r"([A-Za-z][\w’'.-]*)\s+$")
_SENTENCE_ORGAN_RE = re.compile("|".join(name for name, _ in _ORGANS[1:]))
_FOREIGN = "foreign"


def _issuer(text: str, start: int) -> str | None:
    """Who adopted the resolution cited at ``start``: "SC", "GA", "HRC", ..., "foreign" or None.

    Only the organ named right before "resolution" or earlier in the same sentence counts; another
    body's resolution ("World Health Assembly resolution 72/4") has no UN symbol and is skipped.
    """
    before = " ".join(text[max(0, start - 120) : start].split())  # "General\nAssembly resolution"
    lowered = before.lower()
    for name, code in _ORGANS:
        if lowered.endswith(name):
            return code if code is not None else _FOREIGN
    m = _TAIL_WORD_RE.search(before + " ")
    word = m.group(1) if m else ""
    if word in _ACRONYMS:
        return _ACRONYMS[word]
    tail = [c for c in before[-40:] if c.isalpha()]
    capitals = len(tail) >= 10 and not any(c.islower() for c in tail)  # "...COUNCIL, IN ITS RESOLUTION"
    if word.lower() in ("council", "assembly"):
        prev = before[: -len(word)].rstrip().rsplit(None, 1)
        prev_word = prev[-1] if prev else ""
        if prev_word[:1].isupper() and not capitals:
            return _FOREIGN  # "Executive Council", "World Health Assembly"
        return "SC" if word.lower() == "council" else "GA"
    if word.isupper() and len(word) >= 2 and not capitals:
        return _FOREIGN  # "OAS resolution", "IAEA resolution"
    # "The Human Rights Council, in its resolution 52/1": the organ named earlier in the sentence
    sentence = lowered[lowered.rfind(". ") + 1 :]
    found = _SENTENCE_ORGAN_RE.findall(sentence)
    if found:
        last = found[-1]
        return next(code for name, code in _ORGANS if name == last)
    return None


def _resolution_symbol(item: str, issuer: str | None) -> str | None:
    """The symbol a cited resolution number stands for, or None when it cannot be told."""
    item = _WS_RE.sub(" ", item)
    m = re.fullmatch(r"(\d{1,4})(?: ([A-H]))? ?\((\d{4}|[IVXL]+)\)", item)
    if m:
        number, letter, bracket = m.groups()
        letter_part = f" {letter}" if letter else ""
        if bracket.isdigit():
            return f"S/RES/{number}{letter_part} ({bracket})"
        return f"A/RES/{number}{letter_part} ({bracket})"
    m = re.fullmatch(r"((?:ES|S)-\d{1,2}|\d{1,4})/(\d{1,4})(?: ?([A-H]))?", item)
    if m:
        session, number, letter = m.groups()
        tail = f"{session}/{number}" + (f" {letter}" if letter else "")
        if issuer == "HRC":
            return f"A/HRC/RES/{tail}"
        if issuer == "CHR":
            return f"E/CN.4/RES/{tail}"
        if issuer == "ECOSOC" or (issuer is None and _is_year(session)):
            return f"E/RES/{tail}"
        if session.isdigit() and int(session) < FIRST_NUMBERED_SESSION:
            return None  # no Assembly resolution is numbered so: "resolution 4/5" is a page number
        return f"A/RES/{tail}"
    if item.isdigit():
        if issuer == "SC" or (issuer is None and int(item) >= 100):
            return f"S/RES/{item}"
        if issuer == "GA":
            return f"A/RES/{item}"
    return None


def _norm_item(item: str) -> str:
    item = _WS_RE.sub(" ", item.strip())
    return re.sub(r"(\d)\(", r"\1 (", item)


@dataclass(frozen=True, slots=True)
class _Spans:
    """Disjoint sorted spans with logarithmic look-up: a text may hold thousands of references."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> _Spans:
        if not spans:
            return _NO_SPANS
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple(m[0] for m in merged), tuple(m[1] for m in merged))

    def _last_before(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def covers(self, start: int, end: int) -> bool:
        i = self._last_before(start)
        return i >= 0 and self.ends[i] >= end

    def touches(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start


_NO_SPANS = _Spans((), ())


def _document_refs(text: str, where: str, urls: _Spans) -> Iterator[Reference]:
    for m in _SYMBOL_RE.finditer(text):
        start, end = m.span()
        if urls.starts and urls.covers(start, end):
            continue
        yield from _symbol_ref(text, where, start, end)
    if "undocs" in text or "un.org" in text:
        for m in _UNDOCS_RE.finditer(text):
            yield from _symbol_ref(text, where, m.start(1), m.end(1))


def _symbol_ref(text: str, where: str, start: int, end: int) -> Iterator[Reference]:
    raw = text[start:end]
    bm = _TRAILING_BRACKET_RE.search(raw) if raw.endswith(")") else None
    if bm:
        # only "S/RES/n (year)" and "A/RES/n (roman)" carry a bracket; after anything else it is a
        # remark of the writer ("A/RES/78/234 (2023)", "S/2025/40 (2025)") and stays outside the span
        last = re.split(r"[-–—]\s*(?=[A-Z]+/)", raw[: bm.start()])[-1]
        year = bm.group(0).strip(" \n()").isdigit()
        if not ((year and last.startswith("S/RES/")) or (not year and last.startswith("A/RES/"))):
            end = start + bm.start()
            raw = text[start:end]
    if not any(c.isdigit() for c in raw):
        return  # "A/C", "S/He": a slash between letters is not a document
    try:
        sym = parse(raw)
    except SymbolError:
        return
    yield Reference(
        kind=RefKind.RESOLUTION if sym.is_resolution and not sym.is_joint else RefKind.DOCUMENT,
        text=raw,
        where=where,
        start=start,
        end=end,
        symbol=sym.text,
        components=tuple(p.text for p in sym.parts),
        well_formed=sym.well_formed,
    )


def _resolution_refs(text: str, where: str) -> Iterator[Reference]:
    for m in _RES_RE.finditer(text):
        issuer = _issuer(text, m.start())
        if issuer == _FOREIGN:
            continue
        base = m.start(1)
        listed = m.group(1)
        dated = "(" in listed
        previous_end = 0
        for im in _RES_ITEM_RE.finditer(listed):
            item = im.group(0)
            if dated and previous_end and item.isdigit() and "and" not in listed[previous_end : im.start()]:
                break  # "resolution 2231 (2015), 2016 saw ...": a year or count, not a further resolution
            previous_end = im.end()
            symbol = _resolution_symbol(item, issuer)
            if symbol is None:
                continue
            yield Reference(
                kind=RefKind.RESOLUTION,
                text=item,
                where=where,
                start=base + im.start(),
                end=base + im.end(),
                symbol=symbol,
                components=(symbol,),
                target=_norm_item(item),
                well_formed=is_well_formed(symbol),
            )


def _decision_refs(text: str, where: str) -> Iterator[Reference]:
    for m in _DEC_RE.finditer(text):
        base = m.start(1)
        for im in _DEC_ITEM_RE.finditer(m.group(1)):
            yield Reference(
                kind=RefKind.DECISION,
                text=im.group(0),
                where=where,
                start=base + im.start(),
                end=base + im.end(),
                target=_norm_item(im.group(0)),
            )


def _is_agenda_context(text: str, m: re.Match[str], known: set[str]) -> bool:
    """A bare "item 38" is an agenda item under "under", in a masthead, with a sub-item or when known."""
    first = m.group(2)
    if "(" in first.split(",")[0].split(" and ")[0] or _AGENDA_CONTEXT_AFTER_RE.match(text, m.end()):
        return True
    before = text[max(0, m.start() - 12) : m.start()].rstrip()
    if before.endswith("under"):
        return True
    if text[m.start()] == "I" and (not before or text[m.start() - 1] == "\n"):
        return True  # a masthead line: "Item 38 of the preliminary list"
    head = _AGENDA_ITEM_RE.match(first)
    return head is not None and (head.group(1) or "") in known


def _agenda_refs(text: str, where: str, agenda_items: Collection[str]) -> Iterator[Reference]:
    known = {_norm_item(a) for a in agenda_items} | {a.split("(")[0].strip() for a in agenda_items}
    for m in _AGENDA_RE.finditer(text):
        listed = m.group(2)
        if not m.group(1) and not _is_agenda_context(text, m, known):
            continue  # "line item 5", "item 3 of the budget": only agenda items are references
        base = m.start(2)
        last_number: str | None = None
        for im in _AGENDA_ITEM_RE.finditer(listed):
            number = im.group(1) or last_number  # "items 32 (a) and (b)": (b) belongs to 32
            if number is None:
                continue
            last_number = number
            sub = im.group(2) or im.group(3)
            target = number + (f" ({sub})" if sub else "")
            yield Reference(
                kind=RefKind.AGENDA_ITEM,
                text=im.group(0),
                where=where,
                start=base + im.start(),
                end=base + im.end(),
                target=target,
            )


# Footnote markers. pdftotext glues a superscript to the word ("regard.1") or leaves a space
# ("forces. 6"); only numbers the letter has footnotes for qualify, and only in places where a
# number cannot be a quantity or a reference ("para. 1", "1.6 million", "M23").
_DIGITS_RE = re.compile(r"\d{1,3}(?!\d)")
_MARKER_TAIL_RE = re.compile(r"[\w/%]|[.,:]\d|-\d")  # "1.6", "1,500", "2/3", "5%", "19-20": not markers
_GLUE_BEFORE = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz)]”’".,;:')
_SPACED_AFTER = frozenset('.,;:!?)”’"')
_SPACE_OR_NOTHING = frozenset(" \n\t") | {""}
_STAR_RE = re.compile(r"(?<=[A-Za-z\)\.,;:”’])\*(?![\w*])")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_ABBREVIATIONS = _words(
    "para paras p pp no nos art arts vol vols chap ch sect sec fig figs op cit ibid add rev corr amend "
    "pv sr l wp crp r res annex note notes item items rule rules article articles paragraph "
    "paragraphs page pages n"
)
_FUNCTION_WORDS = _words(
    "as and or but which who whom whose while whereas although though that the a an where when "
    "including in on at for with to by from is are was were has have had also among such after before "
    "since until despite this these those it its their they he she we i"
)
_QUANTITY_WORDS = _words(
    "million billion thousand hundred per percent km kilometres miles metres people persons civilians "
    "children women men years months days hours weeks january february march april may june july "
    "august september october november december"
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER_RE = re.compile(r"\s*([^\s]*)")
_QUALIFIER_RE = re.compile(r"\d\s?\(\w{1,4}\)$")
_NOT_PROSE_RE = re.compile(r"[\d/=&%_@#]")
_RANGE_AFTER_RE = re.compile(r"\s*(?:and|or|to|-|–)\s*\d")


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 30), pos)
    return m.group(1) if m else ""


def _marker_ok(text: str, start: int, end: int, glued: bool) -> bool:
    """Is the number at text[start:end] a superscript footnote marker, not a quantity or reference?"""
    prev = text[start - 1] if start else ""
    word = _word_before(text, start)
    lower = word.lower()
    if lower in _ABBREVIATIONS and not text[text.rfind(word, 0, start) + len(word) : start].strip(" ."):
        return False  # "para. 1", "annex 1" (but "(see annex).1" is a marker after the bracket)
    after_m = _WORD_AFTER_RE.match(text, end)
    after = after_m.group(1) if after_m else ""
    after_word = after.strip("“”\"'’,.;:()")
    if after_word.lower() in _QUANTITY_WORDS and not (glued and prev in '.!?;:)”’"'):
        return False  # "3 civilians", but "were killed.3 Civilians" is a marker after the full stop
    if glued and prev.isalpha():
        # glued to a word: "regard1" is a marker; "M23", "K3", "km2", "x5xd3" (a broken URL) are not
        token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        token = text[token_start:start]
        if _NOT_PROSE_RE.search(token):
            return False
        return not (word.isupper() or len(word) < 2 or lower in {"km", "mm", "cm", "m", "kg", "ha"})
    if not glued and text[end : end + 1] in (".", ")"):
        return False  # "24. Reduced support": a numbered paragraph, "1) first": a list
    if _RANGE_AFTER_RE.match(text, end):
        return False  # "24 and 25 March", "6 to 11 December"
    punct_at = start - 1 if glued else start - 2  # the punctuation, then (spaced) one space
    punct = text[punct_at]
    before_punct = text[punct_at - 1] if punct_at >= 1 else ""
    ends_sentence = not after or after[0].isupper() or after[0] in '“"('
    if before_punct.isdigit() and not (not glued and punct == "." and ends_sentence):
        return False  # "1.6", "1, 2 and 3" (but "in 2024. 31 For example" is a marker)
    if not (before_punct.isalpha() or before_punct.isdigit() or before_punct in ")]”’\"'.!?"):
        return False  # "(.50 calibre", " . 5"
    if _QUALIFIER_RE.search(text, max(0, punct_at - 12), punct_at):
        return False  # "paragraphs 3 (a), 4 and 5"
    if glued:
        return True
    if not after or after[0] in ",.;:)":
        return True  # at the end of a paragraph or before punctuation: "United Nations. 1"
    if ends_sentence:
        return punct not in ",;:"  # a sentence never starts with a numeral in UN style
    if punct in '”’")' and before_punct.isalpha():
        return True  # after a closing quote or bracket: "“Résistance Sud-Est” 29 reported"
    return after_word.lower() in _FUNCTION_WORDS


def _footnote_refs(text: str, where: str, footnotes: Collection[str], taken: _Spans) -> Iterator[Reference]:
    numbers = footnotes if isinstance(footnotes, (set, frozenset)) else frozenset(footnotes)
    best: dict[str, tuple[int, int, int]] = {}  # number -> (rank, start, end); rank 0 glued, 1 spaced
    # one fast scan over digit runs; the context around each is then checked by hand, which is
    # cheaper than two regular expressions that start with a look-behind at every position
    for m in _DIGITS_RE.finditer(text):
        number = m.group(0)
        if number not in numbers:
            continue
        start, end = m.span()
        if start < 2 or _MARKER_TAIL_RE.match(text, end):
            continue
        prev = text[start - 1]
        if prev in _GLUE_BEFORE:
            rank = 0
        elif (
            prev == " "
            and text[start - 2] in _SPACED_AFTER
            and text[start - 3 : start - 2] not in _SPACE_OR_NOTHING
        ):
            rank = 1
        else:
            continue
        if number in best and best[number][0] <= rank:
            continue
        if taken.touches(start, end) or not _marker_ok(text, start, end, glued=rank == 0):
            continue
        best[number] = (rank, start, end)
    for number, (_, start, end) in best.items():
        yield Reference(
            kind=RefKind.FOOTNOTE, text=text[start:end], where=where, start=start, end=end, target=number
        )
    if "*" in numbers and "*" in text:
        for m in _STAR_RE.finditer(text):
            if not taken.touches(m.start(), m.end()):
                yield Reference(
                    kind=RefKind.FOOTNOTE, text="*", where=where, start=m.start(), end=m.end(), target="*"
                )
                break


def find(
    text: str,
    where: str,
    footnotes: Collection[str] = (),
    agenda_items: Collection[str] = (),
) -> list[Reference]:
    """Every reference in one text, sorted by start, spans never overlapping.

    ``footnotes`` are the footnote numbers the letter prints (only those can be markers);
    ``agenda_items`` (the masthead's items, "116 (c)") lets a bare "item 38" count as an agenda
    item; after "agenda item(s)" every number is reported, listed there or not, since a letter may
    cite items of another session.
    """
    url_spans = [m.span() for m in _URL_RE.finditer(text)] if ("http" in text or "www." in text) else []
    urls = _Spans.of(url_spans)
    found: list[Reference] = []
    if "/" in text:
        found.extend(_document_refs(text, where, urls))
    lowered = text.lower()  # "SECURITY COUNCIL RESOLUTION 242 (1967)" in old capitals too
    if "resolution" in lowered:
        found.extend(_resolution_refs(text, where))
    if "decision" in lowered:
        found.extend(_decision_refs(text, where))
    if "item" in lowered:
        found.extend(_agenda_refs(text, where, agenda_items))
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[Reference] = []
    last_end = -1
    for ref in found:
        if ref.start >= last_end:
            kept.append(ref)
            last_end = ref.end
    if footnotes:
        if url_spans:
            taken = _Spans.of([(r.start, r.end) for r in kept] + url_spans)
        else:  # kept is sorted and disjoint already
            taken = _Spans(tuple(r.start for r in kept), tuple(r.end for r in kept))
        kept.extend(_footnote_refs(text, where, footnotes, taken))
        kept.sort(key=lambda r: r.start)
    return kept
