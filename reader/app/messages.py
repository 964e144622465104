"""Messages between the app's widgets and workers: small dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from reader.model import Letter

if TYPE_CHECKING:
    from reader.app.widgets.text_pane import Mark


@dataclass
class SelectionChanged(Message):
    """A pane's selected mark changed: the status line describes the new one."""

    pane: str
    mark: Mark | None


@dataclass
class LetterParsed(Message):
    """The parse worker finished one file: a letter, or the one-line reason it failed."""

    key: str
    letter: Letter | None = None
    error: str | None = None
