"""Writes on evidence: add an item with its files, record a custody event. Transactional and audited."""
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.evidence.choices import CustodyKind, EvidenceKind
from ipenforce.evidence.files import store
from ipenforce.evidence.models import CustodyEvent, EvidenceFile, EvidenceItem
from ipenforce.evidence.permissions import may_handle_evidence
from ipenforce.orgs.models import User
from ipenforce.orgs.selectors import acting_agency_ids

MAX_PROVES = 1000


def _check(actor, case: Case) -> None:
    if not may_handle_evidence(actor, case):
        raise PermissionDenied(_("只有本案办案单位的办案人员可以在案件办结前登记证据。"))


def _future(value, field: str) -> None:
    if value and value > timezone.now():
        raise ValidationFailed(_("时间不能晚于现在。"), code="time_in_future", field=field)


@transaction.atomic
def evidence_add(*, actor, case: Case, kind: str, description: str, source: str, place: str, collected_at,
                 collector_ids: list[int], uploads: list, captured_url: str = "", captured_at=None,
                 proves: str = "") -> EvidenceItem:
    """Register an evidence item with its files; the first custody event (收集提取) is recorded with it."""
    _check(actor, case)
    if kind not in EvidenceKind.values:
        raise ValidationFailed(_("证据种类不正确。"), code="invalid_choice", field="kind")
    _future(collected_at, "collected_at")
    _future(captured_at, "captured_at")
    if kind == EvidenceKind.ELECTRONIC and not (captured_url and captured_at and uploads):
        raise ValidationFailed(_("电子数据须记录提取的网址或系统、提取时间，并附提取的文件。"),
                               code="electronic_capture_required", field="captured_url")
    collectors = list(User.objects.filter(pk__in=collector_ids, agency_id__in=acting_agency_ids(case.agency)))
    if len(collectors) < 2 or len(collectors) != len(set(collector_ids)):
        raise ValidationFailed(_("提取人应为本单位至少两名执法人员（《行政处罚法》第四十二条）。"),
                               code="collectors_required",
                               field="collector_ids")
    stored = [store(upload) for upload in uploads]
    item = EvidenceItem.objects.create(case=case, kind=kind, description=description, source=source, place=place,
                                       collected_at=collected_at, captured_url=captured_url, captured_at=captured_at,
                                       proves=proves.strip(), created_by=actor)
    item.collectors.set(collectors)
    for stored_file, name in stored:
        EvidenceFile.objects.create(item=item, stored=stored_file, name=name)
    CustodyEvent.objects.create(item=item, kind=CustodyKind.COLLECTED, actor=actor, at=collected_at, place=place)
    audit_append(actor=actor, action="evidence.add", target=item, after={
        "case": case.pk, "kind": kind, "proves": item.proves,
        "files": [{"name": n, "sha256": s.sha256, "size": s.size} for s, n in stored]})
    return item


@transaction.atomic
def custody_record(*, actor, item: EvidenceItem, kind: str, at, place: str, note: str = "") -> CustodyEvent:
    _check(actor, item.case)
    if kind not in CustodyKind.values or kind == CustodyKind.COLLECTED:
        raise ValidationFailed(_("保管链事项不正确。"), code="invalid_choice", field="kind")
    _future(at, "at")
    last = item.custody.order_by("-at", "-pk").first()
    if last and at < last.at:
        raise ValidationFailed(_("时间不能早于上一条保管记录（%(at)s）。")
                               % {"at": timezone.localtime(last.at).strftime("%Y-%m-%d %H:%M")},
                               code="custody_out_of_order", field="at")
    if last and last.kind == CustodyKind.DESTROYED:
        raise ValidationFailed(_("证据已销毁，不能再记录保管事项。"), code="evidence_destroyed", field="kind")
    event = CustodyEvent.objects.create(item=item, kind=kind, actor=actor, at=at, place=place, note=note)
    audit_append(actor=actor, action="evidence.custody", target=item,
                 after={"kind": kind, "at": at, "place": place, "note": note})
    return event


@transaction.atomic
def evidence_proves_set(*, actor, item: EvidenceItem, proves: str) -> EvidenceItem:
    """What the item proves (证明对象), as the evidence list states it; changed while the case is open, audited."""
    _check(actor, item.case)
    item = EvidenceItem.objects.select_for_update().get(pk=item.pk)
    proves = (proves or "").strip()
    if len(proves) > MAX_PROVES:
        raise ValidationFailed(_("证明对象不能超过%(n)s字。") % {"n": MAX_PROVES}, code="too_long", field="proves")
    before = item.proves
    if proves != before:
        item.proves = proves
        item.save(update_fields=["proves"])
        audit_append(actor=actor, action="evidence.proves", target=item, before={"proves": before},
                     after={"proves": proves})
    return item
