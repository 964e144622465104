"""Runs every benchmark in turn (`make bench`): parse, app start-up and jump, library at 1k and 10k.

Each script prints its own table with a baseline measured in the same run; this only sequences them
so the figures in a closing note come from one sitting on one machine state.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

RUNS: list[list[str]] = [
    ["parse_bench.py"],
    ["parse_growth.py"],
    ["app_startup.py"],
    ["app_jump.py"],
    ["library_bench.py", "--sizes", "1000", "10000"],
    ["index_pdf_bench.py"],
]


def main() -> int:
    failed = 0
    for run in RUNS:
        print(f"\n=== {' '.join(run)}", flush=True)
        failed |= subprocess.call([sys.executable, str(HERE / run[0]), *run[1:]])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
