"""Time to first screen: the largest report in tests/fixtures/documents against the seed letter, one run.

The brief's question: does the largest report need progressive parsing (show the first screen before
the whole parse is done)? The rule: only if its parse takes 300 ms or more. The largest report among
the fixtures' PDFs is under 40 pages; the largest of all is E/ICEF/672 (Part II), 45 pages, 130 KB in
`pdftotext` text form (its PDF is not among the fixtures), so that text form is measured, and its
`-layout` form beside it; its PDF too when ../shared/documents is there.

Rows, interleaved so every row sees the same load on this shared machine:
  parse        the parser alone on the file (`parse_path`)
  first paint  from `ReaderApp(...)` to the first screen write (headless, 120x40): the "Loading" screen
  text shown   to the first screen write after the parsed document was put into the panes
Best and median of REPEAT runs, in ms, and each row's ratio to the seed letter's.
Run: .venv/bin/python benchmarks/documents_app_bench.py  (about 20 s)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from paint_clock import PaintClock  # noqa: E402

from reader.app.app import ReaderApp  # noqa: E402
from reader.app.history import Location  # noqa: E402
from reader.parser import parse_path  # noqa: E402

DOCUMENTS = ROOT / "tests" / "fixtures" / "documents"
SEED = ROOT / "seeds" / "letter_2021-02-08_azerbaijan.txt"
FILES = {
    "seed letter": SEED,
    "E/ICEF/672 (Part II) text": DOCUMENTS / "text" / "E_ICEF_672_PartII.txt",
    "E/ICEF/672 (Part II) layout": DOCUMENTS / "layout" / "E_ICEF_672_PartII.txt",
    "A/80/21 text (largest clean report)": DOCUMENTS / "text" / "A_80_21.txt",
}
SHARED_PDF = next(
    (
        base / "shared" / "documents" / "pdf" / "E_ICEF_672_PartII.pdf"
        for base in (ROOT.parent, ROOT.parent.parent)  # a checkout, or a worktree beside it
        if (base / "shared" / "documents" / "pdf" / "E_ICEF_672_PartII.pdf").is_file()
    ),
    None,
)
if SHARED_PDF is not None:  # not a fixture (1.4 MB): measured when ../shared is there, for the record
    FILES["E/ICEF/672 (Part II) pdf (../shared)"] = SHARED_PDF
REPEAT = 5
PROGRESSIVE_FROM = 0.300  # seconds of parse from which progressive parsing would be built


class TimedReader(ReaderApp):
    """Notes when the parsed document was put into the panes; the next screen write shows it."""

    filled_at = 0.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reader = self.reader
        show = reader.show_letter

        def show_letter(key: str, restore: Location | None = None) -> None:
            show(key, restore)
            if reader.shown_letter is not None and not self.filled_at:
                self.filled_at = time.perf_counter()

        reader.show_letter = show_letter  # type: ignore[method-assign]


async def first_screen(path: Path) -> tuple[float, float]:
    start = time.perf_counter()
    app = TimedReader([path])
    clock = PaintClock(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while app.reader.shown_letter is None and app.reader.pending:
            await asyncio.sleep(0.001)
        await pilot.pause()
        assert app.reader.shown_letter is not None, f"{path.name} did not open"
        painted = clock.first - start
        shown = min(t for t in clock.times if t >= app.filled_at) - start
        return painted, shown


def parse_seconds(path: Path) -> float:
    start = time.perf_counter()
    parse_path(path)
    return time.perf_counter() - start


def row(values: list[float], base: list[float]) -> str:
    best, median = min(values), statistics.median(values)
    return f"{best * 1000:8.1f} {median * 1000:8.1f} {median / statistics.median(base):7.1f}x"


async def main() -> None:
    results: dict[str, dict[str, list[float]]] = {
        name: {"parse": [], "paint": [], "shown": []} for name in FILES
    }
    for path in FILES.values():  # warm: imports, the first parse's regex compiles
        parse_seconds(path)
    for _ in range(REPEAT):
        for name, path in FILES.items():
            results[name]["parse"].append(parse_seconds(path))
            paint, shown = await first_screen(path)
            results[name]["paint"].append(paint)
            results[name]["shown"].append(shown)
    seed = results["seed letter"]
    print(f"{'':50} {'best':>8} {'median':>8} {'/seed':>8}   (ms)")
    for name, rows in results.items():
        for label, key in (("parse", "parse"), ("first paint", "paint"), ("text shown", "shown")):
            print(f"{name + ' ' + label:50} {row(rows[key], seed[key])}")
    largest = statistics.median(results["E/ICEF/672 (Part II) text"]["parse"])
    verdict = "needed" if largest >= PROGRESSIVE_FROM else "not needed"
    print(f"largest report parse {largest * 1000:.0f} ms: progressive parsing {verdict} (threshold 300 ms)")


if __name__ == "__main__":
    asyncio.run(main())
