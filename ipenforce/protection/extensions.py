"""What the protection desk adds to the case procedure: a lead referred from a complaint reports its outcome back
to the complaint (and so to the complainant) when the bureau closes the case or decides not to file it."""
from django.utils.translation import gettext_lazy as _

from ipenforce.workflow.registry import extend
from ipenforce.workflow.services import trigger

OUTCOMES = {"not_file": _("监管局决定不予立案"), "close": _("监管局已结案")}


def _report_back(case, ctx):
    outcome = str(OUTCOMES["not_file" if case.state == "not_filed" else "close"])
    detail = ctx.payload.get("reason") or ctx.comment or ""
    text = f"{outcome}（{case.number or case.pk}）" + (f"：{detail}" if detail else "")
    for complaint_id in case.protection_complaints.filter(state="referred").values_list("pk", flat=True):
        trigger(procedure="complaint", subject_id=complaint_id, action="case_concluded", actor=ctx.actor,
                comment=text)


def register() -> None:
    extend("case", action="not_file", then=_report_back)
    extend("case", action="close", then=_report_back)
