"""Case-file review (案卷评查, [SUP] art 7, wave2-rules A-27, A-40): a repeatable random draw of a unit's closed
cases for a period, each scored against the checklist with the reason of every deduction, and the unit's answer.

The draw is simple random sampling without replacement: the population is the ids of the unit's (and its
subordinate units') cases closed in the period, in ascending order, and the sample is
`random.Random(seed).sample(population, n)` — the same population, seed and size give the same sample, which
`draw_verify` recomputes."""
import random
import secrets
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.choices import State
from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.orgs.choices import Role
from ipenforce.supervision.checklist import checklist
from ipenforce.supervision.models import FileReview, ReviewDraw
from ipenforce.supervision.permissions import may_answer_review, may_draw, may_score

ANSWER_ITEM = "file_review.answer"
MAX_SEED = 64


def population_of(unit, start: date, end: date) -> list[int]:
    return sorted(Case.objects.filter(agency__path__startswith=unit.path, closed_on__range=(start, end),
                                      state__in=(State.CLOSED, State.ARCHIVED)).values_list("pk", flat=True))


def draw_sample(population: list[int], seed: str, size: int) -> list[int]:
    ordered = sorted(population)
    return sorted(random.Random(seed).sample(ordered, min(size, len(ordered))))


def draw_rule_text(unit, start: date, end: date, size: int) -> str:
    return (_("从%(unit)s（含下级单位）结案日期在%(start)s至%(end)s的已结案案件中，按案件序号升序排列，"
              "以随机种子用 random.Random(种子).sample 简单随机抽取%(n)s件（不足时全部抽取）")
            % {"unit": unit.name, "start": start.isoformat(), "end": end.isoformat(), "n": size})


@transaction.atomic
def draw_create(*, actor, unit, period_start: date, period_end: date, sample_size: int,
                seed: str = "") -> ReviewDraw:
    if not may_draw(actor, unit):
        raise PermissionDenied(_("只能由上级单位的执法监督人员或机关负责人对下级单位抽取案卷。"))
    if period_end < period_start:
        raise ValidationFailed(_("结案截止日：不能早于起始日。"), code="invalid", field="period_end")
    if not 1 <= sample_size <= 500:
        raise ValidationFailed(_("抽取件数：应为1至500。"), code="invalid", field="sample_size")
    seed = (seed or "").strip() or secrets.token_hex(8)
    if len(seed) > MAX_SEED:
        raise ValidationFailed(_("随机种子：不能超过64个字符。"), code="invalid", field="seed")
    population = population_of(unit, period_start, period_end)
    if not population:
        raise ValidationFailed(_("该单位在此期间没有已结案的案件。"), code="empty_population", field="period_start")
    selected = draw_sample(population, seed, sample_size)
    current = checklist()
    draw = ReviewDraw.objects.create(
        reviewer_agency=actor.agency, unit=unit, period_start=period_start, period_end=period_end,
        rule=draw_rule_text(unit, period_start, period_end, sample_size), sample_size=sample_size, seed=seed,
        population=population, selected=selected, checklist=current.key, checklist_version=current.version,
        created_by=actor)
    FileReview.objects.bulk_create([FileReview(draw=draw, case_id=pk) for pk in selected])
    audit_append(actor=actor, action="file_review.draw", target=draw,
                 after={"unit": unit.pk, "seed": seed, "population": population, "selected": selected})
    return draw


def draw_verify(draw: ReviewDraw) -> bool:
    """Whether the recorded sample is what the recorded population, seed and size give."""
    return draw_sample(draw.population, draw.seed, draw.sample_size) == draw.selected


def _points(draw: ReviewDraw, deductions: list) -> tuple[list[dict], Decimal]:
    current = checklist(draw.checklist)
    if current.version != draw.checklist_version:
        raise Conflict(_("评查标准已更新为新版本，本次抽取按%(v)s版评分。") % {"v": draw.checklist_version},
                       code="checklist_changed")
    if not isinstance(deductions, list):
        raise ValidationFailed(_("扣分：格式不正确。"), code="invalid", field="deductions")
    rows, per_item = [], {}
    for entry in deductions:
        if not isinstance(entry, dict):
            raise ValidationFailed(_("扣分：格式不正确。"), code="invalid", field="deductions")
        item = current.item(str(entry.get("item", "")))
        deduction = next((d for d in item.deductions if d.code == entry.get("code")), None) if item else None
        if deduction is None:
            raise ValidationFailed(_("扣分：评查标准中没有这一项（%(item)s / %(code)s）。")
                                   % {"item": entry.get("item"), "code": entry.get("code")},
                                   code="unknown_item", field="deductions")
        reason = str(entry.get("reason") or "").strip()
        if not reason:
            raise ValidationFailed(_("扣分“%(text)s”：请写明扣分理由。") % {"text": deduction.text},
                                   code="reason_required", field="deductions")
        per_item[item.code] = min(item.points, per_item.get(item.code, 0) + deduction.points)
        rows.append({"item": item.code, "code": deduction.code, "text": deduction.text,
                     "points": deduction.points, "reason": reason[:1000]})
    return rows, Decimal(current.total - sum(per_item.values()))


@transaction.atomic
def review_score(*, actor, review: FileReview, deductions: list) -> FileReview:
    review = FileReview.objects.select_for_update().select_related("draw", "draw__unit", "case").get(pk=review.pk)
    if not may_score(actor, review.draw):
        raise PermissionDenied(_("应由抽取案卷的评查单位评分。"))
    if review.state == FileReview.ANSWERED:
        raise Conflict(_("被评查单位已答复，评分不能再改。"), code="already_answered")
    review.deductions, review.score = _points(review.draw, deductions)
    review.state, review.scored_by, review.scored_at = FileReview.SCORED, actor, timezone.now()
    review.save()
    if review.deductions:
        work_item_open(kind=ANSWER_ITEM, title=f"{review.case} · {_('案卷评查扣分待答复')}", target=review,
                       url=reverse("supervision:review_detail", args=[review.draw_id]),
                       assignee_agency=review.draw.unit, eligible_role=Role.AGENCY_HEAD, actor=actor)
    else:
        work_item_close(kind=ANSWER_ITEM, target=review, actor=actor)
    audit_append(actor=actor, action="file_review.score", target=review,
                 after={"score": str(review.score), "deductions": review.deductions})
    return review


@transaction.atomic
def review_answer(*, actor, review: FileReview, answer: str) -> FileReview:
    review = FileReview.objects.select_for_update().select_related("draw").get(pk=review.pk)
    if not may_answer_review(actor, review):
        raise PermissionDenied(_("应由被评查单位的负责人答复扣分。"))
    if review.state != FileReview.SCORED:
        raise Conflict(_("尚未评分或已答复。"), code="not_scored")
    if not (answer or "").strip():
        raise ValidationFailed(_("答复：此项必填。"), code="required", field="answer")
    review.answer, review.answered_by, review.answered_at = answer.strip(), actor, timezone.now()
    review.state = FileReview.ANSWERED
    review.save()
    work_item_close(kind=ANSWER_ITEM, target=review, actor=actor)
    audit_append(actor=actor, action="file_review.answer", target=review, after={"answer": review.answer})
    return review
