"""The classifier's commands: classify, evaluate, train, label.

Thin: parse arguments, load the classifier named by the config (or --model), call the
core in classify.py / training.py, print. Library errors become click exceptions.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from inbox_monitor.cli.context import AppContext, pass_app
from inbox_monitor.cli.render import day, local, safe
from inbox_monitor.errors import InboxMonitorError, NoSuchMessage
from inbox_monitor.models import LABELS, Classification, CommitmentKind, Extraction, Label

if TYPE_CHECKING:
    from inbox_monitor.classify import Classifier, ClassifierInput
    from inbox_monitor.dates import BusinessCalendar
    from inbox_monitor.pipeline import Correction, Reread

logger = logging.getLogger(__name__)


def _load(app: AppContext, flag: Path | None) -> Classifier:
    """The classifier named by --model, else classifier.model_path, else the shipped one."""
    from inbox_monitor.classify import load_classifier

    try:
        return load_classifier(flag or app.config.classifier.model_path)
    except InboxMonitorError as err:
        raise click.ClickException(str(err)) from err


def result_line(message_id: Any, classification: Classification) -> dict[str, Any]:
    """The JSON object `classify --jsonl` writes for one message (other issues add keys)."""
    return {
        "id": message_id,
        "label": classification.label.value,
        "confidence": classification.confidence,
        "scores": dict(classification.scores),
    }


def extraction_fields(
    subject: str, body: str, sent_at: datetime, calendar: BusinessCalendar
) -> dict[str, Any]:
    """The commitment, company and role keys `classify --jsonl` adds to each line."""
    from inbox_monitor.bodytext import split_body
    from inbox_monitor.dates import time_phrase
    from inbox_monitor.extract import extract_fields, settled_by_yes
    from inbox_monitor.models import Strength

    parts = split_body(body)
    extraction = extract_fields(
        subject, parts.new_text, sent_at=sent_at, calendar=calendar, signature=parts.signature
    )
    if parts.quoted:  # as the import: "Yes, that's fine" under the user's quoted question
        extraction = settled_by_yes(
            extraction, parts.new_text, parts.quoted, sent_at=sent_at, calendar=calendar
        )
    promise = extraction.promise
    deadline = extraction.first(CommitmentKind.USER_DEADLINE)
    meeting = extraction.first(CommitmentKind.MEETING)
    phrase = None
    if promise is not None:
        phrase = time_phrase(promise.phrase, sent_at, calendar) or promise.phrase
    return {
        "expected_by": promise.due.isoformat() if promise and promise.due else None,
        "expected_phrase": phrase,
        "commitment": promise.strength.value if promise else Strength.NONE.value,
        "user_deadline": deadline.due.isoformat() if deadline and deadline.due else None,
        "meeting_at": meeting.at.isoformat() if meeting and meeting.at else None,
        "company": extraction.company,
        "role": extraction.role,
        "sender_role": extraction.sender_role.value,
    }


def line_input(row: dict[str, Any]) -> tuple[ClassifierInput, str]:
    """What the classifier reads of a JSON line, and its body as the parser would give it.

    A missing or null subject or body is an empty one; an HTML body is read as text, and
    the classifier reads its new text only (no quotes, signature, footer), as in the
    pipeline. ValueError when the subject or body is not a string.
    """
    from inbox_monitor.bodytext import html_to_text, looks_like_html, split_body
    from inbox_monitor.classify import ClassifierInput

    subject, body = row.get("subject") or "", row.get("body") or ""
    if not isinstance(body, str) or not isinstance(subject, str):
        raise ValueError('"body" and "subject" must be strings')
    if looks_like_html(body):
        body = html_to_text(body)
    return ClassifierInput(subject, split_body(body).new_text), body


def _sent_at(row: dict[str, Any], now: datetime, number: int) -> datetime:
    """The line's optional ISO `date` (naive = UTC); `now` when absent. A date that cannot
    be read is said on stderr and `now` taken: the label does not depend on it."""
    value = row.get("date")
    if value in (None, ""):
        return now
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None:
        click.echo(
            f'line {number}: "date" {value!r} is not ISO 8601; dates read from today', err=True
        )
        return now
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _classify_jsonl(
    classifier: Classifier,
    handle: IO[bytes],
    out: IO[str],
    now: datetime,
    calendar: BusinessCalendar,
    zone: tzinfo | None = None,
) -> None:
    """Classify each JSON line of `handle` to `out`, with what the import reads from it; its
    dates are read as the import reads a message's (extract.in_their_zone)."""
    from inbox_monitor.extract import in_their_zone
    from inbox_monitor.training import text_line

    batch: list[tuple[Any, ClassifierInput, str, datetime]] = []

    def flush() -> None:
        results = classifier.classify([item for _, item, _, _ in batch])
        for (message_id, item, body, sent_at), classification in zip(batch, results, strict=True):
            line = result_line(message_id, classification)
            line.update(extraction_fields(item.subject, body, sent_at, calendar))
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        batch.clear()

    for number, raw in enumerate(handle, start=1):
        message_id: Any = None
        try:  # a line that is not UTF-8 is an error line of its own, like one not JSON
            line = text_line(raw, number == 1)
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("expected a JSON object")
            message_id = row.get("id", number)
            item, body = line_input(row)
            batch.append((message_id, item, body, in_their_zone(_sent_at(row, now, number), zone)))
        except ValueError as err:
            flush()
            error = f"line {number}: {err}"
            out.write(json.dumps({"id": message_id, "error": error}) + "\n")
            continue
        if len(batch) >= 256:
            flush()
    flush()


def _explain(classification: Classification, threshold: float, own: bool = False) -> str:
    lines = [f"label:      {classification.label.value}"]
    lines.append(f"confidence: {classification.confidence:.2f}")
    if own:  # as the pipeline: the user's own mail is not recruiter mail and is never reviewed
        lines.append("            your own message: its label changes nothing, it is not reviewed")
    elif classification.confidence < threshold:
        lines.append(f"            below the review threshold {threshold:.2f}: goes to review")
    lines.append(f"model:      {classification.model}")
    lines.append("scores:")
    for label, score in sorted(classification.scores.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {label:<16}{score:.3f}")
    lines.append("reasons:")
    # a reason can quote the message (a rule's span): no terminal control codes
    lines.extend(f"  - {safe(reason)}" for reason in classification.reasons or ("(none)",))
    return "\n".join(lines)


_MODEL_OPTION = click.option(
    "--model",
    "model_flag",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Pipeline directory (default: classifier.model_path, else the shipped model).",
)


@click.command()
@click.argument("message", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--jsonl",
    "jsonl",
    type=click.File("rb"),  # decoded line by line: one line that is not UTF-8 is one error line
    default=None,
    help='Classify {"id","subject","body"} lines ("-" = stdin); one JSON line out each.',
)
@_MODEL_OPTION
@pass_app
def classify(
    app: AppContext, message: Path | None, jsonl: IO[bytes] | None, model_flag: Path | None
) -> None:
    """Label MESSAGE.eml and explain why, or label every line of --jsonl FILE."""
    if (message is None) == (jsonl is None):
        raise click.UsageError("give either MESSAGE.eml or --jsonl FILE")
    classifier = _load(app, model_flag)
    if jsonl is not None:
        from inbox_monitor.board import calendar_for

        _classify_jsonl(
            classifier, jsonl, sys.stdout, app.now(), calendar_for(app.config),
            app.config.identity.zone,
        )  # fmt: skip
        return
    assert message is not None
    from inbox_monitor.classify import input_for
    from inbox_monitor.parse import parse_message

    try:
        raw = message.read_bytes()
    except OSError as err:
        raise click.ClickException(f"cannot read {message}: {err.strerror}") from err
    if raw.startswith(b"From ") and _MBOX_SEPARATOR.search(raw):
        raise click.ClickException(
            f"{message} holds several messages (an mbox), and classify reads one: import it,"
            " then `inbox-monitor why ID` explains each"
        )
    received = _received_at(raw, message)
    try:
        parsed = parse_message(
            raw, own_addresses=app.config.identity.addresses, received_at=received
        )
    except InboxMonitorError as err:
        raise click.ClickException(f"{message}: {err}") from err
    from inbox_monitor.board import calendar_for
    from inbox_monitor.pipeline import calendar_interview, extract_for, read_as_noise

    (result,) = classifier.classify([input_for(parsed)])
    # as the import reads it: a calendar invitation to your interview is an interview
    result = calendar_interview(parsed, result, app.config.identity.name)
    click.echo(f"message:    {safe(parsed.subject) or '(no subject)'}")
    own = parsed.direction == "outbound"
    threshold = app.config.classifier.review_threshold
    click.echo(_explain(result, threshold, own))
    if read_as_noise(parsed, result, threshold):
        click.echo("reads:      nothing (noise), unless it replies in a thread the import knows")
        return
    extraction = extract_for(parsed, calendar_for(app.config), app.config.identity)
    click.echo(_reads(extraction, app.config.identity.zone))


def _received_at(raw: bytes, path: Path) -> datetime:
    """When `classify` takes the message to have come: at its Date, so that it is read as an
    import after that reads it (the file's time would take a Date after it back to it, and
    "tomorrow" with it); the file's time when it has no Date that can be read."""
    from email.parser import BytesHeaderParser
    from email.policy import compat32
    from email.utils import parsedate_to_datetime

    try:
        value = BytesHeaderParser(policy=compat32).parsebytes(raw)["Date"]
        moment = parsedate_to_datetime(str(value)) if value is not None else None
    except (TypeError, ValueError, IndexError, OverflowError):
        moment = None
    if moment is None:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


_COMMITMENT_WORDS = {
    CommitmentKind.REPLY: "they promise",
    CommitmentKind.USER_DEADLINE: "your deadline",
    CommitmentKind.MEETING: "meeting",
    CommitmentKind.MEETING_OFF: "meeting off",
    CommitmentKind.MOVE_ASKED: "they ask to move the meeting",
    CommitmentKind.USER_PROMISE: "you promise",
    CommitmentKind.AWAY: "away until",
}


def _reads(extraction: Extraction, zone: tzinfo) -> str:
    """What the import reads from a message besides its label: who, what role, the dates
    it promises or asks for, a meeting, the user's decision."""
    from inbox_monitor.extract import asks_for_time

    lines = ["reads:"]
    who = [
        f"company {safe(extraction.company or '-')}",
        f"role {safe(extraction.role or '-')}",
        f"sender {extraction.sender_role.value}",
    ]
    if extraction.agency:
        who.insert(1, f"agency {safe(extraction.agency)}")
    lines.append("  " + "; ".join(who))
    for commitment in extraction.commitments:
        when = local(commitment.at, zone, with_time=True) if commitment.at else day(commitment.due)
        granted = ", granted when you asked" if commitment.granted else ""
        if commitment.other_day is not None:
            granted += f", or {day(commitment.other_day)}: the weekday and the date disagree"
        words = _COMMITMENT_WORDS[commitment.kind]
        if commitment.kind == CommitmentKind.MOVE_ASKED:
            # the meeting asked about, then the time they propose
            when = day(commitment.due) if commitment.due else "the next meeting"
            if commitment.at:
                when += f", to {local(commitment.at, zone, with_time=True)}"
        if commitment.kind == CommitmentKind.USER_PROMISE and asks_for_time(commitment.phrase):
            words = "you ask for time until"  # "Could I have until Wednesday to decide?"
        lines.append(
            f"  {words}: {when} ({commitment.strength.value}"
            f"{granted}): \u201c{safe(commitment.phrase)}\u201d"
        )
    if extraction.decision is not None:
        phrase = safe(extraction.decision_phrase or "")
        lines.append(f"  decision: {extraction.decision.value}: \u201c{phrase}\u201d")
    if extraction.away:
        lines.append("  an away notice: it breaks no silence")
    return "\n".join(lines)


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@_MODEL_OPTION
@pass_app
def evaluate(app: AppContext, path: Path, as_json: bool, model_flag: Path | None) -> None:
    """Score the classifier on PATH (JSON lines with id, subject, body and label)."""
    from inbox_monitor.training import evaluate_predictions, format_evaluation, labelled_rows

    try:
        rows = labelled_rows(path)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise click.ClickException(f"{path}: {err}") from err
    if not rows:
        raise click.ClickException(f"{path}: no messages to score")
    items = [line_input(row)[0] for row in rows]
    gold = [row["label"] for row in rows]
    classifier = _load(app, model_flag)
    predicted = [result.label.value for result in classifier.classify(items)]
    evaluation = evaluate_predictions(gold, predicted)
    if as_json:
        click.echo(json.dumps({"model": classifier.name, **evaluation.as_dict()}, indent=2))
    else:
        click.echo(f"model: {classifier.name}")
        click.echo(format_evaluation(evaluation))


# a second message in an mbox: a "From " line after a blank line
_MBOX_SEPARATOR = re.compile(rb"\n\r?\nFrom \S")


@click.command()
@click.option("--with-feedback", is_flag=True, help="Add the user's corrections (store).")
@click.option(
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to write the pipeline (default: classifier.model_path; in a source "
    "checkout the shipped models/recruiter, except with --with-feedback; else DATA_DIR/model).",
)
@pass_app
def train(app: AppContext, with_feedback: bool, output: Path | None) -> None:
    """Train the classifier from models/ (and corrections) with fixed seeds."""
    from inbox_monitor import training

    feedback: list[tuple[str, str, str]] = []
    if with_feedback:
        with app.open_store() as store:
            feedback = list(store.feedback_examples())
        click.echo(f"{len(feedback)} corrected messages from the store")
    configured = app.config.classifier.model_path
    target = output or configured
    if target is None:
        # a model trained on the user's mail holds its words: never in the shipped, tracked one
        shipped = training.IN_CHECKOUT and not with_feedback
        target = training.DEFAULT_OUTPUT if shipped else app.config.data_dir / "model"
    started = time.perf_counter()
    try:
        report = training.train(target, feedback=feedback)
    except InboxMonitorError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"{report} ({time.perf_counter() - started:.0f} s)")
    if target != configured and not (training.IN_CHECKOUT and target == training.DEFAULT_OUTPUT):
        click.echo(f'to use it, set [classifier] model_path = "{target}" in the config')


@click.command()
@click.argument("message_ref")
@click.argument("label")
@click.option(
    "--same-template",
    is_flag=True,
    help="Also label the sender's stored copies of this message's template that the "
    "classifier read the same way.",
)
@pass_app
def label(app: AppContext, message_ref: str, label: str, same_template: bool) -> None:
    """Correct the label of MESSAGE (Message-ID or number); it wins over the model from now on.

    Later mail from the same sender that is a copy of the same template, and that the
    classifier reads as it read MESSAGE, takes the corrected label too.
    """
    names = [item.value for item in LABELS]
    label = (
        label.strip().lower().replace("-", "_").replace(" ", "_")
    )  # "REJECTION", "not-recruiting"
    if label not in names:
        raise click.BadParameter(f"{label!r} is not one of {', '.join(names)}", param_hint="LABEL")

    from inbox_monitor.pipeline import apply_correction, stored_copies

    corrected = Label(label)
    try:
        with app.open_store() as store:
            copies = stored_copies(store, message_ref, corrected)
            done = apply_correction(store, app.config, message_ref, corrected, app.now())
            click.echo(f"labelled {safe(done.message_id)} as {label}")
            _say_what_changed(done)
            if copies and not same_template:
                numbers = ", ".join(f"#{copy['id']}" for copy in copies)
                click.echo(
                    f"{_copies(len(copies))} of this template from the same sender, read the"
                    f" same way: {numbers}; add --same-template to label them too"
                )
            for copy in copies if same_template else ():
                done = apply_correction(
                    store, app.config, copy["message_key"], corrected, app.now()
                )
                click.echo(
                    f"labelled #{copy['id']} {safe(copy['subject'] or '(no subject)')} as {label}"
                )
                _say_what_changed(done)
    except NoSuchMessage as err:
        raise click.BadParameter(str(err), param_hint="MESSAGE") from err
    except InboxMonitorError as err:
        raise click.ClickException(str(err)) from err


def _copies(count: int) -> str:
    return (
        "1 other stored message is a copy"
        if count == 1
        else f"{count} other stored messages are copies"
    )


def _say_what_changed(done: Correction) -> None:
    if done.action == "kept":
        click.echo(f"process #{done.process_id} follows the new label (see its history)")
    elif done.action == "left":
        click.echo(
            f"it leaves process #{done.process_id}: not recruiting mail, and not a reply in"
            " its thread (see its history)"
        )
    elif done.action == "opened":
        click.echo(f"it opens process #{done.process_id} ({safe(done.detail)})")
    elif done.action == "attached":
        click.echo(f"it joins process #{done.process_id} ({safe(done.detail)})")
    elif done.action == "review":
        click.echo(f"it waits in the review list: {safe(done.detail)}")
    if not done.followed:
        return
    numbers = ", ".join(f"#{number}" for number in done.followed)
    if done.action == "left":
        click.echo(
            f"none of their mail is left in #{done.process_id}: your own mail there ({numbers})"
            " leaves with it, and the process is no longer shown"
        )
    else:
        click.echo(
            f"with it to #{done.process_id}: {numbers} (replies in its thread, or its sender's"
            " mail set aside as noise; see `history`)"
        )


_LABELLED_BY = {
    "model": "the classifier",
    "user": "you",
    "like": "your correction of a copy of the same template",
}


@click.command()
@click.argument("message_ref")
@click.option("--json", "as_json", is_flag=True, help="Print it as JSON.")
@pass_app
def why(app: AppContext, message_ref: str, as_json: bool) -> None:
    """Why MESSAGE (Message-ID or number) has its label: who gave it, every score, the
    reasons, what the import read from it, and where it was placed."""
    from inbox_monitor.store import decode_extraction

    try:
        with app.open_store() as store:
            key = store.resolve_message(message_ref)
            row = store.message_row(key)
            review = [r["reason"] for r in store.open_reviews() if r["message_key"] == key]
            rule = store.placement_rule(row["process_id"], key) if row["process_id"] else None
    except NoSuchMessage as err:
        raise click.BadParameter(str(err), param_hint="MESSAGE") from err
    except InboxMonitorError as err:
        raise click.ClickException(str(err)) from err
    scores = json.loads(row["scores_json"] or "{}")
    reasons = json.loads(row["reasons_json"] or "[]")
    if as_json:
        click.echo(
            json.dumps(
                {
                    "id": row["id"],
                    "message_id": row["message_id"],
                    "label": row["label"],
                    "label_source": row["label_source"],
                    "confidence": row["confidence"],
                    "scores": scores,
                    "reasons": reasons,
                    "model": row["model"],
                    "review": review[0] if review else None,
                    "process": row["process_id"],
                    "placed_by": rule,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    zone = app.config.identity.zone
    sender = row["sender_email"] or "unknown sender"
    click.echo(f"message:    #{row['id']} {safe(row['message_id'])}")
    sent = datetime.fromisoformat(row["date"])
    click.echo(f"from:       {safe(sender)}, {local(sent, zone, True)}")
    click.echo(f"subject:    {safe(row['subject']) or '(no subject)'}")
    click.echo(f"labelled by {_LABELLED_BY.get(row['label_source'], row['label_source'])}")
    read_as = max(scores, key=scores.get, default=None)
    if row["label_source"] != "model" and read_as and read_as != row["label"]:
        click.echo(f"            the classifier read it as {read_as}: the scores are its reading")
    if not row["label"]:
        click.echo("label:      none: the classifier failed on it")
    else:
        classification = Classification(
            Label(row["label"]),
            row["confidence"] or 0.0,
            scores,
            tuple(reasons),
            row["model"] or "",
        )
        click.echo(_explain(classification, 0.0, row["direction"] == "outbound"))
    if review:
        click.echo(f"review:     waiting for you: {safe(review[0])}")
    if row["process_id"] is None:
        if row["label"] == Label.NOT_RECRUITING.value and row["direction"] == "inbound":
            click.echo("process:    none: set aside as noise, nothing read from it")
            return
        click.echo("process:    none")
    else:
        click.echo(f"process:    #{row['process_id']} (placed by {safe(rule or 'the import')})")
    click.echo(_reads(decode_extraction(row["extraction_json"]), zone))


@click.command()
@pass_app
def reread(app: AppContext) -> None:
    """Read the stored mail of your processes again for promises, dates, meetings and
    deadlines with this version's rules (mail is read when it is stored; after an upgrade
    the daemon and `sync` do this by themselves). Labels and processes stay; what changed
    goes on each process's timeline."""
    from inbox_monitor.pipeline import reread_stored

    try:
        with app.open_store() as store:
            done = reread_stored(store, app.config, now=app.now())
    except InboxMonitorError as err:
        raise click.ClickException(str(err)) from err
    click.echo(describe_reread(done))


def describe_reread(done: Reread) -> str:
    """What a reread did, in a line (`reread`, and `sync` after an upgrade)."""
    filed = f" {done.filed} of your own messages in no process joined one." if done.filed else ""
    if not done.changed:
        return f"Read {done.read} messages again: each reads as it did.{filed}"
    numbers = ", ".join(f"#{p}" for p in sorted(done.processes))
    return (
        f"Read {done.read} messages again: {done.changed} read differently now, in {numbers}"
        f" (see `inbox-monitor history`).{filed}"
    )


def register(group: click.Group) -> None:
    """Add classify, evaluate, train, label, why and reread to the main command group."""
    for command in (classify, evaluate, train, label, why, reread):
        group.add_command(command)
