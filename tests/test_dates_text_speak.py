"""User audit 12 F2, F3 and user audit 11 F1: "2moro" is tomorrow; a window's time is its
start ("between 9 and 11am" is 9:00); a bare hour beside a day is a time only where an
invitation says it (invitation_time); a numeric date takes the other order when only that
one fits its weekday or the country's is half a year off ("by 12/7" written in December in
England); "12 noon" is noon, quoted whole."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import (
    BusinessCalendar,
    TimeMention,
    find_time_mentions,
    invitation_time,
)

CHICAGO = ZoneInfo("America/Chicago")
ILLINOIS = BusinessCalendar("US", "IL")
LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")
WEDNESDAY = datetime(2026, 12, 9, 13, 0, tzinfo=CHICAGO)  # Wednesday 9 December 2026


def first(
    text: str, anchor: datetime = WEDNESDAY, calendar: BusinessCalendar = ILLINOIS
) -> TimeMention:
    return find_time_mentions(text, anchor, calendar)[0]


@pytest.mark.parametrize("word", ["2moro", "2morrow", "tmrw", "tomorrow"])
def test_tomorrow_as_phones_write_it(word: str) -> None:
    assert first(f"call u {word}").due == date(2026, 12, 10)


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("anytime between 9 and 11am on Fri 12/11", time(9)),
        ("on Fri 12/11 between 9 and 11am", time(9)),
        ("Fri 12/11 from 9-11am", time(9)),
        ("Fri 12/11 1-3pm", time(13)),
        ("Fri 12/11 11-1pm", time(11)),
        ("Fri 12/11, 9.30-11am", time(9, 30)),
        ("Fri 12/11 between 9am and 11am", time(9)),
        ("Fri 12/11 at 10:00 - 11:30", time(10)),
    ],
)
def test_a_windows_time_is_its_start(text: str, clock: time) -> None:
    mention = first(text)
    assert mention.due == date(2026, 12, 11)
    assert mention.at is not None and mention.at.time() == clock


@pytest.mark.parametrize(
    "text",
    [
        "Fri 12/11 at 10 and 2pm",  # two times, not a window: "and" joins one only after "between"
        "Fri 12/11 between 2 stores",
        "Fri 12/11 at 2",  # a bare hour is no time here
    ],
)
def test_no_window_where_there_is_none(text: str) -> None:
    assert first(text).at is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can u come in tmrw at 2?", datetime(2026, 12, 10, 14, 0, tzinfo=CHICAGO)),
        ("thurs 12/10 at 6.", datetime(2026, 12, 10, 18, 0, tzinfo=CHICAGO)),
        ("Thursday at 8 for the trial", datetime(2026, 12, 10, 8, 0, tzinfo=CHICAGO)),
        ("Thursday at 12 o'clock", datetime(2026, 12, 10, 12, 0, tzinfo=CHICAGO)),
        ("at 4 on Thursday", datetime(2026, 12, 10, 16, 0, tzinfo=CHICAGO)),
        ("Thursday at 2:30", datetime(2026, 12, 10, 14, 30, tzinfo=CHICAGO)),
        # unsure, or no hour: the day alone, or the time as written
        ("Thursday at 7", None),
        ("Thursday at 2 or 3", None),
        ("Thursday at 2 and 4", None),
        ("Thursday at 2 in the morning", None),
        ("Thursday at 3 locations", None),
        ("Thursday at 02:30", datetime(2026, 12, 10, 2, 30, tzinfo=CHICAGO)),
        ("Thursday at 2:30pm", datetime(2026, 12, 10, 14, 30, tzinfo=CHICAGO)),
    ],
)
def test_invitation_time(text: str, expected: datetime | None) -> None:
    mention = invitation_time(text, first(text), CHICAGO)
    assert mention.due == date(2026, 12, 10)
    assert mention.at == expected


def test_invitation_time_quotes_the_hour_with_the_day() -> None:
    text = "can u come in tmrw at 2?"
    mention = invitation_time(text, first(text), CHICAGO)
    assert mention.text == "tmrw at 2"


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # in England, from a US sender: the other order is within days, England's months off
        ("Please let me know by 12/7", datetime(2026, 12, 3, 9, tzinfo=LONDON), date(2026, 12, 7)),
        # the weekday fits only the other order
        ("Thursday 12/3 at 9:00 AM", datetime(2026, 11, 30, 9, tzinfo=LONDON), date(2026, 12, 3)),
        ("Monday 2/1", datetime(2027, 1, 5, 9, tzinfo=LONDON), date(2027, 2, 1)),
        # England's order kept: near, or the other no nearer
        ("by 5/1", datetime(2026, 12, 3, 9, tzinfo=LONDON), date(2027, 1, 5)),
        ("on 1/4", datetime(2026, 12, 3, 9, tzinfo=LONDON), date(2027, 4, 1)),
        ("by 12/07/2026", datetime(2026, 12, 3, 9, tzinfo=LONDON), date(2026, 7, 12)),
        # a weekday slip, the other order a year and more away: the date as written
        ("Friday 5/12", datetime(2026, 12, 3, 9, tzinfo=LONDON), date(2026, 12, 5)),
    ],
)
def test_a_numeric_dates_other_order(text: str, anchor: datetime, expected: date) -> None:
    assert first(text, anchor, ENGLAND).due == expected


def test_a_us_calendar_reads_a_day_first_date_by_its_weekday() -> None:
    anchor = datetime(2026, 12, 3, 9, tzinfo=CHICAGO)
    assert first("Friday 4/12", anchor, ILLINOIS).due == date(2026, 12, 4)
    assert first("by 4/12", anchor, ILLINOIS).due == date(2027, 4, 12)  # no weekday: as written


def test_twelve_noon_is_one_mention() -> None:
    mention = first("Please confirm by 12 noon on Friday 11 December", WEDNESDAY, ENGLAND)
    assert mention.text == "12 noon on Friday 11 December"
    assert mention.at is not None and mention.at.time() == time(12)
