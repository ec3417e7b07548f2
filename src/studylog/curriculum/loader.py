"""Read curriculum YAML with a safe loader, keeping each value's line and column so that every
problem can be reported as ``FILE:LINE:COL: field.path: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studylog.errors import CurriculumError

MAX_FILE_BYTES = 2_000_000

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """The parsed YAML value and where each path in it starts (1-based line and column)."""

    data: Any
    marks: dict[Path_, tuple[int, int]]


def _yaml():
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml, loader


def read_located(path: Path, text: str | None = None) -> Located:
    """Parse one YAML document; raise CurriculumError with the position of a syntax error."""
    yaml, loader = _yaml()
    if text is None:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise CurriculumError(f"{path}:1:1: file is larger than 2 MB; is it a curriculum?")
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CurriculumError(f"{path}:1:1: file is not UTF-8 text") from None
        except OSError as exc:
            raise CurriculumError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else f"{path}:1:1"
        raise CurriculumError(f"{where}: malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise CurriculumError(f"{path}:1:1: malformed YAML: {exc}") from None
    if node is None:
        raise CurriculumError(f"{path}:1:1: file is empty; a curriculum needs id, title, url and items")
    marks: dict[Path_, tuple[int, int]] = {}
    try:
        data = _construct(node, (), marks, yaml)
    except _Bad as exc:
        line, col = exc.mark
        raise CurriculumError(f"{path}:{line}:{col}: {exc.message}") from None
    return Located(data, marks)


class _Bad(Exception):
    def __init__(self, mark: tuple[int, int], message: str) -> None:
        self.mark, self.message = mark, message


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar(node, yaml) -> Any:
    # A plain SafeConstructor turns a scalar node into its value (int, float, bool, date, str).
    constructor = _CONSTRUCTORS.get("c")
    if constructor is None:
        constructor = _CONSTRUCTORS["c"] = yaml.constructor.SafeConstructor()
    return constructor.construct_object(node, deep=True)


_CONSTRUCTORS: dict[str, Any] = {}


def _construct(node, path: Path_, marks: dict, yaml) -> Any:
    marks.setdefault(path, _pos(node))
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Bad(_pos(key_node), "mapping keys must be plain text")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Bad(_pos(key_node), "YAML merge keys (<<) are not supported in curricula")
            key = key_node.value
            if key in out:
                raise _Bad(_pos(key_node), f"duplicate key {key!r}")
            marks[(*path, key)] = _pos(key_node)
            out[key] = _construct(value_node, (*path, key), marks, yaml)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, (*path, i), marks, yaml) for i, child in enumerate(node.value)]
    try:
        return _scalar(node, yaml)
    except yaml.YAMLError as exc:
        raise _Bad(_pos(node), f"cannot read value: {getattr(exc, 'problem', exc)}") from None


def locate(marks: dict[Path_, tuple[int, int]], loc: tuple) -> tuple[int, int]:
    """The position of the longest prefix of ``loc`` that the file has."""
    loc = tuple(loc)
    while loc and loc not in marks:
        loc = loc[:-1]
    return marks.get(loc, (1, 1))


def format_loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"
