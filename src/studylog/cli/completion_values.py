"""What a parameter completes to, for both ways of answering a Tab (``cli/complete.py`` without
click, ``cli/completion.py`` through it): item references and aliases with their titles, curricula
and own lists, tags, entry ids with their texts, config keys and values; each a list of
``(type, value, description)``, type being click's ``plain``, ``file`` or ``dir``. Answers come from
the curricula cache (``session.outlines``) and the store's indexed queries
(``store/completions.py``); the store is opened as it is, never created by a Tab."""

from __future__ import annotations

from typing import Any

VAR = "_STUDYLOG_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
ENTRY_LIMIT = 30  # entry ids offered: the newest that start with what was typed
TAG_LIMIT = 50

Candidate = tuple[str, str, str | None]  # (type: plain, file or dir; value; description)


def values(param: dict[str, Any], incomplete: str, path: list[str], before: list[str]) -> list[Candidate]:
    """What parameter ``param`` (a node of the tree) of command ``path`` may take, starting with
    ``incomplete``; ``before``: the arguments given before it."""
    kind = param.get("kind")
    if kind in ("file", "dir"):
        return [(kind, incomplete, None)]
    if param.get("choices"):
        return [("plain", v, h) for v, h in param["choices"] if v.startswith(incomplete.lower())]
    if kind is None:
        return []
    from studylog.errors import StudylogError

    try:
        return [("plain", v, h) for v, h in SOURCES[kind](incomplete, before)]
    except StudylogError:
        return []  # no store yet, a broken curriculum file...: nothing to offer, and no noise


def _store() -> Any:
    """The store as it is (never created or upgraded by a Tab); None when there is none."""
    from studylog.cli.session import open_store, state

    if state.stores:
        return state.stores[0]
    from studylog.errors import StudylogError

    try:
        return open_store("inspect")
    except StudylogError:  # none yet (or not one): the curricula alone
        return None


def _outlines() -> Any:
    from studylog.cli.session import outlines

    if _store() is None:  # no store: the curricula alone
        from studylog.curriculum.cache import load_outlines
        from studylog.paths import data_home, shipped_curricula_dir, user_curricula_dir

        return load_outlines(
            shipped_curricula_dir(), user_curricula_dir(), data_home() / "cache" / "curricula.json", skip_broken=True
        )
    return outlines(skip_broken=True)


def item_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Item references and aliases starting with ``incomplete``, with their titles (an alias's
    says which item it names); readings (``dlc/1/r1``) once an item's reference and a ``/`` are typed."""
    index = _outlines().index
    typed = incomplete.strip().lower()
    readings = typed.count("/") >= 2
    found = []
    for key, shown in index.display.items():
        if not key.startswith(typed) or (key.count("/") >= 2) != readings:
            continue
        refs = index.keys.get(key, [])
        if len(refs) == 1:
            title = index.titles[refs[0]]
            found.append((shown, title if refs[0] == shown else f"{title} ({refs[0]})"))
        elif refs:
            found.append((shown, f"names {len(refs)} items: {', '.join(refs)}"))
    return found


def own_item_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """The references of the learner's own items starting with ``incomplete``, with their titles."""
    store = _store()
    if store is None:
        return []
    from studylog.store.own_items import own_items

    typed = incomplete.strip().lower()
    return [(i.ref, i.title) for i in own_items(store) if i.ref.lower().startswith(typed)]


def curriculum_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Curriculum ids (the learner's own lists among them) starting with ``incomplete``, with titles."""
    typed = incomplete.strip().lower()
    return [(cid, c.title) for cid, c in _outlines().curricula.items() if cid.startswith(typed)]


def own_list_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    store = _store()
    if store is None:
        return []
    from studylog.store.completions import own_lists

    typed = incomplete.strip().lower()
    return [(name, f"{n} item{'s' * (n != 1)}") for name, n in own_lists(store) if name.lower().startswith(typed)]


def tag_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """The learner's tags starting with ``incomplete`` (without its ``#``), the most used first."""
    store = _store()
    if store is None:
        return []
    from studylog.store.completions import tags_starting

    typed = incomplete.strip().lstrip("#").casefold()
    return [(tag, f"{n} entr{'ies' if n != 1 else 'y'}") for tag, n in tags_starting(store, typed, TAG_LIMIT)]


def _entry_help(hint: Any) -> str:
    text = " ".join(hint.text.split())
    if len(text) > 60:
        text = text[:59].rstrip() + "…"
    return f"{hint.day.isoformat()} {hint.kind}: {text}"


def entry_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Ids of the newest entries starting with ``incomplete``, each with its day, kind and text."""
    store = _store()
    if store is None:
        return []
    from studylog.store.completions import entries_by_id

    return [(str(h.id), _entry_help(h)) for h in entries_by_id(store, incomplete.strip(), ENTRY_LIMIT)]


def goal_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Ids of the newest open goals starting with ``incomplete``, each with its day and text."""
    store = _store()
    if store is None:
        return []
    from studylog.store.completions import open_goals_by_id

    return [(str(h.id), _entry_help(h)) for h in open_goals_by_id(store, incomplete.strip(), ENTRY_LIMIT)]


def config_key_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """Config keys starting with ``incomplete``, with what each sets; ``target.week.ID`` for each
    curriculum once ``target.week.`` is typed."""
    from studylog.config import KEYS

    typed = incomplete.strip().lower()
    found = [(name, key.help) for name, key in KEYS.items() if name.startswith(typed)]
    if typed.startswith("target.week."):
        found += [
            (f"target.week.{cid}", f"hours a week to aim for in {c.title}")
            for cid, c in _outlines().curricula.items()
            if f"target.week.{cid}".startswith(typed)
        ]
    return found


def config_value_values(incomplete: str, before: list[str]) -> list[tuple[str, str]]:
    """The values the key given before may take, when they are few (choices, true or false)."""
    if not before:
        return []
    from studylog.config import key_for

    key = key_for(before[-1].strip().lower())
    if key is None:
        return []
    if isinstance(key.default, bool):
        choices: tuple[str, ...] = ("true", "false")
    else:
        choices = key.choices or ()
    typed = incomplete.strip().lower()
    return [(c, "the default" if str(key.default).lower() == c else "") for c in choices if c.startswith(typed)]


SOURCES = {
    "item": item_values,
    "own_item": own_item_values,
    "curriculum": curriculum_values,
    "own_list": own_list_values,
    "tag": tag_values,
    "entry": entry_values,
    "goal": goal_values,
    "config_key": config_key_values,
    "config_value": config_value_values,
}
