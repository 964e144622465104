"""Copying for the person: OSC 52 where the terminal may take it, else the text shown to select.

A terminal never says whether it took an OSC 52 sequence, so the reader says what it did ("Sent to
the terminal's clipboard (OSC 52)") rather than "Copied"; on a terminal that has no clipboard at all
(the Linux console) the text is shown in a panel instead, alone on its line, to be selected by hand.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from reader.app.safe_text import one_line
from reader.app.terminal import has_clipboard

SENT = "Sent to the terminal's clipboard (OSC 52): "


def send_to_clipboard(app: App[Any], text: str) -> None:
    text = one_line(text)
    if not text:
        app.notify("Nothing to copy here.", timeout=2)
        return
    if not has_clipboard():
        from reader.app.screens.url_panel import UrlPanel

        app.push_screen(
            UrlPanel(text, "This terminal has no clipboard the reader can reach: select it here.")
        )
        return
    app.copy_to_clipboard(text)
    app.notify(SENT + text, timeout=4, markup=False)
