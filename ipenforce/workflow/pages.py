"""What every procedure's pages share: the approval answers a person may give now, and giving one from a page."""
from django.contrib import messages
from django.utils.translation import gettext as _

from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import posted_version
from ipenforce.orgs.choices import Role
from ipenforce.workflow.definitions import APPROVAL_ANSWERS
from ipenforce.workflow.services import perform


def approval_answers(available: list[str]) -> list[tuple[str, str]]:
    """(key, label) of 同意 / 不同意 / 退回 among the actions the user may take now."""
    return [(key, label) for key, label in APPROVAL_ANSWERS.items() if key in available]


def answer_from_page(request, procedure, pk: int, action: str) -> None:
    """An approver's answer posted from a page with its comment; the outcome is told as a message."""
    try:
        perform(procedure=procedure.key, subject_id=pk, action=action, actor=request.user,
                version=posted_version(request), data={"comment": request.POST.get("comment", "")})
        messages.success(request, _("已审批。"))
    except ApplicationError as exc:
        messages.error(request, exc.message)


def step_done(procedure, action: str) -> str:
    """What a page says after an action: done, or — for an action with an approval chain — sent for approval."""
    step = procedure.actions[action]
    if step.approval:
        return (_("已提交审批：%(step)s（待%(who)s审批）。")
                % {"step": step.label, "who": Role(step.approval[0].role).label})
    return _("已办理：%(step)s。") % {"step": step.label}
