"""SMTP delivery of the digest: implicit TLS, STARTTLS, or plain on loopback only.

The only module that speaks smtplib. Credentials come from the same mechanisms as the
IMAP accounts (password command, environment, keyring, OAuth2 token command) through
inbox_monitor.secrets; a password is never logged. Every failure becomes a
DeliveryError that says what went wrong and where.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import getaddresses

from inbox_monitor import secrets
from inbox_monitor.config import SmtpConfig
from inbox_monitor.errors import DeliveryError, InboxMonitorError

log = logging.getLogger(__name__)

SMTP_SECRET_NAME = "digest.smtp"
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def tls_context(smtp: SmtpConfig) -> ssl.SSLContext:
    """A verifying TLS context; `ca_file` adds a private CA (self-signed servers)."""
    return ssl.create_default_context(cafile=str(smtp.ca_file) if smtp.ca_file else None)


def _secret(smtp: SmtpConfig) -> str:
    """The password, or a fresh OAuth2 access token when `oauth2_token_command` is set."""
    if smtp.credentials.oauth2_token_command:
        return secrets.get_oauth2_token(smtp.credentials, SMTP_SECRET_NAME)
    return secrets.get_password(smtp.credentials, SMTP_SECRET_NAME)


def _login(client: smtplib.SMTP, smtp: SmtpConfig, secret: str | None) -> None:
    if not smtp.username:
        return
    if secret is None:
        try:
            secret = _secret(smtp)
        except InboxMonitorError as err:
            raise DeliveryError(
                f"SMTP {smtp.host}: no password for {smtp.username}: {err}"
            ) from err
    if smtp.credentials.oauth2_token_command:
        token = secret

        def xoauth2(challenge: bytes | None = None) -> str:
            return f"user={smtp.username}\x01auth=Bearer {token}\x01\x01"

        # auth() skips EHLO (login() does not); without it a "503 send EHLO first" reads as success
        client.ehlo_or_helo_if_needed()
        code, _ = client.auth("XOAUTH2", xoauth2, initial_response_ok=True)
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, b"XOAUTH2 not accepted")
    else:
        client.login(smtp.username, secret)


def _connect(smtp: SmtpConfig, timeout: float) -> smtplib.SMTP:
    if smtp.security == "ssl":
        return smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=timeout, context=tls_context(smtp))
    if smtp.security == "plain" and smtp.host not in LOOPBACK_HOSTS:
        raise DeliveryError(f"SMTP {smtp.host}: plain SMTP is allowed only on loopback")
    client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
    if smtp.security == "starttls":
        client.ehlo()
        if not client.has_extn("starttls"):
            client.close()
            raise DeliveryError(f"SMTP {smtp.host}:{smtp.port} does not offer STARTTLS")
        client.starttls(context=tls_context(smtp))
        client.ehlo()
    return client


def envelope_recipients(message: EmailMessage) -> list[str]:
    """The addresses in To, Cc and Bcc."""
    fields = [str(value) for key in ("To", "Cc", "Bcc") for value in message.get_all(key, [])]
    return [address for _, address in getaddresses(fields) if address]


def send_message(
    message: EmailMessage,
    smtp: SmtpConfig,
    recipients: Sequence[str] | None = None,
    *,
    secret: str | None = None,
    timeout: float = 30.0,
) -> list[str]:
    """Deliver `message` through `smtp`; returns the recipients the server accepted.

    `secret` overrides the configured credentials (tests); otherwise, when a username is
    set, the password or token is fetched from the configured mechanism. Raises
    DeliveryError when the server cannot be reached, refuses TLS, the login or every
    recipient.
    """
    to = list(recipients) if recipients is not None else envelope_recipients(message)
    if not to:
        raise DeliveryError("the digest has no recipients")
    if not smtp.host:
        raise DeliveryError("digest.smtp.host is not set")
    where = f"SMTP {smtp.host}:{smtp.port} ({smtp.security})"
    sender = next((a for _, a in getaddresses([str(message.get("From", ""))]) if a), None)
    try:
        client = _connect(smtp, timeout)
        try:
            _login(client, smtp, secret)
            refused = client.send_message(message, from_addr=sender, to_addrs=to)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()
    except smtplib.SMTPAuthenticationError as err:
        raise DeliveryError(f"{where}: login refused for {smtp.username}: {err.smtp_code}") from err
    except smtplib.SMTPRecipientsRefused as err:
        raise DeliveryError(
            f"{where}: every recipient was refused: {sorted(err.recipients)}"
        ) from err
    except ssl.SSLError as err:
        raise DeliveryError(f"{where}: TLS failed: {err.reason or err}") from err
    except smtplib.SMTPException as err:
        raise DeliveryError(f"{where}: {err}") from err
    except OSError as err:
        raise DeliveryError(f"{where}: cannot connect: {err.strerror or err}") from err
    if refused:
        log.warning("%s refused %d recipient(s): %s", where, len(refused), sorted(refused))
    accepted = [address for address in to if address not in refused]
    log.info("digest sent through %s to %d recipient(s)", where, len(accepted))
    return accepted
