"""The decision → table-四 column mapping is data; these pin it, code by code."""

import pytest

from gongkai.annual.layout import LAYOUT_2021
from gongkai.appeals import rules
from gongkai.appeals.rules import Bucket, Kind

EXPECTED = {
    # 行政复议法 (2023)
    "recon_uphold": Bucket.UPHELD,  # 第六十八条 维持
    "recon_change": Bucket.CORRECTED,  # 第六十三条 变更
    "recon_revoke": Bucket.CORRECTED,  # 第六十四条 撤销
    "recon_partial_revoke": Bucket.CORRECTED,  # 第六十四条 部分撤销
    "recon_confirm_illegal": Bucket.CORRECTED,  # 第六十五条
    "recon_order_perform": Bucket.CORRECTED,  # 第六十六条
    "recon_confirm_invalid": Bucket.CORRECTED,  # 第六十七条
    "recon_reject_claim": Bucket.OTHER,  # 第六十九条 驳回
    "recon_reject_application": Bucket.OTHER,  # 第三十三条 驳回申请
    "recon_terminate": Bucket.OTHER,  # 终止
    "recon_mediation": Bucket.OTHER,  # 第七十三条 调解
    "recon_settlement": Bucket.OTHER,  # 第七十四条 和解
    # 行政诉讼
    "court_reject_claim": Bucket.UPHELD,  # 判决驳回诉讼请求
    "court_revoke": Bucket.CORRECTED,
    "court_change": Bucket.CORRECTED,
    "court_confirm_illegal": Bucket.CORRECTED,
    "court_confirm_invalid": Bucket.CORRECTED,
    "court_order_perform": Bucket.CORRECTED,
    "court_order_pay": Bucket.CORRECTED,
    "court_dismiss_suit": Bucket.OTHER,  # 裁定驳回起诉
    "court_allow_withdrawal": Bucket.OTHER,  # 准予撤诉
    "court_terminate": Bucket.OTHER,  # 终结
    "court_mediation": Bucket.OTHER,
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_decision_maps_to_its_bucket(code):
    assert rules.bucket_of(code) is EXPECTED[code]


def test_the_mapping_covers_every_decision_and_nothing_is_pending():
    assert set(rules.DECISIONS) == set(EXPECTED)
    assert all(d.bucket is not Bucket.PENDING for d in rules.DECISIONS.values())
    assert rules.WITHDRAWN_BUCKET is Bucket.OTHER


def test_court_decisions_only_for_litigation():
    recon = {d.code for d in rules.decisions_for(Kind.RECONSIDERATION)}
    court = {d.code for d in rules.decisions_for(Kind.LITIGATION_DIRECT)}
    assert recon == {c for c in EXPECTED if c.startswith("recon_")}
    assert court == {c for c in EXPECTED if c.startswith("court_")}
    assert court == {d.code for d in rules.decisions_for(Kind.LITIGATION_AFTER)}


def test_kinds_and_buckets_are_the_rows_and_columns_of_table_four():
    grid = LAYOUT_2021.review_litigation
    assert {k.value for k in Kind} == set(grid.row_keys)
    assert {b.value for b in Bucket} | {rules.TOTAL_COLUMN} == set(grid.column_keys)


def test_answer_periods_are_data():
    assert rules.answer_period(Kind.RECONSIDERATION).days == 10
    assert rules.answer_period(Kind.RECONSIDERATION).count is rules.DayCount.WORKING
    assert rules.answer_period(Kind.RECONSIDERATION, simplified=True).days == 5
    assert rules.answer_period(Kind.LITIGATION_DIRECT).days == 15
    assert rules.answer_period(Kind.LITIGATION_DIRECT).count is rules.DayCount.CALENDAR
    # 简易程序 is a 复议 notion: a court case keeps its 15 days.
    assert rules.answer_period(Kind.LITIGATION_AFTER, simplified=True).days == 15


def test_the_kinds_and_buckets_are_the_layouts_rows_and_columns_with_its_labels():
    """The labels are literals (for the translation catalogue), so they are held to the layout here."""
    from django.utils import translation

    from gongkai.annual.layout import REVIEW_LITIGATION
    from gongkai.appeals.rules import BUCKET_LABELS, KIND_LABELS, TOTAL_COLUMN

    with translation.override("zh-hans"):
        for row in REVIEW_LITIGATION.rows:
            expected = row.text if row.block == row.text else f"{row.block}（{row.text}）"
            assert str(KIND_LABELS[row.key]) == expected
        assert {k.value for k in KIND_LABELS} == set(REVIEW_LITIGATION.row_keys)
        columns = [c for c in REVIEW_LITIGATION.columns if c.key != TOTAL_COLUMN]
        assert {b.value: str(label) for b, label in BUCKET_LABELS.items()} == {
            c.key: c.label for c in columns
        }
