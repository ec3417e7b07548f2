"""How every command's help is laid out, and how a mistake on the command line is told.

Every command and group is built from the classes here (``StudylogTyper`` makes them the
default): their help is click's plain layout (no rich), with three changes:

- typer marks ``[required]`` and ``[default: 0; x>=0]`` up for rich (``\\[required]``) even when
  rich is not drawing the help (``rich_markup_mode=None``); the formatter takes the escape away;
- a docstring's ``Examples:`` block (after the prose, one command a line) is shown as its own
  section at the end, line by line as written, never rewrapped;
- a usage error (an unknown option, a missing argument, a value click cannot read) is one line,
  as studylog says its own errors (``usage_error``), exit 2.
"""

from __future__ import annotations

import re
from typing import Any

import click
import typer
from typer.core import TyperCommand, TyperGroup

EXAMPLES = "Examples:"
_MEAN = re.compile(r"\s*\(?Did you mean (?:one of: )?(.*?)\??\)?$")
_ESCAPED = re.compile(r"\\(\[[a-z#/@])")  # what rich.markup.escape adds before "[required]"


class HelpFormatter(click.HelpFormatter):
    """click's formatter, with typer's rich escapes taken out of the option and argument lists."""

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, _ESCAPED.sub(r"\1", text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class HelpContext(click.Context):
    formatter_class = HelpFormatter


def split_examples(help: str | None) -> tuple[str | None, list[str]]:
    """The prose of a help text, and the example command lines of its ``Examples:`` block."""
    if not help:
        return help, []
    lines = help.splitlines()
    for n, line in enumerate(lines):
        if line.strip() == EXAMPLES:
            examples = [x.strip() for x in lines[n + 1 :] if x.strip()]
            return "\n".join(lines[:n]).rstrip(), examples
    return help, []


class _Help:
    """What every studylog command and group shares: the context (and so the formatter), and the
    examples section."""

    context_class: type[click.Context] = HelpContext
    examples: list[str]
    help: str | None

    def _take_examples(self) -> None:
        self.help, self.examples = split_examples(self.help)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self._argument_help()
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def _argument_help(self) -> None:
        """Give the arguments back their help: typer 0.20 sets it before click's ``Parameter``
        (8.3 and later) sets it to None. Read again from the command's signature, only for help."""
        params: list[click.Parameter] = getattr(self, "params", [])
        missing = [p for p in params if isinstance(p, click.Argument) and not getattr(p, "help", None)]
        function = getattr(getattr(self, "callback", None), "__wrapped__", None)
        if not missing or function is None:
            return
        from typer.utils import get_params_from_function

        declared = get_params_from_function(function)
        for param in missing:
            text = getattr(getattr(declared.get(param.name or ""), "default", None), "help", None)
            if text:
                param.help = text

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Nothing: typer lists the arguments with the options (click 8.5 would list them twice)."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)  # type: ignore[misc]
        if self.examples:
            formatter.write_paragraph()
            formatter.write_heading(EXAMPLES[:-1])
            with formatter.indentation():
                for line in self.examples:  # as written: an example is not rewrapped
                    formatter.write(f"{'':>{formatter.current_indent}}{line}\n")


class StudylogCommand(_Help, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._take_examples()


class StudylogSubGroup(_Help, TyperGroup):
    """A group of commands (timer, export, import, config, curricula)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._take_examples()


class StudylogTyper(typer.Typer):
    """A ``typer.Typer`` whose commands and groups are studylog's (plain help, no completion)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", StudylogSubGroup)
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("add_completion", False)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, *, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(name, cls=cls or StudylogCommand, **kwargs)


def usage_error(exc: click.UsageError) -> str:
    """A usage error as one line: what is wrong (click's words, as a clause), then where to look
    (``see 'studylog done --help'``)."""
    text = " ".join(exc.format_message().split())
    found = _MEAN.search(text)
    if found:  # click: "No such option '--hurs'. (Did you mean one of: '--hours', '--url'?)"
        text = f"{text[: found.start()].rstrip('.')} (did you mean {found.group(1)}?)"
    text = text.rstrip(".")
    if text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    path = exc.ctx.command_path if exc.ctx is not None else "studylog"
    return f"{text}; see '{path} --help'"
