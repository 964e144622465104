"""Page furniture: what the UN prints on every page and no author wrote.

Job numbers (``25-00746 (E)``, ``25-05275*``), date stamps (``230125``), barcodes (``*2500746*``),
page numbers (``2/3``), the symbols repeated at the top of each page, "Please recycle" and the
footnote separator. They are cut out line by line so that none of them can end up inside a
paragraph or split one; rows after the separator are handed on as the page's footnote area.
`-layout` text may print several of them on one line ("2/3      25-00746"), so a line is furniture
when every chunk between wide gaps is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from reader import lazy_re
from reader.formats import markdown
from reader.formats.lines import ASCII_NOT_SINGLE, NOT_SINGLE, Line, Source
from reader.parser.rows import Row, RowSlots

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any

_JOB = lazy_re.compile(r"^\d{2}-\d{5}\s?\*?\s?(?:\([A-Z]\))?\*?$")
_STAMP = lazy_re.compile(r"^(\d{2})(\d{2})(\d{2})$")
_BARCODE = lazy_re.compile(r"^\*\s?\d{6,}\s?\*$")
_PAGE_OF = lazy_re.compile(r"^(\d{1,3})\s?/\s?(\d{1,3})$")
_PAGE_WORD = lazy_re.compile(r"^Page\s+\d{1,3}$", re.IGNORECASE)
_RECYCLE = lazy_re.compile(r"^\W*Please\s+recycle\W*$", re.IGNORECASE)
_MORE = lazy_re.compile(r"^/\s?\.\s?\.\s?\.$")  # "/..." at the foot of a page in older documents
_SEPARATOR = lazy_re.compile(r"^_{6,}$")
_END_RULE = lazy_re.compile(r"^-{3,}$")
_SYMBOL = lazy_re.compile(r"^[A-Z][A-Z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+\*?$")
_JOINT = lazy_re.compile(
    r"^[A-Z][A-Z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+\*?(?:\s?[-–]\s?[A-Z][A-Z0-9.\-]*(?:/[A-Za-z0-9.\-]+)+\*?)*$"
)
_LANGUAGE = lazy_re.compile(r"^(English|French|Spanish|Russian|Arabic|Chinese)$", re.IGNORECASE)
_WIDE = lazy_re.compile(r"\s{2,}")
_COLUMN_GAP = lazy_re.compile(r"\S {4,}\S")
_BLOCK = lazy_re.compile(r"\S+(?: {1,2}\S+)*")  # a block of words between gaps of 3 spaces or more
_JOB_IN_LINE = lazy_re.compile(r"(?<=\s)(?:\d{2}-\d{5}\*?(?:\s\([A-Z]\))?|\*\d{6,}\*|\d{1,3}/\d{1,3})(?=\s)")
_STAMP_IN_LINE = lazy_re.compile(r"(?<=\s)(\d{6})(?=\s)")
# Zero-width spaces and stray BOMs are never text. Control characters are: they stay as printed
# (the one rule, see reader/safe_text.py) and every output shows or escapes them.
_INVISIBLE = lazy_re.compile(r"[\u200b\ufeff]")
_STAR_NOTE = lazy_re.compile(r"^\*{1,3}\s+\S")


@dataclass(frozen=True, slots=True)
class CleanPage:
    """A page with its furniture cut out, its body rows apart from its footnote rows."""

    index: int
    body: tuple[Row, ...]
    notes: tuple[Row, ...]  # the footnote area: rows after the separator
    removed: tuple[str, ...]  # the furniture cut out, for checks and warnings


def _visible(raw: str) -> str:
    """The line without zero-width spaces and BOMs (most lines have none: no regex pass for them)."""
    return _INVISIBLE.sub("", raw) if "\u200b" in raw or "\ufeff" in raw else raw


def _cells(raw: str, indent: float) -> tuple[tuple[float, str], ...]:
    """Blocks printed side by side (two signatures, two organs): each with its left edge."""
    stripped = raw.strip()
    if "    " not in stripped or not _COLUMN_GAP.search(stripped):  # no gap of 4 spaces: one block
        return ()
    # a block's words are apart by one or two spaces: the double ones made single
    return tuple((indent + m.start(), m.group().replace("  ", " ")) for m in _BLOCK.finditer(stripped))


def _valid_stamp(chunk: str) -> bool:
    match = _STAMP.match(chunk)
    if not match:
        return False
    day, month, year = (int(g) for g in match.groups())
    try:
        dt.date(2000 + year, month, day)
    except ValueError:
        return False
    return True


def is_furniture_chunk(chunk: str, total_pages: int, own: frozenset[str]) -> bool:
    chunk = chunk.strip()
    if not chunk:
        return True
    first = chunk[0]
    if first.isalpha() and first not in "Pp":
        # every pattern below opens with a digit, a sign, "/" or "P" (Page, Please recycle)
        return chunk.replace("*", "") in own
    if first.isdecimal():
        # \d is what isdecimal is true of (checked over every code point): only the job number,
        # stamp and page number open with one; the other patterns open with "*", "/", "P" or \W,
        # which a digit is not
        if _JOB.match(chunk) or _valid_stamp(chunk):
            return True
        page_of = _PAGE_OF.match(chunk)
        if page_of and 1 <= int(page_of.group(1)) <= int(page_of.group(2)) and total_pages > 1:
            return True
    elif _BARCODE.match(chunk) or _RECYCLE.match(chunk) or _MORE.match(chunk) or _PAGE_WORD.match(chunk):
        return True
    return chunk.replace("*", "") in own


def _may_be_furniture(stripped: str, own: frozenset[str], own_starts: frozenset[str]) -> bool:
    """Can this line (stripped, not blank, not in a page's running header) be furniture?

    Every kind of furniture starts with a sign (barcode ``*``, ``/...``, punctuation before "Please
    recycle"), "P" ("Page 2", "Please recycle"), a job number, stamp or page number (``25-``,
    ``230125``, ``2/3``) or an own symbol, which is then the line's first chunk. Any other line is
    let through without the dozen pattern tests of `_is_furniture`, which it would fail anyway.
    """
    first = stripped[:1]
    if not (first.isalnum() or first == "_"):  # not \w: where _RECYCLE's \W* is
        # a barcode, "/...", or signs before "Please recycle" (no letter of "ecycle" folds but to
        # its capital); "(Signed)", quotes, dashes and bullets are let through
        if first in "*/" or "ecycle" in stripped.lower():
            return True
    elif first in "Pp":
        if stripped[1:2] in "aAlL":  # "Page 2", "Please recycle", in any case
            return True
    elif first.isdigit() and _DIGITS_FURNITURE.match(stripped):
        return True
    return first in own_starts and _WIDE.split(stripped, maxsplit=1)[0].replace("*", "") in own


# how a job number, date stamp or page number starts a line, alone or before other furniture
_DIGITS_FURNITURE = lazy_re.compile(r"\d{2}-|\d{1,3}\s?/|\d{6}(?:\s|$)")


def _is_furniture(
    text: str, total_pages: int, own: frozenset[str], top: bool = False, single: bool = False
) -> bool:
    """Is this line furniture? ``single``: the line of a single-spaced page (see `_single_spaced`),
    stripped and without two white spaces in a row, so that it is its own one chunk."""
    stripped = text if single else text.strip()
    # a loop, not all() over a generator: most lines are one chunk
    for chunk in (stripped,) if single else _WIDE.split(stripped):
        if not (is_furniture_chunk(chunk, total_pages, own) or (top and _header(chunk))):
            break
    else:
        return True
    # some extractions put the footer on one line with single spaces: "25-00746 (E) 230125"
    first = stripped[:1]
    if not (first.isdigit() or first == "*"):
        return False  # what the patterns below cut out opens with a digit or "*": the line's first stays
    spaced = f" {stripped} "
    rest = _JOB_IN_LINE.sub(" ", spaced)
    rest = _STAMP_IN_LINE.sub(lambda m: " " if _valid_stamp(m.group(1)) else m.group(0), rest)
    return not rest.strip() and rest != spaced


def _header(text: str) -> bool:
    """What older and current documents print above the text of pages 2 onwards."""
    text = text.strip()
    if text[:1] not in _HEADER_FIRST:
        return False
    return bool(_JOINT.match(text) or _LANGUAGE.match(text) or _PAGE_WORD.match(text))


# how the three patterns of `_header` can start: a capital (a symbol), a language's or "Page"'s first
# letter in any case, and "ſ", which case-insensitive matching takes for an s
_HEADER_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZacefprsſ")


def own_symbol_forms(symbols: Iterable[str]) -> frozenset[str]:
    parts = [s.replace("*", "").strip() for s in symbols if s.strip()]
    forms = set(parts)
    if parts:
        forms.add("-".join(parts))
        forms.add("–".join(parts))
        forms.add(" ".join(parts))
    return frozenset(forms)


def _body_size(lines: Iterable[Line]) -> float | None:
    sizes = Counter(round(line.size, 1) for line in lines if line.size)
    return sizes.most_common(1)[0][0] if sizes else None


def _single_spaced(lines: tuple[Line, ...]) -> bool:
    """Is every line's text its own `" ".join(text.split())`, with nothing `_visible` would take out?

    So it is when the lines joined by spaces hold no two spaces in a row, start and end with no
    space and hold none of `NOT_SINGLE`: the white space `str.split` splits at but the space, and
    the zero-width space and BOM. Plain `pdftotext` pages are: a few scans a page in C instead of
    a split and a join a line. A scan for a character wider than any of the text's is no scan.
    """
    spaced = " ".join([line.text for line in lines])
    if "  " in spaced or spaced[:1] == " " or spaced[-1:] == " ":
        return False
    return not any(map(spaced.__contains__, ASCII_NOT_SINGLE if spaced.isascii() else NOT_SINGLE))


def clean_page(source: Source, index: int, own: frozenset[str]) -> CleanPage:
    page = source.pages[index]
    total = len(source.pages)
    can = source.capabilities
    body: list[Row] = []
    notes: list[Row] = []
    removed: list[str] = []
    in_notes = False
    own_starts = frozenset(form[:1] for form in own)
    slashed = all("/" in form for form in own)  # every own symbol form holds a slash
    top = index > 0  # still in the running header of a continuation page
    cut = False
    gap = False
    markup, printed = can.inline_formatting, can.printed_pages  # asked of every line: looked up once
    plain = not markup
    foot = len(page.lines) - 3
    # columns (-layout, PDF) are apart by runs of spaces: only the other forms' pages are tested
    single = plain and not can.columns
    if single:  # what the format says of the page, else what its lines show
        single = page.single_spaced or _single_spaced(page.lines)
    for number, line in enumerate(page.lines):
        raw = line.text
        if single:
            text = raw  # what the steps below would make of it
        else:
            if not raw.isascii() and ("\u200b" in raw or "\ufeff" in raw):  # _visible, no call
                raw = _visible(raw)
            if markup:
                note = markdown.footnote_line(line.text)
                if note is not None:
                    notes.append(Row(f"{note[0]} {note[1]}", index, number, gap_before=True))
                    continue
                text = markdown.clean(raw)
            else:
                text = " ".join(raw.split())
        gap = gap or line.gap_before
        if not text or (markup and re.fullmatch(r"[-_*]{3,}", text)):  # a Markdown rule
            gap = True
            continue
        first = text[0]
        if first == "_" and printed and _SEPARATOR.match(text):
            in_notes = True
            removed.append(text)
            continue
        if not printed:
            furniture = top and _header(text)
        elif top:
            # a single-spaced line is `_is_furniture`'s one chunk, asked `_header` there: not again
            furniture = _is_furniture(line.text, total, own, top, single) or (not single and _header(text))
        elif plain and raw is line.text and first.isalpha():
            # first is the stripped line's first character: a line opening with a letter is
            # furniture only as "Page"/"Please recycle" or as an own symbol (which holds a "/"):
            # `_may_be_furniture`'s tests, without a call for the lines that fail them
            furniture = (
                (first in "Pp" or (first in own_starts and ("/" in raw or not slashed)))
                and _may_be_furniture(line.text.strip(), own, own_starts)
                and _is_furniture(line.text, total, own, top, single)
            )
        elif single and first.isdigit():
            # text is the stripped line: `_may_be_furniture`'s digit test without a call, which
            # passes a job number, stamp or page number; else only an own symbol can be furniture
            furniture = (
                _DIGITS_FURNITURE.match(text) is not None
                or (first in own_starts and _may_be_furniture(text, own, own_starts))
            ) and _is_furniture(line.text, total, own, top, single)
        else:
            furniture = _may_be_furniture(line.text.strip(), own, own_starts) and _is_furniture(
                line.text, total, own, top, single
            )
        if furniture or (number >= foot and _END_RULE.match(text)):
            removed.append(text)
            cut = True
            continue
        top = False
        indent = line.indent
        row: Any = RowSlots()  # `make_row`'s slot stores in the loop: a call a line cost as much
        row.text = text
        row.page = index
        row.index = number
        row.indent = indent
        row.gap_before = gap
        row.after_furniture = cut
        row.first_on_page = not body and not in_notes
        row.bold = line.bold
        row.cells = _cells(line.text, indent) if indent is not None else ()
        row.__class__ = Row
        (notes if in_notes else body).append(row)
        cut = False
        gap = False
    if not notes and can.type_sizes:
        body, notes = _small_type_notes(page.lines, body)
    if not notes and can.printed_pages:
        body, notes = _star_note(body)
    return CleanPage(index, tuple(body), tuple(notes), tuple(removed))


def _small_type_notes(lines: tuple[Line, ...], body: list[Row]) -> tuple[list[Row], list[Row]]:
    """A PDF draws the separator as a rule, not text: footnotes are the small type at the foot."""
    size = _body_size(lines)
    if size is None:
        return body, []
    split = len(body)
    while split > 0:
        line_size = lines[body[split - 1].index].size
        if line_size is None or line_size > size - 1.0:
            break
        split -= 1
    if split == len(body) or not re.match(r"^(\d{1,3}|\*)(\s|$)", body[split].text):
        return body, []
    return body[:split], body[split:]


def _star_note(body: list[Row]) -> tuple[list[Row], list[Row]]:
    """ "* Circulated in the language of submission only": a star note printed without a separator."""
    for k in range(len(body) - 1, max(len(body) - 4, 0) - 1, -1):
        row = body[k]
        if _STAR_NOTE.match(row.text) and k > 0:
            prev = body[k - 1]
            if (
                row.gap_before
                or row.after_furniture
                or re.search(r"[.:;)”]$", prev.text)
                or "(Signed)" in prev.text
            ):
                return body[:k], body[k:]
    return body, []


def clean_pages(source: Source, symbols: Iterable[str]) -> tuple[CleanPage, ...]:
    own = own_symbol_forms(symbols)
    return tuple(clean_page(source, index, own) for index in range(len(source.pages)))


def is_symbol_line(text: str) -> bool:
    return bool(_SYMBOL.match(text.strip()))
