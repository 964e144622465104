"""Reading files: decoding, refusing what is not a letter with one line, and detecting the format."""

from __future__ import annotations

import ast
import codecs
import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.export_akn import letter_to_akn
from reader.formats.lines import Capabilities
from reader.formats.load import decode_text, load_bytes, load_path
from reader.formats.text import detect_text_format
from reader.parser import parse_path
from reader.parser.letter import build_letter
from tests.conftest import LETTER_NAMES, LETTERS, SEED

SAMPLE = "Letter dated 8 February 2021 — “Nagorno-Karabakh” Łódź\nSecond line\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_unicode_encodings_decode_to_the_same_text(data: bytes) -> None:
    text = decode_text(data, "x.txt")
    assert text.lstrip("\ufeff") == SAMPLE
    assert not text.startswith("\ufeff")


def _refused(data: bytes, tmp_path: Path, name: str = "letter.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_path(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_latin1_is_refused_with_advice(tmp_path: Path) -> None:
    message = _refused("Café de la Paix, Genève\n".encode("latin-1"), tmp_path)
    assert "UTF-8" in message and "save it as UTF-8" in message


def test_binary_is_refused(tmp_path: Path) -> None:
    message = _refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), tmp_path, "x.png")
    assert "binary" in message


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n"], ids=["empty", "blank"])
def test_empty_is_refused(data: bytes, tmp_path: Path) -> None:
    assert "empty" in _refused(data, tmp_path)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        load_path(tmp_path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_path(tmp_path / "nowhere.txt")


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Letter dated 1 January 2025", "utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything
            pytest.skip("running with permissions that read any file")
        with pytest.raises(InputError, match="permission denied"):
            load_path(path)
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("name", LETTER_NAMES, ids=LETTER_NAMES)
def test_pdftotext_forms_are_told_apart(name: str) -> None:
    assert load_path(LETTERS / "text" / f"{name}.txt").format == "text"
    assert load_path(LETTERS / "layout" / f"{name}.txt").format == "layout"


def test_seed_is_markdown() -> None:
    assert load_path(SEED).format == "markdown"


def test_pdf_is_detected_by_its_header_not_its_name(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes((LETTERS / "pdf" / "S_2025_15.pdf").read_bytes())
    assert load_path(path).format == "pdf"


def test_akn_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "letter.xml"
    path.write_bytes(letter_to_akn(parse_path(SEED)))
    assert detect_text_format(path.read_text("utf-8")) == "akn"
    assert load_path(path).format == "akn"


def test_layout_text_keeps_indents_and_plain_text_does_not() -> None:
    layout = load_path(LETTERS / "layout" / "A_79_729-S_2025_40.txt")
    plain = load_path(LETTERS / "text" / "A_79_729-S_2025_40.txt")
    assert any(line.indent and line.indent >= 15 for line in layout.pages[0].lines)
    assert all(line.indent is None for page in plain.pages for line in page.lines)
    assert len(layout.pages) == len(plain.pages) == 3


def test_crlf_and_form_feeds() -> None:
    text = "Letter dated 1 May 2025\r\nfrom someone\r\n\r\nBody line\f2/2\r\nMore\f"
    source = load_bytes(text.encode("utf-8"), "x.txt")
    assert [len(p.lines) for p in source.pages] == [3, 2]
    assert source.pages[0].lines[2].gap_before
    assert source.pages[1].lines[0].gap_before  # a new page is a break in the text


def _fingerprints(paths: list[Path]) -> dict[Path, tuple[str, int, int]]:
    return {
        p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns, p.stat().st_mode) for p in paths
    }


def test_reading_never_changes_the_input(tmp_path: Path) -> None:
    names = LETTER_NAMES[:6]
    paths = [LETTERS / form / f"{n}.{ext}" for n in names for form, ext in (("pdf", "pdf"), ("text", "txt"))]
    paths.append(SEED)
    akn = tmp_path / "seed.xml"
    akn.write_bytes(letter_to_akn(parse_path(SEED)))
    paths.append(akn)
    before = _fingerprints(paths)
    listing = sorted(os.listdir(tmp_path))
    for path in paths:
        parse_path(path)
    assert _fingerprints(paths) == before
    assert sorted(os.listdir(tmp_path)) == listing  # no stray files beside the input either


def test_digest_is_of_the_raw_bytes() -> None:
    data = (LETTERS / "text" / "S_2025_15.txt").read_bytes()
    assert load_bytes(data, "x").digest == hashlib.sha256(data).hexdigest()


# --- what formats tell the parser ------------------------------------------------------------------

FORMAT_NAMES = frozenset({"pdf", "text", "layout", "markdown", "akn"})
PARSER = Path(__file__).resolve().parent.parent / "reader" / "parser"


def _format_name_tests(tree: ast.AST) -> list[int]:
    """Lines comparing with a format name, or with any `.format`, or calling with a format name."""
    found: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            names = {c.value for o in operands for c in ast.walk(o) if isinstance(c, ast.Constant)}
            formats = any(
                isinstance(a, ast.Attribute) and a.attr == "format" for o in operands for a in ast.walk(o)
            )
            if names & FORMAT_NAMES or formats:
                found.append(node.lineno)
        elif isinstance(node, ast.Call):
            arguments = [*node.args, *(k.value for k in node.keywords)]
            if any(isinstance(a, ast.Constant) and a.value in FORMAT_NAMES for a in arguments):
                found.append(node.lineno)
    return found


def test_the_parser_asks_capabilities_never_format_names() -> None:
    offenders = {
        str(path.relative_to(PARSER)): lines
        for path in sorted(PARSER.rglob("*.py"))
        if (lines := _format_name_tests(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offenders == {}


def test_the_format_name_check_finds_what_it_looks_for() -> None:
    samples = [
        'if source.format == "markdown": pass',
        'x = fmt in ("layout", "pdf")',
        "y = source.format != other",
        '_segment(lines, None, "text")',
    ]
    assert [_format_name_tests(ast.parse(s)) for s in samples] == [[1], [1], [1], [1]]
    assert _format_name_tests(ast.parse('if can.indentation and text == "Distr.": pass')) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (LETTERS / "text" / "S_2025_141.txt", Capabilities()),
        (LETTERS / "layout" / "S_2025_141.txt", Capabilities(indentation=True, columns=True)),
        (SEED, Capabilities(markup=True, paragraph_lines=True, printed_pages=False)),
        (
            LETTERS / "pdf" / "S_2025_141.pdf",
            Capabilities(indentation=True, columns=True, line_columns=True, type_sizes=True, bold=True),
        ),
    ],
    ids=["text", "layout", "markdown", "pdf"],
)
def test_each_format_says_what_it_knows(path: Path, expected: Capabilities) -> None:
    assert load_path(path).capabilities == expected


def test_capabilities_not_the_name_decide_how_a_source_is_read() -> None:
    """The same lines under another format name parse the same; with other capabilities they do not."""
    source = load_path(LETTERS / "layout" / "S_2025_141.txt")
    renamed = build_letter(replace(source, format="text"))
    assert replace(renamed, format="layout") == build_letter(source)
    letter = build_letter(source)
    plain = build_letter(replace(source, capabilities=Capabilities()))
    assert letter.organs and letter.distribution == "General"
    assert (plain.organs, plain.distribution) == ((), "")  # the two columns are not told apart
