"""UN letter PDFs: text runs with their positions, rebuilt into lines like `pdftotext -layout` prints.

pypdf hands us the text in content-stream order, one run at a time, with the text matrix where the
run starts and its type size. Word-made UN PDFs write each line as a few runs (often cutting words
in two) and put the spaces in runs of their own, so a line is rebuilt by grouping runs on the same
baseline and joining them left to right; a wide horizontal gap (the masthead's two columns, the job
number and the date stamp) is kept as several spaces so the parser can split the line as it does
for `-layout` text. What the PDF gives beyond text goes into the `Line` hints: the left edge scaled
to character columns, the type size (footnotes are smaller), vertical gaps and bold type.
Superscript footnote markers (smaller type, raised baseline) are glued to the line they belong to.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
import threading
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reader.errors import InputError
from reader.formats.columns import Row, Segment, joined, masthead_lines
from reader.formats.lines import PDF_CAPABILITIES, Line, Page, Source

MAX_PAGES = 500  # the longest letters run to a few dozen pages
COLUMN_WIDTH = 0.41  # one `-layout` character column, as a fraction of the body type size
GAP_LINES = 1.35  # a baseline step above this many line heights counts as a blank line
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": ""})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NUMBER_END = re.compile(r"\d[.,]?$")  # a marker glued here would extend the number
# The job number, date stamps and "/..." at the foot of a page: older PDFs draw them as one run
# whose gaps pypdf reduces to single spaces; spread them again as pdftotext -layout prints them.
_JOB_LINE = re.compile(r"^(\d{2}-\d{5}\*?\s?\([A-Z]\)\*?)\s+(\d{6})(?:\s+(\d{6}))?(?:\s+(/\.\.\.))?$")
_QUIET_LOCK = threading.Lock()
_QUIET_STATE: list[int] = []  # the level to restore, then one entry per reader inside
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


@dataclass(slots=True)
class _Run:
    """One piece of text as the content stream draws it (x, y of its start, in points)."""

    text: str
    x: float
    y: float
    size: float
    bold: bool
    seq: int
    superscript: bool = False

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def width(self) -> float:
        """An estimate from rough Times widths, used only to find gaps between runs."""
        return sum(_em(ch) for ch in self.text) * self.size


def _em(ch: str) -> float:
    if ch.isupper():
        return 0.7
    if ch.isdigit():
        return 0.5
    if ch.isalpha():
        return 0.47
    return 0.3


@dataclass(slots=True)
class _Row:
    """Runs sharing a baseline."""

    y: float
    size: float
    runs: list[_Run]


def pdf_to_source(data: bytes, name: str, digest: str) -> Source:
    """Read every page; any failure of a damaged or unusual file becomes one `InputError` line."""
    with _quiet_pypdf():
        try:
            pages = _read_pages(data, name)
        except InputError:
            raise
        except RecursionError:
            raise InputError(f"{name}: a damaged PDF (nested too deeply)") from None
        except Exception as error:  # pypdf raises many kinds on damaged files; none is a bug of ours
            raise InputError(f"{name}: a damaged PDF ({_describe(error)})") from None
    if not any(page.lines for page in pages):
        raise InputError(f"{name}: the PDF has no text layer (a scanned image?); OCR it first")
    return Source(path=name, format="pdf", pages=tuple(pages), digest=digest, capabilities=PDF_CAPABILITIES)


def _describe(error: Exception) -> str:
    text = " ".join(str(error).split())[:120]
    return text or type(error).__name__


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs and warns about every oddity it works around; the user gets our one line instead."""
    logger = logging.getLogger("pypdf")  # the parent of the loggers pypdf creates as it goes
    with _QUIET_LOCK:  # worker threads may read PDFs at once: the first in silences, the last out restores
        if not _QUIET_STATE:
            _QUIET_STATE.append(logger.level)
            logger.setLevel(logging.CRITICAL + 1)
        _QUIET_STATE.append(-1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        with _QUIET_LOCK:
            _QUIET_STATE.pop()
            if len(_QUIET_STATE) == 1:
                logger.setLevel(_QUIET_STATE.pop())


def _read_pages(data: bytes, name: str) -> list[Page]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = bool(reader.decrypt(""))
        except Exception:
            opened = False
        if not opened:
            raise InputError(f"{name}: the PDF is encrypted with a password")
    count = len(reader.pages)
    if count == 0:
        raise InputError(f"{name}: the PDF has no pages")
    if count > MAX_PAGES:
        raise InputError(f"{name}: {count} pages is too long for a letter")
    page_runs = [_page_runs(page) for page in reader.pages]
    body_size = _body_size(page_runs)
    column = COLUMN_WIDTH * body_size
    return [
        Page(number=number, lines=_page_lines(runs, column, first=number == 1))
        for number, runs in enumerate(page_runs, start=1)
    ]


def _page_runs(page: Any) -> list[_Run]:
    runs: list[_Run] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text or text == "\n":
            return
        try:
            a, b, c, d, e, f = (float(v) for v in tm)
            ca, cb, cc, cd, ce, cf = (float(v) for v in cm)
            font_size = float(size)
        except (TypeError, ValueError):
            return
        if abs(b) > abs(a) * 0.2 + 1e-9 or abs(cb) > abs(ca) * 0.2 + 1e-9:
            return  # rotated text: margin notes and stamps, not part of the letter
        x = e * ca + f * cc + ce
        y = e * cb + f * cd + cf
        scale = math.hypot(c, d) * math.hypot(cc, cd)
        run_size = round(font_size * scale, 2)
        if run_size < 1.5:
            return  # invisible text (Word's 1-pt spacer paragraphs)
        base = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
        bold = "Bold" in base or "Black" in base
        clean = _CONTROL.sub("", text.translate(_LIGATURES))
        for k, part in enumerate(clean.split("\n")):
            if part:
                runs.append(_Run(part, x, y - k * run_size * 1.2, run_size, bold, len(runs)))

    page.extract_text(visitor_text=visit)
    return runs


def _body_size(page_runs: list[list[_Run]]) -> float:
    """The type size most characters are set in: the unit for columns and line heights."""
    sizes: Counter[float] = Counter()
    for runs in page_runs:
        for run in runs:
            if not run.blank:
                sizes[round(run.size)] += len(run.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 10.0


def _rows(runs: list[_Run]) -> list[_Row]:
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


def _is_superscript(row: _Row, host: _Row) -> bool:
    """Smaller type whose baseline sits a little above a line of larger type."""
    if not any(not r.blank for r in row.runs) or not any(not r.blank for r in host.runs):
        return False
    raised = row.y - host.y
    if not 0.5 < raised < 0.6 * host.size or row.size > 0.8 * host.size:
        return False
    text = "".join(r.text for r in row.runs).strip()
    return len(text) <= 4


def _page_lines(runs: list[_Run], column: float, first: bool) -> tuple[Line, ...]:
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
    """One space, unless pypdf spaced out a gap inside a run ("25-00746 (E)    230125"): keep that wide."""
    return " " if len(match.group()) < 3 else "   "


def _spread(match: re.Match[str]) -> str:
    return "    ".join(part for part in match.groups() if part)


def _dominant(runs: list[_Run]) -> tuple[float, bool]:
    """The size and weight most of the characters are set in (superscripts aside)."""
    body = [r for r in runs if not r.blank and not r.superscript] or [r for r in runs if not r.blank]
    weight: Counter[tuple[float, bool]] = Counter()
    for r in body:
        weight[(r.size, r.bold)] += len(r.text.strip())
    if not weight:
        return 0.0, False
    (size, bold), _ = weight.most_common(1)[0]
    return size, bold


def _segments(runs: list[_Run], origin: float, column: float) -> list[Segment]:
    """Runs left to right, split where a gap of a few ems separates chunks (columns, furniture).

    Between runs drawn one after the other, pypdf has already decided where the spaces go (it
    emits them as runs of their own), and its decision is better than any width estimate on
    justified lines, so such runs are joined as they come. Runs drawn out of order are spaced by
    their distance; superscripts never are.
    """
    segments: list[Segment] = []
    parts: list[str] = []
    members: list[_Run] = []
    start = 0.0
    end = 0.0
    last: _Run | None = None
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
        elif (
            not parts[-1].endswith(" ")
            and not text.startswith(" ")
            and ((spaced and in_order) or (not in_order and gap > 0.5 * run.size))
        ):
            parts.append(" " * max(1, spaced if in_order else 1))
        parts.append(text)
        members.append(run)
        end = max(end, run.x + run.width()) if not in_order else run.x + run.width()
        last = run
        spaced = 0
    close()
    return segments
