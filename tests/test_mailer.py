"""SMTP delivery against a real SMTP server (aiosmtpd) on 127.0.0.1: plain, STARTTLS, TLS."""

from __future__ import annotations

import base64
import email
import email.policy
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from inbox_monitor.config import Credentials, SmtpConfig
from inbox_monitor.errors import DeliveryError
from inbox_monitor.mailer import envelope_recipients, send_message

pytestmark = [
    pytest.mark.smtp,
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS"),
]

USER, PASSWORD, TOKEN = "alex", "s3cret-pass", "ya29.test-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Inbox:
    """What the server received: envelopes and whether each came over TLS, authenticated."""

    messages: list[dict[str, Any]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "data": envelope.original_content,
                "tls": session.ssl is not None
                or server.transport.get_extra_info("ssl_object") is not None,
                "authenticated": bool(session.authenticated),
            }
        )
        return "250 OK"

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        """RFC 7628-style XOAUTH2: base64 of user=...^Aauth=Bearer <token>^A^A."""
        response = base64.b64decode(args[1]).decode() if len(args) > 1 else ""
        expected = f"user={USER}\x01auth=Bearer {TOKEN}\x01\x01"
        return AuthResult(success=response == expected, handled=False)


def authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    directory = tmp_path_factory.mktemp("smtp-tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    return context


@pytest.fixture
def plain_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=server_context(certificate),
        require_starttls=True, authenticator=authenticator, auth_required=True,
        auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def implicit_tls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, ssl_context=server_context(certificate),
        authenticator=authenticator, auth_required=True, auth_require_tls=False,
        server_hostname="localhost",
    )  # fmt: skip
    controller.start()
    yield inbox, port
    controller.stop()


def digest_message(subject: str = "Job search digest") -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "inbox-monitor <alex.morgan@example.net>"
    message["To"] = "Alex <alex.morgan@example.net>, other@example.org"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("Nothing overdue.\n")
    message.add_alternative("<p>Nothing overdue.</p>", subtype="html")
    return message


def received(inbox: Inbox, index: int = 0) -> EmailMessage:
    parsed = email.message_from_bytes(inbox.messages[index]["data"], policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_plain_loopback_delivery(plain_server: tuple[Inbox, int]) -> None:
    inbox, port = plain_server
    smtp = SmtpConfig(host="127.0.0.1", port=port, security="plain")
    accepted = send_message(digest_message(), smtp)
    assert accepted == ["alex.morgan@example.net", "other@example.org"]
    (envelope,) = inbox.messages
    assert envelope["from"] == "alex.morgan@example.net"
    assert envelope["to"] == ["alex.morgan@example.net", "other@example.org"]
    assert envelope["tls"] is False
    parsed = received(inbox)
    assert parsed["Subject"] == "Job search digest"
    assert parsed.get_content_type() == "multipart/alternative"


def test_plain_refused_off_loopback() -> None:
    smtp = SmtpConfig(host="smtp.example.net", port=25, security="plain")
    with pytest.raises(DeliveryError, match="only on loopback"):
        send_message(digest_message(), smtp)


def test_starttls_with_password_from_environment(
    starttls_server: tuple[Inbox, int],
    certificate: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inbox, port = starttls_server
    monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)
    smtp = SmtpConfig(
        host="127.0.0.1", port=port, security="starttls", username=USER,
        credentials=Credentials(password_env="TEST_SMTP_PASSWORD"), ca_file=certificate[0],
    )  # fmt: skip
    send_message(digest_message(), smtp, ["alex.morgan@example.net"])
    (envelope,) = inbox.messages
    assert envelope["tls"] is True and envelope["authenticated"] is True
    assert envelope["to"] == ["alex.morgan@example.net"]


def test_starttls_wrong_password_is_a_delivery_error(
    starttls_server: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = starttls_server
    smtp = SmtpConfig(host="127.0.0.1", port=port, security="starttls", username=USER,
                      ca_file=certificate[0])  # fmt: skip
    with pytest.raises(DeliveryError, match="login refused for alex: 535"):
        send_message(digest_message(), smtp, secret="wrong")
    assert inbox.messages == []


def test_starttls_untrusted_certificate_is_refused(starttls_server: tuple[Inbox, int]) -> None:
    inbox, port = starttls_server
    smtp = SmtpConfig(host="127.0.0.1", port=port, security="starttls", username=USER)
    with pytest.raises(DeliveryError, match="TLS failed: CERTIFICATE_VERIFY_FAILED"):
        send_message(digest_message(), smtp, secret=PASSWORD)
    assert inbox.messages == []


def test_implicit_tls(
    implicit_tls_server: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = implicit_tls_server
    smtp = SmtpConfig(host="127.0.0.1", port=port, security="ssl", username=USER,
                      ca_file=certificate[0])  # fmt: skip
    send_message(digest_message("over TLS"), smtp, secret=PASSWORD)
    (envelope,) = inbox.messages
    assert envelope["tls"] is True and envelope["authenticated"] is True
    assert received(inbox)["Subject"] == "over TLS"


def test_server_down_is_a_delivery_error() -> None:
    smtp = SmtpConfig(host="127.0.0.1", port=free_port(), security="plain")
    with pytest.raises(DeliveryError, match="cannot connect"):
        send_message(digest_message(), smtp, timeout=5)


def test_envelope_recipients_include_bcc() -> None:
    message = digest_message()
    message["Bcc"] = "hidden@example.com"
    assert envelope_recipients(message) == [
        "alex.morgan@example.net", "other@example.org", "hidden@example.com",
    ]  # fmt: skip


def test_password_command_and_oauth2_token_command(
    implicit_tls_server: tuple[Inbox, int], certificate: tuple[Path, Path]
) -> None:
    inbox, port = implicit_tls_server
    base = SmtpConfig(
        host="127.0.0.1", port=port, security="ssl", username=USER, ca_file=certificate[0]
    )
    with_command = replace(base, credentials=Credentials(password_command=f"echo {PASSWORD}"))
    send_message(digest_message("password command"), with_command)
    with_token = replace(base, credentials=Credentials(oauth2_token_command=f"echo {TOKEN}"))
    send_message(digest_message("oauth2"), with_token)
    assert [received(inbox, i)["Subject"] for i in (0, 1)] == ["password command", "oauth2"]
    assert all(m["authenticated"] for m in inbox.messages)
    stale = replace(base, credentials=Credentials(oauth2_token_command="echo expired"))
    with pytest.raises(DeliveryError, match="login refused"):
        send_message(digest_message(), stale)
    missing = replace(base, credentials=Credentials(password_env="NO_SUCH_VARIABLE_SET"))
    with pytest.raises(DeliveryError, match="no password for alex"):
        send_message(digest_message(), missing)
