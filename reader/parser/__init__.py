"""The parser: from a decoded source (pages of lines) to a `Letter`.

`parse_path` is the one entry point every consumer uses (CLI, app, index workers): it reads the file
through `reader.formats`, then builds the letter with `reader.parser.letter`.
"""

from __future__ import annotations

from pathlib import Path

from reader.formats.lines import Source
from reader.model import Letter


def parse_path(path: str | Path) -> Letter:
    """Parse one file. Raises `reader.errors.InputError` with a one-line message on bad input."""
    from reader.formats.load import load_path

    return _letter(load_path(Path(path)))


def parse_bytes(data: bytes, name: str = "<bytes>") -> Letter:
    from reader.formats.load import load_bytes

    return _letter(load_bytes(data, name))


def _letter(source: Source) -> Letter:
    """A structured format (AKN) hands over the letter it read; pages of lines go through the rules.

    Asked of the source itself, not by importing the AKN reader's class (and lxml with it), which
    parsing a text or a PDF never needs.
    """
    read = getattr(source, "letter", None)
    if isinstance(read, Letter):
        from reader.parser.documents import complete_structured

        return complete_structured(read)
    from reader.parser.letter import build_letter

    return build_letter(source)
