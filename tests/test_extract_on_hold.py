"""User audit 10 (a CFO candidate in retained searches) and verification round 13: a search
put on hold until a date, or to be taken up again then whatever the clause's subject
("They've put it on hold and expect to revisit at the end of January"), is their promise by
then; the user's answer asked for in a conditional ("It would help if I could have your
decision by ...") is the user's date, not theirs; a client's answer the agency will be
given ("... will let me have their answer by Friday") is the process's promise; and a
company's domain with a word glued on names it in words ("Halden Group")."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar, find_time_mentions
from inbox_monitor.extract import extract_commitments
from inbox_monitor.models import Address, CommitmentKind
from inbox_monitor.orgs import find_organisation, name_from_domain

LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")
REPLY, DEADLINE = CommitmentKind.REPLY, CommitmentKind.USER_DEADLINE
# a Monday, the week before Christmas
SAID = date(2026, 12, 21)


def dated(text: str, day: date = SAID) -> list[tuple[CommitmentKind, date | None]]:
    sent_at = datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)
    found = extract_commitments(text, sent_at=sent_at, calendar=ENGLAND)
    return [(c.kind, c.due) for c in found if c.due is not None]


# --- a search on hold, taken up again then


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # the subject carried over "and" (31 January 2027 is a Sunday: its last business day)
        ("Hartwell have put the search on hold and expect to revisit at the end of January.", date(2027, 1, 29)),
        ("The board has frozen the appointment and will pick it up again at the end of January.", date(2027, 1, 29)),
        # "early February" is its 7th, as dates.py reads "early December"
        ("The client has paused hiring and will revisit in early February.", date(2027, 2, 7)),
        # on hold until a day
        ("The process is on hold until the end of January.", date(2027, 1, 29)),
        ("I'm afraid the role is now on hold until Friday 15 January.", date(2027, 1, 15)),
        ("They've put the vacancy on hold until the new year.", date(2027, 1, 4)),
        ("Recruitment is paused until after Christmas.", date(2027, 1, 4)),
    ],
)  # fmt: skip
def test_a_search_on_hold_until_then_is_their_promise(text: str, due: date) -> None:
    assert dated(text) == [(REPLY, due)]


@pytest.mark.parametrize(
    "text",
    [
        # the sender away, a contract's term, a membership, no date
        "I'm away until the end of January.",
        "The contract runs to the end of January.",
        "Your gym membership is frozen until 31 January.",
        "Prices are frozen until the end of January.",
        "The offer is on hold until your references come back.",
        # something else revisited
        "I've read it and will revisit your CV on Monday.",
    ],
)
def test_other_things_until_a_day_are_no_promise(text: str) -> None:
    assert [kind for kind, _ in dated(text) if kind == REPLY] == []


def test_until_the_new_year_is_its_first_business_day() -> None:
    anchor = datetime(2026, 12, 21, 10, 0, tzinfo=LONDON)
    (mention,) = find_time_mentions("on hold until the new year", anchor, ENGLAND)
    assert mention.due == date(2027, 1, 4)


# --- the user's answer, asked for politely; the client's, relayed


@pytest.mark.parametrize(
    "text",
    [
        "It would help if I could have your decision by Friday 15 January.",
        "It would be ideal if we could get an answer from you by Friday 15 January.",
    ],
)
def test_the_users_answer_asked_for_in_a_condition_is_their_deadline(text: str) -> None:
    assert dated(text, date(2027, 1, 6)) == [(DEADLINE, date(2027, 1, 15))]


def test_the_clients_feedback_asked_for_in_a_condition_is_not_the_users() -> None:
    text = "It would help if we could have their feedback by Friday 15 January."
    assert [kind for kind, _ in dated(text, date(2027, 1, 6)) if kind == DEADLINE] == []


@pytest.mark.parametrize(
    "text",
    [
        "Could we have your decision by Friday 15 January?",
        "Your response by Friday 15 January would help us plan.",
    ],
)
def test_the_users_decision_by_a_day_is_no_promise_of_theirs(text: str) -> None:
    assert [kind for kind, _ in dated(text, date(2027, 1, 6)) if kind == REPLY] == []


@pytest.mark.parametrize(
    "text",
    [
        "Northgate will let me have their answer by Friday 15 January.",
        "The panel should let us have the final decision by Friday 15 January.",
    ],
)
def test_their_answer_given_to_the_agency_is_the_processes_promise(text: str) -> None:
    assert dated(text, date(2027, 1, 6)) == [(REPLY, date(2027, 1, 15))]


# --- a company's domain with a word glued on


@pytest.mark.parametrize(
    ("domain", "name"),
    [
        ("haldengroup.com", "Halden Group"),
        ("fjordsystems.co.uk", "Fjord Systems"),
        ("tern-capital.com", "Tern Capital"),
        # a word that ends one-word names, a name of three letters, none glued on
        ("brightwater.io", "Brightwater"),
        ("ecosystems.com", "Ecosystems"),
        ("mygroup.com", "Mygroup"),
        ("harbourtalent.co.uk", "Harbourtalent"),
    ],
)
def test_a_word_glued_to_the_name_in_a_domain_is_split_off(domain: str, name: str) -> None:
    assert name_from_domain(domain) == name


def test_a_counter_offer_from_the_users_employer_is_named_from_its_domain() -> None:
    # the greeting's name is no company; the short mail has no signature of the firm
    found = find_organisation(
        "Proposal - in confidence",
        "Sam,\n\nThanks for your time today. I'd be grateful for your answer by Friday 15 "
        "January.\n\nPeter",
        sender=Address("Peter Vance", "peter.vance@ostrellgroup.com"),
    )
    assert found.company == "Ostrell Group"
