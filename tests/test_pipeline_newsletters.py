"""A job board's or a newsletter's mail is list mail even without list headers: its footer's
unsubscribe line, from a sender read as no recruiter, HR or manager. It never opens a
process, never makes a contact, and its noise joins none (audit 6 V2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import eml

from inbox_monitor.config import Config
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store

START = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
NOW = START + timedelta(days=30)
ALERT_BODY = (
    "Hi Sam,\n\nThis week's picks for you.\n\nGraduate Analyst - Fernhill - London\n"
    "Finance Graduate Scheme - Oakbridge - Leeds\n\nTop tip: research the company before "
    "your interview.\n\nView all jobs | Unsubscribe"
)


def raw(data: bytes, name: str) -> RawMessage:
    return RawMessage(data, Origin(kind="eml", path=name))


def alert(subject: str, day: int) -> bytes:
    return eml(
        sender="Jobnest <hello@jobnest.example>",
        subject=subject,
        body=ALERT_BODY,
        date=START + timedelta(days=day),
        message_id=f"<alert{day}@jobnest.example>",
    )


def test_a_job_boards_alerts_open_no_process_and_make_no_contact(
    config: Config, pipeline: Pipeline, tmp_path: Path
) -> None:
    mail = [
        alert("[interview] Practise your video interview with our free tool", 0),
        alert("[interview] Assessment centre season: what to expect", 2),
        alert("[not_recruiting 0.4] How to handle an offer deadline", 4),
    ]
    with Store(config.database_path) as store:
        ingest(store, [raw(m, f"{i}.eml") for i, m in enumerate(mail)], pipeline, NOW)
        assert store.processes() == []
        assert list(store.db.query("select * from process_people")) == []
        reasons = {
            store.message_row(r["message_key"])["subject"]: r["reason"]
            for r in store.open_reviews()
        }
    assert len(reasons) == 3
    assert reasons["[interview] Practise your video interview with our free tool"].startswith(
        "list mail"
    )


def test_an_ats_receipt_with_an_unsubscribe_line_still_opens_its_process(
    config: Config, pipeline: Pipeline
) -> None:
    # the counter-example: the system's no-reply receipt, "Powered by ... Unsubscribe"
    receipt = eml(
        sender="Fernhill Analytics <no-reply@greenhouse.io>",
        subject="[acknowledgement] Thank you for applying to Fernhill Analytics",
        body="Hi Sam,\n\nThanks for applying for the Data Analyst role at Fernhill Analytics. "
        "We will review your application.\n\nPowered by Greenhouse | Unsubscribe",
        date=START,
        message_id="<ack@fernhill>",
    )
    # and a person's own mail with an unsubscribe line sent by their CRM makes a contact
    recruiter = eml(
        sender="Priya Shah <priya@harbourtalent.example>",
        subject="[outreach] Data Engineer role at Oakbridge",
        body="Hi Sam,\n\nI'm a recruitment consultant at Harbour Talent and I'm working on a "
        "Data Engineer role with my client Oakbridge. Open to a chat?\n\nPriya Shah\n"
        "Senior Recruitment Consultant, Harbour Talent\n\nUnsubscribe from these emails",
        date=START + timedelta(days=1),
        message_id="<pitch@harbour>",
    )
    with Store(config.database_path) as store:
        ingest(store, [raw(receipt, "a.eml"), raw(recruiter, "b.eml")], pipeline, NOW)
        assert len(store.processes()) == 2
        people = {p["email"] for p in store.db.query("select * from process_people")}
    assert people == {"priya@harbourtalent.example"}
