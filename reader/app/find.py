"""Find in the shown letter: `/` opens the bar, enter highlights the query in the body and the
footnotes, `n` and `N` walk the matches of both panes in turn, wrapping round.

The query, the matches and the current one live here, not on the screen; the reading screen holds
one `Find`, forwards its keys to it and asks it for the status line's "2/5 query" prefix. What find
needs of the screen (its panes, focus, status line and notifications) is the small `FindHost`.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from textual.containers import Horizontal
from textual.content import Content

from reader.app.safe_text import one_line

if TYPE_CHECKING:
    from textual.widgets import Input

    from reader.app.widgets.text_pane import TextPane

PANES = ("body", "footnotes")  # searched in this order: a hit's number counts the body's first


class FindHost(Protocol):
    """What find uses of the reading screen (named here so this module never imports it)."""

    active_pane_name: str

    def pane(self, name: str) -> TextPane: ...

    def focus_pane(self, name: str) -> None: ...

    def refresh_status(self) -> None: ...

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None: ...


class Find:
    """The find bar and its state: the query, every match as (pane, match index), the current one."""

    def __init__(self, host: FindHost) -> None:
        self._host = host
        self.bar = Horizontal(id="find-bar")  # composed by the screen; its input is mounted on first `/`
        self.query = ""
        self.hits: list[tuple[str, int]] = []
        self.index: int | None = None

    @cached_property
    def input(self) -> Input:
        """Built when `/` first opens the find bar: the first paint needs neither the class nor the box."""
        from reader.app.widgets.find_bar import FindInput

        return FindInput(placeholder="find in this letter", id="find-input")

    async def open(self) -> None:
        find_input = self.input
        if find_input.parent is None:  # an Input's styles and mount cost the first paint ~4 ms
            await self.bar.mount(find_input)
        self.bar.add_class("-shown")
        find_input.value = self.query
        find_input.focus()

    def close(self) -> None:
        """Hide the bar and give the focus back to the pane that had it."""
        self.bar.remove_class("-shown")
        self._host.focus_pane(self._host.active_pane_name)

    def run(self, query: str) -> int:
        """Highlight `query` in the body and footnotes and show the first match from the view down."""
        host = self._host
        self.query = query
        self.hits = []
        body_first: int | None = None
        for name in PANES:
            pane = host.pane(name)
            count = pane.find(query)
            if name == "body":
                body_first = pane.first_match_from_view()
            self.hits.extend((name, i) for i in range(count))
        self.close()
        if not self.hits:
            self.index = None
            if query:
                host.notify("No match.", timeout=2)
            host.refresh_status()
            return 0
        self.show(body_first if body_first is not None else 0)
        return len(self.hits)

    def show(self, index: int) -> None:
        """Make match `index` (modulo their number) the current one and focus its pane."""
        self.index = index % len(self.hits)
        name, match = self.hits[self.index]
        for pane_name in PANES:
            self._host.pane(pane_name).show_match(match if pane_name == name else None)
        self._host.focus_pane(name)
        self._host.refresh_status()

    def clear(self) -> None:
        """Forget the find: a letter newly shown has none (its panes dropped their matches)."""
        self.query = ""
        self.hits = []
        self.index = None

    def step(self, step: int) -> None:
        """`n` (1) and `N` (-1): the next or previous match, saying when it wraps round."""
        if not self.hits:
            self._host.notify("Nothing to find: press / first.", timeout=2)
            return
        index = (self.index or 0) + step
        if index >= len(self.hits):
            self._host.notify("Find wrapped to the first match.", timeout=2)
        elif index < 0:
            self._host.notify("Find wrapped to the last match.", timeout=2)
        self.show(index)

    def status(self, described: Content) -> Content:
        """The status line with the find's "current/count query" in front, while there is a find."""
        if not (self.hits or self.query):
            return described
        count = f"{(self.index or 0) + 1}/{len(self.hits)}" if self.hits else "0/0"
        return Content.assemble((count, "reverse"), " ", (one_line(self.query), "italic"), " │ ", described)
