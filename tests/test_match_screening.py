"""User audit 12 (an hourly worker): a background-check or drug-test vendor's mail after an
offer ("Cedar Foods has asked Sterling to complete a background check on you", "Your
background check for Cedar Foods is complete") joins the employer's process it names, and
one naming nobody joins the process its address wrote for; the vendor never opens a process
of its own name. A vendor's check for a flat rental and its marketing join no process."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from helpers import ME, SubjectTagClassifier, eml

from inbox_monitor.config import Config, IdentityConfig
from inbox_monitor.models import Origin, RawMessage
from inbox_monitor.pipeline import build_pipeline, ingest
from inbox_monitor.store import Store

STERLING = "Sterling <noreply@sterlingcheck.com>"
ADVANTAGE = "First Advantage <noreply@fadv.com>"


def config_for(tmp_path: Path) -> Config:
    identity = IdentityConfig(
        addresses=frozenset({ME}), name="Alex Morgan", timezone="America/Chicago", country="US"
    )
    return Config(data_dir=tmp_path, identity=identity)


def mail(key: str, day: int, subject: str, body: str, sender: str) -> RawMessage:
    when = datetime(2026, 12, day, 15, 0, tzinfo=UTC)
    data = eml(sender=sender, subject=subject, body=body, date=when, message_id=f"<{key}@t>")
    return RawMessage(data, Origin(kind="eml", path=f"{key}.eml"), False)


# the employer's offer, pending a background check
OFFER = mail(
    "offer",
    1,
    "[offer] Your offer - Cashier",
    "Hi Alex,\n\nWe'd like to offer you the cashier position at Cedar Foods, $17/hr, pending a"
    " background check. You'll get an email from our screening partner.\n\nDana Price\n"
    "Store Manager, Cedar Foods",
    "Dana Price <dana.price@cedarfoods.example>",
)


def ingested(config: Config, *items: RawMessage) -> Store:
    pipeline = build_pipeline(config, classifier=SubjectTagClassifier())
    store = Store(config.database_path)
    ingest(store, list(items), pipeline, datetime(2026, 12, 20, 9, 0, tzinfo=UTC))
    return store


def test_the_vendors_request_and_its_done_notice_join_the_employers_process(
    tmp_path: Path,
) -> None:
    config = config_for(tmp_path)
    asked = mail(
        "asked",
        2,
        "[request] Background check request",
        "Hello Alex Morgan,\n\nCedar Foods has asked Sterling to complete a background check"
        " on you. Please fill in your details by 12/07/2026.\n\nSterling Candidate Care",
        STERLING,
    )
    done = mail(
        "done",
        8,
        "[acknowledgement] Your background check is complete",
        "Hello Alex Morgan,\n\nYour background check for Cedar Foods is complete and the"
        " results have been shared with them.\n\nSterling Candidate Care",
        STERLING,
    )
    with ingested(config, OFFER, asked, done) as store:
        (process,) = store.processes()
        assert process.company == "Cedar Foods"
        for key in ("<offer@t>", "<asked@t>", "<done@t>"):
            assert store.message_row(key)["process_id"] == process.id
        assert store.open_reviews() == []


def test_the_vendors_mail_naming_nobody_joins_the_process_it_wrote_for(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    asked = mail(
        "asked",
        2,
        "[request] Action required: Cedar Foods has requested a background check",
        "Hello Alex Morgan,\n\nPlease complete your information by 12/07/2026 so your check is"
        " not delayed.\n\nSterling Candidate Care",
        STERLING,
    )
    copy = mail(
        "copy",
        9,
        "[acknowledgement] Your background check is complete",
        "Hello Alex Morgan,\n\nYour background check is complete. You can request a copy of"
        " your report at any time.\n\nSterling Candidate Care",
        STERLING,
    )
    with ingested(config, OFFER, asked, copy) as store:
        (process,) = store.processes()
        assert process.company == "Cedar Foods"
        assert store.message_row("<copy@t>")["process_id"] == process.id


def test_a_vendors_mail_naming_nobody_opens_no_process_of_its_own(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    done = mail(
        "done",
        8,
        "[acknowledgement] Your background check is complete",
        "Hello Alex Morgan,\n\nYour background check is complete.\n\nSterling Candidate Care",
        STERLING,
    )
    with ingested(config, OFFER, done) as store:
        (process,) = store.processes()  # the offer's; none named "Sterlingcheck"
        assert process.company == "Cedar Foods"
        # it wrote for nobody before: the user says where it goes
        assert store.message_row("<done@t>")["process_id"] is None
        (waiting,) = store.open_reviews()
        assert waiting["message_key"] == "<done@t>"


def test_the_vendors_check_for_a_flat_joins_no_hiring_process(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    check = mail(
        "check",
        2,
        "[request] Action required: Cedar Foods has requested a background check",
        "Hello Alex,\n\nPlease complete your details by 12/07/2026.\n\nFirst Advantage",
        ADVANTAGE,
    )
    # as the model reads them: a recruiting word or two, not surely
    rental = mail(
        "rental",
        10,
        "[acknowledgement 0.48] Your tenant screening is complete",
        "Hi Alex,\n\nYour tenant screening for Parkview Apartments is complete and the results"
        " have been sent to the leasing office. They will contact you about your lease.",
        ADVANTAGE,
    )
    asked = mail(
        "asked",
        11,
        "[request 0.97] Action required: Parkview Apartments has requested a screening",
        "Hi Alex,\n\nParkview Apartments has asked First Advantage to run a resident screening"
        " for your rental application. Please complete your details by 12/14/2026.",
        ADVANTAGE,
    )
    with ingested(config, OFFER, check, rental, asked) as store:
        (process,) = store.processes()
        assert process.company == "Cedar Foods"
        assert store.message_row("<check@t>")["process_id"] == process.id
        assert store.message_row("<rental@t>")["process_id"] is None
        assert store.message_row("<asked@t>")["process_id"] is None


def test_a_vendors_marketing_naming_the_employer_joins_nothing(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    news = mail(
        "news",
        4,
        "[not_recruiting 0.84] 5 hiring trends for 2027",
        "Hi Alex,\n\nRead how Cedar Foods cut its time to hire by 40% with Checkr background"
        " checks. Download the report.",
        "Checkr <news@checkr.com>",
    )
    with ingested(config, OFFER, news) as store:
        assert store.message_row("<news@t>")["process_id"] is None
        assert store.open_reviews() == []


# A vendor on no list, known by its name and words (audit 13 F5: "Verisafe Screening
# <noreply@verisafe-screening.com>" opened a process of its own, which the acceptance
# banner then advised withdrawing from)
VERISAFE = "Verisafe Screening <noreply@verisafe-screening.com>"


def test_a_vendor_on_no_list_joins_the_process_of_the_agency_that_asked_it(
    tmp_path: Path,
) -> None:
    config = config_for(tmp_path)
    pitch = mail(
        "pitch",
        1,
        "[outreach] Contract: Python Data Engineer - Irwell Bank",
        "Hi Alex,\n\nMy client Irwell Bank is hiring a Python Data Engineer on a six-month"
        " contract. Would you be interested?\n\nPriya Shah\nSenior Consultant, Northgate Talent",
        "Priya Shah <priya.shah@northgatetalent.example>",
    )
    asked = mail(
        "asked",
        4,
        "[request] Action required: complete your background check for Northgate Talent",
        "Dear Alex,\n\nNorthgate Talent has asked Verisafe Screening to carry out a background"
        " check before your upcoming assignment. Please complete the online form by 7"
        " January.\n\nVerisafe Screening",
        VERISAFE,
    )
    done = mail(
        "done",
        8,
        "[acknowledgement] Your background check is complete",
        "Dear Alex,\n\nYour background check is complete and the results have been sent.",
        VERISAFE,
    )
    with ingested(config, pitch, asked, done) as store:
        (process,) = store.processes()
        assert process.agency == "Northgate Talent"
        assert store.message_row("<asked@t>")["process_id"] == process.id
        assert store.message_row("<done@t>")["process_id"] == process.id


def test_a_vendor_on_no_list_naming_nobody_opens_nothing(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    for key, sender in (("one", VERISAFE), ("two", "Pennine Vetting <checks@pennine.example>")):
        alone = mail(
            key,
            4,
            "[acknowledgement] Your vetting has started",
            "Dear Alex,\n\nWe have started your pre-employment vetting. No action is needed.",
            sender,
        )
        with ingested(config, alone) as store:
            assert store.message_row(f"<{key}@t>")["process_id"] is None
            assert store.processes() == []
