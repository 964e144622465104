"""Akoma Ntoso (AKN4UN) export, and reading the exported file back into the same letter."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from reader.cli import main
from reader.errors import InputError
from reader.export_akn import AKN_NS, letter_to_akn, work_uri
from reader.formats.load import load_bytes
from reader.model import Footnote, Letter, Paragraph, Reference, RefKind, Signature
from reader.parser import parse_bytes, parse_path
from tests.conftest import LETTER_NAMES, LETTERS, SEED, identity_fields

NS = {"a": AKN_NS}


@cache
def _letter(path: Path) -> Letter:
    return parse_path(path)


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
    letter = _letter(SEED)
    root = _xml(letter)
    assert root.tag == f"{{{AKN_NS}}}akomaNtoso"
    doc = _one(root, "a:doc")
    assert doc.get("name") == "officialLetter"
    work = _one(doc, "a:meta/a:identification/a:FRBRWork/a:FRBRuri").get("value")
    assert work is not None and work.startswith("/akn/un/officialLetter/communication/un-ga/2021-02-09/")
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
    doc = _one(_xml(_letter(SEED)), "a:doc")
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
    doc = _one(_xml(_letter(SEED)), "a:doc")
    signature = _one(doc, "a:conclusions//a:signature")
    assert _text(_one(signature, "a:person")) == "Yashar Aliyev"
    assert [r.text for r in signature.iterfind("a:role", NS)] == ["Ambassador", "Permanent Representative"]
    person = _one(signature, "a:person").get("refersTo")
    assert person == "#signatory_1"
    assert _one(doc, "a:meta/a:references/a:TLCPerson").get("eId") == "signatory_1"


def test_joint_symbol_letter_with_annex() -> None:
    letter = _letter(LETTERS / "pdf" / "A_79_729-S_2025_40.pdf")
    doc = _one(_xml(letter), "a:doc")
    work = "/akn/un/officialLetter/communication/un-ga/2025-01-17/A-79-729-S-2025-40"
    assert work_uri(letter) == work
    assert _one(doc, "a:meta/a:identification/a:FRBRWork/a:FRBRnumber").get("value") == "A/79/729-S/2025/40"
    assert _text(_one(doc, "a:coverPage//a:docNumber")) == "A/79/729-S/2025/40"
    annexes = doc.xpath("a:attachments/a:attachment/a:doc[@name='annex']", namespaces=NS)
    assert len(annexes) == len(letter.annexes) == 1
    this = _one(annexes[0], "a:meta/a:identification/a:FRBRWork/a:FRBRthis").get("value")
    assert this == f"{work}/!annex_1"
    assert _text(_one(annexes[0], "a:preface//a:docTitle")) == letter.annexes[0].title
    assert len(annexes[0].xpath("a:mainBody/a:p", namespaces=NS)) == len(letter.annexes[0].paragraphs)


def test_security_council_letter_uses_its_actor() -> None:
    letter = _letter(LETTERS / "layout" / "S_2025_15.txt")
    assert work_uri(letter) == "/akn/un/officialLetter/communication/un-sc/2025-01-08/S-2025-15"


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


# --- reading back --------------------------------------------------------------------------------


def _round_trip(letter: Letter) -> Letter:
    back = parse_bytes(letter_to_akn(letter), "letter.xml")
    assert back.format == "akn"
    return back


def _main_fields(letter: Letter) -> dict[str, object]:
    return {
        **identity_fields(letter),
        "distribution": letter.distribution,
        "organs": letter.organs,
        "agenda_items": letter.agenda_items,
        "footnotes": tuple((f.number, f.text) for f in letter.all_footnotes()),
        "annex_titles": tuple(a.title for a in letter.annexes),
    }


def test_seed_round_trips_exactly() -> None:
    letter = _letter(SEED)
    back = _round_trip(letter)
    assert _main_fields(back) == _main_fields(letter)
    assert back.paragraphs == letter.paragraphs
    assert back.signatures == letter.signatures
    assert back.footnotes == letter.footnotes
    assert {(r.kind, r.where, r.text, r.symbol) for r in back.references} == {
        (r.kind, r.where, r.text, r.symbol) for r in letter.references
    }


# Known parser limits, not export faults (reported; not strict, so a parser fix does not turn the
# suite red before this list is updated): rows of a table and the short lines of a resolution's
# preamble ("The General Assembly,") run together when each is a paragraph of its own.
_SHORT_LINES = {"A_79_907-S_2025_268"}  # its annex table rows and preamble lines still run together


def _marked(names: set[str], reason: str) -> list[object]:
    return [
        pytest.param(n, marks=pytest.mark.xfail(reason=reason, strict=True), id=n)
        if n in names
        else pytest.param(n, id=n)
        for n in LETTER_NAMES
    ]


@pytest.mark.parametrize("name", LETTER_NAMES, ids=LETTER_NAMES)
def test_letters_round_trip_their_masthead_title_and_footnotes(name: str) -> None:
    letter = _letter(LETTERS / "layout" / f"{name}.txt")
    assert _main_fields(_round_trip(letter)) == _main_fields(letter)


@pytest.mark.parametrize("name", LETTER_NAMES, ids=LETTER_NAMES)
def test_letters_round_trip_their_paragraphs_and_signatures(name: str) -> None:
    letter = _letter(LETTERS / "layout" / f"{name}.txt")
    back = _round_trip(letter)
    assert [p.text for p in back.paragraphs] == [p.text for p in letter.paragraphs]
    assert back.signatures == letter.signatures


@pytest.mark.parametrize("name", _marked(_SHORT_LINES, "table rows and preamble lines run together"))
def test_letters_round_trip_their_annexes(name: str) -> None:
    letter = _letter(LETTERS / "layout" / f"{name}.txt")
    back = _round_trip(letter)
    assert [[p.text for p in a.paragraphs] for a in back.annexes] == [
        [p.text for p in a.paragraphs] for a in letter.annexes
    ]
    assert [a.signatures for a in back.annexes] == [a.signatures for a in letter.annexes]


def test_pdf_letter_round_trips() -> None:
    letter = _letter(LETTERS / "pdf" / "A_79_843-S_2025_201.pdf")
    back = _round_trip(letter)
    assert back.reissued and back.symbols == ("A/79/843", "S/2025/201")
    assert _main_fields(back) == _main_fields(letter)
    assert back.paragraphs == letter.paragraphs


def test_long_paragraphs_are_wrapped_and_join_back_exactly() -> None:
    tricky = (
        "Pre- and post-conflict assistance was discussed with the Secretary-General and the "
        "co-chairs (see https://www.un.org/en/peace/ and www.example.org/path/ for details); the "
        "figures for 2024 – 2025 are: 1. first; 2. second. “Quoted text follows here,” said "
        "the Ambassador, (a) noting that item 5 (b) remains open; Annex I gives the rest, and "
        + "a long tail of ordinary words goes on " * 6
        + "until the end."
    ).strip()
    seed = _letter(SEED)
    letter = replace(seed, paragraphs=(Paragraph("p1", tricky),), references=(), footnotes=())
    source = load_bytes(letter_to_akn(letter), "x.xml")
    lines = [line for page in source.pages for line in page.lines]
    start = next(k for k, line in enumerate(lines) if line.text.startswith("Pre- and"))
    body = lines[start : start + 12]
    assert body[0].indent == 5.0 and body[0].gap_before
    assert len([line for line in body if line.indent == 0.0 and not line.gap_before]) >= 4
    assert all(len(line.text) <= 100 for line in body)
    # shift the text word by word so every kind of word lands at a line end somewhere
    for shift in range(14):
        text = "word " * shift + tricky
        moved = replace(letter, paragraphs=(Paragraph("p1", text),))
        back = parse_bytes(letter_to_akn(moved), "x.xml")
        assert [p.text for p in back.paragraphs] == [text], shift


def test_utf16_akn_file_reads_back(tmp_path: Path) -> None:
    xml = letter_to_akn(_letter(SEED)).decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    path = tmp_path / "seed-utf16.xml"
    path.write_bytes(xml.encode("utf-16"))
    back = parse_path(path)
    assert back.format == "akn" and back.title == _letter(SEED).title


# --- untrusted XML -------------------------------------------------------------------------------


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", "utf-8")
    xml = f"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY leak SYSTEM "file://{secret}">]>
<akomaNtoso xmlns="{AKN_NS}"><doc name="officialLetter"><mainBody>
<p>Before &leak; after.</p></mainBody></doc></akomaNtoso>"""
    source = load_bytes(xml.encode(), "evil.xml")
    texts = [line.text for page in source.pages for line in page.lines]
    assert any(t.startswith("Before") for t in texts)
    assert not any("TOP-SECRET" in t for t in texts)


def test_entity_expansion_bombs_are_not_expanded() -> None:
    entities = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    lol = "".join(entities)  # &l9; would be 10^9 characters
    xml = f"""<?xml version="1.0"?><!DOCTYPE akomaNtoso [{lol}]>
<akomaNtoso xmlns="{AKN_NS}"><doc name="officialLetter"><mainBody><p>&l9;</p></mainBody></doc></akomaNtoso>"""
    try:
        source = load_bytes(xml.encode(), "bomb.xml")
    except InputError as error:  # newer libxml2 refuses the file outright: as good
        assert "\n" not in str(error)
        return
    assert sum(len(line.text) for page in source.pages for line in page.lines) < 1000


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        (f'<akomaNtoso xmlns="{AKN_NS}"><doc><p>unclosed</doc></akomaNtoso>', "not well-formed XML"),
        ('<?xml version="1.0"?><!-- akn/3.0 --><html><body/></html>', "not an Akoma Ntoso 3.0 document"),
        (f'<akomaNtoso xmlns="{AKN_NS}"><act/></akomaNtoso>', "without a <doc>"),
    ],
    ids=["malformed", "other-xml", "no-doc"],
)
def test_bad_akn_is_one_line_error(xml: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_bytes(xml.encode(), "bad.xml")
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
