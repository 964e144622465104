"""Reading the user's YAML files (config, review marks) so that no file can hang, exhaust or crash us.

`yaml.safe_load` alone builds no objects but still expands aliases (a "billion laughs" note took 75 s
and 4 GB), recurses once per nesting level (50,000 `[` ended in RecursionError at start-up) and reads
a file of any size. Here a file is read up to a size cap, scanned as a stream of events first (flat,
no recursion) refusing anchors, aliases and deep nesting, and only then loaded with `yaml.safe_load`.
These files are written by un-reader or by hand, and need none of those features.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reader.errors import ReaderError

MAX_DEPTH = 32  # a review file needs 3 levels, the config 2


def read_capped(path: Path, limit: int, what: str) -> str | None:
    """The text of a regular file of at most ``limit`` bytes; None when there is none. ``what`` names
    the file in errors ("the config file")."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ReaderError(f"{path}: cannot read {what} ({error.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ReaderError(f"{path}: {what} is not a regular file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReaderError(f"{path}: {what} is larger than {limit // 1_000_000 or 1} MB; fix or move the file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReaderError(f"{path}: {what} is not UTF-8 text; fix or move the file") from None


def load_yaml(text: str, path: Path, what: str) -> object:
    """The data of a YAML document, or a one-line error: not YAML, aliases, too deep, several documents."""
    import yaml  # only once there is a file to read: the app's first paint usually has none

    scanner = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # events only, fast
    try:
        depth = 0
        for event in yaml.parse(text, Loader=scanner):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ReaderError(f"{path}: {what} uses YAML anchors or aliases (& and *), which it may not")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ReaderError(f"{path}: {what} is nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None)
        why = f": {problem}" if isinstance(problem, str) and problem else ""
        raise ReaderError(f"{path}: {what} is not valid YAML{where}{why}") from None
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise ReaderError(f"{path}: {what} is nested too deeply") from None
