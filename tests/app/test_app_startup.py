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


def test_the_cli_set_up_reads_the_config_but_loads_no_index_nor_fork_server(tmp_path: Path) -> None:
    """`un-reader FOLDER` before `App.run`: the folder is the library, yet SQLite and the index
    code load in the indexing worker, and only multiprocessing's resource tracker starts (it must
    see the real stderr); the pool starts the fork server itself if indexing needs processes."""
    folder = FIXTURE
    code = f"""
import os
os.environ["UN_READER_CONFIG"] = {str(tmp_path / "config.yaml")!r}
os.environ["UN_READER_DATA_DIR"] = {str(tmp_path / "data")!r}  # no documents folder of the user's
from pathlib import Path
from reader.app.app import cli_app
from reader.app.letters import expand_paths
app = cli_app([Path({str(folder)!r})], expand_paths([Path({str(folder)!r})]))
assert [str(f) for f in app.library_service.folders] == [{str(folder)!r}], app.library_service.folders
"""
    modules = loaded(code)
    assert "reader.library.config" in modules and "multiprocessing.resource_tracker" in modules
    assert heavy(modules, ("sqlite3", "reader.library.library", "reader.library.index", "yaml")) == []
    assert "multiprocessing.forkserver" not in modules
