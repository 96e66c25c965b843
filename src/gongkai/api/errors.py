"""One error shape for every answer that is not a success: ``{"code", "message", "details"}``,
``message`` in Chinese. Installed on the API by ``install``; views raise ``ApiError``."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

logger = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    413: "too_large",
    422: "invalid",
    429: "throttled",
    500: "server_error",
}


class ApiError(HttpError):
    """An error with its Chinese message (and a code other than the status's, when it says more)."""

    def __init__(self, status: int, message: str, code: str | None = None, details: list | None = None):
        super().__init__(status, message)
        self.code = code or CODES.get(status, "error")
        self.details = details or []


def _messages() -> dict[int, str]:
    return {
        401: _("缺少或无效的 API 令牌。请在请求头中加入“Authorization: Bearer 令牌”。"),
        403: _("无权访问。"),
        404: _("未找到。"),
        422: _("请求参数不正确。"),
        429: _("请求过于频繁，请稍后再试。"),
        500: _("服务器内部错误，请稍后再试。"),
    }


def body(status: int, message: str | None = None, code: str | None = None, details=None) -> dict:
    return {
        "code": code or CODES.get(status, "error"),
        "message": message or _messages().get(status, _("请求失败。")),
        "details": details or [],
    }


def _validation_details(errors) -> list[dict]:
    out = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ())]
        out.append({"loc": loc, "type": str(e.get("type", "")), "msg": str(e.get("msg", ""))})
    return out


def install(api) -> None:
    def respond(request, status, **kw):
        return api.create_response(request, body(status, **kw), status=status)

    def on_api_error(request, exc: ApiError):
        return respond(request, exc.status_code, message=exc.message, code=exc.code, details=exc.details)

    def on_validation(request, exc: ValidationError):
        details = _validation_details(exc.errors)
        where = "、".join(dict.fromkeys(d["loc"][-1] for d in details if d["loc"]))
        message = _("请求参数不正确：%(names)s。") % {"names": where} if where else None
        return respond(request, 422, message=message, details=details)

    def on_auth(request, exc: AuthenticationError):
        response = respond(request, 401)
        response["WWW-Authenticate"] = 'Bearer realm="gongkai"'
        return response

    def on_throttled(request, exc: Throttled):
        response = respond(request, 429)
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    def on_http_error(request, exc: HttpError):
        return respond(request, exc.status_code)

    def on_unexpected(request, exc: Exception):
        logger.exception("API error on %s", request.path)
        return respond(request, 500)

    api.add_exception_handler(Exception, on_unexpected)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(AuthenticationError, on_auth)
    api.add_exception_handler(Throttled, on_throttled)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(Http404, lambda request, exc: respond(request, 404))
    api.add_exception_handler(PermissionDenied, lambda request, exc: respond(request, 403))
