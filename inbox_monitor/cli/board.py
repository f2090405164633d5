"""Commands that read and correct the board: status, stalled, history, search, review,
expect, close, done, rename, merge, split, move, export."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

import click

from inbox_monitor.board import (
    CLOSED_BY_YOU,
    REOPENED_BY_YOU,
    USER_DONE,
    load_board,
    load_status,
    passes_set_aside,
)
from inbox_monitor.cli.context import AppContext, as_of_option, pass_app, read_day
from inbox_monitor.cli.render import (
    board_table,
    dump_json,
    fit_quoted,
    local,
    safe,
    status_json,
    table,
    workdays,
)
from inbox_monitor.daemon import daemon_running, load_health
from inbox_monitor.dates import business_days_past
from inbox_monitor.digest import health_lines
from inbox_monitor.errors import StoreError
from inbox_monitor.export import moment_text, to_csv, to_ics, to_json
from inbox_monitor.models import Event, Outcome, ProcessRecord, State
from inbox_monitor.store import Store
from inbox_monitor.track import ProcessStatus


def _process_id(processes: Sequence[ProcessRecord], ref: str) -> int:
    """The process REF names: its number ("3" or "#3"), or a company, agency or role that
    one process alone holds ("acme"; a whole name first, then a part of one)."""
    number = ref.strip().removeprefix("#")
    if number.isdigit():
        if int(number) in {p.id for p in processes}:
            return int(number)
        raise click.BadParameter(f"no process {ref!r} (see `inbox-monitor status` for ids)")
    wanted = " ".join(ref.lower().split())
    live = [p for p in processes if p.merged_into is None]

    def names(process: ProcessRecord) -> list[str]:
        return [n.lower() for n in (process.company, process.agency, process.role) if n]

    found = [p for p in live if wanted in names(p)] or [
        p for p in live if wanted and any(wanted in n for n in names(p))
    ]
    if len(found) == 1:
        return found[0].id
    if not found:
        raise click.BadParameter(
            f"no process {safe(ref)!r} by number, company, agency or role"
            " (see `inbox-monitor status`)"
        )
    listed = "; ".join(f"#{p.id} {_named(p.company, p.role, p.agency)}" for p in found[:8]) + (
        "; …" if len(found) > 8 else ""
    )
    raise click.BadParameter(f"{safe(ref)!r} names {len(found)} processes: {listed}; give a number")


def _process_ids(processes: Sequence[ProcessRecord], refs: Sequence[str]) -> list[int]:
    """The processes PROCESS_REF... names: several numbers ("10 11", "#10 #11") are several
    processes; any other word makes the words one name ("blue harbour"), as _process_id
    reads it. Each once, in the order given."""
    numbers = [ref.strip().removeprefix("#") for ref in refs]
    if len(refs) > 1 and all(n.isdigit() for n in numbers):
        return list(dict.fromkeys(_process_id(processes, ref) for ref in refs))
    return [_process_id(processes, " ".join(refs))]


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--all", "show_all", is_flag=True, help="Include closed processes.")
@as_of_option
@pass_app
def status(app: AppContext, as_json: bool, show_all: bool, now: datetime) -> None:
    """The board: every hiring process, stalled first."""
    from inbox_monitor.pipeline import rules_stale

    with app.open_store() as store:
        statuses = load_board(store, app.config, now)
        store_has_processes = bool(store.processes())
        heartbeat = store.heartbeat("daemon")
        health = load_health(store)
        stale = rules_stale(store, app.config)
    # a mailbox that cannot be read must never look like a quiet inbox: the digest's words
    accounts = [account.name for account in app.config.accounts]
    for line in health_lines(accounts, health, app.now(), app.config.identity.zone):
        if not line.ok:
            click.secho(
                f"warning: {safe(line.account)}: {safe(line.text, 200)}", fg="red", err=True
            )
    closed = sum(1 for s in statuses if s.state == State.CLOSED)
    if not show_all:
        statuses = [s for s in statuses if s.state != State.CLOSED]
    if as_json:
        click.echo(dump_json([status_json(s, app.config.identity.zone) for s in statuses]))
        return
    if not statuses:
        click.echo(_nothing_open(now, app, store_has_processes, closed))
        return
    zone = app.config.identity.zone
    click.echo(f"As of {local(now, zone, with_time=True)} ({app.config.identity.timezone})")
    click.echo(board_table(statuses, zone))
    stalled_count = sum(1 for s in statuses if s.stalled)
    waiting = sum(1 for s in statuses if s.on_you)
    click.echo(f"\n{stalled_count} overdue, {waiting} waiting on you, {len(statuses)} shown.")
    if stale:
        # the store keeps which rules read it, not which version is the later (an old
        # install left beside an upgraded one reads it too): say neither older nor newer
        click.echo(
            "Your stored mail was read by another version of inbox-monitor, older or newer"
            " (the store does not say which), or with other settings (your name, time zone or"
            " holiday country): the daemon or `sync` reads it again with this version's rules,"
            " in place of the other's (or `inbox-monitor reread`); if the other is newer,"
            " run that one instead."
        )
    if heartbeat is not None:
        seen = local(datetime.fromisoformat(heartbeat["at"]), zone, with_time=True)
        if daemon_running(app.config.data_dir):
            click.echo(f"Daemon running (pid {heartbeat['pid']}), last seen {seen}.")
        else:
            click.echo(
                f"Daemon not running: last seen {seen}. Start it with `inbox-monitor run`,"
                " or the service (`inbox-monitor service install`)."
            )


def _nothing_open(now: datetime, app: AppContext, has_processes: bool, closed: int) -> str:
    """What `status` says with no open process: as of a past day; every one closed (or set
    aside as not hiring) by the user or their mail; or none yet, for a new user."""
    if now < app.now() and has_processes:
        return f"No hiring process was open as of {local(now, app.config.identity.zone)}."
    if closed:
        which = "your one process is" if closed == 1 else f"all {closed} are"
        return (
            f"No open hiring processes: {which} closed (`inbox-monitor status --all` lists"
            f" {'it' if closed == 1 else 'them'}). New mail about a job opens a new one."
        )
    if has_processes:
        return (
            "No open hiring processes: those there were are set aside as not hiring."
            " New mail about a job opens a new one."
        )
    return "No open hiring processes. Import mail with `inbox-monitor import` or `sync`."


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@as_of_option
@pass_app
def stalled(app: AppContext, as_json: bool, now: datetime) -> None:
    """Processes that went silent past the promised or default date."""
    with app.open_store() as store:
        statuses = [s for s in load_board(store, app.config, now) if s.stalled]
        # the user's last mail up to `now`: as of a past day, not what they wrote since
        last_sent = {
            s.process.id: next(
                (
                    m
                    for m in reversed(store.message_records(s.process.id, until=now))
                    if m.direction == "outbound"
                ),
                None,
            )
            for s in statuses
        }
    if as_json:
        items = []
        for s in statuses:
            item = status_json(s, app.config.identity.zone)
            sent = last_sent[s.process.id]
            item["last_sent_subject"] = sent.subject if sent else None
            items.append(item)
        click.echo(dump_json(items))
        return
    if not statuses:
        click.echo("Nothing is overdue.")
        return
    zone = app.config.identity.zone
    for s in statuses:
        process = s.process
        name = process.company or (f"via {process.agency}" if process.agency else "unknown company")
        click.secho(
            f"#{process.id} {safe(name)} — {safe(process.role or 'role not named')}", bold=True
        )
        click.echo(
            f"  {business_days_past(s.days_overdue, 'overdue')}; "
            f"expected by {s.expected_by} ({s.expected_source})"
        )
        if s.on_hold:
            # (no check-in for a usual wait: a question whether it is going ahead)
            click.echo(f"  they put it on hold on {local(s.last_inbound_at, zone)}")
        if s.open_phrase:
            click.echo(
                f"  they said: \u201c{safe(s.open_phrase, 120)}\u201d  [{s.commitment.value}]"
            )
        elif s.lapsed_phrase:  # kept, overtaken or already past: not the date counted
            click.echo(
                f"  no date of theirs is open: \u201c{safe(s.lapsed_phrase, 120)}\u201d no longer holds"
            )
        else:
            click.echo("  no date was ever given")
        contact = s.last_contact
        click.echo(
            f"  last heard from {safe(contact) if contact else '-'} on {local(s.last_inbound_at, zone)}"
        )
        sent = last_sent[process.id]
        click.echo(
            f"  you last wrote on {local(sent.date, zone)}: {safe(sent.subject, 80)}"
            if sent
            else "  you have not written since"
        )
        click.echo(f"  next step: {safe(s.next_step)}\n")


@click.command()
@click.argument("process_ref", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@as_of_option
@pass_app
def history(app: AppContext, process_ref: tuple[str, ...], as_json: bool, now: datetime) -> None:
    """The timeline of one process, with the people in its chain and why each thing happened.

    PROCESS_REF is its number, or a company, agency or role only it holds ("acme", or
    "blue harbour" with or without quotes)."""
    from inbox_monitor.pipeline import timeline_as_read_now

    with app.open_store() as store:
        pid = _process_id(store.processes(include_merged=True), " ".join(process_ref))
        opened = store.process(pid).opened_at
        if opened > now:  # status --as-of leaves it out too
            zone = app.config.identity.zone
            raise click.ClickException(
                f"#{pid} had not started as of {local(now, zone)}: its first message came on"
                f" {local(opened, zone)}"
            )
        current = load_status(store, app.config, pid, now)
        people = store.process_people(pid)
        # each message's promises, deadlines and meetings as it reads now: a reread's
        # readings replace, not add to, what another version read
        events = timeline_as_read_now(
            [e for e in store.events(pid) if e.at <= now], store.message_records(pid)
        )
        # what track computes and the store does not keep: the user's pass it set aside
        events = sorted(
            [*events, *passes_set_aside(store, app.config, pid, now)], key=lambda e: e.at
        )
        numbers = store.message_numbers(e.message_key for e in events if e.message_key)
        # a merged process's mail may have left the one it went into since (a split, a move)
        opener_now = store.opener_process(pid) if current.process.merged_into else None
    ended = current.user_date_ended  # computed, not stored: their mail ended the user's date
    if ended is not None and ended.at <= now:
        events = sorted([*events, ended], key=lambda e: e.at)
    if as_json:
        click.echo(
            dump_json(
                {
                    "process": status_json(current, app.config.identity.zone),
                    "merged_into": current.process.merged_into,
                    "people": people,
                    "events": [
                        {
                            "id": e.id,
                            "at": moment_text(e.at, app.config.identity.zone),
                            "kind": e.kind,
                            "detail": e.detail,
                            "message": e.message_key,
                            "message_number": numbers.get(e.message_key or ""),
                            "rule": e.rule,
                            "confidence": e.confidence,
                        }
                        for e in events
                    ],
                }
            )
        )
        return
    zone = app.config.identity.zone
    process = current.process
    click.secho(f"#{process.id} {_named(process.company, process.role, process.agency)}", bold=True)
    if process.merged_into is not None:
        # its messages, people and timeline moved with the merge: only what was left is here
        where = process.merged_into
        line = f"merged into #{where}"
        if opener_now is not None and opener_now != where:  # split or moved off since
            where = opener_now
            line += f"; its first message is now in #{where}"
        click.echo(f"{line}: see `inbox-monitor history {where}`")
    else:
        click.echo(
            f"stage {current.stage.value}, state {current.state.value}; {_when(current)}"
            + safe(current.next_step)
        )
    if people:
        click.echo("\nPeople:")
        for person in people:
            click.echo(
                f"  {safe(person['name'] or '-', 30)} <{safe(person['email'])}>  {person['role'] or ''}"
            )
    click.echo("\nTimeline:")
    rows = [
        [
            local(e.at, zone, with_time=True),
            # the message's number, for `split`, `move` and `label`
            str(numbers.get(e.message_key or "", "")),
            e.kind,
            fit_quoted(e.detail, 90),
            # "model:<its name>" on every label: the name once, below the table
            f"{'model' if e.rule.startswith('model:') else e.rule} {e.confidence:.2f}",
        ]
        for e in events
    ]
    click.echo(table(["when", "msg", "what", "detail", "why"], rows))
    models = sorted({e.rule.removeprefix("model:") for e in events if e.rule.startswith("model:")})
    if models:
        click.echo(f"\nmodel: {', '.join(safe(m) for m in models)}")


def _when(status: ProcessStatus) -> str:
    """The date the process waits for, theirs or the user's, for history's header."""
    if status.expected_by is not None:
        return f"expected by {status.expected_by} ({status.expected_source}); "
    deadline = status.user_deadline
    if deadline is not None and deadline.due is not None:
        late = f", {workdays(status.days_past_deadline)} ago" if status.deadline_passed else ""
        return f"your answer by {deadline.due}{late}; "
    return ""


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show at most this many messages, best matches first.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_app
def search(app: AppContext, text: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Full-text search over subjects and bodies (every word must match; quotes are not
    needed)."""
    with app.open_store() as store:
        try:
            rows = store.search(" ".join(text), limit=limit)
        except ValueError as err:
            raise click.UsageError(str(err)) from err
    if as_json:
        click.echo(dump_json(rows))
        return
    if not rows:
        click.echo("No message matches.")
        return
    zone = app.config.identity.zone
    click.echo(
        table(
            ["id", "date", "from", "subject", "label", "process"],
            [
                [
                    str(r["id"]),
                    local(datetime.fromisoformat(r["date"]), zone),
                    safe(r["sender_name"] or r["sender_email"] or "-", 24),
                    safe(r["subject"], 50),
                    # the user's own mail has no label of its own that counts (track skips it)
                    "sent" if r["direction"] == "outbound" else r["label"] or "-",
                    str(r["process_id"] or "-"),
                ]
                for r in rows
            ],
        )
    )


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--dismiss-sender",
    "dismiss",
    metavar="ADDRESS",
    multiple=True,
    help="Label every message from ADDRESS waiting here not_recruiting, each as `label` does"
    " (repeat for more senders).",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also those in a process closed since they came (the digest no longer asks).",
)
@as_of_option
@pass_app
def review(
    app: AppContext, as_json: bool, dismiss: tuple[str, ...], show_all: bool, now: datetime
) -> None:
    """Messages waiting for you: low-confidence labels and matches that were not a sure thing.

    The same the digest asks about: one in a process that closed after it came (their
    rejection, your withdrawal or `close`) is settled, and listed only with --all.
    With --as-of, those still waiting that had come by then (the digest's list of that day).
    With --dismiss-sender, a sender's waiting mail (a job board, a friend) is set aside at once."""
    from inbox_monitor.daemon import load_digest_data

    if dismiss:
        dismiss_senders(app, dismiss)
        return
    with app.open_store() as store:
        # (a past day's list: mail dated after it was not there to review)
        rows = [r for r in store.open_reviews() if datetime.fromisoformat(r["date"]) <= now]
        asked = {item.message_id for item in load_digest_data(store, app.config, now).reviews}
    settled = 0 if show_all else sum(r["id"] not in asked for r in rows)
    rows = rows if show_all else [r for r in rows if r["id"] in asked]
    if as_json:
        # the process numbers a tie was between, as a list (the store keeps them as JSON)
        listed = [
            {**{k: v for k, v in r.items() if k != "candidates_json"},
             "candidates": json.loads(r["candidates_json"])}
            for r in rows
        ]  # fmt: skip
        click.echo(dump_json(listed))
        return
    left_out = (
        f"{settled} more in processes closed since they came (settled): `inbox-monitor review"
        " --all` lists them."
        if settled
        else ""
    )
    if not rows:
        click.echo("Nothing to review." + (f" {left_out}" if left_out else ""))
        return
    zone = app.config.identity.zone  # (the store keeps UTC: evening mail is the next day there)
    click.echo(
        table(
            ["id", "date", "from", "subject", "label", "why", "in", "candidates"],
            [
                [
                    str(r["id"]),
                    local(datetime.fromisoformat(r["date"]), zone),
                    safe(r["sender_email"] or "-", 28),
                    safe(r["subject"], 40),
                    f"{r['label']} {r['confidence']:.2f}",
                    safe(r["reason"], 40),
                    f"#{r['process_id']}" if r["process_id"] else "-",
                    ",".join(str(c) for c in json.loads(r["candidates_json"])) or "-",
                ]
                for r in rows
            ],
        )
    )
    click.echo(
        "\nConfirm or fix a label with `inbox-monitor label ID LABEL` (an unsure label does not"
        " move its process until you do); put a message in a process with `move ID PROCESS`;"
        " join processes with `merge`."
    )
    if left_out:
        click.echo(left_out)


# the message numbers `review --dismiss-sender` names for each sender; more are counted
DISMISSED_LISTED = 10


def dismiss_senders(app: AppContext, addresses: Sequence[str]) -> None:
    """Label each sender's messages waiting for review not_recruiting, one by one as `label`
    labels one: each is the user's correction, kept as feedback (`train --with-feedback`,
    later copies of its template), and a message in a process leaves or stays as `label`
    says. The other messages of the sender, read sure, are left as they are."""
    from inbox_monitor.errors import InboxMonitorError
    from inbox_monitor.models import Label
    from inbox_monitor.pipeline import apply_correction

    wanted = list(dict.fromkeys(a.strip().strip("<>").strip().lower() for a in addresses))
    done: dict[str, list[int]] = {address: [] for address in wanted}
    # how many left or stayed in each process, as `label` says of one
    moved: dict[tuple[str, int], int] = {}
    try:
        with app.open_store() as store:
            rows = list(
                {
                    r["message_key"]: r
                    for r in store.open_reviews()
                    if (r["sender_email"] or "").lower() in done
                }.values()
            )
            for row in rows:
                correction = apply_correction(
                    store, app.config, row["message_key"], Label.NOT_RECRUITING, app.now()
                )
                done[(row["sender_email"] or "").lower()].append(row["id"])
                if correction.action in ("left", "kept") and correction.process_id is not None:
                    where = (correction.action, correction.process_id)
                    moved[where] = moved.get(where, 0) + 1
    except InboxMonitorError as err:
        raise click.ClickException(str(err)) from err
    for address, numbers in done.items():
        if not numbers:
            click.echo(f"nothing from {safe(address)} waits for review")
            continue
        listed = ", ".join(f"#{n}" for n in numbers[:DISMISSED_LISTED])
        listed += ", …" if len(numbers) > DISMISSED_LISTED else ""
        plural = "" if len(numbers) == 1 else "s"
        click.echo(
            f"labelled {len(numbers)} waiting message{plural} from {safe(address)} as"
            f" not_recruiting ({listed})"
        )
    for (action, process_id), count in sorted(moved.items(), key=lambda item: item[0][1]):
        what = "left" if action == "left" else "stayed in, with the new label,"
        click.echo(f"  {count} of them {what} process #{process_id} (see its history)")
    if any(done.values()):
        click.echo("A message set aside by mistake: `inbox-monitor label ID LABEL` puts it right.")


# `expect --by` refuses a date further ahead than this: no hiring process waits so long,
# and a mistyped year would hide the process from the overdue list for good.
MAX_EXPECT_DAYS = 366


def _expected_date(text: str, now: datetime, app: AppContext) -> date:
    """The date `expect --by` names (`read_day`)."""
    try:
        due = read_day(text, now, app)
    except ValueError:
        raise click.BadParameter(
            f"cannot read a date from {text!r}; give YYYY-MM-DD or a day such as 'friday', "
            "'next tuesday', 'in 3 days' or '4 December'",
            param_hint="'--by'",
        ) from None
    local_now = now.astimezone(app.config.identity.zone)
    if (due - local_now.date()).days > MAX_EXPECT_DAYS:
        raise click.BadParameter(
            f"{due} is more than a year away (a mistyped year?)", param_hint="'--by'"
        )
    return due


@click.command()
@click.argument("process_ref", nargs=-1, required=True)
@click.option(
    "--by",
    "by",
    metavar="DATE",
    help="The date you expect news by: YYYY-MM-DD, or 'friday', 'in 3 days', '4 December'.",
)
@click.option(
    "--clear", is_flag=True, help="Forget your date; use their promise or the default again."
)
@pass_app
def expect(app: AppContext, process_ref: tuple[str, ...], by: str | None, clear: bool) -> None:
    """Set the date you expect to hear back by (it wins over their promise and the default
    until they write again)."""
    if by is not None and clear:
        raise click.UsageError("give --by DATE or --clear, not both")
    if by is None and not clear:
        raise click.UsageError("give --by DATE or --clear")
    now = app.now()
    value = _expected_date(by, now, app) if by is not None else None
    with app.open_store() as store:
        pids = _process_ids(store.processes(), process_ref)
        detail = f"you expect news by {value}" if value else "your expected date was cleared"
        with store.transaction():
            for pid in pids:
                store.update_process(
                    pid, expected_by_user=value, expected_by_user_at=now if value else None
                )
                store.add_event(Event(pid, now, "user_expect", detail, None, "user", 1.0))
    for pid in pids:
        click.echo(f"#{pid}: {detail}" + (f" ({value:%A})." if value else "."))
        with app.open_store() as store:
            status = load_status(store, app.config, pid, now)
        if status.state is State.CLOSED:
            ended = f" ({status.outcome.value})" if status.outcome else ""
            click.echo(
                f"#{pid} is closed{ended}: the date counts once you reopen it"
                f" (`inbox-monitor close {pid} --reopen`).",
                err=True,
            )
        elif value is not None and value < now.astimezone(app.config.identity.zone).date():
            click.echo(f"That date has passed: #{pid} shows as overdue.", err=True)


@click.command()
@click.argument("process_ref", nargs=-1, required=True)
@click.option("--outcome", type=click.Choice([o.value for o in Outcome]), help="How it ended.")
@click.option("--reopen", is_flag=True, help="Undo a close.")
@click.option(
    "--not-hiring",
    is_flag=True,
    help="It is no hiring process: label its mail not_recruiting and take it off the board.",
)
@pass_app
def close(
    app: AppContext,
    process_ref: tuple[str, ...],
    outcome: str | None,
    reopen: bool,
    not_hiring: bool,
) -> None:
    """Close a process (rejected, withdrawn, accepted, declined), or --reopen it.

    --not-hiring takes a process that is no hiring conversation (a seminar invitation read
    as an interview) off the board: its mail is labelled not_recruiting, as `label` would,
    and leaves it. `label N LABEL` on one of its messages brings that message back.

    PROCESS_REF is a number, or a company, agency or role only one process holds; several
    numbers ("close 10 11 --not-hiring") are several processes, while words make one name
    ("close blue harbour --outcome withdrawn").
    """
    options = (("--outcome", outcome), ("--reopen", reopen), ("--not-hiring", not_hiring))
    given = [option for option, value in options if value]
    if len(given) > 1:
        one = " or ".join(given) + ", not both" if len(given) == 2 else "one of " + ", ".join(given)
        raise click.UsageError(f"give {one}")
    if not given:
        raise click.UsageError("give --outcome, --reopen or --not-hiring")
    now = app.now()
    with app.open_store() as store:
        # (every one is found before any is changed: a typo in the third changes none)
        for pid in _process_ids(store.processes(), process_ref):
            _close_one(app, store, pid, now, outcome, reopen, not_hiring)


def _close_one(
    app: AppContext,
    store: Store,
    pid: int,
    now: datetime,
    outcome: str | None,
    reopen: bool,
    not_hiring: bool,
) -> None:
    """`close` of one process, as its options say."""
    if not_hiring:
        from inbox_monitor.pipeline import dismiss_process

        left = dismiss_process(store, pid, now)
        click.echo(
            f"#{pid} is not a hiring process: its {left} message(s) leave it, their mail"
            " labelled not_recruiting; it is no longer shown."
        )
        return
    if reopen and load_status(store, app.config, pid, now).state != State.CLOSED:
        click.echo(f"#{pid} is open: nothing to reopen.")
        return
    with store.transaction():
        if outcome:
            store.update_process(pid, outcome_user=outcome)
        else:  # their rejections until now are past, as well as the user's own outcome
            store.update_process(pid, outcome_user=None, reopened_at=now)
        detail = f"{CLOSED_BY_YOU}{outcome}" if outcome else REOPENED_BY_YOU
        store.add_event(Event(pid, now, "user_close", detail, None, "user", 1.0))
    click.echo(f"#{pid}: {detail}.")


# `done --note` takes at most this many characters: a reminder, not a message
DONE_NOTE_CHARS = 200


@click.command()
@click.argument("process_ref", nargs=-1, required=True)
@click.option(
    "--note", metavar="TEXT", help='What you did, for the timeline ("assessment done on the site").'
)
@pass_app
def done(app: AppContext, process_ref: tuple[str, ...], note: str | None) -> None:
    """Say you did what a process asked of you where no mail shows it (a test or a form done
    on their site): it no longer waits on you, and the wait for them counts from now. Their
    mail that asks again waits on you again. An offer is answered with `close`.

    PROCESS_REF as for `close`: several numbers are several processes."""
    text = " ".join(note.split()) if note is not None else None
    if note is not None and any(
        unicodedata.category(ch) in ("Cc", "Cf") and ch not in _JOINERS
        for ch in note.replace("\t", " ").replace("\n", " ")
    ):
        raise click.BadParameter(
            "a note holds no control or direction characters", param_hint="--note"
        )
    if text is not None and len(text) > DONE_NOTE_CHARS:
        raise click.BadParameter(f"at most {DONE_NOTE_CHARS} characters", param_hint="--note")
    now = app.now()
    with app.open_store() as store:
        for pid in _process_ids(store.processes(), process_ref):
            status = load_status(store, app.config, pid, now)
            tasks = len(status.accepted_tasks) or (status.accepted_task is not None)
            asked = status.request_at is not None or status.task is not None
            if not asked and not tasks:
                click.echo(f"#{pid}: {_nothing_asked(status)}", err=True)
                continue
            detail = "you did what they asked" + (f": {text}" if text else "")
            with store.transaction():
                store.add_event(Event(pid, now, USER_DONE, detail, None, "user", 1.0))
                store.board_changed()
            after = load_status(store, app.config, pid, now)
            click.echo(f"#{pid}: {safe(detail, 300)}. Next step: {safe(after.next_step)}")


def _nothing_asked(status: ProcessStatus) -> str:
    """Why `done` records nothing for a process: nothing of theirs waits on the user."""
    if status.state == State.CLOSED:
        return "closed, and no task of theirs is open: nothing to mark done."
    if status.on_you:
        return (
            "their offer waits for your answer, not a task: accept or decline it with"
            f" `inbox-monitor close {status.process.id} --outcome accepted` (or declined)."
        )
    return "nothing they asked waits on you: nothing to mark done."


NAME_CHARS = 100
"""The longest name `rename` takes."""


# joiners that emoji and some scripts need: the only format characters a name may hold
_JOINERS = frozenset("\u200c\u200d")


def _given_name(option: str, value: str | None) -> str | None:
    """A name given to `rename`, with its white space made single; "" clears the name.
    Refuses control characters (C0, DEL, C1), format characters but the joiners (a
    right-to-left override would store a name other than the one shown), a name with
    nothing visible, and names longer than NAME_CHARS."""
    if value is None:
        return None
    name = " ".join(value.split())
    if any(
        unicodedata.category(ch) == "Cc"
        or (unicodedata.category(ch) == "Cf" and ch not in _JOINERS)
        for ch in value.replace("\t", " ")
    ):
        raise click.BadParameter(
            "a name holds no control or direction characters", param_hint=option
        )
    if name and not any(unicodedata.category(ch)[0] in "LNPS" for ch in name):
        raise click.BadParameter("a name needs a visible character", param_hint=option)
    if len(name) > NAME_CHARS:
        raise click.BadParameter(f"at most {NAME_CHARS} characters", param_hint=option)
    return name


@click.command()
@click.argument("process_ref", nargs=-1, required=True)
@click.option("--company", metavar="NAME", help='The employer ("" to clear it).')
@click.option("--role", metavar="NAME", help='The job ("" to clear it).')
@click.option("--agency", metavar="NAME", help='The agency or search firm ("" to clear it).')
@pass_app
def rename(
    app: AppContext,
    process_ref: tuple[str, ...],
    company: str | None,
    role: str | None,
    agency: str | None,
) -> None:
    """Name a process's company, role or agency yourself: your names stay, whatever later
    mail reads (a portal taken for the employer, a role never named)."""
    given = {
        "company": _given_name("--company", company),
        "role": _given_name("--role", role),
        "agency": _given_name("--agency", agency),
    }
    names = {key: value for key, value in given.items() if value is not None}
    if not names:
        raise click.UsageError("give --company, --role or --agency")
    now = app.now()
    with app.open_store() as store:
        pid = _process_id(store.processes(), " ".join(process_ref))
        process = store.process(pid)
        before = {"company": process.company, "role": process.role, "agency": process.agency}
        changes = [
            f"{key} {value or '(none)'} (was {before[key] or 'none'})"
            for key, value in names.items()
        ]
        with store.transaction():
            store.update_process(
                pid,
                **{key: value or None for key, value in names.items()},
                named_by_user=process.named_by_user | frozenset(names),
            )
            store.board_changed()
            detail = "named by you: " + ", ".join(changes)
            store.add_event(Event(pid, now, "user_rename", detail, None, "user", 1.0))
    click.echo(f"#{pid}: {safe(detail, 400)}.")


@click.command()
@click.argument("target_ref")
@click.argument("other_refs", nargs=-1, required=True)
@pass_app
def merge(app: AppContext, target_ref: str, other_refs: tuple[str, ...]) -> None:
    """Join processes into TARGET (e.g. an agency thread and the client's own mail)."""
    from inbox_monitor.pipeline import merge_processes

    now = app.now()
    with app.open_store() as store:
        live = store.processes()
        target = _process_id(live, target_ref)
        others = [_process_id(live, ref) for ref in other_refs]
        if target in others:
            raise click.BadParameter("cannot merge a process into itself")
        taken = merge_processes(store, target, others, now, app.config)
    click.echo(f"Merged {', '.join('#' + r for r in other_refs)} into #{target}.")
    if taken:
        named = ", ".join(f"{name} {safe(value or '')}" for name, value in taken.items())
        click.echo(f"#{target} takes the names it lacked: {named}.")


@click.command()
@click.argument("process_ref")
@click.argument("message_refs", nargs=-1, required=True)
@pass_app
def split(app: AppContext, process_ref: str, message_refs: tuple[str, ...]) -> None:
    """Move MESSAGES out of PROCESS into a new process of their own, named by them."""
    from inbox_monitor.errors import Refused
    from inbox_monitor.pipeline import split_messages

    with app.open_store() as store:
        source = _process_id(store.processes(), process_ref)
        try:
            done = split_messages(store, source, message_refs, app.now())
        except (StoreError, Refused) as err:
            raise click.BadParameter(str(err)) from err
        left = store.process(source)
    if done.renamed:
        click.echo(
            f"#{source} is named anew from the messages left in it:"
            f" {_named(left.company, left.role, left.agency)}."
        )
    which = "back to its own number" if done.revived else "new process"
    click.echo(
        f"Moved {done.moved} message(s) from #{source} to"
        f" {_named(**done.names)}, {which} #{done.new}."
    )


def _named(company: str | None, role: str | None, agency: str | None) -> str:
    """A process's names as history's header shows them: "Acme — Analyst (via Hays)", or
    "via Hays — Analyst" while the client is not named, as the digest writes it."""
    role_text = safe(role or "role not named")
    if company:
        return f"{safe(company)} — {role_text}" + (f" (via {safe(agency)})" if agency else "")
    return f"{f'via {safe(agency)}' if agency else 'company not named'} — {role_text}"


@click.command()
@click.argument("message_ref")
@click.argument("process_ref")
@pass_app
def move(app: AppContext, message_ref: str, process_ref: str) -> None:
    """Put MESSAGE into PROCESS: a tie from the review list, or a message in the wrong process."""
    from inbox_monitor.pipeline import move_message

    with app.open_store() as store:
        target = _process_id(store.processes(), process_ref)
        try:
            done = move_message(store, app.config, message_ref, target, app.now())
        except StoreError as err:
            raise click.BadParameter(str(err), param_hint="MESSAGE") from err
    click.echo(safe(done[:1].upper() + done[1:] + "."))  # it names the Message-ID


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "ics"]),
    default="csv",
    show_default=True,
    help="csv or json: one row per process, times in your zone; ics: a calendar of expected"
    " replies and meetings.",
)
@click.option("--all", "show_all", is_flag=True, help="Include closed processes.")
@as_of_option
@pass_app
def export(app: AppContext, fmt: str, show_all: bool, now: datetime) -> None:
    """Export the board (ics: one event per expected reply date and meeting, for your calendar)."""
    with app.open_store() as store:
        statuses = load_board(store, app.config, now)
    if not show_all:
        statuses = [s for s in statuses if s.state != State.CLOSED]
    zone = app.config.identity.zone  # (every time in CSV and JSON in the user's zone)
    renderers = {
        "csv": lambda s: to_csv(s, zone),
        "json": lambda s: to_json(s, zone),
        "ics": lambda s: to_ics(s, now),
    }
    click.echo(renderers[fmt](statuses), nl=False)


COMMANDS = (
    status,
    stalled,
    history,
    search,
    review,
    expect,
    close,
    done,
    rename,
    merge,
    split,
    move,
    export,
)


def register(group: click.Group) -> None:
    for command in COMMANDS:
        group.add_command(command)
