"""Test helpers: a valid record's values, files in the platform's layout."""

from __future__ import annotations

import csv
import io
from datetime import date

from gongkai.identifiers import uscc_check_char

from .importing import import_columns
from .models import CreditRecord, PublicityState
from .rules import Kind

PERSON_ID = "110105199001011232"  # a valid 18-digit ID number (GB 11643 check digit 2)


def uscc(body17: str = "91239001MA1234567") -> str:
    return body17 + uscc_check_char(body17)


AUTHORITY = uscc("11239001MB0000001")


def licence_values(**overrides) -> dict[str, str]:
    """Cells of one valid 许可 row, by header."""
    row = {
        "行政相对人名称": "示例县金泰商贸有限公司",
        "行政相对人类别": "法人及非法人组织",
        "统一社会信用代码": uscc(),
        "法定代表人": "王建华",
        "法定代表人证件类型": "身份证",
        "法定代表人证件号码": PERSON_ID,
        "行政许可决定文书名称": "准予食品经营许可决定书",
        "行政许可决定文书号": "示市监许〔2025〕1号",
        "许可类别": "普通",
        "许可证书名称": "食品经营许可证",
        "许可编号": "JY12390010001",
        "许可内容": "食品经营许可",
        "许可决定日期": "2025-09-26",
        "有效期自": "2025-09-26",
        "有效期至": "2030-09-25",
        "许可机关": "示例县市场监督管理局",
        "许可机关统一社会信用代码": AUTHORITY,
        "数据来源单位": "示例县市场监督管理局",
        "数据来源单位统一社会信用代码": AUTHORITY,
        "公示日期": "2025-10-10",
    }
    row.update(overrides)
    return row


def penalty_values(**overrides) -> dict[str, str]:
    row = {
        "行政相对人名称": "李明",
        "行政相对人类别": "自然人",
        "证件类型": "身份证",
        "证件号码": PERSON_ID,
        "行政处罚决定书文号": "示公罚〔2025〕7号",
        "违法行为类型": "违反治安管理规定",
        "违法事实": f"李明（身份证号{PERSON_ID}）扰乱单位秩序。",
        "处罚依据": "《中华人民共和国治安管理处罚法》第二十三条",
        "处罚类别": "罚款",
        "处罚内容": "罚款二百元",
        "罚款金额（万元）": "0.02",
        "处罚决定日期": "2025-09-26",
        "处罚有效期": "2026-09-25",
        "处罚机关": "示例县公安局",
        "处罚机关统一社会信用代码": AUTHORITY,
        "数据来源单位": "示例县公安局",
        "数据来源单位统一社会信用代码": AUTHORITY,
        "公示日期": "2025-10-09",
    }
    row.update(overrides)
    return row


def csv_file(kind: str, rows: list[dict]) -> bytes:
    headers = [c.header for c in import_columns(kind)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return out.getvalue().encode("utf-8-sig")


def make_record(agency, kind=Kind.LICENCE, doc_no="示许〔2025〕1号", **fields) -> CreditRecord:
    values = {
        "subject_name": "示例县金泰商贸有限公司",
        "subject_category": "法人及非法人组织",
        "uscc": uscc(),
        "decided_on": date(2025, 9, 26),
        "published_on": date(2025, 9, 30),
        "due_on": date(2025, 10, 14),
        "state": PublicityState.ACTIVE,
        **fields,
    }
    return CreditRecord.objects.create(agency=agency, kind=kind, doc_no=doc_no, **values)
