"""The first useful screen, as a user waits for it: a real process on a pseudo-terminal.

`un-reader` as `make run` starts it (no argument: seeds/ and its library) and a minimal Textual app
(one Static holding the seed's title) are each spawned on a 120x40 pty, interleaved, and the output
is watched, escape sequences stripped, for (a) the first visible character: first paint, and (b) the
seed's title text: the first useful screen. Both run with bytecode caches (a private
PYTHONPYCACHEPREFIX, warmed once), as an installed package or a second `make run` would.
The library's index lives in a private cache folder: warm (built before) or cold (a new, empty
folder for every start). Config and review files are private too.
Target (issue 14): the title within 1.3x of the minimal app's time, warm and cold (medians).
Run alone: .venv/bin/python benchmarks/first_screen.py [REPEAT]
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "letter_2021-02-08_azerbaijan.txt"
ESCAPES = re.compile(
    rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    rb"|\x1bP.*?\x1b\\"  # DCS
    rb"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    rb"|\x1b[@-Z\\-_]",  # two-byte escapes
    re.S,
)
MINIMAL = """\
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static({title!r})
Minimal().run()
"""


def seed_title() -> str:
    sys.path.insert(0, str(ROOT))
    from reader.parser import parse_path

    return parse_path(SEED).title


def watch(argv: Sequence[str], env: dict[str, str], text: str, timeout: float = 30.0) -> tuple[float, float]:
    """Seconds from spawn to the first visible character and to `text` on the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    wanted = text.encode()
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True
    )
    os.close(slave)
    pending, shown = b"", b""
    painted = seen = 0.0
    try:
        while not seen and time.perf_counter() - start < timeout:
            if not select.select([master], [], [], 0.2)[0]:
                continue
            try:
                data = os.read(master, 1 << 16)
            except OSError:
                break
            now = time.perf_counter() - start
            pending += data
            cut = pending.rfind(b"\x1b")  # an escape sequence may be cut at the end of a read
            if cut == -1 or len(pending) - cut > 256:
                cut = len(pending)
            shown += ESCAPES.sub(b"", pending[:cut])
            pending = pending[cut:]
            if not painted and shown.strip():
                painted = now
            if wanted in shown:
                seen = now
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
        os.close(master)
    if not seen:
        raise RuntimeError(f"{argv}: {text!r} did not appear in {timeout} s")
    return painted, seen


def measure(repeat: int = 7) -> list[tuple[str, list[float], str]]:
    """Rows (name, seconds per run, note): minimal app, un-reader warm and cold, interleaved."""
    title = seed_title()
    text = title[:48].rstrip()  # on one line in both apps at 120 columns
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(
            TERM="xterm-256color",
            PYTHONPATH=str(ROOT),  # this checkout's code, also through the console script
            PYTHONPYCACHEPREFIX=f"{tmp}/pycache",
            UN_READER_CONFIG=f"{tmp}/config.yaml",
            UN_READER_DATA_DIR=f"{tmp}/data",
            UN_READER_CACHE_DIR=f"{tmp}/warm",
        )
        minimal = [sys.executable, "-c", MINIMAL.format(title=title)]
        script = Path(sys.executable).with_name("un-reader")  # what `make run` starts
        reader = [str(script)] if script.is_file() else [sys.executable, "-m", "reader"]
        subprocess.run([*reader, "index", "seeds"], env=env, cwd=ROOT, check=True, capture_output=True)
        watch(minimal, env, text)  # bytecode caches written, pages in memory
        watch(reader, env, text)
        runs: dict[str, list[tuple[float, float]]] = {"minimal": [], "warm": [], "cold": []}
        for number in range(repeat):
            runs["minimal"].append(watch(minimal, env, text))
            runs["warm"].append(watch(reader, env, text))
            cold = dict(env, UN_READER_CACHE_DIR=f"{tmp}/cold{number}")
            runs["cold"].append(watch(reader, cold, text))

    def ratio(values: list[float], base: list[float]) -> str:
        return f"{statistics.median(values) / statistics.median(base):.2f}x"

    paint = {name: [p for p, _ in values] for name, values in runs.items()}
    useful = {name: [s for _, s in values] for name, values in runs.items()}
    return [
        ("pty first paint: minimal Textual app (Static, seed title)", paint["minimal"], ""),
        (
            "pty first paint: un-reader seeds/, warm library",
            paint["warm"],
            ratio(paint["warm"], paint["minimal"]),
        ),
        (
            "pty first paint: un-reader seeds/, cold library",
            paint["cold"],
            ratio(paint["cold"], paint["minimal"]),
        ),
        ("pty first useful screen (title shown): minimal app", useful["minimal"], ""),
        (
            "pty first useful screen: un-reader seeds/, warm library",
            useful["warm"],
            ratio(useful["warm"], useful["minimal"]) + "  (target 1.3x)",
        ),
        (
            "pty first useful screen: un-reader seeds/, cold library",
            useful["cold"],
            ratio(useful["cold"], useful["minimal"]) + f"  (cold - warm {cold_minus_warm(useful):+.0f} ms)",
        ),
    ]


def cold_minus_warm(useful: dict[str, list[float]]) -> float:
    return (statistics.median(useful["cold"]) - statistics.median(useful["warm"])) * 1000


def print_rows(rows: list[tuple[str, list[float], str]]) -> None:
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure'.ljust(width)}  {'best ms':>8} {'median':>8}  median vs minimal")
    for name, values, note in rows:
        print(
            f"{name.ljust(width)}  {min(values) * 1000:8.1f} {statistics.median(values) * 1000:8.1f}  {note}"
        )


def check_targets(rows: list[tuple[str, list[float], str]]) -> None:
    """Issue 14: the title on screen within 1.3x of the minimal app's, warm and cold (medians)."""
    from targets import check

    minimal = statistics.median(rows[3][1])
    for name, values, _ in rows[4:]:
        ratio = statistics.median(values) / minimal
        check(f"{name.removeprefix('pty ')} against the minimal app", ratio, 1.3)


if __name__ == "__main__":
    found = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
    print_rows(found)
    check_targets(found)
