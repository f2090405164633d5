from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from inbox_monitor.errors import StoreError
from inbox_monitor.models import (
    Commitment,
    CommitmentKind,
    Event,
    Extraction,
    Origin,
    Strength,
)
from inbox_monitor.store import MIGRATIONS, Reading, Store, decode_extraction, encode_extraction

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_database_is_private_wal_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "data" / "inbox-monitor.db"
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    for sidecar in path.parent.glob("*.db-*"):
        assert stat.S_IMODE(sidecar.stat().st_mode) & 0o077 == 0
    with Store(path) as again:  # reopening applies nothing twice
        assert again.schema_version == len(MIGRATIONS)


def test_transaction_rolls_back_everything_on_error(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.create_process("Acme", None, None, NOW, "k")
            raise RuntimeError("crash mid-batch")
        assert store.processes() == []


def test_quarantine_keeps_bytes_once(tmp_path: Path) -> None:
    origin = Origin(kind="eml", path="/mail/bad.eml")
    with Store(tmp_path / "x.db") as store:
        assert store.quarantine(b"\x00\x01garbage", origin, "binary", "h1", NOW)
        assert not store.quarantine(b"\x00\x01garbage", origin, "binary", "h1", NOW)
        (row,) = store.quarantined()
        assert row["times_seen"] == 2
        assert row["reason"] == "binary"
        assert store.quarantined_raw(row["id"]) == b"\x00\x01garbage"


def test_sync_state_and_health(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        assert store.get_sync_state("a", "INBOX") is None
        store.save_sync_state("a", "INBOX", 7, 120, 999, NOW)
        state = store.get_sync_state("a", "INBOX")
        assert state is not None and (state.uidvalidity, state.last_uid, state.highest_modseq) == (
            7,
            120,
            999,
        )
        store.record_sync_health("a", "INBOX", NOW, error="connection refused")
        store.record_sync_health("a", "INBOX", NOW)
        (health,) = store.sync_health()
        assert health["last_error"] is None and health["last_success"] is not None


def test_processes_events_and_user_fields(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        pid = store.create_process("Acme", "Analyst", None, NOW, "k1")
        store.update_process(pid, expected_by_user=date(2026, 12, 4))
        store.add_event(Event(pid, NOW, "user_expect", "x", None, "user", 1.0))
        store.add_event(Event(pid, NOW, "user_expect", "x", None, "user", 1.0))
        assert store.process(pid).expected_by_user == date(2026, 12, 4)
        assert store.process(pid).expected_by_user_at is None
        store.update_process(pid, expected_by_user_at=NOW)
        assert store.process(pid).expected_by_user_at == NOW
        assert len(store.events(pid)) == 2  # user events carry no message key: both kept
        with pytest.raises(StoreError):
            store.process(pid + 1)
        with pytest.raises(ValueError):
            store.update_process(pid, opened_at="now")


def test_digest_is_recorded_once_per_day(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        assert store.record_digest(date(2026, 11, 24), NOW, "smtp", "me@example.net")
        assert not store.record_digest(date(2026, 11, 24), NOW, "smtp", "me@example.net")
        assert store.digest_sent_on(date(2026, 11, 24)) is not None


def test_content_lookup_uses_an_index(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        plan = store.db.execute(
            "EXPLAIN QUERY PLAN SELECT message_key FROM messages WHERE content_hash = ? LIMIT 1",
            ["x"],
        ).fetchall()
        assert "USING INDEX messages_content_hash" in " ".join(str(row[-1]) for row in plan)


def test_an_old_database_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.db.execute("DROP INDEX messages_content_hash")
        store.db.execute("DROP INDEX messages_in_reply_to")
        store.db.execute("DROP INDEX messages_imported_at")
        store.db.execute("DROP TABLE board_version")
        store.db.execute("DROP TABLE reading")
        store.db.execute("ALTER TABLE processes DROP COLUMN reopened_at")
        store.db.execute("ALTER TABLE messages DROP COLUMN auto_reply")
        store.db.execute("DROP INDEX messages_invitation_uid")
        store.db.execute("ALTER TABLE messages DROP COLUMN invitation_json")
        store.db.execute("ALTER TABLE messages DROP COLUMN invitation_uid")
        store.db.execute("ALTER TABLE processes DROP COLUMN named_by_user")
        store.db.execute("ALTER TABLE sync_state DROP COLUMN listed")
        # a date the user set before its time was kept is dated by its latest event
        pid = store.create_process("Globex", None, None, NOW, "test")
        store.update_process(pid, expected_by_user=date(2026, 12, 4))
        for hours in (1, 3, 2):
            detail = f"you expect news by ({hours})"
            store.add_event(Event(pid, NOW + timedelta(hours=hours), "user_expect", detail))
        other = store.create_process("Initech", None, None, NOW, "test")
        store.db.execute("ALTER TABLE processes DROP COLUMN expected_by_user_at")
        store.db.execute("PRAGMA user_version = 1")
    with Store(path) as store:
        assert store.process(pid).expected_by_user_at == NOW + timedelta(hours=3)
        assert store.process(other).expected_by_user_at is None
        assert store.schema_version == len(MIGRATIONS)
        indexes = {i.name for i in store.db["messages"].indexes}
        assert {"messages_content_hash", "messages_in_reply_to", "messages_imported_at"} <= indexes
        assert store.board_version() == 0
        assert "reopened_at" in store.db["processes"].columns_dict
        assert store.process(pid).named_by_user == frozenset()
        assert "auto_reply" in store.db["messages"].columns_dict
        assert "listed" in store.db["sync_state"].columns_dict
        assert store.reading() == Reading(None, None, 0)  # read by a version that did not say
        store.board_changed()
        assert store.board_version() == 1


def test_the_users_mail_outside_processes_is_found_by_its_thread_indexes(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        queries: list[str] = []
        store.db.conn.set_trace_callback(queries.append)
        assert store.own_mail_outside_processes("<a@x>", ["<b@x>", "", "<c@x>"]) == []
        store.db.conn.set_trace_callback(None)
        (query,) = [q for q in queries if q.startswith("SELECT")]
        plan = " ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {query}"))
        # not the index on process_id, which would read every message in no process
        assert "messages_in_reply_to" in plan and "messages_message_id" in plan, plan


def test_the_corrected_senders_are_read_from_the_corrections_out(tmp_path: Path) -> None:
    # read once for each import batch: walking every stored message for it cost 60 ms a
    # batch with 10,000 messages stored, most of a re-import's time
    with Store(tmp_path / "x.db") as store:
        queries: list[str] = []
        store.db.conn.set_trace_callback(queries.append)
        assert store.corrected_senders() == frozenset()
        store.db.conn.set_trace_callback(None)
        (query,) = [q for q in queries if q.startswith("SELECT")]
        plan = " ".join(row[3] for row in store.db.execute(f"EXPLAIN QUERY PLAN {query}"))
        assert "(message_key=?)" in plan and "messages_sender" not in plan, plan


def test_an_extraction_round_trips_through_its_json_with_every_commitment_field() -> None:
    deadline = Commitment(
        CommitmentKind.USER_DEADLINE, "by Friday 5 December", Strength.EXPLICIT,
        date(2026, 12, 4), datetime(2026, 12, 4, 17, tzinfo=UTC), granted=True,
        other_day=date(2026, 12, 5),
    )  # fmt: skip
    plain = Commitment(CommitmentKind.REPLY, "soon", Strength.VAGUE)
    extraction = Extraction(commitments=(deadline, plain), company="Acme")
    assert decode_extraction(encode_extraction(extraction)) == extraction
    assert "other_day" not in encode_extraction(Extraction(commitments=(plain,)))


def _stored(store: Store, key: str) -> None:
    store.db.execute(
        "INSERT INTO messages (message_key, message_id, content_hash, body_hash, date,"
        " date_source, direction, imported_at) VALUES (?, ?, 'c', 'b', ?, 'header',"
        " 'inbound', ?)",
        [key, key, NOW.isoformat(), NOW.isoformat()],
    )


def test_places_that_are_gone_are_forgotten_and_the_messages_stay(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        for key in ("a", "b", "c", "d", "e", "f"):
            _stored(store, key)
        imap = Origin(kind="imap", account="work", folder="INBOX", uidvalidity=7)
        store.add_location("a", imap, NOW)  # uid 0 is no UID: still under the listing
        for key, uid in (("b", 1), ("c", 2), ("d", 5)):
            store.add_location(key, Origin("imap", "work", "INBOX", 7, uid), NOW)
        store.add_location("b", Origin("imap", "work", "INBOX", 6, 1), NOW)  # renumbered
        store.add_location("c", Origin("imap", "work", "Archive", 7, 2), NOW)  # other folder
        store.add_location("e", Origin("imap", "home", "INBOX", 7, 2), NOW)  # other account
        store.add_location("f", Origin(kind="maildir", path="/mail/cur/1:2,S"), NOW)

        # the server lists UIDs 1 and 9; 5 is at the listing's bound, stored after it
        forgotten = store.forget_gone_locations("work", "INBOX", 7, [1, 9], below=5)

        rows = store.db.execute(
            "SELECT message_key, account, folder, uidvalidity, uid FROM message_locations"
            " WHERE source = 'imap' ORDER BY message_key, account, folder, uidvalidity"
        ).fetchall()
        assert forgotten == 3  # a (uid 0), c (uid 2), b's renumbered place
        assert [tuple(r) for r in rows] == [
            ("b", "work", "INBOX", 7, 1),
            ("c", "work", "Archive", 7, 2),
            ("d", "work", "INBOX", 7, 5),
            ("e", "home", "INBOX", 7, 2),
        ]
        assert store.db["message_locations"].count == 5  # the Maildir file's place stays
        assert store.message_count() == 6

        # without a listing only the other numbering's places go
        store.add_location("b", Origin("imap", "work", "INBOX", 6, 1), NOW)
        assert store.forget_gone_locations("work", "INBOX", 7, None, below=100) == 1
        assert store.db["message_locations"].count == 5


def test_sync_state_keeps_how_many_messages_the_server_listed(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store:
        store.save_sync_state("a", "INBOX", 7, 120, 999, NOW, listed=118)
        state = store.get_sync_state("a", "INBOX")
        assert state is not None and state.listed == 118
        store.save_sync_state("a", "INBOX", 7, 121, 999, NOW)  # mid-sync: not known
        state = store.get_sync_state("a", "INBOX")
        assert state is not None and state.listed is None
