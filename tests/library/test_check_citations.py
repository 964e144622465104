"""`check` against the cited document: real letters that cite each other, and copies of the citing
letter whose words about a cited letter were changed, one field at a time."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from reader.library.check import cited_dates, citing_description
from reader.parser import parse_path
from tests.conftest import cli_env
from tests.library.test_commands import run

LAYOUT = Path(__file__).resolve().parents[1] / "fixtures" / "letters" / "layout"
CITING = "A_79_818-S_2025_156.txt"  # cites A/79/798-S/2025/110 and A/79/802-S/2025/123
CITED = ("A_79_798-S_2025_110.txt", "A_79_802-S_2025_123.txt")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for name in CITED:
        shutil.copy(LAYOUT / name, folder)
    return folder


def altered(tmp_path: Path, pattern: str, replacement: str, name: str = CITING) -> Path:
    """A copy of a real letter with one phrase of its citing text changed (exactly once)."""
    text = (LAYOUT / name).read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, pattern
    path = tmp_path / f"altered-{name}"
    path.write_text(changed, encoding="utf-8")
    return path


def mismatches(env: dict[str, str], library: Path, letter: Path) -> tuple[int, list[dict[str, Any]], Any]:
    result = run(env, "check", str(letter), "--library", str(library), "--format", "json")
    report = json.loads(result.stdout)
    assert report["errors"] == []
    return result.returncode, report["letters"][0]["mismatches"], report["summary"]["mismatches"]


def test_correct_citations_have_no_finding(env: dict[str, str], library: Path) -> None:
    code, found, total = mismatches(env, library, LAYOUT / CITING)
    assert (code, found, total) == (0, [], 0)
    text = run(env, "check", str(LAYOUT / CITING), "--library", str(library))
    assert text.returncode == 0 and "mismatch" not in text.stdout
    assert "  in library: A/79/798-S/2025/110, A/79/802-S/2025/123" in text.stdout


def test_s_2025_311_cites_two_letters_without_a_finding(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "council"
    folder.mkdir()
    for name in ("S_2025_141.txt", "S_2025_180.txt"):
        shutil.copy(LAYOUT / name, folder)
    code, found, _ = mismatches(env, folder, LAYOUT / "S_2025_311.txt")
    assert (code, found) == (0, [])


def test_a_wrong_date(env: dict[str, str], library: Path, tmp_path: Path) -> None:
    letter = altered(tmp_path, r"dated(\s+)20 and 25 February", r"dated\g<1>21 and 25 February")
    code, found, total = mismatches(env, library, letter)
    assert code == 1 and total == 1
    assert found == [
        {
            "symbol": "A/79/798-S/2025/110",
            "where": "p1",
            "field": "date",
            "cited": "21 and 25 February 2025",
            "found": "20 February 2025",
        }
    ]
    text = run(env, "check", str(letter), "--library", str(library))
    assert text.returncode == 1
    assert (
        "  mismatch: A/79/798-S/2025/110 (p1) date: cited '21 and 25 February 2025', found '20 February 2025'"
        in text.stdout
    )


def test_a_wrong_sender(env: dict[str, str], library: Path, tmp_path: Path) -> None:
    letter = altered(
        tmp_path, r"Representative of Armenia(\s+)and their", r"Representative of Azerbaijan\g<1>and their"
    )
    code, found, _ = mismatches(env, library, letter)
    assert code == 1
    assert [(m["symbol"], m["field"], m["cited"], m["found"]) for m in found] == [
        (
            symbol,
            "sender",
            "Permanent Representative of Azerbaijan",
            "Permanent Representative of Armenia to the United Nations",
        )
        for symbol in ("A/79/798-S/2025/110", "A/79/802-S/2025/123")
    ]


def test_a_wrong_kind(env: dict[str, str], library: Path, tmp_path: Path) -> None:
    letter = altered(tmp_path, r"communications dated", "notes verbales dated")
    code, found, _ = mismatches(env, library, letter)
    assert code == 1
    assert {(m["symbol"], m["field"], m["cited"], m["found"]) for m in found} == {
        ("A/79/798-S/2025/110", "kind", "notes verbales", "letter"),
        ("A/79/802-S/2025/123", "kind", "notes verbales", "letter"),
    }


def test_a_component_the_target_does_not_have(env: dict[str, str], library: Path, tmp_path: Path) -> None:
    letter = altered(tmp_path, r"A/79/798-S/2025/110 and", "A/79/798-S/2025/119 and")
    code, found, _ = mismatches(env, library, letter)
    assert code == 1
    assert found == [
        {
            "symbol": "A/79/798-S/2025/119",
            "where": "p1",
            "field": "components",
            "cited": "A/79/798-S/2025/119",
            "found": "A/79/798-S/2025/110",
        }
    ]


def test_a_later_version_in_the_library(env: dict[str, str], library: Path) -> None:
    original = (LAYOUT / CITED[0]).read_text(encoding="utf-8")
    revised = original.replace("A/79/798-S/2025/110", "A/79/798/Rev.1-S/2025/110/Rev.1")
    (library / "A_79_798-S_2025_110-Rev.1.txt").write_text(revised, encoding="utf-8")
    code, found, _ = mismatches(env, library, LAYOUT / CITING)
    assert code == 1
    assert found == [
        {
            "symbol": "A/79/798-S/2025/110",
            "where": "p1",
            "field": "version",
            "cited": "A/79/798-S/2025/110",
            "found": "a later version exists: A/79/798/Rev.1-S/2025/110/Rev.1",
        }
    ]


DOCUMENTS = LAYOUT.parents[1] / "documents" / "layout"


def test_a_resolution_cited_with_the_wrong_year(env: dict[str, str], tmp_path: Path) -> None:
    """The library holds resolution 2771 (2025) (a real one, as `fetch` stores it); a copy of S/2025/311
    cites it as 2771 (2024), another as 2771 (2025)."""
    folder = tmp_path / "resolutions"
    folder.mkdir()
    shutil.copy(DOCUMENTS / "S_RES_2771_2025.txt", folder)
    right = altered(tmp_path, r"2719 \(2023\)", "2771 (2025)", "S_2025_311.txt")
    assert mismatches(env, folder, right)[:2] == (0, [])
    wrong = altered(tmp_path, r"2719 \(2023\)", "2771 (2024)", "S_2025_311.txt")
    code, found, _ = mismatches(env, folder, wrong)
    assert code == 1
    assert found == [
        {
            "symbol": "S/RES/2771 (2024)",
            "where": "a1.p12",
            "field": "resolution",
            "cited": "2771 (2024)",
            "found": "S/RES/2771 (2025)",
        }
    ]


def test_an_addendum_in_the_library_is_a_later_version(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / "conference"
    folder.mkdir()
    shutil.copy(DOCUMENTS / "A_CONF.243_2025_1.txt", folder)
    letter = altered(tmp_path, r"\(S/2025/141\)", "(A/CONF.243/2025/1)", "S_2025_311.txt")
    assert mismatches(env, folder, letter)[:2] == (0, [])
    shutil.copy(DOCUMENTS / "A_CONF.243_2025_1_Add.1.txt", folder)
    code, found, _ = mismatches(env, folder, letter)
    assert code == 1
    assert found == [
        {
            "symbol": "A/CONF.243/2025/1",
            "where": "a1.p4",
            "field": "version",
            "cited": "A/CONF.243/2025/1",
            "found": "a later version exists: A/CONF.243/2025/1/Add.1",
        }
    ]


def test_the_citing_words_are_read_from_the_sentence_before_the_bracket() -> None:
    letter = parse_path(LAYOUT / CITING)
    first, second = (
        r for r in letter.references if r.symbol in ("A/79/798-S/2025/110", "A/79/802-S/2025/123")
    )
    text = letter.texts()[first.where]
    said = citing_description(text, second, [first, second])
    assert said.endswith(
        "the communications dated 20 and 25 February 2025 from the Permanent Representative"
        " of Armenia and their annexed papers"
    )
    assert cited_dates(said)[0] == (dt.date(2025, 2, 20), dt.date(2025, 2, 25))
    assert cited_dates("letter dated 31 January and 3 February 2025")[0] == (
        dt.date(2025, 1, 31),
        dt.date(2025, 2, 3),
    )
    assert cited_dates("the letter of last week") == ((), "")


def test_check_prints_flag_notes(env: dict[str, str], library: Path) -> None:
    from reader.library.review import ReviewStore, cited_documents

    letter = parse_path(LAYOUT / CITING)
    doc = cited_documents(letter)[0]
    ReviewStore(Path(env["UN_READER_DATA_DIR"]) / "review.yaml").set(
        letter.key, doc.id, "flagged", "ask the desk about the annex", reviewer="ana"
    )
    result = run(env, "check", str(LAYOUT / CITING), "--library", str(library))
    assert "  flagged: A/79/798-S/2025/110: ask the desk about the annex" in result.stdout
    assert "  review: 0 of 2 documents checked · 2 mentions, 1 flagged" in result.stdout
    report = json.loads(
        run(env, "check", str(LAYOUT / CITING), "--library", str(library), "--format", "json").stdout
    )
    flags = report["letters"][0]["flags"]
    assert [(f["document"], f["note"], f["reviewer"]) for f in flags] == [
        ("A/79/798-S/2025/110", "ask the desk about the annex", "ana")
    ]


def test_a_date_just_before_the_bracket_is_the_cited_documents(env: dict[str, str], tmp_path: Path) -> None:
    """A/ES-10/1028 cites "letters, dated from 29 September 2000 (…) to 19 March 2025 (A/ES-10/1027-…)"."""
    folder = tmp_path / "palestine"
    folder.mkdir()
    shutil.copy(LAYOUT / "A_ES-10_1027-S_2025_173.txt", folder)
    citing = "A_ES-10_1028-S_2025_193.txt"
    code, found, _ = mismatches(env, folder, LAYOUT / citing)
    assert (code, found) == (0, [])
    letter = altered(
        tmp_path, r"to 19 March 2025(\s+)\(A/ES-10/1027", r"to 18 March 2025\g<1>(A/ES-10/1027", citing
    )
    code, found, _ = mismatches(env, folder, letter)
    assert code == 1
    assert [(m["symbol"], m["field"], m["cited"], m["found"]) for m in found] == [
        ("A/ES-10/1027-S/2025/173", "date", "18 March 2025", "19 March 2025")
    ]
    assert cited_dates("dated 31 February 2025") == ((), "31 February 2025")  # no such day: no date
