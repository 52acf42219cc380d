"""The procuratorate's supervision (立案监督, D310 art.14, SPP-2001 §12): cases over a criminal threshold that were
not transferred (以罚代刑 suspects), transfers whose police decision is overdue, non-filings the bureau has not
challenged, and supervision opinions that the bureau must answer."""
from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.cases.workflow import AGENCY_HEAD, CASE
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.core.language import record_language
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.linkage.models import SupervisionOpinion, Transfer
from ipenforce.linkage.permissions import may_supervise, reads_opinions
from ipenforce.orgs.selectors import by_case_agency, visible_cases, visible_transfers
from ipenforce.workflow.models import Deadline, DeadlineStatus
from ipenforce.workflow.permissions import is_actor

POLICE_DECISIONS = ("linkage.police_receipt", "linkage.police_filing_decision",
                    "linkage.police_filing_decision_economic",
                    "linkage.police_filing_decision_major", "linkage.reconsideration_decision",
                    "linkage.police_explain_nonfiling", "linkage.police_file_on_notice")
OPINION_ITEM = "case.supervision_opinion"


def untransferred_over_threshold(user) -> QuerySet[Case]:
    """Visible cases with a crime alert and no transfer (other than a refused one), newest first: the candidates
    from the alert index per agency (linkage/0006), each probed for its transfers (NOT EXISTS, an anti-join; `NOT IN
    (subquery)` hashed every transfer of the province on each request). The scope is the ids of the user's case
    agencies (`agency_id = ANY`, the index's leading column), not a join to the agencies."""
    transferred = Transfer.objects.filter(case_id=OuterRef("pk")).exclude(state="refused")
    return (by_case_agency(user, Case.objects.all(), case_field="pk").exclude(crime_alerts=[])
            .exclude(Exists(transferred)).select_related("agency").order_by("-registered_at", "-pk"))


def overdue_police_decisions(user) -> QuerySet[Deadline]:
    """Running police time limits past their due time, each with its transfer's id, case and police agency."""
    return (Deadline.objects.filter(transfer__in=visible_transfers(user), rule__in=POLICE_DECISIONS,
                                    status=DeadlineStatus.RUNNING, due_at__lt=timezone.now())
            .annotate(transfer_id=F("transfer__id"), transfer_police=F("transfer__police__name"),
                      case_label=Coalesce("transfer__case__number", "transfer__case__title"))
            .order_by("due_at"))


def unchallenged_non_filings(user) -> QuerySet[Transfer]:
    return (visible_transfers(user).filter(state__in=["not_filed", "upheld"]).select_related("case", "police")
            .order_by("-created_at", "-pk"))


def opinions(user) -> QuerySet[SupervisionOpinion]:
    """A procuratorate's opinions (检察意见) on an administrative case are addressed to the bureau (SPP-2001 §12):
    the bureau's tree, the procuratorates and the oversight bodies whose scope holds the case read them; the
    police and the courts do not — what the procuratorate asks of the police (要求说明不立案理由, 通知立案) are
    steps of the transfer, which they see there."""
    if not reads_opinions(user):
        return SupervisionOpinion.objects.none()
    return (SupervisionOpinion.objects.filter(case__in=visible_cases(user))
            .select_related("case", "procuratorate", "issued_by", "answered_by"))


@transaction.atomic
def opinion_issue(*, actor, case: Case, text: str) -> SupervisionOpinion:
    if not may_supervise(actor):
        raise PermissionDenied(_("只有检察院的联络员或监督人员可以发出监督意见。"))
    if not text.strip():
        raise ValidationFailed(_("请填写监督意见。"), code="required", field="text")
    opinion = SupervisionOpinion.objects.create(case=case, procuratorate=actor.agency, text=text, issued_by=actor)
    with record_language():
        title = f"{case} · {_('检察监督意见待答复')}"
    work_item_open(kind=OPINION_ITEM, title=title, target=opinion,
                   url=reverse("linkage:opinion", args=[opinion.pk]), assignee_agency=case.agency,
                   eligible_role=AGENCY_HEAD.role, actor=actor)
    audit_append(actor=actor, action="supervision.opinion", target=opinion, after={"case": case.pk, "text": text})
    return opinion


@transaction.atomic
def opinion_answer(*, actor, opinion: SupervisionOpinion, answer: str) -> SupervisionOpinion:
    opinion = SupervisionOpinion.objects.select_for_update().select_related("case__agency").get(pk=opinion.pk)
    if not is_actor(CASE, opinion.case, AGENCY_HEAD, actor):
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
