"""Navigation by role: only pages that exist and that this user may open."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ipenforce.orgs.selectors import can_administer


ACTIVE_BY_URL_NAME = {
    "home": "workbench", "agency_list": "agencies", "agency_create": "agencies", "agency_edit": "agencies",
    "user_list": "users", "user_create": "users", "user_edit": "users", "rule_list": "rules", "calendar": "calendar",
}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    match = getattr(request, "resolver_match", None)
    items = [
        (reverse("workbench:home"), _("我的待办"), "workbench"),
        (reverse("orgs:agency_list"), _("单位"), "agencies"),
    ]
    if can_administer(user):
        items.append((reverse("orgs:user_list"), _("用户"), "users"))
    items += [
        (reverse("core:rule_list"), _("法规规则库"), "rules"),
        (reverse("core:calendar"), _("工作日历"), "calendar"),
    ]
    return {"nav_items": items, "active_nav": ACTIVE_BY_URL_NAME.get(match.url_name if match else "", "")}
