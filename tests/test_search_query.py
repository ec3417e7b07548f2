"""The search query parser (``studylog.search_query``): words, phrases, prefixes, exclusions; any
text the learner types either parses or is one UsageError, and what reaches FTS5 is always a
quoted string (checked against a real FTS5 table)."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studylog.errors import UsageError
from studylog.search_query import (
    MAX_TERMS,
    Term,
    from_args,
    fts5_any,
    fts5_match,
    like_pattern,
    matches_all,
    parse,
    spans,
)


def test_words_phrases_prefixes_and_exclusions():
    q = parse('attention "is  all"  transform* -ppo -"reward model" c++ a:b')
    assert q.terms == (
        Term("attention"),
        Term("is all", phrase=True),
        Term("transform", prefix=True),
        Term("ppo", negated=True),
        Term("reward model", negated=True, phrase=True),
        Term("c++"),
        Term("a:b"),
    )
    assert [t.text for t in q.positive] == ["attention", "is all", "transform", "c++", "a:b"]
    assert str(q) == 'attention "is all" transform* -ppo -"reward model" c++ a:b'


def test_punctuation_alone_is_not_a_term_and_hyphens_inside_words_are_text():
    assert parse("well-known - * --x").terms == (Term("well-known"), Term("--x"))
    assert parse('"a phrase"*').terms == (Term("a phrase", phrase=True, prefix=True),)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "nothing to search for"),
        ("   ", "nothing to search for"),
        ("* - **", "nothing to search for"),
        ('""', "nothing to search for"),
        ("-ppo", "only says what to leave out"),
        ('"attention is', "not closed"),
        ('a "b" "c', "not closed"),
        ("x" * 501, "longer than 500"),
        (" ".join(f"w{n}" for n in range(MAX_TERMS + 1)), "more than 16"),
        ("caf\udce9", "not valid text"),
    ],
)
def test_malformed_queries_are_one_usage_error(text, says):
    with pytest.raises(UsageError) as err:
        parse(text)
    assert says in err.value.message
    assert "\n" not in str(err.value)


def test_arguments_with_spaces_are_phrases_unless_they_use_the_syntax():
    assert from_args(["attention is all"]).terms == (Term("attention is all", phrase=True),)
    assert from_args(["attention", "is", "all"]).terms == (Term("attention"), Term("is"), Term("all"))
    assert from_args(["rl -ppo"]).terms == (Term("rl"), Term("ppo", negated=True))
    assert from_args(['"a b" c']).terms == (Term("a b", phrase=True), Term("c"))


def test_fts5_expression_quotes_every_term():
    q = parse('say "he said ""hi""" NOT AND x* (y) col:z')
    expr = fts5_match(q.positive)
    assert expr == '"say" AND "he said" AND "NOT" AND "AND" AND "(y)" AND "col:z"'  # 'hi' and 'x': too short
    assert fts5_any(q.positive) == expr.replace(" AND ", " OR ")
    assert fts5_match(parse("rl ai").positive) is None


def test_like_patterns_escape_wildcards():
    assert like_pattern(Term("50%_off\\")) == "%50\\%\\_off\\\\%"


def test_spans_merge_and_ignore_case_in_any_script():
    q = parse("attention tent 환경변수")
    assert spans(q, "ATTENTION please: Attention") == ((0, 9), (18, 27))
    assert spans(q, "Linux에서 환경변수로 설정") == ((8, 12),)
    assert matches_all(parse("chapter transformers"), "Chapter 1: Transformers")
    assert not matches_all(parse("chapter rl"), "Chapter 1: Transformers")


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'trigram')")
    conn.execute("INSERT INTO t (text) VALUES ('attention is all you need'), ('\"quoted\" text: with -dashes*')")
    return conn


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(codec=None), max_size=80) | st.text(alphabet='"-*:() ^+aé논\t\x00\\%_', max_size=30)
)
def test_any_text_parses_or_is_a_usage_error_and_fts5_accepts_the_expression(fts, text):
    try:
        q = parse(text)
    except UsageError:
        return
    for expr in (fts5_match(q.positive), fts5_any(q.positive), fts5_any(q.negative)):
        if expr is not None:
            fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()  # no syntax error
    for term in q.terms:
        fts.execute("SELECT count(*) FROM t WHERE text LIKE ? ESCAPE '\\'", (like_pattern(term),)).fetchone()
        spans(q, term.text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=5))
def test_any_arguments_make_a_query_or_a_usage_error(args):
    try:
        q = from_args(args)
    except UsageError as err:
        assert "\n" not in str(err)
        return
    assert q.positive
