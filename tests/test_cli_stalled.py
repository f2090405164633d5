"""`stalled --as-of`: the board of a past day, with the user's own mail up to that day."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner, Result
from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.cli import cli
from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

RECRUITER = "Nina Shah <nina@ferrytalent.example>"


def mail(key: str, subject: str, body: str, when: datetime, *, sent: bool = False) -> RawMessage:
    data = eml(
        sender=f"Alex Morgan <{ME}>" if sent else RECRUITER,
        to=RECRUITER if sent else f"Alex Morgan <{ME}>",
        subject=subject,
        body=body,
        date=when,
        message_id=f"<{key}@stalled.example>",
    )
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"), sent)


def run(home: Path, *args: str) -> Result:
    (home / "config.toml").write_text(
        f'[identity]\naddresses = ["{ME}"]\ntimezone = "Europe/London"\ncountry = "GB"\n'
    )
    env = {"INBOX_MONITOR_HOME": str(home), "INBOX_MONITOR_CONFIG": str(home / "config.toml")}
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_stalled_as_of_a_past_day_quotes_the_users_last_mail_before_it(tmp_path: Path) -> None:
    identity = IdentityConfig(addresses=frozenset({ME}), timezone="Europe/London", country="GB")
    config = Config(data_dir=tmp_path, identity=identity)
    messages = [
        mail(
            "int",
            "[interview] Copperleaf Foods - Data Engineer - interview",
            "Hi Alex,\n\nCopperleaf Foods would like to meet you on Tuesday 1 December at"
            " 10:00.\n\nNina",
            datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
        ),
        mail(
            "after",
            "[delay] Copperleaf Foods - Data Engineer - feedback",
            "Hi Alex,\n\nThanks for meeting them. I'll get back to you by Friday 4 December.\n\n"
            "Nina",
            datetime(2026, 12, 1, 15, 0, tzinfo=UTC),
        ),
        mail(
            "thanks",
            "Re: Copperleaf Foods - Data Engineer - feedback",
            "Thanks Nina, speak then.\n\nAlex",
            datetime(2026, 12, 1, 16, 0, tzinfo=UTC),
            sent=True,
        ),
        # long after the day the board is asked for
        mail(
            "chase",
            "Any news on Copperleaf?",
            "Hi Nina,\n\nAny news from Copperleaf?\n\nAlex",
            datetime(2026, 12, 21, 10, 0, tzinfo=UTC),
            sent=True,
        ),
    ]
    with Store(config.database_path) as store:
        for message in messages:
            when = datetime(2026, 12, 21, 11, 0, tzinfo=UTC)
            ingest(store, [message], build_pipeline(config, SubjectTagClassifier()), when)
    shown = run(tmp_path, "stalled", "--as-of", "2026-12-09")
    assert shown.exit_code == 0, shown.output
    assert "overdue" in shown.output
    assert "you last wrote on 2026-12-01: Re: Copperleaf Foods - Data Engineer - feedback" in (
        shown.output
    )
    assert "2026-12-21" not in shown.output
    as_json = run(tmp_path, "stalled", "--json", "--as-of", "2026-12-09")
    assert '"last_sent_subject": "Re: Copperleaf Foods - Data Engineer - feedback"' in (
        as_json.output
    )
