"""The digest: sections, golden text and HTML at a fixed date, hostile input, the email, Chromium.

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_digest.py
and read the diff before committing it.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import struct
import subprocess
import zlib
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import eml, message_record
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_monitor.config import Config, TrackingConfig
from inbox_monitor.daemon import new_mail
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.digest import (
    FIRST_DIGEST_DAYS,
    AccountHealth,
    DigestData,
    Person,
    ReviewItem,
    answer_line,
    build_digest,
    clean,
    health_lines,
    plan_digest,
    render_html,
    render_text,
    subject_line,
    week_banner,
    week_note,
)
from inbox_monitor.export import to_ics
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Direction,
    Label,
    MessageRecord,
    Origin,
    ProcessRecord,
    RawMessage,
    SenderRole,
    State,
    Strength,
)
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store
from inbox_monitor.track import board

GOLDEN = Path(__file__).parent / "data" / "digest"
ZONE = ZoneInfo("America/New_York")
# Thursday of Thanksgiving week: the week is named in the digest.
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=ZONE)
CALENDAR = BusinessCalendar("US")
ME = Address("Alex Morgan", "alex.morgan@example.net")


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=ZONE)


def record(
    key: str,
    process_id: int | None,
    when: datetime,
    label: Label,
    subject: str,
    sender: Address | None,
    commitments: tuple[Commitment, ...] = (),
    direction: Direction = "inbound",
) -> MessageRecord:
    inbound = direction == "inbound"
    return message_record(
        key,
        when,
        label,
        sender if inbound else ME,
        process_id=process_id,
        subject=subject,
        commitments=commitments,
        direction=direction,
        recipients=(ME,) if inbound else (sender or ME,),
    )


def process(
    pid: int, company: str | None, role: str | None, agency: str | None = None
) -> ProcessRecord:
    return ProcessRecord(id=pid, company=company, role=role, agency=agency, opened_at=at(1, 9, 10))


def scenario(
    hostile_subject: str = "Offer: Senior Analyst",
    hostile_name: str = "Priya Shah",
    hostile_company: str = "Acme & Sons",
) -> DigestData:
    """Six processes as of Thanksgiving 2026, plus new mail, a review and one failing account."""
    jane = Address("Jane Doe", "jane@talentbridge.example")
    tom = Address("Tom Lee", "tom.lee@globex.example")
    priya = Address(hostile_name, "priya@acme.example")
    hr = Address("Initech Careers", "careers@initech.example")
    sam = Address("Sam Ortiz", "sam@hooli.example")
    una = Address("Una Park", "una@umbrella.example")
    rita = Address("Rita Gray", "rita@wayne.example")
    processes = [
        (
            process(1, hostile_company, "Senior Analyst"),
            [
                record("a1", 1, at(10), Label.INTERVIEW, "Final round", priya),
                record(
                    "a2",
                    1,
                    at(24),
                    Label.OFFER,
                    hostile_subject,
                    priya,
                    (
                        Commitment(
                            CommitmentKind.USER_DEADLINE,
                            "let us know by Tuesday",
                            Strength.EXPLICIT,
                            date(2026, 12, 1),
                        ),
                    ),
                ),
            ],
        ),
        (
            process(2, "Globex", "Data Engineer", agency="TalentBridge"),
            [
                record(
                    "g1", 2, at(2), Label.OUTREACH, "Data Engineer role at a logistics firm", jane
                ),
                record("g2", 2, at(4), Label.INTERVIEW, "Interview with Tom Lee", tom),
                record(
                    "g3",
                    2,
                    at(5),
                    Label.DELAY,
                    "Thanks for your time",
                    jane,
                    (
                        Commitment(
                            CommitmentKind.REPLY,
                            "we'll have feedback for you by Friday 13th",
                            Strength.EXPLICIT,
                            date(2026, 11, 13),
                        ),
                    ),
                ),
            ],
        ),
        (
            process(3, "Initech", "Analyst"),
            [
                record(
                    "i1",
                    3,
                    at(2),
                    Label.ACKNOWLEDGEMENT,
                    "We received your application",
                    hr,
                    (Commitment(CommitmentKind.REPLY, "we'll be in touch", Strength.VAGUE),),
                ),
            ],
        ),
        (
            process(4, "Hooli", "Platform Engineer"),
            [
                record(
                    "h1",
                    4,
                    at(23),
                    Label.INTERVIEW,
                    "Interview on Tuesday",
                    sam,
                    (
                        Commitment(
                            CommitmentKind.MEETING,
                            "Tuesday 1 December at 10:00",
                            Strength.EXPLICIT,
                            date(2026, 12, 1),
                            at(1, 10, 12),
                        ),
                    ),
                ),
            ],
        ),
        (
            process(5, "Umbrella", "BI Developer"),
            [
                record(
                    "u1",
                    5,
                    at(20),
                    Label.ACKNOWLEDGEMENT,
                    "Application received",
                    una,
                    (
                        Commitment(
                            CommitmentKind.REPLY,
                            "by Monday 30 November",
                            Strength.EXPLICIT,
                            date(2026, 11, 30),
                        ),
                    ),
                ),
            ],
        ),
        (
            process(6, "Wayne Enterprises", "Analyst"),
            [record("w1", 6, at(12), Label.REJECTION, "Your application", rita)],
        ),
    ]
    statuses = board(processes, NOW, TrackingConfig(), CALENDAR, ZONE)
    people = {
        1: [Person(hostile_name, priya.email, "inhouse_recruiter")],
        2: [Person("Jane Doe", jane.email, "agency_recruiter"),
            Person("Tom Lee", tom.email, "hiring_manager")],
        3: [],
    }  # fmt: skip
    newsletter = Address("Job Alerts", "alerts@jobs.example")
    new = [
        processes[0][1][1],
        processes[3][1][0],
        record("n1", None, at(25, 7), Label.NOT_RECRUITING, "10 new jobs for you", newsletter),
        record("o1", 2, at(25, 9), Label.REQUEST, "Checking in", jane, direction="outbound"),
    ]
    reviews = [
        ReviewItem(41, at(25, 15), "noreply@greenhouse.example", "Update on your application",
                   "delay", 0.41, "label confidence below threshold"),
    ]  # fmt: skip
    health = [
        AccountHealth("personal", "INBOX", at(26, 7), at(26, 7), None, None),
        AccountHealth("work", "INBOX", at(26, 7), at(24, 7),
                      "LOGIN failed: [AUTHENTICATIONFAILED] Authentication failed.", at(26, 7)),
    ]  # fmt: skip
    return DigestData(
        now=NOW,
        zone=ZONE,
        calendar=CALENDAR,
        statuses=statuses,
        people=people,
        new_messages=new,
        since=at(23, 8),
        reviews=reviews,
        health=health,
        accounts=("personal", "work", "archive"),
    )


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_golden_text() -> None:
    golden("digest.txt", render_text(scenario()))


def test_golden_html() -> None:
    golden("digest.html", render_html(scenario()))


def test_sections_sorted_and_placed_in_order_of_urgency() -> None:
    data = scenario()
    plan = plan_digest(data)
    assert [s.process.id for s in plan.answer] == [1]
    assert [s.process.id for s in plan.overdue] == [2, 3]  # the longest silence first
    assert plan.overdue[0].days_overdue > plan.overdue[1].days_overdue
    assert [s.process.id for s in plan.due_soon] == [5]
    assert [s.process.id for s in plan.interviews] == [4]
    assert [label for label, _ in plan.new_by_label] == [
        Label.OFFER, Label.INTERVIEW, Label.NOT_RECRUITING,
    ]  # fmt: skip
    text = render_text(data)
    titles = ["Needs your answer", "Overdue", "Due soon", "New since the last digest",
              "Upcoming interviews", "Needs review", "Sync health"]  # fmt: skip
    positions = [text.index(f"\n{title} (") for title in titles]
    assert positions == sorted(positions)
    assert "Wayne" not in text  # closed processes are not news


def test_an_interview_ahead_is_not_listed_or_exported_as_a_reply_due() -> None:
    # invited on Tuesday to an interview on Friday: Friday is the date expected (source
    # "meeting"), but nobody owes a reply that day; a promised date the same week does
    sam = Address("Sam Ortiz", "sam@hooli.example")
    una = Address("Una Park", "una@umbrella.example")
    friday = Commitment(
        CommitmentKind.MEETING, "Friday 27 November at 10:00", Strength.EXPLICIT,
        date(2026, 11, 27), at(27, 10),
    )  # fmt: skip
    promise = Commitment(
        CommitmentKind.REPLY, "by Friday 27 November", Strength.EXPLICIT, date(2026, 11, 27)
    )
    processes = [
        (process(7, "Hooli", "Platform Engineer"),
         [record("h1", 7, at(24), Label.INTERVIEW, "Interview on Friday", sam, (friday,))]),
        (process(8, "Umbrella", "BI Developer"),
         [record("u1", 8, at(24), Label.ACKNOWLEDGEMENT, "Application received", una, (promise,))]),
    ]  # fmt: skip
    statuses = board(processes, NOW, TrackingConfig(), CALENDAR, ZONE)
    assert {s.process.id: s.expected_source for s in statuses} == {7: "meeting", 8: "promise"}
    plan = plan_digest(DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses))
    assert [s.process.id for s in plan.due_soon] == [8]
    assert [s.process.id for s in plan.interviews] == [7]
    ics = to_ics(statuses, NOW)
    assert "SUMMARY:Hear back from Hooli" not in ics
    assert "SUMMARY:Interview: Hooli — Platform Engineer" in ics
    assert "SUMMARY:Hear back from Umbrella — BI Developer" in ics


def test_overdue_item_says_who_what_when_and_what_to_do() -> None:
    text = render_text(scenario())
    globex = text[text.index("#2 Globex") : text.index("#3 Initech")]
    assert "“we'll have feedback for you by Friday 13th” — a specific date was given" in globex
    assert "(their date): 8 business days ago" in globex
    assert "Jane Doe <jane@talentbridge.example> (agency recruiter)" in globex
    assert "Tom Lee <tom.lee@globex.example> (hiring manager)" in globex
    assert "Next step: Send Jane Doe a short follow-up" in globex
    initech = text[text.index("#3 Initech") : text.index("Due soon")]
    assert "only a vague promise, no date" in initech


def test_an_overdue_item_quotes_their_date_only_while_it_is_the_one_counted() -> None:
    # Mon 2 Nov: "we'll have feedback for you by Friday 6 November"; Fri 6 Nov a word with
    # no date ("the panel needs a little longer"): that kept the promise, and the usual
    # wait since then has passed. Their old date is not the reason given
    jane = Address("Jane Doe", "jane@globex.example")
    friday = Commitment(CommitmentKind.REPLY, "feedback for you by Friday 6 November",
                        Strength.EXPLICIT, date(2026, 11, 6))  # fmt: skip
    promised = record("g1", 9, at(2), Label.DELAY, "Update", jane, (friday,))
    update = record("g2", 9, at(6), Label.DELAY, "Update", jane)
    statuses = board([(process(9, "Globex", "Analyst"), [promised, update])], NOW,
                     TrackingConfig(), CALENDAR, ZONE)  # fmt: skip
    text = render_text(DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses))
    assert "(the usual wait)" in text
    assert "They said" not in text
    assert "No date of theirs is open: “feedback for you by Friday 6 November”" in text
    # the same promise, not kept: it is the reason, quoted as such
    alone = board([(process(9, "Globex", "Analyst"), [promised])], NOW,
                  TrackingConfig(), CALENDAR, ZONE)  # fmt: skip
    quoted = render_text(DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=alone))
    assert "They said: “feedback for you by Friday 6 November” — a specific date" in quoted
    assert "(their date)" in quoted and "No date of theirs" not in quoted


def test_an_offer_you_gave_a_date_for_needs_your_answer_by_it() -> None:
    # offered on Fri 20 Nov ("tell us by Friday 4 December"); on Mon 23 the user wrote "I'll
    # let you know by Monday": not late on Thursday, but theirs to do, by their own date
    lena = Address("Lena Berg", "lena@larkspur.example")
    asks = Commitment(CommitmentKind.USER_DEADLINE, "tell us by Friday 4 December",
                      Strength.EXPLICIT, date(2026, 12, 4))  # fmt: skip
    monday = Commitment(CommitmentKind.USER_PROMISE, "I'll let you know by Monday",
                        Strength.RELATIVE, date(2026, 11, 30))  # fmt: skip
    messages = [
        record("l1", 10, at(20), Label.OFFER, "Your offer", lena, (asks,)),
        record("l2", 10, at(23), Label.NOT_RECRUITING, "Re: Your offer", lena, (monday,),
               direction="outbound"),
    ]  # fmt: skip
    statuses = board([(process(10, "Larkspur", "Analyst"), messages)], NOW,
                     TrackingConfig(), CALENDAR, ZONE)  # fmt: skip
    assert statuses[0].state == State.OFFER
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses)
    text = render_text(data)
    assert "1 needs your answer" in subject_line(data, plan_digest(data))
    assert (
        "Needs your answer (1)\n=====================\n#10 Larkspur — Analyst\n"
        "  Offer from Lena Berg <lena@larkspur.example> on Fri 20 Nov; answer by Mon 30 Nov"
        " (“I'll let you know by Monday”).\n"
        "  Next step: Answer the offer by Mon 30 Nov (the date you gave).\n"
    ) in text
    assert "I&#x27;ll let you know by Monday" in render_html(data)


def test_an_offer_is_dated_and_signed_as_it_came_not_as_the_grant_since() -> None:
    # offered on Mon 16 Nov by Maya; the user asked for time; Sam granted it on Wed 18
    maya = Address("Maya Lind", "maya@solace.example")
    sam = Address("Sam Ortiz", "sam@solace.example")
    asks = Commitment(CommitmentKind.USER_DEADLINE, "decision by Friday 20 November",
                      Strength.EXPLICIT, date(2026, 11, 20))  # fmt: skip
    ask = Commitment(CommitmentKind.USER_PROMISE, "could I have until Wednesday 2 December",
                     Strength.EXPLICIT, date(2026, 12, 2))  # fmt: skip
    grant = Commitment(CommitmentKind.USER_DEADLINE, "yes, take until Wednesday",
                       Strength.EXPLICIT, date(2026, 12, 2), granted=True)  # fmt: skip
    messages = [
        record("s1", 11, at(16), Label.OFFER, "Offer", maya, (asks,)),
        record("s2", 11, at(17), Label.NOT_RECRUITING, "Re: Offer", maya, (ask,),
               direction="outbound"),
        record("s3", 11, at(18), Label.REQUEST, "Re: Offer", sam, (grant,)),
    ]  # fmt: skip
    statuses = board([(process(11, "Solace", "Engineer"), messages)], NOW,
                     TrackingConfig(), CALENDAR, ZONE)  # fmt: skip
    line = answer_line(statuses[0], DigestData(now=NOW, zone=ZONE, calendar=CALENDAR,
                                               statuses=statuses))  # fmt: skip
    assert line == (
        "Offer from Maya Lind <maya@solace.example> on Mon 16 Nov; answer by Wed 02 Dec"
        " (“yes, take until Wednesday”)."
    )


def test_a_request_is_dated_and_signed_as_it_came_not_as_a_platform_s_notice_since() -> None:
    # Fri 20 Nov the company's ATS asks for a video interview by Wed 25 Nov; Mon 23 the video
    # platform's mail, read unsure (it waits in review): the request is still the company's
    ats = Address("Fenwick Careers", "fenwick@ats-tenant.example")
    platform = Address("VidScreen", "noreply@vidscreen.example")
    by = Commitment(CommitmentKind.USER_DEADLINE, "Please complete your interview by Nov 25th",
                    Strength.EXPLICIT, date(2026, 11, 25))  # fmt: skip
    notice = replace(
        record("v2", 13, at(23), Label.ACKNOWLEDGEMENT, "Your interview link was opened",
               platform),
        needs_review=True,
    )  # fmt: skip
    invite = record("v1", 13, at(20), Label.INTERVIEW, "Invitation: Video interview", ats, (by,))
    invite = replace(
        invite, extraction=replace(invite.extraction, sender_role=SenderRole.AUTOMATED)
    )
    messages = [invite, notice]
    (status,) = board([(process(13, "Fenwick", "Risk Analyst"), messages)], NOW,
                      TrackingConfig(), CALENDAR, ZONE)  # fmt: skip
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=[status])
    assert answer_line(status, data) == (
        "Request from Fenwick Careers <fenwick@ats-tenant.example> on Fri 20 Nov; answer by"
        " Wed 25 Nov (week of Thanksgiving Day) (“Please complete your interview by Nov 25th”):"
        " passed, no business day since."
    )
    assert (
        "Next step: Complete the video interview by Wed 25 Nov, using the link in the mail of"
        " Fri 20 Nov (Fenwick Careers writes from an automated address: a reply reaches no one);"
        " that date has passed: try today, the link may still work."
    ) in render_text(data)


def test_a_first_digest_lists_the_last_days_mail_and_counts_what_was_read() -> None:
    data = replace(scenario(), since=None)
    text = render_text(data)
    heading = f"\nMail of the last {FIRST_DIGEST_DAYS} days (3)\n"  # what they sent
    assert heading in text and "New since the last digest" not in text
    assert (
        f"{heading}{'=' * 27}\nYour first digest: 6 hiring processes (9 messages) read so far;"
        " `inbox-monitor status --all` lists every one.\noffer (1)\n"
    ) in text
    html = render_html(data)
    assert f"Mail of the last {FIRST_DIGEST_DAYS} days (3)" in html
    assert "Your first digest: 6 hiring processes" in html
    # nothing dated in those days: said, not left out
    empty = render_text(replace(data, new_messages=()))
    assert f"\nMail of the last {FIRST_DIGEST_DAYS} days (0)\n" in empty
    assert "Nothing is dated in those days." in empty
    # a later digest has neither
    later = render_text(scenario())
    assert "Your first digest" not in later and "Mail of the last" not in later


def test_a_first_digest_s_new_mail_is_the_last_week_s_of_a_backlog(
    config: Config, pipeline: Pipeline
) -> None:
    # a year's mail imported on Mon 23 Nov; the first digest on Tue 24: a rejection of
    # Thu 19 Nov is news, one of last spring is not, nor mail stored after the digest
    imported = datetime(2026, 11, 23, 20, 0, tzinfo=ZONE)
    first = datetime(2026, 11, 24, 8, 0, tzinfo=ZONE)

    def sent(day: datetime, key: str) -> RawMessage:
        data = eml(sender="Jane Doe <jane@globex.example>", subject=f"[rejection] {key}",
                   body="We have decided not to proceed.", date=day, message_id=f"<{key}@x>")  # fmt: skip
        return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"))

    with Store(config.database_path) as store:
        ingest(store, [sent(at(19), "last-week"), sent(at(10, month=4), "spring")], pipeline,
               imported)  # fmt: skip
        ingest(store, [sent(at(24, 9), "after")], pipeline, at(24, 9))
        assert [m.subject for m in new_mail(store, None, first)] == ["[rejection] last-week"]
        # a first digest more than FIRST_DIGEST_DAYS after the rejection leaves it out
        late = at(19) + timedelta(days=FIRST_DIGEST_DAYS, hours=1)
        assert [m.subject for m in new_mail(store, None, late)] == ["[rejection] after"]


def test_a_preview_of_a_past_day_counts_mail_stored_since_as_come_when_dated(
    config: Config, pipeline: Pipeline
) -> None:
    # a mailbox imported on Sun 29 Nov; a preview as of Tue 24 Nov shows that week's mail
    # as the board as of that day does, while a digest sent then counts only what had
    # been stored by then (the next one counts from it)
    def mail(day: datetime, key: str) -> RawMessage:
        data = eml(sender="Jane Doe <jane@globex.example>", subject=f"[rejection] {key}",
                   body="We have decided not to proceed.", date=day, message_id=f"<{key}@x>")  # fmt: skip
        return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"))

    with Store(config.database_path) as store:
        ingest(store, [mail(at(16), "older"), mail(at(19), "thu"), mail(at(23), "mon"),
                       mail(at(25), "after")], pipeline, at(29))  # fmt: skip
        first = at(24, 8)

        def subjects(since: datetime | None, replay: bool) -> list[str]:
            return [m.subject for m in new_mail(store, since, first, replay=replay)]

        assert subjects(None, replay=True) == ["[rejection] thu", "[rejection] mon"]
        assert subjects(None, replay=False) == []
        # after a digest sent on Fri 20: the mail dated since it, not what it listed
        assert subjects(at(20, 8), replay=True) == ["[rejection] mon"]
        assert subjects(at(20, 8), replay=False) == []
        # mail stored by then counts as it did, once
        ingest(store, [mail(at(22), "sun")], pipeline, at(23))
        assert subjects(at(20, 8), replay=True) == ["[rejection] sun", "[rejection] mon"]
        assert subjects(at(20, 8), replay=False) == ["[rejection] sun"]
        # as of a moment after everything was stored, a preview is the digest sent then
        late = at(30, 8)
        assert new_mail(store, at(29, 8), late, replay=True) == new_mail(store, at(29, 8), late)


def test_an_answer_deadline_already_passed_says_how_long_ago() -> None:
    data = scenario()

    def passed(days: int) -> str:
        late = [
            replace(s, days_past_deadline=days, deadline_passed=True) if s.process.id == 1 else s
            for s in data.statuses
        ]
        return render_text(replace(data, statuses=late))

    assert "answer by Tue 01 Dec (“let us know by Tuesday”): 2 business days ago." in passed(2)
    # passed with no business day since (a Friday's, read on Saturday): not "0 ... ago"
    assert "(“let us know by Tuesday”): passed, no business day since." in passed(0)
    assert "answer by Tue 01 Dec (“let us know by Tuesday”)." in render_text(data)


def test_a_day_in_another_year_carries_its_year() -> None:
    data = scenario()
    text = render_text(data)
    assert "Expected by Fri 13 Nov (week of Veterans Day) (their date)" in text  # this year
    moved = [
        replace(s, expected_by=date(2025, 11, 13)) if s.expected_by == date(2026, 11, 13) else s
        for s in data.statuses
    ]
    moved_text = render_text(replace(data, statuses=moved))
    assert "Expected by Thu 13 Nov 2025 (week of Veterans Day) (their date)" in moved_text
    # the digest of New Year's Eve names a January date's year too
    eve = replace(data, now=datetime(2026, 12, 31, 8, 0, tzinfo=ZONE))
    assert eve.day(date(2027, 1, 8)) == "Fri 08 Jan 2027"
    assert eve.moment(datetime(2026, 12, 30, 9, 30, tzinfo=ZONE)) == "Wed 30 Dec 09:30"
    # and so does Sync health: an account last synced in another year
    last = datetime(2025, 12, 28, 9, 30, tzinfo=ZONE)
    (stale,) = health_lines(["work"], [AccountHealth("work", "INBOX", last, last)], NOW, ZONE)
    assert stale.text.endswith("(Sun 28 Dec 2025 09:30).")


def test_failing_and_unsynced_accounts_are_loud_and_first() -> None:
    data = scenario()
    text = render_text(data)
    html = render_html(data)
    assert "2 account(s) not syncing" in text.splitlines()[0]
    assert "!!! work: COULD NOT SYNC (INBOX)" in text
    assert "!!! archive: NEVER SYNCED" in text
    assert text.index("!!! work") < text.index("Needs your answer")
    banner = html.index('bgcolor="#c62828"')
    assert banner < html.index("Needs your answer")
    assert "AUTHENTICATIONFAILED" in html[banner : html.index("</tr>", banner)]


def test_stale_account_is_flagged() -> None:
    data = scenario()
    stale = DigestData(
        now=data.now, zone=ZONE, calendar=CALENDAR, statuses=[],
        health=[AccountHealth("personal", "INBOX", at(24, 7), at(24, 7))], accounts=("personal",),
    )  # fmt: skip
    assert "!!! personal: STALE: last successful sync 2 days ago (Tue 24 Nov 07:00)." in (
        render_text(stale)
    )
    # in hours up to two days, in days after ("307 hours ago" was a count to do)
    lines = health_lines(("personal",), stale.health, at(25, 8), ZONE)
    assert lines[0].text.startswith("STALE: last successful sync 25 hours ago")
    lines = health_lines(("personal",), stale.health, at(24, 7) + timedelta(hours=307), ZONE)
    assert lines[0].text.startswith("STALE: last successful sync 12 days ago")


def test_holiday_and_year_end_weeks_are_named() -> None:
    assert week_note(date(2026, 11, 24), CALENDAR) == "week of Thanksgiving Day"
    assert week_note(date(2026, 12, 29), CALENDAR) == "year-end week"
    assert week_note(date(2026, 12, 21), CALENDAR) == "year-end week"
    assert week_note(date(2026, 11, 17), CALENDAR) is None
    assert week_note(date(2026, 11, 26), BusinessCalendar(None)) is None
    assert week_banner(date(2026, 12, 30), CALENDAR) == (
        "This is the year-end week: New Year's Day (Fri 01 Jan): replies may be slower than usual."
    )
    text = render_text(scenario())
    assert "This is the week of Thanksgiving Day (Thu 26 Nov): replies may be slower" in text
    assert "Expected by Fri 13 Nov (week of Veterans Day) (their date)" in text


def test_dates_at_the_end_of_the_calendar_do_not_stop_the_digest() -> None:
    # "interview on 31 December 9999 at 23:30 PST", "please answer by 9999-12-31", stored
    # by an older version: the daemon failed every digest from then on
    pst = timezone(timedelta(hours=-8))
    last_hour = datetime(9999, 12, 31, 23, 30, tzinfo=pst)
    meeting = Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT, date.max, last_hour)
    promise = Commitment(CommitmentKind.REPLY, "(words)", Strength.EXPLICIT, date(9999, 12, 30))
    answer = Commitment(CommitmentKind.USER_DEADLINE, "(words)", Strength.EXPLICIT, date.max)
    tom = Address("Tom Lee", "tom.lee@globex.example")
    processes = [
        (process(1, "Globex", "Analyst"),
         [record("m", 1, at(20), Label.INTERVIEW, "Interview", tom, (meeting, promise))]),
        (process(2, "Initech", "Analyst"),
         [record("r", 2, at(20), Label.REQUEST, "Next steps", tom, (answer,))]),
    ]  # fmt: skip
    statuses = board(processes, NOW, TrackingConfig(), CALENDAR, ZONE)
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses)
    text = render_text(data)
    assert "answer by Fri 31 Dec 9999 (year-end week)" in text
    assert "Upcoming interviews" not in text
    assert "9999" in render_html(data)
    assert build_digest(data, "me@example.net", ["me@example.net"])["Subject"]
    # the calendar's last week ends on its Friday
    assert week_note(date.max, CALENDAR) == "year-end week"
    assert week_note(date(9999, 12, 27), BusinessCalendar(None)) == "year-end week"
    assert week_banner(date(1, 1, 1), CALENDAR) is not None


# ---------------------------------------------------------------------------- hostile input

ALLOWED_TAGS = {"html", "head", "meta", "title", "body", "table", "tr", "td", "div"}


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.values: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.values.extend(value or "" for _, value in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def structure(html: str) -> TagCollector:
    parser = TagCollector()
    parser.feed(html)
    parser.close()
    return parser


HOSTILE_SUBJECT = "<script>alert('subject')</script> Offer"
HOSTILE_NAME = '"><img src=x onerror=alert(1)>\u202eevil'
HOSTILE_COMPANY = "</td></tr></table><a href='https://evil.example/'>Acme</a>"


def test_hostile_subject_name_and_company_appear_as_text() -> None:
    data = scenario(HOSTILE_SUBJECT, HOSTILE_NAME, HOSTILE_COMPANY)
    html = render_html(data)
    parsed = structure(html)
    assert parsed.tags <= ALLOWED_TAGS
    assert not {a for a in parsed.attributes if a.startswith("on") or a in ("src", "href")}
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;alert(&#x27;subject&#x27;)&lt;/script&gt; Offer" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;evil" in html  # bidi override dropped
    visible = "".join(parsed.text)
    assert "<script>alert('subject')</script> Offer" in visible
    assert "</td></tr></table><a href='https://evil.example/'>Acme</a>" in visible
    text = render_text(data)
    assert "\u202e" not in text and "\u202e" not in html
    assert "<script>alert('subject')</script> Offer" in text


@settings(max_examples=150, deadline=None)
@given(
    subject=st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
    | st.sampled_from(["<script>", "</td>", "<!--", "]]>", "<style>", "&amp;", '"onload="x']),
    name=st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)
def test_any_message_text_stays_text(subject: str, name: str) -> None:
    html = render_html(scenario(subject, name, name or "X"))
    parsed = structure(html)
    assert parsed.tags <= ALLOWED_TAGS
    assert not {a for a in parsed.attributes if a.startswith("on") or a in ("src", "href")}
    assert html.count("<tr>") == render_html(scenario()).count("<tr>")


# ---------------------------------------------------------------------------- the email


def test_message_is_multipart_alternative_dated_from_now() -> None:
    data = scenario()
    message = build_digest(
        data, "inbox-monitor <alex.morgan@example.net>", ["alex.morgan@example.net"]
    )
    raw = message.as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Date"] == "Thu, 26 Nov 2026 08:00:00 -0500"
    assert parsed["Message-ID"] == "<digest.20261126T080000.inbox-monitor@example.net>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["To"] == "alex.morgan@example.net"
    assert parsed["Subject"].startswith(
        "Job search digest Thu 26 Nov 2026: 2 account(s) not syncing"
    )
    text_part = parsed.get_body(("plain",))
    html_part = parsed.get_body(("html",))
    assert text_part is not None and html_part is not None
    assert text_part.get_content() == render_text(data)
    assert html_part.get_content() == render_html(data)


def test_hostile_values_cannot_inject_headers() -> None:
    data = scenario("Offer\r\nBcc: victim@example.com", "Evil\r\nX-Injected: 1")
    message = build_digest(data, "inbox-monitor <me@example.net>", ["me@example.net"])
    raw = message.as_bytes()
    header_block = raw.split(b"\n\n", 1)[0]
    assert b"Bcc" not in header_block and b"X-Injected" not in header_block


# ---------------------------------------------------------------------------- Chromium

CHROMIUM = "/usr/bin/chromium"


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    reason = f"{CHROMIUM} is not installed (apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) into rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks += body
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(chunks)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r[i] for i in range(len(r)) if i % channels < 3) for r in rows]


def render_in_chromium(html: str, directory: Path, size: str = "700,1800") -> tuple[Path, set[str]]:
    """Screenshot `html` in headless Chromium; returns the PNG and the URLs the page asked for.

    Chromium's own background traffic (update checks, account probes) is told apart from
    the page's requests by the NetLog: only the page's carry a file:// isolation key.
    """
    chromium = _chromium_or_skip()
    page, screenshot, netlog = (
        directory / "page.html",
        directory / "page.png",
        directory / "net.json",
    )
    page.write_text(html, encoding="utf-8")
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={directory / 'profile'}", "--hide-scrollbars",
         f"--window-size={size}", f"--log-net-log={netlog}", f"--screenshot={screenshot}",
         page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert screenshot.exists() and netlog.exists(), result.stderr[-2000:]
    log = json.loads(netlog.read_text())
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requested = {
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start_job
        and "file://" in event["params"].get("network_isolation_key", "")
        and not event["params"]["url"].startswith("file:")
    }
    return screenshot, requested


RED = bytes((0xC6, 0x28, 0x28))


def test_html_renders_in_headless_chromium_without_external_requests(tmp_path: Path) -> None:
    html = render_html(scenario(HOSTILE_SUBJECT, HOSTILE_NAME, HOSTILE_COMPANY))
    parsed = structure(html)
    assert not parsed.attributes & {"src", "href", "background", "action", "poster", "srcset"}
    assert not any("url(" in value or "@import" in value for value in parsed.values)
    plain = render_html(scenario())
    assert not re.search(r"(?i)(https?:|//[a-z]|src=|url\(|@import|<link|<script)", plain)
    screenshot, requested = render_in_chromium(html, tmp_path)
    assert requested == set(), f"the digest made network requests: {sorted(requested)}"
    width, height, rows = png_pixels(screenshot.read_bytes())
    assert (width, height) == (700, 1800)
    assert sum(1 for row in rows if RED in row) >= 20  # the failing-account banner and the bars


def test_the_chromium_checks_can_fail(tmp_path: Path) -> None:
    """Controls: a page that loads things is caught, and a page without red has no red rows."""
    leaky = (
        "<html><body style='background:#fff'>x<img src='http://127.0.0.1:9/p.png'>"
        "<div style='background:url(https://evil.example/bg.png)'>y</div></body></html>"
    )
    screenshot, requested = render_in_chromium(leaky, tmp_path, "300,200")
    assert requested == {"http://127.0.0.1:9/p.png", "https://evil.example/bg.png"}
    _, _, rows = png_pixels(screenshot.read_bytes())
    assert sum(1 for row in rows if RED in row) == 0


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        (
            "Sam Lee <sam@acme.example> (in-house recruiter)",
            40,
            "Sam Lee <sam@acme.example> (in-house…",
        ),
        ("Re: Offer of employment - Senior Data Engineer", 30, "Re: Offer of employment…"),
        ("x" * 50, 20, "x" * 19 + "…"),  # no word ends late enough: cut within it
        ("Short enough", 20, "Short enough"),
    ],
)
def test_a_cut_line_ends_after_a_whole_word(text: str, width: int, shown: str) -> None:
    # "(in-house recruit…" read as a typo, and "Who to ask" added a full stop after it
    assert clean(text, width) == shown
    assert len(clean(text, width)) <= width


def test_a_day_or_span_they_gave_is_said_as_the_day_it_came_to() -> None:
    # Wed 18 Nov: "we'll let you know by Friday"; a week later it is overdue. The reader
    # is told which Friday, not what kind of words it was
    rita = Address("Rita Kim", "rita.kim@fenwick.example")
    friday = Commitment(CommitmentKind.REPLY, "we'll let you know by Friday", Strength.RELATIVE,
                        date(2026, 11, 20))  # fmt: skip
    vague = Commitment(CommitmentKind.REPLY, "we'll be in touch", Strength.VAGUE, None)
    statuses = board([
        (process(5, "Fenwick", "Risk Analyst"),
         [record("f1", 5, at(18), Label.INTERVIEW, "Phone screen", rita, (friday,))]),
        (process(6, "Globex", "Analyst"),
         [record("g1", 6, at(2), Label.INTERVIEW, "Thanks", rita, (vague,))]),
    ], NOW, TrackingConfig(), CALENDAR, ZONE)  # fmt: skip
    text = render_text(DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses))
    fenwick = text[text.index("#5 Fenwick") : text.index("Mail of the last")]
    assert "They said: “we'll let you know by Friday”: that is Fri 20 Nov." in fenwick
    assert "a day or a" not in text
    # a promise with no date says so still
    assert "They said: “we'll be in touch” — only a vague promise, no date." in text


def test_due_soon_names_what_falls_next_week_too() -> None:
    # on Thursday, a reply due Monday is due soon (2 business days), but not this week
    plan = plan_digest(scenario())
    (umbrella,) = plan.due_soon
    assert umbrella.expected_by == date(2026, 11, 30) and NOW.date() == date(2026, 11, 26)
    text = render_text(scenario())
    assert "\nDue soon (1)\n" in text and "this week" not in text
    assert "Due soon (1)" in render_html(scenario())


def test_a_meeting_whose_time_is_not_given_yet_is_listed_by_its_day() -> None:
    # "your interview is now on Monday; I'll confirm the time": its day is known
    data = scenario()
    moved = [
        replace(s, next_meeting=None, next_meeting_day=date(2026, 11, 30))
        if s.process.id == 4
        else s
        for s in data.statuses
    ]
    data = replace(data, statuses=moved)
    plan = plan_digest(data)
    assert [s.process.id for s in plan.interviews] == [4]
    text = render_text(data)
    upcoming = text[text.index("Upcoming interviews (1)") :]
    assert upcoming.splitlines()[2].startswith("Mon 30 Nov (time not given yet)  #4 ")
    assert "Mon 30 Nov (time not given yet)" in render_html(data)
    # on one day, those with a time first; two without one side by side
    same_day = [
        replace(s, next_meeting=None, next_meeting_day=date(2026, 11, 27))
        if s.process.id in (1, 2)
        else replace(s, next_meeting=at(27, 9), next_meeting_day=date(2026, 11, 27))
        if s.process.id == 4
        else s
        for s in data.statuses
    ]
    ordered = plan_digest(replace(data, statuses=same_day)).interviews
    assert ordered[0].process.id == 4 and {s.process.id for s in ordered} == {1, 2, 4}
    # one past, or beyond the horizon, is not listed
    for day in (date(2026, 11, 25), date(2026, 12, 11)):
        later = [replace(s, next_meeting_day=day) if s.process.id == 4 else s for s in moved]
        assert plan_digest(replace(data, statuses=later)).interviews == []


def test_the_processes_the_new_mail_closed_have_their_own_heading() -> None:
    data = scenario()
    wayne = next(s for s in data.statuses if s.state == State.CLOSED)
    text = render_text(replace(data, closed=[wayne]))
    section = text[text.index("\nClosed since the last digest (1)\n") :]
    assert section.splitlines()[3] == f"#{wayne.process.id} Wayne Enterprises — Analyst: rejected"
    assert text.index("New since the last digest") < text.index("Closed since")
    assert "Closed since the last digest (1)" in render_html(replace(data, closed=[wayne]))
    # in a first digest, the days it looks back on
    first = render_text(replace(data, closed=[wayne], since=None))
    assert f"\nClosed in the last {FIRST_DIGEST_DAYS} days (1)\n" in first
    # none closed: no heading (the caller passes only closed ones; an open one is dropped)
    assert "Closed" not in render_text(replace(data, closed=[data.statuses[0]]))


def test_their_ask_to_move_a_meeting_needs_your_answer_and_the_meeting_stays_listed() -> None:
    # Hannah's call is on Fri 27 Nov at 14:00; on the 26th she asks to move it
    call = datetime(2026, 11, 27, 14, 0, tzinfo=ZONE)
    hannah = Address("Hannah Cole", "hannah@brightwave.example")
    process = ProcessRecord(1, "Brightwave", "Data Analyst", None, NOW - timedelta(days=10))
    taken = Commitment(CommitmentKind.MEETING, "(words)", Strength.EXPLICIT, call.date(), call)
    asked = "Could we move our call to Monday 30 November at 15:00 instead?"
    ask = Commitment(CommitmentKind.MOVE_ASKED, asked, Strength.VAGUE)
    messages = [
        message_record("inv", NOW - timedelta(days=5), Label.INTERVIEW, hannah),
        message_record("took", NOW - timedelta(days=4), Label.NOT_RECRUITING, None,
                       direction="outbound", commitments=(taken,)),
        message_record("ask", NOW - timedelta(hours=2), Label.INTERVIEW, hannah,
                       commitments=(ask,)),
    ]  # fmt: skip
    (status,) = board([(process, messages)], NOW, TrackingConfig(), CALENDAR, ZONE)
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=[status])
    plan = plan_digest(data)
    assert plan.answer == [status] and plan.interviews == [status]
    assert answer_line(status, data) == (
        "Move of the meeting on Fri 27 Nov 14:00 asked by Hannah Cole"
        " <hannah@brightwave.example>; it stays until you agree."
    )
    text = render_text(data)
    assert "1 needs your answer" in subject_line(data, plan)
    assert "Fri 27 Nov 14:00 (week of Thanksgiving Day) (they asked to move it)  #1" in text
    assert "Mon 30 Nov" not in text.replace(asked, "")  # the time proposed is no meeting


def test_your_own_date_for_sending_what_they_asked_is_said_as_yours_and_late_past_it() -> None:
    # Fri 20 Nov Raj asks for documents, no date; the user: "I'll send them over by Tuesday"
    raj = Address("Raj Iyer", "raj@fenwick.example")
    tuesday = Commitment(CommitmentKind.USER_PROMISE, "I'll send them over by Tuesday",
                         Strength.RELATIVE, date(2026, 11, 24))  # fmt: skip
    messages = [
        record("r0", 12, at(10), Label.INTERVIEW, "Interview", raj),
        record("r1", 12, at(20), Label.REQUEST, "Documents", raj),
        record("r2", 12, at(20, 15), Label.NOT_RECRUITING, "Re: Documents", raj, (tuesday,),
               direction="outbound"),
    ]  # fmt: skip
    (status,) = board([(process(12, "Fenwick", "Risk Analyst"), messages)], NOW,
                      TrackingConfig(), CALENDAR, ZONE)  # fmt: skip
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=[status])
    assert plan_digest(data).answer == [status]
    assert answer_line(status, data) == (
        "Request from Raj Iyer <raj@fenwick.example> on Fri 20 Nov; you said you would send it"
        " by Tue 24 Nov (week of Thanksgiving Day) (“I'll send them over by Tuesday”):"
        " 1 business day ago."  # (Thanksgiving is none)
    )
    assert "no deadline was given" not in render_text(data)
    assert (
        "Next step: Send Raj Iyer what they asked for: the date you gave, Tue 24 Nov, has passed;"
        " send it today, or tell them when you will."
    ) in render_text(data)


def test_mail_in_a_process_read_as_not_recruiting_is_listed_and_the_rest_counted() -> None:
    # "it went really well today - they'll decide early next week", in the thread, read as
    # noise: the user sees who wrote and about what; the job alerts are only counted
    ben = Address("Ben Hale", "ben@crestway.example")
    alerts = Address("Job Alerts", "alerts@jobs.example")
    news = record("b7", 2, at(25, 17), Label.NOT_RECRUITING, "Re: Severn - second stage", ben)
    alert = record("n1", None, at(25, 7), Label.NOT_RECRUITING, "10 new jobs for you", alerts)
    alert2 = record("n2", None, at(25, 8), Label.NOT_RECRUITING, "5 more jobs", alerts)
    data = replace(scenario(), new_messages=[alert, news, alert2])
    text = render_text(data)
    section = text[text.index("New since the last digest (3)") :].splitlines()
    assert section[2:6] == [
        "not_recruiting (3)",
        "  Wed 25 Nov 17:00  Ben Hale <ben@crestway.example>: Re: Severn - second stage",
        "  and 2 more outside your processes",
        "",
    ]
    assert "10 new jobs" not in text
    html = render_html(data)
    assert "Ben Hale &lt;ben@crestway.example&gt;: Re: Severn - second stage" in html
    assert "and 2 more outside your processes" in html and "10 new jobs" not in html
    # only mail in no process: counted in a line, under no heading of its own
    alone = render_text(replace(data, new_messages=[alert, alert2]))
    assert "2 read as not recruiting, outside your processes: not listed\n\n" in alone
    assert "not_recruiting (2)" not in alone
    # all of it in processes: listed, with no count line
    only = render_text(replace(data, new_messages=[news]))
    assert "Re: Severn - second stage\n\n" in only and "outside your processes" not in only


def test_after_you_accept_an_offer_one_line_names_the_processes_still_open() -> None:
    # the user accepted Northgate's offer (their `close --outcome accepted`) on Wed 25 Nov;
    # five processes of that search are still open, and one opened since is a new search's
    from inbox_monitor.models import Outcome

    lena = Address("Lena Moss", "lena@northgate.example")
    accepted = replace(process(7, "Northgate <Payments>", "Senior Data Analyst"),
                       outcome_user=Outcome.ACCEPTED)  # fmt: skip
    offer = record("ng1", 7, at(25, 10), Label.OFFER, "Your offer", lena)
    later = process(8, "Pylon", "Analyst")
    later = replace(later, opened_at=at(25, 12))
    pitch = record("py1", 8, at(25, 12), Label.OUTREACH, "A role at Pylon", lena)
    data = scenario()
    extra = board([(accepted, [offer]), (later, [pitch])], NOW, TrackingConfig(), CALENDAR, ZONE)
    statuses = [*data.statuses, *extra]
    text = render_text(replace(data, statuses=statuses))
    line = (
        "You accepted #7 Northgate <Payments> — Senior Data Analyst; 5 other processes are"
        " still open (#1, #2, #3, #4, #5). Still looking there (a second job, part-time or"
        " temporary work)? Then leave those open; if not, close each with `inbox-monitor close"
        " N --outcome withdrawn` and tell them you have withdrawn."
    )
    assert f"\n{line}\n\n" in text
    assert text.index(line) < text.index("Needs your answer")  # near the top, once
    assert text.count("You accepted") == 1
    html = render_html(replace(data, statuses=statuses))
    assert "You accepted #7 Northgate &lt;Payments&gt; — Senior Data Analyst;" in html
    assert "<Payments>" not in html
    # one left: its own command
    only = [s for s in statuses if s.process.id in (2, 6, 7)]
    assert (
        "1 other process is still open (#2). Still looking there (a second job, part-time or"
        " temporary work)? Then leave it open; if not, close it with"
        " `inbox-monitor close 2 --outcome withdrawn` and tell them you have withdrawn."
    ) in render_text(replace(data, statuses=only))
    # none left, an offer declined, or nothing accepted: no line
    done = [s for s in statuses if s.state == State.CLOSED or s.process.id == 8]
    assert "You accepted" not in render_text(replace(data, statuses=done))
    declined = replace(accepted, outcome_user=Outcome.DECLINED)
    (no,) = board([(declined, [offer])], NOW, TrackingConfig(), CALENDAR, ZONE)
    assert "You accepted" not in render_text(replace(data, statuses=[*data.statuses, no]))
    assert "You accepted" not in render_text(data) + render_html(data)


def test_mail_into_a_process_you_closed_is_listed_with_how_to_reopen_it() -> None:
    # the user closed #9 (withdrawn) on Mon 16 Nov; on Wed 18 Nov Pellow invites them to a
    # second interview: the digest says so in text and HTML, and its subject counts it
    from inbox_monitor.models import Outcome

    lucy = Address("Lucy <Baines>", "lucy@pellow.example")
    closed = replace(process(9, "Pellow", "Analyst"), outcome_user=Outcome.WITHDRAWN)
    before = record("pw1", 9, at(13, 10), Label.INTERVIEW, "Interview", lucy)
    invite = record("pw2", 9, at(18, 9), Label.INTERVIEW, "Second interview", lucy)
    data = scenario()
    (written,) = board(
        [(closed, [before, invite])], NOW, TrackingConfig(), CALENDAR, ZONE,
        closed_at={9: at(16, 12)},
    )  # fmt: skip
    with_it = replace(data, statuses=[*data.statuses, written])
    text = render_text(with_it)
    assert "Mail in processes you closed (1)" in text
    step = (
        "You closed it, but Lucy <Baines> wrote since (Wed 18 Nov): read it, and if it goes"
        " on, reopen it (inbox-monitor close 9 --reopen)."
    )
    assert f"#9 Pellow — Analyst\n  Next step: {step}" in text
    html = render_html(with_it)
    assert "Mail in processes you closed" in html and "Lucy &lt;Baines&gt; wrote since" in html
    assert "<Baines>" not in html
    assert "mail in 1 you closed" in subject_line(with_it, plan_digest(with_it))
    # closed after the invitation (the user read it and closed again), or no close time
    # known: not listed
    for closed_at in ({9: at(18, 12)}, None):
        (quiet,) = board(
            [(closed, [before, invite])], NOW, TrackingConfig(), CALENDAR, ZONE,
            closed_at=closed_at,
        )  # fmt: skip
        assert "Mail in processes you closed" not in render_text(
            replace(data, statuses=[*data.statuses, quiet])
        )


def test_each_task_of_the_job_you_accepted_is_listed_with_its_own_date() -> None:
    # audit 13 F6: the user accepted #1 on Mon 23 Nov; Tue 24 Nov compliance asks for
    # documents by Fri 27 Nov, Wed 25 Nov the signing tool for a signature by Mon 30 Nov.
    # On Thu 26 Nov both are listed, the earliest first, under a heading that says what
    # they are (not "mail in processes you closed"), and the subject counts the tasks
    from inbox_monitor.models import Outcome

    compliance = Address("Northgate <Compliance>", "compliance@northgate.example")
    signflow = Address("Northgate via SignFlow", "noreply@signflow.example")
    documents = Commitment(CommitmentKind.USER_DEADLINE, "your documents by Friday",
                           Strength.EXPLICIT, date(2026, 11, 27))  # fmt: skip
    signature = Commitment(CommitmentKind.USER_DEADLINE, "please sign by 30 November",
                           Strength.EXPLICIT, date(2026, 11, 30))  # fmt: skip
    job = replace(process(1, "Irwell Bank", "Data Engineer"), outcome_user=Outcome.ACCEPTED)
    mail = [
        record("of", 1, at(20), Label.OFFER, "Offer", compliance),
        record("dc", 1, at(24), Label.REQUEST, "Onboarding documents", compliance, (documents,)),
        record("sg", 1, at(25), Label.REQUEST, "Please sign", signflow, (signature,)),
    ]
    (job_status,) = board([(job, mail)], NOW, TrackingConfig(), CALENDAR, ZONE,
                          closed_at={1: at(23)})  # fmt: skip
    data = replace(scenario(), statuses=[*scenario().statuses, job_status])
    text = render_text(data)
    assert (
        "Tasks for the job you accepted (2)\n"
        "==================================\n"
        "#1 Irwell Bank — Data Engineer\n"
        "  by Fri 27 Nov (week of Thanksgiving Day): Northgate <Compliance> asked on Tue 24 Nov:"
        " \u201cyour documents by Friday\u201d\n"
        "  by Mon 30 Nov: Northgate via SignFlow asked on Wed 25 Nov:"
        " \u201cplease sign by 30 November\u201d\n"
    ) in text
    assert "Mail in processes you closed" not in text
    subject = subject_line(data, plan_digest(data))
    assert "2 tasks for the job you accepted" in subject and "you closed" not in subject
    html = render_html(data)
    assert "Tasks for the job you accepted (2)" in html and "Northgate &lt;Compliance&gt;" in html
    assert "<Compliance>" not in html


def test_the_silence_bar_counts_the_days_as_the_board_does_over_the_year_end() -> None:
    # their last word on Mon 21 Dec 2026; on Mon 4 Jan 2027 the user has waited 3 business
    # days by the board's count (Tue 22, Wed 23 Dec, Mon 4 Jan: 24 Dec to 1 Jan are the
    # year-end days), not 8
    from inbox_monitor.digest import waiting_days

    jane = Address("Jane Doe", "jane@globex.example")
    sent = datetime(2026, 12, 21, 10, 0, tzinfo=ZONE)
    mail = record("g1", 1, sent, Label.DELAY, "Update", jane)
    now = datetime(2027, 1, 4, 8, 0, tzinfo=ZONE)
    (status,) = board([(process(1, "Globex", "Analyst"), [mail])], now, TrackingConfig(),
                      CALENDAR, ZONE)  # fmt: skip
    data = replace(scenario(), now=now, statuses=[status])
    assert waiting_days(status, data) == 3
