"""The layers point one way (README, Development): checked on the source, so that a shortcut
cannot creep back in unnoticed.

- ``store/`` owns every query: no SQL text and no low-level store call anywhere else.
- ``reports/``, ``importers/`` and ``exporters/`` are functions over records: no typer, click or
  rich, no printing, no clock.
- ``cli/`` opens no transaction.
- No import cycles inside ``studylog``, counting imports inside functions too (a lazy import
  hides a cycle from Python, not from a reader).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "studylog"
MODULES = {
    ".".join(("studylog", *p.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__"): p
    for p in sorted(SRC.rglob("*.py"))
}
CORE = ("reports", "importers", "exporters")
SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX))\b"
)
LOW_LEVEL = {"rows", "one", "scalar", "execute", "executemany", "insert", "insert_many", "reserve_ids"}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""


def _tree(module: str) -> ast.Module:
    return ast.parse(MODULES[module].read_text(encoding="utf-8"), str(MODULES[module]))


def _imports(module: str) -> set[str]:
    """Every studylog module ``module`` imports, at the top or inside a function."""
    found: set[str] = set()
    package = module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module and name != "studylog":
                found.add(name)
    return found


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


@pytest.mark.parametrize("module", [m for m in MODULES if _layer(m) != "store"])
def test_no_sql_outside_the_store(module):
    tree = _tree(module)
    sql = [f"line {n}: {s[:60]!r}" for n, s in _strings(tree) if SQL.search(s)]
    calls = [
        f"line {n.lineno}: .{n.func.attr}()"
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr in LOW_LEVEL
        and isinstance(n.func.value, ast.Name)
        and n.func.value.id in ("store", "view", "s", "st", "db")
    ]
    assert not sql and not calls, f"{module} queries the database itself (move it into store/): {sql + calls}"


@pytest.mark.parametrize("module", [m for m in MODULES if _layer(m) in CORE])
def test_core_layers_neither_print_nor_read_the_clock(module):
    imported = _imports(module) | {
        a.name.split(".")[0]
        for n in ast.walk(_tree(module))
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in (n.names if isinstance(n, ast.Import) else [ast.alias(n.module or "")])
    }
    assert not imported & {"typer", "click", "rich"}, f"{module} imports a user-interface library"
    assert not any(m.startswith(("studylog.cli", "studylog.render")) for m in imported), f"{module} imports cli/render"
    source = MODULES[module].read_text(encoding="utf-8")
    for banned in (
        "print(",
        "date.today()",
        "datetime.now(",
        "datetime.today(",
        "time.time()",
        "sys.stdout",
        "sys.stderr",
    ):
        assert banned not in source, f"{module} uses {banned} (take today/now as arguments; return what to show)"


@pytest.mark.parametrize("module", [m for m in MODULES if _layer(m) == "cli"])
def test_the_command_line_opens_no_transaction(module):
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            assert name not in ("transaction", "change"), f"{module}:{node.lineno} opens a transaction ({name})"


def _cycles(graph: dict[str, set[str]]) -> list[str]:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append([*path[path.index(n) :], n])
            elif n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    return [" -> ".join(c) for c in cycles]


def test_no_import_cycles():
    cycles = _cycles({m: _imports(m) for m in MODULES})
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_cycles_between_layers():
    """Packages too: ``store`` may not import ``importers`` while the importers import ``store``."""
    graph: dict[str, set[str]] = {}
    for m in MODULES:
        graph.setdefault(_layer(m) or m, set()).update(_layer(n) or n for n in _imports(m))
    for layer, uses in graph.items():
        uses.discard(layer)
    cycles = _cycles(graph)
    assert not cycles, "layers that import each other:\n" + "\n".join(cycles)
