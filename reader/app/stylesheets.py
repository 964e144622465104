"""Where the .tcss files are, and which are read when.

The reading screen's styles (`app.tcss`) are read before the first paint; the modal screens' own
(`dialogs.tcss`, `library.tcss`) when the first of them opens, by Textual's `Screen.CSS_PATH`
(`screens/dialog.py`). Textual parses every source it is given before it paints, and at start-up
the dialogs' ~25 rules were a third of our CSS, for screens not yet opened. Both dialog files come
together, in this order, whichever modal opens first, so the rules keep the order they had as one list.
"""

from __future__ import annotations

from pathlib import Path, PurePath

APP_CSS = "app.tcss"
DIALOG_CSS = ("dialogs.tcss", "library.tcss")


def styles_dir() -> Path:
    """The .tcss files: beside the package in a checkout, inside it in an installed wheel."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "styles", package / "styles"):
        if candidate.is_dir():
            return candidate
    return package / "styles"


def app_css_paths() -> list[str | PurePath]:
    return [styles_dir() / APP_CSS]


def dialog_css_paths() -> list[str | PurePath]:
    return [styles_dir() / name for name in DIALOG_CSS]
