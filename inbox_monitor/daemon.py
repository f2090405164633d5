"""`inbox-monitor run`: the background loop that syncs, keeps a heartbeat and sends the digest.

At start, when the stored mail was read by another version's rules, a thread reads it
again in batches beside the sync (pipeline.reread_if_stale, as `inbox-monitor sync` does),
then matches the user's own mail in no process again (pipeline.file_own_mail); and again
whenever another version's rules read it since (another install's `sync` beside this one). Every
CODE_CHECK_SECONDS the main thread looks whether the program's files on disk changed (an
upgrade, InstalledCode); once they have, it stops as at SIGTERM and runs the new version in
its place (os.execv of the same command line), or exits EXIT_RESTART for the service
manager to start it when that cannot be done.
One worker thread per account calls the same `sync.run_once()` as `inbox-monitor sync`,
then waits for news (IMAP IDLE where the server has it, else the account's poll
interval). All workers share one pipeline behind a lock, so the process index stays
consistent, but a slow or dead server only ever holds up its own thread. The main
thread beats the heartbeat, sends the digest once per local day at `digest.time` (after
a start, once each account's first sync pass and the reread have ended, within
FIRST_SYNC_WAIT_SECONDS), and
handles signals: SIGTERM/SIGINT stop after the batch in hand is committed, SIGHUP
reloads the config. Faults (network, server, credentials, a full disk, clock jumps) are
logged and retried with back-off; they never end the daemon.

This module and the CLI are the edges that read the clock. INBOX_MONITOR_FAKE_NOW
(test-only) pins the daemon's clock: the wall time starts there and advances in real
time.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import logging
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

from inbox_monitor.board import calendar_for, load_board
from inbox_monitor.config import AccountConfig, Config
from inbox_monitor.digest import (
    FIRST_DIGEST_DAYS,
    AccountHealth,
    DigestData,
    Person,
    ReviewItem,
    build_digest,
)
from inbox_monitor.errors import DeliveryError, InboxMonitorError, LockError, StoreError
from inbox_monitor.models import Event, MessageRecord, State, Summary
from inbox_monitor.store import Store, digest_sent_by, forget_digest, previous_digest
from inbox_monitor.track import ProcessStatus, process_status

if TYPE_CHECKING:
    from inbox_monitor.sync import FolderResult

log = logging.getLogger(__name__)

FAKE_NOW_ENV = "INBOX_MONITOR_FAKE_NOW"
LOCK_NAME = "daemon.lock"
HEARTBEAT_NAME = "daemon"
TICK_SECONDS = 1.0
HEARTBEAT_SECONDS = 30.0
DIGEST_RETRY_SECONDS = 300.0
MAX_BACKOFF_SECONDS = 600.0
# at start, the digest waits for each account's first sync pass, but no longer than this
FIRST_SYNC_WAIT_SECONDS = 900.0
NEW_MAIL_HORIZON_DAYS = 30
STOP_GRACE_SECONDS = 4.0
# how often the daemon looks whether the program's files on disk changed (an upgrade)
CODE_CHECK_SECONDS = 5.0
# the exit status when it cannot run itself again after an upgrade (EX_TEMPFAIL): the
# service units restart it on any failure (systemd Restart=on-failure, launchd KeepAlive)
EXIT_RESTART = 75


# ---------------------------------------------------------------------------- clock


@dataclass
class Clock:
    """The daemon's wall clock; pinned to `start` (advancing in real time) when given."""

    start: datetime | None = None
    _origin: float = field(default_factory=time.monotonic)

    def now(self) -> datetime:
        if self.start is None:
            return datetime.now(UTC)
        return self.start + timedelta(seconds=time.monotonic() - self._origin)

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Clock:
        value = (environ if environ is not None else dict(os.environ)).get(FAKE_NOW_ENV)
        if not value:
            return cls()
        start = datetime.fromisoformat(value)
        if start.tzinfo is None:
            raise ValueError(f"{FAKE_NOW_ENV} needs a UTC offset, got {value!r}")
        log.warning("test clock: %s pins the daemon's time to %s", FAKE_NOW_ENV, value)
        return cls(start=start)


# ---------------------------------------------------------------------------- lock


@contextlib.contextmanager
def daemon_lock(data_dir: Path) -> Iterator[Path]:
    """Hold an exclusive lock on data_dir/daemon.lock; LockError if another daemon has it.

    flock is released by the kernel when the process dies, so kill -9 leaves no stale lock.
    """
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = data_dir / LOCK_NAME
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    handle: IO[str] = os.fdopen(descriptor, "r+", encoding="utf-8")  # held for the run
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise LockError(
                f"another inbox-monitor daemon (pid {holder}) is running on {data_dir}"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield path
    finally:
        handle.close()


def daemon_running(data_dir: Path) -> bool:
    """Whether a daemon holds the lock on `data_dir` now (it is released when it stops or
    dies, so a pid written there, or a heartbeat, says nothing of it alone)."""
    try:
        descriptor = os.open(data_dir / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return False  # never run here
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)  # closing releases a lock taken just now
    return False


# ---------------------------------------------------------------------------- digest


def digest_due(store: Store, config: Config, now: datetime) -> date | None:
    """The local day whose digest should go out now, or None.

    One digest per local day, at or after `digest.time`. A daemon that was down at that
    time sends it when it comes back the same day; a day that passed entirely without a
    running daemon is skipped (the next digest covers everything since the last one).
    """
    if not config.digest.enabled:
        return None
    local = now.astimezone(config.identity.zone)
    if local.time() < config.digest.send_at:
        return None
    return None if store.digest_sent_on(local.date()) else local.date()


def first_sync_pending(store: Store, accounts: Sequence[str], started: datetime) -> list[str]:
    """The accounts with no sync pass ended (done, or failed) since `started`, as the store
    records them (the account-wide row of sync_health, written at the end of each pass
    and on each failure to connect or log in)."""
    from inbox_monitor.sync import ACCOUNT_LEVEL

    since = started.replace(microsecond=0)  # the store keeps whole seconds
    tried = {
        row["account"]
        for row in store.sync_health()
        if row["folder"] == ACCOUNT_LEVEL and (_when(row["last_attempt"]) or since) >= since
    }
    return [name for name in accounts if name not in tried]


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def load_health(store: Store) -> list[AccountHealth]:
    """The last sync outcome of every account and folder, as the digest reads it."""
    return [
        AccountHealth(
            account=row["account"],
            folder=row["folder"],
            last_attempt=_when(row["last_attempt"]),
            last_success=_when(row["last_success"]),
            last_error=row["last_error"],
            last_error_at=_when(row["last_error_at"]),
        )
        for row in store.sync_health()
    ]


def new_mail(
    store: Store, since: datetime | None, now: datetime, *, replay: bool = False
) -> list[MessageRecord]:
    """The digest's new mail: stored since the last digest (`since`) and by `now`.

    When it was stored, not its Date: mail that comes in late (a daemon that was down, a
    sync that failed for days, a slow server) is new in the first digest after it is
    stored. Mail dated more than NEW_MAIL_HORIZON_DAYS before the last digest is an old
    archive being imported, not news. The first digest (no `since`) lists the mail dated
    in the FIRST_DIGEST_DAYS days before `now`: a first sync stores the whole mailbox at once.

    With `replay` (a preview as of a past moment), mail stored after `now` counts as come
    when it is dated, as the board as of `now` counts it: a mailbox imported today shows,
    as of a day last week, the mail of the days before it. Mail stored by `now` is counted
    as without it.
    """
    if since is None:
        after = now - timedelta(days=FIRST_DIGEST_DAYS)
        return store.message_records(after=after, until=now, stored_until=None if replay else now)
    stored = store.message_records(
        after=since - timedelta(days=NEW_MAIL_HORIZON_DAYS), stored_since=since, stored_until=now
    )
    if not replay:
        return stored
    known = {record.key for record in stored}
    later = [
        record
        for record in store.message_records(after=since, until=now, stored_since=now)
        if record.key not in known
    ]
    return sorted([*stored, *later], key=lambda record: record.date) if later else stored


def load_digest_data(
    store: Store, config: Config, now: datetime, *, sending: bool = False
) -> DigestData:
    """Gather the digest's content from the store as of `now`.

    The digest being sent (`sending`) lists the mail stored by `now` since the digest of
    the day before, since the next one lists what is stored after it. A preview is what
    the next digest would say: the mail since the last digest sent by `now` (this
    morning's, once it went, so "new since the last digest" is true of it), and mail
    stored after `now` counts as come when it is dated (new_mail's `replay`): a past
    day's preview, right after an import, shows that day's news as the board shows that
    day."""
    statuses = load_board(store, config, now)
    people = {
        s.process.id: [
            Person(p["name"] or "", p["email"], p["role"])
            for p in store.process_people(s.process.id)
        ]
        for s in statuses
        if s.state in (State.OVERDUE, State.WAITING_ON_YOU)
    }
    if sending:
        last = previous_digest(store, now.astimezone(config.identity.zone).date())
    else:
        last = digest_sent_by(store, now)
    since = _when(last["sent_at"]) if last else None
    new_messages = new_mail(store, since, now, replay=not sending)
    settled = _last_decided(store, statuses)
    reviews = [
        ReviewItem(
            message_id=row["id"],
            date=datetime.fromisoformat(row["date"]),
            sender=row["sender_email"] or "unknown sender",
            subject=row["subject"] or "(no subject)",
            label=row["label"] or "",
            confidence=row["confidence"] or 0.0,
            reason=row["reason"] or "",
            process_id=row["process_id"],
            candidates=tuple(json.loads(row["candidates_json"] or "[]")),
        )
        for row in store.open_reviews()
        # (a past day's preview: mail that came after it was not there to review)
        if datetime.fromisoformat(row["date"]) <= now and not _settled_since(row, settled)
    ]
    health = load_health(store)
    return DigestData(
        now=now,
        zone=config.identity.zone,
        calendar=calendar_for(config),
        statuses=statuses,
        people=people,
        new_messages=new_messages,
        since=since,
        reviews=reviews,
        health=health,
        accounts=[a.name for a in config.accounts],
        closed=closed_by(
            store, config, statuses, new_messages, since or now - timedelta(days=FIRST_DIGEST_DAYS)
        ),
    )


def _last_decided(store: Store, statuses: Sequence[ProcessStatus]) -> dict[int, datetime]:
    """When each closed process was last decided: its latest mail either way, or the user's
    own `close` when that is what closed it."""
    decided: dict[int, datetime] = {}
    for status in statuses:
        if status.state != State.CLOSED:
            continue
        times = [t for t in (status.last_inbound_at, status.last_outbound_at) if t is not None]
        if status.process.outcome_user is not None:
            times += [e.at for e in store.events(status.process.id) if e.kind == "user_close"]
        if times:
            decided[status.process.id] = max(times)
    return decided


def _settled_since(row: dict[str, Any], decided: dict[int, datetime]) -> bool:
    """Whether an unsure message's question was settled by what came after it: its process
    closed later (their rejection, the user's withdrawal or `close`). Such items stay in
    `inbox-monitor review`, but the digest stops asking about them every day; mail that
    comes into a closed process is still asked about."""
    at = decided.get(row["process_id"]) if row["process_id"] else None
    return at is not None and datetime.fromisoformat(row["date"]) < at


def closed_by(
    store: Store,
    config: Config,
    statuses: Sequence[ProcessStatus],
    new_messages: Sequence[MessageRecord],
    before: datetime,
) -> list[ProcessStatus]:
    """The processes closed now that were open at `before` without the `new_messages`
    (as the last digest saw them): the ones that mail closed (a rejection, the user's
    withdrawal). One closed earlier, or by the user's `close`, is no news."""
    new = {record.key for record in new_messages}
    touched = {record.process_id for record in new_messages}
    closed = []
    for status in statuses:
        if status.state != State.CLOSED or status.process.id not in touched:
            continue
        known = [r for r in store.message_records(status.process.id) if r.key not in new]
        then = process_status(
            status.process,
            known,
            before,
            config.tracking,
            calendar_for(config),
            config.identity.zone,
        )
        if then.state != State.CLOSED:
            closed.append(status)
    return closed


def digest_sender(config: Config) -> str:
    if config.digest.sender:
        return config.digest.sender
    fallback = next(iter(config.digest.recipients), None) or next(
        (a.username for a in config.accounts if "@" in a.username), "inbox-monitor@localhost"
    )
    return f"inbox-monitor <{fallback}>"


def deliver_digest(store: Store, config: Config, now: datetime, *, record: bool = True) -> str:
    """Render and deliver the digest as of `now`; returns a line saying where it went.

    With `record`, the local day is claimed in the store *before* sending (a restart or a
    second caller never sends it twice) and released again if delivery fails, so a later
    attempt retries. Raises DeliveryError.
    """
    day = now.astimezone(config.identity.zone).date()
    recipients = list(config.digest.recipients)
    delivery = config.digest.delivery
    where = f"{delivery}: " + (
        ", ".join(recipients) if delivery == "smtp" else config.digest.account
    )
    # before the claim: "new since" the last one
    data = load_digest_data(store, config, now, sending=True)
    message = build_digest(data, digest_sender(config), recipients)
    if record and not store.record_digest(day, now, delivery, where):
        return f"the digest of {day} was already sent"
    try:
        if delivery == "smtp":
            from inbox_monitor.mailer import send_message

            send_message(message, config.digest.smtp, recipients)
        else:
            append_to_inbox(config, message.as_bytes(), now)
    except BaseException:
        if record:
            forget_digest(store, day)
        raise
    log.info("digest of %s delivered (%s)", day, where)
    return f"digest of {day} delivered ({where})"


def _secret_sources(account: AccountConfig) -> dict[str, Any]:
    """The password or OAuth2 token source imap.py asks for, from the account's credentials."""
    from inbox_monitor import secrets

    credentials = account.credentials
    if credentials.oauth2_token_command:
        return {"token": lambda fresh: secrets.get_oauth2_token(credentials, account.name)}
    return {"password": lambda: secrets.get_password(credentials, account.name)}


def _account_for(config: Config, purpose: str) -> AccountConfig:
    account = config.account(config.digest.account)
    if account is None:
        raise DeliveryError(
            f"{purpose}: digest.account {config.digest.account!r} is not one of the [[accounts]]"
        )
    return account


def append_to_inbox(config: Config, data: bytes, now: datetime) -> None:
    """Append the digest to the INBOX of `digest.account` (unseen, so it stands out)."""
    from inbox_monitor import imap

    account = _account_for(config, "imap delivery")
    try:
        imap.append_message(account, "INBOX", data, **_secret_sources(account))
    except InboxMonitorError as err:
        raise DeliveryError(f"imap delivery to {account.name}: {err}") from err


def drafts_folder(account: AccountConfig) -> str:
    """The folder with the \\Drafts special use on the account's server, else "Drafts"."""
    from inbox_monitor import imap

    with imap.connect(account, **_secret_sources(account)) as mailbox:
        return imap.find_special_folder(mailbox.list_folders(), "\\Drafts") or "Drafts"


DRAFT_EVENT = "followup_draft"


def append_follow_up_drafts(store: Store, config: Config, now: datetime) -> int:
    """Append a follow-up draft (\\Draft flag) for each overdue process to `digest.account`'s
    Drafts folder; never sends anything. One draft per process and per message it answers
    (an event records it). Returns how many were appended; raises DeliveryError."""
    from inbox_monitor import imap
    from inbox_monitor.followup import draft_follow_up, draft_message

    account = _account_for(config, "follow-up drafts")
    address = account.username if "@" in account.username else digest_sender(config)
    sender = f"{config.identity.name} <{address}>" if config.identity.name else address
    pending = []
    for status in load_board(store, config, now):
        if status.state != State.OVERDUE:
            continue
        draft = draft_follow_up(
            status,
            store.message_records(status.process.id),
            config.identity.name or "",
            config.identity.zone,
        )
        done = {e.detail for e in store.events(status.process.id) if e.kind == DRAFT_EVENT}
        if draft is not None and f"draft answering {draft.in_reply_to}" not in done:
            pending.append(draft)
    if not pending:
        return 0
    try:
        folder = drafts_folder(account)
        for draft in pending:
            data = draft_message(draft, sender, now).as_bytes()
            imap.append_message(
                account, folder, data, flags=["\\Draft"], **_secret_sources(account)
            )
            detail = f"draft answering {draft.in_reply_to}"
            store.add_event(Event(draft.process_id, now, DRAFT_EVENT, detail, None, "followup"))
            log.info("follow-up draft for process %d appended to %s", draft.process_id, folder)
    except InboxMonitorError as err:
        raise DeliveryError(f"follow-up drafts on {account.name}: {err}") from err
    return len(pending)


# ---------------------------------------------------------------------------- upgrades


def program_files() -> list[Path]:
    """The files of the code a daemon runs: this package's modules, and the holidays
    package's version file (its data counts business days, and the reading rules with it)."""
    import holidays

    package = Path(__file__).parent
    return [*sorted(package.rglob("*.py")), Path(holidays.__file__).with_name("version.py")]


def _signature(files: Sequence[Path]) -> tuple[tuple[str, int, int, int], ...]:
    """The files' names, inodes, sizes and times: a stat each, well under a millisecond."""
    found = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            found.append((str(path), 0, -1, 0))
        else:
            found.append((str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def _content(files: Sequence[Path]) -> str:
    """A hash of the files' names and bytes (a missing file is one that changed)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing\0")
    return digest.hexdigest()


@dataclass
class InstalledCode:
    """Whether the program on disk is still the one this process started with.

    A daemon keeps running the code it imported: after an upgrade it would read new mail
    with the old rules until restarted. Each check stats the files (program_files, which
    are listed again, so that a module added or removed counts); only when a stat differs
    are their bytes hashed, so a reinstall of the same version or a `touch` is no change.
    A change counts once it has settled, the same at two checks in a row: an upgrade
    half-written (pip replaces file after file) is not run.
    """

    list_files: Callable[[], list[Path]] = program_files
    _signature: tuple[tuple[str, int, int, int], ...] = ()
    _started: str = ""
    _seen: str = ""

    def __post_init__(self) -> None:
        files = self.list_files()
        self._signature = _signature(files)
        self._started = self._seen = _content(files)

    def changed(self) -> bool:
        """True once the files differ from those at start, and did so at the last check."""
        files = self.list_files()
        signature = _signature(files)
        if signature == self._signature:
            return self._seen != self._started  # settled since the last check
        self._signature = signature
        self._seen = _content(files)
        return False  # changed since the last check: wait for the next one


def restart_program() -> None:
    """Run this program again in this process, with the same command line and environment
    (os.execv: the same pid, so a service manager sees no exit). Raises OSError when it
    cannot (the interpreter is gone)."""
    for handler in logging.getLogger().handlers:
        handler.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, sys.orig_argv)


# ---------------------------------------------------------------------------- the daemon


class _Stopping(Exception):
    """Raised before a batch is ingested once a stop was asked: the sync ends between
    two committed batches (the fetched, uncommitted one is fetched again next time)."""


@dataclass
class Daemon:
    """The long-running loop; `run()` returns the exit code (0 after SIGTERM/SIGINT)."""

    config: Config
    reload_config: Callable[[], Config]
    clock: Clock = field(default_factory=Clock)
    heartbeat_seconds: float = HEARTBEAT_SECONDS
    first_sync_wait: float = FIRST_SYNC_WAIT_SECONDS
    code_check_seconds: float = CODE_CHECK_SECONDS
    # the program's files as it started (InstalledCode), and how it runs itself again
    code: InstalledCode | None = None
    restart: Callable[[], None] = restart_program
    upgraded: bool = False
    stop_event: threading.Event = field(default_factory=threading.Event)
    _reload: threading.Event = field(default_factory=threading.Event)
    _ingest_lock: threading.Lock = field(default_factory=threading.Lock)
    _workers: list[tuple[threading.Thread, threading.Event]] = field(default_factory=list)
    _pipeline: Any = None
    _status: dict[str, str] = field(default_factory=dict)
    # the accounts whose first sync pass since the workers started has ended, and when
    # (wall clock, monotonic) they started: the digest waits for those passes
    _first_pass_over: set[str] = field(default_factory=set)
    _workers_started: datetime | None = None
    _hold_until: float = 0.0
    _holding: bool = False
    _reread_over: threading.Event = field(default_factory=threading.Event)

    # -- signals

    def install_signal_handlers(self) -> None:
        def stop(signum: int, frame: FrameType | None) -> None:
            log.info("signal %s: stopping after the batch in hand", signal.Signals(signum).name)
            self.stop_event.set()

        def reload(signum: int, frame: FrameType | None) -> None:
            log.info("SIGHUP: reloading the configuration")
            self._reload.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGHUP, reload)

    # -- main loop

    def run(self) -> int:
        """Run until stopped; after an upgrade, stop as SIGTERM does and run the new version
        in this process (restart_program), or exit EXIT_RESTART if that fails."""
        if self.code is None:
            self.code = InstalledCode()
        with daemon_lock(self.config.data_dir):
            from inbox_monitor import __version__
            from inbox_monitor.pipeline import rules_text_stamp

            log.info(
                "daemon started (pid %d, version %s, reading rules %s): %d account(s), data in %s",
                os.getpid(),
                __version__,
                rules_text_stamp(self.config.identity)[:8],
                len(self.config.accounts),
                self.config.data_dir,
            )
            self._warn_if_no_accounts()
            store = self._open_store_until_ready()
            if store is None:
                return 0
            reread = threading.Thread(target=self._reread, name="reread", daemon=True)
            try:
                reread.start()
                self._start_workers()
                self._loop(store)
            finally:
                self._stop_workers()
                reread.join(STOP_GRACE_SECONDS)
                store.close()
        log.info("daemon stopped")
        if not self.upgraded:
            return 0
        # The store is closed, the lock released and the workers stopped (a batch in hand
        # is rolled back, as at SIGTERM); what the new version opens it opens anew.
        try:
            self.restart()
        except OSError as err:
            log.error(
                "cannot run the new version (%s); exiting with status %d for the service"
                " manager to start it",
                err, EXIT_RESTART,
            )  # fmt: skip
            return EXIT_RESTART
        return 0

    def _open_store_until_ready(self) -> Store | None:
        delay = 5.0
        while not self.stop_event.is_set():
            try:
                return Store(self.config.database_path)
            except InboxMonitorError as err:
                log.error("cannot open the store: %s; retrying in %.0f s", err, delay)
                self.stop_event.wait(delay)
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)
        return None

    def _loop(self, store: Store) -> None:
        next_beat = 0.0
        next_digest_try = 0.0
        next_code_check = time.monotonic() + self.code_check_seconds
        while not self.stop_event.is_set():
            if self._reload.is_set():
                self._reload.clear()
                self._apply_reload()
            moment = time.monotonic()
            now = self.clock.now()
            if moment >= next_beat:
                next_beat = moment + self.heartbeat_seconds
                self._beat(store, now)
            if moment >= next_digest_try:
                next_digest_try = moment + self._maybe_send_digest(store, now)
            if moment >= next_code_check:
                next_code_check = moment + self.code_check_seconds
                self._restart_if_upgraded()
                self._reread_if_read_elsewhere(store)
            self.stop_event.wait(TICK_SECONDS)

    def _reread_if_read_elsewhere(self, store: Store) -> None:
        """Between two ticks, once the reread of the start has ended: when the stored mail
        was read since by other rules than this version's (another install's `sync`, an
        older one left beside this: it reads all of it back with its own), read it again
        as at the start. A look at one row when nothing changed."""
        from inbox_monitor.pipeline import rules_text_stamp

        if not self._reread_over.is_set() or self.stop_event.is_set():
            return
        try:
            if store.reading().source == rules_text_stamp(self.config.identity):
                return
        except Exception as err:  # a check that fails must not end the daemon
            log.error("cannot check how the stored mail was read: %s", type(err).__name__)
            return
        log.warning(
            "the stored mail was read again by another version's rules (another install's"
            " `sync`?): reading it again with this one's"
        )
        self._reread_over.clear()
        threading.Thread(target=self._reread, name="reread", daemon=True).start()

    def _restart_if_upgraded(self) -> None:
        """Between two ticks (never in the middle of a digest): when the program on disk
        changed, stop as SIGTERM does; run() then starts the new version."""
        assert self.code is not None
        try:
            if not self.code.changed():
                return
        except Exception as err:  # a check that fails must not end the daemon
            log.error("cannot check the program's files: %s", err)
            return
        log.warning(
            "the program's files changed on disk (an upgrade): restarting to run the new"
            " version after the batch in hand"
        )
        self.upgraded = True
        self.stop_event.set()

    def _beat(self, store: Store, now: datetime) -> None:
        detail = "; ".join(f"{name}: {state}" for name, state in sorted(self._status.items()))
        try:
            store.beat(HEARTBEAT_NAME, os.getpid(), now, detail)
        except Exception as err:  # a full disk must not end the daemon
            log.error("cannot write the heartbeat: %s; will retry", err)

    def _maybe_send_digest(self, store: Store, now: datetime) -> float:
        """Send the digest when due, once each account's first sync pass since the workers
        started has ended (or `first_sync_wait` has passed, so that a hung server cannot
        hold it); returns seconds until the next check."""
        try:
            if digest_due(store, self.config, now) is None:
                return TICK_SECONDS
            accounts = self._first_sync_pending(store)
            waiting = [f"the first sync of {', '.join(accounts)}"] if accounts else []
            if not self._reread_over.is_set():
                waiting.append("the reread of stored mail")
            if waiting and time.monotonic() < self._hold_until:
                if not self._holding:
                    self._holding = True
                    log.info("digest held until %s", " and ".join(waiting))
                return TICK_SECONDS
            if waiting:
                log.warning(
                    "digest sent before %s ended (waited %.0f s)",
                    " and ".join(waiting),
                    self.first_sync_wait,
                )
            with self._ingest_lock:  # not in the middle of a batch
                deliver_digest(store, self.config, now)
                if self.config.digest.drafts:
                    append_follow_up_drafts(store, self.config, now)
            return TICK_SECONDS
        except DeliveryError as err:
            log.error("digest not delivered: %s; retrying in %.0f s", err, DIGEST_RETRY_SECONDS)
        except Exception as err:
            log.exception("digest failed: %s; retrying in %.0f s", err, DIGEST_RETRY_SECONDS)
        return DIGEST_RETRY_SECONDS

    def _first_sync_pending(self, store: Store) -> list[str]:
        if self._workers_started is None:
            return []
        names = [a.name for a in self.config.accounts if a.name not in self._first_pass_over]
        return first_sync_pending(store, names, self._workers_started) if names else []

    def _apply_reload(self) -> None:
        try:
            config = self.reload_config()
        except InboxMonitorError as err:
            log.error("the new configuration is invalid, keeping the old one: %s", err)
            return
        if config.data_dir != self.config.data_dir:
            log.error("data_dir cannot change while running; restart the daemon to move it")
            config = replace(config, data_dir=self.config.data_dir)
        self._stop_workers()
        self.config = config
        self._pipeline = None
        self._start_workers()
        log.info("configuration reloaded: %d account(s)", len(config.accounts))
        self._warn_if_no_accounts()

    def _warn_if_no_accounts(self) -> None:
        if not self.config.accounts:  # a service installed before the config was written
            where = self.config.source or "no config file"
            log.warning("no [[accounts]] (%s): no mail is read; add one and reload (SIGHUP)", where)

    # -- workers

    def _reread(self) -> None:
        """Read the stored mail again if another version's rules read it, beside the sync
        (it commits in batches, so the workers, the digest and the CLI wait for one batch at
        most); a stop ends it between two batches and the next start goes on from there."""
        from inbox_monitor.pipeline import reread_if_stale

        try:
            with Store(self.config.database_path) as store:
                reread_if_stale(store, self.config, self.stop_event.is_set, self.clock.now())
        except Exception as err:  # the next start tries again
            # not the text of another error: it may quote a message
            what = err if is_storage_error(err) else type(err).__name__
            log.error("stored mail not read again: %s; the next start goes on", what)
        finally:
            self._reread_over.set()

    def pipeline(self) -> Any:
        if self._pipeline is None:
            from inbox_monitor.pipeline import build_pipeline

            self._pipeline = build_pipeline(self.config)
        return self._pipeline

    def _start_workers(self) -> None:
        self.pipeline()  # load the classifier once, before the threads share it
        self._first_pass_over = set()
        self._workers_started = self.clock.now()
        self._hold_until = time.monotonic() + self.first_sync_wait
        self._holding = False
        for account in self.config.accounts:
            stop = threading.Event()
            thread = threading.Thread(
                target=self._worker, args=(account, stop), name=f"sync-{account.name}", daemon=True
            )
            self._workers.append((thread, stop))
            thread.start()

    def _stop_workers(self) -> None:
        for _, stop in self._workers:
            stop.set()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for thread, _ in self._workers:
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                # Its open transaction is rolled back at exit and the UID checkpoint with
                # it: the next run fetches that batch again. Nothing is lost or doubled.
                log.warning("%s did not finish its batch in time; it is abandoned", thread.name)
        self._workers = []

    def _worker(self, account: AccountConfig, stop: threading.Event) -> None:
        """Keep one account in sync (sync.watch_account: IDLE, else polling) until stopped.

        watch_account handles the mailbox's faults itself; anything else (a full disk, a
        locked or broken database) ends up here, is logged and retried with back-off.
        """
        from inbox_monitor import sync

        def stopping() -> bool:
            return stop.is_set() or self.stop_event.is_set()

        def on_results(results: list[Any]) -> None:
            errors = [r.error for r in results if r.error]
            new = sum(r.summary.new for r in results)
            self._status[account.name] = f"error: {errors[0]}" if errors else f"ok, {new} new"
            self._first_pass_over.add(account.name)
            log_stored(account.name, results)

        def ingest(
            store: Store, items: Any, pipeline: Any, now: datetime, prepared: Any = None, /
        ) -> Any:
            # Between batches: a stop leaves the fetched batch uncommitted (it is fetched
            # again next time), so SIGTERM never waits for a long backfill to finish.
            if stopping():
                raise _Stopping
            with self._ingest_lock:
                # Stored now, not when the folder's sync began: a batch stored after a
                # digest (which holds this lock) is new in the next one.
                stored_at = max(now, self.clock.now())
                # a rolled-back batch drops the pipeline's cached index (store rollback hook)
                return ingest_batch(store, items, pipeline, stored_at, prepared)

        from inbox_monitor.pipeline import ingest_batch

        delay = 5.0
        while not stopping():
            store: Store | None = None
            try:
                store = Store(self.config.database_path)
                self._status[account.name] = "connecting"
                sync.watch_account(
                    account, store, self.pipeline(), self.clock.now, stop,
                    on_results=on_results, ingest=ingest,
                )  # fmt: skip
                delay = 5.0
            except _Stopping:
                break
            except Exception as err:  # one account's fault is never the daemon's end
                self._first_pass_over.add(account.name)  # the digest need not wait for it
                storage = is_storage_error(err)
                # not the text of another error: it may quote a message
                self._status[account.name] = f"error: {err if storage else type(err).__name__}"
                if storage:
                    log.error(
                        "account %s: cannot write to the database (%s): stopped writing;"
                        " retrying in %.0f s",
                        account.name, err, delay,
                    )  # fmt: skip
                else:
                    log.error(
                        "account %s: %s; retrying in %.0f s",
                        account.name,
                        type(err).__name__,
                        delay,
                    )
                _sleep(delay, stopping)
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)
            finally:
                if store is not None:
                    store.close()


def log_stored(account: str, results: list[FolderResult]) -> None:
    """Log what a sync pass stored; nothing when it stored nothing.

    Counts only: the log never carries a subject, a sender or a parser's message. Mail
    kept unparsed and mail the classifier failed on are a warning naming the command that
    shows them, since the log is where a daemon's user learns that something needs them.
    """
    summary = sum((r.summary for r in results), Summary())
    if not (summary.new or summary.failed):
        return
    line = f"{account}: {summary.new} new message(s) stored"
    if not (summary.held or summary.failed):
        log.info("%s", line)
        return
    if summary.held:
        line += (
            f"; {len(summary.held)} of them left unlabelled (the classifier failed on them),"
            " see `inbox-monitor review`"
        )
    if summary.failed:
        line += f"; {summary.failed} could not be read, kept raw: see `inbox-monitor errors`"
    log.warning("%s", line)


def is_storage_error(err: BaseException) -> bool:
    """A full disk, a read-only or locked database: the store cannot take writes now."""
    if isinstance(err, sqlite3.Error | StoreError):
        return True
    return isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def _sleep(seconds: float, stopping: Callable[[], bool]) -> None:
    deadline = time.monotonic() + seconds
    while not stopping() and time.monotonic() < deadline:
        time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
