"""Query-count baselines of the on-site record pages and API (see test_query_counts.py): no more than the
baseline, and no more with more records, signatures and photos."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipenforce.field.models import FieldRecord
from tests.field.conftest import inspection, signatures
from tests.field.test_photos import jpeg
from tests.queries.test_query_counts import BASELINES

pytestmark = pytest.mark.django_db

CALLS = [
    ("field records page", "client", "/cases/{case}/records/"),
    ("field record page", "client", "/field/records/{record}/"),
    ("API field records", "api", "/api/v1/field/cases/{case}/records"),
    ("API field record", "api", "/api/v1/field/records/{record}"),
    ("API field cases", "api", "/api/v1/field/cases"),
    ("API field photos", "api", "/api/v1/field/cases/{case}/photos"),
    ("phone app", "client", "/m/"),
    ("field evidence list page", "client", "/cases/{case}/evidence-list/"),
    ("API field evidence list", "api", "/api/v1/field/cases/{case}/evidence-list"),
]


def _add_records(demo, case_id: int, n: int) -> dict:
    api = demo.api("ft_officer1")
    for _i in range(n):
        response = api.post(f"/api/v1/field/cases/{case_id}/records",
                            {**inspection(demo), "signatures": signatures(demo, party="refuse"), "seal": True})
        assert response.status_code == 201, response.json()
        photo = api.client.post(f"/api/v1/field/cases/{case_id}/photos", {
            "file": SimpleUploadedFile("p.jpg", jpeg(filler=FieldRecord.objects.count())), "latitude": "22.5",
            "longitude": "114.0"}, headers=api.headers)
        assert photo.status_code == 201, photo.json()
    return {"case": case_id, "record": FieldRecord.objects.latest("pk").pk}


def _count(demo, kind: str, url: str) -> int:
    client = demo.client("ft_officer1") if kind == "client" else demo.api("ft_officer1")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_record_pages_stay_within_their_query_baselines(demo, walker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    walker.register("trademark")
    walker.to_investigation()
    ids = _add_records(demo, walker.case["id"], 1)
    small = {name: _count(demo, kind, url.format(**ids)) for name, kind, url in CALLS}
    ids = _add_records(demo, walker.case["id"], 3)
    large = {name: _count(demo, kind, url.format(**ids)) for name, kind, url in CALLS}
    over = {name: (large[name], BASELINES.get(name)) for name in large if large[name] > BASELINES.get(name, 0)}
    grew = {name: (small[name], large[name]) for name in large if large[name] > small[name]}
    assert not over, f"over the baseline (counted, allowed): {over}"
    assert not grew, f"queries grow with the rows: {grew}"
