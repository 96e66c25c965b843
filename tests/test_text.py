from datetime import date

from gongkai.text import chinese_date


def test_chinese_date_is_unpadded_and_empty_for_no_date():
    assert chinese_date(date(2024, 3, 5)) == "2024年3月5日"
    assert chinese_date(date(2024, 12, 31)) == "2024年12月31日"
    assert chinese_date(None) == ""
