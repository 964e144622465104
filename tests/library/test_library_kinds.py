"""The library over every kind of document: kinds and the low-quality flag are indexed, the list filters
by kind, resolving, search and cited-by work across kinds, and an index of the previous schema is rebuilt.

Built with the real parser on copies of real documents (a resolution, reports, a draft resolution, a
poor OCR) and a letter, so what is indexed is what the parser really gives.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.library import Library
from reader.library.index import SCHEMA_VERSION, index_path, kind_filter
from reader.model import LetterKind

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "tests" / "fixtures" / "documents" / "text"
LETTERS = ROOT / "tests" / "fixtures" / "letters" / "text"
FILES = {
    "S_RES_2771_2025.txt": DOCUMENTS,  # resolution
    "S_2025_72.txt": DOCUMENTS,  # report
    "UNW_2025_1.txt": DOCUMENTS,  # report
    "S_2025_108.txt": DOCUMENTS,  # draft resolution
    "E_CN.4_149.txt": DOCUMENTS,  # a poor OCR
    "A_80_271.txt": DOCUMENTS,  # note
    "S_2025_80.txt": LETTERS,  # letter
}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("documents-library")
    folder = root / "library"
    folder.mkdir()
    for name, source in FILES.items():
        shutil.copy(source / name, folder / name)
    citing = (LETTERS / "S_2025_80.txt").read_text(encoding="utf-8")
    marker = "I should be grateful if you would bring"
    (folder / "citing.txt").write_text(
        citing.replace(marker, "I recall paragraph 5 of resolution 2771 (2025).\n" + marker).replace(
            "S/2025/80", "S/2025/9080"
        ),
        encoding="utf-8",
    )
    return folder, root / "cache"


@pytest.fixture(scope="module")
def library(shelf: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    folder, cache = shelf
    lib = Library.open([folder], cache_dir=cache, workers=1)
    yield lib
    lib.close()


def names(entries: object) -> list[str]:
    return sorted(entry.path.name for entry in entries)  # type: ignore[attr-defined]


def test_every_kind_is_indexed_with_its_kind(library: Library) -> None:
    kinds = {entry.path.name: entry.kind for entry in library.letters()}
    assert kinds["S_RES_2771_2025.txt"] is LetterKind.RESOLUTION
    assert kinds["S_2025_72.txt"] is LetterKind.REPORT
    assert kinds["S_2025_108.txt"] is LetterKind.DRAFT_RESOLUTION
    assert kinds["A_80_271.txt"] is LetterKind.NOTE
    assert kinds["S_2025_80.txt"] is LetterKind.LETTER
    assert len(kinds) == len(FILES) + 1


def test_low_quality_is_stored_and_only_for_the_poor_ocr(library: Library) -> None:
    flagged = [entry.path.name for entry in library.letters() if entry.low_quality]
    assert flagged == ["E_CN.4_149.txt"]


def test_the_list_filters_by_kind(library: Library) -> None:
    assert names(library.letters("kind:report")) == ["S_2025_72.txt", "UNW_2025_1.txt"]
    assert names(library.letters("kind:resolution")) == ["S_RES_2771_2025.txt"]
    assert names(library.letters("kind:draft")) == ["S_2025_108.txt"]  # a start of the name
    assert names(library.letters("kind:draft-resolution")) == ["S_2025_108.txt"]
    assert names(library.letters("kind:note")) == ["A_80_271.txt"]  # exact wins: not notes verbales
    assert names(library.letters("KIND:Letter")) == ["S_2025_80.txt", "citing.txt"]
    assert names(library.letters("kind:report kind:resolution")) == [
        "S_2025_72.txt",
        "S_RES_2771_2025.txt",
        "UNW_2025_1.txt",
    ]
    assert names(library.letters("kind:report S/2025/72")) == ["S_2025_72.txt"]  # with words
    assert list(library.letters("kind:nonsense")) == []
    assert list(library.letters("kind:report", sort="symbol"))  # either sort


def test_kind_filter_words() -> None:
    assert kind_filter("Cyprus kind:res") == (["cyprus"], ["resolution"])
    assert kind_filter("kind:meeting_record") == ([], ["meeting record"])
    assert kind_filter("kind:note") == ([], ["note"])
    assert kind_filter("kind:no") == ([], ["note verbale", "note"])
    assert kind_filter("kind:") == ([], [])  # names no kind: nothing, not everything
    assert kind_filter("plain words") == (["plain", "words"], None)


def test_resolution_reference_resolves_to_the_resolution_in_the_library(library: Library) -> None:
    found = library.resolve("S/RES/2771 (2025)")
    assert [match.entry.path.name for match in found] == ["S_RES_2771_2025.txt"]
    assert found[0].entry.kind is LetterKind.RESOLUTION


def test_search_and_cited_by_work_across_kinds(library: Library) -> None:
    hits = library.search("Varosha")
    assert "S_RES_2771_2025.txt" in [hit.entry.path.name for hit in hits]
    citing = library.cited_by("S/RES/2771 (2025)")
    assert "citing.txt" in [citation.entry.path.name for citation in citing]
    report_hits = library.search("Da’esh")
    assert {hit.entry.kind for hit in report_hits} >= {LetterKind.REPORT}


def test_an_index_of_the_previous_schema_is_rebuilt_with_the_new_column(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(DOCUMENTS / "E_CN.4_149.txt", folder / "E_CN.4_149.txt")
    cache = tmp_path / "cache"
    Library.open([folder], cache_dir=cache, workers=1).close()
    db = index_path(folder.resolve(), cache)
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
        connection.execute("UPDATE letters SET low_quality = 0")
    connection.close()
    library = Library.open([folder], cache_dir=cache, workers=1)
    try:
        assert "schema" in library.reports[0].rebuilt
        assert [entry.low_quality for entry in library.letters()] == [True]
    finally:
        library.close()
