"""Search words: FTS5 queries that cannot fail, and snippets cut around the words that matched."""

from __future__ import annotations

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
