"""User audit 10 F12: "revisit at the end of January" is a date, and a month's end that falls
on a weekend or a public holiday is the month's last business day before it (Friday 29
January 2027), as a week's end is; a day named, or a day within the month, is kept."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar, find_time_mentions

LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")


def due(text: str, day: date) -> date | None:
    anchor = datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)
    found = [m.due for m in find_time_mentions(text, anchor, ENGLAND) if m.due is not None]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "said", "expected"),
    [
        # 31 January 2027 is a Sunday
        ("they expect to revisit at the end of January", date(2026, 12, 21), date(2027, 1, 29)),
        ("by the end of January", date(2026, 12, 21), date(2027, 1, 29)),
        ("late January", date(2026, 12, 21), date(2027, 1, 29)),
        ("in January", date(2026, 12, 21), date(2027, 1, 29)),
        ("end of next month", date(2026, 12, 21), date(2027, 1, 29)),
        ("by the end of the month", date(2027, 1, 4), date(2027, 1, 29)),
        ("within the month", date(2027, 1, 4), date(2027, 1, 29)),
        # 28 February 2027 is a Sunday
        ("in February", date(2026, 12, 21), date(2027, 2, 26)),
        # a weekday's end is kept
        ("by the end of December", date(2026, 12, 1), date(2026, 12, 31)),
        # parts of a month are not moved
        ("in mid-January", date(2026, 12, 21), date(2027, 1, 15)),
        ("early January", date(2026, 12, 21), date(2027, 1, 7)),
        # a day named is kept as given
        ("by Sunday 31 January", date(2026, 12, 21), date(2027, 1, 31)),
    ],
)
def test_a_months_end_is_its_last_business_day(text: str, said: date, expected: date) -> None:
    assert due(text, said) == expected


def test_a_months_end_not_moved_before_the_day_it_is_said() -> None:
    # said on Saturday 30 January 2027: the Friday before is past, the month's last day stays
    assert due("by the end of the month", date(2027, 1, 30)) == date(2027, 1, 31)


def test_a_quarters_end_is_its_last_business_day() -> None:
    # 30 June 2029 is a Saturday
    assert due("by the end of Q2", date(2029, 5, 2)) == date(2029, 6, 29)
