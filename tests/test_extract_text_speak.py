"""User audit 12 (an hourly worker writing from a phone) F2, F3, F4, F8, F14 and user audit 11
F5, F7: text-speak ("u", "ill", "lmk", "tmrw") reads as its long form; an invitation to come
in ("can u come in tmrw at 2?") is a meeting, its bare hour the afternoon's or the
morning's; a walk-in window's meeting is its start; the user's terse yes to an offer or a
placement ("yes!! i accept, thank u so much", "ill be there monday") accepts it; a panel's
own meeting is not the user's, and "confirm by 12 noon on Friday that you are able to attend"
is their deadline."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import (
    agreed_slot,
    extract_commitments,
    plain_decision,
    user_decision,
)
from inbox_monitor.models import CommitmentKind, Outcome

CHICAGO = ZoneInfo("America/Chicago")
ILLINOIS = BusinessCalendar("US", "IL")
LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")
WEDNESDAY = datetime(2026, 12, 9, 13, 0, tzinfo=CHICAGO)  # Wednesday 9 December 2026
MEETING, REPLY = CommitmentKind.MEETING, CommitmentKind.REPLY
USER_DEADLINE, USER_PROMISE = CommitmentKind.USER_DEADLINE, CommitmentKind.USER_PROMISE


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=CHICAGO)


def found(text: str, direction: str = "inbound") -> list[tuple[CommitmentKind, object]]:
    commitments = extract_commitments(
        text, sent_at=WEDNESDAY, calendar=ILLINOIS, direction=direction
    )
    return [(c.kind, c.at or c.due) for c in commitments]


# --- F3: text-speak in their promises and asks ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nice work on the trial shift. we still have to talk it over, will let u know by friday",
         [(REPLY, date(2026, 12, 11))]),
        ("will text u by 12/15", [(REPLY, date(2026, 12, 15))]),
        ("ill get back to u tmrw", [(REPLY, date(2026, 12, 10))]),
        ("im going to call u 2moro", [(REPLY, date(2026, 12, 10))]),
        ("u will hear from us by monday", [(REPLY, date(2026, 12, 14))]),
        ("ok lmk by friday", [(USER_DEADLINE, date(2026, 12, 11))]),
        # as before: the long forms
        ("will let you know by friday", [(REPLY, date(2026, 12, 11))]),
        # counter-examples: ill is a word, and an "lmk" with no date asks nothing by a day
        ("I'm ill today so the store is short", []),
        ("lmk if u can make it", []),
    ],
)  # fmt: skip
def test_text_speak_reads_as_its_long_form(text: str, expected: list[object]) -> None:
    assert found(text) == expected


def test_the_users_own_text_speak_promise() -> None:
    assert found("ill let u know by friday", "outbound") == [(USER_PROMISE, date(2026, 12, 11))]


# --- F3, F14: an invitation to come in, its bare hour -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi Sam thanks for applying. can u come in tmrw at 2? ask for Dee at the front desk.",
         at(10, 14)),
        ("can you come in tomorrow at 3 for an interview?", at(10, 15)),
        ("Please come in on Friday at 10.", at(11, 10)),
        ("Come in Saturday at 4, ask for Marco.", at(12, 16)),
        ("We'd like you to come in for an interview at 5 on Friday", at(11, 17)),
        ("Your interview is on Thursday at 2:30.", at(10, 14, 30)),
        ("Your interview is on Thursday at 12.", at(10, 12)),
        # their yes to a time, its hour bare
        ("Thursday 12/10 at 11 works. See you then!", at(10, 11)),
        # 7 is a warehouse's morning as often as a restaurant's evening: the day alone
        ("Could you come in tomorrow at 7?", date(2026, 12, 10)),
        # an hour with its am or pm, as before
        ("can you come in tomorrow at 7am?", at(10, 7)),
    ],
)  # fmt: skip
def test_an_invitation_to_come_in_is_a_meeting_at_its_hour(text: str, expected: object) -> None:
    assert found(text) == [(MEETING, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Applications come in on Friday at 5.",  # not the user asked to come in
        "Did you come in yesterday at 3?",
        "Your interview is on Friday at 2 sites.",  # no hour: a number of places
    ],
)
def test_no_meeting_at_a_bare_hour_that_is_none(text: str) -> None:
    assert [(k, v) for k, v in found(text) if k == MEETING and isinstance(v, datetime)] == []


def test_their_question_offering_a_bare_hour_is_the_users_pick_and_her_yes_takes_it() -> None:
    asked = "ok. can u do thurs 12/10 at 3? last chance lol"
    # the user's turn, as "can you do Thursday 12/10 at 3pm?" is
    assert found(asked) == [(USER_DEADLINE, date(2026, 12, 10))]
    taken = agreed_slot(
        "yes ill be there 3 sharp. thank u",
        f"> {asked}",
        sent_at=WEDNESDAY,
        calendar=ILLINOIS,
        subject="Re: working interview",
    )
    assert taken is not None and (taken.kind, taken.at) == (MEETING, at(10, 15))


# --- F2: a window's meeting is its start ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please come to our office for a quick interview on Fri 12/11 anytime between 9 and "
         "11am.", at(11, 9)),
        ("Stop by for a walk-in interview on Fri 12/11 from 1-3pm.", at(11, 13)),
    ],
)  # fmt: skip
def test_a_windows_meeting_is_its_start(text: str, expected: datetime) -> None:
    assert found(text) == [(MEETING, expected)]


# --- F4, F8: the user's terse yes ------------------------------------------------------

OFFERED = (
    "> Loved meeting u today! We would like to offer u the holiday cashier position, "
    "$16/hr. It's pending a background check."
)
PLACED = (
    "> Great news, you passed the screening! Your assignment at Harbor Foods starts Monday "
    "6am (12/14). Report to the front gate."
)


@pytest.mark.parametrize(
    ("text", "quoted", "subject"),
    [
        ("yes!! i accept, thank u so much. will look out for the email", OFFERED, "Re: hi"),
        ("yes i accept", OFFERED, "Re: hi"),
        ("I'll take it!", OFFERED, "Re: hi"),
        ("count me in, thanks", OFFERED, "Re: hi"),
        ("ok got it thank u! ill be there monday", PLACED, "Re: hi"),
        # the placement in the subject alone
        ("ill be there monday", "", "Re: cleared - assignment starts Monday"),
    ],
)  # fmt: skip
def test_a_terse_yes_to_an_offer_or_a_placement_accepts(
    text: str, quoted: str, subject: str
) -> None:
    decision = user_decision(text, subject, quoted)
    assert decision is not None and decision[0] == Outcome.ACCEPTED
    assert plain_decision(decision[1])  # track.py closes it only after their offer


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("i accept the terms of the background check", OFFERED),
        ("I can't accept", OFFERED),
        ("do I accept?", OFFERED),
        ("I'll take it from here", OFFERED),
        ("ill be there to sign the forms", PLACED),
        # "I'll be there" to an interview, not to an offer
        ("ill be there monday", "> We would like to offer u an interview on Monday."),
        ("I'll take it", "> Can u come in Monday at 10?"),
        # the offer quoted, no answer to it
        ("thanks, got it", OFFERED),
    ],
)
def test_no_acceptance_without_a_yes_to_an_offer(text: str, quoted: str) -> None:
    assert user_decision(text, "Re: hi", quoted) is None


def test_a_no_to_an_offered_position_declines_it() -> None:
    decision = user_decision("thank u but i have to decline, i took another job", "Re: hi", OFFERED)
    assert decision is not None and decision[0] == Outcome.DECLINED


# --- audit 11 F5, F7: a panel's own meeting; confirm by noon; "hope to be able to" ------

MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=LONDON)


def found_gb(text: str) -> list[tuple[CommitmentKind, object]]:
    commitments = extract_commitments(text, sent_at=MONDAY, calendar=ENGLAND)
    return [(c.kind, c.at or c.due) for c in commitments]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The committee will meet on 14 December to discuss the shortlist.", []),
        ("The panel will meet tomorrow morning.", []),
        ("The panel will meet you on Thursday at 10:00.",
         [(MEETING, datetime(2026, 12, 10, 10, 0, tzinfo=LONDON))]),
        ("Please confirm by 12 noon on Friday 11 December that you are able to attend.",
         [(USER_DEADLINE, datetime(2026, 12, 11, 12, 0, tzinfo=LONDON))]),
        ("I hope to be able to confirm the post by the end of January.",
         [(REPLY, date(2027, 1, 29))]),
    ],
)  # fmt: skip
def test_their_own_meeting_and_their_dates(text: str, expected: list[object]) -> None:
    assert found_gb(text) == expected
