"""`history` says what track did with the user's pass to one of two agencies (user audit 3,
A13), on a store built by the pipeline and read through the CLI."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner, Result
from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.cli import cli
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

ZONE = ZoneInfo("Europe/London")
PRIYA = "Priya Shah <priya@harbourpeople.example>"
DAN = "Dan Webb <dan@ferrisagency.example>"


def _mail(key: str, sender: str, subject: str, body: str, day: int, **headers: str) -> RawMessage:
    raw = eml(sender=sender, subject=subject, body=body, message_id=f"<{key}@test>",
              date=datetime(2026, 11, day, 10, 0, tzinfo=ZONE), **headers)  # fmt: skip
    return RawMessage(raw, Origin(kind="eml", path=f"{key}.eml"))


def run(home: Path, *args: str) -> Result:
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def _home(tmp_path: Path, *, to_both: bool = False) -> tuple[Path, int]:
    """Priya (one agency) and Dan (another) pitch the same role on Mon 16 and Tue 17 Nov;
    on Wed 18 the user tells Dan "I'll pass" (or both of them); the user merges the two
    pitches; on Fri 20 Priya invites the user to an interview. The merged process's number."""
    home = tmp_path / "home"
    home.mkdir(parents=True)
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "Europe/London"\ncountry = "GB"\n'
    )
    config = Config(data_dir=home, identity=IdentityConfig(addresses=frozenset({ME}),
                                                           timezone="Europe/London", country="GB"))  # fmt: skip
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    role = "Senior Data Analyst, payments"
    told = f"{DAN}, {PRIYA}" if to_both else DAN
    early = [
        _mail("p1", PRIYA, f"[outreach] {role}", "Hi Alex, I have a Senior Data Analyst role"
              " with a payments client. Would you like to hear more?", 16),
        _mail("d1", DAN, f"[outreach] {role} role", "Hello Alex, a payments company I work"
              " with is hiring a Senior Data Analyst. Interested?", 17),
        _mail("u1", f"Alex Morgan <{ME}>", f"Re: [outreach] {role} role",
              "Hi Dan,\n\nAnother agency has already put me forward for it, so I'll pass."
              "\n\nAlex", 18, to=told, in_reply_to="<d1@test>"),
    ]  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, early, pipeline, datetime(2026, 11, 18, 12, 0, tzinfo=ZONE))
        by_key = {m.key: m.process_id for m in store.message_records()}
    numbers = sorted({pid for pid in by_key.values() if pid is not None})
    assert len(numbers) == 2, by_key  # the two pitches, apart
    target, other = numbers
    merged = run(home, "merge", str(target), str(other))
    assert merged.exit_code == 0, merged.output
    invite = _mail("p2", PRIYA, f"[interview] Re: [outreach] {role}", "Hi Alex, the client"
                   " would like to meet you for a first interview next week.", 20,
                   in_reply_to="<p1@test>")  # fmt: skip
    with Store(config.database_path) as store:
        ingest(store, [invite], pipeline, datetime(2026, 11, 20, 12, 0, tzinfo=ZONE))
    return home, target


def test_history_says_your_pass_to_one_agency_ended_only_its_chain(tmp_path: Path) -> None:
    home, pid = _home(tmp_path)
    after = run(home, "history", str(pid), "--as-of", "2026-11-21")
    assert after.exit_code == 0, after.output
    assert "state closed" not in after.output
    assert "pass_set_aside" in after.output
    timeline = json.loads(run(home, "history", str(pid), "--json", "--as-of", "2026-11-21").output)
    kinds = [e["kind"] for e in timeline["events"]]
    (aside,) = [e for e in timeline["events"] if e["kind"] == "pass_set_aside"]
    assert aside["detail"] == (
        "your no to ferrisagency.example ended only that chain: priya@harbourpeople.example goes on"
    )
    assert aside["detail"] in after.output  # whole, not cut in the table
    assert aside["rule"] == "track" and aside["at"].startswith("2026-11-20")
    # after the decision it sets aside, and after Priya's invitation itself
    assert kinds.index("decision") < kinds.index("pass_set_aside")
    assert kinds.index("interview") < kinds.index("pass_set_aside")
    assert aside["message_number"] is not None
    # before Priya wrote again, the pass stood: closed, and nothing set aside
    before = run(home, "history", str(pid), "--as-of", "2026-11-19")
    assert "state closed" in before.output and "pass_set_aside" not in before.output


def test_a_pass_that_stands_is_not_said_to_be_set_aside(tmp_path: Path) -> None:
    # the user's no written to both agencies ends both: Priya's invitation reopens nothing
    home, pid = _home(tmp_path, to_both=True)
    shown = run(home, "history", str(pid), "--as-of", "2026-11-21")
    assert "state closed" in shown.output and "pass_set_aside" not in shown.output
    # and the user's own close stands against any mail
    home2, pid2 = _home(tmp_path / "own")
    assert run(home2, "close", str(pid2), "--outcome", "withdrawn").exit_code == 0
    closed = run(home2, "history", str(pid2))
    assert "state closed" in closed.output and "pass_set_aside" not in closed.output
