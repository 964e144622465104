"""Review state and the config file: what survives restarts, what a person can read, what breaks safely."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
import yaml
from library_fakes import parse_fake, write_letter

from reader.errors import ReaderError
from reader.library import Library
from reader.library.config import cache_dir, config_path, data_dir, load_config
from reader.library.review import ReviewState, ReviewStore, reference_id, reviewable


@pytest.fixture
def letter_file(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    return write_letter(
        folder, "x", ["A/79/818", "S/2025/156"], ["See A/79/798 and S/2025/80 [1]."], footnotes=["A note."]
    )


def test_state_survives_a_new_store_and_is_readable_yaml(tmp_path: Path, letter_file: Path) -> None:
    letter = parse_fake(letter_file)
    first, second = reviewable(letter)
    path = tmp_path / "data" / "review.yaml"
    store = ReviewStore(path)
    store.set(letter.key, reference_id(first), ReviewState.CHECKED)
    store.set(letter.key, reference_id(second), "flagged", "  wrong\nyear?  ")
    again = ReviewStore(path)
    checked = again.get(letter.key, reference_id(first))
    assert checked is not None and (checked.state, checked.note) == (ReviewState.CHECKED, "")
    assert checked.updated.endswith("Z")
    flagged = again.get(letter.key, reference_id(second))
    assert flagged is not None and (flagged.state, flagged.note) == (ReviewState.FLAGGED, "wrong year?")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["letters"]["A/79/818-S/2025/156"]["p1:4:12"]["state"] == "checked"
    assert path.read_text(encoding="utf-8").startswith("# un-reader review state")
    summary = again.summary(letter)
    assert (summary.checked, summary.flagged, summary.total) == (1, 1, 2)
    assert str(summary) == "1 of 2 references checked, 1 flagged"
    assert not list(path.parent.glob(".review-*"))  # no temporary file left behind


def test_footnote_markers_are_not_reviewed(letter_file: Path) -> None:
    letter = parse_fake(letter_file)
    assert len(letter.references) == 3 and len(reviewable(letter)) == 2


def test_clearing_removes_the_entry(tmp_path: Path, letter_file: Path) -> None:
    letter = parse_fake(letter_file)
    ref_id = reference_id(reviewable(letter)[0])
    store = ReviewStore(tmp_path / "review.yaml")
    store.set(letter.key, ref_id, "checked")
    store.clear(letter.key, ref_id)
    assert ReviewStore(tmp_path / "review.yaml").for_letter(letter.key) == {}


def test_state_survives_reindexing(tmp_path: Path, letter_file: Path) -> None:
    """Keys come from the letter, not the index: rebuilding the index loses nothing."""
    store = ReviewStore(tmp_path / "review.yaml")
    with Library.open([letter_file.parent], cache_dir=tmp_path / "c1", parser=parse_fake) as library:
        letter = library.load(letter_file)
        store.set(letter.key, reference_id(reviewable(letter)[0]), "checked")
    with Library.open([letter_file.parent], cache_dir=tmp_path / "c2", parser=parse_fake) as library:
        assert ReviewStore(tmp_path / "review.yaml").summary(library.load(letter_file)).checked == 1


def test_an_unknown_state_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ReviewStore(tmp_path / "review.yaml").set("S/2025/1", "p1:0:5", "maybe")


def test_an_unreadable_file_is_an_error_and_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text("letters: [this is: not: valid\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="cannot be read; fix or move the file"):
        ReviewStore(path)
    assert path.read_text(encoding="utf-8") == "letters: [this is: not: valid\n"


def test_entries_written_by_hand_with_bad_states_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(
        "letters:\n  S/2025/1:\n    p1:0:5: {state: checked}\n    p2:0:5: {state: bogus}\n", "utf-8"
    )
    assert list(ReviewStore(path).for_letter("S/2025/1")) == ["p1:0:5"]


def _mark(args: tuple[str, int]) -> None:
    path, n = args
    store = ReviewStore(Path(path))
    for i in range(10):
        store.set(f"S/2025/{n}", f"p1:{i}:{i + 1}", "checked")


def test_two_processes_writing_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_mark, [(str(path), 1), (str(path), 2)])
    store = ReviewStore(path)
    assert len(store.for_letter("S/2025/1")) == 10 and len(store.for_letter("S/2025/2")) == 10


def test_locations_come_from_environment_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "c.yaml"))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "k"))
    assert (config_path(), data_dir(), cache_dir()) == (tmp_path / "c.yaml", tmp_path / "d", tmp_path / "k")
    assert ReviewStore().path == tmp_path / "d" / "review.yaml"


def test_config_lists_libraries_relative_to_itself(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "config.yaml"
    path.parent.mkdir()
    path.write_text("libraries:\n  - ../letters\n  - /abs/letters\n", encoding="utf-8")
    assert load_config(path).libraries == ((tmp_path / "letters").resolve(), Path("/abs/letters"))
    assert load_config(tmp_path / "missing.yaml").libraries == ()
    path.write_text("libraries: 5\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="must be a list of folder paths"):
        load_config(path)
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ReaderError, match="expected a mapping"):
        load_config(path)
