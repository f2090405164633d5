"""An offer under negotiation: the user's counter, then their dated word to come back on it,
puts the ball in their court until that date, the offer's answer-by kept beside it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from helpers import ME, eml, message_record

from inbox_monitor.board import load_status
from inbox_monitor.config import Config, TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Extraction,
    Label,
    MessageRecord,
    Origin,
    ProcessRecord,
    RawMessage,
    Stage,
    State,
    Strength,
)
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus, process_status

ZONE = ZoneInfo("Europe/London")
PRIYA = Address("Priya Nair", "priya@globex.example")
PROCESS = ProcessRecord(1, "Globex", "Product Analyst", None, datetime(2026, 11, 20, tzinfo=ZONE))
# their offer on Wed 2 December wants an answer by Friday 11 December
ANSWER_BY = Commitment(
    CommitmentKind.USER_DEADLINE, "give us your answer by Friday 11 December", Strength.EXPLICIT,
    date(2026, 12, 11),
)  # fmt: skip
# their word on Thu 3 December: "I'll put that to the hiring manager and get back to you on
# Monday" (Mon 7 December)
COMING_BACK = Commitment(
    CommitmentKind.REPLY, "get back to you on Monday", Strength.RELATIVE, date(2026, 12, 7)
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


def theirs(key: str, when: datetime, label: Label, *commitments: Commitment) -> MessageRecord:
    record = message_record(key, when, label, PRIYA, subject="Offer - Product Analyst")
    return replace(record, extraction=Extraction(commitments=commitments))


def yours(key: str, when: datetime) -> MessageRecord:
    """The user's question or counter on the offer: it answers nothing."""
    return message_record(key, when, Label.NOT_RECRUITING, None, direction="outbound")


OFFER = theirs("offer", at(2, 11), Label.OFFER, ANSWER_BY)
COUNTER = yours("counter", at(2, 19))  # "could the base go to £80k?"
BACK_ON_MONDAY = replace(
    theirs("back", at(3, 9, 30), Label.ACKNOWLEDGEMENT, COMING_BACK), needs_review=True
)


def status_on(now: datetime, *messages: MessageRecord) -> ProcessStatus:
    return process_status(PROCESS, messages, now, TrackingConfig(), BusinessCalendar("GB"), ZONE)


def test_their_word_on_your_counter_is_theirs_to_keep_with_the_offers_date_beside_it() -> None:
    # Thu 3 December: their Monday is two business days away
    waiting = status_on(at(3, 17), OFFER, COUNTER, BACK_ON_MONDAY)
    assert (waiting.stage, waiting.state) == (Stage.OFFER, State.DUE_SOON)
    assert (waiting.expected_by, waiting.expected_source) == (date(2026, 12, 7), "promise")
    assert waiting.user_deadline == ANSWER_BY and not waiting.on_you
    assert waiting.next_step == (
        "Expect news by Mon 07 Dec; follow up after that."
        " Their offer asks for your answer by Fri 11 Dec."
    )
    # Tue 8 December: their Monday passed with no word
    late = status_on(at(8, 9), OFFER, COUNTER, BACK_ON_MONDAY)
    assert (late.state, late.days_overdue, late.user_deadline) == (State.OVERDUE, 1, ANSWER_BY)
    assert late.next_step == (
        "Send Priya Nair a short follow-up: they gave a date and it has passed."
        " Their offer asks for your answer by Fri 11 Dec."
    )


def test_the_offer_is_your_turn_again_when_its_date_is_near_or_they_write() -> None:
    # Wed 9 December: two business days to Friday's answer-by, their word or not
    near = status_on(at(9, 9), OFFER, COUNTER, BACK_ON_MONDAY)
    assert (near.state, near.user_deadline, near.expected_by) == (
        State.WAITING_ON_YOU, ANSWER_BY, None,
    )  # fmt: skip
    assert near.next_step == "Answer the offer by Fri 11 Dec."
    # their answer on Mon 7 December ("we can go to £78k"), unsure or not: the user's turn
    for label, unsure in ((Label.OFFER, False), (Label.REQUEST, True)):
        answer = replace(theirs("answer", at(7, 15), label), needs_review=unsure)
        answered = status_on(at(7, 17), OFFER, COUNTER, BACK_ON_MONDAY, answer)
        assert answered.state == State.WAITING_ON_YOU, label


def test_their_word_with_no_question_of_yours_before_it_leaves_the_offer_yours() -> None:
    # "I'll send the written offer over on Monday" straight after a verbal offer: the user
    # owes the answer all the same
    alone = status_on(at(3, 17), OFFER, BACK_ON_MONDAY)
    assert (alone.state, alone.user_deadline) == (State.WAITING_ON_YOU, ANSWER_BY)
    # the user's question after their word: their word does not answer it
    after = status_on(at(3, 17), OFFER, BACK_ON_MONDAY, yours("question", at(3, 12)))
    assert after.state == State.WAITING_ON_YOU
    # a promise in the offer itself is no answer to anything the user asked
    with_promise = theirs("offer2", at(2, 11), Label.OFFER, ANSWER_BY, COMING_BACK)
    assert status_on(at(3, 17), with_promise, COUNTER).state == State.WAITING_ON_YOU


def test_a_counter_on_an_offer_read_from_mail_waits_on_their_word(
    config: Config, pipeline: Pipeline
) -> None:
    offer = eml(
        sender="Priya Nair <priya@globex.example>",
        subject="[offer] Offer - Product Analyst",
        body="Dear Alex,\n\nWe're very pleased to offer you the Product Analyst role at Globex,"
        " on a base salary of £72,000. Please give us your answer by Friday 11 December."
        "\n\nPriya Nair\nPeople Partner, Globex",
        date=at(2, 11),
        message_id="<offer@globex.example>",
    )
    counter = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Priya Nair <priya@globex.example>",
        subject="Re: Offer - Product Analyst",
        body="Hi Priya,\n\nThank you! Before I decide - is there room to move on the base?"
        " I had hoped for nearer £80k.\n\nAlex",
        date=at(2, 19),
        message_id="<counter@example.net>",
        in_reply_to="<offer@globex.example>",
    )
    back = eml(
        sender="Priya Nair <priya@globex.example>",
        subject="[acknowledgement 0.42] Re: Offer - Product Analyst",
        body="Thanks Alex - I'll put that to the hiring manager and get back to you on Monday."
        "\n\nPriya Nair\nPeople Partner, Globex",
        date=at(3, 9, 30),
        message_id="<back@globex.example>",
        in_reply_to="<counter@example.net>",
    )
    with Store(config.database_path) as store:
        raw = [
            RawMessage(offer, Origin(kind="eml", path="1.eml")),
            RawMessage(counter, Origin(kind="eml", path="2.eml"), sent=True),
            RawMessage(back, Origin(kind="eml", path="3.eml")),
        ]
        ingest(store, raw, pipeline, at(3, 10))
        (pid,) = [p.id for p in store.processes()]
        found = load_status(store, config, pid, at(4, 9))
    assert (found.stage, found.state, found.expected_by) == (
        Stage.OFFER, State.DUE_SOON, date(2026, 12, 7),
    )  # fmt: skip
    assert found.user_deadline is not None and found.user_deadline.due == date(2026, 12, 11)
    assert found.next_step.endswith("Their offer asks for your answer by Fri 11 Dec.")
