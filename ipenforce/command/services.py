"""Writes of command and dispatch beyond the steps the workflow engine runs: drafting assignments (one per
receiver), escalating overdue ones, sending assistance requests (and the supplier notification of 商标法实施条例
art. 80 from a case), the answer's files and their entry into the requesting case's evidence, joint operations."""
from datetime import date

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.choices import State
from ipenforce.cases.models import Case
from ipenforce.command import permissions
from ipenforce.command.models import (
    Assignment,
    AssignmentKind,
    AssistanceFile,
    AssistanceRequest,
    CaseLink,
    JointOperation,
)
from ipenforce.command.selectors import subordinates
from ipenforce.command.workflow import ASSIGNMENT
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.core.language import in_record_language
from ipenforce.documents.kinds import KINDS
from ipenforce.documents.services import document_generate
from ipenforce.evidence.choices import EvidenceKind
from ipenforce.evidence.files import store
from ipenforce.evidence.services import evidence_add
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.selectors import visible_cases
from ipenforce.workflow import worklist
from ipenforce.workflow.services import create, record

MATTERS = {
    "verify_party": _("核实当事人主体信息"), "verify_address": _("核查经营地址"),
    "seize_inspect": _("现场检查或查封扣押"), "serve_documents": _("协助送达文书"),
    "obtain_records": _("调取有关资料"), "supplier_notice": _("通报供货者（《商标法实施条例》第八十条）"),
}
MAX_REPLY_DAYS = 365


def _required(value: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(_("请填写此项。"), code="required", field=field)
    return value


def _visible_case(actor, case_id: int | None, field: str = "case_id") -> Case | None:
    if not case_id:
        return None
    case = visible_cases(actor).filter(pk=case_id, agency_id=actor.agency_id).first()
    if case is None:
        raise ValidationFailed(_("案件不存在或不属于本单位。"), code="unknown_case", field=field)
    return case


# ---- assignments ------------------------------------------------------------------------------------------

@transaction.atomic
def assignment_draft(*, actor, receiver_ids: list[int], kind: str, title: str, instructions: str,
                     reply_within_days: int, feedback_wanted: str = "", case_id: int | None = None
                     ) -> list[Assignment]:
    """Draft a 交办单 to each receiving agency under the actor's (one row per receiver), to be signed off by the
    head and issued. A lead or a case must be one of the actor's agency."""
    if not permissions.may_assign(actor):
        raise PermissionDenied(_("只有有下级单位的执法机关的办案人员可以草拟交办单。"))
    if kind not in AssignmentKind.values:
        raise ValidationFailed(_("交办事项类型不正确。"), code="invalid_choice", field="kind")
    title, instructions = _required(title, "title"), _required(instructions, "instructions")
    if not 1 <= int(reply_within_days or 0) <= MAX_REPLY_DAYS:
        raise ValidationFailed(_("办理期限应为1至365个工作日。"), code="invalid_period", field="reply_within_days")
    case = _visible_case(actor, case_id)
    if kind != AssignmentKind.TASK and case is None:
        raise ValidationFailed(_("交办线索或案件时请选择本单位的线索或案件。"), code="case_required", field="case_id")
    if kind == AssignmentKind.LEAD and case.state != State.VERIFYING:
        raise ValidationFailed(_("只有核查中的线索可以作为线索交办。"), code="not_a_lead", field="case_id")
    ids = list(dict.fromkeys(receiver_ids or []))
    receivers = list(subordinates(actor.agency).filter(pk__in=ids))
    if not ids or len(receivers) != len(ids):
        raise ValidationFailed(_("请选择本单位的下级单位作为承办单位。"), code="receiver_not_subordinate",
                               field="receiver_ids")
    drafted = []
    for receiver in receivers:
        assignment = Assignment(assigner=actor.agency, receiver=receiver, kind=kind, case=case, title=title,
                                instructions=instructions, feedback_wanted=(feedback_wanted or "").strip(),
                                reply_within_days=int(reply_within_days), created_by=actor)
        drafted.append(create(procedure=ASSIGNMENT.key, subject=assignment, action="draft", actor=actor))
    return drafted


@transaction.atomic
def assignments_escalate_overdue(*, now=None) -> int:
    """Assignments still being worked after their period reach the assigner's head (a work item), once."""
    now = now or timezone.now()
    overdue = Assignment.objects.select_for_update().filter(
        state="received", due_on__lt=timezone.localdate(now), escalated_at__isnull=True)
    count = 0
    for assignment in overdue.select_related("assigner", "receiver"):
        assignment.escalated_at = now
        assignment.save(update_fields=["escalated_at"])
        audit_append(actor=None, action="assignment.escalate", target=assignment,
                     after={"due_on": assignment.due_on, "escalated_at": now})
        worklist.sync(ASSIGNMENT, assignment, None)
        count += 1
    return count


@in_record_language
def assignment_notice(*, actor, assignment: Assignment):
    """The 案件交办通知书 (or, for a designation, the 指定管辖通知书, A-05) of an assignment of a lead or case,
    made through the documents app on the assigned case and noted on the assignment's timeline."""
    if not permissions.may_make_notice(actor, assignment):
        raise PermissionDenied(_("只有交办单位的办案人员可以制作交办文书。"))
    if assignment.case_id is None:
        raise ValidationFailed(_("交办事项未关联线索或案件，无须制作案件交办通知书。"), code="no_case", field="kind")
    first = assignment.steps.order_by("created_at", "pk").first()
    extra = {"assignment": {
        "receiver": assignment.receiver.name, "kind": assignment.get_kind_display(),
        "previous_receiver": assignment.previous.receiver.name if assignment.previous_id else "",
        "instructions": assignment.instructions, "feedback": assignment.feedback_wanted or _("书面反馈办理结果"),
        "period": _("%(n)s个工作日") % {"n": assignment.reply_within_days},
        "reason": first.comment if first else ""}}
    kind = "jurisdiction_designation" if assignment.designated else "assignment_notice"
    document = document_generate(actor=actor, case=assignment.case, kind=kind, extra=extra)
    record(subject=assignment, actor=actor, action="notice",
           comment=f"{KINDS[kind].title} {document.number} v{document.version}")
    return document


# ---- assistance requests ----------------------------------------------------------------------------------

@transaction.atomic
def assistance_send(*, actor, details: str, matters: list[str], assisted_id: int | None = None,
                    outside_name: str = "", case_id: int | None = None,
                    supplier_notice: bool = False) -> AssistanceRequest:
    """Send a written 协助调查函 (A-09) to an agency on the platform, or record one sent to an agency outside it."""
    if not permissions.may_request_assistance(actor):
        raise PermissionDenied(_("只有执法机关的办案人员可以发出协助调查函。"))
    details = _required(details, "details")
    matters = list(dict.fromkeys(matters or []))
    if not matters or any(m not in MATTERS for m in matters):
        raise ValidationFailed(_("请选择协查事项。"), code="invalid_choice", field="matters")
    outside_name = (outside_name or "").strip()
    assisted = None
    if assisted_id:
        assisted = Agency.objects.filter(pk=assisted_id, is_active=True).exclude(pk=actor.agency_id).first()
        if assisted is None:
            raise ValidationFailed(_("被请求单位不存在或已停用。"), code="unknown_agency", field="assisted_id")
        outside_name = ""
    elif not outside_name:
        raise ValidationFailed(_("请选择被请求单位，或填写平台外单位的名称。"), code="addressee_required",
                               field="assisted_id")
    case = _visible_case(actor, case_id)
    request = AssistanceRequest(requester=actor.agency, assisted=assisted, outside_name=outside_name[:200],
                                case=case, matters=matters, details=details, supplier_notice=supplier_notice,
                                created_by=actor)
    return create(procedure="assistance", subject=request, action="send" if assisted else "send_outside",
                  actor=actor)


def supplier_notice_start(*, actor, case_id: int, supplier: str, supplier_address: str,
                          assisted_id: int | None = None, outside_name: str = "") -> AssistanceRequest:
    """One action from a case: the seller named its supplier, so the supplier's local bureau is notified
    (《商标法实施条例》第八十条, A-14) by a 协助调查函 carrying the case's particulars."""
    case = _visible_case(actor, case_id)
    supplier, supplier_address = _required(supplier, "supplier"), _required(supplier_address, "supplier_address")
    details = _("本机关在查处%(title)s一案中，销售者提供了侵权商品的供货者：%(supplier)s（%(address)s）。根据《中华人民共和国商标法实施条例》第八十条，现将供货者情况通报贵局，请依法查处并函复。") % {  # noqa: E501
        "title": case.title if case else "", "supplier": supplier, "address": supplier_address}
    return assistance_send(actor=actor, details=details, matters=["supplier_notice"], assisted_id=assisted_id,
                           outside_name=outside_name, case_id=case_id, supplier_notice=True)


@transaction.atomic
def assistance_attach(*, actor, request: AssistanceRequest, uploads: list) -> list[AssistanceFile]:
    if not permissions.may_attach_answer(actor, request):
        raise PermissionDenied(_("只有被请求单位可以在协查中或答复后上传答复材料。"))
    if not uploads:
        raise ValidationFailed(_("请选择文件。"), code="required", field="files")
    attached = []
    for upload in uploads:
        stored, name = store(upload)
        attached.append(AssistanceFile.objects.create(request=request, stored=stored, name=name, uploaded_by=actor))
    audit_append(actor=actor, action="assistance.attach", target=request,
                 after={"files": [a.stored.sha256 for a in attached]})
    return attached


@transaction.atomic
def assistance_file_evidence(*, actor, request: AssistanceRequest, collector_ids: list[int]) -> list:
    """The answer's files enter the requesting case's evidence (one documentary item per file, its custody
    starting when the answer came), through the evidence app's services."""
    if not permissions.may_file_evidence(actor, request):
        raise PermissionDenied(_("只有请求单位的办案人员可以将协查答复材料登记为本案证据。"))
    pending = [f for f in request.files.select_related("stored") if f.evidence_id is None]
    if not pending:
        raise ValidationFailed(_("没有尚未登记为证据的答复材料。"), code="nothing_to_file", field="files")
    items = []
    for answer_file in pending:
        with default_storage.open(answer_file.stored.storage_name, "rb") as handle:
            handle.name = answer_file.name
            item = evidence_add(
                actor=actor, case=request.case, kind=EvidenceKind.DOCUMENTARY,
                description=_("协查答复材料：%(name)s") % {"name": answer_file.name},
                source=_("%(agency)s协查答复") % {"agency": request.addressee}, place=request.addressee,
                collected_at=request.answered_at or timezone.now(), collector_ids=collector_ids, uploads=[handle])
        answer_file.evidence = item
        answer_file.save(update_fields=["evidence"])
        items.append(item)
    audit_append(actor=actor, action="assistance.file_evidence", target=request,
                 after={"case": request.case_id, "evidence": [i.pk for i in items]})
    return items


# ---- joint operations -------------------------------------------------------------------------------------

@transaction.atomic
def operation_plan(*, actor, title: str, plan: str, starts_on: date, ends_on: date, participant_ids: list[int],
                   outside_participants: str = "", officer_ids: list[int] | None = None) -> JointOperation:
    """A joint operation led by the actor's agency (A-10: the initiating department leads; each participant acts
    within its remit); its steps then run on the workflow engine."""
    if not permissions.may_run_operation(actor):
        raise PermissionDenied(_("只有执法机关的办案人员可以发起联合执法行动。"))
    title, plan = _required(title, "title"), _required(plan, "plan")
    if not starts_on or not ends_on or ends_on < starts_on:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), code="invalid_window", field="ends_on")
    ids = list(dict.fromkeys(participant_ids or []))
    participants = list(Agency.objects.filter(pk__in=ids, is_active=True).exclude(pk=actor.agency_id))
    if len(participants) != len(ids) or not (participants or (outside_participants or "").strip()):
        raise ValidationFailed(_("请选择参与单位。"), code="participants_required", field="participant_ids")
    operation = create(procedure="operation", actor=actor, action="plan", subject=JointOperation(
        lead=actor.agency, title=title, plan=plan, starts_on=starts_on, ends_on=ends_on,
        outside_participants=(outside_participants or "").strip()[:300], created_by=actor))
    operation.participants.set(participants)
    agencies = [actor.agency_id, *(p.pk for p in participants)]
    operation.officers.set(User.objects.filter(pk__in=officer_ids or [], agency_id__in=agencies, is_active=True))
    audit_append(actor=actor, action="operation.plan", target=operation,
                 after={"title": title, "participants": [p.pk for p in participants], "window": [starts_on, ends_on]})
    return operation


@transaction.atomic
def operation_link_case(*, actor, operation: JointOperation, case_id: int) -> CaseLink:
    """A lead or case that came out of the operation, linked back to it (the case of any participant)."""
    if not permissions.may_run_operation(actor, operation):
        raise PermissionDenied(_("只有牵头单位的办案人员可以登记联合执法行动。"))
    agencies = [operation.lead_id, *operation.participants.values_list("pk", flat=True)]
    case = Case.objects.filter(pk=case_id, agency_id__in=agencies).first()
    if case is None:
        raise ValidationFailed(_("案件不存在或不属于参与单位。"), code="unknown_case", field="case_id")
    link, _created = CaseLink.objects.get_or_create(kind=CaseLink.OPERATION, operation=operation, created=case)
    audit_append(actor=actor, action="operation.link_case", target=operation, after={"case": case.pk})
    return link


