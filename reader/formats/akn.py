"""Akoma Ntoso (AKN4UN) files, such as `un-reader parse --format akn` writes, read straight into a
letter.

AKN already says what every piece of a letter is, so nothing here guesses from layout: the symbols,
dates, organs and title come from ``meta``, ``coverPage`` and ``preface``; each ``p`` of
``mainBody`` is a paragraph; an ``authorialNote`` is a footnote whose marker stands where the note
is (kept as printed, ``²`` or ``①`` as much as ``1``); ``conclusions`` hold the signatures and each
attachment is an annex. What AKN has no element for (the kind of letter, its date, sender,
addressees, agenda item numbers and the warnings of the parse that made the file) is read from our
``meta/proprietary`` block when the file has one. References are then found in the texts by the same
finder every other format uses, so a letter read back from its AKN export is the letter that was
exported.

The XML is untrusted: entities are not expanded, no DTD, file or network resource is loaded, and
huge documents (deep nesting, giant text nodes) are refused by libxml2's limits, so a crafted file
cannot read local files or exhaust memory. Every step is one pass over the tree: time grows linearly
with the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from reader import symbols as symbol_finder
from reader.errors import InputError
from reader.formats.lines import Source
from reader.model import (
    Adoption,
    AgendaItem,
    Annex,
    Footnote,
    Letter,
    LetterKind,
    Organ,
    Paragraph,
    Reference,
    RefKind,
    Resolution,
    Signature,
)

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
UR_NS = "urn:x-un-reader:letter:1"  # our proprietary block in meta, which `reader.export_akn` writes
_E = f"{{{AKN_NS}}}"
_UR = f"{{{UR_NS}}}"
_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")
_OWN_ID = re.compile(r"^(?:a\d+__)?fn(\d{1,9})$")  # the eIds `export_akn` gives footnotes: fn3, a1__fn3
_UN_BANNER = "United Nations"


@dataclass(frozen=True, slots=True)
class AknSource(Source):
    """An AKN file: it holds the letter itself, so the parser's layout rules have nothing to do."""

    letter: Letter = field(kw_only=True)


def akn_to_source(text: str, name: str, digest: str) -> AknSource:
    """The file read as a letter; `InputError` (one line) when it is not well-formed Akoma Ntoso."""
    doc = _document(_parse(text, name), name)
    return AknSource(path=name, format="akn", pages=(), digest=digest, letter=_letter(doc, name, digest))


def _parse(text: str, name: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False,
        remove_comments=True, remove_pis=True,
    )  # fmt: skip
    # the text is already decoded (UTF-8 or UTF-16): a declaration naming another encoding would lie
    text = _DECLARATION.sub("", text, count=1)
    try:
        return etree.fromstring(text.encode("utf-8", "replace"), parser)
    except etree.XMLSyntaxError as error:
        line = f" (line {error.lineno})" if error.lineno else ""
        message = " ".join(str(error.msg).split())
        raise InputError(f"{name}: not well-formed XML{line}: {message}") from None
    except ValueError as error:
        raise InputError(f"{name}: not readable as XML ({' '.join(str(error).split())})") from None


def _document(root: etree._Element, name: str) -> etree._Element:
    if root.tag != f"{_E}akomaNtoso":
        raise InputError(f"{name}: XML, but not an Akoma Ntoso 3.0 document")
    doc = next(iter(root.iterchildren(f"{_E}doc", f"{_E}statement", f"{_E}documentCollection")), None)
    if doc is None:
        raise InputError(f"{name}: an Akoma Ntoso file without a <doc> to read")
    return doc


def _text(element: etree._Element | None) -> str:
    """An element's words, spaces collapsed (pretty-printed files break lines anywhere)."""
    if element is None:
        return ""
    return " ".join("".join(_pieces(element)).split())


def _pieces(element: etree._Element) -> Iterator[str]:
    """The text inside an element in order; an unexpanded entity reference (``&leak;``) adds nothing."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield from _pieces(child)  # nesting is bounded by libxml2's depth limit
        if child.tail:
            yield child.tail


# --- a part of the letter: the letter itself or one annex ----------------------------------------


@dataclass
class _Note:
    marker: str
    text: str
    order: tuple[int, int]  # the exporter's footnote number when the eId carries one, else document order
    anchored: bool


@dataclass
class _Block:
    """One paragraph: its text and where footnote markers stand in it (start, end, marker)."""

    text: str
    markers: list[tuple[int, int, str]] = field(default_factory=list)
    superscripts: list[tuple[int, int, str]] = field(default_factory=list)  # markers if a note has them


@dataclass
class _Part:
    prefix: str  # "" for the letter, "a1." for its first annex
    title: str = ""
    blocks: list[_Block] = field(default_factory=list)
    notes: list[_Note] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)


class _Composer:
    """Builds a paragraph's text from its pieces with runs of white space collapsed, keeping the offsets
    of footnote markers right: one pass, so a paragraph of any length costs time in proportion."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.space = False  # white space seen since the last word
        self.markers: list[tuple[int, int, str]] = []
        self.superscripts: list[tuple[int, int, str]] = []

    def _put(self, text: str) -> None:
        if self.space and self.length:
            self.parts.append(" ")
            self.length += 1
        self.space = False
        self.parts.append(text)
        self.length += len(text)

    def add(self, text: str | None) -> None:
        if not text:
            return
        words = text.split()
        if not words:
            self.space = True
            return
        if text[0].isspace():
            self.space = True
        self._put(" ".join(words))
        self.space = text[-1].isspace()

    def marker(self, marker: str, sure: bool = True) -> None:
        self._put(marker)
        (self.markers if sure else self.superscripts).append((self.length - len(marker), self.length, marker))

    def block(self) -> _Block:
        return _Block("".join(self.parts), self.markers, self.superscripts)


def _read_part(doc: etree._Element, part: _Part) -> None:
    body = doc.find(f"{_E}mainBody")
    if body is None:
        body = doc.find(f"{_E}mainContent")
    if body is not None:
        for p in _paragraph_elements(body):
            part.blocks.append(_paragraph(p, part))
    conclusions = doc.find(f"{_E}conclusions")
    if conclusions is not None:
        for signature in conclusions.iter(f"{_E}signature"):
            name = _text(signature.find(f"{_E}person"))
            roles = tuple(t for t in (_text(r) for r in signature.iterfind(f"{_E}role")) if t)
            part.signatures.append(Signature(name, roles))


def _paragraph_elements(body: etree._Element) -> Iterator[etree._Element]:
    """The ``p`` elements of a body in reading order, whatever blocks hold them, never inside a note."""
    for child in body.iterchildren(tag=etree.Element):
        if child.tag == f"{_E}p":
            yield child
        elif child.tag != f"{_E}authorialNote":
            yield from _paragraph_elements(child)  # nesting is bounded by libxml2's depth limit


def _paragraph(p: etree._Element, part: _Part) -> _Block:
    """A paragraph's text, each anchored footnote put back as its marker; the notes are collected."""
    if not len(p):  # plain text, the common case
        return _Block(" ".join(p.text.split()) if p.text else "")
    out = _Composer()
    out.add(p.text)
    for child in p.iterchildren():
        if child.tag == f"{_E}authorialNote":
            note = _note(child, len(part.notes))
            part.notes.append(note)
            if note.anchored:
                out.marker(note.marker)
        elif child.tag == f"{_E}sup" and len(child) == 0 and child.text and child.text.strip():
            out.space = out.space or child.text[0].isspace()
            out.marker(" ".join(child.text.split()), sure=False)  # a marker of a note already placed
            out.space = child.text[-1].isspace()
        elif isinstance(child.tag, str):
            for piece in _pieces(child):
                out.add(piece)
        out.add(child.tail)
    return out.block()


def _note(element: etree._Element, seen: int) -> _Note:
    text = " ".join(_text(p) for p in element.iterfind(f"{_E}p")) or _text(element)
    marker = " ".join((element.get("marker") or "").split()) or str(seen + 1)
    own = _OWN_ID.match(element.get("eId") or "")
    order = (int(own.group(1)), seen) if own else (seen + 1, seen)
    return _Note(marker, text, order, element.get("class") != "unanchored")


def _finish(part: _Part, agenda: list[str]) -> list[Reference]:
    """Ids in reading order, footnotes in the order they print; then every reference in the part."""
    part.paragraphs = [
        Paragraph(f"{part.prefix}p{n}", b.text)
        for n, b in enumerate((b for b in part.blocks if b.text), start=1)
    ]
    part.footnotes = [
        Footnote(f"{part.prefix}fn{n}", note.marker, note.text)
        for n, note in enumerate(sorted(part.notes, key=lambda note: note.order), start=1)
    ]
    references: list[Reference] = []
    blocks = [b for b in part.blocks if b.text]
    numbers = {note.marker for note in part.notes}
    for paragraph, block in zip(part.paragraphs, blocks, strict=True):
        found = symbol_finder.find(paragraph.text, paragraph.id, (), agenda)
        marks = block.markers + [s for s in block.superscripts if s[2] in numbers]
        found.extend(
            Reference(RefKind.FOOTNOTE, marker, paragraph.id, start, end, target=marker)
            for start, end, marker in sorted(marks)
        )
        found.sort(key=lambda r: r.start)
        references.extend(found)
    for footnote in part.footnotes:
        references.extend(symbol_finder.find(footnote.text, footnote.id, (), agenda))
    return references


# --- the letter ----------------------------------------------------------------------------------


@dataclass
class _Head:
    """What the meta, cover page and preface say: the masthead, as the parser would have read it."""

    symbols: tuple[str, ...] = ()
    reissued: bool = False
    distribution: str = ""
    issued: dt.date | None = None
    original_language: str = ""
    organs: tuple[Organ, ...] = ()
    agenda_items: tuple[AgendaItem, ...] = ()
    title: str = ""
    kind: LetterKind = LetterKind.LETTER
    date: dt.date | None = None
    sender: str = ""
    addressees: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # what the parser of the original noticed, as exported
    exported: bool = False  # the file carries our proprietary block: its warnings are the letter's
    adopted: Adoption | None = None
    resolution: Resolution | None = None
    low_quality: bool = False


def _letter(doc: etree._Element, name: str, digest: str) -> Letter:
    head = _head(doc)
    agenda = [item.number for item in head.agenda_items if item.number]
    main = _Part("", head.title)
    _read_part(doc, main)
    parts = [main]
    for attachment in doc.iterfind(f"{_E}attachments/{_E}attachment"):
        annex = next(iter(attachment.iterchildren(f"{_E}doc", f"{_E}documentCollection")), None)
        if annex is not None:
            part = _Part(f"a{len(parts)}.", _text(annex.find(f"{_E}preface//{_E}docTitle")))
            _read_part(annex, part)
            parts.append(part)
    references = [ref for part in parts for ref in _finish(part, agenda)]
    if not (head.title or head.symbols or main.paragraphs or main.signatures):
        raise InputError(f"{name}: an Akoma Ntoso file without a letter in it (no title, symbol or text)")
    return Letter(
        source=name,
        format="akn",
        kind=head.kind,
        symbols=head.symbols,
        reissued=head.reissued,
        distribution=head.distribution,
        issued=head.issued,
        original_language=head.original_language,
        organs=head.organs,
        agenda_items=head.agenda_items,
        title=head.title,
        date=head.date,
        sender=head.sender,
        addressees=head.addressees,
        paragraphs=tuple(main.paragraphs),
        signatures=tuple(main.signatures),
        footnotes=tuple(main.footnotes),
        annexes=tuple(
            Annex(
                id=part.prefix.rstrip("."),
                title=part.title,
                paragraphs=tuple(part.paragraphs),
                signatures=tuple(part.signatures),
                footnotes=tuple(part.footnotes),
            )
            for part in parts[1:]
        ),
        references=tuple(references),
        warnings=head.warnings if head.exported else tuple(dict.fromkeys(_warnings(head, parts))),
        digest=digest,
        pages=len(parts),
        adopted=head.adopted,
        resolution=head.resolution,
        low_quality=head.low_quality,
    )


def _adopted(element: etree._Element | None) -> Adoption | None:
    if element is None:
        return None
    meeting = " ".join((element.get("meeting") or "").split()) or None
    return Adoption(" ".join((element.get("organ") or "").split()), meeting, _date(element.get("date")))


def _resolution(element: etree._Element | None) -> Resolution | None:
    if element is None:
        return None
    year = element.get("year") or ""
    return Resolution(
        " ".join((element.get("number") or "").split()),
        int(year) if year.isdigit() else None,
        tuple((element.get("preamble") or "").split()),
        tuple((element.get("operative") or "").split()),
    )


def _warnings(head: _Head, parts: list[_Part]) -> Iterator[str]:
    """What a reader should know the file does not say."""
    main = parts[0]
    if any(not item.number for item in head.agenda_items):
        yield "agenda item printed without a number"
    if not head.title:
        yield "no letter title found"
    if not main.paragraphs:
        yield "no body paragraphs found"
    if not main.signatures and head.kind is not LetterKind.NOTE_VERBALE:
        yield "no (Signed) block found in the letter"
    for part in parts[1:]:
        if not part.paragraphs and not part.signatures:
            yield f"annex {part.prefix.rstrip('.')} has no text (an image without a text layer?)"
    for part in parts:
        for footnote, note in zip(part.footnotes, sorted(part.notes, key=lambda n: n.order), strict=True):
            if not note.anchored and footnote.number != "*":
                yield f"footnote {footnote.number} ({footnote.id}): no marker found in the text"


def _head(doc: etree._Element) -> _Head:
    head = _Head()
    work = doc.find(f"{_E}meta/{_E}identification/{_E}FRBRWork")
    cover = doc.find(f"{_E}coverPage")
    number = _text(cover.find(f".//{_E}docNumber")) if cover is not None else ""
    head.reissued = "*" in number
    if work is not None:
        aliases = [a.get("value") or "" for a in work.iterfind(f"{_E}FRBRalias") if a.get("name") == "symbol"]
        frbr_number = work.find(f"{_E}FRBRnumber")
        own = frbr_number.get("value") if frbr_number is not None else None
        head.symbols = tuple(_clean_symbol(a) for a in aliases if a.strip()) or (
            (_clean_symbol(own),) if own and own.strip() else ()
        )
    if not head.symbols and number:
        head.symbols = (_clean_symbol(number),)
    if cover is not None:
        head.distribution = _text(cover.find(f".//{_E}docStatus"))
        issued = cover.find(f".//{_E}docDate")
        head.issued = _date(issued.get("date") if issued is not None else None)
        head.original_language = _text(cover.find(f".//{_E}inline[@name='originalLanguage']"))
    preface = doc.find(f"{_E}preface")
    head.organs = _organs(cover, preface)
    head.title = _text(preface.find(f"{_E}longTitle//{_E}docTitle")) if preface is not None else ""
    info = doc.find(f"{_E}meta/{_E}proprietary/{_UR}letter")
    titles = (
        [_text(i) for i in preface.iterfind(f".//{_E}inline[@name='agendaItem']")]
        if preface is not None
        else []
    )
    if info is not None:
        head.exported = True
        head.kind = _kind(info.get("kind"))
        head.date = _date(info.get("date"))
        head.sender = " ".join((info.get("sender") or "").split())
        head.addressees = tuple(t for t in (_text(a) for a in info.iterfind(f"{_UR}addressee")) if t)
        head.warnings = tuple(t for t in (_text(w) for w in info.iterfind(f"{_UR}warning")) if t)
        head.low_quality = info.get("lowQuality") == "true"
        head.adopted = _adopted(info.find(f"{_UR}adopted"))
        head.resolution = _resolution(info.find(f"{_UR}resolution"))
        items = list(info.iterfind(f"{_UR}agendaItem"))
        if len(items) == len(titles):
            head.agenda_items = tuple(
                AgendaItem(" ".join((i.get("number") or "").split()), title, i.get("preliminary") == "true")
                for i, title in zip(items, titles, strict=True)
            )
    if not head.agenda_items:  # a file from elsewhere: the titles without their numbers
        head.agenda_items = tuple(AgendaItem("", title) for title in titles if title)
    return head


def _clean_symbol(symbol: str) -> str:
    return " ".join(symbol.replace("*", "").split())


def _kind(value: str | None) -> LetterKind:
    try:
        return LetterKind(value or "letter")
    except ValueError:
        return LetterKind.LETTER


def _date(value: str | None) -> dt.date | None:
    if not value or value.startswith("0001-"):  # the exporter's "no date printed"
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _organs(cover: etree._Element | None, preface: etree._Element | None) -> tuple[Organ, ...]:
    """The organs the cover page names (after the "United Nations" banner), each with the session the
    preface gives it."""
    sessions: list[tuple[str, str, int | None]] = []
    if preface is not None:
        for block in preface.iterfind(f"{_E}container[@name='organ']"):
            session = block.find(f".//{_E}session")
            value = (session.get("value") or "") if session is not None else ""
            number = int(value) if value.isascii() and value.isdigit() and len(value) <= 4 else None
            sessions.append((_text(block.find(f".//{_E}organization")), _text(session), number))
    names = [_text(o) for o in cover.iter(f"{_E}organization")] if cover is not None else []
    if names and names[0] == _UN_BANNER:
        names = names[1:]
    organs: list[Organ] = []
    taken = 0  # sessions are given in the cover page's order of organs
    for organ in names or [s[0] for s in sessions]:
        if taken < len(sessions) and sessions[taken][0] == organ:
            organs.append(Organ(*sessions[taken]))
            taken += 1
        elif organ:
            organs.append(Organ(organ, ""))
    return tuple(organs)
