"""Password and token sources: commands without a shell, env, keyring, token cache."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from inbox_monitor.config import Credentials
from inbox_monitor.errors import SecretError
from inbox_monitor.secrets import KEYRING_SERVICE, TokenCache, get_oauth2_token, get_password

PY = sys.executable


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring for tests (headless machines have no system keyring)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture()
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "secret helper.py"  # a space: the command is split, not given to a shell
    path.write_text(body)
    return f"{PY} '{path}'"


def test_password_command_prints_the_first_line_without_a_shell(tmp_path: Path) -> None:
    command = script(tmp_path, "import sys\nprint('s3cret $HOME;')\nprint('second line')\n")
    assert get_password(Credentials(password_command=command), "work") == "s3cret $HOME;"
    with pytest.raises(SecretError, match="command not found"):
        get_password(Credentials(password_command="no-such-program-xyz"), "work")


def test_a_missing_command_is_not_found_even_past_a_folder_that_cannot_be_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o000)
    monkeypatch.setenv("PATH", f"{locked}{os.pathsep}{tmp_path}")
    try:  # as an ordinary user the search of PATH ends in EACCES, as root in ENOENT
        with pytest.raises(SecretError, match="command not found: no-such-program-xyz"):
            get_password(Credentials(password_command="no-such-program-xyz"), "work")
    finally:
        locked.chmod(0o700)


def test_a_file_that_is_not_executable_is_not_allowed_to_run(tmp_path: Path) -> None:
    plain = tmp_path / "pass.txt"
    plain.write_text("not a program\n")
    plain.chmod(0o600)
    with pytest.raises(SecretError, match="not allowed to run"):
        get_password(Credentials(password_command=str(plain)), "work")


def test_a_failing_command_reports_stderr_but_never_stdout(tmp_path: Path) -> None:
    command = script(
        tmp_path,
        "import sys\nprint('leaked-password')\nprint('gpg: decryption failed', file=sys.stderr)\n"
        "sys.exit(2)\n",
    )
    with pytest.raises(SecretError) as caught:
        get_password(Credentials(password_command=command), "work")
    message = str(caught.value)
    assert "exited with status 2" in message and "gpg: decryption failed" in message
    assert "leaked-password" not in message
    assert "'work'" in message


def test_a_hanging_command_times_out(tmp_path: Path) -> None:
    command = script(tmp_path, "import time\ntime.sleep(30)\n")
    with pytest.raises(SecretError, match=r"did not finish within 0\.5 s"):
        get_password(Credentials(password_command=command), "work", timeout=0.5)


def test_password_from_the_environment() -> None:
    credentials = Credentials(password_env="MAIL_PW")
    assert get_password(credentials, "work", environ={"MAIL_PW": "pw"}) == "pw"
    with pytest.raises(SecretError, match="MAIL_PW is not set"):
        get_password(credentials, "work", environ={})


def test_password_from_the_keyring(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password(KEYRING_SERVICE, "work", "from-keyring")
    assert get_password(Credentials(keyring=True), "work") == "from-keyring"
    with pytest.raises(SecretError, match="keyring set inbox-monitor home"):
        get_password(Credentials(keyring=True), "home")


def test_no_keyring_on_a_headless_machine_is_said_plainly() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        with pytest.raises(SecretError, match="no system keyring is available"):
            get_password(Credentials(keyring=True), "work")
    finally:
        keyring.set_keyring(previous)


def test_password_in_the_file_and_nothing_configured() -> None:
    assert get_password(Credentials(password="inline"), "work") == "inline"
    with pytest.raises(SecretError, match="none configured"):
        get_password(Credentials(), "work")


def test_oauth2_token_is_asked_again_only_when_fresh_is_requested(tmp_path: Path) -> None:
    counter = tmp_path / "count"
    command = script(
        tmp_path,
        f"from pathlib import Path\np = Path({str(counter)!r})\n"
        "n = int(p.read_text()) + 1 if p.exists() else 1\np.write_text(str(n))\nprint(f'token-{n}')\n",
    )
    credentials = Credentials(oauth2_token_command=command)
    cache = TokenCache()
    assert cache.token(credentials, "work") == "token-1"
    assert cache.token(credentials, "work") == "token-1"
    assert cache.token(credentials, "work", fresh=True) == "token-2"
    assert cache.commands_run == 2
    assert get_oauth2_token(credentials, "work") == "token-3"
    with pytest.raises(SecretError, match="no oauth2_token_command"):
        get_oauth2_token(Credentials(), "work")
