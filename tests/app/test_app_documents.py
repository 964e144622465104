"""Every kind of document in the reader: the contents pane, `[`/`]`, pinpoints followed into library
documents, internal references, the places `g` accepts, and the header's kind and low-quality warning.

Real fixtures (a resolution, reports) are parsed by the real parser; the citing letter is a real letter
fixture with one sentence added, so the whole pipeline (parser -> pinpoint -> library -> app) is tested.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import types
from pathlib import Path

import pytest
from app_support import app_for, eventually, ready, screen_text, settled, terminal_output
from textual.pilot import Pilot

from reader.app.app import ReaderApp
from reader.app.places import (
    GotoRequest,
    as_pinpoint,
    internal_place,
    parse_goto,
    parse_place,
    place_of,
    reference_annex,
    roman,
    typed_symbol,
)
from reader.app.screens.library_list import LibraryScreen
from reader.app.widgets.contents import next_section
from reader.app.widgets.text_pane import TextPane
from reader.model import (
    Annex,
    Letter,
    LetterKind,
    Organ,
    Paragraph,
    Pinpoint,
    PinpointKind,
    Reference,
    RefKind,
    Section,
)
from tests.conftest import parsed_fixture

DOCUMENTS = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "text"
LETTERS = Path(__file__).resolve().parent.parent / "fixtures" / "letters" / "text"
RES = "S/RES/2771 (2025)"
LIBRARY = ("S_RES_2771_2025", "S_2025_72", "UNW_2025_1", "E_CN.4_149")
CITING = (
    "I recall paragraph 5 of resolution 2771 (2025) and the Council's resolution 2771 (2025), annex.\n"
    "See also section IV of S/2025/72 and paragraph 6 (c) of resolution 2771 (2025).\n"
)


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(library folder, cache folder, the citing letter outside the library), shared by the module."""
    root = tmp_path_factory.mktemp("documents")
    folder = root / "library"
    folder.mkdir()
    for name in LIBRARY:
        shutil.copy(DOCUMENTS / f"{name}.txt", folder / f"{name}.txt")
    text = (LETTERS / "S_2025_80.txt").read_text(encoding="utf-8")
    marker = "I should be grateful if you would bring"
    assert marker in text
    citing = root / "open" / "citing.txt"
    citing.parent.mkdir()
    citing.write_text(text.replace(marker, CITING + marker), encoding="utf-8")
    return folder, root / "cache", citing


@pytest.fixture
def env(tmp_path: Path, shelf: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    folder, cache, citing = shelf
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(cache))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    return folder, citing


def top_line(app: ReaderApp) -> str:
    """The first line of the body the reader sees."""
    body = app.reader.body
    return body.line_text(int(body.scroll_y)).strip()


def header(app: ReaderApp) -> str:
    return str(app.reader.header.render())


def status(app: ReaderApp) -> str:
    return str(app.reader.status.render())


async def select(pilot: Pilot[int], pane: TextPane, wanted: str, kind: RefKind | None = None) -> None:
    """Tab through a pane's references until the one whose text is `wanted` (and of `kind`) is selected."""
    for _ in range(len(pane.marks) + 1):
        await pilot.press("tab")
        mark = pane.selected_mark
        ref = mark.reference if mark is not None else None
        if ref is not None and ref.text == wanted and (kind is None or ref.kind is kind):
            return
    raise AssertionError(f"no reference {wanted!r} in {pane.pane_name}")


async def select_pinpointed(pilot: Pilot[int], app: ReaderApp, symbol: str, value: str) -> None:
    body = app.reader.body
    for _ in range(len(body.marks) + 1):
        await pilot.press("tab")
        mark = body.selected_mark
        ref = mark.reference if mark is not None else None
        if (
            ref is not None
            and ref.symbol == symbol
            and ref.pinpoint is not None
            and ref.pinpoint.value == value
        ):
            return
    raise AssertionError(f"no pinpoint {value!r} of {symbol}")


def library_app(folder: Path, first: Path) -> ReaderApp:
    return ReaderApp([first], load=parsed_fixture, library=[folder])


def shown_symbol(app: ReaderApp) -> str:
    letter = app.reader.shown_letter
    return letter.symbol if letter is not None else ""


# -- pinpoints into library documents ----------------------------------------------------------


async def test_paragraph_pinpoint_opens_the_resolution_at_operative_paragraph_5_and_back_returns(
    env: tuple[Path, Path],
) -> None:
    folder, citing = env
    app = library_app(folder, citing)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await select_pinpointed(pilot, app, RES, "5")
        assert "S/RES/2771 (2025)" in status(app) and "at paragraph 5" in status(app)
        await pilot.press("enter")
        await ready(pilot)
        assert shown_symbol(app) == "S/RES/2771 (2025)"
        assert top_line(app).startswith("5. Welcomes the promotion of peaceful")
        assert "resolution" in header(app)
        await pilot.press("backspace")
        assert shown_symbol(app) == "S/2025/80"
        mark = app.reader.body.selected_mark
        assert mark is not None and mark.reference is not None and mark.reference.pinpoint is not None
        assert mark.reference.pinpoint.value == "5"  # back where the jump started
        await pilot.press("f")
        assert shown_symbol(app) == "S/RES/2771 (2025)"


async def test_sub_item_and_annex_and_section_pinpoints(env: tuple[Path, Path]) -> None:
    folder, citing = env
    app = library_app(folder, citing)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await select_pinpointed(pilot, app, RES, "6 (c)")
        await pilot.press("enter")
        await ready(pilot)
        assert shown_symbol(app) == "S/RES/2771 (2025)"
        assert top_line(app).startswith("(c) strengthen efforts to promote peace education")
        await pilot.press("backspace")
        await select_pinpointed(pilot, app, "S/2025/72", "IV")
        await pilot.press("enter")
        await ready(pilot)
        assert shown_symbol(app) == "S/2025/72"
        letter = app.reader.shown_letter
        assert letter is not None
        section = next(s for s in letter.sections if s.number == "IV")
        assert top_line(app).startswith("IV.") and section.title.split()[0] in top_line(app)


# -- internal references in real documents -----------------------------------------------------


async def test_internal_reference_in_a_real_report_jumps_to_its_annex_and_back() -> None:
    app = ReaderApp([DOCUMENTS / "UNW_2025_1.txt"], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert "report" in header(app)
        await select(pilot, app.reader.body, "in the annex", RefKind.INTERNAL)
        assert "in this document" in status(app)
        before = int(app.reader.body.scroll_y)
        await pilot.press("enter")
        assert top_line(app).startswith("Annex")
        assert int(app.reader.body.scroll_y) > before
        await pilot.press("backspace")
        assert int(app.reader.body.scroll_y) == before
        mark = app.reader.body.selected_mark
        assert mark is not None and mark.reference is not None and mark.reference.text == "in the annex"


async def test_paragraph_below_in_a_real_resolution_jumps_to_that_paragraph() -> None:
    app = ReaderApp([DOCUMENTS / "S_RES_2779_2025.txt"], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await select(pilot, app.reader.body, "paragraph 9 below", RefKind.INTERNAL)
        await pilot.press("enter")
        assert top_line(app).startswith("9.")
        await pilot.press("b")
        mark = app.reader.body.selected_mark
        assert mark is not None and mark.reference is not None and mark.reference.text == "paragraph 9 below"


# -- contents, [ and ] -------------------------------------------------------------------------


async def test_contents_pane_lists_sections_and_enter_jumps_there() -> None:
    app = ReaderApp([DOCUMENTS / "S_2025_72.txt"], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        letter = app.reader.shown_letter
        assert letter is not None and letter.sections
        agenda = app.reader.agenda
        lines = [agenda.line_text(y) for y in range(agenda.line_count)]
        assert "Contents" in lines
        assert "I. Introduction" in lines
        assert "  A. Overview and evolution of the" in " ".join(lines) or any(
            line.startswith("  A. ") for line in lines
        )  # a level-2 heading is indented under its chapter
        assert agenda.border_title == "Agenda · Contents (3)"
        await pilot.press("3")
        second = letter.sections[1]
        for _ in range(len(agenda.marks)):
            await pilot.press("tab")
            mark = agenda.selected_mark
            if mark is not None and mark.anchor == f"section:{second.id}":
                break
        assert "Section" in status(app) and second.title[:20] in status(app)
        await pilot.press("enter")
        assert app.reader.active_pane_name == "body"
        assert top_line(app).startswith(f"{second.number}.")
        await pilot.press("backspace")
        assert app.reader.active_pane_name == "agenda"


async def test_brackets_walk_sections_from_the_current_position() -> None:
    app = ReaderApp([DOCUMENTS / "S_2025_72.txt"], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        letter = app.reader.shown_letter
        assert letter is not None
        numbers = [s.number for s in letter.sections]
        seen = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            seen.append(top_line(app).split(".")[0])
        assert seen == numbers[:3]  # I, II, A
        await pilot.press("left_square_bracket")
        assert top_line(app).split(".")[0] == numbers[1]
        await pilot.press("right_square_bracket", "down")  # a line into section A: [ goes to its start
        await pilot.press("left_square_bracket")
        assert top_line(app).split(".")[0] == numbers[2]
        await pilot.press("left_square_bracket")  # from a section's start: the one before
        assert top_line(app).split(".")[0] == numbers[1]
        await pilot.press("end")
        at_end = app.reader.body.scroll_y
        await pilot.press("right_square_bracket")  # the last section starts above the view: none after
        assert app.reader.body.scroll_y == at_end
        assert [n.message for n in app._notifications][-1] == "No next section."
        await pilot.press("left_square_bracket")
        assert top_line(app).startswith(f"{numbers[-1]}. {letter.sections[-1].title}")


# -- g: symbols with places, places in this document -------------------------------------------


async def goto(pilot: Pilot[int], text: str) -> None:
    await pilot.press("g")
    await pilot.press(*text)
    await pilot.press("enter")
    await ready(pilot)


async def test_g_goes_to_a_place_in_the_shown_document() -> None:
    app = ReaderApp([DOCUMENTS / "S_RES_2771_2025.txt"], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await goto(pilot, "12")
        assert top_line(app).startswith("12. Condemns the continued violations")
        await goto(pilot, "para 3")
        assert top_line(app).startswith("3. Recalls the status of Varosha")
        await goto(pilot, "paragraph 6 (b)")
        assert top_line(app).startswith("(b) ensure effective coordination")
        await pilot.press("b")
        assert top_line(app).startswith("3. Recalls")  # each place is a jump: back returns
        await goto(pilot, "para 999")
        assert top_line(app).startswith("3. Recalls")  # nothing moved
        assert any("No paragraph 999" in n.message for n in app._notifications)


async def test_g_goes_to_annex_and_section_in_a_report() -> None:
    app = ReaderApp([DOCUMENTS / "S_2025_72.txt"], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await goto(pilot, "section III")
        assert top_line(app).startswith("III.")
        await goto(pilot, "annex")
        letter = app.reader.shown_letter
        assert letter is not None and letter.annexes
        assert "Annex" in app.reader.body.visible_text().splitlines()  # the end: as high as it scrolls
        await goto(pilot, "section II")
        assert top_line(app).startswith("II. Threat assessment")


async def test_g_takes_a_symbol_with_a_pinpoint(env: tuple[Path, Path]) -> None:
    folder, citing = env
    app = library_app(folder, citing)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await goto(pilot, "S/RES/2771 (2025) para 5")
        assert shown_symbol(app) == "S/RES/2771 (2025)"
        assert await eventually(pilot, lambda: top_line(app).startswith("5. Welcomes")), top_line(app)
        await pilot.press("b")
        assert shown_symbol(app) == "S/2025/80"
        await goto(pilot, "resolution 2771 (2025), paragraph 11")
        assert shown_symbol(app) == "S/RES/2771 (2025)"
        full_support = "11. Expresses its full support for UNFICYP"
        assert await eventually(pilot, lambda: top_line(app).startswith(full_support)), top_line(app)
        await goto(pilot, "S/2025/72 section II")
        assert shown_symbol(app) == "S/2025/72"
        threat = "II. Threat assessment"
        assert await eventually(pilot, lambda: top_line(app).startswith(threat)), top_line(app)


# -- header: kind and low quality --------------------------------------------------------------


async def test_header_names_the_kind_and_warns_of_poor_text() -> None:
    app = ReaderApp([DOCUMENTS / "E_CN.4_149.txt"], load=parsed_fixture)
    async with app.run_test(size=(160, 40)) as pilot:
        await settled(pilot)
        letter = app.reader.shown_letter
        assert letter is not None and letter.low_quality
        assert "⚠ poor text" in header(app) and f"· {letter.kind}" in header(app)


async def test_header_of_a_plain_letter_is_unchanged() -> None:
    app = ReaderApp([LETTERS / "S_2025_80.txt"], load=parsed_fixture)
    async with app.run_test(size=(160, 40)) as pilot:
        await settled(pilot)
        assert "S/2025/80" in header(app)
        assert "poor text" not in header(app) and "· letter" not in header(app)


# -- the library list: kinds and poor text -----------------------------------------------------


async def test_library_list_filters_by_kind_and_marks_poor_text(env: tuple[Path, Path]) -> None:
    folder, citing = env
    app = library_app(folder, citing)
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(pilot)
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert len(screen.table.rows) == len(LIBRARY)
        await pilot.press(*"kind:report")
        await pilot.pause()
        assert sorted(entry.symbol for entry in screen.table.rows) == ["S/2025/72", "UNW/2025/1"]
        assert "poor text" not in screen_text(app)
        for _ in "kind:report":
            await pilot.press("backspace")
        await pilot.pause()
        assert len(screen.table.rows) == len(LIBRARY)
        poor = [entry for entry in screen.table.rows if entry.low_quality]
        assert [entry.path.name for entry in poor] == ["E_CN.4_149.txt"]
        rows = [line for line in screen_text(app).splitlines() if "⚠ poor text" in line]
        assert len(rows) == 1 and poor[0].label in rows[0]
        await pilot.press("escape")


# -- snapshot: a report with its contents ------------------------------------------------------


def hand_built_report() -> Letter:
    """A report built by hand (not parsed), so a parser change never changes the picture."""
    texts = [
        ("I", "I. Introduction"),
        ("1", "1. The present report is submitted pursuant to resolution 2231 (2015), paragraph 5."),
        ("2", "2. It covers the period from 1 January to 30 June 2025; see annex I."),
        ("II", "II. Threat assessment"),
        ("A", "A. Overview"),
        ("3", "3. The threat remains high, as described in paragraph 1 above."),
        ("B", "B. Regional trends"),
        ("4", "4. Regional trends are set out in section III below."),
        ("III", "III. Observations"),
        ("5", "5. I call on all parties to comply with their obligations."),
    ]
    paragraphs = tuple(Paragraph(f"p{i + 1}", text, number) for i, (number, text) in enumerate(texts))
    sections = (
        Section("s1", 1, "I", "Introduction", "p1"),
        Section("s2", 1, "II", "Threat assessment", "p4"),
        Section("s3", 2, "A", "Overview", "p5"),
        Section("s4", 2, "B", "Regional trends", "p7"),
        Section("s5", 1, "III", "Observations", "p9"),
    )
    p2, p6 = texts[1][1], texts[5][1]
    start = p2.index("resolution 2231 (2015)")
    references = (
        Reference(
            RefKind.RESOLUTION,
            "resolution 2231 (2015)",
            "p2",
            start,
            start + len("resolution 2231 (2015)"),
            symbol="S/RES/2231 (2015)",
            components=("S/RES/2231 (2015)",),
            pinpoint=Pinpoint(PinpointKind.PARAGRAPH, "5"),
        ),
        Reference(RefKind.INTERNAL, "see annex I", "p3", 56, 67, target="a1"),
        Reference(
            RefKind.INTERNAL, "paragraph 1 above", "p6", p6.index("paragraph"), len(p6) - 1, target="p2"
        ),
    )
    return Letter(
        source="report.txt",
        format="text",
        kind=LetterKind.REPORT,
        symbols=("S/2025/999",),
        organs=(Organ("Security Council", "Eightieth year"),),
        title="Report of the Secretary-General on the threat",
        date=dt.date(2025, 7, 15),
        paragraphs=paragraphs,
        annexes=(Annex("a1", "Annex I", (Paragraph("a1.p1", "Statistics by region."),)),),
        references=references,
        sections=sections,
    )


def test_report_with_contents_snapshot(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = app_for({"report.txt": hand_built_report()})
    assert snap_compare(app, terminal_size=(120, 40), run_before=ready, press=["3", "tab", "tab"])


# -- places as data (reader/app/places.py, widgets/contents.py) --------------------------------


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("12", PinpointKind.PARAGRAPH, "12"),
        ("para 12", PinpointKind.PARAGRAPH, "12"),
        ("para. 12", PinpointKind.PARAGRAPH, "12"),
        ("paragraph 6 (a)", PinpointKind.PARAGRAPH, "6 (a)"),
        ("paras 154–178", PinpointKind.PARAGRAPH, "154–178"),
        ("§ 3", PinpointKind.PARAGRAPH, "3"),
        ("annex II", PinpointKind.ANNEX, "II"),
        ("Annex", PinpointKind.ANNEX, ""),
        ("section IV", PinpointKind.SECTION, "IV"),
        ("chapter III.B", PinpointKind.SECTION, "III.B"),
        ("page 4", PinpointKind.PAGE, "4"),
    ],
)
def test_parse_place(typed: str, kind: PinpointKind, value: str) -> None:
    assert parse_place(typed) == Pinpoint(kind, value)


@pytest.mark.parametrize("typed", ["", "section", "para", "S/2025/72", "hello world", "12 apples"])
def test_what_is_not_a_place(typed: str) -> None:
    assert parse_place(typed) is None


def test_parse_goto() -> None:
    assert parse_goto("  ") is None
    assert parse_goto("annex II") == GotoRequest(None, Pinpoint(PinpointKind.ANNEX, "II"))
    assert parse_goto("S/RES/2231 (2015) para 5") == GotoRequest(
        "S/RES/2231 (2015)", Pinpoint(PinpointKind.PARAGRAPH, "5")
    )
    assert parse_goto("A/74/961, annex, paras. 154") == GotoRequest(
        "A/74/961", Pinpoint(PinpointKind.PARAGRAPH, "154"), ""
    )
    assert parse_goto("A/74/961 annex II para 3") == GotoRequest(
        "A/74/961", Pinpoint(PinpointKind.PARAGRAPH, "3"), "II"
    )
    assert parse_goto("A/74/961 annex") == GotoRequest("A/74/961", Pinpoint(PinpointKind.ANNEX, ""))
    assert parse_goto("resolution 2231 (2015), paragraph 5") == GotoRequest(
        "resolution 2231 (2015)", Pinpoint(PinpointKind.PARAGRAPH, "5")
    )
    assert parse_goto("A/79/798-S/2025/110") == GotoRequest("A/79/798-S/2025/110", None)
    assert parse_goto("S/2025/72 section II") == GotoRequest(
        "S/2025/72", Pinpoint(PinpointKind.SECTION, "II")
    )


def test_typed_resolutions_become_symbols() -> None:
    assert typed_symbol("resolution 2231 (2015)") == "S/RES/2231 (2015)"
    assert typed_symbol("Resolution 60/251") == "A/RES/60/251"
    assert typed_symbol("S/2025/72") == "S/2025/72"
    assert typed_symbol("resolution") == "resolution"


def test_roman() -> None:
    assert [roman(v) for v in ("I", "IV", "ix", "XIV", "XL", "A", "")] == [1, 4, 9, 14, 40, None, None]


def test_place_of_in_a_hand_built_report() -> None:
    report = hand_built_report()
    assert place_of(report, Pinpoint(PinpointKind.PARAGRAPH, "3")) == "p6"
    assert place_of(report, Pinpoint(PinpointKind.PARAGRAPH, "4–5")) == "p8"  # a range opens at its start
    assert place_of(report, Pinpoint(PinpointKind.PARAGRAPH, "99")) is None
    assert place_of(report, Pinpoint(PinpointKind.SECTION, "II")) == "p4"
    assert place_of(report, Pinpoint(PinpointKind.SECTION, "II.B")) == "p7"  # B inside II
    assert place_of(report, Pinpoint(PinpointKind.SECTION, "IX")) is None
    assert place_of(report, Pinpoint(PinpointKind.ANNEX, "")) == "a1"
    assert place_of(report, Pinpoint(PinpointKind.ANNEX, "I")) == "a1"
    assert place_of(report, Pinpoint(PinpointKind.ANNEX, "II")) is None
    assert place_of(report, Pinpoint(PinpointKind.PAGE, "3")) is None  # no pages in parsed text


def test_paragraph_pinpoint_in_an_annex_when_the_citing_text_names_it() -> None:
    annexed = Letter(
        source="x.txt",
        format="text",
        paragraphs=(Paragraph("p1", "5. In the main text.", "5"),),
        annexes=(
            Annex("a1", "Annex I", (Paragraph("a1.p1", "5. In annex I.", "5"),)),
            Annex("a2", "Annex II", (Paragraph("a2.p1", "5. In annex II.", "5"),)),
        ),
    )
    five = Pinpoint(PinpointKind.PARAGRAPH, "5")
    assert place_of(annexed, five) == "p1"
    assert place_of(annexed, five, annex="") == "a1.p1"
    assert place_of(annexed, five, annex="II") == "a2.p1"
    text = "See A/74/961, annex II, para. 5, and A/74/962, para. 5."
    first = Reference(RefKind.DOCUMENT, "A/74/961", "p1", 4, 12, symbol="A/74/961", pinpoint=five)
    second = Reference(RefKind.DOCUMENT, "A/74/962", "p1", 36, 44, symbol="A/74/962", pinpoint=five)
    assert reference_annex(text, first) == "II"
    assert reference_annex(text, second) is None


def test_internal_place_uses_the_parser_target_else_its_words() -> None:
    report = hand_built_report()
    found = Reference(RefKind.INTERNAL, "paragraph 1 above", "p6", 0, 17, target="p2")
    assert internal_place(report, found) == "p2"
    words = Reference(RefKind.INTERNAL, "section III below", "p8", 0, 17)
    assert internal_place(report, words) == "p9"
    annex = Reference(RefKind.INTERNAL, "the annex to the present report", "p8", 0, 31)
    assert internal_place(report, annex) == "a1"
    assert internal_place(report, Reference(RefKind.INTERNAL, "annex IX", "p8", 0, 8)) is None
    titled = dataclasses.replace(
        report, annexes=(Annex("a1", "Annex"), Annex("a2", "Annex I"), Annex("a3", "Annex II"))
    )
    counted = Reference(RefKind.INTERNAL, "in annex II", "p8", 0, 11, target="a2")  # the parser counts
    assert internal_place(titled, counted) == "a3"  # the annex titled "Annex II" wins


def test_next_section_counts_from_a_block() -> None:
    sections = [(2, Section("s1", 1, "I", "A", "p1")), (6, Section("s2", 1, "II", "B", "p4"))]
    assert next_section(sections, 0, 1) == sections[0]
    assert next_section(sections, 2, 1) == sections[1]
    assert next_section(sections, 6, 1) is None
    assert next_section(sections, 7, -1) == sections[1]  # inside II: back to its start
    assert next_section(sections, 6, -1) == sections[0]  # at its start: the one before
    assert next_section(sections, 2, -1) is None


async def test_section_titles_are_shown_literally() -> None:
    """A heading's text is untrusted like any other: never markup, control characters made visible."""
    report = hand_built_report()
    hostile = Section("s9", 1, "IV", "[bold red]Loud[/] \x1b[31mred\x07", "p10")
    app = app_for({"report.txt": dataclasses.replace(report, sections=(*report.sections, hostile))})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        agenda = app.reader.agenda
        assert any(block.text == "IV. [bold red]Loud[/] ␛[31mred␇" for block in agenda.blocks)
        await pilot.press("3", *["tab"] * len(report.sections), "tab")
        assert "[bold red]Loud[/]" in status(app) and "\x1b" not in status(app)
        assert "␛[31mred␇" in screen_text(app) and "\x07" not in terminal_output(app)
        await pilot.press("enter")
        assert app.reader.active_pane_name == "body"
        assert "5. I call on all parties to comply with their" in app.reader.body.visible_text()


async def test_internal_reference_in_a_footnote_jumps_to_the_annex_in_the_body() -> None:
    """A/80/33's footnote "... in annex IV": followed from the footnotes pane, the body shows annex IV."""
    app = ReaderApp([DOCUMENTS / "A_80_33.txt"], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        letter = app.reader.shown_letter
        assert letter is not None
        ref = next(r for r in letter.references if r.kind is RefKind.INTERNAL and r.text == "in annex IV")
        assert ref.where.startswith("fn")
        await pilot.press("2")
        await select(pilot, app.reader.footnotes, "in annex IV", RefKind.INTERNAL)
        await pilot.press("enter")
        assert app.reader.active_pane_name == "body"
        assert "Annex IV" in app.reader.body.visible_text().splitlines()  # by title: an untitled annex
        assert [a.title for a in letter.annexes].index("Annex IV") == 4  # comes before, counting is off
        await pilot.press("backspace")
        assert app.reader.active_pane_name == "footnotes"


def test_as_pinpoint_takes_a_model_pinpoint_or_anything_shaped_like_one() -> None:
    five = Pinpoint(PinpointKind.PARAGRAPH, "5")
    assert as_pinpoint(five) is five
    assert as_pinpoint(types.SimpleNamespace(kind="annex", value=None)) == Pinpoint(PinpointKind.ANNEX, "")
    assert as_pinpoint(types.SimpleNamespace(kind="chapter", value="2")) is None
    assert as_pinpoint(None) is None and as_pinpoint("paragraph 5") is None
