"""Board exports: CSV, JSON and iCalendar (pure functions of statuses).

Their promise's words are exported only while they hold (`ProcessStatus.open_phrase`), as
the digest and `stalled` quote them: a promise kept, overtaken by an interview or already
past when made is not the reason for the date exported beside it. A meeting ends when its
mail said it would ("14:00-14:45", "a 45-minute call"), else an hour after it starts. A
meeting whose time is not known yet ("your interview is now on Monday") is exported as its
day: a date with no time in CSV and JSON, an all-day event in iCalendar. A meeting they
asked to move stays where it is until the user agrees, its event saying they asked. An
event's title names the company, or the agency while it has not named its client ("Hear
back from TalentBridge (client not named) — Data Engineer").

Every time in CSV and JSON is written in one form: ISO 8601 in the user's zone, with its
offset ("2026-12-17T14:30:00+01:00"), whatever zone the message gave it in or the store
keeps it in (UTC). A day is a date alone.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo

from inbox_monitor.models import ProcessRecord
from inbox_monitor.track import ProcessStatus

CSV_COLUMNS = (
    "id",
    "company",
    "role",
    "agency",
    "stage",
    "state",
    "outcome",
    "expected_by",
    "expected_source",
    "expected_phrase",
    "commitment",
    "days_overdue",
    "user_deadline",
    "next_meeting",
    "last_inbound_at",
    "last_outbound_at",
    "message_count",
    "next_step",
)


def status_row(status: ProcessStatus, zone: tzinfo) -> dict[str, object]:
    """One process as CSV and JSON write it, its times in `zone`."""
    process = status.process
    return {
        "id": process.id,
        "company": process.company,
        "role": process.role,
        "agency": process.agency,
        "contacts": list(status.contacts),
        "stage": status.stage.value,
        "state": status.state.value,
        "outcome": status.outcome.value if status.outcome else None,
        "expected_by": status.expected_by.isoformat() if status.expected_by else None,
        "expected_source": status.expected_source,
        "expected_phrase": status.open_phrase,
        "commitment": status.commitment.value,
        "days_overdue": status.days_overdue,
        # the day the user is to answer or act by (an offer's, a request's, their own)
        "user_deadline": status.user_deadline.due.isoformat()
        if status.user_deadline and status.user_deadline.due
        else None,
        "next_meeting": _next_meeting(status, zone),
        "last_inbound_at": moment_text(status.last_inbound_at, zone),
        "last_outbound_at": moment_text(status.last_outbound_at, zone),
        "message_count": status.message_count,
        "next_step": status.next_step,
    }


def moment_text(moment: datetime | None, zone: tzinfo) -> str | None:
    """A moment in ISO 8601 in `zone`, with its offset; in UTC where `zone` has no room for
    it (the calendar's last hours)."""
    if moment is None:
        return None
    try:
        return moment.astimezone(zone).isoformat()
    except OverflowError:
        return moment.astimezone(UTC).isoformat()


def _next_meeting(status: ProcessStatus, zone: tzinfo) -> str | None:
    """The next meeting's time, or only its day when its time is not known yet."""
    if status.next_meeting is not None:
        return moment_text(status.next_meeting, zone)
    return status.next_meeting_day.isoformat() if status.next_meeting_day else None


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A leading =, +, - or @ makes spreadsheets evaluate the cell: never let mail do that.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(statuses: Sequence[ProcessStatus], zone: tzinfo) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for status in statuses:
        row = status_row(status, zone)
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def to_json(statuses: Sequence[ProcessStatus], zone: tzinfo) -> str:
    return json.dumps([status_row(s, zone) for s in statuses], indent=2, ensure_ascii=False) + "\n"


def _ics_text(value: str) -> str:
    """RFC 5545 TEXT escaping; line breaks and control characters cannot escape a property."""
    value = "".join(ch for ch in value if ch >= " " or ch == "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold content lines at 75 octets (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _all_day_end(start: date) -> str:
    """The end of a one-day event; the calendar's last day has no next day to name."""
    if start == date.max:
        return "DURATION:P1D"
    return f"DTEND;VALUE=DATE:{start + timedelta(days=1):%Y%m%d}"


def _meeting_end(begin: datetime, ends: datetime | None = None) -> str:
    """The end of a meeting (`begin` in UTC): the one its mail gave (`ends`), else an hour
    after it; the calendar's last hour has no end to name."""
    if ends is not None and ends > begin:
        return f"DTEND:{ends.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    if begin > datetime.max.replace(tzinfo=UTC) - timedelta(hours=1):
        return "DURATION:PT1H"
    return f"DTEND:{begin + timedelta(hours=1):%Y%m%dT%H%M%SZ}"


def _ics_name(process: ProcessRecord) -> str:
    """Who an event is about, to follow "Hear back from", "Answer" or "Interview:"."""
    if process.company:
        return process.company
    if process.agency:
        return f"{process.agency} (client not named)"
    return "a company not named yet"


def to_ics(statuses: Sequence[ProcessStatus], now: datetime) -> str:
    """One all-day event per expected reply date and per date the user must answer by (theirs,
    or the one the user gave for answering an offer or for sending what they asked), one
    event per upcoming meeting (whose day, when it is the date expected, is not also a reply
    date): timed, or all day while its time is not known."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//inbox-monitor//EN", "CALSCALE:GREGORIAN"]
    for status in statuses:
        process = status.process
        name = _ics_name(process)
        role = f" — {process.role}" if process.role else ""
        # (next_meeting_day is the next meeting's day, whether its time is known or not)
        meeting = status.expected_source == "meeting" and status.next_meeting_day is not None
        if status.expected_by is not None and not meeting:
            detail = f"Expected by ({status.expected_source})"
            if status.open_phrase:
                detail += f": \u201c{status.open_phrase}\u201d"
            lines += _all_day_event(
                f"expected-{process.id}", status.expected_by, stamp,
                f"Hear back from {name}{role}", detail,
            )  # fmt: skip
        deadline = status.user_deadline
        if deadline is not None and deadline.due is not None:
            if deadline == status.own_word:
                detail = "You said you would answer by this date"
            elif status.own_date:
                detail = "You said you would send what they asked for by this date"
            else:
                detail = "They asked you to answer by this date"
            if deadline.phrase:
                detail += f": \u201c{deadline.phrase}\u201d"
            lines += _all_day_event(
                f"answer-{process.id}", deadline.due, stamp, f"Answer {name}{role}", detail
            )
        # their ask to move it, unanswered: it stays where it is until the user agrees
        asked = (
            f"They asked to move it (\u201c{status.move_ask.phrase}\u201d); it stays until you agree"
            if status.move_ask is not None and status.move_ask_of_next
            else ""
        )
        if status.next_meeting is not None:
            begin = status.next_meeting.astimezone(UTC)
            lines += [
                "BEGIN:VEVENT",
                f"UID:meeting-{process.id}-{begin:%Y%m%dT%H%M}@inbox-monitor",
                f"DTSTAMP:{stamp}",
                f"DTSTART:{begin:%Y%m%dT%H%M%SZ}",
                _meeting_end(begin, status.next_meeting_end),
                f"SUMMARY:{_ics_text(f'Interview: {name}{role}')}",
                *([f"DESCRIPTION:{_ics_text(asked)}"] if asked else []),
                "END:VEVENT",
            ]
        elif status.next_meeting_day is not None:
            detail = "They have not given its time yet" + (f". {asked}" if asked else "")
            lines += _all_day_event(
                f"meeting-{process.id}", status.next_meeting_day, stamp,
                f"Interview: {name}{role}", detail,
            )  # fmt: skip
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _all_day_event(uid: str, day: date, stamp: str, summary: str, detail: str) -> list[str]:
    """An all-day event that keeps the day free (a date to keep in mind, not a meeting)."""
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}-{day:%Y%m%d}@inbox-monitor",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        _all_day_end(day),
        f"SUMMARY:{_ics_text(summary)}",
        f"DESCRIPTION:{_ics_text(detail)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
