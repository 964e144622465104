"""Fetch benchmark: one fetch, and `fetch --cited-by` on a letter citing 20 documents, each beside the
loopback server's own response time measured in the same run.

The server is the tests' stand-in for the UN's (tests/library/fetch_server.py: same query shape,
answers from the fixture PDFs), on 127.0.0.1, so the network is not measured, only what un-reader
adds: the request, reading and checking the body, the atomic write, the pending list, the rate
limiter's stamp file. The baseline is a bare urllib GET of the same URL with the body read.

`--cited-by` runs the command's own code in this process with the real 2 s rate limit (so it takes
about 40 s); what is reported is the part that is not rate-limit waiting.

    python benchmarks/fetch_bench.py [--repeat 20] [--interval 2.0]
"""

from __future__ import annotations

import argparse
import io
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
sys.path.insert(0, str(ROOT / "tests" / "library"))

WORK = Path(tempfile.mkdtemp(prefix="unr-fetch-bench-"))
os.environ["UN_READER_DATA_DIR"] = str(WORK / "data")
os.environ["UN_READER_CACHE_DIR"] = str(WORK / "cache")
os.environ["UN_READER_CONFIG"] = str(WORK / "config.yaml")
for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
    os.environ.pop(name, None)

from fetch_server import PDFS, Server  # noqa: E402

from reader.library import fetch as fetch_module  # noqa: E402
from reader.library.documents_store import DocumentStore  # noqa: E402
from reader.library.fetch import Fetcher, FetchResult  # noqa: E402
from reader.library.fetch_command import fetch_command  # noqa: E402
from reader.urls import source_url  # noqa: E402

LETTER = ROOT / "tests" / "fixtures" / "letters" / "text" / "S_2025_311.txt"
PLAIN = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def bare_get(url: str) -> float:
    started = time.perf_counter()
    with PLAIN.open(url, timeout=30) as response:
        response.read()
    return time.perf_counter() - started


def one_fetch(server: Server, repeat: int) -> dict[str, float]:
    symbol = "S/2025/141"
    url = source_url(server.template, symbol, "en")
    bare, ours = [], []
    for i in range(repeat):
        bare.append(bare_get(url))
        store = DocumentStore(WORK / f"one-{i}")
        fetcher = Fetcher(store, source=server.template, interval=0.0)
        started = time.perf_counter()
        result = fetcher.fetch(symbol, "en")
        ours.append(time.perf_counter() - started)
        assert result.outcome == "fetched", result
    return {"bare": statistics.median(bare), "fetch": statistics.median(ours)}


def letter_citing_20() -> Path:
    """S/2025/311 with its first citation widened to 17 more letters: 20 documents, 2 of them unknown
    to the server (S/RES/2719 (2023), S/PV.9884), as in real letters."""
    others = [p.stem.replace("_", "/") for p in sorted(PDFS.glob("*.pdf")) if p.stem != "S_2025_311"][:17]
    text = LETTER.read_text(encoding="utf-8").replace("(S/2025/141).", "(" + ", ".join(others) + ").", 1)
    path = WORK / "letter-citing-20.txt"
    path.write_text(text, encoding="utf-8")
    return path


def cited_by(server: Server, interval: float) -> dict[str, Any]:
    from reader.library.fetch import cited_symbols, fetchable
    from reader.parser import parse_path

    os.environ["UN_READER_DOCUMENT_SOURCE"] = server.template  # as a user points at a mirror
    letter = letter_citing_20()
    symbols = cited_symbols(parse_path(letter))
    bare = sum(bare_get(source_url(server.template, fetchable(s)[1], "en")) for s in symbols)
    results: list[FetchResult] = []
    original = Fetcher.fetch

    def recording(self: Fetcher, *args: Any, **kwargs: Any) -> FetchResult:
        result = original(self, *args, **kwargs)
        results.append(result)
        return result

    fetch_module.REQUEST_INTERVAL = interval
    Fetcher.fetch = recording  # type: ignore[method-assign]
    out = io.StringIO()
    try:
        started = time.perf_counter()
        code = fetch_command([], cited_by=letter, out=out, err=io.StringIO())
        wall = time.perf_counter() - started
        again_started = time.perf_counter()
        fetch_command([], cited_by=letter, out=io.StringIO(), err=io.StringIO())  # resumed: all there
        again = time.perf_counter() - again_started
    finally:
        Fetcher.fetch = original  # type: ignore[method-assign]
    first = results[: len(symbols)]
    waited = sum(r.waited for r in first)
    return {
        "documents": len(symbols),
        "fetched": sum(r.outcome == "fetched" for r in first),
        "not available": sum(r.outcome == "not available" for r in first),
        "exit": code,
        "wall": wall,
        "waited": waited,
        "working": wall - waited,
        "bare": bare,
        "again": again,
        "last line": out.getvalue().splitlines()[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--interval", type=float, default=fetch_module.REQUEST_INTERVAL)
    args = parser.parse_args()
    server = Server().start()
    try:
        one = one_fetch(server, args.repeat)
        size = (PDFS / "S_2025_141.pdf").stat().st_size
        print(f"one fetch of S/2025/141 ({size / 1024:.0f} KB), median of {args.repeat}:")
        print(f"  bare urllib GET (the server's response time): {one['bare'] * 1000:7.2f} ms")
        print(
            f"  Fetcher.fetch (request, checks, atomic write): {one['fetch'] * 1000:7.2f} ms"
            f"  (+{(one['fetch'] - one['bare']) * 1000:.2f} ms, x{one['fetch'] / one['bare']:.2f})"
        )
        many = cited_by(server, args.interval)
        n = many["documents"]
        print(f"fetch --cited-by a letter citing {n} documents, rate limit {args.interval:g} s:")
        print(f"  {many['last line']} (exit {many['exit']})")
        print(f"  wall {many['wall']:.2f} s, of which waiting for the rate limit {many['waited']:.2f} s")
        print(
            f"  not waiting: {many['working']:.3f} s ({many['working'] / n * 1000:.1f} ms a document,"
            f" parsing the letter included)"
        )
        print(f"  bare urllib GETs of the same {n} URLs, back to back: {many['bare']:.3f} s")
        print(
            f"  run again (resumed: fetched documents skipped, the {many['not available']} not available"
            f" asked again): {many['again']:.3f} s"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
