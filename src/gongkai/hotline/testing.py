"""Making knowledge entries in tests."""

from datetime import date

from . import services


def make_entry(agency, title="新生儿如何办理城乡居民医保参保", publish=False, **fields):
    values = {
        "title": title,
        "category": "民生热点/医疗保障",
        "questions": ["新生儿怎么上医保？", "刚出生的孩子医保在哪里办？"],
        "answer": "新生儿出生后可凭出生医学证明和户口簿，在县医疗保障服务中心窗口或网上办理参保登记。",
        "summary": "新生儿参保登记的材料和渠道",
        "basis": [
            {
                "title": "示例县城乡居民基本医疗保险实施办法",
                "doc_no": "示政发〔2023〕5号",
                "article": "第八条",
                "index_no": "",
            }
        ],
        "owner": "",
        "related_items": [],
        "effective_from": date(2024, 1, 1),
        **fields,
    }
    entry = services.create(None, agency, **values)
    if publish:
        entry = services.fire(None, entry, "submit")
        entry = services.fire(None, entry, "publish", fields.get("effective_from", date(2024, 1, 1)))
    return entry
