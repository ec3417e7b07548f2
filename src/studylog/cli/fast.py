"""The everyday fast path: ``today``, ``week``, ``goal`` and ``done`` in their usual forms, run
without importing Typer and click (about 40 ms on their own: more than these commands' work).

``parse`` accepts only what it knows: ``--db`` before the command, then the command's own options
(long, short or ``--long=value``) and positional arguments, as ``SPEC`` lists them. Anything else —
help, a misspelt or unknown option, a missing or malformed value, ``--svg``, ``--`` — returns None,
and ``studylog.cli.main`` hands the arguments to the Typer application, which owns usage errors and
help. Both ways run the same functions (``everyday``, named in ``RUNS``) with the same parameter
names, and tests/test_fast_path.py checks that ``SPEC`` agrees with the Typer commands and with
``everyday``, and that both ways give the same output, files and exit code.
``STUDYLOG_NO_FAST_PATH=1`` always takes the Typer way.
"""

from __future__ import annotations

import os

FLAG, VALUE, INT, MULTI = "flag", "value", "int", "multi"
_ITEM = {"--item": ("item", VALUE), "-i": ("item", VALUE)}
_DATE = {"--date": ("date_", VALUE), "-d": ("date_", VALUE)}
_NOTE = {"--note": ("note", MULTI), "-n": ("note", MULTI)}
_JSON = {"--json": ("as_json", FLAG)}
_TAG = {"--tag": ("tag", MULTI), "-T": ("tag", MULTI)}  # goal, done: repeatable

# command -> (positional parameters, the first ones required; options: spelling -> (parameter, kind))
SPEC: dict[str, tuple[tuple[str, ...], int, dict[str, tuple[str, str]]]] = {
    "status": ((), 0, {**_JSON, "--format": ("fmt", VALUE), "-f": ("fmt", VALUE)}),
    "today": ((), 0, _JSON),
    "week": (
        ("when",),
        0,
        {**_JSON, "--weeks": ("weeks", INT), "-w": ("weeks", INT), "--tag": ("tag", VALUE), "-T": ("tag", VALUE)},
    ),
    "goal": (("text",), 1, {**_ITEM, **_DATE, **_NOTE, **_TAG}),
    "done": (
        ("text",),
        1,
        {
            "--hours": ("hours", VALUE),
            "-H": ("hours", VALUE),
            **_ITEM,
            **_DATE,
            "--goal": ("goal_id", INT),
            "-g": ("goal_id", INT),
            **_NOTE,
            "--complete": ("complete", FLAG),
            **_TAG,
        },
    ),
}


# command -> the function in ``everyday`` that runs it, called with the parameters by name
RUNS = {"status": "show_status", "today": "show_day", "week": "show_week", "goal": "add_goal", "done": "add_done"}


def parse(args: list[str]) -> tuple[str, str | None, dict] | None:
    """``(command, --db, parameters)`` for a form this path runs, else None."""
    db, i = None, 0
    while i < len(args) and args[i].startswith("--db"):
        if args[i] == "--db" and i + 1 < len(args):
            db, i = args[i + 1], i + 2
        elif args[i].startswith("--db="):
            db, i = args[i][5:], i + 1
        else:
            return None
    if i == len(args):
        return "status", db, {}  # a bare studylog: the dashboard
    if args[i] not in SPEC:
        return None
    name, rest = args[i], args[i + 1 :]
    positional_names, required, options = SPEC[name]
    values: dict = {}
    positionals: list[str] = []
    j = 0
    while j < len(rest):
        arg = rest[j]
        j += 1
        if not arg.startswith("-") or arg == "-":
            positionals.append(arg)
            continue
        key, eq, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if key not in options:
            return None
        param, kind = options[key]
        if kind == FLAG:
            if eq:
                return None
            values[param] = True
            continue
        if not eq:
            if j >= len(rest):
                return None
            inline, j = rest[j], j + 1
        if kind == INT:
            try:
                values[param] = int(inline)
            except ValueError:
                return None
            if abs(values[param]) > 2**63 - 1:
                return None  # Typer's parsing says what is wrong with it
        elif kind == MULTI:
            values.setdefault(param, []).append(inline)
        else:
            values[param] = inline  # repeated: the last one counts, as in click
    if not required <= len(positionals) <= len(positional_names):
        return None
    values.update(zip(positional_names, positionals, strict=False))
    return name, db, values


def run(args: list[str]) -> bool:
    """Run ``args`` if this path knows them (True), else leave them to Typer (False)."""
    if os.environ.get("STUDYLOG_NO_FAST_PATH"):
        return False
    parsed = parse(args)
    if parsed is None:
        return False
    name, db, values = parsed
    from studylog.cli import everyday
    from studylog.cli.errors import guarded
    from studylog.cli.session import state

    state.db = db
    with guarded():
        getattr(everyday, RUNS[name])(**values)
    return True
