"""Extraction figures: date phrases on the shared dev corpus, fields on our own mailboxes.

Run: .venv/bin/python bench/eval_dates.py [path/to/dev.jsonl]

1. Dev corpus (../shared/corpus/dev.jsonl, read at run time, never copied). The messages
   carry no Date header, so every one is anchored at a fixed time, Wednesday 2026-11-25
   10:00 -05:00, with a US business calendar. "Span found": a REPLY commitment whose
   phrase overlaps the expected phrase (one contains the other, case-insensitively, with
   whitespace collapsed). "Resolved": that commitment has a due date, or is VAGUE when the
   expected phrase is itself vague ("shortly"); "equal": dates.time_phrase() of that
   commitment's phrase equals the expected phrase. A false promise: any REPLY commitment in a
   message whose expected_phrase is null. Cost: CPU time (time.process_time) of
   extract_fields per message, mean of REPEAT passes over the corpus.
2. Mailboxes (inbox_monitor/demo and tests/data/scenarios/*, written by the team): each
   inbound message of an expected process is parsed (parse.py) and extracted
   (extract_message, the mailbox's country). Its company (or agency and revealed client,
   for an agency's mail) must equal the process's; its role, when one is found, the
   process's; its sender role the one expected.json gives that address. For a process
   whose expected-by date comes from a promise, the latest dated promise read from its
   inbound mail must carry that date and contain the expected phrase.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from inbox_monitor.dates import BusinessCalendar, resolve_phrase, time_phrase
from inbox_monitor.extract import extract_fields, extract_message
from inbox_monitor.models import Commitment, CommitmentKind, Strength
from inbox_monitor.parse import parse_message

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
MAILBOXES = [ROOT / "inbox_monitor" / "demo", *sorted((ROOT / "tests/data/scenarios").glob("*/"))]
ANCHOR = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
REPEAT = 20


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def score_corpus(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    calendar = BusinessCalendar("US")
    with_phrase = found = resolved = exact = without_phrase = false_promises = 0
    for row in rows:
        extraction = extract_fields(
            row.get("subject") or "", row.get("body") or "", sent_at=ANCHOR, calendar=calendar
        )
        replies = [c for c in extraction.commitments if c.kind == CommitmentKind.REPLY]
        expected = row.get("expected_phrase")
        if not expected:
            without_phrase += 1
            if replies:
                false_promises += 1
                print(f"  {row['id']:<24} FALSE     {'; '.join(repr(c.phrase) for c in replies)}")
            continue
        with_phrase += 1
        hits = [
            c for c in replies
            if _norm(expected) in _norm(c.phrase) or _norm(c.phrase) in _norm(expected)
        ]  # fmt: skip
        vague = resolve_phrase(expected, ANCHOR, calendar)[1] == Strength.VAGUE
        shortest = {_norm(time_phrase(c.phrase, ANCHOR, calendar) or "") for c in hits}
        exact += _norm(expected) in shortest
        ok = [c for c in hits if c.due is not None or (vague and c.due is None)]
        found += bool(hits)
        resolved += bool(ok)
        status = "ok" if ok else ("span only" if hits else "MISSED")
        got = "; ".join(f"{c.phrase!r} -> {c.due} {c.strength}" for c in replies) or "-"
        print(f"  {row['id']:<24} {status:<9} expected {expected!r}: {got}")
    started = time.process_time()
    for _ in range(REPEAT):
        for row in rows:
            extract_fields(
                row["subject"] or "", row["body"] or "", sent_at=ANCHOR, calendar=calendar
            )
    per_message = (time.process_time() - started) / (REPEAT * len(rows))
    print(f"anchor {ANCHOR.isoformat()} (corpus has no dates), calendar US, {len(rows)} messages")
    print(
        f"with an expected phrase: {with_phrase}; span found {found}; resolved {resolved}; "
        f"time_phrase() equal to it {exact}"
    )
    print(f"without one: {without_phrase}; false promises {false_promises}")
    print(f"extract_fields: {per_message * 1000:.3f} ms CPU per message (mean of {REPEAT} passes)")


def score_mailbox(root: Path) -> list[int]:
    """[company right, of, role right, of roles found, sender role right, of, promise
    right, of processes whose expected-by date comes from a promise, time phrase equal,
    processes whose requisition ids are exactly the expected one (or none), of]."""
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    folder = root / "mailbox" if (root / "mailbox").exists() else root
    calendar = BusinessCalendar(expected.get("country"))
    roles = {
        person["address"]: person["role"]
        for process in expected["processes"].values()
        for person in process["people"]
    }
    counts = [0] * 11
    latest: dict[str, tuple[datetime, Commitment]] = {}  # process -> its latest dated promise
    requisitions: dict[str, set[str]] = {}  # process -> requisition ids read
    for name, meta in expected["messages"].items():
        process = expected["processes"].get(meta.get("process") or "")
        if meta.get("direction") != "inbound" or process is None:
            continue
        message = parse_message(
            (folder / name).read_bytes(),
            own_addresses=frozenset(expected["user"]),
            received_at=datetime.fromisoformat(expected["as_of"]),
        )
        extraction = extract_message(message, calendar)
        if extraction.requisition_id:
            requisitions.setdefault(meta["process"], set()).add(extraction.requisition_id)
        promise = extraction.promise
        if promise is not None and promise.due is not None:
            slug = meta["process"]
            if slug not in latest or latest[slug][0] <= message.date:
                latest[slug] = (message.date, promise)
        if extraction.agency:
            good = extraction.agency == process["agency"] and extraction.company in (
                None, process["company"],
            )  # fmt: skip
        else:
            good = extraction.company == process["company"]
        counts[0] += good
        counts[1] += 1
        role_good = extraction.role in (None, process["role"])
        if extraction.role:
            counts[2] += role_good
            counts[3] += 1
        address = message.sender.email if message.sender else ""
        if address in roles:
            counts[4] += extraction.sender_role.value == roles[address]
            counts[5] += 1
        if not good or not role_good:
            print(
                f"  {root.name}/{name}: got {extraction.company!r} / {extraction.agency!r} / "
                f"{extraction.role!r}; expected {process['company']!r} / {process['agency']!r} / "
                f"{process['role']!r}"
            )
    for slug, process in expected["processes"].items():
        read = requisitions.get(slug, set())
        counts[9] += read == ({process["requisition_id"]} if process["requisition_id"] else set())
        counts[10] += 1
        if process.get("expected_source") != "promise":
            continue
        counts[7] += 1
        found = latest.get(slug)
        right = (
            found is not None
            and found[1].due is not None
            and found[1].due.isoformat() == process["expected_by"]
            and _norm(process["expected_phrase"]) in _norm(found[1].phrase)
        )
        counts[6] += right
        if found is not None:
            short = time_phrase(found[1].phrase, found[0], calendar) or ""
            counts[8] += _norm(short) == _norm(process["expected_phrase"])
        if not right:
            got = f"{found[1].phrase!r} -> {found[1].due}" if found else "nothing"
            print(f"  {root.name}/{slug}: promise {got}; expected {process['expected_phrase']!r}")
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Date phrases on the dev corpus, fields on the team's own mailboxes."
    )
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="JSON lines (dev.jsonl)"
    )
    path = parser.parse_args(argv[1:]).corpus
    if path.exists():
        score_corpus(path)
    else:
        print(f"corpus not found: {path}")
    totals = [0] * 11
    boxes = [box for box in MAILBOXES if (box / "expected.json").exists()]
    for mailbox in boxes:
        totals = [a + b for a, b in zip(totals, score_mailbox(mailbox), strict=True)]
    print(
        f"{len(boxes)} mailboxes, inbound messages of a process: company/agency right "
        f"{totals[0]}/{totals[1]}; role right {totals[2]}/{totals[3]} (where one was found); "
        f"sender role right {totals[4]}/{totals[5]}"
    )
    print(
        f"processes whose expected-by comes from a promise: latest dated promise has that date "
        f"and contains the expected phrase in {totals[6]}/{totals[7]}; time_phrase() equal to "
        f"it in {totals[8]}/{totals[7]}"
    )
    print(
        f"processes whose requisition ids read are exactly the expected: {totals[9]}/{totals[10]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
