"""The programs lists as .xlsx downloads (see core.exports): applications, ledger tasks, registries."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.exports import ListExport, register
from ipenforce.programs import selectors
from ipenforce.programs.models import AllianceKind, ContactKind, StationKind
from ipenforce.programs.workflow import FUNDING_STATES, LISTING_STATES, TASK_STATES


def _int(params, name):
    value = params.get(name) or ""
    return int(value) if value.isdigit() else None


register(ListExport(
    "funding_applications", gettext_lazy("资助申请"),
    lambda: [_("申报编号"), _("资助项目"), _("申请单位"), _("统一社会信用代码"), _("所在区"), _("所属行业"),
             _("资助对象"), _("申请金额（元）"), _("核定金额（元）"), _("决定资助金额（元）"), _("已拨付（元）"),
             _("已追回（元）"), _("抽中审计"), _("状态")],
    lambda user, params: selectors.application_list(user, call_id=_int(params, "call")).order_by("pk"),
    lambda a: [a.number, str(a.call), a.applicant_name, a.applicant_uscc, a.district, a.industry, a.project_ref,
               a.requested, a.computed, a.granted, a.paid, a.recovered, _("是") if a.audit_sampled else "",
               str(FUNDING_STATES.get(a.state, a.state))]))

register(ListExport(
    "policy_tasks", gettext_lazy("政策任务台账"),
    lambda: [_("文件"), _("序号"), _("方面"), _("任务"), _("牵头单位"), _("配合单位"), _("完成时限"), _("指标"),
             _("状态"), _("最新进展"), _("最近报送"), _("逾期")],
    lambda user, params: selectors.task_list(user, document_id=_int(params, "document"),
                                             overdue=params.get("overdue") == "1").order_by("document", "seq"),
    lambda t: [t.document.title, t.seq, t.area, t.title, t.lead_unit, t.co_units, t.due_on, t.indicators,
               str(TASK_STATES.get(t.state, t.state)), t.last_progress, t.last_reported_on,
               _("是") if selectors.is_overdue(t) else ""]))

register(ListExport(
    "key_enterprises", gettext_lazy("重点企业名录"),
    lambda: [_("企业名称"), _("统一社会信用代码"), _("行业"), _("重点知识产权"), _("联系人及电话"), _("联络员"),
             _("直通车服务等级"), _("状态"), _("列入日期"), _("有效期至")],
    lambda user, params: selectors.key_enterprises(user, params.get("state") or None),
    lambda e: [e.name, e.uscc, e.industry, e.key_ip_assets, e.contact, e.liaison.display_name if e.liaison else "",
               e.service_level, str(LISTING_STATES.get(e.state, e.state)), e.listed_on, e.valid_until]))

register(ListExport(
    "alliances", gettext_lazy("联盟备案"),
    lambda: [_("类型"), _("联盟名称"), _("产业"), _("备案日期"), _("成员数"), _("发布联盟标准（项）")],
    lambda user, params: selectors.alliances(user, params.get("kind") or None),
    lambda a: [str(AllianceKind(a.kind).label), a.name, a.industry, a.filed_on, a.member_count,
               a.standards_published]))

register(ListExport(
    "stations", gettext_lazy("工作站与海外站点"),
    lambda: [_("类型"), _("站点名称"), _("依托单位"), _("服务地区"), _("服务内容"), _("统计年度"), _("培训（场）"),
             _("指导（次）"), _("维权援助（件）")],
    lambda user, params: selectors.stations(user, params.get("kind") or None),
    lambda s: [str(StationKind(s.kind).label), s.name, s.host, s.region, s.services, s.year, s.trainings,
               s.guidance, s.aid_cases]))

register(ListExport(
    "funding_report", gettext_lazy("资助资金年度绩效报告"),
    lambda: [_("资助项目"), _("所在区"), _("所属行业"), _("申请数"), _("决定资助（元）"), _("已拨付（元）"),
             _("已追回（元）")],
    lambda user, params: selectors.fund_report_rows(user, _int(params, "year") or 0),
    lambda r: [r["call__title"], r["district"], r["industry"], r["applications"], r["granted"], r["paid"],
               r["recovered"]]))

register(ListExport(
    "rights_contacts", gettext_lazy("重点商标与权利人联系名录"),
    lambda: [_("名录"), _("权利人"), _("商标注册号"), _("核定类别"), _("产品"), _("授权代理人"),
             _("辨认鉴别联系人及电话"), _("列入理由、监测范围"), _("有效期至")],
    lambda user, params: selectors.rights_contacts(user, kind=params.get("kind") or None, q=params.get("q") or ""),
    lambda c: [str(ContactKind(c.kind).label), c.right_holder, c.mark_number, c.classes, c.products, c.agents,
               c.verification_contact, c.reason, c.valid_until]))
