"""The root command: global options, the root group (every command runs ``errors.guarded``), and
which module holds each command.

``main`` builds only the command being run (each module's commands import what they need — the
store, the curricula, rich — inside the command), so that a command's start-up does not pay for
the other thirty. ``build()`` with no name is the whole application, for ``--help`` and tests.
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any

import typer

from studylog import __version__
from studylog.cli import output
from studylog.cli.errors import click_usage, guarded
from studylog.cli.help import StudylogSubGroup, StudylogTyper
from studylog.cli.session import state

# command -> the module in studylog.cli that registers it; modules in the order --help lists them
COMMANDS: dict[str, str] = {
    "goal": "entries",
    "done": "entries",
    "drop": "entries",
    "edit": "entries",
    "rm": "entries",
    "undo": "entries",
    "start": "items",
    "complete": "items",
    "skip": "items",
    "items": "items",
    "add": "own_cmd",
    "edit-item": "own_cmd",
    "rm-item": "own_cmd",
    "timer": "timer_cmd",
    "status": "views",
    "today": "views",
    "day": "views",
    "log": "views",
    "search": "search_cmd",
    "week": "week_cmd",
    "calendar": "week_cmd",
    "progress": "progress_cmd",
    "next": "progress_cmd",
    "stats": "progress_cmd",
    "plan": "progress_cmd",
    "export": "io_cmd",
    "import": "io_cmd",
    "backup": "data_cmd",
    "restore": "data_cmd",
    "doctor": "data_cmd",
    "curricula": "curricula",
    "config": "config_cmd",
    "completion": "completion",
}


class StudylogGroup(StudylogSubGroup):
    """The root group: every command runs ``guarded`` (one line on stderr, never a traceback), and
    a mistake in the root options (``studylog --bogus``) is one line too."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except Exception as exc:
            click_usage(exc)
            raise

    def invoke(self, ctx: Any) -> Any:
        with guarded():
            return super().invoke(ctx)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they were registered, not sorted


def _version(value: bool) -> None:
    if value:
        output.message(f"studylog {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="FILE|URL",
            help="Database file or URL (default: the data folder's studylog.db; env STUDYLOG_DB).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Track self-study against public curricula. With no command: the dashboard (studylog status)."""
    state.db = db
    if ctx.invoked_subcommand is None:
        from studylog.cli.everyday import show_status

        show_status()


def build(command: str | None = None) -> typer.Typer:
    """The application with every command, or with only the module that holds ``command``."""
    app = StudylogTyper(
        cls=StudylogGroup,
        name="studylog",
        help="Track self-study against public curricula, from the terminal.\n\n"
        "Set goals for a day, log what you did with the time it took, mark curriculum items started "
        "and complete, and see your week and your progress. With no command: the dashboard "
        "('studylog status'). 'studylog COMMAND --help' tells more about each command; docs/cli.md "
        "has them all.\n\n"
        "Examples:\n"
        '  studylog goal "finish makemore part 4" -i makemore-4\n'
        '  studylog done "makemore part 4" -H 1h30m -i makemore-4 --complete\n'
        "  studylog week",
        no_args_is_help=False,  # a bare studylog is the dashboard
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
        suggest_commands=False,  # click already says "Did you mean …?"
    )
    app.callback(invoke_without_command=True)(root)
    modules = [COMMANDS[command]] if command in COMMANDS else list(dict.fromkeys(COMMANDS.values()))
    for name in modules:
        importlib.import_module(f"studylog.cli.{name}").register(app)
    return app


def command_name(args: list[str]) -> str | None:
    """The command in ``args`` (the first word that is not a root option), if any."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    args = sys.argv[1:]
    name = command_name(args)
    if name is None or any(a in ("-h", "--help") for a in args[: args.index(name)] if name in args):
        name = None  # root help lists every command
    build(name)(prog_name="studylog")  # also as "python -m studylog": the name its help and errors give
