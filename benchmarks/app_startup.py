"""App start-up: first paint of un-reader on seeds/ against a minimal Textual app, and a 1 MB letter.

In-process rows: both apps run headless (`App.run_test`) after imports, interleaved, so the
ratio measures what the reader adds (layout, styles, panes) and not the machine or its load.
"first paint" is when the first screen update is written to the (headless) terminal; "letter shown"
is the first update written after the parse worker's letter was put into the panes. The first rows
time whole processes (spawn, imports, app, first write), which is what a user waits for; the third
is `un-reader` as the CLI starts it (seeds/ is then a library: config read, worker processes,
indexing in a thread), with config, index and review files in a temporary folder.
Target: first paint within 1.5x of the minimal app. The pty rows (benchmarks/first_screen.py) come first:
real processes on a pseudo-terminal, the time until the seed's title is on the terminal (target 1.3x).
Run: .venv/bin/python benchmarks/app_startup.py
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from first_screen import measure as first_screen_rows  # noqa: E402
from first_screen import print_rows  # noqa: E402
from paint_clock import PaintClock  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

from reader.app.app import ReaderApp  # noqa: E402
from reader.app.history import Location  # noqa: E402
from reader.model import Letter, Paragraph, Reference, RefKind  # noqa: E402
from reader.parser import parse_path  # noqa: E402

SEEDS = ROOT / "seeds"
SEED = SEEDS / "letter_2021-02-08_azerbaijan.txt"
REPEAT = 7


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello")


async def first_paint_minimal() -> float:
    start = time.perf_counter()
    app = MinimalApp()
    clock = PaintClock(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return clock.first - start


class TimedReader(ReaderApp):
    """Notes when the parsed letter was put into the panes; the next screen write shows it."""

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


async def first_paint_reader(paths: list[Path], load: object = None) -> tuple[float, float]:
    start = time.perf_counter()
    app = TimedReader(paths, load=load) if load is not None else TimedReader(paths)  # type: ignore[arg-type]
    clock = PaintClock(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        while app.reader.shown_letter is None and app.reader.pending:
            await asyncio.sleep(0.001)
        await pilot.pause()
        assert app.reader.shown_letter is not None, "the letter did not open"
        painted = clock.first - start
        shown = min(t for t in clock.times if t >= app.filled_at) - start
        return painted, shown


def big_letter(size: int = 1_000_000) -> Letter:
    """A hand-built letter of ~1 MB in 600-character paragraphs, one reference each."""
    words = [
        "the",
        "General",
        "Assembly",
        "recalls",
        "its",
        "resolution",
        "and",
        "the",
        "letter",
        "circulated",
        "under",
        "agenda",
        "item",
        "34",
    ]
    paragraphs, refs, total, index = [], [], 0, 0
    while total < size:
        symbol = f"A/79/{index + 1}"
        text = f"Paragraph {index + 1} cites {symbol}: " + " ".join(
            words[(index + i) % len(words)] for i in range(90)
        )
        start = text.index(symbol)
        paragraphs.append(Paragraph(f"p{index + 1}", text))
        refs.append(
            Reference(RefKind.DOCUMENT, symbol, f"p{index + 1}", start, start + len(symbol), symbol=symbol)
        )
        total += len(text)
        index += 1
    return replace(
        Letter(source="big.txt", format="text", title="A very long letter"),
        paragraphs=tuple(paragraphs),
        references=tuple(refs),
    )


def big_text_letter(folder: Path) -> Path:
    """The seed with its body repeated to 1 MB: a real file through the real parser."""
    text = SEED.read_text(encoding="utf-8")
    head, _, body = text.partition("## Letter dated")
    body = "## Letter dated" + body
    paragraphs = body.split("\n\n")
    middle = "\n\n".join(paragraphs[1:-3])
    copies = max(1, 1_000_000 // max(len(middle), 1))
    out = folder / "big_letter.txt"
    out.write_text(
        head + "\n\n".join([paragraphs[0], *([middle] * copies), *paragraphs[-3:]]), encoding="utf-8"
    )
    return out


CHILD = """
import asyncio, sys, time
sys.path.insert(0, {root!r})
{imports}

async def main():
    app = {make}
    display = app._display
    done = []
    def first(screen, renderable):
        display(screen, renderable)
        if renderable is not None and not done:
            done.append(time.time())
    app._display = first
    async with app.run_test(size=(120, 40)) as pilot:
        while not done:
            await pilot.pause()
    print(done[0])

asyncio.run(main())
"""


def cold_first_paint(imports: str, make: str, env: dict[str, str] | None = None) -> float:
    """Seconds from spawning a fresh interpreter to the app's first screen write (imports included)."""
    code = CHILD.format(root=str(ROOT), imports=imports, make=make)
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True, env=env
    )
    return float(out.stdout.strip().splitlines()[-1]) - start


def import_seconds(module_code: str, repeat: int = 3) -> list[float]:
    """A fresh interpreter importing what each app needs: the part of start-up before any paint."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", module_code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def ms(values: list[float]) -> str:
    """Best and median of the runs: the best is the least disturbed by other work on the machine."""
    return f"{min(values) * 1000:8.1f} {statistics.median(values) * 1000:8.1f}"


async def main() -> None:
    print_rows(first_screen_rows(REPEAT))  # first: before this process's own imports and threads
    print()
    minimal: list[float] = []
    painted: list[float] = []
    shown: list[float] = []
    for _ in range(REPEAT):  # interleaved, so both see the same load
        minimal.append(await first_paint_minimal())
        paint, show = await first_paint_reader([SEEDS])
        painted.append(paint)
        shown.append(show)
    seed_parse = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        parse_path(SEED)
        seed_parse.append(time.perf_counter() - start)
    letter = big_letter()
    big = [await first_paint_reader([Path("big.txt")], load=lambda _p: letter) for _ in range(3)]
    with tempfile.TemporaryDirectory() as tmp:
        path = big_text_letter(Path(tmp))
        size = path.stat().st_size
        start = time.perf_counter()
        parse_path(path)
        parse_seconds = time.perf_counter() - start
        big_file = [await first_paint_reader([path]) for _ in range(3)]

    cold_minimal: list[float] = []
    cold_reader: list[float] = []
    cold_cli: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ)  # no real config, index or review file is read or written
        for name, sub in (("CONFIG", "config.yaml"), ("DATA_DIR", "data"), ("CACHE_DIR", "cache")):
            env[f"UN_READER_{name}"] = str(Path(tmp) / sub)
        cli = (
            "from pathlib import Path\nfrom reader.app.app import cli_app\n"
            "from reader.app.letters import expand_paths",
            f"cli_app([Path({str(SEEDS)!r})], expand_paths([Path({str(SEEDS)!r})]))",
        )
        cold_first_paint(*cli, env=env)  # builds the index once: a user's later starts find it
        for _ in range(5):
            cold_cli.append(cold_first_paint(*cli, env=env))
    for _ in range(5):
        cold_minimal.append(
            cold_first_paint(
                "from textual.app import App\nfrom textual.widgets import Static\n"
                "class Minimal(App):\n    def compose(self):\n        yield Static('Hello')",
                "Minimal()",
            )
        )
        cold_reader.append(
            cold_first_paint(
                "from pathlib import Path\nfrom reader.app.app import ReaderApp",
                f"ReaderApp([Path({str(SEEDS)!r})])",
            )
        )
    bare = import_seconds("pass")
    minimal_import = import_seconds("import textual.app, textual.widgets")
    reader_import = import_seconds("import reader.app.app, reader.parser.letter")

    def ratio(values: list[float]) -> str:
        best = min(values) / min(minimal)
        return f"{best:.2f}x / {statistics.median(values) / statistics.median(minimal):.2f}x"

    chars = sum(len(p.text) for p in letter.paragraphs) / 1e6
    rows = [
        ("process start -> first paint: minimal Textual app", ms(cold_minimal), ""),
        (
            "process start -> first paint: un-reader seeds/",
            ms(cold_reader),
            f"{min(cold_reader) / min(cold_minimal):.2f}x / "
            f"{statistics.median(cold_reader) / statistics.median(cold_minimal):.2f}x  (target 1.5x)",
        ),
        (
            "process start -> first paint: un-reader as the CLI (library)",
            ms(cold_cli),
            f"{min(cold_cli) / min(cold_minimal):.2f}x / "
            f"{statistics.median(cold_cli) / statistics.median(cold_minimal):.2f}x",
        ),
        ("python -c pass (fresh interpreter)", ms(bare), ""),
        ("  + import textual.app, textual.widgets", ms(minimal_import), ""),
        ("  + import reader.app.app and the parser", ms(reader_import), ""),
        ("minimal Textual app (one Static): first paint", ms(minimal), ""),
        ("un-reader seeds/: first paint", ms(painted), ratio(painted)),
        ("un-reader seeds/: letter shown", ms(shown), ratio(shown)),
        ("  of which parse_path(seed) in the worker", ms(seed_parse), ""),
        (f"1 MB letter ({chars:.2f} M chars, built): first paint", ms([p for p, _ in big]), ""),
        ("1 MB letter (built): shown, wrapped", ms([s for _, s in big]), ""),
        (f"1 MB text file ({size / 1e6:.2f} MB): parse_path alone", ms([parse_seconds]), ""),
        ("1 MB text file: un-reader letter shown", ms([s for _, s in big_file]), ""),
    ]
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure'.ljust(width)}  {'best ms':>8} {'median':>8}  vs minimal (best / median)")
    for name, figures, note in rows:
        print(f"{name.ljust(width)}  {figures}  {note}")
    if sys.flags.dont_write_bytecode:  # a user's installed package has its .pyc files
        print(
            "note: PYTHONDONTWRITEBYTECODE is set, so without __pycache__ the reader's modules are compiled"
            " from source at every start (Textual's installed .pyc are not)"
        )


if __name__ == "__main__":
    asyncio.run(main())
