"""Shared test helpers: mail builders and a classifier stand-in at the project's own seam."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from inbox_monitor.classify import (
    ClassifierInput,
    RulesClassifier,
    normalise_text,
)
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import (
    LABELS,
    Address,
    Classification,
    Commitment,
    Direction,
    Extraction,
    Label,
    MessageRecord,
    Origin,
    RawMessage,
    SenderRole,
)
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
ME = "alex.morgan@example.net"

DEV_SET = Path(__file__).parents[2] / "shared" / "corpus" / "dev.jsonl"
"""The real dev set beside the project (../shared/corpus): read to measure, never to train."""


def dev_rows() -> list[dict[str, str]]:
    """The dev set's rows; skips the calling test when the shared corpus is absent."""
    if not DEV_SET.exists():
        pytest.skip("the shared dev corpus is absent")
    return [
        json.loads(line)
        for line in DEV_SET.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def eml(
    *,
    sender: str,
    subject: str,
    body: str,
    date: datetime,
    message_id: str | None,
    to: str = f"Alex Morgan <{ME}>",
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(date)
    if message_id:
        message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = " ".join(references)
    message.set_content(body)
    return message.as_bytes()


class SubjectTagClassifier:
    """Labels by a "[label]" tag at the start of the subject: tests choose the label."""

    name = "subject-tag"

    def classify(self, items: Sequence[ClassifierInput]) -> list[Classification]:
        results = []
        for item in items:
            label, confidence = Label.NOT_RECRUITING, 0.99
            tag, _, _rest = item.subject[1:].partition("]")
            name, _, conf = tag.partition(" ")
            if item.subject.startswith("[") and name in {lab.value for lab in LABELS}:
                label = Label(name)
                confidence = float(conf) if conf else 0.95
            scores = {
                lab.value: (confidence if lab == label else (1 - confidence) / 7) for lab in LABELS
            }
            results.append(
                Classification(label, confidence, scores, (f"tag {label.value}",), self.name)
            )
        return results


def message_record(
    key: str,
    when: datetime,
    label: Label,
    sender: Address | None,
    *,
    process_id: int | None = 1,
    subject: str = "",
    commitments: tuple[Commitment, ...] = (),
    role: SenderRole = SenderRole.UNKNOWN,
    direction: Direction = "inbound",
    recipients: tuple[Address, ...] = (),
) -> MessageRecord:
    """A stored message as tracking reads it, for tests that need no database."""
    return MessageRecord(
        key=key,
        message_id=f"<{key}@example.com>",
        process_id=process_id,
        date=when,
        direction=direction,
        label=label,
        confidence=0.9,
        label_source="model",
        subject=subject,
        sender=sender,
        recipients=recipients,
        extraction=Extraction(commitments=commitments, sender_role=role),
    )


def us_config(tmp_path: Path) -> Config:
    """A config for the user in Chicago (US holidays, month-first dates)."""
    identity = IdentityConfig(
        addresses=frozenset({ME}), name="Alex Morgan", timezone="America/Chicago", country="US"
    )
    return Config(data_dir=tmp_path, identity=identity)


def thread_mail(
    key: str,
    when: datetime,
    subject: str,
    body: str,
    sender: str,
    *,
    to: str = f"Alex Morgan <{ME}>",
    reply_to: str | None = None,
) -> RawMessage:
    """A message `<key@t>` (answering `<reply_to@t>` when given), the user's own when its
    sender is the user's address."""
    data = eml(
        sender=sender,
        subject=subject,
        body=body,
        date=when,
        message_id=f"<{key}@t>",
        to=to,
        in_reply_to=f"<{reply_to}@t>" if reply_to else None,
        references=[f"<{reply_to}@t>"] if reply_to else (),
    )
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"), sender.endswith(f"<{ME}>"))


def ingested_one_by_one(config: Config, items: Sequence[RawMessage], now: datetime) -> Store:
    """A store with `items` imported one by one, as the mail came, read by subject tags."""
    store = Store(config.database_path)
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    for item in items:
        ingest(store, [item], pipeline, now)
    return store


def process_of(store: Store, key: str) -> int | None:
    """The process of the stored message `<key@t>`."""
    ((message_key, _),) = store.find_message_keys(f"<{key}@t>")
    process: int | None = store.message_row(message_key)["process_id"]
    return process


def classified(
    classifier: object, subject: str, text: str, sender: str = "", bulk: bool = False
) -> Classification:
    """One message through `classifier` (the `classifier` fixture's rules or model)."""
    (result,) = classifier.classify([ClassifierInput(subject, text, sender, bulk)])  # type: ignore[attr-defined]
    return result  # type: ignore[no-any-return]


def normalised_and_hits(
    rules: RulesClassifier, subject: str, text: str
) -> tuple[str, dict[str, list[str]]]:
    """The normalised text of a message and the cue phrases `rules` find in it, as a rule
    function of inbox_monitor.classify reads them."""
    normalised = normalise_text(subject, text)
    return normalised, rules.rules.cue_hits(rules.nlp.make_doc(normalised), normalised)
