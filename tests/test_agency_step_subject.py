"""An agency's subject naming its client beside a step and no role ("Harrow Foods -
interview", "Confirmed: Harrow Foods Teams call - Thursday 10 December 14:00") names the
process's company, and a new client pitched in the thread of an old pitch the user said no
to on a condition stays that thread's process (audit 13, F7)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.board import load_board
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.export import to_ics
from inbox_monitor.models import Address, Origin, RawMessage
from inbox_monitor.orgs import find_organisation
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

TOM = Address("Tom Reed", "tom.reed@harrowhire-resourcing.example")
SIGNATURE = "\n\nKind regards,\nTom Reed\nPrincipal Consultant | Harrowhire Resourcing\n"


def organisation(subject: str, body: str) -> tuple[str | None, str | None]:
    found = find_organisation(subject, body + SIGNATURE, sender=TOM)
    return found.company, found.agency


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Quayside Foods - interview", "Good news, Quayside Foods liked your CV."),
        (
            "Confirmed: Quayside Foods Teams call - Thursday 10 December 14:00",
            "Confirmed: Teams call with Ana Reyes (Head of Data, Quayside Foods) on Thursday.",
        ),
        ("Re: Quayside Foods - second stage", "Quayside Foods would like to see you again."),
        ("Quayside Foods - interview Monday 14th", "Quayside Foods want to meet you on Monday."),
        ("[External] Quayside Foods - feedback", "I spoke to Quayside Foods this morning."),
        ("Monzo - interview", "Good news: Monzo liked your CV."),
    ],
)
def test_an_agencys_subject_names_the_client_beside_a_step(subject: str, body: str) -> None:
    client = subject.split(" - ")[0].split(": ")[-1].replace("[External] ", "")
    client = client.removesuffix(" Teams call")
    assert organisation(subject, f"Hi Sam,\n\n{body}") == (client, "Harrowhire Resourcing")


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        # the body does not name it
        ("Quayside Foods - interview", "Good news, they liked your CV."),
        # a skill, a title, a word of a subject's, the agency itself
        ("Python - interview", "Good news, they liked your CV. Python is key for them."),
        ("Senior Data Engineer - interview", "The Senior Data Engineer role: they liked you."),
        ("Urgent - update", "Urgent: they liked your CV."),
        ("Harrowhire Resourcing - update", "Harrowhire Resourcing has a new office."),
        # a place, a part of a company
        ("Leeds Central - interview", "The interview is in Leeds Central on Monday."),
        ("Nominations Committee - interview", "The Nominations Committee of Acme liked you."),
    ],
)
def test_no_client_where_the_subject_names_none(subject: str, body: str) -> None:
    assert organisation(subject, f"Hi Sam,\n\n{body}") == (None, "Harrowhire Resourcing")


SENDER = f"Tom Reed <{TOM.email}>"


def mail(
    key: str, subject: str, body: str, when: datetime, *, sent: bool = False, reply_to: str = ""
) -> RawMessage:
    refs = [f"<{k}@f7.example>" for k in reply_to.split()] if reply_to else []
    data = eml(
        sender=f"Sam Hart <{ME}>" if sent else SENDER,
        to=SENDER if sent else f"Sam Hart <{ME}>",
        subject=subject,
        body=body + ("\n\nSam" if sent else SIGNATURE),
        date=when,
        message_id=f"<{key}@f7.example>",
        in_reply_to=refs[-1] if refs else None,
        references=refs,
    )
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"), sent)


def day(number: int, hour: int = 10) -> datetime:
    return datetime(2026, 12, number, hour, 0, tzinfo=UTC)


THREAD = [
    mail(
        "pitch",
        "[outreach] Data Platform Engineer contract - leading UK bank - Manchester",
        "Hi Sam,\n\nI'm recruiting for a leading Manchester bank building a new data platform."
        " Can you confirm I have your right to represent you for this role?",
        day(2, 9),
    ),
    mail(
        "no",
        "Re: [outreach] Data Platform Engineer contract - leading UK bank - Manchester",
        "Hi Tom,\n\nIf this is the Mersey Bank data platform role, another agency already has"
        " my right to represent for it, so I can't go forward with you on this one.",
        day(2, 15),
        sent=True,
        reply_to="pitch",
    ),
    mail(
        "other",
        "Re: [outreach] Data Platform Engineer contract - leading UK bank - Manchester",
        "Hi Sam,\n\nNo problem - it is Mersey Bank. I do have another one that could suit you:"
        " Quayside Foods, Senior Python Engineer, 6 months, outside IR35. Interested?",
        day(3, 9),
        reply_to="pitch no",
    ),
    mail(
        "yes",
        "Re: [outreach] Data Platform Engineer contract - leading UK bank - Manchester",
        "Hi Tom,\n\nYes please, Quayside sounds good. You have my right to represent me for it.",
        day(3, 13),
        sent=True,
        reply_to="pitch no other",
    ),
    mail(
        "invite",
        "[interview] Quayside Foods - interview",
        "Hi Sam,\n\nGood news, Quayside Foods liked your CV. They would like a 45-min Teams call"
        " with you on Thursday at 2pm. Does that work for you?",
        day(7, 11),
    ),
    mail(
        "confirm",
        "[interview] Confirmed: Quayside Foods Teams call - Thursday 10 December 14:00",
        "Hi Sam,\n\nConfirmed: Teams call with Ana Reyes (Head of Data, Quayside Foods) on"
        " Thursday 10 December, 14:00-14:45.",
        day(7, 14),
    ),
]


def test_a_new_client_in_an_old_agency_thread_names_its_process(tmp_path: Path) -> None:
    identity = IdentityConfig(
        addresses=frozenset({ME}), timezone="Europe/London", country="GB", subdivision="ENG"
    )
    config = Config(data_dir=tmp_path, identity=identity)
    pipeline = build_pipeline(config, SubjectTagClassifier())
    with Store(config.database_path) as store:
        for message in THREAD:
            ingest(store, [message], pipeline, day(8))
        statuses = load_board(store, config, day(8))
    # One process: the user's no was to the bank "if" it was that bank; the agency's answer
    # goes on with another client the user says yes to, in the same thread. Read as a
    # decline, it would have closed the process the new pitch and its interview then join.
    (status,) = statuses
    assert (status.process.company, status.process.agency) == (
        "Quayside Foods",
        "Harrowhire Resourcing",
    )
    assert status.outcome is None and status.state.value != "closed"
    calendar = to_ics(statuses, day(8)).split("\r\n")
    assert "SUMMARY:Interview: Quayside Foods" in calendar
    # its end as the confirmation gave it (14:00-14:45 in London, in winter: UTC)
    times = [line for line in calendar if line.startswith(("DTSTART:2026121", "DTEND:2026121"))]
    assert times == ["DTSTART:20261210T140000Z", "DTEND:20261210T144500Z"]
