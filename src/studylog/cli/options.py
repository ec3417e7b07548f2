"""The options many commands share, declared once (one spelling, one help text), as ``Annotated``
types for the Typer commands: ``as_json: JsonOpt = False``, ``svg: SvgOpt = None``…

The parameter names (``as_json``, ``svg``, ``html``, ``date_``, ``item``) are also the names
``everyday`` takes and the fast path (``fast.SPEC``) fills in."""

from __future__ import annotations

from typing import Annotated, Any

import typer

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the shapes are in docs/json.md).")]
SvgOpt = Annotated[
    str | None,
    typer.Option("--svg", metavar="FILE", help="Also save what is shown as an SVG image.", show_default=False),
]
HtmlOpt = Annotated[
    str | None,
    typer.Option("--html", metavar="FILE", help="Also save what is shown as an HTML page.", show_default=False),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        "-d",
        metavar="DAY",
        help="The day: today (default), yesterday, monday, 'last friday', '3 days ago', 2024-04-18, 'Apr 18'.",
        show_default=False,
    ),
]

GoalDateOpt = Annotated[  # goal: a day or a period, looking ahead (a weekday name is the coming one)
    str | None,
    typer.Option(
        "--date",
        "-d",
        metavar="DAY",
        help="The day: today (default), tomorrow, friday (the coming one), 'next monday', 'in 3 days', "
        "'next week' (its Monday), 2024-04-18; or a period A..B, both days included: monday..sunday "
        "(this week), 2023-08-01..2023-08-11.",
        show_default=False,
    ),
]

PeriodOpt = Annotated[  # done: a day, or a period of days, looking back
    str | None,
    typer.Option(
        "--date",
        "-d",
        metavar="DAY",
        help="The day: today (default), yesterday, monday, 'last friday', '3 days ago', 2024-04-18, 'Apr 18'; "
        "or a period A..B, both days included: monday..today, 2023-08-01..2023-08-11.",
        show_default=False,
    ),
]


LimitOpt = Annotated[  # log, search, undo --list: how many at most; no short form (-n is --note)
    int, typer.Option("--limit", metavar="N", help="Show at most N entries (0: all).", min=0)
]
NoteOpt = Annotated[  # goal, done, timer stop
    list[str] | None,
    typer.Option(
        "--note",
        "-n",
        metavar="TEXT",
        help="A note: a sub-bullet under the entry (repeatable; a leading tab, or two spaces, per level nests it).",
        show_default=False,
    ),
]


def _item(help: str) -> Any:
    return typer.Option("--item", "-i", metavar="REF", help=help, show_default=False)


ItemOpt = Annotated[str | None, _item("Curriculum item: dlc/1, arena/0.2, karpathy/5 or an alias such as makemore-4.")]
ItemFilterOpt = Annotated[str | None, _item("Only entries for this curriculum item.")]  # log
NewItemOpt = Annotated[str | None, _item("New curriculum item, or 'none' to unlink.")]  # edit

TagOpt = Annotated[  # goal, done
    list[str] | None,
    typer.Option(
        "--tag",
        "-T",
        metavar="TAG",
        help="A tag (repeatable): git, '#ml/rl'; the #words of the text are tags too.",
        show_default=False,
    ),
]
TagFilterOpt = Annotated[  # log, week
    str | None,
    typer.Option("--tag", "-T", metavar="TAG", help="Only entries with this tag (git or '#git').", show_default=False),
]
