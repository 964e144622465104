"""Start-up stays light: what the first paint does not need is not imported before it.

Timing tests flake on a loaded machine, so these guard the cause instead: a fresh interpreter lists
the modules loaded after importing the app (and after its first paint), and the heavy ones (the
library with SQLite and worker processes, the symbol grammar's regexes, the parser, the modal
screens) must not be among them. benchmarks/app_startup.py has the figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "letters" / "text"

# Not needed to show the reading screen; each is imported where it is first used.
HEAVY = ("reader.library", "sqlite3", "multiprocessing", "reader.app.screens.")


def loaded(code: str, names: str = "sorted(sys.modules)") -> list[str]:
    """Module names from a fresh interpreter: `names` evaluated after running `code`."""
    script = f"import json, sys\n{code}\nprint(json.dumps({names}))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def heavy(modules: list[str], prefixes: tuple[str, ...] = HEAVY) -> list[str]:
    return [m for m in modules if m.startswith(prefixes) or m in {p.rstrip(".") for p in prefixes}]


def test_importing_the_app_loads_no_library_parser_symbols_or_screen() -> None:
    modules = loaded("import reader.app.app")
    assert "reader.app.app" in modules and "textual.app" in modules  # the probe ran
    assert heavy(modules, (*HEAVY, "reader.symbols", "reader.parser")) == []


def test_first_paint_without_a_library_loads_neither_library_nor_screens() -> None:
    letter = sorted(FIXTURE.glob("*.txt"))[0]
    code = f"""
import asyncio
from pathlib import Path
from reader.app.app import ReaderApp

async def main():
    app = ReaderApp([Path({str(letter)!r})])
    painted = []
    display = app._display
    def first(screen, renderable):
        display(screen, renderable)
        if renderable is not None and not painted:
            painted.append(sorted(sys.modules))
    app._display = first
    async with app.run_test(size=(120, 40)) as pilot:
        while not painted:
            await pilot.pause()
    return painted[0]

at_paint = asyncio.run(main())
"""
    modules = loaded(code, "at_paint")
    assert "textual.app" in modules  # the probe ran
    assert heavy(modules) == []
