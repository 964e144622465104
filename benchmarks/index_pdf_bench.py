"""Cold index of a folder of real PDFs against `pdftotext -layout` run on each file (issue 14: <= 5x).

The fixture PDFs (tests/fixtures/letters/pdf and tests/fixtures/documents/pdf) are copied to a temp
folder; `un-reader index FOLDER` runs as a user runs it (a fresh process, a fresh cache folder each
time, so nothing is warm) and `pdftotext -layout FILE OUT` runs once per file, in the same sitting;
each figure is the median of three. Without poppler-utils the comparison says "skipped".
Run: .venv/bin/python benchmarks/index_pdf_bench.py [--repeat 3] [--letters-only]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from targets import check

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "tests" / "fixtures" / "letters" / "pdf", ROOT / "tests" / "fixtures" / "documents" / "pdf")
TARGET = 5.0


def copy_pdfs(into: Path, folders: tuple[Path, ...]) -> list[Path]:
    copied: list[Path] = []
    for folder in folders:
        for path in sorted(folder.glob("*.pdf")):
            target = into / f"{folder.parent.name}-{path.name}"
            shutil.copyfile(path, target)
            copied.append(target)
    return copied


def time_index(folder: Path, scratch: Path, summary: list[str]) -> float:
    """One cold `un-reader index` in a fresh process with a cache folder of its own."""
    cache = Path(tempfile.mkdtemp(dir=scratch, prefix="cache-"))
    env = {**os.environ, "UN_READER_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "reader", "index", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"un-reader index failed ({run.returncode}): {run.stderr.strip()}")
    shutil.rmtree(cache, ignore_errors=True)
    summary[:] = [run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""]
    return elapsed


def time_pdftotext(pdftotext: str, files: list[Path], scratch: Path) -> float:
    out = scratch / "out.txt"
    start = time.perf_counter()
    for path in files:
        subprocess.run([pdftotext, "-layout", str(path), str(out)], check=False, capture_output=True)
    return time.perf_counter() - start


def time_python_start() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--letters-only", action="store_true", help="only the 42 letters (one process, no workers)"
    )
    args = ap.parse_args()
    pdftotext = shutil.which("pdftotext")
    folders = FOLDERS[:1] if args.letters_only else FOLDERS
    with tempfile.TemporaryDirectory(prefix="unr-index-pdf-") as tmp:
        scratch = Path(tmp)
        folder = scratch / "pdfs"
        folder.mkdir()
        files = copy_pdfs(folder, folders)
        size = sum(p.stat().st_size for p in files) / 1e6
        print(
            f"{len(files)} PDFs ({size:.1f} MB) from {', '.join(str(f.relative_to(ROOT)) for f in folders)}"
        )
        ours: list[float] = []
        theirs: list[float] = []
        start: list[float] = []
        summary: list[str] = []
        for _ in range(args.repeat):  # interleaved, so a busy moment of the machine falls on both
            ours.append(time_index(folder, scratch, summary))
            if pdftotext:
                theirs.append(time_pdftotext(pdftotext, files, scratch))
            start.append(time_python_start())
    index_s = statistics.median(ours)
    print(f"un-reader says: {summary[0] if summary else '?'}")
    print(f"{'un-reader index (cold)':<34} {index_s:8.2f} s   median of {args.repeat}")
    print(f"{'python -c pass (process start)':<34} {statistics.median(start):8.2f} s")
    if not theirs:
        print("pdftotext -layout per file: skipped (pdftotext is not installed; poppler-utils has it)")
        return 0
    base = statistics.median(theirs)
    ratio = index_s / base
    print(f"{'pdftotext -layout, each file':<34} {base:8.2f} s   median of {args.repeat}")
    check(f"cold index of {len(files)} real PDFs against pdftotext -layout on each file", ratio, TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
