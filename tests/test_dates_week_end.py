"""User audit 7 U9: a week's end that is a public holiday ("by the end of next week" said on
Monday 14 December 2026 is not Christmas Day) is the week's last business day before it; a
day named is kept as given."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar, find_time_mentions

LONDON = ZoneInfo("Europe/London")
ENGLAND = BusinessCalendar("GB", "ENG")


def due(text: str, day: date, calendar: BusinessCalendar = ENGLAND) -> date | None:
    anchor = datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)
    found = [m.due for m in find_time_mentions(text, anchor, calendar) if m.due is not None]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "said", "expected"),
    [
        ("they'll come back to me by the end of next week", date(2026, 12, 14), date(2026, 12, 24)),
        ("you'll hear next week", date(2026, 12, 14), date(2026, 12, 24)),
        ("by the end of the week", date(2026, 12, 21), date(2026, 12, 24)),
        ("feedback in the w/c 21 December", date(2026, 12, 14), date(2026, 12, 24)),
        # New Year's Day, a Friday
        ("the week after next", date(2026, 12, 14), date(2026, 12, 31)),
        # Good Friday 2027
        ("we'll decide this week", date(2027, 3, 22), date(2027, 3, 25)),
    ],
)  # fmt: skip
def test_a_weeks_end_on_a_holiday_is_its_last_business_day(
    text: str, said: date, expected: date
) -> None:
    assert due(text, said) == expected


@pytest.mark.parametrize(
    ("text", "said", "calendar", "expected"),
    [
        # a day named is kept as given
        ("by Friday", date(2026, 12, 21), ENGLAND, date(2026, 12, 25)),
        ("by Friday next week", date(2026, 12, 14), ENGLAND, date(2026, 12, 25)),
        # no holidays known
        ("by the end of next week", date(2026, 12, 14), BusinessCalendar(), date(2026, 12, 25)),
        # said on the holiday itself: no business day of the week is left
        ("by the end of this week", date(2026, 12, 25), ENGLAND, date(2026, 12, 25)),
        # an ordinary week
        ("by the end of next week", date(2026, 12, 7), ENGLAND, date(2026, 12, 18)),
    ],
)  # fmt: skip
def test_a_week_end_that_is_no_holiday_or_a_day_named_stays(
    text: str, said: date, calendar: BusinessCalendar, expected: date
) -> None:
    assert due(text, said, calendar) == expected
