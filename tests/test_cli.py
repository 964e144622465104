"""The command line itself: `--version`, `--help`, and exit statuses that tell a script what happened."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
import tomllib
from pathlib import Path

import pytest

from reader import cli
from tests.conftest import ROOT, SEED


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip


def test_version_prints_the_package_version() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    run = run_cli("--version")
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"un-reader {declared}\n"
    assert declared.count(".") == 2  # X.Y.Z


def test_help_says_how_to_open_the_reader_and_lists_every_command() -> None:
    for flag in ("--help", "-h"):
        run = run_cli(flag)
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith("usage: un-reader [PATH ...] [--library PATH]\n")
        assert "open the reader:" in run.stdout
        assert "--library PATH  a library folder" in run.stdout
        assert "--version" in run.stdout
        for command in ("parse", "refs", "index", "search", "cited-by", "check"):
            assert f"\n    {command} " in run.stdout


def test_a_command_usage_names_the_command() -> None:
    run = run_cli("parse")
    assert run.returncode == 2
    assert run.stderr.startswith("usage: un-reader parse ")


CRASHING_APP = """
import sys
from pathlib import Path

from textual.app import App

import reader.app.app as app_module


class Crashing(App[None]):
    BINDINGS = [("b", "boom", "boom")]

    def on_mount(self) -> None:
        self.call_after_refresh(self.run_action, "boom")

    def action_boom(self) -> None:
        raise ZeroDivisionError("the action failed")


app_module.cli_app = lambda *args, **kwargs: Crashing()
sys.exit(app_module.run_app([Path(sys.argv[1])]))
"""


def test_a_crash_of_the_app_exits_non_zero() -> None:
    """Textual prints the traceback and returns from App.run normally: `run_app` (the path `un-reader
    PATH` takes, in a real terminal) must still exit non-zero so a script or shell sees the failure."""
    master, slave = pty.openpty()
    screen: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.append(chunk)

    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHING_APP, str(SEED)],
        stdin=slave, stdout=slave, stderr=subprocess.PIPE, cwd=ROOT,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
    )  # fmt: skip
    os.close(slave)
    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        _, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
        os.close(master)
    assert proc.returncode == 1
    assert b"ZeroDivisionError" in stderr + b"".join(screen)


def test_input_nested_too_deeply_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """config.yaml with `libraries: [[[[…]]]]` 50,000 deep: PyYAML recurses past Python's limit."""
    config = tmp_path / "config.yaml"
    config.write_text("libraries: " + "[" * 50_000 + "]" * 50_000 + "\n", "utf-8")
    env = {
        **os.environ,
        "UN_READER_CONFIG": str(config),
        "UN_READER_CACHE_DIR": str(tmp_path / "cache"),
        "UN_READER_DATA_DIR": str(tmp_path / "data"),
    }
    run = subprocess.run(
        [sys.executable, "-m", "reader", "search", "anything"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False, env=env,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith("un-reader: error: ")


def test_recursion_anywhere_below_main_is_reported_as_bad_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def deep(argv: object) -> int:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(cli, "run", deep)
    assert cli.main(["parse", "x.txt"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"un-reader: error: {cli.TOO_DEEP}\n"
    assert captured.out == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "a.txt"],
        ["parse", "a.txt", "--format", "yaml"],
        ["parse", "--format", "akn", "a.txt"],
        ["parse", "a.txt", "--format=json"],
        ["parse", "--format=yaml", "json"],
        ["parse", "json", "--format", "json"],
        ["parse", "a b/c d.pdf"],
        ["refs", "a.txt"],
        ["parse", "a.txt", "--format", "xml"],
        ["parse", "a.txt", "--form", "yaml"],
        ["parse", "a.txt", "--format", "yaml", "--format", "akn"],
        ["parse", "--", "a.txt"],
        ["parse", "-a.txt"],
        ["parse", "-1"],
        ["parse", ""],
        ["parse"],
        ["parse", "a.txt", "b.txt"],
        ["parse", "a.txt", "-h"],
        ["parse", "--format"],
        ["refs", "a.txt", "--format", "json"],
        ["search", "a.txt"],
    ],
)
def test_the_quick_reading_of_parse_is_argparse_reading(argv: list[str]) -> None:
    """The short cut past argparse takes only what argparse reads the same way; the rest is argparse's."""
    quick = cli._quick_parse_args(argv)
    if quick is None:
        return
    args = cli.build_parser().parse_args(argv)
    assert quick == (args.command, args.file, getattr(args, "format", "json"))


def test_parse_imports_neither_argparse_nor_typing_nor_openssl() -> None:
    """Each costs 2-7 ms of a ~55 ms `un-reader parse` (argparse: the short cut above; typing: names
    for type checkers go under `if TYPE_CHECKING:`; hashlib: loads OpenSSL before its own SHA-256)."""
    code = (
        "import sys; from reader.cli import main; main(sys.argv[1:]); "
        "print(sorted({'argparse', 'typing', 'hashlib'} & set(sys.modules)))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "parse", str(SEED)], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert run.stdout.endswith("\n[]\n")


def test_no_arguments_read_as_argparse_reads_them() -> None:
    """`un-reader` alone skips argparse: it must read as the app parser reads no arguments."""
    args = cli._app_parser().parse_args([])
    assert (args.paths, args.library) == ([], None)
