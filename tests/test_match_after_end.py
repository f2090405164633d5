"""Mail after a process ended, and a small business's owner writing from free mail.

After the user accepted an offer (or the process ended otherwise), the same employer's new
offer for another role is a new decision with its own deadline: it opens a process of its
own rather than join the closed one, where it would be hidden (audit 12 F11); a staffing
agency's next assignment likewise (audit 12 F14). The job's own mail after the acceptance
(its written offer, its onboarding) still joins it. An owner writing from gmail who names
an open process's company, in lower case, joins it (audit 12 F5)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from helpers import (
    ME,
    ingested_one_by_one,
    process_of,
    thread_mail,
    us_config,
)

from inbox_monitor.board import load_board
from inbox_monitor.config import Config
from inbox_monitor.models import Label, RawMessage, State
from inbox_monitor.pipeline import apply_correction
from inbox_monitor.store import Store

NORA = "Nora Quinn <nora.quinn@larchfieldgrocers.example>"
NORA_SIGNS = "\n\nNora Quinn\nLarchfield Grocers"
DANA = "Dana Kowalski <dana.kowalski@prostaffworks.example>"
DANA_SIGNS = "\n\nDana Kowalski\nStaffing Specialist, ProStaff Works"
AS_OF = datetime(2026, 12, 30, 12, 0, tzinfo=UTC)


config_for = us_config
mail = thread_mail


def mine(key: str, when: datetime, subject: str, body: str, to: str, reply_to: str) -> RawMessage:
    return mail(key, when, subject, body, f"Alex Morgan <{ME}>", to=to, reply_to=reply_to)


def ingested(config: Config, *items: RawMessage) -> Store:
    return ingested_one_by_one(config, items, datetime(2026, 12, 30, 9, 0, tzinfo=UTC))


# The seasonal job: Nora's offer, which the user accepts
SEASONAL_OFFER = mail(
    "seasonal",
    datetime(2026, 12, 1, 15, 0, tzinfo=UTC),
    "[offer] Your offer - Holiday Cashier",
    "Hi Alex,\n\nWe'd like to offer you the Holiday Cashier position at Larchfield Grocers,"
    " $16/hr, through 1/2." + NORA_SIGNS,
    NORA,
)
ACCEPTED = mine(
    "yes",
    datetime(2026, 12, 1, 18, 0, tzinfo=UTC),
    "Re: Your offer - Holiday Cashier",
    "yes!! i accept, thank u so much",
    NORA,
    "seasonal",
)


def test_a_new_offer_for_another_role_after_the_acceptance_is_a_process_of_its_own(
    tmp_path: Path,
) -> None:
    config = config_for(tmp_path)
    part_time = mail(
        "parttime",
        datetime(2026, 12, 29, 17, 0, tzinfo=UTC),
        "[offer] Your part-time offer - Cashier",
        "Hi Alex,\n\nWe're happy to offer you a part-time Cashier position at Larchfield"
        " Grocers starting 1/4. Please sign your offer by 12/31." + NORA_SIGNS,
        NORA,
    )
    with ingested(config, SEASONAL_OFFER, ACCEPTED, part_time) as store:
        seasonal, new = process_of(store, "seasonal"), process_of(store, "parttime")
        assert new is not None and new != seasonal
        board = {s.process.id: s for s in load_board(store, config, AS_OF)}
    assert board[seasonal].state == State.CLOSED  # the seasonal job stays accepted
    assert board[new].state == State.WAITING_ON_YOU
    assert board[new].process.role == "Cashier"


def test_the_accepted_jobs_own_written_offer_and_onboarding_still_join_it(tmp_path: Path) -> None:
    config = config_for(tmp_path)
    written = mail(
        "written",
        datetime(2026, 12, 2, 15, 0, tzinfo=UTC),
        "[offer] Your written offer - Holiday Cashier",
        "Hi Alex,\n\nAttached is your written offer for the Holiday Cashier position. Please"
        " sign it by 12/10." + NORA_SIGNS,
        NORA,
    )
    contract = mail(
        "contract",
        datetime(2026, 12, 3, 15, 0, tzinfo=UTC),
        "[offer] Updated offer",
        "Hi Alex,\n\nI am sending a new contract with the corrected start date; please sign"
        " it today." + NORA_SIGNS,
        NORA,
    )
    checklist = mail(
        "checklist",
        datetime(2026, 12, 4, 15, 0, tzinfo=UTC),
        "[request] Your first-day checklist",
        "Hi Alex,\n\nPlease bring two forms of ID for your I-9 on your first day." + NORA_SIGNS,
        NORA,
    )
    with ingested(config, SEASONAL_OFFER, ACCEPTED, written, contract, checklist) as store:
        seasonal = process_of(store, "seasonal")
        assert process_of(store, "written") == seasonal
        assert process_of(store, "contract") == seasonal  # not "a new contract": another job
        assert process_of(store, "checklist") == seasonal


# The agency: an offer of a placement the user accepts, then the next assignment, read as
# noise, which she answers before she labels it
PLACEMENT = mail(
    "placement",
    datetime(2026, 12, 4, 15, 0, tzinfo=UTC),
    "[offer] assignment at Lakeshore",
    "Hi Alex, your assignment at Lakeshore Distribution starts Monday 12/7 at 7am. Pay is"
    " $18.25/hr." + DANA_SIGNS,
    DANA,
)
THERE_MONDAY = mine(
    "monday",
    datetime(2026, 12, 4, 18, 0, tzinfo=UTC),
    "Re: assignment at Lakeshore",
    "yes i accept, thank u! ill be there monday",
    DANA,
    "placement",
)
NEXT = mail(
    "next",
    datetime(2027, 1, 5, 15, 0, tzinfo=UTC),
    "[not_recruiting 0.85] new assignment - Midway",
    "Hi Alex, I have a new assignment for you at Midway Cold Storage (picker) starting"
    " Monday 1/18 at 6am. Can u come in on 1/7 at 10am for orientation?" + DANA_SIGNS,
    DANA,
)
ANSWER = mine(
    "answer",
    datetime(2027, 1, 5, 18, 0, tzinfo=UTC),
    "Re: new assignment - Midway",
    "yes im interested! can i do thursday instead",
    DANA,
    "next",
)
THURSDAY = mail(
    "thursday",
    datetime(2027, 1, 6, 14, 0, tzinfo=UTC),
    "[not_recruiting 0.8] Re: new assignment - Midway",
    "Thursday 1/8 at 10 works. See you then." + DANA_SIGNS,
    DANA,
    reply_to="answer",
)


def test_the_agencys_next_assignment_labelled_opens_its_own_process_with_its_thread(
    tmp_path: Path,
) -> None:
    config = config_for(tmp_path)
    now = datetime(2027, 1, 6, 20, 0, tzinfo=UTC)
    with ingested(config, PLACEMENT, THERE_MONDAY, NEXT, ANSWER, THURSDAY) as store:
        placement = process_of(store, "placement")
        assert process_of(store, "next") is None  # from a contact, read as noise: review
        assert process_of(store, "answer") == placement  # written to a known contact
        done = apply_correction(store, config, "<next@t>", Label.INTERVIEW, now)
        assert done.action == "opened" and done.process_id != placement
        # her answer and Dana's reply to it go with it
        assert process_of(store, "answer") == done.process_id
        assert process_of(store, "thursday") == done.process_id
        assert len(done.followed) == 2
        assert process_of(store, "monday") == placement
        board = {s.process.id: s for s in load_board(store, config, now)}
    assert board[placement].state == State.CLOSED
    assert board[done.process_id].state != State.CLOSED


# A restaurant: the apply receipt, then the owner from his gmail
RECEIPT = mail(
    "receipt",
    datetime(2026, 11, 30, 19, 0, tzinfo=UTC),
    "[acknowledgement] Your application: Server",
    "Thank you for applying to Fire & Oak Kitchen for the Server position. We will be in touch.",
    "Fire & Oak Kitchen <jobs@fireoakkitchen.example>",
)
OWNER = "Tony Russo <tony.grills88@gmail.com>"


def test_an_owner_at_gmail_naming_the_company_in_lower_case_joins_its_process(
    tmp_path: Path,
) -> None:
    config = config_for(tmp_path)
    trial = mail(
        "trial",
        datetime(2026, 12, 3, 20, 0, tzinfo=UTC),
        "[interview] working interview",
        "hi alex this is tony, owner at fire & oak. come in for a working interview sat 12/5"
        " at 4pm. paid shift trial.\ntony",
        OWNER,
    )
    with ingested(config, RECEIPT, trial) as store:
        assert process_of(store, "trial") == process_of(store, "receipt") is not None


def test_free_mail_that_names_no_open_process_whole_or_is_unsure_stays_out(
    tmp_path: Path,
) -> None:
    config = config_for(tmp_path)
    camping = mail(
        "camping",
        datetime(2026, 12, 3, 20, 0, tzinfo=UTC),
        "[interview] saturday",
        "bring wood for the fire, we camp under the oak. call me about the interview",
        OWNER,
    )
    unsure = mail(
        "unsure",
        datetime(2026, 12, 3, 21, 0, tzinfo=UTC),
        "[interview 0.4] did u hear back",
        "did u hear back from fire & oak yet?? lmk",
        "Maria G <maria.g92@gmail.com>",
    )
    with ingested(config, RECEIPT, camping, unsure) as store:
        assert process_of(store, "camping") is None
        assert process_of(store, "unsure") is None


def test_names_in_any_case_needs_the_first_two_words_of_the_name() -> None:
    from itertools import pairwise

    from inbox_monitor.match import _names_in_any_case

    def pairs(*words: str) -> set[tuple[str, str]]:
        return set(pairwise(words))

    assert _names_in_any_case(pairs("owner", "at", "fire", "oak"), ("fire", "oak", "kitchen"))
    assert not _names_in_any_case(pairs("the", "oak", "kitchen"), ("fire", "oak", "kitchen"))
    assert not _names_in_any_case(pairs("bank", "of"), ("bank", "of", "america"))  # a filler
    assert not _names_in_any_case(pairs("daybreak"), ("daybreak",))  # one word: _names decides
    assert not _names_in_any_case(pairs("al", "bo"), ("al", "bo", "foods"))  # too short
