"""Tables kept as rows: one paragraph per printed line of a table, its cells joined by " | ".

Joined by the paragraph rules, a table reads as run-together prose ("Military contingents 126
430.3 104 789.5 ..."). Where the lines keep their columns (`-layout` text, PDF) a table shows as
consecutive lines of several cells (blocks apart by wide gaps) whose edges line up with the lines
around them; a line of one cell among them (a group label, a wrapped cell) is a row too. Plain
`pdftotext` loses the columns and prints one cell a line: there a run of very short lines, several of
them numbers, is a table, and a label line starts a row that the number lines after it fill.
Deliberately conservative: prose is never cut into rows unless its lines look like a table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from reader import lazy_re
from reader.parser.body import Geometry, true_runs
from reader.parser.rows import Row
from reader.parser.text_shape import ends_sentence

SEP = " | "
MIN_ROWS = 3  # lines of several cells (layout) or number lines (plain) a table needs
EDGE = 1.5  # columns: two cell edges this close line up
MAX_LONE = 4  # one-cell lines in a row a table may hold between its lines of several cells
LONE_WIDTH = 0.6  # a one-cell line inside a table is shorter than this share of a full line
CELL = 0.3  # plain text: a cell line is at most this share of a full line (as body.CELL)
MIN_CELL_LINES = 4

# a figure: "126 430.3", "(5.6)", "12%", "$3.5", "1,234", or a dash standing for none
_NUMBER = lazy_re.compile(r"^[(\[]?[-–—+−]?[$€£]?\d[\d .,]*%?[)\]]?$|^[-–—]$")
_DASHES = frozenset("-–—")
_LEADER = lazy_re.compile(r"(?:\. ?){4,}|…{2,}")  # a contents line: "Introduction . . . . . 3"
_ITEM_NUMBER = lazy_re.compile(
    r"^(?:\d{1,3}\.|\(?[a-z]{1,4}\)|\(\d{1,2}\)|[IVXL]{1,6}\.|[A-H]\.|[•▪●◦·\-–—])$"
)


def is_figure(text: str) -> bool:
    """A cell that is a number (or a dash for none), not a paragraph number like "3."."""
    text = text.strip()
    if text in _DASHES:
        return True
    first = text[:1]  # how _NUMBER starts: a bracket, sign or currency, or the digit (\d: a decimal)
    if not (first.isdecimal() or (first and first in "([-–—+−$€£")):
        return False
    return bool(_NUMBER.match(text)) and not _ITEM_NUMBER.match(text)


Split = Callable[[list[Row], bool], list[str]]


def paragraph_texts(
    runs: Sequence[tuple[Sequence[Row], bool]],
    geo: Geometry,
    prose: Split,
    finish: Callable[[list[str]], list[str]],
) -> list[str]:
    """The paragraph texts of a part's runs of body rows (each with whether it opens the part): its
    tables as rows, the rest through ``prose`` (rows and whether they open the part, to texts) and
    ``finish`` (over consecutive prose texts, such as joining a lone paragraph number to the paragraph
    after it, which must never reach into a table)."""
    out: list[str] = []
    pending: list[str] = []
    for run, opens in runs:
        first = True
        for rows, table in segments(run, geo):
            if table:
                out.extend(finish([t for t in pending if t]))
                pending = []
                out.extend(table)
            else:
                pending.extend(prose(rows, opens and first))
            first = False
    out.extend(finish([t for t in pending if t]))
    return out


def segments(run: Sequence[Row], geo: Geometry) -> Iterator[tuple[list[Row], list[str]]]:
    """The run cut into prose (rows, []) and tables ([], row texts), in order."""
    spans = _layout_tables(run, geo) if geo.layout else _plain_tables(run, geo)
    start = 0
    for begin, end, texts in spans:
        if begin > start:
            yield list(run[start:begin]), []
        yield [], texts
        start = end
    if start < len(run) or not spans:
        yield list(run[start:]), []


# --- layout and PDF: lines of several cells whose edges line up --------------------------------------


def _several(row: Row) -> bool:
    """A line of two or more cells that is not a numbered paragraph ("3.    The Council ...")."""
    cells = row.cells
    if len(cells) < 2 or any(("." in text or "…" in text) and _LEADER.search(text) for _, text in cells):
        return False  # a table of contents stays as the headings it lists
    return not (len(cells) == 2 and _ITEM_NUMBER.match(cells[0][1]))


def _edges(row: Row) -> list[float]:
    out: list[float] = []
    for left, text in row.cells:
        out.extend((left, left + len(text)))
    return out


def _lined_up(a: Row, b: Row) -> bool:
    """Do two lines of cells share at least two cell edges (left edges of text, right of figures)?"""
    ours = _edges(a)
    shared = 0
    for edge in _edges(b):  # counted only as far as two: most lines of a table share them early
        for e in ours:
            if abs(edge - e) <= EDGE:
                shared += 1
                if shared == 2:
                    return True
                break
    return False


def _layout_tables(run: Sequence[Row], geo: Geometry) -> list[tuple[int, int, list[str]]]:
    spans: list[tuple[int, int, list[str]]] = []
    i = 0
    while i < len(run):
        if len(run[i].cells) < 2 or not _several(run[i]):  # _several's first test, without a call a row
            i += 1
            continue
        last = i  # the last line of several cells in the table
        count = 1
        j = i + 1
        while j < len(run):
            row = run[j]
            if _several(row):
                if not _lined_up(run[last], row):
                    break
                last, count, j = j, count + 1, j + 1
                continue
            # one-cell lines: kept when a lined-up line of several cells follows them soon
            k = j
            while k < len(run) and k - j < MAX_LONE and _lone_cell(run[k], geo):
                k += 1
            if k < len(run) and k > j and _several(run[k]) and _lined_up(run[last], run[k]):
                j = k
                continue
            break
        if count >= MIN_ROWS and not _prose_columns(run[i : last + 1]):
            spans.append((i, last + 1, [_row_text(r) for r in run[i : last + 1]]))
            i = last + 1
        else:
            i += 1
    return spans


PROSE_CELL = 30  # characters: a cell this long on every line of several is running text


def _prose_columns(rows: Sequence[Row]) -> bool:
    """Text set in two columns (a summary page), not a table: most of its lines of several cells
    hold nothing but long runs of text from the left edge on. (A table's wrapped text cells leave
    its first column empty on their lines.)"""
    several = [r for r in rows if _several(r)]
    edge = min(r.cells[0][0] for r in several)
    prose = sum(
        1
        for r in several
        if r.cells[0][0] <= edge + EDGE and all(len(text) >= PROSE_CELL for _, text in r.cells)
    )
    return 2 * prose > len(several)


def _lone_cell(row: Row, geo: Geometry) -> bool:
    return not row.cells and len(row.text) < LONE_WIDTH * geo.typical


def _row_text(row: Row) -> str:
    """Cells joined by the separator; a printed number stays with its text ("A. Costs | 12")."""
    texts = [text for _, text in row.cells]
    if not texts:
        return row.text
    if len(texts) > 1 and _ITEM_NUMBER.match(texts[0]):
        texts[:2] = [f"{texts[0]} {texts[1]}"]
    return SEP.join(texts)


# --- plain text: one cell a line -------------------------------------------------------------------


def _plain_tables(run: Sequence[Row], geo: Geometry) -> list[tuple[int, int, list[str]]]:
    """Runs of very short lines, at least three of them figures (a quarter of the run or more)."""
    spans: list[tuple[int, int, list[str]]] = []
    limit = CELL * geo.typical
    short = [len(r.text) <= limit for r in run]
    for i, j in true_runs(short):
        if i > 0 and not ends_sentence(run[i - 1].text):
            i += 1  # the last line of a sentence running on from a long line is not a cell
        if j - i >= MIN_CELL_LINES:
            figures = sum(1 for r in run[i:j] if is_figure(r.text))
            if figures >= MIN_ROWS and 4 * figures >= j - i:
                spans.append((i, j, _plain_rows(run[i:j])))
    return spans


def _plain_rows(cells: Sequence[Row]) -> list[str]:
    """A label starts a row, the figures after it are its cells; figures before any label a row.

    A label pdftotext printed elsewhere leaves its figures after the row before: a row holding a
    multiple (two or more) of the usual number of figures (most labelled rows' count) is cut to it.
    """
    rows: list[list[str]] = []
    labelled: list[bool] = []
    for cell in cells:
        text = cell.text.strip()
        if not text:
            continue
        if is_figure(text) and rows and (labelled[-1] or all(is_figure(t) for t in rows[-1])):
            rows[-1].append(text)
            continue
        rows.append([text])
        labelled.append(not is_figure(text))
    counts = Counter(
        len(row) - 1 for row, label in zip(rows, labelled, strict=True) if label and len(row) > 2
    )
    width = max(counts, key=lambda n: (counts[n], n)) if counts else 0
    out: list[str] = []
    for row, label in zip(rows, labelled, strict=True):
        head = 1 if label else 0  # the label
        if width and len(row) - head >= 2 * width and (len(row) - head) % width == 0:
            out.append(SEP.join(row[: width + head]))
            out.extend(SEP.join(row[k : k + width]) for k in range(width + head, len(row), width))
        else:
            out.append(SEP.join(row))
    return out
