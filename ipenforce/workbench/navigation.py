"""Navigation by role: only pages that exist and that this user may open, each asked of its app's permissions
(the menus live in the top app, which may ask every app)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.permissions import approves, reads_cases
from ipenforce.documents.permissions import reads_templates
from ipenforce.linkage.permissions import reads_supervision, reads_transfers
from ipenforce.orgs.permissions import can_administer
from ipenforce.stats.permissions import may_assess, may_see_reports

ACTIVE_BY_URL_NAME = {
    "home": "workbench", "agency_list": "agencies", "agency_create": "agencies", "agency_edit": "agencies",
    "user_list": "users", "user_create": "users", "user_edit": "users", "rule_list": "rules", "calendar": "calendar",
    "list": "cases", "create": "cases", "detail": "cases", "edit": "cases", "approvals": "approvals",
    "templates": "templates", "queue": "linkage", "supervision": "supervision",
    "report": "report", "dashboard": "dashboard", "assessment": "assessment", "scheme_edit": "assessment",
    "export_list": "exports", "export_job": "exports",
}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    match = getattr(request, "resolver_match", None)
    items = [(reverse("workbench:home"), _("我的待办"), "workbench")]
    if reads_cases(user):
        items.append((reverse("cases:list"), _("案件"), "cases"))
    if approves(user):
        items.append((reverse("cases:approvals"), _("待我审批"), "approvals"))
    if reads_transfers(user):
        items.append((reverse("linkage:queue"), _("两法衔接"), "linkage"))
    if may_see_reports(user):
        items.append((reverse("stats:report"), _("统计"), "report"))
        items.append((reverse("stats:dashboard"), _("看板"), "dashboard"))
    if may_assess(user):
        items.append((reverse("stats:assessment"), _("绩效考核"), "assessment"))
    if reads_supervision(user):
        items.append((reverse("linkage:supervision"), _("检察监督"), "supervision"))
    items.append((reverse("orgs:agency_list"), _("单位"), "agencies"))
    if can_administer(user):
        items.append((reverse("orgs:user_list"), _("用户"), "users"))
    if reads_templates(user):
        items.append((reverse("documents:templates"), _("文书模板"), "templates"))
    items += [
        (reverse("core:rule_list"), _("法规规则库"), "rules"),
        (reverse("core:calendar"), _("工作日历"), "calendar"),
        (reverse("core:export_list"), _("我的导出"), "exports"),
    ]
    return {"nav_items": items, "active_nav": ACTIVE_BY_URL_NAME.get(match.url_name if match else "", "")}
