"""Every command has help, and --version works, without opening a store."""

from __future__ import annotations

import pytest

from studylog import __version__
from studylog.cli import app
from typer.main import get_command


def _commands():
    root = get_command(app)
    out = []
    for name, cmd in root.commands.items():
        out.append((name,))
        for sub in getattr(cmd, "commands", {}) or {}:
            out.append((name, sub))
    return out


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p))
def test_every_command_has_help(cli, path, isolated):
    out = cli(*path, "--help", ok=True)
    assert "Usage:" in out.stdout
    root = get_command(app)
    cmd = root.commands[path[0]]
    if len(path) > 1:
        cmd = cmd.commands[path[1]]
    assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"
    assert not isolated.exists(), "--help must not create the data folder"


def test_root_help_and_version(cli, isolated):
    assert "Usage:" in cli("--help", ok=True).stdout
    assert cli("--version", ok=True).stdout == f"studylog {__version__}\n"
    assert not isolated.exists()


def test_unknown_command_is_a_usage_error(cli):
    out = cli("dnoe", "x")
    assert out.exit_code == 2
    assert "Traceback" not in out.stderr
