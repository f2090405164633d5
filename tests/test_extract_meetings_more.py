"""User audit 10 F16, user audit 11 F5 and F12, user audit 12 F18: meetings that were not
read. A meal that is the user's ("wants you at the board dinner on ...", "your breakfast with
the chair on ..."), an academic's talks and visit ("Your chalk talk is scheduled for ...", "a
campus visit on ..., with your job talk on the 25th at 4 PM"), an interview day whose parts'
times follow it, a hiring event's "interviews" with a day and a window, a chair's "you're
confirmed for ..." and the same subject going on to a meeting after a word about the past
("She was impressed and would like to meet you ..."). And one that is not the user's: a
meeting between third persons ("The dean would like to speak with Dr. Okafor by Zoom on
...")."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_commitments
from inbox_monitor.models import CommitmentKind

LONDON = ZoneInfo("Europe/London")
CHICAGO = ZoneInfo("America/Chicago")
ENGLAND = BusinessCalendar("GB", "ENG")
ILLINOIS = BusinessCalendar("US", "IL")
MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=LONDON)  # Monday 7 December 2026
MEETING = CommitmentKind.MEETING


def meetings(
    text: str, sent_at: datetime = MONDAY, calendar: BusinessCalendar = ENGLAND
) -> list[object]:
    found = extract_commitments(text, sent_at=sent_at, calendar=calendar)
    return [c.at or c.due for c in found if c.kind == MEETING]


def london(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026 if month == 12 else 2027, month, day, hour, minute, tzinfo=LONDON)


# --- a meal that is the user's ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Good news: the chairman was delighted and wants you at the partners' lunch on "
         "Thursday 17 December (12.30pm, The Ivy).", london(12, 17, 12, 30)),
        ("Just to confirm your dinner with the CEO on Wednesday 16 December at 7.30pm.",
         london(12, 16, 19, 30)),
        ("Would you join us for breakfast on Friday 11 December at 8am?", london(12, 11, 8)),
    ],
)  # fmt: skip
def test_a_meal_that_is_the_users_is_a_meeting(text: str, expected: datetime) -> None:
    assert meetings(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Lunch is served at 12:30 on Thursday 17 December.",
        "The club serves breakfast from 7.30am on Monday 14 December as usual.",
        "Thank you for dinner on Thursday 3 December.",
        "Please tell us your dietary needs for the lunch on Thursday 17 December.",
    ],
)
def test_a_meal_that_is_not_the_users_is_none(text: str) -> None:
    assert meetings(text) == []


# --- an academic's visit and talks --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your teaching talk is scheduled for 2 PM on 3/2 in Hall B.", london(2, 3, 14)),
        ("We would love to host you for a campus visit on February 8-9, with your job talk on "
         "the 8th at 3 PM.", london(2, 8, 15)),
        ("Your research talk will be on Tuesday 15 December at 11:00.", london(12, 15, 11)),
    ],
)  # fmt: skip
def test_an_academic_visit_or_talk_is_a_meeting(text: str, expected: datetime) -> None:
    assert meetings(text) == [expected]


def test_a_second_talk_with_its_own_day_is_a_meeting_too() -> None:
    eastern = timezone(timedelta(hours=-5))
    text = (
        "You'd give a job talk on 2/8 at 3:00 PM and a chalk talk with the faculty on 2/9 at "
        "9:30 AM."
    )
    sent_at = datetime(2027, 1, 11, 9, 0, tzinfo=eastern)
    assert meetings(text, sent_at, ILLINOIS) == [
        datetime(2027, 2, 8, 15, 0, tzinfo=eastern),
        datetime(2027, 2, 9, 9, 30, tzinfo=eastern),
    ]


# --- an interview day and its parts' times ------------------------------------------------


def test_an_interview_day_takes_its_first_parts_time() -> None:
    text = (
        "Dear Dr Lowe,\n\nWe are pleased to invite you to interview on Thursday 17th December. "
        "You will give a short presentation at 11:30, followed by a panel interview at 12:15."
    )
    assert meetings(text) == [london(12, 17, 11, 30)]


def test_an_interview_days_agenda_under_a_colon_gives_its_first_time() -> None:
    text = (
        "Your interview day is on Thursday 17 December and will run as follows:\n\n"
        "09:45  welcome and tour of the labs\n"
        "13:00  presentation to the department\n"
    )
    assert meetings(text) == [london(12, 17, 9, 45)]


@pytest.mark.parametrize(
    "after",
    [
        "Lunch is at 12:30.",
        "The panel finishes at 4pm.",
        # (a sentence naming its own day is not this day's)
        "A presentation at 10:00 on Friday 18 December follows.",
    ],
)
def test_an_interview_day_keeps_no_time_from_other_words(after: str) -> None:
    text = f"We are pleased to invite you to interview on Thursday 17th December. {after}"
    assert meetings(text)[0] == date(2026, 12, 17)


def test_a_british_dotted_time_beside_the_day_of_a_call_is_its_time() -> None:
    assert meetings("Could we do the call at 2.30 on Thursday?") == [london(12, 10, 14, 30)]


# --- a hiring event: interviews on a day, in a window ---------------------------------------


def test_a_hiring_events_interviews_with_a_day_and_a_window_are_a_meeting() -> None:
    sent_at = datetime(2026, 12, 8, 9, 0, tzinfo=CHICAGO)
    text = "You're registered! Open interviews Saturday 12/12, 9am-1pm. Bring an ID."
    assert meetings(text, sent_at, ILLINOIS) == [datetime(2026, 12, 12, 9, 0, tzinfo=CHICAGO)]


@pytest.mark.parametrize(
    "text",
    [
        "Walk-in interviews are taking place next week.",
        "Interviews on Saturday 12/12.",
        "We held interviews Saturday 12/5 at 10am and hired two people.",
    ],
)
def test_interviews_without_a_day_and_a_time_after_them_are_no_meeting(text: str) -> None:
    sent_at = datetime(2026, 12, 8, 9, 0, tzinfo=CHICAGO)
    assert meetings(text, sent_at, ILLINOIS) == []


# --- the chair's "you're confirmed for ..."; the same subject going on ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Great - you're confirmed for Wednesday, December 16 at 2:00 PM (London time).",
         london(12, 16, 14)),
        ("The client was impressed and would like to meet you on Friday 11 December at 10:00.",
         london(12, 11, 10)),
    ],
)  # fmt: skip
def test_a_confirmation_or_a_wish_after_the_past_is_a_meeting(
    text: str, expected: datetime
) -> None:
    assert meetings(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "You're confirmed for Monday 4 January at 09:00 - your first day.",
        "You are confirmed as our preferred candidate.",
        "The interview was on Thursday 3 December at 10:00 and went well.",
    ],
)
def test_a_confirmation_of_no_meeting_or_a_past_one_is_none(text: str) -> None:
    assert meetings(text) == []


# --- a meeting between third persons is not the user's --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The head of Chemistry would like to speak with Dr. Okafor by Zoom on Tuesday 15 "
        "December about a possible post.",
        "Your husband will meet the dean on Tuesday 15 December at 3pm.",
        "I'll speak with the client on Tuesday 15 December at 10:00 and come back to you.",
    ],
)
def test_a_meeting_between_others_is_not_the_users(text: str) -> None:
    assert meetings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The head of Chemistry would like to speak with you by Zoom on Tuesday 15 December at "
        "10:00.",
        "We'd like you to meet Dr Okafor on Tuesday 15 December at 10:00.",
        "The next step is to meet the hiring manager on Tuesday 15 December at 10:00.",
        "Anna will meet the shortlisted candidates on Tuesday 15 December at 10:00.",
        "You will meet Dr Okafor on Tuesday 15 December at 10:00.",
    ],
)
def test_a_meeting_the_user_is_in_stays_theirs(text: str) -> None:
    assert meetings(text) == [london(12, 15, 10)]
