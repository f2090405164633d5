"""Follow-up drafts: written from the thread, addressed to a person, never for a live process."""

from __future__ import annotations

import email
import email.policy
from datetime import date, datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.followup import draft_follow_up, draft_message, first_name
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Label,
    MessageRecord,
    ProcessRecord,
    SenderRole,
    Strength,
)
from inbox_monitor.track import process_status

ZONE = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=ZONE)
CALENDAR = BusinessCalendar("GB")
ME = Address("Alex Morgan", "alex.morgan@example.net")


def message(
    key: str,
    when: datetime,
    label: Label,
    sender: Address,
    subject: str,
    commitments: tuple[Commitment, ...] = (),
    role: SenderRole = SenderRole.UNKNOWN,
) -> MessageRecord:
    return message_record(
        key,
        when,
        label,
        sender,
        subject=subject,
        commitments=commitments,
        role=role,
        recipients=(ME,),
    )


PROCESS = ProcessRecord(
    1, "Globex", "Data Engineer", "TalentBridge", datetime(2026, 11, 2, tzinfo=ZONE)
)
JANE = Address("Jane Doe", "jane@talentbridge.example")
ROBOT = Address("Globex Careers", "no-reply@globex.example")


def thread(promise: Commitment | None) -> list[MessageRecord]:
    return [
        message(
            "m1",
            datetime(2026, 11, 3, 10, tzinfo=ZONE),
            Label.INTERVIEW,
            JANE,
            "Interview with Globex",
            role=SenderRole.AGENCY_RECRUITER,
        ),
        message(
            "m2",
            datetime(2026, 11, 5, 16, tzinfo=ZONE),
            Label.DELAY,
            JANE,
            "Re: Interview with Globex",
            (promise,) if promise else (),
            SenderRole.AGENCY_RECRUITER,
        ),
        message(
            "m3",
            datetime(2026, 11, 6, 8, tzinfo=ZONE),
            Label.ACKNOWLEDGEMENT,
            ROBOT,
            "Your candidate profile",
            role=SenderRole.AUTOMATED,
        ),
    ]


def test_draft_for_an_explicit_promise_names_the_person_role_and_date() -> None:
    promise = Commitment(
        CommitmentKind.REPLY, "by Friday 13th", Strength.EXPLICIT, date(2026, 11, 13)
    )
    records = thread(promise)
    status = process_status(PROCESS, records, NOW, TrackingConfig(), CALENDAR, ZONE)
    draft = draft_follow_up(status, records, "Alex Morgan", ZONE)
    assert draft is not None
    assert draft.to == JANE  # the last human, not the automated mail after her
    assert draft.subject == "Re: Interview with Globex"
    assert draft.in_reply_to == "<m2@example.com>"
    assert draft.body.startswith("Hi Jane,\n\n")
    assert "the Data Engineer role at Globex" in draft.body
    assert (
        "When you wrote on Thursday 5 November, you mentioned I would hear back by Friday 13"
        " November." in draft.body
    )
    assert draft.body.endswith("Best regards,\nAlex Morgan\n")


def test_vague_and_missing_promises_are_worded_honestly() -> None:
    vague = Commitment(CommitmentKind.REPLY, "we'll be in touch", Strength.VAGUE)
    records = thread(vague)
    status = process_status(PROCESS, records, NOW, TrackingConfig(), CALENDAR, ZONE)
    draft = draft_follow_up(status, records, "Alex", ZONE)
    assert draft is not None and "you mentioned you would be in touch" in draft.body
    assert "by " not in draft.body.split("\n\n")[1].split("mentioned")[1][:40]
    records = thread(None)
    status = process_status(PROCESS, records, NOW, TrackingConfig(), CALENDAR, ZONE)
    draft = draft_follow_up(status, records, "Alex", ZONE)
    assert draft is not None
    assert (
        "I last heard from you on Thursday 5 November and wanted to check where things stand."
        in draft.body
    )


def test_no_draft_unless_overdue() -> None:
    promise = Commitment(
        CommitmentKind.REPLY, "by 30 November", Strength.EXPLICIT, date(2026, 11, 30)
    )
    records = thread(promise)
    status = process_status(PROCESS, records, NOW, TrackingConfig(), CALENDAR, ZONE)
    assert status.state.value != "overdue"
    assert draft_follow_up(status, records, "Alex", ZONE) is None


def test_greeting_names() -> None:
    assert first_name(Address("Doe, Jane", "j@x.example")) == "Jane"
    assert first_name(Address("Talent Acquisition Team", "ta@x.example")) is None
    assert first_name(Address("noreply", "n@x.example")) is None
    assert first_name(Address("", "j@x.example")) is None
    assert first_name(Address("Zoë\u202e Smith", "z@x.example")) == "Zoë"
    assert first_name(Address("The Data Brief", "editor@databrief.example")) is None
    assert first_name(Address("Jamie Reid", "hello@jamie.example")) is None
    assert first_name(Address("Dr. Ruth Adeyemi", "ruth@k.example")) == "Dr. Adeyemi"


def test_draft_message_is_a_reply_dated_now_with_hostile_subject_defused() -> None:
    promise = Commitment(CommitmentKind.REPLY, "by Friday", Strength.EXPLICIT, date(2026, 11, 13))
    records = thread(promise)
    records[1] = message(
        "m2",
        records[1].date,
        Label.DELAY,
        Address("Jane\r\nBcc: x@y", JANE.email),
        "Update\r\nBcc: victim@example.com",
        (promise,),
        SenderRole.AGENCY_RECRUITER,
    )
    status = process_status(PROCESS, records, NOW, TrackingConfig(), CALENDAR, ZONE)
    draft = draft_follow_up(status, records, "Alex Morgan", ZONE)
    assert draft is not None
    raw = draft_message(draft, "Alex Morgan <alex.morgan@example.net>", NOW).as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["In-Reply-To"] == "<m2@example.com>"
    assert parsed["Subject"] == "Re: Update Bcc: victim@example.com"
    assert parsed["Bcc"] is None
    assert parsed["Date"] == "Thu, 26 Nov 2026 09:00:00 +0000"
    assert parsed["Message-ID"] == "<followup.1.20261126T090000@example.net>"


def test_a_date_they_have_since_kept_is_not_cited() -> None:
    # Jane's "by Friday 13th" of Thu 5 Nov, then her interview invitation of Mon 9 Nov: the
    # date was kept; now only the usual wait since her last message has passed
    promise = Commitment(
        CommitmentKind.REPLY, "by Friday 13th", Strength.EXPLICIT, date(2026, 11, 13)
    )
    records = [
        *thread(promise)[:2],
        message(
            "m4",
            datetime(2026, 11, 9, 10, tzinfo=ZONE),
            Label.INTERVIEW,
            JANE,
            "Re: Interview with Globex",
            role=SenderRole.AGENCY_RECRUITER,
        ),
    ]
    status = process_status(PROCESS, records, NOW, TrackingConfig(), CALENDAR, ZONE)
    assert (status.state.value, status.expected_source) == ("overdue", "default")
    draft = draft_follow_up(status, records, "Alex", ZONE)
    assert draft is not None
    assert "mentioned" not in draft.body
    assert (
        "I last heard from you on Monday 9 November and wanted to check where things stand."
        in draft.body
    )
