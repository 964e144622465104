"""The reference finder's short cuts give the answers the long way gives.

Each fast path of `reader.symbols` (a backward scan for a regex search, a cheaper spelling of a
pattern, a gate before a scan) is checked here against the slow form it replaces, on the fixture
letters and on random text made of the characters at their edges.
"""

from __future__ import annotations

import random
import re
import sys

import pytest

from reader.symbols import footnote_markers
from reader.symbols.finder import _ascii_folded, _word_starts
from reader.symbols.footnote_markers import _DIGITS_RE, _digit_runs, _word_before, footnote_refs
from reader.symbols.patterns import ORGANS, SENTENCE_ORGAN_RE, URL_RE
from reader.symbols.spans import NO_SPANS
from tests.conftest import LETTERS

TEXTS = [p.read_text(encoding="utf-8") for p in sorted((LETTERS / "text").glob("*.txt"))] + [
    p.read_text(encoding="utf-8") for p in sorted((LETTERS / "layout").glob("*.txt"))
]
# letters, digits of other scripts, "_", non-word characters and the letters that fold oddly
EDGE_CHARS = "abcXYZé_19 .,;:)\n\t’”İſ٣２-/*"


def _random_texts(count: int, longest: int) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(EDGE_CHARS) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_word_class_is_isalnum_or_underscore() -> None:
    """`_word_before` reads ``\\w`` as `str.isalnum` or "_": true of every code point."""
    word = re.compile(r"\w")
    odd = [c for c in map(chr, range(sys.maxunicode + 1)) if bool(word.match(c)) != (c.isalnum() or c == "_")]
    assert odd == []


def test_word_before_is_the_regex_search() -> None:
    old = re.compile(r"([A-Za-z]+)\W*$")
    for text in _random_texts(20_000, 45) + [t[:3000] for t in TEXTS]:
        for pos in range(len(text) + 1) if len(text) < 50 else range(0, len(text) + 1, 7):
            m = old.search(text, max(0, pos - 30), pos)
            assert _word_before(text, pos) == (m.group(1) if m else ""), (text, pos)


def test_digit_runs_are_those_of_the_plain_pattern() -> None:
    old = re.compile(r"\d{1,3}(?!\d)")
    for text in TEXTS + _random_texts(5000, 60) + ["1234567 12 ٣٣٣٣1 1٣ ２２２２ 0000"]:
        spans = [m.span() for m in old.finditer(text)]
        assert [m.span() for m in _DIGITS_RE.finditer(text)] == spans
        if text.isascii():  # there the ASCII copy's runs are all the runs, whatever the numbers
            assert [m.span() for m in _digit_runs(text, {"1"})] == spans


def test_ascii_numbers_find_the_markers_the_unicode_scan_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """With ASCII footnote numbers, runs of 0-9 give the markers runs of \\d give, digits of other
    scripts next to them or not."""
    numbers = frozenset(str(n) for n in range(1, 40)) | {"*"}
    texts = TEXTS + _random_texts(3000, 60) + ["word1 ٣12 a12٣ b١2 x.3 y.٣4 (see)٣ end.7 Ok. 5 Yes"]

    def markers(text: str) -> list[tuple[int, int]]:
        return [(r.start, r.end) for r in footnote_refs(text, "p1", numbers, NO_SPANS)]

    fast = [markers(t) for t in texts]
    monkeypatch.setattr(footnote_markers, "_digit_runs", lambda text, numbers: _DIGITS_RE.finditer(text))
    assert fast == [markers(t) for t in texts]
    assert markers("regard٣ and regard3 now") == [(len("regard٣ and regard"), len("regard٣ and regard3"))]


def test_a_number_in_other_digits_is_still_found() -> None:
    found = list(footnote_refs("the regard١٢ of", "p1", frozenset({"١٢", "3"}), NO_SPANS))
    assert [r.text for r in found] == ["١٢"]


def test_every_organ_name_holds_a_word_the_issuer_gate_asks_for() -> None:
    """`_issuer` runs the sentence's organ search only after "council", "assembly" or "commission"."""
    for name, _ in ORGANS:
        assert "council" in name or "assembly" in name or "commission" in name, name
    assert SENTENCE_ORGAN_RE.pattern == "|".join(name for name, _ in ORGANS[1:])


def test_only_ascii_letters_lower_to_a_keyword_letter() -> None:
    """`_ascii_folded` is the lowered text as far as keywords go: no other character lowers to an
    ASCII letter but "İ" (to "i" and a combining dot, two characters) and the Kelvin sign (to "k",
    in no keyword)."""
    odd = {}
    for c in map(chr, range(128, sys.maxunicode + 1)):
        low = c.lower()
        if len(low) != 1 or any("a" <= x <= "z" for x in low):
            odd[c] = low
    assert odd == {"\u0130": "i\u0307", "\u212a": "k"}
    assert not any("k" in word for word in ("resolution", "decision", "agenda", "item"))


def test_ascii_folded_places_keywords_where_the_lowered_text_does() -> None:
    words = ("resolution", "decision", "agenda", "item")
    texts = (
        TEXTS + _random_texts(3000, 60) + ["RÉSOLUTION Resolution “item” décision DECISION agenda\u212aitem"]
    )
    for text in texts + [t.replace("a", "ä", 3) for t in texts]:
        folded = _ascii_folded(text)
        assert len(folded) == len(text)
        if "İ" not in text:
            assert _word_starts(folded.decode("ascii"), words) == _word_starts(text.lower(), words)
        for word in words:
            assert (folded.find(word.encode()) != -1) == (
                word.encode() in text.encode("utf-8", "surrogatepass").lower()
            )


def test_a_link_holds_www_or_http_and_a_slash() -> None:
    """`find` looks for links only in a text with "www.", or with "/" and "http"."""
    assert URL_RE.pattern.startswith(r"(?:https?://|www\.)")
