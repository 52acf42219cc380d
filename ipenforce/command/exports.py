"""The assignment, assistance-request and joint-operation lists as .xlsx downloads (see core.exports), with the
filters of their pages."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.command.selectors import assignment_list, assistance_list, list_filters, visible_operations
from ipenforce.command.services import MATTERS
from ipenforce.command.workflow import ASSIGNMENT_STATES, ASSISTANCE_STATES, OPERATION_STATES
from ipenforce.core.exports import ListExport, register

register(ListExport(
    "assignments", gettext_lazy("交办单"),
    lambda: [_("交办单"), _("交办事项"), _("交办单位"), _("承办单位"), _("状态"), _("签收时间"), _("办理期限"),
             _("办理结果"), _("立案案件编号")],
    lambda user, params: assignment_list(user, **list_filters(params, "receiver")).order_by("-created_at", "-pk"),
    lambda a: [a.pk, a.title, a.assigner.name, a.receiver.name, str(ASSIGNMENT_STATES.get(a.state, a.state)),
               a.received_at, a.due_on, a.get_outcome_display(), a.outcome_case_number]))

register(ListExport(
    "assistance_requests", gettext_lazy("协查函"),
    lambda: [_("协查函"), _("请求单位"), _("被请求单位"), _("协查事项"), _("状态"), _("收函时间"), _("答复时间")],
    lambda user, params: assistance_list(user, **list_filters(params, "assisted")).order_by("-created_at", "-pk"),
    lambda r: [r.pk, r.requester.name, r.addressee, "、".join(str(MATTERS.get(m, m)) for m in r.matters),
               str(ASSISTANCE_STATES.get(r.state, r.state)), r.received_at, r.answered_at]))

register(ListExport(
    "joint_operations", gettext_lazy("联合执法行动"),
    lambda: [_("行动名称"), _("牵头单位"), _("开始日期"), _("结束日期"), _("状态"), _("检查场所"), _("查扣物品")],
    lambda user, params: visible_operations(user).select_related("lead").order_by("-starts_on", "-pk"),
    lambda o: [o.title, o.lead.name, o.starts_on, o.ends_on, str(OPERATION_STATES.get(o.state, o.state)),
               "；".join(o.places), "；".join(o.seized_goods)]))
