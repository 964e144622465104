"""The reader app: one letter on screen, its references walked and followed with the keyboard.

Letters are parsed in a thread worker (first paint is never blocked) through `reader.parser.parse_path`
only; a letter that fails shows its one-line error and the others stay open. Following a document
symbol goes through a `SymbolResolver` (today the letters named on the command line, later the
library) and every jump is recorded in a `History` so backspace puts the screen back as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widgets import Input

from reader.app.commands import PaletteCommand, ReaderCommands
from reader.app.history import PANES, History, Location, PaneState
from reader.app.letters import (
    OpenLetter,
    OpenLetters,
    SymbolResolver,
    expand_paths,
    reference_symbols,
)
from reader.app.library_ui import LIBRARY_BINDINGS, LIBRARY_KEY_ORDER, LibraryUI
from reader.app.messages import LetterParsed, SelectionChanged
from reader.app.review_marks import ReviewMarks
from reader.app.safe_text import one_line
from reader.app.widgets.agenda import AgendaView, agenda_anchor
from reader.app.widgets.find_bar import FindInput
from reader.app.widgets.footnotes import FootnotesView
from reader.app.widgets.key_bar import KeyBar
from reader.app.widgets.letter_view import LetterView
from reader.app.widgets.status import HeaderLine, StatusLine, describe_mark, find_footnote, header_content
from reader.app.widgets.text_pane import Mark, TextPane
from reader.cli import app_exit_code
from reader.errors import ReaderError
from reader.formats.files import DOCUMENT_SUFFIXES
from reader.model import Letter, Reference, RefKind
from reader.symbol_keys import symbol_key
from reader.urls import document_url

if TYPE_CHECKING:  # imported where used: no screen is needed before the first paint
    from reader.app.screens.references import ReferenceEntry

Loader = Callable[[Path], Letter]

_KEY_ORDER = {
    name: index
    for index, name in enumerate(
        (
            "next-reference",
            "previous-reference",
            "follow",
            "back",
            "forward",
            "focus-body",
            "focus-footnotes",
            "focus-agenda",
            "find",
            "find-next",
            "find-previous",
            "goto",
            "references",
            "copy-reference",
            "letters",
            *LIBRARY_KEY_ORDER,
            "toggle-side",
            "scroll-up",
            "scroll-down",
            "page-up",
            "page-down",
            "scroll-top",
            "scroll-bottom",
            "help",
            "quit",
        )
    )
}


def styles_dir() -> Path:
    """The .tcss files: beside the package in a checkout, inside it in an installed wheel."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package.parent / "styles", package / "styles"):
        if candidate.is_dir():
            return candidate
    return package / "styles"


def _css_paths() -> list[str | PurePath]:
    return [*sorted(styles_dir().glob("*.tcss"))]


def _default_loader(path: Path) -> Letter:
    from reader.parser import parse_path

    return parse_path(path)


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    before = one_line(text[max(0, start - width) : start]).lstrip()
    after = one_line(text[end : end + width]).rstrip()
    return f"…{before}[{one_line(text[start:end])}]{after}…"


class ReaderApp(App[int]):
    """`un-reader PATH ...`: the first letter named is shown, the others are open for jumps."""

    TITLE = "un-reader"
    CSS_PATH = _css_paths()
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (Textual's own type)
    COMMANDS = App.COMMANDS | {ReaderCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "backspace,b,alt+left",
            "go_back",
            "Back",
            tooltip="Back to where the last jump started",
            id="back",
        ),
        Binding(
            "f,alt+right",
            "go_forward",
            "Forward",
            show=False,
            tooltip="Forward again after going back",
            id="forward",
        ),
        Binding(
            "1", "focus_pane('body')", "Body", show=False, tooltip="Focus the letter's text", id="focus-body"
        ),
        Binding(
            "2",
            "focus_pane('footnotes')",
            "Notes",
            show=False,
            tooltip="Focus the footnotes",
            id="focus-footnotes",
        ),
        Binding(
            "3",
            "focus_pane('agenda')",
            "Agenda",
            show=False,
            tooltip="Focus the agenda items",
            id="focus-agenda",
        ),
        Binding("slash", "find", "Find", tooltip="Find text in the letter", id="find"),
        Binding("n", "find_next", "Next match", show=False, tooltip="Next match of the find", id="find-next"),
        Binding(
            "N",
            "find_previous",
            "Previous match",
            show=False,
            tooltip="Previous match of the find",
            id="find-previous",
        ),
        Binding("g", "goto", "Go to", tooltip="Go to a symbol (with completion)", id="goto"),
        Binding("r", "references", "Refs", tooltip="List all references of the letter", id="references"),
        Binding(
            "l",
            "letters",
            "Letters",
            show=False,
            tooltip="List the letters: the library's, or the open ones (and those that failed)",
            id="letters",
        ),
        *LIBRARY_BINDINGS,
        Binding(
            "w",
            "toggle_side",
            "Side panes",
            show=False,
            tooltip="Hide or show the footnotes and agenda",
            id="toggle-side",
        ),
        Binding("question_mark,f1", "help", "Help", tooltip="This list of keys", id="help"),
        Binding("q", "quit", "Quit", tooltip="Quit", id="quit"),
    ]

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        load: Loader | None = None,
        resolver: SymbolResolver | None = None,
        library: Sequence[Path] | None = None,
        reviews: ReviewMarks | None = None,
    ) -> None:
        super().__init__()
        self.letters = OpenLetters(expand_paths(paths))
        if reviews is None:  # reviewing is the library's: an app without one never reads the store
            reviews = ReviewMarks(enabled=library is not None)
        self.library_ui = LibraryUI(self, library, reviews, parser=load)
        self.resolver: SymbolResolver = resolver if resolver is not None else self.library_ui.bridge
        self.history = History()
        self._load = load or _default_loader
        first = self.letters.first
        self.current: str | None = first.key if first is not None else None
        self.active_pane_name = "body"
        self.find_query = ""
        self.find_hits: list[tuple[str, int]] = []
        self.find_index: int | None = None
        self._eager = _eager_keys(self.letters, library)
        self.pending = len(self._eager)
        self.header = HeaderLine(id="header")
        self.body = LetterView(id="body")
        self.footnotes = FootnotesView(id="footnotes")
        self.agenda = AgendaView(id="agenda")
        self.find_input = FindInput(placeholder="find in this letter", id="find-input")
        self.status = StatusLine(id="status")
        self._panes: dict[str, TextPane] = {
            "body": self.body,
            "footnotes": self.footnotes,
            "agenda": self.agenda,
        }

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Kept by reference: messages can arrive while a modal screen is on top, where a query
        # would search the modal instead of the main screen.
        yield self.header
        with Horizontal(id="panes"):
            yield self.body
            with Vertical(id="side"):
                yield self.footnotes
                yield self.agenda
        with Horizontal(id="find-bar"):
            yield self.find_input
        yield self.status
        yield KeyBar(id="keys")

    @property
    def main_screen(self) -> Screen[object]:
        """The reading screen under any modal: where panes, find bar and side-pane state live."""
        return self.screen_stack[0] if self.screen_stack else self.screen

    def pane(self, name: str) -> TextPane:
        return self._panes[name]

    @property
    def active_pane(self) -> TextPane:
        return self.pane(self.active_pane_name)

    @property
    def shown_letter(self) -> Letter | None:
        entry = self.letters.get(self.current) if self.current is not None else None
        return entry.letter if entry is not None else None

    def on_mount(self) -> None:
        self.pane("footnotes").border_title = "Footnotes (2)"
        self.pane("agenda").border_title = "Agenda (3)"
        self.pane("body").border_title = "Letter (1)"
        self.pane("body").focus()
        if self.current is not None:
            self.show_letter(self.current)
        else:
            self.body.show_message("No letter to show: name files or folders of letters.")
        self.run_worker(self._parse_all, thread=True, group="parse", name="parse letters")
        self.library_ui.start()

    def on_unmount(self) -> None:
        self.library_ui.close()

    def load_letter(self, path: Path) -> Letter:
        return self._load(path)

    def _parse_all(self) -> None:
        """Parse every named file in order (the shown one first); never let one letter stop the rest."""
        for entry in [e for e in self.letters if e.key in self._eager]:
            try:
                letter = self._load(entry.path)
            except ReaderError as error:
                self.post_message(LetterParsed(entry.key, error=one_line(str(error))))
            except Exception as error:  # a parser bug must not take the other letters down
                self.post_message(LetterParsed(entry.key, error=one_line(f"{type(error).__name__}: {error}")))
            else:
                self.post_message(LetterParsed(entry.key, letter=letter))

    @on(LetterParsed)
    def letter_parsed(self, message: LetterParsed) -> None:
        self.pending -= 1
        if message.letter is not None:
            self.letters.set_letter(message.key, message.letter)
        else:
            entry = self.letters.set_error(message.key, message.error or "unknown error")
            self.notify(_error_line(entry), title="Could not read", severity="error", markup=False)
        if message.key == self.current:
            self.show_letter(message.key)
        else:
            self._update_header()
            self._update_status()

    # -- showing letters and restoring locations -----------------------------------------------

    def show_letter(self, key: str, restore: Location | None = None) -> None:
        entry = self.letters[key]
        self.current = key
        body, footnotes, agenda = self.body, self.footnotes, self.agenda
        if entry.letter is not None:
            body.show_letter(entry.letter)
            footnotes.show_letter(entry.letter)
            agenda.show_letter(entry.letter)
        else:
            if entry.error is not None:
                body.show_message(_error_line(entry), kind="error")
            else:
                body.show_message(f"Loading {entry.name} …")
                if key not in self._eager:  # a library folder's letter: parsed when first shown
                    self.library_ui.load(entry)
            footnotes.set_content([], [])
            agenda.set_content([], [])
        self._clear_find()
        if restore is not None:
            self._apply_location(restore)
        self._update_header()
        self._update_status()

    def location(self) -> Location:
        return Location(
            letter=self.current or "",
            pane=self.active_pane_name,
            panes=tuple(
                (name, PaneState(self.pane(name).selected, round(self.pane(name).scroll_y))) for name in PANES
            ),
        )

    def _apply_location(self, location: Location) -> None:
        for name in PANES:
            pane = self.pane(name)
            state = location.state(name)
            pane.select(state.selected, scroll=False)
            pane.scroll_to(y=state.scroll_y, animate=False, immediate=True)
        self._focus(location.pane)

    def go_to_location(self, location: Location) -> None:
        if location.letter != self.current and self.letters.get(location.letter) is not None:
            self.show_letter(location.letter, restore=location)
        else:
            self._apply_location(location)
            self._update_status()

    def _focus(self, name: str) -> None:
        if name != "body":
            self.main_screen.remove_class("-side-hidden")
        self.active_pane_name = name
        self.pane(name).focus()

    def _update_header(self) -> None:
        keys = [entry.key for entry in self.letters]
        position = keys.index(self.current) + 1 if self.current in keys else 0
        entry = self.letters.get(self.current) if self.current is not None else None
        self.header.update(header_content(entry, position, len(keys)))

    def _update_status(self) -> None:
        pane = self.active_pane
        described = describe_mark(pane.selected_mark, self.shown_letter, self.resolver, self.current or "")
        if self.find_hits or self.find_query:
            count = f"{(self.find_index or 0) + 1}/{len(self.find_hits)}" if self.find_hits else "0/0"
            described = Content.assemble(
                (count, "reverse"), " ", (one_line(self.find_query), "italic"), " │ ", described
            )
        extra = self.library_ui.status(pane.selected_mark, self.shown_letter)
        if extra:  # kept in view: the reference's description gives way
            tail = Content(" │ ").join(extra)
            room = max((self.status.size.width or self.size.width) - tail.cell_length - 3, 10)
            described = Content(" │ ").join([described.truncate(room, ellipsis=True), tail])
        self.status.update(described)

    def refresh_status(self) -> None:
        self._update_status()

    @on(SelectionChanged)
    def selection_changed(self, message: SelectionChanged) -> None:
        if message.pane == self.active_pane_name:
            self._update_status()

    @on(DescendantFocus)
    def pane_focused(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, TextPane):
            self.active_pane_name = event.widget.pane_name
            self._update_status()

    # -- references ----------------------------------------------------------------------------

    def action_next_reference(self) -> None:
        if not self.active_pane.select_next(1):
            self.notify("No references in this pane.", timeout=2)

    def action_previous_reference(self) -> None:
        if not self.active_pane.select_next(-1):
            self.notify("No references in this pane.", timeout=2)

    def _jump(self, pane: str, select: Callable[[TextPane], bool]) -> bool:
        """Record where we are, move focus to `pane` and select there; undo the record on failure."""
        origin = self.location()
        target = self.pane(pane)
        if not select(target):
            return False
        self.history.push(origin)
        self._focus(pane)
        self._update_status()
        return True

    def action_follow(self) -> None:
        pane = self.active_pane
        mark = pane.selected_mark
        letter = self.shown_letter
        if letter is None:
            return
        if mark is None:
            self.action_next_reference()
            return
        if mark.reference is None:
            if pane.pane_name == "agenda" and self.library_ui.show_agenda_letters(mark):
                return
            self._follow_anchor(mark, letter)
            return
        reference = mark.reference
        if reference.kind is RefKind.FOOTNOTE:
            footnote = find_footnote(letter, reference)
            if footnote is None or not self._jump("footnotes", lambda p: p.select_anchor(footnote.id)):
                self.notify(f"Footnote {one_line(reference.text)} is not in this letter.", markup=False)
        elif reference.kind is RefKind.AGENDA_ITEM:
            if not self._jump("agenda", lambda p: _select_agenda(p, reference)):
                self.notify(
                    f"Agenda item {one_line(reference.target or reference.text)} is not on the agenda.",
                    markup=False,
                )
        elif reference.kind is RefKind.DECISION:
            self._open_panel(
                one_line(reference.text), None, "A decision has no document symbol.", [reference]
            )
        else:
            self.follow_symbols(reference_symbols(reference), reference)

    def _follow_anchor(self, mark: Mark, letter: Letter) -> None:
        """Enter on a footnote's number goes back to its marker; on an agenda item, to its first mention."""
        body = self.pane("body")

        def is_target(candidate: Mark) -> bool:
            ref = candidate.reference
            if ref is None:
                return False
            if mark.anchor.startswith("agenda:"):
                return (
                    ref.kind is RefKind.AGENDA_ITEM and agenda_anchor(ref.target or ref.text) == mark.anchor
                )
            if ref.kind is not RefKind.FOOTNOTE:
                return False
            footnote = find_footnote(letter, ref)
            return footnote is not None and footnote.id == mark.anchor

        for pane_name in ("body", "footnotes"):
            pane = body if pane_name == "body" else self.pane("footnotes")
            for index, candidate in enumerate(pane.marks):
                if is_target(candidate):
                    self._jump(pane_name, partial(_select_index, index=index))
                    return
        self.notify("Not mentioned in the text of this letter.", timeout=3)

    def follow_symbols(self, symbols: Sequence[str], reference: Reference | None = None) -> None:
        """Show the letter holding one of `symbols` when it is open, else the symbol panel."""
        entry = self.resolver.resolve(symbols, exclude=self.current)
        if entry is not None and entry.error is None:
            self.library_ui.open_entry(entry)  # parsed first when the library found it
            return
        symbol = (
            reference.symbol
            if reference is not None and reference.symbol
            else (symbols[0] if symbols else "")
        )
        url = reference.url if reference is not None else _url_for(symbol)
        wanted = {symbol_key(s) for s in symbols}
        letter = self.shown_letter
        citing = [
            r
            for r in (letter.references if letter else ())
            if wanted & {symbol_key(s) for s in reference_symbols(r)}
        ]
        where = (
            "Not in the library." if self.library_ui.library is not None else "Not among the open letters."
        )
        self._open_panel(symbol, url, where, citing)

    def open_letter(self, entry: OpenLetter) -> OpenLetter:
        """Show a letter (one the resolver found outside the open ones is opened), recording the jump."""
        known = self.letters.add(entry)
        self.history.push(self.location())
        if known.key != self.current:
            self.show_letter(known.key)
        self._focus("body")
        return known

    def select_in(self, pane: str, index: int | None) -> None:
        self.pane(pane).select(index)
        self._focus(pane)
        self._update_status()

    def _open_panel(self, symbol: str, url: str | None, note: str, citing: Sequence[Reference]) -> None:
        from reader.app.screens.symbol_panel import SymbolPanel

        places = self.reference_entries(only=frozenset(citing))
        self.push_screen(SymbolPanel(symbol, url, places, note), self._jump_to_entry)

    def _jump_to_entry(self, entry: ReferenceEntry | None) -> None:
        if entry is not None:
            self._jump(entry.pane, partial(_select_index, index=entry.mark))

    def reference_entries(self, only: frozenset[Reference] | None = None) -> list[ReferenceEntry]:
        """Every reference of the shown letter (or those `only` names), body then footnotes, for the
        list and the panel; the panel's few are picked before their review marks are looked up."""
        from reader.app.screens.references import ReferenceEntry

        entries: list[ReferenceEntry] = []
        for pane_name in ("body", "footnotes"):
            pane = self.pane(pane_name)
            for index, mark in enumerate(pane.marks):
                ref = mark.reference
                if ref is None or (only is not None and ref not in only):
                    continue
                badge, note = self.library_ui.review_tags(self.shown_letter, ref)
                label = f"{badge}{one_line(ref.symbol or ref.text)}"
                text = pane.blocks[mark.block].text
                detail = f"{ref.kind.value} · {ref.where}"
                if note:
                    detail += f" · flagged: {note}"
                entries.append(
                    ReferenceEntry(label, detail, pane_name, index, _context(text, mark.start, mark.end))
                )
        return entries

    # -- history -------------------------------------------------------------------------------

    def action_go_back(self) -> None:
        location = self.history.back(self.location())
        if location is None:
            self.notify("Nothing to go back to.", timeout=2)
            return
        self.go_to_location(location)

    def action_go_forward(self) -> None:
        location = self.history.forward(self.location())
        if location is None:
            self.notify("Nothing to go forward to.", timeout=2)
            return
        self.go_to_location(location)

    # -- panes ---------------------------------------------------------------------------------

    def action_focus_pane(self, name: str) -> None:
        if name in PANES:
            self._focus(name)

    def action_toggle_side(self) -> None:
        self.main_screen.toggle_class("-side-hidden")
        if self.main_screen.has_class("-side-hidden") and self.active_pane_name != "body":
            self._focus("body")

    # -- find ----------------------------------------------------------------------------------

    def action_find(self) -> None:
        find_input = self.find_input
        self.main_screen.query_one("#find-bar").add_class("-shown")
        find_input.value = self.find_query
        find_input.focus()

    @on(Input.Submitted, "#find-input")
    def find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.find(event.value)

    def action_close_find(self) -> None:
        self._close_find_bar()

    def _close_find_bar(self) -> None:
        self.main_screen.query_one("#find-bar").remove_class("-shown")
        self._focus(self.active_pane_name)

    def find(self, query: str) -> int:
        """Highlight `query` in the body and footnotes and show the first match from the view down."""
        self.find_query = query
        self.find_hits = []
        body_first: int | None = None
        for name in ("body", "footnotes"):
            pane = self.pane(name)
            count = pane.find(query)
            if name == "body":
                body_first = pane.first_match_from_view()
            self.find_hits.extend((name, i) for i in range(count))
        self._close_find_bar()
        if not self.find_hits:
            self.find_index = None
            if query:
                self.notify("No match.", timeout=2)
            self._update_status()
            return 0
        self._show_hit(body_first if body_first is not None else 0)
        return len(self.find_hits)

    def show_hit(self, index: int) -> None:
        self._show_hit(index)

    def _show_hit(self, index: int) -> None:
        self.find_index = index % len(self.find_hits)
        name, match = self.find_hits[self.find_index]
        for pane_name in ("body", "footnotes"):
            self.pane(pane_name).show_match(match if pane_name == name else None)
        self._focus(name)
        self._update_status()

    def _clear_find(self) -> None:
        self.find_query = ""
        self.find_hits = []
        self.find_index = None

    def action_find_next(self) -> None:
        if not self.find_hits:
            self.notify("Nothing to find: press / first.", timeout=2)
            return
        self._show_hit((self.find_index or 0) + 1)

    def action_find_previous(self) -> None:
        if not self.find_hits:
            self.notify("Nothing to find: press / first.", timeout=2)
            return
        self._show_hit((self.find_index or 0) - 1)

    # -- modal screens -------------------------------------------------------------------------

    def action_goto(self) -> None:
        from reader.app.screens.goto import GotoScreen

        self.push_screen(GotoScreen(self.letters.symbols()), self._goto_chosen)

    def _goto_chosen(self, value: str | None) -> None:
        if value:
            self.follow_symbols(_symbol_and_parts(value))

    def action_references(self) -> None:
        letter = self.shown_letter
        title = (
            f"References of {one_line(self.letters[self.current].label)}" if self.current else "References"
        )
        if letter is None:
            self.notify("No letter shown.", timeout=2)
            return
        if summary := self.library_ui.reviews.summary_text(letter):
            title += f" · {summary}"
        from reader.app.screens.references import ReferencesScreen

        self.push_screen(ReferencesScreen(self.reference_entries(), title), self._jump_to_entry)

    def action_letters(self) -> None:
        if self.library_ui.library is not None:  # while it is indexed: the open letters
            self.library_ui.show_library()
            return
        from reader.app.screens.letters import LettersScreen

        self.push_screen(LettersScreen(list(self.letters), self.current), self._letter_chosen)

    def _letter_chosen(self, key: str | None) -> None:
        if key is not None and key != self.current:
            self.history.push(self.location())
            self.show_letter(key)
            self._focus("body")

    def action_cited_by(self) -> None:
        self.library_ui.show_cited_by()

    def action_search(self) -> None:
        self.library_ui.show_search()

    def action_mark_checked(self) -> None:
        self.library_ui.toggle_checked()

    def action_flag(self) -> None:
        self.library_ui.flag()

    def action_help(self) -> None:
        from reader.app.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.key_table()))

    def action_copy_reference(self) -> None:
        mark = self.active_pane.selected_mark
        letter = self.shown_letter
        if mark is None or letter is None:
            self.notify("Nothing selected: tab selects a reference.", timeout=2)
            return
        text = _copy_text(mark, letter)
        self.copy_to_clipboard(text)
        self.notify(f"Copied {text}", timeout=3, markup=False)

    # -- keys for the help screen and the palette ----------------------------------------------

    def _main_bindings(self) -> list[Binding]:
        """The bindings of the main screen's focus chain as the keymap has them (remaps included)."""
        main = self.main_screen
        out: list[Binding] = []
        for active in main.active_bindings.values():
            binding = active.binding
            # Only the reader's own keys (every one has an id) and quit; not the inherited
            # horizontal scrolling, focus cycling or the palette key (listed once, by name).
            if binding.system or (binding.id is None and binding.action != "quit"):
                continue
            out.append(binding)
        return out

    def key_table(self) -> list[tuple[str, str]]:
        """(keys, description) for every key that works on the main screen, for help and the palette."""
        rows: dict[str, tuple[list[str], str, int]] = {}
        for binding in self._main_bindings():
            group = binding.id or binding.action
            order = _KEY_ORDER.get(group, len(_KEY_ORDER))
            description = binding.tooltip or binding.description or binding.action
            keys, known, _ = rows.setdefault(group, ([], description, order))
            if binding.id is not None and known != description:  # our words over Textual's defaults
                rows[group] = (keys, description, order)
            display = self.get_key_display(binding)
            if display not in keys:
                keys.append(display)
        ordered = sorted(rows.values(), key=lambda row: row[2])
        table = [(", ".join(keys), description) for keys, description, _ in ordered]
        table.append(("^p", "Command palette: every action by name"))
        return table

    def palette_commands(self) -> list[PaletteCommand]:
        commands: list[PaletteCommand] = []
        seen: set[str] = set()
        for keys, description in self.key_table():
            action = self._action_for(description)
            if action is None or description in seen:
                continue
            seen.add(description)
            commands.append(PaletteCommand(description, f"key: {keys}", action))
        for entry in self.letters:
            if entry.letter is not None:
                commands.append(
                    PaletteCommand(
                        f"Show letter {one_line(entry.label)}",
                        "open this letter",
                        partial(self._letter_chosen, entry.key),
                    )
                )
        return commands

    def _action_for(self, description: str) -> Callable[[], object] | None:
        for binding in self._main_bindings():
            if (binding.tooltip or binding.description) == description:
                return partial(self.run_action, binding.action.removeprefix("app."))
        return None


def _eager_keys(letters: OpenLetters, library: Sequence[Path] | None) -> set[str]:
    """The letters parsed at start-up: every one, except those in a library folder after the first.

    A folder named on the command line is the library, and its index parses every file anyway (in
    worker processes); parsing thousands again here would do the work twice, keep every letter in
    memory and compete with the keyboard for the interpreter. They are parsed when first shown.
    """
    first = letters.first
    roots = [_resolved(Path(folder)) for folder in library or ()]
    parents: dict[Path, bool] = {}
    eager: set[str] = set()
    for entry in letters:
        parent = entry.path.parent
        if parent not in parents:
            resolved = _resolved(parent)
            parents[parent] = any(resolved.is_relative_to(root) for root in roots)
        if entry is first or not parents[parent]:
            eager.add(entry.key)
    return eager


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _error_line(entry: OpenLetter) -> str:
    """The one-line error, naming the file once (parser errors usually name it already)."""
    error = entry.error or ""
    return error if entry.name in error else f"{entry.name}: {error}"


def _select_index(pane: TextPane, *, index: int) -> bool:
    if not 0 <= index < len(pane.marks):
        return False
    pane.select(index)
    return True


def _select_agenda(pane: TextPane, reference: Reference) -> bool:
    number = reference.target or reference.text
    if pane.select_anchor(agenda_anchor(number)):
        return True
    base = number.split()[0] if number.split() else number
    return pane.select_anchor(agenda_anchor(base))


def _copy_text(mark: Mark, letter: Letter) -> str:
    ref = mark.reference
    if ref is not None and ref.is_document:
        return one_line(" ".join(part for part in (ref.symbol, ref.url) if part))
    if ref is not None:
        return one_line(ref.text)
    if mark.anchor.startswith("agenda:"):
        return "agenda item " + mark.anchor.removeprefix("agenda:")
    footnote = next((f for f in letter.all_footnotes() if f.id == mark.anchor), None)
    return one_line(footnote.text) if footnote is not None else ""


def _url_for(symbol: str) -> str:
    """A typed symbol's URL: the grammar's, or for text it cannot parse the URL scheme's own."""
    from reader.symbols import url as symbol_url

    try:
        return symbol_url(symbol)
    except ReaderError:
        return document_url(symbol.strip())


def _symbol_and_parts(symbol: str) -> list[str]:
    """A typed symbol and, for a joint one, each part: any of them may be an open letter's own."""
    from reader.symbols import parse as parse_symbol

    try:
        parsed = parse_symbol(symbol)
    except ReaderError:
        return [symbol]
    return [symbol, parsed.text, *(part.text for part in parsed.components)]


def run_app(paths: list[Path], libraries: list[str] | None = None) -> int:
    """The CLI entry: open files and folders; every folder (and the config's libraries) is the library."""
    missing = [path for path in paths if not path.exists()]
    if missing and len(missing) == len(paths):  # nothing to show: fail like the other commands
        raise ReaderError(f"{missing[0]}: no such file")
    files = expand_paths(paths)
    if not files:
        names = ", ".join(str(p) for p in paths)
        raise ReaderError(f"no documents ({' '.join(sorted(DOCUMENT_SUFFIXES))}) found in {names}")
    if not sys.stdout.isatty():
        raise ReaderError("the reader needs a terminal; use `un-reader parse FILE` in scripts")
    app = cli_app(paths, files, libraries)
    app.run()
    return app_exit_code(app)  # an unhandled exception in the app must not exit 0


def cli_app(paths: Sequence[Path], files: Sequence[Path], libraries: list[str] | None = None) -> ReaderApp:
    """Everything `run_app` does between its checks and `App.run`, apart so the start-up benchmark
    times the very path a user waits through (config read, library folders, worker processes)."""
    from reader.app.library_bridge import library_folders, start_worker_processes

    folders = library_folders(paths, configured=libraries is None)
    folders += [Path(folder) for folder in libraries or ()]
    if folders:
        start_worker_processes()
    return ReaderApp(files, library=folders)
