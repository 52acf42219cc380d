"""The demo's command and dispatch, walked through the real services: the city's 稽查 officer assigns a campaign
task to 福田 and 南山 (signed off by the city's head; 福田 has signed for it, 南山 has yet to), 福田 asks 南山 to
verify a party of its case (南山 has the letter, the 15 working days running), and 福田 plans a joint operation
with its police."""
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.command.models import Assignment, AssistanceRequest
from ipenforce.command.services import assignment_draft, assistance_send, operation_plan
from ipenforce.orgs.choices import Role
from ipenforce.orgs.demo import DEMO_ADMIN, DEMO_PASSWORD
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.services import user_create
from ipenforce.workflow.services import perform

CITY, FUTIAN, NANSHAN = "深圳市市场监督管理局", "深圳市市场监督管理局福田监管局", "深圳市市场监督管理局南山监管局"
CITY_OFFICER = ("sz_inspector", "梁稽查", CITY)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _act(model, subject, username: str, action: str, **data):
    subject.refresh_from_db()
    perform(procedure=model, subject_id=subject.pk, action=action, actor=_user(username), version=subject.version,
            data=data)
    subject.refresh_from_db()
    return subject


def _city_officer() -> User:
    username, full_name, agency = CITY_OFFICER
    found = User.objects.filter(username=username).first()
    if found:
        return found
    today = timezone.localdate()
    return user_create(actor=_user(DEMO_ADMIN), username=username, password=DEMO_PASSWORD, full_name=full_name,
                       agency=Agency.objects.get(name=agency), roles=[Role.CASE_OFFICER],
                       certificate_no="44030020180001", certificate_valid_from=today.replace(year=today.year - 2),
                       certificate_valid_to=today + timedelta(days=800))


@transaction.atomic
def seed_demo_command() -> list[tuple[str, str, str]]:
    """Create the demo's assignments, assistance request and joint operation once; returns the login it adds."""
    officer = _city_officer()
    row = [(officer.username, CITY_OFFICER[2], str(Role.CASE_OFFICER.label))]
    if Assignment.objects.exists() or AssistanceRequest.objects.exists():
        return row
    drafted = assignment_draft(
        actor=officer, receiver_ids=[Agency.objects.get(name=FUTIAN).pk, Agency.objects.get(name=NANSHAN).pk],
        kind="task", title="“护航”专项：排查辖区电子市场销售假冒品牌耳机线索",
        instructions="请组织力量对辖区电子市场开展排查，发现侵权线索的依法立案查处。",
        feedback_wanted="反馈排查商户数、发现线索数和立案情况", reply_within_days=20)
    for assignment in drafted:
        _act("assignment", assignment, officer.username, "issue")
        _act("assignment", assignment, "sz_head", "approve")
    _act("assignment", next(a for a in drafted if a.receiver.name == FUTIAN), "ft_officer1", "receive")

    case = Case.objects.filter(agency__name=FUTIAN, state="investigating").order_by("pk").first()
    request = assistance_send(actor=_user("ft_officer1"), assisted_id=Agency.objects.get(name=NANSHAN).pk,
                              case_id=case.pk if case else None, matters=["verify_party", "obtain_records"],
                              details="请核实当事人在南山区的仓库地址，并调取其租赁合同和出入库记录。")
    _act("assistance", request, "ns_officer1", "receive")

    today = timezone.localdate()
    operation_plan(actor=_user("ft_officer1"), title="华强北电子市场联合执法行动",
                   plan="市场监管与公安联合检查华强北电子市场，重点查处假冒品牌耳机。",
                   starts_on=today + timedelta(days=3), ends_on=today + timedelta(days=4),
                   participant_ids=[Agency.objects.get(name="深圳市公安局福田分局").pk],
                   officer_ids=[_user("ft_officer1").pk, _user("ft_officer2").pk, _user("ft_police").pk])
    return row
