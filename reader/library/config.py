"""Where the library keeps its files, and the user's config file naming the library folders.

Each place can be moved with an environment variable (UN_READER_CONFIG, UN_READER_DATA_DIR,
UN_READER_CACHE_DIR) so tests and scripts never touch the real home folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reader.errors import ReaderError

APP = "un-reader"
DOCUMENTS_FOLDER = "documents"
MAX_CONFIG = 1_000_000  # bytes: a config names folders; anything bigger is a mistake or an attack


def config_path() -> Path:
    override = os.environ.get("UN_READER_CONFIG")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP)) / "config.yaml"


def data_dir() -> Path:
    """Review state lives here: it is the user's work and must survive a cleared cache."""
    override = os.environ.get("UN_READER_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP))


def documents_dir() -> Path:
    """Where fetched documents live: part of every library the app and the index open. Here, beside
    `data_dir`, so the app's start finds the folder without importing the store that writes it."""
    return data_dir() / DOCUMENTS_FOLDER


def cache_dir() -> Path:
    """Indexes live here: they can always be rebuilt from the letters."""
    override = os.environ.get("UN_READER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP))


@dataclass(frozen=True, slots=True)
class Config:
    path: Path
    libraries: tuple[Path, ...] = ()
    document_source: str = ""  # URL template for `fetch` (checked when fetching, not here)
    language: str = ""  # language of fetched documents (checked when fetching)
    reviewer: str = ""  # the name review marks record (default: the login name)
    review_dir: Path | None = None  # the team's folder of review files (default: the data folder)
    keymap: tuple[tuple[str, str], ...] = ()  # binding id -> keys, for the reader (checked by the app)


def load_config(path: Path | None = None) -> Config:
    """The config file, or an empty config when there is none; a broken, huge, aliased or deeply nested
    file is a one-line error (see `reader.library.safe_yaml`)."""
    path = path or config_path()
    if not path.exists() and not path.is_symlink():  # the common case, before importing YAML
        return Config(path)
    # only once there is a file: the app reads the config before its first paint
    from reader.library.safe_yaml import load_yaml, read_capped

    text = read_capped(path, MAX_CONFIG, "the config file")
    if text is None:
        return Config(path)
    data = load_yaml(text, path, "the config file")
    if data is None:
        return Config(path)
    if not isinstance(data, dict):
        raise ReaderError(f"{path}: expected a mapping such as `libraries: [path, ...]`")
    raw = data.get("libraries", [])
    if raw is None:
        raw = []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ReaderError(f"{path}: `libraries` must be a list of folder paths")
    # relative paths are relative to the config file, so a config can travel with its letters
    folders = tuple((path.parent / Path(item).expanduser()).resolve() for item in raw if item.strip())
    texts = {key: data.get(key) or "" for key in ("document_source", "language", "reviewer", "review_dir")}
    for key, value in texts.items():
        if not isinstance(value, str):
            raise ReaderError(f"{path}: `{key}` must be a string")
    review_dir = texts["review_dir"].strip()
    keymap = data.get("keymap") or {}
    if not isinstance(keymap, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in keymap.items()
    ):
        raise ReaderError(f"{path}: `keymap` must map binding ids to keys, such as `scroll-down: j,down`")
    return Config(
        path,
        folders,
        texts["document_source"].strip(),
        texts["language"].strip(),
        " ".join(texts["reviewer"].split()),
        (path.parent / Path(review_dir).expanduser()).resolve() if review_dir else None,
        tuple(keymap.items()),
    )
