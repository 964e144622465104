"""Printed paragraph numbers: "5.", "(a)", "IV.", "A.", "2.1" at the start of a paragraph.

pdftotext often puts the number on a line of its own ("1." then the paragraph), which the body
splitter reads as a paragraph of its own; such a lone number is joined to the paragraph it numbers,
so the text reads as printed ("1. The present report ...") and the number is not a paragraph.
"""

from __future__ import annotations

import re

from reader import lazy_re

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2 ms of `un-reader parse`)
if TYPE_CHECKING:
    from typing import Protocol, TypeVar

    class _HasText(Protocol):
        @property
        def text(self) -> str: ...

    T = TypeVar("T", bound=_HasText)

_NUMBER = lazy_re.compile(
    r"^(?:(?P<dec>\d{1,3}(?:\.\d{1,2}){0,3})\.?(?=\s)(?<!\d\d\d\d)"
    r"|\((?P<paren>[a-z]{1,2}|[ivxl]{1,6}|\d{1,3})\)"
    r"|(?P<roman>[IVXL]{1,6})\."
    r"|(?P<letter>[A-Z])\.(?=\s)"
    r"|(?P<half>[a-z]|[ivx]{1,4})\))"
)
_LONE = lazy_re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,2}){0,3}\.?|\((?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,3})\)|[IVXL]{1,6}\.|[A-Z]\.|[a-z]\))$"
)


def printed_number(text: str) -> str | None:
    """The number a paragraph is printed with, without its dot: "5", "(a)", "IV", "A", "2.1"."""
    first = text[:1]
    # every alternative opens with a digit or "(", or has its "." or ")" within the first characters:
    # most paragraphs open with a word and are let through without the pattern
    if not (first.isdigit() or first == "(" or "." in text[1:7] or ")" in text[1:5]):
        return None
    m = _NUMBER.match(text)
    if not m:
        return None
    if m.group("dec") is not None:
        rest = text[m.end() :].lstrip()
        # without a closing dot ("15 October", "1.5 million") only "2.1 Scope", a numbered heading
        if not text[: m.end()].endswith(".") and ("." not in m.group("dec") or not rest[:1].isupper()):
            return None
        return m.group("dec")
    if m.group("paren") is not None:
        return f"({m.group('paren')})"
    if m.group("half") is not None:
        return f"{m.group('half')})"
    return m.group("roman") or m.group("letter")


def is_lone_number(text: str) -> bool:
    text = text.strip()
    return len(text) <= _LONE_LONGEST and bool(_LONE.match(text))


_LONE_LONGEST = 13  # characters _LONE can match: "123.45.67.89."


def join_lone_numbers(texts: list[str]) -> list[str]:
    """Attach a paragraph that is only a printed number to the paragraph after it."""
    out: list[str] = []
    pending = ""
    for text in texts:
        if is_lone_number(text):
            if pending:
                out.append(pending)
            pending = text.strip()
            continue
        out.append(f"{pending} {text}" if pending else text)
        pending = ""
    if pending:
        out.append(pending)
    return out


_NUMBERED_LINE = lazy_re.compile(r"^(?:\d{1,3}|[IVX]{1,5})\.\s+[A-Z“\"(]")
_OPERATIVE_LINE = lazy_re.compile(r"^\d{1,3}\.\s+(?:Also\s+|Further\s+|Strongly\s+)?[A-Z][a-z]+(?:s|es)\s")
_POINTS_ON = lazy_re.compile(
    r"(?:\b(?:paragraphs?|paras?\.?|chapters?|sections?|annex|and|or|to|of|in|see|under|No\.)|[,;:(–-])\s*$",
    re.IGNORECASE,
)


def _opens_numbered(before: str, line: str) -> bool:
    """ "16. An award ceremony ..." at the start of a line: a numbered paragraph, unless the line
    before points on into it ("... set out in paragraph" / "16. The ...")."""
    first = line[:1]
    if not (first.isdigit() or first in "IVX") or not first:  # how both patterns start (\d is a digit)
        return False
    if _OPERATIVE_LINE.match(line) and before.rstrip().endswith(","):
        return True  # the first operative paragraph after a preamble ending "...of the United Nations,"
    return bool(_NUMBERED_LINE.match(line)) and not _POINTS_ON.search(before)


def cut_at_numbers(blocks: list[list[T]]) -> list[list[T]]:
    """Start a new paragraph at every line that is only a printed number ("5.", "B.", "(a)").

    Plain pdftotext gives no indent, so "... the 2030 Agenda." / "B." / "Participants" / "5." /
    "The round tables ..." arrive as one block; the lone numbers are where the paragraphs begin.
    """
    out: list[list[T]] = []
    for block in blocks:
        start = 0  # where the paragraph being cut out of the block began
        for k in range(1, len(block)):  # the first row of a block never cuts: it opens a paragraph
            text = block[k].text
            first = text[:1]
            # the two tests' own gates first, without a call for the running lines that fail them:
            # a lone number is short once stripped; a numbered line opens with a digit or I, V, X
            short = len(text) <= _LONE_LONGEST or first.isspace() or text[-1:].isspace()
            if (short and is_lone_number(text)) or (
                (first in _ROMAN_FIRST or first.isdigit()) and _opens_numbered(block[k - 1].text, text)
            ):
                out.append(block[start:k])
                start = k
        if block:
            out.append(block[start:])  # a copy, as the caller's blocks are not handed back
    return out


_ROMAN_FIRST = frozenset("IVX")  # a set: the empty first character of an empty line is not in it
