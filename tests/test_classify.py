"""The classifier's contract, its precise rules, and its score on the real dev set."""

from __future__ import annotations

import functools
import json
import math
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy
import pytest
from helpers import dev_rows

from inbox_monitor.classify import (
    ORTH,
    REPO_MODEL_DIR,
    Classifier,
    ClassifierInput,
    RulesClassifier,
    TextcatClassifier,
    input_for,
    load_classifier,
    normalise_text,
    overrule,
    own_decision,
    view_orth,
)
from inbox_monitor.cli.model import line_input
from inbox_monitor.errors import ModelError
from inbox_monitor.models import LABELS, Address, Classification, Label, ParsedMessage
from inbox_monitor.parse import parse_message
from inbox_monitor.training import Evaluation, evaluate_predictions, labelled_rows

needs_model = pytest.mark.skipif(
    not (REPO_MODEL_DIR / "meta.json").exists(), reason="no shipped pipeline"
)

SAMPLES = [
    ClassifierInput(
        "Offer of employment",
        "Dear Sam, we are delighted to offer you the position of Backend Developer. "
        "Your offer letter is attached; please sign and return it by Friday.",
    ),
    ClassifierInput(
        "Your application",
        "Thank you for your interest. After careful consideration we have decided not to "
        "proceed with your application and have chosen other candidates.",
    ),
    ClassifierInput(
        "Interview invitation",
        "We would like to invite you to an interview with the hiring manager on Tuesday at "
        "10am. Please choose a time that suits you.",
    ),
    ClassifierInput(
        "Spring sale",
        "Get 30% off everything this weekend with promo code SPRING. Free shipping too!",
    ),
    ClassifierInput("", "we are still reviewing applications and need a little more time ."),
]


@pytest.fixture(scope="module", params=["rules", "model"])
def classifier(request: pytest.FixtureRequest) -> object:
    if request.param == "rules":
        return RulesClassifier()
    if not (REPO_MODEL_DIR / "meta.json").exists():
        pytest.skip("no shipped pipeline")
    return load_classifier(REPO_MODEL_DIR)


def test_scores_cover_all_labels_sum_to_one_and_label_is_the_argmax(classifier: object) -> None:
    results = classifier.classify(SAMPLES)  # type: ignore[attr-defined]
    assert len(results) == len(SAMPLES)
    for result in results:
        assert set(result.scores) == {label.value for label in LABELS}
        assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
        top = max(result.scores, key=lambda key: result.scores[key])
        assert result.label.value == top
        assert result.confidence == pytest.approx(result.scores[top])
        assert result.reasons, "every decision keeps a reason"
        assert result.model == classifier.name  # type: ignore[attr-defined]


def test_obvious_messages_get_their_label(classifier: object) -> None:
    labels = [r.label for r in classifier.classify(SAMPLES)]  # type: ignore[attr-defined]
    assert labels[:4] == [Label.OFFER, Label.REJECTION, Label.INTERVIEW, Label.NOT_RECRUITING]


def test_negated_offer_is_a_rejection_and_the_rule_says_so(classifier: object) -> None:
    (result,) = classifier.classify(  # type: ignore[attr-defined]
        [
            ClassifierInput(
                "Your offer",
                "Thanks for your patience. We are not in a position to offer you the role "
                "of Product Manager at this time.",
            )
        ]
    )
    assert result.label is Label.REJECTION
    assert result.confidence >= 0.5


def test_unfortunately_not_moving_forward_is_a_rejection(classifier: object) -> None:
    (result,) = classifier.classify(  # type: ignore[attr-defined]
        [
            ClassifierInput(
                "Offer letter follow-up",
                "Hi Sam, unfortunately, we will not be moving forward with the offer we "
                "discussed, as the budget for the role was withdrawn.",
            )
        ]
    )
    assert result.label is Label.REJECTION
    assert any("negated offer" in reason for reason in result.reasons) or (
        result.scores["rejection"] > result.scores["offer"]
    )


def test_sales_offer_is_not_recruiting_even_when_it_says_offer(classifier: object) -> None:
    (result,) = classifier.classify(  # type: ignore[attr-defined]
        [
            ClassifierInput(
                "We'd like to offer you something special",
                "Our special offer ends Sunday: 40% off all laptops with code SAVE40.",
            )
        ]
    )
    assert result.label is Label.NOT_RECRUITING


def test_sales_rule_stays_quiet_in_an_offer_letter() -> None:
    (result,) = RulesClassifier().classify(
        [
            ClassifierInput(
                "Offer of employment",
                "We are pleased to offer you the position of Analyst at a salary of 50,000. "
                "Staff also get 20% off at the company shop.",
            )
        ]
    )
    assert result.label is Label.OFFER
    assert not any("sales offer" in reason for reason in result.reasons)


def test_work_from_home_spam_is_not_recruiting(classifier: object) -> None:
    spam = (
        "we are a fast growing company looking for people who want to work from home . "
        "no experience required , we will train you . fill out our info form today !"
    )
    (result,) = classifier.classify([ClassifierInput("hiring now", spam)])  # type: ignore[attr-defined]
    assert result.label is Label.NOT_RECRUITING
    assert 'rule "job spam"' in result.reasons[0]


@pytest.mark.parametrize(
    "text",
    [
        "The role is fully remote: you would work from home with a trip to London each month.",
        "It is an entry-level position, no experience required, and the interview is on Monday.",
    ],
)
def test_remote_roles_and_entry_level_adverts_are_not_job_spam(text: str) -> None:
    (result,) = RulesClassifier().classify([ClassifierInput("Data Analyst role", text)])
    assert not any("job spam" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("New application received for the position Backend Developer", "Name: Sam Carter"),
        ("Daily digest", "Backend Developer: 4 new applicants. Log in to review them."),
        ("Your job post", "A candidate has applied to your vacancy. Review their CV."),
        ("Approve applicant Sam Carter", "Please review the initial application submitted by "
         "Sam Carter and approve or reject it."),
    ],
)  # fmt: skip
def test_an_employer_side_notice_is_not_recruiting(
    classifier: object, subject: str, text: str
) -> None:
    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert result.label is Label.NOT_RECRUITING
    assert 'rule "employer notice"' in result.reasons[0]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you: your new application has been received and is with the hiring team.",
        "We are no longer accepting new applications for this role, so we cannot proceed.",
        "Before submitting a new application, please wait six months.",
        "Every candidate who has applied will hear from us by Friday.",
        "We will review the application submitted by you and reply within a week.",
    ],
)
def test_a_candidates_own_mail_is_not_an_employer_notice(text: str) -> None:
    (result,) = RulesClassifier().classify([ClassifierInput("Your application", text)])
    assert not any("employer notice" in reason for reason in result.reasons)


EVERYDAY_MAIL = [
    ("Flat 3, Rowan Court", "We are sorry to say the landlord has chosen another "
     "applicant, so your tenancy application was unsuccessful this time."),
    ("Your mortgage offer", "Good news: your mortgage offer has been issued. Your "
     "solicitor will receive a copy; please read the conditions before you accept."),
    ("Secondary school allocation", "On National Offer Day we are pleased to tell you "
     "that your child has been offered a place at Hillside Academy."),
    ("Decision on your manuscript", "After peer review the editor regrets that your "
     "manuscript cannot be accepted for publication."),
]  # fmt: skip


@functools.cache
def rules_alone() -> RulesClassifier:
    return RulesClassifier()


def everyday_phrase(item: ClassifierInput) -> str | None:
    """The phrase the rule "everyday life" acts on in `item`, whatever `item` is read as."""
    rules = rules_alone()
    text = normalise_text(item.subject, item.text)
    return rules.rules.everyday(item, text, rules.rules.cue_hits(rules.nlp.make_doc(text)))


@pytest.mark.parametrize(("subject", "text"), EVERYDAY_MAIL)
def test_the_rule_finds_everyday_life(subject: str, text: str) -> None:
    assert everyday_phrase(ClassifierInput(subject, text)) is not None


@pytest.fixture()
def lexicon_without_everyday(tmp_path: Path) -> Path:
    """The shipped cue lexicon as pipelines built before the everyday group had it."""
    from inbox_monitor.lexicon import shipped_cues_path

    older = tmp_path / "cues.toml"
    older.write_text(
        shipped_cues_path().read_text(encoding="utf-8").split("[everyday]")[0], encoding="utf-8"
    )
    return older


@pytest.mark.parametrize(("subject", "text"), EVERYDAY_MAIL)
@pytest.mark.parametrize("read_as", [Label.REJECTION, Label.OFFER, Label.REQUEST])
def test_everyday_life_read_as_recruiting_mail_waits_for_review(
    subject: str, text: str, read_as: Label
) -> None:
    """The label stays (hiring mail for a job in lettings names a tenancy too), the
    certainty goes: below the review threshold the message opens no process."""
    from inbox_monitor.classify import REVIEW_THRESHOLD, UNSURE_CONFIDENCE, _decide

    rules = RulesClassifier()
    item = ClassifierInput(subject, text)
    text = normalise_text(subject, text)
    # a model sure of a recruiting label, as the shipped one is of many such messages
    sure = {label.value: 0.97 if label is read_as else 0.03 / 7 for label in LABELS}
    result = _decide(rules.rules, item, rules.nlp.make_doc(text), text, sure, 0.0, "m")
    assert result.label is read_as
    assert result.confidence == pytest.approx(UNSURE_CONFIDENCE, abs=1e-3)
    assert result.confidence < REVIEW_THRESHOLD
    assert max(result.scores, key=lambda key: result.scores[key]) == read_as.value
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert 'rule "everyday life"' in result.reasons[0]
    # noise stays noise, as sure as it was
    noise = {label.value: 0.97 if label is Label.NOT_RECRUITING else 0.03 / 7 for label in LABELS}
    kept = _decide(rules.rules, item, rules.nlp.make_doc(text), text, noise, 0.0, "m")
    assert (kept.label, kept.confidence) == (Label.NOT_RECRUITING, pytest.approx(0.97))


@pytest.mark.parametrize(("subject", "text"), EVERYDAY_MAIL)
def test_the_shipped_classifier_opens_no_process_for_everyday_life(
    classifier: object, subject: str, text: str
) -> None:
    from inbox_monitor.classify import REVIEW_THRESHOLD

    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert result.label is Label.NOT_RECRUITING or result.confidence < REVIEW_THRESHOLD


def test_flatten_keeps_the_order_and_takes_the_certainty() -> None:
    from inbox_monitor.classify import flatten

    scores = {"offer": 0.97, "rejection": 0.02, "not_recruiting": 0.01, "delay": 0.0}
    flat = flatten(scores, 0.45)
    assert flat["offer"] == pytest.approx(0.45)
    assert sorted(flat, key=flat.__getitem__) == sorted(scores, key=scores.__getitem__)
    assert sum(flat.values()) == pytest.approx(1.0)
    assert flatten({"offer": 0.4, "delay": 0.35, "request": 0.25}, 0.45) == {
        "offer": 0.4, "delay": 0.35, "request": 0.25
    }  # fmt: skip


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Lettings Negotiator", "Thank you for applying to our letting agency. We would like "
         "to invite you to interview for the role on Monday at 10am."),
        ("Your offer", "We are delighted to offer you the position. As part of relocation "
         "we also cover six weeks of rent and your deposit on a flat."),
        ("Next steps", "Please send your CV; the hiring manager was a journalist for years."),
        ("Tuesday", "See you at 10:00 for your interview. Ask reception for a parking permit."),
    ],
)  # fmt: skip
def test_a_job_word_keeps_everyday_words_in_hiring(subject: str, text: str) -> None:
    assert everyday_phrase(ClassifierInput(subject, text)) is None


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Thank you for applying to Tenancy Officer", "Hi Alex, thank you for applying to "
         "Tenancy Officer at Acme Housing. We have received your application."),
        ("Your application: Mortgage Adviser", "Dear Alex, unfortunately we have decided not "
         "to progress your application for Mortgage Adviser."),
        ("Universal Credit Case Manager", "Hi Alex, we are still reviewing applications for "
         "Universal Credit Case Manager and will update you next week."),
        ("Update", "Thank you for applying to the tenancy officer post at Acme Housing."),
        ("marathon event coordinator at acme", "hi alex , we have received your application "
         "for marathon event coordinator and will be in touch ."),
    ],
)  # fmt: skip
def test_a_job_title_made_of_everyday_words_stays_in_hiring(subject: str, text: str) -> None:
    """An ATS writes the title as a name; a lower-case title before a job-title noun is one
    too; mail pre-processed to lower case has no names left to tell, so the rule rests."""
    assert everyday_phrase(ClassifierInput(subject, text)) is None


def test_everyday_phrases_cast_no_votes_and_lead_no_news() -> None:
    from inbox_monitor.classify import combine, lead_label

    hits = {"everyday": ["tenancy"], "rejection": ["unsuccessful"]}
    assert lead_label(hits) is None  # one label's cues only: nothing leads
    assert combine(None, hits) == combine(None, {"rejection": ["unsuccessful"]})


def test_a_lexicon_without_the_everyday_group_reads_without_the_rule(
    lexicon_without_everyday: Path,
) -> None:
    from inbox_monitor.lexicon import load_cues, shipped_cues_path

    assert "everyday" in load_cues(shipped_cues_path())
    assert "everyday" not in load_cues(lexicon_without_everyday)
    (result,) = RulesClassifier(lexicon_without_everyday).classify(
        [ClassifierInput("Your tenancy", "Your tenancy application was unsuccessful.")]
    )
    assert not any("everyday life" in reason for reason in result.reasons)


def test_the_everyday_rule_fires_on_no_written_recruiting_message() -> None:
    """Every everyday phrase was checked against the written recruiting mail: a phrase
    added later that real hiring mail uses without a job word shows up here."""
    from inbox_monitor.training import DATA_DIR, read_messages

    inputs = [
        ClassifierInput(subject, text)
        for path in sorted(DATA_DIR.glob("*.txt"))
        if not path.name.startswith(Label.NOT_RECRUITING.value)
        for subject, text in read_messages(path)
    ]
    assert len(inputs) > 3000
    assert [item.subject for item in inputs if everyday_phrase(item) is not None] == []


@pytest.mark.parametrize(
    "text",
    [
        "homework from home, then make money fast",  # the first candidate is inside a word
        "teamwork from home",
        "work from home and earn up to $500",
        "networking at home? no: be your own boss",
        "remake money",
        "",
    ],
)
def test_the_spam_pitch_is_found_only_at_a_word_start_as_a_leading_word_boundary_would(
    text: str,
) -> None:
    from inbox_monitor.classify import _SPAM_PITCH, _search_at_word_start

    bounded = re.compile(r"\b(?:" + _SPAM_PITCH.pattern + ")")
    found, expected = _search_at_word_start(_SPAM_PITCH, text), bounded.search(text)
    assert (found and (found.start(), found.group())) == (
        expected and (expected.start(), expected.group())
    )


def read_as(label: Label) -> Classification:
    """A classifier's answer that puts 0.7 on `label` and 0.3 on the other seven."""
    scores = {name: 0.3 / 7 for name in LABELS}
    scores[label.value] = 0.7
    return Classification(label, 0.7, scores, (f"model: {label.value} 0.70",), "test")


@pytest.mark.parametrize(
    ("subject", "text", "label"),
    [
        (
            "You have accepted Acme Teaching School’s offer to study Mathematics",
            "Hello Sam,\n\nYour place will be confirmed when Acme has your references.",
            Label.OFFER,
        ),
        (
            "Update on your application",
            "Dear Sam,\n\nAt your request, Acme Teaching School has withdrawn your "
            "application to study Mathematics.\n\nIf you did not ask for this, contact us.",
            Label.REJECTION,
        ),
    ],
)
def test_a_portal_confirming_the_users_decision_is_an_acknowledgement(
    subject: str, text: str, label: Label
) -> None:
    result = own_decision(read_as(label), ClassifierInput(subject, text))
    assert result.label is Label.ACKNOWLEDGEMENT
    assert result.confidence == pytest.approx(0.9)
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert result.reasons[0].startswith('rule "own decision": "')
    assert result.reasons[0].endswith(f"overrules {label.value} (0.70)")


def test_a_rule_read_outside_the_model_overrules_or_confirms_and_says_which() -> None:
    offer = read_as(Label.OFFER)
    forced = overrule(offer, Label.INTERVIEW, 'rule "x"')
    assert (forced.label, forced.confidence, forced.model) == (Label.INTERVIEW, 0.9, "test")
    # the others keep their proportions in what is left (0.1); rounded to 4 places
    assert forced.scores["offer"] == pytest.approx(0.7 / (0.7 + 6 * 0.3 / 7) * 0.1, abs=1e-4)
    assert sum(forced.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert forced.reasons == ('rule "x" overrules offer (0.70)', *offer.reasons)
    kept = overrule(offer, Label.OFFER, 'rule "x"')
    assert (kept.confidence, kept.reasons[0]) == (0.9, 'rule "x" confirms offer')  # raised


@pytest.mark.parametrize(
    ("subject", "text", "label"),
    [
        # a reminder to act on an accepted offer asks for something
        (
            "Meet your offer conditions by 4 December",
            "You accepted your offer from Acme. Please upload your degree certificate.",
            Label.REQUEST,
        ),
        # an agency approaching the user about another role
        (
            "Data Analyst",
            "I understand you have declined the offer from Northwind, but I have another role.",
            Label.OUTREACH,
        ),
        # noise stays noise: a marketplace, not an employer
        ("Sofa sold", "You have accepted Tom's offer on your sofa.", Label.NOT_RECRUITING),
        # an offer letter, a question, a condition: no decision was made
        (
            "Your offer",
            "Please sign below to confirm you have accepted the offer on these terms.",
            Label.OFFER,
        ),
        ("Your application", "Have you withdrawn your application?", Label.REJECTION),
        ("Your application", "If you have withdrawn by mistake, call us.", Label.REJECTION),
    ],
)
def test_what_is_no_confirmed_decision_keeps_its_label(
    subject: str, text: str, label: Label
) -> None:
    answer = read_as(label)
    assert own_decision(answer, ClassifierInput(subject, text)) is answer


def test_both_classifiers_apply_the_own_decision_rule(classifier: object) -> None:
    item = ClassifierInput(
        "Update on your application",
        "Dear Sam,\n\nAt your request, Acme Teaching School has withdrawn your application "
        "to study Mathematics. We are sorry to see you go.",
    )
    (result,) = classifier.classify([item])  # type: ignore[attr-defined]
    assert result.label is Label.ACKNOWLEDGEMENT
    assert 'rule "own decision"' in result.reasons[0]


def test_a_rule_override_rescales_scores_and_is_explained() -> None:
    (result,) = RulesClassifier().classify(
        [ClassifierInput("Job offer", "We are not in a position to offer you the job offer.")]
    )
    assert result.label is Label.REJECTION
    assert result.confidence == pytest.approx(0.9)
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)
    assert "overrules offer" in result.reasons[0]


@pytest.mark.parametrize(
    ("text", "label", "other"),
    [
        (
            "Update. The position has been filled. You have an offer from Acme for the other "
            "course: sign in to respond.",
            Label.REJECTION,
            Label.OFFER,
        ),
        (
            "Update. You have an offer from Acme for the other course: sign in to respond. "
            "The position has been filled.",
            Label.OFFER,
            Label.REJECTION,
        ),
        # a courtesy acknowledgement before the news does not lead
        (
            "Thank you for applying. The position has been filled.",
            Label.REJECTION,
            Label.ACKNOWLEDGEMENT,
        ),
    ],
)
def test_with_news_of_two_kinds_the_one_found_first_has_one_vote_more(
    text: str, label: Label, other: Label
) -> None:
    (result,) = RulesClassifier().classify([ClassifierInput("Your application", text)])
    assert result.label is label
    # one cue each: without the lead vote the two would tie
    assert result.scores[label.value] == pytest.approx(
        math.e * result.scores[other.value],
        abs=1e-3,  # scores are rounded to four places
    )
    assert f"{label.value} cues (found first)" in " ".join(result.reasons)


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        # "not" right before the phrase, and with "yet" passed over
        (
            "The places filled up, so the provider has not got your application.",
            "got your application",
            None,
        ),
        ("We have not yet finished reviewing applications.", "reviewing applications", None),
        ("If you do not want to accept this offer, sign in to decline.", "accept this offer", None),
        ("There is no action needed from you.", "action needed", None),
        # further back than two words, or in another clause, a negation does not reach
        ("I hope you don't mind me reaching out about a role.", None, "reaching out"),
        ("We still haven't received your proof of address.", None, "proof of address"),
        ("No, we're still waiting on feedback.", None, "still waiting"),
        ("Not yet - still waiting on feedback.", None, "still waiting"),
        # a phrase that holds its own negation is taken as it is
        ("You have not been selected for interview.", None, "not been selected"),
    ],
)
def test_a_cue_phrase_right_after_a_negation_is_not_counted(
    text: str, gone: str | None, kept: str | None
) -> None:
    (result,) = RulesClassifier().classify([ClassifierInput("", text)])
    reasons = " ".join(result.reasons)
    if gone:
        assert f'"{gone}"' not in reasons
    if kept:
        assert f'"{kept}"' in reasons


def test_normalise_text_joins_subject_collapses_whitespace_and_detokenises() -> None:
    text = normalise_text(
        "Re: Interview", "Hello ,\n\n  we don ' t  know yet .\thttps://x.example/a"
    )
    assert text == "re: interview. hello, we don't know yet."
    assert "\n" not in normalise_text("", "a\nb" * 5000)
    assert len(normalise_text("", "word " * 5000)) <= 3000


def test_curly_apostrophes_read_as_typed_ones() -> None:
    # mail clients and portals type ’; the training text, the cue phrases and the
    # function-word list have '
    assert normalise_text("", "We’ve received “your”​ CV") == 'we\'ve received "your" cv'
    curly, typed = RulesClassifier().classify(
        [
            ClassifierInput("", "We’ve received your application and you haven’t been selected."),
            ClassifierInput("", "We've received your application and you haven't been selected."),
        ]
    )
    assert curly == typed
    assert '"we\'ve received"' in " ".join(curly.reasons)


def test_lone_surrogates_are_read_as_question_marks(classifier: object) -> None:
    # a JSON line may hold "\\ud800"; spaCy's tokenizer cannot hash it, and the whole batch
    # of `classify --jsonl` failed with it
    assert normalise_text("Offer \ud800", "by Friday \udc80.") == "offer?. by friday?."
    odd, plain = classifier.classify(  # type: ignore[attr-defined]
        [
            ClassifierInput("Offer \ud800", SAMPLES[0].text),
            ClassifierInput("Offer ?", SAMPLES[0].text),
        ]
    )
    assert odd == plain


def test_content_view_keeps_content_words_negations_and_pronouns() -> None:
    import spacy

    from inbox_monitor.classify import model_view

    nlp = spacy.blank("en")
    doc = nlp.make_doc("unfortunately, we will not be moving forward with your application.")
    view = model_view(doc, 96, "content")
    assert [t.text for t in view] == [
        "unfortunately", "we", "will", "not", "moving", "forward", "your", "application",
    ]  # fmt: skip
    assert len(model_view(doc, 3, "content")) == 3
    assert [t.text for t in model_view(doc, 3, "head")] == ["unfortunately", ",", "we"]
    # spaCy's stop list would drop these; here they carry the news
    kept = model_view(nlp.make_doc("please call back, the course is full"), 96, "content")
    assert [t.text for t in kept] == ["please", "call", "back", "course", "full"]


def test_function_words_are_found_as_numpy_isin_finds_them() -> None:
    import numpy

    from inbox_monitor.classify import _FUNCTION_IDS, _FUNCTION_WORDS, LOWER, _function_words

    rules = rules_alone()
    words = " ".join(sorted(_FUNCTION_WORDS))  # every one, and words either side of each
    text = normalise_text("Re: your application", f"{words} zzz aardvark, {SAMPLES[1].text}")
    lower = rules.nlp.make_doc(text).to_array([LOWER])
    assert _function_words(lower).tolist() == numpy.isin(lower, _FUNCTION_IDS).tolist()
    assert _function_words(lower).sum() > len(_FUNCTION_WORDS)
    assert not _function_words(numpy.array([0, 2**64 - 1], numpy.uint64)).any()  # the ends


def test_cue_phrases_are_read_from_the_text_as_spans_would_give_them() -> None:
    rules = rules_alone()
    for item in [*SAMPLES, *(ClassifierInput(s, t) for s, t in EVERYDAY_MAIL)]:
        text = normalise_text(item.subject, item.text)
        doc = rules.nlp.make_doc(text)
        spans = [doc[start:end].text for _, start, end in rules.rules.cues(doc)]
        hits = rules.rules.cue_hits(doc, text)
        found = [phrase for phrases in hits.values() for phrase in phrases]
        assert found and set(found) <= set(spans), item
        assert rules.rules.cue_hits(doc) == hits  # doc.text when the caller has no text
    assert any(" " in phrase for phrase in found)  # phrases of several tokens, too


@pytest.mark.parametrize(
    "text",
    [
        "20% off", "20 %off", "promo code", "discount codes", "coupon code", "voucher codes",
        "limited time offer", "limited time only", "limited time deal", "free shipping",
        "free delivery", "special offer ends", "exclusive deals for", "black friday on",
        "holiday deal expires", "our offers for",
    ],
)  # fmt: skip
def test_each_override_shape_holds_a_word_looked_for_before_the_search(text: str) -> None:
    from inbox_monitor.classify import _MAY_OVERRIDE, _may_override

    text = f"this week: {text} everything"
    matches = [
        (match.group(), needles)
        for pattern, needles in _MAY_OVERRIDE
        for match in pattern.finditer(text)
    ]
    assert matches
    assert all(not needles or any(n in found for n in needles) for found, needles in matches)
    assert [m.group() for m in _may_override(text)] == [found for found, _ in matches]


@pytest.mark.parametrize(
    "text",
    [
        "work from home", "working at home", "home-based business", "home based income",
        "be your own boss", "make money", "earn $500", "earn up to $500", "extra income",
        "financial freedom",
    ],
)  # fmt: skip
def test_each_spam_pitch_holds_a_word_looked_for_before_the_search(text: str) -> None:
    from inbox_monitor.classify import _SPAM_PITCH, _SPAM_PITCH_WORDS

    found = _SPAM_PITCH.search(f"you can {text} today")
    assert found and any(word in found.group() for word in _SPAM_PITCH_WORDS)


@pytest.mark.parametrize(
    ("pattern", "words", "text"),
    [
        *(("_JOB_DIGEST", "_DIGEST_WORDS", text) for text in (
            "12 new jobs for you", "3 neue stellenangebote", "5 weitere spannende projekte",
            "your daily job alert for data analyst", "your weekly jobalert for analysts",
            "ihr jobagent hat", "dein suchauftrag", "jobs you may be interested in",
            "jobs that might like you", "recommended jobs", "suggested roles",
            "jobs matching your profile", "jobs that match your search", "passend zu ihrem profil",
            "stellen, die zu dir passen", "matched with 4 employers", "view all jobs",
            "see more roles", "browse all vacancies", "alle jobs ansehen",
        )),
        *(("_ADVICE", "_ADVICE_WORDS", text) for text in (
            "five tips", "practise with us", "practising", "practice your answers",
            "a masterclass", "our workshops", "the webinar", "what to expect",
            "how to ace it", "how to best prepare", "things to ask", "our free tool",
            "a mock interview", "the careers fair", "graduate fairs", "jobs fair",
        )),
        *(("_OFFER_STATUS", "_OFFER_STATUS_WORDS", text) for text in (
            "your application status has changed to offer extended",
            "your candidacy has reached the offer stage", "your application entered offer",
            "status: offer", "your status is now offer", "status for the role is: offer",
            "status is now: offer sent", "your submission was moved to the offer step",
        )),
        *(("_REAL_OFFER", "_REAL_OFFER_WORDS", text) for text in (
            "pleased to offer you", "delighted to make you an offer", "glad to confirm your offer",
            "attached is your offer", "find enclosed the offer", "your offer letter is attached",
            "here is your offer", "you have been offered", "you've been selected for appointment",
            "the client has come back with an offer", "they have made you an offer",
        )),
        *(("_GERMAN_REJECTION", "_GERMAN_REJECTION_WORDS", text) for text in (
            "leider können wir sie nicht berücksichtigen", "leider nicht in die engere auswahl",
            "keine positive rückmeldung", "uns für einen anderen kandidaten entschieden",
            "sich gegen sie entschieden",
        )),
    ],
)  # fmt: skip
def test_each_everyone_and_status_shape_holds_a_word_looked_for_before_the_search(
    pattern: str, words: str, text: str
) -> None:
    """The words (or a count, "12 new") looked for before a costly search are in each of its
    matches, so looking for them first changes no answer."""
    from inbox_monitor import classify

    found = getattr(classify, pattern).search(f"hello. {text} today")
    assert found, text
    needles = getattr(classify, words)
    assert any(word in found.group() for word in needles) or (
        pattern == "_JOB_DIGEST" and classify._DIGEST_COUNT.search(found.group())
    )
    if pattern == "_JOB_DIGEST":
        assert classify._job_digest(f"hello. {text} today").group() == found.group()
    if pattern == "_ADVICE":
        assert classify._advice(f"hello. {text} today").group() == found.group()


def test_view_parts_overlap_and_the_last_one_ends_with_the_view() -> None:
    import spacy

    from inbox_monitor.classify import view_parts

    nlp = spacy.blank("en")
    words = [f"w{n}" for n in range(50)]
    view = nlp.make_doc(" ".join(words))
    parts = view_parts(view, 32, 16)
    assert [[t.text for t in part] for part in parts] == [words[0:32], words[16:48], words[18:50]]
    assert view_parts(nlp.make_doc(" ".join(words[:32])), 32, 16) == []  # one part: the view
    longest = nlp.make_doc(" ".join(f"w{n}" for n in range(96)))  # a whole view
    assert [part[0].text for part in view_parts(longest, 32, 16)] == [
        "w0",
        "w16",
        "w32",
        "w48",
        "w64",
    ]


def test_merge_parts_lowers_noise_only_and_keeps_the_other_labels_proportions() -> None:
    from inbox_monitor.classify import merge_parts

    whole = {label.value: 0.015 for label in LABELS} | {"not_recruiting": 0.86, "interview": 0.05}
    merged = merge_parts(
        whole, [{**whole, "not_recruiting": 0.9}, {**whole, "not_recruiting": 0.3}]
    )
    assert sum(merged.values()) == pytest.approx(1.0)
    # the geometric mean of the whole's and the least noise-like part's noise
    assert merged["not_recruiting"] == pytest.approx(math.sqrt(0.86 * 0.3))
    assert merged["interview"] / merged["offer"] == pytest.approx(0.05 / 0.015)  # as in the whole
    # a confident whole moves as much as an unsure one: the others share what noise gives up
    sure = {label.value: 0.0001 for label in LABELS} | {"not_recruiting": 0.9993}
    lowered = merge_parts(sure, [{**sure, "not_recruiting": 0.09}])
    assert lowered["not_recruiting"] == pytest.approx(math.sqrt(0.9993 * 0.09))
    assert lowered["interview"] == pytest.approx((1 - lowered["not_recruiting"]) / 7)
    assert merge_parts(whole, [{**whole, "not_recruiting": 0.95}]) == whole  # never raised
    assert merge_parts(whole, []) == whole
    underflow = {label.value: 0.0 for label in LABELS} | {"not_recruiting": 1.0}
    assert merge_parts(underflow, [{**underflow, "not_recruiting": 0.0}]) == underflow


NEWSLETTER = (
    "Our spring issue is out. Read the editor's letter, a long essay on city gardens and a "
    "recipe for rhubarb crumble. Members save ten percent at the shop this month. Join our "
    "walking group on Saturday mornings and share your photos with the community. "
)
BURIED = (  # portal boilerplate around one line of news, which the whole reading misses
    "Sign in to your account to see the details. The school would like to invite you to an "
    "interview for the teaching post. Our help centre is open Monday to Friday, 9am to 5pm. "
    "You can change your email preferences at any time. Read our guides on funding your "
    "studies and planning your week. Find events near you and join our webinars. Download "
    "the app to get updates on your phone. Browse thousands of courses and save your favourites. "
    "Share your feedback in our short survey."
)


@needs_model
def test_a_message_read_as_noise_is_read_again_in_parts() -> None:
    from inbox_monitor.classify import MODEL_PARTS, TextcatClassifier

    classifier = load_classifier()
    assert isinstance(classifier, TextcatClassifier)
    assert classifier.parts == MODEL_PARTS  # the shipped meta asks for it
    item = ClassifierInput("An update", BURIED)
    (in_parts,) = classifier.classify([item])
    classifier.parts = None
    try:
        (whole,) = classifier.classify([item])
    finally:
        classifier.parts = MODEL_PARTS
    assert whole.label is Label.NOT_RECRUITING
    assert in_parts.label is Label.INTERVIEW
    assert in_parts.scores["not_recruiting"] < whole.scores["not_recruiting"]
    assert any(r.startswith("read in parts: not_recruiting") for r in in_parts.reasons)
    assert not any(r.startswith("read in parts") for r in whole.reasons)


@needs_model
def test_views_and_parts_given_to_the_model_as_arrays_score_as_docs_made_of_them() -> None:
    from inbox_monitor.classify import TextcatClassifier

    classifier = load_classifier()
    assert isinstance(classifier, TextcatClassifier) and classifier._bag_of_words
    newsletter = ClassifierInput("This week", NEWSLETTER * 3)  # noise, read in many parts
    items = [ClassifierInput("An update", BURIED), *SAMPLES, ClassifierInput("x", BURIED * 3)]
    items.append(newsletter)
    empty = [ClassifierInput("", ""), ClassifierInput(" ", "--")]  # a batch without tokens

    def both() -> list[list[dict[str, float]]]:
        return [[r.scores for r in classifier.classify(batch)] for batch in (items, empty)]

    fast = both()
    classifier._bag_of_words = False  # the path any other architecture takes: spaCy Docs
    try:
        slow = both()
    finally:
        classifier._bag_of_words = True
    assert fast == slow
    read = classifier.classify(items)
    assert any(r.startswith("read in parts") for r in read[0].reasons)  # the buried news
    assert read[-1].label is Label.NOT_RECRUITING  # read whole as noise, so in parts as well


def test_a_message_with_nothing_to_read_beside_others_is_noise_for_review() -> None:
    # a blank view beside others crashed the model's n-gram layer, and with it the import
    # of the whole batch (an attachment-only message with no subject, a stray file)
    from inbox_monitor.classify import EMPTY_NOTE, REVIEW_THRESHOLD, TextcatClassifier

    classifier = load_classifier()
    assert isinstance(classifier, TextcatClassifier)
    blanks = [ClassifierInput("", ""), ClassifierInput("", "the a"), ClassifierInput("--", "")]
    for fast in (True, False):  # as arrays, and as spaCy Docs
        classifier._bag_of_words = fast
        try:
            alone = [classifier.classify([item])[0] for item in [*blanks, *SAMPLES]]
            together = classifier.classify([SAMPLES[0], *blanks, *SAMPLES[1:]])
        finally:
            classifier._bag_of_words = True
        assert together == [alone[len(blanks)], *alone[: len(blanks)], *alone[len(blanks) + 1 :]]
        for result in alone[: len(blanks)]:
            assert result.label is Label.NOT_RECRUITING and result.confidence < REVIEW_THRESHOLD
            assert result.reasons == (EMPTY_NOTE,)


def test_a_pipeline_without_model_parts_reads_whole_and_a_bad_value_is_refused(
    tmp_path: Path,
) -> None:
    import shutil

    from inbox_monitor.classify import TextcatClassifier

    if not (REPO_MODEL_DIR / "meta.json").exists():
        pytest.skip("no shipped pipeline")
    copy = tmp_path / "model"
    shutil.copytree(REPO_MODEL_DIR, copy)
    meta = json.loads((copy / "meta.json").read_text())
    del meta["model_parts"]
    (copy / "meta.json").write_text(json.dumps(meta))
    assert TextcatClassifier(copy).parts is None
    for bad in ([0, 16], "32", [32], [32.5, 16], {"size": 32}):
        (copy / "meta.json").write_text(json.dumps({**meta, "model_parts": bad}))
        with pytest.raises(ModelError, match="model_parts"):
            TextcatClassifier(copy)


def test_input_for_reads_subject_new_text_and_sender() -> None:
    message = ParsedMessage(
        message_id="<a@b>",
        message_id_synthesized=False,
        in_reply_to=None,
        references=(),
        sender=Address("Jane Roe", "jane@acme.example"),
        reply_to=(),
        to=(),
        cc=(),
        date=datetime(2026, 1, 1, tzinfo=UTC),
        date_source="header",
        subject="Interview",
        body="full body\n> quoted",
        new_text="full body",
        quoted="> quoted",
        signature="",
        footer="",
        attachments=(),
        direction="inbound",
        content_hash="x",
        size=10,
    )
    assert input_for(message) == ClassifierInput(
        "Interview", "full body", "Jane Roe <jane@acme.example>"
    )


def test_missing_or_corrupt_model_directory_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        load_classifier(tmp_path / "nowhere")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "meta.json").write_text("{not json")
    with pytest.raises(ModelError):
        load_classifier(broken)


@needs_model
def test_shipped_pipeline_names_its_source_hash() -> None:
    meta = json.loads((REPO_MODEL_DIR / "meta.json").read_text())
    classifier = load_classifier()
    assert classifier.name.startswith("recruiter-textcat")
    assert meta["sources_sha256"][:12] in classifier.name


@pytest.fixture(scope="module")
def shipped() -> Classifier:
    """The shipped pipeline, loaded once for the tests that read with it."""
    return load_classifier()


def noise_parts(
    classifier: TextcatClassifier,
) -> tuple[list[numpy.ndarray], list[list[tuple[int, int]]], list[Any]]:
    """The ORTH ids of views of written mail of every length up to a whole view, and of a
    view that repeats words (whose n-grams count more than once); their parts' bounds; and
    the parts as the model reads them one by one."""
    from inbox_monitor.classify import _BagOfWords, _part_bounds

    words = " ".join(item.text for item in [*SAMPLES, *everyday_items()]).split()
    texts = [normalise_text("", " ".join(words[:n])) for n in range(1, 140, 7)]
    texts.append(normalise_text("", "sale sale sale now now sale now " * 20))
    orths = [
        view_orth(classifier.nlp.make_doc(text), classifier.model_tokens, classifier.view)
        for text in texts
    ]
    bounds = [_part_bounds(len(orth), 32, 16) for orth in orths]
    parts = [
        _BagOfWords(orth[start:end])
        for orth, spans in zip(orths, bounds, strict=True)
        for start, end in spans
    ]
    assert len(parts) > 20 and not bounds[0]  # short views have no parts, long ones several
    return orths, bounds, parts


def everyday_items() -> list[ClassifierInput]:
    return [ClassifierInput(subject, text) for subject, text in EVERYDAY_MAIL]


@needs_model
@pytest.mark.parametrize("ngram_size", [1, 2, 3])
def test_part_ngrams_are_what_spacy_extracts_from_each_part(
    shipped: Classifier, ngram_size: int
) -> None:
    from spacy.ml.extract_ngrams import extract_ngrams

    from inbox_monitor.classify import part_ngrams

    assert isinstance(shipped, TextcatClassifier)
    orths, bounds, parts = noise_parts(shipped)
    spacy_layer = extract_ngrams(ngram_size, attr=ORTH)
    expected = spacy_layer.predict(parts)
    found = part_ngrams(spacy_layer.ops, orths, bounds, 32, ngram_size)
    for ours, theirs in zip(found, expected, strict=True):
        assert ours.dtype == theirs.dtype
        assert numpy.array_equal(ours, theirs)
    assert found[1].max() > 1  # the repeated words were counted


@needs_model
def test_parts_read_in_one_go_score_as_the_model_scores_each(shipped: Classifier) -> None:
    assert isinstance(shipped, TextcatClassifier)
    assert shipped._after_ngrams is not None  # the shipped model reads parts in one go
    orths, bounds, parts = noise_parts(shipped)
    assert shipped._predict_parts(orths, bounds, 32) == shipped._predict(parts)
    assert shipped._predict_parts(orths[:1], bounds[:1], 32) == []  # no parts at all


@needs_model
def test_a_model_of_another_shape_reads_its_parts_one_by_one(
    shipped: Classifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(shipped, TextcatClassifier)
    items = [*SAMPLES, *everyday_items()]
    items.append(ClassifierInput("Newsletter", " ".join(["our autumn sale starts now"] * 40)))
    calls: list[object] = []
    in_one_go = shipped._predict_parts
    monkeypatch.setattr(shipped, "_predict_parts", lambda *a: calls.append(a) or in_one_go(*a))
    read = shipped.classify(items)
    assert calls  # the noise was read again in parts, in one go
    monkeypatch.setattr(shipped, "_after_ngrams", None)
    calls.clear()
    assert shipped.classify(items) == read
    assert not calls


@pytest.fixture(scope="module")
def dev_evaluation(shipped: Classifier) -> Evaluation:
    """The shipped classifier on the dev set, read as `inbox-monitor evaluate` reads it."""
    rows = dev_rows()
    results = shipped.classify([line_input(row)[0] for row in rows])
    return evaluate_predictions([r["label"] for r in rows], [r.label for r in results])


@needs_model
def test_dev_set_stays_above_the_measured_floor(dev_evaluation: Evaluation) -> None:
    """Guards against regressions: a retrain that falls below the shipped model's figure
    (0.743), less about one message's worth, fails."""
    assert dev_evaluation.macro_f1 >= DEV_FLOOR


DEV_FLOOR = 0.72

DECISIONS = Path(__file__).parent / "data" / "decisions.jsonl"
"""The team's own short examples of the labels and edge cases docs/labels.md decides."""


@needs_model
def test_the_decided_cases_mostly_read_as_decided(shipped: Classifier) -> None:
    """The shipped model reads 48 of the 52 as decided (docs/classifier.md, sixteenth
    round); a retrain that gets more than two more wrong fails. Each is one message's
    worth, so the misses are named."""
    rows = labelled_rows(DECISIONS)  # read as `inbox-monitor evaluate` reads them
    results = shipped.classify([line_input(row)[0] for row in rows])
    wrong = [
        f"{r['id']}: {result.label.value}"
        for r, result in zip(rows, results, strict=True)
        if result.label.value != r["label"]
    ]
    assert len(rows) == 52
    assert len(wrong) <= 6, wrong


@needs_model
def test_dev_set_meets_the_offer_target(dev_evaluation: Evaluation) -> None:
    """Offers are not missed (the issue's target)."""
    per_label = {m.label: m for m in dev_evaluation.per_label}
    assert per_label["offer"].recall >= 0.95


@needs_model
@pytest.mark.xfail(reason="target not reached yet: see docs/classifier.md for the measured figure")
def test_dev_set_meets_the_issue_targets(dev_evaluation: Evaluation) -> None:
    per_label = {m.label: m for m in dev_evaluation.per_label}
    assert dev_evaluation.macro_f1 >= 0.85
    assert per_label["rejection"].recall >= 0.95
    assert per_label["not_recruiting"].precision >= 0.95


LONG_OPENING = (
    "Hi Alex,\n\nThank you very much for taking the time to speak with our team over the past "
    "few weeks about the Senior Data Engineer position here at Northwind Payments. We really "
    "enjoyed learning about your background in building streaming pipelines, your work on the "
    "fraud detection platform, and the way you approached the system design exercise with the "
    "panel. As you know, the team has grown quickly this year and we have been careful to make "
    "sure every hire is right for both sides, which is why the process included several "
    "conversations with engineers, product managers and our head of data. "
)


@needs_model
@pytest.mark.parametrize(
    ("news", "label"),
    [
        ("After careful consideration, we have decided not to proceed with your application "
         "at this time.", Label.REJECTION),
        ("I am delighted to tell you that we would like to offer you the position, with a "
         "starting salary of £85,000.", Label.OFFER),
        ("Unfortunately the decision has been delayed because the hiring manager is on leave, "
         "and we will update you next week.", Label.DELAY),
        ("Before we go further, could you please send us two references and your salary "
         "expectations?", Label.REQUEST),
    ],
)  # fmt: skip
def test_news_after_a_long_friendly_opening_is_read(
    shipped: Classifier, news: str, label: Label
) -> None:
    """A human recruiter's letter may spend 90 words on thanks before its news: the model's
    view must reach it (a 64-token view read all four as outreach)."""
    text = LONG_OPENING + news + "\n\nBest regards,\nLaura"
    (result,) = shipped.classify([ClassifierInput("Senior Data Engineer", text)])
    assert result.label is label


@pytest.mark.parametrize(
    "text",
    [
        "We are no longer able to make you an offer for the role.",
        "Unfortunately we won't be moving forward with your application.",
        "We will not be extending an offer at this time.",
        "We can't offer you the position, I'm afraid.",
    ],
)
def test_negation_shapes_are_rejections(classifier: object, text: str) -> None:
    (result,) = classifier.classify([ClassifierInput("Update", text)])  # type: ignore[attr-defined]
    assert result.label is Label.REJECTION
    assert 'rule "negated offer"' in result.reasons[0]


def test_a_negation_elsewhere_does_not_fire_the_rule() -> None:
    (result,) = RulesClassifier().classify(
        [ClassifierInput("Interview", "We will not make you wait: your interview is on Monday.")]
    )
    assert result.label is Label.INTERVIEW
    assert not any("negated offer" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "You did not respond within 10 working days, so we declined your offer for Geography "
        "(G3P1) at Hillcrest College. You can apply again from your account.",
        "Application withdrawn. You did not respond in time, so we withdrew your application "
        "for Chemistry at Oakridge Academy.",
        "Following a review of the team's budget, your offer has been withdrawn. We are sorry to "
        "bring you this news.",
        "Your application to Saltmarsh Institute did not lead to a place on the course: it "
        "filled up before your references came in.",
    ],
)
def test_an_application_ended_for_the_user_is_a_rejection(classifier: object, text: str) -> None:
    # docs/labels.md: an application or offer ended by their system, or an offer taken
    # back, is a rejection though no "unfortunately" says so (fourteenth round's cues)
    (result,) = classifier.classify([ClassifierInput("Your application", text)])  # type: ignore[attr-defined]
    assert result.label is Label.REJECTION, result.reasons


@needs_model
def test_a_withdrawal_the_user_asked_for_is_no_rejection(shipped: Classifier) -> None:
    # the new cue "we have withdrawn your application" votes, the model reads the rest
    (result,) = shipped.classify(
        [
            ClassifierInput(
                "Your application",
                "Thank you for your email of 3 March. As you asked, we have withdrawn your "
                "application for the Data Analyst post and removed you from the shortlist.",
            )
        ]
    )
    assert result.label is Label.ACKNOWLEDGEMENT, result.reasons


@needs_model
@pytest.mark.parametrize(
    ("subject", "text", "label"),
    [
        (
            "Your employment",
            "We regret to inform you that your employment with Harbour Mills will end on 30 "
            "April, as your role is among those made redundant in the restructure. Your final "
            "salary and holiday pay will be paid with your last month's pay.",
            Label.NOT_RECRUITING,
        ),
        (
            "Salary review outcome",
            "Following this year's pay review, we are pleased to confirm that your salary will "
            "increase to 41,000 from 1 April. Congratulations, and thank you for all your work "
            "this year.",
            Label.NOT_RECRUITING,
        ),
        (
            "Probation review",
            "I am pleased to confirm that you have successfully completed your probationary "
            "period and your appointment as Data Analyst is now confirmed.",
            Label.NOT_RECRUITING,
        ),
        (
            "Reference for Sam Carter",
            "Sam Carter has given your name as a referee for the role of Office Manager at "
            "Fenwick Dental. I would be grateful if you could confirm the dates Sam worked with "
            "you and comment on their reliability.",
            Label.NOT_RECRUITING,
        ),
        # the same words about the user's own application are still its news
        (
            "Internal vacancy: Team Leader",
            "We regret to inform you that your application for the internal Team Leader vacancy "
            "has not been successful on this occasion. Thank you for your interest in developing "
            "your career with us.",
            Label.REJECTION,
        ),
    ],
)
def test_mail_about_the_current_job_or_someone_else_is_no_news(
    shipped: Classifier, subject: str, text: str, label: Label
) -> None:
    # docs/labels.md: a dismissal, a pay rise, a probation result or a referee request is
    # not_recruiting though hiring words appear (fifteenth round's written mail)
    (result,) = shipped.classify([ClassifierInput(subject, text)])
    assert result.label is label, result.reasons


# An offer only supposed is no offer (verification round 8, R10): "if we make an offer"
SUPPOSED_OFFERS = [
    ("Re: Backend Engineer - next steps", "Could you push your start date back to April if we "
     "make an offer? See you on Thursday."),
    ("Re: Data Engineer", "Were we to make you an offer, would you be open to three days a week "
     "in the office?"),
    ("Re: Product Analyst", "Should you be offered the role, the contract would run for nine "
     "months at first."),
    ("Re: Product Analyst", "If we were to offer you the job, how soon could you start?"),
    ("Re: Product Analyst", "Quick one: if we extend an offer, is there anything that would stop "
     "you saying yes?"),
    ("Re: Product Analyst", "Should an offer be made, the salary would be between 48k and 52k."),
    ("Re: Product Analyst", "If it goes well on Monday, we would look to make you an offer later "
     "that week."),
    ("Re: Product Analyst", "If you're successful at the last stage, you'll receive a verbal "
     "offer from me by phone."),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "text"), SUPPOSED_OFFERS)
def test_a_supposed_offer_is_no_offer_and_waits_for_review(
    classifier: object, subject: str, text: str
) -> None:
    from inbox_monitor.classify import REVIEW_THRESHOLD

    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert result.label is not Label.OFFER, result.reasons
    assert 'rule "conditional offer"' in result.reasons[0]
    # what else it is, is the model's second reading: a guess, for the user to confirm
    assert result.confidence < REVIEW_THRESHOLD
    assert result.scores["offer"] == min(result.scores.values())
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(
    "text",
    [
        "We'll decide on Friday whether to make you an offer.",
        "In the event of an offer, what notice period would you need to give?",
        "Before we can make an offer, we need to speak to two of your referees.",
        "The panel meets on Thursday and we hope to be in a position to make an offer soon.",
        "If successful, an offer will be made within a week of the final interview.",
        "If you are offered the position, would you be able to relocate to Leeds?",
        "If the client decides to make an offer, I'll ring you straight away.",
        "If they want to offer you the role, I'll call you the same day.",
        "The hiring manager might extend an offer after the panel on Friday.",
        "If it comes to an offer, are you still looking for around 70k?",
        "Ahead of any offer, could you tell me your current salary?",
        "Any offer we make would be subject to a DBS check.",
    ],
)
def test_the_rule_finds_an_offer_only_supposed(text: str) -> None:
    from inbox_monitor.classify import conditional_offer

    assert conditional_offer(normalise_text("Re: Data Analyst", text)) is not None


@pytest.mark.parametrize(
    "text",
    [
        "We are delighted to offer you the position of Data Analyst. If you have any questions "
        "about the offer, please call me.",
        "Please find attached your offer letter. If you are happy with the terms, sign it by "
        "Friday.",
        "Great news - the client would like to make you an offer! If you accept, they'd like you "
        "to start on 1 March.",
        "We'd like to offer you the job. If the start date doesn't suit, we can talk about it.",
        "You've been offered the Graduate Analyst place. If you accept by 1 July, we'll send "
        "your contract.",
        "Your offer letter is attached. If anything needs changing before you sign, let me know.",
        "We would like to make you an offer of 52k. If you receive a counter-offer from your "
        "employer, please talk to me first.",
        "My client has come back with an offer: 70k plus bonus. If you want to negotiate, I can "
        "go back to them.",
        "We'd be happy to offer you the role if your references come back fine.",
        "Starting in May, we are pleased to offer you the post of Research Assistant.",
        "I'm thrilled to say the panel want to offer you the role. If you'd like to talk it "
        "through, I'm free all afternoon.",
    ],
)
def test_an_offer_made_with_an_if_nearby_stays_an_offer(text: str) -> None:
    from inbox_monitor.classify import conditional_offer

    assert conditional_offer(normalise_text("Your offer", text)) is None
    (result,) = RulesClassifier().classify([ClassifierInput("Your offer", text)])
    assert not any("conditional offer" in reason for reason in result.reasons)


def test_the_conditional_offer_rule_acts_only_on_an_offer() -> None:
    """A supposed offer in mail read as something else leaves its reading as it was."""
    from inbox_monitor.classify import _decide

    rules = RulesClassifier()
    item = ClassifierInput("Re: Data Analyst", "Before we can make an offer, could you send "
                           "me the details of two referees?")  # fmt: skip
    text = normalise_text(item.subject, item.text)
    asked = {label.value: 0.9 if label is Label.REQUEST else 0.1 / 7 for label in LABELS}
    result = _decide(rules.rules, item, rules.nlp.make_doc(text), text, asked, 0.0, "m")
    assert (result.label, result.confidence) == (Label.REQUEST, pytest.approx(0.9))
    assert not any("conditional offer" in reason for reason in result.reasons)
    offered = {label.value: 0.9 if label is Label.OFFER else 0.1 / 7 for label in LABELS}
    offered[Label.REQUEST.value] += 0.01
    result = _decide(rules.rules, item, rules.nlp.make_doc(text), text, offered, 0.0, "m")
    assert result.label is Label.REQUEST
    assert result.reasons[0].startswith('rule "conditional offer": "before we can make an offer"')


def test_whether_or_not_to_extend_an_offer_is_no_negated_offer(classifier: object) -> None:
    from inbox_monitor.classify import REVIEW_THRESHOLD

    (result,) = classifier.classify(  # type: ignore[attr-defined]
        [
            ClassifierInput(
                "Re: Data Analyst",
                "Thanks for coming in today. The panel meets on Monday to decide whether or not "
                "to extend an offer.",
            )
        ]
    )
    # nothing is decided yet: no rejection that would close the process (the rules alone,
    # with the offer taken out, have seven labels tied and name the first, for review)
    assert result.label is not Label.REJECTION or result.confidence < REVIEW_THRESHOLD
    assert not any("negated offer" in reason for reason in result.reasons)


# Their call-off in the thread, new times to come (verification round 8, R7): `interview`
# (docs/labels.md: an interview cancelled or moved, with or without a new date)
@pytest.mark.parametrize(
    "text",
    [
        "Sorry Alex, I've just noticed Thursday won't work after all - I'll send you some new "
        "times on Monday.",
        "Apologies, Friday is off after all - I'll send you new times by Wednesday.",
        "Sorry - our call tomorrow has to be cancelled. I will send over some alternative slots "
        "this afternoon.",
        "I'm afraid Monday doesn't work for the panel after all. I'll come back to you with new "
        "dates next week.",
        "Unfortunately Tuesday's interview can't go ahead; I'll send you other times shortly.",
    ],
)
def test_their_call_off_with_new_times_to_come_is_an_interview_message(
    classifier: object, text: str
) -> None:
    (result,) = classifier.classify(  # type: ignore[attr-defined]
        [ClassifierInput("Re: UX Researcher - first interview", text)]
    )
    assert result.label is Label.INTERVIEW
    assert result.confidence >= 0.9
    assert 'rule "called off"' in result.reasons[0]


@pytest.mark.parametrize(
    "text",
    [
        "The office is closed on Tuesday for the bank holiday; deliveries resume on Wednesday.",
        "This week's webinar on Tuesday is off after all - we'll send new dates in the next issue.",
        "Sorry, Friday's dinner is off after all - I'll send round some new dates for the group.",
        "Our book club meeting on Thursday is cancelled. We will share new dates soon.",
        "Tuesday won't work for the plumber, so the repair has moved to Friday.",
        "Your delivery slot on Thursday has been cancelled. Please choose a new slot in the app.",
        "Our team meeting is off this week - I'll send new dates for the offsite later.",
        "The match on Saturday is off because of the weather - new dates will follow.",
        # a call-off with no new times in view is the model's to read
        "Sorry, Thursday won't work after all. Speak soon!",
        "Wednesday won't work after all, I'm afraid, so we will not be sending new times.",
        "Sorry, Thursday won't work after all - I'll let you know if new dates come up.",
    ],
)
def test_other_things_off_are_no_call_off(text: str) -> None:
    from inbox_monitor.classify import called_off

    assert called_off(normalise_text("Update", text)) is None


def test_a_call_off_with_the_role_gone_is_still_a_rejection(classifier: object) -> None:
    text = (
        "Sorry, Thursday's interview is off: we are not in a position to offer the role after "
        "all. I will send you other dates if it opens again."
    )
    (result,) = classifier.classify([ClassifierInput("Re: Interview", text)])  # type: ignore[attr-defined]
    assert result.label is Label.REJECTION
    assert 'rule "negated offer"' in result.reasons[0]


def test_the_new_rules_change_no_written_message() -> None:
    """No written offer is only supposed, no written noise calls a time off."""
    from inbox_monitor.classify import called_off, conditional_offer
    from inbox_monitor.training import DATA_DIR, read_messages

    found = [
        (path.name, subject)
        for path in sorted(DATA_DIR.glob("*.txt"))
        for subject, text in read_messages(path)
        if (path.name.startswith("offer") and conditional_offer(normalise_text(subject, text)))
        or (path.name.startswith("not_recruiting") and called_off(normalise_text(subject, text)))
    ]
    assert found == []


# The call-off rule reads no thread: the message must say it is hiring mail, and not
# everyday life (verification round 9, N8: a dental practice's call-off opened a process)
@pytest.mark.parametrize(
    ("subject", "text"),
    [
        # a hiring word in the subject, the text or the signature
        ("Re: Interview - Backend Engineer", "Sorry, Thursday won't work after all - I'll send "
         "you some new times tomorrow."),
        ("Quick update", "Apologies, Thursday won't work for the hiring manager after all. I'll "
         "send you some new times tomorrow."),
        ("Re: next week", "Sorry Alex, Friday is off after all - I'll send new times by Monday."
         "\n\nJo Park\nTalent Acquisition, Fenwick Labs"),
        ("Re: your application", "Sorry, our call tomorrow has to be cancelled. I will send over "
         "some alternative slots this afternoon."),
        ("Re: Backend Engineer - screening call", "Apologies, our call on Thursday has been "
         "cancelled. We will send you new dates shortly."),
    ],
)  # fmt: skip
def test_a_call_off_in_hiring_mail_is_an_interview_message(
    classifier: object, subject: str, text: str
) -> None:
    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert result.label is Label.INTERVIEW
    assert 'rule "called off"' in result.reasons[0]


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        # no hiring word: a practice, a friend, a colleague at the user's own job
        ("Your appointment", "Hello Alex, apologies - Thursday won't work after all for your "
         "check-up. We'll send you some new times on Monday.\n\nRiverside Dental"),
        ("Saturday", "Sorry mate, Friday won't work after all - I'll send you some other dates "
         "tomorrow."),
        ("Re: weekly sync", "Tuesday won't work after all - I'll send some new times for our "
         "catch-up later today."),
        # a hiring word, but everyday life named too
        ("Re: your application", "Sorry, Tuesday won't work after all for the viewing at 12 "
         "Elm Road - I'll send you some new times tomorrow. Your tenancy application is with "
         "the landlord."),
        ("Your delivery", "Sorry, Tuesday won't work after all for your delivery - we'll send "
         "you some new times tomorrow. We're hiring drivers: see our careers page."),
        ("Re: Friday", "Sorry, Friday won't work after all for drinks - I'll send new dates "
         "tomorrow. Good luck with the interview!"),
    ],
)  # fmt: skip
def test_a_call_off_outside_hiring_mail_is_left_to_the_model(
    classifier: object, subject: str, text: str
) -> None:
    from inbox_monitor.classify import called_off

    assert called_off(normalise_text(subject, text)) is not None  # the words are there
    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert not any("called off" in reason for reason in result.reasons)


# News behind a login (user audit 4, U1, U2): a portal's notice that the application's status
# changed, with the news on its site, says nothing the user can act on but "sign in": it is
# `acknowledgement`, unsure, so that it waits for review and moves nothing (docs/labels.md)
BEHIND_A_LOGIN = [
    ("Update on your application", "Hello Robin,\n\nThe status of your application for Data "
     "Platform Lead (JR-0917) has changed. Please sign in to your Candidate Home account to "
     "view the latest status.\n\nThank you,\nLindenwood Careers"),
    ("Your application has been updated", "Hi Robin,\n\nThere's an update on your application "
     "for Site Reliability Engineer at Marlow. Please log in to your candidate portal to view "
     "it.\n\nThe Marlow Talent Team\n\nSent via Lever"),
    ("Application status update", "Hello,\n\nYour application status has been updated. Please "
     "log in to the careers portal to review your status for requisition 7730.\n\nThis is an "
     "automated message. Please do not reply."),
    ("Your job submission status has changed", "Dear Candidate,\n\nThe status of your job "
     "submission for Claims Analyst (REQ-30211) has changed. Please sign in to view your current "
     "status."),
    ("Important update", "Hi Robin,\n\nThere is new information regarding your application for "
     "Product Manager. Log in to your candidate account to read it.\n\nOakfield Recruitment"),
    ("Application status changed", "Hi Robin,\n\nWe've updated the status of your application "
     "for Data Scientist. Please sign in to your account to see it.\n\nTalent Acquisition, "
     "Pellucid"),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "text"), BEHIND_A_LOGIN)
def test_news_behind_a_login_is_an_unsure_acknowledgement(
    classifier: object, subject: str, text: str
) -> None:
    from inbox_monitor.classify import REVIEW_THRESHOLD, UNSURE_CONFIDENCE

    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert result.label is Label.ACKNOWLEDGEMENT
    assert result.confidence == pytest.approx(UNSURE_CONFIDENCE, abs=1e-3)
    assert result.confidence < REVIEW_THRESHOLD  # it waits for review: the user must look
    assert result.reasons[0].startswith('rule "behind a login"')


@needs_model
def test_an_html_only_status_notice_closes_nothing(shipped: Classifier) -> None:
    """Workday's notice comes as HTML alone; the model alone read it as a rejection (0.74)."""
    raw = (
        b"From: Lindenwood Careers <lindenwood@myworkday.com>\r\nTo: robin@example.com\r\n"
        b"Subject: The status of your application has changed\r\n"
        b"Date: Mon, 23 Nov 2026 09:12:00 -0800\r\nMessage-ID: <st1@myworkday.com>\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><body><p>Hello Robin,</p><p>The status of your application for Principal "
        b"Engineer (R-55120) has changed. Please sign in to your <a href='https://lindenwood."
        b"wd5.myworkdayjobs.com/'>Candidate Home</a> account to view the latest status.</p>"
        b"</body></html>\r\n"
    )
    message = parse_message(raw, received_at=datetime(2026, 11, 23, 18, tzinfo=UTC))
    (result,) = shipped.classify([input_for(message)])
    assert result.label is Label.ACKNOWLEDGEMENT
    assert result.confidence < 0.5
    assert result.scores[Label.REJECTION.value] < 0.5


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        # the news is in the mail itself
        ("Update on your application", "The status of your application for Staff Engineer has "
         "changed. Unfortunately, we will not be moving forward. Sign in to see other openings."),
        ("Your application status", "Your application status: Not selected. Please sign in to "
         "your candidate profile to view other roles."),
        ("Application update", "The status of your application for Analyst has changed to "
         "Rejected. Log in to view your history.\n\nCareers Team"),
        ("Application update", "The status of your application has changed to Interview. "
         "Please sign in to your candidate portal.\n\nCareers Team"),
        ("Your application has been updated", "Good news! Your application for Backend Engineer "
         "has been updated: we would like to invite you to a phone interview. Log in to your "
         "candidate portal to choose a time."),
        ("Your application status has changed", "Congratulations! We are delighted to offer you "
         "the position. Please sign in to your candidate portal to view your offer letter."),
        ("Application update", "The status of your application for Nurse has been updated: the "
         "role is on hold for now. Log in to view details.\n\nCareers"),
        ("Action needed", "Your application has been updated. Please log in to your candidate "
         "account and upload your right to work documents by Friday.\n\nRecruitment Team"),
        ("Application update", "Your application status has been updated. We have decided to "
         "pursue other applicants. Log in to view details.\n\nCedar Careers"),
        # not hiring mail: a bank, a visa, a shop, a letting agent, a university
        ("Your application status has changed", "The status of your credit card application has "
         "changed. Please log in to online banking to view it.\n\nSummit Bank"),
        ("Your visa application status has changed", "Dear applicant, the status of your visa "
         "application has changed. Please log in to your account to view it."),
        ("Your order status has changed", "The status of your order #55120 has changed. Sign in "
         "to your account to view tracking details."),
        ("Your tenancy application", "There's an update on your tenancy application for 14 Elm "
         "Road. Please log in to the portal to view it.\n\nKeyway Lettings"),
        ("Admissions update", "There's an update on your application to the MSc Computer Science "
         "course. Please log in to the applicant portal to view it.\n\nAdmissions Office"),
        # a receipt that mentions the status, with nothing changed
        ("Application received", "Thank you for applying. You can track the status of your "
         "application at any time by signing in to your Candidate Home."),
    ],
)  # fmt: skip
def test_a_status_notice_with_its_news_or_outside_hiring_is_left_to_the_model(
    classifier: object, subject: str, text: str
) -> None:
    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert not any("behind a login" in reason for reason in result.reasons)


# A platform's receipt of a task the user did (user audit 4, U8): `acknowledgement`, surely,
# rather than 0.33-0.49 and a place in the review list for weeks
@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Your assessment for Corvid has been submitted", "Hi Robin,\n\nThanks for completing "
         "the General Coding Assessment. Your results have been shared with Corvid. They will "
         "contact you directly about next steps.\n\nThe CodeSignal Team"),
        ("Thank you for completing your interview with Tern Capital", "Hi Robin,\n\nThank you "
         "for completing your video interview for Analyst at Tern Capital. Your responses have "
         "been submitted and the hiring team will review them.\n\nHireVue"),
        ("We have received your assessment", "Dear Robin,\n\nWe have received your completed "
         "assessment for the Software Engineer role. Our team will review your results and be "
         "in touch.\n\nSilverline Recruiting"),
        ("Your test has been submitted", "Hi Robin,\n\nYour test has been submitted "
         "successfully. The hiring team at Ridgeway will review your answers.\n\nCodility"),
        ("Your responses have been submitted", "Hi Robin,\n\nYour interview responses have been "
         "submitted to Kite Labs. No further action is needed from you at this time.\n\nWillo"),
        ("Coding challenge received", "Hi Robin,\n\nYour coding challenge has been received. "
         "The Sable team will review it and reach out about next steps.\n\nCoderPad"),
    ],
)  # fmt: skip
def test_a_platforms_receipt_of_a_task_done_is_a_sure_acknowledgement(
    classifier: object, subject: str, text: str
) -> None:
    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert result.label is Label.ACKNOWLEDGEMENT
    assert result.confidence >= 0.9
    assert 'rule "task done"' in result.reasons[0]


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        # a decision, an invitation or another task beside it
        ("Your assessment result", "Thank you for completing the assessment for Data Analyst. "
         "Unfortunately, we will not be progressing your application.\n\nRidgeway Talent"),
        ("Next stage", "Thank you for completing the first assessment. We'd like to invite you "
         "to the second stage: please complete the video interview by Friday.\n\nAshgrove Talent"),
        ("Next steps", "Thank you for completing your video interview. The team would like to "
         "invite you to a final round onsite. Please share your availability.\n\nSilverline"),
        ("Reminder: your test expires soon", "Your coding test for Brightwave has not been "
         "submitted yet. Please complete it by Friday at 11:59 PM.\n\nHackerRank"),
        ("Assessment received", "Your assessment has been received. Your interview is booked for "
         "Tuesday at 10am with the hiring manager."),
        # no task of the user's, or not hiring: a live interview, a driving test, a tax
        # return, a shop's questionnaire, a course, a consultation at work
        ("Thank you", "Thank you for taking the time to interview with us today. We will be in "
         "touch next week.\n\nMarlow Talent Team"),
        ("Theory test", "Your driving theory test has been completed. Your result will be sent "
         "by post."),
        ("Your self assessment", "Your self assessment tax return has been received. You can "
         "sign in to view your calculation."),
        ("Thanks for your feedback", "Thank you for completing our customer questionnaire. "
         "Your responses have been received and help us improve our service.\n\nShopright"),
        ("Assignment submitted", "Your assignment for Module 4 has been submitted. Your tutor "
         "will mark your test within two weeks.\n\nOpen Learning"),
        ("Restructure update", "Thank you to everyone who responded: 46 responses were received "
         "and several changes have been made to the proposed structure.\n\nHR"),
        ("Induction", "Your first formal assessment point report has been completed by your "
         "induction tutor and is now available in the portal."),
    ],
)  # fmt: skip
def test_a_receipt_with_news_or_outside_hiring_is_no_task_done(subject: str, text: str) -> None:
    from inbox_monitor.classify import task_done

    rules = RulesClassifier()
    normalised = normalise_text(subject, text)
    hits = rules.rules.cue_hits(rules.nlp.make_doc(normalised), normalised)
    assert task_done(normalised, hits) is None


def test_the_portal_rules_change_no_written_message() -> None:
    """No written message is news behind a login; only written acknowledgements are a task
    done (and were read so already)."""
    from inbox_monitor.classify import news_behind_login, task_done
    from inbox_monitor.training import DATA_DIR, read_messages

    rules = RulesClassifier()
    found = []
    for path in sorted(DATA_DIR.glob("*.txt")):
        for subject, text in read_messages(path):
            normalised = normalise_text(subject, text)
            hits = rules.rules.cue_hits(rules.nlp.make_doc(normalised), normalised)
            if news_behind_login(normalised, hits) or (
                not path.name.startswith("acknowledgement") and task_done(normalised, hits)
            ):
                found.append((path.name, subject))
    assert found == []


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        # a receipt that sets the next task (verification round 10, V4): not only done
        ("Thank you for completing your video interview", "Hi Sam, thank you for completing"
         " your video interview for the Data Analyst role. Please also complete the personality"
         " questionnaire by Friday 4 December."),
        ("Your test has been submitted", "Hi Sam, your coding test for the Backend Engineer"
         " role has been submitted. Please now book your technical interview using the link"
         " below."),
        ("Assessment received", "Thanks for completing the online assessment for the Analyst"
         " role. Your next task is a short case study, which we will send tomorrow."),
    ],
)  # fmt: skip
def test_a_receipt_that_sets_the_next_task_is_not_read_as_done_only(
    classifier: object, subject: str, text: str
) -> None:
    (result,) = classifier.classify([ClassifierInput(subject, text)])  # type: ignore[attr-defined]
    assert not any('rule "task done"' in reason for reason in result.reasons), result.reasons
