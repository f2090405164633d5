"""A date for the user belongs to what asked for it: an earlier stage's "book your slot by
Friday" is no date to answer an offer by, a portal's "Interview booked" meets it, and an
interview held since spends it; an invitation for a day with no time is that day's meeting;
a process put on hold waits longer and says so; a vendor's "Thank you for completing your
assessments" clears the task (user audit 9 F7, F11; user audit 10 F10, F12, F17)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from helpers import message_record

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.digest import DigestData, render_text
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

LONDON = ZoneInfo("Europe/London")
CALENDAR = BusinessCalendar("GB", "ENG")
PORTAL = Address("Health Jobs", "noreply@jobs.health.example")
MANAGER = Address("Dr Amir Shah", "amir.shah@healthtrust.example")
PROCESS = ProcessRecord(
    1, "Fenmoor Community Health Trust", "Training Lead", None,
    datetime(2026, 11, 30, 8, 0, tzinfo=LONDON),
)  # fmt: skip


def at(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def status_at(now: datetime, *messages: MessageRecord) -> ProcessStatus:
    return process_status(PROCESS, messages, now, TrackingConfig(), CALENDAR, LONDON)


def mail(key: str, when: datetime, label: Label, sender: Address, subject: str,
         *commitments: Commitment, sure: bool = True, snippet: str = "",
         role: SenderRole = SenderRole.UNKNOWN) -> MessageRecord:  # fmt: skip
    record = message_record(key, when, label, sender, subject=subject,
                            commitments=commitments, role=role)  # fmt: skip
    return replace(record, needs_review=not sure, snippet=snippet)


def sent(key: str, when: datetime, subject: str, *commitments: Commitment) -> MessageRecord:
    return message_record(key, when, Label.NOT_RECRUITING, None, subject=subject,
                          commitments=commitments, direction="outbound")  # fmt: skip


# ------------------------------------------- an earlier stage's date and the offer (F7)

BOOK_BY = Commitment(
    CommitmentKind.USER_DEADLINE,
    "Please log in to your Health Jobs account and book your interview slot by noon on Friday"
    " 11 December 2026",
    Strength.EXPLICIT,
    date(2026, 12, 11),
)
INVITED = mail("invite", at(12, 9, 9, 45), Label.INTERVIEW, PORTAL,
               "Interview invitation - Training Lead - F7731-26-0012", BOOK_BY,
               role=SenderRole.AUTOMATED)  # fmt: skip
BOOKED_SUBJECT = "Interview booked - Training Lead - F7731-26-0012"
BOOKED = mail("booked", at(12, 10, 8, 15), Label.INTERVIEW, PORTAL, BOOKED_SUBJECT,
              role=SenderRole.AUTOMATED)  # fmt: skip
# the hiring manager's offer on the phone, written up: the written one follows next week
PAPERWORK = Commitment(CommitmentKind.REPLY, "HR will send the written offer next week",
                       Strength.RELATIVE, date(2026, 12, 24))  # fmt: skip
VERBAL = mail("verbal", at(12, 18, 15, 40), Label.OFFER, MANAGER, "Training Lead - good news",
              PAPERWORK, role=SenderRole.HIRING_MANAGER)  # fmt: skip


def test_an_earlier_stages_date_is_no_date_to_answer_the_offer_by() -> None:
    offered = status_at(at(12, 18, 21, 15), INVITED, BOOKED, VERBAL)
    assert (offered.stage, offered.state) == (Stage.OFFER, State.WAITING_ON_YOU)
    assert offered.user_deadline is None and not offered.deadline_passed
    assert offered.days_past_deadline == 0
    assert offered.next_step == "Answer the offer."
    # even when the slot was never confirmed by mail (the booking's notice lost)
    unconfirmed = status_at(at(12, 18, 21, 15), INVITED, VERBAL)
    assert unconfirmed.user_deadline is None and not unconfirmed.deadline_passed


def test_the_offers_own_date_and_one_set_after_it_still_count() -> None:
    reply_by = Commitment(CommitmentKind.USER_DEADLINE, "accept this offer by Monday 4 January",
                          Strength.EXPLICIT, date(2027, 1, 4))  # fmt: skip
    written = mail("written", at(12, 21, 9), Label.OFFER, PORTAL, "Conditional offer", reply_by,
                   role=SenderRole.AUTOMATED)  # fmt: skip
    owed = status_at(at(12, 22), INVITED, BOOKED, VERBAL, written)
    assert owed.user_deadline == reply_by and owed.state == State.WAITING_ON_YOU
    # a revised offer with no date of its own keeps the first offer's
    revised = mail("revised", at(12, 23), Label.OFFER, MANAGER, "Revised offer")
    assert status_at(at(12, 23, 12), INVITED, written, revised).user_deadline == reply_by
    # their request after the offer is a task with its own date, not the offer's answer-by
    forms_by = Commitment(CommitmentKind.USER_DEADLINE, "return the forms by Wednesday",
                          Strength.RELATIVE, date(2026, 12, 23))  # fmt: skip
    forms = mail("forms", at(12, 21, 11), Label.REQUEST, MANAGER, "Forms", forms_by)
    tasked = status_at(at(12, 22), INVITED, VERBAL, forms)
    assert tasked.user_deadline is None and tasked.task == forms_by
    assert tasked.next_step.startswith("Answer the offer. ")
    assert "also asked you for something by Wed 23 Dec" in tasked.next_step


def test_a_portals_booking_notice_meets_its_book_by_date_however_unsure_its_label() -> None:
    waiting = status_at(at(12, 9, 21), INVITED)
    assert waiting.state == State.WAITING_ON_YOU and waiting.user_deadline == BOOK_BY
    for subject in (BOOKED_SUBJECT, "Thank you for booking your interview",
                    "You have booked an interview slot"):  # fmt: skip
        unsure = mail("b", at(12, 10, 8), Label.INTERVIEW, PORTAL, subject, sure=False)
        done = status_at(at(12, 14), INVITED, unsure)
        assert done.state != State.WAITING_ON_YOU and done.user_deadline is None, subject
    # a reminder is no booking; nor does a booking meet a request to do something else
    reminder = mail("r", at(12, 10, 8), Label.INTERVIEW, PORTAL, "Reminder: book your interview",
                    sure=False)  # fmt: skip
    assert status_at(at(12, 10, 12), INVITED, reminder).user_deadline == BOOK_BY
    forms_by = Commitment(CommitmentKind.USER_DEADLINE, "send us your ID documents by Friday",
                          Strength.RELATIVE, date(2026, 12, 11))  # fmt: skip
    papers = mail("p", at(12, 9), Label.REQUEST, PORTAL, "Documents needed", forms_by)
    unsure = mail("b", at(12, 10, 8), Label.INTERVIEW, PORTAL, BOOKED_SUBJECT, sure=False)
    assert status_at(at(12, 10, 12), papers, unsure).user_deadline == forms_by


def test_their_request_dated_before_an_interview_held_since_is_spent() -> None:
    # "Your interview is on Wednesday 16 December at 10:30; please confirm by Friday" (the
    # user rang to confirm, so no mail of theirs answers it)
    slot = at(12, 16, 10, 30)
    meeting = Commitment(CommitmentKind.MEETING, "interview is on Wednesday 16 December at 10:30",
                         Strength.EXPLICIT, date(2026, 12, 16), slot)  # fmt: skip
    confirm = Commitment(CommitmentKind.USER_DEADLINE, "please confirm by Friday",
                         Strength.RELATIVE, date(2026, 12, 11))  # fmt: skip
    invite = mail("i", at(12, 9), Label.INTERVIEW, MANAGER, "Interview", meeting, confirm)
    before = status_at(at(12, 14), invite)
    assert before.state == State.WAITING_ON_YOU and before.deadline_passed
    after = status_at(at(12, 17), invite)
    assert (after.state, after.user_deadline, after.expected_source) == (
        State.ACTIVE, None, "default",
    )  # fmt: skip
    assert after.expected_by == date(2026, 12, 23)  # five business days from the interview
    # a date after the interview is still the user's ("your references by the 18th")
    refs = replace(confirm, phrase="send two references by Friday 18 December",
                   due=date(2026, 12, 18))  # fmt: skip
    owed = status_at(at(12, 17), replace(invite, extraction=replace(
        invite.extraction, commitments=(meeting, refs))))  # fmt: skip
    assert owed.state == State.WAITING_ON_YOU and owed.user_deadline == refs


def test_their_later_mail_that_hands_the_turn_back_takes_the_requests_date_with_it() -> None:
    docs_by = Commitment(CommitmentKind.USER_DEADLINE, "send your certificates by Friday",
                         Strength.RELATIVE, date(2026, 12, 4))  # fmt: skip
    ask = mail("a", at(12, 1), Label.REQUEST, MANAGER, "Certificates", docs_by)
    thanks = mail("t", at(12, 2), Label.DELAY, MANAGER, "Panel update")
    again = mail("g", at(12, 8), Label.REQUEST, MANAGER, "One more thing: your DBS number")
    later = status_at(at(12, 8, 12), ask, thanks, again)
    assert later.state == State.WAITING_ON_YOU
    assert later.user_deadline is None and not later.deadline_passed


# ------------------------------------------------ a day with no time is a meeting (F11)

THURSDAY = Commitment(CommitmentKind.MEETING, "interview for the post on Thursday 21 January 2027",
                      Strength.EXPLICIT, date(2027, 1, 21))  # fmt: skip
LET_ME_KNOW = Commitment(CommitmentKind.USER_DEADLINE, "Could you let me know by Tuesday 12 January",
                         Strength.EXPLICIT, date(2027, 1, 12))  # fmt: skip
HEAD = Address("Ruth Adeyemi", "head@stcolumba.example")


def test_their_invitation_for_a_day_with_no_time_is_that_days_meeting() -> None:
    invite = mail("h1", at(1, 7, 11, 20, 2027), Label.INTERVIEW, HEAD, "Interview on 21 January",
                  THURSDAY, LET_ME_KNOW, role=SenderRole.HIRING_MANAGER)  # fmt: skip
    yes = sent("h2", at(1, 8, 17, 40, 2027), "Re: Interview on 21 January")
    now = at(1, 8, 21, 15, 2027)
    status = status_at(now, invite, yes)
    assert (status.next_meeting, status.next_meeting_day) == (None, date(2027, 1, 21))
    assert (status.expected_by, status.expected_source, status.state) == (
        date(2027, 1, 21), "meeting", State.ACTIVE,
    )  # fmt: skip
    assert status.next_step == (
        "Prepare for the meeting on Thu 21 Jan; they have not given its time yet."
    )
    text = render_text(DigestData(now=now, zone=LONDON, calendar=CALENDAR, statuses=[status]))
    assert "(time not given yet)" in text
    # held once that day is over: the usual wait counts from it
    after = status_at(at(1, 22, 9, 0, 2027), invite, yes)
    assert after.next_meeting_day is None and after.expected_source == "default"
    assert after.expected_by == date(2027, 1, 28)


def test_a_day_in_a_receipt_or_a_bare_ordinal_is_no_meeting() -> None:
    # "Interviews will be held on Thursday 21 January" in an application's receipt
    receipt = mail("r", at(1, 7, year=2027), Label.ACKNOWLEDGEMENT, PORTAL, "Application received",
                   THURSDAY)  # fmt: skip
    assert status_at(at(1, 8, year=2027), receipt).next_meeting_day is None
    # "Your interview is on the 2nd floor" read as 2 February
    floor = Commitment(CommitmentKind.MEETING, "interview is on the 2nd", Strength.EXPLICIT,
                       date(2027, 2, 2))  # fmt: skip
    invite = mail("f", at(1, 7, year=2027), Label.INTERVIEW, HEAD, "Directions", floor)
    assert status_at(at(1, 8, year=2027), invite).next_meeting_day is None
    # their "see you on Thursday" of a Thursday meeting with its time a week on: that one
    slot = at(1, 21, 9, 0, 2027)
    timed = replace(THURSDAY, at=slot)
    bare = Commitment(CommitmentKind.MEETING, "interview on Thursday", Strength.RELATIVE,
                      date(2027, 1, 14))  # fmt: skip
    booked = mail("t", at(1, 7, year=2027), Label.INTERVIEW, HEAD, "Interview", timed)
    see_you = mail("s", at(1, 11, year=2027), Label.INTERVIEW, HEAD, "Looking forward", bare)
    both = status_at(at(1, 12, year=2027), booked, see_you)
    assert (both.next_meeting, both.next_meeting_day) == (slot, date(2027, 1, 21))


# ------------------------------------------------------ a process on hold (audit 10 F12)

ROB = Address("Rob Keane", "rob.keane@ashcombe-search.example")
HOLD_TEXT = (
    "Thanks - the feedback from the Chair was excellent. I'm afraid, though, that the client"
    " has put the process on hold while a refinancing completes. I'll keep you posted."
)


def held(snippet: str = HOLD_TEXT, *commitments: Commitment) -> list[MessageRecord]:
    interview = mail("i", at(12, 4), Label.INTERVIEW, ROB, "Chair meeting",
                     role=SenderRole.AGENCY_RECRUITER)  # fmt: skip
    hold = mail("h", at(12, 21, 12, 15), Label.DELAY, ROB, "RE: next steps", *commitments,
                snippet=snippet, role=SenderRole.AGENCY_RECRUITER)  # fmt: skip
    return [interview, hold]


def test_a_process_on_hold_with_no_date_waits_longer_and_says_it_is_on_hold() -> None:
    quiet = status_at(at(1, 11, 9, 0, 2027), *held())
    # twenty business days, none of them in the year-end break: not overdue on 11 January
    assert (quiet.state, quiet.expected_by, quiet.expected_source) == (
        State.ACTIVE, date(2027, 1, 27), "on_hold",
    )  # fmt: skip
    assert quiet.next_step == (
        "On hold since Mon 21 Dec: nothing to do until Wed 27 Jan; then ask Rob Keane whether"
        " it is going ahead."
    )
    late = status_at(at(2, 1, 9, 0, 2027), *held())
    assert late.state == State.OVERDUE
    assert late.next_step == (
        "Send Rob Keane a short note: they put it on hold on Mon 21 Dec and have not written"
        " since; ask whether it is going ahead."
    )
    text = render_text(
        DigestData(now=at(2, 1, 9, 0, 2027), zone=LONDON, calendar=CALENDAR, statuses=[late])
    )
    assert "(a longer wait, as they put it on hold)" in text
    assert "polite check-in" not in text


def test_a_date_to_revisit_a_hold_is_their_promise() -> None:
    revisit = Commitment(CommitmentKind.REPLY, "expect to revisit it at the end of January",
                         Strength.RELATIVE, date(2027, 1, 29))  # fmt: skip
    status = status_at(at(1, 11, 9, 0, 2027), *held(HOLD_TEXT, revisit))
    assert (status.expected_by, status.expected_source) == (date(2027, 1, 29), "promise")


def test_only_a_process_put_on_hold_waits_longer() -> None:
    for snippet in (
        "Good news: the role is no longer on hold, and the panel meets next week.",
        "We have not put the process on hold; the panel just needs a few more days.",
        "Sorry for the slow reply - I was on hold to the bank all morning.",
        "The client wants to put your start date on hold until the spring.",
    ):
        status = status_at(at(12, 23, 9, 0), *held(snippet))
        assert status.expected_source == "default", snippet
    for snippet in (
        "Recruitment for this post has been paused until the new budget is agreed.",
        "Unfortunately the role is currently on hold.",
        "The company has announced a hiring freeze.",
    ):
        assert status_at(at(12, 23, 9, 0), *held(snippet)).expected_source == "on_hold", snippet


# ------------------------------------ a vendor's "thank you for completing" (audit 10 F10)

VENDOR = Address("Psymetric Assessments", "noreply@psymetric.example")


def test_a_vendors_thanks_for_completing_the_assessments_clears_the_task() -> None:
    by = Commitment(CommitmentKind.USER_DEADLINE, "complete both assessments by 23:59 on Friday"
                    " 18 December 2026", Strength.EXPLICIT, date(2026, 12, 18))  # fmt: skip
    asked = mail("a", at(12, 11, 8), Label.REQUEST, VENDOR, "Halden plc: your online assessments",
                 by, role=SenderRole.AUTOMATED)  # fmt: skip
    assert status_at(at(12, 17), asked).user_deadline == by
    done = mail("d", at(12, 18, 7, 5), Label.NOT_RECRUITING, VENDOR,
                "Thank you for completing your assessments", sure=False)  # fmt: skip
    status = status_at(at(12, 18, 22), asked, done)
    assert status.state != State.WAITING_ON_YOU and status.user_deadline is None
    # their reminder is no completion
    reminder = mail("r", at(12, 17, 8), Label.NOT_RECRUITING, VENDOR,
                    "Reminder: your assessments close tomorrow", sure=False)  # fmt: skip
    assert status_at(at(12, 17, 12), asked, reminder).user_deadline == by
