"""Incremental, read-only IMAP sync: per account, per folder, batch by batch.

Per (account, folder) the store keeps UIDVALIDITY, the highest UID read and
HIGHESTMODSEQ. Each batch of messages is ingested and its UID checkpoint saved in one
transaction, so a crash or a dropped connection at any moment loses nothing and stores
nothing twice: the next run resumes after the last committed UID. A UIDVALIDITY change
re-reads the folder; ingest's dedup (Message-ID + content) keeps one copy.

`run_once()` is what `inbox-monitor sync` and the daemon call; `watch()` stays
connected and reacts to new mail (IDLE, else polling). Neither reads the clock: they
take `now`, or a `clock` callable for long-running loops.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from inbox_monitor.config import AccountConfig, Config
from inbox_monitor.errors import AuthError, InboxMonitorError, MailboxError, SecretError
from inbox_monitor.imap import (
    FETCH_BATCH,
    IDLE_REISSUE_SECONDS,
    FolderStatus,
    Mailbox,
    NetworkError,
    append_message,
    connect,
    find_special_folder,
)
from inbox_monitor.models import Origin, RawMessage, SourceFailure, Summary
from inbox_monitor.parse_pool import ParseAhead, Prepared
from inbox_monitor.pipeline import Pipeline, file_own_mail, ingest_batch
from inbox_monitor.secrets import TokenCache, get_password
from inbox_monitor.store import Store

logger = logging.getLogger(__name__)

ACCOUNT_LEVEL = ""  # the folder name under which account-wide health is recorded


def default_parse_workers() -> int:
    """Processes that parse a large batch: one per CPU core."""
    return os.cpu_count() or 1


class Ingest(Protocol):
    """What stores a fetched batch: pipeline.ingest_batch, or a caller's wrapper of it."""

    def __call__(
        self,
        store: Store,
        items: Sequence[RawMessage | SourceFailure],
        pipeline: Pipeline,
        now: datetime,
        prepared: Mapping[int, Prepared] | None = None,
        /,
    ) -> Summary: ...


@dataclass(frozen=True)
class FolderProgress:
    """Reported after each committed batch: `done` of `total` new messages in this folder."""

    account: str
    folder: str
    done: int
    total: int


Progress = Callable[[FolderProgress], None]


@dataclass(frozen=True)
class FolderResult:
    """The outcome of syncing one folder (or a whole account, when `folder` is "")."""

    account: str
    folder: str
    summary: Summary = field(default_factory=Summary)
    fetched: int = 0
    unchanged: bool = False
    uidvalidity_reset: bool = False
    error: str | None = None
    bytes_received: int = 0
    uidnext: int | None = None  # as EXAMINE reported it when the sync began
    forgotten: int = 0  # places of mail no longer in the folder, forgotten

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class FolderTarget:
    name: str
    sent: bool = False


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter for network errors."""

    attempts: int = 4
    base_seconds: float = 1.0
    max_seconds: float = 300.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def delay(self, attempt: int) -> float:
        return random.uniform(0.5, 1.0) * min(self.max_seconds, self.base_seconds * 2**attempt)


@dataclass
class Credentials:
    """Secret sources for one run; OAuth2 tokens are kept until a server rejects them."""

    tokens: TokenCache = field(default_factory=TokenCache)

    def open(self, account: AccountConfig) -> Mailbox:
        """Connect and log in to `account`; SecretError becomes an AuthError (no retry)."""
        try:
            if account.credentials.oauth2_token_command:
                return connect(account, token=self._token_source(account))
            return connect(account, password=self._password_source(account))
        except SecretError as err:
            raise AuthError(str(err)) from err

    def append(
        self, account: AccountConfig, folder: str, data: bytes, flags: Sequence[str] = ()
    ) -> None:
        """APPEND one message (the digest, a draft) to `folder`: the only write there is."""
        try:
            if account.credentials.oauth2_token_command:
                token = self._token_source(account)
                append_message(account, folder, data, token=token, flags=flags)
            else:
                password = self._password_source(account)
                append_message(account, folder, data, password=password, flags=flags)
        except SecretError as err:
            raise AuthError(str(err)) from err

    def _token_source(self, account: AccountConfig) -> Callable[[bool], str]:
        credentials = account.credentials
        return lambda fresh: self.tokens.token(credentials, account.name, fresh)

    @staticmethod
    def _password_source(account: AccountConfig) -> Callable[[], str]:
        return lambda: get_password(account.credentials, account.name)


def folders_to_read(mailbox: Mailbox, account: AccountConfig) -> list[FolderTarget]:
    """INBOX, the folder with the \\Sent special use (whatever its name), and configured extras.

    \\All (Gmail's All Mail) is never added unless configured. A configured folder that
    does not exist is still returned: opening it fails for that folder alone, clearly.
    """
    targets = [FolderTarget("INBOX")]
    sent = find_special_folder(mailbox.list_folders(), "\\Sent")
    if sent is not None and sent != "INBOX":
        targets.append(FolderTarget(sent, sent=True))
    for name in account.folders:
        if name not in {t.name for t in targets}:
            targets.append(FolderTarget(name))
    return targets


def sync_folder(
    mailbox: Mailbox,
    account: AccountConfig,
    target: FolderTarget,
    store: Store,
    pipeline: Pipeline,
    now: datetime,
    *,
    since: date | None = None,
    progress: Progress | None = None,
    batch_size: int = FETCH_BATCH,
    ingest: Ingest = ingest_batch,
    parse_workers: int | None = None,
) -> FolderResult:
    """Read what is new in one folder; each batch commits with its UID checkpoint. When it
    opened processes, the user's own mail in no process is then matched again
    (pipeline.file_own_mail).

    A large backfill is parsed by `parse_workers` processes (default: one per CPU core),
    one batch ahead of the batch being stored (parse_pool.ParseAhead).

    Raises NetworkError (the caller reconnects and calls again: it resumes) and
    MailboxError for a folder that cannot be opened.
    """
    bytes_before = mailbox.bytes_received
    status = mailbox.examine(target.name)
    state = store.get_sync_state(account.name, target.name)
    reset = state is not None and state.uidvalidity != status.uidvalidity
    if reset:
        logger.warning(
            "%s/%s: UIDVALIDITY changed (%s -> %s): re-reading the folder",
            account.name,
            target.name,
            state.uidvalidity if state else None,
            status.uidvalidity,
        )
    last_uid = state.last_uid if state is not None and not reset else 0
    known_modseq = state.highest_modseq if state is not None and not reset else None
    known_listed = state.listed if state is not None and not reset else None
    comparable = state is not None and not reset and status.uidnext is not None
    if comparable and status.uidnext is not None and status.uidnext <= last_uid + 1:
        # the cheap path: EXAMINE said nothing new arrived (and, by EXISTS, nothing left)
        present = None if status.exists == known_listed else _listing(mailbox, status)
        with store.transaction():
            forgotten = 0
            if present is not None:
                forgotten = _forget_gone(store, account, status, present)
                known_listed = sum(1 for uid in present if uid <= last_uid)
            if status.highest_modseq != known_modseq or present is not None:
                store.save_sync_state(
                    account.name, target.name, status.uidvalidity, last_uid,
                    status.highest_modseq, now, known_listed,
                )  # fmt: skip
            store.record_sync_health(account.name, target.name, now)
        return FolderResult(
            account.name,
            target.name,
            unchanged=True,
            bytes_received=mailbox.bytes_received - bytes_before,
            uidnext=status.uidnext,
            forgotten=forgotten,
        )
    uids = mailbox.search_new(last_uid, since if last_uid == 0 else None)
    summary = Summary()
    done = 0
    opened_before = store.last_process_id()

    def fetched_batches() -> Iterator[tuple[list[int], list[RawMessage | SourceFailure]]]:
        for start in range(0, len(uids), batch_size):
            batch = uids[start : start + batch_size]
            items: list[RawMessage | SourceFailure] = []
            for fetched in mailbox.fetch_messages(batch):
                origin = Origin(
                    kind="imap",
                    account=account.name,
                    folder=target.name,
                    uidvalidity=status.uidvalidity,
                    uid=fetched.uid,
                )
                if fetched.error is not None:
                    items.append(SourceFailure(origin, fetched.error))
                else:
                    items.append(
                        RawMessage(
                            fetched.data, origin, sent=target.sent, arrived_at=fetched.arrived_at
                        )
                    )
            yield batch, items

    workers = default_parse_workers() if parse_workers is None else parse_workers
    own = pipeline.config.identity.addresses
    with ParseAhead(workers, own, now, store.has_content) as ahead:
        for (batch, items), prepared in ahead.batches(fetched_batches(), lambda pair: pair[1]):
            with store.transaction():
                summary += ingest(store, items, pipeline, now, prepared)
                store.save_sync_state(
                    account.name, target.name, status.uidvalidity, batch[-1], known_modseq, now
                )
            done += len(batch)
            if progress is not None:
                progress(FolderProgress(account.name, target.name, done, len(uids)))
    if store.last_process_id() != opened_before:
        # the user's own mail stored before these processes were known (a Sent folder
        # synced before the Inbox) gets its chance to join them
        file_own_mail(store, pipeline.config, now, pipeline.index(store))
    checkpoint = max(uids[-1] if uids else 0, last_uid)
    bounded = since is not None and last_uid == 0 and status.uidnext is not None
    if bounded and status.uidnext is not None:
        checkpoint = max(checkpoint, status.uidnext - 1)  # --since bounds the backfill for good
    listing: list[int] | None
    listed: int | None
    if last_uid == 0 and since is None:
        listing, listed = uids, len(uids)  # UID SEARCH UID 1:* listed the whole folder
    elif known_listed is not None and status.exists - _before(uids, status) == known_listed:
        listing, listed = None, known_listed + len(uids)  # nothing left the folder
    else:
        listing = _listing(mailbox, status)
        listed = None if listing is None else sum(1 for uid in listing if uid <= checkpoint)
    with store.transaction():
        forgotten = _forget_gone(store, account, status, listing)
        store.save_sync_state(
            account.name, target.name, status.uidvalidity, checkpoint, status.highest_modseq,
            now, listed,
        )  # fmt: skip
        store.record_sync_health(account.name, target.name, now)
    return FolderResult(
        account.name,
        target.name,
        summary=summary,
        fetched=len(uids),
        uidvalidity_reset=reset,
        bytes_received=mailbox.bytes_received - bytes_before,
        uidnext=status.uidnext,
        forgotten=forgotten,
    )


def _before(uids: Sequence[int], status: FolderStatus) -> int:
    """How many of `uids` EXAMINE's EXISTS counted: those under its UIDNEXT."""
    return sum(1 for uid in uids if status.uidnext is None or uid < status.uidnext)


def _listing(mailbox: Mailbox, status: FolderStatus) -> list[int] | None:
    """Every UID of the open folder, or None when it could not be listed (nothing is then
    forgotten). An empty listing of a folder EXAMINE found messages in is not believed."""
    try:
        listing = mailbox.search_all()
    except NetworkError:
        raise
    except MailboxError as err:
        logger.warning("%s/%s: cannot list the folder: %s", mailbox.account, status.name, err)
        return None
    if not listing and status.exists > 0:
        logger.warning("%s/%s: the server listed no message of %d", mailbox.account,
                       status.name, status.exists)  # fmt: skip
        return None
    return listing


def _forget_gone(
    store: Store, account: AccountConfig, status: FolderStatus, listing: Sequence[int] | None
) -> int:
    """Forget the folder's places that are gone: another UIDVALIDITY's, and (given the
    folder's listing) UIDs it no longer holds. A UID past both the listing and EXAMINE's
    UIDNEXT arrived after them (another sync stored it) and stays."""
    below = max(status.uidnext or 0, (listing[-1] + 1) if listing else 0)
    forgotten = store.forget_gone_locations(
        account.name, status.name, status.uidvalidity, listing, below
    )
    if forgotten:
        logger.info("%s/%s: forgot %d places of mail no longer there", account.name,
                    status.name, forgotten)  # fmt: skip
    return forgotten


def sync_account(
    account: AccountConfig,
    store: Store,
    pipeline: Pipeline,
    now: datetime,
    *,
    since: date | None = None,
    progress: Progress | None = None,
    retry: RetryPolicy | None = None,
    credentials: Credentials | None = None,
    ingest: Ingest = ingest_batch,
) -> list[FolderResult]:
    """Sync every folder of one account; never raises for mailbox trouble.

    Network errors reconnect with backoff and resume where the store says; an auth
    failure stops this account at once (one attempt, no retry storm); a folder that
    fails is recorded and the others go on. Health is stored per folder and for the
    account (folder "").
    """
    retry = retry or RetryPolicy()
    credentials = credentials or Credentials()
    results: dict[str, FolderResult] = {}
    attempt = 0
    while True:
        try:
            with credentials.open(account) as mailbox:
                targets = folders_to_read(mailbox, account)
                for target in targets:
                    if target.name in results:
                        continue
                    try:
                        results[target.name] = sync_folder(
                            mailbox, account, target, store, pipeline, now,
                            since=since, progress=progress, ingest=ingest,
                        )  # fmt: skip
                    except NetworkError:
                        raise
                    except InboxMonitorError as err:
                        logger.error("%s/%s: %s", account.name, target.name, err)
                        store.record_sync_health(account.name, target.name, now, error=str(err))
                        results[target.name] = FolderResult(
                            account.name, target.name, error=str(err)
                        )
            store.record_sync_health(account.name, ACCOUNT_LEVEL, now)
            return list(results.values())
        except AuthError as err:
            return _account_failed(store, account, now, results, str(err))
        except NetworkError as err:
            if attempt + 1 >= retry.attempts:
                return _account_failed(
                    store, account, now, results, f"{err} (gave up after {attempt + 1} attempts)"
                )
            delay = retry.delay(attempt)
            logger.warning("%s; reconnecting in %.1f s", err, delay)
            attempt += 1
            retry.sleep(delay)
        except InboxMonitorError as err:  # TLS, certificate, missing folder, protocol
            return _account_failed(store, account, now, results, str(err))


def _account_failed(
    store: Store,
    account: AccountConfig,
    now: datetime,
    results: dict[str, FolderResult],
    error: str,
) -> list[FolderResult]:
    logger.error("%s: %s", account.name, error)
    store.record_sync_health(account.name, ACCOUNT_LEVEL, now, error=error)
    return [*results.values(), FolderResult(account.name, ACCOUNT_LEVEL, error=error)]


def run_once(
    config: Config,
    store: Store,
    pipeline: Pipeline,
    now: datetime,
    *,
    since: date | None = None,
    progress: Progress | None = None,
    accounts: Sequence[str] | None = None,
    retry: RetryPolicy | None = None,
) -> list[FolderResult]:
    """Sync every configured account (or those named) once; one result per folder."""
    results: list[FolderResult] = []
    credentials = Credentials()
    for account in config.accounts:
        if accounts is not None and account.name not in accounts:
            continue
        results += sync_account(
            account, store, pipeline, now,
            since=since, progress=progress, retry=retry, credentials=credentials,
        )  # fmt: skip
    return results


def watch_account(
    account: AccountConfig,
    store: Store,
    pipeline: Pipeline,
    clock: Callable[[], datetime],
    stop: threading.Event,
    *,
    on_results: Callable[[list[FolderResult]], None] | None = None,
    retry: RetryPolicy | None = None,
    idle_seconds: int = IDLE_REISSUE_SECONDS,
    ingest: Ingest = ingest_batch,
) -> None:
    """Keep one account in sync until `stop` is set.

    Syncs every folder, then waits on INBOX with IDLE (re-issued every `idle_seconds`,
    under the 29 minutes servers allow) or, without IDLE, `poll_interval` seconds, and
    syncs again. Network errors reconnect with growing, jittered delays; an auth
    failure waits a full poll interval before the single next try. Anything that is not
    an InboxMonitorError (a full disk, an exception raised by `ingest` to leave between
    batches) propagates to the caller.
    """
    retry = retry or RetryPolicy(attempts=1_000_000)
    credentials = Credentials()
    failures = 0
    while not stop.is_set():
        try:
            with credentials.open(account) as mailbox:
                failures = 0
                while not stop.is_set():
                    targets = folders_to_read(mailbox, account)
                    results = [
                        _sync_or_record(mailbox, account, target, store, pipeline, clock(), ingest)
                        for target in targets
                    ]
                    store.record_sync_health(account.name, ACCOUNT_LEVEL, clock())
                    if on_results is not None:
                        on_results(results)
                    if mailbox.supports_idle:
                        inbox = mailbox.examine("INBOX")
                        if arrived_during_sync(results, inbox):
                            continue  # IDLE reports only what comes after this EXAMINE
                        mailbox.wait_for_changes(min(idle_seconds, 29 * 60), stop)
                    else:
                        stop.wait(account.poll_interval)
        except AuthError as err:
            _account_failed(store, account, clock(), {}, str(err))
            stop.wait(account.poll_interval)
        except InboxMonitorError as err:
            _account_failed(store, account, clock(), {}, str(err))
            delay = (
                retry.delay(failures) if isinstance(err, NetworkError) else account.poll_interval
            )
            failures += 1
            stop.wait(delay)


def arrived_during_sync(results: Sequence[FolderResult], inbox: FolderStatus) -> bool:
    """Whether INBOX took mail after its sync began (UIDNEXT moved on since that EXAMINE)."""
    synced = next((r for r in results if r.folder == "INBOX" and r.ok), None)
    if synced is None or synced.uidnext is None or inbox.uidnext is None:
        return False
    return inbox.uidnext > synced.uidnext


def _sync_or_record(
    mailbox: Mailbox,
    account: AccountConfig,
    target: FolderTarget,
    store: Store,
    pipeline: Pipeline,
    now: datetime,
    ingest: Ingest,
) -> FolderResult:
    try:
        return sync_folder(mailbox, account, target, store, pipeline, now, ingest=ingest)
    except NetworkError:
        raise
    except InboxMonitorError as err:
        store.record_sync_health(account.name, target.name, now, error=str(err))
        return FolderResult(account.name, target.name, error=str(err))


def watch(
    config: Config,
    store_factory: Callable[[], Store],
    pipeline: Pipeline,
    clock: Callable[[], datetime],
    stop: threading.Event,
    *,
    on_results: Callable[[list[FolderResult]], None] | None = None,
    idle_seconds: int = IDLE_REISSUE_SECONDS,
) -> None:
    """Watch every account, one thread each (each with its own store connection), until `stop`.

    The pipeline (classifier, process index) is shared, so ingest runs one batch at a time.
    What watch_account lets through (not an InboxMonitorError) stops every account and is
    raised here once they have stopped.
    """
    lock = threading.Lock()

    def locked_ingest(
        store: Store,
        items: Sequence[RawMessage | SourceFailure],
        pipe: Pipeline,
        now: datetime,
        prepared: Mapping[int, Prepared] | None = None,
        /,
    ) -> Summary:
        with lock:
            return ingest_batch(store, items, pipe, now, prepared)

    failures: list[Exception] = []

    def run(account: AccountConfig) -> None:
        store = store_factory()
        try:
            watch_account(
                account, store, pipeline, clock, stop,
                on_results=on_results, idle_seconds=idle_seconds, ingest=locked_ingest,
            )  # fmt: skip
        except Exception as err:  # a full disk, a bug: every account stops, and the caller says why
            # the type only: an exception's text may quote a message
            logger.error("%s: watching stopped: %s", account.name, type(err).__name__)
            failures.append(err)
            stop.set()
        finally:
            store.close()

    threads = [
        threading.Thread(target=run, args=(a,), name=f"watch-{a.name}", daemon=True)
        for a in config.accounts
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
