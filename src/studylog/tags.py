"""Tags: the ``#git`` words of an entry's text and the ``--tag git`` a learner gives, in one
normal form (lower case, without the ``#``), so that ``#Git``, ``#git`` and ``--tag GIT`` are one
tag. The text itself is never rewritten: an entry keeps every word as written, and its tags are
stored beside it. Pure functions, no I/O."""

from __future__ import annotations

import re

from studylog.errors import UsageError

MAX_TAG = 64

# A tag is a word of letters or digits in any script (Hangul, Cyrillic...), with ``_``, ``-``,
# ``/`` or ``.`` inside it (``#ml/rl``, ``#gpt-2``), and at least one letter: ``#12`` is an
# entry's id as studylog prints it, never a tag.
_WORD = r"[^\W_](?:[\w\-/.]*[^\W_]|[^\W_]*)"
_TAG = re.compile(rf"(?<![\w&/#])#({_WORD})")
_WHOLE = re.compile(rf"#?({_WORD})")


def _has_letter(word: str) -> bool:
    return any(ch.isalpha() for ch in word)


def normalize_tag(text: str) -> str:
    """The normal form of a tag the learner typed (``#Git`` and ``git`` are ``git``); UsageError
    saying what a tag may be otherwise."""
    raw = text.strip()
    m = _WHOLE.fullmatch(raw)
    if m is None or not _has_letter(m.group(1)):
        raise UsageError(
            f"{raw!r} is not a tag",
            "a tag is one word of letters and digits (with - _ / . inside), such as 'git' or '#ml/rl'",
        )
    tag = m.group(1).casefold()
    if len(tag) > MAX_TAG:
        raise UsageError(f"the tag {raw[:20]!r}... is longer than {MAX_TAG} characters", "use a shorter tag")
    return tag


def tags_in(text: str) -> list[str]:
    """The tags written in ``text`` (``#paper``, ``#VersionControl``), normalised, in order, each
    once. Not ``#12`` (no letter), an anchor inside a URL (``…/page#part``) or ``&#39;``."""
    found: list[str] = []
    for m in _TAG.finditer(text):
        word = m.group(1)
        if not _has_letter(word) or len(word) > MAX_TAG:
            continue
        tag = word.casefold()
        if tag not in found:
            found.append(tag)
    return found


def merge_tags(*groups: list[str] | tuple[str, ...]) -> list[str]:
    """Tags from several places (the text's, then ``--tag``'s), in order, each once."""
    out: list[str] = []
    for group in groups:
        for tag in group:
            if tag not in out:
                out.append(tag)
    return out
