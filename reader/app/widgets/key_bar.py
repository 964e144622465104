"""The footer: one line of the keys that work here, as the keymap has them, in the action table's order.

A single widget redrawn from `Screen.active_bindings` instead of Textual's `Footer`, which
recomposes a widget per key on every focus change: that cost showed in start-up and in every
jump between panes. Keys are not clickable: the reader is driven from the keyboard.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from reader.app.actions import PALETTE_KEY, key_bar_order


class KeyBar(Static):
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.refresh_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh_keys()

    def refresh_keys(self) -> None:
        parts: list[Content] = []
        last: list[Content] = []  # quit: never dropped for want of room
        idle: frozenset[str] = getattr(self.screen, "idle_actions", frozenset)()  # would do nothing now
        for binding in key_bar_order(active.binding for active in self.screen.active_bindings.values()):
            if binding.id in idle:
                continue
            key = self.app.get_key_display(binding)
            part = Content.assemble((key, "bold $text-accent"), " ", binding.description)
            (last if binding.action in QUIT_ACTIONS else parts).append(part)
        parts.append(Content.assemble((PALETTE_KEY, "bold $text-accent"), " ", "palette"))
        self.update(fit_keys(parts, last, self.content_region.width))

    def on_resize(self) -> None:
        self.refresh_keys()


QUIT_ACTIONS = ("quit", "app.quit")
GAP = Content("  ")
MORE = Content.styled("…", "dim")


def fit_keys(parts: list[Content], last: list[Content], width: int) -> Content:
    """The keys that fit in `width`, whole, then "…" if some were left out, then quit."""
    if width <= 0:
        return GAP.join([*parts, *last])
    line = GAP.join([*parts, *last])
    kept = list(parts)
    while kept and line.cell_length > width:
        kept.pop()
        line = GAP.join([*kept, MORE, *last])
    return line
