"""The find input: `/` opens it at the bottom, enter searches, escape closes it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input


class FindInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.close_find", "Close find", id="close-find")
    ]
