"""parse_message reads a message's calendar invitation (tests/data/invites, written for
these tests): Google's (a text/calendar alternative and an invite.ics file), Outlook's (a
base64 alternative in a Windows zone, a body with no time), a cancellation, a reply; and
calendar parts that hold none."""

from __future__ import annotations

import base64
import pickle
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

from inbox_monitor.invite import MAX_CALENDAR_BYTES
from inbox_monitor.models import ParsedMessage
from inbox_monitor.parse import OMIT_PART_BYTES, parse_message

INVITES = Path(__file__).parent / "data" / "invites"
RECEIVED_AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ME = "alex.morgan@example.net"


def parse(name_or_bytes: str | bytes) -> ParsedMessage:
    raw = (
        (INVITES / name_or_bytes).read_bytes() if isinstance(name_or_bytes, str) else name_or_bytes
    )
    return parse_message(raw, received_at=RECEIVED_AT, own_addresses=frozenset({ME}))


def test_googles_invitation() -> None:
    message = parse("google-invite.eml")
    assert message.invitation is not None
    (event,) = message.invitation.events
    assert message.invitation.method == "REQUEST"
    assert event.uid == "3k9v2m1q8r7s6t5u4w3x2y1z0a@google.com"
    assert (event.sequence, event.status) == (0, "CONFIRMED")
    assert event.start == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert event.end == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert event.summary == "Interview: Alex Morgan / Data Engineer"
    assert event.location == "Acme Analytics, 4 Harbour Street, Berlin"
    assert event.organizer == "jane@acme.example"
    assert event.attendees == (("jane@acme.example", "ACCEPTED"), (ME, "NEEDS-ACTION"))
    # the text is the plain part's, the file is listed, and the description is not kept
    assert message.body.startswith("You have been invited to the following event.")
    assert [(a.filename, a.content_type) for a in message.attachments] == [
        ("invite.ics", "application/ics")
    ]
    assert "4711" not in repr(message) and "BEGIN:VCALENDAR" not in message.body
    assert message.defects == ()


def test_outlooks_invitation_in_a_windows_zone_with_no_time_in_its_text() -> None:
    message = parse("outlook-invite.eml")
    assert message.invitation is not None
    (event,) = message.invitation.events
    # "W. Europe Standard Time": 14:30 in Berlin in December
    assert event.start == datetime(2026, 12, 2, 13, 30, tzinfo=UTC)
    assert event.uid.startswith("040000008200E00074C5B7101A82E008")  # a folded UID, whole
    assert event.summary == "Interview: Alex Morgan - Data Engineer (2nd round)"
    assert event.location == "Microsoft Teams Meeting"
    assert "14:30" not in message.body and "Teams meeting" in message.body
    assert "555 0199" not in repr(message)


def test_a_cancellation_and_the_users_reply() -> None:
    cancel = parse("outlook-cancel.eml").invitation
    assert cancel is not None
    assert (cancel.method, cancel.events[0].status, cancel.events[0].sequence) == (
        "CANCEL",
        "CANCELLED",
        2,
    )
    reply = parse("google-reply.eml")
    assert reply.direction == "outbound"
    assert reply.invitation is not None and reply.invitation.method == "REPLY"
    assert reply.invitation.events[0].attendees == ((ME, "ACCEPTED"),)


def mail(*parts: tuple[bytes | str, str, dict[str, str]], date: str = "") -> bytes:
    message = EmailMessage()
    message["From"] = "Jane Doe <jane@acme.example>"
    message["To"] = ME
    message["Subject"] = "Interview"
    message["Date"] = date or "Mon, 23 Nov 2026 14:00:00 +0100"
    message["Message-ID"] = "<x@acme.example>"
    message.set_content("Hi Alex, the invitation is attached.\n")
    for content, kind, options in parts:
        main, sub = kind.split("/")
        if isinstance(content, str):
            message.add_attachment(content, subtype=sub, **options)
        else:
            message.add_attachment(content, maintype=main, subtype=sub, **options)
    return bytes(message)


EVENT = (
    "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
    "DTSTART:20261201T100000\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_floating_time_is_in_the_senders_offset_and_the_charset_is_the_parts() -> None:
    ics = EVENT.format(summary="Entretien avec Müller").encode("iso-8859-1")
    raw = mail(
        (ics, "text/calendar", {"filename": "rdv.ics", "params": {"charset": "iso-8859-1"}}),
        date="Mon, 23 Nov 2026 14:00:00 -0500",
    )
    invitation = parse(raw).invitation
    assert invitation is not None
    (event,) = invitation.events
    assert event.summary == "Entretien avec Müller"
    assert event.start == datetime(2026, 12, 1, 10, 0, tzinfo=timezone(timedelta(hours=-5)))


def test_an_ics_file_of_another_type_is_read_by_its_name() -> None:
    ics = EVENT.format(summary="Interview").encode()
    raw = mail((ics, "application/octet-stream", {"filename": "Interview.ics"}))
    message = parse(raw)
    assert message.invitation is not None and message.invitation.events[0].uid == "u1"
    assert any(a.is_calendar for a in message.attachments)


def test_an_invitation_file_larger_than_the_parsers_slimming_threshold_is_still_read() -> None:
    # a base64 attachment over OMIT_PART_BYTES is left out before parsing; an invitation
    # (up to MAX_CALENDAR_BYTES) is not
    padding = "".join(f"ATTENDEE:mailto:guest{n}@acme.example\r\n" for n in range(1500))
    ics = EVENT.format(summary="Panel").replace("END:VEVENT", padding + "END:VEVENT").encode()
    assert len(base64.b64encode(ics)) > OMIT_PART_BYTES and len(ics) < MAX_CALENDAR_BYTES
    raw = mail((ics, "application/ics", {"filename": "invite.ics"}))
    message = parse(raw)
    assert message.invitation is not None and message.invitation.events[0].summary == "Panel"
    assert len(message.invitation.events[0].attendees) == 50


def test_a_calendar_part_that_holds_no_invitation_is_a_defect_and_the_rest_is_read() -> None:
    raw = mail(("Hello\r\nthis is no calendar\r\n", "text/calendar", {"filename": "x.ics"}))
    message = parse(raw)
    assert message.invitation is None
    assert "calendar part unreadable: no VCALENDAR" in message.defects
    assert message.body == "Hi Alex, the invitation is attached.\n"
    huge = EVENT.format(summary="x" * (MAX_CALENDAR_BYTES + 10)).encode()
    message = parse(mail((huge, "text/calendar", {"filename": "big.ics"})))
    assert message.invitation is None
    assert "calendar part unreadable: too large" in message.defects
    assert message.body == "Hi Alex, the invitation is attached.\n"


def test_an_unreadable_part_does_not_hide_a_readable_one() -> None:
    good = EVENT.format(summary="Call").encode()
    raw = mail(
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar", {"filename": "a.ics"}),
        (good, "text/calendar", {"filename": "b.ics"}),
    )
    message = parse(raw)
    assert message.invitation is not None and message.invitation.events[0].summary == "Call"
    assert not any(d.startswith("calendar part unreadable") for d in message.defects)


def test_a_parsed_invitation_travels_between_processes() -> None:
    # parse_pool's workers send the ParsedMessage back pickled, zones and all
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
    )
    for tzid in ("Customized Time Zone", "Europe/Berlin", "Romance Standard Time"):
        ics = EVENT.replace("DTSTART:", f"DTSTART;TZID={tzid}:").replace(
            "BEGIN:VEVENT", zone + "BEGIN:VEVENT"
        )
        message = parse(mail((ics.format(summary="Call").encode(), "text/calendar", {})))
        assert message.invitation is not None
        start = message.invitation.events[0].start
        assert start is not None and start.astimezone(UTC) == datetime(
            2026, 12, 1, 9, 0, tzinfo=UTC
        )
        assert pickle.loads(pickle.dumps(message)) == message, tzid


def test_a_message_without_a_calendar_part_has_no_invitation() -> None:
    message = parse(mail())
    assert message.invitation is None and message.defects == ()
