"""The daemon's edges without IMAP: the digest command, exactly-once delivery, lock, clock, logs.

The daemon against a real Dovecot lives in tests/imap/test_daemon_imap.py.
"""

from __future__ import annotations

import email
import email.policy
import logging
import os
import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner, Result

from inbox_monitor.cli import cli
from inbox_monitor.cli.daemon import JournalFormatter, configure_logging, register
from inbox_monitor.cli.setup import run_demo
from inbox_monitor.config import Config, DigestConfig, SmtpConfig, load_config
from inbox_monitor.daemon import Clock, daemon_lock, deliver_digest, digest_due
from inbox_monitor.errors import DeliveryError, LockError
from inbox_monitor.store import Store

if "digest" not in cli.commands:  # until the lead registers cli/daemon.py in cli/__init__.py
    register(cli)

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
        digest=DigestConfig(enabled=True, send_at=time(8, 0), recipients=("a@example.net",)),
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
