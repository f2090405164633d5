"""Read-only IMAP access: the only module that speaks to imapclient.

`connect()` returns a `Mailbox`, a thin wrapper that exposes read commands only (LIST,
EXAMINE, UID SEARCH, UID FETCH with BODY.PEEK, IDLE, NOOP). Below it, a guard on the
connection refuses any other command before it reaches the socket, so STORE, COPY,
MOVE, EXPUNGE, DELETE or a read-write SELECT cannot be sent, even by mistake.

Messages are fetched in two rounds per batch: BODYSTRUCTURE first, then the header and
only the text parts (both capped) and calendar invitations (up to invite.MAX_CALENDAR_BYTES),
never other attachments. `assemble_message()` rebuilds a small RFC 822 message from those
pieces; each attachment becomes an empty placeholder part that keeps its name, type and
size (Content-Disposition `size` parameter, RFC 2183). See docs/imap.md.
"""

from __future__ import annotations

import hashlib
import imaplib
import logging
import re
import socket
import ssl
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.utils import encode_rfc2231
from pathlib import Path
from typing import Any

from imapclient import IMAPClient
from imapclient import exceptions as imap_errors
from imapclient.datetime_util import parse_to_datetime
from imapclient.response_types import BodyData

from inbox_monitor.config import AccountConfig
from inbox_monitor.errors import AuthError, MailboxError
from inbox_monitor.invite import MAX_CALENDAR_BYTES, MAX_CALENDAR_ENCODED_BYTES
from inbox_monitor.models import is_calendar_part
from inbox_monitor.parse import without_fields

logger = logging.getLogger(__name__)

TEXT_CAP_BYTES = 64 * 1024  # per text part; the parser keeps at most 100k characters anyway
HEADER_CAP_BYTES = 256 * 1024  # a message's header; a longer one is cut and marked
FETCH_BATCH = 200
IDLE_REISSUE_SECONDS = 24 * 60  # RFC 2177: servers may drop an IDLE after 30 minutes
CONNECT_TIMEOUT_SECONDS = 30.0
TEXT_TYPES = frozenset({"text/plain", "text/html", "text/calendar"})

# Every command the monitor may send. UID is allowed with FETCH and SEARCH only, and
# SELECT never: imaplib sends EXAMINE for a read-only select.
ALLOWED_COMMANDS = frozenset(
    {
        "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "AUTHENTICATE", "LOGIN", "ENABLE", "ID",
        "LIST", "LSUB", "XLIST", "STATUS", "EXAMINE", "FETCH", "SEARCH", "UID", "IDLE",
        "NAMESPACE", "UNSELECT",
    }
)  # fmt: skip
ALLOWED_UID_COMMANDS = frozenset({"FETCH", "SEARCH"})


class NetworkError(MailboxError):
    """The connection failed or dropped (DNS, refused, reset, timeout): worth a retry."""


class ReadOnlyViolation(MailboxError):
    """Something tried to send a command that could change the mailbox; it was not sent."""


@dataclass(frozen=True)
class FolderInfo:
    """A folder as LIST shows it: decoded name and its flags (special use included)."""

    name: str
    flags: tuple[str, ...]

    @property
    def selectable(self) -> bool:
        return "\\noselect" not in {flag.lower() for flag in self.flags}

    def has_flag(self, flag: str) -> bool:
        return flag.lower() in {f.lower() for f in self.flags}


@dataclass(frozen=True)
class FolderStatus:
    """What EXAMINE reports; enough to tell whether anything is new."""

    name: str
    uidvalidity: int
    uidnext: int | None
    highest_modseq: int | None
    exists: int


@dataclass(frozen=True)
class TextPart:
    """A text part to download: its IMAP section number and its MIME headers. A calendar
    invitation sent as a file (`attachment`) stays one, with its name."""

    section: str
    content_type: str
    params: tuple[tuple[str, str], ...]
    encoding: str
    size: int
    attachment: bool = False
    filename: str = ""

    @property
    def cap(self) -> int | None:
        """The most fetched of it, when it is not the caller's text cap: a calendar part
        is fetched whole (plan_message takes only small ones)."""
        calendar = is_calendar_part(self.content_type, self.filename)
        return MAX_CALENDAR_ENCODED_BYTES if calendar else None


@dataclass(frozen=True)
class OmittedPart:
    """An attachment left on the server: only its description travels."""

    content_type: str
    filename: str
    size: int  # decoded size, estimated from the encoded size for base64


@dataclass(frozen=True)
class MessagePlan:
    """Which sections of one message to fetch, read from its BODYSTRUCTURE."""

    uid: int
    size: int
    text_parts: tuple[TextPart, ...]
    omitted: tuple[OmittedPart, ...]


@dataclass(frozen=True)
class FetchedMessage:
    """One message as fetched: reassembled bytes, or the reason it could not be read."""

    uid: int
    data: bytes
    original_size: int
    error: str | None = None
    arrived_at: datetime | None = None  # INTERNALDATE, in UTC (None: the server gave none)


# ---------------------------------------------------------------------------- errors


def describe_error(err: BaseException, where: str) -> MailboxError:
    """Turn a socket / TLS / imapclient error into the project's exception, with context."""
    if isinstance(err, MailboxError):
        return err
    if isinstance(err, imap_errors.LoginError):
        return AuthError(f"{where}: the server refused the login: {_text(err)}")
    if isinstance(err, socket.gaierror):
        return NetworkError(f"{where}: cannot resolve the host name (DNS): {err.strerror}")
    if isinstance(err, ssl.SSLCertVerificationError):
        return MailboxError(
            f"{where}: the server's TLS certificate could not be verified"
            f" ({err.verify_message}); if it is signed by a private CA, set ca_file"
        )
    if isinstance(err, ssl.SSLEOFError | ssl.SSLZeroReturnError | ssl.SSLSyscallError):
        return NetworkError(f"{where}: connection lost (TLS closed): {err.reason or err}")
    if isinstance(err, ssl.SSLError):
        return MailboxError(f"{where}: TLS failed: {err.reason or err}")
    if isinstance(err, ConnectionRefusedError):
        return NetworkError(f"{where}: connection refused (is the port right? is the server up?)")
    if isinstance(err, TimeoutError | socket.timeout):
        return NetworkError(f"{where}: timed out")
    if isinstance(err, OSError | imaplib.IMAP4.abort | imap_errors.IMAPClientAbortError | EOFError):
        return NetworkError(f"{where}: connection lost: {_text(err) or type(err).__name__}")
    if isinstance(err, imap_errors.ProtocolError):
        # its text quotes the response it could not parse: from a FETCH, headers and bodies
        return MailboxError(f"{where}: the server's response could not be parsed (ProtocolError)")
    if isinstance(err, imap_errors.IMAPClientError | imaplib.IMAP4.error):
        return MailboxError(f"{where}: the server said: {_text(err)}")
    return MailboxError(f"{where}: {type(err).__name__}: {err}")


def describe_fetch_error(err: BaseException, where: str) -> MailboxError:
    """`describe_error` for a FETCH, whose responses hold headers and bodies.

    The error is named, not quoted, unless its text cannot come from the response: the
    socket's and TLS's own errors, and the server's tagged NO or BAD. The log, sync_health,
    `status` and the digest carry the result, and never a subject, a sender or a body.
    """
    described = describe_error(err, where)
    if isinstance(err, MailboxError | OSError | EOFError | imap_errors.ProtocolError):
        return described  # ProtocolError is described without its text already
    if isinstance(err, imap_errors.IMAPClientError) and not isinstance(
        err, imap_errors.IMAPClientAbortError
    ):
        return described  # a tagged NO or BAD: the server's words, not the message's
    # imaplib's abort quotes the line it could not read, which may be a line of a message
    return type(described)(
        f"{where}: the server's response could not be read ({type(err).__name__})"
    )


def _text(err: BaseException) -> str:
    text = str(err)
    return text[2:-1] if text.startswith(("b'", 'b"')) else text


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


# ---------------------------------------------------------------------------- guard


def _guard(client: IMAPClient, allowed: frozenset[str] = ALLOWED_COMMANDS) -> None:
    """Refuse every command not in `allowed`, at both places imapclient sends commands from."""
    connection = client._imap
    send_command = connection._command

    def checked_command(_connection: Any, name: str, *args: Any) -> Any:
        _check_command(name, args, allowed)
        return send_command(name, *args)

    # a bound method, as imaplib compares type(self.literal) with type(self._command)
    connection._command = types.MethodType(checked_command, connection)
    raw_command = client._raw_command

    def checked_raw(command: bytes, args: Any, uid: bool = True) -> Any:
        name = _s(command).upper()
        _check_command("UID" if uid and client.use_uid else name, (name,) if uid else (), allowed)
        return raw_command(command, args, uid)

    client._raw_command = checked_raw


def _check_command(name: str, args: Sequence[Any], allowed: frozenset[str]) -> None:
    command = name.upper()
    if command not in allowed:
        raise ReadOnlyViolation(f"refused to send {command}: the monitor never changes a mailbox")
    if command == "UID" and (not args or _s(args[0]).upper() not in ALLOWED_UID_COMMANDS):
        sub = _s(args[0]).upper() if args else ""
        raise ReadOnlyViolation(f"refused to send UID {sub}: the monitor never changes a mailbox")


def _count_bytes(client: IMAPClient, counter: list[int]) -> None:
    """Count every byte read from the server (after TLS), for tests and the benchmark."""
    connection = client._imap
    read, readline = connection.read, connection.readline

    def counted_read(size: int) -> bytes:
        data: bytes = read(size)
        counter[0] += len(data)
        return data

    def counted_readline() -> bytes:
        line: bytes = readline()
        counter[0] += len(line)
        return line

    connection.read, connection.readline = counted_read, counted_readline


# ---------------------------------------------------------------------------- connect


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Verifying context: the system store, or only `ca_file` when one is configured."""
    context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


TokenSource = Callable[[bool], str]  # fresh=True asks for a new token (the old one was rejected)


def connect(
    account: AccountConfig,
    *,
    password: Callable[[], str] | None = None,
    token: TokenSource | None = None,
    timeout: float = CONNECT_TIMEOUT_SECONDS,
) -> Mailbox:
    """Connect, secure and log in; raise AuthError, NetworkError or MailboxError.

    Give `password` (called once) or `token` (XOAUTH2; called with fresh=False first and,
    only when the server rejects that token, once more with fresh=True).
    """
    client, where, counter = _open(account, password, token, timeout, ALLOWED_COMMANDS)
    return Mailbox(client, account.name, where, counter)


def append_message(
    account: AccountConfig,
    folder: str,
    data: bytes,
    *,
    password: Callable[[], str] | None = None,
    token: TokenSource | None = None,
    flags: Sequence[str] = (),
    timeout: float = CONNECT_TIMEOUT_SECONDS,
) -> None:
    """The monitor's one opt-in write: APPEND a message (the digest, a draft) to `folder`.

    Runs on a connection of its own whose guard allows APPEND and no other command that
    changes a mailbox (no SELECT, STORE, EXPUNGE...); the sync's `Mailbox` never can.
    """
    allowed = (ALLOWED_COMMANDS - {"EXAMINE", "FETCH", "SEARCH", "UID", "IDLE"}) | {"APPEND"}
    client, where, _ = _open(account, password, token, timeout, frozenset(allowed))
    try:
        client.append(folder, data, flags=[f.encode() for f in flags])
    except Exception as err:
        raise describe_error(err, f"{where} APPEND to {folder!r}") from err
    finally:
        _close_quietly(client)


def _open(
    account: AccountConfig,
    password: Callable[[], str] | None,
    token: TokenSource | None,
    timeout: float,
    allowed: frozenset[str],
) -> tuple[IMAPClient, str, list[int]]:
    where = f"{account.name} ({account.host}:{account.port})"
    try:
        context = tls_context(account.ca_file) if account.security != "plain" else None
        client = IMAPClient(
            account.host,
            port=account.port,
            ssl=account.security == "ssl",
            ssl_context=context,
            timeout=timeout,
        )
    except Exception as err:  # every connect failure becomes a described MailboxError
        raise describe_error(err, where) from err
    # INTERNALDATE as the server wrote it, with its zone: by default imapclient turns it
    # into a naive datetime in this machine's local time
    client.normalise_times = False
    counter = [0]
    try:
        _count_bytes(client, counter)
        _guard(client, allowed)
        if account.security == "starttls":
            if not client.has_capability("STARTTLS"):
                raise MailboxError(f"{where}: the server does not offer STARTTLS")
            client.starttls(context)
        _login(client, account, where, password, token)
    except Exception as err:
        _close_quietly(client)
        raise describe_error(err, where) from err
    return client, where, counter


def _login(
    client: IMAPClient,
    account: AccountConfig,
    where: str,
    password: Callable[[], str] | None,
    token: TokenSource | None,
) -> None:
    if token is not None:
        try:
            client.oauth2_login(account.username, token(False))
            return
        except imap_errors.LoginError:
            logger.info("%s: access token rejected, asking for a fresh one", where)
        try:
            client.oauth2_login(account.username, token(True))
        except imap_errors.LoginError as err:
            raise AuthError(
                f"{where}: the server rejected a fresh OAuth2 token: {_text(err)}"
            ) from err
        return
    if password is None:
        raise AuthError(f"{where}: no password or token source configured")
    secret = password()
    login = client.login
    if not (secret.isascii() and account.username.isascii()):
        # imaplib sends LOGIN's arguments as ASCII; AUTHENTICATE PLAIN carries UTF-8
        if not client.has_capability("AUTH=PLAIN"):
            which = "password" if not secret.isascii() else "user name"
            raise AuthError(
                f"{where}: the {which} has non-ASCII characters, which IMAP LOGIN cannot"
                " send; the server does not offer AUTHENTICATE PLAIN"
            )
        login = client.plain_login
    try:
        login(account.username, secret)
    except imap_errors.LoginError as err:
        raise AuthError(
            f"{where}: the server refused the login for {account.username!r}: {_text(err)}"
        ) from err
    except (ValueError, TypeError) as err:
        # never the error's text: a codec's message quotes a character of the password
        raise AuthError(f"{where}: the login could not be sent ({type(err).__name__})") from None


def _close_quietly(client: IMAPClient) -> None:
    try:
        client.shutdown()
    except Exception:  # the connection is being dropped anyway
        logger.debug("shutdown after failure failed", exc_info=True)


# ---------------------------------------------------------------------------- the mailbox


class Mailbox:
    """A logged-in, read-only IMAP connection. Not thread-safe: one per thread."""

    def __init__(self, client: IMAPClient, account: str, where: str, counter: list[int]) -> None:
        self.__client = client
        self.account = account
        self.where = where
        self._received = counter
        self._condstore = False
        self._selected: str | None = None
        caps = {_s(c).upper() for c in client.capabilities()}
        if "CONDSTORE" in caps:
            try:
                self._condstore = bool(self._call("ENABLE", client.enable, "CONDSTORE"))
            except MailboxError:
                logger.debug("%s: ENABLE CONDSTORE refused", where)
        self.capabilities = frozenset(caps)

    @property
    def bytes_received(self) -> int:
        """Bytes read from the server on this connection so far (after TLS)."""
        return self._received[0]

    @property
    def supports_idle(self) -> bool:
        return "IDLE" in self.capabilities

    def _call(self, what: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except MailboxError:
            raise
        except Exception as err:
            raise describe_error(err, f"{self.where} {what}") from err

    def _fetch(self, uids: Sequence[int], items: Sequence[str]) -> Any:
        try:
            return self.__client.fetch(list(uids), list(items))
        except MailboxError:
            raise
        except Exception as err:
            raise describe_fetch_error(err, f"{self.where} UID FETCH") from err

    def list_folders(self) -> list[FolderInfo]:
        rows = self._call("LIST", self.__client.list_folders)
        return [FolderInfo(_s(name), tuple(_s(f) for f in flags)) for flags, _sep, name in rows]

    def examine(self, folder: str) -> FolderStatus:
        """Open `folder` read-only (EXAMINE); a missing folder raises MailboxError."""
        try:
            response = self.__client.select_folder(folder, readonly=True)
        except (imap_errors.IMAPClientError, imaplib.IMAP4.error) as err:
            if isinstance(err, imaplib.IMAP4.abort | imap_errors.IMAPClientAbortError):
                raise describe_error(err, f"{self.where} EXAMINE {folder!r}") from err
            raise MailboxError(
                f"{self.where}: cannot open folder {folder!r}: {_text(err)}"
            ) from err
        except Exception as err:
            raise describe_error(err, f"{self.where} EXAMINE {folder!r}") from err
        self._selected = folder
        modseq = response.get(b"HIGHESTMODSEQ")
        return FolderStatus(
            name=folder,
            uidvalidity=int(response[b"UIDVALIDITY"]),
            uidnext=int(response[b"UIDNEXT"]) if b"UIDNEXT" in response else None,
            highest_modseq=int(modseq) if modseq is not None and self._condstore else None,
            exists=int(response.get(b"EXISTS", 0)),
        )

    def search_new(self, after_uid: int, since: date | None = None) -> list[int]:
        """UIDs above `after_uid` (and on or after `since`), ascending."""
        criteria: list[Any] = ["UID", f"{after_uid + 1}:*"]
        if since is not None:
            criteria += ["SINCE", since]
        found = self._call("UID SEARCH", self.__client.search, criteria)
        # "n:*" always matches the highest UID, even when it is below n
        return sorted(uid for uid in found if uid > after_uid)

    def search_all(self) -> list[int]:
        """Every UID the open folder holds now (UID SEARCH ALL), ascending."""
        return sorted(self._call("UID SEARCH", self.__client.search, ["ALL"]))

    def fetch_messages(
        self, uids: Sequence[int], text_cap: int = TEXT_CAP_BYTES
    ) -> Iterator[FetchedMessage]:
        """Fetch the text of `uids` (one batch) in UID order; attachments stay on the server.

        A response that cannot be parsed (one malformed message spoils a batch) is retried
        message by message, and a message that still fails is read raw (`_fetch_raw`); one
        that cannot be read at all comes back with `error` set. Only NetworkError is raised.
        """
        if not uids:
            return
        try:
            batch = self._fetch_batch(uids, text_cap)
        except NetworkError:
            raise
        except MailboxError as err:
            if len(uids) == 1:
                yield self._fetch_raw(uids[0], text_cap, err)
                return
            # err never quotes the response (describe_fetch_error): no header or body here
            logger.warning("%s: batch FETCH failed (%s); one message at a time", self.where, err)
            for uid in uids:
                yield from self.fetch_messages([uid], text_cap)
            return
        yield from batch

    def _fetch_batch(self, uids: Sequence[int], text_cap: int) -> list[FetchedMessage]:
        structures = self._fetch(uids, ["BODYSTRUCTURE", "RFC822.SIZE", "INTERNALDATE"])
        plans: dict[int, MessagePlan] = {}
        for uid in uids:
            item = structures.get(uid)
            if item is None:
                continue  # expunged meanwhile: nothing to read
            size = int(item.get(b"RFC822.SIZE", 0))
            try:
                plans[uid] = plan_message(uid, item[b"BODYSTRUCTURE"], size)
            except (KeyError, IndexError, TypeError, ValueError) as err:
                # the type only: the error's text may quote a file name or a parameter
                logger.warning(
                    "%s uid %d: unreadable structure (%s)", self.where, uid, type(err).__name__
                )
                plans[uid] = MessagePlan(uid, size, (), ())
        groups: dict[tuple[tuple[str, int], ...], list[int]] = {}
        for uid, plan in plans.items():
            sections = tuple((p.section, p.cap or text_cap) for p in plan.text_parts)
            groups.setdefault(sections, []).append(uid)
        arrived = {uid: _utc(structures[uid].get(b"INTERNALDATE")) for uid in plans}
        fetched: dict[int, FetchedMessage] = {}
        for sections, group in groups.items():
            items = [f"BODY.PEEK[HEADER]<0.{HEADER_CAP_BYTES}>"]
            items += [f"BODY.PEEK[{s}]<0.{cap}>" for s, cap in sections]
            response = self._fetch(group, items)
            for uid in group:
                data = response.get(uid)
                if data is None:
                    continue
                texts = {s: data.get(f"BODY[{s}]<0>".encode()) or b"" for s, _ in sections}
                header = data.get(b"BODY[HEADER]<0>") or b""
                fetched[uid] = FetchedMessage(
                    uid,
                    assemble_message(header, plans[uid], texts, text_cap),
                    plans[uid].size,
                    arrived_at=arrived[uid],
                )
        return [fetched[uid] for uid in uids if uid in fetched]

    def _fetch_raw(self, uid: int, text_cap: int, cause: MailboxError) -> FetchedMessage:
        """Last resort for a message imapclient cannot read: its first bytes, as stored.

        Read through imaplib, which does not parse a FETCH response, so a reply imapclient
        chokes on still yields the message, capped at the header cap plus `text_cap`.
        """
        where = f"{self.where} UID FETCH {uid}"
        cap = HEADER_CAP_BYTES + text_cap
        try:
            status, response = self.__client._imap.uid(
                "FETCH", str(uid), f"(RFC822.SIZE INTERNALDATE BODY.PEEK[]<0.{cap}>)"
            )
        except MailboxError:
            raise
        except Exception as err:
            described = describe_fetch_error(err, where)
            if isinstance(described, NetworkError):
                raise described from err
            return FetchedMessage(uid, b"", 0, error=f"{described} (after: {cause})")
        raw, size, arrived_at = _raw_body(response) if status == "OK" else (None, 0, None)
        if raw is None:
            reason = f"{where}: the server sent no bytes for the message"
            return FetchedMessage(uid, b"", size, error=f"{reason} (after: {cause})")
        if size > len(raw):  # cut at the last line break and marked, as a text part is
            cut = raw.rfind(b"\n")
            raw = raw[: cut + 1] if cut > 0 else raw
            raw = f"X-Inbox-Monitor-Truncated: {len(raw)} of {size} bytes\r\n".encode() + raw
        return FetchedMessage(uid, raw, size or len(raw), arrived_at=arrived_at)

    def wait_for_changes(self, seconds: int, stop: threading.Event | None = None) -> bool:
        """IDLE on the selected folder for up to `seconds`; True when the server reported news.

        Returns early (False) when `stop` is set; checks it every second.
        """
        if not self.supports_idle or self._selected is None:
            raise MailboxError(f"{self.where}: IDLE needs a server with IDLE and a folder open")
        client = self.__client
        self._call("IDLE", client.idle)
        changed = False
        try:
            for _ in range(max(1, seconds)):
                responses = self._call("IDLE", client.idle_check, timeout=1.0)
                if any(_is_change(r) for r in responses):
                    changed = True
                    break
                if stop is not None and stop.is_set():
                    break
        finally:
            self._call("DONE", client.idle_done)
        return changed

    def noop(self) -> None:
        self._call("NOOP", self.__client.noop)

    def close(self) -> None:
        """Log out (never CLOSE, which would expunge in a read-write session)."""
        try:
            self.__client.logout()
        except Exception:
            _close_quietly(self.__client)

    def __enter__(self) -> Mailbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_RAW_BODY = re.compile(rb"BODY\[\](?:<0>)? \{\d+\}$")
_RAW_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_RAW_INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')


def _raw_body(response: Sequence[Any]) -> tuple[bytes | None, int, datetime | None]:
    """The BODY[] literal, RFC822.SIZE and INTERNALDATE from imaplib's unparsed FETCH response.

    imaplib gives each literal as (the line before it, the literal); plain lines as bytes.
    """
    body: bytes | None = None
    size = 0
    arrived_at: datetime | None = None
    for item in response:
        line = item[0] if isinstance(item, tuple) else item
        if not isinstance(line, bytes):
            continue
        found = _RAW_SIZE.search(line)
        size = int(found.group(1)) if found else size
        stamp = _RAW_INTERNALDATE.search(line)
        arrived_at = _internaldate(stamp.group(1)) if stamp else arrived_at
        if body is None and isinstance(item, tuple) and _RAW_BODY.search(line.rstrip()):
            body = bytes(item[1])
    return body, size, arrived_at


def _internaldate(text: bytes) -> datetime | None:
    """An INTERNALDATE ("17-Jul-1996 02:44:25 -0700", the day may be space-padded) in UTC."""
    try:
        return _utc(parse_to_datetime(text, normalise=False))
    except (ValueError, OverflowError):
        return None


def _utc(value: Any) -> datetime | None:
    """imapclient's INTERNALDATE (aware, as normalise_times is off) in UTC; None for a time
    without a zone, which could only be guessed."""
    if not isinstance(value, datetime) or value.tzinfo is None:
        return None
    try:
        return value.astimezone(UTC)
    except OverflowError:  # "31-Dec-9999 23:59:59 -0100": past the last datetime in UTC
        return None


def _is_change(response: Any) -> bool:
    """EXISTS or RECENT or FETCH (flags) or EXPUNGE in an IDLE response; not '* OK still here'."""
    if isinstance(response, tuple) and len(response) >= 2:
        return _s(response[1]).upper() in {"EXISTS", "RECENT", "EXPUNGE", "FETCH"}
    return False


def find_special_folder(folders: Sequence[FolderInfo], flag: str) -> str | None:
    """The name of the folder carrying a special-use flag such as \\Sent, or None."""
    return next((f.name for f in folders if f.has_flag(flag) and f.selectable), None)


# ---------------------------------------------------------------------------- structure


def plan_message(uid: int, structure: Any, size: int) -> MessagePlan:
    """Choose the sections to download from a BODYSTRUCTURE.

    multipart/alternative: only the text/plain child (else text/html, else the first
    multipart child), and a text/calendar child. Other multiparts: every child. Leaves that
    are text and not marked as attachments are fetched, and so is a calendar invitation
    (text/calendar, application/ics, a *.ics file) of at most invite.MAX_CALENDAR_BYTES, whole;
    a larger one, and other leaves with a file name or an attachment disposition, are
    described only; nameless inline non-text parts (logos) are dropped.
    """
    texts: list[TextPart] = []
    omitted: list[OmittedPart] = []
    _walk(structure, "", texts, omitted)
    return MessagePlan(uid, size, tuple(texts), tuple(omitted))


def _walk(part: Any, section: str, texts: list[TextPart], omitted: list[OmittedPart]) -> None:
    if isinstance(part, BodyData) and part.is_multipart:
        children = list(part[0])
        subtype = _s(part[1]).lower()
        numbered = [(c, f"{section}.{i}" if section else str(i)) for i, c in enumerate(children, 1)]
        if subtype == "alternative":
            chosen = _preferred_alternative(numbered)
            # Outlook's invitation is a text/calendar alternative: fetched (when small) for
            # the parser to read, or described so that it knows the message is one
            numbered = [
                (child, child_section)
                for child, child_section in numbered
                if (child, child_section) in chosen
                or (
                    not (isinstance(child, BodyData) and child.is_multipart)
                    and f"{_s(child[0])}/{_s(child[1])}".lower() == "text/calendar"
                )
            ]
        for child, child_section in numbered:
            _walk(child, child_section, texts, omitted)
        return
    leaf_section = section or "1"
    main, sub = _s(part[0]).lower(), _s(part[1]).lower()
    content_type = f"{main}/{sub}"
    params = _pairs(part[2])
    encoding = _s(part[5]).lower() or "7bit"
    encoded_size = int(part[6] or 0)
    disposition = _disposition(part, main, sub)
    disposition_type = _s(disposition[0]).lower() if disposition else ""
    filename = dict(_pairs(disposition[1] if disposition else None)).get("filename") or dict(
        params
    ).get("name", "")
    if is_calendar_part(content_type, filename):
        attachment = bool(filename) or disposition_type == "attachment"
        if _decoded_size(part) <= MAX_CALENDAR_BYTES:
            part_text = TextPart(leaf_section, content_type, params, encoding, encoded_size)
            texts.append(replace(part_text, attachment=attachment, filename=filename))
        else:
            name = filename or f"part-{leaf_section}"
            omitted.append(OmittedPart(content_type, name, _decoded_size(part)))
        return
    if content_type in TEXT_TYPES and disposition_type != "attachment":
        texts.append(TextPart(leaf_section, content_type, params, encoding, encoded_size))
        return
    if filename or disposition_type == "attachment" or main == "message":
        omitted.append(
            OmittedPart(content_type, filename or f"part-{leaf_section}", _decoded_size(part))
        )


def _decoded_size(leaf: Any) -> int:
    encoded = int(leaf[6] or 0)
    return encoded * 3 // 4 if _s(leaf[5]).lower() == "base64" else encoded


def _preferred_alternative(numbered: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    def kind(child: Any) -> str:
        if isinstance(child, BodyData) and child.is_multipart:
            return "multipart"
        return f"{_s(child[0])}/{_s(child[1])}".lower()

    for wanted in ("text/plain", "text/html", "multipart"):
        chosen = [(c, s) for c, s in numbered if kind(c) == wanted]
        if chosen:
            return chosen[:1]
    return numbered[:1]


def _pairs(value: Any) -> tuple[tuple[str, str], ...]:
    if not value or not isinstance(value, tuple | list):
        return ()
    items = list(value)
    return tuple((_s(items[i]).lower(), _s(items[i + 1])) for i in range(0, len(items) - 1, 2))


def _disposition(part: Any, main: str, sub: str) -> Any:
    """The disposition field sits after the type-specific extension fields."""
    index = 9 if main == "text" else 11 if (main, sub) == ("message", "rfc822") else 8
    if len(part) > index and isinstance(part[index], tuple) and part[index]:
        return part[index]
    return None


# ---------------------------------------------------------------------------- reassembly

_DROPPED_HEADERS = re.compile(
    rb"^(content-type|content-transfer-encoding|content-disposition)\s*:", re.IGNORECASE
)


def _strip_content_headers(header: bytes) -> bytes:
    lines = header.replace(b"\r\n", b"\n").rstrip(b"\n").split(b"\n")
    return b"\r\n".join(without_fields(lines, _DROPPED_HEADERS))


def _content_type_header(part: TextPart) -> bytes:
    value = part.content_type + "".join(f'; {k}="{v}"' for k, v in part.params if '"' not in v)
    header = f"Content-Type: {value}\r\nContent-Transfer-Encoding: {part.encoding}\r\n"
    if part.attachment:
        name = f"; {_filename_parameter(part.filename)}" if part.filename else ""
        header += f"Content-Disposition: attachment{name}\r\n"
    return header.encode("utf-8", "replace")


def _filename_parameter(name: str) -> str:
    if name.isascii() and '"' not in name:
        return f'filename="{name}"'
    return f"filename*={encode_rfc2231(name, 'utf-8')}"


def _cut(text: bytes, part: TextPart, cap: int) -> tuple[bytes, bytes]:
    """Cut a capped part at its last line break, so no escape or character is split."""
    if part.size <= cap or len(text) < cap:
        return text, b""
    cut = text.rfind(b"\n")
    text = text[: cut + 1] if cut > 0 else text
    return text, f"X-Inbox-Monitor-Truncated: {len(text)} of {part.size} bytes\r\n".encode()


def _cut_header(header: bytes, cap: int) -> bytes:
    """Cut a header the cap cut (it lacks the blank line that ends a whole one) at its last
    line break, and mark it; the header's full size is not known."""
    if len(header) < cap or header.endswith((b"\r\n\r\n", b"\n\n")):
        return header
    cut = header.rfind(b"\n")
    header = header[: cut + 1] if cut > 0 else header
    return header + f"X-Inbox-Monitor-Truncated: header, first {len(header)} bytes\r\n".encode()


def _placeholder(part: OmittedPart) -> bytes:
    quoted = _filename_parameter(part.filename)
    return (
        f"Content-Type: {part.content_type}\r\n"
        f"Content-Disposition: attachment; {quoted}; size={part.size}\r\n"
        f"X-Inbox-Monitor-Omitted: {part.size} bytes left on the server\r\n\r\n"
    ).encode("utf-8", "replace")


def assemble_message(
    header: bytes,
    plan: MessagePlan,
    texts: dict[str, bytes],
    cap: int = TEXT_CAP_BYTES,
    header_cap: int = HEADER_CAP_BYTES,
) -> bytes:
    """A minimal RFC 822 message: the original header, the text parts, attachment stubs.

    Deterministic: the same message on the server always gives the same bytes (so a
    re-read after a UIDVALIDITY change has the same content hash).
    """
    head = _strip_content_headers(_cut_header(header, header_cap))
    marker = f"X-Inbox-Monitor-Fetched: text parts only; original size {plan.size} bytes\r\n"
    if len(plan.text_parts) == 1 and not plan.omitted:
        part = plan.text_parts[0]
        body, truncated = _cut(texts.get(part.section, b""), part, part.cap or cap)
        return (
            head
            + b"\r\n"
            + _content_type_header(part)
            + truncated
            + marker.encode()
            + (b"\r\n" + body)
        )
    digest = hashlib.sha256(header)
    for part in plan.text_parts:
        digest.update(texts.get(part.section, b"")[:4096])
    boundary = f"=_inbox-monitor_{digest.hexdigest()[:32]}"
    pieces = [
        head,
        b"\r\n",
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n'.encode(),
        marker.encode(),
        b"\r\n",
    ]
    for part in plan.text_parts:
        body, truncated = _cut(texts.get(part.section, b""), part, part.cap or cap)
        pieces += [f"--{boundary}\r\n".encode(), _content_type_header(part), truncated, b"\r\n"]
        pieces += [body, b"" if body.endswith(b"\n") else b"\r\n"]
    for omitted in plan.omitted:
        pieces += [f"--{boundary}\r\n".encode(), _placeholder(omitted)]
    pieces.append(f"--{boundary}--\r\n".encode())
    return b"".join(pieces)
