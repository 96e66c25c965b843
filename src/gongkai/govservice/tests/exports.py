"""A provincial platform's 实施清单 export, built in the test (openpyxl): a title row, then the
header with the platform's own column names (variants of the GB/T 39046 elements), then rows."""

from __future__ import annotations

import io

from openpyxl import Workbook

HEADER = [
    "序号",
    "事项名称",
    "基本编码",
    "实施清单编码",
    "事项类型",
    "行使层级",
    "实施主体名称",
    "实施主体代码",
    "法定时限",
    "承诺时限",
    "办件类型",
    "跑动次数",
    "必须现场办理原因说明",
    "是否网办",
    "网上办理深度",
    "计算机端在线办理跳转地址",
    "移动端办理地址",
    "办理形式",
    "是否收费",
    "收费依据",
    "咨询电话",
    "监督投诉电话",
    "事项状态",
    "计划生效日期",
    "申请材料",
    "备注",
]
USCC = "11230100MB1234567X"
BUREAU = "示例县教育局"


def row(n: int, **over) -> list:
    values = {
        "序号": n,
        "事项名称": f"民办学校设立审批（新办）{n}",
        "基本编码": f"0112300{n:03d}",
        "实施清单编码": f"JYJ-0112300{n:03d}-230000-{n:05d}",
        "事项类型": "行政许可",
        "行使层级": "县级",
        "实施主体名称": BUREAU,
        "实施主体代码": USCC,
        "法定时限": "20个工作日",
        "承诺时限": "5工作日",
        "办件类型": "承诺件",
        "跑动次数": 0,
        "必须现场办理原因说明": "",
        "是否网办": "是",
        "网上办理深度": "全程网办",
        "计算机端在线办理跳转地址": f"https://zwfw.example.gov/guide/{n}",
        "移动端办理地址": "",
        "办理形式": "窗口办理、网上办理",
        "是否收费": "否",
        "收费依据": "",
        "咨询电话": "0451-55550001",
        "监督投诉电话": "0451-12345",
        "事项状态": "在用",
        "计划生效日期": "2021-03-01",
        "申请材料": "申请书（原件1份）；举办者身份证明（原件1份，复印件1份）；场地证明（复印件1份，非必要）",
        "备注": "",
    }
    values.update(over)
    return [values[h] for h in HEADER]


def xlsx(rows: list[list], header: list[str] | None = None, title: bool = True) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "实施清单"
    if title:
        sheet.append(["示例县政务服务事项实施清单（导出时间：2026-01-05）"])
    sheet.append(header or HEADER)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], encoding: str = "utf-8-sig", header: list[str] | None = None) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)
