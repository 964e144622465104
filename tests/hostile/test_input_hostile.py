"""Hostile input through `un-reader parse`, as an attacker would hand it over: special files, broken
encodings, NUL bytes, huge lines, deep nesting, control characters and ESC sequences in every field,
markup-looking titles. Every input is generated here; nothing large is shipped.

Each run must end in exit 0 with output that cannot act on a terminal, or in exit 2 with exactly one
line `un-reader: error: …` on stderr: never a traceback, never a hang, never a raw control character.
"""

from __future__ import annotations

import ast
import asyncio
import codecs
import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from reader.safe_text import ESCAPED_IN_OUTPUT
from reader.serialize import to_json, to_yaml
from tests.conftest import LETTERS, ROOT, SEED
from tests.synthetic_letters import Annex, OrganBlock, Spec, render

FORMATS = ("json", "yaml", "akn")
# Anything that can act on a terminal: C0 controls but newline and tab, DEL, C1, bidi controls, U+2028/9
_RAW = re.compile("[" + "".join(re.escape(chr(c)) for c in (*range(0x09), *range(0x0B, 0x20))) + "]")
_RAW_OUTPUT = frozenset(chr(c) for c in ESCAPED_IN_OUTPUT)

CONTROLS = "\x1b[31m\x07\x9b[2J\u202e\x7f"  # an ESC colour, BEL, a C1 CSI, a bidi override, DEL
SEQUENCES = "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: would write the clipboard


def run_parse(path: Path, fmt: str = "json", timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "parse", os.fsdecode(path), "--format", fmt],
        capture_output=True, cwd=ROOT, timeout=timeout, check=False,
    )  # fmt: skip


def assert_refused(run: subprocess.CompletedProcess[bytes], *fragments: str) -> str:
    stderr = run.stderr.decode("utf-8", "backslashreplace")
    assert run.returncode == 2, stderr
    assert run.stdout == b""
    assert "Traceback" not in stderr
    assert stderr.count("\n") == 1 and stderr.startswith("un-reader: error: "), stderr
    assert not _RAW.search(stderr) and _RAW_OUTPUT.isdisjoint(stderr)
    for fragment in fragments:
        assert fragment in stderr
    return stderr


def assert_safe_output(run: subprocess.CompletedProcess[bytes]) -> str:
    assert run.returncode == 0, run.stderr.decode("utf-8", "backslashreplace")
    assert run.stderr == b""
    out = run.stdout.decode("utf-8")  # strict: valid UTF-8, no surrogates
    assert not _RAW.search(out), _RAW.search(out)
    assert _RAW_OUTPUT.isdisjoint(out), sorted({hex(ord(c)) for c in out if c in _RAW_OUTPUT})
    return out


def parsed(out: str, fmt: str) -> Any:
    if fmt == "json":
        return json.loads(out)
    if fmt == "yaml":
        return yaml.safe_load(out)
    return etree.fromstring(out.encode("utf-8"))


# --- refused: one line, exit 2 ----------------------------------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "letter.pdf"
    os.mkfifo(fifo)
    assert_refused(run_parse(fifo, timeout=30), "named pipe", "not a regular file")


def test_dev_zero_is_refused_before_reading() -> None:
    assert_refused(run_parse(Path("/dev/zero"), timeout=30), "/dev/zero: a device, not a regular file")


HOSTILE_BYTES = {
    "truncated-utf16": codecs.BOM_UTF16_LE + "Letter dated 1 May 2025\n".encode("utf-16-le")[:-1],
    "utf16-lone-surrogate": codecs.BOM_UTF16_LE
    + "Letter \ud800 dated\n".encode("utf-16-le", "surrogatepass"),
    "utf8-encoded-surrogate": b"Letter dated 1 May 2025 " + "\ud800".encode("utf-8", "surrogatepass"),
    "surrogateescape-bytes": "Letter dated 1 May 2025 caf\udce9\n".encode("utf-8", "surrogateescape"),
    "nul-bytes": b"Letter dated 1 May 2025\x00\x00 from the Permanent Representative\n",
    "only-controls": b"\x1b[2J\x07\x1b]52;c;ZXZpbA==\x07\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_BYTES))
def test_broken_text_is_refused_in_one_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(HOSTILE_BYTES[name])
    assert_refused(run_parse(path), str(path))
    assert path.read_bytes() == HOSTILE_BYTES[name]  # only ever read


def _deep_pdf(depth: int) -> bytes:
    """A well-formed PDF whose page dictionary holds an array nested `depth` levels deep."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /X " + b"[" * depth + b"]" * depth + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.parametrize("kind", ["pdf", "akn"])
def test_input_nested_50000_deep_is_one_line(kind: str, tmp_path: Path) -> None:
    depth = 50_000
    if kind == "pdf":
        data = _deep_pdf(depth)
    else:
        data = (
            b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
            + b"<p>" * depth + b"x" + b"</p>" * depth + b"</akomaNtoso>"
        )  # fmt: skip
    path = tmp_path / f"deep.{kind}"
    path.write_bytes(data)
    assert_refused(run_parse(path), str(path))


def test_deep_brackets_in_text_are_just_text(tmp_path: Path) -> None:
    path = tmp_path / "brackets.txt"
    path.write_text(SEED.read_text("utf-8") + "\n" + "[" * 50_000 + "]" * 50_000 + "\n", "utf-8")
    assert "[[[[" in assert_safe_output(run_parse(path))


# --- accepted: exit 0, nothing raw on the terminal -----------------------------------------------

GA = OrganBlock(
    "General Assembly",
    "Seventy-ninth session",
    "Agenda items 14 and 121",
    ("Culture of peace", f"Promotion{CONTROLS} and protection of human rights"),
)
HOSTILE_SPEC = Spec(
    symbols=("A/79/999", "S/2025/999"),
    organs_header=("General Assembly", "Security Council"),
    issued="3 March 2025",
    title=(
        f"Letter dated 28 February 2025 from the Permanent Representative of Exam{CONTROLS}plia to the "
        "United Nations addressed to the Secretary-General"
    ),
    paragraphs=(
        f"I have the honour to transmit herewith the statement {SEQUENCES}of the Ministry (see annex).1",
        "I should be grateful if you would have the present letter and its annex circulated as a document "
        f"of the General Assembly, under agenda items 14 and 121, and of the Security Council.{CONTROLS}",
    ),
    blocks=(GA, OrganBlock("Security Council", "Eightieth year")),
    signatures=((f"Jane Q.{CONTROLS} Doe", ("Ambassador", "Permanent Representative")),),
    footnotes=(("1", f"See the statement {CONTROLS}of 1 March 2025."),),
    annexes=(
        Annex(
            "Annex to the letter dated 28 February 2025 from the Permanent Representative of Examplia "
            "to the United Nations addressed to the Secretary-General",
            (f"Statement {SEQUENCES}of the Ministry of Foreign Affairs{CONTROLS}.",),
        ),
    ),
)


@pytest.fixture(scope="module")
def hostile_letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for form in ("text", "layout"):
        path = folder / f"controls-{form}.txt"
        path.write_text(render(HOSTILE_SPEC, layout=form == "layout"), "utf-8")
        paths[form] = path
    return paths


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("form", ["text", "layout"])
def test_control_characters_in_every_field_never_reach_the_terminal(
    form: str, fmt: str, hostile_letters: dict[str, Path]
) -> None:
    out = assert_safe_output(run_parse(hostile_letters[form], fmt))
    data = parsed(out, fmt)
    if fmt == "akn":
        text = "".join(data.itertext())
        assert "Exam\u241b[31m\u2407\x9b[2J\u202e\x7fplia" in text  # C0 as pictures, the rest as &#x..;
        assert "&#x9B;" in out and "&#x202E;" in out and "\x9b" not in out
        return
    # the one rule: kept in the model as printed, in every field (the output escapes them)
    assert CONTROLS in data["title"]
    assert CONTROLS in data["agenda_items"][1]["title"]
    assert SEQUENCES in data["paragraphs"][0]["text"] and CONTROLS in data["paragraphs"][1]["text"]
    assert CONTROLS in data["footnotes"][0]["text"]
    assert CONTROLS in data["signatures"][0]["name"]
    assert SEQUENCES in data["annexes"][0]["paragraphs"][0]["text"]


def test_refs_of_a_hostile_letter_are_safe_json_lines(hostile_letters: dict[str, Path]) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "reader", "refs", str(hostile_letters["text"])],
        capture_output=True, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    lines = assert_safe_output(run).splitlines()
    assert lines and all(json.loads(line)["kind"] for line in lines)


def test_yaml_and_json_output_hold_the_same_letter(hostile_letters: dict[str, Path]) -> None:
    as_json = json.loads(assert_safe_output(run_parse(hostile_letters["layout"], "json")))
    as_yaml = yaml.safe_load(assert_safe_output(run_parse(hostile_letters["layout"], "yaml")))
    assert as_yaml == as_json


def test_a_markup_title_is_printed_literally(tmp_path: Path) -> None:
    spec = dataclasses.replace(
        HOSTILE_SPEC,
        title="Letter dated 28 February 2025 from the Permanent Representative of [bold red]x[/] to the "
        "United Nations addressed to the Secretary-General",
    )
    path = tmp_path / "markup.txt"
    path.write_text(render(spec), "utf-8")
    for fmt in FORMATS:
        out = assert_safe_output(run_parse(path, fmt))
        assert "[bold red]x[/]" in out
    data = json.loads(assert_safe_output(run_parse(path, "json")))
    assert "of [bold red]x[/] to the United Nations" in data["title"]
    assert data["sender"] == "Permanent Representative of [bold red]x[/] to the United Nations"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_one_megabyte_line_parses(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "long-line.txt"
    long_line = "word " * 200_000 + "(S/2025/80)"
    path.write_text(SEED.read_text("utf-8") + "\n" + long_line + "\n", "utf-8")
    out = assert_safe_output(run_parse(path, fmt, timeout=120))
    assert len(out) > 1_000_000


def test_a_file_name_that_is_not_utf8_parses_and_shows_the_replacement(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9\x1b[2J.txt"
    with open(name, "wb") as out:
        out.write((LETTERS / "text" / "S_2025_80.txt").read_bytes())
    path = Path(os.fsdecode(name))
    data = json.loads(assert_safe_output(run_parse(path, "json")))
    assert data["source"].endswith("caf\ufffd\x1b[2J.txt")  # JSON escapes the ESC
    assert data["symbols"] == ["S/2025/80"]
    assert "\ufffd\u241b[2J.txt" in assert_refused(run_parse(path.with_name(path.name + ".missing")))


# --- the writers themselves -----------------------------------------------------------------------

TERMINAL_ACTING = "".join(chr(c) for c in sorted(ESCAPED_IN_OUTPUT))


def test_yaml_escapes_every_character_json_escapes_and_reads_back_the_same() -> None:
    data = {
        "text": f"a{TERMINAL_ACTING} b \x1b[2J é 中",
        "list": ["\u2066isolate\u2069", "plain"],
        "key\u202e": "long " * 40 + "\u202e" + " long" * 40,
    }
    for out in (to_yaml(data), to_json(data)):
        assert _RAW_OUTPUT.isdisjoint(out) and not _RAW.search(out)
        assert "é 中" in out  # other text stays readable
    assert yaml.safe_load(to_yaml(data)) == data == json.loads(to_json(data))


def test_formats_load_yaml_only_with_safe_load() -> None:
    """No yaml.load / full_load / unsafe_load / custom Loader anywhere in the reader."""
    for source in (ROOT / "reader").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "yaml"
            ):
                assert node.attr not in {
                    "load",
                    "load_all",
                    "full_load",
                    "unsafe_load",
                    "Loader",
                    "UnsafeLoader",
                }, f"{source}: yaml.{node.attr}"


def test_terminal_text_replaces_lone_surrogates_one_for_one() -> None:
    """A file name that is not UTF-8 reaches error lines and the app as surrogate escapes."""
    from reader.safe_text import one_line, visible

    assert one_line("caf\udce9\x1b[2J.pdf") == "caf\ufffd\u241b[2J.pdf"
    assert visible("a\ud800\nb") == "a\ufffd\nb"
    assert len(visible("x\udce9" * 10)) == 20  # offsets into the text stay valid


# --- the app on the same inputs -------------------------------------------------------------------


def _screen(app: Any) -> tuple[str, str]:
    """What a full repaint shows (plain text) and writes (escape sequences included)."""
    update = app.screen._compositor.render_update(full=True)
    text = "\n".join("".join(strip.text for strip in line) for line in update.strips)
    return text, update.render_segments(app.console)


async def test_the_app_shows_controls_as_symbols_and_quits_past_a_fifo(
    hostile_letters: dict[str, Path], tmp_path: Path
) -> None:
    """The real loader (parse_path) behind the app: the FIFO is refused at once instead of blocking a
    worker (which kept `q` from ever exiting), and no control character reaches the terminal."""
    from reader.app.app import ReaderApp

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    app = ReaderApp([hostile_letters["layout"], fifo])
    async with app.run_test(size=(200, 60)) as pilot:
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout=30)  # a blocked read fails here
        await pilot.pause()
        text, output = _screen(app)
        assert "Exam\u241b[31m\u2407\ufffd[2J\ufffd\u2421plia" in text  # the title, every control visible
        assert "\u241b]52;c;ZXZpbA==\u2407" in text  # the OSC 52 sequence in the first paragraph
        for raw in ("\x07", "\x9b", "\u202e", "\x7f", "\x1b[2J", "\x1b]52;c;ZXZpbA"):
            assert raw not in output, repr(raw)
        await pilot.press("l")  # the open letters, with the FIFO's one-line error
        await pilot.pause()
        text = _screen(app)[0]
        assert "pipe.txt  error: " in text and "pipe (FIFO), not a regular file" in text
        await pilot.press("escape", "q")
    assert not app.is_running
