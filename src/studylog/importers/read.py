"""Reading an import file: UTF-8 (with or without a BOM), newlines normalised."""

from __future__ import annotations

from pathlib import Path

from studylog.errors import UsageError

MAX_BYTES = 200_000_000


def read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UsageError(f"{path} is larger than 200 MB; split it and import the parts")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text (byte {exc.start})", "save it as UTF-8 and try again") from None
    if "\x00" in text:
        raise UsageError(f"{path} is a binary file, not a markdown log")
    return text.replace("\r\n", "\n").replace("\r", "\n")
