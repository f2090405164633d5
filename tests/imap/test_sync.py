"""The sync engine against a real Dovecot: correctness, read-only, faults, folders."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, account_for, append_messages, make_message, seed_client
from dovecot_server import ALL_FOLDER, SENT_FOLDER, DovecotServer, write_maildir_messages
from imapclient import IMAPClient

from inbox_monitor import pipeline as pipeline_module
from inbox_monitor.classify import Classifier
from inbox_monitor.config import AccountConfig, Config, Credentials
from inbox_monitor.errors import AuthError, MailboxError
from inbox_monitor.imap import ALLOWED_COMMANDS, Mailbox, ReadOnlyViolation, connect
from inbox_monitor.models import ParsedMessage
from inbox_monitor.parse import parse_message
from inbox_monitor.pipeline import Pipeline, build_pipeline
from inbox_monitor.store import Store
from inbox_monitor.sync import Credentials as SyncCredentials
from inbox_monitor.sync import (
    FolderResult,
    FolderTarget,
    RetryPolicy,
    folders_to_read,
    run_once,
    sync_account,
    sync_folder,
    watch_account,
)

pytestmark = pytest.mark.imap


def by_folder(results: list[FolderResult]) -> dict[str, FolderResult]:
    return {r.folder: r for r in results}


def locations(store: Store) -> list[tuple[str, int, int]]:
    rows = store.db.execute(
        "SELECT folder, uidvalidity, uid FROM message_locations ORDER BY folder, uid"
    ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def open_mailbox(account: AccountConfig) -> Mailbox:
    return connect(account, password=lambda: account.credentials.password or "")


@contextmanager
def watching(
    account: AccountConfig, database: Path, pipeline: Pipeline, **options: Any
) -> Iterator[None]:
    """watch_account in a thread with a store connection of its own, until the block ends."""
    stop = threading.Event()

    def watcher() -> None:
        with Store(database) as store:
            watch_account(account, store, pipeline, lambda: NOW, stop, **options)

    thread = threading.Thread(target=watcher)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
    assert not thread.is_alive(), "watch did not stop within 5 s of the stop event"


def test_first_sync_reads_inbox_and_localised_sent_but_not_all(
    seed: IMAPClient, config: Config, store: Store, pipeline: Pipeline
) -> None:
    for index in range(5):
        seed.append("INBOX", make_message(index))
    for index in range(5, 7):
        seed.append(SENT_FOLDER, make_message(index, sender="me@example.com"))
    seed.append(ALL_FOLDER, make_message(99))

    results = by_folder(run_once(config, store, pipeline, NOW))

    assert set(results) == {"INBOX", SENT_FOLDER}
    assert results["INBOX"].summary.new == 5 and results["INBOX"].fetched == 5
    assert results[SENT_FOLDER].summary.new == 2
    assert store.message_count() == 7
    directions = dict(
        store.db.execute(
            "SELECT l.folder, group_concat(DISTINCT m.direction) FROM messages m"
            " JOIN message_locations l USING (message_key) GROUP BY l.folder"
        ).fetchall()
    )
    assert directions == {"INBOX": "inbound", SENT_FOLDER: "outbound"}
    health = {(h["account"], h["folder"]): h for h in store.sync_health()}
    assert health[("work", "INBOX")]["last_success"] is not None
    assert health[("work", "INBOX")]["last_error"] is None


def test_incremental_sync_fetches_only_new_and_an_idle_folder_costs_little(
    seed: IMAPClient, config: Config, store: Store, pipeline: Pipeline
) -> None:
    for index in range(3):
        seed.append("INBOX", make_message(index))
    first = by_folder(run_once(config, store, pipeline, NOW))
    assert first["INBOX"].fetched == 3
    seed.append("INBOX", make_message(10))
    seed.append("INBOX", make_message(11))

    second = by_folder(run_once(config, store, pipeline, NOW))
    third = by_folder(run_once(config, store, pipeline, NOW))

    assert second["INBOX"].fetched == 2 and second["INBOX"].summary.new == 2
    assert not second["INBOX"].unchanged
    assert third["INBOX"].unchanged and third["INBOX"].fetched == 0
    assert third["INBOX"].bytes_received < 1_000
    assert store.message_count() == 5
    state = store.get_sync_state("work", "INBOX")
    assert state is not None and state.last_uid == 5 and state.highest_modseq is not None


def flags_and_modseq(client: IMAPClient, folder: str) -> tuple[dict[int, tuple[bytes, ...]], int]:
    client.select_folder(folder, readonly=True)
    uids = client.search(["ALL"])  # fetch("1:*") raises ValueError in imapclient 4.1
    flags = {uid: tuple(sorted(v[b"FLAGS"])) for uid, v in client.fetch(uids, ["FLAGS"]).items()}
    status = client.folder_status(folder, ["HIGHESTMODSEQ"])
    return flags, int(status[b"HIGHESTMODSEQ"])


def test_flags_are_byte_for_byte_unchanged_after_sync(
    seed: IMAPClient, config: Config, store: Store, pipeline: Pipeline
) -> None:
    variants: list[list[bytes]] = [[], [b"\\Seen"], [b"\\Flagged", b"\\Answered"], [b"$Label1"]]
    for index, flags in enumerate(variants):
        seed.append("INBOX", make_message(index, attachment=b"%PDF" * 100), flags=flags)
    before = flags_and_modseq(seed, "INBOX")
    seed.unselect_folder()

    run_once(config, store, pipeline, NOW)
    after = flags_and_modseq(seed, "INBOX")

    assert store.message_count() == 4
    assert after == before
    assert [b"\\Seen" in f for f in before[0].values()] == [False, True, False, False]


def test_the_wrapper_cannot_send_a_write_command(account: AccountConfig) -> None:
    with open_mailbox(account) as mailbox:
        mailbox.examine("INBOX")
        client = mailbox._Mailbox__client  # type: ignore[attr-defined]
        with pytest.raises(ReadOnlyViolation, match="UID STORE"):
            client.add_flags([1], [b"\\Seen"])
        with pytest.raises(ReadOnlyViolation, match="SELECT"):
            client.select_folder("INBOX", readonly=False)
        for write in (client.expunge, lambda: client.delete_folder("INBOX")):
            with pytest.raises(ReadOnlyViolation):
                write()
        with pytest.raises(ReadOnlyViolation):
            client.append("INBOX", b"Subject: x\r\n\r\nx\r\n")
    public = {name for name in dir(Mailbox) if not name.startswith("_")}
    assert not public & {"store", "copy", "move", "expunge", "delete", "append", "select"}
    assert not ALLOWED_COMMANDS & {"STORE", "COPY", "MOVE", "EXPUNGE", "DELETE", "SELECT"}


def test_uidvalidity_change_rereads_without_duplicates(
    seed: IMAPClient, account: AccountConfig, tmp_path: Path, store: Store, classifier: Classifier
) -> None:
    account = replace(account, folders=("Projects",))
    config = Config(data_dir=tmp_path, accounts=(account,))
    pipeline = build_pipeline(config, classifier)
    seed.create_folder("Projects")
    originals = [make_message(index) for index in range(3)]
    for data in originals:
        seed.append("Projects", data)
    run_once(config, store, pipeline, NOW)
    old_state = store.get_sync_state("work", "Projects")

    seed.delete_folder("Projects")
    seed.create_folder("Projects")
    for data in [*originals, make_message(3)]:
        seed.append("Projects", data)
    result = by_folder(run_once(config, store, pipeline, NOW))["Projects"]

    new_state = store.get_sync_state("work", "Projects")
    assert old_state is not None and new_state is not None
    assert new_state.uidvalidity != old_state.uidvalidity
    assert result.uidvalidity_reset and result.fetched == 4
    assert result.summary.new == 1 and result.summary.known == 3
    assert store.message_count() == 4
    # the old numbering's places are gone with it; the new ones are the places now
    assert result.forgotten == 3
    assert locations(store) == [("Projects", new_state.uidvalidity, uid) for uid in (1, 2, 3, 4)]


def test_message_appended_while_idle_arrives_within_two_seconds(
    dovecot: DovecotServer,
    user: tuple[str, str],
    account: AccountConfig,
    tmp_path: Path,
    pipeline: Pipeline,
) -> None:
    rounds: list[tuple[float, list[FolderResult]]] = []
    with watching(
        account, tmp_path / "watch.db", pipeline,
        on_results=lambda results: rounds.append((time.monotonic(), results)),
    ):  # fmt: skip
        for _ in range(100):
            if rounds:
                break
            time.sleep(0.05)
        assert rounds, "the watcher never finished its first sync"
        time.sleep(1.0)  # be inside IDLE before the append
        client = seed_client(dovecot, user)
        client.append("INBOX", make_message(1))
        appended = time.monotonic()
        client.logout()
        while time.monotonic() - appended < 2.0 and len(rounds) < 2:
            time.sleep(0.02)
        assert len(rounds) >= 2, "no sync within 2 s of the append"
        arrived, results = rounds[1]
        assert by_folder(results)["INBOX"].summary.new == 1
        assert arrived - appended < 2.0


def test_mail_that_arrives_during_a_sync_is_read_before_the_watcher_idles(
    dovecot: DovecotServer,
    user: tuple[str, str],
    account: AccountConfig,
    tmp_path: Path,
    pipeline: Pipeline,
) -> None:
    # IDLE reports only what arrives after the EXAMINE that precedes it; a message that
    # lands between the sync's SEARCH and that EXAMINE must not wait for the re-issue.
    append_messages(dovecot, user, [0])
    appended: list[bool] = []
    stored: list[int] = []

    def ingest_appending_once(
        store: Store, items: Any, pipe: Pipeline, now: Any, *rest: Any
    ) -> Any:
        if not appended:  # inside the first sync, after its SEARCH
            append_messages(dovecot, user, [1])
            appended.append(True)
        summary = pipeline_module.ingest_batch(store, items, pipe, now, *rest)
        stored.append(store.message_count())
        return summary

    with watching(
        account, tmp_path / "watch.db", pipeline,
        idle_seconds=600, ingest=ingest_appending_once,
    ):  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (not stored or stored[-1] < 2):
            time.sleep(0.05)
        assert appended and stored and stored[-1] == 2, f"stored after each batch: {stored}"


def test_server_stopped_mid_sync_resumes_with_nothing_lost_or_doubled(
    own_dovecot: DovecotServer, tmp_path: Path, classifier: Classifier
) -> None:
    own_dovecot.start()
    user = (own_dovecot.user, own_dovecot.password)
    append_messages(own_dovecot, user, range(500))
    account = account_for(own_dovecot, user)
    config = Config(data_dir=tmp_path, accounts=(account,))
    pipeline = build_pipeline(config, classifier)
    store = Store(tmp_path / "db.sqlite")
    restarts: list[float] = []
    stopped_after: list[int] = []

    def stop_after_first_batch(progress: object) -> None:
        if not stopped_after:
            stopped_after.append(store.message_count())
            own_dovecot.stop()

    stored_at_restart: list[int] = []

    def restart(delay: float) -> None:
        # the batch read ahead before the server went away is stored, not read again
        stored_at_restart.append(store.message_count())
        restarts.append(delay)
        own_dovecot.start()

    policy = RetryPolicy(attempts=3, base_seconds=0.01, sleep=restart)
    results = sync_account(
        account, store, pipeline, NOW, progress=stop_after_first_batch, retry=policy
    )

    assert stopped_after == [200]
    assert stored_at_restart == [400]
    assert len(restarts) == 1
    assert all(r.ok for r in results), [r.error for r in results]
    assert store.message_count() == 500
    inbox = [loc for loc in locations(store) if loc[0] == "INBOX"]
    assert [uid for _, _, uid in inbox] == list(range(1, 501))
    state = store.get_sync_state("work", "INBOX")
    assert state is not None and state.last_uid == 500
    store.close()


def test_wrong_password_stops_the_account_without_retrying(
    dovecot: DovecotServer, user: tuple[str, str], store: Store, pipeline: Pipeline
) -> None:
    account = replace(account_for(dovecot, user), credentials=Credentials(password="wrong"))
    sleeps: list[float] = []
    results = sync_account(account, store, pipeline, NOW, retry=RetryPolicy(sleep=sleeps.append))
    assert sleeps == []
    assert len(results) == 1 and results[0].folder == ""
    assert results[0].error is not None and "refused the login" in results[0].error
    health = {(h["account"], h["folder"]): h for h in store.sync_health()}
    assert "refused the login" in health[("work", "")]["last_error"]
    with pytest.raises(AuthError):
        open_mailbox(account)


def test_tls_needs_the_test_ca_and_starttls_works(
    dovecot: DovecotServer, user: tuple[str, str]
) -> None:
    with open_mailbox(account_for(dovecot, user)) as mailbox:
        assert mailbox.examine("INBOX").uidvalidity > 0
    with open_mailbox(account_for(dovecot, user, security="starttls")) as mailbox:
        assert mailbox.examine("INBOX").uidvalidity > 0
    for security in ("ssl", "starttls"):
        with pytest.raises(MailboxError, match="certificate could not be verified"):
            open_mailbox(account_for(dovecot, user, security=security, ca=False))


def test_non_ascii_folder_is_listed_read_and_recorded_by_name(
    seed: IMAPClient, account: AccountConfig, tmp_path: Path, store: Store, classifier: Classifier
) -> None:
    name = "Bewerbungen/Réponses 日本"
    seed.create_folder(name)
    seed.append(name, make_message(1))
    account = replace(account, folders=(name,))
    config = Config(data_dir=tmp_path, accounts=(account,))
    with open_mailbox(account) as mailbox:
        listed = {f.name for f in mailbox.list_folders()}
        targets = folders_to_read(mailbox, account)
    assert name in listed
    assert targets == [
        FolderTarget("INBOX"),
        FolderTarget(SENT_FOLDER, sent=True),
        FolderTarget(name),
    ]

    results = by_folder(run_once(config, store, build_pipeline(config, classifier), NOW))

    assert results[name].summary.new == 1
    assert [(folder, uid) for folder, _, uid in locations(store)] == [(name, 1)]


def test_missing_folder_fails_alone_with_its_name(
    seed: IMAPClient, account: AccountConfig, tmp_path: Path, store: Store, classifier: Classifier
) -> None:
    seed.append("INBOX", make_message(1))
    account = replace(account, folders=("Nope",))
    config = Config(data_dir=tmp_path, accounts=(account,))
    results = by_folder(run_once(config, store, build_pipeline(config, classifier), NOW))
    assert results["INBOX"].ok and results["INBOX"].summary.new == 1
    assert results["Nope"].error is not None and "'Nope'" in results["Nope"].error
    assert "exist" in results["Nope"].error


def test_attachments_stay_on_the_server(
    seed: IMAPClient, config: Config, store: Store, pipeline: Pipeline
) -> None:
    attachment = bytes(range(256)) * 12_000  # 3 MB, 4 MB as base64
    seed.append("INBOX", make_message(1, attachment=attachment, html=True))

    result = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]

    assert result.summary.new == 1
    assert result.bytes_received < 20_000  # the message is over 4,000,000 bytes
    row = store.db.execute("SELECT body, attachments_json, size FROM messages").fetchone()
    assert "get back to you" in row[0]
    names = [a[0] if isinstance(a, list) else a.get("filename") for a in json.loads(row[1])]
    assert names == ["cv-1.pdf"]


def test_rejected_oauth2_token_is_renewed_once_then_reported(
    dovecot: DovecotServer, user: tuple[str, str]
) -> None:
    asked: list[bool] = []

    def token(fresh: bool) -> str:
        asked.append(fresh)
        return f"token-{len(asked)}"

    with pytest.raises(AuthError, match="fresh OAuth2 token"):
        connect(account_for(dovecot, user), token=token)
    assert asked == [False, True]


@pytest.mark.slow
def test_a_ten_thousand_message_folder(
    own_dovecot: DovecotServer, tmp_path: Path, classifier: Classifier
) -> None:
    count = 10_000
    messages = [make_message(index) for index in range(count)]
    write_maildir_messages(own_dovecot.maildir, "INBOX", messages, flags="S")
    own_dovecot.chown_mail()
    own_dovecot.start()
    account = account_for(own_dovecot, (own_dovecot.user, own_dovecot.password))
    config = Config(data_dir=tmp_path, accounts=(account,))
    pipeline = build_pipeline(config, classifier)
    with Store(tmp_path / "db.sqlite") as store:
        started = time.monotonic()
        first = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]
        elapsed = time.monotonic() - started
        again = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]
        stored = store.message_count()
    print(f"10,000-message first sync: {elapsed:.1f} s, {count / elapsed:.0f} msgs/s")
    assert first.fetched == count and first.summary.new == count
    assert stored == count
    assert again.unchanged and again.bytes_received < 1_000


def test_append_is_the_one_write_and_goes_through_its_own_connection(
    seed: IMAPClient, account: AccountConfig
) -> None:
    digest = make_message(1, subject="Your daily digest")
    SyncCredentials().append(account, "INBOX", digest, flags=["\\Seen"])
    seed.select_folder("INBOX", readonly=True)
    uids = seed.search(["ALL"])
    fetched = seed.fetch(uids, ["FLAGS", "BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])
    assert len(uids) == 1
    assert set(fetched[uids[0]][b"FLAGS"]) - {b"\\Recent"} == {b"\\Seen"}
    assert b"Your daily digest" in fetched[uids[0]][b"BODY[HEADER.FIELDS (SUBJECT)]"]


def test_without_idle_the_watcher_polls(
    own_dovecot: DovecotServer, tmp_path: Path, classifier: Classifier
) -> None:
    own_dovecot.extra_config = "imap_capability = IMAP4rev1 LITERAL+ SASL-IR ENABLE CONDSTORE"
    own_dovecot.prepare()
    own_dovecot.start()
    user = (own_dovecot.user, own_dovecot.password)
    account = replace(account_for(own_dovecot, user), poll_interval=1)
    config = Config(data_dir=tmp_path, accounts=(account,))
    pipeline = build_pipeline(config, classifier)
    with open_mailbox(account) as mailbox:
        assert not mailbox.supports_idle
    rounds: list[list[FolderResult]] = []
    with watching(account, tmp_path / "poll.db", pipeline, on_results=rounds.append):
        for _ in range(100):
            if rounds:
                break
            time.sleep(0.05)
        assert rounds and by_folder(rounds[0])["INBOX"].summary.new == 0
        append_messages(own_dovecot, user, [1])
        for _ in range(60):
            if any(by_folder(r)["INBOX"].summary.new for r in rounds):
                break
            time.sleep(0.05)
        assert sum(by_folder(r)["INBOX"].summary.new for r in rounds) == 1


def _remove_on_server(
    seed: IMAPClient, folder: str, *, move: dict[int, str], delete: list[int]
) -> None:
    """What the user's mail client does: move and delete mail (the test's own connection)."""
    seed.select_folder(folder)
    for uid, to in move.items():
        seed.move([uid], to)
    if delete:
        seed.delete_messages(delete)
        seed.expunge()
    seed.unselect_folder()


def test_mail_deleted_or_moved_on_the_server_leaves_no_place_behind(
    seed: IMAPClient, account: AccountConfig, tmp_path: Path, store: Store, classifier: Classifier
) -> None:
    seed.create_folder("Recruiting")
    account = replace(account, folders=("Recruiting",))
    config = Config(data_dir=tmp_path, accounts=(account,))
    pipeline = build_pipeline(config, classifier)
    for index in range(4):
        seed.append("INBOX", make_message(index))
    run_once(config, store, pipeline, NOW)
    validity = store.get_sync_state("work", "INBOX").uidvalidity  # type: ignore[union-attr]
    before = store.db.execute("SELECT message_key, label, process_id FROM messages").fetchall()
    (deleted,) = store.db.execute(
        "SELECT message_key FROM message_locations WHERE folder = 'INBOX' AND uid = 3"
    ).fetchone()

    _remove_on_server(seed, "INBOX", move={2: "Recruiting"}, delete=[3])
    results = by_folder(run_once(config, store, pipeline, NOW))
    again = by_folder(run_once(config, store, pipeline, NOW))

    # nothing new in INBOX (the cheap path), but EXISTS fell: the folder was listed
    assert results["INBOX"].unchanged and results["INBOX"].forgotten == 2
    assert results["Recruiting"].summary.known == 1  # the moved message, read in its new place
    inbox = [(v, uid) for folder, v, uid in locations(store) if folder == "INBOX"]
    assert inbox == [(validity, 1), (validity, 4)]
    assert [(f, uid) for f, _, uid in locations(store) if f != "INBOX"] == [("Recruiting", 1)]
    assert store.db.execute(
        "SELECT count(*) FROM message_locations WHERE message_key = ?", [deleted]
    ).fetchone() == (0,)
    # the messages and what was read from them are the user's history: they all stay
    after = store.db.execute("SELECT message_key, label, process_id FROM messages").fetchall()
    assert after == before and len(after) == 4
    # once the places are right, a sync with nothing new is the cheap one again
    assert again["INBOX"].unchanged and again["INBOX"].forgotten == 0
    assert again["INBOX"].bytes_received < 1_000


def test_places_gone_are_forgotten_when_new_mail_arrives_too(
    seed: IMAPClient, config: Config, store: Store, pipeline: Pipeline
) -> None:
    for index in range(3):
        seed.append("INBOX", make_message(index))
    run_once(config, store, pipeline, NOW)
    _remove_on_server(seed, "INBOX", move={}, delete=[1])
    seed.append("INBOX", make_message(3))

    inbox = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]

    assert inbox.fetched == 1 and inbox.forgotten == 1
    assert [uid for folder, _, uid in locations(store) if folder == "INBOX"] == [2, 3, 4]
    state = store.get_sync_state("work", "INBOX")
    assert state is not None and state.listed == 3
    assert store.message_count() == 4


def test_a_folder_that_cannot_be_listed_forgets_nothing(
    seed: IMAPClient,
    config: Config,
    store: Store,
    pipeline: Pipeline,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for index in range(3):
        seed.append("INBOX", make_message(index))
    run_once(config, store, pipeline, NOW)
    _remove_on_server(seed, "INBOX", move={}, delete=[2])

    def refused(self: Mailbox) -> list[int]:
        raise MailboxError("UID SEARCH: the server said: NO try later")

    monkeypatch.setattr(Mailbox, "search_all", refused)
    failed = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]
    monkeypatch.setattr(Mailbox, "search_all", lambda self: [])  # a server that lists nothing
    empty = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]
    kept = [uid for folder, _, uid in locations(store) if folder == "INBOX"]
    monkeypatch.undo()
    listed = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]

    assert failed.ok and failed.forgotten == 0
    assert empty.ok and empty.forgotten == 0
    assert kept == [1, 2, 3]
    assert listed.forgotten == 1  # listed again on the next sync, as nothing was settled
    assert [uid for folder, _, uid in locations(store) if folder == "INBOX"] == [1, 3]


def _sent_mail(number: int, extra: str) -> bytes:
    return (
        "From: Me <me@example.com>\r\nTo: Priya Shah <priya@acme.example>\r\n"
        f"Subject: Following up {number}\r\nMessage-ID: <sent{number}@example.com>\r\n"
        f"{extra}\r\nThank you for the call, I look forward to hearing from you.\r\n"
    ).encode()


def test_a_message_without_a_usable_date_is_dated_by_its_arrival_on_the_server(
    seed: IMAPClient, config: Config, store: Store, pipeline: Pipeline
) -> None:
    # INTERNALDATE in the zone the server was given it in: 09:00 UTC
    arrived = datetime(2026, 10, 5, 14, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    headers = {
        1: "",  # no Date (and, sent mail, no Received)
        2: "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n",  # a clock at zero
        3: "Date: Tue, 10 Nov 2026 11:00:00 +0000\r\n",  # a month after it arrived
        4: "Date: the day after tomorrow\r\n",
        5: "Received: by mx.example.com; Mon, 05 Oct 2026 08:00:00 +0000\r\n",
        6: "Date: Mon, 05 Oct 2026 08:55:00 +0000\r\n",  # as written
    }
    for number, extra in headers.items():
        seed.append(SENT_FOLDER, _sent_mail(number, extra), msg_time=arrived)

    run_once(config, store, pipeline, NOW)

    rows = {
        r["message_id"]: r
        for r in store.db.query("SELECT message_id, date, date_source, defects_json FROM messages")
    }
    dated = {
        int(key[5]): (datetime.fromisoformat(r["date"]).astimezone(UTC), r["date_source"])
        for key, r in rows.items()
    }
    at_arrival = (datetime(2026, 10, 5, 9, 0, tzinfo=UTC), "arrival")
    assert dated == {
        1: at_arrival,
        2: at_arrival,
        3: at_arrival,
        4: at_arrival,
        5: (datetime(2026, 10, 5, 8, 0, tzinfo=UTC), "received"),  # its hop, as before
        6: (datetime(2026, 10, 5, 8, 55, tzinfo=UTC), "header"),
    }
    defects = {int(k[5]): json.loads(r["defects_json"]) for k, r in rows.items()}
    assert "date-missing" in defects[1] and "date-implausible" in defects[2]
    assert "date-after-arrival" in defects[3] and "date-unparseable" in defects[4]


def test_since_bounds_the_first_sync_for_good(
    seed: IMAPClient, config: Config, store: Store, pipeline: Pipeline
) -> None:
    old = datetime(2020, 3, 1, 12, 0, tzinfo=UTC)
    for index in range(2):
        seed.append("INBOX", make_message(index), msg_time=old)
    seed.append("INBOX", make_message(2), msg_time=datetime(2026, 11, 2, 9, 0, tzinfo=UTC))

    first = by_folder(run_once(config, store, pipeline, NOW, since=date(2026, 1, 1)))["INBOX"]
    state = store.get_sync_state("work", "INBOX")
    seed.append("INBOX", make_message(3), msg_time=old)
    second = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]

    assert first.fetched == 1 and first.summary.new == 1
    assert state is not None and state.last_uid == 3
    assert second.fetched == 1  # new mail is read whatever its date; the old two never
    assert store.message_count() == 2


KILLED_SYNC = r"""
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from conftest import NOW, account_for
from dovecot_server import DovecotServer
from inbox_monitor.classify import RulesClassifier
from inbox_monitor.config import Config
from inbox_monitor.pipeline import build_pipeline
from inbox_monitor.store import Store
from inbox_monitor.sync import run_once

server = DovecotServer(Path(sys.argv[2]), imap_port=int(sys.argv[3]), imaps_port=int(sys.argv[4]))
account = account_for(server, (server.user, server.password))
config = Config(data_dir=Path(sys.argv[5]).parent, accounts=(account,))
marker = Path(sys.argv[6])

def progress(event):
    marker.write_text(str(event.done))  # the parent kills us as soon as it sees this

# the guard matters: the parse workers' forkserver imports the main script again, and
# without it would run a second sync of its own into the same database
if __name__ == "__main__":
    with Store(Path(sys.argv[5])) as store:
        run_once(config, store, build_pipeline(config, RulesClassifier()), NOW, progress=progress)
"""


def test_a_sync_killed_with_sigkill_loses_nothing_and_stores_nothing_twice(
    own_dovecot: DovecotServer, tmp_path: Path, classifier: Classifier
) -> None:
    own_dovecot.start()
    user = (own_dovecot.user, own_dovecot.password)
    append_messages(own_dovecot, user, range(700))
    database, marker = tmp_path / "db.sqlite", tmp_path / "progress"
    script = tmp_path / "killed_sync.py"
    script.write_text(KILLED_SYNC)
    tests_dir = str(Path(__file__).resolve().parent)
    child = subprocess.Popen(
        [sys.executable, str(script), tests_dir, str(own_dovecot.directory),
         str(own_dovecot.imap_port), str(own_dovecot.imaps_port), str(database), str(marker)],
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    try:
        # a minute: on a loaded machine the child's start (spaCy's import) alone takes seconds
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)  # mid-way through the second batch
    finally:
        child.wait(timeout=10)
    assert marker.exists(), "the child never committed a batch"
    assert child.returncode == -signal.SIGKILL  # killed, not finished

    account = account_for(own_dovecot, user)
    config = Config(data_dir=tmp_path, accounts=(account,))
    with Store(database) as store:
        before = store.message_count()
        run_once(config, store, build_pipeline(config, classifier), NOW)
        inbox = [uid for folder, _, uid in locations(store) if folder == "INBOX"]
        assert before % 200 == 0 and 200 <= before < 700  # whole batches only
        assert store.message_count() == 700
        assert inbox == list(range(1, 701))


def test_the_watcher_reconnects_after_the_server_restarts(
    own_dovecot: DovecotServer, tmp_path: Path, classifier: Classifier
) -> None:
    own_dovecot.start()
    user = (own_dovecot.user, own_dovecot.password)
    account = account_for(own_dovecot, user)
    pipeline = build_pipeline(Config(data_dir=tmp_path, accounts=(account,)), classifier)
    rounds: list[list[FolderResult]] = []
    with watching(
        account, tmp_path / "watch.db", pipeline,
        on_results=rounds.append, retry=RetryPolicy(base_seconds=0.2),
    ):  # fmt: skip
        for _ in range(100):
            if rounds:
                break
            time.sleep(0.05)
        assert rounds, "no first sync"
        own_dovecot.stop()  # drops the IDLE connection
        time.sleep(0.5)
        own_dovecot.start()
        append_messages(own_dovecot, user, [1])
        for _ in range(100):
            if sum(by_folder(r)["INBOX"].summary.new for r in rounds) == 1:
                break
            time.sleep(0.05)
        assert sum(by_folder(r)["INBOX"].summary.new for r in rounds) == 1
    with Store(tmp_path / "watch.db") as store:
        errors = [h["last_error"] for h in store.sync_health() if h["last_error"]]
    assert errors == []  # the reconnect's later success cleared the recorded error


def test_a_backfill_parsed_in_worker_processes_stores_what_one_process_stores(
    own_dovecot: DovecotServer,
    tmp_path: Path,
    classifier: Classifier,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    messages = [
        make_message(i, sender=f"talent@company{i % 7}.example", attachment=b"%PDF" * (i % 3))
        for i in range(150)
    ]
    write_maildir_messages(own_dovecot.maildir, "INBOX", messages, flags="S")
    own_dovecot.chown_mail()
    own_dovecot.start()
    account = account_for(own_dovecot, (own_dovecot.user, own_dovecot.password))
    pipeline = build_pipeline(Config(data_dir=tmp_path, accounts=(account,)), classifier)
    stored = {}
    parsed_here: dict[int, int] = {}  # messages the syncing process parsed itself
    for workers in (0, 2):  # batches of 60, 60, 30: the last is too small to send
        count = [0]

        def counted(data: bytes, count: list[int] = count, **options: Any) -> ParsedMessage:
            count[0] += 1
            return parse_message(data, **options)

        monkeypatch.setattr(pipeline_module, "parse_message", counted)
        with Store(tmp_path / f"db-{workers}.sqlite") as store, open_mailbox(account) as mailbox:
            result = sync_folder(
                mailbox, account, FolderTarget("INBOX"), store, pipeline, NOW,
                batch_size=60, parse_workers=workers,
            )  # fmt: skip
            assert (result.fetched, result.summary.new) == (150, 150)
            stored[workers] = (
                sorted(
                    (r["message_key"], r["label"], r["process_id"], r["attachments_json"])
                    for r in store.db["messages"].rows
                ),
                locations(store),
                store.get_sync_state(account.name, "INBOX"),
            )
        parsed_here[workers] = count[0]
    assert parsed_here == {0: 150, 2: 30}
    assert stored[0] == stored[2]
    assert "parallel parsing stopped" not in caplog.text


def test_a_subject_in_utf7_does_not_stop_the_mailboxs_sync(
    seed: IMAPClient, config: Config, store: Store, pipeline: Pipeline
) -> None:
    # it decoded to a lone surrogate that SQLite refused: the batch, and its checkpoint,
    # rolled back on every sync, and no later mail of the mailbox was ever stored
    poisoned = make_message(1).replace(b"Subject: ", b"Subject: =?utf-7?q?+2AA-?= ", 1)
    for data in (make_message(0), poisoned, make_message(2)):
        seed.append("INBOX", data)
    inbox = by_folder(run_once(config, store, pipeline, NOW))["INBOX"]
    assert inbox.error is None
    assert (inbox.summary.new, inbox.summary.failed) == (3, 0)
    assert store.get_sync_state("work", "INBOX") is not None


def _watch_account_failing(*args: object, **kwargs: object) -> None:
    raise RuntimeError("Subject: a private subject")


def test_a_watcher_that_fails_stops_every_account_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from click.testing import CliRunner

    from inbox_monitor import sync
    from inbox_monitor.cli import cli

    monkeypatch.setattr(sync, "watch_account", _watch_account_failing)
    (tmp_path / "config.toml").write_text(
        '[[accounts]]\nname = "work"\nhost = "127.0.0.1"\nusername = "me"\n'
        'security = "plain"\npassword_env = "NO_SUCH_PASSWORD"\n'
    )
    env = {
        "INBOX_MONITOR_HOME": str(tmp_path),
        "INBOX_MONITOR_CONFIG": str(tmp_path / "config.toml"),
    }
    result = CliRunner().invoke(cli, ["watch"], env=env)
    # it used to end with a traceback on stderr and exit code 0, as if stopped on purpose
    assert result.exit_code == 1, result.output
    assert "watching stopped: RuntimeError" in result.output
    assert "private" not in result.output + caplog.text
    assert "work: watching stopped: RuntimeError" in caplog.text
