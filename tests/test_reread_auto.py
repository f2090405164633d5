"""The stored mail read again by itself after an upgrade (pipeline.reread_if_stale): the
rules version recorded in the store, batches that commit, a reread stopped or killed half
way that goes on next time, the daemon's and `sync`'s start."""

from __future__ import annotations

import ast
import logging
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import NOW, eml

import inbox_monitor.pipeline as pipeline_module
from inbox_monitor.cli import cli
from inbox_monitor.config import Config, load_config
from inbox_monitor.daemon import Daemon
from inbox_monitor.models import Extraction, Label, Origin, RawMessage
from inbox_monitor.pipeline import (
    READING_MODULES,
    Pipeline,
    Reread,
    _rules_source,
    apply_correction,
    code_meaning,
    ingest,
    reading_rules,
    reread_if_stale,
    reread_stored,
    rules_stale,
    rules_text_stamp,
)
from inbox_monitor.store import Reading, Store

COMPANIES = ("acme", "globex", "initech", "umbrella", "hooli")
OLDER = "rules-of-an-older-version"


def promise(company: str) -> RawMessage:
    data = eml(
        sender=f"Jane Doe <jane@{company}.example>",
        subject=f"[delay] Your application to {company.title()}",
        body="The panel meets next week. We will get back to you by Friday 27 November.",
        date=datetime(2026, 11, 18, 10, 0, tzinfo=UTC),
        message_id=f"<later@{company}>",
    )
    return RawMessage(data, Origin(kind="eml", path=f"{company}.eml"))


def stored_by_an_older_version(store: Store, pipeline: Pipeline) -> None:
    """Five processes whose promise an older version did not read (as it stored them)."""
    ingest(store, [promise(company) for company in COMPANIES], pipeline, NOW)
    for company in COMPANIES:
        store.set_extraction(f"<later@{company}>", Extraction())
    store.read_by(OLDER)


def reread_lines(store: Store) -> list[tuple[int, str | None, str]]:
    return [
        (event.process_id, event.message_key, event.detail)
        for process in store.processes()
        for event in store.events(process.id)
        if "`reread`" in event.detail
    ]


def promises_read(store: Store) -> int:
    return sum(r.extraction.promise is not None for r in store.message_records(filed=True))


def test_a_store_read_by_other_rules_is_read_again_and_says_so(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
        done = reread_if_stale(store, config)
        assert done is not None
        assert (done.read, done.changed, len(done.processes)) == (5, 5, 5)
        assert store.reading() == Reading(
            reading_rules(config.identity), None, 0, rules_text_stamp(config.identity)
        )
        assert promises_read(store) == 5
        (record, *_) = store.message_records(filed=True)
        assert record.extraction.promise is not None
        assert record.extraction.promise.due == date(2026, 11, 27)
        assert len(reread_lines(store)) == 5
        assert reread_if_stale(store, config) is None  # and once is enough


def test_a_store_read_by_these_rules_is_not_read(config: Config, pipeline: Pipeline) -> None:
    with Store(config.database_path) as store:
        # the first mail of an empty store is read by this version: nothing to read again
        ingest(store, [promise(company) for company in COMPANIES], pipeline, NOW)
        assert store.reading().rules == reading_rules(config.identity)
        queries: list[str] = []
        store.db.conn.set_trace_callback(queries.append)
        assert reread_if_stale(store, config) is None
        store.db.conn.set_trace_callback(None)
        assert queries and not [q for q in queries if "messages" in q]


def test_mail_stored_by_two_versions_is_read_by_neither_alone(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        ingest(store, [promise("acme")], pipeline, NOW)
        store.read_by(OLDER)
        ingest(store, [promise("acme")], pipeline, NOW)  # known: nothing new stored
        assert store.reading().rules == OLDER
        ingest(store, [promise("globex")], pipeline, NOW)
        assert store.reading().rules is None
        ingest(store, [promise("initech")], pipeline, NOW)
        assert store.reading().rules is None  # until a reread reads it all
        assert reread_if_stale(store, config) == Reread(3, 0, frozenset())
        assert store.reading().rules == reading_rules(config.identity)


class Killed(Exception):
    pass


def failing_on(call: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """extract_for raises on its `call`th call, as if the process died there."""
    real = pipeline_module.extract_for
    calls = 0

    def extract_for(*args: Any, **kwargs: Any) -> Extraction:
        nonlocal calls
        calls += 1
        if calls == call:
            raise Killed
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline_module, "extract_for", extract_for)


def test_a_reread_killed_half_way_goes_on_next_time_and_writes_each_line_once(
    config: Config, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline_module, "REREAD_BATCH_SIZE", 2)
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
        ids = [row[0] for row in store.db.execute("SELECT id FROM messages ORDER BY id")]
        with monkeypatch.context() as patch:
            failing_on(4, patch)  # in the second batch
            with pytest.raises(Killed):
                reread_if_stale(store, config)
        # the first batch is committed, the second rolled back with its timeline lines
        assert store.reading() == Reading(OLDER, reading_rules(config.identity), ids[1])
        assert promises_read(store) == 2
        assert len(reread_lines(store)) == 2
        done = reread_if_stale(store, config)
        assert done is not None
        assert (done.read, done.changed) == (3, 3)  # from the batch in hand on
        assert store.reading() == Reading(
            reading_rules(config.identity), None, 0, rules_text_stamp(config.identity)
        )
        assert promises_read(store) == 5
        lines = reread_lines(store)
        assert len(lines) == len(set(lines)) == 5
        assert sorted(key for _, key, _ in lines) == sorted(f"<later@{c}>" for c in COMPANIES)


def test_a_reread_stopped_between_batches_goes_on_from_there(
    config: Config, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline_module, "REREAD_BATCH_SIZE", 2)
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
        asked = iter([False, True])
        assert reread_if_stale(store, config, lambda: next(asked)) is None
        assert promises_read(store) == 2
        assert store.reading().rereading == reading_rules(config.identity)
        assert reread_if_stale(store, config) == Reread(3, 3, frozenset({3, 4, 5}))


def test_a_reread_by_other_rules_left_half_way_starts_again(
    config: Config, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline_module, "REREAD_BATCH_SIZE", 2)
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
        store.reread_through("rules-of-a-version-between", 4)  # it read the first four
        done = reread_if_stale(store, config)
        assert done is not None and done.read == 5


def test_each_batch_is_a_transaction_of_its_own(
    config: Config, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline_module, "REREAD_BATCH_SIZE", 2)
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
        queries: list[str] = []
        store.db.conn.set_trace_callback(queries.append)
        reread_if_stale(store, config)
        store.db.conn.set_trace_callback(None)
    # three batches of 2, 2 and 1, and the one that finds nothing left and says so
    assert [q for q in queries if q in ("BEGIN IMMEDIATE", "COMMIT")] == [
        "BEGIN IMMEDIATE",
        "COMMIT",
    ] * 4


def test_labels_corrections_and_processes_stay_as_they_are(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
        apply_correction(store, config, "<later@acme>", Label.INTERVIEW, NOW)

        def board() -> tuple[Any, ...]:
            return (
                store.processes(),
                [(r.key, r.process_id, r.label, r.label_source) for r in store.message_records()],
                list(store.db.query("SELECT * FROM feedback")),
                list(store.db.query("SELECT * FROM process_people ORDER BY process_id, email")),
            )

        before = board()
        done = reread_if_stale(store, config)
        assert done is not None and done.changed == 5
        assert board() == before
        assert store.feedback_label("<later@acme>") == Label.INTERVIEW


def test_reread_by_hand_records_the_rules(config: Config, pipeline: Pipeline) -> None:
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
        assert reread_stored(store, config).changed == 5
        assert store.reading() == Reading(
            reading_rules(config.identity), None, 0, rules_text_stamp(config.identity)
        )
        assert reread_if_stale(store, config) is None


def _imports(module: str) -> set[str]:
    tree = ast.parse((Path(pipeline_module.__file__).parent / f"{module}.py").read_text())
    return {
        node.module.removeprefix("inbox_monitor.")
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module is not None
        and node.module.startswith("inbox_monitor.")
    }


def test_the_rules_version_covers_every_module_extract_reads_with() -> None:
    seen, todo = set(), ["extract"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_imports(module))
    assert seen <= set(READING_MODULES), seen - set(READING_MODULES)


def edited_rules(
    config: Config, monkeypatch: pytest.MonkeyPatch, edit: Callable[[str], str]
) -> str:
    """The rules version if dates.py's source read as `edit` makes it."""
    import inspect

    real = inspect.getsource

    def source(thing: Any) -> str:
        text = real(thing)
        return edit(text) if getattr(thing, "__name__", "") == "inbox_monitor.dates" else text

    _rules_source.cache_clear()
    monkeypatch.setattr(inspect, "getsource", source)
    try:
        return reading_rules(config.identity)
    finally:
        _rules_source.cache_clear()
        monkeypatch.undo()


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text + "\n# a fix\n",
        lambda text: text.replace("\n\n\n", "\n\n\n\n", 1),  # layout
        lambda text: text.replace('"""', '"""Reworded. ', 1),  # the module's docstring
        lambda text: re.sub(
            r"\n( +)return ", r"\n\1# why it returns this\n\1return ", text, count=1
        ),
    ],
    ids=["comment", "blank line", "docstring", "comment in a function"],
)
def test_the_rules_version_is_blind_to_comments_docstrings_and_layout(
    config: Config, monkeypatch: pytest.MonkeyPatch, edit: Callable[[str], str]
) -> None:
    version = reading_rules(config.identity)
    assert edited_rules(config, monkeypatch, edit) == version


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text + "\nFIX = 1\n",
        lambda text: text + "\ndef _helper() -> str:\n    return 'a'\n",
        lambda text: text.replace('"monday"', '"mondays"', 1),  # a string the code reads
    ],
    ids=["a new name", "a new function", "a string"],
)
def test_the_rules_version_follows_their_code(
    config: Config, monkeypatch: pytest.MonkeyPatch, edit: Callable[[str], str]
) -> None:
    version = reading_rules(config.identity)
    assert edited_rules(config, monkeypatch, edit) != version
    assert reading_rules(config.identity) == version


def test_the_program_that_read_the_mail_is_known_by_its_text_without_a_parse(
    config: Config, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what the code says (reading_rules) takes a parse of every reading module, tens of
    # milliseconds on each `status`; the text of the program that read the mail is enough
    with Store(config.database_path) as store:
        ingest(store, [promise(company) for company in COMPANIES], pipeline, NOW)
        assert reread_if_stale(store, config) is None
        assert store.reading().source == rules_text_stamp(config.identity)
        # a comment edited since: the text is new, the rules the same; `sync` learns the text
        monkeypatch.setattr(pipeline_module, "_rules_text", lambda: "edited comment")
        assert not rules_stale(store, config)
        assert reread_if_stale(store, config) is None
        assert store.reading().source == rules_text_stamp(config.identity)

        def no_parse() -> str:
            raise AssertionError("the code was parsed")

        monkeypatch.setattr(pipeline_module, "_rules_source", no_parse)
        assert not rules_stale(store, config)
        assert reread_if_stale(store, config) is None
        ingest(store, [promise("another")], pipeline, NOW)  # new mail: the same rules
        assert store.reading().rules is not None
        # mail stored by other rules forgets the text: the next check reads the code
        store.note_reading(OLDER)
        assert store.reading() == Reading(None, None, 0, None)


def test_code_meaning_reads_code_not_its_text() -> None:
    base = 'def due(day):\n    """When."""\n    return day + 1  # a day later\n'
    assert code_meaning(base) == code_meaning("def due(day):\n\n    return day+1\n")
    assert code_meaning(base) != code_meaning("def due(day):\n    return day + 2\n")
    # a string that is a value, not a docstring, counts
    assert code_meaning('X = "a"\n') != code_meaning('X = "b"\n')
    assert code_meaning('def f():\n    return "a"\n') != code_meaning('def f():\n    return "b"\n')


def test_an_install_without_source_still_has_a_rules_version(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a frozen build: no .py to read; the version then follows the package's own
    import inspect

    def no_source(thing: Any) -> str:
        raise OSError("could not get source code")

    _rules_source.cache_clear()
    monkeypatch.setattr(inspect, "getsource", no_source)
    try:
        frozen = reading_rules(config.identity)
        assert frozen == reading_rules(config.identity) and len(frozen) == 16
    finally:
        _rules_source.cache_clear()
    monkeypatch.undo()
    assert reading_rules(config.identity) != frozen


def test_a_change_of_the_settings_the_rules_read_by_reads_the_mail_again(
    config: Config, pipeline: Pipeline
) -> None:
    # a date is read in the user's zone and counted in their country's business days
    with Store(config.database_path) as store:
        ingest(store, [promise(company) for company in COMPANIES], pipeline, NOW)
        assert reread_if_stale(store, config) is None
        for identity in (
            replace(config.identity, timezone="America/New_York"),
            replace(config.identity, country="US"),
            replace(config.identity, name="Sam Lee"),
        ):
            moved = replace(config, identity=identity)
            assert reading_rules(identity) != reading_rules(config.identity)
            done = reread_if_stale(store, moved)
            assert done is not None and done.read == 5
            assert reread_if_stale(store, moved) is None
    assert reading_rules(replace(config.identity)) == reading_rules(config.identity)


# ---------------------------------------------------------------------------- daemon, sync, status


def wait_until(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_daemon_reads_stored_mail_again_at_start_and_logs_counts_only(
    config: Config, pipeline: Pipeline, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="inbox_monitor")
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
    daemon = Daemon(config=config, reload_config=lambda: config, _pipeline=pipeline)
    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    try:
        wait_until(daemon._reread_over.is_set, 30)
    finally:
        daemon.stop_event.set()
        thread.join(30)
    assert not thread.is_alive()
    with Store(config.database_path) as store:
        assert store.reading().rules == reading_rules(config.identity)
        assert promises_read(store) == 5
    (line,) = [r.getMessage() for r in caplog.records if "read again" in r.getMessage()]
    assert line == (
        "stored mail read again with this version's rules: 5 read, 5 read differently,"
        " in 5 process(es)"
    )
    assert "panel" not in caplog.text and "Acme" not in caplog.text


def down_account(config: Config, tmp_path: Path) -> dict[str, str]:
    """The environment of a config file whose one account's server is down."""
    with socket.socket() as sock:  # a port nobody listens on: the sync itself fails
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    file = tmp_path / "config.toml"
    file.write_text(
        '[identity]\naddresses = ["alex.morgan@example.net"]\ncountry = "GB"\n\n'
        f'[[accounts]]\nname = "down"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "ssl"\n'
        'username = "x"\npassword_env = "TEST_IMAP_PASSWORD"\n'
    )
    env = {
        "INBOX_MONITOR_HOME": str(tmp_path),
        "INBOX_MONITOR_CONFIG": str(file),
        "TEST_IMAP_PASSWORD": "x",
    }
    assert load_config(file, env).database_path == config.database_path
    return env


def test_sync_reads_stored_mail_again_first(
    config: Config, pipeline: Pipeline, tmp_path: Path
) -> None:
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
    env = down_account(config, tmp_path)
    status = CliRunner().invoke(cli, ["status", "--as-of", "2026-11-20"], env=env)
    # audit 8, A6: the store does not say which version is the later; an older install run
    # on a store a newer one read must not call that one older
    assert "read by another version of inbox-monitor, older or newer" in status.output
    assert "older version" not in status.output
    result = CliRunner().invoke(cli, ["sync"], env=env)
    assert "Reading the stored mail again with this version's rules...\n" in result.output
    assert "Read 5 messages again: 5 read differently now, in #1, #2, #3, #4, #5" in result.output
    assert "down: FAILED" in result.output
    again = CliRunner().invoke(cli, ["sync"], env=env)
    assert "Read" not in again.output and "down: FAILED" in again.output
    status = CliRunner().invoke(cli, ["status", "--as-of", "2026-11-20"], env=env)
    assert status.exit_code == 0 and "another version" not in status.output


def test_a_new_store_is_read_by_these_rules_without_a_reread(config: Config) -> None:
    # nothing is filed yet: nothing to read again, and nothing to say (a first `sync`)
    with Store(config.database_path) as store:
        assert store.reading().rules is None
        assert reread_if_stale(store, config) is None
        assert store.reading().rules == reading_rules(config.identity)


def test_watch_reads_stored_mail_again_before_it_watches(
    config: Config, pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(config.database_path) as store:
        stored_by_an_older_version(store, pipeline)
    env = down_account(config, tmp_path)
    watched: list[bool] = []

    def watch(*args: Any, **kwargs: Any) -> None:  # the sync loop itself: a seam of ours
        with Store(config.database_path) as store:
            watched.append(promises_read(store) == 5)

    monkeypatch.setattr("inbox_monitor.cli.mailbox.watch", watch)
    result = CliRunner().invoke(cli, ["watch"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Reading the stored mail again with this version's rules...\nRead 5 messages again"
    )
    assert watched == [True]


def test_a_reread_says_how_much_of_your_own_mail_joined_a_process() -> None:
    from inbox_monitor.cli.model import describe_reread

    assert describe_reread(Reread(5, 0, frozenset(), filed=2)) == (
        "Read 5 messages again: each reads as it did."
        " 2 of your own messages in no process joined one."
    )
    assert describe_reread(Reread(5, 0, frozenset())).endswith("as it did.")


def test_a_name_its_process_lacks_is_learned_when_the_mail_is_read_again(
    config: Config, pipeline: Pipeline
) -> None:
    # audit 8, A3: an older version read no client in the agency's mail, so its process is
    # "(via Spreequell Recruitment)"; read again, "Client is Helvia Bank AG" names it
    pitch = eml(
        sender="Dimitri Weiss <dimitri@spreequell-recruitment.example>",
        subject="[outreach] Senior Backend Engineer - fintech, Frankfurt",
        body="Hi Sam,\n\nI am a recruitment consultant at Spreequell Recruitment. Client is"
        " Helvia Bank AG, they need a Senior Backend Engineer from January. Would you be"
        " interested?\n\nDimitri Weiss\nSpreequell Recruitment",
        date=datetime(2026, 12, 8, 10, 0, tzinfo=UTC),
        message_id="<pitch@spreequell>",
    )
    with Store(config.database_path) as store:
        ingest(store, [RawMessage(pitch, Origin(kind="eml", path="p.eml"))], pipeline, NOW)
        (process,) = store.processes()
        assert process.company == "Helvia Bank"
        # as an older version left it
        record = store.message_records(process.id)[0]
        store.set_extraction("<pitch@spreequell>", replace(record.extraction, company=None))
        store.update_process(process.id, company=None)
        store.read_by(OLDER)
        done = reread_if_stale(store, config)
        assert done is not None and done.changed == 1
        assert store.process(process.id).company == "Helvia Bank"
        assert store.process(process.id).agency == process.agency
        learned = [e for e in store.events(process.id) if e.kind == "learned"]
        assert learned[-1].detail == "company Helvia Bank"
        assert "`reread`" in learned[-1].rule
