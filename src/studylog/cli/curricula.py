"""The curricula studylog knows: list, show, validate, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from studylog.cli import output
from studylog.cli.help import StudylogTyper
from studylog.cli.options import JsonOpt
from studylog.cli.output import Output, echo_json
from studylog.cli.session import catalog, open_store

app = StudylogTyper(
    help="The curricula studylog knows: shipped, and your own.\n\n"
    "Your own are YAML files in the data folder's curricula/ ('studylog curricula schema' prints their "
    "format).\n\n"
    "Examples:\n"
    "  studylog curricula list\n"
    "  studylog curricula show dlc\n"
    "  studylog curricula validate my-course.yaml",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("list")
def list_(as_json: JsonOpt = False) -> None:
    """List the curricula, shipped and your own.

    Examples:
      studylog curricula list
      studylog curricula list --json
    """
    from studylog.cli.errors import warn_broken
    from studylog.paths import user_curricula_dir
    from studylog.reports.curricula import curricula_summary

    out = Output(as_json)
    cat = catalog(skip_broken=True)  # a broken file of yours is named, the others still listed
    rows = curricula_summary(cat)
    if out.as_json:
        out.json(rows)
    else:
        from studylog.render.curricula import render_list

        out.lines(render_list(rows, user_curricula_dir(), output.width(), links=out.links))
    warn_broken(cat.broken)


@app.command()
def show(
    curriculum_id: Annotated[str, typer.Argument(metavar="ID", help="A curriculum id, e.g. dlc.")],
    as_json: JsonOpt = False,
) -> None:
    """Show a curriculum's items with your status for each.

    Examples:
      studylog curricula show dlc
      studylog curricula show karpathy --json
    """
    from studylog.reports.curricula import curriculum_detail
    from studylog.store.status import all_statuses, histories

    out = Output(as_json)
    curriculum = catalog().curriculum(curriculum_id)
    store = open_store()
    detail = curriculum_detail(curriculum, all_statuses(store, curriculum.id), histories(store, curriculum.id))
    if out.as_json:
        out.json(detail)
        return
    from studylog.render.curricula import render_show

    out.lines(render_show(detail, output.width(), links=out.links))


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Curriculum YAML files to check.")],
) -> None:
    """Check curriculum files, and print every problem found.

    Each problem is one line, FILE:LINE:COL: field: message (as compilers say them, so that
    editors can jump there); it ends with exit code 1 when a file has a problem.

    Examples:
      studylog curricula validate my-course.yaml
      studylog curricula validate ~/.local/share/studylog/curricula/*.yaml
    """
    from studylog.curriculum.validate import check_file

    bad = 0
    for path in files:
        if not path.is_file():
            output.message(f"{path}: no such file", err=True)
            bad += 1
            continue
        curriculum, problems = check_file(path)
        if curriculum is not None:
            problems = _cross_references(curriculum, path)
        if problems or curriculum is None:  # None comes with its problems
            bad += 1
            for problem in problems:
                output.message(problem)
        else:
            output.message(f"{path}: ok ({curriculum.id}: {len(curriculum.items)} items)")
    if bad:
        raise SystemExit(1)


def _cross_references(curriculum, path: Path) -> list[str]:
    """References to other curricula's items (``karpathy/1``) must resolve among yours."""
    from studylog.errors import CurriculumError

    try:
        cat = catalog()
    except CurriculumError:
        return []  # your other files have problems of their own; this file alone is fine
    cat.curricula[curriculum.id] = curriculum
    cat.origins[curriculum.id] = path
    return [p for p in cat.link_problems() if p.startswith(f"{path}: ")]


@app.command()
def schema() -> None:
    """Print the JSON Schema of the curriculum format, for editors.

    Examples:
      studylog curricula schema > curriculum.schema.json
    """
    from studylog.curriculum.model import Curriculum

    data = Curriculum.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = "studylog curriculum"
    echo_json(data)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="curricula")
