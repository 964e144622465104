"""`F` in the app: time from the key to the fetched document on screen, beside the loopback server's
own response time measured in the same run.

The app opens A/79/818 (fixture text), selects its reference to A/79/798-S/2025/110 and presses `F`;
the tests' loopback server (tests/library/fetch_server.py) answers from the fixture PDF (160 KB).
Each round starts with the document not stored, so every `F` makes a request, downloads, stores,
parses the PDF and shows it. Reported, best and median:

- server: a bare urllib GET of the same URL, body read (what the network part costs at best);
- fetch: `Fetcher.fetch` alone (request, checks, atomic write, pending list, rate-limit stamp);
- parse: `parse_path` of the stored PDF;
- F -> shown: from the key to the first screen update after the fetched letter was put on screen;
- F (stored) -> shown: the same when the document is already stored (no request).

The rate limit is set to 0 s here: the real 2 s applies between two requests, not to one `F`.

    python benchmarks/fetch_app_bench.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

WORK = Path(tempfile.mkdtemp(prefix="unr-fetch-app-bench-"))
os.environ["UN_READER_DATA_DIR"] = str(WORK / "data")
os.environ["UN_READER_CACHE_DIR"] = str(WORK / "cache")
os.environ["UN_READER_CONFIG"] = str(WORK / "config.yaml")
for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
    os.environ.pop(name, None)

from paint_clock import PaintClock  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from reader.app.app import ReaderApp  # noqa: E402
from reader.library.documents_store import documents_dir  # noqa: E402
from reader.library.fetch import Fetcher  # noqa: E402
from reader.parser import parse_path  # noqa: E402
from reader.urls import source_url  # noqa: E402
from tests.library.fetch_server import Server  # noqa: E402

CITING = ROOT / "tests" / "fixtures" / "letters" / "text" / "A_79_818-S_2025_156.txt"
SYMBOL = "A/79/798-S/2025/110"
PLAIN = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def clear_store() -> None:
    for path in documents_dir().glob("*.pdf"):
        path.unlink()


def bare_get(url: str) -> float:
    started = time.perf_counter()
    with PLAIN.open(url, timeout=30) as response:
        response.read()
    return time.perf_counter() - started


def timed(function: Any) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def select(app: ReaderApp) -> None:
    body = app.reader.pane("body")
    for index, mark in enumerate(body.marks):
        if mark.reference is not None and mark.reference.symbol == SYMBOL:
            body.select(index)
            return
    raise SystemExit(f"no reference to {SYMBOL} in {CITING.name}: has the parser changed?")


async def press_f(pilot: Pilot[int], app: ReaderApp, clock: PaintClock) -> float:
    """Seconds from F to the first screen update after the fetched letter was shown."""
    shown: list[float] = []
    original = app.reader._show_fetched

    def show(*args: Any) -> None:
        original(*args)
        shown.append(time.perf_counter())

    app.reader._show_fetched = show  # type: ignore[method-assign]
    clock.times.clear()
    started = time.perf_counter()
    app.reader.action_fetch_document()
    while not shown or not any(t >= shown[0] for t in clock.times):
        await pilot.pause(0.001)
        if time.perf_counter() - started > 60:
            raise SystemExit("the fetch did not finish in 60 s")
    app.reader._show_fetched = original  # type: ignore[method-assign]
    letter = app.reader.shown_letter
    assert letter is not None and letter.symbols == ("A/79/798", "S/2025/110"), letter
    return next(t for t in clock.times if t >= shown[0]) - started


async def app_rounds(repeat: int) -> tuple[list[float], list[float]]:
    app = ReaderApp([CITING], library=[])
    app.reader.fetching.interval = 0.0
    clock = PaintClock(app)
    fresh: list[float] = []
    stored: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(repeat):
            clear_store()
            select(app)
            await pilot.pause()
            fresh.append(await press_f(pilot, app, clock))
            await app.workers.wait_for_complete()  # the library's refresh of the documents folder
            app.reader.action_go_back()
            select(app)
            await pilot.pause()
            stored.append(await press_f(pilot, app, clock))
            await app.workers.wait_for_complete()
            app.reader.action_go_back()
            await pilot.pause()
    return fresh, stored


def row(name: str, values: list[float]) -> str:
    return f"{name:<34} {min(values) * 1000:8.1f} {statistics.median(values) * 1000:8.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    server = Server().start()
    os.environ["UN_READER_DOCUMENT_SOURCE"] = server.template
    try:
        url = source_url(server.template, "A/79/798", "en")
        bare = [bare_get(url) for _ in range(args.repeat)]
        fetcher = Fetcher(interval=0.0)
        fetches: list[float] = []
        for _ in range(args.repeat):
            clear_store()
            fetches.append(timed(lambda: fetcher.fetch(SYMBOL, "en")))
        stored_pdf = documents_dir() / "A_79_798.en.pdf"
        size = stored_pdf.stat().st_size
        parses = [timed(lambda: parse_path(stored_pdf)) for _ in range(args.repeat)]
        fresh, stored = asyncio.run(app_rounds(args.repeat))
    finally:
        server.stop()
    print(f"F -> fetched document on screen ({SYMBOL}, {size // 1024} KB PDF, loopback, rate limit 0 s)")
    print(f"{'(ms)':<34} {'best':>8} {'median':>8}")
    print(row("server: bare GET, body read", bare))
    print(row("Fetcher.fetch (not stored)", fetches))
    print(row("parse_path of the PDF", parses))
    print(row("F -> shown (not stored)", fresh))
    print(row("F -> shown (already stored)", stored))
    overhead = statistics.median(fresh) - statistics.median(fetches) - statistics.median(parses)
    print(f"app's own part of F (median F - fetch - parse): {overhead * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
