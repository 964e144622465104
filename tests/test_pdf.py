"""UN letter PDFs read with pypdf: lines like `pdftotext -layout`, with the hints only a PDF has."""

from __future__ import annotations

import io
import time
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reader.errors import InputError
from reader.formats.lines import Line, Source
from reader.formats.load import load_bytes, load_path
from reader.parser import parse_path
from tests.conftest import LETTER_NAMES, LETTERS

PDF = LETTERS / "pdf"


@cache
def _source(name: str) -> Source:
    return load_path(PDF / f"{name}.pdf")


def _lines(name: str, page: int = 1) -> list[Line]:
    return list(_source(name).pages[page - 1].lines)


def _texts(name: str) -> list[str]:
    return [line.text for page in _source(name).pages for line in page.lines]


def _layout_pages(name: str) -> list[str]:
    text = (LETTERS / "layout" / f"{name}.txt").read_text("utf-8")
    return text.rstrip("\f").split("\f")


@pytest.mark.parametrize("name", LETTER_NAMES, ids=LETTER_NAMES)
def test_one_page_per_pdf_page_and_the_words_of_pdftotext(name: str) -> None:
    source = _source(name)
    layout = _layout_pages(name)
    assert source.format == "pdf"
    assert [p.number for p in source.pages] == list(range(1, len(layout) + 1))
    mine = Counter(w for t in _texts(name) for w in t.split())
    theirs = Counter(w for page in layout for w in page.split())
    # pdftotext splits some words ("Occu pied") and prints rotated page furniture we leave out,
    # so the check is that nearly every word it prints is one of ours too
    shared = sum((mine & theirs).values())
    assert shared / sum(theirs.values()) >= 0.95
    assert shared / sum(mine.values()) >= 0.97


def test_masthead_columns_come_one_after_the_other() -> None:
    lines = _lines("A_79_729-S_2025_40")
    texts = [line.text for line in lines]
    assert texts[:3] == ["United Nations", "General Assembly", "Security Council"]
    assert all(line.column == 1 for line in lines[:3])
    right = texts[3:7]
    assert right == ["A/79/729-S/2025/40", "Distr.: General", "17 January 2025", "Original: English"]
    assert all(line.column == 2 for line in lines[3:7])
    k = texts.index("Seventy-ninth session")
    assert texts[k - 1 : k + 3] == [
        "General Assembly",
        "Seventy-ninth session",
        "Security Council",
        "Eightieth year",
    ]
    assert [line.column for line in lines[k - 1 : k + 3]] == [1, 1, 2, 2]
    assert texts[k + 3] == "Agenda items 32, 60, 61, 69, 71, 84 and 132"


def test_indents_sizes_and_gaps() -> None:
    lines = _lines("A_79_729-S_2025_40")
    by_text = {line.text: line for line in lines}
    title = by_text["Letter dated 17 January 2025 from the Permanent Representative of"]
    first = next(line for line in lines if line.text.startswith("Upon instructions"))
    second = next(line for line in lines if line.text.startswith("the honour to submit"))
    assert title.bold and title.size == pytest.approx(12, abs=0.2)
    assert first.gap_before and not second.gap_before
    assert second.indent is not None and first.indent is not None
    assert 14 <= second.indent <= 18  # -layout prints the body at column 16
    assert 4 <= first.indent - second.indent <= 7  # and indents a paragraph's first line
    signed = next(line for line in lines if line.text.startswith("(Signed)"))
    assert signed.text == "(Signed) Tofig Musayev"
    assert signed.indent is not None and signed.indent > 70
    job = next(line for line in lines if line.text.startswith("25-00746"))
    assert job.text.split() == ["25-00746", "(E)", "230125"]
    assert "   " in job.text  # the gap -layout shows, so furniture splits it into its pieces


def test_footnotes_are_small_and_their_number_stands_alone() -> None:
    lines = _lines("A_79_729-S_2025_40", 2)
    body = next(line for line in lines if line.text.startswith("regardless of who"))
    note = next(line for line in lines if line.text.startswith("The text of the speech"))
    assert body.size and note.size and note.size < body.size - 1
    k = lines.index(note)
    assert lines[k - 1].text == "1"
    assert lines[k - 2].text.startswith("____")


def test_superscript_markers_stay_on_their_line() -> None:
    texts = _texts("A_79_843-S_2025_201")
    # pdftotext puts the raised "1" after a space; the PDF shows it sits against the comma
    assert any("High Commissioner for Refugees,1 the United Nations mission" in t for t in texts)


def test_words_cut_into_runs_are_joined_and_spaces_kept() -> None:
    texts = _texts("A_79_729-S_2025_40")
    assert "Armenia and a historic achievement (see annex)." in texts
    assert "present-day Armenia, in connection with the recently publicized speech delivered in" in texts
    assert any(t.startswith("(The full text of the speech is attached)") for t in texts)
    joined = " ".join(texts)
    for broken in ("achieve ment", "Ter -Petrosyan", "Secretary -General", "(Thefull"):
        assert broken not in joined


@pytest.mark.parametrize("name", ["A_49_230-S_1994_822", "A_53_568-S_1998_1025"])
def test_old_scanned_letters_with_ocr_text_still_read(name: str) -> None:
    letter = parse_path(PDF / f"{name}.pdf")
    assert letter.symbols == tuple(name.replace("_", "/").split("-"))
    assert letter.paragraphs


def test_old_job_number_lines_keep_their_gaps() -> None:
    """Distiller PDFs draw "98-33343 (E)  021198  /..." as one run; it must stay page furniture."""
    texts = _texts("A_53_568-S_1998_1025")
    job = next(t for t in texts if t.startswith("98-33343"))
    assert job.split() == ["98-33343", "(E)", "021198", "/..."] and "    " in job
    letter = parse_path(PDF / "A_53_568-S_1998_1025.pdf")
    assert not any("98-33343" in p.text for p in letter.paragraphs)


def _pdf_bytes(name: str = "S_2025_15") -> bytes:
    return (PDF / f"{name}.pdf").read_bytes()


def _rewrite(configure: object = None, blank: bool = False) -> bytes:
    writer = PdfWriter() if blank else PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes())))
    if blank:
        writer.add_blank_page(612, 792)
    if callable(configure):
        configure(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _error(data: bytes, capfd: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(InputError) as caught:
        load_bytes(data, "x.pdf")
    out, err = capfd.readouterr()
    assert out == "" and err == "", "pypdf must not talk to the terminal"
    message = str(caught.value)
    assert "\n" not in message and message.startswith("x.pdf: ")
    return message


def test_password_protected_pdf_is_refused(capfd: pytest.CaptureFixture[str]) -> None:
    data = _rewrite(lambda w: w.encrypt("secret", algorithm="RC4-128"))
    assert "encrypted" in _error(data, capfd)


def test_pdf_locked_only_against_editing_opens(capfd: pytest.CaptureFixture[str]) -> None:
    data = _rewrite(lambda w: w.encrypt("", owner_password="owner", algorithm="RC4-128"))
    source = load_bytes(data, "x.pdf")
    assert source.pages[0].lines[0].text == "United Nations"


def test_pdf_without_text_is_refused(capfd: pytest.CaptureFixture[str]) -> None:
    assert "no text layer" in _error(_rewrite(blank=True), capfd)


@pytest.mark.parametrize(
    "data",
    [
        _pdf_bytes()[: len(_pdf_bytes()) // 3],
        b"%PDF-1.4\n garbage",
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
    ],
    ids=["truncated", "header-only", "binary-noise"],
)
def test_damaged_pdf_is_one_line_error(data: bytes, capfd: pytest.CaptureFixture[str]) -> None:
    assert "PDF" in _error(data, capfd)


def test_reading_leaves_pypdf_logging_as_it_was() -> None:
    import logging

    logger = logging.getLogger("pypdf")
    before = logger.level
    _source.cache_clear()
    load_path(PDF / "S_2025_15.pdf")
    assert logger.level == before


def test_speed_per_page() -> None:
    """The app opens folders of PDFs; reading must stay well under a tenth of a second a page."""
    paths = [PDF / f"{name}.pdf" for name in ("A_79_729-S_2025_40", "S_2025_85", "A_79_944-S_2025_370")]
    pages = 0
    start = time.perf_counter()
    for path in paths:
        pages += len(load_path(Path(path)).pages)
    per_page = (time.perf_counter() - start) / pages
    assert per_page < 0.25  # measured ~0.05 s; generous for slow CI machines
