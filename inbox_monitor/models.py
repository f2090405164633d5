"""The project's own data types, passed between the pipeline stages.

Every stage (parse, classify, extract, match, track) takes and returns these frozen
dataclasses; no third-party object crosses a module boundary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Literal


class Label(StrEnum):
    """One label per message (see docs/labels.md)."""

    OFFER = "offer"
    REJECTION = "rejection"
    INTERVIEW = "interview"
    DELAY = "delay"
    ACKNOWLEDGEMENT = "acknowledgement"
    REQUEST = "request"
    OUTREACH = "outreach"
    NOT_RECRUITING = "not_recruiting"


LABELS: tuple[Label, ...] = tuple(Label)

Direction = Literal["inbound", "outbound"]
DateSource = Literal["header", "received", "arrival", "import"]
"""Where a message's date came from: its Date header; the newest Received hop; its arrival
as its source records it (IMAP INTERNALDATE, a Maildir file's delivery time); the time it
was read."""


@dataclass(frozen=True)
class Address:
    """A mailbox: display name (may be empty) and lower-cased address."""

    name: str
    email: str

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


def untagged_address(address: str) -> str:
    """`address`, lower-cased, without a "+tag" in its local part: "alex+jobs@example.com"
    is delivered to alex@example.com (subaddressing), and a job seeker often applies with
    such an address."""
    local, at, domain = address.lower().partition("@")
    return f"{local.split('+', 1)[0]}{at}{domain}" if at else address.lower()


CALENDAR_TYPES = frozenset({"text/calendar", "application/ics"})
"""The content types of a calendar invitation's part."""


def is_calendar_part(content_type: str, filename: str) -> bool:
    """A MIME part that carries an invitation: text/calendar, application/ics, or a file
    named *.ics."""
    return content_type.lower() in CALENDAR_TYPES or filename.lower().strip().endswith(".ics")


@dataclass(frozen=True)
class Attachment:
    """An attachment's name and size; the contents are never kept."""

    filename: str
    content_type: str
    size: int

    @property
    def is_calendar(self) -> bool:
        """An invitation's event: an .ics file, or Outlook's text/calendar alternative."""
        return is_calendar_part(self.content_type, self.filename)


@dataclass(frozen=True)
class CalendarEvent:
    """One event of a calendar invitation (a VEVENT, read by invite.py): the few fields the
    monitor keeps, never its description. Text fields are on one line and cut short."""

    uid: str = ""
    sequence: int = 0
    status: str = ""  # CONFIRMED, TENTATIVE, CANCELLED as written, or ""
    # tz-aware; None when it has none, is all-day (`day`) or its zone is not known
    start: datetime | None = None
    end: datetime | None = None
    day: date | None = None  # an all-day event's first day
    zone_unknown: bool = False  # its DTSTART names a zone not known: no time taken from it
    summary: str = ""
    location: str = ""
    organizer: str = ""  # an address
    attendees: tuple[tuple[str, str], ...] = ()  # (address, PARTSTAT)
    recurrence_id: str = ""  # one instance of a recurring event
    # the start of an earlier version of this event (same UID, lower SEQUENCE) stored
    # before it, when the pipeline found one: an update moves the meeting from there
    earlier_start: datetime | None = None


@dataclass(frozen=True)
class Invitation:
    """A message's calendar invitation: its METHOD (REQUEST, CANCEL, PUBLISH, REPLY,
    COUNTER, or "" when not given) and its events."""

    method: str
    events: tuple[CalendarEvent, ...]


@dataclass(frozen=True)
class Origin:
    """Where raw bytes came from: a mailbox folder over IMAP, or a local file."""

    kind: Literal["imap", "eml", "mbox", "maildir", "jsonl"]
    account: str = ""
    folder: str = ""
    uidvalidity: int = 0
    uid: int = 0
    path: str = ""
    position: int = 0  # index of the message inside an mbox file

    def describe(self) -> str:
        if self.kind == "imap":
            return f"{self.account}/{self.folder} uid {self.uid} (uidvalidity {self.uidvalidity})"
        if self.kind == "mbox":
            return f"{self.path} message {self.position}"
        return self.path


@dataclass(frozen=True)
class RawMessage:
    """Undecoded RFC 822 bytes and where they came from.

    `sent` is true when the source is the user's sent mail (the \\Sent folder, or an
    import given --sent), which makes the message outbound whatever its From says.
    `arrived_at` is when the message arrived where it was read, as that place records it
    (IMAP INTERNALDATE, a Maildir file's delivery time; tz-aware), when it does.
    """

    data: bytes
    origin: Origin
    sent: bool = False
    arrived_at: datetime | None = None


@dataclass(frozen=True)
class ParsedMessage:
    """What the rest of the pipeline knows about one message.

    `date` is tz-aware and keeps the sender's UTC offset (from the Date header), so
    "by Friday" can be resolved in the sender's time zone. `new_text` is the part the
    sender wrote in this message: quoted history, signature and footer are split off.
    """

    message_id: str
    message_id_synthesized: bool
    in_reply_to: str | None
    references: tuple[str, ...]
    sender: Address | None
    reply_to: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime
    date_source: DateSource
    subject: str
    body: str
    new_text: str
    quoted: str
    signature: str
    footer: str
    attachments: tuple[Attachment, ...]
    direction: Direction
    content_hash: str
    size: int
    auto_submitted: bool = False
    list_id: str | None = None
    defects: tuple[str, ...] = ()
    # an out-of-office or vacation reply to mail the user sent (RFC 3834 "auto-replied", or
    # an "Automatic reply:" subject): not the sender's word, and never news of a process
    auto_reply: bool = False
    # the calendar invitation it carries (a text/calendar part or an .ics file), if readable
    invitation: Invitation | None = None

    @property
    def participants(self) -> tuple[Address, ...]:
        people = ((self.sender,) if self.sender else ()) + self.reply_to + self.to + self.cc
        return people


@dataclass(frozen=True)
class Classification:
    """A label with its calibrated confidence, every label's score, and why."""

    label: Label
    confidence: float
    scores: Mapping[str, float]
    reasons: tuple[str, ...]
    model: str


class Strength(StrEnum):
    """How specific a promise of a reply was: the first question a career coach asks."""

    EXPLICIT = "explicit"  # a date was given
    RELATIVE = "relative"  # a resolvable span: "within 5 business days"
    VAGUE = "vague"  # "we'll be in touch"
    NONE = "none"


class CommitmentKind(StrEnum):
    REPLY = "reply"  # they promise to get back to the user
    USER_DEADLINE = "user_deadline"  # the user must do something by a date
    MEETING = "meeting"  # an interview or call at a time
    USER_PROMISE = "user_promise"  # the user promised something in sent mail
    AWAY = "away"  # an out-of-office reply: the sender is away until this date
    MEETING_OFF = "meeting_off"  # a meeting on this day was moved or called off
    # they ask to move the meeting on this day (or the next one): it stays until the user agrees
    MOVE_ASKED = "move_asked"


class SenderRole(StrEnum):
    AGENCY_RECRUITER = "agency_recruiter"
    INHOUSE_RECRUITER = "inhouse_recruiter"
    HIRING_MANAGER = "hiring_manager"
    AUTOMATED = "automated"
    USER = "user"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Commitment:
    """A dated (or undated) promise or deadline read from one message."""

    kind: CommitmentKind
    phrase: str
    strength: Strength
    due: date | None = None
    at: datetime | None = None  # meetings with a time of day
    # a USER_DEADLINE they granted, more time asked for or not ("Yes, that's fine", "I'm
    # happy to extend your deadline to 29 January"): the user's turn, whatever the label of
    # the message that grants it
    granted: bool = False
    # a weekday that does not fit its date ("by Friday 5 December", the 5th a Saturday): the
    # reading not taken as `due` (see extract._commitment), for the user to check
    other_day: date | None = None
    # a meeting's end, when its mail gives it: a window ("14:00-14:45") or a length ("a
    # 45-minute call"), read by lengths.with_ends, or an invitation's DTEND
    ends: datetime | None = None


class Outcome(StrEnum):
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    DECLINED = "declined"


@dataclass(frozen=True)
class Extraction:
    """Everything extract.py reads from one message besides its label."""

    commitments: tuple[Commitment, ...] = ()
    company: str | None = None
    role: str | None = None
    sender_role: SenderRole = SenderRole.UNKNOWN
    requisition_id: str | None = None
    agency: str | None = None
    # an automatic reply saying its sender is away (out of office, on leave): not their
    # word on the process, and it opens none; its AWAY commitment holds the clock
    away: bool = False
    # the user's own decision in their mail ("I'm delighted to accept the offer", "I'd like
    # to withdraw my application"), with the words that said it
    decision: Outcome | None = None
    decision_phrase: str = ""

    def first(self, kind: CommitmentKind) -> Commitment | None:
        return next((c for c in self.commitments if c.kind == kind), None)

    @property
    def promise(self) -> Commitment | None:
        return self.first(CommitmentKind.REPLY)


class Stage(StrEnum):
    OUTREACH = "outreach"
    APPLIED = "applied"
    ACKNOWLEDGED = "acknowledged"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    CLOSED = "closed"


class State(StrEnum):
    ACTIVE = "active"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    WAITING_ON_YOU = "waiting_on_you"
    OFFER = "offer"
    CLOSED = "closed"


@dataclass(frozen=True)
class Summary:
    """Counts from one import or sync run."""

    new: int = 0
    known: int = 0
    failed: int = 0
    errors: tuple[str, ...] = field(default=())
    # Stored (counted in `new`) but unlabelled: the classifier failed on them; they wait
    # in review. One line each: where the message came from and why.
    held: tuple[str, ...] = field(default=())

    def __add__(self, other: Summary) -> Summary:
        return Summary(
            self.new + other.new,
            self.known + other.known,
            self.failed + other.failed,
            self.errors + other.errors,
            self.held + other.held,
        )


@dataclass(frozen=True)
class SourceFailure:
    """One item of a source that could not even be read as bytes (or was empty/binary).

    Sources yield these instead of raising, so one bad file never ends an import;
    the importer quarantines `data` (possibly empty) with `reason`.
    """

    origin: Origin
    reason: str
    data: bytes = b""


LabelSource = Literal["model", "user", "like"]
"""Who gave a message its label: the classifier, the user, or the user's correction of a
look-alike from the same sender (lookalike.py)."""


@dataclass(frozen=True)
class MessageRecord:
    """A stored message as matching and tracking see it: of its body, only what the sender
    wrote in it (`text`, and its start, `snippet`)."""

    key: str
    message_id: str
    process_id: int | None
    date: datetime
    direction: Direction
    label: Label
    confidence: float
    label_source: LabelSource
    subject: str
    sender: Address | None
    recipients: tuple[Address, ...]
    extraction: Extraction
    needs_review: bool = False
    snippet: str = ""
    # the sender's new text as stored (ParsedMessage.new_text: no quote, signature or
    # footer), whole; `snippet` is its start. Empty where the caller did not load it.
    text: str = ""
    # Reply-To: a relayed or no-reply message may name a person to write to there
    reply_to: tuple[Address, ...] = ()
    # when it was stored (imported_at): mail dated before a moment may come in after it
    stored_at: datetime | None = None


@dataclass(frozen=True)
class ProcessRecord:
    """A hiring process as stored: identity and the user's overrides. State is computed."""

    id: int
    company: str | None
    role: str | None
    agency: str | None
    opened_at: datetime
    expected_by_user: date | None = None
    # when the user set it (`expect --by`): their mail after that rules again
    expected_by_user_at: datetime | None = None
    outcome_user: Outcome | None = None
    merged_into: int | None = None
    reopened_at: datetime | None = None  # `close --reopen`: their rejections before it are past
    # the names the user gave it (`rename`): "company", "role", "agency"; no mail changes them
    named_by_user: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Event:
    """One traced change to a process: what, from which message, by which rule, how sure."""

    process_id: int
    at: datetime
    kind: str
    detail: str
    message_key: str | None = None
    rule: str = ""
    confidence: float = 1.0
    id: int = 0
