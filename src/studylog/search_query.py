"""What ``studylog search QUERY`` asks for, read once, safely: the words and phrases to find, the
ones to leave out, and how each engine is asked for them (an FTS5 ``MATCH`` expression on SQLite,
``LIKE``/``ILIKE`` patterns on either). Pure: no SQL is run here, and nothing the learner types can
reach the database as syntax (every term is a quoted FTS5 string or an escaped pattern bound as a
parameter).

The query language (docs in the README's "Searching"):

- words, separated by spaces: an entry matches when it holds every one (in its text or notes);
- ``"attention is all"``: a phrase, found as written (runs of spaces count as one);
- ``transform*``: a prefix. Every word already matches inside longer words (``transform`` finds
  "transformers", ``환경변수`` finds "환경변수로"), since the index is of character trigrams;
  the ``*`` is accepted and changes nothing;
- ``-word`` or ``-"a phrase"``: leave out the entries that hold it;
- case does not matter. Any other character (``:``, ``(``, ``-`` inside a word, ``'``) is text.

A quote left open is a ``UsageError``, and so is a query with nothing to look for (empty, only
``*``, or only words to leave out), too long, or not valid text.
"""

from __future__ import annotations

import re

from studylog.errors import UsageError
from studylog.namedtuple import NamedTuple

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
INDEXED_CHARS = 3
"""The shortest term the trigram index can find; shorter ones are matched by a pattern (a scan
over the candidate rows, or over the whole index when no term is longer)."""


class Term(NamedTuple):
    text: str  # as found: whitespace collapsed to one space, no quotes, no trailing '*'
    negated: bool = False
    phrase: bool = False
    prefix: bool = False

    @property
    def indexed(self) -> bool:
        """Whether the trigram index can find it (three characters or more)."""
        return len(self.text) >= INDEXED_CHARS


class Query(NamedTuple):
    terms: tuple[Term, ...]

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def negative(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.negated)

    def __str__(self) -> str:
        parts = []
        for t in self.terms:
            body = f'"{t.text}"' if t.phrase or " " in t.text else t.text
            parts.append(("-" if t.negated else "") + body + ("*" if t.prefix else ""))
        return " ".join(parts)


def _is_space(c: str) -> bool:
    return c.isspace() or (not c.isprintable() and c not in "\u200d\u200c")  # controls separate words


def parse(text: str) -> Query:
    """The query ``text``; ``UsageError`` (one line, with what to do) for a malformed one."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError("the query is not valid text (it holds bytes that are not UTF-8)", "retype it") from None
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(f"the query is longer than {MAX_QUERY_CHARS} characters", "search for fewer words")
    terms: list[Term] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if _is_space(c):
            i += 1
            continue
        negated = False
        if c == "-" and i + 1 < n and not _is_space(text[i + 1]) and text[i + 1] != "-":
            negated, i = True, i + 1
            c = text[i]
        if c == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise UsageError(
                    'the query has a quote (") that is not closed',
                    "close the phrase, e.g. studylog search '\"attention is all\"'",
                )
            body, i, phrase = text[i + 1 : end], end + 1, True
        else:
            start = i
            while i < n and not _is_space(text[i]) and text[i] != '"':
                i += 1
            body, phrase = text[start:i], False
        prefix = False
        while i < n and text[i] == "*":  # "a phrase"* : the star after a closing quote
            prefix, i = True, i + 1
        stripped = body.rstrip("*")
        prefix = prefix or stripped != body
        words = " ".join("".join(" " if _is_space(ch) else ch for ch in stripped).split())
        if not phrase and words and not words.strip("-*"):
            continue  # a lone '-' or '*': punctuation, not a term
        if words:
            terms.append(Term(words, negated, phrase, prefix))
    if len(terms) > MAX_TERMS:
        raise UsageError(f"the query has {len(terms)} words and phrases, more than {MAX_TERMS}", "search for fewer")
    query = Query(tuple(dict.fromkeys(terms)))
    if not query.terms:
        raise UsageError(
            "the query has nothing to search for", "give a word or a phrase, e.g. studylog search backprop"
        )
    if not query.positive:
        raise UsageError(
            "the query only says what to leave out (-word)", "add a word to search for, e.g. studylog search rl -ppo"
        )
    return query


def from_args(args: list[str]) -> Query:
    """The query of ``studylog search ARG...``: the arguments joined by spaces, except that an
    argument holding spaces and no query syntax (no ``"``, ``*`` or ``-word``) is a phrase, since
    the shell's quotes around it are gone: ``studylog search "attention is all"`` finds the phrase,
    ``studylog search attention is all`` the three words anywhere."""
    parts = []
    for arg in args:
        if arg.startswith("--") and len(arg) > 2:
            raise UsageError(
                f"no such option: {arg.split('=')[0]}",
                f"see 'studylog search --help'; to find the text, quote it: '\"{arg}\"'",
            )
        words = arg.split()
        plain = '"' not in arg and "*" not in arg and not any(w.startswith("-") for w in words)
        parts.append(f'"{arg}"' if plain and len(words) > 1 else arg)
    return parse(" ".join(parts))


def fts5_string(term: Term) -> str:
    """``term`` as one FTS5 string: quoted, with its quotes doubled, so that nothing in it is
    FTS5 syntax (``-``, ``:``, ``*``, ``(``, ``NOT`` are all text inside a string)."""
    return '"' + term.text.replace('"', '""') + '"'


def fts5_match(terms: tuple[Term, ...]) -> str | None:
    """The FTS5 MATCH expression that finds every indexed term of ``terms`` (all of them, AND);
    None when none is long enough for the index."""
    strings = [fts5_string(t) for t in terms if t.indexed]
    return " AND ".join(strings) if strings else None


def fts5_any(terms: tuple[Term, ...]) -> str | None:
    """The FTS5 MATCH expression that finds any indexed term of ``terms`` (OR)."""
    strings = [fts5_string(t) for t in terms if t.indexed]
    return " OR ".join(strings) if strings else None


def like_pattern(term: Term) -> str:
    r"""A ``LIKE … ESCAPE '\'`` pattern that finds ``term`` anywhere in a text."""
    return "%" + term.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _regex(term: Term) -> re.Pattern[str]:
    return re.compile(re.escape(term.text).replace(r"\ ", r"\s+"), re.IGNORECASE)


def spans(query: Query, text: str) -> tuple[tuple[int, int], ...]:
    """Where the query's words and phrases (not those left out) occur in ``text``: sorted,
    overlapping ranges merged, as ``(start, end)`` character offsets."""
    found = sorted(m.span() for t in query.positive for m in _regex(t).finditer(text) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def matches_all(query: Query, *texts: str) -> bool:
    """Whether every word and phrase of ``query`` (not those left out) occurs in one of ``texts``:
    how an item's title and reference are searched (case does not matter)."""
    return all(any(_regex(t).search(x) for x in texts) for t in query.positive)
