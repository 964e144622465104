"""The reference finder: every document symbol, resolution, decision, agenda item and footnote
marker cited in one text, as `Reference`s with spans into it.

* A literal resolution symbol (``A/RES/78/234``, ``S/RES/2231 (2015)``) is a ``RefKind.RESOLUTION``,
  exactly like the citation "resolution 2231 (2015)", so all resolution references look alike.
* Every reference that carries a symbol also carries ``components`` (one entry for a single
  symbol, several for a joint symbol), so ``components[0]`` is always what undocs.org resolves.
* Citation spans cover what identifies one document: the item of a list ("2231 (2015)",
  "68/247 B", "116 (c)"), not the keyword before it, so every item of a list gets its own span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import lru_cache

from reader.model import Reference, RefKind
from reader.symbols.footnote_markers import footnote_refs
from reader.symbols.grammar import (
    FIRST_NUMBERED_SESSION,
    WS_RE,
    Symbol,
    SymbolError,
    is_year,
    parse,
)
from reader.symbols.patterns import (
    ACRONYMS,
    AGENDA_CONTEXT_AFTER_RE,
    AGENDA_ITEM_RE,
    AGENDA_RE,
    DEC_ITEM_RE,
    DEC_RE,
    FOREIGN,
    ORGANS,
    RES_ITEM_RE,
    RES_RE,
    SENTENCE_ORGAN_RE,
    SYMBOL_RE,
    TAIL_WORD_RE,
    TRAILING_BRACKET_RE,
    UNDOCS_RE,
    URL_RE,
)
from reader.symbols.spans import NO_SPANS, Spans


def _issuer(text: str, start: int) -> str | None:
    """Who adopted the resolution cited at ``start``: "SC", "GA", "HRC", ..., "foreign" or None.

    Only the organ named right before "resolution" or earlier in the same sentence counts; another
    body's resolution ("World Health Assembly resolution 72/4") has no UN symbol and is skipped.
    """
    before = " ".join(text[max(0, start - 120) : start].split())  # "General\nAssembly resolution"
    lowered = before.lower()
    if lowered.endswith(_ORGAN_NAMES):  # one call for the usual answer, no organ right before
        for name, code in ORGANS:  # the first in ORGANS' order, as "peace and security council"
            if lowered.endswith(name):
                return code if code is not None else FOREIGN
    m = TAIL_WORD_RE.search(before[before.rfind(" ") + 1 :] + " ")  # its match lies in the last word
    word = m.group(1) if m else ""
    if word in ACRONYMS:
        return ACRONYMS[word]
    if word.lower() in ("council", "assembly"):
        prev = before[: -len(word)].rstrip().rsplit(None, 1)
        prev_word = prev[-1] if prev else ""
        if prev_word[:1].isupper() and not _in_capitals(before):
            return FOREIGN  # "Executive Council", "World Health Assembly"
        return "SC" if word.lower() == "council" else "GA"
    if word.isupper() and len(word) >= 2 and not _in_capitals(before):
        return FOREIGN  # "OAS resolution", "IAEA resolution"
    # "The Human Rights Council, in its resolution 52/1": the organ named earlier in the sentence
    sentence = lowered[lowered.rfind(". ") + 1 :]
    # every organ's name holds one of the three words: without them findall finds nothing, and
    # three substring searches are cheaper than the regex tried at each of the sentence's letters
    if "council" not in sentence and "assembly" not in sentence and "commission" not in sentence:
        return None
    found = SENTENCE_ORGAN_RE.findall(sentence)
    if found:
        last = found[-1]
        return next(code for name, code in ORGANS if name == last)
    return None


_ORGAN_NAMES = tuple(name for name, _ in ORGANS)


def _in_capitals(before: str) -> bool:
    """Is the text before a citation in capitals ("...COUNCIL, IN ITS RESOLUTION")? Ten letters or
    more in its last 40 characters, none lower case. Asked only when a capital word decides."""
    tail = [c for c in before[-40:] if c.isalpha()]
    return len(tail) >= 10 and not any(c.islower() for c in tail)


@lru_cache(maxsize=4096)  # a letter cites the same resolutions again and again
def _resolution_symbol(item: str, issuer: str | None) -> str | None:
    """The symbol a cited resolution number stands for, or None when it cannot be told."""
    item = WS_RE.sub(" ", item)
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
        if issuer == "ECOSOC" or (issuer is None and is_year(session)):
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


@lru_cache(maxsize=4096)
def _norm_item(item: str) -> str:
    item = WS_RE.sub(" ", item.strip())
    return re.sub(r"(\d)\(", r"\1 (", item)


def _matches(pattern: re.Pattern[str], text: str, starts: Iterable[int] | None) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying the pattern only at ``starts`` (ascending, and
    holding every position where a match can start; None: everywhere).

    The finder's patterns open with a lookbehind, which keeps the regex engine from skipping ahead
    to a likely first character: run over a whole text they try every position. The positions
    where a match can start are few and cheap to find with `str.find`.
    """
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for start in starts:
        if start < end:
            continue  # inside the last match: finditer goes on after it
        m = pattern.match(text, start)  # the lookbehind still sees the text before `start`
        if m:
            yield m
            end = m.end()


def _symbol_starts(text: str) -> list[int]:
    """Where a symbol can start: every symbol opens with its series, capitals, then "/" (the first
    slash), and nothing word-like before it; so at the start of each run of capitals before a "/"."""
    starts = []
    slash = text.find("/")
    while slash != -1:
        start = slash
        while start and "A" <= text[start - 1] <= "Z":
            start -= 1
        if start < slash:
            starts.append(start)
        slash = text.find("/", slash + 1)
    return starts


# Characters Python's case-insensitive matching takes for an ASCII letter of a keyword ("ſ" for
# "s", "ı" and "İ" for "i") although `str.lower` does not give that letter: where a text holds one,
# keyword positions are not found in its lowered copy (İ also lowers to two characters).
_FOLDS_TO_ASCII = ("ſ", "ı", "İ")


def _ascii_folded(text: str) -> bytes:
    """The text's ASCII letters lowered, every character not ASCII written "?": a copy of the same
    length that holds a keyword ("resolution", "item", ...) exactly where ``text.lower()`` does,
    since no other character lowers to an ASCII letter of one ("İ" lowers to "i" and a combining
    dot, which no keyword holds; the Kelvin sign to "k", which none holds: tested)."""
    return text.encode("ascii", "replace").lower()


def _word_starts(lowered: str, words: tuple[str, ...]) -> list[int]:
    """Every position where one of ``words`` starts in the lowered text, ascending."""
    starts = []
    for word in words:
        at = lowered.find(word)
        while at != -1:
            starts.append(at)
            at = lowered.find(word, at + 1)
    if len(words) > 1:
        starts.sort()
    return starts


def _document_refs(text: str, where: str, urls: Spans) -> Iterator[Reference]:
    for m in _matches(SYMBOL_RE, text, _symbol_starts(text)):
        start, end = m.span()
        if urls.starts and urls.covers(start, end):
            continue
        yield from _symbol_ref(text, where, start, end)
    if "undocs" in text or "un.org" in text:
        for m in UNDOCS_RE.finditer(text):
            yield from _symbol_ref(text, where, m.start(1), m.end(1))


# a letter cites the same symbols again and again (its own, in every running header of a report);
# a Symbol is frozen, so one parse serves them all
_parse: Callable[[str], Symbol] = lru_cache(maxsize=4096)(parse)


def _well_formed(symbol: str) -> bool:
    """`is_well_formed` through the cached parse."""
    try:
        return _parse(symbol).well_formed
    except SymbolError:
        return False


def _symbol_ref(text: str, where: str, start: int, end: int) -> Iterator[Reference]:
    raw = text[start:end]
    bm = TRAILING_BRACKET_RE.search(raw) if raw.endswith(")") else None
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
        sym = _parse(raw)
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


def _resolution_refs(text: str, where: str, starts: list[int] | None) -> Iterator[Reference]:
    for m in _matches(RES_RE, text, starts):
        issuer = _issuer(text, m.start())
        if issuer == FOREIGN:
            continue
        base = m.start(1)
        listed = m.group(1)
        dated = "(" in listed
        previous_end = 0
        for im in RES_ITEM_RE.finditer(listed):
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
                well_formed=_well_formed(symbol),
            )


def _decision_refs(text: str, where: str, starts: list[int] | None) -> Iterator[Reference]:
    for m in _matches(DEC_RE, text, starts):
        base = m.start(1)
        for im in DEC_ITEM_RE.finditer(m.group(1)):
            yield Reference(
                kind=RefKind.DECISION,
                text=im.group(0),
                where=where,
                start=base + im.start(),
                end=base + im.end(),
                target=_norm_item(im.group(0)),
            )


def _is_agenda_context(text: str, m: re.Match[str], known: frozenset[str]) -> bool:
    """A bare "item 38" is an agenda item under "under", in a masthead, with a sub-item or when known."""
    first = m.group(2)
    if "(" in first.split(",")[0].split(" and ")[0] or AGENDA_CONTEXT_AFTER_RE.match(text, m.end()):
        return True
    before = text[max(0, m.start() - 12) : m.start()].rstrip()
    if before.endswith("under"):
        return True
    if text[m.start()] == "I" and (not before or text[m.start() - 1] == "\n"):
        return True  # a masthead line: "Item 38 of the preliminary list"
    head = AGENDA_ITEM_RE.match(first)
    return head is not None and (head.group(1) or "") in known


@lru_cache(maxsize=256)  # one masthead's items for all the paragraphs of its letter
def _known_items(agenda_items: tuple[str, ...]) -> frozenset[str]:
    """The masthead's items as a bare "item 38" may cite them: "116 (c)" and "116"."""
    return frozenset({_norm_item(a) for a in agenda_items} | {a.split("(")[0].strip() for a in agenda_items})


def _agenda_refs(
    text: str, where: str, agenda_items: Collection[str], starts: list[int] | None
) -> Iterator[Reference]:
    known = _known_items(tuple(agenda_items))
    for m in _matches(AGENDA_RE, text, starts):
        listed = m.group(2)
        if not m.group(1) and not _is_agenda_context(text, m, known):
            continue  # "line item 5", "item 3 of the budget": only agenda items are references
        base = m.start(2)
        last_number: str | None = None
        for im in AGENDA_ITEM_RE.finditer(listed):
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
    # a link holds "www." or "http" and "/": the one-character search for "/" (memchr) spares the
    # search for "http" in the many paragraphs without a slash
    has_slash = "/" in text
    if "www." in text or (has_slash and "http" in text):
        url_spans = [m.span() for m in URL_RE.finditer(text)]
        urls = Spans.of(url_spans)
    else:  # most paragraphs: no call to make the empty spans
        url_spans, urls = [], NO_SPANS
    found: list[Reference] = []
    if has_slash:
        found.extend(_document_refs(text, where, urls))
    # "SECURITY COUNCIL RESOLUTION 242 (1967)" in old capitals too: the keywords are looked for in
    # a lowered copy of the text. A text that is not ASCII is not lowered (slow: a case table a
    # character) but copied with its ASCII letters lowered and every other character written "?"
    # (`_ascii_folded`): the same length, with a keyword at the places the lowered text has one
    if text.isascii():
        lowered = text.lower()
        has_res, has_dec, has_item = "resolution" in lowered, "decision" in lowered, "item" in lowered
    else:
        folded = _ascii_folded(text)
        # bytes.find, not `in`: bytes.__contains__ first tries its argument as an int and builds
        # and clears a TypeError before it searches (~800 instructions a keyword)
        has_res = folded.find(b"resolution") != -1
        has_dec = folded.find(b"decision") != -1
        has_item = folded.find(b"item") != -1
        lowered = folded.decode("ascii") if has_res or has_dec or has_item else ""
    if has_res or has_dec or has_item:
        # keyword positions in the lowered copy are positions in the text unless a character folds
        # to a keyword's letter in the regex engine only (then the patterns run over the whole text,
        # as finditer): the three of _FOLDS_TO_ASCII, spelt out
        exact = "ſ" not in text and "ı" not in text and "İ" not in text
        if has_res:
            starts = _word_starts(lowered, ("resolution",)) if exact else None
            found.extend(_resolution_refs(text, where, starts))
        if has_dec:
            starts = _word_starts(lowered, ("decision",)) if exact else None
            found.extend(_decision_refs(text, where, starts))
        if has_item:
            # "agenda item 5" starts at "agenda"
            starts = _word_starts(lowered, ("agenda", "item")) if exact else None
            found.extend(_agenda_refs(text, where, agenda_items, starts))
    if len(found) > 1:  # most paragraphs cite nothing, or one thing
        found.sort(key=lambda r: (r.start, -(r.end - r.start)))
        kept: list[Reference] = []
        last_end = -1
        for ref in found:
            if ref.start >= last_end:
                kept.append(ref)
                last_end = ref.end
    else:
        kept = found
    if footnotes:
        if url_spans:
            taken = Spans.of([(r.start, r.end) for r in kept] + url_spans)
        elif kept:  # kept is sorted and disjoint already
            taken = Spans(tuple(r.start for r in kept), tuple(r.end for r in kept))
        else:
            taken = NO_SPANS
        kept.extend(footnote_refs(text, where, footnotes, taken))
        if len(kept) > 1:
            kept.sort(key=lambda r: r.start)
    return kept
