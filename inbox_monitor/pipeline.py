"""From raw bytes to stored, classified, matched messages: the one ingest path.

`import`, `sync` and the daemon all call `ingest` / `ingest_batch`. A batch is written
in one transaction (the IMAP sync commits its UID checkpoint inside the same one), so a
crash loses at most the batch in hand and never stores anything twice. One bad message
is quarantined with its reason and the batch goes on.

A message is read for its promises and names by the rules of the version that stores it;
the store records which rules read its mail (reading_rules), and the daemon and `sync`
read it again after an upgrade (reread_if_stale), a batch per transaction. The user's own
mail that is in no process is matched again (file_own_mail) after a reread and after an
import or a sync that opened processes: mail written before its process was known joins it.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from inbox_monitor.bodytext import offers_to_leave
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.dates import BusinessCalendar
from inbox_monitor.errors import ParseError, Refused
from inbox_monitor.extract import extract_message
from inbox_monitor.invite import INTERVIEW_EVENT, one_off, with_invitation
from inbox_monitor.lexicon import load_cues, shipped_cues_path
from inbox_monitor.lookalike import Corrected, Likeness, like_correction, news_words, template_of
from inbox_monitor.match import (
    EVENT_OF_MANY,
    UNSURE_LABEL,
    MatchInput,
    ProcessIndex,
    ProcessMatch,
    match_process,
    normalize_company,
    normalize_role,
    portal_named,
)
from inbox_monitor.models import (
    LABELS,
    Address,
    Classification,
    Commitment,
    CommitmentKind,
    Event,
    Extraction,
    Label,
    LabelSource,
    MessageRecord,
    Outcome,
    ParsedMessage,
    ProcessRecord,
    RawMessage,
    SenderRole,
    SourceFailure,
    Summary,
)
from inbox_monitor.orgs import (
    is_screening_vendor,
    name_from_domain,
    person_behind_relay,
    relay_sender_name,
    without_company,
    without_person,
)
from inbox_monitor.parse import LATEST_AHEAD, parse_message
from inbox_monitor.parse_pool import ParseAhead, Prepared
from inbox_monitor.store import Reading, Store, StoredMessage, decode_extraction
from inbox_monitor.track import decides_plainly, written_by_person

if TYPE_CHECKING:
    # spaCy takes half a second to import: only commands that classify pay for it
    from inbox_monitor.classify import Classifier, ClassifierInput

log = logging.getLogger(__name__)

BATCH_SIZE = 200


@dataclass
class Pipeline:
    """What ingest needs, built once per run: the classifier loads once."""

    config: Config
    classifier: Classifier
    calendar: BusinessCalendar
    _index: ProcessIndex | None = field(default=None, repr=False)
    _index_version: int = field(default=-1, repr=False)

    def index(self, store: Store) -> ProcessIndex:
        """The process index, loaded from the store on first use and kept up to date by
        ingest; loaded again when processes changed outside it (Store.board_changed: a
        merge, split or correction made with the CLI while the daemon runs)."""
        version = store.board_version()
        if self._index is None or version != self._index_version:
            self._index = load_index(store)
            self._index_version = version
        return self._index

    def forget_index(self) -> None:
        """Drop the cached index (after merges/splits done outside ingest)."""
        self._index = None


def build_pipeline(config: Config, classifier: Classifier | None = None) -> Pipeline:
    from inbox_monitor.classify import load_classifier

    return Pipeline(
        config=config,
        classifier=classifier or load_classifier(config.classifier.model_path),
        calendar=_calendar(config),
    )


def load_index(store: Store) -> ProcessIndex:
    index = ProcessIndex()
    for process in store.processes():
        index.add_process(
            process.id,
            process.company,
            process.agency,
            process.role,
            closed_by_user=process.outcome_user is not None,
            reopened_at=process.reopened_at,
            accepted=process.outcome_user == Outcome.ACCEPTED,
        )
    for message_id, in_reply_to, references_json, process_id in store.thread_index():
        index.add_thread_ids(process_id, [message_id, in_reply_to, *json.loads(references_json)])
    for email, process_id in store.contact_index():
        index.add_contact(process_id, email)
    for noise_id, noise_reply_to, noise_references in store.noise_thread_ids():
        ids = (noise_id, noise_reply_to or "", *json.loads(noise_references))
        index.noise_threads.update(i for i in ids if i)
    for record in store.message_records(filed=True):
        assert record.process_id is not None
        index.add_requisition(record.process_id, record.extraction.requisition_id)
        label = None if record.needs_review else record.label
        index.add_message(
            record.process_id,
            record.date,
            record.direction,
            label,
            record.extraction.decision,
            record.sender.email if record.sender else None,
            decision_phrase=record.extraction.decision_phrase,
            recipients=[a.email for a in record.recipients],
            read_as=record.label,
            by_person=written_by_person(record.sender, record.extraction),
        )
    return index


def body_hash(message: ParsedMessage) -> str:
    """Identity of a message's content, blind to transport headers (Received, folder copies).

    A date taken from the Received header or the time of reading (no usable Date header)
    differs between copies of one message, so such a message is known by its Message-ID
    (from its headers when it has none) instead of by its date.
    """
    sender = message.sender.email if message.sender else ""
    # a copy dated by its arrival (an IMAP INTERNALDATE) and one dated by its reading (a
    # file) are one message, as they were before arrival times were read
    source = "import" if message.date_source == "arrival" else message.date_source
    when = message.date.isoformat() if source == "header" else f"{source}:{message.message_id}"
    key = "\x1f".join([sender, when, message.subject, message.body])
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _batches(
    items: Iterable[RawMessage | SourceFailure], size: int
) -> Iterator[list[RawMessage | SourceFailure]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def ingest(
    store: Store,
    items: Iterable[RawMessage | SourceFailure],
    pipeline: Pipeline,
    now: datetime,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    parse_workers: int = 0,
) -> Summary:
    """Ingest a stream of raw messages in batches; memory stays flat in the stream's length.
    When they opened processes, the user's own mail in no process is matched again at the
    end (file_own_mail): a Sent folder imported before the Inbox joins its processes.

    With `parse_workers` > 0, each batch is parsed by that many worker processes while the
    batch before it is classified and stored (parse_pool.py); the result is the same.
    """
    summary = Summary()
    own = pipeline.config.identity.addresses
    opened_before = store.last_process_id()
    with ParseAhead(parse_workers, own, now, store.has_content) as ahead:
        for batch, prepared in ahead.batches(_batches(items, batch_size), list):
            summary += ingest_batch(store, batch, pipeline, now, prepared)
            if progress is not None:
                progress(len(batch))
    if store.last_process_id() != opened_before:
        file_own_mail(store, pipeline.config, now, pipeline.index(store))
    return summary


def ingest_batch(
    store: Store,
    items: Sequence[RawMessage | SourceFailure],
    pipeline: Pipeline,
    now: datetime,
    prepared: Mapping[int, Prepared] | None = None,
) -> Summary:
    """Parse, deduplicate, classify, extract, match and store one batch atomically.

    `prepared` may hold, per index in `items`, the raw hash and the parse done ahead
    (parse_pool.ParseAhead); messages without one are parsed here.
    """
    with store.transaction():
        # if this batch (or a caller's transaction around it) rolls back, the cached index
        # would name processes that no longer exist
        store.on_rollback(pipeline.forget_index)
        return _ingest_batch(
            store, items, pipeline, now, pipeline.config.identity.addresses, prepared or {}
        )


def _ingest_batch(
    store: Store,
    items: Sequence[RawMessage | SourceFailure],
    pipeline: Pipeline,
    now: datetime,
    own: frozenset[str],
    prepared: Mapping[int, Prepared],
) -> Summary:
    new = known = failed = 0
    errors: list[str] = []
    held: list[str] = []
    fresh: list[tuple[RawMessage, ParsedMessage, str, str]] = []
    unstored: set[str] = set()
    with store.transaction():
        keys_in_batch: dict[str, str] = {}
        later_locations: list[tuple[str, RawMessage]] = []
        # a place whose earlier read failed and is in the quarantine, read fine now
        quarantined = store.quarantined_origins()
        for position, item in enumerate(items):
            if isinstance(item, SourceFailure):
                failed += 1
                errors.append(f"{item.origin.describe()}: {item.reason}")
                digest = _hash(item.data or item.origin.describe().encode())
                store.quarantine(item.data, item.origin, item.reason, digest, now)
                continue
            ahead = prepared.get(position)
            # the same bytes seen before (a re-import, a second folder): no need to parse
            raw_hash = ahead.raw_hash if ahead is not None else _hash(item.data)
            same_bytes = keys_in_batch.get(raw_hash) or store.has_content(raw_hash)
            if same_bytes is not None:
                known += 1
                later_locations.append((same_bytes, item))
                continue
            try:
                parsed = ahead.parsed if ahead is not None else None
                if isinstance(parsed, ParseError):
                    raise parsed
                message = parsed or parse_message(
                    item.data, own_addresses=own, sent=item.sent, received_at=now,
                    arrived_at=item.arrived_at,
                )  # fmt: skip
            except ParseError as err:
                failed += 1
                errors.append(f"{item.origin.describe()}: {err}")
                store.quarantine(item.data, item.origin, str(err), raw_hash, now)
                continue
            content = body_hash(message)
            stored = store.find_message_keys(message.message_id)
            key = _existing_key(content, keys_in_batch, stored) or _same_text_stored(
                store, message, stored
            )
            if key is not None:
                known += 1
                # recorded once the batch's new messages are written (the key may be one of them)
                later_locations.append((key, item))
                continue
            key = _new_key(message, content, set(keys_in_batch.values()), stored)
            keys_in_batch[message.content_hash] = key
            keys_in_batch[content] = key
            fresh.append((item, message, key, content))
        from inbox_monitor.classify import input_for

        if fresh:
            store.note_reading(_these_rules(store.reading(), pipeline.config.identity))
        inputs = [input_for(m) for _, m, _, _ in fresh]
        classifications = _classify_isolating(pipeline.classifier, inputs)
        index = pipeline.index(store)
        corrections = Corrections(store)
        for (item, message, key, content), classification in zip(
            fresh, classifications, strict=True
        ):
            if classification is None:  # kept, and waiting for the user to label it
                held.append(f"{item.origin.describe()}: {CLASSIFIER_FAILED}")
                classification = _unclassified(pipeline.classifier.name)
            else:
                classification = calendar_interview(
                    message,
                    classification,
                    pipeline.config.identity.name,
                    index=index,
                )
            try:
                with store.savepoint():
                    _store_new(
                        store,
                        pipeline,
                        index,
                        item,
                        message,
                        key,
                        content,
                        classification,
                        now,
                        corrections,
                    )
            except (sqlite3.OperationalError, MemoryError):
                raise  # the database or the machine, not this message: the batch is retried
            except Exception as err:
                # One message the store or the tracker cannot take must not cost the batch
                # (and the mailbox's sync on every poll): it is kept with its bytes.
                failed += 1
                reason = f"{STORE_FAILED} ({type(err).__name__})"  # its text may quote the mail
                errors.append(f"{item.origin.describe()}: {reason}")
                store.quarantine(item.data, item.origin, reason, _hash(item.data), now)
                unstored.add(key)
                pipeline.forget_index()  # it may name what was just undone
                index = pipeline.index(store)
                continue
            new += 1
            _read_since(store, quarantined, item)
        for key, item in later_locations:
            if key not in unstored:  # a copy of a message kept in quarantine
                store.add_location(key, item.origin, now)
                _read_since(store, quarantined, item)
    return Summary(new=new, known=known, failed=failed, errors=tuple(errors), held=tuple(held))


def _read_since(store: Store, quarantined: frozenset[str], item: RawMessage) -> None:
    """Forget the quarantined failure of `item`'s place, now read fine: a file, a Maildir
    entry or an IMAP UID is the same message each time (an mbox position is not)."""
    if quarantined and item.origin.kind != "mbox":
        where = item.origin.describe()
        if where in quarantined:
            store.forget_quarantined_from(where)


CLASSIFIER_FAILED = "the classifier failed on this message; kept, waiting for review"
STORE_FAILED = "could not be stored; kept with its bytes"


def _classify_isolating(
    classifier: Classifier, inputs: Sequence[ClassifierInput]
) -> list[Classification | None]:
    """The batch's classifications; None for a message the classifier fails on.

    When the batch fails, its messages are read one by one, so that one message that
    breaks the classifier is kept for review instead of failing its whole batch (and a
    mailbox's sync on every poll). When every one of them fails, the fault is the
    classifier's, not a message's: the error is raised, the batch is rolled back and the
    sync reports it, rather than filling the review list with unread mail.
    """
    try:
        return list(classifier.classify(inputs))
    except Exception as err:
        if len(inputs) < 2:
            raise
        # the type only: an exception's text may quote the message
        log.error(
            "the classifier failed on a batch of %d (%s); reading them one by one",
            len(inputs), type(err).__name__,
        )  # fmt: skip
    results: list[Classification | None] = []
    last: Exception | None = None
    for item in inputs:
        try:
            results.append(classifier.classify([item])[0])
        except Exception as err:
            last = err
            results.append(None)
    if last is not None and all(result is None for result in results):
        raise last
    return results


def _unclassified(model: str) -> Classification:
    """What a message the classifier failed on is stored with: no scores and no label to
    trust (noise at confidence 0), so it waits in the review list for the user's label."""
    scores = {label.value: 0.0 for label in LABELS}
    return Classification(Label.NOT_RECRUITING, 0.0, scores, (CLASSIFIER_FAILED,), model)


_INVITATION = re.compile(
    r"^(?:updated\s+)?invitation(?:\s+updated)?(?:\s+with\s+note)?\s*:\s*", re.IGNORECASE
)
# A scheduling tool's confirmation of a time the user booked ("Confirmed: Data Scientist
# interview with Omar Haddad on Wednesday, December 2, 2026"): the title names the host,
# the text the invitee
_BOOKED = re.compile(r"^(?:confirmed|scheduled|booked)\s*:\s*", re.IGNORECASE)
# a meeting's title that pairs its people: "Eleanor Hart / Charlotte Lyle", "Alex Morgan <>
# Jane Doe", "Coffee with Jane Doe", "Alex & Jane"
_TWO_PEOPLE = re.compile(r"\s(?:/|&|<>|x|with|and)\s|\S/\S", re.IGNORECASE)
# an event the user is invited to among others, whoever sends it: "Product Leaders webinar -
# Alex Morgan", "Christmas drinks - Alex Morgan +1" (match's events of many, and the words
# of a calendar's titles: a briefing, a launch, a social)
_AN_EVENT = re.compile(rf"\b(?:briefing|launch|social)\b|{EVENT_OF_MANY}", re.IGNORECASE)
CALENDAR_INTERVIEW = "calendar invitation to an interview that names you"
CALENDAR_FROM_CONTACT = (
    "calendar invitation that names you, from a contact of a process or a colleague"
)


def calendar_interview(
    message: ParsedMessage,
    classification: Classification,
    name: str,
    *,
    index: ProcessIndex | None = None,
) -> Classification:
    """`classification`, or `interview` when the message is a calendar invitation to an
    interview event whose title names the user (identity.name), or a scheduling tool's
    confirmation ("Confirmed: ...") of an interview whose title or text names the user.
    A calendar invitation (a calendar part) from a person who is already a contact of a
    process in `index`, or a colleague of one (ProcessIndex.knows_writer), needs no
    interview word in its title when the title pairs the user with someone ("A / B", "with
    B") and names no event of many ("webinar", "drinks", "+1"): a search firm's
    "Eleanor Hart / Sir David Pryce (Chair) - breakfast" is the candidate's meeting with the
    client's chair, and the invitation names the user.

    The model reads calendar mail as noise (so do the team's hard negatives: event
    notifications), and an invitation titled "Interview - Alex Morgan / Data Engineer"
    would be set aside. The user's name is what tells it from an invitation to interview
    someone else, which is mail to the user as an interviewer (not_recruiting). An
    invitation to a recurring series, or to one instance of one (invite.one_off: a weekly
    "Alex Morgan / Jane Doe 1:1", a coach's weekly "Interview prep"), is no interview.
    Without a configured name, nothing changes.
    """
    words = name.lower().split()
    if not words or message.direction != "inbound":
        return classification
    booked = _BOOKED.match(message.subject)
    invitation = _INVITATION.match(message.subject) or booked
    calendar = any(a.is_calendar for a in message.attachments)
    if invitation is None and not calendar:
        return classification
    if message.invitation is not None and not one_off(message.invitation):
        return classification  # a recurring series ("1:1", weekly): no interview
    # Google puts " @ <when> (<calendar>)" after the event's title
    title = message.subject[invitation.end() if invitation else 0 :].partition(" @ ")[0].lower()
    by_contact = INTERVIEW_EVENT.search(title) is None  # (then only a contact's will do)
    if by_contact and not (
        calendar
        and _TWO_PEOPLE.search(title) is not None
        and _AN_EVENT.search(title) is None
        and index is not None
        and message.sender is not None
        and index.knows_writer(message.sender.email)
    ):
        return classification
    named = title if booked is None else f"{title}\n{message.new_text[:1500].lower()}"
    if not all(re.search(rf"\b{re.escape(word)}\b", named) for word in words):
        return classification
    # as the classifier's precise rules do (spaCy is loaded: the message was classified)
    from inbox_monitor.classify import overrule

    reason = CALENDAR_FROM_CONTACT if by_contact else CALENDAR_INTERVIEW
    return overrule(classification, Label.INTERVIEW, reason)


Names = dict[str, str | None]
"""A process's "company", "role" and "agency"."""


@dataclass(frozen=True)
class Correction:
    """What the user's label for one message changed on the board."""

    message_id: str
    previous: Label | None
    label: Label
    process_id: int | None
    action: Literal["kept", "left", "attached", "opened", "review", "none"]
    detail: str
    followed: tuple[int, ...] = ()
    """The numbers of the messages that went with it (_follow_thread), or that left the
    process with it, the user's own mail, when none of their mail was left (_leave_own_mail)."""


def apply_correction(
    store: Store, config: Config, message_ref: str, label: Label, now: datetime
) -> Correction:
    """Record the user's label for a message and let it act on the board at once.

    A message in a process stays there; the process's timeline records the correction and
    its stage and state, which are computed from the labels, follow. One corrected to
    not_recruiting leaves it unless it is a reply in its thread or the user put it there
    (_leaves_as_noise); its events stay in the timeline. An inbound message
    in no process (read as noise, or waiting for review) that is now labelled as
    recruiting mail is matched as the import would have matched it with that label: it
    joins a process by thread, contact or company, opens one, or waits for review when
    the match is a tie. All in one transaction.

    The user's own mail is refused (Refused): its label counts for nothing on the board,
    and a label for it would only be kept as training feedback.
    """
    with store.transaction():
        key = store.resolve_message(message_ref)
        row = store.message_row(key)
        if row["direction"] == "outbound":
            raise Refused(_own_mail(row))
        previous = Label(row["label"]) if row["label"] else None
        message_id = store.record_feedback(key, label, now)
        store.board_changed()
        process_id: int | None = row["process_id"]
        change = f"{previous.value if previous else 'no label'} \u2192 {label.value}"
        detail = f"you corrected {row['subject'] or '(no subject)'}: {change}"
        if process_id is not None:
            if _leaves_as_noise(store, row, process_id, label):
                store.set_message_process(key, None)  # its events stay: the trace
                if row["sender_email"]:
                    store.drop_contacts_without_mail(process_id, [row["sender_email"]])
                detail += "; it leaves the process"
                store.add_event(Event(process_id, now, "user_label", detail, key, "user", 1.0))
                left = _numbers(store, _leave_own_mail(store, process_id, now))
                return Correction(message_id, previous, label, process_id, "left", detail, left)
            store.add_event(Event(process_id, now, "user_label", detail, key, "user", 1.0))
            return Correction(message_id, previous, label, process_id, "kept", detail)
        if label == Label.NOT_RECRUITING:
            return Correction(message_id, previous, label, None, "none", "in no process")
        message = store.parsed_message(key)
        extraction = extract_for(
            message, _calendar(config), config.identity, replied_to(store, message)
        )
        index = load_index(store)
        match = match_process(_match_input(message, label, False, extraction), index)
        corrected = Classification(label, 1.0, {label.value: 1.0}, ("corrected by you",), "you")
        process_id = _place(store, index, key, message, corrected, extraction, match, now, "user")
        if process_id is None:
            if match.action == "review":  # the feedback closed its review: open it again
                store.add_review(key, match.reason, match.candidates, now, reopen=True)
                return Correction(message_id, previous, label, None, "review", match.reason)
            return Correction(message_id, previous, label, None, "none", match.reason)
        store.add_event(Event(process_id, now, "user_label", detail, key, "user", 1.0))
        followed = _follow_thread(store, config, index, process_id, message, now)
        return Correction(
            message_id,
            previous,
            label,
            process_id,
            "opened" if match.action == "open" else "attached",
            match.reason,
            _numbers(store, followed),
        )


def _leave_own_mail(store: Store, process_id: int, now: datetime) -> tuple[str, ...]:
    """After a correction took a message out of a process: when none of their mail is left
    in it, the user's own mail there (a reply to a seminar invitation that opened it) leaves
    too, and the process, empty, is no longer shown; left alone, it would go overdue with
    nobody to ask. Returns the keys of the mail that left."""
    records = store.message_records(process_id)
    if any(record.direction == "inbound" for record in records):
        return ()
    for record in records:
        store.set_message_process(record.key, None)
    if records:
        detail = (
            f"none of their mail is left: your {len(records)} message(s) leave with it,"
            " and the process is no longer shown"
        )
        store.add_event(Event(process_id, now, "user_label", detail, None, "user", 1.0))
    return tuple(record.key for record in records)


def _follow_thread(
    store: Store,
    config: Config,
    index: ProcessIndex,
    process_id: int,
    message: ParsedMessage,
    now: datetime,
) -> tuple[str, ...]:
    """After the user put a message in a process (`label`, `move`): what depended on where it
    was goes with it. Replies in its thread (followed from each reply) that are in no process
    (noise set aside, an unsure reply waiting for review, the user's own answer) join it, as
    the import joins a thread's replies whatever their label; those that another process
    holds by a rule of the matcher's (the user's reply filed by its recruiter, the answer to
    that) move to it; those the user put somewhere stay. Then its sender's mail from its date
    on, set aside as noise before they were a contact, is matched again as the import
    matches a contact's noise: news of the process joins it, the rest waits for review.
    Returns the keys of the messages placed or put in the review list."""
    calendar = _calendar(config)
    followed: list[str] = []
    pending, seen = [message], {message.message_id}
    while pending:
        current = pending.pop(0)
        for key in store.replies_to(current.message_id):
            row = store.message_row(key)
            if row["message_id"] in seen:
                continue
            seen.add(row["message_id"])
            reply = store.parsed_message(key)
            pending.append(reply)
            source: int | None = row["process_id"]
            if source == process_id or (
                source is not None and store.placement_rule(source, key) == "user"
            ):
                continue
            subject = row["subject"] or "(no subject)"
            why = f"in the thread of {current.message_id}"
            if source is not None:
                left = f"{subject} follows its thread to #{process_id}"
                here = Event(
                    process_id, now, "matched", f"{why}: it follows from #{source}", key,
                    "match:thread", 1.0,
                )  # fmt: skip
                _transfer(store, row, source, left, here)
            else:
                extraction = extract_for(reply, calendar, config.identity, replied_to(store, reply))
                match = ProcessMatch("attach", process_id, "thread", 1.0, f"replies {why}")
                store.resolve_reviews(key, now)
                if row["needs_review"]:  # where it belongs is settled, what it says is not
                    store.add_review(key, UNSURE_LABEL, (), now, reopen=True)
                rule = "user" if row["label_source"] == "user" else None
                classification = _stored_classification(row)
                _place(
                    store, index, key, reply, classification, extraction, match, now, rule, False
                )
            followed.append(key)
    sender = message.sender.email if message.sender and message.direction == "inbound" else ""
    if sender and process_id in index.by_contact.get(sender, set()):
        for key in store.set_aside_from(sender, message.date):
            row = store.message_row(key)
            other = store.parsed_message(key)
            classification = _stored_classification(row)
            extraction = extract_for(other, calendar, config.identity, replied_to(store, other))
            match = match_process(
                _match_input(other, classification.label, False, extraction, row["confidence"]),
                index,
            )
            if match.action == "attach":
                _place(store, index, key, other, classification, extraction, match, now, None)
            elif match.action == "review":
                store.add_review(key, match.reason, match.candidates, now)
            else:
                continue
            followed.append(key)
    return tuple(followed)


def _own_mail(row: dict[str, Any]) -> str:
    said = f"#{row['id']} is your own mail: its label changes nothing"
    if row["process_id"] is None:
        return f"{said}, and it is in no process"
    outcomes = "|".join(outcome.value for outcome in Outcome)
    process = row["process_id"]
    return f"{said}; to close process #{process}, use `close {process} --outcome {outcomes}`"


def stored_copies(store: Store, message_ref: str, label: Label) -> list[dict[str, Any]]:
    """The sender's other stored messages that a correction of MESSAGE to `label` would
    carry to had they come later: copies of its template that the classifier read as it read
    MESSAGE (lookalike.py), not labelled `label` already. The user's own labels are left
    alone; labels carried from an earlier correction are not (MESSAGE corrected again)."""
    key = store.resolve_message(message_ref)
    row = store.message_row(key)
    corrected = _corrected(row, label, datetime.min)
    if corrected is None or corrected.model_label == label or row["direction"] != "inbound":
        return []
    return [
        other
        for other in store.not_labelled_by_user_from(row["sender_email"] or "")
        if other["message_key"] != key
        and other["label"] != label.value
        and _read_as(other["scores_json"]) == corrected.model_label
        and like_correction(
            template_of(other["subject"], other["new_text"]),
            corrected.model_label,
            [corrected],
            _news_words(),
        )
        is not None
    ]


def _leaves_as_noise(store: Store, row: dict[str, Any], process_id: int, label: Label) -> bool:
    """Whether a message corrected to not_recruiting leaves its process (the user's own
    mail is never corrected: apply_correction refuses it): as the import would have set it
    aside, unless it is a reply in the process's thread or the user put it there (a friend's
    lunch invitation matched by the company's name leaves; a recruiter's "have a good
    weekend" in the thread stays, and still counts as contact)."""
    if label != Label.NOT_RECRUITING:
        return False
    return store.placement_rule(process_id, row["message_key"]) not in ("match:thread", "user")


def _transfer(store: Store, row: Mapping[str, Any], source: int, left: str, here: Event) -> None:
    """Take a stored message (`row`) from process `source` to `here.process_id`: the
    message, and its sender as a contact when it is theirs; `source`'s timeline says `left`,
    the other's gets `here` (a move by the user or a reply following its thread)."""
    store.set_message_process(row["message_key"], here.process_id)
    if row["direction"] == "inbound" and row["sender_email"]:
        store.move_contacts(source, here.process_id, [row["sender_email"]])
    store.add_event(Event(source, here.at, "user_move", left, None, "user", 1.0))
    store.add_event(here)


def move_message(
    store: Store, config: Config, message_ref: str, process_id: int, now: datetime
) -> str:
    """Put a message into a process by hand: a tie or an unknown process in the review
    list, or a message the matcher put in the wrong process. Its events (and its sender,
    as a contact) go with it, its review is closed, and both timelines say so. Returns
    what was done, for the user."""
    with store.transaction():
        key = store.resolve_message(message_ref)
        row = store.message_row(key)
        source: int | None = row["process_id"]
        subject = row["subject"] or "(no subject)"
        if source == process_id:
            return f"{row['message_id']} is already in #{process_id}"
        store.resolve_reviews(key, now)
        if row["needs_review"]:  # where it belongs is settled, what it says is still unsure
            store.add_review(key, UNSURE_LABEL, (), now, reopen=True)
        store.board_changed()
        if source is not None:
            moved = f"you moved {subject} to #{process_id}"
            here = f"you moved {subject} here from #{source}"
            _transfer(
                store,
                row,
                source,
                moved,
                Event(process_id, now, "user_move", here, key, "user", 1.0),
            )
            message = store.parsed_message(key)
            followed = _follow_thread(store, config, load_index(store), process_id, message, now)
            left = _leave_own_mail(store, source, now)
            done = f"moved {row['message_id']} from #{source} to #{process_id}"
            done += _with(store, followed)
            if left:
                done += f"; #{source} has none of their mail left: your mail there leaves it"
            return done
        # in no process yet: read it as the import reads the mail it attaches
        message = store.parsed_message(key)
        extraction = extract_for(
            message, _calendar(config), config.identity, replied_to(store, message)
        )
        classification = _stored_classification(row)
        match = ProcessMatch("attach", process_id, "user", 1.0, "put here by you")
        rule = "user" if row["label_source"] == "user" else None
        index = load_index(store)
        _place(store, index, key, message, classification, extraction, match, now, rule)
        store.add_event(
            Event(process_id, now, "user_move", f"you put {subject} here", key, "user", 1.0)
        )
        followed = _follow_thread(store, config, index, process_id, message, now)
        return f"put {row['message_id']} into #{process_id}" + _with(store, followed)


def _numbers(store: Store, keys: Sequence[str]) -> tuple[int, ...]:
    """The numbers of stored messages, in the order of `keys`."""
    numbers = store.message_numbers(keys)
    return tuple(numbers[key] for key in keys)


def _with(store: Store, followed: Sequence[str]) -> str:
    """What went with a moved message, for the user: "; with it: #26, #27"."""
    if not followed:
        return ""
    return "; with it: " + ", ".join(f"#{number}" for number in _numbers(store, followed))


def dismiss_process(store: Store, process_id: int, now: datetime) -> int:
    """`close --not-hiring`: a process that is no hiring conversation at all (a seminar
    invitation, an examiner's appointment) is taken off the board. Their mail in it is
    labelled not_recruiting by the user (so a copy of it is read so later, and training
    learns from it), and every message, the user's own too, leaves it; the process, empty,
    is no longer shown and its timeline says why. It keeps no contact and no name, so no
    rule can file their next mail in it (a contact, a colleague's domain, the company's
    name); that mail is read afresh. Returns how many messages left."""
    with store.transaction():
        records = store.message_records(process_id)
        for record in records:
            if record.direction == "inbound":
                store.record_feedback(record.key, Label.NOT_RECRUITING, now)
            store.resolve_reviews(record.key, now)
            store.set_message_process(record.key, None)
        people = [person["email"] for person in store.process_people(process_id)]
        store.drop_contacts_without_mail(process_id, people)
        names = _names_of(store.process(process_id))
        store.update_process(process_id, company=None, role=None, agency=None)
        detail = f"you said it is not a hiring process: its {len(records)} message(s) leave it"
        if any(names.values()):
            detail += f" (it was {_describe({k: v for k, v in names.items() if v})})"
        store.add_event(Event(process_id, now, "user_close", detail, None, "user", 1.0))
        store.board_changed()
    return len(records)


def merge_processes(
    store: Store,
    target: int,
    others: Sequence[int],
    now: datetime,
    config: Config | None = None,
) -> Names:
    """Join processes into `target`: their messages, timelines and contacts, and the review
    list's candidates (a message waiting as a tie between them names `target`). A company or
    role the target lacks (the role the job board's receipt read, the employer's reply not)
    is taken from the first of `others` that has it, so a merge loses neither; an agency is
    not (merged into the client's own application, it is one chain of two, and `split` gives
    it back with its process). With `config`, a message whose tie the merge settles (sure of
    its label, in no process) joins `target` as `move` would put it. Raises Refused for a
    process merged into itself. Returns the names the target took."""
    if target in others:
        raise Refused("cannot merge a process into itself")
    taken: Names = {}
    settled: list[str] = []
    with store.transaction():
        for other in others:
            moved = store.move_messages(other, target)
            settled += store.merge_review_candidates(other, target)
            names = _names_of(store.process(other))
            store.update_process(other, merged_into=target)
            lacks = _names_of(store.process(target))
            found: Names = {
                name: names[name] for name in ("company", "role") if names[name] and not lacks[name]
            }
            if found:
                store.update_process(target, **found)
                taken.update(found)
            detail = f"merged #{other} ({moved} messages)"
            if found:
                detail += f"; named from it: {_describe(found)}"
            store.add_event(Event(target, now, "user_merge", detail, None, "user", 1.0))
        if config is not None:
            _settle_ties(store, config, target, settled, now)
        store.board_changed()
    return taken


def _settle_ties(
    store: Store, config: Config, target: int, keys: Sequence[str], now: datetime
) -> None:
    """The messages of `keys`, each waiting as a tie between processes now merged into
    `target`, join it (as `move` puts a message in no process), when in no process and
    sure of their label: the user said the processes were one."""
    index: ProcessIndex | None = None
    for key in keys:
        row = store.message_row(key)
        if row["process_id"] is not None or row["needs_review"]:
            continue
        index = index or load_index(store)
        message = store.parsed_message(key)
        extraction = extract_for(
            message, _calendar(config), config.identity, replied_to(store, message)
        )
        match = ProcessMatch("attach", target, "user", 1.0, "its tie settled by your merge")
        rule = "user" if row["label_source"] == "user" else None
        store.resolve_reviews(key, now)
        _place(store, index, key, message, _stored_classification(row), extraction, match, now,
               rule)  # fmt: skip
        subject = row["subject"] or "(no subject)"
        detail = f"{subject} joined: it waited between the processes you merged"
        store.add_event(Event(target, now, "user_move", detail, key, "user", 1.0))


@dataclass(frozen=True)
class Split:
    """What `split` did: the process split from, the new one and their names."""

    source: int
    new: int
    moved: int
    names: Names
    renamed: Names
    """The names of `source` that changed (none when the messages left still give them)."""
    revived: bool = False
    """Whether `new` is a process merged into `source` that came back (its old number)."""


def split_messages(
    store: Store, process_id: int, message_refs: Sequence[str], now: datetime
) -> Split:
    """Move messages out of a process into a new process of their own: the undo of a wrong
    merge or match. Their events and their senders (as contacts) go with them. When they
    hold the first message of a process merged into this one (`merge 1 2`, then `split 1`
    of #2's mail), that process comes back, with its number, rather than a new one: the
    number the user knows it by, and earlier digests name, is its own again.

    The new process is named from its messages, as the import names a process
    (_names_from). The process split from keeps each name that a message left in it still
    gives; the others are named anew from those messages (or left empty), so it keeps no
    name that only the moved messages gave it. Raises StoreError for an unknown message and
    Refused for one not in the process, or when no message would be left in it (that is
    `move`, or `merge`).
    """
    with store.transaction():
        keys = list(dict.fromkeys(store.resolve_message(ref) for ref in message_refs))
        records = store.message_records(process_id)
        moving = [r for r in records if r.key in keys]
        if len(moving) < len(keys):
            raise Refused(f"every message must belong to #{process_id}")
        left = [r for r in records if r.key not in keys]
        if not left:
            raise Refused(
                f"that is every message of #{process_id}: a split would leave it empty"
                " (use `merge` to join it to another process, or `move` for one message)"
            )
        names = _names_from(moving)
        merged = store.merged_opened_by(process_id, keys)
        if len(merged) == 1:  # a merge undone: that process again (two: which is unsure)
            ((new, opener),) = merged
            earlier = _names_of(store.process(new))
            names = {name: value or earlier[name] for name, value in names.items()}
            store.revive_process(new, opener)
            store.update_process(new, **names)
        else:
            new = store.create_process(
                names["company"], names["role"], names["agency"], moving[0].date, moving[0].key
            )
        for record in moving:
            store.set_message_process(record.key, new)
        senders = [r.sender.email for r in moving if r.direction == "inbound" and r.sender]
        store.move_contacts(process_id, new, senders)
        process = store.process(process_id)
        renamed = _not_the_users(process, _renamed(process, left))
        if renamed:
            store.update_process(process_id, **renamed)
        store.board_changed()
        detail = f"{len(moving)} message(s) moved to #{new}"
        if renamed:
            detail += f"; named anew from the messages left: {_describe(renamed)}"
        store.add_event(Event(process_id, now, "user_split", detail, None, "user", 1.0))
        detail = f"split from #{process_id}; named from its messages: {_describe(names)}"
        if len(merged) == 1:
            detail = f"split from #{process_id}, the merge into it undone; {_describe(names)}"
        store.add_event(Event(new, now, "user_split", detail, None, "user", 1.0))
    return Split(process_id, new, len(moving), names, renamed, revived=len(merged) == 1)


def _renamed(process: ProcessRecord, left: Sequence[MessageRecord]) -> Names:
    """The names of a process that none of the messages `left` in it gives, with the
    names those messages give it instead."""
    keys = {"company": normalize_company, "role": normalize_role, "agency": normalize_company}
    anew = _names_from(left)
    renamed: Names = {}
    for name, value in _names_of(process).items():
        key = keys[name]
        given = bool(value) and any(key(getattr(r.extraction, name)) == key(value) for r in left)
        if not given and anew[name] != value:
            renamed[name] = anew[name]
    return renamed


def _describe(names: Names) -> str:
    return ", ".join(f"{name} {value}" if value else f"no {name}" for name, value in names.items())


def _place(
    store: Store,
    index: ProcessIndex,
    key: str,
    message: ParsedMessage,
    classification: Classification,
    extraction: Extraction,
    match: ProcessMatch,
    now: datetime,
    label_rule: str | None,
    adopt: bool = True,
) -> int | None:
    """A stored message placed after its import, as the import would have placed it."""
    process_id = _apply_match(store, index, message, key, classification, extraction, match, now)
    store.set_message_match(key, process_id, extraction)
    if process_id is not None:
        _record_events(
            store, process_id, key, message, classification, extraction, match, label_rule
        )
        if adopt:
            _adopt_own_mail(store, index, process_id, message, now)
    return process_id


def _adopt_own_mail(
    store: Store, index: ProcessIndex, process_id: int, message: ParsedMessage, now: datetime
) -> None:
    """The user's own mail that is in no process joins the process `message` is in when it
    is in the same thread: the mail `message` answers (an application no process had
    answered yet) and the user's replies to it (sent mail imported before the inbox).
    Without this, the order of import decided whether the user's mail counted. The
    thread is followed from each message adopted."""
    pending = [message]
    while pending:
        current = pending.pop()
        answers = [current.in_reply_to or "", *current.references]
        for key in store.own_mail_outside_processes(current.message_id, answers):
            row = store.message_row(key)
            own = store.parsed_message(key)
            classification = _stored_classification(row)
            match = ProcessMatch(
                "attach", process_id, "thread", 1.0, f"in the thread of {current.message_id}"
            )
            extraction = decode_extraction(row["extraction_json"])
            store.resolve_reviews(key, now)  # a tie between processes: the thread settles it
            _place(store, index, key, own, classification, extraction, match, now, None, False)
            pending.append(own)


def file_own_mail(
    store: Store, config: Config, now: datetime, index: ProcessIndex | None = None
) -> int:
    """Match the user's own mail that is in no process again, by the matcher's rules for
    it (match.py): mail stored before the process it is written to was known (the Sent
    folder imported before the Inbox, an application sent before any answer came) joins
    it now, as it would have had it come after; a tie waits for review, as at its import.
    After an import or a sync that opened processes, and after a reread. The matcher reads
    it as it was read when stored; one that joins a process is read again by this
    version's rules, as `move` reads it. Returns how many joined a process.

    `index`: the caller's process index (an ingest's, Pipeline.index), kept up to date in
    place; without it one is loaded, and a daemon's cached one told to load again."""
    keys = store.own_mail_in_no_process()
    if not keys:
        return 0
    calendar = _calendar(config)
    placed = 0
    shared = index is not None  # changed in place: its owner needs no reload
    with store.transaction():
        index = index if index is not None else load_index(store)
        for key in keys:
            row = store.message_row(key)
            if row["process_id"] is not None:  # adopted just now, in the thread of another
                continue
            message = store.parsed_message(key)
            classification = _stored_classification(row)
            stored = decode_extraction(row["extraction_json"])
            match = match_process(_match_input(message, classification.label, False, stored), index)
            if match.action == "review":
                store.add_review(key, match.reason, match.candidates, now)
            if match.action != "attach":
                continue
            extraction = extract_for(message, calendar, config.identity, replied_to(store, message))
            try:
                with store.savepoint():
                    store.resolve_reviews(key, now)  # a tie it was in: settled now
                    _place(store, index, key, message, classification, extraction, match, now, None)
            except (sqlite3.OperationalError, MemoryError):
                raise  # the database or the machine, not this message
            except Exception as err:  # one message must not cost the others their chance
                log.error("message %s not filed: %s", row["id"], type(err).__name__)
                index, shared = load_index(store), False  # it may name what was undone
                store.board_changed()  # and so may the caller's
                continue
            placed += 1
        if placed and not shared:
            store.board_changed()  # a daemon's cached index does not know of it
    if placed:
        log.info("%d of your own message(s) in no process joined one", placed)
    return placed


def _stored_classification(row: dict[str, Any]) -> Classification:
    """A stored message's label as a Classification (its one score; no reasons)."""
    label, confidence = Label(row["label"]), row["confidence"] or 0.0
    return Classification(label, confidence, {label.value: confidence}, (), row["model"])


def _calendar(config: Config) -> BusinessCalendar:
    return BusinessCalendar(config.identity.country, config.identity.subdivision)


def _existing_key(
    content: str, in_batch: dict[str, str], stored: list[tuple[str, str]]
) -> str | None:
    """The key of an already stored copy with the same content (`content`: its body_hash;
    `stored`: (key, body_hash) of the stored messages with its Message-ID; the same bytes
    were checked before parsing), e.g. a copy whose transport headers differ."""
    if content in in_batch:
        return in_batch[content]
    for stored_key, stored_body_hash in stored:
        if stored_body_hash == content:
            return stored_key
    return None


def _same_text_stored(
    store: Store, message: ParsedMessage, stored: list[tuple[str, str]]
) -> str | None:
    """The key of a stored message with `message`'s Message-ID (`stored`) that is the same
    mail but for the white space of its text: the sync reassembles a message from the text
    parts it fetched (the line break that ends a part before the next one's boundary is the
    boundary's, so it goes), while a Maildir or mbox backup of the account holds it whole;
    or one copy's Date was taken back to when it was read (_same_date). The same sender,
    Date header and subject, and the same words in the same order."""
    if not stored or _date_as_written(message.date_source, message.defects) is None:
        return None
    sender = message.sender.email if message.sender else None
    words = message.body.split()
    for stored_key, _ in stored:
        row = store.message_row(stored_key)
        if (
            row["sender_email"] == sender
            and row["subject"] == message.subject
            and _same_date(
                (message.date.replace(microsecond=0), message.date_source, message.defects),
                (
                    datetime.fromisoformat(row["date"]),
                    row["date_source"],
                    tuple(json.loads(row["defects_json"] or "[]")),
                ),
            )
            and row["body"].split() == words
        ):
            return stored_key
    return None


def _date_as_written(source: str, defects: Sequence[str]) -> bool | None:
    """Whether a message's date is its Date header as written (True), or that Date taken
    back to when the message was read, being later by more than parse.ARRIVAL_SKEW (False:
    "date-after-arrival"); None when it had no usable Date."""
    if source == "header":
        return True
    return False if "date-after-arrival" in defects else None


def _same_date(
    one: tuple[datetime, str, Sequence[str]], other: tuple[datetime, str, Sequence[str]]
) -> bool:
    """Whether two copies' (date, date_source, defects) may be one Date header: the same
    date as written, or one as written and the other taken back to its reading (a Sent
    message of a phone whose clock is fast, synced from the server before that time came,
    has no Received header to go by; a backup read later keeps its Date): read before the
    Date, by no more than parse.LATEST_AHEAD (a Date further ahead is no Date)."""
    written = _date_as_written(one[1], one[2]), _date_as_written(other[1], other[2])
    if written == (True, True):
        return one[0] == other[0]
    if written == (False, True):
        one, other = other, one
    elif written != (True, False):
        return False
    ahead = one[0] - other[0]
    return timedelta(0) < ahead <= LATEST_AHEAD


def _new_key(
    message: ParsedMessage, content: str, taken: set[str], stored: list[tuple[str, str]]
) -> str:
    """The Message-ID, unless another message already uses it (broken senders reuse them)."""
    if message.message_id not in taken and not stored:
        return message.message_id
    return f"{message.message_id}#{content[:16]}"


def _store_new(
    store: Store,
    pipeline: Pipeline,
    index: ProcessIndex,
    item: RawMessage,
    message: ParsedMessage,
    key: str,
    content: str,
    classification: Classification,
    now: datetime,
    corrections: Corrections,
) -> None:
    threshold = pipeline.config.classifier.review_threshold
    corrected = store.feedback_label(key)
    label_source: LabelSource = "model"
    label_rule = None
    if corrected is not None:
        classification = Classification(
            corrected, 1.0, {**classification.scores}, ("corrected by you",), classification.model
        )
        label_source = "user"
    elif message.direction == "inbound":
        likeness = corrections.like(message, classification)
        if likeness is not None:
            classification = Classification(
                likeness.corrected.label,
                likeness.similarity,
                {**classification.scores},
                (likeness.reason, *classification.reasons),
                classification.model,
            )
            label_source, label_rule = "like", LIKE_CORRECTION
    # the user's own mail is not recruiter mail: its label decides nothing, so never review it
    needs_review = (
        label_source == "model"
        and message.direction == "inbound"
        and classification.confidence < threshold
    )
    noise = (
        read_as_noise(message, classification, threshold)
        and not index.knows_thread(message.message_id, message.in_reply_to, message.references)
        # a person of a process, or a colleague of theirs, may write its news in words the
        # model reads as noise: what it says decides (match._news_read_as_noise)
        and not index.knows_writer(message.sender.email if message.sender else None)
    )
    message = with_earlier_versions(store, message)
    # Most mail is noise: reading promises and companies out of it would be wasted work.
    extraction = (
        Extraction()
        if noise
        else extract_for(
            message, pipeline.calendar, pipeline.config.identity, replied_to(store, message)
        )
    )
    match = match_process(
        _match_input(
            message, classification.label, needs_review, extraction, classification.confidence
        ),
        index,
    )
    process_id = _apply_match(
        store, index, message, key, classification, extraction, match, now, needs_review
    )
    store.write_message(
        StoredMessage(
            key=key,
            message=message,
            body_hash=content,
            classification=classification,
            label_source=label_source,
            needs_review=needs_review,
            extraction=extraction,
            process_id=process_id,
        ),
        now,
    )
    store.add_location(key, item.origin, now)
    if match.action == "review" or (needs_review and process_id is not None):
        reason = match.reason if match.action == "review" else UNSURE_LABEL
        if classification.reasons == (CLASSIFIER_FAILED,):
            reason = CLASSIFIER_FAILED  # not a low score: no score at all
        store.add_review(key, reason, match.candidates, now)
    if process_id is not None:
        _record_events(
            store, process_id, key, message, classification, extraction, match, label_rule
        )
        _adopt_own_mail(store, index, process_id, message, now)
    _read_answers_again(store, pipeline, message)
    _read_later_versions_again(store, pipeline, message)


def with_earlier_versions(store: Store, message: ParsedMessage) -> ParsedMessage:
    """`message` with, on each event of its calendar invitation, the start of the version
    of that event stored before it (CalendarEvent.earlier_start): the latest stored event
    with its UID (and RECURRENCE-ID) offered (REQUEST, PUBLISH) with a lower SEQUENCE, or
    the same one in earlier mail, when it had a time. An update then moves the meeting, and
    a cancellation without a time calls off the version's (invite.with_invitation). Kept
    with the message, so that a reread reads it alike."""
    invitation = message.invitation
    if invitation is None or invitation.method not in ("", "REQUEST", "PUBLISH", "CANCEL"):
        return message
    events = []
    for event in invitation.events:
        earlier: tuple[int, datetime, datetime] | None = None
        for _, sent, stored in store.invitations_of(event.uid) if event.uid else ():
            if stored.method not in ("", "REQUEST", "PUBLISH") or sent >= message.date:
                continue
            for version in stored.events:
                if (
                    version.uid == event.uid
                    and version.recurrence_id == event.recurrence_id
                    and version.start is not None
                    and version.sequence <= event.sequence
                    and (earlier is None or (version.sequence, sent) >= earlier[:2])
                ):
                    earlier = (version.sequence, sent, version.start)
        events.append(replace(event, earlier_start=earlier[2] if earlier else None))
    return replace(message, invitation=replace(invitation, events=tuple(events)))


def _read_later_versions_again(store: Store, pipeline: Pipeline, message: ParsedMessage) -> None:
    """The later versions of `message`'s invitation (its event's UID, in mail dated after
    it) that were stored before it (mail that came out of order: an update in the inbox
    before the invitation in another folder, a Maildir imported in file order) were read
    without it: an update moved no meeting, a cancellation called off only its own time.
    They take it as their earlier version now (with_earlier_versions), and each in a
    process is read again, its new meetings and call-offs on the timeline; the messages
    are tracked in date order, so the latest version wins whatever came first."""
    invitation = message.invitation
    if invitation is None or invitation.method not in ("", "REQUEST", "PUBLISH"):
        return
    uids = {event.uid for event in invitation.events if event.uid}
    for uid in sorted(uids):
        for key, sent, stored in store.invitations_of(uid):
            if sent <= message.date:
                continue
            later = store.parsed_message(key)
            again = with_earlier_versions(store, later)
            if again.invitation == stored:
                continue
            assert again.invitation is not None
            store.set_invitation(key, again.invitation)
            row = store.message_row(key)
            process_id = row["process_id"]
            if process_id is None:  # read when it is placed (move_message, a correction)
                continue
            before = decode_extraction(row["extraction_json"])
            identity = pipeline.config.identity
            after = extract_for(again, pipeline.calendar, identity, replied_to(store, again))
            if after == before:
                continue
            store.set_extraction(key, after)
            store.board_changed()
            _read_again_events(store, process_id, key, again.date, before, after, _WITH_VERSION)


def _read_answers_again(store: Store, pipeline: Pipeline, message: ParsedMessage) -> None:
    """The other side's replies to this mail that were stored before it and quote nothing
    (an inbox imported before the sent folder, as `sync` reads them, or the other way
    round) were read without it: a top-posted "Yes, that's fine" to "could I have until
    Friday?" granted nothing. They are read again with it, and what that adds goes on their
    process's timeline."""
    if not message.message_id or not message.new_text.strip():
        return
    for key in store.replies_to(message.message_id):
        reply = store.parsed_message(key)
        row = store.message_row(key)
        process_id = row["process_id"]
        if reply.direction == message.direction or reply.quoted.strip() or process_id is None:
            continue
        before = decode_extraction(row["extraction_json"])
        after = extract_for(reply, pipeline.calendar, pipeline.config.identity, message.new_text)
        if after == before:
            continue
        store.set_extraction(key, after)
        store.board_changed()
        _read_again_events(store, process_id, key, reply.date, before, after, _WITH_ANSWERED)


_WITH_ANSWERED = "read again with your mail it answers"
_WITH_VERSION = "read again with the earlier version of its invitation, stored after it"
_BY_REREAD = "read again by `reread`"


def _read_again_events(
    store: Store,
    process_id: int,
    key: str,
    sent: datetime,
    before: Extraction,
    after: Extraction,
    why: str,
) -> None:
    """Timeline lines for what a message read again gives that it did not before."""
    for commitment in after.commitments:
        if commitment not in before.commitments:
            store.add_event(_commitment_event(process_id, key, sent, commitment, why))


def _commitment_event(
    process_id: int, key: str, sent: datetime, commitment: Commitment, why: str = ""
) -> Event:
    """The timeline line of a promise, deadline or meeting a message gives."""
    on = "on" if commitment.kind in _MEETING_KINDS else "by"
    detail = f"{commitment.strength.value}: \u201c{commitment.phrase}\u201d"
    if commitment.due is not None and commitment.other_day is not None:
        # a weekday that does not fit its date: the other day, to check
        other = f"{commitment.other_day:%a %d %b}"
        detail += f" ({on} {commitment.due.isoformat()} or {other}: weekday and date disagree)"
    elif commitment.due is not None:
        detail += f" ({on} {commitment.due.isoformat()})"
    if (
        commitment.kind == CommitmentKind.REPLY
        and commitment.due is not None
        and commitment.due < sent.date()
    ):  # track.py does not hold them to it: say why the usual wait applies
        detail += "; already past when they wrote it (a slip?): the usual wait applies"
    if why:
        detail += f"; {why}"
    return Event(process_id, sent, commitment.kind.value, detail, key, "extract", 0.9)


_COMMITMENT_KINDS = frozenset(kind.value for kind in CommitmentKind)
# what a reading that no longer counts was read as, for history
_READ_AS = {
    CommitmentKind.REPLY: "a promise of theirs",
    CommitmentKind.USER_DEADLINE: "a date for you",
    CommitmentKind.MEETING: "a meeting",
    CommitmentKind.USER_PROMISE: "a promise of yours",
    CommitmentKind.AWAY: "their time away",
    CommitmentKind.MEETING_OFF: "a meeting moved or called off",
    CommitmentKind.MOVE_ASKED: "their ask to move a meeting",
}


def timeline_as_read_now(events: Sequence[Event], records: Iterable[MessageRecord]) -> list[Event]:
    """A process's timeline (`history`) with each message's promises, deadlines and meetings
    as the message reads now (`records`: the process's messages). Events are only added,
    never changed, so a message read again (reread_if_stale after an upgrade, a downgrade
    and an upgrade again; _read_answers_again) keeps the line of each reading it was given:
    one sentence by 2027-01-07, by 2027-01-08, by 2027-01-07 again. Here it shows each
    reading it has now once: the line of its reading when it was stored while that holds,
    else the line of the reading again that gave it, saying what it was ("...; read again
    by `reread`, was by 2027-01-07"); one it no longer has says so ("...; read again by
    `reread`, no longer a meeting"); readings in between are left out. The lines of
    a message read once, or whose readings now have no line (another version's wording),
    stay as they are, as do all other lines."""
    by_message: dict[str, list[int]] = {}
    for index, event in enumerate(events):
        if event.message_key and event.rule == "extract" and event.kind in _COMMITMENT_KINDS:
            by_message.setdefault(event.message_key, []).append(index)
    now_read = {record.key: record for record in records}
    shown: dict[int, Event | None] = {}  # by index: the line in its place, None: left out
    for key, indexes in by_message.items():
        record = now_read.get(key)
        if record is None:
            continue
        readings = [(index, *_reading(events[index].detail)) for index in indexes]
        notes = [note for _, _, note in readings if note]
        current = [
            _commitment_event(record.process_id or 0, key, record.date, commitment).detail
            for commitment in record.extraction.commitments
        ]
        bases = {base for _, base, _ in readings}
        if not notes and bases == set(current):
            continue  # read once, and so it reads now
        if not set(current) <= bases:
            continue  # lines another version worded: as stored
        why = notes[-1] if notes else "read again"  # (a reading dropped adds no line)
        kept: dict[str, int] = {}  # each reading it has now: its first line
        for index, base, _ in readings:
            if base in current:
                kept.setdefault(base, index)
        # its readings when it was stored that it no longer has
        replaced = [(i, base) for i, base, note in readings if not note and base not in current]
        for index, base, note in readings:
            event = events[index]
            if kept.get(base) != index:
                shown[index] = None
            elif note and (was := [b for i, b in replaced if events[i].kind == event.kind]):
                replaced = [(i, b) for i, b in replaced if events[i].kind != event.kind]
                olds = " and ".join(_was(old, base) for old in was)
                shown[index] = replace(event, detail=f"{event.detail}, was {olds}")
        for index, base in replaced:
            event = events[index]
            read_as = _READ_AS[CommitmentKind(event.kind)]
            detail = f"{base}; {why}, no longer {read_as}"
            shown[index] = replace(event, detail=detail)
    lines = [shown.get(index, event) for index, event in enumerate(events)]
    return [line for line in lines if line is not None]


def _reading(detail: str) -> tuple[str, str]:
    """A commitment line's reading, and the note of a reading again it ends with ("" for
    the reading of a message when it was stored)."""
    for note in (_BY_REREAD, _WITH_ANSWERED, _WITH_VERSION):
        if detail.endswith(f"; {note}"):
            return detail.removesuffix(f"; {note}"), note
    return detail, ""


def _was(old: str, new: str) -> str:
    """What a reading (`old`) said that the one in its place (`new`) does not: only its
    date ("by 2027-01-07") when it quotes the same words, else all of it."""
    end = old.find("\u201d") + 1
    if not end or old[:end] != new[:end]:
        return old
    rest = old[end:].strip()
    if not rest:
        return "with no date"
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        return rest[1:-1]
    return rest


@dataclass(frozen=True)
class Reread:
    """What `reread` did: messages read, those that read differently, their processes, and
    the user's own mail in no process that then joined one (file_own_mail)."""

    read: int
    changed: int
    processes: frozenset[int]
    filed: int = 0


REREAD_BATCH_SIZE = 200

# The modules whose rules decide what extract_for() reads from a message (extract.py and
# what it imports from the package); tests/test_reread_auto.py checks that none is missing.
READING_MODULES = (
    "extract", "dates", "orgs", "bodytext", "models", "errors", "invite", "lengths",
)  # fmt: skip


def reading_rules(identity: IdentityConfig) -> str:
    """This version of the rules that read a message for what it promises and names, with
    the user's settings they read by: a hash of their source (_rules_source) and of the
    name, time zone and holiday country and region in `identity` (a date is read in the
    user's zone and counted in their business days, so a change of them reads again too)."""
    settings = (identity.name, identity.timezone, identity.country, identity.subdivision)
    text = "\0".join([_rules_source(), *(value or "" for value in settings)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _these_rules(state: Reading, identity: IdentityConfig) -> str:
    """This version's reading rules (reading_rules), known without a parse of their code
    when the program that read the stored mail (`state`) is this one to the letter."""
    if state.rules is not None and state.source == rules_text_stamp(identity):
        return state.rules
    return reading_rules(identity)


def rules_text_stamp(identity: IdentityConfig) -> str:
    """The text of this version's reading rules, with the settings they read by: a hash of
    the files they are written in (_rules_text). A program of the same text reads as the
    stored mail's rules if one did before (Reading.source): known without working out what
    the code says (reading_rules, tens of milliseconds on each `status`)."""
    settings = (identity.name, identity.timezone, identity.country, identity.subdivision)
    text = "\0".join([_rules_text(), *(value or "" for value in settings)])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@functools.cache
def _rules_text() -> str:
    """A hash of the bytes of the files the reading rules are in (READING_MODULES and this
    one, for extract_for() and replied_to()) and of the holidays version, about a
    millisecond: any edit of them counts, so it only ever spares working out reading_rules.
    Without the files (a frozen build), the package's version."""
    import importlib
    from importlib.metadata import version

    digest = hashlib.sha256(version("holidays").encode())
    names = [f"inbox_monitor.{name}" for name in READING_MODULES] + [__name__]
    try:
        for name in names:
            path = getattr(importlib.import_module(name), "__file__", None) or ""
            if not path.endswith(".py"):
                raise OSError(f"no source file for {name}")
            digest.update(Path(path).read_bytes())
    except OSError:
        digest.update(f"inbox-monitor {version('inbox-monitor')}".encode())
    return digest.hexdigest()[:16]


@functools.cache
def _rules_source() -> str:
    """A hash of what the reading rules' code says (READING_MODULES, extract_for() and
    replied_to(); see code_meaning) and of the holidays data that counts business days. A
    hash, not a number to raise by hand, so that no change to them can forget to say so; an
    edit of a comment, a docstring or the layout is no change, and costs no reread. An
    install without the source (a frozen build) hashes this package's version instead: a
    reread each release."""
    import importlib
    import inspect
    from importlib.metadata import version

    digest = hashlib.sha256(version("holidays").encode())
    try:
        for name in READING_MODULES:
            module = importlib.import_module(f"inbox_monitor.{name}")
            digest.update(code_meaning(inspect.getsource(module)))
        for function in (extract_for, replied_to):
            digest.update(code_meaning(inspect.getsource(function)))
    except (OSError, TypeError):  # no source to read: never a reason for an import to fail
        digest.update(f"inbox-monitor {version('inbox-monitor')}".encode())
    return digest.hexdigest()[:16]


def code_meaning(source: str) -> bytes:
    """What Python source says, blind to its comments, docstrings and layout: the dump of
    its syntax tree (which keeps no comment, and no line or column by default) without the
    statements that are a string alone (docstrings, of modules, classes, functions and
    names, which the reading code never reads). A newer Python may dump it differently:
    one reread after such an upgrade."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            node.body = [  # type: ignore[attr-defined]
                statement
                for statement in body
                if not (
                    isinstance(statement, ast.Expr)
                    and isinstance(statement.value, ast.Constant)
                    and isinstance(statement.value.value, str)
                )
            ]
    return ast.dump(tree).encode()


def reread_stored(store: Store, config: Config, now: datetime | None = None) -> Reread:
    """Read every message filed in a process again for what it promises, when it meets and
    what it names, with this version's rules (`inbox-monitor reread`; the daemon and `sync`
    do it by themselves after an upgrade, see reread_if_stale). Labels, processes and the
    processes' names stay as they are; each promise, deadline or meeting a message gives now
    and did not before goes on its process's timeline. Given `now`, the user's own mail in
    no process is then matched again (file_own_mail)."""
    done = _reread(store, config, reading_rules(config.identity), 0)
    assert done is not None  # only `stopping` ends it early
    return _then_file_own_mail(store, config, done, now)


def _then_file_own_mail(store: Store, config: Config, done: Reread, now: datetime | None) -> Reread:
    """A reread fixes readings, not matching: the user's own mail that a process stored
    after it never took gets its chance too (file_own_mail), when the caller gave `now`."""
    if now is None:
        return done
    return replace(done, filed=file_own_mail(store, config, now))


def reread_if_stale(
    store: Store,
    config: Config,
    stopping: Callable[[], bool] | None = None,
    now: datetime | None = None,
) -> Reread | None:
    """At the start of the daemon and of `sync`: when the stored mail was read by other
    rules than this version's (an upgrade: a version reads mail when it is stored), read it
    again as reread_stored() does (with `now`, the user's own mail in no process is then
    matched again); None when it needs nothing, or when `stopping` said stop.

    Each batch of REREAD_BATCH_SIZE messages is one transaction, with how far the reread has
    got, so that nobody waits for the whole mailbox and a reread stopped or killed goes on
    from its last batch next time (a batch in hand is read again whole: its timeline lines
    were rolled back with it)."""
    state = store.reading()
    rules, text = _these_rules(state, config.identity), rules_text_stamp(config.identity)
    if state.rules == rules:
        if state.source != text:  # written otherwise, the same rules: know it by its text
            with store.transaction():
                store.reading_source(rules, text)
        return None
    if not store.filed_after(0, 1):  # nothing to read again (a new database)
        with store.transaction():
            store.read_by(rules, text)
        return None
    after = state.done_through if state.rereading == rules else 0
    done = _reread(store, config, rules, after, stopping)
    if done is None:
        return None
    log.info(
        "stored mail read again with this version's rules: %d read, %d read differently,"
        " in %d process(es)",
        done.read, done.changed, len(done.processes),
    )  # fmt: skip
    return _then_file_own_mail(store, config, done, now)


def rules_stale(store: Store, config: Config) -> bool:
    """Whether the mail filed in processes was read by other rules than this version's, or
    with other settings (reading_rules)."""
    state = store.reading()
    return state.rules != _these_rules(state, config.identity) and bool(store.filed_after(0, 1))


def _reread(
    store: Store,
    config: Config,
    rules: str,
    after: int,
    stopping: Callable[[], bool] | None = None,
) -> Reread | None:
    """Read the filed messages after id `after` again, a batch at a time; None if stopped."""
    calendar = _calendar(config)
    read, changed, processes = 0, 0, set()
    while True:
        if stopping is not None and stopping():
            return None
        with store.transaction():
            batch = store.filed_after(after, REREAD_BATCH_SIZE)
            changed_before = changed
            for message_id, record in batch:
                assert record.process_id is not None
                after = message_id
                message = store.parsed_message(record.key)
                extraction = extract_for(
                    message, calendar, config.identity, replied_to(store, message)
                )
                read += 1
                if extraction == record.extraction:
                    continue
                store.set_extraction(record.key, extraction)
                _read_again_events(
                    store, record.process_id, record.key, record.date, record.extraction,
                    extraction, _BY_REREAD,
                )  # fmt: skip
                _names_read_again(store, record, extraction)
                changed += 1
                processes.add(record.process_id)
            if changed > changed_before:
                store.board_changed()
            if not batch:
                # with the last batch's check: nothing stored between
                store.read_by(rules, rules_text_stamp(config.identity))
                return Reread(read, changed, frozenset(processes))
            store.reread_through(rules, after)


def _names_read_again(store: Store, record: MessageRecord, extraction: Extraction) -> None:
    """A name its process lacks (company, role) that a message read again now gives, as the
    import would have learned it (_learned): an agency's "Client is Helvia Bank AG", read
    by this version, names the process an older one left "(via Spreequell Recruitment)".
    The user's own mail, and names a process has, are left as they are, but a portal's name
    an older version gave it ("NHS", "Civil Service": ProcessIndex's portal names), which
    the employer's name its mail now reads replaces."""
    if record.direction != "inbound" or record.process_id is None:
        return
    process = store.process(record.process_id)
    names = _names_of(process)
    updates = {
        key: value
        for key, value in _not_the_users(
            process, _learned(names, extraction, record.sender)
        ).items()
        if key in ("company", "role")
        and value
        and (not names[key] or (key == "company" and portal_named(names[key])))
    }
    if not updates:
        return
    store.update_process(record.process_id, **updates)
    detail = ", ".join(f"{key} {value}" for key, value in updates.items())
    store.add_event(
        Event(record.process_id, record.date, "learned", detail, record.key, _BY_REREAD, 0.8)
    )


LIKE_CORRECTION = "like your label"
"""The event rule of a label carried over from the user's correction of a look-alike."""


@functools.cache
def _news_words() -> frozenset[str]:
    return news_words(load_cues(shipped_cues_path()))


class Corrections:
    """The user's corrections, by sender, for one batch: a message that is a copy of the
    same sender's corrected one, read the same way, takes its label (lookalike.py)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.senders = store.corrected_senders()
        self._by_sender: dict[str, list[Corrected]] = {}

    def like(self, message: ParsedMessage, classification: Classification) -> Likeness | None:
        sender = message.sender.email if message.sender else None
        if sender is None or sender not in self.senders:
            return None
        if not any(classification.scores.values()):  # the classifier failed: no reading
            return None
        if sender not in self._by_sender:
            self._by_sender[sender] = [
                corrected
                for row in self.store.corrections_from(sender)
                if (
                    corrected := _corrected(
                        row, Label(row["label"]), datetime.fromisoformat(row["at"])
                    )
                )
                is not None
            ]
        template = template_of(message.subject, message.new_text)
        return like_correction(
            template, classification.label, self._by_sender[sender], _news_words()
        )


def _corrected(row: dict[str, Any], label: Label, at: datetime) -> Corrected | None:
    """A stored message (its key, subject, new text and scores) labelled `label` at `at`,
    as the look-alike check compares it; None when the classifier gave it no reading."""
    read_as = _read_as(row["scores_json"])
    if read_as is None:
        return None
    return Corrected(
        row["message_key"], at, read_as, label, template_of(row["subject"], row["new_text"])
    )


def _read_as(scores_json: str | None) -> Label | None:
    """The label the classifier gave a stored message: its highest score (kept when the
    user corrects the label); None when it has no reading."""
    scores = json.loads(scores_json or "{}")
    best = max(scores, key=scores.get, default=None)
    return Label(best) if best is not None and scores[best] > 0 else None


def read_as_noise(message: ParsedMessage, classification: Classification, threshold: float) -> bool:
    """Mail they sent that is surely noise (not unsure, so not for review): the import reads
    no promises or names from it, unless it replies in a thread of a process or its sender
    is a person of a process or a colleague of one (ProcessIndex.knows_writer): it may be
    that process's news (match._news_read_as_noise)."""
    return (
        message.direction == "inbound"
        and classification.label == Label.NOT_RECRUITING
        and classification.confidence >= threshold
    )


def extract_for(
    message: ParsedMessage,
    calendar: BusinessCalendar,
    identity: IdentityConfig,
    replied_to: str = "",
) -> Extraction:
    """What the message promises and names; the user's own mail is the user's.
    `replied_to` is the stored text of the user's mail it answers (see replied_to())."""
    extraction = extract_message(message, calendar, identity.zone, replied_to)
    # a calendar invitation's meeting, beside what the text says (invite.py)
    extraction = with_invitation(extraction, message, identity.zone, identity.addresses)
    if extraction.role and identity.name:
        # an invitation's title "Interview: Alex Morgan / Data Engineer" names the role
        # after the candidate
        extraction = replace(extraction, role=without_person(extraction.role, identity.name))
    if extraction.role and extraction.company:
        # "Bellbrook Brewing Actuarial Graduate Scheme: next steps" names the company first
        extraction = replace(extraction, role=without_company(extraction.role, extraction.company))
    if message.direction == "outbound":
        return replace(extraction, sender_role=SenderRole.USER)
    return extraction


def replied_to(store: Store, message: ParsedMessage) -> str:
    """The text of the stored mail of the other side that `message` answers, by its
    In-Reply-To (else its last Reference), when `message` quotes nothing: their top-posted
    "Yes, that's fine" is a yes to the user's "could I have until Friday?", the user's
    "Wednesday at 15:00 works." a yes to their "Could we move our call to Wednesday at
    15:00 instead?". Empty when it quotes its history (that is read instead) or the mail
    is not stored yet: a reply imported before the mail it answers is read again when that
    comes (_read_answers_again)."""
    if message.quoted.strip():
        return ""
    answered = message.in_reply_to or (message.references[-1] if message.references else "")
    if not answered:
        return ""
    for key, _ in store.find_message_keys(answered):
        row = store.message_row(key)
        if row["direction"] != message.direction:
            return str(row["new_text"] or "")
    return ""


def _spelled_out(known: str, named: str) -> bool:
    """True when `named` is `known` with its words apart: "Brindle Labs" for "Brindlelabs"."""
    return " " not in known and " " in named and named.replace(" ", "").lower() == known.lower()


def _match_input(
    message: ParsedMessage,
    label: Label,
    needs_review: bool,
    extraction: Extraction,
    confidence: float = 1.0,
) -> MatchInput:
    """What the matcher reads of a message labelled `label` (with `confidence`: the
    classifier's score, 1.0 for the user's label)."""
    relayed = person_behind_relay(message.sender, message.reply_to)
    return MatchInput(
        message_id=message.message_id,
        in_reply_to=message.in_reply_to,
        references=message.references,
        direction=message.direction,
        sender_email=message.sender.email if message.sender else None,
        recipient_emails=tuple(a.email for a in message.to + message.cc),
        label=label,
        needs_review=needs_review,
        extraction=extraction,
        bulk=is_list_mail(message, extraction),
        relayed_for=relayed.email if relayed else None,
        relay_name=relay_sender_name(message.sender),
        date=message.date,
        text=f"{message.subject}\n{message.new_text}",
        confidence=confidence,
        screening=is_screening_vendor(message.sender, f"{message.subject}\n{message.new_text}"),
    )


def _apply_match(
    store: Store,
    index: ProcessIndex,
    message: ParsedMessage,
    key: str,
    classification: Classification,
    extraction: Extraction,
    match: ProcessMatch,
    now: datetime,
    needs_review: bool = False,
) -> int | None:
    """Open or update the process the matcher chose; keep the index in step."""
    role = extraction.sender_role
    if match.action == "open":
        process_id = store.create_process(
            extraction.company, extraction.role, extraction.agency, message.date, key
        )
        index.add_process(process_id, extraction.company, extraction.agency, extraction.role)
        store.add_event(
            Event(
                process_id,
                message.date,
                "opened",
                f"process opened by {_a(classification.label.value)} message",
                key,
                "match:new",
                1.0,
            )
        )
    elif match.action == "attach" and match.process_id is not None:
        process_id = match.process_id
        process = store.process(process_id)
        names = _names_of(process)
        if message.direction == "inbound" and _agency_recruiter_still(
            store, process_id, names, message.sender, extraction
        ):
            role = SenderRole.AGENCY_RECRUITER
        # (the process's people are looked up only for mail that names another agency)
        moved = (
            message.direction == "inbound"
            and _another_agency(names, extraction)
            and _moved_agency(
                message.sender,
                [
                    Address(person["name"] or "", person["email"])
                    for person in store.process_people(process_id)
                    if person["role"] == SenderRole.AGENCY_RECRUITER.value
                ],
            )
        )
        updates = _not_the_users(process, _learned(names, extraction, message.sender, moved=moved))
        if updates:
            store.update_process(process_id, **updates)
            if "company" in updates:
                index.processes[process_id].company_key = ""
            index.add_process(
                process_id, updates.get("company"), updates.get("agency"), updates.get("role")
            )
            detail = ", ".join(
                f"{k} {v}" if v else f"no {k}: it was the agency" for k, v in updates.items()
            )
            store.add_event(Event(process_id, message.date, "learned", detail, key, "extract", 0.8))
    else:
        return None
    index.add_thread_ids(
        process_id, [message.message_id, message.in_reply_to or "", *message.references]
    )
    index.add_requisition(process_id, extraction.requisition_id)
    label = None if needs_review else classification.label
    sender = message.sender.email if message.sender else None
    index.add_message(
        process_id, message.date, message.direction, label, extraction.decision, sender,
        decision_phrase=extraction.decision_phrase,
        recipients=[a.email for a in message.to + message.cc],
        read_as=classification.label,
        by_person=written_by_person(message.sender, extraction),
    )  # fmt: skip
    if message.direction == "inbound" and message.sender is not None:
        # list mail and newsletters never make a contact: a job board writes to everyone
        automated = (
            role == SenderRole.AUTOMATED
            or message.auto_submitted
            or is_list_mail(message, extraction)
        )
        # an agency recruiter's firm is the agency, not the client they write about (one
        # read as in-house, the firm read is theirs: _agency_recruiter_still)
        firm = extraction.company
        if extraction.sender_role == SenderRole.AGENCY_RECRUITER:
            firm = extraction.agency
        # an out-of-office reply is "automated", but the person behind it is not
        store.upsert_person(message.sender, None if extraction.away else role.value, firm,
                            message.date)  # fmt: skip
        if not automated:
            store.link_person(process_id, message.sender.email, role.value)
            index.add_contact(process_id, message.sender.email)
    return process_id


def is_list_mail(message: ParsedMessage, extraction: Extraction) -> bool:
    """Whether a message is sent to a list: a List-Id or List-Unsubscribe header, or a
    newsletter's unsubscribe line in the footer of a sender read as no recruiter, HR or
    manager (a job board's "hello@" address; an ATS's no-reply receipt with "Powered by
    Greenhouse. Unsubscribe" is the system, which opens processes)."""
    if message.list_id is not None:
        return True
    return extraction.sender_role == SenderRole.UNKNOWN and offers_to_leave(message.footer)


def _agency_recruiter_still(
    store: Store,
    process_id: int,
    names: Names,
    sender: Address | None,
    extraction: Extraction,
) -> bool:
    """Whether `sender`, read as the in-house recruiter of a firm that is not the process's
    company (`names`), is its agency recruiter all the same: that firm is the process's
    agency ("Talentwise", named from their domain or signature in a reply that names no
    client), or they were its agency recruiter before (their pitch, merged into the user's
    own application). The reading of one message does not make the agency's recruiter the
    client's own."""
    if sender is None or extraction.sender_role != SenderRole.INHOUSE_RECRUITER:
        return False
    firm = normalize_company(extraction.company)
    company = normalize_company(names["company"])
    if firm and company and (firm in company or company in firm):
        return False  # the process's company's own recruiter, as read
    if firm and firm == normalize_company(names["agency"]):
        return True
    return any(
        person["email"] == sender.email and person["role"] == SenderRole.AGENCY_RECRUITER.value
        for person in store.process_people(process_id)
    )


def _names_of(process: ProcessRecord) -> Names:
    return {"company": process.company, "role": process.role, "agency": process.agency}


def _not_the_users(process: ProcessRecord, updates: Names) -> Names:
    """`updates` to a process's names without those the user gave it (`rename`): their
    name stays, whatever later mail reads."""
    return {key: value for key, value in updates.items() if key not in process.named_by_user}


def _another_agency(names: Names, extraction: Extraction) -> bool:
    """Whether a message names an agency other than the process's (and not its company)."""
    agency = normalize_company(extraction.agency)
    return bool(
        agency
        and names["agency"]
        and agency != normalize_company(names["agency"])
        and agency != normalize_company(names["company"])
    )


def _moved_agency(sender: Address | None, recruiters: Sequence[Address]) -> bool:
    """Whether `sender` is one of a process's agency `recruiters` writing from another
    domain: the same full name (two words or more), a new address ("Ben Hart" moved from
    oakridgetalent.com to crestlinepartners.io mid-process)."""
    if sender is None or len(sender.name.split()) < 2:
        return False
    name = " ".join(sender.name.lower().split())
    domain = sender.email.rpartition("@")[2].lower()
    return any(
        " ".join(r.name.lower().split()) == name and r.email.rpartition("@")[2].lower() != domain
        for r in recruiters
    )


def _learned(
    names: Names, extraction: Extraction, sender: Address | None, *, moved: bool = False
) -> Names:
    """What a process named `names` learns from a message that joins it, sent by `sender`:
    the names it lacks, and the company's own spelling of a name made from a domain. When
    its agency recruiter has `moved` to another agency, the agency they now name is the
    process's (only then: after a merge of two agencies' pitches, the one that wrote last
    is not the process's agency)."""
    updates: Names = {}
    company = names["company"]
    if portal_named(company):
        company = None  # "NHS", "Civil Service": a portal's, as an older version named it
    if moved and _another_agency(names, extraction):
        updates["agency"] = extraction.agency
    if extraction.agency and not names["agency"]:
        updates["agency"] = extraction.agency
        if company and _names_the_agency(company, extraction.agency, sender):
            # opened by the agency's own mail, the process took the agency for the
            # employer ("Harbourtalent" from harbourtalent.co.uk): it was the agency
            company = updates["company"] = extraction.company
    # An agency names its client later: the process takes the company then.
    if (
        extraction.company
        and not company
        and normalize_company(extraction.company) != normalize_company(names["agency"])
    ):
        updates["company"] = extraction.company
    elif company and extraction.company and _spelled_out(company, extraction.company):
        # a name made from the domain ("Brindlelabs") meets the company's own spelling
        updates["company"] = extraction.company
    if extraction.role and not names["role"]:
        updates["role"] = extraction.role
    return updates


def _names_from(records: Sequence[MessageRecord]) -> Names:
    """The names the import gives a process that holds `records` (in date order): the
    first message names it, as when it opens one, and each later one adds what it lacks."""
    names: Names = {"company": None, "role": None, "agency": None}
    recruiters: list[Address] = []
    for position, record in enumerate(records):
        extraction = record.extraction
        if position == 0:
            names = {
                "company": extraction.company,
                "role": extraction.role,
                "agency": extraction.agency,
            }
        else:
            moved = (
                record.direction == "inbound"
                and _another_agency(names, extraction)
                and _moved_agency(record.sender, recruiters)
            )
            names.update(_learned(names, extraction, record.sender, moved=moved))
        if record.sender and extraction.sender_role == SenderRole.AGENCY_RECRUITER:
            recruiters.append(record.sender)
    return names


def _names_the_agency(company: str, agency: str, sender: Address | None) -> bool:
    """Whether a process's company is in fact the agency: its name, or the name made from
    the agency's domain ("Harbourtalent"), compared as the matcher compares companies."""
    domain = sender.email.rpartition("@")[2] if sender else ""
    key = normalize_company(company)
    return bool(key) and key in (
        normalize_company(agency),
        normalize_company(name_from_domain(domain)),
    )


def _a(word: str) -> str:
    """The word with its indefinite article: "an interview", "a rejection"."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


_MEETING_KINDS = (CommitmentKind.MEETING, CommitmentKind.MEETING_OFF, CommitmentKind.MOVE_ASKED)
_PLAINLY = {
    Outcome.ACCEPTED: ("yes", "to an offer, if one came"),
    Outcome.DECLINED: ("no", "to an offer, if one came"),
    Outcome.WITHDRAWN: ("no", "it ends a pitch or answers an offer"),
}
_DECIDED = {
    Outcome.ACCEPTED: "accepted the offer",
    Outcome.DECLINED: "declined the offer",
    Outcome.WITHDRAWN: "withdrew",
}


def _record_events(
    store: Store,
    process_id: int,
    key: str,
    message: ParsedMessage,
    classification: Classification,
    extraction: Extraction,
    match: ProcessMatch,
    label_rule: str | None = None,
) -> None:
    who = message.sender.email if message.sender else "unknown sender"
    if message.direction == "outbound":
        store.add_event(
            Event(
                process_id,
                message.date,
                "sent",
                f"you wrote: {message.subject}",
                key,
                f"match:{match.rule}",
                match.confidence,
            )
        )
    else:
        store.add_event(
            Event(
                process_id,
                message.date,
                classification.label.value,
                f"{who}: {message.subject}",
                key,
                label_rule or f"model:{classification.model}",
                classification.confidence,
            )
        )
    approach = message.direction == "inbound" and classification.label == Label.OUTREACH
    if extraction.decision is not None and not approach:  # as track reads it
        said = f"you {_DECIDED[extraction.decision]}: \u201c{extraction.decision_phrase}\u201d"
        if decides_plainly(message.direction, extraction.decision, extraction.decision_phrase):
            # track.py: the job's only after an offer of theirs (else an interview's, most
            # likely); a no that answers no offer, only before an interview
            plainly = _PLAINLY[extraction.decision]
            said = f"you said {plainly[0]}: \u201c{extraction.decision_phrase}\u201d ({plainly[1]})"
        elif message.direction != "outbound":  # a portal confirming what the user did there
            said = f"they confirm {said}"
        store.add_event(Event(process_id, message.date, "decision", said, key, "extract", 0.9))
    for commitment in extraction.commitments:
        store.add_event(_commitment_event(process_id, key, message.date, commitment))
    if match.action == "attach":
        store.add_event(
            Event(
                process_id,
                message.date,
                "matched",
                match.reason,
                key,
                f"match:{match.rule}",
                match.confidence,
            )
        )
