"""`history` after the stored mail was read again by other rules (user audit 8, A2): each
message's promises, deadlines and meetings as it reads now, once, with what a reread
changed said once, whatever the number of upgrades and downgrades
(pipeline.timeline_as_read_now)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import NOW, eml, message_record

import inbox_monitor.pipeline as pipeline_module
from inbox_monitor.cli import cli
from inbox_monitor.config import Config
from inbox_monitor.models import (
    Commitment,
    CommitmentKind,
    Event,
    Extraction,
    Label,
    Origin,
    RawMessage,
    Strength,
)
from inbox_monitor.pipeline import (
    Pipeline,
    _commitment_event,
    ingest,
    reread_if_stale,
    timeline_as_read_now,
)
from inbox_monitor.store import Store

SENT = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
KEY = "<update@acme.example>"
PROMISE = Commitment(
    CommitmentKind.REPLY, "we will get back to you in the last week of November",
    Strength.RELATIVE, date(2026, 11, 27),
)  # fmt: skip
CALL = Commitment(CommitmentKind.MEETING, "a call today", Strength.RELATIVE, date(2026, 11, 18))
REREAD = "read again by `reread`"


def line(commitment: Commitment, why: str = "", key: str = KEY) -> Event:
    """The timeline line the pipeline writes for `commitment` read in the message `key`."""
    return replace(_commitment_event(1, key, SENT, commitment, why), id=0)


def record(*commitments: Commitment, key: str = KEY) -> Any:
    """The message `key` as it is stored now, read as `commitments`."""
    stored = message_record(key, SENT, Label.DELAY, None, process_id=1)
    return replace(stored, extraction=Extraction(commitments=commitments))


def details(events: list[Event]) -> list[str]:
    return [event.detail for event in events]


EARLIER = replace(PROMISE, due=date(2026, 11, 26))  # an older version's day for it


def test_a_promise_read_back_and_forth_shows_its_reading_now_and_what_it_was_once() -> None:
    # stored by an older version (the 26th), upgraded (the 27th), downgraded (the 26th,
    # with a line of its own), upgraded again (the 27th: its line was there, none added)
    stored = [
        line(EARLIER),
        line(PROMISE, REREAD),
        line(EARLIER, REREAD),
    ]
    shown = timeline_as_read_now(stored, [record(PROMISE)])
    assert details(shown) == [
        f"{line(PROMISE).detail}; {REREAD}, was by 2026-11-26",
    ]
    # the downgrade's reading counts now: the line of the message as it was stored
    assert details(timeline_as_read_now(stored, [record(EARLIER)])) == [line(EARLIER).detail]


def test_a_reading_the_new_rules_dropped_says_it_no_longer_counts() -> None:
    # an upgrade that reads no meeting in "a call today" and another day for the promise
    stored = [line(EARLIER), line(CALL), line(PROMISE, REREAD)]
    shown = timeline_as_read_now(stored, [record(PROMISE)])
    assert details(shown) == [  # each in the place of its line
        f"{line(CALL).detail}; {REREAD}, no longer a meeting",
        f"{line(PROMISE).detail}; {REREAD}, was by 2026-11-26",
    ]
    # a reread that only dropped the meeting wrote no line to say by whom: "read again"
    alone = timeline_as_read_now([line(PROMISE), line(CALL)], [record(PROMISE)])
    assert details(alone) == [
        line(PROMISE).detail,
        f"{line(CALL).detail}; read again, no longer a meeting",
    ]


def test_a_reading_read_with_your_answer_says_so_and_what_it_was() -> None:
    granted = replace(PROMISE, phrase="Yes, that's fine")
    stored = [line(EARLIER), line(granted, "read again with your mail it answers")]
    (shown,) = timeline_as_read_now(stored, [record(granted)])
    assert shown.detail == (
        f"{line(granted).detail}; read again with your mail it answers,"
        f" was {line(EARLIER).detail}"  # other words: all of it
    )


def test_lines_of_mail_read_once_or_not_of_its_readings_stay_as_they_are() -> None:
    label = Event(1, SENT, "delay", "jane@acme.example: Update", KEY, "model:x", 0.9)
    other = "<other@acme.example>"
    stored = [
        label,
        line(PROMISE),
        line(CALL),
        # another version's wording of a reading this message still has: no line matches
        # its reading now, so nothing is left out or said of it
        Event(1, SENT, "reply", "relative: promise by 2026-11-27", other, "extract", 0.9),
        line(EARLIER, REREAD, key=other),
        # a message no longer in the process (moved since): as stored
        line(EARLIER, REREAD, key="<gone@acme.example>"),
    ]
    records = [record(PROMISE, CALL), record(PROMISE, key=other)]
    assert timeline_as_read_now(stored, records) == stored
    # and with no stored message at all, nothing changes either
    assert timeline_as_read_now(stored, []) == stored


def test_every_kind_of_reading_has_words_for_no_longer() -> None:
    assert set(pipeline_module._READ_AS) == set(CommitmentKind)


# ---------------------------------------------------------------------------- through the CLI


def _older_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as an older version did: the promise a day earlier, and a meeting in it."""
    newer = pipeline_module.extract_message  # (extract_for, whose code the rules' hash reads)

    def older(*args: Any, **kwargs: Any) -> Extraction:
        read = newer(*args, **kwargs)
        commitments = tuple(
            replace(c, due=c.due - timedelta(days=1)) if c.due is not None else c
            for c in read.commitments
        )
        return replace(read, commitments=(*commitments, CALL))

    monkeypatch.setattr(pipeline_module, "extract_message", older)


def _read_by_other_rules(store: Store, config: Config) -> None:
    store.read_by("another version's rules")
    assert reread_if_stale(store, config) is not None


def test_history_after_an_upgrade_a_downgrade_and_an_upgrade_again(
    config: Config, pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = eml(
        sender="Jane Doe <jane@acme.example>",
        subject="[delay] Your application to Acme",
        body="The panel meets next week. We will get back to you by Friday 27 November.",
        date=SENT,
        message_id=KEY,
    )
    with monkeypatch.context() as older:
        _older_rules(older)
        with Store(config.database_path) as store:
            ingest(store, [RawMessage(raw, Origin(kind="eml", path="a.eml"))], pipeline, NOW)
    with Store(config.database_path) as store:
        _read_by_other_rules(store, config)  # the upgrade
        with monkeypatch.context() as older:
            _older_rules(older)
            _read_by_other_rules(store, config)  # the old install's `sync`
        _read_by_other_rules(store, config)  # the new one's again
        (process,) = store.processes()
        written = [e.detail for e in store.events(process.id) if e.rule == "extract"]
        assert len(written) == 5  # each reading's line kept in the store, as before
    (home := tmp_path / "home").mkdir()
    (home / "config.toml").write_text('[identity]\naddresses = ["alex.morgan@example.net"]\n')
    env = {"INBOX_MONITOR_HOME": str(tmp_path), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    shown = CliRunner().invoke(cli, ["history", str(process.id), "--json"], env=env)
    assert shown.exit_code == 0, shown.output
    read = [e["detail"] for e in json.loads(shown.output)["events"] if e["rule"] == "extract"]
    assert read == [
        "relative: \u201ca call today\u201d (on 2026-11-18); read again by `reread`,"
        " no longer a meeting",
        "explicit: \u201cWe will get back to you by Friday 27 November\u201d (by 2026-11-27);"
        " read again by `reread`, was by 2026-11-26",
    ]
    table = CliRunner().invoke(cli, ["history", str(process.id)], env=env)
    assert table.output.count("27 November") == 1 and "by 2026-11-26)" not in table.output
