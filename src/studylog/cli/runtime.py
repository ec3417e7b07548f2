"""What every command shares, without Typer: the clock, opening the store and the curricula,
printing JSON, and turning an error into one line on stderr with the right exit code.

Both front ends use it: the Typer application (``context``) and the everyday fast path
(``fast``), which runs the commonest commands without importing Typer."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from studylog.errors import StudylogError, UsageError

if TYPE_CHECKING:
    from studylog.curriculum.catalog import Catalog
    from studylog.curriculum.index import ItemIndex, Resolved
    from studylog.curriculum.outline import Outlines
    from studylog.store.db import Store

__all__ = ["UsageError"]


class State:
    """The root options, and the stores a command opened (closed when it ends)."""

    def __init__(self) -> None:
        self.db: str | None = None
        self.stores: list = []

    def close(self) -> None:
        while self.stores:
            self.stores.pop().close()


state = State()


def fail(message: str, code: int = 1) -> None:
    sys.stderr.write(f"studylog: error: {message}\n")
    sys.stderr.flush()
    raise SystemExit(code)


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """User mistakes and store problems end as one line on stderr, never a traceback (set
    STUDYLOG_DEBUG=1 to see one); the stores a command opened are closed in any case."""
    try:
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
        if os.environ.get("STUDYLOG_DEBUG") or type(exc).__module__.split(".")[0] in ("typer", "click"):
            raise  # typer's own exits and usage errors
        fail(_describe(exc))
    finally:
        state.close()


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (a test's capture)
        pass


def _describe(exc: Exception) -> str:
    import sqlite3

    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc)
        if "locked" in text or "busy" in text:
            return "the database is busy in another process; try again"
        if "readonly" in text or "read-only" in text:
            return "the database is read-only; check the file's permissions"
        if "disk is full" in text or "full" in text:
            return "the disk is full; nothing was written"
        return f"database problem: {text}"
    if isinstance(exc, sqlite3.DatabaseError):
        return f"the database file is damaged or not a database ({exc}); restore a backup"
    if type(exc).__module__.startswith("sqlalchemy"):  # PostgreSQL: lost connection, permissions…
        cause = getattr(exc, "orig", None) or exc
        return f"database problem: {str(cause).strip().splitlines()[0]}"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    return f"unexpected {type(exc).__name__}: {exc} (set STUDYLOG_DEBUG=1 for details)"


def today() -> date:
    """Today, or ``STUDYLOG_TODAY`` (an ISO date) for reproducible scripts and tests."""
    fixed = os.environ.get("STUDYLOG_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"STUDYLOG_TODAY={fixed!r} is not an ISO date like 2024-04-18") from None
    return date.today()


def now() -> datetime:
    fixed = os.environ.get("STUDYLOG_TODAY")
    current = datetime.now().replace(tzinfo=None)
    return datetime.combine(today(), current.time()) if fixed else current


def owner() -> str:
    name = os.environ.get("STUDYLOG_OWNER")
    if not name:
        import getpass

        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name in this environment
            name = "me"
    return name[:64]


def open_store() -> Store:
    from studylog.paths import database_target
    from studylog.store.db import Store

    store = Store(database_target(state.db), owner(), now())
    state.stores.append(store)
    return store


def catalog() -> Catalog:
    from studylog.curriculum.catalog import load_catalog
    from studylog.paths import shipped_curricula_dir, user_curricula_dir

    return load_catalog(shipped_curricula_dir(), user_curricula_dir())


def outlines() -> Outlines:
    """The curricula as plain data with the item index, from a cache that is rebuilt when a
    curriculum file changes (so that everyday commands need not parse the curricula)."""
    from studylog.curriculum.cache import load_outlines
    from studylog.paths import data_home, shipped_curricula_dir, user_curricula_dir

    return load_outlines(shipped_curricula_dir(), user_curricula_dir(), data_home() / "cache" / "curricula.json")


def items() -> ItemIndex:
    """Every item's reference, aliases and title (see ``outlines``)."""
    return outlines().index


def resolve(ref: str | None) -> Resolved | None:
    """The item a reference typed by the user names (None for no reference)."""
    return items().resolve(ref) if ref else None


def parse_day(text: str | None, default: date | None = None) -> date:
    from studylog.dates import parse_date

    if text is None:
        return default or today()
    return parse_date(text, today())


def parse_hours(text: str | None) -> float | None:
    from studylog.hours import parse_hours as parse

    return parse(text) if text is not None else None


def echo_json(data: Any, streamed: set[str] | frozenset[str] = frozenset()) -> None:
    """``data`` as indented JSON. The top-level keys in ``streamed`` hold iterators, written one
    element at a time; the text is the same as ``json.dumps(data, indent=2)`` of the whole."""
    import json

    if not streamed:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return

    def nested(value: Any, indent: str) -> str:
        return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)

    write = sys.stdout.write
    write("{")
    for n, (key, value) in enumerate(data.items()):
        write(("," if n else "") + f"\n  {json.dumps(key, ensure_ascii=False)}: ")
        if key not in streamed:
            write(nested(value, "  "))
            continue
        first = True
        for element in value:
            write(("[\n    " if first else ",\n    ") + nested(element, "    "))
            first = False
        write("[]" if first else "\n  ]")
    write("\n}\n" if data else "}\n")


def console(record: bool = False):
    """A rich console for people: honours NO_COLOR, and is plain text when piped."""
    from rich.console import Console

    # markup and emoji off: "[label](url)" and ":tea:" in a learner's text are text, not styling
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=False, record=record)


class _Bar:
    """Phases of a long job on stderr (rich), or nothing when stderr is not a terminal."""

    def __init__(self, progress) -> None:
        self._progress = progress
        self._task = None

    def phase(self, label: str, total: int) -> None:
        if self._progress is not None:
            if self._task is not None:
                self._progress.update(self._task, completed=self._progress.tasks[self._task].total)
            self._task = self._progress.add_task(label, total=max(total, 1))

    def advance(self, steps: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, steps)


@contextlib.contextmanager
def progress(work_bytes: int, threshold: int = 1_000_000):
    """A progress bar for big imports, shown only on a terminal."""
    if work_bytes < threshold or not sys.stderr.isatty():
        yield _Bar(None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield _Bar(bar)


def settings() -> dict:
    from studylog.config import config_path, load
    from studylog.paths import data_home

    return load(config_path(data_home()))


def show(renderable, svg: str | None = None, html: str | None = None, title: str = "studylog") -> None:
    """Print for people; with ``svg``/``html`` paths, also save what was drawn (atomically)."""
    out = console(record=bool(svg or html))
    out.print(renderable)
    from pathlib import Path

    from studylog.atomic import write_atomic

    if svg:
        write_atomic(Path(svg), out.export_svg(title=title, clear=False), mode=0o644)
    if html:
        write_atomic(Path(html), out.export_html(clear=False), mode=0o644)


def width() -> int:
    """The screen's width as rich counts it: ``COLUMNS``, else the terminal's (of stdin, stdout or
    stderr, whichever is one), else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns):
        return int(columns)
    for fd in (0, 1, 2):
        try:
            size = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        if size:
            return size
    return 80


def _styling() -> str | None:
    """None for plain text, "attributes" (NO_COLOR: bold, dim, underline) or "colour"; the rules
    are rich's: FORCE_COLOR, then a terminal that is not dumb."""
    if not os.environ.get("FORCE_COLOR"):
        try:
            terminal = sys.stdout.isatty()
        except (AttributeError, ValueError):
            terminal = False
        if not terminal or os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
            return None
    return "attributes" if os.environ.get("NO_COLOR") else "colour"


def show_lines(lines: list, svg: str | None = None, html: str | None = None, title: str = "studylog") -> None:
    """Print styled lines (``render.lines``); rich draws them only to save ``svg``/``html`` or on a
    Windows console."""
    styling = _styling()
    if svg or html or (styling and sys.platform == "win32"):
        from studylog.render.lines import to_rich

        show(to_rich(lines), svg=svg, html=html, title=title)
        return
    from studylog.render.lines import ansi, plain

    sys.stdout.write(plain(lines) if styling is None else ansi(lines, colour=styling == "colour"))
