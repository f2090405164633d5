"""Business days and date phrases ("by Friday", "within 5 business days") resolved to dates.

Pure: nothing here reads the clock; every phrase is resolved against an anchor, the
message's own Date (tz-aware, in the sender's UTC offset), so the sender's calendar day
counts: a message sent Friday 23:30 -08:00 was sent on Friday, even though it is Saturday
in UTC.

Decisions (each is a guess about what a sender means; the tracker shows the phrase too):
- A bare weekday ("by Friday", "on Monday") is the next such day strictly after the
  anchor day: on a Friday, "by Friday" means the Friday a week later. "this Friday" is
  the same, except that on a Friday it means today. "next Friday" and "Friday next
  week" are the Friday of the following Monday-to-Sunday week; "Friday week" is a week
  after the coming Friday. "before Friday" is the business day before it; "on or before
  Friday" is Friday. "after Friday" (or after a date, a week: "after week 48", "after next
  week") is the first business day after it, as "after the holidays" is; "on or after
  Friday" is Friday, and "the week after 7 December" is not shifted. Short forms ("Fri",
  "Thurs", "Weds") count capitalised and after "by", "on", "until", "before", "due",
  "this", "next" or "coming": alone, "Mon" and "Sat" are words. "Thursday or Friday" and
  "Monday or Tuesday next week" are the later day, as a range takes its upper bound.
  Common slips ("Firday", "Thrusday", "Wendesday", a closed list of non-words) read as the
  weekday where one is expected: after those words, before "morning", "afternoon",
  "evening" or "next week", or with a date.
- "next week" and "end of next week" are the Friday of the following week; "this week",
  "end of the week" and "later this week" are the Friday of the anchor's week (the next
  Friday when the anchor is a weekend); "early next week" is its Tuesday, "mid next
  week" its Wednesday; "end of week" and "EOW" as "end of the week". "end of the month"
  (or "end of month") / "next month" are the month's last day, "early next month" its
  7th, "mid next month" its 15th; "the end of the year" 31 December. "before the end of"
  a week, month or year is its end: the promise is kept on the last day.
- "w/c 7 December", "week commencing/beginning 7th December", "the week of December 7"
  are the Friday of that week (the first Friday on or after the day named), as "next
  week" is.
- A week's end that is a public holiday is the week's last business day before it: "by
  the end of next week" said on Monday 14 December 2026 in England is Thursday 24 December,
  not Christmas Day (so are "next week", "this week", "w/c ...", "the first week of ...",
  "KW 53"), unless that day is before the anchor. A day named ("by Friday", "Friday 25
  December") is kept as given: the sender chose it.
- A month's (or quarter's) end that is a weekend day or a public holiday is the month's
  last business day before it: "at the end of January" 2027 is Friday 29 January, as are
  "in January", "late January" and "end of next month" said in December 2026 (unless that
  day is before the anchor). A day named ("by Sunday 31 January") is kept as given.
- "tomorrow" (or "tmrw", "tmr", "2moro", "tomoz") is the next calendar day; "today", "this
  afternoon", "end of day": the anchor day; "end of day tomorrow", "close of play
  tomorrow", "tomorrow, COB", "tmrw EOD": tomorrow; "end of the day on the 27th", "EOD
  Monday", "close of business, Friday 27 November": that day, "before" them too.
- "the week after next" is the Friday of the week after the following one; "the month
  after next" that month's last day.
- "within the week" is its Friday, "within the month" its last day. "valid for 5 working
  days", "open for two weeks", "allow 5-7 business days" and "up to 2 weeks" are spans
  like "within"; "for" alone is none; so are "10 days from today", "two weeks from now".
  "24hrs" and "48h" are hours.
- "within N business/working days" skips weekends and the calendar's public holidays;
  "within N days" counts calendar days; "a day or two" and "a couple of days" are two
  business days, "a few days" three; weeks and months are calendar spans ("a few" = 3,
  "several" = 5). Ranges ("2-3 weeks") take the upper bound. Spans longer than ten years
  are no usable date: (None, VAGUE). "in the coming weeks" is VAGUE.
- Any date more than ten years before or after the anchor ("31 December 9999", a mistyped
  year), or within a year of either end of the calendar, is no usable date either: (None,
  VAGUE). No hiring process waits that long, and the room keeps the week, hour and
  business-day arithmetic done on a date later on the calendar.
- A month and day without a year ("December 4", "12/4") is the next such date on or after
  the anchor day, except that a date at most a month past is that past date (a slip or
  a stale template: kept as written rather than moved a year on; track.py does not hold
  them to it and waits the default time from the message). A weekday with it
  ("Friday 13 November") picks whichever of those two it falls on. An explicit year is
  kept. The weekday may come with the date in brackets or after a dash ("Friday (Dec 4)",
  "Friday - 4/12"): one mention, the date's. When the weekday does not fit the date
  ("Friday 5 December" in a year where the 5th is a Saturday) the date is the due day,
  still EXPLICIT, and the mention's `other_day` is that weekday's day nearest the date
  (Friday 4 December): either may be the slip, so extract.py chooses by who must act (the
  later day before chasing them, the earlier for what the user must do) and says so.
  Numeric dates are month-first for US/CA/PH calendars and when no country is set, day-
  first elsewhere (a calendar read for a sender who writes month first is month-first:
  reading_month_first); when only one reading is a valid date, that one is used, and the other
  order is used when it is within two months and fits the weekday named while the
  country's does not ("Thursday 12/3" on 30 November 2026 in England is 3 December) or lies
  more than half a year off ("Thursday 12/10" on 8 December 2026 is 10 December, not 12
  October 2028), or when the country's order is more than half a year off ("by 12/7"
  written on 3 December in England is 7 December: a US sender's, not 12 July). A numeric
  date without a year counts only after "by", "on", "before", "until", a weekday etc.
  Dotted dates ("04.12.2026", "4.12.") are day first everywhere; without a year they also
  need their final dot ("by 4.12.", not "by 2.10" or "by 11.05", times of day in British
  mail), within three months ahead when that dot may end the sentence ("by 2.10." in
  November is a time, not next October), and never read as a time ("at 10.30", "by 2.10.
  this afternoon") or before a unit ("2.5 years").
- "by the 3rd" is the next 3rd of a month on or after the anchor day (explicit), "before
  the 3rd" the business day before it, "after the 3rd" the business day after it (only
  where nothing it counts follows: not "after the 2nd interview"); "the 3rd" alone (no by,
  on, before, after, until, till, weekday or "week of") is no date;
  "Tuesday 20th" is the next 20th, or the one after when only that one is a Tuesday;
  when neither is, the next 20th, with the Tuesday nearest it as `other_day`.
- A month alone needs a preposition or a position: "in/during/end of/late December" is
  its last day, "by/until December" its first, "before December" the day before,
  "early/start of December" the 7th, "mid-December" and "mid of December" the 15th; "the
  first half of January" the 15th too (the last business day on or before it: its promise
  is kept by then), "the second half" the month's end; "the
  first week of December" is the Friday of the week holding the month's first Thursday
  (most of that week is in the month: 8 January 2027, 4 December 2026), "the second week"
  the Friday after, and so on. It rolls to next year only when the month is before the
  anchor's month. "May" and "March" count only when capitalised (or when the whole text is
  lower case, as in some archives). Calendar quarters read the same way:
  "in Q1", "by the end of Q1" its last day, "by Q1" its first, "before Q1" the day
  before; "Q1 results" is no date.
- A calendar week by its number, as German senders write it ("KW 51", "KW2", "in calendar
  week 2", "KW 02/2027"), is the Friday of that ISO week (EXPLICIT): of the anchor's year,
  or the next when that Friday is more than a month past ("KW 2" written in December is
  January). "week 51" alone counts only after "in", "by", "until", "till", "before",
  "during" or "after", not before "of" ("in week 2 of the scheme"), and within 13 weeks
  ahead.
- "between the years" (the German idiom for 27-31 December) is a span ending on 31
  December.
- "after the holidays" (or "in the new year", "until the new year") in November to 10
  January is the first business day on or after 2 January; at other times, the first
  business day after the calendar's next public holiday within 60 days (else no date,
  VAGUE). "before Christmas" is the last business day before 25 December, and so is "by
  Christmas" ("by" a holiday is before it); "after Thanksgiving" the Monday after US
  Thanksgiving. "after the holiday" (singular, not "the holiday season") within a week of a
  public holiday other than Christmas or New Year's Day is after that one: in the week of
  Thanksgiving, as "after Thanksgiving".
- "shortly", "soon", "in due course", "as soon as possible": no date, VAGUE. A phrase
  with no time expression at all: (None, NONE).
- Strength: EXPLICIT when a calendar date is named (a month and day, 12/4, 2026-12-04,
  "the 3rd"); RELATIVE for everything else that resolves from the anchor, weekday names
  included ("by Wednesday" is relative: it means a date only given the day it was said).
- A time of day next to a date ("Tuesday, December 1 at 10:00", "3pm EST", "2:30 PM
  (GMT)", "15:00 CET", "15 Uhr", Calendly's "11:00am - Monday, November 23, 2026") gives a
  tz-aware `at`, in the named zone or else the sender's. So does a time opening the line
  after a date that ends its own, as scheduling tools write them ("Thursday, December 10,
  2026 (PST)" / "10:00 AM - Systems Design", "Date: ..." / "Time: 10:00 AM PT"), when the
  date has its year or a zone in brackets or the time its "Time:" label (in the date line's
  zone when the time names none); a person's "Wednesday 2 December" / "15:00 team lunch"
  is an agenda, its time not that day's.
  A window's start takes its end's am or pm ("between 9 and 11am" is 9:00, "1-3pm" 13:00);
  "12 noon" is noon, one mention.
  A bare hour ("Friday at 2") is no time of day, except where extract.py reads an invitation
  (invitation_time): there 1 to 6 is the afternoon's, 8 to 12 the morning's, and "at 2:30"
  without am or pm is 14:30; so is a British dotted time ("at 2.30 on Thursday"; "at
  14.30" and "at 09.30" as written). Alone, "at 2.30" is no time: a price or a version.
  A standard-time name (CET, EET, GMT, EST, CST, MST, PST, AEST) from a sender whose own
  offset is that region's summer offset means the region's local time: "10:00 CET" from
  +02:00 in July is 10:00 in Berlin, as many write CET and EST all year. Otherwise the
  name is its fixed offset (Arizona's "MST" in July, "CET" from a +00:00 server); "UTC"
  is always UTC.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from calendar import monthrange
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import holidays

from inbox_monitor.errors import ConfigError
from inbox_monitor.models import Strength

logger = logging.getLogger(__name__)

_MAX_SPAN_DAYS = 3650
# A resolved date must leave this much of the calendar on either side (see _usable).
_CALENDAR_ROOM = timedelta(days=366)
_MONTH_FIRST_COUNTRIES = frozenset({"US", "CA", "PH", "FM", "PW", "MH"})


# business_days_between looks holidays up over this many days, and counts weekdays beyond.
_EXACT_SPAN_DAYS = 3_660


class BusinessCalendar:
    """Weekends (Saturday, Sunday) plus the public holidays of one country.

    `country` is an ISO 3166 code known to the `holidays` package ("US", "GB", ...) with
    an optional `subdivision` ("ENG", "CA"); None means weekends only. Raises ConfigError
    for a country or subdivision the package does not know.
    """

    def __init__(self, country: str | None = None, subdivision: str | None = None) -> None:
        self.country = country.upper() if country else None
        self.subdivision = subdivision
        self._month_first: bool | None = None  # (reading_month_first)
        self._holidays: holidays.HolidayBase | None = None
        if self.country:
            try:
                self._holidays = holidays.country_holidays(self.country, subdiv=subdivision)
            except NotImplementedError as err:
                raise ConfigError([f"unknown holiday country or subdivision: {err}"]) from err

    @property
    def month_first(self) -> bool:
        """Whether numeric dates such as 12/4 read month first here."""
        if self._month_first is not None:
            return self._month_first
        return self.country is None or self.country in _MONTH_FIRST_COUNTRIES

    def reading_month_first(self) -> BusinessCalendar:
        """This calendar (its holidays the same) reading numeric dates month first: for mail
        whose sender writes them so (extract.py decides)."""
        reading = copy(self)
        reading._month_first = True
        return reading

    def holiday_name(self, day: date) -> str | None:
        """The public holiday's name on `day`, or None (weekends are not holidays)."""
        if self._holidays is None:
            return None
        name = self._holidays.get(day)
        return str(name) if name else None

    def is_business_day(self, day: date) -> bool:
        """Monday to Friday and not a public holiday."""
        return day.weekday() < 5 and self.holiday_name(day) is None

    def add_business_days(self, start: date, days: int) -> date:
        """The date `days` business days after `start` (before it when negative).

        Zero returns `start` itself, business day or not. Raises ValueError beyond
        100,000 days and OverflowError past the end of the calendar.
        """
        if abs(days) > 100_000:
            raise ValueError(f"too many business days: {days}")
        step = timedelta(days=1 if days >= 0 else -1)
        current, remaining = start, abs(days)
        while remaining:
            current += step
            if self.is_business_day(current):
                remaining -= 1
        return current

    def next_business_day(self, day: date) -> date:
        """`day` itself when it is a business day, else the next one."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """Business days after `start` up to and including `end`; negative when end < start.

        A due date of Friday checked on the following Tuesday is 2 business days overdue.
        Holidays are counted for the first ten years of a span; beyond them (a mistyped
        year, a far --as-of) only weekends are.
        """
        if end < start:
            return -self.business_days_between(end, start)
        span = (end - start).days
        exact = min(span, _EXACT_SPAN_DAYS)
        count = sum(
            1 for offset in range(1, exact + 1) if self.is_business_day(start + timedelta(offset))
        )
        rest = span - exact  # weekdays in the days after the exact part
        weeks, extra = divmod(rest, 7)
        first = start.weekday() + exact + 1  # the weekday after the exact part, mod 7
        return count + 5 * weeks + sum(1 for offset in range(extra) if (first + offset) % 7 < 5)


def business_days(count: int) -> str:
    """'1 business day', '3 business days'."""
    return f"{count} business day" + ("" if count == 1 else "s")


def business_days_past(count: int, suffix: str = "ago") -> str:
    """'3 business days ago' for a date `count` business days behind; a date passed with
    no business day since (a Friday seen on Saturday) says so instead of '0 ... ago'."""
    return f"{business_days(count)} {suffix}" if count else "passed, no business day since"


@dataclass(frozen=True)
class TimeMention:
    """One time expression found in a text: its span, resolved date and strength.

    `at` is set when a time of day came with a date ("at 10:00", "3pm EST"), tz-aware.
    """

    start: int
    end: int
    text: str
    due: date | None
    strength: Strength
    at: datetime | None = None
    one_day: bool = False  # names a single day ("Tuesday", "Dec 1"), not a span or period
    # a weekday that does not fit the date it comes with ("Friday 5 December", the 5th a
    # Saturday): that weekday's day nearest the date (Friday 4 December); `due` is the date
    other_day: date | None = None


# --- grammar ---------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {name: index + 1 for index, name in enumerate(_MONTH_NAMES)}
_MONTHS.update({name[:3]: index + 1 for index, name in enumerate(_MONTH_NAMES)})
_MONTHS["sept"] = 9
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "couple": 2, "few": 3,
    "several": 5,
}  # fmt: skip
_CAPITALISED_ONLY = frozenset({"may", "mar", "march"})
_WEEKDAY_RE = "|".join(_WEEKDAYS)
_WEEKDAY_PREFIXES = tuple(name[:2] for name in _WEEKDAYS)  # "tu", "th": each unique
# Short weekdays alone ("by Fri", "on Weds") count only after a preposition (see _weekday)
_WEEKDAY_SHORT_RE = r"mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun"
_WEEKDAY_SHORT = frozenset(
    {"mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun"}
)
_WEEKDAY_ABBR_RE = rf"(?:{_WEEKDAY_SHORT_RE})\.?"
# Weekdays as they are mistyped ("by Firday", "on Wendesday"): a closed list of slips that
# are no word or name ("Munday" and "Frida" are names), read only where a weekday is
# expected (see _weekday)
_WEEKDAY_TYPOS = {
    typo: index
    for index, typos in enumerate(
        (
            ("monady", "mondya", "moday", "mnoday"),
            ("tuesay", "teusday", "tusday", "tuseday", "tueday", "tuesdya", "tuesady"),
            ("wednsday", "wendesday", "wedensday", "wensday", "wendsday", "wednesay", "wedneday",
             "wednessday", "wedesday", "wednseday", "wednesdya", "wednesady"),
            ("thrusday", "thursady", "thurday", "thursay", "thusday", "thurdsay", "thursdya"),
            ("firday", "fridya", "fiday", "frday", "friady", "fridy", "frieday"),
            ("saturady", "satruday", "saterday", "saturdy", "satuday"),
            ("sundya", "snuday", "sunady"),
        )
    )
    for typo in typos
}  # fmt: skip


def _by_first_letter(words: list[str]) -> str:
    """A regex alternation of `words` grouped by first letter ("f(?:irday|iday)|t(?:..."): a
    place where none starts costs a comparison per letter, not one per word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_WEEKDAY_TYPO_RE = _by_first_letter(list(_WEEKDAY_TYPOS))
# Any weekday before a date: the name, a slip or a short form ("Fri.")
_ANY_WEEKDAY_RE = _by_first_letter(
    [*_WEEKDAYS, *_WEEKDAY_TYPOS, *(rf"{short}\.?" for short in _WEEKDAY_SHORT)]
)
_MONTH_RE = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_FULL_MONTH_RE = "|".join(_MONTH_NAMES)
_NUMBER_RE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_ORD = r"(?:\s?(?:st|nd|rd|th)\b)"
# A weekday before a date, also with the date in brackets or after a dash: "Friday (Dec 4)",
# "Friday - 4/12"; _CLOSE takes the bracket's end.
_WEEKDAY_SEPARATOR = r"(?:\s?,?\s+|\s*(?P<bracket>\()\s*|\s+[-–—]\s+)"
_LEAD_WEEKDAY = rf"(?:(?P<weekday>{_ANY_WEEKDAY_RE}){_WEEKDAY_SEPARATOR})?"
_CLOSE = r"(?(bracket)\s*\))"
_YEAR = r"(?:\s?,?\s+(?P<year>\d{4})\b)?"
DATE_PREPOSITION = re.compile(
    rf"(?:\b(?:by|on|before|until|till|til|due|from|for|of|after|than|deadline:?|date:?"
    r"|w/c|commencing|beginning)"
    rf"|\b(?:{_ANY_WEEKDAY_RE})\s?,?)\s*$",
    re.IGNORECASE,
)
_DOTTED_CONTEXT = re.compile(
    r"\b(?:by|on|before|until|till|til|due|from|after|than|w/c|commencing|beginning"
    r"|deadline:?|date:?)\s*$",
    re.IGNORECASE,
)
_PAST_BEFORE = re.compile(r"\b(?:last|past|previous|since|ago)\s+$", re.IGNORECASE)
# "before Friday" is the day before; "on or before Friday" ("on/before") is Friday itself
_BEFORE = re.compile(r"(?<!\bor\s)(?<!/)(?<!/\s)\bbefore\s+(?:the\s+)?$", re.IGNORECASE)
# "after Friday" is the business day after; not "on or after Friday", nor "the week after
# Friday", "the Monday after 7 December", "the day after ..." (a day said of another)
_AFTER = re.compile(
    r"(?<!\bor\s)(?<!/)(?<!/\s)(?<!day\s)(?<!week\s)(?<!month\s)\bafter\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# What a short weekday alone must follow: "by Fri", "on Weds", "next Thurs", "EOD Fri"
_SHORT_WEEKDAY_BEFORE = re.compile(
    r"\b(?:by|on|until|till|til|before|due|this|next|coming|eod|cob|day|business|play)\s+$",
    re.IGNORECASE,
)
# "w/c 7 December", "week commencing Monday", "the week of December 7": that week's Friday
_WEEK_OF = re.compile(
    r"\b(?:w\s?/\s?c|w\.c\.?|(?:the\s+)?week\s+(?:commencing|beginning|starting|of))"
    r"\s*:?\s*$",
    re.IGNORECASE,
)

# (a window's start takes its end's am or pm: "between 9 and 11am", "from 1-3pm" are 9:00 and
# 13:00, "11-1pm" 11:00)
_TIME_PATTERN = (
    r"(?:\b(?:at|@|from)\s*|\b(?P<between>between)\s+)?"
    r"\b(?:(?:12\s*)?(?P<noon>noon|midday)|(?P<hour>\d{1,2})"
    r"(?:(?P<colon>[:.])(?P<minute>\d{2}))?\s*(?:(?P<ampm>[ap]\.?\s?m\b\.?)|(?P<uhr>uhr\b))?)"
    r"(?:\s*(?(between)(?:and|-|–)|(?:-|–|to|until))\s*(?P<end_hour>\d{1,2})(?:[:.]\d{2})?\s*"
    r"(?P<end_ampm>[ap]\.?\s?m\b\.?)?)?"
    r"(?:\s*\(?\s*(?P<tz>(?:utc|gmt)\s?[+-]\s?\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}"
    r"|utc|gmt|bst|cest|cet|eest|eet|est|edt|cst|cdt|mst|mdt|pst|pdt|ist|aest|aedt|jst|sgt"
    r"|et|pt|ct|mt|(?:eastern|pacific|central|mountain|uk|london)(?:\s+time)?)\b\s*\)?)?"
)
TIME_OF_DAY = re.compile(_TIME_PATTERN, re.IGNORECASE)
# (a line break only next to "at": "Wednesday 11 November\nat 15:00" hard-wrapped)
# (or a dash, as an itinerary's line writes it: "Thursday 12/3 - 9:00 AM breakfast with ...")
_TIME_AFTER = re.compile(
    r"[ \t]*(?:,|[-–—](?=[ \t]))?[ \t]*(?:\n[ \t]*(?=(?:at|@)\b))?(?:(?:at|@|from)\b"
    r"(?:[ \t]*\n)?)?[ \t]*",
    re.IGNORECASE,
)
# A date alone at its line's end (its zone in brackets, if any) and a time opening the next
# line, as scheduling tools write a confirmation: "Thursday, December 10, 2026 (PST)" /
# "10:00 AM - Systems Design", "Date: Tuesday, December 15" / "Time: 9:00 AM PT". Only a
# date written as a tool writes it (with its year or its zone) or a time labelled "Time:":
# "Wednesday 2 December" / "15:00 team lunch" is an agenda, not one time.
_TIME_NEXT_LINE = re.compile(
    r"[ \t]*(?:\([ \t]*(?P<tz>[a-z][a-z \t]{0,20}?)[ \t]*\))?[ \t]*\r?\n[ \t]*"
    r"(?P<label>(?:start\s+)?time\s*:[ \t]*)?(?=\d|noon\b|midday\b)",
    re.IGNORECASE,
)
_YEAR_LAST = re.compile(r"\b\d{4}$")
# (a dash after the time too: Calendly's "11:00am - Monday, November 23, 2026"; on the date's
# line: the line before's "... dinner at 7:00 PM" is not the next day's)
_TIME_BEFORE = re.compile(_TIME_PATTERN + r"[ \t]*(?:on|,|[-–—])?[ \t]*$", re.IGNORECASE)
_FIXED_ZONES = {
    "utc": 0, "gmt": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "ist": 330, "aest": 600, "aedt": 660, "jst": 540, "sgt": 480,
}  # fmt: skip
# A standard-time name written by a sender who is on that region's summer time means the
# region's local time: "10:00 CET" from +02:00 in July is 10:00 in Berlin (see _zone).
_SUMMER_REGIONS = {
    "cet": "Europe/Berlin", "eet": "Europe/Helsinki", "gmt": "Europe/London",
    "est": "America/New_York", "cst": "America/Chicago", "mst": "America/Denver",
    "pst": "America/Los_Angeles", "aest": "Australia/Sydney",
}  # fmt: skip
_NAMED_ZONES = {
    "et": "America/New_York", "eastern": "America/New_York", "ct": "America/Chicago",
    "central": "America/Chicago", "mt": "America/Denver", "mountain": "America/Denver",
    "pt": "America/Los_Angeles", "pacific": "America/Los_Angeles", "uk": "Europe/London",
    "london": "Europe/London",
}  # fmt: skip


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_MONTH_DAY = _rule(
    rf"\b{_LEAD_WEEKDAY}(?P<month>{_MONTH_RE})\b\s?\.?\s?(?:the\s+)?"
    rf"(?P<day>\d{{1,2}})(?!\d|\s?[:/]\s?\d|\s?[ap]\.?m\b){_ORD}?" + _YEAR + _CLOSE
)
_DAY_MONTH = _rule(
    rf"\b{_LEAD_WEEKDAY}(?:the\s+)?(?P<day>\d{{1,2}}){_ORD}?(?:\s+of)?[\s-]+"
    rf"(?P<month>{_MONTH_RE})\b\.?" + _YEAR + _CLOSE
)
_NUMERIC = _rule(
    rf"\b{_LEAD_WEEKDAY}(?<![\d/.:-])(?P<first>\d{{1,2}})\s?/\s?(?P<second>\d{{1,2}})"
    r"(?:\s?/\s?(?P<year>\d{4}|\d{2}))?(?![\d/])" + _CLOSE
)
# "04.12.2026", "4.12.": day first wherever dates are dotted; not "v1.2", "1.2.3", "2.5 years"
_DOTTED = _rule(
    rf"\b{_LEAD_WEEKDAY}(?<![\w.,:/-])(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})"
    r"(?:(?P<dot>\.)(?P<year>\d{4}|\d{2})?)?(?![\w%]|[.,]\d)"
    r"(?!\s?(?:[ap]\.?m\b|h\b|hrs?\b|hours?\b|uhr\b|years?\b|yrs?\b|months?\b|weeks?\b"
    r"|days?\b|times\b|x\b|k\b|m\b|bn\b|million\b))" + _CLOSE
)
_ISO = _rule(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# "the 3rd" alone counts after a preposition (_ORDINAL_LEAD, read by _ordinal_day: a look
# behind the match has one width only, and "by  the 3rd" has two spaces)
_ORDINAL_DAY = _rule(
    r"(?:(?:(?<=\bweek\sof\s)|(?<=\bw/c\s)|(?<=\bcommencing\s)|(?<=\bbeginning\s))(?:the\s+)?"
    rf"|\b(?P<weekday>{_ANY_WEEKDAY_RE}){_WEEKDAY_SEPARATOR}(?:the\s+)?|(?P<the>(?<=\s)the))"
    rf"\s*(?P<day>\d{{1,2}}){_ORD}(?!\s*(?:of\s+)?(?:{_MONTH_RE})\b)" + _CLOSE
)
_ORDINAL_LEAD = _rule(r"\b(?:by|on|before|(?P<after>after)|until|till)\s+$")
# ... after "after" only where nothing it counts follows ("after the 15th.", "after the 15th
# we will ..."; not "after the 2nd interview", "after the 1st round")
_ORDINAL_ENDS = _rule(
    r"\s*(?:[.!?,;:)]|[-–—]|$|(?:and|or|but|so|then|when|as|at|we|I|you|they|he|she)\b)"
)
# "end of day", "close of play", "COB": today's end, or with another day that day's end
_DAY_END = (
    r"(?:(?:the\s+)?(?:end|close)\s+of\s+(?:business\s+|play\s+|the\s+)?day"
    r"|(?:the\s+)?close\s+of\s+(?:business|play)|eod|cob)"
)
# "end of the day on the 27th", "close of business, Friday": that day's end (_day_end_on)
_DAY_END_ALONE = _rule(_DAY_END)
_DAY_END_GAP = _rule(r"\s*,?\s*(?:on\s+)?")
_TODAY = _rule(
    r"\b(?:later\s+)?today\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b"
    rf"|\b{_DAY_END}\b"
)
# (as words go: "2moro" is "moro")
_TOMORROW_WORDS = frozenset({"tomorrow", "tmrw", "tmrow", "tmr", "tmw", "tomoz", "moro", "morrow"})
_TOMORROW = _rule(
    rf"\b(?:{_DAY_END}\s+)?(?P<after>the\s+day\s+after\s+)?"
    r"(?:tomorrow|tmrw|tmrow|tmr|tmw|tomoz|2moro|2morrow)"
    rf"(?:\s+(?:morning|afternoon|evening)|,?\s+(?:at\s+)?{_DAY_END})?\b"
)
_WEEKDAY = _rule(
    rf"\b(?:(?P<modifier>this|next|coming|the\s+following|following)\s+)?"
    rf"(?P<weekday>{_WEEKDAY_RE}|{_WEEKDAY_TYPO_RE}|{_WEEKDAY_SHORT_RE})\b(?!\s?['’]\s?s\b)"
    r"(?:\s+(?P<part>morning|afternoon|evening))?(?:\s+(?P<suffix>next\s+week|week))?\b"
)
# "Thursday or Friday", "Monday or Tuesday next week": the later of the two
_WEEKDAY_EITHER = _rule(
    r"\b(?:(?P<modifier>this|next|coming)\s+)?"
    rf"(?P<weekday>{_WEEKDAY_RE}|{_WEEKDAY_TYPO_RE}|{_WEEKDAY_SHORT_RE})\s*(?:\bor\b|/)\s*"
    rf"(?P<last>{_WEEKDAY_RE}|{_WEEKDAY_TYPO_RE}|{_WEEKDAY_SHORT_RE})\b"
    r"(?:\s+(?P<suffix>next\s+week))?\b"
)
_PERIOD = _rule(
    r"\b(?:(?P<position>early|earlier|late|later|mid|(?:the\s+)?middle\s+of"
    r"|(?:the\s+)?(?:end|close|start|beginning)\s+of)[\s-]+)?"
    r"(?:(?P<modifier>this|next|the\s+following|the\s+coming|following|coming|the)\s+)?"
    r"(?P<unit>week|month|year)(?P<after_next>\s+after\s+next)?\b|\b(?P<eow>eow)\b"
)
_SPAN_UNIT_RE = r"hours?|hrs?|(?<=\d)h|days?|weeks?|fortnights?|months?"
_SPAN = _rule(
    r"\b(?P<preposition>within|in|over|during|after|allow(?:\s+up\s+to)?|up\s+to"
    r"|(?<=valid\s)for|(?<=open\s)for)\s+"
    r"(?P<the>the\s+)?(?:(?P<which>next|coming|following)\s+)?"
    rf"(?:(?P<low>\d{{1,12}}|{_NUMBER_RE})\s?(?:-|–|to|or)\s?)?"
    rf"(?P<quantity>a\s+(?:couple|few)|\d{{1,12}}|{_NUMBER_RE})?(?:\s+of)?(?:\s*\b|(?<=\d))"
    r"(?:(?P<kind>business|working|calendar|work)\s+)?"
    rf"(?P<unit>{_SPAN_UNIT_RE})\b"
    r"(?:\s?['’]?s?\s+time\b)?(?:\s+or\s+so\b)?"
)
# "10 days from today", "two weeks from now": a span like "within"
_FROM_NOW = _rule(
    rf"\b(?P<quantity>a\s+(?:couple|few)|\d{{1,12}}|{_NUMBER_RE})(?:\s+of)?(?:\s+|(?<=\d))"
    rf"(?:(?P<kind>business|working|calendar|work)\s+)?(?P<unit>{_SPAN_UNIT_RE})\s+from\s+"
    r"(?:today|now|(?:the\s+date\s+of\s+)?this\s+(?:e-?mail|letter|message))\b"
)
_OR_TWO = _rule(
    r"\b(?:(?:within|in|over)\s+)?(?:the\s+)?(?:next\s+)?(?:a\s+|one\s+)?"
    r"(?P<unit>day|week)\s+or\s+two\b"
)
_MONTH_PART = _rule(
    r"\b(?:(?P<preposition>in|during|by|before|until|till)\s+)?(?:the\s+)?"
    r"(?P<position>(?:first|1st|second|2nd|third|3rd|fourth|4th|last|final)\s+week\s+of"
    r"|(?:first|1st|second|2nd|latter)\s+half\s+of"
    r"|(?:the\s+)?(?:start|beginning|middle|end|close)\s+of|early|mid(?:\s+of)?|late)?[\s-]*"
    rf"\b(?P<month>{_FULL_MONTH_RE})\b(?!\s?\.?\s?\d{{1,2}}\b)(?:\s+(?P<year>\d{{4}})\b)?"
)
# "in Q1", "by the end of Q3 2027", "during the second quarter": calendar quarters
_QUARTER = _rule(
    r"\b(?:(?P<preposition>in|during|by|before|until|till)\s+)?(?:the\s+)?"
    r"(?:(?P<position>(?:end|close)\s+of)\s+(?:the\s+)?)?"
    r"(?:q(?P<number>[1-4])|(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)\b"
    r"(?:\s+(?:of\s+)?(?P<year>\d{4})\b)?"
)
_HOLIDAY = _rule(
    r"\b(?P<preposition>after|before|over|following|by"
    r"|(?=(?:in|until|till)\s+the\s+new\s+year)(?:in|until|till))\s+(?:the\s+)?"
    r"(?P<name>(?:christmas|xmas|festive|holiday|easter|thanksgiving|new\s+year(?:['’]?s)?|winter"
    r"|summer|year[\s-]end|bank\s+holiday)(?:\s+(?:holidays?|break|period|season|weekend|day))?"
    r"|holidays|weekend|long\s+weekend)\b"
)
# "KW 51", "KW2", "calendar week 2", "KW 02/2027"; "week 51" alone after a preposition of
# time and not "of" something ("in week 2 of the scheme" is the scheme's)
_CALENDAR_WEEK = _rule(
    r"(?:\b(?-i:KW|Kw)\.?\s?|\bcalendar\s+week\s+"
    r"|(?P<bare>(?:(?<=\bin\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\btill\s)|(?<=\bbefore\s)"
    r"|(?<=\bduring\s)|(?<=\bafter\s))week\s+))"
    r"(?P<week>\d{1,2})\b(?:\s?/\s?(?P<year>\d{4})\b)?(?!\s+of\b|[.,:/]\d)"
)
# The German "zwischen den Jahren", 27-31 December
_BETWEEN_YEARS = _rule(r"\bbetween\s+the\s+years\b")
_VAGUE = _rule(
    r"\b(?:shortly|soon(?:er)?|asap|as\s+soon\s+as\s+(?:possible|practicable|we\s+can|I\s+can"
    r"|we\s+(?:have|hear)|I\s+(?:have|hear))|in\s+due\s+course|promptly|before\s+long"
    r"|at\s+(?:a|some)\s+(?:later|future)\s+(?:date|point|stage|time)"
    r"|in\s+the\s+(?:near|not\s+too\s+distant)\s+future)\b"
)

_Result = tuple[date | None, Strength] | None
_Handler = Callable[["re.Match[str]", datetime, BusinessCalendar], _Result]


# --- handlers: a match to (due, strength), or None when the match is not a time --------


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A month and day without a year that passed at most this many days before the message
# is that past date (a slip or a stale template, which track.py does not hold them to),
# not next year's.
RECENT_PAST_DAYS = 31


def _month_day_date(
    month: int, day: int, year_text: str | None, anchor: date, weekday: str | None = None
) -> date | None:
    """A calendar date. Without a year, the first one from RECENT_PAST_DAYS before the
    anchor day on, unless a named weekday ("Friday 13 November") fits the next one."""
    if year_text:
        year = int(year_text)
        return _valid(year + 2000 if year < 100 else year, month, day)
    earliest = anchor - timedelta(days=RECENT_PAST_DAYS)
    found = [
        candidate
        for year in range(anchor.year - 1, anchor.year + 8)  # 29 February: up to 8 years
        if (candidate := _valid(year, month, day)) is not None and candidate >= earliest
    ][:2]
    if weekday is not None:
        target = _weekday_index(weekday)
        found = [c for c in found if c.weekday() == target] or found
    return found[0] if found else None


def _capitalised_if_needed(match: re.Match[str]) -> bool:
    """ "may" and "march" are words too: they count capitalised, or in all-lower-case text."""
    month = match.group("month")
    if month.lower() not in _CAPITALISED_ONLY or month[0].isupper():
        return True
    return not any(character.isupper() for character in match.string)


def _named_date(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    if not _capitalised_if_needed(match):
        return None
    month = _MONTHS[match.group("month").lower()]
    day, year = int(match.group("day")), match.group("year")
    due = _month_day_date(month, day, year, anchor.date(), match.group("weekday"))
    return (due, Strength.EXPLICIT) if due else None


# The other order of a numeric date is the one meant when the country's is more than half a
# year off and the other within weeks ahead, no year written: "by 12/7" written on 3
# December in England is 7 December (a US sender's), not 12 July
_FAR_DAYS = 183
_NEAR_DAYS = 62


def _numeric_date(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    year, weekday = match.group("year"), match.group("weekday")
    before = match.string[max(0, match.start() - 20) : match.start()]
    if not year and not weekday and not DATE_PREPOSITION.search(before):
        return None
    first, second = int(match.group("first")), int(match.group("second"))
    readings = [(first, second), (second, first)] if calendar.month_first else [
        (second, first), (first, second)
    ]  # fmt: skip
    today = anchor.date()
    dates = [
        _month_day_date(month, day, year, today, weekday)
        for month, day in readings
        if 1 <= month <= 12 and _valid(2000, month, day)
    ]
    if not dates or dates[0] is None:
        return None
    due, other = dates[0], dates[-1]
    if other is not None and -RECENT_PAST_DAYS <= (other - today).days <= _NEAR_DAYS:
        # "Thursday 12/3": the order its weekday fits ("Monday 2/1" is 1 February), or the
        # near one when both fit (the country's "Thursday 12/10" on 8 December 2026 in
        # England fits only in October 2028, the weekday taking its date years on)
        fits = weekday is None or other.weekday() == _weekday_index(weekday)
        # half a year off alone moves it only without a year written and to a day ahead: a
        # UK sender's "by 1/7/2027" is July, and "decision by 12/6" written on 10 December
        # is June, not a day already gone
        far = not year and other >= today and abs((due - today).days) > _FAR_DAYS
        if fits and (far or (weekday is not None and due.weekday() != _weekday_index(weekday))):
            due = other
    return due, Strength.EXPLICIT


# After a dotted number, words that make it a time of day: "by 2.10 this afternoon"
_CLOCK_AFTER = re.compile(
    r"\s*(?:(?:this|today|tomorrow|tonight|tmrw)\b|(?:in\s+the\s+)?(?:morning|afternoon"
    r"|evening)\b|o['’]?\s?clock\b)",
    re.IGNORECASE,
)
_SENTENCE_AFTER = re.compile(r"\s*(?:$|[A-Z])")
# A dotted date without a year whose final dot may end the sentence ("by 4.12.") counts
# only this many days ahead: "by 2.10." in November is ten past two, not next October.
DOTTED_HORIZON_DAYS = 92


def _dotted_date(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    """ "04.12.2026", "4.12.": day first. Without a year it needs a date word before it ("by",
    "until", a weekday) and its final dot, since "by 2.10" and "by 11.05" are times of
    day in British mail; a final dot that may end the sentence counts within
    DOTTED_HORIZON_DAYS, and none counts before "this afternoon", "tomorrow" and the like."""
    year, weekday = match.group("year"), match.group("weekday")
    rest = match.string[match.end() :]
    if not year:
        before = match.string[max(0, match.start() - 20) : match.start()]
        if not (weekday or _DOTTED_CONTEXT.search(before)):
            return None
        if not match.group("dot") or _CLOCK_AFTER.match(rest):
            return None
    day, month = int(match.group("day")), int(match.group("month"))
    if not 1 <= month <= 12:
        return None
    due = _month_day_date(month, day, year, anchor.date(), weekday)
    if due is None:
        return None
    ends_sentence = not year and _SENTENCE_AFTER.match(rest) is not None
    if ends_sentence and (due - anchor.date()).days > DOTTED_HORIZON_DAYS:
        return None
    return due, Strength.EXPLICIT


def _iso_date(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    due = _valid(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    return (due, Strength.EXPLICIT) if due else None


def _ordinal_day(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    """The next such day of a month; with a weekday ("Tuesday 20th"), the one after it when
    only that one falls on the weekday, else the next such day (a slip in the weekday or
    the day, not a date months ahead)."""
    if match.group("the"):
        lead = _ORDINAL_LEAD.search(match.string, max(0, match.start() - 12), match.start())
        if lead is None:
            return None  # "the 3rd" alone is an ordinal: "the 3rd candidate"
        if lead.group("after") and not _ORDINAL_ENDS.match(match.string, match.end()):
            return None  # "after the 2nd interview"
    day, start = int(match.group("day")), anchor.date()
    weekday = match.group("weekday")
    target = _weekday_index(weekday) if weekday else None
    found: list[date] = []
    year, month = start.year, start.month
    for _ in range(13):
        candidate = _valid(year, month, day)
        if candidate is not None and candidate >= start:
            found.append(candidate)
            if len(found) == 2:
                break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    fitting = [candidate for candidate in found if target == candidate.weekday()]
    return ((fitting or found)[0], Strength.EXPLICIT) if found else None


def _today(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    return anchor.date(), Strength.RELATIVE


def _tomorrow(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    return anchor.date() + timedelta(days=2 if match.group("after") else 1), Strength.RELATIVE


def _weekday_index(name: str) -> int:
    """0 for "Monday", "Mon", "mon." or "Monady", ... 6 for Sunday: the first two letters of
    a name or short form are unique."""
    typo = _WEEKDAY_TYPOS.get(name.lower())
    return typo if typo is not None else _WEEKDAY_PREFIXES.index(name[:2].lower())


def _short_weekday_fits(name: str, match: re.Match[str]) -> bool:
    """ "Fri", "Weds": capitalised (or in all-lower-case text), as "Mon" and "Sun" are words and
    names too. Full names and slips ("Firday") are no other word."""
    if name.lower() in _WEEKDAYS or name.lower() in _WEEKDAY_TYPOS or name[0].isupper():
        return True
    return not any(character.isupper() for character in match.string)


def _weekday(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    before = match.string[max(0, match.start() - 12) : match.start()]
    if _PAST_BEFORE.search(before):
        return None
    name = match.group("weekday")
    expected = match.group("modifier") or _SHORT_WEEKDAY_BEFORE.search(before)
    if name.lower() in _WEEKDAY_TYPOS:
        if not (expected or match.group("part") or match.group("suffix")):
            return None  # a slip counts where a weekday is expected: "by Firday", "Firday morning"
    elif name.lower() not in _WEEKDAYS and not (_short_weekday_fits(name, match) and expected):
        return None  # "Mon" alone is a name, "Sat" a verb: "by Fri", "on Weds", "next Thurs" count
    due = _weekday_due(
        anchor.date(), _weekday_index(name), match.group("modifier"), match.group("suffix")
    )
    return due, Strength.RELATIVE


def _weekday_either(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    """ "by Thursday or Friday": the later day, as a range takes its upper bound."""
    if _PAST_BEFORE.search(match.string[max(0, match.start() - 12) : match.start()]):
        return None
    names = (match.group("weekday"), match.group("last"))
    if not all(_short_weekday_fits(name, match) for name in names):
        return None
    modifier, suffix = match.group("modifier"), match.group("suffix")
    due = max(_weekday_due(anchor.date(), _weekday_index(n), modifier, suffix) for n in names)
    return due, Strength.RELATIVE


def _weekday_due(start: date, target: int, modifier: str | None, suffix: str | None) -> date:
    modifier, suffix = (modifier or "").lower(), (suffix or "").lower()
    if suffix == "week":  # "Friday week": a week after the coming Friday
        ahead = (target - start.weekday()) % 7 or 7
        return start + timedelta(days=ahead + 7)
    if modifier == "next" or suffix:
        next_monday = start + timedelta(days=7 - start.weekday())
        return next_monday + timedelta(days=target)
    ahead = (target - start.weekday()) % 7
    if ahead == 0 and modifier != "this":
        ahead = 7
    return start + timedelta(days=ahead)


def _position_day(position: str, last_day: int) -> int:
    position = position.lower()
    if any(word in position for word in ("early", "start", "beginning", "first", "1st")):
        return 7
    if "second" in position or "2nd" in position:
        return 14
    if "third" in position or "3rd" in position:
        return 21
    if "fourth" in position or "4th" in position:
        return 28
    if "mid" in position:
        return 15
    return last_day


def _ends_period(match: re.Match[str]) -> bool:
    """ "the end of next week", "EOW": "before" it still means by its end."""
    if match.re is not _PERIOD:
        return False
    position = (match.group("position") or "").lower()
    return match.group("eow") is not None or "end" in position or "close" in position


def _period(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    if match.group("eow"):  # "EOW": end of week
        position, modifier, unit = "end of", "the", "week"
    else:
        position = (match.group("position") or "").lower()
        modifier = (match.group("modifier") or "the").lower()  # "by end of month": the month
        unit = match.group("unit").lower()
    after_next = match.group("after_next") is not None  # "the week after next"
    named = any(word in position for word in ("end", "close", "start", "beginn"))
    if modifier == "the" and not after_next and not named:
        return None
    ahead = 2 if after_next else int(modifier != "this" and modifier != "the")
    start = anchor.date()
    if unit == "year":  # only "the end of the year", "end of next year": its last day
        if "end" not in position and "close" not in position:
            return None
        return date(start.year + ahead, 12, 31), Strength.RELATIVE
    if unit == "week":
        monday = start - timedelta(days=start.weekday()) + timedelta(days=7 * ahead)
        offset = 4
        if any(word in position for word in ("early", "start", "beginning")):
            offset = 1
        elif "mid" in position:
            offset = 2
        due = monday + timedelta(days=offset)
        if due < start:
            due = start if offset < 4 else due + timedelta(days=7)
        return (_week_end(due, start, calendar) if offset == 4 else due), Strength.RELATIVE
    year, month = start.year, start.month
    for _ in range(ahead):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last_day = monthrange(year, month)[1]
    due = date(year, month, _position_day(position or "end", last_day))
    if due.day == last_day:
        due = _month_end(due, start, calendar)
    return max(due, start), Strength.RELATIVE


def _span(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    quantity_text, unit = match.group("quantity"), match.group("unit").lower()
    preposition = match.group("preposition").lower()
    if quantity_text is None and match.group("which") is None and not match.group("low"):
        if preposition != "within" or not match.group("the") or unit.endswith("s"):
            return None
        start = anchor.date()  # "within the week": by its end (Friday), month: its last day
        if unit == "week":
            return start + timedelta(days=max(0, 4 - start.weekday())), Strength.RELATIVE
        if unit == "month":
            last = date(start.year, start.month, monthrange(start.year, start.month)[1])
            return _month_end(last, start, calendar), Strength.RELATIVE
        return (start, Strength.RELATIVE) if unit == "day" else None
    if quantity_text is None:
        if match.group("which") is None or match.group("low"):
            return None
        if unit.endswith("s"):
            return None, Strength.VAGUE  # "in the coming weeks"
        if preposition == "after":
            return None  # "after next week": that week's end, then the day after (_AFTER)
        quantity_text = "1"
    return _ahead(quantity_text, unit, match.group("kind"), anchor, calendar)


def _from_now(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    unit = match.group("unit").lower()
    return _ahead(match.group("quantity"), unit, match.group("kind"), anchor, calendar)


def _ahead(
    quantity_text: str, unit: str, kind: str | None, anchor: datetime, calendar: BusinessCalendar
) -> _Result:
    """The day `quantity_text` `unit`s ("3", "days") after the anchor; business days when
    `kind` says so."""
    quantity = _number(quantity_text)
    if quantity is None:
        return None
    days = quantity * {"h": 0, "d": 1, "w": 7, "f": 14, "m": 31}[unit[0]]
    if days > _MAX_SPAN_DAYS or quantity > _MAX_SPAN_DAYS * 24:
        return None, Strength.VAGUE
    start = anchor.date()
    if unit.startswith("h"):
        return (anchor + timedelta(hours=quantity)).date(), Strength.RELATIVE
    if unit.startswith("day") and (kind or "").lower() in (
        "business",
        "working",
        "work",
    ):
        return calendar.add_business_days(start, quantity), Strength.RELATIVE
    if unit.startswith("day") and quantity_text.lower().split()[-1] in ("couple", "few", "several"):
        return calendar.add_business_days(start, quantity), Strength.RELATIVE
    if unit.startswith("month"):
        month_index = start.month - 1 + quantity
        year, month = start.year + month_index // 12, month_index % 12 + 1
        return date(year, month, min(start.day, monthrange(year, month)[1])), Strength.RELATIVE
    return start + timedelta(days=days), Strength.RELATIVE


def _number(text: str) -> int | None:
    text = text.lower().removeprefix("a ").strip()
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)


def _or_two(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    if match.group("unit").lower() == "day":
        return calendar.add_business_days(anchor.date(), 2), Strength.RELATIVE
    return anchor.date() + timedelta(days=14), Strength.RELATIVE


def _month_part(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    preposition = (match.group("preposition") or "").lower()
    position = (match.group("position") or "").lower()
    if not (preposition or position) or not _capitalised_if_needed(match):
        return None
    start, month = anchor.date(), _MONTHS[match.group("month").lower()]
    year = int(match.group("year")) if match.group("year") else start.year
    if not match.group("year") and month < start.month:
        year += 1
    last_day = monthrange(year, month)[1]
    if "week" in position and "last" not in position and "final" not in position:
        # "the first week of January": the Friday of the week that holds the month's first
        # Thursday (most of that week is in the month), "the second week" a week later
        first = date(year, month, 1)
        thursday = first + timedelta(days=(3 - first.weekday()) % 7)
        weeks = _position_day(position, last_day) // 7 - 1
        friday = thursday + timedelta(days=1 + 7 * weeks)
        return _week_end(friday, start, calendar), Strength.RELATIVE
    end = _month_end(date(year, month, last_day), start, calendar)
    if "half" in position:
        # "in the first half of January": by its 15th (the last business day on or before
        # it); "the second half" by the month's end
        if any(word in position for word in ("first", "1st")):
            return _month_end(date(year, month, 15), start, calendar), Strength.RELATIVE
        return end, Strength.RELATIVE
    if position:
        day = _position_day(position, last_day)
        return (end if day == last_day else date(year, month, day)), Strength.RELATIVE
    if preposition == "before":
        return date(year, month, 1) - timedelta(days=1), Strength.RELATIVE
    if preposition in ("by", "until", "till"):
        return date(year, month, 1), Strength.RELATIVE
    return end, Strength.RELATIVE


def _quarter(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    """A calendar quarter, read as a month is: "in/during/end of Q1" its last day, "by/until
    Q1" its first, "before Q1" the day before; the next such quarter unless a year is named."""
    preposition = (match.group("preposition") or "").lower()
    if not (preposition or match.group("position")):
        return None  # "Q1 results"
    number = int(match.group("number") or _QUARTER_ORDINALS[match.group("ordinal")[:2].lower()])
    start = anchor.date()
    year = int(match.group("year")) if match.group("year") else start.year
    last = date(year, 3 * number, monthrange(year, 3 * number)[1])
    if not match.group("year") and last < start:
        year += 1
        last = date(year, 3 * number, monthrange(year, 3 * number)[1])
    first = date(year, 3 * number - 2, 1)
    if match.group("position"):
        return _month_end(last, start, calendar), Strength.RELATIVE
    if preposition == "before":
        return first - timedelta(days=1), Strength.RELATIVE
    if preposition in ("by", "until", "till"):
        return first, Strength.RELATIVE
    return _month_end(last, start, calendar), Strength.RELATIVE


_QUARTER_ORDINALS = {"fi": 1, "1s": 1, "se": 2, "2n": 2, "th": 3, "3r": 3, "fo": 4, "4t": 4}


def _holiday(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    name = match.group("name").lower()
    # "by Christmas", "by the weekend" are kept before it, as "before Christmas" is
    after = match.group("preposition").lower() not in ("before", "by")
    start = anchor.date()
    if "weekend" in name:
        if after:
            return calendar.next_business_day(start + timedelta(days=7 - start.weekday())), (
                Strength.RELATIVE
            )
        return start + timedelta(days=max(0, 4 - start.weekday())), Strength.RELATIVE
    # "after the holiday" (not "the holidays", nor "the holiday season") said in the week of
    # a public holiday is after that one, not the new year: in Thanksgiving week it is
    # "after Thanksgiving"
    near = _holiday_this_week(start, calendar) if name in ("holiday", "holiday break") else None
    if near is not None and "thanksgiving" in (calendar.holiday_name(near) or "").lower():
        name, near = "thanksgiving", None
    if "thanksgiving" in name:
        day = _thanksgiving(start.year)
        if day < start - timedelta(days=4):
            day = _thanksgiving(start.year + 1)
        if after:
            return calendar.next_business_day(day + timedelta(days=4)), Strength.RELATIVE
        return calendar.add_business_days(day, -1), Strength.RELATIVE
    if "easter" in name:
        day = easter(start.year)
        if day < start - timedelta(days=2):
            day = easter(start.year + 1)
        if after:
            return calendar.next_business_day(day + timedelta(days=2)), Strength.RELATIVE
        return calendar.add_business_days(day - timedelta(days=2), -1), Strength.RELATIVE
    festive = any(word in name for word in ("christmas", "xmas", "festive", "new year", "winter"))
    year_end = "year" in name and "end" in name
    if near is not None:  # "after the holiday" with one close at hand: that one
        if after:
            while calendar.holiday_name(near + timedelta(days=1)):
                near += timedelta(days=1)
            return calendar.next_business_day(near + timedelta(days=1)), Strength.RELATIVE
        return calendar.add_business_days(near, -1), Strength.RELATIVE
    season = start.month in (11, 12) or (start.month == 1 and start.day <= 10)
    if festive or year_end or (season and "summer" not in name):
        if after:
            year = start.year if start.month == 1 else start.year + 1
            return calendar.next_business_day(date(year, 1, 2)), Strength.RELATIVE
        year = start.year if start <= date(start.year, 12, 24) else start.year + 1
        return calendar.add_business_days(date(year, 12, 25), -1), Strength.RELATIVE
    if "summer" in name:
        return None, Strength.VAGUE
    for offset in range(61):
        day = start + timedelta(days=offset)
        if calendar.holiday_name(day):
            if after:
                return calendar.next_business_day(day + timedelta(days=1)), Strength.RELATIVE
            return calendar.add_business_days(day, -1), Strength.RELATIVE
    return None, Strength.VAGUE


def _holiday_this_week(start: date, calendar: BusinessCalendar) -> date | None:
    """The first public holiday of the calendar within a week of `start`, unless it falls
    from 24 December to 1 January (Christmas and the new year are festive: "after the
    holiday" then is after the new year)."""
    for offset in range(8):
        day = start + timedelta(days=offset)
        if calendar.holiday_name(day):
            return None if (day.month, day.day) >= (12, 24) or day.month == 1 == day.day else day
    return None


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_skips, leap_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (19 * golden + century - leap_skips - (century - correction + 1) // 3 + 15) % 30
    weekday = (32 + 2 * leap_rest + 2 * (year_of_century // 4) - moon - year_of_century % 4) % 7
    shift = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


# A bare "week 12" is a calendar week only this many days ahead: further on, "in week 12"
# is more likely a week of a scheme or a course than a date.
_BARE_WEEK_HORIZON_DAYS = 91


def _calendar_week(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    """The Friday of an ISO calendar week: of the year named, else of the anchor's year, or
    the next one when that Friday passed more than RECENT_PAST_DAYS ago."""
    week, start = int(match.group("week")), anchor.date()
    if not 1 <= week <= 53:
        return None
    if match.group("year"):
        years = [int(match.group("year"))]
    else:
        year = start.isocalendar().year
        years = [year, year + 1]
    for year in years:
        try:
            friday = date.fromisocalendar(year, week, 5)
        except ValueError:  # week 53 of a year with 52
            continue
        if match.group("year") or friday >= start - timedelta(days=RECENT_PAST_DAYS):
            break
    else:
        return None
    if match.group("bare") and (friday - start).days > _BARE_WEEK_HORIZON_DAYS:
        return None
    return _week_end(friday, start, calendar), Strength.EXPLICIT


def _between_years(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    """ "between the years": the days up to 31 December, its end."""
    return date(anchor.date().year, 12, 31), Strength.RELATIVE


def _vague(match: re.Match[str], anchor: datetime, calendar: BusinessCalendar) -> _Result:
    return None, Strength.VAGUE


_MONTH_WORDS = frozenset(_MONTHS)
_WEEKDAY_WORDS = frozenset(_WEEKDAYS) | _WEEKDAY_SHORT | frozenset(_WEEKDAY_TYPOS)
_WORD = re.compile(r"[a-z]+")
_SPAN_WORDS = frozenset(
    {"hour", "hours", "day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months"}
    | {"hr", "hrs", "h"}
)
# (pattern, handler, words one of which must occur in the text, characters one of which
# must occur): a set lookup is far cheaper than a case-insensitive regex over the text.
_RULES: tuple[tuple[re.Pattern[str], _Handler, frozenset[str], str], ...] = (
    (_MONTH_DAY, _named_date, _MONTH_WORDS, "0123456789"),
    (_DAY_MONTH, _named_date, _MONTH_WORDS, "0123456789"),
    (_NUMERIC, _numeric_date, frozenset(), "/"),
    (_DOTTED, _dotted_date, frozenset(), "."),
    (_ISO, _iso_date, frozenset(), "-"),
    (_ORDINAL_DAY, _ordinal_day, frozenset({"st", "nd", "rd", "th"}), "0123456789"),
    (
        _TODAY,
        _today,
        frozenset(
            {"today", "tonight", "morning", "afternoon", "evening", "end", "eod", "cob", "close"}
        ),
        "",
    ),
    (_TOMORROW, _tomorrow, _TOMORROW_WORDS, ""),
    (_WEEKDAY, _weekday, _WEEKDAY_WORDS, ""),
    (_WEEKDAY_EITHER, _weekday_either, _WEEKDAY_WORDS, ""),
    (_PERIOD, _period, frozenset({"week", "month", "year", "eow"}), ""),
    (
        _SPAN,
        _span,
        _SPAN_WORDS,
        "",
    ),
    (_FROM_NOW, _from_now, frozenset({"from"}), ""),
    (_OR_TWO, _or_two, frozenset({"two"}), ""),
    (_QUARTER, _quarter, frozenset({"q", "quarter"}), ""),
    (_CALENDAR_WEEK, _calendar_week, frozenset({"kw", "week"}), "0123456789"),
    (_BETWEEN_YEARS, _between_years, frozenset({"years"}), ""),
    (_MONTH_PART, _month_part, frozenset(_MONTH_NAMES), ""),
    (
        _HOLIDAY,
        _holiday,
        frozenset(
            {
                "christmas",
                "xmas",
                "festive",
                "holiday",
                "holidays",
                "easter",
                "thanksgiving",
                "year",
                "winter",
                "summer",
                "weekend",
            }
        ),
        "",
    ),
    (
        _VAGUE,
        _vague,
        frozenset(
            {"shortly", "soon", "sooner", "asap", "course", "promptly", "long", "later", "future"}
        ),
        "",
    ),
)


# Rules whose `weekday` group is a weekday said with a date ("Friday 4 December")
_DATED_WEEKDAY = frozenset({_MONTH_DAY, _DAY_MONTH, _NUMERIC, _DOTTED, _ORDINAL_DAY})
_ONE_DAY = frozenset(
    {_MONTH_DAY, _DAY_MONTH, _NUMERIC, _DOTTED, _ISO, _ORDINAL_DAY, _TODAY, _TOMORROW, _WEEKDAY}
)
_BEFORE_SHIFTS = frozenset(
    {_MONTH_DAY, _DAY_MONTH, _NUMERIC, _DOTTED, _ISO, _WEEKDAY, _WEEKDAY_EITHER, _PERIOD,
     _ORDINAL_DAY}
)  # fmt: skip
_AFTER_SHIFTS = _BEFORE_SHIFTS | {_CALENDAR_WEEK}

# --- time of day ------------------------------------------------------------------------


def _zone(
    name: str | None, fallback: tzinfo | None, anchor: datetime | None = None
) -> tzinfo | None:
    """The zone a time names ("CET", "GMT+1", "Eastern"), else `fallback`.

    A standard-time name ("CET", "EST", "GMT") from a sender (`anchor`) who is on that
    region's summer time is the region's local time: many write "CET" all year.
    """
    if not name:
        return fallback
    key = " ".join(name.lower().split()).removesuffix(" time")
    if key in _FIXED_ZONES:
        return _summer_region(key, anchor) or timezone(timedelta(minutes=_FIXED_ZONES[key]))
    if key in _NAMED_ZONES:
        try:
            return ZoneInfo(_NAMED_ZONES[key])
        except (KeyError, ValueError, OSError):
            return fallback
    offset = re.fullmatch(r"(?:utc|gmt)?\s?([+-])\s?(\d{1,2}):?(\d{2})?", key)
    if offset and int(offset.group(2)) <= 14:
        minutes = int(offset.group(2)) * 60 + int(offset.group(3) or 0)
        return timezone(timedelta(minutes=-minutes if offset.group(1) == "-" else minutes))
    return fallback


def _summer_region(key: str, anchor: datetime | None) -> tzinfo | None:
    """The region of `key` ("cet": Berlin) when the anchor's offset is that region's summer
    offset on the anchor's day; None otherwise (Arizona's "MST" in July stays -07:00)."""
    region = _SUMMER_REGIONS.get(key)
    offset = anchor.utcoffset() if anchor is not None else None
    if region is None or anchor is None or offset is None:
        return None
    try:
        zone = ZoneInfo(region)
        local = anchor.astimezone(zone)
    except (KeyError, ValueError, OSError, OverflowError):
        return None
    return zone if local.dst() and local.utcoffset() == offset else None


def _clock(match: re.Match[str]) -> time | None:
    """The time of day a TIME_OF_DAY match names, or None when it is just a number."""
    if match.group("noon"):
        return time(12, 0)
    hour_text, ampm = match.group("hour"), (match.group("ampm") or "").lower()
    end_ampm = (match.group("end_ampm") or "").lower()
    if hour_text is not None and not ampm and end_ampm:
        # a window's start: "between 9 and 11am" is 9am, "1-3pm" 1pm, "11-1pm" 11am
        start, end = int(hour_text) % 12, int(match.group("end_hour")) % 12
        ampm = end_ampm if start <= end else ("am" if end_ampm.startswith("p") else "pm")
    # ("15 Uhr", "15.30 Uhr": a German time of day)
    if hour_text is None or not (ampm or match.group("colon") == ":" or match.group("uhr")):
        return None
    hour, minute = int(hour_text), int(match.group("minute") or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_time_of_day(
    text: str, anchor: datetime | None = None
) -> tuple[time, tzinfo | None] | None:
    """The first time of day in `text` ("10:00", "3pm EST", "noon") and its zone if named.

    With the message's `anchor`, "CET" from a sender on summer time is the region's time.
    """
    for match in TIME_OF_DAY.finditer(text[:5000]):
        clock = _clock(match)
        if clock is not None:
            return clock, _zone(match.group("tz"), None, anchor)
    return None


# An hour said bare beside a day, as a manager texting an invitation writes it ("can u come in
# tmrw at 2?", "thurs 12/10 at 3", "at 4 on Saturday"): right after the day, with nothing but
# the sentence's end or a small word after it (not "Friday at 2 sites", "at 2 or 3", "at 2
# in the morning"), or right before it
_BARE_HOUR_AFTER = re.compile(
    r"[ \t]*(?:,[ \t]*)?(?:at|@)[ \t]*(?P<hour>\d{1,2})(?:\.(?P<minute>[0-5]\d))?"
    r"(?!\d|[:.]\d|\s*(?:[ap]\.?\s?m|h|hrs?|uhr)\b)"
    r"(?:[ \t]*o['’]?\s?clock)?(?=[ \t]*(?:[.!?,;:)\n]|$)|\s+(?:for|to|and(?!\s+\d)|sharp|then|pls|plz"
    r"|please|ok|okay|if|works?|is|would|could|on|tomorrow|tmrw|today|this|next)\b)",
    re.IGNORECASE,
)
_BARE_HOUR_BEFORE = re.compile(
    r"\b(?:at|@)[ \t]*(?P<hour>\d{1,2})(?:\.(?P<minute>[0-5]\d))?(?:[ \t]*o['’]?\s?clock)?"
    r"[ \t]+(?:on[ \t]+)?$",
    re.IGNORECASE,
)
# A time of day with its minutes and no am or pm in the small hours ("Thursday at 2:30"): no
# invitation means 02:30
_SMALL_HOURS = re.compile(
    r"(?<![\d:.])(?P<hour>[1-6]):\d{2}\b(?!\s*(?:[ap]\.?\s?m|uhr|h)\b)", re.IGNORECASE
)


def invitation_time(text: str, mention: TimeMention, zone: tzinfo) -> TimeMention:
    """`mention` (a day in `text`) read as an invitation to come in or meet says its hour: a
    bare hour beside it ("tmrw at 2", "at 4 on Saturday") from 1 to 6 is the afternoon's,
    from 8 to 12 the morning's or noon (7 is a warehouse's morning as often as a
    restaurant's evening: none, the day alone), and so is a British dotted time ("at 2.30 on
    Thursday"; "at 14.30" as written); a time written without am or pm in the small hours
    ("Thursday at 2:30") is the afternoon's. Alone, "Friday at 2" is no time: the caller
    knows when a meeting is meant."""
    if mention.due is None:
        return mention
    if mention.at is not None:
        small = _SMALL_HOURS.search(mention.text)
        if small is not None and int(small["hour"]) == mention.at.hour:
            return replace(mention, at=mention.at + timedelta(hours=12))
        return mention
    after = _BARE_HOUR_AFTER.match(text, mention.end)
    bare = after or _BARE_HOUR_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    if bare is None:
        return mention
    hour, minute = int(bare["hour"]), int(bare["minute"] or 0)
    if bare["minute"] and (13 <= hour <= 23 or bare["hour"][0] == "0"):
        pass  # "at 14.30", "at 09.30": the 24-hour clock
    elif 1 <= hour <= 6:
        hour += 12
    elif not 8 <= hour <= 12:
        return mention
    start, end = (mention.start, bare.end()) if after else (bare.start(), mention.end)
    at = datetime.combine(mention.due, time(hour, minute), zone)
    return replace(mention, start=start, end=end, text=text[start:end], at=at)


def _attach_time(text: str, mention: TimeMention, anchor: datetime) -> TimeMention:
    if mention.due is None:
        return mention
    fallback = anchor.tzinfo or UTC
    gap = _TIME_AFTER.match(text, mention.end)
    after = TIME_OF_DAY.match(text, gap.end() if gap else mention.end)
    if not (after and after.end() > after.start() and _clock(after)):
        # "Wednesday, December 9, 2026" / "9:00 AM - 12:30 PM (Pacific Time)": the time on
        # the next line, in the zone the date's line names when its own names none
        line = _TIME_NEXT_LINE.match(text, mention.end)
        if line and (line["tz"] or line["label"] or _YEAR_LAST.search(mention.text)):
            after = TIME_OF_DAY.match(text, line.end())
            fallback = _zone(line.group("tz"), fallback, anchor) or fallback
    if after and after.end() > after.start() and (clock := _clock(after)):
        at = datetime.combine(mention.due, clock, _zone(after.group("tz"), fallback, anchor))
        return replace(mention, end=after.end(), text=text[mention.start : after.end()], at=at)
    window_start = max(0, mention.start - 40)
    before = _TIME_BEFORE.search(text, window_start, mention.start)
    if before and (clock := _clock(before)):
        at = datetime.combine(mention.due, clock, _zone(before.group("tz"), fallback, anchor))
        return replace(
            mention, start=before.start(), text=text[before.start() : mention.end], at=at
        )
    return mention


_AFTER_WEEK = re.compile(r"\bafter\s+$", re.IGNORECASE)


def _week_end(friday: date, start: date, calendar: BusinessCalendar) -> date:
    """The end of the week whose Friday is `friday`: that Friday, or when it is a public
    holiday the last business day of its week before it (Thursday 24 December when Friday is
    Christmas Day), if that is not before `start`."""
    day = friday
    while calendar.holiday_name(day) is not None and day.weekday() > 0:
        day -= timedelta(days=1)
        if day < start:
            return friday
    return day if calendar.is_business_day(day) else friday


def _month_end(last: date, start: date, calendar: BusinessCalendar) -> date:
    """A month's (or quarter's) end whose last day is `last`: that day, or when it is a
    weekend day or a public holiday the month's last business day before it (Friday 29
    January 2027 for "the end of January"), if that is not before `start`. (So is the end
    of a month's first half, its 15th.)"""
    day = last
    while not calendar.is_business_day(day) and day.day > 1:
        day -= timedelta(days=1)
    return day if day >= start and calendar.is_business_day(day) else last


def _week_of(
    text: str, mention: TimeMention, start: date, calendar: BusinessCalendar
) -> TimeMention:
    """ "w/c 7 December", "the week of Monday": the Friday of that week (the first Friday on
    or after the day, so a US week of Sunday 6 December ends Friday 11 December; _week_end
    when it is a holiday); "after the week of 7 December" the Friday of the week after."""
    if mention.due is None or not mention.one_day:
        return mention
    lead = _WEEK_OF.search(text, max(0, mention.start - 30), mention.start)
    if lead is None:
        return mention
    # "after the week of 7 December": the week after it
    after = 7 if _AFTER_WEEK.search(text, max(0, lead.start() - 12), lead.start()) else 0
    due, other = (
        _week_end(day + timedelta(days=(4 - day.weekday()) % 7 + after), start, calendar)
        if day
        else None
        for day in (mention.due, mention.other_day)
    )
    return replace(
        mention, start=lead.start(), text=text[lead.start() : mention.end], due=due, at=None,
        one_day=False, other_day=other if other != due else None,
    )  # fmt: skip


# --- public -----------------------------------------------------------------------------


def find_time_mentions(
    text: str, anchor: datetime, calendar: BusinessCalendar
) -> list[TimeMention]:
    """Every time expression in `text`, longest first where they overlap, in text order.

    Never raises on odd input: a date past the calendar's end, or more than ten years
    from the anchor, is no date (VAGUE).
    """
    candidates: list[TimeMention] = []
    words = set(_WORD.findall(text.lower()))
    for pattern, handler, needed_words, needed_characters in _RULES:
        if needed_words and words.isdisjoint(needed_words):
            continue
        if needed_characters and not any(c in text for c in needed_characters):
            continue
        for match in pattern.finditer(text):
            try:
                result = handler(match, anchor, calendar)
            except (ValueError, OverflowError):
                result = (None, Strength.VAGUE)
            if result is None:
                continue
            due, strength = result
            other = _weekday_reading(match, due)
            if (
                due is not None
                and pattern in _BEFORE_SHIFTS
                and not _ends_period(match)
                and _BEFORE.search(text, max(0, match.start() - 12), match.start())
            ):
                due = _safe_previous_business_day(calendar, due)
                if other is not None:
                    other = _safe_previous_business_day(calendar, other)
            elif (
                due is not None
                and pattern in _AFTER_SHIFTS
                and _AFTER.search(text, max(0, match.start() - 12), match.start())
            ):
                due = _safe_next_business_day(calendar, due)
                if other is not None:
                    other = _safe_next_business_day(calendar, other)
            if due is not None and not _usable(due, anchor):
                due, strength = None, Strength.VAGUE
            if due is None or (other is not None and not _usable(other, anchor)):
                other = None
            candidates.append(
                TimeMention(
                    match.start(), match.end(), match.group(0), due, strength,
                    one_day=pattern in _ONE_DAY, other_day=other,
                )
            )  # fmt: skip
    candidates.sort(key=lambda m: (-(m.end - m.start), m.due is None, m.start))
    chosen: list[TimeMention] = []  # non-overlapping, kept sorted by start
    starts: list[int] = []
    for mention in candidates:
        index = bisect_left(starts, mention.start)
        if index > 0 and chosen[index - 1].end > mention.start:
            continue
        if index < len(chosen) and chosen[index].start < mention.end:
            continue
        chosen.insert(index, mention)
        starts.insert(index, mention.start)
    chosen = _day_end_on(text, chosen)
    start = anchor.date()
    return [
        _week_of(text, _attach_time(text, mention, anchor), start, calendar) for mention in chosen
    ]


def _day_end_on(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """`mentions` with an end of day that names the day it ends ("before the end of the day
    on the 27th", "close of business, Friday 27 November", "EOD Monday") read as one
    mention: that day, quoted whole. "before" it is still that day, as before the end of a
    week is its Friday."""
    joined: list[TimeMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and mention.one_day
            and mention.due is not None
            and _DAY_END_ALONE.fullmatch(previous.text)
            and _DAY_END_GAP.fullmatch(text, previous.end, mention.start)
        ):
            text_whole = text[previous.start : mention.end]
            joined[-1] = replace(mention, start=previous.start, text=text_whole)
            continue
        joined.append(mention)
    return joined


# Days gone by, as a user names them (mail promises ahead; `--as-of` also looks back)
_PAST_DAY = re.compile(
    rf"(?P<word>today|yesterday)|last (?P<weekday>{_WEEKDAY_RE})"
    r"|(?P<count>\d{1,3}) (?P<unit>day|week)s? ago",
    re.IGNORECASE,
)


def past_day(text: str, today: date) -> date | None:
    """The day `text` names looking back from `today`: "today", "yesterday", "last friday"
    (the latest Friday before today), "3 days ago", "2 weeks ago"; else None. The mail
    reader (find_time_mentions) has no words for days gone by: promises look ahead."""
    found = _PAST_DAY.fullmatch(" ".join(text.split()))
    if found is None:
        return None
    if found["word"]:
        return today - timedelta(days=found["word"].lower() == "yesterday")
    if found["weekday"]:
        back = (today.weekday() - _weekday_index(found["weekday"]) - 1) % 7 + 1
        return today - timedelta(days=back)
    weeks = found["unit"].lower() == "week"
    return today - timedelta(days=int(found["count"]) * (7 if weeks else 1))


def _weekday_reading(match: re.Match[str], due: date | None) -> date | None:
    """When a weekday comes with a date it does not fall on ("Friday 5 December", the 5th a
    Saturday), the day of that weekday nearest the date (Friday 4 December); else None."""
    weekday = match.group("weekday") if match.re in _DATED_WEEKDAY else None
    if weekday is None or due is None:
        return None
    ahead = (_weekday_index(weekday) - due.weekday()) % 7
    if ahead == 0:
        return None
    return due + timedelta(days=ahead if ahead <= 3 else ahead - 7)


def _usable(due: date, anchor: datetime) -> bool:
    """Whether `due` is within ten years of the anchor's day and not near either end of
    the calendar: "by 9999-12-31" is no date a hiring process keeps."""
    return (
        abs((due - anchor.date()).days) <= _MAX_SPAN_DAYS
        and date.min + _CALENDAR_ROOM <= due <= date.max - _CALENDAR_ROOM
    )


def _safe_previous_business_day(calendar: BusinessCalendar, day: date) -> date | None:
    try:
        return calendar.add_business_days(day, -1)
    except OverflowError:
        return None


def _safe_next_business_day(calendar: BusinessCalendar, day: date) -> date | None:
    try:
        return calendar.add_business_days(day, 1)
    except OverflowError:
        return None


_LEADING_PREPOSITION = re.compile(
    r"\b(?:by|on|before|until|till|no\s+later\s+than|from|after)\s+(?:the\s+)?$", re.IGNORECASE
)


def time_phrase(phrase: str, anchor: datetime, calendar: BusinessCalendar) -> str | None:
    """The shortest part of `phrase` that carries its time, with the preposition before it:
    "we'll get back to you by Friday" -> "by Friday"; None when it names no time."""
    mentions = find_time_mentions(phrase[:5000], anchor, calendar)
    dated = [m for m in mentions if m.due is not None] or mentions
    if not dated:
        return None
    mention = dated[0]
    lead = _LEADING_PREPOSITION.search(phrase, max(0, mention.start - 20), mention.start)
    start = lead.start() if lead else mention.start
    return " ".join(phrase[start : mention.end].split())


def resolve_phrase(
    phrase: str, anchor: datetime, calendar: BusinessCalendar
) -> tuple[date | None, Strength]:
    """The due date a phrase names, resolved in the anchor's (the sender's) time zone.

    The first dated time expression wins; a phrase with only vague wording ("shortly")
    gives (None, VAGUE); a phrase with no time expression, (None, NONE). Never raises.
    """
    mentions = find_time_mentions(phrase[:5000], anchor, calendar)
    for mention in mentions:
        if mention.due is not None:
            return mention.due, mention.strength
    if mentions:
        return None, Strength.VAGUE
    return None, Strength.NONE
