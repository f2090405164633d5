"""A staffing agency's mail (user audit 12, an hourly worker placed by one): its recruiter signs
as one ("Staffing Specialist | ProStaff Solutions"), and its client is the company of the
assignment or the openings it names; never the user's own role at a company."""

from __future__ import annotations

import pytest

from inbox_monitor.models import Address, SenderRole
from inbox_monitor.orgs import find_organisation

SIGNATURE = (
    "Rosa Diaz\nStaffing Specialist | Keystaff Solutions - Elgin Branch\n"
    "12 Main St, Elgin, IL 60120 | (847) 555-0100"
)
RECRUITER = Address("Rosa Diaz", "rosa.diaz@keystaffsolutions.com")


@pytest.mark.parametrize(
    ("body", "client"),
    [("We have picker/packer openings at Ridgeway Foods in Aurora (1st shift, $18/hr). Can you "
      "come in Wednesday for paperwork?", "Ridgeway Foods"),
     ("Good news, you passed the screen! Your assignment at Ridgeway Foods starts Monday at 7am.",
      "Ridgeway Foods"),
     ("I have a new assignment for you at Harlow Cold Storage starting 1/18.",
      "Harlow Cold Storage"),
     # no client named: the agency alone
     ("Please go for your drug screen by Friday. I will confirm your start date after.", None)],
)  # fmt: skip
def test_a_staffing_agencys_recruiter_and_the_client(body: str, client: str | None) -> None:
    found = find_organisation("warehouse work", body, sender=RECRUITER, signature=SIGNATURE)
    assert (found.agency, found.company) == ("Keystaff Solutions", client)
    assert found.sender_role == SenderRole.AGENCY_RECRUITER


@pytest.mark.parametrize(
    "signature",
    ["Rosa Diaz\nStaffing Coordinator\nKeystaff Solutions",
     "Rosa Diaz\nRecruiter | Northway Staffing Group"],
)  # fmt: skip
def test_a_staffing_title_or_firm_is_an_agencys(signature: str) -> None:
    found = find_organisation(
        "openings",
        "Are you still looking for work? Call me.",
        sender=RECRUITER,
        signature=signature,
    )
    assert found.sender_role == SenderRole.AGENCY_RECRUITER


@pytest.mark.parametrize(
    ("sender", "signature"),
    [  # an in-house title beside it
     (Address("Lee Park", "lee.park@mercyvale.org"),
      "Lee Park\nStaffing Specialist, Human Resources\nMercyvale Health"),
     # a university's own staffing office
     (Address("Lee Park", "l.park@marlow.ac.uk"),
      "Lee Park\nStaffing Coordinator\nUniversity of Marlow")],
)  # fmt: skip
def test_staffing_words_of_an_employers_own_are_not_an_agency(
    sender: Address, signature: str
) -> None:
    found = find_organisation(
        "Your interview",
        "We would like to meet you on Tuesday.",
        sender=sender,
        signature=signature,
    )
    assert found.agency is None
    assert found.sender_role != SenderRole.AGENCY_RECRUITER


def test_the_users_own_role_at_a_company_is_not_the_client() -> None:
    found = find_organisation(
        "quick question",
        "I know your role at Ridgeway Foods keeps you busy, but are you free for a call?",
        sender=RECRUITER,
        signature=SIGNATURE,
    )
    assert found.agency == "Keystaff Solutions"
    assert found.company is None


# Audit 13 F9: an agency whose firm's name says nothing of recruiting ("Castlefield IT
# Partners") was read as the employer of the client it recruits for
@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Python Data Engineer contract",
         "Hi Sam,\n\nWrenfield are recruiting for Aldermoor Foods: a Python Data Engineer"
         " contract in Salford.\n\nTom"),
        ("Python Data Engineer contract",
         "Hi Sam,\n\nWe're currently recruiting on behalf of Aldermoor Foods for a Python Data"
         " Engineer.\n\nTom"),
        ("Aldermoor Foods - Python Data Engineer - outside IR35",
         "Hi Sam,\n\nA Python Data Engineer contract at Aldermoor Foods came in this morning,"
         " six months.\n\nTom"),
    ],
)  # fmt: skip
def test_an_agency_named_like_any_firm_recruiting_for_a_client(subject: str, body: str) -> None:
    found = find_organisation(
        subject,
        f"{body}\n--\nTom Price | Wrenfield IT Partners | 0161 555 0100",
        sender=Address("Tom Price", "tom.price@wrenfieldit.example"),
        signature="Tom Price | Wrenfield IT Partners | 0161 555 0100",
    )
    assert (found.company, found.agency) == ("Aldermoor Foods", "Wrenfield IT Partners")


def test_a_firm_recruiting_for_a_team_of_its_own_is_no_agency() -> None:
    found = find_organisation(
        "Data Engineer role",
        "Hi Sam,\n\nWe are recruiting for our data platform team and would like to talk.\n\nTom",
        sender=Address("Tom Price", "tom.price@wrenfieldit.example"),
        signature="Tom Price | Wrenfield IT Partners",
    )
    assert found.agency is None


@pytest.mark.parametrize(
    "body",
    [
        "Hi Sam,\n\nWe're recruiting for Christmas - lots of temporary warehouse roles.\n\nTom",
        "Hi Sam,\n\nI'm recruiting for Manchester and Leeds at the moment - any interest?\n\nTom",
        "Hi Sam,\n\nHalden Retail Group are recruiting for Python developers - I'm the hiring "
        "manager there.\n\nTom",
    ],
)
def test_recruiting_for_a_season_places_or_staff_names_no_client(body: str) -> None:
    """Verification 16: 'Christmas', 'Manchester and Leeds' and 'Python' were read as clients."""
    found = find_organisation(
        "Data Engineer", body, sender=Address("Tom Price", "tom.price@wrenfieldit.example")
    )
    assert found.company not in ("Christmas", "Manchester and Leeds", "Python")
