"""Writes that start a supervision (the steps after it run on the workflow engine): putting a case under
supervision and issuing an enforcement supervision notice. Each checks the permission, validates, and opens the
subject through its procedure's opening action (clocks, timeline, work items and audit)."""
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.choices import FINISHED_STATES
from ipenforce.cases.models import Case
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed
from ipenforce.orgs.models import Agency
from ipenforce.supervision.models import SupervisedCase, SupervisionOrder
from ipenforce.supervision.permissions import may_issue_order, may_supervise_case
from ipenforce.workflow.services import create

MAX_INTERVAL_DAYS = 90


@transaction.atomic
def supervised_case_open(*, actor, case: Case, instructions: str, interval_days: int,
                         deadline: date) -> SupervisedCase:
    """挂牌督办: a supervisor or head of an agency above the case's bureau supervises it, with the interval of its
    progress reports and the deadline set in the 督办通知."""
    if not may_supervise_case(actor, case):
        raise PermissionDenied(_("只有上级单位的执法监督人员或机关负责人可以挂牌督办本案。"))
    if not (instructions or "").strip():
        raise ValidationFailed(_("督办要求：此项必填。"), code="required", field="instructions")
    if not isinstance(interval_days, int) or not 1 <= interval_days <= MAX_INTERVAL_DAYS:
        raise ValidationFailed(_("报告间隔（日）：应为1至%(n)s之间的整数。") % {"n": MAX_INTERVAL_DAYS},
                               code="invalid", field="interval_days")
    if deadline <= timezone.localdate():
        raise ValidationFailed(_("督办期限：应晚于今天。"), code="invalid", field="deadline")
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.state in FINISHED_STATES:
        raise ValidationFailed(_("案件已办结，无需督办。"), code="case_finished", field="case")
    if SupervisedCase.objects.filter(case=case).exclude(state="closed").exists():
        raise Conflict(_("本案已在督办中。"), code="already_supervised", field="case")
    item = SupervisedCase(case=case, supervisor_agency=actor.agency, instructions=instructions.strip(),
                          interval_days=interval_days, deadline=deadline, created_by=actor)
    return create(procedure="supervised_case", subject=item, action="open", actor=actor,
                  comment=instructions.strip())


@transaction.atomic
def order_issue(*, actor, target: Agency, matter: str, case: Case | None = None) -> SupervisionOrder:
    """执法监督通知书: an upper bureau's supervisor or head tells a bureau below it of a matter to explain."""
    if not may_issue_order(actor, target):
        raise PermissionDenied(_("只能对本单位下级的市场监管部门发出执法监督通知书。"))
    if not (matter or "").strip():
        raise ValidationFailed(_("监督事项：此项必填。"), code="required", field="matter")
    if case is not None and not case.agency.path.startswith(target.path):
        raise ValidationFailed(_("涉及案件：应为被监督单位（或其下级）的案件。"), code="invalid", field="case_id")
    order = SupervisionOrder(issuer=actor.agency, target=target, case=case, matter=matter.strip(), created_by=actor)
    return create(procedure="supervision_order", subject=order, action="issue", actor=actor, comment=matter.strip())
