"""Registry rows for tests, written directly (the import has its own tests)."""

from __future__ import annotations

from datetime import date
from itertools import count

from gongkai.govservice.models import Material, ServiceItem

_n = count(1)


def make_item(agency, materials: int = 1, **fields) -> ServiceItem:
    n = next(_n)
    values = {
        "name": f"测试事项{n}",
        "code": f"T-{n:05d}",
        "item_type": "01",
        "implementer": agency.name,
        "statutory_limit": 20,
        "statutory_unit": "工作日",
        "promised_limit": 5,
        "promised_unit": "工作日",
        "project_type": "2",
        "visits": 0,
        "is_online": True,
        "depth": 4,
        "online_url": f"https://zwfw.example.gov/guide/{n}",
        "forms": ["1", "2"],
        "valid_from": date(2020, 1, 1),
    }
    values.update(fields)
    item = ServiceItem.objects.create(agency=agency, **values)
    for i in range(materials):
        Material.objects.create(item=item, position=i, name=f"材料{i + 1}", originals=1, copies=1)
    return item
