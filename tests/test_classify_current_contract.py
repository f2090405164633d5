"""User audit 13 (a UK IT contractor): the extension of the user's current contract is mail
about the current job (`not_recruiting`, rule "current contract"), and a broker's mail whose
subject is the user's own mortgage application waits for review though it names a contract
and a start date (rule "everyday life")."""

from __future__ import annotations

import pytest
from helpers import classified

from inbox_monitor.classify import (
    ClassifierInput,
    RulesClassifier,
    current_contract,
    normalise_text,
)
from inbox_monitor.models import Classification, Label

AGENCY = "Lisa Green <lisa.green@deansgate-contracts.example>"


def read(classifier: object, subject: str, text: str, sender: str = AGENCY) -> Classification:
    return classified(classifier, subject, text, sender)


EXTENSIONS = [
    ("Possible extension", "Hi Sam, good news: the client would like to extend your contract "
     "to the end of March. It still needs sign-off from finance. I'll confirm by Friday."),
    ("Re: Possible extension", "Quick update: finance still haven't signed off the extension. "
     "I should know early next week and will let you know as soon as I hear."),
    ("Re: Possible extension", "I'm sorry to say finance have not approved the extension, so "
     "your contract will end on 18 December as planned. Please submit your final timesheet."),
    ("Your assignment", "Hi Sam, the site would like to talk about your assignment extension "
     "into the new year; can you let me know by Wednesday if you'd stay on?"),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "text"), EXTENSIONS)
def test_the_current_contracts_extension_is_no_hiring_mail(
    classifier: object, subject: str, text: str
) -> None:
    result = read(classifier, subject, text)
    assert result.label is Label.NOT_RECRUITING  # type: ignore[attr-defined]
    assert any("current contract" in why for why in result.reasons)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        # a pitch: a new contract with an extension likely
        ("Python contract - Irwell Bank", "Hi Sam, I have a 6-month outside IR35 contract at "
         "a bank, £550/day, with a likely extension. Are you available from January?"),
        # more time to answer an offer
        ("Re: offer - extension", "Of course, we can give you an extension on the deadline: "
         "let us know about the offer by Friday."),
        # the written delay of a new job's start held up in legal
        ("re: contract extension", "the paperwork for your start is held up in legal, they "
         "have not signed off the vendor agreement yet. i will let you know when it clears."),
        # more time for an offer or a test (review 16)
        ("Re: your offer", "We're going to extend your contract offer deadline to Friday."),
        ("Extension", "Thanks Sam, the extension is fine: please complete the coding test by "
         "Friday 11 December."),
    ],
)  # fmt: skip
def test_no_current_contract_in_a_pitch_an_offers_deadline_or_a_new_start(
    rules: RulesClassifier, subject: str, text: str
) -> None:
    normalised = normalise_text(subject, text)
    hits = rules.rules.cue_hits(rules.nlp.make_doc(normalised), normalised)
    assert current_contract(ClassifierInput(subject, text), normalised, hits) is None


def test_a_brokers_mail_about_your_mortgage_application_waits_for_review(
    classifier: object,
) -> None:
    text = (
        "Hi Sam,\n\nGreat news about the new contract! Once it's signed, please send me a "
        "copy of the contract for services and the start date confirmation, and we can go "
        "back to the lender this week.\n\nJames"
    )
    result = read(
        classifier,
        "Re: Your mortgage application - contract evidence",
        text,
        "James Carter <james@harbourmortgages.example>",
    )
    assert result.confidence < 0.5  # type: ignore[attr-defined]
    assert any("everyday life" in why for why in result.reasons)  # type: ignore[attr-defined]


def test_a_job_in_mortgages_is_not_the_users_mortgage(classifier: object) -> None:
    """A subject that names a mortgage role is hiring mail: no "your" before the phrase."""
    result = read(
        classifier,
        "Mortgage Adviser - interview on Tuesday",
        "Dear Sam, thank you for your application for the Mortgage Adviser role. We would "
        "like to invite you to interview on Tuesday 8 December at 10:00.",
        "Recruitment <jobs@northbank.example>",
    )
    assert result.label is Label.INTERVIEW  # type: ignore[attr-defined]
    assert not any("everyday life" in why for why in result.reasons)  # type: ignore[attr-defined]


def test_the_current_contract_rule_fires_on_written_noise_only(rules: RulesClassifier) -> None:
    from inbox_monitor.training import DATA_DIR, read_messages

    outside = []
    for path in sorted(DATA_DIR.glob("*.txt")):
        for subject, text in read_messages(path):
            normalised = normalise_text(subject, text)
            hits = rules.rules.cue_hits(rules.nlp.make_doc(normalised), normalised)
            found = current_contract(ClassifierInput(subject, text), normalised, hits)
            if found and not path.name.startswith("not_recruiting"):
                outside.append((path.name, found, subject))
    assert outside == []


def test_a_pitch_before_the_user_renews_is_no_current_contract(rules: RulesClassifier) -> None:
    subject, text = (
        "Better than an extension?",
        "Before you renew your contract with your current client, have a look at this "
        "six-month role in Leeds.",
    )
    normalised = normalise_text(subject, text)
    hits = rules.rules.cue_hits(rules.nlp.make_doc(normalised), normalised)
    assert current_contract(ClassifierInput(subject, text), normalised, hits) is None


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Your mortgage adviser application", "Thank you for applying for the Mortgage Adviser "
         "role at Pellow Homes. We would like to invite you to interview on Tuesday 8 December "
         "at 10:00."),
        ("Your tenancy officer interview", "Thanks for applying for the Tenancy Officer post. "
         "Your interview is confirmed for Tuesday 8 December at 10:00."),
    ],
)  # fmt: skip
def test_a_job_named_by_an_everyday_phrase_in_the_subject_is_not_set_aside(
    classifier: object, subject: str, text: str
) -> None:
    result = read(classifier, subject, text, "Recruitment <jobs@pellow.example>")
    assert result.label is Label.INTERVIEW  # type: ignore[attr-defined]
    assert not any("everyday life" in why for why in result.reasons)  # type: ignore[attr-defined]
