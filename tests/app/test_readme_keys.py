"""The README's Keys section says what the reader does: every action is documented under its binding
id with its default keys, the keymap example loads, and the numbers it quotes are the code's."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from reader.app.actions import ACTIONS, BY_ID
from reader.app.keymap import keymap_from_pairs
from reader.app.layout import COLLAPSE_BELOW, WIDE_FROM

README = Path(__file__).resolve().parent.parent.parent / "README.md"

# the README writes keys as a person types them; the table writes Textual's names
SPOKEN = {
    "slash": "/",
    "exclamation_mark": "!",
    "question_mark": "?",
    "right_curly_bracket": "}",
    "left_curly_bracket": "{",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


def keys_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Keys\n") : text.index("## Library\n")]


def documented_rows() -> dict[str, str]:
    """binding id -> the table row that names it."""
    rows: dict[str, str] = {}
    for line in keys_section().splitlines():
        if not line.startswith("| `") and not line.startswith("| enter"):
            continue
        for group in re.findall(r"\((`[a-z-]+`(?:, `[a-z-]+`)*)[;)]", line):
            for binding_id in re.findall(r"`([a-z-]+)`", group):
                rows[binding_id] = line
    return rows


def test_every_action_is_documented_under_its_id_with_its_default_keys() -> None:
    rows = documented_rows()
    assert set(rows) == set(BY_ID), set(rows) ^ set(BY_ID)
    for action in ACTIONS:
        cell = rows[action.id].split("|")[1]
        for key in action.keys.split(","):
            assert f"`{SPOKEN.get(key, key)}`" in cell or SPOKEN.get(key, key) in cell, (action.id, key)


def test_the_keymap_example_loads() -> None:
    block = re.search(r"```yaml\n(keymap:.*?)```", keys_section(), re.DOTALL)
    assert block is not None
    keymap = keymap_from_pairs(yaml.safe_load(block.group(1))["keymap"].items())
    assert keymap["next-reference"] == "ctrl+n" and keymap["find"] == "ctrl+k,f2"


def test_the_numbers_the_readme_quotes_are_the_codes() -> None:
    from reader.library.index import BULK_FROM

    section = keys_section()
    assert f"Below {COLLAPSE_BELOW} rows" in section
    assert f"From {WIDE_FROM} columns" in section
    assert f"{BULK_FROM} files or more" in section
