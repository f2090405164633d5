"""Choosing the sections to fetch and rebuilding a message from them (no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from imapclient.response_parser import parse_fetch_response

from inbox_monitor.imap import _raw_body, assemble_message, plan_message
from inbox_monitor.parse import parse_message

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
HEADER = (
    b"From: Sam Lee <sam@acme.example>\r\nTo: me@example.com\r\nSubject: Interview\r\n"
    b"Message-ID: <abc@acme.example>\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed;\r\n boundary="b1"\r\n\r\n'
)


def structure(text: bytes) -> Any:
    """A BODYSTRUCTURE as imapclient parses it from a server's FETCH response."""
    response = parse_fetch_response([b"1 (UID 7 BODYSTRUCTURE " + text + b")"], True, True)
    return response[7][b"BODYSTRUCTURE"]


PLAIN = b'("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 120 4 NIL NIL NIL NIL)'
HTML = b'("text" "html" ("charset" "utf-8") NIL NIL "7bit" 300 8 NIL NIL NIL NIL)'
PDF = (
    b'("application" "pdf" ("name" "cv.pdf") NIL NIL "base64" 4000000 NIL'
    b' ("attachment" ("filename" "cv.pdf")) NIL NIL)'
)
LOGO = b'("image" "png" NIL "<logo@x>" NIL "base64" 9000 NIL ("inline" NIL) NIL NIL)'
TEXT_FILE = (
    b'("text" "plain" ("charset" "us-ascii" "name" "notes.txt") NIL NIL "7bit" 50 2 NIL'
    b' ("attachment" ("filename" "notes.txt")) NIL NIL)'
)


def test_alternative_takes_plain_and_attachments_are_described_not_fetched() -> None:
    body = b"((" + PLAIN + HTML + b' "alternative" ("boundary" "b2") NIL NIL NIL)' + PDF
    plan = plan_message(7, structure(body + b' "mixed" ("boundary" "b1") NIL NIL NIL)'), 5_400_000)
    assert [p.section for p in plan.text_parts] == ["1.1"]
    assert plan.text_parts[0].encoding == "quoted-printable"
    assert [(o.filename, o.content_type, o.size) for o in plan.omitted] == [
        ("cv.pdf", "application/pdf", 3_000_000)
    ]


def test_an_outlook_invitation_fetches_its_calendar_part() -> None:
    calendar = (
        b'("text" "calendar" ("charset" "utf-8" "method" "REQUEST") NIL NIL "7bit" 120 6'
        b" NIL NIL NIL NIL)"
    )
    body = b"(" + PLAIN + HTML + calendar + b' "alternative" ("boundary" "b2") NIL NIL NIL)'
    plan = plan_message(7, structure(body), 3_000)
    # the invitation is read (invite.py): fetched beside the plain text, whole
    assert [p.section for p in plan.text_parts] == ["1", "3"]
    assert plan.omitted == ()
    ics = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    parsed = parse_message(
        assemble_message(HEADER, plan, {"1": b"Teams meeting\r\n", "3": ics}), received_at=NOW
    )
    assert [a.content_type for a in parsed.attachments] == ["text/calendar"]
    assert parsed.invitation is not None and parsed.invitation.method == "REQUEST"
    assert parsed.body.strip() == "Teams meeting"


def test_html_only_mail_with_an_inline_logo_and_a_text_attachment() -> None:
    related = b"(" + HTML + LOGO + b' "related" ("boundary" "b3") NIL NIL NIL)'
    body = b"(" + related + TEXT_FILE + b' "mixed" ("boundary" "b1") NIL NIL NIL)'
    plan = plan_message(7, structure(body), 20_000)
    assert [(p.section, p.content_type) for p in plan.text_parts] == [("1.1", "text/html")]
    assert [o.filename for o in plan.omitted] == ["notes.txt"]  # the nameless logo is dropped


def test_a_single_part_message_is_section_one() -> None:
    plan = plan_message(7, structure(PLAIN), 500)
    assert [p.section for p in plan.text_parts] == ["1"] and plan.omitted == ()


def test_reassembled_message_parses_with_text_and_attachment_names() -> None:
    body = b"((" + PLAIN + HTML + b' "alternative" ("boundary" "b2") NIL NIL NIL)' + PDF
    plan = plan_message(7, structure(body + b' "mixed" ("boundary" "b1") NIL NIL NIL)'), 5_400_000)
    text = b"We would like to invite you to an interview on Tuesday.=0D=0A\r\nBest, Sam\r\n"

    data = assemble_message(HEADER, plan, {"1.1": text})

    assert data == assemble_message(HEADER, plan, {"1.1": text})  # deterministic
    assert len(data) < 1_000
    parsed = parse_message(data, received_at=NOW)
    assert parsed.message_id == "<abc@acme.example>"
    assert parsed.subject == "Interview"
    assert "invite you to an interview on Tuesday" in parsed.body
    assert [a.filename for a in parsed.attachments] == ["cv.pdf"]
    assert b"size=3000000" in data and b"original size 5400000 bytes" in data
    assert data.count(b"Content-Type: multipart/mixed") == 1  # the original one was replaced


def test_a_capped_part_is_cut_at_a_line_break_and_marked() -> None:
    plan = plan_message(7, structure(PLAIN.replace(b" 120 4 ", b" 200000 4000 ")), 200_500)
    line = b"=C3=A9t=C3=A9 " * 5 + b"\r\n"  # quoted-printable: never split an escape
    text = (line * 2000)[:100]

    data = assemble_message(HEADER, plan, {"1": text}, cap=100)

    body = data.split(b"\r\n\r\n", 1)[1]
    assert body == line  # cut after the last whole line within the first 100 bytes
    assert b"X-Inbox-Monitor-Truncated: 72 of 200000 bytes" in data
    assert "été" in parse_message(data, received_at=NOW).body


def test_the_raw_fetch_reads_the_arrival_time_with_its_zone() -> None:
    # what imaplib hands back for the last-resort raw FETCH: the literal with its line
    response = [
        (b'7 (UID 7 RFC822.SIZE 40 INTERNALDATE " 5-Oct-2026 14:30:00 +0530" BODY[]<0> {40}',
         b"Subject: x\r\n\r\nINTERNALDATE \"1-Jan-1999 00:00:00 +0000\"\r\n"),
        b")",
    ]  # fmt: skip
    body, size, arrived = _raw_body(response)
    assert size == 40 and body is not None and body.startswith(b"Subject: x")
    assert arrived == datetime(2026, 10, 5, 9, 0, tzinfo=UTC)  # not the text in the body


def test_an_arrival_time_past_the_last_utc_moment_is_no_time() -> None:
    """'31-Dec-9999 23:59:59 -0100' is after the last datetime in UTC: no arrival, rather
    than an OverflowError that would fail the account's sync on every poll (review 16)."""
    from inbox_monitor.imap import _internaldate

    assert _internaldate(b"31-Dec-9999 23:59:59 -0100") is None
    assert _internaldate(b" 5-Oct-2026 14:30:00 +0530") == datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
