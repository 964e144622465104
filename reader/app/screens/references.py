"""All references of the shown letter in one filterable list; enter jumps to one."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input

from reader.app.screens.pick import PickScreen


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """One line of the list: what it says on screen and where it leads (pane and mark index)."""

    label: str  # already made safe by the caller (safe_text.one_line)
    detail: str  # kind and place: what the filter matches besides the label
    pane: str
    mark: int
    context: str = ""  # the words around it: shown, not filtered (neighbours would match too)


def reference_row(entry: ReferenceEntry) -> tuple[Content, ReferenceEntry]:
    content = Content.assemble((entry.label, "bold"), "  ", entry.detail, "  ", (entry.context, "dim"))
    return content, entry


class ReferencesScreen(PickScreen[ReferenceEntry]):
    """Typing filters (every word must appear); up/down move; enter jumps."""

    DIALOG_ID = "references-dialog"
    DIALOG_CLASSES = "dialog"
    TITLE_ID = "references-title"
    LIST_ID = "references-list"
    HINT = "type to filter   enter: jump   escape: cancel"
    EMPTY = ""

    def __init__(self, entries: list[ReferenceEntry], title: str = "References") -> None:
        self._all = [reference_row(e) for e in entries]
        super().__init__(title, self._all)
        self.entries = entries
        # What the filter looks in, folded once rather than on every key typed.
        self._haystacks = [f"{e.label} {e.detail}".casefold() for e in entries]

    @property
    def shown(self) -> list[ReferenceEntry]:
        return [entry for _, entry in self.rows]

    def compose_top(self) -> ComposeResult:
        yield Input(placeholder="filter", id="references-filter")

    def started(self) -> None:
        self.query_one("#references-filter", Input).focus()

    @on(Input.Changed, "#references-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        words = event.value.casefold().split()
        self.set_rows(
            [row for row, hay in zip(self._all, self._haystacks, strict=True) if all(w in hay for w in words)]
        )

    @on(Input.Submitted, "#references-filter")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(self.highlighted_value())
