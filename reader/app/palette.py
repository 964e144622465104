"""The command palette's provider: every action of the table in `actions.py`, and the open letters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """A palette entry; `name` may hold letter text, so it is shown as plain `Content`, never markup."""

    name: str
    help: str
    run: Callable[[], object]


@runtime_checkable
class CommandSource(Protocol):
    """The screen the palette was opened on, when it has commands of its own (the reading screen)."""

    def palette_commands(self) -> list[PaletteCommand]: ...


class ReaderCommands(Provider):
    """Yields the reading screen's actions (named as in help) and "Show letter ..." entries."""

    def _commands(self) -> list[PaletteCommand]:
        source = self.screen
        return source.palette_commands() if isinstance(source, CommandSource) else []

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score, Content(command.name), command.run, text=command.name, help=escape(command.help)
                )

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(
                Content(command.name), command.run, text=command.name, help=escape(command.help)
            )
