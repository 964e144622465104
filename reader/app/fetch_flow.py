"""The reading screen's side of fetching a cited document: `F` (or the symbol panel) starts a fetch,
and when it ends the outcome is said and the fetched document is opened at the place the citing
reference named.

The fetch itself runs in `FetchService` (fetching.py), which never calls into the screen; this
answers its `Finished` message. Opening the document goes through the screen's own ways of showing
a letter (`FetchHost`), so a fetched document is shown, recorded in the history and placed like
any letter the library finds. Imported on the first fetch: the first paint needs none of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader.app.fetching import FetchService, outcome_line
from reader.app.letters import OpenLetter, OpenLetters
from reader.app.safe_text import one_line
from reader.model import Pinpoint

if TYPE_CHECKING:
    from reader.app.library_service import LibraryService
    from reader.app.screens.entry_pick import LetterTarget


class FetchHost(Protocol):
    """What the fetch flow uses of the reading screen (named here so this module never imports it)."""

    letters: OpenLetters

    def open_letter(self, entry: OpenLetter) -> OpenLetter: ...

    def place_when_shown(self, key: str, place: tuple[Pinpoint, str | None]) -> None: ...

    def parse_later(self, entry: OpenLetter, target: LetterTarget | None) -> None: ...

    def refresh_status(self) -> None: ...

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None: ...


def _resolved_path(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


class FetchFlow:
    """Starts fetches for the screen and turns each one's end into a word or an opened document."""

    def __init__(self, host: FetchHost, fetching: FetchService, service: LibraryService) -> None:
        self._host = host
        self._fetching = fetching
        self._service = service

    def fetch(self, symbol: str, pinpoint: object = None) -> None:
        """Fetch a document into the documents folder and show it when it arrives."""
        if not self._fetching.fetch(symbol, pinpoint):
            running = one_line(self._fetching.symbol or "")
            self._host.notify(f"Already fetching {running}: escape cancels it.", timeout=3, markup=False)
        self._host.refresh_status()

    def finished(self, message: FetchService.Finished) -> None:
        """Say how the fetch ended; a stored document is opened and its folder indexed again."""
        host = self._host
        result = message.result
        if message.cancelled or (result is not None and result.outcome == "cancelled"):
            host.notify(f"Fetch of {one_line(message.symbol)} cancelled.", timeout=3, markup=False)
        elif result is None:
            host.notify(message.error, title="Fetch", severity="error", markup=False)
        elif not result.ok or result.path is None:
            host.notify(outcome_line(result), title="Fetch", severity="warning", timeout=8, markup=False)
        else:
            self._show_fetched(result.path, message)
            self._service.refresh_folder(result.path.parent)  # index it: later jumps find it
        host.refresh_status()

    def _show_fetched(self, path: Path, message: FetchService.Finished) -> None:
        """Open the fetched document (already parsed by the fetch worker) at the reference's pinpoint."""
        from reader.app import places

        host = self._host
        key = self._service.bridge.open_key(path) or str(_resolved_path(path))
        known = host.letters.add(OpenLetter(key=key, path=path))
        if message.letter is not None:
            known = host.letters.set_letter(key, message.letter)
        elif message.letter_error is not None and known.letter is None:
            known = host.letters.set_error(key, message.letter_error)
        host.open_letter(known)
        pinpoint = places.as_pinpoint(message.pinpoint)
        if pinpoint is not None:  # the same places as a jump into the library
            host.place_when_shown(known.key, (pinpoint, None))
        if known.letter is None and known.error is None:
            host.parse_later(known, None)
