"""Waits over the year end: the days from Christmas Eve to New Year's Day count for nothing
where Christmas is a public holiday, and no check-in is advised on them (audit 5 B13)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from helpers import message_record

from inbox_monitor import track
from inbox_monitor.config import TrackingConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.models import (
    Address,
    Commitment,
    CommitmentKind,
    Label,
    MessageRecord,
    ProcessRecord,
    State,
    Strength,
)
from inbox_monitor.track import ProcessStatus, process_status

BERLIN = ZoneInfo("Europe/Berlin")
PETRA = Address("Petra Krause", "petra.krause@lindenhof-reisen.example")
PROCESS = ProcessRecord(1, "Lindenhof Reisen", "Platform Engineer", None,
                        datetime(2026, 12, 1, 9, 0, tzinfo=BERLIN))  # fmt: skip


def at(month: int, day: int, hour: int = 12) -> datetime:
    year = 2027 if month == 1 else 2026
    return datetime(year, month, day, hour, 0, tzinfo=BERLIN)


def interview_held(when: datetime, *commitments: Commitment) -> MessageRecord:
    """Their word after an interview ("we'll continue after the holidays"), nothing dated."""
    return message_record("m1", when, Label.INTERVIEW, PETRA, subject="Our call",
                          commitments=commitments)  # fmt: skip


def status_on(now: datetime, *messages: MessageRecord, country: str | None = "DE") -> ProcessStatus:
    calendar = BusinessCalendar(country, "BE" if country == "DE" else None)
    return process_status(PROCESS, messages, now, TrackingConfig(), calendar, BERLIN)


def test_the_default_wait_counts_no_day_from_christmas_eve_to_new_years_day() -> None:
    # Tue 22 Dec, five business days (the interviewing stage's wait): 23 Dec, then 4-7 Jan,
    # not 23, 24, 28, 29 and 30 Dec
    last = interview_held(at(12, 22, 16))
    for now in (at(12, 24), at(12, 31), at(1, 1)):
        quiet = status_on(now, last)
        assert (quiet.expected_by, quiet.expected_source) == (date(2027, 1, 7), "default")
        assert quiet.state == State.ACTIVE
        assert "check-in" not in quiet.next_step
    # due soon only within two business days of it, counted the same way
    assert status_on(at(1, 5), last).state == State.DUE_SOON
    late = status_on(at(1, 8), last)
    assert (late.state, late.days_overdue) == (State.OVERDUE, 1)
    assert late.next_step.startswith("Send Petra Krause a polite check-in: no date")


def test_where_christmas_is_no_public_holiday_the_calendar_keeps_its_days() -> None:
    last = interview_held(at(12, 22, 16))
    # weekends only (no country given), and Japan's calendar: 23, 24, 25, 28, 29 Dec
    for country in (None, "JP"):
        assert status_on(at(12, 23), last, country=country).expected_by == date(2026, 12, 29)
    # the UK's and the US's count as Germany's
    for country in ("GB", "US"):
        assert status_on(at(12, 23), last, country=country).expected_by == date(2027, 1, 7)


def test_a_wait_that_ends_before_christmas_eve_is_not_moved() -> None:
    # Tue 15 Dec + 5 business days = Tue 22 Dec, as any other week
    quiet = status_on(at(12, 21), interview_held(at(12, 15, 10)))
    assert (quiet.expected_by, quiet.state) == (date(2026, 12, 22), State.DUE_SOON)


def test_a_date_they_gave_is_kept_and_the_follow_up_waits_for_the_first_day_after_the_break() -> (
    None
):
    promise = Commitment(CommitmentKind.REPLY, "I will send you the feedback by 29.12.",
                         Strength.EXPLICIT, date(2026, 12, 29))  # fmt: skip
    said = interview_held(at(12, 18, 10), promise)
    on_new_years_eve = status_on(at(12, 31), said)
    assert (on_new_years_eve.expected_by, on_new_years_eve.expected_source) == (
        date(2026, 12, 29),
        "promise",
    )
    assert on_new_years_eve.state == State.OVERDUE
    assert on_new_years_eve.days_overdue == 0  # no business day since, counted as waits are
    assert on_new_years_eve.next_step == (
        "Send Petra Krause a short follow-up on Mon 04 Jan, after the year-end break:"
        " they gave a date and it has passed."
    )
    back = status_on(at(1, 4), said)
    assert back.days_overdue == 1
    assert (
        back.next_step == "Send Petra Krause a short follow-up: they gave a date and it has passed."
    )
    # on an ordinary day, a date passed is chased at once
    promise_in_november = Commitment(CommitmentKind.REPLY, "by Friday", Strength.RELATIVE,
                                     date(2026, 11, 20))  # fmt: skip
    november = message_record("n1", datetime(2026, 11, 16, 10, 0, tzinfo=BERLIN), Label.DELAY,
                              PETRA, commitments=(promise_in_november,))  # fmt: skip
    chased = status_on(datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN), november)
    assert (
        chased.next_step
        == "Send Petra Krause a short follow-up: they gave a date and it has passed."
    )


def test_waiting_days_count_business_days_outside_the_year_end() -> None:
    waits = track.WaitingDays(BusinessCalendar("DE", "BE"))
    # Wed 23 Dec 2026 to Mon 4 Jan 2027: only the 4th counts (24, 28-31 Dec are no days)
    assert waits.business_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 1
    assert waits.business_days_between(date(2027, 1, 4), date(2026, 12, 23)) == -1
    assert waits.add_business_days(date(2026, 12, 23), 1) == date(2027, 1, 4)
    assert waits.add_business_days(date(2026, 12, 23), 0) == date(2026, 12, 23)
    # a span of years loses each year's break
    assert waits.business_days_between(date(2025, 12, 1), date(2027, 1, 31)) == (
        BusinessCalendar("DE", "BE").business_days_between(date(2025, 12, 1), date(2027, 1, 31))
        - 9  # 2025: 24, 29, 30, 31 Dec; 2026: 24, 28, 29, 30, 31 Dec (1 Jan is a holiday)
    )
    # the first business day after the break, asked on a day in it (a holiday too)
    assert waits.reopens(date(2026, 12, 25)) == date(2027, 1, 4)
    assert waits.reopens(date(2027, 1, 1)) == date(2027, 1, 4)
    assert waits.reopens(date(2026, 12, 23)) is None
    assert waits.reopens(date(2027, 1, 2)) is None  # the Saturday after: an ordinary weekend
    # the ends of the calendar
    assert not waits.year_end(date(1, 1, 1))
    assert waits.business_days_between(date(9999, 12, 20), date(9999, 12, 31)) >= 0
