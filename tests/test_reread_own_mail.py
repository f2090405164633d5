"""The user's own mail stored before the process it belongs to was known (the Sent folder
imported before the Inbox) gets another chance to join it (pipeline.file_own_mail): after
an import that opens processes, and after a reread, by the matcher's rules for own mail."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from helpers import NOW, SubjectTagClassifier, eml

import inbox_monitor.pipeline as pipeline_module
from inbox_monitor.config import Config
from inbox_monitor.daemon import Daemon
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import (
    Pipeline,
    build_pipeline,
    ingest,
    reread_if_stale,
    reread_stored,
)
from inbox_monitor.store import Store

ME = "Alex Morgan <alex.morgan@example.net>"


def sent(key: str, to: str, subject: str, body: str, day: int = 2) -> RawMessage:
    data = eml(sender=ME, to=to, subject=subject, body=body,
               date=datetime(2026, 11, day, 9, 0, tzinfo=UTC), message_id=f"<{key}@example.net>")  # fmt: skip
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"), sent=True)


def theirs(key: str, subject: str, day: int = 5) -> RawMessage:
    data = eml(
        sender="Nadia Okafor <nadia.okafor@quillfield.example>",
        subject=subject,
        body="Hi Alex,\n\nThanks for applying for the Site Reliability Engineer role. Could we"
        " talk on Thursday 12 November at 15:00?\n\nNadia Okafor\nTalent team, Quillfield",
        date=datetime(2026, 11, day, 11, 0, tzinfo=UTC),
        message_id=f"<{key}@quillfield.example>",
    )
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"))


APPLICATION = sent(
    "application",
    "Quillfield Jobs <jobs@quillfield.example>",
    "Application: Site Reliability Engineer",
    "Hello,\n\nPlease find my CV attached for the Site Reliability Engineer opening.\n\nAlex",
)
# counter-examples: a friend who works there, and a friend at a free-mail address
TO_A_FRIEND = sent(
    "lunch", "Sam Reyes <sam.reyes@quillfield.example>", "Lunch?", "Lunch on Friday?\n\nAlex"
)
TO_GMAIL = sent("gmail", "Jo <jo.bright@gmail.com>", "Photos", "Here are the photos.\n\nAlex")
INVITATION = theirs("invitation", "[interview] Site Reliability Engineer at Quillfield")


def process_of(store: Store, key: str) -> int | None:
    return store.message_row(key)["process_id"]


def test_own_mail_imported_before_its_process_joins_it_when_the_process_opens(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        ingest(store, [APPLICATION, TO_A_FRIEND, TO_GMAIL], pipeline, NOW)  # the Sent folder
        assert store.processes() == []
        ingest(store, [INVITATION], pipeline, NOW)  # then the Inbox
        (process,) = store.processes()
        assert process_of(store, "<application@example.net>") == process.id
        assert process_of(store, "<lunch@example.net>") is None
        assert process_of(store, "<gmail@example.net>") is None
        kinds = [(e.kind, e.rule) for e in store.events(process.id)]
        assert ("sent", "match:domain") in kinds
        sent_order = [r.key for r in store.message_records(process.id)]
    # the same as when the Inbox comes first
    other = config.data_dir / "other"
    other.mkdir()
    fresh = build_pipeline(config, classifier=SubjectTagClassifier())  # its own index
    with Store(other / "db.sqlite") as store:
        ingest(store, [INVITATION], fresh, NOW)
        ingest(store, [APPLICATION, TO_A_FRIEND, TO_GMAIL], fresh, NOW)
        (process,) = store.processes()
        assert [r.key for r in store.message_records(process.id)] == sent_order


def test_an_import_that_opens_no_process_matches_nothing_again(
    config: Config, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(pipeline_module, "file_own_mail", lambda *args: calls.append(args))
    with Store(config.database_path) as store:
        ingest(store, [APPLICATION], pipeline, NOW)
        assert calls == []
        ingest(store, [INVITATION], pipeline, NOW)
        assert len(calls) == 1
        ingest(store, [TO_A_FRIEND], pipeline, NOW)
        assert len(calls) == 1


def test_own_mail_written_to_two_processes_there_waits_for_review(
    config: Config, pipeline: Pipeline
) -> None:
    other_role = RawMessage(
        eml(
            sender="Ravi Menon <ravi.menon@quillfield.example>",
            subject="[interview] Data Platform Lead at Quillfield",
            body="Hi Alex,\n\nWe'd like to talk about the Data Platform Lead role.\n\nRavi",
            date=datetime(2026, 11, 6, 11, 0, tzinfo=UTC),
            message_id="<lead@quillfield.example>",
        ),
        Origin(kind="eml", path="lead.eml"),
    )
    no_role = sent(
        "question", "Quillfield Jobs <jobs@quillfield.example>", "A question",
        "Hello,\n\nIs relocation support offered?\n\nAlex",
    )  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [no_role], pipeline, NOW)
        ingest(store, [INVITATION, other_role], pipeline, NOW)
        assert len(store.processes()) == 2
        assert process_of(store, "<question@example.net>") is None
        (review,) = [
            r for r in store.open_reviews() if r["message_key"] == "<question@example.net>"
        ]
        assert review["reason"] == "written to the company of several processes"


def left_unfiled_by_an_older_version(store: Store, pipeline: Pipeline) -> None:
    """A store an older version left: the application in no process beside its process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline_module, "file_own_mail", lambda *args: 0)
        ingest(store, [APPLICATION, TO_A_FRIEND], pipeline, NOW)
        ingest(store, [INVITATION], pipeline, NOW)
    assert process_of(store, "<application@example.net>") is None
    store.read_by("rules-of-an-older-version")


def test_a_reread_gives_own_mail_in_no_process_its_chance(
    config: Config, pipeline: Pipeline
) -> None:
    with Store(config.database_path) as store:
        left_unfiled_by_an_older_version(store, pipeline)
        done = reread_if_stale(store, config, now=NOW)
        assert done is not None and done.filed == 1
        (process,) = store.processes()
        assert process_of(store, "<application@example.net>") == process.id
        assert process_of(store, "<lunch@example.net>") is None
        assert reread_stored(store, config, now=NOW).filed == 0  # nothing left to file


def test_the_daemons_reread_files_own_mail_too(config: Config, pipeline: Pipeline) -> None:
    with Store(config.database_path) as store:
        left_unfiled_by_an_older_version(store, pipeline)
    daemon = Daemon(config=config, reload_config=lambda: config, _pipeline=pipeline)
    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not daemon._reread_over.is_set():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.05)
    finally:
        daemon.stop_event.set()
        thread.join(30)
    with Store(config.database_path) as store:
        assert process_of(store, "<application@example.net>") is not None
