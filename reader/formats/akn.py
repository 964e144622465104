"""Akoma Ntoso (AKN4UN) files, such as `un-reader parse --format akn` writes, read back as lines.

The XML is turned into the lines a page of the letter would show, so the parser reads it with the
rules it uses for every other letter: the cover page and preface one piece a line, then the
title; each paragraph after a blank line, wrapped at about 80 characters with its first line
indented (breaking only where joining the lines back gives the same text); footnote markers glued
to their word ("regard.1") with the notes after a separator line at the foot of their part;
signatures as "(Signed) Name" with a title a line, in the right half. Each annex starts a page
of its own so its footnotes stay its own.

The XML is untrusted: entities are not expanded, no DTD or network resource is loaded and huge
documents are refused, so a crafted file cannot read local files or exhaust memory.
"""

from __future__ import annotations

import re

from lxml import etree

from reader.errors import InputError
from reader.formats.lines import Line, Page, Source

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_E = f"{{{AKN_NS}}}"
_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


WIDTH = 80  # wrap paragraphs as a page would, so the parser measures lines as it does for pdftotext
FIRST_LINE = 5.0  # first-line indent of a paragraph, in columns, as `-layout` text shows it
SIGNATURE = 50.0  # signature blocks sit in the right half of the page
_NO_BREAK_BEFORE = re.compile(
    r"^(?:[\d(\[•*–“‘\"'-]|[IVXLC]+\.|\(Signed\)|Annex|Enclosure|Appendix|Original)"
)
_SENTENCE_END = re.compile(r"[.!?:;][”’\"')\]]*$")
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*/$")


class _Writer:
    """Pages of lines, with the blank-line flag carried to the next line written."""

    def __init__(self) -> None:
        self.pages: list[list[Line]] = [[]]
        self.gap = False

    def blank(self) -> None:
        self.gap = True

    def page(self) -> None:
        self.pages.append([])
        self.gap = True

    def line(self, text: str, indent: float | None = None) -> None:
        if text:
            self.pages[-1].append(Line(text, indent, None, self.gap))
            self.gap = False

    def paragraph(self, text: str) -> None:
        self.blank()
        for k, line in enumerate(_wrap(text)):
            self.line(line, 0.0 if k else FIRST_LINE)


def _wrap(text: str) -> list[str]:
    """Lines of about WIDTH characters, broken only where joining them back gives the same text:
    never after a hyphen or a URL (the parser joins those without a space) and never before what
    would read as a list marker or a heading at the start of a line."""
    words = text.split(" ")
    lines: list[list[str]] = [[]]
    length = 0
    for word in words:
        current = lines[-1]
        if current and length + 1 + len(word) > WIDTH and _breakable(current[-1], word):
            lines.append([])
            current = lines[-1]
            length = -1
        current.append(word)
        length += 1 + len(word)
    return [" ".join(line) for line in lines if line]


def _breakable(before: str, after: str) -> bool:
    if not before or not after:
        return False
    if before.endswith(("-", "\u00ad", "–", "/")) or _URL_TAIL.search(before):
        return False
    if _SENTENCE_END.search(before):
        return False  # a line ending a sentence may be read as a paragraph's last line
    return not _NO_BREAK_BEFORE.match(after)


def akn_to_source(text: str, name: str, digest: str) -> Source:
    root = _parse(text, name)
    doc = _document(root, name)
    out = _Writer()
    _cover(doc, out)
    _preface(doc, out)
    _part(doc, out)
    for attachment in doc.iterfind(f"{_E}attachments/{_E}attachment"):
        annex = next(iter(attachment.iterchildren(f"{_E}doc", f"{_E}documentCollection")), None)
        if annex is not None:
            out.page()  # an annex starts a page, so its footnotes stay its own
            out.line(_text(annex.find(f"{_E}preface//{_E}docTitle")), 0.0)
            _part(annex, out)
    pages = tuple(Page(number, tuple(lines)) for number, lines in enumerate(out.pages, start=1))
    return Source(path=name, format="akn", pages=pages, digest=digest)


def _parse(text: str, name: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True,
        remove_pis=True,
    )  # fmt: skip
    # the text is already decoded (UTF-8 or UTF-16): a declaration naming another encoding would lie
    text = _DECLARATION.sub("", text, count=1)
    try:
        return etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        line = f" (line {error.lineno})" if error.lineno else ""
        raise InputError(f"{name}: not well-formed XML{line}: {error.msg}") from None
    except ValueError as error:
        raise InputError(f"{name}: not readable as XML ({error})") from None


def _document(root: etree._Element, name: str) -> etree._Element:
    if root.tag != f"{_E}akomaNtoso":
        raise InputError(f"{name}: XML, but not an Akoma Ntoso 3.0 document")
    doc = next(iter(root.iterchildren(f"{_E}doc", f"{_E}statement", f"{_E}documentCollection")), None)
    if doc is None:
        raise InputError(f"{name}: an Akoma Ntoso file without a <doc> to read")
    return doc


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(str(t) for t in element.itertext()).split())


def _cover(doc: etree._Element, out: _Writer) -> None:
    cover = doc.find(f"{_E}coverPage")
    if cover is None:
        return
    for p in cover.iterfind(f"{_E}p"):
        out.line(_text(p))
    out.blank()


def _preface(doc: etree._Element, out: _Writer) -> None:
    preface = doc.find(f"{_E}preface")
    if preface is None:
        return
    for container in preface.iterfind(f"{_E}container"):
        for p in container.iterfind(f"{_E}p"):
            out.line(_text(p))
        out.blank()
    title = _text(preface.find(f"{_E}longTitle"))
    if title:
        out.line(title, 0.0)


def _part(doc: etree._Element, out: _Writer) -> None:
    """The body of the letter or of an annex, its signatures, then its footnotes."""
    notes: list[tuple[str, str]] = []
    body = doc.find(f"{_E}mainBody")
    if body is not None:
        for block in body.iter(f"{_E}p"):
            if not _inside_note(block, body):
                out.paragraph(_paragraph(block, notes))
    conclusions = doc.find(f"{_E}conclusions")
    if conclusions is not None:
        for signature in conclusions.iter(f"{_E}signature"):
            out.blank()
            person = _text(signature.find(f"{_E}person"))
            out.line(f"(Signed) {person}" if person else "(Signed)", SIGNATURE)
            for role in signature.iterfind(f"{_E}role"):
                out.line(_text(role), SIGNATURE)
    # footnotes print at the foot in order: the star notes of the masthead first, then by number
    notes.sort(key=lambda note: (1, int(note[0])) if note[0].isdigit() else (0, 0))
    if notes:
        out.blank()
        out.line("__________________", 0.0)  # the footnote separator, as pdftotext prints it
    for marker, note in notes:
        out.line(f"{marker} {note}", 0.0)


def _inside_note(element: etree._Element, stop: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == f"{_E}authorialNote":
            return True
        parent = parent.getparent()
    return False


def _paragraph(p: etree._Element, notes: list[tuple[str, str]]) -> str:
    """A paragraph's text with each footnote put back as its marker; the notes are collected."""
    parts: list[str] = [p.text or ""]
    for child in p:
        if child.tag == f"{_E}authorialNote":
            marker = (child.get("marker") or str(len(notes) + 1)).strip()
            notes.append((marker, _text(child)))
            if child.get("class") != "unanchored":
                parts.append(marker)  # glued to the word, as pdftotext prints a superscript
        elif isinstance(child.tag, str):
            parts.append("".join(str(t) for t in child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())
