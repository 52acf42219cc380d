"""The case list and the approval queue as .xlsx downloads (see core.exports)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.cases import selectors
from ipenforce.cases.filters import filter_cases
from ipenforce.cases.forms import CaseFilterForm
from ipenforce.cases.presenters import case_list_rows, list_values
from ipenforce.core.exports import ListExport, register, valid_filters
from ipenforce.workflow.selectors import approval_queue


def case_rows(user, params):
    filters = {**valid_filters(CaseFilterForm(params or None))}
    filters["campaign"] = filters["campaign"].pk if filters.get("campaign") else None
    return filter_cases(selectors.case_list(user), **filters)


def case_row(c: dict) -> list:
    return [c["number"] or "", c["title"], c["agency"], c["ip_type_label"], c["source_label"], c["procedure_label"],
            c["state_label"], c["discovered_on"], "、".join(c["parties"]), c["fine"]]


register(ListExport(
    "cases", gettext_lazy("案件"),
    lambda: [_("案件编号"), _("案由"), _("办案单位"), _("知识产权类型"), _("案件来源"), _("程序"), _("状态"),
             _("发现日期"), _("当事人"), _("罚款（元）")],
    lambda user, params: list_values(case_rows(user, params), "fine"), case_row, prepare=case_list_rows))

register(ListExport(
    "approvals", gettext_lazy("待我审批"),
    lambda: [_("事项"), _("办案单位"), _("提请时间")],
    lambda user, params: approval_queue(user),
    lambda item: [item.title, item.assignee_agency.name if item.assignee_agency else "", item.created_at]))
