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


def _fold(word: str) -> str:
    """A tag word in lower case (``casefold``), still a word: ``İ`` folds to ``i`` and a combining
    dot, which no tag has, so the marks that folding leaves are dropped (``#İstanbul`` is
    ``istanbul``) and the normal form of a normal form is itself."""
    folded = word.casefold()
    if _WHOLE.fullmatch(folded):
        return folded
    import unicodedata

    bare = "".join(ch for ch in unicodedata.normalize("NFD", folded) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


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
    tag = _fold(m.group(1))
    if not tag or _WHOLE.fullmatch(tag) is None:
        raise UsageError(f"{raw!r} is not a tag", "a tag is one word of letters and digits, such as 'git'")
    if len(tag) > MAX_TAG:
        raise UsageError(f"the tag {raw[:20]!r}... is longer than {MAX_TAG} characters", "use a shorter tag")
    return tag


def given_tags(values: list[str] | None) -> list[str]:
    """``--tag`` values in their normal form, in order, each once; a UsageError for one that is
    no tag (see ``normalize_tag``)."""
    return merge_tags([normalize_tag(t) for t in values or []])


def tags_in(text: str) -> list[str]:
    """The tags written in ``text`` (``#paper``, ``#VersionControl``), normalised, in order, each
    once. Not ``#12`` (no letter), an anchor inside a URL (``…/page#part``) or ``&#39;``."""
    found: list[str] = []
    for m in _TAG.finditer(text):
        word = m.group(1)
        if not _has_letter(word) or len(word) > MAX_TAG:
            continue
        tag = _fold(word)
        if not tag or _WHOLE.fullmatch(tag) is None or len(tag) > MAX_TAG:
            continue
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


# -- tags in imported files ----------------------------------------------------------------------

# A line of tags: "_Tags: #git #tools_", "**tags:** git, tools", "tags:: machine learning, python",
# "#git #tools" (every word a hashtag).
_TAG_LINE = re.compile(
    r"^[*_]*\s*tags?\s*::?[*_]*\s*(?P<t>.*?)\s*[*_]*$|^(?P<h>#[^\s#]+(?:[\s,]+#[^\s#]+)*)$", re.IGNORECASE
)
_TAG_LINE_WORD = re.compile(r"[^\s,#]+")


def tag_line(line: str) -> list[str] | None:
    """The words a line of tags lists, as written ("_Tags: #git #tools_" -> ["git", "tools"],
    "tags:: machine learning, python" -> ["machine learning", "python"]); None when the line is
    no line of tags ("Tags: are how HTML marks up text." is a sentence)."""
    m = _TAG_LINE.match(line.strip())
    if m is None:
        return None
    if m.group("h") is not None:
        return _TAG_LINE_WORD.findall(m.group("h"))
    listed = m.group("t").strip().rstrip(".")
    if not listed:
        return None
    if "#" in listed:  # "#git #tools": every word a hashtag
        words = listed.replace(",", " ").split()
        return [w.lstrip("#") for w in words] if all(w.startswith("#") and len(w) > 1 for w in words) else None
    parts = [p.strip().strip("[]") for p in listed.split(",")]
    if any(not p or len(p.split()) > (3 if len(parts) > 1 else 1) for p in parts):
        return None  # "Tags: are how HTML marks up text" is a sentence
    return parts


def imported_tag(word: str) -> str | None:
    """A tag word of an imported file in the normal form, or None when it cannot be a tag:
    lenient where ``normalize_tag`` is strict with what the learner types, so that a file is never
    refused for its tags: the words of a tag are joined by ``-`` ("machine learning" ->
    ``machine-learning``), a trailing comma or full stop goes, and ``#12`` is no tag."""
    word = "-".join(word.strip().strip("*_`'\",.;:!?()[]{}").split())
    try:
        return normalize_tag(word)
    except UsageError:
        return None


def imported_tags(words: list[str] | tuple[str, ...] | str | None) -> list[str]:
    """The tags of a list of imported tag words (or a front matter's ``tags: git rust`` string,
    split on spaces and commas as Jekyll does), normalised, each once; the words that cannot be
    tags are left out."""
    if words is None:
        return []
    if isinstance(words, str):
        words = words.replace(",", " ").split()
    out: list[str] = []
    for word in words:
        tag = imported_tag(str(word)) if isinstance(word, str | int | float) else None
        if tag is not None and tag not in out:
            out.append(tag)
    return out


def text_and_note_tags(text: str, notes: list[str], given: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The tags of an imported entry: those its importer ``given`` (a page's front matter or a
    section's line of tags), the ``#words`` of its text, and the words of any note that is a line
    of tags (``_Tags: #Git #VersionControl_`` under it). Its notes' other ``#words`` are prose."""
    from_notes: list[str] = []
    for note in notes:
        if "ag" in note[:12] or note.lstrip("*_ ").startswith("#"):  # cheap: most notes are no tag line
            words = tag_line(note)
            if words:
                from_notes += imported_tags(words)
    return merge_tags(list(given), tags_in(text) if "#" in text else [], from_notes)
