"""Language choice: Simplified Chinese unless the visitor chose another language.

Django's LocaleMiddleware would follow the browser's Accept-Language, which would show an
English-configured browser a half-translated government site; here only an explicit choice
(the set_language cookie) switches away from zh-hans.
"""

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        # for this request only: the thread goes back to its language afterwards, so a visitor's
        # choice never leaks into work done outside a request (tasks, commands, tests)
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
