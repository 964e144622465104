"""The masthead of a letter: symbols, distribution, dates, organs, agenda items and the title.

The first page of a UN letter is laid out the same way in every document (symbol, "United
Nations", organs, "Distr.: General", date of issue, "Original: ...", then per organ the session or
year and the agenda items with their titles, then the letter's title). The three text forms print
those pieces in different orders: plain `pdftotext` gives one piece per line, `-layout` puts the
two organs side by side with wide gaps, the Markdown seed flattens several pieces onto one line.
So the masthead is read as a sequence of *cells* (a line, or a part of a line between wide gaps,
or a known piece peeled off a flattened line), each recognised by its own grammar; what is left
between the agenda line and the title are the agenda item titles.

Choices made here:

* ``sender`` drops the leading article: "Permanent Representative of Azerbaijan to the United
  Nations", "Secretary-General"; ``addressees`` likewise ("Secretary-General", "President of the
  General Assembly").
* "Item 116 (c) of the preliminary list*" and "... of the provisional agenda" both set
  ``preliminary``: either way the number is not yet that of the adopted agenda.
* A masthead that names an item without a number (a request for the inclusion of an item)
  gives one ``AgendaItem`` with an empty number and the proposed item's title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader import lazy_re
from reader.formats.lines import Capabilities, Line, Source
from reader.formats.markdown import clean as clean_markup
from reader.model import AgendaItem, LetterKind, Organ
from reader.parser.dates import DATE_PATTERN, find_date, parse_date
from reader.parser.sessions import SESSION_PATTERN, is_session, session_number
from reader.parser.titles import addressee_goes_on, ends_title, runs_on
from reader.symbols import SERIES, SymbolError
from reader.symbols import parse as parse_symbol


@dataclass(frozen=True)
class Masthead:
    """What the first page says about the letter; ``warnings`` names each piece that was missing."""

    symbols: tuple[str, ...] = ()
    reissued: bool = False
    distribution: str = ""
    issued: dt.date | None = None
    original_language: str = ""
    organs: tuple[Organ, ...] = ()
    agenda_items: tuple[AgendaItem, ...] = ()
    kind: LetterKind = LetterKind.LETTER
    title: str = ""
    date: dt.date | None = None
    sender: str = ""
    addressees: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())


# --- recognising cells ---------------------------------------------------------------------------

ORGAN_NAMES = (
    "General Assembly",
    "Security Council",
    "Economic and Social Council",
    "Trusteeship Council",
    "Human Rights Council",
)
_ORGAN_ALT = "|".join(re.escape(n) for n in ORGAN_NAMES)
_ORGAN_ONLY = lazy_re.compile(rf"^(?:{_ORGAN_ALT})$", re.IGNORECASE)
# a match of _ORGAN_ONLY is one character a character of a name (literal letters and spaces, each
# matched by one character even ignoring case) and a cell's text holds no line break for "$" to stop
# before, so a cell it matches is as long as a name: a cheap gate before it
_ORGAN_LENGTHS = frozenset(len(name) for name in ORGAN_NAMES)
_ORGAN_THEN_SESSION = rf"^({_ORGAN_ALT})\s+(?={SESSION_PATTERN}\b)"
_SESSION_AT_START = rf"^({SESSION_PATTERN})(?=\s|$)"

_SUB = r"\((?:[a-z]{1,2}|[ivx]{1,4})\)"
_ELEM = rf"(?:\d{{1,3}}(?:\s?{_SUB})?|{_SUB})"
_LIST = rf"{_ELEM}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+){_ELEM})*"
_AGENDA_AT_START_RE = (
    rf"^(?:provisional\s+)?(?:agenda\s+)?items?\s+(?P<list>{_LIST})"
    # never stop before a sub-item: "Agenda items 22 (b), 30," must not peel off as "Agenda items 22"
    r"(?P<pre>\s+of\s+the\s+(?:preliminary\s+list|provisional\s+agenda))?\s*(?P<star>\*+)?(?=\s(?!\()|$)"
)
_AGENDA_AT_START = lazy_re.compile(_AGENDA_AT_START_RE, re.IGNORECASE)
_AGENDA_WORDS = lazy_re.compile(r"^(?:provisional\s+)?(?:agenda\s+)?items?\s+\d", re.IGNORECASE)
_LIST_ELEM = lazy_re.compile(rf"(\d{{1,3}})?\s?({_SUB})?")

_DISTR_RE = r"^Distr\.?\s*:?\s*(?P<value>General|Limited|Restricted)?(?=\s|$)"
_DISTR = lazy_re.compile(_DISTR_RE, re.IGNORECASE)
_DISTR_VALUE = lazy_re.compile(r"^(General|Limited|Restricted)$", re.IGNORECASE)
_LANGUAGES = r"Arabic|Chinese|English|French|Russian|Spanish|German|Portuguese"
_ORIGINAL_RE = rf"^Original\s*:\s*(?P<value>(?:{_LANGUAGES})(?:\s*(?:/|,|and)\s*(?:{_LANGUAGES}))*)?(?=\s|$)"
_ORIGINAL = lazy_re.compile(_ORIGINAL_RE, re.IGNORECASE)
_LANGUAGE_ONLY = lazy_re.compile(rf"^(?:{_LANGUAGES})(?:\s*(?:/|,|and)\s*(?:{_LANGUAGES}))*$", re.IGNORECASE)
_DATE_AT_START_RE = rf"^{DATE_PATTERN}(?=\s|$)"
_DATE_AT_START = lazy_re.compile(_DATE_AT_START_RE, re.IGNORECASE)


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made plain (alternatives of one pattern share no name);
    cut at "(?P<" without a regex, which importing the parser compiles none of."""
    head, *groups = pattern.split("(?P<")
    return head + "".join("(?:" + group[group.index(">") + 1 :] for group in groups)


# the pieces `_peel` takes from the start of a flattened line, in the order tried, each with the
# first characters it can start with: a letter in either case ("0" stands for any \d)
_PIECES = (
    ("gseth", _ORGAN_THEN_SESSION),  # "General Assembly Seventy-ninth session": the organ alone first
    ("rtfsenh0", _SESSION_AT_START),  # "resumed", an ordinal (twenty..., first, ..., hundredth) or \d
    ("pai", _AGENDA_AT_START_RE),  # "provisional", "agenda", "item"
    ("d", _DISTR_RE),
    ("o", _ORIGINAL_RE),
    ("0", _DATE_AT_START_RE),
)
# by a piece's first character, the pieces that can start with it as the ordered alternatives of one
# pattern (named groups made plain): one regex call a piece, tried in order as the patterns one by
# one were (the first that matches decides), and never the alternatives that cannot start there
_PIECE_AT_START = {
    first: lazy_re.compile(
        "|".join(f"(?:{_unnamed(piece)})" for starts, piece in _PIECES if first in starts), re.IGNORECASE
    )
    for first in "".join(starts for starts, _ in _PIECES)
}
# ignoring case, these fold to a letter their lower() is not (checked over every code point)
_FOLDED = {"İ": "i", "ı": "i", "ſ": "s"}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# the dates of a session under its name (Human Rights Council, ECOSOC): "16 June–11 July 2025"
_DATE_RANGE = lazy_re.compile(
    rf"^[0-3]?\d(?:\s+{_MONTH})?(?:\s+(?:19|20)\d\d)?\s*(?:[-–—]|to)\s*[0-3]?\d\s+{_MONTH}\s+(?:19|20)\d\d$",
    re.IGNORECASE,
)

# page furniture and the "United Nations" banner: never part of any field
_FURNITURE = lazy_re.compile(
    r"^(?:\d{2}-\d{5}\s*\*?\s*\(E\)\*?|\d{6}|\*\d{7}\*|\d{1,3}\s*/\s*\d{1,3}|/\.\.\.|Please\s+recycle.*|"
    r"_{3,}|-{3,})$",
    re.IGNORECASE,
)
# the banner above the organs: "United Nations", or "UNITED" / "NATIONS" / "AS" beside the old logo;
# below the organs the same words can be a wrapped line of an agenda item title
_BANNER = lazy_re.compile(r"^(?:United\s+Nations|UNITED\s+NATIONS|UNITED|NATIONS|AS|A|S|E)$")
# the first characters a match of each can start with (\d as str.isdecimal; ignoring case, no other
# character folds to P or p, none to * / _ -: checked over every code point): most cells hold neither
_FURNITURE_FIRST = frozenset("*/_-Pp")
_BANNER_FIRST = frozenset("UNASE")
# likewise: the agenda patterns start with "provisional", "agenda" or "item"; a language with one of
# eight names; a title with "identical", "joint", "letter" or "note" (İ and ı fold to i, ſ to s)
_AGENDA_FIRST = frozenset("PAIpaiİı")
_LANGUAGE_FIRST = frozenset("ACEFGPRSacefgprsſ")
_TITLE_FIRST = frozenset("IJLNijlnİı")
_SYMBOLISH = lazy_re.compile(r"^[A-Z][A-Za-z0-9.\-–/*]*/[A-Za-z0-9.\-–/* ]*$")

TITLE_START = lazy_re.compile(
    r"^(?P<kind>(?:identical\s+|joint\s+)?(?:letters?|notes?\s+verbales?))\s+dated\b", re.IGNORECASE
)
_WIDE_GAP = lazy_re.compile(r" {3,}")
_TITLE_MAX_LINES = 16
_TABLE_RULE = lazy_re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")
_PLAIN = Capabilities()  # what any text shows: its words
_RIGHT_COLUMN = 40  # -layout: the masthead's right column starts about halfway across the page


@dataclass(frozen=True, slots=True)
class Cell:
    """A piece of a masthead line: a whole line, one of its columns, or a piece of a flattened line."""

    text: str
    page: int
    line: int
    col: int  # masthead column: 0 left (or full width), 1 right
    cols: int  # how many cells its line was split into
    indent: float | None
    gap_before: bool


def _make_cell(
    text: str, page: int, line: int, col: int, cols: int, indent: float | None, gap_before: bool
) -> Cell:
    """``Cell(...)``, its slots filled by their own descriptors (as `make_row` makes rows): a frozen
    dataclass's ``__init__`` sets each of its seven fields through ``object.__setattr__``. One call a
    field, no loop over them: half the cost of the dataclass's own ``__init__``."""
    cell: Cell = _new(Cell)
    _set_text(cell, text)
    _set_page(cell, page)
    _set_line(cell, line)
    _set_col(cell, col)
    _set_cols(cell, cols)
    _set_indent(cell, indent)
    _set_gap_before(cell, gap_before)
    return cell


_new = object.__new__
_set_text, _set_page, _set_line, _set_col, _set_cols, _set_indent, _set_gap_before = (
    Cell.__dict__[name].__set__ for name in ("text", "page", "line", "col", "cols", "indent", "gap_before")
)


# a line as plain text, its white space single spaces: `clean_markup` gives it so
_clean = clean_markup


def _line_cells(
    line: Line, page: int, index: int, can: Capabilities, cleaned: str | None = None
) -> list[Cell]:
    """Split a line into cells: -layout puts the masthead's two columns on one line with a wide
    gap between them, a Markdown conversion may put them in a table row. ``cleaned``: the whole
    line's `_clean` text, when the caller has it already."""
    if cleaned is not None and not (can.columns or can.inline_formatting):
        # plain text: the line is its one piece, read as below with k = 0 and offset 0 (an indent
        # equal to the line's, a gap before as the line's: cells are compared, never printed)
        if not cleaned:
            return []
        col, indent, after_gap = (line.column - 1 if line.column else 0), line.indent, line.gap_before
        return [_make_cell(piece, page, index, col, 1, indent, after_gap) for piece in _peel(cleaned)]
    raw = line.text
    pieces: list[tuple[int, str]] = []
    if can.columns and line.column == 0:
        pos = 0
        for gap in _WIDE_GAP.finditer(raw):
            pieces.append((pos, raw[pos : gap.start()]))
            pos = gap.end()
        pieces.append((pos, raw[pos:]))
    elif can.inline_formatting and raw.lstrip().startswith("|"):
        if _TABLE_RULE.match(raw):
            return []
        pieces.extend((k, piece) for k, piece in enumerate(raw.strip().strip("|").split("|")))
    else:
        pieces.append((0, raw))
    if cleaned is not None and len(pieces) == 1 and pieces[0] == (0, raw):  # one piece: the line
        texts = [(0, cleaned)]
    else:
        texts = [(offset, _clean(text)) for offset, text in pieces]
    texts = [(offset, text) for offset, text in texts if text]
    cells: list[Cell] = []
    for k, (offset, text) in enumerate(texts):
        indent = None if line.indent is None else line.indent + offset
        if line.column:
            col = line.column - 1  # the PDF reader knows the column
        elif can.columns and not can.line_columns and indent is not None:  # by its indent
            col = 1 if indent >= _RIGHT_COLUMN else 0
        else:
            col = k
        for piece in _peel(text):
            cells.append(_make_cell(piece, page, index, col, len(texts), indent, line.gap_before and k == 0))
    return cells


def _peel(text: str) -> list[str]:
    """Split a flattened masthead line ("Distr.: General 9 February 2021") into its pieces.

    Only pieces with a grammar of their own are peeled, and only from the start of the text, so an
    agenda item title that merely mentions "the General Assembly" is never cut.
    """
    out: list[str] = []
    rest = text.strip()
    while rest:
        first = rest[0]
        pieces = _PIECE_AT_START.get("0" if first.isdecimal() else _FOLDED.get(first, first.lower()))
        match = pieces.match(rest) if pieces is not None else None
        if match is None or match.end() == 0:
            break
        # an organ before its session ends in the spaces before the session: stripped, it is the organ
        out.append(rest[: match.end()].strip())
        rest = rest[match.end() :].strip()
    if rest:
        out.append(rest)
    return out


def _symbol_cell(text: str) -> tuple[tuple[str, ...], bool] | None:
    if "/" not in text:
        return None  # what _SYMBOLISH asks first: most cells have no slash
    compact = text.replace(" ", "")
    if not _SYMBOLISH.match(text) or len(compact) > 60:
        return None
    if _PLAIN_SYMBOL.fullmatch(compact):
        parts = tuple(compact.split("-"))
        if all(p[: p.index("/")] in _SERIES for p in parts):
            return parts, False  # what parse_symbol reads such a symbol as, without its grammar
    try:
        symbol = parse_symbol(compact)
    except SymbolError:
        return None
    return tuple(p.text for p in symbol.parts), symbol.reissued


# "A/79/729", "A/79/716-S/2025/18": a known series and ASCII digit segments, joined by hyphens. Read
# by parse_symbol, each part is its own text (no space, "*", bracket, letter or final to rewrite;
# digits are no body, special or final), the hyphen splits the parts (a known series and "/" follow
# it), and nothing raises past the series: the parts as written, not reissued
_PLAIN_SYMBOL = lazy_re.compile(r"[A-Z]+(?:/[0-9]+)+(?:-[A-Z]+(?:/[0-9]+)+)*")
_SERIES = frozenset(SERIES)


def _agenda_full(text: str) -> bool:
    match = _AGENDA_AT_START.match(text)
    return match is not None and match.end() == len(text)


def _cell_place(cell: Cell) -> tuple[int, int, int, int, float | None, bool]:
    return cell.page, cell.line, cell.col, cell.cols, cell.indent, cell.gap_before


def _agenda_numbers(listing: str) -> list[str]:
    numbers: list[str] = []
    last: str | None = None
    for match in _LIST_ELEM.finditer(listing):
        number, sub = match.group(1), match.group(2)
        if not number and not sub:
            continue
        number = number or last
        if number is None:
            continue
        last = number
        numbers.append(number + (f" {sub.replace(' ', '')}" if sub else ""))
    return numbers


def _organ_name(text: str) -> str:
    for name in ORGAN_NAMES:
        if name.lower() == text.lower():
            return name
    return text


def _language(text: str) -> str:
    return " ".join(w if w.lower() in ("and",) else w.capitalize() for w in text.split())


# --- agenda item titles --------------------------------------------------------------------------

_CONNECTOR_END = lazy_re.compile(
    r"(?:[,:;\-–]|\b(?:of|the|and|or|for|to|in|on|at|by|with|a|an|its|their|including|between|"
    r"against|from|into|as|concerning|regarding|relating|within|under|towards|without|among|"
    r"through|upon|other))$",
    re.IGNORECASE,
)
_CONNECTOR_START = lazy_re.compile(
    r"^(?:of|and|or|for|to|in|on|at|by|with|including|between|against|from|into|as|concerning|"
    r"regarding|relating|within|under|towards|without|among|through|upon)\b",
    re.IGNORECASE,
)
# Capitalised words that begin a name rather than end one: a line ending in one wraps a name
_NAME_HEAD = lazy_re.compile(
    r"(?:^(?:United|Security|Second|First|Third|Human|Middle|Near|Far|New|Great|Arab|Occupied|Economic|High|"
    r"Permanent|Special|Independent|Non-Self-Governing|Holy)$|^[A-Z][a-z]+(?:ian|ean|ese|atic|omic|amic|onal|"
    r"eral|tral)$)"
)
_DETERMINERS = frozenset(("the", "a", "an", "its", "their", "his", "her"))
_MIN_WIDTH = 55  # characters: a masthead title column is never narrower, whatever its lines show
_REQUEST = lazy_re.compile(r"^Request\s+for\s+the\s+inclusion\s+of", re.IGNORECASE)


def _gap_score(a: Cell, b: Cell, width: int, can: Capabilities) -> float:
    """How strongly the masthead breaks between title lines a and b: > 0 a new title, < 0 a wrap."""
    score = 0.0
    first = b.text[:1]
    if first.islower() or first in "(":
        score -= 6
    elif first.isdigit():
        score -= 3  # "resolution" / "1863 (2009)": item titles start with a word
    elif first.isupper() and not b.text.isupper():
        score += 1
    if a.col != b.col:
        score += 8  # the right column's titles (a second organ's items) start afresh
    if _CONNECTOR_END.search(a.text, max(0, len(a.text) - _END_REACH)):
        score -= 5
    words_b = b.text.split()
    if _CONNECTOR_START.match(b.text) and (words_b_first := words_b[0]) in (
        words_b_first.lower(),
        words_b_first.upper(),
    ):
        score -= 4  # "of the ...", "OF THE ...": but "Towards global partnerships" starts a title
    if words_b[0] in ("The", "THE"):
        score += 1.5  # only a title starts with a capital "The"
    elif len(words_b) >= 2 and words_b[0][:1].isupper() and words_b[1].lower() in ("of", "and", "to"):
        score += 0.5  # "Prevention of", "Promotion and", "Measures to": how item titles begin
    if len(words_b) >= 2 and words_b[0].lower().endswith("ing") and words_b[1].lower() in _DETERMINERS:
        score -= 2  # "AFFECTING THE ...": a participle with its object is the middle of a title
    words_a = a.text.split()
    last_a = words_a[-1]
    if (
        len(words_a) > 1
        and last_a[:1].isupper()
        and not a.text.isupper()
        and len(words_b) <= 3
        and all(w[:1].isupper() for w in words_b)
    ):
        score -= 3  # "... the Second" / "World War": a proper name wrapped over two lines
    if can.indentation and a.indent is not None and b.indent is not None:
        if b.indent > a.indent + 1:
            score -= 4  # a hanging indent marks a continuation
        elif b.indent < a.indent - 1:
            score += 2
    if last_a.islower() and len(last_a) > 4 and last_a.endswith("ed") and not a.text.isupper():
        score -= 2  # "... in the occupied" / "Syrian Golan": a participle waiting for its noun
    if words_b[0].endswith((",", ";")) and len(words_b) > 1:
        score -= 2  # "Jerusalem, and of ...": no title's first word is followed by a comma
    room = width - (len(a.text) + 1 + len(words_b[0]))
    if room >= 0:
        score += 1.0 + min(room, 20) / 10  # the next word would have fitted: the title ended here
    else:
        score -= 0.5
    if first.isupper() and not a.text.isupper() and _NAME_HEAD.search(last_a.strip(",;:")):
        score -= 5  # "... the United" / "Nations", "Security" / "Council": a name split by the wrap
    return score


def _gap_scores(lines: list[Cell], can: Capabilities) -> list[float]:
    """`_gap_score` between each two consecutive title lines (``lines`` not empty)."""
    width = max(_MIN_WIDTH, *(len(c.text) for c in lines))
    return [_gap_score(lines[i], lines[i + 1], width, can) for i in range(len(lines) - 1)]


def _segment(
    lines: list[Cell], count: int | None, can: Capabilities, scores: list[float] | None = None
) -> list[str]:
    """Group title lines into titles; with ``count`` known, exactly that many (if possible).
    ``scores``: `_gap_scores` of the lines, when the caller has them already."""
    if not lines:
        return []
    if can.paragraph_lines:  # the seed writes each title as a paragraph of its own
        blocks: list[list[str]] = []
        for k, cell in enumerate(lines):
            if k == 0 or cell.gap_before or cell.line != lines[k - 1].line + 1:
                blocks.append([cell.text])
            else:
                blocks[-1].append(cell.text)
        if count is None or len(blocks) == count:
            return [_join(b) for b in blocks]
    if scores is None:
        scores = _gap_scores(lines, can)
    if count is None:
        breaks = {i for i, s in enumerate(scores) if s > 0}
    else:
        wanted = max(0, min(count - 1, len(scores)))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        breaks = set(order[:wanted])
    titles: list[str] = []
    current: list[str] = [lines[0].text]
    for i in range(1, len(lines)):
        if i - 1 in breaks:
            titles.append(_join(current))
            current = []
        current.append(lines[i].text)
    titles.append(_join(current))
    return titles


def _title_count(lines: list[Cell]) -> int:
    """How many titles lines read as by their text alone (`_segment` with no count known), unjoined."""
    if not lines:
        return 0
    width = max(_MIN_WIDTH, *(len(c.text) for c in lines))
    return 1 + sum(_gap_score(lines[i], lines[i + 1], width, _PLAIN) > 0 for i in range(len(lines) - 1))


def _join(parts: list[str]) -> str:
    """Join wrapped lines; a line ending in a hyphen or dash ("Secretary-") runs on without a space."""
    out = ""
    for part in parts:
        part = part.strip()
        if not out:
            out = part
        elif out.endswith(("-", "–")) and not out.endswith((" -", " –")):
            out += part
        else:
            out += " " + part
    return out


# --- the title -----------------------------------------------------------------------------------

_INCOMPLETE_END = lazy_re.compile(
    r"(?:[,\-–]|\b(?:the|of|and|to|on|for|in|a|an|at|by|from|addressed|dated|de|du|des|la|le))$",
    re.IGNORECASE,
)
# after a complete addressee only another addressee can follow: "and the President of ...", ", the ..."
_ADDRESSEE_CONTINUES = lazy_re.compile(
    r"^(?:and\s+(?:to\s+)?(?:the\s+)?(?:President|Secretary|Chair|High|Permanent)|,)", re.IGNORECASE
)
_NAME_TAIL = lazy_re.compile(r"^[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|and|the|for|on)){0,3}$")
_TITLE_RE = lazy_re.compile(
    r"^(?P<kind>.*?)\s+dated\s+(?P<date>.*?)\s+from\s+(?P<sender>.+?)\s+addressed\s+to\s+(?P<to>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_UNADDRESSED_RE = lazy_re.compile(r"^.*?\s+dated\s+.*?\s+from\s+(?P<sender>.+)$", re.IGNORECASE | re.DOTALL)
_ROLE = r"(?:the\s|Secretary-General|President|Chair|High\s+Commissioner)"
_ADDRESSEE_SPLIT = lazy_re.compile(
    rf"\s*,\s*(?:and\s+)?(?:to\s+)?(?={_ROLE})|\s+and\s+(?:to\s+)?(?={_ROLE})", re.IGNORECASE
)


# the longest alternative of _CONNECTOR_END and _INCOMPLETE_END is 10 characters and both end at $
# (perhaps before a final newline): searched from there, not tried at every position of the line
_END_REACH = 12
_ADDRESSED_TO = lazy_re.compile(r"\baddressed\s+to\b", re.IGNORECASE)


def _incomplete_end(text: str) -> bool:
    return _INCOMPLETE_END.search(text, max(0, len(text) - _END_REACH)) is not None


def _addressed_to(text: str) -> bool:
    """ "addressed to", in any case: "ddre" holds no letter that case-insensitive matching folds
    from another character (as "ſ" to s), so the lowered text holds it wherever the pattern can match."""
    lowered = text.lower()
    at = lowered.find("ddre")
    if at == -1:
        return False
    # the lowered text's indices are the text's when it has the same length: no match starts before
    start = max(0, at - 1) if len(lowered) == len(text) else 0
    return _ADDRESSED_TO.search(text, start) is not None


def _kind(title: str) -> LetterKind:
    head = title.lower()
    if head.startswith("identical letter"):
        return LetterKind.IDENTICAL_LETTERS
    if "note verbale" in head.split(" dated")[0] or "notes verbales" in head.split(" dated")[0]:
        return LetterKind.NOTE_VERBALE
    return LetterKind.LETTER


def _strip_article(text: str) -> str:
    text = text.strip().rstrip(".,;")
    return _ARTICLE.sub("", text)


# compiled once, not looked up in re's cache by pattern string and flags at each call
_ARTICLE = lazy_re.compile(r"^the\s+", re.IGNORECASE)
_YEAR_WORD = lazy_re.compile(r"\byear\b", re.IGNORECASE)
_SESSION_END = lazy_re.compile(r"\bsession$", re.IGNORECASE)


def split_title(title: str) -> tuple[dt.date | None, str, tuple[str, ...]]:
    """Date, sender and addressees from "Letter dated D from S addressed to X, Y and Z"."""
    match = _TITLE_RE.match(title)
    if not match:
        unaddressed = _UNADDRESSED_RE.match(title)
        sender = _strip_article(unaddressed["sender"]) if unaddressed else ""
        return find_date(title), sender, ()
    date = find_date(match["date"])
    sender = _strip_article(match["sender"])
    addressees = tuple(_strip_article(a) for a in _ADDRESSEE_SPLIT.split(match["to"]) if a.strip())
    return date, sender, addressees


# --- the whole masthead --------------------------------------------------------------------------


@dataclass
class _State:
    """What the masthead rules have read so far."""

    symbols: tuple[str, ...] = ()
    reissued: bool = False
    distribution: str = ""
    distr_pending: bool = False
    issued: dt.date | None = None
    original: str = ""
    original_pending: bool = False
    header_organs: list[str] = field(default_factory=list)
    organs: list[Organ] = field(default_factory=list)
    numbers: list[tuple[str, bool]] = field(default_factory=list)
    title_lines: list[Cell] = field(default_factory=list)
    seen_session: bool = False
    last_recognised: int = -1  # index of the last cell that is a masthead piece
    end_cell: Cell | None = None  # without a title: the last cell of the masthead
    heading: list[Cell] = field(default_factory=list)  # without a title: a heading of another shape
    warnings: list[str] = field(default_factory=list)


def _masthead_cells(source: Source) -> tuple[list[Cell], tuple[int, int] | None]:
    """The cells before the title, and where the title starts (page, line), if it was found."""
    cells: list[Cell] = []
    for p, page in enumerate(source.pages[:2]):
        for i, line in enumerate(page.lines):
            cleaned = _clean(line.text)
            if cleaned[:1] in _TITLE_FIRST and TITLE_START.match(cleaned):
                return cells, (p, i)
            cells.extend(_line_cells(line, p, i, source.capabilities, cleaned))
    return [c for c in cells if c.page == 0], None


def _organ_for_session(cells: list[Cell], k: int, state: _State, symbol_series: list[str]) -> str:
    """The organ a session line belongs to: the organ printed above it (same column) or before it."""
    cell = cells[k]
    for j in range(k - 1, -1, -1):
        other = cells[j]
        if other.line < cell.line - 1 and other.page == cell.page:
            break
        if other.page != cell.page:
            break
        if other.line == cell.line - 1 and other.col == cell.col and _ORGAN_ONLY.match(other.text):
            return _organ_name(other.text)
        if other.line == cell.line:
            continue
    if k > 0 and _ORGAN_ONLY.match(cells[k - 1].text) and cells[k - 1].cols == 1 and cell.cols == 1:
        return _organ_name(cells[k - 1].text)
    if k > 0 and _ORGAN_ONLY.match(cells[k - 1].text) and cells[k - 1].line == cell.line:
        return _organ_name(cells[k - 1].text)
    used = {o.name for o in state.organs}
    if len(state.header_organs) == 1 and state.header_organs[0] not in used:
        return state.header_organs[0]
    kind_year = _YEAR_WORD.search(cell.text) is not None
    guess = "Security Council" if kind_year else "General Assembly"
    if not kind_year and "E" in symbol_series and "A" not in symbol_series:
        guess = "Economic and Social Council"
    return guess


@dataclass
class _Scan:
    """The masthead read so far and the cell under the reader: what each masthead rule looks at."""

    cells: list[Cell]
    state: _State
    sessions_at: dict[tuple[int, int], int]  # a session cell's (line, column) -> its last position
    series: list[str] = field(default_factory=list)  # the series of the symbols read ("A", "S")
    k: int = 0
    # the cell under the reader (cells[k]) and its text: set by `at` once a cell, not looked up
    # through a property at each of the rules' many reads
    cell: Cell = field(init=False)
    text: str = field(init=False)

    def at(self, k: int) -> None:
        self.k = k
        self.cell = cell = self.cells[k]
        self.text = cell.text

    def took(self) -> bool:
        """The cell is a masthead piece: what is left after the last one may be the body."""
        self.state.last_recognised = self.k
        return True


# A masthead rule takes the cell (True: it was that piece, recorded in the state) or leaves it
# (False: the next rule looks). The first rule that takes a cell decides what it is.
MastheadRule = Callable[[_Scan], bool]


def _take_symbol(s: _Scan) -> bool:
    symbol = _symbol_cell(s.text) if not s.state.seen_session else None
    if symbol is None:
        return False
    parts, reissued = symbol
    state = s.state
    state.symbols += tuple(p for p in parts if p not in state.symbols)
    state.reissued = state.reissued or reissued
    s.series.extend(p.split("/")[0] for p in parts)
    return s.took()


def _skip_furniture(s: _Scan) -> bool:
    # page furniture, or the "United Nations" banner above the organs (never a field)
    text = s.text
    first = text[:1]
    return bool(
        ((first in _FURNITURE_FIRST or first.isdecimal()) and _FURNITURE.match(text))
        or (first in _BANNER_FIRST and not (s.state.seen_session or s.state.numbers) and _BANNER.match(text))
    )


def _take_distribution(s: _Scan) -> bool:
    # _DISTR starts with "D", which no other character matches ignoring case: most cells fail here
    if s.text[:1] not in "Dd" or not (match := _DISTR.match(s.text)):
        return False
    if match["value"]:
        s.state.distribution = match["value"].capitalize()
    else:
        s.state.distr_pending = True
    return s.took()


def _take_distribution_value(s: _Scan) -> bool:
    if not (s.state.distr_pending and _DISTR_VALUE.match(s.text)):
        return False
    s.state.distribution = s.text.capitalize()
    s.state.distr_pending = False
    return s.took()


def _take_original(s: _Scan) -> bool:
    # _ORIGINAL starts with "O", which no other character matches ignoring case
    if s.text[:1] not in "Oo" or not (match := _ORIGINAL.match(s.text)):
        return False
    if match["value"]:
        s.state.original = _language(match["value"])
    else:
        s.state.original_pending = True
    return s.took()


def _take_language(s: _Scan) -> bool:
    # "English" above "Original: French": the language of this version
    if not (s.text[:1] in _LANGUAGE_FIRST and _LANGUAGE_ONLY.match(s.text)):
        return False
    if s.state.original_pending:
        s.state.original = _language(s.text)
        s.state.original_pending = False
    return s.took()


def _take_date_of_issue(s: _Scan) -> bool:
    if (date := parse_date(s.text)) is None:
        return False
    if s.state.issued is None:
        s.state.issued = date
    return s.took()


def _take_organ(s: _Scan) -> bool:
    cell, text, state = s.cell, s.text, s.state
    if not (len(text) in _ORGAN_LENGTHS and _ORGAN_ONLY.match(text) and text[0].isupper()):
        return False
    nxt = s.cells[s.k + 1] if s.k + 1 < len(s.cells) else None
    follows = nxt is not None and is_session(nxt.text)
    above = s.sessions_at.get((cell.line + 1, cell.col), -1) > s.k
    if not state.seen_session and not state.numbers and not (follows or above):
        state.header_organs.append(_organ_name(text))
        return s.took()
    if follows or above:
        return s.took()  # the organ of the session below it: read with the session
    return False  # an organ named later (in an item title)


def _take_session(s: _Scan) -> bool:
    text = s.text
    if not (is_session(text) and not text[0].islower()):  # "eightieth session": a wrapped title
        return False
    name = _organ_for_session(s.cells, s.k, s.state, s.series)
    s.state.organs.append(Organ(name=name, session=text[:1].upper() + text[1:], number=session_number(text)))
    s.state.seen_session = True
    return s.took()


def _skip_session_dates(s: _Scan) -> bool:
    # _DATE_RANGE starts with a digit (\d: a decimal, as str.isdecimal)
    return s.took() if s.text[:1].isdecimal() and _DATE_RANGE.match(s.text) else False


def _join_wrapped_agenda(s: _Scan) -> bool:
    # a long list of items wraps onto a second line: the two are read as one, at the second
    text, k = s.text, s.k
    if not (
        text[:1] in _AGENDA_FIRST
        and _AGENDA_WORDS.match(text)
        and k + 1 < len(s.cells)
        and not _agenda_full(text)
    ):
        return False
    joined = f"{text} {s.cells[k + 1].text}"
    if not _agenda_full(joined):
        return False
    s.cells[k + 1] = Cell(joined, *_cell_place(s.cells[k + 1]))
    return True


def _take_agenda_items(s: _Scan) -> bool:
    match = _AGENDA_AT_START.match(s.text) if s.text[:1] in _AGENDA_FIRST else None
    if not (match and match.end() == len(s.text)):
        return False
    preliminary = bool(match["pre"])
    s.state.numbers.extend((n, preliminary) for n in _agenda_numbers(match["list"]))
    return s.took()


def _take_item_title(s: _Scan) -> bool:
    if not (s.state.seen_session or s.state.numbers):
        return False
    s.state.title_lines.append(s.cell)
    return True


MASTHEAD_RULES: tuple[tuple[str, MastheadRule], ...] = (
    ("symbol", _take_symbol),
    ("furniture or banner", _skip_furniture),
    ("distribution", _take_distribution),
    ("distribution value", _take_distribution_value),
    ("original language", _take_original),
    ("language", _take_language),
    ("date of issue", _take_date_of_issue),
    ("organ", _take_organ),
    ("session", _take_session),
    ("session dates", _skip_session_dates),
    ("agenda list wraps", _join_wrapped_agenda),
    ("agenda items", _take_agenda_items),
    ("agenda item title", _take_item_title),
)  # in order: the first rule that takes a cell decides

# The characters a cell opens with for the rules that ask it first and take no cell opening
# otherwise (their own gates: "Dd" before _DISTR, _AGENDA_FIRST before the agenda patterns, a
# decimal or a space before a date, ...); a rule not named here may take a cell opening with any.
# `_rules_for` hands a cell only the rules that can take it, in their order, so the first to take
# it is the same and a cell of a title is not handed to eight rules that would each decline it.
_RULE_FIRSTS: dict[str, frozenset[str]] = {
    "symbol": frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),  # _SYMBOLISH: ^[A-Z], case kept
    "furniture or banner": _FURNITURE_FIRST | _BANNER_FIRST,  # and a decimal
    "distribution": frozenset("Dd"),
    "original language": frozenset("Oo"),
    "language": _LANGUAGE_FIRST,
    "date of issue": frozenset(),  # a decimal or a space
    # a capital (text[0].isupper()) that folds to a name's first letter, G, S, E, T or H: the only
    # ones, checked over every code point
    "organ": frozenset("GSETH"),
    # not a small letter (not text[0].islower()) and folding to how _SESSION_ONLY opens: "resumed"
    # or an ordinal (twenty ... hundredth, first ... ninth; or a decimal): the only ones, checked
    # over every code point (the text it strips before the pattern opens as the cell: no space)
    "session": frozenset("RTFSENH"),
    "session dates": frozenset(),  # a decimal
    "agenda list wraps": _AGENDA_FIRST,
    "agenda items": _AGENDA_FIRST,
}


def _rules_opening_with(first: str) -> tuple[tuple[str, MastheadRule], ...]:
    return tuple(
        (name, rule)
        for name, rule in MASTHEAD_RULES
        if (firsts := _RULE_FIRSTS.get(name)) is None or first in firsts
    )


_RULES_BY_FIRST = {first: _rules_opening_with(first) for first in frozenset().union(*_RULE_FIRSTS.values())}
_RULES_ANY_FIRST = _rules_opening_with("")  # "" is in no set: the rules that ask no first character


def _rules_for(text: str) -> tuple[tuple[str, MastheadRule], ...]:
    """The rules that may take a cell of ``text``: all of them for a cell opening with a decimal or
    a space (which some rules ask as str.isdecimal and str.isspace, over all of Unicode) or for an
    empty one (whose "" some rules find `in` their string of first characters)."""
    first = text[:1]
    if not first or first.isdecimal() or first.isspace():
        return MASTHEAD_RULES
    return _RULES_BY_FIRST.get(first, _RULES_ANY_FIRST)


def parse_masthead(
    source: Source, why: list[tuple[str, str]] | None = None
) -> tuple[Masthead, tuple[int, int]]:
    """Read the masthead of page 1; returns it and where the body starts (page, line index).

    ``why``, when given, receives (cell text, the name of the rule that took it, or "not read")
    for every cell before the title.
    """
    cells, title_at = _masthead_cells(source)
    scan = _Scan(cells, _State(), {(c.line, c.col): k for k, c in enumerate(cells) if is_session(c.text)})
    for k in range(len(cells)):
        scan.at(k)
        text = scan.text
        taken = "not read"
        for name, rule in _rules_for(
            text
        ):  # the first rule that takes the cell (a loop: no generator a cell)
            if rule(scan):
                taken = name
                break
        if why is not None:
            why.append((text, taken))
    state = scan.state
    if title_at is None:
        _without_title(state, cells)
    return _finish(source, state, title_at, cells)


def _without_title(state: _State, cells: list[Cell]) -> None:
    """No letter title was found, so page 1's cells run into the body: keep as agenda item titles
    only the short, unpunctuated lines right after the last masthead piece."""
    last = state.last_recognised
    if last < 0:
        state.title_lines = []
        return
    limit = 4 * len(state.numbers)
    position: dict[Cell, int] = {}  # a cell's first position, as list.index gives it, without a scan per cell
    for k, cell in enumerate(cells):
        position.setdefault(cell, k)
    kept = [c for c in state.title_lines if position[c] < last]
    for cell in cells[last + 1 :]:
        if len(kept) >= limit or len(cell.text) > 70 or cell.text.endswith((".", ";")):
            break
        kept.append(cell)
    state.end_cell = kept[-1] if kept and position[kept[-1]] > last else cells[last]
    # lines beyond the items' titles are the document's own heading: the longest run of lines from
    # the start that still reads as no more titles than there are numbers keeps them. Fewer lines
    # never read as more titles (each gap scores lower with a narrower column), so it is found by
    # bisection instead of dropping one line at a time and segmenting again.
    wanted = max(1, len(state.numbers))
    low, high = 1, max(1, len(kept))
    while low < high:
        mid = (low + high + 1) // 2
        if _title_count(kept[:mid]) <= wanted:
            low = mid
        else:
            high = mid - 1
    state.title_lines = kept[:low]
    state.heading = kept[low:]


def _item_titles(state: _State, can: Capabilities) -> tuple[AgendaItem, ...]:
    count = len(state.numbers)
    if count == 0:
        # "Request for the inclusion of an item in the provisional agenda of the ... session",
        # then the title of the item proposed: a heading, then one title without a number
        lines = sorted(state.title_lines, key=lambda c: c.col)
        if lines and _REQUEST.match(lines[0].text):
            while lines and not _SESSION_END.search(lines[0].text):
                lines.pop(0)
            lines = lines[1:]
        if not lines:
            return ()
        state.warnings.append("agenda item printed without a number")
        return (AgendaItem(number="", title=_join([c.text for c in lines])),)
    lines = sorted(state.title_lines, key=lambda c: c.col)  # stable: reading order within a column
    # scored once for both readings below (with the count, and by the text alone)
    scores = _gap_scores(lines, can) if lines and not can.paragraph_lines else None
    titles = _segment(lines, count, can, scores)
    if len(titles) != count:
        state.warnings.append(f"{count} agenda items but {len(titles)} agenda item titles")
    elif count > 1 and abs(len(_segment(lines, None, can, scores)) - count) > max(1, count // 3):
        # the lines read as many more (or fewer) titles than there are numbers: say the split is a guess
        state.warnings.append(f"{count} agenda items: titles split by guess")
    items: list[AgendaItem] = []
    for i, (number, preliminary) in enumerate(state.numbers):
        title = titles[i] if i < len(titles) else ""
        items.append(AgendaItem(number=number, title=title, preliminary=preliminary))
    return tuple(items)


def _title_block(source: Source, title_at: tuple[int, int]) -> tuple[list[str], tuple[int, int]]:
    """The lines of the title, ending where the addressee phrase is complete.

    A title naming forty senders runs over many lines, so the window is wide; a title without
    "addressed to" (another shape) ends instead where its grammar stops asking for more.
    """
    p, i = title_at
    can = source.capabilities
    lines = source.pages[p].lines
    first = lines[i]
    taken = [_clean(first.text)]
    j = i + 1
    addressed = False
    while j < len(lines) and len(taken) < _TITLE_MAX_LINES:
        text = " ".join(taken)
        nxt = lines[j]
        nxt_text = _clean(nxt.text)
        if not nxt_text:
            j += 1
            continue
        if can.paragraph_lines and nxt.gap_before:
            break
        layout_break = (
            first.indent is not None
            and nxt.indent is not None
            and can.indentation
            and abs(nxt.indent - first.indent) > 2
        )
        addressed = addressed or _addressed_to(text)
        if addressed:
            # "... of the Palestinian" / "People", "... the United" / "Nations": a name cut by the wrap
            tail_open = bool(_incomplete_end(text) or _NAME_HEAD.search(text.split()[-1]))
            # "... the Chair of the Committee" / "on the Exercise of ...": a lower-case word goes on
            goes_on = bool(_ADDRESSEE_CONTINUES.match(nxt_text)) or (runs_on(nxt_text) and not nxt.gap_before)
            # "... the President of the Economic and Social" / "Council": a name's last words
            tail_open = tail_open or (not ends_title(text) and _NAME_TAIL.match(nxt_text) is not None)
            if can.bold and first.bold:
                if not nxt.bold or (nxt.gap_before and not tail_open and ends_title(text)):
                    break  # the title is set in bold, the text is not (a bold heading stands apart)
                taken.append(nxt_text)
                j += 1
                continue
            # each starts with D, O (no other character folds to them) or a \d (as str.isdecimal)
            cover = (nxt_text[0] in "DdOo" or nxt_text[0].isdecimal()) and bool(
                _DISTR.match(nxt_text) or _ORIGINAL.match(nxt_text) or _DATE_AT_START.match(nxt_text)
            )
            if not (layout_break or nxt.gap_before or goes_on or cover):
                # "... the Security Council" / "Committee established pursuant to ...": a name goes on
                goes_on = addressee_goes_on(taken, nxt_text, measure=not can.indentation)
            if not tail_open and (layout_break or not goes_on):
                break
        elif layout_break and nxt.gap_before and not _incomplete_end(text):
            break  # no addressee phrase: a title of another shape ends at the gap before the body
        taken.append(nxt_text)
        j += 1
    # a title found addressed stays so: the text joined then is the start of the whole, and what
    # follows "to" there is a space, still a word boundary
    if not addressed and not _addressed_to(" ".join(taken)) and len(taken) > 1:
        # never addressed: keep the first line and what its open ending asks for
        keep = 1
        while keep < len(taken) and keep < 4 and _incomplete_end(" ".join(taken[:keep])):
            keep += 1
        j = _line_after(lines, i, keep)
        taken = taken[:keep]
    if j >= len(lines) and p + 1 < len(source.pages):
        return taken, (p + 1, 0)  # the title ends the page: the body starts on the next
    return taken, (p, j)


def _line_after(lines: tuple[Line, ...], start: int, count: int) -> int:
    """The index after ``count`` non-empty lines from ``start``."""
    j = start
    seen = 0
    while j < len(lines) and seen < count:
        if _clean(lines[j].text):
            seen += 1
        j += 1
    return j


def _late_cover(source: Source, at: tuple[int, int], state: _State) -> tuple[int, int]:
    """Cover pieces ("Distr.: General", the date, "Original: French") that a reading order put
    after the title: taken into the masthead, so the body starts after them."""
    p, i = at
    if p >= len(source.pages):
        return at
    lines = source.pages[p].lines
    while i < len(lines):
        text = _clean(lines[i].text)
        if text[:1] in "Dd" and (match := _DISTR.match(text)):  # "D", "O": as in the rules
            if match.end() != len(text):
                break
            state.distribution = state.distribution or (match["value"] or "").capitalize()
        elif (
            text[:1] in "Oo"
            and (match := _ORIGINAL.match(text))
            and match.end() == len(text)
            and match["value"]
        ):
            state.original = state.original or _language(match["value"])
        elif (date := parse_date(text)) is not None and i > at[1]:
            state.issued = state.issued or date  # only beside another cover piece, never first
        elif not (i > at[1] and text[:1] in _LANGUAGE_FIRST and _LANGUAGE_ONLY.match(text)):
            break
        i += 1
    return (p, i)


def _finish(
    source: Source, state: _State, title_at: tuple[int, int] | None, cells: list[Cell]
) -> tuple[Masthead, tuple[int, int]]:
    warnings = state.warnings
    items = _item_titles(state, source.capabilities)
    title = ""
    date: dt.date | None = None
    sender = ""
    addressees: tuple[str, ...] = ()
    kind = LetterKind.LETTER
    if title_at is not None:
        lines, body_at = _title_block(source, title_at)
        title = _join(lines)
        kind = _kind(title)
        date, sender, addressees = split_title(title)
        body_at = _late_cover(source, body_at, state)
    else:
        warnings.append("no letter title found")
        title = _join([c.text for c in state.heading])
        last = state.end_cell
        body_at = (last.page, last.line + 1) if last else (0, 0)
    if not state.symbols and source.capabilities.printed_pages:  # a conversion may leave it out
        warnings.append("no document symbol found")
    if not state.distribution:
        warnings.append("no distribution found")
    if state.issued is None:
        warnings.append("no date of issue found")
    if not state.original:
        warnings.append("no original language found")
    organs = list(state.organs)
    named = {o.name for o in organs}
    organs.extend(Organ(name=n, session="") for n in state.header_organs if n not in named)
    if not organs:
        warnings.append("no organ found")
    if title and date is None:
        warnings.append("no date found in the title")
    if title and not sender:
        warnings.append("no sender found in the title")
    if title and not addressees:
        warnings.append("no addressee found in the title")
    masthead = Masthead(
        symbols=state.symbols,
        reissued=state.reissued,
        distribution=state.distribution,
        issued=state.issued,
        original_language=state.original,
        organs=tuple(organs),
        agenda_items=items,
        kind=kind,
        title=title,
        date=date,
        sender=sender,
        addressees=addressees,
        warnings=tuple(warnings),
    )
    return masthead, body_at
