"""PDF reading speed: our engine (PDFium runs rebuilt into lines) against PDFium's own extraction.

Per page, on the same pages in the same run: ours (the `Source` the parser gets, and the whole
`parse`), pypdfium2's own per-character extraction (text, each character's box and font size: the
baseline the target is set against, <= 2x), pypdfium2's plain text, and `pdftotext -layout` (one
process per file, as a user runs it; <= 3x) when poppler-utils is installed. Then the peak memory
of reading the largest report in a fresh process, against the same for pypdfium2's own extraction.
Run: .venv/bin/python benchmarks/pdf_bench.py [--pypdf] [--documents FOLDER]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from targets import check

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
import pypdfium2.raw as pdfium_c  # noqa: E402

from reader.errors import InputError  # noqa: E402
from reader.formats.load import load_path  # noqa: E402
from reader.formats.pdf import ENGINE_VARIABLE, engine_name  # noqa: E402
from reader.parser import parse_path  # noqa: E402

LETTERS = ROOT / "tests" / "fixtures" / "letters" / "pdf"
DOCUMENTS = Path("/work/shared/documents/pdf")  # real UN reports, when this checkout sits beside them
PDFTOTEXT = shutil.which("pdftotext")


def pages_of(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        document = pdfium.PdfDocument(path)
        total += len(document)
        document.close()
    return total


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def ours(paths: list[Path]) -> None:
    for path in paths:
        load_path(path)


def ours_parse(paths: list[Path]) -> int:
    """The whole parse; a report the parser finds is not a letter is refused after its lines are read."""
    refused = 0
    for path in paths:
        try:
            parse_path(path)
        except InputError:
            refused += 1
    return refused


def pdfium_chars(paths: list[Path]) -> None:
    """What a pypdfium2 user writes for characters with positions and sizes."""
    for path in paths:
        document = pdfium.PdfDocument(path)
        for page in document:
            textpage = page.get_textpage()
            count = textpage.count_chars()
            text = textpage.get_text_range()
            boxes = [textpage.get_charbox(i, loose=True) for i in range(count)]
            sizes = [pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in range(count)]
            assert len(boxes) == len(sizes) and text is not None
            textpage.close()
            page.close()
        document.close()


def pdfium_text(paths: list[Path]) -> None:
    for path in paths:
        document = pdfium.PdfDocument(path)
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        document.close()


def pdftotext(paths: list[Path]) -> None:
    assert PDFTOTEXT
    for path in paths:
        subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True)


def table(label: str, paths: list[Path], repeat: int, with_pypdf: bool, targets: bool = False) -> None:
    pages = pages_of(paths)
    base = best_of(lambda: pdfium_chars(paths), repeat)
    refused = ours_parse(paths)
    parse_label = "un-reader parse" + (f" ({refused} not a letter)" if refused else " (lines + parser)")
    rows: list[tuple[str, float]] = [
        (f"un-reader lines ({engine_name()})", best_of(lambda: ours(paths), repeat)),
        (parse_label, best_of(lambda: ours_parse(paths), repeat)),
        ("pypdfium2 per-character (baseline)", base),
        ("pypdfium2 plain text", best_of(lambda: pdfium_text(paths), repeat)),
    ]
    if PDFTOTEXT:
        rows.append(("pdftotext -layout (a process a file)", best_of(lambda: pdftotext(paths), repeat)))
    if with_pypdf:
        os.environ[ENGINE_VARIABLE] = "pypdf"
        rows.append(("un-reader lines (pypdf fallback)", best_of(lambda: ours(paths), 1)))
        del os.environ[ENGINE_VARIABLE]
    print(f"\n{label}: {len(paths)} files, {pages} pages")
    print(f"{'':<44} {'ms/page':>8} {'x baseline':>11} {'x pdftotext':>12}")
    poppler = dict(rows).get("pdftotext -layout (a process a file)")
    for name, seconds in rows:
        versus = f"{seconds / poppler:11.2f}" if poppler else f"{'-':>11}"
        print(f"{name:<44} {seconds / pages * 1000:8.2f} {seconds / base:11.2f} {versus:>12}")
    if targets:
        lines = rows[0][1]
        check(f"PDF lines, {label}, against pypdfium2 per-character", lines / base, 2)
        if poppler:
            check(f"PDF lines, {label}, against pdftotext -layout", lines / poppler, 3)


# VmHWM: ru_maxrss survives exec on Linux, so a child of this (large) process would report ours
PEAK_KB = """
try:
    print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")))
except OSError:
    import resource
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
PEAK_OURS = """
import sys, pathlib
sys.path.insert(0, {root!r})
from reader.formats.load import load_path
load_path(pathlib.Path({path!r}))
"""
PEAK_PDFIUM = """
import pypdfium2 as pdfium, pypdfium2.raw as pdfium_c
document = pdfium.PdfDocument({path!r})
for page in document:
    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range()
    boxes = [textpage.get_charbox(i, loose=True) for i in range(count)]
    sizes = [pdfium_c.FPDFText_GetFontSize(textpage.raw, i) for i in range(count)]
"""


def peak_mb(code: str, path: Path) -> float:
    """The peak resident memory of a fresh interpreter running ``code`` on ``path``."""
    source = code.format(root=str(ROOT), path=str(path)) + PEAK_KB
    run = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, check=True)
    return int(run.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pypdf", action="store_true", help="also time the pypdf fallback (slow)")
    parser.add_argument("--documents", type=Path, default=DOCUMENTS)
    args = parser.parse_args()
    poppler = PDFTOTEXT or "not installed (apt-get install poppler-utils)"
    print(f"engine: {engine_name()}; pdftotext: {poppler}")
    table("fixture letters", sorted(LETTERS.glob("*.pdf")), 3, args.pypdf, targets=True)
    reports = sorted(args.documents.glob("*.pdf")) if args.documents.is_dir() else []
    if reports:
        largest = max(reports, key=lambda p: (pages_of([p]), p.stat().st_size))
        table(f"largest report {largest.name}", [largest], 3, args.pypdf)
        print(
            f"\npeak memory reading {largest.name} in a fresh process: un-reader "
            f"{peak_mb(PEAK_OURS, largest):.1f} MB, pypdfium2 per-character "
            f"{peak_mb(PEAK_PDFIUM, largest):.1f} MB"
        )


if __name__ == "__main__":
    main()
