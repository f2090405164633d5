"""`digest --send` reads new mail first, as the daemon does: a Monday digest sent from cron
after a weekend without a sync warns only of a sync that fails (user audit 3, A12). Against
the session's Dovecot, the digest to a loopback SMTP server."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner, Result
from conftest import make_message, seed_client
from dovecot_server import DovecotServer

from inbox_monitor.cli import cli
from inbox_monitor.store import Store
from inbox_monitor.sync import ACCOUNT_LEVEL

pytestmark = pytest.mark.imap

PASSWORD_ENV = "IMAP_TEST_PASSWORD"


class _Sink:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content
        self.messages.append(email.message_from_bytes(raw, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 OK"


@pytest.fixture
def smtp_sink() -> Iterator[tuple[_Sink, int]]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    sink = _Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield sink, port
    controller.stop()


def _home(tmp_path: Path, server: DovecotServer, user: str, smtp_port: int) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(
        f"""
[identity]
addresses = ["{user}"]
timezone = "Europe/London"

[[accounts]]
name = "work"
host = "{server.host}"
port = {server.imaps_port}
security = "ssl"
username = "{user}"
password_env = "{PASSWORD_ENV}"
ca_file = "{server.ca_file}"

[digest]
enabled = true
recipients = ["{user}"]
from = "inbox-monitor <{user}>"

[digest.smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "plain"
"""
    )
    (home / "config.toml").chmod(0o600)
    return home


def run(home: Path, password: str, *args: str) -> Result:
    env = {
        "INBOX_MONITOR_HOME": str(home),
        "INBOX_MONITOR_CONFIG": str(home / "config.toml"),
        PASSWORD_ENV: password,
    }
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def _last_synced_days_ago(home: Path, days: int) -> None:
    """The account's last sync, as a Friday evening's is on Monday morning."""
    when = datetime.now(UTC) - timedelta(days=days)
    with Store(home / "inbox-monitor.db") as store:
        for row in store.sync_health():
            store.record_sync_health(row["account"], row["folder"], when)


def _weekend_mail() -> bytes:
    """An invitation that came on Saturday (a day ago), while nothing synced."""
    message = EmailMessage()
    message["From"] = "Nina Ford <nina@acme.example>"
    message["To"] = "me@example.com"
    message["Subject"] = "[over the weekend] Interview invitation"
    message["Date"] = format_datetime(datetime.now(UTC) - timedelta(days=1))
    message["Message-ID"] = "<weekend@acme.example>"
    message.set_content(
        "Hello,\n\nWe would like to invite you to an interview on Thursday.\n\nBest,\nNina\n"
    )
    return bytes(message)


def test_digest_send_reads_new_mail_first_and_warns_only_of_a_real_failure(
    tmp_path: Path,
    dovecot: DovecotServer,
    user: tuple[str, str],
    smtp_sink: tuple[_Sink, int],
) -> None:
    sink, port = smtp_sink
    home = _home(tmp_path, dovecot, user[0], port)
    seed = seed_client(dovecot, user)
    seed.append("INBOX", make_message(1))
    assert run(home, user[1], "sync").exit_code == 0
    _last_synced_days_ago(home, 2)  # no sync over the weekend
    seed.append("INBOX", _weekend_mail())
    seed.logout()

    # with --no-sync, as before: the weekend heads the subject
    stale = run(home, user[1], "digest", "--send", "--no-sync")
    assert stale.exit_code == 0, stale.output
    assert "1 account(s) not syncing" in str(sink.messages[-1]["Subject"])
    assert "STALE: last successful sync 2 days ago" in sink.messages[-1].as_string()

    # once a day: a second send (a cron retry) sends nothing
    again = run(home, user[1], "digest", "--send", "--no-sync")
    assert again.exit_code == 0 and "already sent" in again.output, again.output
    assert len(sink.messages) == 1

    # by default it reads the mail first: no warning, and the weekend's mail is in it
    # (--force: today's went already)
    fresh = run(home, user[1], "digest", "--send", "--force")
    assert fresh.exit_code == 0, fresh.output
    assert "warning" not in fresh.output
    digest = sink.messages[-1]
    assert "not syncing" not in str(digest["Subject"])
    text = digest.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "STALE" not in text and "!!! work" not in text
    assert "[over the weekend] Interview invitation" in text
    with Store(home / "inbox-monitor.db") as store:
        (health,) = [r for r in store.sync_health() if r["folder"] == ACCOUNT_LEVEL]
        assert datetime.fromisoformat(health["last_success"]) > datetime.now(UTC) - timedelta(
            minutes=5
        )

    # a digest of another moment (--as-of) reads no new mail
    _last_synced_days_ago(home, 2)
    moment = datetime.now(UTC).isoformat(timespec="seconds")
    assert run(home, user[1], "digest", "--send", "--force", "--as-of", moment).exit_code == 0
    assert "1 account(s) not syncing" in str(sink.messages[-1]["Subject"])

    # a sync that fails is said, and the digest still goes, saying so
    failing = run(home, "wrong password", "digest", "--send", "--force")
    assert failing.exit_code == 0, failing.output
    assert "warning: work: FAILED:" in failing.output
    assert "1 account(s) not syncing" in str(sink.messages[-1]["Subject"])
    assert "COULD NOT SYNC" in sink.messages[-1].as_string()
    assert len(sink.messages) == 4
