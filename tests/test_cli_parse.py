"""`un-reader parse` and `refs` as a user runs them: output, exit codes, one-line errors, untouched input."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LETTERS, ROOT, SEED


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip


def parse_json(path: Path) -> dict[str, Any]:
    run = run_cli("parse", str(path), "--format", "json")
    assert run.returncode == 0, run.stderr
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def assert_one_line_error(run: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("un-reader: error: ")
    assert "Traceback" not in run.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_parse_yaml_has_the_same_content(tmp_path: Path) -> None:
    import yaml

    run = run_cli("parse", str(SEED), "--format", "yaml")
    assert run.returncode == 0, run.stderr
    data = yaml.safe_load(run.stdout)
    assert data["title"].startswith("Letter dated 8 February 2021")
    assert len(data["paragraphs"]) == 11
    assert data["signatures"][0]["name"] == "Yashar Aliyev"


def test_refs_prints_one_json_object_per_reference() -> None:
    run = run_cli("refs", str(SEED))
    assert run.returncode == 0, run.stderr
    refs = [json.loads(line) for line in run.stdout.splitlines()]
    symbols = {r["symbol"] for r in refs if r["kind"] == "document"}
    assert symbols == {"A/75/710-S/2021/42", "A/74/450-S/2019/762", "A/74/961-S/2020/729"}
    marker = next(r for r in refs if r["kind"] == "footnote")
    assert (marker["where"], marker["target"]) == ("p10", "1")
    assert set(refs[0]) >= {"kind", "symbol", "components", "text", "where", "start", "end", "url", "target"}


def test_refs_of_a_real_letter_in_plain_text() -> None:
    run = run_cli("refs", str(LETTERS / "text" / "A_79_818-S_2025_156.txt"))
    assert run.returncode == 0, run.stderr
    symbols = {json.loads(line)["symbol"] for line in run.stdout.splitlines()}
    assert {"A/79/798-S/2025/110", "A/79/802-S/2025/123"} <= symbols


@pytest.mark.parametrize("command", ["parse", "refs"])
def test_missing_file(tmp_path: Path, command: str) -> None:
    assert_one_line_error(run_cli(command, str(tmp_path / "nope.txt")), "nope.txt", "no such file")


def test_a_hostile_file_name_stays_one_safe_line(tmp_path: Path) -> None:
    """Errors quote the file's name: its escape sequence and newline must not reach the terminal."""
    path = tmp_path / "ev\x1b[2Jil\nname.txt"
    path.write_text("Not a letter at all.\n", encoding="utf-8")
    run = run_cli("parse", str(path))
    assert_one_line_error(run, "ev\u241b[2Jil name.txt")
    assert "\x1b" not in run.stderr


def test_folder(tmp_path: Path) -> None:
    assert_one_line_error(run_cli("parse", str(tmp_path)), "folder")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_line_error(run_cli("parse", str(path)), "empty")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 40)
    assert_one_line_error(run_cli("parse", str(path)), "binary")


def test_latin1_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Lettre datée du 3 février 2025 adressée au Secrétaire général\n".encode("latin-1"))
    assert_one_line_error(run_cli("parse", str(path)), "UTF-8")


SHOPPING = "Shopping list\n\nMilk\nEggs\nBread\n2 apples\nSoap (for the kitchen)\n"
NOVEL = "\n".join(
    ["Chapter One", ""]
    + [
        "It was late when she came back to the house by the river, and the lamps were already lit.",
        "Nobody spoke. The dog lay by the fire and the clock on the wall said nothing either.",
    ]
    * 60
)


@pytest.mark.parametrize("text", [SHOPPING, NOVEL], ids=["shopping-list", "novel-chapter"])
def test_text_that_is_not_a_letter(tmp_path: Path, text: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    assert_one_line_error(run_cli("parse", str(path)), "does not look like a UN letter")
    assert_one_line_error(run_cli("refs", str(path)), "does not look like a UN letter")


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("source", "digest")}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-le-bom"])
def test_bom_and_utf16_copies_parse_like_the_original(tmp_path: Path, encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / f"seed-{encoding}.txt"
    if encoding == "utf-8-sig":
        path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    else:
        path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    original = parse_json(SEED)
    copy = parse_json(path)
    assert _comparable(copy) == _comparable(original)
    assert copy["digest"] != original["digest"]


@pytest.mark.parametrize(
    "path",
    [SEED, LETTERS / "text" / "A_79_729-S_2025_40.txt", LETTERS / "layout" / "A_79_729-S_2025_40.txt"],
    ids=["seed", "text", "layout"],
)
def test_input_is_never_modified(path: Path) -> None:
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    assert run_cli("parse", str(path)).returncode == 0
    assert run_cli("refs", str(path)).returncode == 0
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_scanned_letter_parses_with_its_text() -> None:
    data = parse_json(LETTERS / "text" / "A_49_230-S_1994_822.txt")
    assert data["symbols"] == ["A/49/230", "S/1994/822"]
    assert data["signatures"][0]["name"] == "Detlev GRAF ZU RANTZAU"
    assert [a["title"] for a in data["annexes"]] == ["ANNEX"]


def test_json_output_escapes_what_could_act_on_a_terminal() -> None:
    """C1 controls (U+009B is a CSI), bidi overrides and line separators are written as \\u escapes."""
    from reader.parser import parse_path
    from reader.serialize import letter_to_dict, letter_to_json, to_json

    data = {"text": "a\x9b[31m b\u202e c\u2028 d \x1b é 中"}
    out = to_json(data)
    assert json.loads(out) == data
    assert not any(ch in out for ch in "\x9b\u202e\u2028\x1b")
    assert "é 中" in out  # other text stays readable
    letter = parse_path(SEED)
    assert json.loads(letter_to_json(letter)) == json.loads(json.dumps(letter_to_dict(letter)))
