"""Reading an import file: UTF-8 (with or without a BOM), newlines normalised."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from studylog.errors import StudylogError

MAX_BYTES = 200_000_000


def read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise StudylogError(f"{path} is larger than 200 MB; split it and import the parts")
        data = path.read_bytes()
    except OSError as exc:
        raise StudylogError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StudylogError(f"{path} is not UTF-8 text (byte {exc.start})", "save it as UTF-8 and try again") from None
    if "\x00" in text:
        raise StudylogError(f"{path} is a binary file, not a markdown log")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_file(path: Path) -> None:
    """Raise what :func:`read_text` would raise for ``path``, reading it in chunks (never whole)."""
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        if path.stat().st_size > MAX_BYTES:
            read_text(path)
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                if "\x00" in decoder.decode(chunk):
                    read_text(path)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        read_text(path)  # raises the error with its byte offset
    except OSError:
        read_text(path)


def read_lines(path: Path) -> Iterator[str]:
    """The lines of ``path`` one at a time, exactly as ``read_text(path).split("\\n")`` gives them
    (call :func:`check_file` first)."""
    with path.open(encoding="utf-8-sig", newline=None) as f:  # newline=None: \r\n and \r become \n
        last = ""
        for line in f:
            last = line
            yield line[:-1] if line.endswith("\n") else line
        if last.endswith("\n") or not last:
            yield ""
