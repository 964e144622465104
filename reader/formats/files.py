"""Which files of a folder are documents: one rule for the app's folder arguments and the library index.

They disagreed: the app opened `.pdf`, `.txt` and `.xml` one level deep, while the index took seven
suffixes recursively, so a folder's counts differed between the header and the status line and `.md`
letters were indexed but never opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

DOCUMENT_SUFFIXES = frozenset({".pdf", ".txt", ".text", ".md", ".markdown", ".xml", ".akn"})


def is_document_name(name: str) -> bool:
    """A visible file whose suffix is one a format reads."""
    return not name.startswith(".") and "." + name.rpartition(".")[2].lower() in DOCUMENT_SUFFIXES


def walk_documents(folder: Path | str) -> Iterator[tuple[str, os.stat_result]]:
    """Every document file under a folder, with its stat: hidden entries skipped, folder links not followed,
    only regular files (a FIFO or device named `x.txt` would block or never end a read).

    Re-opening a library costs one pass of this, so it stays lean: no path objects, one stat per file.
    """
    stack = [os.fspath(folder)]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    name = entry.name
                    if name[0] == ".":
                        continue
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        elif is_document_name(name) and entry.is_file():
                            yield entry.path, entry.stat()
                    except OSError:
                        continue  # vanished or unreadable entry: it is simply not a document here
        except OSError:
            continue


def document_files(folder: Path) -> list[Path]:
    """The documents under a folder in a stable order (by path), as the app lists a folder's letters."""
    return sorted(Path(path) for path, _ in walk_documents(folder))
