"""The daily digest: where every process stands, as plain text, HTML and one email (pure).

`plan_digest` sorts the statuses into sections, most urgent first; `render_text` and
`render_html` draw the same plan; `compose_message` wraps both in a multipart/alternative
EmailMessage. Nothing here reads the clock or the store: `DigestData.now` is the time
the digest describes. Everything that came from a message (subjects, names, addresses,
quoted phrases) is untrusted: control characters are stripped for the text part and
every value is html.escape()d in the HTML part, which loads nothing from outside.

The new mail is what the caller stored since the last digest (`since`), whatever its Date.
A first digest has no last one, and comes after a first import, which stores a whole
mailbox at once: the board's sections already say where every process in it stands, so
it lists the mail dated in the FIRST_DIGEST_DAYS days before it (a rejection or an
invitation of last week is news; a year of mail is not), under a heading that says so,
with a line counting the processes and messages read.

The processes the new mail closed (a rejection, the user's withdrawal) are named under
their own heading: the caller picks them (`DigestData.closed`), as the ones closed now
that were open before that mail. Those it put on a reserve list (track: open, nothing
expected, never overdue) are named under theirs, with the list's end when they gave one,
as not a no and nothing to do, and that mail says so where it is listed; they are not
named again. A process on hold that is due soon says it is on hold: news of it is expected,
not a reply to chase. A meeting whose day is known but not its time is listed
among the interviews by its day. A meeting they asked to move, unanswered, stays listed
there, saying so, and the ask needs the user's answer. "Due soon" holds the replies due
this week and those within the tracking's due-soon business days, which may fall next week.
The new mail read as not recruiting is counted, and listed by sender and subject only when
it is filed in a process (their reply in its thread that the model read as noise: "it went
really well today", a written offer sent as an attachment): the rest is newsletters and
alerts, listed by `inbox-monitor search` if need be.

The digest is read over breakfast, so it is bounded. A section of processes lists at most
SECTION_LISTED of them and counts the rest, pointing to `inbox-monitor status`. "Needs your
answer" lists offers first, then the answers due today or later by their date, then those
given no date, then those whose date passed (the latest first); one whose date passed more
than ANSWER_FOLD_DAYS business days ago (a video interview done, and nothing came back) is
named in one line at its end, with a count of its own: the subject and the heading count
only what can still be done, and agree (with only such lines, the heading is
PASSED_HEADING). The new mail read unsure (it
waits for review) is listed apart, under "Not sure what these are", with its label as a
guess, never under a label's heading that would read as news; a heading always has a line
under it. "Needs review" names, once there are more than REVIEW_LISTED, only a handful that
could change a process (in one, a tie between some, or an unsure offer, rejection or
interview) and points to `inbox-monitor review` for all of them.

Once the user has accepted an offer (a process closed as accepted), one line near the top
names the processes of that search still open (opened before its latest mail: a later
search's are not) and asks whether the user is still looking there: one who takes a second
job (part-time, temporary, seasonal work) keeps them, so it says how to close them only for
one who is not; their own items are listed as before. What they asked of the user since
the acceptance (documents by Thursday, a contract to sign by Friday) is listed under
JOB_TASKS_HEADING, each task with its own date, the earliest first, and the subject counts
those tasks "for the job you accepted", not as mail in a process the user closed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape

from inbox_monitor.dates import BusinessCalendar, business_days, business_days_past
from inbox_monitor.models import LABELS, Label, MessageRecord, Outcome, Stage, State, Strength
from inbox_monitor.track import ProcessStatus, WaitingDays, meeting_text

INTERVIEW_HORIZON_DAYS = 14
# The processes a section lists before it counts the rest ("… and 12 more: `inbox-monitor
# status`"). Ten overdue items are some 60 lines of text and 20 KB of HTML: with every
# section full the HTML part stays far below the ~102 KB past which Gmail clips a mail and
# hides what comes after (the interviews). The interviews ahead are not cut: they are a line
# each, and no more than INTERVIEW_HORIZON_DAYS' worth.
SECTION_LISTED = 10
# the new mail of one kind listed line by line before the rest is counted
NEW_MAIL_LISTED = 10
# the review items a digest names when more wait: a handful, the rest is `inbox-monitor review`
REVIEW_LISTED = 5
# the user's date passed more than this many business days ago: named in one line only
ANSWER_FOLD_DAYS = 5
# the heading over those lines when nothing else needs the user's answer
PASSED_HEADING = "Dates long passed"
# the days of mail a first digest lists (daemon.new_mail picks them)
FIRST_DIGEST_DAYS = 7
STALE_SYNC_HOURS = 24
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]")

STRENGTH_TEXT = {
    Strength.EXPLICIT: "a specific date was given",
    Strength.RELATIVE: "a day or a length of time was given, counted from their message",
    Strength.VAGUE: "only a vague promise, no date",
    Strength.NONE: "no date was ever given",
}
ROLE_TEXT = {
    "agency_recruiter": "agency recruiter",
    "inhouse_recruiter": "in-house recruiter",
    "hiring_manager": "hiring manager",
    "automated": "automated",
}


@dataclass(frozen=True)
class Person:
    """Someone in a process's chain, as the store knows them."""

    name: str
    email: str
    role: str | None = None

    def describe(self) -> str:
        who = f"{self.name} <{self.email}>" if self.name else self.email
        role = ROLE_TEXT.get(self.role or "", "")
        return f"{who} ({role})" if role else who


@dataclass(frozen=True)
class ReviewItem:
    """A message waiting for the user's judgement (low confidence label or unsure match)."""

    message_id: int
    date: datetime
    sender: str
    subject: str
    label: str
    confidence: float
    reason: str
    # the process it is filed in, and those a tie was between (unsure matches)
    process_id: int | None = None
    candidates: tuple[int, ...] = ()


@dataclass(frozen=True)
class AccountHealth:
    """The last sync outcome of one account (folder "" means the account as a whole)."""

    account: str
    folder: str = ""
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None


@dataclass(frozen=True)
class DigestData:
    """Everything one digest shows, gathered by the caller as of `now` (tz-aware)."""

    now: datetime
    zone: tzinfo
    calendar: BusinessCalendar
    statuses: Sequence[ProcessStatus]
    people: Mapping[int, Sequence[Person]] = field(default_factory=dict)
    # the mail stored since the last digest (since; None before the first, which lists
    # the mail dated in the FIRST_DIGEST_DAYS before `now`), which the caller picks: mail
    # stored late is new when it is stored, whatever its Date says
    new_messages: Sequence[MessageRecord] = ()
    since: datetime | None = None
    reviews: Sequence[ReviewItem] = ()
    health: Sequence[AccountHealth] = ()
    accounts: Sequence[str] = ()
    # the processes the new mail closed (closed now, open before it), which the caller picks
    closed: Sequence[ProcessStatus] = ()

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def day(self, day: date) -> str:
        """A day as the digest writes it, with its holiday-week note and, when it is not
        this year, its year."""
        return format_day(day, self.calendar, self.today)

    def moment(self, moment: datetime, with_time: bool = True) -> str:
        """A moment in the user's zone: "Thu 03 Dec 14:00" (its year when not this one)."""
        return _local(moment, self.zone, self.today, with_time)


@dataclass(frozen=True)
class HealthLine:
    account: str
    ok: bool
    text: str


@dataclass(frozen=True)
class DigestPlan:
    """The digest's sections, in the order they are shown."""

    answer: list[ProcessStatus]
    overdue: list[ProcessStatus]
    due_soon: list[ProcessStatus]
    # the new mail read sure, by label; what was read unsure is `new_unsure`
    new_by_label: list[tuple[Label, list[MessageRecord]]]
    interviews: list[ProcessStatus]
    reviews: list[ReviewItem]
    health: list[HealthLine]
    week_note: str | None
    closed: list[ProcessStatus] = field(default_factory=list)
    # the offer the user accepted last, and the processes of that search still open
    accepted: ProcessStatus | None = None
    still_open: list[ProcessStatus] = field(default_factory=list)
    # processes the user closed (`close`) that their mail came into since: until the user
    # reopens it, or closes it again (which says they have read it)
    written_after_close: list[ProcessStatus] = field(default_factory=list)
    # jobs the user accepted with tasks they asked since, open (track's accepted_tasks)
    job_tasks: list[ProcessStatus] = field(default_factory=list)
    # waiting on the user, their date passed more than ANSWER_FOLD_DAYS business days ago
    answer_passed: list[ProcessStatus] = field(default_factory=list)
    # the new mail whose label is unsure (it waits for review)
    new_unsure: list[MessageRecord] = field(default_factory=list)
    # the review items the digest names (REVIEW_LISTED at most)
    reviews_listed: list[ReviewItem] = field(default_factory=list)
    # the processes the new mail put on a reserve list (open, nothing to chase)
    reserve: list[ProcessStatus] = field(default_factory=list)

    @property
    def failing(self) -> list[HealthLine]:
        return [line for line in self.health if not line.ok]


# ---------------------------------------------------------------------------- helpers


def clean(text: object, width: int | None = None) -> str:
    """One line with no control or bidi-override characters, cut to `width` with an ellipsis,
    after a whole word when one ends in the second half of the width."""
    value = _CONTROL.sub("", " ".join(str(text if text is not None else "").split()))
    if width is not None and len(value) > width:
        cut = value[: width - 1]
        space = cut.rfind(" ", width // 2)
        value = (cut[:space] if space > 0 else cut).rstrip(" ,;:-–—(") + "…"
    return value


def process_title(status: ProcessStatus) -> str:
    process = status.process
    company = process.company or (
        f"via {process.agency}" if process.agency else "company not named"
    )
    return f"{company} — {process.role or 'role not named'}"


def _week(day: date) -> list[date]:
    """The days of the Monday-to-Sunday week of `day`; the calendar's last week (a date
    stored by an older version, which kept any year) ends on its last day, a Friday."""
    monday = day - timedelta(days=day.weekday())  # date.min is a Monday: never before it
    return [
        monday + timedelta(days=offset) for offset in range(min(7, (date.max - monday).days + 1))
    ]


def holidays_in_week(day: date, calendar: BusinessCalendar) -> list[tuple[date, str]]:
    """The public holidays in the Monday-to-Sunday week of `day`."""
    found = []
    for current in _week(day):
        name = calendar.holiday_name(current)
        if name:
            found.append((current, name))
    return found


def week_note(day: date, calendar: BusinessCalendar) -> str | None:
    """ "year-end week" (22 Dec to 2 Jan) or "week of <holiday>" for the week of `day`."""
    days = _week(day)
    if any((d.month == 12 and d.day >= 22) or (d.month == 1 and d.day <= 2) for d in days):
        return "year-end week"
    names = list(dict.fromkeys(name for _, name in holidays_in_week(day, calendar)))
    return "week of " + " and ".join(names) if names else None


def week_banner(day: date, calendar: BusinessCalendar) -> str | None:
    """The digest's opening line for a holiday or year-end week, naming each holiday."""
    note = week_note(day, calendar)
    if note is None:
        return None
    listed = ", ".join(
        f"{name} ({when:%a %d %b})" for when, name in holidays_in_week(day, calendar)
    )
    if note == "year-end week" and listed:
        note += f": {listed}"
    elif listed:
        note = f"week of {listed}"
    return f"This is the {note}: replies may be slower than usual."


def _day_text(day: date, today: date) -> str:
    """A day as "Fri 13 Nov", with its year when that is not today's year."""
    return f"{day:%a %d %b}" + (f" {day.year}" if day.year != today.year else "")


def format_day(day: date, calendar: BusinessCalendar, today: date) -> str:
    note = week_note(day, calendar)
    return _day_text(day, today) + (f" ({note})" if note else "")


def _local(moment: datetime, zone: tzinfo, today: date, with_time: bool = True) -> str:
    value = moment.astimezone(zone)
    return _day_text(value.date(), today) + (f" {value:%H:%M}" if with_time else "")


def _sender(message: MessageRecord) -> str:
    return clean(message.sender, 60) if message.sender else "unknown sender"


def _health(data: DigestData) -> list[HealthLine]:
    return health_lines(data.accounts, data.health, data.now, data.zone)


def health_lines(
    accounts: Sequence[str], health: Sequence[AccountHealth], now: datetime, zone: tzinfo
) -> list[HealthLine]:
    """One line per account, configured or seen syncing: ok, or why not (a failed sync,
    none ever, or none for STALE_SYNC_HOURS): a mailbox that cannot be read must never
    look like a quiet inbox."""
    today = now.astimezone(zone).date()
    by_account: dict[str, list[AccountHealth]] = {}
    for row in health:
        by_account.setdefault(row.account, []).append(row)
    names = list(dict.fromkeys([*accounts, *by_account]))
    lines: list[HealthLine] = []
    for name in names:
        rows = by_account.get(name, [])
        errors = [r for r in rows if r.last_error]
        successes = [r.last_success for r in rows if r.last_success is not None]
        last_ok = max(successes) if successes else None
        if errors:
            worst = max(errors, key=lambda r: r.last_error_at or now)
            where = f" ({worst.folder})" if worst.folder else ""
            when = _local(worst.last_error_at, zone, today) if worst.last_error_at else "?"
            since = _local(last_ok, zone, today) if last_ok else "never"
            error = (worst.last_error or "").rstrip(". ")
            text = f"COULD NOT SYNC{where} at {when}: {error}. Last success: {since}."
            lines.append(HealthLine(name, False, text))
        elif last_ok is None:
            lines.append(HealthLine(name, False, "NEVER SYNCED: no successful sync is recorded."))
        elif now - last_ok > timedelta(hours=STALE_SYNC_HOURS):
            text = (
                f"STALE: last successful sync {time_ago(now - last_ok)}"
                f" ({_local(last_ok, zone, today)})."
            )
            lines.append(HealthLine(name, False, text))
        else:
            lines.append(HealthLine(name, True, f"ok, last synced {_local(last_ok, zone, today)}"))
    return lines


def time_ago(elapsed: timedelta) -> str:
    """How long ago, in hours up to two days ("30 hours ago"), in days after ("12 days ago")."""
    hours = int(elapsed.total_seconds() // 3600)
    if hours < 48:
        return f"{hours} hour{'' if hours == 1 else 's'} ago"
    return f"{hours // 24} days ago"


def plan_digest(data: DigestData) -> DigestPlan:
    """Sort the statuses into the digest's sections as of `data.now`."""
    today = data.today
    week_end = today + timedelta(days=6 - today.weekday())
    open_statuses = [s for s in data.statuses if s.state != State.CLOSED]
    # with an offer the user said they would answer by a date ("I'll let you know by
    # Friday"): it is not late yet, but it is theirs to do
    waiting = [
        s for s in open_statuses if s.state == State.WAITING_ON_YOU or s.own_word is not None
    ]
    answer = sorted(
        (s for s in waiting if not long_passed(s)), key=lambda s: answer_order(s, today)
    )
    answer_passed = sorted(
        (s for s in waiting if long_passed(s)), key=lambda s: answer_order(s, today)
    )
    overdue = sorted(
        (s for s in open_statuses if s.state == State.OVERDUE), key=lambda s: -s.days_overdue
    )
    due_soon = sorted(
        (
            s
            for s in open_statuses
            if s.state in (State.DUE_SOON, State.ACTIVE)
            and s.expected_by is not None
            # the day of an interview ahead is not a reply due: it is under its own heading
            and s.expected_source != "meeting"
            # this week's, and those due within the due-soon business days: on a Thursday,
            # next Monday's too (hence "Due soon", not "this week")
            and (s.state == State.DUE_SOON or today <= s.expected_by <= week_end)
        ),
        key=lambda s: s.expected_by or date.max,
    )
    horizon = data.now + timedelta(days=INTERVIEW_HORIZON_DAYS)

    def meeting_order(status: ProcessStatus) -> datetime:
        """Its time; one whose time is not given yet at the end of its day."""
        if status.next_meeting is not None:
            return status.next_meeting
        return datetime.combine(status.next_meeting_day or date.max, time.max, tzinfo=data.zone)

    interviews = sorted(
        (
            s
            for s in open_statuses
            if (s.next_meeting and data.now < s.next_meeting <= horizon)
            # its day is known, not yet its time ("on Friday; I'll send the time")
            or (
                s.next_meeting is None
                and s.next_meeting_day is not None
                and today <= s.next_meeting_day <= horizon.astimezone(data.zone).date()
            )
        ),
        key=meeting_order,
    )
    accepted, still_open = _after_accepting(data.statuses, open_statuses)
    # the caller chose them by when they were stored, not by their Date (daemon.py)
    fresh = [m for m in data.new_messages if m.direction == "inbound"]
    sure = [m for m in fresh if not m.needs_review]
    new_by_label = [
        (label, [m for m in sure if m.label == label])
        for label in LABELS
        if any(m.label == label for m in sure)
    ]
    reviews = sorted(data.reviews, key=lambda r: r.date)
    new_keys = {m.key for m in data.new_messages}
    return DigestPlan(
        answer=answer,
        overdue=overdue,
        due_soon=due_soon,
        new_by_label=new_by_label,
        interviews=interviews,
        reviews=reviews,
        health=_health(data),
        week_note=week_banner(today, data.calendar),
        closed=[s for s in data.closed if s.state == State.CLOSED],
        accepted=accepted,
        still_open=still_open,
        written_after_close=sorted(
            (s for s in data.statuses if s.after_close_at is not None and not s.accepted_tasks),
            key=lambda s: s.after_close_at or data.now,
        ),
        job_tasks=sorted(
            (s for s in data.statuses if s.accepted_tasks),
            key=lambda s: s.accepted_tasks[0].commitment.due or date.max,
        ),
        answer_passed=answer_passed,
        new_unsure=[m for m in fresh if m.needs_review],
        reviews_listed=reviews_to_name(reviews, {s.process.id for s in open_statuses}),
        reserve=[
            s for s in open_statuses if s.reserve_key is not None and s.reserve_key in new_keys
        ],
    )


def long_passed(status: ProcessStatus) -> bool:
    """Whether the user's date passed more than ANSWER_FOLD_DAYS business days ago (not an
    offer's: an offer waits for its answer however late)."""
    return (
        status.stage != Stage.OFFER
        and status.deadline_passed
        and status.days_past_deadline > ANSWER_FOLD_DAYS
    )


def answer_order(status: ProcessStatus, today: date) -> tuple[int, int]:
    """Offers first (by their date), then the answers due today or later by their date, then
    those given no date (by when they asked), then those whose date passed, the latest first."""
    deadline = status.user_deadline
    due = deadline.due if deadline is not None else None
    if status.stage == Stage.OFFER:
        return 0, (due or date.max).toordinal()
    if due is not None and due >= today:
        return 1, due.toordinal()
    if due is None:
        asked = status.request_at or status.last_inbound_at
        return 2, asked.toordinal() if asked is not None else date.max.toordinal()
    return 3, -due.toordinal()


def reviews_to_name(reviews: Sequence[ReviewItem], open_ids: set[int]) -> list[ReviewItem]:
    """The review items the digest names: all of them up to REVIEW_LISTED; past that the
    handful that could change a process, most telling first, the latest first: mail in an
    open process or a tie between some (unless read as noise), an unsure offer or rejection,
    an unsure interview, then noise from a contact of an open process."""
    if len(reviews) <= REVIEW_LISTED:
        return list(reviews)

    def weight(item: ReviewItem) -> int | None:
        linked = item.process_id in open_ids or any(c in open_ids for c in item.candidates)
        if linked and item.label != Label.NOT_RECRUITING.value:
            return 0
        if item.label in (Label.OFFER.value, Label.REJECTION.value):
            return 1
        if item.label == Label.INTERVIEW.value:
            return 2
        return 3 if linked else None

    weighed = [(w, item) for item in reviews if (w := weight(item)) is not None]
    weighed.sort(key=lambda pair: (pair[0], -pair[1].date.timestamp()))
    return [item for _, item in weighed[:REVIEW_LISTED]]


def _after_accepting(
    statuses: Sequence[ProcessStatus], open_statuses: Sequence[ProcessStatus]
) -> tuple[ProcessStatus | None, list[ProcessStatus]]:
    """The offer the user accepted last (a process closed as accepted) and the processes
    still open that were opened before its latest mail (the acceptance, or what came after
    it): those of a search begun since are not its rest. (None, []) when none is open."""

    def decided(status: ProcessStatus) -> datetime:
        times = (status.last_inbound_at, status.last_outbound_at, status.process.opened_at)
        return max(t for t in times if t is not None)

    accepted = [s for s in statuses if s.state == State.CLOSED and s.outcome == Outcome.ACCEPTED]
    if not accepted:
        return None, []
    latest = max(accepted, key=decided)
    rest = [s for s in open_statuses if s.process.opened_at <= decided(latest)]
    return (latest, sorted(rest, key=lambda s: s.process.id)) if rest else (None, [])


# the section of the processes the user closed that their mail came into since
AFTER_CLOSE_HEADING = "Mail in processes you closed"
# the section of the tasks they asked since the user accepted the job
JOB_TASKS_HEADING = "Tasks for the job you accepted"


def job_task_count(plan: DigestPlan) -> int:
    """The tasks listed under JOB_TASKS_HEADING, which the subject counts too."""
    return sum(len(s.accepted_tasks) for s in plan.job_tasks)


def job_task_lines(status: ProcessStatus, data: DigestData) -> list[str]:
    """Each open task of a job the user accepted, with its own date, the earliest first:
    "by Thu 07 Jan: Northgate Compliance asked on Mon 04 Jan: “your ID ... by Thursday”"."""
    lines = []
    for task in status.accepted_tasks:
        due = task.commitment.due
        by = f"by {data.day(due)}" if due is not None else "no date"
        who = clean(task.sender.name or task.sender.email, 60) if task.sender else "they"
        asked = data.moment(task.at, with_time=False)
        lines.append(
            f"{by}: {who} asked on {asked}: \u201c{clean(task.commitment.phrase, 100)}\u201d"
        )
    return lines


# the processes accepted_line names by number; more are counted
ACCEPTED_LISTED = 6


def accepted_line(plan: DigestPlan) -> str | None:
    """The line after an accepted offer: the processes of that search still open, and how
    to close them ("You accepted #1 Northgate — Analyst; 3 other processes are still open
    (#4, #6, #9): ..."). None when there is none."""
    if plan.accepted is None or not plan.still_open:
        return None
    numbers = [f"#{s.process.id}" for s in plan.still_open]
    listed = ", ".join(numbers[:ACCEPTED_LISTED]) + (
        ", …" if len(numbers) > ACCEPTED_LISTED else ""
    )
    count = len(numbers)
    # (a second job, part-time or temporary work, is kept with the first: ask, do not tell)
    if count == 1:
        which = "1 other process is still open"
        how = f"close it with `inbox-monitor close {plan.still_open[0].process.id} --outcome withdrawn`"
        keep = "leave it open"
    else:
        which = f"{count} other processes are still open"
        how = "close each with `inbox-monitor close N --outcome withdrawn`"
        keep = "leave those open"
    return (
        f"You accepted #{plan.accepted.process.id} {clean(process_title(plan.accepted), 80)};"
        f" {which} ({listed}). Still looking there (a second job, part-time or temporary"
        f" work)? Then {keep}; if not, {how} and tell them you have withdrawn."
    )


def meeting_when(status: ProcessStatus, data: DigestData) -> str:
    """The next meeting as the digest lists it: "Thu 12 Nov 10:00", or its day with "time
    not given yet", with its holiday-week note."""
    if status.next_meeting is not None:
        day = status.next_meeting.astimezone(data.zone).date()
        when = data.moment(status.next_meeting)
    else:
        assert status.next_meeting_day is not None
        day = status.next_meeting_day
        when = f"{_day_text(day, data.today)} (time not given yet)"
    note = week_note(day, data.calendar)
    asked = " (they asked to move it)" if status.move_ask_of_next else ""
    return when + (f" ({note})" if note else "") + asked


def closed_heading(data: DigestData) -> str:
    """The heading of the processes the new mail closed."""
    if data.since is None:
        return f"Closed in the last {FIRST_DIGEST_DAYS} days"
    return "Closed since the last digest"


def reserve_heading(data: DigestData) -> str:
    """The heading of the processes the new mail put on a reserve list."""
    if data.since is None:
        return f"On a reserve list in the last {FIRST_DIGEST_DAYS} days"
    return "On a reserve list since the last digest"


def reserve_line(status: ProcessStatus, data: DigestData) -> str:
    """A process on their reserve list: not a no, and nothing to chase ("#2 Department for
    Education — Policy Adviser: on their reserve list since Tue 12 Jan, until Wed 12 Jan
    2028; not a no: nothing to do unless they write")."""
    since = data.moment(status.reserve_at, with_time=False) if status.reserve_at else ""
    until = f", until {_day_text(status.reserve_until, data.today)}" if status.reserve_until else ""
    return (
        f"#{status.process.id} {clean(process_title(status))}: on their reserve list since"
        f" {since}{until}; not a no: nothing to do unless they write"
    )


def due_soon_text(status: ProcessStatus, data: DigestData) -> str:
    """What a process due soon waits for: "expected by Fri 29 Jan", said to be on hold when
    they put it on hold (news of it, not a reply to chase)."""
    assert status.expected_by is not None
    held = ""
    if status.on_hold and status.last_inbound_at is not None:
        held = f"on hold since {data.moment(status.last_inbound_at, with_time=False)}; news "
    return f"{held}expected by {data.day(status.expected_by)}{answer_by_note(status, data)}"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def closed_line(status: ProcessStatus) -> str:
    """A closed process and how it ended: "#3 Lumen Health — Data Analyst: rejected"."""
    ended = f": {status.outcome.value}" if status.outcome is not None else ""
    return f"#{status.process.id} {clean(process_title(status))}{ended}"


def new_mail_listed(label: Label, items: Sequence[MessageRecord]) -> list[MessageRecord]:
    """The new mail of one label listed line by line: all of it, but of the mail read as not
    recruiting only what is filed in a process (the rest is counted)."""
    if label != Label.NOT_RECRUITING:
        return list(items)
    return [m for m in items if m.process_id is not None]


def new_mail_rest(label: Label, items: Sequence[MessageRecord]) -> str | None:
    """The line that counts the mail of `label` not listed, when some of it is listed."""
    listed = len(new_mail_listed(label, items))
    rest = len(items) - listed
    if not listed or not rest:
        return None
    return f"and {rest} more outside your processes"


def more_line(count: int, command: str = "inbox-monitor status") -> str:
    """The line under a cut list: how many more, and which command lists them."""
    return f"… and {count} more: `{command}`"


def new_mail_groups(plan: DigestPlan) -> list[tuple[str, list[MessageRecord], list[str]]]:
    """The new mail's groups as listed: a heading, the mail listed under it (NEW_MAIL_LISTED
    at most) and the lines that count the rest. Sure labels first, each under its own
    heading; then the mail read unsure, under "Not sure what these are" (of which the mail
    in no process read as noise is counted, not listed; a guess of recruiting mail comes
    first); then a line counting the mail read as not recruiting in no process, when none of
    it is listed. No heading without a line under it."""
    groups: list[tuple[str, list[MessageRecord], list[str]]] = []
    noise = 0
    for label, items in plan.new_by_label:
        listed = new_mail_listed(label, items)
        if not listed:
            noise = len(items)
            continue
        rest = [more_line(len(listed) - NEW_MAIL_LISTED)] if len(listed) > NEW_MAIL_LISTED else []
        if counted := new_mail_rest(label, items):
            rest.append(counted)
        groups.append((f"{label.value} ({len(items)})", listed[:NEW_MAIL_LISTED], rest))
    if plan.new_unsure:
        # what may be news first: a guess of recruiting mail, then noise in a process
        listed = sorted(
            (
                m
                for m in plan.new_unsure
                if m.process_id is not None or m.label != Label.NOT_RECRUITING
            ),
            key=lambda m: m.label == Label.NOT_RECRUITING,
        )
        rest = []
        if len(listed) > NEW_MAIL_LISTED:
            rest.append(more_line(len(listed) - NEW_MAIL_LISTED, "inbox-monitor review"))
        if unlisted := len(plan.new_unsure) - len(listed):
            more = "and " if listed else ""
            rest.append(f"{more}{unlisted} guessed not recruiting, outside your processes")
        heading = f"Not sure what these are ({len(plan.new_unsure)})"
        groups.append((heading, listed[:NEW_MAIL_LISTED], rest))
    if noise:
        groups.append(
            (f"{noise} read as not recruiting, outside your processes: not listed", [], [])
        )
    return groups


def new_mail_line(message: MessageRecord, data: DigestData, between: str = "  ") -> str:
    """One new message: when, from whom, its subject; an unsure label said as a guess."""
    guess = (
        f" (a guess: {message.label.value} {message.confidence:.2f}?)"
        if message.needs_review
        else ""
    )
    subject = clean(message.subject, 90)
    # (their word that the user is on a reserve list, read as a rejection: not a no)
    reserve = any(s.reserve_key == message.key for s in data.statuses)
    said = " (a reserve list: not a no)" if reserve else ""
    return f"{data.moment(message.date)}{between}{_sender(message)}: {subject}{guess}{said}"


def answer_passed_line(plan: DigestPlan, data: DigestData) -> str | None:
    """The one line that names what waits on the user whose date passed long ago."""
    if not plan.answer_passed:
        return None
    named = [
        f"#{s.process.id} {clean(s.process.company or process_title(s), 40)}"
        + (
            f" (by {_day_text(s.user_deadline.due, data.today)})"
            if s.user_deadline is not None and s.user_deadline.due is not None
            else ""
        )
        for s in plan.answer_passed[:SECTION_LISTED]
    ]
    if len(plan.answer_passed) > SECTION_LISTED:
        named.append(f"{len(plan.answer_passed) - SECTION_LISTED} more")
    return (
        f"Their dates passed more than {ANSWER_FOLD_DAYS} business days ago"
        f" ({len(plan.answer_passed)}): {', '.join(named)}. Done already? Then it waits for"
        " their news; `inbox-monitor status` lists them."
    )


def answer_heading(plan: DigestPlan) -> tuple[str, int]:
    """The heading of what needs the user's answer and its count, which the subject's agrees
    with: what can still be done, not the dates long passed (their line counts those); with
    only those, PASSED_HEADING and their count."""
    if plan.answer:
        return "Needs your answer", len(plan.answer)
    return PASSED_HEADING, len(plan.answer_passed)


def review_footer(plan: DigestPlan) -> list[str]:
    """The lines under the review items the digest names: what they are, and where the rest is."""
    total = len(plan.reviews)
    if len(plan.reviews_listed) == total:
        return ["Fix with `inbox-monitor review` and `inbox-monitor label`."]
    said = (
        "Above, the ones that could change a process."
        if plan.reviews_listed
        else "None is in an open process, or reads as an offer, rejection or interview."
    )
    return [
        said,
        f"`inbox-monitor review` lists all {total}; fix each with `inbox-monitor label`,"
        " or set a sender's aside with `inbox-monitor review --dismiss-sender ADDRESS`.",
    ]


def subject_line(data: DigestData, plan: DigestPlan) -> str:
    """The email subject: counts only, never text taken from a message."""
    parts = []
    if plan.failing:
        parts.append(f"{len(plan.failing)} account(s) not syncing")
    if plan.answer:
        parts.append(f"{len(plan.answer)} need{'s' if len(plan.answer) == 1 else ''} your answer")
    if plan.job_tasks:
        count = job_task_count(plan)
        parts.append(f"{count} task{'' if count == 1 else 's'} for the job you accepted")
    if plan.written_after_close:
        parts.append(f"mail in {len(plan.written_after_close)} you closed")
    if plan.overdue:
        parts.append(f"{len(plan.overdue)} overdue")
    if plan.interviews:
        parts.append(f"{len(plan.interviews)} interview(s) ahead")
    summary = ", ".join(parts) if parts else "nothing needs you today"
    return f"Job search digest {data.today:%a %d %b %Y}: {summary}"


def new_mail_heading(data: DigestData) -> str:
    """The new mail's heading: since the last digest, or, in a first one, the last days'."""
    if data.since is None:
        return f"Mail of the last {FIRST_DIGEST_DAYS} days"
    return "New since the last digest"


def first_digest_note(data: DigestData) -> str | None:
    """A first digest's word on what was read before it (a whole mailbox, maybe), or None."""
    if data.since is not None:
        return None
    processes = len(data.statuses)
    messages = sum(s.message_count for s in data.statuses)
    return (
        f"Your first digest: {processes} hiring process{'' if processes == 1 else 'es'}"
        f" ({messages} message{'' if messages == 1 else 's'}) read so far;"
        " `inbox-monitor status --all` lists every one."
    )


def waiting_days(status: ProcessStatus, data: DigestData) -> int | None:
    """Business days since their last message (None if they never wrote), counted as the
    board counts a wait: without the year-end days (track.WaitingDays)."""
    if status.last_inbound_at is None:
        return None
    start = status.last_inbound_at.astimezone(data.zone).date()
    return max(0, WaitingDays(data.calendar).business_days_between(start, data.today))


def answer_line(status: ProcessStatus, data: DigestData) -> str:
    """What they wait for from the user, from whom since when (an offer's or a request's own
    sender and day, not those of a grant, a platform's notice or a reply since), and by when."""
    if status.move_ask_meeting is not None:
        # their ask to move a meeting: it stays until the user agrees
        who = f" by {clean(status.last_contact, 60)}" if status.last_contact else ""
        moving = meeting_text(status.move_ask_meeting, data.zone)
        return f"Move of the meeting on {moving} asked{who}; it stays until you agree."
    offer = status.stage == Stage.OFFER and status.offer_at is not None
    what = "Offer" if status.stage == Stage.OFFER else "Request"
    sender = status.offer_from if offer else status.request_from or status.last_contact
    who = f" from {clean(sender, 60)}" if sender else ""
    when = status.offer_at if offer else status.request_at or status.last_inbound_at
    since = f" on {data.moment(when, with_time=False)}" if when else ""
    deadline = status.user_deadline
    if deadline is not None and deadline.due is not None:
        # the user's own date for sending what they asked ("I'll send them by Tuesday")
        verb = "you said you would send it by" if status.own_date else "answer by"
        by = f"; {verb} {data.day(deadline.due)}"
        by += f" (“{clean(deadline.phrase, 80)}”)" if deadline.phrase else ""
        if status.deadline_passed:
            by += f": {business_days_past(status.days_past_deadline)}"
    else:
        by = "; no deadline was given"
    return f"{what}{who}{since}{by}."


def answer_by_note(status: ProcessStatus, data: DigestData) -> str:
    """While their word on the user's counter on an offer is awaited (track: a negotiation
    in flight, due soon or overdue), the offer's own answer-by date, which still stands, as
    the next step says it: "; their offer asks for your answer by Fri 11 Dec"; else ""."""
    deadline = status.user_deadline  # (on their side of the turn, only a negotiation's)
    if deadline is None or deadline.due is None or status.on_you:
        return ""
    return f"; their offer asks for your answer by {data.day(deadline.due)}"


def overdue_lines(status: ProcessStatus, data: DigestData) -> list[str]:
    """The overdue item's facts, one per line (plain text; the HTML escapes each)."""
    lines = []
    who = clean(status.last_contact) if status.last_contact else "nobody yet"
    heard = (
        f" on {data.moment(status.last_inbound_at, with_time=False)}"
        if status.last_inbound_at
        else ""
    )
    lines.append(f"Last heard from {who}{heard}.")
    if status.open_phrase:
        said = f"They said: “{clean(status.open_phrase, 160)}”"
        if (
            status.commitment == Strength.RELATIVE
            and status.expected_source == "promise"
            and status.expected_by is not None
        ):
            # "by Friday", "within two weeks": the day it came to, not the kind of words
            lines.append(f"{said}: that is {data.day(status.expected_by)}.")
        else:
            lines.append(f"{said} — {STRENGTH_TEXT[status.commitment]}.")
    elif status.lapsed_phrase:
        # their date was kept, overtaken by an interview, or already past when they wrote
        # it: quoted as the reason, it would contradict the date counted below
        lines.append(
            f"No date of theirs is open: “{clean(status.lapsed_phrase, 160)}” no longer holds."
        )
    else:
        lines.append(f"No promise in their mail: {STRENGTH_TEXT[Strength.NONE]}.")
    if status.expected_by is not None:
        source = {
            "user": "your date",
            "promise": "their date",
            "default": "the usual wait",
            "on_hold": "a longer wait, as they put it on hold",
            "follow_up": "a reply to your follow-up",
            "away": "a few days after their time away",
        }.get(status.expected_source or "", "expected")
        lines.append(
            f"Expected by {data.day(status.expected_by)} ({source}): "
            f"{business_days_past(status.days_overdue)}."
        )
    chain = [p.describe() for p in data.people.get(status.process.id, ())]
    if chain:
        people = "; ".join(clean(c, 80) for c in chain)
        lines.append(f"Who to ask: {people}" + ("" if people.endswith("…") else "."))
    lines.append(f"Next step: {clean(status.next_step)}")
    return lines


# ---------------------------------------------------------------------------- text


def render_text(data: DigestData, plan: DigestPlan | None = None) -> str:
    """The plain-text part: short lines, sections in order of urgency."""
    plan = plan or plan_digest(data)
    out: list[str] = [subject_line(data, plan), ""]
    if plan.week_note:
        out += [plan.week_note, ""]
    for line in plan.failing:
        out.append(f"!!! {clean(line.account)}: {clean(line.text)}")
    if plan.failing:
        out.append("")
    if accepted := accepted_line(plan):
        out += [accepted, ""]

    def section(title: str, count: int) -> None:
        out.extend([f"{title} ({count})", "=" * (len(title) + len(str(count)) + 3)])

    def more(items: Sequence[object], command: str = "inbox-monitor status") -> None:
        if len(items) > SECTION_LISTED:
            out.append(more_line(len(items) - SECTION_LISTED, command))

    if plan.answer or plan.answer_passed:
        section(*answer_heading(plan))
        for s in plan.answer[:SECTION_LISTED]:
            out.append(f"#{s.process.id} {clean(process_title(s))}")
            out.append(f"  {answer_line(s, data)}")
            out.append(f"  Next step: {clean(s.next_step)}")
        more(plan.answer)
        if passed := answer_passed_line(plan, data):
            out.append(passed)
        out.append("")
    if plan.job_tasks:
        section(JOB_TASKS_HEADING, job_task_count(plan))
        for s in plan.job_tasks[:SECTION_LISTED]:
            out.append(f"#{s.process.id} {clean(process_title(s))}")
            out.extend(f"  {line}" for line in job_task_lines(s, data))
        more(plan.job_tasks)
        out.append("")
    if plan.written_after_close:
        section(AFTER_CLOSE_HEADING, len(plan.written_after_close))
        for s in plan.written_after_close[:SECTION_LISTED]:
            out.append(f"#{s.process.id} {clean(process_title(s))}")
            out.append(f"  Next step: {clean(s.next_step)}")
        more(plan.written_after_close)
        out.append("")
    if plan.overdue:
        section("Overdue", len(plan.overdue))
        for s in plan.overdue[:SECTION_LISTED]:
            out.append(f"#{s.process.id} {clean(process_title(s))}")
            out.extend(f"  {line}" for line in overdue_lines(s, data))
            out.append("")
        if len(plan.overdue) > SECTION_LISTED:
            more(plan.overdue)
            out.append("")
    if plan.due_soon:
        section("Due soon", len(plan.due_soon))
        for s in plan.due_soon[:SECTION_LISTED]:
            out.append(f"#{s.process.id} {clean(process_title(s))}: {due_soon_text(s, data)}")
        more(plan.due_soon)
        out.append("")
    total_new = sum(len(items) for _, items in plan.new_by_label) + len(plan.new_unsure)
    first_note = first_digest_note(data)
    if total_new or first_note:
        section(new_mail_heading(data), total_new)
        if first_note:
            out.append(clean(first_note))
        if not total_new:
            out.append("Nothing is dated in those days.")
        for heading, listed, rest in new_mail_groups(plan):
            out.append(heading)
            out.extend(f"  {new_mail_line(m, data)}" for m in listed)
            out.extend(f"  {line}" for line in rest)
        out.append("")
    if plan.reserve:
        section(reserve_heading(data), len(plan.reserve))
        out.extend(reserve_line(s, data) for s in plan.reserve[:SECTION_LISTED])
        more(plan.reserve)
        out.append("")
    if plan.closed:
        section(closed_heading(data), len(plan.closed))
        out.extend(closed_line(s) for s in plan.closed[:SECTION_LISTED])
        more(plan.closed, "inbox-monitor status --all")
        out.append("")
    if plan.interviews:
        section("Upcoming interviews", len(plan.interviews))
        for s in plan.interviews:
            out.append(f"{meeting_when(s, data)}  #{s.process.id} {clean(process_title(s))}")
        out.append("")
    if plan.reviews:
        section("Needs review", len(plan.reviews))
        for r in plan.reviews_listed:
            out.append(
                f"message {r.message_id}: {clean(r.sender, 50)}: {clean(r.subject, 70)}"
                f" [{r.label} {r.confidence:.2f}; {clean(r.reason, 60)}]"
            )
        out.extend(review_footer(plan))
        out.append("")
    section("Sync health", len(plan.health))
    if not plan.health:
        out.append("No accounts are configured.")
    for line in plan.health:
        out.append(f"{'ok ' if line.ok else '!!!'} {clean(line.account)}: {clean(line.text)}")
    out += [
        "",
        "-- ",
        "Sent by inbox-monitor on your own machine. Nothing here was sent anywhere else.",
    ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- HTML

_FONT = "font-family:Arial,Helvetica,sans-serif;"
_INK, _MUTED, _RED, _BLUE, _PALE, _TRACK = (
    "#1f2328",
    "#59636e",
    "#c62828",
    "#3b6fb6",
    "#c9d8ee",
    "#eceff3",
)
BAR_WIDTH = 240
BAR_SCALE_DAYS = 30


def _e(text: object) -> str:
    """Untrusted text to HTML: control characters dropped, then escaped (quotes too)."""
    return escape(clean(text), quote=True)


def _cell(width: int, colour: str) -> str:
    return (
        f'<td width="{width}" height="8" bgcolor="{colour}" style="width:{width}px;height:8px;'
        f'background:{colour};font-size:1px;line-height:8px;">&nbsp;</td>'
    )


def timeline_bar(status: ProcessStatus, data: DigestData) -> str:
    """How long they have been silent, drawn as a table bar: blue up to the expected date,
    red past it, pale for the days still to wait. Empty when they never wrote."""
    waited = waiting_days(status, data)
    if waited is None or status.last_inbound_at is None:
        return ""
    start = status.last_inbound_at.astimezone(data.zone).date()
    allowed = (
        max(0, WaitingDays(data.calendar).business_days_between(start, status.expected_by))
        if status.expected_by is not None
        else None
    )
    scale = min(max(waited, allowed or 0, 10), BAR_SCALE_DAYS)

    def px(days: int) -> int:
        return round(BAR_WIDTH * min(days, scale) / scale)

    if allowed is not None and waited > allowed:
        on_time, late, ahead = px(allowed), px(waited) - px(allowed), 0
        caption = (
            f"waiting {business_days(waited)}; the date passed"
            f" {business_days_past(waited - allowed)}"
        )
    else:
        on_time, late = px(waited), 0
        ahead = px(allowed) - px(waited) if allowed is not None else 0
        caption = f"waiting {business_days(waited)}" + (
            f" of {allowed} expected" if allowed is not None else ""
        )
    rest = BAR_WIDTH - on_time - late - ahead
    cells = "".join(
        _cell(width, colour)
        for width, colour in ((on_time, _BLUE), (late, _RED), (ahead, _PALE), (rest, _TRACK))
        if width > 0
    )
    return (
        f'<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="{BAR_WIDTH}"'
        f' style="border-collapse:collapse;margin-top:6px;"><tr>{cells}</tr></table>'
        f'<div style="{_FONT}font-size:12px;color:{_MUTED};margin-top:2px;">{_e(caption)}</div>'
    )


def _item(title: str, lines: Sequence[str], bar: str = "", accent: str = _BLUE) -> str:
    body = "".join(
        f'<div style="{_FONT}font-size:14px;line-height:20px;color:{_INK};">{_e(line)}</div>'
        for line in lines
    )
    return (
        f'<tr><td style="padding:8px 24px 10px 24px;border-left:4px solid {accent};">'
        f'<div style="{_FONT}font-size:15px;line-height:22px;font-weight:bold;color:{_INK};">'
        f"{_e(title)}</div>{body}{bar}</td></tr>"
    )


def _heading(title: str, count: int, colour: str = _INK) -> str:
    return (
        f'<tr><td style="padding:20px 24px 6px 24px;{_FONT}font-size:18px;font-weight:bold;'
        f'color:{colour};border-bottom:1px solid #e3e6ea;">{_e(title)} ({count})</td></tr>'
    )


def _note(text: str) -> str:
    """A muted line under a section: what it did not list, and where to find it."""
    return (
        f'<tr><td style="padding:6px 24px;{_FONT}font-size:14px;color:{_MUTED};">'
        f"{_e(text)}</td></tr>"
    )


def _banner(text: str) -> str:
    return (
        f'<tr><td bgcolor="{_RED}" style="background:{_RED};padding:12px 24px;{_FONT}'
        f'font-size:15px;font-weight:bold;color:#ffffff;">{_e(text)}</td></tr>'
    )


def render_html(data: DigestData, plan: DigestPlan | None = None) -> str:
    """The HTML part: nested tables with inline CSS (Gmail, Outlook and Apple Mail keep
    these), no images, scripts, fonts or links to load; every message value escaped."""
    plan = plan or plan_digest(data)
    subject = subject_line(data, plan)
    rows: list[str] = [
        f'<tr><td style="padding:20px 24px 4px 24px;{_FONT}font-size:20px;font-weight:bold;'
        f'color:{_INK};">Your job search, {_e(f"{data.today:%A %d %B %Y}")}</td></tr>',
        f'<tr><td style="padding:0 24px 8px 24px;{_FONT}font-size:14px;color:{_MUTED};">'
        f"{_e(subject.partition(': ')[2])}</td></tr>",
    ]
    if plan.week_note:
        note = plan.week_note
        rows.append(
            f'<tr><td bgcolor="#fff4d6" style="background:#fff4d6;padding:8px 24px;{_FONT}'
            f'font-size:14px;color:{_INK};">{_e(note)}</td></tr>'
        )
    rows += [_banner(f"{line.account}: {line.text}") for line in plan.failing]
    if accepted := accepted_line(plan):
        rows.append(
            f'<tr><td bgcolor="#e8f5e9" style="background:#e8f5e9;padding:8px 24px;{_FONT}'
            f'font-size:14px;color:{_INK};">{_e(accepted)}</td></tr>'
        )

    def more(items: Sequence[object], command: str = "inbox-monitor status") -> None:
        if len(items) > SECTION_LISTED:
            rows.append(_note(more_line(len(items) - SECTION_LISTED, command)))

    if plan.answer or plan.answer_passed:
        rows.append(_heading(*answer_heading(plan), "#8e24aa"))
        rows += [
            _item(
                f"#{s.process.id} {process_title(s)}",
                [answer_line(s, data), f"Next step: {s.next_step}"],
                accent="#8e24aa",
            )
            for s in plan.answer[:SECTION_LISTED]
        ]
        more(plan.answer)
        if passed := answer_passed_line(plan, data):
            rows.append(_note(passed))
    if plan.job_tasks:
        rows.append(_heading(JOB_TASKS_HEADING, job_task_count(plan), "#8e24aa"))
        rows += [
            _item(f"#{s.process.id} {process_title(s)}", job_task_lines(s, data))
            for s in plan.job_tasks[:SECTION_LISTED]
        ]
        more(plan.job_tasks)
    if plan.written_after_close:
        rows.append(_heading(AFTER_CLOSE_HEADING, len(plan.written_after_close), "#8e24aa"))
        rows += [
            _item(f"#{s.process.id} {process_title(s)}", [f"Next step: {s.next_step}"])
            for s in plan.written_after_close[:SECTION_LISTED]
        ]
        more(plan.written_after_close)
    if plan.overdue:
        rows.append(_heading("Overdue", len(plan.overdue), _RED))
        rows += [
            _item(
                f"#{s.process.id} {process_title(s)}",
                overdue_lines(s, data),
                timeline_bar(s, data),
                accent=_RED,
            )
            for s in plan.overdue[:SECTION_LISTED]
        ]
        more(plan.overdue)
    if plan.due_soon:
        rows.append(_heading("Due soon", len(plan.due_soon), "#b26a00"))
        rows += [
            _item(
                f"#{s.process.id} {process_title(s)}",
                [_first_upper(due_soon_text(s, data)) if s.expected_by else ""],
                timeline_bar(s, data),
                accent="#b26a00",
            )
            for s in plan.due_soon[:SECTION_LISTED]
        ]
        more(plan.due_soon)
    total_new = sum(len(items) for _, items in plan.new_by_label) + len(plan.new_unsure)
    first_note = first_digest_note(data)
    if total_new or first_note:
        rows.append(_heading(new_mail_heading(data), total_new))
        if first_note:
            empty = "" if total_new else " Nothing is dated in those days."
            rows.append(
                f'<tr><td style="padding:6px 24px;{_FONT}font-size:14px;color:{_MUTED};">'
                f"{_e(first_note + empty)}</td></tr>"
            )
        for heading, listed, rest in new_mail_groups(plan):
            lines = [new_mail_line(m, data, " · ") for m in listed] + rest
            # (a count with nothing listed is a line, not a heading)
            rows.append(_item(heading, lines, accent=_PALE) if lines else _note(heading))
    if plan.reserve:
        rows.append(_heading(reserve_heading(data), len(plan.reserve)))
        rows += [
            _item(reserve_line(s, data), [], accent=_PALE) for s in plan.reserve[:SECTION_LISTED]
        ]
        more(plan.reserve)
    if plan.closed:
        rows.append(_heading(closed_heading(data), len(plan.closed)))
        rows += [_item(closed_line(s), [], accent=_PALE) for s in plan.closed[:SECTION_LISTED]]
        more(plan.closed, "inbox-monitor status --all")
    if plan.interviews:
        rows.append(_heading("Upcoming interviews", len(plan.interviews)))
        for s in plan.interviews:
            rows.append(
                _item(f"#{s.process.id} {process_title(s)}", [meeting_when(s, data), s.next_step])
            )
    if plan.reviews:
        rows.append(_heading("Needs review", len(plan.reviews)))
        rows += [
            _item(
                f"message {r.message_id}: {r.subject}",
                [f"from {r.sender}", f"{r.label} {r.confidence:.2f}: {r.reason}"],
                accent=_PALE,
            )
            for r in plan.reviews_listed
        ]
        if len(plan.reviews_listed) < len(plan.reviews):
            rows += [_note(line) for line in review_footer(plan)]
    rows.append(_heading("Sync health", len(plan.health)))
    if not plan.health:
        rows.append(_item("No accounts are configured.", []))
    for line in plan.health:
        colour = "#2e7d32" if line.ok else _RED
        rows.append(
            f'<tr><td style="padding:6px 24px;{_FONT}font-size:14px;color:{colour};'
            f'{"" if line.ok else "font-weight:bold;"}">'
            f"{_e(line.account)}: {_e(line.text)}</td></tr>"
        )
    rows.append(
        f'<tr><td style="padding:20px 24px;{_FONT}font-size:12px;color:{_MUTED};">'
        "Sent by inbox-monitor on your own machine. Nothing here was sent anywhere else.</td></tr>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="color-scheme" content="light"><title>{_e(subject)}</title></head>\n'
        f'<body style="margin:0;padding:0;background:#f4f5f7;">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"'
        ' bgcolor="#f4f5f7" style="background:#f4f5f7;"><tr>'
        '<td align="center" style="padding:16px 8px;">'
        '<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0"'
        ' bgcolor="#ffffff" style="width:100%;max-width:640px;background:#ffffff;'
        'border:1px solid #dde1e6;border-collapse:separate;">\n'
        + "\n".join(rows)
        + "\n</table></td></tr></table></body></html>\n"
    )


def compose_message(
    data: DigestData,
    text: str,
    html: str,
    sender: str,
    recipients: Sequence[str],
    subject: str,
) -> EmailMessage:
    """A multipart/alternative message; Date and Message-ID are derived from `data.now`."""
    message = EmailMessage()
    address = sender.rpartition("<")[2].rstrip(">").strip() or "inbox-monitor@localhost"
    domain = address.rpartition("@")[2] or "localhost"
    message["Subject"] = subject
    message["From"] = sender or address
    if recipients:
        message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(data.now.astimezone(data.zone))
    stamp = data.now.astimezone(data.zone).strftime("%Y%m%dT%H%M%S")
    message["Message-ID"] = f"<digest.{stamp}.inbox-monitor@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    return message


def build_digest(data: DigestData, sender: str, recipients: Sequence[str]) -> EmailMessage:
    """Plan, render both parts and compose the email."""
    plan = plan_digest(data)
    return compose_message(
        data,
        render_text(data, plan),
        render_html(data, plan),
        sender,
        recipients,
        subject_line(data, plan),
    )
