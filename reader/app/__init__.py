"""The Textual app: reading a letter and walking its references with the keyboard.

Who owns what (imports only ever point down this list, tests/app/test_import_graph.py checks it):

- `app.py` — `ReaderApp`: settings, the keymap, the library service and the screens; `run_app`.
- `reader_screen.py` — `ReaderScreen`: the panes, selection, status line, history, the letters
  shown, and every key's entry point.
- `find.py`, `review_keys.py`, `review_list.py`, `reference_panels.py`, `library_screens.py`,
  `place_jumps.py`, `fetch_flow.py`, `copy_and_open.py` — what the reading screen's groups of keys
  do, each with its own state, calling back only through a small protocol of its own.
- `library_service.py` — `LibraryService`: indexing and parsing in thread workers that report with
  their own messages, the resolver over the library, the review marks.
- `actions.py` — the one table of actions: bindings, help rows, key bar order, palette entries.
- `palette.py` — the command palette's provider; `screens/` the modal screens; `widgets/` the panes,
  header, status line, find bar and key bar.
- `keymap.py` — the config file's `keymap`, checked against the action table.
- `layout.py` — how many rows the side panes get (the letter keeps at least half the terminal).
- `first_letter.py` — the first letter's parse, started by the CLI before Textual is imported (a
  child process on Linux) so the first paint shows it; the screen takes it when it mounts.
- `start_gc.py` — the garbage collector paused during the CLI's start-up and the app's objects
  frozen before `App.run`.
- `stylesheets.py` — the .tcss files: the reading screen's read before the first paint, the
  dialogs' when the first modal screen (`screens/dialog.py`) opens.
- `session_state.py` — the last letter, pane and position of a library, restored on the next start.
- `clipboard.py`, `terminal.py` — OSC 52 copying, and what the session can do (a browser, a
  clipboard, round corners).
- `letters.py`, `library_bridge.py`, `history.py`, `review_marks.py`, `safe_text.py` — plain data
  and helpers under all of them, without a screen.
"""
