"""Board exports: their promise's words go out only while they hold, as in the digest."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.export import to_csv, to_ics, to_json
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Label,
    MessageRecord,
    ProcessRecord,
    Strength,
)
from inbox_monitor.track import ProcessStatus, process_status

ZONE = ZoneInfo("Europe/London")
KIM = Address("Kim Reyes", "kim@tidewater.example")
PROCESS = ProcessRecord(3, "Tidewater", "Data Analyst", None, datetime(2026, 11, 2, tzinfo=ZONE))
BY_FRIDAY = Commitment(
    CommitmentKind.REPLY, "feedback by Friday 6 November", Strength.EXPLICIT, date(2026, 11, 6)
)


def _on(day: int, label: Label, *commitments: Commitment) -> MessageRecord:
    when = datetime(2026, 11, day, 10, 0, tzinfo=ZONE)
    return message_record(f"m{day}", when, label, KIM, process_id=3, commitments=commitments)


def _status(day: int, *messages: MessageRecord) -> ProcessStatus:
    now = datetime(2026, 11, day, 9, 0, tzinfo=ZONE)
    return process_status(PROCESS, messages, now, TrackingConfig(), BusinessCalendar("GB"), ZONE)


def _exported_phrases(status: ProcessStatus) -> tuple[str, object, str]:
    """The phrase in the CSV row, in the JSON row, and the "Hear back" event's description."""
    (row,) = csv.DictReader(io.StringIO(to_csv([status], ZONE)))
    (item,) = json.loads(to_json([status], ZONE))
    ics = to_ics([status], datetime(2026, 11, 20, tzinfo=ZONE))
    description = next(
        line for line in ics.split("\r\n") if line.startswith("DESCRIPTION:Expected by")
    )
    return row["expected_phrase"], item["expected_phrase"], description


def test_a_kept_promise_is_not_exported_as_the_reason_for_the_date() -> None:
    # Mon 2 Nov "feedback by Friday 6 November"; Thu 5 Nov an update with no date kept it:
    # on the 20th the usual wait since the update is what passed
    kept = _status(20, _on(2, Label.DELAY, BY_FRIDAY), _on(5, Label.DELAY))
    assert (kept.expected_source, kept.expected_phrase, kept.promise_open) == (
        "default",
        "feedback by Friday 6 November",
        False,
    )
    assert _exported_phrases(kept) == ("", None, "DESCRIPTION:Expected by (default)")


def test_a_promise_past_when_made_is_not_exported_either() -> None:
    # "by Friday 6 November", written on Monday the 9th: a slip, the usual wait applies
    slipped = _status(20, _on(9, Label.DELAY, BY_FRIDAY))
    assert (slipped.expected_source, slipped.promise_open) == ("default", False)
    assert _exported_phrases(slipped)[:2] == ("", None)


def test_an_open_or_vague_promise_is_exported_with_its_words() -> None:
    open_one = _status(20, _on(2, Label.DELAY, BY_FRIDAY))
    assert open_one.expected_source == "promise"
    assert _exported_phrases(open_one) == (
        "feedback by Friday 6 November",
        "feedback by Friday 6 November",
        "DESCRIPTION:Expected by (promise): \u201cfeedback by Friday 6 November\u201d",
    )
    # "we'll be in touch" gives no date to keep or pass: it is the word they gave
    vague = Commitment(CommitmentKind.REPLY, "we'll be in touch", Strength.VAGUE)
    in_touch = _status(20, _on(2, Label.DELAY, vague))
    assert _exported_phrases(in_touch) == (
        "we'll be in touch",
        "we'll be in touch",
        "DESCRIPTION:Expected by (default): \u201cwe'll be in touch\u201d",
    )


def test_the_users_deadline_and_the_next_meeting_are_exported() -> None:
    # a request to send references by Friday 6 November, and an interview on the 10th
    references = Commitment(
        CommitmentKind.USER_DEADLINE, "send two references by Friday 6 November",
        Strength.EXPLICIT, date(2026, 11, 6),
    )  # fmt: skip
    interview = Commitment(
        CommitmentKind.MEETING, "Tuesday 10 November at 14:00", Strength.EXPLICIT,
        date(2026, 11, 10), datetime(2026, 11, 10, 14, 0, tzinfo=ZONE),
    )  # fmt: skip
    status = _status(4, _on(2, Label.REQUEST, references, interview))
    (row,) = csv.DictReader(io.StringIO(to_csv([status], ZONE)))
    (item,) = json.loads(to_json([status], ZONE))
    assert (row["user_deadline"], item["user_deadline"]) == ("2026-11-06", "2026-11-06")
    assert row["next_meeting"] == item["next_meeting"] == "2026-11-10T14:00:00+00:00"


def test_a_meeting_whose_time_is_not_known_is_exported_as_its_day() -> None:
    # Mon 2 Nov an interview on Thu 12 Nov at 10:00; Wed 4 Nov "we have had to move it:
    # your interview is now on Monday" (the 9th), no time yet
    thursday = Commitment(
        CommitmentKind.MEETING, "Thursday 12 November at 10:00", Strength.EXPLICIT,
        date(2026, 11, 12), datetime(2026, 11, 12, 10, 0, tzinfo=ZONE),
    )  # fmt: skip
    off = Commitment(CommitmentKind.MEETING_OFF, "move it", Strength.VAGUE)
    monday = Commitment(
        CommitmentKind.MEETING, "your interview is now on Monday", Strength.RELATIVE,
        date(2026, 11, 9),
    )  # fmt: skip
    status = _status(5, _on(2, Label.INTERVIEW, thursday), _on(4, Label.INTERVIEW, off, monday))
    assert (status.next_meeting, status.next_meeting_day) == (None, date(2026, 11, 9))
    (row,) = csv.DictReader(io.StringIO(to_csv([status], ZONE)))
    (item,) = json.loads(to_json([status], ZONE))
    assert row["next_meeting"] == item["next_meeting"] == "2026-11-09"
    # in the calendar: an all-day interview, and no "Hear back" on the same day
    ics = to_ics([status], datetime(2026, 11, 5, tzinfo=ZONE))
    events = ics.split("BEGIN:VEVENT\r\n")[1:]
    assert len(events) == 1
    assert events[0].split("\r\n")[:8] == [
        "UID:meeting-3-20261109@inbox-monitor",
        "DTSTAMP:20261105T000000Z",
        "DTSTART;VALUE=DATE:20261109",
        "DTEND;VALUE=DATE:20261110",
        "SUMMARY:Interview: Tidewater — Data Analyst",
        "DESCRIPTION:They have not given its time yet",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def test_an_event_names_the_agency_while_its_client_is_not_named() -> None:
    # an agency's process with no client named yet, and one with neither: each event's title
    # reads as a sentence, not "Hear back from via TalentBridge"
    asks = Commitment(CommitmentKind.USER_DEADLINE, "tell us by Monday 9 November",
                      Strength.EXPLICIT, date(2026, 11, 9))  # fmt: skip
    interview = Commitment(
        CommitmentKind.MEETING, "Thursday 12 November at 10:00", Strength.EXPLICIT,
        date(2026, 11, 12), datetime(2026, 11, 12, 10, 0, tzinfo=ZONE),
    )  # fmt: skip
    agency = ProcessRecord(3, None, "Data Analyst", "TalentBridge", PROCESS.opened_at)
    nobody = ProcessRecord(3, None, "Data Analyst", None, PROCESS.opened_at)
    now = datetime(2026, 11, 5, 9, 0, tzinfo=ZONE)
    summaries = {}
    for process in (agency, nobody):
        statuses = [
            process_status(process, messages, now, TrackingConfig(), BusinessCalendar("GB"), ZONE)
            for messages in (
                [_on(2, Label.DELAY, BY_FRIDAY)],
                [_on(2, Label.REQUEST, asks)],
                [_on(2, Label.INTERVIEW, interview)],
            )
        ]
        ics = to_ics(statuses, now)
        summaries[process.agency] = [
            line for line in ics.split("\r\n") if line.startswith("SUMMARY:")
        ]
    assert summaries["TalentBridge"] == [
        "SUMMARY:Hear back from TalentBridge (client not named) — Data Analyst",
        "SUMMARY:Answer TalentBridge (client not named) — Data Analyst",
        "SUMMARY:Interview: TalentBridge (client not named) — Data Analyst",
    ]
    assert summaries[None] == [
        "SUMMARY:Hear back from a company not named yet — Data Analyst",
        "SUMMARY:Answer a company not named yet — Data Analyst",
        "SUMMARY:Interview: a company not named yet — Data Analyst",
    ]
    # a named company is named as before
    named = to_ics([_status(5, _on(2, Label.DELAY, BY_FRIDAY))], now)
    assert "SUMMARY:Hear back from Tidewater — Data Analyst" in named


def test_every_time_in_csv_and_json_is_in_the_users_zone_with_its_offset() -> None:
    # a Berlin user: Katrin's mail came at 09:15 UTC (stored so), and the interview she set
    # was read with her +01:00; both go out in Berlin time, one form for every time
    berlin = ZoneInfo("Europe/Berlin")
    katrin = Address("Katrin Vogel", "katrin@nordhafen.example")
    interview = Commitment(
        CommitmentKind.MEETING, "Thursday, 17.12. at 14:30 CET", Strength.EXPLICIT,
        date(2026, 12, 17), datetime(2026, 12, 17, 14, 30, tzinfo=berlin),
    )  # fmt: skip
    came = datetime(2026, 12, 10, 9, 15, tzinfo=UTC)
    mail = message_record(
        "k1", came, Label.INTERVIEW, katrin, process_id=3, commitments=(interview,)
    )
    status = process_status(
        PROCESS, [mail], datetime(2026, 12, 11, 9, 0, tzinfo=UTC), TrackingConfig(),
        BusinessCalendar("DE", "BE"), berlin,
    )  # fmt: skip
    assert status.last_inbound_at is not None and status.last_inbound_at.utcoffset() == timedelta(0)
    (row,) = csv.DictReader(io.StringIO(to_csv([status], berlin)))
    (item,) = json.loads(to_json([status], berlin))
    for exported in (row, item):
        assert exported["last_inbound_at"] == "2026-12-10T10:15:00+01:00"
        assert exported["next_meeting"] == "2026-12-17T14:30:00+01:00"
    # a London user's export of the same: London time, +00:00 in winter
    (row,) = csv.DictReader(io.StringIO(to_csv([status], ZONE)))
    assert (row["last_inbound_at"], row["next_meeting"]) == (
        "2026-12-10T09:15:00+00:00",
        "2026-12-17T13:30:00+00:00",
    )
