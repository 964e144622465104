"""Untrusted letter text for the app's widgets: `reader.safe_text` plus `Content` built from it.

Every widget that shows document text passes it through `visible` or `one_line` first. Nothing here
builds markup: callers wrap the result in `Content`/`Text`/`Segment`, never in markup.
"""

from __future__ import annotations

from textual.content import Content

from reader.safe_text import one_line, visible

__all__ = ["one_line", "safe_content", "visible"]


def safe_content(text: str, style: str = "") -> Content:
    """Document text as `Content`: never parsed as markup, controls already made visible."""
    return Content(one_line(text)).stylize(style) if style else Content(one_line(text))
