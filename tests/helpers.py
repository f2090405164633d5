"""Shared test helpers: mail builders and a classifier stand-in at the project's own seam."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest

from inbox_monitor.classify import ClassifierInput
from inbox_monitor.models import (
    LABELS,
    Address,
    Classification,
    Commitment,
    Direction,
    Extraction,
    Label,
    MessageRecord,
    SenderRole,
)

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
