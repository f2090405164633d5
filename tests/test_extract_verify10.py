"""Verification round 10's extraction cases: events the user may come to and closures are no
meetings (V7), a session added beside one kept is a second meeting (V2), "I'll be in touch
with dates next week" is a promise (V6), and the user's "I applied directly, so you can't
represent me" is their no to an agency's pitch (audit 3 A12, audit 2 U5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_commitments, plain_decision, user_decision
from inbox_monitor.models import Commitment, CommitmentKind, Outcome

PST = timezone(timedelta(hours=-8))
CALIFORNIA = BusinessCalendar("US", "CA")
UK = BusinessCalendar("GB")
TUESDAY = datetime(2026, 12, 1, 9, 0, tzinfo=PST)
WEDNESDAY_UK = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
REPLY, USER_PROMISE = CommitmentKind.REPLY, CommitmentKind.USER_PROMISE
MEETING, MEETING_OFF = CommitmentKind.MEETING, CommitmentKind.MEETING_OFF


def of_kind(
    text: str,
    kind: CommitmentKind,
    sent_at: datetime = TUESDAY,
    calendar: BusinessCalendar = CALIFORNIA,
    direction: str = "inbound",
) -> list[Commitment]:
    found = extract_commitments(text, sent_at=sent_at, calendar=calendar, direction=direction)
    return [c for c in found if c.kind == kind]


# --- V7: an optional event, a closure --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # an optional session on lines of its own, under a sentence naming the interview
        "Hi Sam,\n\nAhead of your interview, you're very welcome to join our optional "
        "Q&A hour for candidates:\nTuesday, December 8, 2026\n4:00 PM - 5:00 PM (Pacific "
        "Time)\nNo sign-up needed.\n",
        # ... and in a sentence
        "Hi Sam,\n\nYou're welcome to join our optional candidate Q&A session on Tuesday 8 "
        "December at 4pm.",
        "Hi Sam,\n\nThere is an optional coffee chat with the team on Monday 7 December at "
        "4:00 PM.",
        # the office closed, its date on a line of its own and its time on the next
        "Hi Sam,\n\nOne thing before your interview loop: the Oakland office is closed on\n"
        "Friday, December 25, 2026\n1:00 PM onwards, so please have any deliveries sent "
        "before that.\n",
        # ... and in a sentence
        "Hi Sam,\n\nThanks for yesterday. Our office is closed on Thursday 24 December from "
        "12:00, so the onsite will be in January.",
        "Hi Sam,\n\nOur test centre closes for the holidays on Wednesday 23 December, so the "
        "onsite will be in January.",
    ],
)
def test_an_optional_event_or_a_closure_is_no_meeting(text: str) -> None:
    assert of_kind(text, MEETING) == [], text


@pytest.mark.parametrize(
    ("text", "at"),
    [
        # the scheduling tool's own confirmation stays a meeting
        ("Hi Sam,\n\nYour virtual onsite is confirmed:\nWednesday, December 9, 2026\n"
         "9:00 AM - 12:30 PM (Pacific Time)\nSee you then!\n",
         datetime(2026, 12, 9, 9, 0, tzinfo=PST)),
        # an optional lunch after the interview is not the interview's
        ("Hi Sam,\n\nYour interview is on Tuesday 8 December at 10:00 AM, with an optional "
         "lunch afterwards.", datetime(2026, 12, 8, 10, 0, tzinfo=PST)),
        # a closure on another day than the interview's
        ("Hi Sam,\n\nThe office is closed on Monday 7 December, so your interview will be on "
         "Tuesday 8 December at 10:00 AM.", datetime(2026, 12, 8, 10, 0, tzinfo=PST)),
        ("Hi Sam,\n\nThere is an optional coffee chat on Monday 7 December at 4:00 PM. Your "
         "interview is on Tuesday 8 December at 10:00 AM.",
         datetime(2026, 12, 8, 10, 0, tzinfo=PST)),
    ],
)  # fmt: skip
def test_the_meeting_beside_an_optional_event_or_a_closure_stays(text: str, at: datetime) -> None:
    assert [(c.due, c.at) for c in of_kind(text, MEETING)] == [(at.date(), at)], text


# --- V2: a session added beside the one that stays --------------------------------------

ADDED = (
    "Hi Sam,\n\nA second session has been added to your final round interview.\n"
    "Original interview: Wednesday, December 9, 2026, 11:00 AM PT{kept}\n"
    "Additional interview: Thursday, December 10, 2026, 3:00 PM PT\n"
)


@pytest.mark.parametrize("kept", [" (unchanged)", ""])
def test_a_session_added_beside_the_original_is_a_second_meeting(kept: str) -> None:
    text = ADDED.format(kept=kept)
    assert [c.at for c in of_kind(text, MEETING)] == [
        datetime(2026, 12, 9, 11, 0, tzinfo=PST),
        datetime(2026, 12, 10, 15, 0, tzinfo=PST),
    ]
    assert of_kind(text, MEETING_OFF) == []


def test_a_reschedules_previous_slot_is_still_off_and_the_next_is_read() -> None:
    text = (
        "Hi Sam,\n\nHere is your schedule with Quarry Labs, as of today.\n"
        "Previous interview: Monday, November 30, 2026, 11:00 AM PT (completed)\n"
        "Next interview: Thursday, December 10, 2026, 10:00 AM PT\n"
    )
    assert [c.due for c in of_kind(text, MEETING_OFF)] == [date(2026, 11, 30)]
    assert [c.at for c in of_kind(text, MEETING)] == [datetime(2026, 12, 10, 10, 0, tzinfo=PST)]


def test_a_hard_wrapped_sentence_is_not_split_at_a_lower_case_label() -> None:
    # "interview:" going on a wrapped sentence is no list's item: one sentence, one meeting
    text = (
        "Hi Sam,\n\nThe team would like to invite you to the next stage of the process, a panel\n"
        "interview: it will be on Tuesday 8 December at 10:00 AM with three of the team."
    )
    assert [c.at for c in of_kind(text, MEETING)] == [datetime(2026, 12, 8, 10, 0, tzinfo=PST)]


# --- V6: in touch with dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Thanks for your time yesterday. I'll be in touch with dates next week.",
         date(2026, 11, 27)),
        ("Thanks for your time yesterday. We'll be in touch with onsite dates next week.",
         date(2026, 11, 27)),
        ("Thanks for your time yesterday. I'll be in touch next week with times.",
         date(2026, 11, 27)),
        ("Thanks again. I will come back to you with dates early next week.",
         date(2026, 11, 24)),
    ],
)  # fmt: skip
def test_in_touch_with_dates_is_a_promise(text: str, due: date) -> None:
    assert [c.due for c in of_kind(text, REPLY, WEDNESDAY_UK, UK)] == [due], text


@pytest.mark.parametrize(
    "text",
    [
        "Thanks again. I'll be in touch with your referees next week.",
        "Get in touch next week if you have any questions.",
        "Feel free to get in touch next week if anything changes.",
    ],
)
def test_in_touch_with_others_or_an_invitation_is_no_promise(text: str) -> None:
    assert of_kind(text, REPLY, WEDNESDAY_UK, UK) == [], text


def test_the_users_in_touch_with_dates_is_their_own_promise() -> None:
    text = "Thanks Hannah, I'll be in touch with dates next week."
    assert of_kind(text, REPLY, WEDNESDAY_UK, UK, "outbound") == []
    assert [c.due for c in of_kind(text, USER_PROMISE, WEDNESDAY_UK, UK, "outbound")] == [
        date(2026, 11, 27)
    ]


# --- A12 / U5: applied directly ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thanks - I actually applied for this one directly on Pellow's website last week, so "
        "I don't think you can represent me for it. Do keep me in mind for other roles.",
        "Thanks Owen. I've already applied to Severn directly, so you won't be able to put me "
        "forward.",
        "I applied directly a few days ago, so please don't submit my CV for this one.",
        "I don't think you can put me forward for this one, as I've already applied directly.",
        "I'd applied directly before you got in touch, so I can't go through you for it - sorry!",
    ],
)
def test_applied_directly_is_a_plain_no_to_the_pitch(text: str) -> None:
    found = user_decision(text)
    assert found is not None and found[0] == Outcome.WITHDRAWN, text
    assert plain_decision(found[1])  # track.py lets it end a pitch, not an interview's process


@pytest.mark.parametrize(
    "text",
    [
        "I applied directly last month but never heard back - happy for you to put me forward.",
        "I applied directly last year and didn't hear back, so you can definitely put me forward.",
        "Have you applied directly?",
        "I applied directly, so I don't think you can represent me - unless the client is fine "
        "with that?",
        "I applied directly, so you can't put me forward. But I'm very keen on Harbor & Finch.",
    ],
)
def test_applied_directly_with_a_yes_or_a_question_is_no_decision(text: str) -> None:
    assert user_decision(text) is None, text
