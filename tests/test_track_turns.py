"""Whose turn it is: an agency's pitch asking for a CV is an outreach, the user's no ends it;
a pitch's answer-by is the user's; a task's date long passed is no longer the user's turn;
a day with no time that the user agreed to is a meeting (audit 5 B3, B16; audit 6 V6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from helpers import message_record

from inbox_monitor.config import TrackingConfig
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
    Outcome,
    ProcessRecord,
    SenderRole,
    Stage,
    State,
    Strength,
)
from inbox_monitor.track import ProcessStatus, process_status

LONDON = ZoneInfo("Europe/London")
START = datetime(2026, 11, 2, 9, 0, tzinfo=LONDON)  # a Monday
CALENDAR = BusinessCalendar("GB", "ENG")
ME = Address("Alex Morgan", "alex.morgan@example.net")
ROISIN = Address("Roisin Kelly", "roisin.kelly@brookfield-talent.example")
PROCESS = ProcessRecord(1, None, "Platform Engineer", None, START)


def day(offset: int, hour: int = 10) -> datetime:
    return START.replace(hour=hour) + timedelta(days=offset)


def status_at(
    now: datetime, *messages: MessageRecord, process: ProcessRecord = PROCESS
) -> ProcessStatus:
    return process_status(process, messages, now, TrackingConfig(), CALENDAR, LONDON)


def theirs(key: str, when: datetime, label: Label, *commitments: Commitment,
           role: SenderRole = SenderRole.AGENCY_RECRUITER, sure: bool = True,
           sender: Address = ROISIN) -> MessageRecord:  # fmt: skip
    record = message_record(key, when, label, sender, subject="Platform contract",
                            commitments=commitments, role=role)  # fmt: skip
    return replace(record, needs_review=not sure)


def mine(key: str, when: datetime, *, decision: Outcome | None = None, phrase: str = "",
         commitments: tuple[Commitment, ...] = ()) -> MessageRecord:  # fmt: skip
    record = message_record(key, when, Label.NOT_RECRUITING, None, direction="outbound",
                            recipients=(ROISIN,))  # fmt: skip
    extraction = Extraction(commitments=commitments, sender_role=SenderRole.USER,
                            decision=decision, decision_phrase=phrase)  # fmt: skip
    return replace(record, extraction=extraction)


# ---------------------------------------------------------------- an agency's pitch (B3)


def test_an_agency_asking_to_put_the_user_forward_is_an_outreach_not_an_application() -> None:
    # "Could I put your profile forward to the client? Please send me your latest CV."
    pitch = theirs("p1", day(0), Label.REQUEST)
    asked = status_at(day(0, 15), pitch)
    assert (asked.stage, asked.state) == (Stage.OUTREACH, State.WAITING_ON_YOU)
    assert asked.next_step == (
        "Their pitch waits for your answer: reply to Roisin Kelly if it interests you, or leave it."
    )
    # the user sends the CV: still no one applied until they submit it; the outreach's wait
    sent = mine("r1", day(1))
    answered = status_at(day(1, 15), pitch, sent)
    assert (answered.stage, answered.state) == (Stage.OUTREACH, State.ACTIVE)
    assert answered.expected_by == CALENDAR.add_business_days(date(2026, 11, 3), 5)


def test_a_request_that_opens_a_process_is_an_application_when_no_agency_pitches() -> None:
    # an employer's recruiter asking for the transcript (the user applied on their portal),
    # and an agency's request after the user wrote to them first
    inhouse = theirs("p1", day(0), Label.REQUEST, role=SenderRole.INHOUSE_RECRUITER)
    assert status_at(day(0, 15), inhouse).stage == Stage.APPLIED
    applied = mine("a0", day(-1))
    assert status_at(day(0, 15), applied, theirs("p1", day(0), Label.REQUEST)).stage == (
        Stage.APPLIED
    )


def test_the_users_no_to_a_pitch_ends_it_and_their_word_that_they_will_not_submit_does_not_reopen_it(
) -> None:  # fmt: skip
    pitch = theirs("p1", day(0), Label.REQUEST)
    # "Another agency has already put me forward there, so please don't submit my profile."
    # (extract reads it as the user's withdrawal)
    no = mine("r1", day(1), decision=Outcome.WITHDRAWN, phrase="please don't submit my profile")
    for label, sure in ((Label.NOT_RECRUITING, False), (Label.REQUEST, True)):
        # "Understood, I won't put you forward for it. I'll keep you in mind."
        fine = theirs("p2", day(1, 14), label, sure=sure)
        ended = status_at(day(3), pitch, no, fine)
        assert (ended.stage, ended.state, ended.outcome) == (
            Stage.CLOSED,
            State.CLOSED,
            Outcome.WITHDRAWN,
        )
        assert ended.expected_by is None


# ---------------------------------------------------- a pitch's answer-by date (B16)


FRIDAY = Commitment(CommitmentKind.USER_DEADLINE, "Let me know by Friday", Strength.RELATIVE,
                    date(2026, 11, 13))  # fmt: skip


def test_a_pitchs_answer_by_date_makes_it_the_users_turn_however_unsure_its_label() -> None:
    pitch = theirs("p1", day(0), Label.OUTREACH)
    # "Just following up on the contract - are you still available? Let me know by Friday."
    nudge = theirs("p2", day(9), Label.OUTREACH, FRIDAY, sure=False)
    waiting = status_at(day(9, 15), pitch, nudge)
    assert (waiting.stage, waiting.state) == (Stage.OUTREACH, State.WAITING_ON_YOU)
    assert (waiting.user_deadline, waiting.expected_by) == (FRIDAY, None)
    assert waiting.next_step == (
        "Their pitch waits for your answer by Fri 13 Nov: reply to Roisin Kelly if it"
        " interests you, or leave it."
    )
    passed = status_at(day(14), pitch, nudge)
    assert (passed.state, passed.deadline_passed) == (State.WAITING_ON_YOU, True)
    assert passed.next_step.startswith("Their pitch asked for your answer by Fri 13 Nov, which")
    # a week on, the pitch was left: nothing is expected of them either
    left = status_at(day(18), pitch, nudge)
    assert (left.state, left.expected_by, left.unanswered_pitch) == (State.ACTIVE, None, True)


def test_an_unsure_mail_with_a_date_for_the_user_moves_nothing_past_the_pitch() -> None:
    # the user answered and the process went on: an unsure mail's "by Friday" is no request
    invite = theirs("i1", day(2), Label.INTERVIEW)
    later = theirs("p2", day(9), Label.OUTREACH, FRIDAY, sure=False)
    onward = status_at(day(9, 15), theirs("p1", day(0), Label.OUTREACH), mine("r1", day(1)),
                       invite, later)  # fmt: skip
    assert (onward.stage, onward.state) == (Stage.INTERVIEWING, State.ACTIVE)
    # in a pitch, an unsure mail read as anything but a pitch neither
    other = theirs("p2", day(9), Label.NOT_RECRUITING, FRIDAY, sure=False)
    assert status_at(day(9, 15), theirs("p1", day(0), Label.OUTREACH), other).state != (
        State.WAITING_ON_YOU
    )


# ------------------------------------------------ a task's date long passed (V6)


PLATFORM = Address("Kingsbury Capital", "noreply@videoplatform.example")
BY_MONDAY = Commitment(CommitmentKind.USER_DEADLINE, "complete your video interview by 2 November",
                       Strength.EXPLICIT, date(2026, 11, 2))  # fmt: skip


def video_interview(*commitments: Commitment) -> MessageRecord:
    invite = message_record("v1", day(-7), Label.REQUEST, PLATFORM,
                            subject="Invitation: Video interview for Kingsbury Capital",
                            commitments=commitments or (BY_MONDAY,),
                            role=SenderRole.AUTOMATED)  # fmt: skip
    return invite


def test_a_task_whose_date_passed_lately_is_still_the_users_to_try() -> None:
    # the next day, and Thursday: 1 and 3 business days after Mon 2 Nov
    for now in (day(1), day(3)):
        recent = status_at(now, video_interview())
        assert (recent.state, recent.deadline_passed) == (State.WAITING_ON_YOU, True)
        assert "try today, the link may still work" in recent.next_step


def test_a_task_whose_date_passed_days_ago_is_no_longer_the_users_turn() -> None:
    # Fri 6 Nov: 4 business days after the date; the usual wait counts from that date
    lapsed = status_at(day(4), video_interview())
    assert lapsed.state == State.ACTIVE
    assert (lapsed.user_deadline, lapsed.days_past_deadline) == (None, 0)
    assert (lapsed.expected_by, lapsed.expected_source) == (
        CALENDAR.add_business_days(date(2026, 11, 2), 10),
        "default",
    )
    assert "link" not in lapsed.next_step
    # and once that wait is over too, it is their silence (no one to write to: the portal)
    silent = status_at(day(22), video_interview())
    assert silent.state == State.OVERDUE
    assert silent.next_step.startswith("No one to ask by mail")


def test_a_persons_request_through_an_ats_relay_does_not_lapse() -> None:
    # "Hannah Cole via Greenhouse" <no-reply@greenhouse.io> asks for two referees by Monday:
    # a person's request, though it gives no address of hers; still the user's on Fri 6 Nov
    hannah = Address("Hannah Cole via Greenhouse", "no-reply@greenhouse.io")
    asked = replace(video_interview(), sender=hannah, subject="References")
    waiting = status_at(day(4), asked)
    assert (waiting.state, waiting.deadline_passed) == (State.WAITING_ON_YOU, True)


def test_a_long_passed_date_stays_the_users_for_an_offer_their_own_word_or_news_since() -> None:
    # a person's request ("Could you send me two referees by Monday?"): the user's answer
    # would be in their mail, and there is none
    referees = theirs("q0", day(-7), Label.REQUEST, BY_MONDAY, role=SenderRole.INHOUSE_RECRUITER)
    owed = status_at(day(10), referees)
    assert (owed.state, owed.days_past_deadline) == (State.WAITING_ON_YOU, 8)
    # an offer's answer-by date: the decision is still the user's
    answer_by = replace(BY_MONDAY, phrase="let us know your decision by 2 November")
    offer = theirs("o1", day(-7), Label.OFFER, answer_by, role=SenderRole.INHOUSE_RECRUITER)
    assert status_at(day(10), offer).state == State.WAITING_ON_YOU
    # the user's own date for sending what they asked ("I'll send them over by Monday")
    asked = theirs("q1", day(-7), Label.REQUEST, role=SenderRole.INHOUSE_RECRUITER)
    own = Commitment(CommitmentKind.USER_PROMISE, "I'll send them over by Monday",
                     Strength.RELATIVE, date(2026, 11, 2))  # fmt: skip
    promised = mine("r1", day(-6), commitments=(own,))
    still = status_at(day(10), asked, promised)
    assert (still.state, still.own_date) == (State.WAITING_ON_YOU, True)
    # their mail after the date (a reminder, however unsure): the request stands
    reminder = message_record("v2", day(3), Label.REQUEST, PLATFORM, subject="Reminder",
                              role=SenderRole.AUTOMATED)  # fmt: skip
    reminded = status_at(day(10), video_interview(), replace(reminder, needs_review=True))
    assert reminded.state == State.WAITING_ON_YOU


# ------------------------------------- a day with no time the user agreed to (session note)


def test_a_day_the_users_yes_took_is_a_meeting_on_that_day() -> None:
    # Thu 5 Nov: "Would Tuesday work for a call?" - "Yes, Tuesday works."
    asked_on = START + timedelta(days=3)
    question = theirs("c1", asked_on, Label.INTERVIEW, role=SenderRole.INHOUSE_RECRUITER)
    text = "Yes, Tuesday works."
    sent_at = asked_on + timedelta(hours=2)
    reading = extract_fields("Re: Platform Engineer", text, sent_at=sent_at, calendar=CALENDAR,
                             direction="outbound")  # fmt: skip
    reading = settled_by_yes(reading, text, "Hi Alex,\n\nWould Tuesday work for a call?\n\nRoisin",
                             sent_at=sent_at, calendar=CALENDAR, direction="outbound")  # fmt: skip
    yes = replace(mine("r1", sent_at), extraction=reading)
    ahead = status_at(sent_at + timedelta(hours=1), question, yes)
    assert (ahead.next_meeting, ahead.next_meeting_day) == (None, date(2026, 11, 10))
    assert ahead.expected_source == "meeting"
    assert ahead.next_step == (
        "Prepare for the meeting on Tue 10 Nov; they have not given its time yet."
    )
    assert "DTSTART;VALUE=DATE:20261110" in to_ics([ahead], sent_at)
    # its time, when they give it, is that day's meeting
    at_two = datetime(2026, 11, 10, 14, 0, tzinfo=LONDON)
    timed = Commitment(CommitmentKind.MEETING, "Tuesday at 14:00", Strength.RELATIVE,
                       date(2026, 11, 10), at_two)  # fmt: skip
    confirmed = theirs("c2", sent_at + timedelta(hours=3), Label.INTERVIEW, timed,
                       role=SenderRole.INHOUSE_RECRUITER)  # fmt: skip
    both = status_at(sent_at + timedelta(hours=4), question, yes, confirmed)
    assert (both.next_meeting, both.next_meeting_day) == (at_two, date(2026, 11, 10))
    # held once the day is over: the wait counts from it
    after = status_at(datetime(2026, 11, 11, 9, 0, tzinfo=LONDON), question, yes)
    assert after.next_meeting_day is None and after.expected_source == "default"


def test_their_day_with_no_time_is_that_day_and_the_users_day_of_a_meeting_ahead_adds_none(
) -> None:  # fmt: skip
    # their "interview next Tuesday" (an invitation to pick a time, maybe): on that day, its
    # time not known yet (user audit 9 F11)
    tuesday = Commitment(CommitmentKind.MEETING, "interview next Tuesday", Strength.RELATIVE,
                         date(2026, 11, 10))  # fmt: skip
    invite = theirs("c1", day(3), Label.INTERVIEW, tuesday, role=SenderRole.INHOUSE_RECRUITER)
    picked = status_at(day(3, 15), invite)
    assert (picked.next_meeting, picked.next_meeting_day) == (None, date(2026, 11, 10))
    # the user's "see you on Tuesday" of a Tuesday meeting ahead (the week after): that one
    at_ten = datetime(2026, 11, 17, 10, 0, tzinfo=LONDON)
    timed = Commitment(CommitmentKind.MEETING, "Tuesday 17 November at 10:00", Strength.EXPLICIT,
                       date(2026, 11, 17), at_ten)  # fmt: skip
    booked = theirs("c1", day(3), Label.INTERVIEW, timed, role=SenderRole.INHOUSE_RECRUITER)
    see_you = Commitment(CommitmentKind.MEETING, "See you on Tuesday", Strength.RELATIVE,
                         date(2026, 11, 10))  # fmt: skip
    seen = status_at(day(3, 16), booked, mine("r1", day(3, 15), commitments=(see_you,)))
    assert (seen.next_meeting, seen.next_meeting_day) == (at_ten, date(2026, 11, 17))
    # nor a day already behind the user's mail
    behind = Commitment(CommitmentKind.MEETING, "our call on Monday", Strength.RELATIVE,
                        date(2026, 11, 2))  # fmt: skip
    assert (
        status_at(day(3, 16), mine("r1", day(3, 15), commitments=(behind,))).next_meeting_day
        is None
    )


# ------------------------------------------------ their question offering times (B11)


def test_their_question_offering_times_is_the_users_to_take_or_pick() -> None:
    # Tue 3 Nov, after a first interview: "Can you do Thursday 5.11. at 10:00 or Friday 6
    # November at 13:30?" (extract's pick ask, due the next business day)
    sent = day(1)
    text = "Thanks again for your time. Can you do Thursday 5.11. at 10:00 or Friday 6 November at 13:30?"
    read = extract_fields("Next round", text, sent_at=sent, calendar=CALENDAR)
    assert any(c.kind == CommitmentKind.USER_DEADLINE for c in read.commitments)
    offer = theirs(
        "pick", sent, Label.INTERVIEW, *read.commitments, role=SenderRole.INHOUSE_RECRUITER
    )
    status = status_at(day(1, 15), offer)
    assert status.state == State.WAITING_ON_YOU
    assert (
        status.next_step == "Reply to Roisin Kelly: take or pick a time they offered by Wed 04 Nov."
    )
    # another ask of theirs keeps the general words
    cv = "Could you send me your updated CV by Friday?"
    other = extract_fields("Your CV", cv, sent_at=sent, calendar=CALENDAR)
    asked = theirs("cv", sent, Label.REQUEST, *other.commitments, role=SenderRole.INHOUSE_RECRUITER)
    assert status_at(day(1, 15), offer, asked).next_step.startswith(
        "Reply to Roisin Kelly: they asked you for something"
    )


# ------------------------------------------------ a plain no after their offer (audit 7 U8)


def test_a_plain_no_right_after_their_offer_declines_it() -> None:
    # Thu 17 Dec their offer, "Can you let me know by Monday?"; the same day the user: "Thx
    # Tom, really kind but I've accepted elsewhere so I'll have to decline." (read as a plain
    # no that names nothing: a withdrawal)
    from inbox_monitor.extract import user_decision

    decided = user_decision(
        "Thx Tom, really kind but I've accepted elsewhere so I'll have to decline."
    )
    assert decided is not None
    outcome, phrase = decided
    offer = theirs("offer", day(3), Label.OFFER)
    no = mine("no", day(3, 13), decision=outcome, phrase=phrase)
    status = status_at(day(4), offer, no)
    assert (status.state, status.outcome) == (State.CLOSED, Outcome.DECLINED)
    # before their offer, after an interview, the same words end nothing
    interview = theirs("interview", day(1), Label.INTERVIEW)
    assert status_at(day(4), interview, no).state != State.CLOSED


def test_an_agency_granting_the_users_no_ends_its_pitch() -> None:
    # verification round 11, R4: the user asked "If yes, please do not submit my profile";
    # the agency's "yes it is Nordhafen, so I won't put you forward for it" (read however
    # unsure) ends the pitch; "I won't submit your CV without your consent" ends nothing
    pitch = theirs("pitch", day(0), Label.OUTREACH)
    ask = mine("ask", day(0, 15))
    for text, closed in (
        ("Hi Jonas, yes it is Nordhafen. No problem at all, I won't put you forward for it.", True),
        ("Don't worry, I won't submit your CV without your consent.", False),
        # the agency's own decision, for its client's reason: not the user's no
        (
            "The client needs Solvency II experience, so I won't put you forward for this one.",
            False,
        ),
    ):
        read = extract_fields("Re: Platform contract", text, sent_at=day(1), calendar=CALENDAR)
        reply = replace(theirs("reply", day(1), Label.NOT_RECRUITING, sure=False),
                        extraction=read)  # fmt: skip
        status = status_at(day(20), pitch, ask, reply)
        assert (status.state == State.CLOSED) is closed, text
        if closed:
            assert status.outcome == Outcome.WITHDRAWN
