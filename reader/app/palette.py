"""Command-palette providers: every key's action by its description, and the open letters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """A palette entry; `name` may hold letter text, so it is shown as plain `Content`, never markup."""

    name: str
    help: str
    run: Callable[[], object]


class CommandSource(Protocol):
    def palette_commands(self) -> list[PaletteCommand]: ...


class ReaderCommands(Provider):
    """Yields the app's actions (described as in the footer and help) and "Show letter ..." entries."""

    def _commands(self) -> list[PaletteCommand]:
        source = cast(CommandSource, self.app)
        return source.palette_commands() if hasattr(source, "palette_commands") else []

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
