"""The legal parameters as data: deadlines, outcomes ↔ table 三 rows ↔ reply types, applicants."""

from gongkai.annual.layout import APPLICANT_PARTS, LAYOUT_2021
from gongkai.applications.rules import (
    APPLICANT_TYPES,
    ARTICLE_36,
    DEFAULT_DEADLINES,
    ID_TYPES,
    LAPSE_OUTCOMES,
    OUTCOMES,
    REPLY_TYPES,
    ReplyType,
    outcome,
    outcomes_for,
)


def test_deadlines():
    d = DEFAULT_DEADLINES
    assert (d.reply, d.extension_max, d.correction_notice, d.consultation, d.payment) == (20, 20, 7, 15, 20)


def test_21_outcomes_are_exactly_the_table_rows():
    grid = LAYOUT_2021.applications
    rows = [r.key for r in grid.rows if r.block == "三、本年度办理结果" and r.key != "r_total"]
    assert list(OUTCOMES) == rows
    assert len(OUTCOMES) == 21
    for key, o in OUTCOMES.items():
        assert o.label == grid.row(key).label


def test_outcome_groups():
    assert outcome("r_open").group == "（一）予以公开"
    assert outcome("r_partial").group == "（二）部分公开"
    assert outcome("r_deny_third_party").group == "（三）不予公开"
    assert outcome("r_unable_not_held").group == "（四）无法提供"
    assert outcome("r_noproc_repeat").group == "（五）不予处理"
    assert outcome("r_other_fee_unpaid").group == "（六）其他处理"


def test_every_article_36_reply_type_has_an_outcome():
    for reply_type in ARTICLE_36:
        assert outcomes_for(reply_type), reply_type
    assert len(ARTICLE_36) == 7
    assert [o.key for o in outcomes_for(ReplyType.ART36_5)] == ["r_unable_not_held"]
    assert [o.key for o in outcomes_for(ReplyType.ART36_6)] == ["r_noproc_repeat"]
    assert {o.key for o in outcomes_for(ReplyType.ART36_3)} == {
        "r_deny_state_secret",
        "r_deny_law_forbidden",
        "r_deny_three_security_one_stability",
        "r_deny_third_party",
        "r_deny_internal_affairs",
        "r_deny_process_info",
        "r_deny_enforcement_file",
    }
    for o in OUTCOMES.values():
        assert o.reply_types and all(t in REPLY_TYPES for t in o.reply_types)


def test_partial_disclosure_counts_only_as_partial():
    assert outcome("r_partial").reply_types == (ReplyType.ART37,)
    assert not any(ReplyType.ART37 in o.reply_types for o in OUTCOMES.values() if o.key != "r_partial")


def test_lapse_outcomes():
    assert {"r_other_no_correction", "r_other_fee_unpaid"} == LAPSE_OUTCOMES


def test_unknown_outcome():
    import pytest

    with pytest.raises(ValueError, match="未知的办理结果"):
        outcome("r_total")


def test_applicant_types_are_the_columns():
    assert tuple(APPLICANT_TYPES) == APPLICANT_PARTS
    assert not APPLICANT_TYPES["natural_person"].is_organisation
    assert APPLICANT_TYPES["org_legal_service"].label == "法律服务机构"
    assert APPLICANT_TYPES["org_legal_service"].group == "法人或其他组织"


def test_id_types():
    assert ID_TYPES["resident_id"].label == "居民身份证"
    assert ID_TYPES["uscc"].for_organisations
    assert {k for k, t in ID_TYPES.items() if t.checked} == {"resident_id", "hmt_residence_permit", "uscc"}
