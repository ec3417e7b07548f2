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
    """The parsed YAML value, where each path in it starts (1-based line and column), and the
    problems found while reading it (each ``(path, line, col, message)``)."""

    data: Any
    marks: dict[Path_, tuple[int, int]]
    problems: list[tuple[Path_, int, int, str]]
    dropped: set[Path_]  # places whose value could not be read (its problem says why)


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
    except RecursionError:  # the parser nests a call per level: [[[[…]]]] 900 deep ends here
        raise CurriculumError(_too_deep(path)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else f"{path}:1:1"
        raise CurriculumError(f"{where}: malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise CurriculumError(f"{path}:1:1: malformed YAML: {exc}") from None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value == "" and node.tag.endswith(":null")):
        raise CurriculumError(f"{path}:1:1: file is empty; a curriculum needs id, title and items (and a url)")
    builder = _Builder(yaml)
    try:
        data = builder.build(node, ())
    except _Fatal as exc:
        line, col = exc.mark
        raise CurriculumError(f"{path}:{line}:{col}: {exc.message}") from None
    return Located(data, builder.marks, builder.problems, builder.dropped)


MAX_NODES = 100_000  # a curriculum has hundreds; more means alias expansion ("billion laughs")
MAX_DEPTH = 32  # a curriculum nests 4 deep (items, an item, its aliases); far more is not one


def _too_deep(path: Path, where: str = "1:1") -> str:
    return f"{path}:{where}: YAML nested more than {MAX_DEPTH} levels deep; a curriculum is a few levels deep"


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Fatal(Exception):
    def __init__(self, mark: tuple[int, int], message: str) -> None:
        self.mark, self.message = mark, message


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns composed YAML nodes into plain values, recording positions and problems. Only plain
    mappings, lists and scalars are accepted: tags that would build objects are problems."""

    def __init__(self, yaml) -> None:
        self.yaml = yaml
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[tuple[Path_, int, int, str]] = []
        self.dropped: set[Path_] = set()
        self.constructor = yaml.constructor.SafeConstructor()
        self.active: set[int] = set()
        self.count = 0

    def problem(self, path: Path_, node, message: str) -> None:
        self.problems.append((path, *_pos(node), message))

    def build(self, node, path: Path_) -> Any:
        yaml = self.yaml
        self.count += 1
        if self.count > MAX_NODES:
            raise _Fatal(_pos(node), "too many values (aliases expanding without end?)")
        self.marks.setdefault(path, _pos(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if id(node) in self.active:
                raise _Fatal(_pos(node), "an alias refers to itself (recursive YAML)")
            if node.tag not in _PLAIN_TAGS:
                self.problem(path, node, f"YAML tag {node.tag!r} is not allowed in a curriculum")
                self.dropped.add(path)
                return None
            if len(path) >= MAX_DEPTH:
                raise _Fatal(
                    _pos(node), f"YAML nested more than {MAX_DEPTH} levels deep; a curriculum is a few levels deep"
                )
            self.active.add(id(node))
            try:
                if isinstance(node, yaml.SequenceNode):
                    return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
                return self._mapping(node, path)
            finally:
                self.active.discard(id(node))
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem(path, node, f"cannot read value: {getattr(exc, 'problem', exc)}")
            self.dropped.add(path)
            return None

    def _mapping(self, node, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, self.yaml.ScalarNode):
                self.problem((*path, "?"), key_node, "mapping keys must be plain text")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem((*path, "<<"), key_node, "YAML merge keys (<<) are not supported in curricula")
                continue
            key = key_node.value
            if key in out:
                self.problem((*path, key), key_node, f"duplicate key {key!r}")
                continue
            self.marks[(*path, key)] = _pos(key_node)
            out[key] = self.build(value_node, (*path, key))
        return out


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
