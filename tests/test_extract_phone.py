"""User audit 7 U1, U2, U3, U5: terse mail from a phone. Their own "Friday at 14:30 works for
us" or "... is confirmed" is a meeting; the user's "Thx - Thurs works", "Fri pls" or a plain
"Sounds good" takes the time offered (also when offered plainly, "They could do ...", or as
"How's Wed 9 Dec 3pm?"); "We now expect to contact candidates by ..." and an agency's "I'll
chase them on Friday" are their promises."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import agreed_slot, extract_commitments, extract_fields, settled_by_yes
from inbox_monitor.models import Address, CommitmentKind, Label, ProcessRecord
from inbox_monitor.track import process_status

LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")
THURSDAY = datetime(2026, 12, 3, 11, 0, tzinfo=LONDON)  # Thursday 3 December 2026
MEETING, REPLY = CommitmentKind.MEETING, CommitmentKind.REPLY


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=LONDON)


def meetings(text: str, direction: str = "inbound") -> list[datetime | date | None]:
    found = extract_commitments(text, sent_at=THURSDAY, calendar=ENGLAND, direction=direction)
    return [c.at or c.due for c in found if c.kind == MEETING]


def replies(text: str) -> list[tuple[str, date | None]]:
    found = extract_commitments(text, sent_at=THURSDAY, calendar=ENGLAND)
    return [(c.phrase, c.due) for c in found if c.kind == REPLY]


# --- U3, U1: their own word that a time works -------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No worries at all - Friday 11 December at 14:30 works for us. I'll send a calendar "
         "invite shortly.", at(11, 14, 30)),
        ("Tues 8th 10am at the Grind on Old St works. See you there.", at(8, 10)),
        ("Friday 11 December at 14:30 is confirmed. A Teams link will follow.", at(11, 14, 30)),
        ("Thanks Priya - Friday 11 December at 14:30 works for us too.", at(11, 14, 30)),
        ("Great, Monday 7 December at 9am suits us.", at(7, 9)),
        # a passport asked for, with the interview named: still the meeting
        ("Friday 11 December at 14:30 works for us. Please bring your passport to the interview.",
         at(11, 14, 30)),
    ],
)  # fmt: skip
def test_their_word_that_a_time_works_is_a_meeting(text: str, expected: datetime) -> None:
    assert meetings(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Does Friday at 14:30 work for you?",  # a question: the user's turn
        "Friday works for the delivery of your laptop.",
        "Friday works better for me than Thursday - could you do 10am?",  # a counter-offer
        "Friday at 14:30 works for us. Let me know if that suits you.",  # still their offer
        "Friday at 14:30 works for us. Does that work for you?",
        "Friday at 14:30 works for us, or Monday at 10:00 if you prefer.",  # a choice
        "Monday 4 January at 9:00 is confirmed as your start date.",
        "Friday at 14:30 at the office no longer works.",
        "Friday at 14:30 works for us if the room is free.",
        "Friday at 14:30 works for the client.",  # their availability relayed
        "The new Friday 11 December at 14:30 slot works.",  # the day does not open it
        # verification round 12: one of two offered, or a preference asked
        "We'd like to invite you to an interview. Friday 11 December at 14:30 works for us,"
        " Monday 14 December at 10:00 too. Which do you prefer?",
        "Friday 11 December at 14:30 works for us, as does Monday 14 December at 10:00.",
        "Friday 11 December at 14:30 works for us. Alternatively Monday 14 December at 10:00.",
        # a thing's time, the mail naming no meeting
        "Monday 4 January at 09:00 works for us. Please bring your passport on the day.",
        "Friday 18 December at 12:00 is confirmed. The relocation payment will show then.",
    ],
)
def test_other_words_about_a_time_are_no_meeting(text: str) -> None:
    assert meetings(text) == []


# --- U3: the user's short yes -------------------------------------------------------------


STATED = (
    "Good news - they'd like to meet you! They could do Monday 7th at 11am or Thursday 10th at "
    "4pm, at their Holborn office."
)
ASKED = (
    "The client would like a first interview. Could you do Thursday 10th at 9am or Friday 11th "
    "at 1pm?"
)
ONE = "Would be great to get you in front of Sam, our COO, for a call. How's Wed 9 Dec 3pm?"


def taken(reply: str, quoted: str) -> datetime | None:
    found = agreed_slot(reply, quoted, sent_at=THURSDAY, calendar=ENGLAND)
    assert found is None or found.kind == MEETING
    return found.at if found else None


@pytest.mark.parametrize(
    ("reply", "quoted", "expected"),
    [
        ("Thx - Thurs works", STATED, at(10, 16)),
        ("Mon is fine", STATED, at(7, 11)),
        ("Fri pls", ASKED, at(11, 13)),
        ("thurs works", ASKED, at(10, 9)),
        ("Sounds good", ONE, at(9, 15)),
        ("Perfect", ONE, at(9, 15)),
        ("Great, thanks!", ONE, at(9, 15)),
    ],
)
def test_the_users_short_yes_takes_the_time_offered(
    reply: str, quoted: str, expected: datetime
) -> None:
    assert taken(reply, quoted) == expected


@pytest.mark.parametrize(
    ("reply", "quoted"),
    [
        ("Can't do Weds, Thurs?", "Could you do a video interview on Wednesday 9 December at 2pm?"),
        ("Weds works", STATED),  # no time offered that day
        ("Thurs works but could we make it 5pm?", STATED),
        ("Sounds good", STATED),  # two times offered: which one?
        ("Perfect", ASKED),
        ("Fri", ASKED),  # no yes
        ("Great to hear from you", ONE),
        ("Fri pls", "Could you send your portfolio by Friday?"),  # no time offered
        ("Thurs works", "They could do Thursday at 4pm, or is next week better?"),  # no meeting
    ],
)  # fmt: skip
def test_no_time_is_taken_without_a_yes_to_one(reply: str, quoted: str) -> None:
    assert taken(reply, quoted) is None


def test_their_hows_that_time_is_the_users_turn() -> None:
    found = extract_commitments(ONE, sent_at=THURSDAY, calendar=ENGLAND)
    assert [(c.kind, c.due) for c in found] == [(CommitmentKind.USER_DEADLINE, date(2026, 12, 4))]
    asked_after = "Hi Sam, how's the new job going? Hope all is well."
    assert extract_commitments(asked_after, sent_at=THURSDAY, calendar=ENGLAND) == ()


def test_the_short_yes_gives_the_process_its_meeting() -> None:
    agency, me = Address("Tom Hale", "tom@agency.example"), Address("Kim", "kim@example.org")
    offered_at = THURSDAY.replace(hour=9)
    offer = message_record(
        "offer", offered_at, Label.INTERVIEW, agency,
        commitments=extract_commitments(STATED, sent_at=offered_at, calendar=ENGLAND),
    )  # fmt: skip
    reply = "Thx - Thurs works\n\nSent from my iPhone"
    own = extract_fields("Re: Fernway", reply, sent_at=THURSDAY, calendar=ENGLAND,
                         direction="outbound")  # fmt: skip
    own = settled_by_yes(own, reply, STATED, sent_at=THURSDAY, calendar=ENGLAND,
                         direction="outbound")  # fmt: skip
    pick = message_record(
        "pick", THURSDAY, Label.INTERVIEW, me, commitments=own.commitments, direction="outbound"
    )
    process = ProcessRecord(1, "Fernway", "Product Manager", "Agency", offered_at)
    now = THURSDAY.replace(hour=18)
    status = process_status(process, [offer, pick], now, TrackingConfig(), ENGLAND, LONDON)
    assert status.next_meeting == at(10, 16)


# --- U5, U2: their new date, the agency's chase -----------------------------------------


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Assessment is taking longer than planned. We now expect to contact candidates by 15 "
         "January 2027.", date(2027, 1, 15)),
        ("We now expect to contact you by 15 January 2027.", date(2027, 1, 15)),
        ("We will write to applicants by Friday 18 December.", date(2026, 12, 18)),
        ("We aim to let everyone know by Friday 18 December.", date(2026, 12, 18)),
        ("I'll chase them on Monday if I haven't heard.", date(2026, 12, 7)),
        ("I'll chase up the hiring manager tomorrow.", date(2026, 12, 4)),
        # a couple of days: two business days, as elsewhere
        ("They normally come back within a couple of days.", date(2026, 12, 7)),
        # the agency's own date before the client's habit
        ("They usually come back within a few days - I'll chase them on Friday if not.",
         date(2026, 12, 4)),
    ],
)  # fmt: skip
def test_their_new_date_and_the_agencys_chase_are_promised(text: str, due: date) -> None:
    assert [d for _, d in replies(text)] == [due]


@pytest.mark.parametrize(
    "text",
    [
        "We expect candidates to complete the online test by 15 January.",
        "We expect to receive a large number of applications by the closing date, 15 January.",
        "They usually come back from leave on Monday.",
        "Candidates usually get back to us within a week.",
        "I'll chase them for you.",  # no date
        "We will contact candidates.",  # no date
        "We will not contact candidates before 15 January.",
        # a chase about money (verification round 12)
        "I'll chase Accounts on Friday about your expenses.",
        "I'll chase the team for your expenses on Friday.",
        "I'll chase Monzo on Friday for my refund.",
    ],
)
def test_what_is_no_new_date_of_theirs(text: str) -> None:
    assert replies(text) == []
