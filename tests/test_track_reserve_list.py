"""A reserve list is not a no (user audit 9 F12): their word that the user met the standard
and is on their list for a post that may come up leaves the process open, with no date
expected and nothing to chase, the list's end shown when they gave one; their offer,
invitation or rejection since moves it on. Precise words only: "we reserve the right",
"reserve your place" and a CV kept on file are no reserve list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from helpers import message_record

from inbox_monitor.cli.render import board_table, status_json
from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.digest import DigestData, plan_digest, render_html, render_text
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Extraction,
    Label,
    MessageRecord,
    Outcome,
    ProcessRecord,
    Stage,
    State,
    Strength,
)
from inbox_monitor.track import ProcessStatus, process_status

LONDON = ZoneInfo("Europe/London")
CALENDAR = BusinessCalendar("GB", "ENG")
PORTAL = Address("Public Appointments", "noreply@appointments.gov.example")
PROCESS = ProcessRecord(
    2, "Department for Transport", "Senior Policy Officer", None,
    datetime(2026, 11, 30, 9, 0, tzinfo=LONDON),
)  # fmt: skip

# a long opening: the words that say it come after the stored record's first 200 characters
OPENING = (
    "Dear Sam Okoro,\n\nThank you for coming to the panel interview for the post of Senior"
    " Policy Officer (reference 40417) last week, and for the presentation you gave on rail"
    " freight. The panel met on Monday to score every candidate against the behaviours.\n\n"
)
RESERVE_TEXT = OPENING + (
    "We are glad to say that you reached the required standard. There are more candidates who"
    " reached it than there are posts at present, so we cannot offer you a post today.\n\n"
    "You have been placed on our reserve list. The reserve list is valid for 12 months: should"
    " a post come up in that time we may contact you with an offer. There is nothing you need"
    " to do."
)


def at(month: int, day: int, hour: int = 10, year: int = 2027) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=LONDON)


def mail(key: str, when: datetime, label: Label, text: str = "", subject: str = "Outcome",
         *commitments: Commitment, sure: bool = True,
         sender: Address = PORTAL) -> MessageRecord:  # fmt: skip
    record = message_record(key, when, label, sender, subject=subject, commitments=commitments,
                            process_id=PROCESS.id)  # fmt: skip
    return replace(record, needs_review=not sure, snippet=text[:200], text=text)


def sent(key: str, when: datetime, text: str, decision: Outcome | None = None) -> MessageRecord:
    record = message_record(key, when, Label.NOT_RECRUITING, None, subject="Re: Outcome",
                            direction="outbound", process_id=PROCESS.id)  # fmt: skip
    return replace(record, text=text, extraction=Extraction(decision=decision))


INTERVIEW = mail("i", at(1, 6, year=2027), Label.INTERVIEW, "Your interview is confirmed.")
RESERVE = mail("r", at(1, 12, 16), Label.REJECTION, RESERVE_TEXT,
               "Senior Policy Officer 40417 - outcome of your interview")  # fmt: skip


def status_at(now: datetime, *messages: MessageRecord) -> ProcessStatus:
    return process_status(PROCESS, messages, now, TrackingConfig(), CALENDAR, LONDON)


def test_a_reserve_list_keeps_the_process_open_with_nothing_to_chase() -> None:
    assert "reserve list" not in RESERVE.snippet  # (said after the record's first words)
    status = status_at(at(1, 12, 21), INTERVIEW, RESERVE)
    assert (status.stage, status.state, status.outcome) == (
        Stage.INTERVIEWING, State.ACTIVE, None,
    )  # fmt: skip
    assert (status.expected_by, status.expected_source) == (None, None)
    assert status.reserve_at == RESERVE.date and status.reserve_key == "r"
    assert status.reserve_until == date(2028, 1, 12)
    assert status.next_step == (
        "On their reserve list since Tue 12 Jan 2027, until Wed 12 Jan 2028: nothing to do;"
        " they write if a post comes up."
    )
    # months of silence later it is still no one's turn: never due soon nor overdue
    later = status_at(at(6, 1), INTERVIEW, RESERVE)
    assert later.state == State.ACTIVE and not later.stalled and later.expected_by is None


def test_the_users_thanks_on_the_list_starts_no_wait() -> None:
    thanks = sent("t", at(1, 13), "Thank you, please do keep me in mind for a post.")
    status = status_at(at(3, 1), INTERVIEW, RESERVE, thanks)
    assert status.state == State.ACTIVE and status.expected_by is None
    assert status.reserve_at == RESERVE.date


def test_an_offer_an_invitation_or_a_rejection_from_the_list_moves_it_on() -> None:
    offer = mail("o", at(3, 10), Label.OFFER, "A post has come up and we can offer it to you.")
    offered = status_at(at(3, 10, 21), INTERVIEW, RESERVE, offer)
    assert (offered.stage, offered.state) == (Stage.OFFER, State.WAITING_ON_YOU)
    assert offered.reserve_at is None and offered.reserve_until is None
    invite = mail("v", at(3, 10), Label.INTERVIEW, "Could you come in for a short chat?")
    invited = status_at(at(3, 10, 21), INTERVIEW, RESERVE, invite)
    assert invited.reserve_at is None and invited.state != State.CLOSED
    ended = mail("e", at(6, 1), Label.REJECTION, "We have now filled all the posts from this"
                 " campaign and will not be able to offer you one.")  # fmt: skip
    closed = status_at(at(6, 1, 21), INTERVIEW, RESERVE, ended)
    assert (closed.state, closed.outcome, closed.reserve_at) == (
        State.CLOSED, Outcome.REJECTED, None,
    )  # fmt: skip
    # the user's own no closes it too
    gone = sent("w", at(2, 1), "Please remove me from the list.", Outcome.WITHDRAWN)
    withdrawn = status_at(at(2, 2), INTERVIEW, RESERVE, gone)
    assert (withdrawn.state, withdrawn.outcome) == (State.CLOSED, Outcome.WITHDRAWN)
    # an unsure rejection moves nothing: still on the list
    unsure = mail("u", at(6, 1), Label.REJECTION, "An update on the campaign.", sure=False)
    assert status_at(at(6, 2), INTERVIEW, RESERVE, unsure).reserve_at == RESERVE.date


def test_once_the_list_has_run_out_the_user_is_told_it_did() -> None:
    status = status_at(at(1, 20, year=2028), INTERVIEW, RESERVE)
    assert status.state == State.ACTIVE and status.expected_by is None
    assert status.next_step == (
        "Their reserve list ran until Wed 12 Jan 2028 and no post came: close it"
        " (inbox-monitor close 2 --outcome rejected), or ask Public Appointments whether it"
        " still stands."
    )


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("We would like to keep you on our reserve list for six months.", date(2027, 7, 12)),
        ("Your name will be held on the merit list. The list is open until 31 October 2027.",
         date(2027, 10, 31)),
        ("You are now in our reserve pool, which is valid for a year.", date(2028, 1, 12)),
        ("You met the required standard but were not the top scorer. If a suitable post"
         " becomes available, we will contact you.", None),
        ("Although you were found appointable, there is no post for you at present; should"
         " another vacancy come up we will be in touch.", None),
        ("We have added you to the reserve list.", None),
    ],
)  # fmt: skip
def test_the_ways_they_say_it_and_how_long_the_list_stands(text: str, until: date | None) -> None:
    for label in (Label.REJECTION, Label.DELAY):
        notice = mail("r", at(1, 12, 16), label, text)
        status = status_at(at(1, 13), INTERVIEW, notice)
        assert (status.state, status.reserve_at, status.reserve_until) == (
            State.ACTIVE, notice.date, until,
        ), (text, label)  # fmt: skip
    # however unsure the label: the words decide (an unsure one would close nothing anyway)
    unsure = mail("r", at(1, 12, 16), Label.REJECTION, text, sure=False)
    assert status_at(at(1, 13), INTERVIEW, unsure).reserve_at == unsure.date


@pytest.mark.parametrize(
    "text",
    [
        "We reserve the right to close this campaign early. You were not successful this time.",
        "Thank you for your interest. Please reserve your place at our next open evening.",
        "Reserved parking is no longer available. Sadly we will not take your application on.",
        "Unfortunately you have not been placed on the reserve list for this campaign.",
        "We are unable to add you to our reserve list, as you did not reach the standard.",
        "You will no longer be on the reserve list, which has now closed.",
        "Candidates who are placed on the reserve list will hear from us; you were not.",
        "We will keep your CV on file and contact you if a suitable position becomes available.",
        "Although you met the standard, we have appointed a candidate with more experience.",
        "You did not meet the required standard. If a post becomes available, please apply.",
    ],
)
def test_other_words_are_no_reserve_list(text: str) -> None:
    rejection = mail("n", at(1, 12, 16), Label.REJECTION, text)
    status = status_at(at(1, 13), INTERVIEW, rejection)
    assert (status.state, status.outcome, status.reserve_at) == (
        State.CLOSED, Outcome.REJECTED, None,
    ), text  # fmt: skip


def test_only_their_rejection_or_delay_says_it() -> None:
    # a newsletter or a receipt that speaks of reserve lists puts no one on one
    for label in (Label.NOT_RECRUITING, Label.ACKNOWLEDGEMENT):
        notice = mail("x", at(1, 12, 16), label, "You have been placed on a reserve list.")
        assert status_at(at(1, 13), INTERVIEW, notice).reserve_at is None, label


def test_a_promise_in_the_list_notice_is_the_list_not_a_date_to_chase() -> None:
    within = Commitment(CommitmentKind.REPLY, "we will contact you within 12 months",
                        Strength.RELATIVE, date(2028, 1, 12))  # fmt: skip
    notice = mail("r", at(1, 12, 16), Label.REJECTION, RESERVE_TEXT, "Outcome", within)
    status = status_at(at(1, 13), INTERVIEW, notice)
    assert status.expected_by is None and status.reserve_at == notice.date
    # the user's own date still counts
    own = replace(PROCESS, expected_by_user=date(2027, 4, 1))
    mine = process_status(own, [INTERVIEW, notice], at(1, 13), TrackingConfig(), CALENDAR, LONDON)
    assert (mine.expected_by, mine.expected_source, mine.reserve_at) == (
        date(2027, 4, 1), "user", None,
    )  # fmt: skip


def _digest(now: datetime, statuses: list[ProcessStatus], new: list[MessageRecord]) -> DigestData:
    return DigestData(now=now, zone=LONDON, calendar=CALENDAR, statuses=statuses,
                      new_messages=new, since=at(1, 12, 7))  # fmt: skip


def test_the_digest_says_it_once_as_not_a_no_and_never_nags() -> None:
    status = status_at(at(1, 13, 7), INTERVIEW, RESERVE)
    data = _digest(at(1, 13, 7), [status], [RESERVE])
    plan = plan_digest(data)
    assert plan.reserve == [status] and not plan.closed
    assert not (plan.overdue or plan.due_soon or plan.answer)
    text = render_text(data, plan)
    assert "On a reserve list since the last digest (1)" in text
    assert (
        "#2 Department for Transport — Senior Policy Officer: on their reserve list since"
        " Tue 12 Jan, until Wed 12 Jan 2028; not a no: nothing to do unless they write"
    ) in text
    assert "outcome of your interview (a reserve list: not a no)" in text
    assert "reserve list since Tue 12 Jan" in render_html(data, plan)
    # the next days' digests do not name it again, nor ever ask the user to chase it
    quiet = status_at(at(5, 3, 7), INTERVIEW, RESERVE)
    later = render_text(_digest(at(5, 3, 7), [quiet], []))
    assert "#2" not in later and "check-in" not in later


def test_the_board_shows_the_list_and_its_end() -> None:
    status = status_at(at(1, 13), INTERVIEW, RESERVE)
    table = board_table([status], LONDON)
    assert "active (reserve list)" in table and "list to 2028-01-12" in table
    row = status_json(status, LONDON)
    assert row["reserve_list"] == {"since": "2027-01-12", "until": "2028-01-12"}
    assert row["state"] == "active" and row["outcome"] is None
