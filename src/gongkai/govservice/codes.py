"""The code lists of GB/T 39046-2020 附录A and the practice lists around them, as data.

Labels are the standard's own words (the import files and the report speak them), so they are not
translated here; the pages translate the few they show through gettext_lazy in ``labels``.
"""

from __future__ import annotations

# A.1 事项类型. 11 行政备案 is an extension in the range the standard leaves open ("11…可根据情况
# 进行扩展"); post-2022 provincial catalogues list it as its own 依申请 type.
ITEM_TYPES: dict[str, str] = {
    "01": "行政许可",
    "02": "行政处罚",
    "03": "行政强制",
    "04": "行政征收",
    "05": "行政给付",
    "06": "行政检查",
    "07": "行政确认",
    "08": "行政奖励",
    "09": "行政裁决",
    "10": "其他行政权力",
    "11": "行政备案",
    "20": "公共服务",
}
# Spellings seen in provincial exports for the same types.
ITEM_TYPE_ALIASES: dict[str, str] = {
    "其他类别事项": "10",
    "其他类别": "10",
    "其他权力": "10",
    "其他行政权力事项": "10",
    "公共服务事项": "20",
    "备案": "11",
}
# The 依申请 types the section 一 ratios count (K2, R11): not 处罚/强制/征收/检查.
ON_REQUEST_TYPES = frozenset({"01", "05", "07", "08", "09", "10", "11", "20"})

# A.2 行使层级
USE_LEVELS: dict[str, str] = {
    "1": "国家级",
    "2": "省级",
    "3": "市级",
    "4": "县级",
    "5": "镇（乡、街道）级",
    "6": "村（社区）级",
    "7": "分级管理",
}
USE_LEVEL_ALIASES: dict[str, str] = {
    "国家": "1",
    "省": "2",
    "省级": "2",
    "市": "3",
    "设区的市级": "3",
    "县": "4",
    "县（市、区）级": "4",
    "区县级": "4",
    "乡镇级": "5",
    "镇级": "5",
    "街道级": "5",
    "乡": "5",
    "村级": "6",
    "社区级": "6",
}

# A.5 办理形式 (several may apply)
FORMS: dict[str, str] = {"1": "窗口办理", "2": "网上办理", "3": "移动端申请", "4": "快递申请", "9": "其他"}
FORM_ALIASES: dict[str, str] = {
    "电脑端网上办理": "2",
    "网上申请": "2",
    "移动端网上申请": "3",
    "掌上办理": "3",
    "邮寄申请": "4",
    "邮寄": "4",
    "快递": "4",
    "窗口": "1",
}
MAIL_FORM = "4"

# A.6 办件类型
PROJECT_TYPES: dict[str, str] = {"1": "即办件", "2": "承诺件", "9": "其他"}

# §1.5: no national list; the ordinal levels of the Zhejiang checker and the vendor schemas [R],
# with the other numberings and spellings provinces use mapped onto them (data, not code).
DEPTHS: dict[int, str] = {1: "事项公开", 2: "在线预审", 3: "在线申办", 4: "全程网办"}
DEPTH_ALIASES: dict[str, int] = {
    "一级": 1,
    "Ⅰ级": 1,
    "I级": 1,
    "二级": 2,
    "Ⅱ级": 2,
    "II级": 2,
    "三级": 3,
    "Ⅲ级": 3,
    "III级": 3,
    "四级": 4,
    "Ⅳ级": 4,
    "IV级": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "在线办理": 3,
    "网上办理": 3,
    "互联网咨询": 1,
    "互联网收件": 2,
    "互联网预审": 2,
    "互联网受理": 3,
    "互联网办理": 4,
}

# Time-limit units and their length in sevenths of a working day, so that the 压缩比 is integer
# arithmetic in one query. 月 = 22 and 年 = 253 working days as the Wenzhou checker counts (K2);
# a 自然日 is 5/7 of a working day [I]; a bare 日/天 is a working day (行政许可法 counts 工作日).
UNITS: dict[str, int] = {"工作日": 7, "自然日": 5, "月": 22 * 7, "年": 253 * 7}
UNIT_ALIASES: dict[str, str] = {
    "个工作日": "工作日",
    "日": "工作日",
    "天": "工作日",
    "个自然日": "自然日",
    "日历日": "自然日",
    "个月": "月",
}
IMMEDIATE_WORDS = frozenset({"即办", "即时办结", "当场办结", "立即办理", "即来即办", "0"})
NO_LIMIT_WORDS = frozenset({"无", "无期限", "无时限", "不限", "—", "-", "/"})

# 事项状态 (K1 task_state): the registry's own three.
STATUS_IN_USE, STATUS_SUSPENDED, STATUS_CANCELLED = "in_use", "suspended", "cancelled"
STATUS_WORDS: dict[str, str] = {
    "在用": STATUS_IN_USE,
    "有效": STATUS_IN_USE,
    "正常": STATUS_IN_USE,
    "启用": STATUS_IN_USE,
    "暂停": STATUS_SUSPENDED,
    "暂停使用": STATUS_SUSPENDED,
    "取消": STATUS_CANCELLED,
    "已取消": STATUS_CANCELLED,
    "废止": STATUS_CANCELLED,
}
