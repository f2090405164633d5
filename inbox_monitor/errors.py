"""The project's exception family: one base class, a subclass per failing edge."""

from __future__ import annotations


class InboxMonitorError(Exception):
    """Base class of every error this package raises on purpose."""


class ConfigError(InboxMonitorError):
    """The configuration is invalid; `problems` lists every one found, with its location."""

    def __init__(self, problems: list[str], path: str | None = None) -> None:
        self.problems = problems
        self.path = path
        where = f"{path}: " if path else ""
        super().__init__(where + "; ".join(problems))


class ParseError(InboxMonitorError):
    """Bytes could not be turned into a message; the raw bytes go to quarantine."""


class SourceError(InboxMonitorError):
    """A local mail source (file, mbox, Maildir) could not be read."""


class StoreError(InboxMonitorError):
    """The database could not be opened, migrated or written."""


class NoSuchMessage(StoreError):
    """A message reference names no stored message, or more than one."""


class ModelError(InboxMonitorError):
    """The classifier pipeline is missing, corrupt, or does not match its sources."""


class MailboxError(InboxMonitorError):
    """Talking to an IMAP server failed (network, TLS, protocol)."""


class AuthError(MailboxError):
    """The server refused the credentials; retrying will not help."""


class SecretError(InboxMonitorError):
    """A password or token could not be obtained (command failed, no keyring)."""


class DeliveryError(InboxMonitorError):
    """The digest could not be delivered."""


class LockError(InboxMonitorError):
    """Another daemon already runs on this data directory."""


class Refused(InboxMonitorError):
    """A change the user asked for that would do nothing, or harm: nothing was changed."""
