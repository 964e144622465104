"""The documents folder `un-reader fetch` fills is part of the library the commands use by default:
`search` and `cited-by` find a fetched document with no `libraries:` configured, and beside them."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.library.documents_store import DocumentStore

ROOT = Path(__file__).resolve().parents[2]
PDFS = ROOT / "tests" / "fixtures" / "letters" / "pdf"
TEXTS = ROOT / "tests" / "fixtures" / "letters" / "text"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def fetched() -> Path:
    """A document as `fetch` stores it: A/79/798-S/2025/110 under its first component, in English."""
    return DocumentStore().save("A/79/798", "en", (PDFS / "A_79_798-S_2025_110.pdf").read_bytes())


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_without_a_configured_library_search_finds_a_fetched_document() -> None:
    code, _, err = cli("search", "Armenia")
    assert code == 2 and "no library" in err  # nothing fetched, nothing configured
    fetched()
    code, out, _ = cli("search", "Armenia")
    assert code == 0 and "A/79/798-S/2025/110" in out


def test_the_documents_folder_joins_the_configured_libraries(home: Path) -> None:
    letters = home / "letters"
    letters.mkdir()
    shutil.copy(TEXTS / "A_79_818-S_2025_156.txt", letters)  # cites A/79/798-S/2025/110
    (home / "config.yaml").write_text(f"libraries:\n  - {letters}\n", encoding="utf-8")
    fetched()
    code, out, _ = cli("cited-by", "S/2025/110")
    # the symbol is known by the fetched document's own symbols, and the citing letter is found
    assert code == 0 and out.startswith("A/79/798-S/2025/110 is cited by 1 letter:")
    assert "\nA/79/818-S/2025/156 · 12 March 2025" in out
    code, out, _ = cli("search", "transmitting herewith")
    assert (
        code == 0 and out.startswith("A/79/798-S/2025/110 · 20 February 2025") and "1 letter matches" in out
    )
