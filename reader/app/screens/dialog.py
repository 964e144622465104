"""The base of every modal screen: the dialogs' styles load with the first one opened."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from reader.app.stylesheets import dialog_css_paths

ResultType = TypeVar("ResultType")


class DialogScreen(ModalScreen[ResultType]):
    """A `ModalScreen` whose `CSS_PATH` is `dialogs.tcss` and `library.tcss` (see `stylesheets.py`)."""

    CSS_PATH = dialog_css_paths()
