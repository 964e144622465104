"""Issue 14's targets as one line each, so `make bench` ends with a verdict instead of a pile of tables.

Each benchmark calls `check` where it computes a figure that a target is set on; the line goes to
stdout and, when run under `run_all.py`, to the file named by ``UN_READER_BENCH_TARGETS``, which
`run_all.py` prints at the end (and fails on a target not met).
"""

from __future__ import annotations

import os

TARGETS_FILE = "UN_READER_BENCH_TARGETS"


def check(name: str, value: float, limit: float, unit: str = "x", *, at_least: bool = False) -> bool:
    """Print and record whether ``value`` meets ``limit`` (at most, or at least with ``at_least``)."""
    met = value >= limit if at_least else value <= limit
    sign = ">=" if at_least else "<="
    line = f"{'met    ' if met else 'NOT MET'}  {name}: {value:.2f} {unit} (target {sign} {limit:g} {unit})"
    print(f"target {line}", flush=True)
    if path := os.environ.get(TARGETS_FILE):
        with open(path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
    return met
