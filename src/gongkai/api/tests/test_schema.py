"""The OpenAPI schema lists every endpoint with Chinese descriptions; the docs page is ninja's
bundled Swagger UI, served from this site only (no CDN, no validator badge)."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    ("get", "/api/v1/agencies"),
    ("get", "/api/v1/agencies/{code}/guide"),
    ("get", "/api/v1/catalogue"),
    ("get", "/api/v1/catalogue/{entry_id}"),
    ("get", "/api/v1/reports"),
    ("get", "/api/v1/reports/{agency}/{year}"),
    ("post", "/api/v1/check"),
    ("get", "/api/v1/staff/agencies"),
    ("get", "/api/v1/staff/applications"),
    ("get", "/api/v1/staff/applications/{application_id}"),
    ("get", "/api/v1/staff/records/decisions"),
    ("get", "/api/v1/staff/reports/{agency}/{year}"),
}


def test_the_schema_lists_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    found = {(m, p) for p, ops in schema["paths"].items() for m in ops}
    assert found == ENDPOINTS
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert re.search(r"[\u4e00-\u9fff]", op["summary"]), (method, path)
            for param in op.get("parameters", []):
                assert re.search(r"[\u4e00-\u9fff]", param.get("description", "")), (path, param["name"])
            staff = path.startswith("/api/v1/staff/")
            assert bool(op.get("security")) == staff, path
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_schema_is_valid_openapi(wsgi_app):
    import schemathesis

    # schemathesis refuses a schema that does not conform to the OpenAPI spec
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    assert {op.path for op in (r.ok() for r in schema.get_all_operations())} >= {"/api/v1/check"}


def test_the_docs_page_uses_local_assets_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and all(r.startswith("/static/") for r in refs), refs
    assert not re.search(r"https?://", html.split("<body", 1)[1].replace('"url": "/api/v1/openapi.json"', ""))
    assert '"validatorUrl": null' in html
    for ref in refs:
        assert finders.find(ref.removeprefix("/static/")), ref  # shipped inside the ninja package
