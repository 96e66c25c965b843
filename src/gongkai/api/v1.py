"""The API, version 1: ``/api/v1/`` (the OpenAPI schema at ``openapi.json``, the docs at ``docs``,
served from ninja's bundled Swagger UI files: nothing comes from another host)."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from . import check, errors, public, staff
from .throttling import throttles

DESCRIPTION = """政府信息公开平台的数据接口（只读）。

* 公开数据：政府信息公开目录、已发布的年度报告（gongkai.annual/1 JSON）、政府信息公开指南、机构列表。无需令牌。
* 年度报告检查：上传报告文件，返回与 `gongkai check --json` 相同的检查结果。无需令牌。
* 工作人员数据：本人所在机构的申请（个人信息已遮盖）、第二十条处理决定、年度报告工作区。需要个人 API 令牌
  （登录后在页面顶部“API 令牌”中创建），放在请求头 `Authorization: Bearer gk_…` 中。

列表用 `limit`（1–100）和 `offset` 分页。出错时统一返回 `{"code", "message", "details"}`，`message` 为中文说明。
"""

api = NinjaAPI(
    title="政府信息公开平台 API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # ninja's own static files (INSTALLED_APPS has "ninja"); no validator badge from validator.swagger.io
    docs=Swagger(
        settings={"validatorUrl": None, "persistAuthorization": False, "defaultModelsExpandDepth": 0}
    ),
    throttle=throttles(),
)
errors.install(api)
api.add_router("/", public.router)
api.add_router("/", check.router)
api.add_router("/", staff.router)
