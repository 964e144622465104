"""Akoma Ntoso (AKN4UN) files, such as `un-reader parse --format akn` writes, read back as lines.

The XML is turned into the lines `pdftotext` would print for the letter: the cover page and
preface one piece a line, then the title, each paragraph on one line after a blank line,
footnote markers glued to their word ("regard.1") and the notes after a separator line at the
foot of their part, signatures as "(Signed) Name" with a title a line. Each annex starts a page
of its own so its footnotes stay its own. The parser then reads it like any other letter, so an
AKN file and the letter it came from give the same fields.

The XML is untrusted: entities are not expanded, no DTD or network resource is loaded and huge
documents are refused, so a crafted file cannot read local files or exhaust memory.
"""

from __future__ import annotations

import re

from lxml import etree

from reader.errors import InputError
from reader.formats.lines import Source
from reader.formats.text import text_to_pages

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_E = f"{{{AKN_NS}}}"
_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>")


def akn_to_source(text: str, name: str, digest: str) -> Source:
    root = _parse(text, name)
    doc = _document(root, name)
    out: list[str] = []
    _cover(doc, out)
    _preface(doc, out)
    _part(doc, out)
    for attachment in doc.iterfind(f"{_E}attachments/{_E}attachment"):
        annex = next(iter(attachment.iterchildren(f"{_E}doc", f"{_E}documentCollection")), None)
        if annex is not None:
            out.append("\f")  # an annex starts a page, so its footnotes stay its own
            title = _text(annex.find(f"{_E}preface//{_E}docTitle"))
            if title:
                out.append(title)
            _part(annex, out)
    pages = text_to_pages("\n".join(out) + "\n", "text")
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


def _cover(doc: etree._Element, out: list[str]) -> None:
    cover = doc.find(f"{_E}coverPage")
    if cover is None:
        return
    for p in cover.iterfind(f"{_E}p"):
        line = _text(p)
        if line:
            out.append(line)
    out.append("")


def _preface(doc: etree._Element, out: list[str]) -> None:
    preface = doc.find(f"{_E}preface")
    if preface is None:
        return
    for container in preface.iterfind(f"{_E}container"):
        lines = [_text(p) for p in container.iterfind(f"{_E}p")]
        if container.get("name") == "agendaItems":
            for line in lines:  # the seed writes each agenda item title as a paragraph of its own
                out.extend([line, ""])
        else:
            out.extend([*lines, ""])
    title = _text(preface.find(f"{_E}longTitle"))
    if title:
        out.extend([f"## {title}", ""])


def _part(doc: etree._Element, out: list[str]) -> None:
    """The body of the letter or of an annex, its signatures, then its footnotes."""
    notes: list[tuple[str, str]] = []
    body = doc.find(f"{_E}mainBody")
    if body is not None:
        for block in body.iter(f"{_E}p"):
            if _inside_note(block, body):
                continue
            line = _paragraph(block, notes)
            if line:
                out.extend(["", line])
    conclusions = doc.find(f"{_E}conclusions")
    if conclusions is not None:
        for signature in conclusions.iter(f"{_E}signature"):
            out.append("")
            person = _text(signature.find(f"{_E}person"))
            out.append(f"(Signed) {person}" if person else "(Signed)")
            out.extend(_text(role) for role in signature.iterfind(f"{_E}role") if _text(role))
    # footnotes print at the foot in order: the star notes of the masthead first, then by number
    notes.sort(key=lambda note: (1, int(note[0])) if note[0].isdigit() else (0, 0))
    if notes:
        out.extend(["", "__________________"])  # the footnote separator, as pdftotext prints it
    for marker, note in notes:
        out.append(f"{marker} {note}")


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
