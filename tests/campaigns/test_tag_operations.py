"""A joint operation carried out under a campaign is tagged to it like a case (B-05: cases, leads and operations),
by the staff of the unit that leads it; another district cannot tag it."""
from datetime import date, timedelta

import pytest

from ipenforce.campaigns.models import CampaignTag
from tests.campaigns.test_walk import at, create_campaign

pytestmark = pytest.mark.django_db


def test_a_joint_operation_is_tagged_to_a_campaign(demo):
    with at(date(2026, 3, 9), 9):
        cid = create_campaign(demo)["id"]
        ft = demo.api("ft_officer1")
        operation = ft.post("/api/v1/joint-operations", {
            "title": "华强北电子市场联合执法", "plan": "联合检查", "starts_on": "2026-03-10",
            "ends_on": str(date(2026, 3, 10) + timedelta(days=2)),
            "participant_ids": [demo.agency("深圳市公安局福田分局").pk],
            "officer_ids": [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk]})
        assert operation.status_code == 201, operation.json()
        body = {"content_type": "command.jointoperation", "object_id": operation.json()["id"]}
        assert demo.api("ns_officer1").post(f"/api/v1/campaigns/plans/{cid}/tags", body).status_code == 403
        tagged = ft.post(f"/api/v1/campaigns/plans/{cid}/tags", body)
        assert tagged.status_code == 201, tagged.json()
        assert CampaignTag.objects.filter(campaign_id=cid, object_id=operation.json()["id"],
                                          content_type__model="jointoperation").count() == 1
