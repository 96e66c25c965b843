"""ID numbers, 统一社会信用代码 and phones: valid and invalid cases with Chinese messages.

Check characters were worked out by hand:
- 11010519491231002X (the GB 11643 example): Σ digit×weight over 1,1,0,1,0,5,1,9,4,9,1,2,3,1,0,0,2
  with weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2 = 167; 167 mod 11 = 2 → "10X98765432"[2] = X.
- 91350100M000100Y43: values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4 with weights
  1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3 → "3".
"""

from datetime import date

import pytest

from gongkai.applications.validators import (
    InvalidValue,
    error_message,
    resident_id_check_char,
    uscc_check_char,
    validate_hmt_residence_permit,
    validate_id_number,
    validate_phone,
    validate_resident_id,
    validate_uscc,
)

TODAY = date(2025, 6, 1)


def test_gb11643_example():
    assert resident_id_check_char("11010519491231002") == "X"
    assert validate_resident_id("11010519491231002X", today=TODAY) == "11010519491231002X"
    # lower-case x, full-width digits and spaces are normalised
    assert validate_resident_id(" 110105 19491231 002x", today=TODAY) == "11010519491231002X"
    assert validate_resident_id("１１０１０５１９４９１２３１００２Ｘ", today=TODAY) == "11010519491231002X"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "请填写居民身份证号码"),
        ("110105491231002", "15位旧身份证号码已停止使用，请填写18位号码"),
        ("1101051949123100", "居民身份证号码应为18位，实为16位"),
        ("11010519491231002Y", "居民身份证号码前17位应为数字，最后一位为数字或X"),
        ("110105194912310021", "居民身份证号码校验码不正确，请核对后重新填写"),
        ("110105194902300020", "居民身份证号码中的出生日期 19490230 不是有效日期"),
        ("110105289912310020", "居民身份证号码中的出生日期 2899-12-31 不合理"),
        ("990105194912310020", "居民身份证号码的地区码 990105 无效"),
    ],
)
def test_invalid_resident_ids(value, message):
    with pytest.raises(InvalidValue) as info:
        validate_resident_id(value, today=TODAY)
    assert str(info.value) == message


def test_residence_permit():
    # 81000019900101001?: Σ = 8×7+1×9+0+0+0+0+1×2+9×1+9×6+0+0+1×9+0+1×5+0+0+1×2 = 146; 146 mod 11 = 3 → "9"
    assert resident_id_check_char("81000019900101001") == "9"
    assert validate_hmt_residence_permit("810000199001010019", today=TODAY) == "810000199001010019"
    with pytest.raises(InvalidValue, match="请选择证件类型“港澳台居民居住证”"):
        validate_resident_id("810000199001010019", today=TODAY)
    with pytest.raises(InvalidValue, match="应以810000"):
        validate_hmt_residence_permit("11010519491231002X", today=TODAY)


def test_uscc_example():
    assert uscc_check_char("91350100M000100Y4") == "3"
    assert validate_uscc("91350100m000100y43") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "请填写统一社会信用代码"),
        ("91350100M000100Y4", "统一社会信用代码应为18位，实为17位"),
        ("91350100M000100I43", "统一社会信用代码含有不允许的字符：I（不使用I、O、S、V、Z）"),
        ("9135A100M000100Y43", "统一社会信用代码第3—8位应为登记管理机关行政区划码（6位数字），实为 35A100"),
        ("91350100M000100Y44", "统一社会信用代码校验码不正确，请核对后重新填写"),
    ],
)
def test_invalid_usccs(value, message):
    with pytest.raises(InvalidValue) as info:
        validate_uscc(value)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("value", "normal"),
    [
        ("13800138000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("19912345678", "19912345678"),
        ("010-62345678", "010-62345678"),
        ("(0755)87654321", "0755-87654321"),
        ("（0755）87654321", "0755-87654321"),
        ("057187654321", "0571-87654321"),
        ("021-6543210转123", "021-6543210-123"),
    ],
)
def test_valid_phones(value, normal):
    assert validate_phone(value) == normal


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "请填写联系电话"),
        ("12345678901", "手机号码应为以13—19开头的11位数字"),
        ("1380013800", "请填写有效的手机号码，或带区号的固定电话（如 010-62345678）"),
        ("62345678", "请填写有效的手机号码，或带区号的固定电话（如 010-62345678）"),
        ("010-12345678", "请填写有效的手机号码，或带区号的固定电话（如 010-62345678）"),
        ("abc", "请填写有效的手机号码，或带区号的固定电话（如 010-62345678）"),
    ],
)
def test_invalid_phones(value, message):
    assert error_message(validate_phone, value) == message


def test_by_id_type():
    assert validate_id_number("resident_id", "11010519491231002X", today=TODAY) == "11010519491231002X"
    assert validate_id_number("uscc", "91350100M000100Y43") == "91350100M000100Y43"
    assert validate_id_number("passport", " e1234 5678 ") == "E12345678"
    with pytest.raises(InvalidValue, match="请填写护照号码"):
        validate_id_number("passport", "  ")
    with pytest.raises(InvalidValue, match="未知的证件类型"):
        validate_id_number("driving_licence", "123")
    assert error_message(validate_id_number, "110105194912310021", "resident_id") is not None
