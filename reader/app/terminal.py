"""What the session around the reader can do: corners the console can draw, a browser to open, a clipboard.

Asked of the environment once, when needed, so tests set the variables and see the other behaviour.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Mapping

NO_CLIPBOARD_TERMS = ("linux", "dumb", "vt100", "vt102", "vt220")


def _env(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def square_corners(environ: Mapping[str, str] | None = None) -> bool:
    """The Linux console's font has no round corners (they show as blobs): draw square ones."""
    return _env(environ).get("TERM", "") == "linux"


def has_clipboard(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the terminal may take OSC 52 (no terminal says so; the console and dumb ones never do)."""
    return _env(environ).get("TERM", "") not in NO_CLIPBOARD_TERMS


def has_browser(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether `webbrowser` would open a window the person sees: not over SSH without a display, not on
    a Linux console; `BROWSER` set says the person chose one."""
    env = _env(environ)
    if env.get("BROWSER"):
        return True
    graphical = bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"):
        return graphical
    platform = platform or sys.platform
    if platform in ("darwin", "win32"):
        return True
    return graphical


Opener = Callable[[str], bool]


def open_in_background(url: str, done: Callable[[bool], None], opener: Opener | None = None) -> None:
    """Open `url` with Python's `webbrowser` in a thread (a browser may take seconds to start, and a
    text browser would take over the terminal): `done` gets whether it was handed over."""

    def run() -> None:
        import webbrowser  # with shlex, ~0.5 ms of the app's import for a key seldom pressed

        try:
            opened = (opener or webbrowser.open)(url)
        except Exception:  # a broken BROWSER setting must not reach the app
            opened = False
        done(bool(opened))

    threading.Thread(target=run, name="open url", daemon=True).start()
