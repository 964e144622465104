"""Where the reader has been: the back/forward stacks of jump locations.

Kept free of Textual so that the library step can reuse it (a jump from a search hit is a jump too)
and so that it is tested as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PANES = ("body", "footnotes", "agenda")


@dataclass(frozen=True, slots=True)
class PaneState:
    """One pane's selection (index of the selected mark, or None) and vertical scroll."""

    selected: int | None = None
    scroll_y: int = 0


@dataclass(frozen=True, slots=True)
class Location:
    """Everything needed to put the screen back as it was before a jump."""

    letter: str  # the open letter's key in the OpenLetters set (its path as given)
    pane: str = "body"
    panes: tuple[tuple[str, PaneState], ...] = ()

    def state(self, pane: str) -> PaneState:
        return dict(self.panes).get(pane, PaneState())


@dataclass
class History:
    """Browser-style history: a jump pushes where it started and forgets the forward stack."""

    limit: int = 200
    _back: list[Location] = field(default_factory=list)
    _forward: list[Location] = field(default_factory=list)

    def push(self, origin: Location) -> None:
        self._back.append(origin)
        del self._back[: -self.limit]
        self._forward.clear()

    def back(self, current: Location) -> Location | None:
        """The location to return to, remembering `current` for `forward`; None at the start."""
        if not self._back:
            return None
        self._forward.append(current)
        return self._back.pop()

    def forward(self, current: Location) -> Location | None:
        if not self._forward:
            return None
        self._back.append(current)
        return self._forward.pop()

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)
