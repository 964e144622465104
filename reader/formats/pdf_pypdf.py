"""The fallback PDF engine, pypdf (pure Python), for platforms where PDFium has no wheel.

pypdf hands us the text in content-stream order, one run at a time, with the text matrix where the
run starts and its type size; it puts spaces in runs of their own and does not measure widths.
It tokenises content streams in Python, so the work is bounded by their size before extraction.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import threading
import warnings
from collections.abc import Iterator
from typing import Any

from reader.errors import InputError
from reader.formats.pdf_runs import MAX_PAGES, Budget, Run, clean_text

_QUIET_LOCK = threading.Lock()
_QUIET_STATE: list[int] = []  # the level to restore, then one entry per reader inside


@contextlib.contextmanager
def quiet_pypdf() -> Iterator[None]:
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


def pypdf_page_runs(data: bytes, name: str) -> list[list[Run]]:
    """The runs of every page, in content-stream order."""
    with quiet_pypdf():
        return _read(data, name)


def _read(data: bytes, name: str) -> list[list[Run]]:
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
    budget = Budget(name)
    pages: list[list[Run]] = []
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        budget.page_content(number, len(contents.get_data()) if contents is not None else 0)
        runs = _page_runs(page)
        budget.page_chars(number, sum(len(run.text) for run in runs))
        pages.append(runs)
    return pages


def _page_runs(page: Any) -> list[Run]:
    runs: list[Run] = []

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
        clean = clean_text(text)
        for k, part in enumerate(clean.split("\n")):
            if part:
                runs.append(Run(part, x, y - k * run_size * 1.2, run_size, bold, len(runs)))

    page.extract_text(visitor_text=visit)
    return runs
