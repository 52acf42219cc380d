"""Nothing is writable outside the audited services: Django's admin reads business data only; campaigns change
through the audited API."""
import pytest
from django.contrib import admin

from ipenforce.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_admin_is_read_only_for_every_model(demo):
    request = type("Request", (), {"user": demo.user("admin")})()
    writable = [model._meta.label for model, model_admin in admin.site._registry.items()
                if model._meta.app_label not in ("auth",)
                and (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
                     or model_admin.has_delete_permission(request))]
    assert writable == []


def test_campaign_admin_page_refuses_a_change(demo):
    from ipenforce.cases.models import Campaign

    campaign = Campaign.objects.first()
    client = demo.client("admin")
    response = client.post(f"/django-admin/cases/campaign/{campaign.pk}/change/", {"name": "x", "is_active": "on"})
    assert response.status_code in (302, 403)
    campaign.refresh_from_db()
    assert campaign.name != "x"


def test_campaigns_change_through_the_audited_api(demo):
    admin_api, officer = demo.api("admin"), demo.api("sz_admin")
    assert officer.post("/api/v1/campaigns", {"name": "春雷"}).status_code == 403
    created = admin_api.post("/api/v1/campaigns", {"name": "春雷"})
    assert created.status_code == 201
    assert admin_api.post("/api/v1/campaigns", {"name": "春雷"}).json()["code"] == "duplicate_name"
    changed = admin_api.patch(f"/api/v1/campaigns/{created.json()['id']}", {"is_active": False})
    assert changed.json()["is_active"] is False
    actions = list(AuditEvent.objects.filter(action__startswith="campaign.").values_list("action", flat=True))
    assert sorted(actions) == ["campaign.create", "campaign.update"]
