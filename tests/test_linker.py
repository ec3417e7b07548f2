"""Linking imported entries to curriculum items (studylog.importers.linker)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from studylog.curriculum.catalog import load_catalog
from studylog.importers.linker import Linker, normalize_url
from studylog.paths import shipped_curricula_dir

FORMATS = SHARED / "formats"


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_catalog(shipped_curricula_dir(), None))


@pytest.mark.parametrize(
    "text, ref",
    [
        # by URL: a DLC chapter file, a lecture's own video
        (
            "notes on [this](https://github.com/jacobhilton/deep_learning_curriculum/blob/master/2-Scaling-Laws.md)",
            "dlc/2",
        ),
        ("read https://github.com/jacobhilton/deep_learning_curriculum/tree/main/6-Reinforcement-Learning.md", "dlc/6"),
        ("watched https://youtu.be/P6sfmUTpUmc again", "karpathy/4"),
        ("watched https://www.youtube.com/watch?v=VMj-3S1tku0&t=120s", "karpathy/1"),
        # by alias, whole words, any case
        (
            "Around 2 hours to finish exercise [week0_d4_optimization](https://colab.research.google.com/drive/1Hj)",
            "arena2/0.4",
        ),
        ("WEEK0_D2_CNN done", "arena2/0.2"),
        ("makemore-4 exercises", "karpathy/5"),
        ("review dlc/3 notes", "dlc/3"),
        ("Around 7 hours to finish [week2_deep_Q_Learning](https://arena-ch2-rl.streamlit.app/).", "arena2/2.2"),
        # by number and title
        (
            "Around 15 hours to finish [Topic 2 Scaling Laws](https://colab.research.google.com/drive/1xT) in "
            "[DLC](https://github.com/jacobhilton/deep_learning_curriculum/tree/master).",
            "dlc/2",
        ),
        ("Topic 2 Scaling Laws in DLC", "dlc/2"),
        ("Around 3 hours to finish [Topic 8 Interpretability](https://colab.research.google.com/drive/15C)", "dlc/8"),
        ("Around 25 hours to finish Topic 6 Reinforcement Learning in DLC.", "dlc/6"),
        (
            "Finished [Week 3 Goal Misgeneralization](https://course.aisafetyfundamentals.com/alignment?week=3) reading",
            "aisf/3",
        ),
        (
            "Finished [Week 2 Reward Misspecification](https://course.aisafetyfundamentals.com/alignment?week=2) reading",
            "aisf/2",
        ),
        ("Week 3 goal misgeneralisation", "aisf/3"),  # British spelling
        ("Did [0.4] Optimization & Hyperparameters", "arena2/0.4"),
        # Karpathy: lecture numbers, and makemore parts (part N = lecture N + 1)
        ("finish part 5/8 karpathy lecture", "karpathy/5"),
        ("worked through part of karpathy lecture 5/8", "karpathy/5"),
        ("Finished part3 of karpathy makemore series (video 4/8 total)", "karpathy/4"),
        ("makemore part 5 done", "karpathy/6"),
        ("lecture 3 of karpathy's course", "karpathy/3"),
        # weak evidence inside a named curriculum
        ("Finished DLC Alignment topic exericise, it takes me around 30 hours.", "dlc/7"),
        ("Let's build the GPT tokenizer with Karpathy", "karpathy/8"),
    ],
)
def test_links_one_clearly_named_item(linker, text, ref):
    assert linker.link(text, []) == ref


@pytest.mark.parametrize(
    "text",
    [
        # two items named: undecidable
        "Finished [Week 3 Goal Misgeneralization](https://course.aisafetyfundamentals.com/alignment?week=3) and "
        "[Week 4 Task Decomposition for scalable oversight](https://course.aisafetyfundamentals.com/home/alignment?week=4)",
        "[Alignment Course - AI Safety Fundamentals](https://aisafetyfundamentals.com/ai-alignment-curriculum): "
        "week 0 + week1",
        "week0_d2_cnn and week0_d3_resnet",
        "makemore part 5 (lecture 5/8 of karpathy)",
        # a chapter app shared by several sections names no section
        "[notes](https://arena-ch0-fundamentals.streamlit.app/)",
        "Around 2.5 hours on [ch2](https://arena-ch2-rl.streamlit.app/), a memory refresher",
        # the curriculum but no item
        "found the [jacob hilton curriculum](https://github.com/jacobhilton/deep_learning_curriculum?tab=readme-ov-file)",
        "In the progress of doing an exercise in "
        "[DLC](https://github.com/jacobhilton/deep_learning_curriculum/tree/master)",
        # nothing
        "Talked with 80k hours career advisor",
        "Watched [Essence of Linear Algebra Preview](https://www.youtube.com/watch?v=kjBOesZCoqc) by ThreeBlueOneBrown",
        "Watched Bro Code and CS50P - 'week 0' to learn functions",
        "Finished Week1. Applied to 3 MIS internships",
        "6/2/2025 - Week 1 Day 2 (Monday)",
        "Trained a BPE tokenizer",  # a letters-only alias needs its curriculum named
        "Chapter 1 intro to cooking",
        "week0_d2_cnnx and xweek0_d2_cnn",  # aliases are whole words
        "makemore-45",
        "Wrote blog posts [Find the induction heads in GPT-2](https://ziyuewang25.github.io/blog/2023/DLC-T1-MI/) and "
        "[ARENA learning experience](https://ziyuewang25.github.io/blog/2023/ARENA/)",
        "",
    ],
)
def test_links_nothing_when_unclear(linker, text):
    assert linker.link(text, []) is None


@pytest.mark.parametrize(
    "text, refs",
    [
        # each part of a list names one item strongly: every one, in the order named
        (
            "Finished [Week 3 Goal Misgeneralization](https://course.aisafetyfundamentals.com/alignment?week=3) and "
            "[Week 4 Task Decomposition for scalable oversight](https://course.aisafetyfundamentals.com/home/alignment?week=4)"
            " reading",
            ["aisf/3", "aisf/4"],
        ),
        ("week0_d3_resnet and week0_d2_cnn", ["arena2/0.3", "arena2/0.2"]),
        ("week0_d2_cnn, week0_d3_resnet & week0_d4_optimization", ["arena2/0.2", "arena2/0.3", "arena2/0.4"]),
        ("dlc/2; dlc/3", ["dlc/2", "dlc/3"]),
        ("[Topic 2 Scaling Laws](https://colab.research.google.com/x) in DLC, again", ["dlc/2"]),
        # one item named twice is one item
        ("week0_d2_cnn and more week0_d2_cnn", ["arena2/0.2"]),
        # evidence that disagrees inside one part is no link at all
        ("makemore part 5 (lecture 5/8 of karpathy)", []),
        ("makemore part 5 (lecture 5/8 of karpathy) and week0_d2_cnn", []),
        # weak evidence links one item at most
        (
            "[Alignment Course - AI Safety Fundamentals](https://aisafetyfundamentals.com/ai-alignment-curriculum): "
            "week 0 + week1",
            [],
        ),
        ("Talked with 80k hours career advisor", []),
    ],
)
def test_link_all_links_each_item_a_line_names(linker, text, refs):
    assert linker.link_all(text, []) == refs
    assert linker.link(text, []) == (refs[0] if len(refs) == 1 else None)


def test_link_all_reads_notes_one_per_item(linker):
    assert linker.link_all("a day of reading", ["dlc/2", "dlc/3"]) == ["dlc/2", "dlc/3"]
    assert linker.link_all("week0_d2_cnn", ["dlc/2", "dlc/3"]) == ["arena2/0.2"]  # the text comes first


def test_notes_count_only_when_the_text_names_nothing_strongly(linker):
    chapter = "[file](https://github.com/jacobhilton/deep_learning_curriculum/blob/master/2-Scaling-Laws.md)"
    assert linker.link("finished today's exercise", [chapter]) == "dlc/2"
    assert linker.link("week0_d2_cnn", ["see dlc/3 too"]) == "arena2/0.2"
    assert linker.link("Finished DLC Alignment topic", ["also https://youtu.be/P6sfmUTpUmc"]) == "karpathy/4"
    assert linker.link("a day of reading", ["dlc/2", "dlc/3"]) is None


def test_learner_logs(linker):
    """The shared daily notes: "part 5/8 karpathy lecture" is lecture 5; "part3 of makemore" is 4."""
    text = (FORMATS / "daily-notes-goals-done.md").read_text(encoding="utf-8")
    lines = [line.strip().lstrip("- ").strip() for line in text.splitlines() if line.strip().startswith("- ")]
    linked = {line: linker.link(line, []) for line in lines if linker.link(line, [])}
    assert linked == {
        "finish part 5/8 karpathy lecture": "karpathy/5",
        "start part 5/8 karpathy lecture": "karpathy/5",
        "worked through part of karpathy lecture 5/8": "karpathy/5",
        "Finished part3 of karpathy makemore series (video 4/8 total)": "karpathy/4",
    }


def test_til_page(linker):
    """Every numbered item of the TIL page, in page order: the items it links and to what."""
    text = (FORMATS / "til-page-jekyll.md").read_text(encoding="utf-8")
    items = [re.sub(r"^\s*\d+\.\s*", "", line) for line in text.splitlines() if re.match(r"\s*\d+\. ", line)]
    linked = [(item[:48], linker.link(item, [])) for item in items if linker.link(item, [])]
    assert linked == [
        ("Finished DLC Alignment topic exericise, it takes", "dlc/7"),
        ("In the progress of doing Alignment exercise in [", "dlc/7"),
        ("Finished [Week 2 Reward Misspecification](https:", "aisf/2"),
        ("Around 15 hours to finish [Topic 2 Scaling Laws]", "dlc/2"),
        ("Around 7 hours to finish [week2_deep_Q_Learning]", "arena2/2.2"),
        ("Around 4 hours to finish [week2_PPO](https://col", "arena2/2.3"),
        ("Around 25 hours to finish Topic 6 Reinforcement ", "dlc/6"),
        ("Around 2 hours to finish exercise [week0_d4_opti", "arena2/0.4"),
        ("Around 2 hours to finish exercise [week0_d5_back", "arena2/0.5"),
        ("Around 3 hours to finish exercise [week1_d1_tran", "arena2/1.1"),
        ("Around 5 hours to finish exercise [week1_d2_mech", "arena2/1.2"),
        ("Around 3 hours to finish [Topic 8 Interpretabili", "dlc/8"),
        ("Around 2.5 hours to finish [week2_d1_intro_to_RL", "arena2/2.1"),
        ("Around 2.3 hours to finish exercise [week0_d2_cn", "arena2/0.2"),
        ("Around 2.4 hours to finish exercise [week0_d3_re", "arena2/0.3"),
        ("Followed [Deep Learning Curriculum](https://gith", "dlc/1"),
        # "readings about AI Safety in [week 1](https://aisafetyfundamentals.com/...)": week 1 of the
        # curriculum whose site the link points to (weak evidence, but the only evidence)
        ("Some more readings about AI Safety in [week 1](h", "aisf/1"),
    ]
    both_weeks = next(item for item in items if "Week 3 Goal Misgeneralization" in item)
    assert linker.link(both_weeks, []) is None  # weeks 3 and 4 in one item: not one item...
    assert linker.link_all(both_weeks, []) == ["aisf/3", "aisf/4"]  # ...but both
    several = [(item[:48], linker.link_all(item, [])) for item in items if len(linker.link_all(item, [])) > 1]
    assert several == [("Finished [Week 3 Goal Misgeneralization](https:/", ["aisf/3", "aisf/4"])]


def test_urls_are_compared_in_a_normal_form():
    assert normalize_url("https://www.youtube.com/watch?v=VMj-3S1tku0&t=5") == "yt:VMj-3S1tku0"
    assert normalize_url("https://youtu.be/VMj-3S1tku0") == "yt:VMj-3S1tku0"
    assert normalize_url(
        "https://github.com/JacobHilton/deep_learning_curriculum/blob/master/2-Scaling-Laws.md"
    ) == normalize_url("github.com/jacobhilton/deep_learning_curriculum/tree/main/2-Scaling-Laws.md/")
    assert (
        normalize_url("https://course.aisafetyfundamentals.com/alignment?utm_source=x&session=3")
        == "course.aisafetyfundamentals.com/alignment?session=3"
    )
    assert normalize_url("not a url") is None


def test_link_uses_the_tables_built_once(linker):
    """link() never walks the catalog: a linker whose catalog is emptied afterwards still links."""
    catalog = load_catalog(shipped_curricula_dir(), None)
    fresh = Linker(catalog)
    catalog.curricula.clear()
    assert fresh.link("Topic 2 Scaling Laws in DLC", []) == "dlc/2"
    assert fresh.link("week0_d4_optimization", []) == "arena2/0.4"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(), st.lists(st.text(), max_size=3))
def test_never_raises(linker, text, notes):
    ref = linker.link(text, notes)
    assert ref is None or "/" in ref


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            [
                "week",
                "part",
                "lecture",
                "topic",
                " ",
                "2",
                "3/8",
                "5",
                "0.4",
                "[",
                "]",
                "(",
                ")",
                "karpathy",
                "makemore",
                "DLC",
                "of",
                "Scaling Laws",
                "https://youtu.be/",
                "https://github.com/jacobhilton/deep_learning_curriculum/blob/master/",
                "-",
                "week0_d2_cnn",
                "/",
                ".",
                "www.",
                "?v=",
                "aisf",
            ]
        ),
        max_size=14,
    ).map("".join)
)
def test_never_raises_on_link_like_text(linker, text):
    ref = linker.link(text, [text])
    assert ref is None or "/" in ref


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/2305.18290",
        "https://arxiv.org/pdf/2305.18290.pdf",
        "https://arxiv.org/pdf/2305.18290v2",
        "http://www.arxiv.org/html/2305.18290v1",
        "https://export.arxiv.org/abs/2305.18290v3/",
    ],
)
def test_an_arxiv_paper_is_one_page_however_linked(url):
    """The learner links papers by their PDF ("1st pass of reading [DPO paper](…/pdf/2305.18290.pdf)")
    where a list names the abstract page: the same paper, any version."""
    assert normalize_url(url) == "arxiv:2305.18290"
    assert normalize_url("https://arxiv.org/abs/hep-th/9901001v2") == "arxiv:hep-th/9901001"
    assert normalize_url("https://arxiv.org/list/cs.LG/recent") == "arxiv.org/list/cs.lg/recent"  # not a paper
