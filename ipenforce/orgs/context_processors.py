"""Navigation by role: only pages that exist and that this user may open."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.orgs.choices import JUSTICE_KINDS, OVERSIGHT_KINDS, Role
from ipenforce.orgs.selectors import can_administer, may_assess


ACTIVE_BY_URL_NAME = {
    "home": "workbench", "agency_list": "agencies", "agency_create": "agencies", "agency_edit": "agencies",
    "user_list": "users", "user_create": "users", "user_edit": "users", "rule_list": "rules", "calendar": "calendar",
    "list": "cases", "create": "cases", "detail": "cases", "edit": "cases", "approvals": "approvals",
    "templates": "templates", "queue": "linkage", "supervision": "supervision",
    "report": "report", "dashboard": "dashboard", "assessment": "assessment", "scheme_edit": "assessment",
    "export_list": "exports", "export_job": "exports",
}
APPROVER_ROLES = (Role.UNIT_HEAD, Role.AGENCY_HEAD)
REPORT_ROLES = (Role.STATISTICIAN, Role.AGENCY_HEAD, Role.UNIT_HEAD, Role.SUPERVISOR)


def _reads_cases(user) -> bool:
    """Whether the case list can show this user anything (police and courts see transfers, not cases)."""
    return user.is_superuser or (user.agency is not None and user.agency.kind not in JUSTICE_KINDS - OVERSIGHT_KINDS)


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    match = getattr(request, "resolver_match", None)
    items = [
        (reverse("workbench:home"), _("我的待办"), "workbench"),
    ]
    if _reads_cases(user):
        items.append((reverse("cases:list"), _("案件"), "cases"))
    if user.agency_id and user.has_role(*APPROVER_ROLES):
        items.append((reverse("cases:approvals"), _("待我审批"), "approvals"))
    if user.is_superuser or user.agency_id:
        items.append((reverse("linkage:queue"), _("两法衔接"), "linkage"))
    if user.is_superuser or (user.agency_id and user.has_role(*REPORT_ROLES)):
        items.append((reverse("stats:report"), _("统计"), "report"))
        items.append((reverse("stats:dashboard"), _("看板"), "dashboard"))
    if may_assess(user):
        items.append((reverse("stats:assessment"), _("绩效考核"), "assessment"))
    if user.is_superuser or (user.agency_id and user.agency.kind in OVERSIGHT_KINDS):
        items.append((reverse("linkage:supervision"), _("检察监督"), "supervision"))
    items.append((reverse("orgs:agency_list"), _("单位"), "agencies"))
    if can_administer(user):
        items.append((reverse("orgs:user_list"), _("用户"), "users"))
        items.append((reverse("documents:templates"), _("文书模板"), "templates"))
    items += [
        (reverse("core:rule_list"), _("法规规则库"), "rules"),
        (reverse("core:calendar"), _("工作日历"), "calendar"),
        (reverse("core:export_list"), _("我的导出"), "exports"),
    ]
    return {"nav_items": items, "active_nav": ACTIVE_BY_URL_NAME.get(match.url_name if match else "", "")}
