"""A process an older version named after a hiring portal ("NHS", "Civil Service") takes the
employer's name its mail now reads, by a reread after the upgrade or by its next mail; a
name the user gave stays (verification round 13: an upgraded store kept "NHS")."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import build_pipeline, ingest, reread_stored
from inbox_monitor.store import Store

NOW = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)
TRUST = "Northmoor Community Healthcare NHS Trust"


def config_for(home: Path) -> Config:
    identity = IdentityConfig(addresses=frozenset({ME}), timezone="Europe/London", country="GB")
    return Config(data_dir=home, identity=identity)


def mail(number: int, subject: str, day: int) -> RawMessage:
    data = eml(
        sender=f"{TRUST} <noreply@jobs.nhs.uk>",
        subject=subject,
        body=f"Dear Alex,\n\nThank you for your application to {TRUST}.\n\nRecruitment team",
        date=datetime(2026, 12, day, 10, 0, tzinfo=UTC),
        message_id=f"<n{number}@jobs.nhs.uk>",
    )
    return RawMessage(data, Origin(kind="eml", path=f"n{number}.eml"))


FIRST = mail(1, "[acknowledgement] Application received - C9211-26-0457", 1)
LATER = mail(2, "[interview] Interview invitation - C9211-26-0457", 8)


def company(home: Path) -> str | None:
    with Store(config_for(home).database_path) as store:
        (process,) = store.processes()
        return process.company


def stored_as_an_older_version_named_it(home: Path, name: str = "NHS") -> None:
    config = config_for(home)
    with Store(config.database_path) as store:
        ingest(store, [FIRST], build_pipeline(config, SubjectTagClassifier()), NOW)
        (process,) = store.processes()
        assert process.company == TRUST
        store.update_process(process.id, company=name)
        # and its mail read as that version read it
        for record in store.message_records(process.id):
            store.set_extraction(record.key, replace(record.extraction, company=name))


def test_a_reread_replaces_a_portals_name_with_the_employers(tmp_path: Path) -> None:
    stored_as_an_older_version_named_it(tmp_path)
    with Store(config_for(tmp_path).database_path) as store:
        reread_stored(store, config_for(tmp_path))
    assert company(tmp_path) == TRUST


def test_the_next_mail_replaces_a_portals_name(tmp_path: Path) -> None:
    stored_as_an_older_version_named_it(tmp_path, "Civil Service")
    config = config_for(tmp_path)
    with Store(config.database_path) as store:
        ingest(store, [LATER], build_pipeline(config, SubjectTagClassifier()), NOW)
    assert company(tmp_path) == TRUST


def test_a_name_the_user_gave_stays_even_a_portals(tmp_path: Path) -> None:
    stored_as_an_older_version_named_it(tmp_path)
    config = config_for(tmp_path)
    with Store(config.database_path) as store:
        (process,) = store.processes()
        store.update_process(process.id, named_by_user=frozenset({"company"}))
        reread_stored(store, config)
        ingest(store, [LATER], build_pipeline(config, SubjectTagClassifier()), NOW)
    assert company(tmp_path) == "NHS"
