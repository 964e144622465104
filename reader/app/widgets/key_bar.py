"""The footer: one line of the keys that work here, as the keymap has them.

A single widget redrawn from `Screen.active_bindings` instead of Textual's `Footer`, which
recomposes a widget per key on every focus change: that cost showed in start-up and in every
jump between panes. Keys are not clickable: the reader is driven from the keyboard.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


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
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen or binding.action == "command_palette":
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            parts.append(Content.assemble((key, "bold $text-accent"), " ", binding.description))
        parts.append(Content.assemble(("^p", "bold $text-accent"), " ", "palette"))
        self.update(Content("  ").join(parts))
