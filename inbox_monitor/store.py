"""The SQLite store: the only module that speaks SQL (through sqlite-utils).

One file, WAL journal, mode 0600, numbered migrations applied in a transaction.
Writes are upserts on natural keys, so importing the same mail twice changes nothing.
Tables are documented in docs/database.md.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from inbox_monitor.errors import NoSuchMessage, StoreError
from inbox_monitor.models import (
    Address,
    Attachment,
    CalendarEvent,
    Classification,
    Commitment,
    CommitmentKind,
    Event,
    Extraction,
    Invitation,
    Label,
    MessageRecord,
    Origin,
    Outcome,
    ParsedMessage,
    ProcessRecord,
    SenderRole,
    Strength,
)

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------- schema


def _migration_1(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            message_key TEXT NOT NULL UNIQUE,
            message_id TEXT NOT NULL,
            message_id_synthesized INTEGER NOT NULL DEFAULT 0,
            content_hash TEXT NOT NULL,
            body_hash TEXT NOT NULL,
            in_reply_to TEXT,
            references_json TEXT NOT NULL DEFAULT '[]',
            sender_name TEXT,
            sender_email TEXT,
            reply_to_json TEXT NOT NULL DEFAULT '[]',
            to_json TEXT NOT NULL DEFAULT '[]',
            cc_json TEXT NOT NULL DEFAULT '[]',
            date TEXT NOT NULL,
            date_offset_minutes INTEGER NOT NULL DEFAULT 0,
            date_source TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            new_text TEXT NOT NULL DEFAULT '',
            quoted TEXT NOT NULL DEFAULT '',
            signature TEXT NOT NULL DEFAULT '',
            footer TEXT NOT NULL DEFAULT '',
            attachments_json TEXT NOT NULL DEFAULT '[]',
            direction TEXT NOT NULL,
            auto_submitted INTEGER NOT NULL DEFAULT 0,
            list_id TEXT,
            defects_json TEXT NOT NULL DEFAULT '[]',
            size INTEGER NOT NULL DEFAULT 0,
            label TEXT,
            confidence REAL,
            scores_json TEXT,
            reasons_json TEXT,
            model TEXT,
            label_source TEXT NOT NULL DEFAULT 'model',
            needs_review INTEGER NOT NULL DEFAULT 0,
            extraction_json TEXT NOT NULL DEFAULT '{}',
            process_id INTEGER REFERENCES processes(id),
            imported_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX messages_message_id ON messages(message_id)")
    db.execute("CREATE INDEX messages_process ON messages(process_id, date)")
    db.execute("CREATE INDEX messages_sender ON messages(sender_email)")
    db.execute(
        """
        CREATE TABLE message_locations (
            message_key TEXT NOT NULL REFERENCES messages(message_key),
            source TEXT NOT NULL,
            account TEXT NOT NULL DEFAULT '',
            folder TEXT NOT NULL DEFAULT '',
            uidvalidity INTEGER NOT NULL DEFAULT 0,
            uid INTEGER NOT NULL DEFAULT 0,
            path TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (source, account, folder, uidvalidity, uid, path, position)
        )
        """
    )
    db.execute("CREATE INDEX locations_message ON message_locations(message_key)")
    db.execute(
        """
        CREATE TABLE processes (
            id INTEGER PRIMARY KEY,
            company TEXT,
            role TEXT,
            agency TEXT,
            opened_at TEXT NOT NULL,
            opened_by TEXT,
            expected_by_user TEXT,
            outcome_user TEXT,
            merged_into INTEGER REFERENCES processes(id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE people (
            email TEXT PRIMARY KEY,
            name TEXT,
            sender_role TEXT,
            company TEXT,
            first_seen TEXT,
            last_seen TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE process_people (
            process_id INTEGER NOT NULL REFERENCES processes(id),
            email TEXT NOT NULL REFERENCES people(email),
            role TEXT,
            PRIMARY KEY (process_id, email)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            process_id INTEGER NOT NULL REFERENCES processes(id),
            message_key TEXT,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL,
            rule TEXT NOT NULL DEFAULT '',
            confidence REAL NOT NULL DEFAULT 1.0,
            UNIQUE (process_id, message_key, kind, detail)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE commitments (
            message_key TEXT NOT NULL REFERENCES messages(message_key),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            phrase TEXT NOT NULL,
            strength TEXT NOT NULL,
            due TEXT,
            at TEXT,
            PRIMARY KEY (message_key, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE feedback (
            message_key TEXT PRIMARY KEY REFERENCES messages(message_key),
            label TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE review (
            message_key TEXT PRIMARY KEY REFERENCES messages(message_key),
            reason TEXT NOT NULL,
            candidates_json TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            resolved_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE errors (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            origin TEXT NOT NULL,
            reason TEXT NOT NULL,
            raw BLOB NOT NULL,
            size INTEGER NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            times_seen INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    db.execute(
        """
        CREATE TABLE sync_state (
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidvalidity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL DEFAULT 0,
            highest_modseq INTEGER,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (account, folder)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE sync_health (
            account TEXT NOT NULL,
            folder TEXT NOT NULL DEFAULT '',
            last_attempt TEXT,
            last_success TEXT,
            last_error TEXT,
            last_error_at TEXT,
            PRIMARY KEY (account, folder)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE digests (
            day TEXT PRIMARY KEY,
            sent_at TEXT NOT NULL,
            delivery TEXT NOT NULL,
            recipients TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE heartbeat (
            name TEXT PRIMARY KEY,
            pid INTEGER,
            at TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )
        """
    )
    # Full-text search, laid out as sqlite-utils' enable_fts() would (so Table.search works),
    # but in plain SQL: sqlite-utils commits on its own, which would break this transaction.
    db.execute(
        "CREATE VIRTUAL TABLE messages_fts USING fts5(subject, body, content=[messages],"
        " content_rowid='id', tokenize='porter')"
    )
    db.execute(
        "CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN"
        " INSERT INTO messages_fts (rowid, subject, body) VALUES (new.id, new.subject, new.body);"
        " END"
    )
    db.execute(
        "CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN"
        " INSERT INTO messages_fts (messages_fts, rowid, subject, body)"
        " VALUES ('delete', old.id, old.subject, old.body); END"
    )
    db.execute(
        "CREATE TRIGGER messages_au AFTER UPDATE OF subject, body ON messages BEGIN"
        " INSERT INTO messages_fts (messages_fts, rowid, subject, body)"
        " VALUES ('delete', old.id, old.subject, old.body);"
        " INSERT INTO messages_fts (rowid, subject, body) VALUES (new.id, new.subject, new.body);"
        " END"
    )


def _migration_2(db: sqlite_utils.Database) -> None:
    # has_content() runs for every fetched message; without this it scanned the table
    # (12.6 ms a lookup at 6,200 messages, measured by bench/bench_imap.py)
    db.execute("CREATE INDEX messages_content_hash ON messages(content_hash)")


def _migration_3(db: sqlite_utils.Database) -> None:
    # bumped by changes to processes made outside ingest (merge, split, move, a correction),
    # so that a running daemon reloads its in-memory process index (Pipeline.index)
    db.execute(
        "CREATE TABLE board_version (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " version INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO board_version (id, version) VALUES (1, 0)")


def _migration_4(db: sqlite_utils.Database) -> None:
    # `close --reopen` of a process their rejection closed: when the user reopened it
    db.execute("ALTER TABLE processes ADD COLUMN reopened_at TEXT")


def _migration_5(db: sqlite_utils.Database) -> None:
    # out-of-office and vacation replies (ParsedMessage.auto_reply), kept so that a
    # message extracted again (a corrected label) is still read as one
    db.execute("ALTER TABLE messages ADD COLUMN auto_reply INTEGER NOT NULL DEFAULT 0")


def _migration_6(db: sqlite_utils.Database) -> None:
    # own_mail_outside_processes() runs for every message that joins or opens a process
    db.execute("CREATE INDEX messages_in_reply_to ON messages(in_reply_to)")


def _migration_7(db: sqlite_utils.Database) -> None:
    # the digest's new mail is the mail stored since the last digest (message_records'
    # stored_since), read once a day from a mailbox of any size
    db.execute("CREATE INDEX messages_imported_at ON messages(imported_at)")


def _migration_8(db: sqlite_utils.Database) -> None:
    # when the user set their expected date (`expect --by`): it answers their silence until
    # they write again. A date set before this is dated by its latest user_expect event.
    db.execute("ALTER TABLE processes ADD COLUMN expected_by_user_at TEXT")
    db.execute(
        "UPDATE processes SET expected_by_user_at = (SELECT max(at) FROM events"
        " WHERE events.process_id = processes.id AND events.kind = 'user_expect')"
        " WHERE expected_by_user IS NOT NULL"
    )


def _migration_9(db: sqlite_utils.Database) -> None:
    # which version of the reading rules (pipeline.reading_rules) read the stored mail, and
    # how far a reread with other rules has got: it commits in batches and goes on from
    # there after a stop. No rules (NULL): a version before this one, so read it again.
    db.execute(
        "CREATE TABLE reading (id INTEGER PRIMARY KEY CHECK (id = 1), rules TEXT,"
        " rereading TEXT, done_through INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute("INSERT INTO reading (id) VALUES (1)")


def _migration_10(db: sqlite_utils.Database) -> None:
    # the source text (pipeline.rules_text_stamp) of the rules that read the stored mail: a
    # program whose text is that one reads as they do, and need not work out what its code
    # says (pipeline.reading_rules, a parse of every reading module) to know it
    db.execute("ALTER TABLE reading ADD COLUMN source TEXT")


def _migration_11(db: sqlite_utils.Database) -> None:
    # a message's calendar invitation (ParsedMessage.invitation: method, and per event its
    # UID, sequence, status, times, title, place, organizer and attendees; never its
    # description), so that `reread` reads its meeting too; and its first event's UID, by
    # which an update finds the version it moves. Mail stored before has none (NULL).
    db.execute("ALTER TABLE messages ADD COLUMN invitation_json TEXT")
    db.execute("ALTER TABLE messages ADD COLUMN invitation_uid TEXT")
    db.execute("CREATE INDEX messages_invitation_uid ON messages(invitation_uid)")


def _migration_12(db: sqlite_utils.Database) -> None:
    # the names the user gave a process (`rename`: "company,role"), which no mail changes
    db.execute("ALTER TABLE processes ADD COLUMN named_by_user TEXT NOT NULL DEFAULT ''")


def _migration_13(db: sqlite_utils.Database) -> None:
    # how many messages the server listed at or below last_uid after the folder's last
    # sync (NULL: not known): when EXAMINE's EXISTS says otherwise, mail was deleted or
    # moved away, and the sync lists the folder's UIDs to forget the places that are gone
    db.execute("ALTER TABLE sync_state ADD COLUMN listed INTEGER")


MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
    _migration_6,
    _migration_7,
    _migration_8,
    _migration_9,
    _migration_10,
    _migration_11,
    _migration_12,
    _migration_13,
)


# ---------------------------------------------------------------------------- helpers


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetime reached the store")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _addresses_json(addresses: Iterable[Address]) -> str:
    return json.dumps([[a.name, a.email] for a in addresses], ensure_ascii=False)


def _addresses(text: str | None) -> tuple[Address, ...]:
    return tuple(Address(name, email) for name, email in json.loads(text or "[]"))


def _sender(row: dict[str, Any]) -> Address | None:
    if not row["sender_email"]:
        return None
    return Address(row["sender_name"] or "", row["sender_email"])


def encode_extraction(extraction: Extraction) -> str:
    return json.dumps(
        {
            "company": extraction.company,
            "role": extraction.role,
            "agency": extraction.agency,
            "sender_role": extraction.sender_role.value,
            "requisition_id": extraction.requisition_id,
            "away": extraction.away,
            "decision": extraction.decision.value if extraction.decision else None,
            "decision_phrase": extraction.decision_phrase,
            "commitments": [
                {
                    "kind": c.kind.value,
                    "phrase": c.phrase,
                    "strength": c.strength.value,
                    "due": c.due.isoformat() if c.due else None,
                    "at": c.at.isoformat() if c.at else None,
                    **({"granted": True} if c.granted else {}),
                    **({"other_day": c.other_day.isoformat()} if c.other_day else {}),
                    **({"ends": c.ends.isoformat()} if c.ends else {}),
                }
                for c in extraction.commitments
            ],
        },
        ensure_ascii=False,
    )


def decode_extraction(text: str | None) -> Extraction:
    data = json.loads(text or "{}")
    return Extraction(
        commitments=tuple(
            Commitment(
                kind=CommitmentKind(c["kind"]),
                phrase=c["phrase"],
                strength=Strength(c["strength"]),
                due=date.fromisoformat(c["due"]) if c.get("due") else None,
                at=datetime.fromisoformat(c["at"]) if c.get("at") else None,
                granted=bool(c.get("granted", False)),
                other_day=date.fromisoformat(c["other_day"]) if c.get("other_day") else None,
                ends=datetime.fromisoformat(c["ends"]) if c.get("ends") else None,
            )
            for c in data.get("commitments", [])
        ),
        company=data.get("company"),
        role=data.get("role"),
        agency=data.get("agency"),
        sender_role=SenderRole(data.get("sender_role") or SenderRole.UNKNOWN),
        requisition_id=data.get("requisition_id"),
        away=bool(data.get("away")),
        decision=Outcome(data["decision"]) if data.get("decision") else None,
        decision_phrase=data.get("decision_phrase") or "",
    )


def _iso_or_none(moment: datetime | None) -> str | None:
    return None if moment is None else _iso(moment)


def _moment_or_none(text: str | None) -> datetime | None:
    return None if not text else _from_iso(text)


def encode_invitation(invitation: Invitation | None) -> str | None:
    """An invitation as stored (invitation_json); None for none."""
    if invitation is None:
        return None
    events = [
        {
            "uid": e.uid,
            "sequence": e.sequence,
            "status": e.status,
            "start": _iso_or_none(e.start),
            "end": _iso_or_none(e.end),
            "day": e.day.isoformat() if e.day else None,
            **({"zone_unknown": True} if e.zone_unknown else {}),
            "summary": e.summary,
            "location": e.location,
            "organizer": e.organizer,
            "attendees": [list(a) for a in e.attendees],
            **({"recurrence_id": e.recurrence_id} if e.recurrence_id else {}),
            **({"earlier_start": _iso(e.earlier_start)} if e.earlier_start else {}),
        }
        for e in invitation.events
    ]
    return json.dumps({"method": invitation.method, "events": events}, ensure_ascii=False)


def _first_uid(invitation: Invitation | None) -> str | None:
    """The UID of an invitation's first event (invitation_uid), or None."""
    if invitation is None or not invitation.events:
        return None
    return invitation.events[0].uid or None


def decode_invitation(text: str | None) -> Invitation | None:
    if not text:
        return None
    data = json.loads(text)
    return Invitation(
        method=data.get("method") or "",
        events=tuple(
            CalendarEvent(
                uid=e.get("uid") or "",
                sequence=int(e.get("sequence") or 0),
                status=e.get("status") or "",
                start=_moment_or_none(e.get("start")),
                end=_moment_or_none(e.get("end")),
                day=date.fromisoformat(e["day"]) if e.get("day") else None,
                zone_unknown=bool(e.get("zone_unknown")),
                summary=e.get("summary") or "",
                location=e.get("location") or "",
                organizer=e.get("organizer") or "",
                attendees=tuple((a[0], a[1]) for a in e.get("attendees") or []),
                recurrence_id=e.get("recurrence_id") or "",
                earlier_start=_moment_or_none(e.get("earlier_start")),
            )
            for e in data.get("events") or []
        ),
    )


@dataclass(frozen=True)
class SyncState:
    account: str
    folder: str
    uidvalidity: int
    last_uid: int
    highest_modseq: int | None
    listed: int | None = None  # messages the server listed at or below last_uid (None: unknown)


@dataclass(frozen=True)
class Reading:
    """Which rules read the stored mail (None: a version that did not say), and the rules
    of a reread under way with the id of the last message it has read (None, 0: none);
    `source`: the text of a program known to read by `rules` (None: none known)."""

    rules: str | None
    rereading: str | None
    done_through: int
    source: str | None = None


@dataclass(frozen=True)
class StoredMessage:
    """A message row prepared for writing: parsed message plus what the pipeline decided."""

    key: str
    message: ParsedMessage
    body_hash: str
    classification: Classification
    label_source: str
    needs_review: bool
    extraction: Extraction
    process_id: int | None


def _upsert(
    db: sqlite_utils.Database, table: str, row: dict[str, Any], keys: Sequence[str]
) -> None:
    """INSERT ... ON CONFLICT DO UPDATE in plain SQL (sqlite-utils' own upsert commits)."""
    columns = list(row)
    updates = [c for c in columns if c not in keys]
    action = (
        "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in updates)
        if updates
        else "DO NOTHING"
    )
    db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        f" ON CONFLICT ({', '.join(keys)}) {action}",
        [row[c] for c in columns],
    )


def _insert(db: sqlite_utils.Database, table: str, row: dict[str, Any]) -> int:
    columns = list(row)
    cursor = db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [row[c] for c in columns],
    )
    return int(cursor.lastrowid or 0)


def _update(
    db: sqlite_utils.Database, table: str, key: str, value: Any, row: dict[str, Any]
) -> None:
    if not row:
        return
    db.execute(
        f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in row)} WHERE {key} = ?",
        [*row.values(), value],
    )


def _create_private_file(path: Path) -> None:
    """Create the database file 0600 before SQLite does (its -wal/-shm copy the mode)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    os.chmod(path, 0o600)


# ---------------------------------------------------------------------------- the store


class Store:
    """An open database. Use as a context manager, or call close()."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self._rollback_hooks: list[Callable[[], None]] = []
        try:
            if self.path is not None:
                _create_private_file(self.path)
                connection = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            else:
                connection = sqlite3.connect(":memory:", isolation_level=None)
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA busy_timeout = 30000")
            if self.path is not None:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = NORMAL")
            self.db = sqlite_utils.Database(connection)
            self._migrate()
        except sqlite3.Error as err:
            raise StoreError(f"cannot open database {path}: {err}") from err

    # -- lifecycle

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writes; nested calls join the outer transaction."""
        connection = self.db.conn
        if connection.in_transaction:
            yield
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # SQLite may already have rolled back by itself (disk full, I/O error)
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            hooks, self._rollback_hooks = self._rollback_hooks, []
            for hook in hooks:
                hook()
            raise
        self._rollback_hooks = []
        if connection.in_transaction:
            connection.execute("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside a transaction: writes that are undone alone if the block raises, while the
        transaction's other writes stay."""
        connection = self.db.conn
        if not connection.in_transaction:
            raise StoreError("a savepoint needs a transaction")
        connection.execute("SAVEPOINT one_item")
        try:
            yield
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK TO one_item")
                connection.execute("RELEASE one_item")
            raise
        connection.execute("RELEASE one_item")

    def on_rollback(self, hook: Callable[[], None]) -> None:
        """Call `hook` if the transaction in progress rolls back (caches built inside it go stale)."""
        if self.db.conn.in_transaction:
            self._rollback_hooks.append(hook)

    @property
    def schema_version(self) -> int:
        row = self.db.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    def _migrate(self) -> None:
        version = self.schema_version
        for number, migration in enumerate(MIGRATIONS, start=1):
            if number <= version:
                continue
            log.info("applying database migration %d", number)
            with self.transaction():
                migration(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")

    def board_version(self) -> int:
        """How many times processes were changed outside ingest (board_changed)."""
        return int(self.db.execute("SELECT version FROM board_version").fetchone()[0])

    def board_changed(self) -> None:
        """Say that processes or their messages changed outside ingest (merge, split, move, a
        corrected label): an ingest that keeps a process index (a running daemon) reloads it."""
        self.db.execute("UPDATE board_version SET version = version + 1")

    # -- which rules read the stored mail

    def reading(self) -> Reading:
        row = self.db.execute(
            "SELECT rules, rereading, done_through, source FROM reading"
        ).fetchone()
        return Reading(row[0], row[1], row[2], row[3])

    def note_reading(self, rules: str) -> None:
        """Before new mail read by `rules` is stored: mail stored so far was read by the same
        rules or by none (an empty store), else it is now read by more than one version. The
        source known to read by the stored rules stays only while they stay."""
        self.db.execute(
            "UPDATE reading SET rules = CASE WHEN NOT EXISTS (SELECT 1 FROM messages) THEN ?1"
            " WHEN rules = ?1 THEN rules END, source = CASE WHEN rules = ?1 THEN source END",
            [rules],
        )

    def reading_source(self, rules: str, source: str) -> None:
        """A program of text `source` reads by `rules`, if they are the stored mail's."""
        self.db.execute("UPDATE reading SET source = ?2 WHERE rules = ?1", [rules, source])

    def reread_through(self, rules: str, message_id: int) -> None:
        """A reread with `rules` has read the filed messages up to id `message_id`."""
        self.db.execute("UPDATE reading SET rereading = ?, done_through = ?", [rules, message_id])

    def read_by(self, rules: str, source: str | None = None) -> None:
        """All the stored mail is read by `rules` (a reread ended), by a program of text
        `source`."""
        self.db.execute(
            "UPDATE reading SET rules = ?, rereading = NULL, done_through = 0, source = ?",
            [rules, source],
        )

    def filed_after(self, message_id: int, limit: int) -> list[tuple[int, MessageRecord]]:
        """Up to `limit` messages in a process, with their ids, in id order after `message_id`:
        a reread's batch (mail stored while it runs comes last, so it is read too)."""
        cursor = self.db.execute(
            f"SELECT id, {self._RECORD_COLUMNS} FROM messages"
            " WHERE id > ? AND process_id IS NOT NULL ORDER BY id LIMIT ?",
            [message_id, limit],
        )
        names = [d[0] for d in cursor.description]
        return [
            (row[0], self._record(dict(zip(names, row, strict=True)))) for row in cursor.fetchall()
        ]

    # -- messages

    def find_message_keys(self, message_id: str) -> list[tuple[str, str]]:
        """(message_key, body_hash) of stored messages with this Message-ID."""
        rows = self.db.execute(
            "SELECT message_key, body_hash FROM messages WHERE message_id = ?", [message_id]
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def replies_to(self, message_id: str) -> list[str]:
        """The message_keys of stored messages whose In-Reply-To is `message_id`."""
        rows = self.db.execute(
            "SELECT message_key FROM messages WHERE in_reply_to = ? ORDER BY date", [message_id]
        ).fetchall()
        return [str(row[0]) for row in rows]

    def has_content(self, content_hash: str) -> str | None:
        row = self.db.execute(
            "SELECT message_key FROM messages WHERE content_hash = ? LIMIT 1", [content_hash]
        ).fetchone()
        return None if row is None else str(row[0])

    def write_message(self, stored: StoredMessage, now: datetime) -> None:
        message = stored.message
        classification = stored.classification
        offset = message.date.utcoffset()
        row: dict[str, Any] = {
            "message_key": stored.key,
            "message_id": message.message_id,
            "message_id_synthesized": int(message.message_id_synthesized),
            "content_hash": message.content_hash,
            "body_hash": stored.body_hash,
            "in_reply_to": message.in_reply_to,
            "references_json": json.dumps(list(message.references)),
            "sender_name": message.sender.name if message.sender else None,
            "sender_email": message.sender.email if message.sender else None,
            "reply_to_json": _addresses_json(message.reply_to),
            "to_json": _addresses_json(message.to),
            "cc_json": _addresses_json(message.cc),
            "date": _iso(message.date),
            "date_offset_minutes": int(offset.total_seconds() // 60) if offset else 0,
            "date_source": message.date_source,
            "subject": message.subject,
            "body": message.body,
            "new_text": message.new_text,
            "quoted": message.quoted,
            "signature": message.signature,
            "footer": message.footer,
            "attachments_json": json.dumps(
                [[a.filename, a.content_type, a.size] for a in message.attachments],
                ensure_ascii=False,
            ),
            "direction": message.direction,
            "auto_submitted": int(message.auto_submitted),
            "auto_reply": int(message.auto_reply),
            "list_id": message.list_id,
            "defects_json": json.dumps(list(message.defects), ensure_ascii=False),
            "invitation_json": encode_invitation(message.invitation),
            "invitation_uid": _first_uid(message.invitation),
            "size": message.size,
            "label": classification.label.value,
            "confidence": classification.confidence,
            "scores_json": json.dumps(dict(classification.scores)),
            "reasons_json": json.dumps(list(classification.reasons), ensure_ascii=False),
            "model": classification.model,
            "label_source": stored.label_source,
            "needs_review": int(stored.needs_review),
            "extraction_json": encode_extraction(stored.extraction),
            "process_id": stored.process_id,
            "imported_at": _iso(now),
        }
        _upsert(self.db, "messages", row, ("message_key",))
        self._write_commitments(stored.key, stored.extraction)

    def _write_commitments(self, message_key: str, extraction: Extraction) -> None:
        self.db.execute("DELETE FROM commitments WHERE message_key = ?", [message_key])
        for position, commitment in enumerate(extraction.commitments):
            _insert(
                self.db,
                "commitments",
                {
                    "message_key": message_key,
                    "position": position,
                    "kind": commitment.kind.value,
                    "phrase": commitment.phrase,
                    "strength": commitment.strength.value,
                    "due": commitment.due.isoformat() if commitment.due else None,
                    "at": commitment.at.isoformat() if commitment.at else None,
                },
            )

    def add_location(self, message_key: str, origin: Origin, now: datetime) -> bool:
        """Record where a message was seen; False when this exact location was known."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO message_locations (message_key, source, account, folder,"
            " uidvalidity, uid, path, position, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                message_key,
                origin.kind,
                origin.account,
                origin.folder,
                origin.uidvalidity,
                origin.uid,
                origin.path,
                origin.position,
                _iso(now),
            ],
        )
        return cursor.rowcount > 0

    def set_message_process(self, message_key: str, process_id: int | None) -> None:
        """Move one message (a split), with the events it caused, to `process_id`; the
        event that says its old process was opened stays there."""
        self.db.execute(
            "UPDATE messages SET process_id = ? WHERE message_key = ?", [process_id, message_key]
        )
        if process_id is not None:
            self.db.execute(
                "UPDATE events SET process_id = ? WHERE message_key = ? AND kind != 'opened'",
                [process_id, message_key],
            )

    def set_extraction(self, message_key: str, extraction: Extraction) -> None:
        """What a stored message was read again to promise and name (`reread`), with its
        rows of the commitments table."""
        self.db.execute(
            "UPDATE messages SET extraction_json = ? WHERE message_key = ?",
            [encode_extraction(extraction), message_key],
        )
        self._write_commitments(message_key, extraction)

    def set_message_match(
        self, message_key: str, process_id: int | None, extraction: Extraction
    ) -> None:
        """A message placed after its import (a corrected label, `move`): its process and
        extraction."""
        self.db.execute(
            "UPDATE messages SET process_id = ?, extraction_json = ? WHERE message_key = ?",
            [process_id, encode_extraction(extraction), message_key],
        )

    def parsed_message(self, message_key: str) -> ParsedMessage:
        """The stored message as the parser gave it, its date in the sender's UTC offset."""
        row = self.message_row(message_key)
        offset = timezone(timedelta(minutes=row["date_offset_minutes"] or 0))
        sender = _sender(row)
        return ParsedMessage(
            message_id=row["message_id"],
            message_id_synthesized=bool(row["message_id_synthesized"]),
            in_reply_to=row["in_reply_to"],
            references=tuple(json.loads(row["references_json"] or "[]")),
            sender=sender,
            reply_to=_addresses(row["reply_to_json"]),
            to=_addresses(row["to_json"]),
            cc=_addresses(row["cc_json"]),
            date=_from_iso(row["date"]).astimezone(offset),
            date_source=row["date_source"],
            subject=row["subject"],
            body=row["body"],
            new_text=row["new_text"],
            quoted=row["quoted"],
            signature=row["signature"],
            footer=row["footer"],
            attachments=tuple(
                Attachment(name, content_type, size)
                for name, content_type, size in json.loads(row["attachments_json"] or "[]")
            ),
            direction=row["direction"],
            content_hash=row["content_hash"],
            size=row["size"],
            auto_submitted=bool(row["auto_submitted"]),
            auto_reply=bool(row["auto_reply"]),
            list_id=row["list_id"],
            defects=tuple(json.loads(row["defects_json"] or "[]")),
            invitation=decode_invitation(row["invitation_json"]),
        )

    def invitations_of(self, uid: str) -> list[tuple[str, datetime, Invitation]]:
        """(message_key, date, invitation) of the stored messages whose invitation's first
        event has this UID, oldest first."""
        rows = self.db.execute(
            "SELECT message_key, date, invitation_json FROM messages WHERE invitation_uid = ?"
            " ORDER BY date, id",
            [uid],
        ).fetchall()
        found = []
        for key, when, text in rows:
            invitation = decode_invitation(text)
            if invitation is not None:
                found.append((str(key), _from_iso(when), invitation))
        return found

    def set_invitation(self, message_key: str, invitation: Invitation) -> None:
        """A stored message's invitation with what the pipeline found since (an earlier
        version of its event stored after it: CalendarEvent.earlier_start)."""
        self.db.execute(
            "UPDATE messages SET invitation_json = ? WHERE message_key = ?",
            [encode_invitation(invitation), message_key],
        )

    def message_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM messages").fetchone()[0])

    def resolve_message(self, message_ref: str) -> str:
        """The message_key for a numeric id, a Message-ID (with or without <>) or a key."""
        ref = message_ref.strip()
        queries: list[tuple[str, list[Any]]] = []
        if ref.isdigit():
            queries.append(("SELECT message_key FROM messages WHERE id = ?", [int(ref)]))
        queries.append(("SELECT message_key FROM messages WHERE message_key = ?", [ref]))
        bare = ref.strip("<>")
        queries.append(
            (
                "SELECT message_key FROM messages WHERE message_id IN (?, ?, ?)",
                [ref, bare, f"<{bare}>"],
            )
        )
        for sql, args in queries:
            rows = self.db.execute(sql, args).fetchall()
            if len(rows) == 1:
                return str(rows[0][0])
            if len(rows) > 1:
                raise NoSuchMessage(
                    f"{message_ref!r} names {len(rows)} messages; use the numeric id"
                )
        raise NoSuchMessage(f"no message {message_ref!r}")

    def message_numbers(self, message_keys: Iterable[str]) -> dict[str, int]:
        """The numeric ids (`search`, `split`, `label` take them) of the given messages."""
        keys = sorted(set(message_keys))
        numbers: dict[str, int] = {}
        for start in range(0, len(keys), 500):  # under SQLite's limit of bound values
            chunk = keys[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            numbers.update(
                self.db.execute(
                    f"SELECT message_key, id FROM messages WHERE message_key IN ({marks})", chunk
                ).fetchall()
            )
        return numbers

    def merged_opened_by(
        self, process_id: int, message_keys: Sequence[str]
    ) -> list[tuple[int, str]]:
        """The processes merged into `process_id` that one of `message_keys` opened, with
        that message's key."""
        keys = list(message_keys)
        found: list[tuple[int, str]] = []
        for start in range(0, len(keys), 500):  # under SQLite's limit of bound values
            chunk = keys[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            found += [
                (int(row[0]), str(row[1]))
                for row in self.db.execute(
                    "SELECT id, opened_by FROM processes"
                    f" WHERE merged_into = ? AND opened_by IN ({marks})",
                    [process_id, *chunk],
                )
            ]
        return sorted(found)

    def revive_process(self, process_id: int, opened_by: str) -> None:
        """A process merged into another comes back (a split undoing the merge): it is merged
        into nothing, and the event that says it was opened, which went with the merge,
        comes back to it."""
        self.db.execute("UPDATE processes SET merged_into = NULL WHERE id = ?", [process_id])
        self.db.execute(
            "UPDATE events SET process_id = ? WHERE message_key = ? AND kind = 'opened'",
            [process_id, opened_by],
        )

    def opener_process(self, process_id: int) -> int | None:
        """The process the message that opened `process_id` is in now (after a merge, the
        one it was merged into, until a split or a move takes it elsewhere)."""
        row = self.db.execute(
            "SELECT m.process_id FROM processes p JOIN messages m ON m.message_key = p.opened_by"
            " WHERE p.id = ?",
            [process_id],
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def message_row(self, message_key: str) -> dict[str, Any]:
        rows = list(self.db["messages"].rows_where("message_key = ?", [message_key]))
        if not rows:
            raise NoSuchMessage(f"no message {message_key!r}")
        return rows[0]

    def _record(self, row: dict[str, Any]) -> MessageRecord:
        sender = _sender(row)
        return MessageRecord(
            key=row["message_key"],
            message_id=row["message_id"],
            process_id=row["process_id"],
            date=_from_iso(row["date"]),
            direction=row["direction"],
            label=Label(row["label"]),
            confidence=row["confidence"] or 0.0,
            label_source=row["label_source"],
            subject=row["subject"],
            sender=sender,
            recipients=_addresses(row["to_json"]) + _addresses(row["cc_json"]),
            extraction=decode_extraction(row["extraction_json"]),
            needs_review=bool(row["needs_review"]),
            snippet=(row["new_text"] or "")[:200],
            text=row["new_text"] or "",
            reply_to=_addresses(row["reply_to_json"]),
            stored_at=_from_iso(row["imported_at"]),
        )

    _RECORD_COLUMNS = (
        "message_key, message_id, process_id, date, direction, label, confidence, label_source,"
        " subject, sender_name, sender_email, to_json, cc_json, extraction_json, needs_review,"
        " new_text, reply_to_json, imported_at"
    )

    def message_records(
        self,
        process_id: int | None = None,
        *,
        filed: bool = False,
        after: datetime | None = None,
        until: datetime | None = None,
        stored_since: datetime | None = None,
        stored_until: datetime | None = None,
    ) -> list[MessageRecord]:
        """Stored messages in date order: of one process, of any process (`filed`), or
        all; dated after `after` and up to `until` when given; stored (imported_at) at or
        after `stored_since` and up to `stored_until` when given.

        The filters are SQL's, so that a mailbox's noise is not read to be left out
        (times are stored in UTC to the second, so their text sorts as the times do;
        `stored_since` keeps its own second, in which a message can be stored just after
        the time it names)."""
        clauses: list[str] = []
        args: list[Any] = []
        if process_id is not None:
            clauses.append("process_id = ?")
            args.append(process_id)
        elif filed:
            clauses.append("process_id IS NOT NULL")
        if after is not None:
            clauses.append("date > ?")
            args.append(_iso(after))
        if until is not None:
            clauses.append("date <= ?")
            args.append(_iso(until))
        if stored_since is not None:
            clauses.append("imported_at >= ?")
            args.append(_iso(stored_since))
        if stored_until is not None:
            clauses.append("imported_at <= ?")
            args.append(_iso(stored_until))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        cursor = self.db.execute(
            f"SELECT {self._RECORD_COLUMNS} FROM messages {where} ORDER BY date, id", args
        )
        names = [d[0] for d in cursor.description]
        return [self._record(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]

    def own_mail_outside_processes(self, message_id: str, answers: Sequence[str]) -> list[str]:
        """Keys of the user's own mail in no process that replies to `message_id`, or that
        is one of `answers` (the message ids a message replies to), in date order."""
        wanted = [a for a in dict.fromkeys(answers) if a]
        marks = ", ".join("?" * len(wanted))
        # "+process_id": most mail is in no process, so the index on process_id would
        # scan it all; the two thread columns' indexes find the few candidates
        rows = self.db.execute(
            "SELECT message_key FROM messages WHERE +process_id IS NULL"
            " AND direction = 'outbound' AND (in_reply_to = ?"
            + (f" OR message_id IN ({marks}))" if wanted else ")")
            + " ORDER BY date, id",
            [message_id, *wanted],
        ).fetchall()
        return [row[0] for row in rows]

    def set_aside_from(self, sender_email: str, since: datetime) -> list[str]:
        """Keys of one sender's inbound messages dated at or after `since` that are in no
        process and were never in the review list (set aside as noise), in date order."""
        rows = self.db.execute(
            "SELECT message_key FROM messages m WHERE +process_id IS NULL"
            " AND sender_email = ? AND direction = 'inbound' AND date >= ?"
            " AND NOT EXISTS (SELECT 1 FROM review r WHERE r.message_key = m.message_key)"
            " ORDER BY date, id",
            [sender_email, _iso(since)],
        ).fetchall()
        return [row[0] for row in rows]

    def own_mail_in_no_process(self) -> list[str]:
        """Keys of all the user's own mail in no process, in date order."""
        rows = self.db.execute(
            "SELECT message_key FROM messages WHERE +process_id IS NULL"
            " AND direction = 'outbound' ORDER BY date, id"
        ).fetchall()
        return [row[0] for row in rows]

    def last_process_id(self) -> int:
        """The id of the process opened last (0 before the first): a caller compares it
        before and after its work to learn whether that opened processes."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM processes").fetchone()[0])

    def thread_index(self) -> list[tuple[str, str, str, int]]:
        """(message_id, in_reply_to, references_json, process_id) of every message in a
        process."""
        rows = self.db.execute(
            "SELECT message_id, coalesce(in_reply_to, ''), references_json, process_id"
            " FROM messages WHERE process_id IS NOT NULL"
        ).fetchall()
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def search(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over subject and body, best match first.

        ValueError for text with no word in it (FTS5 has no query for it: an empty phrase
        is a syntax error)."""
        if not any(ch.isalnum() for ch in text):
            raise ValueError(f"give a word to search for (got {text!r})")
        # One line of printable words: sqlite-utils quotes each word for FTS5, but a line
        # break or a control character inside a quote escapes its quoting.
        words = " ".join("".join(ch for ch in text if ch.isprintable() or ch.isspace()).split())
        rows = self.db["messages"].search(  # type: ignore[union-attr]
            words,
            columns=[
                "id",
                "message_key",
                "date",
                "sender_name",
                "sender_email",
                "subject",
                "label",
                "direction",
                "process_id",
            ],
            limit=limit,
            quote=True,
        )
        return list(rows)

    # -- feedback (user corrections)

    def record_feedback(self, message_ref: str, label: Label, now: datetime) -> str:
        """Store the user's label for a message; it wins over any model later. Returns its Message-ID."""
        key = self.resolve_message(message_ref)
        with self.transaction():
            _upsert(
                self.db,
                "feedback",
                {"message_key": key, "label": label.value, "at": _iso(now)},
                ("message_key",),
            )
            self.db.execute(
                "UPDATE messages SET label = ?, confidence = 1.0, label_source = 'user',"
                " needs_review = 0 WHERE message_key = ?",
                [label.value, key],
            )
            self.resolve_reviews(key, now)
        return str(self.message_row(key)["message_id"])

    def noise_thread_ids(self) -> list[tuple[str, str | None, str]]:
        """The thread ids (message id, In-Reply-To, References) of the messages in no
        process that the user labelled not_recruiting: threads the user called noise."""
        return [
            (row[0], row[1], row[2])
            for row in self.db.execute(
                "SELECT m.message_id, m.in_reply_to, m.references_json FROM feedback f"
                " JOIN messages m ON m.message_key = f.message_key"
                " WHERE f.label = 'not_recruiting' AND m.process_id IS NULL"
            ).fetchall()
        ]

    def feedback_label(self, message_key: str) -> Label | None:
        row = self.db.execute(
            "SELECT label FROM feedback WHERE message_key = ?", [message_key]
        ).fetchone()
        return None if row is None else Label(row[0])

    def feedback_examples(self) -> list[tuple[str, str, str]]:
        """(subject, new_text, label) of every message the user corrected. Not the user's
        own mail, which older versions let them label: the classifier reads no such mail."""
        rows = self.db.execute(
            "SELECT m.subject, m.new_text, f.label FROM feedback f"
            " JOIN messages m ON m.message_key = f.message_key"
            " WHERE m.direction = 'inbound' ORDER BY f.at"
        ).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def corrected_senders(self) -> frozenset[str]:
        """The senders of the inbound messages the user corrected.

        Read from the corrections out: written as a join, SQLite walked every message in
        sender order for the DISTINCT (60 ms with 10,000 stored, once for each import
        batch); this form looks up each corrected message by its key."""
        rows = self.db.execute(
            "SELECT DISTINCT sender_email FROM messages"
            " WHERE message_key IN (SELECT message_key FROM feedback)"
            " AND direction = 'inbound' AND sender_email IS NOT NULL"
        ).fetchall()
        return frozenset(r[0] for r in rows)

    def not_labelled_by_user_from(self, sender_email: str) -> list[dict[str, Any]]:
        """The inbound messages of one sender whose label the user did not give (the
        classifier's, or carried from a correction): key, number, subject, new text, label,
        scores, date."""
        return list(
            self.db.query(
                "SELECT message_key, id, subject, new_text, label, scores_json, date FROM messages"
                " WHERE sender_email = ? AND direction = 'inbound' AND label_source != 'user'"
                " ORDER BY date, id",
                [sender_email],
            )
        )

    def corrections_from(self, sender_email: str) -> list[dict[str, Any]]:
        """The corrected inbound messages of one sender: key, subject, new text, the
        classifier's scores when it was read (kept through the correction), the user's
        label and when it was given."""
        return list(
            self.db.query(
                "SELECT m.message_key, m.subject, m.new_text, m.scores_json, f.label, f.at"
                " FROM feedback f JOIN messages m ON m.message_key = f.message_key"
                " WHERE m.sender_email = ? AND m.direction = 'inbound' ORDER BY f.at",
                [sender_email],
            )
        )

    # -- quarantine

    def quarantine(
        self, data: bytes, origin: Origin, reason: str, content_hash: str, now: datetime
    ) -> bool:
        """Keep bytes that could not be parsed, with the reason. False if already kept."""
        existing = self.db.execute(
            "SELECT id FROM errors WHERE content_hash = ?", [content_hash]
        ).fetchone()
        if existing is not None:
            self.db.execute(
                "UPDATE errors SET last_seen = ?, times_seen = times_seen + 1 WHERE id = ?",
                [_iso(now), existing[0]],
            )
            return False
        _insert(
            self.db,
            "errors",
            {
                "content_hash": content_hash,
                "origin": origin.describe(),
                "reason": reason,
                "raw": data,
                "size": len(data),
                "first_seen": _iso(now),
                "last_seen": _iso(now),
                "times_seen": 1,
            },
        )
        return True

    def quarantined(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, origin, reason, size, first_seen, last_seen, times_seen FROM errors"
            " ORDER BY id"
        )
        names = [d[0] for d in rows.description]
        return [dict(zip(names, row, strict=True)) for row in rows.fetchall()]

    def quarantined_raw(self, error_id: int) -> bytes:
        row = self.db.execute("SELECT raw FROM errors WHERE id = ?", [error_id]).fetchone()
        if row is None:
            raise StoreError(f"no quarantined item {error_id}")
        return bytes(row[0])

    def quarantined_origins(self) -> frozenset[str]:
        """Where the quarantined items came from (Origin.describe())."""
        return frozenset(row[0] for row in self.db.execute("SELECT origin FROM errors"))

    def forget_quarantined_from(self, origin: str) -> None:
        """Drop what the quarantine holds from `origin`: it has been read since."""
        self.db.execute("DELETE FROM errors WHERE origin = ?", [origin])

    def forget_quarantined(self, error_id: int | None = None) -> int:
        """Drop quarantined item `error_id` with its bytes (every item when None): the user
        has dealt with it. How many were dropped; the same bytes seen again come back."""
        with self.transaction():
            if error_id is None:
                cursor = self.db.execute("DELETE FROM errors")
            else:
                cursor = self.db.execute("DELETE FROM errors WHERE id = ?", [error_id])
        return int(cursor.rowcount)

    # -- processes, people, events, review

    def create_process(
        self,
        company: str | None,
        role: str | None,
        agency: str | None,
        opened_at: datetime,
        opened_by: str,
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO processes (company, role, agency, opened_at, opened_by) VALUES (?, ?, ?, ?, ?)",
            [company, role, agency, _iso(opened_at), opened_by],
        )
        return int(cursor.lastrowid or 0)

    def update_process(self, process_id: int, **fields: Any) -> None:
        allowed = {
            "company",
            "role",
            "agency",
            "expected_by_user",
            "expected_by_user_at",
            "outcome_user",
            "merged_into",
            "reopened_at",
            "named_by_user",
        }
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"not process fields: {sorted(unknown)}")

        def column(value: Any) -> Any:
            if isinstance(value, datetime):  # before date: a datetime is a date too
                return _iso(value)
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, frozenset | set):  # named_by_user: "company,role"
                return ",".join(sorted(value))
            return value.value if isinstance(value, Outcome) else value

        values = {k: column(v) for k, v in fields.items()}
        _update(self.db, "processes", "id", process_id, values)

    def process(self, process_id: int) -> ProcessRecord:
        rows = self.processes(where="id = ?", args=[process_id], include_merged=True)
        if not rows:
            raise StoreError(f"no process {process_id}")
        return rows[0]

    def processes(
        self, where: str = "", args: Sequence[Any] = (), include_merged: bool = False
    ) -> list[ProcessRecord]:
        clauses = [c for c in (where, "" if include_merged else "merged_into IS NULL") if c]
        sql = "SELECT * FROM processes" + (" WHERE " + " AND ".join(clauses) if clauses else "")
        return [
            ProcessRecord(
                id=row["id"],
                company=row["company"],
                role=row["role"],
                agency=row["agency"],
                opened_at=_from_iso(row["opened_at"]),
                expected_by_user=date.fromisoformat(row["expected_by_user"])
                if row["expected_by_user"]
                else None,
                expected_by_user_at=_from_iso(row["expected_by_user_at"])
                if row["expected_by_user_at"]
                else None,
                outcome_user=Outcome(row["outcome_user"]) if row["outcome_user"] else None,
                merged_into=row["merged_into"],
                reopened_at=_from_iso(row["reopened_at"]) if row["reopened_at"] else None,
                named_by_user=frozenset(filter(None, (row["named_by_user"] or "").split(","))),
            )
            for row in self.db.query(sql + " ORDER BY id", list(args))
        ]

    def move_messages(self, from_process: int, to_process: int) -> int:
        """A merge: every message of `from_process`, with its timeline and contacts."""
        cursor = self.db.execute(
            "UPDATE messages SET process_id = ? WHERE process_id = ?", [to_process, from_process]
        )
        self.db.execute(
            "UPDATE events SET process_id = ? WHERE process_id = ?", [to_process, from_process]
        )
        self.db.execute(
            "INSERT OR IGNORE INTO process_people (process_id, email, role)"
            " SELECT ?, email, role FROM process_people WHERE process_id = ?",
            [to_process, from_process],
        )
        return cursor.rowcount

    def move_contacts(self, from_process: int, to_process: int, emails: Iterable[str]) -> None:
        """After a split: the contacts of `from_process` among `emails` (the senders of the
        messages moved) become contacts of `to_process`, and stay contacts of
        `from_process` only while a message of theirs is left there."""
        for email in sorted(set(emails)):
            row = self.db.execute(
                "SELECT role FROM process_people WHERE process_id = ? AND email = ?",
                [from_process, email],
            ).fetchone()
            if row is None:  # an automated sender is nobody's contact
                continue
            self.link_person(to_process, email, row[0])
        self.drop_contacts_without_mail(from_process, emails)

    def drop_contacts_without_mail(self, process_id: int, emails: Iterable[str]) -> None:
        """Those of `emails` with no inbound message left in the process stop being its
        contacts (after a split, or a message corrected out of it)."""
        for email in sorted(set(emails)):
            left = self.db.execute(
                "SELECT 1 FROM messages WHERE process_id = ? AND sender_email = ?"
                " AND direction = 'inbound' LIMIT 1",
                [process_id, email],
            ).fetchone()
            if left is None:
                self.db.execute(
                    "DELETE FROM process_people WHERE process_id = ? AND email = ?",
                    [process_id, email],
                )

    def placement_rule(self, process_id: int, message_key: str) -> str | None:
        """The rule that last put the message in the process ("match:thread", "match:new",
        "user", ...), from its timeline."""
        row = self.db.execute(
            "SELECT rule FROM events WHERE process_id = ? AND message_key = ?"
            " AND kind IN ('opened', 'matched', 'user_move') ORDER BY id DESC LIMIT 1",
            [process_id, message_key],
        ).fetchone()
        return str(row[0]) if row else None

    def upsert_person(
        self, address: Address, sender_role: str | None, company: str | None, seen: datetime
    ) -> None:
        existing = self.db.execute(
            "SELECT name, sender_role, company, first_seen, last_seen FROM people WHERE email = ?",
            [address.email],
        ).fetchone()
        when = _iso(seen)
        if existing is None:
            _insert(
                self.db,
                "people",
                {
                    "email": address.email,
                    "name": address.name,
                    "sender_role": sender_role,
                    "company": company,
                    "first_seen": when,
                    "last_seen": when,
                },
            )
            return
        name, old_role, old_company, first_seen, last_seen = existing
        _update(
            self.db,
            "people",
            "email",
            address.email,
            {
                "name": address.name or name,
                "sender_role": old_role if sender_role in (None, "unknown") else sender_role,
                "company": company or old_company,
                "first_seen": min(first_seen, when),
                "last_seen": max(last_seen, when),
            },
        )

    def link_person(self, process_id: int, email: str, role: str | None) -> None:
        self.db.execute(
            "INSERT INTO process_people (process_id, email, role) VALUES (?, ?, ?)"
            " ON CONFLICT (process_id, email) DO UPDATE SET role = coalesce(excluded.role, role)",
            [process_id, email, role if role not in (None, "unknown") else None],
        )

    def process_people(self, process_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "SELECT p.email, p.name, coalesce(pp.role, p.sender_role) AS role, p.company,"
                " p.last_seen FROM process_people pp JOIN people p ON p.email = pp.email"
                " WHERE pp.process_id = ? ORDER BY p.first_seen",
                [process_id],
            )
        )

    def contact_index(self) -> list[tuple[str, int]]:
        """(email, process_id) for every person linked to an unmerged process."""
        rows = self.db.execute(
            "SELECT pp.email, pp.process_id FROM process_people pp"
            " JOIN processes p ON p.id = pp.process_id WHERE p.merged_into IS NULL"
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def add_event(self, event: Event) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO events (process_id, message_key, at, kind, detail, rule,"
            " confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                event.process_id,
                event.message_key,
                _iso(event.at),
                event.kind,
                event.detail,
                event.rule,
                event.confidence,
            ],
        )

    def events(self, process_id: int) -> list[Event]:
        return [
            Event(
                id=row["id"],
                process_id=row["process_id"],
                message_key=row["message_key"],
                at=_from_iso(row["at"]),
                kind=row["kind"],
                detail=row["detail"],
                rule=row["rule"],
                confidence=row["confidence"],
            )
            for row in self.db.query(
                "SELECT * FROM events WHERE process_id = ? ORDER BY at, id", [process_id]
            )
        ]

    def add_review(
        self,
        message_key: str,
        reason: str,
        candidates: Sequence[int],
        now: datetime,
        reopen: bool = False,
    ) -> None:
        """Put a message in the review list; an open item is updated, a closed one is left
        closed unless `reopen` (the user's own correction led back to a tie)."""
        self.db.execute(
            "INSERT INTO review (message_key, reason, candidates_json, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (message_key) DO UPDATE SET reason = excluded.reason,"
            " candidates_json = excluded.candidates_json, created_at = CASE WHEN resolved_at"
            " IS NULL THEN created_at ELSE excluded.created_at END, resolved_at = NULL"
            " WHERE resolved_at IS NULL OR ?",
            [message_key, reason, json.dumps(list(candidates)), _iso(now), reopen],
        )

    def merge_review_candidates(self, from_process: int, to_process: int) -> list[str]:
        """A merge: the open reviews that name `from_process` among their candidates name
        `to_process` instead (once). Returns the keys of those whose candidates are now
        `to_process` alone, where there were several (a tie the merge settled)."""
        settled = []
        rows = self.db.execute(
            "SELECT message_key, candidates_json FROM review WHERE resolved_at IS NULL"
        ).fetchall()
        for key, candidates_json in rows:
            candidates = json.loads(candidates_json or "[]")
            if from_process not in candidates:
                continue
            merged = list(dict.fromkeys(to_process if c == from_process else c for c in candidates))
            self.db.execute(
                "UPDATE review SET candidates_json = ? WHERE message_key = ?",
                [json.dumps(merged), key],
            )
            if merged == [to_process] and len(candidates) > 1:
                settled.append(key)
        return settled

    def resolve_reviews(self, message_key: str, now: datetime) -> None:
        self.db.execute(
            "UPDATE review SET resolved_at = ? WHERE message_key = ? AND resolved_at IS NULL",
            [_iso(now), message_key],
        )

    def open_reviews(self) -> list[dict[str, Any]]:
        return list(
            self.db.query(
                "SELECT m.id, r.message_key, r.reason, r.candidates_json, r.created_at, m.date,"
                " m.sender_name, m.sender_email, m.subject, m.label, m.confidence, m.process_id"
                " FROM review r"
                " JOIN messages m ON m.message_key = r.message_key WHERE r.resolved_at IS NULL"
                " ORDER BY m.date"
            )
        )

    # -- sync state and health (IMAP)

    def get_sync_state(self, account: str, folder: str) -> SyncState | None:
        row = self.db.execute(
            "SELECT uidvalidity, last_uid, highest_modseq, listed FROM sync_state"
            " WHERE account = ? AND folder = ?",
            [account, folder],
        ).fetchone()
        if row is None:
            return None
        return SyncState(account, folder, row[0], row[1], row[2], row[3])

    def save_sync_state(
        self,
        account: str,
        folder: str,
        uidvalidity: int,
        last_uid: int,
        highest_modseq: int | None,
        now: datetime,
        listed: int | None = None,
    ) -> None:
        """Save a folder's checkpoint; `listed` is how many messages the server has at or
        below `last_uid` (None: not known, e.g. in the middle of a sync)."""
        _upsert(
            self.db,
            "sync_state",
            {
                "account": account,
                "folder": folder,
                "uidvalidity": uidvalidity,
                "last_uid": last_uid,
                "highest_modseq": highest_modseq,
                "listed": listed,
                "updated_at": _iso(now),
            },
            ("account", "folder"),
        )

    def forget_gone_locations(
        self,
        account: str,
        folder: str,
        uidvalidity: int,
        listed: Iterable[int] | None,
        below: int,
    ) -> int:
        """Forget the places of an IMAP folder that are gone: rows of another UIDVALIDITY
        (the server renumbered the folder) and, given the folder's full UID listing
        (`listed`), rows of a UID under `below` that it no longer holds (deleted, expunged,
        moved away). A row of a UID at or above `below` arrived after the listing and stays.
        The messages themselves, and all that was read from them, stay. Returns the count."""
        forgotten = self.db.execute(
            "DELETE FROM message_locations WHERE source = 'imap' AND account = ?"
            " AND folder = ? AND uidvalidity != ?",
            [account, folder, uidvalidity],
        ).rowcount
        if listed is None:
            return forgotten
        present = set(listed)
        known = self.db.execute(
            "SELECT uid FROM message_locations WHERE source = 'imap' AND account = ?"
            " AND folder = ? AND uidvalidity = ? AND uid < ?",
            [account, folder, uidvalidity, below],
        ).fetchall()
        gone = [uid for (uid,) in known if uid not in present]
        for start in range(0, len(gone), 500):
            chunk = gone[start : start + 500]
            forgotten += self.db.execute(
                "DELETE FROM message_locations WHERE source = 'imap' AND account = ?"
                f" AND folder = ? AND uidvalidity = ? AND uid IN ({', '.join('?' * len(chunk))})",
                [account, folder, uidvalidity, *chunk],
            ).rowcount
        return forgotten

    def record_sync_health(
        self, account: str, folder: str, now: datetime, error: str | None = None
    ) -> None:
        """Record a sync attempt's outcome; an error is kept until the next success clears it."""
        when = _iso(now)
        row: dict[str, Any] = {"account": account, "folder": folder, "last_attempt": when}
        if error is None:
            row.update(last_success=when, last_error=None, last_error_at=None)
        else:
            row.update(last_error=error, last_error_at=when)
        _upsert(self.db, "sync_health", row, ("account", "folder"))

    def sync_health(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM sync_health ORDER BY account, folder"))

    # -- digest and heartbeat

    def digest_sent_on(self, day: date) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM digests WHERE day = ?", [day.isoformat()]))
        return rows[0] if rows else None

    def last_digest(self) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM digests ORDER BY day DESC LIMIT 1"))
        return rows[0] if rows else None

    def record_digest(self, day: date, sent_at: datetime, delivery: str, recipients: str) -> bool:
        """Record that the digest of `day` went out; False if one was already recorded."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO digests (day, sent_at, delivery, recipients) VALUES (?, ?, ?, ?)",
            [day.isoformat(), _iso(sent_at), delivery, recipients],
        )
        return cursor.rowcount > 0

    def beat(self, name: str, pid: int, now: datetime, detail: str = "") -> None:
        _upsert(
            self.db,
            "heartbeat",
            {"name": name, "pid": pid, "at": _iso(now), "detail": detail},
            ("name",),
        )

    def heartbeat(self, name: str) -> dict[str, Any] | None:
        rows = list(self.db.query("SELECT * FROM heartbeat WHERE name = ?", [name]))
        return rows[0] if rows else None


def open_store(path: Path) -> Store:
    """Open (creating and migrating if needed) the database at `path`."""
    return Store(path)


# ---------------------------------------------------------------------------- daemon (appended)


def forget_digest(store: Store, day: date) -> None:
    """Release the claim on `day`'s digest after a failed delivery, so a later try resends."""
    store.db.execute("DELETE FROM digests WHERE day = ?", [day.isoformat()])


def digest_sent_by(store: Store, moment: datetime) -> dict[str, Any] | None:
    """The latest digest sent at or before `moment` (what a preview's "new since" counts
    from: this morning's, once it went)."""
    rows = list(
        store.db.query(
            "SELECT * FROM digests WHERE sent_at <= ? ORDER BY sent_at DESC LIMIT 1",
            [_iso(moment)],
        )
    )
    return rows[0] if rows else None


def previous_digest(store: Store, day: date) -> dict[str, Any] | None:
    """The latest digest recorded for a day before `day` (what "new since" counts from)."""
    rows = list(
        store.db.query(
            "SELECT * FROM digests WHERE day < ? ORDER BY day DESC LIMIT 1", [day.isoformat()]
        )
    )
    return rows[0] if rows else None
