"""The config file's `keymap`: binding ids of the action table mapped to the keys that do them.

Textual applies a keymap to every binding with that id, so remapping `scroll-down` changes the
pane's key, the help screen and the palette together. An id the table does not know is refused with
one line at start-up (a typo would otherwise be ignored silently), and so is an empty key list.
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


def configured_keymap() -> dict[str, str]:
    """The user's config file's keymap (empty without a config file or a `keymap` key)."""
    from reader.library.config import load_config

    config = load_config()
    return keymap_from_pairs(config.keymap, str(config.path))
