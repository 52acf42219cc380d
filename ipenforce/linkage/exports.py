"""The transfer queue and the procuratorate's supervision lists as .xlsx downloads (see core.exports)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.exports import ListExport, register
from ipenforce.core.rules import rule_titles
from ipenforce.linkage import supervision
from ipenforce.linkage.selectors import list_scope, transfer_list
from ipenforce.linkage.workflow import STATES


def _state(state: str) -> str:
    return str(STATES.get(state, state))


def _transfers(user, scope: str):
    return transfer_list(user, awaiting_me=scope == "awaiting", own_agency=scope == "unit").order_by(
        "-created_at", "-pk")


register(ListExport(
    "transfers", gettext_lazy("移送"),
    lambda: [_("移送"), _("案件"), _("移送机关"), _("公安机关"), _("状态"), _("提出时间"), _("移送时间")],
    lambda user, params: _transfers(user, list_scope(params)),
    lambda t: [t.pk, str(t.case), t.bureau.name, t.police.name if t.police else "", _state(t.state), t.created_at,
               t.sent_at]))

register(ListExport(
    "untransferred", gettext_lazy("达到追诉标准但未移送的案件"),
    lambda: [_("案件"), _("办案单位"), _("涉嫌罪名")],
    lambda user, params: supervision.untransferred_over_threshold(user),
    lambda c: [str(c), c.agency.name, rule_titles(c.crime_alerts)]))

register(ListExport(
    "overdue_police_decisions", gettext_lazy("公安机关逾期未作决定"),
    lambda: [_("移送"), _("案件"), _("期限"), _("公安机关"), _("届满")],
    lambda user, params: supervision.overdue_police_decisions(user),
    lambda d: [d.transfer_id, d.case_label, d.title, d.transfer_police or "", d.due_at]))

register(ListExport(
    "non_filings", gettext_lazy("不予立案尚未提请复议或监督"),
    lambda: [_("移送"), _("案件"), _("公安机关"), _("状态")],
    lambda user, params: supervision.unchallenged_non_filings(user).order_by("pk"),
    lambda t: [t.pk, str(t.case), t.police.name if t.police else "", _state(t.state)]))

register(ListExport(
    "opinions", gettext_lazy("监督意见"),
    lambda: [_("案件"), _("检察院"), _("监督意见"), _("发出时间"), _("答复"), _("答复时间")],
    lambda user, params: supervision.opinions(user).order_by("-issued_at", "-pk"),
    lambda o: [str(o.case), o.procuratorate.name, o.text, o.issued_at, o.answer, o.answered_at]))
