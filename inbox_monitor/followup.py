"""A short, polite follow-up draft for an overdue process (pure; never sent by the program).

The draft is written from the thread: the person to write to (the last human who wrote,
by first name), the role and company, when they last wrote and what they promised. The
daemon may append it to the Drafts folder with the \\Draft flag when `digest.drafts` is
on; the user edits and sends it, or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from inbox_monitor.models import Address, MessageRecord, State, Strength
from inbox_monitor.track import ProcessStatus

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]")
_NOT_A_PERSON = re.compile(
    r"(?i)\b(no.?reply|careers?|jobs?|talent|recruiting|recruitment|hr|team|notifications?|hiring)\b"
)


@dataclass(frozen=True)
class FollowUpDraft:
    """The draft's addressee, subject, body and thread headers."""

    to: Address
    subject: str
    body: str
    in_reply_to: str | None
    references: tuple[str, ...]
    process_id: int


def _clean(text: str) -> str:
    return _CONTROL.sub("", " ".join(text.split()))


_ROLE_MAILBOXES = frozenset(
    {
        "hello", "info", "noreply", "no-reply", "donotreply", "do-not-reply", "notifications",
        "offers", "orders", "events", "alerts", "careers", "jobs", "team", "support",
        "contact", "news", "newsletter", "hr", "recruiting", "talent", "hiring", "mail",
    }
)  # fmt: skip
_ARTICLES = frozenset({"the", "a", "an", "dear", "team"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof"})


def first_name(address: Address) -> str | None:
    """The greeting name: the display name's first word (an honorific keeps the surname),
    unless the name or the mailbox belongs to a team, a newsletter or a robot."""
    name = _clean(address.name).strip("\"' ")
    local = address.email.partition("@")[0].lower()
    if not name or "@" in name or _NOT_A_PERSON.search(name) or local in _ROLE_MAILBOXES:
        return None
    if "," in name:  # "Doe, Jane"
        name = name.split(",", 1)[1].strip() or name
    words = name.split()
    first = words[0].rstrip(".")
    if first.lower() in _ARTICLES or not first[:1].isalpha():
        return None
    if first.lower() in _HONORIFICS:
        return f"{words[0]} {words[-1]}" if len(words) > 1 else None
    return first


def _reply_target(status: ProcessStatus, thread: Sequence[MessageRecord]) -> MessageRecord | None:
    """The last inbound message from a person (not an automated sender), else the last one."""
    inbound = [m for m in thread if m.direction == "inbound" and m.sender is not None]
    people = [m for m in inbound if m.extraction.sender_role.value != "automated"]
    chosen = people or inbound
    return chosen[-1] if chosen else None


def draft_follow_up(
    status: ProcessStatus,
    thread: Sequence[MessageRecord],
    user_name: str,
    zone: tzinfo,
) -> FollowUpDraft | None:
    """A follow-up for an overdue process, or None when it is not overdue or nobody wrote."""
    if status.state != State.OVERDUE:
        return None
    target = _reply_target(status, thread)
    if target is None or target.sender is None:
        return None
    process = status.process
    role = _clean(process.role or "") or "the role"
    company = _clean(process.company or "")
    what = (
        f"the {role} role at {company}"
        if company and process.role
        else (
            f"the role at {company}"
            if company
            else (f"the {role} role" if process.role else "my application")
        )
    )
    greeting = f"Hi {first_name(target.sender)}," if first_name(target.sender) else "Hello,"
    last_day = target.date.astimezone(zone)
    when = f"{last_day:%A} {last_day.day} {last_day:%B}"
    # Their date is cited only while it is the date expected: not once kept or overtaken.
    if status.expected_phrase and status.expected_source == "promise":
        due = status.expected_by
        said = f" by {due:%A} {due.day} {due:%B}" if due is not None else ""
        middle = (
            f"When you wrote on {when}, you mentioned I would hear back{said}. "
            "I wanted to check whether there is any news you can share."
        )
    elif status.expected_phrase and status.commitment == Strength.VAGUE:
        middle = (
            f"When you wrote on {when}, you mentioned you would be in touch. "
            "I wanted to check whether there is any update on the next steps."
        )
    else:
        middle = f"I last heard from you on {when} and wanted to check where things stand."
    body = (
        f"{greeting}\n\n"
        f"I hope you are well. I am following up on {what}. {middle}\n\n"
        "I remain very interested, and I am happy to provide anything else you need.\n\n"
        "Best regards,\n"
        f"{_clean(user_name)}\n"
    )
    subject = _clean(target.subject) or f"Following up: {what}"
    if not subject.lower().startswith("re:"):
        subject = f"Re: {subject}"
    return FollowUpDraft(
        to=Address(_clean(target.sender.name), target.sender.email),
        subject=subject,
        body=body,
        in_reply_to=target.message_id,
        references=(target.message_id,),
        process_id=process.id,
    )


def draft_message(draft: FollowUpDraft, sender: str, now: datetime) -> EmailMessage:
    """The draft as an RFC 5322 message for the Drafts folder; Date from `now`."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((draft.to.name, draft.to.email))
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(now)
    domain = sender.rpartition("@")[2].rstrip(">").strip() or "localhost"
    message["Message-ID"] = f"<followup.{draft.process_id}.{now:%Y%m%dT%H%M%S}@{domain}>"
    if draft.in_reply_to:
        message["In-Reply-To"] = draft.in_reply_to
        message["References"] = " ".join(draft.references)
    message.set_content(draft.body, charset="utf-8")
    return message
