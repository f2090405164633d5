"""parse_message: golden files for sample messages, and every kind of bad input.

Regenerate the golden files after an intended change with
    REGENERATE_GOLDEN=1 .venv/bin/pytest tests/test_parse.py -k golden
and review the diff before committing it.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inbox_monitor import parse as parse_module
from inbox_monitor.errors import ParseError
from inbox_monitor.models import Address, ParsedMessage
from inbox_monitor.parse import (
    OMIT_PART_BYTES,
    decode_header_text,
    header_start,
    omit_large_attachments,
    parse_message,
)

DATA = Path(__file__).parent / "data" / "parse"
RECEIVED_AT = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
OWN = frozenset({"Alex@Example.com"})


def parse(raw: bytes, **options: Any) -> ParsedMessage:
    options.setdefault("received_at", RECEIVED_AT)
    return parse_message(raw, **options)


def to_json(message: ParsedMessage) -> dict[str, Any]:
    """A ParsedMessage as plain JSON data (dates as ISO 8601 with their offset)."""
    data = dataclasses.asdict(message)
    data["date"] = message.date.isoformat()
    return json.loads(json.dumps(data))


def write_golden(source: Path) -> Path:
    """(Re)write the .expected.json next to a fixture; the helper behind REGENERATE_GOLDEN."""
    message = parse(source.read_bytes(), own_addresses=OWN)
    target = source.with_suffix(".expected.json")
    target.write_text(json.dumps(to_json(message), indent=2, ensure_ascii=False) + "\n")
    return target


FIXTURES = sorted(DATA.glob("*.eml"))


@pytest.mark.parametrize("source", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_golden(source: Path) -> None:
    if os.environ.get("REGENERATE_GOLDEN"):
        write_golden(source)
    expected = json.loads(source.with_suffix(".expected.json").read_text())
    assert to_json(parse(source.read_bytes(), own_addresses=OWN)) == expected


def test_there_are_golden_fixtures() -> None:
    assert len(FIXTURES) >= 5
    assert all(path.with_suffix(".expected.json").exists() for path in FIXTURES)


def test_recruiter_reply_fields() -> None:
    message = parse((DATA / "recruiter_reply.eml").read_bytes(), own_addresses=OWN)
    assert message.message_id == "<CAF=next-steps-42@mail.acme.example>"
    assert message.in_reply_to == "<alex-followup-7@example.com>"
    assert message.references == (
        "<acme-invite-1@mail.acme.example>",
        "<alex-followup-7@example.com>",
    )
    assert message.sender == Address("Jane Doe", "jane.doe@acme.example")
    assert message.cc == (Address("Smith, Robert", "robert.smith@acme.example"),)
    assert message.date == datetime(2026, 3, 10, 14, 5, tzinfo=timezone(timedelta(hours=1)))
    assert message.date.utcoffset() == timedelta(hours=1)
    assert message.direction == "inbound"
    assert "by Friday 13 March" in message.new_text
    assert message.quoted.startswith("On Mon, 9 Mar 2026 at 18:30")
    assert message.signature.splitlines()[2] == "Senior Talent Partner | Acme Corp"
    assert message.footer.startswith("This email and any attachments are confidential")
    (attachment,) = message.attachments
    encoded = (DATA / "recruiter_reply.eml").read_text().split("base64\n\n")[1].split("--outer")[0]
    assert attachment.size == len(base64.b64decode(encoded))
    assert (attachment.filename, attachment.content_type) == (
        "Interview schedule.pdf",
        "application/pdf",
    )


def test_outbound_by_own_address_and_by_sent_flag() -> None:
    forwarded = (DATA / "forwarded.eml").read_bytes()
    assert parse(forwarded, own_addresses=OWN).direction == "outbound"
    assert parse(forwarded).direction == "inbound"
    reply = (DATA / "recruiter_reply.eml").read_bytes()
    assert parse(reply, sent=True).direction == "outbound"
    # a "+tag" address is the same mailbox: mail from it is the user's too
    tagged = forwarded.replace(b"alex@example.com", b"Alex+Jobs@example.com", 1)
    assert tagged != forwarded
    assert parse(tagged, own_addresses=OWN).direction == "outbound"
    other = forwarded.replace(b"alex@example.com", b"alexa+jobs@example.com", 1)
    assert parse(other, own_addresses=OWN).direction == "inbound"


def test_a_calendar_part_is_listed_once_among_the_attachments() -> None:
    invitation = EmailMessage()
    invitation["From"] = "Jane <jane@acme.example>"
    invitation["Subject"] = "Interview: Alex Morgan - Data Engineer"
    invitation.set_content("Microsoft Teams meeting")
    invitation.add_alternative("BEGIN:VCALENDAR\nEND:VCALENDAR\n", subtype="calendar")
    outlook = parse(invitation.as_bytes())
    assert outlook.new_text == "Microsoft Teams meeting"
    assert [(a.filename, a.content_type) for a in outlook.attachments] == [("", "text/calendar")]
    invitation.add_attachment(b"BEGIN:VCALENDAR", "application", "ics", filename="invite.ics")
    google = parse(invitation.as_bytes())  # the file stands for the invitation: no second entry
    assert [(a.filename, a.content_type) for a in google.attachments] == [
        ("invite.ics", "application/ics")
    ]


def test_forwarded_mail_goes_to_quoted() -> None:
    message = parse((DATA / "forwarded.eml").read_bytes())
    assert message.new_text == "Sam, what do you make of this one?"
    assert "Thank you for applying" in message.quoted


def test_html_only_mail_becomes_readable_text() -> None:
    message = parse((DATA / "html_only.eml").read_bytes())
    assert message.subject == "Réponse : Data Analyst"
    assert message.sender == Address("Renée Dubois", "renee@talentbridge.example")
    assert "<" not in message.new_text
    assert "Tuesday & Wednesday afternoons" in message.new_text
    assert "availability for next week" in message.new_text
    assert "track(" not in message.body and "color:" not in message.body
    assert "> Hi Renée, yes, I am interested" in message.quoted
    assert message.signature.startswith("Kind regards,")


def test_html_declared_as_text_plain_is_converted() -> None:
    raw = b"From: a@x.example\nContent-Type: text/plain\n\n"
    raw += b"<html><body><p>Hello &amp; welcome</p></body></html>"
    message = parse(raw)
    assert message.body == "Hello & welcome"
    assert "html-in-text-plain" in message.defects
    assert parse(b"From: a@x.example\n\nUse <b> for bold, </b> to end.").body.startswith("Use <b>")


def test_list_and_auto_submitted_headers() -> None:
    alert = parse((DATA / "job_alert.eml").read_bytes())
    assert alert.auto_submitted is True
    assert alert.list_id == "list-unsubscribe:jobboard.example"
    assert alert.footer.startswith("You are receiving this email because")
    offer = parse((DATA / "outlook_reply.eml").read_bytes())
    assert offer.auto_submitted is False  # "Auto-Submitted: no"
    assert offer.list_id is None
    raw = (
        b"From: a@b.example\nList-Id: Acme Jobs <jobs.acme.example>\n"
        b"Auto-Submitted: auto-replied\n\nx"
    )
    listed = parse(raw)
    assert listed.list_id == "jobs.acme.example"
    assert listed.auto_submitted is True
    assert parse(b"From: a@b.example\nX-Autoreply: yes\n\nx").auto_submitted is True
    assert parse(b"From: a@b.example\nX-Autoreply: no\n\nx").auto_submitted is False


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (b"Auto-Submitted: auto-replied\nSubject: On holiday\n", True),  # Gmail's vacation reply
        (b"X-Autoreply: yes\nSubject: Re: Saturday\n", True),
        (b"Precedence: auto_reply\nSubject: Re: Saturday\n", True),
        (b"Subject: Automatic reply: Re: Next steps\n", True),  # Outlook, any Auto-Submitted
        (b"Subject: Out of Office: Re: Next steps\n", True),
        (b"Subject: =?utf-8?q?R=C3=A9ponse_automatique_=3A_Entretien?=\n", True),
        (b"Subject: Automatische Antwort: Bewerbung\n", True),
        # an ATS notice is automatic but not a reply; a person may write about the office
        (b"Auto-Submitted: auto-generated\nSubject: Your application to Acme\n", False),
        (b"X-Autoreply: no\nSubject: Re: Saturday\n", False),
        (b"Subject: Re: Out of office plans for December\n", False),
    ],
)
def test_automatic_replies_are_told_from_other_automatic_mail(
    headers: bytes, expected: bool
) -> None:
    message = parse(b"From: Dana <dana@acme.example>\n" + headers + b"\nI am away.\n")
    assert message.auto_reply is expected


# --- Message-ID -------------------------------------------------------------------------

NO_ID = b"""From: Jane <jane@acme.example>
To: alex@example.com
Subject: Checking in
Date: Mon, 2 Mar 2026 10:00:00 +0000

We will be in touch next week.
"""


def test_missing_message_id_is_synthesised_stably() -> None:
    first, second = parse(NO_ID), parse(NO_ID, received_at=RECEIVED_AT + timedelta(days=3))
    assert first.message_id_synthesized is True
    assert first.message_id == second.message_id
    assert first.message_id.startswith("<") and first.message_id.endswith("@inbox-monitor.invalid>")
    assert len(first.message_id) == len("<@inbox-monitor.invalid>") + 64
    other = parse(NO_ID.replace(b"next week", b"next month"))
    assert other.message_id != first.message_id
    empty_header = parse(NO_ID.replace(b"Subject:", b"Message-ID:   \nSubject:"))
    assert empty_header.message_id_synthesized is True


def test_duplicate_message_id_across_different_messages() -> None:
    # Both keep the header's id; the store tells them apart by content_hash.
    one = parse(b"Message-ID: <same@x.example>\nFrom: a@x.example\n\nfirst body")
    two = parse(b"Message-ID: <same@x.example>\nFrom: b@x.example\n\nsecond body")
    assert one.message_id == two.message_id == "<same@x.example>"
    assert one.content_hash != two.content_hash


def test_message_id_normalisation() -> None:
    raw = b"Message-ID:  <abc@x.example> (comment)\nIn-Reply-To: prev@x.example\n\nx"
    message = parse(raw)
    assert message.message_id == "<abc@x.example>"
    assert message.in_reply_to == "<prev@x.example>"
    folded = b"Message-ID: <a@b>\nReferences: <one@x>\n\t<two@x> <three\n @x>\n\nx"
    assert parse(folded).references == ("<one@x>", "<two@x>", "<three@x>")


# --- dates ------------------------------------------------------------------------------


def test_missing_date_falls_back_to_top_received_header() -> None:
    raw = (
        b"Received: from relay (relay [192.0.2.1]) by mx.example.com;"
        b" Wed, 4 Mar 2026 08:00:00 +0200\n"
        b"Received: from origin by relay; Wed, 4 Mar 2026 07:59:00 +0200\n"
        + NO_ID.replace(b"Date: Mon, 2 Mar 2026 10:00:00 +0000\n", b"")
    )
    message = parse(raw)
    assert message.date_source == "received"
    assert message.date == datetime(2026, 3, 4, 8, 0, tzinfo=timezone(timedelta(hours=2)))
    assert "date-missing" in message.defects


def test_missing_date_and_received_falls_back_to_import_time() -> None:
    message = parse(NO_ID.replace(b"Date: Mon, 2 Mar 2026 10:00:00 +0000\n", b""))
    assert message.date_source == "import"
    assert message.date == RECEIVED_AT


@pytest.mark.parametrize(
    "date",
    [
        b"Thu, 1 Jan 1970 00:00:00 +0000",  # a sender's clock at zero
        b"Mon, 2 Mar 0202 10:00:00 +0000",  # a mangled year
        b"Tue, 2 Mar 2027 10:00:00 +0000",  # a year ahead of its arrival
    ],
)
def test_an_implausible_date_gives_way_to_the_received_header(date: bytes) -> None:
    received = b"Received: from relay by mx.example.com; Mon, 2 Mar 2026 10:00:05 +0000\n"
    raw = received + NO_ID.replace(b"Mon, 2 Mar 2026 10:00:00 +0000", date)
    message = parse(raw)
    assert (message.date, message.date_source) == (
        datetime(2026, 3, 2, 10, 0, 5, tzinfo=UTC),
        "received",
    )
    assert "date-implausible" in message.defects
    # with no Received header either, the time it was read
    alone = parse(NO_ID.replace(b"Mon, 2 Mar 2026 10:00:00 +0000", date))
    assert (alone.date, alone.date_source) == (RECEIVED_AT, "import")
    # a day ahead is a time zone or a skewed clock: not implausible, but taken back to its
    # arrival (below)
    ahead = parse(
        NO_ID.replace(b"Mon, 2 Mar 2026 10:00:00 +0000", b"Wed, 1 Apr 2026 09:00:00 +0000")
    )
    assert "date-implausible" not in ahead.defects
    assert "date-after-arrival" in ahead.defects


def dated(date: bytes, *received: bytes) -> bytes:
    """NO_ID with this Date and these Received times (the newest hop first)."""
    hops = b"".join(
        b"Received: from a by b.example.net with ESMTPS; " + r + b"\n" for r in received
    )
    return hops + NO_ID.replace(b"Mon, 2 Mar 2026 10:00:00 +0000", date)


def test_a_date_later_than_its_arrival_is_taken_back_to_it() -> None:
    # a fast clock (or a wrong zone) 30 hours ahead: the mail has arrived, and is shown now
    message = parse(
        dated(b"Wed, 1 Apr 2026 18:00:00 +0200", b"Tue, 31 Mar 2026 11:59:00 +0000"),
        received_at=RECEIVED_AT,
    )
    assert message.date == datetime(2026, 3, 31, 11, 59, tzinfo=UTC)
    assert message.date.utcoffset() == timedelta(hours=2)  # still the sender's zone
    assert message.date_source == "received"
    assert "date-after-arrival" in message.defects
    # no Received header: it arrived when it was read
    alone = parse(dated(b"Wed, 1 Apr 2026 18:00:00 +0200"))
    assert (alone.date, alone.date_source) == (RECEIVED_AT, "import")
    # a hop whose clock is ahead of the reading: it cannot have arrived after it was read
    fast_hop = parse(dated(b"Wed, 1 Apr 2026 18:00:00 +0200", b"Wed, 1 Apr 2026 09:00:00 +0000"))
    assert fast_hop.date == RECEIVED_AT
    # a clock a few minutes fast is not worth a correction
    skewed = parse(dated(b"Tue, 31 Mar 2026 12:03:00 +0000", b"Tue, 31 Mar 2026 11:59:30 +0000"))
    assert skewed.date == datetime(2026, 3, 31, 12, 3, tzinfo=UTC)
    assert skewed.date_source == "header" and "date-after-arrival" not in skewed.defects


def test_a_date_years_before_the_first_server_took_it_gives_way_to_that_hop() -> None:
    # a sender's clock a decade off: the first hop says when it was sent
    wrong_year = parse(
        dated(
            b"Fri, 27 Mar 2016 09:14:00 +0100",
            b"Fri, 27 Mar 2026 09:15:09 +0000",
            b"Fri, 27 Mar 2026 09:15:02 +0000",
        )
    )
    assert wrong_year.date == datetime(2026, 3, 27, 9, 15, 2, tzinfo=UTC)
    assert wrong_year.date.utcoffset() == timedelta(hours=1)
    assert wrong_year.date_source == "received"
    assert "date-before-received" in wrong_year.defects
    # an old archive read today: its hops are as old as its Date
    archive = parse(dated(b"Tue, 5 Mar 2019 10:00:00 +0000", b"Tue, 5 Mar 2019 10:00:04 +0000"))
    assert archive.date == datetime(2019, 3, 5, 10, 0, tzinfo=UTC)
    # mail held in a queue for five days
    queued = parse(dated(b"Mon, 23 Mar 2026 10:00:00 +0000", b"Sat, 28 Mar 2026 10:00:00 +0000"))
    assert queued.date == datetime(2026, 3, 23, 10, 0, tzinfo=UTC)
    # old mail fetched from another account today (a POP fetcher adds a hop on top)
    fetched = parse(
        dated(
            b"Tue, 5 Mar 2019 10:00:00 +0000",
            b"Tue, 31 Mar 2026 11:00:00 +0000",
            b"Tue, 5 Mar 2019 10:00:04 +0000",
        )
    )
    assert fetched.date == datetime(2019, 3, 5, 10, 0, tzinfo=UTC)
    for message in (archive, queued, fetched):
        assert message.date_source == "header" and "date-before-received" not in message.defects


def test_unparseable_and_naive_dates() -> None:
    broken = parse(NO_ID.replace(b"Mon, 2 Mar 2026 10:00:00 +0000", b"sometime last week"))
    assert broken.date_source == "import"
    assert "date-unparseable" in broken.defects
    naive = parse(NO_ID.replace(b"+0000", b"-0000"))
    assert naive.date == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert naive.date.tzinfo is not None
    assert "date-naive-taken-as-utc" in naive.defects
    offset = parse(NO_ID.replace(b"+0000", b"+0545"))
    assert offset.date.utcoffset() == timedelta(hours=5, minutes=45)


# --- charsets and encoded-words ---------------------------------------------------------


def test_unknown_and_wrong_charsets_decode_with_fallback() -> None:
    for charset in (b"unknown-8bit", b"x-unknown", b"no-such-charset", b"utf-8"):
        raw = (
            b"From: a@x.example\nContent-Type: text/plain; charset=" + charset + b"\n"
            b"Content-Transfer-Encoding: 8bit\n\nCaf\xe9 cr\xe8me, salary 50k \xe2\x82\xac\n"
        )
        message = parse(raw)
        assert message.body.startswith("Caf"), charset
        assert "salary 50k" in message.body, charset


def test_eight_bit_headers() -> None:
    raw = (
        b"From: J\xfcrgen M\xfcller <jm@firma.example>\n"
        b"To: \xc3\x89lodie <e@x.example>\n"
        b"Subject: Caf\xe9 and cr\xc3\xa8me\n\nbody"
    )
    message = parse(raw)
    assert message.sender == Address("Jürgen Müller", "jm@firma.example")
    assert message.to == (Address("Élodie", "e@x.example"),)
    assert message.subject == "Café and crème"


def test_broken_encoded_words() -> None:
    assert decode_header_text("=?utf-8?B?invalid!!?= ok") == "=?utf-8?B?invalid!!?= ok"
    # A UTF-8 character split across two encoded-words.
    assert decode_header_text("=?utf-8?B?w6k=?= =?utf-8?B?w6k=?=") == "éé"
    assert decode_header_text("=?utf-8?Q?Caf=C3?= =?utf-8?Q?=A9?=") == "Café"
    # Declared UTF-8, really Latin-1; an unknown charset; a language tag.
    assert decode_header_text("=?utf-8?q?M=FCller?=") == "Müller"
    assert decode_header_text("=?x-unknown?q?Caf=E9?=") == "Café"
    assert decode_header_text("=?iso-8859-1*fr?q?=E9t=E9?=") == "été"
    assert decode_header_text("Re: =?utf-8?q?Offre?= d'emploi") == "Re: Offre d'emploi"
    raw = b"From: =?utf-8?q?J=C3=BCrgen_M=FCller?= <jm@x.example>\nSubject: =?bogus?B?%%%?=\n\nx"
    message = parse(raw)
    assert message.sender == Address("Jürgen Müller", "jm@x.example")
    assert message.subject == "=?bogus?B?%%%?="


def test_addresses_without_at_are_dropped_with_a_defect() -> None:
    raw = b"From: a@x.example\nTo: undisclosed, Bob <BOB@X.example>\n\nx"
    message = parse(raw)
    assert message.to == (Address("Bob", "bob@x.example"),)
    assert any(defect.startswith("address-") for defect in message.defects)


# --- broken structure and size -----------------------------------------------------------


def test_truncated_mime_keeps_the_text() -> None:
    raw = (
        b"From: a@x.example\nContent-Type: multipart/mixed; boundary=BOUND\n\n"
        b"--BOUND\nContent-Type: text/plain\n\nWe would like to invite you to interview.\n"
        b"--BOUND\nContent-Type: application/pdf; name=cv.pdf\n"
        b"Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK"
    )
    message = parse(raw)
    assert "invite you to interview" in message.new_text
    assert "CloseBoundaryNotFoundDefect" in message.defects
    assert [attachment.filename for attachment in message.attachments] == ["cv.pdf"]


def test_twenty_megabyte_attachment() -> None:
    message = EmailMessage()
    message["From"] = "Jane <jane@acme.example>"
    message["Subject"] = "Contract"
    message["Message-ID"] = "<big@acme.example>"
    message.set_content("Please find the contract attached.")
    payload = os.urandom(20 * 1024 * 1024)
    message.add_attachment(payload, maintype="application", subtype="pdf", filename="big.pdf")
    raw = bytes(message)
    del payload
    started = time.perf_counter()
    parsed = parse(raw)
    elapsed = time.perf_counter() - started
    assert parsed.new_text == "Please find the contract attached."
    assert parsed.attachments[0].size == 20 * 1024 * 1024
    assert parsed.attachments[0].filename == "big.pdf"
    assert elapsed < 20, f"20 MB attachment took {elapsed:.1f} s"


def test_body_is_capped() -> None:
    raw = b"From: a@x.example\n\n" + b"word " * 50_000
    message = parse(raw, max_text_chars=1_000)
    assert len(message.body) == 1_000
    assert "body-truncated" in message.defects


def test_mail_parser_failure_falls_back_to_the_stdlib() -> None:
    # mail-parser 4.8 raises ValueError on a NUL in a charset name.
    raw = (
        b"From: Jane <jane@acme.example>\nSubject: Interview\n"
        b'Content-Type: text/plain; charset="ut\x00f"\nContent-Transfer-Encoding: base64\n\n'
        + base64.b64encode(b"Are you free on Tuesday?")
        + b"\n"
    )
    message = parse(raw)
    assert message.body == "Are you free on Tuesday?"
    assert message.sender == Address("Jane", "jane@acme.example")
    assert "mail-parser-failed:ValueError" in message.defects


def test_headerless_text_still_parses() -> None:
    message = parse(b"Just a note without any headers.\nSecond line.\n")
    assert "Just a note" in message.body
    assert "no-headers" in message.defects
    assert message.message_id_synthesized


# --- not a message at all ---------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"   \n\r\n\t", b"\x00\x01\x02\x03" * 100])
def test_not_a_message_raises_parse_error(raw: bytes) -> None:
    with pytest.raises(ParseError):
        parse(raw)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "Outlook"),
        (bytes(range(1, 32)) * 40, "no header block"),
    ],
)
def test_binary_file_raises_parse_error_with_reason(raw: bytes, kind: str) -> None:
    with pytest.raises(ParseError, match="binary") as caught:
        parse(raw)
    assert kind in str(caught.value)


# --- hostile input (Hypothesis) ---------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_only_raise_parse_error(raw: bytes) -> None:
    try:
        message = parse(raw)
    except ParseError:
        return
    assert message.date.tzinfo is not None
    assert message.content_hash and message.size == len(raw)


HEADER_NAMES = st.sampled_from(
    ["From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To",
     "References", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
     "List-Id", "Auto-Submitted", "Received", "X-Whatever"]
)  # fmt: skip
HEADER_VALUES = st.one_of(
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    st.from_regex(rb"=\?[a-z0-9-]{0,12}\?[bBqQx]\?[A-Za-z0-9=_%+/]{0,40}\?=", fullmatch=True),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(HEADER_NAMES, HEADER_VALUES), max_size=12), st.binary(max_size=500))
def test_arbitrary_header_values_only_raise_parse_error(
    headers: list[tuple[str, bytes]], body: bytes
) -> None:
    raw = b"".join(
        name.encode() + b": " + value.replace(b"\n", b" ").replace(b"\r", b" ") + b"\n"
        for name, value in headers
    )
    raw += b"\n" + body
    try:
        message = parse(raw)
    except ParseError:
        return
    assert message.date.tzinfo is not None
    json.dumps(to_json(message))  # everything is valid text


def test_attachment_left_on_the_server_keeps_its_declared_size() -> None:
    raw = (
        b"From: a@b.example\r\nTo: d@e.example\r\nSubject: CV\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n--XX\r\n'
        b"Content-Type: text/plain\r\n\r\nhello\r\n--XX\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="cv.pdf"; size=123456\r\n\r\n\r\n--XX--\r\n'
    )
    message = parse_message(raw, received_at=datetime(2026, 11, 24, tzinfo=UTC))
    (attachment,) = message.attachments
    assert (attachment.filename, attachment.size) == ("cv.pdf", 123456)


def _with_attachments() -> bytes:
    message = EmailMessage()
    message["From"] = "Jane Doe <jane@acme.example>"
    message["To"] = "alex@example.net"
    message["Subject"] = "Your offer"
    message["Date"] = "Mon, 02 Nov 2026 10:00:00 +0000"
    message["Message-ID"] = "<offer@acme.example>"
    message.set_content("Dear Alex,\n\nPlease find your offer letter attached.\n\nJane")
    message.add_alternative(
        "<p>Dear Alex,</p><p>Your offer letter is attached.</p>", subtype="html"
    )
    for data, maintype, subtype, name in [
        (os.urandom(200_000), "application", "pdf", "Offer letter.pdf"),
        (os.urandom(40_000), "image", "png", "Łódź map.png"),
        (b"tiny", "application", "octet-stream", "small.bin"),
    ]:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    message.add_attachment("notes " * 20_000, subtype="plain", filename="notes.txt")
    return message.as_bytes()


def _parse_whole(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> ParsedMessage:
    """The parse with every attachment decoded (slimming switched off)."""
    with monkeypatch.context() as patch:
        patch.setattr(parse_module, "omit_large_attachments", lambda data: data)
        return parse(raw)


def test_large_attachments_are_sized_not_decoded_and_nothing_else_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = _with_attachments()
    slim = omit_large_attachments(raw)
    assert len(slim) < len(raw) - 300_000  # the PDF and PNG bodies (base64) are gone
    assert b"size=200000" in slim and b"size=40000" in slim
    fast = parse(raw)
    assert fast == _parse_whole(raw, monkeypatch)  # body, attachments, sizes, hash: the same
    assert fast.content_hash == hashlib.sha256(raw).hexdigest()
    assert [(a.filename, a.size) for a in fast.attachments] == [
        ("Offer letter.pdf", 200_000),
        ("Łódź map.png", 40_000),
        ("small.bin", 4),
        ("notes.txt", 120_001),  # set_content adds the last line break
    ]


def _break_closing(raw: bytes, boundary: bytes) -> bytes:
    return raw.replace(b"--" + boundary + b"--", b"")


def _break_first(raw: bytes, boundary: bytes) -> bytes:
    return raw.replace(b"--" + boundary, b"--other", 1)


def _break_parameter(raw: bytes, boundary: bytes) -> bytes:
    return raw.replace(b"boundary=", b"boundary-gone=")


@pytest.mark.parametrize(
    ("damage", "left_whole"),
    [(_break_closing, True), (_break_parameter, True), (_break_first, False)],
)
def test_a_message_with_unsound_boundaries_parses_as_it_would_whole(
    damage: Callable[[bytes, bytes], bytes], left_whole: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _with_attachments()
    boundary = re.search(rb'boundary="([^"]+)"', raw)
    assert boundary is not None
    broken = damage(raw, boundary.group(1))
    # no closing delimiter or no boundary: untouched; a lost first delimiter makes the first
    # part a preamble, for the slimmer as for the full parser
    assert (omit_large_attachments(broken) == broken) is left_whole
    assert parse(broken) == _parse_whole(broken, monkeypatch)


def test_attachments_in_nested_multiparts_are_sized_forwarded_messages_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inner = EmailMessage()
    inner["Subject"] = "the file"
    inner.set_content("See attached.")
    inner.add_attachment(
        os.urandom(100_000), maintype="application", subtype="zip", filename="a.zip"
    )
    nested = EmailMessage()
    nested["From"] = "a@b.example"
    nested["Subject"] = "nested"
    nested.make_mixed()
    nested.attach(inner)  # a multipart/mixed inside a multipart/mixed
    forwarded = EmailMessage()
    forwarded["From"] = "a@b.example"
    forwarded["Subject"] = "fwd"
    forwarded.set_content("Forwarding this.")
    forwarded.add_attachment(inner)  # message/rfc822: kept whole
    raw = nested.as_bytes()
    assert b"size=100000" in omit_large_attachments(raw)
    assert parse(raw) == _parse_whole(raw, monkeypatch)
    raw = forwarded.as_bytes()
    assert omit_large_attachments(raw) == raw


_PARTS = st.lists(
    st.tuples(
        st.sampled_from(["application/pdf", "image/png", "text/plain", "application/zip"]),
        st.integers(min_value=0, max_value=60_000),
        st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F), max_size=12),
        st.booleans(),
    ),
    max_size=4,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.text(max_size=300),
    parts=_PARTS,
    crlf=st.booleans(),
    threshold=st.sampled_from([0, 100, OMIT_PART_BYTES]),
)
def test_slimming_never_changes_what_a_message_parses_to(
    body: str,
    parts: list[tuple[str, int, str, bool]],
    crlf: bool,
    threshold: int,
) -> None:
    message = EmailMessage()
    message["From"] = "a@b.example"
    message["Subject"] = "files"
    message.set_content(body)
    for content_type, size, name, inline in parts:
        maintype, subtype = content_type.split("/")
        data = os.urandom(size)
        if maintype == "text":
            message.add_attachment(data.hex(), subtype=subtype, filename=name or None)
        else:
            message.add_attachment(
                data,
                maintype=maintype,
                subtype=subtype,
                filename=name or None,
                disposition="inline" if inline else "attachment",
            )
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n" if crlf else "\n"))
    whole = parse(raw)
    slim = omit_large_attachments(raw, threshold)
    assert parse_message(slim, received_at=RECEIVED_AT).attachments == whole.attachments
    fast = parse(raw)
    assert fast == whole


def test_a_nameless_attachment_gets_no_invented_name() -> None:
    message = EmailMessage()
    message["From"] = "a@b.example"
    message["Subject"] = "data"
    message.set_content("See the attached data.")
    message.add_attachment(b"\x00\x01" * 10, maintype="application", subtype="octet-stream")
    message.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="cv.pdf")
    raw = message.as_bytes()
    first, second = parse(raw), parse(raw)
    assert [(a.filename, a.size) for a in first.attachments] == [("", 20), ("cv.pdf", 4)]
    assert first == second  # mail-parser names it at random: the same bytes parsed alike


def test_charsets_that_decode_to_lone_surrogates_give_storable_text() -> None:
    # UTF-7 and unicode_escape, named by the mail, decode to code points no text can hold
    raw = (
        b"From: =?utf-7?q?Jane+2AA-?= <jane@acme.example>\r\n"
        b"To: me@example.net\r\n"
        b"Subject: =?unicode_escape?q?Offer_=5Cud800?=\r\n"
        b"Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
        b"Message-ID: <s@acme.example>\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-7\r\n\r\nHello +2AA-\r\n"
        b"--b\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="=?utf-7?q?cv+2AA-.pdf?="\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n"
    )
    message = parse_message(raw, received_at=RECEIVED_AT)
    texts = [message.subject, message.body, message.sender.name if message.sender else ""]
    texts += [attachment.filename for attachment in message.attachments]
    assert all(text.encode("utf-8") for text in texts)  # no lone surrogate left
    assert (message.subject, texts[2]) == ("Offer \ufffd", "Jane\ufffd")
    assert [a.filename for a in message.attachments] == ["cv\ufffd.pdf"]


@pytest.mark.parametrize(
    ("sender", "to", "direction"),
    [
        ("Hannah <hannah@bw.example>", "Alex <alex@me.example>", "inbound"),  # theirs, to you
        ("Hannah <hannah@bw.example>", "Sam <sam@bw.example>", "outbound"),  # no address of yours
        ("Alex <alex@me.example>", "Hannah <hannah@bw.example>", "outbound"),
        ("Alex <alex@alias.example>", "Hannah <hannah@bw.example>", "outbound"),  # an alias
    ],
)
def test_mail_given_as_sent_from_someone_else_to_you_is_theirs(
    sender: str, to: str, direction: str
) -> None:
    # `import --sent` on a received folder by mistake stored recruiters' mail as your own,
    # with no way back: it opened nothing and re-importing found it "already known"
    raw = (
        f"From: {sender}\r\nTo: {to}\r\nSubject: Offer\r\n"
        "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n\r\nHello\r\n"
    ).encode()
    own = frozenset({"alex@me.example"})
    message = parse_message(raw, own_addresses=own, sent=True, received_at=RECEIVED_AT)
    assert message.direction == direction


@pytest.mark.parametrize(
    "above",
    [b"\r\n", b"\n\n\n", b"Microsoft Mail Internet Headers Version 2.0\r\n", b">From x Tue\n"],
)
def test_lines_above_the_header_block_are_passed_over(above: bytes) -> None:
    # the import keeps such a file as mail; the parser read it as having no header at all
    # (no sender, no subject, dated at the import), and it could open a process
    raw = above + (
        b"From: Hannah <hannah@bw.example>\r\nTo: Alex <alex@me.example>\r\n"
        b"Subject: Offer\r\nDate: Mon, 30 Mar 2026 10:00:00 +0000\r\n\r\nHello\r\n"
    )
    message = parse(raw)
    assert message.sender is not None and message.sender.email == "hannah@bw.example"
    assert (message.subject, message.date_source) == ("Offer", "header")
    assert "lines-before-header" in message.defects and "no-headers" not in message.defects
    assert message.content_hash == hashlib.sha256(raw).hexdigest()  # of the bytes as they came


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"From: a@b.example\n\nhi", 0),
        (b"Foo-Bar: x\nFrom: a@b.example\n\nhi", 0),  # a field of its own: kept
        (b"From a@b Tue Nov 24 10:00:00 2026\nFrom: a@b.example\n\nhi", 0),
        (b"\n\nSubject: x\n\nhi", 2),
        (b"TODO: call them\nRe: notes\n\nhi", None),  # colons, but no mail header field
        (b"Dear Hiring Manager,\n\nThank you", None),
        (b"One: two\n\nFrom: a@b.example\n", None),  # a blank line ends where headers may be
    ],
)
def test_header_start(data: bytes, start: int | None) -> None:
    assert header_start(data) == start
