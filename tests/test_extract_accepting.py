"""The user's acceptance of an offer, said by a portal's receipt ("Thank you for accepting
your conditional offer") or by the user's plain yes to the offer they quote (audit 9 F10:
every digest said 'Answer the offer ... that date has passed' after she had accepted)."""

from __future__ import annotations

import pytest

from inbox_monitor.extract import confirmed_decision, user_decision
from inbox_monitor.models import Outcome


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for accepting your conditional offer and submitting your"
        " pre-employment check forms. We will now request your references.",
        "Thanks so much for accepting the offer of employment.",
        "Thank you for accepting our offer for the Data Analyst post.",
    ],
)
def test_a_portals_thanks_for_accepting_the_offer_is_the_users_acceptance(text: str) -> None:
    decision = confirmed_decision(text)
    assert decision is not None and decision[0] is Outcome.ACCEPTED


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for accepting our offer of an interview on Tuesday.",
        "Thanks for accepting the interview offer, see you on Tuesday.",
        "Thank you for accepting our invitation to interview.",
        "Thank you for accepting the meeting request.",
    ],
)
def test_thanks_for_accepting_an_interview_is_no_acceptance_of_an_offer(text: str) -> None:
    assert confirmed_decision(text) is None


OFFER = (
    "Hi Claire,\n\nI'm pleased to make you a verbal offer for the post, subject to"
    " references. The conditional offer will follow next week.\n\nRavi"
)


def test_the_users_plain_yes_to_the_offer_she_quotes_accepts_it() -> None:
    decision = user_decision("I'm delighted and would love to accept.", "", quoted=OFFER)
    assert decision is not None and decision[0] is Outcome.ACCEPTED
    # without the offer in view, a plain yes decides nothing
    assert user_decision("I'm delighted and would love to accept.", "") is None


@pytest.mark.parametrize(
    "quoted",
    [
        "We would like to offer you an interview on Thursday 10 December at 10:00.",
        "Please find attached our offer of an interview for next week.",
        # an offer further down the quote is older history, not the mail answered
        "Could you do Thursday at 10:00 for the call?\n\n" + "x " * 800 + OFFER,
    ],
)
def test_a_yes_to_an_interview_or_to_older_history_is_no_acceptance(quoted: str) -> None:
    assert user_decision("I'd love to accept, see you then.", "", quoted=quoted) is None
