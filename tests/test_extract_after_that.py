"""Open items of the 2026-11-29 note: a promise to come back "after that" is after the time
it points back to; a first day in a job, a courier's call and a call to referees are no
meeting of the user's; the user's "please don't put me forward for this one" withdraws them
from an agency's pitch."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_commitments, plain_decision, user_decision
from inbox_monitor.models import Commitment, CommitmentKind, Outcome, Strength

ENGLAND = BusinessCalendar("GB", "ENG")
TUESDAY_WEEK_47 = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)
TUESDAY_WEEK_48 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
FRIDAY_BEFORE_CHRISTMAS = datetime(2026, 12, 18, 10, 0, tzinfo=UTC)
REPLY, USER_PROMISE = CommitmentKind.REPLY, CommitmentKind.USER_PROMISE
MEETING = CommitmentKind.MEETING


def of_kind(
    text: str,
    kind: CommitmentKind,
    sent_at: datetime = TUESDAY_WEEK_47,
    direction: str = "inbound",
) -> list[Commitment]:
    found = extract_commitments(text, sent_at=sent_at, calendar=ENGLAND, direction=direction)
    return [c for c in found if c.kind == kind]


# --- a promise "after that" ---------------------------------------------------------------


@pytest.mark.parametrize("sent_at", [TUESDAY_WEEK_47, TUESDAY_WEEK_48])
def test_after_a_week_named_before_the_promise_is_the_monday_after_it(sent_at: datetime) -> None:
    (promise,) = of_kind(
        "Hi Hannah, I'm on annual leave in week 48, so we'll come back to you after that.",
        REPLY,
        sent_at,
    )
    # week 48 ends Friday 27 November: not then, but the first business day after it
    assert (promise.due, promise.strength) == (date(2026, 11, 30), Strength.EXPLICIT)
    assert promise.phrase.endswith("after that")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # out until Friday 20 November: the Monday after
        (
            "I'm out of the office until Friday, will come back to you after that.",
            date(2026, 11, 23),
        ),
        (
            "The panel meets on Thursday, so we'll be in touch straight afterwards.",
            date(2026, 11, 20),
        ),
        # Christmas Day and the Boxing Day holiday (Monday 28th) are no business days
        (
            "I'm away until Thursday 24 December and will get back to you after that.",
            date(2026, 12, 29),
        ),
        # the same family, said with the day after "after"
        ("We will get back to you after the 15th.", date(2026, 12, 16)),
        ("We'll be in touch after Friday.", date(2026, 11, 23)),
        ("We will get back to you after week 48.", date(2026, 11, 30)),
        # "the week after" a week named: the Friday of the week after it
        ("I'm on leave in week 48 and will get back to you the week after.", date(2026, 12, 4)),
    ],
)
def test_a_promise_after_a_time_is_after_it(text: str, due: date) -> None:
    (promise,) = of_kind(text, REPLY)
    assert promise.due == due, promise


def test_the_users_own_promise_after_that_too() -> None:
    (promise,) = of_kind(
        "I'm travelling until Friday - I'll send the forms over after that.",
        USER_PROMISE,
        direction="outbound",
    )
    assert promise.due == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # the family as it reads: the day they are back, the first business day of the year
        ("I'm off until Monday but will get back to you then.", date(2026, 11, 23)),
        ("I'll come back to you when I'm back on the 4th.", date(2026, 12, 4)),
        ("We hope to come back to you after the holidays.", date(2027, 1, 4)),
        ("We will get back to you early next week.", date(2026, 11, 24)),
        # "after that" with the time after the promise: that time
        (
            "We will get back to you by Friday and after that we'll arrange the interviews.",
            date(2026, 11, 20),
        ),
        ("I'm on leave in week 48, but we will get back to you before that.", date(2026, 11, 27)),
    ],
)
def test_other_promises_near_it_read_as_before(text: str, due: date) -> None:
    (promise,) = of_kind(text, REPLY)
    assert promise.due == due, promise


def test_after_the_second_interview_is_no_date() -> None:
    (promise,) = of_kind("We'll get back to you after the 2nd interview.", REPLY)
    assert (promise.due, promise.strength) == (None, Strength.VAGUE)


# --- a first day in the job is no meeting ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        (
            "Hi Olivia,\n\nAll confirmed for Monday 4 January at 09:00 - your first day. We're "
            "all looking forward to it.",
            "inbound",
        ),
        (
            "Hi Olivia,\n\nWe'll see you for your first day on Monday 4 January at 09:00 at "
            "reception.",
            "inbound",
        ),
        ("Hi Olivia,\n\nConfirmed: Monday 4 January at 09:00 - your induction day.", "inbound"),
        (
            "Hi Olivia,\n\nYour onboarding is all confirmed for Monday 4 January at 09:00.",
            "inbound",
        ),
        ("Great, see you on Monday 4 January at 09:00 for my first day!", "outbound"),
    ],
)
def test_a_first_day_in_the_job_is_no_meeting(text: str, direction: str) -> None:
    found = extract_commitments(
        text, sent_at=FRIDAY_BEFORE_CHRISTMAS, calendar=ENGLAND, direction=direction
    )
    assert found == (), found


@pytest.mark.parametrize(
    ("text", "day", "direction"),
    [
        (
            "Hi Olivia,\n\nYour first interview is on Monday 4 January at 09:00.",
            date(2027, 1, 4),
            "inbound",
        ),
        (
            "Hi Olivia,\n\nYour first-round interview is on Monday at 10:00.",
            date(2026, 12, 21),
            "inbound",
        ),
        ("Hi Olivia,\n\nAll confirmed for Monday 4 January at 09:00.", date(2027, 1, 4), "inbound"),
        # a call about the first day is a call
        (
            "Hi Olivia,\n\nWe've booked a quick call on Wednesday 23 December at 10:00 to go "
            "through your first day.",
            date(2026, 12, 23),
            "inbound",
        ),
        (
            "Hi Olivia,\n\nLet's meet on Wednesday 23 December at 10:00 to discuss your start "
            "date.",
            date(2026, 12, 23),
            "inbound",
        ),
        (
            "Great, see you on Monday 4 January at 09:00 for the interview!",
            date(2027, 1, 4),
            "outbound",
        ),
    ],
)
def test_an_interview_stays_a_meeting(text: str, day: date, direction: str) -> None:
    (meeting,) = of_kind(text, MEETING, FRIDAY_BEFORE_CHRISTMAS, direction)
    assert meeting.due == day


# --- a courier's call, a call to referees -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hi Hannah,\n\nYour laptop is on its way. The courier will call ahead on Tuesday 24 "
        "November.",
        "Hi Hannah,\n\nThe courier will call you on Tuesday to arrange the delivery.",
        "Hi Hannah,\n\nWe'll do a reference call on Monday.",
        "Hi Hannah,\n\nThe reference call is on Monday at 10:00.",
        "Hi Hannah,\n\nThanks for the details. We'll call your referees on Monday.",
        "Hi Hannah,\n\nWe plan to speak to your two referees on Monday afternoon.",
    ],
)
def test_a_call_that_is_not_the_users_is_no_meeting(text: str) -> None:
    assert of_kind(text, MEETING) == []


@pytest.mark.parametrize(
    ("text", "day", "kind"),
    [
        (
            "Hi Hannah,\n\nWe'll call your referees on Monday, and your final interview is on "
            "Friday 27 November at 10:00.",
            date(2026, 11, 27),
            MEETING,
        ),
        ("Hi Hannah,\n\nWe'll have a call on Monday at 10:00.", date(2026, 11, 23), MEETING),
        (
            "Hi Hannah,\n\nThe hiring manager will call you on Tuesday at 10:00.",
            date(2026, 11, 24),
            REPLY,
        ),
    ],
)
def test_the_users_own_call_stays(text: str, day: date, kind: CommitmentKind) -> None:
    (found,) = of_kind(text, kind)
    assert found.due == day


# --- the user's "please don't put me forward" ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hi Tom,\n\nThanks for thinking of me. Please don't put me forward for this one.",
        "Hi Tom,\n\nHaving read the spec, please do not submit my profile.",
        "Hi Tom,\n\nI don't want to be submitted for this, thanks.",
        "Hi Tom,\n\nThanks, but please do not submit my CV to Nordhafen.",
        "Hi Tom,\n\nI'd rather not be put forward for that one.",
    ],
)
def test_asking_an_agency_not_to_submit_them_withdraws_the_user(text: str) -> None:
    decision = user_decision(text)
    assert decision is not None and decision[0] == Outcome.WITHDRAWN, decision
    assert plain_decision(decision[1])  # a no to the pitch, as "I'll pass" is


@pytest.mark.parametrize(
    "text",
    [
        "Hi Tom,\n\nSounds great - please do submit my profile.",
        "Hi Tom,\n\nPlease don't submit my profile until we've spoken.",
        "Hi Tom,\n\nPlease don't submit my CV yet, I'm updating it.",
        "Hi Tom,\n\nHappy to go ahead, but don't submit me anywhere else without asking.",
        "Hi Tom,\n\nPlease don't submit my profile for the other role.",
        # a condition: the agency's "No problem, I won't put you forward" confirms it
        "Hi Tom,\n\nIs the client Nordhafen? If yes, please do not submit my profile.",
        "Hi Tom,\n\nWhy don't you put me forward for it?",
        "Hi Tom,\n\nIf you don't put me forward, I'll apply directly.",
        "Hi Tom,\n\nPlease don't put me forward for this one, but I'd love to hear more about "
        "Harbor & Finch.",
    ],
)
def test_other_words_about_submitting_decide_nothing(text: str) -> None:
    assert user_decision(text) is None
