"""Terminal tables and JSON for the CLI. Text from mail is made safe for a terminal."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from typing import Any

import click

from inbox_monitor.export import status_row
from inbox_monitor.models import State
from inbox_monitor.track import ProcessStatus

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

STATE_COLOURS = {
    State.OVERDUE: "red",
    State.WAITING_ON_YOU: "magenta",
    State.DUE_SOON: "yellow",
    State.OFFER: "green",
    State.ACTIVE: None,
    State.CLOSED: "bright_black",
}


def safe(text: object, width: int | None = None) -> str:
    """One line of text with no terminal control characters (a subject can hold ESC codes)."""
    value = _CONTROL.sub("", " ".join(str(text if text is not None else "").split()))
    if width is not None and _display_width(value) > width:
        out = ""
        for char in value:
            if _display_width(out + char) > width - 1:
                break
            out += char
        value = out + "…"
    return value


def fit_quoted(text: object, width: int) -> str:
    """`safe(text, width)`, shortening the words it quotes (“…”) in their middle first, so
    that their end (a promise's date) and what stands after them (the date read, a note) are
    still seen: `explicit: “Thanks for your pat…by Friday 5 December” (by 2026-12-05); …`."""
    value = safe(text)
    excess = _display_width(value) - width
    start, end = value.find("\u201c"), value.find("\u201d")
    if excess > 0 and 0 <= start < end:
        quoted = value[start + 1 : end]
        keep = max(_QUOTE_KEPT, len(quoted) - excess)
        if keep < len(quoted):
            # its start and its end, where a promise's date stands: "we'll get back … by
            # Monday 1 December"
            head = (keep - 1) // 3
            tail = keep - 1 - head
            value = value[: start + 1] + quoted[:head] + "\u2026" + quoted[-tail:] + value[end:]
    return safe(value, width)


_QUOTE_KEPT = 16  # the least of a quotation fit_quoted keeps


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], colours: Sequence[str | None] = ()
) -> str:
    widths = [
        max([_display_width(h), *(_display_width(r[i]) for r in rows)])
        for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - _display_width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    out = [click.style(line(headers), bold=True)]
    for index, row in enumerate(rows):
        colour = colours[index] if index < len(colours) else None
        out.append(click.style(line(row), fg=colour) if colour else line(row))
    return "\n".join(out)


def local(moment: datetime | None, zone: tzinfo, with_time: bool = False) -> str:
    if moment is None:
        return "-"
    value = moment.astimezone(zone)
    return value.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def day(value: date | None) -> str:
    return value.isoformat() if value else "-"


def status_json(status: ProcessStatus, zone: tzinfo) -> dict[str, Any]:
    """The export row (its times in `zone`) plus what a person or script asks next: who,
    when, what to do."""
    return {
        **status_row(status, zone),
        "last_contact": str(status.last_contact) if status.last_contact else None,
        "days_past_deadline": status.days_past_deadline,
        "deadline_passed": status.deadline_passed,
        "away_until": day(status.away_until) if status.away_until else None,
        "on_hold": status.on_hold,
        # on their reserve list: open, nothing expected (since, and until when if they said)
        "reserve_list": {
            "since": local(status.reserve_at, zone),
            "until": day(status.reserve_until) if status.reserve_until else None,
        }
        if status.reserve_at is not None
        else None,
    }


def workdays(count: int) -> str:
    """'1 workday', '11 workdays': how far past its date a process is (business days);
    '<1 workday' for a date passed with no business day since (Friday's, on Saturday)."""
    if count == 0:
        return "<1 workday"
    return f"{count} workday" + ("" if count == 1 else "s")


def expected_cell(status: ProcessStatus) -> str:
    """Their reply date, or "you 2026-11-25" when it is the user's turn and they gave a date,
    or "list to 2028-01-12", the end of the reserve list the user is on."""
    if status.expected_by is not None:
        return day(status.expected_by)
    if status.reserve_until is not None:
        return f"list to {day(status.reserve_until)}"
    if status.user_deadline is not None and status.user_deadline.due is not None:
        return f"you {day(status.user_deadline.due)}"
    return "-"


def board_table(statuses: Sequence[ProcessStatus], zone: tzinfo) -> str:
    headers = [
        "#",
        "company",
        "role",
        "contact",
        "stage",
        "state",
        "last contact",
        "expected by",
        "overdue",
    ]
    rows = []
    for status in statuses:
        process = status.process
        company = process.company or (f"(via {process.agency})" if process.agency else "?")
        contact = (
            status.last_contact.name or status.last_contact.email if status.last_contact else "-"
        )
        state = status.state.value + (f" ({status.outcome.value})" if status.outcome else "")
        if status.reserve_at is not None:
            state += " (reserve list)"
        elif status.on_hold:
            state += " (on hold)"
        rows.append(
            [
                str(process.id),
                safe(company, 24),
                safe(process.role or "-", 26),
                safe(contact, 20),
                status.stage.value,
                state,
                local(status.last_inbound_at, zone),
                expected_cell(status),
                workdays(status.days_overdue or status.days_past_deadline)
                if status.state == State.OVERDUE or status.deadline_passed
                else "",
            ]
        )
    return table(headers, rows, [STATE_COLOURS[s.state] for s in statuses])


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)
