"""studylog config get|set|unset|list."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli import output
from studylog.cli.help import StudylogTyper
from studylog.cli.options import JsonOpt
from studylog.cli.output import Output
from studylog.errors import UsageError

app = StudylogTyper(
    help="Read and change settings (config.toml in the data folder).\n\n"
    "Examples:\n"
    "  studylog config list\n"
    "  studylog config get week_start\n"
    "  studylog config set target.week 10h",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _path():
    from studylog.config import config_path
    from studylog.paths import data_home

    return config_path(data_home())


@app.command("list")
def list_(as_json: JsonOpt = False) -> None:
    """List every setting with its value and what it does.

    Examples:
      studylog config list
      studylog config list --json
    """
    from studylog.config import KEYS, load

    out = Output(as_json)
    values = load(_path())
    if out.as_json:
        out.json(values)
        return
    from studylog.config import key_for

    for name in [*KEYS, *sorted(n for n in values if n not in KEYS)]:
        key = key_for(name)
        assert key is not None
        output.message(f"{name} = {_text(values[name])}    # {key.help} (default {_text(key.default)})")


@app.command()
def get(name: Annotated[str, typer.Argument(help="A setting's name.")]) -> None:
    """Print one setting's value.

    Examples:
      studylog config get week_start
      studylog config get carry_over_days
    """
    from studylog.config import KEYS, key_for, load

    key = key_for(name)
    if key is None:
        raise UsageError(f"unknown config key {name!r}", f"known keys: {', '.join(KEYS)}")
    output.message(_text(load(_path()).get(name, key.default)))


@app.command("set", context_settings={"ignore_unknown_options": True})  # a value may be "-5"
def set_(
    name: Annotated[str, typer.Argument(help="A setting's name.")],
    value: Annotated[str, typer.Argument(help="Its new value.")],
) -> None:
    """Change one setting.

    'studylog config list' shows every setting and what it takes.

    Examples:
      studylog config set week_start sunday
      studylog config set hours_format hm
      studylog config set target.week 10h
    """
    from studylog.config import set_value

    stored = set_value(_path(), name, value)
    output.message(f"{name} = {_text(stored)}")


@app.command()
def unset(name: Annotated[str, typer.Argument(help="A setting's name.")]) -> None:
    """Put one setting back to its default.

    Examples:
      studylog config unset target.week
      studylog config unset streak.min_minutes
    """
    from studylog.config import unset_value

    output.message(f"{name} = {_text(unset_value(_path(), name))} (the default)")


def _text(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="config")
