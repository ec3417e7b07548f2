"""The root command: global options and the command modules. Each module's commands import what
they need (the store, curricula, rich) inside the command, so that ``--help`` stays fast."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from studylog import __version__
from studylog.cli.context import StudylogGroup, state

app = typer.Typer(
    cls=StudylogGroup,
    name="studylog",
    help="Track self-study against public curricula: daily goals, done items with hours, item status.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"studylog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    db: Annotated[Optional[str], typer.Option("--db", help="Database file or URL (default: the data folder's studylog.db; env STUDYLOG_DB).", show_default=False)] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Track self-study against public curricula."""
    state.db = db


from studylog.cli import config_cmd, curricula, data_cmd, entries, io_cmd, items, progress_cmd, views, week_cmd  # noqa: E402

app.add_typer(curricula.app, name="curricula")
app.add_typer(config_cmd.app, name="config")

entries.register(app)
items.register(app)
views.register(app)
week_cmd.register(app)
progress_cmd.register(app)
io_cmd.register(app)
data_cmd.register(app)


def main() -> None:
    app()
