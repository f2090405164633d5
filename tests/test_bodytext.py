"""bodytext: HTML to text, and splitting a body into new text, quote, signature, footer."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from inbox_monitor import bodytext
from inbox_monitor.bodytext import BodyParts, html_to_text, normalize_text, split_body

# --- html_to_text -----------------------------------------------------------------------


def test_blocks_breaks_and_entities() -> None:
    html = "<p>Dear&nbsp;Alex,</p><p>Salary: 50k &euro; &amp; bonus<br>Start: May</p><div>Bye</div>"
    assert html_to_text(html) == "Dear Alex,\n\nSalary: 50k € & bonus\nStart: May\n\nBye"


def test_script_style_and_head_are_dropped() -> None:
    html = (
        "<html><head><title>Newsletter</title><meta charset='utf-8'>"
        "<style>.x{color:red}</style></head><body><script>var secret = 1;</script>"
        "<p>Visible</p><noscript>no js</noscript></body></html>"
    )
    assert html_to_text(html) == "Visible"


def test_lists_and_links() -> None:
    html = (
        "<ol><li>Send your CV</li><li>Book a call</li></ol>"
        "<ul><li><a href='https://jobs.example/apply'>Apply now</a></li>"
        "<li><a href='mailto:jane@acme.example'>Jane</a></li>"
        "<li><a href='https://x.example'>https://x.example</a></li></ul>"
    )
    assert html_to_text(html) == (
        "1. Send your CV\n2. Book a call\n\n"
        "- Apply now (https://jobs.example/apply)\n- Jane\n- https://x.example"
    )


def test_blockquote_lines_are_prefixed() -> None:
    html = (
        "<p>Yes, Tuesday works.</p><blockquote><p>Can you do Tuesday?</p><p>Jane</p></blockquote>"
    )
    assert html_to_text(html) == "Yes, Tuesday works.\n\n> Can you do Tuesday?\n>\n> Jane"


def test_whitespace_is_collapsed_but_pre_is_kept() -> None:
    html = "<p>  lots   of\n\n   space </p><pre>  indented\n    code</pre>"
    assert html_to_text(html) == "lots of space\n\n  indented\n    code"


def test_broken_html_does_not_lose_text() -> None:
    html = "<div><p>Unclosed <b>bold <blockquote>quoted <table><tr><td>cell"
    text = html_to_text(html)
    for word in ("Unclosed", "bold", "quoted", "cell"):
        assert word in text
    assert html_to_text("<head><title>x</title><p>no body tag, no closing head") == (
        "no body tag, no closing head"
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_html_to_text_never_raises(html: str) -> None:
    assert isinstance(html_to_text(html), str)


# Markup html.parser cannot find the end of: it used to read from each such '<' to the end of
# the input, at close(), one after the other: '<a ' * 50000 took 133 s, '<!--' * 50000 11 s.
UNCLOSED = [
    "<a " * 50_000,
    '<a href="' * 50_000,
    '<a b=">"' * 50_000,
    "<!--" * 50_000,
    "<!" * 50_000,
    "</" * 50_000,
    "<?" * 50_000,
    "<![if x" * 50_000,
    "<![foo" * 50_000,
    "<!doctype" * 50_000,
]


@pytest.mark.parametrize("html", UNCLOSED, ids=lambda html: html[:9])
def test_unclosed_markup_leaves_nothing_for_close_to_reread(
    html: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    left_for_close: list[str] = []
    monkeypatch.setattr(
        bodytext._TextExtractor, "close", lambda self: left_for_close.append(self.rawdata)
    )
    html_to_text(f"<p>Hello</p>{html}")
    assert left_for_close == [""]


# The same text as before the escaping: what html.parser made of markup left open.
@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Hello</p>" + "<a " * 2000, "Hello\n\n" + ("<a " * 2000).strip()),
        ("<!--" * 2000, "<!--" * 2000),
        ('<p>x</p><a href="https://x.example/a', 'x\n\n<a href="https://x.example/a'),
        ("<p>x</p><!--[if mso]><p>y", "x\n\n<!--[if mso]>\n\ny"),
        ("<p>Hi</p><!-- <p>draft</p> --><p>Bye <!-- unclosed", "Hi\n\nBye <!-- unclosed"),
        ("<p>one</p><![if !mso]><p>two</p><![endif]><p>three<![if x", "one\n\ntwo\n\nthree<![if x"),
        ("<p>a</p></p <p>b</p><? ", "a\n\nb\n\n<?"),
    ],
)
def test_unclosed_markup_is_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            "<p>Hi</p><![foo bar<p>We would like to invite you.</p>",
            "Hi\n\nWe would like to invite you.",
        ),
        ("<p>Hi</p><![1 x>Thanks<![foo <![bar> for applying.", "Hi\n\nThanks for applying."),
        ("<p>Hi</p><![foo and no end", "Hi\n\n<![foo and no end"),
    ],
)
def test_unknown_marked_section_is_left_out_and_the_rest_kept(html: str, text: str) -> None:
    # html.parser raised on "<![foo", and the HTML after it was lost
    assert html_to_text(html) == text


def test_deep_nesting_is_flattened() -> None:
    # Each quote level re-read what it held: '<blockquote>x' * 3000 ran for over 30 s.
    text = html_to_text("<blockquote>x" * 500)
    assert text.count("x") == 500
    assert max(line.count(">") for line in text.split("\n")) == 20
    extractor = bodytext._TextExtractor()
    extractor.feed("<ul><li><a href='https://x.example'>x" * 1000)
    assert len(extractor.links) == 20
    assert max(len(piece) for piece in extractor.out) < 30  # was 2,000 spaces of indent


# --- split_body ---------------------------------------------------------------------------

REPLY = """Hi Alex,

Thanks for your patience. The hiring manager is travelling, so we need a
little more time: expect an answer by Wednesday 18 March.

Best regards,
Jane Doe
Senior Talent Partner | Acme Corp
+44 20 7946 0000 | acme.example

CONFIDENTIALITY NOTICE: This email and any attachments are confidential.
If you received this message in error, please delete it.

On Fri, 13 Mar 2026 at 09:12, Alex Candidate <alex@example.com> wrote:
> Hi Jane, any news about the final round?
"""


def test_quoted_reply_signature_and_footer_are_split() -> None:
    parts = split_body(REPLY)
    assert parts.new_text == (
        "Hi Alex,\n\nThanks for your patience. The hiring manager is travelling, so we need a\n"
        "little more time: expect an answer by Wednesday 18 March."
    )
    assert parts.signature == (
        "Best regards,\nJane Doe\nSenior Talent Partner | Acme Corp\n"
        "+44 20 7946 0000 | acme.example"
    )
    assert parts.footer.startswith("CONFIDENTIALITY NOTICE")
    assert parts.quoted.startswith("On Fri, 13 Mar 2026 at 09:12")
    assert parts.quoted.endswith("> Hi Jane, any news about the final round?")


def test_no_marker_keeps_the_whole_body() -> None:
    text = "Hello Alex,\n\nWe would like to offer you the position.\nWelcome aboard!"
    assert split_body(text) == BodyParts(text, "", "", "")


def test_nothing_is_lost() -> None:
    parts = split_body(REPLY)
    kept = " ".join((parts.new_text, parts.signature, parts.footer, parts.quoted)).split()
    assert sorted(kept) == sorted(normalize_text(REPLY).split())


@pytest.mark.parametrize(
    "attribution",
    [
        "On Mon, Mar 9, 2026 at 10:00 AM Jane Doe <jane@acme.example> wrote:",
        "On Mon, Mar 9, 2026 at 10:00 AM Jane Doe <jane@acme.example>\nwrote:",
        "Le lun. 9 mars 2026 à 10:00, Jane Doe <jane@acme.example> a écrit :",
        "Am 09.03.2026 um 10:00 schrieb Jane Doe <jane@acme.example>:",
        "El lun, 9 mar 2026 a las 10:00, Jane Doe (<jane@acme.example>) escribió:",
        "2026-03-09 10:00 GMT+01:00 Jane Doe <jane@acme.example> wrote:",
    ],
)
def test_attribution_variants(attribution: str) -> None:
    parts = split_body(f"Sounds good, see you then.\n\n{attribution}\n> Shall we meet Monday?")
    assert parts.new_text == "Sounds good, see you then."
    assert parts.quoted.startswith(attribution.split("\n")[0])
    assert parts.quoted.endswith("> Shall we meet Monday?")


def test_outlook_original_message_and_header_block() -> None:
    original = "Works for me.\n\n-----Original Message-----\nFrom: Jane\nSent: Monday\n\nOld text"
    assert split_body(original).new_text == "Works for me."
    assert split_body(original).quoted.startswith("-----Original Message-----")
    block = (
        "Thanks, confirmed.\n\nFrom: Jane Doe <jane@acme.example>\nSent: Monday, March 9, 2026\n"
        "To: Alex\nSubject: Interview\n\nOld text"
    )
    assert split_body(block).new_text == "Thanks, confirmed."
    german = (
        "Danke!\n\nVon: Jane Doe\nGesendet: Montag, 9. März 2026\nAn: Alex\nBetreff: Termin\n\nalt"
    )
    assert split_body(german).new_text == "Danke!"


def test_a_from_line_alone_is_not_a_quote() -> None:
    text = "From: the hiring team, with thanks.\nWe will call you on Monday."
    assert split_body(text).new_text == text


@pytest.mark.parametrize(
    "marker",
    [
        "---------- Forwarded message ---------",
        "Begin forwarded message:",
        "-------- Original Message --------",
        "________________________________\nFrom: Jane Doe\nSent: Monday\nTo: Alex\nSubject: Role",
    ],
)
def test_forward_markers(marker: str) -> None:
    parts = split_body(f"FYI, see below.\n\n{marker}\nFrom: Jane\n\nForwarded text")
    assert parts.new_text == "FYI, see below."
    assert parts.quoted.endswith("Forwarded text")


@pytest.mark.parametrize(
    "attribution",
    [
        '"Jane Doe" on 09/25/2000 12:46:51 PM\nPlease respond to jane\nTo: Alex Smith\ncc:',
        '" jane doe " on 09 / 25 / 2000 12 : 46 : 51 pm\nplease respond to\nto :\ncc :',
        "jane doe @ acme on 05 / 02 / 2000 10 : 11 am\nto : alex smith / hou / acme @ acme\ncc :",
        "- - - - - forwarded by jane doe / hou / acme on 05 / 01 / 2000 03 : 10 pm - - - - -",
        "---------------------- Forwarded by Jane Doe/HOU/ACME on 05/01/2000 03:10 PM ----------",
    ],
)
def test_lotus_notes_attribution(attribution: str) -> None:
    reply = "alex ,\nwe shall get back to you when i return next week .\njane"
    parts = split_body(f"{reply}\n{attribution}\nsubject : re : part - time work\nold text")
    assert parts.new_text == reply
    assert parts.quoted.endswith("old text")


def test_a_date_and_time_in_prose_is_not_a_notes_attribution() -> None:
    text = "We can meet on 09/25/2000 12:30 PM in room 4.\nSee you then.\nTo: the point, bring ID."
    assert split_body(text).new_text == text
    lone = "the call is on 09 / 25 / 2000 12 : 30 pm\nplease dial in with the code below"
    assert split_body(lone).new_text == lone


def test_bottom_posted_reply_keeps_the_reply() -> None:
    parts = split_body("> Are you available on Friday?\n> Jane\n\nYes, Friday at 3pm works.")
    assert parts.new_text == "Yes, Friday at 3pm works."
    assert parts.quoted == "> Are you available on Friday?\n> Jane"


def test_signature_delimiter_and_mobile_signature() -> None:
    dashed = split_body("See you Tuesday.\n-- \nJane Doe\nRecruiter, Acme")
    assert dashed == BodyParts("See you Tuesday.", "", "Jane Doe\nRecruiter, Acme", "")
    mobile = split_body("Confirmed.\n\nSent from my iPhone")
    assert mobile == BodyParts("Confirmed.", "", "Sent from my iPhone", "")
    outlook = split_body("Ok!\n\nGet Outlook for Android")
    assert outlook.signature == "Get Outlook for Android"


def test_sign_off_needs_a_short_tail() -> None:
    long_tail = "Intro.\n\nThanks,\n" + "\n".join(f"line {index} of text" for index in range(15))
    assert split_body(long_tail).signature == ""
    last = split_body("Thanks!\n\nWe will be in touch.\n\nKind regards,\nJane")
    assert last.signature == "Kind regards,\nJane"
    assert last.new_text == "Thanks!\n\nWe will be in touch."
    for sign_off in (
        "Thanks in advance,", "Thank you so much!", "All best,", "Cheers", "Yours faithfully,",
        "Warmest,",
    ):  # fmt: skip
        assert split_body(f"Can you send it?\n\n{sign_off}\nJane").signature.startswith(sign_off)
    alone = split_body("Thanks,\nJane")
    assert alone.new_text == "Thanks,\nJane"  # a body that is only a sign-off is kept


def test_unsubscribe_footer() -> None:
    text = (
        "New roles for you:\n- Data Analyst, Initech\n\n----\n"
        "You are receiving this email because you signed up for job alerts.\n"
        "Unsubscribe | Manage your email preferences"
    )
    parts = split_body(text)
    assert parts.new_text == "New roles for you:\n- Data Analyst, Initech"
    assert parts.footer.startswith("----\nYou are receiving this email")


def test_footer_words_early_in_a_long_body_are_not_a_footer() -> None:
    text = "Hi Alex,\n\nUpdate your settings in the portal to book a slot.\n" + "\n".join(
        f"Step {number}: something to read." for number in range(30)
    )
    assert split_body(text).footer == ""
    assert split_body(text).new_text == text


def test_contact_block_without_sign_off_is_a_signature() -> None:
    text = (
        "Hi Alex,\n\nYour application is with the hiring team and we'll be in touch.\n\n"
        "Nadia\n\nNadia Brennan | People & Talent | Saltmarsh Games\nBrighton, UK"
    )
    parts = split_body(text)
    assert (
        parts.new_text
        == "Hi Alex,\n\nYour application is with the hiring team and we'll be in touch."
    )
    assert parts.signature == (
        "Nadia\n\nNadia Brennan | People & Talent | Saltmarsh Games\nBrighton, UK"
    )
    prose = "Hi Alex,\n\nThanks.\n\nI spoke to the hiring manager and the team, who liked you."
    assert split_body(prose).signature == ""


def test_two_language_sign_off_and_wrapped_disclaimer() -> None:
    text = (
        "Hallo Alex,\n\nwir melden uns bis Freitag.\n\nViele Grüße / best regards,\n"
        "Katrin Vögel\nHead of Talent\n\n"
        "Lumen Health GmbH is registered in Berlin. This email and any attachments are\n"
        "confidential and intended solely for the addressee."
    )
    parts = split_body(text)
    assert parts.new_text == "Hallo Alex,\n\nwir melden uns bis Freitag."
    assert parts.signature == "Viele Grüße / best regards,\nKatrin Vögel\nHead of Talent"
    assert parts.footer.startswith("Lumen Health GmbH is registered")


def test_rule_then_blank_line_then_outlook_headers() -> None:
    text = (
        "Outlook with a reply\n\n ------------------------------\n\n*From:* Jane\n*Sent:* Monday\n"
    )
    text += "*To:* Alex\n*Subject:* Hello\n\nOld text"
    parts = split_body(text)
    assert parts.new_text == "Outlook with a reply"
    assert parts.quoted.lstrip().startswith("------------------------------")


def test_mailing_list_trailer_is_a_footer() -> None:
    text = (
        "What is the best way to clear a bucket?\n\n-Abhishek\n\n"
        "_______________________________________________\nriak-users mailing list\n"
        "riak-users@lists.example\nhttp://lists.example/mailman/listinfo/riak-users"
    )
    parts = split_body(text)
    assert parts.footer.startswith("____")
    assert "listinfo" not in parts.signature and "listinfo" not in parts.new_text


def test_whitespace_is_normalised() -> None:
    parts = split_body("Hello   \r\n\r\n\r\n\r\nSecond paragraph\t \r\n")
    assert parts.new_text == "Hello\n\nSecond paragraph"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab >-_:\nOnwrote@1Thanks,"), max_size=300))
@example("1\n__")  # found by Hypothesis in CI-like runs: the delimiter line is dropped
def test_split_body_keeps_every_word(text: str) -> None:
    parts = split_body(text)
    kept = Counter(" ".join((parts.new_text, parts.quoted, parts.signature, parts.footer)).split())
    words = Counter(normalize_text(text).split())
    # only the signature delimiter line ("-- ", or "__") may go: it is markup, not a word
    dropped = words - kept
    assert not kept - words
    assert set(dropped) <= {"--", "__"} and sum(dropped.values()) <= 1


@pytest.mark.parametrize(
    ("footer", "leaves"),
    [
        ("View all jobs | Unsubscribe", True),
        ("Jobagent abbestellen | Impressum", True),
        ("Manage your preferences or unsubscribe at any time.", True),
        ("Benachrichtigungen verwalten", True),
        ("Registered in England and Wales, company number 01234567.", False),
        ("Subscribe to our newsletter for more tips.", False),
    ],
)
def test_a_footers_link_to_leave_a_list_marks_mail_to_many(footer: str, leaves: bool) -> None:
    # one reading for the classifier's `bulk` and the import's list mail (pipeline.is_list_mail)
    from inbox_monitor.bodytext import offers_to_leave

    assert offers_to_leave(footer) is leaves
