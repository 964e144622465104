"""File names as the index stores them.

On Linux a file name is bytes: `caf\\xe9.pdf` (Latin-1) is a normal name, which Python holds as the
str `caf\\udce9.pdf` and SQLite (UTF-8 only) refuses with "surrogates not allowed", so one such file
made every command of its folder fail. The index keys paths by their bytes (`os.fsencode`), which
round-trip exactly; wherever a name is shown or stored as text it goes through the one rule for
valid Unicode, `reader.safe_text.valid_unicode` (the undecodable byte shown as U+FFFD).
"""

from __future__ import annotations

import os


def path_key(path: str) -> bytes:
    """The exact bytes of a path: what the index stores, whatever its encoding."""
    return os.fsencode(path)


def path_from_key(value: bytes | str) -> str:
    """A path as the OS takes it back (undecodable bytes as surrogates), from what the index stored."""
    return os.fsdecode(value) if isinstance(value, bytes) else value
