"""Synthetic documents, printed as pdftotext prints real ones, varying one thing at a time: kinds,
own symbols against cited ones, adoption lines, printed numbers, sections, speakers, pinpoints,
internal references, poor OCR, and the CLI's JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.model import Letter, PinpointKind, RefKind
from reader.parser import parse_bytes, quality
from reader.parser.quality import THRESHOLD, garbage_share
from tests.conftest import ROOT

FOOTER = "\n\n25-01234 (E)\n\n*2501234*\n"


def page_header(symbol: str, page: int, total: int) -> str:
    return f"\f{symbol}\n\n{page}/{total}\n\n25-01234\n\n"


def document(
    symbol: str, organ: str, head: list[str], body: list[str], date: str = "3 June 2025", pages: int = 2
) -> str:
    """A first page (symbol, organ, distribution, date, then ``head``) and ``body`` spread over pages."""
    first = [
        symbol,
        "",
        "United Nations",
        "",
        organ,
        "",
        "Distr.: General",
        date,
        "Original: English",
        "",
        *head,
        "",
    ]
    per_page = max(1, len(body) // pages + 1)
    chunks = [body[k : k + per_page] for k in range(0, len(body), per_page)] or [[]]
    out = "\n".join(first) + "\n".join(chunks[0]) + FOOTER
    for n, chunk in enumerate(chunks[1:], start=2):
        out += page_header(symbol, n, len(chunks)) + "\n".join(chunk) + FOOTER
    return out


def parse(text: str, name: str = "made-up.txt") -> Letter:
    return parse_bytes(text.encode("utf-8"), name)


REPORT_BODY = [
    "I. Introduction",
    "1.",
    "The present report is submitted pursuant to Security Council resolution 2231 (2015),",
    "in which the Council requested the Secretary-General to report every six months.",
    "II. Political developments",
    "A. Regional dialogue",
    "2.",
    "During the reporting period, the parties met twice (see annex). The Mission took note",
    "of the letter dated 2 May 2025 (S/2025/280) and of paragraph 5 of resolution 2231 (2015).",
    "3.",
    "As set out in paragraph 2 above, and further described in section III below, the",
    "dialogue continued; see A/74/961, annex, paras. 154–178, and section IV of A/79/352.",
    "B. Humanitarian situation",
    "4.",
    "Humanitarian needs remained high. The text of resolution 2231 (2015), para. 5, is",
    "recalled in annex II.",
    "III. Observations",
    "5.",
    "I remain concerned by the situation and call on all parties to exercise restraint.",
]


def report_text(symbol: str = "S/2025/999") -> str:
    head = ["Situation in the Region", "Report of the Secretary-General"]
    return document(symbol, "Security Council", head, REPORT_BODY)


def test_a_report_is_a_report_with_its_own_symbol_title_and_date() -> None:
    got = parse(report_text())
    assert str(got.kind) == "report"
    assert got.symbols == ("S/2025/999",)  # never S/2025/280 or A/74/961, which it cites
    assert got.title == "Situation in the Region"
    assert got.date == dt.date(2025, 6, 3)


def test_printed_numbers_standing_alone_join_their_paragraph() -> None:
    got = parse(report_text())
    numbered = {p.number: p.text for p in got.paragraphs if p.number}
    assert [n for n in numbered if n.isdigit()] == ["1", "2", "3", "4", "5"]
    assert numbered["1"].startswith("1. The present report is submitted")
    assert numbered["II"] == "II. Political developments"
    assert numbered["A"] == "A. Regional dialogue"


def test_sections_form_the_heading_tree_and_point_at_their_paragraph() -> None:
    got = parse(report_text())
    tree = [(s.level, s.number, s.title) for s in got.sections]
    assert tree == [
        (1, "I", "Introduction"),
        (1, "II", "Political developments"),
        (2, "A", "Regional dialogue"),
        (2, "B", "Humanitarian situation"),
        (1, "III", "Observations"),
    ]
    by_id = {p.id: p for p in got.paragraphs}
    assert by_id[got.sections[2].paragraph].text == "A. Regional dialogue"


def _pinpoints(got: Letter) -> dict[str, tuple[str, str]]:
    return {r.text: (str(r.pinpoint.kind), r.pinpoint.value) for r in got.references if r.pinpoint}


def test_pinpoints_before_and_after_the_reference() -> None:
    got = parse(report_text())
    points = _pinpoints(got)
    assert points["A/74/961"] == ("paragraph", "154–178")
    assert points["A/79/352"] == ("section", "IV")
    assert ("paragraph", "5") in [v for k, v in points.items() if "2231" in k]
    # "resolution 2231 (2015), para. 5" and "paragraph 5 of resolution 2231 (2015)"
    para5 = [r for r in got.references if r.symbol == "S/RES/2231 (2015)" and r.pinpoint]
    assert len(para5) == 2 and all(r.pinpoint and r.pinpoint.kind is PinpointKind.PARAGRAPH for r in para5)
    # the plain citation in paragraph 1 names no place
    texts = got.texts()
    first = [
        r for r in got.references if r.symbol == "S/RES/2231 (2015)" and texts[r.where].startswith("1. ")
    ]
    assert first and first[0].pinpoint is None


def test_internal_references_point_inside_the_document() -> None:
    got = parse(report_text())
    internal = {r.text: r.target for r in got.references if r.kind is RefKind.INTERNAL}
    assert "see annex" in internal
    assert "in annex II" in internal
    by_number = {p.number: p.id for p in got.paragraphs}
    assert internal["paragraph 2 above"] == by_number["2"]
    sections = {s.number: s.paragraph for s in got.sections}
    assert internal["section III below"] == sections["III"]
    # none of them is mistaken for a document
    assert all(r.symbol is None for r in got.references if r.kind is RefKind.INTERNAL)


def test_a_pinpoint_annex_of_a_cited_document_is_not_an_internal_reference() -> None:
    got = parse(report_text())
    texts = got.texts()
    for r in got.references:
        if r.kind is RefKind.INTERNAL:
            assert "A/74/961" not in texts[r.where][max(0, r.start - 12) : r.start]


GA_RESOLUTION = [
    "The General Assembly,",
    "Recalling its resolution 78/100 of 7 December 2023,",
    "Noting with concern the situation described in the report of the Secretary-General,",
    "1.",
    "Requests the Secretary-General to submit a report;",
    "2.",
    "Decides to include in the provisional agenda of its eightieth session the item, and:",
    "(a)",
    "To consider the report;",
    "(b)",
    "To take action on it.",
]


def test_a_general_assembly_resolution_with_its_adoption_line() -> None:
    head = [
        "Seventy-ninth session",
        "Agenda item 68",
        "",
        "Resolution adopted by the General Assembly on 4 December 2024",
        "[without reference to a Main Committee (A/79/L.20)]",
        "",
        "79/123. Strengthening of cooperation",
    ]
    got = parse(document("A/RES/79/123", "General Assembly", head, GA_RESOLUTION, date="9 December 2024"))
    assert str(got.kind) == "resolution"
    assert got.symbols == ("A/RES/79/123",)
    assert got.adopted is not None
    assert (got.adopted.organ, got.adopted.meeting, got.adopted.date) == (
        "General Assembly",
        None,
        dt.date(2024, 12, 4),
    )
    assert got.date == dt.date(2024, 12, 4)
    assert got.title == "79/123. Strengthening of cooperation"
    assert got.resolution is not None
    assert (got.resolution.number, got.resolution.year) == ("79/123", None)
    by_id = {p.id: p for p in got.paragraphs}
    preamble = [by_id[i].text.split()[0] for i in got.resolution.preamble]
    assert preamble == ["Recalling", "Noting"]
    assert [by_id[i].number for i in got.resolution.operative] == ["1", "2", "(a)", "(b)"]


def test_a_council_adoption_line_wrapped_over_two_lines() -> None:
    head = [
        "Resolution 2800 (2025)",
        "Adopted by the Security Council at its 9999th meeting, on",
        "20 May 2025",
    ]
    body = [
        "The Security Council,",
        "Reaffirming its previous resolutions,",
        "1.",
        "Decides to remain seized of the matter.",
    ]
    got = parse(document("S/RES/2800 (2025)", "Security Council", head, body, date="20 May 2025", pages=1))
    assert got.adopted is not None
    assert (got.adopted.organ, got.adopted.meeting, got.adopted.date) == (
        "Security Council",
        "9999th",
        dt.date(2025, 5, 20),
    )
    assert got.title == "Resolution 2800 (2025)"
    assert got.resolution is not None and (got.resolution.number, got.resolution.year) == ("2800", 2025)


@pytest.mark.parametrize(
    ("symbol", "printed"),
    [
        ("A/CONF.243/2025/1/Add.1", "A/CONF.243/2025/1/Add.1"),
        ("A/80/15 (Part I)", "A/80/15 (Part I)"),
        ("S/RES/2771 (2025)", "S/RES/2771 (2025)"),
        ("E/2025/34 (Part II)-E/ICEF/2025/7 (Part II)", "E/2025/34 (Part II)|E/ICEF/2025/7 (Part II)"),
        ("A/79/924–S/2025/351", "A/79/924|S/2025/351"),
        ("TPNW/MSP/2025/WP.4", "TPNW/MSP/2025/WP.4"),
        ("S/2025/71/Rev.1", "S/2025/71/Rev.1"),
    ],
)
def test_own_symbols_are_kept_exactly_as_printed(symbol: str, printed: str) -> None:
    got = parse(
        document(symbol, "General Assembly", ["Some matter", "Note by the Secretariat"], REPORT_BODY[:4])
    )
    assert got.symbols == tuple(printed.split("|"))


def test_meeting_record_speakers_are_sections() -> None:
    body = [
        "The meeting was called to order at 10.05 a.m.",
        "",
        "The President: I welcome the Ministers present at the table.",
        "",
        "Mr. Nebenzia (Russian Federation) (spoke in Russian): We thank the Secretary-General.",
        "",
        "Ms. Shea (United States of America): The United States thanks the briefers.",
        "",
        "The President: I now give the floor to the representative of France.",
    ]
    got = parse(
        document("S/PV.9999", "Security Council", ["Eightieth year", "9999th meeting"], body, pages=1)
    )
    assert str(got.kind) == "meeting record"
    assert [s.title for s in got.sections] == [
        "The President",
        "Mr. Nebenzia (Russian Federation) (spoke in Russian)",
        "Ms. Shea (United States of America)",
        "The President",
    ]
    assert all(s.level == 1 and s.number is None for s in got.sections)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Note by the Secretary-General", "note"),
        ("Report of the Secretary-General", "report"),
        ("France: draft resolution", "draft resolution"),
        ("Draft decision 2025/1 submitted by the Chair", "decision"),
        ("Statement by the President of the Security Council", "presidential statement"),
        ("Working paper submitted by Mexico", "other"),
    ],
)
def test_the_line_under_the_title_gives_the_kind(line: str, kind: str) -> None:
    got = parse(document("A/80/500", "General Assembly", ["Some matter", line], REPORT_BODY[:4]))
    assert str(got.kind) == kind


def test_a_presidential_statement_by_its_symbol() -> None:
    got = parse(
        document(
            "S/PRST/2025/3",
            "Security Council",
            ["Statement by the President of the Security Council"],
            REPORT_BODY[:4],
        )
    )
    assert str(got.kind) == "presidential statement"
    assert got.symbols == ("S/PRST/2025/3",)


def _garbage(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    signs = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789^_|~<>"
    return " ".join("".join(rng.choice(signs) for _ in range(rng.randint(3, 9))) for _ in range(words))


def test_poor_ocr_is_flagged_and_offers_no_symbols() -> None:
    lines = [_garbage(12, seed=k) for k in range(60)]
    text = "s/ou/na\n\nUnited Nations\n\nE/CN.4/l49x\n\n" + "\n".join(lines)
    got = parse(text)
    assert got.low_quality
    assert got.symbols == ()
    assert any("poor OCR" in w for w in got.warnings)


def test_clean_text_is_not_flagged() -> None:
    assert not parse(report_text()).low_quality
    assert garbage_share([" ".join(REPORT_BODY)]) < THRESHOLD


def test_the_garbage_share_is_the_same_when_the_judged_words_are_forgotten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The judged words are kept across letters and dropped past a bound: the share must not depend
    on what was judged before, nor on a reset in the middle of a text."""
    texts = ["\n".join(_garbage(12, seed=k) for k in range(40)), " ".join(REPORT_BODY)]
    fresh = [garbage_share([t]) for t in texts]
    monkeypatch.setattr(quality, "_JUDGED_MAX", 10)  # a reset at nearly every batch
    assert [garbage_share([t]) for t in texts] == fresh
    assert fresh[0] > THRESHOLD > fresh[1]


def test_non_un_text_is_still_refused() -> None:
    with pytest.raises(InputError, match="does not look like a UN letter"):
        parse("Shopping list\n\nEggs, milk and bread.\nCall the plumber on Tuesday.\n")


def test_cli_json_has_the_new_keys_and_keeps_the_old(tmp_path: Path) -> None:
    path = tmp_path / "S_2025_999.txt"
    path.write_text(report_text(), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "reader", "parse", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    for key in (
        "source",
        "format",
        "kind",
        "symbols",
        "distribution",
        "issued",
        "original_language",
        "organs",
        "agenda_items",
        "title",
        "date",
        "sender",
        "addressees",
        "paragraphs",
        "signatures",
        "footnotes",
        "annexes",
        "references",
        "warnings",
    ):
        assert key in data, key
    assert data["kind"] == "report"
    assert {"id", "number", "text"} <= set(data["paragraphs"][1])
    first = data["sections"][0]
    assert {k: first[k] for k in ("id", "level", "number", "title")} == {
        "id": "s1",
        "level": 1,
        "number": "I",
        "title": "Introduction",
    }
    assert next(p for p in data["paragraphs"] if p["id"] == first["paragraph"])["text"] == "I. Introduction"
    pinned = [r for r in data["references"] if r["pinpoint"]]
    assert {"kind": "section", "value": "IV"} in [r["pinpoint"] for r in pinned]
    assert any(r["kind"] == "internal" for r in data["references"])
    assert data["adopted"] is None and data["low_quality"] is False


def test_the_library_resolves_a_resolution_reference_to_the_resolution(tmp_path: Path) -> None:
    """`resolution 2771 (2025)` in a report finds the indexed S/RES/2771 (2025), which the report cites."""
    from reader.library.library import Library

    folder = tmp_path / "docs"
    folder.mkdir()
    resolution = ROOT / "tests" / "fixtures" / "documents" / "text" / "S_RES_2771_2025.txt"
    (folder / resolution.name).write_bytes(resolution.read_bytes())
    citing = report_text().replace("resolution 2231 (2015),\nin which", "resolution 2771 (2025),\nin which")
    (folder / "S_2025_999.txt").write_text(citing, encoding="utf-8")
    ref = next(r for r in parse(citing).references if r.symbol == "S/RES/2771 (2025)")
    library = Library.open([folder], cache_dir=tmp_path / "cache", workers=1)
    matches = library.resolve(ref.components or ref.symbol or "")
    assert [m.entry.symbol for m in matches] == ["S/RES/2771 (2025)"]
    assert [c.entry.symbol for c in library.cited_by("S/RES/2771 (2025)")] == ["S/2025/999"]


@pytest.mark.parametrize(
    "first_line",
    [
        "                United Nations  A/79/963–S/2025/438",  # the symbol two spaces from the banner
        "                United Nations" + " " * 65 + "A/79/963—S/2025/438",  # an em dash
        "                United Nations" + " " * 52 + "A/79/963 – S/2025/438",
    ],
)
def test_a_joint_symbol_with_a_dash_keeps_the_own_symbols_and_date(first_line: str) -> None:
    raw = (ROOT / "tests" / "fixtures" / "letters" / "layout" / "A_79_963-S_2025_438.txt").read_text(
        encoding="utf-8"
    )
    got = parse(first_line + "\n" + raw.split("\n", 1)[1])
    assert got.symbols == ("A/79/963", "S/2025/438")
    assert got.issued == dt.date(2025, 6, 30)
    assert str(got.kind) == "letter"
    assert "no document symbol found" not in got.warnings


def test_an_agenda_list_with_a_sub_item_wrapping_onto_the_next_line() -> None:
    raw = (ROOT / "tests" / "fixtures" / "letters" / "text" / "A_79_729-S_2025_40.txt").read_text(
        encoding="utf-8"
    )
    wrapped = raw.replace(
        "Agenda items 32, 60, 61, 69, 71, 84 and 132", "Agenda items 32, 60 (b), 61, 69,\n71, 84 and 132"
    )
    got = parse(wrapped)
    assert [a.number for a in got.agenda_items] == ["32", "60 (b)", "61", "69", "71", "84", "132"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The resolution is contained in annex 1 of the Report A/CONF.162/8 and was adopted.",
        "See A/CONF.197/9, chap. I, resolution 1, annexes I and II.",
        "The Council welcomed the report, which has as its annexes the statement of the Ministry.",
    ],
)
def test_an_annex_of_another_document_is_not_an_internal_reference(sentence: str) -> None:
    body = ["1.", sentence, "2.", "The report is contained in annex II to the present note."]
    got = parse(
        document("A/80/501", "General Assembly", ["Some matter", "Note by the Secretariat"], body, pages=1)
    )
    internal = [r.text for r in got.references if r.kind is RefKind.INTERNAL]
    assert internal == ["in annex II"]
