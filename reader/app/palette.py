"""The command palette's provider: every action of the table in `actions.py`, and the open letters."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from reader.app.actions import ACTIONS, Action
from reader.app.letters import OpenLetter
from reader.app.safe_text import one_line


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """A palette entry; `name` may hold letter text, so it is shown as plain `Content`, never markup."""

    name: str
    help: str
    run: Callable[[], object]


def reader_commands(
    rows: Sequence[tuple[str, str]],
    run: Callable[[Action], Awaitable[None]],
    letters: Iterable[OpenLetter],
    show: Callable[[str], None],
) -> list[PaletteCommand]:
    """Every action of the table named as help names it, with the keys `rows` (help's rows, in the
    table's order) give it, run by `run` where its binding runs; then each parsed open letter,
    shown by `show` (its key)."""
    commands = [
        PaletteCommand(action.description, f"key: {keys}", partial(run, action))
        for action, (keys, _) in zip(ACTIONS, rows, strict=False)
    ]
    for entry in letters:
        if entry.letter is not None:
            commands.append(
                PaletteCommand(
                    f"Show letter {one_line(entry.label)}", "open this letter", partial(show, entry.key)
                )
            )
    return commands


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
