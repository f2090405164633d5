"""How long a meeting lasts, as its mail says it (pure).

A meeting read with its time (a MEETING commitment with `at`) takes its end (`ends`) from
the same mail:
- a window that starts at its time: "Thursday 10 December, 14:00-14:45", "from 2pm to
  2:45pm", "between 2 and 3pm", "14:00 to 14:45 (UK time)": the end is that day's clock
  (none when it is not after the start, or more than MAX_LENGTH after it);
- else, when the mail gives that one meeting time only, a length said of a meeting: "a
  45-min Teams call", "a 30 minute video interview", "the call will last about 30 mins",
  "the interview will take 1.5 hours", "an hour-long interview", "(45 minutes)" right after
  the meeting's word. Several lengths in one mail, or several meetings, are not shared out;
  a length said of something else ("please arrive 15 minutes early", "a 90-minute test")
  is none.
Without either, `ends` stays None and the views give a meeting the usual hour.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, time, timedelta

from inbox_monitor.models import Commitment, CommitmentKind

MIN_LENGTH = timedelta(minutes=5)
MAX_LENGTH = timedelta(hours=8)

# A clock in a window: "14:00", "2pm", "2:45 p.m.", "2" (its am or pm from the other end)
_CLOCK = (
    r"(?P<{0}hour>\d{{1,2}})(?:[:.](?P<{0}minute>[0-5]\d))?[ \t]*(?P<{0}ampm>[ap]\.?[ \t]?m\b\.?)?"
)
_WINDOW = re.compile(
    r"(?<![\d£$€:.,/-])(?:\b(?P<between>between)[ \t]+|\bfrom[ \t]+)?"
    + _CLOCK.format("start_")
    + r"[ \t]*(?(between)(?:and|-|–|—)|(?:-|–|—|to|until|till))[ \t]*"
    + _CLOCK.format("end_")
    + r"(?![\d:.,/]\d)",
    re.IGNORECASE,
)

# An amount of time: "45-min", "30 mins", "1.5 hours", "90-minute", "an hour", "half an
# hour", "an hour and a half", "1 hour 30 minutes"
_MINUTES = r"min(?:ute)?s?\b|mins?\b"
_HOURS = r"hours?\b|hrs?\b|hr\b"
_AMOUNT = (
    r"(?P<amount>(?:half[ \t]+an|an|one)[ \t]+hour(?:[ \t]+and[ \t]+a[ \t]+half)?\b"
    rf"|\d{{1,2}}[ \t]*(?:{_HOURS})(?:[ \t]+(?:and[ \t]+)?\d{{1,2}}[ \t]*(?:{_MINUTES}))?"
    rf"|\d{{1,3}}(?:\.\d)?[ \t]*-?[ \t]*(?:{_MINUTES}|{_HOURS}))(?:[ \t]*-?[ \t]*long\b)?"
)
# (not a time to come early, late or ahead: "please arrive 15 minutes early")
_NOT_LENGTH = r"(?![ \t]*(?:early|earlier|before|beforehand|prior|ahead|late|later|after|ago)\b)"
_MEETING_NOUN = r"(?:call|interview|chat|meeting|conversation|catch[ \t-]?up)\b"
# the length before the meeting's word: "a 45-min Teams call", "30 minute video interview"
_LENGTH_BEFORE = re.compile(
    rf"{_AMOUNT}{_NOT_LENGTH}[ \t]+(?:(?:teams|zoom|video|phone|telephone|online|virtual"
    r"|informal|technical|intro(?:ductory)?|initial|first|second|short|quick|final"
    r"|face[ \t-]to[ \t-]face|in[ \t-]person|screening|follow[ \t-]up|google[ \t]+meet)[ \t]+){0,2}"
    rf"{_MEETING_NOUN}",
    re.IGNORECASE,
)
# the length after it: "the call will last about 30 mins", "an interview of 1.5 hours",
# "the interview (45 minutes)"
_LENGTH_AFTER = re.compile(
    rf"\b{_MEETING_NOUN}[^.!?\n]{{0,60}}?(?:\b(?:will|should|would|is|it['’]?s)[ \t]+)?"
    r"(?:\b(?:last|lasts|take|takes|run|runs|be|is|of|for|lasting|taking)\b(?:[ \t]+for)?[ \t]+"
    r"|\([ \t]*)"
    rf"(?:(?:about|around|approximately|approx\.?|roughly|up[ \t]+to|c\.)[ \t]+)?{_AMOUNT}"
    rf"{_NOT_LENGTH}",
    re.IGNORECASE,
)


def with_ends(commitments: tuple[Commitment, ...], text: str) -> tuple[Commitment, ...]:
    """`commitments` with the end (`ends`) of each timed meeting that `text` gives one
    (see the module's docstring); the others as they are."""
    timed = {c.at for c in commitments if c.kind == CommitmentKind.MEETING and c.at is not None}
    if not timed:
        return commitments
    length = _one_length(text) if len(timed) == 1 else None
    found: list[Commitment] = []
    for commitment in commitments:
        at = commitment.at
        if commitment.kind != CommitmentKind.MEETING or at is None or commitment.ends:
            found.append(commitment)
            continue
        ends = _window_end(text, at)
        if ends is None and length is not None:
            ends = at + length
        found.append(replace(commitment, ends=ends) if ends is not None else commitment)
    return tuple(found)


def _window_end(text: str, at: datetime) -> datetime | None:
    """The end of a window in `text` that starts at `at`'s clock, on its day."""
    for window in _WINDOW.finditer(text[:20000]):
        read = _window(window)
        if read is None or read[0] != at.time().replace(second=0, microsecond=0):
            continue
        end = at.replace(hour=read[1].hour, minute=read[1].minute)
        if MIN_LENGTH <= end - at <= MAX_LENGTH:
            return end
    return None


def _window(match: re.Match[str]) -> tuple[time, time] | None:
    """A window's start and end clocks, each with a colon or an am or pm between them (not
    "5-10", a count); a start with no am or pm takes the end's, as "between 2 and 3pm"."""
    start_ampm = _ampm(match.group("start_ampm"))
    end_ampm = _ampm(match.group("end_ampm"))
    if not (start_ampm or end_ampm) and not (
        match.group("start_minute") and match.group("end_minute")
    ):
        return None
    start_hour, end_hour = int(match.group("start_hour")), int(match.group("end_hour"))
    if end_ampm and not start_ampm and 1 <= start_hour <= 12:
        start_ampm = end_ampm if start_hour % 12 <= end_hour % 12 else ""
    start = _clock(start_hour, match.group("start_minute"), start_ampm)
    end = _clock(end_hour, match.group("end_minute"), end_ampm)
    return (start, end) if start is not None and end is not None else None


def _ampm(text: str | None) -> str:
    return (text or "").replace(".", "").replace(" ", "").replace("\t", "").lower()


def _clock(hour: int, minute: str | None, ampm: str) -> time | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23:
        return None
    return time(hour, int(minute or 0))


def _one_length(text: str) -> timedelta | None:
    """The length `text` says its meeting lasts, when it says one only."""
    lengths = {
        length
        for pattern in (_LENGTH_BEFORE, _LENGTH_AFTER)
        for found in pattern.finditer(text[:20000])
        if (length := _amount(found.group("amount"))) is not None
    }
    if len(lengths) != 1:
        return None
    (length,) = lengths
    return length if MIN_LENGTH <= length <= MAX_LENGTH else None


def _amount(text: str) -> timedelta | None:
    """An amount of time as _AMOUNT reads it."""
    words = text.lower()
    if "hour" in words and not re.search(r"\d", words):
        half = "half an hour" in words
        return timedelta(minutes=30 if half else 90 if "and a half" in words else 60)
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d)?", words)]
    if not numbers:
        return None
    if re.search(_HOURS, words):
        minutes = numbers[0] * 60 + (numbers[1] if len(numbers) > 1 else 0)
    else:
        minutes = numbers[0]
    return timedelta(minutes=round(minutes))
