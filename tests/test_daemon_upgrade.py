"""A daemon that notices an upgrade (its program's files changed on disk) and runs the new
version in its place (daemon.InstalledCode, Daemon.run): a stat per check, a change that
counts once it has settled, and a restart that ends nothing."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import inbox_monitor
from inbox_monitor.config import Config
from inbox_monitor.daemon import EXIT_RESTART, Daemon, InstalledCode, program_files
from inbox_monitor.pipeline import Pipeline


def wait_until(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def files_in(directory: Path) -> Callable[[], list[Path]]:
    return lambda: sorted(directory.glob("*.py"))


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    directory = tmp_path / "package"
    directory.mkdir()
    (directory / "extract.py").write_text("RULE = 1\n")
    (directory / "dates.py").write_text("DAY = 1\n")
    return directory


def test_unchanged_files_are_no_upgrade(installed: Path) -> None:
    code = InstalledCode(files_in(installed))
    assert [code.changed() for _ in range(3)] == [False, False, False]


def test_the_same_bytes_written_again_are_no_upgrade(installed: Path) -> None:
    # a reinstall of the same version, or `touch`: new times, the same code
    code = InstalledCode(files_in(installed))
    (installed / "extract.py").write_text("RULE = 1\n")
    os.utime(installed / "dates.py", ns=(1, 1))
    assert [code.changed() for _ in range(3)] == [False, False, False]


def test_an_upgrade_counts_once_it_has_settled(installed: Path) -> None:
    code = InstalledCode(files_in(installed))
    (installed / "extract.py").write_text("RULE = 2\n")
    assert code.changed() is False  # seen once: it may be half-written
    (installed / "dates.py").write_text("DAY = 2\n")  # and it was
    assert code.changed() is False
    assert code.changed() is True  # the same at two checks in a row
    assert code.changed() is True


def test_a_module_added_or_removed_is_an_upgrade(installed: Path) -> None:
    code = InstalledCode(files_in(installed))
    (installed / "orgs.py").write_text("NAME = 1\n")
    assert [code.changed(), code.changed()] == [False, True]
    removed = InstalledCode(files_in(installed))
    (installed / "orgs.py").unlink()
    assert [removed.changed(), removed.changed()] == [False, True]


def test_an_edit_undone_before_it_settles_is_no_upgrade(installed: Path) -> None:
    code = InstalledCode(files_in(installed))
    (installed / "extract.py").write_text("RULE = 2\n")
    assert code.changed() is False
    (installed / "extract.py").write_text("RULE = 1\n")
    assert [code.changed(), code.changed()] == [False, False]


def test_the_program_files_are_the_package_and_the_holidays_version() -> None:
    files = program_files()
    package = Path(inbox_monitor.__file__).parent
    assert package / "extract.py" in files and package / "cli" / "daemon.py" in files
    assert files[-1].name == "version.py" and files[-1].parent.name == "holidays"
    assert all(path.exists() for path in files)


def test_a_daemon_that_cannot_run_the_new_version_exits_for_its_service_manager(
    config: Config, pipeline: Pipeline, installed: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # systemd (Restart=on-failure) and launchd (KeepAlive SuccessfulExit=false) start a
    # program again that exits with an error
    def cannot() -> None:
        raise OSError("No such file or directory")

    daemon = Daemon(
        config=config,
        reload_config=lambda: config,
        _pipeline=pipeline,
        code=InstalledCode(files_in(installed)),
        code_check_seconds=0.1,
        restart=cannot,
    )
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(daemon.run()), daemon=True)
    thread.start()
    try:
        wait_until(lambda: daemon._workers_started is not None, 30)
        (installed / "extract.py").write_text("RULE = 2\n")
        thread.join(30)
    finally:
        daemon.stop_event.set()
        thread.join(30)
    assert codes == [EXIT_RESTART]
    assert "the program's files changed on disk (an upgrade)" in caplog.text
    assert f"exiting with status {EXIT_RESTART}" in caplog.text


@pytest.mark.slow
def test_a_running_daemon_runs_the_new_version_after_an_upgrade(tmp_path: Path) -> None:
    # the program installed in a directory of its own, as pip leaves it; the test then
    # upgrades it in place, as pip does
    install = tmp_path / "install"
    source = Path(inbox_monitor.__file__).parent
    shutil.copytree(source, install / "inbox_monitor", ignore=shutil.ignore_patterns("__pycache__"))
    (install / "models").symlink_to(source.parent / "models")  # the trained classifier
    config = tmp_path / "config.toml"
    config.write_text('[identity]\naddresses = ["alex.morgan@example.net"]\n')
    env = {
        **os.environ,
        "PYTHONPATH": str(install),
        "INBOX_MONITOR_HOME": str(tmp_path),
        "INBOX_MONITOR_CONFIG": str(config),
    }
    log = tmp_path / "daemon.log"
    with log.open("ab") as out:
        daemon = subprocess.Popen(
            [sys.executable, "-m", "inbox_monitor", "run"],
            env=env, stdout=out, stderr=out, cwd=tmp_path,
        )  # fmt: skip
    try:
        started = f"daemon started (pid {daemon.pid}, version "
        wait_until(lambda: started in log.read_text(), 60)
        module = install / "inbox_monitor" / "daemon.py"
        module.write_text(module.read_text().replace("daemon started (", "daemon started anew ("))
        wait_until(lambda: f"daemon started anew (pid {daemon.pid}, " in log.read_text(), 60)
        text = log.read_text()
        # which version and which reading rules run, for the user to see after an upgrade
        assert re.search(r"version \d+\.\d+\.\d+, reading rules [0-9a-f]{8}\)", text)
        assert "the program's files changed on disk (an upgrade)" in text
        assert daemon.poll() is None  # the same process, running the new code
        assert "Traceback" not in text
    finally:
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(30) == 0


def test_mail_read_again_by_another_versions_rules_is_read_again_by_the_daemon(
    config: Config, pipeline: Pipeline, installed: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # audit 8, A1: an older install's `sync` beside the running daemon reads all the stored
    # mail back with its own rules; the daemon notices at its next check and reads it again
    from inbox_monitor.pipeline import rules_text_stamp
    from inbox_monitor.store import Store

    daemon = Daemon(
        config=config,
        reload_config=lambda: config,
        _pipeline=pipeline,
        code=InstalledCode(files_in(installed)),
        code_check_seconds=0.1,
    )
    stamp = rules_text_stamp(config.identity)

    def source() -> str | None:
        with Store(config.database_path) as store:
            return store.reading().source

    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: daemon._reread_over.is_set() and source() == stamp, 30)
        with Store(config.database_path) as store, store.transaction():
            store.read_by("an older version's rules", "an older version's text")
        wait_until(lambda: source() == stamp, 30)
    finally:
        daemon.stop_event.set()
        thread.join(30)
    assert "read again by another version's rules" in caplog.text
