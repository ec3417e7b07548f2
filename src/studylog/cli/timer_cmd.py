"""studylog timer start|stop|status|cancel: a clock that logs what it measured (``store.timer``)."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import output
from studylog.cli.clock import now
from studylog.cli.help import StudylogTyper
from studylog.cli.options import ItemOpt, JsonOpt, NoteOpt
from studylog.cli.output import Output
from studylog.cli.session import open_store, resolve

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


@app.command("start")
def start(
    text: Annotated[
        str | None, typer.Argument(help="What you study (default: the item's title, else 'study').", show_default=False)
    ] = None,
    item: ItemOpt = None,
    at: AtOpt = None,
    switch: Annotated[
        bool, typer.Option("--switch", help="Stop the running timer (logging it) and start this one.")
    ] = False,
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

    ref = resolve(item)
    when, current = _at(at)
    store = open_store()
    what = _what(text, ref)
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
