"""annual.similarity: shingle containment, the copied passages, the pairwise screening."""

from __future__ import annotations

import os
import random
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual import similarity
from gongkai.annual.example import random_report
from gongkai.annual.readers import read_path

OLD = (
    "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作，"
    "不断完善公开制度，规范依申请公开办理流程，加强政府网站和政务新媒体管理。"
)
NEW = "今年我们把重点放在数据开放上，上线了统计数据查询系统，并邀请企业代表座谈三次，听取意见建议。"

# CJK text drawn from two disjoint alphabets (no 8-character run can be shared)
_left = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80), min_size=8, max_size=200)
_right = st.text(alphabet=st.characters(min_codepoint=0x5000, max_codepoint=0x5080), min_size=8, max_size=200)


@settings(deadline=None)
@given(_left)
def test_a_text_is_wholly_found_in_itself(text):
    result = similarity.compare(text, text, min_passage=0)
    assert result.share == 1.0
    assert [p.text for p in result.passages] == [text]  # one passage: all of it


@settings(deadline=None)
@given(_left, _right)
def test_texts_with_no_character_in_common_share_nothing(a, b):
    assert similarity.compare(a, b).share == 0.0
    assert similarity.compare(a, b).passages == ()


@settings(deadline=None)
@given(_left, _left)
def test_the_shared_count_is_the_same_from_both_sides(a, b):
    ab, ba = similarity.compare(a, b), similarity.compare(b, a)
    assert 0.0 <= ab.share <= 1.0 and 0.0 <= ba.share <= 1.0
    assert ab.shared == ba.shared
    assert abs(ab.share * ab.size - ba.share * ba.size) < 1e-9


def test_whitespace_and_line_breaks_do_not_hide_a_copy():
    wrapped = "\n".join(OLD[i : i + 13] for i in range(0, len(OLD), 13)).replace("，", " ，")
    assert similarity.compare(wrapped, OLD).share == 1.0


def test_the_copied_passage_is_found_with_its_section_and_place():
    this_year = [("overview", NEW), ("problems", "存在的问题：" + OLD[10:70] + "。下一步我们将继续努力。")]
    last_year = [("overview", OLD), ("problems", "无")]
    result = similarity.compare(this_year, last_year)
    assert 0.3 < result.share < 0.8
    (passage,) = result.passages
    assert passage.section == "problems"
    assert passage.text == OLD[10:70]
    assert this_year[1][1][passage.start : passage.end] == passage.text
    # short shared runs (a common phrase) are not listed as passages
    assert similarity.compare(NEW + "政府信息公开条例", OLD).passages == ()


def test_most_similar_finds_the_copied_pair_only():
    texts = [
        OLD,
        NEW,
        OLD[:-10] + "另起一句新的话。",
        "完全不同的第四段文字，与其他各段都没有关系，讲的是别的事情。",
    ]
    prints = [similarity.fingerprint(t, key=str(i)) for i, t in enumerate(texts)]
    pairs = similarity.most_similar(prints, threshold=0.5)
    assert [(p.a, p.b) for p in pairs] == [(0, 2)]
    assert pairs[0].share_a > 0.8 and pairs[0].share == max(pairs[0].share_a, pairs[0].share_b)
    assert similarity.most_similar(prints, threshold=1.01) == []


def test_reports_share_their_template_text():
    """random_report writes the same 五 for every agency: the pairs are found among reports."""
    reports = [random_report(random.Random(i)) for i in range(5)]
    pairs = similarity.most_similar(reports, threshold=0.3)
    assert pairs and all(p.share >= 0.3 for p in pairs)
    assert similarity.prose(reports[0])[0][0] == "overview"
    assert "other" not in dict(similarity.prose(reports[0]))


def test_hongze_2024_against_2023(corpus):
    """The same district's reports for 2023 and 2024 (corpus 010, 011): a third or more of the
    2024 text is the 2023 text again — below the 50% of 宿迁, above chance (009, another agency)."""
    reports = corpus / "reports"
    r2023 = read_path(reports / "010_hongzequ_2023.txt")
    r2024 = read_path(reports / "011_hongzequ_2024.txt")
    huaian = read_path(reports / "009_huaian_2024.txt")
    this = similarity.compare_reports(r2024, r2023)
    assert 0.30 < this.share < 0.45  # 37% when written
    assert similarity.compare_reports(r2023, r2024).share > this.share  # 2023 is the shorter
    assert this.passages[0].section == "problems"
    assert "扎实推进依申请公开工作" in this.passages[0].text
    assert similarity.compare_reports(r2024, huaian).share < 0.1


def test_sketches_are_exact_for_short_texts_and_close_for_long_ones(corpus):
    """A sketch keeps SKETCH_SIZE shingles: exact while both texts have no more, within a few
    points above (checked on every pair of the corpus)."""
    short = [similarity.fingerprint(t) for t in (OLD, NEW, OLD[:-10] + "另起一句新的话。")]
    for a, b in ((0, 1), (0, 2), (1, 2)):
        shared, share = similarity._share(short[a], short[b])
        assert similarity.sketch_shares(similarity.Sketch(short[a]), similarity.Sketch(short[b]))[0] == share
    prints = [similarity.report_fingerprint(read_path(p)) for p in sorted(corpus.rglob("*.txt"))]
    sketches = [similarity.Sketch(p) for p in prints]
    assert all(len(s.values) <= similarity.SKETCH_SIZE for s in sketches)
    for i, j in [(i, j) for i in range(len(prints)) for j in range(len(prints)) if i < j]:
        exact = similarity._share(prints[i], prints[j])[1]
        assert abs(similarity.sketch_shares(sketches[i], sketches[j])[0] - exact) < 0.1


def test_similar_files_confirms_the_candidates_exactly():
    """The sketches only pick candidates; the shares reported are the full fingerprints' own, and
    only the candidates' fingerprints are made again."""
    texts = [
        OLD,
        NEW,
        OLD[:-10] + "另起一句新的话。",
        "完全不同的第四段文字，与其他各段都没有关系，讲的是别的事情。",
    ]
    prints = [similarity.fingerprint(t, key=str(i)) for i, t in enumerate(texts)]
    asked = []

    def again(i):
        asked.append(i)
        return prints[i]

    pairs = similarity.similar_files([similarity.Sketch(p) for p in prints], again, threshold=0.5)
    exact = similarity.most_similar(prints, threshold=0.5)
    assert [(p.a, p.b, p.share_a, p.share_b) for p in pairs] == [
        (p.a, p.b, p.share_a, p.share_b) for p in exact
    ]
    assert 3 not in asked


def test_sketches_are_the_same_in_every_process():
    # a str's hash changes from process to process; the shingles' must not, or the pairs a run
    # names as the most similar (picked by their sketches) change from one run to the next
    script = (
        "from gongkai.annual import similarity;"
        f"print(list(similarity.Sketch(similarity.fingerprint({OLD + NEW!r}), k=16).values))"
    )
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": os.pathsep.join(sys.path)}
        seen.add(
            subprocess.run(
                [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
    assert len(seen) == 1


def test_the_quick_bound_rules_out_only_pairs_below_the_threshold():
    # _may_reach skips a pair without estimating it: never one the estimate would have kept
    rng = random.Random(8)
    pool = [rng.getrandbits(62) for _ in range(1500)]
    sketches = [
        similarity.Sketch(similarity.Fingerprint(frozenset(rng.sample(pool, rng.randint(1, 1200)))))
        for _ in range(60)
    ]
    for threshold in (0.2, 0.5, 0.8):
        kept = similarity.most_similar_sketches(sketches, threshold)
        every = [
            (i, j)
            for i in range(len(sketches))
            for j in range(i + 1, len(sketches))
            if max(similarity.sketch_shares(sketches[i], sketches[j])) >= threshold
        ]
        assert sorted((p.a, p.b) for p in kept) == every
