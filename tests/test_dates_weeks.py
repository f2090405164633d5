"""Calendar weeks by number ("KW 51", "calendar week 2"), the German "between the years",
"mid of January", "15 Uhr" and "the first week of January" (user audit 5, B2 and B6)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from inbox_monitor.dates import (
    BusinessCalendar,
    find_time_mentions,
    parse_time_of_day,
    resolve_phrase,
)
from inbox_monitor.models import Strength

BERLIN = ZoneInfo("Europe/Berlin")
GERMANY = BusinessCalendar("DE", "BE")
# Tuesday 8 December 2026 (ISO week 50) and Wednesday 16 December 2026 (week 51)
TUESDAY = datetime(2026, 12, 8, 15, 0, tzinfo=BERLIN)
WEDNESDAY = datetime(2026, 12, 16, 16, 0, tzinfo=BERLIN)
R, E = Strength.RELATIVE, Strength.EXPLICIT


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("feedback in KW 51 at the latest", date(2026, 12, 18)),
        ("by KW51", date(2026, 12, 18)),
        ("in Kw 51", date(2026, 12, 18)),
        ("in calendar week 51", date(2026, 12, 18)),
        ("until week 51", date(2026, 12, 18)),
        ("in week 51", date(2026, 12, 18)),
        # a week of the new year said in December is next year's
        ("I will get in touch in KW 2", date(2027, 1, 15)),
        ("in calendar week 2", date(2027, 1, 15)),
        ("KW 02/2027", date(2027, 1, 15)),
        # 2026 has 53 ISO weeks: the last one's Friday is New Year's Day, a public holiday,
        # so it ends on Thursday 31 December
        ("in KW 53", date(2026, 12, 31)),
        # the week just gone is kept (a slip), as a date just past is
        ("in KW 49", date(2026, 12, 4)),
    ],
)
def test_a_calendar_week_is_its_friday(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, TUESDAY, GERMANY) == (due, E)


@pytest.mark.parametrize(
    "text",
    [
        "in week 2 of the graduate scheme you rotate teams",  # a week of something else
        "In week 30 we review the project.",  # far ahead: a week of a course, not a date
        "a 5 kW heater",
        "KW",
        "in KW 60",
        "week 2",  # no preposition of time
        "version 2.1 in week 3.5",
    ],
)
def test_other_week_numbers_are_no_date(text: str) -> None:
    assert [m for m in find_time_mentions(text, TUESDAY, GERMANY) if m.due] == []


def test_between_the_years_is_a_span_ending_on_new_years_eve() -> None:
    assert resolve_phrase("they will look at it between the years", WEDNESDAY, GERMANY) == (
        date(2026, 12, 31), R,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("mid of January", date(2027, 1, 15)),
        ("in the mid of January", date(2027, 1, 15)),
        ("mid-January", date(2027, 1, 15)),  # (as before)
        ("early January", date(2027, 1, 7)),  # (as before)
        # the first business day of the new year, whichever wording
        ("in the new year", date(2027, 1, 4)),
        ("after the holidays", date(2027, 1, 4)),
        # the week holding January's first Thursday (7 January) ends Friday 8 January
        ("in the first week of January", date(2027, 1, 8)),
        ("the second week of January", date(2027, 1, 15)),
        ("the last week of January", date(2027, 1, 29)),  # (its last business day)
    ],
)
def test_parts_of_a_month_and_the_new_year(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, WEDNESDAY, GERMANY) == (due, R)


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("Monday at 15 Uhr", datetime(2026, 12, 21, 15, 0, tzinfo=BERLIN)),
        ("Monday, 4 January 2027 at 9 Uhr", datetime(2027, 1, 4, 9, 0, tzinfo=BERLIN)),
        ("Friday 18.12. at 10.30 Uhr", datetime(2026, 12, 18, 10, 30, tzinfo=BERLIN)),
    ],
)
def test_a_german_time_of_day_in_uhr(text: str, at: datetime) -> None:
    (mention,) = find_time_mentions(text, WEDNESDAY, GERMANY)
    assert mention.at is not None and mention.at == at


def test_uhr_alone_is_a_time_and_other_numbers_are_not() -> None:
    assert parse_time_of_day("at 15 Uhr") == (time(15, 0), None)
    assert parse_time_of_day("15 Uhren im Angebot") is None
    assert parse_time_of_day("around 15 hours") is None
