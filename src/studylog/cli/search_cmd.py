"""search: the entries whose text, notes or items' titles hold the words of a query."""

from __future__ import annotations

from typing import Annotated

import typer

from studylog.cli.options import JsonOpt, LimitOpt
from studylog.cli.output import Output, width
from studylog.cli.parse import parse_day
from studylog.cli.session import items, open_store, outlines
from studylog.errors import UsageError

DEFAULT_LIMIT = 20


def search(
    query: Annotated[
        list[str],
        typer.Argument(
            help='Words (all must be found), "a phrase", prefix*, -word to leave out; any script, any case.',
            show_default=False,
        ),
    ],
    since: Annotated[
        str | None, typer.Option("--since", metavar="DAY", help="First day to search.", show_default=False)
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DAY", help="Last day to search.", show_default=False)
    ] = None,
    item: Annotated[
        str | None,
        typer.Option("--item", metavar="REF", help="Only entries for this curriculum item.", show_default=False),
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option("--tag", metavar="TAG", help="Only entries with this tag (git or '#git').", show_default=False),
    ] = None,
    limit: LimitOpt = DEFAULT_LIMIT,
    as_json: JsonOpt = False,
) -> None:
    """Find entries by words of their text, notes and items.

    Every word must be found, in any case and any script, also inside longer words (transform
    finds "transformers"). One argument with spaces is a phrase ("attention is all"); -word
    leaves out the entries that hold it; prefix* is accepted. The best matches come first, the
    newest first among equals. search has no short options: -word is a word to leave out.

    Examples:
      studylog search attention
      studylog search "attention is all" --since 2024-01-01
      studylog search 'transform*' -paper --tag ml
    """
    from studylog.search_query import from_args, matches_all
    from studylog.store.search import search as find

    out = Output(as_json)
    parsed = from_args(query)
    first = parse_day(since) if since else None
    last = parse_day(until) if until else None
    if first and last and first > last:
        raise UsageError(f"--since {first.isoformat()} is after --until {last.isoformat()}")
    ref = items().resolve(item).ref if item else None
    tag_name = None
    if tag is not None:
        from studylog.tags import normalize_tag

        tag_name = normalize_tag(tag)
    # Items whose title (or reference) holds every word: their entries match too. A curriculum
    # file that cannot be read leaves its titles out; it does not stop a search.
    titles = outlines(skip_broken=True).index.titles
    by_title = [r for r, title in titles.items() if matches_all(parsed, title, r)]
    hits = find(
        open_store(), parsed, since=first, until=last, item=ref, tag=tag_name, title_items=by_title, limit=limit or None
    )
    if out.as_json:
        out.json({"query": str(parsed), "limit": limit or None, "results": [h.to_json() for h in hits]})
        return
    from studylog.render.search import render_search

    shown = {r: titles[r] for h in hits for r in h.matched_items if r in titles}
    out.lines(render_search(hits, parsed, shown, limit or None, width(), links=out.links))


def register(app: typer.Typer) -> None:
    # "-word" leaves a word out: an option click does not know is a word of the query (which is
    # why search has no short options: "-notes" must not read as "-n otes")
    app.command(context_settings={"ignore_unknown_options": True})(search)
