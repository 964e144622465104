"""Parse throughput on real non-letter documents (../shared/documents, else the test fixtures), per form.

MB/s and ms/page of `parse_path`, against a baseline measured in the same run: a plain read and
decode of the same files (text forms) or pypdf's own `extract_text()` on the same PDFs, so a slow or
busy machine shows in both columns. Also the largest document alone (first-screen cost today: the
whole parse). Keeps under a minute on a shared machine: one pass for the PDFs, best of 2 otherwise.
Run: .venv/bin/python benchmarks/documents_bench.py [--pdf-limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from reader.formats.load import decode_text  # noqa: E402
from reader.parser import parse_path  # noqa: E402

SHARED = ROOT.parent.parent / "shared" / "documents"
CORPUS = SHARED if SHARED.is_dir() else ROOT / "tests" / "fixtures" / "documents"


def best_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def row(name: str, size: int, pages: int, seconds: float, baseline: float) -> None:
    rate = size / 1e6 / seconds
    per_page = seconds * 1000 / pages
    print(
        f"{name:<34} {rate:8.2f} MB/s {per_page:8.2f} ms/page {seconds:8.2f} s"
        f"   baseline x{seconds / baseline:7.1f}"
    )


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--pdf-limit", type=int, default=20, help="smallest N PDFs (pypdf is slow)")
    ns = args.parse_args()
    print(f"corpus: {CORPUS}")
    for form in ("text", "layout"):
        files = sorted((CORPUS / form).glob("*.txt"))
        size = sum(p.stat().st_size for p in files)
        pages = sum(p.read_text(encoding="utf-8").count("\f") + 1 for p in files)
        base = best_of(lambda files=files: [decode_text(p.read_bytes(), str(p)) for p in files], 3)
        row(f"read+decode {len(files)} ({form})", size, pages, base, base)
        row(
            f"parse {len(files)} ({form})",
            size,
            pages,
            best_of(lambda files=files: [parse_path(p) for p in files], 2),
            base,
        )
    pdfs = sorted((CORPUS / "pdf").glob("*.pdf"), key=lambda p: p.stat().st_size)[: ns.pdf_limit]
    size = sum(p.stat().st_size for p in pdfs)
    pages = sum(len(PdfReader(p).pages) for p in pdfs)
    base = best_of(lambda: [[pg.extract_text() for pg in PdfReader(p).pages] for p in pdfs], 1)
    row(f"pypdf extract_text {len(pdfs)} (pdf)", size, pages, base, base)
    row(f"parse {len(pdfs)} (pdf)", size, pages, best_of(lambda: [parse_path(p) for p in pdfs], 1), base)
    largest = max((CORPUS / "layout").glob("*.txt"), key=lambda p: p.stat().st_size)
    pages = largest.read_text(encoding="utf-8").count("\f") + 1
    base = best_of(lambda: decode_text(largest.read_bytes(), str(largest)), 3)
    row(
        f"largest: {largest.stem} (layout)",
        largest.stat().st_size,
        pages,
        best_of(lambda: parse_path(largest), 2),
        base,
    )


if __name__ == "__main__":
    main()
