"""The text reader on the shared corpus of real reports (read in place, never copied)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.annual.model import AgencyKind, AgencyLevel
from gongkai.annual.readers.text import read_text_bytes


def read(corpus, name):
    folder = "partial" if name.startswith("P") else "reports"
    path = next((corpus / folder).glob(f"{name}_*.txt"))
    return read_text_bytes(path.read_bytes(), path.name)


def total(report, row):
    return report.applications.get(row, "total")


def cells_noted(report, code):
    return {c for n in report.notes if n.code == code for c in n.cells}


def test_009_huaian_2024(corpus):
    r = read(corpus, "009")
    assert (r.format, r.year, r.agency.name) == ("2021", 2024, "淮安市人民政府")
    assert (r.agency.kind, r.agency.level) == (AgencyKind.GOVERNMENT, AgencyLevel.CITY)
    assert [total(r, k) for k in ("new_received", "carried_over_in", "r_total", "carried_over_out")] == [
        3119,
        34,
        3050,
        103,
    ]
    t3 = r.applications
    assert t3.row_values("new_received") == [3001, 53, 0, 0, 61, 4, 3119]
    assert t3.row_values("r_partial") == [447, 7, 0, 0, 0, 0, 454]  # label wrapped around the numbers
    assert t3.row_values("r_unable_need_creation") == [11, 0, 0, 0, 0, 0, 11]  # after a page footer
    assert t3.row_values("r_other_no_correction") == [67, 3, 0, 0, 1, 0, 71]
    assert t3.row_values("r_total") == [2932, 53, 0, 0, 61, 4, 3050]
    t4 = r.review_litigation
    assert t4.row_values("reconsideration") == [72, 64, 178, 37, 351]
    assert t4.get("litigation_direct", "total") == 26
    assert t4.get("litigation_after_reconsideration", "total") == 20
    assert r.tables["art20_1"].row_values("normative_docs") == [8, 26, 66]
    assert r.tables["art20_6"].get("admin_penalty", "decisions") == 3985758
    assert str(r.tables["art20_8"].get("admin_fees", "amount")) == "96171.6"
    # every part found; 二–四 hold only the tables, which are not carried into their text (_prose)
    assert all(
        r.sections[k] is not None
        for k in ("overview", "active", "applications", "review_litigation", "problems", "other")
    )
    assert r.sections["overview"] and r.sections["problems"]
    assert "3940" in r.sections["other"]
    assert not [n for n in r.notes if n.code.startswith(("CELL", "ROW", "TABLE"))]


def test_010_hongzequ_2023_read_exactly_as_printed(corpus):
    r = read(corpus, "010")
    assert (r.format, r.year) == ("2021", 2023)
    assert r.agency.name.endswith("洪泽区人民政府")
    assert r.agency.level == AgencyLevel.COUNTY
    assert [total(r, k) for k in ("new_received", "carried_over_in", "r_total", "carried_over_out")] == [
        21,
        0,
        21,
        0,
    ]
    assert r.applications.row_values("r_deny_law_forbidden") == [0] * 7  # misprinted label
    assert r.applications.row_values("r_partial") == [4, 0, 0, 0, 0, 0, 4]
    # the printed inconsistency stays for the checker to find
    assert r.review_litigation.row_values("reconsideration") == [10, 1, 0, 0, 0]
    assert r.review_litigation.row_values("litigation_after_reconsideration") == [5, 0, 0, 0, 0]
    # （六）其他处理 printed as one row of zeros
    assert r.applications.row_values("r_other_other") == [0] * 7
    assert "T3-OTHER-COLLAPSED" in {n.code for n in r.notes}


def test_011_hongzequ_2024(corpus):
    r = read(corpus, "011")
    assert (r.format, r.year, r.agency.name) == ("2021", 2024, "淮安市洪泽区人民政府")
    assert [total(r, k) for k in ("new_received", "carried_over_in", "r_total", "carried_over_out")] == [
        95,
        0,
        95,
        0,
    ]
    assert r.applications.row_values("r_open") == [50, 0, 0, 0, 0, 0, 50]
    assert r.review_litigation.row_values("reconsideration") == [1, 1, 0, 0, 2]
    assert r.review_litigation.row_values("litigation_direct") == [1, 0, 0, 0, 1]
    assert r.review_litigation.row_values("litigation_after_reconsideration") == [2, 0, 1, 0, 3]
    assert "申请17件" in r.sections["overview"]  # the narrative figure the checker compares


def test_012_suibin_ocr_lost_cells_recovered(corpus):
    r = read(corpus, "012")
    assert (r.format, r.year) == ("2021", 2023)
    assert r.agency.name == "绥滨县营商环境建设监督局"
    assert (r.agency.kind, r.agency.level) == (AgencyKind.DEPARTMENT, AgencyLevel.COUNTY)
    assert r.signature_date == date(2024, 1, 2)
    assert all(v == 0 for _, _, v in r.applications.items())
    assert all(v == 0 for _, _, v in r.review_litigation.items())
    recovered = cells_noted(r, "CELL-RECOVERED")
    assert "applications.r_total.natural_person" in recovered
    assert "applications.r_unable_need_creation.natural_person" in recovered
    assert "applications.carried_over_out.total" in recovered
    assert any(c.startswith("review_litigation.") for c in recovered)
    assert "CELL-AMBIGUOUS" not in {n.code for n in r.notes}
    assert r.tables["art20_8"].get("admin_fees", "amount") == 0


def test_013_pingtan_pre2019(corpus):
    r = read(corpus, "013")
    assert r.format == "pre2019"
    assert r.year == 2018
    assert r.agency.name == "平潭综合实验区"
    assert r.tables == {} and r.sections == {}
    assert "FORMAT-PRE2019" in {n.code for n in r.notes}
    assert str(r.publication_date) == "2019-01-10"


PARTIAL_FORMATS = {
    "P01": "2021", "P02": "2021", "P03": "2021", "P04": "2021", "P05": "2021", "P06": "2019",
    "P07": "2019", "P08": "2021", "P09": "2021", "P10": "2021", "P11": "2021", "P12": "2021",
    "P13": "2021", "P14": "2021", "P15": "2021", "P16": "2021", "P17": "2021", "P18": "2021",
    "P19": "2021", "P20": "2021", "P21": "2021", "P22": "pre2019",
}  # fmt: skip

PARTIAL_YEARS = {
    "P01": 2023, "P02": 2022, "P03": 2025, "P04": 2023, "P05": 2023, "P06": 2020, "P07": 2020,
    "P08": 2022, "P09": 2022, "P10": 2022, "P11": 2022, "P12": 2022, "P13": 2022, "P14": 2022,
    "P15": 2023, "P16": 2024, "P17": 2025, "P18": 2025, "P19": 2024, "P20": 2021, "P21": 2021,
    "P22": 2017,
}  # fmt: skip

PARTIAL_AGENCIES = {
    "P01": "上海市",
    "P02": "上海市人民政府参事室",
    "P03": "上海市财政局",
    "P05": "湖南省生态环境厅",
    "P06": "广东省人民政府",
    "P07": "孝感市人民政府办公室",
    "P08": "上饶市人民政府",
    "P10": "兴仁市人民政府",
    "P11": "武汉市黄陂区",  # converted from traditional characters
    "P15": "盐城市亭湖区农业农村局",
    "P16": "白城市农业农村局",
    "P18": "硚口区人民政府汉正街道办事处",
    "P19": "温州市鹿城区人民政府七都街道办事处",
    "P21": "国家机关事务管理局",  # traditional characters with injected pinyin
}


@pytest.mark.parametrize("name", sorted(PARTIAL_FORMATS))
def test_partial_reports_format_and_year(corpus, name):
    r = read(corpus, name)
    assert r.format == PARTIAL_FORMATS[name]
    assert r.year == PARTIAL_YEARS[name]
    if name in PARTIAL_AGENCIES:
        assert r.agency.name == PARTIAL_AGENCIES[name]


def test_partial_section_one_and_inferred_format(corpus):
    r = read(corpus, "P04")
    assert "276件" in r.sections["overview"]
    assert "FORMAT-INFERRED" in {n.code for n in r.notes}
    assert read(corpus, "P18").agency.kind == AgencyKind.TOWNSHIP
    assert read(corpus, "P01").agency.level == AgencyLevel.PROVINCE
    assert read(corpus, "P21").agency.level == AgencyLevel.MINISTRY
    assert str(read(corpus, "P02").publication_date) == "2023-01-18"


def test_partial_tables_in_pipe_cells(corpus):
    r = read(corpus, "P13")  # "|" separated cells, one per line
    assert r.applications.row_values("new_received") == [8, 0, 0, 0, 0, 0, 8]
    assert r.tables["art20_1"].row_values("normative_docs") == [5, 12, 8]
    assert r.tables["art20_1"].get("regulations", "valid") is None  # printed blank
    r = read(corpus, "P14")
    assert r.applications.get("new_received", "natural_person") == 56
    assert r.applications.get("new_received", "org_commercial") is None  # blank, not 0
