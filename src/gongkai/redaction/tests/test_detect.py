from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from gongkai.identifiers import resident_id_check_char as id_check_digit
from gongkai.redaction import PROFILES, apply, detect
from gongkai.redaction.detect import (
    ADDRESS,
    BANK_ACCOUNT,
    EMAIL,
    ID_NUMBER,
    NAME,
    PARTY,
    PHONE,
    luhn,
    valid_id18,
)
from gongkai.redaction.profiles import PENALTY_DECISION, REPLY_COPY

ID = "110105199003071234"
ID = ID[:17] + id_check_digit(ID[:17])


def kinds(text, **kw):
    return [(text[p.start : p.end], p.kind) for p in detect(text, **kw)]


def test_id_numbers_need_their_check_digit_and_a_real_birth_date():
    wrong = ID[:17] + ("0" if ID[17] != "0" else "1")
    assert kinds(f"身份证号{ID}。") == [(ID, ID_NUMBER)]
    assert kinds(f"编号{wrong}。") == []
    assert kinds("旧证号110105900307123，") == [("110105900307123", ID_NUMBER)]
    assert kinds("旧证号110105901307123，") == []  # month 13


def test_full_width_digits_are_found_at_their_place():
    wide = "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in ID)
    assert kinds(f"号码：{wide}") == [(wide, ID_NUMBER)]


def test_phones_bank_accounts_and_email():
    card = "6222020200112233"
    card = card[:-1] + str(next(d for d in range(10) if luhn(card[:-1] + str(d))))
    text = f"手机13812345678，座机0571-88886666，（010）12345678，卡号{card}，邮箱zhang.san@example.cn。"
    assert kinds(text) == [
        ("13812345678", PHONE),
        ("0571-88886666", PHONE),
        ("(010)12345678".replace("(", "（").replace(")", "）"), PHONE),
        (card, BANK_ACCOUNT),
        ("zhang.san@example.cn", EMAIL),
    ]
    assert kinds("文号2026000000000001，金额12345678元") == []  # no Luhn, no 1[3-9] start


def test_names_by_label_by_case_and_party():
    text = (
        "当事人：李四，住址：浙江省杭州市西湖区文三路100号3单元201室。证人王五称，申请人张三丰向本机关提出。"
    )
    found = kinds(text, names=["赵六"])
    assert ("李四", PARTY) in found
    assert ("王五", NAME) in found
    assert ("张三丰", NAME) in found
    assert ("浙江省杭州市西湖区文三路100号3单元201室", ADDRESS) in found
    assert kinds("赵六来电", names=["赵六"]) == [("赵六", NAME)]


def test_structural_address_keeps_the_admin_part_for_truncation():
    text = "现居杭州市西湖区北山街道曙光路12号。"
    (p,) = detect(text)
    assert p.kind == ADDRESS
    assert text[p.start : p.start + p.keep].endswith("北山街道")
    assert kinds("加强道路管理，落实城市规划。") == []


def test_profiles_decide_what_is_masked():
    text = f"当事人：李四，身份证号码{ID}，电话13812345678，证人王五。"
    found = detect(text)
    reply = apply(text, PROFILES[REPLY_COPY].proposals(found), PROFILES[REPLY_COPY])
    assert "李四" not in reply and ID not in reply and "13812345678" not in reply and "王五" not in reply
    penalty = apply(text, PROFILES[PENALTY_DECISION].proposals(found), PROFILES[PENALTY_DECISION])
    assert "李四" in penalty  # the party of a penalty decision is published (公示)
    assert ID[:2] + "*" * 13 + ID[-3:] in penalty
    assert "138****5678" in penalty
    assert "王某" in penalty


# ---------------------------------------------------------------- properties

_cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
_no_digits = st.text(st.characters(blacklist_categories=("Nd",), blacklist_characters="０１２３４５６７８９"))


@st.composite
def valid_ids(draw):
    area = draw(st.text("0123456789", min_size=6, max_size=6))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)))
    serial = draw(st.text("0123456789", min_size=3, max_size=3))
    first = f"{area}{born:%Y%m%d}{serial}"
    return first + id_check_digit(first)


@given(valid_ids(), st.text(_cjk, max_size=20), st.text(_cjk, max_size=20))
def test_a_valid_id_is_always_found(number, before, after):
    assert valid_id18(number)
    text = before + number + after
    spans = [(p.start, p.end) for p in detect(text) if p.kind == ID_NUMBER]
    assert spans == [(len(before), len(before) + 18)]


@given(_no_digits)
def test_text_without_digits_never_yields_numbers(text):
    assert not [p for p in detect(text) if p.kind in (ID_NUMBER, PHONE, BANK_ACCOUNT)]


@given(st.text(min_size=1), st.data())
def test_masks_never_cross_into_neighbouring_characters(text, data):
    found = detect(text)
    profile = PROFILES[data.draw(st.sampled_from(sorted(PROFILES)))]
    chosen = profile.proposals(found)
    out = apply(text, chosen, profile)
    assert len(out) == len(text)
    inside = {i for p in chosen for i in range(p.start, p.end)}
    assert all(out[i] == text[i] for i in range(len(text)) if i not in inside)


@given(valid_ids(), st.text(_cjk, min_size=1, max_size=5), st.text(_cjk, min_size=1, max_size=5))
def test_masking_an_id_leaves_its_neighbours(number, before, after):
    text = before + number + after
    out = apply(text, detect(text), PROFILES[REPLY_COPY])
    assert out.startswith(before) and out.endswith(after) and number not in out


def test_a_labelled_party_stays_a_party_even_when_the_case_knows_the_name():
    assert kinds("当事人：李四，证人李四的妻子", names=["李四"]) == [("李四", PARTY), ("李四", NAME)]
