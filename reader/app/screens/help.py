"""The help screen: every key that works, as the keymap has them now."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader.app.screens.dialog import DialogScreen

INTRO = (
    "un-reader walks a letter's references with the keyboard. Select a reference with tab, "
    "follow it with enter, come back with backspace. ctrl+p lists every action by name."
)


def help_content(rows: list[tuple[str, str]]) -> Content:
    width = max((len(keys) for keys, _ in rows), default=0) + 2
    lines = [Content.assemble((keys.ljust(width), "bold"), description) for keys, description in rows]
    return Content("\n").join(lines)


class HelpScreen(DialogScreen[None]):
    """Lists key -> description rows handed over by the app (so remapped keys show as remapped)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help"),
        # the keys of less and vim, as in the panes
        Binding("j,down", "scroll(1)", "Down", show=False, id="help-down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help-up"),
        Binding("ctrl+d", "scroll(0.5, True)", "Half down", show=False, id="help-half-down"),
        Binding("ctrl+u", "scroll(-0.5, True)", "Half up", show=False, id="help-half-up"),
        Binding("ctrl+f,pagedown,space", "scroll(1, True)", "Page down", show=False, id="help-page-down"),
        Binding("ctrl+b,pageup", "scroll(-1, True)", "Page up", show=False, id="help-page-up"),
        Binding("G,end", "edge(True)", "Bottom", show=False, id="help-bottom"),
        Binding("g,home", "edge(False)", "Top", show=False, id="help-top"),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(Content.styled("Keys", "bold"), classes="dialog-title")
            yield Static(Content(INTRO), classes="dialog-intro")
            with VerticalScroll(id="help-keys"):
                yield Static(help_content(self.rows), id="help-table")
            yield Static(
                Content("j/k, ctrl+d/ctrl+u, ctrl+f/ctrl+b, g/G: scroll   escape: close"),
                classes="dialog-hint",
            )

    def action_scroll(self, amount: float, pages: bool = False) -> None:
        """Scroll the list of keys by lines, or by `amount` of its height."""
        keys = self.query_one("#help-keys", VerticalScroll)
        step = amount * max(keys.scrollable_content_region.height, 1) if pages else amount
        keys.scroll_to(y=keys.scroll_y + int(step), animate=False)

    def action_edge(self, bottom: bool) -> None:
        keys = self.query_one("#help-keys", VerticalScroll)
        keys.scroll_to(y=keys.max_scroll_y if bottom else 0, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
