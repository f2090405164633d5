"""Every file of the shared raw corpus goes through parse_message without a crash.

The corpus (../shared/corpus/raw/, next to the repository) holds malformed and odd
messages from public parser test suites. It is read at run time, never copied here.
Only ParseError may come out, and only for files that are not messages at all.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from inbox_monitor.errors import ParseError
from inbox_monitor.parse import parse_message
from inbox_monitor.sources import open_source

CORPUS = Path(__file__).parents[2] / "shared" / "corpus" / "raw"
FILES = sorted(path for path in CORPUS.glob("*") if path.is_file() and path.name != "README.txt")
RECEIVED_AT = datetime(2026, 3, 31, tzinfo=UTC)

pytestmark = pytest.mark.skipif(not FILES, reason=f"no corpus at {CORPUS}")


@pytest.mark.parametrize("path", FILES, ids=[path.name[-60:] for path in FILES])
def test_corpus_file_parses_or_raises_parse_error(path: Path) -> None:
    raw = path.read_bytes()
    try:
        message = parse_message(raw, received_at=RECEIVED_AT)
    except ParseError as err:
        # The only accepted reason: the file holds no message (an empty file).
        assert str(err) == "empty", f"{path.name}: {err}"
        assert not raw.strip()
        return
    assert message.size == len(raw)
    assert message.date.tzinfo is not None
    assert set(message.new_text.split()) <= set(message.body.split())
    for text in (message.subject, message.body, message.new_text):
        text.encode("utf-8")  # valid text: no lone surrogates


def test_corpus_parse_error_count_is_known(capsys: pytest.CaptureFixture[str]) -> None:
    reasons: dict[str, list[str]] = {}
    for path in FILES:
        try:
            parse_message(path.read_bytes(), received_at=RECEIVED_AT)
        except ParseError as err:
            reasons.setdefault(str(err), []).append(path.name)
    with capsys.disabled():
        print(f"\nraw corpus: {len(FILES)} files, ParseError: {reasons or 'none'}")
    assert set(reasons) <= {"empty"}
    assert sum(len(names) for names in reasons.values()) <= 1


def test_corpus_as_a_directory_source() -> None:
    items = list(open_source(CORPUS))
    assert len(items) >= len(FILES)
    assert all(item.origin.path.startswith(str(CORPUS)) for item in items)
