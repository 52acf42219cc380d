"""Writes on transfers: propose one from a case, and perform each step — by a user of the agency that owns it,
with the row lock, the version check, the guards, deadlines, the timeline and the audit log in one transaction."""
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.cases.payload import parse_payload
from ipenforce.cases.services.transfers import TRANSFERABLE_STATES, case_resume, case_transferred
from ipenforce.core.audit import audit_append
from ipenforce.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ipenforce.linkage.deadlines import deadline_extend, deadline_start, deadline_stop, owner_agency
from ipenforce.linkage.models import Transfer, TransferAttachment, TransferStep
from ipenforce.linkage.workflow import BUREAU, COURT, POLICE, PROCURATORATE, ROLE_OF_OWNER, STEPS, Step, check
from ipenforce.orgs.choices import AgencyKind, Role
from ipenforce.orgs.models import Agency
from ipenforce.orgs.selectors import acting_agency_ids, visible_cases, visible_transfers

ECONOMIC = ("linkage.police_filing_decision_economic", "linkage.police_filing_decision_major")
CLOSED = {"refused", "effective", "returned", "closed_not_filed", "not_prosecuted"}
AWAITING = {  # who must act next in each state
    "proposed": BUREAU, "approved": BUREAU, "sent": POLICE, "received": POLICE, "supplementing": BUREAU,
    "filed": POLICE, "not_filed": BUREAU, "reconsidering": POLICE, "upheld": BUREAU, "supervision": PROCURATORATE,
    "reasons_requested": POLICE, "explained": PROCURATORATE, "filing_notified": POLICE, "arrest_requested": PROCURATORATE,
    "arrested": POLICE, "arrest_refused": POLICE, "prosecution_review": PROCURATORATE, "indicted": COURT,
    "judged": COURT, "appealed": COURT,
}


def _json(data: dict) -> dict:
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def same_level(kind: str, bureau: Agency) -> Agency | None:
    """The agency of a kind at the bureau's level and region, else the nearest one above it."""
    for prefix in (bureau.region_code, bureau.region_code[:4] + "00", bureau.region_code[:2] + "0000"):
        found = Agency.objects.filter(kind=kind, region_code=prefix, is_active=True).order_by("path").first()
        if found:
            return found
    return None


@transaction.atomic
def transfer_propose(*, actor, case: Case, report: str) -> Transfer:
    """Officers report a suspected crime (D310 art.5): the agency head must decide within 3 days."""
    if actor.agency_id not in acting_agency_ids(case.agency) or not actor.has_role(Role.CASE_OFFICER):
        raise PermissionDenied(_("只有本案办案单位的办案人员可以提出移送。"))
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.state not in TRANSFERABLE_STATES:
        raise ValidationFailed(_("案件当前状态下不能提出移送。"), code="wrong_state", field="case")
    if Transfer.objects.filter(case=case).exclude(state__in=CLOSED).exists():
        raise Conflict(_("本案已有进行中的移送。"), code="transfer_open")
    if not report.strip():
        raise ValidationFailed(_("请填写移送涉嫌犯罪案件的书面报告。"), code="required", field="report")
    bureau = case.agency.parent if case.agency.level == "office" else case.agency
    transfer = Transfer.objects.create(case=case, bureau=bureau, state="proposed", awaiting=BUREAU, report=report,
                                       created_by=actor, package={"case_state": case.state})
    TransferStep.objects.create(transfer=transfer, action="propose", actor=actor, agency=actor.agency,
                                from_state="", to_state="proposed", comment=report[:500])
    deadline_start(transfer, "linkage.transfer_approval", BUREAU, timezone.now(), actor)
    audit_append(actor=actor, action="transfer.propose", target=transfer, after={"case": case.pk})
    return transfer


def may_take(step: Step, transfer: Transfer, user) -> bool:
    if not (user and user.is_authenticated and user.agency_id):
        return False
    if step.owner == "holder":
        owners = [o for o in (POLICE, PROCURATORATE, COURT) if owner_agency(transfer, o)]
    else:
        owners = [step.owner]
    for owner in owners:
        agency = owner_agency(transfer, owner)
        if agency is None:
            continue
        if owner == BUREAU:
            role = Role.AGENCY_HEAD if step.head_only else Role.CASE_OFFICER
            if user.agency_id in acting_agency_ids(agency) | {agency.pk} and user.has_role(role):
                return True
        elif user.agency_id == agency.pk and user.has_role(ROLE_OF_OWNER[owner]):
            return True
    return False


def available_steps(transfer: Transfer, user) -> list[str]:
    return [key for key, step in STEPS.items() if transfer.state in step.from_states and may_take(step, transfer, user)]


def _facts(transfer: Transfer) -> dict:
    from ipenforce.documents.models import Document

    return {
        "state": transfer.state,
        "letter_generated": Document.objects.filter(case_id=transfer.case_id, kind="crime_transfer").exists(),
        "appeal_running": transfer.deadlines.filter(rule="linkage.appeal_judgment", stopped_at__isnull=True,
                                                    due_at__gt=timezone.now()).exists(),
        "goods_handed_over": transfer.steps.filter(action="handover_goods").exists(),
        "filing_review_extended": transfer.deadlines.filter(rule__in=ECONOMIC, stopped_at__isnull=True).exists(),
        "major_review_extendable": transfer.deadlines.filter(rule="linkage.police_filing_decision_major",
                                                             stopped_at__isnull=True, extensions=0).exists(),
        "prosecution_extendable": transfer.deadlines.filter(rule="linkage.prosecution_review", stopped_at__isnull=True,
                                                            extensions=0).exists(),
    }


def _agency(pk: int, kind: str, field: str) -> Agency:
    agency = Agency.objects.filter(pk=pk, kind=kind, is_active=True).first()
    if agency is None:
        raise ValidationFailed(_("所选单位不存在或类型不符。"), code="unknown_agency", field=field)
    return agency


def _effects(transfer: Transfer, step: Step, actor, payload: dict, comment: str) -> None:
    if step.key in ("send", "forward"):
        police = _agency(payload["police_id"], AgencyKind.POLICE, "police_id")
        if step.key == "send" and police.region_code != transfer.bureau.region_code:
            raise ValidationFailed(_("应当移送同级公安机关（《行政执法机关移送涉嫌犯罪案件的规定》第五条）。"),
                                   code="police_not_same_level", field="police_id")
        transfer.police = police
    if step.key == "send":
        transfer.sent_at = timezone.now()
        transfer.procuratorate = same_level(AgencyKind.PROCURATORATE, transfer.bureau)  # 抄送同级检察院
        transfer.package = {**transfer.package, **{k: v for k, v in payload.items() if k != "police_id"}}
        transfer.package["case_state"] = case_transferred(case=transfer.case, actor=actor, comment=str(transfer))
    if step.key == "indict":
        transfer.court = _agency(payload["court_id"], AgencyKind.COURT, "court_id")
    if step.key in ("judge", "effective") and payload.get("criminal_fine") is not None:
        transfer.criminal_fine = payload["criminal_fine"]
    if step.key == "effective" and transfer.criminal_fine:
        paid = sum(p.amount - p.surcharge for p in transfer.case.payments.all())
        payload["administrative_fine_offset"] = min(paid, transfer.criminal_fine)  # D310 art.11, APL art.35
    if step.key == "extend_filing_review":
        accepted = transfer.deadlines.filter(rule="linkage.police_filing_decision").order_by("-started_at").first()
        deadline_start(transfer, payload["level"], POLICE, timezone.now(), actor,
                       started_at=accepted.started_at if accepted else None)
    if step.key == "extend_filing_review_further":
        deadline_extend(transfer, "linkage.police_filing_decision_major", actor)
    if step.key == "extend_prosecution_review":
        deadline_extend(transfer, "linkage.prosecution_review", actor)
    if step.key == "return_for_admin":
        case_resume(case=transfer.case, actor=actor, state=transfer.package.get("case_state", "investigating"),
                    comment=payload.get("reason", ""))


@transaction.atomic
def transfer_perform(*, actor, transfer_id: int, action: str, version: int, data: dict) -> Transfer:
    if not visible_transfers(actor).filter(pk=transfer_id).exists():
        raise NotFound(_("移送不存在或您无权查看。"), code="transfer_not_found")
    if action not in STEPS:
        raise NotFound(_("没有“%(action)s”这项操作。") % {"action": action}, code="unknown_action", field="action")
    transfer = Transfer.objects.select_for_update(of=("self",)).select_related("bureau", "police", "procuratorate", "court",
                                                                   "case").get(pk=transfer_id)
    if transfer.version != version:
        raise Conflict(_("移送已被他人更新（当前版本 %(v)s），请刷新后重试。") % {"v": transfer.version},
                       code="stale_version", field="version")
    step = STEPS[action]
    if not may_take(step, transfer, actor):
        raise PermissionDenied(_("这一步应由%(owner)s办理。") % {"owner": step.owner})
    payload = parse_payload(step.fields, data)
    refusal = check(step, _facts(transfer), payload)
    if refusal:
        raise ValidationFailed(refusal.message, code=refusal.code, field=refusal.field)
    before = transfer.state
    _effects(transfer, step, actor, payload, str(data.get("comment") or ""))
    transfer.state = step.to_state or transfer.state
    transfer.awaiting = AWAITING.get(transfer.state, "")
    transfer.version += 1
    transfer.save()
    now = timezone.now()
    for rule in step.stops:
        deadline_stop(transfer, rule, now, actor)
    for rule, owner in step.starts:
        deadline_start(transfer, rule, owner, now, actor)
    TransferStep.objects.create(transfer=transfer, action=action, actor=actor, agency=actor.agency, from_state=before,
                                to_state=transfer.state, comment=str(data.get("comment") or "")[:2000],
                                payload=_json(payload))
    audit_append(actor=actor, action=f"transfer.{action}", target=transfer, before={"state": before},
                 after={"state": transfer.state, "payload": _json(payload)})
    return transfer


def visible_case(user, case_id: int) -> Case:
    case = visible_cases(user).select_related("agency").filter(pk=case_id).first()
    if case is None:
        raise NotFound(_("案件不存在或您无权查看。"), code="case_not_found")
    return case


@transaction.atomic
def step_attach(*, actor, step: TransferStep, uploads: list) -> list[TransferAttachment]:
    """Attach documents to a step; only a user of the agency that took the step may."""
    from ipenforce.evidence.files import store

    if actor.agency_id != step.agency_id:
        raise PermissionDenied(_("只能由办理该步骤的单位上传文书。"))
    if not uploads:
        raise ValidationFailed(_("请选择文件。"), code="required", field="files")
    attached = []
    for upload in uploads:
        stored, name = store(upload)
        attached.append(TransferAttachment.objects.create(step=step, stored=stored, name=name, uploaded_by=actor))
    audit_append(actor=actor, action="transfer.attach", target=step.transfer,
                 after={"step": step.pk, "files": [a.stored.sha256 for a in attached]})
    return attached
