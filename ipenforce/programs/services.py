"""Every write of programs: funding calls, applications with their automatic checks (F-03, F-07, duplicates), the
audit sample (F-12), ledgers and their .xlsx import, and the registries. Each function is one transaction,
audited; the steps of an application or a task go through the workflow engine."""
import random
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.core.identifiers import InvalidIdentifier, check_trademark_number, check_uscc
from ipenforce.core.numbering import series_next
from ipenforce.programs import permissions
from ipenforce.programs.models import (
    Alliance,
    AllianceKind,
    ApplicationSeries,
    ContactKind,
    FundingApplication,
    FundingCall,
    KeyEnterprise,
    PolicyDocument,
    PolicyTask,
    RightsContact,
    Station,
    StationKind,
    Track,
)
from ipenforce.programs.selectors import duplicates
from ipenforce.workflow.services import create, record

CENT = Decimal("0.01")
MAX_IMPORT_ROWS = 1000


def _require(user, agency) -> None:
    if not permissions.may_manage_at(user, agency):
        raise PermissionDenied(_("您不能在该单位办理资助、台账或名录事项。"))


def _fail(message: str, field: str, code: str = "invalid") -> ValidationFailed:
    return ValidationFailed(message, code=code, field=field)


def _uscc(value: str, field: str = "applicant_uscc") -> str:
    try:
        return check_uscc(value)
    except InvalidIdentifier as exc:
        raise _fail(_("统一社会信用代码：%(e)s") % {"e": exc}, field, "invalid_uscc") from None


@transaction.atomic
def call_create(*, actor, agency, year: int, title: str, track: str, budget: Decimal, opens_on: date,
                closes_on: date, cap: Decimal, unit_amount: Decimal | None = None,
                cost_share: Decimal | None = None, payment_opens_on: date | None = None,
                payment_closes_on: date | None = None, materials: list[str] | None = None,
                indicators: str = "") -> FundingCall:
    _require(actor, agency)
    if track not in Track.values:
        raise _fail(_("类别：应为核准制或竞争性评审。"), "track")
    if closes_on < opens_on:
        raise _fail(_("申报截止：不能早于申报开始。"), "closes_on")
    if payment_opens_on and payment_closes_on and payment_closes_on < payment_opens_on:
        raise _fail(_("领款截止：不能早于领款开始。"), "payment_closes_on")
    if track == Track.APPROVAL and unit_amount is None and cost_share is None:
        raise _fail(_("核准制项目须设定每件资助额或费用资助比例。"), "unit_amount")
    if cost_share is not None and not (Decimal("0") < cost_share <= Decimal("1")):
        raise _fail(_("费用资助比例：应在 0 到 1 之间。"), "cost_share")
    for name, amount in (("budget", budget), ("cap", cap)):
        if amount is None or amount <= 0:
            raise _fail(_("金额应大于零。"), name)
    call = FundingCall.objects.create(
        agency=agency, year=year, title=title.strip(), track=track, budget=budget, opens_on=opens_on,
        closes_on=closes_on, cap=cap, unit_amount=unit_amount, cost_share=cost_share,
        payment_opens_on=payment_opens_on, payment_closes_on=payment_closes_on,
        materials=[m.strip() for m in materials or [] if m.strip()], indicators=indicators)
    audit_append(actor=actor, action="funding_call.create", target=call, after={"title": call.title})
    return call


def formula_amount(call: FundingCall, quantity: int | None, eligible_cost: Decimal | None) -> Decimal | None:
    """The 核准制 formula of the call: a subsidy per unit or a share of the cost, capped (F-03)."""
    if call.track != Track.APPROVAL:
        return None
    if call.unit_amount is not None:
        amount = call.unit_amount * (quantity or 0)
    else:
        amount = (eligible_cost or Decimal("0")) * call.cost_share
    return min(amount, call.cap).quantize(CENT)


@transaction.atomic
def application_submit(*, actor, call: FundingCall, applicant_name: str, applicant_uscc: str, project_ref: str,
                       requested: Decimal, undertaking: bool, materials: list[str] | None = None,
                       district: str = "", industry: str = "", quantity: int | None = None,
                       eligible_cost: Decimal | None = None, today: date | None = None) -> FundingApplication:
    """An enterprise's application, entered by the bureau's staff, checked automatically before it is taken."""
    _require(actor, call.agency)
    today = today or timezone.localdate()
    if not (call.opens_on <= today <= call.closes_on):
        raise _fail(_("不在申报期内（%(a)s至%(b)s）。") % {"a": call.opens_on, "b": call.closes_on}, "call",
                    "outside_window")
    name = (applicant_name or "").strip()
    if not name:
        raise _fail(_("申请单位：请填写。"), "applicant_name", "required")
    uscc = _uscc(applicant_uscc)
    ref = (project_ref or "").strip()
    if not ref:
        raise _fail(_("资助对象：请填写专利号、项目编号等。"), "project_ref", "required")
    if not undertaking:
        raise _fail(_("须提交不侵犯他人知识产权的书面承诺（《广东省知识产权保护条例》第三十六条）。"), "undertaking",
                    "undertaking_required")
    given = [m.strip() for m in materials or [] if m.strip()]
    missing = [m for m in call.materials if m not in given]
    if missing:
        raise _fail(_("申报材料不全：%(m)s。") % {"m": "、".join(missing)}, "materials", "materials_missing")
    if call.track == Track.APPROVAL:
        if call.unit_amount is not None and not quantity:
            raise _fail(_("件数：核准制项目请填写件数。"), "quantity", "required")
        if call.unit_amount is None and not eligible_cost:
            raise _fail(_("可资助费用：核准制项目请填写。"), "eligible_cost", "required")
    if requested is None or requested <= 0:
        raise _fail(_("申请金额：应大于零。"), "requested")
    if requested > call.cap:
        raise _fail(_("申请金额：超过单项资助上限 %(cap)s 元。") % {"cap": call.cap}, "requested", "over_cap")
    earlier = duplicates(uscc, ref).select_related("call").first()
    if earlier is not None:
        values = {"call": earlier.call, "n": earlier.number}
        message = _("同一资助对象已在%(call)s申报（%(n)s），不得重复申报。") % values
        raise _fail(message, "project_ref", "duplicate_application")
    seq = series_next(ApplicationSeries, call=call)
    application = FundingApplication(
        call=call, agency=call.agency, number=f"ZZ{call.year}-{call.pk:03d}-{seq:04d}", applicant_name=name,
        applicant_uscc=uscc, project_ref=ref, requested=requested, undertaking=True, materials=given,
        district=district.strip(), industry=industry.strip(), quantity=quantity, eligible_cost=eligible_cost,
        computed=formula_amount(call, quantity, eligible_cost), created_by=actor)
    return create(procedure="funding", subject=application, action="submit", actor=actor)


@transaction.atomic
def audit_sample(*, actor, call: FundingCall, size: int, seed: int | None = None) -> list[FundingApplication]:
    """Draw `size` funded applications of a call for audit (F-12: no sampling ratio is given — the size is the
    user's setting). Each drawn one carries a timeline record."""
    _require(actor, call.agency)
    pool = list(call.applications.filter(state__in=("paid", "evaluated"), audit_sampled=False).order_by("pk"))
    if size < 1:
        raise _fail(_("抽查数量：应至少为 1。"), "size")
    drawn = random.Random(seed).sample(pool, min(size, len(pool)))
    for application in drawn:
        application.audit_sampled = True
        application.save(update_fields=["audit_sampled", "updated_at"])
        record(subject=application, actor=actor, action="audit_sampled", comment=_("抽中资金审计"))
    audit_append(actor=actor, action="funding_call.audit_sample", target=call,
                 after={"drawn": [a.number for a in drawn]})
    return drawn


# ---- ledger ---------------------------------------------------------------------------------------------

@transaction.atomic
def document_create(*, actor, agency, title: str, areas: list[str] | None = None,
                    is_example: bool = False) -> PolicyDocument:
    _require(actor, agency)
    if not title.strip():
        raise _fail(_("文件：请填写。"), "title", "required")
    document = PolicyDocument.objects.create(agency=agency, title=title.strip(), is_example=is_example,
                                             areas=[a.strip() for a in areas or [] if a.strip()])
    audit_append(actor=actor, action="policy_document.create", target=document, after={"title": document.title})
    return document


@transaction.atomic
def task_add(*, actor, document: PolicyDocument, area: str, title: str, lead_unit: str, co_units: str = "",
             due_on: date | None = None, indicators: str = "", seq: int | None = None) -> PolicyTask:
    _require(actor, document.agency)
    for name, value in (("area", area), ("title", title), ("lead_unit", lead_unit)):
        if not (value or "").strip():
            raise _fail(_("%(f)s：请填写。") % {"f": PolicyTask._meta.get_field(name).verbose_name}, name, "required")
    if seq is None:
        seq = (document.tasks.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    if document.tasks.filter(seq=seq).exists():
        raise _fail(_("序号：%(n)s 已存在。") % {"n": seq}, "seq", "duplicate_seq")
    if area.strip() not in document.areas:  # the document's areas, in the order they first appear
        document.areas = [*document.areas, area.strip()]
        document.save(update_fields=["areas"])
    task = PolicyTask(document=document, agency=document.agency, area=area.strip(), seq=seq, title=title.strip(),
                      lead_unit=lead_unit.strip(), co_units=co_units.strip(), due_on=due_on,
                      indicators=indicators.strip())
    return create(procedure="policy_task", subject=task, action="register", actor=actor)


IMPORT_HEADERS = ["序号", "方面", "任务", "牵头单位", "配合单位", "完成时限", "指标"]


def _cell_date(value, row: int) -> date | None:
    if value in (None, ""):
        return None
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise _fail(_("第%(r)s行“完成时限”应为日期（如 2026-12-31）。") % {"r": row}, "file", "bad_date") from None


@transaction.atomic
def ledger_import(*, actor, document: PolicyDocument, content: bytes) -> int:
    """Tasks from the .xlsx officials exchange (columns 序号 方面 任务 牵头单位 配合单位 完成时限 指标), all or none."""
    _require(actor, document.agency)
    try:
        sheet = load_workbook(BytesIO(content), read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(values_only=True, max_row=MAX_IMPORT_ROWS + 1))
    except Exception:  # openpyxl raises many kinds for a file that is not .xlsx
        raise _fail(_("文件：不是有效的 .xlsx 表格。"), "file", "bad_file") from None
    if not rows or [str(c or "").strip() for c in rows[0][:len(IMPORT_HEADERS)]] != IMPORT_HEADERS:
        raise _fail(_("文件：第一行应为表头：%(h)s。") % {"h": "、".join(IMPORT_HEADERS)}, "file", "bad_headers")
    count = 0
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [None] * (len(IMPORT_HEADERS) - len(row))
        if all(c in (None, "") for c in cells[:len(IMPORT_HEADERS)]):
            continue
        try:
            seq = int(cells[0]) if cells[0] not in (None, "") else None
        except (TypeError, ValueError):
            raise _fail(_("第%(r)s行“序号”应为整数。") % {"r": number}, "file", "bad_seq") from None
        try:
            task_add(actor=actor, document=document, seq=seq, area=str(cells[1] or ""), title=str(cells[2] or ""),
                     lead_unit=str(cells[3] or ""), co_units=str(cells[4] or ""),
                     due_on=_cell_date(cells[5], number), indicators=str(cells[6] or ""))
        except ValidationFailed as exc:
            raise _fail(_("第%(r)s行：%(m)s") % {"r": number, "m": exc.message}, "file", exc.code) from None
        count += 1
    audit_append(actor=actor, action="policy_document.import", target=document, after={"tasks": count})
    return count


# ---- registries -----------------------------------------------------------------------------------------

@transaction.atomic
def key_enterprise_nominate(*, actor, agency, name: str, uscc: str, industry: str = "", key_ip_assets: str = "",
                            contact: str = "", liaison=None, service_level: str = "", grounds: str = "",
                            is_example: bool = False) -> KeyEnterprise:
    """A nomination (or the enterprise's application) for the 重点企业名录; the head reviews it on the engine."""
    _require(actor, agency)
    if not name.strip():
        raise _fail(_("企业名称：请填写。"), "name", "required")
    code = _uscc(uscc, "uscc")
    if KeyEnterprise.objects.filter(agency=agency, uscc=code).exclude(state__in=("refused", "delisted")).exists():
        raise _fail(_("该企业已在名录中或正在审核。"), "uscc", "duplicate")
    if liaison is not None and not (liaison.agency_id and liaison.agency.path.startswith(agency.path)):
        raise _fail(_("联络员应为本单位人员。"), "liaison_id")
    entry = KeyEnterprise(agency=agency, name=name.strip(), uscc=code, industry=industry, contact=contact,
                          key_ip_assets=key_ip_assets, liaison=liaison, service_level=service_level,
                          grounds=grounds, is_example=is_example)
    return create(procedure="key_enterprise", subject=entry, action="nominate", actor=actor)


@transaction.atomic
def alliance_add(*, actor, agency, kind: str, name: str, filed_on: date, industry: str = "", members: str = "",
                 member_count: int = 0, standards_published: int = 0, is_example: bool = False) -> Alliance:
    _require(actor, agency)
    if kind not in AllianceKind.values:
        raise _fail(_("类型：应为产业知识产权联盟或产业标准联盟。"), "kind")
    if not name.strip():
        raise _fail(_("联盟名称：请填写。"), "name", "required")
    if member_count < 0 or standards_published < 0:
        raise _fail(_("数量不能为负。"), "member_count" if member_count < 0 else "standards_published")
    entry = Alliance.objects.create(agency=agency, kind=kind, name=name.strip(), filed_on=filed_on,
                                    industry=industry, members=members, member_count=member_count,
                                    standards_published=standards_published, is_example=is_example)
    audit_append(actor=actor, action="alliance.add", target=entry, after={"name": entry.name})
    return entry


@transaction.atomic
def station_add(*, actor, agency, kind: str, name: str, host: str, year: int, region: str = "",
                services: str = "", staff: str = "", trainings: int = 0, guidance: int = 0, aid_cases: int = 0,
                is_example: bool = False) -> Station:
    _require(actor, agency)
    if kind not in StationKind.values:
        raise _fail(_("类型：应为工作站或海外维权服务站点。"), "kind")
    for field, value in (("name", name), ("host", host)):
        if not value.strip():
            raise _fail(_("%(f)s：请填写。") % {"f": Station._meta.get_field(field).verbose_name}, field, "required")
    for field, value in (("trainings", trainings), ("guidance", guidance), ("aid_cases", aid_cases)):
        if value < 0:
            raise _fail(_("数量不能为负。"), field)
    entry = Station.objects.create(agency=agency, kind=kind, name=name.strip(), host=host.strip(), year=year,
                                   region=region, services=services, staff=staff, trainings=trainings,
                                   guidance=guidance, aid_cases=aid_cases, is_example=is_example)
    audit_append(actor=actor, action="station.add", target=entry, after={"name": entry.name})
    return entry


@transaction.atomic
def rights_contact_add(*, actor, agency, kind: str, right_holder: str, verification_contact: str,
                       mark_number: str = "", classes: str = "", products: str = "", agents: str = "",
                       reason: str = "", valid_until: date | None = None, is_example: bool = False) -> RightsContact:
    _require(actor, agency)
    if kind not in ContactKind.values:
        raise _fail(_("名录：应为重点商标保护名录或权利人联系名录。"), "kind")
    for field, value in (("right_holder", right_holder), ("verification_contact", verification_contact)):
        if not (value or "").strip():
            raise _fail(_("%(f)s：请填写。") % {"f": RightsContact._meta.get_field(field).verbose_name}, field,
                        "required")
    number = ""
    if mark_number.strip() or kind == ContactKind.KEY_TRADEMARK:
        try:
            number = check_trademark_number(mark_number)
        except InvalidIdentifier as exc:
            raise _fail(_("商标注册号：%(e)s") % {"e": exc}, "mark_number", "invalid_trademark_number") from None
    entry = RightsContact.objects.create(
        agency=agency, kind=kind, right_holder=right_holder.strip(), mark_number=number, classes=classes,
        products=products, agents=agents, verification_contact=verification_contact.strip(), reason=reason,
        valid_until=valid_until, is_example=is_example)
    audit_append(actor=actor, action="rights_contact.add", target=entry, after={"right_holder": entry.right_holder})
    return entry
