"""The permission matrix of a campaign and a unit's report: every page, action, export, download and API endpoint
for the five people of `base.py`, 福田's head (approves) and the city's head (leads the campaign)."""
from datetime import date

import pytest

from ipenforce.campaigns.models import CampaignReport, UnitReport
from tests.campaigns.test_walk import at, create_campaign
from tests.conftest import FUTIAN
from tests.matrix.base import ABSENT, LISTED, Call, MatrixTest, expect

pytestmark = pytest.mark.django_db
MARK = "2026护航"


def _version(ids):
    return UnitReport.objects.get(pk=ids["report"]).version


class TestCampaignReportMatrix(MatrixTest):
    def make(self, demo, walker):
        with at(date(2026, 3, 9), 9):
            cid = create_campaign(demo)["id"]
            demo.api("sz_head").post(f"/api/v1/campaigns/plans/{cid}/open-reports")
            summary = demo.api("sz_head").post(f"/api/v1/campaigns/plans/{cid}/summaries",
                                               {"start": "2026-03-02", "end": "2026-03-08"}).json()
        report = UnitReport.objects.get(agency=demo.agency(FUTIAN), period_start=date(2026, 3, 2))
        assert CampaignReport.objects.filter(pk=summary["id"]).exists()
        return {"campaign": cid, "report": report.pk, "summary": summary["id"]}

    def people(self):
        return {**super().people(), "head": "ft_head", "lead": "sz_head"}

    def calls(self, ids):
        read = expect(200, 200, 404, 404, 302, head=200, lead=200)
        api_read = expect(200, 200, 404, 404, 401, head=200, lead=200)
        campaign_read = expect(200, 200, 200, 404, 302, lead=200)
        return [
            Call("campaign list", "get", "/campaigns/", expect(LISTED, LISTED, LISTED, 404, 302), marker=MARK),
            Call("campaign page", "get", "/campaigns/{campaign}/", campaign_read),
            Call("API campaign", "api_get", "/api/v1/campaigns/plans/{campaign}",
                 expect(200, 200, 200, 404, 401, lead=200)),
            Call("new campaign page", "get", "/campaigns/new/", expect(404, 404, 404, 404, 302, lead=200)),
            Call("open reports", "api_post", "/api/v1/campaigns/plans/{campaign}/open-reports",
                 expect(403, 403, 403, 404, 401, lead=200)),
            Call("report page", "get", "/campaigns/reports/{report}/", read),
            Call("report list", "get", "/campaigns/reports/", expect(LISTED, LISTED, ABSENT, 404, 302, lead=LISTED),
                 marker="/campaigns/reports/{}/".format(ids["report"])),
            Call("report export", "get", "/campaigns/reports/export.xlsx",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 302, lead=LISTED), marker=FUTIAN),
            Call("API report", "api_get", "/api/v1/campaigns/reports/{report}", api_read),
            Call("API report list", "api_get", "/api/v1/campaigns/reports",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 401, lead=LISTED), marker=FUTIAN),
            Call("API edit report", "api_patch", "/api/v1/campaigns/reports/{report}",
                 expect(200, 403, 404, 404, 401, head=403, lead=403),
                 data={"version": _version, "text": "本周情况"}),
            Call("approve before submission", "api_post", "/api/v1/campaigns/reports/{report}/actions/approve",
                 expect(403, 403, 404, 404, 401, head=422), data={"version": _version}),
            Call("submit page", "post", "/campaigns/reports/{report}/actions/submit/",
                 expect(302, 403, 404, 404, 302), data={"version": _version}),
            Call("API approve", "api_post", "/api/v1/campaigns/reports/{report}/actions/approve",
                 expect(403, 403, 404, 404, 401, lead=403, head=200), data={"version": _version}),
            Call("summary .docx", "get", "/campaigns/summaries/{summary}/report.docx",
                 expect(200, 200, 200, 404, 302, lead=200)),
            Call("API summary .xlsx", "api_get", "/api/v1/campaigns/summaries/{summary}/xlsx",
                 expect(200, 200, 200, 404, 401, lead=200)),
            Call("API summaries", "api_post", "/api/v1/campaigns/plans/{campaign}/summaries",
                 expect(403, 403, 403, 404, 401, lead=201), data={"start": "2026-03-02", "end": "2026-03-08"}),
        ]
