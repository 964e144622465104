"""Places inside a document: where a pinpoint, an internal reference or a typed `g` place leads.

A place is resolved to the id of a text the body shows ("p25", "a1.p3") or of an annex ("a1"), never
to a screen position: the panes turn ids into blocks. Kept free of Textual so it is tested as data.
The parser already gives paragraphs their printed numbers and the document its sections; here those
are only looked up, the text is never parsed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader import lazy_re
from reader.model import Annex, Letter, Paragraph, Pinpoint, PinpointKind, Reference, RefKind

_ROMANS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_FIRST = lazy_re.compile(
    r"^\s*(?P<num>\d{1,4}|[IVXLC]{1,7}|[A-Z](?![a-z]))(?:\s*\.?\s*\((?P<sub>[a-z]{1,4})\))?", re.I
)
_SUB_ONLY = lazy_re.compile(r"^\s*\((?P<sub>[a-z]{1,4})\)")
_WORDS = {
    PinpointKind.PARAGRAPH: r"paragraphs?|paras?\.?|§§?",
    PinpointKind.SECTION: r"sections?|sect\.?|chapters?|chap\.?",
    PinpointKind.ANNEX: r"annex(?:es)?",
    PinpointKind.PAGE: r"pages?|pp?\.",
}
_VALUE = r"(?:\d{1,4}(?:\s*\(\w{1,4}\))?|[IVXLC]{1,7}(?:\.[A-Z])?|[A-Z]|\d{1,2}(?:\.\d{1,2})+)"
_PLACE = lazy_re.compile(
    r"^\s*(?:(?P<word>"
    + "|".join(f"(?P<{kind.name}>{words})" for kind, words in _WORDS.items())
    + rf")\s*(?P<value>{_VALUE}(?:\s*[-–—]\s*{_VALUE})?)?|(?P<bare>\d{{1,4}}(?:\s*\(\w{{1,4}}\))?))\s*$",
    re.IGNORECASE,
)
_TAIL = lazy_re.compile(
    r"[\s,;]+(?P<place>(?:" + "|".join(_WORDS.values()) + rf")\s*(?:{_VALUE}(?:\s*[-–—]\s*{_VALUE})?)?)\s*$",
    re.IGNORECASE,
)
_ANNEX_TAIL = lazy_re.compile(r"^(?P<symbol>.*?/.*?)[\s,]+annex(?:\s+(?P<n>[IVXLC]{1,7}|\d{1,2}))?$", re.I)
_ANNEX_AFTER = lazy_re.compile(r"^,?\s*annex(?:\s+(?P<n>[IVXLC]{1,7}|\d{1,2})\b)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GotoRequest:
    """What `g` was given: a symbol (or none: a place in the shown document) and a place in it."""

    symbol: str | None
    place: Pinpoint | None
    annex: str | None = None  # "A/74/961, annex, para. 5": the paragraph is the annex's ("" the first)


def parse_place(text: str) -> Pinpoint | None:
    """ "12", "para 12", "paragraph 6 (a)", "annex II", "annex", "section IV", "chapter III.B"."""
    found = _PLACE.match(text)
    if found is None:
        return None
    if found.group("bare"):
        return Pinpoint(PinpointKind.PARAGRAPH, " ".join(found.group("bare").split()))
    kind = next(k for k in _WORDS if found.group(k.name))
    value = " ".join((found.group("value") or "").split())
    if not value and kind is not PinpointKind.ANNEX:
        return None
    return Pinpoint(kind, value)


def parse_goto(text: str) -> GotoRequest | None:
    """A place in the shown document, a symbol, or a symbol then a place ("S/RES/2231 (2015) para 5")."""
    text = " ".join(text.split())
    if not text:
        return None
    place = parse_place(text)
    if place is not None:
        return GotoRequest(None, place)
    tail = _TAIL.search(text)
    if tail is not None and (
        "/" in text[: tail.start()] or _RESOLUTION.match(text[: tail.start()].strip(" ,;"))
    ):
        place = parse_place(tail.group("place"))
        symbol = text[: tail.start()].strip(" ,;")
        annexed = _ANNEX_TAIL.match(symbol)
        if place is not None and annexed is not None and place.kind is PinpointKind.PARAGRAPH:
            return GotoRequest(annexed.group("symbol"), place, annexed.group("n") or "")
        if place is not None:
            return GotoRequest(symbol, place)
    return GotoRequest(text, None)


def roman(value: str) -> int | None:
    """ "IV" -> 4; None for what is not a roman numeral."""
    value = value.upper()
    if not value or any(ch not in _ROMANS for ch in value):
        return None
    total = 0
    for ch, after in zip(value, [*value[1:], ""], strict=True):
        number = _ROMANS[ch]
        total += -number if after and _ROMANS[after] > number else number
    return total


def annex_named(letter: Letter, value: str) -> Annex | None:
    """The annex "II" (or "2", or "" for the first) names; an annex whose title says so comes first."""
    if not letter.annexes:
        return None
    value = value.strip().upper()
    if not value:
        return letter.annexes[0]
    titled = _annex_titled(letter, value)
    if titled is not None:
        return titled
    index = int(value) if value.isdigit() else roman(value)
    if index is not None and 1 <= index <= len(letter.annexes):
        return letter.annexes[index - 1]
    return None


def _annex_titled(letter: Letter, value: str) -> Annex | None:
    wanted = value.strip().upper()
    for annex in letter.annexes:
        words = annex.title.upper().replace(".", " ").split()
        if len(words) >= 2 and words[0] == "ANNEX" and words[1] == wanted:
            return annex
    return None


def _norm(number: str | None) -> str:
    return (number or "").strip().strip(".").upper()


def _numbered(paragraphs: tuple[Paragraph, ...], value: str) -> str | None:
    """The paragraph printed with number `value` ("5"), or its sub-item ("6 (a)")."""
    first = _FIRST.match(value)
    sub_only = _SUB_ONLY.match(value)
    if first is None and sub_only is None:
        return None
    if first is None and sub_only is not None:
        target = f"({sub_only.group('sub').lower()})"
        return next((p.id for p in paragraphs if (p.number or "").lower() == target), None)
    assert first is not None
    number, sub = _norm(first.group("num")), first.group("sub")
    for index, paragraph in enumerate(paragraphs):
        if _norm(paragraph.number) != number:
            continue
        if not sub:
            return paragraph.id
        wanted = f"({sub.lower()})"
        for later in paragraphs[index + 1 :]:
            printed = (later.number or "").lower()
            if printed == wanted:
                return later.id
            if later.number and not printed.startswith("("):
                break  # the next numbered paragraph: the sub-item is not printed
        return paragraph.id
    return None


def place_of(letter: Letter, place: Pinpoint, annex: str | None = None) -> str | None:
    """The id a place names in `letter`: a paragraph's ("p25", "a1.p3") or an annex's ("a1").

    A paragraph number is looked up in the main text, or in the annex `annex` names ("" for the first
    annex) when the citing text says "A/74/961, annex, paras. 154-178"; a range opens at its start.
    A page has no place in the parsed text: None, and the caller opens the document at its top.
    """
    if place.kind is PinpointKind.PARAGRAPH:
        if annex is not None:
            named = annex_named(letter, annex)
            found = _numbered(named.paragraphs, place.value) if named is not None else None
            if found is not None:
                return found
        found = _numbered(letter.paragraphs, place.value)
        if found is None:  # a number printed only in an annex (a report's annexed report)
            for each in letter.annexes:
                found = _numbered(each.paragraphs, place.value)
                if found is not None:
                    break
        return found
    if place.kind is PinpointKind.ANNEX:
        named = annex_named(letter, place.value)
        return named.id if named is not None else None
    if place.kind is PinpointKind.SECTION:
        return _section(letter, place.value)
    return None


def _section(letter: Letter, value: str) -> str | None:
    """ "IV" -> the section numbered IV; "III.B" -> section B inside section III."""
    first = _FIRST.match(value)
    if first is None:
        return None
    parts = [_norm(part) for part in re.split(r"[.\s]+", value.strip()) if part]
    sections = letter.sections
    start = 0
    found = None
    for part in parts:
        found = None
        for index in range(start, len(sections)):
            if _norm(sections[index].number) == part:
                found, start = sections[index], index + 1
                break
        if found is None:
            return None
    return found.paragraph if found is not None else None


def reference_annex(text: str, reference: Reference) -> str | None:
    """ "A/74/961, annex, paras. 154–178": the annex the citing text names right after the symbol
    ("" for a bare "annex"), so a paragraph pinpoint is looked up there; None when it names none."""
    found = _ANNEX_AFTER.match(text[reference.end : reference.end + 40])
    if found is None:
        return None
    return found.group("n") or ""


def internal_place(letter: Letter, reference: Reference) -> str | None:
    """Where an internal reference leads. "annex IV" is the annex titled so when there is one (a
    report may print an untitled "Annex" among its numbered ones, so counting can be off); otherwise
    the parser's target, else what its words name ("section III below")."""
    if reference.kind is not RefKind.INTERNAL:
        return None
    words = re.sub(
        r"\b(?:(?:to|of)\s+(?:the\s+present|this)\s+\w+|above|below|see|in|the)\b",
        " ",
        reference.text,
        flags=re.I,
    )
    place = parse_place(words)
    if place is not None and place.kind is PinpointKind.ANNEX and place.value:
        titled = _annex_titled(letter, place.value)
        if titled is not None:
            return titled.id
    if reference.target:
        return reference.target
    return place_of(letter, place) if place is not None else None


def describe_place(place: Pinpoint) -> str:
    """ "paragraph 5", "annex II", "the annex", "section IV": how the status line names a place."""
    if place.kind is PinpointKind.ANNEX and not place.value:
        return "the annex"
    return f"{place.kind.value} {place.value}".strip()


_RESOLUTION = lazy_re.compile(
    r"^(?:(?P<organ>S|A|E)(?:/RES)?\s+)?res(?:olution|\.)?\s+(?P<number>\d{1,5})(?:\s*\((?P<year>\d{4})\)|/(?P<part>\d{1,5}))?$",
    re.IGNORECASE,
)


def typed_symbol(text: str) -> str:
    """ "resolution 2231 (2015)" -> "S/RES/2231 (2015)", "resolution 60/251" -> "A/RES/60/251", as
    the parser reads them in a letter; anything else is the symbol as typed."""
    found = _RESOLUTION.match(" ".join(text.split()))
    if found is None:
        return text
    if found.group("year"):
        return f"S/RES/{found.group('number')} ({found.group('year')})"
    if found.group("part"):
        return f"A/RES/{found.group('number')}/{found.group('part')}"
    return text


def as_pinpoint(value: object) -> Pinpoint | None:
    """A pinpoint passed along untyped (a fetch carries the reference's): anything with a `kind` that
    names a pinpoint kind and a `value`; None for anything else."""
    if isinstance(value, Pinpoint) or value is None:
        return value
    try:
        kind = PinpointKind(str(getattr(value, "kind", "")))
    except ValueError:
        return None
    return Pinpoint(kind, str(getattr(value, "value", "") or ""))
