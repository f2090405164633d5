"""Mail like a message the user corrected: the same sender's same template, read the same way.

A correction holds for its message at once, and `train --with-feedback` teaches the model
the message itself, but the next copy of the same template (next week's newsletter, the
portal's "You have submitted an application" for the next course) would be misread again
until the user retrains. `like_correction` lets a correction carry to a new message when all
of these hold (docs/labels.md, "Corrections"):

- the same sender address;
- the model read the new message as it read the corrected one (the same mistake);
- the two share at least `SIMILARITY` of their template words: the words written in lower
  case, digits masked, so that names, companies, roles and dates (capitalised or numbers)
  may differ;
- no word that carries news differs between them: a word of any cue phrase in the lexicon
  written in lower case (in a capitalised name such as "Customer Success Manager" it is a
  name), or a status word or negation (`STATUS_WORDS`, any "n't") in any case. A portal's
  "Status: Offer" and "Status: Unsuccessful" in one template are two pieces of news;
- the corrected message does not keep its news behind a login: a portal's "The status of
  your application has changed. Please sign in to view it" says the same words whatever
  the news is, so the user's label for one copy (a rejection they read on the site) says
  nothing of the next (`behind_login`).

Pure functions on plain values: the pipeline gives the corrections, the store keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from inbox_monitor.lexicon import EVERYDAY
from inbox_monitor.models import Label

SIMILARITY = 0.9
"""Jaccard similarity of template words at which two messages are one template."""

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_DIGIT = re.compile(r"\d")

# Words that say where an application stands; most are in cue phrases already, these are
# the one-word statuses that portals print in a table ("Status: Declined").
# fmt: off
STATUS_WORDS = frozenset((
    "accepted", "approved", "cancelled", "canceled", "closed", "conditional", "declined",
    "deferred", "employed", "filled", "hired", "interview", "interviewing", "interviews",
    "offer", "offered", "offers", "on-hold", "hold", "paused", "pending", "placed", "received",
    "rejected", "reserve", "scheduled", "screening", "selected", "shortlisted", "submitted",
    "successful", "unconditional", "unsuccessful", "waitlisted", "withdrawn",
    # a negation turns the news round ("have not been selected"; any "n't" counts too)
    "not", "no", "never", "cannot", "unable", "neither", "nor",
    # news that opens a sentence, so is capitalised
    "congratulations", "unfortunately", "regret", "regrettably", "sadly", "pleased",
    "delighted", "happy", "sorry",
))
# Words too common in cue phrases to tell one piece of news from another.
_COMMON = frozenset((
    "a", "an", "the", "this", "that", "of", "in", "on", "at", "to", "for", "from", "by", "with",
    "about", "as", "and", "or", "but", "if", "so", "is", "are", "was", "were", "be", "been",
    "being", "am", "do", "does", "did", "have", "has", "had", "it", "its", "they", "them",
    "their", "we", "our", "you", "your", "i", "me", "my", "us", "will", "would", "can",
    "could", "may", "might", "should", "shall", "like", "please", "team",
))
# fmt: on


@dataclass(frozen=True)
class Template:
    """A message's words as the comparison needs them."""

    lower: frozenset[str]  # written in lower case: the template's own words
    every: frozenset[str]  # all words, lower-cased: for the news check


@dataclass(frozen=True)
class Corrected:
    """A message the user labelled: what the model read, and what the user said."""

    message_key: str
    at: datetime
    model_label: Label
    label: Label
    template: Template


@dataclass(frozen=True)
class Likeness:
    """The correction a message is a copy of, and how alike the two are."""

    corrected: Corrected
    similarity: float

    @property
    def reason(self) -> str:
        return (
            f"like a message you corrected on {self.corrected.at.date().isoformat()} "
            f"({self.corrected.model_label.value} \u2192 {self.corrected.label.value}; "
            f"{self.similarity:.0%} of its template words)"
        )


def template_of(subject: str, text: str) -> Template:
    """The words of a message's subject and new text, URLs left out, digits masked."""
    written = _URL.sub(" ", f"{subject}\n{text}")
    words = [_DIGIT.sub("0", word.replace("\u2019", "'")) for word in _WORD.findall(written)]
    return Template(
        frozenset(word for word in words if word.islower() or word.isdigit()),
        frozenset(word.lower() for word in words),
    )


# How a portal says that something changed, and where to sign in to read it: classify.py's
# `behind a login` rule looks for these in the text before it reads the notice's sentences;
# behind_login, the template's view of the same notice, for its words.
CHANGE_WORDS = ("changed", "updated", "update", "updates", "change")
"""A notice of a change holds one of these ("has changed", "there's an update on your
application") or a NEWS_WORDS one."""
NEWS_WORDS = ("message", "information")
"""What a notice says is new when it is no change ("there is new information regarding your
application", "a new message about your application"): behind_login takes them only beside
an application word, since a template that names neither ("this message was sent to", "log in
to update your information") is no such notice."""
_APPLICATION_WORDS = frozenset({"application", "applications", "candidacy", "submission"})
SIGN_IN_PHRASES = (
    "sign in", "signin", "signing in", "log in", "login", "log on", "logon", "logging",
)  # fmt: skip
"""Each sign-in instruction holds one of these ("please sign in", "log on to", "login to")."""
_CHANGE_WORDS = frozenset(CHANGE_WORDS)
_NEWS_WORDS = frozenset(NEWS_WORDS)
_SIGN_IN_WORDS = frozenset(phrase.split()[0] for phrase in SIGN_IN_PHRASES)


def behind_login(template: Template) -> bool:
    """Whether a message may say only that something changed and where to sign in to see it,
    with no status in view: a word of a change and a sign-in anywhere, in any order.
    classify.py's `behind a login` rule reads such mail by its sentences; this view of it is
    broader, since it only stops a correction from carrying."""
    words = template.every
    return (
        bool(words & _CHANGE_WORDS or (words & _NEWS_WORDS and words & _APPLICATION_WORDS))
        and bool(words & _SIGN_IN_WORDS)
        and not words & STATUS_WORDS  # "Status: Received" in view is news of its own
    )


def news_words(cues: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The words that carry news: every word of every cue phrase, less common ones, and
    the status words. The EVERYDAY group's words place a message outside hiring and are
    no news."""
    words = {
        word
        for group, phrases in cues.items()
        if group != EVERYDAY
        for phrase in phrases
        for word in phrase.split()
    }
    return frozenset(words - _COMMON) | STATUS_WORDS


def similarity(a: Template, b: Template) -> float:
    union = len(a.lower | b.lower)
    return len(a.lower & b.lower) / union if union else 0.0


def _news_differs(a: Template, b: Template, news: frozenset[str]) -> bool:
    """A cue word written in lower case in one and not the other, or a status word or a
    negation in any case ("Status: Offer", "Not selected"). A cue word in a capitalised name
    ("Customer Success Manager", "Head of Talent") is a name, not news."""
    return bool(
        (a.lower ^ b.lower) & news
        or (a.every ^ b.every) & STATUS_WORDS
        or any(word.endswith("n't") for word in a.every ^ b.every)
    )


def like_correction(
    template: Template,
    model_label: Label,
    corrections: Iterable[Corrected],
    news: frozenset[str],
) -> Likeness | None:
    """The correction of the same sender's that this message is a copy of, if any: the
    most similar, the latest among equals. `corrections` are the sender's only. None when
    copies of the template were corrected to different labels: the template does not
    decide, the model's reading stands."""
    alike = []
    for corrected in corrections:
        if corrected.model_label != model_label or corrected.label == model_label:
            continue
        if behind_login(corrected.template):
            continue
        score = similarity(template, corrected.template)
        if score >= SIMILARITY and not _news_differs(template, corrected.template, news):
            alike.append(Likeness(corrected, score))
    if len({likeness.corrected.label for likeness in alike}) != 1:
        return None
    return max(alike, key=lambda likeness: (likeness.similarity, likeness.corrected.at))
