"""A US search's automated mail: scheduling tools' confirmations (the date on one line, the
time on the next), reschedule notices with the old slot, and promises over Thanksgiving."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_commitments
from inbox_monitor.models import Commitment, CommitmentKind, Strength

PST = timezone(timedelta(hours=-8))
EST = timezone(timedelta(hours=-5))
CALIFORNIA = BusinessCalendar("US", "CA")
TUESDAY = datetime(2026, 11, 24, 15, 0, tzinfo=PST)  # two days before Thanksgiving
THURSDAY = datetime(2026, 12, 3, 9, 30, tzinfo=PST)
REPLY, DEADLINE = CommitmentKind.REPLY, CommitmentKind.USER_DEADLINE
MEETING, MEETING_OFF = CommitmentKind.MEETING, CommitmentKind.MEETING_OFF


def read(text: str, sent_at: datetime = THURSDAY) -> tuple[Commitment, ...]:
    return extract_commitments(text, sent_at=sent_at, calendar=CALIFORNIA)


def of_kind(text: str, kind: CommitmentKind, sent_at: datetime = THURSDAY) -> list[Commitment]:
    return [c for c in read(text, sent_at) if c.kind == kind]


# --- a confirmation's date on one line and its time on the next (U10, U10b) --------------


@pytest.mark.parametrize(
    ("text", "at"),
    [
        # a tool's confirmation naming the meeting above a slot of its own (ModernLoop)
        ("Hi Sam,\n\nPriya Shah from Corvid has scheduled your Virtual Onsite.\n\n"
         "Monday, December 14, 2026\n10:00 AM - 1:30 PM (Pacific Time)\n\n"
         "10:00 - Architecture (Ana Ruiz)\n11:00 - Pairing (Ben Ode)\n",
         datetime(2026, 12, 14, 10, 0, tzinfo=PST)),
        # the day's zone in brackets, the first session's time on the next line (Ashby)
        ("Your final round with Corvid is confirmed:\n\nFriday, December 11, 2026 (PST)\n"
         "1:00 PM - Coding with Ana Ruiz\n2:15 PM - Values with Ben Ode\n",
         datetime(2026, 12, 11, 13, 0, tzinfo=PST)),
        # "Date:" and "Time:" labels, in the zone the time names
        ("Your interview with Corvid has been confirmed.\n\nDate: Friday, December 11, 2026\n"
         "Time: 10:00 AM - 11:30 AM ET\nLocation: Zoom\n",
         datetime(2026, 12, 11, 10, 0, tzinfo=EST)),
        # a final round (no other meeting word), the time range ending in its zone (GoodTime)
        ("Your final round with Corvid has been confirmed.\n\nTuesday, December 15, 2026\n"
         "9:00 AM - 1:00 PM PST\nSessions: Coding, System Design\n",
         datetime(2026, 12, 15, 9, 0, tzinfo=PST)),
    ],
)  # fmt: skip
def test_a_confirmations_date_line_and_time_line_are_one_meeting(text: str, at: datetime) -> None:
    (meeting,) = of_kind(text, MEETING)
    assert (meeting.due, meeting.at) == (at.date(), at)
    assert meeting.strength == Strength.EXPLICIT


def test_the_time_line_gives_the_subjects_meeting_its_time() -> None:
    # the subject names the day with a meeting word; the body's lines give the time
    text = (
        "Corvid - Final Round Interview Confirmed for Friday, December 11\n\n"
        "Hi Sam,\n\nYour final round with Corvid is confirmed:\n\n"
        "Friday, December 11, 2026 (PST)\n10:00 AM - Systems Design with Ana Ruiz\n"
    )
    (meeting,) = of_kind(text, MEETING)
    assert meeting.at == datetime(2026, 12, 11, 10, 0, tzinfo=PST)


@pytest.mark.parametrize(
    "text",
    [
        # a choice of slots is no meeting
        "Here are the times we have for your interview:\n\nMonday, December 14, 2026\n"
        "10:00 AM - 11:00 AM PST\n\nTuesday, December 15, 2026\n2:00 PM - 3:00 PM PST\n",
        # a slot offered, asked about
        "Would this time work for your interview?\n\nMonday, December 14, 2026\n10:00 AM PST\n",
        "Please share your availability for the interview:\n\nMonday, December 14, 2026\n"
        "10:00 AM - 11:00 AM PST\n",
        # a date and time with no meeting named before them
        "Your payment has been received.\n\nMonday, December 14, 2026\n10:00 AM PST\n",
        # a meeting called off above it
        "Your interview has been cancelled.\n\nMonday, December 14, 2026\n10:00 AM PST\n",
    ],
)
def test_a_slot_on_lines_of_its_own_is_no_meeting_without_one_confirmed_above(text: str) -> None:
    assert of_kind(text, MEETING) == []


def test_a_date_line_without_a_year_or_zone_keeps_the_next_lines_time_apart() -> None:
    # an agenda, written by a person: the time below is another item's
    text = "Your interview is confirmed:\n\nMonday 14 December\n15:00 team lunch\n"
    assert all(c.at is None for c in of_kind(text, MEETING))


# --- a reschedule's previous time (U5) ---------------------------------------------------


def test_a_reschedules_previous_time_is_called_off_and_the_new_one_is_the_meeting() -> None:
    text = (
        "Hi Sam,\n\nYour interview with Corvid has been rescheduled due to a conflict.\n\n"
        "New time: Thursday, December 10, 2026, 2:00 PM - 3:00 PM PST\n"
        "Previous time: Tuesday, December 8, 2026, 11:00 AM - 12:00 PM PST\n"
        "Interviewer: Ana Ruiz (Engineering Manager)\nZoom: https://example.com/j/1\n"
    )
    found = read(text)
    assert [(c.due, c.at) for c in found if c.kind == MEETING] == [
        (date(2026, 12, 10), datetime(2026, 12, 10, 14, 0, tzinfo=PST))
    ]
    # the day given up is off, not "the next meeting" whichever it is
    assert [c.due for c in found if c.kind == MEETING_OFF] == [date(2026, 12, 8)]


def test_a_calendly_reschedules_former_time_is_off_and_the_updated_one_on() -> None:
    text = (
        "Ana Ruiz has rescheduled your event.\n\nEvent Type: Intro Call (30 min)\n"
        "Former: 11:00am - Monday, December 7, 2026\n"
        "Updated: 3:00pm - Tuesday, December 8, 2026 (Pacific Time - US & Canada)\n"
    )
    found = read(text)
    assert [c.due for c in found if c.kind == MEETING_OFF] == [date(2026, 12, 7)]
    assert [c.at for c in found if c.kind == MEETING] == [datetime(2026, 12, 8, 15, 0, tzinfo=PST)]


def test_a_previous_date_that_is_no_meetings_is_not_called_off() -> None:
    # no meeting in the mail: an earlier start date is nothing to call off
    text = "Your start date has changed.\n\nPrevious date: Monday, January 4, 2027\n"
    assert of_kind(text, MEETING_OFF) == []


# --- promises over Thanksgiving (U4, U12) ------------------------------------------------


def test_a_date_that_narrows_after_the_break_wins() -> None:
    text = (
        "I'll share my notes with the team and get back to you after the Thanksgiving break, "
        "probably by Wednesday 12/2."
    )
    (promise,) = of_kind(text, REPLY, TUESDAY)
    assert (promise.due, promise.strength) == (date(2026, 12, 2), Strength.EXPLICIT)
    assert promise.phrase.endswith("Wednesday 12/2")


def test_after_the_break_alone_is_the_monday_after_it() -> None:
    (promise,) = of_kind("We'll get back to you after the Thanksgiving break.", REPLY, TUESDAY)
    assert promise.due == date(2026, 11, 30)
    # another date later in the sentence, not joined to it, does not narrow it
    text = "We'll get back to you after the Thanksgiving break, and the team meets on 12/2."
    assert [c.due for c in of_kind(text, REPLY, TUESDAY)] == [date(2026, 11, 30)]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Next step is a short exercise. I'll send it over Monday after the holiday.",
         date(2026, 11, 30)),
        ("Our team will review your results and reach out within two weeks.", date(2026, 12, 8)),
        ("Our coordinator Dana will send you onsite times in the next couple of days.",
         date(2026, 11, 30)),  # two business days, over Thanksgiving and the day after
        ("I'll get back to you after the holiday.", date(2026, 11, 30)),
    ],
)  # fmt: skip
def test_their_promises_over_the_holiday(text: str, due: date) -> None:
    (promise,) = of_kind(text, REPLY, TUESDAY)
    assert (promise.due, promise.strength) == (due, Strength.RELATIVE)


@pytest.mark.parametrize(
    "text",
    [
        "I'll send it over to the hiring manager on Monday.",  # to someone else
        "We will review your results and reach out to your referees within two weeks.",
        "Our recruiter Dana will send you a reminder on Monday.",  # nothing to tell
    ],
)
def test_what_is_sent_or_said_to_others_promises_nothing(text: str) -> None:
    assert of_kind(text, REPLY, TUESDAY) == []


# --- "within N days" in a request (U3) ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Please complete it within 7 days of receiving this email.", date(2026, 12, 1)),
        ("Please complete the assessment within 5 days of this invitation.", date(2026, 11, 29)),
        ("Kindly submit your answers within 3 days.", date(2026, 11, 27)),
    ],
)
def test_a_request_within_a_span_is_the_users_deadline(text: str, due: date) -> None:
    (deadline,) = of_kind(text, DEADLINE, TUESDAY)
    assert (deadline.due, deadline.strength) == (due, Strength.RELATIVE)


@pytest.mark.parametrize(
    "text",
    [
        "Please note that we review applications within 10 working days.",  # theirs
        "Please allow up to 5 business days for processing.",
    ],
)
def test_a_span_of_theirs_after_please_is_no_deadline(text: str) -> None:
    assert of_kind(text, DEADLINE, TUESDAY) == []


def test_a_span_counted_from_the_interview_is_not_counted_from_the_message() -> None:
    text = "Please return the form within 3 days of the interview."
    assert [c.due for c in of_kind(text, DEADLINE, TUESDAY)] in ([], [None])


@pytest.mark.parametrize(
    "text",
    [
        # the original slot said to stay, beside one added (verification round 10, V2)
        "Hi Sam,\n\nWe've added a second session to your final round interview.\n"
        "Original interview: Thursday, December 10, 2026, 10:00 AM PT (unchanged)\n"
        "Additional interview: Friday, December 11, 2026, 2:00 PM PT\n",
        # a choice of slots: the earlier is no slot given up
        "Hi Sam,\n\nPlease pick one of these times for your final round interview.\n"
        "Earlier slot: Tuesday, December 8, 2026, 9:00 AM PT\n"
        "Later slot: Tuesday, December 8, 2026, 3:00 PM PT\n",
    ],
)
def test_a_slot_that_stays_or_is_one_of_a_choice_is_not_called_off(text: str) -> None:
    assert of_kind(text, MEETING_OFF) == [], text
