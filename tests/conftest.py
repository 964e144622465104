"""Shared fixtures: the real letters copied from ../shared/letters so a user's clone can run the suite."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from reader.model import Letter

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LETTERS = FIXTURES / "letters"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "letter_2021-02-08_azerbaijan.txt"
LETTER_NAMES = sorted(p.stem for p in (LETTERS / "text").glob("*.txt"))


@pytest.fixture(autouse=True)
def _user_files_in_a_temporary_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the user's own index, review marks, session or config, and none can
    reach the UN's document service: each test gets its own folders (tests that need particular ones
    set them again), so tests never see each other's files, also when they run in parallel."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("UN_READER_CONFIG", str(home / "config.yaml"))
    monkeypatch.setenv("UN_READER_DOCUMENT_SOURCE", "http://127.0.0.1:9/?s={symbol}&l={lang}")  # discard port


@pytest.fixture
def seed_path() -> Path:
    return SEED


@functools.cache
def parsed_fixture(path: Path) -> Letter:
    """A fixture letter parsed once for the whole session: several modules open the same PDFs, and
    parsing them again in each was most of the suite's time. Letters are frozen, so sharing is safe."""
    from reader.parser import parse_path

    return parse_path(path)


def identity_fields(letter: Letter) -> dict[str, object]:
    """The fields that say which letter this is and who wrote to whom: what every way of reading a
    letter (three input forms, an Akoma Ntoso round trip) must give identically."""
    return {
        "symbols": letter.symbols,
        "reissued": letter.reissued,
        "issued": letter.issued,
        "date": letter.date,
        "kind": letter.kind,
        "title": letter.title,
        "original_language": letter.original_language,
        "sender": letter.sender,
        "addressees": letter.addressees,
    }


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment a CLI test runs `python -m reader` in: every file the reader writes (index,
    review marks, config) moved into tmp_path, so no test reads or changes the user's."""
    return {
        **os.environ,
        "UN_READER_CACHE_DIR": str(tmp_path / "cache"),
        "UN_READER_DATA_DIR": str(tmp_path / "data"),
        "UN_READER_CONFIG": str(tmp_path / "config.yaml"),
        "NO_COLOR": "1",
        **extra,
    }
