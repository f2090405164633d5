"""A job board's apply receipt and the employer's messages it relays (user audit 12, an hourly
worker applying through a job board): the employer the receipt was sent to and the post's
card ("Line Cook" over "Harbor Grill - Milwaukee, WI"), so that the receipt and the
employer's reply through the board are one process; never a job alert's posts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Address, Origin, RawMessage, SenderRole
from inbox_monitor.orgs import find_organisation
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

BOARD = Address("Indeed Apply", "indeedapply@indeed.com")
RECEIPT = (
    "Application submitted\n\nLine Cook\nHarbor Grill - Milwaukee, WI 53202\n\n"
    "Your application has been sent to Harbor Grill. Good luck!\n\n"
    "What happens next: the employer will review your application."
)
RELAYED = (
    "Dana from Harbor Grill sent you a message\n\n"
    "Line Cook - Harbor Grill - Milwaukee, WI\n\n"
    "hi thanks for applying, can you come by friday at 3 to meet the kitchen manager?\n-Dana\n\n"
    "Reply to this email to respond to Dana. Replies are delivered through Indeed."
)


def test_a_receipt_names_the_employer_it_was_sent_to_and_the_post() -> None:
    found = find_organisation("Indeed Application: Line Cook", RECEIPT, sender=BOARD)
    assert (found.company, found.role) == ("Harbor Grill", "Line Cook")


def test_the_employers_message_through_the_board_names_the_post_in_its_card() -> None:
    sender = Address("Dana at Harbor Grill", "dana-harborgrill-7xq1p@indeedemail.com")
    found = find_organisation("Employer replied to your application", RELAYED, sender=sender)
    assert (found.company, found.role) == ("Harbor Grill", "Line Cook")


@pytest.mark.parametrize(
    ("display", "card", "company", "role"),
    [  # the employer's name alone as the display name, with "&" in it
     ("Copper & Kettle Bakery", "Counter Associate - Copper & Kettle Bakery - Madison, WI",
      "Copper & Kettle Bakery", "Counter Associate"),
     # a store's name in the display name, the employer's in the card; a title with a shift
     ("Pell's Store 22", "Night Stocker - Overnight - Pell's - Round Rock, TX",
      "Pell's", "Night Stocker - Overnight")],
)  # fmt: skip
def test_a_relayed_display_name_the_card_confirms(
    display: str, card: str, company: str, role: str
) -> None:
    sender = Address(display, "someone-x8k2m@indeedemail.com")
    body = f"{display} sent you a message\n\n{card}\n\nare you still interested?"
    found = find_organisation("Employer replied to your application", body, sender=sender)
    assert (found.company, found.role) == (company, role)


def test_a_receipt_without_a_card_names_who_it_was_sent_to() -> None:
    sender = Address("LinkedIn", "jobs-noreply@linkedin.com")
    body = "Your application was sent to Corvane Logistics.\n\nView similar jobs."
    assert find_organisation("Application update", body, sender=sender).company == (
        "Corvane Logistics"
    )


@pytest.mark.parametrize(
    "body",
    [  # a job alert: many employers' posts
     "new jobs near you\n\nPrep Cook\nHarbor Grill - Milwaukee, WI\n$17 an hour\n\n"
     "Barista - Seasonal\nCopper Kettle - Madison, WI\n$15 an hour\n\nSee all jobs",
     # an alert whose one card in this form names an employer nothing else names
     "Your job alert for backend engineer\n\nSenior Backend Engineer - Orbitra - Austin, TX\n"
     "Platform Engineer, Payments - Velline - Remote\n\nSee all jobs",
     # a card whose place is no US state's
     "Dana from Harbor Grill sent you a message\n\nLine Cook - Harbor Grill - Leeds\n\nhello",
     # sent to no one named
     "Your application has been sent to the hiring team. Good luck!"],
)  # fmt: skip
def test_no_employer_from_an_alert_or_a_card_it_cannot_trust(body: str) -> None:
    sender = Address("Indeed", "alert@indeed.com")
    found = find_organisation("New jobs for you", body, sender=sender)
    assert found.company is None
    assert found.role is None


def test_a_card_in_a_persons_own_mail_is_not_read_as_a_relays() -> None:
    sender = Address("Priya Shah", "priya@orbitfoods.com")
    body = "Hi, saw this and thought of you:\n\nLine Cook - Harbor Grill - Milwaukee, WI\n\nPriya"
    assert find_organisation("a job for you", body, sender=sender).company != "Harbor Grill"


NOW = datetime(2026, 12, 10, 12, 0, tzinfo=UTC)


def test_the_receipt_and_the_employers_reply_through_the_board_are_one_process(
    tmp_path: Path,
) -> None:
    identity = IdentityConfig(addresses=frozenset({ME}), timezone="America/Chicago", country="US")
    config = Config(data_dir=tmp_path, identity=identity)
    receipt = eml(
        sender="Indeed Apply <indeedapply@indeed.com>",
        subject="[acknowledgement] Indeed Application: Line Cook",
        body=RECEIPT,
        date=datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
        message_id="<r1@indeed.com>",
    )
    reply = eml(
        sender="Dana at Harbor Grill <dana-harborgrill-7xq1p@indeedemail.com>",
        subject="[interview] Employer replied to your application",
        body=RELAYED,
        date=datetime(2026, 12, 1, 20, 0, tzinfo=UTC),
        message_id="<m1@indeedemail.com>",
    )
    raws = [
        RawMessage(data, Origin(kind="eml", path=f"{n}.eml"))
        for n, data in enumerate((receipt, reply))
    ]
    with Store(config.database_path) as store:
        for raw in raws:
            ingest(store, [raw], build_pipeline(config, SubjectTagClassifier()), NOW)
        (process,) = store.processes()
        assert (process.company, process.role) == ("Harbor Grill", "Line Cook")
        assert len(store.message_records(process.id)) == 2


@pytest.mark.parametrize(
    ("subject", "body", "role"),
    [  # hourly work's titles
     ("Your group interview is confirmed", "Group interview for Barista (Seasonal)\nMonday 9am",
      "Barista (Seasonal)"),
     ("Update on your application - Cashier - Part Time", "Thanks for applying.", "Cashier"),
     ("Thanks for applying", "We have received your application for Overnight Stocker.",
      "Overnight Stocker"),
     # a title with a part after a dash, before its bracket
     ("Your conditional offer",
      "We are pleased to offer you the position of Dock Associate - Inbound (Nights) at $19/hr.",
      "Dock Associate")],
)  # fmt: skip
def test_hourly_titles(subject: str, body: str, role: str) -> None:
    sender = Address("Pinecrest Foods Careers", "careers@pinecrestfoods.com")
    assert find_organisation(subject, body, sender=sender).role == role


@pytest.mark.parametrize(
    "body",
    [  # a company named after a title word of hourly work is still a company
     "Thanks for your interest in Blue Barista. We will be in touch.",
     # no title after "position of" a dash ends
     "We have filled the position of - as you know - our night lead."],
)  # fmt: skip
def test_hourly_title_words_do_not_take_names(body: str) -> None:
    found = find_organisation("Your application", body, sender=Address("Jo", "jo@gmail.com"))
    assert found.role is None


def test_an_academic_application_service_is_a_relay_not_the_employer() -> None:
    found = find_organisation(
        "Application Submitted: Assistant Professor of Hydrology - Carrow University",
        "Your application for Assistant Professor of Hydrology at Carrow University, "
        "Department of Earth Sciences, has been submitted.\n\nInterfolio | Scholar Services",
        sender=Address("Interfolio", "no-reply@interfolio.com"),
    )
    assert found.company == "Carrow University"
    assert found.sender_role == SenderRole.AUTOMATED
