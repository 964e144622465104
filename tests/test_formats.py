"""Reading files: decoding, refusing what is not a letter with one line, and detecting the format."""

from __future__ import annotations

import ast
import codecs
import hashlib
import os
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.export_akn import letter_to_akn
from reader.formats import load as load_module
from reader.formats.lines import Capabilities, Line, Page, Source
from reader.formats.load import decode_text, load_bytes, load_path, read_regular_file
from reader.formats.text import detect_text_format
from reader.parser import parse_path
from reader.parser.letter import build_letter
from reader.safe_text import valid_unicode
from reader.serialize import letter_to_json
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
        (SEED, Capabilities(inline_formatting=True, paragraph_lines=True, printed_pages=False)),
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


# --- only regular files, never more than the cap -------------------------------------------------


def _load_in_thread(path: Path, seconds: float = 10.0) -> BaseException | None:
    """load_path in a daemon thread: a regression that blocks fails the test instead of hanging it."""
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            load_path(path)
        except BaseException as error:  # handed to the test to assert on
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"load_path({path}) blocked for {seconds} s"
    return outcome[0]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "letter.txt"
    os.mkfifo(fifo)
    error = _load_in_thread(fifo)
    assert isinstance(error, InputError)
    assert str(error) == f"{fifo}: a named pipe (FIFO), not a regular file (only files are read)"


def test_a_fifo_swapped_in_after_the_check_is_refused_on_the_open_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name checked by stat() can be replaced before open(): the open descriptor is checked too,
    and O_NONBLOCK keeps that open() from waiting for a writer."""
    regular = tmp_path / "regular.txt"
    regular.write_text("Letter dated 1 January 2025\n", "utf-8")
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    real_stat = os.stat
    monkeypatch.setattr(load_module.os, "stat", lambda p, *a, **k: real_stat(regular if p == fifo else p))
    error = _load_in_thread(fifo)
    assert isinstance(error, InputError) and "named pipe" in str(error)


def test_a_device_is_refused_before_anything_is_read() -> None:
    error = _load_in_thread(Path("/dev/zero"))
    assert isinstance(error, InputError)
    assert str(error) == "/dev/zero: a device, not a regular file (only files are read)"


def test_the_size_cap_applies_to_the_bytes_read_not_to_what_stat_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grows after stat() (or a size that lies) is still cut off at the cap + 1 bytes."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"Letter dated 1 January 2025\n" * 100)  # 2,800 bytes
    assert read_regular_file(path, limit=2800) == path.read_bytes()
    with pytest.raises(InputError, match=r"big\.txt: more than 1000 bytes, too large for a letter"):
        read_regular_file(path, limit=1000)
    reads: list[int] = []
    real_read, real_stat = os.read, os.stat

    def counting_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        reads.append(len(data))
        return data

    def small_stat(p: Path, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(p)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    monkeypatch.setattr(load_module.os, "read", counting_read)
    monkeypatch.setattr(load_module.os, "stat", small_stat)
    with pytest.raises(InputError, match="too large for a letter"):
        read_regular_file(path, limit=1000)
    assert sum(reads) == 1001  # never the whole file


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(SEED)
    assert load_path(link).digest == load_path(SEED).digest


# --- valid Unicode once, at the format boundary --------------------------------------------------


def test_valid_unicode_replaces_lone_surrogates_and_joins_pairs() -> None:
    assert valid_unicode("plain ascii") == "plain ascii"
    assert valid_unicode("Genève 中") == "Genève 中"
    assert valid_unicode("a\ud800b\udce9c") == "a\ufffdb\ufffdc"
    assert valid_unicode("smile \ud83d\ude00") == "smile \U0001f600"
    assert valid_unicode("\udc00\ud800") == "\ufffd\ufffd"  # the wrong order is no pair
    valid_unicode("x\ud800" * 1000).encode("utf-8")  # always encodable


def test_text_with_encoded_surrogates_is_refused_as_undecodable(tmp_path: Path) -> None:
    data = b"Letter dated 1 January 2025 " + "\ud800".encode("utf-8", "surrogatepass") + b"\n"
    assert "not readable as UTF-8" in _refused(data, tmp_path)
    data16 = codecs.BOM_UTF16_LE + "Letter \ud800 dated\n".encode("utf-16-le", "surrogatepass")
    assert "not readable as UTF-16" in _refused(data16, tmp_path)


@pytest.mark.parametrize("module", ["pdf", "akn"])
def test_lone_surrogates_from_any_format_never_reach_the_parser(
    module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDF and AKN text is made valid in `load_bytes` too: a ToUnicode map that yields a lone
    surrogate gives U+FFFD, and the letter then writes as JSON and AKN."""
    seed = load_path(SEED)
    pages = tuple(
        Page(
            page.number,
            tuple(Line(text=line.text.replace("Azerbaijan", "Azerbaijan\ud835")) for line in page.lines),
        )
        for page in seed.pages
    )

    def fake(data: object, name: str, digest: str) -> Source:
        return Source(path=name, format="text", pages=pages, digest=digest)

    monkeypatch.setattr(f"reader.formats.{module}.{module}_to_source", fake)
    data = (
        b"%PDF-1.7 x"
        if module == "pdf"
        else b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>'
    )
    source = load_bytes(data, "crafted")
    texts = [line.text for page in source.pages for line in page.lines]
    assert any("Azerbaijan\ufffd" in text for text in texts)
    assert all(valid_unicode(text) is text for text in texts)
    letter = build_letter(source)
    letter_to_json(letter).encode("utf-8")
    letter_to_akn(letter)


def test_a_format_reader_recursing_too_deep_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def deep(data: object, name: str, digest: str) -> Source:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("reader.formats.pdf.pdf_to_source", deep)
    with pytest.raises(InputError) as caught:
        load_bytes(b"%PDF-1.7 [[[[", "nested.pdf")
    assert str(caught.value) == "nested.pdf: nested too deeply to read"


def test_a_file_over_64_mb_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(load_module.MAX_BYTES + 1)  # sparse: nothing is written, nothing is read
    with pytest.raises(InputError) as caught:
        load_path(path)
    assert str(caught.value) == f"{path}: more than 64 MB, too large for a letter"
