"""The reader's actions in one table: bindings, the help screen, the key bar and the palette come from it.

Each row says once what an action is called (its binding id, which a keymap remaps), its default
keys, the words the key bar and the help screen show, and where it runs: in the focused text pane,
on the reading screen, or on the app. Nothing else lists actions, so a new key appears everywhere
at once and the palette finds an action by its id, never by matching its text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

from textual.binding import Binding, BindingType
from textual.screen import Screen

Scope = Literal["pane", "screen", "app"]

PALETTE_KEY = "^p"
PALETTE_ROW = (PALETTE_KEY, "Command palette: every action by name")


@dataclass(frozen=True, slots=True)
class Action:
    """One reader action; the table's order is the help screen's, the key bar's and the palette's."""

    id: str  # the binding id: what a keymap names
    keys: str  # default keys, comma separated, in Textual's names
    action: str  # the Textual action, in the namespace of `scope`
    label: str  # the key bar's word
    description: str  # the help screen's line and the palette's name
    scope: Scope = "screen"
    show: bool = False  # in the key bar

    def binding(self) -> Binding:
        return Binding(
            self.keys, self.action, self.label, show=self.show, tooltip=self.description, id=self.id
        )


ACTIONS: tuple[Action, ...] = (
    Action(
        "next-reference",
        "tab",
        "screen.next_reference",
        "Next ref",
        "Select the next reference in this pane",
        scope="pane",
        show=True,
    ),
    Action(
        "previous-reference",
        "shift+tab",
        "screen.previous_reference",
        "Prev ref",
        "Select the previous reference in this pane",
        scope="pane",
    ),
    Action("follow", "enter", "screen.follow", "Follow", "Follow the selected reference", "pane", True),
    Action(
        "back",
        "backspace,b,alt+left,ctrl+o",
        "go_back",
        "Back",
        "Back to where the last jump started",
        show=True,
    ),
    Action("forward", "f,alt+right,ctrl+i", "go_forward", "Forward", "Forward again after going back"),
    Action("focus-body", "1", "focus_pane('body')", "Body", "Focus the letter's text"),
    Action("focus-footnotes", "2", "focus_pane('footnotes')", "Notes", "Focus the footnotes"),
    Action("focus-agenda", "3", "focus_pane('agenda')", "Agenda", "Focus the agenda items"),
    Action("find", "slash", "find", "Find", "Find text in the letter", show=True),
    Action("find-next", "n", "find_next", "Next match", "Next match of the find"),
    Action("find-previous", "N", "find_previous", "Previous match", "Previous match of the find"),
    Action(
        "goto",
        "g",
        "goto",
        "Go to",
        "Go to a symbol or place: S/RES/2231 (2015) para 5, 12, annex II",
        show=True,
    ),
    Action("next-section", "right_square_bracket", "next_section(1)", "Next section", "Next section"),
    Action("previous-section", "left_square_bracket", "next_section(-1)", "Prev section", "Previous section"),
    Action("references", "r", "references", "Refs", "List all references of the letter", show=True),
    Action(
        "copy-reference", "y", "screen.copy_reference", "Copy", "Copy the selected reference's symbol", "pane"
    ),
    Action("copy-url", "Y", "screen.copy_url", "Copy URL", "Copy the selected reference's URL", "pane"),
    Action(
        "open-url", "o", "screen.open_url", "Open", "Open the selected reference's URL in a browser", "pane"
    ),
    Action(
        "letters",
        "l",
        "letters",
        "Letters",
        "List the letters: the library's, or the open ones (and those that failed)",
    ),
    Action("cited-by", "c", "cited_by", "Cited by", "Letters in the library citing this one"),
    Action("search", "s", "search", "Search", "Search the text of every letter in the library"),
    Action(
        "mark-checked",
        "m",
        "mark_checked",
        "Check",
        "Mark the selected reference's document checked, every mention of it (again: unmark)",
    ),
    Action("flag", "x", "flag", "Flag", "Flag the selected reference's document with a note"),
    Action(
        "mark-mention", "M", "mark_mention", "Check one", "Mark only this mention checked (again: unmark)"
    ),
    Action("next-unchecked", "u", "next_unchecked", "Unchecked", "Select the next unchecked reference"),
    Action(
        "previous-unchecked",
        "U",
        "previous_unchecked",
        "Prev unchecked",
        "Select the previous unchecked reference",
    ),
    Action(
        "next-flagged", "exclamation_mark", "next_flagged", "Flagged", "Select the next flagged reference"
    ),
    Action("toggle-side", "w", "toggle_side", "Side panes", "Hide or show the footnotes and agenda"),
    Action("fetch", "F", "fetch_document", "Fetch", "Fetch the selected reference's document from the UN"),
    Action("cancel-fetch", "escape", "cancel_fetch", "Cancel fetch", "Cancel the running fetch"),
    Action("scroll-up", "up,k", "scroll_up", "Up", "Up", "pane"),
    Action("scroll-down", "down,j", "scroll_down", "Down", "Down", "pane"),
    Action("page-up", "pageup,ctrl+b", "page_up", "Page up", "Page up", "pane"),
    Action("page-down", "pagedown,space,ctrl+f", "page_down", "Page down", "Page down", "pane"),
    Action("scroll-top", "home", "scroll_home", "Top", "Top", "pane"),
    Action("scroll-bottom", "end,G", "scroll_end", "Bottom", "Bottom", "pane"),
    Action("half-page-up", "ctrl+u", "half_page(-1)", "Half up", "Half a page up", "pane"),
    Action("half-page-down", "ctrl+d", "half_page(1)", "Half down", "Half a page down", "pane"),
    Action("next-letter", "right_curly_bracket", "next_letter(1)", "Next letter", "Show the next letter"),
    Action(
        "previous-letter",
        "left_curly_bracket",
        "next_letter(-1)",
        "Prev letter",
        "Show the previous letter",
    ),
    Action("unreadable", "E", "unreadable", "Unreadable", "The files that could not be read, and why"),
    Action("help", "question_mark,f1", "help", "Help", "This list of keys", show=True),
    Action("quit", "q", "quit", "Quit", "Quit", "app", True),
)

BY_ID = {action.id: action for action in ACTIONS}
ORDER = {action.id: index for index, action in enumerate(ACTIONS)}


def bindings(scope: Scope) -> list[BindingType]:
    """The BINDINGS of the pane, the reading screen or the app: generated, never written by hand."""
    return [action.binding() for action in ACTIONS if action.scope == scope]


@runtime_checkable
class KeymapOwner(Protocol):
    """The app, which keeps the keymap it was given (Textual applies it but does not say it)."""

    @property
    def keymap(self) -> Mapping[str, str]: ...


def _action_of(binding: Binding) -> Action | None:
    """The table's action for a live binding; Textual's own unnamed binding to one (ctrl+q quits)
    counts for it too, so help lists every key that does it."""
    if binding.id is not None:
        return BY_ID.get(binding.id)
    return next((action for action in ACTIONS if action.action == binding.action), None)


def live_keys(screen: Screen[Any]) -> dict[str, list[str]]:
    """Action id -> the keys that do it on `screen` now, as the keymap has them (remaps included)."""
    keys: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        action = None if binding.system else _action_of(binding)
        if action is None:
            continue
        display = screen.app.get_key_display(binding)
        shown = keys.setdefault(action.id, [])
        if display not in shown:
            shown.append(display)
    return keys


def key_rows(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(keys, description) for the help screen: every action in the table's order, then the palette.

    An action whose keys are not live here (a pane's keys while the find bar has the focus) shows
    the keys the keymap gives it, else its defaults, so help always lists every action.
    """
    live = live_keys(screen)
    rows = []
    for action in ACTIONS:
        keys = live.get(action.id) or _default_keys(screen, action)
        rows.append((", ".join(keys), action.description))
    rows.append(PALETTE_ROW)
    return rows


def _default_keys(screen: Screen[Any], action: Action) -> list[str]:
    app = screen.app
    keys = app.keymap.get(action.id, action.keys) if isinstance(app, KeymapOwner) else action.keys
    return [app.get_key_display(Binding(key.strip(), action.action)) for key in keys.split(",")]


def key_bar_order(bindings: Iterable[Binding]) -> list[Binding]:
    """The key bar's bindings: those shown, one per action, in the table's order."""
    seen: set[str] = set()
    out: list[Binding] = []
    for binding in sorted(bindings, key=lambda b: ORDER.get(b.id or "", len(ORDER))):
        if not binding.show or binding.action in seen or binding.action == "command_palette":
            continue
        seen.add(binding.action)
        out.append(binding)
    return out


def key_for(screen: Screen[Any], action_id: str) -> str:
    """The first key that does an action on `screen` now (remaps included), for hints in sentences."""
    keys = live_keys(screen).get(action_id) or _default_keys(screen, BY_ID[action_id])
    return keys[0]
