"""The recent changes ``undo --list`` shows, and the line ``undo`` ends with."""

from __future__ import annotations

from typing import Any

from studylog.render.lines import Column, Line, grid, text
from studylog.store.journal import ChangeInfo, Undone, when


def undid(undone: Undone) -> str:
    """``Undid #42 (done 'x' on 2024-04-18, 14:05 on 2024-04-18 from laptop)``."""
    return f"Undid #{undone.change.id} ({undone.change.summary}, {made(undone.change)})"


def made(info: ChangeInfo) -> str:
    """When and where a change was made: ``14:05 on 2024-04-18 from laptop``."""
    return when(info.created_at) + (f" from {info.host}" if info.host else "")


def change_lines(changes: list[ChangeInfo], width: int) -> list[Line]:
    """One line a change, newest first: its number, when, where, and what it did (an undone one
    says so, dimmed)."""
    if not changes:
        return [text("No changes yet.")]
    rows = [
        [
            (f"#{c.id}", "bold" if c.undone_at is None else "dim"),
            (when(c.created_at), "" if c.undone_at is None else "dim"),
            (c.host or "", "cyan" if c.undone_at is None else "dim"),
            (c.summary if c.undone_at is None else f"{c.summary} (undone {when(c.undone_at)})", ""),
        ]
        for c in changes
    ]
    columns = [Column(justify="right"), Column(), Column(max_width=20), Column(wrap=True)]
    return grid(rows, columns, width, gap=2)


def change_json(changes: list[ChangeInfo]) -> list[dict[str, Any]]:
    """``undo --list --json``: the same changes, newest first."""
    return [
        {
            "number": c.id,
            "summary": c.summary,
            "created_at": c.created_at.isoformat(),
            "host": c.host,
            "undone_at": c.undone_at.isoformat() if c.undone_at else None,
        }
        for c in changes
    ]
