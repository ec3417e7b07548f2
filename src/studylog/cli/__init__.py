"""The command line: ``cli.app`` is the Typer application, ``main`` its console-script entry."""

from studylog.cli.app import app, main

__all__ = ["app", "main"]
