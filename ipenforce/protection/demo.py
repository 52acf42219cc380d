"""The demo of the protection desk: a rights holder and a platform with their accounts, and open items walked
through the real services, so the centre, the rights holder and the platform each have a working desk."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ipenforce.core.identifiers import uscc_check_char
from ipenforce.orgs.choices import AgencyKind, AgencyLevel, Role
from ipenforce.orgs.demo import DEMO_ADMIN, DEMO_PASSWORD
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.services import agency_create, user_create
from ipenforce.protection.models import Complaint
from ipenforce.protection.services import (
    complaint_register,
    mediation_open,
    mediator_register,
    platform_act,
    registration_submit,
)
from ipenforce.workflow.services import perform

RIGHTS_HOLDER = "深圳市鹏城新能源科技有限公司"
PLATFORM = "鹏城优选电子商务平台"
CENTRE = "中国（深圳）知识产权保护中心"
FUTIAN = "深圳市市场监督管理局福田监管局"

# (name, short name, kind, username, full name, role)
OUTSIDE = [
    (RIGHTS_HOLDER, "鹏城新能源", AgencyKind.RIGHTS_HOLDER, "rights_holder", "刘法务", Role.RIGHTS_HOLDER_AGENT),
    (PLATFORM, "鹏城优选", AgencyKind.ECOMMERCE_PLATFORM, "platform_agent", "马对接", Role.PLATFORM_AGENT),
]


def seed_outside_organisations() -> list[tuple[str, str, str]]:
    """The demo rights holder and platform (outside organisations, each the root of its own tree)."""
    admin = User.objects.get(username=DEMO_ADMIN)
    rows = []
    for name, short, kind, username, full_name, role in OUTSIDE:
        agency = Agency.objects.filter(name=name).first() or agency_create(
            actor=admin, parent=None, kind=kind, level=AgencyLevel.CITY, region_code="440300", name=name,
            short_name=short)
        if not User.objects.filter(username=username).exists():
            user_create(actor=admin, username=username, password=DEMO_PASSWORD, full_name=full_name, agency=agency,
                        roles=[role])
        rows.append((username, name, str(Role(role).label)))
    return rows


def _complaint(actor, **data):
    return complaint_register(actor=actor, data={"ip_type": "patent", **data},
                              received_on=timezone.localdate() - timedelta(days=2))


def _act(actor, complaint, action, **data):
    complaint.refresh_from_db()
    perform(procedure="complaint", subject_id=complaint.pk, action=action, actor=actor, version=complaint.version,
            data=data)
    complaint.refresh_from_db()
    return complaint


FULL = {"identity": "统一社会信用代码 91440300MA5EXAMPLE", "right_text": "实用新型专利 ZL202120000001.X",
        "evidence": "公证购买的商品及比对表", "request": "请求删除侵权商品链接并查处"}


@transaction.atomic
def seed_demo_protection() -> int:
    """Open items for each desk (idempotent: nothing is added once the demo complaints exist)."""
    seed_outside_organisations()
    if Complaint.objects.exists():
        return 0
    staff, holder = User.objects.get(username="centre_staff"), User.objects.get(username="rights_holder")
    platform_user = User.objects.get(username="platform_agent")
    platform = Agency.objects.get(name=PLATFORM)
    today = timezone.localdate()
    # 1. Filed by the rights holder without evidence: the centre's acceptance check is waiting.
    _complaint(holder, complainant_name=RIGHTS_HOLDER, accused_name="某充电宝网店", shop_url="https://shop.example/123",
               identity=FULL["identity"], right_text=FULL["right_text"], request=FULL["request"])
    # 2. Registered by the centre for the rights holder's shop complaint, accepted, a notice to the platform.
    second = _complaint(holder, accused_name="某储能电源网店", shop_url="https://shop.example/456", **FULL)
    _act(staff, second, "accept")
    _act(staff, second, "send_takedown", platform_id=platform.pk, listings="https://shop.example/item/456")
    # 3. A notice answered by the platform: measures, then the seller's declaration — the 15 days are running.
    third = _complaint(holder, accused_name="某逆变器网店", shop_url="https://shop.example/789", **FULL)
    _act(staff, third, "accept")
    _act(staff, third, "send_takedown", platform_id=platform.pk, listings="https://shop.example/item/789")
    notice = third.notices.get()
    platform_act(actor=platform_user, notice_id=notice.pk, action="take_measures", reference="DEMO-789-1",
                 data={"measures": "delete", "measures_on": today - timedelta(days=1),
                       "forwarded_on": today - timedelta(days=1)})
    platform_act(actor=platform_user, notice_id=notice.pk, action="record_declaration", reference="DEMO-789-2",
                 data={"declaration": "经营者声明其产品采用不同结构，不落入专利保护范围。", "arrived_on": today})
    # 4. A complaint about an offline shop referred to the Futian bureau as a lead.
    fourth = _complaint(staff, complainant_name="深圳某电池有限公司", accused_name="华强北某柜台", **FULL)
    _act(staff, fourth, "accept")
    _act(staff, fourth, "refer_to_bureau", bureau_id=Agency.objects.get(name=FUTIAN).pk)
    # 5. A design-patent dispute sent to the Futian bureau for adjudication, accepted: the three months run.
    fifth = _complaint(holder, accused_name="某储能设备公司", **FULL)
    _act(staff, fifth, "accept")
    _act(staff, fifth, "refer_to_adjudication", bureau_id=Agency.objects.get(name=FUTIAN).pk,
         patent="外观设计专利 ZL202230000002.5")
    adjudication = fifth.adjudications.get()
    perform(procedure="adjudication", subject_id=adjudication.pk, action="accept",
            actor=User.objects.get(username="ft_officer1"), version=adjudication.version, data={})
    # 6. The centre's roster of mediators, then a mediation the intermediate court assigned before filing: the
    #    centre signed for the materials and chooses from the roster.
    for name, speciality in (("王调解", "专利"), ("李调解", "商标、著作权")):
        mediator_register(actor=staff, name=name, roster="人民法院特邀调解员名册", speciality=speciality)
    mediation_open(actor=staff, kind="assigned", parties="深圳市鹏城新能源科技有限公司；某电源经营部",
                   dispute="实用新型专利侵权损害赔偿", received_on=today - timedelta(days=3),
                   court_id=Agency.objects.get(name="深圳市中级人民法院").pk, court_reference="（2026）粤03民诉前调8号")
    # 7. An outside organisation's application for an account, waiting on the centre's identity check.
    seed_demo_registration()
    return 7


DEMO_LICENCE = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def seed_demo_registration() -> None:
    """A pending application (a new rights holder) on the centre staff's desk."""
    base = "91440300MA5G00007"
    registration_submit(data={"organisation_name": "深圳市前海新材料有限公司", "kind": "rights_holder",
                              "uscc": base + uscc_check_char(base), "contact_name": "陈申请",
                              "phone": "0755-88886666", "email": "ip@qianhai.example.cn", "username": "qianhai_ip"},
                        password=DEMO_PASSWORD, content=DEMO_LICENCE, filename="营业执照.pdf")
