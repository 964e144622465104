"""A user's search words: as an FTS5 query that cannot be a syntax error, and as terms for snippets.

Snippets are cut here rather than by FTS5's snippet(), which re-reads the index for every prefix
expansion (50 ms for "demin*" on 10,000 letters); the passage text is at hand anyway. Words are
compared as FTS5's unicode61 tokenizer does: case and diacritics ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PART = re.compile(r'"([^"]*)"?|(\S+)')
_TOKEN = re.compile(r"\w+")
SNIPPET_CHARS = 110


@dataclass(frozen=True, slots=True)
class Term:
    tokens: tuple[str, ...]  # folded words that must follow each other
    prefix: bool = False  # the last word may continue ("demin*" finds "demining")


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def query_terms(query: str) -> tuple[Term, ...]:
    terms: list[Term] = []
    for phrase, word in _PART.findall(query):
        text = phrase if phrase else word
        prefix = bool(word) and word.endswith("*")
        tokens = tuple(fold(t) for t in _TOKEN.findall(text))
        if tokens:
            terms.append(Term(tokens, prefix))
    return tuple(terms)


def fts_query(query: str) -> str:
    """Every word or "phrase" quoted, joined with AND; FTS5 operators in user text are only text."""
    return " AND ".join(fts_term(term) for term in query_terms(query))


def fts_term(term: Term) -> str:
    """One term as an FTS5 query: its folded words quoted as a phrase, a star after for a prefix."""
    return '"' + " ".join(term.tokens) + '"' + ("*" if term.prefix else "")


class _FoldTable(dict[int, str]):
    """A `str.translate` table filled on first sight of each character: one character in, one out."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold(ch)
        if len(folded) != 1:
            folded = ch.lower() if len(ch.lower()) == 1 else ch
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_text(text: str) -> str:
    """``text`` folded character by character, so offsets in the result are offsets in ``text``."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def _pattern(term: Term) -> re.Pattern[str]:
    body = r"\W+".join(re.escape(token) for token in term.tokens)
    return re.compile(r"(?<!\w)" + body + (r"\w*" if term.prefix else r"(?!\w)"))


def snippet_of(
    text: str, terms: tuple[Term, ...], chars: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``chars`` characters of ``text`` around the most terms, and the spans of it that match."""
    folded = fold_text(text)
    hits = sorted(
        (m.start(), m.end(), number)
        for number, term in enumerate(terms)
        for m in _pattern(term).finditer(folded)
    )
    begin = 0
    if hits:
        best = (-1, -1)
        for start, _, _ in hits:
            inside = [h for h in hits if start <= h[0] and h[1] <= start + chars]
            score = (len({h[2] for h in inside}), len(inside))
            if score > best:
                best, begin = score, start
        begin = max(0, begin - chars // 5)
    if begin > 0:  # start on a word
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < begin + 20 else begin
    end = min(len(text), begin + chars)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    lead = "…" if begin > 0 else ""
    tail = "…" if end < len(text) else ""
    spans = tuple(
        (a - begin + len(lead), b - begin + len(lead)) for a, b, _ in hits if a >= begin and b <= end
    )
    return lead + text[begin:end].replace("\n", " ") + tail, spans
