"""Their ask to move a meeting, as tracking reads it: which asks move no meeting, and what
one with no meeting to move is (verification round 9, N6)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_fields
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Label,
    MessageRecord,
    ProcessRecord,
    State,
    Strength,
)
from inbox_monitor.track import ProcessStatus, process_status

ZONE = ZoneInfo("Europe/London")
START = datetime(2026, 11, 2, 10, 0, tzinfo=ZONE)
ASKED = datetime(2026, 11, 16, 9, 0, tzinfo=ZONE)  # Monday
CALL = datetime(2026, 11, 17, 14, 0, tzinfo=ZONE)  # the call the user took: Tuesday 14:00
PROPOSED = datetime(2026, 11, 18, 15, 0, tzinfo=ZONE)  # Wednesday 15:00
RUTH = Address("Ruth Lane", "ruth@quillsoft.example")
PROCESS = ProcessRecord(1, "Quillsoft", "Data Engineer", None, START)
GB = BusinessCalendar("GB")


def _their(key: str, when: datetime, label: Label, text: str) -> MessageRecord:
    found = extract_fields("", text, sent_at=when, calendar=GB).commitments
    return message_record(key, when, label, RUTH, commitments=found)


def _after(ask: str, *, call_taken: bool) -> ProcessStatus:
    """The status the evening of their `ask`: after their invitation and the user's yes to
    Tuesday's call, or after an acknowledgement only."""
    messages = [_their("first", START, Label.ACKNOWLEDGEMENT, "Thanks for applying.")]
    if call_taken:
        taken = Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT, CALL.date(), CALL)
        messages += [
            _their("inv", START + timedelta(days=5), Label.INTERVIEW, "We'd like to talk."),
            message_record("took", START + timedelta(days=7), Label.NOT_RECRUITING, None,
                           direction="outbound", commitments=(taken,)),
        ]  # fmt: skip
    messages.append(_their("ask", ASKED, Label.INTERVIEW, ask))
    now = ASKED + timedelta(hours=10)
    return process_status(PROCESS, messages, now, TrackingConfig(), GB, ZONE)


@pytest.mark.parametrize(
    "ask",
    [
        "Could we also do a second call on Wednesday 18 November at 15:00 with the team, "
        "instead of the onsite?",
        "Looking forward to Tuesday! Could we hold the second interview on Wednesday 18 "
        "November at 15:00 instead of next week, if Tuesday goes well?",
        "Rather than the written exercise, would a call on Wednesday 18 November at 15:00 "
        "work instead?",
    ],
)
def test_an_ask_that_moves_no_meeting_leaves_the_call_unmarked(ask: str) -> None:
    found = _after(ask, call_taken=True)
    assert (found.next_meeting, found.move_ask, found.state) == (CALL, None, State.ACTIVE)
    assert found.next_step == "Prepare for the meeting on Tue 17 Nov 14:00."


def test_a_call_asked_for_instead_with_no_meeting_to_move_is_their_offer_of_it() -> None:
    # nothing of the process to move: what they propose is the meeting, as before asks to
    # move were read (not "the ball is in their court")
    found = _after("Would a call on Wednesday 18 November at 15:00 work instead?", call_taken=False)
    assert (found.next_meeting, found.move_ask, found.state) == (PROPOSED, None, State.ACTIVE)
    assert found.next_step == "Prepare for the meeting on Wed 18 Nov 15:00."
    # with the call there to move, the same words ask to move it, and propose no meeting
    moving = _after("Would a call on Wednesday 18 November at 15:00 work instead?", call_taken=True)
    assert (moving.next_meeting, moving.move_ask_meeting) == (CALL, CALL)
    assert moving.state == State.WAITING_ON_YOU
    # a verb of moving with nothing known to move offers no meeting (as before either)
    moved = _after("Could we move our call to Wednesday 18 November at 15:00?", call_taken=False)
    assert (moved.next_meeting, moved.move_ask) == (None, None)
