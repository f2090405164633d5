"""User audit 11 F1: a user in England on the US market gets numeric dates month first. A mail
that shows it is written so has its numeric dates read month first whatever the user's
country: its own dates ("closed 12/23 through 1/2": only 23 December is a date), an American
address (.edu, .us, .gov), or a Date offset of the Americas (-05:00 to -10:00; -04:00 with a
North American zone named). A zone named alone, from London, is no sign ("9am ET" for a call
with New York), and a mail whose own dates are day first stays so."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_fields, extract_message, sender_calendar
from inbox_monitor.models import Address, CommitmentKind, ParsedMessage

LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")
REPLY, USER_DEADLINE = CommitmentKind.REPLY, CommitmentKind.USER_DEADLINE


def offset(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


# Monday 21 December 2026, late afternoon on the US west coast
PACIFIC_MONDAY = datetime(2026, 12, 21, 16, 0, tzinfo=offset(-8))
PROMISE = "Dear Sam,\n\nThe department is shut over the break. I will write to you on 1/5."


def _message(text: str, sender: str, sent_at: datetime) -> ParsedMessage:
    return ParsedMessage(
        message_id="<1@example.org>",
        message_id_synthesized=False,
        in_reply_to=None,
        references=(),
        sender=Address("Pat Lee", sender),
        reply_to=(),
        to=(Address("", "sam@example.co.uk"),),
        cc=(),
        date=sent_at,
        date_source="header",
        subject="Update",
        body=text,
        new_text=text,
        quoted="",
        signature="",
        footer="",
        attachments=(),
        direction="inbound",
        content_hash="x",
        size=100,
    )


def promised(text: str, sender: str, sent_at: datetime) -> list[tuple[object, object]]:
    extraction = extract_message(_message(text, sender, sent_at), ENGLAND, LONDON)
    return [(c.kind, c.due) for c in extraction.commitments]


@pytest.mark.parametrize(
    ("sender", "sent_at"),
    [
        # a US university, its mail stamped in UTC
        ("pat.lee@lakeside.edu", datetime(2026, 12, 21, 16, 0, tzinfo=offset(0))),
        # a .com sender on Pacific or Central time
        ("pat@acme-robotics.com", PACIFIC_MONDAY),
        ("pat@acme-robotics.com", datetime(2026, 12, 21, 9, 0, tzinfo=offset(-6))),
    ],
)
def test_an_american_senders_numeric_date_is_month_first(sender: str, sent_at: datetime) -> None:
    assert promised(PROMISE, sender, sent_at) == [(REPLY, date(2027, 1, 5))]


def test_the_mails_own_date_shows_it_is_month_first() -> None:
    # from London, but "12/23" can only be 23 December
    text = "Our office is closed 12/23 through 1/2. I will get back to you on 1/4."
    sent_at = datetime(2026, 12, 21, 16, 0, tzinfo=LONDON)
    assert promised(text, "pat@example.co.uk", sent_at) == [(REPLY, date(2027, 1, 4))]


def test_summer_eastern_time_counts_with_a_zone_named() -> None:
    # -04:00 is also the Caribbean's and Chile's: with "ET" it is New York's summer
    sent_at = datetime(2026, 10, 20, 9, 0, tzinfo=offset(-4))
    text = "Could you reply by 11/3? We're free for a call at 10:00 AM ET most days."
    assert promised(text, "pat@acme-robotics.com", sent_at) == [(USER_DEADLINE, date(2026, 11, 3))]
    assert promised("Could you reply by 11/3?", "pat@acme-robotics.com", sent_at) == [
        (USER_DEADLINE, date(2027, 3, 11))
    ]


@pytest.mark.parametrize(
    ("text", "sender", "sent_at"),
    [
        # a London sender naming New York's time for a call: day first still
        ("Let's speak at 9am ET. I will write to you on 1/5.", "pat@example.co.uk",
         datetime(2026, 12, 21, 16, 0, tzinfo=LONDON)),
        # a .com sender in London
        (PROMISE, "pat@acme-robotics.com", datetime(2026, 12, 21, 16, 0, tzinfo=LONDON)),
        # an American sender whose own dates are day first ("22/12")
        ("Thanks for your note of 22/12. I will write to you on 1/5.", "pat.lee@lakeside.edu",
         PACIFIC_MONDAY),
    ],
)  # fmt: skip
def test_no_sign_of_month_first_keeps_the_users_order(
    text: str, sender: str, sent_at: datetime
) -> None:
    assert promised(text, sender, sent_at) == [(REPLY, date(2027, 5, 1))]


def test_a_calendar_already_month_first_is_kept() -> None:
    illinois = BusinessCalendar("US", "IL")
    assert sender_calendar(illinois, PROMISE, Address("", "pat@example.co.uk"), PACIFIC_MONDAY) is (
        illinois
    )


def test_extract_fields_reads_the_sender_too() -> None:
    # (as classify --jsonl and the bench call it: subject and text, the sender if known)
    extraction = extract_fields(
        "Update", PROMISE, sent_at=PACIFIC_MONDAY, calendar=ENGLAND,
        sender=Address("Pat Lee", "pat@acme-robotics.com"),
    )  # fmt: skip
    assert [(c.kind, c.due) for c in extraction.commitments] == [(REPLY, date(2027, 1, 5))]


def test_a_request_for_the_users_referees_letters_by_a_us_date_is_their_deadline() -> None:
    # (read before this change too: "1/14" has one reading; a guard for audit 11 F12, whose
    # message the classifier set aside as noise)
    text = "Dear Sam,\n\nPlease have your recommendation letters uploaded by 1/14 so we can review."
    assert promised(text, "pat.lee@lakeside.edu", PACIFIC_MONDAY) == [
        (USER_DEADLINE, date(2027, 1, 14))
    ]


# Wednesday 9 December 2026 in London
LONDON_WEDNESDAY = datetime(2026, 12, 9, 11, 0, tzinfo=LONDON)


def test_a_score_is_no_date_that_shows_month_first() -> None:
    # verify 14 R2: "ranked 3/14" read as 14 March made the mail month first, and "by 11/1"
    # (11 January) became 1 November; here "by 5/1" (5 January) would be 1 May
    text = "Dear Sam,\n\nYou ranked 3/14 at the sift. We will be in touch by 5/1."
    assert promised(text, "hr@northbank.co.uk", LONDON_WEDNESDAY) == [(REPLY, date(2027, 1, 5))]


def test_a_uk_senders_date_half_a_year_off_keeps_its_order() -> None:
    # verify 14 R1: with a year written the date is meant ("1/7/2027" is 1 July), and a day
    # already gone is never the other reading ("decision by 12/6" written in December is June)
    year = "Dear Sam,\n\nWe will let you know the outcome by 1/7/2027."
    assert promised(year, "hr@northbank.co.uk", LONDON_WEDNESDAY) == [(REPLY, date(2027, 7, 1))]
    gone = "Dear Sam,\n\nThe panel will reach its decision by 12/6 and I will write then."
    assert promised(gone, "hr@northbank.co.uk", LONDON_WEDNESDAY) == [(REPLY, date(2027, 6, 12))]
