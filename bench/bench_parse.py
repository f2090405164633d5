"""Parse throughput: messages/second of parse_message over generated messages.

    .venv/bin/python bench/bench_parse.py [--count N] [--seed S]

Messages are 5-50 KB, multipart/alternative (text + HTML) with a quoted reply, a
signature and a footer; one in five carries a base64 attachment. For comparison the
same messages also go through mail-parser alone, so the cost this project adds on top
is visible.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime
from email.message import EmailMessage

import mailparser

from inbox_monitor.parse import parse_message

_TEXT = (
    "thank you for your interest in the senior data analyst role we reviewed your "
    "application and would like to invite you to a second interview with the hiring "
    "manager next week please send your availability our team will get back to you by "
    "friday regarding the offer salary benefits start date remote hybrid office"
)
WORDS = _TEXT.split(" ")


def _paragraphs(rng: random.Random, size: int) -> str:
    words: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(WORDS)
        words.append(word)
        total += len(word) + 1
        if rng.random() < 0.08:
            words.append(".\n\n" if rng.random() < 0.3 else ".")
    return " ".join(words)


def generate_message(rng: random.Random, index: int) -> bytes:
    """One realistic recruiter-like message of roughly 5-50 KB."""
    size = rng.randint(5_000, 50_000)
    with_attachment = index % 5 == 0
    text_size = size // 4 if with_attachment else size // 2
    text = _paragraphs(rng, text_size)
    quoted = "\n".join(f"> {line}" for line in _paragraphs(rng, 600).split("\n"))
    plain = (
        f"Hi Alex,\n\n{text}\n\nBest regards,\nJane Doe\nTalent Partner | Acme Corp\n"
        f"+1 555 0100\n\nThis email and any attachments are confidential.\n\n"
        f"On Mon, 2 Mar 2026 at 10:{index % 60:02d}, Alex <alex@example.com> wrote:\n{quoted}\n"
    )
    message = EmailMessage()
    message["From"] = f"Jane Doe <jane.doe{index % 97}@acme.example>"
    message["To"] = "Alex Candidate <alex@example.com>"
    message["Cc"] = "Hiring Manager <hm@acme.example>"
    message["Subject"] = f"Re: Senior Data Analyst, next steps #{index}"
    message["Date"] = f"Tue, {1 + index % 28} Mar 2026 09:{index % 60:02d}:00 +0100"
    message["Message-ID"] = f"<msg{index}.{rng.getrandbits(32)}@acme.example>"
    message["In-Reply-To"] = f"<prev{index}@example.com>"
    message["References"] = f"<first{index}@acme.example> <prev{index}@example.com>"
    message.set_content(plain)
    paragraphs = "".join(f"<p>{chunk}</p>" for chunk in text.split("\n\n"))
    message.add_alternative(f"<html><body>{paragraphs}<p>Best regards,<br>Jane</p></body></html>")
    if with_attachment:
        payload = rng.randbytes(size // 3)
        message.add_attachment(
            payload, maintype="application", subtype="pdf", filename=f"offer-{index}.pdf"
        )
    return bytes(message)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("--count", type=int, default=2000)
    arguments.add_argument("--seed", type=int, default=7)
    options = arguments.parse_args()
    rng = random.Random(options.seed)
    messages = [generate_message(rng, index) for index in range(options.count)]
    total_bytes = sum(len(raw) for raw in messages)
    received_at = datetime(2026, 3, 31, tzinfo=UTC)

    started = time.perf_counter()
    for raw in messages:
        mailparser.MailParser.from_bytes(raw)
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    for raw in messages:
        parse_message(raw, received_at=received_at, own_addresses=frozenset({"alex@example.com"}))
    ours = time.perf_counter() - started

    count = len(messages)
    print(f"{count} messages, mean {total_bytes / count / 1024:.1f} KB, 1 in 5 with attachment")
    print(f"mail-parser alone: {count / baseline:8.0f} messages/s")
    print(f"parse_message:     {count / ours:8.0f} messages/s ({ours / baseline:.2f}x the time)")


if __name__ == "__main__":
    main()
