"""Pinpoints and internal references: the place a reference names inside a document.

"paragraph 5 of resolution 2231 (2015)", "resolution 2231 (2015), para. 5", "A/74/961, annex,
paras. 154–178", "section IV of A/79/352" put a `Pinpoint` on the reference the finder already made.
"see annex", "annex II", "paragraph 12 above", "section III below" name a place in the same
document: references of kind `internal`, whose ``target`` is the id they lead to when it exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from reader import lazy_re
from reader.model import Paragraph, Pinpoint, PinpointKind, Reference, RefKind, Section

_NUM = r"(?:\d{1,4}(?:\s?\([a-z]{1,2}\))?|\([a-z]{1,2}\)|[IVXL]{1,6})"
_RANGE = rf"{_NUM}(?:\s*(?:[-–—]|to|and|,)\s*{_NUM})*"
_PARA_WORD = r"(?:paragraphs?|paras?\.|para\.?|§§?)"
_BEFORE = lazy_re.compile(
    rf"(?P<word>{_PARA_WORD}|sections?|chapters?|annex(?:es)?|pages?|pp?\.)\s+(?P<value>{_RANGE})?\s*"
    rf"(?:of|in|to)\s+(?:(?:the|its|their|council|security|general|assembly|human|rights|document|report|resolution|"
    rf"Council|Security|General|Assembly|Human|Rights|Document|Report|Resolution|Economic|and|Social)\s+)*$"
)
_BARE_ANNEX_BEFORE = lazy_re.compile(
    r"(?P<word>annex)\s+(?:to|of)\s+(?:(?:the|document)\s+)*$", re.IGNORECASE
)
_AFTER = lazy_re.compile(
    rf"^,?\s*(?:(?P<annex>annex(?:\s+(?P<annexno>[IVXL]{{1,6}}|\d{{1,2}}))?)(?=[,.;)\s]|$),?\s*)?"
    rf"(?:(?P<word>{_PARA_WORD}|sect(?:ion|\.)|chap(?:ter|\.)|pp?\.|pages?)\s*(?P<value>{_RANGE}))?"
)


# every match of _BEFORE holds one of these (it keeps case; "pp." holds "p."): most texts before a
# reference hold none, and the search tries its alternatives at each of the 90 positions
_BEFORE_WORDS = ("para", "§", "section", "chapter", "annex", "page", "p.")


def _kind(word: str) -> PinpointKind:
    w = word.lower()
    if w.startswith(("para", "§")):
        return PinpointKind.PARAGRAPH
    if w.startswith(("sect", "chap")):
        return PinpointKind.SECTION
    if w.startswith("annex"):
        return PinpointKind.ANNEX
    return PinpointKind.PAGE


def _clean(value: str | None) -> str:
    return " ".join((value or "").split()).rstrip(",")


def pinpoint(text: str, ref: Reference) -> Pinpoint | None:
    """The place named right before or right after a document or resolution reference."""
    before = text[max(0, ref.start - 90) : ref.start]
    m = _BEFORE.search(before) if any(word in before for word in _BEFORE_WORDS) else None
    if m and (m.group("value") or m.group("word").lower().startswith("annex")):
        return Pinpoint(_kind(m.group("word")), _clean(m.group("value")))
    # _BARE_ANNEX_BEFORE ignores case, but no character other than these letters folds to a, n, e or x
    m = _BARE_ANNEX_BEFORE.search(before) if "annex" in before.lower() else None
    if m:
        return Pinpoint(PinpointKind.ANNEX, "")
    after = _AFTER.match(text[ref.end : ref.end + 90])
    if after and after.group("word") and after.group("value"):
        return Pinpoint(_kind(after.group("word")), _clean(after.group("value")))
    if after and after.group("annex"):
        return Pinpoint(PinpointKind.ANNEX, after.group("annexno") or "")
    return None


def with_pinpoints(references: Sequence[Reference], texts: dict[str, str]) -> list[Reference]:
    out: list[Reference] = []
    for ref in references:
        if ref.kind in (RefKind.DOCUMENT, RefKind.RESOLUTION) and ref.where in texts:
            point = pinpoint(texts[ref.where], ref)
            if point is not None:
                ref = replace(ref, pinpoint=point)
        out.append(ref)
    return out


_INTERNAL = lazy_re.compile(
    rf"\b(?P<para>(?:{_PARA_WORD})\s+(?P<pvalue>{_RANGE})\s+(?:above|below|of\s+the\s+present\s+(?:report|note|document|resolution|letter)))"
    r"|\b(?P<sect>(?:sections?|chapters?)\s+(?P<svalue>[IVXL]{1,6}(?:\.[A-Z])?|[A-Z]|\d{1,2}(?:\.\d{1,2})?)"
    r"\s+(?:above|below|of\s+the\s+present\s+(?:report|note|document)))"
    r"|\b(?P<annex>(?:(?:see|in)\s+(?:the\s+)?annex(?:es)?(?:\s+(?P<avalue>[IVXL]{1,6}|\d{1,2})\b)?"
    r"|[Aa]nnex(?:es)?\s+(?P<avalue2>[IVXL]{1,6}|\d{1,2})\b)"
    r"(?!\s*(?:,\s*)?(?:to|of)\s+(?!the\s+present|this)\w)"
    r"|(?:the\s+)?annex(?:es)?\s+(?:to|of)\s+(?:the\s+present|this)\s+(?:letter|report|note|document|resolution))"
)


# Every match of _INTERNAL holds one of these words: most paragraphs hold none, and finding them
# with str.find is far cheaper than the regex trying its alternatives at every word boundary
_PLACE_WORDS = ("para", "§", "section", "chapter", "annex", "Annex")
# what a match of _INTERNAL holds before its place word ("see the ", "in ", "the ", or nothing) is
# made of these characters only (\s as _INTERNAL's): the run of them that ends at the word
_LEAD = lazy_re.compile(r"[\sehinst]*\Z")
_LEAD_REACH = 24  # characters looked back for the run's start; a longer run: searched as before


def _place_words(text: str) -> list[int]:
    """Where each place word starts, in order (a word starting inside another, "parannex", too)."""
    starts: list[int] = []
    for word in _PLACE_WORDS:
        k = text.find(word)
        while k != -1:
            starts.append(k)
            k = text.find(word, k + 1)
    starts.sort()
    return starts


def _places(text: str) -> Iterator[re.Match[str]]:
    """`_INTERNAL.finditer(text)`, the regex tried only where a match can start, not at every word.

    Exact: a match starting at q holds a place word at some k >= q with text[q:k] all `_LEAD`
    characters. So no match starts in [pos, lo), lo being the start of the run of such characters
    that ends at the first place word at or after pos (a match there would hold a later place word,
    and the run to it would pass the character before lo); trying each start from lo to that word
    finds the first match at or after pos, as `finditer` does, or none before the next word.
    """
    pos = 0
    for k in _place_words(text):
        if k < pos:
            continue  # inside the last match
        window = max(pos, k - _LEAD_REACH)
        lo = _LEAD.search(text, window, k).start()  # type: ignore[union-attr]  # matches at k at the latest
        if lo == window and window > pos:  # the run may begin before the window: search as finditer
            match = _INTERNAL.search(text, pos)
            if match is None:
                return
        else:
            for q in range(lo, k + 1):
                if match := _INTERNAL.match(text, q):
                    break
            else:
                continue  # no match starts before the next place word's run
        yield match
        pos = match.end()


_OTHERS_ANNEX = lazy_re.compile(r"\s*(?:[IVXL]{1,6}|\d{1,2})?\s*,?\s*(?:to|of)\s+(?!the\s+present|this)\w")


def internal_references(
    texts: Iterable[tuple[str, str]],
    existing: Sequence[Reference],
    paragraphs: Sequence[Paragraph],
    sections: Sequence[Section],
    annex_ids: Sequence[str],
) -> list[Reference]:
    """References to places in the same document, never overlapping a reference already found."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for ref in existing:
        taken.setdefault(ref.where, []).append((ref.start, ref.end))
    by_number = {}
    for p in paragraphs:
        if p.number and p.number not in by_number and "." not in p.id:
            by_number[p.number] = p.id
    by_section = {s.number: s.paragraph for s in sections if s.number}
    out: list[Reference] = []
    for where, text in texts:
        # a match holds one of _PLACE_WORDS: most paragraphs hold none (written out, not a call a
        # paragraph: the tests stop at the first word found). "nnex" stands for "annex" and "Annex",
        # one pass over the text instead of two: a text it lets through finds no word in _places
        if not ("para" in text or "nnex" in text or "section" in text or "chapter" in text or "§" in text):
            continue
        for m in _places(text):
            start, end = m.span()
            if any(s - 3 <= start < e + 3 or s < end <= e for s, e in taken.get(where, ())):
                continue  # "A/74/961, annex": a pinpoint of that reference, not a place here
            if m.group("annex") and (
                _OTHERS_ANNEX.match(text, end) or re.search(r",\s*$", text[max(0, start - 3) : start])
            ):
                continue  # "annex 1 of the Report A/CONF.162/8", "... resolution 1, annexes I and II"
            target: str | None
            if m.group("para"):
                first = re.match(_NUM, m.group("pvalue"))
                target = by_number.get(first.group(0)) if first else None
            elif m.group("sect"):
                target = by_section.get(m.group("svalue"))
            else:
                target = _annex_target(m.group("avalue") or m.group("avalue2"), annex_ids)
            out.append(Reference(RefKind.INTERNAL, text[start:end], where, start, end, target=target))
    return out


_ROMANS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def _annex_target(value: str | None, annex_ids: Sequence[str]) -> str | None:
    if not annex_ids:
        return None
    if value is None:
        return annex_ids[0]
    n = int(value) if value.isdigit() else _ROMANS.get(value)
    return annex_ids[n - 1] if n and n <= len(annex_ids) else None
