"""Navigation by role: only pages that exist and that this user may open, each asked of its app's permissions
(the menus live in the top app, which may ask every app)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.campaigns.permissions import reads_campaigns
from ipenforce.cases.permissions import approves, reads_cases
from ipenforce.command.permissions import reads_assignments, reads_command
from ipenforce.credit.permissions import reads_credit
from ipenforce.documents.permissions import reads_templates
from ipenforce.field.permissions import uses_phone_app
from ipenforce.linkage.permissions import reads_supervision, reads_transfers
from ipenforce.orgs.permissions import can_administer
from ipenforce.programs.permissions import applies_for_funding, reads_programs
from ipenforce.protection.permissions import checks_registrations, reads_desk
from ipenforce.stats.permissions import may_assess, may_see_reports
from ipenforce.supervision import permissions as supervision
from ipenforce.workbench.permissions import may_command
from ipenforce.workbench.selectors import unread_count

# The menu entry a page belongs to, by its namespace (then by its full "namespace:name" where one app's pages
# sit under several entries).
ACTIVE_BY_VIEW = {
    "workbench": "workbench", "workbench:inbox": "inbox", "workbench:command": "command",
    "workbench:unit_work": "command", "cases": "cases", "cases:approvals": "approvals",
    "evidence": "cases", "field": "cases", "field:phone": "phone", "command": "dispatch",
    "documents": "cases", "documents:templates": "templates", "linkage": "linkage",
    "linkage:supervision": "supervision", "linkage:opinion": "supervision", "orgs:agency_list": "agencies",
    "campaigns": "campaigns", "credit": "credit",
    "orgs:agency_create": "agencies", "orgs:agency_edit": "agencies", "orgs": "users", "core:rule_list": "rules",
    "core": "calendar", "core:export_list": "exports", "core:export_job": "exports", "stats": "report",
    "stats:dashboard": "dashboard", "stats:assessment": "assessment", "stats:scheme_edit": "assessment",
    "supervision": "enforcement_supervision",
    "programs": "programs",
    "protection": "protection",
    "protection:registrations": "registrations", "protection:registration": "registrations",
}


def _menu(user) -> list[tuple]:
    """The menu as groups: (label, [(url, label, key), …]); a group of one entry shows as a plain link."""
    work = [(reverse("workbench:home"), _("我的待办"), "workbench")]
    if approves(user):
        work.append((reverse("cases:approvals"), _("待我审批"), "approvals"))
    cases = []
    if reads_cases(user):
        cases.append((reverse("cases:list"), _("案件"), "cases"))
    if uses_phone_app(user):
        cases.append((reverse("field:phone"), _("移动执法"), "phone"))
    if reads_transfers(user):
        cases.append((reverse("linkage:queue"), _("两法衔接"), "linkage"))
    if reads_supervision(user):
        cases.append((reverse("linkage:supervision"), _("检察监督"), "supervision"))
    inspection = []
    if may_command(user):
        inspection.append((reverse("workbench:command"), _("指挥调度"), "command"))
    if reads_command(user):  # one entry; the three lists are tabs of each other
        first = "command:assignments" if reads_assignments(user) else "command:assistance_list"
        inspection.append((reverse(first), _("交办协查"), "dispatch"))
    if reads_campaigns(user):
        inspection.append((reverse("campaigns:index"), _("专项行动"), "campaigns"))
    if supervision.reads_supervision(user):
        inspection.append((reverse("supervision:case_list"), _("执法监督"), "enforcement_supervision"))
    protection = []
    if reads_desk(user):
        protection.append((reverse("protection:desk"), _("快速维权"), "protection"))
    if checks_registrations(user):
        protection.append((reverse("protection:registrations"), _("单位注册审核"), "registrations"))
    if reads_credit(user):
        protection.append((reverse("credit:overview"), _("信用监管"), "credit"))
    if reads_programs(user):
        protection.append((reverse("programs:home"), _("资助与名录"), "programs"))
    elif applies_for_funding(user):
        protection.append((reverse("programs:calls"), _("资助申报"), "programs"))
    figures = []
    if may_see_reports(user):
        figures.append((reverse("stats:report"), _("统计"), "report"))
        figures.append((reverse("stats:dashboard"), _("看板"), "dashboard"))
    if may_assess(user):
        figures.append((reverse("stats:assessment"), _("绩效考核"), "assessment"))
    system = [(reverse("orgs:agency_list"), _("单位"), "agencies")]
    if can_administer(user):
        system.append((reverse("orgs:user_list"), _("用户"), "users"))
    if reads_templates(user):
        system.append((reverse("documents:templates"), _("文书模板"), "templates"))
    system += [
        (reverse("core:rule_list"), _("法规规则库"), "rules"),
        (reverse("core:calendar"), _("工作日历"), "calendar"),
        (reverse("core:export_list"), _("我的导出"), "exports"),
    ]
    groups = [(_("工作"), work), (_("案件办理"), cases), (_("智慧稽查"), inspection), (_("保护与信用"), protection),
              (_("统计考核"), figures), (_("系统"), system)]
    return [(label, entries) for label, entries in groups if entries]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_groups": []}
    match = getattr(request, "resolver_match", None)
    active = ""
    if match:
        active = ACTIVE_BY_VIEW.get(match.view_name) or ACTIVE_BY_VIEW.get(match.namespace, "")
    groups = [(label, entries, any(key == active for _url, _label, key in entries)) for label, entries in _menu(user)]
    return {"nav_groups": groups, "active_nav": active, "inbox_unread": unread_count(user)}
