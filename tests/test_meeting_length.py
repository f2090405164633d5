"""A meeting's end or length, when its mail gives it ("14:00-14:45", "a 45-minute call"):
read with the meeting, kept in the store, and the end of its event in the ICS export
(audit 13, F12: the Teams call of 14:00-14:45 was exported 14:00-15:00)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import SubjectTagClassifier, message_record
from test_invite_pipeline import INVITES, OPENING, config_for, raw

from inbox_monitor.board import load_board
from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.export import to_ics
from inbox_monitor.extract import extract_fields
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Extraction,
    Label,
    ProcessRecord,
    Strength,
)
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store, decode_extraction, encode_extraction
from inbox_monitor.track import process_status

ZONE = ZoneInfo("Europe/London")
SENT = datetime(2026, 12, 7, 11, 20, tzinfo=ZONE)  # Monday
CALENDAR = BusinessCalendar("GB", "ENG")
TOM = Address("Tom Reed", "tom@harrowhire.example")


def meetings(subject: str, text: str) -> list[Commitment]:
    read = extract_fields(subject, text, sent_at=SENT, calendar=CALENDAR, sender=TOM)
    return [c for c in read.commitments if c.kind == CommitmentKind.MEETING]


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("The client would like a 45-min Teams call with you on Thursday at 2pm.", at(14, 45)),
        ("Confirmed: your call is on Thursday 10 December, 14:00-14:45.", at(14, 45)),
        ("Your interview is on Thursday 10 December from 2pm to 2:45pm.", at(14, 45)),
        ("They'd like a 30 mins video call on Thursday 10 December at 14:00.", at(14, 30)),
        ("Your interview is on Thursday 10 December at 14:00 and will take 1.5 hours.", at(15, 30)),
        ("Your interview is on Thursday 10 December at 10:00 (45 minutes).", at(10, 45)),
        (
            "Ana would like a call on Thursday 10 December at 14:00, lasting about half an hour.",
            at(14, 30),
        ),
        ("Your interview is on Thursday 10 December at 14:00 and is 45 minutes long.", at(14, 45)),
    ],
)
def test_the_end_or_length_the_mail_gives_is_the_meetings_end(text: str, ends: datetime) -> None:
    (meeting,) = meetings("Interview", f"Hi Sam,\n\n{text}\n\nTom")
    assert meeting.at is not None and meeting.ends == ends


def test_a_window_in_the_body_ends_the_meeting_read_from_the_subject() -> None:
    # the audit's confirmation: the meeting is the subject's, its end the body's
    (meeting,) = meetings(
        "Confirmed: Harrow Foods Teams call - Thursday 10 December 14:00",
        "Hi Sam,\n\nConfirmed: Teams call with Ana Reyes (Head of Data, Harrow Foods) on"
        " Thursday 10 December, 14:00-14:45. Ana will send the link.\n\nTom",
    )
    assert (meeting.at, meeting.ends) == (at(14), at(14, 45))


@pytest.mark.parametrize(
    "text",
    [
        # no length said: the views' usual hour
        "Your interview is on Thursday 10 December at 14:00.",
        # lengths of other things
        "Your interview is on Thursday 10 December at 14:00; please arrive 15 minutes early.",
        "Your interview is on Thursday 10 December at 14:00, then a 90-minute technical test.",
        # a window at another time than the meeting's
        "Your interview is on Thursday 10 December at 14:00. Parking is free 09:00-17:00.",
        # two meetings, one length: whose it is is not known
        "A 30 minute call with me on Tuesday 8 December at 10:00 and your interview with the"
        " panel on Thursday 10 December at 14:00.",
        # two lengths
        "Your interview is on Thursday 10 December at 14:00: a 30 minute call with the team,"
        " then the panel interview is 60 minutes.",
    ],
)
def test_no_end_is_read_where_the_mail_gives_none_for_the_meeting(text: str) -> None:
    found = meetings("Interview", f"Hi Sam,\n\n{text}\n\nTom")
    assert found and all(m.ends is None for m in found)


def test_the_end_is_kept_in_the_store() -> None:
    meeting = Commitment(
        CommitmentKind.MEETING, "call on Thursday at 2pm", Strength.RELATIVE, date(2026, 12, 10),
        at(14), ends=at(14, 45),
    )  # fmt: skip
    extraction = Extraction(commitments=(meeting,))
    assert decode_extraction(encode_extraction(extraction)) == extraction
    # stored before it was read: none
    plain = Extraction(commitments=(Commitment(CommitmentKind.MEETING, "x", Strength.EXPLICIT),))
    assert '"ends"' not in encode_extraction(plain)


PROCESS = ProcessRecord(2, "Harrow Foods", None, "Harrow Hire", at(9, 0, day=3))


def ics_times(*commitments: Commitment) -> tuple[str, str]:
    now = at(9, 0, day=8)
    message = message_record(
        "m1", at(11, 20, day=7), Label.INTERVIEW, TOM, process_id=2, commitments=commitments
    )
    status = process_status(PROCESS, [message], now, TrackingConfig(), CALENDAR, ZONE)
    lines = to_ics([status], now).split("\r\n")
    start = next(line for line in lines if line.startswith("DTSTART:"))
    end = next(line for line in lines if line.startswith(("DTEND:", "DURATION:")))
    return start, end


def test_the_ics_event_ends_when_the_mail_said() -> None:
    (meeting,) = meetings("Interview", "Hi Sam,\n\nA 45-min Teams call on Thursday at 2pm?\n\nTom")
    assert ics_times(meeting) == ("DTSTART:20261210T140000Z", "DTEND:20261210T144500Z")
    # none said: an hour, as before
    assert ics_times(replace(meeting, ends=None)) == (
        "DTSTART:20261210T140000Z",
        "DTEND:20261210T150000Z",
    )


def test_an_end_said_for_another_time_of_the_meeting_is_not_its_end() -> None:
    # moved from 14:00 to 15:00 by later mail: the 14:45 end was the earlier slot's
    first = Commitment(
        CommitmentKind.MEETING, "Thursday at 2pm", Strength.RELATIVE, date(2026, 12, 10),
        at(14), ends=at(14, 45),
    )  # fmt: skip
    moved = Commitment(
        CommitmentKind.MEETING, "Thursday at 3pm", Strength.RELATIVE, date(2026, 12, 10), at(15)
    )
    off = Commitment(
        CommitmentKind.MEETING_OFF, "move Thursday's call", Strength.RELATIVE, date(2026, 12, 10)
    )
    message = message_record("m1", at(11, day=7), Label.INTERVIEW, TOM, process_id=2,
                             commitments=(first,))  # fmt: skip
    later = message_record("m2", at(12, day=8), Label.INTERVIEW, TOM, process_id=2,
                           commitments=(off, moved))  # fmt: skip
    now = at(13, day=8)
    status = process_status(PROCESS, [message, later], now, TrackingConfig(), CALENDAR, ZONE)
    assert status.next_meeting == at(15) and status.next_meeting_end is None


def test_an_invitations_end_is_the_meetings_end(tmp_path: Path) -> None:
    data = (INVITES / "google-invite.eml").read_bytes()
    longer = b"DTEND;TZID=3DEurope/Berlin:20261201T110000"
    assert longer in data
    data = data.replace(longer, b"DTEND;TZID=3DEurope/Berlin:20261201T104500")
    config = config_for(tmp_path)
    now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    with Store(config.database_path) as store:
        ingest(store, [OPENING, raw(data, "invite.eml")], build_pipeline(
            config, classifier=SubjectTagClassifier()), now)  # fmt: skip
        (status,) = load_board(store, config, now)
    # 10:00-10:45 in Berlin
    assert status.next_meeting == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert status.next_meeting_end == datetime(2026, 12, 1, 9, 45, tzinfo=UTC)
    assert "DTEND:20261201T094500Z" in to_ics([status], now).split("\r\n")
    assert status.next_meeting_end - status.next_meeting == timedelta(minutes=45)
