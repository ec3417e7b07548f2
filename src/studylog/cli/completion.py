"""Shell completion through click: the ``completion`` command (the script for a shell), what each
parameter completes (``kind_of``: by its name, so that no option declaration has to say it), and
the description of the command tree that the fast path (``cli/complete.py``) answers from.

The scripts are click's (``click.shell_completion``), run with ``_STUDYLOG_COMPLETE``; ``attach``
gives every parameter that takes an item, an entry, a tag... click's ``shell_complete`` hook, and
it answers through ``completion_values.values``, as the fast path does."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from studylog.cli import completion_values as shared

if TYPE_CHECKING:
    import click

PROG = "studylog"

# (command path..., parameter name) -> what it takes: the exceptions to BY_NAME
BY_PATH: dict[tuple[str, ...], str] = {
    ("db",): "file",  # the root's --db: a file (or a URL)
    ("edit-item", "ref"): "own_item",
    ("rm-item", "ref"): "own_item",
    ("add", "list_id"): "own_list",
    ("config", "get", "name"): "config_key",
    ("config", "set", "name"): "config_key",
    ("config", "set", "value"): "config_value",
    ("undo", "number"): "",  # a change's number, not an entry's id
}
# parameter name -> what it takes (a key of completion_values.SOURCES)
BY_NAME: dict[str, str] = {
    "item": "item",
    "ref": "item",
    "curriculum": "curriculum",
    "curriculum_id": "curriculum",
    "list_id": "curriculum",
    "tag": "tag",
    "untag": "tag",
    "entry_id": "entry",
    "entry_ids": "entry",
    "goal_id": "goal",
    "goal_ids": "goal",
}
ITEM_KINDS = (("add", "kind"), ("items", "kind"), ("edit-item", "kind"))  # take an item kind


def kind_of(path: tuple[str, ...], name: str) -> str | None:
    """What parameter ``name`` of the command at ``path`` completes (``completion_values.SOURCES``), if anything."""
    found = BY_PATH.get((*path, name), BY_NAME.get(name))
    return found or None


def choices_of(path: tuple[str, ...], param: click.Parameter) -> list[tuple[str, str | None]]:
    import click

    if (*path, param.name) in ITEM_KINDS:
        from typing import get_args

        from studylog.curriculum.model import ItemKind

        return [(k, None) for k in get_args(ItemKind)]
    if isinstance(param.type, click.Choice):
        return [(str(c), None) for c in param.type.choices]
    return []


def describe(path: tuple[str, ...], param: click.Parameter) -> dict[str, Any]:
    """A parameter as the fast path needs it."""
    import click

    is_option = isinstance(param, click.Option)
    kind = kind_of(path, param.name or "")
    if kind is None and isinstance(param.type, click.Path):
        kind = "dir" if param.type.dir_okay and not param.type.file_okay else "file"
    return {
        "name": param.name,
        "opts": list(param.opts) if is_option else [],
        "secondary": list(param.secondary_opts) if is_option else [],
        "value": is_option and not (param.is_flag or param.count),  # type: ignore[attr-defined]
        "multiple": param.multiple,
        "hidden": bool(getattr(param, "hidden", False)),
        "help": getattr(param, "help", None) or None,
        "nargs": param.nargs,
        "kind": kind,
        "choices": choices_of(path, param),
    }


def describe_command(
    cmd: click.Command, path: tuple[str, ...] = (), parent: click.Context | None = None
) -> dict[str, Any]:
    import click

    ctx = click.Context(cmd, info_name=path[-1] if path else PROG, parent=parent, **cmd.context_settings)
    params = cmd.get_params(ctx)
    node: dict[str, Any] = {
        "help": cmd.get_short_help_str() if path else "",
        "options": [describe(path, p) for p in params if isinstance(p, click.Option) and not p.hidden],
        "args": [describe(path, p) for p in params if isinstance(p, click.Argument)],
        "commands": {},
    }
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                node["commands"][name] = describe_command(sub, (*path, name), ctx)
    return node


def click_command() -> click.Command:
    """The whole application as a click command, its parameters completing what they take."""
    from typer.main import get_command

    from studylog.cli.commands import build

    cmd = get_command(build())
    attach(cmd)
    return cmd


def command_tree() -> dict[str, Any]:
    """The command tree the fast path answers from (cached by ``complete.tree``)."""
    return describe_command(click_command())


def attach(cmd: click.Command, path: tuple[str, ...] = ()) -> None:
    """Give every parameter under ``cmd`` that completes something (``kind_of``, or a list of
    choices) click's ``shell_complete`` hook, answering through ``completion_values.values``."""
    import click

    for param in cmd.params:
        described = describe(path, param)
        if described["kind"] is not None or described["choices"]:  # Typer's paths complete nothing
            param._custom_shell_complete = _completer(described, path)
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            attach(sub, (*path, name))


def _completer(described: dict[str, Any], path: tuple[str, ...]) -> Any:
    def shell_complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        import click
        from click.shell_completion import CompletionItem

        from studylog.cli.session import state

        state.db = ctx.find_root().params.get("db") or state.db
        before = []
        for p in ctx.command.params:
            if p is param:
                break
            if isinstance(p, click.Argument) and ctx.params.get(p.name) is not None:
                value = ctx.params[p.name]
                before += [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
        found = shared.values(described, incomplete, list(path), before)
        return [CompletionItem(value, type=kind, help=help_) for kind, value, help_ in found]

    return shell_complete


def _shell_class(shell: str) -> Any:
    from click.shell_completion import BashComplete, FishComplete, ZshComplete

    return {"bash": BashComplete, "zsh": ZshComplete, "fish": FishComplete}[shell]


def script(shell: str) -> str:
    """The completion script for ``shell`` (click's, for ``studylog`` and ``_STUDYLOG_COMPLETE``)."""
    import click

    comp = _shell_class(shell)(click.Command(PROG), {}, PROG, shared.VAR)
    return comp.source_template % comp.source_vars()


def click_complete(shell: str, action: str) -> int:
    """Answer a completion request through click (``STUDYLOG_NO_FAST_PATH=1``), or print the script."""
    if action == "source":
        sys.stdout.write(script(shell))
        return 0
    comp = _shell_class(shell)(click_command(), {}, PROG, shared.VAR)
    sys.stdout.write(comp.complete() + "\n")
    return 0


def completion(
    shell: Annotated[str, typer.Argument(help="bash, zsh or fish.", show_default=False)],
) -> None:
    """Print the script that makes SHELL complete studylog's words.

    It completes commands and options, curriculum ids, item references and aliases (with their
    titles), your own lists and tags, entry ids for edit and rm (with their texts) and config keys.
    See README, Completion, for where to put it.

    Examples:

      studylog completion bash > ~/.local/share/bash-completion/completions/studylog

      studylog completion zsh > ~/.zfunc/_studylog

      studylog completion fish > ~/.config/fish/completions/studylog.fish
    """
    from studylog.cli import output
    from studylog.errors import UsageError

    name = shell.strip().lower()
    if name not in shared.SHELLS:
        raise UsageError(f"no completion for {shell!r}", "give bash, zsh or fish")
    output.document(script(name))


def register(app: typer.Typer) -> None:
    app.command()(completion)
