"""Deadlines, promises, grants and call-offs said in an agency's or a test provider's words:
"they'd like an answer by", "we should hear by", "<client> are fine with <date>", "the link
expires ... so please complete it before then", "Tuesday won't work after all"."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import agreed_extension, extract_commitments, extract_message
from inbox_monitor.models import Address, Commitment, CommitmentKind, ParsedMessage, Strength

GB = BusinessCalendar("GB")
WEDNESDAY = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)  # Wed 18 Nov 2026
REPLY, DEADLINE = CommitmentKind.REPLY, CommitmentKind.USER_DEADLINE
MEETING, MEETING_OFF = CommitmentKind.MEETING, CommitmentKind.MEETING_OFF


def read(text: str, direction: str = "inbound") -> tuple[Commitment, ...]:
    return extract_commitments(text, sent_at=WEDNESDAY, calendar=GB, direction=direction)


def kinds(text: str, direction: str = "inbound") -> list[tuple[CommitmentKind, date | None]]:
    return [(c.kind, c.due) for c in read(text, direction)]


# --- a test or task that expires or closes is the user's to finish by then


def test_a_link_that_expires_with_a_request_to_finish_before_then_is_your_deadline() -> None:
    (deadline,) = read(
        "Your personal link stops working at 17:00 GMT on Monday 23 November, so please "
        "submit your answers before then."
    )
    assert (deadline.kind, deadline.due) == (DEADLINE, date(2026, 11, 23))
    assert deadline.at == datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
    assert deadline.strength == Strength.EXPLICIT
    assert deadline.phrase.endswith("so please submit your answers before then")


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("The portal closes on Friday 27 November, so please upload your documents by then.",
         date(2026, 11, 27)),
        ("The questionnaire expires on Friday.", date(2026, 11, 20)),
        ("Your coding task closes at noon on Monday 23 November.", date(2026, 11, 23)),
        ("Reminder: the online test will close tonight.", date(2026, 11, 18)),
    ],
)  # fmt: skip
def test_a_task_that_expires_or_closes_is_your_deadline(text: str, due: date) -> None:
    assert kinds(text) == [(DEADLINE, due)]


@pytest.mark.parametrize(
    "text",
    [
        # an account's expiry is no step of the hiring process
        "Your password expires on Friday 20 November.",
        "This password reset link expires in 24 hours.",
        # a job ad's closing date: whether to apply is the user's choice, and a recruiter
        # who needs an answer asks for it ("let me know by Thursday" is read)
        "Applications close on Friday 4 December.",
        # "before then" with no request, or a request not to
        "The office is closed until Monday, and nothing will happen before then.",
        "The portal opens on Monday 23 November, so please don't start the form before then.",
        # a meeting said before it stays the meeting
        "Your interview is on Tuesday at 10:00, so please read the brief before then.",
    ],
)
def test_expiry_and_before_then_that_set_you_no_deadline(text: str) -> None:
    assert DEADLINE not in [kind for kind, _ in kinds(text)]


def test_a_job_offer_that_expires_stays_your_deadline() -> None:
    # (a shop's "this offer expires" is classified as not recruiting and opens no process;
    # the sentence alone cannot tell it from a job offer)
    assert kinds("This offer expires on Friday 27 November.") == [(DEADLINE, date(2026, 11, 27))]


# --- "they'd like an answer by ...": the client's date for the user's answer, relayed


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Harwood would like to offer you the role. They'd like a decision by Friday 4 December.",
         date(2026, 12, 4)),
        ("The client would like your answer by Monday.", date(2026, 11, 23)),
        ("They would like to have a response from you by Tuesday 24 November.",
         date(2026, 11, 24)),
        ("They'd love to hear from you by Thursday.", date(2026, 11, 19)),
    ],
)  # fmt: skip
def test_their_wish_for_an_answer_by_a_date_is_your_deadline(text: str, due: date) -> None:
    assert kinds(text) == [(DEADLINE, due)]


@pytest.mark.parametrize(
    "text",
    [
        "I'd like an answer from the client by Friday.",
        "They wouldn't need an answer before Monday.",
        "We'd like to make a decision by Friday.",
    ],
)
def test_an_answer_that_is_not_yours_to_give_sets_no_deadline(text: str) -> None:
    assert DEADLINE not in [kind for kind, _ in kinds(text)]


# --- an agency's promises: "I'd hope to", "we should hear by", "... and expect to confirm"


@pytest.mark.parametrize(
    ("text", "due", "quoted"),
    [
        ("I've passed your CV to their head of data and I'd hope to have feedback for you by "
         "Friday.", date(2026, 11, 20), "I'd hope to have feedback for you by Friday"),
        ("I would expect to have news for you early next week.", date(2026, 11, 24),
         "early next week"),
        ("The team shortlists on Mondays, so we should hear by next Tuesday at the latest.",
         date(2026, 11, 24), "we should hear by next Tuesday"),
        ("They are seeing two more people this week and expect to confirm final interviews by "
         "the end of the week.", date(2026, 11, 20), "by the end of the week"),
        ("The panel meets tomorrow and I'll give you a call on Friday with their feedback.",
         date(2026, 11, 20), "give you a call on Friday"),
        ("I'll give you a quick ring tomorrow to let you know how it went.", date(2026, 11, 19),
         "ring tomorrow"),
    ],
)  # fmt: skip
def test_an_agencys_dated_promise_is_read(text: str, due: date, quoted: str) -> None:
    found = read(text)
    assert [(c.kind, c.due, c.strength) for c in found] == [(REPLY, due, Strength.RELATIVE)]
    assert quoted in found[0].phrase


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a call with no news to give is the call itself
        ("I'll give you a call on Friday at 10:00 to talk through the role.",
         [(MEETING, date(2026, 11, 20))]),
        # hearing more of something else, or hoping to hear from the user
        ("We'll hear more about the budget next week.", []),
        ("We hope to hear from you by Friday.", []),
        ("Please sign the contract and expect to start on Monday.", []),
    ],
)  # fmt: skip
def test_words_like_an_agencys_promise_that_promise_nothing(
    text: str, expected: list[tuple[CommitmentKind, date]]
) -> None:
    assert kinds(text) == expected


# --- "<client> are fine with <the date you asked for>": more time granted

ASKED = "Thank you for the contract. Could I have until Wednesday 2 December to sign it?"


def quoting(ask: str) -> str:
    return f"On Tue, 17 Nov 2026 at 12:00, Alex Morgan <alex@example.org> wrote:\n> {ask}\n"


@pytest.mark.parametrize(
    ("reply", "due"),
    [
        ("Hi Alex,\n\nHarwood are fine with Wednesday 2 December.", date(2026, 12, 2)),
        ("They're fine with Wednesday.", date(2026, 12, 2)),
        ("Harwood Analytics are happy with that.", date(2026, 12, 2)),
        ("The client is fine with Monday 30 November, but no later.", date(2026, 11, 30)),
        # already read as a plain yes
        ("No problem with Wednesday 2 December.", date(2026, 12, 2)),
    ],
)
def test_their_client_fine_with_the_date_asked_for_grants_it(reply: str, due: date) -> None:
    granted = agreed_extension(reply, quoting(ASKED), sent_at=WEDNESDAY, calendar=GB)
    assert granted is not None
    assert (granted.kind, granted.due, granted.granted) == (DEADLINE, due, True)


@pytest.mark.parametrize(
    "reply",
    [
        "I think they'd be fine with Wednesday.",
        "I'm sure Harwood are fine with Wednesday.",
        "Harwood are fine with Wednesday for the start date.",
        "Harwood aren't fine with Wednesday.",
        "Are Harwood fine with Wednesday?",
        "Harwood are fine with it, but I need to check with HR.",
        "The panel is happy with the presentation.",
    ],
)
def test_a_guess_a_no_or_another_matter_grants_nothing(reply: str) -> None:
    assert agreed_extension(reply, quoting(ASKED), sent_at=WEDNESDAY, calendar=GB) is None


def _message(**overrides: object) -> ParsedMessage:
    fields: dict[str, object] = {
        "message_id": "<2@agency.example>",
        "message_id_synthesized": False,
        "in_reply_to": "<1@example.org>",
        "references": ("<1@example.org>",),
        "sender": Address("Ben Hart", "ben@agency.example"),
        "reply_to": (),
        "to": (Address("", "alex@example.org"),),
        "cc": (),
        "date": WEDNESDAY,
        "date_source": "header",
        "subject": "Re: Offer - Harwood",
        "body": "",
        "new_text": "",
        "quoted": "",
        "signature": "",
        "footer": "",
        "attachments": (),
        "direction": "inbound",
        "content_hash": "x",
        "size": 100,
    }
    fields.update(overrides)
    return ParsedMessage(**fields)  # type: ignore[arg-type]


def test_a_top_posted_grant_is_read_against_the_mail_it_answers() -> None:
    # no quoted history: the caller gives the text of the mail answered
    reply = _message(new_text="Hi Alex,\n\nHarwood are fine with Wednesday 2 December.\n\nBen")
    (granted,) = extract_message(reply, GB, replied_to=ASKED).commitments
    assert (granted.kind, granted.due, granted.granted) == (DEADLINE, date(2026, 12, 2), True)


# --- "Tuesday won't work after all": that day's meeting called off


def test_a_day_that_no_longer_works_calls_its_meeting_off_and_new_times_are_promised() -> None:
    found = kinds(
        "Apologies Alex, I've just noticed Monday won't work after all - I'll send you some "
        "new times tomorrow."
    )
    assert sorted(found, key=str) == sorted(
        [(MEETING_OFF, date(2026, 11, 23)), (REPLY, date(2026, 11, 19))], key=str
    )


def test_the_day_called_off_is_no_date_for_the_promise_after_it() -> None:
    found = read("Sorry, Friday won't work after all - I'll send you some new times.")
    assert sorted((c.kind, c.due, c.strength) for c in found) == sorted(
        [(MEETING_OFF, date(2026, 11, 20), Strength.RELATIVE), (REPLY, None, Strength.VAGUE)]
    )


def test_a_day_that_no_longer_works_with_a_new_time_asked_is_their_ask_to_move() -> None:
    # the meeting stays until the user's yes (agreed_move), as for any move asked
    found = read(
        "Sorry, Monday won't work after all. Would Tuesday 24 November at 10:00 work instead?"
    )
    assert [c.kind for c in found] == [CommitmentKind.MOVE_ASKED]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I'm afraid tomorrow can't go ahead.", date(2026, 11, 19)),
        ("Sorry, Friday is off after all.", date(2026, 11, 20)),
        ("Monday doesn't work for the panel any more, so I'll be in touch.", date(2026, 11, 23)),
        ("Unfortunately Monday no longer works for the panel.", date(2026, 11, 23)),
        ("Monday is no longer possible, sorry.", date(2026, 11, 23)),
    ],
)
def test_their_day_that_no_longer_works_is_off(text: str, due: date) -> None:
    assert (MEETING_OFF, due) in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Monday won't work for the delivery.",
        "The office is closed on Monday.",
        "Deliveries on Monday won't work.",
        "If Monday doesn't work, let me know.",
        "Let me know if Monday doesn't work.",
        "I think Monday won't work.",
        "Does Monday not work?",
        "Monday is off-site for the whole team.",
    ],
)
def test_a_day_said_not_to_work_of_something_else_or_in_doubt_calls_nothing_off(
    text: str,
) -> None:
    assert MEETING_OFF not in [kind for kind, _ in kinds(text)]


def test_the_users_own_day_that_does_not_work_is_no_call_off() -> None:
    # (the user's no to a time offered is agreed_slot's to read)
    assert kinds("Monday doesn't work for me, sorry.", direction="outbound") == []


def test_new_times_promised_without_a_determiner() -> None:
    assert kinds("I'll send new times by Friday.") == [(REPLY, date(2026, 11, 20))]


_FRIDAY_6TH = datetime(2026, 11, 6, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        # one person's day, while the meeting goes on (verification round 10, V1)
        "I've just heard Tuesday won't work for Marcus, but Priya can step in, so the"
        " interview stays as planned.",
        "Tuesday won't work for Marcus - he's travelling - so I'll join instead and we'll keep"
        " the time.",
        "Sorry Sam, my Tuesday won't work after all, so I won't be on the call, but Marcus will be.",
    ],
)
def test_a_day_that_does_not_suit_one_of_them_calls_no_meeting_off(text: str) -> None:
    found = extract_commitments(text, sent_at=_FRIDAY_6TH, calendar=GB)
    assert CommitmentKind.MEETING_OFF not in {c.kind for c in found}, text


def test_a_day_that_does_not_suit_the_panel_still_calls_the_meeting_off() -> None:
    text = "I'm afraid Tuesday won't work for the panel, so we'll need to find another day."
    found = extract_commitments(text, sent_at=_FRIDAY_6TH, calendar=GB)
    assert [(c.kind, c.due) for c in found] == [(CommitmentKind.MEETING_OFF, date(2026, 11, 10))]


def test_a_job_s_closing_date_before_then_is_no_deadline_of_the_user_s() -> None:
    # verification round 10, V5: whether to apply is the user's choice
    for text in (
        "This role closes on Friday 20 November, so let me know if you'd like a chat before then.",
        "Applications close on Friday 20 November, so please get in touch before then.",
    ):
        found = extract_commitments(text, sent_at=_FRIDAY_6TH, calendar=GB)
        assert CommitmentKind.USER_DEADLINE not in {c.kind for c in found}, text
    # a task's own closing is
    task = "Your assessment closes on Friday 20 November, so please complete it before then."
    (deadline,) = extract_commitments(task, sent_at=_FRIDAY_6TH, calendar=GB)
    assert (deadline.kind, deadline.due) == (CommitmentKind.USER_DEADLINE, date(2026, 11, 20))
    # nor is an assessment centre's closing for the holidays (V6)
    closed = "Our assessment centre closes for the holidays on Wednesday 23 December."
    found = extract_commitments(closed, sent_at=_FRIDAY_6TH, calendar=GB)
    assert CommitmentKind.USER_DEADLINE not in {c.kind for c in found}
