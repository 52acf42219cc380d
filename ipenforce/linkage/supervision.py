"""The procuratorate's supervision (立案监督, D310 art.14, SPP-2001 §12): cases over a criminal threshold that were
not transferred (以罚代刑 suspects), transfers whose police decision is overdue, non-filings the bureau has not
challenged, and supervision opinions that the bureau must answer."""
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.linkage.models import SupervisionOpinion, Transfer, TransferDeadline
from ipenforce.orgs.choices import AgencyKind, Role
from ipenforce.orgs.selectors import acting_agency_ids, visible_cases, visible_transfers

POLICE_DECISIONS = ("linkage.police_receipt", "linkage.police_filing_decision", "linkage.police_filing_decision_economic",
                    "linkage.police_filing_decision_major", "linkage.reconsideration_decision",
                    "linkage.police_explain_nonfiling", "linkage.police_file_on_notice")
OPINION_ITEM = "case.supervision_opinion"


def may_supervise(user) -> bool:
    return bool(user.agency_id and user.agency.kind == AgencyKind.PROCURATORATE
                and user.has_role(Role.PROCURATORATE_LIAISON, Role.SUPERVISOR))


def untransferred_over_threshold(user) -> QuerySet[Case]:
    transferred = Transfer.objects.exclude(state="refused").values("case_id")
    return (visible_cases(user).exclude(crime_alerts=[]).exclude(pk__in=transferred)
            .select_related("agency").order_by("-registered_at"))


def overdue_police_decisions(user) -> QuerySet[TransferDeadline]:
    return (TransferDeadline.objects.filter(transfer__in=visible_transfers(user), rule__in=POLICE_DECISIONS,
                                            stopped_at__isnull=True, due_at__lt=timezone.now())
            .select_related("transfer", "transfer__case", "transfer__police").order_by("due_at"))


def unchallenged_non_filings(user) -> QuerySet[Transfer]:
    return visible_transfers(user).filter(state__in=["not_filed", "upheld"]).select_related("case", "police")


def opinions(user) -> QuerySet[SupervisionOpinion]:
    return (SupervisionOpinion.objects.filter(case__in=visible_cases(user))
            .select_related("case", "procuratorate", "issued_by", "answered_by"))


@transaction.atomic
def opinion_issue(*, actor, case: Case, text: str) -> SupervisionOpinion:
    if not may_supervise(actor):
        raise PermissionDenied(_("只有检察院的联络员或监督人员可以发出监督意见。"))
    if not text.strip():
        raise ValidationFailed(_("请填写监督意见。"), code="required", field="text")
    opinion = SupervisionOpinion.objects.create(case=case, procuratorate=actor.agency, text=text, issued_by=actor)
    work_item_open(kind=OPINION_ITEM, title=f"{case} · {_('检察监督意见待答复')}", target=opinion,
                   url=reverse("linkage:opinion", args=[opinion.pk]), assignee_agency=case.agency,
                   eligible_role=Role.AGENCY_HEAD, actor=actor)
    audit_append(actor=actor, action="supervision.opinion", target=opinion, after={"case": case.pk, "text": text})
    return opinion


@transaction.atomic
def opinion_answer(*, actor, opinion: SupervisionOpinion, answer: str) -> SupervisionOpinion:
    opinion = SupervisionOpinion.objects.select_for_update().select_related("case__agency").get(pk=opinion.pk)
    if actor.agency_id not in acting_agency_ids(opinion.case.agency) or not actor.has_role(Role.AGENCY_HEAD):
        raise PermissionDenied(_("应由办案单位的机关负责人答复监督意见。"))
    if opinion.answered_at:
        raise ValidationFailed(_("该监督意见已答复。"), code="already_answered")
    if not answer.strip():
        raise ValidationFailed(_("请填写答复。"), code="required", field="answer")
    opinion.answer, opinion.answered_by, opinion.answered_at = answer, actor, timezone.now()
    opinion.save(update_fields=["answer", "answered_by", "answered_at"])
    work_item_close(kind=OPINION_ITEM, target=opinion, actor=actor)
    audit_append(actor=actor, action="supervision.answer", target=opinion, after={"answer": answer})
    return opinion
