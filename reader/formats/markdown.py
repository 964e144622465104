"""Markdown-like text as document converters write it (the seed): `**`, `##`, `<sup>`, `[^1]:`.

The format says what it is (`MARKDOWN`: markup in the lines, one line per paragraph, no printed
page furniture) and owns the clean-up: Markdown and HTML are removed so no text field carries
markup. Converted letters keep the footnote markers as ``<sup>1</sup>``; the digits are the marker and stay
in the text (``...in that regard.1``) so a footnote reference can point at them. Escaped markup
(``&lt;sup&gt;``) is unescaped first, then removed like the rest.
"""

from __future__ import annotations

import re

from reader import lazy_re
from reader.formats.lines import Capabilities

MARKDOWN = Capabilities(inline_formatting=True, paragraph_lines=True, printed_pages=False)

# bold markers and headings; a row of stars ("*****" between sections) is no bold marker
_HINTS = lazy_re.compile(r"^\s*(#{1,6} |\*\*(?=[^*\s]))|<sup>|[^*\s]\*\*\s*$", re.MULTILINE)

_TAG = lazy_re.compile(
    r"</?(?:sup|sub|b|i|em|strong|u|s|span|p|br|a|div|small|big|font|del|ins|mark|code|hr)\b[^<>]*/?>",
    re.IGNORECASE,
)  # only HTML's own tags: "<the record>" in a text is text
_SUP = lazy_re.compile(r"<sup>\s*([^<]*?)\s*</sup>", re.IGNORECASE)
_HEADING = lazy_re.compile(r"^\s*#{1,6}\s+")
_EMPHASIS = lazy_re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_FOOTNOTE_START = lazy_re.compile(r"^\s*(?:<sup>|&lt;sup)", re.IGNORECASE)
_NUMBERED = lazy_re.compile(r"^&?\s*([0-9]{1,3}|\*)\s*(\S.*)$")
_FOOTNOTE_MD = lazy_re.compile(r"^\s*\[\^([0-9]{1,3}|\*)\]:\s*(\S.*)$")
_MD_MARKER = lazy_re.compile(r"\[\^([0-9]{1,3})\]")


def looks_like_markdown(text: str) -> bool:
    """Bold markers, headings or <sup> in a text without form feeds (pdftotext always prints them)."""
    return "\f" not in text and bool(_HINTS.search(text[:200_000]))  # the cheap test first


# every step of `clean` needs one of these: # (heading), [ (marker), < (tag), & (entity), * or _
_MARKUP_CHARS = lazy_re.compile(r"[#\[<&*_]")


def _unescape(text: str) -> str:
    if "&" not in text:
        return text  # as html.unescape would, without importing html (and compiling its regex)
    import html

    for _ in range(3):  # doubly escaped text (&amp;lt;) occurs in conversions
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


def _strip(text: str) -> str:
    """Tags out and entities unescaped, repeatedly: conversions wrap escaped tags in real ones."""
    for _ in range(4):
        stripped = _unescape(_TAG.sub("", _SUP.sub(r"\1", text)))
        if stripped == text:
            break
        text = stripped
    return text


def clean(text: str) -> str:
    """One line of Markdown/HTML as plain text; a line without markup comes back unchanged."""
    if not _MARKUP_CHARS.search(text):
        return " ".join(text.split())  # what the steps below leave of a line none of them touches
    text = _HEADING.sub("", text)
    text = _MD_MARKER.sub(r"\1", text)
    text = _strip(text)
    text = _EMPHASIS.sub("", text)
    return " ".join(text.split())


def footnote_line(text: str) -> tuple[str, str] | None:
    """``<sup>1</sup> See ...`` or ``[^1]: See ...`` -> ("1", "See ..."): a converted footnote."""
    match = _FOOTNOTE_MD.match(text)
    if match:
        return match.group(1), clean(match.group(2))
    if not _FOOTNOTE_START.match(text):
        return None
    match = _NUMBERED.match(clean(text))
    if not match:
        return None
    return match.group(1), match.group(2)
