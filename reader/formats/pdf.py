"""UN letter PDFs: text runs with their positions, rebuilt into lines like `pdftotext -layout` prints.

An engine (PDFium by default, pypdf where PDFium has no wheel; `UN_READER_PDF_ENGINE` picks one)
hands us each page's runs: text with where it starts, its type size and weight. Word-made UN PDFs
write each line as a few runs (often cutting words in two), so a line is rebuilt by grouping runs on
the same baseline and joining them left to right; a wide horizontal gap (the masthead's two
columns, the job number and the date stamp) is kept as several spaces so the parser can split the
line as it does for `-layout` text. What the PDF gives beyond text goes into the `Line` hints: the
left edge scaled to character columns, the type size (footnotes are smaller), vertical gaps and bold
type. Superscript footnote markers (smaller type, raised baseline) are glued to the line they belong to.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from reader.errors import InputError
from reader.formats.columns import Row, Segment, joined, masthead_lines
from reader.formats.lines import PDF_CAPABILITIES, Line, Page, Source
from reader.formats.pdf_runs import MAX_PAGES, Run

__all__ = ["MAX_PAGES", "engine_name", "pdf_to_source"]

COLUMN_WIDTH = 0.41  # one `-layout` character column, as a fraction of the body type size
GAP_LINES = 1.35  # a baseline step above this many line heights counts as a blank line
ENGINE_VARIABLE = "UN_READER_PDF_ENGINE"
_NUMBER_END = re.compile(r"\d[.,]?$")  # a marker glued here would extend the number
# The job number, date stamps and "/..." at the foot of a page: older PDFs draw them as one run
# whose gaps the engines reduce to single spaces; spread them again as pdftotext -layout prints them.
_JOB_LINE = re.compile(r"^(\d{2}-\d{5}\*?\s?\([A-Z]\)\*?)\s+(\d{6})(?:\s+(\d{6}))?(?:\s+(/\.\.\.))?$")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# Runs PDFium measured this many ems apart are two words even with no space drawn between
# them (old PDFs place each word with its own operator); a word Word cut has pieces 0.12 apart.
_WORD_GAP = 0.2


@dataclass(slots=True)
class _Row:
    """Runs sharing a baseline."""

    y: float
    size: float
    runs: list[Run]


def engine_name() -> str:
    """The engine that reads PDFs here: the variable's choice, else PDFium when its wheel imports."""
    chosen = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if chosen in ("pypdf", "pdfium"):
        return chosen
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return "pypdf"
    return "pdfium"


def _engine() -> Callable[[bytes, str], list[list[Run]]]:
    if engine_name() == "pypdf":
        from reader.formats.pdf_pypdf import pypdf_page_runs

        return pypdf_page_runs
    from reader.formats.pdf_pdfium import pdfium_page_runs

    return pdfium_page_runs


def pdf_to_source(data: bytes, name: str, digest: str) -> Source:
    """Read every page; any failure of a damaged or unusual file becomes one `InputError` line."""
    try:
        page_runs = _engine()(data, name)
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{name}: a damaged PDF (nested too deeply)") from None
    except MemoryError:
        raise InputError(f"{name}: a damaged PDF (too large to read)") from None
    except Exception as error:  # the engines raise many kinds on damaged files; none is a bug of ours
        raise InputError(f"{name}: a damaged PDF ({_describe(error)})") from None
    pages = _pages(page_runs)
    if not any(page.lines for page in pages):
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); OCR it first")
    return Source(path=name, format="pdf", pages=tuple(pages), digest=digest, capabilities=PDF_CAPABILITIES)


def _describe(error: Exception) -> str:
    text = " ".join(str(error).split())[:120]
    return text or type(error).__name__


def _pages(page_runs: list[list[Run]]) -> list[Page]:
    body_size = _body_size(page_runs)
    column = COLUMN_WIDTH * body_size
    return [
        Page(number=number, lines=_page_lines(runs, column, first=number == 1))
        for number, runs in enumerate(page_runs, start=1)
    ]


def _body_size(page_runs: list[list[Run]]) -> float:
    """The type size most characters are set in: the unit for columns and line heights."""
    sizes: Counter[float] = Counter()
    for runs in page_runs:
        for run in runs:
            if not run.blank:
                sizes[round(run.size)] += len(run.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 10.0


def _rows(runs: list[Run]) -> list[_Row]:
    """Group runs by baseline, top to bottom; superscripts join the line they are raised above."""
    rows: list[_Row] = []
    for run in sorted(runs, key=lambda r: (-r.y, r.seq)):
        if rows and abs(rows[-1].y - run.y) <= 0.2 * min(rows[-1].size, run.size) + 0.5:
            rows[-1].runs.append(run)
            if not run.blank:
                rows[-1].size = max(rows[-1].size, run.size)
        else:
            rows.append(_Row(run.y, run.size if not run.blank else 0.0, [run]))
    for row in rows:
        if row.size == 0.0:
            row.size = max(r.size for r in row.runs)
    rows = _join_shifted(rows)
    merged: list[_Row] = []
    for index, row in enumerate(rows):
        host = rows[index + 1] if index + 1 < len(rows) else None
        if host is not None and _is_superscript(row, host):
            for run in row.runs:
                run.superscript = True
            host.runs.extend(row.runs)
            continue
        merged.append(row)
    for row in merged:
        row.runs.sort(key=lambda r: (r.x, r.seq))
    return [row for row in merged if any(not r.blank for r in row.runs)]


def _join_shifted(rows: list[_Row]) -> list[_Row]:
    """Put back on its line a phrase set in another font whose baseline sits a little off the line's.

    An italic phrase ("inter alia") can be drawn a few points above or below the words around it;
    read as a line of its own it cut its paragraph in three (issue 8). Two rows of like type size
    whose baselines are less than half an em apart cannot be two printed lines (their letters would
    run into each other), nor can rows whose text would overlap: a row that fits into the gaps of a
    neighbour that close, within an em of its words, is part of it. Smaller type stays apart
    (superscripts, footnotes), and so do table cells side by side (wide gaps, off-centre baselines).
    """
    out: list[_Row] = []
    for index, row in enumerate(rows):
        above = out[-1] if out else None
        below = rows[index + 1] if index + 1 < len(rows) else None
        host = _shift_host(row, above, below)
        if host is None:
            out.append(row)
        else:
            host.runs.extend(row.runs)  # the row below is kept when the loop comes to it
    return out


def _shift_host(row: _Row, above: _Row | None, below: _Row | None) -> _Row | None:
    """The neighbouring row ``row`` belongs to (the nearer baseline first), if any."""
    hosts = [h for h in (above, below) if h is not None and _same_line(row, h)]
    if not hosts:
        return None
    return min(hosts, key=lambda h: abs(h.y - row.y))


def _same_line(row: _Row, host: _Row) -> bool:
    small, large = sorted((row.size, host.size))
    if small <= 0.8 * large or abs(row.y - host.y) >= 0.5 * small:
        return False
    mine = [r for r in row.runs if not r.blank]
    theirs = [r for r in host.runs if not r.blank]
    if not mine or not theirs or _chars(mine) > _chars(theirs):
        return False  # the phrase is the smaller part of its line
    slack = 0.25 * small  # italic letters lean over their neighbours
    for run in mine:
        left, right = run.x + slack, _ends(run)[0] - slack
        if any(r.x < right and left < _ends(r)[0] for r in theirs):
            return False
        if not any(_touch(r, run, small) or _touch(run, r, small) for r in theirs):
            return False  # a cell of a table beside it, not a phrase in a sentence
    return True


def _ends(run: Run) -> tuple[float, float]:
    """Where a run ends, at the least and at the most: pypdf's widths are estimates, up to a quarter long."""
    if run.right is not None:
        return run.right, run.right
    return run.x + 0.75 * run.width(), run.x + run.width()


def _touch(first: Run, then: Run, em: float) -> bool:
    """Whether ``then`` starts within an em of where ``first`` ends, as the next words of a line do."""
    low, high = _ends(first)
    return first.x < then.x and low - em <= then.x <= high + em


def _chars(runs: list[Run]) -> int:
    return sum(len(r.text.strip()) for r in runs)


def _is_superscript(row: _Row, host: _Row) -> bool:
    """Smaller type whose baseline sits a little above a line of larger type."""
    if not any(not r.blank for r in row.runs) or not any(not r.blank for r in host.runs):
        return False
    raised = row.y - host.y
    if not 0.5 < raised < 0.6 * host.size or row.size > 0.8 * host.size:
        return False
    text = "".join(r.text for r in row.runs).strip()
    return len(text) <= 4


def _page_lines(runs: list[Run], column: float, first: bool) -> tuple[Line, ...]:
    rows = _rows(runs)
    if not rows:
        return ()
    origin = min(r.x for row in rows for r in row.runs if not r.blank)
    out: list[Row] = []
    previous: _Row | None = None
    for row in rows:
        gap = not first if previous is None else previous.y - row.y > GAP_LINES * 1.2 * row.size
        out.extend(_split_row(row, origin, column, gap))
        previous = row
    if first:
        return tuple(masthead_lines(out))
    return tuple(joined(row) for row in out)


def _split_row(row: _Row, origin: float, column: float, gap: bool) -> list[Row]:
    """One row, or two when a footnote number starts it (pdftotext prints the number on its own line)."""
    out: list[Row] = []
    runs = row.runs
    lead = [r for r in runs if not r.blank]
    if lead and lead[0].superscript and any(not r.superscript for r in lead):
        number = [r for r in lead if r.superscript and r.x <= lead[0].x + lead[0].width()]
        marker = _SPACES.sub(" ", "".join(r.text for r in number)).strip()
        if marker:
            indent = round((lead[0].x - origin) / column, 1)
            out.append(Row((Segment(indent, marker),), lead[0].size, gap, False))
            gap = False
            runs = [r for r in runs if r not in number]
    segments = _segments(runs, origin, column)
    if segments:
        size, bold = _dominant(runs)
        out.append(Row(tuple(segments), size, gap, bold))
    return out


def _space(match: re.Match[str]) -> str:
    """One space, unless the engine spread a gap inside a run ("25-00746 (E)    230125"): keep it wide."""
    return " " if len(match.group()) < 3 else "   "


def _spread(match: re.Match[str]) -> str:
    return "    ".join(part for part in match.groups() if part)


def _dominant(runs: list[Run]) -> tuple[float, bool]:
    """The size and weight most of the characters are set in (superscripts aside)."""
    body = [r for r in runs if not r.blank and not r.superscript] or [r for r in runs if not r.blank]
    weight: Counter[tuple[float, bool]] = Counter()
    for r in body:
        weight[(r.size, r.bold)] += len(r.text.strip())
    if not weight:
        return 0.0, False
    (size, bold), _ = weight.most_common(1)[0]
    return size, bold


def _segments(runs: list[Run], origin: float, column: float) -> list[Segment]:
    """Runs left to right, split where a gap of a few ems separates chunks (columns, furniture).

    Between runs drawn one after the other, the spaces the PDF draws (runs of their own, from both
    engines) say where the words part, better than any distance on justified lines, so such runs
    are joined as they come; runs drawn out of order are spaced by their distance (measured by
    PDFium, estimated for pypdf); superscripts never are.
    """
    segments: list[Segment] = []
    parts: list[str] = []
    members: list[Run] = []
    start = 0.0
    end = 0.0
    last: Run | None = None
    spaced = 0  # the widest space run (1 or 3 spaces) between the last text run and this one

    def close() -> None:
        text = _JOB_LINE.sub(_spread, "".join(parts).strip())
        if text:
            size, bold = _dominant(members)
            segments.append(Segment(round((start - origin) / column, 1), text, size, bold))
        parts.clear()
        members.clear()

    for run in runs:
        if run.blank:
            if last is not None and run.seq > last.seq:
                spaced = max(spaced, 3 if len(run.text) >= 3 else 1)
                if abs(run.x - end) < 2 * run.size:
                    end = run.x + 0.25 * run.size  # a space drawn right after the text ends it exactly
            continue
        text = _SPACES.sub(_space, run.text)
        gap = run.x - end
        in_order = last is not None and 0 < run.seq - last.seq <= 3
        if last is None or (gap > (3.5 if in_order else 2.5) * run.size and not run.superscript):
            close()
            start = run.x
            text = text.lstrip()
        elif run.superscript:
            text = text.lstrip() if not in_order else text
            if _NUMBER_END.search("".join(parts)) and not text.startswith(" "):
                text = " " + text  # "2015.54" would read as a number: keep the marker apart
        elif not parts[-1].endswith(" ") and not text.startswith(" "):
            if spaced and in_order:
                parts.append(" " * spaced)
            elif run.right is not None and gap > _WORD_GAP * run.size:
                parts.append(" ")  # measured by PDFium: wider than any cut word's pieces
            elif not in_order and gap > 0.5 * run.size:
                parts.append(" ")
        parts.append(text)
        members.append(run)
        end = max(end, run.x + run.width()) if not in_order else run.x + run.width()
        last = run
        spaced = 0
    close()
    return segments
