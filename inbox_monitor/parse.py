"""Turn raw RFC 822 bytes into a ParsedMessage.

The only module that speaks to mail-parser. Email is untrusted input: any byte sequence
either parses (problems are recorded in `ParsedMessage.defects`) or raises ParseError
with a reason; no other exception leaves `parse_message`.

Conventions (the rest of the pipeline relies on them):
- Message-IDs keep their angle brackets: `<local@domain>`, whitespace removed. The same
  form is used for `in_reply_to` and each of `references`, so they can be compared as is.
- A missing Message-ID is synthesised from the key headers and the body text:
  `<sha256hex@inbox-monitor.invalid>`; the same bytes always give the same id.
- Header text with 8-bit bytes or broken encoded-words is decoded leniently: UTF-8 where
  it is valid, Windows-1252 for the bytes that are not, so nothing raises.
- `list_id` is the List-Id identifier (`jobs.acme.example`); mail with only a
  List-Unsubscribe header gets `list-unsubscribe:<host>`, so bulk mail is always marked.
- The date is the Date header's, with the sender's UTC offset; but never later than the
  message's arrival, and the first Received hop's when the Date is a week or more before
  it (a wrong clock); the Received header or the import time when there is no usable Date.
- `defects` holds short tokens, never message text: mail-parser's and the email
  package's defect class names (`CloseBoundaryNotFoundDefect`, ...) and this module's own
  (`message-id-missing`, `date-missing`, `date-unparseable`, `date-naive-taken-as-utc`,
  `date-offset-out-of-range`, `date-implausible`, `date-after-arrival`,
  `date-before-received`, `address-defect:<header>`, `address-without-at:<header>`,
  `body-truncated`, `no-headers`, `multiple-from`, `html-in-text-plain`,
  `mail-parser-failed:<error>`, `calendar part unreadable: <why>`: invite.py's reason).
- `invitation` is the calendar invitation of the first calendar part that holds one
  (text/calendar, application/ics or a *.ics file; see invite.py), its times with no zone
  in the sender's offset; the part's text is not kept (nor is it the body when the message
  has a text part).
"""

from __future__ import annotations

import binascii
import codecs
import hashlib
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import encode_rfc2231, getaddresses, parsedate_to_datetime
from itertools import pairwise
from typing import Any

import mailparser
from mailparser.exceptions import MailParserRecursionError
from mailparser.utils import get_addresses

from inbox_monitor.bodytext import html_to_text, looks_like_html, split_body
from inbox_monitor.errors import ParseError
from inbox_monitor.invite import MAX_CALENDAR_ENCODED_BYTES, CalendarUnreadable, read_calendar
from inbox_monitor.models import (
    Address,
    Attachment,
    DateSource,
    Invitation,
    ParsedMessage,
    is_calendar_part,
    untagged_address,
)

logger = logging.getLogger(__name__)
# mail-parser logs every unusual MIME part, some with header text in the message; that is
# per-message noise during an import, and what matters is kept in ParsedMessage.defects.
logging.getLogger("mailparser").setLevel(logging.CRITICAL)

SYNTHETIC_ID_DOMAIN = "inbox-monitor.invalid"

_FALLBACK_ERRORS = "inbox_monitor_cp1252"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes a codec rejected as Windows-1252 instead of failing."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", "replace"), error.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)

# Code points no text can hold; a charset such as UTF-7 or unicode_escape, named by the mail,
# decodes to them, and SQLite (UTF-8) refuses to store them.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_MESSAGE_ID = re.compile(r"<([^<>]*)>")
_WHITESPACE = re.compile(r"\s+")
_URL_HOST = re.compile(r"(?:https?://|mailto:[^@>\s]*@)([^/>?\s:]+)", re.IGNORECASE)
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)
_AUTO_PRECEDENCE = frozenset({"auto_reply", "bulk", "list", "junk"})
# Subject prefixes of out-of-office and vacation replies (Outlook writes them in the
# user's language; Gmail and Exchange also send Auto-Submitted: auto-replied)
_AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(?:automatic\s+reply|auto[-\s]?reply|auto[-\s]?response|automatic\s+response"
    r"|out\s+of\s+(?:the\s+)?office(?:\s+auto[-\s]?reply)?|automatische\s+antwort"
    r"|abwesenheitsnotiz|r[ée]ponse\s+automatique|respuesta\s+autom[áa]tica"
    r"|risposta\s+automatica|automatisch\s+antwoord|resposta\s+autom[áa]tica)\s*:",
    re.IGNORECASE,
)
_HTML_INPUT_FACTOR = 5  # HTML is capped at this many times max_text_chars before conversion
_FILE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "zip archive or office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE file, e.g. an Outlook .msg"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Decode bytes in `charset` (UTF-8 when absent or unknown), never raising.

    Bytes invalid in the charset are read as Windows-1252, which covers the usual case
    of Latin-1 text declared (or not declared) as UTF-8.
    """
    name = (charset or "utf-8").strip().strip('"').split("*", 1)[0].lower()
    if name in {"unknown-8bit", "x-unknown", "unknown", "us-ascii", "ascii", "default", ""}:
        name = "utf-8"
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        name = "utf-8"
    try:
        return _without_surrogates(data.decode(name, _FALLBACK_ERRORS))
    except (UnicodeError, LookupError, ValueError):
        return data.decode("utf-8", _FALLBACK_ERRORS)


def _raw_header_text(value: object) -> str:
    """Header value as stored by the email package (8-bit bytes as surrogates) -> text."""
    if not isinstance(value, str):
        value = str(value)
    try:
        data = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
    return decode_bytes(data)


def _decode_encoded_word(charset: str, encoding: str, text: str) -> bytes | None:
    try:
        if encoding in "bB":
            text = text + "=" * (-len(text) % 4)
            return binascii.a2b_base64(text, strict_mode=True)
        return binascii.a2b_qp(text.replace("_", " "), header=True)
    except (binascii.Error, ValueError):
        return None


def decode_header_text(value: str) -> str:
    """Decode RFC 2047 encoded-words leniently; broken words are kept as written.

    Adjacent words in one charset are joined as bytes before decoding, so a UTF-8
    character split across two words still comes out whole.
    """
    if "=?" not in value:
        return _WHITESPACE.sub(" ", value).strip()
    pieces: list[str] = []
    pending = bytearray()
    pending_charset = ""
    previous_was_word = False
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        charset, encoding, text = match.group(1), match.group(2), match.group(3)
        decoded = _decode_encoded_word(charset, encoding, text)
        # RFC 2047: whitespace between two encoded-words is not part of the text.
        joined = previous_was_word and not between.strip()
        if decoded is not None and joined and charset.lower() == pending_charset.lower():
            pending.extend(decoded)
        else:
            if pending:
                pieces.append(decode_bytes(bytes(pending), pending_charset))
            pending = bytearray()
            if not (joined and decoded is not None):
                pieces.append(between)
            if decoded is None:
                pieces.append(match.group(0))
            else:
                pending.extend(decoded)
            pending_charset = charset
        previous_was_word = decoded is not None
        position = match.end()
    if pending:
        pieces.append(decode_bytes(bytes(pending), pending_charset))
    pieces.append(value[position:])
    return _WHITESPACE.sub(" ", "".join(pieces)).strip()


# Header fields only mail has, to tell a message from a text file whose first line happens
# to hold a colon ("TODO: call them", "Re: notes"); X- and the prefixed families cover
# what exports put first (X-GM-THRID, ARC-Seal, DKIM-Signature).
_MAIL_HEADER_LINE = re.compile(
    rb"(?:from|to|cc|bcc|subject|date|message-id|in-reply-to|references|reply-to|sender"
    rb"|received|received-spf|return-path|delivered-to|envelope-to|apparently-to|mime-version"
    rb"|status|auto-submitted|authentication-results|domainkey-signature|precedence"
    rb"|importance|priority|organization|user-agent|keywords|comments|newsgroups|path"
    rb"|errors-to|feedback-id|autocrypt|disposition-notification-to|return-receipt-to"
    rb"|(?:content|list|resent|thread|arc|dkim|x)-[!-9;-~]+)[ \t]*:",
    re.IGNORECASE,
)
_HEADER_SCAN_LINES = 5  # lines looked at for a header: a client may leave odd ones on top


def header_start(data: bytes) -> int | None:
    """Where the header block of `data` starts, or None when it has none: not mail.

    Blank lines above it are passed over, and so are up to four lines that are no header
    field (an export's banner) above the first mail header field (_MAIL_HEADER_LINE). A
    first line that is a header field, or an mbox "From " line, starts it.
    """
    head = data[:4096]
    first = len(head) - len(head.lstrip())
    if head.startswith(b"From ", first):
        return first
    position = first
    for _ in range(_HEADER_SCAN_LINES):
        end = head.find(b"\n", position)
        end = len(head) if end < 0 else end + 1
        line = head[position:end]
        if not line.strip():
            return None  # the header block, if any, ended (or the text did)
        if _MAIL_HEADER_LINE.match(line):
            # odd lines above it are dropped, unless the first is a field of its own
            return first if _HEADER_LINE.match(head, first) else position
        position = end
    return None


def rejection_reason(raw: bytes) -> str | None:
    """Why `raw` is not a message at all (empty, binary), or None when it may be one."""
    if not raw.strip():
        return "empty"
    for magic, kind in _FILE_MAGIC:
        if raw.startswith(magic):
            return f"binary data ({kind}), not a message"
    head = raw[:4096]
    if _HEADER_LINE.match(head.lstrip()) is not None:
        return None
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32 or byte == 127)
    if b"\x00" in head or controls > len(head) // 20:
        return "binary data, no header block"
    return None


def _headers(message: Message) -> dict[str, list[str]]:
    """Lower-cased header name -> decoded-to-text raw values (encoded-words kept)."""
    headers: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        headers.setdefault(name.lower().strip(), []).append(_raw_header_text(value))
    return headers


def _first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0].strip() if values else ""


def normalize_message_ids(value: str) -> tuple[str, ...]:
    """All Message-IDs in a header, in order, as `<id>` with whitespace removed."""
    found = [_WHITESPACE.sub("", item) for item in _MESSAGE_ID.findall(value)]
    ids = [f"<{item}>" for item in found if item]
    if not ids and not found:
        ids = [f"<{item.strip('<>')}>" for item in value.split() if item.strip("<>")]
    return tuple(ids)


def _addresses(
    parser: Any, headers: dict[str, list[str]], name: str, defects: list[str]
) -> tuple[Address, ...]:
    """The mailboxes of the first `name` header; the ones without "@" become defects."""
    value = _first(headers, name)
    if not value:
        return ()
    diagnostics: list[Any]
    if value.isascii() and isinstance(parser, mailparser.MailParser):
        # mail-parser already parsed this header: reuse its result.
        parsed = getattr(parser, name.replace("-", "_") + "_")
        diagnostics = [
            item
            for item in parser.address_header_defects
            if item.get("header") == name and item.get("occurrence") == 0
        ]
    else:
        diagnostics = []
        try:
            parsed = get_addresses(value, defects=diagnostics, decode_names=True)
        except Exception as err:  # mail-parser on a hostile header: fall back to the stdlib
            diagnostics.append(type(err).__name__)
            parsed = getaddresses([value])
    if diagnostics:
        defects.append(f"address-defect:{name}")
    result: list[Address] = []
    for display, email in parsed:
        email = email.strip().lower()
        if "@" not in email:
            if email:
                defects.append(f"address-without-at:{name}")
            continue
        display = decode_header_text(_raw_header_text(display)).strip().strip('"').strip()
        result.append(Address("" if display.lower() == email else display, email))
    return tuple(result)


def _parse_date(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


EARLIEST_DATE = datetime(1990, 1, 1, tzinfo=UTC)
"""Dates before this are a sender's clock at zero (1970) or a mangled year, not mail's."""
LATEST_AHEAD = timedelta(days=2)
"""How far past its arrival a message's date may be: time zones and clock skew, not more.
Within it the Date is still the message's (its zone is kept), but no later than its arrival."""
ARRIVAL_SKEW = timedelta(minutes=5)
"""A Date this far past its arrival is a clock a little fast, and stands as it is."""
BEHIND_FIRST_HOP = timedelta(days=7)
"""A Date further than this before the first server took the message is a sender's clock
(or year) gone wrong; mail held in a queue for days is still within it."""


def _plausible(value: datetime | None, received_at: datetime) -> datetime | None:
    """`value` (made tz-aware) when it could be the date of mail that arrived at
    `received_at`; None when it is before EARLIEST_DATE or more than LATEST_AHEAD after."""
    if value is None:
        return None
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    try:
        if aware < EARLIEST_DATE or aware > received_at + LATEST_AHEAD:
            return None
    except OverflowError:
        return None
    return value


def _received_times(headers: dict[str, list[str]], received_at: datetime) -> list[datetime]:
    """The plausible times of the Received headers, the newest hop (the top one) first."""
    times = []
    for received in headers.get("received", []):
        value = _plausible(_parse_date(received.rpartition(";")[2].strip()), received_at)
        if value is not None:
            times.append(value if value.tzinfo is not None else value.replace(tzinfo=UTC))
    return times


def _message_date(
    headers: dict[str, list[str]],
    received_at: datetime,
    defects: list[str],
    arrived_at: datetime | None = None,
) -> tuple[datetime, DateSource]:
    """The message's date and where it came from.

    The Date header, unless it is missing, unparseable or implausible: then the newest
    Received hop, else `arrived_at` (when the source recorded the arrival: IMAP's
    INTERNALDATE), else `received_at`. A Date later than the message's arrival (the newest
    Received hop, else `arrived_at`, or `received_at` when that is earlier) by more than
    ARRIVAL_SKEW is taken back to the arrival ("date-after-arrival": mail that has arrived
    is shown now, not once a fast clock's time comes). A Date more than BEHIND_FIRST_HOP before the
    oldest Received hop (the first server that took it) is a wrong clock or year: that
    hop's time is used ("date-before-received"). The oldest hop, not the newest, so that
    mail fetched or forwarded long after it was delivered (POP fetchers add a hop) and an
    old archive imported today keep their Date. Either way the Date's UTC offset is kept:
    it is the sender's, by which their "Monday" is read.
    """
    source: DateSource = "header"
    value = _parse_date(_first(headers, "date")) if _first(headers, "date") else None
    if value is not None and _plausible(value, received_at) is None:
        # a sender's clock at zero or a year ahead would misplace it on every timeline
        defects.append("date-implausible")
        value = None
    elif value is None:
        defects.append("date-unparseable" if _first(headers, "date") else "date-missing")
    hops = _received_times(headers, received_at)
    if arrived_at is not None:
        # no time without a zone, nor one after the message was read
        known = arrived_at.tzinfo is not None and arrived_at <= received_at
        arrived_at = _plausible(arrived_at, received_at) if known else None
    if value is None:
        source = "received"
        # The top Received header is the newest hop: the time the mail reached us.
        value = hops[0] if hops else None
    if value is None and arrived_at is not None:
        # no hop (the user's own mail in a Sent folder): the server's record of its arrival
        source, value = "arrival", arrived_at
    if value is None:
        source = "import"
        value = received_at
    if value.tzinfo is None:
        defects.append("date-naive-taken-as-utc")
        value = value.replace(tzinfo=UTC)
    if source != "header":
        return value, source
    if hops or arrived_at is None:
        arrival = min(hops[0], received_at) if hops else received_at
        late: DateSource = "received" if arrival != received_at else "import"
    else:
        arrival = min(arrived_at, received_at)
        late = "arrival" if arrival == arrived_at else "import"
    if hops and hops[-1] - value > BEHIND_FIRST_HOP:
        defects.append("date-before-received")
        return hops[-1].astimezone(value.tzinfo), "received"
    if value > arrival + ARRIVAL_SKEW:
        defects.append("date-after-arrival")
        return arrival.astimezone(value.tzinfo), late
    return value, source


def _base64_size(payload: str) -> int:
    """Decoded size of base64 text, without decoding it."""
    length = len(payload)
    for character in "\r\n \t":
        length -= payload.count(character)
    padding = payload.rstrip().count("=", -3) if payload else 0
    length -= padding
    return length * 3 // 4


_INVENTED_NAME = re.compile(r"[a-z]{10}\.(?:txt|rtf)")
_DISPOSITION_SIZE = re.compile(r";\s*size\s*=\s*\"?(\d{1,15})\"?", re.IGNORECASE)


def _attachments(parser: Any) -> tuple[Attachment, ...]:
    result: list[Attachment] = []
    for item in parser.attachments:
        payload = item.get("payload") or ""
        if item.get("binary") and item.get("content_transfer_encoding") == "base64":
            size = _base64_size(payload) if isinstance(payload, str) else len(payload)
        elif isinstance(payload, str):
            size = len(payload.encode("utf-8", "surrogateescape"))
        else:
            size = len(payload) if isinstance(payload, bytes | bytearray) else 0
        if size == 0:
            # a part the IMAP sync left on the server carries its size (RFC 2183 size=)
            declared = _DISPOSITION_SIZE.search(str(item.get("content-disposition") or ""))
            size = int(declared.group(1)) if declared else 0
        filename = decode_header_text(_raw_header_text(item.get("filename") or ""))
        if _INVENTED_NAME.fullmatch(filename) and filename not in str(
            item.get("content-disposition") or ""
        ):
            filename = ""  # mail-parser names a nameless part at random: keep the parse stable
        content_type = str(item.get("mail_content_type") or "application/octet-stream")
        result.append(Attachment(filename, content_type.lower(), size))
    return tuple(result)


def _with_calendar(attachments: tuple[Attachment, ...], message: Message) -> tuple[Attachment, ...]:
    """`attachments`, plus a nameless text/calendar entry when the message carries a calendar
    part as an alternative body (Outlook and Exchange send invitations so, without a file):
    the rule that reads invitations to the user's interview needs to know there is one."""
    if any(a.is_calendar for a in attachments):
        return attachments
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            payload = part.get_payload()
            size = (
                len(payload.encode("utf-8", "surrogateescape")) if isinstance(payload, str) else 0
            )
            return (*attachments, Attachment("", "text/calendar", size))
    return attachments


def _invitation(message: Message, floating: tzinfo, defects: list[str]) -> Invitation | None:
    """The calendar invitation of the first calendar part (invite.is_calendar_part) that
    holds one, read by invite.py; None when there is none. A part that holds none (or is
    over invite.MAX_CALENDAR_BYTES) gives the defect "calendar part unreadable: <why>"; an
    empty one (left on the server by the IMAP sync, or too large to keep) is passed over."""
    problem = ""
    for part in message.walk():
        if part.is_multipart() or not is_calendar_part(
            part.get_content_type(), str(part.get_filename() or "")
        ):
            continue
        try:
            encoded = part.get_payload()
            if not isinstance(encoded, str) or not encoded.strip():
                continue
            if len(encoded) > MAX_CALENDAR_ENCODED_BYTES:
                problem = problem or "too large"
                continue
            data = part.get_payload(decode=True)
            text = decode_bytes(
                data if isinstance(data, bytes) else b"", part.get_content_charset()
            )
            return read_calendar(text, floating)
        except CalendarUnreadable as err:
            problem = problem or str(err)
        except Exception as err:  # a hostile part: the message is read without it
            problem = problem or type(err).__name__
    if problem:
        defects.append(f"calendar part unreadable: {problem}")
    return None


def _looks_textual(text: str) -> bool:
    sample = text[:2000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= len(sample) // 50


def _body_text(parser: Any, max_text_chars: int, defects: list[str]) -> str:
    """text/plain parts, else the HTML parts as text, else other textual parts; capped."""
    limit = max_text_chars * _HTML_INPUT_FACTOR
    plain = [text for text in parser.text_plain if text.strip()]
    if plain and all(looks_like_html(text) for text in plain):
        defects.append("html-in-text-plain")
        body = html_to_text("\n".join(plain)[:limit])
    elif plain:
        body = "\n\n".join(plain)
    elif any(text.strip() for text in parser.text_html):
        body = html_to_text("\n".join(parser.text_html)[:limit])
    else:
        others = [text for text in parser.text_not_managed if _looks_textual(text)]
        body = "\n\n".join(others)
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if len(body) > max_text_chars:
        defects.append("body-truncated")
        body = body[:max_text_chars]
    return body


def synthesize_message_id(headers: dict[str, list[str]], body: str) -> str:
    """A stable Message-ID from the key headers and the body text."""
    digest = hashlib.sha256()
    for name in ("from", "to", "cc", "date", "subject"):
        text = _WHITESPACE.sub(" ", " ".join(headers.get(name, []))).strip()
        digest.update(f"{name}:{text}\n".encode("utf-8", "replace"))
    digest.update(_WHITESPACE.sub(" ", body).strip().encode("utf-8", "replace"))
    return f"<{digest.hexdigest()}@{SYNTHETIC_ID_DOMAIN}>"


def _auto_submitted(headers: dict[str, list[str]]) -> str:
    """The Auto-Submitted keyword ("auto-replied", "auto-generated", "no"), or ""."""
    return _first(headers, "auto-submitted").split(";", 1)[0].strip().lower()


def _flagged(headers: dict[str, list[str]], *names: str) -> bool:
    """One of these headers is present and not "no", "false" or "0" (X-Autoreply: yes)."""
    return any(
        name in headers and _first(headers, name).lower() not in {"no", "false", "0"}
        for name in names
    )


def _is_auto_reply(headers: dict[str, list[str]], subject: str) -> bool:
    """A reply sent by a responder, not a person: RFC 3834 "auto-replied", X-Autoreply,
    X-Autorespond, Precedence: auto_reply, or an "Automatic reply:" subject."""
    return (
        _auto_submitted(headers) == "auto-replied"
        or _first(headers, "precedence").lower() == "auto_reply"
        or _flagged(headers, "x-autoreply", "x-autorespond")
        or _AUTO_REPLY_SUBJECT.match(subject) is not None
    )


def _is_auto_submitted(headers: dict[str, list[str]]) -> bool:
    return (
        _auto_submitted(headers) not in ("", "no")
        or _flagged(headers, "x-autoreply", "x-autorespond", "x-autogenerated")
        or _first(headers, "precedence").lower() in _AUTO_PRECEDENCE
    )


def _list_id(headers: dict[str, list[str]]) -> str | None:
    """List-Id's identifier; else `list-unsubscribe:<host>` when only List-Unsubscribe is set."""
    list_id = decode_header_text(_first(headers, "list-id"))
    if list_id:
        inside = _MESSAGE_ID.findall(list_id)
        return (inside[-1].strip() if inside and inside[-1].strip() else list_id).lower()
    unsubscribe = _first(headers, "list-unsubscribe")
    if unsubscribe:
        host = _URL_HOST.search(unsubscribe)
        return f"list-unsubscribe:{host.group(1).lower()}" if host else "list-unsubscribe"
    return None


class _StdlibParts:
    """A message's text parts and attachments read with the stdlib email package alone.

    The fallback when mail-parser raises on a message; it offers the few attributes of
    mail-parser's result that this module reads. One unreadable part is skipped.
    """

    def __init__(self, raw: bytes) -> None:
        self.message = message_from_bytes(raw)
        self.text_plain: list[str] = []
        self.text_html: list[str] = []
        self.text_not_managed: list[str] = []
        self.attachments: list[dict[str, Any]] = []
        self.address_header_defects: list[dict[str, Any]] = []
        self.defects_categories: set[str] = set()
        for part in self.message.walk():
            self.defects_categories.update(type(defect).__name__ for defect in part.defects)
            if part.is_multipart():
                continue
            try:
                self._add_part(part)
            except Exception as err:  # one bad part, not the whole message
                self.defects_categories.add(f"UnreadablePart:{type(err).__name__}")

    def _add_part(self, part: Message) -> None:
        content_type = part.get_content_type()
        filename = part.get_filename()
        if (
            filename
            or part.get_content_disposition() == "attachment"
            or (part.get_content_maintype() != "text")
        ):
            encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
            # base64 stays encoded: its size is computed from the text, not by decoding
            payload = part.get_payload() if encoding == "base64" else part.get_payload(decode=True)
            self.attachments.append(
                {
                    "filename": str(filename or ""),
                    "mail_content_type": content_type,
                    "payload": payload,
                    "binary": encoding == "base64",
                    "content_transfer_encoding": encoding,
                }
            )
            return
        data = part.get_payload(decode=True)
        text = decode_bytes(data if isinstance(data, bytes) else b"", part.get_content_charset())
        subtype = part.get_content_subtype()
        target = {"plain": self.text_plain, "html": self.text_html}.get(subtype)
        (self.text_not_managed if target is None else target).append(text)


# --- large attachments ---------------------------------------------------------------------

OMIT_PART_BYTES = 32_768
"""A base64 attachment larger than this (encoded) is not decoded: only its size is kept."""

_HEAD_END = re.compile(rb"\r?\n\r?\n")
_DISPOSITION_LINE = re.compile(rb"^content-disposition\s*:", re.IGNORECASE)
_MAX_SLIM_DEPTH = 20


def omit_large_attachments(raw: bytes, threshold: int = OMIT_PART_BYTES) -> bytes:
    """`raw` with the bodies of large base64 attachments left out, their sizes declared.

    mail-parser (through the stdlib feed parser) reads every line of every part, so one
    2 MB attachment costs more than a hundred text messages. Nothing reads attachment
    contents: a part that is not text, or is marked as an attachment, and whose base64 body
    is over `threshold` bytes keeps its headers, loses its body and gets `size=` (its
    decoded size, RFC 2183) in Content-Disposition: what the IMAP sync stores for parts it
    leaves on the server. Anything unexpected (no closing boundary, odd nesting) leaves the
    message as it is, for the full parser to judge; the content hash is always the original's.
    """
    if len(raw) <= threshold:
        return raw
    try:
        return _slim_entity(raw, threshold, 0)
    except Exception:  # never worse than not slimming: the full parser judges the original
        return raw


def _slim_entity(entity: bytes, threshold: int, depth: int) -> bytes:
    if len(entity) <= threshold or depth > _MAX_SLIM_DEPTH:
        return entity
    end = _HEAD_END.search(entity)
    if end is None:
        return entity
    head, body = entity[: end.start()], entity[end.end() :]
    headers = BytesHeaderParser(policy=compat32).parsebytes(head + b"\n\n")
    if headers.get_content_maintype() == "multipart":
        boundary = headers.get_boundary()
        if not boundary:
            return entity
        slim = _slim_multipart(body, boundary.encode("utf-8", "surrogateescape"), threshold, depth)
        return entity if slim is None else entity[: end.end()] + slim
    encoding = str(headers.get("content-transfer-encoding", "")).strip().lower()
    attachment = (
        headers.get_content_maintype() != "text"
        or headers.get_content_disposition() == "attachment"
    )
    if encoding != "base64" or not attachment or len(body) <= threshold:
        return entity
    if len(body) <= MAX_CALENDAR_ENCODED_BYTES and is_calendar_part(
        headers.get_content_type(), str(headers.get_filename() or "")
    ):
        return entity  # an invitation is read (_invitation)
    size = _base64_size(body.decode("latin-1"))
    return _with_declared_size(head, headers, size) + entity[end.start() : end.end()]


def _delimiters(body: bytes, boundary: bytes) -> list[tuple[int, int, bool]]:
    """(start, end, closing) of each delimiter line: `--boundary` at a line start, then
    `--` for the closing one, optional blanks and the line break (found with bytes.find:
    a regular expression with a look-behind costs a hundred times more on a 2 MB part)."""
    marker = b"--" + boundary
    suffix = re.compile(rb"(--)?[ \t]*(?:\r?\n|$)")
    found: list[tuple[int, int, bool]] = []
    position = body.find(marker)
    while position >= 0:
        if position == 0 or body[position - 1 : position] == b"\n":
            tail = suffix.match(body, position + len(marker))
            if tail is not None:
                found.append((position, tail.end(), tail.group(1) is not None))
        position = body.find(marker, position + len(marker))
    return found


def _slim_multipart(body: bytes, boundary: bytes, threshold: int, depth: int) -> bytes | None:
    """The multipart body with each part slimmed, or None when its boundaries are not sound."""
    found = _delimiters(body, boundary)
    closing = next((i for i, (_, _, last) in enumerate(found) if last), None)
    if not closing:  # no closing delimiter, or no part before it
        return None
    pieces = [body[: found[0][1]]]
    for (_, content_start, _), (next_start, next_end, _) in pairwise(found[: closing + 1]):
        part = body[content_start:next_start]
        line_break = b"\r\n" if part.endswith(b"\r\n") else b"\n" if part.endswith(b"\n") else b""
        content = part[: len(part) - len(line_break)]
        pieces += [_slim_entity(content, threshold, depth + 1), line_break]
        pieces.append(body[next_start:next_end])
    pieces.append(body[found[closing][1] :])
    return b"".join(pieces)


def without_fields(lines: Iterable[bytes], field: re.Pattern[bytes]) -> list[bytes]:
    """Header lines without the fields whose first line matches `field` (their folded
    continuation lines go with them)."""
    kept: list[bytes] = []
    dropping = False
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        dropping = bool(field.match(line))
        if not dropping:
            kept.append(line)
    return kept


def _with_declared_size(head: bytes, headers: Message, size: int) -> bytes:
    """The part's header block with its Content-Disposition replaced by one carrying size=."""
    newline = b"\r\n" if b"\r\n" in head else b"\n"
    kept = without_fields(head.splitlines(), _DISPOSITION_LINE)
    kind = headers.get_content_disposition() or "attachment"
    name = headers.get_filename()
    value = f"{kind}; size={size}"
    if name:
        name = decode_header_text(name)
        quoted = f'"{name}"' if name.isascii() and '"' not in name else None
        value += (
            f"; filename={quoted}" if quoted else f"; filename*={encode_rfc2231(name, 'utf-8')}"
        )
    kept.append(f"Content-Disposition: {value}".encode())
    return newline.join(kept)


def _mailparser_defects(parser: Any) -> Iterable[str]:
    return sorted(str(category) for category in parser.defects_categories)


def parse_message(
    raw: bytes,
    *,
    own_addresses: frozenset[str] = frozenset(),
    sent: bool = False,
    received_at: datetime,
    max_text_chars: int = 100_000,
    arrived_at: datetime | None = None,
) -> ParsedMessage:
    """Parse one message; raise ParseError only when `raw` is not a message at all.

    `received_at` (tz-aware) is the date used when neither Date, Received nor `arrived_at`
    (when the message arrived where it was read, as that place records it) gives one.
    `own_addresses` are the user's addresses: mail from them is outbound, as is mail
    given as `sent`, unless it is from someone else to one of them.
    """
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise ParseError(f"expected bytes, got {type(raw).__name__}")
    raw = bytes(raw)
    reason = rejection_reason(raw)
    if reason:
        raise ParseError(reason)
    try:
        return _parse(raw, own_addresses, sent, received_at, max_text_chars, arrived_at)
    except ParseError:
        raise
    except (RecursionError, MailParserRecursionError) as err:
        raise ParseError("MIME structure nested too deeply") from err
    except Exception as err:  # the contract: nothing but ParseError leaves this function
        logger.warning("message could not be parsed: %s", type(err).__name__)
        raise ParseError(f"parser failure: {type(err).__name__}: {err}") from err


def _parse(
    raw: bytes,
    own_addresses: frozenset[str],
    sent: bool,
    received_at: datetime,
    max_text_chars: int,
    arrived_at: datetime | None = None,
) -> ParsedMessage:
    defects: list[str] = []
    parser: Any
    start = header_start(raw)
    message_bytes = raw[start:] if start else raw
    if start:  # blank or odd lines above the header block: the parser would see no header
        defects.append("lines-before-header")
    try:
        parser = mailparser.MailParser.from_bytes(omit_large_attachments(message_bytes))
    except (RecursionError, MailParserRecursionError):
        raise
    except Exception as err:  # a mail-parser bug must not cost us the message
        logger.info("mail-parser failed (%s); reading with the stdlib", type(err).__name__)
        parser = _StdlibParts(omit_large_attachments(message_bytes))
        defects.append(f"mail-parser-failed:{type(err).__name__}")
    message: Message = parser.message
    headers = _headers(message)
    defects[:0] = _mailparser_defects(parser)
    if not headers:
        defects.append("no-headers")

    sender_list = _addresses(parser, headers, "from", defects)
    if len(sender_list) > 1:
        defects.append("multiple-from")
    body = _body_text(parser, max_text_chars, defects)
    parts = split_body(body)

    message_ids = normalize_message_ids(_first(headers, "message-id"))
    synthesized = not message_ids
    message_id = synthesize_message_id(headers, body) if synthesized else message_ids[0]
    if synthesized:
        defects.append("message-id-missing")
    in_reply_to_ids = normalize_message_ids(_first(headers, "in-reply-to"))
    references = normalize_message_ids(" ".join(headers.get("references", [])))

    if received_at.tzinfo is None:
        received_at = received_at.replace(tzinfo=UTC)
    date, date_source = _message_date(headers, received_at, defects, arrived_at)
    if date.utcoffset() is not None and abs(date.utcoffset() or timedelta()) > timedelta(hours=14):
        defects.append("date-offset-out-of-range")

    # a time the invitation gives with no zone is the sender's (the Date's offset)
    invitation = _invitation(message, date.tzinfo or UTC, defects)
    sender = sender_list[0] if sender_list else None
    subject = decode_header_text(_first(headers, "subject"))
    own = {untagged_address(address.strip()) for address in own_addresses}
    to = _addresses(parser, headers, "to", defects)
    cc = _addresses(parser, headers, "cc", defects)
    from_user = sender is not None and untagged_address(sender.email) in own
    # Mail given as sent (`import --sent`) from someone else to one of the user's addresses
    # is theirs: a received folder given as sent by mistake, not the user's own mail.
    to_user = sender is not None and any(untagged_address(a.email) in own for a in (*to, *cc))
    outbound = from_user or (sent and not to_user)
    return ParsedMessage(
        message_id=message_id,
        message_id_synthesized=synthesized,
        in_reply_to=in_reply_to_ids[0] if in_reply_to_ids else None,
        references=references,
        sender=sender,
        reply_to=_addresses(parser, headers, "reply-to", defects),
        to=to,
        cc=cc,
        date=date,
        date_source=date_source,
        subject=subject,
        body=body,
        new_text=parts.new_text,
        quoted=parts.quoted,
        signature=parts.signature,
        footer=parts.footer,
        attachments=_with_calendar(_attachments(parser), message),
        direction="outbound" if outbound else "inbound",
        content_hash=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
        auto_submitted=_is_auto_submitted(headers),
        auto_reply=_is_auto_reply(headers, subject),
        list_id=_list_id(headers),
        invitation=invitation,
        defects=tuple(dict.fromkeys(defects)),
    )
