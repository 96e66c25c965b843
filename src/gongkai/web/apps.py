from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "gongkai.web"
    label = "web"
    verbose_name = "网站"

    def ready(self):
        from . import security  # noqa: F401  (registers the deployment check of the field keys)
