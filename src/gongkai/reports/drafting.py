"""Complete texts for 一、五、六 drafted from the data: for the demo and tests, and as a starting
point for staff. Wording is chosen per agency and year (a stable hash), so two agencies — or one
agency's two years — do not read alike (30号: no 内容雷同)."""

from __future__ import annotations

import hashlib

from gongkai.annual.model import Report

from . import guidance
from .build import FeeSummary

SITES = ("县人民政府门户网站政府信息公开专栏", "本机关政府信息公开网页", "县政府信息公开平台")
ACTIVE_EXTRA = (
    "重要政策文件同步发布解读材料，采用图解、问答等方式提升可读性。",
    "围绕群众关注的民生事项，及时发布政策文件和办事指南，做到应公开尽公开。",
    "对涉及公众切身利益的规范性文件，起草阶段即公开征求意见并反馈采纳情况。",
    "按季度更新法定主动公开内容目录，确保栏目内容准确、完整、及时。",
)
MANAGEMENT = (
    "严格落实公文公开属性源头认定制度，拟文时即明确主动公开、依申请公开或不予公开属性。",
    "落实政府信息公开前保密审查制度，坚持“先审查、后公开”，全年未发生泄密或不当公开事件。",
    "对现行有效的行政规范性文件开展清理，及时标注失效、废止情况并动态更新目录。",
    "建立政府信息公开台账，对发布、更新、撤回信息逐条登记，做到有据可查。",
)
PLATFORM = (
    "以政府网站为第一平台，优化“法定主动公开内容”栏目设置，方便公众查找。",
    "通过政务新媒体同步发布政策信息和办事提醒，及时回应群众关切。",
    "完善依申请公开网上申请渠道，申请人可在线提交申请、查询办理进度。",
    "对网站栏目开展常态化巡查，及时修复错链、断链，保障平台稳定运行。",
)
SUPERVISION = (
    "调整充实政务公开工作领导小组，明确分管负责人和专人负责，形成一级抓一级的工作格局。",
    "把政务公开纳入干部教育培训内容，全年举办专题培训{n}期、培训{m}人次。",
    "制定政务公开工作任务分工方案，逐项明确牵头科室和完成时限，按月调度推进。",
    "围绕新修订的条例和答复文书规范开展业务培训{n}场，参加人员{m}人次。",
)
# 工作考核、社会评议、责任追究 (条例第五十条) in wording that changes from year to year
ASSESSMENT = (
    "将政务公开纳入年度绩效考核，考核结果为良好；通过政府网站开展社会评议，群众总体满意；"
    "全年未发生因政府信息公开工作被责任追究的情况。",
    "政务公开工作在年度目标考核中得分靠前；邀请群众代表开展社会评议，满意率较高；"
    "本年度没有因信息公开工作被追究责任的情形。",
    "年度考核中政务公开指标全部完成；社会评议结果为满意；未发生需要责任追究的事项。",
)
INTROS = (
    "{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，围绕中心工作推进决策、执行、管理、服务、"
    "结果公开，依法保障人民群众的知情权、参与权和监督权。",
    "{year}年，{name}坚持以公开为常态、不公开为例外，按照上级政务公开工作要点部署，"
    "持续提升政府信息公开的质量和实效。",
    "{year}年，{name}对照政务公开年度工作要点，抓好政策公开、解读回应和平台建设，"
    "政府信息公开工作平稳有序推进。",
)
PROBLEMS = (
    (
        "部分政策解读形式较为单一，图解、视频等解读方式运用不多",
        "增加图解、视频、问答等解读形式，提高政策解读的可读性",
    ),
    (
        "个别依申请公开答复援引条款不够精准，告知书表述有待规范",
        "统一依申请公开答复文书模板，实行答复前法制审核",
    ),
    (
        "基层工作人员对《条例》的理解把握参差不齐，业务能力有待提高",
        "每半年组织一次专题业务培训，开展案例研讨",
    ),
    ("部分栏目信息更新不够及时，存在内容滞后现象", "建立栏目每月巡查和通报制度，明确更新时限和责任人"),
    ("政策文件公开后与公众的互动回应不够充分", "建立政策发布后的意见收集和回应机制，定期梳理回应群众关切"),
    ("重点领域信息公开的深度和广度还需拓展", "对照重点领域公开清单逐项梳理，补充完善公开内容"),
    ("规范性文件清理结果公开不够及时", "在清理完成后十个工作日内公开清理结果并更新目录"),
    ("政务新媒体与网站信息发布协同不够", "建立网站和新媒体同步发布机制，统一审核把关"),
)
ORDINALS = "一二三四五六七八"


def draft_texts(report: Report, fees: FeeSummary, agency_code: str) -> dict[str, str]:
    """Texts for every field of the workspace, quoting the tables' figures exactly."""
    year = report.year or 0
    name = report.agency.name or "本机关"
    key = f"{agency_code}:{year}"
    site = guidance.pick(agency_code, SITES, 1)[0]
    digits = int(hashlib.sha256(key.encode()).hexdigest()[:6], 16)
    trainings, trainees = 1 + digits % 5, 12 + digits % 90
    sentences = {s.part: [] for s in guidance.ready_sentences(report, fees)}
    for s in guidance.ready_sentences(report, fees):
        sentences[s.part].append(s.text)
    active = " ".join(sentences.get("overview_active", []))
    quoted = {
        part: "".join(sentences.get(f"overview_{part}", [])) for part in ("info_management", "platform")
    }
    on_request = "".join(sentences.get("overview_on_request", [])) or "本年度未收到政府信息公开申请。"
    supervision = "".join(guidance.pick(agency_code, SUPERVISION, 2, offset=2 * year)).format(
        n=trainings, m=trainees
    )
    # problems: the year picks a different pair of entries than the year before (no 内容雷同)
    chosen = [PROBLEMS[(year * 3 + i + len(agency_code)) % len(PROBLEMS)] for i in range(3)]
    problems = (
        f"（一）存在的主要问题。{year}年，{name}政府信息公开工作仍存在一些不足："
        + "；".join(f"{ORDINALS[i]}是{p}" for i, (p, _m) in enumerate(chosen))
        + "。\n（二）改进情况。"
        + f"{year + 1}年，将采取以下措施："
        + "；".join(f"{ORDINALS[i]}是{m}" for i, (_p, m) in enumerate(chosen))
        + "。"
    )
    return {
        "overview_intro": guidance.pick(agency_code, INTROS, 1, offset=year)[0].format(year=year, name=name),
        "overview_active": f"通过{site}主动公开政府信息。{active}{guidance.pick(agency_code, ACTIVE_EXTRA, 1, offset=year)[0]}",
        "overview_on_request": on_request + "所有申请均在法定期限内答复。",
        "overview_info_management": "".join(guidance.pick(agency_code, MANAGEMENT, 2, offset=2 * year))
        + quoted["info_management"],
        "overview_platform": "".join(guidance.pick(agency_code, PLATFORM, 2, offset=2 * year))
        + quoted["platform"],
        "overview_supervision": supervision
        + guidance.pick(agency_code, ASSESSMENT, 1, offset=year)[0]
        + "".join(sentences.get("overview_supervision", [])),
        "problems": problems,
        "other": "\n".join(
            [
                "（一）信息处理费收取情况。" + fees.sentence(year),
                f"（二）建议提案办理结果公开情况。本年度承办人大代表建议{digits % 7}件、政协委员提案{digits % 9}件，"
                "均已按期办结，办理复文已按规定公开。",
            ]
        ),
    }
