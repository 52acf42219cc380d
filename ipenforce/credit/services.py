"""Writes beyond the steps the engine runs: proposing a listing on a case, recording a party's repair application
or objection. Each opens its subject through the engine (`workflow.services.create`): timeline, work items, audit."""
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.models import Case
from ipenforce.core.errors import PermissionDenied, ValidationFailed
from ipenforce.credit import permissions
from ipenforce.credit.models import Listing, Publication, RepairRequest
from ipenforce.credit.workflow import GROUNDS, HEAVIER, LISTING_ENDED, OBJECTION_MATERIALS, REPAIR_MATERIALS
from ipenforce.workflow.services import create


def _choice(value: str, choices, field: str, what: str) -> str:
    if value not in dict(choices):
        raise ValidationFailed(_("请选择%(what)s。") % {"what": what}, code="invalid_choice", field=field)
    return value


def _text(value: str, field: str, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(_("请填写%(what)s。") % {"what": what}, code="required", field=field)
    return value


@transaction.atomic
def listing_propose(*, actor, case: Case, party_id: int, ground: str, heavier_penalty: str,
                    seriousness: str) -> Listing:
    """The case unit proposes listing a party with the penalty ([SL44] arts 2, 9, 12, 13): the IP ground, the
    heavier penalty intended and the seriousness factors considered."""
    if not permissions.may_propose_listing(actor, case):
        raise PermissionDenied(_("只有本案办案人员可以提出列入严重违法失信名单。"))
    if case.state not in permissions.LISTABLE_CASE_STATES:
        raise ValidationFailed(_("列入严重违法失信名单应与行政处罚一并提出，本案当前状态不能提出。"),
                               code="case_state", field="case")
    party = case.parties.filter(pk=party_id).first()
    if party is None:
        raise ValidationFailed(_("请选择本案的当事人。"), code="unknown_party", field="party_id")
    if not party.identifier:
        raise ValidationFailed(_("当事人须有统一社会信用代码或身份证号。"), code="identifier_missing", field="party_id")
    if Listing.objects.filter(case=case, party=party).exclude(state__in=LISTING_ENDED).exists():
        raise ValidationFailed(_("该当事人已有进行中的列入程序。"), code="listing_open", field="party_id")
    listing = Listing(case=case, party=party, party_name=party.name, party_identifier=party.identifier,
                      ground=_choice(ground, GROUNDS, "ground", _("列入事由")),
                      heavier_penalty=_choice(heavier_penalty, HEAVIER, "heavier_penalty", _("较重行政处罚")),
                      seriousness=_text(seriousness, "seriousness", _("情节严重的考量")), created_by=actor)
    return create(procedure="listing", subject=listing, action="propose", actor=actor, comment=listing.seriousness)


@transaction.atomic
def repair_apply(*, actor, kind: str, publication: Publication | None = None, listing: Listing | None = None,
                 applicant: str, applied_on: date, grounds: str, materials: dict) -> RepairRequest:
    """Record a party's application (materials D-24) or objection (D-30) as received; acceptance is a step."""
    _choice(kind, RepairRequest.KINDS, "kind", _("申请类型"))
    target_case = (publication or listing).case if (publication or listing) else None
    if kind == RepairRequest.LISTING_REMOVAL and listing is None or kind != RepairRequest.LISTING_REMOVAL and (
            publication is None):
        raise ValidationFailed(_("请选择申请所针对的公示信息或名单。"), code="target_missing", field="target")
    if not permissions.may_record_repair(actor, target_case):
        raise PermissionDenied(_("只有作出处罚或列入决定的办案人员可以登记信用修复或异议申请。"))
    if applied_on > timezone.localdate():
        raise ValidationFailed(_("日期不能晚于今天。"), code="date_in_future", field="applied_on")
    wanted = dict(OBJECTION_MATERIALS if kind == RepairRequest.OBJECTION else REPAIR_MATERIALS)
    repair = RepairRequest(kind=kind, publication=publication if kind != RepairRequest.LISTING_REMOVAL else None,
                           listing=listing if kind == RepairRequest.LISTING_REMOVAL else None, case=target_case,
                           applicant=_text(applicant, "applicant", _("申请人")), applied_on=applied_on,
                           grounds=_text(grounds, "grounds", _("申请理由")),
                           materials={key: bool(materials.get(key)) for key in wanted}, created_by=actor)
    return create(procedure="repair", subject=repair, action="apply", actor=actor, comment=repair.grounds[:500])
