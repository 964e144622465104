# ruff: noqa: E501  (the table holds titles exactly as printed, one string each)
"""The masthead parser on every real letter, in both pdftotext forms, and on the seed.

Expected values were read off the fixture files by eye (titles and symbols as SOURCES.md lists
them, dates, agenda items and their titles from the first page of each letter), never copied from
the parser's output: a table row is what a careful reader of the printed letter would write down.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from reader.formats.lines import Line, Page, Source
from reader.formats.load import load_path
from reader.formats.text import LAYOUT, text_capabilities
from reader.model import AgendaItem, LetterKind, Organ
from reader.parser.dates import find_date, parse_date
from reader.parser.masthead import MASTHEAD_RULES, Masthead, parse_masthead, split_title
from reader.parser.sessions import is_session, ordinal_value, session_number
from tests.conftest import LETTERS, SEED

SG = "Secretary-General"
PGA = "President of the General Assembly"
PSC = "President of the Security Council"

# Agenda item titles as the mastheads print them (same item, same wording, across letters).
R2P = (
    "The responsibility to protect and the prevention of genocide, war crimes, ethnic cleansing and "
    "crimes against humanity"
)
UNHCR = (
    "Report of the United Nations High Commissioner for Refugees, questions relating to refugees, "
    "returnees and displaced persons and humanitarian questions"
)
T5 = (
    "5",
    "Illegal Israeli actions in Occupied East Jerusalem and the rest of the Occupied Palestinian Territory",
)
T14 = ("14", "Culture of peace")
T24 = ("24", "Agriculture development, food security and nutrition")
T32 = ("32", "Prevention of armed conflict")
T32a = ("32 (a)", "Prevention of armed conflict: prevention of armed conflict")
T33 = (
    "33",
    "Protracted conflicts in the GUAM area and their implications for international peace, security "
    "and development",
)
T34 = ("34", "The situation in the Middle East")
T35 = ("35", "Question of Palestine")
T40 = ("40", "Question of Cyprus")
T49 = ("49", "United Nations Relief and Works Agency for Palestine Refugees in the Near East")
T60 = ("60", UNHCR)
T61 = ("61", "Peacebuilding and sustaining peace")
T62 = ("62", "The situation in the temporarily occupied territories of Ukraine")
T67 = ("67", "Promotion and protection of the rights of children")
T69 = ("69", "Elimination of racism, racial discrimination, xenophobia and related intolerance")
T71 = ("71", "Promotion and protection of human rights")
T72b = (
    "72 (b)",
    "Strengthening of the coordination of humanitarian and disaster relief assistance of the United "
    "Nations, including special economic assistance: Assistance to the Palestinian people",
)
T80 = ("80", "Crimes against humanity")
T84 = ("84", "The rule of law at the national and international levels")
T98w = (
    "98 (w)",
    "General and complete disarmament: confidence-building measures in the regional and subregional context",
)
T110 = ("110", "Measures to eliminate international terrorism")
T116c = (
    "116 (c)",
    "Elections to fill vacancies in subsidiary organs and other elections: election of members of the "
    "Human Rights Council",
)
T132 = ("132", R2P)
T135 = ("135", "Eightieth anniversary of the end of the Second World War")
T167 = ("167", "Financing of the activities arising from Security Council resolution 1863 (2009)")
ICIMOD = (
    "",
    "Observer status for the International Centre for Integrated Mountain Development in the General Assembly",
)
I38P = ("38", "THE SITUATION IN THE MIDDLE EAST")
I39 = ("39", "QUESTION OF PALESTINE")
I40 = ("40", "THE SITUATION IN THE MIDDLE EAST")
I84 = (
    "84",
    "REPORT OF THE SPECIAL COMMITTEE TO INVESTIGATE ISRAELI PRACTICES AFFECTING THE HUMAN RIGHTS OF THE "
    "PALESTINIAN PEOPLE AND OTHER ARABS OF THE OCCUPIED TERRITORIES",
)


@dataclass(frozen=True)
class Expected:
    name: str
    printed_symbol: str  # as the masthead prints it: "A/79/843*-S/2025/201*", "A/79/963–S/2025/438"
    issued: str
    date: str
    items: tuple[tuple[str, str], ...]
    addressees: tuple[str, ...]
    title: str

    @property
    def symbols(self) -> tuple[str, ...]:
        """The components: split where a dash starts a new series ("-S/"), never inside "ES-10"."""
        return tuple(re.split(r"[-–](?=[A-Z]+/)", self.printed_symbol.replace("*", "")))


EXPECTED = [
    Expected(
        "A_49_230-S_1994_822",
        "A/49/230-S/1994/822",
        "1994-07-14",
        "1994-07-12",
        (I38P,),
        (SG,),
        "Letter dated 12 July 1994 from the Permanent Representative of Germany to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_53_568-S_1998_1025",
        "A/53/568-S/1998/1025",
        "1998-11-02",
        "1998-11-02",
        (I39, I40, I84),
        (SG,),
        "Letter dated 2 November 1998 from the Permanent Observer of Palestine to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_716-S_2025_18",
        "A/79/716-S/2025/18",
        "2025-01-09",
        "2025-01-08",
        (T34, T35, T49, T72b),
        (PGA, PSC),
        "Identical letters dated 8 January 2025 from the Secretary-General addressed to the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "A_79_729-S_2025_40",
        "A/79/729-S/2025/40",
        "2025-01-17",
        "2025-01-17",
        (T32, T60, T61, T69, T71, T84, T132),
        (SG,),
        "Letter dated 17 January 2025 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_798-S_2025_110",
        "A/79/798-S/2025/110",
        "2025-02-21",
        "2025-02-20",
        (T32, T60, T69, T71, T132),
        (SG,),
        "Letter dated 20 February 2025 from the Permanent Representative of Armenia to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_802-S_2025_123",
        "A/79/802-S/2025/123",
        "2025-02-25",
        "2025-02-25",
        (T32, T60, T69, T71, T132),
        (SG,),
        "Letter dated 25 February 2025 from the Permanent Representative of Armenia to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_807-S_2025_132",
        "A/79/807-S/2025/132",
        "2025-03-03",
        "2025-03-03",
        (T98w,),
        (SG, PGA, PSC),
        "Letter dated 3 March 2025 from the Permanent Representative of Kazakhstan to the United Nations addressed to the Secretary-General, the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "A_79_811-S_2025_138",
        "A/79/811-S/2025/138",
        "2025-03-06",
        "2025-03-06",
        (T62, T67, T80, T110, T132, T135),
        (SG,),
        "Letter dated 6 March 2025 from the Chargé d’affaires a.i. of the Permanent Mission of Ukraine to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_818-S_2025_156",
        "A/79/818-S/2025/156",
        "2025-03-12",
        "2025-03-12",
        (T14, T32, T60, T61, T69, T71, T84, T132),
        (SG,),
        "Letter dated 12 March 2025 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_843-S_2025_201",
        "A/79/843*-S/2025/201*",
        "2025-04-02",
        "2025-04-01",
        (T14, T32, T60, T61, T67, T69, T71, T84, T132),
        (SG,),
        "Letter dated 1 April 2025 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_857-S_2025_217",
        "A/79/857-S/2025/217",
        "2025-04-10",
        "2025-04-09",
        (T32, T61, T69, T71, T84, T110, T132),
        (SG,),
        "Letter dated 9 April 2025 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_866-S_2025_222",
        "A/79/866-S/2025/222",
        "2025-04-10",
        "2025-04-10",
        (T62, T67, T80, T110, T132, T135),
        (SG, PGA, PSC),
        "Letter dated 10 April 2025 from the Chargé d’affaires a.i. of the Permanent Mission of Ukraine to the United Nations addressed to the Secretary-General, the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "A_79_907-S_2025_268",
        "A/79/907-S/2025/268",
        "2025-05-01",
        "2025-04-30",
        (T167,),
        (PGA, PSC),
        "Letter dated 30 April 2025 from the Secretary-General addressed to the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "A_79_918-S_2025_338",
        "A/79/918-S/2025/338",
        "2025-06-02",
        "2025-05-29",
        (T32a, T110),
        (SG,),
        "Letter dated 29 May 2025 from the Permanent Representative of the Russian Federation to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_922-S_2025_352",
        "A/79/922-S/2025/352",
        "2025-06-03",
        "2025-06-03",
        (T32a, T110),
        (SG, PGA, PSC),
        "Letter dated 3 June 2025 from the Permanent Representative of the Russian Federation to the United Nations addressed to the Secretary-General, the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "A_79_942-S_2025_360",
        "A/79/942-S/2025/360",
        "2025-06-09",
        "2025-06-03",
        (T24, T62, T67, T80, T110, T132, T135),
        (SG,),
        "Letter dated 3 June 2025 from the Permanent Representative of Ukraine to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_944-S_2025_370",
        "A/79/944-S/2025/370",
        "2025-06-11",
        "2025-06-11",
        (T33,),
        (SG, PSC),
        "Identical letters dated 11 June 2025 from the Chargé d’affaires a.i. of the Permanent Mission of Georgia to the United Nations addressed to the Secretary-General and the President of the Security Council",
    ),
    Expected(
        "A_79_963-S_2025_438",
        "A/79/963–S/2025/438",
        "2025-06-30",
        "2025-06-30",
        (T40,),
        (SG,),
        "Letter dated 30 June 2025 from the Permanent Representative of Cyprus to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_79_973-S_2025_470",
        "A/79/973-S/2025/470",
        "2025-07-18",
        "2025-07-16",
        (T34,),
        (SG, PSC),
        "Identical letters dated 16 July 2025 from the Permanent Representative of the Syrian Arab Republic to the United Nations addressed to the Secretary-General and the President of the Security Council",
    ),
    Expected(
        "A_80_141",
        "A/80/141",
        "2025-06-05",
        "2025-05-28",
        (ICIMOD,),
        (SG,),
        "Letter dated 28 May 2025 from the Permanent Representative of Bhutan to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "A_80_96",
        "A/80/96",
        "2025-06-13",
        "2025-06-10",
        (T116c,),
        (PGA,),
        "Note verbale dated 10 June 2025 from the Permanent Mission of the Republic of Iraq to the United Nations addressed to the President of the General Assembly",
    ),
    Expected(
        "A_80_97",
        "A/80/97",
        "2025-06-13",
        "2025-06-11",
        (T116c,),
        (PGA,),
        "Note verbale dated 11 June 2025 from the Permanent Mission of India to the United Nations addressed to the President of the General Assembly",
    ),
    Expected(
        "A_80_98",
        "A/80/98",
        "2025-06-13",
        "2025-06-13",
        (T116c,),
        (PGA,),
        "Note verbale dated 13 June 2025 from the Permanent Mission of the United Kingdom of Great Britain and Northern Ireland to the United Nations addressed to the President of the General Assembly",
    ),
    Expected(
        "A_ES-10_1027-S_2025_173",
        "A/ES-10/1027-S/2025/173",
        "2025-03-20",
        "2025-03-19",
        (T5,),
        (SG, PGA, PSC),
        "Identical letters dated 19 March 2025 from the Permanent Observer of the State of Palestine to the United Nations addressed to the Secretary-General, the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "A_ES-10_1028-S_2025_193",
        "A/ES-10/1028-S/2025/193",
        "2025-04-01",
        "2025-03-28",
        (T5,),
        (SG, PGA, PSC),
        "Identical letters dated 28 March 2025 from the Permanent Observer of the State of Palestine to the United Nations addressed to the Secretary-General, the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "A_ES-10_1029-S_2025_210",
        "A/ES-10/1029-S/2025/210",
        "2025-04-07",
        "2025-04-04",
        (T5,),
        (SG, PGA, PSC),
        "Identical letters dated 4 April 2025 from the Permanent Observer of the State of Palestine to the United Nations addressed to the Secretary-General, the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "A_ES-10_1030-S_2025_221",
        "A/ES-10/1030-S/2025/221",
        "2025-04-14",
        "2025-04-10",
        (T5,),
        (SG, PGA, PSC),
        "Identical letters dated 10 April 2025 from the Permanent Observer of the State of Palestine to the United Nations addressed to the Secretary-General, the President of the General Assembly and the President of the Security Council",
    ),
    Expected(
        "S_2025_141",
        "S/2025/141",
        "2025-03-07",
        "2025-03-06",
        (),
        (SG,),
        "Letter dated 6 March 2025 from the Permanent Representative of Denmark to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "S_2025_147",
        "S/2025/147",
        "2025-03-07",
        "2025-03-07",
        (),
        (PSC,),
        "Letter dated 7 March 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_15",
        "S/2025/15",
        "2025-01-08",
        "2025-01-07",
        (),
        (SG,),
        "Letter dated 7 January 2025 from the President of the Security Council addressed to the Secretary-General",
    ),
    Expected(
        "S_2025_180",
        "S/2025/180",
        "2025-03-24",
        "2025-03-21",
        (),
        (PSC,),
        "Letter dated 21 March 2025 from the Chair of the Peacebuilding Commission addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_228",
        "S/2025/228",
        "2025-04-14",
        "2025-04-09",
        (),
        (PSC,),
        "Letter dated 9 April 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_302",
        "S/2025/302",
        "2025-05-12",
        "2025-05-09",
        (),
        (PSC,),
        "Letter dated 9 May 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_311",
        "S/2025/311",
        "2025-05-19",
        "2025-05-13",
        (),
        (SG,),
        "Letter dated 13 May 2025 from the Permanent Representative of Denmark to the United Nations addressed to the Secretary-General",
    ),
    Expected(
        "S_2025_35",
        "S/2025/35",
        "2025-01-15",
        "2025-01-14",
        (),
        (PSC,),
        "Letter dated 14 January 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_364",
        "S/2025/364",
        "2025-06-10",
        "2025-06-09",
        (),
        (PSC,),
        "Letter dated 9 June 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_455",
        "S/2025/455",
        "2025-07-10",
        "2025-07-09",
        (),
        (PSC,),
        "Letter dated 9 July 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_508",
        "S/2025/508",
        "2025-08-08",
        "2025-08-08",
        (),
        (PSC,),
        "Letter dated 8 August 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_521",
        "S/2025/521",
        "2025-08-20",
        "2025-08-20",
        (),
        (PSC,),
        "Letter dated 20 August 2025 from the Permanent Representative of the Democratic Republic of the Congo to the United Nations addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_67",
        "S/2025/67",
        "2025-01-29",
        "2025-01-28",
        (),
        (SG,),
        "Letter dated 28 January 2025 from the President of the Security Council addressed to the Secretary-General",
    ),
    Expected(
        "S_2025_80",
        "S/2025/80",
        "2025-02-10",
        "2025-02-07",
        (),
        (PSC,),
        "Letter dated 7 February 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
    Expected(
        "S_2025_85",
        "S/2025/85",
        "2025-02-06",
        "2025-02-04",
        (),
        (PSC,),
        "Letter dated 4 February 2025 from the Secretary-General addressed to the President of the Security Council",
    ),
]

BY_NAME = {e.name: e for e in EXPECTED}
FORMS = ("text", "layout")
HAVE_PDF = importlib.util.find_spec("reader.formats.pdf") is not None
ALL_FORMS = (*FORMS, pytest.param("pdf", marks=pytest.mark.skipif(not HAVE_PDF, reason="no PDF reader")))


@cache
def _parse(form: str, name: str) -> tuple[Masthead, tuple[int, int], Source]:
    suffix = ".pdf" if form == "pdf" else ".txt"
    source = load_path(LETTERS / form / f"{name}{suffix}")
    masthead, body_at = parse_masthead(source)
    return masthead, body_at, source


def test_table_covers_every_fixture() -> None:
    names = sorted(p.stem for p in (LETTERS / "text").glob("*.txt"))
    assert sorted(BY_NAME) == names
    assert len(names) == 42


@pytest.mark.parametrize("form", ALL_FORMS)
@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_real_letter_masthead(form: str, name: str) -> None:
    expected = BY_NAME[name]
    masthead, body_at, source = _parse(form, name)
    assert masthead.symbols == expected.symbols
    assert masthead.reissued == ("*" in expected.printed_symbol)
    assert masthead.distribution == "General"
    assert masthead.issued == dt.date.fromisoformat(expected.issued)
    assert masthead.date == dt.date.fromisoformat(expected.date)
    assert masthead.title == expected.title
    kind = (
        LetterKind.IDENTICAL_LETTERS
        if expected.title.startswith("Identical letters")
        else LetterKind.NOTE_VERBALE
        if expected.title.startswith("Note verbale")
        else LetterKind.LETTER
    )
    assert masthead.kind == kind
    assert [i.number for i in masthead.agenda_items] == [n for n, _ in expected.items]
    assert [i.title for i in masthead.agenda_items] == [t for _, t in expected.items]
    assert masthead.addressees == expected.addressees
    # the body starts right after the title: its first line is not part of the title
    page, index = body_at
    first_body = source.pages[page].lines[index].text.strip()
    assert first_body and first_body.split()[0] not in expected.title.split()[-1:]
    assert first_body not in expected.title


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_text_and_layout_agree(name: str) -> None:
    text, _, _ = _parse("text", name)
    layout, _, _ = _parse("layout", name)
    assert text == layout


@pytest.mark.skipif(not HAVE_PDF, reason="no PDF reader")
@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_pdf_agrees_with_text(name: str) -> None:
    text, _, _ = _parse("text", name)
    pdf, _, _ = _parse("pdf", name)
    assert pdf == text


# --- organs, distribution, language, furniture --------------------------------------------------


@pytest.mark.parametrize("form", FORMS)
def test_joint_letter_organs_and_cover(form: str) -> None:
    masthead, _, _ = _parse(form, "A_79_907-S_2025_268")
    assert masthead.organs == (
        Organ("General Assembly", "Seventy-ninth session", 79),
        Organ("Security Council", "Eightieth year", 80),
    )
    assert masthead.original_language == "French"  # not the "English" of this version above it
    assert masthead.sender == "Secretary-General"


@pytest.mark.parametrize("form", FORMS)
def test_emergency_special_session(form: str) -> None:
    masthead, _, _ = _parse(form, "A_ES-10_1027-S_2025_173")
    assert masthead.symbols == ("A/ES-10/1027", "S/2025/173")
    assert masthead.organs[0] == Organ("General Assembly", "Tenth emergency special session", 10)
    assert masthead.sender == "Permanent Observer of the State of Palestine to the United Nations"


@pytest.mark.parametrize("form", FORMS)
def test_reissued_symbol(form: str) -> None:
    masthead, _, _ = _parse(form, "A_79_843-S_2025_201")
    assert masthead.symbols == ("A/79/843", "S/2025/201")
    assert masthead.reissued is True


@pytest.mark.parametrize("form", FORMS)
def test_preliminary_list_item_and_single_organ(form: str) -> None:
    masthead, _, _ = _parse(form, "A_80_96")
    assert masthead.organs == (Organ("General Assembly", "Eightieth session", 80),)
    assert masthead.agenda_items == (AgendaItem("116 (c)", T116c[1], preliminary=True),)
    assert masthead.sender == "Permanent Mission of the Republic of Iraq to the United Nations"
    assert masthead.kind == LetterKind.NOTE_VERBALE


@pytest.mark.parametrize("form", FORMS)
def test_old_letter_reads_upper_case_cover(form: str) -> None:
    masthead, _, _ = _parse(form, "A_49_230-S_1994_822")
    assert masthead.distribution == "General"
    assert masthead.original_language == "English"
    assert masthead.organs == (
        Organ("General Assembly", "Forty-ninth session", 49),
        Organ("Security Council", "Forty-ninth year", 49),
    )
    assert masthead.agenda_items[0].preliminary is True


@pytest.mark.parametrize("form", FORMS)
def test_council_letter_names_its_organ_without_a_year(form: str) -> None:
    masthead, _, _ = _parse(form, "S_2025_15")
    assert masthead.organs == (Organ("Security Council", "", None),)
    assert masthead.sender == "President of the Security Council"
    assert masthead.agenda_items == ()
    assert masthead.warnings == ()


FURNITURE = ("(E)", "*25", "Please recycle", "United Nations Distr", "Original:")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_no_furniture_or_markup_in_fields(form: str, name: str) -> None:
    masthead, _, _ = _parse(form, name)
    texts = [masthead.title, masthead.sender, masthead.distribution, masthead.original_language]
    texts += list(masthead.addressees) + [i.title for i in masthead.agenda_items]
    texts += [o.session for o in masthead.organs]
    for text in texts:
        assert not any(f in text for f in FURNITURE), text
        assert not any(m in text for m in ("**", "##", "<sup>", "&lt;")), text
        assert text == " ".join(text.split())  # single spaces, no stray line ends


# --- the seed -------------------------------------------------------------------------------------


def test_seed_masthead() -> None:
    source = load_path(SEED)
    assert source.format == "markdown"
    masthead, (page, index) = parse_masthead(source)
    assert masthead.symbols == ()
    assert masthead.distribution == "General"
    assert masthead.issued == dt.date(2021, 2, 9)
    assert masthead.original_language == "English"
    assert masthead.organs == (
        Organ("General Assembly", "Seventy-fifth session", 75),
        Organ("Security Council", "Seventy-sixth year", 76),
    )
    assert [i.number for i in masthead.agenda_items] == ["34", "35", "40", "71", "72", "86", "135"]
    titles = {i.number: i.title for i in masthead.agenda_items}
    assert titles["35"] == T33[1]
    assert titles["71"] == "Right of peoples to self-determination"
    assert titles["40"] == "The situation in the occupied territories of Azerbaijan"
    assert titles["135"] == R2P
    assert masthead.title == (
        "Letter dated 8 February 2021 from the Permanent Representative of Azerbaijan to the United "
        "Nations addressed to the Secretary-General"
    )
    assert masthead.date == dt.date(2021, 2, 8)
    assert masthead.kind == LetterKind.LETTER
    assert masthead.sender == "Permanent Representative of Azerbaijan to the United Nations"
    assert masthead.addressees == (SG,)
    assert source.pages[page].lines[index].text.startswith("At the end of the 1980s")


# --- small grammars -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Seventy-ninth session", 79),
        ("Eightieth year", 80),
        ("Tenth emergency special session", 10),
        ("Forty-ninth year", 49),
        ("Twenty-first session", 21),
        ("Sixteenth session", 16),
        ("2025 session", 2025),
        ("Resumed seventy-ninth session", 79),
    ],
)
def test_sessions(text: str, number: int) -> None:
    assert is_session(text)
    assert session_number(text) == number


def test_session_lines_are_not_titles() -> None:
    assert not is_session("agenda of the eightieth session")
    assert not is_session("Seventy-ninth session Agenda items 34")
    assert ordinal_value("Ninety-ninth") == 99
    assert ordinal_value("Eighth") == 8
    assert ordinal_value("Eighteenth") == 18
    assert ordinal_value("Unknown") is None


def test_dates() -> None:
    assert parse_date("9 January 2025") == dt.date(2025, 1, 9)
    assert parse_date("9 January 2025 Original") is None
    assert parse_date("31 February 2025") is None
    assert find_date("Letter dated 17 January 2025 from") == dt.date(2025, 1, 17)


def test_split_title_addressees() -> None:
    date, sender, to = split_title(
        "Identical letters dated 3 June 2025 from the Chair of the Committee on the Exercise of the "
        "Inalienable Rights of the Palestinian People addressed to the Secretary-General, the President "
        "of the General Assembly and the President of the Security Council"
    )
    assert date == dt.date(2025, 6, 3)
    assert (
        sender == "Chair of the Committee on the Exercise of the Inalienable Rights of the Palestinian People"
    )
    assert to == (SG, PGA, PSC)


def _source(lines: list[str], fmt: str = "text") -> Source:
    return Source(
        path="<test>",
        format=fmt,
        pages=(Page(1, tuple(Line(text=t) for t in lines)),),
        digest="0",
        capabilities=text_capabilities(fmt),
    )


def test_sub_items_and_wrapped_titles_by_count() -> None:
    masthead, body_at = parse_masthead(
        _source(
            [
                "A/80/500-S/2025/900",
                "General Assembly",
                "Eightieth session",
                "Agenda items 20 (a) and (b) and 31",
                "Security Council",
                "Eightieth year",
                "Sustainable development: implementation of Agenda 21",
                "Sustainable development: disaster risk reduction",
                "Question of the Comoros Island of Mayotte",
                "Letter dated 2 March 2026 from the Permanent Representative of Mauritius to the United",
                "Nations addressed to the Secretary-General",
                "I have the honour to transmit herewith ...",
            ]
        )
    )
    assert [i.number for i in masthead.agenda_items] == ["20 (a)", "20 (b)", "31"]
    assert [i.title for i in masthead.agenda_items] == [
        "Sustainable development: implementation of Agenda 21",
        "Sustainable development: disaster risk reduction",
        "Question of the Comoros Island of Mayotte",
    ]
    assert body_at == (0, 11)
    assert "no date of issue found" in masthead.warnings


def test_title_ends_where_the_body_starts_without_a_blank_line() -> None:
    masthead, body_at = parse_masthead(
        _source(
            [
                "S/2026/1",
                "Security Council",
                "Distr.: General",
                "2 January 2026",
                "Original: Spanish",
                "Letter dated 1 January 2026 from the Permanent Representative of Chile to the",
                "United Nations addressed to the President of the",
                "Security Council",
                "Security Council members will recall ...",
            ]
        )
    )
    assert masthead.title.endswith("addressed to the President of the Security Council")
    assert masthead.addressees == (PSC,)
    assert masthead.original_language == "Spanish"
    assert body_at == (0, 8)


def test_missing_everything_gives_warnings_not_errors() -> None:
    masthead, body_at = parse_masthead(_source(["Some text that is not a letter at all."]))
    assert masthead.title == ""
    assert masthead.symbols == ()
    assert "no letter title found" in masthead.warnings
    assert "no date of issue found" in masthead.warnings
    assert "no document symbol found" in masthead.warnings
    assert body_at == (0, 0) or body_at == (0, 1)
    empty = Source(path="<empty>", format="pdf", pages=(Page(1, ()),), digest="0")
    masthead, body_at = parse_masthead(empty)
    assert body_at == (0, 0)
    assert "no letter title found" in masthead.warnings
    masthead, body_at = parse_masthead(Source(path="<none>", format="text", pages=(), digest="0"))
    assert body_at == (0, 0)


def test_masthead_is_frozen() -> None:
    masthead, _, _ = _parse("text", "S_2025_15")
    with pytest.raises(AttributeError):
        masthead.title = "changed"  # type: ignore[misc]


def test_path_fixture_exists() -> None:
    assert Path(SEED).exists()


def test_without_a_letter_title_the_masthead_still_ends_before_the_body() -> None:
    masthead, body_at = parse_masthead(
        _source(
            [
                "A/80/1",
                "United Nations",
                "General Assembly",
                "Distr.: General",
                "1 July 2025",
                "Original: English",
                "Eightieth session",
                "Agenda item 7",
                "Organization of work, adoption of the agenda and",
                "allocation of items",
                "Report of the Secretary-General on the work of the Organization",
                "The present report is submitted pursuant to resolution 79/1, in which the Assembly asked.",
            ]
        )
    )
    assert masthead.agenda_items == (
        AgendaItem("7", "Organization of work, adoption of the agenda and allocation of items"),
    )
    assert masthead.title == "Report of the Secretary-General on the work of the Organization"
    assert "no letter title found" in masthead.warnings
    assert body_at == (0, 11)


def test_two_column_agenda_titles_keep_each_column_together() -> None:
    wide = " " * 12
    masthead, _ = parse_masthead(
        Source(
            path="<layout>",
            format="layout",
            capabilities=LAYOUT,
            pages=(
                Page(
                    1,
                    tuple(
                        Line(text=t, indent=0.0)
                        for t in [
                            "General Assembly"
                            + wide
                            + "                           Economic and Social Council",
                            "Seventy-ninth session" + wide + "                      2025 session",
                            "Item 20 of the preliminary list*" + wide + "           Agenda item 12",
                            "Sustainable development"
                            + wide
                            + "                    Coordination, programme and other",
                            "                                   " + wide + "questions",
                            "Letter dated 2 May 2025 from the Permanent Representative of Peru to the",
                            "United Nations addressed to the Secretary-General",
                            "     I have the honour ...",
                        ]
                    ),
                ),
            ),
            digest="0",
        )
    )
    assert [o.name for o in masthead.organs] == ["General Assembly", "Economic and Social Council"]
    assert masthead.organs[1].number == 2025
    assert [(i.number, i.title, i.preliminary) for i in masthead.agenda_items] == [
        ("20", "Sustainable development", True),
        ("12", "Coordination, programme and other questions", False),
    ]
    assert masthead.addressees == (SG,)


def test_markdown_table_masthead() -> None:
    masthead, _ = parse_masthead(
        _source(
            [
                "# A/79/729-S/2025/40",
                "| General Assembly | Security Council |",
                "| --- | --- |",
                "| Seventy-ninth session | Eightieth year |",
                "Distr.: General",
                "17 January 2025",
                "Agenda item 32",
                "**Prevention of armed conflict**",
                "**Letter dated 17 January 2025 from the Permanent Representative of Azerbaijan to the United Nations addressed to the Secretary-General**",
                "Upon instructions ...",
            ],
            fmt="markdown",
        )
    )
    assert masthead.symbols == ("A/79/729", "S/2025/40")
    assert masthead.organs == (
        Organ("General Assembly", "Seventy-ninth session", 79),
        Organ("Security Council", "Eightieth year", 80),
    )
    assert masthead.agenda_items == (AgendaItem("32", "Prevention of armed conflict"),)
    assert masthead.sender == "Permanent Representative of Azerbaijan to the United Nations"


def test_agenda_list_wrapped_over_two_lines() -> None:
    masthead, _ = parse_masthead(
        _source(
            [
                "A/79/999-S/2025/999",
                "General Assembly",
                "Seventy-ninth session",
                "Agenda items 14, 20, 32, 60, 61, 67, 69, 71, 84, 110,",
                "132 and 135",
                "Culture of peace",
                "Globalization and interdependence",
                "Prevention of armed conflict",
                UNHCR[:50],
                UNHCR[51:],
                "Peacebuilding and sustaining peace",
                "Promotion and protection of the rights of children",
                "Elimination of racism, racial discrimination, xenophobia",
                "and related intolerance",
                "Promotion and protection of human rights",
                "The rule of law at the national and international levels",
                "Measures to eliminate international terrorism",
                "The responsibility to protect and the prevention of",
                "genocide, war crimes, ethnic cleansing and crimes",
                "against humanity",
                "Eightieth anniversary of the end of the Second",
                "World War",
                "Letter dated 1 July 2025 from the Permanent Representative of Azerbaijan to the",
                "United Nations addressed to the Secretary-General",
                "I have the honour ...",
            ]
        )
    )
    numbers = ["14", "20", "32", "60", "61", "67", "69", "71", "84", "110", "132", "135"]
    assert [i.number for i in masthead.agenda_items] == numbers
    titles = [i.title for i in masthead.agenda_items]
    assert titles[3] == UNHCR
    assert titles[8] == T84[1]
    assert titles[10] == R2P
    assert titles[11] == T135[1]
    assert len(set(titles)) == 12


def test_addressees_with_to_and_organ_names_containing_and() -> None:
    _, sender, to = split_title(
        "Letter dated 1 May 2025 from the Permanent Representative of Trinidad and Tobago to the United "
        "Nations addressed to the Secretary-General and to the President of the Economic and Social Council"
    )
    assert sender == "Permanent Representative of Trinidad and Tobago to the United Nations"
    assert to == (SG, "President of the Economic and Social Council")


def test_cover_pieces_printed_after_the_title_are_taken_into_the_masthead() -> None:
    masthead, body_at = parse_masthead(
        _source(
            [
                "S/2026/2",
                "Security Council",
                "Letter dated 1 January 2026 from the Secretary-General addressed to the",
                "President of the Security Council",
                "Distr.: General",
                "2 January 2026",
                "English",
                "Original: French",
                "I have the honour to inform you ...",
            ]
        )
    )
    assert masthead.distribution == "General"
    assert masthead.issued == dt.date(2026, 1, 2)
    assert masthead.original_language == "French"
    assert body_at == (0, 8)
    assert "no date of issue found" not in masthead.warnings


def test_a_wrapped_title_line_that_reads_like_a_session_stays_in_the_title() -> None:
    masthead, _ = parse_masthead(
        _source(
            [
                "A/80/150",
                "General Assembly",
                "Eightieth session",
                "Agenda item 8",
                "Adoption of the agenda and organization of work of the",
                "eightieth session",
                "Letter dated 1 July 2025 from the Permanent Representative of Peru to the United Nations",
                "addressed to the President of the General Assembly",
                "I have the honour ...",
            ]
        )
    )
    assert masthead.organs == (Organ("General Assembly", "Eightieth session", 80),)
    assert masthead.agenda_items == (
        AgendaItem("8", "Adoption of the agenda and organization of work of the eightieth session"),
    )
    assert masthead.addressees == (PGA,)


def test_long_list_of_senders_and_a_title_without_addressee() -> None:
    senders = ", ".join(f"Country{n}" for n in range(40))
    words = f"Letter dated 5 May 2025 from the representatives of {senders} and Peru to the United Nations addressed to the Secretary-General".split()
    wrapped = [" ".join(words[k : k + 9]) for k in range(0, len(words), 9)]
    masthead, body_at = parse_masthead(_source(["S/2025/999", "Security Council", *wrapped, "We write ..."]))
    assert masthead.title == " ".join(words)
    assert masthead.addressees == (SG,)
    assert body_at == (0, 2 + len(wrapped))

    masthead, body_at = parse_masthead(
        _source(
            [
                "S/2025/998",
                "Security Council",
                "Letter dated 5 May 2025 from the Secretary-General",
                "The Council ...",
                "More.",
            ]
        )
    )
    assert masthead.title == "Letter dated 5 May 2025 from the Secretary-General"
    assert body_at == (0, 3)
    assert "no addressee found in the title" in masthead.warnings
    assert masthead.sender == "Secretary-General"


# --- the masthead rules: an ordered table of named rules -------------------------------------------


def test_which_masthead_rule_took_each_cell_of_a_real_letter() -> None:
    why: list[tuple[str, str]] = []
    parse_masthead(load_path(LETTERS / "text" / "A_79_798-S_2025_110.txt"), why=why)
    assert why[:12] == [
        ("A/79/798-S/2025/110", "symbol"),
        ("United Nations", "furniture or banner"),
        ("General Assembly", "organ"),
        ("Security Council", "organ"),
        ("Distr.: General", "distribution"),
        ("21 February 2025", "date of issue"),
        ("Original: English", "original language"),
        ("General Assembly", "organ"),
        ("Seventy-ninth session", "session"),
        ("Agenda items 32, 60, 69, 71 and 132", "agenda items"),
        ("Security Council", "organ"),
        ("Eightieth year", "session"),
    ]
    assert {rule for _, rule in why[12:]} == {"agenda item title"}


def test_a_wrapped_agenda_list_is_joined_by_its_rule() -> None:
    why: list[tuple[str, str]] = []
    masthead, _ = parse_masthead(
        _source(
            ["S/2025/1", "General Assembly", "Eightieth session", "Agenda items 12,14,", "16 and 18", "Title"]
        ),
        why=why,
    )
    assert ("Agenda items 12,14,", "agenda list wraps") in why
    assert ("Agenda items 12,14, 16 and 18", "agenda items") in why
    assert [i.number for i in masthead.agenda_items] == ["12", "14", "16", "18"]


def test_masthead_rules_have_unique_names_in_reading_order() -> None:
    names = [name for name, _ in MASTHEAD_RULES]
    assert len(set(names)) == len(names)
    assert names[0] == "symbol" and names[-1] == "agenda item title"  # a title line is what is left
