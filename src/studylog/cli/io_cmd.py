"""export til|daily-notes|json and import til|daily-notes|markdown|json."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from studylog.cli import output
from studylog.cli.clock import today
from studylog.cli.help import StudylogCommand, StudylogSubGroup, StudylogTyper
from studylog.cli.options import JsonOpt
from studylog.cli.output import Output
from studylog.cli.parse import parse_day
from studylog.cli.progress_bar import progress
from studylog.cli.session import catalog, open_store, outlines, settings
from studylog.errors import StudylogError, UsageError

export_app = StudylogTyper(
    help="Write the TIL page, daily notes, a progress page or a backup.\n\n"
    "Examples:\n"
    "  studylog export til -o _pages/til.md\n"
    "  studylog export site --dir progress --jekyll\n"
    "  studylog export json -o studylog-backup.json",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class ImportGroup(StudylogSubGroup):
    """``import PATH`` runs the hidden ``detect`` command; ``import til PATH`` and the other named
    forms run as before. The first argument that is not an option (or an option's value) decides."""

    VALUED = ("--format", "-f")

    def parse_args(self, ctx, args):
        first = None
        skip = False
        for arg in args:
            if skip:
                skip = False
                continue
            if arg in self.VALUED:
                skip = True
                continue
            if arg == "--":
                continue
            if not arg.startswith("-"):
                first = arg
                break
        if first is not None and first not in self.commands:
            args = [DETECT, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] PATH | COMMAND PATH [OPTIONS]")


class DetectCommand(StudylogCommand):
    """The hidden command behind ``import PATH``: its help shows ``studylog import [OPTIONS] PATH``."""

    def format_usage(self, ctx, formatter) -> None:
        parent = ctx.parent.command_path if ctx.parent else "studylog import"
        formatter.write_usage(parent, "[OPTIONS] PATH")


DETECT = "detect"
import_app = StudylogTyper(
    cls=ImportGroup,
    help="Bring in the logs you kept; importing twice adds nothing.\n\n"
    "'studylog import PATH' recognises a studylog JSON backup, a TIL page, daily notes (a file, or a "
    "folder of YYYY-MM-DD.md or YYYY_MM_DD.md files), a dated markdown log, or a folder of dated pages (TIL "
    "posts, Jekyll _posts, .mdx notes with a front matter date), and says which it chose and "
    "why; it takes --format, --dry-run, --no-link, --no-status and --json. Name the format to choose it "
    "yourself: 'studylog import til PATH'. 'studylog import PATH --help' lists the options.\n\n"
    "Examples:\n"
    "  studylog import til.md --dry-run\n"
    "  studylog import ~/notes/daily -f daily-notes\n"
    "  studylog import json studylog-backup.json",
    no_args_is_help=True,
    rich_markup_mode=None,
)

PathArg = Annotated[
    Path,
    typer.Argument(
        help="A file, or a folder of .md, .markdown or .mdx files (sub-folders too; hidden ones skipped).",
        show_default=False,
    ),
]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would come in; write nothing.")]
NoLink = Annotated[bool, typer.Option("--no-link", help="Do not link entries to curriculum items.")]
NoStatus = Annotated[
    bool,
    typer.Option(
        "--no-status",
        help="Do not set item status from what the lines say (finished, working on) or from hours logged.",
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", metavar="FILE", help="Write to this file (default: stdout).", show_default=False),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", "-s", metavar="DAY", help="First day to include.", show_default=False)
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", "-u", metavar="DAY", help="Last day to include.", show_default=False)
]


PAGE_SUFFIXES = (".md", ".markdown", ".mdx")  # the files a folder import reads


def _files(path: Path) -> list[Path]:
    """A file, or a folder's markdown files (:data:`PAGE_SUFFIXES`), in its sub-folders too, in
    name order. Hidden files and folders (``.obsidian``, ``.trash``, ``.git``) are not read; a
    README or index page is: in a TIL repository it is often the dated index."""
    if path.is_dir():
        import os

        files = []
        for folder, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            files += [
                Path(folder, n)
                for n in names
                if not n.startswith(".") and n.lower().endswith(PAGE_SUFFIXES) and Path(folder, n).is_file()
            ]
        if not files:
            raise StudylogError(f"{path} has no .md, .markdown or .mdx files")
        return sorted(files)
    if not path.is_file():
        raise StudylogError(f"no such file: {path}")
    return [path]


def _read(path: Path) -> str:
    from studylog.importers.read import read_text

    return read_text(path)


Detected = tuple[str, str] | None  # (format, why) when ``import PATH`` chose the format


def _run_import(
    source: str,
    path: Path,
    stream,
    dry_run: bool,
    no_link: bool,
    as_json: bool,
    passes: int = 1,
    no_status: bool = False,
    detected: Detected = None,
) -> None:
    """Read, link and write the entries of every file in one transaction, a batch at a time.
    ``stream(file, lines, problems)`` yields a file's entries; ``lines()`` reads the file's lines
    (``passes`` times). No entries at all: exit 1 with what the files looked like, writing nothing."""
    from itertools import chain

    from studylog.importers.read import check_file
    from studylog.store.imports import import_result

    out = Output(as_json)
    files = _files(path)
    for file in files:
        check_file(file)  # an unreadable file stops the import before anything is written
    linker = None
    if not no_link:
        from studylog.importers.linker import Linker

        linker = Linker(catalog())
    from dataclasses import replace

    from studylog.imported import Tally
    from studylog.importers import forked
    from studylog.importers.read import read_lines

    problems: list = []
    tally = Tally()
    size = sum(f.stat().st_size for f in files)

    read = stream if linker is None else _linking(stream, linker)

    def read_all():  # linked as it is read: in the child, whose share (reading) is the smaller one
        return forked.read_events(files, read, read_lines)

    # a large import reads in a second process while this one writes (importers/forked.py); it
    # starts before the progress bar, whose thread must not be running when the process forks
    events = forked.forked(read_all) if forked.should_fork(size) else read_all()
    try:
        with progress(size) as bar:
            bar.phase("Importing", size * passes)

            def entries():
                for kind, payload in events:
                    if kind == forked.ENTRY:
                        tally.entry(*payload)
                        yield payload[1]
                    elif kind == forked.ADVANCE:
                        bar.advance(payload)
                    else:
                        index, found = payload
                        found.sort(key=lambda p: p.line)
                        prefix = f"{files[index]}: " if len(files) > 1 else ""
                        problems.extend(
                            replace(p, message=prefix + p.message, reason=p.why) if prefix else p for p in found
                        )

            stream_ = entries()
            first = next(stream_, None)  # before the store opens: an import of nothing writes nothing
            if first is None:
                raise _nothing_found(source, path, files, detected, problems)
            summary = import_result(
                open_store(), chain([first], stream_), source, dry_run=dry_run, statuses=not no_status
            )
    finally:
        events.close()  # a child still reading is ended and reaped
    if out.as_json:
        data = _detected_json(source, detected)
        data.update(summary.to_json(linked=False))
        data["linked"] = summary.linked_json()  # streamed: a 100k-entry log links some 75k entries
        data["dry_run"] = dry_run
        data["sections"] = tally.sections
        data["skipped_lines"] = tally.skipped(problems)
        data["doubtful"] = sum(p.level == "doubtful" for p in problems)
        data["problems"] = [{"line": p.line, "level": p.level, "message": p.message} for p in problems]
        out.json(data, streamed={"linked"})
        return
    from studylog.render.imports import render_import

    out.lines(
        render_import(summary, problems, dry_run, str(path), _reading(path, detected), tally, output.width(), out.links)
    )


def _linking(stream, linker):
    """``stream`` with each entry that does not name its items linked by ``linker``."""

    def linked(file, lines, found):
        for entry in stream(file, lines, found):
            if not entry.linked() and entry.guess:
                entry.link(linker.link_all(entry.text, [n.text for n in entry.notes]))
            yield entry

    return linked


def _detected_json(source: str, detected: Detected) -> dict:
    return {"format": source, "detected_because": detected[1] if detected else None}


def _reading(path: Path, detected: Detected) -> str | None:
    """The report's first line when ``import PATH`` chose the format."""
    if detected is None:
        return None
    from studylog.importers.detect import LABELS

    return f"Reading {path} as {LABELS[detected[0]]} ({detected[1]})"


def _nothing_found(source: str, path: Path, files: list[Path], detected: Detected, problems: list) -> StudylogError:
    """The error of an import that found no dated entries: what it looked for, what the files
    looked like instead, and what to try."""
    from studylog.importers.detect import FORMATS, LABELS, LOOKS_FOR, describe, file_noun

    def looks(file: Path) -> str:
        with file.open("rb") as f:
            head = f.read(1 << 20)
        return describe(head.decode("utf-8-sig", errors="ignore").replace("\r\n", "\n"))

    looked = f"no dated entries reading {path} as {LABELS[source]} (looked for {LOOKS_FOR[source]})"
    if len(files) == 1:
        instead = looks(files[0])
    else:
        shown = "; ".join(f"{f.relative_to(path)}: {looks(f)}" for f in files[:3])
        more = f"; and {len(files) - 3} more" if len(files) > 3 else ""
        instead = f"none in any of its {len(files)} {file_noun([f.name for f in files])}s ({shown}{more})"
    if problems:
        p = problems[0]
        instead += f"; {len(problems)} skipped, the first at line {p.line}: {p.message}"
    others = " or ".join(f for f in FORMATS if f not in (source, "json"))
    dates = "or dates it reads: '## 2024-04-18', '- 4/18/2024 ...', '### Day 3: April 18, 2024'"
    if detected:
        hint = f"nothing was written; try --format {others}, {dates}"
    else:
        hint = f"nothing was written; try 'studylog import PATH' or 'import {others}', {dates}"
    return StudylogError(f"{looked}: {instead}", hint)


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="Read PATH as til, daily-notes, markdown or json instead of recognising it.",
        show_default=False,
    ),
]


@import_app.command(DETECT, hidden=True, cls=DetectCommand)
def import_detected(
    path: PathArg,
    format_: FormatOpt = None,
    dry_run: DryRun = False,
    no_link: NoLink = False,
    no_status: NoStatus = False,
    as_json: JsonOpt = False,
) -> None:
    """Recognise what PATH is and import it.

    PATH may be a JSON backup, a TIL page, daily notes or a dated markdown log (a file or a
    folder); the report's first line says which it chose and why.

    Examples:
      studylog import til.md --dry-run
      studylog import ~/notes/daily -f daily-notes
    """
    from studylog.importers.detect import FORMATS

    if format_ is not None:
        if format_ not in FORMATS:
            raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {format_!r}")
        detected: tuple[str, str] = (format_, f"--format {format_}")
    else:
        detected = _detect(path)
    kind = detected[0]
    if kind == "json":
        _import_json(path, dry_run, as_json, detected)
    elif kind == "til":
        _import_til(path, dry_run, no_link, no_status, as_json, detected)
    elif kind == "daily-notes":
        _import_daily_notes(path, dry_run, no_link, no_status, as_json, detected)
    else:
        _import_markdown(path, dry_run, no_link, no_status, as_json, detected)


def _detect(path: Path) -> tuple[str, str]:
    """(format, why) for a file, from its first few KB, or for a folder, from its file names and
    the first few KB of a bounded sample of its files."""
    from studylog.importers.detect import detect, detect_folder, sample

    files = _files(path)
    if path.is_dir():
        names = [f.relative_to(path).as_posix() for f in files]
        heads = {name: _head(path / name)[0] for name in sample(names)}
        return detect_folder(names, heads)
    text, truncated = _head(path)
    return detect(path.name, text, truncated=truncated)


def _head(path: Path) -> tuple[str, bool]:
    """The first HEAD_BYTES of a file as text, and whether there is more."""
    from studylog.importers.detect import HEAD_BYTES

    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES + 1)
    except OSError as exc:
        raise StudylogError(f"cannot read {path}: {exc.strerror}") from None
    text = head[:HEAD_BYTES].decode("utf-8-sig", errors="ignore").replace("\r\n", "\n").replace("\r", "\n")
    return text, len(head) > HEAD_BYTES


@import_app.command("til")
def import_til(
    path: PathArg,
    dry_run: DryRun = False,
    no_link: NoLink = False,
    no_status: NoStatus = False,
    as_json: JsonOpt = False,
) -> None:
    """Import a Jekyll TIL page, or a folder of TIL posts.

    A page has front matter, dated headings and numbered lists; posts in a folder are dated by
    their front matter or their file names.

    Examples:
      studylog import til _pages/til.md --dry-run
      studylog import til _posts/ --no-status
    """
    _import_til(path, dry_run, no_link, no_status, as_json)


def _import_til(
    path: Path, dry_run: bool, no_link: bool, no_status: bool, as_json: bool, detected: Detected = None
) -> None:
    from studylog.imported import stream_result
    from studylog.importers import til

    _run_import(
        "til",
        path,
        lambda file, lines, problems: stream_result(
            til.parse("\n".join(lines()), file.name, in_folder=path.is_dir()), problems
        ),
        dry_run,
        no_link,
        as_json,
        no_status=no_status,
        detected=detected,
    )


@import_app.command("daily-notes")
def import_daily_notes(
    path: PathArg,
    dry_run: DryRun = False,
    no_link: NoLink = False,
    no_status: NoStatus = False,
    as_json: JsonOpt = False,
) -> None:
    """Import daily notes, from one file or a folder of them.

    A file holds [[YYYY-MM-DD]] blocks with Goals: and Done: lists; a folder holds a
    YYYY-MM-DD.md file per day.

    Examples:
      studylog import daily-notes notes.md
      studylog import daily-notes ~/notes/daily --dry-run --json
    """
    _import_daily_notes(path, dry_run, no_link, no_status, as_json)


def _import_daily_notes(
    path: Path, dry_run: bool, no_link: bool, no_status: bool, as_json: bool, detected: Detected = None
) -> None:
    from studylog.imported import stream_result
    from studylog.importers import daily_notes

    def stream(file, lines, problems):
        result = daily_notes.parse("\n".join(lines()), daily_notes.day_from_name(file.name))
        if any(e.items for e in result.entries):  # [item:: ...] fields, checked as the linker would
            daily_notes.check_items(result, _item_refs())
        return stream_result(result, problems)

    _run_import("daily-notes", path, stream, dry_run, no_link, as_json, no_status=no_status, detected=detected)


def _item_refs():
    """The canonical reference of an item named by its reference (any case), or None."""
    refs = {
        f"{cid}/{item.id}".lower(): f"{cid}/{item.id}" for cid, c in catalog().curricula.items() for item in c.items
    }
    return lambda ref: refs.get(ref.lower())


@import_app.command("markdown")
def import_markdown(
    path: PathArg,
    dry_run: DryRun = False,
    no_link: NoLink = False,
    no_status: NoStatus = False,
    as_json: JsonOpt = False,
) -> None:
    """Import dated markdown logs of any other shape.

    Date headings, dated bullets, and 100-days-of-code logs are read.

    Examples:
      studylog import markdown log.md --dry-run
      studylog import markdown 100-days-of-code/ --no-link
    """
    _import_markdown(path, dry_run, no_link, no_status, as_json)


def _import_markdown(
    path: Path, dry_run: bool, no_link: bool, no_status: bool, as_json: bool, detected: Detected = None
) -> None:
    from studylog.importers import markdown

    current = today()
    _run_import(
        "markdown",
        path,
        lambda file, lines, problems: markdown.stream(lines, file.name, current, problems, in_folder=path.is_dir()),
        dry_run,
        no_link,
        as_json,
        passes=markdown.PASSES,
        no_status=no_status,
        detected=detected,
    )


@import_app.command("json")
def import_json(
    path: Annotated[Path, typer.Argument(help="A file written by 'studylog export json'.", show_default=False)],
    dry_run: DryRun = False,
    as_json: JsonOpt = False,
) -> None:
    """Bring a backup made by 'studylog export json' into this store.

    What the store holds already is not added twice.

    Examples:
      studylog import json studylog-backup.json --dry-run
      studylog import json studylog-backup.json
    """
    _import_json(path, dry_run, as_json)


def _import_json(path: Path, dry_run: bool, as_json: bool, detected: Detected = None) -> None:
    import contextlib
    import json

    from studylog.exporters.backup import restore

    if not path.is_file():
        raise StudylogError(f"no such file: {path}")
    text = _read(path)
    data = None
    if len(text) < 1_000_000:  # a backup with no entries is small; a big one is not parsed twice
        with contextlib.suppress(ValueError):  # restore says where the JSON breaks
            data = json.loads(text)
    if (
        isinstance(data, dict)
        and data.get("entries") == []
        and not any(data.get(k) for k in ("item_status", "own_items", "plans"))
    ):
        from studylog.importers.detect import LOOKS_FOR

        restore(open_store(), text, str(path), today(), dry_run=True)  # a malformed backup says so first

        raise StudylogError(
            f"no entries in {path} (looked for {LOOKS_FOR['json']}): the backup's entries list is empty",
            "nothing was written; make a backup of a store that has entries with 'studylog export json'",
        )
    added = restore(open_store(), text, str(path), today(), dry_run=dry_run)
    if as_json:
        data = _detected_json("json", detected)
        data.update(
            entries=added.entries,
            notes=added.notes,
            statuses=added.statuses,
            own_items=added.items,
            skipped=added.skipped,
            dry_run=dry_run,
        )
        Output(True).json(data)
        return
    verb = "Would add" if dry_run else "Added"
    reading = _reading(path, detected)
    if reading:
        output.message(reading)
    own = f", {added.items} items of your own" if added.items else ""
    output.message(
        f"{verb} {added.entries} entries, {added.notes} notes and {added.statuses} item statuses{own} "
        f"({added.skipped} already present)"
    )


def _emit(text: str | Iterable[str], out: Path | None, mode: int = 0o644) -> None:
    """To stdout, or atomically to ``out`` (``mode``: a page to publish is 0644, a backup of
    everything 0600); ``text`` may be a stream of chunks."""
    if out is None:
        output.document(text)
        return
    from studylog.atomic import write_atomic

    write_atomic(out, text, mode=mode)
    output.message(f"Wrote {out}", err=True)


@export_app.command("til")
def export_til(
    out: OutOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    group: Annotated[
        str,
        typer.Option(
            "--group",
            metavar="week|day|range",
            help="One heading per week, day, or range (the period each entry was logged under).",
        ),
    ] = "week",
) -> None:
    """Write the TIL page: front matter, then a heading per period.

    The page is Jekyll markdown, newest first; its front matter comes from the config (til.*).

    Examples:
      studylog export til -o _pages/til.md
      studylog export til --group day -s 2024-01-01
    """
    from studylog.exporters.til import render_til

    if group not in ("week", "day", "range"):
        raise UsageError(f"--group must be week, day or range, not {group!r}")
    first, last = _range(since, until)
    config = settings()
    store = open_store()
    with store.snapshot():  # one state of the store, whatever is written meanwhile
        _emit(render_til(store, _lookup(), first, last, group, config), out)


@export_app.command("daily-notes")
def export_daily_notes(
    out: OutOpt = None,
    dir_: Annotated[
        Path | None,
        typer.Option(
            "--dir", metavar="DIR", help="Write one YYYY-MM-DD.md file per day into this folder.", show_default=False
        ),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Write daily notes: a [[YYYY-MM-DD]] block per day.

    Each block has the day's Goals: and Done: lists, notes as nested bullets indented with
    tabs; with --dir, each day goes in its own YYYY-MM-DD.md file.

    Examples:
      studylog export daily-notes -o notes.md
      studylog export daily-notes --dir notes/ -s 2024-04-01
    """
    from studylog.exporters.daily_notes import render_days, write_folder

    if out and dir_:
        raise UsageError("give --out or --dir, not both")
    first, last = _range(since, until)
    store = open_store()
    with store.snapshot():  # one state of the store, whatever is written meanwhile
        if dir_:
            count = write_folder(store, dir_, first, last)
        else:
            _emit(render_days(store, first, last), out)
    if dir_:
        output.message(f"Wrote {count} files to {dir_}", err=True)


@export_app.command("json")
def export_json(out: OutOpt = None) -> None:
    """Write a lossless JSON backup of everything you logged.

    Entries with their notes and tags, item statuses, your own items and your plans: 'studylog
    import json' brings it all back, into this store or another.

    Examples:
      studylog export json -o studylog-backup.json
      studylog export json | gzip > studylog-backup.json.gz
    """
    from studylog.exporters.backup import dump

    _emit(dump(open_store()), out, mode=0o600)  # everything, losslessly (from one snapshot): owner-only


@export_app.command("site")
def export_site(
    out: Annotated[
        Path, typer.Option("--dir", metavar="DIR", help="Write index.html into this folder.", show_default=False)
    ],
    jekyll: Annotated[
        bool, typer.Option("--jekyll", help="With front matter, to sit beside the TIL page on a Jekyll site.")
    ] = False,
    til_url: Annotated[
        str | None,
        typer.Option(
            "--til-url",
            help="Where the TIL lines link: an http(s) URL or a relative path (default: til.md; with "
            "--jekyll, the TIL page's permalink).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a progress page to publish beside the TIL page.

    One self-contained index.html (inline CSS and SVG, no network): the year's heatmap, each
    curriculum's progress with its forecast or plan, hours per week, this week and the latest
    TIL lines, linked to the TIL page.

    Examples:
      studylog export site --dir progress
      studylog export site --dir _site/progress --jekyll
      studylog export site --dir public --til-url https://me.github.io/TIL/
    """
    from studylog.atomic import write_atomic
    from studylog.cli.errors import warn_broken
    from studylog.exporters.site import check_link, relative_link, render_site
    from studylog.reports.site import site_report

    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; --dir takes a folder for index.html", "give a folder, e.g. --dir progress")
    config, current = settings(), today()
    permalink = "/progress/"
    link = (
        check_link(til_url)
        if til_url
        else relative_link(permalink, str(config["til.permalink"]))
        if jekyll
        else "til.md"
    )
    store, cat = open_store(), outlines(skip_broken=True)
    warn_broken(cat.broken)
    with store.snapshot():  # one state of the store for every figure on the page
        data = site_report(store, cat, current, config, _lookup())
    page = render_site(data, current, link, jekyll, str(config["til.layout"]), permalink, config["hours_format"])
    write_atomic(out / "index.html", page, mode=0o644)
    output.message(f"Wrote {out / 'index.html'}", err=True)


def _range(since: str | None, until: str | None):
    first = parse_day(since) if since else None
    last = parse_day(until) if until else None
    if first and last and first > last:
        raise UsageError(f"--since {first.isoformat()} is after --until {last.isoformat()}")
    return first, last


def _lookup():
    """Curriculum item URL by reference, for links in exports: read from the curricula cache on
    first use, then a dictionary lookup per entry."""
    urls: dict[str, str | None] = {}

    def url(ref: str) -> str | None:
        if not urls:
            for c in outlines().curricula.values():
                urls.update({f"{c.id}/{item.id}": item.url for item in c.items})
        return urls.get(ref)

    return url


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
