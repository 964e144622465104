"""The reading screen: one letter in three panes, its references walked and followed with the keyboard.

The screen owns the reading: the panes, the selection and focus, the status line, the letters being
shown and the history of jumps, as posting's `MainScreen` and frogmouth's `screens/main.py` do; the
app only holds settings, the keymap, the library service and the screens. Letters are parsed by the
`LibraryService`'s workers (first paint is never blocked), which report with messages; a letter that
fails shows its one-line error and the others stay open. Following a document symbol asks a
`SymbolResolver` (the open letters, then the library) and every jump is recorded in a `History` so
backspace puts the screen back as it was.

Each binding has its entry point here; what a group of keys does beyond that lives with its state in
a collaborator that gets what it needs passed in and calls back only through a small protocol of its
own: find (find.py), review marks (review_keys.py), the references list and symbol panel
(reference_panels.py), the library's screens (library_screens.py), places in a document
(place_jumps.py), fetching (fetch_flow.py), copying and opening (copy_and_open.py). Those the first
paint does not need are made, and their modules imported, on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.widgets import Input

from reader.app import start_gc
from reader.app.actions import Action, bindings, key_for, key_rows
from reader.app.fetching import (
    FetchService,
    fetchable_reference,
    reference_pinpoint,
)
from reader.app.find import Find
from reader.app.letters import OpenLetter, OpenLetters, SymbolResolver, reference_symbols
from reader.app.library_service import LibraryService
from reader.app.review_keys import ReviewKeys
from reader.app.safe_text import one_line
from reader.app.session_state import SessionStore
from reader.app.widgets.agenda import AgendaView, agenda_anchor
from reader.app.widgets.footnotes import FootnotesView
from reader.app.widgets.key_bar import KeyBar
from reader.app.widgets.letter_view import LetterView, paragraph_block
from reader.app.widgets.status import HeaderLine, StatusLine, describe_mark, find_footnote, header_content
from reader.app.widgets.text_pane import Mark, TextPane
from reader.errors import ReaderError
from reader.model import Letter, Pinpoint, Reference, RefKind

if TYPE_CHECKING:
    # The modal screens and the library (SQLite, worker processes) are imported where first used,
    # after the first paint: the reading screen needs none of them to show a letter; nor the palette.
    from textual.command import Provider

    from reader.app.fetch_flow import FetchFlow
    from reader.app.history import History, Location
    from reader.app.library_screens import LibraryScreens
    from reader.app.palette import PaletteCommand
    from reader.app.place_jumps import PlaceJumps
    from reader.app.reference_panels import ReferencePanels
    from reader.app.screens.entry_pick import LetterTarget


def _reader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (Textual accepts a callable)."""
    from reader.app.palette import ReaderCommands

    return ReaderCommands


class ReaderScreen(Screen[None]):
    """The letters named on the command line: the first is shown, the others are open for jumps."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("screen")  # from the one action table
    COMMANDS = {_reader_commands}  # noqa: RUF012 (Textual's own type)

    def __init__(
        self,
        letters: OpenLetters,
        service: LibraryService,
        *,
        resolver: SymbolResolver | None = None,
        eager: set[str] | None = None,
        session: SessionStore | None = None,
        first_letter: Callable[[], Letter | None] | None = None,
    ) -> None:
        super().__init__()
        self.letters = letters
        self.session = session
        self._restore: Location | None = None  # the last session's place, applied once its letter is shown
        self._collapsed = False  # the side panes were hidden for a short terminal, not by `w`
        self.service = service
        self.resolver: SymbolResolver = resolver if resolver is not None else service.bridge
        first = letters.first
        self.current: str | None = first.key if first is not None else None
        self.active_pane_name = "body"
        self.finder = Find(self)
        self._eager = eager if eager is not None else {entry.key for entry in letters}
        self.pending = sum(1 for entry in letters if entry.key in self._eager and entry.letter is None)
        self.library_started = False  # indexing waits until the first letter is on screen
        # The first letter as the CLI's child parses it (`first_letter.FirstLetter.result`): taken when
        # the screen mounts, so its parse overlaps Textual's start (stylesheets, compose) and still
        # comes before the first paint.
        self._first_letter = first_letter
        # The review store (its module, a YAML file) is read after the first paint: badges and the
        # status line's review summary come one frame later.
        self.review_keys = ReviewKeys(self, service)
        # Letters being parsed after start-up, each with where to go once shown.
        self._loading: dict[str, LetterTarget | None] = {}
        # Places to show once a letter being parsed is shown: a pinpoint followed into it, and the
        # annex the citing text named ("A/74/961, annex, paras. 154-178").
        self._places: dict[str, tuple[Pinpoint, str | None]] = {}
        self.header = HeaderLine(id="header")
        self.body = LetterView(id="body")
        self.footnotes = FootnotesView(id="footnotes")
        self.agenda = AgendaView(id="agenda")
        self.status = StatusLine(id="status")
        self.fetching = FetchService(loader=service.parser)
        self._panes: dict[str, TextPane] = {
            "body": self.body,
            "footnotes": self.footnotes,
            "agenda": self.agenda,
        }

    # -- building the screen and its start-up --------------------------------------------------

    def compose(self) -> ComposeResult:
        yield self.header
        with Horizontal(id="panes"):
            yield self.body
            with Vertical(id="side"):
                yield self.footnotes
                yield self.agenda
        yield self.finder.bar  # its input is mounted when `/` first opens it: the first paint never shows it
        yield self.status
        yield KeyBar(id="keys")
        yield self.service
        yield self.fetching

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
        self._take_first_letter()
        self.footnotes.border_title = "Footnotes (2)"
        self.agenda.border_title = "Agenda (3)"
        self.body.border_title = "Letter (1)"
        self.body.focus()
        self.call_after_refresh(self.review_keys.show)
        self.call_after_refresh(start_gc.resume)  # the CLI paused the collector for the start-up
        self._restore_session()
        if self.current is not None:
            self.show_letter(self.current)
        else:
            self.body.show_message("No letter to show: name files or folders of letters.")
        unparsed = [entry for entry in self.letters if entry.key in self._eager and entry.letter is None]
        first = self.letters.get(self.current) if self.current is not None else None
        if first is not None and first.loading:  # what the screen waits for: its parse starts now
            self.service.parse_letters(unparsed)  # the library starts once it is shown (letter_parsed)
        else:  # shown at the first paint: the other letters and the library wait until it is painted
            self.call_after_refresh(self._after_first_letter, unparsed)

    def _take_first_letter(self) -> None:
        """The CLI's parse of the first letter, waited for now; None leaves it to the parse worker."""
        take, self._first_letter = self._first_letter, None
        first = self.letters.first
        if take is None or first is None:
            return
        letter = take()
        if letter is not None and first.letter is None:
            self.letters.set_letter(first.key, letter)
            if first.key in self._eager:
                self.pending -= 1

    def _after_first_letter(self, unparsed: Sequence[OpenLetter] = ()) -> None:
        """Start what the first screen does not need: parses and indexing compete with its layout
        for the interpreter (and the index's worker processes for the cores)."""
        if unparsed:
            self.service.parse_letters(unparsed)
        if not self.library_started:
            self.library_started = True
            self.service.start()

    # -- showing letters -----------------------------------------------------------------------

    def show_letter(self, key: str, restore: Location | None = None) -> None:
        entry = self.letters[key]
        self.current = key
        body, footnotes, agenda = self.body, self.footnotes, self.agenda
        if entry.letter is not None:
            body.show_letter(entry.letter)
            footnotes.show_letter(entry.letter)
            agenda.show_letter(entry.letter)
            agenda.border_title = "Agenda · Contents (3)" if entry.letter.sections else "Agenda (3)"
            body.border_title = f"{pane_noun(entry.letter)} (1)"
            self.review_keys.refresh_badges()
        else:
            if entry.error is not None:
                body.show_message(_error_line(entry), kind="error")
            else:
                body.show_message(f"Loading {entry.name} …")
                if key not in self._eager:  # a library folder's letter: parsed when first shown
                    self.parse_later(entry, None)
            footnotes.set_content([], [])
            agenda.set_content([], [])
        self.finder.clear()
        self._apply_layout()
        if self.is_mounted:
            self.query_one(KeyBar).refresh_keys()
        if restore is not None:
            self._apply_location(restore)
        self._update_header()
        self.refresh_status()

    def open_letter(self, entry: OpenLetter) -> OpenLetter:
        """Show a letter (one the resolver found outside the open ones is opened), recording the jump."""
        known = self.letters.add(entry)
        self.history.push(self.location())
        if known.key != self.current:
            self.show_letter(known.key)
        self.focus_pane("body")
        return known

    def _open_entry(self, entry: OpenLetter, target: LetterTarget | None = None) -> None:
        """Show a letter (open, or found in the library and parsed now), then go to the target."""
        known = self.open_letter(entry)
        if known.letter is not None:
            self._go_to(known.letter, target)
        elif known.error is None:
            self.parse_later(known, target)

    def open_target(self, target: LetterTarget | None) -> None:
        """Open a letter picked in one of the library's screens, at the place the pick names."""
        if target is not None:
            self._open_entry(self.service.bridge.entry_for(target.entry), target)

    def _go_to(self, letter: Letter, target: LetterTarget | None) -> None:
        """Select the target's reference, else show its paragraph (with the searched word found)."""
        if target is None or not target.where:
            return
        if target.start is not None:
            for name in ("body", "footnotes"):
                for index, mark in enumerate(self.pane(name).marks):
                    ref = mark.reference
                    if ref is not None and ref.where == target.where and ref.start == target.start:
                        self.select_in(name, index)
                        return
        block = paragraph_block(letter, target.where)
        if block is None:
            if self.footnotes.select_anchor(target.where):
                self.select_in("footnotes", self.footnotes.selected)
            return
        if target.term and self.finder.run(target.term):
            for number, (name, match) in enumerate(self.finder.hits):
                if name == "body" and self.body.matches[match].block == block:
                    self.finder.show(number)
                    return
        self.body.show_block(block)

    def parse_later(self, entry: OpenLetter, target: LetterTarget | None) -> None:
        """Have the service parse a letter; the latest ask says where to go once it is shown
        (showing the letter starts its parse, the cited-by or search pick that showed it adds the place)."""
        if entry.key in self._loading and target is None:
            return
        self._loading[entry.key] = target
        self.service.parse_later(entry)

    @on(LibraryService.LetterParsed)
    def letter_parsed(self, message: LibraryService.LetterParsed) -> None:
        target = self._loading.pop(message.key, None)
        if message.eager:
            self.pending -= 1
        if message.letter is not None:
            self.letters.set_letter(message.key, message.letter)
        else:
            entry = self.letters.set_error(message.key, message.error or "unknown error")
            error = _error_line(entry) if message.eager else (message.error or "unknown error")
            self.notify(error, title="Could not read", severity="error", markup=False)
        place = self._places.pop(message.key, None)
        if message.key == self.current:
            self.show_letter(message.key)
            if message.letter is not None:
                self._go_to(message.letter, target)
                if place is not None:
                    self.place_jumps.show(message.letter, *place)
                self._apply_restore(message.key)
        elif message.eager:
            self._update_header()
            self.refresh_status()
        if not self.library_started and (message.key == self.current or not self.pending):
            self.call_after_refresh(self._after_first_letter)  # once the letter shown is painted

    @on(LibraryService.Progress)
    @on(LibraryService.Ready)
    def library_changed(self) -> None:
        self.refresh_status()

    @on(LibraryService.Failed)
    def library_failed(self, message: LibraryService.Failed) -> None:
        self.notify(message.error, title="Library", severity="error", markup=False)
        self.refresh_status()

    def place_when_shown(self, key: str, place: tuple[Pinpoint, str | None]) -> None:
        """Show `place` in letter `key` now, or once the letter being parsed is shown."""
        entry = self.letters.get(key)
        if entry is not None and entry.letter is not None:
            self.place_jumps.show(entry.letter, *place)
        elif entry is not None and entry.error is None:
            self._places[key] = place

    def action_letters(self) -> None:
        # the library as far as it is indexed; before its first batch is stored, the open letters
        if self.service.bridge.partial() is not None:
            self.library_screens.show_letters()
            return
        from reader.app.screens.letters import LettersScreen

        self.app.push_screen(LettersScreen(list(self.letters), self.current), self._letter_chosen)

    def _letter_chosen(self, key: str | None) -> None:
        if key is not None and key != self.current:
            self.history.push(self.location())
            self.show_letter(key)
            self.focus_pane("body")

    def action_next_letter(self, step: int) -> None:
        """`}` / `{`: the next or previous of the open letters, in the header's order (the folder's
        files as listed, then letters opened from the library)."""
        if self.current is None:
            return
        keys = [entry.key for entry in self.letters]
        position = keys.index(self.current) + step if self.current in keys else -1
        if not 0 <= position < len(keys):
            self.notify("This is the last letter." if step > 0 else "This is the first letter.", timeout=2)
            return
        self.history.push(self.location())
        self.show_letter(keys[position])
        self.focus_pane("body")

    # -- history and the last session ----------------------------------------------------------

    @cached_property
    def history(self) -> History:
        """Made at the first jump (history.py's dataclasses are not needed to show a letter)."""
        from reader.app.history import History

        return History()

    def location(self) -> Location:
        from reader.app.history import PANES, Location, PaneState

        return Location(
            letter=self.current or "",
            pane=self.active_pane_name,
            panes=tuple(
                (name, PaneState(self.pane(name).selected, round(self.pane(name).scroll_y))) for name in PANES
            ),
        )

    def _apply_location(self, location: Location) -> None:
        for name in self._panes:  # history.PANES, in its order
            pane = self.pane(name)
            state = location.state(name)
            pane.select(state.selected, scroll=False)
            # force: right after new content the scrollbars are not yet known to be needed
            pane.scroll_to(y=state.scroll_y, animate=False, immediate=True, force=True)
        self.focus_pane(location.pane)

    def go_to_location(self, location: Location) -> None:
        if location.letter != self.current and self.letters.get(location.letter) is not None:
            self.show_letter(location.letter, restore=location)
        else:
            self._apply_location(location)
            self.refresh_status()

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

    def _restore_session(self) -> None:
        """Start where the last session of this library ended, when its letter is still there."""
        if self.session is None or not self.session.restore:
            return
        place = self.session.load()
        if place is None or not place.path.is_file():
            return
        key = self.service.bridge.open_key(place.path)
        if key is None:
            from reader.app.letters import OpenLetter

            key = self.letters.add(OpenLetter(key=str(place.path), path=place.path)).key
        self.current = key
        self._restore = place.location
        if self.letters[key].letter is not None:
            self.call_after_refresh(self._apply_restore, key)

    def _apply_restore(self, key: str) -> None:
        restore, self._restore = self._restore, None
        if restore is not None and key == self.current:
            self.call_after_refresh(self._apply_location, restore)
            self.call_after_refresh(self.refresh_status)

    def on_unmount(self) -> None:
        if self.session is not None and self.current is not None and self.shown_letter is not None:
            self.session.save(self.letters[self.current].path, self.location())

    # -- focus, layout, header and status line -------------------------------------------------

    def focus_pane(self, name: str) -> None:
        """Focus a pane (the side panes are shown again for it) and make it the active one."""
        if name != "body":
            self.remove_class("-side-hidden")
        self.active_pane_name = name
        self.pane(name).focus()

    def action_focus_pane(self, name: str) -> None:
        if name in self._panes:
            self.focus_pane(name)

    def select_in(self, pane: str, index: int | None) -> None:
        """Select mark `index` of `pane` and focus it, not as a jump: a review key, a library pick."""
        self.pane(pane).select(index)
        self.focus_pane(pane)
        self.refresh_status()

    @on(TextPane.SelectionChanged)
    def selection_changed(self, message: TextPane.SelectionChanged) -> None:
        if message.pane == self.active_pane_name:
            self.refresh_status()

    @on(DescendantFocus)
    def pane_focused(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, TextPane):
            self.active_pane_name = event.widget.pane_name
            self.refresh_status()

    def action_toggle_side(self) -> None:
        self.toggle_class("-side-hidden")
        if self.has_class("-side-hidden") and self.active_pane_name != "body":
            self.focus_pane("body")
        self._title_hidden_panes()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout()

    def _apply_layout(self) -> None:
        """Size the side panes so the letter keeps the most rows (reader/app/layout.py)."""
        from reader.app.layout import side_layout, starts_collapsed

        width, height = self.size.width or self.app.size.width, self.size.height or self.app.size.height
        planned = side_layout(width, height, self.footnotes.blocks, self.agenda.blocks)
        for name in ("footnotes", "agenda"):
            self.pane(name).set_class(name in planned.empty, "-empty")
        side = self.query_one("#side")
        side.styles.height = planned.rows  # None: the stylesheet's (beside the letter, full height)
        collapse = starts_collapsed(height)
        if collapse and not self._collapsed:
            self._collapsed = True
            self.add_class("-side-hidden")
            if self.active_pane_name != "body":
                self.focus_pane("body")
        elif not collapse and self._collapsed:
            self._collapsed = False
            self.remove_class("-side-hidden")
        self._title_hidden_panes()

    def _title_hidden_panes(self) -> None:
        """While the side panes are hidden (a short terminal, or `w`), the letter's title says how to
        show them: footnotes nobody knows about are footnotes nobody reads."""
        letter = self.shown_letter
        title = f"{pane_noun(letter) if letter is not None else 'Letter'} (1)"
        if self.has_class("-side-hidden"):
            title += f" · {key_for(self, 'toggle-side')}: footnotes (2), agenda (3)"
        if self.body.border_title != title:
            self.body.border_title = title

    def idle_actions(self) -> frozenset[str]:
        """Actions the key bar leaves out now: no reference to select or follow without a letter."""
        return frozenset({"next-reference", "follow"}) if self.shown_letter is None else frozenset()

    def _update_header(self) -> None:
        keys = [entry.key for entry in self.letters]
        position = keys.index(self.current) + 1 if self.current in keys else 0
        entry = self.letters.get(self.current) if self.current is not None else None
        self.header.update(header_content(entry, position, len(keys)))

    def refresh_status(self) -> None:
        """Say again what the selection is: after anything that changes it (a key, a review mark,
        the library's progress, a review.yaml edited by hand while the reader is open)."""
        pane = self.active_pane
        letter = self.shown_letter
        if letter is not None and self.service.reviews.badges_stale(letter):
            # another reader's marks (the file is stat'ed, read only when changed)
            self.review_keys.refresh_badges()
        described = describe_mark(pane.selected_mark, self.shown_letter, self.resolver, self.current or "")
        if self.shown_letter is None and self.current is not None:
            described = _unshown_status(self, self.letters[self.current])
        described = self.finder.status(described)
        self._title_hidden_panes()
        extra = self._status_tail(pane.selected_mark, self.shown_letter)
        if extra:  # kept in view: the reference's description gives way
            tail = Content(" │ ").join(extra)
            room = max((self.status.size.width or self.size.width) - tail.cell_length - 3, 10)
            described = Content(" │ ").join([described.truncate(room, ellipsis=True), tail])
        self.status.update(described)

    def _status_tail(self, mark: Mark | None, letter: Letter | None) -> list[Content]:
        """What the status line adds after the selection: the review words, the library's state and
        what fetching has to say."""
        parts = self.review_keys.status(mark, letter)
        if self.service.state:
            state = self.service.state
            if self.service.library is not None and self.service.bridge.skipped:
                state += f" ({key_for(self, 'unreadable')} lists them)"
            parts.append(Content.styled(state, "dim"))
        parts.extend(self.fetching.status(mark.reference if mark is not None else None))
        return parts

    def key_hint(self, action_id: str) -> str:
        """The first key that does an action now, for hints in sentences (remaps included)."""
        return key_for(self, action_id)

    # -- references: selecting, following, going to --------------------------------------------

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
        self.focus_pane(pane)
        self.refresh_status()
        return True

    def jump_to_mark(self, pane: str, index: int) -> bool:
        """Select mark `index` of `pane`, recorded as a jump: a pick from a list, a back-link."""
        return self._jump(pane, partial(_select_index, index=index))

    def action_follow(self) -> None:
        from reader.app import places  # a jump's and `g`'s parsing: not needed to show a letter

        pane = self.active_pane
        mark = pane.selected_mark
        letter = self.shown_letter
        if letter is None:
            return
        if mark is None:
            self.action_next_reference()
            return
        if mark.reference is None:
            if self.place_jumps.follow_section(mark, letter):
                return
            if pane.pane_name == "agenda" and self.library_screens.show_agenda_letters(mark):
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
            self.reference_panels.show_panel(
                one_line(reference.text), None, "A decision has no document symbol.", [reference]
            )
        elif reference.kind is RefKind.INTERNAL:
            self.place_jumps.follow_internal(letter, reference)
        else:
            place = None
            if reference.pinpoint is not None:
                text = letter.texts().get(reference.where, "")
                place = (reference.pinpoint, places.reference_annex(text, reference))
            self.follow_symbols(reference_symbols(reference), reference, place=place)

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
                    self.jump_to_mark(pane_name, index)
                    return
        self.notify("Not mentioned in the text of this letter.", timeout=3)

    def follow_symbols(
        self,
        symbols: Sequence[str],
        reference: Reference | None = None,
        *,
        place: tuple[Pinpoint, str | None] | None = None,
    ) -> None:
        """Show the letter holding one of `symbols` when it is open, else the symbol panel; `place`
        (a pinpoint and the annex the citing text named) is shown there once the letter is parsed."""
        entry = self.resolver.resolve(symbols, exclude=self.current)
        if entry is not None and entry.error is None:
            self._open_entry(entry)  # parsed first when the library found it
            if place is not None and self.current is not None:
                self.place_when_shown(self.current, place)
            return
        self.reference_panels.show_not_open(symbols, reference)

    def action_goto(self) -> None:
        from reader.app.screens.goto import GotoScreen

        completion = self.library_screens.symbols
        self.app.push_screen(GotoScreen(self.letters.symbols(), completion), self._goto_chosen)

    def _goto_chosen(self, value: str | None) -> None:
        """A symbol, a symbol and a place ("S/RES/2231 (2015) para 5"), or a place in this document."""
        from reader.app import places

        request = places.parse_goto(value or "")
        if request is None:
            return
        if request.symbol is None:
            self.place_jumps.go_to(request.place)
            return
        symbol = places.typed_symbol(request.symbol)
        place = (request.place, request.annex) if request.place is not None else None
        self.follow_symbols(_symbol_and_parts(symbol), place=place)

    # -- find (reader/app/find.py) -------------------------------------------------------------

    async def action_find(self) -> None:
        await self.finder.open()

    @on(Input.Submitted, "#find-input")
    def find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.finder.run(event.value)

    def action_close_find(self) -> None:
        self.finder.close()

    def action_find_next(self) -> None:
        self.finder.step(1)

    def action_find_previous(self) -> None:
        self.finder.step(-1)

    # The find's bar and state, read where they were the screen's own attributes (tests read them).

    @property
    def find_bar(self) -> Horizontal:
        return self.finder.bar

    @property
    def find_input(self) -> Input:
        return self.finder.input

    @property
    def find_query(self) -> str:
        return self.finder.query

    @property
    def find_hits(self) -> list[tuple[str, int]]:
        return self.finder.hits

    @property
    def find_index(self) -> int | None:
        return self.finder.index

    # -- lists and places: reference_panels.py, library_screens.py, place_jumps.py -------------

    @cached_property
    def reference_panels(self) -> ReferencePanels:
        """Made when the references list or a symbol panel first opens."""
        from reader.app.reference_panels import ReferencePanels

        return ReferencePanels(self)

    def action_references(self) -> None:
        self.reference_panels.show_list()

    @cached_property
    def library_screens(self) -> LibraryScreens:
        """Made when a library screen first opens: the first paint needs none of them."""
        from reader.app.library_screens import LibraryScreens

        return LibraryScreens(self, self.service)

    def action_cited_by(self) -> None:
        self.library_screens.show_cited_by()

    def action_search(self) -> None:
        self.library_screens.show_search()

    def action_unreadable(self) -> None:
        self.library_screens.show_unreadable()

    @cached_property
    def place_jumps(self) -> PlaceJumps:
        """Made at the first jump to a place: the first paint needs none of it."""
        from reader.app.place_jumps import PlaceJumps

        return PlaceJumps(self)

    def action_next_section(self, step: int) -> None:
        self.place_jumps.next_section(step)

    # -- review marks (reader/app/review_keys.py, review_list.py) ------------------------------

    def action_mark_checked(self) -> None:
        self.review_keys.toggle_checked()

    def action_flag(self) -> None:
        self.review_keys.flag()

    def action_mark_mention(self) -> None:
        self.review_keys.toggle_checked(mention=True)

    def action_next_unchecked(self) -> None:
        from reader.app.review_list import seek_review

        seek_review(self, 1, "unchecked")

    def action_previous_unchecked(self) -> None:
        from reader.app.review_list import seek_review

        seek_review(self, -1, "unchecked")

    def action_next_flagged(self) -> None:
        from reader.app.review_list import seek_review

        seek_review(self, 1, "flagged")

    # -- fetching documents (reader/app/fetching.py, fetch_flow.py) ----------------------------

    @cached_property
    def fetch_flow(self) -> FetchFlow:
        """Made at the first fetch: what to do when one ends is not needed to show a letter."""
        from reader.app.fetch_flow import FetchFlow

        return FetchFlow(self, self.fetching, self.service)

    def action_fetch_document(self) -> None:
        mark = self.active_pane.selected_mark
        reference = mark.reference if mark is not None else None
        symbol = fetchable_reference(reference)
        if symbol is None:
            self.notify("Select a reference to a document or resolution to fetch (tab selects).", timeout=3)
            return
        self.fetch(symbol, reference_pinpoint(reference))

    def fetch(self, symbol: str, pinpoint: object = None) -> None:
        """Fetch a document into the documents folder and show it when it arrives."""
        self.fetch_flow.fetch(symbol, pinpoint)

    def action_cancel_fetch(self) -> None:
        self.fetching.cancel()  # nothing to say when no fetch runs: escape is pressed for many reasons

    @on(FetchService.Progress)
    def fetch_progress(self) -> None:
        self.refresh_status()

    @on(FetchService.Finished)
    def fetch_finished(self, message: FetchService.Finished) -> None:
        self.fetch_flow.finished(message)

    # -- copying and opening (reader/app/copy_and_open.py) -------------------------------------

    url_opener: Callable[[str], bool] | None = None  # tests hand in their own; None: webbrowser.open

    def action_copy_reference(self) -> None:
        from reader.app.copy_and_open import copy_reference

        copy_reference(self)

    def action_copy_url(self) -> None:
        from reader.app.copy_and_open import copy_url

        copy_url(self)

    def action_open_url(self) -> None:
        from reader.app.copy_and_open import open_url

        open_url(self)

    # -- the help screen and the palette -------------------------------------------------------

    def action_help(self) -> None:
        from reader.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(key_rows(self)))

    def key_table(self) -> list[tuple[str, str]]:
        """(keys, description) for every action, as the keymap has them now: help and the palette."""
        return key_rows(self)

    def palette_commands(self) -> list[PaletteCommand]:
        """Every action of the table, run where its binding runs, then the open letters to show."""
        from reader.app.palette import reader_commands

        # help's rows are in the table's order, the palette's own row last
        return reader_commands(self.key_table(), self._run, self.letters, self._letter_chosen)

    async def _run(self, action: Action) -> None:
        namespace = {"pane": self.active_pane, "screen": self, "app": self.app}[action.scope]
        await self.app.run_action(action.action, namespace)


def _unshown_status(screen: ReaderScreen, entry: OpenLetter) -> Content:
    """The status line of a letter without text: what happened, and keys that still do something."""
    if entry.error is not None:
        keys = {name: key_for(screen, name) for name in ("unreadable", "next-letter", "back", "help")}
        return Content(
            f"Could not be read   {keys['unreadable']}: unreadable files   {keys['next-letter']}: next letter"
            f"   {keys['back']}: back   {keys['help']}: help"
        )
    return Content("Loading …   ?: help")


def pane_noun(letter: Letter) -> str:
    """The body pane's name: "Letter" for every kind of letter, else the document's kind ("Report")."""
    return "Letter" if letter.is_letter else str(letter.kind).capitalize()


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


def _symbol_and_parts(symbol: str) -> list[str]:
    """A typed symbol and, for a joint one, each part: any of them may be an open letter's own."""
    from reader.symbols import parse as parse_symbol

    try:
        parsed = parse_symbol(symbol)
    except ReaderError:
        return [symbol]
    return [symbol, parsed.text, *(part.text for part in parsed.components)]
