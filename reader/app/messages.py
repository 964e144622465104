"""Messages from the app's workers: small dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.model import Letter


@dataclass
class LetterParsed(Message):
    """The parse worker finished one file: a letter, or the one-line reason it failed."""

    key: str
    letter: Letter | None = None
    error: str | None = None
