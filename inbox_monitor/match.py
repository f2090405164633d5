"""Which hiring process a message belongs to (pure).

The cascade, most certain first: thread headers (also a filed message's answer to it, but
not for a pitch its words tell apart from that process: the user's reply to a recruiter's
second pitch, filed by their contact) -> known contact (for mail relayed by an ATS
or a scheduling tool, the Reply-To person behind it; never a shared automated address, a
vendor's or a portal's, nor the sender of list mail: a job board or a newsletter, whose mail
the company it names decides), unless the message names another requisition id, company or
role than the contact's process (not news whose subject names the process's client and not
the company its body was read to name: "Harbor & Finch - interview"; a new pitch outside the
thread names another role also when its seniority or kind of engagement differs: "Senior
Data Engineer (contract)" after "Data Engineer", or when its words say so: "another", "a
second" or "a similar Senior Data Engineer role", "another one for you", "Another one - CFO",
"Separately from Northgate: ...", but not "it's a new position", the role in hand; or a
client it leaves unnamed, "a fintech client", after a process whose client was named; not
when it names that client as its own. Told apart, it does not join that process by its
agency either) -> the client's own mail about an open
agency process: it names its company and has its agency recruiter in copy, or names its
agency ("which we received via Brückner IT Consulting") -> a colleague of a process's
people, writing from their company domain and naming no other company, role or requisition
(an assistant arranging the partner's meetings: one such process) -> company (and role, and
requisition id: another of the same company is another application; another agency's pitch
of the same client is its own process, as the user answers each approach on its own, but an
agency's news of it joins: a recruiter who moved agency with the client; a tie goes to the
process of the agency the message names, or naming none, to the user's own application) ->
fuzzy company and role. The company's own mail that leaves out the role's team ("Senior
Backend Engineer" after "Senior Backend Engineer, Payments Platform") is about the same
role; another title, seniority or engagement after it is not (an employment type or place
after it that the other leaves out is: "Senior Data Engineer (Permanent)" and "Senior Data
Engineer" are one role; "(Contract)" and "(Permanent)" are two). Mail from an ATS relay that
names no company is matched by the relay's display name ("Fjord Systems
<no-reply@greenhouse.io>") when that is exactly the company of one open process; a
scheduling, assessment or e-signature tool's, or a screening vendor's (a background check,
a drug screen; not a tenancy's), by the one open process whose company its words name
("Your Brightwave Health test has been submitted"; not a job board's, which names many).
Such a tool's mail is a step of a process, never an application: naming no company, it
opens none. Last, an ATS relay's address (a Workday tenant's) that wrote into an open
process joins it by its role or requisition id, when it names no other company ("Marketing
Graduate Scheme - outcome", whose body names nobody); the same role in two processes of a
shared address is a tie. A vendor the lists do not know (a test vendor's noreply address,
read to name itself: "Talentra Assessments"), or a screening vendor's mail about hiring read
to name no employer ("Your background check is complete"), goes, before that, to the open
process whose company its subject names ("Mercer Vale plc: your online assessments"), else,
but for an invitation or an offer, to the one open process its address wrote for before. A tie
between a contact's processes goes to the one whose company the text names, else to the one
still open. A tie or a weak guess is not a match: the
message waits for review, as does a contact's mail that fits none of their processes and
names nothing to open one by.
After a process ended, the same people's offer, invitation or pitch for another role (its
title compared as the company's own mail is: "Sales Associate" after the accepted "Seasonal
Sales Associate"), or one whose words say so ("I have a new assignment for you", not "a new
contract"), or naming a client the agency's process never named, is a new decision: it
does not join the ended process by thread answer, contact, colleague or company.
A message that opens processes (an acknowledgement, an outreach) never continues one that
had ended before it was sent (their rejection, or the user's decision; the user's no to one
agency's pitch before any interview ends a process of two chains, merged, only until a
person of the other writes about it, as track.py reads it): it is a new application, or a
new pitch, even from the same careers@ address or for the same role (an invitation or an
offer does continue it: they came back). Noise never opens a process, nor does an
out-of-office reply, nor a message in a thread the user labelled noise (it waits for
review; a contact's sure invitation or offer goes on); noise from a person already in a process (not list mail) waits for
review instead of being set aside, and list mail read as noise joins none. But a person's
mail read as noise, not surely, that is news of the one open process they are a contact of
(or, naming no other company, whose people's firm domain they write from: an assistant)
joins it, still noise: it names the process's client or a step of it ("the board is now
considering the shortlist"; from a colleague at the employer itself only words to the user
as its candidate: "your interview"), or an assistant writes it for a person of it ("on behalf of
Charlotte"), or a contact gives a dated promise or a meeting's time; not when it names an
event of many (drinks, a webinar, a newsletter), another company or role, or a role told
apart, nor after the process ended. The user's own
mail outside a known thread never opens a process: it joins the process of a contact it is
written to (To or Cc), else the open process at the company domain it is written to (one its
mail came from, or one named after its company: "kestrelsystems.com" for "Kestrel", a
Workday tenant, or one whose company its greeting names: "Dear Linnet Biotech Early Careers
team"), when it goes to a hiring mailbox there (careers@, graduates@), names that process's
role or requisition id (a follow-up sent as a new mail) or carries the user's decision (a
withdrawal); two there that it does not choose between are a tie, and a decision written to
a company that joins no process waits for review.
Free-mail and ATS domains are nobody's company: a recruiter at gmail.com is known by the
address alone (or, sure of its label, no pitch, no list mail, and naming no company that was read, by the one open
process whose company its words name, in lower case by the name's first two words: an
owner's "this is tony, owner at fire & oak"); a process named after a hiring portal ("NHS", "Civil Service", as an older
version named it) is found from the portal's address by its requisition id or role, whatever
employer the mail now names ("Ofsted"). A requisition id of a known process that the
subject carries as a word of its own ("Ofsted - 379904 - ...") is the message's when none
was read: it decides between processes of one name. The index is an in-memory picture of
the known processes, loaded once per import and updated as messages are matched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Literal

from inbox_monitor.extract import MAX_TEXT
from inbox_monitor.models import (
    Address,
    CommitmentKind,
    Direction,
    Extraction,
    Label,
    Outcome,
    SenderRole,
)
from inbox_monitor.orgs import (
    PORTAL_NAMES,
    ROLE_TITLE_HEADS,
    about_tenancy,
    is_ats_domain,
    is_company_word,
    is_free_mail_domain,
    is_place,
    is_screening_domain,
    is_task_tool_domain,
    name_from_domain,
    registered_domain,
)
from inbox_monitor.track import (
    decides_plainly,
    ends_one_chain,
    goes_on_elsewhere,
    plain_decision_counts,
)

Action = Literal["attach", "open", "review", "ignore"]

# Labels whose first appearance can start a process; the others (interview, offer,
# rejection, delay, request) normally continue one, and only start one when the
# company is known.
OPENING_LABELS = frozenset({Label.OUTREACH, Label.ACKNOWLEDGEMENT})

_COMPANY_SUFFIXES = re.compile(
    r"\b(inc|incorporated|ltd|limited|llc|llp|plc|gmbh|ag|sa|sas|bv|nv|corp|corporation|co"
    r"|company|group|holdings|technologies|careers|jobs|talent|recruiting|hr|team)\b\.?"
)
_GLUED_SUFFIX = re.compile(
    r"(?<=\w{4})(?:limited|company|group|holdings|technologies|careers|talent|recruiting)$"
)
FUZZY_THRESHOLD = 0.85
# Local parts of a company's mailboxes for applications (careers@, jobs@, recruitment@,
# graduates@, earlycareers@):
# what the user writes to about any of their applications there.
HIRING_MAILBOX_LOCAL_PART = re.compile(
    r"^(?:careers?|jobs?|recruit(?:ing|ment|ers?)?|talent(?:[-_.]?acquisition)?|hr|hiring"
    r"|applications?|apply|resourcing|graduates?|grad[-_.]?recruitment|early[-_.]?careers"
    r"|campus)(?:[+@]|$)",
    re.IGNORECASE,
)


def normalize_company(name: str | None) -> str:
    """A comparison key: lower case, no punctuation, no legal or careers suffixes, no spaces
    ("Northwind Payments" and "Northwindpayments", the name made from its domain, are one)."""
    if not name:
        return ""
    key = re.sub(r"[^\w\s]", " ", name.lower())
    key = "".join(_COMPANY_SUFFIXES.sub(" ", key).split())
    # the same words glued on by a domain: "Harbourtalent" (harbourtalent.co.uk)
    return _GLUED_SUFFIX.sub("", key) or key


def normalize_role(role: str | None) -> str:
    if not role:
        return ""
    return " ".join(re.sub(r"[^\w\s]", " ", role.lower()).split())


@dataclass(frozen=True)
class MatchInput:
    """What the matcher reads of one message."""

    message_id: str
    in_reply_to: str | None
    references: tuple[str, ...]
    direction: Direction
    sender_email: str | None
    recipient_emails: tuple[str, ...]
    label: Label
    needs_review: bool
    extraction: Extraction
    bulk: bool = False  # sent to a list (List-Id / List-Unsubscribe)
    # the Reply-To person of mail relayed by an ATS or a scheduling tool
    relayed_for: str | None = None
    # the display name of an ATS relay, when it may be a company (orgs.relay_sender_name)
    relay_name: str | None = None
    date: datetime | None = None  # when it was sent; None: after everything known
    # what the sender wrote (subject and new text): a new pitch's words for another role
    text: str = ""
    # how sure the label is (the classifier's score; 1.0 for the user's own label)
    confidence: float = 1.0
    # a screening vendor's, by its name and words when its domain is on no list
    # (orgs.is_screening_vendor: "Verisafe Screening <noreply@verisafe-screening.com>")
    screening: bool = False


@dataclass(frozen=True)
class ProcessMatch:
    action: Action
    process_id: int | None
    rule: str
    confidence: float
    reason: str
    candidates: tuple[int, ...] = ()


# Their labels that bring a process back after their rejection (as track.py replays them).
_REVIVING_LABELS = frozenset({Label.INTERVIEW, Label.OFFER})
# Their labels that ask the user for a new decision: after a process ended, one for another
# role or client is another process (_conflict's `ended`)
_NEW_DECISION_LABELS = frozenset({Label.INTERVIEW, Label.OFFER, Label.OUTREACH})


@dataclass(frozen=True)
class _Writer:
    """Their message in a process, as far as whether it goes on after the user's pass
    (track.goes_on_elsewhere) is concerned."""

    at: datetime
    sender: Address
    label: Label  # the model's, even when unsure
    by_person: bool
    decided: bool


@dataclass
class IndexedProcess:
    company_key: str = ""
    company_words: tuple[str, ...] = ()  # of its name, in lower case: fire, oak, kitchen
    agency_key: str = ""
    role_key: str = ""
    requisition_ids: set[str] = field(default_factory=set)
    # when it ended, as track.py replays it: their latest rejection, their latest
    # invitation or offer, the user's latest decision, the user's `close --reopen`; a yes
    # or no that names nothing (decides_plainly) ends it only after their first offer, or,
    # a withdrawal, before their first invitation or offer (plain_decision_counts); the
    # user's withdrawal before any interview, only until a person of another organisation
    # than those it was written to writes about it (two agencies' pitches of one role,
    # merged: track.goes_on_elsewhere)
    rejected_at: datetime | None = None
    revived_at: datetime | None = None
    decided_at: datetime | None = None
    plainly: list[tuple[datetime, Outcome]] = field(default_factory=list)
    offered_at: datetime | None = None
    engaged_at: datetime | None = None  # their first invitation or offer
    reopened_at: datetime | None = None
    last_at: datetime | None = None  # its latest message
    closed_by_user: bool = False  # `close`: ended after its latest message
    accepted: bool = False  # the user accepted its offer: its onboarding mail follows
    # the user's withdrawals, with whom each was written to, and their mail
    passes: list[tuple[datetime, tuple[Address, ...]]] = field(default_factory=list)
    writers: list[_Writer] = field(default_factory=list)

    def ended_by(self, when: datetime | None) -> bool:
        """Whether the process had ended by `when` (None: by now): the user's decision
        (a withdrawal before any interview only while no other chain goes on), else
        their rejection with no invitation or offer since; what came before the user's
        `close --reopen` is past."""
        decided = self.decided_at
        for at, outcome in self.plainly:
            offered = self.offered_at is not None and self.offered_at <= at
            before_interview = self.engaged_at is None or self.engaged_at > at
            if plain_decision_counts(outcome, offered, before_interview):
                decided = max(at, decided or at)
        if decided is not None and self._goes_on_after(decided, when):
            decided = None  # the user passed on one agency's pitch; another's goes on
        decided = self.last_at if self.closed_by_user else decided
        rejected = self.rejected_at
        if rejected is not None and self.revived_at is not None and self.revived_at > rejected:
            rejected = None  # they came back
        ends = [
            at
            for at in (decided, rejected)
            if at is not None and (self.reopened_at is None or at > self.reopened_at)
        ]
        return any(when is None or at <= when for at in ends)

    def _goes_on_after(self, decided: datetime, when: datetime | None) -> bool:
        """Whether the user's decision at `decided` is a withdrawal before any interview
        (their first invitation or offer) after which, by `when`, a person of another
        chain than the one it was written to wrote about the process (as track.py
        replays it: goes_on_elsewhere)."""
        if self.engaged_at is not None and self.engaged_at <= decided:
            return False
        told = next((to for at, to in self.passes if at == decided), None)
        if told is None:
            return False
        return any(
            decided < w.at
            and (when is None or w.at <= when)
            and goes_on_elsewhere(w.sender, w.label, told, by_person=w.by_person, decided=w.decided)
            for w in self.writers
        )


@dataclass
class ProcessIndex:
    """Known processes by thread message id, contact address, company domain and company."""

    by_message_id: dict[str, int] = field(default_factory=dict)
    by_contact: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # the company domains their mail came from (acme.com for careers@ or no-reply@acme.com)
    by_domain: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # the From addresses of their mail, people or not ("lyndalebuildin@myworkday.com")
    by_sender: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    processes: dict[int, IndexedProcess] = field(default_factory=dict)
    # the thread ids of the messages in no process the user labelled not_recruiting
    noise_threads: set[str] = field(default_factory=set)

    def knows_writer(self, email: str | None) -> bool:
        """Whether `email` is a contact of a process, or writes from the company domain of
        a process's mail (a colleague of its recruiter: their assistant)."""
        domain = _company_domain(email)
        return bool(self.by_contact.get(email or "") or (domain and self.by_domain.get(domain)))

    def add_process(
        self,
        process_id: int,
        company: str | None,
        agency: str | None,
        role: str | None,
        *,
        closed_by_user: bool = False,
        reopened_at: datetime | None = None,
        accepted: bool = False,
    ) -> None:
        """A process's names; with the user's word on it when loaded from the store (their
        `close`, or when they reopened it)."""
        entry = self.processes.setdefault(process_id, IndexedProcess())
        entry.company_key = normalize_company(company) or entry.company_key
        if company:
            entry.company_words = tuple(re.findall(r"\w+", company.lower()))
        entry.agency_key = normalize_company(agency) or entry.agency_key
        entry.role_key = normalize_role(role) or entry.role_key
        entry.closed_by_user = closed_by_user or entry.closed_by_user
        entry.accepted = accepted or entry.accepted
        entry.reopened_at = reopened_at or entry.reopened_at

    def add_message(
        self,
        process_id: int,
        at: datetime,
        direction: Direction,
        label: Label | None,
        decision: Outcome | None = None,
        sender: str | None = None,
        *,
        decision_phrase: str = "",
        recipients: Iterable[str] = (),
        read_as: Label | None = None,
        by_person: bool = False,
    ) -> None:
        """A message filed in a process, for whether the process has ended. `label` is None
        when unsure (it moves nothing; `read_as` is the model's label all the same);
        `decision` is the user's (extraction.decision, with its decision_phrase), which an
        outreach of theirs never is ("I hear you declined their offer, but ..."). `sender`
        is its From address: their company domain is the process's; `by_person` says
        whether it is someone one can write to (track.written_by_person). `recipients`
        are whom the user's mail was written to: a withdrawal may end only their chain."""
        entry = self.processes.setdefault(process_id, IndexedProcess())
        if direction == "inbound" and (domain := _company_domain(sender)):
            self.by_domain[domain].add(process_id)
        if direction == "inbound" and sender:
            self.by_sender[sender].add(process_id)
        entry.last_at = max(at, entry.last_at or at)
        if ends_one_chain(direction, decision):
            entry.passes.append((at, tuple(Address("", email) for email in recipients)))
        elif direction == "inbound" and sender and (said := read_as or label) is not None:
            entry.writers.append(
                _Writer(at, Address("", sender), said, by_person, decision is not None)
            )
        if decision is not None and decides_plainly(direction, decision, decision_phrase):
            # "Thanks for the offer. I accept.": only an offer before it makes it the job's
            entry.plainly.append((at, decision))
            offered = entry.offered_at is not None and entry.offered_at <= at
            if decision == Outcome.ACCEPTED and offered:
                entry.accepted = True
        elif decision is not None and not (direction == "inbound" and label == Label.OUTREACH):
            entry.decided_at = max(at, entry.decided_at or at)
            entry.accepted = decision == Outcome.ACCEPTED
        if direction != "inbound":
            return
        if label == Label.REJECTION:
            entry.rejected_at = max(at, entry.rejected_at or at)
        elif label in _REVIVING_LABELS:
            entry.revived_at = max(at, entry.revived_at or at)
            entry.engaged_at = min(at, entry.engaged_at or at)
            if label == Label.OFFER:
                entry.offered_at = min(at, entry.offered_at or at)

    def add_thread_ids(self, process_id: int, ids: Iterable[str]) -> None:
        for message_id in ids:
            if message_id:
                self.by_message_id.setdefault(message_id, process_id)

    def knows_thread(
        self, message_id: str, in_reply_to: str | None, references: Iterable[str]
    ) -> bool:
        return any(
            i in self.by_message_id for i in (message_id, in_reply_to or "", *references) if i
        )

    def add_contact(self, process_id: int, email: str) -> None:
        self.by_contact[email].add(process_id)

    def add_requisition(self, process_id: int, requisition_id: str | None) -> None:
        if requisition_id:
            self.processes.setdefault(process_id, IndexedProcess()).requisition_ids.add(
                requisition_id.lower()
            )


def _narrow(candidates: set[int], extraction: Extraction, index: ProcessIndex) -> set[int]:
    """Use requisition id, company and role to pick among several candidate processes."""
    if len(candidates) <= 1:
        return candidates
    if extraction.requisition_id:
        by_req = {
            p
            for p in candidates
            if extraction.requisition_id.lower() in index.processes[p].requisition_ids
        }
        if by_req:
            candidates = by_req
    company = normalize_company(extraction.company)
    if company and len(candidates) > 1:
        by_company = {p for p in candidates if index.processes[p].company_key == company}
        if by_company:
            candidates = by_company
    role = normalize_role(extraction.role)
    if role and len(candidates) > 1:
        by_role = {p for p in candidates if index.processes[p].role_key == role}
        if by_role:
            candidates = by_role
    return candidates


def _conflict(
    entry: IndexedProcess,
    extraction: Extraction,
    *,
    pitch: bool = False,
    text: str = "",
    ended: bool = False,
) -> str | None:
    """What in a message from one of a process's contacts says it is about another process:
    another requisition id, another company (not the process's agency, nor the agency it
    took for the company), or clearly another role; None when nothing does. Its own
    requisition id makes it the process's, whatever else it names, and so does news (not a
    `pitch`) whose subject names the process's company (_subject_names). Names are compared
    leniently ("Harvest" and "Getharvest", "Data Engineer" and "Senior Data Engineer" are
    one): a contact's mail that names nothing, or names the same thing, stays theirs. A new
    `pitch` (an outreach outside the thread) is the exception for roles: a recruiter pitches
    a role by its full title, so another seniority or kind of engagement is another role;
    and so is a role its `text` calls another (_pitched_apart), unless it names the
    process's client as its own. After the process `ended`, their new offer, invitation or
    pitch is compared as the company's own mail is (_one_title: "Sales Associate" after
    "Seasonal Sales Associate" is another role), and a client named by an agency process
    that never named one is another company: the next assignment, not this one's news."""
    requisition = (extraction.requisition_id or "").lower()
    if requisition and requisition in entry.requisition_ids:
        return None
    if requisition and entry.requisition_ids:
        return "another requisition id"
    company = normalize_company(extraction.company)
    agency = normalize_company(extraction.agency)
    if (
        company
        and entry.company_key
        and not _same_name(company, entry.company_key)
        and not _same_name(company, entry.agency_key)
        # opened under the agency's own name ("Harbourtalent"), the process had no client
        # (until it ended: a client named after that is the agency's next assignment)
        and not (_same_name(agency, entry.company_key) and not ended)
        # news whose subject names the process's client, and not the body's company
        and not (not pitch and _subject_names(text, entry.company_key, company))
    ):
        return "another company"
    role = normalize_role(extraction.role)
    if role and entry.role_key and not _same_role(role, entry.role_key):
        return "another role"
    if ended and role and entry.role_key and not _one_title(role, entry.role_key):
        return "another role"
    if pitch and role and entry.role_key and _qualifiers(role) != _qualifiers(entry.role_key):
        return "another role"
    if pitch and not (company and _same_name(company, entry.company_key)):
        # a client of its own, told apart from one the process named
        return _pitched_apart(text, _named_client(entry, agency))
    if ended:
        # "I have a new assignment for you", whatever company it names (an agency's own)
        return _pitched_apart(text, False, ended=True)
    return None


def _ended_for(entry: IndexedProcess, message: MatchInput) -> bool:
    """Whether `message` asks for a new decision (_NEW_DECISION_LABELS) about a process that
    had ended before it was sent: the user's acceptance, decline or withdrawal, their
    rejection, the user's `close`."""
    return message.label in _NEW_DECISION_LABELS and entry.ended_by(message.date)


def _named_client(entry: IndexedProcess, agency: str) -> bool:
    """Whether a process has named its client: a company that is not its agency (nor the
    agency, `agency`'s key, that a message names)."""
    return bool(entry.company_key) and not (
        _same_name(entry.company_key, entry.agency_key) or _same_name(agency, entry.company_key)
    )


# A pitch's words for a role other than one pitched before: "another Senior Data Engineer
# role", "a second opening", "a similar role", "a new contract", "a new assignment", "another one for you",
# "Another one - CFO" (a recruiter's words for their next role), "Separately from
# Northgate: ..." (the role in hand, by its client); not the words between
# that make it another thing ("another call about the role", "a second interview for the
# position"), nor "separately from that"
_ANOTHER_ROLE = re.compile(
    r"\banother\s+one\s+(?:for\s+you\b|[-–:])|"
    r"\b(?:quite\s+)?separately\s+(?:from|to)\s+(?:the\s+)?(?-i:[A-Z])|"
    r"\b(?:another|a\s+(?:second|(?P<new>new)|similar|different|further))\s+"
    r"(?:(?!(?:about|for|of|on|with|at|in|to|the|your|my|our|this|that)\b)[\w&/()-]+,?\s+){0,5}?"
    r"(?:roles?|positions?|opportunit(?:y|ies)|openings?|vacanc(?:y|ies)|contracts?|jobs?"
    r"|assignments?|placements?)\b",
    re.IGNORECASE,
)
# A client the pitch leaves unnamed, in words that make it one not named before: "a fintech
# client", "a client in insurance", "another client"; not a "client-facing role", a "client
# meeting", nor a named one described ("Harbor & Finch, a client of ours", "is a client")
_UNNAMED_CLIENT = re.compile(
    r"\b(?:an?|another)\s+(?:[\w-]+\s+){0,2}?client\b(?![-\w])"
    r"(?!\s+(?:meeting|call|interview|visit|site|side|project|presentation)s?\b)",
    re.IGNORECASE,
)
# What comes before those words when they are the user's career, not the recruiter's new
# role ("looking for a new role", "experience in a similar role", "since you started a new
# job"), or a client named before described ("Osprey, a client of ours", "is a client")
_CAREER_BEFORE = re.compile(
    r"(?:\b(?:looking|searching|hunting|ready|open|time|market)\s+(?:for|to)|\b(?:find|found"
    r"|finding|in|into|start|started|starting|secure|secured|land|landed|take|taken|taking|done"
    r"|held|had|seek|seeking|consider|considering|want|need|move|moving))\s*$",
    re.IGNORECASE,
)
_DESCRIBED_BEFORE = re.compile(r"(?:,|\b(?:is|are|was|were|as|be|been|being))\s*$", re.IGNORECASE)
# What comes before "a new position" when it says what the role in hand is, newly made ("It's
# a new position in their platform team", "the Senior Data Engineer role is a new
# position"), not that it is another ("There's a new role", "I have a new role")
_IT_IS_BEFORE = re.compile(
    r"\b(?:it|this|that|which|role|position|job|opening|vacancy|post)(?:['’]s|\s+is|\s+was)\s*$",
    re.IGNORECASE,
)


def _pitched_apart(text: str, named_client: bool, *, ended: bool = False) -> str | None:
    """Whether a pitch's text says its role is another one than the process's: "another
    role" ("a second", "a similar" one, "another one for you"; not "it's a new position",
    which says what the role in hand is), or, when the process has a `named_client`, a
    client it leaves unnamed ("a fintech client": the recruiter would name the one they
    named before). After the process `ended`, "a new contract" may be the job's own (its
    contract of employment, sent again) and does not say so."""
    rules = [(_ANOTHER_ROLE, _CAREER_BEFORE, "another role")]
    if named_client:
        rules.append((_UNNAMED_CLIENT, _DESCRIBED_BEFORE, "another client"))
    for pattern, not_after, why in rules:
        at = 0
        while found := pattern.search(text, at):
            at = found.end()
            before = text[max(0, found.start() - 40) : found.start()]
            if not_after.search(before) or (ended and "contract" in found.group(0).lower()):
                continue
            if pattern is _ANOTHER_ROLE and found.group("new") and _IT_IS_BEFORE.search(before):
                # "It's a new position": the role in hand, newly made (and what follows
                # it may still say another: "it's a new team, and I have another role")
                at = found.end("new")
                continue
            return why
    return None


def _prefer(candidates: set[int], message: MatchInput, index: ProcessIndex) -> set[int]:
    """Break a tie between a contact's processes: the ones whose company its text names
    ("Harbor & Finch came back - they'd like to interview you", which an agency's mail may
    not give as its company), then the ones whose role's own words its subject says ("Happy
    New Year + Kotlin contract Munich": the Kotlin role), then the ones still open (not the other
    pitch the user said no to); all of them when that picks none."""
    words = re.findall(r"\w+", message.text)
    named = {p for p in candidates if _names(words, index.processes[p].company_key)}
    candidates = named or candidates
    # (in the subject: a word of the body, "bring some data on your campaign results", may
    # be any role's)
    said = {w.lower() for w in re.findall(r"\w+", message.text.partition("\n")[0])}
    by_role = {p for p in candidates if _role_words(index.processes[p].role_key) & said}
    candidates = by_role or candidates
    still_open = {p for p in candidates if not index.processes[p].ended_by(message.date)}
    return still_open or candidates


def _role_words(role_key: str) -> set[str]:
    """The words of a role key that tell it from another role of the same recruiter: not
    its title's head, its seniority or engagement ("kotlin" of "senior kotlin developer")."""
    return {
        w
        for w in role_key.split()
        if len(w) >= 3
        and w not in ROLE_TITLE_HEADS
        and w.rstrip("s") not in ROLE_TITLE_HEADS
        and w not in _ROLE_QUALIFIERS
    }


def _names(words: list[str], company_key: str) -> bool:
    """Whether a run of `words`, the first capitalised, is the company of `company_key`
    (normalize_company's key: "Harbor & Finch" is harborfinch). One word names it only when
    it has five letters or more: "Next" or "Wise" may be any sentence's first word."""
    for start, word in enumerate(words):
        if not word[:1].isupper():
            continue
        joined = ""
        for count, part in enumerate(words[start:], 1):
            joined += part.lower()
            if joined == company_key:
                return count > 1 or len(joined) >= 5
            if not company_key.startswith(joined):
                break
    return False


def _subject_names(text: str, company_key: str, other_key: str) -> bool:
    """Whether the subject (the first line of a message's `text`) names the company of
    `company_key` and not that of `other_key`: "Harbor & Finch - interview" is that
    client's news, whatever its body was read to name ("Ellie Park came back - they'd like
    to interview you": a person, not a company)."""
    words = re.findall(r"\w+", text.partition("\n")[0])
    return _names(words, company_key) and not _names(words, other_key)


def _other_agency(entry: IndexedProcess, agency: str) -> bool:
    """Whether an agency's pitch (its `agency` key) is another approach to the process's
    client: the process is another agency's, or the user's own application. The user
    answers each approach on its own ("I applied directly", "another agency has put me
    forward"), and a no to one is not the end of the other."""
    return bool(agency) and not _same_name(entry.agency_key, agency)


def _other_requisition(extraction: Extraction, entry: IndexedProcess) -> bool:
    """Whether a message names a requisition id and the process knows others, not it: the
    same company's other vacancy ("Application Received - Risk Graduate Scheme (R61234)"
    after R52022's)."""
    requisition = (extraction.requisition_id or "").lower()
    return bool(requisition and entry.requisition_ids and requisition not in entry.requisition_ids)


# The names of the UK public sector's hiring portals, which send for every employer in it
# (orgs.PORTAL_NAMES), and the names older versions read from them and from its shared
# domains ("Gov" of notifications.service.gov.uk, "Sch" of .sch.uk), as they named
# processes. (Not every relay's: "Google" or "Indeed" are employers too, when their own
# staff write.)
_OLDER_PORTAL_NAMES = ("NHS", "Civil Service", "Gov", "Service", "Sch")
_PORTAL_KEYS = frozenset(normalize_company(name) for name in (*PORTAL_NAMES, *_OLDER_PORTAL_NAMES))


def _portal_named(company_key: str) -> bool:
    """Whether a company key is a hiring portal's name (_PORTAL_KEYS)."""
    return company_key in _PORTAL_KEYS


def portal_named(company: str | None) -> bool:
    """Whether a process's company is a hiring portal's name, as an older version named
    processes ("NHS", "Civil Service"): no employer's, for its mail to name anew."""
    return bool(company) and _portal_named(normalize_company(company))


# A subject's words that may be a reference: "379904" of "Ofsted - 379904 - Early Years
# Regulatory Inspector - Update", "C9211-26-0457", "HBC/2026/0412", "(R52022)"
_REFERENCE_TOKEN = re.compile(r"[\w/-]*\d[\w/-]*")


def _subject_requisition(text: str, index: ProcessIndex) -> str | None:
    """The one requisition id of a known process that the subject (the first line of a
    message's `text`) carries as a word of its own, of four characters or more; None when
    it carries none, or several."""
    words = {
        word.strip("/-").lower()
        for word in _REFERENCE_TOKEN.findall(text.partition("\n")[0])
        if len(word.strip("/-")) >= 4
    }
    if not words:
        return None
    named = {r for e in index.processes.values() for r in e.requisition_ids if r in words}
    return named.pop() if len(named) == 1 else None


# How sure the model may be that a person's mail is noise for its news of their process to
# count all the same (_news_read_as_noise); surer, it waits for review (a contact's) or is
# set aside (a colleague's), as all noise is
NEWS_NOISE_CEILING = 0.9

# An event of many that a person of a process invites the user to with the rest of their
# list ("our Christmas drinks on Thursday at 18:30", "a webinar for product leaders", "the
# team's Christmas lunch", "Christmas drinks - Alex Morgan +1"), or their newsletter; not "a
# third party", "in the event of", a phone number ("+1 415 555 0100"). pipeline reads a
# calendar invitation's title with it too (EVENT_OF_MANY)
EVENT_OF_MANY = (
    r"\b(?:webinars?|drinks|(?<!third\s)(?<!third-)(?<!the\s)part(?:y|ies)|(?<!the\s)events?"
    r"|workshops?|seminars?|conferences?|networking|meet-?ups?|celebrations?|awards?|summits?"
    r"|forums?|roundtables?|masterclass(?:es)?|open\s+(?:day|evening)s?|lunch\s+and\s+learn"
    r"|town\s+halls?|all-hands|live\s?streams?|newsletters?"
    r"|(?:christmas|festive|summer|holiday|leaving|team)\s+(?:lunch|dinner|do|get-together))\b"
    r"|(?<=\w)\s?\+\s?1\b(?!\s*[\d(])"
)
_EVENT_OF_MANY = re.compile(EVENT_OF_MANY, re.IGNORECASE)
# A hiring process's own steps, in the words of a contact's mail read as noise: "the board is
# now considering the shortlist", "the next stage", "you are one of two", "the client is
# thinking of a base of ...", "your interview", "put you forward"; not "across the board"
_PROCESS_WORDS = re.compile(
    r"\b(?:short-?list(?:ed|ing)?|long-?list(?:ed)?|(?<!across\s)the\s+board|board\s+dinner"
    r"|next\s+(?:stage|step|round)s?|final\s+(?:two|three|stage|round)|one\s+of\s+(?:two|three)"
    r"|the\s+client|your\s+(?:candidacy|application)|(?:your|the|next|second|final)\s+interview"
    r"|put(?:ting)?\s+you\s+forward|go(?:ing)?\s+forward\s+to\s+meet)\b",
    re.IGNORECASE,
)
# Of those, the words a colleague at the employer itself uses only to the user as its
# candidate ("your application", "put you forward"), not of the company's business ("the
# board meets on Thursday", "the next stage of the project")
_YOUR_STEP = re.compile(
    r"\b(?:your\s+(?:candidacy|application|interview)|put(?:ting)?\s+you\s+forward"
    r"|you(?:['’]re|\s+are|['’]ve\s+been|\s+have\s+been)\s+(?:short-?listed|on\s+the\s+short-?list))\b",
    re.IGNORECASE,
)
# An assistant writing for a person: "I'm writing on behalf of Charlotte", "PA to Rupert Kane"
_FOR_PERSON = re.compile(
    r"\b(?:on\s+behalf\s+of|(?:executive\s+)?assistant\s+to|PA\s+to)\s+(?P<name>(?-i:[A-Z])[a-z]+)",
    re.IGNORECASE,
)


def _in_noise_thread(message: MatchInput, index: ProcessIndex) -> ProcessMatch | None:
    """A message in a thread the user called noise (they labelled a message of it
    not_recruiting, and none of it is in a process: a mortgage broker's) opens and joins
    nothing: it waits for review, saying why; unless it is a sure invitation or offer from
    a contact of a process (they came back about the job). None for any other message."""
    ids = (message.in_reply_to or "", *message.references)
    if not index.noise_threads or not any(i in index.noise_threads for i in ids if i):
        return None
    if message.label == Label.NOT_RECRUITING and not message.needs_review:
        return ProcessMatch("ignore", None, "noise_thread", 1.0, "in a thread you marked noise")
    contact = message.relayed_for or message.sender_email or ""
    if (
        message.label in (Label.INTERVIEW, Label.OFFER)
        and not message.needs_review
        and index.by_contact.get(contact)
    ):
        return None
    return ProcessMatch(
        "review",
        None,
        "noise_thread",
        0.0,
        f"in a thread you marked not recruiting, read as {message.label.value}",
    )


def _news_read_as_noise(message: MatchInput, index: ProcessIndex) -> ProcessMatch | None:
    """A person's mail read as noise, not surely (below NEWS_NOISE_CEILING), that is news of
    the one open process they are a contact of, or whose people's company domain they write
    from (an assistant: a colleague naming no other company): it says what that process is
    about (_news_signal) and names no event of many (_EVENT_OF_MANY), no other company, role
    or requisition (_conflict) and no other role ("Separately from Northgate: ..."). It joins
    that process read as noise: its dated promise and its meeting count, its label moves no
    stage and reopens nothing. None otherwise (a process that ended, several, no signal)."""
    extraction = message.extraction
    writer = message.relayed_for or message.sender_email
    if (
        not writer
        or message.bulk
        or message.confidence >= NEWS_NOISE_CEILING
        or extraction.sender_role == SenderRole.AUTOMATED
        or _EVENT_OF_MANY.search(message.text)
    ):
        return None
    domain = _company_domain(writer)
    rule, why = "contact", f"known contact {writer}"
    theirs = index.by_contact.get(writer, set())
    if not theirs and domain:
        theirs = index.by_domain.get(domain, set())
        rule, why = "colleague", f"a colleague of its people at {domain}"
    own = normalize_company(name_from_domain(domain)) if domain else ""
    agency = normalize_company(extraction.agency)
    candidates: dict[int, str | None] = {}
    for process_id in theirs:
        entry = index.processes.get(process_id)
        if entry is None or entry.ended_by(message.date):
            continue
        written_for = _written_for(message.text, _people_of(process_id, index, writer))
        read = extraction
        if written_for and normalize_company(extraction.company) == written_for.lower():
            # "on behalf of Priya": no company. orgs knows a person so only when the mail
            # shows one (an assistant's title, "could he call you", "Priya Shah, Partner");
            # a colleague's plain "I'm writing on behalf of Priya" is known here, by the
            # process's contacts
            read = replace(extraction, company=None)
        if (
            (rule == "colleague" and normalize_company(read.company) not in ("", own))
            or _conflict(entry, read, text=message.text) is not None
            or _pitched_apart(message.text, _named_client(entry, agency)) is not None
        ):
            continue
        candidates[process_id] = written_for
    if len(candidates) != 1:
        return None
    ((process_id, written_for),) = candidates.items()
    signal = _news_signal(process_id, message, index, own, by_contact=rule == "contact")
    if signal is None and written_for:
        signal = f"is written for {written_for}"
    if signal is None:
        return None
    return ProcessMatch("attach", process_id, "news", 0.6, f"read as noise, but it {signal}; {why}")


def _news_signal(
    process_id: int, message: MatchInput, index: ProcessIndex, firm: str, *, by_contact: bool
) -> str | None:
    """What in a person's mail read as noise says it is news of a process: the process's
    company named (not the writer's own `firm`, its key), its steps (_PROCESS_WORDS); from a
    contact also their dated promise ("Hannah will be in touch on 4 January") or a meeting
    with its time. None when nothing does: a colleague's own lunch on Thursday at 12:30 is
    not the process's."""
    extraction = message.extraction
    entry = index.processes[process_id]
    if by_contact:
        promise = extraction.promise
        if promise is not None and promise.due is not None:
            return "gives a date"
        if any(
            c.kind == CommitmentKind.MEETING and c.at is not None for c in extraction.commitments
        ):
            return "gives a meeting time"
    words = re.findall(r"\w+", message.text)
    if (
        entry.company_key
        and not _named_after(firm, entry.company_key)
        and _names(words, entry.company_key)
    ):
        return "names its company"
    steps = _PROCESS_WORDS
    if not by_contact and entry.company_key and _named_after(firm, entry.company_key):
        # a colleague at the employer itself (a friend who works there): "the board meets on
        # Thursday" is the company's own business; only words to the user as its candidate
        steps = _YOUR_STEP
    if found := steps.search(message.text):
        return f"says \u201c{' '.join(found.group(0).split())}\u201d"
    return None


def _people_of(process_id: int, index: ProcessIndex, writer: str) -> set[str]:
    """The names in the addresses of a process's contacts but `writer`: "charlotte" and
    "lyle" of charlotte.lyle@ (of three letters or more)."""
    return {
        part
        for email, processes in index.by_contact.items()
        if process_id in processes and email != writer
        for part in re.split(r"[._-]", email.partition("@")[0].lower())
        if len(part) >= 3
    }


def _written_for(text: str, people: set[str]) -> str | None:
    """The name of one of `people` an assistant writes for ("I'm writing on behalf of
    Charlotte", "PA to Rupert Kane"), as written; None when they write for none of them."""
    for found in _FOR_PERSON.finditer(text):
        if found.group("name").lower() in people:
            return found.group("name")
    return None


def _through_agency(message: MatchInput, index: ProcessIndex) -> set[int]:
    """The open agency processes that a message of their client (not an agency's) is about:
    it names the process's company, and a contact of the process (its agency recruiter) is
    among those it is written to, or its text names the process's agency. Not clearly
    another role or requisition; narrowed as a contact's mail is (_narrow)."""
    extraction = message.extraction
    company = normalize_company(extraction.company)
    agency_mail = extraction.agency or extraction.sender_role == SenderRole.AGENCY_RECRUITER
    if not company or agency_mail or message.direction != "inbound":
        return set()  # an agency's own mail goes by its agency (step 3)
    role = normalize_role(extraction.role)
    copied = set().union(*(index.by_contact.get(e, set()) for e in message.recipient_emails))
    words = re.findall(r"\w+", message.text)
    found = {
        p
        for p, e in index.processes.items()
        if e.agency_key
        and _same_name(company, e.company_key)
        and not _same_name(company, e.agency_key)
        and (p in copied or _names(words, e.agency_key))
        and not (role and e.role_key and not _same_role(role, e.role_key))
        and not _other_requisition(extraction, e)
        and not e.ended_by(message.date)
    }
    return _narrow(found, extraction, index)


def _for_vendor(message: MatchInput, index: ProcessIndex) -> tuple[set[int], str]:
    """The open processes a vendor's mail is about (step 6b), and how they were found:
    "named" (its subject names their company, and not the vendor) or "wrote" (its address
    wrote for them before); none when the message is not a vendor's: an automated
    sender's, not list mail nor a pitch, read to name the company its own domain is named
    after, or a screening vendor's about hiring read to name no employer
    (orgs.is_screening_vendor, not orgs.about_tenancy: "Your background check is
    complete"; not a tenancy's). Not clearly another role or requisition."""
    extraction = message.extraction
    sender = message.sender_email or ""
    domain = sender.rpartition("@")[2]
    company = normalize_company(extraction.company)
    if (
        message.bulk
        or message.label == Label.OUTREACH
        or extraction.sender_role != SenderRole.AUTOMATED
        or not (
            _named_after(normalize_company(name_from_domain(domain)), company)
            or (not company and _screening(message) and not about_tenancy(message.text))
        )
    ):
        return set(), ""
    role = normalize_role(extraction.role)
    fits = {
        p
        for p, e in index.processes.items()
        if not e.ended_by(message.date)
        and not (role and e.role_key and not _one_title(role, e.role_key))
        and not _other_requisition(extraction, e)
    }
    words = re.findall(r"\w+", message.text.partition("\n")[0])
    if not _names(words, company):
        named = {p for p in fits if _names(words, index.processes[p].company_key)}
        if named:
            return named, "named"
    if message.label in (Label.INTERVIEW, Label.OFFER):
        return set(), ""
    return index.by_sender.get(sender, set()) & fits, "wrote"


def _by_relay_sender(message: MatchInput, index: ProcessIndex) -> set[int]:
    """The open processes an ATS relay's address (a Workday tenant's, a portal's) wrote into
    before, when a message of it names their role or requisition id and no other company
    (a company it names is theirs, or their name cut short: "Lyndalebuildin"; or they were
    named after the portal: "Civil Service", now "Ofsted"). The same role from a relay's
    address shared by many companies, in two processes, is a tie."""
    extraction = message.extraction
    sender = message.sender_email or ""
    if not sender or not is_ats_domain(sender.rpartition("@")[2]):
        return set()
    role = normalize_role(extraction.role)
    requisition = (extraction.requisition_id or "").lower()
    company = normalize_company(extraction.company)
    return {
        p
        for p in index.by_sender.get(sender, set())
        if (e := index.processes.get(p)) is not None
        and (
            (requisition and requisition in e.requisition_ids)
            or (role and e.role_key and _one_title(role, e.role_key))
        )
        and not _other_requisition(extraction, e)
        and (not company or _portal_named(e.company_key) or _same_name(company, e.company_key))
        and not e.ended_by(message.date)
    }


def _past(message: MatchInput, index: ProcessIndex) -> set[int]:
    """The processes an acknowledgement or an outreach cannot continue: those that had
    ended before it was sent. A receipt from the careers@ address that rejected the last
    application, months later, is a new application, not news of the closed process (which
    it would not reopen: it would be hidden there). Not when it is news of that end ("You
    have withdrawn your application", which carries the decision), nor after an offer the
    user accepted: "Thank you for accepting our offer" and the onboarding receipts that
    follow belong to it."""
    if message.label not in OPENING_LABELS or message.extraction.decision is not None:
        return set()
    return {
        p
        for p, entry in index.processes.items()
        if not entry.accepted and entry.ended_by(message.date)
    }


def _screening(message: MatchInput) -> bool:
    """Whether a message is a screening vendor's: its domain is on the list
    (orgs.is_screening_domain), or its name and words say so (MatchInput.screening)."""
    domain = (message.sender_email or "").rpartition("@")[2]
    return message.screening or (bool(domain) and is_screening_domain(domain))


def _same_name(a: str, b: str) -> bool:
    """Company keys that may name one company: alike, or one inside the other."""
    return bool(a and b) and (a in b or b in a or _alike(a, b))


def _same_role(a: str, b: str) -> bool:
    """Role keys that may name one role: alike, or the words of one all in the other."""
    words_a, words_b = set(a.split()), set(b.split())
    return words_a <= words_b or words_b <= words_a or _alike(a, b)


# Words of a role key that make it another role of the same name: its seniority and the
# kind of engagement, each by one name ("sr" is "senior", "interim" a contract)
_ROLE_QUALIFIERS = {
    **dict.fromkeys(("senior", "sr"), "senior"),
    **dict.fromkeys(("junior", "jr"), "junior"),
    **dict.fromkeys(("graduate", "grad", "trainee", "intern", "apprentice"), "entry"),
    **{word: word for word in ("lead", "principal", "staff", "head", "chief")},
    **dict.fromkeys(
        ("contract", "contractor", "interim", "freelance", "freelancer", "temporary", "temp"),
        "contract",
    ),
    **dict.fromkeys(("permanent", "perm"), "permanent"),
}


# The terms after a title, in brackets or after a dash ("Senior Data Engineer (Permanent)",
# "Data Engineer - Full-time", "Analyst (FTC)", "- Remote"), one word or two, and the kind of
# each: two of one kind that differ are two roles ("(Contract)" and "(Permanent)", "- London"
# and "- Manchester"); of two kinds, one role ("(FTC)" and "- Remote"). A place is any other
# term (orgs.is_place). Each term as its kind's one spelling ("perm": "permanent").
_TERM_KINDS: dict[str, tuple[str, str]] = {
    "permanent": ("type", "permanent"),
    "perm": ("type", "permanent"),
    "contract": ("type", "contract"),
    "ftc": ("type", "fixed term"),
    "fixed term": ("type", "fixed term"),
    "fulltime": ("hours", "full time"),
    "full time": ("hours", "full time"),
    "fte": ("hours", "full time"),
    "parttime": ("hours", "part time"),
    "part time": ("hours", "part time"),
    "remote": ("mode", "remote"),
    "hybrid": ("mode", "hybrid"),
    "onsite": ("mode", "on site"),
    "on site": ("mode", "on site"),
    "office based": ("mode", "on site"),
}


def _split_terms(role_key: str) -> tuple[str, dict[str, str]]:
    """A role key's title and the employment type, way of working or place its title ends
    with, by kind ("senior data engineer permanent": ("senior data engineer", {"type":
    "permanent"}); "data engineer full time"; "data engineer milton keynes"), when a title
    of two words or more is left; else the key as it is and no terms."""
    words = role_key.split()
    end = len(words)
    terms: dict[str, str] = {}
    while end > 2:
        last = words[end - 1]
        pair = (words[end - 2], last)
        if last in _TERM_KINDS or is_place(last):
            kind, term = _TERM_KINDS.get(last, ("place", last))
            terms.setdefault(kind, term)
            end -= 1
        elif end > 3 and (
            " ".join(pair) in _TERM_KINDS
            or is_place(" ".join(pair))
            or (last == "based" and is_place(pair[0]))
        ):
            kind, term = _TERM_KINDS.get(" ".join(pair), ("place", " ".join(pair)))
            terms.setdefault(kind, term)
            end -= 2
        else:
            break
    return " ".join(words[:end]), terms


def _terms_differ(a: dict[str, str], b: dict[str, str]) -> bool:
    """Whether two titles' terms (_split_terms) name two of one kind that differ
    ("contract" and "permanent", "london" and "manchester")."""
    return any(kind in b and term != b[kind] for kind, term in a.items())


def _one_title(a: str, b: str) -> bool:
    """Role keys of one role, as the same company's mail writes it: alike, or one the other
    with a team or area after it ("senior backend engineer" and "senior backend engineer
    payments platform"), never another title or seniority ("data engineer lead", "data
    engineer manager"). The employment type or place after a title is no other role: the
    ATS's receipt for "Senior Data Engineer (Permanent)" and its invitation for "Senior
    Data Engineer" are one application (_split_terms); two types or places are two roles
    ("Data Engineer (Contract)" and "Data Engineer (Permanent)", "- London" and "-
    Manchester")."""
    (title_a, terms_a), (title_b, terms_b) = _split_terms(a), _split_terms(b)
    if not _terms_differ(terms_a, terms_b):
        a, b = title_a, title_b
    if _alike(a, b):
        return True
    short, long = sorted((a, b), key=len)
    rest = long[len(short) :].split() if long.startswith(short + " ") else []
    return bool(rest) and not any(
        w in ROLE_TITLE_HEADS or w.rstrip("s") in ROLE_TITLE_HEADS or w in _ROLE_QUALIFIERS
        for w in rest
    )


def _qualifiers(role_key: str) -> frozenset[str]:
    """The seniority and engagement a role key names ("senior data engineer contract":
    senior, contract)."""
    return frozenset(_ROLE_QUALIFIERS[w] for w in role_key.split() if w in _ROLE_QUALIFIERS)


def _alike(a: str, b: str) -> bool:
    """Whether SequenceMatcher's ratio of `a` to `b` is at least FUZZY_THRESHOLD.

    Its two upper bounds are tried first, the lengths and then the letters in common: most
    pairs fail one of them, for a quarter of the cost of the ratio (a message no process
    claims is compared with every process's company)."""
    if not a or not b:
        return False
    matcher = SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= FUZZY_THRESHOLD
        and matcher.quick_ratio() >= FUZZY_THRESHOLD
        and matcher.ratio() >= FUZZY_THRESHOLD
    )


UNSURE_LABEL = "label confidence below threshold"
"""The review reason of a message whose label the classifier is not sure of."""


def _one_or_tie(
    candidates: set[int], rule: str, confidence: float, reason: str, *, tie: str | None
) -> ProcessMatch | None:
    """What a step of the cascade decides from the processes it found: one is attached by
    `rule`, with `reason`; several wait for review as a tie, with `tie` as the reason (None:
    the step leaves them to the next one); none: None, the cascade goes on."""
    if len(candidates) == 1:
        (only,) = candidates
        return ProcessMatch("attach", only, rule, confidence, reason)
    if len(candidates) > 1 and tie is not None:
        return ProcessMatch("review", None, "tie", 0.0, tie, tuple(sorted(candidates)))
    return None


def match_process(message: MatchInput, index: ProcessIndex) -> ProcessMatch:
    """Decide where a message goes; see the module docstring for the cascade."""
    extraction = message.extraction
    if not extraction.requisition_id and (named := _subject_requisition(message.text, index)):
        extraction = replace(extraction, requisition_id=named)
    message = replace(message, extraction=extraction)
    # 1. Thread headers: certain, whatever the label says.
    thread_ids = [message.in_reply_to or "", *reversed(message.references)]
    for thread_id in thread_ids:
        if thread_id and thread_id in index.by_message_id:
            return ProcessMatch(
                "attach",
                index.by_message_id[thread_id],
                "thread",
                1.0,
                f"replies in the thread of {thread_id}",
            )
    if (answered := index.by_message_id.get(message.message_id)) is not None and not (
        # a filed message answers it (the user's reply, filed by its recruiter): not a pitch
        # that its words tell apart from that process ("Separately from Northgate: ..."),
        # nor, after that process ended, an offer or invitation for another role or client
        # (the agency's next assignment, which the user answered before labelling it)
        answered in index.processes
        and _conflict(
            index.processes[answered],
            extraction,
            pitch=message.label == Label.OUTREACH,
            text=message.text,
            ended=_ended_for(index.processes[answered], message),
        )
        and (message.label == Label.OUTREACH or _ended_for(index.processes[answered], message))
    ):
        return ProcessMatch(
            "attach", answered, "thread", 1.0, f"a message of #{answered} replies to it"
        )
    if message.direction == "outbound":
        return _match_own_mail(message, index)
    if noise := _in_noise_thread(message, index):
        return noise
    if extraction.away:
        # An out-of-office reply is nobody's news: it joins the one process its sender is a
        # contact of (for the date they are back) and is set aside otherwise, whatever its
        # label. A reply to mail outside any process must not open one.
        contact_of = _narrow(
            set(index.by_contact.get(message.sender_email or "", set())), extraction, index
        )
        found = _one_or_tie(
            contact_of, "contact", 0.9, f"known contact {message.sender_email}", tie=None
        )
        return found or ProcessMatch("ignore", None, "away", 1.0, "an out-of-office reply")
    if message.label == Label.NOT_RECRUITING and not message.needs_review:
        if found := _news_read_as_noise(message, index):
            return found
        known = sorted(index.by_contact.get(message.sender_email or "", set()))
        if known and not message.bulk:
            # A person in a hiring conversation with the user rarely writes about nothing:
            # the user decides, rather than a model that misread the news
            where = ", ".join(f"#{p}" for p in known)
            return ProcessMatch(
                "review",
                None,
                "noise_from_contact",
                0.0,
                f"from a contact of {where}, read as noise",
                tuple(known),
            )
        return ProcessMatch("ignore", None, "noise", 1.0, "not recruiting mail")
    if message.bulk and message.label == Label.NOT_RECRUITING:
        # a newsletter or a job alert read as noise, if unsure: the user says what it is; it
        # joins no process by its sender or by a company it names
        return ProcessMatch("review", None, "low_confidence", 0.0, UNSURE_LABEL)

    # 2. Known contact (a person, not an ATS no-reply address shared by many companies, nor
    # a newsletter's or a job board's sender), unless the message names another requisition
    # id, company or role than the contact's process: a recruiter who handles two of the
    # user's processes (or pitches a second client) writes about the other one. It goes on
    # down the cascade.
    automated = extraction.sender_role == SenderRole.AUTOMATED or message.bulk
    contact = message.relayed_for or (None if automated else message.sender_email)
    past = _past(message, index)
    other: dict[int, str] = {}
    pitch = message.label == Label.OUTREACH
    if contact:
        theirs = index.by_contact.get(contact, set()) - past
        other = {
            p: conflict
            for p in theirs
            if p in index.processes
            and (
                conflict := _conflict(
                    index.processes[p],
                    extraction,
                    pitch=pitch,
                    text=message.text,
                    ended=_ended_for(index.processes[p], message),
                )
            )
            is not None
        }
        candidates = _narrow(set(theirs) - other.keys(), extraction, index)
        if len(candidates) > 1:
            candidates = _prefer(candidates, message, index)
        if found := _one_or_tie(
            candidates,
            "contact",
            0.9,
            f"known contact {contact}",
            tie=f"{contact} is a contact in {len(candidates)} processes",
        ):
            return found

    # 2b. The client's own mail about an agency's process: it names the process's company
    # and has its agency recruiter (a contact of it) in copy, or names its agency ("your
    # profile, which we received via Brückner IT Consulting"), whatever role it was read to
    # name besides ("Interview Senior Platform Engineer"). Several are no tie here: they go on
    # to step 3, as any mail that names the company does.
    by_agency = _through_agency(message, index) if not pitch else set()
    if found := _one_or_tie(
        by_agency, "agency", 0.8, f"{extraction.company}, about its agency's process", tie=None
    ):
        return found

    # 2c. A colleague of a process's people, writing from their company domain (the search
    # partner's assistant arranging the meetings), when the mail names no company but the
    # domain's own and no other role or requisition: the one process whose mail came from
    # that domain. Several go on down the cascade.
    domain = _company_domain(contact) if contact and not automated and not pitch else ""
    if domain and domain in index.by_domain:
        own = normalize_company(name_from_domain(domain))
        if normalize_company(extraction.company) in ("", own) and normalize_company(
            extraction.agency
        ) in ("", own):
            colleagues = set()
            for p in index.by_domain[domain] - past:
                if p not in index.processes:
                    continue
                ended = _ended_for(index.processes[p], message)
                conflict = _conflict(index.processes[p], extraction, text=message.text, ended=ended)
                if conflict is None:
                    colleagues.add(p)
                elif ended:  # their new offer after it ended, told apart: not its by company
                    other.setdefault(p, conflict)
            if found := _one_or_tie(
                _narrow(colleagues, extraction, index),
                "colleague",
                0.7,
                f"a colleague of its people at {domain}",
                tie=None,
            ):
                return found

    # 3. Company named (as employer, or as an agency's client), or an agency whose process
    # has not named its client (or names this one), with role to break ties. A new pitch
    # told apart from its contact's process is not that process's by its agency either,
    # nor is another agency's pitch of the same client (_other_agency); their news is (a
    # recruiter who moved agency with the client writes from the new one). A tie goes to
    # the process of the agency it names, or, naming none, to the user's own application.
    # (so is, after it ended, a contact's process their new offer or invitation told apart)
    ruled_out = past | {p for p in other if pitch or _ended_for(index.processes[p], message)}
    company = normalize_company(extraction.company)
    agency = normalize_company(extraction.agency)
    role = normalize_role(extraction.role)
    if company or agency:
        exact = {
            p
            for p, e in index.processes.items()
            if (
                (company and company in (e.company_key, e.agency_key))
                or (agency and agency == e.agency_key and e.company_key in ("", company))
            )
            # the same company but clearly another role (or requisition) is another process
            and not (role and e.role_key and not _one_title(role, e.role_key))
            and not _other_requisition(extraction, e)
            and not (pitch and _other_agency(e, agency))
            and p not in ruled_out
        }
        candidates = _narrow(exact, extraction, index)
        if len(candidates) > 1:
            # an agency's mail is its own process's; the company's own mail (its ATS) is the
            # user's own application's, not that of an agency that pitched the same role
            by_agency = {
                p
                for p in candidates
                if (_same_name(index.processes[p].agency_key, agency) if agency
                    else not index.processes[p].agency_key)
            }  # fmt: skip
            candidates = by_agency or candidates
        named = extraction.company or extraction.agency
        if found := _one_or_tie(
            candidates,
            "company",
            0.8,
            f"company {named}",
            tie=f"{len(candidates)} processes with {named}",
        ):
            return found
    if company:
        # 4. Fuzzy company, confirmed by role or requisition id.
        fuzzy = {
            p
            for p, e in index.processes.items()
            if _alike(company, e.company_key)
            and (
                _alike(role, e.role_key)
                or (extraction.requisition_id or "").lower() in e.requisition_ids
            )
            and not _other_requisition(extraction, e)
            and not (pitch and _other_agency(e, agency))
            and p not in ruled_out
        }
        if found := _one_or_tie(
            fuzzy,
            "fuzzy",
            0.6,
            f"company like {extraction.company}",
            tie="several processes look alike",
        ):
            return found

    relay = normalize_company(message.relay_name)
    if relay and not company and not agency:
        # 5. An ATS relay's display name, when it is exactly the company of one open process:
        # "Fjord Systems <no-reply@greenhouse.io>", a rejection that names nobody.
        by_relay = {
            p
            for p, e in index.processes.items()
            if e.company_key == relay
            and not (role and e.role_key and not _one_title(role, e.role_key))
            and not _other_requisition(extraction, e)
            and not e.ended_by(message.date)
        }
        candidates = _narrow(by_relay, extraction, index)
        if found := _one_or_tie(
            candidates,
            "company",
            0.7,
            f"sent for {message.relay_name} by an ATS",
            tie=f"{len(candidates)} open processes with {message.relay_name}",
        ):
            return found

    # a scheduling, assessment or e-signature tool sends for one company at a time (a job
    # board or a newsletter on the same relays names many), and so does a screening vendor
    sender_domain = (message.sender_email or "").rpartition("@")[2]
    screening = _screening(message)
    task_tool = screening or (bool(sender_domain) and is_task_tool_domain(sender_domain))
    # (a screening vendor's check for a tenancy is a step of no process)
    tenancy = screening and about_tenancy(message.text)
    if task_tool and not tenancy and not company and not agency and not message.bulk:
        # 6. A tool's mail that names no company the extraction read: the open process
        # whose company its words name ("Your Brightwave Health test has been submitted").
        words = re.findall(r"\w+", message.text)
        by_text = {
            p
            for p, e in index.processes.items()
            if e.company_key and _names(words, e.company_key) and not e.ended_by(message.date)
        }
        if found := _one_or_tie(
            by_text,
            "company",
            0.7,
            "names its company, by a tool",
            tie=f"names the companies of {len(by_text)} open processes",
        ):
            return found

    # 6b. A vendor's mail (a test or scheduling tool the lists do not know: the company it was
    # read to name is its own, its domain's, "Talentra Assessments <noreply@talentra.com>")
    # that no process's company took: the open process whose company its subject names
    # ("Mercer Vale plc: your online assessments"), else, but for an invitation or an offer
    # (they name whom they are for), the one open process its address wrote for before
    # ("Thank you for completing your assessments").
    vendor, why = _for_vendor(message, index)
    if found := _one_or_tie(
        vendor,
        "company" if why == "named" else "relay",
        0.7,
        "its subject names its company, by a vendor"
        if why == "named"
        else f"{message.sender_email} wrote for it before",
        tie=f"a vendor's mail for {len(vendor)} open processes",
    ):
        return found

    # 7. An ATS relay's address that wrote into an open process, about its role or
    # requisition id, and naming no other company: "Marketing Graduate Scheme - outcome" from
    # the Workday address of the acknowledgement, whose body names nobody.
    same_sender = _by_relay_sender(message, index) if not pitch else set()
    if found := _one_or_tie(
        same_sender,
        "relay",
        0.7,
        f"{message.sender_email} wrote about its role before",
        tie=f"{message.sender_email} wrote about its role in {len(same_sender)} processes",
    ):
        return found

    # 8. A person writing from a free-mail address (an owner's gmail: "hi this is tony, owner
    # at fire & oak"), sure of its label, naming no company the extraction read: the one
    # open process whose company its words name, in any case.
    by_owner = _named_from_free_mail(message, index) if not company and not agency else set()
    if found := _one_or_tie(by_owner, "company", 0.7, "names its company", tie=None):
        return found

    if message.needs_review:
        return ProcessMatch("review", None, "low_confidence", 0.0, UNSURE_LABEL)
    if message.bulk:
        # Newsletters and job alerts are broadcast; a hiring process is a conversation.
        return ProcessMatch(
            "review",
            None,
            "bulk",
            0.0,
            f"list mail labelled {message.label.value} does not open a process by itself",
        )
    # a scheduling, assessment or e-signature tool's mail is about a step of a process,
    # never an application: naming no company, it opens none
    opens = message.label in OPENING_LABELS and not task_tool
    if opens or company or extraction.agency:
        return ProcessMatch("open", None, "new", 1.0, f"new {message.label.value} message")
    if other:
        # a contact's news that names something else, with nothing to open a process by
        where = ", ".join(f"#{p}" for p in sorted(other))
        what = ", ".join(sorted(set(other.values())))
        return ProcessMatch(
            "review",
            None,
            "other_process",
            0.0,
            f"from a contact of {where}, but names {what}",
            tuple(sorted(other)),
        )
    return ProcessMatch(
        "review",
        None,
        "unknown_process",
        0.0,
        f"{_article(message.label.value)} {message.label.value} message that names no company"
        " and matches no process",
    )


# Words that do not make a run of a company's name its own: "bank of" of "Bank of America"
_NAME_FILLERS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})


def _named_from_free_mail(message: MatchInput, index: ProcessIndex) -> set[int]:
    """The open processes whose company a person's mail from a free-mail address names
    (_names, or in any case its name's first two words: "fire & oak" of "Fire & Oak
    Kitchen"), when its label is sure and it is no list mail and no pitch. A person at
    gmail.com is nobody's company, but the owner of a small business writes from there."""
    sender = message.sender_email or ""
    if (
        message.direction != "inbound"
        or message.needs_review
        or message.bulk
        or message.label in (Label.NOT_RECRUITING, Label.OUTREACH)
        or message.extraction.sender_role == SenderRole.AUTOMATED
        or not is_free_mail_domain(sender.rpartition("@")[2].lower())
    ):
        return set()
    words = re.findall(r"\w+", message.text[:MAX_TEXT])  # what extract reads of it
    lowered = [w.lower() for w in words]
    pairs = set(pairwise(lowered))
    return {
        p
        for p, e in index.processes.items()
        if e.company_key
        and not e.ended_by(message.date)
        and (_names(words, e.company_key) or _names_in_any_case(pairs, e.company_words))
    }


def _names_in_any_case(pairs: set[tuple[str, str]], name: tuple[str, ...]) -> bool:
    """Whether the pairs of neighbouring lower-case words of a message hold the first two
    words of a company's `name` (its words in lower case), neither a filler (_NAME_FILLERS),
    of six letters or more together."""
    head = name[:2]
    if len(head) < 2 or _NAME_FILLERS.intersection(head) or len("".join(head)) < 6:
        return False
    return (head[0], head[1]) in pairs


def _match_own_mail(message: MatchInput, index: ProcessIndex) -> ProcessMatch:
    """Where the user's own mail outside a known thread goes: it joins a process it writes
    to, and never opens one. A contact's processes first; else the open processes at the
    company domain it writes to (see _at_domain)."""
    extraction = message.extraction
    candidates = set().union(*(index.by_contact.get(e, set()) for e in message.recipient_emails))
    rule, reason, confidence = "contact", "written to a known contact", 0.9
    if not candidates:
        candidates = _at_domain(message, index)
        rule, reason, confidence = "domain", "written to the company's address", 0.7
    candidates = _narrow(candidates, extraction, index)
    where = "contacts" if rule == "contact" else "the company"
    if found := _one_or_tie(
        candidates, rule, confidence, reason, tie=f"written to {where} of several processes"
    ):
        return found
    if extraction.decision is not None and any(map(_company_domain, message.recipient_emails)):
        # the user's withdrawal (or answer to an offer) to a company: not set aside unseen
        return ProcessMatch(
            "review",
            None,
            "own_decision",
            0.0,
            f"your decision ({extraction.decision.value}), written to a company, matches no"
            " process",
        )
    return ProcessMatch("ignore", None, "outbound", 1.0, "own mail outside any process")


def _at_domain(message: MatchInput, index: ProcessIndex) -> set[int]:
    """The open processes whose company domain (one their mail came from, or one named after
    their company or agency: _named_after, or whose company its greeting names: "Dear Linnet
    Biotech Early Careers team") the user's mail is written to, at a hiring mailbox there
    (careers@, graduates@) or naming the process's role or requisition id or carrying the
    user's decision (a withdrawal): a friend who works at the company is written to about
    other things. A role or requisition id of another application rules a process out;
    another company's name does not, as the user names the employer they are leaving for
    ("I have accepted a position at ...")."""
    extraction = message.extraction
    role = normalize_role(extraction.role)
    requisition = (extraction.requisition_id or "").lower()
    named = replace(extraction, company=None, agency=None)
    greeting = re.findall(r"\w+", _greeting(message.text))
    found: set[int] = set()
    for email in message.recipient_emails:
        domain = _company_domain(email)
        if not domain:
            continue
        name = normalize_company(name_from_domain(domain))
        mailbox = HIRING_MAILBOX_LOCAL_PART.match(email) is not None
        for process_id, entry in index.processes.items():
            if not (
                process_id in index.by_domain.get(domain, ())
                or any(_named_after(name, key) for key in (entry.company_key, entry.agency_key))
                or _names(greeting, entry.company_key)
            ):
                continue
            # the user's decision (a withdrawal) written to the company is about their
            # application there
            about_it = (
                (role and entry.role_key and _same_role(role, entry.role_key))
                or (requisition and requisition in entry.requisition_ids)
                or extraction.decision is not None
            )
            if (
                (mailbox or about_it)
                and _conflict(entry, named) is None
                and not entry.ended_by(message.date)
            ):
                found.add(process_id)
    return found


# The first line of the user's mail when it greets whom it is written to: "Dear Linnet
# Biotech Early Careers team,", "Hello Castlegate Consulting recruitment team"
_GREETING = re.compile(r"^\s*(?:dear|hello|hi|good\s+(?:morning|afternoon))\b[^\n]*", re.IGNORECASE)


def _greeting(text: str) -> str:
    """The greeting that opens the body of a message's `text` (its subject, then what it
    says), or ""."""
    body = text.partition("\n")[2].lstrip()
    found = _GREETING.match(body)
    return found.group(0) if found else ""


def _named_after(domain_key: str, company_key: str) -> bool:
    """Whether a domain's name (its normalize_company key) is a company's: the same key, or
    the company's with a word of a business's name added or left off ("kestrelsystems" for
    "Kestrel", a Workday tenant; "brightwave" for "Brightwave Health"), the shorter of four
    letters or more."""
    if not domain_key or not company_key:
        return False
    if domain_key == company_key:
        return True
    short, long = sorted((domain_key, company_key), key=len)
    return len(short) >= 4 and long.startswith(short) and is_company_word(long[len(short) :])


def _company_domain(email: str | None) -> str:
    """The registered domain of an address, when it may be a company's: not free mail (a
    recruiter at gmail.com shares it with everyone), not an ATS relay; else ""."""
    domain = registered_domain((email or "").rpartition("@")[2])
    if not domain or "." not in domain or is_free_mail_domain(domain) or is_ats_domain(domain):
        return ""
    return "" if is_screening_domain(domain) else domain


def _article(word: str) -> str:
    """ "an" before a vowel ("an interview", "an offer"), else "a"."""
    return "an" if word[:1].lower() in "aeiou" else "a"
