"""Grouping through the pipeline: one sender's mail about two processes, a new application
after a rejection, an ATS relay's mail that names no company."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import ME, NOW, eml

from inbox_monitor.board import load_status
from inbox_monitor.config import Config
from inbox_monitor.models import Origin, Outcome, RawMessage, State
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store

DAY = timedelta(days=1)
START = NOW - 20 * DAY


def _mail(number: int, sender: str, subject: str, body: str) -> RawMessage:
    data = eml(
        sender=sender,
        subject=subject,
        body=body,
        date=START + number * DAY,
        message_id=f"<m{number}@grouping.example>",
    )
    return RawMessage(data, Origin(kind="eml", path=f"{number}.eml"))


def test_an_inhouse_rejection_for_another_role_leaves_the_first_process_open(
    config: Config, pipeline: Pipeline
) -> None:
    maya = "Maya Lind <maya.lind@quarrylabs.example>"
    signature = "\n\nMaya Lind\nTalent Acquisition, Quarry Labs\n"
    mail = [
        _mail(1, maya, "[acknowledgement] Your application - Pricing Analyst",
              "Hi Alex,\n\nThank you for applying for the Pricing Analyst role at Quarry Labs."
              f" We will get back to you within three weeks.{signature}"),
        _mail(3, maya, "[rejection] Your application - Machine Learning Engineer",
              "Hi Alex,\n\nThank you also for applying for the Machine Learning Engineer role"
              " at Quarry Labs. I'm sorry to say we will not take that application further."
              f"{signature}"),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, mail, pipeline, NOW)
        by_role = {p.role: p for p in store.processes()}
        assert set(by_role) == {"Pricing Analyst", "Machine Learning Engineer"}
        pricing = load_status(store, config, by_role["Pricing Analyst"].id, NOW)
        assert pricing.state != State.CLOSED and pricing.outcome is None
        other = load_status(store, config, by_role["Machine Learning Engineer"].id, NOW)
        assert other.outcome == Outcome.REJECTED


def test_an_agency_recruiters_pitch_for_a_second_client_opens_its_own_process(
    config: Config, pipeline: Pipeline
) -> None:
    sam = "Sam Hale <sam.hale@fernleighrecruitment.example>"
    signature = "\n\nSam Hale\nRecruitment Consultant | Fernleigh Recruitment\n"
    mail = [
        # the first client cannot be named yet
        _mail(1, sam, "[outreach] Lead Platform Engineer",
              "Hi Alex,\n\nI'm handling a confidential search for a Lead Platform Engineer role;"
              f" I can't name the client yet. Open to a call?{signature}"),
        _mail(4, sam, "[outreach] Another one - Analytics Engineer",
              "Hi Alex,\n\nSomething else: I'm working with Tillbury Foods on an Analytics"
              f" Engineer role, remote. Interested?{signature}"),
        # later the first client is named, for the first role
        _mail(6, sam, "[interview] Lead Platform Engineer - the client",
              "Hi Alex,\n\nI can now tell you my client is Osprey Analytics; they would like"
              f" to meet you for the Lead Platform Engineer role.{signature}"),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, mail, pipeline, NOW)
        names = sorted((p.company or "", p.role or "") for p in store.processes())
        assert names == [
            ("Osprey Analytics", "Lead Platform Engineer"),
            ("Tillbury Foods", "Analytics Engineer"),
        ]


def test_a_workday_tenant_address_is_no_contact_of_the_first_application(
    config: Config, pipeline: Pipeline
) -> None:
    workday = "Quarry Talent Acquisition <quarry@myworkday.com>"
    sign = "\n\nQuarry Talent Acquisition\n"
    mail = [
        _mail(1, workday, "[acknowledgement] Application received: Pricing Analyst (R-20417)",
              f"Dear Alex,\n\nThank you for applying for Pricing Analyst (R-20417) at Quarry.{sign}"),
        _mail(2, workday, "[acknowledgement] Application received (R-20533)",
              f"Dear Alex,\n\nThank you for applying for job R-20533 at Quarry.{sign}"),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, mail, pipeline, NOW)
        for process in store.processes():
            assert store.process_people(process.id) == []
        assert [row[0] for row in store.contact_index()] == []


TARN = "Tarn Bank Careers <careers@tarnbank.example>"
TARN_SIGN = "\n\nTarn Bank Careers\n"


def _tarn_rejected() -> list[RawMessage]:
    """Tarn Bank's careers@ address: a receipt, an invitation, a rejection (day 8)."""
    return [
        _mail(1, TARN, "[acknowledgement] Received: Data Analyst",
              "Dear Alex,\n\nThank you for your application for the Data Analyst role at Tarn"
              f" Bank. We will review it shortly.{TARN_SIGN}"),
        _mail(3, TARN, "[interview] Interview: Data Analyst",
              "Dear Alex,\n\nWe would like to invite you to a phone interview for the Data"
              f" Analyst role at Tarn Bank on Friday at 11:00.{TARN_SIGN}"),
        _mail(8, TARN, "[rejection] Your application: Data Analyst",
              "Dear Alex,\n\nThank you for interviewing for the Data Analyst role at Tarn Bank."
              f" Unfortunately, we will not take your application further.{TARN_SIGN}"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("subject", "applied_to", "role"),
    [("Received: Senior Risk Analyst", "the Senior Risk Analyst role at Tarn Bank",
      "Senior Risk Analyst"),
     ("Received: Data Analyst", "the Data Analyst role at Tarn Bank", "Data Analyst"),
     ("Application received", "Tarn Bank", None)],
)  # fmt: skip
def test_a_new_application_after_a_rejection_is_on_the_board(
    config: Config, pipeline: Pipeline, subject: str, applied_to: str, role: str | None
) -> None:
    # from the address that rejected the last one, for another role, the same one, or none
    again = _mail(15, TARN, f"[acknowledgement] {subject}",
                  f"Dear Alex,\n\nThank you for applying to {applied_to}. We will review your"
                  f" application shortly.{TARN_SIGN}")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, _tarn_rejected(), pipeline, NOW)
        ingest(store, [again], pipeline, NOW)
        first, new = store.processes()
        assert load_status(store, config, first.id, NOW).outcome == Outcome.REJECTED
        status = load_status(store, config, new.id, NOW)
        assert (new.company, new.role, status.message_count) == ("Tarn Bank", role, 1)
        assert status.state != State.CLOSED


def test_an_earlier_receipt_read_after_the_rejection_joins_the_closed_process(
    config: Config, pipeline: Pipeline
) -> None:
    # another folder imported later: the reminder was sent before the rejection
    reminder = _mail(5, TARN, "[acknowledgement] Received: Data Analyst (documents)",
                     "Dear Alex,\n\nWe have received the documents for your application for the"
                     f" Data Analyst role at Tarn Bank.{TARN_SIGN}")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, _tarn_rejected(), pipeline, NOW)
        ingest(store, [reminder], pipeline, NOW)
        (only,) = store.processes()
        assert load_status(store, config, only.id, NOW).message_count == 4


def test_a_relayed_rejection_naming_nobody_finds_the_process_of_its_display_name(
    config: Config, pipeline: Pipeline
) -> None:
    fjord = "Fjord Systems <no-reply@greenhouse.io>"
    mail = [
        _mail(1, fjord, "[acknowledgement] Thank you for applying to Fjord Systems",
              "Hi Alex,\n\nThank you for applying for the Backend Developer position at Fjord"
              " Systems. We will be in touch.\n\nFjord Systems Recruiting\n"),
        _mail(9, fjord, "[rejection] Your application",
              "Hi Alex,\n\nThank you for your interest in joining us. We have decided not to"
              " move forward with your application.\n\nRecruiting Team\n"),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, mail, pipeline, NOW)
        (only,) = store.processes()
        status = load_status(store, config, only.id, NOW)
        assert (status.message_count, status.outcome) == (2, Outcome.REJECTED)
        assert store.open_reviews() == []


def test_a_portals_passive_confirmation_of_your_withdrawal_stays_in_the_closed_process(
    config: Config, pipeline: Pipeline
) -> None:
    # the user withdraws in a reply; the bank's no-reply address then says it is done, in the
    # passive and on no thread: news of the user's decision, not a new application
    careers = "Linden Bank Careers <careers@lindenbank.example>"
    sign = "\n\nLinden Bank Careers\n"
    mail = [
        _mail(1, careers, "[acknowledgement] Received: Risk Analyst",
              "Dear Alex,\n\nThank you for your application for the Risk Analyst role at Linden"
              f" Bank. We will be in touch within two weeks.{sign}"),
        RawMessage(
            eml(sender=f"Alex Morgan <{ME}>", to=careers, subject="Re: Received: Risk Analyst",
                body="Hello,\n\nI'd like to withdraw my application for the Risk Analyst role, as"
                     " I have accepted a position elsewhere.\n\nBest wishes,\nAlex",
                date=START + 3 * DAY, message_id="<m3@grouping.example>",
                in_reply_to="<m1@grouping.example>"),
            Origin(kind="eml", path="3.eml"),
        ),
        _mail(4, "Linden Bank <no-reply@lindenbank.example>",
              "[acknowledgement] Your application - Risk Analyst",
              "Dear Alex,\n\nWe're sorry to see you go. Your application for the Risk Analyst"
              f" role at Linden Bank has been withdrawn.{sign}"),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, mail, pipeline, NOW)
        (only,) = store.processes()
        status = load_status(store, config, only.id, NOW)
        assert (status.message_count, status.state, status.outcome) == (
            3,
            State.CLOSED,
            Outcome.WITHDRAWN,
        )


def _sent(number: int, to: str, subject: str, body: str) -> RawMessage:
    """The user's own mail, on no thread."""
    data = eml(sender=f"Alex Morgan <{ME}>", to=to, subject=subject, body=body,
               date=START + number * DAY, message_id=f"<sent{number}@grouping.example>")  # fmt: skip
    return RawMessage(data, Origin(kind="eml", path=f"sent{number}.eml"))


def _applied_at_birchwood() -> list[RawMessage]:
    """A receipt for the Data Analyst role at Birchwood, relayed by Workday (day 1)."""
    return [
        _mail(1, "Birchwood <no-reply@myworkday.com>",
              "[acknowledgement] Application received: Data Analyst",
              "Dear Alex,\n\nThank you for applying for the Data Analyst role at Birchwood. We"
              " will get back to you within a week.\n\nBirchwood Talent Acquisition\n"),
    ]  # fmt: skip


def test_a_withdrawal_sent_as_a_new_mail_to_the_company_closes_the_process(
    config: Config, pipeline: Pipeline
) -> None:
    withdrawal = _sent(6, "careers@birchwood.example", "Data Analyst application",
                       "Hello,\n\nPlease withdraw my application for the Data Analyst role: I have"
                       " accepted a position at Oakhill Bank.\n\nBest wishes,\nAlex")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [*_applied_at_birchwood(), withdrawal], pipeline, NOW)
        (only,) = store.processes()
        status = load_status(store, config, only.id, NOW)
        assert (status.message_count, status.state, status.outcome) == (
            2,
            State.CLOSED,
            Outcome.WITHDRAWN,
        )


@pytest.mark.parametrize(
    "to",
    ["careers@birchwood.example", "Jo Pike <jo.pike@birchwood.example>",
     "Ravi Patel <ravi.patel@kiteline.example>"],
)  # fmt: skip
def test_a_follow_up_sent_as_a_new_mail_restarts_the_clock(
    config: Config, pipeline: Pipeline, to: str
) -> None:
    # to the careers mailbox, to someone else there naming the role, or to the agency
    # recruiter who wrote about it
    ravi = _mail(2, "Ravi Patel <ravi.patel@kiteline.example>",
                 "[interview] Birchwood - Data Analyst",
                 "Hi Alex,\n\nI'm working with Birchwood on the Data Analyst role you applied"
                 " for; they'd like a call.\n\nRavi Patel\nRecruitment Consultant | Kiteline"
                 " Recruitment\n")  # fmt: skip
    follow_up = _sent(14, to, "Following up",
                      "Hello,\n\nI'm following up on my application for the Data Analyst"
                      " position. Is there any news?\n\nBest,\nAlex")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [*_applied_at_birchwood(), ravi, follow_up], pipeline, NOW)
        (only,) = store.processes()
        status = load_status(store, config, only.id, NOW)
        assert status.last_outbound_at == START + 14 * DAY
        assert status.expected_source == "follow_up"


def test_own_mail_to_friends_is_filed_nowhere(config: Config, pipeline: Pipeline) -> None:
    friends = [
        _sent(6, "Sam <sam.okafor@gmail.com>", "Drinks?",
              "Hi Sam,\n\nStill waiting to hear about the Data Analyst role. Drinks on Friday?"
              "\n\nAlex"),
        # works at Birchwood, written to about something else
        _sent(7, "Robin <robin@birchwood.example>", "Saturday",
              "Hi Robin,\n\nAre we still on for the climbing on Saturday?\n\nAlex"),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [*_applied_at_birchwood(), *friends], pipeline, NOW)
        (only,) = store.processes()
        assert load_status(store, config, only.id, NOW).message_count == 1
        assert store.open_reviews() == []
