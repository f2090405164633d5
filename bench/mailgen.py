"""Generate realistic synthetic mailboxes for benchmarks (deterministic for a seed).

Messages are 5-50 KB: multipart/alternative text + HTML, quoted history and signatures,
some with attachments (PDF-like binary, 50 KB - 2 MB). One message in ten is recruiting
mail (interview invitations, acknowledgements, offers, delays, rejections): a short
message on top of a long quoted thread, which the classifier reads as recruiting mail.
"""

from __future__ import annotations

import mailbox
import random
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

WORDS = (
    "project",
    "update",
    "meeting",
    "schedule",
    "report",
    "quarterly",
    "budget",
    "review",
    "team",
    "design",
    "release",
    "customer",
    "feedback",
    "roadmap",
    "sprint",
    "deadline",
    "invoice",
    "travel",
    "lunch",
    "weekend",
    "photos",
    "family",
    "discount",
    "sale",
    "newsletter",
    "article",
    "product",
    "launch",
    "webinar",
    "community",
    "event",
    "ticket",
    "order",
    "shipping",
    "account",
    "security",
    "password",
    "reminder",
    "subscription",
    "renewal",
    "summary",
    "notes",
    "draft",
)

RECRUITING = [
    (
        "Interview invitation: {role}",
        "Hi Alex,\n\nThank you for applying for the {role} role at "
        "{company}. We would like to invite you to a 45 minute video interview with the hiring "
        "manager. Could you share your availability for next Tuesday or Wednesday?\n\nBest regards,\n"
        "{name}\nTalent Acquisition, {company}",
    ),
    (
        "Your application to {company}",
        "Dear Alex,\n\nThank you for your application for the "
        "position of {role}. We have received it and our team will review it carefully. We will "
        "get back to you within 10 business days.\n\nKind regards,\nThe {company} Recruiting Team",
    ),
    (
        "Update on your application",
        "Hello Alex,\n\nThank you for your patience. The hiring "
        "manager is travelling this week, so we now expect to make a decision by Friday next "
        "week. Sorry for the delay.\n\nThanks,\n{name}",
    ),
    (
        "{role} at {company}",
        "Dear Alex,\n\nThank you for taking the time to interview with us. "
        "After careful consideration we have decided to move forward with other candidates whose "
        "experience more closely matches our needs.\n\nWe wish you every success.\n{name}",
    ),
    (
        "Offer of employment - {role}",
        "Dear Alex,\n\nWe are delighted to offer you the position "
        "of {role} at {company}. Please find the offer letter attached and let us know your "
        "decision by December 4.\n\nWarm regards,\n{name}\nHead of People, {company}",
    ),
]
COMPANIES = ["Northwind", "Globex", "Initech", "Umbrella Labs", "Stark Analytics", "Hooli"]
ROLES = ["Data Analyst", "Backend Engineer", "Product Manager", "SRE", "ML Engineer"]
NAMES = ["Sam Lee", "Priya Shah", "Jordan Park", "Maria Garcia", "Tom Becker"]


def _paragraphs(rng: random.Random, size: int) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
        out.append(sentence)
        total += len(sentence) + 1
        if rng.random() < 0.15:
            out.append("\n\n")
    return " ".join(out)


def make_message(rng: random.Random, index: int, start: datetime) -> bytes:
    message = EmailMessage()
    recruiting = index % 10 == 0
    company = rng.choice(COMPANIES)
    name = rng.choice(NAMES)
    if recruiting:
        subject, body = rng.choice(RECRUITING)
        values = {"role": rng.choice(ROLES), "company": company, "name": name}
        subject, body = subject.format(**values), body.format(**values)
        sender = f"{name} <{name.split()[0].lower()}@{company.lower().replace(' ', '')}.example>"
    else:
        subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))).capitalize()
        body = ""
        sender = f"{name} <{name.split()[0].lower()}@mail{rng.randint(1, 50)}.example>"
    target = rng.randint(5_000, 50_000)
    filler = _paragraphs(rng, max(0, target // 2 - len(body)))
    reply_to = "\n\nOn Mon, 2 Nov 2026 at 10:00, Alex wrote:\n"
    if recruiting:  # short news on top of the quoted thread, as recruiters reply
        text = body + reply_to + "\n".join("> " + line for line in filler.split("\n")) + "\n"
    else:
        text = body + "\n\n" + filler + reply_to + "> earlier text\n"
    message["From"] = sender
    message["To"] = "Alex Morgan <alex.morgan@example.net>"
    message["Subject"] = subject
    message["Date"] = format_datetime(start + timedelta(minutes=7 * index))
    # fixed Message-ID and MIME boundaries: email.utils.make_msgid and the generator's
    # own boundaries draw on the clock and the global random module
    message["Message-ID"] = f"<bench.{index}@bench.example>"
    message.set_content(text)
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</body></html>"
    message.add_alternative(html, subtype="html")
    if rng.random() < 0.1:
        size = rng.choice([50_000, 200_000, 1_000_000, 2_000_000])
        message.add_attachment(
            rng.randbytes(size),
            maintype="application",
            subtype="pdf",
            filename=f"document-{index}.pdf",
        )
    for number, part in enumerate(message.walk()):
        if part.is_multipart():
            part.set_boundary(f"==bench-{index}-{number}==")
    return message.as_bytes()


def generate(count: int, seed: int = 7) -> Iterator[bytes]:
    rng = random.Random(seed)
    start = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    for index in range(count):
        yield make_message(rng, index, start)


def write_maildir(path: Path, count: int, seed: int = 7) -> int:
    """Write `count` messages to a Maildir; returns the total bytes written."""
    box = mailbox.Maildir(str(path), create=True)
    total = 0
    for data in generate(count, seed):
        box.add(data)
        total += len(data)
    return total


def cached_maildir(out: Path, count: int) -> tuple[Path, int]:
    """The Maildir of `count` messages under `out` (written once, then reused: a marker file
    says it is complete) and its total bytes."""
    maildir = out / f"maildir-{count}"
    marker = maildir / ".complete"
    if not marker.exists():
        # written beside it and renamed when whole: mailbox.Maildir makes its cur/new/tmp
        # only in a folder it creates, and a run stopped half way must not leave half a box
        out.mkdir(parents=True, exist_ok=True)
        partial = out / f".maildir-{count}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        total = write_maildir(partial, count)
        (partial / ".complete").write_text(str(total))
        shutil.rmtree(maildir, ignore_errors=True)
        partial.rename(maildir)
    return maildir, int(marker.read_text())
