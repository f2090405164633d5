"""Date phrases resolved against a message's Date, with weekends and public holidays."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_monitor.dates import (
    BusinessCalendar,
    business_days,
    business_days_past,
    easter,
    find_time_mentions,
    parse_time_of_day,
    resolve_phrase,
    time_phrase,
)
from inbox_monitor.errors import ConfigError
from inbox_monitor.models import Strength

EST = timezone(timedelta(hours=-5))
PST = timezone(timedelta(hours=-8))
US = BusinessCalendar("US")
ENGLAND = BusinessCalendar("GB", "ENG")
PLAIN = BusinessCalendar()

# Wednesday 25 November 2026, the day before US Thanksgiving.
THANKSGIVING_EVE = datetime(2026, 11, 25, 10, 0, tzinfo=EST)

R, E, V, N = Strength.RELATIVE, Strength.EXPLICIT, Strength.VAGUE, Strength.NONE


@pytest.mark.parametrize(
    ("phrase", "due", "strength"),
    [
        ("by Friday", date(2026, 11, 27), R),
        ("this Friday", date(2026, 11, 27), R),
        ("next Friday", date(2026, 12, 4), R),
        ("Monday", date(2026, 11, 30), R),
        ("before Friday", date(2026, 11, 25), R),  # Thursday is Thanksgiving
        ("tomorrow", date(2026, 11, 26), R),  # a calendar day, holiday or not
        ("this afternoon", date(2026, 11, 25), R),
        ("end of next week", date(2026, 12, 4), R),
        ("next week", date(2026, 12, 4), R),
        ("early next week", date(2026, 12, 1), R),
        ("mid next week", date(2026, 12, 2), R),
        ("the week after next", date(2026, 12, 11), R),
        ("the month after next", date(2027, 1, 29), R),  # (31 January is a Sunday)
        ("by end of day tomorrow", date(2026, 11, 26), R),  # not today's end of day
        ("tomorrow, close of play", date(2026, 11, 26), R),
        ("valid for 5 working days", date(2026, 12, 3), R),  # Thanksgiving is not one
        ("by the end of the week", date(2026, 11, 27), R),
        ("by the end of the month", date(2026, 11, 30), R),
        ("next month", date(2026, 12, 31), R),
        ("within 2 business days", date(2026, 11, 30), R),  # skips Thanksgiving + weekend
        ("within 5 business days", date(2026, 12, 3), R),
        ("within 5 working days", date(2026, 12, 3), R),
        ("within 5 days", date(2026, 11, 30), R),
        ("in the next day or two", date(2026, 11, 30), R),
        ("within a couple of days", date(2026, 11, 30), R),
        ("in a week", date(2026, 12, 2), R),
        ("in 2 weeks' time", date(2026, 12, 9), R),
        ("within 2-3 weeks", date(2026, 12, 16), R),
        ("within 48 hours", date(2026, 11, 27), R),
        # the Friday of the week holding December's first Thursday
        ("in the first week of December", date(2026, 12, 4), R),
        ("mid-December", date(2026, 12, 15), R),
        ("by end of week", date(2026, 11, 27), R),  # without "the", as mail often says
        ("by end of month", date(2026, 11, 30), R),
        ("in January", date(2027, 1, 29), R),  # its last business day
        ("after the holidays", date(2027, 1, 4), R),
        ("after Thanksgiving", date(2026, 11, 30), R),
        ("before Christmas", date(2026, 12, 24), R),
        ("by the 3rd", date(2026, 12, 3), E),
        ("by 12/4", date(2026, 12, 4), E),  # US: month first
        ("by December 4th", date(2026, 12, 4), E),
        ("on Tuesday, December 1", date(2026, 12, 1), E),
        ("by 4 December", date(2026, 12, 4), E),
        ("by November 20", date(2026, 11, 20), E),  # passed 5 days ago: a slip, overdue
        ("by October 20", date(2027, 10, 20), E),  # over a month past: next year
        ("on 18 July 2025", date(2025, 7, 18), E),  # an explicit year is kept
        ("by 2026-12-10", date(2026, 12, 10), E),
        ("by end of day Friday", date(2026, 11, 27), R),
        ("EOD Monday", date(2026, 11, 30), R),
        ("Friday next week", date(2026, 12, 4), R),
        ("Friday week", date(2026, 12, 4), R),
        ("in a fortnight", date(2026, 12, 9), R),
        ("Tuesday 8th", date(2026, 12, 8), E),  # the next 8th that is a Tuesday
        ("in the next day or so", date(2026, 11, 26), R),
    ],
)
def test_phrases_around_us_thanksgiving(phrase: str, due: date, strength: Strength) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (due, strength)


@pytest.mark.parametrize(
    "phrase", ["shortly", "soon", "in due course", "in the coming weeks", "as soon as possible"]
)
def test_vague_phrases_have_no_date(phrase: str) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (None, V)


@pytest.mark.parametrize(
    "phrase",
    ["by the way", "Friday's all-hands", "drop by", "by the team", "last Friday", "you may want"],
)
def test_phrases_that_name_no_time(phrase: str) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (None, N)


def test_weekends_only_calendar_counts_thanksgiving_as_a_working_day() -> None:
    assert resolve_phrase("within 2 business days", THANKSGIVING_EVE, PLAIN)[0] == date(
        2026, 11, 27
    )


def test_a_date_without_a_year_a_few_weeks_past_is_not_read_as_next_year() -> None:
    # a slip or a stale template; read as next year it would make the process look
    # patient for a year instead of overdue now
    assert resolve_phrase("by 26 October", THANKSGIVING_EVE, ENGLAND)[0] == date(2026, 10, 26)
    assert resolve_phrase("by 24 October", THANKSGIVING_EVE, ENGLAND)[0] == date(2027, 10, 24)
    assert resolve_phrase("by 11/20", THANKSGIVING_EVE, US)[0] == date(2026, 11, 20)
    # a weekday says which year: 13 November 2026 is a Friday, 20 November 2027 a Saturday
    assert resolve_phrase("by Friday 13 November", THANKSGIVING_EVE, ENGLAND)[0] == date(
        2026, 11, 13
    )
    assert resolve_phrase("on Saturday, November 20", THANKSGIVING_EVE, US)[0] == date(2027, 11, 20)
    assert resolve_phrase("on Sat 20/11", THANKSGIVING_EVE, ENGLAND)[0] == date(2027, 11, 20)
    # a weekday that fits neither does not move the date
    assert resolve_phrase("by Monday 20 November", THANKSGIVING_EVE, ENGLAND)[0] == date(
        2026, 11, 20
    )
    # New Year: December's last days are a few days past, not eleven months ahead
    new_year = datetime(2027, 1, 4, 9, 0, tzinfo=EST)
    assert resolve_phrase("by December 30", new_year, US)[0] == date(2026, 12, 30)
    assert resolve_phrase("by February 29", new_year, US)[0] == date(2028, 2, 29)


def test_numeric_dates_read_day_first_outside_north_america() -> None:
    assert resolve_phrase("by 12/4", THANKSGIVING_EVE, ENGLAND) == (date(2027, 4, 12), E)
    # 25/12 has only one valid reading, whatever the country
    assert resolve_phrase("by 25/12", THANKSGIVING_EVE, US) == (date(2026, 12, 25), E)


def test_year_end_with_english_bank_holidays() -> None:
    monday = datetime(2026, 12, 28, 9, 0, tzinfo=UTC)  # Boxing Day (observed)
    assert ENGLAND.holiday_name(monday.date()) is not None
    assert resolve_phrase("within 3 business days", monday, ENGLAND)[0] == date(2026, 12, 31)
    assert resolve_phrase("within 4 business days", monday, ENGLAND)[0] == date(2027, 1, 4)
    assert resolve_phrase("next week", monday, ENGLAND)[0] == date(2027, 1, 8)
    assert resolve_phrase("by January 5", monday, ENGLAND) == (date(2027, 1, 5), E)
    assert resolve_phrase("end of the month", monday, ENGLAND)[0] == date(2026, 12, 31)


def test_christmas_in_the_us() -> None:
    eve = datetime(2026, 12, 23, 16, 0, tzinfo=EST)
    assert resolve_phrase("within 2 business days", eve, US)[0] == date(2026, 12, 28)
    assert resolve_phrase("after the holidays", eve, US)[0] == date(2027, 1, 4)


def test_uk_late_summer_bank_holiday() -> None:
    friday = datetime(2026, 8, 28, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    assert resolve_phrase("within 1 working day", friday, ENGLAND)[0] == date(2026, 9, 1)
    assert resolve_phrase("within 1 working day", friday, US)[0] == date(2026, 8, 31)


def test_the_senders_day_counts_not_utc() -> None:
    late_friday = datetime(2026, 11, 27, 23, 30, tzinfo=PST)  # Saturday 07:30 in UTC
    assert resolve_phrase("tomorrow", late_friday, US)[0] == date(2026, 11, 28)
    assert resolve_phrase("this Friday", late_friday, US)[0] == date(2026, 11, 27)
    assert resolve_phrase("by Friday", late_friday, US)[0] == date(2026, 12, 4)
    in_utc = late_friday.astimezone(UTC)
    assert resolve_phrase("tomorrow", in_utc, US)[0] == date(2026, 11, 29)


def test_a_weekday_on_that_weekday_means_next_week() -> None:
    friday = datetime(2026, 11, 27, 9, 0, tzinfo=EST)
    assert resolve_phrase("on Friday", friday, US)[0] == date(2026, 12, 4)
    assert resolve_phrase("this Friday", friday, US)[0] == date(2026, 11, 27)
    assert resolve_phrase("end of the week", datetime(2026, 11, 28, tzinfo=EST), US)[0] == (
        date(2026, 12, 4)
    )


@pytest.mark.parametrize(
    "phrase", ["within 99999999 days", "in 99999999999 weeks", "within 999999999999 hours"]
)
def test_absurd_spans_are_vague(phrase: str) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (None, V)


@pytest.mark.parametrize(
    "phrase",
    [
        "on 31 December 9999 at 23:30 PST",  # year 10000 in UTC
        "by 9999-12-30",
        "by 12/31/9999",
        "in December 9999",
        "on 0001-01-01",
        "by 1 December 2036",  # just over ten years ahead
        "since 1 November 2016",  # just over ten years back
    ],
)
def test_a_date_more_than_ten_years_from_the_message_is_no_date(phrase: str) -> None:
    # "an interview on 31 December 9999 at 23:30 PST" in one email once made every board,
    # export and digest fail for as long as the mail was stored
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (None, V)
    mentions = find_time_mentions(phrase, THANKSGIVING_EVE, US)
    assert mentions and all(m.due is None and m.at is None for m in mentions)


def test_a_date_within_ten_years_is_kept_and_none_near_the_ends_of_the_calendar() -> None:
    assert resolve_phrase("by 20 November 2036", THANKSGIVING_EVE, US) == (date(2036, 11, 20), E)
    assert resolve_phrase("on 1 December 2016", THANKSGIVING_EVE, US) == (date(2016, 12, 1), E)
    # whatever the anchor, nothing lands within a year of date.max or date.min
    last = datetime(9999, 12, 31, 12, 0, tzinfo=PST)
    for phrase in ("today at 23:30 PST", "by Friday", "within 5 business days", "in 2 weeks"):
        assert resolve_phrase(phrase, last, PLAIN) == (None, V), phrase
        assert all(m.at is None for m in find_time_mentions(phrase, last, PLAIN))
    assert resolve_phrase("by the 3rd", datetime(1, 1, 1, tzinfo=UTC), PLAIN) == (None, V)


@pytest.mark.parametrize("phrase", ["by the 31st of February", "on February 30", "by 31/2"])
def test_impossible_dates_resolve_to_nothing(phrase: str) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US)[0] is None


def test_meeting_times_keep_their_zone() -> None:
    [interview] = find_time_mentions(
        "interview on Tuesday, December 1 at 10:00", THANKSGIVING_EVE, US
    )
    assert interview.at == datetime(2026, 12, 1, 10, 0, tzinfo=EST)
    [call] = find_time_mentions("call tomorrow at 3pm PST", THANKSGIVING_EVE, US)
    assert call.at == datetime(2026, 11, 26, 15, 0, tzinfo=PST)
    [slot] = find_time_mentions("2:30 PM (GMT) on Friday", THANKSGIVING_EVE, US)
    assert slot.at == datetime(2026, 11, 27, 14, 30, tzinfo=UTC)
    [noon] = find_time_mentions("on December 2 at noon ET", THANKSGIVING_EVE, US)
    assert noon.at is not None and noon.at.utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("phrase", "short"),
    [
        ("we'll get back to you by Friday", "by Friday"),
        ("you'll have it in writing by Wednesday", "by Wednesday"),
        ("will be notified via email on 18 July 2025 at 4pm UTC", "on 18 July 2025 at 4pm UTC"),
        ("we shall extend an offer to you within a day or two", "within a day or two"),
        ("they should contact you shortly", "shortly"),
        ("we'll be in touch", None),
    ],
)
def test_time_phrase_is_the_shortest_span_with_the_time(phrase: str, short: str | None) -> None:
    assert time_phrase(phrase, THANKSGIVING_EVE, US) == short


def test_counts_of_business_days_read_as_english() -> None:
    assert business_days(1) == "1 business day"
    assert business_days(3) == "3 business days"
    assert business_days_past(1, "overdue") == "1 business day overdue"
    assert business_days_past(8) == "8 business days ago"
    assert business_days_past(0) == "passed, no business day since"


def test_business_day_arithmetic() -> None:
    assert US.is_business_day(date(2026, 11, 26)) is False  # Thanksgiving
    assert US.is_business_day(date(2026, 11, 28)) is False  # Saturday
    assert US.is_business_day(date(2026, 11, 30)) is True
    assert "Thanksgiving" in (US.holiday_name(date(2026, 11, 26)) or "")
    assert PLAIN.holiday_name(date(2026, 12, 25)) is None
    assert US.add_business_days(date(2026, 11, 30), -2) == date(2026, 11, 25)
    assert US.add_business_days(date(2026, 11, 28), 0) == date(2026, 11, 28)
    assert US.business_days_between(date(2026, 11, 27), date(2026, 12, 1)) == 2
    assert US.business_days_between(date(2026, 12, 1), date(2026, 11, 27)) == -2
    assert US.business_days_between(date(2026, 11, 25), date(2026, 11, 30)) == 2
    assert US.business_days_between(date(2026, 11, 30), date(2026, 11, 30)) == 0


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(min_value=0, max_value=30 * 366),
)
def test_business_days_between_counts_weekdays_over_any_span(start: date, days: int) -> None:
    end = start + timedelta(days)
    weekdays = sum(1 for d in range(1, days + 1) if (start + timedelta(d)).weekday() < 5)
    assert PLAIN.business_days_between(start, end) == weekdays
    assert PLAIN.business_days_between(end, start) == -weekdays


def test_a_far_date_is_counted_not_refused() -> None:
    # a mistyped year (`expect --by 9999-12-31`) once made every board fail
    start = date(2026, 11, 27)
    far = US.business_days_between(start, date(9999, 12, 31))
    assert 2_079_000 < far < 2_081_000  # weekdays only past the first ten years
    decade = US.business_days_between(start, start + timedelta(3_660))
    assert decade < PLAIN.business_days_between(start, start + timedelta(3_660))  # holidays


def test_unknown_country_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        BusinessCalendar("XX")


def test_easter_matches_known_dates() -> None:
    assert easter(2026) == date(2026, 4, 5)
    assert easter(2027) == date(2027, 3, 28)


offsets = st.builds(
    timezone, st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23))
)


@settings(max_examples=300, deadline=None)
@given(
    phrase=st.text(max_size=120),
    anchor=st.datetimes(min_value=datetime(1, 1, 2), timezones=offsets),
)
def test_no_phrase_crashes_resolution(phrase: str, anchor: datetime) -> None:
    due, strength = resolve_phrase(phrase, anchor, PLAIN)
    assert strength in Strength
    assert due is None or abs((due - anchor.date()).days) <= 3650


WORD_SALAD = (
    "by within in next this end of the week month day days business working 31st 29th "
    "February December Friday tomorrow after before holidays Christmas 99999999 2 3 / 12 "
    "at 10:00 3pm EST early mid late first couple few or two"
)
words = st.sampled_from(WORD_SALAD.split(" "))


@settings(max_examples=300, deadline=None)
@given(
    tokens=st.lists(words, max_size=10),
    anchor=st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=offsets
    ),
)
def test_word_salad_resolves_without_error(tokens: list[str], anchor: datetime) -> None:
    due, _ = resolve_phrase(" ".join(tokens), anchor, US)
    assert due is None or date(1989, 1, 1) < due < date(2200, 1, 1)


# --- summer time, week-of, joined weekday and date, dotted dates, short forms, ranges ----

CEST = timezone(timedelta(hours=2))
EDT = timezone(timedelta(hours=-4))
BST = timezone(timedelta(hours=1))
ARIZONA = timezone(timedelta(hours=-7))


def _at(text: str, anchor: datetime) -> datetime:
    [timed] = [m for m in find_time_mentions(text, anchor, PLAIN) if m.at is not None]
    assert timed.at is not None
    return timed.at.astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "offset", "utc_hour"),
    [
        ("the panel meets on Tuesday 21 July at 09:30 CET", CEST, 7),  # 09:30 in Berlin
        ("a video call on Tuesday 21 July at 11am EST", EDT, 15),  # 11:00 in New York
        ("a phone screen on Tuesday 21 July at 4pm GMT", BST, 15),  # 16:00 in London
        ("a phone screen on Tuesday 21 July at 4pm UTC", BST, 16),  # UTC is UTC
        ("a video call on Tuesday 21 July at 11am MST", ARIZONA, 18),  # Arizona keeps MST
        ("the panel meets on Tuesday 21 July at 09:30 CET", UTC, 8),  # a server's +00:00
        ("the panel meets on Tuesday 21 July at 09:30 CEST", CEST, 7),
    ],
)
def test_a_standard_zone_from_a_sender_on_summer_time_is_local_time(
    text: str, offset: timezone, utc_hour: int
) -> None:
    anchor = datetime(2026, 7, 14, 16, 0, tzinfo=offset)
    assert _at(text, anchor).hour == utc_hour


def test_a_summer_sender_naming_cet_for_a_winter_day_gets_winter_time() -> None:
    # sent in October on +02:00 for a day after the clocks go back: 10:00 CET is 09:00 UTC
    anchor = datetime(2026, 10, 20, 9, 0, tzinfo=CEST)
    assert _at("interview on Monday 2 November at 10:00 CET", anchor).hour == 9


def test_parse_time_of_day_reads_cet_as_local_time_for_a_summer_sender() -> None:
    found = parse_time_of_day("it starts at 10:00 CET", datetime(2026, 7, 14, 9, 0, tzinfo=CEST))
    assert found is not None
    clock, zone = found
    assert datetime.combine(date(2026, 7, 21), clock, zone).utcoffset() == timedelta(hours=2)
    _, fixed = parse_time_of_day("it starts at 10:00 CET") or (None, None)
    assert fixed is not None and fixed.utcoffset(None) == timedelta(hours=1)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("on or before 4 December", date(2026, 12, 4)),  # inclusive
        ("on or before Friday", date(2026, 11, 27)),
        ("before 4 December", date(2026, 12, 3)),  # still the business day before
    ],
)
def test_on_or_before_is_the_day_itself(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US)[0] == due


@pytest.mark.parametrize(
    ("phrase", "calendar"),
    [
        ("we'll be in touch w/c 7 December", ENGLAND),
        ("w/c 7/12", ENGLAND),
        ("week commencing 7th December", ENGLAND),
        ("in the week beginning Monday 7 December", ENGLAND),
        ("the week of December 7", US),
        ("the week of the 7th", US),
        ("the week of December 6", US),  # a US week starting on Sunday
    ],
)
def test_a_week_named_by_its_first_day_ends_on_its_friday(
    phrase: str, calendar: BusinessCalendar
) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, calendar) == (date(2026, 12, 11), E)
    [mention] = find_time_mentions(phrase, THANKSGIVING_EVE, calendar)
    assert not mention.one_day  # a week, not a meeting's day


def test_after_a_week_named_by_its_first_day_is_the_week_after() -> None:
    for phrase in ("after the week of 7 December", "after w/c 7 December"):
        assert resolve_phrase(phrase, THANKSGIVING_EVE, ENGLAND) == (date(2026, 12, 18), E)


def test_a_day_named_without_week_of_stays_that_day() -> None:
    assert resolve_phrase("on 7 December", THANKSGIVING_EVE, ENGLAND)[0] == date(2026, 12, 7)
    assert resolve_phrase("the 7 December deadline", THANKSGIVING_EVE, ENGLAND)[0] == date(
        2026, 12, 7
    )


@pytest.mark.parametrize(
    ("phrase", "calendar"),
    [
        ("we'll get back to you by Friday (Dec 4)", US),
        ("by Friday (4 December)", ENGLAND),
        ("by Friday - 4/12", ENGLAND),
        ("Friday – 4 December", ENGLAND),
        ("by Friday (4th)", ENGLAND),
        ("by Fri (4/12)", ENGLAND),
    ],
)
def test_a_date_after_a_weekday_takes_over_its_reading(
    phrase: str, calendar: BusinessCalendar
) -> None:
    # the coming Friday is 27 November; the date they added says the week after
    mentions = find_time_mentions(phrase, THANKSGIVING_EVE, calendar)
    assert [(m.due, m.strength) for m in mentions] == [(date(2026, 12, 4), E)]


def test_a_weekday_that_does_not_fit_the_date_gives_way_to_the_date() -> None:
    # 5 December 2026 is a Saturday: the date is kept, still explicit
    assert resolve_phrase("by Friday 5 December", THANKSGIVING_EVE, ENGLAND) == (
        date(2026, 12, 5),
        E,
    )


def test_a_weekday_with_a_day_of_the_month_looks_two_months_ahead_at_most() -> None:
    # 13 December 2026 is a Sunday and 13 January 2027 a Wednesday: the one after fits
    assert resolve_phrase("by Wednesday 13th", THANKSGIVING_EVE, ENGLAND) == (
        date(2027, 1, 13),
        E,
    )
    # neither 5 December nor 5 January is a Wednesday: a slip, not 5 May 2027, the next
    # Wednesday the 5th
    assert resolve_phrase("by Wednesday the 5th", THANKSGIVING_EVE, ENGLAND) == (
        date(2026, 12, 5),
        E,
    )


@pytest.mark.parametrize(
    ("phrase", "due", "other_day"),
    [
        # 5 December 2026 is a Saturday: the weekday's day nearest it is the other reading
        ("we'll come back to you by Friday 5 December", date(2026, 12, 5), date(2026, 12, 4)),
        ("by Monday 5 December", date(2026, 12, 5), date(2026, 12, 7)),
        ("on Thurs 5/12", date(2026, 12, 5), date(2026, 12, 3)),
        ("by Wednesday the 5th", date(2026, 12, 5), date(2026, 12, 2)),
        # "before" moves both back a business day; "w/c" takes each one's week
        ("before Friday 5 December", date(2026, 12, 4), date(2026, 12, 3)),
        ("w/c Thursday 5 December", date(2026, 12, 11), date(2026, 12, 4)),
        ("w/c Monday 5 December", date(2026, 12, 11), None),  # both in the same week
        # a weekday that fits, or picks the year it fits, or no weekday: no other reading
        ("by Friday 4 December", date(2026, 12, 4), None),
        ("by Friday (Dec 4)", date(2026, 12, 4), None),
        ("on Saturday, 20 November", date(2027, 11, 20), None),
        ("by 5 December", date(2026, 12, 5), None),
        ("by Friday", date(2026, 11, 27), None),
    ],
)
def test_a_weekday_that_does_not_fit_its_date_is_kept_as_the_other_reading(
    phrase: str, due: date, other_day: date | None
) -> None:
    [mention] = find_time_mentions(phrase, THANKSGIVING_EVE, ENGLAND)
    assert (mention.due, mention.other_day) == (due, other_day)


@pytest.mark.parametrize(
    ("phrase", "calendar", "due"),
    [
        ("We will come back to you by 04.12.2026 at the latest", ENGLAND, date(2026, 12, 4)),
        ("by 04.12.2026", US, date(2026, 12, 4)),  # dotted: day first everywhere
        ("by 4.12.", ENGLAND, date(2026, 12, 4)),
        ("until 04.12. please", ENGLAND, date(2026, 12, 4)),
        ("reply by 4.12. Thanks", ENGLAND, date(2026, 12, 4)),  # within three months
        ("on Friday 4.12.", ENGLAND, date(2026, 12, 4)),
        ("deadline: 4.1.27", ENGLAND, date(2027, 1, 4)),
    ],
)
def test_dotted_dates_read_day_first(phrase: str, calendar: BusinessCalendar, due: date) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, calendar) == (due, E)


def test_a_dotted_dates_mention_keeps_its_final_dot() -> None:
    [mention] = find_time_mentions("please reply by 4.12. Thanks", THANKSGIVING_EVE, ENGLAND)
    assert mention.text == "4.12."


@pytest.mark.parametrize(
    "phrase",
    [
        "the call is at 9.12.",  # a time of day
        "at 10.30",
        "salaries grew by 2.5 years on years",
        "by 2.5",  # a number: one-digit month, no final dot
        "up by 4.5%",
        "release v1.2",
        "upgrade by 1.2.3",
        "we use Python 3.11 daily",
        "by 4.10 hours",
    ],
)
def test_decimals_versions_and_times_are_not_dotted_dates(phrase: str) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, ENGLAND)[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "I'll ring you back by 2.10 this afternoon.",
        "I'll get back to you by 11.05 this morning.",
        "I'll get back to you by 10.10 tomorrow.",
        "I'm in meetings until 2.10, will call you after.",
        "Please complete the test by 2.5.",
        "I'll call you by 2.10. This afternoon is busy.",
        "until 04.12 please",
    ],
)
def test_times_of_day_with_a_dot_are_not_dates(text: str) -> None:
    # British mail writes ten past two "2.10": without a year a dotted date needs its final
    # dot, and one that may end the sentence counts only three months ahead
    mentions = find_time_mentions(text, THANKSGIVING_EVE, ENGLAND)
    assert [m.text for m in mentions if re.search(r"\d\.\d", m.text)] == []


@pytest.mark.parametrize(
    ("phrase", "due", "strength"),
    [
        ("I'll get back to you by Fri.", date(2026, 11, 27), R),
        ("We'll confirm by Thurs.", date(2026, 11, 26), R),
        ("I'll give you a ring on Weds", date(2026, 12, 2), R),
        ("until Tue", date(2026, 12, 1), R),
        ("next Mon", date(2026, 11, 30), R),
        ("by Fri 4th", date(2026, 12, 4), E),
        ("will revert by EOW", date(2026, 11, 27), R),
        ("Will get back to u tmrw", date(2026, 11, 26), R),
        ("Will revert by tmrw EOD", date(2026, 11, 26), R),  # tomorrow's end, not today's
        ("speak tomoz", date(2026, 11, 26), R),
    ],
)
def test_short_weekdays_and_shorthand(phrase: str, due: date, strength: Strength) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (due, strength)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("I'll get back to you by Firday.", date(2026, 11, 27)),
        ("The client will decide by Fridya", date(2026, 11, 27)),
        ("We'll confirm on Wendesday", date(2026, 12, 2)),
        ("feedback due Wednsday", date(2026, 12, 2)),
        ("I'll call you Thrusday morning", date(2026, 11, 26)),
        ("the panel meets next Thursady", date(2026, 12, 3)),
        ("I'm away until Tusday", date(2026, 12, 1)),
        ("we'll ring you Firday week", date(2026, 12, 4)),
        ("by Thursday or Firday", date(2026, 11, 27)),
    ],
)
def test_misspelled_weekdays_where_a_weekday_is_expected(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, ENGLAND) == (due, R)


def test_a_misspelled_weekday_before_a_date_is_the_dates() -> None:
    mentions = find_time_mentions("by Firday 4 December", THANKSGIVING_EVE, ENGLAND)
    assert [(m.text, m.due, m.strength) for m in mentions] == [
        ("Firday 4 December", date(2026, 12, 4), E)
    ]


@pytest.mark.parametrize(
    "phrase",
    [
        "the report was signed by Munday and Frida",  # surnames, not slips
        "Firday",  # a slip alone: no preposition, time of day or date says it is a day
        "Thanks, Wendesday team",
    ],
)
def test_misspelled_weekdays_need_a_place_where_a_weekday_is_expected(phrase: str) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, ENGLAND) == (None, N)


@pytest.mark.parametrize(
    "phrase",
    [
        "office hours Mon-Fri",
        "Thanks, Mon",
        "I sat on the panel",
        "greetings from Sun Life",
        "we met on the sun deck by the Sea",  # lower case in mixed-case text
        "Sat on it",
    ],
)
def test_short_weekdays_need_a_preposition_and_a_capital(phrase: str) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (None, N)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("The client will give feedback by Thursday or Friday", date(2026, 11, 27)),
        ("Monday or Tuesday next week", date(2026, 12, 1)),
        ("by Friday or Monday", date(2026, 11, 30)),
        ("Thurs/Fri", date(2026, 11, 27)),
        ("before the end of next week", date(2026, 12, 4)),
        ("before the end of the month", date(2026, 11, 30)),
        ("before EOW", date(2026, 11, 27)),
    ],
)
def test_ranges_and_period_ends_take_the_later_day(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (due, R)


def test_either_of_two_days_is_not_a_single_day() -> None:
    [mention] = find_time_mentions("interview on Monday or Tuesday", THANKSGIVING_EVE, US)
    assert mention.due == date(2026, 12, 1) and not mention.one_day


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("We will get back to you no later than 10 days from today.", date(2026, 12, 5)),
        ("two weeks from now", date(2026, 12, 9)),
        ("5 working days from the date of this email", date(2026, 12, 3)),
        ("within 24hrs", date(2026, 11, 26)),
        ("in 48h", date(2026, 11, 27)),
        ("by the end of the year", date(2026, 12, 31)),
        ("by the end of next year", date(2027, 12, 31)),
        ("in Q1", date(2027, 3, 31)),
        ("by the end of Q4", date(2026, 12, 31)),
        ("by Q1", date(2027, 1, 1)),
        ("during the second quarter of 2027", date(2027, 6, 30)),
    ],
)
def test_spans_from_today_years_and_quarters(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US) == (due, R)


@pytest.mark.parametrize("phrase", ["our Q1 results", "this year", "the new year's eve party"])
def test_quarters_and_years_need_a_preposition_or_an_end(phrase: str) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, US)[0] is None


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("we'll have an answer for you by Christmas", date(2026, 12, 24)),
        ("by the weekend", date(2026, 11, 27)),
        ("after Christmas", date(2027, 1, 4)),
        ("by Easter", date(2027, 3, 25)),  # the business day before Good Friday
    ],
)
def test_by_a_holiday_is_before_it_not_after(phrase: str, due: date) -> None:
    assert resolve_phrase(phrase, THANKSGIVING_EVE, ENGLAND)[0] == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("I will come back to you before the 27th.", date(2026, 11, 26)),
        ("We'll decide on or before the 27th.", date(2026, 11, 27)),
        ("Let us know by the 27th.", date(2026, 11, 27)),
        ("Please reply before the 30th.", date(2026, 11, 27)),  # Mon 30th: the Friday before
    ],
)
def test_before_an_ordinal_day_is_the_business_day_before_it(text: str, due: date) -> None:
    (mention,) = find_time_mentions(text, datetime(2026, 11, 18, 10, tzinfo=UTC), ENGLAND)
    assert mention.due == due


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("We'll get back to you by  the 27th.", date(2026, 11, 27)),  # two spaces
        ("Please reply before  the 30th.", date(2026, 11, 27)),
        ("We'll decide on / before\tthe 27th.", date(2026, 11, 27)),
    ],
)
def test_an_ordinal_day_after_more_than_one_space_is_still_a_date(text: str, due: date) -> None:
    (mention,) = find_time_mentions(text, datetime(2026, 11, 18, 10, tzinfo=UTC), ENGLAND)
    assert (mention.due, mention.strength) == (due, E)


@pytest.mark.parametrize(
    "text", ["She was the 3rd candidate we saw.", "Nearby  the 2nd entrance.", "the 27th"]
)
def test_an_ordinal_day_without_a_preposition_is_no_date(text: str) -> None:
    assert find_time_mentions(text, datetime(2026, 11, 18, 10, tzinfo=UTC), ENGLAND) == []


@pytest.mark.parametrize(
    ("phrase", "due", "strength"),
    [
        ("before the end of the day on the 27th", date(2026, 11, 27), E),
        ("by end of day on 4 December", date(2026, 12, 4), E),
        ("by close of business, Friday 4 December", date(2026, 12, 4), E),
        ("by EOD on 12/4", date(2026, 12, 4), E),
        # "before" the end of a day is still that day, as before the end of a week
        ("before the end of the day on Friday", date(2026, 11, 27), R),
        ("by EOD Fri", date(2026, 11, 27), R),
    ],
)
def test_the_end_of_a_named_day_is_that_day(phrase: str, due: date, strength: Strength) -> None:
    (mention,) = find_time_mentions(phrase, THANKSGIVING_EVE, US)
    assert (mention.due, mention.strength) == (due, strength)
    assert phrase.endswith(mention.text)  # quoted whole, from the end of day on


def test_an_end_of_day_and_a_day_said_apart_stay_apart() -> None:
    mentions = find_time_mentions(
        "I'll reply by end of day and we meet on Friday.", THANKSGIVING_EVE, US
    )
    assert [m.due for m in mentions] == [date(2026, 11, 25), date(2026, 11, 27)]


@pytest.mark.parametrize(
    ("text", "at"),
    [
        # a hard-wrapped line between a day and its time, next to "at"
        ("Can we do Wednesday 2 December\nat 15:00 instead?", datetime(2026, 12, 2, 15, 0, tzinfo=EST)),
        ("Can we do Wednesday 2 December at\n15:00 instead?", datetime(2026, 12, 2, 15, 0, tzinfo=EST)),
        # a time on a line of its own, or after a blank line, is not that day's
        ("Wednesday 2 December\n15:00 team lunch", None),
        ("Wednesday 2 December\n\nat 15:00", None),
    ],
)  # fmt: skip
def test_a_time_wrapped_onto_the_next_line_after_at_is_the_days(
    text: str, at: datetime | None
) -> None:
    (mention,) = find_time_mentions(text, THANKSGIVING_EVE, US)
    assert (mention.due, mention.at) == (date(2026, 12, 2), at)


@pytest.mark.parametrize(
    ("text", "at"),
    [
        # a scheduling tool's date line (with its year, or its zone) and the time below it
        ("Wednesday, December 9, 2026\n9:00 AM - 12:30 PM (Pacific Time)",
         datetime(2026, 12, 9, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
        ("Thursday, December 10 (ET)\n10:00 AM - Systems Design",
         datetime(2026, 12, 10, 10, 0, tzinfo=timezone(timedelta(hours=-5)))),
        ("Date: Thursday, December 10\nTime: 2:00 PM PST", datetime(2026, 12, 10, 14, 0, tzinfo=PST)),
        # Calendly writes the time first, then a dash
        ("Former: 11:00am - Monday, November 30, 2026", datetime(2026, 11, 30, 11, 0, tzinfo=EST)),
    ],
)  # fmt: skip
def test_a_confirmations_time_on_the_next_line_or_before_a_dash_is_the_days(
    text: str, at: datetime
) -> None:
    (mention,) = [m for m in find_time_mentions(text, THANKSGIVING_EVE, US) if m.due]
    assert (mention.due, mention.at) == (at.date(), at)


@pytest.mark.parametrize(
    ("phrase", "anchor", "due"),
    [
        # in the week of Thanksgiving "the holiday" is Thanksgiving (as "after Thanksgiving")
        ("after the holiday", THANKSGIVING_EVE, date(2026, 11, 30)),
        ("after the holiday break", THANKSGIVING_EVE, date(2026, 11, 30)),
        ("before the holiday", THANKSGIVING_EVE, date(2026, 11, 25)),
        # not "the holidays", nor "the holiday season", nor a week before Christmas
        ("after the holidays", THANKSGIVING_EVE, date(2027, 1, 4)),
        ("after the holiday season", THANKSGIVING_EVE, date(2027, 1, 4)),
        ("after the holiday", datetime(2026, 12, 18, 10, 0, tzinfo=EST), date(2027, 1, 4)),
    ],
)
def test_after_the_holiday_is_after_the_one_at_hand(
    phrase: str, anchor: datetime, due: date
) -> None:
    assert resolve_phrase(phrase, anchor, US)[0] == due
