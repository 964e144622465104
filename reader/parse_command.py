"""`parse` and `refs`: the letter as data, for scripts and for checking the parser by eye."""

from __future__ import annotations

import sys
from pathlib import Path

from reader.parser import parse_path
from reader.serialize import letter_to_json, letter_to_yaml, reference_to_dict, to_json


def parse_command(path: Path, fmt: str) -> int:
    letter = parse_path(path)
    if fmt == "akn":
        from reader.export_akn import letter_to_akn

        sys.stdout.write(letter_to_akn(letter).decode("utf-8"))
        sys.stdout.flush()
        return 0
    print(letter_to_yaml(letter) if fmt == "yaml" else letter_to_json(letter))
    return 0


def refs_command(path: Path) -> int:
    letter = parse_path(path)
    for ref in letter.references:
        print(to_json(reference_to_dict(ref)))
    return 0
