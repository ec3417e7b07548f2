"""Check a curriculum file and list every problem as ``FILE:LINE:COL: field.path: message``."""

from __future__ import annotations

from pathlib import Path

from studylog.curriculum.loader import format_loc, locate, read_located
from studylog.curriculum.model import Curriculum
from studylog.errors import CurriculumError


def check_file(path: Path, text: str | None = None) -> tuple[Curriculum | None, list[str]]:
    """Return the curriculum and no problems, or None and every problem found."""
    from pydantic import ValidationError

    try:
        located = read_located(path, text)
    except CurriculumError as exc:
        return None, [exc.message]
    problems = [f"{path}:{line}:{col}: {format_loc(loc)}: {msg}" for loc, line, col, msg in located.problems]
    if not isinstance(located.data, dict):
        return None, problems or [f"{path}:1:1: (file): a curriculum is a mapping with id, title and items (and a url)"]
    try:
        curriculum = Curriculum.model_validate(located.data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            if any(loc[: len(d)] == d for d in located.dropped):
                continue  # the reading problem at this place already says what is wrong
            line, col = locate(located.marks, loc)
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"unknown field {loc[-1]!r}"
            elif err["type"] == "missing":
                message = "required field is missing"
            problems.append(f"{path}:{line}:{col}: {format_loc(loc)}: {message}")
        return None, problems
    for loc, message in curriculum.link_problems():
        line, col = locate(located.marks, loc)
        problems.append(f"{path}:{line}:{col}: {format_loc(loc)}: {message}")
    return (None, problems) if problems else (curriculum, [])


def load_file(path: Path) -> Curriculum:
    """The curriculum in ``path``; CurriculumError naming the first problem (and holding all)."""
    curriculum, problems = check_file(path)
    if curriculum is None:
        more = f" (and {len(problems) - 1} more; run 'studylog curricula validate {path}')" if len(problems) > 1 else ""
        raise CurriculumError(problems[0] + more, problems)
    return curriculum
