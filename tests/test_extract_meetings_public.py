"""User audits 9 and 10: meetings a public-sector portal books and an executive's PA or
calendar sets. A portal's booking confirmation ("You have booked the following interview
slot:", "Thank you for booking your interview" / "Date:" / "Time:") is the meeting; an
invitation's "Interviews will be held on <day>" is the user's interview that day; a day said
with no time takes the start the next sentence gives; the user's PA confirms or picks a time
in the third person; an Outlook request ("When: ..." under its title) is its meeting."""

from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import (
    extract_commitments,
    extract_fields,
    extract_message,
    settled_by_yes,
)
from inbox_monitor.models import CommitmentKind
from inbox_monitor.parse import parse_message

LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")
TUESDAY = datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)  # Tuesday 1 December 2026
MEETING, DEADLINE = CommitmentKind.MEETING, CommitmentKind.USER_DEADLINE
USER = "priya.nair@example.org"


def meetings(
    text: str, direction: str = "inbound", sent_at: datetime = TUESDAY
) -> list[datetime | date | None]:
    """The meetings read, each as its time (or its day when it has none)."""
    found = extract_commitments(text, sent_at=sent_at, calendar=ENGLAND, direction=direction)
    return [c.at or c.due for c in found if c.kind == MEETING]


def kinds(text: str, subject: str = "") -> list[CommitmentKind]:
    found = extract_fields(subject, text, sent_at=TUESDAY, calendar=ENGLAND).commitments
    return [c.kind for c in found]


def at(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


# --- audit 9 F1: a portal's booking confirmation, an invitation's day of interviews ------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Priya Nair,\n\nYou have booked an interview slot on Thursday 10 December 2026 "
         "at 14:15.\n\nKind regards", at(10, 14, 15)),
        ("Dear Priya Nair,\n\nYou have booked the following interview slot:\n\nThursday 10 "
         "December 2026, 14:15\nHarbour Lodge, Kestrel Road\n\nTo change or cancel your slot, "
         "sign in to your account.", at(10, 14, 15)),
        ("Your interview slot has been booked for Thursday 10 December 2026 at 14:15.",
         at(10, 14, 15)),
        ("Dear Priya Nair,\n\nThank you for booking your interview for the role of Research "
         "Officer (401277).\n\nDate: Tuesday 12 January 2027\nTime: 11:30\nLocation: Google "
         "Meet (the link follows nearer the day)", at(12, 11, 30, 1, 2027)),
    ],
)  # fmt: skip
def test_a_booked_slot_is_the_meeting(text: str, expected: datetime) -> None:
    assert meetings(text) == [expected]


def test_an_invitations_day_of_interviews_is_the_users_interview() -> None:
    text = (
        "Dear Priya Nair,\n\nFollowing shortlisting, you have been invited to attend an "
        "interview for the post of Clinical Educator at Fernlea Community Health.\n\n"
        "Interviews will be held on Thursday 10 December 2026 at Harbour Lodge.\n\n"
        "Please sign in to your account and book your interview slot by 17:00 on Friday 4 "
        "December 2026."
    )
    found = extract_commitments(text, sent_at=TUESDAY, calendar=ENGLAND)
    meeting = next(c for c in found if c.kind == MEETING)
    assert (meeting.due, meeting.at) == (date(2026, 12, 10), None)  # its slot still to book
    # the slot to book by Friday stays the user's deadline
    deadline = next(c for c in found if c.kind == DEADLINE)
    assert deadline.at == at(4, 17)


@pytest.mark.parametrize(
    "text",
    [
        # which of two days is theirs is not known yet
        "You have been invited to attend an interview. Interviews will be held on 9 and 10 "
        "December; we will confirm your slot.",
        "You have been invited to attend an interview. Interviews will be held on Wednesday "
        "9 December and Thursday 10 December.",
        "You have been invited to attend an interview. Interviews will be held on Wednesday "
        "9 December or Thursday 10 December.",
        # no invitation yet
        "If you are shortlisted, you will be invited to interview. Interviews will be held on "
        "Thursday 10 December 2026.",
        "Thank you for applying. Interviews will be held on Thursday 10 December 2026.",
        "If you are invited to interview, we will email you by Friday 4 December. Interviews "
        "will be held on Thursday 10 December 2026.",
        # a pre-employment check is no hiring meeting
        "You have booked a DBS appointment on Monday 11 January 2027 at 09:45.",
        "Your occupational health appointment is on Monday 11 January 2027 at 09:45.",
        "You have booked a DBS appointment:\n\nMonday 11 January 2027, 09:45\nHigh Street "
        "Post Office",
        # a slot still to book, or a choice of slots
        "Please sign in and book your interview slot by 17:00 on Friday 4 December 2026.",
        "Interview slots are available on Thursday 10 December 2026 at 10:30 and 14:00.",
    ],
)
def test_no_single_interview_of_the_users(text: str) -> None:
    assert meetings(text) == []


# --- audit 9 F11: the time in the next sentence; the user's yes to the day ----------------


def test_a_day_without_a_time_takes_the_start_the_next_sentence_gives() -> None:
    text = (
        "Dear Priya,\n\nI would like to invite you to interview for the Head of Year post on "
        "Wednesday 20 January 2027. The day will start at 8.45am with a lesson observation, "
        "followed by a panel with our governors.\n\nCould you confirm by Friday 8 January "
        "that you can attend?"
    )
    found = extract_commitments(text, sent_at=TUESDAY, calendar=ENGLAND)
    meeting = next(c for c in found if c.kind == MEETING)
    assert meeting.at == at(20, 8, 45, 1, 2027)
    assert "The day will start at 8.45am" in meeting.phrase


@pytest.mark.parametrize(
    "following",
    [
        "Lunch will be at 12:30 in the staff room.",  # not when it starts
        "The panel finishes at 4pm.",
        "It will start at 9am on Friday 22 January for the other candidates.",  # another day
    ],
)
def test_other_times_in_the_next_sentence_are_not_the_meetings(following: str) -> None:
    text = (
        "I would like to invite you to interview for the Head of Year post on Wednesday 20 "
        f"January 2027. {following}"
    )
    assert meetings(text) == [date(2027, 1, 20)]


def test_the_users_delight_to_attend_on_the_day_is_their_yes() -> None:
    text = (
        "Dear Mrs Adeyemi,\n\nThank you - I would be delighted to attend on Wednesday 20 January."
    )
    assert meetings(text, "outbound") == [date(2027, 1, 20)]


@pytest.mark.parametrize(
    "text",
    [
        # the user's own offer, under a condition
        "I would be happy to meet on Tuesday 8 December at 2pm if that suits you.",
        "I would be happy to attend on Tuesday 8 December or Wednesday 9 December.",
        "Unfortunately I would not be able to attend on Wednesday 20 January.",
        # a day declined before a yes to another (verification round 13)
        "I'm sorry, I can't make Wednesday 20 January; I'd be delighted to attend on another day.",
        # a promise, not a meeting
        "I'll come back to you on Friday 4 December with my decision.",
        "I'll take a look at the pack on Thursday 3 December.",
    ],
)
def test_the_users_other_words_are_no_meeting(text: str) -> None:
    assert meetings(text, "outbound") == []


# --- audit 10 F9: the PA's confirmation in the third person; a pick of a time offered ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Imogen,\n\nTomasz would be pleased to meet Ruth on Thursday 3 December at 7.45am "
         "at your offices. His mobile is 07700 900123 should anything change.\n\nAnna Kowal\n"
         "PA to Tomasz Brandt", at(3, 7, 45)),
        ("Dear Imogen,\n\nTomasz will come to Hanover Street on Friday 18 December at 10.30am.",
         at(18, 10, 30)),
        ("Dear Imogen,\n\nTomasz confirms Wednesday 9 December at 4.15pm at Hanover Street.",
         at(9, 16, 15)),
    ],
)  # fmt: skip
def test_the_users_pa_confirms_in_the_third_person(text: str, expected: datetime) -> None:
    assert meetings(text, "outbound") == [expected]


OFFER = (
    "Dear Tomasz,\n\nI'm writing on behalf of Ruth to arrange your meeting with the Chair, "
    "Dame Helen Ashby. She has offered lunch at her club on Monday 14 December or Tuesday 15 "
    "December at 12.30pm. Could you let me know which you prefer?\n\nKind regards,\nImogen"
)


def settled(reply: str, quoted: str, direction: str = "inbound") -> list[datetime | None]:
    extraction = extract_fields("", reply, sent_at=TUESDAY, calendar=ENGLAND, direction=direction)
    extraction = settled_by_yes(
        extraction, reply, quoted, sent_at=TUESDAY, calendar=ENGLAND, direction=direction,
        subject="RE: Lunch with Dame Helen",
    )  # fmt: skip
    return [c.at for c in extraction.commitments if c.kind == MEETING]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("Dear Imogen,\n\nTomasz would prefer Tuesday 15 December at 12.30pm.", at(15, 12, 30)),
        ("Dear Imogen,\n\nTomasz will take Monday 14 December. Many thanks.", at(14, 12, 30)),
    ],
)
def test_a_pick_of_a_time_offered_is_the_meeting_whoever_writes_it(
    reply: str, expected: datetime
) -> None:
    # the PA's own mail, the user in copy: inbound; and from the user's mailbox
    assert settled(reply, OFFER) == [expected]
    assert settled(reply, OFFER, "outbound") == [expected]


def test_a_pick_answers_an_offer_quoted_under_outlooks_header() -> None:
    quoted = (
        "________________________________\nFrom: Imogen Pryce <imogen@search.example>\n"
        "Sent: Tuesday, 1 December 2026 09:30\nTo: Tomasz Brandt <tomasz@example.org>\n"
        f"Subject: Lunch with Dame Helen\n\n{OFFER}"
    )
    reply = "Dear Imogen,\n\nTomasz would prefer Tuesday 15 December at 12.30pm."
    assert settled(reply, quoted) == [at(15, 12, 30)]


@pytest.mark.parametrize(
    "reply",
    [
        "Dear Imogen,\n\nTomasz would prefer not to meet on Monday 14 December.",
        "Dear Imogen,\n\nTomasz would prefer Thursday 17 December at 12.30pm.",  # not offered
        "Dear Imogen,\n\nI'll check whether Tomasz would prefer Tuesday 15 December.",
    ],
)
def test_no_pick_no_meeting(reply: str) -> None:
    assert settled(reply, OFFER, "outbound") == []


def test_a_day_beside_the_choice_is_not_offered() -> None:
    offer = (
        "For your meeting with the Chair, Dame Helen could do lunch on Monday 14 December or Tuesday 15 December at 12.30pm. "
        "Her club's carol dinner on Thursday 17 December at 7pm is for members only. Could "
        "you let me know which you prefer?"
    )
    assert settled("Tomasz would prefer Thursday 17 December at 7pm.", offer, "outbound") == []
    assert settled("Tomasz would prefer Monday 14 December.", offer, "outbound") == [at(14, 12, 30)]


def test_which_one_the_user_prefers_asks_their_pick_and_is_no_meeting_yet() -> None:
    assert kinds(OFFER) == [DEADLINE]  # their turn: pick one
    text = (
        "Ruth could meet on Thursday 7 January at 9.30am at our Canary Wharf office, or Friday "
        "8 January at 3.00pm. Which would you prefer?"
    )
    assert kinds(text) == [DEADLINE]


def test_which_one_someone_else_prefers_is_not_the_users_pick() -> None:
    text = (
        "Dame Helen could do Monday 14 December or Tuesday 15 December at 12.30pm; I'm finding "
        "out which the Chair would prefer and will confirm."
    )
    assert DEADLINE not in kinds(text)


# --- audit 10 F4/F16: an Outlook meeting request -----------------------------------------

REQUEST = (
    "When: Tuesday, 15 December 2026 12:30-14:00 (UTC+00:00) Dublin, Edinburgh, Lisbon, "
    "London.\nWhere: The Athenaeum, 107 Pall Mall\n\n*~*~*~*~*~*~*~*~*~*\n\nDame Helen will "
    "see you in the Coffee Room."
)


def request(subject: str, body: str, calendar_part: bool) -> bytes:
    message = EmailMessage()
    message["From"] = "Imogen Pryce <imogen@search.example>"
    message["To"] = f"Tomasz Brandt <{USER}>"
    message["Subject"] = subject
    message["Date"] = format_datetime(TUESDAY)
    message["Message-ID"] = "<request-1@search.example>"
    message.set_content(body)
    if calendar_part:
        message.add_alternative("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", subtype="calendar")
    return bytes(message)


def read(raw: bytes) -> list[datetime | None]:
    parsed = parse_message(raw, own_addresses=frozenset({USER}), received_at=TUESDAY)
    extraction = extract_message(parsed, ENGLAND, LONDON)
    return [c.at for c in extraction.commitments if c.kind == MEETING]


@pytest.mark.parametrize("calendar_part", [True, False])
def test_an_outlook_request_is_its_meeting(calendar_part: bool) -> None:
    raw = request("Tomasz Brandt / Dame Helen Ashby (Chair) - lunch", REQUEST, calendar_part)
    assert read(raw) == [at(15, 12, 30)]


def test_an_outlook_requests_title_is_quoted_with_its_time() -> None:
    found = extract_fields(
        "Tomasz Brandt / Dame Helen Ashby (Chair) - lunch", REQUEST, sent_at=TUESDAY,
        calendar=ENGLAND, invitation=True,
    ).commitments  # fmt: skip
    assert [c.phrase for c in found] == [
        "Tomasz Brandt / Dame Helen Ashby (Chair) - lunch When: Tuesday, 15 December 2026 "
        "12:30-14:00 (UTC+00:00)"
    ]


def test_a_forwarded_outlook_request_is_its_meeting() -> None:
    body = (
        "FYI - see below.\n\n---------- Forwarded message ---------\nFrom: Imogen Pryce "
        "<imogen@search.example>\nDate: Mon, 30 Nov 2026 at 16:02\nSubject: Tomasz Brandt / "
        f"Dame Helen Ashby (Chair) - lunch\nTo: Ruth Hale <ruth@search.example>\n\n{REQUEST}"
    )
    assert read(request("Fwd: Tomasz Brandt / Dame Helen Ashby - lunch", body, False)) == [
        at(15, 12, 30)
    ]


@pytest.mark.parametrize(
    ("subject", "body", "calendar_part"),
    [
        # a notice that it is off, or an answer to it
        ("Canceled: Tomasz Brandt / Dame Helen Ashby (Chair) - lunch", REQUEST, True),
        ("Declined: Tomasz Brandt / Dame Helen Ashby (Chair) - lunch", REQUEST, True),
        # "When:" further down an ordinary mail still needs a sentence naming the meeting
        ("Tomasz Brandt / Dame Helen Ashby - lunch", f"Hello Tomasz,\n\n{REQUEST}", False),
    ],
)
def test_no_request_no_meeting(subject: str, body: str, calendar_part: bool) -> None:
    assert read(request(subject, body, calendar_part)) == []


def test_a_week_commencing_is_no_meeting() -> None:
    # "w/c 4 January" names no day: shown on a day it would be a wrong date
    text = (
        "Dame Helen enjoyed it. Ruth is travelling until the New Year, so the next meeting "
        "will be w/c 4 January; Imogen will arrange it."
    )
    assert meetings(text) == []
