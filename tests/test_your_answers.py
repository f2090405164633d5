"""The user's answers read from their own mail: a no said as a decision, a no that goes on
to another role, and a plain yes to the one time offered when only the subject names the
meeting (verification round 8: R8, R9, R10); a no that asks for another time, and a
decision with its reason, its doubt or a question after it (verification round 9: N2-N5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import ME, eml, message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import (
    agreed_slot,
    extract_fields,
    extract_message,
    plain_decision,
    user_decision,
)
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Label,
    MessageRecord,
    Outcome,
    ProcessRecord,
    Stage,
    Strength,
)
from inbox_monitor.parse import parse_message
from inbox_monitor.track import ProcessStatus, process_status

GB = BusinessCalendar("GB")
ZONE = ZoneInfo("Europe/London")
OFFER_SUBJECT = "Re: Offer - Data Engineer"
ROLE_SUBJECT = "Re: Data Engineer - Northwind"


@pytest.mark.parametrize(
    ("text", "subject", "decision", "plain"),
    [
        # with nothing named: as plain as "I'll pass" (track.py decides what it ends)
        ("Many thanks for the offer; having slept on it, I've decided to decline.",
         OFFER_SUBJECT, Outcome.DECLINED, True),
        ("Sadly I must decline.", OFFER_SUBJECT, Outcome.DECLINED, True),
        ("I have decided not to accept.", OFFER_SUBJECT, Outcome.DECLINED, True),
        ("I'm going to have to decline this one, I'm afraid.", ROLE_SUBJECT,
         Outcome.WITHDRAWN, True),
        # naming the interview or the role: no plain no
        ("Sorry, I'll have to pass on the interview - I'm staying in my current job.",
         ROLE_SUBJECT, Outcome.WITHDRAWN, False),
        ("After some thought I've decided to decline the role.", ROLE_SUBJECT,
         Outcome.WITHDRAWN, False),
        # another employer's offer taken is a withdrawal from this one
        ("I've decided to accept the other offer.", ROLE_SUBJECT, Outcome.WITHDRAWN, False),
        # something else declined, a test to pass, a day, a doubt, a condition, a way
        ("I must decline the lunch invitation, but Thursday at 10:00 is fine.", ROLE_SUBJECT,
         None, None),
        ("I'll have to decline the relocation package but the rest looks great.",
         OFFER_SUBJECT, None, None),
        ("I decided to decline the other offer, so I'm all yours.", OFFER_SUBJECT, None, None),
        ("I decided to decline the other offer, so I'm all yours.", ROLE_SUBJECT, None, None),
        ("I've decided to decline the counter offer from my employer.", OFFER_SUBJECT, None,
         None),
        ("I have to pass the interview before they make an offer.", ROLE_SUBJECT, None, None),
        ("I'll have to pass on Thursday - could we do Friday?", ROLE_SUBJECT, None, None),
        ("I must pass on my thanks to the panel.", ROLE_SUBJECT, None, None),
        ("If I have to decline, I'll tell you by Friday.", OFFER_SUBJECT, None, None),
        ("I might have to decline.", OFFER_SUBJECT, None, None),
        ("I'll have to decline, unless the base goes up.", OFFER_SUBJECT, None, None),
        ("I must decline - I'd prefer to come in person.", ROLE_SUBJECT, None, None),
    ],
)  # fmt: skip
def test_a_no_said_as_a_decision_is_yours(
    text: str, subject: str, decision: Outcome | None, plain: bool | None
) -> None:
    found = user_decision(text, subject)
    assert (found[0] if found else None) == decision
    assert (plain_decision(found[1]) if found else None) == plain


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        # a no that goes straight on with "but" to a yes to a role, or one taken back
        ("I'll pass on the contract one, thanks, but please put me forward for Northwind.",
         None),
        ("Thanks, I'll pass on that contract role, but do keep me posted on Northwind.", None),
        ("I'm not interested in the other role, but very keen on Northwind.", None),
        ("I'm not interested, I'm really interested!", None),
        ("Not for me, thanks. But please put me forward for the permanent role.", None),
        # real noes: another reason, or a wish for other roles later
        ("I'll pass on this one - I'm staying where I am.", Outcome.WITHDRAWN),
        ("Not for me, thanks.", Outcome.WITHDRAWN),
        ("I'll pass, but please keep me in mind for future roles.", Outcome.WITHDRAWN),
        ("I'll pass on this one, but do keep me posted on other roles.", Outcome.WITHDRAWN),
        ("I'm not interested, I'm only interested in permanent roles.", Outcome.WITHDRAWN),
        ("Thanks, but I'll pass - I'm very happy where I am.", Outcome.WITHDRAWN),
        ("Not for me, thanks - I'm really keen on staying in Leeds.", Outcome.WITHDRAWN),
    ],
)  # fmt: skip
def test_a_no_that_goes_on_to_another_role_is_no_decision(
    text: str, decision: Outcome | None
) -> None:
    found = user_decision(text, ROLE_SUBJECT)
    assert (found[0] if found else None) == decision
    # in a mail about an offer the same reading holds, as a decline
    found = user_decision(text, OFFER_SUBJECT)
    assert (found[0] if found else None) == (decision and Outcome.DECLINED)


def test_a_no_with_another_offer_taken_withdraws_you_whatever_follows() -> None:
    text = "I'll pass on this one - I've accepted another offer, but do keep me posted on Acme."
    found = user_decision(text, ROLE_SUBJECT)
    assert found is not None and found[0] == Outcome.WITHDRAWN


PROCESS = ProcessRecord(1, "Northwind", "Data Engineer", None, datetime(2026, 11, 2, tzinfo=ZONE))
JANE = Address("Jane Doe", "jane@northwind.example")
MEETING_AT = datetime(2026, 11, 19, 14, 0, tzinfo=ZONE)
INVITATION = message_record(
    "inv", datetime(2026, 11, 10, 10, 0, tzinfo=ZONE), Label.INTERVIEW, JANE,
    commitments=(Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT,
                            MEETING_AT.date(), MEETING_AT),),
)  # fmt: skip
OFFER = message_record("offer", datetime(2026, 11, 9, 10, 0, tzinfo=ZONE), Label.OFFER, JANE)
PITCH = message_record("pitch", datetime(2026, 11, 9, 10, 0, tzinfo=ZONE), Label.OUTREACH, JANE)


def answered(their: MessageRecord, text: str, subject: str) -> ProcessStatus:
    """The process on 12 Nov after their mail `their` and the user's `text` in reply."""
    sent = datetime(2026, 11, 10, 15, 0, tzinfo=ZONE)
    extraction = extract_fields(subject, text, sent_at=sent, calendar=GB, direction="outbound")
    reply = message_record("reply", sent, Label.NOT_RECRUITING, None, direction="outbound")
    reply = replace(reply, extraction=extraction)
    now = datetime(2026, 11, 12, 9, 0, tzinfo=ZONE)
    return process_status(PROCESS, [their, reply], now, TrackingConfig(), GB, ZONE)


def test_a_no_said_as_a_decision_ends_the_process_where_it_should() -> None:
    # after an offer, a bare decided no declines it
    declined = answered(OFFER, "Thanks for the offer, but I've decided to decline.", OFFER_SUBJECT)
    assert (declined.stage, declined.outcome) == (Stage.CLOSED, Outcome.DECLINED)
    # after an invitation, a no to the interview ends the process ...
    withdrawn = answered(
        INVITATION, "I'll have to pass on the interview - I'm staying put.", ROLE_SUBJECT
    )
    assert (withdrawn.stage, withdrawn.outcome) == (Stage.CLOSED, Outcome.WITHDRAWN)
    # ... a bare one most likely turns down a lunch or a coffee: the meeting stays
    kept = answered(INVITATION, "Unfortunately I must decline.", ROLE_SUBJECT)
    assert (kept.stage, kept.outcome, kept.next_meeting) == (Stage.INTERVIEWING, None, MEETING_AT)
    # a pitch answered with a no to its other role and a yes to this one stays open
    going_on = answered(
        PITCH, "I'll pass on the contract one, but please put me forward for Northwind.",
        ROLE_SUBJECT,
    )  # fmt: skip
    assert (going_on.stage, going_on.outcome) == (Stage.OUTREACH, None)


SUBJECT = "Data Engineer - first interview"
OFFERED = (
    "Thanks for applying for the Data Engineer role. "
    "Would Thursday 26 November at 14:00 work for you?"
)
ASKED_ON = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def your_reply(
    reply: str, theirs: str, subject: str = SUBJECT
) -> list[tuple[date | None, datetime | None]]:
    """The meetings in the user's `reply` to their mail `theirs`, as extract_message reads it
    (the reply's subject is theirs with "Re:")."""
    quoted = "\n".join(f"> {line}" for line in f"Hi Alex,\n\n{theirs}\n\nJane".splitlines())
    body = f"{reply}\n\nAlex\n\nOn Mon, 23 Nov 2026 at 10:02, Jane Doe wrote:\n{quoted}\n"
    raw = eml(
        sender=f"Alex Morgan <{ME}>",
        subject=f"Re: {subject}",
        body=body,
        date=ASKED_ON,
        message_id="<r@example.net>",
        to="Jane Doe <jane@northwind.example>",
    )
    message = parse_message(raw, own_addresses=frozenset({ME}), received_at=ASKED_ON)
    assert message.direction == "outbound"
    found = extract_message(message, GB).commitments
    return [(c.due, c.at) for c in found if c.kind == CommitmentKind.MEETING]


THURSDAY_AT_TWO = [(date(2026, 11, 26), datetime(2026, 11, 26, 14, 0, tzinfo=UTC))]
TWO_TIMES = "Would Thursday 26 November at 14:00 or Friday 27 November at 10:00 work for you?"


@pytest.mark.parametrize("reply", ["Yes, that works for me.", "Perfect, I'll be there."])
def test_a_yes_to_one_time_offered_under_a_subject_naming_the_meeting_is_that_meeting(
    reply: str,
) -> None:
    assert your_reply(reply, OFFERED) == THURSDAY_AT_TWO
    # a meeting named in their mail reads the same, as before
    named = "We'd like to invite you to a first interview. " + OFFERED
    assert your_reply(reply, named, subject="Data Engineer") == THURSDAY_AT_TWO
    # ... where the yes may pick one of two times
    named = "We'd like to invite you to a first interview. " + TWO_TIMES
    assert your_reply("Thursday works for me.", named, "Data Engineer") == THURSDAY_AT_TWO


@pytest.mark.parametrize(
    ("reply", "theirs", "subject"),
    [
        # no meeting named anywhere
        ("Yes, that works for me.", OFFERED, "Data Engineer"),
        # two times, the meeting named only in the subject: not even the one the yes names
        ("Yes, that works for me.", TWO_TIMES, SUBJECT),
        ("Thursday works for me.", TWO_TIMES, SUBJECT),
        # a deadline, not a time offered
        ("Yes, of course.", "Could you send the form back by Thursday 26 November at 14:00?",
         SUBJECT),
        # a day with no time
        ("Yes, that works for me.", "Would Thursday work for you?", SUBJECT),
        # a yes that turns the time down
        ("I'll be there, but could we start at 15:00?", OFFERED, SUBJECT),
    ],
)  # fmt: skip
def test_no_meeting_from_the_subject_without_one_time_offered(
    reply: str, theirs: str, subject: str
) -> None:
    assert your_reply(reply, theirs, subject) == []


def test_agreed_slot_reads_the_subject_only_when_given() -> None:
    quoted = f"> {OFFERED}"
    assert agreed_slot("Yes, that works.", quoted, sent_at=ASKED_ON, calendar=GB) is None
    taken = agreed_slot("Yes, that works.", quoted, sent_at=ASKED_ON, calendar=GB,
                        subject=f"Re: {SUBJECT}")  # fmt: skip
    assert taken is not None and taken.at == datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        # the reason after the decision has words of doubt of its own ("for what I want")
        (
            "I have decided not to accept the offer - I've had another offer that is a closer"
            " fit for what I want to do next.",
            Outcome.DECLINED,
        ),
        ("I've decided to decline the offer because what I want is a remote role.", Outcome.DECLINED),
        ("I have decided to accept the offer, as I think it's the right next step.", Outcome.ACCEPTED),
        ("I have decided to withdraw my application; I might apply again next year.", Outcome.WITHDRAWN),
        # a question or a condition in it still leaves it undecided
        ("I've decided to accept the offer - could we confirm the start date?", None),
        ("I have decided not to accept the offer - what would it take to raise it?", None),
        ("I will accept the offer as long as the start date can be March.", None),
        ("I will accept the offer, provided the start date can be March.", None),
        ("I'd accept the offer - if the start date can move to March.", None),
    ],
)  # fmt: skip
def test_a_decision_with_its_reason_after_it_is_read(text: str, outcome: Outcome | None) -> None:
    # user audit 3, A8: the declined offer stayed on the board, overdue, in every digest
    found = user_decision(text, OFFER_SUBJECT)
    assert (found[0] if found else None) == outcome, text


@pytest.mark.parametrize(
    "text",
    [
        # a no to the date that asks for another, in its sentence or the next: a reschedule
        "I'll have to pass on the interview, sorry - I'm on holiday then. Could we do the week after?",
        "Sadly I'll have to pass on the interview - could we find another time next week?",
        "I'll have to decline the interview for now. Could we pick it up again after the 30th?",
        "I must decline, I'm afraid. I'm abroad that week, but could we do Tuesday 24 November?",
        "I've decided to decline. Would Friday 27 November work instead?",
        # ... or the interview declined "for now"
        "I'll have to decline the interview for now.",
    ],
)
def test_a_no_that_asks_for_another_time_is_no_decision(text: str) -> None:
    # verification round 9, N2 and N3: the interview process closed as withdrawn, the offer as
    # declined
    assert user_decision(text, ROLE_SUBJECT) is None
    assert user_decision(text, OFFER_SUBJECT) is None


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        # a question that names no time, or asks for something else, leaves the no a no
        ("I've decided to decline. Could we stay in touch?", Outcome.WITHDRAWN),
        ("I'll pass on this one. Could we talk next week about other roles?", Outcome.WITHDRAWN),
        ("I must decline. Could you send me some feedback by Friday?", Outcome.WITHDRAWN),
        ("I'll pass on this one. Do you have anything starting after Christmas?",
         Outcome.WITHDRAWN),
        # a reason that has a date in it, with no question
        ("I've decided to decline. I start my new job on Monday 4 January.", Outcome.WITHDRAWN),
        # "for now" after a no to a role, not to the interview
        ("I'll pass on Northwind for now - I'm only looking at permanent roles.",
         Outcome.WITHDRAWN),
        ("I'll have to pass on the interview - I'm staying where I am.", Outcome.WITHDRAWN),
    ],
)  # fmt: skip
def test_a_no_with_no_other_time_asked_is_still_a_no(text: str, decision: Outcome) -> None:
    found = user_decision(text, ROLE_SUBJECT)
    assert (found[0] if found else None) == decision


def test_a_no_that_asks_for_another_time_keeps_the_process_open() -> None:
    # the interview stays, and the offer waits for an answer
    kept = answered(
        INVITATION,
        "I'll have to pass on the interview - I'm away that week. Could we do the week after?",
        ROLE_SUBJECT,
    )
    assert (kept.stage, kept.outcome, kept.next_meeting) == (Stage.INTERVIEWING, None, MEETING_AT)
    offer = answered(
        OFFER,
        "Thanks! I'm afraid I must decline. I'm away then, but could we do Monday 11 January"
        " instead?",
        OFFER_SUBJECT,
    )
    assert (offer.stage, offer.outcome) == (Stage.OFFER, None)


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        # the user's own doubt after the break is doubt, for a yes or a no
        ("I'm glad to accept the offer, since it's a great fit - I just need to talk it over"
         " with my family first.", None),
        ("I'd like to accept the offer - I'll sleep on it and confirm tomorrow.", None),
        ("I'd like to withdraw my application - I'll think it over this week and let you know.",
         None),
        ("I'd like to withdraw my application; I'm still wondering about it, to be honest.",
         None),
        # after a yes, its reservation
        ("I'd like to accept the offer - I'm just not sure about the start date yet.", None),
        ("I'm happy to accept the offer, though I'm still considering the notice period.", None),
        # a no's reason may have doubt in it: it is the reason
        ("I've decided to decline the offer - I'm not ready to move to Leeds.", Outcome.DECLINED),
        ("I have decided to withdraw my application; I'm not sure the role is right for me.",
         Outcome.WITHDRAWN),
        ("I'd like to accept the offer, as I think it's the step I want to take.",
         Outcome.ACCEPTED),
        # a question asking for something else does not unmake it (N5) ...
        ("I've decided to decline - would you keep me in mind for future roles?",
         Outcome.DECLINED),
        ("I have decided not to accept the offer - could you share any feedback from the panel?",
         Outcome.DECLINED),
        # ... one about the decision does
        ("I've decided to decline the offer - could we talk about the salary first?", None),
        ("I'd like to accept the offer - can we confirm the start date?", None),
    ],
)  # fmt: skip
def test_doubt_or_a_question_after_a_decision_reads_as_the_user_meant_it(
    text: str, outcome: Outcome | None
) -> None:
    # verification round 9, N4 (an acceptance with its doubt after " - " closed the offer as
    # accepted) and N5 (a decline asking to be kept in mind was not read)
    found = user_decision(text, OFFER_SUBJECT)
    assert (found[0] if found else None) == outcome, text
