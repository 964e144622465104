"""Runs every benchmark in turn (`make bench`) and ends with issue 14's targets, met or not.

Each script prints its own table with a baseline measured in the same run; this sequences them so
the figures in a closing note come from one sitting on one machine state, collects the target lines
they write (benchmarks/targets.py) and exits non-zero when a script fails or a target is missed.
Run: .venv/bin/python benchmarks/run_all.py [--quick]   (--quick leaves out the 10,000 and 100,000
letter libraries, the slowest minutes)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from targets import TARGETS_FILE

HERE = Path(__file__).resolve().parent

RUNS: list[list[str]] = [
    ["parse_bench.py"],
    ["parse_growth.py"],
    ["pdf_bench.py"],
    ["documents_bench.py"],
    ["first_screen.py"],
    ["app_startup.py"],
    ["app_jump.py"],
    ["library_bench.py", "--sizes", "1000", "10000"],
    ["library_bench.py", "--search", "--search-sizes", "100000"],
    ["index_pdf_bench.py"],
]
SLOW = {"10000", "100000"}


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    failed = 0
    with tempfile.NamedTemporaryFile("r", suffix=".targets", encoding="utf-8") as targets:
        env = {**os.environ, TARGETS_FILE: targets.name}
        for run in RUNS:
            if quick and SLOW & set(run):
                run = [arg for arg in run if arg not in SLOW]
                if run[-1].startswith("--"):  # nothing left to size
                    continue
            print(f"\n=== {' '.join(run)}", flush=True)
            failed |= subprocess.call([sys.executable, str(HERE / run[0]), *run[1:]], env=env)
        lines = targets.read().splitlines()
    print("\n=== issue 14 targets, this run")
    print("\n".join(lines) if lines else "(no target lines were written)")
    missed = [line for line in lines if line.startswith("NOT MET")]
    if failed:
        print("a benchmark script failed: see its output above")
    return 1 if failed or missed else 0


if __name__ == "__main__":
    sys.exit(main())
