"""Without Dovecot the IMAP tests skip with the reason, except under CI=true: there they fail."""

from __future__ import annotations

import dovecot_server
import pytest


def test_a_missing_server_skips_locally_and_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        dovecot_server, "dovecot_missing_reason", lambda: "dovecot is not installed"
    )
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="dovecot is not installed"):
        dovecot_server.require_dovecot()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true and the IMAP test server cannot run"):
        dovecot_server.require_dovecot()


def test_an_installed_server_neither_skips_nor_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dovecot_server, "dovecot_missing_reason", lambda: None)
    monkeypatch.setenv("CI", "true")
    dovecot_server.require_dovecot()
