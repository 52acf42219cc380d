"""Bulk import of closed cases from a legacy system (core.imports): each row one case with its party, keeping the
original case number and dates, and marked as imported in its timeline and the audit log."""
from django.utils.translation import gettext_lazy as _

from ipenforce.cases.choices import IpType, Outcome, PartyKind, Source, State
from ipenforce.cases.models import Case, Party
from ipenforce.cases.permissions import may_import_cases
from ipenforce.core.audit import audit_append
from ipenforce.core.imports import Column, ListImport, RowError, register
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.selectors import visible_agencies
from ipenforce.workflow.services import record

IMPORTED = "imported"  # the timeline step of an imported case


def _agencies(user):
    return visible_agencies(user).filter(kind=AgencyKind.MARKET_REGULATION)


def _columns() -> list[Column]:
    return [
        Column(_("案件编号"), "number", max_length=60), Column(_("办案单位"), "agency", "agency"),
        Column(_("案由"), "title", max_length=200), Column(_("知识产权类型"), "ip_type", "choice",
                                                        choices=tuple(IpType.choices)),
        Column(_("案件来源"), "source", "choice", required=False, choices=tuple(Source.choices)),
        Column(_("当事人"), "party", max_length=200),
        Column(_("当事人证件号码"), "party_id", "id_number", required=False,
               hint=_("法人或其他组织填统一社会信用代码，自然人填居民身份证号码。")),
        Column(_("发现日期"), "discovered_on", "date"), Column(_("立案日期"), "filed_on", "date", required=False),
        Column(_("决定日期"), "decided_on", "date", required=False), Column(_("结案日期"), "closed_on", "date"),
        Column(_("处理结果"), "outcome", "choice", required=False, choices=tuple(Outcome.choices)),
        Column(_("违法经营额（元）"), "illegal_turnover", "money", required=False),
        Column(_("罚款（元）"), "fine", "money", required=False),
        Column(_("没收违法所得（元）"), "confiscation", "money", required=False),
    ]


DATE_ORDER = (("discovered_on", _("发现日期")), ("filed_on", _("立案日期")), ("decided_on", _("决定日期")),
              ("closed_on", _("结案日期")))


def _check(user, params, rows) -> list[RowError]:
    """Numbers new to the platform and to the file, and dates in their order (发现 ≤ 立案 ≤ 决定 ≤ 结案)."""
    numbers = [v["number"] for _n, v in rows if v.get("number")]
    taken = set(Case.objects.filter(number__in=numbers).values_list("number", flat=True))
    errors, seen = [], {}
    for number, values in rows:
        code = values.get("number")
        if code in taken:
            errors.append(RowError(number, str(_("案件编号")), str(_("平台中已有该编号的案件。"))))
        elif code and code in seen:
            errors.append(RowError(number, str(_("案件编号")), str(_("与第%(r)s行重复。")) % {"r": seen[code]}))
        if code:
            seen.setdefault(code, number)
        dated = [(key, label, values.get(key)) for key, label in DATE_ORDER if values.get(key)]
        for (_k1, earlier, first), (_k2, later, second) in zip(dated, dated[1:], strict=False):
            if second < first:
                errors.append(RowError(number, str(later), str(_("不能早于%(f)s。")) % {"f": earlier}))
    return errors


def _party_kind(identifier: str) -> str:
    if identifier and len(identifier) == 18 and identifier[:17].isdigit() and identifier[:2] != "91":
        return PartyKind.NATURAL_PERSON
    return PartyKind.ORGANISATION


def _save(user, params, rows) -> int:
    for values in rows:
        identifier = values.get("party_id") or ""
        kind = _party_kind(identifier)
        case = Case.objects.create(
            agency=values["agency"], number=values["number"], title=values["title"], ip_type=values["ip_type"],
            source=values.get("source") or Source.OTHER, description=str(_("自旧系统导入的历史案件。")),
            discovered_on=values["discovered_on"], filed_on=values.get("filed_on"),
            decided_on=values.get("decided_on"), closed_on=values["closed_on"], outcome=values.get("outcome") or "",
            illegal_turnover=values.get("illegal_turnover"), fine=values.get("fine"),
            confiscation=values.get("confiscation"), state=State.CLOSED, created_by=user)
        Party.objects.create(case=case, kind=kind, name=values["party"],
                             uscc=identifier if kind == PartyKind.ORGANISATION else "",
                             id_number=identifier if kind == PartyKind.NATURAL_PERSON else "")
        record(subject=case, actor=user, action=IMPORTED,
               comment=str(_("自旧系统导入：原案件编号 %(n)s，结案日期 %(d)s")) % {
                   "n": case.number, "d": case.closed_on.isoformat()})
        audit_append(actor=user, action="case.import", target=case,
                     after={"number": case.number, "state": case.state, "imported": True})
    return len(rows)


LEGACY_CASES = register(ListImport(
    name="legacy_cases", title=_("历史案件（旧系统导入）"), columns=_columns,
    allowed=lambda user, params: may_import_cases(user), check=_check, save=_save, agencies=_agencies,
    examples=["深市监罚〔2019〕12号", "深圳市市场监督管理局福田监管局", _("销售侵犯注册商标专用权的商品"),
              _("商标（侵权）"), _("监督检查"), _("深圳市某贸易有限公司"), "91440300MA5F00001A", "2019-03-01",
              "2019-03-05", "2019-06-20", "2019-07-15", _("行政处罚"), "12000.00", "30000.00", "2000.00"]))

