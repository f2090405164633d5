"""An offer's answer-by and what else waits on the user after it: a task asked since the offer
(a screening vendor's form) has its own date and its vendor is no contact (user audit 12 F9);
of two dates for one offer the earlier stands, and the offer's conditions are said (user
audit 11 F8); the user's yes to an invitation answers it though the reply also promises
something else (user audit 11 F6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Label,
    MessageRecord,
    ProcessRecord,
    SenderRole,
    Stage,
    State,
    Strength,
)
from inbox_monitor.track import ProcessStatus, process_status

CHICAGO = ZoneInfo("America/Chicago")
US = BusinessCalendar("US")
LONDON = ZoneInfo("Europe/London")
GB = BusinessCalendar("GB", "ENG")


def at(
    month: int, day: int, hour: int = 10, zone: ZoneInfo = CHICAGO, year: int = 2026
) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=zone)


def deadline(
    phrase: str, due: date, kind: CommitmentKind = CommitmentKind.USER_DEADLINE
) -> Commitment:
    return Commitment(kind, phrase, Strength.EXPLICIT, due)


def mail(key: str, when: datetime, label: Label, sender: Address | None, subject: str,
         *commitments: Commitment, text: str = "", outbound: bool = False,
         role: SenderRole = SenderRole.UNKNOWN) -> MessageRecord:  # fmt: skip
    record = message_record(key, when, label, sender, subject=subject, commitments=commitments,
                            role=role, direction="outbound" if outbound else "inbound")  # fmt: skip
    return replace(record, text=text, snippet=text[:200])


def status(process: ProcessRecord, now: datetime, *messages: MessageRecord,
           zone: ZoneInfo = CHICAGO, calendar: BusinessCalendar = US) -> ProcessStatus:  # fmt: skip
    return process_status(process, messages, now, TrackingConfig(), calendar, zone)


# ------------------------------------------------ a vendor's task after the offer (F9)

SHOP = ProcessRecord(1, "Corner Market", "Cashier", None, at(11, 30))
LENA = Address("Lena at Corner Market", "lena@cornermarket.example")
VENDOR = Address("ClearCheck", "no-reply@clearcheck-screening.example")
OFFER = mail("offer", at(12, 2, 15), Label.OFFER, LENA, "Good news!",
             text="We'd love to have you on the team as a cashier, pending a background check.")  # fmt: skip
FORM_BY = deadline("Please fill in your details by 12/09/2026", date(2026, 12, 9))
FORM = mail("form", at(12, 3, 9), Label.REQUEST, VENDOR,
            "Action needed: Corner Market asked for your background screening", FORM_BY,
            role=SenderRole.AUTOMATED)  # fmt: skip


def test_a_vendors_task_after_an_offer_is_not_its_answer_by_and_the_vendor_is_no_contact() -> None:
    owed = status(SHOP, at(12, 4), OFFER, FORM)
    assert (owed.stage, owed.state) == (Stage.OFFER, State.WAITING_ON_YOU)
    assert owed.user_deadline is None and owed.task == FORM_BY
    assert owed.next_step.startswith("Answer the offer. ClearCheck also asked you for something")
    assert "by Wed 09 Dec" in owed.next_step and "not the offer's date" in owed.next_step
    assert "Answer the offer by" not in owed.next_step
    # the person of the employer is the one to talk to, not the screening vendor
    assert owed.last_contact == LENA
    # past the task's date the offer is not late: it had none
    late = status(SHOP, at(12, 10), OFFER, FORM)
    assert late.user_deadline is None and not late.deadline_passed
    # the vendor's word that the check is done ends the task; the offer still waits, undated
    done = mail("done", at(12, 8, 9), Label.ACKNOWLEDGEMENT, VENDOR,
                "Your background screening is complete", role=SenderRole.AUTOMATED)  # fmt: skip
    after = status(SHOP, at(12, 9), OFFER, FORM, done)
    assert after.task is None and after.user_deadline is None
    assert after.next_step == "Answer the offer."


def test_their_ask_for_the_offers_answer_after_it_is_its_answer_by() -> None:
    # not a task: "let us know by Friday whether you accept" is when to answer the offer
    ask_by = deadline("let us know by Friday whether you accept", date(2026, 12, 11))
    ask = mail("ask", at(12, 7), Label.REQUEST, LENA, "Checking in", ask_by)
    owed = status(SHOP, at(12, 8), OFFER, ask)
    assert owed.user_deadline == ask_by and owed.task is None
    assert owed.next_step == "Answer the offer by Fri 11 Dec."


def test_the_employers_own_portal_stays_the_contact() -> None:
    # an automated address at the employer's own domain is theirs, not a third party's
    portal = Address("Corner Market Careers", "careers-noreply@cornermarket.example")
    forms = mail("forms", at(12, 3, 9), Label.REQUEST, portal, "Your new-hire forms", FORM_BY,
                 role=SenderRole.AUTOMATED)  # fmt: skip
    assert status(SHOP, at(12, 4), OFFER, forms).last_contact == portal
    # and a vendor's mail with no person of theirs known is its own contact
    assert status(SHOP, at(12, 4), FORM).last_contact == VENDOR


# ------------------------------------------------ two dates for one offer (F8)

COLLEGE = ProcessRecord(2, "Fenwick University", "Lecturer", None, at(1, 4, zone=LONDON, year=2027))
HEAD = Address("Prof Ada Marsh", "a.marsh@fenwick.example")
HR = Address("Fenwick Jobs", "jobs-noreply@fenwick.example")
FIRST_BY = deadline("Could you let me know by Wednesday 13 January", date(2027, 1, 13))
FIRST = mail("first", at(1, 6, zone=LONDON, year=2027), Label.OFFER, HEAD, "Lecturer", FIRST_BY,
             text="I'm delighted to offer you the post. The formal offer will follow from HR.")  # fmt: skip
FORMAL_BY = deadline("accept or decline the offer by 20 January 2027", date(2027, 1, 20))
FORMAL = mail("formal", at(1, 7, zone=LONDON, year=2027), Label.OFFER, HR,
              "Conditional offer of employment", FORMAL_BY, role=SenderRole.AUTOMATED,
              text="We are pleased to make you an offer.\n\nThis offer is conditional upon: two"
                   " satisfactory references; and evidence of your right to work in the UK.\n\n"
                   "Please log in to accept or decline the offer by 20 January 2027.")  # fmt: skip


def on(day: int) -> datetime:
    return at(1, day, 12, zone=LONDON, year=2027)


def test_the_earlier_of_two_dates_for_one_offer_stands_and_its_conditions_are_said() -> None:
    owed = status(COLLEGE, on(8), FIRST, FORMAL, zone=LONDON, calendar=GB)
    assert owed.user_deadline == FIRST_BY and owed.later_answer_by == FORMAL_BY
    assert owed.offer_conditions == (
        "two satisfactory references; and evidence of your right to work in the UK"
    )
    assert owed.next_step == (
        "Answer the offer by Wed 13 Jan (the earlier of their dates; their mail since gives"
        " Wed 20 Jan). The offer is conditional on two satisfactory references; and evidence"
        " of your right to work in the UK."
    )


def test_a_later_date_replaces_an_earlier_one_when_they_extend_it_or_it_had_passed() -> None:
    extended_by = deadline("I'm happy to extend your deadline to 20/01/2027", date(2027, 1, 20))
    extended = mail("ext", on(8), Label.OFFER, HEAD, "Re: Lecturer", extended_by)
    moved = status(COLLEGE, on(9), FIRST, extended, zone=LONDON, calendar=GB)
    assert moved.user_deadline == extended_by and moved.later_answer_by is None
    # the first date had passed when the formal offer came: the new one is the date
    formal_late = replace(FORMAL, date=on(14))
    late = status(COLLEGE, on(15), FIRST, formal_late, zone=LONDON, calendar=GB)
    assert late.user_deadline == FORMAL_BY and late.later_answer_by is None


def test_no_conditions_are_read_where_there_are_none() -> None:
    for text in (
        "The offer is subject to contract.",
        "This offer is not conditional on references.",
        "We are conditional acceptance experts.",
    ):
        offer = replace(FIRST, text=text, snippet=text)
        owed = status(COLLEGE, on(7), offer, zone=LONDON, calendar=GB)
        assert owed.offer_conditions is None, text
        assert "conditional" not in owed.next_step
    subject_to = replace(FIRST, text="An offer subject to satisfactory references. Welcome!")
    assert status(COLLEGE, on(7), subject_to, zone=LONDON, calendar=GB).offer_conditions == (
        "satisfactory references"
    )


# ------------------------------------------------ an answer that also promises (F6)

SEMINAR = ProcessRecord(3, "Harwood Institute", None, None, at(12, 1, zone=LONDON))
RUTH = Address("Dr Nell Arden", "n.arden@harwood.example")
ASK_BY = deadline("Could you let me know by Friday 18 December", date(2026, 12, 18))
ASK = mail("ask", at(12, 9, zone=LONDON), Label.INTERVIEW, RUTH, "An invitation to present",
           ASK_BY, text="We'd like to invite you to present your work on 4 February. Could you"
                        " let me know by Friday 18 December whether you can come?")  # fmt: skip


def reply(text: str, *commitments: Commitment) -> MessageRecord:
    return mail("reply", at(12, 10, zone=LONDON), Label.NOT_RECRUITING, None,
                "Re: An invitation to present", *commitments, text=text, outbound=True)  # fmt: skip


def promise(phrase: str, due: date) -> Commitment:
    return deadline(phrase, due, CommitmentKind.USER_PROMISE)


def test_a_yes_that_also_promises_something_later_answers_their_ask() -> None:
    yes = reply(
        "Thank you - I'd be delighted to come on 4 February. I'll send a title in January.",
        promise("I'll send a title in January", date(2027, 1, 29)),
    )
    answered = status(SEMINAR, at(12, 21, zone=LONDON), ASK, yes, zone=LONDON, calendar=GB)
    assert answered.state != State.WAITING_ON_YOU and answered.user_deadline is None
    assert "answer today" not in answered.next_step
    # "Yes; I'll send my slides next week" answers "confirm whether you can attend" too
    confirm_by = deadline("Could you confirm by Friday whether you can attend", date(2026, 12, 11))
    invited = replace(ASK, extraction=replace(ASK.extraction, commitments=(confirm_by,)))
    slides = reply("Yes; I'll send my slides next week.",
                   promise("I'll send my slides next week", date(2026, 12, 18)))  # fmt: skip
    assert status(SEMINAR, at(12, 14, zone=LONDON), invited, slides, zone=LONDON,
                  calendar=GB).state != State.WAITING_ON_YOU  # fmt: skip


def test_a_reply_that_only_promises_the_answer_or_the_thing_asked_still_owes_it() -> None:
    for text, phrase in (
        ("Yes, thanks! I'll send you my answer by Monday.", "I'll send you my answer by Monday"),
        ("I'd be happy to send my availability tomorrow.", "send my availability tomorrow"),
        ("Thanks, will do - I'll send it over tomorrow.", "I'll send it over tomorrow"),
    ):
        owing = reply(text, promise(phrase, date(2026, 12, 14)))
        still = status(SEMINAR, at(12, 11, zone=LONDON), ASK, owing, zone=LONDON, calendar=GB)
        assert still.state == State.WAITING_ON_YOU, text
