"""Search words: FTS5 queries that cannot fail, snippets cut around the words that matched, and
searches that are ranked, limited and bounded in work however many passages match."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_fakes import parse_fake, write_letter

import reader.library.library as library_module
from reader.library import Library
from reader.library.query import fold_text, fts_query, query_terms, snippet_of


def test_user_text_becomes_quoted_terms() -> None:
    assert fts_query('houthi "merchant vessels" demin*') == '"houthi" AND "merchant vessels" AND "demin"*'
    assert fts_query("S/2025/80") == '"s 2025 80"'
    assert fts_query('AND OR ( " *') == '"and" AND "or"'  # operators are only words
    assert fts_query('( " * -') == ""
    assert fts_query("Türkiye") == '"turkiye"'


def test_folding_keeps_offsets() -> None:
    text = "Côte d’Ivoire and TÜRKİYE"
    assert len(fold_text(text)) == len(text)
    assert fold_text(text).startswith("cote d’ivoire")


def test_snippet_centres_on_the_terms_and_marks_them() -> None:
    text = (
        ("Filler words come first. " * 20)
        + "The Houthi attacks on merchant vessels went on. "
        + ("More. " * 30)
    )
    snippet, spans = snippet_of(text, query_terms('houthi "merchant vessels"'))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[a:b] for a, b in spans] == ["Houthi", "merchant vessels"]


def test_snippet_matches_prefixes_diacritics_and_whole_words_only() -> None:
    snippet, spans = snippet_of("Demining in Türkiye; undemined land.", query_terms("demin* turkiye"))
    assert [snippet[a:b] for a, b in spans] == ["Demining", "Türkiye"]
    snippet, spans = snippet_of("Peacekeeping and peace.", query_terms("peace"))
    assert [snippet[a:b] for a, b in spans] == ["peace"]


def test_a_short_text_is_whole() -> None:
    assert snippet_of("Short.", query_terms("short")) == ("Short.", ((0, 5),))


# Library.search: ranked, limited, counted, and bounded in work however many passages match


def _library(folder: Path, tmp_path: Path) -> Library:
    return Library.open([folder], cache_dir=tmp_path / "cache", parser=parse_fake, workers=1)


def _write(folder: Path, first: int, count: int, paragraphs: list[str]) -> None:
    folder.mkdir(exist_ok=True)
    for n in range(first, first + count):
        write_letter(folder, f"s{n:04d}", [f"S/2025/{n}"], paragraphs, title=f"Letter number {n}")


def test_small_answers_are_ranked_by_relevance_not_by_index_order(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    # indexed one after the other, most relevant first: newest-first would give the reverse order
    write_letter(folder, "a", ["S/2025/1"], ["Pangolins, pangolins and pangolins."], title="One")
    with _library(folder, tmp_path):
        pass
    write_letter(folder, "b", ["S/2025/2"], ["Two pangolins here, and pangolins there, in a longer text."])
    with _library(folder, tmp_path):
        pass
    write_letter(folder, "c", ["S/2025/3"], ["A long text " * 30 + "with one pangolins at the end."])
    with _library(folder, tmp_path) as library:
        assert [h.entry.symbol for h in library.search("pangolins")] == ["S/2025/1", "S/2025/2", "S/2025/3"]
        assert [h.entry.symbol for h in library.search("pangolins", limit=2)] == ["S/2025/1", "S/2025/2"]
        assert [h.entry.symbol for h in library.search("pangol*")] == ["S/2025/1", "S/2025/2", "S/2025/3"]


def test_search_gives_one_hit_per_letter_up_to_the_limit_and_count_gives_every_passage(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "letters"
    _write(folder, 1, 12, ["The pangolins came.", "Then more pangolins.", "Nothing here."])
    with _library(folder, tmp_path) as library:
        hits = library.search("pangolins", limit=5)
        assert len(hits) == 5 and len({h.entry.symbol for h in hits}) == 5
        assert len(library.search("pangolins")) == 12
        assert library.count("pangolins") == 24
        assert library.count('"more pangolins"') == 12
        assert library.search("pangolins", limit=0) == []


def test_a_common_word_lists_the_letters_added_last_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "RANKED", 10)  # as if the word were in thousands of passages
    folder = tmp_path / "letters"
    _write(folder, 1, 8, ["The pangolins came.", "The pangolins went."])
    with _library(folder, tmp_path):
        pass
    _write(folder, 100, 3, ["Later, the pangolins were back."])
    with _library(folder, tmp_path) as library:
        assert library.count("pangolins") == 19
        newest = [h.entry.symbol for h in library.search("the pangolins", limit=3)]
        assert sorted(newest) == ["S/2025/100", "S/2025/101", "S/2025/102"]
        everything = library.search("the pangolins", limit=50)
        assert len(everything) >= 4  # a window of RANKED + 1 passages, or 4 per hit asked for
        assert {h.entry.symbol for h in everything} <= {f"S/2025/{n}" for n in [*range(1, 9), 100, 101, 102]}


def test_a_rare_word_beside_a_common_one_finds_exactly_its_letters_ranked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "COMMON", 20)  # "the" is common, "okapi" rare
    folder = tmp_path / "letters"
    _write(folder, 1, 30, ["The pangolins came.", "The rain fell."])
    write_letter(folder, "okapi1", ["S/2025/901"], ["Okapi, okapi and the okapi."])
    with _library(folder, tmp_path):
        pass
    # indexed last, so newest-first would put the most relevant letter last
    write_letter(folder, "okapi2", ["S/2025/902"], ["The okapi came, in a longer sentence than the first."])
    write_letter(folder, "okapi3", ["S/2025/903"], ["Okapi alone."])
    with _library(folder, tmp_path) as library:
        statements: list[str] = []
        library.indexes[0]._db.set_trace_callback(statements.append)
        assert [h.entry.symbol for h in library.search("okapi the")] == ["S/2025/901", "S/2025/902"]
        library.indexes[0]._db.set_trace_callback(None)
        ranking = [sql for sql in statements if "ORDER BY rank" in sql]
        assert ranking and not any('"the"' in sql for sql in ranking)  # bm25 never reads all of "the"
        assert [h.entry.symbol for h in library.search("the okapi", limit=1)] == ["S/2025/901"]
        assert [h.snippet for h in library.search("okapi alone")] == ["Okapi alone."]


def _work(library: Library, query: str, limit: int) -> tuple[int, list[str]]:
    """SQLite virtual machine steps (every row read costs some) and the SQL run, for one search."""
    db = library.indexes[0]._db
    steps = [0]

    def step() -> int:
        steps[0] += 1
        return 0

    statements: list[str] = []
    db.set_progress_handler(step, 1)
    db.set_trace_callback(statements.append)
    try:
        assert len(library.search(query, limit=limit)) == limit
    finally:
        db.set_progress_handler(None, 1)
        db.set_trace_callback(None)
    return steps[0], statements


QUERIES = ("the", "the letter", "parag*", '"paragraph 3" the')


def test_a_word_in_every_passage_costs_the_same_work_in_a_library_four_times_larger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "RANKED", 40)
    monkeypatch.setattr(library_module, "COMMON", 40)
    paragraphs = [f"Paragraph {n} of the letter." for n in range(10)]
    small, large = tmp_path / "small", tmp_path / "large"
    _write(small, 1, 30, paragraphs)  # 300 passages hold "the", 30 "paragraph 3"
    _write(large, 1, 120, paragraphs)  # 1,200 and 120
    results = {}
    for folder in (small, large):
        with _library(folder, tmp_path) as library:
            results[folder] = {q: _work(library, q, 5) for q in QUERIES}
            assert library.count("the") == 10 * len(library)
    for query in QUERIES:
        (few, sql), (many, _) = results[small][query], results[large][query]
        assert many < 1.3 * few, (query, few, many)
        # every full-text query stops at a LIMIT: none counts or ranks all matches
        for statement in sql:
            if "fts MATCH" in statement:
                assert "LIMIT" in statement, statement
