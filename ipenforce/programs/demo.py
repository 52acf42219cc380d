"""Demo programs, walked through the real services and the engine: 福田's funding calls with an application in
expert review and one awaiting acceptance; the framework agreement's ledger (its four areas are the letter's, its
20 tasks clearly-labelled examples: 6 落实, 14 推进, so the ledger's sentence reads as the letter's); the 36条 ledger
with a few labelled example tasks, one overdue; registries whose alliance figures are the letter's (20, 35, 381 at
the end of June 2018) over labelled example entries, and the workstations the letter names."""
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ipenforce.core.identifiers import uscc_check_char
from ipenforce.orgs.models import Agency, User
from ipenforce.programs import services
from ipenforce.programs.models import FundingCall, Track
from ipenforce.workflow.services import perform

EXAMPLE = "（演示示例）"
CITY, FUTIAN = "深圳市市场监督管理局", "深圳市市场监督管理局福田监管局"
FRAMEWORK_AREAS = ["加快推进强国建设高地合作机制", "重大政策法规体系", "重大工程项目", "深化改革"]


def _uscc(n: int) -> str:
    first = f"91440300MA5D{n:05d}"
    return first + uscc_check_char(first)


def _act(procedure: str, subject, action: str, user, **data):
    subject.refresh_from_db()
    perform(procedure=procedure, subject_id=subject.pk, action=action, actor=user, version=subject.version,
            data=data)


def _funding(clerk) -> None:
    futian = clerk.agency
    today = timezone.localdate()
    approval = services.call_create(
        actor=clerk, agency=futian, year=today.year, title=f"{EXAMPLE}发明专利授权资助", track=Track.APPROVAL,
        budget=Decimal("2000000.00"), opens_on=today - timedelta(days=10), closes_on=today + timedelta(days=20),
        cap=Decimal("50000.00"), unit_amount=Decimal("3000.00"), payment_opens_on=today + timedelta(days=30),
        payment_closes_on=today + timedelta(days=50), materials=["营业执照", "专利证书", "不侵权承诺书"],
        indicators="资助发明专利授权量；资金到位率")
    competitive = services.call_create(
        actor=clerk, agency=futian, year=today.year, title=f"{EXAMPLE}知识产权保护项目", track=Track.COMPETITIVE,
        budget=Decimal("1000000.00"), opens_on=today - timedelta(days=10), closes_on=today + timedelta(days=20),
        cap=Decimal("200000.00"), payment_opens_on=today + timedelta(days=30),
        payment_closes_on=today + timedelta(days=50), materials=["营业执照", "项目申报书", "不侵权承诺书"],
        indicators="项目验收通过率")
    in_review = services.application_submit(
        actor=clerk, call=competitive, applicant_name=f"{EXAMPLE}深圳市华强电子有限公司", applicant_uscc=_uscc(1),
        project_ref="XM-2026-001", requested=Decimal("150000.00"), undertaking=True,
        materials=list(competitive.materials), district="福田区", industry="电子信息")
    _act("funding", in_review, "accept", clerk)
    _act("funding", in_review, "review", clerk, materials_complete=True, credit_result="clear",
         credit_source="信用中国（人工核查）")
    in_review.refresh_from_db()  # two experts get a score sheet on their desks (专家评审)
    services.score_sheets_assign(actor=clerk, application=in_review,
                                 experts=list(User.objects.filter(username__in=["ft_officer2", "ft_legal"])))
    services.application_submit(
        actor=clerk, call=approval, applicant_name=f"{EXAMPLE}深圳市福田智能科技有限公司", applicant_uscc=_uscc(2),
        project_ref="ZL202610000001", requested=Decimal("15000.00"), undertaking=True,
        materials=list(approval.materials), quantity=5, district="福田区", industry="人工智能")


def _ledgers(head, stats, clerk, futian_head) -> None:
    city = head.agency
    framework = services.document_create(
        actor=head, agency=city, title="市政府与国家知识产权局知识产权合作框架协议（2017-09-14）",
        areas=FRAMEWORK_AREAS, is_example=True)
    for n in range(1, 21):
        task = services.task_add(actor=head, document=framework, area=FRAMEWORK_AREAS[(n - 1) % 4],
                                 title=f"{EXAMPLE}重点任务{n}", lead_unit=CITY)
        _act("policy_task", task, "report", stats, progress="按计划推进", evidence="工作台账及会议纪要",
             status="done" if n <= 6 else "in_progress")
        _act("policy_task", task, "approve", head)
    measures = services.document_create(
        actor=futian_head, agency=futian_head.agency, is_example=True,
        title="《深圳市关于新形势下进一步加强知识产权保护的工作方案》（知识产权保护36条）")
    today = timezone.localdate()
    for title, area, due in ((f"{EXAMPLE}完善知识产权保护地方立法配套", "法制建设", today - timedelta(days=5)),
                             (f"{EXAMPLE}健全执法协作机制", "机制建设", today + timedelta(days=60)),
                             (f"{EXAMPLE}建设知识产权保护工作站", "机制建设", today + timedelta(days=120))):
        services.task_add(actor=futian_head, document=measures, area=area, title=title, lead_unit=FUTIAN,
                          due_on=due)
    first = measures.tasks.order_by("seq")[1]
    _act("policy_task", first, "report", clerk, progress="已召开联席会议", evidence="会议纪要", status="in_progress")


def _registries(head, futian_clerk, liaison, futian_head) -> None:
    city = head.agency
    published = [11] * 31 + [10] * 4  # 35 standards alliances, 381 alliance standards
    for n in range(1, 21):
        services.alliance_add(actor=head, agency=city, kind="ip", name=f"{EXAMPLE}产业知识产权联盟{n:02d}",
                              filed_on=date(2017, 1, 1) + timedelta(days=n * 20), member_count=10 + n,
                              is_example=True)
    for n, count in enumerate(published, start=1):
        services.alliance_add(actor=head, agency=city, kind="standards", name=f"{EXAMPLE}产业标准联盟{n:02d}",
                              filed_on=date(2016, 6, 1) + timedelta(days=n * 20), standards_published=count,
                              is_example=True)
    for host in ("工业设计行业协会", "钟表及智能穿戴协会", "中小企业促进会"):
        services.station_add(actor=head, agency=city, kind="workstation", name=f"{host}知识产权保护工作站",
                             host=host, year=2018, services="培训、指导、维权")
    services.station_add(actor=head, agency=city, kind="overseas", name=f"{EXAMPLE}海外维权服务站点",
                         host="中小企业促进会", region="美国", year=2018, services="海外纠纷应对指导、风险预警",
                         is_example=True)
    services.rights_contact_add(actor=head, agency=city, kind="key_trademark",
                                right_holder=f"{EXAMPLE}深圳市品牌电子有限公司",
                                mark_number="1234567", classes="9", products="手机、耳机",
                                verification_contact="品牌保护部 0755-00000000", reason="市场影响力较大（示例）",
                                is_example=True)
    services.rights_contact_add(actor=head, agency=city, kind="right_holder",
                                right_holder=f"{EXAMPLE}某国际钟表公司",
                                products="手表", agents="某律师事务所", verification_contact="鉴定联络人 0755-11111111",
                                is_example=True)
    for n, (name, industry) in enumerate((("深圳市华强电子有限公司", "电子信息"),
                                          ("深圳市福田智能科技有限公司", "人工智能"),
                                          ("深圳市福田新材料有限公司", "新材料")), start=1):
        entry = services.key_enterprise_nominate(
            actor=futian_clerk, agency=futian_clerk.agency, name=f"{EXAMPLE}{name}", uscc=_uscc(n),
            industry=industry, liaison=liaison, is_example=True, key_ip_assets="ZL202610000001",
            service_level="由本单位设定", grounds="按本单位设定的名录标准推荐")
        if n < 3:  # two listed; the third awaits 福田's head
            _act("key_enterprise", entry, "approve_listing", futian_head,
                 valid_until=timezone.localdate() + timedelta(days=3 * 365))


@transaction.atomic
def seed_demo_programs() -> bool:
    """Create the demo programs once; False when they exist."""
    if FundingCall.objects.exists():
        return False
    users = {u.username: u for u in User.objects.filter(username__in=[
        "ft_officer1", "ft_officer2", "ft_head", "sz_head", "sz_stats"]).select_related("agency")}
    if len(users) < 5 or not Agency.objects.filter(name=CITY).exists():
        return False
    _funding(users["ft_officer1"])
    _ledgers(users["sz_head"], users["sz_stats"], users["ft_officer1"], users["ft_head"])
    _registries(users["sz_head"], users["ft_officer1"], users["ft_officer2"], users["ft_head"])
    return True


@transaction.atomic
def seed_demo_enterprise_application() -> bool:
    """The demo rights holder's own account applies for the 核准制 item (run after the outside organisations)."""
    holder = User.objects.filter(username="rights_holder").select_related("agency").first()
    call = FundingCall.objects.filter(track=Track.APPROVAL, title__startswith=EXAMPLE).first()
    if holder is None or call is None or call.applications.filter(applicant_org=holder.agency).exists():
        return False
    services.application_submit(
        actor=holder, call=call, applicant_name=holder.agency.name, applicant_uscc=_uscc(3),
        project_ref="ZL202610000077", requested=Decimal("9000.00"), undertaking=True,
        materials=list(call.materials), quantity=3, district="南山区", industry="新能源")
    return True
