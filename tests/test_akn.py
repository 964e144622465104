"""Akoma Ntoso (AKN4UN) export, and reading the exported file back into the same letter."""

from __future__ import annotations

import copy
import datetime as dt
import gc
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from reader.cli import main
from reader.errors import InputError
from reader.export_akn import AKN_NS, letter_to_akn, work_uri
from reader.formats.akn import AknSource
from reader.formats.load import load_bytes
from reader.model import (
    AgendaItem,
    Annex,
    Footnote,
    Letter,
    LetterKind,
    Organ,
    Paragraph,
    Reference,
    RefKind,
    Signature,
)
from reader.parser import parse_bytes, parse_path
from tests.conftest import LETTER_NAMES, LETTERS, ROOT, SEED, identity_fields, parsed_fixture

NS = {"a": AKN_NS}


def _xml(letter: Letter) -> etree._Element:
    return etree.fromstring(letter_to_akn(letter))


def _one(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path, namespaces=NS)
    assert isinstance(found, list) and len(found) == 1, path
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_seed_exports_as_an_official_letter() -> None:
    letter = parsed_fixture(SEED)
    root = _xml(letter)
    assert root.tag == f"{{{AKN_NS}}}akomaNtoso"
    doc = _one(root, "a:doc")
    assert doc.get("name") == "officialLetter"
    work = _one(doc, "a:meta/a:identification/a:FRBRWork/a:FRBRuri").get("value")
    assert work is not None and work.startswith("/akn/un/doc/communication/un-ga/2021-02-09/")
    expression = _one(doc, "a:meta/a:identification/a:FRBRExpression/a:FRBRuri").get("value")
    assert expression == f"{work}/eng@2021-02-09"
    assert _one(doc, "a:coverPage//a:docDate").get("date") == "2021-02-09"
    assert _text(_one(doc, "a:coverPage//a:docStatus")) == "General"
    assert _text(_one(doc, "a:preface//a:docTitle")) == letter.title
    sessions = doc.xpath("a:preface//a:session", namespaces=NS)
    expected = [("Seventy-fifth session", "75"), ("Seventy-sixth year", "76")]
    assert [(s.text, s.get("value")) for s in sessions] == expected
    items = doc.xpath("a:preface//a:inline[@name='agendaItem']", namespaces=NS)
    assert [i.text for i in items] == [a.title for a in letter.agenda_items]
    paragraphs = doc.xpath("a:mainBody/a:p", namespaces=NS)
    assert [p.get("eId") for p in paragraphs] == [p.id for p in letter.paragraphs]


def test_references_become_refs_and_footnotes_authorial_notes() -> None:
    doc = _one(_xml(parsed_fixture(SEED)), "a:doc")
    ref = _one(doc, "a:mainBody/a:p[@eId='p5']/a:ref")
    assert ref.text == "A/75/710-S/2021/42"
    assert ref.get("href") == "https://undocs.org/en/A/75/710"
    note = _one(doc, "a:mainBody/a:p[@eId='p10']/a:authorialNote")
    assert note.get("marker") == "1" and note.get("eId") == "fn1"
    assert _text(note).startswith("See, for example, the identical letters dated 20 September 2019")
    # references inside the footnote are links too
    inside = [r.text for r in note.iterfind(".//a:ref", NS)]
    assert inside == ["A/74/450-S/2019/762", "A/74/961-S/2020/729"]
    agenda = doc.xpath("a:mainBody/a:p[@eId='p11']/a:ref[@class='agendaItem']", namespaces=NS)
    assert [r.text for r in agenda] == ["34", "35", "40", "71", "72", "86", "135"]
    # the paragraph's text is unchanged around the spans
    assert _text(_one(doc, "a:mainBody/a:p[@eId='p5']")).endswith(
        "Republic of Azerbaijan (A/75/710-S/2021/42)."
    )


def test_signatures_go_to_conclusions() -> None:
    doc = _one(_xml(parsed_fixture(SEED)), "a:doc")
    signature = _one(doc, "a:conclusions//a:signature")
    assert _text(_one(signature, "a:person")) == "Yashar Aliyev"
    assert [r.text for r in signature.iterfind("a:role", NS)] == ["Ambassador", "Permanent Representative"]
    person = _one(signature, "a:person").get("refersTo")
    assert person == "#signatory_1"
    assert _one(doc, "a:meta/a:references/a:TLCPerson").get("eId") == "signatory_1"


def test_joint_symbol_letter_with_annex() -> None:
    letter = parsed_fixture(LETTERS / "pdf" / "A_79_729-S_2025_40.pdf")
    doc = _one(_xml(letter), "a:doc")
    work = "/akn/un/doc/communication/un-ga/2025-01-17/A-79-729-S-2025-40"
    assert work_uri(letter) == work
    identification = _one(doc, "a:meta/a:identification")
    assert _one(identification, "a:FRBRWork/a:FRBRthis").get("value") == f"{work}/!main"
    expression = f"{work}/eng@2025-01-17"
    assert _one(identification, "a:FRBRExpression/a:FRBRuri").get("value") == expression
    assert _one(identification, "a:FRBRExpression/a:FRBRthis").get("value") == f"{expression}/!main"
    assert _one(identification, "a:FRBRManifestation/a:FRBRthis").get("value") == f"{expression}/!main.xml"
    assert _one(identification, "a:FRBRWork/a:FRBRsubtype").get("value") == "communication"
    aliases = identification.xpath("a:FRBRWork/a:FRBRalias/@value", namespaces=NS)
    assert aliases == ["A/79/729", "S/2025/40"]
    assert _one(doc, "a:meta/a:identification/a:FRBRWork/a:FRBRnumber").get("value") == "A/79/729-S/2025/40"
    assert _text(_one(doc, "a:coverPage//a:docNumber")) == "A/79/729-S/2025/40"
    annexes = doc.xpath("a:attachments/a:attachment/a:doc[@name='annex']", namespaces=NS)
    assert len(annexes) == len(letter.annexes) == 1
    this = _one(annexes[0], "a:meta/a:identification/a:FRBRWork/a:FRBRthis").get("value")
    assert this == f"{work}/!annex_1"
    annex_expression = _one(annexes[0], "a:meta/a:identification/a:FRBRExpression/a:FRBRthis")
    assert annex_expression.get("value") == f"{expression}/!annex_1"
    assert _text(_one(annexes[0], "a:preface//a:docTitle")) == letter.annexes[0].title
    assert len(annexes[0].xpath("a:mainBody/a:p", namespaces=NS)) == len(letter.annexes[0].paragraphs)


def test_security_council_letter_uses_its_actor() -> None:
    letter = parsed_fixture(LETTERS / "layout" / "S_2025_15.txt")
    assert work_uri(letter) == "/akn/un/doc/communication/un-sc/2025-01-08/S-2025-15"


def test_text_is_never_markup_and_control_characters_are_shown_as_pictures() -> None:
    """XML 1.0 cannot hold U+0001 even as a reference: it is written as its picture U+2401."""
    letter = Letter(
        source="x",
        format="text",
        symbols=("S/2025/1",),
        title="Letter dated 1 May 2025 <b>&amp;</b>",
        paragraphs=(Paragraph("p1", "A <script>x</script> & \x01 text.1"),),
        footnotes=(Footnote("fn1", "1", "Note <i>."),),
        references=(Reference(RefKind.FOOTNOTE, "1", "p1", 30, 31, target="1"),),
        signatures=(Signature("Name <x>", ("Title & co",)),),
    )
    root = _xml(letter)
    p = _one(root, "a:doc/a:mainBody/a:p")
    assert p.text == "A <script>x</script> & \u2401 text."
    assert _one(p, "a:authorialNote").get("marker") == "1"
    assert not p.xpath(".//*[local-name()='script']")
    assert _text(_one(root, "a:doc/a:preface//a:docTitle")) == "Letter dated 1 May 2025 <b>&amp;</b>"


# --- the schema ----------------------------------------------------------------------------------

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "schemas"
_FIXTURE_FILES = sorted(
    [*(LETTERS / "pdf").glob("*.pdf"), *(LETTERS / "text").glob("*.txt"), *(LETTERS / "layout").glob("*.txt")]
) + sorted(SEED.parent.glob("letter_*.txt"))


@pytest.fixture(scope="session")
def akn_schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema (with the xml.xsd it imports), loaded once for the session."""
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "akomantoso30.xsd")))


def _errors(schema: etree.XMLSchema, xml: bytes) -> list[str]:
    schema.validate(etree.fromstring(xml))
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def test_every_fixture_letter_is_found() -> None:
    assert len(_FIXTURE_FILES) == 3 * len(LETTER_NAMES) + 1 and len(LETTER_NAMES) == 42


@pytest.mark.parametrize("path", _FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_letter_akn_validates_against_the_schema(path: Path, akn_schema: etree.XMLSchema) -> None:
    assert _errors(akn_schema, letter_to_akn(parsed_fixture(path))) == []


def test_schema_catches_what_used_to_break_letters_with_annexes(akn_schema: etree.XMLSchema) -> None:
    """Annexes repeated the letter's organization eIds, and a translation had no `by`: both invalid."""
    letter = parsed_fixture(LETTERS / "layout" / "A_79_729-S_2025_40.txt")
    root = _xml(replace(letter, original_language="French"))
    assert len(root.xpath("//a:attachment", namespaces=NS)) == 1
    assert _errors(akn_schema, etree.tostring(root)) == []
    translation = _one(root, "a:doc/a:meta//a:FRBRtranslation")
    assert translation.get("fromLanguage") == "fra" and translation.get("by") == "#un"
    eids = root.xpath("//@eId")
    assert len(eids) == len(set(eids))
    # the same document with an annex repeating an organization eId, and without `by`, is refused
    annex_meta = _one(root, "//a:attachment/a:doc/a:meta")
    refs = etree.SubElement(annex_meta, f"{{{AKN_NS}}}references", source="#un-reader")
    etree.SubElement(
        refs, f"{{{AKN_NS}}}TLCOrganization", eId="un", href="/ontology/organization/un", showAs="UN"
    )
    del translation.attrib["by"]
    errors = " ".join(_errors(akn_schema, etree.tostring(root)))
    assert "Duplicate key-sequence ['un']" in errors and "'by' is required" in errors


def test_letter_with_nothing_before_the_body_validates(akn_schema: etree.XMLSchema) -> None:
    letter = Letter(source="x", format="text", paragraphs=(Paragraph("p1", "Only a body."),))
    xml = letter_to_akn(letter)
    assert _errors(akn_schema, xml) == []
    assert etree.fromstring(xml).find(f"{{{AKN_NS}}}doc/{{{AKN_NS}}}preface") is None


def _edge_letters() -> list[Letter]:
    """Letters at the edges of what the parser produces: nothing but a body; signatures without
    names or with repeated titles; organs without numbers; items without numbers; a note no marker
    points at; a second mark of one note; annexes without text, with their own signatories."""
    body = (Paragraph("p1", "A text.1 And again.1"), Paragraph("p2", "More * here."))
    marks = (
        Reference(RefKind.FOOTNOTE, "1", "p1", 7, 8, target="1"),
        Reference(RefKind.FOOTNOTE, "1", "p1", 19, 20, target="1"),
    )
    full = Letter(
        source="x",
        format="text",
        symbols=("A/ES-10/1027", "S/2025/173"),
        reissued=True,
        distribution="General",
        issued=dt.date(2025, 3, 4),
        original_language="Arabic",
        organs=(
            Organ("General Assembly", "Tenth emergency special session"),
            Organ("Human Rights Council", ""),
        ),
        agenda_items=(AgendaItem("", "Untitled"), AgendaItem("98 (j)", "Item", preliminary=True)),
        title="Note verbale dated 3 March 2025 from the Mission",
        kind=LetterKind.NOTE_VERBALE,
        paragraphs=body,
        signatures=(Signature(""), Signature("A B", ("Chair", "Chair", "!!!")), Signature("A B", ("Chair",))),
        footnotes=(
            Footnote("fn1", "1", "One."),
            Footnote("fn2", "*", "Reissued."),
            Footnote("fn3", "7", "Lost."),
        ),
        annexes=(
            Annex("a1", ""),
            Annex(
                "a2",
                "Annex II",
                (Paragraph("a2.p1", "In the annex."),),
                (Signature("A B", ("Chair",)),),
                (Footnote("a2.fn1", "1", "x"),),
            ),
        ),
        references=marks,
        warnings=("footnote 7 (fn3): no marker found in the text",),
    )
    return [Letter(source="y", format="text", paragraphs=body[:1]), full]


@pytest.mark.parametrize("letter", _edge_letters(), ids=["body-only", "edges"])
def test_edge_case_letters_validate_and_round_trip(letter: Letter, akn_schema: etree.XMLSchema) -> None:
    xml = letter_to_akn(letter)
    assert _errors(akn_schema, xml) == []
    back = parse_bytes(xml, "edge.xml")
    assert back.paragraphs == letter.paragraphs and back.footnotes == letter.footnotes
    assert back.organs == letter.organs and back.agenda_items == letter.agenda_items
    assert identity_fields(back) == identity_fields(letter)
    assert back.signatures == letter.signatures
    assert [(a.title, a.paragraphs, a.signatures) for a in back.annexes] == [
        (a.title, a.paragraphs, a.signatures) for a in letter.annexes
    ]
    assert [r for r in back.references if r.kind is RefKind.FOOTNOTE] == [
        r for r in letter.references if r.kind is RefKind.FOOTNOTE
    ]


def test_a_second_mark_of_one_footnote_is_a_sup_and_comes_back_as_a_marker() -> None:
    letter = _edge_letters()[1]
    p1 = _one(_xml(letter), "a:doc/a:mainBody/a:p[@eId='p1']")
    assert [child.tag.split("}")[1] for child in p1] == ["authorialNote", "sup"]
    marks = [r for r in parse_bytes(letter_to_akn(letter), "x.xml").references if r.where == "p1"]
    assert [(r.start, r.end, r.target) for r in marks] == [(7, 8, "1"), (19, 20, "1")]


# --- reading back --------------------------------------------------------------------------------


def _round_trip(letter: Letter) -> Letter:
    back = parse_bytes(letter_to_akn(letter), "letter.xml")
    assert back.format == "akn" and back.source == "letter.xml"
    return back


def _as_read(back: Letter, letter: Letter) -> Letter:
    """The read-back letter with the fields that name the file (not the letter) taken from the original."""
    return replace(back, source=letter.source, format=letter.format, digest=letter.digest, pages=letter.pages)


def test_seed_round_trips_exactly() -> None:
    letter = parsed_fixture(SEED)
    back = _round_trip(letter)
    assert identity_fields(back) == identity_fields(letter)
    assert back.paragraphs == letter.paragraphs
    assert back.footnotes == letter.footnotes
    assert back.references == letter.references
    assert _as_read(back, letter) == letter


@pytest.mark.parametrize("path", _FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_letter_round_trips_through_akn_exactly(path: Path) -> None:
    """Every field of the letter (masthead, paragraphs, footnotes, signatures, annexes, references,
    warnings) comes back from its AKN export; A/79/907's annex table included."""
    letter = parsed_fixture(path)
    back = _round_trip(letter)
    assert identity_fields(back) == identity_fields(letter)
    assert [[p.text for p in a.paragraphs] for a in back.annexes] == [
        [p.text for p in a.paragraphs] for a in letter.annexes
    ]
    assert _as_read(back, letter) == letter


_DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"
_DOCUMENT_FILES = sorted((_DOCUMENTS / "layout").glob("*.txt")) + sorted((_DOCUMENTS / "text").glob("*.txt"))


@pytest.mark.parametrize("path", _DOCUMENT_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_document_validates_and_round_trips(path: Path, akn_schema: etree.XMLSchema) -> None:
    """Resolutions, reports and notes too: the schema accepts their AKN, and kind, adoption line,
    resolution parts, numbered paragraphs, sections and pinpoints come back as parsed."""
    letter = parsed_fixture(path)
    xml = letter_to_akn(letter)
    assert _errors(akn_schema, xml) == []
    back = _round_trip(letter)
    assert (back.kind, back.adopted, back.resolution, back.low_quality) == (
        letter.kind,
        letter.adopted,
        letter.resolution,
        letter.low_quality,
    )
    assert back.sections == letter.sections
    assert _as_read(back, letter) == letter


def test_round_trip_keeps_a_reissued_joint_pdf_letter() -> None:
    letter = parsed_fixture(LETTERS / "pdf" / "A_79_843-S_2025_201.pdf")
    back = _round_trip(letter)
    assert back.reissued and back.symbols == ("A/79/843", "S/2025/201")
    assert back.pages == 1 + len(letter.annexes)  # a part of the letter is a page of the file


def test_akn_reader_builds_the_letter_without_pages_of_lines() -> None:
    source = load_bytes(letter_to_akn(parsed_fixture(SEED)), "seed.xml")
    assert source.format == "akn" and source.pages == ()
    assert isinstance(source, AknSource) and source.letter.title == parsed_fixture(SEED).title


def test_tricky_paragraph_text_comes_back_exactly() -> None:
    tricky = (
        "Pre- and post-conflict assistance was discussed with the Secretary-General and the "
        "co-chairs (see https://www.un.org/en/peace/ and www.example.org/path/ for details); the "
        "figures for 2024 – 2025 are: 1. first; 2. second. “Quoted text follows here,” said "
        "the Ambassador, (a) noting that item 5 (b) remains open; Annex I gives the rest."
    )
    seed = parsed_fixture(SEED)
    letter = replace(seed, paragraphs=(Paragraph("p1", tricky), Paragraph("p2", "(Signed) is text here")))
    letter = replace(letter, references=(), footnotes=(), warnings=())
    back = _round_trip(letter)
    assert [p.text for p in back.paragraphs] == [tricky, "(Signed) is text here"]


def _akn(body: str, head: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    """A hand-written AKN file, as another tool might write it; ``head`` is what comes before the root."""
    return f"""{head}
<akomaNtoso xmlns="{AKN_NS}"><doc name="officialLetter">
  <preface><longTitle><p><docTitle>Letter dated 1 May 2025 from the
      Permanent Representative of X</docTitle></p></longTitle></preface>
  <mainBody>{body}</mainBody></doc></akomaNtoso>""".encode()


def test_pretty_printed_akn_from_elsewhere_reads_with_markers_in_place() -> None:
    xml = _akn("""
    <p eId="intro">
        As stated in   <ref href="https://undocs.org/en/S/2025/1">S/2025/1</ref>,
        the situation has worsened.<authorialNote marker="1" eId="n-a"><p>See
        <ref href="#">A/79/1</ref>.</p></authorialNote> It continues.
    </p>
    <blockList><item><p>An item in a list.</p></item></blockList>""")
    letter = parse_bytes(xml, "other.xml")
    assert letter.title == "Letter dated 1 May 2025 from the Permanent Representative of X"
    first = "As stated in S/2025/1, the situation has worsened.1 It continues."
    assert [p.text for p in letter.paragraphs] == [first, "An item in a list."]
    assert letter.footnotes == (Footnote("fn1", "1", "See A/79/1."),)
    (marker,) = [r for r in letter.references if r.kind is RefKind.FOOTNOTE]
    assert first[marker.start : marker.end] == "1" and marker.where == "p1" and marker.target == "1"
    assert {r.symbol for r in letter.references if r.symbol} == {"S/2025/1", "A/79/1"}


@pytest.mark.parametrize(
    "markers", [("²", "③"), ("①", "*"), ("a", "1")], ids=["superscript", "circled", "letter"]
)
def test_footnote_markers_are_kept_as_printed(markers: tuple[str, str]) -> None:
    """Issue 13: `int()` on a marker such as `²` or `①` crashed the reader."""
    one, two = markers
    xml = _akn(
        f"""<p>First point.<authorialNote marker="{one}"><p>Note one.</p></authorialNote></p>
        <p>Second point<authorialNote marker="{two}"><p>Note two.</p></authorialNote> here.</p>"""
    )
    letter = parse_bytes(xml, "markers.xml")
    assert [p.text for p in letter.paragraphs] == [f"First point.{one}", f"Second point{two} here."]
    assert [(f.id, f.number, f.text) for f in letter.footnotes] == [
        ("fn1", one, "Note one."),
        ("fn2", two, "Note two."),
    ]
    marks = [(r.where, r.text, r.target) for r in letter.references if r.kind is RefKind.FOOTNOTE]
    assert marks == [("p1", one, one), ("p2", two, two)]


def test_utf16_akn_file_reads_back(tmp_path: Path) -> None:
    xml = letter_to_akn(parsed_fixture(SEED)).decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    path = tmp_path / "seed-utf16.xml"
    path.write_bytes(xml.encode("utf-16"))
    back = parse_path(path)
    assert back.format == "akn" and back.title == parsed_fixture(SEED).title


# --- untrusted XML -------------------------------------------------------------------------------


def _all_text(letter: Letter) -> str:
    return " ".join([letter.title, *letter.texts().values(), *(s.name for s in letter.signatures)])


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE akomaNtoso [<!ENTITY leak SYSTEM "file://{path}">]>',
        '<!DOCTYPE akomaNtoso [<!ENTITY leak SYSTEM "{path}">]>',
        '<!DOCTYPE akomaNtoso [<!ENTITY % ext SYSTEM "file://{path}"> %ext;]>',
        '<!DOCTYPE akomaNtoso SYSTEM "file://{path}">',
        '<!DOCTYPE akomaNtoso [<!ENTITY leak SYSTEM "http://127.0.0.1:9/secret">]>',
    ],
    ids=["file-url", "plain-path", "parameter-entity", "external-dtd", "network"],
)
def test_external_entities_are_never_read(tmp_path: Path, doctype: str) -> None:
    """The entity points at a FIFO: reading it would block forever, so returning at all proves it was
    never opened; a regular file beside it shows no secret leaks into the letter either."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", "utf-8")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (secret, fifo):
        head = '<?xml version="1.0"?>' + doctype.format(path=path)
        xml = _akn("<p>Before &leak; after.</p>", head=head).replace(b"Letter dated", b"Letter &leak; dated")
        started = time.monotonic()
        letter = parse_bytes(xml, "evil.xml")
        assert time.monotonic() - started < 5
        assert [p.text for p in letter.paragraphs] == ["Before after."]
        assert letter.title.startswith("Letter dated 1 May 2025")
        assert "TOP-SECRET" not in _all_text(letter)


def test_entity_expansion_bombs_are_not_expanded() -> None:
    entities = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    head = f'<?xml version="1.0"?><!DOCTYPE akomaNtoso [{"".join(entities)}]>'  # &l9; is 10^9 characters
    started = time.monotonic()
    try:
        letter = parse_bytes(_akn("<p>Laugh: &l9;</p>", head=head), "bomb.xml")
    except InputError as error:  # libxml2 refuses the amplification outright: as good
        assert "\n" not in str(error) and "bomb.xml" in str(error)
    else:
        assert len(_all_text(letter)) < 1000
    assert time.monotonic() - started < 5


def test_deep_nesting_is_refused_in_one_line() -> None:
    depth = 100_000
    xml = _akn("<blockList><item>" * depth + "<p>x</p>" + "</item></blockList>" * depth)
    with pytest.raises(InputError) as caught:
        parse_bytes(xml, "deep.xml")
    assert "not well-formed XML" in str(caught.value) and "\n" not in str(caught.value)


def _many_paragraphs(n: int) -> bytes:
    return _akn("".join(f"<p>Paragraph {k} recalls resolution 2231 (2015).</p>" for k in range(n)))


def test_paragraph_count_costs_linear_time() -> None:
    """Issue 13: AKN with 200,000 ``<p>`` never finished (the text heuristics were quadratic).

    CPU time of this process with the cyclic collector paused: other processes on the machine and
    collections over the session's cached letters do not count against the reader."""

    def seconds(n: int) -> float:
        xml = _many_paragraphs(n)
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            letter = parse_bytes(xml, "many.xml")
            spent = time.process_time() - started
        finally:
            gc.enable()
        assert len(letter.paragraphs) == n and letter.paragraphs[-1].text.startswith(f"Paragraph {n - 1} ")
        return spent

    seconds(500)  # warm up imports and caches
    small = min(seconds(1_000) for _ in range(3))
    large = min(seconds(8_000) for _ in range(2))
    print(f"AKN paragraphs: 1,000 in {small:.3f} s, 8,000 in {large:.3f} s (x{large / small:.1f})")
    assert large / small < 20, (small, large)  # 8x the input; quadratic work would be ~64x


def test_two_hundred_thousand_paragraphs_parse() -> None:
    n = 200_000
    xml = _akn("<p>x.</p>" * n)
    started = time.perf_counter()
    letter = parse_bytes(xml, "huge.xml")
    assert len(letter.paragraphs) == n and letter.paragraphs[-1].id == f"p{n}"
    assert time.perf_counter() - started < 30  # about 2 s on a slow machine; it never finished before


def test_mangled_akn_is_read_or_refused_in_one_line_and_reexports_valid(akn_schema: etree.XMLSchema) -> None:
    """Elements removed, renamed, copied and given odd attributes (markers ², empty eIds, dates out of
    range, huge numbers): the reader gives a letter or one line, never a traceback, and what it gives
    exports to schema-valid AKN again."""
    rng = random.Random(13)
    trees = [etree.fromstring(letter_to_akn(parsed_fixture(LETTERS / "layout" / "A_79_729-S_2025_40.txt")))]
    trees.append(etree.fromstring(letter_to_akn(parsed_fixture(SEED))))
    values = [
        "",
        " ",
        "²",
        "①",
        "*",
        "0",
        "99999",
        "9999-99-99",
        "0001-01-01",
        "fn7",
        "a1__fn2",
        "true",
        "1" * 5000,
    ]
    attributes = ["marker", "eId", "class", "value", "date", "name", "number", "kind", "refersTo"]
    outcomes = {"letter": 0, "refused": 0}
    for _ in range(150):
        root = copy.deepcopy(rng.choice(trees))
        elements = list(root.iter())
        for _ in range(rng.randint(1, 6)):
            element, other = rng.choice(elements), rng.choice(elements)
            action = rng.randrange(5)
            if action == 0 and element.getparent() is not None:
                element.getparent().remove(element)
            elif action == 1:
                element.tag = other.tag
            elif action == 2 and other is not element and other not in element.iterancestors():
                element.append(copy.deepcopy(other))
            elif action == 3:
                element.text = rng.choice(values)
            else:
                element.set(rng.choice(attributes), rng.choice(values))
        try:
            letter = parse_bytes(etree.tostring(root), "mangled.xml")
        except InputError as error:
            assert "\n" not in str(error)
            outcomes["refused"] += 1
            continue
        outcomes["letter"] += 1
        assert _errors(akn_schema, letter_to_akn(letter)) == []
    assert outcomes["letter"] > 100  # the mangling mostly leaves something to read


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (f'<akomaNtoso xmlns="{AKN_NS}"><doc><p>unclosed</doc></akomaNtoso>', "not well-formed XML"),
        ('<?xml version="1.0"?><!-- akn/3.0 --><html><body/></html>', "not an Akoma Ntoso 3.0 document"),
        (f'<akomaNtoso xmlns="{AKN_NS}"><act/></akomaNtoso>', "without a <doc>"),
        (f'<akomaNtoso xmlns="{AKN_NS}"><doc name="x"><mainBody/></doc></akomaNtoso>', "without a letter"),
    ],
    ids=["malformed", "other-xml", "no-doc", "empty-doc"],
)
def test_bad_akn_is_one_line_error(xml: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_bytes(xml.encode(), "bad.xml")
    assert message in str(caught.value) and "\n" not in str(caught.value)


# --- the command line ----------------------------------------------------------------------------


def test_cli_parse_format_akn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED), "--format", "akn"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<?xml") and "<akomaNtoso" in out
    path = tmp_path / "seed.akn.xml"
    path.write_text(out, "utf-8")
    assert main(["parse", str(path), "--format", "yaml"]) == 0
    yaml_out = capsys.readouterr().out
    assert "format: akn" in yaml_out and "Yashar Aliyev" in yaml_out


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m reader ...` as a user runs it, from the checkout."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_parses_akn_with_unusual_footnote_markers(tmp_path: Path) -> None:
    """Issue 13: `parse` of an AKN file whose markers are `²` and `①` ended in a traceback."""
    path = tmp_path / "markers.xml"
    path.write_bytes(
        _akn(
            """<p>First.<authorialNote marker="²"><p>Squared.</p></authorialNote></p>
            <p>Second.<authorialNote marker="①"><p>Circled.</p></authorialNote></p>"""
        )
    )
    done = _run("parse", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    letter = json.loads(done.stdout)
    assert [(f["number"], f["text"]) for f in letter["footnotes"]] == [("²", "Squared."), ("①", "Circled.")]
    assert [p["text"] for p in letter["paragraphs"]] == ["First.²", "Second.①"]
    assert [r["target"] for r in letter["references"] if r["kind"] == "footnote"] == ["²", "①"]


def test_cli_malformed_akn_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    original = _akn("<p>Unclosed paragraph</mainBody>")
    path.write_bytes(original)
    done = _run("parse", str(path), "--format", "json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("un-reader: error: ") and "not well-formed XML" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert path.read_bytes() == original  # input files are only ever read


def test_cli_entity_bomb_is_refused_or_harmless(tmp_path: Path) -> None:
    entities = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    path = tmp_path / "bomb.xml"
    path.write_bytes(
        _akn("<p>&l9;</p>", head=f'<?xml version="1.0"?><!DOCTYPE akomaNtoso [{"".join(entities)}]>')
    )
    done = _run("parse", str(path), "--format", "akn")
    assert "Traceback" not in done.stderr
    if done.returncode == 2:
        assert done.stderr.startswith("un-reader: error: ") and done.stderr.count("\n") == 1
    else:
        assert done.returncode == 0 and "lollol" not in done.stdout


def test_cli_check_goes_on_past_an_akn_file_with_unusual_markers(tmp_path: Path) -> None:
    """Issue 13: `check FOLDER` aborted the whole run on the AKN file whose markers are ² and ①."""
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "markers.xml").write_bytes(
        _akn("""<p>First.<authorialNote marker="²"><p>See S/2025/1.</p></authorialNote></p>
            <p>Second.<authorialNote marker="①"><p>Circled.</p></authorialNote></p>""")
    )
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    env = {
        **os.environ,
        "UN_READER_CACHE_DIR": str(tmp_path / "cache"),
        "UN_READER_DATA_DIR": str(tmp_path / "data"),
        "UN_READER_CONFIG": str(tmp_path / "config.yaml"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "reader", "check", str(folder)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stderr
    assert "markers.xml" in done.stdout and "seed.txt" in done.stdout
    assert "2 letters checked, 0 with problems" in done.stdout
