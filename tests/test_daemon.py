"""The daemon's edges without IMAP: the digest command, exactly-once delivery, lock, clock, logs.

The daemon against a real Dovecot lives in tests/imap/test_daemon_imap.py.
"""

from __future__ import annotations

import email
import email.policy
import logging
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from datetime import time as clock_time
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner, Result
from helpers import SubjectTagClassifier, eml
from imapclient import IMAPClient

from inbox_monitor.board import load_board
from inbox_monitor.cli import cli
from inbox_monitor.cli.daemon import JournalFormatter, configure_logging
from inbox_monitor.cli.setup import run_demo
from inbox_monitor.config import (
    AccountConfig,
    Config,
    Credentials,
    DigestConfig,
    SmtpConfig,
    load_config,
)
from inbox_monitor.daemon import (
    NEW_MAIL_HORIZON_DAYS,
    Clock,
    Daemon,
    append_follow_up_drafts,
    daemon_lock,
    deliver_digest,
    digest_due,
    first_sync_pending,
    load_digest_data,
    log_stored,
)
from inbox_monitor.digest import render_text
from inbox_monitor.errors import DeliveryError, LockError
from inbox_monitor.models import Summary
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.sources import open_source
from inbox_monitor.store import Store
from inbox_monitor.sync import FolderResult

AS_OF = "2026-11-24T09:00:00+00:00"
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope.original_content)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("demo")
    run_demo(directory)
    return directory


def home_with_config(demo_home: Path, tmp_path: Path, smtp_port: int) -> Path:
    """A copy of the demo database with a config that sends the digest to loopback SMTP."""
    home = tmp_path / "home"
    home.mkdir()
    with (
        Store(demo_home / "inbox-monitor.db") as source,
        Store(home / "inbox-monitor.db") as target,
    ):
        source.db.conn.backup(target.db.conn)
    (home / "config.toml").write_text(
        '[identity]\naddresses = ["alex.morgan@example.net"]\ntimezone = "Europe/London"\n'
        'country = "GB"\n\n[digest]\nenabled = true\ntime = "08:00"\n'
        'recipients = ["alex.morgan@example.net"]\n'
        'from = "inbox-monitor <alex.morgan@example.net>"\n'
        f'\n[digest.smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "plain"\n'
    )
    return home


def run(home: Path, *args: str) -> Result:
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def config_of(home: Path) -> Config:
    return load_config(home / "config.toml", {"INBOX_MONITOR_HOME": str(home)})


# ---------------------------------------------------------------------------- digest command


def test_digest_preview_prints_text_or_html_and_sends_nothing(
    demo_home: Path, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    home = home_with_config(demo_home, tmp_path, port)
    text = run(home, "digest", "--preview", "--as-of", AS_OF)
    assert text.exit_code == 0, text.output
    assert text.output.startswith("Job search digest Tue 24 Nov 2026: ")
    assert "\nOverdue (" in text.output and "\nSync health (" in text.output
    html = run(home, "digest", "--preview", "--format", "html", "--as-of", AS_OF)
    assert html.output.startswith("<!DOCTYPE html>")
    assert "Overdue (" in html.output
    assert inbox.messages == []
    with Store(home / "inbox-monitor.db") as store:
        assert store.last_digest() is None


def test_a_preview_of_a_past_day_right_after_an_import_lists_that_days_mail(
    tmp_path: Path,
) -> None:
    # imported today (the CLI's clock), previewed as of a day last week: the mail of the
    # days before it is that day's news, as the board of that day already shows it
    home = tmp_path / "home"
    (home / "mail").mkdir(parents=True)
    (home / "config.toml").write_text(
        '[identity]\naddresses = ["alex.morgan@example.net"]\ntimezone = "Europe/London"\n'
    )
    (home / "mail" / "offer.eml").write_bytes(eml(
        sender="Mira Holt <mira.holt@larchmont.example>", subject="Offer - Data Engineer",
        body="Hi Alex,\n\nWe are delighted to offer you the Data Engineer position at"
        " Larchmont. Please let us know your decision by Friday 27 November.\n\nMira",
        date=datetime(2026, 11, 19, 10, 0, tzinfo=UTC), message_id="<offer@larchmont.example>",
    ))  # fmt: skip
    assert run(home, "import", "-j0", str(home / "mail")).exit_code == 0
    text = run(home, "digest", "--preview", "--as-of", "2026-11-20").output
    assert "\nMail of the last 7 days (1)\n" in text
    assert (
        "Thu 19 Nov 10:00  Mira Holt <mira.holt@larchmont.example>: Offer - Data Engineer" in text
    )
    # before it was dated, it is not yet news
    earlier = run(home, "digest", "--preview", "--as-of", "2026-11-18").output
    assert "\nMail of the last 7 days (0)\n" in earlier


def test_a_review_item_without_sender_or_subject_says_so(
    demo_home: Path, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    home = home_with_config(demo_home, tmp_path, smtp_server[1])
    bare = tmp_path / "bare.eml"  # no From, no Subject: a low-confidence label, for review
    bare.write_bytes(b"Date: Mon, 23 Nov 2026 10:00:00 +0000\nMessage-ID: <bare@x>\n\nhi\n")
    assert run(home, "import", "-q", str(bare)).exit_code == 0
    text = run(home, "digest", "--preview", "--as-of", AS_OF).output
    review = text[text.index("Needs review") :]
    assert ": unknown sender: (no subject) [not_recruiting" in review
    html = run(home, "digest", "--preview", "--format", "html", "--as-of", AS_OF).output
    assert "(no subject)" in html and "from unknown sender" in html


def test_digest_send_delivers_and_records_the_day(
    demo_home: Path, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    home = home_with_config(demo_home, tmp_path, port)
    result = run(home, "digest", "--send", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "Digest of 2026-11-24 delivered (smtp: alex.morgan@example.net)." in result.output
    (raw,) = inbox.messages
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    with Store(home / "inbox-monitor.db") as store:
        assert store.digest_sent_on(date(2026, 11, 24)) is not None
        # the daemon will not send that day's digest again
        assert digest_due(store, config_of(home), datetime(2026, 11, 24, 12, 0, tzinfo=UTC)) is None


def test_digest_needs_preview_or_send(demo_home: Path, tmp_path: Path) -> None:
    home = home_with_config(demo_home, tmp_path, 25)
    result = run(home, "digest")
    assert result.exit_code == 2
    assert "give --preview or --send" in result.output


# ---------------------------------------------------------------------------- exactly once


def test_digest_due_once_per_local_day_after_the_time(tmp_path: Path) -> None:
    config = Config(
        data_dir=tmp_path,
        digest=DigestConfig(enabled=True, send_at=clock_time(8, 0), recipients=("a@example.net",)),
    )
    with Store(tmp_path / "x.db") as store:
        assert digest_due(store, config, datetime(2026, 11, 24, 7, 59, tzinfo=UTC)) is None
        assert digest_due(store, config, datetime(2026, 11, 24, 8, 0, tzinfo=UTC)) == date(
            2026, 11, 24
        )
        # a daemon that was down at 08:00 sends when it comes back the same day
        assert digest_due(store, config, datetime(2026, 11, 24, 22, 0, tzinfo=UTC)) == date(
            2026, 11, 24
        )
        store.record_digest(date(2026, 11, 24), NOW, "smtp", "a@example.net")
        assert digest_due(store, config, datetime(2026, 11, 24, 23, 0, tzinfo=UTC)) is None
        # a clock jumping back into the same day changes nothing
        assert digest_due(store, config, datetime(2026, 11, 24, 8, 30, tzinfo=UTC)) is None
        assert digest_due(store, config, datetime(2026, 11, 25, 8, 0, tzinfo=UTC)) == date(
            2026, 11, 25
        )
        disabled = replace(config, digest=replace(config.digest, enabled=False))
        assert digest_due(store, disabled, datetime(2026, 11, 25, 9, 0, tzinfo=UTC)) is None


def test_deliver_digest_sends_once_and_a_failure_releases_the_day(
    demo_home: Path, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    home = home_with_config(demo_home, tmp_path, port)
    config = config_of(home)
    broken = replace(
        config, digest=replace(config.digest, smtp=SmtpConfig("127.0.0.1", free_port(), "plain"))
    )
    with Store(home / "inbox-monitor.db") as store:
        with pytest.raises(DeliveryError, match="cannot connect"):
            deliver_digest(store, broken, NOW)
        assert store.digest_sent_on(date(2026, 11, 24)) is None  # a later try will resend
        assert deliver_digest(store, config, NOW).startswith("digest of 2026-11-24 delivered")
        assert deliver_digest(store, config, NOW) == "the digest of 2026-11-24 was already sent"
    assert len(inbox.messages) == 1


def test_new_since_counts_from_the_previous_digest_not_todays_claim(
    demo_home: Path, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    home = home_with_config(demo_home, tmp_path, port)
    previous = datetime(2026, 11, 10, 8, 0, tzinfo=UTC)
    with Store(home / "inbox-monitor.db") as store:
        store.record_digest(date(2026, 11, 10), previous, "smtp", "a@example.net")
        records = store.message_records()
        # all of it was stored (by the demo) since that digest; mail dated a month before
        # it is an archive, not news
        horizon = previous - timedelta(days=NEW_MAIL_HORIZON_DAYS)
        expected = sum(1 for m in records if horizon < m.date and m.direction == "inbound")
        assert 0 < expected < sum(1 for m in records if m.direction == "inbound")
        deliver_digest(store, config_of(home), NOW)
    message = email.message_from_bytes(inbox.messages[0], policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    assert f"\nNew since the last digest ({expected})\n" in body.get_content().replace("\r\n", "\n")


def digest_home(tmp_path: Path, smtp_port: int, accounts: str = "") -> Config:
    """A config (London, digest at 08:00 to loopback SMTP) with the given [[accounts]]."""
    (tmp_path / "config.toml").write_text(
        '[identity]\naddresses = ["alex.morgan@example.net"]\ntimezone = "Europe/London"\n'
        'country = "GB"\n\n' + accounts + '[digest]\nenabled = true\ntime = "08:00"\n'
        'recipients = ["alex.morgan@example.net"]\n'
        f'[digest.smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "plain"\n'
    )
    return load_config(tmp_path / "config.toml", {"INBOX_MONITOR_HOME": str(tmp_path)})


def store_mail(
    store: Store, config: Config, folder: Path, mails: list[bytes], now: datetime
) -> None:
    """Store `mails` as a sync at `now` would (labels from their subject's [tag])."""
    folder.mkdir(parents=True)
    for number, data in enumerate(mails):
        (folder / f"{number}.eml").write_bytes(data)
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    ingest(store, iter(open_source(folder)), pipeline, now)


def test_mail_stored_after_a_digest_but_dated_before_it_is_new_in_the_next(
    tmp_path: Path,
) -> None:
    # Friday's digest goes out at 08:00; the daemon is then down until Tuesday, when a
    # rejection dated Friday 07:30 (before that digest) is stored. Tuesday's digest must
    # list it: by its Date it is older than Friday's digest, and it was in none.
    config = digest_home(tmp_path, free_port())
    london = ZoneInfo("Europe/London")
    friday = datetime(2026, 11, 20, 8, 0, tzinfo=london)

    def one(name: str, subject: str, when: datetime) -> bytes:
        return eml(
            sender="Ola Berg <ola.berg@fjord.example>",
            subject=subject,
            body="Hello Alex,\n\nThank you for your time.\n\nOla",
            date=when,
            message_id=f"<{name}@fjord.example>",
        )

    with Store(config.database_path) as store:
        store_mail(store, config, tmp_path / "thu", [
            one("ack", "[acknowledgement] Application received", friday - timedelta(days=1)),
        ], friday - timedelta(hours=1))  # fmt: skip
        store.record_digest(friday.date(), friday, "smtp", "a@example.net")
        tuesday = datetime(2026, 11, 24, 8, 0, tzinfo=london)
        store_mail(store, config, tmp_path / "tue", [
            one("rej", "[rejection] Your application", friday - timedelta(minutes=30)),
            # an old archive imported that morning is not news
            one("old", "[interview] Interview in 2024", datetime(2024, 3, 1, 9, 0, tzinfo=UTC)),
        ], tuesday - timedelta(minutes=30))  # fmt: skip
        data = load_digest_data(store, config, tuesday)
        assert [m.subject for m in data.new_messages] == ["[rejection] Your application"]
        assert "\nrejection (1)\n  Fri 20 Nov 07:30  Ola Berg" in render_text(data)
        # a digest as of a time before it was stored does not know it yet
        earlier = load_digest_data(store, config, tuesday - timedelta(hours=1))
        assert earlier.new_messages == []
        # and the digest after Tuesday's does not list it again
        store.record_digest(tuesday.date(), tuesday, "smtp", "a@example.net")
        assert load_digest_data(store, config, tuesday + timedelta(days=1)).new_messages == []


def test_first_sync_pending_names_the_accounts_with_no_pass_ended_since_the_start(
    tmp_path: Path,
) -> None:
    started = datetime(2026, 11, 20, 8, 30, 0, 600000, tzinfo=UTC)
    with Store(tmp_path / "db.sqlite") as store:
        store.record_sync_health("old", "", started - timedelta(hours=1))  # a run before
        store.record_sync_health("done", "", started + timedelta(seconds=40))
        store.record_sync_health("failed", "", started, error="LOGIN failed")  # same second
        store.record_sync_health("folder", "INBOX", started + timedelta(seconds=5))
        names = ["old", "done", "failed", "folder", "never"]
        assert first_sync_pending(store, names, started) == ["old", "folder", "never"]


def run_daemon(config: Config, start: str, wait: float) -> tuple[Daemon, threading.Thread]:
    daemon = Daemon(
        config,
        reload_config=lambda: config,
        clock=Clock(start=datetime.fromisoformat(start)),
        first_sync_wait=wait,
        _pipeline=build_pipeline(config, classifier=SubjectTagClassifier()),
    )
    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    return daemon, thread


def imap_account(name: str, port: int) -> str:
    return (
        f'[[accounts]]\nname = "{name}"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "ssl"\n'
        'username = "x"\npassword_env = "TEST_IMAP_PASSWORD"\npoll_interval = 600\n\n'
    )


def test_at_start_the_digest_waits_for_a_hung_account_only_so_long(
    tmp_path: Path,
    smtp_server: tuple[Inbox, int],
    blackhole: int,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEST_IMAP_PASSWORD", "x")
    caplog.set_level(logging.INFO, logger="inbox_monitor.daemon")
    inbox, port = smtp_server
    config = digest_home(tmp_path, port, imap_account("hung", blackhole))
    daemon, thread = run_daemon(config, "2026-11-20T08:30:00+00:00", wait=3.0)
    try:
        wait_until(lambda: "digest held until the first sync of hung" in caplog.text, 30)
        held = time.monotonic()
        wait_until(lambda: len(inbox.messages) == 1, 15)
        assert time.monotonic() - held > 2  # it waited for the account's first pass
        assert "digest sent before the first sync of hung ended (waited 3 s)" in caplog.text
    finally:
        daemon.stop_event.set()
        thread.join(30)
    assert not thread.is_alive()


def test_at_start_the_digest_waits_no_longer_than_a_failed_first_sync(
    tmp_path: Path,
    smtp_server: tuple[Inbox, int],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TEST_IMAP_PASSWORD", "x")
    caplog.set_level(logging.INFO, logger="inbox_monitor.daemon")
    inbox, port = smtp_server
    config = digest_home(tmp_path, port, imap_account("down", free_port()))  # refused
    daemon, thread = run_daemon(config, "2026-11-20T08:30:00+00:00", wait=600.0)
    try:
        wait_until(lambda: len(inbox.messages) == 1, 30)
    finally:
        daemon.stop_event.set()
        thread.join(30)
    message = email.message_from_bytes(inbox.messages[0], policy=email.policy.default)
    assert "1 account(s) not syncing" in str(message["Subject"])
    assert "digest sent before" not in caplog.text


# ---------------------------------------------------------------------------- lock, clock, logs


def test_second_daemon_on_the_same_data_dir_is_refused(tmp_path: Path) -> None:
    with daemon_lock(tmp_path) as path:
        assert path.read_text().strip() == str(os.getpid())
        with (
            pytest.raises(LockError, match=rf"pid {os.getpid()}\) is running on"),
            daemon_lock(tmp_path),
        ):
            pass
    with daemon_lock(tmp_path):  # released on exit
        pass


def test_fake_clock_starts_at_the_pinned_time_and_advances() -> None:
    clock = Clock.from_environment({"INBOX_MONITOR_FAKE_NOW": "2026-11-24T07:59:58+00:00"})
    first = clock.now()
    assert (
        datetime(2026, 11, 24, 7, 59, 58, tzinfo=UTC)
        <= first
        < datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    )
    assert clock.now() >= first
    with pytest.raises(ValueError, match="UTC offset"):
        Clock.from_environment({"INBOX_MONITOR_FAKE_NOW": "2026-11-24T08:00"})
    real = Clock.from_environment({}).now()
    assert abs((real - datetime.now(UTC)).total_seconds()) < 5


def test_logs_under_journald_carry_priority_and_no_timestamp() -> None:
    formatter = JournalFormatter("%(name)s: %(message)s")
    record = logging.LogRecord(
        "inbox_monitor.daemon", logging.ERROR, __file__, 1, "x %s", ("y",), None
    )
    assert formatter.format(record) == "<3>inbox_monitor.daemon: x y"
    record.levelno = logging.INFO
    assert formatter.format(record) == "<6>inbox_monitor.daemon: x y"
    configure_logging(0, {"JOURNAL_STREAM": "8:12345"})
    assert isinstance(logging.getLogger().handlers[0].formatter, JournalFormatter)
    configure_logging(1, {})
    root = logging.getLogger()
    assert root.level == logging.DEBUG
    assert "%(asctime)s" in (root.handlers[0].formatter._fmt or "")  # type: ignore[union-attr]


def test_the_log_counts_what_a_pass_stored_and_warns_of_what_waits_for_the_user(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def result(folder: str, summary: Summary) -> FolderResult:
        return FolderResult("work", folder, summary)

    caplog.set_level(logging.INFO, logger="inbox_monitor.daemon")
    log_stored("work", [result("INBOX", Summary(known=4))])
    assert caplog.records == []  # nothing stored, nothing said

    log_stored("work", [result("INBOX", Summary(new=2)), result("Jobs", Summary(new=1))])
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.INFO, "work: 3 new message(s) stored")
    ]
    caplog.clear()

    secret = "INBOX uid 7: Subject 'Offer for Alex' from hr@acme.example"
    log_stored(
        "work",
        [
            result("INBOX", Summary(new=2, held=(secret,))),
            result("Jobs", Summary(failed=1, errors=(secret,))),
        ],
    )
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        "work: 2 new message(s) stored; 1 of them left unlabelled (the classifier failed"
        " on them), see `inbox-monitor review`; 1 could not be read, kept raw: see"
        " `inbox-monitor errors`"
    )
    assert "Offer" not in record.getMessage()  # counts only, never what the mail says


def test_a_daemon_with_no_account_says_it_reads_no_mail(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[identity]\naddresses = ["alex.morgan@example.net"]\n')
    env = {**os.environ, "INBOX_MONITOR_HOME": str(tmp_path), "INBOX_MONITOR_CONFIG": str(config)}
    log = tmp_path / "daemon.log"
    with log.open("ab") as out:
        daemon = subprocess.Popen(
            [sys.executable, "-m", "inbox_monitor", "run"], env=env, stdout=out, stderr=out
        )
    try:
        expected = f"no [[accounts]] ({config}): no mail is read; add one and reload (SIGHUP)"
        wait_until(lambda: expected in log.read_text(), 60)
        assert "WARNING" in log.read_text().split(expected)[0].splitlines()[-1]
    finally:
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(30) == 0


# ---------------------------------------------------------------------------- against Dovecot

from dovecot_server import DovecotServer, require_dovecot, write_maildir_messages  # noqa: E402


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    require_dovecot("daemon tests")
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    directory = Path(tempfile.mkdtemp(prefix="inbox-monitor-daemon-", dir=base))
    server = DovecotServer(directory)
    server.prepare()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def mail(index: int, subject: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = f"Recruiter {index % 7} <recruiter{index % 7}@acme{index % 5}.example>"
    message["To"] = "Alex Morgan <alex.morgan@example.net>"
    message["Subject"] = subject or f"Your application for Data Engineer #{index}"
    message["Date"] = format_datetime(
        datetime(2026, 11, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=index)
    )
    message["Message-ID"] = f"<m{index}@acme.example>"
    message.set_content(
        f"Hello Alex,\n\nThank you for applying (ref {index}). We will get back to you by"
        " Friday 13 November.\n\nBest regards,\nJane\n"
    )
    return bytes(message)


@dataclass
class DaemonHome:
    home: Path
    server: DovecotServer
    smtp_port: int

    @property
    def database(self) -> Path:
        return self.home / "inbox-monitor.db"

    def start(self, fake_now: str | None = None) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "INBOX_MONITOR_HOME": str(self.home),
            "INBOX_MONITOR_CONFIG": str(self.home / "config.toml"),
            "TEST_IMAP_PASSWORD": self.server.password,
        }
        if fake_now:
            env["INBOX_MONITOR_FAKE_NOW"] = fake_now
        log = open(self.home / "daemon.log", "ab")  # noqa: SIM115 (the child owns it)
        return subprocess.Popen(
            [sys.executable, "-m", "inbox_monitor", "run"],
            env=env,
            stdout=log,
            stderr=log,
            cwd=self.home,
        )

    def log(self) -> str:
        return (self.home / "daemon.log").read_text(errors="replace")

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        if not self.database.exists():
            return []
        connection = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=5)
        try:
            return connection.execute(sql).fetchall()
        except sqlite3.OperationalError:
            return []  # not migrated yet
        finally:
            connection.close()

    def count(self) -> int:
        rows = self.query("SELECT count(*) FROM messages")
        return int(rows[0][0]) if rows else 0

    def synced(self) -> bool:
        return bool(
            self.query("SELECT 1 FROM sync_health WHERE folder = '' AND last_success IS NOT NULL")
        )


def wait_until(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> float:
    """Seconds until `condition` held; fails the test after `timeout`."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(step)
    return time.monotonic() - start


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM, timeout: float = 10) -> int:
    process.send_signal(sig)
    return process.wait(timeout)


def make_home(
    tmp_path: Path, server: DovecotServer, smtp_port: int, name: str = "home"
) -> DaemonHome:
    home = tmp_path / name
    home.mkdir()
    (home / "config.toml").write_text(
        '[identity]\naddresses = ["alex.morgan@example.net"]\ntimezone = "UTC"\n\n'
        "[[accounts]]\n"
        f'name = "work"\nhost = "127.0.0.1"\nport = {server.imaps_port}\nsecurity = "ssl"\n'
        f'username = "{server.user}"\npassword_env = "TEST_IMAP_PASSWORD"\n'
        f'ca_file = "{server.ca_file}"\npoll_interval = 10\n\n'
        '[digest]\nenabled = true\ntime = "08:00"\nrecipients = ["alex.morgan@example.net"]\n'
        f'[digest.smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "plain"\n'
    )
    return DaemonHome(home, server, smtp_port)


def append(server: DovecotServer, messages: list[bytes]) -> None:
    client = IMAPClient(server.host, port=server.imap_port, ssl=False)
    client.login(server.user, server.password)
    try:
        for data in messages:
            client.append("INBOX", data)
    finally:
        client.logout()


@pytest.mark.imap
@pytest.mark.slow
def test_appended_mail_is_stored_within_5_s_and_sigterm_exits_0(
    dovecot: DovecotServer, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    dovecot.start()
    daemon = make_home(tmp_path, dovecot, smtp_server[1])
    process = daemon.start(fake_now="2026-11-20T07:00:00+00:00")  # before digest time
    try:
        wait_until(daemon.synced, 30)
        second = daemon.start()
        assert second.wait(30) == 1
        assert "another inbox-monitor daemon (pid" in daemon.log()
        append(dovecot, [mail(1, "Interview invitation: Data Engineer")])
        latency = wait_until(lambda: daemon.count() == 1, 5)
        (label,) = daemon.query("SELECT label FROM messages")[0]
        assert label is not None and label != ""
        assert daemon.query("SELECT name FROM heartbeat") == [("daemon",)]
        started = time.monotonic()
        assert stop(process) == 0
        assert time.monotonic() - started < 5
        print(f"APPEND to store: {latency:.2f} s")
    finally:
        if process.poll() is None:
            process.kill()
    assert "daemon stopped" in daemon.log()
    assert smtp_server[0].messages == []  # 07:00 is before digest time


def store_snapshot(database: Path) -> dict[str, Any]:
    connection = sqlite3.connect(database)
    try:
        return {
            "messages": connection.execute(
                "SELECT message_key, label, confidence, process_id, needs_review FROM messages"
                " ORDER BY message_key"
            ).fetchall(),
            "processes": connection.execute(
                "SELECT id, company, role, agency FROM processes ORDER BY id"
            ).fetchall(),
            "locations": connection.execute(
                "SELECT message_key, folder, uid FROM message_locations ORDER BY message_key, uid"
            ).fetchall(),
            "events": connection.execute(
                "SELECT process_id, message_key, kind, detail FROM events ORDER BY 1, 2, 3, 4"
            ).fetchall(),
            "sync_state": connection.execute(
                "SELECT account, folder, last_uid FROM sync_state ORDER BY 1, 2"
            ).fetchall(),
        }
    finally:
        connection.close()


@pytest.mark.imap
@pytest.mark.slow
def test_kill_9_mid_sync_then_restart_equals_an_uninterrupted_run(
    dovecot: DovecotServer, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    total = 900
    write_maildir_messages(dovecot.maildir, "INBOX", [mail(i) for i in range(total)])
    dovecot.chown_mail()
    dovecot.start()
    now = "2026-11-20T07:00:00+00:00"
    interrupted = make_home(tmp_path, dovecot, smtp_server[1], "interrupted")
    process = interrupted.start(fake_now=now)
    try:
        wait_until(lambda: interrupted.count() > 0, 60, step=0.01)
        process.kill()  # SIGKILL in the middle of the backfill
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    stored_at_kill = interrupted.count()
    assert 0 < stored_at_kill < total, "the kill must land mid-sync"
    process = interrupted.start(fake_now=now)
    try:
        wait_until(lambda: interrupted.count() == total and interrupted.synced(), 120)
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
    straight = make_home(tmp_path, dovecot, smtp_server[1], "straight")
    process = straight.start(fake_now=now)
    try:
        wait_until(lambda: straight.count() == total and straight.synced(), 120)
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
    restarted, uninterrupted = (
        store_snapshot(interrupted.database),
        store_snapshot(straight.database),
    )
    assert len(restarted["messages"]) == total
    assert restarted == uninterrupted


@pytest.mark.imap
@pytest.mark.slow
def test_digest_is_sent_exactly_once_across_a_restart_at_digest_time(
    dovecot: DovecotServer, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    append_later = [mail(1, "Interview invitation")]
    dovecot.start()
    append(dovecot, append_later)
    daemon = make_home(tmp_path, dovecot, port)
    process = daemon.start(fake_now="2026-11-20T07:59:57+00:00")
    try:
        wait_until(lambda: len(inbox.messages) == 1, 20)
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
    # restarted just after digest time, then killed and restarted again: no second digest
    heartbeat = lambda: daemon.query("SELECT at FROM heartbeat")  # noqa: E731
    process = daemon.start(fake_now="2026-11-20T08:00:30+00:00")
    try:
        wait_until(lambda: heartbeat() and heartbeat()[0][0].startswith("2026-11-20T08:00:3"), 30)
        time.sleep(2)  # two digest checks
        process.kill()
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    process = daemon.start(fake_now="2026-11-20T09:00:00+00:00")
    try:
        wait_until(lambda: heartbeat() and heartbeat()[0][0].startswith("2026-11-20T09:00"), 30)
        time.sleep(3)  # several digest checks
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert len(inbox.messages) == 1
    assert daemon.query("SELECT day FROM digests") == [("2026-11-20",)]
    message = email.message_from_bytes(inbox.messages[0], policy=email.policy.default)
    assert message["Date"].startswith("Fri, 20 Nov 2026 08:00:")
    assert "Job search digest Fri 20 Nov 2026" in str(message["Subject"])


@pytest.mark.imap
@pytest.mark.slow
def test_a_daemon_started_after_digest_time_sends_it_after_its_first_sync(
    dovecot: DovecotServer, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    # down over the weekend: on Monday the mail that came meanwhile is in the digest
    inbox, port = smtp_server
    dovecot.start()
    append(dovecot, [mail(1, "Interview invitation: Data Engineer")])
    daemon = make_home(tmp_path, dovecot, port)
    with Store(daemon.database) as store:
        store.record_digest(date(2026, 11, 20), datetime(2026, 11, 20, 8, tzinfo=UTC), "smtp", "")
    process = daemon.start(fake_now="2026-11-23T08:00:30+00:00")
    try:
        wait_until(lambda: len(inbox.messages) == 1, 60)
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
    message = email.message_from_bytes(inbox.messages[0], policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert "\nNew since the last digest (1)\n" in text
    assert "Interview invitation: Data Engineer" in text


@pytest.fixture
def blackhole() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word (a hung server)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield int(listener.getsockname()[1])


@pytest.mark.imap
@pytest.mark.slow
def test_a_hung_account_blocks_nobody_and_sighup_reloads_the_config(
    dovecot: DovecotServer, tmp_path: Path, smtp_server: tuple[Inbox, int], blackhole: int
) -> None:
    dovecot.start()
    daemon = make_home(tmp_path, dovecot, smtp_server[1])
    config_file = daemon.home / "config.toml"
    good = config_file.read_text()
    hung = (
        f'[[accounts]]\nname = "hung"\nhost = "127.0.0.1"\nport = {blackhole}\nsecurity = "ssl"\n'
        'username = "x"\npassword_env = "TEST_IMAP_PASSWORD"\n\n'
    )
    config_file.write_text(good.replace("[[accounts]]\n", hung + "[[accounts]]\n", 1))
    process = daemon.start(fake_now="2026-11-20T07:00:00+00:00")
    try:
        wait_until(daemon.synced, 30)
        append(dovecot, [mail(1)])
        wait_until(lambda: daemon.count() == 1, 5)  # while "hung" waits on its handshake
        config_file.write_text("[identity]\ntimezone = 12\n")  # invalid: kept out
        process.send_signal(signal.SIGHUP)
        wait_until(lambda: "keeping the old one" in daemon.log(), 10)
        config_file.write_text(good)
        process.send_signal(signal.SIGHUP)
        wait_until(lambda: "configuration reloaded: 1 account(s)" in daemon.log(), 60)
        append(dovecot, [mail(2)])
        # the reloaded daemon logs in afresh (the hung account is gone): on a loaded machine
        # (two test suites and other work on two cores) that took over 5 s, and once over 15 s:
        # the bound says "eventually", the test is about nothing blocking it
        wait_until(lambda: daemon.count() == 2, 60)
        assert process.poll() is None
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert "identity.timezone: expected a string" in daemon.log()


@pytest.mark.imap
@pytest.mark.slow
def test_a_server_restart_is_ridden_out(
    dovecot: DovecotServer, tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    dovecot.start()
    daemon = make_home(tmp_path, dovecot, smtp_server[1])
    process = daemon.start(fake_now="2026-11-20T07:00:00+00:00")
    try:
        wait_until(daemon.synced, 30)
        dovecot.stop()
        wait_until(
            lambda: bool(daemon.query("SELECT 1 FROM sync_health WHERE last_error IS NOT NULL")), 15
        )
        dovecot.start()
        append(dovecot, [mail(1)])
        wait_until(lambda: daemon.count() == 1, 30)
        assert process.poll() is None
        wait_until(
            lambda: (
                not daemon.query(
                    "SELECT 1 FROM sync_health WHERE folder = '' AND last_error IS NOT NULL"
                )
            ),
            10,
        )
        assert stop(process) == 0
    finally:
        if process.poll() is None:
            process.kill()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs to fill up (needs root and a kernel that lets us mount)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("the full-disk test mounts a small tmpfs: needs root")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


@pytest.mark.imap
@pytest.mark.slow
def test_a_full_disk_stops_writing_says_so_and_resumes(
    dovecot: DovecotServer, tmp_path: Path, smtp_server: tuple[Inbox, int], small_disk: Path
) -> None:
    total = 60
    filler = "We would like to tell you more about the role and the team. " * 400  # ~24 kB
    messages = [mail(i, f"Role {i}") for i in range(total)]
    messages = [m.replace(b"Best regards", filler.encode() + b"\nBest regards") for m in messages]
    dovecot.start()
    daemon = make_home(tmp_path, dovecot, smtp_server[1])
    (small_disk / "config.toml").write_text((daemon.home / "config.toml").read_text())
    daemon = DaemonHome(small_disk, dovecot, smtp_server[1])
    process = daemon.start(fake_now="2026-11-20T07:00:00+00:00")
    try:
        wait_until(daemon.synced, 30)
        append(dovecot, messages)
        wait_until(lambda: "stopped writing" in daemon.log(), 30)
        assert process.poll() is None
        stored_while_full = daemon.count()
        assert stored_while_full < total
        subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
        try:
            wait_until(lambda: daemon.count() == total, 60)
        except AssertionError as err:
            raise AssertionError(f"{err}; stored {daemon.count()}; log:\n{daemon.log()}") from None
        assert stop(process) == 0
        log = daemon.log()
    finally:
        if process.poll() is None:
            process.kill()
    # (store.transaction() currently masks SQLite's "database or disk is full" with "cannot
    # rollback - no transaction is active": SQLite already rolled back; reported to the lead)
    assert "account work: cannot write to the database (" in log


@pytest.mark.imap
def test_imap_delivery_and_follow_up_drafts_append_once(
    dovecot: DovecotServer, demo_home: Path, tmp_path: Path
) -> None:
    dovecot.start()
    home = home_with_config(demo_home, tmp_path, 25)
    account = AccountConfig(
        name="personal", host=dovecot.host, port=dovecot.imaps_port, security="ssl",
        username=dovecot.user, credentials=Credentials(password=dovecot.password),
        ca_file=dovecot.ca_file,
    )  # fmt: skip
    base = config_of(home)
    config = replace(
        base,
        identity=replace(base.identity, name="Alex Morgan"),
        accounts=(account,),
        digest=replace(base.digest, delivery="imap", account="personal", drafts=True),
    )
    with Store(home / "inbox-monitor.db") as store:
        assert (
            deliver_digest(store, config, NOW) == "digest of 2026-11-24 delivered (imap: personal)"
        )
        overdue = [s for s in load_board(store, config, NOW) if s.state.value == "overdue"]
        assert overdue, "the demo has overdue processes"
        assert append_follow_up_drafts(store, config, NOW) == len(overdue)
        assert append_follow_up_drafts(store, config, NOW) == 0  # once per message answered
    client = IMAPClient(dovecot.host, port=dovecot.imap_port, ssl=False)
    client.login(dovecot.user, dovecot.password)
    try:
        client.select_folder("INBOX", readonly=True)
        (uid,) = client.search("ALL")
        fetched = client.fetch([uid], ["FLAGS", "RFC822"])[uid]
        digest = email.message_from_bytes(fetched[b"RFC822"], policy=email.policy.default)
        assert str(digest["Subject"]).startswith("Job search digest Tue 24 Nov 2026")
        assert b"\\Seen" not in fetched[b"FLAGS"]
        client.select_folder("Drafts", readonly=True)
        uids = client.search("ALL")
        assert len(uids) == len(overdue)
        drafts = client.fetch(uids, ["FLAGS", "RFC822"])
        for item in drafts.values():
            assert b"\\Draft" in item[b"FLAGS"]
            draft = email.message_from_bytes(item[b"RFC822"], policy=email.policy.default)
            assert str(draft["From"]) == f"Alex Morgan <{dovecot.user}>"
            assert draft["In-Reply-To"] and str(draft["Subject"]).lower().startswith("re: ")
            body = draft.get_body(("plain",))
            assert body is not None
            text = body.get_content().replace("\r\n", "\n")
            assert text.startswith(("Hi ", "Hello,")) and not text.startswith("Hi The")
            assert "Best regards,\nAlex Morgan" in text
    finally:
        client.logout()


def test_imap_delivery_needs_a_configured_account(demo_home: Path, tmp_path: Path) -> None:
    home = home_with_config(demo_home, tmp_path, 25)
    config = config_of(home)
    config = replace(config, digest=replace(config.digest, delivery="imap", account="nope"))
    with Store(home / "inbox-monitor.db") as store:
        with pytest.raises(DeliveryError, match=r"digest\.account 'nope' is not one of"):
            deliver_digest(store, config, NOW)
        assert store.digest_sent_on(date(2026, 11, 24)) is None


def test_the_stores_filters_keep_what_reading_every_message_would(demo_home: Path) -> None:
    # the board, the process index and the digest's new mail ask SQL for their messages
    # rather than reading the whole mailbox; the answers must be those of the whole read
    with Store(demo_home / "inbox-monitor.db") as store:
        every = store.message_records()
        filed = store.message_records(filed=True)
        assert filed == [m for m in every if m.process_id is not None]
        assert 0 < len(filed) < len(every)
        zone = timezone(timedelta(hours=-5))
        edges = sorted({m.date for m in every})
        windows = [(edges[3], edges[20]), (edges[0] - timedelta(seconds=1), edges[-1])]
        windows += [
            (a.astimezone(zone) + timedelta(microseconds=1), b.astimezone(zone))
            for a, b in [(edges[5], edges[30]), (edges[10], edges[11])]
        ]
        windows += [(a - timedelta(microseconds=1), b) for a, b in [(edges[7], edges[9])]]
        for after, until in windows:
            expected = [m for m in every if after < m.date <= until]
            assert store.message_records(after=after, until=until) == expected, (after, until)
            assert expected and expected[-1].date == until
        assert store.message_records(after=edges[-1]) == []
        assert store.message_records(until=edges[0]) == [m for m in every if m.date == edges[0]]
