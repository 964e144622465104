"""The parser: from a decoded source (pages of lines) to a `Letter`.

`parse_path` is the one entry point every consumer uses (CLI, app, index workers): it reads the file
through `reader.formats`, then builds the letter with `reader.parser.letter`.
"""

from __future__ import annotations

from pathlib import Path

from reader.model import Letter


def parse_path(path: str | Path) -> Letter:
    """Parse one file. Raises `reader.errors.InputError` with a one-line message on bad input."""
    from reader.formats.load import load_path
    from reader.parser.letter import build_letter

    return build_letter(load_path(Path(path)))


def parse_bytes(data: bytes, name: str = "<bytes>") -> Letter:
    from reader.formats.load import load_bytes
    from reader.parser.letter import build_letter

    return build_letter(load_bytes(data, name))
