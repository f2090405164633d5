"""A digest read over breakfast: what needs the user first, long sections cut with a count,
long-passed dates folded into a line, review summarised, unsure mail never filed as news."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from helpers import message_record

from inbox_monitor.config import Config, TrackingConfig
from inbox_monitor.daemon import load_digest_data
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.digest import (
    DigestData,
    ReviewItem,
    plan_digest,
    render_html,
    render_text,
    subject_line,
)
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Label,
    MessageRecord,
    Origin,
    ProcessRecord,
    RawMessage,
    State,
    Strength,
)
from inbox_monitor.pipeline import Pipeline, ingest
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus, board

ZONE = ZoneInfo("Europe/London")
CALENDAR = BusinessCalendar("GB", "ENG")
# Monday 16 November 2026, 08:00 in London
NOW = datetime(2026, 11, 16, 8, 0, tzinfo=ZONE)
# the digest's caps (digest.SECTION_LISTED, digest.REVIEW_LISTED), spelled out
SECTION_LISTED = 10
REVIEW_LISTED = 5
# a person's requests: a platform's task (a no-reply sender) long passed is no longer the
# user's turn at all (track.py), so the digest folds what a person still waits for
ASKER = Address("Sam Lee", "sam.lee@careers.example")


def on(day: int, month: int = 11, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=ZONE)


def due_by(day: date) -> Commitment:
    return Commitment(
        CommitmentKind.USER_DEADLINE, f"complete it by {day:%d %B}", Strength.EXPLICIT, day
    )


def process(pid: int, company: str) -> ProcessRecord:
    return ProcessRecord(id=pid, company=company, role=None, agency=None, opened_at=on(1, 10))


def statuses_of(*processes: tuple[ProcessRecord, list[MessageRecord]]) -> list[ProcessStatus]:
    return board(list(processes), NOW, TrackingConfig(), CALENDAR, ZONE)


def request(
    pid: int, company: str, sent: datetime, *commitments: Commitment, sender: Address = ASKER
) -> tuple:
    mail = message_record(f"r{pid}", sent, Label.REQUEST, sender, process_id=pid,
                          subject=f"{company}: complete your video interview",
                          commitments=commitments)  # fmt: skip
    return process(pid, company), [mail]


def acknowledged(pid: int, company: str) -> tuple:
    """A process acknowledged on 1 October and silent since: overdue by the usual wait."""
    sender = Address(f"{company} Careers", f"careers@{company.lower()}.example")
    mail = message_record(f"a{pid}", on(1, 10), Label.ACKNOWLEDGEMENT, sender, process_id=pid,
                          subject="Application received")  # fmt: skip
    return process(pid, company), [mail]


def test_needs_your_answer_puts_offers_and_dates_ahead_first_and_folds_long_passed_ones() -> None:
    # a video interview due Tue 20 Oct (19 business days ago: done, nothing came back), one
    # due Wed 11 Nov (3 business days ago), one due Thu 19 Nov, a request with no date, and
    # an offer with none: the offer first, then what is due ahead, what has no date, what
    # passed lately; the long-passed one in a line at the end, two lines no more
    pennant = Address("Megan Whitaker", "megan@pennant.example")
    offer = message_record("o5", on(30, 10), Label.OFFER, pennant, process_id=5,
                           subject="Offer - Graduate Programme")  # fmt: skip
    statuses = statuses_of(
        request(1, "Tidewater", on(14, 10), due_by(date(2026, 10, 20))),
        request(2, "Quayside", on(4), due_by(date(2026, 11, 11))),
        request(3, "Greyfriars", on(10), due_by(date(2026, 11, 19))),
        request(4, "Moorgate", on(13)),
        (process(5, "Pennant"), [offer]),
    )
    assert all(s.state == State.WAITING_ON_YOU for s in statuses)
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses)
    plan = plan_digest(data)
    assert [s.process.id for s in plan.answer] == [5, 3, 4, 2]
    assert [s.process.id for s in plan.answer_passed] == [1]
    # the subject and the heading count what can still be done, and agree (audit 11 F10);
    # the line of dates long passed has its own count
    assert "4 need your answer" in subject_line(data, plan)
    text = render_text(data, plan)
    assert "Needs your answer (5)" not in text
    section = text[text.index("Needs your answer (4)") : text.index("\n\n", text.index("Needs"))]
    titles = [line for line in section.splitlines() if line.startswith("#")]
    assert titles == [
        f"#{pid} {name} — role not named"
        for pid, name in ((5, "Pennant"), (3, "Greyfriars"), (4, "Moorgate"), (2, "Quayside"))
    ]
    assert section.splitlines()[-1] == (
        "Their dates passed more than 5 business days ago (1): #1 Tidewater (by Tue 20 Oct)."
        " Done already? Then it waits for their news; `inbox-monitor status` lists them."
    )
    assert "Tidewater: complete" not in text and "#1 Tidewater —" not in text
    html = render_html(data, plan)
    assert "#1 Tidewater (by Tue 20 Oct)" in html and "#1 Tidewater —" not in html
    assert html.index("#5 Pennant") < html.index("#3 Greyfriars") < html.index("#2 Quayside")
    # 5 business days past is not "long ago" yet (Mon 9 Nov, on Mon 16): still listed
    five = statuses_of(request(6, "Blackthorn", on(2), due_by(date(2026, 11, 9))))
    plan = plan_digest(DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=five))
    assert five[0].days_past_deadline == 5
    assert ([s.process.id for s in plan.answer], plan.answer_passed) == ([6], [])


def test_only_long_passed_answers_still_show_their_line_and_an_offer_is_never_folded() -> None:
    pennant = Address("Megan Whitaker", "megan@pennant.example")
    late_offer = message_record(
        "o5",
        on(1, 10),
        Label.OFFER,
        pennant,
        process_id=5,
        subject="Offer",
        commitments=(due_by(date(2026, 10, 9)),),
    )
    statuses = statuses_of(
        request(1, "Tidewater", on(14, 10), due_by(date(2026, 10, 20))),
        (process(5, "Pennant"), [late_offer]),
    )
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses)
    plan = plan_digest(data)
    assert [s.process.id for s in plan.answer] == [5]  # an offer's answer is still owed
    only = replace(data, statuses=[s for s in statuses if s.process.id == 1])
    text = render_text(only)
    assert "Dates long passed (1)\n=====================\nTheir dates passed" in text
    assert "Needs your answer" not in text
    assert "need your answer" not in subject_line(only, plan_digest(only))


def test_a_long_section_lists_ten_and_counts_the_rest() -> None:
    statuses = statuses_of(*(acknowledged(pid, f"Company{pid:02d}") for pid in range(1, 14)))
    assert sum(s.state == State.OVERDUE for s in statuses) == 13
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses)
    text = render_text(data)
    assert "13 overdue" in text.splitlines()[0]
    overdue = text[text.index("Overdue (13)") : text.index("Sync health")]
    assert sum(line.startswith("#") for line in overdue.splitlines()) == SECTION_LISTED
    assert "… and 3 more: `inbox-monitor status`" in overdue
    html = render_html(data)
    assert html.count("Last heard from Company") == SECTION_LISTED
    assert "… and 3 more: `inbox-monitor status`" in html
    # ten or fewer: no count line
    fewer = replace(data, statuses=statuses[:SECTION_LISTED])
    assert "more: `inbox-monitor status`" not in render_text(fewer) + render_html(fewer)


def review(number: int, label: str, when: datetime, **where: object) -> ReviewItem:
    return ReviewItem(
        number,
        when,
        f"sender{number}@example.com",
        f"subject {number}",
        label,
        0.4,
        "label confidence below threshold",
        **where,
    )  # type: ignore[arg-type]


def test_needs_review_names_a_handful_that_could_change_a_process() -> None:
    # 40 job alerts read unsure as noise, and five that could change something: an unsure
    # rejection in open process #2, a tie between #2 and #3, an unsure offer and an unsure
    # interview in no process, noise from a contact of #3; and a request in no process
    statuses = statuses_of(acknowledged(2, "Halden"), acknowledged(3, "Everleigh"))
    alerts = [review(100 + n, "not_recruiting", on(2) + timedelta(hours=n)) for n in range(40)]
    telling = [
        review(1, "rejection", on(10), process_id=2),
        review(2, "delay", on(11), candidates=(2, 3)),
        review(3, "offer", on(9)),
        review(4, "interview", on(12)),
        review(5, "not_recruiting", on(13), candidates=(3,)),
        review(6, "request", on(14)),
    ]
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses,
                      reviews=[*alerts, *telling])  # fmt: skip
    plan = plan_digest(data)
    assert [r.message_id for r in plan.reviews_listed] == [2, 1, 3, 4, 5]
    text = render_text(data, plan)
    section = text[text.index("Needs review (46)") : text.index("Sync health")]
    assert sum(line.startswith("message ") for line in section.splitlines()) == REVIEW_LISTED
    assert "message 100:" not in section and "message 6:" not in section
    assert "`inbox-monitor review` lists all 46" in section
    html = render_html(data, plan)
    assert "message 2: subject 2" in html and "message 100:" not in html
    assert "`inbox-monitor review` lists all 46" in html
    # a closed process's mail is no longer a reason to name it; alerts alone are not named
    quiet = replace(data, reviews=[*alerts, review(7, "request", on(14), process_id=9)])
    text = render_text(quiet)
    section = text[text.index("Needs review (41)") : text.index("Sync health")]
    assert "message " not in section
    assert "None is in an open process, or reads as an offer, rejection or interview." in section
    # a handful or fewer: each is named, as before
    few = replace(data, reviews=alerts[:REVIEW_LISTED])
    assert plan_digest(few).reviews_listed == alerts[:REVIEW_LISTED]


def unsure(mail: MessageRecord, confidence: float) -> MessageRecord:
    return replace(mail, needs_review=True, confidence=confidence)


def test_unsure_new_mail_is_listed_as_a_guess_never_under_a_label_heading() -> None:
    # the agency's "client is happy so far, 2nd interview today as planned" read rejection
    # 0.36 (in the process), a newsletter read offer 0.30, a friend's note read noise 0.40
    # (both in no process), and an alert read noise, sure: no "rejection" or "offer" heading
    marek = Address("Marek Nowak", "marek@agency.example")
    letters = Address("Project Letters", "news@projects.example")
    friend = Address("Ollie", "ollie@mail.example")
    statuses = statuses_of(acknowledged(2, "Nordhafen"))
    news = [
        unsure(message_record("m1", on(16, hour=7), Label.REJECTION, marek, process_id=2,
                              subject="AW: contract paperwork?"), 0.36),
        unsure(message_record("m2", on(15), Label.OFFER, letters, process_id=None,
                              subject="5 new projects for you"), 0.30),
        unsure(message_record("m3", on(15, hour=12), Label.NOT_RECRUITING, friend,
                              process_id=None, subject="photos"), 0.40),
        message_record("m4", on(15, hour=9), Label.NOT_RECRUITING, letters, process_id=None,
                       subject="Weekly alert"),
    ]  # fmt: skip
    news.sort(key=lambda m: m.date)  # (as the store gives them)
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses,
                      new_messages=news, since=on(15, hour=8))  # fmt: skip
    text = render_text(data)
    section = text[text.index("New since the last digest (4)") :].split("\n\n")[0]
    assert section.splitlines()[2:] == [
        "Not sure what these are (3)",
        "  Sun 15 Nov 10:00  Project Letters <news@projects.example>: 5 new projects for you"
        " (a guess: offer 0.30?)",
        "  Mon 16 Nov 07:00  Marek Nowak <marek@agency.example>: AW: contract paperwork?"
        " (a guess: rejection 0.36?)",
        "  and 1 guessed not recruiting, outside your processes",
        "1 read as not recruiting, outside your processes: not listed",
    ]
    html = render_html(data)
    for heading in ("rejection (1)", "offer (1)", "not_recruiting (1)"):
        assert heading not in text and heading not in html
    assert "Not sure what these are (3)" in html and "(a guess: rejection 0.36?)" in html
    # read sure, the same mail is under its label as before
    agency = next(m for m in news if m.key == "m1")
    sure = replace(data, new_messages=[replace(agency, needs_review=False, confidence=0.9)])
    assert "rejection (1)\n  Mon 16 Nov 07:00  Marek Nowak" in render_text(sure)


def test_a_big_mailbox_s_digest_stays_under_the_size_a_mail_client_clips() -> None:
    # 30 overdue, 20 waiting on the user, 400 in review, 300 new messages of every label:
    # the HTML part stays well under Gmail's ~102 KB clip, the text within a screenful or five
    processes = [acknowledged(pid, f"Company{pid:02d}") for pid in range(1, 31)]
    processes += [
        request(pid, f"Vendor{pid}", on(13), due_by(date(2026, 11, 20))) for pid in range(31, 51)
    ]
    statuses = statuses_of(*processes)
    sender = Address("Someone", "someone@example.com")
    news = [
        message_record(f"n{n}", on(15) + timedelta(minutes=n), label, sender,
                       process_id=1 + n % 50, subject=f"A subject of some length, number {n}")
        for n, label in enumerate(list(Label) * 38)
    ]  # fmt: skip
    reviews = [review(n, "interview", on(2) + timedelta(hours=n), process_id=1 + n % 50)
               for n in range(400)]  # fmt: skip
    data = DigestData(now=NOW, zone=ZONE, calendar=CALENDAR, statuses=statuses,
                      new_messages=news, since=on(15, hour=8), reviews=reviews)  # fmt: skip
    html, text = render_html(data), render_text(data)
    assert len(html.encode()) < 80_000
    assert text.count("\n") < 250


def test_the_digest_knows_which_process_a_review_item_is_in(
    config: Config, pipeline: Pipeline
) -> None:
    # an unsure rejection in the thread of an open process waits for review: the digest
    # gathers its process, so that it can name it among the few
    def mail(key: str, subject: str, when: datetime, reply_to: str = "") -> RawMessage:
        from helpers import eml

        data = eml(sender="Pia Lund <pia@lumen.example>", subject=subject, body="Hello Alex,",
                   date=when, message_id=f"<{key}@lumen.example>",
                   in_reply_to=f"<{reply_to}@lumen.example>" if reply_to else None)  # fmt: skip
        return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"))

    first = datetime(2026, 11, 9, 9, tzinfo=UTC)
    with Store(config.database_path) as store:
        ingest(store, [mail("ack", "[acknowledgement] Application received", first)],
               pipeline, first)  # fmt: skip
        later = first + timedelta(days=1)
        ingest(store, [mail("rej", "[rejection 0.36] Re: your application", later, "ack")],
               pipeline, later)  # fmt: skip
        data = load_digest_data(store, config, later + timedelta(hours=1))
    (item,) = data.reviews
    (status,) = data.statuses
    assert (item.label, item.process_id) == ("rejection", status.process.id)
    assert plan_digest(data).reviews_listed == [item]
