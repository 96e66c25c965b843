"""Token authentication for the staff endpoints: ``Authorization: Bearer gk_…``."""

from __future__ import annotations

from ninja.security import HttpBearer

from .services import authenticate


class TokenAuth(HttpBearer):
    openapi_description = "个人 API 令牌（在“API 令牌”页面创建）：Authorization: Bearer gk_…"

    def authenticate(self, request, token: str):
        found = authenticate(token)
        if found is None:
            return None  # ninja answers 401 (errors.install words it)
        request.user = found.user  # the staff rules below read the token's user
        return found
