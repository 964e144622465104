"""The reader app: settings, the keymap, the library service and the screens.

The reading itself (panes, selection, find, history) belongs to `ReaderScreen`; the library work
(indexing, parsing, review marks) to `LibraryService`. The app builds both from the command line
and shows the screen; it never parses text and never reaches into either.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import BindingType, Keymap
from textual.screen import Screen

from reader.app import start_gc
from reader.app.actions import bindings
from reader.app.first_letter import FirstLetter, parse_first
from reader.app.letters import OpenLetters, SymbolResolver, expand_paths
from reader.app.library_service import LibraryService, Loader
from reader.app.reader_screen import ReaderScreen
from reader.app.review_marks import ReviewMarks
from reader.app.session_state import SessionStore
from reader.app.stylesheets import app_css_paths
from reader.app.terminal import square_corners
from reader.errors import ReaderError
from reader.formats.files import DOCUMENT_SUFFIXES
from reader.model import Letter


class ReaderApp(App[int]):
    """`un-reader PATH ...`: the first letter named is shown, the others are open for jumps."""

    TITLE = "un-reader"
    CSS_PATH = app_css_paths()  # the modal screens' styles load with the first one (stylesheets.py)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012 (Textual's own type)
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")  # from the one action table

    def __init__(
        self,
        paths: Sequence[Path],
        *,
        load: Loader | None = None,
        resolver: SymbolResolver | None = None,
        library: Sequence[Path] | None = None,
        reviews: ReviewMarks | None = None,
        keymap: Mapping[str, str] | None = None,
        session: SessionStore | None = None,
        first_letter: Letter | Callable[[], Letter | None] | None = None,
    ) -> None:
        super().__init__()
        self._reader_keymap: dict[str, str] = {}
        if keymap:
            self.set_keymap(dict(keymap))
        if square_corners():
            self.add_class("-square-corners")
        letters = OpenLetters(expand_paths(paths))
        first = letters.first
        pending_first = first_letter if callable(first_letter) else None  # the CLI's child, still parsing
        if isinstance(first_letter, Letter) and first is not None:  # parsed by the CLI: at the first paint
            letters.set_letter(first.key, first_letter)
        if reviews is None:  # reviewing is the library's: an app without one never reads the store
            reviews = ReviewMarks(enabled=library is not None)
        self.library_service = LibraryService(letters, library, reviews, load=load)
        self.reader = ReaderScreen(
            letters,
            self.library_service,
            resolver=resolver,
            eager=_eager_keys(letters, library),
            session=session,
            first_letter=pending_first,
        )

    def get_default_screen(self) -> Screen[Any]:
        return self.reader

    @property
    def keymap(self) -> Mapping[str, str]:
        """The keymap as set: help and the palette name remapped keys even where they are not live."""
        return self._reader_keymap

    def set_keymap(self, keymap: Keymap) -> None:
        self._reader_keymap = dict(keymap)
        super().set_keymap(keymap)

    def update_keymap(self, keymap: Keymap) -> None:
        self._reader_keymap = {**self._reader_keymap, **keymap}
        super().update_keymap(keymap)


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


def run_app(
    paths: list[Path],
    libraries: list[str] | None = None,
    *,
    files: list[Path] | None = None,
    first: FirstLetter | None = None,
) -> int:
    """The CLI entry: open files and folders; every folder (and the config's libraries) is the library.
    `files` and `first` when the CLI expanded the paths and started the first letter's parse."""
    try:
        missing = [path for path in paths if not path.exists()]
        if missing and len(missing) == len(paths):  # nothing to show: fail like the other commands
            raise ReaderError(f"{missing[0]}: no such file")
        files = expand_paths(paths) if files is None else files
        if not files:
            names = ", ".join(str(p) for p in paths)
            raise ReaderError(f"no documents ({' '.join(sorted(DOCUMENT_SUFFIXES))}) found in {names}")
        if not sys.stdout.isatty():
            raise ReaderError("the reader needs a terminal; use `un-reader parse FILE` in scripts")
        app = cli_app(paths, files, libraries, first)
    except BaseException:
        start_gc.resume()  # paused by `first_letter.start`; the screen resumes it after its first paint
        raise
    app.run()
    return app_exit_code(app)  # an unhandled exception in the app must not exit 0


def app_exit_code(app: App[Any]) -> int:
    """The status for an app that has ended: Textual's `App.run` returns normally after an unhandled
    exception (it prints the traceback), so the status must come from the app, never a fixed 0."""
    if app.return_code:
        return app.return_code
    return 1 if getattr(app, "_exception", None) is not None else 0


def cli_app(
    paths: Sequence[Path],
    files: Sequence[Path],
    libraries: list[str] | None = None,
    first: FirstLetter | None = None,
) -> ReaderApp:
    """Everything `run_app` does between its checks and `App.run`, apart so the start-up benchmark
    times the very path a user waits through (config read, library folders, worker processes)."""
    from reader.app.keymap import configured_keymap
    from reader.app.library_bridge import (
        documents_folders,
        library_folders,
        needs_worker_processes,
        start_worker_processes,
    )

    folders = library_folders(paths, configured=libraries is None)
    folders += [Path(folder) for folder in libraries or ()]
    # the last place is kept per library as the user names it (the documents folder, joining once it
    # exists, does not make it another library); restored when a folder comes first on the command
    # line, as a file named first is what to show
    restore = bool(paths) and paths[0].is_dir()
    session = SessionStore.for_library(folders, restore=restore) if folders else None
    folders += documents_folders()
    keymap = configured_keymap(warn_unreadable=libraries is not None)  # else library_folders warned
    if needs_worker_processes(folders):
        start_worker_processes()
    # the first letter, parsed before the app (by the CLI's child, else here): the first paint shows it
    # (not when the last session's place opens another letter: that one is parsed in the app)
    letter: Letter | Callable[[], Letter | None] | None = None
    shown_first = bool(files) and not _restores_another(session, files[0])
    if first is not None and shown_first and first.path == files[0]:
        letter = first.result  # waited for when the screen mounts: Textual's own start overlaps it
    elif first is not None:
        first.cancel()
    elif shown_first:
        letter = parse_first(files[0])
    return ReaderApp(files, library=folders, keymap=keymap, session=session, first_letter=letter)


def _restores_another(session: SessionStore | None, first: Path) -> bool:
    """Whether the screen will open the last session's letter rather than `first`."""
    if session is None or not session.restore:
        return False
    place = session.load()
    return place is not None and place.path.is_file() and _resolved(place.path) != _resolved(first)
