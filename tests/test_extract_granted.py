"""User audit 11 (an academic): more time they grant for the user's answer unasked, or in
their own words ("I'm happy to extend your deadline to 01/29/2027", "we can give you until
Friday"), is a deadline marked `granted`, as the time they grant when the user asked for it
is; a job's closing date moved, an offer's first window and the user's own time are not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_commitments, extract_message
from inbox_monitor.models import Address, CommitmentKind, ParsedMessage

PACIFIC = ZoneInfo("America/Los_Angeles")
CALIFORNIA = BusinessCalendar("US", "CA")
SENT = datetime(2027, 1, 6, 10, 45, tzinfo=PACIFIC)  # Wednesday 6 January 2027
USER_DEADLINE = CommitmentKind.USER_DEADLINE


def _message(new_text: str, quoted: str) -> ParsedMessage:
    return ParsedMessage(
        message_id="<2@spu.example>",
        message_id_synthesized=False,
        in_reply_to="<1@example.org>",
        references=("<1@example.org>",),
        sender=Address("Maria Hale", "m.hale@spu.example"),
        reply_to=(),
        to=(Address("", "alex@example.org"),),
        cc=(),
        date=datetime(2027, 1, 5, 9, 0, tzinfo=UTC),
        date_source="header",
        subject="Re: Offer of appointment",
        body=new_text,
        new_text=new_text,
        quoted=quoted,
        signature="Maria Hale\nDean of Science",
        footer="",
        attachments=(),
        direction="inbound",
        content_hash="x",
        size=100,
    )


def deadlines(text: str) -> list[tuple[date | None, bool]]:
    return [
        (c.due, c.granted)
        for c in extract_commitments(text, sent_at=SENT, calendar=CALIFORNIA)
        if c.kind == USER_DEADLINE
    ]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("The chair would like to speak with Dr. Ashby on 1/12. Given that conversation, "
         "I'm happy to extend your deadline to 01/29/2027.", date(2027, 1, 29)),
        ("We can give you until Friday 22 January to decide.", date(2027, 1, 22)),
        ("I'm happy to extend the deadline to Friday 22 January.", date(2027, 1, 22)),
        ("Of course - we can extend the offer until 22 January.", date(2027, 1, 22)),
        ("We have extended your offer until Friday 22 January.", date(2027, 1, 22)),
        ("Your deadline has been extended to 29 January.", date(2027, 1, 29)),
        ("You can have until Monday 18 January.", date(2027, 1, 18)),
        ("Of course, take until next Friday.", date(2027, 1, 15)),
    ],
)  # fmt: skip
def test_more_time_they_grant_is_a_granted_deadline(text: str, due: date) -> None:
    assert deadlines(text) == [(due, True)]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # the offer's first window, and the user's date to answer by
        ("The offer will remain open until 22 January.", date(2027, 1, 22)),
        ("You have until Friday 22 January to accept.", date(2027, 1, 22)),
        ("Please let us know by Friday 22 January whether you accept.", date(2027, 1, 22)),
        # a job ad's closing date moved, and a deadline of the ad's
        ("We've extended the closing date to 22 January, so there is still time to apply.",
         date(2027, 1, 22)),
        ("The deadline for applications has been extended to 29 January.", date(2027, 1, 29)),
    ],
)  # fmt: skip
def test_a_deadline_that_grants_no_more_time_is_not_granted(text: str, due: date) -> None:
    assert deadlines(text) == [(due, False)]


@pytest.mark.parametrize(
    "text",
    [
        # extending an offer is making it; giving an answer is theirs
        "We'd be happy to extend an offer to you by Friday 22 January.",
        "We can give you an answer by Friday 22 January.",
    ],
)
def test_making_an_offer_or_giving_an_answer_grants_the_user_nothing(text: str) -> None:
    assert deadlines(text) == []


def test_a_plain_yes_that_names_the_date_grants_it_whatever_it_answers() -> None:
    # their yes names the time, so the reply has a deadline of its own: still granted
    asked = (
        "On Mon, 4 Jan 2027 at 10:02, Alex Morgan <alex@example.org> wrote:\n"
        "> Could I have until Friday 15 January to decide?\n"
    )
    reply = _message("Yes of course, you can have until Friday 15 January.", asked)
    found = extract_message(reply, CALIFORNIA).commitments
    assert [(c.kind, c.due, c.granted) for c in found] == [(USER_DEADLINE, date(2027, 1, 15), True)]
    # their own firm date in place of it is no grant
    firm = replace(reply, new_text="Sorry, we do need your answer by Friday 8 January.")
    found = extract_message(firm, CALIFORNIA).commitments
    assert [(c.due, c.granted) for c in found] == [(date(2027, 1, 8), False)]
