"""Hourly work and staffing agencies (docs/labels.md): a placement, an invitation to come in,
a hiring event registered for, a drug screen asked for, "are you still interested?", a
background check done, a friend's "did you get the job?", and a reserve candidate are read
by rule (user audits 11 and 12)."""

from __future__ import annotations

import pytest
from helpers import classified, normalised_and_hits

from inbox_monitor.classify import (
    RulesClassifier,
    check_done,
    held_in_reserve,
    hourly_news,
    normalise_text,
    offer_question,
)
from inbox_monitor.models import Classification, Label

AGENCY = "Rosa Delgado <rosa.delgado@brightpathstaffing.example>"


def read(classifier: object, subject: str, text: str, sender: str = AGENCY) -> Classification:
    return classified(classifier, subject, text, sender)


# --- a placement ---------------------------------------------------------------------------

PLACEMENTS = [
    ("You're all set for Monday", "Hi Jordan,\n\nYour results are in and you're good to go! "
     "Your assignment at Northgate Fulfillment starts Monday 6am (1/11). Go to door 2 and ask "
     "for Kim, the shift supervisor. Safety shoes are a must and phones stay in your locker."
     "\n\nPay is $17.75/hr, paid every Friday. Reply so I know you saw this!\n\nRosa"),
    ("new assignment - Cedar Foods", "Hi Jordan,\n\nI have a new temp assignment for you at "
     "Cedar Foods (packer, $19.40/hr) starting Tuesday 1/19 at 7am. Let me know by Thursday if "
     "you want it.\n\nRosa"),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "text"), PLACEMENTS)
def test_an_agencys_placement_with_its_start_is_an_offer(
    classifier: object, subject: str, text: str
) -> None:
    result = read(classifier, subject, text)
    assert result.label is Label.OFFER  # type: ignore[attr-defined]
    assert result.confidence >= 0.9  # type: ignore[attr-defined]
    assert result.reasons[0].startswith('rule "placement"')  # type: ignore[attr-defined]


def test_the_models_noise_on_a_placement_is_overruled(shipped: object) -> None:
    # the model read the audit's placement as noise 0.87 and it was set aside (audit 12, F6)
    subject, text = PLACEMENTS[0]
    result = read(shipped, subject, text)
    assert result.label is Label.OFFER  # type: ignore[attr-defined]
    assert "overrules not_recruiting" in result.reasons[0]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        # called off or put back, supposed, or no work at all
        ("Change of plan", "Hi Jordan, unfortunately the client cancelled: your assignment at "
         "Cedar Foods starts no sooner than February, if at all. Pay would be $19.40/hr."),
        ("Monday", "Hi Jordan, if your assignment at Cedar Foods starts Monday, wear safety "
         "shoes on every shift."),
        ("Homework", "Hi class, your assignment starts with reading chapter 3; hand it in to "
         "Mr Patel by Friday."),
        ("Start date", "Hi Jordan, your assignment start date will be confirmed once the "
         "drug screen is back."),
    ],
)  # fmt: skip
def test_no_placement_when_called_off_supposed_or_outside_work(
    rules: RulesClassifier, subject: str, text: str
) -> None:
    normalised, hits = normalised_and_hits(rules, subject, text)
    found = hourly_news(normalised, hits, Label.NOT_RECRUITING, False)
    assert found is None or found[1] != "placement"


def test_a_sure_delay_is_no_placement(rules: RulesClassifier) -> None:
    normalised, hits = normalised_and_hits(
        rules, "Start moved", "Hi Jordan, your assignment at Cedar Foods starts one week later "
        "than planned, on Monday 1/25. Same shift, same pay ($19.40/hr).",
    )  # fmt: skip
    assert hourly_news(normalised, hits, Label.DELAY, True) is None


# --- an invitation to come in --------------------------------------------------------------

COME_IN = [
    ("RE: forklift openings", "Hi Jordan,\n\nThanks for your note! We have openings on 2nd "
     "shift at a bakery in Elk Grove.\n\nPlease stop by our branch for a short interview and to "
     "fill out paperwork on Thursday between 10 and noon. Bring two forms of ID.\n\nRosa"),
    ("Employer replied to your application", "Hi Jordan thanks for applying. can you come in "
     "tomorrow at 3? ask for Mike at the front desk"),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "text"), COME_IN)
def test_an_invitation_to_come_in_is_an_interview(
    classifier: object, subject: str, text: str
) -> None:
    result = read(classifier, subject, text)
    assert result.label is Label.INTERVIEW  # type: ignore[attr-defined]
    assert result.confidence >= 0.9  # type: ignore[attr-defined]
    assert result.reasons[0].startswith('rule "come in"')  # type: ignore[attr-defined]


def test_the_rule_reads_coming_in_whatever_the_model_says(shipped: object) -> None:
    # the model read the audit's "can u come in tmrw at 2?" (after "thanks for applying") as an
    # acknowledgement 0.80 (audit 12, F3), and the agency's office interview at 0.39, for
    # review (F2); the rule says interview, surely, however the model reads the words around
    for subject, text in COME_IN:
        result = read(shipped, subject, text, "Mike <mike-9xk2@indeedemail.com>")
        assert result.label is Label.INTERVIEW  # type: ignore[attr-defined]
        assert result.confidence >= 0.9  # type: ignore[attr-defined]
        assert result.reasons[0].startswith('rule "come in"')  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        # no invitation: thanks after the fact, a mock interview
        ("Thanks", "Thank you for taking the time to come in for an interview last week. We "
         "will decide on the role by Friday."),
        ("Careers week", "Please come to the careers centre for a mock interview with one of "
         "our advisers."),
        # a radio show's interview: no work word beside it
        ("Festival", "Could you come in for an interview on our breakfast show about the "
         "festival? We'd love to hear about the lantern parade."),
        # the current job: a shift to cover, the question goes on
        ("Sunday", "Dev called in sick. Can you come in tomorrow at 2 to cover his shift? Let "
         "your supervisor know."),
        ("Sunday", "Can you come in tomorrow at 2? Dev called in sick and we need a hand on "
         "the floor."),
    ],
)  # fmt: skip
def test_no_invitation_to_come_in_in_thanks_practice_the_media_or_the_current_job(
    rules: RulesClassifier, subject: str, text: str
) -> None:
    normalised, hits = normalised_and_hits(rules, subject, text)
    assert hourly_news(normalised, hits, Label.NOT_RECRUITING, False) is None


def test_a_sure_rejection_that_mentions_coming_in_stays_a_rejection(
    rules: RulesClassifier,
) -> None:
    normalised, hits = normalised_and_hits(
        rules, "Update", "We had hoped you could come in for an interview, but the role has "
        "now been filled. Pay was $16/hr.",
    )  # fmt: skip
    assert hourly_news(normalised, hits, Label.REJECTION, True) is None


# --- a drug screen asked for ---------------------------------------------------------------


def test_a_drug_screen_asked_for_is_a_request(classifier: object) -> None:
    result = read(
        classifier,
        "lab visit - Cedar Foods",
        "Hi Jordan,\n\nGood to meet you today. Next step is a drug test: go to the LabCorp on "
        "Main St by Thursday 1/14 and bring the form I gave you. When it clears I will confirm "
        "your start date.\n\nRosa",
    )
    assert result.label is Label.REQUEST  # type: ignore[attr-defined]
    assert result.reasons[0].startswith('rule "drug screen"')  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("subject", "text", "label", "sure"),
    [
        # its result, not an ask
        ("Cleared", "Your drug screen came back clear, see you on shift.", Label.NOT_RECRUITING,
         False),
        # no work: a court's order
        ("Court order", "Please take your drug test at the county lab by Friday, as the judge "
         "ordered.", Label.NOT_RECRUITING, False),
        # an offer read surely, with the screen as its condition
        ("Offer", "We are pleased to offer you the role of Line Cook. You will need to pass a "
         "drug test before your first shift.", Label.OFFER, True),
        # an interview read surely, and named
        ("Next steps", "Next step is an interview and a drug screen: please come to the office "
         "at 10am on Tuesday. Pay is $18/hr.", Label.INTERVIEW, True),
    ],
)  # fmt: skip
def test_no_drug_screen_asked_in_a_result_outside_work_or_in_an_offer(
    rules: RulesClassifier, subject: str, text: str, label: Label, sure: bool
) -> None:
    normalised, hits = normalised_and_hits(rules, subject, text)
    assert hourly_news(normalised, hits, label, sure) is None


# --- "are you still interested?" ----------------------------------------------------------


def test_still_interested_asked_in_hiring_mail_is_a_request(classifier: object) -> None:
    result = read(
        classifier,
        "Employer replied to your application",
        "Line Cook - Juniper Grill - Evanston, IL\n\nr u still interested",
        "Juniper Grill <juniper-grill-4ab7@indeedemail.com>",
    )
    assert result.label is Label.REQUEST  # type: ignore[attr-defined]
    assert result.reasons[0].startswith('rule "still interested"')  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("subject", "text", "label", "sure"),
    [
        ("Sofa", "Hi, are you still interested in the sofa? I can drop the price.",
         Label.NOT_RECRUITING, False),
        ("Update", "The role is on hold until January. If you are still interested, we will "
         "be in touch then.", Label.NOT_RECRUITING, False),
        # a sure reading of other news stays
        ("Another role", "I have a new Line Cook role at Juniper Grill, are you still "
         "interested in kitchen work?", Label.OUTREACH, True),
    ],
)  # fmt: skip
def test_still_interested_elsewhere_or_supposed_is_no_request(
    rules: RulesClassifier, subject: str, text: str, label: Label, sure: bool
) -> None:
    normalised, hits = normalised_and_hits(rules, subject, text)
    assert hourly_news(normalised, hits, label, sure) is None


# --- a background check done ---------------------------------------------------------------

CHECK_DONE = (
    "Your screening is complete",
    "Hello Jordan Reyes,\n\nYour background check for Cedar Foods is complete and the results "
    "have been shared with Cedar Foods. You may order a copy of your report at any time.\n\n"
    "Verity Screening",
)


def test_a_background_check_done_is_an_acknowledgement(classifier: object) -> None:
    result = read(classifier, *CHECK_DONE, "Verity Screening <noreply@verityscreen.example>")
    assert result.label is Label.ACKNOWLEDGEMENT  # type: ignore[attr-defined]
    assert result.confidence >= 0.9  # type: ignore[attr-defined]
    assert result.reasons[0].startswith('rule "check done"')  # type: ignore[attr-defined]


def test_the_request_read_in_a_check_done_is_overruled(shipped: object) -> None:
    # "background check" and "copy of your" are request cues: request 0.80 (audit 12, F9)
    result = read(shipped, *CHECK_DONE, "Verity Screening <noreply@verityscreen.example>")
    assert "overrules request" in result.reasons[0]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Action required", "Please complete your background check for Cedar Foods by 1/8."),
        ("Pre-adverse action notice", "Your background check for Cedar Foods is complete. It "
         "holds information that may affect your employment: please review the attached notice "
         "and dispute anything that is wrong within 5 days."),
        ("Welcome", "Your background check is complete - congratulations, you are cleared to "
         "start on Monday at 7am."),
        ("Your order", "Your background check is complete for the flat on Elm Row; the landlord "
         "has the results."),
    ],
)  # fmt: skip
def test_a_check_that_asks_or_tells_more_or_is_not_about_work_is_no_check_done(
    rules: RulesClassifier, subject: str, text: str
) -> None:
    normalised, hits = normalised_and_hits(rules, subject, text)
    assert check_done(normalised, hits) is None


# --- a friend's "did you get the job?" -----------------------------------------------------


def test_a_friends_question_about_the_job_is_no_hiring_mail(shipped: object) -> None:
    # offer 0.26 in the review list (audit 12, F10)
    result = read(
        shipped,
        "hey",
        "did u get the job at the bakery?? text me. also r u coming to Leo's on the 19th",
        "Priya <priya.k88@gmail.com>",
    )
    assert result.label is Label.NOT_RECRUITING  # type: ignore[attr-defined]
    assert result.reasons[0].startswith('rule "question about an offer"')  # type: ignore[attr-defined]


def test_the_offer_question_rule_reads_a_question_about_the_job() -> None:
    assert offer_question(normalise_text("", "Did you get the job?")) is not None
    assert offer_question(normalise_text("", "did u ever get that job at Cedar Foods??"))
    # not the job description, nor a statement
    assert offer_question(normalise_text("", "Did you get the job description I sent?")) is None
    assert offer_question(normalise_text("", "You got the job at Cedar Foods.")) is None


def test_the_question_about_the_job_is_no_hiring_word_but_the_rest_is(shipped: object) -> None:
    # a small employer writing from a consumer mailbox about the offer letter waits for review
    result = read(
        shipped,
        "offer",
        "hi, did you get the job offer letter I sent? sign it by friday pls",
        "Tony <tony.grill88@gmail.com>",
    )
    assert result.label is not Label.NOT_RECRUITING  # type: ignore[attr-defined]


# --- a hiring event registered for ---------------------------------------------------------


def test_a_hiring_event_registered_for_is_an_interview(classifier: object) -> None:
    # interview 0.40 in the review list (audit 12, F18)
    result = read(
        classifier,
        "See you Saturday: Cedar Foods hiring event",
        "Hi Jordan, thanks for registering for our hiring event for Packer (nights). On-the-spot "
        "interviews Saturday 1/9, 9am-1pm at 400 Lake St. Bring a photo ID; most people hear "
        "back with a conditional offer the same day.",
        "Cedar Foods Careers <careers@cedarfoods.example>",
    )
    assert result.label is Label.INTERVIEW  # type: ignore[attr-defined]
    assert result.confidence >= 0.9  # type: ignore[attr-defined]
    assert result.reasons[0].startswith('rule "hiring event"')  # type: ignore[attr-defined]


def test_a_careers_fair_is_no_hiring_event(rules: RulesClassifier) -> None:
    normalised, hits = normalised_and_hits(
        rules, "Careers fair", "Thanks for registering for the spring careers fair: 60 employers,"
        " CV clinics and interview tips all afternoon.",
    )  # fmt: skip
    assert hourly_news(normalised, hits, Label.NOT_RECRUITING, False) is None


# --- a reserve candidate -------------------------------------------------------------------

RESERVES = [
    # the other candidate's offer, read as a rejection by the model
    ("Lecturer in Hydrology - outcome", "Dear Sam,\n\nThank you for visiting us on Tuesday. The "
     "panel has decided to offer the post to another candidate, but we would like to hold you "
     "as our reserve candidate until the preferred candidate has replied. We expect to know by "
     "12 January and I will write either way."),
    # "can't offer", read as a rejection by the "negated offer" rule
    ("Re: thanks for coming in", "Hi Jordan, head office froze hiring for January, so I can't "
     "offer the cashier spot right now. I'd like to keep you on our reserve list and I'll "
     "message you first if a spot opens up in March."),
]  # fmt: skip


@pytest.mark.parametrize(("subject", "text"), RESERVES)
def test_a_reserve_candidate_for_the_post_is_a_delay(
    classifier: object, subject: str, text: str
) -> None:
    result = read(classifier, subject, text, "Kate Moss <k.moss@uni.example>")
    assert result.label is Label.DELAY  # type: ignore[attr-defined]
    assert result.reasons[0].startswith('rule "reserve"')  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        # a CV kept on file, a list for other posts, a reserve refused, an offer from the list
        "Unfortunately we have offered the post to another candidate. We will keep your CV on "
        "file and contact you if a suitable vacancy arises.",
        "We regret that you have not been selected. Your application will be kept in our "
        "database for the reserve list for six months.",
        "Unfortunately we are unable to place you on our reserve list, as the post has been "
        "filled and will not open again.",
        "You have been placed on our reserve list, and as the preferred candidate has withdrawn "
        "we are delighted to offer you the post.",
    ],
)
def test_no_reserve_in_a_cv_kept_on_file_a_refusal_or_an_offer(
    rules: RulesClassifier, text: str
) -> None:
    normalised, hits = normalised_and_hits(rules, "Outcome", text)
    assert held_in_reserve(normalised, hits) is None


# --- none of these rules changes a written message ------------------------------------------


def test_the_hourly_rules_change_no_written_message(rules: RulesClassifier) -> None:
    """The written messages the rules fire on are already read as what the rules say."""
    from inbox_monitor.training import DATA_DIR, read_messages

    expected = {"offer": Label.OFFER, "interview": Label.INTERVIEW, "request": Label.REQUEST}
    outside = []
    for path in sorted(DATA_DIR.glob("*.txt")):
        for subject, text in read_messages(path):
            normalised, hits = normalised_and_hits(rules, subject, text)
            found = hourly_news(normalised, hits, Label.NOT_RECRUITING, False)
            if found is not None and expected.get(path.name.split(".")[0]) is not found[0]:
                outside.append((path.name, found[1], subject))
            if check_done(normalised, hits) and not path.name.startswith("acknowledgement"):
                outside.append((path.name, "check done", subject))
            if held_in_reserve(normalised, hits) and not path.name.startswith("delay"):
                outside.append((path.name, "reserve", subject))
    assert outside == []
