"""Your data: backup, restore, doctor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from studylog.cli import output
from studylog.cli.options import JsonOpt
from studylog.cli.output import Output
from studylog.cli.session import catalog, open_store, settings


def backup(
    file: Annotated[
        Path | None,
        typer.Argument(help="Where to write the copy (default: backups/ in the data folder).", show_default=False),
    ] = None,
) -> None:
    """Copy the store safely, even while other commands write to it.

    The copy goes in backups/ in the data folder unless FILE says where; there, only the newest
    copies are kept (config backups.keep). For a SQLite store; on PostgreSQL, use pg_dump or
    'studylog export json'.

    Examples:
      studylog backup
      studylog backup ~/studylog-2024-04-18.db
    """
    from studylog.store.maintenance import backup as make

    output.message(f"Backed up to {make(open_store(mode='inspect'), file, keep=_keep())}")


def restore(
    file: Annotated[Path, typer.Argument(help="A file made by 'studylog backup'.", show_default=False)],
) -> None:
    """Replace the store with a backup, after checking it.

    A copy of the store it replaces is kept in backups/ in the data folder, so a restore can be
    undone by restoring that copy.

    Examples:
      studylog restore ~/studylog-2024-04-18.db
      studylog --db ~/other.db restore ~/studylog-2024-04-18.db
    """
    from studylog.store.maintenance import restore as put_back

    kept = put_back(open_store(), file, keep=_keep())
    output.message(f"Restored {file}; the store as it was is kept at {kept}")


def _keep() -> int:
    """The ``backups.keep`` setting; with a config file that cannot be read, 0: every copy stays
    (a backup or a restore is not refused, nor anything removed, for a typo in the config)."""
    from studylog.errors import StudylogError

    try:
        return int(settings()["backups.keep"])
    except StudylogError:
        return 0


def doctor(
    fix: Annotated[bool, typer.Option("--fix", help="Repair what can be repaired safely.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check the store for problems, and repair them with --fix.

    It checks the store's integrity and schema version, rows that lost their entry, and
    references to curriculum items that no curriculum has; it ends with exit code 1 when it
    finds a problem it did not fix.

    Examples:
      studylog doctor
      studylog doctor --fix
      studylog doctor --json
    """
    from studylog.errors import StudylogError
    from studylog.store.maintenance import doctor as check

    out = Output(as_json)
    broken: StudylogError | None = None
    # --fix may write, and upgrading an older schema (after a backup) is one of its fixes; opened
    # first, as it is, so that the curricula read the learner's own items from it
    store = open_store(mode="write" if fix else "inspect")
    try:
        cat = catalog()
        known = lambda ref: cat.lookup(ref) is not None or ref in cat.index.titles  # noqa: E731 - readings too
    except StudylogError as exc:  # the store is still checked; the broken file is a finding
        broken = exc
        known = lambda ref: True  # noqa: E731 - items cannot be checked against broken curricula
    report = check(store, known, fix=fix)
    if broken is not None:
        from studylog.store.maintenance import Finding

        report.findings.append(
            Finding(
                "curricula",
                False,
                broken.message,
                "fix or move that file; 'studylog curricula validate FILE' lists every problem",
            )
        )
    if out.as_json:
        out.json(report.to_json())
    else:
        for f in report.findings:
            mark = "ok" if f.ok else ("fixed" if f.fixed else "PROBLEM")
            line = f"{mark:>7}  {f.check}: {f.message}"
            if not f.ok and not f.fixed and f.fix:
                line += f" -> {f.fix}"
            output.message(line)
    if not report.healthy:
        raise SystemExit(1)


def register(app: typer.Typer) -> None:
    for fn in (backup, restore, doctor):
        app.command()(fn)
