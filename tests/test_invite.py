"""invite.read_calendar: the iCalendar reader (RFC 5545) on its own, and its hostile input."""

from __future__ import annotations

import contextlib
import time
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inbox_monitor.invite import (
    MAX_CALENDAR_BYTES,
    CalendarUnreadable,
    read_calendar,
    split_property,
    unescape_text,
    unfold,
)
from inbox_monitor.models import Attachment, CalendarEvent, is_calendar_part

SENDER = timezone(timedelta(hours=-5))  # the Date header's offset of a sender in New York


def calendar(*event_lines: str, method: str = "REQUEST", extra: str = "") -> str:
    head = (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:{method}\r\n"
        if method
        else "BEGIN:VCALENDAR\r\n"
    )
    event = "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in event_lines) + "END:VEVENT\r\n"
    return head + extra + event + "END:VCALENDAR\r\n"


def event(*lines: str, method: str = "REQUEST", extra: str = "") -> CalendarEvent:
    invitation = read_calendar(calendar(*lines, method=method, extra=extra), SENDER)
    (only,) = invitation.events
    return only


def test_folded_lines_are_joined_and_a_long_summary_reads_whole() -> None:
    text = "SUMMARY:Interview: Alex Morgan /\r\n  Data Engi\r\n\tneer\r\nUID:a\r\n b@x\r\n"
    assert unfold(text) == ["SUMMARY:Interview: Alex Morgan / Data Engineer", "UID:ab@x"]
    # LF alone, as many mail clients pass it on
    found = event("SUMMARY:Second round with\n  the team", "UID:1")
    assert found.summary == "Second round with the team"


def test_parameters_may_be_quoted_and_hold_colons() -> None:
    line = 'ORGANIZER;CN="Doe, Jane: Talent";SENT-BY="mailto:a@x.example":mailto:Jane@Acme.example'
    assert split_property(line) == (
        "ORGANIZER",
        {"CN": "Doe, Jane: Talent", "SENT-BY": "mailto:a@x.example"},
        "mailto:Jane@Acme.example",
    )
    assert split_property("no property here") is None
    assert split_property('X;CN="unclosed:value') is None
    assert event(line, "UID:1").organizer == "jane@acme.example"


def test_text_values_are_unescaped_and_kept_on_one_line() -> None:
    assert unescape_text(r"Room 4\, floor 2\; ask at\nreception \\ desk") == (
        "Room 4, floor 2; ask at\nreception \\ desk"
    )
    found = event(r"LOCATION:Room 4\, floor 2\nHarbour St", "SUMMARY:Call\\; 30 min", "UID:1")
    assert (found.location, found.summary) == ("Room 4, floor 2 Harbour St", "Call; 30 min")


def test_a_utc_time() -> None:
    found = event("UID:1", "DTSTART:20261201T090000Z", "DTEND:20261201T100000Z")
    assert found.start == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert found.end == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_an_iana_zone_also_behind_a_vendors_path() -> None:
    found = event("UID:1", "DTSTART;TZID=Europe/Berlin:20260701T100000")
    assert found.start is not None and found.start.astimezone(UTC) == datetime(
        2026, 7, 1, 8, 0, tzinfo=UTC
    )  # summer time
    for tzid in ("/Europe/Berlin", "/mozilla.org/20070129_1/Europe/Berlin", '"Europe/Berlin"'):
        other = event("UID:1", f"DTSTART;TZID={tzid}:20261201T100000")
        assert other.start is not None
        assert other.start.astimezone(UTC) == datetime(2026, 12, 1, 9, 0, tzinfo=UTC), tzid


@pytest.mark.parametrize(
    ("tzid", "utc"),
    [
        ("GMT Standard Time", datetime(2026, 12, 1, 10, 0, tzinfo=UTC)),
        ("W. Europe Standard Time", datetime(2026, 12, 1, 9, 0, tzinfo=UTC)),
        ("Romance Standard Time", datetime(2026, 12, 1, 9, 0, tzinfo=UTC)),
        ("Central European Standard Time", datetime(2026, 12, 1, 9, 0, tzinfo=UTC)),
        ("Eastern Standard Time", datetime(2026, 12, 1, 15, 0, tzinfo=UTC)),
        ("Pacific Standard Time", datetime(2026, 12, 1, 18, 0, tzinfo=UTC)),
        ("India Standard Time", datetime(2026, 12, 1, 4, 30, tzinfo=UTC)),
        ("AUS Eastern Standard Time", datetime(2026, 11, 30, 23, 0, tzinfo=UTC)),
    ],
)
def test_outlooks_windows_zone_names(tzid: str, utc: datetime) -> None:
    found = event("UID:1", f"DTSTART;TZID={tzid}:20261201T100000")
    assert found.start is not None and found.start.astimezone(UTC) == utc
    assert not found.zone_unknown


OWN_ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
    "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
)


def test_an_unknown_tzid_takes_its_vtimezones_rules() -> None:
    winter = event("UID:1", "DTSTART;TZID=Customized Time Zone:20261201T100000", extra=OWN_ZONE)
    summer = event("UID:1", "DTSTART;TZID=Customized Time Zone:20260701T100000", extra=OWN_ZONE)
    assert winter.start is not None and summer.start is not None
    assert winter.start.astimezone(UTC) == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert summer.start.astimezone(UTC) == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    # the last Sunday of October 2026 is the 25th: the day after is winter time
    after = event("UID:1", "DTSTART;TZID=Customized Time Zone:20261026T100000", extra=OWN_ZONE)
    assert after.start is not None and after.start.utcoffset() == timedelta(hours=1)
    fixed = (
        "BEGIN:VTIMEZONE\r\nTZID:(UTC+05:30) Chennai\r\nBEGIN:STANDARD\r\n"
        "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n"
        "END:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    # (a TZID with a colon is quoted, as Outlook writes it)
    chennai = event("UID:1", 'DTSTART;TZID="(UTC+05:30) Chennai":20261201T100000', extra=fixed)
    assert chennai.start is not None
    assert chennai.start.astimezone(UTC) == datetime(2026, 12, 1, 4, 30, tzinfo=UTC)


def test_a_zone_not_known_gives_no_time() -> None:
    # no VTIMEZONE, or one whose rules are not simple: the mail's text is read instead
    unknown = event("UID:1", "DTSTART;TZID=Mars Standard Time:20261201T100000")
    assert (unknown.start, unknown.zone_unknown) == (None, True)
    odd = OWN_ZONE.replace("BYDAY=-1SU;BYMONTH=3", "BYYEARDAY=90")
    assert event("UID:1", "DTSTART;TZID=Customized Time Zone:20261201T1000", extra=odd).zone_unknown


def test_a_floating_time_is_the_senders() -> None:
    found = event("UID:1", "DTSTART:20261201T100000")
    assert found.start == datetime(2026, 12, 1, 10, 0, tzinfo=SENDER)


def test_an_all_day_event_has_its_day_and_no_time() -> None:
    found = event("UID:1", "DTSTART;VALUE=DATE:20261203", "DTEND;VALUE=DATE:20261204")
    assert (found.start, found.day) == (None, date(2026, 12, 3))
    assert event("UID:1", "DTSTART:20261203").day == date(2026, 12, 3)


@pytest.mark.parametrize(
    "value", ["20261331T100000Z", "20261131T100000Z", "20261201T250000Z", "tomorrow", "2026-12-01"]
)
def test_a_bad_date_leaves_the_time_empty(value: str) -> None:
    found = event("UID:1", f"DTSTART:{value}", "SUMMARY:Interview")
    assert (found.start, found.day, found.summary) == (None, None, "Interview")


def test_two_events_and_their_attendees() -> None:
    text = calendar(
        "UID:first",
        "DTSTART:20261201T090000Z",
        "ATTENDEE;PARTSTAT=ACCEPTED;CN=Jane:mailto:jane@acme.example",
        "ATTENDEE;CN=Alex;RSVP=TRUE:MAILTO:Alex.Morgan@Example.net",
        "ATTENDEE:not an address",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:second",
        "SEQUENCE:3",
        "DTSTART:20261202T090000Z",
    )
    invitation = read_calendar(text, SENDER)
    assert [e.uid for e in invitation.events] == ["first", "second"]
    assert invitation.events[0].attendees == (
        ("jane@acme.example", "ACCEPTED"),
        ("alex.morgan@example.net", ""),
    )
    assert invitation.events[1].sequence == 3


def test_a_cancellation_and_an_update() -> None:
    cancel = read_calendar(
        calendar(
            "UID:x", "SEQUENCE:2", "STATUS:CANCELLED", "DTSTART:20261201T090000Z", method="CANCEL"
        ),
        SENDER,
    )
    assert cancel.method == "CANCEL" and cancel.events[0].status == "CANCELLED"
    update = read_calendar(calendar("UID:x", "SEQUENCE:1", "DTSTART:20261202T090000Z"), SENDER)
    assert (update.method, update.events[0].sequence) == ("REQUEST", 1)
    reply = read_calendar(
        calendar("UID:x", "ATTENDEE;PARTSTAT=DECLINED:mailto:a@b.example", method="REPLY"), SENDER
    )
    assert reply.events[0].attendees == (("a@b.example", "DECLINED"),)
    instance = event("UID:x", "RECURRENCE-ID;TZID=Europe/Berlin:20261208T100000")
    assert instance.recurrence_id == "20261208T100000"


def test_the_description_is_never_read() -> None:
    found = event("UID:1", "DESCRIPTION:door code 4711", "SUMMARY:Interview")
    assert "4711" not in repr(found)


def test_what_holds_no_invitation_is_unreadable_with_a_reason() -> None:
    with pytest.raises(CalendarUnreadable, match="no VCALENDAR"):
        read_calendar("Hello, see you on Tuesday", SENDER)
    with pytest.raises(CalendarUnreadable, match="no VEVENT"):
        read_calendar("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n", SENDER)
    with pytest.raises(CalendarUnreadable, match="too large"):
        read_calendar(calendar("UID:1", "SUMMARY:" + "x" * MAX_CALENDAR_BYTES), SENDER)
    with pytest.raises(CalendarUnreadable, match="nested too deeply"):
        read_calendar("BEGIN:VCALENDAR\r\n" + "BEGIN:X\r\n" * 50, SENDER)


def test_many_events_and_long_fields_are_capped() -> None:
    lines = [f"UID:{'u' * 500}", f"SUMMARY:{'s' * 500}"]
    for number in range(40):
        lines += ["END:VEVENT", "BEGIN:VEVENT", f"UID:{number}"]
    invitation = read_calendar(calendar(*lines), SENDER)
    assert len(invitation.events) == 20
    assert len(invitation.events[0].uid) == len(invitation.events[0].summary) == 200


def test_hostile_lines_cost_little() -> None:
    # one line of many parameters without a colon, or a colon far away: read in one pass
    for line in ("X" + ";a=b" * 15_000, "X" + ";a=b" * 15_000 + ":v", 'X;a="' + "q" * 60_000):
        started = time.perf_counter()
        with contextlib.suppress(CalendarUnreadable):
            read_calendar(calendar("UID:1", line), SENDER)
        assert time.perf_counter() - started < 0.5
    for tzid in ("../../etc/passwd", "Europe", "zone.tab", "/" * 50 + "Europe/Berlin", "x" * 150):
        found = event("UID:1", f"DTSTART;TZID={tzid}:20261201T100000")
        assert found.start is None or found.start.astimezone(UTC).hour == 9, tzid


def test_a_calendar_part_is_known_by_its_type_or_its_file_name() -> None:
    assert is_calendar_part("text/calendar", "")
    assert is_calendar_part("application/ics", "")
    assert is_calendar_part("application/octet-stream", "Interview.ICS")
    assert not is_calendar_part("text/plain", "notes.txt")
    assert Attachment("invite.ics", "application/octet-stream", 900).is_calendar
    assert not Attachment("cv.pdf", "application/pdf", 900).is_calendar


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=2000))
def test_any_text_reads_or_is_unreadable(text: str) -> None:
    for candidate in (text, calendar(*text.splitlines())):
        try:
            invitation = read_calendar(candidate, SENDER)
        except CalendarUnreadable:
            continue
        for found in invitation.events:
            assert found.start is None or found.start.tzinfo is not None


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.sampled_from(["DTSTART", "DTEND", "RECURRENCE-ID"]),
    st.text(alphabet="0123456789TZ:;=/+-VALUEDATZI ", max_size=40),
)
def test_any_time_value_never_raises(name: str, value: str) -> None:
    with contextlib.suppress(CalendarUnreadable):
        read_calendar(calendar("UID:1", f"{name}{value}", extra=OWN_ZONE), SENDER)


def test_a_zone_far_in_time_still_reads() -> None:
    found = event("UID:1", "DTSTART;TZID=Europe/London:99991231T230000")
    assert found.start == datetime(9999, 12, 31, 23, 0, tzinfo=ZoneInfo("Europe/London"))
