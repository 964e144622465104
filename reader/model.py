"""The letter model: what a parsed UN letter is, independent of where it came from and how it is shown.

Everything here is a frozen dataclass so that a parsed letter can be shared between the app, the
index and worker processes without anyone changing it behind another's back. Nothing here imports
Textual: the model is the contract between the parser and every consumer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reader.urls import document_url


class LetterKind(StrEnum):
    """What a document is; a letter is one kind of document among the others the UN issues."""

    LETTER = "letter"
    IDENTICAL_LETTERS = "identical letters"
    NOTE_VERBALE = "note verbale"
    RESOLUTION = "resolution"
    DRAFT_RESOLUTION = "draft resolution"
    DECISION = "decision"
    PRESIDENTIAL_STATEMENT = "presidential statement"
    REPORT = "report"
    NOTE = "note"
    MEETING_RECORD = "meeting record"
    OTHER = "other"


DocumentKind = LetterKind  # the same enumeration under the name of what it now classifies
LETTER_KINDS = frozenset((LetterKind.LETTER, LetterKind.IDENTICAL_LETTERS, LetterKind.NOTE_VERBALE))


class RefKind(StrEnum):
    """What a reference points at; only document and resolution references carry a symbol."""

    DOCUMENT = "document"  # an explicit symbol: A/75/710-S/2021/42, S/PRST/2010/18
    RESOLUTION = "resolution"  # resolution 2231 (2015) -> S/RES/2231 (2015); 60/251 -> A/RES/60/251
    DECISION = "decision"  # decision 49/426: a decision has no symbol
    AGENDA_ITEM = "agenda item"  # "agenda item 116 (c)" mentioned in a text
    FOOTNOTE = "footnote"  # a footnote marker in a paragraph
    INTERNAL = "internal"  # "annex II", "paragraph 12 above", "section III below": a place in this document


class PinpointKind(StrEnum):
    PARAGRAPH = "paragraph"
    ANNEX = "annex"
    SECTION = "section"
    PAGE = "page"


@dataclass(frozen=True, slots=True)
class Pinpoint:
    """The place inside the cited document the text names: "paragraph 5", "annex", "section IV"."""

    kind: PinpointKind
    value: str  # as printed: "5", "154–178", "IV", "" for a bare "annex"


@dataclass(frozen=True, slots=True)
class Reference:
    """A span of a paragraph, footnote or annex paragraph that points somewhere.

    ``where`` is the id of the text holding the span (``p3``, ``fn1``, ``a1.p2``); ``start``/``end``
    are offsets into that text so a reader can highlight exactly what was written.
    """

    kind: RefKind
    text: str
    where: str
    start: int
    end: int
    symbol: str | None = None  # normalised symbol, for documents and resolutions
    components: tuple[str, ...] = ()  # the parts of a joint symbol, each normalised
    target: str | None = None  # footnote number, agenda item number or decision number
    well_formed: bool = True  # False for shapes like S/2020-503 that look like symbols but are not
    pinpoint: Pinpoint | None = None  # where in the target: "paragraph 5 of resolution 2231 (2015)"

    @property
    def url(self) -> str | None:
        """undocs.org resolves the first component of a joint symbol; decisions have no document."""
        if not self.components and not self.symbol:
            return None
        return document_url(self.components[0] if self.components else str(self.symbol))

    @property
    def is_document(self) -> bool:
        return self.symbol is not None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the body or of an annex; ``id`` is what references and the app point at."""

    id: str
    text: str  # as printed, with its printed number at the start ("5. Decides ...")
    number: str | None = None  # the printed number: "5", "(a)", "IV"; None when unnumbered


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the document's contents; ``paragraph`` is the id of its first paragraph."""

    id: str  # s1, s2 ...
    level: int  # 1 for chapters (I., II.), 2 for A., B., 3 for 1., 2. headings
    number: str | None  # as printed: "IV", "A", "2.1"; None for an unnumbered heading or a speaker
    title: str
    paragraph: str  # "p12" or "a1.p3"


@dataclass(frozen=True, slots=True)
class Adoption:
    """ "Adopted by the Security Council at its 9854th meeting, on 31 January 2025"."""

    organ: str
    meeting: str | None  # "9854th" as printed, without "meeting"; None when the line names none
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolution's own number and the split of its text into preamble and operative paragraphs."""

    number: str  # "2771", "79/123"
    year: int | None  # 2025 for "2771 (2025)"
    preamble: tuple[str, ...] = ()  # paragraph ids
    operative: tuple[str, ...] = ()  # paragraph ids, sub-items "(a)" included


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote: its marker as printed and its text, in the body or in an annex."""

    id: str  # fn1, fn2 ... or a1.fn1 inside an annex
    number: str  # as printed: "1", "*"
    text: str


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signed: the name and the title lines below it."""

    name: str
    titles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Organ:
    """An organ the masthead names, with the session or year it prints."""

    name: str  # "General Assembly", "Security Council"
    session: str  # as printed: "Seventy-fifth session", "Eightieth year", "Tenth emergency special session"
    number: int | None = None  # 75 for "Seventy-fifth session"


def agenda_organ(organs: Sequence[Organ]) -> Organ | None:
    """The organ a letter's agenda items belong to: the General Assembly's (the Council has no agenda
    items in a masthead), else the first organ. The app's agenda look-up and the index ask this."""
    for organ in organs:
        if organ.name.lower() == "general assembly":
            return organ
    return organs[0] if organs else None


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """An agenda item of the masthead, with its title."""

    number: str  # as printed: "34", "98 (j)"
    title: str
    preliminary: bool = False  # "Item 116 (c) of the preliminary list"


@dataclass(frozen=True, slots=True)
class Annex:
    """An annex or enclosure: its heading and its own paragraphs, signatures and footnotes."""

    id: str  # a1, a2 ...
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    signatures: tuple[Signature, ...] = ()
    footnotes: tuple[Footnote, ...] = ()


@dataclass(frozen=True, slots=True)
class Letter:
    """A parsed document (a letter is one kind): its masthead, text, references and annexes."""

    source: str
    format: str  # "pdf", "text" (pdftotext), "layout" (pdftotext -layout), "markdown", "akn"
    kind: LetterKind = LetterKind.LETTER
    symbols: tuple[str, ...] = ()  # own symbols, one per organ: ("A/79/729", "S/2025/40")
    reissued: bool = False  # the masthead symbol carries a "*"
    distribution: str = ""
    issued: dt.date | None = None
    original_language: str = ""
    organs: tuple[Organ, ...] = ()
    agenda_items: tuple[AgendaItem, ...] = ()
    title: str = ""
    date: dt.date | None = None
    sender: str = ""
    addressees: tuple[str, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    signatures: tuple[Signature, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    annexes: tuple[Annex, ...] = ()
    references: tuple[Reference, ...] = ()
    warnings: tuple[str, ...] = ()
    digest: str = ""  # sha256 of the input bytes: identifies a letter that prints no symbol
    pages: int = 0
    sections: tuple[Section, ...] = ()  # the contents: chapters, lettered and numbered headings, speakers
    adopted: Adoption | None = None  # resolutions and decisions: when and by whom
    resolution: Resolution | None = None
    low_quality: bool = False  # mostly garbage text (a poor OCR): shown with a warning, no symbols trusted

    @property
    def is_letter(self) -> bool:
        return self.kind in LETTER_KINDS

    @property
    def symbol(self) -> str:
        """The joint symbol as the UN writes it, or "" for a letter that prints none."""
        return "-".join(self.symbols)

    @property
    def key(self) -> str:
        """A stable identity for review state and the index: the symbol, else the content hash."""
        return self.symbol or f"sha256:{self.digest}"

    def texts(self) -> dict[str, str]:
        """Every addressable text by id, in reading order: where references point into."""
        out: dict[str, str] = {p.id: p.text for p in self.paragraphs}
        out.update((f.id, f.text) for f in self.footnotes)
        for annex in self.annexes:
            out.update((p.id, p.text) for p in annex.paragraphs)
            out.update((f.id, f.text) for f in annex.footnotes)
        return out

    def all_paragraphs(self) -> tuple[Paragraph, ...]:
        return self.paragraphs + tuple(p for a in self.annexes for p in a.paragraphs)

    def references_in(self, where: str) -> tuple[Reference, ...]:
        return tuple(r for r in self.references if r.where == where)

    def all_footnotes(self) -> tuple[Footnote, ...]:
        return self.footnotes + tuple(f for a in self.annexes for f in a.footnotes)


@dataclass(frozen=True, slots=True)
class ParseResult:
    """A letter or the one-line reason it could not be read; the app keeps going with the others."""

    path: str
    letter: Letter | None = None
    error: str | None = None
