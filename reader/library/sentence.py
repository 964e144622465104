"""The sentence around a reference: what `cited-by` shows as the context of a citation.

Letters abbreviate with full stops inside sentences ("Rev.1", "No. 5", "para. 3", "i.e."), so a stop
ends a sentence only when a capital, quote or bracket follows and the word before it is not a known
abbreviation or a single letter.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?;:]?[.!?][”\"’)]*\s+(?=[“\"‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "para",
        "paras",
        "art",
        "arts",
        "rev",
        "corr",
        "add",
        "amend",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "vol",
        "p",
        "pp",
        "e",
        "g",
        "i",
        "ie",
        "eg",
        "cf",
        "ibid",
        "op",
        "cit",
        "etc",
        "al",
        "fig",
        "res",
    ]
)
MAX_SENTENCE = 400  # a run-on "sentence" (a list, a table row) is cut around the reference


def _is_boundary(text: str, stop: int) -> bool:
    """``stop`` is the index of the punctuation mark; an abbreviation before it is not a boundary."""
    word = re.search(r"([A-Za-z.]+)$", text[:stop])
    if word is None:
        return True
    last = word.group(1).rstrip(".").split(".")[-1].lower()
    return not (last in _ABBREVIATIONS or len(last) == 1)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence of ``text`` that holds ``text[start:end]``."""
    begin, finish = 0, len(text)
    for match in _END.finditer(text):
        if not _is_boundary(text, match.start()):
            continue
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            finish = match.start() + len(match.group().rstrip())
            break
    if finish - begin > MAX_SENTENCE:
        half = MAX_SENTENCE // 2
        begin = max(begin, start - half)
        finish = min(finish, end + half)
    return begin, finish
