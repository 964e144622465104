"""UN letter PDFs (PDFium, pypdf as the fallback): lines like `pdftotext -layout`, with a PDF's hints."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reader.errors import InputError
from reader.export_akn import letter_to_akn
from reader.formats import pdf_runs
from reader.formats.lines import Line, Source
from reader.formats.load import load_bytes, load_path
from reader.formats.pdf import ENGINE_VARIABLE, engine_name
from reader.parser import parse_bytes, parse_path
from reader.serialize import letter_to_json
from tests.conftest import LETTER_NAMES, LETTERS, ROOT
from tests.synthetic_letters import OrganBlock, Spec, render
from tests.synthetic_pdf import pdf_document, render_pdf

PDF = LETTERS / "pdf"
ENGINES = ("pdfium", "pypdf")


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with each engine (the variable is read at every file)."""
    name: str = request.param
    monkeypatch.setenv(ENGINE_VARIABLE, name)
    return name


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
    assert out == "" and err == "", "the engine must not talk to the terminal"
    message = str(caught.value)
    assert "\n" not in message and message.startswith("x.pdf: ")
    return message


def test_password_protected_pdf_is_refused(capfd: pytest.CaptureFixture[str], engine: str) -> None:
    data = _rewrite(lambda w: w.encrypt("secret", algorithm="RC4-128"))
    assert "encrypted" in _error(data, capfd)


def test_pdf_locked_only_against_editing_opens(capfd: pytest.CaptureFixture[str], engine: str) -> None:
    data = _rewrite(lambda w: w.encrypt("", owner_password="owner", algorithm="RC4-128"))
    source = load_bytes(data, "x.pdf")
    assert source.pages[0].lines[0].text == "United Nations"


def test_pdf_without_text_is_refused(capfd: pytest.CaptureFixture[str], engine: str) -> None:
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
def test_damaged_pdf_is_one_line_error(data: bytes, capfd: pytest.CaptureFixture[str], engine: str) -> None:
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


# --- the engines -------------------------------------------------------------------------------


def test_pdfium_is_the_engine_unless_the_variable_or_a_missing_wheel_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert engine_name() == "pdfium"
    monkeypatch.setenv(ENGINE_VARIABLE, "pypdf")
    assert engine_name() == "pypdf"
    monkeypatch.setenv(ENGINE_VARIABLE, "nonsense")
    assert engine_name() == "pdfium"
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # a platform without the wheel: import fails
    assert engine_name() == "pypdf"
    source = load_path(PDF / "S_2025_15.pdf")
    assert source.pages[0].lines[0].text == "United Nations"


def _all_lines(name: str) -> list[Line]:
    return [line for page in load_path(PDF / f"{name}.pdf").pages for line in page.lines]


@pytest.mark.parametrize("name", ["S_2025_15", "A_79_798-S_2025_110", "A_80_96", "A_79_963-S_2025_438"])
def test_both_engines_give_the_same_lines(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text, indents, sizes, gaps, columns and weight: the parser sees the same input from either."""
    monkeypatch.setenv(ENGINE_VARIABLE, "pdfium")
    mine = _all_lines(name)
    monkeypatch.setenv(ENGINE_VARIABLE, "pypdf")
    theirs = _all_lines(name)
    assert [line.text for line in mine] == [line.text for line in theirs]
    assert mine == theirs


def test_pdfium_keeps_words_pypdf_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    """pypdf spaces runs by an estimate when they are drawn out of order; PDFium measures them."""
    monkeypatch.setenv(ENGINE_VARIABLE, "pdfium")
    text = " ".join(line.text for line in _all_lines("A_79_807-S_2025_132"))
    assert "low-emission" in text and "low -emission" not in text
    text = " ".join(line.text for line in _all_lines("A_79_716-S_2025_18"))
    assert "the" in text.split() and " th e " not in text


def test_pdfs_read_at_once_from_threads_give_the_same_lines() -> None:
    """PDFium is not thread-safe; the app's workers may read PDFs at the same time."""
    names = ["S_2025_15", "A_79_729-S_2025_40", "S_2025_85", "A_80_96"]
    expected = {name: _all_lines(name) for name in names}
    results: dict[str, list[Line]] = {}
    errors: list[BaseException] = []

    def read(name: str) -> None:
        try:
            results[name] = _all_lines(name)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=read, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert results == expected


def test_aes_pdf_with_an_empty_user_password_opens(engine: str, capfd: pytest.CaptureFixture[str]) -> None:
    """Restriction-only PDFs (pdftotext reads them) are read, with AES-128 and AES-256 alike."""
    for algorithm in ("AES-128", "AES-256"):
        data = _rewrite(lambda w, a=algorithm: w.encrypt("", owner_password="owner", algorithm=a))
        assert b"/AESV" in data
        source = load_bytes(data, "x.pdf")
        assert source.pages[0].lines[0].text == "United Nations"
    assert capfd.readouterr() == ("", "")


def test_aes_pdf_with_a_user_password_is_refused(engine: str, capfd: pytest.CaptureFixture[str]) -> None:
    data = _rewrite(lambda w: w.encrypt("secret", owner_password="owner", algorithm="AES-256"))
    assert "encrypted with a password" in _error(data, capfd)


# --- hostile PDFs (issue 13) ---------------------------------------------------------------------


def _many_objects(count: int) -> bytes:
    return b"BT /F1 10 Tf 50 700 Td " + b"(ab) Tj " * count + b"ET"


def _run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip


def test_a_small_pdf_with_a_huge_text_stream_is_refused_quickly(
    engine: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """A few KB that inflate to 5 MB of drawing, on 20 pages: refused at once, not after minutes."""
    stream = _many_objects(600_000)
    data = pdf_document([stream] * 20, compress=True)
    assert len(data) < 250_000 and len(stream) > 4_000_000
    start = time.perf_counter()
    message = _error(data, capfd)
    assert time.perf_counter() - start < 8  # measured: 0.8 s with PDFium, 0.05 s with pypdf
    assert "page 1" in message and "not a document this reader opens" in message


def test_a_page_with_too_many_characters_is_refused(engine: str, capfd: pytest.CaptureFixture[str]) -> None:
    """A few text objects can still carry many characters (PDFium reads up to 32,767 a string)."""
    line = b"BT /F1 10 Tf 50 %d Td (" + b"abcdefgh " * 3_000 + b") Tj ET"
    stream = b"\n".join(line % (700 - 20 * k) for k in range(3))
    message = _error(pdf_document([stream], compress=True), capfd)
    found = re.search(r"page 1 has ([\d,]+) characters \(more than 60,000\)", message)
    assert found and int(found.group(1).replace(",", "")) >= 81_000


def test_a_form_drawn_again_and_again_counts_every_time(capfd: pytest.CaptureFixture[str]) -> None:
    """Objects inside a form XObject are counted where the page draws it: no hiding work in forms."""
    body = _many_objects(3_000)
    form = b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
    form += b" /Length %d >>\nstream\n%s\nendstream" % (len(body), body)
    page = b"q /X5 Do Q " * 20
    message = _error(pdf_document([page], extra=[form]), capfd)
    assert "page 1 draws" in message and "text objects" in message


def test_the_file_as_a_whole_has_a_budget(
    engine: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Pages each under the page bound still add up: the file's total is bounded too."""
    monkeypatch.setattr(pdf_runs, "MAX_FILE_CHARS", 5_000)
    message = _error(_pdf_bytes("A_79_729-S_2025_40"), capfd)
    assert "more than 5,000 characters of text" in message


def test_the_file_as_a_whole_has_an_object_budget(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """Many pages just under the page bound would each cost PDFium a text page: their sum is bounded."""
    monkeypatch.setenv(ENGINE_VARIABLE, "pdfium")
    monkeypatch.setattr(pdf_runs, "MAX_FILE_OBJECTS", 500)
    message = _error(_pdf_bytes("S_2025_85"), capfd)
    assert "more than 500 objects drawn" in message


def test_parse_of_a_hostile_pdf_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_document([_many_objects(600_000)] * 20, compress=True))
    before = path.read_bytes()
    run = _run_cli("parse", str(path))
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith(f"un-reader: error: {path}: page 1 draws ")
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert path.read_bytes() == before


SURROGATE_LETTER = Spec(
    symbols=("S/2025/999",),
    organs_header=("Security Council",),
    issued="3 March 2025",
    title=(
        "Letter dated 28 February 2025 from the Permanent Representative of Examplia to the United "
        "Nations addressed to the President of the Security Council"
    ),
    paragraphs=(
        "I have the honour to transmit herewith the statement of the Ministry of Foreign Affairs of "
        "Examplia on the price of \u00a4 grain (see annex).",
        "I should be grateful if you would have the present letter circulated as a document of the "
        "Security Council.",
    ),
    blocks=(OrganBlock("Security Council", "Eightieth year"),),
    signatures=(("Jane Q. Doe", ("Ambassador", "Permanent Representative")),),
)


@pytest.fixture
def surrogate_pdf() -> bytes:
    """A letter whose font maps byte 0xA4 to a lone surrogate (a 2-byte ToUnicode entry <D800>)."""
    return render_pdf(SURROGATE_LETTER, to_unicode={0xA4: "D800"})


def _surrogates(text: str) -> list[str]:
    return [ch for ch in text if 0xD800 <= ord(ch) <= 0xDFFF]


def test_a_lone_surrogate_from_a_font_becomes_a_replacement_character(
    engine: str, surrogate_pdf: bytes
) -> None:
    letter = parse_bytes(surrogate_pdf, "broken-font.pdf")
    text = " ".join(p.text for p in letter.paragraphs)
    assert "price of \ufffd grain" in text
    assert not _surrogates(letter_to_json(letter))
    letter_to_akn(letter).decode("utf-8")  # valid XML bytes: no surrogate could be encoded


@pytest.mark.parametrize("form", ["json", "akn"])
def test_parse_of_a_pdf_with_a_lone_surrogate_works(
    form: str, engine: str, surrogate_pdf: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "broken-font.pdf"
    path.write_bytes(surrogate_pdf)
    run = _run_cli("parse", str(path), "--format", form)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "" and not _surrogates(run.stdout)
    if form == "json":
        paragraphs = json.loads(run.stdout)["paragraphs"]
        assert "price of \ufffd grain" in paragraphs[0]["text"]
    else:
        assert "price of \ufffd grain" in run.stdout


def test_no_pdf_engine_is_imported_before_a_pdf_is_read() -> None:
    """The PDFium module is only imported when a PDF is read (the app's first screen needs none)."""
    code = "import sys, reader.formats.load; print('pypdfium2' in sys.modules, 'pypdf' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.split() == ["False", "False"]


# --- issue 8: an italic phrase inside a sentence ----------------------------------------------

ITALIC_SENTENCE = (
    "the report of the Committee contains, inter alia, the related draft resolution submitted by the "
    "Special Committee for the consideration of the Fourth Committee, and the views of the members of "
    "the Committee on the matter before it."
)
# the phrase on the paragraph's first line (index 0), then on a line in its middle (index 2)
ITALIC_LEADS = {
    "": 0,
    "In its note verbale of 3 February 2025 to the Secretariat, as requested by the Committee in its "
    "decision of 12 January 2025, Examplia recalls that ": 2,
}


def _italic_letter(lead: str) -> Spec:
    return Spec(
        symbols=("S/2025/998",),
        organs_header=("Security Council",),
        issued="3 March 2025",
        title=SURROGATE_LETTER.title,
        paragraphs=(
            "I have the honour to transmit herewith the statement of the Ministry of Foreign Affairs of "
            "Examplia on the situation in the region.",
            (lead + ITALIC_SENTENCE)[:1].upper() + (lead + ITALIC_SENTENCE)[1:],
            "I should be grateful if you would have the present letter circulated as a document of the "
            "Security Council.",
        ),
        blocks=(OrganBlock("Security Council", "Eightieth year"),),
        signatures=(("Jane Q. Doe", ("Ambassador", "Permanent Representative")),),
    )


@pytest.mark.parametrize("lead", list(ITALIC_LEADS), ids=["first-line", "middle-line"])
@pytest.mark.parametrize(
    "shift", [0.0, 3.0, -3.0, 4.0], ids=["on-baseline", "raised-3pt", "lowered-3pt", "raised-4pt"]
)
def test_an_italic_phrase_keeps_its_paragraph_whole(engine: str, lead: str, shift: float) -> None:
    """Issue 8: "inter alia" in Times-Italic, its baseline a few points off the line's, split its
    paragraph in three; the letter must read as it does with no italics at all."""
    spec = _italic_letter(lead)
    printed = [t.strip() for t in render(spec, layout=True).splitlines()]
    start = next(k for k, t in enumerate(printed) if t.startswith(spec.paragraphs[1][:20]))
    line = next(k for k, t in enumerate(printed) if "inter alia" in t)
    assert line - start == ITALIC_LEADS[lead] and not printed[line].endswith("alia,")  # inside the line
    plain = parse_bytes(render_pdf(spec), "plain.pdf")
    letter = parse_bytes(render_pdf(spec, italic=("inter alia",), shift=shift), "italic.pdf")
    texts = [p.text for p in letter.paragraphs]
    assert len(texts) == 3
    assert texts[1] == spec.paragraphs[1]
    assert texts == [p.text for p in plain.paragraphs]
    lines = [
        ln.text
        for page in load_bytes(render_pdf(spec, italic=("inter alia",), shift=shift), "x.pdf").pages
        for ln in page.lines
    ]
    assert sum("inter alia" in t for t in lines) == 1 and not any(t.strip() == "inter alia" for t in lines)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("documents/pdf/A_53_603.pdf", "(Part IV)) containing, inter alia, the related draft resolution"),
        (
            "letters/pdf/A_79_729-S_2025_40.pdf",
            "have been destroyed en masse, and place names have been altered.",
        ),
    ],
)
def test_real_italic_phrases_stay_inside_their_paragraph(engine: str, path: str, words: str) -> None:
    letter = parse_path(LETTERS.parent / path)
    texts = [p.text for p in letter.paragraphs] + [p.text for a in letter.annexes for p in a.paragraphs]
    assert sum(words in t for t in texts) == 1
