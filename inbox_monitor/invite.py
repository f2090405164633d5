"""Read calendar invitations (iCalendar, RFC 5545) and add their meeting to a reading.

Pure and clock-free: `read_calendar` gives an Invitation, or raises CalendarUnreadable (and
nothing else) with the reason it could not read the part, kept as a parse defect ("calendar
part unreadable: ..."), never the part's text. It reads only what the monitor keeps: METHOD and, per VEVENT, UID,
SEQUENCE, STATUS, DTSTART, DTEND, SUMMARY, LOCATION, ORGANIZER, ATTENDEE (with its PARTSTAT)
and RECURRENCE-ID; never DESCRIPTION, which holds the invitation's text and stays out of the
store. The rules:
- Lines are unfolded (a line break followed by a space or a tab continues the line), a
  property is `NAME;PARAM=value;PARAM="quoted":value`, names and parameters case-blind, and
  TEXT values unescaped (`\\n`, `\\,`, `\\;`, `\\\\`). At most MAX_CALENDAR_BYTES are read
  and MAX_EVENTS events kept.
- A time with "Z" is UTC; with TZID an IANA zone ("Europe/London", also written with a
  leading "/" or a vendor's path before it), one of Outlook's Windows zone names in
  _WINDOWS_ZONES ("W. Europe Standard Time"), else the zone its VTIMEZONE describes when that
  is simple: one fixed offset, or a standard and a daylight offset each changing on a yearly
  "nth weekday of a month" rule. Else its zone is unknown (`zone_unknown`): no time is taken
  from it, and the mail's text is read as before. A time with neither is floating: in the
  sender's offset (`floating`, the Date header's). VALUE=DATE (or eight digits alone) is an
  all-day event: its `day`, no `start`. A recurring event (RRULE or RDATE, not one instance
  of one: RECURRENCE-ID) has neither: its DTSTART is only the first of a series (a weekly
  1:1 set up months ago), and no rule is expanded.
- A value that does not read as its type (a bad date) leaves that field empty.

with_invitation() adds the invitation's meeting to what extract.py read from the text (see
its docstring); pipeline.extract_for calls it, so an ingest, a reread and a correction read
the invitation alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from inbox_monitor.dates import TIME_OF_DAY, parse_time_of_day
from inbox_monitor.lengths import MAX_LENGTH, MIN_LENGTH
from inbox_monitor.models import (
    CalendarEvent,
    Commitment,
    CommitmentKind,
    Extraction,
    Invitation,
    ParsedMessage,
    Strength,
    untagged_address,
)

MAX_CALENDAR_BYTES = 64 * 1024
"""A calendar part larger than this (decoded) is not read: an invitation is a few KB."""
MAX_CALENDAR_ENCODED_BYTES = 96 * 1024
"""The most a part of MAX_CALENDAR_BYTES takes as base64 with its line breaks."""
MAX_EVENTS = 20
MAX_ATTENDEES = 50
MAX_FIELD_CHARS = 200  # a SUMMARY, LOCATION or UID longer than this is cut
_MAX_DEPTH = 8  # BEGIN: nesting

# Outlook and Exchange name zones by Windows' names (CLDR's windowsZones table, the zone
# of each name's main city); the common ones
_WINDOWS_ZONES = {
    "utc": "UTC",
    "coordinated universal time": "UTC",
    "gmt standard time": "Europe/London",
    "greenwich standard time": "Atlantic/Reykjavik",
    "w. europe standard time": "Europe/Berlin",
    "central europe standard time": "Europe/Budapest",
    "central european standard time": "Europe/Warsaw",
    "romance standard time": "Europe/Paris",
    "e. europe standard time": "Europe/Chisinau",
    "fle standard time": "Europe/Helsinki",
    "gtb standard time": "Europe/Bucharest",
    "turkey standard time": "Europe/Istanbul",
    "russian standard time": "Europe/Moscow",
    "israel standard time": "Asia/Jerusalem",
    "south africa standard time": "Africa/Johannesburg",
    "w. central africa standard time": "Africa/Lagos",
    "egypt standard time": "Africa/Cairo",
    "arabian standard time": "Asia/Dubai",
    "pakistan standard time": "Asia/Karachi",
    "india standard time": "Asia/Kolkata",
    "bangladesh standard time": "Asia/Dhaka",
    "se asia standard time": "Asia/Bangkok",
    "singapore standard time": "Asia/Singapore",
    "china standard time": "Asia/Shanghai",
    "taipei standard time": "Asia/Taipei",
    "tokyo standard time": "Asia/Tokyo",
    "korea standard time": "Asia/Seoul",
    "w. australia standard time": "Australia/Perth",
    "cen. australia standard time": "Australia/Adelaide",
    "e. australia standard time": "Australia/Brisbane",
    "aus eastern standard time": "Australia/Sydney",
    "new zealand standard time": "Pacific/Auckland",
    "hawaiian standard time": "Pacific/Honolulu",
    "alaskan standard time": "America/Anchorage",
    "pacific standard time": "America/Los_Angeles",
    "us mountain standard time": "America/Phoenix",
    "mountain standard time": "America/Denver",
    "central standard time": "America/Chicago",
    "central standard time (mexico)": "America/Mexico_City",
    "canada central standard time": "America/Regina",
    "eastern standard time": "America/New_York",
    "us eastern standard time": "America/Indiana/Indianapolis",
    "sa pacific standard time": "America/Bogota",
    "atlantic standard time": "America/Halifax",
    "e. south america standard time": "America/Sao_Paulo",
    "argentina standard time": "America/Argentina/Buenos_Aires",
}


class CalendarUnreadable(ValueError):
    """A calendar part that gives no invitation; the message names it as its reason."""


@dataclass
class _Component:
    name: str
    properties: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[_Component] = field(default_factory=list)

    def first(self, name: str) -> tuple[dict[str, str], str] | None:
        return next(((p, v) for n, p, v in self.properties if n == name), None)

    def value(self, name: str) -> str:
        found = self.first(name)
        return found[1] if found else ""


# ---------------------------------------------------------------------------- lines

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAMETER_VALUE = re.compile(r"[^;:]*")


def unfold(text: str) -> list[str]:
    """The content lines of `text`: a line starting with a space or a tab continues the one
    before it (its first character dropped); blank lines go."""
    lines: list[str] = []
    for line in _LINE_BREAK.split(text):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line.strip():
            lines.append(line)
    return lines


def split_property(line: str) -> tuple[str, dict[str, str], str] | None:
    """(NAME, {PARAM: value}, value) of one content line, names upper-cased; None when the
    line is no property. A parameter's value may be quoted, and may then hold ":" or ";"."""
    name = _NAME.match(line)
    if name is None:
        return None
    position = name.end()
    params: dict[str, str] = {}
    while position < len(line) and line[position] == ";":
        equals = line.find("=", position + 1)
        if equals < 0:
            return None
        key = line[position + 1 : equals].strip().upper()
        position = equals + 1
        if line[position : position + 1] == '"':
            close = line.find('"', position + 1)
            if close < 0:
                return None
            value, position = line[position + 1 : close], close + 1
        else:
            end = _PARAMETER_VALUE.match(line, position)
            assert end is not None  # (it matches the empty string)
            value, position = end.group(0), end.end()
        params.setdefault(key, value)
    if line[position : position + 1] != ":":
        return None
    return name.group(0).upper(), params, line[position + 1 :]


_ESCAPE = re.compile(r"\\(.)")


def unescape_text(value: str) -> str:
    """A TEXT value as written for people: `\\n` a line break, `\\,` `\\;` `\\\\` the
    character; an unknown escape keeps its character."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _text_field(value: str) -> str:
    """A TEXT value unescaped, on one line, without control characters, cut to size."""
    text = _CONTROL.sub("", unescape_text(value).replace("\n", " ").replace("\r", " "))
    return " ".join(text.split())[:MAX_FIELD_CHARS]


def _components(lines: Iterable[str]) -> _Component:
    """The component tree of the content lines, under an unnamed root."""
    root = _Component("")
    stack = [root]
    for line in lines:
        parsed = split_property(line)
        if parsed is None:
            continue  # a broken line: read the rest
        name, params, value = parsed
        if name == "BEGIN":
            if len(stack) > _MAX_DEPTH:
                raise CalendarUnreadable("nested too deeply")
            child = _Component(value.strip().upper())
            stack[-1].children.append(child)
            stack.append(child)
        elif name == "END":
            if len(stack) > 1 and stack[-1].name == value.strip().upper():
                stack.pop()
        else:
            stack[-1].properties.append((name, params, value))
    return root


# ---------------------------------------------------------------------------- times

_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(Z?)")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_OFFSET = re.compile(r"([+-])(\d{2})(\d{2})(\d{2})?")
_RULE_DAY = re.compile(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# what an IANA zone name may look like: "Europe/London", "America/Argentina/Buenos_Aires"
_IANA_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+){0,3}")


def _named_zone(tzid: str) -> tzinfo | None:
    """The zone a TZID names: an IANA name (also after a leading "/" or a vendor's path,
    "/mozilla.org/20070129_1/Europe/London"), a Windows name, or None."""
    name = tzid.strip().strip('"')
    windows = _WINDOWS_ZONES.get(" ".join(name.lower().split()))
    if windows is not None:
        return ZoneInfo(windows)
    parts = [part for part in name.split("/") if part]
    for start in range(max(0, len(parts) - 4), len(parts)):
        candidate = "/".join(parts[start:])
        if not _IANA_NAME.fullmatch(candidate):
            continue
        try:
            return ZoneInfo(candidate)
        except (ValueError, KeyError, OSError):  # no such zone, or a file that is none
            continue
    return None


def _offset(value: str) -> timedelta | None:
    found = _OFFSET.fullmatch(value.strip())
    if found is None:
        return None
    sign = -1 if found.group(1) == "-" else 1
    hours, minutes, seconds = int(found.group(2)), int(found.group(3)), int(found.group(4) or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        return None
    return sign * timedelta(hours=hours, minutes=minutes, seconds=seconds)


@dataclass(frozen=True)
class _Observance:
    """A STANDARD or DAYLIGHT part of a VTIMEZONE: its offset, and when it starts each year
    (month, nth weekday, weekday, local time) when it has such a yearly rule."""

    offset: timedelta
    offset_from: timedelta
    month: int | None = None
    nth: int = 0
    weekday: int = 0
    at: time = time(0)


class _RuleZone(tzinfo):
    """A zone from a VTIMEZONE: a fixed offset, or a standard and a daylight one by yearly
    rules (as most VTIMEZONEs Outlook writes are)."""

    def __init__(self, standard: _Observance, daylight: _Observance | None) -> None:
        self.standard, self.daylight = standard, daylight

    def utcoffset(self, moment: datetime | None) -> timedelta:
        if moment is None or self.daylight is None:
            return self.standard.offset
        return self.daylight.offset if self._in_daylight(moment) else self.standard.offset

    def dst(self, moment: datetime | None) -> timedelta:
        return self.utcoffset(moment) - self.standard.offset

    def tzname(self, moment: datetime | None) -> str | None:
        return None

    def _in_daylight(self, moment: datetime) -> bool:
        assert self.daylight is not None
        local = moment.replace(tzinfo=None)
        begins = _yearly(self.daylight, local.year)
        ends = _yearly(self.standard, local.year)
        if begins is None or ends is None:
            return False
        if begins < ends:  # the northern hemisphere: summer inside the year
            return begins <= local < ends
        return local >= begins or local < ends


def _yearly(observance: _Observance, year: int) -> datetime | None:
    """When `observance` starts in `year` (local wall time), or None."""
    if observance.month is None:
        return None
    return datetime.combine(
        _nth_weekday(year, observance.month, observance.nth, observance.weekday), observance.at
    )


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> date:
    """The `nth` `weekday` of the month (Monday 0); nth -1 is the last."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))


def _observance(part: _Component) -> _Observance | None:
    offset = _offset(part.value("TZOFFSETTO"))
    offset_from = _offset(part.value("TZOFFSETFROM")) or offset
    if offset is None or offset_from is None:
        return None
    rule = part.value("RRULE")
    if not rule:
        return _Observance(offset, offset_from)
    fields = dict(
        item.split("=", 1) for item in rule.upper().split(";") if "=" in item and item.strip()
    )
    day = _RULE_DAY.fullmatch(fields.get("BYDAY", ""))
    start = _DATE_TIME.fullmatch(part.value("DTSTART").strip())
    month = fields.get("BYMONTH", "")
    if fields.get("FREQ") != "YEARLY" or day is None or start is None or not month.isdigit():
        return None
    nth = int(day.group(1) or 1)
    if not 1 <= int(month) <= 12 or nth == 0 or not -4 <= nth <= 5:
        return None
    hour, minute = int(start.group(4)), int(start.group(5))
    if hour > 23 or minute > 59:
        return None
    weekday = _WEEKDAYS.index(day.group(2))
    return _Observance(offset, offset_from, int(month), nth, weekday, time(hour, minute))


def _described_zone(timezone_part: _Component) -> tzinfo | None:
    """The zone a VTIMEZONE describes when that is simple (see the module's docstring)."""
    standards = [c for c in timezone_part.children if c.name == "STANDARD"]
    daylights = [c for c in timezone_part.children if c.name == "DAYLIGHT"]
    if len(standards) != 1 or len(daylights) > 1:
        return None
    standard = _observance(standards[0])
    if standard is None:
        return None
    if not daylights:
        return timezone(standard.offset) if abs(standard.offset) < timedelta(hours=24) else None
    daylight = _observance(daylights[0])
    if daylight is None or standard.month is None or daylight.month is None:
        return None
    return _RuleZone(standard, daylight)


class _Zones:
    """The zones an invitation's TZIDs name, known by name or from its VTIMEZONEs."""

    def __init__(self, root: _Component) -> None:
        self.described: dict[str, _Component] = {}
        for calendar in root.children:
            for child in calendar.children:
                if child.name == "VTIMEZONE":
                    self.described.setdefault(child.value("TZID").strip(), child)
        self.known: dict[str, tzinfo | None] = {}

    def zone(self, tzid: str) -> tzinfo | None:
        tzid = tzid.strip().strip('"')
        if tzid not in self.known:
            found = _named_zone(tzid)
            if found is None and tzid in self.described:
                try:
                    found = _described_zone(self.described[tzid])
                except (ValueError, OverflowError):
                    found = None
            self.known[tzid] = found
        return self.known[tzid]


@dataclass(frozen=True)
class _Moment:
    at: datetime | None = None
    day: date | None = None
    zone_unknown: bool = False


def _moment(found: tuple[dict[str, str], str] | None, zones: _Zones, floating: tzinfo) -> _Moment:
    """A DTSTART / DTEND / RECURRENCE-ID as a tz-aware moment, an all-day date, or neither
    (missing, a bad date, or a zone not known: `zone_unknown`)."""
    if found is None:
        return _Moment()
    params, value = found
    value = value.strip()
    try:
        if params.get("VALUE", "").upper() == "DATE" or _DATE.fullmatch(value):
            day = _DATE.fullmatch(value)
            return _Moment(day=date(*map(int, day.groups()))) if day else _Moment()
        stamp = _DATE_TIME.fullmatch(value)
        if stamp is None:
            return _Moment()
        year, month, day_of_month, hour, minute = map(int, stamp.groups()[:5])
        second = min(int(stamp.group(6) or 0), 59)  # 60: a leap second
        naive = datetime(year, month, day_of_month, hour, minute, second)
    except ValueError:  # the 31st of a 30-day month, hour 25
        return _Moment()
    if stamp.group(7):
        return _Moment(at=naive.replace(tzinfo=UTC))
    if "TZID" in params:
        zone = zones.zone(params["TZID"])
        if zone is None:
            return _Moment(zone_unknown=True)
        at = naive.replace(tzinfo=zone)
        if isinstance(zone, _RuleZone):  # as its fixed offset then: a message is pickled
            at = at.astimezone(timezone(zone.utcoffset(at)))
        return _Moment(at=at)
    return _Moment(at=naive.replace(tzinfo=floating))


# ---------------------------------------------------------------------------- reading


def _address(value: str) -> str:
    """A CAL-ADDRESS as an address: "mailto:" dropped, lower-cased; "" when it has no "@"."""
    address = value.strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    address = address.strip().lower()
    return address[:MAX_FIELD_CHARS] if "@" in address and " " not in address else ""


def _event(part: _Component, zones: _Zones, floating: tzinfo) -> CalendarEvent:
    start = _moment(part.first("DTSTART"), zones, floating)
    end = _moment(part.first("DTEND"), zones, floating)
    recurrence = part.first("RECURRENCE-ID")
    if recurrence is None and (part.first("RRULE") or part.first("RDATE")):
        # a series: its DTSTART is only its first time, maybe months past
        start = end = _Moment()
    sequence = part.value("SEQUENCE").strip()
    attendees: list[tuple[str, str]] = []
    for name, params, value in part.properties:
        if name == "ATTENDEE" and len(attendees) < MAX_ATTENDEES:
            address = _address(value)
            if address:
                attendees.append((address, params.get("PARTSTAT", "").upper()[:20]))
    return CalendarEvent(
        uid=_text_field(part.value("UID")),
        sequence=int(sequence) if sequence.isdigit() and len(sequence) < 10 else 0,
        status=part.value("STATUS").strip().upper()[:20],
        start=start.at,
        end=end.at,
        day=start.day,
        zone_unknown=start.zone_unknown,
        summary=_text_field(part.value("SUMMARY")),
        location=_text_field(part.value("LOCATION")),
        organizer=_address(part.value("ORGANIZER")),
        attendees=tuple(attendees),
        recurrence_id=_text_field(recurrence[1]) if recurrence else "",
    )


def read_calendar(text: str, floating: tzinfo = UTC) -> Invitation:
    """The invitation in a calendar part's text (decoded by the caller from its MIME part);
    `floating` is the zone of times given without one (the sender's offset). Raises
    CalendarUnreadable, and nothing else, when it holds none."""
    try:
        if len(text) > MAX_CALENDAR_BYTES:
            raise CalendarUnreadable("too large")
        root = _components(unfold(text))
        calendars = [c for c in root.children if c.name == "VCALENDAR"]
        if not calendars:
            raise CalendarUnreadable("no VCALENDAR")
        zones = _Zones(root)
        method = calendars[0].value("METHOD").strip().upper()[:20]
        events = [
            _event(child, zones, floating)
            for calendar in calendars
            for child in calendar.children
            if child.name == "VEVENT"
        ]
        if not events:
            raise CalendarUnreadable("no VEVENT")
        return Invitation(method, tuple(events[:MAX_EVENTS]))
    except CalendarUnreadable:
        raise
    except Exception as err:  # the contract: a hostile part is a reason, never a crash
        raise CalendarUnreadable(type(err).__name__) from err


# ---------------------------------------------------------------------------- meetings

INVITATION_PHRASE = "calendar invitation"
CANCELLED_PHRASE = "calendar invitation cancelled"
MOVED_PHRASE = "calendar invitation moved"

# An event's title that names an interview ("Interview: Alex Morgan", "Assessment day"): what
# makes an invitation an interview (pipeline.calendar_interview) and an all-day one a meeting
INTERVIEW_EVENT = re.compile(
    r"\b(?:interview|phone\s+screen|screening\s+call|technical\s+(?:screen|round|test)"
    r"|onsite|on-site|assessment\s+(?:centre|center|day)|final\s+round)\b",
    re.IGNORECASE,
)


def one_off(invitation: Invitation) -> bool:
    """Whether the invitation is to a meeting of its own, not to a recurring series nor to
    one instance of one (RECURRENCE-ID): a weekly 1:1 is no interview, nor one week's of it
    moved. A REQUEST's or PUBLISH's event has a DTSTART (RFC 5546), so one with no time or
    day (nor a time in a zone not known) is a series, whose time read_calendar leaves out;
    a cancellation may give none, and is taken as one."""
    return invitation.method == "CANCEL" or any(
        not event.recurrence_id
        and (event.start is not None or event.day is not None or event.zone_unknown)
        for event in invitation.events
    )


def _to_user(event: CalendarEvent, addresses: frozenset[str]) -> bool:
    """Whether the user is among its attendees (or it lists none, or the user's addresses
    are not known)."""
    if not event.attendees or not addresses:
        return True
    own = {untagged_address(a) for a in addresses}
    return any(untagged_address(address) in own for address, _ in event.attendees)


def _the_users(event: CalendarEvent, direction: str, addresses: frozenset[str]) -> bool:
    """Whether the event is the user's meeting: their invitation to the user (_to_user), or
    in the user's own mail the user's own invitation (its organizer is the user: a call the
    user asked a recruiter to), not another's passed on."""
    if direction == "inbound":
        return _to_user(event, addresses)
    own = {untagged_address(a) for a in addresses}
    return bool(event.organizer) and untagged_address(event.organizer) in own


def _phrase(prefix: str, event: CalendarEvent) -> str:
    return f"{prefix}: {event.summary[:80]}" if event.summary else prefix


def _same_day(commitment: Commitment, start: datetime, zone: tzinfo | None) -> bool:
    """Whether a meeting read from the text is on the invitation's day, in the user's zone
    or in the zone its own time was read in."""
    days = {start.astimezone(zone).date()}
    if commitment.at is not None:
        days.add(start.astimezone(commitment.at.tzinfo).date())
    return commitment.due in days


def _clocks(text: str) -> set[time]:
    """The times of day `text` names ("14:00", "2pm", "noon")."""
    found = set()
    for mention in TIME_OF_DAY.finditer(text[:5000]):
        read = parse_time_of_day(mention.group(0))
        if read is not None:
            found.add(read[0])
    return found


def _another_meeting(commitment: Commitment, invited: set[time], zone: tzinfo | None) -> bool:
    """Whether a meeting the text gives at a time is not the invitation's: the text names the
    invitation's time of day (`invited`) as well, at another clock than this meeting's ("a
    call with me at 10:00 and the panel at 14:00")."""
    if commitment.at is None:
        return False
    own = {commitment.at.time(), commitment.at.astimezone(zone).time()}
    return bool(invited - own)


def _event_meeting(
    commitments: Sequence[Commitment], event: CalendarEvent, zone: tzinfo | None, text: str
) -> list[Commitment]:
    """The text's commitments with the event's meeting: left as they are when the text
    gives that moment; else the text's meetings on its day (the same meeting read
    otherwise, a time in another zone) give way to it, but for one at another time when
    the text (`text`) names the invitation's time too: that is another meeting that day."""
    assert event.start is not None
    ends = _event_end(event)
    ends = ends.astimezone(zone) if ends else None
    if any(c.kind == CommitmentKind.MEETING and c.at == event.start for c in commitments):
        return [
            replace(c, ends=ends)
            if c.kind == CommitmentKind.MEETING and c.at == event.start and ends
            else c
            for c in commitments
        ]
    # the invitation's time of day as the text may write it: the user's, or its own zone's
    invited = {event.start.astimezone(zone).time(), event.start.time()} & _clocks(text)
    kept = [
        c
        for c in commitments
        if not (
            c.kind == CommitmentKind.MEETING
            and _same_day(c, event.start, zone)
            and not _another_meeting(c, invited, zone)
        )
    ]
    at = event.start.astimezone(zone)
    meeting = Commitment(
        CommitmentKind.MEETING,
        _phrase(INVITATION_PHRASE, event),
        Strength.EXPLICIT,
        at.date(),
        at,
        ends=ends,
    )
    return [*kept, meeting]


def _event_end(event: CalendarEvent) -> datetime | None:
    """The event's end (DTEND) when it is a meeting's: after its start, by at most
    MAX_LENGTH (an event of days is no meeting's length)."""
    if event.start is None or event.end is None:
        return None
    return event.end if MIN_LENGTH <= event.end - event.start <= MAX_LENGTH else None


def _day_meeting(commitments: Sequence[Commitment], event: CalendarEvent) -> list[Commitment]:
    """The text's commitments with an all-day event's meeting, on its day with no time (as
    the text's "interview on Thursday 3 December" is read), when its title names an
    interview ("Assessment day") and the text gives no meeting that day; an all-day "Office
    closed" or "Start date" is none. Its phrase names the day, as such a text does (the
    tracker takes their meeting with no time only on a day named: track._DAY_NAMED)."""
    day = event.day
    assert day is not None
    if INTERVIEW_EVENT.search(event.summary) is None or any(
        c.kind == CommitmentKind.MEETING and c.due == day for c in commitments
    ):
        return list(commitments)
    phrase = f"{_phrase(INVITATION_PHRASE, event)}, all day {day:%A} {day.day} {day:%B}"
    return [*commitments, Commitment(CommitmentKind.MEETING, phrase, Strength.EXPLICIT, day)]


def _day_off(commitments: Sequence[Commitment], day: date, phrase: str) -> list[Commitment]:
    """The text's commitments with `day` off: the text's meetings on that day go (a
    cancellation's "When: ..." line is the slot given up), and so does a call-off with no
    day (the next meeting): the invitation says which."""
    kept = [
        c
        for c in commitments
        if not (c.kind == CommitmentKind.MEETING and c.due == day)
        and not (c.kind == CommitmentKind.MEETING_OFF and c.due is None)
    ]
    if any(c.kind == CommitmentKind.MEETING_OFF and c.due == day for c in kept):
        return kept
    return [*kept, Commitment(CommitmentKind.MEETING_OFF, phrase, Strength.EXPLICIT, day)]


def with_invitation(
    extraction: Extraction, message: ParsedMessage, zone: tzinfo | None, addresses: frozenset[str]
) -> Extraction:
    """`extraction` (what extract.py read from the text) with the meetings of the message's
    calendar invitation: theirs to the user (`addresses`: the user's; an event whose
    attendees do not include them is someone else's) that is no list mail nor an automatic
    reply, or the user's own (its organizer is the user: the user's meeting request in the
    Sent folder). Per event (not a recurring series, which has no time, nor one instance of
    one, RECURRENCE-ID):
    - REQUEST, PUBLISH (or no METHOD) with a DTSTART: a meeting then, in the user's `zone`,
      unless the text gives that moment; the text's meetings on its day at another time
      give way to it (the invitation is what lands in the user's calendar), but for one at
      another time than the invitation's when the text names that too ("a call with me at
      10:00 and the panel at 14:00"). Its DTEND is the meeting's end (`ends`), when it is
      after the start by at most lengths.MAX_LENGTH. An update (the pipeline found an
      earlier version of the event at another time, `earlier_start`) calls the earlier
      time's day off first, so the meeting moves.
    - An all-day event (VALUE=DATE) titled as an interview ("Assessment day"): a meeting on
      its day with no time, unless the text gives one that day.
    - CANCEL, or STATUS:CANCELLED: its day is off (MEETING_OFF), the day of its DTSTART and
      that of the earlier version's: whichever version the board holds is called off.
    - A time whose zone is not known: nothing; the text is read as it was. Nor does a REPLY
      (the user's calendar answering: "Accepted: ...") or a COUNTER (a time proposed) make a
      meeting.
    A meeting is the business of a process: the invitation opens none (match.py reads no
    commitment), and its label stays the classifier's (pipeline.calendar_interview).
    """
    invitation = message.invitation
    if (
        invitation is None
        or message.auto_reply
        or message.list_id is not None
        or invitation.method not in ("", "REQUEST", "PUBLISH", "CANCEL")
    ):
        return extraction
    commitments = list(extraction.commitments)
    text = f"{message.subject}\n{message.new_text}"
    for event in invitation.events:
        if event.recurrence_id or not _the_users(event, message.direction, addresses):
            continue
        if invitation.method == "CANCEL" or event.status == "CANCELLED":
            moments = [m for m in (event.start, event.earlier_start) if m is not None]
            days = {m.astimezone(zone).date() for m in moments}
            if event.day is not None:
                days.add(event.day)
            for day in sorted(days):
                commitments = _day_off(commitments, day, _phrase(CANCELLED_PHRASE, event))
            continue
        if event.start is None and event.day is None:
            continue
        if event.earlier_start is not None and event.earlier_start != event.start:
            day = event.earlier_start.astimezone(zone).date()
            if day != event.day:  # (an all-day event on that day stays its meeting)
                commitments = _day_off(commitments, day, _phrase(MOVED_PHRASE, event))
        if event.start is None:
            commitments = _day_meeting(commitments, event)
        else:
            commitments = _event_meeting(commitments, event, zone, text)
    return replace(extraction, commitments=tuple(commitments))
