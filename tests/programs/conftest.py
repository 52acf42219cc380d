"""Helpers of the programs tests: valid USCCs, a funding call made through the API, and taking a step."""
from datetime import timedelta

import pytest
from django.utils import timezone

from ipenforce.core.identifiers import uscc_check_char
from tests.cases.conftest import walker  # noqa: F401 — the case walker fixture, shared

API = "/api/v1/programs"


def uscc(n: int) -> str:
    first = f"91440300MA5F{n:05d}"
    return first + uscc_check_char(first)


def make_call(api, track="approval", **extra) -> dict:
    today = timezone.localdate()
    body = {"year": today.year, "title": extra.pop("title", "专利授权资助"), "track": track, "budget": "1000000.00",
            "opens_on": str(today - timedelta(days=1)), "closes_on": str(today + timedelta(days=30)),
            "cap": "50000.00", "payment_opens_on": str(today), "payment_closes_on": str(today + timedelta(days=60)),
            "materials": ["营业执照", "专利证书"]}
    if track == "approval":
        body["unit_amount"] = "1000.00"
    body.update(extra)
    response = api.post(f"{API}/calls", body)
    assert response.status_code == 201, response.content
    return response.json()


def application_body(n: int, **extra) -> dict:
    body = {"applicant_name": f"深圳市测试科技有限公司{n}", "applicant_uscc": uscc(n), "project_ref": f"ZL2025{n:07d}",
            "requested": "8000.00", "undertaking": True, "materials": ["营业执照", "专利证书"], "quantity": 8,
            "district": "福田区", "industry": "电子信息"}
    body.update(extra)
    return body


def act(api, kind: str, pk: int, action: str, **data):
    current = api.get(f"{API}/{kind}/{pk}").json()
    return api.post(f"{API}/{kind}/{pk}/actions/{action}", {"version": current["version"], **data})


@pytest.fixture
def clerk(demo):
    return demo.api("ft_officer1")
