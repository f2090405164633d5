"""The digest while an offer is under negotiation: their word on the user's counter is
awaited, and the offer's own answer-by date still stands; every entry of the process names
it, as the board's next step does (note 2026-11-29g; audit verify 12)."""

from __future__ import annotations

from datetime import date, datetime

from helpers import message_record
from test_track_negotiation import BACK_ON_MONDAY, COUNTER, OFFER, PROCESS, ZONE, at

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.digest import DigestData, render_html, render_text
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
from inbox_monitor.track import board

CALENDAR = BusinessCalendar("GB")
ANSWER_BY = "their offer asks for your answer by Fri 11 Dec"


def digest_on(now: datetime, *processes: tuple[ProcessRecord, list[MessageRecord]]) -> DigestData:
    statuses = board(list(processes), now, TrackingConfig(), CALENDAR, ZONE)
    return DigestData(now=now, zone=ZONE, calendar=CALENDAR, statuses=statuses)


NEGOTIATION = (PROCESS, [OFFER, COUNTER, BACK_ON_MONDAY])


def test_a_due_soon_negotiation_names_the_offers_answer_by() -> None:
    # Thu 3 December: their Monday is due soon; the offer wants an answer by Friday 11th
    data = digest_on(at(3, 17), NEGOTIATION)
    assert [s.state for s in data.statuses] == [State.DUE_SOON]
    text = render_text(data)
    assert (
        f"Due soon (1)\n============\n#1 Globex — Product Analyst: expected by Mon 07 Dec; {ANSWER_BY}\n"
    ) in text
    assert f"Expected by Mon 07 Dec; {ANSWER_BY}" in render_html(data)


def test_an_overdue_negotiation_names_the_offers_answer_by_once() -> None:
    # Tue 8 December: their Monday passed with no word
    data = digest_on(at(8, 9), NEGOTIATION)
    assert [s.state for s in data.statuses] == [State.OVERDUE]
    text = render_text(data)
    item = text[text.index("#1 Globex") : text.index("Mail of the last")]
    assert item.lower().count(ANSWER_BY.lower()) == 1, item  # in its next step
    assert "Expected by Mon 07 Dec (their date): 1 business day ago." in item


def test_a_reply_due_soon_with_no_offer_names_no_answer_by() -> None:
    # an ordinary promise, and a request's date of the user's that their reply since
    # answered: nothing of the user's stands beside their date
    una = Address("Una Park", "una@umbrella.example")
    asked = Commitment(CommitmentKind.USER_DEADLINE, "send us your references by Friday",
                       Strength.RELATIVE, date(2026, 12, 4))  # fmt: skip
    promise = Commitment(CommitmentKind.REPLY, "we'll be back to you by Monday",
                         Strength.RELATIVE, date(2026, 12, 7))  # fmt: skip
    messages = [
        message_record("u1", at(1, 10), Label.REQUEST, una, subject="References", commitments=(asked,)),
        message_record("u2", at(2, 10), Label.NOT_RECRUITING, None, direction="outbound"),
        message_record("u3", at(3, 9), Label.DELAY, una, subject="Thanks", commitments=(promise,)),
    ]  # fmt: skip
    process = ProcessRecord(2, "Umbrella", "BI Developer", None, at(1, 9))
    data = digest_on(at(3, 17), (process, messages))
    text = render_text(data)
    assert "#2 Umbrella — BI Developer: expected by Mon 07 Dec\n" in text
    assert "your answer" not in text and "your answer" not in render_html(data)
