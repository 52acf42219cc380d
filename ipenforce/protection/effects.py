"""What each step of a complaint or a notice changes beyond its state and clocks: the completeness notice, the
supplemented materials, the lead created at the competent bureau, the notice sent to a platform, the platform's
measures, the declaration, the notarisation cap. Called by the workflow engine inside its transaction."""
import uuid
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.choices import Source
from ipenforce.cases.services import lead_refer
from ipenforce.core import clock
from ipenforce.core.audit import audit_append
from ipenforce.core.calendar import calendar_for
from ipenforce.orgs.choices import AgencyKind, AgencyLevel, Role
from ipenforce.orgs.models import PATH_STEP, Agency, RoleGrant, User
from ipenforce.protection.documents import BY_ACTION, document_for_step
from ipenforce.protection.models import (
    Adjudication,
    CentreSettings,
    Complaint,
    Mediation,
    Mediator,
    TakedownNotice,
)
from ipenforce.protection.selectors import missing_items
from ipenforce.protection.services import registration_conflicts
from ipenforce.protection.workflow import ACCEPTANCE, REQUIRED_ITEMS, WAIT_CAP, roster_names, waiting_owner
from ipenforce.workflow.deadlines import deadline_extend, deadline_start, open_deadlines
from ipenforce.workflow.services import create, record


def acceptance_target(complaint: Complaint) -> None:
    """Where the centre has set its own acceptance target (C-09: no law fixes one), the running clock is due
    that many working days after registration, the completion periods not counted; a 直通车 complaint gets the
    centre's shorter priority target when one is set."""
    target = CentreSettings.objects.filter(centre_id=complaint.centre_id).first()
    if target is None:
        return
    days = target.acceptance_working_days
    if complaint.key_enterprise and target.priority_working_days:
        days = min(days, target.priority_working_days)  # 直通车: the centre's shorter target (G-01, no law)
    for deadline in open_deadlines(complaint, ACCEPTANCE):
        pauses = tuple(clock.Pause(date.fromisoformat(p[0]), date.fromisoformat(p[1]) if p[1] else None)
                       for p in deadline.pauses)
        if any(p.end is None for p in pauses):
            continue  # waiting on the complainant: no due date until the materials arrive
        start = timezone.localdate(deadline.started_at)
        deadline_extend(complaint, ACCEPTANCE,
                        clock.add_working_days(calendar_for(start), start, days, pauses))


def _register(complaint: Complaint, ctx):
    acceptance_target(complaint)


def _request_completion(complaint: Complaint, ctx):
    items = missing_items(complaint)
    extra = (ctx.payload.get("extra") or "").strip()
    lines = [_("请一次性补正以下材料：")] + [f"{i}. {item}" for i, item in enumerate(items, 1)]
    if extra:
        lines.append(f"{len(items) + 1}. {extra}")
    complaint.missing_notice = "\n".join(lines)


def _supplement(complaint: Complaint, ctx):
    for name, _label in REQUIRED_ITEMS:
        if ctx.payload.get(name):
            setattr(complaint, name, ctx.payload[name])
    complaint.missing_notice = ""
    complaint.save()
    acceptance_target(complaint)


def _refuse(complaint: Complaint, ctx):
    complaint.outcome = ctx.payload["reason"]


def _refer_to_bureau(complaint: Complaint, ctx):
    bureau = ctx.facts.chosen["bureau_id"]
    description = "\n".join(filter(None, [
        _("保护中心转来投诉（投诉编号 %(pk)s）。") % {"pk": complaint.pk}, complaint.request,
        _("权利：%(right)s") % {"right": complaint.right_text},
        _("被投诉人：%(name)s") % {"name": complaint.accused_name},
        _("网店或链接：%(url)s") % {"url": complaint.shop_url} if complaint.shop_url else "",
        _("证据：%(evidence)s") % {"evidence": complaint.evidence}]))
    # The accused party and the right are in the description: the bureau identifies them (USCC, certificate
    # numbers) when it verifies the lead.
    case = lead_refer(actor=ctx.actor, agency=bureau, parties=[], rights=[], data={
        "title": (_("投诉：%(accused)s涉嫌侵犯%(right)s") % {
            "accused": complaint.accused_name, "right": complaint.get_ip_type_display()})[:200],
        "source": Source.COMPLAINT, "ip_type": complaint.ip_type, "description": description,
        "discovered_on": ctx.today, "is_ecommerce": bool(complaint.shop_url)})
    complaint.bureau, complaint.case = bureau, case
    record(subject=case, actor=ctx.actor, action="referred_by_centre",
           comment=_("由%(centre)s转来（投诉编号 %(pk)s）") % {"centre": complaint.centre, "pk": complaint.pk})


def _send_takedown(complaint: Complaint, ctx):
    notice = TakedownNotice(
        centre=complaint.centre, complaint=complaint, platform=ctx.facts.chosen["platform_id"],
        right_holder=complaint.complainant, right_holder_name=complaint.complainant_name,
        identity=complaint.identity, ip_type=complaint.ip_type, right_text=complaint.right_text,
        listings=ctx.payload["listings"], evidence=complaint.evidence, seller=ctx.payload.get("seller") or "",
        sent_on=ctx.today, created_by=ctx.actor)
    notice_send(notice, ctx.actor)
    notice.certificates.set(complaint.certificates.all())  # filed once, reused by the notice


def notice_send(notice: TakedownNotice, actor) -> TakedownNotice:
    from ipenforce.protection.services import clean

    clean(notice, exclude=["state", "version", "created_by", "centre", "complaint", "right_holder"])
    create(procedure="takedown_notice", subject=notice, action="send", actor=actor)
    return notice


def _refer_to_adjudication(complaint: Complaint, ctx):
    adjudication = Adjudication(
        bureau=ctx.facts.chosen["bureau_id"], complaint=complaint, petitioner=complaint.complainant,
        petitioner_name=complaint.complainant_name, respondent_name=complaint.accused_name or "—",
        patent=ctx.payload["patent"], request=complaint.request or "—", requested_on=ctx.today,
        created_by=ctx.actor)
    adjudication_open(adjudication, ctx.actor)


def adjudication_open(adjudication: Adjudication, actor) -> Adjudication:
    from ipenforce.protection.services import clean

    clean(adjudication, exclude=["state", "version", "created_by", "complaint", "petitioner"])
    create(procedure="adjudication", subject=adjudication, action="request", actor=actor)
    return adjudication


def _conclude(complaint: Complaint, ctx):
    complaint.outcome = ctx.payload["outcome"]


def _case_concluded(complaint: Complaint, ctx):
    complaint.outcome = ctx.comment


COMPLAINT_EFFECTS = {
    "register": _register, "request_completion": _request_completion, "supplement": _supplement,
    "refuse": _refuse, "refer_to_bureau": _refer_to_bureau, "send_takedown": _send_takedown,
    "conclude": _conclude, "case_concluded": _case_concluded, "refer_to_adjudication": _refer_to_adjudication,
}


def _take_measures(notice: TakedownNotice, ctx):
    notice.measures, notice.measures_on = ctx.payload["measures"], ctx.payload["measures_on"]
    notice.forwarded_on = ctx.payload["forwarded_on"]
    if ctx.payload.get("seller"):
        notice.seller = ctx.payload["seller"][:200]


def _record_declaration(notice: TakedownNotice, ctx):
    notice.declaration, notice.declaration_arrived_on = ctx.payload["declaration"], ctx.payload["arrived_on"]


def _notarisation_start(notice: TakedownNotice, ctx):
    """Notarisation does not count, but the whole wait may not pass 20 working days from the arrival (C-18)."""
    if not open_deadlines(notice, WAIT_CAP):
        deadline_start(notice, WAIT_CAP, waiting_owner(notice).key, notice.declaration_arrived_on)


def _notify_action(notice: TakedownNotice, ctx):
    notice.action_kind, notice.action_notified_on = ctx.payload["kind"], ctx.payload["notified_on"]


def _end_measures(notice: TakedownNotice, ctx):
    notice.ended_on = ctx.payload["ended_on"]


def _request_identity(notice: TakedownNotice, ctx):
    notice.identity_requested = True


def _provide_identity(notice: TakedownNotice, ctx):
    bureau = ctx.facts.chosen["bureau_id"]
    notice.seller_identity = ctx.payload["seller_identity"]
    description = "\n".join([
        _("电商平台%(platform)s按协作机制提供的经营者线下身份（删除通知 %(pk)s）：") % {
            "platform": notice.platform, "pk": notice.pk}, notice.seller_identity,
        _("权利：%(right)s") % {"right": notice.right_text}, _("链接：%(urls)s") % {"urls": notice.listings}])
    notice.case = lead_refer(actor=ctx.actor, agency=bureau, parties=[], rights=[], data={
        "title": (_("电商平台移交：%(seller)s涉嫌侵犯%(right)s") % {
            "seller": notice.seller or notice.seller_identity[:40], "right": notice.get_ip_type_display()})[:200],
        "source": Source.ECOMMERCE, "ip_type": notice.ip_type, "description": description,
        "discovered_on": ctx.today, "is_ecommerce": True})
    record(subject=notice.case, actor=ctx.actor, action="referred_by_platform",
           comment=_("由%(platform)s提供（删除通知 %(pk)s）") % {"platform": notice.platform, "pk": notice.pk})


NOTICE_EFFECTS = {
    "request_identity": _request_identity, "provide_identity": _provide_identity,
    "take_measures": _take_measures, "record_declaration": _record_declaration,
    "notarisation_start": _notarisation_start, "notify_action": _notify_action, "end_measures": _end_measures,
}


def _decide(adjudication: Adjudication, ctx):
    adjudication.outcome, adjudication.decision = ctx.payload["outcome"], ctx.payload["decision"]


def _mediate(adjudication: Adjudication, ctx):
    adjudication.outcome, adjudication.decision = "mediated", ctx.payload["decision"]


def _serve_decision(adjudication: Adjudication, ctx):
    adjudication.served_on = ctx.payload["served_on"]


def _with_document(action: str, effect=None):
    """The step's own change, then the stage's paper (ipenforce.protection.documents)."""
    def apply(adjudication: Adjudication, ctx):
        if effect is not None:
            effect(adjudication, ctx)
        document_for_step(adjudication, action, ctx)
    return apply


_CHANGES = {"decide": _decide, "mediate": _mediate, "serve_decision": _serve_decision}
ADJUDICATION_EFFECTS = {action: _with_document(action, _CHANGES.get(action)) for action in BY_ACTION}


def _designate(mediation: Mediation, ctx):
    mediation.mediators = ctx.payload["mediators"][:200]
    mediation.designated.set(Mediator.objects.filter(organisation_id=mediation.organisation_id,
                                                     name__in=roster_names(ctx.payload["mediators"])))


def _designated_online(mediation: Mediation, ctx):
    mediation.online_applied_on = ctx.payload["applied_on"]
    mediation.online_designated_on = mediation.received_on = ctx.payload["designated_on"]


def _accept_designation(mediation: Mediation, ctx):
    mediation.received_on = ctx.payload["received_on"]


def _agree(mediation: Mediation, ctx):
    mediation.agreement, mediation.agreement_on = ctx.payload["agreement"], ctx.payload["agreement_on"]


MEDIATION_EFFECTS = {"designate": _designate, "agree": _agree, "designated_online": _designated_online,
                     "accept_designation": _accept_designation}


def _registration_approve(registration, ctx):
    """The centre checked the applicant's identity: its organisation (the root of a tree of its own, in the centre's
    region) and its active account are created, audited, with the password the applicant chose."""
    registration_conflicts(registration, exclude_pk=registration.pk)
    agency = Agency.objects.create(kind=registration.kind, level=AgencyLevel.CITY,
                                   region_code=registration.centre.region_code, name=registration.organisation_name,
                                   short_name=registration.organisation_name[:20], path=f"new-{uuid.uuid4().hex}")
    agency.path = f"{agency.pk:0{PATH_STEP}d}."
    agency.save(update_fields=["path"])
    role = Role.RIGHTS_HOLDER_AGENT if registration.kind == AgencyKind.RIGHTS_HOLDER else Role.PLATFORM_AGENT
    user = User.objects.create(username=registration.username, password=registration.password_hash,
                               full_name=registration.contact_name, phone=registration.phone,
                               email=registration.email, agency=agency)
    RoleGrant.objects.create(user=user, role=role)
    audit_append(actor=ctx.actor, action="agency.create", target=agency,
                 after={"name": agency.name, "kind": agency.kind, "registration": registration.pk})
    audit_append(actor=ctx.actor, action="user.create", target=user,
                 after={"username": user.username, "agency": agency.pk, "roles": [role],
                        "registration": registration.pk})
    registration.agency, registration.user = agency, user


def _registration_refuse(registration, ctx):
    registration.reason = ctx.payload["reason"]


REGISTRATION_EFFECTS = {"approve": _registration_approve, "refuse": _registration_refuse}
