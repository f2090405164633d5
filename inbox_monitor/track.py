"""Where a process stands at a given time (pure; silence is computed, never stored).

The messages of a process are replayed in date order up to `now`:
- labels move the stage (outreach -> applied/acknowledged -> interviewing -> offer -> closed);
- the expected-by date comes from the user (`expect`, until their next message after it was
  set: dated after it, or stored after it, as a backlog synced late is; the timeline then
  says the user's date gave way; the user's own follow-up sent after their date passed
  restarts the clock as below), else their latest dated promise while it is open, else
  an interview still ahead, else the default wait for the stage, counted in business days
  from their last message (or from the last interview held since, or the user's reply to
  their request, if that is later: "here are my salary expectations" hands the turn back);
- waits count no day from 24 December to 1 January where Christmas Day is a public holiday
  (WaitingDays says why), nor do due soon and overdue; a date they gave is kept as given,
  and past it on those days the follow-up waits for the first business day after them;
- their pitch (an outreach, and their nudges) while the user has not written is the user's
  to answer or leave: no date is expected of them, and it never goes overdue (many pitches
  go unanswered; the user's own `expect` date or a promise in the pitch still counts); an
  agency recruiter's request that opens a process ("Can I submit your profile? ... send me
  your updated CV") is a pitch too: no one has applied, and the process stays at the
  outreach stage until an acknowledgement or an invitation moves it (the user's no to it
  ends it: see the user's withdrawal below); the pitch's date for the user's answer ("Let
  me know by Friday"), in their mail read as outreach however unsure, is the user's to
  answer by (waiting_on_you);
- a promise is kept by any later message of theirs that makes none (an invitation, a
  request, a delay, an update), but not by an acknowledgement or mail that is not about
  the process ("Application received" from the client's portal after the agency's "by
  Friday"), unless the one who promised (or a person at their organisation's domain) wrote
  it: their answer on the day they promised, read as noise ("not approved, I'm afraid"),
  is their word, though its label moves nothing else; a message with a promise of its own
  replaces the older one;
- a meeting moved or called off is dropped: the one on the day the message names, or, when
  it names none ("we need to reschedule your interview"), the next one still ahead then;
  where it moved to counts with no time of day too ("your interview is now on Monday"): a
  meeting that day, its time not known yet; so does their invitation for a day named with
  no time ("I am pleased to invite you to interview on Thursday 21 January", "interview next
  Tuesday", which may leave the user to pick a time; not a bare "on the 2nd", nor in a
  receipt, a rejection or mail read as not recruiting), and the user's own day with no
  time (their yes to "Would Tuesday work for a call?", "see you on Tuesday"), unless one is
  already ahead that day, or on that weekday when no date is named (it confirms that);
- their ask to move a meeting ("Could we move our call to Wednesday at 15:00 instead?") moves
  nothing: the meeting stays, marked (`move_ask`), and the answer is the user's
  (waiting_on_you) until the user, or they, write again or the meeting's time has passed;
  the user's yes moves it (to a day with no time too), their no keeps it; with no meeting
  to move, a call asked for instead ("Would a call on Wednesday at 15:00 work instead?") is
  their offer of that meeting;
- the user's bare weekday and time ("Thursday at 14:00 is fine") on the weekday and at the
  time of a meeting already ahead confirms that meeting, a week or more away, rather than
  adding one on the nearest such day; another day or time is theirs;
- an interview overtakes a promise dated before it ("within a week" misread, "we'll send
  the case study by Tuesday"): one still ahead is the next thing to expect, and after one
  held since the promise was made the default wait counts from it;
- a promise whose date had already passed when they wrote it ("by Monday 23 November",
  sent on the 25th) is a slip, not a date to hold them to: the default wait applies;
- their word that the process is on hold or paused ("Northgate have put the process on
  hold", in a delay's subject or anywhere in what they wrote) with no date to hold them to
  waits longer than the stage's default: _ON_HOLD_WAIT_DAYS business days (about a month);
  a date they gave for it ("we'll revisit it on 1 February") is their promise; either way
  the next step says it is on hold and advises nothing before that date, then a note asking
  whether it is going ahead (no check-in for a usual wait);
- their word that the user is on their reserve list ("You have been placed on a reserve
  list", "you met the required standard ... if a suitable post becomes available we will
  contact you"), in mail read as a rejection or a delay however unsure, is not a no: the
  process stays open (active), with no date expected of them (it is never due soon nor
  overdue: nothing to chase) and the list's end when they gave one ("valid for 12 months");
  their invitation, offer or rejection since moves it on, and so do the user's own date, an
  interview ahead, a later promise of theirs, and the user's withdrawal;
- a follow-up the user sent after their last message restarts the clock for a polite reply;
- the process's contact is who last wrote, but not a third party's automated mail (a
  screening or assessment vendor, at a domain no person of theirs writes from, not an ATS)
  when a person of theirs wrote: that person;
- the person to ask is who gave the date, else who last wrote; an automated sender (an ATS's
  no-reply) takes no mail, but a person in its Reply-To ("just reply to this email") does;
  a request waiting on the user names its own sender and day (not a later mail's), and one
  from an automated sender is worded by what it asks (complete the test or the video
  interview by its link; sign in to see what changed), never as a reply;
- an out-of-office reply is not their word: when it says they are away until a date on or
  after the expected one, a reply is expected `follow_up_wait_days` after that date;
- a platform's word that the user did the task their request names (a test, a video
  interview: "Your Brightwave Health test has been submitted", "Thank you for completing your
  interview with Pinecrest") answers it even when its label is unsure (a sure one decides
  as it says), and so does its word that the user booked the slot it asked them to book
  ("Interview booked", "Thank you for booking" after "book your interview slot by Friday"):
  the wait is theirs again, and the request's date is gone;
- a request the user has not answered, or an offer awaiting an answer, is waiting_on_you;
  a reply that only promises it ("Thanks, will do", "I'll send them over tomorrow") has not
  answered it: it still waits, by its deadline, and their wait does not start over (but the
  user's yes or no to their ask for an answer, "I'd be delighted to come", answers it though
  the reply also promises something else: "I'll send a title and abstract in January"); the
  user's own date in it ("by Tuesday") is the date it waits by when it is earlier or they
  gave none, and past it the user is late, as past theirs;
  the user's ask for time or their own date for an answer answers an offer (state offer,
  with that date as theirs to answer by) until it has passed with no grant and no
  decision; the offer's own answer-by date still stands when it is earlier, as no one
  granted a later one ("could I have until Wednesday?" against "by Friday 20 November");
  a deadline belongs to the request that set it: once the user has replied, or their own
  later mail hands the turn back (their next message, not a request), it is gone, and so
  once an interview was held since the request, its date on or before that day ("please
  confirm by Friday" answered by phone); an offer's answer-by is only a date the offer
  itself, or their mail after it, sets (never an earlier stage's "book your slot by
  Friday"); a task they ask since the offer ("Please complete your information by
  12/05/2026" from a background-check vendor, "return the forms by Wednesday") is the
  user's with its own date (`task`), said after the offer's step, never the offer's
  answer-by, and it goes as a request does (a sure word of theirs since, the platform's
  date long passed); of two dates for one offer the earlier stands while it has not
  passed ("by Thursday 14 January" from the Head of School, then the portal's "by 21
  January"), the later said beside it, unless it extends the first ("I'm happy to extend
  your deadline to ..."); the offer's conditions ("conditional upon two satisfactory
  references") are said in the next step;
  such an offer still needs the user's answer: it counts and sorts with those waiting on
  the user (`on_you`), as the digest lists it;
- the date of a task on a platform's site (a test, a video interview asked by an automated
  sender with no person to write to) or of a pitch's answer passed more than three business
  days ago with no mail of theirs since is no longer the user's turn (the user most likely
  did the task, which leaves no mail, as a platform sends nothing back, or left the pitch):
  the usual wait counts from that date; a person's request the user has not answered by
  mail still waits, as do an offer's answer-by and the user's own date for what they asked;
- an offer is answered (state offer, nothing due from them) only by the user's mail that
  decides it (closed), asks for time or says by when they will answer; a question about
  the package or a thank-you leaves it waiting on the user with its answer-by date, until
  their dated word since ("let me speak to the hiring team about the base and I'll come
  back to you on Monday"): a negotiation in flight, the ball in their court until that date
  (overdue past it) while the offer's answer-by, kept as a note (user_deadline), is not
  within due soon's business days; their next mail, or that date coming near, makes it the
  user's turn again;
- the user's yes or no that names nothing ("Thanks for the offer. I accept.", "Thanks, but
  I'll pass") closes the process, as an answer to an offer, only when an offer of theirs
  came before it (else it most likely takes up or turns down an offer of an interview, a
  coffee, a call), and as a withdrawal only before any interview (a pitch, an application);
  otherwise the process stays as it was, its meeting with it;
- the user's withdrawal before any interview ends only the chain it was written to: when a
  person of another organisation then writes about the process (two agencies pitched one
  role, merged, and the user said "I'll pass" to one; the other's interview follows), the
  process goes on from where it stood;
- their thanks for an interview held ("Thanks for taking the time for the technical interview
  yesterday", "Thank you again for meeting us last Thursday for the first interview") in mail
  read as a delay, a receipt or a request puts a process still before any interview at the
  interview stage (and its wait);
- a process the user closed (`close`) stays closed whatever comes, but their mail about it
  since the close (when the caller knows when it was made) is shown, with a next step to read
  it and reopen the process if it goes on; not after the user's `close --outcome accepted`,
  as the new job's mail follows it: there each task they asked since, by a date still ahead
  (documents by Thursday, a contract to sign by Friday), is shown with its own date, the
  earliest first, until its date passes or their receipt answers it (from its sender, or
  in reply to it: "compliance complete" clears the documents, not the signature);
- the user's `done` (a task done on a portal, which sends nothing back) answers what waited
  on the user then: a request, its date, a task asked since their offer or since the user
  accepted the job; the wait is theirs again, counted from it; their mail since that asks
  again waits on the user again. It does not answer an offer.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar, resolve_phrase
from inbox_monitor.extract import asks_to_move, asks_to_pick, plain_decision
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Direction,
    Event,
    Extraction,
    Label,
    MessageRecord,
    Outcome,
    ProcessRecord,
    SenderRole,
    Stage,
    State,
    Strength,
)
from inbox_monitor.orgs import (
    AUTOMATED_LOCAL_PART,
    is_ats_domain,
    is_free_mail_domain,
    person_via_relay,
    registered_domain,
)

ExpectedSource = Literal["user", "promise", "meeting", "default", "on_hold", "follow_up", "away"]

_STAGE_ORDER = [
    Stage.OUTREACH,
    Stage.APPLIED,
    Stage.ACKNOWLEDGED,
    Stage.INTERVIEWING,
    Stage.OFFER,
    Stage.CLOSED,
]
_STAGE_OF_LABEL = {
    Label.OUTREACH: Stage.OUTREACH,
    Label.ACKNOWLEDGEMENT: Stage.ACKNOWLEDGED,
    Label.INTERVIEW: Stage.INTERVIEWING,
    Label.OFFER: Stage.OFFER,
}
# An invitation or an offer after their rejection means the process is alive again; an
# acknowledgement or a survey request after it does not.
_REOPENING_LABELS = frozenset({Label.INTERVIEW, Label.OFFER})
_WAITING_ON_THEM = frozenset({State.ACTIVE, State.DUE_SOON, State.OVERDUE})
# Their mail that does not keep an earlier promise of theirs: a portal's receipt, a
# newsletter. Any other message is the contact they promised (or says why it is late).
_NOT_KEEPING_LABELS = frozenset({Label.ACKNOWLEDGEMENT, Label.NOT_RECRUITING})
# How urgent each state is on the board: stalled first.
STATE_ORDER = {
    State.OVERDUE: 0,
    State.WAITING_ON_YOU: 1,
    State.DUE_SOON: 2,
    State.OFFER: 3,
    State.ACTIVE: 4,
    State.CLOSED: 5,
}


def _in_year_end(day: date) -> bool:
    """Whether `day` is one of the year-end days, 24 December to 1 January."""
    return (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)


class WaitingDays:
    """The business days a wait for them counts: the calendar's, less the year-end days (24
    December to 1 January) where the calendar keeps Christmas Day as a public holiday.

    Between Christmas Eve and New Year's Day most offices there are shut or short of staff
    ("between the years"), and hiring teams and agencies are away, though only Christmas
    Day, New Year's Day and (in Germany and the UK) the day after Christmas are public
    holidays: a default wait, a follow-up's, counts none of those days, nor do due soon and
    overdue, and no check-in is advised on them (the digest's "year-end week" banner says
    only that replies are slower). A calendar with no Christmas holiday (one with no
    country, Japan's, Israel's) keeps its own days; a date they or the user gave is kept
    as given.
    """

    def __init__(self, calendar: BusinessCalendar) -> None:
        self.calendar = calendar

    def year_end(self, day: date) -> bool:
        """Whether `day` falls in the year-end break of this calendar."""
        if not _in_year_end(day) or (day.month == 1 and day.year == 1):
            return False
        return self.calendar.holiday_name(date(day.year - (day.month == 1), 12, 25)) is not None

    def is_business_day(self, day: date) -> bool:
        return self.calendar.is_business_day(day) and not self.year_end(day)

    def add_business_days(self, start: date, days: int) -> date:
        """The date `days` (not negative) counted business days after `start`; limits as
        BusinessCalendar.add_business_days."""
        current = self.calendar.add_business_days(start, days)
        skipped = self._year_end_days(start, current)
        while skipped:
            current = self.calendar.add_business_days(current, 1)
            skipped -= not self.year_end(current)
        return current

    def business_days_between(self, start: date, end: date) -> int:
        """Counted business days after `start` up to and including `end`; negative when
        end < start (as BusinessCalendar.business_days_between)."""
        if end < start:
            return -self.business_days_between(end, start)
        return self.calendar.business_days_between(start, end) - self._year_end_days(start, end)

    def reopens(self, today: date) -> date | None:
        """The first counted business day after `today` when `today` is in the year-end
        break (a public holiday or weekend in it too), else None."""
        if not self.year_end(today):
            return None
        day = today + timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def _year_end_days(self, start: date, end: date) -> int:
        """The calendar's business days after `start` up to `end` in a year-end break (in
        the first ten years, as the calendar counts holidays)."""
        last = min(end.year, start.year + 10)
        return sum(
            1
            for year in range(start.year, last + 1)
            for day in (date(year, 1, 1), *(date(year, 12, d) for d in range(24, 32)))
            if start < day <= end and self.year_end(day) and self.calendar.is_business_day(day)
        )


@dataclass(frozen=True)
class AcceptedTask:
    """A task they asked of the user since the user accepted the job (a background check's
    form, a contract to sign), by a date not yet passed: its date and words, who asked it and
    when."""

    commitment: Commitment
    sender: Address | None
    at: datetime


@dataclass(frozen=True)
class ProcessStatus:
    process: ProcessRecord
    stage: Stage
    state: State
    outcome: Outcome | None
    expected_by: date | None
    expected_source: ExpectedSource | None
    expected_phrase: str | None
    commitment: Strength
    days_overdue: int
    last_inbound_at: datetime | None
    last_outbound_at: datetime | None
    last_contact: Address | None
    last_label: Label | None
    message_count: int
    # the date the user is to answer by while it is their turn, or the one they gave for an
    # offer (state offer); while their word on the user's counter is awaited (state active,
    # due soon or overdue at the offer stage), the offer's own answer-by, as a note
    user_deadline: Commitment | None
    # the next meeting ahead, with its time; None when there is none or its time is not
    # known yet (next_meeting_day then has its day)
    next_meeting: datetime | None
    next_step: str
    contacts: tuple[str, ...]
    # Business days since the user's own deadline passed (waiting_on_you only; else 0).
    days_past_deadline: int = 0
    # The user's own deadline is behind `now`: a Friday deadline has passed on Saturday,
    # though no business day has gone by since (days_past_deadline is still 0).
    deadline_passed: bool = False
    # The return date of their latest out-of-office reply (expected_source "away" uses it).
    away_until: date | None = None
    # Their latest promise's date is the one counted (before a follow-up or their time away
    # moved it on): it was not kept, overtaken by an interview, nor already past when made.
    promise_open: bool = False
    # Their latest promise came in mail read as not recruiting (a job alert, a newsletter
    # filed in the process), however unsure: words no person wrote to the user, maybe
    promise_in_noise: bool = False
    # The moment their mail ended the user's own date (`expect`), for the timeline: computed
    # like the state, never stored.
    user_date_ended: Event | None = None
    # The user's own date for answering an offer (an ask for time, "I'll let you know by
    # Friday") while it counts: user_deadline is it, or the offer's own date when that is
    # earlier (no one granted them more time).
    own_word: Commitment | None = None
    # Their latest offer: when it came and from whom (a grant or a question may come since).
    offer_at: datetime | None = None
    offer_from: Address | None = None
    # the day of the next meeting ahead (in the user's time), whether its time is known or not
    next_meeting_day: date | None = None
    # the next meeting's end, when its mail gave one ("14:00-14:45", "a 45-minute call")
    next_meeting_end: datetime | None = None
    # the user said they would send what their waiting request asks ("Thanks, will do")
    promised_it: bool = False
    # Their pitch is their last word and the user has not written: nothing is expected.
    unanswered_pitch: bool = False
    # Their ask to move a meeting ("Could we move our call to Wednesday at 15:00 instead?")
    # that the user has not answered, and the meeting it is about, which stays until the
    # user's yes moves it: the answer is the user's (state waiting_on_you)
    move_ask: Commitment | None = None
    move_ask_meeting: datetime | None = None
    # the request waiting on the user (state waiting_on_you): who sent it and when, which a
    # later mail of theirs (a platform's notice, an unsure label) does not change
    request_from: Address | None = None
    request_at: datetime | None = None
    # The user closed it (`close`), and their mail about it came since: the latest, when it
    # came and from whom, for the user to read and reopen it if it goes on (_after_close)
    after_close_at: datetime | None = None
    after_close_from: Address | None = None
    # The user accepted the job, and they asked for something since by a date still ahead
    # (a background check's form, a contract to sign): the job's next step
    # (_tasks_since_accepting); the earliest of accepted_tasks, each open one with its own
    # date, earliest first
    accepted_task: Commitment | None = None
    accepted_tasks: tuple[AcceptedTask, ...] = ()
    # Their latest mail put the process on hold (_put_on_hold) and the wait is theirs: it
    # waits longer, or until the date they gave to take it up again.
    on_hold: bool = False
    # Their word that the user is on their reserve list (met the standard, no post now):
    # when it came, the list's last day if they said, and that message's key. The process
    # stays open (active) with no date expected: it is never due nor overdue.
    reserve_at: datetime | None = None
    reserve_until: date | None = None
    reserve_key: str | None = None
    # A task they asked of the user since their offer (a background check, a form: "Please
    # complete your information by 12/05/2026"), with its own date, while it waits: not the
    # offer's answer-by (user_deadline keeps that)
    task: Commitment | None = None
    # Their later date for answering the same offer while an earlier one still stands (a
    # portal's formal offer "by 21 January" after the Head of School's "by Thursday 14
    # January"): the earlier is user_deadline, this is said beside it
    later_answer_by: Commitment | None = None
    # The conditions of their latest offer ("conditional upon two satisfactory references;
    # evidence of your right to work"), in their words, while it waits on the user
    offer_conditions: str | None = None

    @property
    def stalled(self) -> bool:
        return self.state == State.OVERDUE

    @property
    def open_phrase(self) -> str | None:
        """Their latest promise's words while they hold: its date is the one counted, or it
        gave none ("we'll be in touch"). None once it was kept, overtaken by an interview or
        already past when made: quoted then, it would contradict the date counted."""
        if self.promise_open or self.commitment == Strength.VAGUE:
            return self.expected_phrase
        return None

    @property
    def lapsed_phrase(self) -> str | None:
        """Their latest promise's words once they no longer hold (kept, overtaken by an
        interview, already past when made), quoted to say why their date is not the one
        counted. None while they hold (open_phrase), and for a promise in mail read as not
        recruiting: a job alert's "... news this autumn ... join today" is no one's word,
        and quoted as the reason it reads as theirs."""
        if self.open_phrase or self.promise_in_noise:
            return None
        return self.expected_phrase

    @property
    def on_you(self) -> bool:
        """Whether the next move is the user's: they asked for something, or an offer awaits
        the user's answer, also once the user asked for time or gave a date for it (state
        offer): the answer is still owed, by that date or the offer's own earlier one."""
        return self.state == State.WAITING_ON_YOU or self.own_word is not None

    @property
    def own_date(self) -> bool:
        """Whether the user's date (user_deadline) is their own word that they will send what
        was asked ("I'll send the referee details over by Tuesday"), not a date of theirs."""
        deadline = self.user_deadline
        return (
            deadline is not None
            and deadline.kind == CommitmentKind.USER_PROMISE
            and deadline != self.own_word
        )

    @property
    def move_ask_of_next(self) -> bool:
        """Whether their unanswered ask to move a meeting is about the next one ahead."""
        meeting = self.move_ask_meeting
        if meeting is None or self.next_meeting is not None:
            return meeting is not None and meeting == self.next_meeting
        return not _time_known(meeting) and meeting.date() == self.next_meeting_day

    def sort_key(self) -> tuple[int, int, str]:
        """Most urgent first: by state (an offer the user still owes an answer to with those
        waiting on them), then the longest past its date (theirs or the user's), then the
        nearest date."""
        due = self.expected_by or (self.user_deadline.due if self.user_deadline else None)
        when = due.isoformat() if due else "9999"
        rank = STATE_ORDER[State.WAITING_ON_YOU if self.on_you else self.state]
        return (rank, -(self.days_overdue + self.days_past_deadline), when)


def _advance(stage: Stage, new: Stage) -> Stage:
    return new if _STAGE_ORDER.index(new) > _STAGE_ORDER.index(stage) else stage


def process_status(
    process: ProcessRecord,
    messages: Sequence[MessageRecord],
    now: datetime,
    tracking: TrackingConfig,
    calendar: BusinessCalendar,
    zone: tzinfo | None = None,
    *,
    closed_at: datetime | None = None,
    done_at: datetime | None = None,
) -> ProcessStatus:
    """Compute the stage and state of one process as of `now` (tz-aware). `closed_at` is
    when the user's `close` in force (process.outcome_user) was made, if known; `done_at`
    when the user last said they did what was asked (`done`): what waited on the user then
    is done, what they ask since waits again."""
    today = now.astimezone(zone).date()
    waits = WaitingDays(calendar)
    seen = [m for m in messages if m.date <= now]
    stage = Stage.APPLIED
    outcome: Outcome | None = None
    last_in: MessageRecord | None = None
    last_out: MessageRecord | None = None
    promise: tuple[Commitment, MessageRecord] | None = None
    promise_kept = False  # a later message of theirs was the contact it promised
    pending_request: MessageRecord | None = None
    offer: MessageRecord | None = None  # their latest offer
    offer_answered = False  # the user asked for time or said when they will answer
    # the user's latest mail since their latest offer that did not answer it (a question, a
    # counter: "is there any flex on base?")
    asked_on_offer: datetime | None = None
    own_word: Commitment | None = None  # the date they gave for it, which may pass
    meetings: list[datetime] = []
    deadline: Commitment | None = None
    away_until: date | None = None
    closed_by_you = False  # by the user's decision: their own mail, or a portal confirming it
    decided_at: datetime | None = None  # (when that decision was written)
    handed_over: datetime | None = None  # the user's reply to their latest request
    promised: MessageRecord | None = None  # the request the user said they would answer
    # their ask to move a meeting, with the meeting, until the user or they write again
    move_ask: tuple[Commitment, datetime] | None = None
    # the user's pass before any interview that closed it, with the stage it had then: it
    # may end only the chain it was written to (goes_on_elsewhere)
    passed: tuple[MessageRecord, Stage] | None = None
    reserve: MessageRecord | None = None  # their word that the user is on a reserve list
    # a task they asked since their offer, with its date, and the request that asked it
    task: tuple[Commitment, MessageRecord] | None = None
    later_answer_by: Commitment | None = None  # their later date for the same offer
    for message in _with_done(seen, done_at):
        if message is None:
            # the user's `done` (a task done on a portal, which sends nothing back): their
            # request, a task asked since their offer, is answered; the wait is theirs again
            if pending_request is not None:
                assert done_at is not None
                handed_over = max(done_at, handed_over) if handed_over is not None else done_at
                if stage != Stage.OFFER:
                    deadline = None
            pending_request, task = None, None
            continue
        meetings = _meetings_after(meetings, message, zone)
        decided = message.extraction.decision
        if message.direction == "inbound" and message.label == Label.OUTREACH:
            decided = None  # "I hear you declined Northwind's offer, but I have a role ..."
        words = message.extraction.decision_phrase
        if decides_plainly(message.direction, decided, words):
            if not plain_decision_counts(decided, offer is not None, stage in _BEFORE_INTERVIEW):
                decided = None  # "Thanks for the offer. I accept." / "I'll pass" of an interview's
            elif decided == Outcome.WITHDRAWN and offer is not None:
                # "really kind, but I've accepted elsewhere so I'll have to decline" after
                # their offer: the no is to the offer
                decided = Outcome.DECLINED
        if decided is not None and not (
            process.reopened_at is not None and message.date <= process.reopened_at
        ):
            # "I'm delighted to accept the offer", "I'd like to withdraw" in the user's mail,
            # or a portal's "You have withdrawn your application": their mail after it (the
            # contract, "sorry to hear that") does not reopen it
            pass_on = ends_one_chain(message.direction, decided)
            passed = (message, stage) if pass_on and stage in _BEFORE_INTERVIEW else None
            stage, outcome, closed_by_you = Stage.CLOSED, decided, True
            decided_at = message.date
        if message.direction == "outbound":
            last_out = message
            answers_offer = offer is not None and _answers_offer(message)
            if answers_offer:
                offer_answered = True
                own_word = _own_word(message) or own_word
            elif offer is not None:
                asked_on_offer = message.date
            if (
                pending_request is not None
                and not answers_offer
                and _promises_it(message)
                and not _answers_ask(message, pending_request, deadline)
            ):
                promised = pending_request  # "Thanks, will do": it still waits, its deadline too
                word = _delivery_date(message)
                # (an offer's answer-by date stays until the user decides)
                if (
                    word is not None
                    and stage != Stage.OFFER
                    and (
                        deadline is None
                        or deadline.due is None
                        or (word.due is not None and word.due < deadline.due)
                    )
                ):
                    deadline = word  # "I'll send them over by Tuesday": the user's own date
                continue
            if pending_request is not None or move_ask is not None:
                handed_over = message.date  # the user answered it: their turn again
            pending_request, move_ask = None, None  # the user answered something
            if stage != Stage.OFFER:
                # and its date with it: a later request with none has no deadline (an
                # offer's answer-by date stays until the user decides)
                deadline = None
            continue
        if message.extraction.away:
            # an out-of-office reply: the silence goes on, but not before they are back
            back = message.extraction.first(CommitmentKind.AWAY)
            if back is not None and back.due is not None:
                away_until = max(back.due, away_until or back.due)
            continue
        last_in = message
        if (back := message.extraction.first(CommitmentKind.AWAY)) is not None and back.due:
            # their own word that they will be away ("I am out of the office from 23.12. and
            # back on 4 January"), in mail that is their word on the process too
            away_until = max(back.due, away_until or back.due)
        # An unsure label waits in the review list instead of moving the process: a misread
        # "rejection" must not close it, nor a misread "offer" or "request" wait on the user.
        # They did write, though: the silence is broken and what they promise counts.
        label = None if message.needs_review else message.label
        if (
            closed_by_you
            and passed is not None
            and goes_on_elsewhere(
                message.sender,
                message.label,
                passed[0].recipients,
                by_person=_by_person(message),
                decided=message.extraction.decision is not None,
            )
        ):
            # the user passed on one agency's pitch; another's of the same role goes on
            stage, outcome, closed_by_you, passed = passed[1], None, False, None
        if message is seen[0] and _pitches(message, label):
            stage = Stage.OUTREACH
        if label in _STAGE_OF_LABEL and not closed_by_you:
            if stage == Stage.CLOSED and label in _REOPENING_LABELS:
                # they came back after a rejection (the other candidate declined, a new round)
                stage, outcome = _STAGE_OF_LABEL[label], None
            else:
                stage = _advance(stage, _STAGE_OF_LABEL[label])
        if label in _MAY_FOLLOW_AN_INTERVIEW and stage in _BEFORE_INTERVIEW and _held(message):
            # "Thanks for taking the time for the technical interview yesterday - we'll be in
            # touch": an interview was held, whatever else the mail is about
            stage = Stage.INTERVIEWING
        if _on_reserve_list(message) and not closed_by_you:
            # met the standard, no post now, on their list for one: not a no, and nothing to
            # chase; their invitation, offer or rejection since moves it on
            reserve = message
        elif label in _OFF_RESERVE_LABELS:
            reserve = None
        reopened = process.reopened_at is not None and message.date <= process.reopened_at
        if label == Label.REJECTION and reserve is None and not reopened and not closed_by_you:
            # (the user reopened it after this one, or had already decided)
            stage, outcome = Stage.CLOSED, Outcome.REJECTED
        if label == Label.OFFER:
            if offer is None:
                # an earlier stage's date ("book your interview slot by Friday") is no date to
                # answer the offer by: only the offer, or their mail after it, sets one
                deadline = None
            offer, offer_answered, own_word, asked_on_offer = message, False, None, None
            later_answer_by = None
        # Their latest word decides whose turn it is: a request (or a live deadline for the
        # user) waits on the user; anything else from them hands the turn back to them, and
        # the request's date goes with it ("Interview booked" after "book your slot by
        # Friday"; an offer's answer-by date stays until the user decides).
        if label is not None:
            pending_request = message if label == Label.REQUEST else None
            if pending_request is None and stage != Stage.OFFER:
                deadline = None
        elif pending_request is not None and _reports_done(message, pending_request, deadline):
            # "Your test has been submitted", however unsure its label: the user did it
            pending_request = None
            if stage != Stage.OFFER:
                deadline = None
        move_ask = _move_asked(message, label, meetings)
        if move_ask is None and (offered := _offered_instead(message, label, meetings)):
            meetings.append(offered)
        extraction = message.extraction
        reply = extraction.promise
        if reply is not None:
            promise, promise_kept = (reply, message), False
        elif message.label not in _NOT_KEEPING_LABELS or (
            promise is not None and _same_side(message, promise[1])
        ):
            # (the model's label even when unsure: it only says whether they got in touch;
            # the promiser's own word, or a colleague's, whatever it was read as: "not
            # approved, I'm afraid" on the promised day, read as noise)
            promise_kept = True
        for commitment in extraction.commitments:
            live = commitment.due is None or commitment.due >= message.date.date()
            if commitment.kind == CommitmentKind.USER_DEADLINE and live:
                if offer is not None and offer is not message and not _answer_asked(commitment):
                    # a task asked since their offer ("complete your background check by
                    # Friday"): the user's, with its own date, not the offer's answer-by
                    if label == Label.REQUEST:
                        task = (commitment, message)
                        pending_request = pending_request or message
                    continue
                if (
                    stage == Stage.OFFER
                    and deadline is not None
                    and deadline.due is not None
                    and commitment.due is not None
                    and deadline.due >= message.date.astimezone(zone).date()
                    and commitment.due > deadline.due
                    and not _extends(commitment)
                ):
                    # a later date for the same offer (the portal's formal offer after the
                    # Head of School's "by Thursday"): the earlier still stands, as no one
                    # said it moved; the later is said beside it
                    later_answer_by = commitment
                    continue
                deadline, later_answer_by = commitment, None
                # (their pitch's answer-by, "Let me know by Friday", however unsure its
                # label, while no one has applied: the answer is the user's)
                pitch = stage == Stage.OUTREACH and message.label == Label.OUTREACH
                if (
                    commitment.granted
                    or label
                    not in (None, Label.REJECTION, Label.NOT_RECRUITING, Label.ACKNOWLEDGEMENT)
                    or (label is None and pitch)
                ):
                    pending_request = pending_request or message
    if stage != Stage.OFFER and _spent(pending_request, deadline, meetings, now, zone):
        # the interview their request was for was held since ("please confirm by Friday"
        # answered by phone): its date is spent, the wait counts from the interview
        pending_request, deadline = None, None
    open_task = task[0] if task is not None and task[1] is pending_request else None
    if open_task is not None and _lapsed(
        pending_request, open_task, last_in, Stage.APPLIED, today, waits, zone
    ):
        # a platform's task since the offer (a background check's form), its date long
        # passed with no word since: most likely done, as any platform's task
        pending_request, open_task = None, None
    lapsed = _lapsed(pending_request, deadline, last_in, stage, today, waits, zone)
    if lapsed is not None:
        # a platform's task's date long passed with no word since (a video interview, a test
        # the user most likely did), or a pitch's (left): the wait is theirs again from it
        handed_over = max(lapsed, handed_over) if handed_over is not None else lapsed
        pending_request, deadline = None, None
    after_close: MessageRecord | None = None
    accepted_task: Commitment | None = None
    if process.outcome_user is not None:
        stage, outcome = Stage.CLOSED, process.outcome_user
        if process.outcome_user != Outcome.ACCEPTED:  # (their mail after it is the job's)
            after_close = _after_close(seen, closed_at)
    # accepted, by `close` or by the user's own mail: a task they asked since is the job's
    # next step
    accepted_at = closed_at if process.outcome_user == Outcome.ACCEPTED else None
    if process.outcome_user is None and stage == Stage.CLOSED and outcome == Outcome.ACCEPTED:
        accepted_at = decided_at
    accepted_tasks = _tasks_since_accepting(seen, accepted_at, today, done_at)
    if accepted_tasks:
        after_close = max((m for m, _ in accepted_tasks), key=lambda m: m.date)
        accepted_task = accepted_tasks[0][1]

    promise_due = _promise_due(promise, promise_kept, meetings, now, zone)
    user_date_ended = _user_date_ended(process, last_in, zone)
    on_hold = _put_on_hold(last_in)
    expected_by, source, phrase, strength = _expected_by(
        process,
        stage,
        last_in,
        last_out,
        promise,
        promise_due,
        user_date_ended is not None,
        meetings,
        handed_over,
        on_hold,
        now,
        tracking,
        waits,
        zone,
    )
    listed = (  # their word that the user is on their reserve list, while it stands
        reserve
        if reserve is not None
        and stage != Stage.CLOSED
        # (the user's own date, an interview ahead, their later promise still count)
        and (
            source in ("default", "on_hold", "follow_up")
            or (source == "promise" and promise is not None and promise[1].date <= reserve.date)
        )
        else None
    )
    if listed is not None:
        # on their reserve list: no one owes a reply by any date; they write if a post comes up
        expected_by, source = None, None
    unanswered_pitch = (
        stage == Stage.OUTREACH
        and last_in is not None
        # (an unsure label moves nothing; a pitch whose answer-by lapsed was one)
        and ((last_in.label == Label.OUTREACH and not last_in.needs_review) or lapsed is not None)
        # once the user has written, their mail read as outreach ("I've put you forward to
        # the client") is news of the process, and the usual wait holds them to it
        and last_out is None
    )
    if unanswered_pitch and source == "default":
        # their pitch waits on the user, who may well leave it: no one owes anything
        expected_by, source = None, None
    if (
        away_until is not None
        and expected_by is not None
        and source not in ("user", "meeting")
        and expected_by <= away_until
    ):
        # the date falls while they are away: a reply is due a few days after their return
        expected_by = waits.add_business_days(away_until, tracking.follow_up_wait_days)
        source = "away"
    answer_by: Commitment | None = None  # the user's date for answering an offer, in force
    # their ask to move a meeting still ahead (once it is held, or gone, there is nothing
    # left to answer)
    open_ask = move_ask if move_ask is not None and move_ask[1] in meetings else None
    if open_ask is not None and open_ask[1] <= now:
        open_ask = None
    # their dated word since the user's question or counter on their offer ("let me speak to
    # the hiring team about the base and I'll come back to you on Monday"): a negotiation in
    # flight, theirs until that date (and overdue past it) while the offer's answer-by is
    # not near; the answer-by stays the user's, shown beside it
    negotiating = (
        stage == Stage.OFFER
        and not offer_answered
        and pending_request is None
        and open_ask is None
        and promise is not None
        and promise_due is not None
        and asked_on_offer is not None
        and promise[1].date > asked_on_offer
        and not _near(deadline, today, waits, tracking)
    )
    if negotiating:
        answer_by = deadline  # (the offer's own, if any: still the user's to answer by)
    if stage == Stage.CLOSED:
        state = State.CLOSED
    elif (
        (stage == Stage.OFFER and not offer_answered and not negotiating)
        or pending_request is not None
        or open_ask is not None
    ):
        state = State.WAITING_ON_YOU
    elif stage == Stage.OFFER and not negotiating:
        state = State.OFFER
        if own_word is not None and own_word.due is not None:
            # the day the user gave ("I'll let you know by Thursday", "could I have until
            # Wednesday?") is the day they owe an answer by, unless the offer's own is
            # earlier: no one granted them more time
            if deadline is None or deadline.due is None or own_word.due <= deadline.due:
                deadline = own_word
            answer_by = deadline
            if deadline.due is not None and today > deadline.due:
                # passed with no decision and no grant: the offer waits on them
                state = State.WAITING_ON_YOU
    elif expected_by is not None and today > expected_by:
        state = State.OVERDUE
    elif (
        expected_by is not None
        and source != "meeting"  # an interview ahead: nobody owes anything until then
        and waits.business_days_between(today, expected_by) <= tracking.due_soon_days
    ):
        state = State.DUE_SOON
    else:
        state = State.ACTIVE
    days_overdue = (
        waits.business_days_between(expected_by, today)
        if state == State.OVERDUE and expected_by is not None
        else 0
    )
    user_deadline = deadline if state == State.WAITING_ON_YOU else answer_by
    request = pending_request if state == State.WAITING_ON_YOU else None
    deadline_passed, days_past_deadline = False, 0
    if user_deadline is not None and user_deadline.due is not None and today > user_deadline.due:
        deadline_passed = True  # even with no business day since (Friday's, on Saturday)
        days_past_deadline = waits.business_days_between(user_deadline.due, today)
    upcoming = sorted(m for m in meetings if m > now)
    next_meeting = upcoming[0] if upcoming else None
    contacts = tuple(
        dict.fromkeys(m.sender.email for m in seen if m.direction == "inbound" and m.sender)
    )
    people = [a for m in seen if m.direction == "inbound" and (a := _person_to_write_to(m))]
    waits_on_offer = stage == Stage.OFFER and state != State.CLOSED
    status = ProcessStatus(
        process=process,
        stage=stage,
        state=state,
        outcome=outcome,
        # Offers, requests and closed processes wait on nobody's promise.
        expected_by=expected_by if state in _WAITING_ON_THEM else None,
        expected_source=source if state in _WAITING_ON_THEM else None,
        expected_phrase=phrase,
        commitment=strength,
        days_overdue=days_overdue,
        last_inbound_at=last_in.date if last_in else None,
        last_outbound_at=last_out.date if last_out else None,
        last_contact=_contact(last_in, people) if last_in else None,
        last_label=last_in.label if last_in else None,
        message_count=len(seen),
        user_deadline=user_deadline,
        next_meeting=next_meeting if next_meeting and _time_known(next_meeting) else None,
        next_step="",
        contacts=contacts,
        days_past_deadline=days_past_deadline,
        deadline_passed=deadline_passed,
        away_until=away_until,
        promise_open=promise_due is not None,
        promise_in_noise=promise is not None and promise[1].label == Label.NOT_RECRUITING,
        user_date_ended=user_date_ended,
        own_word=own_word if answer_by is not None else None,
        offer_at=offer.date if offer is not None else None,
        offer_from=offer.sender if offer is not None else None,
        next_meeting_day=next_meeting.astimezone(zone).date() if next_meeting else None,
        next_meeting_end=_meeting_end(seen, next_meeting) if next_meeting else None,
        promised_it=promised is not None and promised is pending_request,
        unanswered_pitch=unanswered_pitch and source is None,
        move_ask=open_ask[0] if open_ask is not None and state != State.CLOSED else None,
        move_ask_meeting=open_ask[1] if open_ask is not None and state != State.CLOSED else None,
        request_from=request.sender if request is not None else None,
        request_at=request.date if request is not None else None,
        after_close_at=after_close.date if after_close is not None else None,
        after_close_from=after_close.sender if after_close is not None else None,
        accepted_task=accepted_task,
        accepted_tasks=tuple(AcceptedTask(c, m.sender, m.date) for m, c in accepted_tasks),
        on_hold=on_hold and state in _WAITING_ON_THEM,
        reserve_at=listed.date if listed is not None else None,
        reserve_until=_reserve_until(listed, calendar) if listed is not None else None,
        reserve_key=listed.key if listed is not None else None,
        task=open_task if request is not None else None,
        later_answer_by=later_answer_by if waits_on_offer and user_deadline is deadline else None,
        offer_conditions=_conditions(offer) if waits_on_offer and offer is not None else None,
    )
    # whom to chase: who gave the date, else who last wrote; an automated address (an ATS's
    # no-reply) takes no mail, so the person in its Reply-To, else the latest person of
    # theirs who wrote, if any
    chased = promise[1] if promise is not None and source == "promise" else last_in
    ask = _person_to_write_to(chased) if chased is not None else None
    if chased is not None and ask is None and people:
        ask = people[-1]
    return _with_next_step(status, ask, zone, request, waits.reopens(today), today)


def _pitches(message: MessageRecord, label: Label | None) -> bool:
    """Whether their first message of a process is a pitch: read as outreach, or an agency
    recruiter's request ("Can I submit your profile? ... please send me your updated CV"):
    no one has applied, the agency asks to put the user forward."""
    return label == Label.OUTREACH or (
        label == Label.REQUEST and message.extraction.sender_role == SenderRole.AGENCY_RECRUITER
    )


# Business days past their date for a task after which it is no longer the user's turn: a
# Friday's date stays the user's through the Wednesday after, time to try the link or ask
# for more time. Past that a platform's link has expired, a platform sends nothing back
# when the user did the task, and an employer who still wants it sends a reminder (a new
# request); kept longer, done tasks crowd what still needs the user's answer.
_DEADLINE_LAPSES_AFTER = 3


def _near(
    deadline: Commitment | None, today: date, waits: WaitingDays, tracking: TrackingConfig
) -> bool:
    """Whether the date the user is to answer by (`deadline`) is near or past: within
    `tracking.due_soon_days` business days of `today`, as due soon counts theirs."""
    return (
        deadline is not None
        and deadline.due is not None
        and waits.business_days_between(today, deadline.due) <= tracking.due_soon_days
    )


def _spent(
    request: MessageRecord | None,
    deadline: Commitment | None,
    meetings: list[datetime],
    now: datetime,
    zone: tzinfo | None,
) -> bool:
    """Whether the request waiting on the user is spent by an interview held since it came,
    its date on or before the interview's day: what it asked before the interview ("book
    your slot by Friday", "please confirm you can attend by Monday") the interview made
    moot. A date after the interview ("your references by the 20th") still stands."""
    if request is None or deadline is None or deadline.due is None:
        return False
    return any(
        request.date < meeting <= now and deadline.due <= meeting.astimezone(zone).date()
        for meeting in meetings
    )


def _lapsed(
    request: MessageRecord | None,
    deadline: Commitment | None,
    last_in: MessageRecord | None,
    stage: Stage,
    today: date,
    waits: WaitingDays,
    zone: tzinfo | None,
) -> datetime | None:
    """When their request's own date lapsed, if it passed more than _DEADLINE_LAPSES_AFTER
    business days ago with no mail of theirs since: the end of that day, from which the usual
    wait counts. Only a task on a platform's site (a test, a video interview: an automated
    sender with no person to write to, who sends nothing back once it is done) and a pitch's
    "let me know by Friday" lapse; not a person's request (the user's answer would be in
    their mail), an offer, nor the user's own date ("I'll send them by Tuesday")."""
    if (
        request is None
        or (_person_to_write_to(request) is not None and stage != Stage.OUTREACH)
        # ("Hannah Cole via Greenhouse" <no-reply@...>: a person's request, though no address
        # of hers is given)
        or person_via_relay(request.sender) is not None
        or deadline is None
        or deadline.due is None
        or deadline.kind != CommitmentKind.USER_DEADLINE
        or stage == Stage.OFFER
        or (last_in is not None and last_in.date.astimezone(zone).date() > deadline.due)
        or waits.business_days_between(deadline.due, today) <= _DEADLINE_LAPSES_AFTER
    ):
        return None
    return _whole_day(deadline.due, zone)


def _same_side(message: MessageRecord, promised: MessageRecord) -> bool:
    """Whether their `message` comes from the one who made the promise in `promised`, or a
    person of theirs at the same organisation's domain (not a free-mail provider's, nor an
    ATS relay's, where two senders are no one organisation): their word on it, whatever
    its label, in the thread of the promise (its subject, "Re:" aside). A portal's receipt
    from elsewhere ("Application received" from the client's ATS after the agency's "by
    Friday") is not, nor their Christmas card (review 16)."""
    sender, promiser = message.sender, promised.sender
    if sender is None or promiser is None or not _by_person(message):
        # (an ATS no-reply's receipt after its own "we'll be in touch by ..." is no word on it)
        return False
    if _thread_subject(message.subject) != _thread_subject(promised.subject):
        # (their Christmas card, a colleague's newsletter: no word on what they promised)
        return False
    if sender.email == promiser.email:
        return True
    domain = registered_domain(sender.domain)
    return (
        domain == registered_domain(promiser.domain)
        and not is_free_mail_domain(domain)
        and not is_ats_domain(domain)
    )


def _thread_subject(subject: str) -> str:
    """A subject as its thread's: "Re:", "Fwd:" and the like taken off, in lower case."""
    return _REPLY_PREFIX.sub("", subject).strip().lower()


def _after_close(seen: Sequence[MessageRecord], closed_at: datetime | None) -> MessageRecord | None:
    """Their latest mail about the process since the user closed it at `closed_at` (dated
    after it, or stored after it: a backlog synced late, mail the user had not seen when they
    closed it): an invitation, an offer, a request, a pitch, a delay, by the model's label
    even when unsure, as it only says that they wrote. Not a rejection, a receipt, noise, nor
    an away notice: they say nothing of it going on. None when the close's time is unknown."""
    if closed_at is None:
        return None
    return next(
        (
            m
            for m in reversed(seen)
            if m.direction == "inbound"
            and not m.extraction.away
            and m.label not in _NOT_GOING_ON
            and (m.date > closed_at or (m.stored_at is not None and m.stored_at > closed_at))
        ),
        None,
    )


def _with_done(
    seen: Sequence[MessageRecord], done_at: datetime | None
) -> Iterator[MessageRecord | None]:
    """The messages in date order, with None where the user said they did what was asked
    (`done` at `done_at`): after the mail dated up to then, before the mail dated after."""
    pending = done_at is not None
    for message in seen:
        if pending and done_at is not None and message.date > done_at:
            pending = False
            yield None
        yield message
    if pending:
        yield None


def _tasks_since_accepting(
    seen: Sequence[MessageRecord],
    accepted_at: datetime | None,
    today: date,
    done_at: datetime | None = None,
) -> list[tuple[MessageRecord, Commitment]]:
    """Their requests since the user accepted the job (at `accepted_at`) that ask for
    something by a date not yet passed ("please complete your information by 12/05", "sign
    and return the contract by Friday"), each with its message and deadline, the earliest
    date first: the job's next steps, which a closed process would hide. A receipt of theirs
    since clears the task it answers (_answers_task: from the same sender, or in reply to
    it), not the others ("compliance complete" is no word on the contract to sign); the
    user's `done` (at `done_at`) clears those asked before it; a sender's later request for
    the same date stands for its earlier one (a reminder)."""
    if accepted_at is None:
        return []
    found: dict[tuple[str, date], tuple[MessageRecord, Commitment]] = {}
    for index, message in enumerate(seen):
        if (
            message.direction != "inbound"
            or message.date <= accepted_at
            or (done_at is not None and message.date <= done_at)
            or message.label not in (Label.REQUEST, Label.OFFER)
        ):
            continue
        task = next(
            (
                c
                for c in message.extraction.commitments
                if c.kind == CommitmentKind.USER_DEADLINE and c.due is not None and c.due >= today
            ),
            None,
        )
        if task is None or task.due is None:
            continue
        if any(
            later.direction == "inbound"
            and later.label == Label.ACKNOWLEDGEMENT
            and _answers_task(later, message)
            for later in seen[index + 1 :]
        ):
            continue  # their receipt since: that task is done
        who = message.sender.email if message.sender is not None else ""
        found[(who, task.due)] = (message, task)
    return sorted(found.values(), key=lambda pair: (pair[1].due or date.max, pair[0].date))


# "Re: ", "Fwd: ", "AW: " at the start of a subject, as often as they come
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|sv|vs)\s*:\s*)+", re.IGNORECASE)


def _answers_task(receipt: MessageRecord, request: MessageRecord) -> bool:
    """Whether their receipt is the word that the task `request` asked is done: it comes
    from the request's sender, or it answers its subject ("Re: Onboarding - documents
    needed"). Not a colleague's at the same domain on another matter: compliance's "checks
    complete" is no word on HR's contract to sign (review 16)."""
    sender, asker = receipt.sender, request.sender
    if sender is not None and asker is not None and sender.email == asker.email:
        return True
    asked = _thread_subject(request.subject)
    return bool(asked) and _thread_subject(receipt.subject) == asked


# Their mail that may say an interview was held, while its label moves the stage no further
_MAY_FOLLOW_AN_INTERVIEW = frozenset({Label.DELAY, Label.ACKNOWLEDGEMENT, Label.REQUEST})
# Their thanks for an interview held ("Thanks for taking the time for the technical interview
# yesterday", "Thank you again for meeting us last Thursday for the first interview", "Thank
# you for interviewing with us") or news "following your interview"; not for booking or
# confirming one ("Thank you for confirming your interview on Thursday"), nor an interview
# still to come ("Thanks for speaking with me today - I'd like to set up an interview")
_INTERVIEW_HELD = re.compile(
    r"\bthank(?:s|\s+you)(?:\s+(?:again|so\s+much|very\s+much))?\s+for\s+(?:interviewing\s+with"
    r"|(?:taking\s+(?:the\s+)?time(?:\s+to\s+(?:meet|speak|talk|chat|come\s+in|visit))?|your\s+time"
    r"|meeting|speaking|talking|chatting|coming\s+in|attending|joining)"
    r"(?:\s+(?!(?:about|and|but|so|if|when|we|i|i['’]d|we['’]d|i['’]ll|we['’]ll|will|would|to|next"
    r"|tomorrow|invite|arrange|book|schedule|set|confirm\w*)\b)[\w'’&-]+){0,7}?\s+interview\b)"
    r"|\bfollowing\s+your\s+(?:(?:first|second|third|final|technical|recent|video|phone|panel"
    r"|onsite|on-site)\s+)?interview\b(?!\s+(?:next|tomorrow|later|this\s+coming)\b)",
    re.IGNORECASE,
)


def _held(message: MessageRecord) -> bool:
    """Whether their message says an interview was held (_INTERVIEW_HELD), in its subject
    or the start of its text (what the stored record keeps of it)."""
    return _INTERVIEW_HELD.search(f"{message.subject}\n{message.snippet}") is not None


# Their mail that says nothing of a process going on: a rejection, a receipt, noise
_NOT_GOING_ON = frozenset({Label.REJECTION, Label.ACKNOWLEDGEMENT, Label.NOT_RECRUITING})


def ends_one_chain(direction: Direction, decision: Outcome | None) -> bool:
    """Whether a decision is the user's withdrawal ("I'll pass on this one"): before any
    interview it ends only the chain it was written to (goes_on_elsewhere). match.py asks
    the same of the processes it knows."""
    return direction == "outbound" and decision == Outcome.WITHDRAWN


def goes_on_elsewhere(
    sender: Address | None,
    label: Label,
    told: Sequence[Address],
    *,
    by_person: bool,
    decided: bool,
) -> bool:
    """Whether their mail from `sender`, after the user's withdrawal before any interview
    written to `told` (ends_one_chain), shows that the process goes on in another chain: a
    person of another organisation than those the pass was written to (not one of them,
    nor at their domain) writes about it (a pitch, an invitation, an offer, a request, a
    delay: `label` is the model's even when unsure, as it only says that they wrote). Two
    agencies pitched the same role and the user said "I'll pass" to one: the other's
    interview must not be hidden in a closed process. A portal's mail (not `by_person`:
    written_by_person) and mail with a decision of its own (`decided`) do not count; nor
    does a pass to both."""
    if sender is None or decided or not by_person or label in _NOT_GOING_ON:
        return False
    return bool(told) and all(a.email != sender.email and a.domain != sender.domain for a in told)


def written_by_person(sender: Address | None, extraction: Extraction) -> bool:
    """Whether a message of theirs from `sender`, read as `extraction`, comes from someone
    one can write to: not an automated sender (a portal, an ATS relay), not a no-reply
    address, not an away notice."""
    return (
        sender is not None
        and not extraction.away
        and extraction.sender_role != SenderRole.AUTOMATED
        and AUTOMATED_LOCAL_PART.match(sender.email) is None
    )


def _by_person(message: MessageRecord) -> bool:
    """Whether a message of theirs comes from someone one can write to (written_by_person)."""
    return written_by_person(message.sender, message.extraction)


def _person_to_write_to(message: MessageRecord) -> Address | None:
    """Whom to write to about a message of theirs: its sender when a person, else the person
    its Reply-To names (an ATS's no-reply saying "just reply to this email", Reply-To the
    recruiter), not another no-reply address nor an ATS's own; None for an away notice."""
    if _by_person(message):
        return message.sender
    if message.extraction.away:
        return None
    return next(
        (
            a
            for a in message.reply_to
            if AUTOMATED_LOCAL_PART.match(a.email) is None and not is_ats_domain(a.domain)
        ),
        None,
    )


def _user_date_ended(
    process: ProcessRecord, last_in: MessageRecord | None, zone: tzinfo | None
) -> Event | None:
    """The end of the user's own date (`expect --by`), if their latest message came after
    it was set: dated after it, or stored after it (a backlog synced late, the daemon down:
    mail the user had not seen when they set it). A date set by an older version, which
    kept no time, holds until cleared."""
    set_at = process.expected_by_user_at
    if process.expected_by_user is None or set_at is None or last_in is None:
        return None
    stored = last_in.stored_at
    if last_in.date > set_at:
        moment = last_in.date
    elif stored is not None and stored > set_at:
        moment = stored
    else:
        return None
    sent = f"{last_in.date.astimezone(zone):%a %d %b %H:%M}"
    late = ", stored after you set it" if moment != last_in.date else ""
    detail = f"your date {process.expected_by_user} gave way to their mail of {sent}{late}"
    return Event(process.id, moment, "user_expect_ended", detail, last_in.key, "track", 1.0)


def _answers_offer(message: MessageRecord) -> bool:
    """Whether the user's mail after an offer answers it for now: it asks for time ("could
    I have until Wednesday to decide?") or says when they will answer ("I'll let you know
    by Friday"), both a dated USER_PROMISE, or it states a decision (one `close --reopen`
    set aside still answered). A question about the package or a thank-you does not: the
    offer still waits on them."""
    return message.extraction.decision is not None or _own_word(message) is not None


# The user's dated word that is about the offer itself: an ask for time, a promise to answer
# ("I'll send the signed contract back by Wednesday" is not: that is after a decision)
_ABOUT_ANSWERING = re.compile(
    r"\b(?:until|till|decid\w*|decision|answer|let\s+you\s+know|get\s+back\s+to\s+you"
    r"|come\s+back\s+to\s+you|respond|reply|revert|confirm|think)\b",
    re.IGNORECASE,
)


def _own_word(message: MessageRecord) -> Commitment | None:
    """The user's dated promise in `message` to answer ("I'll let you know by Friday") or
    ask for time ("could I have until Wednesday to decide?"), if any."""
    return next(
        (
            c
            for c in message.extraction.commitments
            if c.kind == CommitmentKind.USER_PROMISE
            and c.due is not None
            and _ABOUT_ANSWERING.search(c.phrase)
        ),
        None,
    )


# Their ask that is about answering the offer: "let me know by Friday whether you'd like to
# accept", "accept or decline the offer by 21 January", "please return the signed contract
# by Monday" (not "please complete your information by 12/05", a task of its own)
_ANSWER_ASKED = re.compile(
    r"\b(?:accept\w*|declin\w*|decision|decide|answer|respon\w*|reply|let\s+(?:me|us|\w+)\s+know"
    r"|get\s+back\s+to|come\s+back\s+to|hear\s+(?:back\s+)?from\s+you|offer|contract)\b",
    re.IGNORECASE,
)
# Their word that a date for answering moved on: "I'm happy to extend your deadline to
# 01/29/2027", "an extension until Friday", "take some more time"
_EXTENDS = re.compile(
    r"\b(?:extend(?:s|ed|ing)?|extension|(?:more|extra|additional)\s+time)\b", re.IGNORECASE
)


def _answer_asked(commitment: Commitment) -> bool:
    """Whether their date for the user (a USER_DEADLINE) is for answering the offer (or
    more time granted for it), not a task of its own asked since."""
    return (
        commitment.granted
        or _ANSWER_ASKED.search(commitment.phrase) is not None
        or _extends(commitment)
    )


def _extends(commitment: Commitment) -> bool:
    """Whether their date for answering is a later one they gave in place of the first."""
    return commitment.granted or _EXTENDS.search(commitment.phrase) is not None


# Their ask for an answer, not for a thing to send: "Could you let me know by Friday whether
# you can come?", "please confirm by Monday that you are able to attend"
_ASKS_ANSWER = re.compile(
    r"\b(?:let\s+(?:me|us)\s+know|confirm|whether|reply|respond|tell\s+(?:me|us)|rsvp"
    r"|(?:are|would)\s+you\s+(?:be\s+)?(?:able|available|free|interested))\b",
    re.IGNORECASE,
)
# The user's yes or no to an invitation or a question: "I'd be delighted to come", "Yes, I
# can attend", "I'll be there", "count me in", "Unfortunately I can't make it" (not "I'd be
# happy to send them over": a promise of what was asked)
_GIVES_ANSWER = re.compile(
    r"(?:^|[.!?,;:\n-]\s*)(?:yes|yep|sure|absolutely|definitely|of\s+course)\b(?![\w'’])"
    r"|\b(?:i['’]?d|i\s+would|i['’]?m|i\s+am|i['’]?ll|i\s+will)\s+(?:be\s+)?(?:very\s+|really\s+)?"
    r"(?:delighted|happy|glad|pleased|love|thrilled)\s+to\s+(?:come|attend|join|accept|be\s+there"
    r"|take\s+part|give|present|speak|meet|do\s+it|take\s+it)\b"
    r"|\bi\s+(?:can|could|will\s+be\s+able\s+to)\s+(?:come|attend|make\s+it|be\s+there|join)\b"
    r"|\bi['’]?ll\s+be\s+there\b|\bcount\s+me\s+in\b|\bworks\s+for\s+me\b"
    r"|\b(?:unfortunately|i['’]?m\s+afraid)\b[^.!?\n]{0,30}\b(?:can['’]?t|cannot|won['’]?t|unable)\b",
    re.IGNORECASE,
)


def _answers_ask(
    message: MessageRecord, request: MessageRecord, deadline: Commitment | None
) -> bool:
    """Whether the user's reply, which also promises something ("I'll send a title and
    abstract in January"), answers their ask for an answer ("Could you let me know by the end
    of next week whether you can come?") with a yes or a no ("I'd be delighted to come"):
    then the ask is done, and the promise is the user's own, of something else. A reply
    that only promises the answer ("I'll let you know by Monday") does not."""
    asked = deadline.phrase if deadline is not None else _words(request)
    if _ASKS_ANSWER.search(asked) is None:
        return False
    if any(
        c.kind == CommitmentKind.USER_PROMISE and _ABOUT_ANSWERING.search(c.phrase)
        for c in message.extraction.commitments
    ):
        return False  # "I'll confirm by Monday": the answer is still to come
    return _GIVES_ANSWER.search(message.text or message.snippet) is not None


def _contact(message: MessageRecord, people: Sequence[Address]) -> Address | None:
    """Who the process's contact is after their latest `message`: its sender (or the person
    in its Reply-To); but for a third party's automated mail (a screening or assessment
    vendor's "Action required: complete your background check", at a domain no person of
    theirs writes from, and not an ATS relay) the latest person of theirs who wrote, when
    one did: the vendor is no one to talk to about the process."""
    person = _person_to_write_to(message)
    sender = message.sender
    if person is not None or sender is None or not people:
        return person or sender
    if is_ats_domain(sender.domain) or any(p.domain == sender.domain for p in people):
        return sender  # (the employer's own portal or ATS: theirs)
    return people[-1]


# The conditions of an offer, in their words: "This offer is conditional upon: two
# satisfactory references; evidence of your right to work", "contingent on a background
# check", "subject to satisfactory references" (not "subject to contract", nor "not
# conditional on")
_CONDITIONAL = re.compile(
    r"\b(?:conditional|contingent)\s+(?:up)?on\s*:?\s*"
    r"|\bsubject\s+to\s+(?=(?:a\s+|the\s+|your\s+|two\s+)?(?:satisfactory|successful|references?"
    r"|background|right\s+to\s+work|right-to-work|pre-employment|medical|dbs|drug|security"
    r"|clearance|verification|proof)\b)",
    re.IGNORECASE,
)


def _conditions(offer: MessageRecord) -> str | None:
    """What their offer is conditional on, up to the end of that sentence, if it says."""
    text = _words(offer)
    for found in _CONDITIONAL.finditer(text):
        if _NOT_BEFORE.search(text, max(0, found.start() - 20), found.start()):
            continue
        rest = re.split(r"(?<=[.!?])\s|\n\s*\n", text[found.end() :], maxsplit=1)[0]
        rest = " ".join(rest.split()).rstrip(".!? ")
        if len(rest) >= 3:
            return rest
    return None


# The user's word that they will send or do what was asked: "Thanks, will do", "I'll send
# them over tomorrow", "I'll get those to you by Thursday" (not "I'll call you on Tuesday")
_TO_DELIVER = re.compile(
    r"\b(?:send|share|provide|forward|submit|complete|fill|return|sign|upload|e-?mail\s+(?:it|them)"
    r"|get\s+\w+\s+(?:\w+\s+)?to\s+you|do(?:\s+(?:it|that|this|so))?\b(?!\s+(?:my|our|the|a)\b))",
    re.IGNORECASE,
)


def _delivery_date(message: MessageRecord) -> Commitment | None:
    """The user's dated word in `message` that they will send or do what was asked ("I'll
    send the referee details over by Tuesday"), if any."""
    return next(
        (
            c
            for c in message.extraction.commitments
            if c.kind == CommitmentKind.USER_PROMISE
            and c.due is not None
            and _TO_DELIVER.search(c.phrase)
        ),
        None,
    )


def _promises_it(message: MessageRecord) -> bool:
    """Whether the user's reply to their request promises to send or do it, so that the
    request (and its deadline) still waits on the user: their word is not the thing asked
    for. A reply that delivers part and promises the rest still owes the rest; one that
    promises nothing (it delivers, or asks a question back) answers the request."""
    return message.extraction.decision is None and any(
        c.kind == CommitmentKind.USER_PROMISE and _TO_DELIVER.search(c.phrase)
        for c in message.extraction.commitments
    )


_BEFORE_INTERVIEW = (Stage.OUTREACH, Stage.APPLIED, Stage.ACKNOWLEDGED)


def decides_plainly(direction: Direction, decision: Outcome | None, phrase: str) -> bool:
    """Whether a message's decision (extraction.decision and decision_phrase) is the user's
    yes or no that names nothing ("Thanks for the offer. I accept.", "Thanks, but I'll
    pass", "not for me"): see plain_decision_counts."""
    return direction == "outbound" and decision is not None and plain_decision(phrase)


def plain_decision_counts(decision: Outcome | None, offered: bool, before_interview: bool) -> bool:
    """Whether a yes or no that names nothing decides the process: to an offer (accepted,
    declined) only when an offer of theirs came before it, else it most likely answers an
    interview's offer of a coffee or a time; a withdrawal ("I'll pass on this one") before
    any interview (a pitch, an application), or after their offer (a no to the offer: "I've
    accepted elsewhere so I'll have to decline"), else it most likely turns down something
    else between them ("I'll pass, thanks" to a second coffee)."""
    if decision == Outcome.WITHDRAWN:
        return before_interview or offered
    return offered


def _move_asked(
    message: MessageRecord, label: Label | None, meetings: list[datetime]
) -> tuple[Commitment, datetime] | None:
    """Their ask in `message` to move a meeting (extract.asks_to_move), with the meeting it
    is about: the one on the day it names, else the next one ahead when it was sent. None
    when no meeting of the process is there, or the mail is not about the process (an
    acknowledgement, a rejection, mail read as not recruiting)."""
    if label in _NOT_ABOUT_A_MEETING:
        return None
    ahead = sorted(m for m in meetings if m > message.date)
    for commitment in message.extraction.commitments:
        if not asks_to_move(commitment):
            continue
        # (the day in the zone it was set in, as _meetings_after reads a day off)
        on_day = [m for m in ahead if commitment.due in (None, m.date())]
        if on_day:
            return commitment, on_day[0]
    return None


def _offered_instead(
    message: MessageRecord, label: Label | None, meetings: list[datetime]
) -> datetime | None:
    """With no meeting of the process there to move (_move_asked found none), the time they
    asked for instead with a meeting word ("Would a call on Wednesday at 15:00 work
    instead?", the ask's `at`) is their offer of that meeting, as any other."""
    if label in _NOT_ABOUT_A_MEETING:
        return None
    asks = (c for c in message.extraction.commitments if asks_to_move(c))
    offered = next((c.at for c in asks if c.at is not None and _on_calendar(c.at)), None)
    return offered if offered is not None and offered not in meetings else None


# Mail whose ask to move a meeting is not the process's (an acknowledgement's footer, a
# rejection, mail read as not recruiting)
_NOT_ABOUT_A_MEETING = (Label.REJECTION, Label.NOT_RECRUITING, Label.ACKNOWLEDGEMENT)


def _meeting_end(messages: Sequence[MessageRecord], meeting: datetime) -> datetime | None:
    """The end of `meeting` (a time it was read at) as the latest mail that gives one for
    that time says it (Commitment.ends); None when none does, or its time is not known."""
    ends = None
    if _time_known(meeting):
        for message in messages:
            for c in message.extraction.commitments:
                if c.kind == CommitmentKind.MEETING and c.at == meeting and c.ends is not None:
                    ends = c.ends if c.ends > meeting else ends
    return ends


def meeting_text(meeting: datetime, zone: tzinfo | None) -> str:
    """A meeting as the board names it: "Tue 10 Nov 14:00", or its day while its time is not
    known yet."""
    local = meeting.astimezone(zone)
    return f"{local:%a %d %b %H:%M}" if _time_known(meeting) else f"{local:%a %d %b}"


def _meetings_after(
    meetings: list[datetime], message: MessageRecord, zone: tzinfo | None
) -> list[datetime]:
    """The meetings known after one message (theirs, or the user's taking a time offered):
    those it calls off ("we need to move your interview from Thursday to ...") are dropped,
    and with no day named ("we need to reschedule your interview to Monday", "we have to
    cancel your interview") the next one still ahead when it was sent; those it fixes with a
    time of day are added, and when it dropped one, the day it names with no time ("your
    interview is now on Monday"). The user's bare weekday and time confirming one already
    ahead adds none (_confirms); a day with no time, the user's or in their mail about a
    meeting ("I am pleased to invite you to interview on Thursday 21 January"), does
    (_days_without_time)."""
    commitments, sent = message.extraction.commitments, message.date
    # (their ask to move one moves nothing: _move_asked)
    off = {c.due for c in commitments if c.kind == CommitmentKind.MEETING_OFF}
    kept = [m for m in meetings if m.date() not in off]  # the day in the zone it was set in
    ahead = sorted(m for m in kept if m > sent)
    if None in off and ahead:
        # every copy of it: theirs, and the user's "Thursday at 14:00 works for me"
        kept = [m for m in kept if m != ahead[0]]
    moved = len(kept) < len(meetings)
    timed: set[date | None] = set()
    for c in commitments:
        if c.kind != CommitmentKind.MEETING or c.at is None or not _on_calendar(c.at):
            continue
        timed.add(c.due)
        if message.direction == "outbound" and _confirms(c, kept, sent, zone):
            continue
        # (its time, for that day's meeting known without one)
        kept = [m for m in kept if _time_known(m) or m.date() != c.due]
        kept.append(c.at)
    if moved:
        sent_day, named = sent.astimezone(zone).date(), timed | off
        days = {
            c.due
            for c in commitments
            if c.kind == CommitmentKind.MEETING
            and c.due is not None
            and c.due >= sent_day
            and c.due not in named
        }
        kept += [whole for d in sorted(days) if (whole := _whole_day(d, zone)) is not None]
    if message.direction == "outbound" or (not moved and message.label not in _NOT_ABOUT_A_MEETING):
        # (the model's label even when unsure: a receipt's "interviews will be held on ...",
        # a newsletter's events are no meeting of the user's)
        theirs = message.direction != "outbound"
        kept += _days_without_time(commitments, kept, sent, zone, off, named_only=theirs)
    return kept


# A day named by its weekday, its month or in figures ("on Thursday 21 January", "next
# Tuesday", "on 21/01"), not a bare ordinal: "your interview is on the 2nd floor" is read
# as the 2nd of a month
_DAY_NAMED = re.compile(
    r"\b(?:mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?|jan(?:uary)?"
    r"|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|diens|donners|frei|sams|sonn)tag"
    r"|mittwoch|januar|februar|märz|mai|juni|juli|oktober|dezember)\.?(?![\w-])"
    r"|\b\d{1,2}[./-]\d{1,2}\b|\b(?:today|tomorrow)\b",
    re.IGNORECASE,
)


def _days_without_time(
    commitments: Sequence[Commitment],
    meetings: list[datetime],
    sent: datetime,
    zone: tzinfo | None,
    off: set[date | None],
    *,
    named_only: bool = False,
) -> list[datetime]:
    """The meetings of one message on a day with no time, as whole days, not before the day
    it was sent nor on a day it calls off: the user's own ("Would Tuesday work for a call?"
    answered "Yes, Tuesday works": extract's agreed_slot; "Looking forward to our call on
    Tuesday"), or theirs, whose time is not given yet ("I am pleased to invite you to
    interview on Thursday 21 January"; "interview next Tuesday" that leaves the user to
    pick a time is on that day too). One on the day of a meeting already ahead adds none,
    nor one on its weekday unless it names its date: it most likely confirms that one
    (_confirms). With `named_only` (their mail), only a day named by its weekday, month or
    figures (_DAY_NAMED) counts."""
    sent_day = sent.astimezone(zone).date()
    found: list[datetime] = []
    for c in commitments:
        if c.kind != CommitmentKind.MEETING or c.at is not None or c.due is None:
            continue
        ahead = [m.astimezone(zone) for m in (*meetings, *found) if m > sent]
        if c.due < sent_day or c.due in off or (named_only and not _DAY_NAMED.search(c.phrase)):
            continue
        if any(
            m.date() == c.due
            or (c.strength != Strength.EXPLICIT and m.weekday() == c.due.weekday())
            for m in ahead
        ):
            continue
        if (whole := _whole_day(c.due, zone)) is not None:
            found.append(whole)
    return found


# The user's weekday with nothing to fix its week: not "tomorrow", "this Thursday",
# "Thursday next week" nor a date ("Thursday 19 November" is EXPLICIT)
_OTHER_WEEK = re.compile(
    r"\b(?:today|tonight|tomorrow|week|this\s+(?:coming\s+)?(?:mon|tue|wed|thu|fri|sat|sun))",
    re.IGNORECASE,
)


def _confirms(
    commitment: Commitment, meetings: list[datetime], sent: datetime, zone: tzinfo | None
) -> bool:
    """Whether the user's meeting is a bare weekday and time ("Thursday at 14:00 is fine")
    on the weekday and at the time of one already ahead: read as the nearest Thursday, it
    would move an invitation for the Thursday after a week early."""
    at = commitment.at
    if at is None or commitment.strength != Strength.RELATIVE:
        return False
    wall = at.astimezone(zone)
    named = re.search(rf"\b{wall:%a}", commitment.phrase, re.IGNORECASE)  # "Thu", "Thursday"
    if named is None or _OTHER_WEEK.search(commitment.phrase):
        return False
    return any(
        m > sent
        and _time_known(m)
        and (local := m.astimezone(zone)).weekday() == wall.weekday()
        and local.time() == wall.time()
        for m in meetings
    )


def _whole_day(day: date, zone: tzinfo | None) -> datetime | None:
    """A meeting on `day` whose time is not known yet, as that day's last moment: it is
    ahead all that day, and held once the day is over. None at the ends of the calendar."""
    end = datetime.combine(day, time.max)
    try:
        moment = end.replace(tzinfo=zone) if zone is not None else end.astimezone()
    except (OverflowError, ValueError):
        return None
    return moment if _on_calendar(moment) else None


def _time_known(meeting: datetime) -> bool:
    """Whether a meeting has its time of day (see _whole_day)."""
    return meeting.time() != time.max


# A meeting this close to either end of the calendar cannot be shown in every time zone
# nor given a length: datetime arithmetic on it overflows.
_EARLIEST_MEETING = datetime.min.replace(tzinfo=UTC) + timedelta(days=2)
_LATEST_MEETING = datetime.max.replace(tzinfo=UTC) - timedelta(days=2)


def _on_calendar(moment: datetime) -> bool:
    """Whether a meeting's time leaves room at both ends of the calendar. One "on 31
    December 9999" (stored by an older version, which kept any year) is no meeting."""
    try:
        return _EARLIEST_MEETING <= moment.astimezone(UTC) <= _LATEST_MEETING
    except OverflowError:
        return False


def _expected_by(
    process: ProcessRecord,
    stage: Stage,
    last_in: MessageRecord | None,
    last_out: MessageRecord | None,
    promise: tuple[Commitment, MessageRecord] | None,
    due: date | None,
    user_date_ended: bool,
    meetings: list[datetime],
    handed_over: datetime | None,
    on_hold: bool,
    now: datetime,
    tracking: TrackingConfig,
    waits: WaitingDays,
    zone: tzinfo | None,
) -> tuple[date | None, ExpectedSource | None, str | None, Strength]:
    """The expected-by date, its source, and their latest promise's words and strength;
    `due` is the date that promise still holds them to (_promise_due), `handed_over` when
    the user answered their latest request, `on_hold` whether their latest mail put the
    process on hold. Waits count `waits`' business days."""
    phrase = promise[0].phrase if promise else None
    strength = promise[0].strength if promise else Strength.NONE
    if process.expected_by_user is not None and not user_date_ended:
        # the user's guess for their silence; once they write again, their word rules. The
        # user's follow-up after it passed restarts the clock, as it does a date of theirs
        expected: date = process.expected_by_user
        set_at = process.expected_by_user_at
        chased = last_out is not None and (set_at is None or last_out.date > set_at)
        if last_out is not None and chased and (last_in is None or last_out.date > last_in.date):
            chased_day = last_out.date.astimezone(zone).date()
            if chased_day >= expected:
                expected = waits.add_business_days(chased_day, tracking.follow_up_wait_days)
                return expected, "follow_up", phrase, strength
        return expected, "user", phrase, strength
    if last_in is None:
        if last_out is None:
            return None, None, phrase, strength
        start = last_out.date.astimezone(zone).date()
        wait = tracking.default_wait_days.get(stage, tracking.default_wait_days[Stage.APPLIED])
        return waits.add_business_days(start, wait), "default", None, strength
    # Silence is counted from their last word, or from the last interview held since, or
    # from the user's answer to their request (it hands the turn back to them).
    held = [m for m in meetings if last_in.date <= m <= now]
    anchor = max([last_in.date, *held, *([handed_over] if handed_over else [])])
    anchor_day = anchor.astimezone(zone).date()
    upcoming = sorted(m for m in meetings if m > now)
    if due is not None:
        expected = due
        source: ExpectedSource = "promise"
    elif upcoming:
        # An interview still ahead: the next thing to expect is the interview itself.
        return upcoming[0].astimezone(zone).date(), "meeting", phrase, strength
    else:
        wait = tracking.default_wait_days.get(stage, tracking.default_wait_days[Stage.APPLIED])
        source = "default"
        if on_hold:
            # "they have put the process on hold", no date: news is weeks away, not days
            wait, source = max(wait, _ON_HOLD_WAIT_DAYS), "on_hold"
        expected = waits.add_business_days(anchor_day, wait)
    # A follow-up sent after their last message, once the date has passed, restarts the clock.
    sent_day = last_out.date.astimezone(zone).date() if last_out is not None else None
    if (
        last_out is not None
        and sent_day is not None
        and last_out.date > anchor
        and sent_day >= expected
    ):
        expected = waits.add_business_days(sent_day, tracking.follow_up_wait_days)
        source = "follow_up"
    return expected, source, phrase, strength


# Business days to wait on a process they put on hold with no date to revisit it: about a
# month, the span in which a paused hiring is taken up again or dropped; a check-in sooner
# would only be told again that it is on hold.
_ON_HOLD_WAIT_DAYS = 20
# Their word that the process is on hold or paused: "Northgate have put the process on
# hold", "the role is currently on hold", "recruitment for this post has been paused",
# "a hiring freeze". Not "no longer on hold", "we have not put the role on hold", nor
# anything else on hold ("I was on hold to the bank", "put your start date on hold")
_HELD = (
    r"(?:process|role|position|vacancy|post|search|recruitment|recruiting|hiring|appointment"
    r"|application|candidacy|opening|requisition|campaign|brief|assignment|job|things"
    r"|everything)s?"
)
_ON_HOLD = re.compile(
    r"\b(?:put|puts|putting|placed|placing)\s+(?:(?:the|this|that|our|their|its|your|all)\s+)?"
    rf"(?:[\w&'’-]+\s+){{0,2}}?{_HELD}\s+on\s+hold\b"
    rf"|\b{_HELD}(?:\s+(?:for|of|at|with)\s+[^.!?;:]{{0,40}}?)?\s+(?:is|are|was|has\s+been"
    r"|have\s+been|remains?|will\s+be)\s+(?:(?:now|currently|temporarily)\s+)?"
    r"(?:(?:put|placed)\s+)?(?:on\s+hold|paused|suspended|frozen)\b"
    r"|\b(?:paused|suspended|frozen)\s+(?:(?:the|this|our|their|its|all)\s+)?(?:[\w-]+\s+)?"
    r"(?:process|recruitment|recruiting|hiring|search)\b"
    r"|\bhiring\s+freeze\b",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(r"\b(?:not|never|n['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _put_on_hold(message: MessageRecord | None) -> bool:
    """Whether their message, read as a delay, says the process is on hold (_ON_HOLD), in
    its subject or anywhere in what the sender wrote in it (after a long opening too)."""
    if message is None or message.label != Label.DELAY:
        return False
    text = _words(message)
    return any(
        # _NOT_BEFORE ends at the hit and allows one word between: 40 characters hold it (the
        # whole text before every hit would be quadratic in a long message)
        _NOT_BEFORE.search(text, max(0, found.start() - 40), found.start()) is None
        for found in _ON_HOLD.finditer(text)
    )


def _words(message: MessageRecord) -> str:
    """A message's subject and what its sender wrote in it: the whole stored text, or its
    start (`snippet`) where the record was loaded without it."""
    return f"{message.subject}\n{message.text or message.snippet}"


# Their word that the user is on a reserve list: "You have been placed on a reserve list",
# "we would like to keep you on our reserve list", "your name will be held on the merit
# list", "you are in our reserve pool". Not "we reserve the right", "reserve your place",
# "reserved parking", a list with no reserve in it, nor "you have not been placed on the
# reserve list", "we are unable to add you to our reserve list", "you are no longer on it"
_RESERVE_LIST = re.compile(
    r"\b(?:place[sd]?|placing|put|putting|add(?:ed|ing)?|keep(?:ing)?|kept|hold(?:ing)?|held"
    r"|include[sd]?|retain(?:ed)?|remain(?:s|ing)?|stay|are|be|is)"
    r"\s+(?:(?:now|currently|still|also)\s+)?(?:(?:you|your\s+(?:name|details|application))\s+)?"
    r"(?:on|onto|in|into|to)\s+"
    r"(?:a|an|our|the|this|its|their)\s+(?:[\w-]+\s+){0,2}?(?:reserve|merit)\s+(?:list|pool)\b",
    re.IGNORECASE,
)
# Or their word that the user met the standard (was "appointable"), with a post that may
# come up later: "you met the required standard at interview ... if a suitable post becomes
# available, we will contact you". A CV kept "on file" for "future opportunities" with no
# standard met is a rejection (docs/labels.md), as is the standard met with no post to come.
_STANDARD_MET = re.compile(
    r"\b(?:met|meet|reached|achieved)\s+the\s+(?:(?:required|minimum|necessary|expected)\s+)?"
    r"standard\b|\b(?:found|deemed|judged|assessed\s+as|were)\s+appointable\b",
    re.IGNORECASE,
)
_POST_LATER = re.compile(
    r"\b(?:if|should|when|once)\s+(?:a|another|any|an\s+other|further)?\s*"
    r"(?:(?:suitable|similar|further|new)\s+)?(?:posts?|vacanc(?:y|ies)|positions?|roles?)"
    r"\s+(?:becomes?|come|comes)\s+(?:available|up|vacant)\b",
    re.IGNORECASE,
)
# (words before it that deny it, or make it a condition or someone else's: "if you are placed
# on the reserve list", "whether you have been placed", "candidates who are placed")
_DENIED = re.compile(
    r"\b(?:not|never|no\s+longer|unable\s+to|n['’]t|if|whether|who|those)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# How long the list stands, in a sentence that names a list or a pool: "The reserve list is
# valid for 12 months", "you will remain on the list for six months", "it is held until 31
# December 2027"
_LIST_LASTS = re.compile(
    r"\b(?:valid|open|live|active|in\s+place|held|kept|list|pool)\s+"
    r"(?:(?:for|over)\s+(?:a\s+period\s+of\s+)?"
    r"(?:up\s+to\s+)?(?P<count>\d{1,2}|a|one|two|three|four|five|six|nine|twelve|eighteen"
    r"|twenty-four)\s+(?P<unit>months?|years?|weeks?)\b|(?P<until>(?:until|till)\s+[^.;!?\n]{1,40}))",
    re.IGNORECASE,
)
_COUNTS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9,
    "twelve": 12, "eighteen": 18, "twenty-four": 24,
}  # fmt: skip
_RESERVE_LABELS = frozenset({Label.REJECTION, Label.DELAY})
# their mail that moves a process on from a reserve list: an invitation, an offer, a rejection
_OFF_RESERVE_LABELS = frozenset({Label.INTERVIEW, Label.OFFER, Label.REJECTION})


def _affirmed(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` is found in `text` with no denial just before it (_DENIED)."""
    return any(
        _DENIED.search(text, max(0, found.start() - 40), found.start()) is None
        for found in pattern.finditer(text)
    )


def _on_reserve_list(message: MessageRecord) -> bool:
    """Whether their message, read as a rejection or a delay (however unsure: the words
    decide), says the user is on their reserve list: placed on it (_RESERVE_LIST), or met
    the standard with a post that may come up later (_STANDARD_MET, _POST_LATER)."""
    if message.direction != "inbound" or message.label not in _RESERVE_LABELS:
        return False
    text = _words(message)
    return _affirmed(_RESERVE_LIST, text) or (
        _affirmed(_STANDARD_MET, text) and _affirmed(_POST_LATER, text)
    )


def _reserve_until(message: MessageRecord, calendar: BusinessCalendar) -> date | None:
    """The last day of the reserve list their message placed the user on, when it says how
    long the list stands (_LIST_LASTS: a length counted from the day it was sent, or a
    date), else None."""
    sent = message.date.date()
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", _words(message)):
        if not re.search(r"\b(?:list|pool)\b", sentence, re.IGNORECASE):
            continue
        found = _LIST_LASTS.search(sentence)
        if found is None:
            continue
        if found.group("until"):
            due, _ = resolve_phrase(found.group("until"), message.date, calendar)
            if due is not None and due > sent:
                return due
            continue
        count = _COUNTS.get(found.group("count").lower()) or int(found.group("count"))
        unit = found.group("unit").lower()
        months = count * (12 if unit.startswith("year") else 1)
        year, month = divmod(sent.month - 1 + months, 12)
        year += sent.year
        try:
            if unit.startswith("week"):
                return sent + timedelta(weeks=count)
            return date(year, month + 1, min(sent.day, monthrange(year, month + 1)[1]))
        except (ValueError, OverflowError):  # (mail dated at the calendar's end)
            return None
    return None


def _promise_due(
    promise: tuple[Commitment, MessageRecord] | None,
    kept: bool,
    meetings: list[datetime],
    now: datetime,
    zone: tzinfo | None,
) -> date | None:
    """The date their latest promise holds them to, or None: it has no date, a later
    message of theirs kept it, the date had passed when they wrote it, or an interview
    overtakes it (one still ahead on or after that date, or one held since the promise,
    after that date: what they promised before an interview is not news after it)."""
    if promise is None or kept or promise[0].due is None:
        return None
    due, made = promise[0].due, promise[1].date
    if due < made.astimezone(zone).date():
        return None  # "by Monday 23 November" on the 25th: a slip, not a date to hold them to
    for meeting in meetings:
        day = meeting.astimezone(zone).date()
        if (meeting > now and day >= due) or (made < meeting <= now and day > due):
            return None
    return due


def _with_next_step(
    status: ProcessStatus,
    ask: Address | None,
    zone: tzinfo | None,
    request: MessageRecord | None = None,
    reopens: date | None = None,
    today: date | None = None,
) -> ProcessStatus:
    """What to do next. A date they gave is cited only when it is the expected-by date (an
    older promise, kept or overtaken, is not), and the person to chase (`ask`) is the one
    who gave it, not a portal that wrote since. When only automated mail came (an ATS's
    no-reply), there is no one to ask by mail. A request waiting on the user (`request`) is
    answered to the person who sent it (or its Reply-To); one from an automated sender is
    done on their site (_automated_request_step). In the year-end break a follow-up waits
    for the first business day after it (`reopens`: WaitingDays.reopens). On hold, or on
    their reserve list (its end passed as of `today`, or not), no check-in is advised
    before their date, and none at all on a reserve list."""
    who = status.last_contact.name or status.last_contact.email if status.last_contact else "them"
    if status.state == State.CLOSED and len(status.accepted_tasks) > 1:
        listed = "; ".join(
            f"by {t.commitment.due:%a %d %b}, {_name(t.sender)}"
            f" (\u201c{_cut(t.commitment.phrase, 80)}\u201d)"
            for t in status.accepted_tasks
        )
        step = (
            f"You accepted it; they have since asked you for {len(status.accepted_tasks)}"
            f" things: {listed}. Do each by its date."
        )
    elif status.state == State.CLOSED and status.accepted_task is not None:
        since = status.after_close_from
        wrote = (since.name or since.email) if since is not None else "they"
        task = status.accepted_task
        by = f" by {task.due:%a %d %b}" if task.due is not None else ""
        step = (
            f"You accepted it; {wrote} has since asked you for something{by}"
            f" (\u201c{_cut(task.phrase, 100)}\u201d): do it."
        )
    elif status.state == State.CLOSED and status.after_close_at is not None:
        since = status.after_close_from
        wrote = (since.name or since.email) if since is not None else "they"
        step = (
            f"You closed it, but {wrote} wrote since"
            f" ({status.after_close_at.astimezone(zone):%a %d %b}): read it, and if it goes"
            f" on, reopen it (inbox-monitor close {status.process.id} --reopen)."
        )
    elif status.state == State.CLOSED:
        step = (
            "Nothing to do: closed."
            if status.outcome != Outcome.REJECTED
            else ("Closed by their rejection; ask for feedback if useful.")
        )
    elif status.move_ask is not None and status.move_ask_meeting is not None:
        # their question is the user's to answer before the meeting; it stays until then
        step = (
            f"Answer {who}: they asked to move the meeting on"
            f" {meeting_text(status.move_ask_meeting, zone)}"
            f" (\u201c{status.move_ask.phrase}\u201d); it stays until you agree."
        )
    elif status.state == State.WAITING_ON_YOU or status.own_word is not None:
        if request is not None:
            person = _person_to_write_to(request)
            if person is None and status.stage != Stage.OFFER:
                return replace(status, next_step=_automated_request_step(status, request, zone))
            writer = person or request.sender
            who = (writer.name or writer.email) if writer is not None else who
        deadline = status.user_deadline
        by = f" by {deadline.due:%a %d %b}" if deadline and deadline.due else ""
        own = status.own_word
        if own is not None and own == deadline:
            by += " (the date you gave)"
        elif own is not None and own.due is not None:
            by += f" (their date: they have not agreed to your {own.due:%a %d %b})"
        later = status.later_answer_by
        if later is not None and later.due is not None and own is None:
            by += f" (the earlier of their dates; their mail since gives {later.due:%a %d %b})"
        if status.deadline_passed:
            by += "; that date has passed: answer today, or ask them for more time"
        if status.stage == Stage.OFFER:
            step = f"Answer the offer{by}."
            if status.task is not None and request is not None:
                step += f" {_task_step(status.task, request, who, zone)}"
        elif status.own_date and deadline is not None and deadline.due is not None:
            # the user's own word ("I'll send them over by Tuesday")
            step = (
                f"Send {who} what they asked for: the date you gave, {deadline.due:%a %d %b},"
                " has passed; send it today, or tell them when you will."
                if status.deadline_passed
                else f"Send {who} what they asked for by {deadline.due:%a %d %b}, the date you gave."
            )
        elif status.stage == Stage.OUTREACH and not status.promised_it:
            # their pitch: the answer is the user's to give, or not
            due = deadline.due if deadline is not None else None
            step = (
                f"Their pitch waits for your answer{f' by {due:%a %d %b}' if due else ''}:"
                f" reply to {who} if it interests you, or leave it."
            )
            if status.deadline_passed and due is not None:
                step = (
                    f"Their pitch asked for your answer by {due:%a %d %b}, which has passed:"
                    f" reply to {who} today if it interests you, or leave it."
                )
        elif deadline is not None and asks_to_pick(deadline):
            # their question offering a time to take or pick (extract's _pick_asked)
            step = f"Reply to {who}: take or pick a time they offered{by}."
        else:
            step = f"Reply to {who}: they asked you for something{by}."
            if status.promised_it:
                step = f"Send {who} what you said you would: they asked for it{by}."
    elif status.state == State.OVERDUE and ask is None and status.last_contact is not None:
        step = f"No one to ask by mail: {who} writes from an automated address; check the portal."
    elif status.state == State.OVERDUE:
        named = ask.name or ask.email if ask is not None else who
        # (in the year-end break, not before the first business day after it)
        when = f" on {reopens:%a %d %b}, after the year-end break" if reopens else ""
        if status.expected_source == "away" and status.away_until is not None:
            step = (
                f"Send {named} a short follow-up{when}: they were back on"
                f" {status.away_until:%a %d %b} and have not written."
            )
        elif status.expected_source == "follow_up":
            step = f"You followed up already; try another channel (phone {named}) or move on."
            if reopens:
                step = (
                    f"You followed up already; on {reopens:%a %d %b}, after the year-end break,"
                    f" try another channel (phone {named}) or move on."
                )
        elif status.on_hold and status.expected_source in ("on_hold", "promise"):
            held = _held_on(status, zone, "on")
            passed = (
                f", and the date they gave to take it up again ({status.expected_by:%a %d %b})"
                " has passed"
                if status.expected_source == "promise" and status.expected_by is not None
                else " and have not written since"
            )
            step = (
                f"Send {named} a short note{when}: they put it on hold{held}{passed}; ask"
                " whether it is going ahead."
            )
        elif status.expected_source == "promise":
            step = f"Send {named} a short follow-up{when}: they gave a date and it has passed."
        elif status.expected_source == "user":
            step = (
                f"Send {named} a short follow-up{when}: the date you expected news by has passed."
            )
        elif status.commitment in (Strength.EXPLICIT, Strength.RELATIVE):
            # their date was kept or overtaken: it is the usual wait since then that passed
            step = (
                f"Send {named} a polite check-in{when}: the usual wait since they last wrote"
                " has passed."
            )
        else:
            step = f"Send {named} a polite check-in{when}: no date was ever given."
    elif status.expected_source == "away" and status.away_until and status.expected_by:
        step = (
            f"{who} is away until {status.away_until:%a %d %b}; expect news by"
            f" {status.expected_by:%a %d %b}."
        )
    elif (
        status.on_hold
        and status.expected_source in ("on_hold", "promise")
        and status.expected_by is not None
    ):
        theirs = ", the date they gave" if status.expected_source == "promise" else ""
        step = (
            f"On hold{_held_on(status, zone, 'since')}: nothing to do until"
            f" {status.expected_by:%a %d %b}{theirs}; then ask {who} whether it is going ahead."
        )
    elif status.reserve_at is not None:
        listed = f"{status.reserve_at.astimezone(zone):%a %d %b %Y}"
        until = status.reserve_until
        if until is not None and today is not None and today > until:
            step = (
                f"Their reserve list ran until {until:%a %d %b %Y} and no post came: close it"
                f" (inbox-monitor close {status.process.id} --outcome rejected), or ask {who}"
                " whether it still stands."
            )
        else:
            lasts = f", until {until:%a %d %b %Y}" if until is not None else ""
            step = (
                f"On their reserve list since {listed}{lasts}: nothing to do; they write if a"
                " post comes up."
            )
    elif status.state == State.DUE_SOON:
        step = (
            f"Expect news by {status.expected_by:%a %d %b}; follow up after that."
            if status.expected_by
            else "Wait."
        )
    elif status.state == State.OFFER:
        step = "Offer answered; wait for the paperwork or close the process."
    elif status.next_meeting is not None:
        step = f"Prepare for the meeting on {status.next_meeting.astimezone(zone):%a %d %b %H:%M}."
    elif status.next_meeting_day is not None:
        step = (
            f"Prepare for the meeting on {status.next_meeting_day:%a %d %b};"
            " they have not given its time yet."
        )
    elif status.unanswered_pitch:
        step = (
            f"Their pitch waits for your answer: reply to {who} if it interests you, or leave it."
        )
    else:
        step = "Nothing to do yet: the ball is in their court."
    deadline = status.user_deadline
    if status.state in _WAITING_ON_THEM and deadline is not None and deadline.due is not None:
        # their word on the user's counter is awaited; the offer still waits on the user
        step += f" Their offer asks for your answer by {deadline.due:%a %d %b}."
    if status.offer_conditions:
        step += f" The offer is conditional on {_cut(status.offer_conditions, 160)}."
    return replace(status, next_step=step)


def _task_step(task: Commitment, request: MessageRecord, who: str, zone: tzinfo | None) -> str:
    """A task they asked since the offer (a background check's form), said after the offer's
    step: its own date, and where to do it (a platform's site, or a reply to a person)."""
    by = f" by {task.due:%a %d %b}" if task.due is not None else ""
    where = (
        f"on their site or by the link in the mail of {request.date.astimezone(zone):%a %d %b}"
        if _person_to_write_to(request) is None
        else "by replying to them"
    )
    return (
        f"{who} also asked you for something{by} (\u201c{_cut(task.phrase, 100)}\u201d): a task"
        f" of its own, not the offer's date; do it {where}."
    )


def _name(address: Address | None) -> str:
    """Whom a message came from, as the next step names them."""
    return (address.name or address.email) if address is not None else "they"


def _cut(text: str, width: int) -> str:
    """`text` on one line, cut to `width` with an ellipsis."""
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1].rstrip(" ,;:") + "\u2026"


def _held_on(status: ProcessStatus, zone: tzinfo | None, word: str) -> str:
    """The day of their latest mail, the one that put it on hold, after `word`: " since Mon
    21 Dec"."""
    when = status.last_inbound_at
    return f" {word} {when.astimezone(zone):%a %d %b}" if when is not None else ""


# A task asked of the user, named in a request's subject or its date's words ("Brightwave
# Health invites you to take a coding test", "Invitation: Video interview for ...", "please
# complete the take-home by Friday"); not a role's name ("QA Test Engineer")
_TASK_NAMED = re.compile(
    r"\b(?:(?:(?:coding|online|technical)\s+)?(?:tests?|assessments?|challenges?)"
    r"|(?:video|recorded|one-way)\s+interview|take-home|questionnaire)\b"
    r"(?!\s+(?:engineer|analyst|automation|manager|lead|specialist|developer|architect))",
    re.IGNORECASE,
)
# News behind a login: "Your application has been updated", "The status of your
# application has changed" (the mail says only that something did)
_NEWS_BEHIND_LOGIN = re.compile(
    r"\b(?:application|status|candidacy)\b[^.!?:]{0,30}\b(?:has\s+been\s+updated|has\s+changed)\b",
    re.IGNORECASE,
)
# A platform's word that the user did the task it asked for: "Your Brightwave Health test has
# been submitted", "Your assessment for Lumen Pay has been submitted", "Thank you for
# completing your interview with Pinecrest Financial" (not "... has not been submitted", "Please
# complete your test", nor an application's receipt)
_TASK = (
    r"(?:tests?|assessments?|challenges?|exercises?|take-homes?|questionnaires?|interviews?"
    r"|responses|recordings?)"
)
_DONE = re.compile(
    rf"\b{_TASK}\b[^.!?:]{{0,40}}\b(?:has|have|was|were)\s+(?:been\s+)?(?:successfully\s+)?"
    r"(?:submitted|completed|received)\b"
    rf"|\bthank(?:s|\s+you)\s+for\s+(?:completing|submitting)\s+(?:your|the)\b[^.!?:]{{0,40}}"
    rf"\b{_TASK}\b",
    re.IGNORECASE,
)


# A platform's ask to book a time on its site: "sign in ... and book your interview slot by
# Friday", "book an interview time", "choose your assessment slot" (not "we have booked a
# room", "book your travel")
_BOOKING_ASKED = re.compile(
    r"\b(?:book|choose|select|pick)\s+(?:your|an?|the)\s+(?:(?:interview|assessment|test"
    r"|call)\s+)?(?:slot|time|date|session|place|interview|assessment)\b",
    re.IGNORECASE,
)
# Its word that the user did: "Interview booked", "You have booked your interview", "Thank
# you for booking your interview", "Your slot has been booked" (not "Interview not booked")
_BOOKED = re.compile(
    r"\b(?:interview|slot|session|assessment|booking)\s+(?:(?:has|have)\s+been\s+)?"
    r"(?:booked|confirmed)\b"
    r"|\byou(?:\s+have|['’]ve)\s+(?:successfully\s+)?booked\b"
    r"|\bthank(?:s|\s+you)\s+for\s+booking\b",
    re.IGNORECASE,
)


def _task_asked(request: MessageRecord, deadline: Commitment | None) -> str | None:
    """The task a request asks of the user ("coding test", "video interview"), named in its
    subject or in the words of its date, if any."""
    task = _TASK_NAMED.search(request.subject)
    if task is None and deadline is not None:
        task = _TASK_NAMED.search(deadline.phrase)
    return task.group(0).lower() if task is not None else None


def _reports_done(
    message: MessageRecord, request: MessageRecord, deadline: Commitment | None
) -> bool:
    """Whether their message's subject says the user did the task `request` asks (a test, a
    video interview, booking a slot on their site): a platform's standard notice, whatever
    label the model gave it."""
    if _DONE.search(message.subject) is not None and _task_asked(request, deadline) is not None:
        return True
    asked = f"{request.subject}\n{deadline.phrase if deadline is not None else ''}"
    return _BOOKED.search(message.subject) is not None and _BOOKING_ASKED.search(asked) is not None


def _automated_request_step(
    status: ProcessStatus, request: MessageRecord, zone: tzinfo | None
) -> str:
    """The next step for a request from an automated sender with no person to write to (an
    assessment platform, an ATS's no-reply): what it asks, by its date, on their site or by
    its link; a reply reaches no one. News behind a login is to be read there."""
    sender = request.sender
    who = (sender.name or sender.email) if sender is not None else "they"
    sent = f"{request.date.astimezone(zone):%a %d %b}"
    deadline = status.user_deadline
    by = f" by {deadline.due:%a %d %b}" if deadline and deadline.due else ""
    automated = f"({who} writes from an automated address: a reply reaches no one)"
    passed = "; that date has passed: try today, the link may still work"
    passed = passed if status.deadline_passed else ""
    if (task := _task_asked(request, deadline)) is not None:
        company = status.process.company
        named = f" for {company}" if company and company.lower() not in who.lower() else ""
        return (
            f"Complete the {task}{named}{by}, using the link in the mail of {sent}"
            f" {automated}{passed}."
        )
    if _NEWS_BEHIND_LOGIN.search(request.subject) and not by:
        return (
            f"Sign in to their site to see what changed: the mail of {sent} says only that"
            f" something did {automated}."
        )
    return (
        f"Do what {who} asked{by}, on their site or using the link in the mail of {sent}"
        f" {automated}{passed}."
    )


def board(
    processes: Sequence[tuple[ProcessRecord, Sequence[MessageRecord]]],
    now: datetime,
    tracking: TrackingConfig,
    calendar: BusinessCalendar,
    zone: tzinfo | None = None,
    *,
    closed_at: Mapping[int, datetime] | None = None,
    done_at: Mapping[int, datetime] | None = None,
) -> list[ProcessStatus]:
    """The status of every process that existed at `now`, stalled first; `closed_at` has
    when the user's `close` in force of a process was made, by its id, where known, and
    `done_at` when the user last said they did what it asked (`done`)."""
    statuses = [
        process_status(
            process,
            messages,
            now,
            tracking,
            calendar,
            zone,
            closed_at=(closed_at or {}).get(process.id),
            done_at=(done_at or {}).get(process.id),
        )
        for process, messages in processes
        if process.opened_at <= now and any(m.date <= now for m in messages)
    ]
    return sorted(statuses, key=ProcessStatus.sort_key)
