"""The config file's `keymap`: binding ids of the action table mapped to the keys that do them.

Textual applies a keymap to every binding with that id, so remapping `scroll-down` changes the
pane's key, the help screen and the palette together. An id the table does not know is refused with
one warning line at start-up (a typo would otherwise be ignored silently), and so is an empty key
list; the reader then opens with its default keys.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.app.actions import BY_ID
from reader.errors import ReaderError


def keymap_from_pairs(pairs: Iterable[tuple[str, str]], origin: str = "config") -> dict[str, str]:
    """`{binding id: "key,key"}` checked against the action table."""
    keymap: dict[str, str] = {}
    for binding_id, keys in pairs:
        name = binding_id.strip()
        if name not in BY_ID:
            raise ReaderError(
                f"{origin}: keymap: unknown binding id {name!r} (the ids are listed in the README's Keys)"
            )
        cleaned = ",".join(key.strip() for key in keys.split(",") if key.strip())
        if not cleaned:
            raise ReaderError(f"{origin}: keymap: no key given for {name!r}")
        keymap[name] = cleaned
    return keymap


def configured_keymap(*, warn_unreadable: bool = True) -> dict[str, str]:
    """The user's config file's keymap (empty without a config file or a `keymap` key).

    Like the config's libraries, a keymap that cannot be used is one warning line on stderr and the
    reader opens with its default keys rather than not at all; a config file that cannot be read at
    all is named once (`warn_unreadable=False` when the libraries' reading already named it)."""
    from reader.library.config import load_config

    try:
        config = load_config()
    except ReaderError as error:
        if warn_unreadable:
            _warn(str(error))
        return {}
    try:
        return keymap_from_pairs(config.keymap, str(config.path))
    except ReaderError as error:
        _warn(f"{error}; the default keys are used")
        return {}


def _warn(message: str) -> None:
    import sys

    from reader.safe_text import one_line

    print(f"un-reader: warning: {one_line(message)}", file=sys.stderr)
