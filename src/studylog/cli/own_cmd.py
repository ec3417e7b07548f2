"""The learner's own items: ``add KIND TITLE`` puts a paper, talk or course in a list of theirs
(``reading`` by default), ``edit-item`` and ``rm-item`` change and remove them. They are kept in
the store (``store.own_items``) and behave like curriculum items everywhere else."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from studylog.cli import output
from studylog.cli.options import JsonOpt
from studylog.cli.session import open_store, outlines
from studylog.errors import UsageError

if TYPE_CHECKING:
    from studylog.curriculum.own import OwnItem

KINDS_HELP = "paper, post, video, talk, course, book, project, other (or any curriculum item kind)"
TagOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tag", "-T", metavar="TAG", help="A tag for it, such as rlhf or '#paper' (repeatable).", show_default=False
    ),
]
EstimateOpt = Annotated[
    str | None,
    typer.Option(
        "--estimate", "-e", metavar="HOURS", help="Hours it should take: 3, or a range such as 2-4.", show_default=False
    ),
]


def parse_kind(text: str) -> str:
    from typing import get_args

    from studylog.curriculum.model import ItemKind

    kind = text.strip().lower()
    kinds = get_args(ItemKind)
    if kind not in kinds:
        raise UsageError(f"{text!r} is not a kind of item", f"give one of {', '.join(kinds)}")
    return kind


def parse_estimate(text: str) -> tuple[float, float]:
    """Hours as curriculum files give them: a number, or a range such as ``2-4``."""
    from pydantic import ValidationError

    from studylog.curriculum.model import Estimate

    try:
        e = Estimate.model_validate(text)
    except ValidationError:
        raise UsageError(f"{text!r} is not an estimate", "give hours, such as 3 or a range 2-4") from None
    return e.low, e.high


def check_list(list_id: str) -> str:
    """A list of the learner's own to add to: a new id, or one of their stored lists; never a
    curriculum that a file defines."""
    from studylog.curriculum.own import LIST_PATTERN

    lid = list_id.strip().lower()
    if not LIST_PATTERN.fullmatch(lid):
        raise UsageError(
            f"{list_id!r} is not a list name",
            "use lower-case letters, digits, - and _ (at most 32), such as reading or side-projects",
        )
    known = outlines()
    if lid in known.curricula and lid not in known.stored:
        raise UsageError(
            f"{lid!r} is a curriculum defined in a file, not a list of your own",
            "choose another --list, such as reading, or add the item to that curriculum's file",
        )
    return lid


def own_item(ref_text: str) -> OwnItem:
    """The item of the learner's own that ``ref_text`` names."""
    from studylog.cli.session import own_items

    ref = outlines().index.resolve(ref_text).ref
    for item in own_items():
        if item.ref == ref:
            return item
    raise UsageError(
        f"{ref} is an item of a curriculum file, not one of your own",
        "only items added with 'studylog add' change here; edit that curriculum's file",
    )


def add(
    kind: Annotated[str, typer.Argument(help=f"What it is: {KINDS_HELP}.", show_default=False)],
    title: Annotated[str, typer.Argument(help="Its title, such as 'DPO paper'.", show_default=False)],
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="Where it is (https://...).", show_default=False)
    ] = None,
    list_id: Annotated[
        str,
        typer.Option(
            "--list", "-l", metavar="LIST", help="The list of yours to put it in: reading, career, side-projects..."
        ),
    ] = "reading",
    estimate: EstimateOpt = None,
    tag: TagOpt = None,
    slug: Annotated[
        str | None,
        typer.Option(
            "--id", metavar="ID", help="Its reference in the list (default: made from the title).", show_default=False
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add a paper, talk, course or anything else to a list of yours.

    The item goes in your reading list unless --list names another; it gets a reference
    (reading/dpo) that goal, done, start and complete take like any curriculum item's.

    Examples:
      studylog add paper "DPO paper" --url https://arxiv.org/abs/2305.18290
      studylog add talk "Intro to LLMs" -e 1 -T llm
      studylog add course "fast.ai part 2" -l courses -e 20-30
    """
    from studylog.cli.output import Output
    from studylog.store.own_items import add_item

    out = Output(as_json)
    fields = new_item_fields(kind, title, url, list_id, slug, estimate, tag)
    item = add_item(open_store(), **fields)
    if out.as_json:
        out.json(item.to_json())
        return
    output.message(added_line(item))


def new_item_fields(
    kind: str,
    title: str,
    url: str | None,
    list_id: str,
    slug: str | None,
    estimate: str | None = None,
    tag: list[str] | None = None,
) -> dict[str, Any]:
    """The checked fields of a new item of the learner's own (``add``, ``done --add``)."""
    from studylog.curriculum.own import SLUG_PATTERN, slug_for
    from studylog.tags import given_tags
    from studylog.urls import check_url

    kind = parse_kind(kind)
    title = " ".join(title.split())
    if not title:
        raise UsageError("the title is empty", "give the item's title, such as 'DPO paper'")
    lid = check_list(list_id)
    taken = [i.id for i in outlines().curricula[lid].items] if lid in outlines().curricula else []
    if slug is not None:
        if not SLUG_PATTERN.fullmatch(slug.strip()):
            raise UsageError(f"{slug!r} cannot be a reference", "use letters, digits, - _ and . (at most 64)")
        slug = slug.strip()
    return {
        "list_id": lid,
        "slug": slug or slug_for(title, kind, taken),
        "title": title,
        "kind": kind,
        "url": check_url(url) if url is not None else None,
        "estimate": parse_estimate(estimate) if estimate is not None else None,
        "tags": given_tags(tag),
    }


def added_line(item: OwnItem) -> str:
    also = f"; it also answers to {item.alias}" if item.alias else ""
    return f"Added {item.ref} ({item.kind}): {item.title}{also}"


def edit_item(
    ref: Annotated[str, typer.Argument(help="The item: reading/dpo, or another name it answers to.")],
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="New title.", show_default=False)] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", metavar="KIND", help="New kind.", show_default=False)
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="New URL, or 'none'.", show_default=False)
    ] = None,
    estimate: Annotated[
        str | None,
        typer.Option(
            "--estimate", "-e", metavar="HOURS", help="New estimate in hours (2-4), or 'none'.", show_default=False
        ),
    ] = None,
    tag: TagOpt = None,
    untag: Annotated[
        list[str] | None,
        typer.Option("--untag", metavar="TAG", help="A tag to take off (repeatable).", show_default=False),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Change an item of your own: title, kind, URL, estimate, tags.

    All the changes of one edit-item are one change, for one 'studylog undo'.

    Examples:
      studylog edit-item reading/dpo --title "DPO (Rafailov et al.)"
      studylog edit-item reading/dpo -e 2-3 -T rlhf --untag paper
    """
    from studylog.cli.output import Output
    from studylog.store.own_items import edit_item as change_item
    from studylog.tags import given_tags, merge_tags
    from studylog.urls import check_url

    out = Output(as_json)
    item = own_item(ref)
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = " ".join(title.split())
        if not changes["title"]:
            raise UsageError("the title is empty", "give a title, or leave --title out")
    if kind is not None:
        changes["kind"] = parse_kind(kind)
    if url is not None:
        changes["url"] = None if url.strip().lower() == "none" else check_url(url)
    if estimate is not None:
        changes["estimate"] = None if estimate.strip().lower() == "none" else parse_estimate(estimate)
    if tag or untag:
        gone = set(given_tags(untag))
        unknown = gone - set(item.tags)
        if unknown:
            raise UsageError(
                f"{item.ref} has no tag {sorted(unknown)[0]!r}", f"its tags: {' '.join(item.tags) or 'none'}"
            )
        changes["tags"] = [t for t in merge_tags(list(item.tags), given_tags(tag)) if t not in gone]
    if not changes:
        raise UsageError("nothing to change", "give --title, --kind, --url, --estimate, --tag or --untag")
    item = change_item(open_store(), item, **changes)
    if out.as_json:
        out.json(item.to_json())
        return
    output.message(f"Changed {item.ref} ({item.kind}): {item.title}")


def rm_item(
    ref: Annotated[str, typer.Argument(help="The item: reading/dpo, or another name it answers to.")],
    force: Annotated[
        bool, typer.Option("--force", help="Remove it even when entries link to it (they stay, unlinked).")
    ] = False,
) -> None:
    """Remove an item of your own, with its status.

    An item that entries link to is removed only with --force (the entries stay, unlinked);
    'studylog undo' brings it back.

    Examples:
      studylog rm-item reading/dpo
      studylog rm-item reading/dpo --force
    """
    from studylog.store.own_items import remove_item

    item = own_item(ref)
    linked = remove_item(open_store(), item, force=force)
    kept = f"; {linked} entr{'y keeps' if linked == 1 else 'ies keep'} its reference" if linked else ""
    output.message(f"Removed {item.ref} ({item.kind}): {item.title}{kept}")


def register(app: typer.Typer) -> None:
    app.command("add")(add)
    app.command("edit-item")(edit_item)
    app.command("rm-item")(rm_item)
