"""User audit 6 B15, B16 and two meetings at once: a time agreed with no meeting word
("confirmed: Monday, ... 15:00 CET", "Thursday at 10:00 CET it is") is a meeting; the user's
"Thursday at 10:00 please." picks one of the times offered; a call offered "today or
tomorrow" is no meeting yet; the sender's own absence noted in an ordinary mail is AWAY;
two meetings in one sentence, or a numbered list of rounds, are a meeting each."""

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

BERLIN, PACIFIC = ZoneInfo("Europe/Berlin"), ZoneInfo("America/Los_Angeles")
GERMANY, US = BusinessCalendar("DE", "BE"), BusinessCalendar("US", "CA")
MONDAY_DE = datetime(2026, 12, 21, 14, 0, tzinfo=BERLIN)  # Monday 21 December 2026
TUESDAY_DE = datetime(2027, 1, 5, 9, 30, tzinfo=BERLIN)  # Tuesday 5 January 2027
TUESDAY_US = datetime(2026, 12, 1, 9, 0, tzinfo=PACIFIC)  # Tuesday 1 December 2026
MEETING, AWAY = CommitmentKind.MEETING, CommitmentKind.AWAY


def meetings(
    text: str,
    sent_at: datetime = MONDAY_DE,
    calendar: BusinessCalendar = GERMANY,
    direction: str = "inbound",
) -> list[datetime | date | None]:
    """The meetings read, each as its time (or its day when it has none)."""
    found = extract_commitments(text, sent_at=sent_at, calendar=calendar, direction=direction)
    return [c.at or c.due for c in found if c.kind == MEETING]


def at(day: int, hour: int, minute: int = 0, month: int = 1, year: int = 2027) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# --- B15: a time agreed with no meeting word --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello Ms Berger,\n\nconfirmed: Tuesday, 05.01.2027, 11:00-11:45 CET with Mr. Olsen. "
         "The video link follows in a separate invitation.", at(5, 11)),
        ("Confirmed: Wednesday, 6 January 2027, 16:00 CET with our CTO.", at(6, 16)),
        ("All confirmed for Wednesday 6 January at 09:30.", at(6, 9, 30)),
        ("Great, Wednesday 06.01.2027 at 14:00 CET it is, with Anja and Tom from the platform "
         "team. The calendar invitation is on its way.", at(6, 14)),
        ("Perfect - Thursday 7 January at 10:00 it is then.", at(7, 10)),
    ],
)  # fmt: skip
def test_a_time_agreed_without_a_meeting_word_is_a_meeting(text: str, expected: datetime) -> None:
    assert meetings(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # a start date, not a meeting
        "Start date confirmed: Monday 4 January 2027 at 9:00.",
        # something else confirmed
        "Confirmed: we received your documents on Monday 4 January at 10:00.",
        # no time of day: "Friday it is" may grant a deadline as well
        "Great, Friday 8 January it is.",
        "Confirmed: Monday, 4 January 2027.",
        # "it is" that goes on
        "Wednesday 6 January at 14:00 it is not possible for us, sorry.",
        "The deadline is Friday 8 January at 17:00, it is firm.",
        # the day does not open the sentence
        "The office reopens Monday 4 January at 9:00 it is.",
    ],
)
def test_other_confirmations_are_no_meeting(text: str) -> None:
    assert meetings(text) == []


def test_the_users_own_it_is_takes_the_time() -> None:
    assert meetings("Perfect, Thursday 7 January at 10:00 it is.", direction="outbound") == [
        at(7, 10)
    ]


# --- B15: the user's pick among the times offered ---------------------------------------

OFFERED = (
    "The team liked your task. Next step is a technical interview with two of our engineers "
    "(90 min). Can you do Wednesday 6.1. at 14:00 or Friday 8 January at 11:30?"
)


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Hi Jana,\n\nthank you, the same to you! Wednesday 6.1. at 14:00 please.\n\nBest,\nOle",
         at(6, 14)),
        ("Great, let's do Friday at 11:30.", at(8, 11, 30)),
        ("Friday 8 January at 11:30 it is.", at(8, 11, 30)),
        ("11:30 please.", at(8, 11, 30)),
        ("Friday suits me.", at(8, 11, 30)),  # (as before)
    ],
)  # fmt: skip
def test_the_reply_picking_one_of_two_times_is_the_meeting(reply: str, expected: datetime) -> None:
    taken = agreed_slot(reply, OFFERED, sent_at=TUESDAY_DE, calendar=GERMANY)
    assert taken is not None
    assert (taken.kind, taken.at) == (MEETING, expected)


@pytest.mark.parametrize(
    "reply",
    [
        "Yes, that works.",  # which one is not said
        "Wednesday at 14:00 please, if the room is free.",  # under a condition
        "Please send me the agenda by Wednesday please.",  # a request, no pick
        "Wednesday 6.1. at 14:00 please?",
        "Let me check - Wednesday at 14:00 please.",
        "Thursday 7 January at 10:00 please.",  # a time not offered
    ],
)
def test_a_reply_that_picks_none_of_them_takes_none(reply: str) -> None:
    assert agreed_slot(reply, OFFERED, sent_at=TUESDAY_DE, calendar=GERMANY) is None


def test_the_pick_and_their_confirmation_give_the_process_its_meeting() -> None:
    offered_at = datetime(2027, 1, 4, 11, 0, tzinfo=BERLIN)
    lena, me = Address("Jana Roth", "jana@example.de"), Address("Ole", "ole@example.de")
    ask = message_record(
        "ask", offered_at, Label.INTERVIEW, lena,
        commitments=extract_commitments(OFFERED, sent_at=offered_at, calendar=GERMANY),
    )  # fmt: skip
    reply = "Wednesday 6.1. at 14:00 please."
    own = extract_fields("Re: next step", reply, sent_at=TUESDAY_DE, calendar=GERMANY,
                         direction="outbound")  # fmt: skip
    own = settled_by_yes(own, reply, OFFERED, sent_at=TUESDAY_DE, calendar=GERMANY,
                         direction="outbound")  # fmt: skip
    pick = message_record(
        "pick", TUESDAY_DE, Label.INTERVIEW, me, commitments=own.commitments, direction="outbound"
    )
    confirmed_at = TUESDAY_DE.replace(hour=10)
    theirs = extract_commitments(
        "perfect, Wednesday 06.01.2027 at 14:00 CET it is.", sent_at=confirmed_at, calendar=GERMANY
    )
    confirm = message_record("ok", confirmed_at, Label.INTERVIEW, lena, commitments=theirs)
    process = ProcessRecord(1, "Kobaltwerk", "Backend Engineer", None, offered_at)
    now = TUESDAY_DE.replace(hour=12)
    for messages in ([ask, pick], [ask, pick, confirm], [ask, confirm]):
        status = process_status(process, messages, now, TrackingConfig(), GERMANY, BERLIN)
        assert status.next_meeting == at(6, 14)


# --- B16: a call offered for one of two days --------------------------------------------


def test_a_call_offered_today_or_tomorrow_is_no_meeting() -> None:
    text = (
        "Would that be of interest? If so, send me your CV and we can have a short call "
        "today or tomorrow."
    )
    assert meetings(text) == []
    assert meetings("We could do the interview on Tuesday 22.12. or Wednesday 23.12.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your call is on Tuesday 22 December at 10:00 (or 9:00 UK time).", at(22, 10, 0, 12, 2026)),
        ("Let's have a call tomorrow.", date(2026, 12, 22)),
    ],
)  # fmt: skip
def test_a_meeting_on_one_day_stays(text: str, expected: datetime | date) -> None:
    assert meetings(text) == [expected]


# --- B16: the sender's own absence in an ordinary mail ----------------------------------


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("Looking forward to it. Just so you know, I am out of the office from 22.12. and back "
         "on 5 January.", date(2027, 1, 5)),
        ("I'll be on leave until Monday 4 January.", date(2027, 1, 4)),
        ("I'm on holiday from tomorrow and returning on 6 January.", date(2027, 1, 6)),
    ],
)  # fmt: skip
def test_the_senders_own_absence_with_a_return_day_is_away(text: str, back: date) -> None:
    extraction = extract_fields("", text, sent_at=MONDAY_DE, calendar=GERMANY)
    found = [(c.kind, c.due) for c in extraction.commitments if c.kind == AWAY]
    assert found == [(AWAY, back)]
    assert not extraction.away  # an ordinary mail: their word on the process all the same


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("If I'm away until Monday 4 January, a colleague will reply.", "inbound"),
        ("Mark is away until Monday 4 January.", "inbound"),
        ("I was away until Monday 14 December, sorry for the slow reply.", "inbound"),
        ("I'm out of the office from 23.12.", "inbound"),  # no day of return
        ("I'm on leave from tomorrow until 7 January, so my colleague Raj will look after your "
         "application from here.", "inbound"),
        ("I'm on leave until 7 January. In my absence please write to Raj.", "inbound"),
        ("I'll be on holiday until 4 January.", "outbound"),  # the user's own
    ],
)  # fmt: skip
def test_no_away_without_the_senders_own_return(text: str, direction: str) -> None:
    found = extract_commitments(text, sent_at=MONDAY_DE, calendar=GERMANY, direction=direction)
    assert [c for c in found if c.kind == AWAY] == []


# --- two meetings in one sentence, a numbered list --------------------------------------


def pacific(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=PACIFIC)


def test_two_meetings_in_one_sentence_are_both_read() -> None:
    text = (
        "Your panel interview is on Monday 7 December at 09:00 and your call with the VP is "
        "on Wednesday 9 December at 15:00."
    )
    assert meetings(text, TUESDAY_US, US) == [pacific(7, 9), pacific(9, 15)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a choice: the second is not confirmed
        ("Your panel interview is on Monday 7 December at 09:00 or your call with the VP on "
         "Wednesday 9 December at 15:00.", [pacific(7, 9)]),
        # not a meeting of its own
        ("Your panel interview is on Monday 7 December at 09:00 and we will send the agenda on "
         "Friday.", [pacific(7, 9)]),
    ],
)  # fmt: skip
def test_a_second_day_that_is_no_meeting_is_not_read_as_one(
    text: str, expected: list[datetime]
) -> None:
    assert meetings(text, TUESDAY_US, US) == expected


def test_numbered_rounds_under_a_confirmation_are_a_meeting_each() -> None:
    text = (
        "Hi Sam,\n\nYour onsite is confirmed:\nRound 1: Monday, December 7, 2026, 9:00 AM PT\n"
        "Round 2: Wednesday, December 9, 2026, 3:00 PM PT\n\nBest,\nLena"
    )
    assert meetings(text, TUESDAY_US, US) == [pacific(7, 9), pacific(9, 15)]


@pytest.mark.parametrize(
    "lines",
    [
        # a choice
        ("Please choose a time for your onsite:", "Round 1:", "Round 2:"),
        # not numbered rounds
        ("Your onsite is confirmed:", "Option 1:", "Option 2:"),
        # the same number twice: a list of something else
        ("Your onsite is confirmed:", "Round 1:", "Round 1:"),
    ],
)
def test_a_list_that_is_not_numbered_rounds_confirmed_is_not_read(
    lines: tuple[str, str, str],
) -> None:
    head, first, second = lines
    text = (
        f"Hi Sam,\n\n{head}\n{first} Monday, December 7, 2026, 9:00 AM PT\n"
        f"{second} Wednesday, December 9, 2026, 3:00 PM PT\n\nBest,\nLena"
    )
    assert meetings(text, TUESDAY_US, US) == []
