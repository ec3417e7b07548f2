"""How a command ends when something goes wrong: one line on stderr (``studylog: error: …``) with
the right exit code, never a traceback (``STUDYLOG_DEBUG=1`` shows one). Both ways in (the Typer
root group and the fast path) run every command inside ``guarded``."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import NoReturn

from studylog.cli.session import state
from studylog.errors import StudylogError
from studylog.render.safe import visible_block

# The exit codes, by one rule (docs/errors.md): USAGE when the command line is refused (click's
# parser, or studylog's checks of what was typed: UsageError), ERROR for everything else.
USAGE, ERROR = 2, 1


def fail(message: str, code: int = ERROR) -> NoReturn:
    """The error line; what it quotes (an argument, a stored text) is shown visibly, so that
    an escape sequence in it cannot drive the terminal."""
    sys.stderr.write(f"studylog: error: {visible_block(message)}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def warn_broken(problems: list[str]) -> None:
    """On stderr, the curriculum files a listing left out (each one's problem)."""
    for problem in problems:
        sys.stderr.write(f"studylog: warning: {problem} (this file is left out; fix it or move it away)\n")


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """User mistakes and store problems end as one line on stderr, never a traceback (set
    STUDYLOG_DEBUG=1 to see one); the stores a command opened are closed in any case."""
    try:
        _hours_format()
        yield
        sys.stdout.flush()  # a reader that went away shows here, inside the guard, not at exit
    except BrokenPipeError:
        _quiet_stdout()  # `studylog log | head`: stop without a message, as other tools do
        raise SystemExit(1) from None
    except StudylogError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted; nothing was written", 130)
    except Exception as exc:
        if type(exc).__module__.split(".")[0] in ("typer", "click"):
            click_usage(exc)  # a usage error: one line, exit 2
            raise  # typer's own exits, and a group's help when no command is given
        if os.environ.get("STUDYLOG_DEBUG"):
            raise
        fail(_describe(exc))
    finally:
        state.close()


def click_usage(exc: BaseException) -> None:
    """End with click's usage error as one line in studylog's style (``help.usage_error``), exit 2;
    anything else (an exit, a group's help for no command) is left to click."""
    from click.exceptions import NoArgsIsHelpError, UsageError

    if isinstance(exc, UsageError) and not isinstance(exc, NoArgsIsHelpError):
        from studylog.cli.help import usage_error

        fail(usage_error(exc), USAGE)


def _hours_format() -> None:
    """Show hours as the config says (``hours_format``). A config file that cannot be read leaves
    the default: the commands that need the config say what is wrong with it, and ``config set``
    can still mend it."""
    from studylog.cli.session import _has_config
    from studylog.hours import set_hours_format

    style = "decimal"
    if _has_config():
        from studylog.cli.session import settings

        with contextlib.suppress(StudylogError):
            style = str(settings()["hours_format"])
    set_hours_format(style)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass


def _describe(exc: Exception) -> str:
    """One line for an error that is not a ``StudylogError``. The store turns its drivers' errors
    into ``StoreError`` itself (store/sqlite.py, store/postgres.py); one that slips past it still
    gets a line, not a traceback."""
    if type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg", "sqlalchemy"):
        cause = getattr(exc, "orig", None) or exc
        return f"database problem: {(str(cause).strip().splitlines() or [type(exc).__name__])[0]}"
    if isinstance(exc, UnicodeEncodeError) and "surrogates" in exc.reason:
        return (  # arguments are checked first (parse.check_arguments); this is the rest
            "a text holds bytes that are not UTF-8 (from a file name or an environment variable such as "
            "STUDYLOG_OWNER); studylog keeps every text as UTF-8"
        )
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    return f"unexpected {type(exc).__name__}: {exc} (set STUDYLOG_DEBUG=1 for details)"
