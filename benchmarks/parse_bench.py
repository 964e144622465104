"""Parse throughput: `parse` on the seed and on real letters in every form, `find` over the 42 texts.

Figures are relative to a baseline measured in the same run (reading and decoding the same bytes),
so a slow machine shows up in both columns instead of hiding a regression.
Run: .venv/bin/python benchmarks/parse_bench.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # pdf_bench, beside this file

from pdf_bench import PDFTOTEXT, pdfium_chars, pdftotext  # noqa: E402

from reader import symbols  # noqa: E402
from reader.formats.load import decode_text  # noqa: E402
from reader.formats.pdf import engine_name  # noqa: E402
from reader.parser import parse_path  # noqa: E402

LETTERS = ROOT / "tests" / "fixtures" / "letters"
SEED = ROOT / "seeds" / "letter_2021-02-08_azerbaijan.txt"


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def row(name: str, size_mb: float, seconds: float, baseline: float, unit: str = "MB/s") -> None:
    rate = size_mb / seconds if seconds else float("inf")
    print(f"{name:<34} {rate:10.2f} {unit:<8} {seconds * 1000:9.1f} ms   baseline x{seconds / baseline:8.1f}")


def main() -> None:
    print(f"{'measure':<34} {'rate':>10} {'':<8} {'time':>9}      vs read+decode")
    seed = [SEED]
    base = best_of(lambda: [decode_text(p.read_bytes(), str(p)) for p in seed], 50)
    row("parse seed (markdown)", mb(seed), best_of(lambda: parse_path(SEED), 50), base)

    for form in ("text", "layout"):
        files = sorted((LETTERS / form).glob("*.txt"))
        base = best_of(lambda files=files: [decode_text(p.read_bytes(), str(p)) for p in files])
        row(
            f"parse 42 letters ({form})",
            mb(files),
            best_of(lambda files=files: [parse_path(p) for p in files]),
            base,
        )

    texts_paths = sorted((LETTERS / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in texts_paths]
    size = sum(len(t.encode()) for t in texts) / 1e6
    base = best_of(lambda: [t.split() for t in texts])
    row("symbols.find on 42 texts", size, best_of(lambda: [symbols.find(t, "p1") for t in texts]), base)

    pdfs = sorted((LETTERS / "pdf").glob("*.pdf"))
    per_page = []
    start = time.perf_counter()
    pages = 0
    for pdf in pdfs:
        t0 = time.perf_counter()
        letter = parse_path(pdf)
        per_page.append((time.perf_counter() - t0) / max(letter.pages, 1))
        pages += letter.pages
    total = time.perf_counter() - start
    plain = best_of(lambda: pdfium_chars(pdfs), 3)  # baseline: PDFium's own per-character extraction
    print(f"baseline: pypdfium2 per-character extraction = {plain / pages * 1000:.1f} ms/page")
    if PDFTOTEXT:
        poppler = best_of(lambda: pdftotext(pdfs), 3)
        print(f"baseline: pdftotext -layout, a process a file = {poppler / pages * 1000:.1f} ms/page")
    print(
        f"parse 42 PDFs ({engine_name()}): {pages} pages in {total:.2f} s "
        f"= {total / pages * 1000:.1f} ms/page "
        f"(median {statistics.median(per_page) * 1000:.1f}, max {max(per_page) * 1000:.1f} ms/page)"
        f"; x{total / plain:.2f} the per-character baseline"
    )
    text_times = [best_of(lambda p=p: parse_path(p), 3) for p in texts_paths]
    print(
        f"parse per text file: median {statistics.median(text_times) * 1000:.2f} ms, "
        f"max {max(text_times) * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
