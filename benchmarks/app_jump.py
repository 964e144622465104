"""Jump latency: from `enter` on a reference to the target shown, and `backspace` back.

Opens A/79/818 with A/79/798 and A/79/802 (fixtures, through the real parser), selects the reference
to A/79/798 and follows it. "handled" is the key's own work (the new letter's panes filled and
wrapped); "first paint" is when the next screen update (showing the target) was written to the
(headless) terminal, "last paint" when the last update it caused (footer keys, scrollbars) was.
Target (issue 14): enter -> target letter first painted <= 33 ms (median).
Run: .venv/bin/python benchmarks/app_jump.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from paint_clock import PaintClock  # noqa: E402
from targets import check  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from reader.app.app import ReaderApp  # noqa: E402
from reader.model import RefKind  # noqa: E402

TEXT = ROOT / "tests" / "fixtures" / "letters" / "text"
NAMES = ("A_79_818-S_2025_156.txt", "A_79_798-S_2025_110.txt", "A_79_802-S_2025_123.txt")
REPEAT = 20


async def timed(
    pilot: Pilot[int], clock: PaintClock, action: Callable[[], None]
) -> tuple[float, float, float]:
    """The action's own time, the first screen update after it, and the last one it caused."""
    clock.times.clear()
    start = time.perf_counter()
    action()
    handled = time.perf_counter() - start
    await pilot.pause()
    end = time.perf_counter()
    first = clock.first if clock.times else end
    last = clock.last if clock.times else end
    return handled, first - start, last - start


def select(app: ReaderApp, pane: str, kind: RefKind, text: str | None = None) -> None:
    for index, mark in enumerate(app.reader.pane(pane).marks):
        if (
            mark.reference is not None
            and mark.reference.kind is kind
            and (text is None or mark.reference.text == text)
        ):
            app.reader.pane(pane).select(index)
            return
    where = app.reader.current
    raise SystemExit(f"no {kind.value} reference {text or ''} in {where}: has the parser changed?")


def figures(values: list[float]) -> str:
    return f"{min(values) * 1000:8.1f} {statistics.median(values) * 1000:8.1f}"


async def main() -> None:
    app = ReaderApp([TEXT / name for name in NAMES])
    clock = PaintClock(app)
    rows: dict[str, list[tuple[float, float, float]]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(REPEAT):
            select(app, "body", RefKind.DOCUMENT, "A/79/798-S/2025/110")
            await pilot.pause()
            rows.setdefault("enter: A/79/818 -> A/79/798 (other letter)", []).append(
                await timed(pilot, clock, app.reader.action_follow)
            )
            assert app.reader.current.endswith(NAMES[1])
            rows.setdefault("backspace: back to A/79/818, selection restored", []).append(
                await timed(pilot, clock, app.reader.action_go_back)
            )
            assert app.reader.current.endswith(NAMES[0])
            select(app, "body", RefKind.AGENDA_ITEM)
            await pilot.pause()
            rows.setdefault("enter: agenda mention -> agenda pane (focus moves)", []).append(
                await timed(pilot, clock, app.reader.action_follow)
            )
            rows.setdefault("backspace: back to the body", []).append(
                await timed(pilot, clock, app.reader.action_go_back)
            )
    width = max(len(name) for name in rows)
    print(
        f"{'jump (ms: best median)'.ljust(width)}  {'handled':>17}  {'first paint':>17}  {'last paint':>17}"
    )
    for name, values in rows.items():
        columns = [figures([v[i] for v in values]) for i in range(3)]
        print(f"{name.ljust(width)}  {columns[0]:>17}  {columns[1]:>17}  {columns[2]:>17}")
    jump = statistics.median(v[1] for v in rows["enter: A/79/818 -> A/79/798 (other letter)"]) * 1000
    check("jump: enter -> other letter, first paint (median)", jump, 33, "ms")


if __name__ == "__main__":
    asyncio.run(main())
