"""Body paragraphs: rows of a page joined back into the paragraphs the author wrote.

A PDF (and `-layout` text) marks a paragraph by a first-line indent; plain `pdftotext` keeps no
indent and no blank line between paragraphs, so there a paragraph ends where a line ends a sentence
while clearly shorter than the page's long lines and the next one starts like a sentence. The
indent still shows there in the line breaks: measured in Times Roman widths, a first line stops
short of the full width by about an indent (the next word would have fitted), and a last line
stops short by more. Both kinds also start a paragraph at numbered items, headings and letter
titles. A page break is never a paragraph break by itself: the first row of a page continues the
last paragraph unless it starts one by the same rules.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from reader import lazy_re
from reader.parser.rows import Row
from reader.parser.text_shape import ends_sentence, printed_width
from reader.parser.titles import TITLE_INITIALS, TITLE_SECONDS, addressee_runs_on, ends_title, is_title_start

SHORT = 0.85  # a line ending a paragraph is clearly shorter than the long lines of its page
HEADING = 0.7

_ITEM = lazy_re.compile(
    r"^(?:\d{1,3}\.(?:\s|$)|[IVXL]{1,6}\.\s|\((?:[a-z]{1,4}|\d{1,2})\)(?:\s|$)|[a-z]\)\s|[•▪●◦·]\s?|[-–—]\s)"
)
_ALONE = lazy_re.compile(
    r"^(?:\d{1,3}\.|[IVXL]{1,6}\.|[A-H]\.|\((?:[a-z]{1,4}|\d{1,2})\)|[a-z]\)|[•▪●◦·\-–—])$"
)
_ITEM_FIRST = frozenset("IVXL(abcdefghijklmnopqrstuvwxyz•▪●◦·-–—")  # and a digit: how _ITEM starts
_ALONE_LONGEST = 8  # characters _ALONE can match: "VIII.", "(abcd)" and a newline its $ may stand before
_NUMBER_ALONE = lazy_re.compile(r"^(?:\d{1,3}|[IVXL]{1,6})\.$")
# how a sentence, number or bullet starts (once the pattern ^["“‘'(\[0-9A-ZÀ-ÖØ-Þ•▪●◦·\-–—]): a set, as
# it is asked of one character for nearly every row
_STARTS = frozenset(
    "\"“‘'([0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ•▪●◦·-–—"
    + "".join(map(chr, range(ord("À"), ord("Ö") + 1)))
    + "".join(map(chr, range(ord("Ø"), ord("Þ") + 1)))
)
_ORIGINAL = lazy_re.compile(r"^\[Original:[^\]]*\]$", re.IGNORECASE)
_CONNECTORS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "addressed"]
)
_FORMULA = lazy_re.compile(
    r"^(?:I (?:should|would) be (?:grateful|obliged)|I would appreciate|I kindly (?:ask|request)|"
    r"I have the honour|Please accept|Accept, (?:Sir|Madam|Excellency)|I avail myself|"
    r"I take this opportunity|It would be (?:highly |greatly )?appreciated|"
    r"(?:The present|This) letter is in follow-up|"
    r"The Permanent (?:Mission|Observer|Representative) of .{0,80}avails itself)"
)
_BULLETS = "•▪●◦·"
_ORNAMENT = lazy_re.compile(r"^[*•·\s]{3,}$")


def join_lines(parts: Sequence[str]) -> str:
    """Lines of one paragraph as one string.

    UN documents do not hyphenate words at line ends, so a hyphen there is a real one
    ("Secretary-" / "General") and stays, without a space; a soft hyphen is dropped.

    Linear in the paragraph's length: a block of 40,000 table rows is one paragraph, so the text
    joined so far is never re-scanned; only its last characters and whether its last run of
    non-space characters holds a URL's start are kept up to date.
    """
    stripped = list(map(str.strip, parts))  # a step a line in C, not in Python
    joined = " ".join(filter(None, stripped))
    if "- " not in joined and "/ " not in joined and "\u00ad" not in joined:
        # no line but the last ends with "-" or "/" and none holds a soft hyphen: both joins below
        # put a space at every line break (only those endings glue), whether a URL starts or not
        return joined
    glued = "".join(stripped).replace("\u00ad", "")
    if "http" not in glued and "www." not in glued:
        return _join_without_urls(stripped)
    return _join_with_urls(stripped)


def _join_with_urls(parts: list[str]) -> str:
    """`join_lines` for stripped lines that may hold a URL: a "/" ending a line inside one glues."""
    pieces: list[str] = []
    length = 0  # of the pieces joined
    url_end: int | None = None  # where a URL's start ("http://", "www.") in the last run of non-space ends
    for part in parts:
        if not part:
            continue
        last = _last_chars(pieces, 2)
        if not pieces:
            piece = part
        elif last.endswith("\u00ad"):
            pieces[-1] = pieces[-1][:-1]
            length -= 1
            if not pieces[-1]:
                pieces.pop()
            piece = part
        elif (last.endswith("-") and len(last) > 1 and last[-2].isalnum()) or (
            last.endswith("/") and url_end is not None and url_end < length
        ):
            piece = part  # a URL cut after a "/" goes on in the next line
        else:
            piece = " " + part
        before = _last_chars(pieces, _URL_REACH)
        runs = piece.rsplit(None, 1)
        if len(runs) == 2 or piece[:1].isspace() or not before or before[-1].isspace():
            found = _URL_START.search(runs[-1])  # a new run starts in this piece
            url_end = length + len(piece) - len(runs[-1]) + found.end() if found else None
        elif url_end is None:  # glued on: a URL's start may straddle the join
            tail = before.rsplit(None, 1)[-1]
            found = _URL_START.search(tail + piece)
            url_end = length - len(tail) + found.end() if found else None
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces).replace("\u00ad", "")


def _join_without_urls(parts: list[str]) -> str:
    """`join_lines` for lines (stripped) where no URL can start, however they join: no part, nor
    the parts glued together, holds "http" or "www.", so a "/" at a line's end is never a URL's."""
    joined = " ".join(filter(None, parts))
    if "- " not in joined and "\u00ad" not in joined:
        return joined  # no line but the last ends with a hyphen, no soft hyphen: every join is a space
    pieces: list[str] = []
    last = ""  # the last 2 characters of the pieces joined (`_last_chars`), kept up to date
    for part in parts:
        if not part:
            continue
        if not pieces:
            piece = part
        elif last.endswith("\u00ad"):
            pieces[-1] = pieces[-1][:-1]
            if not pieces[-1]:
                pieces.pop()
            last = _last_chars(pieces, 2)
            piece = part
        elif last.endswith("-") and len(last) > 1 and last[-2].isalnum():
            piece = part
        else:
            piece = " " + part
        pieces.append(piece)
        last = piece[-2:] if len(piece) >= 2 else (last + piece)[-2:]
    return "".join(pieces).replace("\u00ad", "")


_URL_START = lazy_re.compile(r"https?://|www\.")  # with a "/" at the end of its run: a URL cut at a line end
_URL_REACH = 7  # characters of "https:/" a line may end with while the next line completes it


def _last_chars(pieces: list[str], count: int) -> str:
    """The last ``count`` characters of the pieces joined, without joining them all."""
    tail = ""
    for piece in reversed(pieces):
        tail = piece + tail
        if len(tail) >= count:
            break
    return tail[-count:]


MIN_TYPICAL = 64.0  # columns: no page of a letter is narrower
FEW_LINES = 12  # a page with fewer long lines has no reliable most common left edge
FULL_LINES = 8  # long lines a page needs before its full width is trusted
# the room a first-line indent leaves, as a share of the full width: measured on the 42 letters'
# -layout text, first lines leave 1.3-6.5 % and running lines none; more is a line that ends early
FIRST_LINE_SLACK = (0.005, 0.12)
HEADING_ROOM = 0.2  # plain text: a line without final punctuation this far from full is a heading
EARLY = 0.6  # room beyond this share of the largest indent: the line ended before it had to


class Geometry:
    """Per-page base indents and the typical line width, measured from the rows themselves."""

    def __init__(self, rows: Sequence[Row]) -> None:
        # a row with an indent: the first one in -layout text and PDF, else asked of every row in C
        self.layout = layout = bool(rows) and (
            rows[0].indent is not None or [r.indent for r in rows].count(None) < len(rows)
        )
        by_page: defaultdict[int, Counter[float]] = defaultdict(Counter)
        running: defaultdict[int, Counter[float]] = defaultdict(Counter)  # lines going on: "the ..."
        long_edges: list[tuple[int, float]] = []  # (page, edge) of each long row, counted below in C
        running_edges: list[tuple[int, float]] = []
        for row in rows if layout else ():  # plain text: no row has an indent
            if row.indent is None:
                continue
            text = row.text
            if len(text) > 12 and (len(text) > 25 or text[:1].islower()):
                at = (row.page, float(round(row.indent)))
                if len(text) > 25:
                    long_edges.append(at)
                if text[:1].islower():
                    running_edges.append(at)
        for (page, left), n in Counter(long_edges).items():  # first seen first, as counted row by row
            by_page[page][left] = n
        for (page, left), n in Counter(running_edges).items():
            running[page][left] = n
        # the running text is the most common indent of a page; first-line indents are rarer...
        # unless a page holds few lines (an annex of two short paragraphs): there a line that goes
        # on with a sentence shows the left edge
        self.base = {page: counts.most_common(1)[0][0] for page, counts in by_page.items()}
        fullest = max(by_page, key=lambda page: by_page[page].total(), default=None)
        usual = self.base[fullest] if fullest is not None else None
        for page, counts in by_page.items():
            if counts.total() >= FEW_LINES:
                continue
            # a page of a few lines: a line going on with a sentence, else the other pages' edge
            edge = min(running[page]) if page in running else usual
            if edge is not None and edge < self.base[page]:
                self.base[page] = edge
        base = self.base
        widths = sorted(  # self.width(r) for the rows of prose (not table cells), without a call a row
            [
                float(len(r.text))
                if r.indent is None
                else (r.indent or 0.0) + len(r.text) - base.get(r.page, r.indent)
                for r in rows
                if len(r.text) >= 40
            ]
            if layout
            else [float(n) for n in map(len, [r.text for r in rows]) if n >= 40]
        )
        prose = len(widths) >= 5
        if not prose:  # a short letter: its few lines of prose stand among short signature lines
            widths = sorted(self.width(r) for r in rows if len(r.text) >= 20)
        if widths and prose:
            # plain pdftotext sometimes runs two lines into one: those are not the page width
            median = widths[len(widths) // 2]
            widths = [w for w in widths if w <= 1.5 * median]
        self.typical = widths[int(len(widths) * 0.8)] if widths else 80.0
        if not prose:
            self.typical = max(self.typical, MIN_TYPICAL)  # too few lines to measure a page by
        self.full: dict[int, float] = {}  # plain text: the printed width of a full line, per page
        if not self.layout:
            printed: dict[int, list[float]] = {}
            for row in rows:
                text = row.text
                if len(text) >= 50:
                    printed.setdefault(row.page, []).append(printed_width(text))
            for page, values in printed.items():
                if len(values) >= FULL_LINES:
                    values.sort()
                    self.full[page] = values[int(len(values) * 0.9)]
            # a page of a few lines has the width of the others (the same type area)
            widths = sorted(self.full.values())
            pooled = sorted(v for values in printed.values() for v in values)
            if not widths and len(pooled) >= FULL_LINES // 2:  # a short letter: its lines together
                widths = [pooled[int(len(pooled) * 0.9)]]
            if widths:
                for page in {row.page for row in rows} - set(self.full):
                    self.full[page] = widths[len(widths) // 2]

    def indent(self, row: Row) -> float:
        return row.indent if row.indent is not None else 0.0

    def base_of(self, row: Row) -> float:
        return self.base.get(row.page, self.indent(row))

    def width(self, row: Row) -> float:
        if row.indent is None:
            return float(len(row.text))
        return row.right - self.base.get(row.page, row.indent)

    def short(self, row: Row, ratio: float = SHORT) -> bool:
        return self.width(row) < ratio * self.typical

    def indented_first(self, row: Row, nxt: Row | None) -> bool:
        """Plain text: is this line a paragraph's first, shortened by an indent the text lost?

        A running line is full: the next line's first word did not fit on it. A first line holds
        a first-line indent less, so that word would have fitted at full width. Measured in
        printed widths, as character counts are too rough for the few characters an indent takes.
        """
        full = self.full.get(row.page)
        if full is None or nxt is None or nxt.page != row.page or not nxt.text[:1].isalnum():
            return False
        word = nxt.text.split(None, 1)[0]  # its first word: the line is not split whole
        slack = (full - printed_width(row.text) - printed_width(" " + word)) / full
        return FIRST_LINE_SLACK[0] <= slack <= FIRST_LINE_SLACK[1]

    def room(self, prev: Row, row: Row) -> float:
        """Plain text: the share of a full line left on ``prev`` after ``row``'s first word; 0 unknown."""
        full = self.full.get(prev.page)
        if full is None or not row.text:
            return 0.0
        word = row.text.split(None, 1)[0]  # its first word: the line is not split whole
        return (full - printed_width(prev.text) - printed_width(" " + word)) / full

    def broke_early(self, prev: Row, row: Row) -> bool:
        """Plain text: would the next line's first word have fitted on ``prev``, even had ``prev``
        been a first line with its indent? Then ``prev`` ended its paragraph."""
        return self.room(prev, row) > FIRST_LINE_SLACK[1] * EARLY


def _ends_in(text: str, marks: tuple[str, ...]) -> bool:
    """What ``re.search("[marks]$", text)`` says, without a pattern tried at every character: the
    last character is a mark, or the one before a final newline (where ``$`` also matches)."""
    return text.endswith(marks) or (text.endswith("\n") and text[:-1].endswith(marks))


_HEADING_ENDS = tuple(".,;:!?․")  # a line ending so is no heading
_WRAP_ENDS = tuple(".!?;:")  # a next line ending so does not carry a heading on
_UNFINISHED_ENDS = tuple(".,;:!?-–—")  # a heading line ending so is finished or goes on


def _heading(rows: Sequence[Row], i: int, geo: Geometry, part_start: bool = False) -> bool:
    """A short line without final punctuation, standing between paragraphs: its own paragraph.

    The first line of a part (after an annex heading) needs no shortness: text that opens an annex
    without a full stop is its title.
    """
    row = rows[i]
    if i + 1 >= len(rows):
        return False
    text = row.text
    if _ends_in(text, _HEADING_ENDS) or text[:1] not in _STARTS or len(text) < 3:
        return False
    nxt = rows[i + 1]
    # set off by a blank line above and a numbered item below, a heading may run longer
    framed = row.gap_before and bool(_ITEM.match(nxt.text)) and geo.short(row)
    if text.rsplit(" ", 1)[-1] in _CONNECTORS or not (part_start or framed or geo.short(row, HEADING)):
        return False
    if nxt.text[:1] not in _STARTS or _wraps_on(row, nxt, geo):
        return False
    if geo.layout and nxt.page == row.page:
        # a heading is not followed by its own continuation at the same left edge... unless numbered
        return nxt.gap_before or geo.indent(nxt) > geo.indent(row) + 1.5 or bool(_ITEM.match(nxt.text))
    return True


def split_paragraphs(
    rows: Sequence[Row],
    paragraph_lines: bool = False,
    part_start: bool = False,
    geo: Geometry | None = None,
    why: list[tuple[int, str]] | None = None,
) -> list[list[Row]]:
    """Group rows into paragraphs (lists of rows in order); `part_start`: the rows open an annex;
    `paragraph_lines`: the format writes one line per paragraph (`Capabilities.paragraph_lines`).

    `geo` should be measured on the whole letter: a short run of rows says little about line width.
    `why`, when given, receives (row index, the name of the rule that decided) for every row after
    the first: what to look at when a paragraph is split or joined wrongly.
    """
    if not rows:
        return []
    geo = geo or Geometry(rows)
    blocks: list[list[Row]] = [[rows[0]]]
    force_start = False  # the previous block is closed (heading, title, item marker handled)
    force_join = False  # the previous row was an item marker alone ("1.")
    in_title = is_title_start(rows[0].text) and not ends_title(rows[0].text)
    if (
        _heading(rows, 0, geo, part_start)
        or _ORIGINAL.match(rows[0].text)
        or (is_title_start(rows[0].text) and ends_title(rows[0].text))
    ):
        force_start = True
    force_join = bool(_ALONE.match(rows[0].text))
    cells = _table_cells(rows, geo)
    rules = rules_for(geo.layout, paragraph_lines)
    # rows that go on their paragraph by "sentence goes on" unless something is pending: most rows,
    # taken a run at a time; converted text (one line a paragraph) asks `start_rule` of every row
    going = [False] * len(rows) if paragraph_lines else running_lines(rows)
    if True in cells:  # two table cells in a row are decided by the "table cells" rule before it
        for i, j in true_runs(cells):
            going[i + 1 : j] = [False] * (j - i - 1)
    going.append(False)  # a sentinel: every run of going rows ends
    n = len(rows)
    i = 1
    while i < n:
        if going[i] and not (force_join or in_title or force_start):
            # rows i..j-1 go on the last block: each leaves nothing pending (force_join stays False:
            # a row starting lower-case and not "a)" is no item marker alone, see `running_lines`)
            j = going.index(False, i)
            blocks[-1].extend(rows[i:j])
            if why is not None:
                why.extend((k, "sentence goes on") for k in range(i, j))
            if j == n:
                break
            i = j  # a row that does not simply go on: decided below
        row = rows[i]
        if force_join:
            start, rule = False, "item marker alone above"
        elif in_title:
            start, rule = False, "letter title goes on"
        elif cells[i] and cells[i - 1]:
            start, rule = False, "table cells"
        elif force_start:
            start, rule = True, "after a heading or title"
        elif paragraph_lines:
            start, rule = start_rule(Place.at(rows, i, geo, paragraph_lines, blocks[-1]), rules)
        else:
            start, rule = printed_start(rows, i, geo, blocks[-1])
        if why is not None:
            why.append((i, rule))
        if start:
            blocks.append([row])
        else:
            blocks[-1].append(row)
        if force_join and len(blocks[-1]) == 2 and _heading(rows, i, geo):
            force_join = False
            force_start = True  # "1." then "Background": a numbered heading
            i += 1
            continue
        force_join = len(row.text) <= _ALONE_LONGEST and bool(_ALONE.match(row.text))
        force_start = False
        if in_title:
            title_text = " ".join(r.text for r in blocks[-1])  # at most 6 rows: never the growing block
            goes_on = i + 1 < len(rows) and addressee_runs_on(rows[i + 1])
            if (ends_title(title_text) and not goes_on) or len(blocks[-1]) >= 6:
                in_title = False
                force_start = True
        elif start and is_title_start(row.text) and not ends_sentence(row.text):
            if ends_title(row.text) and not (i + 1 < len(rows) and addressee_runs_on(rows[i + 1])):
                force_start = True
            else:
                in_title = True
        # _ORIGINAL opens with "[" (no case to fold): most starts skip the pattern
        elif start and ((row.text[:1] == "[" and _ORIGINAL.match(row.text)) or _heading(rows, i, geo)):
            force_start = True
        i += 1
    return blocks


CELL = 0.3  # table cells: rows this short, several in a row
MIN_CELLS = 4


def _table_cells(rows: Sequence[Row], geo: Geometry) -> list[bool]:
    """Rows inside a run of very short rows: a table flattened into lines, kept as one block.

    Plain `pdftotext` prints every cell of a table on a line of its own; a paragraph per cell
    would bury the letter under hundreds of one-number paragraphs.
    """
    limit = CELL * geo.typical  # geo.short(r, CELL), without two calls a row
    base = geo.base
    short = [
        (
            len(r.text)
            if r.indent is None
            else (r.indent or 0.0) + len(r.text) - base.get(r.page, r.indent)  # geo.width(r)
        )
        < limit
        and not is_title_start(r.text)
        for r in rows
    ]
    out = [False] * len(rows)
    for i, j in true_runs(short):
        if j - i >= MIN_CELLS:
            out[i:j] = [True] * (j - i)
    return out


def true_runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """Each run of True [i, j), found by list.index in C instead of a Python step a flag: tables
    look for runs of short rows in documents of tens of thousands of lines."""
    end = 0
    while True:
        try:
            i = flags.index(True, end)
        except ValueError:
            return
        try:
            end = flags.index(False, i)
        except ValueError:
            end = len(flags)
        yield i, end


@dataclass(slots=True)
class Place:
    """A row where a paragraph may start, with what the start rules look at around it.

    Not frozen: one is made for nearly every row, and a frozen dataclass sets each of its nine
    fields through ``object.__setattr__``; no rule changes one.
    """

    rows: Sequence[Row]
    i: int
    geo: Geometry
    block: list[Row]  # the paragraph built so far
    paragraph_lines: bool  # the format writes one line per paragraph
    row: Row
    prev: Row
    nxt: Row | None
    ended: bool  # the previous row ends a sentence

    @classmethod
    def at(cls, rows: Sequence[Row], i: int, geo: Geometry, paragraph_lines: bool, block: list[Row]) -> Place:
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        return cls(
            rows, i, geo, block, paragraph_lines, rows[i], rows[i - 1], nxt, ends_sentence(rows[i - 1].text)
        )

    @property
    def text(self) -> str:
        return self.row.text

    @property
    def upper(self) -> bool:
        """The row starts like a sentence, a number or a bullet."""
        return self.row.text[:1] in _STARTS


def running_lines(rows: Sequence[Row]) -> list[bool]:
    """For each row: does the rule "sentence goes on" decide it, no rule before it having a say?

    A lower-case row after a line that ends no sentence goes on its paragraph, unless it is a
    title's first line, an item "a)", follows an ornament or changes bold type: the running
    lines of every paragraph, decided in one pass without a `Place` and a dozen rule calls (the
    one line per paragraph rule is not asked: callers leave that format to `start_rule`). The
    first row has no row before it: False.
    """
    texts = [row.text for row in rows]
    return (
        [False]
        + [
            (first := text[:1]).islower()
            and (second := text[1:2]) != ")"
            and row.bold == prev.bold
            and ((last := ptext[-1:]).isalpha() or not ends_sentence(ptext))  # its first test, without a call
            # an ornament ("* * *") holds only "*", "•", "·" and white space: it ends in one of them
            and not ((last in "*•·" or last.isspace()) and _ornament_line(ptext))
            and not (first in TITLE_INITIALS and second in TITLE_SECONDS and is_title_start(text))
            for prev, row, ptext, text in zip(rows, rows[1:], texts, texts[1:], strict=False)
        ]
    )


# A start rule says True (a new paragraph starts at the row), False (the row goes on with the
# paragraph) or None (no say: the next rule decides). The first rule with a say decides.
StartRule = Callable[[Place], "bool | None"]


def _one_line_per_paragraph(p: Place) -> bool | None:
    # converted text: one line per paragraph, a page break shows as blank lines in a sentence
    if not p.paragraph_lines:
        return None
    return p.row.gap_before and (p.ended or not p.text[:1].islower())


def _original_language(p: Place) -> bool | None:
    return True if p.text[:1] == "[" and _ORIGINAL.match(p.text) else None


def _letter_title(p: Place) -> bool | None:
    starts = is_title_start(p.text) and (p.ended or p.row.gap_before or p.row.first_on_page)
    return True if starts else None


def _bullet(p: Place) -> bool | None:
    return True if p.text[:1] in _BULLETS else None  # a bullet never continues a sentence


def _number_alone(p: Place) -> bool | None:
    # a paragraph number on a line of its own (plain pdftotext)
    text = p.text
    return True if len(text) <= 7 and text.endswith(".") and _NUMBER_ALONE.match(text) else None


def _list_item(p: Place) -> bool | None:
    if not (_ITEM.match(p.text) or _ALONE.match(p.text)):
        return None  # not an item: what came before does not matter
    after = p.ended or p.prev.text.endswith((" and", " or")) or _follows(p.block[0].text, p.text)
    return True if after else None


def _ornament(p: Place) -> bool | None:
    # "*****" between sections stands alone
    return True if _ornament_line(p.text) or _ornament_line(p.prev.text) else None


def _ornament_line(text: str) -> bool:
    first = text[:1]
    return (first in "*•·" or first.isspace()) and bool(_ORNAMENT.match(text))  # isspace: the regex's \s


def _quotation(p: Place) -> bool | None:
    # a quotation introduced by a colon
    return True if p.prev.text.endswith(":") and p.text[:1] in '“"‘' else None


def _formula(p: Place) -> bool | None:
    # the closing (or opening) formula of a UN letter always opens a paragraph
    return True if p.ended and _FORMULA.match(p.text) else None


def _bold_changes(p: Place) -> bool | None:
    # bold type starts or ends a heading (PDF)
    changes = p.row.bold != p.prev.bold and (p.ended or _unfinished_heading(p.prev.text))
    return True if changes else None


def _sentence_goes_on(p: Place) -> bool | None:
    # a sentence going on, whatever the indent
    return False if p.text[:1].islower() and not p.ended else None


def _item_back_at_edge(p: Place) -> bool | None:
    # back out to the left edge of a list after a wrapped item
    geo = p.geo
    back = geo.layout and _ITEM.match(p.text) and geo.indent(p.row) < geo.indent(p.prev) - 1.5
    return True if back else None


def _layout_new_page(p: Place) -> bool | None:
    geo, row, nxt = p.geo, p.row, p.nxt
    if not geo.layout or row.page == p.prev.page:
        return None
    ind = geo.indent(row)
    if ind >= geo.base_of(row) + 2 and (nxt is None or nxt.page != row.page or geo.indent(nxt) < ind - 1):
        return True
    return p.ended and geo.short(p.prev) and p.upper


def _layout_indented(p: Place) -> bool | None:
    geo = p.geo
    ind, pind = geo.indent(p.row), geo.indent(p.prev)
    if not geo.layout or not (ind >= pind + 2 and (p.ended or not p.text[:1].islower())):
        return None
    # a hanging indent ("– In July ..." then its wrapped lines further in) continues
    hanging = len(p.block) == 1 and bool(_ITEM.match(p.prev.text)) and ind <= pind + 8
    return not hanging


def _layout_first_line(p: Place) -> bool | None:
    geo, row, nxt = p.geo, p.row, p.nxt
    if not geo.layout or nxt is None or nxt.page != row.page:
        return None
    ind = geo.indent(row)
    return True if ind >= geo.indent(nxt) + 2 and ind >= geo.base_of(row) + 2 else None


def _layout_back_out(p: Place) -> bool | None:
    geo = p.geo
    back = geo.layout and geo.indent(p.row) <= geo.indent(p.prev) - 2 and p.ended and len(p.block) > 1
    return True if back else None


def _blank_line_after_sentence(p: Place) -> bool | None:
    starts = p.row.gap_before and not p.row.first_on_page and p.ended and p.upper
    return True if starts else None


def _caption(p: Place) -> bool | None:
    # a caption or heading standing alone between blank lines
    alone = p.row.gap_before and p.prev.gap_before and len(p.block) == 1 and p.upper
    return True if alone and not p.prev.text.endswith((",", "-")) else None


def _after_short_line(p: Place) -> bool | None:
    return True if p.ended and p.upper and p.geo.short(p.prev) else None


def _broke_early(p: Place) -> bool | None:
    # plain text: the sentence ended a line that had room for more
    geo = p.geo
    return True if p.ended and p.upper and not geo.layout and geo.broke_early(p.prev, p.row) else None


def _shortened_first_line(p: Place) -> bool | None:
    # plain text: the line is a first line, shortened by its lost indent
    geo = p.geo
    return True if p.ended and p.upper and not geo.layout and geo.indented_first(p.row, p.nxt) else None


def _heading_ended(p: Place) -> bool | None:
    # the last line of a heading: short, and no text line ends without punctuation
    geo, prev, row = p.geo, p.prev, p.row
    ends = (
        p.upper
        and (geo.short(prev, HEADING) or geo.room(prev, row) > HEADING_ROOM)
        and len(p.block) <= 4
        and _unfinished_heading(prev.text)
        and not any(ends_sentence(r.text) for r in p.block)
        and not _wraps_on(prev, row, geo)
    )
    return True if ends else None


def _heading_after_paragraph(p: Place) -> bool | None:
    return True if _heading_before(p.rows, p.i, p.geo) else None


def _goes_on(p: Place) -> bool | None:
    return False  # nothing marks a start: a line break inside a paragraph


START_RULES: tuple[tuple[str, StartRule], ...] = (
    ("one line per paragraph", _one_line_per_paragraph),
    ("original language", _original_language),
    ("letter title", _letter_title),
    ("bullet", _bullet),
    ("paragraph number alone", _number_alone),
    ("list item", _list_item),
    ("ornament", _ornament),
    ("quotation after a colon", _quotation),
    ("letter formula", _formula),
    ("bold type changes", _bold_changes),
    ("sentence goes on", _sentence_goes_on),
    ("list item back at the edge", _item_back_at_edge),
    ("layout: new page", _layout_new_page),
    ("layout: indented", _layout_indented),
    ("layout: first-line indent", _layout_first_line),
    ("layout: back out after a paragraph", _layout_back_out),
    ("blank line after a sentence", _blank_line_after_sentence),
    ("caption between blank lines", _caption),
    ("sentence ended a short line", _after_short_line),
    ("plain: line broke early", _broke_early),
    ("plain: first line shortened by its indent", _shortened_first_line),
    ("last line of a heading", _heading_ended),
    ("heading after a paragraph", _heading_after_paragraph),
    ("otherwise it goes on", _goes_on),
)  # in order: the first rule with a say decides


# Rules that have no say (return None) without a capability: skipped where it is missing, so a
# row of plain text is not put to the five layout rules (the answers are the same either way)
_PARAGRAPH_LINES_ONLY = frozenset({"one line per paragraph"})
_LAYOUT_ONLY = frozenset(
    {
        "list item back at the edge",
        "layout: new page",
        "layout: indented",
        "layout: first-line indent",
        "layout: back out after a paragraph",
    }
)
_PLAIN_ONLY = frozenset({"plain: line broke early", "plain: first line shortened by its indent"})


def rules_for(layout: bool, paragraph_lines: bool) -> tuple[tuple[str, StartRule], ...]:
    """The start rules that can have a say on rows of this kind, in `START_RULES` order."""
    skip = _PLAIN_ONLY if layout else _LAYOUT_ONLY
    if not paragraph_lines:
        skip = skip | _PARAGRAPH_LINES_ONLY
    return tuple((name, rule) for name, rule in START_RULES if name not in skip)


def start_rule(place: Place, rules: Sequence[tuple[str, StartRule]] = START_RULES) -> tuple[bool, str]:
    """Does a paragraph start at ``place``, and which rule said so."""
    for name, rule in rules:
        said = rule(place)
        if said is not None:
            return said, name
    raise AssertionError("the last start rule always has a say")


def printed_start(rows: Sequence[Row], i: int, geo: Geometry, block: list[Row]) -> tuple[bool, str]:
    """`start_rule` for the printed forms (one line is not a paragraph): the same rules in the same
    order, each written out here, without a `Place` and a call a rule (4-5 us a row that was).

    Rule by rule as in `START_RULES` (see each rule there for why); `rules_for` says which apply to
    layout and which to plain text. Tested against `start_rule` on every fixture row.
    """
    row, prev = rows[i], rows[i - 1]
    text, ptext = row.text, prev.text
    nxt = rows[i + 1] if i + 1 < len(rows) else None
    ended = not ptext[-1:].isalpha() and ends_sentence(ptext)  # its first test, without a call
    first = text[:1]
    if first == "[" and _ORIGINAL.match(text):
        return True, "original language"
    if (ended or row.gap_before or row.first_on_page) and is_title_start(text):  # the pure call last
        return True, "letter title"
    if first in _BULLETS:
        return True, "bullet"
    if len(text) <= 7 and text.endswith(".") and _NUMBER_ALONE.match(text):
        return True, "paragraph number alone"
    # _ITEM opens with a digit, I V X L, "(", a lower-case letter, a bullet or a dash; _ALONE is short
    item = _ITEM.match(text) if first in _ITEM_FIRST or first.isdecimal() else None
    if (item or (len(text) <= _ALONE_LONGEST and _ALONE.match(text))) and (
        ended or ptext.endswith((" and", " or")) or _follows(block[0].text, text)
    ):
        return True, "list item"
    pfirst = ptext[:1]
    if ((first in "*•·" or first.isspace()) and _ornament_line(text)) or (
        (pfirst in "*•·" or pfirst.isspace()) and _ornament_line(ptext)  # _ornament_line's gate first
    ):
        return True, "ornament"
    if ptext.endswith(":") and first in '“"‘':
        return True, "quotation after a colon"
    if ended and _FORMULA.match(text):
        return True, "letter formula"
    if row.bold != prev.bold and (ended or _unfinished_heading(ptext)):
        return True, "bold type changes"
    if first.islower() and not ended:
        return False, "sentence goes on"
    upper = first in _STARTS
    layout = geo.layout
    if layout:
        ind, pind = geo.indent(row), geo.indent(prev)
        if item and ind < pind - 1.5:
            return True, "list item back at the edge"
        if row.page != prev.page:
            if ind >= geo.base_of(row) + 2 and (
                nxt is None or nxt.page != row.page or geo.indent(nxt) < ind - 1
            ):
                return True, "layout: new page"
            return ended and geo.short(prev) and upper, "layout: new page"
        if ind >= pind + 2 and (ended or not first.islower()):
            hanging = len(block) == 1 and bool(_ITEM.match(ptext)) and ind <= pind + 8
            return not hanging, "layout: indented"
        if (
            nxt is not None
            and nxt.page == row.page
            and ind >= geo.indent(nxt) + 2
            and ind >= geo.base_of(row) + 2
        ):
            return True, "layout: first-line indent"
        if ind <= pind - 2 and ended and len(block) > 1:
            return True, "layout: back out after a paragraph"
    if row.gap_before and not row.first_on_page and ended and upper:
        return True, "blank line after a sentence"
    if row.gap_before and prev.gap_before and len(block) == 1 and upper and not ptext.endswith((",", "-")):
        return True, "caption between blank lines"
    # geo.short(prev) without its two calls: the width of a row without an indent is its length
    if ended and upper and (len(ptext) if prev.indent is None else geo.width(prev)) < SHORT * geo.typical:
        return True, "sentence ended a short line"
    if not layout and ended and upper:
        if geo.broke_early(prev, row):
            return True, "plain: line broke early"
        if geo.indented_first(row, nxt):
            return True, "plain: first line shortened by its indent"
    if (
        upper
        and len(block) <= 4  # before the measures: most blocks are longer
        and (geo.short(prev, HEADING) or geo.room(prev, row) > HEADING_ROOM)
        and _unfinished_heading(ptext)
        and not any(ends_sentence(r.text) for r in block)
        and not _wraps_on(prev, row, geo)
    ):
        return True, "last line of a heading"
    if (ended or row.gap_before) and _heading(rows, i, geo):  # `_heading_before`, its gate without a call
        return True, "heading after a paragraph"
    return False, "otherwise it goes on"


_NUMBERED = lazy_re.compile(r"^(?:(\d{1,3})\.|\(([a-z]|\d{1,2})\)|([a-z])\))(?:\s|$)")


def _follows(first: str, text: str) -> bool:
    """ "2." after a paragraph that began "1.", "(b)" after "(a)": the next item of a list."""
    a, b = _NUMBERED.match(first), _NUMBERED.match(text)
    if not a or not b:
        return False
    x = next(g for g in a.groups() if g is not None)
    y = next(g for g in b.groups() if g is not None)
    if x.isdigit() and y.isdigit():
        return int(y) == int(x) + 1
    return len(x) == len(y) == 1 and ord(y) == ord(x) + 1


WRAPPED = 0.6  # a heading line this wide may be the first line of a title wrapped onto the next


def _wraps_on(row: Row, nxt: Row, geo: Geometry) -> bool:
    """Does a heading-like row go on in the next one ("... the Ministry of Foreign" / "Affairs ...")?"""
    if nxt.page != row.page or _ends_in(nxt.text, _WRAP_ENDS) or _ITEM.match(nxt.text):
        return False
    if geo.layout:
        same_edge = abs(geo.indent(nxt) - geo.indent(row)) < 1.5
        return same_edge and not nxt.gap_before and geo.width(row) >= WRAPPED * geo.typical
    return geo.width(row) >= WRAPPED * geo.typical and geo.short(nxt)


def _unfinished_heading(text: str) -> bool:
    last = text.rsplit(" ", 1)[-1]
    return not _ends_in(text, _UNFINISHED_ENDS) and last not in _CONNECTORS and not last[:1].islower()


def _heading_before(rows: Sequence[Row], i: int, geo: Geometry) -> bool:
    """Is this row a heading standing after a finished paragraph?"""
    prev = rows[i - 1]
    ptext = prev.text
    if not ((not ptext[-1:].isalpha() and ends_sentence(ptext)) or rows[i].gap_before):
        return False
    return _heading(rows, i, geo)
