"""Who may read and do what on assignments (交办单) and assistance requests (协查函): every page, action, file and
API endpoint for the five people of `base.py`, plus the receiving or assisted agency."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipenforce.command.models import Assignment, AssistanceRequest
from ipenforce.command.services import assistance_attach, assistance_send
from ipenforce.workflow.services import perform
from tests.matrix.base import ABSENT, LISTED, Call, MatrixTest, expect

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _version(model, key):
    return lambda ids: model.objects.get(pk=ids[key]).version


class TestAssignmentMatrix(MatrixTest):
    def make(self, demo, walker):
        walker.register("trademark", title="矩阵交办线索")
        api = demo.api("ft_officer1")
        drafted = api.post("/api/v1/assignments", {
            "receiver_ids": [demo.agency("福田监管局华强北市场监管所").pk], "kind": "lead",
            "case_id": walker.case["id"], "title": "矩阵交办单甲", "instructions": "请核查",
            "reply_within_days": 10}).json()[0]
        issued = api.post(f"/api/v1/assignments/{drafted['id']}/actions/issue", {"version": drafted["version"]})
        approved = demo.api("ft_head").post(f"/api/v1/assignments/{drafted['id']}/actions/approve",
                                            {"version": issued.json()["version"]})
        assert approved.status_code == 200, approved.json()
        return {"assignment": drafted["id"]}

    def people(self):
        return {**super().people(), "receiver": "hqb_officer"}

    def calls(self, ids):
        read = expect(200, 200, 404, 404, 302, receiver=200)
        api_read = expect(200, 200, 404, 404, 401, receiver=200)
        return [
            Call("assignment page", "get", "/assignments/{assignment}/", read),
            Call("assignment list", "get", "/assignments/", expect(LISTED, LISTED, ABSENT, ABSENT, 302,
                                                                   receiver=LISTED),
                 data={"all": "1"}, marker="/assignments/{}/".format(ids["assignment"])),
            Call("assignment export", "get", "/assignments/export.xlsx",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 302, receiver=LISTED), data={"all": "1"},
                 marker="矩阵交办单甲"),
            Call("API assignment", "api_get", "/api/v1/assignments/{assignment}", api_read),
            Call("API assignment list", "api_get", "/api/v1/assignments",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 401, receiver=LISTED), marker="矩阵交办单甲"),
            Call("notice page action", "post", "/assignments/{assignment}/notice/",
                 expect(302, 302, 404, 404, 302, receiver=302)),
            Call("API notice", "api_post", "/api/v1/assignments/{assignment}/notice",
                 expect(201, 403, 404, 404, 401, receiver=403)),
            Call("API receive", "api_post", "/api/v1/assignments/{assignment}/actions/receive",
                 expect(403, 403, 404, 404, 401, receiver=200), data={"version": _version(Assignment, "assignment")}),
            Call("page step", "post", "/assignments/{assignment}/actions/report/",
                 expect(403, 403, 404, 404, 302, receiver=302),
                 data={"version": _version(Assignment, "assignment"), "report-outcome": "no_violation",
                       "report-report": "未发现违法行为"}),
        ]


class TestAssistanceMatrix(MatrixTest):
    def make(self, demo, walker):
        walker.register("trademark", title="矩阵协查案件")
        request = assistance_send(actor=demo.user("ft_officer1"), assisted_id=demo.agency("深圳市公安局福田分局").pk,
                                  case_id=walker.case["id"], matters=["verify_party"], details="矩阵协查函甲")
        perform(procedure="assistance", subject_id=request.pk, action="receive", actor=demo.user("ft_police"),
                version=request.version, data={})
        request.refresh_from_db()
        attached = assistance_attach(actor=demo.user("ft_police"), request=request,
                                     uploads=[SimpleUploadedFile("核查.pdf", PDF)])
        return {"assistance": request.pk, "file": attached[0].pk,
                "collectors": [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk]}

    def people(self):
        return {**super().people(), "police_here": "ft_police"}

    def calls(self, ids):
        read = expect(200, 200, 404, 404, 302, police_here=200)
        api_read = expect(200, 200, 404, 404, 401, police_here=200)
        return [
            Call("assistance page", "get", "/assistance-requests/{assistance}/", read),
            Call("assistance list", "get", "/assistance-requests/",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 302, police_here=LISTED), data={"all": "1"},
                 marker="/assistance-requests/{}/".format(ids["assistance"])),
            Call("assistance export", "get", "/assistance-requests/export.xlsx",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 302, police_here=LISTED), data={"all": "1"},
                 marker="核实当事人主体信息"),
            Call("answer file", "get", "/assistance-requests/{assistance}/files/{file}/", read),
            Call("API assistance", "api_get", "/api/v1/assistance-requests/{assistance}", api_read),
            Call("API answer file", "api_get", "/api/v1/assistance-requests/{assistance}/files/{file}", api_read),
            Call("API upload", "api_multipart", "/api/v1/assistance-requests/{assistance}/files",
                 expect(403, 403, 404, 404, 401, police_here=201),
                 data={"files": lambda ids: SimpleUploadedFile("补充.pdf", PDF + b"2")}),
            Call("API answer", "api_post", "/api/v1/assistance-requests/{assistance}/actions/answer",
                 expect(403, 403, 404, 404, 401, police_here=200),
                 data={"version": _version(AssistanceRequest, "assistance"), "answer": "已核实"}),
            Call("API evidence", "api_post", "/api/v1/assistance-requests/{assistance}/evidence",
                 expect(200, 403, 404, 404, 401, police_here=403),
                 data={"collector_ids": lambda ids: ids["collectors"]}),
        ]
