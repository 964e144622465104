"""Jumps to a place inside the shown document: `]` and `[` to the next or previous section, enter on
a section of the contents or on an internal reference ("paragraph 9 below", "annex IV"), `g` with a
place alone ("para 12"), and the pinpoint a reference named once the cited document is shown.

Where a place is (a paragraph's or an annex's id) is places.py's, which stays free of Textual; here
it is brought to the top of the body, the jump recorded in the history when the reader asked for
it. Imported on the first such jump: the first paint needs none of it. What this needs of the
reading screen is the small `PlaceHost`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from reader.app import places
from reader.app.safe_text import one_line
from reader.app.widgets.contents import (
    next_section,
    section_anchor,
    section_blocks,
    section_label,
    section_of,
)
from reader.app.widgets.letter_view import block_map
from reader.model import Letter, Pinpoint, Reference

if TYPE_CHECKING:
    from reader.app.history import History, Location
    from reader.app.widgets.text_pane import Mark, TextPane


class PlaceHost(Protocol):
    """What place jumps use of the reading screen (named here so this module never imports it)."""

    current: str | None

    @property
    def shown_letter(self) -> Letter | None: ...

    @property
    def history(self) -> History: ...

    def location(self) -> Location: ...

    def pane(self, name: str) -> TextPane: ...

    def focus_pane(self, name: str) -> None: ...

    def refresh_status(self) -> None: ...

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None: ...


class PlaceJumps:
    """Brings places of the shown document to the top of the body; remembers the last section
    `]` went to, which the end of the text cannot scroll to the top."""

    def __init__(self, host: PlaceHost) -> None:
        self._host = host
        self._section_at: tuple[str, int] | None = None  # (letter key, block) `[`/`]` went to last

    def _top(self, block: int) -> None:
        self._host.pane("body").show_block_at_top(block)
        self._host.focus_pane("body")

    def jump_to(self, letter: Letter, where: str) -> bool:
        """Show the paragraph or annex `where` at the top of the body, recording the jump."""
        block = block_map(letter).get(where)
        if block is None:
            return False
        self._host.history.push(self._host.location())
        self._top(block)
        self._host.refresh_status()
        return True

    def show(self, letter: Letter, place: Pinpoint, annex: str | None) -> None:
        """After a jump into `letter`: bring the pinpointed place to the top (the jump is recorded)."""
        where = places.place_of(letter, place, annex)
        block = block_map(letter).get(where) if where is not None else None
        if block is None:
            label = one_line(letter.symbol or "this document")
            self._host.notify(
                f"No {one_line(places.describe_place(place))} found in {label}: shown from the top.",
                timeout=4,
                markup=False,
            )
            return
        self._top(block)
        self._host.refresh_status()

    def go_to(self, place: Pinpoint | None) -> None:
        """`g` with a place alone ("para 12", "annex II"): that place in the shown document."""
        letter = self._host.shown_letter
        if letter is None or place is None:
            self._host.notify("No document shown.", timeout=2)
            return
        where = places.place_of(letter, place)
        if where is None or not self.jump_to(letter, where):
            named = places.describe_place(place)
            self._host.notify(f"No {named} in this document.", timeout=3, markup=False)

    def follow_internal(self, letter: Letter, reference: Reference) -> None:
        """Enter on "paragraph 9 below", "annex IV": that place of this document."""
        where = places.internal_place(letter, reference)
        if where is None or not self.jump_to(letter, where):
            self._host.notify(
                f"{one_line(reference.text)}: not found in this document.", timeout=3, markup=False
            )

    def follow_section(self, mark: Mark, letter: Letter) -> bool:
        """Enter on a section of the contents: its first paragraph at the top of the body."""
        section = section_of(letter, mark.anchor)
        if section is None:
            return False
        if not self.jump_to(letter, section.paragraph):
            self._host.notify("That section's text is not shown.", timeout=2)
        return True

    def next_section(self, step: int) -> None:
        """`]` and `[`: the next or previous section from the top of the body."""
        host = self._host
        letter = host.shown_letter
        sections = section_blocks(letter, block_map(letter)) if letter is not None else []
        if letter is None or not sections:
            host.notify("No sections in this document.", timeout=2)
            return
        body = host.pane("body")
        position = body.top_block()
        last = self._section_at
        at_end = body.scroll_y >= body.max_scroll_y
        if last is not None and last[0] == host.current and at_end and step > 0:
            position = max(position, last[1])  # the end of the text cannot scroll a late section to the top
        found = next_section(sections, position, step)
        if found is None:
            host.notify("No next section." if step > 0 else "No previous section.", timeout=2)
            return
        block, section = found
        self._section_at = (host.current or "", block)
        body.show_block_at_top(block)
        host.pane("agenda").select_anchor(section_anchor(section))
        host.focus_pane("body")
        host.notify(one_line(section_label(section)), timeout=2, markup=False)
        host.refresh_status()
