"""A title's employment type or place, in brackets or after a dash, is no other role for
the company's own mail (audit 13 F2: the ATS's receipt for "Senior Data Engineer
(Permanent)" and its assessment for "Senior Data Engineer" were two processes)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from inbox_monitor.match import MatchInput, ProcessIndex, match_process
from inbox_monitor.models import Extraction, Label, SenderRole

RELAY = "no-reply@us.greenhouse-mail.io"


def relay_mail(role: str, label: Label = Label.INTERVIEW) -> MatchInput:
    return MatchInput(
        message_id="<next@x>",
        in_reply_to=None,
        references=(),
        direction="inbound",
        sender_email=RELAY,
        recipient_emails=("sam@example.net",),
        label=label,
        needs_review=False,
        extraction=Extraction(company="Lumen Health", role=role, sender_role=SenderRole.AUTOMATED),
        date=datetime(2026, 12, 9, 10, 0, tzinfo=UTC),
        text=f"Lumen Health - next step: {role}\nPlease complete the assessment.",
    )


def receipt_of(role: str) -> ProcessIndex:
    index = ProcessIndex()
    index.add_process(3, "Lumen Health", None, role)
    index.add_message(3, datetime(2026, 12, 2, tzinfo=UTC), "inbound", Label.ACKNOWLEDGEMENT,
                      sender=RELAY)  # fmt: skip
    return index


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Senior Data Engineer (Permanent)", "Senior Data Engineer"),
        ("Senior Data Engineer", "Senior Data Engineer (Permanent)"),
        ("Data Engineer - Full-time", "Data Engineer"),
        ("Data Engineer (Contract)", "Data Engineer"),
        ("Data Engineer (FTC)", "Data Engineer - Remote"),
        ("Data Engineer - Manchester", "Data Engineer (Hybrid)"),
        ("Data Analyst - Milton Keynes", "Data Analyst"),
    ],
)
def test_the_companys_mail_for_the_role_with_its_terms_is_one_role(first: str, then: str) -> None:
    result = match_process(relay_mail(then), receipt_of(first))
    assert (result.action, result.process_id, result.rule) == ("attach", 3, "company")


def test_another_title_or_seniority_with_terms_is_still_another_role() -> None:
    for role in ("Lead Data Engineer (Permanent)", "Data Engineer Manager - Remote"):
        assert match_process(relay_mail(role), receipt_of("Data Engineer")).action == "open"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Data Engineer (Contract)", "Data Engineer (Permanent)"),
        ("Data Engineer - London", "Data Engineer - Manchester"),
        ("Head of Data EMEA", "Head of Data UK"),
        ("Data Engineer (Part-time)", "Data Engineer (Full-time)"),
    ],
)
def test_two_terms_of_one_kind_are_two_roles(first: str, then: str) -> None:
    """Contract and permanent, London and Manchester: two openings of one title (review 16)."""
    assert match_process(relay_mail(then), receipt_of(first)).action == "open"
