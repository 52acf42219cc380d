"""Demo supervision, walked through the real services: the city supervises a 福田 case (one progress report filed),
issues a supervision notice to 福田, and draws 福田's closed 2018 cases for file review — so the city's supervisor and
head and 福田's officers and head each have something to see."""
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.core.errors import ApplicationError
from ipenforce.orgs.models import Agency, User
from ipenforce.supervision.models import ReviewDraw, SupervisedCase, SupervisionOrder
from ipenforce.supervision.reviews import draw_create
from ipenforce.supervision.services import order_issue, supervised_case_open
from ipenforce.workflow.services import perform

FUTIAN = "深圳市市场监督管理局福田监管局"
SUPERVISED_TITLE = "某电子公司生产销售侵犯注册商标专用权的充电器"


@transaction.atomic
def seed_demo_supervision() -> int:
    """Once (nothing happens when any supervision exists); returns how many things were created."""
    if SupervisedCase.objects.exists() or SupervisionOrder.objects.exists() or ReviewDraw.objects.exists():
        return 0
    supervisor = User.objects.filter(username="sz_supervisor").first()
    futian = Agency.objects.filter(name=FUTIAN).first()
    case = Case.objects.filter(title=SUPERVISED_TITLE, agency=futian).first()
    if supervisor is None or futian is None or case is None:
        return 0
    created = 0
    instructions = "挂牌督办：查清侵权充电器的生产源头和销售渠道，每周报告进展。"
    item = supervised_case_open(actor=supervisor, case=case, instructions=instructions, interval_days=7,
                                deadline=timezone.localdate() + timedelta(days=45))
    officer = case.officers.order_by("username").first()
    if officer is not None:
        perform(procedure="supervised_case", subject_id=item.pk, action="report", actor=officer,
                version=item.version, data={"progress": "已查封生产窝点一处，正在核查销售渠道。",
                                            "stage": "administrative", "sites_closed": "1"})
    created += 1
    order_issue(actor=supervisor, target=futian, matter="抽查发现部分案件处罚决定书送达回证缺少受送达人签名。")
    created += 1
    try:
        draw_create(actor=supervisor, unit=futian, period_start=date(2018, 1, 1), period_end=date(2018, 12, 31),
                    sample_size=3, seed="demo-2018")
        created += 1
    except ApplicationError:  # no closed history in this demo database
        pass
    return created
