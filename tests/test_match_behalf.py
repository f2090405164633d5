"""A colleague's mail written for a person of the process ("I'm writing on behalf of Priya
to arrange a breakfast"), read as noise, joins it even when nothing in the mail shows Priya
is a person (no assistant's title, no "she"): match knows her as a contact of the process,
where orgs reads "Priya" as a client (match._news_read_as_noise)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_contact_news import MEETING, PITCH, config_for, ingested, mail


@pytest.mark.parametrize(("name", "joins"), [("Priya", True), ("James", False)])
def test_a_colleague_writing_for_a_person_of_the_process_joins_it(
    tmp_path: Path, name: str, joins: bool
) -> None:
    config = config_for(tmp_path)
    colleague = mail(
        "colleague",
        datetime(2026, 12, 9, 9, 0, tzinfo=UTC),
        "[not_recruiting 0.7] Breakfast",
        f"Dear Alex,\n\nI'm writing on behalf of {name} to arrange a breakfast at our offices."
        " Could you let me know a morning that suits?\n\nKind regards,\nSam\n\nSam Cole\n"
        "Consultant, Larkspur Search",
        sender="Sam Cole <sam.cole@larkspursearch.example>",
    )
    with ingested(config, PITCH, MEETING, colleague) as store:
        joined = store.message_row("<colleague@t>")["process_id"] is not None
        assert store.open_reviews() == []
    assert joined == joins
