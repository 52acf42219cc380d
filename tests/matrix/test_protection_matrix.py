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
            Call("rights certificates page", "get", "/protection/certificates/",
                 expect(200, 200, 200, 200, 302, other_platform=200, platform=200)),
            Call("centre statistics", "get", "/protection/statistics/",
                 expect(403, 200, 403, 403, 302, other_platform=403, platform=403)),
            Call("API centre statistics", "api_get", "/api/v1/protection/statistics",
                 expect(403, 200, 403, 403, 401, other_platform=403, platform=403)),
            Call("notice step page", "post", "/protection/notices/{notice}/actions/notarisation_start/",
                 expect(302, 302, 404, 404, 302, other_platform=404, platform=403),
                 data={"version": _version(TakedownNotice, "notice"),
                       "notarisation_start-from_date": lambda ids: ids["today"]}),
        ]


class TestAdjudicationMatrix(MatrixTest):
    """The handling bureau's officer, a colleague of another role, an officer of another district, a police liaison,
    an anonymous visitor; the petitioning rights holder and another one."""

    def make(self, demo, walker):
        from django.utils import timezone

        make_outside(demo)
        complaint = complaint_register(actor=demo.user("rights_holder"), data=COMPLETE,
                                       received_on=timezone.localdate())
        staff = demo.user("centre_staff")
        for action, data in (("accept", {}), ("refer_to_adjudication", {
                "bureau_id": demo.agency("深圳市市场监督管理局福田监管局").pk, "patent": "ZL202120000001.X"})):
            complaint.refresh_from_db()
            perform(procedure="complaint", subject_id=complaint.pk, action=action, actor=staff,
                    version=complaint.version, data=data)
        return {"adjudication": complaint.adjudications.get().pk}

    def people(self):
        return {**super().people(), "petitioner": "rights_holder", "other_holder": "other_holder"}

    def calls(self, ids):
        from ipenforce.protection.models import Adjudication

        read = expect(200, 200, 404, 404, 302, petitioner=200, other_holder=404)
        return [
            Call("adjudication page", "get", "/protection/adjudications/{adjudication}/", read),
            Call("API adjudication", "api_get", "/api/v1/adjudications/{adjudication}",
                 expect(200, 200, 404, 404, 401, petitioner=200, other_holder=404)),
            Call("API adjudication list", "api_get", "/api/v1/adjudications",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 401, petitioner=LISTED, other_holder=ABSENT),
                 marker="ZL202120000001.X"),
            Call("API accept", "api_post", "/api/v1/adjudications/{adjudication}/actions/accept",
                 expect(200, 403, 404, 404, 401, petitioner=403, other_holder=404),
                 data={"version": _version(Adjudication, "adjudication")}),
        ]


class TestMediationMatrix(MatrixTest):
    """The centre's mediator, the assigning court, an officer, a police liaison, an anonymous visitor, a rights
    holder."""

    def make(self, demo, walker):
        from django.utils import timezone

        from ipenforce.protection.services import mediation_open

        make_outside(demo)
        mediation = mediation_open(actor=demo.user("centre_staff"), kind="assigned", parties="矩阵甲；矩阵乙",
                                   dispute="专利纠纷", received_on=timezone.localdate(),
                                   court_id=demo.agency("深圳市中级人民法院").pk)
        return {"mediation": mediation.pk}

    def people(self):
        return {"owner": "centre_staff", "colleague": "sz_court", "other_district": "ft_officer1",
                "police_elsewhere": "ns_police", "anonymous": None, "holder": "rights_holder"}

    def calls(self, ids):
        from ipenforce.protection.models import Mediation

        return [
            Call("mediation page", "get", "/protection/mediations/{mediation}/",
                 expect(200, 200, 404, 404, 302, holder=404)),
            Call("API mediation list", "api_get", "/api/v1/mediations",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 401, holder=ABSENT), marker="矩阵甲"),
            Call("mediators page", "get", "/protection/mediators/", expect(200, 200, 403, 403, 302, holder=403)),
            Call("API mediation organisations", "api_get", "/api/v1/mediation-organisations",
                 expect(LISTED, LISTED, 403, 403, 401, holder=403), marker="知识产权保护中心"),
            Call("API designate", "api_post", "/api/v1/mediations/{mediation}/actions/designate",
                 expect(200, 403, 404, 404, 401, holder=404),
                 data={"version": _version(Mediation, "mediation"), "mediators": "王调解"}),
        ]


class TestRegistrationMatrix(MatrixTest):
    """An outside organisation's application for an account: the centre's staff (who check it), a rights holder,
    an officer, a police liaison, an anonymous visitor (who may apply), a platform."""

    def make(self, demo, walker):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.test import Client

        from tests.protection.test_registration import APPLICATION, PDF

        make_outside(demo)
        Client(REMOTE_ADDR="10.7.7.7").post("/api/v1/public/registrations", {
            **APPLICATION, "organisation_name": "矩阵申请公司", "file": SimpleUploadedFile("执照.pdf", PDF)})
        from ipenforce.protection.models import Registration

        return {"registration": Registration.objects.get(organisation_name="矩阵申请公司").pk}

    def people(self):
        return {"owner": "centre_staff", "colleague": "rights_holder", "other_district": "ft_officer1",
                "police_elsewhere": "ns_police", "anonymous": None, "platform": "platform_agent"}

    def calls(self, ids):
        from ipenforce.protection.models import Registration

        return [
            Call("public registration page", "get", "/public/register/", expect(200, 200, 200, 200, 200, platform=200)),
            Call("registrations page", "get", "/protection/registrations/",
                 expect(LISTED, 403, 403, 403, 302, platform=403), marker="矩阵申请公司"),
            Call("registration page", "get", "/protection/registrations/{registration}/",
                 expect(200, 404, 404, 404, 302, platform=404)),
            Call("registration file", "get", "/protection/registrations/{registration}/file/",
                 expect(200, 404, 404, 404, 302, platform=404)),
            Call("API registration list", "api_get", "/api/v1/registrations",
                 expect(LISTED, 403, 403, 403, 401, platform=403), marker="矩阵申请公司"),
            Call("API registration", "api_get", "/api/v1/registrations/{registration}",
                 expect(200, 404, 404, 404, 401, platform=404)),
            Call("API approve", "api_post", "/api/v1/registrations/{registration}/actions/approve",
                 expect(200, 404, 404, 404, 401, platform=404),
                 data={"version": _version(Registration, "registration")}),
        ]
