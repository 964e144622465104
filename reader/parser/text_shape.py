"""What a line's text shows by itself: whether it ends a sentence, and how wide it is printed.

Both the paragraph builder and the title grammar ask these, so they live apart from either.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat

from reader import lazy_re

_SENTENCE_END = lazy_re.compile(r"[.!?:;․][”\"’')\]]*$|[.!?][”\"’')\]]*\s?(?:\d{1,3}|\*{1,3})$")


def ends_sentence(text: str) -> bool:
    """Does the line end a sentence (a full stop, a colon..., perhaps a closer and a footnote mark)?"""
    # the pattern ends in a mark, a closer, a digit or "*": most lines end in a word, answered here
    # without the cache, which they would fill and empty again for the lines that end otherwise
    return not text[-1:].isalpha() and _ends_marked(text)


@lru_cache(maxsize=4096)  # asked of a line as the row before the next, for titles and headings again
def _ends_marked(text: str) -> bool:
    """`ends_sentence` for a line that does not end in a letter."""
    text = text.rstrip()
    if text[-1:].isalpha():
        return False  # white space after the last word
    tail = text[-_TAIL:]  # the pattern is anchored at the end: searching a whole line tries every start
    if _SENTENCE_END.search(tail):
        return True
    # a match starting before the tail runs through it as closing marks, then at most 4 characters
    # (a space and a marker): only then can the whole line hold one the tail does not
    return len(text) > _TAIL and not tail[:-4].strip(_CLOSERS) and bool(_SENTENCE_END.search(text))


_TAIL = 12
_CLOSERS = "”\"’')]"  # what may follow the full stop in _SENTENCE_END


# Times Roman advance widths (1/1000 em, from its font metrics): UN letters are set in Times
_TIMES = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-()/’‘“”'\"%&–—",
        (
            444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333,
            389, 278, 500, 500, 722, 500, 500, 444,
            722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
            556, 611, 722, 722, 944, 722, 722, 611,
            500, 500, 500, 500, 500, 500, 500, 500, 500, 500,
            250, 250, 250, 278, 278, 333, 333, 333, 278, 333, 333, 444, 444, 180, 408, 833, 778, 500, 1000,
        ),
        strict=True,
    )
)  # fmt: skip


@lru_cache(maxsize=4096)  # the paragraph rules measure a line again as the line before the next
def printed_width(text: str) -> float:
    """A line's width in Times Roman (1/1000 em): what the line breaks were decided on."""
    if text.isascii():  # most lines: their bytes translated to the widths' high and low bytes, in C
        data = text.encode("ascii")
        high = data.translate(_HIGH)
        low = sum(data.translate(_LOW))
        return float(256 * (high.count(1) + 2 * high.count(2) + 3 * high.count(3)) + low)
    return float(sum(map(_TIMES.get, text, repeat(500))))  # map: no Python frame per character


# the width of each ASCII character (500 when not in _TIMES) as its high byte (0-3) and low byte
_HIGH = bytes(_TIMES.get(chr(b), 500) >> 8 if b < 128 else 0 for b in range(256))
_LOW = bytes(_TIMES.get(chr(b), 500) & 0xFF if b < 128 else 0 for b in range(256))
