"""Query-count baselines of the protection desk's lists and pages (beside the others in baselines.json): no more
queries than the baseline, and no more with more rows."""
import json
from pathlib import Path

import pytest

from ipenforce.core.identifiers import uscc_check_char
from ipenforce.orgs.models import Agency
from ipenforce.protection.demo import PLATFORM, seed_outside_organisations
from ipenforce.protection.models import Adjudication, Complaint, Mediation, Registration, TakedownNotice
from ipenforce.protection.services import complaint_register, mediation_open, platform_act, registration_submit
from ipenforce.workflow.services import perform
from tests.conftest import FUTIAN
from tests.queries.test_query_counts import _count

pytestmark = pytest.mark.django_db
BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))

CALLS = [
    ("protection desk", "client", "centre_staff", "/protection/?all=1"),
    ("protection desk (platform)", "client", "platform_agent", "/protection/?all=1"),
    ("complaint page", "client", "centre_staff", "/protection/complaints/{complaint}/"),
    ("takedown notice page", "client", "platform_agent", "/protection/notices/{notice}/"),
    ("public takedown notices", "client", "platform_agent", "/public/takedown-notices/"),
    ("API complaint list", "api", "centre_staff", "/api/v1/complaints"),
    ("API takedown notice list", "api", "centre_staff", "/api/v1/takedown-notices"),
    ("API platform notices", "api", "platform_agent", "/api/v1/platform/notices"),
    ("adjudication page", "client", "ft_officer1", "/protection/adjudications/{adjudication}/"),
    ("mediation page", "client", "centre_staff", "/protection/mediations/{mediation}/"),
    ("API adjudication list", "api", "ft_officer1", "/api/v1/adjudications"),
    ("API mediation list", "api", "centre_staff", "/api/v1/mediations"),
    ("protection statistics", "client", "centre_staff", "/protection/statistics/"),
    ("API protection statistics", "api", "centre_staff", "/api/v1/protection/statistics"),
    ("mediators page", "client", "centre_staff", "/protection/mediators/"),
    ("API mediators", "api", "centre_staff", "/api/v1/mediators"),
    ("rights certificates page", "client", "rights_holder", "/protection/certificates/"),
    ("API rights certificates", "api", "platform_agent", "/api/v1/rights-certificates"),
    ("public registration page", "client", "platform_agent", "/public/register/"),
    ("registrations page", "client", "centre_staff", "/protection/registrations/"),
    ("registration page", "client", "centre_staff", "/protection/registrations/{registration}/"),
    ("API registration list", "api", "centre_staff", "/api/v1/registrations"),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FULL = {"ip_type": "patent", "identity": "身份", "right_text": "ZL1", "accused_name": "网店", "evidence": "证据",
        "request": "请求"}


def _add(demo, n: int) -> dict:
    staff, platform_user = demo.user("centre_staff"), demo.user("platform_agent")
    platform = Agency.objects.get(name=PLATFORM)
    futian, court = demo.agency(FUTIAN), demo.agency("深圳市中级人民法院")
    for _i in range(n):
        complaint = complaint_register(actor=demo.user("rights_holder"), data=FULL, received_on=demo.today)
        for action, data in (("accept", {}), ("send_takedown", {"platform_id": platform.pk, "listings": "u"})):
            complaint.refresh_from_db()
            perform(procedure="complaint", subject_id=complaint.pk, action=action, actor=staff,
                    version=complaint.version, data=data)
        notice = TakedownNotice.objects.latest("pk")
        platform_act(actor=platform_user, notice_id=notice.pk, action="take_measures", reference=f"Q{notice.pk}",
                     data={"measures": "delete", "measures_on": demo.today, "forwarded_on": demo.today})
        platform_act(actor=platform_user, notice_id=notice.pk, action="record_declaration",
                     reference=f"D{notice.pk}", data={"declaration": "声明", "arrived_on": demo.today})
        other = complaint_register(actor=demo.user("rights_holder"), data=FULL, received_on=demo.today)
        for action, data in (("accept", {}), ("refer_to_adjudication", {"bureau_id": futian.pk, "patent": "ZL1"})):
            other.refresh_from_db()
            perform(procedure="complaint", subject_id=other.pk, action=action, actor=staff, version=other.version,
                    data=data)
        mediation_open(actor=staff, kind="assigned", parties="甲；乙", dispute="纠纷", received_on=demo.today,
                       court_id=court.pk)
        number = Registration.objects.count()
        base = f"91440300MA5F{number:05d}"
        registration_submit(data={"organisation_name": f"申请公司{number}", "kind": "rights_holder",
                                  "uscc": base + uscc_check_char(base), "contact_name": "王", "phone": "1",
                                  "email": "a@example.cn", "username": f"applicant{number}"},
                            password="Str0ng-Passw0rd-2026", content=PDF, filename="a.pdf")
    return {"complaint": Complaint.objects.latest("pk").pk, "notice": TakedownNotice.objects.latest("pk").pk,
            "adjudication": Adjudication.objects.latest("pk").pk, "mediation": Mediation.objects.latest("pk").pk,
            "registration": Registration.objects.latest("pk").pk}


def test_protection_lists_and_pages_stay_within_their_baselines(demo):
    from django.utils import timezone

    seed_outside_organisations()
    demo.today = timezone.localdate()
    ids = _add(demo, 2)
    small = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    ids = _add(demo, 3)
    large = {name: _count(demo, kind, user, url.format(**ids)) for name, kind, user, url in CALLS}
    over = {name: (large[name], BASELINES.get(name)) for name in large if large[name] > BASELINES.get(name, 0)}
    grew = {name: (small[name], large[name]) for name in large if large[name] > small[name]}
    assert not grew, f"queries grow with the rows (2 → 5): {grew}"
    assert not over, f"over the baseline (counted, allowed): {over}"
