"""A parsed letter as Akoma Ntoso 3.0 XML, shaped by the AKN4UN guidelines for UN documents.

AKN4UN files are how the UN itself exchanges documents as structured data, so exporting to it lets a
letter read here be handed to any AKN tool, and read back by `reader.formats.akn`. The letter
becomes ``<doc name="officialLetter">`` named as AKN4UN names a communication
(``/akn/un/doc/communication/{actor}/{date}/{number}``): FRBR identification in ``meta``, the
distribution block in ``coverPage``, organs, agenda items and title in ``preface``, the paragraphs
in ``mainBody`` (each reference a ``ref``, each footnote an ``authorialNote`` where its marker
stood), signatures in ``conclusions`` and annexes as ``attachments``. What the parser reads from the
title and masthead that AKN has no element for (the kind of letter, its date, sender, addressees,
agenda item numbers and the parser's warnings) goes in ``meta/proprietary`` under our own namespace,
so the AKN reader gets the same letter back without re-parsing prose. Text is only ever set as
element text, never parsed as XML, so a letter cannot inject markup into the file. The output
validates against the OASIS Akoma Ntoso 3.0 schema: eIds are unique in the whole document, annexes
included.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from lxml import etree

from reader.formats.akn import AKN_NS as AKN_NS  # the format's names have one owner: its reader
from reader.formats.akn import UR_NS
from reader.model import Annex, Footnote, Letter, Paragraph, Reference, RefKind, Signature
from reader.safe_text import ESCAPED_IN_OUTPUT, control_picture, valid_unicode

_E = f"{{{AKN_NS}}}"
_UR = f"{{{UR_NS}}}"  # our proprietary metadata: what AKN has no element for
DOC_TYPE = "doc"  # AKN4UN: a letter is a `doc`; its name says which kind
DOC_NAME = "officialLetter"
SUBTYPE = "communication"
SOURCE = "#un-reader"
ACTORS = {"A": ("un-ga", "General Assembly"), "S": ("un-sc", "Security Council"),
          "E": ("un-ecosoc", "Economic and Social Council")}  # fmt: skip
_ORGAN_ACTOR = {name: actor for actor, name in ACTORS.values()}
_LANGUAGES = {"english": "eng", "french": "fra", "spanish": "spa", "russian": "rus",
              "arabic": "ara", "chinese": "zho"}  # fmt: skip
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID_BAD = re.compile(r"[^A-Za-z0-9_.-]+")


def letter_to_akn(letter: Letter) -> bytes:
    """The letter as an AKN document (UTF-8, with an XML declaration)."""
    root = etree.fromstring(f'<akomaNtoso xmlns="{AKN_NS}"/>'.encode())  # AKN as the default namespace
    doc = _sub(root, DOC_TYPE, name=DOC_NAME)
    work = work_uri(letter)
    _meta(doc, letter, work, "main", letter.signatures, "")
    _proprietary(doc.find(f"{_E}meta"), letter)
    _cover_page(doc, letter)
    _preface(doc, letter)
    notes = {f.number: f for f in letter.footnotes}
    body = _sub(doc, "mainBody")
    _paragraphs(body, letter.paragraphs, letter.references, notes, letter.footnotes, "")
    if not len(body):
        _sub(body, "p")
    _conclusions(doc, letter.signatures, "")
    if letter.annexes:
        attachments = _sub(doc, "attachments")
        for number, annex in enumerate(letter.annexes, start=1):
            _annex(attachments, letter, annex, number, work)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
    return xml.translate(_CHARACTER_REFERENCES).encode("utf-8")


# Characters XML 1.0 allows that a terminal acts on (C1, bidi controls) are written as character
# references: the same document, nothing raw on a terminal. Only text and attribute values hold them.
_CHARACTER_REFERENCES = {code: f"&#x{code:X};" for code in ESCAPED_IN_OUTPUT}


def work_uri(letter: Letter) -> str:
    """``/akn/un/doc/communication/{actor}/{date}/{number}``: AKN4UN puts the document type (``doc``)
    and subtype there; the name (``officialLetter``) is the ``doc`` element's attribute."""
    actor = _actor(letter)
    day = _day(letter)
    number = letter.symbol.replace("*", "").replace("/", "-") or f"sha256-{letter.digest[:16] or 'unknown'}"
    parts = ["", "akn", "un", DOC_TYPE, SUBTYPE, actor]
    if day:
        parts.append(day)
    parts.append(_ID_BAD.sub("_", number))
    return "/".join(parts)


def _actor(letter: Letter) -> str:
    for symbol in letter.symbols:
        series = symbol.split("/", 1)[0]
        if series in ACTORS:
            return ACTORS[series][0]
    for organ in letter.organs:
        if organ.name in _ORGAN_ACTOR:
            return _ORGAN_ACTOR[organ.name]
    return "un"


def _day(letter: Letter) -> str:
    when = letter.issued or letter.date
    return when.isoformat() if when else ""


def _language(letter: Letter) -> str:
    return _LANGUAGES.get(letter.original_language.strip().lower(), "eng")


def _clean(text: str) -> str:
    """XML 1.0 cannot hold most C0 controls, even as references: they are written as their visible
    pictures (ESC -> U+241B), as the app shows them, so the document says one was there."""
    return _XML_BAD.sub(_xml_char, valid_unicode(text))


def _xml_char(match: re.Match[str]) -> str:
    return "\ufffd" if match.group() in "\ufffe\uffff" else control_picture(match.group())


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _E + tag, {k: _clean(v) for k, v in attrs.items()})
    if text:
        element.text = _clean(text)
    return element


# --- meta ----------------------------------------------------------------------------------------


def _meta(
    doc: etree._Element,
    letter: Letter,
    work: str,
    component: str,
    signatures: Sequence[Signature],
    prefix: str,
) -> None:
    meta = _sub(doc, "meta")
    ident = _sub(meta, "identification", source=SOURCE)
    day = _day(letter) or "0001-01-01"  # AKN wants a date; this one says "not printed"
    date_name = "issued" if letter.issued else "dated" if letter.date else "unknown"
    lang = "eng"  # the export is of the English text the reader parsed
    expression = f"{work}/{lang}@{_day(letter)}"
    author = f"#{_actor(letter)}"
    for level, uri, this in (
        ("FRBRWork", work, f"{work}/!{component}"),
        ("FRBRExpression", expression, f"{expression}/!{component}"),
        ("FRBRManifestation", f"{expression}.akn", f"{expression}/!{component}.xml"),
    ):
        frbr = _sub(ident, level)
        _sub(frbr, "FRBRthis", value=this)
        _sub(frbr, "FRBRuri", value=uri)
        if level == "FRBRWork":  # the schema wants aliases right after the URI
            for symbol in letter.symbols if len(letter.symbols) > 1 else ():
                _sub(frbr, "FRBRalias", value=symbol, name="symbol")
        _sub(frbr, "FRBRdate", date=day, name=date_name)
        _sub(frbr, "FRBRauthor", href=SOURCE if level == "FRBRManifestation" else author)
        if level == "FRBRWork":
            _sub(frbr, "FRBRcountry", value="un")
            _sub(frbr, "FRBRsubtype", value=SUBTYPE)
            if letter.symbol:
                _sub(frbr, "FRBRnumber", value=letter.symbol)
        if level == "FRBRExpression":
            _sub(frbr, "FRBRlanguage", language=lang)
            if _language(letter) != lang:
                # the UN's translation services made the English text from the original
                _sub(frbr, "FRBRtranslation", fromLanguage=_language(letter), href=work, by="#un")
    if prefix and not signatures:
        return  # an annex names no one; the organizations are the letter's, and eIds must not repeat
    refs = _sub(meta, "references", source=SOURCE)
    if not prefix:  # the letter's meta holds the organizations once for the whole document
        _sub(
            refs,
            "TLCOrganization",
            eId="un-reader",
            href="/ontology/organization/un-reader",
            showAs="un-reader",
        )
        _sub(refs, "TLCOrganization", eId="un", href="/ontology/organization/un", showAs="United Nations")
        for actor, name in ACTORS.values():
            _sub(refs, "TLCOrganization", eId=actor, href=f"/ontology/organization/un/{actor}", showAs=name)
    roles: dict[str, str] = {}
    for k, signature in enumerate(signatures, start=1):
        person = f"/ontology/person/{_slug(signature.name)}"
        _sub(refs, "TLCPerson", eId=f"{prefix}signatory_{k}", href=person, showAs=signature.name)
        roles.update((_slug(title), title) for title in signature.titles)
    for slug, title in roles.items():
        _sub(refs, "TLCRole", eId=f"{prefix}role_{slug}", href=f"/ontology/role/{slug}", showAs=title)


def _proprietary(meta: etree._Element | None, letter: Letter) -> None:
    """What the title and masthead say that AKN has no element for, for the AKN reader to take back."""
    if meta is None:
        return
    holder = _sub(meta, "proprietary", source=SOURCE)
    attrs = {"kind": str(letter.kind), "sender": letter.sender}
    if letter.date:
        attrs["date"] = letter.date.isoformat()
    info = etree.SubElement(
        holder, _UR + "letter", {k: _clean(v) for k, v in attrs.items()}, nsmap={"ur": UR_NS}
    )
    for addressee in letter.addressees:
        etree.SubElement(info, _UR + "addressee").text = _clean(addressee)
    for item in letter.agenda_items:
        element = etree.SubElement(info, _UR + "agendaItem", number=_clean(item.number))
        if item.preliminary:
            element.set("preliminary", "true")
    for warning in letter.warnings:  # what the parser of the original could not find or place
        etree.SubElement(info, _UR + "warning").text = _clean(warning)
    if letter.low_quality:
        info.set("lowQuality", "true")
    if letter.adopted is not None:
        adopted = etree.SubElement(info, _UR + "adopted", organ=_clean(letter.adopted.organ))
        if letter.adopted.meeting:
            adopted.set("meeting", _clean(letter.adopted.meeting))
        if letter.adopted.date:
            adopted.set("date", letter.adopted.date.isoformat())
    if letter.resolution is not None:
        res = letter.resolution
        element = etree.SubElement(info, _UR + "resolution", number=_clean(res.number))
        if res.year is not None:
            element.set("year", str(res.year))
        element.set("preamble", " ".join(res.preamble))
        element.set("operative", " ".join(res.operative))


def _slug(text: str) -> str:
    return _ID_BAD.sub("-", text.strip().lower()).strip("-") or "unknown"


# --- cover page and preface ----------------------------------------------------------------------


def _cover_page(doc: etree._Element, letter: Letter) -> None:
    cover = _sub(doc, "coverPage")
    if letter.symbol:
        p = _sub(cover, "p")
        _sub(p, "docNumber", letter.symbol + ("*" if letter.reissued else ""))
    p = _sub(cover, "p")
    _sub(p, "organization", "United Nations", refersTo="#un")
    for organ in letter.organs:
        p = _sub(cover, "p")
        _sub(p, "organization", organ.name, refersTo=f"#{_ORGAN_ACTOR.get(organ.name, 'un')}")
    if letter.distribution:
        p = _sub(cover, "p", "Distr.: ")
        _sub(p, "docStatus", letter.distribution)
    if letter.issued:
        p = _sub(cover, "p")
        _sub(p, "docDate", _long_date(letter.issued), date=letter.issued.isoformat())
    if letter.original_language:
        p = _sub(cover, "p", "Original: ")
        _sub(p, "inline", letter.original_language, name="originalLanguage")


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _preface(doc: etree._Element, letter: Letter) -> None:
    preface = _sub(doc, "preface")
    for organ in (o for o in letter.organs if o.session):
        block = _sub(preface, "container", name="organ", refersTo=f"#{_ORGAN_ACTOR.get(organ.name, 'un')}")
        p = _sub(block, "p")
        _sub(p, "organization", organ.name, refersTo=f"#{_ORGAN_ACTOR.get(organ.name, 'un')}")
        p = _sub(block, "p")
        # the schema requires a value: the session number, else the words as printed
        _sub(
            p,
            "session",
            organ.session,
            value=str(organ.number) if organ.number is not None else organ.session,
        )
    if letter.agenda_items:
        block = _sub(preface, "container", name="agendaItems")
        numbers = [a.number for a in letter.agenda_items if a.number]
        if numbers:
            p = _sub(block, "p", _agenda_line(letter))
        for item in letter.agenda_items:
            p = _sub(block, "p")
            attrs = {"name": "agendaItem", "refersTo": f"#agendaItem_{_slug(item.number or 'proposed')}"}
            _sub(p, "inline", item.title, **attrs)
    if letter.title:
        long_title = _sub(preface, "longTitle")
        p = _sub(long_title, "p")
        _sub(p, "docTitle", letter.title)
    if not len(preface):
        doc.remove(preface)  # the schema wants a preface to hold something


def _agenda_line(letter: Letter) -> str:
    numbers = [a.number for a in letter.agenda_items if a.number]
    preliminary = any(a.preliminary for a in letter.agenda_items)
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    if preliminary:
        star = "*" if any(f.number == "*" for f in letter.footnotes) else ""  # the footnote naming the list
        return f"Item{'s' if len(numbers) > 1 else ''} {listed} of the preliminary list{star}"
    return f"Agenda item{'s' if len(numbers) > 1 else ''} {listed}"


# --- paragraphs ----------------------------------------------------------------------------------


def _paragraphs(
    body: etree._Element,
    paragraphs: Sequence[Paragraph],
    references: Sequence[Reference],
    notes: dict[str, Footnote],
    footnotes: Sequence[Footnote],
    prefix: str,
) -> None:
    """Paragraphs with their references; footnotes no marker points at go after the last one."""
    used: set[str] = set()
    last: etree._Element | None = None
    for paragraph in paragraphs:
        p = _sub(body, "p", eId=_eid(paragraph.id))
        spans = [r for r in references if r.where == paragraph.id]
        _fill(p, paragraph.text, spans, notes, used, references)
        last = p
    loose = [f for f in footnotes if f.id not in used]
    if loose:
        holder = last if last is not None else _sub(body, "p")
        for note in loose:
            _note(holder, note, references).set("class", "unanchored")  # the text printed no marker


def _eid(identifier: str) -> str:
    return identifier.replace(".", "__")


def _fill(
    p: etree._Element,
    text: str,
    spans: Sequence[Reference],
    notes: dict[str, Footnote],
    used: set[str],
    references: Sequence[Reference],
) -> None:
    """Set ``text`` into ``p``, wrapping each reference span; overlapping spans keep the first."""
    chosen: list[Reference] = []
    end = 0
    for ref in sorted(spans, key=lambda r: (r.start, -(r.end - r.start))):
        if ref.start >= end and 0 <= ref.start < ref.end <= len(text):
            chosen.append(ref)
            end = ref.end
    p.text = _clean(text[: chosen[0].start] if chosen else text)
    for k, ref in enumerate(chosen):
        tail_end = chosen[k + 1].start if k + 1 < len(chosen) else len(text)
        tail = text[ref.end : tail_end]
        element = _span(p, ref, text[ref.start : ref.end], notes, used, references)
        element.tail = _clean(tail) or None


def _span(
    p: etree._Element,
    ref: Reference,
    shown: str,
    notes: dict[str, Footnote],
    used: set[str],
    references: Sequence[Reference],
) -> etree._Element:
    if ref.kind is RefKind.FOOTNOTE:
        note = notes.get(ref.target or shown.strip())
        if note is not None and note.id not in used:
            used.add(note.id)
            return _note(p, note, references)
        return _sub(p, "sup", shown)
    if ref.kind is RefKind.AGENDA_ITEM:
        return _sub(
            p, "ref", shown, **{"href": f"#agendaItem_{_slug(ref.target or shown)}", "class": "agendaItem"}
        )
    if ref.kind is RefKind.DECISION:
        return _sub(p, "inline", shown, name="decision", refersTo=f"#decision_{_slug(ref.target or shown)}")
    url = ref.url
    attrs = {"href": url or "#"}
    if not ref.well_formed:
        attrs["class"] = "malformed"
    if ref.symbol:
        attrs["title"] = ref.symbol
    return _sub(p, "ref", shown, **attrs)


def _note(parent: etree._Element, note: Footnote, references: Sequence[Reference]) -> etree._Element:
    element = _sub(parent, "authorialNote", marker=note.number, placement="bottom", eId=_eid(note.id))
    spans = [r for r in references if r.where == note.id and r.kind is not RefKind.FOOTNOTE]
    _fill(_sub(element, "p"), note.text, spans, {}, set(), references)
    return element


# --- signatures and annexes ----------------------------------------------------------------------


def _conclusions(doc: etree._Element, signatures: Sequence[Signature], prefix: str) -> None:
    if not signatures:
        return
    conclusions = _sub(doc, "conclusions")
    for k, signature in enumerate(signatures, start=1):
        block = _sub(conclusions, "blockContainer", eId=f"{prefix}signature_{k}")
        p = _sub(block, "p")
        sign = _sub(p, "signature")
        person = _sub(sign, "person", signature.name, refersTo=f"#{prefix}signatory_{k}")
        person.tail = None
        for title in signature.titles:
            _sub(sign, "role", title, refersTo=f"#{prefix}role_{_slug(title)}")


def _annex(attachments: etree._Element, letter: Letter, annex: Annex, number: int, work: str) -> None:
    attachment = _sub(attachments, "attachment", eId=f"att_{number}")
    doc = _sub(attachment, "doc", name="annex")
    _meta(doc, letter, work, f"annex_{number}", annex.signatures, f"{annex.id}_")
    preface = _sub(doc, "preface")
    long_title = _sub(preface, "longTitle")
    _sub(_sub(long_title, "p"), "docTitle", annex.title)
    body = _sub(doc, "mainBody")
    notes = {f.number: f for f in annex.footnotes}
    _paragraphs(body, annex.paragraphs, letter.references, notes, annex.footnotes, f"{annex.id}.")
    if not annex.paragraphs and not annex.footnotes:
        _sub(body, "p")
    _conclusions(doc, annex.signatures, f"{annex.id}_")
