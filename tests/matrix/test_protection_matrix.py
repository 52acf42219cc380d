"""Who may read and do what on the protection desk: a complaint and its takedown notice, for the rights holder
who filed it, the centre, another rights holder, a police liaison, an anonymous visitor, the platform the notice
is addressed to and another platform."""
import pytest

from ipenforce.orgs.models import Agency
from ipenforce.protection.demo import PLATFORM
from ipenforce.protection.models import Complaint, TakedownNotice
from ipenforce.protection.services import complaint_register, platform_act
from ipenforce.workflow.services import perform
from tests.matrix.base import ABSENT, LISTED, Call, MatrixTest, expect
from tests.protection.conftest import COMPLETE, make_outside

pytestmark = pytest.mark.django_db


def _version(model, key):
    return lambda ids: model.objects.get(pk=ids[key]).version


class TestProtectionMatrix(MatrixTest):
    def make(self, demo, walker):
        from django.utils import timezone

        make_outside(demo)
        today = timezone.localdate()
        complaint = complaint_register(actor=demo.user("rights_holder"), data=COMPLETE, received_on=today)
        staff = demo.user("centre_staff")
        for action, data in (("accept", {}), ("send_takedown", {"platform_id": Agency.objects.get(name=PLATFORM).pk,
                                                                "listings": "https://shop.example/matrix"})):
            complaint.refresh_from_db()
            perform(procedure="complaint", subject_id=complaint.pk, action=action, actor=staff,
                    version=complaint.version, data=data)
        notice = TakedownNotice.objects.get(complaint=complaint)
        platform_act(actor=demo.user("platform_agent"), notice_id=notice.pk, action="take_measures",
                     reference="MATRIX-1", data={"measures": "delete", "measures_on": today, "forwarded_on": today})
        return {"complaint": complaint.pk, "notice": notice.pk, "today": today.isoformat()}

    def people(self):
        return {"owner": "rights_holder", "colleague": "centre_staff", "other_district": "other_holder",
                "police_elsewhere": "ns_police", "anonymous": None, "other_platform": "other_platform",
                "platform": "platform_agent"}

    def calls(self, ids):
        complaint_read = expect(200, 200, 404, 404, 302, other_platform=404, platform=404)
        notice_read = expect(200, 200, 404, 404, 302, other_platform=404, platform=200)
        marker = "/protection/complaints/{}/".format(ids["complaint"])
        return [
            Call("complaint page", "get", "/protection/complaints/{complaint}/", complaint_read),
            Call("notice page", "get", "/protection/notices/{notice}/", notice_read),
            Call("desk", "get", "/protection/", expect(LISTED, LISTED, ABSENT, 403, 302, other_platform=ABSENT,
                                                       platform=ABSENT), data={"all": "1"}, marker=marker),
            Call("public page", "get", "/public/takedown-notices/",
                 expect(LISTED, LISTED, LISTED, LISTED, LISTED, other_platform=LISTED, platform=LISTED),
                 marker="https://shop.example/matrix"),
            Call("API complaint", "api_get", "/api/v1/complaints/{complaint}",
                 expect(200, 200, 404, 404, 401, other_platform=404, platform=404)),
            Call("API notice", "api_get", "/api/v1/takedown-notices/{notice}",
                 expect(200, 200, 404, 404, 401, other_platform=404, platform=200)),
            Call("API platform notices", "api_get", "/api/v1/platform/notices",
                 expect(403, 403, 403, 403, 401, other_platform=ABSENT, platform=LISTED),
                 marker="https://shop.example/matrix"),
            Call("API platform step", "api_post", "/api/v1/platform/notices/{notice}/actions/record_declaration",
                 expect(403, 403, 403, 403, 401, other_platform=404, platform=201),
                 data={"reference": "MATRIX-2", "declaration": "声明", "arrived_on": lambda ids: ids["today"]}),
            Call("API complaint step", "api_post", "/api/v1/complaints/{complaint}/actions/conclude",
                 expect(403, 200, 404, 404, 401, other_platform=404, platform=404),
                 data={"version": _version(Complaint, "complaint"), "outcome": "平台已删除链接"}),
            Call("notice step page", "post", "/protection/notices/{notice}/actions/notarisation_start/",
                 expect(302, 302, 404, 404, 302, other_platform=404, platform=403),
                 data={"version": _version(TakedownNotice, "notice"),
                       "notarisation_start-from_date": lambda ids: ids["today"]}),
        ]
