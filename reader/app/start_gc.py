"""The cyclic garbage collector during start-up: paused while the app loads, its objects frozen.

Importing Textual and the app leaves ~37,000 objects tracked by the collector that live as long as
the process (modules, classes, functions, their dicts). The collector walked them again and again:
a dozen young collections during the imports (~8 ms) and, just before the first paint, a full one
(~20 ms on this 2-core machine) that found nothing to free. As CPython's documentation of
`gc.freeze` advises, the CLI pauses the collector before the imports and, once the first screen is
painted (its widgets are as long-lived), moves everything alive into the permanent generation, where
later collections never look; cycles made after that are collected as before. The forked
first-letter parse (`first_letter.py`) inherits the pause and exits unswept.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Called by the CLI only, when the app will run: no collection until `resume`."""
    global _paused
    _paused = True
    gc.disable()


def resume() -> None:
    """After the first paint (or when the app will not run): freeze what start-up made, long-lived
    by nature, and collect normally from here on. Nothing when `pause` was not called (tests)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
