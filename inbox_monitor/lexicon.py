"""The cue lexicon (models/data/cues.toml), read without spaCy.

The classifier matches its phrases with a spaCy PhraseMatcher (classify.RuleSet); the
training builder reads them too, to tell which sentence of a hand-written message carries
its label's news (training.build_examples).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from inbox_monitor.errors import ModelError
from inbox_monitor.models import LABELS

__all__ = ["EVERYDAY", "RECRUITING", "load_cues", "shipped_cues_path"]

RECRUITING = "recruiting"
"""The cue group that is not a label: hiring-conversation phrases, votes against noise."""

EVERYDAY = "everyday"
"""The cue group of everyday life outside hiring (a tenancy, a mortgage, a child's school
place): written in lower case in a message read as recruiting mail with no hiring word, it
makes the reading unsure, for review (classify, rule "everyday life"). It casts no votes
and carries no news. Optional: pipelines built before it have none."""

CUES_FILE = "cues.toml"


def shipped_cues_path() -> Path:
    """The checkout's lexicon (models/data), else the installed package's copy."""
    checkout = Path(__file__).parents[1] / "models" / "data" / CUES_FILE
    return checkout if checkout.exists() else Path(__file__).parent / "_model" / "data" / CUES_FILE


def load_cues(path: Path) -> dict[str, tuple[str, ...]]:
    """The cue lexicon: per label, RECRUITING and (if present) EVERYDAY, phrases written
    "a | b | c"."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        groups = [*(label.value for label in LABELS), RECRUITING]
        if EVERYDAY in document:
            groups.append(EVERYDAY)
        return {
            group: tuple(
                " ".join(part.split())
                for part in document[group]["phrases"].split("|")
                if part.strip()
            )
            for group in groups
        }
    except (OSError, tomllib.TOMLDecodeError, KeyError, AttributeError) as err:
        raise ModelError(f"cannot read the cue lexicon {path}: {err}") from err
