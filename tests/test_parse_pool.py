"""Parsing ahead in worker processes: same result as parsing in place, nothing lost on failure."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import ME, NOW, SubjectTagClassifier, eml

from inbox_monitor import pipeline as pipeline_module
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Origin, ParsedMessage, RawMessage, SourceFailure
from inbox_monitor.parse import parse_message
from inbox_monitor.parse_pool import ParseAhead
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

LABELS = ["acknowledgement", "interview", "delay", "rejection", "offer"]
FIRST = ["Amber", "Birch", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor"]
SECOND = ["Robotics", "Foods", "Health", "Energy", "Media"]


def mailbox_items(count: int) -> list[RawMessage | SourceFailure]:
    """`count` messages in threads of five, a copy of one, two bad items and a failure."""
    items: list[RawMessage | SourceFailure] = []
    for index in range(count):
        company = f"{FIRST[index // 5 % 8]} {SECOND[index // 40]}"
        items.append(
            RawMessage(
                eml(
                    sender=f"Recruiter {index // 5} <hr@company{index // 5}.example>",
                    subject=f"[{LABELS[index % 5]}] {company}: Analyst role",
                    body=f"Message {index} about the Analyst role at {company}.",
                    date=NOW - timedelta(days=60) + timedelta(hours=index),
                    message_id=f"<m{index}@company{index // 5}.example>",
                    in_reply_to=f"<m{index - 1}@company{index // 5}.example>"
                    if index % 5
                    else None,
                ),
                Origin(kind="eml", path=f"{index}.eml"),
            )
        )
    first = items[0]
    assert isinstance(first, RawMessage)
    items += [
        RawMessage(first.data, Origin(kind="eml", path="copy.eml")),
        RawMessage(b"", Origin(kind="eml", path="empty.eml")),
        RawMessage(b"\x00\x01\x02\xff" * 300, Origin(kind="eml", path="binary.eml")),
        SourceFailure(Origin(kind="eml", path="locked.eml"), "permission denied"),
    ]
    return items


def snapshot(store: Store) -> dict[str, Any]:
    return {
        "messages": sorted(
            (r["message_key"], r["label"], r["process_id"]) for r in store.db["messages"].rows
        ),
        "processes": sorted((p.id, p.company or "", p.role or "") for p in store.processes()),
        "quarantined": sorted((r["origin"], r["reason"]) for r in store.quarantined()),
        "locations": store.db["message_locations"].count,
    }


def run_import(
    tmp_path: Path,
    workers: int,
    items: list[RawMessage | SourceFailure],
    monkeypatch: pytest.MonkeyPatch,
) -> Any:
    """Import `items` twice; also how many messages the importing process parsed itself
    in the first import (the workers import their own, unpatched, parse module)."""
    config = Config(
        data_dir=tmp_path, identity=IdentityConfig(addresses=frozenset({ME}), country="GB")
    )
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    parsed_here: list[bytes] = []

    def counted(data: bytes, **options: Any) -> ParsedMessage:
        parsed_here.append(data)
        return parse_message(data, **options)

    with Store(config.database_path) as store, monkeypatch.context() as patch:
        patch.setattr(pipeline_module, "parse_message", counted)
        first = ingest(store, items, pipeline, NOW, batch_size=80, parse_workers=workers)
        in_place = len(parsed_here)
        again = ingest(store, items, pipeline, NOW, batch_size=80, parse_workers=workers)
        return (first, again, snapshot(store)), in_place


def test_parsing_in_worker_processes_stores_what_parsing_in_place_stores(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = mailbox_items(200)  # batches of 80, 80 and 44: the last is too small to send
    here, parsed_by_importer = run_import(tmp_path / "here", 0, items, monkeypatch)
    with caplog.at_level(logging.WARNING):
        ahead, parsed_ahead_by_importer = run_import(tmp_path / "ahead", 2, items, monkeypatch)
    assert "parallel parsing stopped" not in caplog.text
    assert parsed_by_importer == 202  # 200 messages, the empty and the binary item
    assert parsed_ahead_by_importer == 42  # the last batch only: 40 messages, 2 bad items
    first, again, stored = ahead
    assert (first.new, first.known, first.failed) == (200, 1, 3)
    assert (again.new, again.failed) == (0, 3)
    assert len(stored["processes"]) > 10
    assert {reason for _, reason in stored["quarantined"]} >= {"empty", "permission denied"}
    assert (first, again, stored) == here


class FakeExecutor(Executor):
    """Runs nothing in another process: records what was sent, fails as told."""

    def __init__(self, fail: bool) -> None:
        self.fail = fail
        self.sent: list[int] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self.sent.append(len(args[0]))
        if self.fail:
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


def raw_items(count: int, start: int = 0) -> list[RawMessage | SourceFailure]:
    return [
        RawMessage(
            eml(
                sender="hr@acme.example",
                subject=f"Note {i}",
                body=f"Body {i}",
                date=NOW,
                message_id=f"<n{i}@acme.example>",
            ),
            Origin(kind="eml", path=f"{i}.eml"),
        )
        for i in range(start, start + count)
    ]


def test_a_dead_worker_pool_leaves_parsing_to_the_caller(
    caplog: pytest.LogCaptureFixture,
) -> None:
    executor = FakeExecutor(fail=True)
    batches = [raw_items(6), raw_items(6, 6), raw_items(6, 12)]
    with (
        caplog.at_level(logging.WARNING),
        ParseAhead(
            2, frozenset(), NOW, lambda _hash: None, executor=lambda _n: executor, min_batch=1
        ) as ahead,
    ):
        results = list(ahead.batches(batches, list))
    assert [len(prepared) for _, prepared in results] == [6, 6, 6]
    assert all(p.parsed is None for _, prepared in results for p in prepared.values())
    assert executor.sent == [3, 3, 3, 3]  # two batches were sent before the first failed
    assert "parallel parsing stopped (BrokenProcessPool)" in caplog.text


def test_a_failure_while_reading_ahead_hands_out_the_batch_already_read_first() -> None:
    def source() -> Iterator[list[RawMessage]]:
        yield raw_items(6)
        raise ConnectionResetError("the server went away")

    handed_out: list[int] = []
    with (
        ParseAhead(2, frozenset(), NOW, lambda _hash: None, min_batch=100) as ahead,
        pytest.raises(ConnectionResetError, match="went away"),
    ):
        for _, prepared in ahead.batches(source(), list):
            handed_out.append(len(prepared))
    assert handed_out == [6]


def test_worker_processes_return_parsed_messages_and_parse_errors() -> None:
    batch = [*raw_items(60), RawMessage(b"", Origin(kind="eml", path="empty.eml"))]
    with ParseAhead(2, frozenset(), NOW, lambda _hash: None) as ahead:
        ((_, prepared),) = list(ahead.batches([batch], list))
    assert all(isinstance(prepared[i].parsed, ParsedMessage) for i in range(60))
    assert str(prepared[60].parsed) == "empty"


def test_known_bytes_and_small_batches_are_not_sent_to_workers() -> None:
    executor = FakeExecutor(fail=False)
    batch = raw_items(6)
    known_hashes: set[str] = set()
    with ParseAhead(
        2,
        frozenset(),
        NOW,
        lambda raw_hash: "stored" if raw_hash in known_hashes else None,
        executor=lambda _n: executor,
        min_batch=3,
    ) as ahead:
        ((_, prepared),) = list(ahead.batches([batch], list))
        known_hashes.update(p.raw_hash for i, p in prepared.items() if i < 4)
        ((_, again),) = list(ahead.batches([batch], list))
    assert executor.sent == [3, 3]  # the first pass: 6 messages in two chunks
    assert all(isinstance(p.parsed, ParsedMessage) for p in prepared.values())
    assert all(p.parsed is None for p in again.values())  # 2 unknown left: under min_batch


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc to see the workers")
def test_workers_end_when_the_process_that_started_them_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "owner.py"
    script.write_text(
        "import sys, time\n"
        "from datetime import UTC, datetime\n"
        "from inbox_monitor.models import Origin, RawMessage\n"
        "from inbox_monitor.parse_pool import ParseAhead\n"
        "def main():\n"
        "    data = b'From: a@b.example\\r\\nSubject: hi\\r\\n\\r\\nhello\\r\\n'\n"
        "    batch = [RawMessage(data + bytes(str(i), 'ascii'), Origin(kind='eml', path=str(i)))\n"
        "             for i in range(60)]\n"
        "    now = datetime(2026, 11, 24, tzinfo=UTC)\n"
        "    with ParseAhead(2, frozenset(), now, lambda raw_hash: None) as ahead:\n"
        "        for _ in ahead.batches([batch], list):\n"
        "            print(*ahead._executor._processes, flush=True)\n"
        "            time.sleep(60)\n"
        "if __name__ == '__main__':\n"
        "    main()\n"
    )
    owner = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert owner.stdout is not None
        workers = [int(pid) for pid in owner.stdout.readline().split()]
        assert len(workers) == 2 and all(Path(f"/proc/{pid}").exists() for pid in workers)
    finally:
        owner.kill()  # SIGKILL: no clean-up runs in the owner
        owner.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


def ignores_sigint(pid: int) -> bool:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGINT - 1)))
    return False


def wait_until_ignoring_sigint(pids: list[int], seconds: float = 10) -> bool:
    """Whether the workers ignore SIGINT within `seconds` (their initializer has run)."""
    deadline = time.monotonic() + seconds
    while not all(ignores_sigint(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc to see the workers")
def test_workers_ignore_ctrl_c_and_keep_parsing(caplog: pytest.LogCaptureFixture) -> None:
    batches = [raw_items(60), raw_items(60, 60), raw_items(60, 120)]
    parsed_by_workers: list[bool] = []
    with (
        caplog.at_level(logging.WARNING),
        ParseAhead(2, frozenset(), NOW, lambda _h: None) as ahead,
    ):
        for number, (_, prepared) in enumerate(ahead.batches(batches, list)):
            parsed_by_workers += [p.parsed is not None for p in prepared.values()]
            if number == 0:  # the next batch is sent to the workers after this Ctrl-C
                assert isinstance(ahead._executor, ProcessPoolExecutor)
                workers = list(ahead._executor._processes)
                assert len(workers) == 2 and wait_until_ignoring_sigint(workers)
                for pid in workers:
                    os.kill(pid, signal.SIGINT)
    assert parsed_by_workers == [True] * 180
    assert "parallel parsing stopped" not in caplog.text


OWNER = """\
import sys, time
from datetime import UTC, datetime
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.parse_pool import ParseAhead

def batch(count, start):
    data = b"From: a@b.example\\r\\nSubject: hi\\r\\n\\r\\nhello "
    return [RawMessage(data + str(i).encode(), Origin(kind="eml", path=str(i)))
            for i in range(start, start + count)]

def main(mode, pending):
    workers = []
    now = datetime(2026, 11, 24, tzinfo=UTC)
    batches = [batch(60, 0), batch(pending, 60), batch(60, 60 + pending)]
    try:
        with ParseAhead(2, frozenset(), now, lambda raw_hash: None) as ahead:
            for _ in ahead.batches(batches, list):
                workers = list(ahead._executor._processes.values())
                print(*[worker.pid for worker in workers], flush=True)
                if mode == "raise":  # while the workers parse the next batch
                    raise KeyboardInterrupt
                time.sleep(60)
    except KeyboardInterrupt:
        print("ended", *[worker.exitcode for worker in workers], flush=True)
        sys.exit(130)

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
"""


def run_owner(
    tmp_path: Path, mode: str, pending: int, interrupt: Callable[[int, list[int]], None]
) -> tuple[int, list[str], str]:
    """Run OWNER in its own process group; `interrupt(owner pid, worker pids)` once its two
    workers have parsed the first batch. A hang fails the test instead of hanging the suite."""
    script = tmp_path / "owner.py"
    script.write_text(OWNER)
    owner = subprocess.Popen(
        [sys.executable, str(script), mode, str(pending)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert owner.stdout is not None
        interrupt(owner.pid, [int(pid) for pid in owner.stdout.readline().split()])
        out, err = owner.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(owner.pid, signal.SIGKILL)
        owner.communicate()
        pytest.fail("the owner did not end within 20 s of Ctrl-C")
    finally:
        if owner.poll() is None:
            os.killpg(owner.pid, signal.SIGKILL)
            owner.wait()
    return owner.returncode, out.split(), err


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc to see the workers")
def test_ctrl_c_in_a_terminal_ends_the_import_and_its_workers_quietly(tmp_path: Path) -> None:
    def ctrl_c(owner: int, workers: list[int]) -> None:
        assert len(workers) == 2
        wait_until_ignoring_sigint(workers)
        os.killpg(owner, signal.SIGINT)  # as a terminal does: to the whole group

    returncode, out, err = run_owner(tmp_path, "sleep", 60, ctrl_c)
    assert returncode == 130
    assert out[-3] == "ended" and "None" not in out[-2:]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_an_error_in_the_owner_ends_busy_workers_without_waiting_for_their_work(
    tmp_path: Path,
) -> None:
    # 40,000 messages pending: seconds of work that nobody will collect
    returncode, out, _ = run_owner(tmp_path, "raise", 40_000, lambda _owner, _workers: None)
    assert returncode == 130
    # ended, not left to finish (exit code 0), nor still running (None); a worker ended
    # while it starts up or sends a result may exit with an error of its own (255) rather
    # than by the signal. The pool starts its workers as work comes: on a busy machine one
    # alone may have parsed the first batch, so the owner names one or two.
    assert "ended" in out, out
    codes = out[out.index("ended") + 1 :]
    assert 1 <= len(codes) <= 2 and "0" not in codes and "None" not in codes, out
