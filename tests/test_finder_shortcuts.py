"""The reference finder's short cuts give the answers the long way gives.

Each fast path of `reader.symbols` (a backward scan for a regex search, a cheaper spelling of a
pattern, a gate before a scan) is checked here against the slow form it replaces, on the fixture
letters and on random text made of the characters at their edges.
"""

from __future__ import annotations

import random
import re
import sys

from reader.symbols.footnote_markers import _ASCII_DIGITS_RE, _DIGITS_RE, _word_before
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
        if text.isascii():
            assert [m.span() for m in _ASCII_DIGITS_RE.finditer(text)] == spans
