"""Label one message: recruiter mail or not, and which kind (the only module importing spaCy).

`load_classifier()` returns the shipped pipeline: a bag-of-words `textcat` trained by the
project (models/recruiter/) with precise rules beside it (negated offers, sales "offers").
When no model directory exists the rules alone answer (`RulesClassifier`), so the rest of
the pipeline runs end to end. Every classifier is pure: text in, `Classification` out.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from inbox_monitor.errors import ModelError
from inbox_monitor.models import LABELS, Classification, Label, ParsedMessage

logger = logging.getLogger(__name__)

REVIEW_THRESHOLD = 0.6
"""Below this confidence a label goes to the review list instead of changing a process."""

RULE_CONFIDENCE = 0.9
"""The confidence given to a label forced by a precise rule."""

MAX_MODEL_CHARS = 3000
"""Only the first characters of a message are read: the decision is made early in mail."""

PACKAGE_MODEL_DIR = Path(__file__).parent / "_model" / "recruiter"
REPO_MODEL_DIR = Path(__file__).parents[1] / "models" / "recruiter"


@dataclass(frozen=True)
class ClassifierInput:
    """What a classifier reads: the subject and the sender's new text (no quotes/footer)."""

    subject: str
    text: str
    sender: str = ""


class Classifier(Protocol):
    """Anything that labels a batch of messages."""

    name: str

    def classify(self, items: Sequence[ClassifierInput]) -> list[Classification]: ...


def input_for(message: ParsedMessage) -> ClassifierInput:
    """The classifier's view of a parsed message: subject, new text and sender."""
    return ClassifierInput(
        subject=message.subject,
        text=message.new_text,
        sender=str(message.sender) if message.sender else "",
    )


_WHITESPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:!?)%])")
_SPACED_APOSTROPHE = re.compile(r"(\w) ' (\w)")
_URL = re.compile(r"https?://\S+|www\.\S+")


def normalise_text(subject: str, text: str, limit: int = MAX_MODEL_CHARS) -> str:
    """One lower-cased line: subject, then text; URLs dropped, whitespace runs collapsed.

    Pre-tokenised mail ("don ' t , please") is joined back ("don't, please") so that both
    styles look alike to the rules and the model. Newlines go: they slow the tokenizer.
    """
    joined = f"{subject.strip()} . {text}" if subject.strip() else text
    joined = _URL.sub(" ", joined[: limit * 2])
    joined = _WHITESPACE.sub(" ", joined).strip().lower()
    joined = _SPACED_APOSTROPHE.sub(r"\1'\2", joined)
    joined = _SPACE_BEFORE_PUNCT.sub(r"\1", joined)
    return joined[:limit]


# --- rules ---------------------------------------------------------------------------------

# Cue phrases per label (lower case). They give the rules baseline its votes and the trained
# model its human-readable reasons; they are not the model's features.


def _phrases(block: str) -> tuple[str, ...]:
    """Phrases written as "a | b | c" across lines."""
    return tuple(" ".join(part.split()) for part in block.split("|") if part.strip())


CUES: dict[Label, tuple[str, ...]] = {
    Label.OFFER: _phrases(
        """
        pleased to offer you | happy to offer you | delighted to offer you | would like to
        offer you | offer of employment | offer letter | formal offer | extend an offer |
        extend you an offer | you have an offer | job offer | offer you the position | offer
        you the role | pleased to appoint you | welcome to the team | accepted our offer |
        verbal offer | your offer | compensation package | start date
        """
    ),
    Label.REJECTION: _phrases(
        """
        not be moving forward | not moving forward | decided not to proceed | regret to inform
        | unsuccessful | not been successful | other candidates | position has been filled |
        role has been filled | not be progressing | not progressing | no longer under
        consideration | not selected | automatically rejected | turned down your | decided to
        pursue | will not be taking your application | closer match | not shortlisted
        """
    ),
    Label.INTERVIEW: _phrases(
        """
        interview | phone screen | screening call | next round | shortlisted | assessment
        centre | assessment center | technical assessment | coding challenge | onsite |
        on-site | meet the team | book a time | schedule a call | video call | invite you to |
        final round | take-home
        """
    ),
    Label.DELAY: _phrases(
        """
        still reviewing | need more time | needs more time | on hold | hiring freeze |
        postponed | delayed | taking longer than | pushed back | not yet made a decision |
        haven't made a decision | decision has been delayed | bear with us | still being
        considered | still under review | paused
        """
    ),
    Label.ACKNOWLEDGEMENT: _phrases(
        """
        received your application | thank you for applying | thanks for applying | application
        has been received | application was received | application submitted | submitted an
        application | thank you for your application | review your application | reviewing
        applications | application is complete | we have received | auto-reply | out of office
        """
    ),
    Label.REQUEST: _phrases(
        """
        please send | could you send | can you send | please provide | please complete |
        please fill | please upload | references | referees | your availability | salary
        expectations | expected salary | background check | right to work | proof of identity
        | let us know your | could you confirm | please confirm | respond by | sign in to
        """
    ),
    Label.OUTREACH: _phrases(
        """
        came across your profile | your profile | reaching out | my client | on behalf of |
        exciting opportunity | would you be open | are you open to | open to a chat | head
        hunter | headhunter | talent network | your background | might interest you | invite
        you to apply | inviting you to
        """
    ),
    Label.NOT_RECRUITING: _phrases(
        """
        unsubscribe | % off | discount | newsletter | webinar | receipt | invoice | order
        number | job alert | jobs matching | new jobs for you | promo code | limited time |
        free shipping | your subscription | password reset | connection request | accepted
        your invitation | free trial
        """
    ),
}

# Precise rules that may overrule the model: (rule name, forced label, token patterns).
OVERRIDE_RULES: tuple[tuple[str, Label, list[list[dict[str, Any]]]], ...] = (
    (
        "negated offer",
        Label.REJECTION,
        [
            [
                {"LOWER": "not"},
                {"LOWER": "in"},
                {"LOWER": "a"},
                {"LOWER": "position"},
                {"LOWER": "to"},
                {"LOWER": {"IN": ["offer", "extend", "make"]}},
            ],
            [
                {"LOWER": {"IN": ["unable", "not", "cannot", "won't"]}},
                {"LOWER": "to", "OP": "?"},
                {"LOWER": {"IN": ["offer", "extend"]}},
                {"LOWER": {"IN": ["you", "an"]}},
            ],
            [
                {"LOWER": "decided"},
                {"LOWER": "not"},
                {"LOWER": "to"},
                {"LOWER": {"IN": ["offer", "extend", "make"]}},
            ],
            [
                {"LOWER": "unfortunately"},
                {"OP": "*", "LOWER": {"NOT_IN": [".", "!", "?"]}},
                {"LOWER": {"IN": ["not", "won't"]}},
                {"LOWER": "be", "OP": "?"},
                {"LOWER": {"IN": ["moving", "proceeding", "progressing", "offering"]}},
            ],
        ],
    ),
    (
        "sales offer",
        Label.NOT_RECRUITING,
        [
            [{"LIKE_NUM": True}, {"ORTH": "%"}, {"LOWER": "off"}],
            [
                {"LOWER": {"IN": ["promo", "discount", "coupon", "voucher"]}},
                {"LOWER": {"IN": ["code", "codes"]}},
            ],
            [{"LOWER": "limited"}, {"LOWER": "time"}, {"LOWER": {"IN": ["offer", "only", "deal"]}}],
            [{"LOWER": "free"}, {"LOWER": {"IN": ["shipping", "delivery"]}}],
            [
                {"LOWER": {"IN": ["special", "exclusive", "black", "holiday", "our"]}},
                {"LOWER": {"IN": ["offer", "offers", "deal", "deals", "friday"]}},
                {"LOWER": {"IN": ["ends", "expires", "on", "for"]}},
            ],
        ],
    ),
)

# A sales-offer rule only fires when no job word is present (an offer letter may mention
# a discount on gym membership).
_JOB_WORDS = frozenset(
    ("position", "role", "candidacy", "application", "interview", "salary", "employment")
)


class RuleSet:
    """Cue phrases and override rules compiled against one spaCy vocabulary."""

    def __init__(self, nlp: Language) -> None:
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, phrases in CUES.items():
            self.cues.add(label.value, [nlp.make_doc(phrase) for phrase in phrases])
        self.overrides = Matcher(nlp.vocab)
        self._forced: dict[str, Label] = {}
        for name, label, patterns in OVERRIDE_RULES:
            self.overrides.add(name, patterns)
            self._forced[name] = label

    def cue_hits(self, doc: Doc) -> dict[Label, list[str]]:
        """Cue phrases found in `doc`, per label, in order of appearance, unique."""
        hits: dict[Label, list[str]] = {}
        for match_id, start, end in self.cues(doc):
            label = Label(doc.vocab.strings[match_id])
            phrase = doc[start:end].text
            if phrase not in hits.setdefault(label, []):
                hits[label].append(phrase)
        return hits

    def override(self, doc: Doc) -> tuple[Label, str] | None:
        """The label a precise rule forces on `doc`, with the rule's explanation, if any."""
        for match_id, start, end in self.overrides(doc):
            name = doc.vocab.strings[match_id]
            label = self._forced[name]
            if label is Label.NOT_RECRUITING and _JOB_WORDS.intersection(t.lower_ for t in doc):
                continue
            return label, f'rule "{name}": "{doc[start:end].text}"'
        return None


def _force(scores: dict[str, float], label: Label, share: float) -> dict[str, float]:
    """Scores rescaled so that `label` holds `share` and the others keep their proportions."""
    rest = sum(value for key, value in scores.items() if key != label.value) or 1.0
    return {
        key: share if key == label.value else value / rest * (1.0 - share)
        for key, value in scores.items()
    }


def _softmax(values: dict[Label, float]) -> dict[str, float]:
    top = max(values.values())
    exps = {label: math.exp(value - top) for label, value in values.items()}
    total = sum(exps.values())
    return {label.value: exps[label] / total for label in LABELS}


class RulesClassifier:
    """The rules-only baseline: cue-phrase votes, a softmax over them, then the overrides."""

    def __init__(self) -> None:
        self.nlp = spacy.blank("en")
        self.rules = RuleSet(self.nlp)
        self.name = "recruiter-rules 1.0"

    def classify(self, items: Sequence[ClassifierInput]) -> list[Classification]:
        texts = (normalise_text(item.subject, item.text) for item in items)
        return [self._one(doc) for doc in self.nlp.pipe(texts, batch_size=256)]

    def _one(self, doc: Doc) -> Classification:
        hits = self.rules.cue_hits(doc)
        votes = {label: 1.5 * len(hits.get(label, ())) for label in LABELS}
        votes[Label.NOT_RECRUITING] += 1.0  # no cue at all means noise
        scores = _softmax(votes)
        label = Label(max(scores, key=lambda key: scores[key]))
        reasons = [f"{lab.value} cue: {', '.join(found[:3])}" for lab, found in hits.items()]
        return _with_override(self.rules, doc, label, scores, reasons, self.name)


def _with_override(
    rules: RuleSet,
    doc: Doc,
    label: Label,
    scores: dict[str, float],
    reasons: list[str],
    model: str,
) -> Classification:
    """Apply a precise rule on top of the scores: it may change the label and says so."""
    forced = rules.override(doc)
    if forced is not None and forced[0] is not label:
        label = forced[0]
        reasons = [f"{forced[1]} overrides the model ({scores[label.value]:.2f})", *reasons]
        scores = _force(scores, label, RULE_CONFIDENCE)
    return Classification(
        label=label,
        confidence=round(scores[label.value], 4),
        scores={key: round(value, 4) for key, value in scores.items()},
        reasons=tuple(reasons),
        model=model,
    )


def load_classifier(model_dir: Path | None = None) -> Classifier:
    """The trained pipeline in `model_dir`, or the shipped one when None.

    Raises ModelError when the directory is missing or cannot be loaded. While no model
    has been shipped yet, None falls back to the rules baseline.
    """
    if model_dir is None:
        for candidate in (PACKAGE_MODEL_DIR, REPO_MODEL_DIR):
            if (candidate / "meta.json").exists():
                model_dir = candidate
                break
        else:
            logger.warning("no trained pipeline shipped; using the rules baseline")
            return RulesClassifier()
    return TextcatClassifier(model_dir)


class TextcatClassifier:
    """A trained spaCy `textcat` pipeline with the precise rules beside it."""

    def __init__(self, model_dir: Path) -> None:
        if not (model_dir / "meta.json").exists():
            raise ModelError(f"no spaCy pipeline at {model_dir}")
        try:
            self.nlp = spacy.load(model_dir)
            meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as err:
            raise ModelError(f"cannot load the pipeline at {model_dir}: {err}") from err
        if "textcat" not in self.nlp.pipe_names:
            raise ModelError(f"the pipeline at {model_dir} has no textcat component")
        self.rules = RuleSet(self.nlp)
        digest = str(meta.get("sources_sha256", ""))[:12] or _tree_digest(model_dir)[:12]
        self.name = f"recruiter-textcat {meta.get('version', '?')} (sha256 {digest})"

    def classify(self, items: Sequence[ClassifierInput]) -> list[Classification]:
        texts = [normalise_text(item.subject, item.text) for item in items]
        return [self._one(doc) for doc in self.nlp.pipe(texts, batch_size=256)]

    def _one(self, doc: Doc) -> Classification:
        scores = {label.value: float(doc.cats.get(label.value, 0.0)) for label in LABELS}
        total = sum(scores.values()) or 1.0
        scores = {key: value / total for key, value in scores.items()}
        label = Label(max(scores, key=lambda key: scores[key]))
        hits = self.rules.cue_hits(doc)
        reasons = [f"model: {label.value} {scores[label.value]:.2f}"]
        if hits.get(label):
            reasons.append(f"{label.value} cue: {', '.join(hits[label][:3])}")
        return _with_override(self.rules, doc, label, scores, reasons, self.name)


def _tree_digest(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(directory).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def iter_labels() -> Iterable[str]:
    """The eight label names in their canonical order."""
    return (label.value for label in LABELS)
