"""Text inputs: `pdftotext` output (plain or `-layout`) and Markdown-like text such as the seed.

`pdftotext` ends every page with a form feed, which gives us pages for free; `-layout` keeps each
line's indentation, which is what marks paragraph starts and the masthead's columns.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from operator import contains, not_, sub

from reader import lazy_re
from reader.formats.lines import ASCII_NOT_SINGLE, NOT_SINGLE, Capabilities, Page, make_lines
from reader.formats.markdown import MARKDOWN, looks_like_markdown

PLAIN = Capabilities()  # `pdftotext`: the order of lines only
LAYOUT = Capabilities(indentation=True, columns=True)  # `pdftotext -layout`: indents and wide gaps
_WIDE_GAP = lazy_re.compile(r"\S {6,}\S")


_WINDOW = 16 * 1024  # characters: a few pages show how the text is laid out...
_WINDOWS = 4  # ...taken from across it: a scanned report may open with pages of another look


def _sample(text: str) -> str:
    """Whole lines from `_WINDOWS` windows spread over ``text`` (all of it when short): layout is
    decided on line shares, which a sample shows as well as the whole 300-page report does."""
    if len(text) <= _WINDOWS * _WINDOW:
        return text
    parts = []
    for k in range(_WINDOWS):
        start = (len(text) - _WINDOW) * k // (_WINDOWS - 1)
        window = text[start : start + _WINDOW]
        if start:
            window = window[window.find("\n") + 1 :]  # from the first whole line
        parts.append(window[: window.rfind("\n") + 1])  # to the last whole line
    return "".join(parts) or text  # no line break in any window: nothing to sample by


def detect_text_format(text: str) -> str:
    head = text.lstrip()[:2000]
    if head.startswith("<") and ("<akomaNtoso" in head or "akn/3.0" in head):
        return "akn"
    if looks_like_markdown(text):
        return "markdown"
    sample = _sample(text)
    if "    " not in sample:  # no line starts with four spaces or holds a gap of six: plain text
        return "text"
    lines = list(filter(str.strip, sample.splitlines()))  # the lines that are not blank
    if not lines:
        return "text"
    count = len(lines)
    if sum(map(str.startswith, lines, repeat("    "))) / count > 0.3:  # indented lines
        return "layout"
    gapped = 0  # lines with a gap of 6 spaces inside them (never the indent: the gap is between \S)
    for line in compress(lines, map(contains, lines, repeat("      "))):  # the lines holding 6, in C
        if "      " in (inner := line.strip()) and _WIDE_GAP.search(inner):
            gapped += 1
            if gapped / count > 0.05:  # it only grows: decided
                return "layout"
    return "text"


def text_capabilities(fmt: str) -> Capabilities:
    """What a text format's lines say beyond their text (``fmt`` as `detect_text_format` names it)."""
    return {"layout": LAYOUT, "markdown": MARKDOWN}.get(fmt, PLAIN)


# The foot of a UN page: the job number ("25-00746 (E)", "25-00746"), alone or beside the page
# number or date stamp, then perhaps the stamp, the barcode, the page number, "Please recycle"
_JOB_LINE = lazy_re.compile(
    r"^\s*(?:\d{1,3}\s?/\s?\d{1,3}\s+)?\d{2}-\d{5}\*?(?:\s?\([A-Z]\))?\*?(?:\s+\S+)*\s*$"
)
_FOOT_LINE = lazy_re.compile(
    r"^\s*(?:\d{2}-\d{5}\*?(?:\s?\([A-Z]\))?\*?|\d{6}|\*\d{6,}\*|\d{1,3}\s?/\s?\d{1,3}|/\.\.\.|Please\s+recycle\W*|\s)*$",
    re.IGNORECASE,
)


def _pages_without_feeds(text: str) -> list[str]:
    """Text saved without form feeds (`pdftotext -nopgbrk`, a copy and paste): pages end after the
    job number and the furniture around it, so the page breaks are put back there."""
    lines = text.split("\n")
    pages: list[list[str]] = [[]]
    k = 0
    while k < len(lines):
        line = lines[k]
        pages[-1].append(line)
        k += 1
        if _JOB_LINE.match(line) and _FOOT_LINE.match(line):
            while k < len(lines) and _FOOT_LINE.match(lines[k]):
                pages[-1].append(lines[k])
                k += 1
            pages.append([])
    return ["\n".join(page) for page in pages if any(line.strip() for line in page)]


def text_to_pages(text: str, fmt: str) -> tuple[Page, ...]:
    if "\r" in text:  # most files have none: no two replace scans for them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_pages = text.split("\f") if "\f" in text or fmt == "markdown" else _pages_without_feeds(text)
    if raw_pages and not raw_pages[-1].strip() and len(raw_pages) > 1:
        raw_pages.pop()
    pages: list[Page] = []
    layout = fmt == "layout"
    for number, raw in enumerate(raw_pages, start=1):
        # a line of the file each, in C: right-stripped, the blank ones dropped, a blank line (or
        # a page break after page 1) marking a gap before the next, leading spaces as its indent
        stripped = list(map(str.rstrip, raw.split("\n")))
        kept = list(filter(None, stripped))
        gaps = list(compress([number > 1, *map(not_, stripped)], stripped))
        # a kept line starts as its line in the page does: with no line starting with a space,
        # lstrip would give each back as it is
        indented = raw[:1] == " " or "\n " in raw
        contents = list(map(str.lstrip, kept, repeat(" "))) if indented else kept
        indents = list(map(float, map(sub, map(len, kept), map(len, contents)))) if layout else None
        lines = tuple(make_lines(contents, indents, gaps))
        pages.append(Page(number, lines, True if fmt == "text" and _single_spaced(raw) else None))
    return tuple(pages)


def _single_spaced(raw: str) -> bool:
    """Are the lines made of the page ``raw`` single-spaced (see `Page.single_spaced`)? So they are
    when ``raw`` holds no two spaces in a row and none of `NOT_SINGLE` but the line break: each
    line is then a stretch of ``raw`` between breaks, right-stripped and with no space left at its
    start, kept only when not blank. Asked of the page as read, not of its lines joined again.
    A False may be wrong (two spaces a strip takes away): the page is then left to the parser."""
    if "  " in raw:
        return False
    scanned = _ASCII_NOT_SINGLE_BUT_BREAK if raw.isascii() else _NOT_SINGLE_BUT_BREAK
    return not any(map(raw.__contains__, scanned))


_ASCII_NOT_SINGLE_BUT_BREAK = tuple(c for c in ASCII_NOT_SINGLE if c != "\n")
_NOT_SINGLE_BUT_BREAK = tuple(c for c in NOT_SINGLE if c != "\n")
