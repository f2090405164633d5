"""User audit 11 F7, F5 and F1: "the first half of January" is by its 15th (the last business
day on or before it), "the second half" by the month's end; a British dotted time beside an
invited day ("at 2.30 on Thursday") is its time, as a bare hour is; an itinerary's line gives
its date the time after a dash ("Thursday 12/3 - 9:00 AM ...") and not the line before's;
"Thursday 12/10" written in December is 10 December, though 12 October fits the weekday two
years on."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import BusinessCalendar, find_time_mentions, invitation_time

LONDON = ZoneInfo("Europe/London")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
ENGLAND = BusinessCalendar("GB", "ENG")


def mentions(text: str, day: date, zone: ZoneInfo = LONDON) -> list[tuple[date | None, object]]:
    anchor = datetime(day.year, day.month, day.day, 10, 0, tzinfo=zone)
    return [(m.due, m.at) for m in find_time_mentions(text, anchor, ENGLAND)]


@pytest.mark.parametrize(
    ("text", "said", "expected"),
    [
        ("we hope to write to you in the first half of January", date(2026, 12, 10),
         date(2027, 1, 15)),
        ("during the 1st half of February", date(2026, 12, 10), date(2027, 2, 15)),
        # 15 May 2027 is a Saturday: the Friday before
        ("by the first half of May", date(2026, 12, 10), date(2027, 5, 14)),
        ("in the second half of January", date(2026, 12, 10), date(2027, 1, 29)),
        ("in the latter half of March", date(2026, 12, 10), date(2027, 3, 31)),
        # as before
        ("by mid-January", date(2026, 12, 10), date(2027, 1, 15)),
        ("in early January", date(2026, 12, 10), date(2027, 1, 7)),
    ],
)  # fmt: skip
def test_a_half_of_a_month(text: str, said: date, expected: date) -> None:
    assert mentions(text, said) == [(expected, None)]


@pytest.mark.parametrize(
    "text", ["in the first half of next year", "the first half of the season went well"]
)
def test_a_half_of_no_month_is_no_date(text: str) -> None:
    assert mentions(text, date(2026, 12, 10)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Could we do the call at 2.30 on Thursday?", time(14, 30)),
        ("Shall we say Thursday at 2.30?", time(14, 30)),
        ("Thursday at 11.15 works for us", time(11, 15)),
        ("Thursday at 14.30 then", time(14, 30)),
        ("Thursday at 09.45 then", time(9, 45)),
        # 7 may be the morning's or the evening's: the day alone, as with a bare hour
        ("Thursday at 7.30 then", None),
    ],
)
def test_a_dotted_time_beside_an_invited_day(text: str, expected: time | None) -> None:
    anchor = datetime(2026, 12, 7, 10, 0, tzinfo=LONDON)
    [day] = find_time_mentions(text, anchor, ENGLAND)
    assert day.at is None  # alone, "at 2.30" is no time of day
    read = invitation_time(text, day, LONDON)
    assert read.due == date(2026, 12, 10)
    assert (read.at.timetz().replace(tzinfo=None) if read.at else None) == expected


def test_an_itinerary_line_takes_its_own_time_not_the_line_befores() -> None:
    text = (
        "Wednesday 12/2 - arrive at 3:45 PM, dinner with the chair at 7:00 PM\n"
        "Thursday 12/3 - 9:00 AM coffee with the dean; 3:30 PM job talk\n"
    )
    found = mentions(text, date(2026, 11, 30), LOS_ANGELES)
    assert found == [
        (date(2026, 12, 2), None),
        (date(2026, 12, 3), datetime(2026, 12, 3, 9, 0, tzinfo=LOS_ANGELES)),
    ]


def test_a_dash_before_no_clock_gives_no_time() -> None:
    assert mentions("by Friday 11 December - 2 candidates left", date(2026, 12, 7)) == [
        (date(2026, 12, 11), None)
    ]


@pytest.mark.parametrize(
    ("text", "said", "expected"),
    [
        # the country's order (12 October) fits Thursday only in 2028: the near one
        ("Thursday 12/10 at 10:00 AM ET would suit me", date(2026, 12, 8), date(2026, 12, 10)),
        # as before: the country's order when it fits and is near
        ("on Thursday 10/12", date(2026, 12, 8), date(2026, 12, 10)),
        ("on Tuesday 13/10", date(2026, 12, 8), date(2027, 10, 13)),
        # the other order does not fit the weekday: the country's
        ("on Friday 12/10", date(2026, 12, 8), date(2027, 10, 12)),
    ],
)
def test_a_weekday_that_fits_the_country_order_only_years_on(
    text: str, said: date, expected: date
) -> None:
    assert [due for due, _ in mentions(text, said)] == [expected]
