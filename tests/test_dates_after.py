"""A day, a week or a calendar week after "after" ("after Friday", "after the 15th", "after
week 48", "after next week") is the first business day after it, as "after the holidays" is;
"on or after", "the week after ...", "after the 2nd interview" are not (open items of the
2026-11-29 note)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from inbox_monitor.dates import BusinessCalendar, find_time_mentions, resolve_phrase
from inbox_monitor.models import Strength

ENGLAND = BusinessCalendar("GB", "ENG")
TUESDAY_WEEK_47 = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)
TUESDAY_WEEK_48 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
R, E = Strength.RELATIVE, Strength.EXPLICIT


@pytest.mark.parametrize(
    ("phrase", "due", "strength"),
    [
        ("after Friday", date(2026, 11, 23), R),  # Friday 20th: the Monday after
        ("after Thursday or Friday", date(2026, 11, 23), R),
        # the 15th of December (November's has passed), then the Wednesday after it
        ("after the 15th", date(2026, 12, 16), E),
        ("after the 15th, we will know more", date(2026, 12, 16), E),
        ("after 4 December", date(2026, 12, 7), E),  # a Friday: the Monday after
        # Christmas Eve: Christmas Day and the Boxing Day holiday (Monday 28th) skipped
        ("after 24 December", date(2026, 12, 29), E),
        ("after week 48", date(2026, 11, 30), E),  # week 48 ends Friday 27 November
        ("after KW 48", date(2026, 11, 30), E),
        ("after next week", date(2026, 11, 30), R),  # not a week from today (the 24th)
        ("after this week", date(2026, 11, 23), R),
    ],
)
def test_after_a_day_or_a_week_is_the_first_business_day_after_it(
    phrase: str, due: date, strength: Strength
) -> None:
    assert resolve_phrase(phrase, TUESDAY_WEEK_47, ENGLAND) == (due, strength)


def test_after_the_week_it_is_said_in() -> None:
    # said in week 48 itself: after its end too
    assert resolve_phrase("after week 48", TUESDAY_WEEK_48, ENGLAND) == (date(2026, 11, 30), E)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("on or after Friday", date(2026, 11, 20)),  # Friday itself may be the day
        ("the week after 7 December", date(2026, 12, 7)),  # a week said of another day
        ("the day after Friday", date(2026, 11, 20)),
        ("before Friday", date(2026, 11, 19)),  # (as before)
        ("by Friday", date(2026, 11, 20)),
        ("in week 48", date(2026, 11, 27)),
        ("after 2 weeks", date(2026, 12, 1)),  # a span from today, as before
    ],
)
def test_other_days_near_after_are_as_before(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, TUESDAY_WEEK_47, ENGLAND)[0] == due


@pytest.mark.parametrize(
    "text",
    [
        "after the 2nd interview",  # an ordinal of something else
        "after the 1st round",
        "after the 3rd candidate",
        "after week 2 of the graduate scheme",
    ],
)
def test_an_ordinal_or_a_week_of_something_after_after_is_no_date(text: str) -> None:
    assert [m for m in find_time_mentions(text, TUESDAY_WEEK_47, ENGLAND) if m.due] == []


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        # ISO week 2 of 2027 is Monday 11 to Sunday 17 January: its Friday, in the new year
        ("in week 2", date(2027, 1, 15)),
        ("by week 2", date(2027, 1, 15)),
        ("after week 2", date(2027, 1, 18)),
    ],
)
def test_a_bare_week_two_said_in_november_is_january(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, TUESDAY_WEEK_47, ENGLAND) == (due, E)
