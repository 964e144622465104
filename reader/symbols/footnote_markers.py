"""Footnote markers in a text: the printed footnote numbers glued to a word or set after it."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from reader import lazy_re
from reader.model import Reference, RefKind
from reader.symbols.spans import Spans

# ("forces. 6"); only numbers the letter has footnotes for qualify, and only in places where a
# number cannot be a quantity or a reference ("para. 1", "1.6 million", "M23").
# \d{1,3}(?!\d) spelt with a single \d first: a pattern that opens with a character class lets the
# regex engine skip to the next digit, where one that opens with a repeat is tried at every position
_DIGITS_RE = lazy_re.compile(r"\d\d{0,2}(?!\d)")
# the runs of 0-9 alone (see _digit_runs), found in a copy of the text with each digit written "0"
# and each other character not ASCII "?": a pattern that opens with a literal is looked for with a
# tight loop, one that opens with a character class by testing the class at every character
_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_ZERO_RUN_RE = lazy_re.compile(r"00{0,2}(?!0)")
_MARKER_TAIL_RE = lazy_re.compile(r"[\w/%]|[.,:]\d|-\d")  # "1.6", "1,500", "2/3", "5%", "19-20": not markers
_GLUE_BEFORE = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz)]”’".,;:')
_SPACED_AFTER = frozenset('.,;:!?)”’"')
_SPACE_OR_NOTHING = frozenset(" \n\t") | {""}
_STAR_RE = lazy_re.compile(r"(?<=[A-Za-z\)\.,;:”’])\*(?![\w*])")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_ABBREVIATIONS = _words(
    "para paras p pp no nos art arts vol vols chap ch sect sec fig figs op cit ibid add rev corr amend "
    "pv sr l wp crp r res annex note notes item items rule rules article articles paragraph "
    "paragraphs page pages n"
)
_FUNCTION_WORDS = _words(
    "as and or but which who whom whose while whereas although though that the a an where when "
    "including in on at for with to by from is are was were has have had also among such after before "
    "since until despite this these those it its their they he she we i"
)
_QUANTITY_WORDS = _words(
    "million billion thousand hundred per percent km kilometres miles metres people persons civilians "
    "children women men years months days hours weeks january february march april may june july "
    "august september october november december"
)
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_WORD_AFTER_RE = lazy_re.compile(r"\s*([^\s]*)")
_QUALIFIER_RE = lazy_re.compile(r"\d\s?\(\w{1,4}\)$")
_NOT_PROSE_RE = lazy_re.compile(r"[\d/=&%_@#]")
_RANGE_AFTER_RE = lazy_re.compile(r"\s*(?:and|or|to|-|–)\s*\d")


def _word_before(text: str, pos: int) -> str:
    r"""The run of ASCII letters that only non-word characters separate from ``pos``, within the 30
    characters before it ("" if a digit, "_" or a letter outside A-Z comes first).

    What ``re.search(r"([A-Za-z]+)\W*$", text[pos - 30 : pos])`` finds, read backwards from ``pos``:
    the search tries every start in the window, a word's letters again at each (7 us a call).
    ``\W`` is exactly "not ``str.isalnum()`` and not "_"" (checked over every code point: tested).
    """
    low = max(0, pos - 30)
    end = pos
    while end > low and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    head = text[low:end]
    return head[len(head.rstrip(_ASCII_LETTERS)) :]


def _marker_ok(text: str, start: int, end: int, glued: bool) -> bool:
    """Is the number at text[start:end] a superscript footnote marker, not a quantity or reference?"""
    prev = text[start - 1] if start else ""
    word = _word_before(text, start)
    lower = word.lower()
    if lower in _ABBREVIATIONS and not text[text.rfind(word, 0, start) + len(word) : start].strip(" ."):
        return False  # "para. 1", "annex 1" (but "(see annex).1" is a marker after the bracket)
    after_m = _WORD_AFTER_RE.match(text, end)
    after = after_m.group(1) if after_m else ""
    after_word = after.strip("“”\"'’,.;:()")
    if after_word.lower() in _QUANTITY_WORDS and not (glued and prev in '.!?;:)”’"'):
        return False  # "3 civilians", but "were killed.3 Civilians" is a marker after the full stop
    if glued and prev.isalpha():
        # glued to a word: "regard1" is a marker; "M23", "K3", "km2", "x5xd3" (a broken URL) are not
        token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        token = text[token_start:start]
        if _NOT_PROSE_RE.search(token):
            return False
        return not (word.isupper() or len(word) < 2 or lower in {"km", "mm", "cm", "m", "kg", "ha"})
    if not glued and text[end : end + 1] in (".", ")"):
        return False  # "24. Reduced support": a numbered paragraph, "1) first": a list
    if _RANGE_AFTER_RE.match(text, end):
        return False  # "24 and 25 March", "6 to 11 December"
    punct_at = start - 1 if glued else start - 2  # the punctuation, then (spaced) one space
    punct = text[punct_at]
    before_punct = text[punct_at - 1] if punct_at >= 1 else ""
    ends_sentence = not after or after[0].isupper() or after[0] in '“"('
    if before_punct.isdigit() and not (not glued and punct == "." and ends_sentence):
        return False  # "1.6", "1, 2 and 3" (but "in 2024. 31 For example" is a marker)
    if not (before_punct.isalpha() or before_punct.isdigit() or before_punct in ")]”’\"'.!?"):
        return False  # "(.50 calibre", " . 5"
    if _QUALIFIER_RE.search(text, max(0, punct_at - 12), punct_at):
        return False  # "paragraphs 3 (a), 4 and 5"
    if glued:
        return True
    if not after or after[0] in ",.;:)":
        return True  # at the end of a paragraph or before punctuation: "United Nations. 1"
    if ends_sentence:
        return punct not in ",;:"  # a sentence never starts with a numeral in UN style
    if punct in '”’")' and before_punct.isalpha():
        return True  # after a closing quote or bracket: "“Résistance Sud-Est” 29 reported"
    return after_word.lower() in _FUNCTION_WORDS


def _digit_runs(text: str, numbers: Collection[str]) -> Iterator[re.Match[str]]:
    r"""Where ``\d{1,3}(?!\d)`` matches in the text, as far as a marker can tell: the spans of the
    matches that can be markers are the same.

    A marker is a whole run of at most three digits (a letter, bracket, quote, stop or space
    before it, no word character after). When the printed numbers are ASCII that run is one of
    0-9, and its neighbours are no digits of any script, so the runs of 0-9 give the same markers
    as the runs of \d, in any text (tested); they are found in an ASCII copy of the same length.
    """
    if text.isascii() or "".join(numbers).isascii():
        return _ZERO_RUN_RE.finditer(text.encode("ascii", "replace").translate(_ZEROS).decode("ascii"))
    return _DIGITS_RE.finditer(text)


def footnote_refs(text: str, where: str, footnotes: Collection[str], taken: Spans) -> Iterator[Reference]:
    numbers = footnotes if isinstance(footnotes, (set, frozenset)) else frozenset(footnotes)
    best: dict[str, tuple[int, int, int]] = {}  # number -> (rank, start, end); rank 0 glued, 1 spaced
    # one fast scan over digit runs; the context around each is then checked by hand, which is
    # cheaper than two regular expressions that start with a look-behind at every position
    for m in _digit_runs(text, numbers):
        start, end = m.span()
        number = text[start:end]
        if number not in numbers:
            continue
        if start < 2 or _MARKER_TAIL_RE.match(text, end):
            continue
        prev = text[start - 1]
        if prev in _GLUE_BEFORE:
            rank = 0
        elif (
            prev == " "
            and text[start - 2] in _SPACED_AFTER
            and text[start - 3 : start - 2] not in _SPACE_OR_NOTHING
        ):
            rank = 1
        else:
            continue
        if number in best and best[number][0] <= rank:
            continue
        if taken.touches(start, end) or not _marker_ok(text, start, end, glued=rank == 0):
            continue
        best[number] = (rank, start, end)
    for number, (_, start, end) in best.items():
        yield Reference(
            kind=RefKind.FOOTNOTE, text=text[start:end], where=where, start=start, end=end, target=number
        )
    if "*" in numbers and "*" in text:
        for m in _STAR_RE.finditer(text):
            if not taken.touches(m.start(), m.end()):
                yield Reference(
                    kind=RefKind.FOOTNOTE, text="*", where=where, start=m.start(), end=m.end(), target="*"
                )
                break
