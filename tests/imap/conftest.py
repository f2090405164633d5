"""Fixtures for the IMAP tests: one private Dovecot per session, a fresh user per test.

Without Dovecot the tests are skipped with the reason; under CI=true that is a failure.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from imapclient import IMAPClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dovecot_server import DovecotServer, require_dovecot

from inbox_monitor.classify import Classifier, RulesClassifier
from inbox_monitor.config import AccountConfig, Config, Credentials
from inbox_monitor.pipeline import Pipeline, build_pipeline
from inbox_monitor.store import Store

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
_users = itertools.count(1)


def scratch_dir() -> Path:
    """A new directory on /dev/shm when there is one (APPEND is 3-5x faster there)."""
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="inbox-monitor-dovecot-", dir=base))


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    require_dovecot()
    directory = scratch_dir()
    server = DovecotServer(directory)
    server.prepare()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture()
def own_dovecot() -> Iterator[DovecotServer]:
    """A server of the test's own, for tests that stop it or fill its Maildir directly."""
    require_dovecot()
    directory = scratch_dir()
    server = DovecotServer(directory)
    server.prepare()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture()
def user(dovecot: DovecotServer) -> tuple[str, str]:
    return f"user{next(_users)}@example.com", dovecot.password


def account_for(
    server: DovecotServer,
    user: tuple[str, str],
    *,
    security: str = "ssl",
    ca: bool = True,
    folders: tuple[str, ...] = (),
    name: str = "work",
) -> AccountConfig:
    return AccountConfig(
        name=name,
        host=server.host,
        port=server.imaps_port if security == "ssl" else server.imap_port,
        security=security,  # type: ignore[arg-type]
        username=user[0],
        credentials=Credentials(password=user[1]),
        ca_file=server.ca_file if ca else None,
        folders=folders,
        poll_interval=10,
    )


@pytest.fixture()
def account(dovecot: DovecotServer, user: tuple[str, str]) -> AccountConfig:
    return account_for(dovecot, user)


@pytest.fixture()
def seed(dovecot: DovecotServer, user: tuple[str, str]) -> Iterator[IMAPClient]:
    """The test's own read-write client, to put mail on the server (never used by the code)."""
    client = seed_client(dovecot, user)
    try:
        yield client
    finally:
        client.logout()


def seed_client(server: DovecotServer, user: tuple[str, str]) -> IMAPClient:
    client = IMAPClient(server.host, port=server.imap_port, ssl=False)
    client.login(*user)
    return client


def append_messages(server: DovecotServer, user: tuple[str, str], indices: Iterable[int]) -> None:
    """make_message(i) for each index appended to INBOX over a login of its own."""
    client = seed_client(server, user)
    for index in indices:
        client.append("INBOX", make_message(index))
    client.logout()


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    """The rules baseline: these tests are about the sync, not about labels."""
    return RulesClassifier()


@pytest.fixture()
def config(tmp_path: Path, account: AccountConfig) -> Config:
    return Config(data_dir=tmp_path, accounts=(account,))


@pytest.fixture()
def pipeline(config: Config, classifier: Classifier) -> Pipeline:
    return build_pipeline(config, classifier)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "inbox-monitor.db") as opened:
        yield opened


def make_message(
    index: int,
    *,
    subject: str | None = None,
    body: str | None = None,
    sender: str = "recruiter@acme.example",
    attachment: bytes | None = None,
    message_id: str | None = None,
    html: bool = False,
) -> bytes:
    """A realistic message: text (and html) body, optionally a PDF attachment."""
    message = EmailMessage()
    message["From"] = f"Recruiter {index} <{sender}>"
    message["To"] = "me@example.com"
    message["Subject"] = subject or f"Your application #{index}"
    message["Date"] = format_datetime(datetime(2026, 11, 1, 10, 0, tzinfo=UTC))
    message["Message-ID"] = message_id or make_msgid(idstring=f"m{index}", domain="acme.example")
    text = body or (
        f"Hello,\n\nThank you for applying (reference {index}). We will get back to you"
        " by Friday.\n\nBest regards,\nAlex\n"
    )
    message.set_content(text)
    if html:
        message.add_alternative(f"<html><body><p>{text}</p></body></html>", subtype="html")
    if attachment is not None:
        message.add_attachment(
            attachment, maintype="application", subtype="pdf", filename=f"cv-{index}.pdf"
        )
    return bytes(message)
