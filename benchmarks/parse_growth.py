"""Parse time against input size (issue 13): a real letter with 1x, 4x and 16x extra rows.

The inputs are the issue's: a real `-layout` letter with 40,000 short lines appended (66 s before the
parser was made linear) and a 20,000-row number table (9.7 s). Each size is also read and decoded
alone in the same run, as the baseline: "x baseline" should stay about the same from 1x to 16x
(linear), and "growth" (time over the 1x time) should be near the size factor.
Run: .venv/bin/python benchmarks/parse_growth.py [--quick]   (about 40 s; --quick: 1/4 of the rows)
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.formats.load import decode_text  # noqa: E402
from reader.parser import parse_path  # noqa: E402

LETTER = ROOT / "tests" / "fixtures" / "letters" / "layout" / "A_79_798-S_2025_110.txt"
SIZES = (1, 4, 16)


def short_lines(n: int) -> str:
    return "".join(f"    word {i}\n" for i in range(n))


def number_table(n: int) -> str:
    return "".join(f"    {i}        {i * 7}        {i * 13}\n" for i in range(n))


CASES: tuple[tuple[str, int, Callable[[int], str]], ...] = (
    ("short lines appended", 40_000, short_lines),
    ("number table appended", 20_000, number_table),
)


def timed(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    quick = "--quick" in sys.argv
    base = LETTER.read_text(encoding="utf-8")
    print(f"{'input':<24} {'size':>4} {'rows':>8} {'MB':>6} {'parse s':>8} {'MB/s':>7} {'read s':>8} "
          f"{'x baseline':>10} {'growth':>7}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for name, rows, make in CASES:
            rows = rows // 4 if quick else rows
            first: float | None = None
            for factor in SIZES:
                path = Path(folder) / f"{factor}.txt"
                path.write_text(base + make(rows * factor), encoding="utf-8")
                size = path.stat().st_size / 1e6
                repeat = 3 if factor == 1 else 1
                read = timed(lambda path=path: decode_text(path.read_bytes(), str(path)), 5)
                parse = timed(lambda path=path: parse_path(path), repeat)
                first = first or parse
                print(
                    f"{name:<24} {factor:>3}x {rows * factor:>8} {size:>6.2f} {parse:>8.2f} "
                    f"{size / parse:>7.2f} {read:>8.4f} {parse / read:>10.0f} {parse / first:>6.1f}x"
                )


if __name__ == "__main__":
    main()
