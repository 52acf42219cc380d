"""Every write of programs: funding calls, applications with their automatic checks (F-03, F-07, duplicates), the
audit sample (F-12), ledgers and their .xlsx import, and the registries. Each function is one transaction,
audited; the steps of an application or a task go through the workflow engine."""
import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.core.audit import audit_append
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed
from ipenforce.core.identifiers import InvalidIdentifier, check_trademark_number, check_uscc
from ipenforce.core.numbering import series_next
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.orgs.selectors import visible_users
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
    ScoreSheet,
    Station,
    StationKind,
    TaskStatus,
    Track,
)
from ipenforce.programs.selectors import duplicates
from ipenforce.programs.workflow import POLICY_TASK
from ipenforce.workflow import worklist
from ipenforce.workflow.services import create, record

CENT = Decimal("0.01")


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
                indicators: str = "", contract_required: bool = False) -> FundingCall:
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
        materials=[m.strip() for m in materials or [] if m.strip()], indicators=indicators,
        contract_required=contract_required)
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
    """An enterprise's application, submitted from its own account or entered by the bureau's staff, checked
    automatically before it is taken. An enterprise applies in its own name only."""
    if not permissions.may_submit_for(actor, call):
        raise PermissionDenied(_("您不能申报该资助项目。"))
    applicant_org = actor.agency if permissions.applies_for_funding(actor) else None
    if applicant_org is not None:
        applicant_name = applicant_org.name
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
        applicant_org=applicant_org,
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


# ---- expert review (专家评审) -------------------------------------------------------------------------------

SHEET_WORK = "funding.score_sheet"
MAX_SCORE = Decimal("100")


@transaction.atomic
def score_sheets_assign(*, actor, application: FundingApplication, experts: list) -> list[ScoreSheet]:
    """Hand a score sheet to each expert (staff the clerk may see); each gets it on their desk."""
    _require(actor, application.agency)
    if application.state != "expert_review":
        raise Conflict(_("只有专家评审中的申请可以分配评审专家。"), code="not_in_review", field="experts")
    if not experts:
        raise _fail(_("评审专家：请至少选择一位。"), "experts", "required")
    allowed = set(visible_users(actor).filter(pk__in=[e.pk for e in experts]).values_list("pk", flat=True))
    sheets = []
    for expert in experts:
        if expert.pk not in allowed or not permissions.reads_programs(expert):
            raise _fail(_("评审专家：%(u)s 不在您可指定的人员中。") % {"u": expert.display_name}, "experts")
        sheet, _created = ScoreSheet.objects.get_or_create(application=application, expert=expert)
        work_item_open(kind=SHEET_WORK, title=f"{application} · {_('专家评分表')}", target=sheet,
                       url=reverse("programs:score_sheet", args=[sheet.pk]), people=[expert.pk], actor=actor)
        sheets.append(sheet)
    names = "、".join(e.display_name for e in experts)
    record(subject=application, actor=actor, action="experts_assigned", comment=_("评审专家：%(n)s") % {"n": names})
    audit_append(actor=actor, action="funding_application.experts", target=application,
                 after={"experts": [e.pk for e in experts]})
    return sheets


@transaction.atomic
def score_sheet_submit(*, actor, sheet: ScoreSheet, score: Decimal, opinion: str, no_conflict: bool) -> ScoreSheet:
    """The expert's own sheet: a conflict-of-interest declaration, the score (0–100) and the opinion. Submitted
    once; the score joins the aggregate the clerk records with 汇总专家评分."""
    sheet = ScoreSheet.objects.select_for_update().select_related("application").get(pk=sheet.pk)
    if sheet.expert_id != actor.pk:
        raise PermissionDenied(_("只能填写分配给您本人的评分表。"))
    if sheet.submitted_at is not None:
        raise Conflict(_("该评分表已提交，不能修改。"), code="sheet_submitted", field="score")
    if sheet.application.state != "expert_review":
        raise Conflict(_("该申请已不在专家评审阶段。"), code="not_in_review", field="score")
    if not no_conflict:
        raise _fail(_("与申请人有利害关系的专家应当回避：请勾选无利害关系声明，或联系经办人员另行指定专家。"),
                    "no_conflict", "conflict_not_declared")
    if score is None or not (Decimal("0") <= score <= MAX_SCORE):
        raise _fail(_("评分：应在 0 到 100 之间。"), "score")
    if not (opinion or "").strip():
        raise _fail(_("评审意见：请填写。"), "opinion", "required")
    sheet.no_conflict, sheet.score, sheet.opinion = True, score, opinion.strip()
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["no_conflict", "score", "opinion", "submitted_at"])
    work_item_close(kind=SHEET_WORK, target=sheet, actor=actor)
    record(subject=sheet.application, actor=actor, action="score_sheet_submitted", comment=_("专家已提交评分表"))
    audit_append(actor=actor, action="score_sheet.submit", target=sheet, after={"score": str(score)})
    return sheet


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


def tasks_escalate_overdue(*, now=None) -> int:
    """Policy tasks past their deadline and not done reach the ledger owner's head (a work item), once — the
    periodic twin of command's overdue assignments."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        overdue = PolicyTask.objects.select_for_update().filter(
            due_on__lt=timezone.localdate(now), escalated_at__isnull=True).exclude(state=TaskStatus.DONE)
        for task in overdue.select_related("agency", "document"):
            task.escalated_at = now
            task.save(update_fields=["escalated_at"])
            audit_append(actor=None, action="policy_task.escalate", target=task,
                         after={"due_on": task.due_on, "escalated_at": now})
            worklist.sync(POLICY_TASK, task, None)
            count += 1
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


def key_enterprise_complaints_prioritise(*, names: list[str] | None = None, on: date | None = None) -> int:
    """直通车 (G-01): complaints from enterprises on a current 重点企业名录 are marked priority in protection's
    queue. Run when an enterprise is listed (for its name) and periodically (for new complaints)."""
    from ipenforce.protection.models import Complaint
    from ipenforce.protection.services import complaint_set_priority

    on = on or timezone.localdate()
    if names is None:
        names = list(KeyEnterprise.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on),
                                                  state="listed", listed_on__lte=on).values_list("name", flat=True))
    if not names:
        return 0
    count = 0
    with transaction.atomic():
        waiting = Complaint.objects.filter(Q(complainant_name__in=names) | Q(complainant__name__in=names),
                                           key_enterprise=False)
        for complaint in waiting.select_for_update(of=("self",)).order_by("pk"):
            if complaint_set_priority(actor=None, complaint=complaint, priority=True,
                                      reason=str(_("重点企业名录（直通车）"))):
                count += 1
    return count
