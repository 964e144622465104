"""Tables stay readable as rows: one paragraph per table row, cells joined by " | " (issue 8).

Synthetic tables in the three forms (`-layout` text, plain pdftotext text with one cell a line, and a
PDF drawn from the layout page), real tables from the fixtures as a person reads them, and prose
that looks a little like a table (numbered paragraphs, contents lines, dates) left as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.export_akn import letter_to_akn
from reader.formats.load import load_bytes
from reader.model import Letter
from reader.parser import parse_bytes, parse_path
from reader.parser.tables import is_figure
from tests.conftest import LETTER_NAMES, LETTERS
from tests.synthetic_letters import LEFT, OrganBlock, Spec, render
from tests.synthetic_pdf import _page_stream, pdf_document

DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"
MARK = "TABLEGOESHERE"

PROSE = (
    "I have the honour to transmit herewith the financial statement of the Mission for the budget "
    "period, as requested by the Security Council in its resolution 2767 (2024).",
    MARK,
    "I should be grateful if you would have the present letter and its table circulated as a "
    "document of the Security Council.",
)
SPEC = Spec(
    symbols=("S/2025/997",),
    organs_header=("Security Council",),
    issued="3 March 2025",
    title=(
        "Letter dated 28 February 2025 from the Permanent Representative of Examplia to the United "
        "Nations addressed to the President of the Security Council"
    ),
    paragraphs=PROSE,
    blocks=(OrganBlock("Security Council", "Eightieth year"),),
    signatures=(("Jane Q. Doe", ("Ambassador", "Permanent Representative")),),
)

# (label, figures) as printed; the layout page sets them in columns
TABLE = (
    ("Category", ("2023", "2024", "Change")),
    ("Military contingents", ("126 430.3", "104 789.5", "(21 640.8)")),
    ("United Nations police", ("110.3", "232.8", "122.5")),
    ("Formed police units", ("6 467.4", "7 078.3", "611.0")),
    ("Total", ("133 008.0", "112 100.6", "(20 907.4)")),
)
ROWS = [" | ".join((label, *figures)) for label, figures in TABLE[1:]]


def _layout_table() -> list[str]:
    lines = []
    for label, figures in TABLE:
        line = " " * LEFT + label.ljust(30) + "".join(f.rjust(20) for f in figures)
        lines.append(line)
    return lines


def _plain_table() -> list[str]:
    lines: list[str] = []
    for label, figures in TABLE:
        for cell in (label, *figures):
            lines += [cell, ""]
    return lines


def _with_table(text: str, table: list[str]) -> str:
    lines = text.split("\n")
    at = next(k for k, line in enumerate(lines) if MARK in line)
    return "\n".join(lines[:at] + table + lines[at + 1 :])


def _layout() -> str:
    return _with_table(render(SPEC, layout=True), _layout_table())


def _pdf() -> bytes:
    pages = [p for p in _layout().split("\f") if p.strip()]
    return pdf_document([_page_stream(page.split("\n"), set()) for page in pages])


def _texts(letter: Letter) -> list[str]:
    return [p.text for p in letter.paragraphs]


def _forms() -> dict[str, Letter]:
    return {
        "layout": parse_bytes(_layout().encode(), "table.txt"),
        "text": parse_bytes(_with_table(render(SPEC), _plain_table()).encode(), "table.txt"),
        "pdf": parse_bytes(_pdf(), "table.pdf"),
    }


@pytest.mark.parametrize("form", ["layout", "text", "pdf"])
def test_a_synthetic_table_reads_one_row_a_paragraph(form: str) -> None:
    letter = _forms()[form]
    assert letter.format == form
    texts = _texts(letter)
    at = texts.index(ROWS[0])
    assert texts[at : at + len(ROWS)] == ROWS
    # the prose around the table is read as without it
    assert texts[0] == PROSE[0] and texts[-1] == PROSE[2]
    assert [t for t in texts if " | " in t and t not in ROWS] == [
        "Category | 2023 | 2024" if form == "text" else "Category | 2023 | 2024 | Change"
    ]


def test_the_layout_header_row_keeps_its_columns() -> None:
    texts = _texts(parse_bytes(_layout().encode(), "table.txt"))
    assert "Category | 2023 | 2024 | Change" in texts


def test_without_the_table_the_prose_is_the_same() -> None:
    plain = Spec(**{**SPEC.__dict__, "paragraphs": (PROSE[0], PROSE[2])})
    for form, letter in _forms().items():
        alone = parse_bytes(render(plain, layout=form != "text").encode(), "plain.txt")
        # plain text: "Change", a header cell without figures, is a row of one cell
        prose = [t for t in _texts(letter) if " | " not in t and t != "Change"]
        assert prose == _texts(alone), form


def _layout_letter(lines: list[str]) -> Letter:
    return parse_bytes(_with_table(render(SPEC, layout=True), lines).encode(), "x.txt")


def test_numbered_paragraphs_with_a_wide_gap_stay_prose() -> None:
    body = [
        " " * LEFT + "3.    The Council also requested the Mission, in line with paragraphs 2 (f)",
        " " * LEFT + "      and (g) of its resolution, to report on the support provided.",
        " " * LEFT + "4.    In addition, the Security Council requested the Office, in full",
        " " * LEFT + "      cooperation with the Mission, to report on the transition.",
        " " * LEFT + "5.    In mandating the Office to continue to provide the logistical package,",
        " " * LEFT + "      the Council took note of the joint report.",
    ]
    texts = _texts(_layout_letter(body))
    assert not any(" | " in t for t in texts)
    assert any(t.startswith("4. In addition, the Security Council requested") for t in texts)


def test_a_contents_list_with_dot_leaders_stays_headings() -> None:
    body = [
        " " * LEFT + f"{n}.     {title} " + ". " * (30 - len(title) // 2) + f"    {page}"
        for n, title, page in (("I", "Introduction", 3), ("II", "Background", 4), ("III", "Findings", 7))
    ]
    texts = _texts(_layout_letter(body))
    assert not any(" | " in t for t in texts)


def test_text_set_in_two_columns_is_not_a_table() -> None:
    left = (
        "The review is about how the organizations have upheld,",
        "in their own institutions, the provisions in the legal",
        "and policy framework established for addressing racism",
        "and racial discrimination. It provides a description of",
        "the measures and mechanisms adopted and implemented to",
    )
    right = (
        "assessment and analysis, and to deliver effective action",
        "and effective oversight and accountability of the issue",
        "of race and racism. Similarly, the absence of racial data",
        "prevents adequate decision-making and policy improvement",
        "in the pursuit of equality of opportunities for all staff.",
    )
    body = [" " * LEFT + a.ljust(60) + b for a, b in zip(left, right, strict=True)]
    assert not any(" | " in t for t in _texts(_layout_letter(body)))


def test_plain_short_lines_without_figures_stay_as_they_were() -> None:
    names = ["Argentina", "", "Brazil", "", "Chile", "", "Colombia", "", "Ecuador", ""]
    letter = parse_bytes(_with_table(render(SPEC), names).encode(), "x.txt")
    assert not any(" | " in t for t in _texts(letter))


def test_a_figure_is_a_number_not_a_paragraph_number() -> None:
    assert all(is_figure(t) for t in ("126 430.3", "(5.6)", "12%", "–", "1,234", "$3.5", "2024"))
    assert not any(is_figure(t) for t in ("3.", "(a)", "IV.", "1 May 2025", "(2025/26)", "A/79/907"))


# --- real tables ------------------------------------------------------------------------------------

BUDGET = "A_79_907-S_2025_268"


def _annex_texts(letter: Letter) -> list[str]:
    return [p.text for a in letter.annexes for p in a.paragraphs]


@pytest.mark.parametrize("form", ["layout", "text", "pdf"])
def test_the_budget_table_of_a_real_letter_reads_as_rows(form: str) -> None:
    path = next((LETTERS / form).glob(f"{BUDGET}.*"))
    texts = _annex_texts(parse_path(path))
    assert "United Nations police | 110.3 | 232.8 | 227.2 | (5.6) | (2.4)" in texts
    assert "Formed police units | 6 467.4 | 7 078.3 | 6 227.4 | (850.9) | (12.0)" in texts
    assert "Official travel | 1 611.3 | 1 555.9 | 1 533.9 | (22.0) | (1.4)" in texts


def test_a_wrapped_text_table_keeps_one_row_a_line_in_layout() -> None:
    texts = _annex_texts(parse_path(LETTERS / "layout" / f"{BUDGET}.txt"))
    row = next(t for t in texts if t.startswith("Air operations | 1 fixed-wing C-130 | 3 800 |"))
    assert "Low: the impact would be low on the four sectors," in row.split(" | ")


def test_a_list_of_participants_reads_as_rows_in_pdf() -> None:
    letter = parse_path(DOCUMENTS / "pdf" / "A_CN.10_2025_INF_1.pdf")
    assert "Country | Representative | Alternates | Advisers" in [p.text for p in letter.paragraphs]


def test_a_statistics_table_in_plain_text_reads_as_rows() -> None:
    texts = [p.text for p in parse_path(DOCUMENTS / "text" / "DP_FPA_2025_5.txt").paragraphs]
    assert "Description | 2015 | 2016 | 2017 | 2018 | 2019 | 2020 | 2021 | 2022 | 2023 | 2024" in texts


WITH_TABLES = {BUDGET, "S_2025_85", "S_2025_455"}  # letters whose annexes print tables


@pytest.mark.parametrize("form", ["text", "layout", "pdf"])
def test_letters_without_tables_keep_their_paragraphs(form: str) -> None:
    """No row of prose in any other fixture letter is read as a table row."""
    for name in LETTER_NAMES:
        if name in WITH_TABLES:
            continue
        path = next((LETTERS / form).glob(f"{name}.*"))
        letter = parse_path(path)
        rows = [t for t in _texts(letter) + _annex_texts(letter) if " | " in t]
        assert rows == [], (name, rows[:3])


def test_table_rows_survive_the_akoma_ntoso_round_trip() -> None:
    letter = parse_path(LETTERS / "layout" / f"{BUDGET}.txt")
    xml = letter_to_akn(letter)
    assert load_bytes(xml, "x.xml").format == "akn"
    again = parse_bytes(xml, "x.xml")
    assert _annex_texts(again) == _annex_texts(letter)
    assert "Official travel | 1 611.3 | 1 555.9 | 1 533.9 | (22.0) | (1.4)" in _annex_texts(again)
