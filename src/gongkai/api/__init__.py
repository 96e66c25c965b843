"""The REST API (``/api/v1/``, django-ninja, OpenAPI at ``/api/v1/openapi.json``, docs at
``/api/v1/docs``): the public catalogue, published reports, guides and agencies, the report check,
and read-only staff data through a personal token (``ApiToken``) scoped as the staff pages are."""
