"""Validators (each H and W of spec §5), the GB 32100 check character, the 公示期."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gongkai import law
from gongkai.credit.rules import (
    Kind,
    add_months,
    publicity,
    special_field,
    validate,
)
from gongkai.credit.testing import AUTHORITY, uscc
from gongkai.identifiers import USCC_ALPHABET as USCC_CHARS
from gongkai.identifiers import uscc_check_char, valid_uscc

TODAY = date(2025, 12, 1)


def licence(**overrides):
    values = {
        "subject_name": "示例县金泰商贸有限公司",
        "subject_category": "法人及非法人组织",
        "uscc": uscc(),
        "legal_rep": "王建华",
        "doc_title": "准予食品经营许可决定书",
        "doc_no": "示市监许〔2025〕1号",
        "licence_category": "普通",
        "content": "食品经营许可",
        "decided_on": date(2025, 9, 26),
        "valid_from": date(2025, 9, 26),
        "valid_to": date(2030, 9, 25),
        "authority": "示例县市场监督管理局",
        "authority_code": AUTHORITY,
        "source_unit": "示例县市场监督管理局",
        "source_unit_code": AUTHORITY,
    }
    values.update(overrides)
    return values


def penalty(**overrides):
    values = {
        "subject_name": "李明",
        "subject_category": "自然人",
        "id_type": "身份证",
        "id_no": "110105199001011232",
        "doc_no": "示公罚〔2025〕7号",
        "violation_type": "违反治安管理规定",
        "facts": "扰乱单位秩序",
        "basis": "治安管理处罚法第二十三条",
        "penalty_categories": "罚款",
        "content": "罚款二百元",
        "fine_wan": Decimal("0.02"),
        "decided_on": date(2025, 9, 26),
        "valid_to": date(2026, 9, 25),
        "authority": "示例县公安局",
        "authority_code": AUTHORITY,
        "source_unit": "示例县公安局",
        "source_unit_code": AUTHORITY,
    }
    values.update(overrides)
    return values


def findings(kind, values):
    return {(f.hard, f.field) for f in validate(kind, values, TODAY)}


def test_valid_records_have_no_finding():
    assert findings(Kind.LICENCE, licence()) == set()
    assert findings(Kind.PENALTY, penalty()) == set()


def test_every_required_item_is_a_hard_error_when_blank():
    for key in (
        "subject_name",
        "doc_title",
        "doc_no",
        "licence_category",
        "content",
        "decided_on",
        "valid_from",
        "authority",
        "authority_code",
        "source_unit",
        "source_unit_code",
    ):
        assert (True, key) in findings(Kind.LICENCE, licence(**{key: ""})), key
    for key in ("violation_type", "facts", "basis", "penalty_categories", "valid_to"):
        assert (True, key) in findings(Kind.PENALTY, penalty(**{key: ""})), key


def test_long_term_validity_stands_for_a_blank_end():
    assert (True, "valid_to") in findings(Kind.LICENCE, licence(valid_to=None))
    assert findings(Kind.LICENCE, licence(valid_to=None, long_term=True)) == set()


def test_category_dependent_requirements():
    assert (True, "subject_category") in findings(Kind.LICENCE, licence(subject_category="企业"))
    assert (True, "uscc") in findings(Kind.LICENCE, licence(uscc=""))
    assert (True, "legal_rep") in findings(Kind.LICENCE, licence(legal_rep=""))
    assert (True, "id_no") in findings(Kind.PENALTY, penalty(id_no=""))
    assert (True, "id_type") in findings(Kind.PENALTY, penalty(id_type=""))


def test_codes_must_pass_the_gb32100_check():
    bad = AUTHORITY[:-1] + ("0" if AUTHORITY[-1] != "0" else "1")
    for key in ("uscc", "authority_code", "source_unit_code"):
        assert (True, key) in findings(Kind.LICENCE, licence(**{key: bad})), key


def test_individual_business_code_not_92_is_a_warning():
    values = licence(subject_category="个体工商户", uscc=uscc("91239001MA1234567"))
    assert findings(Kind.LICENCE, values) == {(False, "uscc")}


def test_amounts_and_dates():
    assert (True, "fine_wan") in findings(Kind.PENALTY, penalty(fine_wan=Decimal("-1")))
    assert (True, "confiscated_wan") in findings(Kind.PENALTY, penalty(confiscated_wan=Decimal("-0.1")))
    assert (True, "decided_on") in findings(Kind.PENALTY, penalty(decided_on=date(2026, 1, 1)))
    assert (True, "published_on") in findings(Kind.PENALTY, penalty(published_on=date(2025, 9, 1)))
    assert (True, "valid_to") in findings(Kind.LICENCE, licence(valid_to=date(2025, 1, 1)))


def test_licence_categories():
    assert (True, "licence_category") in findings(Kind.LICENCE, licence(licence_category="随便"))
    assert findings(Kind.LICENCE, licence(licence_category="其他")) == {(False, "licence_category")}
    assert findings(Kind.LICENCE, licence(licence_category="其他-备案")) == set()


def test_penalty_categories_fine_and_confiscation():
    assert (True, "fine_wan") in findings(Kind.PENALTY, penalty(fine_wan=None))
    assert findings(Kind.PENALTY, penalty(penalty_categories="警告、口头教育", fine_wan=None)) == {
        (False, "penalty_categories")
    }
    assert findings(Kind.PENALTY, penalty(penalty_categories="警告")) == {(False, "fine_wan")}
    assert (False, "confiscated_wan") in findings(
        Kind.PENALTY, penalty(penalty_categories="罚款、没收违法所得")
    )


# ---------------------------------------------------------------- USCC


def test_a_known_code():
    # 91350100M000100Y43 is the example of GB 32100-2015's annex.
    assert valid_uscc("91350100M000100Y43")
    assert not valid_uscc("91350100M000100Y44")
    assert not valid_uscc("91350100M000100Y4")  # 17 characters
    assert not valid_uscc("9135010OM000100Y43")  # O is not in the code set


codes = (
    st.text(alphabet=USCC_CHARS, min_size=17, max_size=17)
    .filter(lambda s: s[2:8].isdigit())
    .map(lambda body: body + uscc_check_char(body))
)


@given(codes)
def test_valid_codes_are_accepted(code):
    assert valid_uscc(code)


@given(codes, st.integers(min_value=0, max_value=17), st.sampled_from(USCC_CHARS))
def test_one_changed_character_is_refused(code, position, char):
    changed = code[:position] + char + code[position + 1 :]
    if changed != code:
        assert not valid_uscc(changed)


# ---------------------------------------------------------------- 公示期


def test_penalty_publicity_is_three_years_with_repair_after_the_shortest():
    end, repair = publicity(Kind.PENALTY, date(2024, 2, 29), None, special=False)
    assert end == date(2027, 2, 28) and repair == date(2024, 5, 29)
    _, repair = publicity(Kind.PENALTY, date(2025, 3, 10), None, special=True)
    assert repair == date(2026, 3, 10)
    assert law.PENALTY_PUBLICITY_MAX.words == "三十六个月"


def test_special_fields_and_licences():
    assert special_field("违反安全生产管理规定", "") and special_field("", "《消防法》第六十条")
    assert not special_field("违反食品安全管理规定", "")
    assert publicity(Kind.LICENCE, date(2025, 1, 1), date(2030, 1, 1), special=False) == (
        date(2030, 1, 1),
        None,
    )
    assert publicity(Kind.LICENCE, date(2025, 1, 1), None, special=False) == (None, None)


def test_add_months_keeps_the_month_end():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
