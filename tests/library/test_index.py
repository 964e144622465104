"""The library index: resolving, citations, search, listing, refresh, rebuild and concurrency."""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from library_fakes import parse_fake, write_letter

from reader.errors import ReaderError
from reader.library import Library
from reader.library.index import SCHEMA_VERSION, index_path
from reader.library.progress import Progress
from reader.symbol_keys import component_keys, split_joint

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "tests" / "fixtures" / "letters" / "text"
SEED_LIBRARY = ROOT / "seeds" / "library"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    lib = tmp_path / "letters"
    lib.mkdir()
    write_letter(
        lib,
        "a",
        ["A/79/798", "S/2025/110"],
        ["Armenia writes about peace."],
        date="2025-02-20",
        agenda=["32", "60"],
    )
    write_letter(
        lib,
        "b",
        ["A/79/818", "S/2025/156"],
        [
            "We protest. The papers (A/79/798-S/2025/110 and A/79/802-S/2025/123) are rejected. We go on.",
            "Nothing else, see para. 3 of A/79/798.",
        ],
        date="2025-03-12",
        agenda=["32 (a)", "132"],
    )
    council = ("Security Council", "Eightieth year", None)
    write_letter(
        lib,
        "c",
        ["S/2025/71/Rev.1"],
        ["A revised report on Houthi attacks."],
        organ=council,
        date="2025-01-30",
    )
    write_letter(
        lib,
        "d",
        ["S/2025/90"],
        ["As said in S/2025/71, the Houthi attacks go on."],
        organ=council,
        date="2025-02-10",
    )
    write_letter(
        lib,
        "e",
        ["S/2025/147"],
        ["Self-reference S/2025/147 is not a citation."],
        organ=council,
        date="2025-03-07",
    )
    return lib


def open_fake(folder: Path, tmp_path: Path, **kwargs: object) -> Library:
    return Library.open([folder], cache_dir=tmp_path / "cache", parser=parse_fake, **kwargs)  # type: ignore[arg-type]


def test_joint_symbols_split_on_organ_prefixes_only() -> None:
    assert split_joint("A/79/798-S/2025/110") == ("A/79/798", "S/2025/110")
    assert split_joint("A/ES-10/1027–S/2025/173") == ("A/ES-10/1027", "S/2025/173")
    assert split_joint("A/79/843*-S/2025/201*") == ("A/79/843", "S/2025/201")
    assert split_joint("S/2020-503") == ("S/2020-503",)
    assert component_keys(["S/2025/71/Rev.1", "s/2025/71/rev.1"]) == ("S/2025/71/REV.1",)


def test_a_component_resolves_to_the_joint_letter(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        matches = library.resolve("A/79/798")
        assert [m.entry.symbol for m in matches] == ["A/79/798-S/2025/110"]
        assert matches[0].matched == "A/79/798" and not matches[0].revision
        assert [m.entry.path.name for m in library.resolve(["X/1", "S/2025/110"])] == ["a.txt"]
        assert library.resolve("A/79/802-S/2025/123") == []


def test_an_original_resolves_to_its_revision_marked(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        (match,) = library.resolve("S/2025/71")
        assert match.entry.symbol == "S/2025/71/Rev.1" and match.revision
        (exact,) = library.resolve("S/2025/71/Rev.1")
        assert not exact.revision


def test_cited_by_gives_the_citing_sentence_and_offsets(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        citations = library.cited_by(["A/79/798", "S/2025/110"])
        assert [(c.entry.symbol, c.where) for c in citations] == [
            ("A/79/818-S/2025/156", "p1"),
            ("A/79/818-S/2025/156", "p2"),
        ]
        first = citations[0]
        assert first.sentence == "The papers (A/79/798-S/2025/110 and A/79/802-S/2025/123) are rejected."
        begin, end = first.span_in_sentence
        assert first.sentence[begin:end] == "A/79/798-S/2025/110"
        assert citations[1].sentence == "Nothing else, see para. 3 of A/79/798."


def test_cited_by_counts_citations_of_the_original_of_a_revision(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        (citation,) = library.cited_by("S/2025/71/Rev.1")
        assert citation.entry.symbol == "S/2025/90" and citation.revision and citation.text == "S/2025/71"


def test_a_letter_mentioning_its_own_symbol_does_not_cite_itself(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        assert library.cited_by("S/2025/147") == []


def test_search_one_hit_per_letter_with_highlighted_snippet(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        hits = library.search("houthi attacks")
        assert sorted(h.entry.symbol for h in hits) == ["S/2025/71/Rev.1", "S/2025/90"]
        for hit in hits:
            marked = [hit.snippet[a:b].lower() for a, b in hit.highlights]
            assert marked == ["houthi", "attacks"]
        assert [h.entry.symbol for h in library.search("S/2025/71")] == ["S/2025/90"]
        assert [h.entry.symbol for h in library.search('"attacks go"')] == ["S/2025/90"]
        assert len(library.search("prot*")) == 1  # "protest"
        assert library.search('AND OR NOT ( " *') == []  # FTS syntax in user text is only text
        assert library.search("houthi", limit=1)[0].entry.symbol in {"S/2025/71/Rev.1", "S/2025/90"}


def test_agenda_finds_letters_under_the_same_item_of_the_same_session(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        assert [e.symbol for e in library.agenda("General Assembly", 79, "32")] == ["A/79/798-S/2025/110"]
        assert [e.symbol for e in library.agenda("general assembly", "Seventy-ninth session", "32(a)")] == [
            "A/79/818-S/2025/156"
        ]
        assert library.agenda("General Assembly", 78, "32") == []


def test_letters_sorted_filtered_and_sliced(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        by_date = library.letters()
        assert [e.date.isoformat() for e in by_date if e.date] == sorted(
            ["2025-02-20", "2025-03-12", "2025-01-30", "2025-02-10", "2025-03-07"]
        )
        by_symbol = [e.symbol for e in library.letters(sort="symbol")]
        assert by_symbol == sorted(
            by_symbol, key=lambda s: (s[0], [int(x) for x in s.split("-")[0].split("/")[1:3]])
        )
        assert by_symbol.index("S/2025/90") < by_symbol.index("S/2025/147")  # numbers by value
        assert [e.symbol for e in library.letters("houthi")] == []  # the filter is on the list's columns
        assert [e.symbol for e in library.letters("s/2025/14")] == ["S/2025/147"]
        assert len(library.letters("azerbaijan 2025-03")) == 2  # every word, any column
        assert len(library.letters()[1:3]) == 2 and library.letters()[-1].date is not None
        with pytest.raises(IndexError):
            library.letters()[99]


def test_refresh_rereads_changed_files_and_drops_deleted(folder: Path, tmp_path: Path) -> None:
    open_fake(folder, tmp_path).close()
    (folder / "e.txt").unlink()
    write_letter(folder, "d", ["S/2025/90"], ["Now about S/2025/80 only."], date="2025-02-10")
    os.utime(folder / "d.txt", ns=(1, 1))  # a different mtime even on coarse clocks
    with open_fake(folder, tmp_path) as library:
        (report,) = library.reports
        assert (report.parsed, report.removed, report.unchanged, report.letters) == (1, 1, 3, 4)
        assert library.cited_by("S/2025/71/Rev.1") == []
        assert [c.entry.symbol for c in library.cited_by("S/2025/80")] == ["S/2025/90"]
        assert library.resolve("S/2025/147") == []


def test_unreadable_files_are_skipped_with_their_reason_and_not_reread(folder: Path, tmp_path: Path) -> None:
    (folder / "broken.txt").write_text("not json", encoding="utf-8")
    (folder / "notes.docx").write_text("ignored: not a letter format", encoding="utf-8")
    with open_fake(folder, tmp_path) as library:
        (report,) = library.reports
        assert [s.message for s in report.skipped] == [f"{folder / 'broken.txt'}: not a letter"]
        assert report.letters == 5
    with open_fake(folder, tmp_path) as library:
        assert library.reports[0].parsed == 0 and len(library.reports[0].skipped) == 1


def test_garbage_in_the_index_file_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    open_fake(folder, tmp_path).close()
    db = index_path(folder.resolve(), tmp_path / "cache")
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"this is not an SQLite database at all" * 100)
    with open_fake(folder, tmp_path) as library:
        assert library.reports[0].rebuilt.startswith("damaged")
        assert library.reports[0].parsed == 5
        assert [m.entry.symbol for m in library.resolve("S/2025/110")] == ["A/79/798-S/2025/110"]


def test_an_index_of_another_schema_version_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    open_fake(folder, tmp_path).close()
    db = index_path(folder.resolve(), tmp_path / "cache")
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    with open_fake(folder, tmp_path) as library:
        assert library.reports[0].rebuilt.startswith("schema")
        assert len(library) == 5


def test_damage_inside_the_file_is_found_by_verify(folder: Path, tmp_path: Path) -> None:
    open_fake(folder, tmp_path).close()
    db = index_path(folder.resolve(), tmp_path / "cache")
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):  # every page but the first (the schema) is noise
        data[offset : offset + page] = os.urandom(page)
    db.write_bytes(bytes(data))
    with open_fake(folder, tmp_path, verify=True) as library:
        assert library.reports[0].rebuilt.startswith("damaged")
        assert len(library) == 5


def test_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="no such folder"):
        Library.open([tmp_path / "nope"], cache_dir=tmp_path / "cache")


def test_two_threads_indexing_one_library_at_once(folder: Path, tmp_path: Path) -> None:
    """Nobody waits for the one indexing: the others read what it has committed so far, and say so."""
    results: list[tuple[int, tuple[str, ...]]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with open_fake(folder, tmp_path) as library:
                results.append((len(library), library.reports[0].notes))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(results) == 4
    assert any(count == 5 and not notes for count, notes in results)  # one indexed it
    for count, notes in results:
        assert count == 5 or notes == (
            f"{folder} is being indexed by another process; using what it has indexed so far",
        )
    with open_fake(folder, tmp_path) as library:
        assert len(library) == 5


def test_two_processes_indexing_real_letters_at_once(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    shutil.copytree(TEXT, letters)
    env = {
        **os.environ,
        "UN_READER_CACHE_DIR": str(tmp_path / "cache"),
        "UN_READER_CONFIG": str(tmp_path / "c.yaml"),
        "UN_READER_DATA_DIR": str(tmp_path / "data"),
    }
    command = [sys.executable, "-m", "reader", "index", str(letters)]
    runs = [
        subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with Library.open([letters], cache_dir=tmp_path / "cache") as library:
        assert library.reports[0].parsed == 0
        assert len(library) + len(library.reports[0].skipped) == len(list(TEXT.glob("*.txt")))


def test_many_files_are_read_in_worker_processes_with_progress(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    for copy in ("one", "two"):
        shutil.copytree(TEXT, letters / copy)
    seen: list[Progress] = []
    with Library.open([letters], cache_dir=tmp_path / "cache", progress=seen.append, workers=2) as library:
        total = 2 * len(list(TEXT.glob("*.txt")))
        assert library.reports[0].parsed == total
        reading = [p for p in seen if p.phase == "reading"]
        assert reading[0].done == 0 and reading[-1].done == total == reading[-1].total
        assert [p.done for p in reading] == sorted(p.done for p in reading)
        assert seen[-1].phase == "done"
        # the same letter in two folders resolves twice: both copies are in the library
        assert len(library.resolve("S/2025/80")) == 2


def test_seed_library_letters_cite_each_other(tmp_path: Path) -> None:
    with Library.open([SEED_LIBRARY], cache_dir=tmp_path / "cache") as library:
        assert library.reports[0].skipped == ()
        chain = [
            "S/2025/80",
            "S/2025/147",
            "S/2025/228",
            "S/2025/302",
            "S/2025/364",
            "S/2025/455",
            "S/2025/508",
        ]
        for cited, citing in itertools.pairwise(chain):
            assert citing in [c.entry.symbol for c in library.cited_by(cited)], cited
        (citation,) = library.cited_by("S/2025/80")
        assert "(S/2025/80)" in citation.sentence
        citing = {c.entry.symbol for c in library.cited_by(["A/79/798", "S/2025/110"])}
        assert citing == {"A/79/818-S/2025/156"}
        assert {c.entry.symbol for c in library.cited_by("S/2025/141")} == {"S/2025/311"}


def test_load_parses_once_and_sees_edits(folder: Path, tmp_path: Path) -> None:
    with open_fake(folder, tmp_path) as library:
        first = library.load(folder / "a.txt")
        assert library.load(folder / "a.txt") is first
        write_letter(folder, "a", ["A/79/798", "S/2025/110"], ["Changed text, longer than before."])
        assert library.load(folder / "a.txt").paragraphs[0].text == "Changed text, longer than before."


def test_a_cold_build_fills_full_text_in_bulk_and_an_interrupted_one_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(1, 231):
        write_letter(
            folder, f"s{n}", [f"S/2025/{n}"], [f"Letter number {n} about pangolins. See S/2025/{n - 1}."]
        )
    with open_fake(folder, tmp_path, workers=1) as library:
        assert len(library.search("pangolins", limit=500)) == 230
        assert library.count("pangolins") == 230
        assert [c.entry.symbol for c in library.cited_by("S/2025/41")] == ["S/2025/42"]
    db = index_path(folder.resolve(), tmp_path / "cache")
    with sqlite3.connect(db) as connection:  # as if the process died before the full-text pass
        connection.execute("INSERT INTO fts (fts) VALUES ('delete-all')")
        connection.execute("UPDATE meta SET value = 'pending' WHERE name = 'fts'")
    with open_fake(folder, tmp_path, workers=1) as library:
        assert library.reports[0].parsed == 0
        assert library.count("pangolins") == 230


def test_common_words_list_recent_letters_without_ranking_everything(folder: Path, tmp_path: Path) -> None:
    import reader.library.library as library_module

    with open_fake(folder, tmp_path) as library:
        ranked = {h.entry.symbol for h in library.search("letter")}
        old = library_module.RANKED
        library_module.RANKED = 1  # force the path taken when a word is in thousands of passages
        try:
            sampled = library.search("letter", limit=3)
        finally:
            library_module.RANKED = old
        assert len(sampled) == 3 and {h.entry.symbol for h in sampled} <= ranked


def test_two_folders_make_one_library(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    write_letter(other, "z", ["S/2025/500"], ["We answer S/2025/90 about Houthi attacks."], date="2025-02-15")
    with Library.open([folder, other, folder], cache_dir=tmp_path / "cache", parser=parse_fake) as library:
        assert len(library.indexes) == 2 and len(library) == 6
        dates = [e.date.isoformat() for e in library.letters() if e.date]
        assert dates == sorted(dates) and "2025-02-15" in dates
        assert [e.symbol for e in library.letters(sort="symbol")][-1] == "S/2025/500"
        assert [c.entry.symbol for c in library.cited_by("S/2025/90")] == ["S/2025/500"]
        assert len(library.search("houthi")) == 3


def test_an_index_made_by_another_parser_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    from library_fakes import parse_fake_again

    open_fake(folder, tmp_path).close()
    with Library.open([folder], cache_dir=tmp_path / "cache", parser=parse_fake_again) as library:
        assert library.reports[0].rebuilt == "made by another version of the parser"
        assert library.reports[0].parsed == 5


def test_the_built_in_parser_is_known_by_its_sources() -> None:
    from reader.library.index import parser_fingerprint

    assert parser_fingerprint(None) == parser_fingerprint(None) and len(parser_fingerprint(None)) == 16
    assert parser_fingerprint(parse_fake) != parser_fingerprint(None)
