"""Shared fixtures: the real letters copied from ../shared/letters so a user's clone can run the suite."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LETTERS = FIXTURES / "letters"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "letter_2021-02-08_azerbaijan.txt"
LETTER_NAMES = sorted(p.stem for p in (LETTERS / "text").glob("*.txt"))


@pytest.fixture
def seed_path() -> Path:
    return SEED
