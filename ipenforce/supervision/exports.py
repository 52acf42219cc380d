"""Supervised cases, orders and each supervision rule's list as .xlsx downloads (see core.exports)."""
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.exports import ListExport, register
from ipenforce.supervision.checks import CHECKS
from ipenforce.supervision.selectors import order_list, supervised_case_list
from ipenforce.supervision.workflow import CASE_STATES, ORDER_STATES


def check_export_name(key: str) -> str:
    return f"supervision_{key}"


register(ListExport(
    "supervised_cases", gettext_lazy("督办案件"),
    lambda: [_("案件"), _("案由"), _("办案单位"), _("督办单位"), _("状态"), _("下次报告日"), _("督办期限"),
             _("逾期报告次数")],
    lambda user, params: supervised_case_list(user, open_only=params.get("all") != "1"),
    lambda s: [str(s.case), s.case.title, s.case.agency.name, s.supervisor_agency.name,
               str(CASE_STATES.get(s.state, s.state)), s.next_report_due, s.deadline, s.late_reports]))

register(ListExport(
    "supervision_orders", gettext_lazy("执法监督"),
    lambda: [_("编号"), _("监督机关"), _("被监督单位"), _("监督事项"), _("状态"), _("纠正期限")],
    lambda user, params: order_list(user),
    lambda o: [o.pk, o.issuer.name, o.target.name, o.matter, str(ORDER_STATES.get(o.state, o.state)), o.correct_by]))


def _register_check(check) -> None:
    register(ListExport(
        check_export_name(check.key), check.title,
        lambda: [_("案件"), _("案由"), _("办案单位"), _("情况")],
        lambda user, params: check.rows(user, timezone.now()),
        lambda c: [str(c), c.title, c.agency.name, check.detail(c)]))


for _check in CHECKS:
    _register_check(_check)
