"""The shapes of the API's answers. Names are English; every field has its Chinese description,
which the OpenAPI schema and the docs page show."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    code: str = Field(
        description="错误代码：bad_request、unauthorized、forbidden、not_found、invalid、too_large、unreadable、throttled、server_error"
    )
    message: str = Field(description="错误说明（中文）")
    details: list[dict[str, Any]] = Field(
        default_factory=list, description="逐项说明（参数校验错误时列出出错的参数）"
    )


class PageMeta(Schema):
    count: int = Field(description="符合条件的总数")
    limit: int = Field(description="本页最多条数")
    offset: int = Field(description="从第几条开始（0 起）")


# ------------------------------------------------------------------ agencies


class AgencyOut(Schema):
    code: str = Field(description="机构代码")
    name: str = Field(description="机构名称")
    short_name: str = Field(description="简称")
    kind: str = Field(
        description="机构类型：department 政府部门、government 人民政府、township 乡镇街道、other 其他"
    )
    level: str = Field(description="行政层级")
    parent: str | None = Field(description="上级机构代码")
    credit_code: str = Field(description="统一社会信用代码")


class AgencyPage(PageMeta):
    items: list[AgencyOut] = Field(description="机构")


# ------------------------------------------------------------------ catalogue


class EntryOut(Schema):
    id: int = Field(description="条目编号")
    index_no: str = Field(description="索引号")
    title: str = Field(description="名称")
    agency: str = Field(description="机构代码")
    agency_name: str = Field(description="机构名称")
    doc_number: str = Field(description="文号")
    issuer: str = Field(description="发布机构")
    category: str = Field(description="主题分类代码")
    category_label: str = Field(description="主题分类")
    doc_type: str = Field(description="文件类型代码")
    validity: str = Field(description="有效性：valid 有效、expired 失效、repealed 废止")
    disclosure: str = Field(description="公开方式：proactive 主动公开、on_request 依申请公开")
    created_date: date = Field(description="生成日期（成文日期）")
    publish_date: date | None = Field(description="发布日期")
    url: str = Field(description="门户网站上的页面地址")


class AttachmentOut(Schema):
    name: str = Field(description="附件名称")
    size: int = Field(description="大小（字节）")
    url: str = Field(description="下载地址")


class EntryDetailOut(EntryOut):
    summary: str = Field(description="内容概述")
    keywords: str = Field(description="主题词")
    effective_date: date | None = Field(description="施行日期")
    invalid_date: date | None = Field(description="失效或废止日期")
    content_public: bool = Field(description="正文是否主动公开（依申请公开的条目不给出正文和附件）")
    body: str = Field(description="正文（仅主动公开的条目）")
    attachments: list[AttachmentOut] = Field(description="附件（仅主动公开的条目）")


class EntryPage(PageMeta):
    query: str = Field(description="检索词（未检索时为空）")
    items: list[EntryOut] = Field(description="目录条目")


# ------------------------------------------------------------------ guide


class LabelledValue(Schema):
    label: str = Field(description="项目")
    value: str = Field(description="内容（未填写时为空）")


class GuideCategory(Schema):
    code: str = Field(description="主题分类代码")
    label: str = Field(description="主题分类")
    count: int = Field(description="已公开条目数")


class GuideOut(Schema):
    agency: AgencyOut = Field(description="机构")
    categories: list[GuideCategory] = Field(description="信息分类和编排体系")
    total: int = Field(description="已公开条目总数")
    index_pattern_example: str = Field(description="索引号编排示例")
    office: list[LabelledValue] = Field(description="政府信息公开工作机构")
    reply_days: int = Field(description="依申请公开答复期限（工作日）")
    publish_days: int = Field(description="主动公开信息的公开期限（工作日）")
    superior: AgencyOut | None = Field(description="上级机构")
    supervising_office: AgencyOut | None = Field(description="政府信息公开工作主管部门")
    remedies_text: str = Field(description="监督和救济途径")
    reconsideration_days: int = Field(description="申请行政复议期限（日）")
    litigation_months: int = Field(description="提起行政诉讼期限（月）")
    updated: date | None = Field(description="指南更新日期")
    notes: str = Field(description="补充说明")


# ------------------------------------------------------------------ annual reports


class VersionOut(Schema):
    number: int = Field(description="版本号（1 起）")
    published_at: datetime = Field(description="发布时间")
    content_hash: str = Field(description="内容哈希（SHA-256）")
    correction_note: str = Field(description="更正说明（第 2 版起）")


class ReportOut(Schema):
    agency: str = Field(description="机构代码")
    agency_name: str = Field(description="机构名称")
    year: int = Field(description="报告年度")
    title: str = Field(description="报告标题")
    versions: int = Field(description="已发布版本数")
    latest: VersionOut = Field(description="最新版本")


class ReportPage(PageMeta):
    items: list[ReportOut] = Field(description="已发布的年度报告")


class ReportDetailOut(Schema):
    agency: str = Field(description="机构代码")
    year: int = Field(description="报告年度")
    version: VersionOut = Field(description="所取的版本")
    versions: list[VersionOut] = Field(description="全部版本（新的在前）")
    report: dict[str, Any] = Field(description="报告内容：gongkai.annual/1 JSON（见 docs/report-json.md）")


# ------------------------------------------------------------------ check


class FindingOut(Schema):
    code: str = Field(description="检查项代码，如 T3-BAL")
    severity: str = Field(description="严重程度：error 错误、warning 警告、info 提示、skipped 未检查")
    message: str = Field(description="说明（中文）")
    message_en: str = Field(description="说明（英文）")
    cells: list[str] = Field(description="涉及的单元格路径")


class NoteOut(Schema):
    code: str = Field(description="说明代码")
    message: str = Field(description="读取时恢复、存疑或无法读取的内容")
    cells: list[str] = Field(description="涉及的单元格路径")


class CheckOut(Schema):
    status: str = Field(description="ok 无错误、errors 有错误")
    format: str = Field(description="报告格式：2021、2019 或 pre2019")
    agency: str | None = Field(description="报告中的机构名称")
    year: int | None = Field(description="报告年度")
    findings: list[FindingOut] = Field(description="检查结果")
    notes: list[NoteOut] = Field(description="读取说明")


# ------------------------------------------------------------------ staff


class ApplicationOut(Schema):
    id: int = Field(description="申请编号（内部）")
    tracking_no: str = Field(description="申请编号")
    agency: str = Field(description="机构代码")
    state: str = Field(description="状态代码")
    state_label: str = Field(description="状态")
    channel: str = Field(description="申请方式")
    applicant_type: str = Field(description="申请人类型代码")
    applicant_type_label: str = Field(description="申请人类型")
    name: str = Field(description="申请人姓名或名称（与工作台列表相同）")
    submitted_at: datetime = Field(description="提交时间")
    received_on: date | None = Field(description="收到申请日期")
    reply_due: date | None = Field(description="答复期限")
    next_due: date | None = Field(description="最近期限")
    finished_on: date | None = Field(description="办结日期")
    outcome: str = Field(description="办理结果代码（表三的行）")


class ApplicationDetailOut(ApplicationOut):
    id_type: str = Field(description="身份证明类型")
    id_number_masked: str = Field(description="证件号码（已遮盖，如 35*************123）")
    phone_masked: str = Field(description="联系电话（已遮盖，如 138****1234）")
    email_masked: str = Field(description="电子邮箱（已遮盖）")
    address_masked: str = Field(description="通信地址（已遮盖，只留开头）")
    description: str = Field(description="所需政府信息的描述")
    delivery_form: str = Field(description="提供形式")
    delivery_channel: str = Field(description="获取方式")
    reply_type: str = Field(description="答复类型")
    delivered_on: date | None = Field(description="送达日期")
    closed_on: date | None = Field(description="归档日期")


class ApplicationPage(PageMeta):
    items: list[ApplicationOut] = Field(description="申请")


class DecisionOut(Schema):
    id: int = Field(description="编号")
    agency: str = Field(description="机构代码")
    kind: str = Field(
        description="类别：admin_licensing 行政许可、admin_penalty 行政处罚、admin_coercion 行政强制"
    )
    kind_label: str = Field(description="类别名称")
    number: str = Field(description="决定文号")
    decided_on: date = Field(description="决定日期")
    subject: str = Field(description="相对人名称")
    summary: str = Field(description="内容摘要")


class DecisionPage(PageMeta):
    items: list[DecisionOut] = Field(description="第二十条处理决定")


class StaffReportOut(Schema):
    agency: str = Field(description="机构代码")
    year: int = Field(description="报告年度")
    status: str = Field(description="状态代码；not_started 表示尚未开始编写")
    status_label: str = Field(description="状态")
    versions: int = Field(description="已发布版本数")
    report: dict[str, Any] = Field(description="当前内容：gongkai.annual/1 JSON（由现有数据计算）")
    findings: list[FindingOut] = Field(description="检查结果")
