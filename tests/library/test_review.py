"""Review state and the config file: what survives restarts, what a person can read, what breaks safely."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time
from pathlib import Path

import pytest
import yaml
from library_fakes import parse_fake, write_letter

from reader.errors import ReaderError
from reader.library import Library, review
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
    written = store.file_for(letter.key)
    assert written.parent == tmp_path / "data" / "reviews" and written.name.startswith("A_79_818-S_2025_156.")
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["letter"] == "A/79/818-S/2025/156"
    assert data["marks"]["p1:4:12"]["state"] == "checked"
    assert written.read_text(encoding="utf-8").startswith("# un-reader review marks")
    assert not path.exists()  # no single file any more
    summary = again.summary(letter)
    assert (summary.checked, summary.flagged, summary.total) == (1, 1, 2)
    assert str(summary) == "1 of 2 documents checked · 2 mentions, 1 flagged"
    assert not list(written.parent.glob(".review-*"))  # no temporary file left behind


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
    with pytest.raises(ReaderError, match="not valid YAML"):
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


# -- nothing the reader wrote is ever lost, and no file can hang or crash the store -------------------


def test_what_the_store_does_not_understand_is_kept_when_it_writes(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "review.yaml")
    path = store.file_for("S/2025/1")
    path.parent.mkdir(parents=True)
    path.write_text(
        "version: 2\nletter: S/2025/1\nmine: {keep: me}\nmarks:\n"
        "  p1:0:5: {state: maybe, note: later}\n  p2:0:5: just a string\n  p3:0:5: [1, 2]\n",
        encoding="utf-8",
    )
    store.set("S/2025/1", "p4:0:5", "checked")
    store.clear("S/2025/1", "p4:0:5")
    store.set("S/2025/1", "p5:0:5", "flagged", "look")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["mine"] == {"keep": "me"}
    assert data["marks"]["p1:0:5"] == {"state": "maybe", "note": "later"}
    assert data["marks"]["p2:0:5"] == "just a string" and data["marks"]["p3:0:5"] == [1, 2]
    assert data["marks"]["p5:0:5"]["state"] == "flagged" and "p4:0:5" not in data["marks"]
    assert list(ReviewStore(tmp_path / "review.yaml").for_letter("S/2025/1")) == ["p5:0:5"]


@pytest.mark.parametrize(
    "text",
    ["- a list\n- of marks\n", "marks: [p1, p2]\n", "marks: {p1:0:5: &a [x]}\n", "marks: [[[[[[[[[[[[" * 5],
)
def test_a_letter_file_that_cannot_be_understood_is_never_overwritten(tmp_path: Path, text: str) -> None:
    store = ReviewStore(tmp_path / "review.yaml")
    path = store.file_for("S/2025/1")
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError, match=r"fix or move the file|anchors or aliases|nested|not valid YAML"):
        store.set("S/2025/1", "p1:0:5", "checked")
    with pytest.raises(ReaderError):
        store.get("S/2025/1", "p1:0:5")
    assert path.read_text(encoding="utf-8") == text
    assert store.get("S/2025/2", "p1:0:5") is None  # other letters are not affected


def test_a_billion_laughs_in_a_note_is_refused_at_once(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "review.yaml")
    path = store.file_for("S/2025/1")
    path.parent.mkdir(parents=True)
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path.write_text("\n".join(lines) + "\nmarks: {p1:0:5: {state: flagged, note: *a9}}\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(ReaderError, match="anchors or aliases"):
        store.get("S/2025/1", "p1:0:5")
    assert time.perf_counter() - started < 2


def test_a_huge_file_is_refused_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review, "MAX_FILE", 10_000)
    store = ReviewStore(tmp_path / "review.yaml")
    path = store.file_for("S/2025/1")
    path.parent.mkdir(parents=True)
    path.write_text("marks:\n" + "".join(f"  p{i}:0:5: {{state: checked}}\n" for i in range(1000)), "utf-8")
    with pytest.raises(ReaderError, match="larger than"):
        store.set("S/2025/1", "p1:0:5", "flagged")
    assert path.stat().st_size > 10_000


def test_a_mark_touches_only_its_own_letter(tmp_path: Path) -> None:
    """A mark's cost does not grow with the marks of other letters: their files are not even read."""
    store = ReviewStore(tmp_path / "review.yaml")
    for n in range(3):
        store.set(f"S/2025/{n}", "p1:0:5", "checked")
    big = store.file_for("S/2025/0")
    big.write_text(
        big.read_text(encoding="utf-8").replace(
            "marks:",
            "marks:\n"
            + "".join(f"  p{i}:0:5: {{state: checked, note: {'x' * 200}}}\n" for i in range(10_000)),
            1,
        ),
        encoding="utf-8",
    )
    before = {path: path.stat().st_mtime_ns for path in store.folder.glob("*.yaml")}
    started = time.perf_counter()
    for i in range(20):
        store.set("S/2025/1", f"p2:{i}:{i + 5}", "checked")
    assert time.perf_counter() - started < 5  # reading the big file even once per mark costs more
    after = {path: path.stat().st_mtime_ns for path in store.folder.glob("*.yaml")}
    changed = [path for path in before if before[path] != after[path]]
    assert changed == [store.file_for("S/2025/1")]


def test_saving_keeps_the_users_file_mode(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "review.yaml")
    old = os.umask(0o022)
    try:
        store.set("S/2025/1", "p1:0:5", "checked")
    finally:
        os.umask(old)
    path = store.file_for("S/2025/1")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # as any new file, not mkstemp's 0600
    path.chmod(0o640)
    store.set("S/2025/1", "p2:0:5", "checked")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_reference_id_with_odd_numbers_is_stored(tmp_path: Path) -> None:
    """`p1:²:3` (a superscript two is a digit to str.isdigit but not to int) once crashed the app on `m`."""
    store = ReviewStore(tmp_path / "review.yaml")
    for ref_id in ("p1:²:3", "p1:①:4", "p10:2:9", "p1:10:12", "odd"):
        store.set("S/2025/1", ref_id, "checked")
    assert set(ReviewStore(tmp_path / "review.yaml").for_letter("S/2025/1")) == {
        "p1:²:3",
        "p1:①:4",
        "p10:2:9",
        "p1:10:12",
        "odd",
    }


def test_the_old_single_file_is_split_per_letter_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "review.yaml"
    old = (
        "version: 1\nmine: keep\nletters:\n"
        "  S/2025/1:\n    p1:0:5: {state: checked, note: '', updated: '2025-01-01T00:00:00Z'}\n"
        "    p2:0:5: {state: someday}\n"
        "  S/2025/2:\n    p1:0:5: {state: flagged, note: why}\n"
        "  S/2025/3: not a mapping\n"
    )
    path.write_text(old, encoding="utf-8")
    store = ReviewStore(path)
    assert not path.exists() and (tmp_path / "review.yaml.migrated").read_text(encoding="utf-8") == old
    first = store.get("S/2025/1", "p1:0:5")
    assert first is not None and first.state is ReviewState.CHECKED
    second = store.get("S/2025/2", "p1:0:5")
    assert second is not None and (second.state, second.note) == (ReviewState.FLAGGED, "why")
    kept = yaml.safe_load(store.file_for("S/2025/1").read_text(encoding="utf-8"))
    assert kept["marks"]["p2:0:5"] == {"state": "someday"}  # carried over as it was
    assert ReviewStore(path).get("S/2025/1", "p1:0:5") == first  # the second start migrates nothing


@pytest.mark.parametrize("text", ["- S/2025/1\n- S/2025/2\n", "letters: [S/2025/1]\n", "a: &x 1\nb: *x\n"])
def test_an_old_file_that_cannot_be_migrated_stays_as_it_is(tmp_path: Path, text: str) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReaderError):
        ReviewStore(path)
    assert path.read_text(encoding="utf-8") == text
    assert not (tmp_path / "reviews").exists() or not list((tmp_path / "reviews").glob("*.yaml"))


# -- the config file --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("libraries: " + "[" * 50_000 + "]" * 50_000 + "\n", r"not valid YAML|nested"),
        ("libraries: " + "[" * 40 + "]" * 40 + "\n", "nested more than"),
        ("base: &b /srv\nlibraries: [*b]\n", "anchors or aliases"),
        ("just a string\n", "expected a mapping"),
        ("libraries: x\n" + "# padding\n" * 200_000, "larger than"),
        ("libraries: [\xff]\n", "not UTF-8"),
    ],
    ids=["50000-deep", "40-deep", "alias", "not-a-mapping", "2-MB", "latin-1"],
)
def test_a_hostile_config_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(text.encode("latin-1") if "\xff" in text else text.encode("utf-8"))
    with pytest.raises(ReaderError, match=message) as caught:
        load_config(path)
    assert "\n" not in str(caught.value)


def test_a_config_that_is_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    os.mkfifo(path)
    with pytest.raises(ReaderError, match="not a regular file"):
        load_config(path)
