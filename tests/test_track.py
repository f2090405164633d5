"""Stage and state from the messages: a rejection is final unless they, or the user, reopen."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from helpers import ME, eml, message_record

from inbox_monitor.board import load_status
from inbox_monitor.cli.render import board_table
from inbox_monitor.config import Config, TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.export import to_ics
from inbox_monitor.extract import extract_fields, settled_by_yes
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Extraction,
    Label,
    MessageRecord,
    Origin,
    Outcome,
    ProcessRecord,
    RawMessage,
    SenderRole,
    Stage,
    State,
    Strength,
)
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus, board, process_status

ZONE = ZoneInfo("Europe/London")
START = datetime(2026, 11, 2, 10, 0, tzinfo=ZONE)
NOW = START + timedelta(days=10)
JANE = Address("Jane Doe", "jane@globex.example")
PROCESS = ProcessRecord(1, "Globex", "Data Engineer", None, START)


def inbound(day: int, label: Label) -> MessageRecord:
    return message_record(f"{day}", START + timedelta(days=day), label, JANE, subject=label.value)


def status(process: ProcessRecord, *messages: MessageRecord) -> tuple[Stage, State, Outcome | None]:
    result = process_status(process, messages, NOW, TrackingConfig(), BusinessCalendar("GB"), ZONE)
    return result.stage, result.state, result.outcome


def test_a_rejection_closes_the_process() -> None:
    closed = status(PROCESS, inbound(0, Label.INTERVIEW), inbound(2, Label.REJECTION))
    assert closed == (Stage.CLOSED, State.CLOSED, Outcome.REJECTED)


def test_an_invitation_or_offer_after_a_rejection_reopens_it() -> None:
    rejected = [inbound(0, Label.INTERVIEW), inbound(2, Label.REJECTION)]
    again = status(PROCESS, *rejected, inbound(4, Label.INTERVIEW))
    assert again[0] == Stage.INTERVIEWING and again[2] is None
    # an offer waits for your answer
    assert status(PROCESS, *rejected, inbound(4, Label.OFFER))[:2] == (
        Stage.OFFER,
        State.WAITING_ON_YOU,
    )


def test_an_acknowledgement_or_a_request_after_a_rejection_does_not() -> None:
    rejected = [inbound(0, Label.INTERVIEW), inbound(2, Label.REJECTION)]
    for label in (Label.ACKNOWLEDGEMENT, Label.REQUEST, Label.NOT_RECRUITING):
        assert status(PROCESS, *rejected, inbound(4, label))[1] == State.CLOSED


def test_the_user_reopening_sets_their_earlier_rejections_aside_but_not_later_ones() -> None:
    reopened = ProcessRecord(
        1, "Globex", "Data Engineer", None, START, reopened_at=START + timedelta(days=3)
    )
    rejected = [inbound(0, Label.INTERVIEW), inbound(2, Label.REJECTION)]
    stage, state, outcome = status(reopened, *rejected)
    assert (stage, outcome) == (Stage.INTERVIEWING, None) and state != State.CLOSED
    assert status(reopened, *rejected, inbound(5, Label.REJECTION))[1] == State.CLOSED


def outbound(day: int, decision: Outcome | None) -> MessageRecord:
    sent = message_record(f"out{day}", START + timedelta(days=day), Label.NOT_RECRUITING, None,
                          direction="outbound")  # fmt: skip
    return replace(sent, extraction=Extraction(decision=decision, decision_phrase="(words)"))


def test_your_decision_in_your_own_mail_closes_the_process_and_their_mail_after_does_not_reopen_it(
) -> None:  # fmt: skip
    offer = [inbound(0, Label.INTERVIEW), inbound(2, Label.OFFER)]
    assert status(PROCESS, *offer, outbound(3, None))[:2] == (Stage.OFFER, State.WAITING_ON_YOU)
    for decision in (Outcome.ACCEPTED, Outcome.DECLINED, Outcome.WITHDRAWN):
        closed = (Stage.CLOSED, State.CLOSED, decision)
        assert status(PROCESS, *offer, outbound(3, decision)) == closed
        # the contract after an acceptance, a better offer after a decline
        for label in (Label.OFFER, Label.INTERVIEW, Label.REQUEST, Label.REJECTION):
            assert status(PROCESS, *offer, outbound(3, decision), inbound(5, label)) == closed
    # the latest decision wins; `close --reopen` after it sets it aside
    changed = status(PROCESS, *offer, outbound(3, Outcome.ACCEPTED), outbound(4, Outcome.WITHDRAWN))
    assert changed[2] == Outcome.WITHDRAWN
    reopened = replace(PROCESS, reopened_at=START + timedelta(days=4))
    assert status(reopened, *offer, outbound(3, Outcome.ACCEPTED))[:2] == (
        Stage.OFFER,
        State.OFFER,
    )


def test_only_your_ask_for_time_or_your_date_answers_an_offer_for_now() -> None:
    answer_by = Commitment(
        CommitmentKind.USER_DEADLINE, "let us know your decision by", Strength.EXPLICIT,
        date(2026, 11, 9),
    )  # fmt: skip
    offer = replace(inbound(2, Label.OFFER), extraction=Extraction(commitments=(answer_by,)))

    def sent(day: int, *commitments: Commitment) -> MessageRecord:
        return replace(outbound(day, None), extraction=Extraction(commitments=commitments))

    def at(*messages: MessageRecord) -> ProcessStatus:
        return process_status(
            PROCESS, messages, NOW, TrackingConfig(), BusinessCalendar("GB"), ZONE
        )

    # "is the role hybrid?", "thank you!": still theirs to answer, by the offer's date
    question = at(inbound(0, Label.INTERVIEW), offer, sent(3))
    assert (question.state, question.days_past_deadline) == (State.WAITING_ON_YOU, 3)
    assert question.user_deadline == answer_by
    assert question.next_step.startswith("Answer the offer by Mon 09 Nov; that date has passed")
    vague = Commitment(CommitmentKind.USER_PROMISE, "I'll get back to you", Strength.VAGUE)
    assert at(offer, sent(3, vague)).state == State.WAITING_ON_YOU
    # "could I have until Friday to decide?", "I'll let you know by Friday": a new offer
    # after it waits on the user again
    asked = Commitment(
        CommitmentKind.USER_PROMISE, "could I have until Friday", Strength.EXPLICIT,
        date(2026, 11, 13),
    )  # fmt: skip
    assert at(offer, sent(3, asked), inbound(4, Label.OFFER)).state == State.WAITING_ON_YOU
    # a dated promise about something else answers nothing: the offer's own date stands
    contract = Commitment(
        CommitmentKind.USER_PROMISE, "I'll send the signed contract back by Wednesday",
        Strength.RELATIVE, date(2026, 11, 11),
    )  # fmt: skip
    other = at(offer, sent(3, contract))
    assert (other.state, other.user_deadline) == (State.WAITING_ON_YOU, answer_by)
    # said before the offer, it answers nothing
    early = Commitment(
        CommitmentKind.USER_PROMISE, "by Friday", Strength.EXPLICIT, date(2026, 11, 6)
    )
    assert at(sent(1, early), offer).state == State.WAITING_ON_YOU


def _offer_status(day: int, *messages: MessageRecord) -> ProcessStatus:
    """The status on `day` November 2026 at 09:00 of an offer made on Wed 4 November."""
    return process_status(
        PROCESS, messages, datetime(2026, 11, day, 9, 0, tzinfo=ZONE), TrackingConfig(),
        BusinessCalendar("GB"), ZONE,
    )  # fmt: skip


def _offer(answer_by: date | None) -> tuple[MessageRecord, Commitment | None]:
    """Their offer on Wed 4 November, with the date they want an answer by, if any."""
    deadline = (
        Commitment(CommitmentKind.USER_DEADLINE, "tell us by", Strength.EXPLICIT, answer_by)
        if answer_by is not None
        else None
    )
    commitments = (deadline,) if deadline is not None else ()
    offer = replace(inbound(2, Label.OFFER), extraction=Extraction(commitments=commitments))
    return offer, deadline


def _your_word(phrase: str, due: date) -> tuple[MessageRecord, Commitment]:
    """The user's reply on Thu 5 November with their own date for answering."""
    word = Commitment(CommitmentKind.USER_PROMISE, phrase, Strength.EXPLICIT, due)
    sent = replace(outbound(3, None), extraction=Extraction(commitments=(word,)))
    return sent, word


def test_your_own_date_for_answering_an_offer_is_shown_as_yours_and_held_to() -> None:
    # their offer asks for an answer by Friday 13th; the user says Tuesday 10th
    offer, _ = _offer(date(2026, 11, 13))
    sent, word = _your_word("I'll let you know by Tuesday", date(2026, 11, 10))
    inside = _offer_status(9, offer, sent)
    assert (inside.state, inside.user_deadline, inside.own_word) == (State.OFFER, word, word)
    assert inside.next_step == "Answer the offer by Tue 10 Nov (the date you gave)."
    assert "offer  2026-11-04    you 2026-11-10" in board_table([inside], ZONE)
    ics = to_ics([inside], inside.process.opened_at)
    assert "DESCRIPTION:You said you would answer by this date: “I'll let you know by" in ics
    # the day after it, it is late, by the user's own date
    late = _offer_status(11, offer, sent)
    assert (late.state, late.user_deadline, late.days_past_deadline) == (
        State.WAITING_ON_YOU, word, 1,
    )  # fmt: skip
    assert late.next_step == (
        "Answer the offer by Tue 10 Nov (the date you gave); that date has passed: answer"
        " today, or ask them for more time."
    )
    # an offer with no date of its own: the user's is the one
    bare, _ = _offer(None)
    assert _offer_status(9, bare, sent).user_deadline == word
    # a decision after it answers it for good
    decided = outbound(4, Outcome.ACCEPTED)
    assert _offer_status(11, offer, sent, decided).state == State.CLOSED


def test_an_ask_for_more_time_no_one_granted_leaves_their_date_standing() -> None:
    # their offer asks for an answer by Monday 9th; "could I have until Friday 13th?"
    offer, theirs = _offer(date(2026, 11, 9))
    sent, word = _your_word("could I have until Friday 13 November", date(2026, 11, 13))
    inside = _offer_status(6, offer, sent)
    assert (inside.state, inside.user_deadline, inside.own_word) == (State.OFFER, theirs, word)
    assert inside.next_step == (
        "Answer the offer by Mon 09 Nov (their date: they have not agreed to your Fri 13 Nov)."
    )
    assert "They asked you to answer by this date" in to_ics([inside], inside.process.opened_at)
    # their Monday passes with no answer to the ask: not silently
    for day, past in ((10, 1), (16, 5)):
        late = _offer_status(day, offer, sent)
        assert (late.state, late.user_deadline, late.days_past_deadline) == (
            State.WAITING_ON_YOU, theirs, past,
        )  # fmt: skip
        assert late.next_step.startswith("Answer the offer by Mon 09 Nov (their date: they have")
        assert late.next_step.endswith(
            "that date has passed: answer today, or ask them for more time."
        )
    # "I'll let you know by Friday" against their Monday is the same: only they move it
    promised, _ = _your_word("I'll let you know by Friday", date(2026, 11, 13))
    assert _offer_status(10, offer, promised).user_deadline == theirs


def test_an_ask_for_more_time_they_grant_is_your_new_date() -> None:
    offer, _ = _offer(date(2026, 11, 9))
    sent, _ = _your_word("could I have until Friday 13 November", date(2026, 11, 13))
    granted = Commitment(
        CommitmentKind.USER_DEADLINE, "yes, you can have until Friday", Strength.EXPLICIT,
        date(2026, 11, 13), granted=True,
    )  # fmt: skip
    grant = replace(
        inbound(4, Label.REQUEST), sender=Address("Sam Lee", "sam@globex.example"),
        extraction=Extraction(commitments=(granted,)),
    )  # fmt: skip
    inside = _offer_status(10, offer, sent, grant)
    assert (inside.state, inside.user_deadline, inside.deadline_passed) == (
        State.WAITING_ON_YOU, granted, False,
    )  # fmt: skip
    assert inside.next_step == "Answer the offer by Fri 13 Nov."
    late = _offer_status(16, offer, sent, grant)
    assert (late.state, late.user_deadline, late.days_past_deadline) == (
        State.WAITING_ON_YOU, granted, 1,
    )  # fmt: skip
    # the offer is still the one of the 4th, from whom it came, though the grant came since
    assert (late.offer_at, late.offer_from) == (offer.date, JANE)


def confirmed(day: int, label: Label, decision: Outcome) -> MessageRecord:
    """A portal's "You have withdrawn your application to Globex", read as `label`."""
    extraction = Extraction(decision=decision, decision_phrase="(words)")
    return replace(inbound(day, label), extraction=extraction)


def test_a_portal_confirming_your_decision_closes_the_process_whatever_its_label() -> None:
    offer = [inbound(0, Label.INTERVIEW), inbound(2, Label.OFFER)]
    for decision in (Outcome.ACCEPTED, Outcome.DECLINED, Outcome.WITHDRAWN):
        for label in (Label.ACKNOWLEDGEMENT, Label.REJECTION, Label.OFFER):
            closed = (Stage.CLOSED, State.CLOSED, decision)
            assert status(PROCESS, *offer, confirmed(3, label, decision)) == closed, label
    # `close --reopen` after it sets it aside
    reopened = replace(PROCESS, reopened_at=START + timedelta(days=4))
    withdrawn = confirmed(3, Label.ACKNOWLEDGEMENT, Outcome.WITHDRAWN)
    assert status(reopened, *offer, withdrawn)[:2] == (Stage.OFFER, State.WAITING_ON_YOU)


def test_an_approach_that_mentions_your_decision_elsewhere_closes_nothing() -> None:
    # "I understand you have declined the offer from Northwind, but I have another role"
    approach = confirmed(0, Label.OUTREACH, Outcome.DECLINED)
    stage, state, outcome = status(PROCESS, approach)
    assert (stage, outcome) == (Stage.OUTREACH, None) and state != State.CLOSED
    # the same words in a portal's acknowledgement close it
    assert status(PROCESS, confirmed(0, Label.ACKNOWLEDGEMENT, Outcome.DECLINED))[1] == (
        State.CLOSED
    )


def test_an_unsure_label_waits_for_review_instead_of_moving_the_process() -> None:
    interview = inbound(0, Label.INTERVIEW)
    for label in (Label.REJECTION, Label.OFFER, Label.REQUEST):
        unsure = replace(inbound(4, label), confidence=0.3, needs_review=True)
        result = process_status(
            PROCESS, [interview, unsure], NOW, TrackingConfig(), BusinessCalendar("GB"), ZONE
        )
        assert (result.stage, result.outcome) == (Stage.INTERVIEWING, None), label
        assert result.state not in (State.CLOSED, State.WAITING_ON_YOU), label
        # they wrote: the silence is broken all the same
        assert result.last_inbound_at == unsure.date
    # once the user confirms the label (label_source user, no longer under review) it counts
    confirmed = replace(inbound(4, Label.REJECTION), label_source="user")
    assert status(PROCESS, interview, confirmed)[1] == State.CLOSED


def test_a_passed_deadline_of_yours_is_counted_and_said() -> None:
    asks = Commitment(
        CommitmentKind.USER_DEADLINE, "by Friday", Strength.EXPLICIT, date(2026, 11, 6)
    )
    request = message_record(
        "r", START + timedelta(days=1), Label.REQUEST, JANE, commitments=(asks,)
    )
    calendar = BusinessCalendar("GB")
    late = process_status(PROCESS, [request], NOW, TrackingConfig(), calendar, ZONE)
    assert late.state == State.WAITING_ON_YOU
    assert late.days_past_deadline == 4  # Mon 9 to Thu 12 November
    assert late.next_step == (
        "Reply to Jane Doe: they asked you for something by Fri 06 Nov; "
        "that date has passed: answer today, or ask them for more time."
    )
    early = process_status(
        PROCESS, [request], START + timedelta(days=3), TrackingConfig(), calendar, ZONE
    )
    assert early.days_past_deadline == 0
    assert early.next_step == "Reply to Jane Doe: they asked you for something by Fri 06 Nov."
    # on the Saturday after, no business day has passed, but the date has
    weekend_now = datetime(2026, 11, 7, 9, 0, tzinfo=ZONE)
    weekend = process_status(PROCESS, [request], weekend_now, TrackingConfig(), calendar, ZONE)
    assert (weekend.days_past_deadline, weekend.deadline_passed) == (0, True)
    assert weekend.next_step.endswith(
        "that date has passed: answer today, or ask them for more time."
    )
    assert "you 2026-11-06  <1 workday" in board_table([weekend], ZONE)
    assert not early.deadline_passed
    # their side alike: a promise for Friday is overdue on Saturday, by less than a workday
    promised = Commitment(CommitmentKind.REPLY, "by Friday", Strength.EXPLICIT, date(2026, 11, 6))
    ack = replace(request, label=Label.ACKNOWLEDGEMENT, extraction=Extraction((promised,)))
    silent = process_status(PROCESS, [ack], weekend_now, TrackingConfig(), calendar, ZONE)
    assert (silent.state, silent.days_overdue) == (State.OVERDUE, 0)
    assert "overdue  2026-11-03    2026-11-06   <1 workday" in board_table([silent], ZONE)
    # on the board the late answer comes before one that is not due yet
    other = replace(PROCESS, id=2)
    later = replace(asks, due=date(2026, 11, 20))
    on_time = process_status(
        other, [replace(request, process_id=2, extraction=Extraction(commitments=(later,)))],
        NOW, TrackingConfig(), calendar, ZONE,
    )  # fmt: skip
    assert sorted([on_time, late], key=lambda s: s.sort_key()) == [late, on_time]
    # in the calendar, on the day, with their words when there are any
    ics = to_ics([late, replace(late, user_deadline=replace(asks, phrase=""))], NOW)
    assert ics.count("SUMMARY:Answer Globex — Data Engineer") == 2
    assert "DESCRIPTION:They asked you to answer by this date: “by Friday”" in ics
    assert "DESCRIPTION:They asked you to answer by this date\r\n" in ics
    # once the user answers, it is no longer their turn, nor late
    answered = replace(inbound(5, Label.REQUEST), direction="outbound", sender=None)
    assert (
        process_status(
            PROCESS, [request, answered], NOW, TrackingConfig(), calendar, ZONE
        ).days_past_deadline
        == 0
    )


def test_a_promise_for_the_end_of_the_calendar_is_shown_not_a_crash() -> None:
    # "by 31 December 9999" in one message made every board and digest fail
    promised = Commitment(CommitmentKind.REPLY, "by 31 December 9999", Strength.EXPLICIT, date.max)
    ack = replace(inbound(1, Label.ACKNOWLEDGEMENT), extraction=Extraction((promised,)))
    for now in (NOW, datetime(9999, 12, 30, tzinfo=ZONE)):
        far = process_status(PROCESS, [ack], now, TrackingConfig(), BusinessCalendar("GB"), ZONE)
        assert (far.state, far.expected_by) in {
            (State.ACTIVE, date.max),
            (State.DUE_SOON, date.max),
        }
        assert "9999-12-31" in board_table([far], ZONE)
        assert "DURATION:P1D" in to_ics([far], now)


def test_a_meeting_stored_at_the_end_of_the_calendar_is_no_meeting_not_a_crash() -> None:
    # an older version stored "interview on 31 December 9999 at 23:30 PST" (year 10000 in
    # UTC): status, stalled, history, export and the digest failed while it was stored
    pst = timezone(timedelta(hours=-8))
    calendar = BusinessCalendar("GB")
    for at in (
        datetime(9999, 12, 31, 23, 30, tzinfo=pst),
        datetime(9999, 12, 31, 23, 30, tzinfo=UTC),
        datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=14))),
    ):
        meeting = Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT, at.date(), at)
        invite = replace(inbound(1, Label.INTERVIEW), extraction=Extraction((meeting,)))
        far = process_status(PROCESS, [invite], NOW, TrackingConfig(), calendar, ZONE)
        assert (far.next_meeting, far.expected_source) == (None, "default"), at
        assert far.expected_by == calendar.add_business_days(invite.date.date(), 5)
        assert "Globex" in board_table([far], ZONE)
        assert "BEGIN:VEVENT" in to_ics([far], NOW)
    # a meeting in the calendar's last hour has no end to name: it lasts an hour
    last = replace(far, next_meeting=datetime(9999, 12, 31, 23, 30, tzinfo=UTC))
    assert "DTSTART:99991231T233000Z\r\nDURATION:PT1H\r\n" in to_ics([last], NOW)


def test_an_out_of_office_reply_is_not_their_word_but_holds_the_clock_until_they_are_back() -> None:
    calendar, tracking = BusinessCalendar("GB"), TrackingConfig()
    # an interview on Mon 2 Nov, the user's follow-up on Mon 16 Nov, answered by an
    # out-of-office reply: away until Mon 30 November
    interview = inbound(0, Label.INTERVIEW)
    chase = replace(inbound(14, Label.REQUEST), key="chase", direction="outbound", sender=None)
    back = Commitment(CommitmentKind.AWAY, "out until Monday 30 November", Strength.EXPLICIT,
                      date(2026, 11, 30))  # fmt: skip
    away = replace(
        inbound(14, Label.ACKNOWLEDGEMENT),
        key="ooo",
        date=START + timedelta(days=14, minutes=1),
        extraction=Extraction((back,), away=True),
    )

    def at(day: int, *messages: MessageRecord, month: int = 11) -> ProcessStatus:
        now = datetime(2026, month, day, 9, 0, tzinfo=ZONE)
        return process_status(PROCESS, messages, now, tracking, calendar, ZONE)

    # without it: a reply to the follow-up is due Thu 19 November, overdue on the 25th
    chased = at(25, interview, chase)
    assert (chased.state, chased.expected_by, chased.expected_source) == (
        State.OVERDUE, date(2026, 11, 19), "follow_up",
    )  # fmt: skip
    # with it: still their interview of 2 Nov as the last word, from Jane, but due three
    # business days after she is back
    waiting = at(25, interview, chase, away)
    assert (waiting.state, waiting.expected_by, waiting.expected_source) == (
        State.ACTIVE, date(2026, 12, 3), "away",
    )  # fmt: skip
    assert waiting.last_inbound_at == interview.date and waiting.last_label == Label.INTERVIEW
    assert waiting.away_until == date(2026, 11, 30)
    assert waiting.next_step == "Jane Doe is away until Mon 30 Nov; expect news by Thu 03 Dec."
    overdue = at(7, interview, chase, away, month=12)
    assert (overdue.state, overdue.days_overdue) == (State.OVERDUE, 2)
    assert overdue.next_step == (
        "Send Jane Doe a short follow-up: they were back on Mon 30 Nov and have not written."
    )
    # an away notice with no date, or one that ends before the date expected, changes
    # nothing but the last word
    undated = replace(away, extraction=Extraction((), away=True))
    assert at(25, interview, chase, undated).expected_by == date(2026, 11, 19)
    short = replace(
        away, extraction=Extraction((replace(back, due=date(2026, 11, 17)),), away=True)
    )
    assert at(25, interview, chase, short).expected_by == date(2026, 11, 19)
    # an away notice as their only mail leaves the process at the stage it was
    only = at(25, replace(chase, date=START), away)
    assert only.stage == Stage.APPLIED and only.last_inbound_at is None


def test_the_meeting_you_took_counts_and_a_meeting_moved_or_called_off_goes() -> None:
    calendar, tracking = BusinessCalendar("GB"), TrackingConfig()
    thursday = datetime(2026, 11, 26, 10, 0, tzinfo=ZONE)
    monday = datetime(2026, 11, 30, 10, 0, tzinfo=ZONE)

    def meeting(at: datetime) -> Commitment:
        return Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT, at.date(), at)

    off = Commitment(CommitmentKind.MEETING_OFF, "(words)", Strength.RELATIVE, thursday.date())
    # Tue 17 Nov: "are you free on Thursday 26 November at 10:00?"; the user: "that works"
    offered = inbound(15, Label.INTERVIEW)
    taken = message_record("taken", offered.date + timedelta(hours=1), Label.NOT_RECRUITING, None,
                           direction="outbound", commitments=(meeting(thursday),))  # fmt: skip
    # Mon 23 Nov: "we need to move your interview from Thursday to Monday 30 November"
    moved = message_record("moved", START + timedelta(days=21), Label.INTERVIEW, JANE,
                           commitments=(off, meeting(monday)))  # fmt: skip
    cancelled = replace(moved, extraction=Extraction((off,)))

    def at(day: int, *messages: MessageRecord) -> ProcessStatus:
        now = datetime(2026, 11, day, 9, 0, tzinfo=ZONE)
        return process_status(PROCESS, messages, now, tracking, calendar, ZONE)

    # the meeting the user agreed is the next thing to expect, and owes nothing yet
    # (not due_soon, two business days before it)
    agreed = at(24, offered, taken)
    assert (agreed.next_meeting, agreed.expected_by, agreed.expected_source, agreed.state) == (
        thursday, thursday.date(), "meeting", State.ACTIVE,
    )  # fmt: skip
    assert agreed.next_step == "Prepare for the meeting on Thu 26 Nov 10:00."
    # without the user's answer there is no meeting: interviewing default from 17 Nov
    assert at(24, offered).next_meeting is None
    # moved: Thursday is gone, Monday is the meeting (on Friday 27th nothing is overdue)
    rescheduled = at(27, offered, taken, moved)
    assert (rescheduled.next_meeting, rescheduled.expected_by, rescheduled.state) == (
        monday, monday.date(), State.ACTIVE,
    )  # fmt: skip
    # called off with no new date: silence counts from their message, not from Thursday
    dropped = at(27, offered, taken, cancelled)
    assert dropped.next_meeting is None
    assert dropped.expected_by == calendar.add_business_days(moved.date.date(), 5)


def test_a_meeting_moved_or_called_off_with_no_day_named_is_the_next_one_ahead() -> None:
    calendar, tracking = BusinessCalendar("GB"), TrackingConfig()
    screen = datetime(2026, 11, 19, 14, 0, tzinfo=ZONE)
    onsite = datetime(2026, 11, 27, 10, 0, tzinfo=ZONE)
    later = datetime(2026, 12, 1, 11, 0, tzinfo=ZONE)

    def meeting(at: datetime) -> Commitment:
        return Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT, at.date(), at)

    off = Commitment(CommitmentKind.MEETING_OFF, "call off your interview", Strength.VAGUE)
    # Tue 10 Nov: a screen on Thu 19 and an on-site on Fri 27 are set
    invited = message_record("inv", START + timedelta(days=8), Label.INTERVIEW, JANE,
                             commitments=(meeting(screen), meeting(onsite)))  # fmt: skip

    def on(day: int, *commitments: Commitment) -> MessageRecord:
        sent = datetime(2026, 11, day, 12, 0, tzinfo=ZONE)
        return message_record(f"m{day}", sent, Label.INTERVIEW, JANE, commitments=commitments)

    def at(day: int, *messages: MessageRecord) -> ProcessStatus:
        now = datetime(2026, 11, day, 8, 0, tzinfo=ZONE)
        return process_status(PROCESS, messages, now, tracking, calendar, ZONE)

    # 17 Nov "we need to reschedule your interview to Tuesday 1 December at 11:00": the
    # screen (the next one ahead) is off, the on-site stays
    moved = at(18, invited, on(17, off, meeting(later)))
    assert moved.next_meeting == onsite
    assert "Thu 19 Nov" not in moved.next_step
    # 17 Nov "we have to cancel your interview": the screen is off
    assert at(18, invited, on(17, off)).next_meeting == onsite
    # said on 20 Nov, after the screen was held: the on-site is off, not the screen
    assert at(21, invited, on(20, off)).next_meeting is None
    # nothing ahead to call off: nothing changes
    assert at(30, invited, on(28, off)).next_meeting is None
    # the user took the screen's time ("Thursday 19 November at 14:00 works for me"): both
    # copies of it are off, not one
    taken = message_record("ok", START + timedelta(days=9), Label.NOT_RECRUITING, None,
                           direction="outbound", commitments=(meeting(screen),))  # fmt: skip
    assert at(18, invited, taken, on(17, off)).next_meeting == onsite


PORTAL = Address("Globex Careers", "no-reply@globex.example")


def reply(phrase: str, due: date, strength: Strength = Strength.RELATIVE) -> Commitment:
    return Commitment(CommitmentKind.REPLY, phrase, strength, due)


def meeting_at(at: datetime) -> Commitment:
    return Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT, at.date(), at)


def as_of(day: int, *messages: MessageRecord, month: int = 11) -> ProcessStatus:
    now = datetime(2026, month, day, 9, 0, tzinfo=ZONE)
    return process_status(PROCESS, messages, now, TrackingConfig(), BusinessCalendar("GB"), ZONE)


def test_a_promise_is_kept_by_their_next_message_but_not_by_a_portal_receipt() -> None:
    # Mon 2 Nov, the portal: "we will be in touch within two weeks" (Mon 16 Nov); Mon 9 Nov,
    # Jane books an interview for Fri 13 Nov: the promise is kept
    two_weeks = reply("within two weeks", date(2026, 11, 16))
    received = message_record("ack", START, Label.ACKNOWLEDGEMENT, PORTAL,
                              commitments=(two_weeks,), role=SenderRole.AUTOMATED)  # fmt: skip
    friday = datetime(2026, 11, 13, 10, 0, tzinfo=ZONE)
    invite = message_record("invite", START + timedelta(days=7), Label.INTERVIEW, JANE,
                            commitments=(meeting_at(friday),))  # fmt: skip
    before = as_of(12, received, invite)
    assert (before.expected_by, before.expected_source, before.state) == (
        friday.date(), "meeting", State.ACTIVE,
    )  # fmt: skip
    # after the interview, the usual wait counts from it (Fri 20 Nov), not the kept promise
    after = as_of(20, received, invite)
    assert (after.expected_by, after.expected_source, after.state) == (
        date(2026, 11, 20), "default", State.DUE_SOON,
    )  # fmt: skip
    # Thu 5 Nov, Jane: "we'll have feedback for you by Friday 13th"; Fri 6 Nov, the client's
    # portal confirms her submission: her date stands, and she is the one to ask
    friday_13th = reply("by Friday 13th", date(2026, 11, 13), Strength.EXPLICIT)
    promised = message_record("jane", START + timedelta(days=3), Label.DELAY, JANE,
                              commitments=(friday_13th,))  # fmt: skip
    receipt = message_record("receipt", START + timedelta(days=4), Label.ACKNOWLEDGEMENT, PORTAL,
                             role=SenderRole.AUTOMATED)  # fmt: skip
    late = as_of(17, promised, receipt)
    assert (late.expected_by, late.expected_source, late.state) == (
        date(2026, 11, 13), "promise", State.OVERDUE,
    )  # fmt: skip
    assert late.last_contact == PORTAL
    assert late.next_step == "Send Jane Doe a short follow-up: they gave a date and it has passed."
    # a word from Jane with no date ("the client needs a little longer") ends her promise:
    # the usual wait counts from it; one with a new date ("still on track for Friday
    # 20th") replaces it
    update = replace(receipt, key="update", sender=JANE, label=Label.DELAY)
    assert (as_of(17, promised, update).expected_source, as_of(17, promised, update).state) == (
        "default", State.ACTIVE,
    )  # fmt: skip
    renewed = replace(
        update, extraction=Extraction((reply("for Friday 20th", date(2026, 11, 20)),))
    )
    assert as_of(17, promised, renewed).expected_by == date(2026, 11, 20)


def test_a_referral_s_promise_is_kept_when_the_recruiter_writes_even_unsure() -> None:
    # Wed 4 Nov, a friend: "our recruiter will reach out within a week"; Tue 10 Nov the
    # recruiter writes (the model is unsure of the label): the usual wait for outreach
    # counts from her message, and nobody "gave a date and it has passed"
    sam = Address("Sam Roe", "sam@globex.example")
    lena = Address("Lena Fox", "lena@globex.example")
    a_week = reply("will reach out within a week", date(2026, 11, 11))
    referral = message_record("ref", START + timedelta(days=2), Label.OUTREACH, sam,
                              commitments=(a_week,))  # fmt: skip
    reached = replace(message_record("lena", START + timedelta(days=8), Label.OUTREACH, lena),
                      confidence=0.4, needs_review=True)  # fmt: skip
    quiet = as_of(20, referral, reached)
    assert (quiet.expected_by, quiet.expected_source, quiet.state) == (
        date(2026, 11, 17), "default", State.OVERDUE,
    )  # fmt: skip
    assert quiet.commitment == Strength.RELATIVE  # what was said is still on record
    assert quiet.next_step == (
        "Send Lena Fox a polite check-in: the usual wait since they last wrote has passed."
    )


def test_a_promise_due_before_an_interview_is_overtaken_by_it() -> None:
    # Wed 25 Nov: "your final interview is on Thursday 3 December at 14:00; we will let you
    # know the outcome within a week of the interview", misread as within a week of the mail
    thursday = datetime(2026, 12, 3, 14, 0, tzinfo=ZONE)
    a_week = reply("within a week", date(2026, 12, 2))
    invite = message_record("final", START + timedelta(days=23), Label.INTERVIEW, JANE,
                            commitments=(a_week, meeting_at(thursday)))  # fmt: skip
    ahead = as_of(30, invite)
    assert (ahead.expected_by, ahead.expected_source, ahead.state) == (
        thursday.date(), "meeting", State.ACTIVE,
    )  # fmt: skip
    assert ahead.next_step == "Prepare for the meeting on Thu 03 Dec 14:00."
    # after it, the usual wait counts from the interview: not overdue the next day
    held = as_of(4, invite, month=12)
    assert (held.expected_by, held.expected_source, held.state) == (
        date(2026, 12, 10), "default", State.ACTIVE,
    )  # fmt: skip
    # a date after the interview is their word on its outcome and stands
    outcome = reply("by Friday 11 December", date(2026, 12, 11), Strength.EXPLICIT)
    later = replace(invite, extraction=Extraction((outcome, meeting_at(thursday))))
    assert (as_of(30, later).expected_by, as_of(4, later, month=12).expected_source) == (
        date(2026, 12, 11), "promise",
    )  # fmt: skip
    # an interview held before the promise was made does not overtake it
    earlier = replace(invite, extraction=Extraction((meeting_at(START + timedelta(days=14)),)))
    chased = replace(invite, key="chased", extraction=Extraction((a_week,)))
    overdue = as_of(4, replace(earlier, date=START + timedelta(days=7)), chased, month=12)
    assert (overdue.expected_by, overdue.expected_source, overdue.state) == (
        date(2026, 12, 2), "promise", State.OVERDUE,
    )  # fmt: skip


def test_a_date_already_past_when_they_wrote_it_gives_the_usual_wait() -> None:
    # Wed 25 Nov: "we will get back to you by Monday 23 November" (a slip): the usual wait
    # for an acknowledgement (ten business days), and no "date that has passed" to cite
    past = reply("by Monday 23 November", date(2026, 11, 23), Strength.EXPLICIT)
    slip = message_record("slip", START + timedelta(days=23), Label.ACKNOWLEDGEMENT, JANE,
                          commitments=(past,))  # fmt: skip
    waiting = as_of(26, slip)
    assert (waiting.expected_by, waiting.expected_source, waiting.state) == (
        date(2026, 12, 9), "default", State.ACTIVE,
    )  # fmt: skip
    quiet = as_of(10, slip, month=12)
    assert quiet.state == State.OVERDUE
    assert quiet.next_step == (
        "Send Jane Doe a polite check-in: the usual wait since they last wrote has passed."
    )
    # the user's own date is theirs, not a date the sender gave
    mine = replace(PROCESS, expected_by_user=date(2026, 11, 27))
    stalled = process_status(mine, [slip], datetime(2026, 12, 1, 9, 0, tzinfo=ZONE),
                             TrackingConfig(), BusinessCalendar("GB"), ZONE)  # fmt: skip
    assert stalled.next_step == (
        "Send Jane Doe a short follow-up: the date you expected news by has passed."
    )


def test_your_expected_date_holds_until_they_write_again() -> None:
    # Fri 20 Nov: their receipt; Mon 23 the user expects news by Tue 1 Dec; Sun 29 an
    # invitation to an interview on Tue 8 Dec 10:00
    receipt = inbound(18, Label.ACKNOWLEDGEMENT)
    when = datetime(2026, 12, 8, 10, 0, tzinfo=ZONE)
    invite = message_record("inv", START + timedelta(days=27), Label.INTERVIEW, JANE,
                            commitments=(meeting_at(when),))  # fmt: skip
    mine = replace(
        PROCESS,
        expected_by_user=date(2026, 12, 1),
        expected_by_user_at=datetime(2026, 11, 23, 18, 0, tzinfo=ZONE),
    )

    def on(day: int, *messages: MessageRecord) -> ProcessStatus:
        now = datetime(2026, 12, day, 9, 0, tzinfo=ZONE)
        return process_status(mine, messages, now, TrackingConfig(), BusinessCalendar("GB"), ZONE)

    quiet = on(3, receipt)
    assert (quiet.state, quiet.expected_by, quiet.expected_source) == (
        State.OVERDUE, date(2026, 12, 1), "user",
    )  # fmt: skip
    # after their invitation the interview is what to expect, the day before it too
    invited = on(7, receipt, invite)
    assert (invited.state, invited.expected_by, invited.expected_source) == (
        State.ACTIVE, date(2026, 12, 8), "meeting",
    )  # fmt: skip
    # a date set after their last message holds; one set by an older version (no time
    # kept) holds as it did
    later = replace(mine, expected_by_user_at=datetime(2026, 11, 30, 9, 0, tzinfo=ZONE))
    undated = replace(mine, expected_by_user_at=None)
    for process in (later, undated):
        status = process_status(process, [receipt, invite], datetime(2026, 12, 3, 9, 0,
                                tzinfo=ZONE), TrackingConfig(), BusinessCalendar("GB"), ZONE)  # fmt: skip
        assert (status.expected_by, status.expected_source) == (date(2026, 12, 1), "user")


def test_the_next_meeting_in_the_next_step_is_in_the_user_s_time() -> None:
    # "Monday 30 November at 11:00" from New York is 16:00 in London
    new_york = datetime(2026, 11, 30, 11, 0, tzinfo=ZoneInfo("America/New_York"))
    invite = message_record("ny", START + timedelta(days=20), Label.INTERVIEW, JANE,
                            commitments=(meeting_at(new_york),))  # fmt: skip
    assert as_of(25, invite).next_step == "Prepare for the meeting on Mon 30 Nov 16:00."


def test_an_answered_request_s_deadline_is_not_reused_for_a_later_one() -> None:
    # Mon 16 Nov: "could you send two references by Friday 20 November?"; Tue 17 the user
    # sends them; Wed 25: "could you also send your degree certificate?" (no date)
    asks = Commitment(CommitmentKind.USER_DEADLINE, "by Friday 20 November", Strength.EXPLICIT,
                      date(2026, 11, 20))  # fmt: skip
    first = message_record("refs", START + timedelta(days=14), Label.REQUEST, JANE,
                           commitments=(asks,))  # fmt: skip
    sent = replace(outbound(15, None), key="sent")
    second = message_record("degree", START + timedelta(days=23), Label.REQUEST, JANE)
    again = as_of(26, first, sent, second)
    assert (again.state, again.user_deadline, again.deadline_passed) == (
        State.WAITING_ON_YOU, None, False,
    )  # fmt: skip
    assert again.next_step == "Reply to Jane Doe: they asked you for something."
    # unanswered, the first request's date still holds
    assert as_of(26, first, second).user_deadline == asks


def test_no_check_in_is_suggested_to_an_automated_address() -> None:
    portal = Address("Fjord Systems", "no-reply@greenhouse.io")
    relay = Address("Fjord Systems Hiring", "fjord@hire.example")  # read as automated
    ack = message_record("ack", START, Label.ACKNOWLEDGEMENT, portal)
    relayed = message_record("relay", START, Label.ACKNOWLEDGEMENT, relay,
                             role=SenderRole.AUTOMATED)  # fmt: skip
    for receipt in (ack, relayed):
        quiet = as_of(30, receipt)
        assert quiet.state == State.OVERDUE
        assert quiet.next_step == (
            f"No one to ask by mail: {receipt.sender.name} writes from an automated address;"
            " check the portal."
        )
    # a person of theirs who wrote before the portal's mail is the one to ask
    person = inbound(0, Label.INTERVIEW)
    later = replace(ack, date=START + timedelta(days=2))
    assert as_of(30, person, later).next_step == (
        "Send Jane Doe a polite check-in: no date was ever given."
    )


def test_a_no_reply_sender_s_reply_to_person_is_the_one_to_ask() -> None:
    # an ATS receipt "Fjord Systems <no-reply@greenhouse.io>", Reply-To their recruiter and
    # "just reply to this email": a check-in reaches her
    portal = Address("Fjord Systems", "no-reply@greenhouse.io")
    recruiter = Address("Jane Holm", "jane.holm@fjord.example")
    ack = replace(
        message_record("ack", START, Label.ACKNOWLEDGEMENT, portal, role=SenderRole.AUTOMATED),
        reply_to=(recruiter,),
    )
    quiet = as_of(30, ack)
    assert quiet.state == State.OVERDUE
    assert quiet.next_step == "Send Jane Holm a polite check-in: no date was ever given."
    # and the contact shown is she, not the relay (user audit 4, U14)
    assert quiet.last_contact == recruiter
    # a Reply-To that is another robot (a no-reply of the company's, the ATS's own
    # address) reaches no one either
    for robot in (
        Address("Fjord Careers", "careers-noreply@fjord.example"),
        Address("Greenhouse", "support@greenhouse.io"),
    ):
        assert as_of(30, replace(ack, reply_to=(robot,))).next_step == (
            "No one to ask by mail: Fjord Systems writes from an automated address;"
            " check the portal."
        )
        assert as_of(30, replace(ack, reply_to=(robot,))).last_contact == portal
    # a person who writes is asked herself, whatever her Reply-To
    jane = replace(inbound(0, Label.INTERVIEW), reply_to=(recruiter,))
    assert as_of(30, jane).next_step == "Send Jane Doe a polite check-in: no date was ever given."


def test_your_expected_date_gives_way_to_their_mail_stored_after_you_set_it() -> None:
    # Fri 20 Nov their receipt; Sun 29 Nov 09:00 their invitation to Tue 8 Dec, which came
    # in only at 12:40 (a backlog synced late), after the user set "news by Tue 1 Dec" at 12:34
    receipt = inbound(18, Label.ACKNOWLEDGEMENT)
    when = datetime(2026, 12, 8, 10, 0, tzinfo=ZONE)
    dated = datetime(2026, 11, 29, 9, 0, tzinfo=ZONE)
    invite = replace(
        message_record("inv", dated, Label.INTERVIEW, JANE, commitments=(meeting_at(when),)),
        stored_at=datetime(2026, 11, 29, 12, 40, tzinfo=ZONE),
    )
    mine = replace(
        PROCESS,
        expected_by_user=date(2026, 12, 1),
        expected_by_user_at=datetime(2026, 11, 29, 12, 34, tzinfo=ZONE),
    )

    def on(day: int, *messages: MessageRecord) -> ProcessStatus:
        now = datetime(2026, 12, day, 9, 0, tzinfo=ZONE)
        return process_status(mine, messages, now, TrackingConfig(), BusinessCalendar("GB"), ZONE)

    invited = on(7, receipt, invite)
    assert (invited.state, invited.expected_by, invited.expected_source) == (
        State.ACTIVE, date(2026, 12, 8), "meeting",
    )  # fmt: skip
    # the timeline says when and why the user's date gave way
    ended = invited.user_date_ended
    assert ended is not None
    assert (ended.at, ended.kind, ended.message_key) == (
        invite.stored_at, "user_expect_ended", "inv",
    )  # fmt: skip
    assert ended.detail == (
        "your date 2026-12-01 gave way to their mail of Sun 29 Nov 09:00, stored after you set it"
    )
    # stored before the user set their date, it was seen: the user's date holds, and
    # nothing gave way
    seen = replace(invite, stored_at=datetime(2026, 11, 29, 12, 0, tzinfo=ZONE))
    held = on(3, receipt, seen)
    assert (held.state, held.expected_source, held.user_date_ended) == (
        State.OVERDUE, "user", None,
    )  # fmt: skip
    # dated after the date was set: it gives way when the mail was written
    later = replace(seen, date=datetime(2026, 11, 30, 9, 0, tzinfo=ZONE))
    after = on(7, receipt, later).user_date_ended
    assert after is not None and after.at == later.date
    assert after.detail == "your date 2026-12-01 gave way to their mail of Mon 30 Nov 09:00"


def test_a_promise_counts_as_open_only_while_its_date_is_the_one_expected() -> None:
    friday_13th = reply("by Friday 13th", date(2026, 11, 13), Strength.EXPLICIT)
    promised = message_record("p", START + timedelta(days=3), Label.DELAY, JANE,
                              commitments=(friday_13th,))  # fmt: skip
    assert as_of(17, promised).promise_open
    # kept by a later word of theirs with no date: the usual wait, not their date
    update = message_record("u", START + timedelta(days=4), Label.DELAY, JANE)
    kept = as_of(30, promised, update)
    assert (kept.expected_source, kept.promise_open, kept.commitment) == (
        "default", False, Strength.EXPLICIT,
    )  # fmt: skip


def test_the_stored_reply_to_and_time_reach_the_board(config: Config, pipeline: Pipeline) -> None:
    # the same two cases through the store: the ATS receipt's Reply-To, and an invitation
    # dated before the user's date was set but imported after it
    receipt = b"Reply-To: Jane Holm <jane.holm@fjord.example>\n" + eml(
        sender="Fjord Systems <no-reply@greenhouse.io>",
        subject="[acknowledgement] Thank you for applying to Fjord Systems",
        body="We have received your application. Any questions? Just reply to this email.",
        date=START,
        message_id="<ack@fjord>",
    )
    invite = eml(
        sender="Fjord Systems <no-reply@greenhouse.io>",
        subject="[interview] Interview with Fjord Systems",
        body="We would like to invite you to an interview on Tuesday 8 December at 10:00.",
        date=datetime(2026, 11, 29, 9, 0, tzinfo=ZONE),
        message_id="<inv@fjord>",
        in_reply_to="<ack@fjord>",
    )
    set_at = datetime(2026, 11, 29, 12, 34, tzinfo=ZONE)
    with Store(config.database_path) as store:
        ingest(store, [RawMessage(receipt, Origin(kind="eml", path="1.eml"))], pipeline, START)
        (pid,) = [p.id for p in store.processes()]
        quiet = load_status(store, config, pid, datetime(2026, 11, 27, 9, 0, tzinfo=ZONE))
        assert quiet.next_step == "Send Jane Holm a polite check-in: no date was ever given."
        store.update_process(pid, expected_by_user=date(2026, 12, 1), expected_by_user_at=set_at)
        later = set_at + timedelta(minutes=6)
        ingest(store, [RawMessage(invite, Origin(kind="eml", path="2.eml"))], pipeline, later)
        invited = load_status(store, config, pid, datetime(2026, 12, 3, 9, 0, tzinfo=ZONE))
    assert (invited.state, invited.expected_source) == (State.ACTIVE, "meeting")
    assert invited.user_date_ended is not None and invited.user_date_ended.at == later


# Tue 10 Nov: an invitation to an interview on Thu 19 Nov at 14:00; the user answers at 15:00
INVITED_FOR = datetime(2026, 11, 19, 14, 0, tzinfo=ZONE)
INVITATION = message_record("inv19", datetime(2026, 11, 10, 10, 0, tzinfo=ZONE), Label.INTERVIEW,
                            JANE, commitments=(meeting_at(INVITED_FOR),))  # fmt: skip


def users_reply(text: str, subject: str = "Re: Interview - Data Engineer") -> MessageRecord:
    """The user's answer to INVITATION, read by extract.py as it is stored."""
    sent = datetime(2026, 11, 10, 15, 0, tzinfo=ZONE)
    extraction = extract_fields(subject, text, sent_at=sent, calendar=BusinessCalendar("GB"),
                                direction="outbound")  # fmt: skip
    reply = message_record("reply", sent, Label.NOT_RECRUITING, None, direction="outbound")
    return replace(reply, extraction=extraction)


def test_an_acceptance_that_names_nothing_closes_only_a_process_with_an_offer() -> None:
    # "offer" in the mail lets extract.py read a bare "I accept" as accepting; before any
    # offer of theirs it takes up an interview: the process and its meeting stay
    for text in (
        "Thanks for the offer. I accept.",
        "Thank you for the offer of a second round interview. I accept.",
        "Thanks for your offer to come in and meet the team. I accept, thank you!",
        # a sentence longer than a phrase is quoted from its end, so the check still sees it
        "Thanks for the offer; having looked at my diary for the next two weeks, moved a "
        "dentist appointment and checked with my manager that I can take the afternoon "
        "off without any trouble at all on that day, I accept.",
    ):
        reply = users_reply(text)
        assert reply.extraction.decision == Outcome.ACCEPTED, text
        kept = as_of(12, INVITATION, reply)
        assert (kept.stage, kept.state, kept.outcome) == (
            Stage.INTERVIEWING, State.ACTIVE, None,
        ), text  # fmt: skip
        assert (kept.next_meeting, kept.expected_source) == (INVITED_FOR, "meeting"), text
    # after an offer of theirs it accepts the job
    offer = message_record("offer", datetime(2026, 11, 9, 10, 0, tzinfo=ZONE), Label.OFFER, JANE)
    plain = users_reply("Thanks for the offer. I accept.", subject="Re: Offer")
    assert as_of(12, offer, plain).outcome == Outcome.ACCEPTED
    # an acceptance that names the offer or the job closes it with no offer recorded (one
    # made by phone)
    for text in ("I am delighted to accept the offer.", "I accept the position of Data Engineer."):
        named = users_reply(text, subject="Re: Data Engineer")
        assert as_of(12, INVITATION, named).outcome == Outcome.ACCEPTED, text


def test_a_plain_no_after_an_invitation_turns_down_something_else_not_the_process() -> None:
    # "I'll pass" or "not for me" that names no role, once they have invited the user, most
    # likely turns down a coffee or a lunch: the process and its meeting stay
    for text in (
        "Thanks for the offer of a coffee beforehand, but I'll pass.",
        "Happy to do 14:00. I'll pass on Northwind's tour though, thanks.",
        "Thanks, but I'll pass.",
    ):
        reply = users_reply(text)
        assert reply.extraction.decision is not None, text
        kept = as_of(12, INVITATION, reply)
        assert (kept.stage, kept.outcome, kept.next_meeting) == (
            Stage.INTERVIEWING, None, INVITED_FOR,
        ), text  # fmt: skip
    # before any interview (their pitch) it ends the process, as it does an offer
    pitch = message_record("pitch", datetime(2026, 11, 9, 10, 0, tzinfo=ZONE), Label.OUTREACH, JANE)
    assert as_of(12, pitch, users_reply("Thanks, but I'll pass.")).outcome == Outcome.WITHDRAWN
    offer = message_record("offer", datetime(2026, 11, 9, 10, 0, tzinfo=ZONE), Label.OFFER, JANE)
    declined = users_reply("Thanks so much, but I'll pass.", subject="Re: Your offer")
    assert as_of(12, offer, declined).outcome == Outcome.DECLINED
    # a no that names what it ends ends it at any stage
    withdrawn = users_reply("I'd like to withdraw my application.")
    assert as_of(12, INVITATION, withdrawn).outcome == Outcome.WITHDRAWN


def test_your_weekday_and_time_confirm_the_meeting_they_invited_you_to() -> None:
    # "Thursday at 14:00 is fine" on Tue 10 Nov is read as Thu 12 Nov: it is the 19th's
    confirmed = as_of(11, INVITATION, users_reply("Thursday at 14:00 is fine, see you then."))
    assert (confirmed.next_meeting, confirmed.expected_by, confirmed.expected_source) == (
        INVITED_FOR, INVITED_FOR.date(), "meeting",
    )  # fmt: skip
    assert confirmed.next_step == "Prepare for the meeting on Thu 19 Nov 14:00."
    # another time, or a day that fixes its week, is the user's own: the nearest is theirs
    for text, day in (
        ("Thursday at 15:00 would suit me better.", date(2026, 11, 12)),
        ("This Thursday at 14:00 is fine.", date(2026, 11, 12)),
        ("Tomorrow at 14:00 is fine.", date(2026, 11, 11)),
    ):
        own = as_of(11, INVITATION, users_reply(text))
        assert own.next_meeting is not None and own.next_meeting.date() == day, text
    # the weekday of a meeting held already confirms nothing: a new one a week on
    held = replace(INVITATION, date=datetime(2026, 11, 2, 10, 0, tzinfo=ZONE),
                   extraction=Extraction((meeting_at(datetime(2026, 11, 5, 14, 0, tzinfo=ZONE)),)))  # fmt: skip
    again = as_of(11, held, users_reply("Thursday at 14:00 is fine."))
    assert again.next_meeting == datetime(2026, 11, 12, 14, 0, tzinfo=ZONE)


def test_a_meeting_moved_to_a_day_with_no_time_is_a_meeting_that_day() -> None:
    # Thu 12 Nov: "the panel has been rescheduled, so your interview is now on Monday"
    off = Commitment(CommitmentKind.MEETING_OFF, "rescheduled, so your interview", Strength.VAGUE)
    monday = Commitment(CommitmentKind.MEETING, "your interview is now on Monday",
                        Strength.RELATIVE, date(2026, 11, 16))  # fmt: skip
    sent = datetime(2026, 11, 12, 9, 0, tzinfo=ZONE)
    moved = message_record("moved", sent, Label.INTERVIEW, JANE, commitments=(off, monday))
    ahead = as_of(13, INVITATION, moved)
    assert (ahead.next_meeting, ahead.next_meeting_day) == (None, date(2026, 11, 16))
    assert (ahead.expected_by, ahead.expected_source, ahead.state) == (
        date(2026, 11, 16), "meeting", State.ACTIVE,
    )  # fmt: skip
    assert ahead.next_step == (
        "Prepare for the meeting on Mon 16 Nov; they have not given its time yet."
    )
    # ahead all that Monday; held once it is over: the usual wait counts from it
    that_day = process_status(PROCESS, [INVITATION, moved], datetime(2026, 11, 16, 17, 0,
                              tzinfo=ZONE), TrackingConfig(), BusinessCalendar("GB"), ZONE)  # fmt: skip
    assert that_day.next_meeting_day == date(2026, 11, 16)
    after = as_of(17, INVITATION, moved)
    assert (after.next_meeting_day, after.expected_by, after.expected_source) == (
        None, date(2026, 11, 23), "default",
    )  # fmt: skip
    # its time, given later, is that meeting's: one meeting, timed
    eleven = datetime(2026, 11, 16, 11, 0, tzinfo=ZONE)
    timed = message_record("time", sent + timedelta(days=1), Label.INTERVIEW, JANE,
                           commitments=(meeting_at(eleven),))  # fmt: skip
    both = as_of(14, INVITATION, moved, timed)
    assert (both.next_meeting, both.next_meeting_day) == (eleven, date(2026, 11, 16))
    later_that_day = process_status(PROCESS, [INVITATION, moved, timed], eleven + timedelta(
        hours=2), TrackingConfig(), BusinessCalendar("GB"), ZONE)  # fmt: skip
    assert later_that_day.next_meeting_day is None
    # a bare ordinal with no time in mail that moves nothing is no meeting ("your interview
    # is on the 2nd floor" read as 2 December; a day named in full is: test_their_day_...)
    second = Commitment(CommitmentKind.MEETING, "your interview is on the 2nd", Strength.EXPLICIT,
                        date(2026, 12, 2))  # fmt: skip
    floor = replace(moved, extraction=Extraction((second,)))
    alone = as_of(13, INVITATION, floor)
    assert (alone.next_meeting, alone.next_meeting_day) == (INVITED_FOR, INVITED_FOR.date())
    assert as_of(13, replace(floor, date=INVITATION.date)).next_meeting_day is None


def test_their_pitch_unanswered_is_yours_to_answer_and_expects_nothing_of_them() -> None:
    # Mon 2 Nov, an agency recruiter: "would you like me to put you forward?"
    pitch = message_record("pitch", START, Label.OUTREACH, JANE)
    for day in (3, 30):  # the next day, and weeks later: never due, never overdue
        quiet = as_of(day, pitch)
        assert (quiet.stage, quiet.state, quiet.expected_by, quiet.expected_source) == (
            Stage.OUTREACH, State.ACTIVE, None, None,
        )  # fmt: skip
        assert quiet.next_step == (
            "Their pitch waits for your answer: reply to Jane Doe if it interests you, or leave it."
        )
    # a second word of theirs (a nudge) is still a pitch the user has not answered
    nudge = message_record("nudge", START + timedelta(days=3), Label.OUTREACH, JANE)
    assert as_of(30, pitch, nudge).expected_by is None
    # once the user answers ("yes, I'd be interested"), the usual wait counts, as before
    answered = as_of(4, pitch, replace(outbound(1, None), key="yes"))
    assert (answered.expected_by, answered.expected_source, answered.state) == (
        date(2026, 11, 9), "default", State.ACTIVE,
    )  # fmt: skip
    assert answered.next_step == "Nothing to do yet: the ball is in their court."
    # their news after it, read as outreach too ("I've put you forward"), is theirs to follow
    forward = message_record("forward", START + timedelta(days=2), Label.OUTREACH, JANE)
    news = as_of(5, pitch, replace(outbound(1, None), key="yes"), forward)
    assert (news.expected_by, news.expected_source) == (date(2026, 11, 11), "default")
    # their pitch with a date of their own ("I'll call you on Thursday"), and the user's own
    # date (`expect`), still count
    thursday = reply("I'll call you on Thursday", date(2026, 11, 5))
    called = replace(pitch, extraction=Extraction(commitments=(thursday,)))
    assert (as_of(9, called).expected_source, as_of(9, called).state) == (
        "promise", State.OVERDUE,
    )  # fmt: skip
    yours = replace(PROCESS, expected_by_user=date(2026, 11, 6))
    expected = process_status(yours, [pitch], START + timedelta(days=1), TrackingConfig(),
                              BusinessCalendar("GB"), ZONE)  # fmt: skip
    assert (expected.expected_by, expected.expected_source) == (date(2026, 11, 6), "user")


def _request_and_reply() -> tuple[MessageRecord, MessageRecord]:
    """Mon 9 Nov: "could you send your salary expectations and two references by
    Thursday?"; Fri 13 Nov the user sends them, in the thread."""
    thursday = Commitment(CommitmentKind.USER_DEADLINE, "by Thursday", Strength.RELATIVE,
                          date(2026, 11, 12))  # fmt: skip
    asked = message_record("asked", START + timedelta(days=7), Label.REQUEST, JANE,
                           commitments=(thursday,))  # fmt: skip
    sent = replace(outbound(11, None), key="sent")
    return asked, sent


def test_your_answer_to_their_request_hands_the_turn_back_and_restarts_the_wait() -> None:
    asked, sent = _request_and_reply()
    interviewing = message_record("invite", START, Label.INTERVIEW, JANE)
    # the usual wait (five business days) counts from the user's answer: Fri 20 Nov, not
    # Mon 16 Nov from their request
    after = as_of(17, interviewing, asked, sent)
    assert (after.state, after.expected_by, after.expected_source) == (
        State.ACTIVE, date(2026, 11, 20), "default",
    )  # fmt: skip
    assert as_of(23, interviewing, asked, sent).state == State.OVERDUE
    # unanswered, it waits on the user
    assert as_of(17, interviewing, asked).state == State.WAITING_ON_YOU
    # a follow-up after that wait passed restarts the clock for a polite reply, as before
    chased = replace(outbound(21, None), key="chase")  # Mon 23 Nov
    again = as_of(24, interviewing, asked, sent, chased)
    assert (again.expected_by, again.expected_source) == (date(2026, 11, 26), "follow_up")


def test_your_mail_that_answers_no_request_does_not_move_their_date() -> None:
    # Mon 9 Nov, an interview update (no request); Wed 11 the user writes ("thanks!"): the
    # usual wait still counts from their mail, Mon 16 Nov
    update = message_record("update", START + timedelta(days=7), Label.INTERVIEW, JANE)
    thanks = replace(outbound(9, None), key="thanks")
    status = as_of(12, update, thanks)
    assert (status.expected_by, status.expected_source) == (date(2026, 11, 16), "default")


def test_an_offer_you_asked_more_time_for_still_waits_on_you_on_the_board() -> None:
    # their offer wants an answer by Mon 9th; the user asked for Fri 13th, not granted
    offer, theirs = _offer(date(2026, 11, 9))
    sent, _ = _your_word("could I have until Friday 13 November", date(2026, 11, 13))
    asked = replace(PROCESS, id=2, company="Initech")
    soon = message_record("soon", START, Label.ACKNOWLEDGEMENT, JANE,
                          commitments=(reply("by Friday", date(2026, 11, 6)),))  # fmt: skip
    rows = board(
        [(PROCESS, [soon]), (asked, [offer, sent])],
        datetime(2026, 11, 6, 9, 0, tzinfo=ZONE), TrackingConfig(), BusinessCalendar("GB"), ZONE,
    )  # fmt: skip
    # state offer (answered for now), but the answer is still the user's to give, by the 9th:
    # it sorts with what waits on the user, before a reply due from them
    assert [(s.process.id, s.state) for s in rows] == [(2, State.OFFER), (1, State.DUE_SOON)]
    assert (rows[0].on_you, rows[0].user_deadline, rows[1].on_you) == (True, theirs, False)
    # answered for good (a decision), nothing is on the user
    decided = as_of(6, offer, sent, outbound(3, Outcome.ACCEPTED))
    assert decided.on_you is False


def _your_reply(day: int, text: str) -> MessageRecord:
    """The user's mail in the thread on 2 Nov + `day`, read as extract reads it."""
    when = START + timedelta(days=day)
    read = extract_fields("Re: next steps", f"Hi Jane,\n\n{text}\n\nAlex", sent_at=when,
                          calendar=BusinessCalendar("GB"), direction="outbound")  # fmt: skip
    sent = message_record(f"you{day}", when, Label.NOT_RECRUITING, None, direction="outbound")
    return replace(sent, extraction=read)


def test_your_word_that_you_will_send_it_leaves_their_request_waiting_on_you() -> None:
    # Mon 9 Nov: "could you send your salary expectations and two references by Thursday?";
    # Wed 11 the user only says they will
    asked, _ = _request_and_reply()
    interviewing = message_record("invite", START, Label.INTERVIEW, JANE)
    for text in ("Thanks Jane, will do.", "Thanks, I'll send them over tomorrow.",
                 "Sure - I'll get those to you by Thursday."):  # fmt: skip
        promised = _your_reply(9, text)
        on_thursday = as_of(12, interviewing, asked, promised)
        assert (on_thursday.state, on_thursday.user_deadline) == (
            State.WAITING_ON_YOU, asked.extraction.commitments[0],
        ), text  # fmt: skip
        assert on_thursday.next_step.startswith("Send Jane Doe what you said you would"), text
        later = as_of(16, interviewing, asked, promised)  # nothing sent: the date has passed
        assert (later.state, later.deadline_passed) == (State.WAITING_ON_YOU, True), text
        # the mail that sends them answers it: their wait counts from it (Thu 12 + 5 days)
        sent = _your_reply(10, "My salary expectation is £70,000. Referees: Sam Lee, Kim Ode.")
        answered = as_of(16, interviewing, asked, promised, sent)
        assert (answered.state, answered.expected_by) == (State.ACTIVE, date(2026, 11, 19))


def test_a_reply_that_sends_it_or_asks_back_answers_their_request() -> None:
    asked, _ = _request_and_reply()
    interviewing = message_record("invite", START, Label.INTERVIEW, JANE)
    for text in ("Please find attached my references. My salary expectation is £70,000.",
                 "Happy to. Would a reference from my previous employer be fine?",
                 "Here they are. I'll call you on Friday to talk it through."):  # fmt: skip
        answered = as_of(12, interviewing, asked, _your_reply(9, text))
        assert (answered.state, answered.expected_by) == (State.ACTIVE, date(2026, 11, 18)), text


def test_your_top_posted_yes_to_the_time_they_offered_puts_the_interview_on_the_board(
    config: Config, pipeline: Pipeline
) -> None:
    # Tue 10 Nov they ask "Would Thursday 19 November at 14:00 work for you?"; the user
    # answers "Yes, that works for me." quoting nothing: the stored invitation says when
    invite = eml(
        sender="Jane Doe <jane@globex.example>",
        subject="[interview] Data Engineer - first interview",
        body="We'd like to invite you to a first interview with me. Would Thursday 19 "
        "November at 14:00 work for you?\n\nJane Doe\nTalent Partner, Globex",
        date=datetime(2026, 11, 10, 10, 0, tzinfo=ZONE),
        message_id="<inv@globex>",
    )
    yes = eml(
        sender=f"Alex Morgan <{ME}>",
        to="Jane Doe <jane@globex.example>",
        subject="Re: Data Engineer - first interview",
        body="Hi Jane,\n\nYes, that works for me.\n\nBest,\nAlex",
        date=datetime(2026, 11, 10, 15, 0, tzinfo=ZONE),
        message_id="<yes@example.net>",
        in_reply_to="<inv@globex>",
    )
    with Store(config.database_path) as store:
        raw = [RawMessage(invite, Origin(kind="eml", path="1.eml")),
               RawMessage(yes, Origin(kind="eml", path="2.eml"), sent=True)]  # fmt: skip
        ingest(store, raw, pipeline, datetime(2026, 11, 10, 16, 0, tzinfo=ZONE))
        (pid,) = [p.id for p in store.processes()]
        found = load_status(store, config, pid, datetime(2026, 11, 12, 9, 0, tzinfo=ZONE))
    assert (found.state, found.expected_source, found.next_meeting) == (
        State.ACTIVE, "meeting", INVITED_FOR,
    )  # fmt: skip


# Their ask to move a meeting: Jane's call is on Tue 17 Nov at 14:00 (the user took it on
# Mon 9 Nov); on Mon 16 Nov she asks to move it
CALL = datetime(2026, 11, 17, 14, 0, tzinfo=ZONE)
ASKED = datetime(2026, 11, 16, 9, 0, tzinfo=ZONE)


def _moving(ask: str, reply: str | None = None, now: datetime = ASKED + timedelta(hours=3)) -> (
    ProcessStatus
):  # fmt: skip
    """The status after the invitation, the user's yes to it, their `ask` and the user's
    `reply` to it (read as the pipeline reads a reply: with the ask it quotes)."""
    calendar = BusinessCalendar("GB")
    taken = Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT, CALL.date(), CALL)
    messages = [
        inbound(5, Label.INTERVIEW),
        message_record("took", START + timedelta(days=7), Label.NOT_RECRUITING, None,
                       direction="outbound", commitments=(taken,)),
        message_record("ask", ASKED, Label.INTERVIEW, JANE,
                       commitments=extract_fields("", ask, sent_at=ASKED,
                                                  calendar=calendar).commitments),
    ]  # fmt: skip
    if reply is not None:
        sent = ASKED + timedelta(hours=1)
        found = extract_fields("", reply, sent_at=sent, calendar=calendar, direction="outbound")
        settled = settled_by_yes(found, reply, f"> {ask}", sent_at=sent, calendar=calendar,
                                 direction="outbound")  # fmt: skip
        messages.append(message_record("reply", sent, Label.NOT_RECRUITING, None,
                                       direction="outbound", commitments=settled.commitments))  # fmt: skip
    return process_status(PROCESS, messages, now, TrackingConfig(), calendar, ZONE)


@pytest.mark.parametrize(
    "ask",
    [
        "Apologies - something has come up. Could we move our call to Wednesday 18 November at"
        " 15:00 instead?",
        "Sorry, Tuesday no longer works here. Would Wednesday 18 November at 15:00 work instead?",
        "Could we reschedule to Wednesday 18 November at 15:00?",
        "Would you mind if we moved our call to Wednesday 18 November at 15:00?",
        "Could we push Tuesday's call back to Wednesday 18 November at 15:00?",
    ],
)
def test_their_ask_to_move_the_meeting_keeps_it_and_the_answer_is_yours(ask: str) -> None:
    asked = _moving(ask)
    # the call stays where it is until the user agrees, marked; the answer is the user's
    assert (asked.next_meeting, asked.move_ask_meeting) == (CALL, CALL)
    assert asked.state == State.WAITING_ON_YOU and asked.on_you
    assert asked.move_ask is not None and asked.move_ask.phrase in ask
    assert asked.next_step == (
        f"Answer Jane Doe: they asked to move the meeting on Tue 17 Nov 14:00"
        f" (\u201c{asked.move_ask.phrase}\u201d); it stays until you agree."
    )
    calendar = to_ics([asked], ASKED)
    assert "DTSTART:20261117T140000Z" in calendar and "20261118T15" not in calendar
    assert "They asked to move it" in calendar
    # the user's yes moves it (the proposed slot is no meeting before it); their no or
    # another time keeps it, and the question is no longer the user's
    moved = _moving(ask, "Yes, that works for me.")
    assert moved.next_meeting == datetime(2026, 11, 18, 15, 0, tzinfo=ZONE)
    assert (moved.state, moved.move_ask) == (State.ACTIVE, None)
    for answer in (
        "Sorry, Wednesday doesn't work for me - could we keep Tuesday?",
        "Wednesday is tricky, I'm afraid. Could we do Thursday 19 November at 15:00?",
    ):
        kept = _moving(ask, answer)
        assert (kept.next_meeting, kept.state, kept.move_ask) == (CALL, State.ACTIVE, None)
        assert kept.next_step == "Prepare for the meeting on Tue 17 Nov 14:00."
    # unanswered until the call: once its time has passed there is nothing to answer
    late = _moving(ask, now=CALL + timedelta(hours=2))
    assert (late.state, late.move_ask) == (State.ACTIVE, None)


def test_a_yes_to_a_day_with_no_time_moves_the_meeting_to_that_day() -> None:
    # "Could we move the interview to Thursday instead?" "Thursday works for me.": a meeting
    # on Thursday whose time is not given yet (their ask took nothing off before it)
    ask = "Could we move the interview to Thursday instead?"
    assert _moving(ask).move_ask_meeting == CALL
    moved = _moving(ask, "Thursday works for me.")
    assert (moved.next_meeting, moved.next_meeting_day) == (None, date(2026, 11, 19))
    assert moved.next_step == (
        "Prepare for the meeting on Thu 19 Nov; they have not given its time yet."
    )


@pytest.mark.parametrize(
    "ask",
    [
        # another meeting, one said to stay, a change of form or place, a hedge
        "Could we move your onsite visit to Wednesday 18 November? Tuesday's call stays as it is.",
        "Would it be possible to move the technical test to Thursday 19 November? The interview"
        " on Tuesday stays as planned.",
        "Shall we move the conversation to WhatsApp? Tuesday at 14:00 still stands.",
        "Could we move the call to Microsoft Teams? Same day and time.",
        "Can we move quickly on this? We'll see you on Tuesday as planned.",
        "We could move the call to Wednesday 18 November at 15:00 if that suits you better, but"
        " Tuesday is fine for us.",
        # a day named with no meeting of theirs on it
        "Could we move the call from Thursday to Friday 20 November at 10:00?",
    ],
)
def test_a_move_asked_of_something_else_leaves_the_meeting_as_it_is(ask: str) -> None:
    asked = _moving(ask)
    assert (asked.next_meeting, asked.move_ask) == (CALL, None)
    assert asked.next_step == "Prepare for the meeting on Tue 17 Nov 14:00."
    # and a yes to it never takes the call off
    assert _moving(ask, "Yes, that works for me.").next_meeting_day == CALL.date()


def test_a_deadline_moved_is_a_request_and_the_meeting_stays() -> None:
    asked = _moving("Could we move the deadline for the take-home to Monday 23 November at 17:00?")
    assert (asked.next_meeting, asked.move_ask) == (CALL, None)
    assert asked.next_step == "Reply to Jane Doe: they asked you for something by Mon 23 Nov."


def test_a_move_asked_within_the_day_or_with_tuesday_kept_as_a_fallback_keeps_it_marked() -> None:
    for ask in (
        "Could we move our call half an hour earlier, to 13:30 on Tuesday?",
        "Could we move the call to Wednesday 18 November at 15:00? If that doesn't work,"
        " Tuesday is still fine.",
    ):
        asked = _moving(ask)
        assert (asked.next_meeting, asked.move_ask_meeting, asked.state) == (
            CALL, CALL, State.WAITING_ON_YOU,
        )  # fmt: skip
    earlier = _moving("Could we move our call half an hour earlier, to 13:30 on Tuesday?",
                      "Yes, 13:30 works for me.")  # fmt: skip
    assert earlier.next_meeting == CALL - timedelta(minutes=30)


# Two agencies pitch the same role; the user merges the pitches into one process and says
# no to one agency only (user audit 3, A13)
PRIYA = Address("Priya Shah", "priya@harbourpeople.example")
DAN = Address("Dan Webb", "dan@ferrisagency.example")
HARBOUR_PITCH = message_record("p1", START, Label.OUTREACH, PRIYA, recipients=(ME,))
FERRIS_PITCH = message_record("d1", START + timedelta(days=1), Label.OUTREACH, DAN)


def _pass_to(who: Address, text: str, day: int = 1) -> MessageRecord:
    """The user's answer to `who`'s pitch, sent on 2 Nov + `day` at 15:00, read as stored."""
    sent = START + timedelta(days=day, hours=5)
    extraction = extract_fields("Re: Senior Analyst", f"Hi,\n\n{text}\n\nAlex", sent_at=sent,
                                calendar=BusinessCalendar("GB"), direction="outbound")  # fmt: skip
    mail = message_record(f"pass{day}", sent, Label.NOT_RECRUITING, None, direction="outbound",
                          recipients=(who,))  # fmt: skip
    return replace(mail, extraction=extraction)


def test_your_no_to_one_agency_s_pitch_ends_only_its_chain_when_the_other_goes_on() -> None:
    passed = _pass_to(DAN, "Another agency has already put me forward for it, so I'll pass.")
    assert passed.extraction.decision == Outcome.WITHDRAWN
    pitches = (HARBOUR_PITCH, FERRIS_PITCH, passed)
    # until the other chain writes, the no closes it
    assert status(PROCESS, *pitches)[2] == Outcome.WITHDRAWN
    # Priya's news (an unsure label too) and then her invitation: it goes on from where it was
    news = message_record("p2", START + timedelta(days=2), Label.OUTREACH, PRIYA)
    unsure = replace(news, needs_review=True)
    going_on = status(PROCESS, *pitches, unsure)
    assert (going_on[0], going_on[2]) == (Stage.OUTREACH, None) and going_on[1] != State.CLOSED
    invited = message_record("p3", START + timedelta(days=3), Label.INTERVIEW, PRIYA)
    invited_status = status(PROCESS, *pitches, unsure, invited)
    assert (invited_status[0], invited_status[2]) == (Stage.INTERVIEWING, None)
    assert invited_status[1] != State.CLOSED
    offer = message_record("p4", START + timedelta(days=4), Label.OFFER, PRIYA)
    assert status(PROCESS, *pitches, invited, offer)[:2] == (Stage.OFFER, State.WAITING_ON_YOU)
    # and a later decision of the user's ends it again
    declined = replace(outbound(5, Outcome.DECLINED), recipients=(PRIYA,))
    assert status(PROCESS, *pitches, invited, offer, declined)[2] == Outcome.DECLINED


def test_your_no_stands_against_mail_of_the_same_chain_a_portal_or_no_news() -> None:
    passed = _pass_to(DAN, "Another agency has already put me forward for it, so I'll pass.")
    pitches = (HARBOUR_PITCH, FERRIS_PITCH, passed)
    later = START + timedelta(days=3)
    colleague = Address("Sam Webb", "sam@ferrisagency.example")  # Dan's agency
    portal = Address("Globex Careers", "no-reply@globex.example")
    for sender, label in (
        (DAN, Label.INTERVIEW),
        (colleague, Label.INTERVIEW),
        (portal, Label.INTERVIEW),  # an automated invitation
        (PRIYA, Label.NOT_RECRUITING),  # "sorry to hear that"
        (PRIYA, Label.ACKNOWLEDGEMENT),
        (PRIYA, Label.REJECTION),
    ):
        after = message_record("x", later, label, sender)
        assert status(PROCESS, *pitches, after)[1] == State.CLOSED, (sender, label)
    # a no written to both agencies ends both
    both = replace(passed, recipients=(DAN, PRIYA))
    invited = message_record("p3", later, Label.INTERVIEW, PRIYA)
    assert status(PROCESS, HARBOUR_PITCH, FERRIS_PITCH, both, invited)[2] == Outcome.WITHDRAWN
    # a withdrawal after an interview ends the whole process, whoever writes after it
    interview = message_record("i1", START + timedelta(days=2), Label.INTERVIEW, DAN)
    withdrawn = _pass_to(DAN, "I'd like to withdraw my application.", day=2)
    assert withdrawn.extraction.decision == Outcome.WITHDRAWN
    assert status(PROCESS, HARBOUR_PITCH, interview, withdrawn, invited)[2] == Outcome.WITHDRAWN


def test_your_own_date_for_sending_what_they_asked_is_the_date_you_owe_it_by() -> None:
    # Mon 9 Nov Jane asks for documents and gives no date; Tue 10 the user: "by Friday"
    raj = message_record("asked", START + timedelta(days=7), Label.REQUEST, JANE)
    interviewing = message_record("invite", START, Label.INTERVIEW, JANE)
    promised = _your_reply(
        8, "Thanks - I'll send my passport scan and two referees over by Friday."
    )
    friday = date(2026, 11, 13)
    on_thursday = as_of(12, interviewing, raj, promised)
    deadline = on_thursday.user_deadline
    assert deadline is not None and deadline.due == friday and on_thursday.own_date
    assert (on_thursday.state, on_thursday.deadline_passed) == (State.WAITING_ON_YOU, False)
    assert (
        on_thursday.next_step
        == "Send Jane Doe what they asked for by Fri 13 Nov, the date you gave."
    )
    assert "you 2026-11-13" in board_table([on_thursday], ZONE)
    assert "You said you would send what they asked for by this date" in to_ics(
        [on_thursday], datetime(2026, 11, 12, 9, 0, tzinfo=ZONE)
    ).replace("\r\n ", "")
    # past it, the user is late: counted and said
    monday = as_of(17, interviewing, raj, promised)
    assert (monday.state, monday.deadline_passed, monday.days_past_deadline) == (
        State.WAITING_ON_YOU, True, 2,
    )  # fmt: skip
    assert monday.next_step == (
        "Send Jane Doe what they asked for: the date you gave, Fri 13 Nov, has passed;"
        " send it today, or tell them when you will."
    )
    # the mail that sends them answers it
    sent = _your_reply(9, "Attached are my passport scan and my referees' details.")
    assert as_of(17, interviewing, raj, promised, sent).state != State.WAITING_ON_YOU


def test_their_earlier_date_stands_against_your_later_one_and_a_promise_of_no_date_is_none() -> (
    None
):
    thursday = Commitment(CommitmentKind.USER_DEADLINE, "by Thursday", Strength.RELATIVE,
                          date(2026, 11, 12))  # fmt: skip
    asked = message_record("asked", START + timedelta(days=7), Label.REQUEST, JANE,
                           commitments=(thursday,))  # fmt: skip
    interviewing = message_record("invite", START, Label.INTERVIEW, JANE)
    later = as_of(11, interviewing, asked, _your_reply(8, "Sure, I'll send them over by Friday."))
    assert (later.user_deadline, later.own_date) == (thursday, False)
    assert later.next_step.endswith("they asked for it by Thu 12 Nov.")
    # no date of the user's and none of theirs: none
    plain = as_of(11, interviewing, replace(asked, extraction=Extraction()),
                  _your_reply(8, "Thanks Jane, will do."))  # fmt: skip
    assert (plain.state, plain.user_deadline) == (State.WAITING_ON_YOU, None)
    # an offer's answer-by date stays until the user decides
    friday = Commitment(CommitmentKind.USER_DEADLINE, "let us know by Friday 20 November",
                        Strength.EXPLICIT, date(2026, 11, 20))  # fmt: skip
    offer = message_record("offer", START + timedelta(days=7), Label.OFFER, JANE,
                           commitments=(friday,))  # fmt: skip
    forms = as_of(11, interviewing, offer, _your_reply(8, "I'll send the forms over by Monday."))
    assert (forms.user_deadline, forms.own_date) == (friday, False)


# An assessment platform and a company's ATS address: automated, no one reads a reply
QUIZLY = Address("Quizly", "no-reply@quizly.example")
CAREERS = Address("Globex Careers", "globex@ats-tenant.example")


def _deadline(phrase: str, due: date) -> Commitment:
    return Commitment(CommitmentKind.USER_DEADLINE, phrase, Strength.EXPLICIT, due)


def _automated(key: str, day: int, label: Label, sender: Address, subject: str,
               *commitments: Commitment) -> MessageRecord:  # fmt: skip
    return message_record(key, START + timedelta(days=day), label, sender, subject=subject,
                          commitments=commitments, role=SenderRole.AUTOMATED)  # fmt: skip


FRIDAY_13 = date(2026, 11, 13)
TEST_INVITE = _automated(
    "invite", 7, Label.INTERVIEW, QUIZLY, "Globex invites you to take an online test",
    _deadline("Please finish the test by Friday 13 November", FRIDAY_13),
)  # fmt: skip


def test_a_request_from_an_automated_sender_says_what_to_do_and_never_to_reply() -> None:
    # Mon 9 Nov the platform's invitation to Globex's test, by Fri 13 Nov: replying to the
    # platform's no-reply is not the step, taking the test is
    invited = as_of(10, TEST_INVITE)
    assert invited.state == State.WAITING_ON_YOU
    assert invited.next_step == (
        "Complete the online test for Globex by Fri 13 Nov, using the link in the mail of"
        " Mon 09 Nov (Quizly writes from an automated address: a reply reaches no one)."
    )
    assert as_of(17, TEST_INVITE).next_step.endswith(
        "; that date has passed: try today, the link may still work."
    )
    # the company's own ATS address names its video interview; the company is not said twice
    video = _automated(
        "video", 7, Label.INTERVIEW, CAREERS, "Invitation: Video interview for Data Engineer",
        _deadline("Please complete your interview by Nov 13th", FRIDAY_13),
    )  # fmt: skip
    assert as_of(10, video).next_step.startswith(
        "Complete the video interview by Fri 13 Nov, using the link in the mail of Mon 09 Nov"
    )
    # a subject naming its tests in the plural (audit 6: "Your Marlow & Finch LLP online tests")
    tests = _automated(
        "tests", 7, Label.REQUEST, Address("SHL Assessments", "noreply@shl.com"),
        "Your Globex online tests", _deadline("Your link will expire on 13/11/2026", FRIDAY_13),
    )  # fmt: skip
    assert as_of(10, tests).next_step.startswith(
        "Complete the online tests for Globex by Fri 13 Nov, using the link in the mail of"
    )
    # news behind a login, read as a request: to be read on their site
    updated = _automated("upd", 7, Label.REQUEST, CAREERS, "Your application has been updated")
    assert as_of(10, updated).next_step == (
        "Sign in to their site to see what changed: the mail of Mon 09 Nov says only that"
        " something did (Globex Careers writes from an automated address: a reply reaches"
        " no one)."
    )
    # anything else asked, and a role's name that is no task ("QA Test Engineer")
    for subject in ("Action required: your application", "Your QA Test Engineer application"):
        asked = _automated("ask", 7, Label.REQUEST, CAREERS, subject)
        assert as_of(10, asked).next_step == (
            "Do what Globex Careers asked, on their site or using the link in the mail of"
            " Mon 09 Nov (Globex Careers writes from an automated address: a reply reaches"
            " no one)."
        )
    # a person to write to, in the sender or the Reply-To: replying is the step
    holm = Address("Jane Holm", "jane.holm@globex.example")
    relayed = replace(TEST_INVITE, reply_to=(holm,))
    assert as_of(10, relayed).next_step == (
        "Reply to Jane Holm: they asked you for something by Fri 13 Nov."
    )
    by_jane = replace(TEST_INVITE, sender=JANE, extraction=replace(
        TEST_INVITE.extraction, sender_role=SenderRole.INHOUSE_RECRUITER))  # fmt: skip
    assert as_of(10, by_jane).next_step.startswith("Reply to Jane Doe:")


def test_the_request_waiting_names_its_own_sender_and_day_not_a_later_mail_s() -> None:
    # their request, then the platform's reminder read unsure: the request is the invitation
    reminder = replace(
        _automated("rem", 9, Label.NOT_RECRUITING, Address("Quizly", "reminders@quizly.example"),
                   "Reminder: your Globex test expires soon"),
        needs_review=True,
    )  # fmt: skip
    waiting = as_of(12, TEST_INVITE, reminder)
    assert (waiting.state, waiting.request_from, waiting.request_at) == (
        State.WAITING_ON_YOU, QUIZLY, TEST_INVITE.date,
    )  # fmt: skip
    assert "in the mail of Mon 09 Nov" in waiting.next_step
    # a person's reply-to: the one to answer, whoever wrote since
    asked = message_record("asked", START + timedelta(days=7), Label.REQUEST, JANE)
    assert (
        as_of(12, asked, reminder).next_step == "Reply to Jane Doe: they asked you for something."
    )
    assert as_of(12, asked).request_from == JANE
    # nothing waits on the user: no request is named
    assert as_of(12, inbound(7, Label.INTERVIEW)).request_from is None


def test_a_platform_s_word_that_the_task_is_done_answers_the_request_however_unsure() -> None:
    # Tue 10 Nov the platform: "Your Globex test has been submitted", read unsure (review);
    # the user did what was asked: the wait is theirs, and the test's date is gone
    def notice(subject: str) -> MessageRecord:
        sent = _automated("done", 8, Label.ACKNOWLEDGEMENT, QUIZLY, subject)
        return replace(sent, needs_review=True, confidence=0.48)

    for subject in (
        "Your Globex test has been submitted",
        "Your assessment for Globex has been submitted",
        "Thank you for completing your video interview with Globex",
    ):
        done = as_of(12, TEST_INVITE, notice(subject))
        assert (done.state, done.user_deadline, done.expected_source) == (
            State.ACTIVE, None, "default",
        ), subject  # fmt: skip
        assert not as_of(17, TEST_INVITE, notice(subject)).on_you
    # not done: a reminder, an application's receipt; nor a request for no task (documents)
    for subject in (
        "Reminder: your Globex test has not been submitted",
        "Please complete your test",
        "Thank you for completing your application",
    ):
        still = as_of(12, TEST_INVITE, notice(subject))
        assert (still.state, still.user_deadline) == (
            State.WAITING_ON_YOU,
            TEST_INVITE.extraction.commitments[0],
        ), subject
    documents = _automated("docs", 7, Label.REQUEST, CAREERS, "Documents needed",
                           _deadline("Please upload them by Friday 13 November", FRIDAY_13))  # fmt: skip
    later = as_of(12, documents, notice("Your Globex test has been submitted"))
    assert later.state == State.WAITING_ON_YOU


def _after_interview(label: Label, text: str, subject: str = "Next steps") -> MessageRecord:
    """Their mail of Mon 2 Nov, read as `label`, that begins with `text` (as stored: its
    snippet)."""
    mail = message_record("after", START, label, JANE, subject=subject)
    return replace(mail, snippet=f"Hi Alex,\n\n{text}")


def test_their_thanks_for_an_interview_held_puts_the_process_at_the_interview_stage() -> None:
    # (user audit 3, A6): the company's first mail in the process thanks the user for the
    # interview; read as a delay (or a receipt, a request) it left it at 'applied', waiting
    # the 10 business days of an application instead of the 5 after an interview
    for label, text in (
        (Label.DELAY, "Thanks for taking the time for the technical interview yesterday -"
                      " we're finishing the remaining interviews and will be in touch."),
        (Label.DELAY, "Thank you again for meeting us last Thursday for the first interview."
                      " The panel meets this week and we will get back to you next week."),
        (Label.ACKNOWLEDGEMENT, "Thank you for interviewing with us. We have received your"
                                " expenses form."),
        (Label.REQUEST, "Following your interview with Sam, could you send two references?"),
    ):  # fmt: skip
        held = as_of(3, _after_interview(label, text))
        assert held.stage == Stage.INTERVIEWING, text
        if label != Label.REQUEST:  # (a request waits on the user)
            assert held.expected_by == date(2026, 11, 9), text
    # an interview still to come, booked or confirmed, is not one held
    for label, text in (
        (Label.DELAY, "Thanks for speaking with me today - I'd like to set up an interview"
                      " with the team, but the hiring manager is away until next week."),
        (Label.ACKNOWLEDGEMENT, "Thank you for confirming your interview on Thursday."),
        (Label.REQUEST, "Thanks for taking the time to book your interview. Could you send"
                        " your passport before then?"),
        (Label.NOT_RECRUITING, "Thank you for attending the interview. Our newsletter ..."),
    ):  # fmt: skip
        applied = as_of(3, _after_interview(label, text))
        assert applied.stage in (Stage.APPLIED, Stage.ACKNOWLEDGED), text
    # a process already further on (an offer), or closed, stays where it is
    offer = message_record("offer", START - timedelta(days=1), Label.OFFER, JANE)
    thanks = "Thank you for interviewing with us; we are still preparing the paperwork."
    assert as_of(3, offer, _after_interview(Label.DELAY, thanks)).stage == Stage.OFFER
    rejected = message_record("no", START - timedelta(days=1), Label.REJECTION, JANE)
    assert as_of(3, rejected, _after_interview(Label.DELAY, thanks)).state == State.CLOSED


def test_their_mail_after_you_closed_a_process_is_shown_with_a_step_to_reopen_it() -> None:
    # (user audit 3, A12): the user closed it as withdrawn on Mon 9 Nov without telling
    # them; on Wed 11 Jane invites them to a second interview
    closed = replace(PROCESS, outcome_user=Outcome.WITHDRAWN)
    closed_at = datetime(2026, 11, 9, 18, 0, tzinfo=ZONE)
    first = message_record("i1", START, Label.INTERVIEW, JANE)
    second = message_record("i2", START + timedelta(days=9), Label.INTERVIEW, JANE)

    def closed_status(*messages: MessageRecord, when: datetime | None = closed_at,
                      process: ProcessRecord = closed) -> ProcessStatus:  # fmt: skip
        return process_status(process, messages, NOW, TrackingConfig(), BusinessCalendar("GB"),
                              ZONE, closed_at=when)  # fmt: skip

    later = closed_status(first, second)
    assert (later.state, later.outcome) == (State.CLOSED, Outcome.WITHDRAWN)
    assert (later.after_close_at, later.after_close_from) == (second.date, JANE)
    assert later.next_step == (
        "You closed it, but Jane Doe wrote since (Wed 11 Nov): read it, and if it goes on,"
        " reopen it (inbox-monitor close 1 --reopen)."
    )
    # the board passes the close's time by process
    (row,) = board([(closed, [first, second])], NOW, TrackingConfig(), BusinessCalendar("GB"),
                   ZONE, closed_at={1: closed_at})  # fmt: skip
    assert row.after_close_at == second.date
    # mail dated before the close but stored after it was not seen when it was made
    late = replace(message_record("d1", closed_at - timedelta(hours=2), Label.DELAY, JANE),
                   stored_at=closed_at + timedelta(hours=1))  # fmt: skip
    assert closed_status(first, late).after_close_at == late.date
    # nothing since the close, only their rejection, receipt, noise or away notice, a close
    # of unknown time, or one as accepted (the new job's mail follows): nothing to show
    away = replace(second, extraction=Extraction(away=True))
    for messages, when, process in (
        ((first,), closed_at, closed),
        ((first, message_record("r", second.date, Label.REJECTION, JANE)), closed_at, closed),
        ((first, message_record("a", second.date, Label.ACKNOWLEDGEMENT, JANE)), closed_at,
         closed),
        ((first, message_record("n", second.date, Label.NOT_RECRUITING, JANE)), closed_at,
         closed),
        ((first, away), closed_at, closed),
        ((first, second), None, closed),
        ((first, second), closed_at, replace(PROCESS, outcome_user=Outcome.ACCEPTED)),
    ):  # fmt: skip
        quiet = closed_status(*messages, when=when, process=process)
        assert (quiet.after_close_at, quiet.next_step) == (None, "Nothing to do: closed."), (
            messages, when, process,
        )  # fmt: skip
    # nor on a board of a day before their mail came
    before = process_status(closed, [first, second], START + timedelta(days=8), TrackingConfig(),
                            BusinessCalendar("GB"), ZONE, closed_at=closed_at)  # fmt: skip
    assert before.after_close_at is None


def test_a_task_they_ask_after_the_user_accepted_is_the_jobs_next_step() -> None:
    # verify 15 N1: the user accepted on Mon 9 Nov; on Tue 10 Nov the employer's screening
    # vendor asks her to complete a background check's form by Fri 13 Nov. The process is
    # closed as accepted, and the task must still be seen until it is done or its date passes
    accepted = replace(PROCESS, outcome_user=Outcome.ACCEPTED)
    accepted_at = datetime(2026, 11, 9, 18, 0, tzinfo=ZONE)
    vendor = Address("Sterling", "noreply@sterlingcheck.example")
    offer = message_record("o", START, Label.OFFER, JANE)
    form = Commitment(
        CommitmentKind.USER_DEADLINE, "complete your information by Friday 13 November",
        Strength.EXPLICIT, due=date(2026, 11, 13),
    )  # fmt: skip
    ask = message_record("bk", START + timedelta(days=8), Label.REQUEST, vendor,
                         commitments=(form,))  # fmt: skip

    def as_of(when: datetime, *messages: MessageRecord) -> ProcessStatus:
        return process_status(accepted, messages, when, TrackingConfig(), BusinessCalendar("GB"),
                              ZONE, closed_at=accepted_at)  # fmt: skip

    due = as_of(NOW, offer, ask)  # Thu 12 Nov
    assert (due.state, due.outcome, due.accepted_task) == (State.CLOSED, Outcome.ACCEPTED, form)
    assert due.after_close_at == ask.date
    assert due.next_step == (
        "You accepted it; Sterling has since asked you for something by Fri 13 Nov"
        " (\u201ccomplete your information by Friday 13 November\u201d): do it."
    )
    # done (their receipt since), or its date gone: nothing to do, as for any accepted job
    done = message_record("bk2", NOW - timedelta(hours=1), Label.ACKNOWLEDGEMENT, vendor)
    for later in (as_of(NOW, offer, ask, done), as_of(NOW + timedelta(days=2), offer, ask)):
        assert (later.accepted_task, later.after_close_at) == (None, None)
        assert later.next_step == "Nothing to do: closed."
    # asked before the acceptance: the offer's own business, not the job's next step
    early = replace(ask, date=accepted_at - timedelta(hours=1))
    assert as_of(NOW, offer, early).accepted_task is None
    # accepted by the user's own mail, not by `close`: the same
    yes = replace(
        message_record(
            "yes", accepted_at, Label.NOT_RECRUITING, Address("", ME), direction="outbound"
        ),
        extraction=Extraction(decision=Outcome.ACCEPTED, decision_phrase="I'm delighted to accept"),
    )
    by_mail = process_status(PROCESS, [offer, yes, ask], NOW, TrackingConfig(),
                             BusinessCalendar("GB"), ZONE)  # fmt: skip
    assert (by_mail.outcome, by_mail.accepted_task) == (Outcome.ACCEPTED, form)


def test_their_own_word_that_they_are_away_holds_the_clock_and_is_their_word() -> None:
    # Mon 2 Nov their interview; Mon 16 Nov the user's follow-up; Tue 17 Nov Jane answers
    # "Thanks - we're still deciding. I am out of the office from 18 November and back on
    # Monday 30 November": their word (the last one), and the reply waits until she is back
    calendar, tracking = BusinessCalendar("GB"), TrackingConfig()
    interview = inbound(0, Label.INTERVIEW)
    chase = replace(inbound(14, Label.REQUEST), key="chase", direction="outbound", sender=None)
    back = Commitment(CommitmentKind.AWAY, "out of the office ... back on Monday 30 November",
                      Strength.EXPLICIT, date(2026, 11, 30))  # fmt: skip
    note = replace(inbound(15, Label.DELAY), key="note", extraction=Extraction((back,)))
    now = datetime(2026, 11, 25, 9, 0, tzinfo=ZONE)
    status = process_status(PROCESS, [interview, chase, note], now, tracking, calendar, ZONE)
    assert (status.state, status.expected_by, status.expected_source) == (
        State.ACTIVE, date(2026, 12, 3), "away",
    )  # fmt: skip
    assert status.last_inbound_at == note.date and status.last_label == Label.DELAY
    # without the note's date: their delay is the last word, and the usual wait holds
    plain = replace(note, extraction=Extraction())
    assert process_status(PROCESS, [interview, chase, plain], now, tracking, calendar,
                          ZONE).expected_source != "away"  # fmt: skip
