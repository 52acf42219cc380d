"""The user's work items as an .xlsx download (see core.exports)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.exports import ListExport, register
from ipenforce.orgs.selectors import work_queue

register(ListExport(
    "work_items", gettext_lazy("我的待办"),
    lambda: [_("事项"), _("期限"), _("期限状态"), _("承办"), _("创建时间")],
    lambda user, params: work_queue(user),
    lambda i: [i.title, i.due_at, i.get_due_status_display(),
               i.assignee_agency.name if i.assignee_agency else "", i.created_at]))
