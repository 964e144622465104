"""Library benchmark: cold index, warm re-open, search, cited-by, memory and index size at several sizes.

Each figure comes with a baseline measured in the same run on the same files, so a slow machine (or a
busy one: CPU seconds are reported beside wall seconds) does not hide how the library itself scales:

- cold index vs. a plain read of every file and vs. the parser alone (sampled, per letter);
- warm re-open vs. Python start-up importing the library, and vs. a plain `stat` of every file;
- peak memory: the largest resident set of the `un-reader index` process tree, sampled from /proc
  (workers included), and the main process's own maximum from getrusage.

    python benchmarks/library_bench.py --sizes 1000 10000 [--work /tmp/unr-bench] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

QUERIES = (
    "humanitarian situation",
    '"verification mechanism"',
    "Kazakhstan Timbuktu",
    "demin*",
    "resolution 2231",
    "xylophone",
)
PYTHON = sys.executable


def _tree(root: int, cpu: dict[int, float]) -> int:
    """Resident bytes of a process and all its descendants (workers, the fork server); their CPU
    seconds so far go into ``cpu`` (workers are not children of the command, so getrusage misses them)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            pid, ppid, pages = int(entry), int(fields[1]), int(fields[21])
            used = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * os.sysconf("SC_PAGE_SIZE")
        ticks[pid] = used
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        cpu[pid] = max(cpu.get(pid, 0.0), ticks.get(pid, 0.0))
        stack.extend(children.get(pid, []))
    return total


def measure(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a command; wall and CPU seconds, the tree's peak RSS (sampled) and the process's own maxrss."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = subprocess.Popen(
        command, env=env, cwd=env.get("PYTHONPATH", ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    peak = 0
    stop = threading.Event()
    cpu: dict[int, float] = {}

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree(process.pid, cpu))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {err.decode()[-2000:]}")
    return {
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "tree_cpu": sum(cpu.values()),  # sampled every 50 ms: the last moments of each process are missed
        "peak_tree_mb": peak / 2**20,
        "maxrss_mb": after.ru_maxrss / 1024,  # the largest waited-for child so far (KiB on Linux)
        "stdout": out.decode(),
    }


def probe(folder: Path) -> dict[str, Any]:
    """In-process timings on a warm index: open, list, search, cited-by, resolve."""
    started = time.perf_counter()
    from reader.library import Library

    imported = time.perf_counter() - started
    begin, clock = time.perf_counter(), time.process_time()
    library = Library.open([folder])
    opened = time.perf_counter() - begin
    result: dict[str, Any] = {
        "import_s": imported,
        "open_s": opened,
        "open_cpu_s": time.process_time() - clock,
        "letters": len(library),
    }

    begin = time.perf_counter()
    listing = library.letters()
    first, last = listing[0], listing[len(listing) - 1]
    result["list_all_ms"] = (time.perf_counter() - begin) * 1000
    assert first and last
    begin = time.perf_counter()
    filtered = library.letters("kazakhstan", sort="symbol")
    _ = filtered[0] if len(filtered) else None
    result["list_filter_ms"] = (time.perf_counter() - begin) * 1000

    searches: dict[str, float] = {}
    search_cpu: dict[str, float] = {}
    hits: dict[str, int] = {}
    for query in QUERIES:
        runs, cpu = [], []
        for _ in range(7):
            begin, clock = time.perf_counter(), time.process_time()
            found = library.search(query, limit=20)
            runs.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.process_time() - clock) * 1000)
        searches[query] = statistics.median(runs)
        search_cpu[query] = statistics.median(cpu)
        hits[query] = len(found)
    result["search_ms"] = searches
    result["search_cpu_ms"] = search_cpu
    result["search_hits"] = hits

    rng = random.Random(7)
    sample = [listing[rng.randrange(len(listing))] for _ in range(60)]
    cited, cited_cpu, resolved, counts = [], [], [], []
    for entry in sample:
        begin, clock = time.perf_counter(), time.process_time()
        citations = library.cited_by(entry.symbols)
        cited.append((time.perf_counter() - begin) * 1000)
        cited_cpu.append((time.process_time() - clock) * 1000)
        counts.append(len(citations))
        begin = time.perf_counter()
        library.resolve(entry.symbols[0])
        resolved.append((time.perf_counter() - begin) * 1000)
    result["cited_by_ms"] = {"median": statistics.median(cited), "max": max(cited)}
    result["cited_by_cpu_ms"] = {"median": statistics.median(cited_cpu), "max": max(cited_cpu)}
    result["cited_by_citations"] = {"median": statistics.median(counts), "max": max(counts)}
    result["resolve_ms"] = {"median": statistics.median(resolved), "max": max(resolved)}
    library.close()
    return result


def baseline_read(folder: Path) -> dict[str, float]:
    from reader.library.scan import walk

    begin = time.perf_counter()
    stats = list(walk(folder))
    statted = time.perf_counter() - begin
    begin = time.perf_counter()
    size = sum(len(Path(s.path).read_bytes()) for s in stats)
    read = time.perf_counter() - begin
    from reader.parser import parse_path

    sample = stats[:: max(1, len(stats) // 200)]
    begin = time.perf_counter()
    for stat in sample:
        parse_path(stat.path)
    parse_ms = (time.perf_counter() - begin) * 1000 / len(sample)
    return {"stat_s": statted, "read_s": read, "bytes_mb": size / 2**20, "parse_ms_per_letter": parse_ms}


def snapshot(work: Path) -> Path:
    """A copy of the code under test: the tree may change while a long run goes on, and a changed
    parser would (rightly) make the warm re-open rebuild the index."""
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    shutil.copytree(ROOT / "reader", code / "reader", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "benchmarks", code / "benchmarks", ignore=shutil.ignore_patterns("__pycache__"))
    return code


def run_size(n: int, work: Path, code: Path) -> dict[str, Any]:
    from synth import write_library

    folder = work / f"letters_{n}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        begin = time.perf_counter()
        write_library(folder, n)
        marker.write_text("ok")
        print(f"  generated {n} letters in {time.perf_counter() - begin:.1f} s", file=sys.stderr)
    cache = work / f"cache_{n}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {
        **os.environ,
        "UN_READER_CACHE_DIR": str(cache),
        "UN_READER_DATA_DIR": str(work / "data"),
        "UN_READER_CONFIG": str(work / "config.yaml"),
        "PYTHONPATH": str(code),
    }
    result: dict[str, Any] = {"n": n}
    bench = str(code / "benchmarks" / "library_bench.py")
    base = measure([PYTHON, bench, "--baseline", str(folder)], env)
    result["baseline"] = json.loads(base["stdout"])
    start = measure([PYTHON, "-c", "import reader.library.cli"], env)
    result["python_start_s"] = start["wall"]
    cold = measure([PYTHON, "-m", "reader", "index", str(folder)], env)
    result["cold"] = {k: v for k, v in cold.items() if k != "stdout"}
    warm = measure([PYTHON, "-m", "reader", "index", str(folder)], env)
    result["warm_cli"] = {k: v for k, v in warm.items() if k != "stdout"}
    probed = measure([PYTHON, bench, "--probe", str(folder)], env)
    result["probe"] = json.loads(probed["stdout"])
    result["probe_peak_tree_mb"] = probed["peak_tree_mb"]
    result["index_mb"] = sum(p.stat().st_size for p in (cache / "index").iterdir()) / 2**20
    return result


def report(results: list[dict[str, Any]]) -> str:
    lines = [
        "| letters | files (MB) | plain read all (s) | parser alone (ms/letter) | cold index wall (s) "
        "| cold index CPU, all processes (s) | warm open wall / CPU (s) | plain stat all (s) "
        "| warm `un-reader index` wall (s) | python start + import (s) | search median/max wall (ms) "
        "| search median/max CPU (ms) | cited-by median/max wall (ms) | cited-by median/max CPU (ms) "
        "| resolve median (ms) | list all 1st+last row (ms) | peak RSS, process tree (MB) | index (MB) |",
        "|" + "---|" * 18,
    ]
    for r in results:
        p = r["probe"]
        wall = list(p["search_ms"].values())
        cpu = list(p["search_cpu_ms"].values())
        lines.append(
            f"| {r['n']:,} | {r['baseline']['bytes_mb']:.0f} | {r['baseline']['read_s']:.2f} "
            f"| {r['baseline']['parse_ms_per_letter']:.2f} | {r['cold']['wall']:.1f} "
            f"| {r['cold']['tree_cpu']:.1f} | {p['open_s']:.3f} / {p['open_cpu_s']:.3f} "
            f"| {r['baseline']['stat_s']:.3f} | {r['warm_cli']['wall']:.2f} | {r['python_start_s']:.2f} "
            f"| {statistics.median(wall):.1f} / {max(wall):.1f} "
            f"| {statistics.median(cpu):.1f} / {max(cpu):.1f} "
            f"| {p['cited_by_ms']['median']:.2f} / {p['cited_by_ms']['max']:.2f} "
            f"| {p['cited_by_cpu_ms']['median']:.2f} / {p['cited_by_cpu_ms']['max']:.2f} "
            f"| {p['resolve_ms']['median']:.2f} | {p['list_all_ms']:.0f} "
            f"| {r['cold']['peak_tree_mb']:.0f} | {r['index_mb']:.0f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/unr-bench"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe)))
        return 0
    if args.baseline:
        print(json.dumps(baseline_read(args.baseline)))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    code = snapshot(args.work)
    for n in args.sizes:
        print(f"{n} letters ...", file=sys.stderr)
        results.append(run_size(n, args.work, code))
        print(json.dumps(results[-1], indent=1), file=sys.stderr)
    table = report(results)
    print(table)
    if args.out:
        load = os.getloadavg()
        args.out.write_text(
            f"# Library benchmark\n\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
            f"{os.cpu_count()} CPUs, load average {load[0]:.1f} at the end (other work shares the machine:"
            f" CPU figures are the steadier ones)\n\n{table}\n\n"
            "```json\n" + json.dumps(results, indent=1) + "\n```\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
