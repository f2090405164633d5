"""What a subject says the role is: a graduate scheme or programme is a role, so two
schemes of one employer from one ATS address are two applications (audit 6 V3); a word for
the mail before the title ("Interview Senior Platform Engineer") is not (audit 5 B5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpers import eml

from inbox_monitor.config import Config
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.extract import extract_fields
from inbox_monitor.models import Address, Origin, RawMessage, State
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store
from inbox_monitor.track import board

START = datetime(2026, 10, 2, 9, 0, tzinfo=UTC)
HALDEN = Address("Halden Bank", "haldenbank@myworkday.com")


@pytest.mark.parametrize(
    ("subject", "role"),
    [
        ("Application Received - Technology Graduate Scheme (R12345)",
         "Technology Graduate Scheme"),
        ("Marketing Graduate Scheme - outcome", "Marketing Graduate Scheme"),
        ("Application Received - Risk & Compliance Graduate Scheme (R12399)",
         "Risk & Compliance Graduate Scheme"),
        ("Your application: Data Analytics Graduate Programme", "Data Analytics Graduate Programme"),
        # not a role: a pension, a referral, a loyalty scheme
        ("Pension scheme update", None),
        ("Join our referral scheme", None),
        ("Welcome to the loyalty programme", None),
        ("Week 2 of the Programme", None),
    ],
)  # fmt: skip
def test_a_scheme_or_programme_in_the_subject_is_the_role(subject: str, role: str | None) -> None:
    found = extract_fields(
        subject, "Thank you.", sent_at=START, calendar=BusinessCalendar("GB"), sender=HALDEN
    )
    assert found.role == role


def _mail(subject: str, body: str, day: int, number: int) -> RawMessage:
    data = eml(
        sender=str(HALDEN),
        subject=subject,
        body=body,
        date=START + timedelta(days=day),
        message_id=f"<halden{number}@myworkday.com>",
    )
    return RawMessage(data, Origin(kind="eml", path=f"{number}.eml"))


def test_two_schemes_of_one_employer_from_one_ats_address_are_two_processes(
    config: Config, pipeline: Pipeline
) -> None:
    mail = [
        _mail("[acknowledgement] Application Received - Technology Graduate Scheme (R12345)",
              "Thank you for applying to Halden Bank.", 0, 1),
        _mail("[acknowledgement] Application Received - Risk & Compliance Graduate Scheme"
              " (R12399)", "Thank you for applying to Halden Bank.", 1, 2),
        _mail("[rejection] Your application: Risk & Compliance Graduate Scheme",
              "We won't be offering you a place on the Risk & Compliance Graduate Scheme.", 11, 3),
    ]  # fmt: skip
    now = START + timedelta(days=12)
    with Store(config.database_path) as store:
        ingest(store, mail, pipeline, now)
        processes = [(p, store.message_records(p.id)) for p in store.processes()]
    statuses = board(processes, now, config.tracking, BusinessCalendar("GB"))
    shown = {s.process.role: s.state for s in statuses}
    assert set(shown) == {"Technology Graduate Scheme", "Risk & Compliance Graduate Scheme"}
    assert shown["Risk & Compliance Graduate Scheme"] == State.CLOSED
    assert shown["Technology Graduate Scheme"] != State.CLOSED


@pytest.mark.parametrize(
    ("subject", "role"),
    [
        ("Interview Senior Platform Engineer", "Senior Platform Engineer"),
        ("Invitation Senior Data Analyst", "Senior Data Analyst"),
        # a title of its own
        ("Interview Coordinator", "Interview Coordinator"),
        ("Interview Scheduling Coordinator role", "Interview Scheduling Coordinator"),
    ],
)
def test_a_subjects_word_for_the_mail_before_the_title_is_not_the_role(
    subject: str, role: str
) -> None:
    # the end client's "Interview Senior Platform Engineer" (audit 5 B5) is the role of the
    # agency's process, "Senior Platform Engineer"
    found = extract_fields(
        subject, "Thank you.", sent_at=START, calendar=BusinessCalendar("DE"), sender=None
    )
    assert found.role == role


def test_schemes_named_in_the_body_or_after_the_company_keep_their_own_processes(
    config: Config, pipeline: Pipeline
) -> None:
    # verification round 11: the second scheme's receipt names it in its body only ("Risk &
    # Compliance"), and a later mail's subject puts the company first ("Halden Bank
    # Technology Graduate Scheme: next steps"): each joins its own scheme's process
    mail = [
        _mail("[acknowledgement] Application Received - Technology Graduate Scheme (R12345)",
              "Thank you for applying to Halden Bank.", 0, 1),
        _mail("[acknowledgement] Application Received",
              "Thank you for your application for our Risk & Compliance Graduate Scheme.", 1, 2),
        _mail("[request] - Halden Bank Technology Graduate Scheme: next steps",
              "Please complete the online assessment by Friday 16 October.", 5, 3),
    ]  # fmt: skip
    now = START + timedelta(days=6)
    with Store(config.database_path) as store:
        ingest(store, mail, pipeline, now)
        roles = {p.role: len(store.message_records(p.id)) for p in store.processes()}
    assert roles == {"Technology Graduate Scheme": 2, "Risk & Compliance Graduate Scheme": 1}


def test_the_company_named_before_a_title_is_not_the_role() -> None:
    from inbox_monitor.orgs import without_company

    assert without_company("Bellbrook Brewing Actuarial Graduate Scheme", "Bellbrook Brewing") == (
        "Actuarial Graduate Scheme"
    )
    assert without_company("Halden Bank Graduate Programme", "halden bank") == "Graduate Programme"
    # nothing but a head would be left, or the company is not at the start: as it is
    assert without_company("Halden Bank Analyst", "Halden Bank") == "Halden Bank Analyst"
    assert without_company("Senior Analyst, Halden Bank", "Halden Bank") == (
        "Senior Analyst, Halden Bank"
    )
    assert without_company("Data Analyst", None) == "Data Analyst"
    # verification round 12: a company named by a title's word keeps the title whole; the
    # company's name alone is no role
    assert without_company("Senior Design Engineer", "Senior") == "Senior Design Engineer"
    assert without_company("Principal Software Engineer", "Principal") == (
        "Principal Software Engineer"
    )
    assert (
        without_company("Millbank Civil Service Partners", "Millbank Civil Service Partners")
        is None
    )
