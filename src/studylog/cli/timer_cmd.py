"""studylog timer start|stop|status|cancel: a clock that logs what it measured (``store.timer``)."""

from __future__ import annotations

from typing import Annotated

import click
import typer

from studylog.cli import output
from studylog.cli.clock import now
from studylog.cli.help import StudylogCommand, StudylogTyper
from studylog.cli.options import ItemOpt, JsonOpt, NoteOpt
from studylog.cli.output import Output
from studylog.cli.session import open_store, resolve
from studylog.errors import StudylogError, UsageError
from studylog.pomodoro import DEFAULT as DEFAULT_POMODORO

app = StudylogTyper(
    help="Time what you study, and log a done item with the time it ran.\n\n"
    "One timer runs at a time; it survives closed terminals and, on PostgreSQL, follows you to other "
    "machines.\n\n"
    "Examples:\n"
    "  studylog timer start -i makemore-4\n"
    "  studylog timer status\n"
    "  studylog timer stop -n 'the loss curve'",
    no_args_is_help=True,
    rich_markup_mode=None,
)

AtOpt = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="TIME",
        help="When, if not now: 14:05, '20 minutes ago', '1h30m ago', 'yesterday 23:10'.",
        show_default=False,
    ),
]


def _at(text: str | None):
    from studylog.times import parse_time

    current = now()
    return (parse_time(text, current) if text is not None else current), current


def _minutes(minutes: float) -> str:
    from studylog.hours import format_hours

    return format_hours(minutes / 60) or "0h"


def _what(text: str | None, ref) -> str:
    if text and text.strip():
        return " ".join(text.split())
    return ref.title if ref else "study"


class _StartCommand(StudylogCommand):
    """``timer start``, whose ``--pomodoro`` takes an optional value (Typer options cannot): a
    ``--pomodoro`` not followed by a value (something starting with a digit) gets the default."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, with_default_plan(args))


def with_default_plan(args: list[str]) -> list[str]:
    """``args`` with the default WORK/BREAK after each bare ``--pomodoro`` (up to a ``--``)."""
    out: list[str] = []
    for n, arg in enumerate(args):
        if arg == "--":
            return out + args[n:]
        out.append(arg)
        following = args[n + 1] if n + 1 < len(args) else ""
        if arg == "--pomodoro" and not following[:1].isdigit():
            out.append(DEFAULT_POMODORO)
    return out


@app.command("start", cls=_StartCommand)
def start(
    text: Annotated[
        str | None, typer.Argument(help="What you study (default: the item's title, else 'study').", show_default=False)
    ] = None,
    item: ItemOpt = None,
    at: AtOpt = None,
    switch: Annotated[
        bool, typer.Option("--switch", help="Stop the running timer (logging it) and start this one.")
    ] = False,
    pomodoro: Annotated[
        str | None,
        typer.Option(
            "--pomodoro",
            metavar="[WORK/BREAK]",
            help="Count down work and break periods in turn (25/5 minutes unless given, e.g. 50/10), with a bell "
            "at the end of each; Ctrl-C stops and logs the work periods' minutes (breaks do not count).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start a timer for what you study now.

    One timer runs at a time: --switch stops the running one (logging it) first. The timer
    survives closed terminals and, on PostgreSQL, follows you to other machines.

    Examples:
      studylog timer start -i makemore-4
      studylog timer start "read chapter 2" --at 14:05
      studylog timer start "exercises" --switch
    """
    from studylog.store import timer as timers

    plan = _plan(pomodoro, at)
    ref = resolve(item)
    when, current = _at(at)
    store = open_store()
    what = _what(text, ref)
    if plan is not None:
        _run_pomodoro(store, plan, what, ref.ref if ref else None, current, switch)
        return
    if switch and timers.running(store) is not None:
        logged = timers.stop(store, when, current, given_at=at is not None, then_start=(what, ref.ref if ref else None))
        _say_logged(logged)
        output.message(f"Timer started at {when.strftime('%H:%M')}: {what}")
        return
    t = timers.start(store, what, ref.ref if ref else None, when, current)
    linked = f" ({t.item})" if t.item else ""
    output.message(f"Timer started at {t.started_at.strftime('%H:%M')}: {t.text}{linked}")


@app.command("stop")
def stop(
    at: AtOpt = None,
    note: NoteOpt = None,
) -> None:
    """Stop the timer and log a done item with the time it ran.

    The time is counted to the minute; a timer that ran past midnight logs a done item on each
    day it ran.

    Examples:
      studylog timer stop
      studylog timer stop -n "the loss curve" -n "  fixed the init"
      studylog timer stop --at '20 minutes ago'
    """
    from studylog.cli.everyday import notes
    from studylog.store import timer as timers

    when, current = _at(at)
    logged = timers.stop(open_store(), when, current, notes(note), given_at=at is not None)
    _say_logged(logged)


def _plan(text: str | None, at: str | None):
    """The pomodoro's work/break minutes, refused before anything is written."""
    if text is None:
        return None
    from studylog.pomodoro import parse_plan

    if at is not None:
        raise UsageError("--pomodoro starts now; it cannot be combined with --at", "leave out --at")
    return parse_plan(text)


def _minute_seconds() -> float:
    """The seconds a pomodoro minute lasts: 60, or STUDYLOG_POMODORO_SCALE (for tests only)."""
    import os

    text = os.environ.get("STUDYLOG_POMODORO_SCALE")
    if not text:
        return 60.0
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:
        raise UsageError(f"STUDYLOG_POMODORO_SCALE={text!r} is not a number of seconds a minute lasts, like 0.1")
    return value


def _run_pomodoro(store, plan, what: str, item: str | None, current, switch: bool) -> None:
    """Start the timer in the store (so that it survives the terminal, as any timer), count down
    until Ctrl-C, then stop it at its start plus the work done, which logs the work periods'
    minutes (``studylog.pomodoro``)."""
    import signal
    import time
    from datetime import timedelta

    from studylog.pomodoro import countdown, worked_minutes
    from studylog.render.pomodoro import countdown_line, period_line
    from studylog.store import timer as timers

    minute = _minute_seconds()
    if switch and timers.running(store) is not None:
        _say_logged(timers.stop(store, current, current, given_at=False, then_start=(what, item)))
        t = timers.running(store)
        assert t is not None
    else:
        t = timers.start(store, what, item, current, current)
    linked = f" ({t.item})" if t.item else ""
    output.message(
        f"Pomodoro {plan} started at {t.started_at.strftime('%H:%M')}: {t.text}{linked}; "
        "Ctrl-C stops it and logs the work done"
    )
    redraw, columns = output.on_terminal(), output.width()

    def show(period, new: bool) -> None:
        bell = new and not (period.kind == "work" and period.number == 1)
        if redraw:
            output.countdown(countdown_line(period, columns), bell)
        elif new:
            output.countdown(period_line(period), bell)

    # Ctrl-C is how a pomodoro ends, even where SIGINT came in ignored (a job started with '&')
    signal.signal(signal.SIGINT, signal.default_int_handler)
    began = time.monotonic()
    try:
        countdown(plan, time.monotonic, time.sleep, show, minute)
    except KeyboardInterrupt:
        elapsed = (time.monotonic() - began) / minute
    output.countdown_end()
    minutes = worked_minutes(plan, elapsed)
    found = timers.running(store)
    if found is None or found.id != t.id:
        raise StudylogError(
            "the pomodoro's timer was stopped or cancelled meanwhile, so nothing more is logged",
            "see what was logged with 'studylog today'",
        )
    if minutes < 1:
        timers.cancel(store)
        output.message("Pomodoro stopped after less than a minute of work: nothing logged")
        return
    logged = timers.stop(store, t.started_at + timedelta(minutes=minutes), now())
    _say_logged(logged)
    output.message(f"Pomodoro stopped: {minutes} min of work logged (breaks do not count)")


def _say_logged(logged) -> None:
    from studylog.hours import format_hours

    for entry_id, day, hours in logged.entries:
        output.message(f"Done #{entry_id} on {day.isoformat()}: {logged.timer.text} ({format_hours(hours)})")


@app.command("status")
def status(as_json: JsonOpt = False) -> None:
    """Show the running timer: what, since when, for how long.

    Examples:
      studylog timer status
      studylog timer status --json
    """
    from studylog.store import timer as timers

    out = Output(as_json)
    current = now()
    t = timers.running(open_store())
    if out.as_json:
        out.json({"running": t is not None, "timer": t.to_json(current) if t else None})
        return
    if t is None:
        output.message("No timer is running; start one with: studylog timer start TEXT")
        return
    linked = f" ({t.item})" if t.item else ""
    minutes = t.elapsed(current).total_seconds() / 60
    output.message(f"Timer running since {t.started_at.strftime('%H:%M')} ({_minutes(minutes)}): {t.text}{linked}")


@app.command("cancel")
def cancel() -> None:
    """Drop the running timer without logging anything.

    'studylog undo' brings it back.

    Examples:
      studylog timer cancel
    """
    from studylog.store import timer as timers

    t = timers.cancel(open_store())
    output.message(f"Timer cancelled (it ran since {t.started_at.strftime('%H:%M')}): {t.text}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="timer")
