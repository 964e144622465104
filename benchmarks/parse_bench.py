"""Parse throughput: `parse` on the seed and on real letters in every form, `find` over the 42 texts,
and `un-reader parse SEED` as a command.

Figures are relative to baselines measured in the same run (reading and decoding the same bytes; a
single regex over the texts for `find`; `python -c pass` for the command), so a slow machine shows
up in both columns instead of hiding a regression. Targets (issue 14): text parse >= 6 MB/s on the
pdftotext forms, `find` >= 30 MB/s, `parse SEED` <= 3x `python -c pass` plus the parse itself.
Run: .venv/bin/python benchmarks/parse_bench.py
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # pdf_bench, beside this file

from pdf_bench import PDFTOTEXT, pdfium_chars, pdftotext  # noqa: E402
from targets import check  # noqa: E402

from reader import symbols  # noqa: E402
from reader.formats.load import decode_text  # noqa: E402
from reader.formats.pdf import engine_name  # noqa: E402
from reader.parser import parse_path  # noqa: E402

LETTERS = ROOT / "tests" / "fixtures" / "letters"
SEED = ROOT / "seeds" / "letter_2021-02-08_azerbaijan.txt"


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The best CPU time of ``repeat`` runs: the parse is single-threaded, and on a shared machine
    wall time measures the neighbours as much as the parser."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def best_wall(fn: Callable[[], object], repeat: int = 3) -> float:
    """The best wall time: for baselines that run other processes (pdftotext)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def mb(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6


def row(name: str, size_mb: float, seconds: float, baseline: float, unit: str = "MB/s") -> float:
    rate = size_mb / seconds if seconds else float("inf")
    print(f"{name:<34} {rate:10.2f} {unit:<8} {seconds * 1000:9.1f} ms   baseline x{seconds / baseline:8.1f}")
    return rate


def main() -> None:
    print(f"{'measure':<34} {'rate':>10} {'':<8} {'time':>9}      vs read+decode")
    seed = [SEED]
    base = best_of(lambda: [decode_text(p.read_bytes(), str(p)) for p in seed], 50)
    row("parse seed (markdown)", mb(seed), best_of(lambda: parse_path(SEED), 50), base)

    for form in ("text", "layout"):
        files = sorted((LETTERS / form).glob("*.txt"))
        base = best_of(lambda files=files: [decode_text(p.read_bytes(), str(p)) for p in files])
        rate = row(
            f"parse 42 letters ({form})",
            mb(files),
            best_of(lambda files=files: [parse_path(p) for p in files]),
            base,
        )
        check(f"text parse, 42 pdftotext letters ({form} form)", rate, 6, "MB/s", at_least=True)

    texts_paths = sorted((LETTERS / "text").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in texts_paths]
    size = sum(len(t.encode()) for t in texts) / 1e6
    base = best_of(lambda: [t.split() for t in texts])
    one_regex = re.compile(r"[A-Z]+/\S+")  # the cheapest scan that sees every symbol
    scan = best_of(lambda: [one_regex.findall(t) for t in texts])
    row("single regex [A-Z]+/\\S+ (baseline)", size, scan, base)
    start = time.process_time()
    for t in texts:
        symbols.find(t, "p1")
    row("symbols.find, first pass (cold)", size, time.process_time() - start, base)
    rate = row(
        "symbols.find on 42 texts", size, best_of(lambda: [symbols.find(t, "p1") for t in texts]), base
    )
    check("symbols.find over the 42 texts", rate, 30, "MB/s", at_least=True)

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
    plain = best_wall(lambda: pdfium_chars(pdfs))  # baseline: PDFium's own per-character extraction
    print(f"baseline: pypdfium2 per-character extraction = {plain / pages * 1000:.1f} ms/page")
    if PDFTOTEXT:
        poppler = best_wall(lambda: pdftotext(pdfs))
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


def command_times(runs: int = 20) -> None:
    """`un-reader parse SEED --format json` against `python -c pass`, run in turns so both see the
    same machine; best-of CPU time (user + sys of the child: what a shared machine disturbs least)
    and median wall time.

    The command is the console script `make` installs beside the interpreter, as a user runs it
    (`python -m reader` also imports runpy, ~3 ms, and is the fallback without the script). Bytecode
    caching is forced on for the children (an installed package has its .pyc files; a
    PYTHONDONTWRITEBYTECODE environment would otherwise charge every run for compiling the source).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    script = Path(sys.executable).with_name("un-reader")
    entry = [str(script)] if script.is_file() else ["-m", "reader"]
    label = "un-reader" if script.is_file() else "python -m reader"
    commands = {
        "bare": [sys.executable, "-c", "pass"],
        "cli": [sys.executable, *entry, "parse", str(SEED), "--format", "json"],
        # the floor the design card sets: frozen dataclasses need `dataclasses` (which imports
        # `inspect`), and the parse cannot start before the model it fills is defined
        "dataclasses": [sys.executable, "-c", "import dataclasses"],
        "model": [sys.executable, "-c", "import reader.model"],
    }
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # warm the caches
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env, cwd=ROOT)
    for _ in range(runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
            _, status, usage = os.wait4(child.pid, 0)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(usage.ru_utime + usage.ru_stime)
            if status:
                raise SystemExit(f"{' '.join(cmd)} failed ({status})")
    bare, cli = min(cpu["bare"]), min(cpu["cli"])
    parse = best_of(lambda: parse_path(SEED), 20)
    print(
        f"parse SEED as a command ({label}): {cli * 1000:.1f} ms CPU best of {runs} "
        f"(wall median {statistics.median(wall['cli']) * 1000:.1f}); python -c pass {bare * 1000:.1f} ms "
        f"(wall {statistics.median(wall['bare']) * 1000:.1f}); the parse itself {parse * 1000:.1f} ms; "
        f"x{cli / (bare + parse):.2f} python -c pass plus the parse (target <= 3)"
    )
    floor_dc, floor_model = min(cpu["dataclasses"]), min(cpu["model"])
    print(
        f"floor: `import dataclasses` alone {floor_dc * 1000:.1f} ms CPU (x{floor_dc / (bare + parse):.2f}); "
        f"`import reader.model` alone {floor_model * 1000:.1f} ms (x{floor_model / (bare + parse):.2f}); "
        f"budget at x3: {3 * (bare + parse) * 1000:.1f} ms"
    )
    check("parse SEED as a command against python -c pass plus the parse (CPU)", cli / (bare + parse), 3)


if __name__ == "__main__":
    main()
    command_times()
