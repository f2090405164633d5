"""Text for the terminal (cli/render.py): one line, no control codes, cut to a width."""

from __future__ import annotations

from inbox_monitor.cli.render import fit_quoted, safe


def test_fit_quoted_shortens_the_quotation_so_what_follows_it_is_seen() -> None:
    detail = (
        "explicit: \u201cThanks for your patience. We will get back to you by Friday 5 "
        "December\u201d (by 2026-12-05 or Fri 04 Dec: weekday and date disagree)"
    )
    fitted = fit_quoted(detail, 90)
    assert len(fitted) <= 90
    assert fitted.endswith("(by 2026-12-05 or Fri 04 Dec: weekday and date disagree)")
    # the quotation keeps its start and its end, where the date is
    assert fitted.startswith("explicit: \u201cThanks")
    assert "\u2026" in fitted and "5 December\u201d (by 2026-12-05" in fitted


def test_fit_quoted_cuts_the_end_when_a_short_quotation_cannot_give_enough() -> None:
    short = "reply: \u201cby Friday\u201d " + "x" * 120
    assert fit_quoted(short, 60) == safe(short, 60)
    assert fit_quoted("no quotation here " * 10, 40) == safe("no quotation here " * 10, 40)
    assert fit_quoted("fits: \u201cyes\u201d", 90) == "fits: \u201cyes\u201d"
