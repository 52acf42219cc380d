"""Registering a lead and editing its details, parties and IP rights (versioned, audited, all or nothing)."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipenforce.cases.choices import FINE_RULE_BY_OFFENCE, IpType, MatterType, PartyKind, State
from ipenforce.cases.models import COUNT_FIELDS, Campaign, Case, IpRight, Party
from ipenforce.cases.permissions import EDITABLE_STATES, may_edit, may_register
from ipenforce.cases.services.alerts import crime_alerts_refresh
from ipenforce.cases.workflow import OFFICERS, T1
from ipenforce.core.audit import audit_append, snapshot
from ipenforce.core.errors import Conflict, PermissionDenied, ValidationFailed
from ipenforce.core.identifiers import (
    InvalidIdentifier,
    check_enterprise_code,
    check_patent_number,
    check_resident_id,
    check_trademark_number,
    uscc_pilot_warning,
)
from ipenforce.workflow.deadlines import deadline_start
from ipenforce.workflow.services import announce

CASE_FIELDS = ["title", "source", "ip_type", "offence", "description", "discovered_on", "conduct_on",
               "conduct_ended_on", "harms_safety", "is_ecommerce", "is_cross_region", "is_major", "public_interest",
               "major_rights", "illegal_turnover", "illegal_gains", "goods_value", "sales_amount", "loss_amount",
               *COUNT_FIELDS, "innocent_seller", "serious_circumstances"]
PARTY_FIELDS = ["kind", "name", "uscc", "id_number", "legal_representative", "address", "service_address",
                "service_address_confirmed", "phone"]
RIGHT_FIELDS = ["ip_type", "patent_number", "trademark_number", "trademark_class", "copyright_number", "work_title",
                "holder"]
AMOUNT_FIELDS = ("illegal_turnover", "illegal_gains", "goods_value", "sales_amount", "loss_amount", *COUNT_FIELDS)


def _check_details(data: dict) -> None:
    today = timezone.localdate()
    for name in ("discovered_on", "conduct_on", "conduct_ended_on"):
        if data.get(name) and data[name] > today:
            raise ValidationFailed(_("日期不能晚于今天。"), code="date_in_future", field=name)
    if data.get("conduct_on") and data.get("discovered_on") and data["conduct_on"] > data["discovered_on"]:
        raise ValidationFailed(_("违法行为发生日不能晚于发现日期。"), code="conduct_after_discovery",
                               field="conduct_on")
    if data.get("conduct_ended_on") and data.get("conduct_on") and data["conduct_ended_on"] < data["conduct_on"]:
        raise ValidationFailed(_("违法行为终了日不能早于发生日。"), code="conduct_end_before_start",
                               field="conduct_ended_on")
    offence = data.get("offence")
    if offence and offence in FINE_RULE_BY_OFFENCE and FINE_RULE_BY_OFFENCE[offence][1] not in (None,
                                                                                                data.get("ip_type")):
        raise ValidationFailed(_("违法行为类别与知识产权类型不符。"), code="offence_mismatch", field="offence")
    for name in AMOUNT_FIELDS:
        if data.get(name) is not None and Decimal(data[name]) < 0:
            raise ValidationFailed(_("金额或数量不能为负数。"), code="negative_amount", field=name)


def _campaigns(ids: list[int]) -> list[Campaign]:
    found = list(Campaign.objects.filter(pk__in=ids, is_active=True))
    if len(found) != len(set(ids)):
        raise ValidationFailed(_("专项行动不存在或已停用。"), code="unknown_campaign", field="campaign_ids")
    return found


def _may_edit(actor, case: Case) -> None:
    if case.state not in EDITABLE_STATES:
        raise ValidationFailed(_("调查终结后不能再修改案件信息。"), code="case_not_editable")
    if not may_edit(actor, case):
        raise PermissionDenied(_("只有本案的办案人员或办案机构负责人可以修改案件信息。"))


def _bump(case: Case, version: int | None) -> None:
    if version is not None and case.version != version:
        raise Conflict(_("案件已被他人更新（当前版本 %(current)s），请刷新后重试。") % {"current": case.version},
                       code="stale_version", field="version")
    case.version += 1


@transaction.atomic
def case_register(*, actor, data: dict, parties: list[dict], rights: list[dict], campaign_ids: list[int]) -> Case:
    """Register a lead (案源登记) at the actor's agency; the verification clock (T1) starts at its discovery."""
    if not may_register(actor):
        raise PermissionDenied(_("只有办案人员或办案机构负责人可以登记案源。"))
    return _register(actor, actor.agency, data, parties, rights, campaign_ids)


@transaction.atomic
def lead_refer(*, actor, agency, data: dict, parties: list[dict], rights: list[dict]) -> Case:
    """A lead sent to a bureau by another body (the protection centre's complaint desk): registered at that bureau,
    its verification clock (T1) running from the day it arrives; the sender checks its own rights first."""
    return _register(actor, agency, data, parties, rights, [])


def _register(actor, agency, data: dict, parties: list[dict], rights: list[dict], campaign_ids: list[int]) -> Case:
    _check_details(data)
    case = Case(agency=agency, created_by=actor, state=State.VERIFYING, **data)
    case.full_clean(exclude=["number", "agency", "created_by"])
    case.save()
    case.campaigns.set(_campaigns(campaign_ids))
    case.warnings = []
    for index, party in enumerate(parties):
        case.warnings += _party_save(case, Party(case=case), party, prefix=f"parties[{index}].").warnings
    for index, right in enumerate(rights):
        _right_save(case, IpRight(case=case), right, prefix=f"rights[{index}].")
    audit_append(actor=actor, action="case.register", target=case,
                 after={**snapshot(case, CASE_FIELDS), "parties": len(parties), "rights": len(rights)})
    deadline_start(case, T1, OFFICERS.key, case.discovered_on)
    announce(procedure="case", subject=case, event="register", actor=actor)  # e.g. credit's repeat-infringer check
    crime_alerts_refresh(case=case, actor=actor)  # also puts the case's work in the right queues
    return case


@transaction.atomic
def case_update(*, actor, case: Case, version: int, changes: dict) -> Case:
    _may_edit(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    _bump(case, version)
    campaign_ids = changes.pop("campaign_ids", None)
    merged = {**{name: getattr(case, name) for name in CASE_FIELDS}, **changes}
    _check_details(merged)
    if case.number and "ip_type" in changes and changes["ip_type"] != case.ip_type:
        raise ValidationFailed(_("立案后不能更改知识产权类型。"), code="ip_type_locked", field="ip_type")
    before = snapshot(case, CASE_FIELDS)
    for name, value in changes.items():
        setattr(case, name, value)
    case.full_clean(exclude=["number", "agency", "created_by"])
    case.save()
    if campaign_ids is not None:
        case.campaigns.set(_campaigns(campaign_ids))
    audit_append(actor=actor, action="case.update", target=case, before=before, after=snapshot(case, CASE_FIELDS))
    crime_alerts_refresh(case=case, actor=actor)
    return case


def _identifier(data: dict, prefix: str) -> tuple[dict, list[str]]:
    data, warnings = {**data}, []
    try:
        if data.get("uscc"):
            pilot, warning = uscc_pilot_warning(data["uscc"])
            data["uscc"] = pilot or check_enterprise_code(data["uscc"])
            warnings += [warning] if warning else []
    except InvalidIdentifier as exc:
        raise ValidationFailed(str(exc), code="invalid_uscc", field=f"{prefix}uscc") from None
    try:
        if data.get("id_number"):
            data["id_number"] = check_resident_id(data["id_number"])
    except InvalidIdentifier as exc:
        raise ValidationFailed(str(exc), code="invalid_id_number", field=f"{prefix}id_number") from None
    kind = data.get("kind")
    if kind == PartyKind.NATURAL_PERSON and data.get("uscc"):
        raise ValidationFailed(_("自然人应填写身份证号，不填统一社会信用代码。"), code="uscc_for_person",
                               field=f"{prefix}uscc")
    if kind == PartyKind.ORGANISATION and not data.get("uscc"):
        raise ValidationFailed(_("法人或其他组织须填写统一社会信用代码。"), code="uscc_required", field=f"{prefix}uscc")
    if kind == PartyKind.INDIVIDUAL_BUSINESS and not (data.get("uscc") or data.get("id_number")):
        raise ValidationFailed(_("个体工商户须填写统一社会信用代码或经营者身份证号。"), code="identifier_required",
                               field=f"{prefix}uscc")
    return data, warnings


def _party_save(case: Case, party: Party, data: dict, prefix: str = "") -> Party:
    """Saves the party; `party.warnings` lists what saved but needs a look (an early pilot USCC, I2)."""
    data, warnings = _identifier(data, prefix)
    if data.get("service_address_confirmed") and not data.get("service_address"):
        raise ValidationFailed(_("已确认送达地址的，须填写送达地址。"), code="service_address_required",
                               field=f"{prefix}service_address")
    for name in PARTY_FIELDS:
        if name in data:
            setattr(party, name, data[name] if data[name] is not None else "")
    _full_clean(party, prefix, exclude=["case"])
    party.save()
    party.warnings = warnings
    return party


def _right_save(case: Case, right: IpRight, data: dict, prefix: str = "") -> IpRight:
    data = {**data}
    ip_type = data.get("ip_type") or right.ip_type
    try:
        if ip_type == IpType.PATENT:
            data["patent_number"] = check_patent_number(data.get("patent_number") or "")
        elif ip_type == IpType.TRADEMARK:
            data["trademark_number"] = check_trademark_number(data.get("trademark_number") or "")
            if data.get("trademark_class") is None or not 1 <= int(data["trademark_class"]) <= 45:
                raise ValidationFailed(_("商标类别应为1至45。"), code="invalid_trademark_class",
                                       field=f"{prefix}trademark_class")
        elif ip_type == MatterType.TRADE_SECRET:
            if not data.get("work_title"):
                raise ValidationFailed(_("请填写商业秘密的名称（技术信息或经营信息）。"), code="secret_required",
                                       field=f"{prefix}work_title")
        elif not (data.get("copyright_number") or data.get("work_title")):
            raise ValidationFailed(_("请填写著作权登记号或作品名称。"), code="work_required",
                                   field=f"{prefix}work_title")
    except InvalidIdentifier as exc:
        name = "patent_number" if ip_type == IpType.PATENT else "trademark_number"
        raise ValidationFailed(str(exc), code=f"invalid_{name}", field=f"{prefix}{name}") from None
    for name in RIGHT_FIELDS:
        if name in data:
            setattr(right, name, data[name] if data[name] is not None or name == "trademark_class" else "")
    _full_clean(right, prefix, exclude=["case"])
    right.save()
    return right


def _full_clean(obj, prefix: str, exclude: list[str]) -> None:
    from django.core.exceptions import ValidationError

    from ipenforce.core.errors import from_django_validation

    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        error = from_django_validation(exc)
        error.field = f"{prefix}{error.field}" if error.field else None
        raise error from None


def _edit(actor, case: Case, version: int) -> Case:
    _may_edit(actor, case)
    locked = Case.objects.select_for_update().get(pk=case.pk)
    _bump(locked, version)
    locked.save(update_fields=["version", "updated_at"])
    return locked


@transaction.atomic
def party_add(*, actor, case: Case, version: int, data: dict) -> Party:
    case = _edit(actor, case, version)
    party = _party_save(case, Party(case=case), data)
    audit_append(actor=actor, action="case.party_add", target=case,
                 after={**snapshot(party, PARTY_FIELDS), "warnings": party.warnings})
    crime_alerts_refresh(case=case, actor=actor)
    return party


@transaction.atomic
def party_remove(*, actor, case: Case, version: int, party: Party) -> None:
    case = _edit(actor, case, version)
    audit_append(actor=actor, action="case.party_remove", target=case, before=snapshot(party, PARTY_FIELDS))
    party.delete()
    crime_alerts_refresh(case=case, actor=actor)


@transaction.atomic
def right_add(*, actor, case: Case, version: int, data: dict) -> IpRight:
    case = _edit(actor, case, version)
    right = _right_save(case, IpRight(case=case), data)
    audit_append(actor=actor, action="case.right_add", target=case, after=snapshot(right, RIGHT_FIELDS))
    crime_alerts_refresh(case=case, actor=actor)
    return right


@transaction.atomic
def right_remove(*, actor, case: Case, version: int, right: IpRight) -> None:
    case = _edit(actor, case, version)
    audit_append(actor=actor, action="case.right_remove", target=case, before=snapshot(right, RIGHT_FIELDS))
    right.delete()
    crime_alerts_refresh(case=case, actor=actor)



