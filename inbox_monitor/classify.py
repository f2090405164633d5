"""Label one message: recruiter mail or not, and which kind (the only module importing spaCy).

`load_classifier()` returns the shipped pipeline (models/recruiter/): a bag-of-words
`textcat` trained by the project, whose log-probabilities are combined with votes from a
cue-phrase lexicon (models/data/cues.toml), then a few precise rules that may overrule
both (negated offers, sales "offers", their call-off of a time with new times to come, in
mail that says it is about hiring, a platform's receipt of a test or video interview the user
did); an offer only supposed ("if we make an offer") is no offer, and what else the message
is waits for review; a portal's "the status of your application has changed, sign in to view
it" is an acknowledgement that waits for review, the news being on their site; a portal's status
that names an offer ("has changed to Offer Extended") is an offer, a reminder to finish a test
is a request, and a notice about the user's visa is no rejection or offer (a state's is no
hiring mail at all). The stock German phrases of a receipt, a rejection and an invitation are
read as those (the model and the cues know English only); a job board's digest, a careers
service's advice or event sent to a list, and a bank's "new message in your mailbox" are no
hiring mail; a question whether an offer came is no offer (a friend's is no hiring mail). In
hourly work, an agency's placement with its start is an offer, an invitation to come in or a
hiring event registered for is an interview, a drug screen asked for and "are you still
interested?" are requests, a background check done is an acknowledgement; a reserve candidate
for the post is a delay, not a rejection.
Without a model directory the cue votes alone answer (`RulesClassifier`). Every classifier is
pure: text in, `Classification` out.
"""

from __future__ import annotations

import json
import logging
import math
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import TextCategorizer
from spacy.strings import StringStore
from spacy.tokens import Doc, DocBin

from inbox_monitor.bodytext import offers_to_leave
from inbox_monitor.errors import ModelError
from inbox_monitor.extract import confirmed_decision, to_a_referee
from inbox_monitor.lexicon import CUES_FILE, EVERYDAY, RECRUITING, load_cues, shipped_cues_path
from inbox_monitor.lookalike import CHANGE_WORDS, NEWS_WORDS, SIGN_IN_PHRASES
from inbox_monitor.models import LABELS, Classification, Label, ParsedMessage
from inbox_monitor.orgs import is_free_mail_domain

logger = logging.getLogger(__name__)

REVIEW_THRESHOLD = 0.5
"""Below this confidence a label goes to the review list instead of changing a process."""

RULE_CONFIDENCE = 0.9
"""The confidence given to a label forced by a precise rule."""

UNSURE_CONFIDENCE = 0.45
"""The most confidence left to recruiting mail that names everyday life (rule "everyday
life"): below REVIEW_THRESHOLD, so the message waits for review instead of opening a
process."""

MAX_TEXT_CHARS = 3000
"""The rules read this much of a message (subject first)."""

MODEL_TOKENS = 96
"""The model reads the first tokens only: the news is early, the boilerplate later (measured)."""

MODEL_VIEW = "content"
"""Which tokens those are: content words, not punctuation and function words (see VIEWS)."""

MODEL_PARTS = (32, 16)
"""The model also reads the view in parts of 32 tokens starting every 16: a message is noise
only as far as every part of it reads as noise (see merge_parts; measured)."""

CUE_WEIGHT = 1.0
"""Each cue phrase found adds this to its label's log-probability (capped at MAX_VOTES)."""

MAX_VOTES = 3

LEAD_VOTES = 1
"""When cue phrases of two or more labels are found, the label whose phrase comes first gets
this many votes more (lead_label): mail leads with its news ("The position has been
filled." before the offer on another application). Measured: neutral on held-out data,
dev log-loss 2-6% lower (docs/classifier.md, seventh round)."""

BATCH_SIZE = 256

EMPTY_NOTE = "no words for the model to read: the cues and rules alone"

PACKAGE_MODEL_DIR = Path(__file__).parent / "_model" / "recruiter"
REPO_MODELS = Path(__file__).parents[1] / "models"
REPO_MODEL_DIR = REPO_MODELS / "recruiter"
REPO_CUES = REPO_MODELS / "data" / CUES_FILE


@dataclass(frozen=True)
class ClassifierInput:
    """What a classifier reads: the subject and the sender's new text (no quotes/footer)."""

    subject: str
    text: str
    sender: str = ""
    bulk: bool = False
    """Sent to a list: a List-Id or List-Unsubscribe header, or an unsubscribe link in the
    footer the parser cut off (rule "to everyone")."""


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
        bulk=message.list_id is not None or offers_to_leave(message.footer),
    )


def written_text(item: ClassifierInput) -> str:
    """The subject and text as written (case, lines, sentences kept), as far as the
    classifier reads: for the rules that need more than the lower-cased line."""
    return f"{item.subject}\n\n{item.text[:MAX_TEXT_CHARS]}"


_WHITESPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[,.;:!?)%])")
"""Dropped: a lookahead, so that no template is expanded for each of a message's commas."""
_SPACED_APOSTROPHE = re.compile(r"(\w) ' (\w)")
_URL = re.compile(r"https?://\S+|www\.\S+")
_TYPOGRAPHIC = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u200b", ""),
)
"""Curly apostrophes and quotes as typed ones ("we’ve received" is "we've received" to the
cue phrases, the function-word list and the model, whose training text has straight ones);
zero-width spaces dropped."""


def _typed(text: str) -> str:
    """`text` with the _TYPOGRAPHIC characters replaced and lone surrogates made "?" (a JSON
    line may hold "\\ud800", and spaCy's tokenizer cannot hash them). str.translate would
    cost about 0.3 ms on 6,000 characters that hold any non-ASCII one (a "£" is enough);
    this, 2 µs."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    for typographic, typed in _TYPOGRAPHIC:
        if typographic in text:
            text = text.replace(typographic, typed)
    return text


def normalise_text(subject: str, text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """One lower-cased line: subject, then text; URLs dropped, whitespace runs collapsed.

    Pre-tokenised mail ("don ' t , please") is joined back ("don't, please") so that both
    styles look alike to the rules and the model. Newlines go: they slow the tokenizer.
    """
    joined = f"{subject.strip()} . {text}" if subject.strip() else text
    joined = _URL.sub(" ", _typed(joined[: limit * 2]))
    joined = " ".join(joined.split()).lower()  # str.split: whitespace runs, 5x a regex
    if " ' " in joined:
        joined = _SPACED_APOSTROPHE.sub(r"\1'\2", joined)
    joined = _SPACE_BEFORE_PUNCT.sub("", joined)
    return joined[:limit]


# The function words the content view leaves out: articles, prepositions, conjunctions,
# forms of be/have/do and third-person pronouns. Not spaCy's stop list, which also holds
# words that carry the news here ("call", "next", "back", "full", "made", "move", "not").
# fmt: off
_FUNCTION_WORDS = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "of", "in", "on", "at", "to", "for",
    "from", "by", "with", "about", "as", "into", "onto", "than", "then", "and", "or", "but",
    "if", "so", "because", "while", "is", "are", "was", "were", "be", "been", "being", "am",
    "'s", "'re", "'m", "do", "does", "did", "done", "have", "has", "had", "having", "it", "its",
    "itself", "they", "them", "their", "theirs", "themselves", "he", "him", "his", "she", "her",
    "hers", "there", "here", "which", "who", "whom", "whose", "what", "also", "just", "very",
    "too", "such", "some", "each", "both", "other", "own", "same", "again", "further", "once",
))
# fmt: on
_FUNCTION_IDS = numpy.sort(
    numpy.array([StringStore().add(word) for word in _FUNCTION_WORDS], numpy.uint64)
)
"""Their LOWER ids (string hashes, the same in every vocabulary), sorted for the array test."""

VIEWS = ("head", "content")
"""How the model reads a message: its first tokens ("head"), or its first content tokens,
punctuation and function words left out ("content"): recorded in the pipeline's meta."""


def model_view(doc: Doc, tokens: int = MODEL_TOKENS, view: str = "head") -> Doc:
    """The part of a message the statistical model reads (see VIEWS)."""
    if view == "content":
        return Doc(doc.vocab, words=[doc[int(i)].text for i in _content_indices(doc, tokens)])
    if len(doc) <= tokens:
        return doc
    # a Doc built from the head's words: much cheaper than Span.as_doc(), same tokens
    head = doc[:tokens]
    return Doc(doc.vocab, words=[t.text for t in head], spaces=[bool(t.whitespace_) for t in head])


def view_orth(doc: Doc, tokens: int = MODEL_TOKENS, view: str = "head") -> numpy.ndarray:
    """The ORTH ids of `model_view(doc, tokens, view)`, without building that Doc.

    A token's ORTH id is the hash of its text, so the view's ids are a selection of the
    message's: all a bag-of-words model reads (see _BagOfWords).
    """
    if view == "content":
        flags = doc.to_array([IS_PUNCT, IS_SPACE, LOWER, ORTH])
        return flags[_content_positions(flags, tokens), 3]
    return doc.to_array([ORTH])[:tokens]


def _content_indices(doc: Doc, tokens: int) -> numpy.ndarray:
    """Positions of the first `tokens` content tokens: no punctuation, space or function word.

    The test runs on arrays: a Token object costs more than the test on it."""
    return _content_positions(doc.to_array([IS_PUNCT, IS_SPACE, LOWER]), tokens)


def _content_positions(flags: numpy.ndarray, tokens: int) -> numpy.ndarray:
    """_content_indices on `doc.to_array([IS_PUNCT, IS_SPACE, LOWER, ...])`."""
    keep = (flags[:, 0] == 0) & (flags[:, 1] == 0) & ~_function_words(flags[:, 2])
    return numpy.flatnonzero(keep)[:tokens]


def _function_words(lower: numpy.ndarray) -> numpy.ndarray:
    """Which LOWER ids are _FUNCTION_WORDS: numpy.isin's answer, by a binary search in the
    sorted ids (isin sorts the message's ids each time, and cost ten times as much)."""
    at = numpy.minimum(numpy.searchsorted(_FUNCTION_IDS, lower), len(_FUNCTION_IDS) - 1)
    return _FUNCTION_IDS[at] == lower


def view_parts(view: Doc, size: int, stride: int) -> list[Doc]:
    """Overlapping parts of `view`: `size` tokens starting every `stride`, the last one
    ending with the view; none for a view of at most `size` tokens (it is one part)."""
    return [
        Doc(view.vocab, words=[token.text for token in view[start:end]])
        for start, end in _part_bounds(len(view), size, stride)
    ]


def _part_bounds(length: int, size: int, stride: int) -> list[tuple[int, int]]:
    if length <= size:
        return []
    starts = list(range(0, length - size + 1, stride))
    if starts[-1] + size < length:
        starts.append(length - size)
    return [(start, start + size) for start in starts]


def part_ngrams(
    ops: Any,
    orths: Sequence[numpy.ndarray],
    bounds: Sequence[Sequence[tuple[int, int]]],
    size: int,
    ngram_size: int,
) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """What spaCy's extract_ngrams gives the bag-of-words model for the parts of views, all
    `size` tokens long, made in one go: per part, its sorted distinct n-gram keys (n from 1
    to `ngram_size`), how often each occurs, and how many there are.

    `orths` are the views' ORTH ids, `bounds` each view's parts (_part_bounds). An n-gram's
    key hashes its n ids alone, so a part's n-grams are a slice of its view's: each view's
    are hashed once, and the parts' rows are sorted and counted as one array, where
    extract_ngrams hashes, joins and counts each part in turn (its numpy calls cost more
    than the work)."""
    rows = []
    for orth, spans in zip(orths, bounds, strict=True):
        if not spans:
            continue
        grams = [orth, *(ops.ngrams(n, orth) for n in range(2, ngram_size + 1))]
        offsets = numpy.cumsum([0, *(len(gram) for gram in grams[:-1])])
        columns = numpy.concatenate(
            [offset + numpy.arange(size - n + 1) for n, offset in enumerate(offsets, start=1)]
        )
        starts = numpy.array([start for start, _ in spans])
        rows.append(numpy.concatenate(grams)[starts[:, None] + columns])
    matrix = numpy.concatenate(rows)  # the caller has parts to read (_predict_parts)
    matrix.sort(axis=1)
    first = numpy.ones(matrix.shape, bool)  # a key's first place in its sorted row
    first[:, 1:] = matrix[:, 1:] != matrix[:, :-1]
    places = numpy.flatnonzero(first)  # each row starts with a first place
    counts = numpy.diff(numpy.append(places, matrix.size))
    return (
        matrix[first],
        numpy.asarray(counts, dtype="f"),
        numpy.asarray(first.sum(axis=1), dtype="int32"),
    )


class _BagOfWords:
    """A view, or a part of one, as the bag-of-words model sees it: its ORTH ids only.

    spaCy's TextCatBOW reads a Doc only through `doc.to_array([ORTH])` (extract_ngrams), so
    a slice of the view's array stands in for a Doc of the part: building a Doc per part
    cost more than reading it.
    """

    __slots__ = ("orth",)

    def __init__(self, orth: numpy.ndarray) -> None:
        self.orth = orth

    def __len__(self) -> int:
        return len(self.orth)

    def to_array(self, attrs: Sequence[int]) -> numpy.ndarray:
        if list(attrs) != [ORTH]:
            raise ModelError(f"a view part holds ORTH ids only, not {attrs!r}")
        return self.orth


def merge_parts(
    whole: Mapping[str, float], parts: Sequence[Mapping[str, float]]
) -> dict[str, float]:
    """The model's probabilities for a message read whole and in parts.

    When a part reads as less noise-like than the whole, not_recruiting becomes the
    geometric mean of the whole's reading and that least noise-like part's, and the other
    labels share the rest in the whole's proportions: a message is noise only as far as
    every part of it reads as noise, and which kind of recruiting mail it is stays the
    whole message's call. Long notices bury one sentence of news in boilerplate, and
    summed over the whole a bag of words drifts to noise. (Measured against taking the
    part's lowest value and scaling all eight to sum to 1, which left a confident whole
    nearly where it was: docs/classifier.md, seventh round.)
    """
    noise = Label.NOT_RECRUITING.value
    lowest = min([whole[noise], *(part[noise] for part in parts)])
    rest = sum(value for key, value in whole.items() if key != noise)
    if lowest >= whole[noise] or rest <= 0.0:  # nothing lower, or every other label underflowed
        return dict(whole)
    merged = math.sqrt(whole[noise] * lowest)
    return {
        key: merged if key == noise else (1.0 - merged) * value / rest
        for key, value in whole.items()
    }


# --- rules ---------------------------------------------------------------------------------


NEGATIONS = ["not", "n't", "unable", "cannot", "longer"]

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
            [  # "not able to offer you", "won't offer the role" ("wo" + "n't" as tokens)
                {"LOWER": {"IN": NEGATIONS}},
                {"LOWER": "able", "OP": "?"},
                {"LOWER": "to", "OP": "?"},
                {"LOWER": "offer"},
                {"LOWER": {"IN": ["you", "the", "a", "an"]}},
            ],
            [  # "no longer able to make you an offer", "cannot extend an offer"
                {"LOWER": {"IN": NEGATIONS}},
                {"LOWER": "able", "OP": "?"},
                {"LOWER": "to", "OP": "?"},
                {"LOWER": {"IN": ["make", "extend"]}},
                {"LOWER": "you", "OP": "?"},
                {"LOWER": {"IN": ["an", "a", "the", "any"]}, "OP": "?"},
                {"LOWER": {"IN": ["offer", "formal"]}},
            ],
            [  # "will not be extending an offer"
                {"LOWER": {"IN": NEGATIONS}},
                {"LOWER": "be", "OP": "?"},
                {"LOWER": {"IN": ["extending", "making", "offering"]}},
                {"LOWER": "you", "OP": "?"},
                {"LOWER": {"IN": ["an", "a", "the"]}, "OP": "?"},
                {"LOWER": {"IN": ["offer", "position", "role", "job"]}},
            ],
            [
                {"LOWER": "decided"},
                {"LOWER": "not"},
                {"LOWER": "to"},
                {"LOWER": {"IN": ["offer", "extend", "make"]}},
            ],
            [
                {"LOWER": "unfortunately"},
                {"OP": "{0,8}", "LOWER": {"NOT_IN": [".", "!", "?"]}},
                {"LOWER": {"IN": ["not", "n't"]}},
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

# A cheap test on the text: can any override pattern match at all? One expression per
# shape, each starting with words or a literal: re skips ahead to where such a start can
# be, which one alternation of all shapes kept it from doing (it cost 0.1-0.2 ms a message).
# Beside each, words that every match holds: `in` finds them in about 1 µs, where a search
# that finds nothing still reads the whole text (20-40 µs on 3,000 characters). The first
# shape has none worth looking for: nearly every message holds a "not".
_MAY_OVERRIDE: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), needles)
    for pattern, needles in (
        (
            r"(?:not|unable|cannot|unfortunately|longer|n't)\b.{0,80}?"
            r"\b(?:offer|extend|extending|make|making|moving|proceeding|progressing|offering)\b",
            (),
        ),
        (r"%\s*off\b", ("%",)),
        (r"(?:promo|discount|coupon|voucher) codes?\b", (" code",)),
        (r"limited time (?:offer|only|deal)\b", ("limited time ",)),
        (r"free (?:shipping|delivery)\b", ("free ",)),
        (
            r"(?:special|exclusive|black|holiday|our) (?:offers?|deals?|friday) "
            r"(?:ends|expires|on|for)\b",
            (" offer", " deal", " friday"),
        ),
    )
)
"""Where an override pattern could match: the Matcher then reads only a window around it."""


def _may_override(text: str) -> list[re.Match[str]]:
    """The places in `text` where an override rule could match, in text order."""
    found = [
        match
        for pattern, needles in _MAY_OVERRIDE
        if not needles or any(needle in text for needle in needles)
        for match in pattern.finditer(text)
    ]
    found.sort(key=lambda match: match.start())  # stable: at one start, the order above
    return found


# A sales-offer rule only fires when no job word is present (an offer letter may mention
# a discount on gym membership).
_JOB_WORDS = re.compile(r"\b(?:position|role|candidacy|application|interview|salary|employment)\b")

# Mass "work from home" job spam (docs/labels.md): a money-from-home pitch AND a mass-mail
# mark. Either alone is not enough: real remote roles are "work from home", and real
# entry-level adverts say "no experience required".
_SPAM_PITCH = re.compile(
    r"(?:work(?:ing)? (?:from|at) home|home[- ]based (?:business|opportunity|income)|"
    r"be your own boss|make money|earn (?:up to )?\$|extra income|financial freedom)"
)
"""Starts at a word boundary (`_search_at_word_start`): a leading \\b would halve its speed."""
_SPAM_PITCH_WORDS = ("home", "boss", "money", "earn", "income", "freedom")
"""Each pitch holds one of these: looking for them first saves the search in most mail."""
_SPAM_MARK = re.compile(
    r"\bno (?:prior )?experience (?:is )?(?:necessary|required|needed)\b|\bto be removed\b|"
    r"\bremoved? from (?:our|this|the) (?:list|mailing|link)|\bfree info\b|"
    r"\bfill out (?:our|the) (?:info|information) form\b|\bguaranteed!"
)

# Mail the user gets as an employer (docs/labels.md): an ATS or job plugin telling them a
# candidate applied. "New" is the mark: a candidate hears "your application has been
# received", an employer "new application received for the position ...".
_EMPLOYER_NOTICE = re.compile(
    r"(?<!your )\bnew (?:job )?application (?:has been |was )?(?:received|submitted)\b|"
    r"(?<!your )\bnew application for (?:the )?(?:position|job|role|vacancy|your)\b|"
    r"\bnew (?:applicants?|candidates?) (?:for|to review|has applied|have applied|applied)\b|"
    r"\b\d+ new (?:applicants|candidates)\b|\b(?:a|the) candidate has applied\b|"
    # "Please review the initial application submitted by Sam Carter"
    r"\b(?:review|approve|assess|screen) (?:the |this )?(?:\w+ )?application submitted by "
    r"(?!you\b)"
)
_EMPLOYER_WORDS = ("new applica", "new candidate", "candidate has applied", "submitted by")
"""Each match holds one of these: looking for them first costs 1-2 µs, the search 200."""

# Their call-off of a time agreed, with other times to come (docs/labels.md: an interview
# cancelled or moved is `interview`, with or without a new date): "Tuesday won't work after
# all - I'll send you some new times tomorrow", "our call on Thursday is off; I'll come back
# to you with new dates". Both halves are needed. The first names a day or a call as what is
# off; a day after "on" is when something else is ("the webinar on Tuesday is off", "the
# office is closed on Tuesday"). The second is the writer's own promise of other times.
_CALL_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today"
_CALLS = r"(?:call|interview|chat|catch-up|conversation|screen|slot|time|video call|phone call)"
_OFF = re.compile(
    r" (?:(?:won't|will not|doesn't|does not|can't|cannot|isn't going to|is not going to) "
    r"(?:work|go ahead|happen|be possible)|(?:is|has to be|will have to be|has been) "
    r"(?:off|cancelled|canceled|called off))\b"
)
"""What is said of the day or the call: searched first, as it starts with a space (re skips
ahead to each one). Searching for the day first cost 40-190 µs a message; this, 4-18."""
_OFF_WORDS = (
    "won't", "will not", "doesn't", "does not", "can't", "cannot", "going to", "is off",
    "be off", "been off", "cancel", "called off",
)  # fmt: skip
"""Each of _OFF's matches holds one of these: looking for them first saves its search in
most mail (20 µs a 2 KB message)."""
_OFF_WHAT = re.compile(
    rf"(?<!\bon )(?<!\bfrom )(?<!\buntil )(?<!\bby )"
    rf"\b(?:(?:{_CALL_DAYS})(?:'s {_CALLS})?|(?:our|my|your|that|the) (?:{_CALLS}|meeting))"
    r"(?: (?:on|at) [\w:]+| tomorrow| today)?$"
)
"""The day or the call said to be off, right before _OFF."""
_NEW_TIMES = re.compile(
    r"\b(?:i'll|i will|we'll|we will|i'm going to|we're going to|let me|i can|we can)"
    r"(?:(?! not\b|n't\b| if\b| whether\b)[^.!?;]){0,40}?"  # not "i'll tell you if new dates ..."
    r"\b(?:new|other|alternative|fresh|different|more|another) (?:(?:interview|call) )?"
    r"(?:times?|slots?|dates?|options|days?)\b"
    r"|\b(?:new|other|alternative) (?:times|slots|dates) (?:will |to )follow\b"
)
CALL_OFF_REACH = 160
"""How far (in characters) the promise of other times may be from the call-off."""
# The rule sees no thread, so the message itself must say it is hiring mail ("Re: Data
# Analyst - first interview", "your application", "Talent Acquisition" under the name): a
# dentist's "Tuesday won't work after all for your check-up - we'll send you some new times"
# and a friend's "Drinks" say the same words. Not _HIRING_WORDS: its "lesson", "talent",
# "first day" or "head of" fit a driving lesson or a school's notice as well.
_CALL_OFF_HIRING = re.compile(
    r"\b(?:interview\w*|roles?|(?<!in a )positions?|vacanc(?:y|ies)|applications?|applied for|"
    r"you applied|applicants?|candidates?|candidacy|hiring|recruit\w*|headhunt\w*|cv|shortlist\w*|"
    r"talent (?:acquisition|team|partner)|assessment centre|screening call|phone screen|"
    r"job (?:offer|description|spec))\b"
)
# ... and name no everyday life: the lexicon's everyday group (a tenancy application, your
# dentist, a delivery slot), or a time kept at a practice, a salon, with a courier or friends
_CALL_OFF_EVERYDAY = re.compile(
    r"\b(?:check-?ups?|dental|dentist|hygienist|orthodontist|clinic|surgery|gp|doctor|vet|"
    r"optician|physio\w*|haircut|salon|barber|your (?:delivery|order|parcel|booking|table|"
    r"reservation|repair)|courier|viewing|the property|dinner|drinks|birthday|wedding)\b"
)


def hiring_call_off(text: str, everyday: Sequence[str] = ()) -> bool:
    """Whether a call-off found in the normalised `text` (called_off) is hiring mail's: a
    hiring word, and neither one of the lexicon's `everyday` phrases found in it nor an
    everyday appointment ("your check-up", "drinks")."""
    return (
        not everyday
        and _CALL_OFF_HIRING.search(text) is not None
        and _CALL_OFF_EVERYDAY.search(text) is None
    )


def called_off(text: str) -> str | None:
    """Their call-off of a time with other times to come, in the normalised `text`: the
    words from the one to the other ("tuesday won't work after all - i'll send you some new
    times"), or None."""
    if not any(word in text for word in _OFF_WORDS):
        return None
    for off in _OFF.finditer(text):
        what = _OFF_WHAT.search(text, max(0, off.start() - 40), off.start())
        if what is None:
            continue
        start = max(0, what.start() - CALL_OFF_REACH)
        promise = _NEW_TIMES.search(text, start, off.end() + CALL_OFF_REACH)
        if promise is not None:
            begin, end = min(what.start(), promise.start()), max(off.end(), promise.end())
            return text[begin:end]
    return None


# An offer that is only supposed (docs/labels.md: `offer` is an offer made): "if we make an
# offer", "should you be offered the role", "in the event of an offer", "before we can make
# an offer", "we hope to make an offer", "if successful, an offer will be made". A lead that
# makes the rest hypothetical, then, within its clause, an offer being made or received.
_OFFER_OBJECT = r"(?:you )?(?:an?|any) (?:[\w-]+ )?offer\b"
_OFFERED_ROLE = r"(?:the|a|this) (?:[\w-]+ )?(?:position|role|job|post|place)\b"
_OFFER_EVENT = (
    rf"(?:make|makes|made|making|extend|extends|extended|extending|put forward) {_OFFER_OBJECT}"
    rf"|(?:receive|receives|received|get|gets|got) (?:an?|any) (?:[\w-]+ )?offer\b"
    rf"|offer(?:s|ed|ing)? you {_OFFERED_ROLE}|offered {_OFFERED_ROLE}"
    r"|(?:an?|any|the) (?:[\w-]+ )?offer (?:is|be|was|were|gets|will be|would be|has been|being) "
    r"(?:made|extended|forthcoming)\b"
    r"|(?:comes?|gets?|goes?|moves?|progress(?:es)?|leads?) to (?:an |the )?offer\b"
)
_CONDITIONAL_OFFER = re.compile(
    r"\b(?:(?:if|should|in the event that|in case|whether(?: or not)?|before|hope to|hoping to|"
    r"expect to|aim to|plan to|look to|looking to|look forward to|were "
    r"(?:we|they|you|my client|the client) to)"
    rf"(?: [^.!?;:]{{0,60}}?)? (?:{_OFFER_EVENT})"
    rf"|(?:may|might) (?:{_OFFER_EVENT})"  # right before it: "in May we are pleased to ..."
    r"|(?:in the event of|in case of|ahead of|before|prior to|pending) (?:an?|any) "
    r"(?:[\w-]+ )?offer\b"
    r"|(?:potential|possible|hypothetical) offer\b"
    r"|any offer (?:we|they) (?:make|made|would|might)\b|any offer (?:would|will|is|may) be\b)"
)
_REAL_OFFER = re.compile(
    r"\b(?P<how>pleased|delighted|happy|thrilled|excited|glad|like|love|want|wants|keen|going) "
    r"to (?:offer you|(?:extend|make) (?:you )?(?:an?|the|our|this) (?:[\w-]+ )?offer|"
    r"confirm (?:your|our|the|an?) (?:[\w-]+ )?offer)"
    r"|\b(?:attached|enclosed) (?:is |are )?(?:your|our|the) (?:[\w-]+ )?offer"
    r"|\bfind (?:attached|enclosed) (?:your|our|the) (?:[\w-]+ )?offer"
    r"|\b(?:your|the) (?:[\w-]+ )?offer (?:letter |pack |details )?(?:is|are) "
    r"(?:attached|enclosed)"
    r"|\bhere is your (?:[\w-]+ )?offer|\byou(?: have|'ve) been (?:offered|selected for appointment)"
    r"|\b(?:has|have) (?:come back with|made you) (?:an?|the) (?:[\w-]+ )?offer"
)
"""An offer made, which a supposed one elsewhere in the message does not take back."""
_REAL_OFFER_WORDS = ("offer", "selected for appointment")
"""Each of _REAL_OFFER's matches holds one of these ("offered" holds "offer"): looking for
them first saves its search in mail that names no offer."""
_WILLING = frozenset(("want", "wants", "keen", "going"))
"""The ways of _REAL_OFFER that a supposed offer may hold: "if they want to offer you the
role", "if we're going to offer you the job"."""


def conditional_offer(text: str) -> str | None:
    """The first supposed offer in the normalised `text` ("if we make an offer"), when no
    offer is made ("we are delighted to offer you the role; if you have any questions about
    the offer, ..." makes one); else None."""
    if "offer" not in text:
        return None
    supposed = list(_CONDITIONAL_OFFER.finditer(text))
    if not supposed:
        return None
    for made in _REAL_OFFER.finditer(text):
        if made["how"] not in _WILLING or not any(
            made.start() < s.end() and s.start() < made.end() for s in supposed
        ):
            return None
    return supposed[0].group()


# The everyday-life rule's guard: a word that places the message in hiring after all ("your
# application for the letting negotiator role", "your interview on Tuesday: ask reception
# for a parking permit"). Not "application": everyday life has as many (a tenancy
# application, a school application) and hiring mail names what it is for.
_HIRING_WORDS = re.compile(
    r"\b(?:positions?|roles?|candidacy|candidates?|salary|employment|employer|jobs?|"
    r"vacanc(?:y|ies)|hiring|recruit\w*|headhunt\w*|talent|cv|resume|résumé|careers?|hr|"
    r"interview\w*|start date|onboarding|induction|right to work|background check|"
    r"assessment centre|internships?|apprenticeships?|trainee\w*|placements?|graduate "
    r"(?:scheme|programme|program)|work experience|first day|new starters?|welcome aboard|"
    r"offer letter|notice period|relocation|payroll|probation|occupational health|"
    r"travel expenses|lesson|line manager|your manager|head of)\b"
)

# Words that make an everyday phrase the start of a job title when pre-processed mail writes
# it in lower case ("the tenancy officer post", "a mortgage adviser"); written as a name
# ("Tenancy Officer") it is passed over anyway (_everyday_words).
_TITLE_NOUNS = re.compile(
    r"[\s-]+(?:officers?|advis[eo]rs?|negotiators?|agents?|managers?|administrators?|"
    r"co-?ordinators?|specialists?|analysts?|clerks?|handlers?|assistants?|executives?|"
    r"writers?|validators?|secretar(?:y|ies)|tutors?|practitioners?|drivers?|receptionists?|"
    r"directors?|editors?|underwriters?|nurses?|technicians?|consultants?|leads?|coach(?:es)?|"
    r"workers?|liaison|supervisors?|associates?|partners?|operatives?|planners?)\b"
)

_WORD_CHARACTER = re.compile(r"\w")


def _everyday_words(phrases: Sequence[str], written: str) -> str | None:
    """The first of the everyday `phrases` (found in the lower-cased text) that `written`
    has as everyday words: in lower case, since a name is not ("Tenancy Officer", "Mortgage
    Adviser", "NHS Number Coordinator" are job titles an ATS writes as names), and not
    followed by a job-title noun ("the tenancy officer post"). Mail pre-processed to lower
    case has no names left to tell from everyday words ("thank you for applying to marathon
    event coordinator"): None."""
    written = _typed(written)
    if written == written.lower():
        return None
    return next((p for p in phrases if _as_everyday_words(p, written, r"(?<!\w)", written)), None)


def _your_everyday_subject(phrases: Sequence[str], subject: str) -> str | None:
    """The first of the everyday `phrases` that the `subject` names as the user's own, in
    lower case and not before a job-title noun ("Your mortgage application", "Re: your
    tenancy agreement"; not "Your mortgage adviser application"), or None."""
    subject = _typed(subject)
    lowered = subject.lower()
    return next(
        (p for p in phrases if _as_everyday_words(p, subject, r"\b[Yy]our\s+", lowered)), None
    )


def _as_everyday_words(phrase: str, written: str, before: str, nouns_in: str) -> bool:
    """Whether `written` has the everyday `phrase` in lower case after `before` (a pattern),
    not followed by a job-title noun ("the tenancy officer post") as `nouns_in` (`written`,
    or the subject in lower case) has it there."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return any(
        not _TITLE_NOUNS.match(nouns_in, match.end())
        for match in re.finditer(rf"{before}{words}(?!\w)", written)
    )


def _search_at_word_start(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` that starts a word: what a leading \\b would find."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start = match.start()
        if start == 0 or not _WORD_CHARACTER.match(text, start - 1):
            return match
        position = start + 1
    return None


def _search_near(
    pattern: re.Pattern[str], text: str, needles: Sequence[str], before: int, after: int
) -> re.Match[str] | None:
    """The first match of `pattern` in a window around a needle: from `before` characters
    before each place a needle is found to `after` characters after it. For a pattern whose
    matches all hold a needle within those reaches: str.find skips to each (about 1 µs a
    needle), where a search of a 2 KB text that finds nothing costs 20-60 µs."""
    for needle in needles:
        at = text.find(needle)
        while at != -1:
            found = pattern.search(text, max(0, at - before), at + after)
            if found is not None:
                return found
            at = text.find(needle, at + 1)
    return None


# News behind a login (docs/labels.md): a portal's notice that the application's status has
# changed or been updated, with an instruction to sign in to read it ("The status of your
# application for Staff Engineer has changed. Please sign in to your Candidate Home account to
# view the latest status", "There's an update on your application ... Please log in to your
# candidate portal to view it"). Not "has changed to Interview": that says what.
_CHANGED = re.compile(
    r"\b(?:status|application|candidacy|submission)\b[^.!?;]{0,60}?\b(?:has|have) (?:just )?"
    r"(?:been )?(?:changed|updated)\b(?! to\b)"
    r"|\b(?:there(?:'s| is| has been)|you(?:'ve| have)) (?:an? |some )?(?:new |important )?"
    r"(?:update|change|message|information)s? (?:on|to|regarding|about|for|concerning|related "
    r"to) (?:the status of )?your (?:job )?(?:application|candidacy|submission)"
    r"|\b(?:an? update|a change) has been made to (?:the status of )?your (?:application|candidacy)"
    r"|\bwe(?:'ve| have) updated (?:the status of )?your (?:application|candidacy)"
)
_SIGN_IN = re.compile(r"\b(?:sign(?:ing)? ?in(?:to)?|log(?:ging)? ?(?:in|on)(?:to)?|login)\b")
_SIGN_IN_WORDS = SIGN_IN_PHRASES
"""Each sign-in holds one of these: looking for them first saves the search in most mail
(lookalike.behind_login reads the same words)."""
_CHANGE_WORDS = CHANGE_WORDS + NEWS_WORDS
"""Each notice of a change holds one of these (_CHANGED; lookalike.behind_login's too)."""
SIGN_IN_REACH = 300
"""How far (in characters) after the notice of a change the sign-in may come."""
# What a notice with the news in it says: the decision, an invitation, a task or a date
# ("... has changed: unfortunately ...", "Your application status: Not selected", "log in to
# choose a time for your interview", "upload your references by Friday")
_NEWS_IN_VIEW = re.compile(
    r"\b(?:unfortunately|regret\w*|sorry|congratulat\w*|pleased|delighted|happy to|excited|"
    r"good news|invit\w*|interview\w*|offer\w*|assessment|test|schedul\w*|availability|"
    r"choose a time|book a|unsuccessful|not (?:been )?(?:selected|successful|shortlisted|"
    r"progress\w*)|other candidates|move forward|moving forward|decided|decision|rejected|"
    r"declined|withdrawn|filled|hired|shortlisted|on hold|upload|complete|provide|sign the|"
    r"deadline|by (?:mon|tues|wednes|thurs|fri|satur|sun)day|within \w+ (?:days|hours))\b"
)
_NEWS_CUES = frozenset(
    label.value
    for label in LABELS
    if label not in (Label.ACKNOWLEDGEMENT, Label.REQUEST, Label.NOT_RECRUITING)
)
"""The lexicon's groups whose phrase is news in such a notice. Not request: its "please sign"
is the sign-in's first words (the request words that matter are in _NEWS_IN_VIEW)."""


def changed_then_sign_in(text: str) -> str | None:
    """The words from a notice that something changed to the sign-in instruction within
    SIGN_IN_REACH after it, in the normalised `text` ("the status of your application ...
    has changed. please sign in"), or None: a portal's notice, whatever it is about."""
    if not any(word in text for word in _SIGN_IN_WORDS) or not any(
        word in text for word in _CHANGE_WORDS
    ):
        return None
    for changed in _CHANGED.finditer(text):
        sign_in = _SIGN_IN.search(text, changed.end(), changed.end() + SIGN_IN_REACH)
        if sign_in is not None:
            return f"{changed.group()} ... {sign_in.group()}"
    return None


def news_behind_login(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """The words from a portal's notice that something changed to its sign-in instruction,
    in the normalised `text` of hiring mail that says nothing else ("the status of your
    application for staff engineer (r-10423) has changed. please sign in"), or None.
    `hits` are the cue phrases found in it (RuleSet.cue_hits)."""
    if hits.get(EVERYDAY) or any(hits.get(group) for group in _NEWS_CUES):
        return None
    notice = changed_then_sign_in(text)
    if notice is None or _NEWS_IN_VIEW.search(text) or not _HIRING_WORDS.search(text):
        return None
    return notice


# A platform's receipt of a task the user did ("Your Brightwave Health test has been
# submitted", "Thanks for completing the General Coding Assessment", "Thank you for completing
# your video interview", "We have received your completed assessment"): not an application,
# nor a live interview ("thank you for taking the time to interview with us"), nor
# something else done ("your assessment point report has been completed", "46 responses
# were received")
_TASKS = (
    r"(?:test|assessment|challenge|exercise|take-home|questionnaire|case study|responses|"
    r"recording|(?:video|recorded|one-way|on-demand|asynchronous) interview)"
)
_TASK_DONE = re.compile(
    rf"\byour (?:[\w-]+ ){{0,4}}?{_TASKS}(?: for [^.!?;]{{0,60}}?)? (?:has|have|was|were) (?:been )?"
    r"(?:successfully )?(?:submitted|completed|received)\b"
    rf"|\bthank(?:s| you) for (?:completing|submitting|finishing) (?:your|the)\b[^.!?;]{{0,40}}?"
    rf"\b{_TASKS}\b"
    rf"|\b(?:we|i)(?:'ve| have) (?:now )?received your (?:completed )?[^.!?;]{{0,30}}?\b{_TASKS}\b"
    rf"|\byou(?:'ve| have) (?:successfully )?(?:submitted|completed) (?:your|the)\b[^.!?;]{{0,40}}?"
    rf"\b{_TASKS}\b"
)
_DONE_WORDS = ("submitted", "completed", "received", "completing", "submitting", "finishing")
"""Each match holds one of these: looking for them first costs 1 µs, the search 20."""
# What a receipt of a task does not say: a decision, an invitation, another task or a
# reminder of this one, a time ahead ("thank you for completing the first assessment; we'd
# like to invite you to ...", "your test has not been submitted yet", "your interview is
# booked for Tuesday at 10am")
_NEWS_AFTER_TASK = re.compile(
    r"\b(?:unfortunately|regret\w*|sorry|congratulat\w*|pleased|delighted|good news|invit\w*|"
    r"offer\w*|schedul\w*|availability|next (?:round|stage)|(?:second|final|onsite|next) "
    r"(?:round|stage|interview)|book a|unsuccessful|not (?:been )?(?:selected|successful|"
    r"shortlisted|progress\w*)|other candidates|move forward|moving forward|decided|"
    r"not yet|still need|please complete|remaining|reminder|expires?|deadline|booked|"
    r"confirmed|calendar|please (?:also|now)|next (?:task|step is)|also (?:complete|do|take)|"
    r"(?:take-home|questionnaire|case study) next|\d(?::\d\d)? ?[ap]\.?m)\b"
)
_DECISIONS = frozenset((Label.OFFER, Label.REJECTION, Label.DELAY))
# A sure reading of these says the receipt holds more than the task done: a decision, or
# a request ("... please also complete the personality questionnaire by Friday"); not an
# interview, which a video interview's own receipt is read as
_NOT_DONE_ONLY = _DECISIONS | {Label.REQUEST}
"""News a receipt of a task does not hold: their cue phrases, or the model's sure reading
(the rule does not overrule it: "we can't offer you a place: your challenge didn't quite
reach the level")."""
# Hiring mail: a hiring word, or the kind of test hiring uses ("coding assessment", "the
# hiring team"); not a driving test, a tax self-assessment or a customer questionnaire
_TASK_HIRING = re.compile(
    r"\b(?:coding|technical|online|skills?|aptitude|psychometric|cognitive|personality|"
    r"programming) (?:test|assessment|challenge)|\bhiring (?:team|manager)\b"
)


def task_done(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """The words of a platform's receipt of a task the user did (a test, an assessment, a
    video interview) in the normalised `text` of hiring mail that says nothing else, or None.
    `hits` are the cue phrases found in it (RuleSet.cue_hits)."""
    if (
        hits.get(EVERYDAY)
        or any(hits.get(label.value) for label in _DECISIONS)
        or not any(word in text for word in _DONE_WORDS)
    ):
        return None
    done = _TASK_DONE.search(text)
    if (
        done is None
        or _NEWS_AFTER_TASK.search(text)
        or not (_HIRING_WORDS.search(text) or _TASK_HIRING.search(text))
    ):
        return None
    return done.group()


# A check on the user done (docs/labels.md, "A platform's receipt of a task the user did"): a
# screening vendor's "your background check for Brightway Market is complete and the results
# have been sent to Brightway Market". The check is named in it, which the lexicon holds as a
# request's words ("background check"); the notice asks nothing.
_CHECK_DONE = re.compile(
    r"\byour (?:[\w-]+ ){0,2}?(?:background (?:check|screening|screen)|drug (?:screen|test)|"
    r"pre-employment (?:check|screening)|(?:criminal )?record check)s?(?: for [^.!?;]{0,60}?)? "
    r"(?:is|are|has been|have been|was|were) (?:now )?(?:complete|completed|finished)\b"
)
_CHECK_DONE_WORDS = ("background", "drug ", "pre-employment", "record check")
_ASKS = re.compile(
    r"\b(?:please|kindly|action (?:required|needed)|(?:is|are) required|need (?:you|your|to)|"
    r"must|adverse|dispute|discrepanc\w*)\b|\?"
)
"""What a notice that asks something of the user says: "please", "action required",
"pre-adverse action" (the results hold something to answer), a question."""


def check_done(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """The words of a notice that a background check or drug screen of the user is complete,
    in the normalised `text` of mail about work that asks nothing and names no decision,
    invitation or time, or None. `hits` are the cue phrases found in it."""
    if (
        hits.get(EVERYDAY)
        or any(hits.get(label.value) for label in _DECISIONS)
        or not any(word in text for word in _CHECK_DONE_WORDS)
    ):
        return None
    done = _CHECK_DONE.search(text)
    if (
        done is None
        or _ASKS.search(text)
        or _NEWS_AFTER_TASK.search(text)
        or not (_HIRING_WORDS.search(text) or _SHIFT_WORK.search(text))
    ):
        return None
    return done.group()


# A reserve candidate (docs/labels.md, "A reserve candidate"): "the panel has decided to offer the
# post to another candidate; however, we would like to hold you as our reserve candidate until the
# preferred candidate has accepted", "I can't offer the spot right now; I'd like to keep you on our
# reserve list and I'll reach out first if a spot opens up in February". The post may still come
# to the user: the decision waits (`delay`), where the model and the "negated offer" rule read
# the other candidate's offer as the end. Both halves are needed: a list kept for this post
# (until the preferred candidate answers, if a post opens, news expected by a date), not a CV
# kept on file.
_RESERVE = re.compile(
    r"\b(?:hold|holds|held|holding|keep|keeps|kept|keeping|place|placed|placing|put|putting|add|"
    r"added|adding|have) (?:you|your (?:name|application|details)) (?:as (?:our|a|the) (?:first )?"
    r"reserve(?: candidate| choice)?|on (?:our|the|a) reserve list|in reserve)\b"
    r"|\byou(?:'ve| have) been (?:placed|put|added|kept|held) (?:on (?:our|the|a) reserve list|"
    r"in reserve|as (?:our|a|the) reserve candidate)\b"
    r"|\byou(?:'re| are) (?:now )?(?:on )?(?:our|the) reserve (?:list|candidate)\b"
)
_FOR_THIS_POST = re.compile(
    r"\buntil (?:the|our) (?:preferred|first|successful|chosen|other) candidate\b"
    r"|\b(?:if|should|in case|in the event that) (?:the|our) (?:preferred|first|successful|chosen|"
    r"other) candidate (?:declines?|withdraws?|does not|doesn't|turns?|falls?)\b"
    r"|\b(?:if|when|should|once) (?:a|the|another) (?:suitable )?(?:spot|place|post|position|role|"
    r"vacancy|opening|slot) (?:opens|becomes available|comes up|frees up|arises)\b"
    r"|\b(?:expect|hope) to (?:know|hear|confirm|decide) (?:by|in|before|within)\b"
)
"""What says the reserve is for this post, with news to come."""
_RESERVE_WORDS = (
    "reserve list", "reserve candidate", "in reserve", "reserve choice", "our reserve", "a reserve",
    "the reserve",
)  # fmt: skip
"""Each of _RESERVE's matches holds one of these ("reserve" alone is in every "all rights
reserved")."""
_RESERVE_NEGATED = re.compile(r"\b(?:not|unable|cannot)\b|n't\b")


def held_in_reserve(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """The words that hold the user in reserve for a post ("hold you as our reserve candidate
    until the preferred candidate has accepted") in the normalised `text` of mail that makes
    no offer (_REAL_OFFER) and names no everyday life, or None. `hits` are the cue phrases
    found in it."""
    if (
        "reserve" not in text
        or not any(word in text for word in _RESERVE_WORDS)
        or hits.get(EVERYDAY)
    ):
        return None
    for held in _RESERVE.finditer(text):
        if _RESERVE_NEGATED.search(text, max(0, held.start() - 30), held.start()):
            continue
        if _FOR_THIS_POST.search(text) is None or _REAL_OFFER.search(text):
            return None
        return held.group()
    return None


# A portal's status that names an offer (docs/labels.md, "Status updates"): "your application
# status has changed to Offer Extended", "Status: Offer", "your candidacy has moved to the
# Offer stage". The status is the news, as "has changed to Interview" is: the model reads
# these ATS templates as rejections (their usual news). Not the user's own answer to it
# ("Offer Accepted", "Offer Declined"), nor an offer taken back ("Offer Withdrawn"), nor an
# employer's "Candidate Rohan Desai was moved to the Offer stage" (no "your").
_OFFER_NAMED = (
    r"offer(?: (?:extended|made|sent|issued|released|stage|step|phase))?(?![\w-])"
    r"(?! (?:accepted|declined|withdrawn|rescinded|retracted|revoked|cancell?ed|canceled|"
    r"expired|rejected|pending|approval|approved|on hold)\b)"
)
_OFFER_STATUS = re.compile(
    r"\byour (?:job )?(?:application|candidacy|submission|status)\b[^.!?;]{0,80}?\b"
    r"(?:(?:changed|updated|moved|progressed|advanced|set) to|reached|entered) (?:the )?"
    rf"{_OFFER_NAMED}"
    rf"|\bstatus(?: (?:for|of) [^.!?;:]{{0,60}}?)?(?::| is now:?| is:) {_OFFER_NAMED}"
)
_OFFER_STATUS_WORDS = (
    "to offer", "to the offer", "reached offer", "reached the offer", "entered offer",
    "entered the offer", ": offer", "is now offer",
)  # fmt: skip
"""Each of _OFFER_STATUS's matches holds one of these ("status is: offer" holds ": offer"):
"offer" alone is in most hiring mail."""


def offer_status(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """The words of a portal's status that names an offer ("your application status has
    changed to offer extended", "status: offer") in the normalised `text` of hiring mail
    that says no rejection, or None. `hits` are the cue phrases found in it."""
    if (
        hits.get(EVERYDAY)
        or hits.get(Label.REJECTION.value)
        or not any(word in text for word in _OFFER_STATUS_WORDS)
    ):
        return None
    found = _OFFER_STATUS.search(text)
    if found is None or not _HIRING_WORDS.search(text):
        return None
    return found.group()


# An application or offer their system ended because the user did not answer in time
# (docs/labels.md: `rejection`, the process is over): "we withdrew your application because
# you didn't respond to the offer within 10 working days", "your application has been
# closed as we did not hear back from you". Done, not threatened ("your application will be
# withdrawn if you do not respond": a request), and not the user's own withdrawal ("you have
# withdrawn your application": rule "own decision").
_ENDED_WHAT = (
    r"(?:(?:[\w-]+ ){0,2}?(?:application|candidacy)|(?:conditional |unconditional |job )offer"
    r"|offer of employment)"
)
_ENDED_UNANSWERED = re.compile(
    r"\b(?:we(?: have|'ve)? (?:automatically )?(?:withdrawn|withdrew|closed|cancell?ed|canceled)"
    rf" your {_ENDED_WHAT}"
    rf"|\byour {_ENDED_WHAT}\b[^.!?;]{{0,60}}? (?:(?:has|have) (?:now )?been|was) "
    r"(?:automatically )?(?:withdrawn|closed|cancell?ed|canceled)"
    rf"|\byour {_ENDED_WHAT} (?:has )?(?:now )?(?:expired|lapsed))"
    r"\b[^.!?;]{0,80}?\b(?:because|as|since|due to the fact that) "
    r"(?:you|we) (?:did not|didn't|have not|haven't|had not|hadn't|failed to|were unable to)"
    r"(?: [\w-]+){0,2}? (?:respond|reply|accept|answer|hear|confirm|receive)\w*\b"
)
_ENDED_UNANSWERED_WORDS = ("withdr", "closed", "cancel", "expired", "lapsed")
# ... in hiring mail (a job, a role, the offer the user did not answer), not put right since
_ENDED_HIRING = re.compile(r"\boffer\b|\bcourse\b")
_ENDED_PUT_RIGHT = re.compile(r"\b(?:reopen\w*|re-open\w*|reinstat\w*|by mistake|in error)\b")
"""Each of _ENDED_UNANSWERED's matches holds one of these (and " you"), at most
_ENDED_BEFORE characters after its start and _ENDED_AFTER before its end."""
_ENDED_BEFORE, _ENDED_AFTER = 140, 230


def ended_unanswered(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """Their system's word that it ended the application because the user did not answer
    in time, in the normalised `text` of hiring mail (a hiring word, or the offer or course
    the user did not answer) that names no everyday life (a tenancy or mortgage
    application), no interview, and nothing put right since ("closed by mistake ... we have
    reopened it"), or None. A job's offer, not a webinar's or a class's place nor an upgrade
    offer (verification 16)."""
    if hits.get(EVERYDAY) or hits.get(Label.INTERVIEW.value) or " you" not in text:
        return None
    found = _search_near(
        _ENDED_UNANSWERED, text, _ENDED_UNANSWERED_WORDS, _ENDED_BEFORE, _ENDED_AFTER
    )
    if (
        found is None
        or not (_HIRING_WORDS.search(text) or _ENDED_HIRING.search(text))
        or _ENDED_PUT_RIGHT.search(text)
    ):
        return None
    return found.group()


# A place on an internship, apprenticeship or traineeship given (`offer`: "Congratulations on
# being accepted for the ... internship round! You have been selected as an intern for Acme
# Corp"): the programme's word for its offer. Not "selected for interview", "selected for
# the next stage of the apprenticeship process", "if you are selected as an intern", "you
# have not been selected", nor a fellowship (an honour or a grant as often as a post).
_PLACE_GIVEN = re.compile(
    r"(?:(?<!\bif )(?<!\bwhether )(?<!\bonce )(?<!\bwhen )"
    r"\byou(?: have|'ve) been (?:selected|chosen|accepted|appointed) as (?:an?|the|our|one of "
    r"(?:our|the)) (?:(?!(?:reserve|standby|backup|potential|prospective|possible)\b)[\w-]+ )"
    r"{0,2}?(?:interns?|apprentices?|trainees?)\b"
    r"|\bcongratulations on (?:being|your being) (?:selected|chosen|accepted) (?:for|into|onto|"
    r"as|to) (?:an?|the|our|this) (?:(?!(?:next|stage|step|phase|round of|interview\w*|"
    r"assessment|shortlist)\b)[^.!?;]){0,60}?\b(?:internships?|apprenticeships?|"
    r"traineeships?|interns?|apprentices?|trainees?)\b)"
    # ... and the place itself after it, not another thing of it ("selected as a trainee
    # candidate to attend our assessment centre", "the Summer Internship interview day", "a
    # trainee referee", "a trainee member of the Institute", "the internship waiting list")
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:for|with|at|in|on|from|starting|beginning|this|next|and"
    r"|round|programme|program|scheme|cohort)\b)"
)
_PLACE_GIVEN_WORDS = (" intern", " apprentice", " trainee")
"""Each of _PLACE_GIVEN's matches ends in one of these, at most _PLACE_BEFORE characters
after its start."""
_PLACE_BEFORE = 200


def place_given(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """A programme's word that the user has a place as its intern, apprentice or trainee, in
    the normalised `text` of mail with no interview cue (an invitation to the step before
    the place), or None. A rejection cue elsewhere does not stop it ("if you cannot take
    part, another candidate will be selected"): the words are the place given, not supposed
    or denied."""
    if hits.get(Label.INTERVIEW.value):
        return None
    found = _search_near(_PLACE_GIVEN, text, _PLACE_GIVEN_WORDS, _PLACE_BEFORE, 20)
    return found.group() if found else None


# A service's notice that applications are dealt with more slowly than usual (docs/labels.md:
# service-wide notices that applications are taking longer than usual are `delay`), not a
# receipt that says the same in passing (its receipt decides: `acknowledgement`).
_SLOWER = re.compile(
    # (?<![\w-]), not \b: a \b holds inside "a-a-a-...", where [\w-]+ would read the rest
    # of the run again from each one (quadratic on hostile mail)
    r"(?<![\w-])(?:your |all |job |our )?(?:(?P<kind>[\w-]+) )?applications? (?:\w+ ){0,3}?"
    r"(?:might|may|could|"
    r"will|are|is|are being|is being) (?:be )?(?:processed|reviewed|considered|dealt with|"
    r"handled|taking|take) (?:more slowly|longer) than (?:usual|normal|expected)\b"
)
_SLOWER_WORDS = ("than usual", "than normal", "than expected")
# ... in hiring mail: a hiring word, or the user's own application or training (not a
# membership's, a grant's or a leave request's applications)
_SLOWER_KINDS = frozenset(
    ("job", "training", "course", "the", "new", "all", "our", "your", "student", "candidate",
     "graduate")
)  # fmt: skip
"""The word a job's applications may have before them (not "leave", "membership", "grant")."""
_SLOWER_HIRING = re.compile(r"\b(?:your application|teacher training|training provider)\b")
"""Each of _SLOWER's matches ends in one of these, at most _SLOWER_BEFORE characters after
its start (for words of a usual length)."""
_SLOWER_BEFORE = 200


def slower_than_usual(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """A service's notice that applications go more slowly than usual, in the normalised
    `text` of hiring mail (_HIRING_WORDS, or "your application") with no other news (no
    receipt, decision or meeting cue) and no everyday or visa application, or None."""
    if (
        not any(word in text for word in _SLOWER_WORDS)
        or hits.get(EVERYDAY)
        or any(
            hits.get(label.value)
            for label in (Label.ACKNOWLEDGEMENT, Label.OFFER, Label.REJECTION, Label.INTERVIEW)
        )
    ):
        return None
    found = _search_near(_SLOWER, text, _SLOWER_WORDS, _SLOWER_BEFORE, 20)
    if (
        found is None
        or (found["kind"] is not None and found["kind"] not in _SLOWER_KINDS)
        or _IMMIGRATION_WORDS.search(text)
        or not (_HIRING_WORDS.search(text) or _SLOWER_HIRING.search(text))
    ):
        return None
    return found.group()


# The extension of the user's current contract or assignment (docs/labels.md: mail about the
# current job is `not_recruiting`): "they would like to extend your contract to the end of
# March", "finance have not approved the extension, so your contract will end on 18
# December", "Re: possible extension" / "still haven't signed off the extension". Not a
# pitch's "6 months with a likely extension", nor more time to answer an offer ("an
# extension to the deadline").
_CURRENT_CONTRACT = re.compile(
    r"\b(?:extend|extending|renew|renewing) your (?:current )?(?:contract|assignment|placement)\b"
    r"|\byour (?:current )?(?:contract|assignment|placement) (?:extension|renewal)\b"
    r"|\bextension (?:to|of) your (?:current )?(?:contract|assignment|placement)\b"
)
_EXTENSION_SUBJECT = re.compile(r"\bextension\b", re.IGNORECASE)
# more time for something else than the current contract: "extend your contract offer
# deadline", "the extension is fine: please complete the coding test by Friday"
_OTHER_EXTENSIONS = re.compile(
    r"\b(?:deadline|offer|application|closing date|visa|leave|loan|tests?|assessments?|tasks?"
    r"|exercises?|submissions?|case study|interview)\b"
)
_CURRENT_CONTRACT_WORDS = ("extend", "extension", "renew")
_SUPPOSED_EXTENSION = re.compile(
    r"\b(?:before|if|whether|instead of|rather than|unless|when|should) (?:\w+ ){0,2}?$"
)


def current_contract(
    item: ClassifierInput, text: str, hits: Mapping[str, Sequence[str]]
) -> str | None:
    """The words by which the normalised `text` is about extending the user's current
    contract (its subject a contract's extension, or the words above), in mail that pitches,
    offers or schedules nothing (no outreach, offer or interview cue) and extends nothing
    else (_OTHER_EXTENSIONS: an offer's deadline, a test), or None."""
    if not any(word in text for word in _CURRENT_CONTRACT_WORDS) or any(
        hits.get(label.value) for label in (Label.OUTREACH, Label.OFFER, Label.INTERVIEW)
    ):
        return None
    if _OTHER_EXTENSIONS.search(text):
        return None
    if (found := _CURRENT_CONTRACT.search(text)) is not None:
        # a pitch's "Before you renew your contract with your current client, have a look"
        if _SUPPOSED_EXTENSION.search(text, max(0, found.start() - 30), found.start()):
            return None
        return found.group()
    if _EXTENSION_SUBJECT.search(item.subject) and "the extension" in text:
        return "the extension"
    return None


# The user's visa or work permit (docs/labels.md, "Visas and work permits"): a state's notice
# about it is no hiring mail, and the employer's news of the sponsorship it files decides
# nothing; neither is a rejection or an offer, which the model reads in their portal words
# ("the status of your visa application has changed", "your residence permit application
# has been updated"). Not when the hiring's news is in it: "we are unable to sponsor visas,
# so we cannot move forward" is a rejection.
_IMMIGRATION = (
    r"(?:visas?|evisa|work permit|residence permit|immigration|biometrics?|h-?1b|petition|"
    r"green card|(?:visa )?sponsorship|certificate of sponsorship|(?:employment|work) "
    r"authori[sz]ation|right to work)"
)
_YOUR_IMMIGRATION = re.compile(rf"\byour (?:[\w-]+ ){{0,3}}?{_IMMIGRATION}\b")
_IMMIGRATION_WORDS = re.compile(rf"\b{_IMMIGRATION}\b")
"""Taken out before hiring words are looked for: "Application for Employment Authorization"
and "prove your right to work" are a state's words too."""
_IMMIGRATION_NEEDLES = (
    "visa", "permit", "immigration", "biometric", "1b", "petition", "green card", "sponsorship",
    "authori", "right to work",
)  # fmt: skip
"""Each of _YOUR_IMMIGRATION's matches holds one of these: looking for them first saves its
search in most mail."""
_HIRING_NEWS = re.compile(
    r"\b(?:unfortunately|regret\w*|sadly|sorry|unable|cannot|can't|not able|won't|will not|"
    r"doesn't|don't|isn't|withdr[ae]w\w*|not (?:be )?(?:moving|proceeding|progressing))\b"
)
"""What tells that a message about the user's visa holds the hiring's news ("unable to
sponsor", "the role doesn't offer sponsorship", "we have to withdraw our offer")."""
_SPONSOR_SIDE = re.compile(
    r"\b(?:people (?:team|operations)|(?:global )?mobility team|global mobility|our "
    r"(?:immigration )?(?:counsel|lawyers?|attorneys?|solicitors?)|immigration (?:counsel|"
    r"lawyers?|attorneys?|solicitors?))\b"
)
"""The employer's side of a sponsorship, when it names no hiring word ("People Team", "our
immigration counsel"): a state does not write so."""
_NOT_A_VISA_NOTICE = frozenset((Label.REJECTION, Label.OFFER))
"""The hiring's news, which a notice about the user's visa neither holds (as cue phrases)
nor is (as the model's reading)."""


def visa_notice(text: str, hits: Mapping[str, Sequence[str]]) -> tuple[str, bool] | None:
    """The words of a notice about the user's visa, work permit or sponsorship ("your visa",
    "your work permit") in the normalised `text`, and whether it is hiring mail (a hiring
    word besides the visa's: the employer's), when it holds none of the hiring's news (an
    offer or rejection cue, "unfortunately", "unable to sponsor"); else None. `hits` are
    the cue phrases found in it."""
    if any(hits.get(label.value) for label in _NOT_A_VISA_NOTICE) or not any(
        word in text for word in _IMMIGRATION_NEEDLES
    ):
        return None
    found = _YOUR_IMMIGRATION.search(text)
    if found is None or _HIRING_NEWS.search(text):
        return None
    hiring = _SPONSOR_SIDE.search(text) or _HIRING_WORDS.search(_IMMIGRATION_WORDS.sub(" ", text))
    return found.group(), hiring is not None


# A reminder to take or finish a task they set (docs/labels.md, "Reminders"): "Reminder: your
# test expires soon", "you haven't completed your HireVue interview yet", "your assessment is
# still waiting for you". The invitation was read when it came (`interview`); the reminder
# asks the user to act by a date: `request`. Not an assessment day or centre, which is a
# meeting ("just a reminder that your assessment day is tomorrow from 08:45").
_REMINDED_TASK = re.compile(
    r"\b(?:your|(?:complete|finish|take|start|record|submit|invited you to) (?:the|your|an?)) "
    rf"(?:[\w-]+ ){{0,4}}?(?:{_TASKS}|hirevue interview)\b"
    r"(?! (?:day|centre|center|event|session)s?\b)"
)
_REMINDER = re.compile(
    r"\b(?:reminder|remind(?:ing)? you|(?:don't|do not) forget|last chance|"
    r"(?:haven't|have not|not yet|yet to) (?:yet )?(?:complete|completed|start|started|finish|"
    r"finished|submit|submitted|take|taken|record|recorded)|still (?:open|waiting|pending|"
    r"available|incomplete|outstanding)(?! for \d)|\d+ (?:hours?|days?) left|(?:expires?|expiring|closes|"
    r"closing|is due|are due) (?:soon|today|tonight|tomorrow|in \d+ hours))"
)
_REMINDER_WORDS = (
    "remind", "forget", "last chance", "haven't", "have not", "not yet", "yet to", "still open",
    "still waiting", "still pending", "still available", "still incomplete",
    "still outstanding", " left", "expires ", "expire ", "expiring ", "closes ", "closing ",
    "is due ", "are due ",
)  # fmt: skip
"""Each of _REMINDER's matches holds one of these: looking for them first saves its search
in most mail."""
_REMINDER_TO_COME = re.compile(
    r"(?:will|'ll|to) (?:send|get|receive|email)(?: you)? (?:an? )?(?:[\w-]+ )?$"
)
"""Before a reminder that is only promised, in an invitation ("you will get a reminder 24
hours before the link expires", "we'll send a reminder before it closes"), which is no
reminder yet."""
_TASK_REACH = 120
"""How far (in characters) the task may be from the reminder, either side."""
_TEST_TOOLS = re.compile(
    r"\b(?:hackerrank|codility|codesignal|testgorilla|hirevue|coderbyte|coderpad|spark hire|"
    r"pymetrics|mettl|vervoe|shl)\b"
)
"""Assessment platforms named in their mail: hiring mail, though it may name no hiring word
("Your Codility test for Ridgeway expires tomorrow")."""
_NOT_REMINDER_ONLY = frozenset((Label.OFFER, Label.REJECTION, Label.DELAY))
"""A sure reading of these says the reminder holds a decision; only the offer and rejection
cues do, as a delay's ("still waiting", "need more time") are a reminder's words too."""


def task_reminder(text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """The words of a reminder to take or finish a test, assessment or recorded interview in
    the normalised `text` of hiring mail that names no decision, or None. `hits` are the cue
    phrases found in it."""
    # the cue phrases first: a look-up, where a search reads the whole text
    if (
        hits.get(EVERYDAY)
        or hits.get(Label.OFFER.value)
        or hits.get(Label.REJECTION.value)
        or not any(word in text for word in _REMINDER_WORDS)
    ):
        return None
    for reminder in _REMINDER.finditer(text):
        if _REMINDER_TO_COME.search(text, max(0, reminder.start() - 40), reminder.start()):
            continue
        start, end = max(0, reminder.start() - _TASK_REACH), reminder.end() + _TASK_REACH
        task = _REMINDED_TASK.search(text, start, end)
        if task is None:
            continue
        if not (
            _HIRING_WORDS.search(text) or _TASK_HIRING.search(text) or _TEST_TOOLS.search(text)
        ):
            return None
        return f"{reminder.group()} ... {task.group()}"
    return None


# Hourly and agency work (docs/labels.md, "Hourly work and staffing agencies"). A staffing
# agency's or a shop's mail is short and says its news in words of its own, which the model,
# trained on office hiring, reads as noise or guesses at: the placement ("your assignment at
# Lakeshore Distribution starts Monday 7am, report to dock 4"), an invitation to come in
# ("please come to our office for a quick interview and paperwork", "can u come in tmrw at
# 2?"), a drug screen asked for ("next step is a drug screen, please go to any Concentra
# location by Friday"), "r u still interested". Each rule needs mail about work: a hiring word
# or a word of shift work (_SHIFT_WORK).
_SHIFT_WORK = re.compile(
    r"\b(?:shifts?|per hour|/hr|hourly|pay rate|steel[- ]toed?s?|"
    r"clock(?:ing)? in|timesheets?|staffing|temps?|temp-to-hire|supervisor|i-9|e-verify|"
    r"openings?)\b"
)
"""Words of shift and temporary work that _HIRING_WORDS does not hold."""
_PLACEMENT = re.compile(
    r"\byour (?:(?:new|next|first|temp|temporary|contract|agency|work|job) )?assignment "
    r"(?:(?:at|with) (?:[^.!?;]|\.\d){1,60}? )?(?:starts|begins|will (?:start|begin)|"
    r"is (?:set|due|scheduled) to (?:start|begin)|is starting|starting)\b(?! date)"
    r"|\b(?:an?|one) (?:(?:new|temp|temporary|contract|long-term|short-term|full-time|part-time) )*"
    r"assignment for (?:you|u) (?:(?:at|with) (?:[^.!?;]|\.\d){1,60}? )?"
    r"(?:starting|that starts|which starts|to start|beginning)\b(?! date)"
)
"""An agency's placement of the user, with its start: the job is confirmed (`offer`). Not a
school's "your assignment for Module 4" (no start), nor "your assignment start date"."""
_PLACEMENT_OFF = re.compile(
    r"\b(?:cancel\w*|postpone\w*|on hold|push(?:ed)? back|delay\w*|no longer|unfortunately|"
    r"regret\w*|f[ae]ll(?:en)? through)\b"
)
"""A placement called off or put back, which is no offer."""
_SUPPOSED = re.compile(r"\b(?:if|whether|should|unless|in case)\b[^.!?;]{0,60}$")
"""A lead that only supposes what follows it in its sentence ("if your assignment starts")."""
_COME_IN = re.compile(
    r" (?:come|stop|drop|pop|swing|head) (?:in|by|over|down|into (?:our|the) [\w-]+|to (?:our|the) "
    r"(?:[\w-]+ )?(?:office|branch|store|shop|restaurant|location|site|warehouse|centre|center))\b"
)
"""Coming in: searched first, as it starts with a space (re skips ahead to each one); a lead
that invites before it, then an interview or a time asked after it."""
_COME_IN_LEAD = re.compile(
    r"\b(?:please|pls|plz|(?:can|could|would|will) (?:you|u)|(?:like|want|love|need|invite|ask) "
    r"(?:you|u) to|(?:you|u) (?:be )?able to)$"
)
"""An invitation, right before coming in: not "thank you for taking the time to come in for an
interview"."""
LEAD_REACH = 24
"""How far (in characters) before coming in its lead may start."""
_FOR_INTERVIEW = re.compile(
    r"(?: [^.!?;]{0,40}?)? for (?:an?|your|the) (?:(?:quick|short|brief|informal|in-person|"
    r"in person|face-to-face|working|walk-in|first|second|final|formal|job) )*interview\b"
)
"""Coming in for an interview ("please come to our office for a quick interview and
paperwork"); not a "mock interview"."""
_AT_A_TIME = re.compile(
    r" (?:tomorrow|tmrw|tmr|today|tonight|this (?:morning|afternoon|evening|week)|"
    r"(?:on |this |next )?(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)"
    r"(?: at \d{1,2}(?::\d\d)?(?: ?[ap]\.?m\.?)?)?\?"
)
"""Coming in at a day or time asked, and nothing more ("can u come in tmrw at 2?"): in mail
about an application, an interview. Not a manager's "can you come in tomorrow at 2 to cover a
shift?" (the question goes on)."""
_APPLYING = re.compile(r"\bfor applying\b")
_HIRING_EVENT = re.compile(
    r"\b(?:registering|registered|registration|signing up|signed up) for (?:our|the|this|a) "
    r"(?:[\w-]+ ){0,2}?hiring (?:event|day)\b"
)
"""The user's registration for an employer's hiring event: with interviews on the day, a booked
visit (`interview`), where a careers fair for everyone is no hiring mail."""
_CHECK_ASKED = re.compile(
    r"\b(?:next step is|(?:please|pls) (?:go|head|get|take|complete|schedule|do|book|visit|"
    r"report)|(?:you(?:'ll| will)|we(?:'ll| will)|i(?:'ll| will)) need (?:you )?to (?:take|"
    r"complete|do|get|pass|schedule|book)|need (?:you|u) to (?:take|complete|do|get|pass|"
    r"schedule|book))\b[^.!?;]{0,40}?\b(?:drug (?:screen|test)|drug screening|(?:urine|saliva|"
    r"mouth swab) (?:test|screen))\b"
)
"""A drug screen asked of the user (`request`, as a background check is)."""
_MEETING_NAMED = re.compile(r"\binterview\w*|\b(?:call|chat|meeting)\b|\d ?[ap]\.?m\b")
"""What an interview read in a message asking for a drug screen may stand on: "the next step
is an interview and a drug screen"; not the agency's "good to meet you today"."""
_CHECK_WORDS = ("drug ", "urine ", "saliva ", "swab ")
_STILL_INTERESTED = re.compile(
    r"\b(?:are|r) (?:you|u|ya) still interested\b|\b(?:you|u) still interested\?"
)
"""Their question whether the user still wants the job: `request` (the written requests hold
"Are you still interested?"); not "if you are still interested"."""
_NOT_PLACED = frozenset((Label.REJECTION, Label.DELAY))


def _work_mail(text: str) -> bool:
    """Whether the normalised `text` is about work: a hiring word or one of shift work."""
    return _HIRING_WORDS.search(text) is not None or _SHIFT_WORK.search(text) is not None


def hourly_news(
    text: str, hits: Mapping[str, Sequence[str]], label: Label, sure: bool
) -> tuple[Label, str, str] | None:
    """The label, rule and words of an agency's or a shop's news in the normalised `text`
    of mail about work, when the reading (`label`, `sure` when at REVIEW_THRESHOLD or more)
    leaves room for it; else None. `hits` are the cue phrases found in it.

    - "placement": their placement of the user with its start ("your assignment at X starts
      Monday") is `offer`, unless a rejection or delay is read or cued, or it is called off;
    - "come in": an invitation to come in for an interview, or at a time asked in mail
      about an application, is `interview`, unless a decision is read surely or cued;
    - "hiring event": the user's registration for an employer's hiring event with interviews
      ("thanks for registering for our hiring event ... walk-in interviews Saturday") is
      `interview`, a booked visit, unless a decision is read surely;
    - "drug screen": a drug screen asked for is `request`, unless a decision is read surely
      ("we are pleased to offer you the role; you will need to pass a drug test" is an
      offer), or an interview with an interview, a call or a time named in the message, or a
      rejection is cued;
    - "still interested": "are you still interested?" is `request` when the reading is noise
      or unsure, and no decision is cued.
    """
    if hits.get(EVERYDAY) or hits.get(Label.REJECTION.value):
        return None
    decided = any(hits.get(group.value) for group in _DECISIONS)
    if "assignment" in text and not hits.get(Label.DELAY.value):
        for placed in _PLACEMENT.finditer(text):
            start = max(0, placed.start() - 60)
            if (
                not (sure and label in _NOT_PLACED)
                and not _SUPPOSED.search(text, start, placed.start())
                and not _PLACEMENT_OFF.search(text)
                and _work_mail(text)
            ):
                return Label.OFFER, "placement", placed.group()
            break
    if not decided and not (sure and label in _DECISIONS):
        for coming in _COME_IN.finditer(text):
            invitation = _COME_IN_LEAD.search(
                text, max(0, coming.start() - LEAD_REACH), coming.start()
            )
            if invitation is None:
                continue
            lead = invitation.start()
            # the interview named is no hiring word of its own (a radio studio's "come in
            # for an interview"); a time asked is one in mail about an application only
            if (invited := _FOR_INTERVIEW.match(text, coming.end())) is not None:
                if _work_mail(text[:lead] + text[invited.end() :]):
                    return Label.INTERVIEW, "come in", text[lead : invited.end()].strip()
            elif (asked := _AT_A_TIME.match(text, coming.end())) is not None and (
                _HIRING_WORDS.search(text)
                or _CALL_OFF_HIRING.search(text)
                or _APPLYING.search(text)
            ):
                return Label.INTERVIEW, "come in", text[lead : asked.end()].strip()
    if ("hiring event" in text or "hiring day" in text) and "interview" in text:
        event = _HIRING_EVENT.search(text)  # "many leave with a conditional offer": no decision
        if event is not None and not (sure and label in _DECISIONS):
            return Label.INTERVIEW, "hiring event", event.group()
    if any(word in text for word in _CHECK_WORDS):
        asked = _CHECK_ASKED.search(text)
        interview = label is Label.INTERVIEW and _MEETING_NAMED.search(text) is not None
        if (
            asked is not None
            and not (sure and (label in _DECISIONS or interview))
            and _work_mail(text)
        ):
            return Label.REQUEST, "drug screen", asked.group()
    if "still interested" in text and not decided and (label is Label.NOT_RECRUITING or not sure):
        question = _STILL_INTERESTED.search(text)
        if question is not None and _work_mail(text):
            return Label.REQUEST, "still interested", question.group()
    return None


# Mail in German (docs/labels.md, "Mail in German"). The model and the cue phrases know English
# only, and read a German ATS's receipt, rejection or invitation by its few English words (a
# Personio receipt: request 0.30). Three rules read the stock German phrases of hiring mail;
# everything else in German is left to the model. Umlauts may be written out ("fuer"), as
# systems without them do.
_AE, _OE, _UE = "(?:ä|ae)", "(?:ö|oe)", "(?:ü|ue)"
_GERMAN_CONDITIONAL = re.compile(r"(?<![\w-])(?:sollten?|falls|wenn|sofern)\b[^.!?]*")
"""A supposed event, to its sentence's end: "Sollten Sie in die engere Auswahl kommen, laden
wir Sie zu einem Gespräch ein" is a receipt's promise, no invitation (left out of the reading)."""
_GERMAN_REJECTION = re.compile(
    rf"\bleider\b[^.!?]{{0,150}}?\bnicht (?:weiter |mehr |l{_AE}nger )?(?:ber{_UE}cksichtig\w*|"
    rf"in betracht|weiterverfolg\w*|weiter verfolg\w*|in die (?:engere|n{_AE}here|n{_AE}chste) "
    rf"auswahl)|\bkeine positive (?:r{_UE}ckmeldung|nachricht)\b"
    rf"|\b(?:uns|sich) (?:\w+ ){{0,3}}?(?:f{_UE}r (?:einen anderen|eine andere|andere|eine "
    rf"passendere|einen passenderen) (?:[\w-]+ )?(?:kandidat\w*|bewerber\w*|bewerbende\w*|"
    rf"person|profil)|gegen (?:sie|dich|ihre|deine)|nicht f{_UE}r (?:sie|dich)|anderweitig)\b"
    rf"[^.!?]{{0,40}}?\bentschieden\b"
)
_GERMAN_REJECTION_WORDS = ("leider", "keine positive", "entschieden")
"""Each of _GERMAN_REJECTION's matches holds one of these: looking for them first saves its
search in most mail."""
_GERMAN_OBJECT = re.compile(r"\b(?:sie|dich|ihre|ihr|deine|dein|ihnen|dir)\b")
"""The user, which a "leider ... nicht berücksichtigen" names within it or just before ("dass
wir Sie leider nicht ..."): not a portal's "Bitte beachten Sie, dass wir Bewerbungen per
E-Mail leider nicht berücksichtigen können"."""
OBJECT_REACH = 20
"""How far (in characters) before "leider" the user may be named."""
_GERMAN_TAKEN = re.compile(
    rf"\b(?:ihnen|dir|ihre bewerbung|deine bewerbung)\b[^.!?]{{0,60}}?\b(?:absage|absagen)\b"
    rf"|\babsage (?:auf|f{_UE}r|zu) (?:ihre|deine) bewerbung\b"
    rf"|\bleider\b[^.!?]{{0,80}}?\b(?:bereits |schon )?(?:anderweitig )?(?:besetzt|vergeben)\b"
)
"""A no or a post taken, which a call-off says in the same words ("Ihnen den Termin leider
absagen", "der Termin ist leider schon vergeben"): not when it names an appointment."""
_GERMAN_APPOINTMENT = re.compile(
    rf"\b(?:termin\w*|gespr{_AE}ch\w*|interview\w*|telefonat\w*|call|slot|uhrzeit|zeitfenster)\b"
)
_GERMAN_INVITATION = re.compile(
    rf"\beinladung\b|\beinladen\b|\beinzuladen\b|\b(?:laden|lade) (?:wir |ich )?(?:sie|dich)\b"
    rf"[^!?]{{0,150}}?\bein\b|\b(?:m{_OE}chten|w{_UE}rden) (?:wir |ich )?(?:sie|dich) (?:\w+ ){{0,3}}?"
    r"kennenlernen\b"
)
_GERMAN_MEETING = re.compile(
    rf"\b(?:vorstellungsgespr{_AE}ch|bewerbungsgespr{_AE}ch|kennenlerngespr{_AE}ch|"
    rf"erstgespr{_AE}ch|gespr{_AE}ch|telefonat|telefoninterview|interview|video-?call|"
    rf"videointerview|teams-call|assessment-?center|probetag|probearbeiten|kennenlernen)\b"
)
"""A meeting of hiring, which an invitation names within INVITATION_REACH."""
INVITATION_REACH = 100
_GERMAN_RECEIPT = re.compile(
    rf"\b(?:vielen |herzlichen |besten )?dank f{_UE}r (?:ihre|deine) (?:[\w-]+ )?bewerbung\b"
    rf"|\b(?:wir haben|hiermit (?:haben wir|best{_AE}tigen wir)) (?:ihre|deine) (?:[\w-]+ )?"
    rf"(?:bewerbung|bewerbungsunterlagen|unterlagen)\b[^.!?]{{0,40}}?\b(?:erhalten|bekommen)"
    rf"|\b(?:ihre|deine) (?:[\w-]+ )?(?:bewerbung|bewerbungsunterlagen|unterlagen) (?:ist|sind) "
    rf"(?:\w+ ){{0,3}}?(?:eingegangen|angekommen)"
    rf"|\beingangsbest{_AE}tigung\b|\b(?:den )?(?:eingang|erhalt) (?:ihrer|deiner) (?:[\w-]+ )?"
    rf"(?:bewerbung|unterlagen)\b"
)
_GERMAN_NEWS = re.compile(
    rf"\b(?:leider|bedauer\w*|absage\w*|zusage\w*|angebot\w*|vertrag\w*|einlad\w*|termin\w*|"
    rf"gespr{_AE}ch\w*|telefonat|interview\w*|kennenlernen|gl{_UE}ckw{_UE}nsch\w*|gratul\w*|"
    rf"freuen uns,? (?:ihnen|dir)|verz{_OE}ger\w*|geduld|noch (?:etwas|ein wenig) "
    rf"(?:zeit|l{_AE}nger)|bitte (?:senden|schicken|laden|f{_UE}llen|vervollst{_AE}ndigen|"
    rf"reichen|best{_AE}tigen|teilen|geben|beantworten)|fehlen\w*|nachreichen|test\w*|"
    rf"aufgabe\w*|frist\w*)\b"
)
"""What a receipt does not say: a decision, an invitation, an offer, a wait or a request."""
_GERMAN_HIRING = re.compile(
    rf"\b(?:bewerbung\w*|bewerber\w*|stelle|stellen\w*|position|vakanz|kandidat\w*|lebenslauf|"
    rf"vorstellungsgespr{_AE}ch|personalabteilung|recruiting|recruiter\w*|talent\w*|people team|"
    rf"karriere\w*|arbeitgeber\w*|unternehmen|projekt\w*|festanstellung|freelance\w*|jobs?)\b"
)
"""German hiring words (_HIRING_WORDS holds the English)."""
_GERMAN_EVERYDAY = re.compile(
    rf"\b(?:wohnung\w*|mietwohnung\w*|mietobjekt\w*|mieter\w*|vermiet\w*|mietvertrag|"
    rf"besichtigung\w*|wg-zimmer|zimmer|immobilie\w*|studienplatz\w*|studiengang\w*|"
    rf"immatrikulation\w*|kita\w*|schulplatz\w*|stipendi\w*|kredit\w*|darlehen\w*|"
    rf"versicherung\w*|beratungsgespr{_AE}ch\w*)\b"
)
"""Everyday life that German mail applies for too: a flat, a place to study, a loan."""
_GERMAN_WORDS = ("bewerb", "leider", "einlad", "eingang", "entschieden", "kennenlernen", "absag")
"""Each rule's match holds one of these: looking for them first saves the searches in most
mail."""


def german_news(text: str, hits: Mapping[str, Sequence[str]]) -> tuple[Label, str] | None:
    """The label the stock German phrases of hiring mail say, with the words, in the
    normalised `text` of hiring mail (a German or English hiring word) about no flat, place
    to study or loan: a rejection ("leider können wir Ihre Bewerbung nicht berücksichtigen",
    "haben uns für einen anderen Kandidaten entschieden"), an invitation ("laden Sie zu
    einem Vorstellungsgespräch ein") or a receipt that says nothing more ("vielen Dank für
    Ihre Bewerbung ... wir melden uns", and no English cue of other news); else None. What
    a sentence only supposes ("sollten Sie in die engere Auswahl kommen, laden wir Sie ...
    ein") is left out. `hits` are the cue phrases found in it."""
    if not any(word in text for word in _GERMAN_WORDS):
        return None
    if _GERMAN_EVERYDAY.search(text) or not (
        _GERMAN_HIRING.search(text) or _HIRING_WORDS.search(text)
    ):
        return None
    said = _GERMAN_CONDITIONAL.sub(" ", text)
    for rejection in _GERMAN_REJECTION.finditer(said):
        if not rejection.group().startswith("leider") or _GERMAN_OBJECT.search(
            said, max(0, rejection.start() - OBJECT_REACH), rejection.end()
        ):
            return Label.REJECTION, rejection.group()
    for taken in _GERMAN_TAKEN.finditer(said):
        if not _GERMAN_APPOINTMENT.search(taken.group()):
            return Label.REJECTION, taken.group()
    for invitation in _GERMAN_INVITATION.finditer(said):
        start = max(0, invitation.start() - INVITATION_REACH)
        if _GERMAN_MEETING.search(said, start, invitation.end() + INVITATION_REACH):
            return Label.INTERVIEW, invitation.group()
    receipt = _GERMAN_RECEIPT.search(said)
    if (
        receipt is not None
        and not _GERMAN_NEWS.search(said)
        and not any(hits.get(group) for group in _NEWS_CUES)
    ):
        return Label.ACKNOWLEDGEMENT, receipt.group()
    return None


# Mail to everyone (docs/labels.md, "Job alerts and job-board digests"): a job board's digest
# ("12 neue Jobs für 'Senior Backend Engineer'", "5 neue Projekte passend zu Ihrem Profil",
# "Congratulations! You've been matched with 5 employers") or a careers service's advice and
# events about interviews ("Practise your video interview with our free tool", "Assessment
# centre masterclass next Wednesday"), sent to a list. The model reads their interview and
# offer words as news (up to 0.92). Both halves are needed, and no word of the user's own
# process: a real invitation may give tips and come from a mailing system.
_JOB_DIGEST = re.compile(
    r"\b\d+ (?:new|neue|weitere) (?:[\w\"'-]+ ){0,4}?(?:jobs?|stellen(?:angebote)?|jobangebote|"
    r"projekte|projektangebote|vacancies|roles|positions|opportunities|schemes|internships|"
    r"matches)\b"
    r"|\byour (?:new |daily |weekly )?job ?alert (?:for|:)|\b(?:ihr|dein) (?:jobagent|suchauftrag)\b|"
    r"\bjobs? (?:you may|you might|that may|"
    r"that might) (?:be interested|like)\b|\b(?:recommended|suggested) (?:jobs|roles)\b|"
    r"\bjobs? (?:matching|that match) your\b|\b(?:passend|passen) zu (?:ihrem|deinem) profil\b|"
    r"\b(?:jobs|stellen|projekte),? die zu (?:ihnen|dir) passen\b|"
    r"\bmatched with \d+ (?:employers|companies|jobs|roles)\b|\b(?:view|see|browse) (?:all|more) "
    r"(?:jobs|roles|vacancies)\b|\balle (?:jobs|projekte|stellen\w*) ansehen\b"
)
"""What a job board's digest says: a count of new jobs, "your job alert for", a list of
matches."""
_DIGEST_WORDS = (
    "job alert", "jobalert", "jobagent", "suchauftrag", "may like", "might like",
    "may be interested", "might be interested", "recommended ", "suggested ", "matching your",
    "match your", "passen", "matched with", "all jobs", "more jobs", "all roles", "more roles",
    "all vacancies", "more vacancies", "ansehen",
)  # fmt: skip
"""Each of _JOB_DIGEST's matches but a count holds one of these ("passen" is in "passend"),
and a count _DIGEST_COUNT's: looking for them first saves its search in most mail."""
_DIGEST_COUNT = re.compile(r"\d (?:new|neue|weitere) ")
"""What a count of new jobs holds ("12 new jobs"): a search that re skips ahead for, from
digit to digit, where _JOB_DIGEST's tries each word."""
_ADVICE = re.compile(
    r"\btips?\b|\bpractis(?:e|ing)\b|\bpractice (?:your|for|makes|sessions?|interviews?)\b|"
    r"\bmasterclass(?:es)?\b|\bworkshops?\b|\bwebinars?\b|\bwhat to expect\b|\bhow to "
    r"(?:[\w-]+ ){0,2}?(?:ace|prepare|handle|answer|pass|succeed|nail|stand out|negotiate|"
    r"impress|tackle)\b|\bthings to (?:ask|know|do|consider)\b|\bfree tool\b|\bmock "
    r"(?:interviews?|assessments?)\b|\b(?:careers?|graduate|jobs) fairs?\b"
)
"""What advice and events for everyone say: tips, practice, a workshop, what to expect."""
_ADVICE_WORDS = (
    "tip", "practis", "practice ", "masterclass", "workshop", "webinar", "what to expect",
    "how to ", "things to ", "free tool", "mock ", " fair",
)  # fmt: skip
"""Each of _ADVICE's matches holds one of these: looking for them first saves its search in
most mail."""
_TO_EVERYONE = re.compile(
    r"\bunsubscribe\b|\babbestellen\b|\bbenachrichtigungen verwalten\b|\bmanage (?:your )?"
    r"(?:alerts?|preferences|notifications|subscriptions|email settings)\b|\byou(?:'re| are) "
    r"receiving this\b|\bsie erhalten diese (?:e-mail|nachricht)\b|\bbook (?:your|a) "
    r"(?:place|seat|spot)\b|\bbook (?:through|via|online)\b|\bsign ?up\b|\brsvp\b|\bregister "
    r"(?:now|here|today|for free|your place)\b|\bsave your (?:seat|spot|place)\b|"
    r"\b(?:hi|hello|dear) (?:all|everyone|students|members)\b|\b(?:ihr|dein) (?:jobagent|"
    r"suchauftrag)\b"
)
"""The marks of mail to many, in its text: a link to unsubscribe, a place to book for anyone,
the job alert the user set up ("Ihr Jobagent hat 12 neue Stellenangebote gefunden"; not a
portal's "manage your job alerts")."""
_OWN_PROCESS = re.compile(
    r"\byour (?:job )?(?:application|candidacy)\b|\byou(?:'ve| have)? applied\b|\bthank(?:s| you) "
    r"for applying\b|\binvit(?:e|ing) you\b|\byou(?:'ve| have) been (?:invited|selected|"
    r"shortlisted|offered|successful)\b|\byou(?:'ve| have) (?:progressed|passed|moved|made it)\b|"
    r"\bnext (?:stage|round)\b|\byour (?:[\w-]+ ){0,2}?(?:interview|assessment centre|"
    r"assessment|test|offer) (?:is|has|will|was|on|at \d)\b|\bwe(?:'d| would) like to (?:invite|"
    r"offer|meet)\b|\b(?:ihre|deine) bewerbung\b|\bbeworben\b"
)
"""Words of the user's own process, which mail to everyone does not say."""
_MESSAGE_WAITING = re.compile(
    r"\bneue nachricht (?:in|im) (?:ihrem |deinem )?[\w-]*postfach\b|\b(?:in|im) (?:ihrem |"
    r"deinem )?[\w-]*postfach (?:liegt|liegen|ist|sind|befindet sich|befinden sich|gibt es) "
    r"(?:\w+ ){0,2}?neue\b|\bnew (?:secure )?messages? in your (?:[\w-]+ ){0,2}?(?:inbox|mailbox|"
    r"message cent(?:re|er)|postbox)\b"
)
"""A bank's or a shop's notice of a message waiting in its own mailbox ("Neue Nachricht in
Ihrem DKB-Postfach"): mail to everyone when it names no hiring word."""
_WAITING_WORDS = ("postfach", "new message", "new secure message")
"""Each match of _MESSAGE_WAITING holds one of these ("message" alone is in most mail's
footer)."""
_EVERYONE_WORDS = (
    "unsubscribe", "abbestellen", "benachrichtigungen", "manage ", "receiving this",
    "erhalten diese", "book your", "book a ", "book through", "book via", "book online",
    "sign up", "signup", "rsvp", "register ", "save your", "hi all", "hello all", "dear all",
    "everyone", "students", "members", "jobagent", "suchauftrag",
)  # fmt: skip
"""Each match of _TO_EVERYONE holds one of these: looking for them first saves its search
in most mail."""


def to_everyone(item: ClassifierInput, text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
    """Why the normalised `text` of `item` is mail to everyone, or None: a job board's digest
    or a careers service's advice or event, with a mark of a list (a List-Id or an unsubscribe
    footer, `item.bulk`; or "unsubscribe", "book your place", "Hi all" in the text), or a
    notice of a message waiting in a bank's mailbox that names no hiring word. Never when it
    names the user's own process ("your application", "invite you"), a rejection, or an
    offer made. `hits` are the cue phrases found in it."""
    if hits.get(Label.REJECTION.value):  # a look-up, where each search reads the whole text
        return None
    waiting = (
        _MESSAGE_WAITING.search(text) if any(word in text for word in _WAITING_WORDS) else None
    )
    if waiting is not None:
        if _HIRING_WORDS.search(text) or _GERMAN_HIRING.search(text):
            return None
        why = f'"{waiting.group()}", no hiring word'
    else:
        # The cheap tests first: a mark's words (or list mail), then what the mail is about
        # (rare), then the mark itself, which many footers hold ("you're receiving this")
        marked = any(word in text for word in _EVERYONE_WORDS)
        if not marked and not item.bulk:
            return None
        what = _job_digest(text) or _advice(text)
        if what is None:
            return None
        mark = _TO_EVERYONE.search(text) if marked else None
        if mark is None and not item.bulk:
            return None
        why = f'"{what.group()}" + ' + (f'"{mark.group()}"' if mark else "list mail")
    if (
        _OWN_PROCESS.search(text)
        or (any(word in text for word in _REAL_OFFER_WORDS) and _REAL_OFFER.search(text))
        or (
            any(word in text for word in _GERMAN_REJECTION_WORDS) and _GERMAN_REJECTION.search(text)
        )
    ):
        return None
    return why


def _job_digest(text: str) -> re.Match[str] | None:
    """_JOB_DIGEST's first match in `text`, searched for only when its words are there."""
    if not any(word in text for word in _DIGEST_WORDS) and _DIGEST_COUNT.search(text) is None:
        return None
    return _JOB_DIGEST.search(text)


def _advice(text: str) -> re.Match[str] | None:
    """_ADVICE's first match in `text`, searched for only when its words are there."""
    if not any(word in text for word in _ADVICE_WORDS):
        return None
    return _ADVICE.search(text)


# A question about an offer (docs/labels.md, "A question about an offer"): "Did you get the
# offer from that bank? xx" asks whether one came, and offers nothing.
_OFFER_QUESTION = re.compile(
    r"\b(?:did|have|has|had) (?:you|u|they) (?:\w+ ){0,2}?(?:get|got|gotten|hear|heard|receive|"
    r"received|had|make|made|give|given|send|sent) (?:you )?(?:back )?(?:(?:about|from|of|on) )?"
    r"(?:an?|the|that|any|your|their) (?:[\w-]+ )?offer\b[^.!?]{0,80}\?"
    r"|\bany (?:news|word) (?:on|about|from) (?:the|that|your|an?) (?:[\w-]+ )?offer\b[^.!?]{0,80}\?"
)
_JOB_QUESTION = re.compile(
    r" (?:get|got|gotten|land|landed) (?:the|that|this) (?:[\w-]+ )?job"
    r"(?: (?:at|with|in|over at) [^.!?]{0,60}?)?\?"
)
"""Whether the user got the job, asked ("did u get the job at the warehouse??"): not "did you
get the job description?". Searched first, as it starts with a space; _ASKED_YOU before it."""
_ASKED_YOU = re.compile(r"\b(?:did|have) (?:you|u)(?: \w+)?$")
_GOT_THE_JOB = re.compile(r"\b(?:get|got|gotten|land|landed) (?:the|that|this) (?:[\w-]+ )?job\b")
"""The question's own "job", which is no hiring word beside it: a friend asks so."""


def offer_question(text: str) -> str | None:
    """The first question whether an offer came ("did you get the offer from that bank?", "did
    u get the job at the warehouse??") in the normalised `text`, when no offer is made in it
    (_REAL_OFFER); else None."""
    if "?" not in text:
        return None
    asked = _OFFER_QUESTION.search(text) if "offer" in text else None
    if asked is None and "job" in text:
        for job in _JOB_QUESTION.finditer(text):
            you = _ASKED_YOU.search(text, max(0, job.start() - 20), job.start())
            if you is not None:
                return text[you.start() : job.end()]
    if asked is None or _REAL_OFFER.search(text):
        return None
    return asked.group()


def personal_sender(sender: str) -> bool:
    """Whether `sender` ("Name <address>") writes from a consumer mailbox (gmail.com,
    btinternet.com, ...): a person, not a company or its hiring system."""
    address = sender.rpartition("<")[2].rstrip(">").strip()
    return "@" in address and is_free_mail_domain(address.rpartition("@")[2])


# A news phrase right after a negation is not that news: "the provider has not got your
# application" is no acknowledgement, "there will be no interview" no invitation. Phrases
# that hold a negation themselves ("not selected") and the noise and RECRUITING groups are
# taken as they are.
_NEGATIONS = ("not", "n't", "never", "no")
_NEGATION_STOPS = (".", ",", ";", ":", "!", "?", "-", "–", "—", "but", "and", "or")
_NEGATION_SKIPS = ("a", "an", "the", "be", "been", "yet", "to")
"""Words passed over when counting the scope: "not yet got", "not want to accept"."""
NEGATION_SCOPE = 2
_NEGATABLE_GROUPS = frozenset(label.value for label in LABELS if label is not Label.NOT_RECRUITING)


class RuleSet:
    """Cue phrases and override rules compiled against one spaCy vocabulary."""

    def __init__(self, nlp: Language, cues: Mapping[str, Sequence[str]]) -> None:
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        # the cue phrases that a negation just before them turns into other news
        self._negatable: set[tuple[int, ...]] = set()
        for group, phrases in cues.items():
            docs = [nlp.make_doc(phrase) for phrase in phrases]
            self.cues.add(group, docs)
            if group in _NEGATABLE_GROUPS:
                self._negatable.update(
                    (nlp.vocab.strings[group], *(token.lower for token in doc))
                    for doc in docs
                    if not any(token.lower_ in _NEGATIONS for token in doc)
                )
        self._negations = {nlp.vocab.strings.add(word) for word in _NEGATIONS}
        self._stops = {nlp.vocab.strings.add(mark) for mark in _NEGATION_STOPS}
        self._skips = {nlp.vocab.strings.add(word) for word in _NEGATION_SKIPS}
        self.overrides = Matcher(nlp.vocab)
        self._forced: dict[str, Label] = {}
        for name, label, patterns in OVERRIDE_RULES:
            self.overrides.add(name, patterns)
            self._forced[name] = label

    def cue_hits(self, doc: Doc, text: str | None = None) -> dict[str, list[str]]:
        """Cue phrases found in `doc`, per label (and RECRUITING, EVERYDAY), in order, unique.

        The groups come in the order of their first phrase in the text (lead_label).
        `text` is the string `doc` was made from, when the caller has it: doc.text joins
        the tokens again, which costs more than the search, and a Span per phrase as much."""
        hits: dict[str, list[str]] = {}
        seen: set[tuple[int, ...]] = set()
        if text is None:
            text = doc.text
        columns = doc.to_array([LOWER, IDX, LENGTH])
        lower = columns[:, 0]
        # by position, so that the groups come in the order their first phrase appears
        for match_id, start, end in sorted(self.cues(doc), key=lambda match: match[1]):
            # the same phrase again (mail repeats "sale" fifty times) is neither a new vote
            # nor worth a Span: the key is its lower-case token ids
            key = (match_id, *lower[start:end].tolist())
            if key in seen or (key in self._negatable and self._negated(lower, start)):
                continue
            seen.add(key)
            begin, last, length = columns[start, 1], columns[end - 1, 1], columns[end - 1, 2]
            hits.setdefault(doc.vocab.strings[match_id], []).append(text[begin : last + length])
        return hits

    def _negated(self, lower: numpy.ndarray, start: int) -> bool:
        """Whether a negation is among the NEGATION_SCOPE words before `start`, in its clause.

        Articles, "be", "yet" and "to" are passed over without counting."""
        counted = 0
        for position in range(start - 1, -1, -1):
            token = int(lower[position])
            if token in self._negations:
                return True
            if token in self._stops:
                return False
            if token not in self._skips:
                counted += 1
                if counted == NEGATION_SCOPE:
                    return False
        return False

    def override(
        self, doc: Doc, text: str, everyday: Sequence[str] = ()
    ) -> tuple[Label, str] | None:
        """The label a precise rule forces on `doc` (made from `text`), with why, if any.
        `everyday` are the lexicon's everyday phrases found in it (cue_hits)."""
        pitch = (
            _search_at_word_start(_SPAM_PITCH, text)
            if any(word in text for word in _SPAM_PITCH_WORDS)
            else None
        )
        mark = _SPAM_MARK.search(text) if pitch else None
        if pitch and mark:
            return Label.NOT_RECRUITING, f'rule "job spam": "{pitch.group()}" + "{mark.group()}"'
        if any(words in text for words in _EMPLOYER_WORDS) and (
            notice := _EMPLOYER_NOTICE.search(text)
        ):
            return Label.NOT_RECRUITING, f'rule "employer notice": "{notice.group()}"'
        # The Matcher costs about 1 ms on a 2 KB message, so it reads only the tokens
        # around the places where the cheap regular expression says a rule could match.
        for found in _may_override(text):
            hit = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if hit is None:
                continue
            window = doc[max(0, hit.start - 12) : min(len(doc), hit.end + 4)]
            for span in self.overrides(window, as_spans=True):
                label = self._forced[span.label_]
                if label is Label.NOT_RECRUITING and _JOB_WORDS.search(text):
                    continue
                if text.endswith("whether or ", 0, span.start_char):
                    continue  # "to decide whether or not to extend an offer": not decided yet
                return label, f'rule "{span.label_}": "{span.text}"'
        # last: a rejection's "Thursday's interview is off; we are not in a position to
        # offer the role" is a rejection
        if (
            not everyday
            and (off := called_off(text)) is not None
            and hiring_call_off(text, everyday)
        ):
            return Label.INTERVIEW, f'rule "called off": "{off}"'
        return None

    @staticmethod
    def everyday(item: ClassifierInput, text: str, hits: Mapping[str, Sequence[str]]) -> str | None:
        """The everyday phrase `item` is about (a tenancy application "unsuccessful", a
        mortgage offer, a child's school place), when no hiring word or the writer's
        capitals say it is hiring mail after all ("Tenancy Officer" is a job title); with
        hiring words, when its subject names the phrase as the user's own ("Your mortgage
        application": a contractor's broker asks for the new contract).
        `text` is the normalised text, `hits` the cue phrases found in it."""
        phrases = hits.get(EVERYDAY)
        if not phrases:
            return None
        if _HIRING_WORDS.search(text):
            # hiring words, but the subject is the user's own everyday matter ("Re: Your
            # mortgage application - contract evidence" asks for a contractor's new contract)
            return _your_everyday_subject(phrases, item.subject)
        return _everyday_words(phrases, written_text(item))


_NOT_NEWS = frozenset((RECRUITING, EVERYDAY))
"""The cue groups that are not labels."""


def lead_label(hits: Mapping[str, Sequence[str]]) -> str | None:
    """The label whose cue phrase comes first, when cues of two or more labels are found.

    `hits` is RuleSet.cue_hits's answer, whose groups come in the order they first appear.
    RECRUITING and EVERYDAY say nothing about which news it is and do not count.
    Acknowledgement phrases do not lead: "thank you for applying" opens rejections and
    offers as often as acknowledgements, and an acknowledgement is the absence of news
    (given the lead, they cost held-out rejections their label)."""
    labels = [group for group, found in hits.items() if group not in _NOT_NEWS and found]
    news = [group for group in labels if group != Label.ACKNOWLEDGEMENT.value]
    return news[0] if len(labels) > 1 and news else None


def combine(
    probabilities: Mapping[str, float] | None,
    hits: Mapping[str, Sequence[str]],
    cue_weight: float = CUE_WEIGHT,
) -> dict[str, float]:
    """Scores over the eight labels: softmax(log p_model + cue_weight * min(votes, MAX_VOTES)).

    RECRUITING cues vote against not_recruiting. When cues of two or more labels are found,
    the one found first (lead_label) has LEAD_VOTES more. Without a model (None) every
    label starts equal and not_recruiting gets one free vote, so a message with no cue
    counts as noise.
    """
    logits: dict[Label, float] = {}
    lead = lead_label(hits)
    for label in LABELS:
        base = math.log(max(probabilities[label.value], 1e-6)) if probabilities else 0.0
        votes = min(len(hits.get(label.value, ())), MAX_VOTES)
        if label.value == lead:
            votes += LEAD_VOTES
        if label is Label.NOT_RECRUITING:
            votes -= min(len(hits.get(RECRUITING, ())), MAX_VOTES)
            base += 0.0 if probabilities else cue_weight
        logits[label] = base + cue_weight * votes
    top = max(logits.values())
    exps = {label: math.exp(value - top) for label, value in logits.items()}
    total = sum(exps.values())
    return {label.value: exps[label] / total for label in LABELS}


def force_label(scores: Mapping[str, float], label: Label, share: float) -> dict[str, float]:
    """Scores rescaled so that `label` holds `share` and the others keep their proportions."""
    rest = sum(value for key, value in scores.items() if key != label.value) or 1.0
    return {
        key: share if key == label.value else value / rest * (1.0 - share)
        for key, value in scores.items()
    }


def flatten(scores: Mapping[str, float], top: float) -> dict[str, float]:
    """Scores mixed with the uniform distribution until the largest is at most `top`: the
    order, and so the label, stays; only the certainty goes."""
    highest = max(scores.values())
    uniform = 1.0 / len(scores)
    if highest <= top:
        return dict(scores)
    weight = (top - uniform) / (highest - uniform)
    return {key: weight * value + (1.0 - weight) * uniform for key, value in scores.items()}


def _decide(
    rules: RuleSet,
    item: ClassifierInput,
    doc: Doc,
    text: str,
    probabilities: Mapping[str, float] | None,
    cue_weight: float,
    model: str,
    note: str | None = None,
) -> Classification:
    """Combine model and cues, then let a precise rule overrule, or everyday life make the
    reading unsure; explain the result."""
    hits = rules.cue_hits(doc, text)
    scores = combine(probabilities, hits, cue_weight)
    label = Label(max(scores, key=lambda key: scores[key]))
    reasons = []
    if probabilities is not None:
        reasons.append(f"model: {label.value} {probabilities[label.value]:.2f}")
    if note is not None:
        reasons.append(note)
    if hits.get(label.value):
        found = hits[label.value][:4]
        first = " (found first)" if lead_label(hits) == label.value else ""
        reasons.append(f"{label.value} cues{first}: " + ", ".join(f'"{c}"' for c in found))
    others = [group for group in hits if group != label.value]
    if others:
        reasons.append("also: " + "; ".join(f'{group} "{hits[group][0]}"' for group in others[:3]))
    forced = rules.override(doc, text, hits.get(EVERYDAY, ()))
    sure = scores[label.value] >= REVIEW_THRESHOLD
    if (
        (forced is None or forced[0] is Label.REJECTION)
        and not (sure and label is Label.OFFER)
        and (reserve := held_in_reserve(text, hits)) is not None
    ):
        # the other candidate's offer, read as the end by the model or "negated offer"
        forced = Label.DELAY, f'rule "reserve": "{reserve}"'
    if forced is None and (referee := to_a_referee(text)) is not None:
        # a reference request written to a referee (the user copied in, or the user as
        # someone's referee): docs/labels.md's referee mail, no hiring mail of the user's
        forced = Label.NOT_RECRUITING, f'rule "to a referee": "{referee}"'
    if forced is None and (everyone := to_everyone(item, text, hits)) is not None:
        forced = Label.NOT_RECRUITING, f'rule "to everyone": {everyone}'
    if forced is None and (german := german_news(text, hits)) is not None:
        forced = german[0], f'rule "in German": "{german[1]}"'
    sure_news = label in _NOT_DONE_ONLY and sure
    if forced is None and not sure_news and (done := task_done(text, hits)) is not None:
        forced = Label.ACKNOWLEDGEMENT, f'rule "task done": "{done}"'
    sure_decision = label in _NOT_REMINDER_ONLY and sure
    if forced is None and not sure_decision and (check := check_done(text, hits)) is not None:
        # a request read in it is the check's own name ("background check"): it asks nothing
        forced = Label.ACKNOWLEDGEMENT, f'rule "check done": "{check}"'
    if forced is None and (status := offer_status(text, hits)) is not None:
        forced = Label.OFFER, f'rule "offer status": "{status}"'
    if forced is None and (contract := current_contract(item, text, hits)) is not None:
        forced = Label.NOT_RECRUITING, f'rule "current contract": "{contract}"'
    if forced is None and (ended := ended_unanswered(text, hits)) is not None:
        forced = Label.REJECTION, f'rule "ended unanswered": "{ended}"'
    if forced is None and (place := place_given(text, hits)) is not None:
        forced = Label.OFFER, f'rule "place given": "{place}"'
    if forced is None and not sure_decision and (slower := slower_than_usual(text, hits)):
        forced = Label.DELAY, f'rule "slower than usual": "{slower}"'
    if forced is None and not sure_decision and (reminder := task_reminder(text, hits)):
        forced = Label.REQUEST, f'rule "task reminder": "{reminder}"'
    if forced is None and (hourly := hourly_news(text, hits, label, sure)) is not None:
        forced = hourly[0], f'rule "{hourly[1]}": "{hourly[2]}"'
    visa = visa_notice(text, hits) if forced is None else None
    if visa is not None and (
        label in _NOT_A_VISA_NOTICE or (not visa[1] and changed_then_sign_in(text) is not None)
    ):
        # The employer's (a hiring word) decides nothing; a state's is no hiring mail,
        # whatever the model reads in its portal's "your visa application has been updated,
        # please sign in" (a request, 0.89)
        forced = (
            Label.ACKNOWLEDGEMENT if visa[1] else Label.NOT_RECRUITING,
            f'rule "visa notice": "{visa[0]}"',
        )
    supposed, rule = None, "conditional offer"
    if forced is None and label is Label.OFFER:
        supposed = conditional_offer(text)
        if supposed is None and (supposed := offer_question(text)) is not None:
            rule = "question about an offer"
            if personal_sender(item.sender) and not _HIRING_WORDS.search(
                _GOT_THE_JOB.sub(" ", text)
            ):
                # a friend's "did you get the offer from that bank? xx": no hiring mail at all
                forced = (
                    Label.NOT_RECRUITING,
                    f'rule "{rule}": "{supposed}" from a personal address',
                )
                supposed = None
    if supposed:
        # No label to force: what else the message is (a question about the start date, an
        # interview, a wait) is the model's second reading, a guess (right for about a third
        # of the written probes, docs/classifier.md): it waits for review, moving nothing.
        offered = scores[label.value]
        scores = flatten(force_label(scores, label, 0.0), UNSURE_CONFIDENCE)
        label = Label(max(scores, key=lambda key: scores[key]))
        reasons.insert(
            0,
            f'rule "{rule}": "{supposed}" overrules offer ({offered:.2f}): no offer is made; '
            f"unsure, for review",
        )
    if forced is not None:
        if forced[0] is label:
            reasons.insert(0, f"{forced[1]} confirms {label.value}")
        else:
            reasons.insert(0, f"{forced[1]} overrules {label.value} ({scores[label.value]:.2f})")
            label = forced[0]
        scores = force_label(scores, label, max(RULE_CONFIDENCE, scores[label.value]))
    elif (behind := news_behind_login(text, hits)) is not None:
        # Whatever changed is on their site: the user must sign in to see it, and say what
        # it was with `label`; until then the notice moves nothing (docs/labels.md).
        what = (
            f"overrules {label.value} ({scores[label.value]:.2f})"
            if label is not Label.ACKNOWLEDGEMENT
            else "confirms acknowledgement"
        )
        reasons.insert(
            0,
            f'rule "behind a login": "{behind}" {what}: the news is on their site; unsure, for review',
        )
        label = Label.ACKNOWLEDGEMENT
        scores = flatten(force_label(scores, label, RULE_CONFIDENCE), UNSURE_CONFIDENCE)
    elif label is not Label.NOT_RECRUITING and (phrase := rules.everyday(item, text, hits)):
        # Not overruled: hiring mail for a job in lettings, insurance or a school names
        # these things too, and a missed offer costs more than a review.
        why = (
            "the subject is yours"
            if _HIRING_WORDS.search(text) and _your_everyday_subject((phrase,), item.subject)
            else "no hiring word"
        )
        reasons.insert(0, f'rule "everyday life": "{phrase}", {why}: unsure, for review')
        scores = flatten(scores, UNSURE_CONFIDENCE)
    return Classification(
        label=label,
        confidence=round(scores[label.value], 4),
        scores={key: round(value, 4) for key, value in scores.items()},
        reasons=tuple(reasons),
        model=model,
    )


# the cheap test before confirmed_decision reads a message's sentences
_OWN_DECISION_WORDS = re.compile(r"(?:declined|accept(?:ed|ing)|withdr[ae]w)", re.IGNORECASE)
# what a portal's confirmation of the user's own decision cannot be
_NOT_OWN_DECISION = frozenset((Label.OFFER, Label.REJECTION))


def overrule(result: Classification, label: Label, rule: str) -> Classification:
    """`result` with `label` forced by a precise rule read outside the model's view, as the
    override rules in _decide force theirs: `label` holds at least RULE_CONFIDENCE, the
    others keep their proportions, and the first reason says which rule and what it
    overruled (or confirmed)."""
    share = max(RULE_CONFIDENCE, result.scores.get(label.value, 0.0))
    scores = force_label(result.scores, label, share)
    why = (
        f"{rule} confirms {label.value}"
        if result.label is label
        else f"{rule} overrules {result.label.value} ({result.confidence:.2f})"
    )
    return Classification(
        label=label,
        confidence=round(share, 4),
        scores={key: round(value, 4) for key, value in scores.items()},
        reasons=(why, *result.reasons),
        model=result.model,
    )


def own_decision(result: Classification, item: ClassifierInput) -> Classification:
    """`acknowledgement` for a portal confirming the user's own decision ("You have
    declined your offer", docs/labels.md) that was read as their offer or their rejection.
    Other labels stay: a reminder to meet an accepted offer's conditions asks the user to
    act (`request`); an agency's "I hear you declined Acme's offer, but I have another
    role" is `outreach`; noise stays noise ("You have accepted Tom's offer on your sofa").
    Reads the text as written (sentences, "?")."""
    if result.label not in _NOT_OWN_DECISION:
        return result
    text = written_text(item)
    decision = confirmed_decision(text) if _OWN_DECISION_WORDS.search(text) else None
    if decision is None:
        return result
    return overrule(result, Label.ACKNOWLEDGEMENT, f'rule "own decision": "{decision[1]}"')


class RulesClassifier:
    """The rules-only baseline: cue-phrase votes, a softmax over them, then the overrides."""

    def __init__(self, cues_path: Path | None = None) -> None:
        if cues_path is None:
            cues_path = shipped_cues_path()
        self.nlp = spacy.blank("en")
        self.rules = RuleSet(self.nlp, load_cues(cues_path))
        self.name = "recruiter-rules 1.0"

    def classify(self, items: Sequence[ClassifierInput]) -> list[Classification]:
        texts = [normalise_text(item.subject, item.text) for item in items]
        return [
            own_decision(
                _decide(
                    self.rules, item, self.nlp.make_doc(text), text, None, CUE_WEIGHT, self.name
                ),
                item,
            )
            for text, item in zip(texts, items, strict=True)
        ]


def load_classifier(model_dir: Path | None = None) -> Classifier:
    """The trained pipeline in `model_dir`, or the shipped one when None.

    Raises ModelError when the directory is missing or cannot be loaded. When no model is
    shipped at all (a source checkout before `inbox-monitor train`), None falls back to
    the rules baseline with a warning.
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
    """A trained spaCy `textcat` pipeline, its cue lexicon and the precise rules."""

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
        textcat = self.nlp.get_pipe("textcat")
        assert isinstance(textcat, TextCategorizer)
        self.textcat = textcat
        self.rules = RuleSet(self.nlp, load_cues(model_dir / CUES_FILE))
        self.cue_weight = float(meta.get("cue_weight", CUE_WEIGHT))
        self.model_tokens = int(meta.get("model_tokens", MODEL_TOKENS))
        self.view = str(meta.get("model_view", "head"))
        if self.view not in VIEWS:
            raise ModelError(f"the pipeline at {model_dir} asks for an unknown view {self.view!r}")
        architecture = str(self.nlp.config["components"]["textcat"]["model"]["@architectures"])
        self._bag_of_words = architecture.startswith("spacy.TextCatBOW")
        # the layers after extract_ngrams, for part_ngrams' rows (_predict_parts); a model
        # of another shape reads its parts through model.predict
        layers = {layer.name: layer for layer in self.textcat.model.walk()}
        self._after_ngrams: tuple[Any, ...] | None = None
        self._ngram_size = 0
        if self._bag_of_words and {"extract_ngrams", "softmax_activation"} <= layers.keys():
            linear = [layers[name] for name in layers if name.startswith("resizable(")]
            if len(linear) == 1:
                self._after_ngrams = (linear[0], layers["softmax_activation"])
                self._ngram_size = int(layers["extract_ngrams"].attrs["ngram_size"])
        parts = meta.get("model_parts")  # pipelines trained before it read the view whole
        self.parts: tuple[int, int] | None = None
        if parts is not None:
            if not (
                isinstance(parts, list)
                and len(parts) == 2
                and all(isinstance(n, int) and n >= 1 for n in parts)
            ):
                raise ModelError(f"the pipeline at {model_dir} has a bad model_parts: {parts!r}")
            self.parts = (parts[0], parts[1])
        digest = str(meta.get("sources_sha256", "unknown"))[:12]
        self.name = f"recruiter-textcat {meta.get('version', '?')} (sha256 {digest})"

    def classify(self, items: Sequence[ClassifierInput]) -> list[Classification]:
        results: list[Classification] = []
        for start in range(0, len(items), BATCH_SIZE):  # batches bound the memory held
            texts = [normalise_text(i.subject, i.text) for i in items[start : start + BATCH_SIZE]]
            docs = [self.nlp.make_doc(text) for text in texts]
            views: list[Any]
            if self._bag_of_words:
                views = [_BagOfWords(view_orth(doc, self.model_tokens, self.view)) for doc in docs]
            else:
                views = [model_view(doc, self.model_tokens, self.view) for doc in docs]
            readings = self._predict(views)
            notes: list[str | None] = [None] * len(docs)
            if self.parts is not None:
                self._read_noise_in_parts(views, readings, notes, *self.parts)
            # Nothing for the model to read (no subject, no words but function words): the
            # cues and rules decide alone, noise first, as in RulesClassifier.
            blank = [not len(view) for view in views]
            batch = items[start : start + BATCH_SIZE]
            results += [
                own_decision(
                    _decide(
                        self.rules,
                        item,
                        doc,
                        text,
                        None if empty else cats,
                        self.cue_weight,
                        self.name,
                        EMPTY_NOTE if empty else note,
                    ),
                    item,
                )
                for doc, text, cats, note, empty, item in zip(
                    docs, texts, readings, notes, blank, batch, strict=True
                )
            ]
        return results

    def _predict(self, views: Sequence[Any]) -> list[dict[str, float]]:
        """The model's probabilities for Docs or _BagOfWords views, as `doc.cats` has them.

        A view with no tokens (no subject, and no words outside the function-word list)
        scores zero for every label, as TextCategorizer.predict scores a batch of them, and
        the rest of its batch is read without it: the bag-of-words model's n-gram layer
        fails on an empty view beside others (thinc's `ngrams` reads out of bounds), Docs
        or arrays alike, so `textcat.pipe` cannot be used either.
        """
        scores = numpy.zeros((len(views), len(self.textcat.labels)))
        filled = [i for i, view in enumerate(views) if len(view)]
        if filled:
            scores[filled] = self.textcat.model.predict([views[i] for i in filled])
        labels = list(self.textcat.labels)
        return [dict(zip(labels, map(float, row), strict=True)) for row in scores]

    def _predict_parts(
        self, orths: Sequence[numpy.ndarray], bounds: Sequence[Sequence[tuple[int, int]]], size: int
    ) -> list[dict[str, float]]:
        """_predict's answer for the parts of bag-of-words views, `size` tokens each: the
        same probabilities, with part_ngrams in place of extract_ngrams."""
        assert self._after_ngrams is not None
        if not any(bounds):
            return []
        labels = list(self.textcat.labels)
        linear, output = self._after_ngrams
        features = part_ngrams(self.textcat.model.ops, orths, bounds, size, self._ngram_size)
        scores = output.predict(linear.predict(features))
        return [dict(zip(labels, map(float, row), strict=True)) for row in scores]

    def _read_noise_in_parts(
        self,
        views: Sequence[Any],
        readings: list[dict[str, float]],
        notes: list[str | None],
        size: int,
        stride: int,
    ) -> None:
        """Read again in parts the messages that the whole reading puts down as noise.

        The parts can only lower not_recruiting (merge_parts), which matters where the model
        put it first; the other messages keep their whole reading, which saves the time of
        reading them again. Updates `readings` and `notes` in place.
        """
        noise = Label.NOT_RECRUITING.value
        again = [i for i, cats in enumerate(readings) if max(cats, key=cats.__getitem__) == noise]
        counts: list[int] = []
        if self._bag_of_words and self._after_ngrams is not None:
            orths = [views[i].orth for i in again]
            bounds = [_part_bounds(len(orth), size, stride) for orth in orths]
            counts = [len(spans) for spans in bounds]
            scores = self._predict_parts(orths, bounds, size)
        else:
            parts: list[Any] = []
            for i in again:
                if self._bag_of_words:
                    orth = views[i].orth
                    spans = _part_bounds(len(orth), size, stride)
                    found: list[Any] = [_BagOfWords(orth[start:end]) for start, end in spans]
                else:
                    found = view_parts(views[i], size, stride)
                parts += found
                counts.append(len(found))
            scores = self._predict(parts)
        row = 0
        for i, count in zip(again, counts, strict=True):
            whole = readings[i]
            in_parts = scores[row : row + count]
            row += count
            readings[i] = merge_parts(whole, in_parts)
            if readings[i][noise] < whole[noise]:
                lowest = min(cats[noise] for cats in in_parts)
                notes[i] = (
                    f"read in parts: not_recruiting {whole[noise]:.2f} for the whole message, "
                    f"{lowest:.2f} for its least noise-like part"
                )


def train_pipeline(
    config_path: Path,
    train: Sequence[tuple[str, str, str]],
    dev: Sequence[tuple[str, str, str]],
    output: Path,
    meta: Mapping[str, object],
    cues_path: Path = REPO_CUES,
    tokens: int = MODEL_TOKENS,
    view: str = MODEL_VIEW,
) -> None:
    """Train `config_path` on (subject, text, label) rows with `spacy train`; save to `output`.

    Texts go through normalise_text and model_view(tokens, view) first, as at prediction
    time; the meta records both, so the classifier reads the same way. `meta` is merged into
    the pipeline's meta.json; the cue lexicon is copied beside it. An existing `output` is
    replaced only if it holds a pipeline.
    """
    from spacy.cli.train import train as spacy_train

    if output.exists() and any(output.iterdir()) and not (output / "meta.json").exists():
        raise ModelError(f"{output} exists and is not a spaCy pipeline; not overwriting it")
    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory(prefix="inbox-monitor-train-") as temporary:
        work = Path(temporary)
        for name, rows in (("train", train), ("dev", dev)):
            corpus = DocBin(store_user_data=False)
            for subject, text, label in rows:
                doc = model_view(nlp.make_doc(normalise_text(subject, text)), tokens, view)
                doc.cats = {item.value: float(item.value == label) for item in LABELS}
                corpus.add(doc)
            corpus.to_disk(work / f"{name}.spacy")
        overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
        try:
            spacy_train(config_path, work / "out", overrides=overrides)
            trained = spacy.load(work / "out" / "model-last")
        except (OSError, ValueError) as err:
            raise ModelError(f"training failed: {err}") from err
        trained.meta.update(
            {"model_parts": list(MODEL_PARTS), **meta, "model_tokens": tokens, "model_view": view}
        )
        config = trained.config.copy()
        config["paths"]["train"] = None
        config["paths"]["dev"] = None
        trained._config = config  # keep the temporary paths out of the shipped config.cfg
        if output.exists():
            shutil.rmtree(output)
        trained.to_disk(output)
        shutil.copyfile(cues_path, output / CUES_FILE)
