"""Agency kinds and levels, user roles, and which roles each kind of agency can hold."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    MARKET_REGULATION = "market_regulation", _("市场监督管理部门")
    IP_OFFICE = "ip_office", _("知识产权管理部门")
    POLICE = "police", _("公安机关")
    PROCURATORATE = "procuratorate", _("检察院")
    COURT = "court", _("法院")
    SUPERVISORY_COMMISSION = "supervisory_commission", _("监察机关")
    LEGAL_AFFAIRS = "legal_affairs", _("司法行政（法制）机构")
    PROTECTION_CENTRE = "protection_centre", _("知识产权保护中心")
    INDUSTRY_ASSOCIATION = "industry_association", _("行业协会")
    ECOMMERCE_PLATFORM = "ecommerce_platform", _("电子商务平台")
    RIGHTS_HOLDER = "rights_holder", _("权利人（企业、代理机构）")


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    DISTRICT = "district", _("区级")
    OFFICE = "office", _("所（派出机构）")


LEVEL_ORDER = [AgencyLevel.PROVINCE, AgencyLevel.CITY, AgencyLevel.DISTRICT, AgencyLevel.OFFICE]

# How many leading digits of the GB/T 2260 region code an agency of each level covers.
JURISDICTION_DIGITS = {AgencyLevel.PROVINCE: 2, AgencyLevel.CITY: 4, AgencyLevel.DISTRICT: 6, AgencyLevel.OFFICE: 6}


class Role(models.TextChoices):
    CASE_OFFICER = "case_officer", _("办案人员")
    UNIT_HEAD = "unit_head", _("办案机构负责人")
    LEGAL_REVIEWER = "legal_reviewer", _("法制审核人员")
    AGENCY_HEAD = "agency_head", _("机关负责人")
    SUPERVISOR = "supervisor", _("执法监督人员")
    STATISTICIAN = "statistician", _("统计人员")
    POLICE_LIAISON = "police_liaison", _("公安联络员")
    PROCURATORATE_LIAISON = "procuratorate_liaison", _("检察联络员")
    COURT_LIAISON = "court_liaison", _("法院联络员")
    CENTRE_STAFF = "centre_staff", _("保护中心工作人员")
    RIGHTS_HOLDER_AGENT = "rights_holder_agent", _("权利人用户")
    PLATFORM_AGENT = "platform_agent", _("电商平台对接人员")
    SYSADMIN = "sysadmin", _("系统管理员")


_ENFORCEMENT = {
    Role.CASE_OFFICER, Role.UNIT_HEAD, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD,
    Role.SUPERVISOR, Role.STATISTICIAN, Role.SYSADMIN,
}

ROLES_BY_KIND: dict[str, set[str]] = {
    AgencyKind.MARKET_REGULATION: _ENFORCEMENT,
    AgencyKind.IP_OFFICE: _ENFORCEMENT,
    AgencyKind.POLICE: {Role.POLICE_LIAISON, Role.AGENCY_HEAD, Role.STATISTICIAN, Role.SYSADMIN},
    AgencyKind.PROCURATORATE: {Role.PROCURATORATE_LIAISON, Role.SUPERVISOR, Role.AGENCY_HEAD, Role.STATISTICIAN,
                               Role.SYSADMIN},
    AgencyKind.COURT: {Role.COURT_LIAISON, Role.AGENCY_HEAD, Role.STATISTICIAN, Role.SYSADMIN},
    AgencyKind.SUPERVISORY_COMMISSION: {Role.SUPERVISOR, Role.SYSADMIN},
    AgencyKind.LEGAL_AFFAIRS: {Role.SUPERVISOR, Role.SYSADMIN},
    AgencyKind.PROTECTION_CENTRE: {Role.CENTRE_STAFF, Role.AGENCY_HEAD, Role.STATISTICIAN, Role.SYSADMIN},
    AgencyKind.INDUSTRY_ASSOCIATION: {Role.SYSADMIN},
    AgencyKind.ECOMMERCE_PLATFORM: {Role.PLATFORM_AGENT, Role.SYSADMIN},
    AgencyKind.RIGHTS_HOLDER: {Role.RIGHTS_HOLDER_AGENT, Role.SYSADMIN},
}

# Kinds whose users see the criminal side of cases sent into their jurisdiction rather than their own subtree.
JUSTICE_KINDS = {AgencyKind.POLICE, AgencyKind.PROCURATORATE, AgencyKind.COURT}
# Kinds that supervise (read, never act) across their jurisdiction.
OVERSIGHT_KINDS = {AgencyKind.PROCURATORATE, AgencyKind.SUPERVISORY_COMMISSION, AgencyKind.LEGAL_AFFAIRS}
# Outside organisations (ARCHITECTURE.md §7): a tree of their own, seeing only what they submitted or what was
# addressed to them — never cases, transfers or other agencies' work.
OUTSIDE_KINDS = {AgencyKind.RIGHTS_HOLDER, AgencyKind.ECOMMERCE_PLATFORM}
