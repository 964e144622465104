"""`un-reader index|search|cited-by|check` as a user runs them: output, exit codes, errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "tests" / "fixtures" / "letters"
SEED_LIBRARY = ROOT / "seeds" / "library"
SERIES = ["S_2025_80", "S_2025_147", "S_2025_228", "A_79_798-S_2025_110", "A_79_818-S_2025_156"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for name in SERIES:
        shutil.copy(LETTERS / "text" / f"{name}.txt", folder)
    return folder


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_index_reports_letters_skipped_and_time(env: dict[str, str], library: Path) -> None:
    (library / "empty.txt").write_text("", encoding="utf-8")
    result = run(env, "index", str(library))
    assert result.returncode == 0, result.stderr
    assert f"{library}: 5 letters indexed (6 files read, 0 unchanged, 0 removed), 1 skipped," in result.stdout
    assert result.stdout.rstrip().endswith(" s")
    assert f"un-reader: warning: {library / 'empty.txt'}: the file is empty" in result.stderr
    again = run(env, "index", str(library))
    assert "(0 files read, 6 unchanged, 0 removed)" in again.stdout


def test_index_of_a_missing_folder_is_a_one_line_error(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "index", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"un-reader: error: {tmp_path / 'nowhere'}: no such folder"
    assert result.stdout == ""


def test_index_rebuilds_a_damaged_index(env: dict[str, str], library: Path, tmp_path: Path) -> None:
    assert run(env, "index", str(library)).returncode == 0
    (db,) = (tmp_path / "cache" / "index").glob("*.sqlite3")
    for extra in db.parent.glob("*.sqlite3-*"):
        extra.unlink()
    db.write_bytes(b"\x00garbage" * 1000)
    result = run(env, "index", str(library))
    assert result.returncode == 0, result.stderr
    assert "index rebuilt: damaged" in result.stdout and "5 letters indexed" in result.stdout


def test_search_prints_symbol_title_and_snippet(env: dict[str, str], library: Path) -> None:
    result = run(env, "search", "previous report", "--library", str(library))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "3 letters match"
    headings = [line for line in lines if not line.startswith("  ")][:-1]
    assert sorted(h.split(" · ")[0] for h in headings) == ["S/2025/147", "S/2025/228", "S/2025/80"]
    assert any("Letter dated 7 March 2025 from the Secretary-General" in h for h in headings)
    assert any(line.startswith("  p2: ") and "previous report" in line for line in lines)
    assert "\x1b" not in result.stdout  # no escape codes in a pipe


def test_search_without_matches_exits_1(env: dict[str, str], library: Path) -> None:
    result = run(env, "search", "xylophone", "--library", str(library))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip().endswith("no matches for 'xylophone'")


def test_search_without_a_library_gives_a_hint(env: dict[str, str]) -> None:
    result = run(env, "search", "peace")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"un-reader: error: no library: pass --library PATH or list folders under `libraries:` in "
        f"{env['UN_READER_CONFIG']}"
    )


def test_the_config_file_names_the_library(env: dict[str, str], library: Path) -> None:
    Path(env["UN_READER_CONFIG"]).write_text(f"libraries:\n  - {library}\n", encoding="utf-8")
    result = run(env, "cited-by", "S/2025/80")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "S/2025/80 is cited by 1 letter:"
    Path(env["UN_READER_CONFIG"]).write_text("libraries: [unclosed\n", encoding="utf-8")
    broken = run(env, "cited-by", "S/2025/80")
    assert broken.returncode == 2 and "not valid YAML" in broken.stderr and "Traceback" not in broken.stderr


def test_cited_by_shows_citing_letters_with_the_sentence(env: dict[str, str], library: Path) -> None:
    result = run(env, "cited-by", "S/2025/110", "--library", str(library))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "A/79/798-S/2025/110 is cited by 1 letter:"  # known by both its symbols
    assert lines[1].startswith("A/79/818-S/2025/156 · 12 March 2025 · Letter dated 12 March 2025")
    assert lines[2].startswith("  p1: ") and "A/79/798-S/2025/110 and A/79/802-S/2025/123" in lines[2]
    assert lines[2].endswith("products of hatred and disinformation.")


def test_cited_by_a_symbol_nobody_cites_exits_1(env: dict[str, str], library: Path) -> None:
    result = run(env, "cited-by", "S/2025/228", "--library", str(library))
    assert result.returncode == 1 and result.stdout == ""
    assert "no letter in the library cites S/2025/228" in result.stderr


def test_check_a_clean_letter_exits_0(env: dict[str, str], library: Path) -> None:
    result = run(env, "check", str(library / "A_79_818-S_2025_156.txt"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "A/79/818-S/2025/156" in result.stdout.splitlines()[0] and ": ok" in result.stdout.splitlines()[0]
    assert "  in library: A/79/798-S/2025/110" in result.stdout
    assert "  not in library: A/79/802-S/2025/123 (p1)" in result.stdout
    assert "  review: 0 of " in result.stdout


def test_check_finds_malformed_symbols_and_broken_footnotes(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (LETTERS / "text" / "S_2025_147.txt").read_text(encoding="utf-8")
    text = text.replace("report (S/2025/80).", "report (A/74/881-S/2020-503 of 5 June 2020).")
    (folder / "letter.txt").write_text(text, encoding="utf-8")
    result = run(env, "check", str(folder / "letter.txt"), "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    (letter,) = report["letters"]
    assert letter["ok"] is False
    assert any("2020-503" in ref["text"] for ref in letter["malformed"])
    assert report["summary"]["with_problems"] == 1


def test_check_json_over_a_folder(env: dict[str, str], library: Path) -> None:
    result = run(env, "check", str(library), "--format", "json")
    report = json.loads(result.stdout)
    assert len(report["letters"]) == len(SERIES) and report["errors"] == []
    by_symbol = {item["symbol"]: item for item in report["letters"]}
    assert [r["symbol"] for r in by_symbol["S/2025/147"]["in_library"]] == ["S/2025/80"]
    assert result.returncode == (0 if all(item["ok"] for item in report["letters"]) else 1)


def test_check_bad_path_is_a_one_line_error(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "check", str(tmp_path / "missing.pdf"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"un-reader: error: {tmp_path / 'missing.pdf'}: no such file or folder"


def test_check_an_unreadable_file_among_good_ones(env: dict[str, str], library: Path) -> None:
    (library / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    result = run(env, "check", str(library / "binary.txt"), str(library / "S_2025_80.txt"))
    assert result.returncode == 2
    assert "un-reader: error:" in result.stderr and "binary.txt" in result.stderr
    assert "S/2025/80" in result.stdout


def test_check_reports_review_state(env: dict[str, str], library: Path) -> None:
    from reader.library.review import ReviewStore, reference_id, reviewable
    from reader.parser import parse_path

    letter = parse_path(library / "S_2025_147.txt")
    refs = reviewable(letter)
    store = ReviewStore(Path(env["UN_READER_DATA_DIR"]) / "review.yaml")
    store.set(letter.key, reference_id(refs[0]), "checked")
    store.set(letter.key, reference_id(refs[-1]), "flagged", "not sure")
    result = run(env, "check", str(library / "S_2025_147.txt"))
    # each of the four references cites a different document: one checked, one flagged (with its note)
    assert f"  review: 1 of {len(refs)} documents checked · {len(refs)} mentions, 1 flagged" in result.stdout
    assert "  flagged: S/2025/80: not sure" in result.stdout


def test_control_characters_in_letters_never_reach_the_terminal(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    text = (LETTERS / "text" / "S_2025_147.txt").read_text(encoding="utf-8")
    (folder / "letter.txt").write_text(
        text.replace("previous report", "previous \x1b[31mreport\x07"), "utf-8"
    )
    result = run(env, "search", "previous", "--library", str(folder))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_search_shows_twenty_letters_and_says_how_many_passages_match(env: dict[str, str]) -> None:
    result = run(env, "search", "Security Council", "--library", str(LETTERS / "text"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len([line for line in lines if not line.startswith("  ")]) == 21
    assert lines[-1].startswith("20 letters shown; ") and lines[-1].endswith(
        " passages match (narrow the search to see others)"
    )
