"""The body parser: furniture, paragraphs, footnotes, signatures and annexes, on small made-up pages
and on the 42 real letters in both text forms (plain `pdftotext` and `pdftotext -layout`)."""

# ruff: noqa: E501  (the table of expected values below keeps one letter a line)
from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.formats.load import load_path
from reader.model import Letter
from reader.parser import parse_bytes, titles
from reader.parser.body import START_RULES, Geometry, Place, join_lines, split_paragraphs, start_rule
from reader.parser.furniture import clean_pages
from reader.parser.masthead import parse_masthead
from reader.parser.rows import Row
from reader.parser.signatures import split_name_titles
from tests.conftest import LETTER_NAMES, LETTERS, parsed_fixture

FF = "\f"
HEAD = """A/79/999-S/2025/999

United Nations

General Assembly
Security Council

Distr.: General
17 January 2025
Original: English

General Assembly
Seventy-ninth session
Agenda item 32

Security Council
Eightieth year

Prevention of armed conflict

Letter dated 16 January 2025 from the Permanent Representative of
Utopia to the United Nations addressed to the Secretary-General
"""


def parse_text(text: str, name: str = "made-up.txt") -> Letter:
    return parse_bytes(text.encode("utf-8"), name)


# --- small made-up letters --------------------------------------------------------------------------


def test_joining_keeps_real_hyphens_and_dashes() -> None:
    assert (
        join_lines(["the Secretary-", "General of the", "Organization"])
        == "the Secretary-General of the Organization"
    )
    assert join_lines(["Levon Ter-Petrosyan, then-President", "of Armenia, 2026–2028"]) == (
        "Levon Ter-Petrosyan, then-President of Armenia, 2026–2028"
    )
    assert join_lines(["a soft hyphen\u00ad", "ated word"]) == "a soft hyphenated word"
    assert join_lines(["see www.un.org/en/", "about-us"]) == "see www.un.org/en/about-us"


PLAIN = (
    HEAD
    + """I have the honour to refer to the situation described in the letter of last week from the
Permanent Representative of Elsewhere, which was circulated to every member of the Council
last week.
It was short.
1.
The Government of Utopia wishes to state the following facts about the events of that day,
which took place well before the meeting of the Council and were reported at the time
by the press of several countries, including the press of Elsewhere.1
I should be grateful if you would have the present letter circulated as a document of the
General Assembly, under agenda item 32, and of the Security Council, whose members have
__________________
1
2/3
See the report of the Secretary-General on the situation (S/2024/100).
25-00746 (E)
230125
*2500746*
"""
    + FF
    + """A/79/999
S/2025/999
already received the letters mentioned above.
(Signed) Jane Doe
Ambassador
Permanent Representative

25-00746
"""
    + FF
)


def test_plain_text_paragraphs_furniture_footnotes() -> None:
    letter = parse_text(PLAIN)
    texts = [p.text for p in letter.paragraphs]
    assert len(texts) == 4, texts
    assert texts[1] == "It was short."
    assert texts[2].startswith("1. The Government of Utopia wishes")
    assert texts[2].endswith("including the press of Elsewhere.1")
    # the last paragraph goes on over the page break and the page furniture
    assert texts[3].endswith("whose members have already received the letters mentioned above.")
    joined = " ".join(texts)
    for furniture in ("25-00746", "230125", "*2500746*", "2/3", "A/79/999", "____"):
        assert furniture not in joined
    assert [(f.id, f.number) for f in letter.footnotes] == [("fn1", "1")]
    assert (
        letter.footnotes[0].text == "See the report of the Secretary-General on the situation (S/2024/100)."
    )
    assert [(s.name, s.titles) for s in letter.signatures] == [
        ("Jane Doe", ("Ambassador", "Permanent Representative"))
    ]
    assert letter.pages == 2
    assert letter.format == "text"


def test_footnote_marker_span_points_at_the_digit() -> None:
    letter = parse_text(PLAIN)
    markers = [r for r in letter.references if r.kind == "footnote"]
    assert [(m.where, m.target) for m in markers] == [("p3", "1")]
    text = letter.texts()["p3"]
    assert text[markers[0].start : markers[0].end] == "1"
    assert markers[0].end == len(text)
    assert "S/2024/100" in {r.symbol for r in letter.references if r.where == "fn1"}


SCRAMBLED = (
    HEAD
    + """The first paragraph cites a report.1 It also cites another one, printed elsewhere.2
I should be grateful if you would have the present letter circulated as a document.3
(Signed) Jane Doe
__________________

The first note, whose number plain pdftotext prints after all the other notes of the page
and which runs over two lines.
2
The second note.
3
The third note, which goes on
1
25-00746 (E)
"""
    + FF
    + """A/79/999
S/2025/999
Annex
Declaration of the Government of Utopia
The Government of Utopia declares that nothing happened.
__________________

on the next page and ends here.
"""
    + FF
)


def test_scrambled_plain_text_footnotes_and_continuation() -> None:
    letter = parse_text(SCRAMBLED)
    notes = {f.number: f.text for f in letter.all_footnotes()}
    assert list(notes) == ["1", "2", "3"]
    assert notes["1"].startswith("The first note") and notes["1"].endswith("runs over two lines.")
    assert notes["2"] == "The second note."
    assert notes["3"] == "The third note, which goes on on the next page and ends here."


def test_annex_with_title_and_paragraphs() -> None:
    letter = parse_text(SCRAMBLED)
    assert len(letter.annexes) == 1
    annex = letter.annexes[0]
    assert (annex.id, annex.title) == ("a1", "Annex")
    assert [p.id for p in annex.paragraphs] == ["a1.p1", "a1.p2"]
    assert annex.paragraphs[0].text == "Declaration of the Government of Utopia"
    assert not any(p.text == "Annex" for p in letter.paragraphs)


LAYOUT = (
    """                United Nations                                                A/79/999-S/2025/999
                General Assembly                                         Distr.: General
                Security Council                                         17 January 2025

                Letter dated 16 January 2025 from the Permanent Representative of
                Utopia to the United Nations addressed to the Secretary-General

                     I have the honour to refer to the letter of last week. It was long.
                It is true.
                     The second paragraph starts with an indent and goes on for a
                second line, then
                “Quoted text set in from the left, as in a block quotation of the
                      speech” – Ter-
                Petrosyan said.


                                                                   (Signed) Jane Doe
                                                                          Ambassador
                                                              (Signed) John Roe
                                                                   Foreign Minister

 25-00746 (E)     230125
 *2500746*
"""
    + FF
    + """2/2                                                                                 25-00746
                                                                                A/79/999
                                                                               S/2025/999
                    Annex to the letter dated 16 January 2025 from the Permanent
                    Representative of Utopia to the United Nations addressed to
                    the Secretary-General

                    Letter dated 10 January 2025 from the Utopian League addressed
                    to the Secretary-General

                         We write to you.
"""
    + FF
)


def test_layout_paragraphs_signatures_and_annex_heading() -> None:
    letter = parse_text(LAYOUT, "made-up-layout.txt")
    assert letter.format == "layout"
    texts = [p.text for p in letter.paragraphs]
    assert texts[0] == "I have the honour to refer to the letter of last week. It was long. It is true."
    assert texts[1].startswith("The second paragraph starts")
    assert "Ter-Petrosyan said." in " ".join(texts)
    assert [(s.name, s.titles) for s in letter.signatures] == [
        ("Jane Doe", ("Ambassador",)),
        ("John Roe", ("Foreign Minister",)),
    ]
    annex = letter.annexes[0]
    assert annex.title == (
        "Annex to the letter dated 16 January 2025 from the Permanent Representative of Utopia to the "
        "United Nations addressed to the Secretary-General"
    )
    assert [p.text for p in annex.paragraphs] == [
        "Letter dated 10 January 2025 from the Utopian League addressed to the Secretary-General",
        "We write to you.",
    ]


def test_signature_run_together_on_one_line() -> None:
    assert split_name_titles("Yashar Aliyev Ambassador Permanent Representative") == (
        "Yashar Aliyev",
        ("Ambassador", "Permanent Representative"),
    )
    assert split_name_titles("Riyad Mansour Minister, Permanent Observer")[0] == "Riyad Mansour"
    assert split_name_titles("Tofig Musayev") == ("Tofig Musayev", ())


def test_letter_with_parts_missing_parses_with_warnings() -> None:
    text = (
        "Letter dated 1 May 2025 from the Permanent Representative of Utopia to the United Nations "
        "addressed to the Secretary-General\nWe write about the weather, which was fine.\n"
    )
    letter = parse_text(text)
    assert [p.text for p in letter.paragraphs] == ["We write about the weather, which was fine."]
    assert "no (Signed) block found in the letter" in letter.warnings


def test_letter_without_title_keeps_its_body() -> None:
    """An annex's letter title must not become the letter's title and swallow the first page."""
    raw = (LETTERS / "text" / "A_79_729-S_2025_40.txt").read_text(encoding="utf-8")
    raw = raw.replace("Letter dated 17 January 2025 from the Permanent Representative of\n", "")
    raw = raw.replace("Azerbaijan to the United Nations addressed to the Secretary-General\n", "", 1)
    parsed = parse_text(raw)
    assert parsed.title == ""
    assert "no letter title found" in parsed.warnings
    assert parsed.paragraphs[0].text.startswith("Upon instructions from the Government of the Republic")
    assert signature_names(parsed)[0] == "Tofig Musayev"
    assert len(parsed.annexes) == 1


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("25-00746 (E) 230125", True),
        ("25-05275* (E)", True),
        ("2/3      25-00746", True),
        ("*2500746*", True),
        ("Please recycle", True),
        ("A/79/999", True),
        ("The 2/3 majority was reached", False),
        ("300 150", False),
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    page = f"{line}\nThe Government of Utopia states that the weather was fine on that day.\n"
    parsed = parse_text(HEAD + "We write.\n(Signed) Jane Doe\n" + FF + page + FF)
    texts = " ".join(parsed.texts().values())
    assert (line not in texts) is furniture


@pytest.mark.parametrize("heading", ["Annex", "ANNEX", "Annex II", "Annex*", "Enclosure 1", "Appendix"])
def test_annex_headings(heading: str) -> None:
    parsed = parse_text(HEAD + "We write.\n(Signed) Jane Doe\n" + FF + f"{heading}\nThe statement.\n" + FF)
    assert [(a.title, [p.text for p in a.paragraphs]) for a in parsed.annexes] == [
        (heading, ["The statement."])
    ]


def test_a_sentence_mentioning_an_annex_is_no_heading() -> None:
    parsed = parse_text(
        HEAD + "We write about the\nAnnex II of the treaty, which is void.\n(Signed) Jane Doe\n"
    )
    assert parsed.annexes == ()
    assert parsed.paragraphs[0].text == "We write about the Annex II of the treaty, which is void."


@pytest.mark.parametrize(
    "text",
    ["Shopping list\nMilk\nEggs\nBread\n", "Chapter One\n\nIt was a dark night. The rain fell.\n" * 50],
)
def test_not_a_letter(text: str) -> None:
    with pytest.raises(InputError, match="does not look like a UN letter"):
        parse_text(text, "notes.txt")


def test_markdown_markup_never_reaches_text() -> None:
    text = (
        "**General Assembly**\n\n## Letter dated 1 May 2025 from the Permanent Representative of Utopia "
        "to the United Nations addressed to the Secretary-General\n\nThe **facts** are &amp; remain clear."
        "<sup>1</sup>\n\n(Signed) Jane Doe Ambassador\n\n<sup>1</sup> See &lt;the record&gt;.\n"
    )
    letter = parse_text(text)
    assert letter.format == "markdown"
    assert [p.text for p in letter.paragraphs] == ["The facts are & remain clear.1"]
    assert [(f.number, f.text) for f in letter.footnotes] == [("1", "See <the record>.")]
    assert [(s.name, s.titles) for s in letter.signatures] == [("Jane Doe", ("Ambassador",))]


# --- the 42 real letters ----------------------------------------------------------------------------

# What each letter holds, read from the PDFs (tests/fixtures/letters/pdf) and their text forms:
# main-body paragraphs (as the PDF indents them), every "(Signed)" name in order (letter, then annexes),
# footnotes (all parts, masthead "*" notes included), annexes and enclosures, and every symbol the
# letter cites (documents and resolutions; its own symbols excluded).
EXPECTED: dict[str, tuple[int, tuple[str, ...], int, int, tuple[str, ...]]] = {  # one letter a line
    "A_49_230-S_1994_822": (2, ("Detlev GRAF ZU RANTZAU",), 1, 1, ("A/49/50/Rev.1",)),
    "A_53_568-S_1998_1025": (5, ("Dr. Nasser AL-KIDWA",), 0, 0, ("A/53/560-S/1998/1019",)),
    "A_79_716-S_2025_18": (17, ("António Guterres",), 0, 0, ("A/79/13", "A/79/684-S/2024/892", "A/79/710-S/2024/940", "A/RES/302 (IV)", "A/RES/77/247", "A/RES/ES-10/24", "A/RES/ES-10/25")),
    "A_79_729-S_2025_40": (2, ("Tofig Musayev", "Aziz Alakbarov", "Misir Mardanov", "Vahid Novruzov", "Ahliman Amiraslanov", "Malahat Ibrahimgizi", "Shahin Ismayilov", "Elkhan Huseynov"), 1, 1, ("A/77/801", "A/RES/78/234", "E/2023/53", "S/2023/134")),
    "A_79_798-S_2025_110": (2, ("Mher Margaryan",), 0, 1, ()),
    "A_79_802-S_2025_123": (2, ("Mher Margaryan",), 0, 1, ()),
    "A_79_807-S_2025_132": (2, ("Kairat Umarov",), 0, 1, ()),
    "A_79_811-S_2025_138": (5, ("Khrystyna Hayovyshyn",), 0, 1, ()),
    "A_79_818-S_2025_156": (7, ("Tofig Musayev",), 0, 0, ("A/79/798-S/2025/110", "A/79/802-S/2025/123")),
    "A_79_843-S_2025_201": (15, ("Tofig Musayev",), 8, 0, ("A/78/636-S/2023/960", "A/78/764", "A/HRC/8/6/Add.2", "A/HRC/WGAD/2024/46", "A/RES/48/114", "E/CN.4/1999/79/Add.1", "E/CN.4/RES/1998/50", "S/RES/853 (1993)")),
    "A_79_857-S_2025_217": (2, ("Tofig Musayev",), 0, 1, ("A/79/814-S/2025/144",)),
    "A_79_866-S_2025_222": (9, ("Khrystyna Hayovyshyn",), 0, 1, ()),
    "A_79_907-S_2025_268": (10, ("António Guterres",), 7, 5, ("A/RES/65/289", "A/RES/66/264", "A/RES/67/261", "A/RES/70/286", "S/RES/1863 (2009)", "S/RES/2010 (2011)", "S/RES/2245 (2015)", "S/RES/2687 (2023)", "S/RES/2719 (2023)", "S/RES/2748 (2024)", "S/RES/2767 (2024)")),
    "A_79_918-S_2025_338": (4, ("Vassily Nebenzia",), 0, 1, ()),
    "A_79_922-S_2025_352": (2, ("Vassily Nebenzia",), 0, 1, ()),
    "A_79_942-S_2025_360": (7, ("Andrii Melnyk",), 0, 1, ()),
    "A_79_944-S_2025_370": (2, ("David Abesadze",), 1, 1, ()),
    "A_79_963-S_2025_438": (12, ("Maria Michail",), 0, 12, ("S/PRST/2021/13", "S/RES/550 (1984)")),
    "A_79_973-S_2025_470": (7, ("Koussay Aldahhak",), 0, 0, ("S/RES/242 (1967)", "S/RES/338 (1973)", "S/RES/497 (1981)")),
    "A_80_141": (5, ("Pema Lektup Dorji",), 4, 2, ()),
    "A_80_96": (3, (), 1, 1, ("A/80/50", "A/RES/60/251")),
    "A_80_97": (3, (), 1, 1, ("A/80/50", "A/RES/60/251")),
    "A_80_98": (3, (), 1, 1, ("A/80/50", "A/RES/60/251")),
    "A_ES-10_1027-S_2025_173": (12, ("Riyad Mansour",), 0, 0, ("A/55/432-S/2000/921", "A/ES-10/1026-S/2025/160", "S/RES/2735 (2024)")),
    "A_ES-10_1028-S_2025_193": (17, ("Riyad Mansour",), 0, 0, ("A/55/432-S/2000/921", "A/ES-10/1027-S/2025/173", "S/RES/2735 (2024)")),
    "A_ES-10_1029-S_2025_210": (33, ("Riyad Mansour",), 0, 0, ("A/55/432-S/2000/921", "A/ES-10/1028-S/2025/193", "S/RES/2730 (2024)", "S/RES/2735 (2024)")),
    "A_ES-10_1030-S_2025_221": (15, ("Riyad Mansour",), 0, 0, ("A/55/432-S/2000/921", "A/ES-10/1029-S/2025/210", "S/RES/2334 (2016)", "S/RES/2735 (2024)")),
    "S_2025_141": (4, ("Christina Markus Lassen",), 0, 1, ("S/RES/2594 (2021)",)),
    "S_2025_147": (3, ("António Guterres",), 0, 0, ("S/2025/80", "S/RES/2722 (2024)", "S/RES/2739 (2024)", "S/RES/2768 (2025)")),
    "S_2025_15": (1, ("Amar Bendjama",), 0, 0, ("S/2025/14",)),
    "S_2025_180": (3, ("Antje Leendertse",), 0, 1, ("A/RES/76/305", "A/RES/78/257", "A/RES/79/262", "S/RES/2719 (2023)")),
    "S_2025_228": (3, ("António Guterres",), 0, 0, ("S/2025/147", "S/RES/2722 (2024)", "S/RES/2739 (2024)", "S/RES/2768 (2025)")),
    "S_2025_302": (3, ("António Guterres",), 0, 0, ("S/2025/228", "S/RES/2722 (2024)", "S/RES/2739 (2024)", "S/RES/2768 (2025)")),
    "S_2025_311": (3, ("Christina Markus Lassen",), 2, 1, ("S/2025/141", "S/2025/180", "S/PV.9884", "S/RES/2719 (2023)")),
    "S_2025_35": (7, ("António Guterres",), 0, 0, ("S/RES/2713 (2023)", "S/RES/2762 (2024)")),
    "S_2025_364": (3, ("António Guterres",), 0, 0, ("S/2025/302", "S/RES/2722 (2024)", "S/RES/2739 (2024)", "S/RES/2768 (2025)")),
    "S_2025_455": (3, ("António Guterres",), 0, 1, ("S/2025/364", "S/RES/2722 (2024)", "S/RES/2739 (2024)", "S/RES/2768 (2025)")),
    "S_2025_508": (3, ("António Guterres",), 0, 0, ("S/2025/455", "S/RES/2722 (2024)", "S/RES/2787 (2025)")),
    "S_2025_521": (7, ("Zénon Mukongo Ngay",), 0, 0, ("A/HRC/RES/S-37/1", "S/RES/2773 (2025)")),
    "S_2025_67": (1, ("Amar Bendjama",), 0, 0, ("S/2025/66",)),
    "S_2025_80": (2, ("António Guterres",), 0, 0, ("S/2024/907", "S/RES/2722 (2024)", "S/RES/2739 (2024)", "S/RES/2768 (2025)")),
    "S_2025_85": (2, ("António Guterres",), 68, 2, ("S/2023/780", "S/2024/320", "S/2024/554", "S/2024/704", "S/2024/752", "S/2024/79", "S/RES/2653 (2022)", "S/RES/2692 (2023)", "S/RES/2743 (2024)", "S/RES/2752 (2024)")),
}  # fmt: skip

FORMS = ("text", "layout")
FURNITURE = re.compile(r"\b\d{2}-\d{5}\b|\*\d{7}\*|Please recycle|_{5,}|\(E\)\s*$")


def letter(form: str, name: str) -> Letter:
    return parsed_fixture(LETTERS / form / f"{name}.{'pdf' if form == 'pdf' else 'txt'}")


def signature_names(parsed: Letter) -> tuple[str, ...]:
    return tuple(s.name for s in parsed.signatures) + tuple(
        s.name for a in parsed.annexes for s in a.signatures
    )


def cited(parsed: Letter) -> tuple[str, ...]:
    return tuple(sorted({r.symbol for r in parsed.references if r.symbol}))


def test_the_table_covers_every_fixture() -> None:
    assert sorted(EXPECTED) == LETTER_NAMES


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", LETTER_NAMES)
def test_real_letter(form: str, name: str) -> None:
    paragraphs, names, footnotes, annexes, symbols = EXPECTED[name]
    parsed = letter(form, name)
    assert parsed.format == form
    assert signature_names(parsed) == names
    assert len(parsed.all_footnotes()) == footnotes
    assert len(parsed.annexes) == annexes
    assert cited(parsed) == symbols
    if form == "layout":
        assert len(parsed.paragraphs) == paragraphs
    else:  # plain text has no indents: a paragraph ending on a full line runs into the next one
        assert 0.6 * paragraphs <= len(parsed.paragraphs) <= paragraphs + 1


@pytest.mark.parametrize("name", LETTER_NAMES)
def test_real_letter_from_pdf(name: str) -> None:
    """The PDF itself (through reader.formats.pdf): positions and type sizes instead of text lines."""
    paragraphs, names, footnotes, annexes, symbols = EXPECTED[name]
    parsed = letter("pdf", name)
    assert parsed.format == "pdf"
    assert signature_names(parsed) == names
    assert len(parsed.all_footnotes()) == footnotes
    assert len(parsed.annexes) == annexes
    assert cited(parsed) == symbols
    assert abs(len(parsed.paragraphs) - paragraphs) <= 1
    layout = letter("layout", name)
    assert _squeeze("".join(p.text for p in parsed.paragraphs)) == _squeeze(
        "".join(p.text for p in layout.paragraphs)
    )


@pytest.mark.parametrize("form", [*FORMS, "pdf"])
@pytest.mark.parametrize("name", LETTER_NAMES)
def test_real_letter_is_clean(form: str, name: str) -> None:
    parsed = letter(form, name)
    texts = parsed.texts()
    for where, text in texts.items():
        assert text.strip() == text and text, where
        assert not FURNITURE.search(text), (where, text)
        assert "(Signed)" not in text, where
        assert not any(ord(c) < 32 for c in text), where
    assert [p.id for p in parsed.paragraphs] == [f"p{n}" for n in range(1, len(parsed.paragraphs) + 1)]
    assert [f.id for f in parsed.footnotes] == [f"fn{n}" for n in range(1, len(parsed.footnotes) + 1)]
    for n, annex in enumerate(parsed.annexes, start=1):
        assert annex.id == f"a{n}"
        assert all(p.id.startswith(f"a{n}.p") for p in annex.paragraphs)
        assert all(f.id.startswith(f"a{n}.fn") for f in annex.footnotes)
    for ref in parsed.references:
        assert texts[ref.where][ref.start : ref.end] == ref.text
    assert parsed.pages >= 1 and len(parsed.digest) == 64


def _squeeze(text: str) -> str:
    # plain pdftotext drops a hyphen at a line end ("Secretary-" / "General" -> "SecretaryGeneral")
    return re.sub(r"[\s\-‐]", "", text)


@pytest.mark.parametrize("name", LETTER_NAMES)
def test_text_and_layout_agree(name: str) -> None:
    text, layout = letter("text", name), letter("layout", name)
    assert signature_names(text) == signature_names(layout)
    assert [(f.number, _squeeze(f.text)) for f in text.all_footnotes()] == [
        (f.number, _squeeze(f.text)) for f in layout.all_footnotes()
    ]
    assert cited(text) == cited(layout)
    # the same words in the same order in the letter's body, whatever the paragraph breaks
    assert _squeeze("".join(p.text for p in text.paragraphs)) == _squeeze(
        "".join(p.text for p in layout.paragraphs)
    )
    if len(text.paragraphs) == len(layout.paragraphs):
        assert [_squeeze(p.text) for p in text.paragraphs] == [_squeeze(p.text) for p in layout.paragraphs]


def test_a_paragraph_over_a_page_break_is_one_paragraph() -> None:
    for form in FORMS:
        parsed = letter(form, "A_79_729-S_2025_40")
        paragraph = next(
            p.text for p in parsed.annexes[0].paragraphs if "This speech by the then-sitting" in p.text
        )
        assert "actually continues the racist policy by his predecessors" in paragraph


def test_footnote_number_on_its_own_line_away_from_its_text() -> None:
    for form in FORMS:
        parsed = letter(form, "A_79_729-S_2025_40")
        (note,) = parsed.all_footnotes()
        assert (note.id, note.number) == ("a1.fn1", "1")
        assert (
            note.text
            == "The text of the speech with an unofficial translation is available at the Secretariat."
        )
        markers = [r for r in parsed.references if r.kind == "footnote"]
        assert [(m.where, m.target) for m in markers] == [("a1.p5", "1")]
        assert parsed.annexes[0].paragraphs[4].text.startswith("“Armenia and Nagorno-Karabakh solved")


def test_masthead_star_footnote() -> None:
    for form in FORMS:
        parsed = letter(form, "A_80_96")
        assert [(f.id, f.number, f.text) for f in parsed.footnotes] == [("fn1", "*", "A/80/50.")]


def test_closing_formula_is_a_body_paragraph() -> None:
    for name in ("S_2025_228", "A_79_818-S_2025_156", "A_ES-10_1029-S_2025_210"):
        for form in FORMS:
            assert letter(form, name).paragraphs[-1].text.startswith("I should be grateful")


@pytest.mark.parametrize("name", ["A_49_230-S_1994_822", "A_53_568-S_1998_1025"])
def test_scanned_letters_parse(name: str) -> None:
    for form in FORMS:
        parsed = letter(form, name)
        assert parsed.paragraphs and parsed.signatures


def test_annex_without_text_layer_is_reported() -> None:
    parsed = letter("layout", "A_79_944-S_2025_370")
    assert parsed.annexes[0].paragraphs == ()
    assert any("a1" in w and "no text" in w for w in parsed.warnings)


SIDE_BY_SIDE = """                United Nations                                                A/79/999-S/2025/999
                General Assembly                                         Distr.: General

                Identical letters dated 16 January 2025 from the Permanent Representatives of
                Utopia and Arcadia to the United Nations addressed to the Secretary-General

                     We write together about the weather, which was fine on that day.


                (Signed) Jane Doe                          (Signed) John Roe
                Ambassador                                 Permanent Representative
                Permanent Representative of Utopia         of Arcadia

 25-00746 (E)     230125
"""


def test_signatures_side_by_side() -> None:
    parsed = parse_text(SIDE_BY_SIDE)
    assert [(s.name, s.titles) for s in parsed.signatures] == [
        ("Jane Doe", ("Ambassador", "Permanent Representative of Utopia")),
        ("John Roe", ("Permanent Representative of Arcadia",)),
    ]
    assert [p.text for p in parsed.paragraphs] == [
        "We write together about the weather, which was fine on that day."
    ]


def test_inline_footnote_numbers_restart_in_an_annex() -> None:
    text = (
        HEAD
        + "We write.1\n(Signed) Jane Doe\n__________________\n1 The first note.\n"
        + FF
        + "Annex\nThe annex says so.1 And more.2\n__________________\n1 The annex's first note.\n"
        + "2 The annex's second note, of\n1 January 2025.\n"
        + FF
    )
    parsed = parse_text(text)
    assert [(f.id, f.number, f.text) for f in parsed.all_footnotes()] == [
        ("fn1", "1", "The first note."),
        ("a1.fn1", "1", "The annex's first note."),
        ("a1.fn2", "2", "The annex's second note, of 1 January 2025."),
    ]


def test_annex_heading_and_original_language_on_one_line() -> None:
    parsed = parse_text(
        HEAD + "We write.\n(Signed) Jane Doe\n" + FF + "Annex II [Original: French]\nThe statement.\n" + FF
    )
    assert [(a.title, [p.text for p in a.paragraphs]) for a in parsed.annexes] == [
        ("Annex II", ["[Original: French]", "The statement."])
    ]


def test_a_source_without_any_text_is_refused() -> None:
    from reader.formats.lines import Line, Page, Source
    from reader.parser.letter import build_letter

    blank = Source(path="scan.pdf", format="pdf", pages=(Page(1, ()), Page(2, (Line(" "),))), digest="0" * 64)
    with pytest.raises(InputError, match="no text to read"):
        build_letter(blank)


# --- the title grammar has one owner ---------------------------------------------------------------


def test_runs_on_is_defined_once() -> None:
    """`_RUNS_ON` was written twice (body and masthead); the title grammar module owns it now."""
    reader = Path(__file__).resolve().parent.parent / "reader"
    owners = [
        p.name for p in reader.rglob("*.py") if re.search(r"^_RUNS_ON\s*=", p.read_text(), re.MULTILINE)
    ]
    assert owners == ["titles.py"]


@pytest.mark.parametrize(
    ("line", "goes_on"),
    [("pursuant to resolution 1718 (2006)", True), ("(2006)", True), ("Committee established", False)],
)
def test_a_line_running_on(line: str, goes_on: bool) -> None:
    assert titles.runs_on(line) is goes_on


def test_title_grammar_on_a_real_title() -> None:
    first = "Letter dated 20 February 2025 from the Permanent Representative of Azerbaijan to the"
    assert titles.is_title_start(first) and not titles.ends_title(first)
    whole = first + " United Nations addressed to the Secretary-General"
    assert titles.ends_title(whole)
    assert titles.addressee_goes_on([whole], "Committee established pursuant to resolution 1533 (2004)")
    assert not titles.addressee_goes_on([whole], "I have the honour to transmit")


# --- the paragraph start rules: an ordered table of named rules ------------------------------------


def _why(form: str, name: str) -> dict[str, str]:
    """The first words of each body row of a real letter -> the start rule that decided it."""
    source = load_path(LETTERS / form / f"{name}.txt")
    head, start = parse_masthead(source)
    rows = [r for page in clean_pages(source, head.symbols) for r in page.body if (r.page, r.index) >= start]
    why: list[tuple[int, str]] = []
    split_paragraphs(rows, source.capabilities.paragraph_lines, geo=Geometry(rows), why=why)
    return {rows[i].text[:30]: rule for i, rule in why}


def test_which_start_rule_fired_on_a_real_layout_letter() -> None:
    fired = _why("layout", "A_79_798-S_2025_110")
    assert fired["I kindly ask that the present "] == "letter formula"
    assert fired["For three days, Armenians in S"] == "layout: indented"
    assert fired["the General Assembly, under ag"] == "sentence goes on"
    assert fired["Annex to the letter dated 20 F"] == "layout: new page"
    assert fired["Armenians were forcibly displa"] == "otherwise it goes on"


def test_which_start_rule_fired_on_the_same_letter_as_plain_text() -> None:
    """Without indents the same paragraph start is found by the short line before it."""
    fired = _why("text", "A_79_798-S_2025_110")
    assert fired["For three days, Armenians in S"] == "sentence ended a short line"
    assert fired["I kindly ask that the present "] == "letter formula"


def test_start_rules_have_unique_names_and_end_with_a_default() -> None:
    names = [name for name, _ in START_RULES]
    assert len(set(names)) == len(names)
    assert names[-1] == "otherwise it goes on"


def _place(prev: str, text: str, nxt: str | None = None, *, gap: bool = False, lines: bool = False) -> Place:
    texts = [prev, text] + ([nxt] if nxt is not None else [])
    rows = [Row(t, 0, k, gap_before=gap and k == 1) for k, t in enumerate(texts)]
    return Place.at(rows, 1, Geometry(rows), lines, [rows[0]])


@pytest.mark.parametrize(
    ("rule", "place", "said"),
    [
        ("bullet", _place("as follows", "• the first point"), True),
        ("bullet", _place("as follows", "the first point"), None),
        ("paragraph number alone", _place("ends here.", "12."), True),
        ("list item", _place("(a) The first;", "(b) The second"), True),
        ("list item", _place("as in", "(b) of the resolution"), None),
        ("quotation after a colon", _place("The Council stated:", "“We reaffirm"), True),
        ("letter formula", _place("in the region.", "I have the honour to transmit"), True),
        ("letter formula", _place("in the region", "I have the honour to transmit"), None),
        ("sentence goes on", _place("the Council and", "the Assembly agreed"), False),
        ("sentence goes on", _place("the Council agreed.", "the Assembly agreed"), None),
        ("letter title", _place("Representative.", "Letter dated 1 May 2025 from"), True),
        ("blank line after a sentence", _place("It ended.", "A new one", gap=True), True),
        ("one line per paragraph", _place("One paragraph.", "Another", gap=True, lines=True), True),
        ("one line per paragraph", _place("One paragraph.", "Another", lines=False), None),
        ("otherwise it goes on", _place("anything", "Anything"), False),
    ],
)
def test_a_single_start_rule(rule: str, place: Place, said: bool | None) -> None:
    assert dict(START_RULES)[rule](place) is said


def test_start_rule_names_the_first_rule_with_a_say() -> None:
    assert start_rule(_place("in the region.", "I have the honour to transmit")) == (True, "letter formula")
    assert start_rule(_place("the Council and", "the Assembly agreed")) == (False, "sentence goes on")


def test_control_characters_stay_as_printed_and_zero_width_spaces_go() -> None:
    """The one rule (reader/safe_text.py): the letter keeps control characters as printed and every
    output shows or escapes them (tests/hostile); a zero-width space is no text at all."""
    parsed = parse_text(HEAD + "We write\x07 about the\x1b[31m weather\u200b.\n(Signed) Jane Doe\n")
    assert parsed.paragraphs[0].text == "We write\x07 about the\x1b[31m weather."
