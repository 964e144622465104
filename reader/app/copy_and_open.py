"""What the reader takes out of the letter: `y` copies the selected reference (a document's symbol,
a footnote's text, an agenda item), `Y` copies its URL and `o` opens the URL in a browser.

How text reaches the clipboard is clipboard.py's (OSC 52, else a panel to select from) and how a
browser is found and started is terminal.py's; here is only what the selection gives them. The
module is imported on the first of these keys. What it needs of the reading screen is `CopyHost`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from reader.app.safe_text import one_line
from reader.model import Letter

if TYPE_CHECKING:
    from textual.app import App

    from reader.app.widgets.text_pane import Mark, TextPane


class CopyHost(Protocol):
    """What copying and opening use of the reading screen (named here so this module never imports it)."""

    url_opener: Callable[[str], bool] | None  # tests hand in their own; None: webbrowser.open

    @property
    def app(self) -> App[object]: ...

    @property
    def shown_letter(self) -> Letter | None: ...

    @property
    def active_pane(self) -> TextPane: ...

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None: ...


def copy_text(mark: Mark, letter: Letter) -> str:
    """What `y` copies of a selected mark: a document's symbol, a reference's text, an agenda item,
    or a footnote's text (for its number, selected in the footnotes pane)."""
    ref = mark.reference
    if ref is not None and ref.is_document:
        return one_line(ref.symbol or ref.text)
    if ref is not None:
        return one_line(ref.text)
    if mark.anchor.startswith("agenda:"):
        return "agenda item " + mark.anchor.removeprefix("agenda:")
    footnote = next((f for f in letter.all_footnotes() if f.id == mark.anchor), None)
    return one_line(footnote.text) if footnote is not None else ""


def _send(host: CopyHost, text: str) -> None:
    from reader.app.clipboard import send_to_clipboard

    send_to_clipboard(host.app, text)


def copy_reference(host: CopyHost) -> None:
    """`y`: the selected mark's text (copy_text) to the clipboard."""
    mark = host.active_pane.selected_mark
    letter = host.shown_letter
    if mark is None or letter is None:
        host.notify("Nothing selected: tab selects a reference.", timeout=2)
        return
    _send(host, copy_text(mark, letter))


def _selected_url(host: CopyHost) -> str | None:
    """The selected reference's URL, or None with a word on why there is none."""
    mark = host.active_pane.selected_mark
    ref = mark.reference if mark is not None else None
    if ref is None:
        host.notify("Nothing selected: tab selects a reference.", timeout=2)
        return None
    if not ref.url:
        host.notify("This reference has no URL (only document symbols have one).", timeout=3)
        return None
    return one_line(ref.url)


def copy_url(host: CopyHost) -> None:
    """`Y`: the selected reference's URL to the clipboard."""
    url = _selected_url(host)
    if url is not None:
        _send(host, url)


def open_url(host: CopyHost) -> None:
    """`o`: the URL in the session's browser, from a thread; without one, the URL to copy."""
    from reader.app.terminal import has_browser, open_in_background

    url = _selected_url(host)
    if url is None:
        return
    from reader.app.screens.url_panel import UrlPanel

    app = host.app
    if not has_browser():
        app.push_screen(UrlPanel(url, "No browser in this session (no display): copy the URL."))
        return

    def done(opened: bool) -> None:
        if opened:
            app.call_from_thread(host.notify, f"Opened in the browser: {url}", timeout=3, markup=False)
        else:
            app.call_from_thread(
                app.push_screen, UrlPanel(url, "The browser could not be started: copy the URL.")
            )

    host.notify(f"Opening {url} …", timeout=2, markup=False)
    open_in_background(url, done, host.url_opener)
