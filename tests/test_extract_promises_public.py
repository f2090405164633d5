"""Users' audits 9 and 10: public-sector timing words ("w/c", "within N working days", a
shortlisting step's date, "if you have not heard ... please assume"), a search firm's "be
back to you" and "revisit at the end of January", the user's date in "should reach me by"
and "I'd be grateful for your answer by", and a reference request to the user's referee
(the user only copied), whose deadline is the referee's."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor import extract as extract_module
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_commitments, extract_message, to_a_referee
from inbox_monitor.models import Commitment, CommitmentKind, Extraction
from inbox_monitor.parse import parse_message

LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")
REPLY, DEADLINE = CommitmentKind.REPLY, CommitmentKind.USER_DEADLINE


def read(text: str, day: date) -> tuple[Commitment, ...]:
    sent_at = datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)
    return extract_commitments(text, sent_at=sent_at, calendar=ENGLAND)


def dated(text: str, day: date) -> list[tuple[CommitmentKind, date | None]]:
    return [(c.kind, c.due) for c in read(text, day) if c.due is not None]


# --- their word on when they decide, in the public sector's words


def test_the_outcome_told_in_a_week_commencing_is_due_by_its_friday() -> None:
    text = (
        "The advert closes on 5 December 2026. The sift starts from 8 December 2026 and we "
        "expect to tell you the outcome of the sift w/c 14 December 2026."
    )
    assert dated(text, date(2026, 12, 1)) == [(REPLY, date(2026, 12, 18))]


def test_a_span_of_working_days_in_the_next_sentence_dates_the_promise() -> None:
    (promise,) = read(
        "The course provider will look at your application and let you know what they "
        "decide. They should do this within 20 working days.",
        date(2026, 12, 1),
    )
    # 20 working days from Tuesday 1 December in England skip 25 and 28 December
    assert (promise.kind, promise.due) == (REPLY, date(2026, 12, 31))
    assert promise.phrase.endswith("They should do this within 20 working days")


def test_a_later_sentence_about_doing_something_else_dates_nothing() -> None:
    (promise,) = read(
        "The course provider will look at your application and let you know. "
        "Next, register your details. We'll do it together on the phone.",
        date(2026, 12, 1),
    )
    assert (promise.kind, promise.due) == (REPLY, None)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # an agency relaying the client's plan: news by then
        ("They're hoping to shortlist by Thursday 10 December and I'll let you know as soon as I hear.", date(2026, 12, 10)),
        ("Eastbury Council expects to shortlist by Friday 11 December.", date(2026, 12, 11)),
        # the step's week: its Friday
        ("We expect that shortlisting will take place w/c 14 December 2026.", date(2026, 12, 18)),
        ("Sifting is expected to take place week commencing 14 December.", date(2026, 12, 18)),
    ],
)  # fmt: skip
def test_a_decision_step_with_its_end_is_their_promise(text: str, due: date) -> None:
    assert dated(text, date(2026, 12, 2))[0] == (REPLY, due)


@pytest.mark.parametrize(
    "text",
    [
        # a start, not an end
        "The sift is expected to take place from 7 December 2026.",
        # the day they meet: news comes after it
        "The panel will shortlist on 6 January.",
        # the interview week is a meeting's, not the shortlisting's
        "The panel will shortlist on 6 January and interviews will be held w/c 11 January.",
        "Interviews will take place w/c 11 January.",
        "Interviews are expected to take place in early January 2027.",
    ],
)
def test_no_step_date_where_the_step_is_not_done_by_it(text: str) -> None:
    assert [c for c in read(text, date(2026, 12, 2)) if c.kind == REPLY] == []


def test_if_not_heard_assume_unsuccessful_is_a_date_to_wait_for() -> None:
    found = read(
        "The closing date for this post is 4 December 2026. We anticipate shortlisting will "
        "take place w/c 7 December 2026.\n\nIf you are shortlisted we will email you. If you "
        "have not heard from us within 3 weeks of the closing date, please assume that you "
        "have not been shortlisted on this occasion.",
        date(2026, 11, 30),
    )
    first = found[0]  # Extraction.promise: the date they hold themselves to for everyone
    assert (first.kind, first.due) == (REPLY, date(2026, 12, 25))
    assert "please assume" in first.phrase
    assert (REPLY, date(2026, 12, 11)) in [(c.kind, c.due) for c in found]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        (
            "If you don't hear from us by Friday 18 December, you should assume your "
            "application has been unsuccessful.",
            date(2026, 12, 18),
        ),
        (
            "Should you not hear from us within two weeks, please take it that you have not "
            "been selected.",
            date(2026, 12, 16),
        ),
    ],
)
def test_silence_that_means_no_is_their_promise_by_then(text: str, due: date) -> None:
    assert dated(text, date(2026, 12, 2)) == [(REPLY, due)]


@pytest.mark.parametrize(
    "text",
    [
        # no "assume ... not": a request to chase, not their date
        "If you have not heard from us within two weeks, please email the team.",
        # no time at all
        "If you have not heard from us, please assume you have not been successful.",
    ],
)
def test_no_silence_date_without_its_meaning_or_its_time(text: str) -> None:
    assert [c for c in read(text, date(2026, 12, 2)) if c.kind == REPLY and c.due] == []


# --- a search firm's wording


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Sorry for the wait - I'll be back to you by Tuesday 22 December at the latest.", date(2026, 12, 22)),
        ("I will revert to you by Friday with their view.", date(2026, 12, 18)),
        ("The client is slow this week. I'll circle back by Friday.", date(2026, 12, 18)),
    ],
)  # fmt: skip
def test_british_ways_of_saying_they_will_come_back(text: str, due: date) -> None:
    assert dated(text, date(2026, 12, 16)) == [(REPLY, due)]


@pytest.mark.parametrize(
    "text",
    [
        "I'll be back in the office on Monday.",
        "I'll tell you more about the role when we speak on Friday.",
    ],
)
def test_not_a_reply_owed(text: str) -> None:
    assert [c for c in read(text, date(2026, 12, 16)) if c.kind == REPLY] == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # the end of January 2027 is a Sunday: its last business day
        ("The board has paused the search. They expect to revisit at the end of January.", date(2027, 1, 29)),
        ("We hope to pick this up again in the new year.", date(2027, 1, 4)),
        ("The client plans to resume the process in mid-January.", date(2027, 1, 15)),
        ("Halbrook hope to restart the search in February.", date(2027, 2, 26)),
    ],
)  # fmt: skip
def test_a_process_on_hold_to_be_taken_up_then(text: str, due: date) -> None:
    assert dated(text, date(2026, 12, 21)) == [(REPLY, due)]


@pytest.mark.parametrize(
    "text",
    [
        "I'll revisit your CV on Monday.",
        "We'll revisit your salary expectations at the offer stage.",
    ],
)
def test_revisiting_something_else_is_no_promise(text: str) -> None:
    assert [c for c in read(text, date(2026, 12, 21)) if c.kind == REPLY] == []


# --- the user's date


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Applications (a CV and a cover letter of one page) should reach us by Monday 14 December.", date(2026, 12, 14)),
        ("Your statement must reach me no later than Friday 11 December.", date(2026, 12, 11)),
        ("I'd be grateful for your answer by Friday 15 January.", date(2027, 1, 15)),
        ("We would be most grateful for your decision by Monday 11 January.", date(2027, 1, 11)),
        ("An answer by Friday 8 January would be much appreciated.", date(2027, 1, 8)),
        ("Please let me have your answer by Monday 11 January.", date(2027, 1, 11)),
        ("Send your application to me by Friday 18 December.", date(2026, 12, 18)),
        ("Your signed contract should reach us by Friday 11 December.", date(2026, 12, 11)),
    ],
)  # fmt: skip
def test_the_users_date_in_polite_words(text: str, due: date) -> None:
    assert dated(text, date(2026, 12, 8)) == [(DEADLINE, due)]


@pytest.mark.parametrize(
    "text",
    [
        # theirs, not the user's
        "An answer from the client by Friday would be great.",
        "We'd be grateful for the panel's answer by Friday.",
        "Your CV should reach the client by Friday.",
        # what reaches is theirs (verification round 13)
        "The client's feedback should reach me by Friday 11 December; I'll pass it on.",
        "Their decision on the shortlist should reach me by Friday 11 December.",
        "The offer letter should reach me by Friday 11 December and I'll forward it.",
        # a job's closing date: whether to apply is the user's choice
        "The closing date is 18 December.",
    ],
)
def test_not_the_users_date(text: str) -> None:
    assert [c for c in read(text, date(2026, 12, 8)) if c.kind == DEADLINE] == []


# --- a reference request to the referee, the user only copied


def test_a_reference_request_to_the_referee_is_not_the_users_deadline() -> None:
    text = (
        "Dear Mrs Patel,\n\nTom Baker has accepted a conditional offer of the post of Data "
        "Officer and has given your name as a referee.\n\nWe would be grateful if you could "
        "fill in the enclosed form and send it back to us by Monday 11 January 2027. The "
        "candidate is copied into this message for information."
    )
    assert [c for c in read(text, date(2026, 12, 22)) if c.kind == DEADLINE] == []


@pytest.mark.parametrize(
    "text",
    [
        "Dear Mr Ward,\n\nOur candidate named you as her referee. Could you complete the form "
        "by Friday 8 January?",
        "Dear Mr Ward,\n\nCould you complete the form by Friday 8 January? The applicant has "
        "been cc'd for information.",
    ],
)
def test_other_ways_a_mail_is_to_the_referee(text: str) -> None:
    assert [c for c in read(text, date(2026, 12, 22)) if c.kind == DEADLINE] == []


@pytest.mark.parametrize(
    "text",
    [
        # to the user, about their referees
        "Dear Tom,\n\nPlease ask your referees to return the forms by Friday 8 January.",
        # to the user, a colleague copied
        "Dear Tom,\n\nCould you send your certificates by Friday 8 January? I've copied in "
        "my colleague Dan for information.",
    ],
)
def test_the_users_own_deadline_with_someone_copied(text: str) -> None:
    assert dated(text, date(2026, 12, 22)) == [(DEADLINE, date(2027, 1, 8))]


def _message(to: str, cc: str, body: str) -> Extraction:
    raw = (
        "From: Recruitment Team <recruitment@trust.example>\r\n"
        f"To: {to}\r\nCc: {cc}\r\n"
        "Subject: Reference request - Tom Baker\r\n"
        "Date: Tue, 22 Dec 2026 11:00:00 +0000\r\n"
        "Message-ID: <ref-1@trust.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
    ).encode()
    message = parse_message(
        raw,
        own_addresses=frozenset({"tom.baker@example.net"}),
        received_at=datetime(2026, 12, 22, 11, 5, tzinfo=LONDON),
    )
    return extract_message(message, ENGLAND, LONDON)


def test_a_parsed_reference_request_gives_the_user_nothing_to_answer() -> None:
    extraction = _message(
        "Priya Patel <p.patel@school.example>",
        "Tom Baker <tom.baker@example.net>",
        "Dear Mrs Patel,\r\n\r\nTom Baker has given your name as a referee. We would be "
        "grateful if you could complete the attached form by Friday 8 January 2027. The "
        "candidate is copied into this email for information only.\r\n\r\nKind regards,\r\n"
        "Recruitment Team\r\n",
    )
    assert extraction.first(DEADLINE) is None


def test_a_request_to_the_user_with_a_colleague_copied_stays_theirs() -> None:
    extraction = _message(
        "Tom Baker <tom.baker@example.net>",
        "Priya Patel <p.patel@trust.example>",
        "Dear Tom,\r\n\r\nWe would be grateful if you could complete the attached form by "
        "Friday 8 January 2027. I've copied in Priya, who manages the team.\r\n\r\nKind "
        "regards,\r\nRecruitment Team\r\n",
    )
    deadline = extraction.first(DEADLINE)
    assert deadline is not None and deadline.due == date(2027, 1, 8)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # the event's date in brackets (verification round 13: counted from the mail's day)
        ("If you have not heard from us within 4 weeks of the closing date (18 December 2026),"
         " please assume that your application has not been successful.", date(2027, 1, 15)),
        ("If you have not heard from us within 2 weeks of your interview (Tuesday 8 December),"
         " please assume you have not been successful.", date(2026, 12, 22)),
        # a bracket that holds no date is no event's: counted from the mail, as before
        ("We will let you know within 5 working days of receiving your test (we mark them in"
         " order).", date(2026, 12, 9)),
    ],
)  # fmt: skip
def test_a_span_counted_from_an_event_whose_date_is_in_brackets(text: str, due: date) -> None:
    assert [c.due for c in read(text, date(2026, 12, 2)) if c.kind == REPLY] == [due]


@pytest.mark.parametrize(
    "text",
    [
        "Sam Oduya has given your name as a referee.",
        "She has provided your details as one of her referees.",
        "Sam has named you as his referee for the post.",
        "You have been nominated as a referee by Jordan Lee.",
        "The candidate is copied into this email for information only.",
        "The applicant has been cc'd on this message.",
        "The applicant has been cc’ed on this message.",
        "The candidate has been CCd for information.",
    ],
)
def test_each_way_to_write_to_a_referee_holds_a_word_looked_for_first(text: str) -> None:
    # to_a_referee looks for one of these words before its search (the classifier asks it of
    # every message): a wording the search knows but the words miss would be lost
    found = extract_module._TO_REFEREE.search(text)
    assert found is not None
    assert any(word in found.group().lower() for word in extract_module._REFEREE_WORDS)
    assert to_a_referee(text) == found.group()
