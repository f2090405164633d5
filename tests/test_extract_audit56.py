"""User audits 5 and 6: a polite ask for the user's decision is their deadline, not a
promise (V4); a test's link that expires is its deadline (V9); calendar weeks and promises
in the present tense (B2, B6, B13); "I would need your answer until ..." (B4); a time
offered for the user to take or pick is the user's turn (B4, B11)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_commitments
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Direction,
    Label,
    MessageRecord,
    ProcessRecord,
    State,
)
from inbox_monitor.track import process_status

LONDON, BERLIN = ZoneInfo("Europe/London"), ZoneInfo("Europe/Berlin")
UK, US, GERMANY = (
    BusinessCalendar("GB", "ENG"),
    BusinessCalendar("US"),
    BusinessCalendar("DE", "BE"),
)
WEDNESDAY_UK = datetime(2026, 11, 11, 9, 0, tzinfo=LONDON)  # Wednesday 11 November 2026
MONDAY_DE = datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN)
TUESDAY_DE = datetime(2026, 12, 8, 15, 0, tzinfo=BERLIN)
THURSDAY_DE = datetime(2026, 12, 10, 10, 0, tzinfo=BERLIN)
REPLY, DEADLINE = CommitmentKind.REPLY, CommitmentKind.USER_DEADLINE
MEETING, MOVE_ASKED = CommitmentKind.MEETING, CommitmentKind.MOVE_ASKED


def read(
    text: str,
    sent_at: datetime = WEDNESDAY_UK,
    calendar: BusinessCalendar = UK,
    direction: str = "inbound",
) -> list[tuple[CommitmentKind, date | None]]:
    found = extract_commitments(text, sent_at=sent_at, calendar=calendar, direction=direction)
    return [(c.kind, c.due) for c in found]


# --- V4: "we'd be grateful if you could let us know your decision by ..." ---------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Your contract is attached. We'd be grateful if you could let us know your decision by "
         "Friday 20 November 2026.", date(2026, 11, 20)),
        ("We would be grateful if you could confirm by Friday.", date(2026, 11, 13)),
        ("We would appreciate it if you could let us know by Monday 16 November.",
         date(2026, 11, 16)),
        ("I'd appreciate it if you could come back to me by Thursday.", date(2026, 11, 12)),
        ("It would be great if you could let me know your answer by Friday 20 November.",
         date(2026, 11, 20)),
        ("We'd appreciate your answer by Friday 20 November.", date(2026, 11, 20)),
        ("We would need your answer until Friday 20 November.", date(2026, 11, 20)),
    ],
)  # fmt: skip
def test_a_polite_ask_for_the_users_decision_is_their_deadline(text: str, due: date) -> None:
    assert read(text) == [(DEADLINE, due)]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("We'll let you know our decision by Friday.", date(2026, 11, 13)),
        ("The panel will make their decision by Friday 20 November.", date(2026, 11, 20)),
    ],
)
def test_their_own_decision_stays_their_promise(text: str, due: date) -> None:
    assert read(text) == [(REPLY, due)]


def test_need_until_is_no_deadline_for_a_thing_of_theirs() -> None:
    assert DEADLINE not in [kind for kind, _ in read("We need the room until Friday 20 November.")]


# --- V9: a test's link that expires ------------------------------------------------------

INVITATION = (
    "Congratulations! Larchfield Foods would like to invite you to complete the situational "
    "judgement test for the Supply Chain Graduate Programme.\n\nSet aside about 40 minutes "
    "somewhere quiet. {expiry}\n\nBegin here: https://tests.example/abc"
)


@pytest.mark.parametrize(
    ("expiry", "calendar", "due"),
    [
        ("Your link will expire on 18/11/2026.", UK, date(2026, 11, 18)),
        ("Your link expires on 18/11/2026 at 23:59.", UK, date(2026, 11, 18)),
        ("The link will expire on 11/18/2026.", US, date(2026, 11, 18)),  # month first in the US
        ("Your link expires in 5 days.", UK, date(2026, 11, 16)),
    ],
)
def test_a_tests_link_that_expires_is_the_users_deadline(
    expiry: str, calendar: BusinessCalendar, due: date
) -> None:
    assert read(INVITATION.format(expiry=expiry), calendar=calendar) == [(DEADLINE, due)]


@pytest.mark.parametrize(
    "text",
    [
        # no test or task asked of the user
        "Thanks for your interest. Your link will expire on 18/11/2026.",
        # a link to book a slot, or an account's
        "Use the link below to choose an interview slot and complete the booking. Your link "
        "will expire on 18/11/2026.",
        "Please complete the online test. This password reset link expires in 24 hours.",
        "Please complete the online test. Your login link will expire on 18/11/2026.",
    ],
)
def test_other_links_that_expire_set_no_deadline(text: str) -> None:
    assert DEADLINE not in [kind for kind, _ in read(text)]


# --- B2, B13: calendar weeks; B6: a promise in the present tense ------------------------


@pytest.mark.parametrize(
    ("text", "sent_at", "due"),
    [
        ("I sent your profile to the client today. The client will give feedback in KW 51 at "
         "the latest.", TUESDAY_DE, date(2026, 12, 18)),
        ("The team lead is away, so we continue after the holidays. I will get in touch in KW 2 "
         "with next steps.", datetime(2026, 12, 22, 9, 0, tzinfo=BERLIN), date(2027, 1, 15)),
        ("We will get back to you in calendar week 2.", TUESDAY_DE, date(2027, 1, 15)),
        # "or latest" a later time: the later one is what they can be held to
        ("They meet two more people this week and will decide in KW 52 or latest after the "
         "holidays.", datetime(2026, 12, 17, 18, 0, tzinfo=BERLIN), date(2027, 1, 4)),
        ("We will decide by Friday 18 December or at the latest Monday 21 December.",
         TUESDAY_DE, date(2026, 12, 21)),
        # a promise in the present tense, with its time
        ("The client froze the budget until January. I come back to you in the new year when I "
         "know more.", datetime(2026, 12, 16, 16, 0, tzinfo=BERLIN), date(2027, 1, 4)),
        ("The team will look at it and we come back to you latest Wednesday 23.12.", TUESDAY_DE,
         date(2026, 12, 23)),
        ("I revert to you by Friday.", TUESDAY_DE, date(2026, 12, 11)),
        ("As you know, I revert to you by Friday.", TUESDAY_DE, date(2026, 12, 11)),
        ("We come back to you after the holidays.", TUESDAY_DE, date(2027, 1, 4)),
    ],
)  # fmt: skip
def test_calendar_weeks_and_present_tense_promises(text: str, sent_at: datetime, due: date) -> None:
    assert [(k, d) for k, d in read(text, sent_at, GERMANY) if d] == [(REPLY, due)]


@pytest.mark.parametrize(
    "text",
    [
        "I come back from holiday on Monday.",
        "I come back to you with two questions about your CV.",
        "When I come back to you next week with the contract, please have your passport ready.",
        "If we contact you on Monday, it will be from a withheld number.",
    ],
)
def test_other_present_tense_sentences_promise_nothing(text: str) -> None:
    assert REPLY not in [kind for kind, _ in read(text, TUESDAY_DE, GERMANY)]


# --- B4: "I would need your answer until Thursday 10.12. latest" ------------------------


def test_until_for_by_in_an_agencys_ask_is_the_users_deadline() -> None:
    text = (
        "Can I put you forward? The client finalises the shortlist this week, so I would need "
        "your answer until Thursday 10.12. latest."
    )
    assert read(text, MONDAY_DE, GERMANY) == [(DEADLINE, date(2026, 12, 10))]


# --- B4, B11: a time offered for the user to take or pick -------------------------------

NEXT_BUSINESS_DAY = date(2026, 12, 11)  # after Thursday 10 December


@pytest.mark.parametrize(
    "text",
    [
        "Would Tuesday, 15th at 09:30 work for you? Otherwise Wednesday 16.12. at 14:00 is "
        "also possible.",
        "As discussed, shall we talk on Thursday 17.12. at 10:30? I will ring your mobile.",
        "We'd like a second conversation with our CTO. Possible slots are Friday 18.12. at 9:00 "
        "or Monday, 4 January 2027 at 14 Uhr. Please let me know which one suits you.",
        "Next is a technical interview. Can you do Thursday 7.1. at 11:00 or Friday 8 January "
        "at 15:30?",
        "Would you be up for a short call next week? For example Tuesday 15.12. or Thursday "
        "17.12., whatever suits you.",
        "Are you free for a quick call on Monday?",
    ],
)
def test_a_time_offered_waits_for_the_users_pick_by_the_next_business_day(text: str) -> None:
    found = read(text, THURSDAY_DE, GERMANY)
    assert (DEADLINE, NEXT_BUSINESS_DAY) in found
    assert [kind for kind, _ in found if kind in (DEADLINE, MEETING)] == [DEADLINE]


@pytest.mark.parametrize(
    "text",
    [
        "Are you available from 1 February?",  # no meeting offered
        "Did Tuesday's call work for you?",  # asked after the fact
        "Are you free on Saturday 19 December? Come along to our careers fair!",
        "Would Monday 7 December at 10:00 work for you?",  # a day gone by
        # which suits someone else (verification round 11, R1)
        "Thanks - I've booked you in for Tuesday 15 December at 10:00, the slot which works"
        " best for the panel.",
        "I'm just checking with the hiring manager which day works best for him: Tuesday 15"
        " December at 10:00 or Wednesday 16 December at 14:00.",
    ],
)
def test_other_questions_with_a_day_are_no_pick(text: str) -> None:
    assert DEADLINE not in [kind for kind, _ in read(text, THURSDAY_DE, GERMANY)]


def test_an_ask_to_move_or_a_dated_ask_keeps_its_own_reading() -> None:
    moved = read("Could we move our call to Wednesday 16 December at 15:00?", THURSDAY_DE, GERMANY)
    assert [kind for kind, _ in moved] == [MOVE_ASKED]
    dated = read(
        "Please let me know by Monday which of Tuesday at 10:00 or Wednesday at 14:00 suits you.",
        THURSDAY_DE,
        GERMANY,
    )
    assert dated == [(DEADLINE, date(2026, 12, 14))]


def test_the_users_own_question_is_no_deadline() -> None:
    assert (
        read("Would Tuesday 15.12. at 10:00 work for you?", THURSDAY_DE, GERMANY, "outbound") == []
    )


# --- what track makes of it --------------------------------------------------------------

LENA = Address("Lena Kraus", "lena@example.de")
PROCESS = ProcessRecord(1, "Kobaltwerk", "Backend Engineer", None, THURSDAY_DE)


def _record(
    key: str, when: datetime, label: Label, text: str, direction: Direction = "inbound"
) -> MessageRecord:
    found: tuple[Commitment, ...] = extract_commitments(
        text, sent_at=when, calendar=GERMANY, direction=direction
    )
    sender = LENA if direction == "inbound" else Address("Me", "me@example.de")
    return message_record(key, when, label, sender, commitments=found, direction=direction)


def test_a_slot_offer_makes_the_process_wait_on_the_user_until_they_answer() -> None:
    ask = _record(
        "ask", THURSDAY_DE, Label.INTERVIEW,
        "Can you do Tuesday 15.12. at 11:00 or Wednesday 16.12. at 15:30?",
    )  # fmt: skip
    later = THURSDAY_DE + timedelta(hours=3)
    waiting = process_status(PROCESS, [ask], later, TrackingConfig(), GERMANY, BERLIN)
    assert waiting.state == State.WAITING_ON_YOU
    assert waiting.user_deadline is not None and waiting.user_deadline.due == NEXT_BUSINESS_DAY
    yes = _record("yes", later, Label.NOT_RECRUITING, "Tuesday at 11:00 works.", "outbound")
    answered = process_status(
        PROCESS,
        [ask, yes],
        later + timedelta(hours=1),
        TrackingConfig(),
        GERMANY,
        BERLIN,
    )
    assert answered.state != State.WAITING_ON_YOU


def test_an_offers_answer_by_date_is_the_users() -> None:
    offer = _record(
        "offer", datetime(2026, 11, 2, 10, 0, tzinfo=LONDON), Label.OFFER,
        "We'd be grateful if you could let us know your decision by Tuesday 10 November 2026.",
    )  # fmt: skip
    now = datetime(2026, 11, 4, 9, 0, tzinfo=LONDON)
    found = process_status(PROCESS, [offer], now, TrackingConfig(), UK, LONDON)
    assert found.state == State.WAITING_ON_YOU
    assert found.user_deadline is not None and found.user_deadline.due == date(2026, 11, 10)
