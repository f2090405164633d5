"""What IMAP trouble may put in the log, sync_health and the digest, against a real Dovecot.

A response imapclient cannot parse quotes the message (header and body) in its error
text; a password IMAP LOGIN cannot send made the codec quote one of its characters. The
log, `status` and the digest carry neither. Also: the header cap and the raw last resort.
"""

from __future__ import annotations

import imaplib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

import pytest
from conftest import NOW, account_for, make_message
from dovecot_server import NON_ASCII_USER, DovecotServer
from imapclient import IMAPClient
from imapclient import exceptions as imap_errors

from inbox_monitor.config import AccountConfig
from inbox_monitor.errors import AuthError, MailboxError
from inbox_monitor.imap import (
    HEADER_CAP_BYTES,
    TEXT_CAP_BYTES,
    FetchedMessage,
    Mailbox,
    MessagePlan,
    NetworkError,
    TextPart,
    assemble_message,
    connect,
    describe_error,
    describe_fetch_error,
)
from inbox_monitor.parse import parse_message
from inbox_monitor.pipeline import Pipeline
from inbox_monitor.store import Store
from inbox_monitor.sync import sync_account

pytestmark = pytest.mark.imap

WHERE = "work (127.0.0.1:993) UID FETCH"
PRIVATE = ("CONFIDENTIAL-SUBJECT", "pat@acme.example", "SECRET-BODY-TEXT")
# what imapclient's parser says of a FETCH response with one atom too many (the audit's case)
RESPONSE = (
    b"UID",
    2,
    b"BODY[HEADER]",
    b"From: Pat <pat@acme.example>\r\nSubject: Offer CONFIDENTIAL-SUBJECT\r\n\r\n",
    b"BODY[1]<0>",
    b"Dear Alex, your offer: SECRET-BODY-TEXT\r\n",
    b"EXTRA",
)
UNPARSABLE = imap_errors.ProtocolError(f"uneven number of response items: {RESPONSE!r}")


def open_mailbox(account: AccountConfig) -> Mailbox:
    return connect(account, password=lambda: account.credentials.password or "")


def assert_private_text_absent(*texts: str) -> None:
    for text in texts:
        for secret in PRIVATE:
            assert secret not in text, text


def every_log_line(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


# ---------------------------------------------------------------------------- F7: error texts


def test_a_fetch_response_that_cannot_be_parsed_is_named_not_quoted() -> None:
    for describe in (describe_error, describe_fetch_error):
        error = describe(UNPARSABLE, WHERE)
        assert type(error) is MailboxError
        assert str(error) == f"{WHERE}: the server's response could not be parsed (ProtocolError)"


def test_a_line_imaplib_cannot_read_in_a_fetch_is_not_quoted_and_still_a_network_error() -> None:
    abort = imaplib.IMAP4.abort("unexpected response: b'Dear Alex, SECRET-BODY-TEXT'")
    error = describe_fetch_error(abort, WHERE)
    assert isinstance(error, NetworkError)  # the connection is reopened, as before
    assert str(error) == f"{WHERE}: the server's response could not be read (abort)"
    unexpected = describe_fetch_error(ValueError("b'Subject: CONFIDENTIAL-SUBJECT'"), WHERE)
    assert str(unexpected) == f"{WHERE}: the server's response could not be read (ValueError)"


def test_the_servers_own_words_and_socket_errors_keep_their_text() -> None:
    refused = imap_errors.IMAPClientError("FETCH failed: [SERVERBUG] Internal error occurred.")
    assert "[SERVERBUG] Internal error occurred." in str(describe_fetch_error(refused, WHERE))
    reset = ConnectionResetError(104, "Connection reset by peer")
    error = describe_fetch_error(reset, WHERE)
    assert isinstance(error, NetworkError) and "Connection reset by peer" in str(error)


def failing_for(uid: int) -> object:
    """Mailbox._fetch_batch as it behaves when imapclient cannot parse `uid`'s response."""
    real = Mailbox._fetch_batch

    def fetch_batch(self: Mailbox, uids: Sequence[int], text_cap: int) -> list[FetchedMessage]:
        if uid in uids:
            raise describe_error(UNPARSABLE, f"{self.where} UID FETCH")
        return real(self, uids, text_cap)

    return fetch_batch


def test_a_batch_imapclient_cannot_parse_leaves_no_mail_text_in_the_log_and_keeps_the_mail(
    seed: IMAPClient,
    account: AccountConfig,
    store: Store,
    pipeline: Pipeline,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for index in range(3):
        seed.append("INBOX", make_message(index, subject=f"Interview {index}"))
    monkeypatch.setattr(Mailbox, "_fetch_batch", failing_for(2))
    caplog.set_level(logging.DEBUG)
    results = sync_account(account, store, pipeline, NOW)

    assert [r.error for r in results] == [None] * len(results)
    assert "batch FETCH failed" in caplog.text
    assert_private_text_absent(every_log_line(caplog))
    assert "ProtocolError" in caplog.text
    assert_private_text_absent(*(str(h["last_error"]) for h in store.sync_health()))
    # the message whose response could not be parsed is read raw and stored, not skipped
    subjects = [row[0] for row in store.db.execute("SELECT subject FROM messages ORDER BY id")]
    assert sorted(subjects) == ["Interview 0", "Interview 1", "Interview 2"]
    assert store.quarantined() == []


# ---------------------------------------------------------------------------- the raw last resort


@pytest.fixture()
def mailbox(account: AccountConfig) -> Iterator[Mailbox]:
    """Logged in; the test EXAMINEs INBOX once its mail is there."""
    with open_mailbox(account) as opened:
        yield opened


def test_the_last_resort_reads_the_message_as_stored_through_imaplib(
    seed: IMAPClient, mailbox: Mailbox
) -> None:
    data = make_message(1, subject="Offer", attachment=b"%PDF-1.4 small")
    seed.append("INBOX", data)
    mailbox.examine("INBOX")
    cause = describe_error(UNPARSABLE, WHERE)
    fetched = mailbox._fetch_raw(1, TEXT_CAP_BYTES, cause)
    assert fetched.error is None
    assert fetched.data.replace(b"\r\n", b"\n") == data.replace(b"\r\n", b"\n")
    assert fetched.original_size == len(fetched.data)
    parsed = parse_message(fetched.data, received_at=NOW)
    assert parsed.subject == "Offer"


def test_the_last_resort_is_capped_cut_at_a_line_break_and_marked(
    seed: IMAPClient, mailbox: Mailbox
) -> None:
    data = make_message(1, subject="Big", attachment=b"\x00\x01" * 300_000)
    seed.append("INBOX", data)
    mailbox.examine("INBOX")
    size = len(data.replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n"))
    fetched = mailbox._fetch_raw(1, 1000, describe_error(UNPARSABLE, WHERE))
    assert fetched.error is None
    assert fetched.original_size == size
    marker, _, kept = fetched.data.partition(b"\r\n")
    assert marker == f"X-Inbox-Monitor-Truncated: {len(kept)} of {size} bytes".encode()
    assert len(kept) <= HEADER_CAP_BYTES + 1000 and kept.endswith(b"\n")
    assert parse_message(fetched.data, received_at=NOW).subject == "Big"


def test_a_message_the_last_resort_cannot_find_comes_back_with_a_reason(
    mailbox: Mailbox,
) -> None:
    mailbox.examine("INBOX")
    fetched = mailbox._fetch_raw(99, TEXT_CAP_BYTES, describe_error(UNPARSABLE, WHERE))
    assert fetched.data == b""
    assert fetched.error is not None and "no bytes for the message" in fetched.error
    assert "ProtocolError" in fetched.error
    assert_private_text_absent(fetched.error)


# ---------------------------------------------------------------------------- F12: header cap


def long_header_message(filler_lines: int) -> bytes:
    filler = "".join(f"X-Filler: {n:08d} {'x' * 60}\r\n" for n in range(filler_lines))
    return (
        "From: Recruiter <recruiter@acme.example>\r\nTo: me@example.com\r\n"
        "Subject: Your application\r\nDate: Sun, 01 Nov 2026 10:00:00 +0000\r\n"
        f"Message-ID: <long-header@acme.example>\r\n{filler}MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\n\r\n"
        "We would like to meet you.\r\n"
    ).encode()


def test_a_header_longer_than_the_cap_is_cut_at_a_line_break_and_marked(
    seed: IMAPClient, mailbox: Mailbox
) -> None:
    data = long_header_message(filler_lines=5000)  # about 400 KB of header
    seed.append("INBOX", data)
    mailbox.examine("INBOX")
    before = mailbox.bytes_received
    [fetched] = list(mailbox.fetch_messages([1]))
    assert mailbox.bytes_received - before < HEADER_CAP_BYTES + 20_000
    lines = fetched.data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    [marker] = [n for n, line in enumerate(lines) if line.startswith(b"X-Inbox-Monitor-Trunc")]
    kept = sum(len(line) + 2 for line in lines[:marker])
    assert lines[marker] == f"X-Inbox-Monitor-Truncated: header, first {kept} bytes".encode()
    assert HEADER_CAP_BYTES - 200 < kept < HEADER_CAP_BYTES
    assert re.fullmatch(rb"X-Filler: \d{8} x{60}", lines[marker - 1])  # a whole line
    parsed = parse_message(fetched.data, received_at=NOW)
    assert parsed.subject == "Your application"
    assert "We would like to meet you." in parsed.body


def test_a_header_under_the_cap_is_fetched_whole_and_unmarked(
    seed: IMAPClient, mailbox: Mailbox
) -> None:
    seed.append("INBOX", long_header_message(filler_lines=100))
    mailbox.examine("INBOX")
    [fetched] = list(mailbox.fetch_messages([1]))
    assert b"X-Inbox-Monitor-Truncated" not in fetched.data
    assert fetched.data.count(b"X-Filler: ") == 100


def test_a_whole_header_exactly_at_the_cap_is_not_marked() -> None:
    header = b"Subject: Hello\r\nX-Filler: " + b"x" * 20 + b"\r\n\r\n"
    part = TextPart("1", "text/plain", (), "7bit", 5)
    plan = MessagePlan(1, 100, (part,), ())
    whole = assemble_message(header, plan, {"1": b"Hi.\r\n"}, header_cap=len(header))
    assert b"Truncated" not in whole
    cut = assemble_message(header[:-4], plan, {"1": b"Hi.\r\n"}, header_cap=len(header) - 4)
    assert b"X-Inbox-Monitor-Truncated: header, first 16 bytes\r\n" in cut


# ---------------------------------------------------------------------------- F8: passwords


def non_ascii_account(server: DovecotServer, password: str) -> AccountConfig:
    return account_for(server, (NON_ASCII_USER[0], password))


def assert_password_absent(password: str, *texts: str) -> None:
    for text in texts:
        assert "codec" not in text and "position" not in text, text
        for character in {c for c in password if not c.isascii()}:
            assert character not in text and repr(character)[1:-1] not in text, text


def test_a_non_ascii_password_logs_in_with_authenticate_plain(
    dovecot: DovecotServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with open_mailbox(non_ascii_account(dovecot, NON_ASCII_USER[1])) as mailbox:
        assert mailbox.examine("INBOX").uidvalidity > 0
    assert_password_absent(NON_ASCII_USER[1], every_log_line(caplog))


def test_a_wrong_non_ascii_password_is_refused_without_quoting_it(
    dovecot: DovecotServer,
    store: Store,
    pipeline: Pipeline,
    caplog: pytest.LogCaptureFixture,
) -> None:
    wrong = "wröng-pässwörd"
    account = replace(non_ascii_account(dovecot, wrong), name="work")
    with pytest.raises(AuthError, match="the server refused the login") as raised:
        open_mailbox(account)
    caplog.set_level(logging.DEBUG)
    results = sync_account(account, store, pipeline, NOW)
    errors = [str(r.error) for r in results]
    assert "refused the login" in errors[-1]
    health = [str(h["last_error"]) for h in store.sync_health()]
    assert_password_absent(wrong, str(raised.value), *errors, *health, every_log_line(caplog))


def test_without_authenticate_plain_a_non_ascii_password_gets_a_plain_answer(
    own_dovecot: DovecotServer, store: Store, pipeline: Pipeline, caplog: pytest.LogCaptureFixture
) -> None:
    # the later setting wins: AUTHENTICATE LOGIN only (Dovecot's LOGIN command then fails too)
    own_dovecot.extra_config = "auth_mechanisms = login\n"
    own_dovecot.prepare()
    own_dovecot.start()
    account = non_ascii_account(own_dovecot, NON_ASCII_USER[1])
    expected = (
        f"{account.name} ({account.host}:{account.port}): the password has non-ASCII"
        " characters, which IMAP LOGIN cannot send; the server does not offer"
        " AUTHENTICATE PLAIN"
    )
    with pytest.raises(AuthError) as raised:
        open_mailbox(account)
    assert str(raised.value) == expected
    caplog.set_level(logging.DEBUG)
    results = sync_account(account, store, pipeline, NOW)
    assert [r.error for r in results] == [expected]
    health = [str(h["last_error"]) for h in store.sync_health()]
    assert health == [expected]
    assert_password_absent(NON_ASCII_USER[1], every_log_line(caplog))
