"""Passwords and OAuth2 access tokens, from wherever the user keeps them.

Sources (one per account, validated by config.py): `password_command` (run without a
shell, like mbsync's PassCmd; its first output line is the password), `password_env`,
the system keyring (service "inbox-monitor", user = the account name), a `password`
in the config file (works, but config.py warns), or `oauth2_token_command` (prints a
fresh access token). A secret is never logged nor put into an error message; a
failing command's stderr is.
"""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field

from inbox_monitor.config import Credentials
from inbox_monitor.errors import SecretError

logger = logging.getLogger(__name__)

KEYRING_SERVICE = "inbox-monitor"
COMMAND_TIMEOUT_SECONDS = 60.0
_STDERR_LIMIT = 500


def run_secret_command(command: str, what: str, timeout: float = COMMAND_TIMEOUT_SECONDS) -> str:
    """Run `command` (split with shlex, no shell) and return its first stdout line.

    Raises SecretError naming the command and quoting its stderr, never its stdout.
    """
    try:
        argv = shlex.split(command)
    except ValueError as err:
        raise SecretError(f"{what}: cannot split the command line: {err}") from err
    if not argv:
        raise SecretError(f"{what}: the command is empty")
    try:
        result = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as err:
        raise SecretError(f"{what}: command not found: {argv[0]}") from err
    except PermissionError as err:
        if os.sep not in argv[0] and shutil.which(argv[0]) is None:
            # the search of PATH ends in EACCES when a folder on it cannot be searched
            raise SecretError(f"{what}: command not found: {argv[0]}") from err
        raise SecretError(f"{what}: not allowed to run {argv[0]}") from err
    except subprocess.TimeoutExpired as err:
        raise SecretError(f"{what}: {argv[0]} did not finish within {timeout:g} s") from err
    stderr = result.stderr.decode("utf-8", "replace").strip()[:_STDERR_LIMIT]
    if result.returncode != 0:
        detail = f": {stderr}" if stderr else ""
        raise SecretError(f"{what}: {argv[0]} exited with status {result.returncode}{detail}")
    lines = result.stdout.decode("utf-8", "replace").splitlines()
    secret = lines[0].strip() if lines else ""
    if not secret:
        raise SecretError(f"{what}: {argv[0]} printed nothing")
    return secret


def _from_keyring(account_name: str, what: str) -> str:
    import keyring
    import keyring.errors

    try:
        secret = keyring.get_password(KEYRING_SERVICE, account_name)
    except keyring.errors.NoKeyringError as err:
        raise SecretError(
            f"{what}: no system keyring is available on this machine (a headless server has"
            " none); use password_command or password_env instead"
        ) from err
    except keyring.errors.KeyringError as err:
        raise SecretError(f"{what}: the keyring failed: {err}") from err
    if not secret:
        raise SecretError(
            f"{what}: the keyring has no password for service {KEYRING_SERVICE!r}, user"
            f" {account_name!r} (store one with: keyring set {KEYRING_SERVICE} {account_name})"
        )
    return secret


def get_password(
    credentials: Credentials,
    account_name: str,
    *,
    environ: Mapping[str, str] | None = None,
    timeout: float = COMMAND_TIMEOUT_SECONDS,
) -> str:
    """The password for `account_name` from its configured source; raise SecretError."""
    what = f"password for account {account_name!r}"
    env = os.environ if environ is None else environ
    if credentials.password_command:
        return run_secret_command(credentials.password_command, what, timeout)
    if credentials.password_env:
        value = env.get(credentials.password_env, "")
        if not value:
            raise SecretError(f"{what}: environment variable {credentials.password_env} is not set")
        return value
    if credentials.keyring:
        return _from_keyring(account_name, what)
    if credentials.password:
        return credentials.password
    raise SecretError(
        f"{what}: none configured (set password_command, password_env, keyring = true,"
        " or oauth2_token_command)"
    )


def get_oauth2_token(
    credentials: Credentials, account_name: str, *, timeout: float = COMMAND_TIMEOUT_SECONDS
) -> str:
    """A fresh access token printed by `oauth2_token_command`; raise SecretError."""
    what = f"OAuth2 token for account {account_name!r}"
    if not credentials.oauth2_token_command:
        raise SecretError(f"{what}: no oauth2_token_command configured")
    return run_secret_command(credentials.oauth2_token_command, what, timeout)


@dataclass
class TokenCache:
    """Keeps each account's access token until the server rejects it.

    `token(credentials, account, fresh)` runs the token command only when no token is
    cached or when `fresh` is true (the last one was rejected or has expired).
    """

    timeout: float = COMMAND_TIMEOUT_SECONDS
    _tokens: dict[str, str] = field(default_factory=dict, repr=False)
    commands_run: int = 0

    def token(self, credentials: Credentials, account_name: str, fresh: bool = False) -> str:
        if fresh or account_name not in self._tokens:
            self.commands_run += 1
            self._tokens[account_name] = get_oauth2_token(
                credentials, account_name, timeout=self.timeout
            )
        return self._tokens[account_name]

    def forget(self, account_name: str) -> None:
        self._tokens.pop(account_name, None)
