"""Date-phrase figures on the shared dev corpus: span found, date resolved, false promises.

Run: .venv/bin/python bench/eval_dates.py [path/to/dev.jsonl]

The corpus messages carry no Date header, so every message is anchored at one fixed
time, Wednesday 2026-11-25 10:00 -05:00, with a US business calendar. "Span found" means
a REPLY commitment whose phrase overlaps the expected phrase (one contains the other,
compared case-insensitively with whitespace collapsed). "Resolved" means that commitment
has a due date, or is VAGUE when the expected phrase is itself vague ("shortly"). A false
promise is any REPLY commitment in a message whose expected_phrase is null. The texts are
read at run time and never copied into the project.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from inbox_monitor.dates import BusinessCalendar, resolve_phrase
from inbox_monitor.extract import extract_fields
from inbox_monitor.models import CommitmentKind, Strength

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"
ANCHOR = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
REPEAT = 20


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CORPUS
    if not path.exists():
        print(f"corpus not found: {path}")
        return 1
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    calendar = BusinessCalendar("US")
    with_phrase = found = resolved = 0
    without_phrase = false_promises = 0
    for row in rows:
        extraction = extract_fields(
            row.get("subject") or "", row.get("body") or "", sent_at=ANCHOR, calendar=calendar
        )
        replies = [c for c in extraction.commitments if c.kind == CommitmentKind.REPLY]
        expected = row.get("expected_phrase")
        if expected:
            with_phrase += 1
            hits = [
                c for c in replies
                if _norm(expected) in _norm(c.phrase) or _norm(c.phrase) in _norm(expected)
            ]  # fmt: skip
            _, expected_strength = resolve_phrase(expected, ANCHOR, calendar)
            ok = [
                c for c in hits
                if c.due is not None or (expected_strength == Strength.VAGUE and c.due is None)
            ]  # fmt: skip
            found += bool(hits)
            resolved += bool(ok)
            status = "ok" if ok else ("span only" if hits else "MISSED")
            got = "; ".join(f"{c.phrase!r} -> {c.due} {c.strength}" for c in replies) or "-"
            print(f"  {row['id']:<24} {status:<9} expected {expected!r}: {got}")
        else:
            without_phrase += 1
            if replies:
                false_promises += 1
                print(f"  {row['id']:<24} FALSE     {'; '.join(repr(c.phrase) for c in replies)}")
    started = time.process_time()
    for _ in range(REPEAT):
        for row in rows:
            extract_fields(
                row.get("subject") or "", row.get("body") or "", sent_at=ANCHOR, calendar=calendar
            )
    elapsed = (time.process_time() - started) / (REPEAT * len(rows))
    print(f"anchor {ANCHOR.isoformat()} (corpus has no dates), calendar US, {len(rows)} messages")
    print(f"with an expected phrase: {with_phrase}; span found {found}; resolved {resolved}")
    print(f"without one: {without_phrase}; false promises {false_promises}")
    print(
        f"extract_fields: {elapsed * 1000:.3f} ms per message (CPU time, mean of {REPEAT} passes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
