"""Marks per cited document, who made them, the team's folder, two writers at once, and the report
`un-reader review` hands to a colleague, in its three formats."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from reader.library.review import ReviewState, ReviewStore, cited_documents, reference_id
from reader.parser import parse_path
from tests.conftest import cli_env
from tests.library.test_commands import run

LAYOUT = Path(__file__).resolve().parents[1] / "fixtures" / "letters" / "layout"
S311 = LAYOUT / "S_2025_311.txt"  # cites S/2025/141, S/2025/180, resolution 2719 (2023) twice, S/PV.9884


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return cli_env(tmp_path)


def test_one_mark_covers_every_mention_of_a_document(tmp_path: Path) -> None:
    letter = parse_path(S311)
    documents = cited_documents(letter)
    assert [(d.label, len(d.mentions)) for d in documents] == [
        ("S/2025/141", 1),
        ("S/2025/180", 1),
        ("S/RES/2719 (2023)", 2),
        ("S/PV.9884", 1),
    ]
    store = ReviewStore(tmp_path / "review.yaml")
    resolution = documents[2]
    store.set(letter.key, resolution.id, ReviewState.CHECKED, reviewer="ana")
    summary = store.summary(letter)
    assert (summary.documents_checked, summary.documents, summary.checked, summary.total) == (1, 4, 2, 5)
    assert str(summary) == "1 of 4 documents checked · 5 mentions"
    # one mention flagged on its own: the document counts as checked, the mention as flagged
    store.set(letter.key, reference_id(resolution.mentions[1]), "flagged", "wrong paragraph", reviewer="bo")
    summary = store.summary(letter)
    assert (summary.documents_checked, summary.checked, summary.flagged) == (1, 1, 1)


def test_a_joint_symbol_and_its_part_are_one_document(tmp_path: Path) -> None:
    from tests.library.library_fakes import parse_fake, write_letter

    path = write_letter(
        tmp_path, "x", ["A/79/900"], ["See A/79/798-S/2025/110 and later S/2025/110, and A/79/802."]
    )
    documents = cited_documents(parse_fake(path))
    assert [(d.label, len(d.mentions)) for d in documents] == [("A/79/798-S/2025/110", 2), ("A/79/802", 1)]


def test_a_mark_records_reviewer_and_time_and_the_file_is_stable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("reviewer: Ana Lima\nreview_dir: team-reviews\n", encoding="utf-8")
    monkeypatch.setenv("UN_READER_CONFIG", str(config))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    letter = parse_path(S311)
    store = ReviewStore()
    assert store.folder == tmp_path / "team-reviews"  # relative to the config file
    docs = cited_documents(letter)
    store.set(letter.key, docs[1].id, "checked")
    store.set(letter.key, docs[0].id, "flagged", "date?")
    review = store.get(letter.key, docs[0].id)
    assert review is not None and review.reviewer == "Ana Lima" and review.updated.endswith("Z")
    written = store.file_for(letter.key)
    assert written.parent == tmp_path / "team-reviews"
    text = written.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert list(data["marks"]) == ["doc:S/2025/141", "doc:S/2025/180"]  # sorted, whatever the order marked
    assert data["marks"]["doc:S/2025/141"] == {
        "state": "flagged",
        "note": "date?",
        "reviewer": "Ana Lima",
        "updated": review.updated,
    }
    # the same marks made in the other order give the same file, line for line (merges in git)
    other = tmp_path / "other"
    second = ReviewStore(folder=other)
    second.set(letter.key, docs[0].id, "flagged", "date?", reviewer="Ana Lima")
    second.set(letter.key, docs[1].id, "checked", reviewer="Ana Lima")
    lines = [
        line for line in second.file_for(letter.key).read_text("utf-8").splitlines() if "updated" not in line
    ]
    assert lines == [line for line in text.splitlines() if "updated" not in line]


def test_the_login_name_is_the_default_reviewer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "none.yaml"))
    store = ReviewStore(tmp_path / "review.yaml")
    assert store.set("S/2025/1", "doc:S/2025/2", "checked").reviewer == getpass.getuser()


def _mark_documents(args: tuple[str, str, int]) -> None:
    folder, who, n = args
    store = ReviewStore(folder=Path(folder))
    for i in range(8):
        store.set("S/2025/311", f"doc:S/2025/{n * 100 + i}", "checked", reviewer=who)


def test_two_readers_marking_the_same_letter_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_mark_documents, [(str(folder), "ana", 1), (str(folder), "bo", 2)])
    threads = [
        threading.Thread(target=_mark_documents, args=((str(folder), who, n),))
        for who, n in (("cy", 3), ("di", 4))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    marks = ReviewStore(folder=folder).for_letter("S/2025/311")
    assert len(marks) == 32
    assert {m.reviewer for m in marks.values()} == {"ana", "bo", "cy", "di"}


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for name in ("S_2025_311.txt", "S_2025_141.txt", "S_2025_180.txt"):
        shutil.copy(LAYOUT / name, folder)
    return folder


def _marked(env: dict[str, str]) -> None:
    letter = parse_path(S311)
    docs = cited_documents(letter)
    store = ReviewStore(Path(env["UN_READER_DATA_DIR"]) / "review.yaml")
    store.set(letter.key, docs[0].id, "checked", reviewer="ana")
    store.set(letter.key, docs[2].id, "flagged", "=HYPERLINK(x) | which paragraph?", reviewer="bo")


def test_review_report_as_markdown(env: dict[str, str], tmp_path: Path) -> None:
    library = _library(tmp_path)
    _marked(env)
    result = run(env, "review", str(library / "S_2025_311.txt"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# Review of S/2025/311"
    assert "1 of 4 documents checked · 5 mentions" in lines
    rows = [line for line in lines if line.startswith("| S/")]
    assert rows[0].startswith("| S/2025/141 | 1 | a1.p4 | in library |  | checked |  | ana | 20")
    assert rows[1].startswith("| S/2025/180 | 1 | a1.p5 | in library |  |  |  |  |  |")
    assert rows[2].startswith(
        "| S/RES/2719 (2023) | 2 | a1.p12, a1.p19 | not in library |  | flagged"
        " | =HYPERLINK(x) \\| which paragraph? | bo |"
    )
    assert rows[3].startswith("| S/PV.9884 | 1 | a1.fn2 | not in library |")


def test_review_report_as_csv(env: dict[str, str], tmp_path: Path) -> None:
    library = _library(tmp_path)
    _marked(env)
    result = run(env, "review", str(library / "S_2025_311.txt"), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["document"], r["mentions"], r["status"], r["mark"], r["reviewer"]) for r in rows] == [
        ("S/2025/141", "1", "in library", "checked", "ana"),
        ("S/2025/180", "1", "in library", "", ""),
        ("S/RES/2719 (2023)", "2", "not in library", "flagged", "bo"),
        ("S/PV.9884", "1", "not in library", "", ""),
    ]
    assert rows[2]["note"] == "'=HYPERLINK(x) | which paragraph?"  # never a spreadsheet formula
    assert rows[0]["time"].endswith("Z") and rows[0]["letter"] == "S/2025/311"


def test_review_report_as_json_with_findings(env: dict[str, str], tmp_path: Path) -> None:
    library = _library(tmp_path)
    _marked(env)
    # a copy citing S/2025/141 with a date it does not have (6 March 2025 in the library)
    text = (LAYOUT / "S_2025_311.txt").read_text(encoding="utf-8")
    altered = text.replace(
        "prepared and issued as a\n", "prepared in a letter dated 7 March 2025 and issued as a\n", 1
    )
    assert altered != text
    (library / "S_2025_311.txt").write_text(altered, encoding="utf-8")
    result = run(env, "review", str(library / "S_2025_311.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["letter"]["symbol"] == "S/2025/311"
    assert report["summary"] == {"documents": 4, "checked": 1, "flagged": 1, "mentions": 5, "findings": 1}
    first = report["documents"][0]
    assert (first["symbol"], first["mentions"], first["where"], first["status"]) == (
        "S/2025/141",
        1,
        ["a1.p4"],
        "in library",
    )
    assert first["findings"] == [
        {"where": "a1.p4", "field": "date", "cited": "7 March 2025", "found": "6 March 2025"}
    ]
    assert (first["mark"], first["reviewer"]) == ("checked", "ana")
    assert report["documents"][2]["note"] == "=HYPERLINK(x) | which paragraph?"


def test_review_of_a_missing_file_is_one_line(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "review", str(tmp_path / "nope.pdf"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"un-reader: error: {tmp_path / 'nope.pdf'}: no such file"
    result = run(env, "review", str(S311), "--format", "xml")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_the_report_never_passes_control_characters_on(env: dict[str, str], tmp_path: Path) -> None:
    library = _library(tmp_path)
    letter = parse_path(S311)
    store = ReviewStore(Path(env["UN_READER_DATA_DIR"]) / "review.yaml")
    store.set(
        letter.key, cited_documents(letter)[0].id, "flagged", "odd \x1b[31mred\u202e text\x9b", reviewer="ana"
    )
    for fmt in ("markdown", "csv", "json"):
        result = run(env, "review", str(library / "S_2025_311.txt"), "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert not any(ch in result.stdout for ch in "\x1b\u202e\x9b"), fmt
    report = json.loads(run(env, "review", str(library / "S_2025_311.txt"), "--format", "json").stdout)
    assert report["documents"][0]["note"].startswith("odd \x1b[31mred")  # JSON keeps it, escaped


def test_review_of_a_file_that_is_not_a_letter_is_one_line(env: dict[str, str], tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = run(env, "review", str(binary))
    assert result.returncode == 2
    assert result.stderr.startswith("un-reader: error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "a binary file, not a letter" in result.stderr  # said before any folder is indexed
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reviewer: [ana]\n", "`reviewer` must be a string"),
        ("review_dir: {a: 1}\n", "`review_dir` must be a string"),
    ],
)
def test_team_settings_of_the_wrong_type_are_one_line(
    env: dict[str, str], tmp_path: Path, text: str, message: str
) -> None:
    Path(env["UN_READER_CONFIG"]).write_text(text, encoding="utf-8")
    result = run(env, "review", str(S311))
    assert result.returncode == 2
    assert result.stderr.strip() == f"un-reader: error: {env['UN_READER_CONFIG']}: {message}"


def test_a_fetched_document_has_the_status_fetched(env: dict[str, str], tmp_path: Path) -> None:
    """The documents folder `fetch` fills is part of the library: a resolution found there is "fetched"."""
    library = _library(tmp_path)
    documents = Path(env["UN_READER_DATA_DIR"]) / "documents"
    documents.mkdir(parents=True)
    shutil.copy(LAYOUT.parents[1] / "documents" / "layout" / "S_RES_2771_2025.txt", documents)
    text = (library / "S_2025_311.txt").read_text(encoding="utf-8")
    (library / "S_2025_311.txt").write_text(text.replace("2719 (2023)", "2771 (2025)"), encoding="utf-8")
    result = run(env, "review", str(library / "S_2025_311.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    status = {d["symbol"]: d["status"] for d in json.loads(result.stdout)["documents"]}
    assert status == {
        "S/2025/141": "in library",
        "S/2025/180": "in library",
        "S/RES/2771 (2025)": "fetched",
        "S/PV.9884": "not in library",
    }


def test_a_malformed_symbol_has_the_status_malformed(tmp_path: Path) -> None:
    from reader.library.review_report import library_status, review_rows
    from tests.library.library_fakes import parse_fake, write_letter

    path = write_letter(tmp_path, "x", ["A/79/900"], ["See S/2020-503 and A/79/802."], bad=["S/2020-503"])
    letter = parse_fake(path)
    rows = review_rows(letter, {}, library_status(lambda symbols: [], None), [])
    assert [(row.symbol, row.status) for row in rows] == [
        ("S/2020-503", "malformed"),
        ("A/79/802", "not in library"),
    ]
