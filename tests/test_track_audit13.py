"""Audit 13 (a UK contractor's search, Dec 2026 - Jan 2027): their answer on the promised
day read as noise keeps the promise (F3), each task of an accepted job with its own date
(F6), the user's own chase after their own date (F10), the user's `done` (F11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from helpers import ME, message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Extraction,
    Label,
    MessageRecord,
    Outcome,
    ProcessRecord,
    SenderRole,
    State,
    Strength,
)
from inbox_monitor.track import ProcessStatus, process_status

ZONE = ZoneInfo("Europe/London")
CALENDAR = BusinessCalendar("GB", "ENG")


def at(day: int, hour: int = 10, month: int = 12, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=ZONE)


def status_of(
    process: ProcessRecord,
    messages: list[MessageRecord],
    now: datetime,
    *,
    closed_at: datetime | None = None,
    done_at: datetime | None = None,
) -> ProcessStatus:
    return process_status(
        process, messages, now, TrackingConfig(), CALENDAR, ZONE,
        closed_at=closed_at, done_at=done_at,
    )  # fmt: skip


def sent(key: str, when: datetime, to: Address) -> MessageRecord:
    return message_record(key, when, Label.NOT_RECRUITING, Address("Sam", ME),
                          direction="outbound", recipients=(to,))  # fmt: skip


# -- F3: their answer on the promised day, read as noise, is their word

LISA = Address("Lisa Green", "lisa.green@deansgate-contracts.example")
EXTENSION = ProcessRecord(7, "Deansgate Contracts", None, None, at(10, 17))
EARLY_NEXT_WEEK = Commitment(
    CommitmentKind.REPLY, "should know early next week and will let you know",
    Strength.RELATIVE, date(2026, 12, 15),
)  # fmt: skip
STILL_WAITING = message_record("d32", at(10, 17), Label.DELAY, LISA,
                               commitments=(EARLY_NEXT_WEEK,))  # fmt: skip


def test_the_promisers_answer_read_as_noise_keeps_the_promise() -> None:
    # Thu 10 Dec Lisa: "should know early next week"; Tue 15 Dec Lisa: "not approved ...
    # the contract will end on 18 December", read as not recruiting (0.63). On Wed 16 Dec
    # and for weeks after, the process is no longer "overdue: they gave a date and it has
    # passed": it waits the usual time since her answer
    answer = message_record("d40", at(15), Label.NOT_RECRUITING, LISA)
    after = status_of(EXTENSION, [STILL_WAITING, answer], at(16))
    assert after.state != State.OVERDUE and after.expected_source == "default"
    assert not after.promise_open and after.last_inbound_at == answer.date
    assert "they gave a date and it has passed" not in after.next_step
    # (the label moves nothing: the stage stays where the delay left it)
    assert after.stage == status_of(EXTENSION, [STILL_WAITING], at(16)).stage
    # without her answer: overdue on her date, as before
    waiting = status_of(EXTENSION, [STILL_WAITING], at(16))
    assert (waiting.state, waiting.expected_source) == (State.OVERDUE, "promise")
    # a receipt from her, or a colleague's word at her firm's domain, is theirs too
    for other in (
        message_record("ack", at(15), Label.ACKNOWLEDGEMENT, LISA),
        message_record("col", at(15), Label.NOT_RECRUITING,
                       Address("Raj Patel", "raj.patel@deansgate-contracts.example")),
    ):  # fmt: skip
        assert status_of(EXTENSION, [STILL_WAITING, other], at(16)).state != State.OVERDUE


def test_noise_or_a_receipt_from_elsewhere_still_does_not_keep_it() -> None:
    # the client's portal's "Application received", a newsletter from a no-reply address
    # at the firm, a stranger at a free-mail provider: no word of theirs on the promise
    for other in (
        message_record("portal", at(15), Label.ACKNOWLEDGEMENT,
                       Address("Ancoats", "no-reply@ancoats-insurance.example")),
        message_record("news", at(15), Label.NOT_RECRUITING,
                       Address("Deansgate", "noreply@deansgate-contracts.example")),
        message_record("free", at(15), Label.NOT_RECRUITING,
                       Address("Someone", "someone@gmail.com")),
    ):  # fmt: skip
        late = status_of(EXTENSION, [STILL_WAITING, other], at(16))
        assert (late.state, late.expected_source) == (State.OVERDUE, "promise"), other.key


# -- F6: each task of the job the user accepted, with its own date

NORTHGATE = ProcessRecord(1, "Irwell Bank", "Senior Python Data Engineer", "Northgate Talent",
                          at(1), outcome_user=Outcome.ACCEPTED)  # fmt: skip
ACCEPTED_AT = at(4, 10, month=1, year=2027)
COMPLIANCE = Address("Northgate Compliance", "compliance@northgate-talent.example")
SIGNFLOW = Address("Northgate Talent via SignFlow", "noreply@signflow.example")
DOCUMENTS = Commitment(CommitmentKind.USER_DEADLINE, "documents by Thursday 7 January",
                       Strength.EXPLICIT, date(2027, 1, 7))  # fmt: skip
SIGNATURE = Commitment(CommitmentKind.USER_DEADLINE, "Please sign by 8 January",
                       Strength.EXPLICIT, date(2027, 1, 8))  # fmt: skip
OFFER = message_record("o55", at(4, 9, month=1, year=2027), Label.OFFER, COMPLIANCE)
ASK_DOCUMENTS = message_record("r56", at(4, 11, month=1, year=2027), Label.REQUEST, COMPLIANCE,
                               subject="Onboarding - documents needed",
                               commitments=(DOCUMENTS,))  # fmt: skip
ASK_SIGNATURE = message_record("r61", at(5, 10, month=1, year=2027), Label.REQUEST, SIGNFLOW,
                               subject="Please sign: Contract for Services",
                               commitments=(SIGNATURE,))  # fmt: skip


def accepted(messages: list[MessageRecord], now: datetime, **kw: datetime) -> ProcessStatus:
    return status_of(NORTHGATE, messages, now, closed_at=ACCEPTED_AT, **kw)


def test_each_open_task_of_the_accepted_job_is_shown_with_its_own_date() -> None:
    # Wed 6 Jan and Thu 7 Jan: the documents due 7 Jan and the signature due 8 Jan, the
    # earliest first (the signature, asked later, hid the documents)
    for day in (6, 7):
        both = accepted([OFFER, ASK_DOCUMENTS, ASK_SIGNATURE], at(day, 8, month=1, year=2027))
        assert both.accepted_task == DOCUMENTS
        assert [(t.commitment, t.sender) for t in both.accepted_tasks] == [
            (DOCUMENTS, COMPLIANCE),
            (SIGNATURE, SIGNFLOW),
        ]
        assert both.next_step == (
            "You accepted it; they have since asked you for 2 things: by Thu 07 Jan, Northgate"
            " Compliance (\u201cdocuments by Thursday 7 January\u201d); by Fri 08 Jan, Northgate"
            " Talent via SignFlow (\u201cPlease sign by 8 January\u201d). Do each by its date."
        )
    # Fri 8 Jan: the documents' date has passed; the signature is due today
    (last,) = accepted(
        [OFFER, ASK_DOCUMENTS, ASK_SIGNATURE], at(8, 8, month=1, year=2027)
    ).accepted_tasks
    assert last.commitment == SIGNATURE


def test_a_receipt_clears_the_task_it_answers_not_all() -> None:
    # Thu 7 Jan Northgate Compliance: "compliance complete" (a receipt in reply to their ask):
    # the documents are done; nothing said the contract was signed
    complete = message_record("a65", at(7, 10, month=1, year=2027), Label.ACKNOWLEDGEMENT,
                              COMPLIANCE, subject="Re: Onboarding - documents needed")  # fmt: skip
    left = accepted([OFFER, ASK_DOCUMENTS, ASK_SIGNATURE, complete], at(7, 12, month=1, year=2027))
    assert left.accepted_task == SIGNATURE
    assert [t.commitment for t in left.accepted_tasks] == [SIGNATURE]
    assert left.next_step.startswith(
        "You accepted it; Northgate Talent via SignFlow has since asked you for something by Fri 08 Jan"
    )
    # answered by its subject (from another address of a relay), or by the signing tool
    by_subject = replace(complete, sender=Address("HR", "hr@irwell-bank.example"))
    signed = message_record("a66", at(7, 11, month=1, year=2027), Label.ACKNOWLEDGEMENT,
                            SIGNFLOW, subject="Completed: Contract for Services")  # fmt: skip
    assert [
        t.commitment
        for t in accepted([OFFER, ASK_DOCUMENTS, ASK_SIGNATURE, by_subject],
                          at(7, 12, month=1, year=2027)).accepted_tasks
    ] == [SIGNATURE]  # fmt: skip
    assert [
        t.commitment
        for t in accepted([OFFER, ASK_DOCUMENTS, ASK_SIGNATURE, signed],
                          at(7, 12, month=1, year=2027)).accepted_tasks
    ] == [DOCUMENTS]  # fmt: skip
    # a receipt from someone else, about something else, clears neither
    other = message_record("a67", at(7, 11, month=1, year=2027), Label.ACKNOWLEDGEMENT,
                           Address("Payroll", "payroll@umbrella.example"), subject="Welcome")  # fmt: skip
    assert len(accepted([OFFER, ASK_DOCUMENTS, ASK_SIGNATURE, other],
                        at(7, 12, month=1, year=2027)).accepted_tasks) == 2  # fmt: skip


# -- F10: the user's chase after the user's own date


def test_your_follow_up_after_your_own_date_restarts_the_clock() -> None:
    # Mon 14 Dec Tom: feedback "by Friday" not read; the user sets `expect --by friday`
    # (Fri 18 Dec) that evening; Mon 21 Dec the user chases Tom. That day, and after,
    # the advice is not to send the follow-up already sent
    tom = Address("Tom Bradley", "tom@kestrel-resourcing.example")
    process = ProcessRecord(5, "Sefton Logistics", "Senior Python Engineer", "Kestrel",
                            at(3), expected_by_user=date(2026, 12, 18),
                            expected_by_user_at=at(14, 23))  # fmt: skip
    update = message_record("k36", at(14, 9), Label.DELAY, tom)
    chase = sent("s49", at(21, 10), tom)
    before = status_of(process, [update], at(21, 8))
    assert (before.state, before.expected_source) == (State.OVERDUE, "user")
    after = status_of(process, [update, chase], at(21, 23))
    assert after.expected_source == "follow_up" and after.state != State.OVERDUE
    assert after.expected_by is not None and after.expected_by > date(2026, 12, 21)
    assert "short follow-up" not in after.next_step
    # once that wait too has passed: another channel, as without `expect`
    later = status_of(process, [update, chase], at(13, 10, month=1, year=2027))
    assert later.state == State.OVERDUE
    assert later.next_step.startswith("You followed up already; try another channel")
    # a chase before the user set the date, or before it passed, leaves the user's date
    early = sent("s40", at(14, 22), tom)
    assert status_of(process, [update, early], at(21, 23)).expected_source == "user"
    ahead = sent("s41", at(16, 10), tom)
    assert status_of(process, [update, ahead], at(17, 10)).expected_source == "user"


# -- F11: the user's `done` for a task done on a portal

LUMEN = ProcessRecord(3, "Lumen Health", "Senior Data Engineer", None, at(2))
PORTAL = Address("Lumen Health", "no-reply@lumen-health.example")
WITHIN_7 = Commitment(CommitmentKind.USER_DEADLINE, "complete the online assessment within 7 days",
                      Strength.RELATIVE, date(2026, 12, 16))  # fmt: skip
ASSESSMENT = replace(
    message_record("i28", at(9, 9), Label.REQUEST, PORTAL,
                   subject="Lumen Health - next step: online assessment",
                   commitments=(WITHIN_7,)),
    extraction=Extraction(commitments=(WITHIN_7,), sender_role=SenderRole.AUTOMATED),
)  # fmt: skip


def test_done_answers_the_task_and_their_next_ask_waits_again() -> None:
    # Thu 17 Dec, the assessment's date passed: "try today, the link may still work"
    waiting = status_of(LUMEN, [ASSESSMENT], at(17, 12))
    assert waiting.state == State.WAITING_ON_YOU and waiting.deadline_passed
    assert "that date has passed: try today" in waiting.next_step
    # the user did it on the site on Mon 14 Dec and says so on Thu 17 Dec: the wait is
    # theirs, counted from the user's word
    done = status_of(LUMEN, [ASSESSMENT], at(17, 12), done_at=at(17, 11))
    assert done.state in (State.ACTIVE, State.DUE_SOON) and done.user_deadline is None
    assert done.expected_source == "default" and done.expected_by is not None
    assert done.expected_by > date(2026, 12, 17)
    assert "assessment" not in done.next_step
    # a board of a day before the user's word shows it as it stood then
    assert status_of(LUMEN, [ASSESSMENT], at(16, 12)).state == State.WAITING_ON_YOU
    # their mail since that asks again waits on the user again
    again = message_record("i30", at(18, 9), Label.REQUEST, PORTAL, subject="Reminder")
    assert (
        status_of(LUMEN, [ASSESSMENT, again], at(18, 12), done_at=at(17, 11)).state
        == State.WAITING_ON_YOU
    )


def test_done_does_not_answer_an_offer_but_clears_the_tasks_asked_before_it() -> None:
    offer = message_record("o1", at(9, 9), Label.OFFER, COMPLIANCE)
    open_offer = LUMEN
    assert status_of(open_offer, [offer], at(10), done_at=at(9, 12)).state == State.WAITING_ON_YOU
    # the accepted job's tasks: those asked before it are done, a later one is not
    now = at(6, 12, month=1, year=2027)
    done = accepted([OFFER, ASK_DOCUMENTS, ASK_SIGNATURE], now,
                    done_at=at(5, 9, month=1, year=2027))  # fmt: skip
    assert [t.commitment for t in done.accepted_tasks] == [SIGNATURE]
    all_done = accepted([OFFER, ASK_DOCUMENTS, ASK_SIGNATURE], now,
                        done_at=at(6, 9, month=1, year=2027))  # fmt: skip
    assert (all_done.accepted_tasks, all_done.next_step) == ((), "Nothing to do: closed.")


def test_a_colleagues_receipt_on_another_matter_clears_no_task() -> None:
    """Compliance's "checks complete" is no word on HR's contract to sign, though both write
    from one domain (review 16)."""
    hr = Address("Northgate HR", "hr@northgate-talent.example")
    ask_contract = message_record("r62", at(5, 10, month=1, year=2027), Label.REQUEST, hr,
                                  subject="Contract for Services",
                                  commitments=(SIGNATURE,))  # fmt: skip
    complete = message_record("a68", at(7, 10, month=1, year=2027), Label.ACKNOWLEDGEMENT,
                              COMPLIANCE, subject="Compliance checks complete")  # fmt: skip
    left = accepted([OFFER, ASK_DOCUMENTS, ask_contract, complete], at(7, 12, month=1, year=2027))
    assert [t.commitment for t in left.accepted_tasks] == [SIGNATURE]  # its own task only


def test_an_ats_receipt_from_the_address_that_promised_does_not_keep_the_promise() -> None:
    """A no-reply's "we'll be in touch by 18 December", then its receipt of an assessment:
    no person's word on the promise (review 16)."""
    portal = Address("Lumen Health", "no-reply@us.greenhouse-mail.example")
    promise = Commitment(CommitmentKind.REPLY, "we'll be in touch by 18 December",
                         Strength.EXPLICIT, date(2026, 12, 18))  # fmt: skip
    lumen = ProcessRecord(3, "Lumen Health", "Senior Data Engineer", None, at(2))
    told = message_record("p1", at(9), Label.INTERVIEW, portal, commitments=(promise,))
    receipt = message_record("p2", at(10), Label.ACKNOWLEDGEMENT, portal)
    status = status_of(lumen, [told, receipt], at(19))
    assert (status.state, status.expected_source) == (State.OVERDUE, "promise")


def test_the_promisers_mail_on_another_matter_does_not_keep_the_promise() -> None:
    """Her Christmas card, read as noise, is no word on what she promised (verification 16)."""
    card = message_record("xmas", at(14), Label.NOT_RECRUITING, LISA,
                          subject="Merry Christmas from Deansgate Contracts")  # fmt: skip
    late = status_of(EXTENSION, [STILL_WAITING, card], at(16))
    assert (late.state, late.expected_source) == (State.OVERDUE, "promise")
