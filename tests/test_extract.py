"""Promises, deadlines and meetings read from message text, anchored at the message Date."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_monitor.dates import RECENT_PAST_DAYS, BusinessCalendar
from inbox_monitor.extract import (
    agreed_extension,
    agreed_move,
    asks_for_time,
    asks_to_move,
    confirmed_decision,
    extract_commitments,
    extract_fields,
    extract_message,
    user_decision,
)
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Outcome,
    ParsedMessage,
    SenderRole,
    Strength,
)

EST = timezone(timedelta(hours=-5))
US = BusinessCalendar("US")
SENT = datetime(2026, 11, 25, 10, 0, tzinfo=EST)  # Wednesday before Thanksgiving
REPLY, DEADLINE = CommitmentKind.REPLY, CommitmentKind.USER_DEADLINE
MEETING, USER_PROMISE = CommitmentKind.MEETING, CommitmentKind.USER_PROMISE
AWAY, MEETING_OFF = CommitmentKind.AWAY, CommitmentKind.MEETING_OFF
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"


def commitments(text: str, direction: str = "inbound") -> tuple[Commitment, ...]:
    return extract_commitments(text, sent_at=SENT, calendar=US, direction=direction)


def only(text: str, kind: CommitmentKind) -> Commitment:
    found = [c for c in commitments(text) if c.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "due", "strength", "quoted"),
    [
        ("Thanks again. We will get back to you by Friday.", date(2026, 11, 27),
         Strength.RELATIVE, "get back to you by Friday"),
        ("We'll let you know by the end of next week.", date(2026, 12, 4),
         Strength.RELATIVE, "let you know by the end of next week"),
        ("You will hear from us within 5 business days.", date(2026, 12, 3),
         Strength.RELATIVE, "within 5 business days"),
        ("I expect to have feedback from the client in the next day or two.",
         date(2026, 11, 30), Strength.RELATIVE, "in the next day or two"),
        ("We'll update you early next week.", date(2026, 12, 1), Strength.RELATIVE,
         "early next week"),
        # (the Friday of the week holding December's first Thursday)
        ("The panel will make a decision in the first week of December.",
         date(2026, 12, 4), Strength.RELATIVE, "first week of December"),
        ("We hope to come back to you after the holidays.", date(2027, 1, 4),
         Strength.RELATIVE, "after the holidays"),
        ("I will call you by the 3rd.", date(2026, 12, 3), Strength.EXPLICIT, "by the 3rd"),
        ("We will send the offer by 12/4.", date(2026, 12, 4), Strength.EXPLICIT, "12/4"),
        ("A decision will be made by December 4th.", date(2026, 12, 4), Strength.EXPLICIT,
         "December 4th"),
        ("The hiring manager should get back to you next week.", date(2026, 12, 4),
         Strength.RELATIVE, "next week"),
        ("I'll ring you tomorrow.", date(2026, 11, 26), Strength.RELATIVE, "tomorrow"),
        # the modal carries over "and" to the reply verb
        ("We will review your application and get back to you within 5 business days.",
         date(2026, 12, 3), Strength.RELATIVE,
         "We will review your application and get back to you within 5 business days"),
        ("I'll share my notes with the hiring manager and come back to you early next week.",
         date(2026, 12, 1), Strength.RELATIVE, "early next week"),
        ("I will forward your CV to the client and let you know their thoughts by Wednesday.",
         date(2026, 12, 2), Strength.RELATIVE, "let you know their thoughts by Wednesday"),
        ("I'll check with the team and let you know by Friday.", date(2026, 11, 27),
         Strength.RELATIVE, "let you know by Friday"),
        ("We'll confirm Monday.", date(2026, 11, 30), Strength.RELATIVE, "Monday"),
        ("We aim to respond by the end of the month.", date(2026, 11, 30), Strength.RELATIVE,
         "end of the month"),
        ("By Friday, we will have a decision for you.", date(2026, 11, 27), Strength.RELATIVE,
         "Friday, we will have a decision"),
        ("Our team will contact you shortly.", None, Strength.VAGUE, "contact you shortly"),
        ("We'll be in touch.", None, Strength.VAGUE, "We'll be in touch"),
        ("We will get back to you as soon as we can.", None, Strength.VAGUE,
         "get back to you as soon as we can"),
        ("You'll hear from us in the coming weeks.", None, Strength.VAGUE,
         "in the coming weeks"),
        ("If selected, you can expect a call from our recruiters shortly.", None,
         Strength.VAGUE, "expect a call from our recruiters shortly"),
        ("we shall get back to you when i return from europe in a week .",
         date(2026, 12, 2), Strength.RELATIVE, "in a week"),
        ("We aim to get back to all applicants within two weeks.", date(2026, 12, 9),
         Strength.RELATIVE, "within two weeks"),
        ("Decisions will be communicated by 15 December.", date(2026, 12, 15),
         Strength.EXPLICIT, "by 15 December"),
        ("Let me get back to you on that by Monday.", date(2026, 11, 30), Strength.RELATIVE,
         "by Monday"),
        ("The team will be in touch with next steps in the new year.", date(2027, 1, 4),
         Strength.RELATIVE, "in the new year"),
        ("I'm hoping to have feedback for you by Thursday.", date(2026, 11, 26),
         Strength.RELATIVE, "by Thursday"),
        # dated promises to a group the user belongs to, or may: silence after the date
        # tells the user something either way
        ("Shortlisted candidates will hear from us by Friday 4 December.", date(2026, 12, 4),
         Strength.EXPLICIT, "by Friday 4 December"),
        ("We will contact all candidates by Friday.", date(2026, 11, 27), Strength.RELATIVE,
         "by Friday"),
        ("You can expect to hear back from us within 5-7 business days.", date(2026, 12, 7),
         Strength.RELATIVE, "within 5-7 business days"),
        ("Decisions are typically made within 2 weeks.", date(2026, 12, 9), Strength.RELATIVE,
         "within 2 weeks"),
        ("Please allow 5-7 business days for a response.", date(2026, 12, 7),
         Strength.RELATIVE, "allow 5-7 business days"),
        ("It may take up to 2 weeks for us to get back to you.", date(2026, 12, 9),
         Strength.RELATIVE, "up to 2 weeks"),
        ("Our recruiters will be in touch within the week.", date(2026, 11, 27),
         Strength.RELATIVE, "within the week"),
        ("We will respond by close of business Friday.", date(2026, 11, 27), Strength.RELATIVE,
         "close of business Friday"),
        # a new time for a meeting called off or moved: theirs to send by then
        ("We have to call off Thursday's interview, sorry. I will send you a new time by"
         " Friday.", date(2026, 11, 27), Strength.RELATIVE, "send you a new time by Friday"),
        ("I'll be in touch with some alternative dates by Monday.", date(2026, 11, 30),
         Strength.RELATIVE, "in touch with some alternative dates by Monday"),
        ("We'll propose two new interview slots by Friday.", date(2026, 11, 27),
         Strength.RELATIVE, "propose two new interview slots by Friday"),
    ],
)  # fmt: skip
def test_promises_of_a_reply(text: str, due: date | None, strength: Strength, quoted: str) -> None:
    promise = only(text, REPLY)
    assert (promise.due, promise.strength) == (due, strength)
    assert quoted in promise.phrase
    assert promise.phrase in " ".join(text.split())


@pytest.mark.parametrize(
    "text",
    [
        "By the way, Friday's all-hands is cancelled.",
        "Please drop by the office when you are free.",
        "The role was built by the team in Berlin.",
        "We will keep your CV on file and be in touch if a suitable role comes up.",
        "We will keep your details and let you know should anything suitable come up.",
        "We will contact your references this week.",
        "We'll be in touch with your referees by Friday.",
        "Only shortlisted candidates will be contacted.",
        "Unfortunately we will not be able to respond to every applicant.",
        "We won't be getting back to applicants individually.",
        "They'll contact you if they would like to arrange an interview.",
        "I look forward to hearing from you soon.",
        "Our Friday's town hall is at 10:00.",
        "We will review applications after the closing date.",
        "I will forward your CV to the hiring manager.",
        "Our recruiters will reach out to shortlisted candidates.",
        "You will receive a confirmation email shortly.",
        "We will be in touch with successful candidates if a role comes up.",
        "I'll follow up with the team on Monday.",
        "We'll send a video link the day before.",
        "We'll send you the recording after the webinar.",
        "I will send the calendar invitation once you confirm.",
        "We will send your details to the hiring manager.",
        "We hope to hear from you soon!",
        "You'll receive an automated email confirming your submission.",
        "I'd be happy to send you more details if you're interested.",
        "Please feel free to reach out if you have any questions.",
        "We will review your CV and contact you if a suitable role comes up.",
        "I will be out of the office and unable to respond until Monday.",
        "We will not process late applications and respond by Friday.",
        "We will contact your referees and confirm the start date with them.",
        # time given, not a new time to come
        "We'll give you the time you need to think it over by Friday.",
        "We will share the same slots with every candidate.",
    ],
)
def test_sentences_that_promise_nothing(text: str) -> None:
    assert [c for c in commitments(text) if c.kind == REPLY] == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Please respond by December 2.", date(2026, 12, 2)),
        ("Send your references by Monday.", date(2026, 11, 30)),
        ("Let us know your availability by Wednesday.", date(2026, 12, 2)),
        ("This offer expires on December 9th.", date(2026, 12, 9)),
        ("You have until 4 December to accept.", date(2026, 12, 4)),
        ("Update on your application - respond by 18 July 2027", date(2027, 7, 18)),
        ("You'll need to make a decision by Friday.", date(2026, 11, 27)),
        # more time granted after the user asked for it
        ("Of course, take until Wednesday 2 December to decide.", date(2026, 12, 2)),
        ("That's fine, you can have until Wednesday 2 December.", date(2026, 12, 2)),
        ("Happy to give you until Wednesday 2 December to let us know.", date(2026, 12, 2)),
        ("We have extended your offer until Wednesday 2 December.", date(2026, 12, 2)),
        ("The offer will remain open until Wednesday 2 December.", date(2026, 12, 2)),
        ("Feel free to take until Wednesday 2 December to think it over.", date(2026, 12, 2)),
        # "and let me know" is the user's part of the sentence, even after "we will"
        (
            "We will hold the slot for you, so please check the offer and let me know by Monday.",
            date(2026, 11, 30),
        ),
    ],
)
def test_deadlines_for_the_user(text: str, due: date) -> None:
    deadline = only(text, DEADLINE)
    assert deadline.due == due
    assert [c for c in commitments(text) if c.kind == REPLY] == []


@pytest.mark.parametrize(
    "text",
    [
        "Please note our office will be closed on Thursday for Thanksgiving.",
        "Please find attached the agenda for Tuesday.",
        "Your start date will be Monday, January 4.",
        # "extend" an offer is making it; only the offer or deadline extended to a date is
        "We are delighted to extend this offer to you, with a start date of Monday 4 January.",
        "We have extended the contract to 31 March.",
        "It will take until Friday to review all applications.",
    ],
)
def test_polite_requests_without_a_due_date_are_not_deadlines(text: str) -> None:
    assert commitments(text) == ()


def test_a_following_sentence_can_date_a_vague_promise() -> None:
    promise = only(
        "I'm chasing the hiring manager and will come back to you as soon as I hear anything. "
        "Should be within the next couple of days.",
        REPLY,
    )
    assert (promise.due, promise.strength) == (date(2026, 11, 30), Strength.RELATIVE)
    assert promise.phrase.endswith("within the next couple of days")


def test_a_deadline_and_a_promise_in_one_sentence_stay_apart() -> None:
    found = commitments(
        "Please send your references by Monday and we'll get back to you by Friday next week."
    )
    kinds = {c.kind: c.due for c in found}
    assert kinds == {DEADLINE: date(2026, 11, 30), REPLY: date(2026, 12, 4)}
    assert found[0].kind == REPLY  # a dated promise comes first


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("Your interview on Tuesday, December 1 at 10:00 is confirmed.",
         datetime(2026, 12, 1, 10, 0, tzinfo=EST)),
        ("Can we do a call tomorrow at 3pm PST?",
         datetime(2026, 11, 26, 15, 0, tzinfo=timezone(timedelta(hours=-8)))),
        ("The video call is booked for Friday, 2:30 PM (GMT).",
         datetime(2026, 11, 27, 14, 30, tzinfo=UTC)),
        ("At 9:15 on Monday you will meet the team for the onsite interview.",
         datetime(2026, 11, 30, 9, 15, tzinfo=EST)),
    ],
)  # fmt: skip
def test_meetings_carry_a_time(text: str, at: datetime) -> None:
    meeting = only(text, MEETING)
    assert meeting.at == at
    assert meeting.due == at.date()


def test_a_meeting_takes_the_time_said_elsewhere_for_its_day() -> None:
    found = commitments(
        "Interview confirmed: Thursday, 3 December\n\n"
        "The first slot we have is Thursday, 3 December at 15:00 CET. It lasts an hour."
    )
    meetings = [c for c in found if c.kind == MEETING]
    assert len(meetings) == 1
    assert meetings[0].at == datetime(2026, 12, 3, 15, 0, tzinfo=timezone(timedelta(hours=1)))


def test_a_promise_relayed_by_an_agency() -> None:
    promise = only("The manager has promised you'll have it in writing by Wednesday.", REPLY)
    assert promise.due == date(2026, 12, 2)


def test_a_scheduling_link_expiring_is_not_a_deadline() -> None:
    assert commitments("Pick a slot with the link below. The link expires in 5 days.") == ()


def test_sent_mail_confirming_a_meeting() -> None:
    found = commitments("Tuesday 1st at 10:00 works, I'll be there.", direction="outbound")
    assert [(c.kind, c.at) for c in found] == [(MEETING, datetime(2026, 12, 1, 10, 0, tzinfo=EST))]
    assert commitments("I'll look out for the exercise on Friday.", direction="outbound") == ()
    # offering times is not agreeing one
    assert commitments("I'm free for a call on Thursday afternoon.", direction="outbound") == ()
    # (their question waits for the user's answer, the next business day: no meeting yet)
    asked = commitments("Are you free for a quick call on Monday?")
    assert [(c.kind, c.due) for c in asked] == [(DEADLINE, date(2026, 11, 27))]


def test_past_or_cancelled_meetings_are_not_meetings() -> None:
    assert commitments("Thank you for the interview on Tuesday.") == ()
    assert commitments("Following your final interview on Monday, we are delighted.") == ()
    off = commitments("Your interview on Tuesday has been cancelled.")
    assert [(c.kind, c.due) for c in off] == [(MEETING_OFF, date(2026, 12, 1))]
    moved = only("Your interview has been moved to Monday 30 November at 11:00.", MEETING)
    assert moved.at == datetime(2026, 11, 30, 11, 0, tzinfo=EST)


@pytest.mark.parametrize(
    ("text", "direction", "off", "meeting"),
    [
        ("We need to move your on-site interview from Thursday to Monday 30 November at 10:00,"
         " as the hiring manager is unwell.", "inbound", date(2026, 11, 26),
         datetime(2026, 11, 30, 10, 0, tzinfo=EST)),
        ("Your interview on Thursday has been moved to Monday 30 November at 10:00.", "inbound",
         date(2026, 11, 26), datetime(2026, 11, 30, 10, 0, tzinfo=EST)),
        ("We'd like to reschedule the call for Tuesday 1 December at 3pm.", "inbound", None,
         datetime(2026, 12, 1, 15, 0, tzinfo=EST)),
        ("Your panel interview has been postponed from Friday to Wednesday 2 December, same time (10am).",
         "inbound", date(2026, 11, 27), datetime(2026, 12, 2, 10, 0, tzinfo=EST)),
        ("Unfortunately we have to cancel your interview on Thursday. New times soon.",
         "inbound", date(2026, 11, 26), None),
        ("Sorry, I need to cancel our call on Friday at 3pm.", "outbound", date(2026, 11, 27),
         None),
    ],
)  # fmt: skip
def test_a_meeting_moved_or_called_off(
    text: str, direction: str, off: date | None, meeting: datetime | None
) -> None:
    found = commitments(text, direction=direction)
    # (None: no old day named, the next meeting ahead is off)
    assert [c.due for c in found if c.kind == MEETING_OFF] == [off]
    assert [c.at for c in found if c.kind == MEETING] == ([meeting] if meeting else [])


@pytest.mark.parametrize(
    ("text", "off", "meeting"),
    [
        ("Sadly we must reschedule your second interview to Tuesday 1 December at 2pm.", None,
         datetime(2026, 12, 1, 14, 0, tzinfo=EST)),
        ("Your video interview has been rescheduled to Tuesday 1 December at 2pm.", None,
         datetime(2026, 12, 1, 14, 0, tzinfo=EST)),
        ("Apologies, but we need to cancel your interview. We will be in touch.", None, None),
        ("The panel interview has unfortunately been called off.", None, None),
        # the day of a meeting said in the possessive is the day it was on
        ("I'm sorry to say we have to cancel Thursday's interview.", date(2026, 11, 26), None),
        ("We need to move Friday's call to Tuesday 1 December at 2pm.", date(2026, 11, 27),
         datetime(2026, 12, 1, 14, 0, tzinfo=EST)),
        # called off with what must still happen to it: no hedge, so the interview is off
        ("Our recruiter is unwell, so your interview will need to be rearranged.", None, None),
        ("Sorry, but your second interview will have to be postponed.", None, None),
        # ... and with whom it is
        ("Apologies, Friday's call with the hiring manager has to be cancelled.",
         date(2026, 11, 27), None),
        ("Your interview with the CTO has been cancelled.", None, None),
    ],
)  # fmt: skip
def test_a_meeting_moved_or_called_off_with_no_old_day_named(
    text: str, off: date | None, meeting: datetime | None
) -> None:
    found = commitments(text)
    assert [c.due for c in found if c.kind == MEETING_OFF] == [off]
    assert [c.at for c in found if c.kind == MEETING] == ([meeting] if meeting else [])


@pytest.mark.parametrize(
    "text",
    [
        "Great news: we are moving you forward to a call with the hiring manager.",
        "We are moving ahead with the interview as planned.",
        "There is no need to reschedule the interview.",
        "Thanks for rescheduling the interview so quickly.",
        "If you need to cancel your interview, just reply to this email.",
        "Could we reschedule the interview?",
        "By the way, Friday's all-hands is cancelled.",
        # an option offered, a room or a form changed, someone else's meeting: the
        # interview stays (found on re-running the time audit)
        "You can reschedule or cancel your interview using the link below.",
        "To reschedule, use the link in your calendar invitation.",
        "The interview room has been moved to the third floor.",
        "The interview has been moved to a video call.",
        "I had to move a meeting, sorry for the slow reply.",
        "Our team meeting has been cancelled, so I have time to review CVs.",
        "I had to cancel my dentist appointment, so Thursday's interview works.",
        "The hiring manager may need to reschedule your interview, but I'll confirm by Friday.",
        # a hedge or a negation after the meeting, not before it
        "Your interview might have to be moved; I will know more tomorrow.",
        "Your interview will not need to be rescheduled after all.",
        # a meeting with others, or someone else's call
        "Thursday's meeting with the board has been cancelled.",
        "Sam's call with the CTO has been cancelled, but yours is going ahead as planned.",
    ],
)
def test_no_meeting_is_called_off_by_other_wording(text: str) -> None:
    assert [c for c in commitments(text) if c.kind == MEETING_OFF] == []


@pytest.mark.parametrize(
    ("text", "direction", "meeting"),
    [
        # someone else's meeting called off; the user's is named beside it and stays
        ("The CFO's meeting was cancelled, so he can now sit in on your interview on Thursday.",
         "inbound", date(2026, 11, 26)),
        ("The director's meeting on Thursday was moved, so she can join your interview on"
         " Friday.", "inbound", date(2026, 11, 27)),
        ("Our board meeting has been cancelled, so if you like we could talk earlier on"
         " Thursday.", "inbound", None),
        # a thing that is no meeting at all
        ("Our office move has been postponed, so your interview on Thursday is still at"
         " the old address.", "inbound", date(2026, 11, 26)),
        ("The office move is on Thursday, so please come to the new address.", "inbound", None),
        ("I moved another meeting, so Thursday at 10:00 works for me.", "outbound",
         date(2026, 11, 26)),
        # a private appointment or commitment is no hiring meeting
        ("I've cancelled my doctor's appointment, so Thursday at 2pm works for me.",
         "outbound", date(2026, 11, 26)),
        ("I've rescheduled another appointment, so Thursday is fine.", "outbound",
         date(2026, 11, 26)),
        ("My GP appointment has been moved, so I can make Thursday at 10:00.", "outbound", None),
        ("I had to move a family commitment, so Thursday's interview is fine.", "outbound",
         None),
        ("Luckily I could cancel my dentist appointment so Thursday works.", "inbound", None),
    ],
)  # fmt: skip
def test_another_meeting_called_off_leaves_the_users_meeting(
    text: str, direction: str, meeting: date | None
) -> None:
    found = commitments(text, direction=direction)
    assert [c for c in found if c.kind == MEETING_OFF] == []
    assert [c.due for c in found if c.kind == MEETING] == ([meeting] if meeting else [])


@pytest.mark.parametrize(
    ("text", "off"),
    [
        # the user's meeting with someone named, or said by a day or "it": still off
        ("Sam's meeting with you on Thursday has been cancelled.", date(2026, 11, 26)),
        ("The CEO's interview with you on Thursday has been moved to Monday.",
         date(2026, 11, 26)),
        ("Thursday's call has been cancelled, I'm afraid.", date(2026, 11, 26)),
        ("The meeting on Thursday has been cancelled.", date(2026, 11, 26)),
        ("Your team meeting on Thursday has been cancelled.", date(2026, 11, 26)),
        # another meeting beside the user's, which is itself called off
        ("The board meeting ran over, so we need to cancel your interview on Thursday.",
         date(2026, 11, 26)),
        ("The board meeting was cancelled, but we still need to move your interview from"
         " Thursday to Friday.", date(2026, 11, 26)),
    ],
)  # fmt: skip
def test_the_users_meeting_called_off_beside_another_thing_is_off(text: str, off: date) -> None:
    assert [c.due for c in commitments(text) if c.kind == MEETING_OFF] == [off]


def test_the_users_own_interview_or_appointment_called_off_in_their_mail_is_off() -> None:
    # the user's interview, or a bare "appointment" (an ATS may call the interview so)
    for text in (
        "I need to move my interview on Thursday.",
        "I'm sorry, I have to cancel my appointment on Thursday.",
    ):
        found = commitments(text, direction="outbound")
        assert [c.due for c in found if c.kind == MEETING_OFF] == [date(2026, 11, 26)], text


@pytest.mark.parametrize(
    ("text", "meeting"),
    [
        ("Sadly the assessment panel has been rearranged, which means your interview is now on"
         " Tuesday 1 December at 2pm.", datetime(2026, 12, 1, 14, 0, tzinfo=EST)),
        ("The panel was rescheduled and your interview will now be held on Monday 30 November"
         " at 11:00.", datetime(2026, 11, 30, 11, 0, tzinfo=EST)),
        ("We had to cancel the panel, so your interview is now at 2pm on Thursday.",
         datetime(2026, 11, 26, 14, 0, tzinfo=EST)),
    ],
)  # fmt: skip
def test_the_day_a_moved_meeting_is_now_on_is_the_meeting(text: str, meeting: datetime) -> None:
    # the meeting it was before is off (no day named: the next one ahead), not the new day
    found = commitments(text)
    assert [c.due for c in found if c.kind == MEETING_OFF] == [None]
    assert [c.at for c in found if c.kind == MEETING] == [meeting]


def test_a_day_said_now_on_before_the_move_is_the_day_off() -> None:
    found = commitments("Your interview, now on Thursday, has been cancelled.")
    assert [(c.kind, c.due) for c in found] == [(MEETING_OFF, date(2026, 11, 26))]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Could we move your interview from Thursday to Monday at 10:00?", date(2026, 11, 26)),
        ("Apologies - something has come up. Could we move our call to Monday 30 November at"
         " 10:00 instead?", None),
        ("Sorry, Thursday is no longer possible. Would Monday 30 November at 10:00 work instead?",
         None),
        ("Could we reschedule to Monday 30 November at 10:00?", None),
        ("Would you mind if we moved our call to Monday 30 November at 10:00?", None),
        ("Could we push Thursday's call back to Monday 30 November at 10:00?", None),
        ("Could we do the call on Monday at 10:00 instead of Thursday?", date(2026, 11, 26)),
        ("Could we move our call half an hour earlier, to 9:30 on Thursday?", None),
    ],
)  # fmt: skip
def test_their_ask_to_move_a_meeting_marks_it_and_fixes_no_new_one(
    text: str, day: date | None
) -> None:
    # the meeting asked about (its day, or the next one): it stays until the user's yes
    # (agreed_move), and the time they propose is no meeting before it
    (asked,) = commitments(text)
    assert asks_to_move(asked) and (asked.kind, asked.due) == (CommitmentKind.MOVE_ASKED, day)
    assert asked.phrase in text and asked.phrase.endswith("?")


@pytest.mark.parametrize(
    "text",
    [
        # the user's ask, one asked of the user, a condition, a hedge, no new day, a change
        # of form or place, another thing moved, another meeting said to stay
        "Could you move my interview to Monday at 10:00?",
        "If you need to reschedule your interview on Thursday 26 November, reply here.",
        "If Thursday is hard, could we do Monday 30 November at 10:00 instead?",
        "We could move the call to Monday 30 November at 10:00 if that suits you better, but"
        " Thursday is fine for us.",
        "Could we move your interview forward by half an hour?",
        "Could we move your interview to a video call?",
        "Could we move the interview to our new office on Thursday? Same time.",
        "Can we move quickly on this?",
        "Could we move the deadline to Monday 30 November?",
        "Could we have the references by Friday at 17:00 instead?",
        "Could we move your onsite visit to Monday 30 November? Thursday's call stays as it is.",
    ],
)
def test_what_is_no_ask_to_move_a_meeting_marks_none(text: str) -> None:
    assert not any(asks_to_move(c) or c.kind == MEETING for c in commitments(text)), text
    assert commitments("Could we move the call to Friday at 2pm?", direction="outbound") == ()


def test_pushing_a_meeting_back_is_a_move() -> None:
    found = commitments("We need to push your interview back to Monday 30 November at 10:00.")
    assert [(c.kind, c.due) for c in found] == [
        (MEETING_OFF, None),
        (MEETING, date(2026, 11, 30)),
    ]
    assert not any(asks_to_move(c) for c in found)


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("Thursday 26 November at 10:00 works for me.", datetime(2026, 11, 26, 10, 0, tzinfo=EST)),
        ("Great news, thank you. Monday 30 November at 2pm suits me.",
         datetime(2026, 11, 30, 14, 0, tzinfo=EST)),
        ("I look forward to meeting you on Tuesday 1 December at 11:30.",
         datetime(2026, 12, 1, 11, 30, tzinfo=EST)),
        ("Thanks, Thursday 26 November at 10:00 works for me.",
         datetime(2026, 11, 26, 10, 0, tzinfo=EST)),
        ("Thank you Priya - Monday 30 November at 2pm is perfect.",
         datetime(2026, 11, 30, 14, 0, tzinfo=EST)),
        # thanks for a past one, and looking forward to news, is no meeting
        ("Thanks for the interview on Tuesday at 2pm, I look forward to meeting the team.", None),
        ("Looking forward to hearing from you by Friday at 5pm.", None),
        # offered, refused or asked: no meeting
        ("I could do a call on Tuesday at 2pm or Wednesday at 10am.", None),
        ("Tuesday at 2pm or Wednesday at 10am both work for me.", None),
        ("Tuesday at 2pm doesn't work for me, sorry.", None),
        ("Would Tuesday at 2pm work for you?", None),
        ("I'm available for an interview on Monday at 10:00.", None),
        ("Let me check whether a call on Tuesday at 2pm is possible.", None),
    ],
)  # fmt: skip
def test_the_user_taking_a_time_offered(text: str, at: datetime | None) -> None:
    found = commitments(text, direction="outbound")
    assert [c.at for c in found if c.kind == MEETING] == ([at] if at else [])


def test_conditional_user_promises_are_not_promises() -> None:
    assert commitments("I'll send them over if you need them.", direction="outbound") == ()


def test_outbound_mail_gives_the_users_promises() -> None:
    found = commitments(
        "Hi Jane, I'll send the references tomorrow. I will get back to you next week.",
        direction="outbound",
    )
    assert [(c.kind, c.due) for c in found] == [
        (USER_PROMISE, date(2026, 11, 26)),
        (USER_PROMISE, date(2026, 12, 4)),
    ]


def test_quoted_history_is_ignored() -> None:
    text = (
        "Thanks, talk soon.\n\nOn Mon, Nov 23, 2026 at 9:00 AM Jane <jane@acme.example> wrote:\n"
        "> We will get back to you by Friday.\n"
    )
    assert commitments(text) == ()
    lotus = "ok .\nvince\njane doe on 11 / 20 / 2026 03 : 46 : 43 pm\nwe will call you friday ."
    assert commitments(lotus) == ()


def test_hard_wrapped_sentences_are_joined() -> None:
    text = (
        "i was traveling recently . i shall evaluate the resume together with my\n"
        "associates and will get back to you thursday .\n"
    )
    assert only(text, REPLY).due == date(2026, 11, 26)


def test_reply_subjects_give_no_commitments_but_fresh_subjects_do() -> None:
    stale = extract_fields("Re: Interview on Tuesday at 10:00", "", sent_at=SENT, calendar=US)
    assert stale.commitments == ()
    fresh = extract_fields("Interview on Tuesday at 10:00", "", sent_at=SENT, calendar=US)
    assert fresh.first(MEETING) is not None


def _message(**overrides: object) -> ParsedMessage:
    fields: dict[str, object] = {
        "message_id": "<1@acme.example>",
        "message_id_synthesized": False,
        "in_reply_to": None,
        "references": (),
        "sender": Address("Jane Doe", "jane@acme.example"),
        "reply_to": (),
        "to": (Address("", "alex@example.org"),),
        "cc": (),
        "date": datetime(2026, 11, 27, 23, 30, tzinfo=timezone(timedelta(hours=-8))),
        "date_source": "header",
        "subject": "Your application to Acme",
        "body": "",
        "new_text": "Thanks Alex. I'll get back to you tomorrow.",
        "quoted": "",
        "signature": "Jane Doe\nTalent Acquisition Partner | Acme\nCall me tomorrow at 10:00",
        "footer": "",
        "attachments": (),
        "direction": "inbound",
        "content_hash": "x",
        "size": 100,
    }
    fields.update(overrides)
    return ParsedMessage(**fields)  # type: ignore[arg-type]


def test_a_time_across_a_clock_change_keeps_its_wall_clock_time_for_a_sender_in_your_zone(
) -> None:  # fmt: skip
    london, gb = ZoneInfo("Europe/London"), BusinessCalendar("GB")
    summer = timezone(timedelta(hours=1))  # London's offset on Thu 22 Oct; GMT from Sun 25th
    taken = _message(
        date=datetime(2026, 10, 22, 12, 30, tzinfo=summer),
        new_text="Tuesday 27 October at 2pm works for me.",
        direction="outbound",
    )
    meeting = extract_message(taken, gb, london).first(MEETING)
    assert meeting is not None and meeting.at == datetime(2026, 10, 27, 14, 0, tzinfo=london)
    # without the user's zone, the +01:00 of the Date header would put it at 13:00 GMT
    meeting = extract_message(taken, gb).first(MEETING)
    assert meeting is not None and meeting.at == datetime(2026, 10, 27, 13, 0, tzinfo=london)
    # a sender on another clock (Berlin, +02:00 that day) keeps their own offset
    berlin = replace(
        taken, date=datetime(2026, 10, 22, 13, 30, tzinfo=timezone(timedelta(hours=2)))
    )
    meeting = extract_message(berlin, gb, london).first(MEETING)
    assert meeting is not None and meeting.at == datetime(2026, 10, 27, 12, 0, tzinfo=UTC)


def test_a_new_york_time_across_the_end_of_summer_time_is_read_in_the_users_zone() -> None:
    new_york = ZoneInfo("America/New_York")
    # sent Tue 20 Oct 2026 (EDT, -04:00) for Tue 3 Nov, after the clocks went back on 1 Nov
    invitation = _message(
        date=datetime(2026, 10, 20, 11, 0, tzinfo=timezone(timedelta(hours=-4))),
        new_text="We would like to invite you to a video interview on Tuesday 3 November at 10:00.",
    )
    meeting = extract_message(invitation, US, new_york).first(MEETING)
    assert meeting is not None and meeting.at == datetime(2026, 11, 3, 15, 0, tzinfo=UTC)
    # a London user: the sender is on another clock, so their offset is all there is
    meeting = extract_message(invitation, US, ZoneInfo("Europe/London")).first(MEETING)
    assert meeting is not None and meeting.at == datetime(2026, 11, 3, 14, 0, tzinfo=UTC)


def test_extract_message_anchors_at_the_senders_day_and_reads_the_signature() -> None:
    extraction = extract_message(_message(), US)
    assert [(c.kind, c.due) for c in extraction.commitments] == [(REPLY, date(2026, 11, 28))]
    assert extraction.company == "Acme"
    assert extraction.sender_role == SenderRole.INHOUSE_RECRUITER


def test_extract_message_marks_auto_submitted_mail_and_sent_mail() -> None:
    assert extract_message(_message(auto_submitted=True), US).sender_role == (SenderRole.AUTOMATED)
    sent = extract_message(_message(direction="outbound"), US)
    assert sent.sender_role == SenderRole.USER
    assert [c.kind for c in sent.commitments] == [USER_PROMISE]


def test_an_out_of_office_reply_says_when_they_are_back_and_promises_nothing() -> None:
    away = extract_message(
        _message(
            subject="Automatic reply: Re: next steps",
            new_text="I am on annual leave from 20 to 27 November and back on Monday 30 "
            "November. I will get back to you on my return.",
            auto_reply=True,
        ),
        US,
    )
    assert away.away and away.sender_role == SenderRole.AUTOMATED
    assert [(c.kind, c.due) for c in away.commitments] == [(AWAY, date(2026, 11, 30))]
    assert away.commitments[0].phrase.startswith("I am on annual leave from 20 to 27 November")
    assert away.company == "Acme"  # who they are still counts
    # with no date, it is still an away notice; a date months away is no return date
    for text in ("I'm out of the office with limited access to email.",
                 "I'm out of the office until 30 November 2027."):  # fmt: skip
        undated = extract_message(_message(new_text=text, auto_reply=True), US)
        assert undated.away and undated.commitments == ()
    # an automatic reply that is an application's receipt keeps its promise
    receipt = extract_message(
        _message(
            new_text="Thank you for applying. We will get back to you within 10 business days.",
            auto_reply=True,
        ),
        US,
    )
    assert not receipt.away and [c.kind for c in receipt.commitments] == [REPLY]
    # a person who writes that they were out of the office is no automatic reply
    person = extract_message(_message(new_text="Sorry, I was out of the office. Friday?"), US)
    assert not person.away


@settings(max_examples=200, deadline=None)
@given(subject=st.text(max_size=80), text=st.text(max_size=600))
def test_no_text_crashes_extraction(subject: str, text: str) -> None:
    extraction = extract_fields(subject, text, sent_at=SENT, calendar=US)
    assert all(c.kind in CommitmentKind for c in extraction.commitments)


def test_a_date_at_the_end_of_the_calendar_is_no_meeting_and_no_deadline() -> None:
    # one such email once crashed status, export and the digest while it was stored
    invitation = "We would like to invite you to an interview on 31 December 9999 at 23:30 PST."
    assert commitments(invitation) == ()
    assert commitments("Interview on Friday 31 December 9999 at 11pm: please confirm.") == ()
    found = commitments("We will decide by 9999-12-30, please answer by 9999-12-31.")
    assert [(c.kind, c.due, c.strength) for c in found] == [(REPLY, None, Strength.VAGUE)]


fragments = st.sampled_from(
    [
        "We will get back to you", "within 99999999 days", "by the 31st of February",
        "you'll hear from us", "on 99/99/9999", "at 99:99", "by the 3rd", "please respond",
        "interview", "tomorrow at 25pm", "\n\n", ". ", "in 0 days", "by 12/4", "ǅ", "\u0130",
        "Friday's", "next week", "after the holidays", "(JR12345)", "Role:", "my client,",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(fragments, max_size=12), offset_hours=st.integers(-12, 14))
def test_hostile_fragments_do_not_crash(parts: list[str], offset_hours: int) -> None:
    sent = datetime(2026, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=offset_hours)))
    extraction = extract_fields(" ".join(parts), " ".join(parts), sent_at=sent, calendar=US)
    # nothing before the message, but a date without a year that passed within a month
    earliest = date(2026, 12, 31) - timedelta(days=RECENT_PAST_DAYS)
    for commitment in extraction.commitments:
        assert commitment.due is None or commitment.due >= earliest


@pytest.mark.parametrize(
    "text",
    [" " * 20000, "\n" * 20000, "by 12/12 " * 2000, ". " * 10000, "Acme Corp Foo " * 1500,
     "the call was moved " * 1000, "office move is " * 1500],
)  # fmt: skip
def test_pathological_texts_stay_fast(text: str) -> None:
    started = time.process_time()
    extract_fields(text[:5000], text, sent_at=SENT, calendar=US)
    assert time.process_time() - started < 2.0  # no quadratic blow-up (each is ~0.1 s)


@pytest.mark.slow
def test_extraction_cost_per_message() -> None:
    if not CORPUS.exists():
        pytest.skip("shared corpus not present")
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    started = time.process_time()
    for _ in range(5):
        for row in rows:
            extract_fields(row["subject"], row["body"], sent_at=SENT, calendar=US)
    per_message = (time.process_time() - started) / (5 * len(rows))
    assert per_message < 0.005  # generous: the figure (under 1 ms) is in bench/eval_dates.py


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        ("Thank you so much. I'm delighted to accept the offer and look forward to joining.",
         Outcome.ACCEPTED),
        ("I accept your offer.", Outcome.ACCEPTED),
        ("After a lot of thought I have decided not to accept the offer.", Outcome.DECLINED),
        ("I'm afraid I must decline your kind offer.", Outcome.DECLINED),
        ("I've accepted another offer, so I'd like to withdraw from the Northwind process.",
         Outcome.WITHDRAWN),
        ("Please withdraw my application.", Outcome.WITHDRAWN),
        ("I'm no longer interested in this position, thank you.", Outcome.WITHDRAWN),
        # undecided, asked, conditional or negated: no decision
        ("Before I accept the offer, could we talk about the start date?", None),
        ("I'd like to accept the offer, but could we discuss the start date?", None),
        ("I am still deciding whether to accept the offer.", None),
        ("Happy to accept the offer once the contract is updated.", None),
        ("If I accept the offer, when would I start?", None),
        ("I can't accept the offer at this salary.", None),
        ("I don't want to decline the offer but need more time.", None),
        ("Congratulations on the offer you made to the other candidate.", None),
        # someone else's wish, reported
        ("They want me to accept the offer by Friday.", None),
        ("They asked me to withdraw my application.", None),
        ("I was told to decline the offer in writing.", None),
        ("Sam has decided to accept the offer.", None),
    ],
)  # fmt: skip
def test_the_users_own_decision(text: str, decision: Outcome | None) -> None:
    found = user_decision(text)
    assert (found[0] if found else None) == decision
    sent = extract_fields("Re: Offer", text, sent_at=SENT, calendar=US, direction="outbound")
    assert sent.decision == decision
    # what they write is never read as the user's decision
    assert extract_fields("Re: Offer", text, sent_at=SENT, calendar=US).decision is None


def test_a_decision_quoted_below_a_reply_is_not_the_users() -> None:
    text = "Thanks, talk soon.\n\nOn Tue, 1 Dec 2026, Jane wrote:\n> I accept your offer."
    sent = extract_fields("Re: Offer", text, sent_at=SENT, calendar=US, direction="outbound")
    assert sent.decision is None


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("You have withdrawn your application to Acme Corp for Data Analyst.", Outcome.WITHDRAWN),
        ("Your application was withdrawn at your request. We have told your referees.",
         Outcome.WITHDRAWN),
        ("We have received your request to withdraw your application.", Outcome.WITHDRAWN),
        ("At your request, Acme Teaching School has withdrawn your application to study Maths.",
         Outcome.WITHDRAWN),
        ("You’ve declined your offer to study Mathematics at Acme Teaching School.",
         Outcome.DECLINED),
        ("You have accepted Acme Teaching School’s offer to study Mathematics.", Outcome.ACCEPTED),
        ("Since you've accepted the offer, I'll send the contract this week.", Outcome.ACCEPTED),
        ("You have accepted the full-time offer from Acme.", Outcome.ACCEPTED),
        # news that it is done, with no reason of theirs: the user's withdrawal
        ("Your application for the Pricing Analyst role at Tarn Bank has been withdrawn.",
         Outcome.WITHDRAWN),
        ("Your application has been withdrawn. You can apply again at any time.",
         Outcome.WITHDRAWN),
        ("We confirm that your application to Tarn Bank has been withdrawn as requested.",
         Outcome.WITHDRAWN),
        ("We have withdrawn your application as requested.", Outcome.WITHDRAWN),
        ("As requested, we have withdrawn your application for the Pricing Analyst role.",
         Outcome.WITHDRAWN),
        ("I have withdrawn your application from the Northwind process.", Outcome.WITHDRAWN),
        ("We have withdrawn your application as you asked.", Outcome.WITHDRAWN),
        ("We have withdrawn your application for the Data Analyst role as you asked.",
         Outcome.WITHDRAWN),
        # a portal's status that names the user's answer to its offer (it read rejection 0.76)
        ("Your application status has changed to Offer Accepted. Sign in to view it.",
         Outcome.ACCEPTED),
        ("The status of your application for Data Analyst has been updated to Offer Declined.",
         Outcome.DECLINED),
        ("Status: Offer Accepted", Outcome.ACCEPTED),
    ],
)  # fmt: skip
def test_a_portal_confirming_what_the_user_did(text: str, outcome: Outcome) -> None:
    assert confirmed_decision(text) == (outcome, text.split(". ")[0].rstrip("."))


@pytest.mark.parametrize(
    "text",
    [
        "If you have withdrawn your application by mistake, contact us.",
        "Once you have accepted the offer, we will send the contract.",
        "Have you withdrawn your application?",
        "Thank you for letting us know you have accepted another offer.",
        "You have accepted an interview offer for Tuesday at 10:00.",
        "Your application has been withdrawn because the vacancy was closed.",
        "You have not withdrawn your application.",
        "At your request, we have moved your interview; Acme has withdrawn the offer.",
        "We haven't recorded that you have withdrawn your application.",
        "Should you have withdrawn your application in error, contact us.",
        # an offer letter, before the user has answered it
        "Please sign below to confirm you have accepted the offer on these terms.",
        "By signing this letter you have accepted the offer of employment.",
        # the vacancy withdrawn, not the application
        "Unfortunately the position has been withdrawn.",
        "The role has been withdrawn from advertising while the budget is reviewed.",
        "Your application for the vacancy, which has been withdrawn, is now closed.",
        # their reason, their error, a condition, a warning: no decision of the user's
        "Your application has been withdrawn as the position has been filled.",
        # their reason after what was withdrawn
        "We have withdrawn your application for the Data Analyst role because you did not "
        "respond to our messages.",
        "We have withdrawn your application from the Acme process as the role has closed.",
        "You did not reply to the offer in time, so we have withdrawn your application.",
        "Unfortunately your application has been withdrawn.",
        "Your application has been withdrawn in error; we have reinstated it.",
        "If your application has been withdrawn in error, please contact us.",
        "Your application will be withdrawn if you do not respond by Friday.",
        "Please confirm that your application has been withdrawn.",
        # a status that is their offer, or a condition or question about one
        "Application status: Offer Extended. Please sign in.",
        "If your status is Offer Accepted, please complete the onboarding forms.",
        "Has your status changed to Offer Accepted?",
    ],
)
def test_what_a_portal_confirms_nothing_by(text: str) -> None:
    assert confirmed_decision(text) is None


def test_a_passive_confirmation_after_a_farewell_is_the_users_withdrawal() -> None:
    text = "We're sorry to see you go. Your application has been withdrawn."
    assert confirmed_decision(text) == (Outcome.WITHDRAWN, "Your application has been withdrawn")


def test_a_decision_confirmed_in_quoted_history_is_not_this_messages() -> None:
    quoted = extract_fields(
        "Re: your application",
        "Thanks Alex, noted.\n\nOn Mon, 23 Nov 2026, Apply wrote:\n"
        "> You have withdrawn your application to Acme.\n",
        sent_at=SENT,
        calendar=US,
    )
    assert quoted.decision is None
    said = extract_fields(
        "You've declined your offer from Fernhill School",
        "Dear Alex,\n\nWe have told them.\n",
        sent_at=SENT,
        calendar=US,
    )
    assert (said.decision, said.decision_phrase) == (
        Outcome.DECLINED,
        "You've declined your offer from Fernhill School",
    )


GB = BusinessCalendar("GB")
ASKED_ON = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday


def quoting(ask: str) -> str:
    """The quoted history of a reply to the user's mail that says `ask`, over older mail."""
    return (
        "On Mon, 23 Nov 2026 at 10:02, Alex Morgan <alex@example.org> wrote:\n"
        f"> Hi Priya,\n>\n> Thank you for the offer. {ask}\n>\n> Alex\n>\n"
        "> On Fri, 20 Nov 2026, Priya <priya@acme.example> wrote:\n"
        ">> Could I have until Friday 4 December to send the contract?"
    )


@pytest.mark.parametrize(
    ("ask", "reply", "due"),
    [
        ("Could I have until Wednesday 2 December to decide?", "Hi Alex,\n\nWednesday 2 "
         "December is fine. Speak then.", date(2026, 12, 2)),
        ("Could I have until Wednesday 2 December to decide?", "Yes, that's fine.",
         date(2026, 12, 2)),
        ("Would it be possible to give you my answer by Wednesday 2 December?", "Of course.",
         date(2026, 12, 2)),
        ("I'd appreciate a little more time, until Wednesday 2 December.",
         "Hi Alex, no problem at all - take your time.", date(2026, 12, 2)),
        # a weekday alone is read from the reply's day
        ("Could I let you know by Wednesday?", "Sure.", date(2026, 11, 25)),
        # the date they name is the one that counts
        ("Could I have until Wednesday 2 December to decide?", "Friday 4 December works for us.",
         date(2026, 12, 4)),
        # a yes said with a negation
        ("Could I have until Wednesday 2 December to decide?", "That's not a problem.",
         date(2026, 12, 2)),
        ("Could I have until Wednesday 2 December to decide?", "That won't be a problem.",
         date(2026, 12, 2)),
        ("Could I have until Wednesday 2 December to decide?", "Don't worry, take your time.",
         date(2026, 12, 2)),
        ("Would you mind if I took until Wednesday 2 December to think it over?",
         "That should be fine.", date(2026, 12, 2)),
        ("Is it OK if I get back to you by Wednesday 2 December?",
         "Hi Alex, thanks for letting me know. Wednesday is fine.", date(2026, 12, 2)),
    ],
)  # fmt: skip
def test_the_time_you_asked_for_and_they_grant_is_your_deadline(
    ask: str, reply: str, due: date
) -> None:
    granted = agreed_extension(reply, quoting(ask), sent_at=ASKED_ON, calendar=GB)
    assert granted is not None
    assert (granted.kind, granted.due, granted.granted) == (CommitmentKind.USER_DEADLINE, due, True)


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        ("Could I have until Wednesday 2 December to decide?",
         "I'll check with the hiring manager and come back to you."),
        ("Could I have until Wednesday 2 December to decide?",
         "Sure, but we do need an answer by Tuesday 1 December."),
        ("Could I have until Wednesday 2 December to decide?", "I'm afraid that's not possible."),
        ("Could I have until Wednesday 2 December to decide?", "Is Tuesday an option instead?"),
        ("Could I have until Wednesday 2 December to decide?", "Great to hear from you."),
        ("Could I have until Wednesday 2 December to decide?", "It's not ideal, but fine."),
        ("Could I have until Wednesday 2 December to decide?", "I don't think that will work."),
        # no ask in the mail answered (the older mail's ask is theirs, and older)
        ("I will think about it over the weekend.", "Yes, that's fine."),
        ("Could I have the job description again?", "Of course."),
    ],
)  # fmt: skip
def test_no_ask_or_no_plain_yes_grants_nothing(ask: str, reply: str) -> None:
    assert agreed_extension(reply, quoting(ask), sent_at=ASKED_ON, calendar=GB) is None


@pytest.mark.parametrize(
    "reply",
    [
        "We can do Monday 30 November, but no later.",
        "Hi Alex,\n\nI'm afraid we can only stretch to Monday 30 November. Speak soon.",
        "The best we can do is Monday 30 November.",
        "Monday 30 November is the latest we can do.",
        "We could do Monday 30 November at the latest.",
    ],
)
def test_a_date_of_their_own_instead_of_the_one_asked_for_is_your_deadline(reply: str) -> None:
    ask = quoting("Could I have until Wednesday 2 December to decide?")
    granted = agreed_extension(reply, ask, sent_at=ASKED_ON, calendar=GB)
    assert granted is not None
    assert (granted.kind, granted.due, granted.granted) == (
        CommitmentKind.USER_DEADLINE,
        date(2026, 11, 30),
        True,
    )
    # read from the message, as a plain yes is
    message = _message(date=ASKED_ON, new_text=reply, quoted=ask)
    assert [(c.due, c.granted) for c in extract_message(message, GB).commitments] == [
        (date(2026, 11, 30), True)
    ]


@pytest.mark.parametrize(
    ("ask", "reply"),
    [
        # a condition, a choice, a meeting offered, a question, a refusal: no grant
        ("Could I have until Wednesday 2 December to decide?",
         "We can do Monday 30 November if the hiring manager agrees."),
        ("Could I have until Wednesday 2 December to decide?",
         "We can do Monday 30 November or Tuesday 1 December."),
        ("Could I have until Wednesday 2 December to decide?",
         "We can do a call on Monday 30 November at 10:00 to talk it through."),
        ("Could I have until Wednesday 2 December to decide?", "Can we do Monday 30 November?"),
        ("Could I have until Wednesday 2 December to decide?", "We can't do Wednesday, sorry."),
        # their date with no ask for time in the mail answered
        ("Could I have the job description again?", "We can do Monday 30 November."),
    ],
)  # fmt: skip
def test_no_date_of_their_own_grants_time_without_a_plain_grant(ask: str, reply: str) -> None:
    assert agreed_extension(reply, quoting(ask), sent_at=ASKED_ON, calendar=GB) is None


def test_a_reply_that_grants_time_carries_the_deadline_and_one_with_its_own_keeps_that() -> None:
    asked = quoting("Could I have until Wednesday 2 December to decide?")
    reply = _message(date=ASKED_ON, new_text="Yes, that's fine.", quoted=asked)
    (granted,) = extract_message(reply, GB).commitments
    assert (granted.kind, granted.due, granted.granted) == (
        CommitmentKind.USER_DEADLINE,
        date(2026, 12, 2),
        True,
    )
    # their own deadline is theirs to say
    firm = replace(reply, new_text="Yes, but please let us know by Tuesday 1 December.")
    assert [(c.due, c.granted) for c in extract_message(firm, GB).commitments] == [
        (date(2026, 12, 1), False)
    ]
    # the user's own mail quoting an ask grants nothing
    assert extract_message(replace(reply, direction="outbound"), GB).commitments == ()


def test_a_top_posted_yes_is_read_against_the_stored_mail_it_answers() -> None:
    # "Sure, take the time you need." with no history under it: the stored ask it replies
    # to (the pipeline passes it) says what was granted
    ask = "Thanks so much. Might I have until Thursday 3 December to think it over?"
    reply = _message(date=ASKED_ON, new_text="Sure, take the time you need.", quoted="")
    assert extract_message(reply, GB).commitments == ()
    (granted,) = extract_message(reply, GB, replied_to=ask).commitments
    assert (granted.kind, granted.due, granted.granted) == (
        CommitmentKind.USER_DEADLINE,
        date(2026, 12, 3),
        True,
    )
    # a quote, when there is one, is what the reply answers
    quoted = replace(reply, quoted=quoting("Could I have the salary band in writing?"))
    assert extract_message(quoted, GB, replied_to=ask).commitments == ()
    # a stored question that asks for no time grants nothing
    question = "Could you tell me whether the team works from the office on Fridays?"
    assert extract_message(reply, GB, replied_to=question).commitments == ()


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Thanks so much! Might I have until Thursday 3 December to think it over?",
         date(2026, 12, 3)),
        ("Would it be possible to give you my answer by Monday 30 November?", date(2026, 11, 30)),
        ("I'll let you know by Friday.", date(2026, 11, 27)),
        # a question about the package or a thank-you says nothing of when
        ("Could you tell me whether the role is hybrid?", None),
        ("Could I have a copy of the pension scheme rules?", None),
        ("Thank you so much, I'm thrilled to receive the offer!", None),
    ],
)  # fmt: skip
def test_your_ask_for_time_is_your_word_on_when_you_answer(text: str, due: date | None) -> None:
    found = extract_commitments(text, sent_at=ASKED_ON, calendar=GB, direction="outbound")
    dated = [c.due for c in found if c.kind == CommitmentKind.USER_PROMISE and c.due]
    assert dated == ([due] if due else [])


def test_the_phrase_of_an_ask_for_time_says_it_asks() -> None:
    def phrases(text: str) -> list[str]:
        found = extract_commitments(text, sent_at=ASKED_ON, calendar=GB, direction="outbound")
        return [c.phrase for c in found if c.kind == CommitmentKind.USER_PROMISE]

    (ask,) = phrases("Thank you! Could I have until Wednesday 2 December to decide?")
    assert asks_for_time(ask)
    (possible,) = phrases("Would it be possible to give you my answer by Monday 30 November?")
    assert asks_for_time(possible)
    (promise,) = phrases("I'll let you know my decision by Friday.")
    assert not asks_for_time(promise)


MOVE = "Could we move your interview from Thursday to Monday 30 November at 10:00?"


def moves(reply: str, ask: str = MOVE) -> list[tuple[CommitmentKind, date | None, str]]:
    found = agreed_move(reply, quoting(ask), sent_at=ASKED_ON, calendar=GB)
    return [(c.kind, c.due, c.at.strftime("%H:%M") if c.at else "") for c in found]


@pytest.mark.parametrize(
    "reply",
    ["Yes, that works.", "Hi Priya,\n\nMonday works for me. See you then.",
     "Monday 30 November at 10:00 is fine.", "Monday suits me.", "Monday is perfect, thank you."],
)  # fmt: skip
def test_a_move_asked_and_agreed_takes_the_meeting_off_its_old_day(reply: str) -> None:
    assert moves(reply) == [
        (CommitmentKind.MEETING_OFF, date(2026, 11, 26), ""),
        (CommitmentKind.MEETING, date(2026, 11, 30), "10:00"),
    ]
    # the day it was on may come before the new one, after "on"
    on_thursday = (
        "Could we move your interview on Thursday 26 November to Monday 30 November at 10:00?"
    )
    assert moves(reply, on_thursday) == moves(reply)


@pytest.mark.parametrize(
    "ask",
    [
        "Sorry, something has come up. Would Monday 30 November at 10:00 work instead?",
        "Could we reschedule to Monday 30 November at 10:00?",
        "Would you mind if we moved our call to Monday 30 November at 10:00?",
        "Could we push Thursday's call back to Monday 30 November at 10:00?",
    ],
)
def test_the_common_asks_to_move_agreed_move_the_next_meeting(ask: str) -> None:
    assert moves("Yes, that works for me.", ask) == [
        (CommitmentKind.MEETING_OFF, None, ""),
        (CommitmentKind.MEETING, date(2026, 11, 30), "10:00"),
    ]


def test_a_yes_to_moving_another_meeting_takes_none_off() -> None:
    # "Thursday's call stays as it is": the next meeting is not the one moved
    ask = "Could we move your onsite visit to Monday 30 November? Thursday's call stays as it is."
    assert moves("Yes, that works for me.", ask) == [
        (CommitmentKind.MEETING, date(2026, 11, 30), "")
    ]


def test_a_move_to_a_new_place_and_time_asked_and_agreed_is_that_move() -> None:
    ask = "Could we move your interview to our London office on Monday 30 November at 10:00?"
    assert moves("Yes, that works.", ask) == [
        (CommitmentKind.MEETING_OFF, None, ""),
        (CommitmentKind.MEETING, date(2026, 11, 30), "10:00"),
    ]
    # a new place alone moves nothing
    assert moves("Yes, that works.", "Could we move your interview to Zoom?") == []


@pytest.mark.parametrize(
    ("reply", "ask"),
    [
        ("Tuesday 1 December would suit me better.", MOVE),  # another day
        ("I'm afraid I can't do Monday.", MOVE),
        ("Thanks Priya.", MOVE),
        # a statement settled it already; a condition or a new meeting moves nothing
        ("Yes, that works.", "We need to move your interview from Thursday to Monday at 10:00."),
        ("Yes, that works.", "If you need to reschedule your interview on Thursday, could you "
         "do Monday at 10:00?"),
        ("Yes, that works.", "Could we have a call on Monday 30 November at 10:00?"),
    ],
)  # fmt: skip
def test_no_yes_or_no_move_asked_moves_nothing(reply: str, ask: str) -> None:
    assert moves(reply, ask) == []


def test_a_reply_agreeing_to_a_move_carries_it_once() -> None:
    reply = _message(
        date=ASKED_ON,
        new_text="Hi Priya,\n\nMonday works for me. See you then.",
        quoted=quoting(MOVE),
        direction="outbound",
    )
    found = [(c.kind, c.due, c.at) for c in extract_message(reply, GB).commitments]
    # the reply's own "Monday works for me" gave the day; the question gives its time
    assert found == [
        (CommitmentKind.MEETING_OFF, date(2026, 11, 26), None),
        (CommitmentKind.MEETING, date(2026, 11, 30), datetime(2026, 11, 30, 10, 0, tzinfo=UTC)),
    ]


def test_the_time_a_move_asked_for_replaces_the_replys_own_day_without_one() -> None:
    reply = _message(
        date=ASKED_ON,
        new_text="Monday 30 November works for me, see you then.",  # a day, no time
        quoted=quoting("Could we move your interview to Monday 30 November at 10:00?"),
        direction="outbound",
    )
    found = [(c.kind, c.at) for c in extract_message(reply, GB).commitments]
    # (no old day named: the next meeting ahead is off)
    assert found == [
        (CommitmentKind.MEETING_OFF, None),
        (CommitmentKind.MEETING, datetime(2026, 11, 30, 10, 0, tzinfo=UTC)),
    ]


def test_a_meeting_moved_on_its_day_to_another_is_off_that_day() -> None:
    found = extract_commitments(
        "We need to move your interview on Thursday 26 November to Monday 30 November at 10:00.",
        sent_at=ASKED_ON,
        calendar=GB,
    )
    assert [(c.kind, c.due) for c in found] == [
        (CommitmentKind.MEETING_OFF, date(2026, 11, 26)),
        (CommitmentKind.MEETING, date(2026, 11, 30)),
    ]


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("The manager is away this week, so realistically it will be the week after next "
         "before we have news.", REPLY, date(2026, 12, 11)),
        ("It will be Friday before I know more.", REPLY, date(2026, 11, 27)),
        ("Feedback should be with you within a fortnight.", REPLY, date(2026, 12, 8)),
        ("Your assessment link expires in 72 hours.", CommitmentKind.USER_DEADLINE,
         date(2026, 11, 27)),
        ("Could you confirm your availability by end of day tomorrow?",
         CommitmentKind.USER_DEADLINE, date(2026, 11, 25)),
        ("The offer is valid for 5 working days.", CommitmentKind.USER_DEADLINE,
         date(2026, 12, 1)),
        ("The offer is open for 7 days from today.", CommitmentKind.USER_DEADLINE,
         date(2026, 12, 1)),
        ("This offer remains open for two weeks.", CommitmentKind.USER_DEADLINE,
         date(2026, 12, 8)),
    ],
)  # fmt: skip
def test_more_ways_of_saying_when(text: str, kind: CommitmentKind, due: date) -> None:
    tuesday = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    found = extract_commitments(text, sent_at=tuesday, calendar=GB)
    assert [(c.kind, c.due) for c in found] == [(kind, due)]


@pytest.mark.parametrize(
    "text",
    [
        "It was great to meet you before the panel on Tuesday.",
        "The test expires when you close the window.",
        "I worked there for 5 years before moving to Leeds.",
        # validity that is no time to answer in
        "Please upload a passport that will be valid for 6 months.",
        "Pick a slot with the link below. The link is valid for 5 days.",
    ],
)
def test_before_and_expiry_words_without_a_promise_or_a_date_say_nothing(text: str) -> None:
    tuesday = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert extract_commitments(text, sent_at=tuesday, calendar=GB) == ()


# A Wednesday in London: the findings below were all seen from a UK mailbox.
WEDNESDAY = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def uk(text: str, direction: str = "inbound") -> tuple[Commitment, ...]:
    return extract_commitments(text, sent_at=WEDNESDAY, calendar=GB, direction=direction)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Two of the panel are abroad. I cannot promise we will come back to you by Friday.",
         "I cannot promise we will come back to you by Friday"),
        ("I can't guarantee the client will have feedback for you by Monday.",
         "I can't guarantee the client will have feedback for you by Monday"),
        ("There's no guarantee that a decision will be made by the end of the week.",
         "There's no guarantee that a decision will be made by the end of the week"),
        ("I'm not sure we'll have an answer for you by Thursday.",
         "I'm not sure we'll have an answer for you by Thursday"),
    ],
)  # fmt: skip
def test_a_hedged_date_is_no_promised_date(text: str, phrase: str) -> None:
    # they will reply, but not by the date they name: VAGUE, quoted with its hedge
    found = uk(text)
    assert [(c.kind, c.due, c.strength, c.phrase) for c in found] == [
        (REPLY, None, Strength.VAGUE, phrase)
    ]


def test_a_hedged_reply_without_a_date_is_no_promise_and_a_hedge_elsewhere_is_no_hedge(
) -> None:  # fmt: skip
    assert uk("I can't promise we'll hear back from the client at all.") == ()
    assert uk("I can't promise I'll get back to you by Friday.", direction="outbound") == (
        Commitment(USER_PROMISE, "I can't promise I'll get back to you by Friday", Strength.VAGUE),
    )
    for text in (
        "I can't promise anything, but we will get back to you by Friday.",
        "Not sure if you saw my last email - we'll get back to you by Friday.",
        "I have no doubt we'll have news for you by Friday.",
    ):
        assert [(c.kind, c.due) for c in uk(text)] == [(REPLY, date(2026, 11, 27))], text


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("The contract follows on Monday, and you'll have until Friday 4 December to accept.",
         date(2026, 12, 4)),
        ("You will have until Thursday 3 December to accept the offer.", date(2026, 12, 3)),
        ("Our offer stands until Friday 4 December.", date(2026, 12, 4)),
        ("This offer will lapse if not accepted by 4 December.", date(2026, 12, 4)),
        ("The offer will be withdrawn if it is not signed by Friday.", date(2026, 11, 27)),
        ("We would need a decision from you by Friday.", date(2026, 11, 27)),
        ("We'd need to hear back from you by Monday.", date(2026, 11, 30)),
    ],
)  # fmt: skip
def test_time_to_answer_an_offer(text: str, due: date) -> None:
    assert [(c.kind, c.due) for c in uk(text)] == [(DEADLINE, due)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # someone else's time, or a promise: no deadline for the user
        ("The panel will have until Friday to decide.", []),
        ("My offer to help stands until you find a role.", []),
        ("We need a decision from the panel first, and we'll get back to you by Friday.",
         [(REPLY, date(2026, 11, 27))]),
        ("You would have until Friday if we had a start date.", []),
    ],
)  # fmt: skip
def test_time_words_that_give_the_user_no_deadline(
    text: str, found: list[tuple[CommitmentKind, date]]
) -> None:
    assert [(c.kind, c.due) for c in uk(text)] == found


@pytest.mark.parametrize(
    ("text", "due", "strength"),
    [
        # counted from the interview the message sets, not from the message
        ("Your panel interview is on Thursday 3 December at 14:00. We'll let you know the outcome "
         "within a week of the interview.", date(2026, 12, 10), Strength.RELATIVE),
        ("The interview is on Friday 27 November at 9am. We will be in touch within 48 hours "
         "of the interview.", date(2026, 11, 29), Strength.RELATIVE),
        ("We'll let you know within a week of your interview on Tuesday 1 December.",
         date(2026, 12, 8), Strength.RELATIVE),
        ("Applications close on Monday 30 November. We will get back to all candidates within two "
         "weeks of the closing date.", date(2026, 12, 14), Strength.RELATIVE),
        # an event whose day the message does not give: the date is not known
        ("Please do the exercise. We will review it and reply within 5 working days of "
         "receiving it.", None, Strength.VAGUE),
        ("We will be in touch within 48 hours of the call.", None, Strength.VAGUE),
        # counted from the message itself, as before
        ("We will get back to you within 10 working days of receiving your application.",
         date(2026, 12, 9), Strength.RELATIVE),
        ("We will be in touch within 2 weeks of today.", date(2026, 12, 9), Strength.RELATIVE),
        # "the week after" a day named just before: the week after that day
        ("We are interviewing until 4 December and will get back to all candidates the week "
         "after.", date(2026, 12, 11), Strength.RELATIVE),
        ("The hiring manager is away until Monday 7 December, so we'll get back to you the "
         "week after.", date(2026, 12, 18), Strength.RELATIVE),
        ("We are interviewing until 4 December and will get back to you the following week.",
         date(2026, 12, 11), Strength.RELATIVE),
        ("We'll get back to you the following week.", date(2026, 12, 4), Strength.RELATIVE),
    ],
)  # fmt: skip
def test_a_span_counted_from_an_event(text: str, due: date | None, strength: Strength) -> None:
    promise = [c for c in uk(text) if c.kind == REPLY]
    assert [(c.due, c.strength) for c in promise] == [(due, strength)]


def test_a_span_from_an_interview_is_vague_when_the_message_sets_several() -> None:
    text = (
        "Your phone screen is on Monday 30 November at 10:00. Your panel interview is on "
        "Thursday 3 December at 14:00. We'll let you know within a week of the interview."
    )
    promise = only_uk(text, REPLY)
    assert (promise.due, promise.strength) == (None, Strength.VAGUE)
    assert promise.phrase.endswith("within a week of the interview")


def only_uk(text: str, kind: CommitmentKind) -> Commitment:
    found = [c for c in uk(text) if c.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # the interview's day is the meeting's; the promise is dated by its own "by"
        ("I'll confirm the time of your interview on Tuesday by end of day today.",
         date(2026, 11, 25)),
        ("I will confirm your call for Monday by tomorrow.", date(2026, 11, 26)),
        # with no other date, the day stays the promise's, as before
        ("I'll call you on Monday to talk about the interview on Thursday.", date(2026, 11, 30)),
    ],
)  # fmt: skip
def test_a_promise_about_a_meeting_is_dated_by_its_own_by(text: str, due: date) -> None:
    assert only_uk(text, REPLY).due == due


@pytest.mark.parametrize(
    ("text", "due", "at"),
    [
        ("We'll confirm the interview for Tuesday 1 December at 10:00.", date(2026, 12, 1),
         datetime(2026, 12, 1, 10, 0, tzinfo=EST)),
        ("I will confirm your call on Monday at 2pm with the hiring manager.", date(2026, 11, 30),
         datetime(2026, 11, 30, 14, 0, tzinfo=EST)),
        ("We'll confirm the interview for Tuesday.", date(2026, 12, 1), None),
    ],
)  # fmt: skip
def test_a_promise_to_confirm_a_meeting_on_its_day_is_that_meeting(
    text: str, due: date, at: datetime | None
) -> None:
    # the day is when the interview is: nothing is owed before it, and it is the next meeting
    assert [(c.kind, c.due, c.at) for c in commitments(text)] == [(MEETING, due, at)]


def test_a_promise_to_confirm_with_a_day_of_its_own_stays_a_promise() -> None:
    found = commitments("We'll confirm the interview for Tuesday by tomorrow.")
    assert [(c.kind, c.due) for c in found] == [(REPLY, date(2026, 11, 26))]
    # a meeting not confirmed but talked about: the call is the promise
    talk = commitments("We will confirm next steps after your interview on Tuesday.")
    assert [c.kind for c in talk] == [REPLY]


@pytest.mark.parametrize(
    ("text", "date_words"),
    [
        ("We will come back to you by 04.12.2026 at the latest.", "by 04.12.2026"),
        ("We'll revert by 4.12. Thanks for your patience.", "by 4.12"),
    ],
)
def test_a_dotted_date_does_not_end_the_promise(text: str, date_words: str) -> None:
    # whether or not the date is read, the phrase quoted keeps it whole
    promise = only_uk(text, REPLY)
    assert promise.phrase.endswith(date_words) or f"{date_words} " in promise.phrase
    assert "Thanks" not in promise.phrase


@pytest.mark.parametrize(
    ("text", "due", "phrase"),
    [
        ("Hi Alex, no news from the client yet, will chase and revert early next week. P",
         date(2026, 12, 1), "will chase and revert early next week"),
        ("Nothing yet. Will chase them and revert early next week.", date(2026, 12, 1),
         "Will chase them and revert early next week"),
        ("I'm on leave until Monday but will get back to you then.", date(2026, 11, 30),
         "Monday but will get back to you then"),
        ("Noted, will confirm tomorrow.", date(2026, 11, 26), "will confirm tomorrow"),
        ("No news from them yet - will chase and revert early next week.", date(2026, 12, 1),
         "will chase and revert early next week"),
        # a day before a dash is another clause's: the promise after it is vague, not today's
        ("Sat down with the hiring manager today - we will get back to you shortly.", None,
         "we will get back to you shortly"),
        ("We have had many replies and will review them and get back to you within 2 weeks.",
         date(2026, 12, 9), "will review them and get back to you within 2 weeks"),
    ],
)  # fmt: skip
def test_a_promise_with_no_subject(text: str, due: date, phrase: str) -> None:
    promise = only_uk(text, REPLY)
    assert (promise.due, promise.phrase) == (due, phrase)


@pytest.mark.parametrize(
    "text",
    [
        # "will" that is a name, a question or no reply to the user
        "Thanks, Will. Let me know by Friday.",
        "Hi Alex, Will from the agency here, chat on Friday?",
        "Not sure yet, will you confirm by Friday?",
        "The team is busy, so will the panel respond by Friday?",
        "Thanks, will forward your CV to the client today.",
        "Thanks - Will from Acme will call you.",
        "Meeting went well - will you be free on Friday?",
    ],
)
def test_will_without_a_subject_that_promises_nothing(text: str) -> None:
    assert [c for c in uk(text) if c.kind == REPLY] == []


FORWARDED = (
    "---------- Forwarded message ---------\n"
    "From: Dan Hale <dan.hale@client.example>\n"
    "Date: Mon, 23 Nov 2026 at 16:10\n"
    "Subject: Interview - Alex Morgan\n"
    "To: Jane Doe <jane@agency.example>\n\n"
    "Hi Jane,\n\nHappy to confirm Alex's interview on Thursday 3 December at 11:00. "
    "We'll give you our feedback by Wednesday.\n\nDan\n"
)


def test_a_forward_under_a_short_pointer_is_read() -> None:
    forward = _message(
        subject="Fwd: Interview - Alex Morgan",
        date=WEDNESDAY,
        new_text="Hi Alex,\n\nGood news, see below - all confirmed!\n\nJane",
        quoted=FORWARDED,
        signature="",
    )
    found = {c.kind: c for c in extract_message(forward, GB).commitments}
    assert found[MEETING].at == datetime(2026, 12, 3, 11, 0, tzinfo=UTC)
    # "by Wednesday" counts from the forwarded mail's own date (Monday 23rd), not the forward's
    assert found[REPLY].due == date(2026, 11, 25)


def test_a_forward_is_not_read_under_a_real_message_nor_as_reply_history() -> None:
    own = "Hi Alex, thanks for sending your availability over. " * 8  # more than a pointer
    for new_text, quoted in (
        (own, FORWARDED),
        ("Thanks!", FORWARDED.replace("---------- Forwarded message ---------", "On Mon, "
                                      "23 Nov 2026 at 16:10, Dan Hale wrote:")),
        ("FYI, I'll call you tomorrow.", FORWARDED),  # their own promise is the one read
    ):  # fmt: skip
        forward = _message(date=WEDNESDAY, new_text=new_text, quoted=quoted, signature="")
        assert MEETING not in {c.kind for c in extract_message(forward, GB).commitments}
    sent = _message(date=WEDNESDAY, new_text="FYI", quoted=FORWARDED, direction="outbound")
    assert extract_message(sent, GB).commitments == ()


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # an agency relaying the client's date: a date for the process
        ("They'll come back to me by the end of next week, and I'll keep you posted as soon as I "
         "know.", date(2026, 12, 4)),
        ("Halden Rail will give me their thoughts by Friday.", date(2026, 11, 27)),
        ("The hiring manager has said she'll get back to me by Monday 30 November.",
         date(2026, 11, 30)),
        ("Hopefully the client will let me know by Tuesday 1 December.", date(2026, 12, 1)),
        ("They are seeing two more people and will get back to me by the end of next week.",
         date(2026, 12, 4)),
        # "you" before it is the one they met, not the one who owes the reply
        ("The client was really impressed with you and will get back to me by Friday.",
         date(2026, 11, 27)),
    ],
)  # fmt: skip
def test_a_clients_date_relayed_by_an_agency_is_the_processs_date(text: str, due: date) -> None:
    promise = [c for c in commitments(text) if c.kind == REPLY and c.due]
    assert [c.due for c in promise] == [due]


@pytest.mark.parametrize(
    "text",
    [
        "They will start on Monday 30 November.",  # no reply to anyone
        "They will get back to me soon.",  # undated: no date for the process
        "I can't promise the client will get back to me by Friday.",
        "Please let me know by Friday.",  # the user's deadline, as before
        "Could you let me know by Friday?",
        "Halden Rail will send me the contract by Friday so I can check it.",
    ],
)
def test_no_relayed_date_is_read_from_other_wording(text: str) -> None:
    assert [c for c in commitments(text) if c.kind == REPLY and c.due] == []


@pytest.mark.parametrize(
    "text",
    [
        "Will you let me know by Friday if you are interested?",
        "Would you be able to send your references by Friday?",
        "Could you please confirm your availability by Friday?",
    ],
)
def test_a_question_that_asks_for_something_by_a_date_is_your_deadline(text: str) -> None:
    assert only_uk(text, DEADLINE).due == date(2026, 11, 27)


def test_a_question_about_you_is_no_deadline() -> None:
    assert uk("Will you be free on Friday?") == ()


def test_a_meeting_booked_before_a_dash_is_still_booked() -> None:
    text = "Your interview is booked: Thursday 3 December at 14:00 - we will see you then."
    assert [c.due for c in commitments(text) if c.kind == MEETING] == [date(2026, 12, 3)]


def test_a_day_before_a_dash_dates_a_promise_with_no_time_of_its_own() -> None:
    # "... Thursday 3 December - we will call you at 10:00": the day is the call's
    text = "Your interview is confirmed for Thursday 3 December - we will call you at 10:00."
    assert only_uk(text, REPLY).due == date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "kind", "due", "other"),
    [
        # 5 December 2026 is a Saturday: they are waited for until the later day, the user
        # keeps their own deadline by the earlier, a meeting keeps its date
        ("We will get back to you by Friday 5 December.", REPLY, date(2026, 12, 5),
         date(2026, 12, 4)),
        ("Please return the signed forms by Friday 5 December.", DEADLINE, date(2026, 12, 4),
         date(2026, 12, 5)),
        ("We'll let you know by Thursday 5 December.", REPLY, date(2026, 12, 5),
         date(2026, 12, 3)),
        ("Your interview is confirmed for Friday 5 December at 10:00.", MEETING,
         date(2026, 12, 5), date(2026, 12, 4)),
        ("We will get back to you by Friday 4 December.", REPLY, date(2026, 12, 4), None),
        ("Please return the signed forms by 5 December.", DEADLINE, date(2026, 12, 5), None),
    ],
)  # fmt: skip
def test_a_weekday_that_does_not_fit_its_date_is_waited_out_or_kept_early(
    text: str, kind: CommitmentKind, due: date, other: date | None
) -> None:
    found = only(text, kind)
    assert (found.due, found.other_day) == (due, other)
    if found.at is not None:
        assert found.at.date() == due


def test_a_weekday_that_does_not_fit_its_date_keeps_its_time_on_the_day_taken() -> None:
    found = only("Please send the forms by 5pm on Friday 5 December.", DEADLINE)
    assert found.due == date(2026, 12, 4)
    assert found.at is not None and (found.at.date(), found.at.hour) == (date(2026, 12, 4), 17)


# Found by the fourth verification (audit-verify4: H1, H2, F3, L1, L3, verify3 A)


@pytest.mark.parametrize(
    "text",
    [
        # a hedge before the verb, or a condition right after it: nothing is settled yet
        "It may well be that your interview will need to be moved; we'll let you know.",
        "Your interview will probably need to be rescheduled.",
        "Your second interview will likely have to be postponed.",
        "It's possible that your interview will need to be moved.",
        "There is a small chance your interview will need to be rearranged.",
        "Worst case, your call will need to be rescheduled.",
        "I think your interview will need to be moved, I'll know tomorrow.",
        "Your interview will need to be rescheduled only if the panel cannot make it.",
        # ... with the day named too
        "Your interview on Thursday will probably need to be rescheduled.",
        "We may need to move your interview on Thursday.",
        "Your interview on Thursday will need to be moved if the CTO is travelling.",
        # a hedge a few words before the verb, in its clause
        "I think we'll need to reschedule your interview.",
        "We suspect we may have to move your call.",
    ],
)
def test_a_move_still_in_doubt_calls_no_meeting_off(text: str) -> None:
    assert [c for c in commitments(text) if c.kind == MEETING_OFF] == []


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("Your interview will need to be rescheduled.", None),
        ("Your interview on Thursday will need to be rescheduled.", date(2026, 11, 26)),
        # a hedge of something else is no hedge of the move
        ("As you probably know, your interview on Thursday has been cancelled.",
         date(2026, 11, 26)),
        ("Your interview will need to be rescheduled, if that's alright with you.", None),
        # an aside, or a hedge far from the verb
        ("As I think the team mentioned, your interview on Thursday has been cancelled.",
         date(2026, 11, 26)),
        ("I think it's only fair to tell you now that your interview has been cancelled.",
         None),
    ],
)  # fmt: skip
def test_a_move_not_in_doubt_still_calls_the_meeting_off(text: str, off: date | None) -> None:
    assert [c.due for c in commitments(text) if c.kind == MEETING_OFF] == [off]


@pytest.mark.parametrize(
    "text",
    [
        # its form or place changes, on the day it was on: the meeting stays
        "Thursday's interview has been moved to Teams.",
        "Thursday's interview with the CTO has been moved to Teams, same time.",
        "Thursday's call with the hiring manager has been moved to Zoom.",
        "Your interview on Thursday has been moved to a video call.",
        "We need to move your interview on Thursday to another meeting room.",
        "Your interview has been moved online.",
        # another candidate's interview, or someone else's call
        "The interview with the other candidate has been cancelled, so we could see you"
        " earlier on Thursday at 11:00.",
        "Our call with someone else was cancelled, so I can talk on Thursday at 3pm.",
        # more places and tools
        "Your interview has been moved to our new offices.",
        "Your interview has been moved to Webex.",
        "Your interview has been moved to the boardroom.",
        "Thursday's interview has been moved to our Manchester site.",
        # places said with a possessive or in two words
        "Your interview has been moved to the hiring manager's office.",
        "Your interview has been moved to the 3rd-floor meeting room.",
        "Thursday's interview has been moved to our partner firm's offices.",
        # a new place or tool, in the same slot
        "We've moved your interview to Zoom, still at 14:00 on Thursday.",
        "Your interview has been moved to Teams, at the same time on Thursday.",
        "Your call has been moved to our Leeds office, but on the same day as planned.",
    ],
)
def test_a_move_of_form_or_someone_elses_interview_calls_nothing_off(text: str) -> None:
    assert [c for c in commitments(text) if c.kind == MEETING_OFF] == []


@pytest.mark.parametrize(
    ("text", "off", "meeting"),
    [
        # a move in time, not of form
        ("Your interview has been moved to a later date.", None, None),
        ("Thursday's interview has been moved to another day.", date(2026, 11, 26), None),
        ("Thursday's interview has been moved to Friday at 10:00.", date(2026, 11, 26),
         datetime(2026, 11, 27, 10, 0, tzinfo=EST)),
        # an aside with "I think" is no hedge of the move
        ("As I think I mentioned, your interview has been moved to Friday 27 November at"
         " 10:00.", None, datetime(2026, 11, 27, 10, 0, tzinfo=EST)),
        # the user's interview with someone: still the user's
        ("The interview with the panel has been cancelled.", None, None),
        ("Your interview with the other interviewer has been cancelled.", None, None),
    ],
)  # fmt: skip
def test_a_move_in_time_or_of_the_users_interview_is_still_off(
    text: str, off: date | None, meeting: datetime | None
) -> None:
    found = commitments(text)
    assert [c.due for c in found if c.kind == MEETING_OFF] == [off]
    assert [c.at for c in found if c.kind == MEETING] == ([meeting] if meeting else [])


@pytest.mark.parametrize(
    ("text", "off"),
    [
        ("Your interview has been moved to Teams on Friday at 10:00.", None),
        ("We've moved your interview to our Leeds office, on Friday 27 November at 10:00.", None),
        ("Thursday's interview has been moved to the boardroom on Friday at 10:00.",
         date(2026, 11, 26)),
        # the new time in a clause of its own
        ("Your interview has been moved to our second site; the new time is Friday 27 November"
         " at 10:00.", None),
        ("Your interview has been rescheduled; the new date and time is Friday 27 November at"
         " 10:00.", None),
    ],
)  # fmt: skip
def test_a_new_place_with_a_new_time_is_a_move_to_that_time(text: str, off: date | None) -> None:
    found = commitments(text)
    assert [c.due for c in found if c.kind == MEETING_OFF] == [off]
    assert [c.at for c in found if c.kind == MEETING] == [datetime(2026, 11, 27, 10, tzinfo=EST)]


def test_a_day_after_a_new_place_that_is_not_the_meetings_moves_nothing() -> None:
    # the day the offices open is no new slot: the next meeting is not called off
    found = commitments("Your interview has been moved to our new offices, which open on Monday.")
    assert [c for c in found if c.kind == MEETING] == []
    assert None not in [c.due for c in found if c.kind == MEETING_OFF]
    # a new start date is no meeting
    assert commitments("Your start date has been moved; the new date is 1 February.") == ()


@pytest.mark.parametrize(
    "text",
    [
        # their reason in the sentence after the news
        "Your application for the Data Engineer role has been withdrawn. The vacancy is no"
        " longer open after a change in priorities.",
        "Your application has been withdrawn. The role has been put on hold for this year.",
        "Your application has been withdrawn. Following a review of the team, we have paused"
        " hiring.",
        "Your application has been withdrawn. This is because you did not complete the test.",
        "Your application has been withdrawn. We did not hear back from you in time.",
        # ... or before it, or in an "after" clause
        "We have had to close the position, and your application has been withdrawn.",
        "Your application has been withdrawn after the requisition was frozen.",
        # what the user told or asked them, which they say they cannot meet
        "Your application has been withdrawn. As you told us you would need a work visa,"
        " which we are not able to sponsor, we cannot go further.",
        "Your application has been withdrawn. Since you asked for a salary above the range,"
        " we are unable to proceed.",
        "Your application has been withdrawn. As you have requested a fully remote role, which"
        " we can't offer, we will close your file.",
        "Since you let us know you can only start in June, and we cannot wait that long, we"
        " have withdrawn your application.",
    ],
)
def test_a_withdrawal_with_their_reason_in_the_next_sentence_is_not_the_users(text: str) -> None:
    assert confirmed_decision(text) is None


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Your application has been withdrawn. As you requested, we will delete your data.",
         "Your application has been withdrawn"),
        ("Your application has been withdrawn. If you change your mind, please apply again.",
         "Your application has been withdrawn"),
        ("Your application has been withdrawn. The role remains open to other applicants.",
         "Your application has been withdrawn"),
        ("Your application has been withdrawn. Thank you for your interest in the position.",
         "Your application has been withdrawn"),
        ("Your application has been withdrawn after your request on Monday.",
         "Your application has been withdrawn after your request on Monday"),
        # the user's own doing given back, before the news or after it
        ("As you have taken up another position, we have withdrawn your application.",
         "As you have taken up another position, we have withdrawn your application"),
        ("Your application has been withdrawn. As you told us you have accepted another role,"
         " we have closed your file.", "Your application has been withdrawn"),
        ("Your application has been withdrawn. Since you let us know you are staying in your"
         " current job, we have closed your file.", "Your application has been withdrawn"),
        ("Your application has been withdrawn. As you asked, we have deleted your details.",
         "Your application has been withdrawn"),
    ],
)  # fmt: skip
def test_a_withdrawal_followed_by_no_reason_of_theirs_is_the_users(text: str, phrase: str) -> None:
    assert confirmed_decision(text) == (Outcome.WITHDRAWN, phrase)


@pytest.mark.parametrize(
    "reply",
    [
        "We can give you until Monday 30 November.",
        "Sorry, we can't wait quite that long, but we can do Monday 30 November.",
        "Wednesday is too late for the team I'm afraid, but Monday works.",
        "We cannot hold it open to Wednesday, but Monday 30 November works for us.",
        "We can give you until Monday 30 November to decide.",
        "Wednesday won't work for us, but Monday is fine.",
    ],
)
def test_a_date_of_their_own_after_turning_yours_down_is_your_deadline(reply: str) -> None:
    ask = quoting("Could I have until Wednesday 2 December to decide?")
    granted = agreed_extension(reply, ask, sent_at=ASKED_ON, calendar=GB)
    assert granted is not None
    assert (granted.due, granted.granted) == (date(2026, 11, 30), True)


@pytest.mark.parametrize(
    "reply",
    [
        "Wednesday is too late, but Monday or Tuesday works.",
        "Wednesday is too late, but Monday works if the manager agrees.",
        "Wednesday is too late, but Monday at 10:00 works for a call.",
        "Wednesday is too late for us.",
        "We can give you until Monday 30 November if the manager agrees.",
        "We can't give you until Monday 30 November.",
        "Monday works, but Wednesday is too late.",
    ],
)
def test_turning_your_date_down_grants_no_date_without_a_plain_one(reply: str) -> None:
    ask = quoting("Could I have until Wednesday 2 December to decide?")
    assert agreed_extension(reply, ask, sent_at=ASKED_ON, calendar=GB) is None


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I'll confirm the call on Monday at 10:00 once the panel is booked.", date(2026, 11, 30)),
        ("We will confirm your interview for Tuesday 1 December at 2pm as soon as the room is"
         " free.", date(2026, 12, 1)),
        ("We'll confirm the interview for Tuesday if the hiring manager is back.",
         date(2026, 12, 1)),
    ],
)  # fmt: skip
def test_a_promise_to_confirm_a_meeting_under_a_condition_stays_a_promise(
    text: str, due: date
) -> None:
    assert [(c.kind, c.due) for c in commitments(text)] == [(REPLY, due)]


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        ("Yes, I accept.", Outcome.ACCEPTED),
        ("Thank you Maya! I accept!", Outcome.ACCEPTED),
        ("I'd like to accept. I'll send the signed contract back by Wednesday.",
         Outcome.ACCEPTED),
        ("Happy to accept!", Outcome.ACCEPTED),
        ("I am pleased to accept the position.", Outcome.ACCEPTED),
        ("I accept, thank you so much.", Outcome.ACCEPTED),
        # not a plain yes to the offer
        ("I accept that the start date cannot move.", None),
        ("I'd like to accept but need to check the notice period first.", None),
        ("Should I accept?", None),
        ("If I accept, when would I start?", None),
        ("I'd be happy to accept the job interview.", None),
        ("Sam is happy to accept.", None),
        # a no said as a decision
        ("I've decided not to accept.", Outcome.DECLINED),
    ],
)  # fmt: skip
def test_a_plain_acceptance_in_your_reply_to_an_offer(text: str, decision: Outcome | None) -> None:
    sent = extract_fields(
        "Re: Offer - Data Engineer", text, sent_at=SENT, calendar=US, direction="outbound"
    )
    assert sent.decision == decision
    # naming the offer in the text is enough
    assert (found[0] if (found := user_decision(f"Thanks for the offer. {text}")) else None) == (
        decision
    )
    # their mail saying it is not the user's decision
    assert extract_fields("Re: Offer", text, sent_at=SENT, calendar=US).decision is None


def test_a_plain_yes_about_no_offer_accepts_nothing() -> None:
    # "Yes, I accept." to an invitation to interview is no acceptance of an offer
    for text in ("Yes, I accept.", "Happy to accept!"):
        sent = extract_fields(
            "Re: Interview on Thursday", text, sent_at=SENT, calendar=US, direction="outbound"
        )
        assert sent.decision is None, text
    # an offer interview is no offer
    assert user_decision("Thanks for the interview offer. I accept.") is None


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        # a wish to accept with a "but" after it is not a decision yet
        ("I would like to accept the offer but need to check the start date first.", None),
        ("I'd love to accept the offer, but I need a few more days.", None),
        # ... or opening the next sentence
        ("I would like to accept the offer. But first, a question about the pension.", None),
        ("I'd love to accept the offer. However, I need a few more days to think.", None),
        # a wish alone, a plain acceptance with a "however" after it, a decline or
        # withdrawal with a "but"
        ("I'd like to accept the offer.", Outcome.ACCEPTED),
        ("I'd love to accept the offer. Thank you so much!", Outcome.ACCEPTED),
        ("I accept the offer. However, could we discuss the start date?", Outcome.ACCEPTED),
        ("I would like to withdraw my application, but thank you for your time.",
         Outcome.WITHDRAWN),
        ("I would like to decline the offer, but I hope we stay in touch.", Outcome.DECLINED),
    ],
)  # fmt: skip
def test_a_wish_to_accept_with_a_but_is_no_decision_yet(
    text: str, decision: Outcome | None
) -> None:
    found = user_decision(text)
    assert (found[0] if found else None) == decision


def test_the_users_own_reason_given_back_keeps_a_withdrawal_theirs() -> None:
    text = (
        "Your application for the Data Analyst role has been withdrawn. Since you have "
        "accepted another offer, we have closed your file."
    )
    found = confirmed_decision(text)
    assert found is not None and found[0] == Outcome.WITHDRAWN
    # a reason of theirs in the next sentence still makes it theirs
    theirs = (
        "Your application has been withdrawn. Since the role has been filled, we cannot "
        "take it further."
    )
    assert confirmed_decision(theirs) is None


@pytest.mark.parametrize(
    ("text", "kind", "due"),
    [
        ("Please send your references by the 27th.", DEADLINE, date(2026, 11, 27)),
        ("Please let us know your decision by the 27th.", DEADLINE, date(2026, 11, 27)),
        ("We will get back to you by the 27th.", REPLY, date(2026, 11, 27)),
        # the business day before: Thursday 26th is Thanksgiving (a US calendar here)
        ("We will get back to you before the 27th.", REPLY, date(2026, 11, 25)),
        ("We will get back to you on/before the 27th.", REPLY, date(2026, 11, 27)),
        # two spaces after "by" (a date after "next week": the promise's own, not that week)
        ("The panel meets next week and we will get back to you by  the 3rd.", REPLY,
         date(2026, 12, 3)),
        # the end of the day named: that day, "before" it too
        ("Please send your references before the end of the day on the 27th.", DEADLINE,
         date(2026, 11, 27)),
        ("We will let you know by close of business on Friday 4 December.", REPLY,
         date(2026, 12, 4)),
    ],
)  # fmt: skip
def test_an_ordinal_day_after_by_is_read_as_any_date_is(
    text: str, kind: CommitmentKind, due: date
) -> None:
    assert only(text, kind).due == due


@pytest.mark.parametrize(
    "text",
    [
        "I'm inclined to accept.",
        "I'm leaning towards accepting.",
        "I'm hoping to accept.",
        "I'll probably accept.",
        "My partner thinks I should accept.",
    ],
)
def test_a_leaning_towards_an_offer_is_no_acceptance_yet(text: str) -> None:
    assert user_decision(text, subject="Re: Offer - Data Analyst") is None


def test_a_plain_acceptance_still_accepts_beside_the_leanings() -> None:
    found = user_decision("Yes, I accept.", subject="Re: Offer - Data Analyst")
    assert found is not None and found[0] == Outcome.ACCEPTED


@pytest.mark.parametrize(
    "reason",
    [
        "There is currently a hiring freeze across the bank.",
        "Our client has paused recruitment for this role.",
        "You did not meet the minimum requirements for the role.",
        "We have decided not to proceed with this role.",
    ],
)
def test_their_reason_in_the_next_sentence_keeps_a_withdrawal_theirs(reason: str) -> None:
    assert confirmed_decision(f"Your application has been withdrawn. {reason}") is None


@pytest.mark.parametrize(
    ("text", "subject", "accepted"),
    [
        # another offer, or an offer of a meeting, is no job offer of theirs to accept: "I
        # accept" takes the time and decides nothing
        ("Thursday at 14:00 is fine, I accept. I have another offer pending, though.",
         "Re: Interview invitation", False),
        ("Thank you for the offer of an interview. I accept.", "", False),
        ("Thank you for the offer of an interview with the team. I accept.", "", False),
        ("Yes, I accept.", "Re: Offer of a call tomorrow", False),
        ("Yes, I accept.", "Re: Your offer to meet the team", False),
        # their offer, and a job title with Call in it does not hide one
        ("Thank you for the offer. I accept.", "", True),
        ("Yes, I accept.", "Re: Offer for the Call Centre Manager role", True),
    ],
)  # fmt: skip
def test_a_plain_acceptance_needs_a_job_offer_of_theirs(
    text: str, subject: str, accepted: bool
) -> None:
    found = user_decision(text, subject=subject)
    assert (found[0] if found else None) == (Outcome.ACCEPTED if accepted else None)


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        # a bare "works" ending the sentence takes the time, as "works for me" does
        ("Sure thing - Thursday 26 November at 11:00 works.", True),
        ("Thursday 26 November at 11:00 works!", True),
        ("Thursday 26 November at 11:00 works for me.", True),
        # a time still to be found out, asked, or negated takes none
        ("Let me check whether Thursday 26 November at 11:00 works.", False),
        ("I'll see if Thursday 26 November at 11:00 works.", False),
        ("Does Thursday 26 November at 11:00 works?", False),
        ("I'm not sure Thursday 26 November at 11:00 works.", False),
        # "works" of something else, with no meeting time
        ("The new laptop works. I'll send the form on Thursday 26 November.", False),
    ],
)  # fmt: skip
def test_your_plain_works_takes_the_time_offered(text: str, taken: bool) -> None:
    found = extract_commitments(text, sent_at=ASKED_ON, calendar=GB, direction="outbound")
    meetings = [c.at for c in found if c.kind == MEETING]
    assert meetings == ([datetime(2026, 11, 26, 11, 0, tzinfo=UTC)] if taken else [])


INSTEAD = "Something has come up on Tuesday. Can we do Wednesday 25 November at 15:00 instead?"


@pytest.mark.parametrize(
    ("ask", "reply", "found"),
    [
        # a time asked for instead is a move: the next meeting off, the new time on
        (INSTEAD, "No problem at all - Wednesday 25 November at 15:00 works.",
         [(MEETING_OFF, None, ""), (MEETING, date(2026, 11, 25), "15:00")]),
        (INSTEAD, "Yes, that's fine.", [(MEETING_OFF, None, ""),
                                         (MEETING, date(2026, 11, 25), "15:00")]),
        # the day it was on, after "instead of"; a time wrapped onto the next line
        ("Could we do the call on Wednesday 25 November instead of Tuesday 24 November?",
         "Yes, that works.", [(MEETING_OFF, date(2026, 11, 24), ""),
                              (MEETING, date(2026, 11, 25), "")]),
        ("Apologies. Can we do Wednesday 25 November\n> at 15:00 instead?", "Yes, that works.",
         [(MEETING_OFF, None, ""), (MEETING, date(2026, 11, 25), "15:00")]),
        # another day in the reply, no yes, a choice, a condition, or no meeting at all
        (INSTEAD, "Thursday would suit me better.", []),
        (INSTEAD, "Let me check and come back to you.", []),
        ("Can we do Wednesday at 15:00 or Thursday at 10:00 instead?", "Yes, that works.", []),
        ("If Tuesday is hard, could we do Wednesday 25 November at 15:00 instead?",
         "Yes, that works.", []),
        ("Could you send the references on Friday instead?", "Yes, that's fine.", []),
        ("We can do Wednesday 25 November at 15:00 instead.", "Yes, that works.", []),
    ],
)  # fmt: skip
def test_a_time_asked_for_instead_and_agreed_moves_the_meeting(
    ask: str, reply: str, found: list[tuple[CommitmentKind, date | None, str]]
) -> None:
    assert moves(reply, ask) == found


def test_your_reply_to_their_move_moves_the_meeting_quoted_or_not() -> None:
    ask = "Apologies - something has come up. Could we move our call to Wednesday 25 November "
    ask += "at 15:00 instead?"
    text = "Hi Priya,\n\nNo problem at all - Wednesday 25 November at 15:00 works.\n\nAlex"
    moved = [
        (MEETING, datetime(2026, 11, 25, 15, 0, tzinfo=UTC)),
        (MEETING_OFF, None),  # the meeting ahead when they asked: track takes it off
    ]
    quoted = _message(date=ASKED_ON, new_text=text, quoted=quoting(ask), direction="outbound")
    assert [(c.kind, c.at) for c in extract_message(quoted, GB).commitments] == moved
    # a top-posted reply quoting nothing: their mail as stored, when the caller gives it
    bare = replace(quoted, quoted="")
    assert [(c.kind, c.at) for c in extract_message(bare, GB, replied_to=ask).commitments] == moved
    assert [c.kind for c in extract_message(bare, GB).commitments] == [MEETING]


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("Great - I've booked us in for Friday 27 November at 15:00. Meet link to follow.",
         datetime(2026, 11, 27, 15, 0, tzinfo=UTC)),
        ("I've pencilled you in for Thursday 26 November at 10:00 with the team.",
         datetime(2026, 11, 26, 10, 0, tzinfo=UTC)),
        ("I've booked you both in for Thursday 26 November at 10:00.",
         datetime(2026, 11, 26, 10, 0, tzinfo=UTC)),
        # a booking of something else is no meeting
        ("I've booked my train for Friday 27 November at 15:00.", None),
        ("I've booked a table for the team on Friday 27 November at 19:00.", None),
    ],
)  # fmt: skip
def test_a_slot_they_booked_you_in_for_is_a_meeting(text: str, at: datetime | None) -> None:
    found = extract_commitments(text, sent_at=ASKED_ON, calendar=GB)
    assert [c.at for c in found if c.kind == MEETING] == ([at] if at else [])


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        ("Thanks for thinking of me - I'll pass on Northwind for now, I'm only looking at "
         "permanent roles.", Outcome.WITHDRAWN),
        ("I'm going to pass on this one.", Outcome.WITHDRAWN),
        ("I'll have to pass this time, thanks.", Outcome.WITHDRAWN),
        ("Hi Priya, not for me, thanks.", Outcome.WITHDRAWN),
        ("It's not for me, I'm afraid.", Outcome.WITHDRAWN),
        ("I'm not interested.", Outcome.WITHDRAWN),
        ("I'm afraid I'm not interested in the contract role.", Outcome.WITHDRAWN),
        ("I'll pass on Northwind, but do keep me in mind for permanent roles.",
         Outcome.WITHDRAWN),
        # a thanks for their thought is no doubt of the user's
        ("Thanks for thinking of me - I'd like to withdraw my application.", Outcome.WITHDRAWN),
        # passing something on, a question, a condition, a doubt, or only part of the role
        ("I'll pass on your details to a friend who might be interested.", None),
        ("Thanks, I'll pass it on.", None),
        ("I'll pass on this to my colleague Jane.", None),
        ("I'll pass on the feedback to my referees.", None),
        ("I'll pass on Monday if that's ok.", None),
        ("Could you pass my CV to the hiring manager?", None),
        ("Should I pass on this one?", None),
        ("If the day rate is lower, I'll pass.", None),
        ("I don't think I'll pass on this one.", None),
        ("I hope I'll pass the assessment.", None),
        ("I'm not interested in relocating but would consider hybrid.", None),
        ("I'm not interested in relocating, but hybrid would work.", None),
        ("It's not for me to say.", None),
        # passing on something that is no role, or a no to a way of doing it
        ("I'll pass on lunch, thanks. See you at 14:00 on Tuesday.", None),
        ("I'll pass on dessert.", None),
        ("That's not for me, thanks - I'd rather do the call on Teams.", None),
        ("I'll pass on the video call, I'd prefer to come in person.", None),
        # the topic it answers named before it (verification round 12, P1)
        ("On the relocation package - thanks but I'll pass, I'm already in London.", None),
        ("As for the team lunch, I'll have to pass.", None),
        ("On reflection - I'll pass on this one.", Outcome.WITHDRAWN),
        ("Regarding the role: not for me, thanks.", Outcome.WITHDRAWN),
    ],
)  # fmt: skip
def test_your_plain_no_to_a_role_withdraws_you(text: str, decision: Outcome | None) -> None:
    found = user_decision(text, subject="Re: Another role - Northwind - Data Engineer")
    assert (found[0] if found else None) == decision
    sent = extract_fields(
        "Re: Data Engineer", text, sent_at=SENT, calendar=US, direction="outbound"
    )
    assert sent.decision == decision
    assert extract_fields("Re: Data Engineer", text, sent_at=SENT, calendar=US).decision is None


def test_your_plain_no_to_an_offer_declines_it() -> None:
    found = user_decision("Thanks so much, but I'll pass.", subject="Re: Your offer from Acme")
    assert found is not None and found[0] == Outcome.DECLINED
    found = user_decision("Thank you for the offer. It's not for me, I'm afraid.")
    assert found is not None and found[0] == Outcome.DECLINED


INVITED = "We'd like to invite you to a first interview with the team. "


def taken(reply: str, ask: str) -> list[tuple[CommitmentKind, date | None, str]]:
    """The user's reply as extract_message reads it, its quote their invitation `ask`."""
    message = _message(
        date=ASKED_ON, new_text=reply, quoted=quoting(INVITED + ask), direction="outbound"
    )
    found = extract_message(message, GB).commitments
    return [(c.kind, c.due, c.at.strftime("%H:%M") if c.at else "") for c in found]


OFFERED = "Would Thursday 26 November at 14:00 work for you?"
THURSDAY_AT_TWO = [(MEETING, date(2026, 11, 26), "14:00")]


@pytest.mark.parametrize(
    ("reply", "ask"),
    [
        ("Yes, that works for me.", OFFERED),
        ("That works for me, thanks.", OFFERED),
        ("Great, that works.", OFFERED),
        ("Sounds good, see you then.", OFFERED),
        ("Yes, Thursday works for me.", OFFERED),
        ("14:00 works.", OFFERED),
        ("Hi Priya,\n\nPerfect, works for me.\n\nAlex", OFFERED),
        ("Yes, that works.", "Are you free on Thursday 26 November at 14:00?"),
        ("Sounds good.", "How about Thursday at 2pm?"),
        # asked to confirm, with no question mark
        ("Yes, that works.", "Please confirm Thursday 26 November at 14:00 works for you."),
        # of two times, the one the yes names; a second question the yes says it takes
        ("Thursday works for me.", "Would Wednesday at 10:00 or Thursday at 14:00 suit you?"),
        ("Yes, that works for me.", OFFERED + " Could you also bring photo ID?"),
    ],
)  # fmt: skip
def test_a_plain_yes_to_the_one_time_they_offered_is_that_meeting(reply: str, ask: str) -> None:
    assert taken(reply, ask) == THURSDAY_AT_TWO


@pytest.mark.parametrize(
    ("reply", "ask"),
    [
        # two times offered and the yes picks neither, another day or time, a no
        ("Yes, that works.", "Would Wednesday at 10:00 or Thursday at 14:00 suit you?"),
        ("Yes, that works.", "Would Thursday at 14:00 work? If not, how about Friday at 9:00?"),
        ("Friday works better for me.", OFFERED),
        ("15:00 works.", OFFERED),
        ("Sorry, that doesn't work for me.", OFFERED),
        ("That hardly works for me, I'm afraid.", OFFERED),
        ("Yes, that works, but could we start at 15:00?", OFFERED),
        ("Let me check my diary and come back to you.", OFFERED),
        ("Great to hear from you! I'm away that week, sadly.", OFFERED),
        # a yes that goes on to turn the time down or ask for another (verification round 8)
        ("Yes, thanks! Unfortunately Thursday doesn't work for me though.", OFFERED),
        ("Yes, I'm interested. Could we do Friday instead?", OFFERED),
        ("Yes, I'm still interested! But I'm away that week.", OFFERED),
        ("Yes, thank you. I'm not available on Thursday, is another day possible?", OFFERED),
        # a yes to their other question, not to the time
        ("Yes, that's fine.", OFFERED + " Could you also bring photo ID?"),
        # no time offered: a statement (read from their mail), a deadline, a day alone
        ("Yes, will do.", "It will be on Thursday at 14:00. Could you send your portfolio?"),
        ("Yes, of course.", "Could you send your references by Thursday at 17:00?"),
        ("Yes, that works.", "Would Thursday work for you?"),
    ],
)  # fmt: skip
def test_no_yes_or_no_one_time_offered_makes_no_meeting(reply: str, ask: str) -> None:
    assert [found for found in taken(reply, ask) if found[0] == MEETING] == []


def test_a_top_posted_yes_to_their_invitation_is_read_against_their_stored_mail() -> None:
    bare = _message(date=ASKED_ON, new_text="Yes, Thursday works for me.", quoted="",
                    direction="outbound")  # fmt: skip
    # the reply alone names a day but not its time: no meeting read from it
    assert [c.kind for c in extract_message(bare, GB).commitments] == []
    found = extract_message(bare, GB, replied_to=INVITED + OFFERED).commitments
    assert [(c.kind, c.at) for c in found] == [(MEETING, datetime(2026, 11, 26, 14, 0, tzinfo=UTC))]
    # their yes to the user's own offer of a time reads the same
    theirs = replace(bare, new_text="Yes, that works - see you then.", direction="inbound")
    found = extract_message(theirs, GB, replied_to=INVITED + OFFERED).commitments
    assert [(c.kind, c.due) for c in found] == [(MEETING, date(2026, 11, 26))]
    # the reply's own time wins over the one offered
    own = replace(bare, new_text="Thursday at 15:00 works for me.")
    found = extract_message(own, GB, replied_to=INVITED + OFFERED).commitments
    assert [(c.kind, c.at) for c in found] == [(MEETING, datetime(2026, 11, 26, 15, 0, tzinfo=UTC))]


@pytest.mark.parametrize(
    ("text", "meeting"),
    [
        ("Thursday 26 November at 14:00 works well for me.", True),
        ("Thursday 26 November at 14:00 hardly works for me, sorry.", False),
        ("Thursday 26 November at 14:00 barely works with my commute.", False),
    ],
)
def test_a_time_that_hardly_works_is_not_taken(text: str, meeting: bool) -> None:
    found = extract_commitments(text, sent_at=ASKED_ON, calendar=GB, direction="outbound")
    assert [c.kind for c in found] == ([MEETING] if meeting else [])


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Thanks Priya, will do.", None),
        ("Will do - thanks for the nudge.", None),
        ("Sure, I'll get those to you by Wednesday.", date(2026, 11, 25)),
        ("I'll do that tomorrow.", date(2026, 11, 24)),
        ("Thanks, will send them over tomorrow.", date(2026, 11, 24)),
    ],
)
def test_your_word_that_you_will_do_it_is_your_promise(text: str, due: date | None) -> None:
    found = extract_commitments(text, sent_at=ASKED_ON, calendar=GB, direction="outbound")
    assert [(c.kind, c.due) for c in found] == [(USER_PROMISE, due)]


@pytest.mark.parametrize(
    "text",
    ["I will do my best.", "Will the interview be in person?", "Here are my references.",
     "I'll let you know if anything changes."],
)  # fmt: skip
def test_no_word_of_what_you_will_do_is_no_promise(text: str) -> None:
    assert extract_commitments(text, sent_at=ASKED_ON, calendar=GB, direction="outbound") == ()


# Asks that move no meeting (verification round 9, N6): a meeting added ("also", "a second
# call", "a follow-up chat"), another thing given up ("instead of the panel", "rather than the
# written exercise", "instead of next week"), or a next stage once the meeting ahead has gone
# well. What they propose reads as it did before asks to move were read: a meeting offered.
@pytest.mark.parametrize(
    ("text", "meeting"),
    [
        ("Could we also fit in a call with the wider team on Monday 30 November at 11:00, "
         "instead of the panel?", datetime(2026, 11, 30, 11, 0, tzinfo=EST)),
        ("Could we book a follow-up chat on Monday 30 November at 11:00 instead?",
         datetime(2026, 11, 30, 11, 0, tzinfo=EST)),
        ("Rather than the written exercise, would a call on Monday 30 November at 11:00 work "
         "instead?", datetime(2026, 11, 30, 11, 0, tzinfo=EST)),
        ("Looking forward to Thursday! Could we set up the next interview for Tuesday 1 "
         "December at 9:30 instead of next week, if Thursday goes well?", None),
        ("Could we move the final interview to Tuesday 1 December at 9:30 if Thursday goes "
         "well?", None),
    ],
)  # fmt: skip
def test_an_ask_that_moves_no_meeting_marks_none(text: str, meeting: datetime | None) -> None:
    found = commitments(text)
    assert not any(asks_to_move(c) or c.kind == MEETING_OFF for c in found), found
    if meeting is not None:
        assert [c.at for c in found if c.kind == MEETING] == [meeting]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the meeting given up named after "instead of" or "rather than": its day, the
        # meeting itself, its time
        ("Could we do the call on Monday 30 November at 11:00 instead of Thursday's "
         "interview?", None),
        ("Would Monday 30 November at 11:00 work instead of our call on Thursday?",
         date(2026, 11, 26)),
        ("Could we do Monday 30 November at 11:00 instead of 14:00 on Thursday?",
         date(2026, 11, 26)),
        ("Rather than Thursday, would Monday 30 November at 11:00 work instead?",
         date(2026, 11, 26)),
        # "also" that adds no meeting, a condition that only asks
        ("Sorry, we also have a clash: would Monday 30 November at 11:00 work instead?", None),
        ("Could we also move the interview to Monday 30 November at 11:00?", None),
        ("Could we move our call to Monday 30 November at 11:00 instead, if that works for "
         "you?", None),
    ],
)  # fmt: skip
def test_an_ask_naming_the_meeting_given_up_is_still_an_ask_to_move(
    text: str, day: date | None
) -> None:
    (asked,) = commitments(text)
    assert asks_to_move(asked) and asked.due == day


def test_a_call_asked_for_instead_keeps_its_time_for_a_process_with_no_meeting() -> None:
    # track.py reads it as their offer of that call when there is no meeting to move; a
    # time with no meeting word, or a verb of moving, was never a meeting offered
    (asked,) = commitments("Would a call on Monday 30 November at 11:00 work instead?")
    assert asks_to_move(asked) and asked.at == datetime(2026, 11, 30, 11, 0, tzinfo=EST)
    for text in (
        "Would Monday 30 November at 11:00 work instead?",
        "Could we move our call to Monday 30 November at 11:00 instead?",
    ):
        (asked,) = commitments(text)
        assert asks_to_move(asked) and asked.at is None


@pytest.mark.parametrize(
    "ask",
    [
        "Could we also do a second call on Wednesday 25 November at 15:00 with the team, "
        "instead of the onsite?",
        "Could we hold the next interview on Wednesday 25 November at 15:00 instead of next "
        "week, if Tuesday goes well?",
    ],
)
def test_a_yes_to_an_ask_that_moves_no_meeting_takes_none_off(ask: str) -> None:
    assert moves("Yes, that works.", ask) == []
