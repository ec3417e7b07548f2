"""Everything a command shows goes through here: JSON, plain messages, styled lines
(``render.lines``: plain text, or ANSI styles on a terminal) and rich renderables, each optionally
saved as SVG or HTML.

What people read is made safe to show on a terminal (``render.safe``): control characters, escape
sequences and bidi overrides in stored or typed text are shown visibly, never written. JSON keeps
the exact text (on a terminal, what a terminal would obey is written as a ``\\uXXXX`` escape, the
same data); documents (the exports) are written exactly as given.

A command makes one ``Output`` from its ``--json``, ``--svg`` and ``--html`` before it does any
work; the constructor refuses the combinations that cannot both be honoured, with the same message
for every command. No Typer here, and rich only when a renderable is drawn: the fast path uses it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from studylog.errors import UsageError
from studylog.render.safe import visible_block


class Output:
    """Where one command's result goes: JSON on stdout, or what people read (on stdout, and also
    saved to ``svg``/``html`` when given: ``render.document``, in the theme of ``studylog.theme``).
    ``title`` is the SVG's and the HTML page's ``<title>``."""

    def __init__(
        self, as_json: bool = False, svg: str | None = None, html: str | None = None, title: str = "studylog"
    ) -> None:
        if as_json and (svg or html):
            raise UsageError("--json cannot be combined with --svg or --html", "run the command twice")
        self.as_json = as_json
        self.svg = svg
        self.html = html
        self.title = title

    def json(self, data: Any, streamed: Collection[str] = frozenset()) -> None:
        """``data`` as indented JSON (see ``echo_json`` for ``streamed``)."""
        echo_json(data, streamed)

    @property
    def links(self) -> bool:
        """Whether links are drawn as OSC 8 hyperlinks (link text alone, clickable): on a terminal
        stdout, without NO_COLOR, not TERM=dumb, and not saved as SVG/HTML; otherwise as
        ``text <url>`` (render.inline). Renderers take it with the width, before the layout."""
        return not (self.svg or self.html) and _styling() == "colour" and _terminal() and sys.platform != "win32"

    def lines(self, lines: Iterable) -> None:
        """Styled lines (``render.lines``), written as they come (a stream of them is never held
        whole); rich draws them only to save ``svg``/``html`` or on a Windows console."""
        styling = _styling()
        if self.svg or self.html or (styling and sys.platform == "win32"):
            from studylog.render.lines import to_rich

            self.rich(to_rich(list(lines)))
            return
        _write_lines(sys.stdout, lines, styling)

    def paged(self, lines: Iterable) -> None:
        """Styled lines that may be long (the log), as git does it: on a terminal they go through
        the pager, ``STUDYLOG_PAGER``, else ``PAGER``, else ``less -FRX`` (which quits at once
        when they fit on one screen, and keeps colours); an empty value or ``cat`` means none.
        Piped, saved as SVG/HTML, or with no pager, they are written as ``lines`` writes them.
        A pager that is not installed is said on stderr, and the lines are written directly."""
        command = pager() if _terminal() and not (self.svg or self.html) else None
        if command is None:
            self.lines(lines)
            return
        import shlex
        import shutil
        import subprocess

        try:
            program = shlex.split(command)[0]
        except (ValueError, IndexError):
            program = ""
        if not shutil.which(program):
            message(f"studylog: the pager {command!r} was not found; set PAGER, or use --no-pager", err=True)
            self.lines(lines)
            return
        env = {**os.environ}
        env.setdefault("LESS", "FRX")  # as git does: quit when it fits, keep colours, keep the screen
        env.setdefault("LV", "-c")
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
        assert proc.stdin is not None
        import io

        stream = io.TextIOWrapper(proc.stdin, encoding=sys.stdout.encoding or "utf-8", errors="replace")
        try:
            _write_lines(stream, lines, _styling())
            stream.close()
        except (BrokenPipeError, OSError):  # the reader quit the pager before the end
            pass
        except KeyboardInterrupt:  # Ctrl-C in the pager reaches us too: let the pager end it
            pass
        finally:
            with contextlib.suppress(BrokenPipeError, OSError):
                stream.close()
            while True:
                try:
                    proc.wait()
                    break
                except KeyboardInterrupt:
                    continue

    def rich(self, renderable: Any) -> None:
        """A rich renderable for people; with ``svg``/``html``, also save what was drawn (atomically)."""
        out = console()
        out.print(_Shown(renderable))
        if not (self.svg or self.html):
            return
        from pathlib import Path

        from studylog.atomic import write_atomic
        from studylog.render.document import html_page, svg_image

        drawn = out.render_lines(_Shown(renderable), out.options, pad=False)  # as printed, with styles
        if self.svg:
            write_atomic(Path(self.svg), svg_image(drawn, self.title), mode=0o644)
        if self.html:
            write_atomic(Path(self.html), html_page(drawn, self.title), mode=0o644)


def say(line: str) -> None:
    """One line of plain text for people on stdout (a confirmation: "Done #3 on …")."""
    sys.stdout.write(visible_block(line) + "\n")


def document(text: str | Iterable[str]) -> None:
    """A document (an export) on stdout exactly as given: a string, or a stream of chunks."""
    sys.stdout.writelines([text] if isinstance(text, str) else text)


def message(line: str, err: bool = False) -> None:
    """One line for people from a Typer command (a confirmation, or a note on stderr with ``err``),
    written as click writes it: ANSI sequences are left out when the stream is not a terminal.
    (click is loaded already whenever a Typer command runs; the fast path uses ``say``.)"""
    import click

    click.echo(visible_block(line), err=err)


def countdown(line: str, bell: bool = False) -> None:
    """One line of a countdown (``timer start --pomodoro``), after the terminal's bell (BEL) when
    ``bell``: on a terminal it is drawn over the one before (a carriage return, then cleared to the
    end of the line); piped, each is a line of its own. Flushed, so that it shows at once."""
    ring = "\a" if bell else ""
    if _terminal():
        sys.stdout.write(f"{ring}\r{visible_block(line)}\x1b[K")
    else:
        sys.stdout.write(f"{ring}{visible_block(line)}\n")
    sys.stdout.flush()


def countdown_end() -> None:
    """End a countdown's redrawn line on a terminal, so that what follows starts on a line of its own."""
    if _terminal():
        sys.stdout.write("\n")
        sys.stdout.flush()


def on_terminal() -> bool:
    """Whether stdout is a terminal (a countdown redraws its line there)."""
    return _terminal()


class _Shown:
    """A rich renderable as drawn, with any control character left in its text shown visibly:
    the render modules make what they are given safe before the layout (so that widths are
    right); this makes sure that nothing a renderer missed reaches the terminal. rich's own
    control segments (cursor moves) are its own, and kept."""

    def __init__(self, renderable: Any) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        from rich.segment import Segment

        line: list[Any] = []  # a line's segments, held until its end: no line ends in spaces
        for segment in console.render(self.renderable, options):
            text = segment.text
            if text == "\n" and not segment.control:
                yield from _trimmed(line, Segment)
                line = []
                yield segment
            elif segment.control or text.isprintable():
                line.append(segment)
            else:
                line.append(Segment(visible_block(text), segment.style, segment.control))
        yield from line


def _trimmed(line: list[Any], segment: Any) -> list[Any]:
    """A line's segments without the spaces at its end (a table's padding)."""
    while line and not line[-1].control and not line[-1].text.rstrip(" "):
        line = line[:-1]
    if line and not line[-1].control:
        last = line[-1]
        line = [*line[:-1], segment(last.text.rstrip(" "), last.style, last.control)]
    return line


def echo_json(data: Any, streamed: Collection[str] = frozenset()) -> None:
    """``data`` as indented JSON. The top-level keys in ``streamed`` hold iterators, written one
    element at a time; the text is the same as ``json.dumps(data, indent=2)`` of the whole."""
    import json

    write = sys.stdout.write
    if _terminal():  # JSON read by a person: the same data, nothing the terminal would obey
        from studylog.render.safe import json_text

        def write(text: str) -> int:
            return sys.stdout.write(json_text(text))

    if not streamed:
        write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return

    def nested(value: Any, indent: str) -> str:
        return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent)

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


def console() -> Any:
    """A rich console for people: honours NO_COLOR, and is plain text when piped."""
    from rich.console import Console

    # markup and emoji off: "[label](url)" and ":tea:" in a learner's text are text, not styling
    return Console(highlight=False, markup=False, emoji=False, soft_wrap=False)


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


def pager() -> str | None:
    """The pager command for long output: ``STUDYLOG_PAGER``, else ``PAGER``, else ``less -FRX``
    (none by default on Windows, which has no less); None when it is set empty or to ``cat``."""
    for name in ("STUDYLOG_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            value = value.strip()
            return None if value in ("", "cat") else value
    return None if sys.platform == "win32" else "less -FRX"


_BATCH = 64  # lines written at a time


def _write_lines(stream: Any, lines: Iterable, styling: str | None) -> None:
    """``lines`` on ``stream``, plain or with ANSI styles, a few at a time as they come."""
    from itertools import islice

    from studylog.render.lines import ansi, plain

    it = iter(lines)
    while chunk := list(islice(it, _BATCH)):
        stream.write(plain(chunk) if styling is None else ansi(chunk, colour=styling == "colour"))
    stream.flush()


def _styling() -> str | None:
    """None for plain text, "attributes" (NO_COLOR: bold, dim, underline) or "colour"; the rules
    are rich's: FORCE_COLOR, then a terminal that is not dumb."""
    if not os.environ.get("FORCE_COLOR") and (
        not _terminal() or os.environ.get("TERM", "").lower() in ("dumb", "unknown")
    ):
        return None
    return "attributes" if os.environ.get("NO_COLOR") else "colour"


def _terminal() -> bool:
    """Whether stdout is a terminal."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
