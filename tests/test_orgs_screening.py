"""User audits 12 and 11: a screening vendor's mail (a background check, a drug screen)
names the employer it screens the user for, never the vendor; and a person the mail writes
"on behalf of" ("I'm writing on behalf of Priya to arrange ...", "on behalf of Dr Haddad")
is no company, while a client so named still is."""

from __future__ import annotations

import pytest

from inbox_monitor.models import Address, SenderRole
from inbox_monitor.orgs import (
    about_tenancy,
    find_organisation,
    is_agency_domain,
    is_screening_domain,
    is_screening_vendor,
    name_from_domain,
)

STERLING = Address("Sterling", "noreply@sterlingcheck.com")


@pytest.mark.parametrize(
    ("sender", "subject", "text"),
    [
        (STERLING, "Background check request",
         "Hello Jo Reyes,\n\nCedar Foods has asked Sterling to complete a background check on"
         " you. Please fill in your details by 12/07/2026.\n\nSterling Candidate Care"),
        (STERLING, "Action required: Cedar Foods has requested a background check",
         "Hello Jo Reyes,\n\nPlease complete your information by 12/07/2026."),
        (STERLING, "Your background check is complete",
         "Hello Jo Reyes,\n\nYour background check for Cedar Foods is complete and the results"
         " have been sent to them."),
        (Address("HireRight", "noreply@hireright.com"), "Action required",
         "Dear Jo,\n\nOn behalf of Cedar Foods, HireRight is conducting a background screening."
         " Please complete your forms within 3 days."),
        (Address("Concentra", "noreply@concentra.com"), "Your drug screen is scheduled",
         "Hi Jo,\n\nYour drug screen appointment for Cedar Foods is on Friday 12/4 at 9:00 AM."),
    ],
)  # fmt: skip
def test_a_screening_vendors_mail_names_the_employer_it_screens_for(
    sender: Address, subject: str, text: str
) -> None:
    found = find_organisation(subject, text, sender=sender)
    assert (found.company, found.agency) == ("Cedar Foods", None)
    assert found.sender_role == SenderRole.AUTOMATED


@pytest.mark.parametrize(
    ("sender", "subject", "text"),
    [
        # naming nobody, or only itself
        (STERLING, "Your background check is complete",
         "Hello Jo,\n\nYour background check is complete.\n\nSterling Candidate Care"),
        (STERLING, "Action required",
         "Hello Jo,\n\nSterling has asked you to confirm your address.\n\nSterling"),
        # a tenancy's check, everyday life
        (Address("First Advantage", "noreply@fadv.com"), "Your tenant screening",
         "Hi Jo,\n\nYour tenant screening for Parkview Apartments is complete."),
        (Address("First Advantage", "noreply@fadv.com"), "Your background check",
         "Hi Jo,\n\nYour background check for Parkview Apartments is complete. The leasing"
         " office will contact you about the unit."),
        # its marketing, whatever customer it names
        (Address("Checkr", "news@checkr.com"), "5 hiring trends for 2027",
         "Hi Jo,\n\nRead how Cedar Foods cut time-to-hire by 40% with Checkr background checks."),
    ],
)  # fmt: skip
def test_a_screening_vendor_is_never_the_company(sender: Address, subject: str, text: str) -> None:
    found = find_organisation(subject, text, sender=sender)
    assert (found.company, found.agency) == (None, None)


def test_a_screening_vendors_domain_is_nobodys_name_nor_an_agencys() -> None:
    assert is_screening_domain("hireright.com") and is_screening_domain("mail.sterlingcheck.com")
    assert not is_screening_domain("cedarfoods.example")
    assert name_from_domain("sterlingcheck.com") is None
    assert not is_agency_domain("hireright.com")  # it checks; it does not place anyone
    assert not about_tenancy("Your background check for Cedar Foods is complete")
    assert about_tenancy("Your tenant screening for Parkview is complete")


def test_a_company_that_is_no_vendor_still_names_itself() -> None:
    # the "has asked" wording is a vendor's only: a company's own mail keeps its name
    found = find_organisation(
        "Your application",
        "Hi Jo,\n\nNorthgate Payments has asked us to send you the details.",
        sender=Address("Cedar Foods Careers", "careers@cedarfoods.example"),
    )
    assert found.company == "Cedar Foods"


# --- "on behalf of" a person -----------------------------------------------------------------

SEARCH = Address("Tom Reed", "tom.reed@larkspursearch.example")
ASSISTANT = "Kind regards,\nTom\n\nTom Reed\nExecutive Assistant, Larkspur Search"
CONSULTANT = "Kind regards,\nTom\n\nTom Reed\nConsultant, Larkspur Search"


@pytest.mark.parametrize(
    ("text", "signature"),
    [
        # a first name alone that an assistant writes for
        ("Dear Alex,\n\nI'm writing on behalf of Priya to arrange a breakfast at our offices.",
         ASSISTANT),
        ("Dear Alex,\n\nOn behalf of Priya: your meeting with the chair is on Tuesday.",
         ASSISTANT),
        # the mail names the person: with a title after, "he" or "she", a title before
        ("Dear Alex,\n\nI'm writing on behalf of Priya to arrange a breakfast. You met Priya"
         " Shah, Partner, in November.", CONSULTANT),
        ("Dear Alex,\n\nOn behalf of Priya, could she call you on Tuesday at 4pm?", CONSULTANT),
        ("Dear Alex,\n\nI'm writing on behalf of Dr Haddad to arrange a call.", CONSULTANT),
        ("Dear Alex,\n\nI'm writing on behalf of Dr. Haddad to arrange a call.", CONSULTANT),
    ],
)  # fmt: skip
def test_a_person_written_for_is_no_client(text: str, signature: str) -> None:
    found = find_organisation("Breakfast", text, sender=SEARCH, signature=signature)
    assert (found.company, found.agency) == (None, "Larkspur Search")


@pytest.mark.parametrize(
    ("text", "signature", "client"),
    [
        ("Dear Alex,\n\nI am writing on behalf of Brantwood Foods about their FD search.",
         ASSISTANT, "Brantwood Foods"),
        ("Dear Alex,\n\nI'm recruiting on behalf of Monzo for a Data Engineer.", CONSULTANT,
         "Monzo"),
        # "her" in the next sentence is not the client's
        ("Dear Alex,\n\nI'm recruiting on behalf of Monzo for a Data Engineer. Her team is"
         " growing.", CONSULTANT, "Monzo"),
        # an assistant whose title names whom they work for: another name is a client
        ("Dear Alex,\n\nOn behalf of Acme: your meeting with the chair is on Tuesday.",
         "Many thanks,\nTom\n\nTom Reed | PA to Priya Nair | Larkspur Search", "Acme"),
    ],
)  # fmt: skip
def test_a_client_written_for_is_still_the_client(text: str, signature: str, client: str) -> None:
    found = find_organisation("Breakfast", text, sender=SEARCH, signature=signature)
    assert (found.company, found.agency) == (client, "Larkspur Search")


def test_a_relay_sending_for_a_person_names_no_company() -> None:
    tool = Address("GoodTime", "scheduling@goodtime.io")
    found = find_organisation(
        "Pick a time",
        "Hi Alex,\n\nOn behalf of Priya, please pick a time for your call with her.",
        sender=tool,
    )
    assert found.company is None
    found = find_organisation(
        "Pick a time",
        "Hi Alex,\n\nOn behalf of Kestrel Systems, please pick a time for your interview.",
        sender=tool,
    )
    assert found.company == "Kestrel Systems"


@pytest.mark.parametrize(
    ("sender", "text", "vendor"),
    [
        (Address("Verisafe Screening", "noreply@verisafe-screening.com"),
         "Northgate Talent has asked Verisafe Screening to carry out a background check.", True),
        (Address("", "noreply@verisafe-screening.com"), "Your background check is complete.",
         True),
        (Address("Pennine Vetting", "hello@pennine.example"), "Your security vetting form.", True),
        (Address("ClearPath Checks", "no-reply@clearpath.example"), "A right to work check.",
         True),
        (STERLING, "Anything at all.", True),
        # a name without the check's words, or the words from a name of no vendor
        (Address("Verisafe Screening", "news@verisafe-screening.com"), "Our spring webinar.",
         False),
        (Address("Northgate Talent", "priya@northgate.example"),
         "Verisafe will carry out your background check.", False),
        (None, "a background check", False),
        # a screening firm's own hiring, a person called Checks (verification 16)
        (Address("Priya at Screening Eagle", "priya@screeningeagle.example"),
         "Thanks for applying to Screening Eagle. We'd like to interview you on Tuesday. All "
         "hires go through a background check.", False),
        (Address("Tom Checks", "tom.checks@gmail.com"),
         "I'm the hiring manager. We'll need a right to work check before you start.", False),
    ],
)  # fmt: skip
def test_a_screening_vendor_is_known_by_its_name_and_words(
    sender: Address | None, text: str, vendor: bool
) -> None:
    assert is_screening_vendor(sender, text) is vendor


def test_a_vendor_on_no_list_names_the_employer_it_screens_for() -> None:
    found = find_organisation(
        "Action required: complete your background check for Northgate Talent",
        "Dear Sam,\n\nNorthgate Talent has asked Verisafe Screening to carry out a background"
        " check for your upcoming assignment.",
        sender=Address("Verisafe Screening", "noreply@verisafe-screening.com"),
    )
    assert (found.company, found.agency) == ("Northgate Talent", None)
