"""The OpenAPI schema is the contract with partner agencies: the committed copy must match the code."""
from pathlib import Path

from django.conf import settings

from ipenforce.core.management.commands.export_openapi import schema_json


def test_committed_schema_matches_the_api():
    committed = (Path(settings.BASE_DIR) / "docs" / "openapi.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "the API changed: run `make openapi` and commit docs/openapi.json"


def test_docs_are_served_without_a_cdn(admin_client):
    body = admin_client.get("/api/v1/docs").content.decode()
    assert "swagger-ui" in body and "cdn" not in body.lower() and "/static/ninja/" in body
    assert admin_client.get("/api/v1/openapi.json").json()["info"]["title"] == "ipenforce API"
