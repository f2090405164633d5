"""User audit 13 (a UK contractor): their promise of feedback ("I'll get feedback to you by
Friday", "You'll have feedback by Friday") is a REPLY promise with its date, not the user's
deadline (finding 1); the user's own "please withdraw me from the ... role", "take me out of
the running", "I'd like to pull out of the process", and a no to an agency's pitch because
another agency represents them, end the process (finding 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import (
    extract_commitments,
    extract_fields,
    plain_decision,
    user_decision,
)
from inbox_monitor.models import (
    Address,
    CommitmentKind,
    Direction,
    Label,
    MessageRecord,
    Outcome,
    ProcessRecord,
    Stage,
    State,
    Strength,
)
from inbox_monitor.track import process_status

LONDON = ZoneInfo("Europe/London")
UK = BusinessCalendar("GB", "ENG")
MONDAY = datetime(2026, 12, 14, 9, 10, tzinfo=LONDON)  # Monday 14 December 2026
FRIDAY = date(2026, 12, 18)
REPLY, DEADLINE = CommitmentKind.REPLY, CommitmentKind.USER_DEADLINE
USER_PROMISE = CommitmentKind.USER_PROMISE


def read(text: str, direction: str = "inbound") -> list[tuple[CommitmentKind, date | None]]:
    found = extract_commitments(text, sent_at=MONDAY, calendar=UK, direction=direction)
    return [(c.kind, c.due) for c in found]


# --- finding 1: their promise of feedback -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'll get feedback to you by Friday.",
        "I'll get feedback to you by Friday 18th.",
        "Hi Sam,\n\nThe hiring manager sees the final two people this week. I'll get feedback "
        "to you by Friday.\n\nTom",
        "I'll get their feedback over to you by Friday.",
        "We will get the client's answer back to you by Friday.",
        # the user as the one who will have it: theirs to give, not the user's to send
        "You'll have feedback by Friday.",
        "You should have feedback by Friday.",
        "You will have the feedback by Friday.",
        "Hopefully you'll have their answer by Friday.",
        "You should have news from us by Friday.",
    ],
)
def test_their_word_that_feedback_reaches_the_user_by_a_day_is_their_promise(text: str) -> None:
    assert read(text) == [(REPLY, FRIDAY)]


@pytest.mark.parametrize(
    "text",
    [
        "I will have feedback for you by Friday.",
        "I'll come back to you with feedback by Friday.",
        "You can expect feedback by Friday.",
        "Expect feedback by Friday.",
        "I'll have an answer for you by Friday.",
        "Feedback will be with you by Friday.",
    ],
)
def test_the_rest_of_the_family_stays_their_promise(text: str) -> None:
    assert read(text) == [(REPLY, FRIDAY)]


def test_a_promise_of_feedback_under_a_hedge_gives_no_date() -> None:
    (found,) = extract_commitments(
        "I can't promise you'll have feedback by Friday.",
        sent_at=MONDAY,
        calendar=UK,
    )
    assert (found.kind, found.due, found.strength) == (REPLY, None, Strength.VAGUE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # their asks stay the user's deadline
        ("Please get the form back to us by Friday.", [(DEADLINE, FRIDAY)]),
        ("You'll have to send your feedback by Friday.", [(DEADLINE, FRIDAY)]),
        ("You'll have a decision to make by Friday.", [(DEADLINE, FRIDAY)]),
        ("You'll have until Friday to decide.", [(DEADLINE, FRIDAY)]),
        # the user's own things to do with feedback or news: no promise of theirs (review 16)
        ("You'll have feedback forms to complete by Friday.", []),
        ("You will have feedback to send to the panel by Friday.", []),
        ("You'll have news to share with your manager by Friday.", []),
    ],
)
def test_their_asks_stay_the_users_deadline(
    text: str, expected: list[tuple[CommitmentKind, date | None]]
) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'll get the test back to you by Friday.",
        "I'll get feedback to you by Friday.",
        "I'll get my CV over to you by Friday.",
        "I'll have the signed contract back to you by Friday.",
        "Thanks, I'll have it with you by Friday.",
    ],
)
def test_the_users_own_word_is_their_promise_not_a_reply_owed(text: str) -> None:
    assert read(text, "outbound") == [(USER_PROMISE, FRIDAY)]


def test_a_call_with_them_is_no_promise_of_the_user() -> None:
    assert read("I'll have the call with you on Friday.", "outbound") == []


# --- finding 4: the user's own withdrawal and decline ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please withdraw me from the Harbour Freight role.",
        "Hi Tom,\n\nHappy new year. I've now taken another contract starting on 11 January, "
        "so please withdraw me from the Harbour Freight role.",
        "Please withdraw my CV from the process.",
        "Please take me out of the running.",
        "I'd like to pull out of the process.",
        "I'm pulling out of the recruitment process, thanks for your help.",
        # already read
        "Please remove me from consideration.",
        "I'd like to withdraw from the Harbour Freight role.",
    ],
)
def test_the_users_withdrawal_naming_the_process_ends_it(text: str) -> None:
    found = user_decision(text, subject="Re: Harbour Freight - update")
    assert found is not None and found[0] == Outcome.WITHDRAWN, found
    assert not plain_decision(found[1])  # it names the process: it ends it at any stage
    sent = extract_fields(
        "Re: Harbour Freight - update", text, sent_at=MONDAY, calendar=UK, direction="outbound"
    )
    assert sent.decision == Outcome.WITHDRAWN
    # their mail with the same words decides nothing of the user's
    assert extract_fields("Harbour Freight", text, sent_at=MONDAY, calendar=UK).decision is None


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for thinking of me. Another agency already has my right to represent for it, "
        "so I can't go forward with you on this one.",
        "I can't go forward with you on this one, as I've already given my right to represent "
        "to another agency.",
        "I've been put forward for it by another agency, so I can't proceed with you.",
        "I'm going to decline this one.",
        "I'll decline this one, thanks.",
    ],
)
def test_the_users_plain_no_to_a_pitch_withdraws_them(text: str) -> None:
    found = user_decision(text, subject="Re: Data Platform Engineer - leading UK bank")
    assert found is not None and found[0] == Outcome.WITHDRAWN, found
    assert plain_decision(found[1])  # a no to the pitch, as "I'll pass" is


def test_a_plain_decline_after_an_offer_declines_it() -> None:
    found = user_decision("I'm going to decline this one.", subject="Re: Your offer from Acme")
    assert found is not None and found[0] == Outcome.DECLINED


@pytest.mark.parametrize(
    "text",
    [
        "Please don't withdraw me from the process.",
        "Should I withdraw from the process?",
        "If I withdraw from the process, will they mind?",
        "She withdrew from the process last week.",
        "She'd like to pull out of the process.",
        "They may pull out of the process.",
        "I withdrew £200 from the account yesterday.",
        "I hope they won't withdraw the offer.",
        "Please withdraw me from the mailing list.",
        "Please take me off the mailing list.",
        "Please don't take me out of the running.",
        "I need to pull out.",
        "I have to pull out of the interview on Friday. Could we do next week?",
        "I'm going to decline the lunch invitation.",
        "Should I decline this one?",
        "I hope I'll pass.",  # a test
        "I'm sure I'll pass.",
        # a condition: whether it is the role another agency has is not known yet
        "If this is the bank's platform role, another agency already has my right to represent "
        "for it, so I can't go forward with you on this one.",
        "Another agency has the role too, so I can't go forward with you until I hear from them.",
        "Another agency has sent it to me, but I'd rather go forward with you.",
        "I can't go forward with you on this one - could you check it is the same client?",
    ],
)
def test_other_words_decide_nothing(text: str) -> None:
    assert user_decision(text, subject="Re: Harbour Freight - update") is None


# --- what the board shows ------------------------------------------------------------------

TOM = Address("Tom Bradley", "tom@kestrel.example")
SAM = Address("Sam Hartley", "sam@example.co.uk")
PROCESS = ProcessRecord(2, "Harbour Freight", "Data Engineer", "Kestrel", MONDAY)


def _record(
    key: str, when: datetime, label: Label, text: str, direction: Direction = "inbound"
) -> MessageRecord:
    extraction = extract_fields(
        "Harbour Freight - update", text, sent_at=when, calendar=UK, direction=direction
    )
    sender = TOM if direction == "inbound" else SAM
    return replace(
        message_record(key, when, label, sender, process_id=2, direction=direction),
        extraction=extraction,
    )


def test_the_day_after_their_friday_the_process_is_overdue_on_their_promise() -> None:
    invite = _record(
        "invite",
        datetime(2026, 12, 7, 10, 0, tzinfo=LONDON),
        Label.INTERVIEW,
        "The client would like a call with you on Thursday 10 December at 14:00.",
    )
    promise = _record(
        "promise", MONDAY, Label.DELAY, "They see two more people this week. I'll get feedback "
        "to you by Friday.",
    )  # fmt: skip
    saturday = datetime(2026, 12, 19, 10, 0, tzinfo=LONDON)
    found = process_status(PROCESS, [invite, promise], saturday, TrackingConfig(), UK, LONDON)
    assert found.expected_by == FRIDAY
    assert found.state == State.OVERDUE


def test_the_users_withdrawal_after_an_interview_closes_the_process() -> None:
    invite = _record(
        "invite",
        datetime(2026, 12, 7, 10, 0, tzinfo=LONDON),
        Label.INTERVIEW,
        "The client would like a call with you on Thursday 10 December at 14:00.",
    )
    withdraw = _record(
        "withdraw",
        datetime(2027, 1, 4, 14, 0, tzinfo=LONDON),
        Label.NOT_RECRUITING,
        "I've now taken another contract, so please withdraw me from the Harbour Freight role.",
        "outbound",
    )
    later = datetime(2027, 1, 8, 10, 0, tzinfo=LONDON)
    found = process_status(PROCESS, [invite, withdraw], later, TrackingConfig(), UK, LONDON)
    assert (found.stage, found.outcome) == (Stage.CLOSED, Outcome.WITHDRAWN)


@pytest.mark.parametrize(
    "text",
    [
        "I'd hate to withdraw my name from the process, but the start date is a worry.",
        "Please withdraw me from the job alert emails.",
        "I don't want to withdraw from the process yet.",
    ],
)
def test_a_reluctant_withdrawal_or_one_from_alerts_decides_nothing(text: str) -> None:
    """Verification 16: both ended a process at any stage."""
    from inbox_monitor.extract import user_decision

    assert user_decision(text) is None
