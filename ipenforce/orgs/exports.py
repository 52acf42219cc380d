"""The agency and user lists as .xlsx downloads (see core.exports)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.exports import ListExport, register, valid_filters
from ipenforce.orgs import selectors
from ipenforce.orgs.filters import filter_agencies, filter_users
from ipenforce.orgs.forms import AgencyFilterForm, UserFilterForm
from ipenforce.orgs.models import Role


def agency_rows(user, params):
    filters = valid_filters(AgencyFilterForm(params or None))
    return filter_agencies(selectors.visible_agencies(user), kind=filters.get("kind"),
                           q=filters.get("q")).select_related("parent")


def user_rows(user, params):
    filters = valid_filters(UserFilterForm(params or None))
    return filter_users(selectors.with_roles(selectors.visible_users(user)), role=filters.get("role"),
                        is_active=filters.get("is_active"), q=filters.get("q"))


def _active(flag: bool) -> str:
    return _("启用") if flag else _("停用")


register(ListExport(
    "agencies", gettext_lazy("单位"),
    lambda: [_("单位名称"), _("文号简称"), _("单位类型"), _("层级"), _("行政区划代码"), _("上级单位"), _("状态")],
    agency_rows,
    lambda a: [a.name, a.short_name, a.get_kind_display(), a.get_level_display(), a.region_code,
               a.parent.name if a.parent else "", _active(a.is_active)]))

register(ListExport(
    "users", gettext_lazy("用户"),
    lambda: [_("用户名"), _("姓名"), _("所属单位"), _("角色"), _("执法证号"), _("执法证有效期起"), _("执法证有效期止"),
             _("状态")],
    user_rows,
    lambda u: [u.username, u.full_name, u.agency.name if u.agency else "",
               "、".join(str(dict(Role.choices)[r]) for r in sorted(u.role_set)), u.certificate_no,
               u.certificate_valid_from, u.certificate_valid_to, _active(u.is_active)]))
